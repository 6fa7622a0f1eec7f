/*
 * test_conn_server.c -- the server connection's decisions, with the bytes a
 * real Node 20 server writes for the same input (recorded with
 * core/test/tools/conn_server_bytes.js: the handler reads each request and
 * answers at its end with res.end('ok'); Date values replaced by "X").
 * Each case is fed whole and one byte at a time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "conn_mem.h"
#include "h1/h1_conn.h"

struct run {
  char wire[65536]; /* what the connection sent, Date values as "X" */
  size_t len;
  char log[1024]; /* events, one letter each */
  size_t nlog;
  unsigned codes[8]; /* CLIENT_ERROR statuses */
  size_t ncodes;
  int closed;
  int at_head; /* the handler answers at the head (Node: synchronously) */
  int64_t now; /* the time of the events (and the writes) */
  struct h1_span upgrade_head;
};

/* Drains the output into r->wire, with every Date value written "X". */
static void drain(h1_server_conn *c, struct run *r) {
  size_t n, i;
  const char *b = h1_server_send_buf(c, &n);
  for (i = 0; i < n; i++) {
    assert_true(r->len < sizeof r->wire - 1);
    r->wire[r->len++] = b[i];
    if (r->len >= 6 && memcmp(r->wire + r->len - 6, "Date: ", 6) == 0) {
      r->wire[r->len++] = 'X';
      i += H1_DATE_LEN;
    }
  }
  h1_server_send_ack(c, n, r->now);
}

/* Runs events until NONE; the handler answers at REQUEST_END. */
static void events(h1_server_conn *c, struct run *r, int64_t now) {
  struct h1_server_event ev;
  r->now = now;
  while (h1_server_next(c, now, &ev) != H1_SEV_NONE) {
    h1_writer *w = h1_server_writer(c);
    static const char letters[] = "-RBEUC";
    if (ev.type != H1_SEV_BODY || r->nlog == 0 || r->log[r->nlog - 1] != 'B')
      r->log[r->nlog++] = letters[ev.type];
    if (ev.type == H1_SEV_CLIENT_ERROR && r->ncodes < 8)
      r->codes[r->ncodes++] = ev.code;
    if (ev.type == H1_SEV_UPGRADE)
      r->upgrade_head = ev.data;
    if ((ev.type == H1_SEV_REQUEST_END ||
         (r->at_head && ev.type == H1_SEV_REQUEST)) &&
        !h1_writer_finished(w)) {
      int head_req = c->parser.msg.method == H1_METHOD_HEAD;
      assert_int_equal(h1_writer_end(w, head_req ? NULL : "ok",
                                     head_req ? 0 : 2, h1_server_out(c)),
                       H1_WE_OK);
    }
    drain(c, r);
  }
  drain(c, r);
}

/* Feeds `in` `step` bytes at a time (0: all at once), then EOF if asked. */
static void feed(h1_server_conn *c, struct run *r, const char *in, size_t len,
                 size_t step, int eof) {
  size_t off = 0;
  events(c, r, 0);
  while (off < len) {
    size_t room, n = step && len - off > step ? step : len - off;
    char *b = h1_server_recv_buf(c, &room);
    if (!(h1_server_state(c) & H1_CONN_RECVREC))
      break;
    if (n > room)
      n = room;
    memcpy(b, in + off, n);
    h1_server_recv_ack(c, n, 0);
    off += n;
    events(c, r, 0);
  }
  if (eof && !(h1_server_state(c) & H1_CONN_CLOSED)) {
    h1_server_recv_eof(c, 0);
    events(c, r, 0);
  }
  r->closed = (h1_server_state(c) & H1_CONN_CLOSED) != 0;
}

static h1_server_conn *serve_as(const struct h1_server_options *o,
                                const char *in, size_t step, int at_head,
                                struct run *r) {
  static h1_server_conn c;
  struct h1_conn_mem m;
  conn_test_mem(&m, 4096);
  memset(r, 0, sizeof(*r));
  r->at_head = at_head;
  h1_server_init(&c, o, &m, 0);
  feed(&c, r, in, strlen(in), step, 0);
  r->wire[r->len] = '\0';
  return &c;
}

static void serve(const struct h1_server_options *o, const char *in,
                  size_t step, struct run *r) {
  (void)serve_as(o, in, step, 0, r);
}

