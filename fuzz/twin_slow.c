/*
 * twin_slow.c -- fz_run (fz.h) over the scalar engine for fuzz_twin.c.
 * Built with H1_NO_SIMD, H1_NO_FAST_PATHS and twin_rename.h force-included,
 * like that engine's copy of core/src/parser.c and view.c, so every h1_*
 * call below goes to the h1_twin_* copy.
 */
#include "fz.h"

#if !defined(H1_NO_SIMD) || !defined(H1_NO_FAST_PATHS) ||                      \
    !defined(H1_TWIN_RENAME_H)
#error "twin_slow.c is built with H1_NO_SIMD, H1_NO_FAST_PATHS, twin_rename.h"
#endif

/* declared in fuzz_twin.c, the one caller */
struct fz_out twin_slow_run(const struct h1_settings *set,
                            const struct fz_opts *o, const uint8_t *data,
                            size_t len, const size_t *cuts, size_t ncuts);

struct fz_out twin_slow_run(const struct h1_settings *set,
                            const struct fz_opts *o, const uint8_t *data,
                            size_t len, const size_t *cuts, size_t ncuts) {
  return fz_run(set, o, 1, data, len, cuts, ncuts);
}
