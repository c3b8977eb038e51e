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

// xmlFree is a global function-pointer variable, which Swift 6 refuses to touch.
static inline void cxml_free(void *pointer) { xmlFree(pointer); }

#endif
