/*
 * fuzz_twin.c -- the engine against its scalar twin: the same engine built
 * a second time with H1_NO_SIMD (scan.h's scalar scanners) and
 * H1_NO_FAST_PATHS (no one-pass head path, no whole-method, version or
 * plain-field-line shortcuts; only the byte-by-byte states), linked under
 * h1_twin_* names (twin_rename.h, twin_slow.c).  Both must give the same
 * event log and the same message view (fz.h): one-shot, and with the SIMD
 * engine fed in pieces cut where the fuzzer chooses.  fuzz_simd compares
 * the scanners alone, at every offset; this target compares them, and the
 * fast paths, in place.
 *
 * Input: as fuzz_split.c, fz_split_read's layout (fz.h).
 */
#include "fz.h"

struct fz_out twin_slow_run(const struct h1_settings *set,
                            const struct fz_opts *o, const uint8_t *data,
                            size_t len, const size_t *cuts, size_t ncuts);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct fz_split s;
  if (!fz_split_read(data, size, &s))
    return 0;
  struct h1_settings set = fz_settings(&s.o);
  struct fz_out fast = fz_run(&set, &s.o, 1, s.in, s.len, NULL, 0);
  struct fz_out slow = twin_slow_run(&set, &s.o, s.in, s.len, NULL, 0);
  FZ_CHECK(strcmp(fast.log, slow.log) == 0,
           "SIMD and fast paths differ from the scalar engine\n  fast:   %s\n"
           "  scalar: %s",
           fast.log, slow.log);
  if (s.ncuts > 0) {
    struct fz_out cut = fz_run(&set, &s.o, 1, s.in, s.len, s.cuts, s.ncuts);
    FZ_CHECK(strcmp(cut.log, slow.log) == 0,
             "SIMD engine cut at %zu points differs from the scalar engine\n"
             "  fast, cut: %s\n  scalar:    %s",
             s.ncuts, cut.log, slow.log);
    fz_out_free(&cut);
  }
  fz_out_free(&fast);
  fz_out_free(&slow);
  return 0;
}
