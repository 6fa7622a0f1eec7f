/*
 * fuzz_diff_pico.c -- h1 against picohttpparser (Debian's libh2o-evloop),
 * through the adapter of fuzz/adapters/pico.c; differences must fall in a
 * class of fuzz/classes/pico.h.  Input layout as in fz.h.
 */
#include "adapter.h"

extern const struct h1_fuzz_adapter h1fa_pico;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return h1fa_differential(&h1fa_pico, data, size);
}
