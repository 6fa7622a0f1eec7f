/*
 * inputs.c -- the benchmark's seven inputs (issue 13): a 37-byte GET, a
 * curl-style GET, a browser request, a request with 40 header lines, a
 * response with its head, a chunked POST with a 4 KiB body, and 16
 * pipelined requests (a keep-alive mix of the first three).  The larger ones
 * are assembled once, at start.
 */
#include <stdio.h>
#include <string.h>

#include "bench.h"

static const char get37[] = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n";

static const char curl[] = "GET /api/v1/items?limit=20 HTTP/1.1\r\n"
                           "Host: api.example.com\r\n"
                           "User-Agent: curl/7.88.1\r\n"
                           "Accept: */*\r\n"
                           "\r\n";

static const char browser[] =
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

/* The response the server benchmark's servers send, with a fuller head. */
static const char response[] = "HTTP/1.1 200 OK\r\n"
                               "Date: Wed, 02 Dec 2026 01:00:00 GMT\r\n"
                               "Server: h1\r\n"
                               "Content-Type: text/plain; charset=utf-8\r\n"
                               "Cache-Control: no-cache\r\n"
                               "ETag: \"5f1c-d\"\r\n"
                               "Vary: Accept-Encoding\r\n"
                               "Connection: keep-alive\r\n"
                               "Keep-Alive: timeout=5\r\n"
                               "Content-Length: 13\r\n"
                               "\r\n"
                               "Hello, World!";

static char many[4096];      /* 40 header lines */
static char chunked[8192];   /* 4 chunks of 1 KiB */
static char pipelined[8192]; /* 16 requests: 37-byte, curl, browser, curl,
                                four times */

static size_t add(char *buf, size_t cap, size_t at, const char *s, size_t n) {
  if (at + n > cap) {
    fprintf(stderr, "bench: an input outgrew its buffer\n");
    return cap + 1;
  }
  memcpy(buf + at, s, n);
  return at + n;
}

static size_t build_many(void) {
  char line[128];
  size_t at = 0;
  int i, n;
  at = add(many, sizeof many, at, "GET /dashboard HTTP/1.1\r\n", 25);
  at = add(many, sizeof many, at, "Host: app.example.com\r\n", 23);
  for (i = 1; i < 40; i++) {
    n = snprintf(line, sizeof line,
                 "X-Field-%02d: value %02d of the test %s\r\n", i, i,
                 i % 3 ? "head" : "request, with a longer tail");
    at = add(many, sizeof many, at, line, (size_t)n);
  }
  return add(many, sizeof many, at, "\r\n", 2);
}

static size_t build_chunked(void) {
  static const char head[] = "POST /upload HTTP/1.1\r\n"
                             "Host: files.example.com\r\n"
                             "Content-Type: application/octet-stream\r\n"
                             "Transfer-Encoding: chunked\r\n"
                             "\r\n";
  char data[1024];
  size_t at = 0, i;
  int c;
  for (i = 0; i < sizeof data; i++)
    data[i] = (char)('a' + i % 26);
  at = add(chunked, sizeof chunked, at, head, sizeof head - 1);
  for (c = 0; c < 4; c++) {
    at = add(chunked, sizeof chunked, at, "400\r\n", 5);
    at = add(chunked, sizeof chunked, at, data, sizeof data);
    at = add(chunked, sizeof chunked, at, "\r\n", 2);
  }
  return add(chunked, sizeof chunked, at, "0\r\n\r\n", 5);
}

static size_t build_pipelined(void) {
  size_t at = 0;
  int r;
  for (r = 0; r < 4; r++) {
    at = add(pipelined, sizeof pipelined, at, get37, sizeof get37 - 1);
    at = add(pipelined, sizeof pipelined, at, curl, sizeof curl - 1);
    at = add(pipelined, sizeof pipelined, at, browser, sizeof browser - 1);
    at = add(pipelined, sizeof pipelined, at, curl, sizeof curl - 1);
  }
  return at;
}

const struct bench_input *bench_inputs(size_t *n) {
  static struct bench_input in[] = {
      {"get37", "37-byte GET", get37, sizeof get37 - 1, 0, 1},
      {"curl", "curl GET", curl, sizeof curl - 1, 0, 1},
      {"browser", "browser GET", browser, sizeof browser - 1, 0, 1},
      {"headers40", "40 header lines", many, 0, 0, 1},
      {"response", "response 200", response, sizeof response - 1, 1, 1},
      {"chunked4k", "chunked POST 4 KiB", chunked, 0, 0, 1},
      {"pipelined16", "16 pipelined", pipelined, 0, 0, 16},
  };
  if (in[3].len == 0) {
    in[3].len = build_many();
    in[5].len = build_chunked();
    in[6].len = build_pipelined();
  }
  *n = sizeof in / sizeof in[0];
  return in;
}
