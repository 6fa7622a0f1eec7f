/*
 * fuzz_split.c -- the same input one-shot, byte by byte and cut at points
 * the fuzzer chooses must give the same event log and the same message
 * view (h1.h: "Events, spans' contents, errors and offsets do not depend on
 * where the input is split").
 *
 * Input: the option bytes of fz.h, then one byte k (k % 16 cuts), then k
 * bytes each giving the gap to the next cut (1 + byte), then the data.
 */
#include "fz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct fz_opts o;
  if (!fz_opts_read(data, size, &o) || size < FZ_OPT_LEN + 1)
    return 0;
  size_t at = FZ_OPT_LEN;
  size_t k = data[at++] % 16u;
  if (size - at < k)
    return 0;
  const uint8_t *gaps = data + at;
  at += k;
  const uint8_t *in = data + at;
  size_t len = size - at;
  if (len > FZ_MAX_INPUT)
    len = FZ_MAX_INPUT;
  size_t cuts[16], ncuts = 0, pos = 0;
  for (size_t i = 0; i < k; i++) {
    pos += 1u + gaps[i];
    if (pos >= len)
      break;
    cuts[ncuts++] = pos;
  }
  struct h1_settings set = fz_settings(&o);
  struct fz_out one = fz_run(&set, &o, 1, in, len, NULL, 0);
  struct fz_out cut = fz_run(&set, &o, 1, in, len, cuts, ncuts);
  FZ_CHECK(strcmp(one.log, cut.log) == 0,
           "split at %zu points differs from one-shot\n  one-shot: %s\n  "
           "split:    %s",
           ncuts, one.log, cut.log);
  if (len > 1) {
    struct fz_out bb = fz_run(&set, &o, 1, in, len, NULL, (size_t)-1);
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
