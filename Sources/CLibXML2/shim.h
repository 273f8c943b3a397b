#ifndef ACADEMY_CLIBXML2_SHIM_H
#define ACADEMY_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its unicode headers clash with Foundation's
// (UErrorCode) in any module that sees both, and only a clean build shows it.
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xmlsave.h>

// xmlFree is a global function pointer, which Swift 6 treats as shared mutable state.
static inline void academy_xmlFree(void *pointer) {
    xmlFree(pointer);
}

#endif
