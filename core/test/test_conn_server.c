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
  h1_server_send_ack(c, n, 0);
}

/* Runs events until NONE; the handler answers at REQUEST_END. */
static void events(h1_server_conn *c, struct run *r, int64_t now) {
  struct h1_server_event ev;
  while (h1_server_next(c, now, &ev) != H1_SEV_NONE) {
    h1_writer *w = h1_server_writer(c);
    static const char letters[] = "-RBEUC";
    if (ev.type != H1_SEV_BODY || r->nlog == 0 || r->log[r->nlog - 1] != 'B')
      r->log[r->nlog++] = letters[ev.type];
    if (ev.type == H1_SEV_CLIENT_ERROR && r->ncodes < 8)
      r->codes[r->ncodes++] = ev.code;
    if (ev.type == H1_SEV_UPGRADE)
      r->upgrade_head = ev.data;
    if (ev.type == H1_SEV_REQUEST_END && !h1_writer_finished(w)) {
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

static void serve(const struct h1_server_options *o, const char *in,
                  size_t step, struct run *r) {
  static h1_server_conn c;
  struct h1_conn_mem m;
  conn_test_mem(&m, 4096);
  memset(r, 0, sizeof(*r));
  h1_server_init(&c, o, &m, 0);
  feed(&c, r, in, strlen(in), step, 0);
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
  /* a request after a close request is not served, and no 400 is written
   * once the socket is ending */
  serve(NULL,
        "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET / "
        "HTTP/1.1\r\n\r\n",
        0, &r);
  assert_string_equal(r.log, "RE");
  assert_true(r.closed);
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

static void test_detach_when_idle(void **state) {
  static h1_server_conn c;
  static struct run r;
  struct h1_conn_mem m, back;
  (void)state;
  conn_test_mem(&m, 4096);
  memset(&r, 0, sizeof r);
  h1_server_init(&c, NULL, &m, 0);
  assert_int_equal(h1_server_detach(&c, &back), -1); /* first request due */
  feed(&c, &r, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 27, 0, 0);
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
      cmocka_unit_test(test_upgrade_and_connect),
      cmocka_unit_test(test_dispatched_then_rejected),
      cmocka_unit_test(test_error_after_response_started),
      cmocka_unit_test(test_detach_when_idle),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
