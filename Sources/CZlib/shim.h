// zlib for Swift (docs/platform-notes §1, §1a).
#ifndef EDIGATE_CZLIB_SHIM_H
#define EDIGATE_CZLIB_SHIM_H

#include <zlib.h>

// The *Init* entry points are macros (they pass ZLIB_VERSION and sizeof(z_stream)), which Swift does
// not import. windowBits: 15 + 16 = gzip only, 15 + 32 = gzip or zlib (auto), -15 = raw deflate.
static inline int czlib_inflate_init(z_streamp stream) { return inflateInit(stream); }
static inline int czlib_inflate_init2(z_streamp stream, int windowBits) { return inflateInit2(stream, windowBits); }
static inline int czlib_deflate_init(z_streamp stream, int level) { return deflateInit(stream, level); }
static inline int czlib_deflate_init2(z_streamp stream, int level, int windowBits, int memLevel, int strategy) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, strategy);
}

#endif
