/* split_shim.c -- random stream splits for the conformance suite.
 *
 * Linked into a copy of the `h1` CLI with -Wl,--wrap=h1_execute: every call the CLI makes
 * to h1_execute() is handed at most a pseudo-random number of bytes (1..64, small sizes
 * favoured), so the input reaches the engine in random pieces. The CLI's loop feeds the rest
 * on the next call, exactly as it does for --chunk N. The split sequence depends only on
 * H1_SPLIT_SEED (decimal, default 1), so a disagreement is reproducible.
 *
 * Not part of the engine or the CLI: conformance/h1conf.py builds it from the build tree's
 * objects (or the sources) into its cache directory.
 */
#include <h1/h1.h>
#include <stdlib.h>

size_t __real_h1_execute(h1_parser *p, const char *data, size_t len,
                         struct h1_event *ev);
size_t __wrap_h1_execute(h1_parser *p, const char *data, size_t len,
                         struct h1_event *ev);

static unsigned long long split_state;
static int split_ready;

static unsigned long long split_next(void) {
  /* xorshift64* */
  split_state ^= split_state >> 12;
  split_state ^= split_state << 25;
  split_state ^= split_state >> 27;
  return split_state * 2685821657736338717ULL;
}

size_t __wrap_h1_execute(h1_parser *p, const char *data, size_t len,
                         struct h1_event *ev) {
  if (!split_ready) {
    const char *s = getenv("H1_SPLIT_SEED");
    split_state = (s ? strtoull(s, NULL, 10) : 1ULL) * 0x9E3779B97F4A7C15ULL + 1ULL;
    if (split_state == 0)
      split_state = 1;
    split_ready = 1;
  }
  if (len > 1) {
    unsigned long long r = split_next();
    size_t cap = (r & 1) ? 1 + (size_t)((r >> 8) % 4) : 1 + (size_t)((r >> 8) % 64);
    if (cap < len)
      len = cap;
  }
  return __real_h1_execute(p, data, len, ev);
}
