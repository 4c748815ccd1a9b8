// System calls Swift cannot import directly: renameat2 (glibc declares it only under
// _GNU_SOURCE) and prctl (variadic).
#ifndef CGAPMAPSYSTEM_H
#define CGAPMAPSYSTEM_H

// Atomically exchanges the two paths (renameat2 RENAME_EXCHANGE). Returns 0, or -1 with errno
// set (EINVAL or ENOSYS where the file system or kernel cannot exchange).
int gapmap_rename_exchange(const char *a, const char *b);

// Asks the kernel to send `signal` to this process when its parent dies
// (prctl PR_SET_PDEATHSIG). Returns 0, or -1 with errno set (and on systems without it).
int gapmap_set_parent_death_signal(int signal);

#endif
