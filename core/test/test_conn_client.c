/*
 * test_conn_client.c -- which response heads the client connection reports
 * and when its socket is reusable.  The event sequences are those of
 * Node 20's http.request (harness/oracle/node-oracle.js --one --response
 * gives Node's view of each input: 'information' per 1xx but 101, the
 * 'upgrade'/'connect' hand-over, nothing for a second response, "socket
 * hang up" and "aborted" at the end of input).  Each case is fed whole and
 * one byte at a time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "conn_mem.h"
#include "h1/h1_conn.h"

struct crun {
  char log[64]; /* I info, R response, B body, E end, U upgrade, X error */
  size_t nlog;
  char body[256];
  size_t nbody;
  char rest[64]; /* what followed an upgrade head */
  size_t nrest;
  h1_conn_error error;
  h1_errno parse_error;
};

static void start(h1_client_conn *c, h1_method m) {
  struct h1_wrequest_options ro;
  size_t n;
  memset(&ro, 0, sizeof ro);
  ro.method.ptr = h1_method_name(m);
  ro.method.len = strlen(ro.method.ptr);
  ro.host.ptr = "a";
  ro.host.len = 1;
  ro.set_host = 1;
  ro.agent_keep_alive = 1;
  assert_int_equal(h1_client_request(c, m, &ro), H1_WE_OK);
  assert_int_equal(
      h1_writer_end(h1_client_writer(c), NULL, 0, h1_client_out(c)), H1_WE_OK);
  assert_non_null(h1_client_send_buf(c, &n));
  assert_memory_equal(h1_client_send_buf(c, &n), ro.method.ptr, ro.method.len);
  h1_client_send_ack(c, n);
}

static void events(h1_client_conn *c, struct crun *r) {
  struct h1_client_event ev;
  static const char letters[] = "-IRBEUX";
  while (h1_client_next(c, &ev) != H1_CEV_NONE) {
    /* body pieces depend on the split: one letter for a run of them */
    if (ev.type != H1_CEV_BODY || r->nlog == 0 || r->log[r->nlog - 1] != 'B')
      r->log[r->nlog++] = letters[ev.type];
    if (ev.type == H1_CEV_BODY) {
      memcpy(r->body + r->nbody, ev.data.ptr, ev.data.len);
      r->nbody += ev.data.len;
    } else if (ev.type == H1_CEV_UPGRADE) {
      memcpy(r->rest, ev.data.ptr, ev.data.len);
      r->nrest = ev.data.len;
    } else if (ev.type == H1_CEV_ERROR) {
      r->error = ev.error;
      r->parse_error = c->parser.error;
    }
  }
}

static void feed(h1_client_conn *c, struct crun *r, const char *in, size_t step,
                 int eof) {
  size_t len = strlen(in), off = 0;
  while (off < len) {
    size_t room, n = step && len - off > step ? step : len - off;
    /* the whole input is one read of Node's: it is parsed even after the
     * connection says CLOSED (a destroyed socket parses the rest of its
     * packet), so the outcome does not depend on the split */
    char *b = h1_client_recv_buf(c, &room);
    if (room == 0)
      break;
    if (n > room)
      n = room;
    memcpy(b, in + off, n);
    h1_client_recv_ack(c, n);
    off += n;
    events(c, r);
  }
  if (eof) {
    h1_client_recv_eof(c);
    events(c, r);
  }
}

/* One request with method m, the response `in`, then EOF if asked: the
 * events must be `log` whatever the split. */
static void expect(h1_method m, const char *in, int eof, const char *log,
                   struct crun *out) {
  static h1_client_conn c;
  struct h1_conn_mem mem;
  size_t steps[] = {0, 1};
  size_t i;
  for (i = 0; i < 2; i++) {
    conn_test_mem(&mem, 1024);
    memset(out, 0, sizeof(*out));
    h1_client_init(&c, NULL, &mem);
    start(&c, m);
    feed(&c, out, in, steps[i], eof);
    assert_string_equal(out->log, log);
  }
}

static void test_responses(void **state) {
  struct crun r;
  (void)state;
  expect(H1_METHOD_GET, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 0,
         "RBE", &r);
  assert_memory_equal(r.body, "ok", 2);
  /* 1xx are information (100 included), then the final response */
  expect(H1_METHOD_GET,
         "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early\r\nLink: a\r\n\r\n"
         "HTTP/1.1 204 No\r\n\r\n",
         0, "IIRE", &r);
  /* HEAD: no body whatever Content-Length says */
  expect(H1_METHOD_HEAD, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", 0,
         "RE", &r);
  /* the end of input ends a close-delimited body */
  expect(H1_METHOD_GET, "HTTP/1.1 200 OK\r\n\r\nabc", 1, "RBE", &r);
}

