/*
 * run_pico.c -- picohttpparser's runner: the phr_* functions Debian's
 * libh2o-evloop exports (h2o 2.2.5, built by Debian without SSE4.2: the
 * scalar path only).  pico parses heads; the framing is the caller's, so
 * the runner finds Content-Length and Transfer-Encoding among the lines it
 * walks anyway, skips a known length, and decodes chunked bodies with
 * phr_decode_chunked, which works in place: on a copy of the body, since
 * the input must stay intact for the next round (the copy is timed with
 * it; bench.c reports the copy's own cost).
 */
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "../peers/phr.h"
#include "bench.h"

static char scratch[16384];

size_t bench_copy(const char *d, size_t n) {
  if (n > sizeof scratch)
    return 0;
  memcpy(scratch, d, n);
  return n;
}

/* The body of the message whose head ends at d: -1 on error, else the bytes
 * consumed. */
static long body(const char *d, size_t len, const struct phr_header *h,
                 size_t nh, struct tally *t) {
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
  left = phr_decode_chunked(&dec, scratch, &n);
  if (left < 0)
    return -1;
  t->body += n;
  return (long)(len - (size_t)left);
}

int run_pico(const struct bench_input *in, struct tally *t) {
  size_t off = 0, k;
  while (off < in->len) {
    struct phr_header h[256];
    const char *target;
    size_t target_len, nh = 256;
    int minor, status, r;
    long b;
    if (in->response)
      r = phr_parse_response(in->data + off, in->len - off, &minor, &status,
                             &target, &target_len, h, &nh, 0);
    else {
      const char *method;
      size_t method_len;
      r = phr_parse_request(in->data + off, in->len - off, &method, &method_len,
                            &target, &target_len, &minor, h, &nh, 0);
    }
    if (r <= 0)
      return -1;
    off += (size_t)r;
    t->spans += target_len;
    for (k = 0; k < nh; k++)
      BENCH_LINE(t, h[k].name_len, h[k].value_len);
    b = body(in->data + off, in->len - off, h, nh, t);
    if (b < 0)
      return -1;
    off += (size_t)b;
    t->messages++;
  }
  t->consumed += off;
  return 0;
}
