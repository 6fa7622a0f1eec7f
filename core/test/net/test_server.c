/*
 * test_server.c -- the server's lifetime calls, hooks and faults over real
 * sockets on 127.0.0.1, with Node's meaning:
 * - closeIdleConnections() destroys the connections with no request in
 *   progress (fresh ones included) and leaves the others alone;
 * - close() stops accepting and closes the idle ones; a connection with a
 *   request in progress is served to the end of its response (then h1
 *   closes it: Node would keep it until keepAliveTimeout);
 * - closeAllConnections() destroys every connection, mid-request and
 *   mid-response too, and the server keeps listening;
 * - 'checkContinue' and 'checkExpectation' replace the automatic 100 and
 *   417; 'clientError' can write its own answer instead of Node's;
 * - faults: a handler that never reads the body (Node dumps it and keeps
 *   the connection), a peer that resets mid-body, one that stops reading
 *   (partial writes; EPIPE without SIGPIPE: the server runs in this
 *   process), a half-close after a request;
 * - 10,000 requests from four threads with faults mixed in (run under
 *   ASan and LeakSanitizer by ci/test: nothing leaks, nothing breaks).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "h1/h1_http.h"

#define BIG (8u << 20)   /* /big: more than the socket buffers hold */
#define STREAM_CHUNKS 50 /* /stream writes one every 20 ms */

/* What the handlers saw, for the assertions. */
static volatile int stream_started, stream_failed, stream_done;
static volatile int read_failed, big_failed, big_done;
static volatile int requests, expectations, continues;

static void sleep_ms(int ms) {
  struct timespec ts;
  ts.tv_sec = ms / 1000;
  ts.tv_nsec = (long)(ms % 1000) * 1000000L;
  nanosleep(&ts, NULL);
}

/* Waits up to `ms` for *flag to become nonzero. */
static int wait_flag(volatile int *flag, int ms) {
  int i;
  for (i = 0; i < ms / 10 && !*flag; i++)
    sleep_ms(10);
  return *flag;
}

static int path_is(h1_req *req, const char *p) {
  const struct h1_message *m = h1_req_message(req);
  size_t n = strlen(p);
  return m->url.len == n && memcmp(m->url.ptr, p, n) == 0;
}

/* Reads the body to its end: its length, or -1 when the request failed. */
static long read_all(h1_req *req) {
  char b[4096];
  long r, total = 0;
  while ((r = h1_req_read(req, b, sizeof b)) > 0)
    total += r;
  return r < 0 ? -1 : total;
}

static void handler(void *ud, h1_req *req, h1_res *res) {
  (void)ud;
  __atomic_add_fetch(&requests, 1, __ATOMIC_SEQ_CST);
  if (path_is(req, "/slow-body")) {
    char out[32];
    long n = read_all(req);
    if (n < 0) {
      read_failed = 1;
      return;
    }
    snprintf(out, sizeof out, "body:%ld", n);
    h1_res_end(res, out, strlen(out));
  } else if (path_is(req, "/stream")) {
    int i;
    if (h1_res_write(res, "a", 1) != H1_WE_OK)
      stream_failed = 1;
    stream_started = 1;
    for (i = 0; i < STREAM_CHUNKS && !stream_failed; i++) {
      sleep_ms(20);
      if (h1_res_write(res, "b", 1) != H1_WE_OK)
        stream_failed = 1;
    }
    if (!stream_failed && h1_res_end(res, NULL, 0) == H1_WE_OK)
      stream_done = 1;
  } else if (path_is(req, "/big")) {
    static char chunk[65536];
    unsigned i;
    memset(chunk, 'q', sizeof chunk);
    for (i = 0; i < BIG / sizeof chunk; i++) {
      if (h1_res_write(res, chunk, sizeof chunk) != H1_WE_OK) {
        big_failed = 1;
        return;
      }
    }
    if (h1_res_end(res, NULL, 0) == H1_WE_OK)
      big_done = 1;
  } else if (path_is(req, "/noread")) {
    h1_res_end(res, "noread", 6);
  } else {
    h1_res_end(res, "ok", 2);
  }
}

