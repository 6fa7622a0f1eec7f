/*
 * fuzz_twin.c -- the engine against its scalar twin: the same engine built
 * a second time with H1_NO_SIMD (scan.h's scalar scanners) and
 * H1_NO_FAST_PATHS (no whole-method, version or plain-field-line shortcuts;
 * only the byte-by-byte states), linked under h1_twin_* names
 * (twin_rename.h, twin_slow.c).  Both must give the same event log and the
 * same message view (fz.h): one-shot, and with the SIMD engine fed in
 * pieces cut where the fuzzer chooses.  fuzz_simd compares the scanners
 * alone, at every offset; this target compares them, and the fast paths, in
 * place.
 *
 * Input: as fuzz_split.c: the option bytes of fz.h, one byte k (k % 16
 * cuts), k gap bytes (1 + byte each), then the data.
 */
#include "fz.h"

struct fz_out twin_slow_run(const struct h1_settings *set,
                            const struct fz_opts *o, const uint8_t *data,
                            size_t len, const size_t *cuts, size_t ncuts);

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
  struct fz_out fast = fz_run(&set, &o, 1, in, len, NULL, 0);
  struct fz_out slow = twin_slow_run(&set, &o, in, len, NULL, 0);
  FZ_CHECK(strcmp(fast.log, slow.log) == 0,
           "SIMD and fast paths differ from the scalar engine\n  fast:   %s\n"
           "  scalar: %s",
           fast.log, slow.log);
  if (ncuts > 0) {
    struct fz_out cut = fz_run(&set, &o, 1, in, len, cuts, ncuts);
    FZ_CHECK(strcmp(cut.log, slow.log) == 0,
             "SIMD engine cut at %zu points differs from the scalar engine\n"
             "  fast, cut: %s\n  scalar:    %s",
             ncuts, cut.log, slow.log);
    fz_out_free(&cut);
  }
  fz_out_free(&fast);
  fz_out_free(&slow);
  return 0;
}
