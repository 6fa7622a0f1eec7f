/*
 * fuzz_split.c -- the same input one-shot, byte by byte and cut at points
 * the fuzzer chooses must give the same event log and the same message
 * view (h1.h: "Events, spans' contents, errors and offsets do not depend on
 * where the input is split").
 *
 * Input: fz_split_read's layout (fz.h): the option bytes, k % 16 cuts,
 * then the data.
 */
#include "fz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct fz_split s;
  if (!fz_split_read(data, size, &s))
    return 0;
  struct h1_settings set = fz_settings(&s.o);
  struct fz_out one = fz_run(&set, &s.o, 1, s.in, s.len, NULL, 0);
  struct fz_out cut = fz_run(&set, &s.o, 1, s.in, s.len, s.cuts, s.ncuts);
  FZ_CHECK(strcmp(one.log, cut.log) == 0,
           "split at %zu points differs from one-shot\n  one-shot: %s\n  "
           "split:    %s",
           s.ncuts, one.log, cut.log);
  if (s.len > 1) {
    struct fz_out bb = fz_run(&set, &s.o, 1, s.in, s.len, NULL, (size_t)-1);
    FZ_CHECK(strcmp(one.log, bb.log) == 0,
             "byte by byte differs from one-shot\n  one-shot: %s\n  "
             "bytewise: %s",
             one.log, bb.log);
    fz_out_free(&bb);
  }
  fz_out_free(&one);
  fz_out_free(&cut);
  return 0;
}