/* 'checkContinue': /accept asks for the body, anything else is refused
 * without reading it. */
static void check_continue(void *ud, h1_req *req, h1_res *res) {
  char out[64];
  long n;
  (void)ud;
  __atomic_add_fetch(&continues, 1, __ATOMIC_SEQ_CST);
  if (!path_is(req, "/accept")) {
    h1_res_write_head(res, 403, NULL);
    h1_res_end(res, "no", 2);
    return;
  }
  h1_res_write_continue(res);
  n = read_all(req);
  snprintf(out, sizeof out, "got:%ld", n);
  h1_res_end(res, out, strlen(out));
}

/* 'checkExpectation': answers the expectation it was given. */
static void check_expectation(void *ud, h1_req *req, h1_res *res) {
  (void)ud;
  (void)req;
  __atomic_add_fetch(&expectations, 1, __ATOMIC_SEQ_CST);
  h1_res_end(res, "expected", 8);
}

/* 'clientError': what it was told; in mode 1 it writes its own answer
 * (socket.end(...) in Node) and returns 0, else Node's default. */
static volatile int client_error_mode;
static struct h1_http_client_error seen_error;
static volatile int client_errors;

static int client_error(void *ud, const struct h1_http_client_error *e,
                        h1_sock *sock) {
  static const char own[] = "HTTP/1.1 400 Own\r\nConnection: close\r\n\r\n";
  (void)ud;
  seen_error = *e;
  client_errors++;
  if (client_error_mode == 1) {
    (void)h1_sock_write(sock, own, sizeof own - 1, 1000);
    return 0;
  }
  return 1;
}

/* A server with the handler above; `hooks`: 1 the Expect hooks, 2 the
 * clientError hook with short headers timeouts. */
static h1_http_server *start(int hooks) {
  struct h1_http_config cfg;
  char err[256];
  h1_http_server *s;
  h1_http_config_default(&cfg);
  cfg.threads = 4;
  cfg.on_request = handler;
  if (hooks == 1) {
    cfg.on_check_continue = check_continue;
    cfg.on_check_expectation = check_expectation;
  }
  if (hooks == 2) {
    cfg.on_client_error = client_error;
    cfg.http.headers_timeout = 300;
    cfg.http.connections_checking_interval = 100;
  }
  client_errors = 0;
  stream_started = stream_failed = stream_done = 0;
  read_failed = big_failed = big_done = 0;
  requests = expectations = continues = 0;
  s = h1_http_server_create(&cfg, err, sizeof err);
  assert_non_null(s);
  assert_int_equal(h1_http_server_listen(s, "127.0.0.1", "0", err, sizeof err),
                   0);
  return s;
}

/* --- The client side ------------------------------------------------------ */

