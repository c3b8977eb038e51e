// libxml2 for Swift (docs/platform-notes §1, §1b).
#ifndef EDIGATE_CLIBXML2_SHIM_H
#define EDIGATE_CLIBXML2_SHIM_H

// Debian's xmlversion.h enables ICU, which makes encoding.h include the system <unicode/ucnv.h>; that
// clashes with the toolchain's _FoundationICU in any Swift module that also sees Foundation.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlIO.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

// xmlFree is a global function-pointer variable, which Swift 6 refuses to touch.
static inline void cxml_free(void *pointer) { xmlFree(pointer); }

// libxml2 still prints some errors (XPath "function not found", I/O warnings while loading schema includes) through
// the per-thread generic handler, a variadic function Swift cannot implement: silence it around such calls.
typedef struct {
    xmlGenericErrorFunc function;
    void *context;
} cxml_generic_handler;

static inline void cxml_ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

static inline cxml_generic_handler cxml_silence_generic_errors(void) {
    cxml_generic_handler saved = {xmlGenericError, xmlGenericErrorContext};
    xmlSetGenericErrorFunc(NULL, cxml_ignore_generic_error);
    return saved;
}

static inline void cxml_restore_generic_errors(cxml_generic_handler saved) {
    xmlSetGenericErrorFunc(saved.context, saved.function);
}

#endif
