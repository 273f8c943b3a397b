#include "CAcademyXMLSupport.h"

#include <errno.h>

#if defined(__linux__)
#include <linux/openat2.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_openat2
#define SYS_openat2 437
#endif

int academy_open_without_links(int directory, const char *path, int flags) {
    struct open_how how = {.flags = (uint64_t)(unsigned)flags, .mode = 0, .resolve = RESOLVE_NO_SYMLINKS};
    return (int)syscall(SYS_openat2, directory, path, &how, sizeof how);
}
#else
int academy_open_without_links(int directory, const char *path, int flags) {
    (void)directory;
    (void)path;
    (void)flags;
    errno = ENOSYS;
    return -1;
}
#endif
