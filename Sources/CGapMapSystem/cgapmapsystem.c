#define _GNU_SOURCE
#include "cgapmapsystem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

int gapmap_rename_exchange(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
  return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */);
#else
  (void)a;
  (void)b;
  errno = ENOSYS;
  return -1;
#endif
}

int gapmap_set_parent_death_signal(int signal) {
#ifdef __linux__
  return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0, 0, 0);
#else
  (void)signal;
  errno = ENOSYS;
  return -1;
#endif
}
