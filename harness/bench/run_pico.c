/*
 * run_pico.c -- picohttpparser's runners: the phr_* functions Debian's
 * libh2o-evloop exports (h2o 2.2.5, built by Debian without SSE4.2: the
 * scalar path only), and, where ci/bench could fetch Debian's h2o source
 * package (ci/lib/pico-source), the same picohttpparser.c built with h1's
 * flags and -msse4.2, its functions renamed h1_bench_sse42_phr_* so that
 * both live in one process (H1_BENCH_PICO_SSE42).  pico parses heads; the
 * framing is the caller's, so the runner finds Content-Length and
 * Transfer-Encoding among the lines it walks anyway, skips a known length, and
 * decodes chunked bodies with phr_decode_chunked, which works in place: on a
 * copy of the body, since the input must stay intact for the next round (the
 * copy is timed with it; bench.c reports the copy's own cost).
 */
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "../peers/phr.h"
#include "bench.h"

/* The three functions a runner calls, from one build or the other. */
struct pico_api {
  int (*parse_request)(const char *, size_t, const char **, size_t *,
                       const char **, size_t *, int *, struct phr_header *,
                       size_t *, size_t);
  int (*parse_response)(const char *, size_t, int *, int *, const char **,
                        size_t *, struct phr_header *, size_t *, size_t);
  ssize_t (*decode_chunked)(struct phr_chunked_decoder *, char *, size_t *);
};

static char scratch[16384];

size_t bench_copy(const char *d, size_t n) {
  if (n > sizeof scratch)
    return 0;
  memcpy(scratch, d, n);
  return n;
}

/* The body of the message whose head ends at d: -1 on error, else the bytes
 * consumed. */
static long body(const struct pico_api *api, const char *d, size_t len,
                 const struct phr_header *h, size_t nh, struct tally *t) {
  struct phr_chunked_decoder dec;
  size_t k, cl = 0, n;
  int chunked = 0;
  ssize_t left;
  for (k = 0; k < nh; k++) {
    if (h[k].name_len == 14 &&
        strncasecmp(h[k].name, "content-length", 14) == 0) {
      for (n = 0; n < h[k].value_len; n++)
        cl = cl * 10 + (size_t)(h[k].value[n] - '0');
    } else if (h[k].name_len == 17 &&
               strncasecmp(h[k].name, "transfer-encoding", 17) == 0) {
      chunked =
          h[k].value_len == 7 && strncasecmp(h[k].value, "chunked", 7) == 0;
    }
  }
  if (!chunked) {
    if (cl > len)
      return -1;
    t->body += cl;
    return (long)cl;
  }
  memset(&dec, 0, sizeof dec);
  dec.consume_trailer = 1;
  n = bench_copy(d, len);
  left = api->decode_chunked(&dec, scratch, &n);
  if (left < 0)
    return -1;
  t->body += n;
  return (long)(len - (size_t)left);
}

/* Inlined into each runner with its constant api: direct calls. */
static inline int run_with(const struct pico_api *api,
                           const struct bench_input *in, struct tally *t) {
  size_t off = 0, k;
  while (off < in->len) {
    struct phr_header h[256];
    const char *target;
    size_t target_len, nh = 256;
    int minor, status, r;
    long b;
    if (in->response)
      r = api->parse_response(in->data + off, in->len - off, &minor, &status,
                              &target, &target_len, h, &nh, 0);
    else {
      const char *method;
      size_t method_len;
      r = api->parse_request(in->data + off, in->len - off, &method,
                             &method_len, &target, &target_len, &minor, h, &nh,
                             0);
    }
    if (r <= 0)
      return -1;
    off += (size_t)r;
    t->spans += target_len;
    for (k = 0; k < nh; k++)
      BENCH_LINE(t, h[k].name_len, h[k].value_len);
    b = body(api, in->data + off, in->len - off, h, nh, t);
    if (b < 0)
      return -1;
    off += (size_t)b;
    t->messages++;
  }
  t->consumed += off;
  return 0;
}

int run_pico(const struct bench_input *in, struct tally *t) {
  static const struct pico_api debian = {phr_parse_request, phr_parse_response,
                                         phr_decode_chunked};
  return run_with(&debian, in, t);
}

#ifdef H1_BENCH_PICO_SSE42
int h1_bench_sse42_phr_parse_request(const char *, size_t, const char **,
                                     size_t *, const char **, size_t *, int *,
                                     struct phr_header *, size_t *, size_t);
int h1_bench_sse42_phr_parse_response(const char *, size_t, int *, int *,
                                      const char **, size_t *,
                                      struct phr_header *, size_t *, size_t);
ssize_t h1_bench_sse42_phr_decode_chunked(struct phr_chunked_decoder *, char *,
                                          size_t *);

int run_pico_sse42(const struct bench_input *in, struct tally *t) {
  static const struct pico_api sse42 = {h1_bench_sse42_phr_parse_request,
                                        h1_bench_sse42_phr_parse_response,
                                        h1_bench_sse42_phr_decode_chunked};
  return run_with(&sse42, in, t);
}
#endif