static void expect_wire(const struct h1_server_options *o, const char *in,
                        const char *node) {
  static struct run r;
  size_t steps[] = {0, 1};
  size_t i;
  for (i = 0; i < 2; i++) {
    serve(o, in, steps[i], &r);
    r.wire[r.len] = '\0';
    assert_string_equal(r.wire, node);
  }
}

#define NODE_200_KA                                                            \
  "HTTP/1.1 200 OK\r\nDate: X\r\nConnection: keep-alive\r\nKeep-Alive: "       \
  "timeout=5\r\nContent-Length: 2\r\n\r\nok"

#define NODE_400 "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"

static void test_plain_and_pipelined(void **state) {
  (void)state;
  expect_wire(NULL, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", NODE_200_KA);
  expect_wire(NULL,
              "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: "
              "a\r\n\r\n",
              NODE_200_KA NODE_200_KA);
  expect_wire(NULL, "HEAD / HTTP/1.1\r\nHost: a\r\n\r\n",
              "HTTP/1.1 200 OK\r\nDate: X\r\nConnection: keep-alive\r\n"
              "Keep-Alive: timeout=5\r\n\r\n");
}

static void test_missing_host(void **state) {
  struct h1_server_options o;
  static struct run r;
  (void)state;
  expect_wire(NULL, "GET / HTTP/1.1\r\n\r\n",
              "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nDate: "
              "X\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  /* HTTP/1.0 is exempt; requireHostHeader: false serves it */
  expect_wire(NULL, "GET / HTTP/1.0\r\n\r\n",
              "HTTP/1.1 200 OK\r\nDate: X\r\nConnection: close\r\n\r\nok");
  h1_server_options_default(&o);
  o.require_host_header = 0;
  serve(&o, "GET / HTTP/1.1\r\n\r\n", 0, &r);
  r.wire[r.len] = '\0';
  assert_string_equal(r.wire, NODE_200_KA);
}

static void test_expect(void **state) {
  struct h1_server_options o;
  static struct run r;
  (void)state;
  expect_wire(NULL,
              "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
              "Content-Length: 2\r\n\r\nhi",
              "HTTP/1.1 100 Continue\r\n\r\n" NODE_200_KA);
  expect_wire(NULL, "GET / HTTP/1.1\r\nHost: a\r\nExpect: foo\r\n\r\n",
              "HTTP/1.1 417 Expectation Failed\r\nDate: X\r\nConnection: "
              "keep-alive\r\nKeep-Alive: timeout=5\r\nTransfer-Encoding: "
              "chunked\r\n\r\n0\r\n\r\n");
  /* with a checkContinue hook nothing is written before the handler */
  h1_server_options_default(&o);
  o.on_check_continue = 1;
  serve(&o,
        "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n"
        "Content-Length: 2\r\n\r\nhi",
        0, &r);
  r.wire[r.len] = '\0';
  assert_memory_equal(r.wire, "HTTP/1.1 200 OK\r\n", 17);
  /* HTTP/1.0 ignores Expect */
  expect_wire(NULL, "GET / HTTP/1.0\r\nExpect: 100-continue\r\n\r\n",
              "HTTP/1.1 200 OK\r\nDate: X\r\nConnection: close\r\n\r\nok");
}

/* The connection's own answers (417 here) carry the Date of the time the
 * driver gave h1_server_set_time(), not the Unix epoch. */
static void test_answer_date(void **state) {
  static h1_server_conn c;
  struct h1_conn_mem m;
  const char *in = "GET / HTTP/1.1\r\nHost: a\r\nExpect: foo\r\n\r\n";
  static const char status[] = "HTTP/1.1 417 Expectation Failed\r\nDate: ";
  char want[H1_DATE_LEN], *b;
  size_t n;
  struct h1_server_event ev;
  (void)state;
  conn_test_mem(&m, 4096);
  h1_server_init(&c, NULL, &m, 0);
  h1_server_set_time(&c, 784111777); /* Sun, 06 Nov 1994 08:49:37 GMT */
  b = h1_server_recv_buf(&c, &n);
  memcpy(b, in, strlen(in));
  h1_server_recv_ack(&c, strlen(in), 0);
  assert_int_equal(h1_server_next(&c, 0, &ev), H1_SEV_REQUEST);
  assert_int_equal(ev.dispatch, H1_DISPATCH_ANSWERED);
  h1_format_date(784111777, want);
  b = (char *)h1_server_send_buf(&c, &n);
  assert_true(n > sizeof status - 1 + H1_DATE_LEN);
  assert_memory_equal(b, status, sizeof status - 1);
  assert_memory_equal(b + sizeof status - 1, want, H1_DATE_LEN);
}

static void test_max_requests(void **state) {
  struct h1_server_options o;
  static struct run r;
  (void)state;
  h1_server_options_default(&o);
  o.max_requests_per_socket = 1;
  expect_wire(&o,
              "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: "
              "a\r\n\r\n",
              "HTTP/1.1 200 OK\r\nDate: X\r\nConnection: close\r\n"
              "Content-Length: 2\r\n\r\nokHTTP/1.1 503 Service Unavailable\r\n"
              "Date: X\r\nConnection: close\r\nTransfer-Encoding: "
              "chunked\r\n\r\n0\r\n\r\n");
  /* the server does not close: the socket stays open */
  serve(&o,
        "GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", 0,
        &r);
  assert_false(r.closed);
}

static void test_client_errors(void **state) {
  struct h1_server_options o;
  static struct run r;
  static char big[17100];
  (void)state;
  expect_wire(NULL, "GET / HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n",
              "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
  serve(NULL, "GET / HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n", 0, &r);
  assert_true(r.closed);
  assert_int_equal(r.codes[0], 400);
  h1_server_options_default(&o);
  o.max_header_size = 100;
  memset(big, 'a', 200);
  memcpy(big + 200, "\r\n\r\n", 5);
  {
    static char in[17400];
    snprintf(in, sizeof in, "GET / HTTP/1.1\r\nHost: a\r\nX: %s", big);
    expect_wire(&o, in,
                "HTTP/1.1 431 Request Header Fields Too Large\r\n"
                "Connection: close\r\n\r\n");
  }
  memset(big, 'a', 17000);
  big[17000] = '\0';
  {
    static char in[17200];
    snprintf(in, sizeof in,
             "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: "
             "chunked\r\n\r\n1;%s\r\n",
             big);
    expect_wire(NULL, in,
                "HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n\r\n");
  }
}

static void test_close_rules(void **state) {
  static struct run r;
  (void)state;
  expect_wire(NULL, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
              "HTTP/1.1 200 OK\r\nDate: X\r\nConnection: close\r\n"
              "Content-Length: 2\r\n\r\nok");
  serve(NULL, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 0, &r);
  assert_true(r.closed);
  serve(NULL, "GET / HTTP/1.0\r\n\r\n", 1, &r);
  assert_true(r.closed);
  serve(NULL, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 0, &r);
  assert_false(r.closed);
  /* a request after a close request is not served; arriving after the
   * response, it gets no 400 (the socket is ending); in the same read,
   * Node's parser finds it first: the 400 replaces the response */
  serve(NULL,
        "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET / "
        "HTTP/1.1\r\n\r\n",
        1, &r);
  assert_string_equal(r.log, "RE");
  assert_true(r.closed);
  assert_null(strstr(r.wire, "400"));
  serve(NULL,
        "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET / "
        "HTTP/1.1\r\n\r\n",
        0, &r);
  assert_string_equal(r.log, "RC");
  assert_true(r.closed);
  assert_string_equal(r.wire, NODE_400);
}

static void test_timeouts(void **state) {
  static h1_server_conn c;
  static struct run r;
  struct h1_conn_mem m;
  struct h1_server_event ev;
  (void)state;
  conn_test_mem(&m, 4096);
  memset(&r, 0, sizeof r);
  /* headersTimeout from the connection's start, even with nothing sent */
  h1_server_init(&c, NULL, &m, 1000);
  assert_int_equal(h1_server_deadline(&c), 1000 + 60000 + 1);
  /* Node's check ticks every 30 s from the server's start (here 0) */
  assert_int_equal(h1_server_node_deadline(&c, 0), 90000);
  h1_server_check_timeouts(&c, 61000);
  assert_int_equal(h1_server_next(&c, 61000, &ev), H1_SEV_NONE);
  h1_server_check_timeouts(&c, 61001);
  assert_int_equal(h1_server_next(&c, 61001, &ev), H1_SEV_CLIENT_ERROR);
  assert_int_equal(ev.error, H1_CE_REQUEST_TIMEOUT);
  assert_int_equal(ev.code, 408);
  drain(&c, &r);
  r.wire[r.len] = '\0';
  assert_string_equal(
      r.wire, "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n");
  assert_true(h1_server_state(&c) & H1_CONN_CLOSED);

  /* keepAliveTimeout + 1 s of silence after a response: silent close */
  memset(&r, 0, sizeof r);
  h1_server_init(&c, NULL, &m, 0);
  feed(&c, &r, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 27, 0, 0);
  assert_int_equal(h1_server_deadline(&c), INT64_MAX);
  assert_int_equal(h1_server_node_deadline(&c, 0), 6000);
  assert_true(h1_server_state(&c) & H1_CONN_IDLE);
  h1_server_check_timeouts(&c, 5999);
  assert_false(h1_server_state(&c) & H1_CONN_CLOSED);
  h1_server_check_timeouts(&c, 6000);
  assert_int_equal(h1_server_next(&c, 6000, &ev), H1_SEV_NONE);
  assert_true(h1_server_state(&c) & H1_CONN_CLOSED);
  assert_false(h1_server_state(&c) & H1_CONN_SENDREC);
}

/* Puts `in` into the connection at time `now` and runs the events. */
static void arrive(h1_server_conn *c, struct run *r, const char *in,
                   int64_t now) {
  size_t room, n = strlen(in);
  char *b = h1_server_recv_buf(c, &room);
  assert_true(room >= n);
  memcpy(b, in, n);
  h1_server_recv_ack(c, n, now);
  events(c, r, now);
}

/* server.timeout (Node's socket.setTimeout): from the start and at each
 * request's head; keepAliveTimeout + 1 s replaces it after a response. */
static void test_socket_timeout(void **state) {
  static h1_server_conn c;
  static struct run r;
  struct h1_conn_mem m;
  struct h1_server_options o;
  (void)state;
  conn_test_mem(&m, 4096);
  h1_server_options_default(&o);
  o.timeout = 300;
  memset(&r, 0, sizeof r);
  h1_server_init(&c, &o, &m, 0);
  assert_int_equal(h1_server_node_deadline(&c, 0), 300);
  arrive(&c, &r, "GET / HT", 200); /* a byte read refreshes it */
  assert_int_equal(h1_server_node_deadline(&c, 0), 500);
  h1_server_check_timeouts(&c, 499);
  assert_false(h1_server_state(&c) & H1_CONN_CLOSED);
  h1_server_check_timeouts(&c, 500);
  events(&c, &r, 500);
  assert_true(h1_server_state(&c) & H1_CONN_CLOSED);
  assert_int_equal(r.len, 0); /* destroyed: nothing written */

  /* after a keep-alive response the keep-alive timer runs instead */
  memset(&r, 0, sizeof r);
  h1_server_init(&c, &o, &m, 0);
  arrive(&c, &r, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 100);
  assert_string_equal(r.log, "RE");
  assert_int_equal(h1_server_node_deadline(&c, 0), 100 + 5000 + 1000);
  h1_server_check_timeouts(&c, 1000);
  assert_false(h1_server_state(&c) & H1_CONN_CLOSED);
  /* ... until the next head is complete */
  arrive(&c, &r, "GET / HT", 2000);
  assert_int_equal(h1_server_node_deadline(&c, 0), 2000 + 6000);
  h1_server_skip_response(&c); /* the handler answers later */
  {
    struct h1_server_event ev;
    size_t room;
    char *b = h1_server_recv_buf(&c, &room);
    memcpy(b, "TP/1.1\r\nHost: a\r\n\r\n", 19);
    h1_server_recv_ack(&c, 19, 3000);
    assert_int_equal(h1_server_next(&c, 3000, &ev), H1_SEV_REQUEST);
  }
  assert_int_equal(h1_server_node_deadline(&c, 0), 3300);

  /* keepAliveTimeout 0: server.timeout goes on after the response */
  o.keep_alive_timeout = 0;
  memset(&r, 0, sizeof r);
  h1_server_init(&c, &o, &m, 0);
  arrive(&c, &r, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 100);
  assert_int_equal(h1_server_node_deadline(&c, 0), 400);
}

static void test_upgrade_and_connect(void **state) {
  struct h1_server_options o;
  static struct run r;
  (void)state;
  h1_server_options_default(&o);
  o.on_upgrade = 1;
  serve(&o,
        "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: ws\r\nConnection: "
        "upgrade\r\n\r\nrest",
        0, &r);
  assert_string_equal(r.log, "U");
  assert_int_equal(r.upgrade_head.len, 4);
  assert_memory_equal(r.upgrade_head.ptr, "rest", 4);
  assert_int_equal(r.len, 0);
  /* without an 'upgrade' listener it is a plain request; the end of input
   * then ends the socket once the response is out */
  expect_wire(NULL,
              "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: ws\r\nConnection: "
              "upgrade\r\n\r\n",
              NODE_200_KA);
  {
    static h1_server_conn c;
    struct h1_conn_mem m;
    static const char up[] = "GET / HTTP/1.1\r\nHost: a\r\nUpgrade: "
                             "ws\r\nConnection: upgrade\r\n\r\n";
    conn_test_mem(&m, 4096);
    memset(&r, 0, sizeof r);
    h1_server_init(&c, NULL, &m, 0);
    feed(&c, &r, up, sizeof up - 1, 0, 1);
    assert_string_equal(r.log, "RE");
    assert_true(r.closed);
  }
  /* CONNECT without a 'connect' listener: closed, nothing written */
  serve(NULL, "CONNECT a:1 HTTP/1.1\r\nHost: a\r\n\r\n", 0, &r);
  assert_string_equal(r.log, "");
  assert_true(r.closed);
  assert_int_equal(r.len, 0);
}

static void test_dispatched_then_rejected(void **state) {
  static struct run r;
  (void)state;
  /* Node emits 'request' for this head, then the error: the handler has
   * not answered yet, so the 400 goes out */
  serve(NULL,
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n", 0,
        &r);
  assert_string_equal(r.log, "RC");
  r.wire[r.len] = '\0';
  assert_string_equal(r.wire,
                      "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
}

/* socketOnError writes nothing once the response has put its head out:
 * a handler that starts streaming at the head, then a bad chunk. */
static void test_error_after_response_started(void **state) {
  static h1_server_conn c;
  static struct run r;
  struct h1_conn_mem m;
  struct h1_server_event ev;
  static const char in[] = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: "
                           "chunked\r\n\r\nzz\r\n";
  size_t room;
  char *b;
  (void)state;
  conn_test_mem(&m, 4096);
  memset(&r, 0, sizeof r);
  h1_server_init(&c, NULL, &m, 0);
  b = h1_server_recv_buf(&c, &room);
  memcpy(b, in, sizeof in - 1);
  h1_server_recv_ack(&c, sizeof in - 1, 0);
  assert_int_equal(h1_server_next(&c, 0, &ev), H1_SEV_REQUEST);
  assert_int_equal(
      h1_writer_write(h1_server_writer(&c), "x", 1, h1_server_out(&c)),
      H1_WE_OK);
  assert_int_equal(h1_server_next(&c, 0, &ev), H1_SEV_CLIENT_ERROR);
  assert_int_equal(ev.code, 0);
  drain(&c, &r);
  r.wire[r.len] = '\0';
  assert_null(strstr(r.wire, "400"));
  assert_memory_equal(r.wire, "HTTP/1.1 200 OK\r\n", 17);
  assert_true(h1_server_state(&c) & H1_CONN_CLOSED);

  /* the same with a requestTimeout while the body stalls */
  memset(&r, 0, sizeof r);
  h1_server_init(&c, NULL, &m, 0);
  b = h1_server_recv_buf(&c, &room);
  memcpy(b, in, sizeof in - 5); /* the head only */
  h1_server_recv_ack(&c, sizeof in - 5, 10);
  assert_int_equal(h1_server_next(&c, 10, &ev), H1_SEV_REQUEST);
  assert_int_equal(h1_server_deadline(&c), 300001);
  assert_int_equal(
      h1_writer_write(h1_server_writer(&c), "x", 1, h1_server_out(&c)),
      H1_WE_OK);
  h1_server_check_timeouts(&c, 300001);
  assert_int_equal(h1_server_next(&c, 300001, &ev), H1_SEV_CLIENT_ERROR);
  assert_int_equal(ev.error, H1_CE_REQUEST_TIMEOUT);
  assert_int_equal(ev.code, 0);
}

#define G1 "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
#define P3 "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
#define BAD "G@T / HTTP/1.1\r\n\r\n"

/* Input that arrived with the request and is parsed ahead before its
 * response goes out, as Node's parser runs over a whole read (bytes from
 * core/test/tools/conn_server_bytes.js, the `ahead_` cases). */
static void test_parse_ahead(void **state) {
  struct h1_server_options o;
  static struct run r;
  h1_server_conn *c;
  (void)state;
  /* the handler answers at 'end': the error's answer replaces it */
  c = serve_as(NULL, G1 BAD, 0, 0, &r);
  assert_string_equal(r.wire, NODE_400);
  assert_string_equal(r.log, "RC");
  assert_int_equal(r.codes[0], 400);
  assert_true(r.closed);
  /* reported as the parser reports it: code and absolute offset */
  assert_int_equal(c->parser.error, H1_E_INVALID_METHOD);
  assert_int_equal(c->parser.error_offset, sizeof G1 - 1 + 1);
  /* arriving later (another read) it is Node's 400 after the response */
  serve(NULL, G1 BAD, 1, &r);
  assert_string_equal(r.wire, NODE_200_KA NODE_400);
  /* HTTP/1.0 closes: more data is an error (llhttp's closed connection) */
  serve(NULL, "GET / HTTP/1.0\r\n\r\n" G1, 0, &r);
  assert_string_equal(r.wire, NODE_400);
  /* the request's own body changes nothing; a later request's body is a
   * tick of Node's: the response before it goes out first */
  serve(NULL, P3 BAD, 0, &r);
  assert_string_equal(r.wire, NODE_400);
  serve(NULL, G1 P3 BAD, 0, &r);
  assert_string_equal(r.wire, NODE_200_KA NODE_400);
  /* Node's status for the error found ahead */
  h1_server_options_default(&o);
  o.max_header_size = 100;
  {
    static char in[512];
    static char x[201];
    memset(x, 'a', 200);
    snprintf(in, sizeof in, G1 "GET / HTTP/1.1\r\nX: %s\r\n\r\n", x);
    (void)serve_as(&o, in, 0, 0, &r);
    assert_string_equal(r.wire, "HTTP/1.1 431 Request Header Fields Too "
                                "Large\r\nConnection: close\r\n\r\n");
  }
  /* an incomplete head ahead is no error: the connection stays open */
  serve(NULL, G1 "GET / HT", 0, &r);
  assert_string_equal(r.wire, NODE_200_KA);
  assert_false(r.closed);
  /* answers written at the head (the connection's own, or a handler that
   * answers at once: Node's synchronous ones) have their head out: the
   * socket closes without a 400, and a queued answer is lost ... */
  serve(NULL, "GET / HTTP/1.1\r\nHost: a\r\nExpect: foo\r\n\r\n" BAD, 0, &r);
  assert_string_equal(
      r.wire, "HTTP/1.1 417 Expectation Failed\r\nDate: "
              "X\r\nConnection: keep-alive\r\nKeep-Alive: "
              "timeout=5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  assert_true(r.closed);
  assert_int_equal(r.codes[0], 0);
  serve(NULL, "GET / HTTP/1.1\r\n\r\n" BAD, 0, &r);
  assert_string_equal(r.wire, "HTTP/1.1 400 Bad Request\r\nConnection: "
                              "close\r\nDate: X\r\nTransfer-Encoding: "
                              "chunked\r\n\r\n0\r\n\r\n");
  assert_true(r.closed);
  (void)serve_as(NULL, G1 BAD, 0, 1, &r);
  assert_string_equal(r.wire, NODE_200_KA);
  assert_true(r.closed);
  (void)serve_as(NULL, G1 G1 BAD, 0, 1, &r);
  assert_string_equal(r.wire, NODE_200_KA);
  assert_true(r.closed);
  /* ... unless the request had a body: Node's tick after its first body
   * bytes finished the response */
  (void)serve_as(NULL, P3 BAD, 0, 1, &r);
  assert_string_equal(r.wire, NODE_200_KA NODE_400);
  /* a CONNECT ahead with no 'connect' listener: Node destroys the socket
   * before the handler answers (nothing written), or after the answer a
   * synchronous handler wrote */
  serve(NULL, G1 "CONNECT a:1 HTTP/1.1\r\nHost: a:1\r\n\r\n", 0, &r);
  assert_string_equal(r.wire, "");
  assert_string_equal(r.log, "R");
  assert_true(r.closed);
  (void)serve_as(NULL, G1 "CONNECT a:1 HTTP/1.1\r\nHost: a:1\r\n\r\n", 0, 1,
                 &r);
  assert_string_equal(r.wire, NODE_200_KA);
  assert_true(r.closed);
  /* an Upgrade ahead with no 'upgrade' listener is a request: the error
   * after it is in the rest of the read Node drops */
  serve(NULL,
        G1 "GET / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: "
           "x\r\n\r\n" BAD,
        0, &r);
  assert_string_equal(r.wire, NODE_200_KA NODE_200_KA);
  assert_false(r.closed);
  /* the strict profile serves one request at a time */
  h1_server_options_default(&o);
  o.profile = H1_PROFILE_STRICT;
  (void)serve_as(&o, G1 BAD, 0, 0, &r);
  assert_memory_equal(r.wire, "HTTP/1.1 200 OK\r\n", 17);
  assert_non_null(strstr(r.wire, NODE_400));
}

/* A long pipeline of requests is parsed ahead once, not once per request:
 * what an earlier look found clean is not looked at again. */
static void test_parse_ahead_once(void **state) {
  static h1_server_conn c;
  static struct run r;
  struct h1_conn_mem m;
  static char in[4096];
  size_t n = 0, room;
  char *b;
  (void)state;
  while (n + sizeof G1 - 1 <= sizeof in) {
    memcpy(in + n, G1, sizeof G1 - 1);
    n += sizeof G1 - 1;
  }
  conn_test_mem(&m, 4096);
  memset(&r, 0, sizeof r);
  h1_server_init(&c, NULL, &m, 0);
  b = h1_server_recv_buf(&c, &room);
  assert_true(room >= n);
  memcpy(b, in, n);
  h1_server_recv_ack(&c, n, 0);
  events(&c, &r, 0);
  assert_int_equal(c.requests, n / (sizeof G1 - 1));
  assert_int_equal(c.h1__ahead_to, n);
  assert_false(r.closed);
}

static void test_detach_when_idle(void **state) {
  static h1_server_conn c;
  static struct run r;
  struct h1_conn_mem m, back;
  (void)state;
  conn_test_mem(&m, 4096);
  memset(&r, 0, sizeof r);
  h1_server_init(&c, NULL, &m, 0);
  /* new, no byte yet: nothing held */
  assert_int_equal(h1_server_detach(&c, &back), 0);
  assert_ptr_equal(back.in, m.in);
  h1_server_attach(&c, &back);
  feed(&c, &r, "GET / HTTP/1.1\r\n", 16, 0, 0);
  assert_int_equal(h1_server_detach(&c, &back), -1); /* a head begun */
  feed(&c, &r, "Host: a\r\n\r\n", 11, 0, 0);
  assert_int_equal(h1_server_detach(&c, &back), 0);
  assert_ptr_equal(back.in, m.in);
  assert_false(h1_server_state(&c) & H1_CONN_RECVREC);
  h1_server_attach(&c, &back);
  feed(&c, &r, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 27, 3, 0);
  r.wire[r.len] = '\0';
  assert_string_equal(r.wire, NODE_200_KA NODE_200_KA);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain_and_pipelined),
      cmocka_unit_test(test_missing_host),
      cmocka_unit_test(test_expect),
      cmocka_unit_test(test_answer_date),
      cmocka_unit_test(test_max_requests),
      cmocka_unit_test(test_client_errors),
      cmocka_unit_test(test_close_rules),
      cmocka_unit_test(test_timeouts),
      cmocka_unit_test(test_socket_timeout),
      cmocka_unit_test(test_upgrade_and_connect),
      cmocka_unit_test(test_dispatched_then_rejected),
      cmocka_unit_test(test_error_after_response_started),
      cmocka_unit_test(test_detach_when_idle),
      cmocka_unit_test(test_parse_ahead),
      cmocka_unit_test(test_parse_ahead_once),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
