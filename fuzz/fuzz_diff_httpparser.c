/*
 * fuzz_diff_httpparser.c -- h1 against http-parser 2.9.4 (Debian's
 * libhttp-parser), through the adapter of fuzz/adapters/httpparser.c;
 * differences must fall in a class of fuzz/classes/httpparser.h.  Input layout
 * as in fz.h.
 */
#include "adapter.h"

extern const struct h1_fuzz_adapter h1fa_httpparser;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return h1fa_differential(&h1fa_httpparser, data, size);
}