static void test_upgrade_and_connect(void **state) {
  struct crun r;
  struct h1_client_options o;
  static h1_client_conn c;
  struct h1_conn_mem mem;
  (void)state;
  memset(&o, 0, sizeof o);
  o.on_upgrade = 1;
  o.on_connect = 1;
  conn_test_mem(&mem, 1024);
  memset(&r, 0, sizeof r);
  h1_client_init(&c, &o, &mem);
  start(&c, H1_METHOD_GET);
  feed(&c, &r,
       "HTTP/1.1 101 S\r\nUpgrade: ws\r\nConnection: upgrade\r\n\r\nxyz", 0, 0);
  assert_string_equal(r.log, "U");
  assert_memory_equal(r.rest, "xyz", 3);
  assert_true(h1_client_state(&c) & H1_CONN_UPGRADED);
  /* any response to CONNECT is the tunnel, its body is not read */
  memset(&r, 0, sizeof r);
  h1_client_init(&c, &o, &mem);
  start(&c, H1_METHOD_CONNECT);
  feed(&c, &r, "HTTP/1.1 407 No\r\nContent-Length: 2\r\n\r\nab", 0, 0);
  assert_string_equal(r.log, "U");
  assert_int_equal(r.nrest, 2);
  /* without a listener: closed, nothing reported */
  expect(H1_METHOD_GET,
         "HTTP/1.1 101 S\r\nUpgrade: ws\r\nConnection: upgrade\r\n\r\nxyz", 0,
         "", &r);
}

/* Issue 9, defect 8: a 101 upgrade after a complete final response is
 * handed over (Node emits 'upgrade' after 'response'). */
static void test_upgrade_after_response(void **state) {
  struct crun r;
  struct h1_client_options o;
  static h1_client_conn c;
  struct h1_conn_mem mem;
  size_t step;
  (void)state;
  memset(&o, 0, sizeof o);
  o.on_upgrade = 1;
  for (step = 0; step < 2; step++) {
    conn_test_mem(&mem, 1024);
    memset(&r, 0, sizeof r);
    h1_client_init(&c, &o, &mem);
    start(&c, H1_METHOD_GET);
    feed(&c, &r,
         "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 101 "
         "Switching\r\nUpgrade: ws\r\nConnection: upgrade\r\n\r\nxyz",
         step, 0);
    assert_string_equal(r.log, "RBEU");
    assert_int_equal(c.parser.msg.status, 101);
    /* fed byte by byte, nothing had arrived after the head */
    assert_int_equal(r.nrest, step ? 0 : 3);
    assert_memory_equal(r.rest, "xyz", r.nrest);
  }
}

static void test_second_response_and_errors(void **state) {
  struct crun r;
  (void)state;
  /* a second response: Node destroys the socket and reports nothing */
  expect(H1_METHOD_GET,
         "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n"
         "Content-Length: 1\r\n\r\nx",
         1, "RBE", &r);
  /* ... but a parse error later in the same input is reported */
  expect(H1_METHOD_GET,
         "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n"
         "Content-Length: 1\r\n\r\nxgarbage",
         0, "RBEX", &r);
  assert_int_equal(r.error, H1_CE_PARSE);
  /* end of input: no response is "socket hang up", a partial one is
   * "aborted", after a complete one nothing */
  expect(H1_METHOD_GET, "", 1, "X", &r);
  assert_int_equal(r.error, H1_CE_HANG_UP);
  assert_int_equal(r.parse_error, H1_E_OK);
  expect(H1_METHOD_GET, "HTTP/1.1 200 OK\r\nConn", 1, "X", &r);
  assert_int_equal(r.error, H1_CE_HANG_UP);
  assert_int_equal(r.parse_error, H1_E_INVALID_EOF_STATE);
  expect(H1_METHOD_GET, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab", 1,
         "RBX", &r);
  assert_int_equal(r.error, H1_CE_ABORTED);
  expect(H1_METHOD_GET, "HTTP/1.1 100 Continue\r\n\r\n", 1, "IX", &r);
  assert_int_equal(r.error, H1_CE_HANG_UP);
  assert_int_equal(r.parse_error, H1_E_OK);
  expect(H1_METHOD_GET, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokH", 1,
         "RBE", &r);
  assert_string_equal(h1_conn_error_code(H1_CE_HANG_UP), "ECONNRESET");
  assert_string_equal(h1_conn_error_message(H1_CE_HANG_UP), "socket hang up");
}

static void test_reuse(void **state) {
  static h1_client_conn c;
  struct h1_conn_mem mem, back;
  struct crun r;
  (void)state;
  conn_test_mem(&mem, 1024);
  memset(&r, 0, sizeof r);
  h1_client_init(&c, NULL, &mem);
  start(&c, H1_METHOD_GET);
  assert_false(h1_client_reusable(&c));
  feed(&c, &r, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 1, 0);
  assert_true(h1_client_reusable(&c));
  /* an idle socket in the pool holds no buffers */
  assert_int_equal(h1_client_detach(&c, &back), 0);
  h1_client_attach(&c, &back);
  /* the next request is a HEAD: its response has no body */
  start(&c, H1_METHOD_HEAD);
  feed(&c, &r, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", 0, 0);
  assert_string_equal(r.log, "RBERE");
  assert_true(h1_client_reusable(&c));
  /* Connection: close from the server: not reusable */
  start(&c, H1_METHOD_GET);
  feed(&c, &r,
       "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", 0,
       0);
  assert_false(h1_client_reusable(&c));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_responses),
      cmocka_unit_test(test_upgrade_and_connect),
      cmocka_unit_test(test_upgrade_after_response),
      cmocka_unit_test(test_second_response_and_errors),
      cmocka_unit_test(test_reuse),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
