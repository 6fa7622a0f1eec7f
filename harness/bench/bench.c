/*
 * bench.c -- h1's parser against llhttp and picohttpparser, side by side in
 * one process, on the same inputs.  Prints ns per message and MB/s for each
 * and the ratios.  Never a pass/fail: a measurement.
 *
 * llhttp is built from the C sources Debian's node-llhttp ships (8.1.0; Node
 * 20 embeds 9.3.1 of the same generator); picohttpparser is the phr_*
 * functions exported by Debian's libh2o-evloop.  Each parser does the same
 * work: the request line and every header as spans, the body located.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "h1/h1.h"
#include "llhttp.h"

/* picohttpparser's API, as exported by libh2o-evloop (no header shipped). */
struct phr_header {
  const char *name;
  size_t name_len;
  const char *value;
  size_t value_len;
};
int phr_parse_request(const char *buf, size_t len, const char **method,
                      size_t *method_len, const char **path, size_t *path_len,
                      int *minor_version, struct phr_header *headers,
                      size_t *num_headers, size_t last_len);

static const char req_small[] = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";

static const char req_browser[] =
    "GET /wp-content/uploads/2010/03/hello-kitty-darth-vader-pink.jpg "
    "HTTP/1.1\r\n"
    "Host: www.kittyhell.com\r\n"
    "User-Agent: Mozilla/5.0 (Macintosh; U; Intel Mac OS X 10_6_8; ja-JP-mac; "
    "rv:1.9.2.3) Gecko/20100401 Firefox/3.6.3 Pathtraq/0.9\r\n"
    "Accept: "
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
    "Accept-Language: ja,en-us;q=0.7,en;q=0.3\r\n"
    "Accept-Encoding: gzip,deflate\r\n"
    "Accept-Charset: Shift_JIS,utf-8;q=0.7,*;q=0.7\r\n"
    "Keep-Alive: 115\r\n"
    "Connection: keep-alive\r\n"
    "Cookie: wp_ozh_wsa_visits=2; wp_ozh_wsa_visit_lasttime=xxxxxxxxxx; "
    "__utma=xxxxxxxxx.xxxxxxxxxx.xxxxxxxxxx.xxxxxxxxxx.xxxxxxxxxx.x; "
    "__utmz=xxxxxxxxx.xxxxxxxxxx.x.x.utmccn=(referral)|utmcsr=reader.livedoor."
    "com|utmcct=/reader/|utmcmd=referral\r\n"
    "\r\n";

static const char req_api[] =
    "POST /api/v1/orders?customer=12345&expand=items HTTP/1.1\r\n"
    "Host: api.example.com\r\n"
    "Content-Type: application/json\r\n"
    "Authorization: Bearer "
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIx\r\n"
    "Accept: application/json\r\n"
    "X-Request-Id: 9f1c2a3b-4d5e-6f70-8192-a3b4c5d6e7f8\r\n"
    "Content-Length: 41\r\n"
    "\r\n"
    "{\"item\":\"widget\",\"qty\":3,\"note\":\"rush!!\"}";

struct input {
  const char *name;
  const char *data;
  size_t len;
  size_t body; /* body bytes at the end (pico skips them by hand) */
};

#define STREAM_K 16 /* messages per connection in stream mode */
static char stream_buf[STREAM_K * 1024];

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static volatile size_t sink;

/* ---- h1 ---- */
static struct h1_header h1_slots[256];
static char h1_arena[4096];

/* Parses every message in d[0..len) with one parser; returns the count. */
static int run_h1(const char *d, size_t len) {
  h1_parser p;
  struct h1_event ev;
  size_t off = 0, body = 0;
  int n = 0;
  h1_parser_init(&p, NULL, h1_slots, 256, h1_arena, sizeof(h1_arena));
  for (;;) {
    off += h1_execute(&p, d + off, len - off, &ev);
    if (ev.type == H1_EV_BODY) {
      body += ev.data.len;
    } else if (ev.type == H1_EV_MESSAGE_END) {
      n++;
      sink += p.msg.num_headers;
    } else if (ev.type == H1_EV_NONE) {
      break;
    } else if (ev.type != H1_EV_HEAD) {
      return -1;
    }
  }
  sink += body;
  return n;
}

/* ---- llhttp: callbacks record spans, as h1 and pico hand them over ---- */
struct ll_state {
  struct h1_header h[256];
  size_t n;
  const char *url;
  size_t url_len, body;
  int done;
};

static int ll_url(llhttp_t *p, const char *at, size_t n) {
  struct ll_state *s = p->data;
  s->url = at;
  s->url_len = n;
  return 0;
}
static int ll_field(llhttp_t *p, const char *at, size_t n) {
  struct ll_state *s = p->data;
  s->h[s->n].name.ptr = at;
  s->h[s->n].name.len = n;
  return 0;
}
static int ll_value(llhttp_t *p, const char *at, size_t n) {
  struct ll_state *s = p->data;
  s->h[s->n].value.ptr = at;
  s->h[s->n].value.len = n;
  s->n++;
  return 0;
}
static int ll_body(llhttp_t *p, const char *at, size_t n) {
  struct ll_state *s = p->data;
  (void)at;
  s->body += n;
  return 0;
}
static int ll_done(llhttp_t *p) {
  struct ll_state *s = p->data;
  s->done++;
  s->n = 0;
  return 0;
}

static llhttp_settings_t ll_settings;

