/* split_shim.c -- random stream splits for the conformance suite.
 *
 * Linked into a copy of the `h1` CLI with -Wl,--wrap=h1_execute: every call the CLI makes
 * to h1_execute() is handed at most a pseudo-random number of bytes (1..64, small sizes
 * favoured), so the input reaches the engine in random pieces. The CLI's loop feeds the rest
 * on the next call, exactly as it does for --chunk N. The split sequence depends only on
 * H1_SPLIT_SEED (decimal, default 1), so a disagreement is reproducible.
 *
 * `h1 parse --each A B ...` parses several inputs in one process, each after its own
 * h1_server_init() or h1_client_init() (also wrapped): the k-th of them restarts the sequence
 * from the k-th seed of H1_SPLIT_SEEDS (decimal, comma-separated), so that input is split
 * exactly as `H1_SPLIT_SEED=<that seed> h1 parse B` splits it alone. With H1_SPLIT_TRACE set,
 * each piece's length goes to standard error ("split N"; "split init" per input), which
 * conformance/test_corpus.py compares between a batch and its runs alone.
 *
 * Not part of the engine or the CLI: conformance/h1conf.py builds it from the build tree's
 * objects (or the sources) into its cache directory.
 */
#include <h1/h1.h>
#include <h1/h1_conn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t __real_h1_execute(h1_parser *p, const char *data, size_t len,
                         struct h1_event *ev);
size_t __wrap_h1_execute(h1_parser *p, const char *data, size_t len,
                         struct h1_event *ev);
void __real_h1_server_init(h1_server_conn *c, const struct h1_server_options *opt,
                           const struct h1_conn_mem *mem, int64_t now);
void __wrap_h1_server_init(h1_server_conn *c, const struct h1_server_options *opt,
                           const struct h1_conn_mem *mem, int64_t now);
void __real_h1_client_init(h1_client_conn *c, const struct h1_client_options *opt,
                           const struct h1_conn_mem *mem);
void __wrap_h1_client_init(h1_client_conn *c, const struct h1_client_options *opt,
                           const struct h1_conn_mem *mem);

static unsigned long long split_state;
static int split_ready;
static int split_inits; /* connections initialised so far */

static void split_trace(const char *what, size_t n) {
  if (getenv("H1_SPLIT_TRACE") != NULL)
    fprintf(stderr, "split %s%zu\n", what, n);
}

/* The seed of the k-th input (0-based): H1_SPLIT_SEEDS's k-th, else H1_SPLIT_SEED. */
static unsigned long long split_seed(int k) {
  const char *s = getenv("H1_SPLIT_SEEDS");
  while (s != NULL && k-- > 0) {
    s = strchr(s, ',');
    if (s != NULL)
      s++;
  }
  if (s == NULL)
    s = getenv("H1_SPLIT_SEED");
  return s ? strtoull(s, NULL, 10) : 1ULL;
}

void __wrap_h1_server_init(h1_server_conn *c, const struct h1_server_options *opt,
                           const struct h1_conn_mem *mem, int64_t now) {
  split_ready = 0;
  split_inits++;
  split_trace("init ", 0);
  __real_h1_server_init(c, opt, mem, now);
}

void __wrap_h1_client_init(h1_client_conn *c, const struct h1_client_options *opt,
                           const struct h1_conn_mem *mem) {
  split_ready = 0;
  split_inits++;
  split_trace("init ", 0);
  __real_h1_client_init(c, opt, mem);
}

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
    split_state = split_seed(split_inits > 0 ? split_inits - 1 : 0) * 0x9E3779B97F4A7C15ULL + 1ULL;
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
  split_trace("", len);
  return __real_h1_execute(p, data, len, ev);
}
