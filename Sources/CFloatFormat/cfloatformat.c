#include "cfloatformat.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

// The Swift runtime's own formatter behind Double.description (stdlib/public/stubs/Stubs.cpp),
// exported by libswiftCore. Calling it directly avoids one String allocation per number.
extern uint64_t swift_float64ToString(char *Buffer, size_t BufferLength, double Value, bool Debug);

size_t gapmap_format_double(double value, char *buffer, size_t length) {
  // The runtime skips leading zeros it expects the caller's buffer to hold already.
  memset(buffer, '0', length);
  return (size_t)swift_float64ToString(buffer, length, value, false);
}