static int run_llhttp(const char *d, size_t len) {
  llhttp_t p;
  struct ll_state s;
  s.n = 0;
  s.body = 0;
  s.done = 0;
  llhttp_init(&p, HTTP_REQUEST, &ll_settings);
  p.data = &s;
  if (llhttp_execute(&p, d, len) != HPE_OK)
    return -1;
  sink += s.n + s.body;
  return s.done;
}

/* ---- picohttpparser ---- */
static size_t pico_body; /* the body length of the current input */

static int run_pico(const char *d, size_t len) {
  size_t off = 0;
  int n = 0;
  while (off < len) {
    const char *method, *path;
    size_t mlen, plen, nh = 256;
    int minor, r;
    struct phr_header h[256];
    r = phr_parse_request(d + off, len - off, &method, &mlen, &path, &plen,
                          &minor, h, &nh, 0);
    if (r < 0)
      return -1;
    off += (size_t)r + pico_body;
    sink += nh;
    n++;
  }
  return n;
}

typedef int (*runner)(const char *, size_t);

/* Median of 5 timed runs, in ns per message: `iters` parser lifetimes of
 * `k` messages each. */
static double measure(runner fn, const char *d, size_t len, int k, long iters,
                      const char *name) {
  double t[5], tmp;
  int r, i, j;
  for (r = 0; r < 5; r++) {
    double t0 = now_ns();
    long it;
    for (it = 0; it < iters; it++) {
      if (fn(d, len) != k) {
        fprintf(stderr, "bench: %s failed to parse\n", name);
        exit(2);
      }
    }
    t[r] = (now_ns() - t0) / (double)iters / k;
  }
  for (i = 1; i < 5; i++)
    for (j = i; j > 0 && t[j] < t[j - 1]; j--) {
      tmp = t[j];
      t[j] = t[j - 1];
      t[j - 1] = tmp;
    }
  return t[2];
}

/* --one PARSER INPUT K ITERS: ITERS runs of one parser over K pipelined
 * copies of one input, untimed: for counting instructions under valgrind
 * (ci/bench --instructions subtracts an ITERS=0 run). */
static int run_one(const struct input *inputs, size_t ninputs, char **argv) {
  static const struct {
    const char *name;
    runner fn;
  } parsers[] = {{"h1", run_h1}, {"llhttp", run_llhttp}, {"pico", run_pico}};
  size_t i, j;
  int k = atoi(argv[2]), m;
  long it, iters = atol(argv[3]);
  for (i = 0; i < 3 && strcmp(parsers[i].name, argv[0]) != 0; i++)
    ;
  for (j = 0; j < ninputs && strcmp(inputs[j].name, argv[1]) != 0; j++)
    ;
  if (i == 3 || j == ninputs || k < 1 || k > STREAM_K) {
    fprintf(stderr, "bench: --one h1|llhttp|pico INPUT 1..%d ITERS\n",
            STREAM_K);
    return 2;
  }
  for (m = 0; m < k; m++)
    memcpy(stream_buf + (size_t)m * inputs[j].len, inputs[j].data,
           inputs[j].len);
  pico_body = inputs[j].body;
  for (it = 0; it < iters; it++) {
    if (parsers[i].fn(stream_buf, inputs[j].len * (size_t)k) != k) {
      fprintf(stderr, "bench: %s failed to parse\n", argv[0]);
      return 2;
    }
  }
  return 0;
}

int main(int argc, char **argv) {
  static const struct input inputs[] = {
      {"small GET", req_small, sizeof(req_small) - 1, 0},
      {"browser GET", req_browser, sizeof(req_browser) - 1, 0},
      {"API POST+body", req_api, sizeof(req_api) - 1, 41},
  };
  long iters = argc > 1 ? atol(argv[1]) : 200000;
  size_t i;
  int mode;

  llhttp_settings_init(&ll_settings);
  ll_settings.on_url = ll_url;
  ll_settings.on_header_field = ll_field;
  ll_settings.on_header_value = ll_value;
  ll_settings.on_body = ll_body;
  ll_settings.on_message_complete = ll_done;
  if (argc == 6 && strcmp(argv[1], "--one") == 0)
    return run_one(inputs, sizeof(inputs) / sizeof(inputs[0]), argv + 2);

  printf("%-26s %6s %9s %9s %9s %9s %9s\n", "input", "bytes", "h1 ns",
         "llhttp ns", "pico ns", "x llhttp", "x pico");
  for (mode = 0; mode < 2; mode++) {
    for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
      const struct input *in = &inputs[i];
      const char *d = in->data;
      size_t len = in->len;
      int k = 1, m;
      double a, b, c;
      char label[64];
      if (mode == 1) {
        k = STREAM_K;
        for (m = 0; m < k; m++)
          memcpy(stream_buf + (size_t)m * in->len, in->data, in->len);
        d = stream_buf;
        len = in->len * (size_t)k;
      }
      snprintf(label, sizeof(label), "%s%s", in->name,
               mode ? " (keep-alive x16)" : "");
      pico_body = in->body;
      a = measure(run_h1, d, len, k, iters / k, label);
      b = measure(run_llhttp, d, len, k, iters / k, label);
      c = measure(run_pico, d, len, k, iters / k, label);
      printf("%-26s %6zu %9.1f %9.1f %9.1f %8.2fx %8.2fx\n", label, in->len, a,
             b, c, b / a, c / a);
    }
  }
  printf("ns per message, median of 5 runs; ratios > 1: h1 is faster.\n"
         "llhttp is Debian's %d.%d.%d C build (Node 20 embeds 9.3.1);\n"
         "pico validates less and skips bodies by a known length.\n",
         LLHTTP_VERSION_MAJOR, LLHTTP_VERSION_MINOR, LLHTTP_VERSION_PATCH);
  return 0;
}
