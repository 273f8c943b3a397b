#ifndef ACADEMY_XML_SUPPORT_H
#define ACADEMY_XML_SUPPORT_H

#include <stddef.h>

/// The allocator that AcademyXML gives libxml2 (xmlMemSetup), before libxml2 allocates anything.
///
/// A parse and schema check of one small manifest makes and frees about 285 small blocks in
/// libxml2. Each thread keeps the blocks it frees in lists by size and hands them out again, so
/// that nearly every request is a pop from a list of the calling thread; glibc keeps only seven
/// per size in its thread cache and takes its slower paths for the rest. Blocks over 2 KB go to
/// malloc. A thread that frees many more blocks than it takes passes them to a shared pool, and a
/// thread that ends passes all of its blocks there, so no block is lost to a thread.
void *academy_xml_malloc(size_t size);
void academy_xml_free(void *pointer);
void *academy_xml_realloc(void *pointer, size_t size);
char *academy_xml_strdup(const char *text);

/// Opens `path` relative to the directory `directory` with `flags`, refusing a symbolic link
/// anywhere along the path, its last component included (Linux's openat2 with
/// RESOLVE_NO_SYMLINKS). Returns the descriptor, or -1 with errno set: ELOOP for a link, ENOSYS
/// (or EPERM under some sandboxes) where openat2 is not available.
int academy_open_without_links(int directory, const char *path, int flags);

#endif
