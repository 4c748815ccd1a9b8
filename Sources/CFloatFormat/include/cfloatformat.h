#ifndef CFLOATFORMAT_H
#define CFLOATFORMAT_H
#include <stddef.h>

/// Writes the shortest text that reads back to `value` — exactly what Swift's
/// `Double.description` prints — into `buffer` (no terminating NUL). Returns its length, 0 if
/// `length` is too small (32 bytes always suffice).
size_t gapmap_format_double(double value, char *buffer, size_t length);

#endif