static int try_connect(unsigned port) {
  struct sockaddr_in a;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  assert_true(fd >= 0);
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((uint16_t)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
    close(fd);
    return -1;
  }
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

static int dial(h1_http_server *s) {
  int fd = try_connect(h1_http_server_port(s));
  assert_true(fd >= 0);
  return fd;
}

static void put(int fd, const char *s) {
  assert_int_equal(send(fd, s, strlen(s), MSG_NOSIGNAL), (ssize_t)strlen(s));
}

/* Reads until `needle` has arrived and no further (1), or the end / an
 * error / `ms` (0). */
static int read_until(int fd, const char *needle, int ms) {
  char got[1 << 16];
  size_t nl = strlen(needle);
  int64_t end = h1_http_now() + ms;
  for (;;) {
    struct pollfd p;
    int64_t left = end - h1_http_now();
    ssize_t r;
    size_t keep;
    char *at;
    if (left <= 0)
      return 0;
    p.fd = fd;
    p.events = POLLIN;
    if (poll(&p, 1, (int)left) <= 0)
      return 0;
    r = recv(fd, got, sizeof got, MSG_PEEK);
    if (r <= 0)
      return 0;
    at = memmem(got, (size_t)r, needle, nl);
    if (at != NULL) {
      r = recv(fd, got, (size_t)(at - got) + nl, 0);
      return r > 0;
    }
    keep = (size_t)r < nl ? (size_t)r : nl - 1;
    if ((size_t)r > keep)
      (void)recv(fd, got, (size_t)r - keep, 0);
    else
      sleep_ms(1); /* a piece of the needle: wait for the rest */
  }
}

/* The server closed the connection (FIN or reset) within `ms`. */
static int closed_within(int fd, int ms) {
  int64_t end = h1_http_now() + ms;
  char b[4096];
  for (;;) {
    struct pollfd p;
    int64_t left = end - h1_http_now();
    ssize_t r;
    if (left <= 0)
      return 0;
    p.fd = fd;
    p.events = POLLIN;
    if (poll(&p, 1, (int)left) <= 0)
      return 0;
    r = recv(fd, b, sizeof b, 0);
    if (r <= 0)
      return 1;
  }
}

static void reset(int fd) {
  struct linger lg = {1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  close(fd);
}

static int wait_connections(h1_http_server *s, size_t n, int ms) {
  int i;
  for (i = 0; i < ms / 10 && h1_http_server_connections(s) != n; i++)
    sleep_ms(10);
  return h1_http_server_connections(s) == n;
}

#define GET "GET / HTTP/1.1\r\nHost: a\r\n\r\n"

/* Five connections in the states Node tells apart. */
struct five {
  int idle, fresh, midhead, midreq, midresp;
};

static void open_five(h1_http_server *s, struct five *f) {
  f->idle = dial(s);
  put(f->idle, GET);
  assert_true(read_until(f->idle, "\r\n\r\nok", 3000));
  f->fresh = dial(s);
  f->midhead = dial(s);
  put(f->midhead, "GET / HTTP/1.1\r\nHo");
  f->midreq = dial(s);
  put(f->midreq, "POST /slow-body HTTP/1.1\r\nHost: a\r\nContent-Length: "
                 "10\r\n\r\nabc");
  f->midresp = dial(s);
  put(f->midresp, "GET /stream HTTP/1.1\r\nHost: a\r\n\r\n");
  assert_true(read_until(f->midresp, "1\r\na\r\n", 3000));
  assert_true(wait_connections(s, 5, 3000));
  sleep_ms(100); /* every one parked or in its handler */
}

/* The idle and the fresh connection are closed. */
static void idle_closed(struct five *f) {
  assert_true(closed_within(f->idle, 2000));
  assert_true(closed_within(f->fresh, 2000));
}

/* A new connection is answered. */
static void serves(h1_http_server *s) {
  int fd = dial(s);
  put(fd, GET);
  assert_true(read_until(fd, "\r\n\r\nok", 3000));
  close(fd);
}

/* The three busy ones are served to the end of their responses; `closed`:
 * the connections then close. */
static void finish_busy(struct five *f, int closed) {
  put(f->midhead, "st: a\r\n\r\n");
  assert_true(read_until(f->midhead, "\r\n\r\nok", 3000));
  put(f->midreq, "defghij");
  assert_true(read_until(f->midreq, "body:10", 3000));
  assert_true(read_until(f->midresp, "\r\n0\r\n\r\n", 5000));
  assert_true(stream_done);
  assert_false(stream_failed);
  if (closed) {
    assert_true(closed_within(f->midhead, 2000));
    assert_true(closed_within(f->midreq, 2000));
    assert_true(closed_within(f->midresp, 2000));
  }
}

static void close_five(struct five *f) {
  close(f->idle);
  close(f->fresh);
  close(f->midhead);
  close(f->midreq);
  close(f->midresp);
}

/* --- The tests -------------------------------------------------------------
 */

static void test_close_idle_connections(void **state) {
  h1_http_server *s = start(0);
  struct five f;
  (void)state;
  open_five(s, &f);
  h1_http_server_close_idle_connections(s);
  idle_closed(&f);
  /* the others go on as if nothing happened */
  finish_busy(&f, 0);
  /* and the server still accepts */
  serves(s);
  close_five(&f);
  h1_http_server_free(s);
}

static void test_close(void **state) {
  h1_http_server *s = start(0);
  struct five f;
  int i, refused = 0;
  (void)state;
  open_five(s, &f);
  h1_http_server_close(s);
  idle_closed(&f);
  /* no new connection */
  for (i = 0; i < 100 && !refused; i++) {
    int fd = try_connect(h1_http_server_port(s));
    if (fd < 0)
      refused = errno == ECONNREFUSED;
    else {
      close(fd);
      sleep_ms(10);
    }
  }
  assert_true(refused);
  /* requests in progress are served to the end, then closed */
  finish_busy(&f, 1);
  close_five(&f);
  h1_http_server_wait(s); /* returns: every connection is gone */
  assert_int_equal(h1_http_server_connections(s), 0);
  h1_http_server_free(s);
}

static void test_close_all_connections(void **state) {
  h1_http_server *s = start(0);
  struct five f;
  (void)state;
  open_five(s, &f);
  h1_http_server_close_all_connections(s);
  idle_closed(&f);
  assert_true(closed_within(f.midhead, 2000));
  assert_true(closed_within(f.midreq, 2000));
  assert_true(closed_within(f.midresp, 2000));
  /* the handlers learn it: the body read fails, the next write fails */
  assert_true(wait_flag(&read_failed, 3000));
  assert_true(wait_flag(&stream_failed, 3000));
  assert_false(stream_done);
  close_five(&f);
  assert_true(wait_connections(s, 0, 3000));
  /* the server still listens (closeAllConnections is not close) */
  serves(s);
  h1_http_server_free(s);
}

static void test_check_continue_and_expectation(void **state) {
  h1_http_server *s = start(1);
  int fd;
  (void)state;
  /* the hook asks for the body: 100 Continue, then its answer */
  fd = dial(s);
  put(fd, "POST /accept HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
          "Content-Length: 3\r\n\r\n");
  assert_true(read_until(fd, "HTTP/1.1 100 Continue\r\n\r\n", 3000));
  put(fd, "abc");
  assert_true(read_until(fd, "got:3", 3000));
  close(fd);
  /* the hook refuses: no 100 Continue, its answer at once */
  fd = dial(s);
  put(fd, "POST /no HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
          "Content-Length: 3\r\n\r\n");
  assert_true(read_until(fd, "HTTP/1.1 403 Forbidden\r\n", 3000));
  close(fd);
  /* another expectation goes to 'checkExpectation', not a 417 */
  fd = dial(s);
  put(fd, "GET / HTTP/1.1\r\nHost: a\r\nExpect: foo\r\n\r\n");
  assert_true(read_until(fd, "HTTP/1.1 200 OK\r\n", 3000));
  assert_true(read_until(fd, "expected", 3000));
  close(fd);
  assert_int_equal(continues, 2);
  assert_int_equal(expectations, 1);
  assert_int_equal(requests, 0); /* 'request' saw none of them */
  h1_http_server_free(s);

  /* without the hooks: the automatic 100 (then 'request') and 417 */
  s = start(0);
  fd = dial(s);
  put(fd, "POST /slow-body HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
          "Content-Length: 3\r\n\r\n");
  assert_true(read_until(fd, "HTTP/1.1 100 Continue\r\n\r\n", 3000));
  put(fd, "abc");
  assert_true(read_until(fd, "body:3", 3000));
  put(fd, "GET / HTTP/1.1\r\nHost: a\r\nExpect: foo\r\n\r\n");
  assert_true(read_until(fd, "HTTP/1.1 417 Expectation Failed\r\n", 3000));
  close(fd);
  assert_int_equal(requests, 1);
  h1_http_server_free(s);
}

static void test_faults(void **state) {
  h1_http_server *s = start(0);
  static char body[100001];
  int fd, rcv = 32768;
  size_t got = 0;
  (void)state;
  /* a handler that never reads the body: Node dumps it, the connection
   * serves the next request */
  memset(body, 'x', sizeof body - 1);
  fd = dial(s);
  put(fd, "POST /noread HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n");
  put(fd, body);
  put(fd, GET);
  assert_true(read_until(fd, "Content-Length: 6\r\n\r\nnoread", 3000));
  assert_true(read_until(fd, "Content-Length: 2\r\n\r\nok", 3000));
  close(fd);

  /* a reset in the middle of a body: the handler's read fails, the
   * connection is gone */
  fd = dial(s);
  put(fd,
      "POST /slow-body HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n");
  body[1000] = '\0';
  put(fd, body);
  sleep_ms(100);
  reset(fd);
  assert_true(wait_flag(&read_failed, 3000));
  assert_true(wait_connections(s, 0, 3000));

  /* a peer that reads slowly gets every byte (partial writes) */
  fd = dial(s);
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof rcv);
  put(fd, "GET /big HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
  sleep_ms(300); /* the server fills the socket and waits */
  for (;;) {
    char b[65536];
    ssize_t r = recv(fd, b, sizeof b, 0);
    if (r <= 0)
      break;
    got += (size_t)r;
  }
  close(fd);
  assert_true(big_done);
  assert_true(got > BIG && got < BIG + 65536); /* chunked framing around */

  /* a peer that stops reading, then resets: the write fails (EPIPE or
   * ECONNRESET, no SIGPIPE: this process would die), nothing is left */
  big_done = 0;
  fd = dial(s);
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof rcv);
  put(fd, "GET /big HTTP/1.1\r\nHost: a\r\n\r\n");
  sleep_ms(300);
  reset(fd);
  assert_true(wait_flag(&big_failed, 5000));
  assert_false(big_done);
  assert_true(wait_connections(s, 0, 3000));

  /* a half-close after a whole request: the answer, then the end */
  fd = dial(s);
  put(fd, GET);
  shutdown(fd, SHUT_WR);
  assert_true(read_until(fd, "\r\n\r\nok", 3000));
  assert_true(closed_within(fd, 2000));
  close(fd);
  h1_http_server_free(s);
}

/* 'clientError': Node's default answer, or the hook's own bytes. */
static void test_client_error_hook(void **state) {
  h1_http_server *s = start(2);
  int fd;
  (void)state;
  client_error_mode = 1;
  fd = dial(s);
  put(fd, "G@T / HTTP/1.1\r\n\r\n");
  assert_true(read_until(fd, "HTTP/1.1 400 Own\r\n", 3000));
  assert_true(closed_within(fd, 2000));
  close(fd);
  assert_int_equal(client_errors, 1);
  assert_int_equal(seen_error.error, H1_CE_PARSE);
  assert_int_equal(seen_error.parse_error, H1_E_INVALID_METHOD);
  assert_int_equal(seen_error.offset, 1);
  assert_int_equal(seen_error.code, 400);
  /* the default: Node's canned answer */
  client_error_mode = 0;
  fd = dial(s);
  put(fd, "GET / HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n");
  assert_true(
      read_until(fd, "HTTP/1.1 400 Bad Request\r\nConnection: close", 3000));
  assert_true(closed_within(fd, 2000));
  close(fd);
  assert_int_equal(client_errors, 2);
  /* a headers timeout is a client error too (408) */
  fd = dial(s);
  put(fd, "GET / HTTP/1.1\r\nHo");
  assert_true(read_until(fd, "HTTP/1.1 408 Request Timeout\r\n", 3000));
  close(fd);
  assert_int_equal(client_errors, 3);
  assert_int_equal(seen_error.error, H1_CE_REQUEST_TIMEOUT);
  assert_int_equal(seen_error.code, 408);
  h1_http_server_free(s);
}

/* --- 10,000 requests with faults ------------------------------------------ */

#define FAULT_THREADS 4
#define FAULT_PER_THREAD 2500

struct fault_client {
  h1_http_server *s;
  int ok; /* plain requests answered as they should be */
};

/* A plain request on the thread's keep-alive connection (reopened when
 * the server closed it): 1 when answered. */
static int plain(struct fault_client *fc, int *fd, unsigned i) {
  char req[128], want[32];
  int n = (int)(i % 50);
  static const char body[] = "0123456789012345678901234567890123456789"
                             "0123456789";
  if (*fd < 0)
    *fd = dial(fc->s);
  snprintf(req, sizeof req,
           "POST /slow-body HTTP/1.1\r\nHost: a\r\nContent-Length: %d\r\n\r\n",
           n);
  put(*fd, req);
  if (n > 0)
    assert_int_equal(send(*fd, body, (size_t)n, MSG_NOSIGNAL), n);
  snprintf(want, sizeof want, "\r\n\r\nbody:%d", n);
  if (read_until(*fd, want, 5000))
    return 1;
  close(*fd);
  *fd = -1;
  return 0;
}

static void *fault_thread(void *arg) {
  struct fault_client *fc = arg;
  int keep = -1, rcv = 32768;
  unsigned i;
  static char part[1001];
  memset(part, 'x', sizeof part - 1);
  for (i = 0; i < FAULT_PER_THREAD; i++) {
    int fd;
    switch (i % 8) {
    case 1: /* reset in the middle of a body */
      fd = dial(fc->s);
      put(fd, "POST /slow-body HTTP/1.1\r\nHost: a\r\nContent-Length: "
              "100000\r\n\r\n");
      put(fd, part);
      reset(fd);
      break;
    case 3: /* half-close inside a head: Node's 400, then the end */
      fd = dial(fc->s);
      put(fd, "GET / HTTP/1.1\r\nHo");
      shutdown(fd, SHUT_WR);
      (void)read_until(fd, "HTTP/1.1 400 Bad Request", 5000);
      close(fd);
      break;
    case 5: /* asks for a large answer, never reads it, resets */
      fd = dial(fc->s);
      setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof rcv);
      put(fd, "GET /big HTTP/1.1\r\nHost: a\r\n\r\n");
      reset(fd);
      break;
    case 7: /* not HTTP */
      fd = dial(fc->s);
      put(fd, "\x16\x03\x01 garbage\r\n\r\n");
      (void)closed_within(fd, 5000);
      close(fd);
      break;
    default:
      fc->ok += plain(fc, &keep, i);
      break;
    }
  }
  if (keep >= 0)
    close(keep);
  return NULL;
}

static void test_ten_thousand_with_faults(void **state) {
  h1_http_server *s = start(0);
  struct fault_client fc[FAULT_THREADS];
  pthread_t t[FAULT_THREADS];
  int i, ok = 0;
  (void)state;
  for (i = 0; i < FAULT_THREADS; i++) {
    fc[i].s = s;
    fc[i].ok = 0;
    assert_int_equal(pthread_create(&t[i], NULL, fault_thread, &fc[i]), 0);
  }
  for (i = 0; i < FAULT_THREADS; i++) {
    pthread_join(t[i], NULL);
    ok += fc[i].ok;
  }
  assert_int_equal(ok, FAULT_THREADS * FAULT_PER_THREAD / 2);
  assert_true(wait_connections(s, 0, 10000));
  h1_http_server_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_close_idle_connections),
      cmocka_unit_test(test_close),
      cmocka_unit_test(test_close_all_connections),
      cmocka_unit_test(test_check_continue_and_expectation),
      cmocka_unit_test(test_faults),
      cmocka_unit_test(test_client_error_hook),
      cmocka_unit_test(test_ten_thousand_with_faults),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
