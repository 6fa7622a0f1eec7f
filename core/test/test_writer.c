/*
 * test_writer.c -- the writer's C API (h1_write.h).
 *
 * Expected bytes are Node's: each was recorded with
 * harness/oracle/node-writer.js for the same calls (the scenario id of
 * conformance/writer/scenarios.jsonl is named in each test).  The Date
 * header is built from a fixed time, so its bytes are compared too.
 * The exact-size contract: a call given one byte less than it needs says
 * exactly how many it needs, writes nothing and changes nothing; given that
 * many it succeeds.  No test allocates through the engine.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "alloc_count.h"
#include "h1/h1_write.h"

static struct h1_wline lines[64];
static struct h1_wline tlines[16];
static char head[4096];
static char outb[8192];

#define S(lit) ((struct h1_span){(lit), sizeof(lit) - 1})
#define T 1700000000 /* Tue, 14 Nov 2023 22:13:20 GMT */
#define DATE "Date: Tue, 14 Nov 2023 22:13:20 GMT\r\n"
#define KA "Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n"

static struct h1_wbuf out;

static void res_init(h1_writer *w, int version_minor, int is_head) {
  struct h1_wresponse_options o;
  memset(&o, 0, sizeof(o));
  o.version_major = 1;
  o.version_minor = (uint8_t)version_minor;
  o.keep_alive = version_minor == 1;
  o.head = is_head;
  o.keep_alive_timeout = 5000;
  h1_writer_init_response(w, H1_PROFILE_NODE, &o, lines, 64, tlines, 16, head,
                          sizeof(head));
  h1_writer_set_time(w, T);
  out.ptr = outb;
  out.cap = sizeof(outb);
  out.len = 0;
  out.needed = 0;
}

static void expect_out(const char *want) {
  size_t n = strlen(want);
  if (out.len != n || memcmp(out.ptr, want, n) != 0) {
    print_error("want [%s]\n got [%.*s]\n", want, (int)out.len, out.ptr);
    fail();
  }
}

static void expect_msg(const h1_writer *w, const char *code, const char *msg) {
  char buf[256];
  size_t n = h1_werror_format(&w->err, buf, sizeof(buf));
  assert_string_equal(h1_werror_name(w->err.code), code);
  assert_int_equal(n, strlen(msg));
  assert_memory_equal(buf, msg, n);
}

/* ------------------------------------------------------------------------
 * Every output call of these tests goes through ow_*: the call runs on a
 * copy of the writer through the writev API (h1_wvec) first, then on the
 * writer through h1_wbuf, and unless the flat buffer had no room the two
 * must agree: the same result, the same bytes, the same state after, and
 * every part that is not framing in the vector's buffer points into the
 * chunk the call was given (body bytes are never copied).
 * ------------------------------------------------------------------------ */

static char vbuf[8192];
static struct h1_span vparts[64];

enum { OW_WRITE, OW_END, OW_FLUSH, OW_SEND };

static h1_werrno ow_call(h1_writer *w, int op, const char *d, size_t n,
                         h1_wenc enc, struct h1_wbuf *o) {
  h1_writer twin = *w;
  struct h1_wvec v;
  h1_werrno ev, eb;
  size_t i, flat = 0, before = o->len;
  memset(&v, 0, sizeof(v));
  v.buf = vbuf;
  v.cap = sizeof(vbuf);
  v.parts = vparts;
  v.parts_cap = sizeof(vparts) / sizeof(vparts[0]);
  if (op == OW_WRITE)
    ev = h1_writer_write_vec(&twin, d, n, enc, &v);
  else if (op == OW_END)
    ev = h1_writer_end_vec(&twin, d, n, enc, &v);
  else if (op == OW_FLUSH)
    ev = h1_writer_flush_headers_vec(&twin, &v);
  else
    ev = h1_writer_send_vec(&twin, &v);
  if (op == OW_WRITE)
    eb = h1_writer_write_enc(w, d, n, enc, o);
  else if (op == OW_END)
    eb = h1_writer_end_enc(w, d, n, enc, o);
  else if (op == OW_FLUSH)
    eb = h1_writer_flush_headers(w, o);
  else
    eb = h1_writer_send(w, o);
  if (eb == H1_WE_NO_ROOM)
    return eb;
  assert_int_equal(ev, eb);
  for (i = 0; i < v.nparts; i++) {
    const char *p = vparts[i].ptr;
    int framing = p >= vbuf && p + vparts[i].len <= vbuf + v.len;
    if (!framing) {
      assert_non_null(d);
      assert_true(p >= d && p + vparts[i].len <= d + n);
    }
    assert_true(flat + vparts[i].len <= o->len - before);
    assert_memory_equal(o->ptr + before + flat, p, vparts[i].len);
    flat += vparts[i].len;
  }
  assert_int_equal(flat, o->len - before);
  assert_int_equal(h1_writer_headers_sent(&twin), h1_writer_headers_sent(w));
  assert_int_equal(h1_writer_finished(&twin), h1_writer_finished(w));
  assert_int_equal(h1_writer_chunked(&twin), h1_writer_chunked(w));
  assert_int_equal(h1_writer_last(&twin), h1_writer_last(w));
  assert_int_equal(twin.err.code, w->err.code);
  return eb;
}

static h1_werrno ow_write(h1_writer *w, const char *d, size_t n,
                          struct h1_wbuf *o) {
  return ow_call(w, OW_WRITE, d, n, H1_WENC_LATIN1, o);
}
static h1_werrno ow_end(h1_writer *w, const char *d, size_t n,
                        struct h1_wbuf *o) {
  return ow_call(w, OW_END, d, n, H1_WENC_LATIN1, o);
}
static h1_werrno ow_flush(h1_writer *w, struct h1_wbuf *o) {
  return ow_call(w, OW_FLUSH, NULL, 0, H1_WENC_LATIN1, o);
}
static h1_werrno ow_send(h1_writer *w, struct h1_wbuf *o) {
  return ow_call(w, OW_SEND, NULL, 0, H1_WENC_LATIN1, o);
}

/* res/implicit-end-data */
static void test_implicit_end_data(void **state) {
  h1_writer w;
  (void)state;
  h1_alloc_count_reset();
  res_init(&w, 1, 0);
  assert_int_equal(ow_end(&w, "hello", 5, &out), H1_WE_OK);
  expect_out("HTTP/1.1 200 OK\r\n" DATE KA "Content-Length: 5\r\n\r\nhello");
  assert_int_equal(h1_alloc_count_total(), 0);
}

/* res/doc5-writehead-precedence */
static void test_writehead_precedence(void **state) {
  h1_writer w;
  struct h1_span v = S("text/plain");
  struct h1_wfield f = {S("Content-Type"), &v, 1, 0};
  struct h1_span a = S("text/html"), b = S("bar");
  (void)state;
  res_init(&w, 1, 0);
  assert_int_equal(h1_writer_set_header(&w, S("Content-Type"), &a, 1, 0), 0);
  assert_int_equal(h1_writer_set_header(&w, S("X-Foo"), &b, 1, 0), 0);
  assert_int_equal(h1_writer_write_head(&w, 200, NULL, &f, 1, 0), 0);
  assert_int_equal(out.len, 0); /* the head waits for the body */
  assert_int_equal(ow_end(&w, "ok", 2, &out), 0);
  expect_out(
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Foo: bar\r\n" DATE KA
      "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n");
}

/* The exact-size contract, on every output call of a chunked response with
 * trailers: one byte short says how much, writes nothing, changes nothing. */
static void test_exact_room(void **state) {
  h1_writer w, saved;
  struct h1_span tv = S("7895bf4b8828b55ceaf47747b4bca667");
  struct h1_wfield tf = {S("Content-MD5"), &tv, 1, 0};
  char small[512];
  size_t need;
  int step;
  (void)state;
  res_init(&w, 1, 0);
  assert_int_equal(h1_writer_add_trailers(&w, &tf, 1), 0);
  for (step = 0; step < 3; step++) {
    out.ptr = small;
    out.cap = 0;
    out.len = 0;
    out.needed = 0;
    memset(small, 'Z', sizeof(small));
    saved = w;
    if (step == 0)
      assert_int_equal(h1_writer_write_continue(&w, &out), H1_WE_NO_ROOM);
    else if (step == 1)
      assert_int_equal(ow_write(&w, "data", 4, &out), H1_WE_NO_ROOM);
    else
      assert_int_equal(ow_end(&w, NULL, 0, &out), H1_WE_NO_ROOM);
    need = out.needed;
    assert_true(need > 0 && need < sizeof(small));
    /* one byte short: still no room, the same need, nothing written */
    out.cap = need - 1;
    out.needed = 0;
    if (step == 0)
      assert_int_equal(h1_writer_write_continue(&w, &out), H1_WE_NO_ROOM);
    else if (step == 1)
      assert_int_equal(ow_write(&w, "data", 4, &out), H1_WE_NO_ROOM);
    else
      assert_int_equal(ow_end(&w, NULL, 0, &out), H1_WE_NO_ROOM);
    assert_int_equal(out.needed, need);
    assert_int_equal(out.len, 0);
    assert_int_equal(small[0], 'Z');
    assert_int_equal(h1_writer_headers_sent(&w),
                     h1_writer_headers_sent(&saved));
    assert_int_equal(h1_writer_finished(&w), 0);
    /* exactly enough */
    out.cap = need;
    if (step == 0)
      assert_int_equal(h1_writer_write_continue(&w, &out), H1_WE_OK);
    else if (step == 1)
      assert_int_equal(ow_write(&w, "data", 4, &out), H1_WE_OK);
    else
      assert_int_equal(ow_end(&w, NULL, 0, &out), H1_WE_OK);
    assert_int_equal(out.len, need);
    assert_int_equal(small[need], 'Z');
    if (step == 0)
      assert_memory_equal(small, "HTTP/1.1 100 Continue\r\n\r\n", need);
    if (step == 1) {
      static const char want[] =
          "HTTP/1.1 200 OK\r\n" DATE KA
          "Transfer-Encoding: chunked\r\n\r\n4\r\ndata\r\n";
      assert_int_equal(need, sizeof(want) - 1);
      assert_memory_equal(small, want, need);
    }
    if (step == 2) {
      static const char want[] =
          "0\r\nContent-MD5: 7895bf4b8828b55ceaf47747b4bca667\r\n\r\n";
      assert_int_equal(need, sizeof(want) - 1);
      assert_memory_equal(small, want, need);
    }
  }
  assert_int_equal(h1_writer_finished(&w), 1);
}

/* The head buffer: too small is H1_NO_ROOM with the size in err.a. */
static void test_head_buffer_room(void **state) {
  h1_writer w;
  struct h1_wresponse_options o;
  char tiny[40];
  (void)state;
  memset(&o, 0, sizeof(o));
  o.version_major = o.version_minor = 1;
  o.keep_alive = 1;
  h1_writer_init_response(&w, H1_PROFILE_NODE, &o, lines, 64, NULL, 0, tiny,
                          sizeof(tiny));
  assert_int_equal(h1_writer_write_head(&w, 200, NULL, NULL, 0, 0),
                   H1_WE_NO_ROOM);
  assert_true(w.err.a > (int64_t)sizeof(tiny));
  assert_int_equal(h1_writer_headers_sent(&w), 0);
}

/* res/set-list, res/append-existing, res/set-integer-keys-first */
static void test_store(void **state) {
  h1_writer w;
  struct h1_span two[2] = {S("a=1"), S("b=2")}, one = S("1"), x = S("2"),
                 more[2] = {S("3"), S("4")}, b = S("b"), c = S("c");
  const struct h1_wline *l;
  (void)state;
  res_init(&w, 1, 0);
  assert_int_equal(
      h1_writer_set_header(&w, S("Set-Cookie"), two, 2, H1_WV_LIST), 0);
  assert_int_equal(h1_writer_set_header(&w, S("X-A"), &one, 1, 0), 0);
  assert_int_equal(h1_writer_append_header(&w, S("x-a"), &x, 1, 0), 0);
  assert_int_equal(h1_writer_append_header(&w, S("X-A"), more, 2, H1_WV_LIST),
                   0);
  assert_int_equal(h1_writer_set_header(&w, S("20"), &b, 1, 0), 0);
  assert_int_equal(h1_writer_set_header(&w, S("3"), &c, 1, 0), 0);
  assert_true(h1_writer_has_header(&w, S("SET-COOKIE")));
  assert_false(h1_writer_has_header(&w, S("nope")));
  l = h1_writer_get_header(&w, S("x-A"));
  assert_non_null(l);
  assert_int_equal(l->nvalues, 4);
  assert_memory_equal(l[3].value.ptr, "4", 1);
  /* getRawHeaderNames order: integer keys first */
  assert_memory_equal(h1_writer_header_at(&w, 0)->name.ptr, "3", 1);
  assert_memory_equal(h1_writer_header_at(&w, 1)->name.ptr, "20", 2);
  assert_memory_equal(h1_writer_header_at(&w, 2)->name.ptr, "Set-Cookie", 10);
  assert_memory_equal(h1_writer_header_at(&w, 3)->name.ptr, "X-A", 3);
  assert_null(h1_writer_header_at(&w, 4));
  assert_int_equal(h1_writer_remove_header(&w, S("set-cookie")), 0);
  assert_int_equal(ow_end(&w, NULL, 0, &out), 0);
  expect_out("HTTP/1.1 200 OK\r\n3: c\r\n20: b\r\nX-A: 1\r\nX-A: 2\r\nX-A: "
             "3\r\nX-A: 4\r\n" DATE KA "Content-Length: 0\r\n\r\n");
}

/* Node's messages (checklist 2.1, 2.2, 2.3, 5.4). */
static void test_errors(void **state) {
  h1_writer w;
  struct h1_span bad = S("a\r\nb"), ok = S("1");
  struct h1_werror e;
  (void)state;
  assert_int_equal(h1_validate_header_name(S(""), NULL, &e),
                   H1_WE_INVALID_HTTP_TOKEN);
  res_init(&w, 1, 0);
  w.err = e;
  expect_msg(&w, "ERR_INVALID_HTTP_TOKEN",
             "Header name must be a valid HTTP token [\"\"]");
  assert_int_equal(h1_validate_header_value(S("x-my-header"), NULL, &w.err),
                   H1_WE_INVALID_HEADER_VALUE);
  expect_msg(&w, "ERR_HTTP_INVALID_HEADER_VALUE",
             "Invalid value \"undefined\" for header \"x-my-header\"");
  assert_int_equal(h1_writer_set_header(&w, S("X"), &bad, 1, 0),
                   H1_WE_INVALID_CHAR);
  expect_msg(&w, "ERR_INVALID_CHAR",
             "Invalid character in header content [\"X\"]");
  assert_int_equal(h1_writer_write_head(&w, 99, NULL, NULL, 0, 0),
                   H1_WE_INVALID_STATUS_CODE);
  expect_msg(&w, "ERR_HTTP_INVALID_STATUS_CODE", "Invalid status code: 99");
  assert_int_equal(h1_writer_write_head(&w, 200, &bad, NULL, 0, 0),
                   H1_WE_INVALID_CHAR);
  expect_msg(&w, "ERR_INVALID_CHAR", "Invalid character in statusMessage");
  res_init(&w, 1, 0);
  assert_int_equal(h1_writer_write_head(&w, 200, NULL, NULL, 0, 0), 0);
  assert_int_equal(h1_writer_set_header(&w, S("X"), &ok, 1, 0),
                   H1_WE_HEADERS_SENT);
  expect_msg(&w, "ERR_HTTP_HEADERS_SENT",
             "Cannot set headers after they are sent to the client");
  assert_int_equal(h1_writer_remove_header(&w, S("X")), H1_WE_HEADERS_SENT);
  expect_msg(&w, "ERR_HTTP_HEADERS_SENT",
             "Cannot remove headers after they are sent to the client");
  {
    struct h1_wfield tf = {S("X T"), &ok, 1, 0};
    assert_int_equal(h1_writer_add_trailers(&w, &tf, 1),
                     H1_WE_INVALID_HTTP_TOKEN);
    expect_msg(&w, "ERR_INVALID_HTTP_TOKEN",
               "Trailer name must be a valid HTTP token [\"X T\"]");
  }
}

/* res/strict-cl-writehead-long-write-throws and res/head-reject-throws */
static void test_body_rules(void **state) {
  h1_writer w;
  struct h1_span two = S("2");
  struct h1_wresponse_options o;
  (void)state;
  res_init(&w, 1, 0);
  w.strict_content_length = 1;
  assert_int_equal(h1_writer_set_header(&w, S("Content-Length"), &two, 1, 0),
                   0);
  /* Node checks a write() against a Content-Length the head already holds
   * (res/strict-cl-writehead-long-write-throws); a first write() before the
   * head passes unchecked in Node (res/strict-cl-long-write-throws) */
  assert_int_equal(h1_writer_write_head(&w, 200, NULL, NULL, 0, 0), 0);
  assert_int_equal(ow_write(&w, "abc", 3, &out), H1_WE_CONTENT_LENGTH_MISMATCH);
  expect_msg(&w, "ERR_HTTP_CONTENT_LENGTH_MISMATCH",
             "Response body's content-length of 3 byte(s) does not match the "
             "content-length of 2 byte(s) set in header");
  assert_int_equal(out.len, 0);
  memset(&o, 0, sizeof(o));
  o.version_major = o.version_minor = 1;
  o.keep_alive = 1;
  o.head = 1;
  o.reject_non_standard_body_writes = 1;
  h1_writer_init_response(&w, H1_PROFILE_NODE, &o, lines, 64, NULL, 0, head,
                          sizeof(head));
  assert_int_equal(ow_end(&w, "hello", 5, &out), H1_WE_BODY_NOT_ALLOWED);
  expect_msg(&w, "ERR_HTTP_BODY_NOT_ALLOWED",
             "Adding content for this request method or response status is "
             "not allowed.");
  /* res/head-drops-body: without the option, no body and no framing */
  res_init(&w, 1, 1);
  assert_int_equal(ow_end(&w, "hello", 5, &out), 0);
  expect_out("HTTP/1.1 200 OK\r\n" DATE KA "\r\n");
  /* res/http10-close-delimited */
  res_init(&w, 0, 0);
  assert_int_equal(ow_write(&w, "abc", 3, &out), 0);
  assert_int_equal(ow_end(&w, "def", 3, &out), 0);
  expect_out("HTTP/1.1 200 OK\r\n" DATE "Connection: close\r\n\r\nabcdef");
  assert_true(h1_writer_last(&w));
}

/* res/doc8-early-hints-array and res/early-hints-bad-link-throws */
static void test_early_hints(void **state) {
  h1_writer w;
  struct h1_span links[2] = {S("</styles.css>; rel=preload; as=style"),
                             S("</scripts.js>; rel=preload; as=script")};
  struct h1_span id = S("id for diagnostics"), bad = S("styles.css");
  struct h1_wfield other = {S("x-trace-id"), &id, 1, 0};
  (void)state;
  res_init(&w, 1, 0);
  assert_int_equal(
      h1_writer_write_early_hints(&w, links, 2, 1, &other, 1, &out), 0);
  expect_out("HTTP/1.1 103 Early Hints\r\nLink: </styles.css>; rel=preload; "
             "as=style, </scripts.js>; rel=preload; as=script\r\nx-trace-id: "
             "id for diagnostics\r\n\r\n");
  out.len = 0;
  assert_int_equal(h1_writer_write_early_hints(&w, &bad, 1, 0, NULL, 0, &out),
                   H1_WE_INVALID_ARG_VALUE);
  assert_int_equal(out.len, 0);
}

/* req/doc20-post-upload, req/auth-basic, req/method-invalid-throws */
/* A request writer over the shared buffers, the output emptied. */
static h1_werrno request_init(h1_writer *w,
                              const struct h1_wrequest_options *o) {
  out.ptr = outb;
  out.cap = sizeof(outb);
  out.len = 0;
  return h1_writer_init_request(w, H1_PROFILE_NODE, o, lines, 64, NULL, 0, head,
                                sizeof(head));
}

static void test_request(void **state) {
  h1_writer w;
  struct h1_wrequest_options o;
  struct h1_span ct = S("application/x-www-form-urlencoded"), cl = S("23");
  struct h1_wfield hs[2] = {{S("Content-Type"), &ct, 1, 0},
                            {S("Content-Length"), &cl, 1, 0}};
  (void)state;
  memset(&o, 0, sizeof(o));
  o.method = S("POST");
  o.path = S("/upload");
  o.host = S("www.google.com");
  o.port = 80;
  o.set_host = 1;
  o.agent_keep_alive = 1;
  o.headers = hs;
  o.nheaders = 2;
  assert_int_equal(request_init(&w, &o), 0);
  assert_int_equal(ow_write(&w, "msg=Hello%20World%21%21", 23, &out), 0);
  assert_int_equal(ow_end(&w, NULL, 0, &out), 0);
  expect_out("POST /upload HTTP/1.1\r\nContent-Type: "
             "application/x-www-form-urlencoded\r\nContent-Length: "
             "23\r\nHost: www.google.com\r\nConnection: "
             "keep-alive\r\n\r\nmsg=Hello%20World%21%21");
  memset(&o, 0, sizeof(o));
  o.auth = S("user:pass");
  o.host = S("h");
  o.set_host = 1;
  out.len = 0;
  assert_int_equal(h1_writer_init_request(&w, H1_PROFILE_NODE, &o, lines, 64,
                                          NULL, 0, head, sizeof(head)),
                   0);
  assert_int_equal(ow_end(&w, NULL, 0, &out), 0);
  expect_out("GET / HTTP/1.1\r\nHost: h\r\nAuthorization: Basic "
             "dXNlcjpwYXNz\r\nConnection: close\r\n\r\n");
  o.method = S("G T");
  assert_int_equal(h1_writer_init_request(&w, H1_PROFILE_NODE, &o, lines, 64,
                                          NULL, 0, head, sizeof(head)),
                   H1_WE_INVALID_HTTP_TOKEN);
  expect_msg(&w, "ERR_INVALID_HTTP_TOKEN",
             "Method must be a valid HTTP token [\"G T\"]");
  o.method = S("GET");
  o.path = S("/a b");
  assert_int_equal(h1_writer_init_request(&w, H1_PROFILE_NODE, &o, lines, 64,
                                          NULL, 0, head, sizeof(head)),
                   H1_WE_UNESCAPED_CHARACTERS);
  expect_msg(&w, "ERR_UNESCAPED_CHARACTERS",
             "Request path contains unescaped characters");
}

/* Host carries the port unless it is defaultPort (443 for https, else 80). */
static void host_with_port(uint32_t port, uint32_t default_port,
                           const char *want) {
  h1_writer w;
  struct h1_wrequest_options o;
  memset(&o, 0, sizeof(o));
  o.host = S("h");
  o.port = port;
  o.default_port = default_port;
  o.set_host = 1;
  assert_int_equal(request_init(&w, &o), 0);
  assert_int_equal(ow_end(&w, NULL, 0, &out), 0);
  expect_out(want);
}

static void test_request_default_port(void **state) {
  (void)state;
  host_with_port(80, 443,
                 "GET / HTTP/1.1\r\nHost: h:80\r\nConnection: close\r\n\r\n");
  host_with_port(443, 443,
                 "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
  host_with_port(443, 0,
                 "GET / HTTP/1.1\r\nHost: h:443\r\nConnection: close\r\n\r\n");
  host_with_port(80, 0,
                 "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
}

/* The strict profile refuses Node's unsafe framing (checklist 2.4, 2.5). */
static void test_strict(void **state) {
  h1_writer w;
  struct h1_wresponse_options o;
  struct h1_span gz = S("gzip"), five = S("5");
  (void)state;
  memset(&o, 0, sizeof(o));
  o.version_major = o.version_minor = 1;
  o.keep_alive = 1;
  h1_writer_init_response(&w, H1_PROFILE_STRICT, &o, lines, 64, NULL, 0, head,
                          sizeof(head));
  out.len = 0;
  assert_int_equal(h1_writer_set_header(&w, S("Transfer-Encoding"), &gz, 1, 0),
                   0);
  assert_int_equal(ow_write(&w, "abc", 3, &out), H1_WE_STRICT_FRAMING);
  assert_int_equal(out.len, 0);
  h1_writer_init_response(&w, H1_PROFILE_STRICT, &o, lines, 64, NULL, 0, head,
                          sizeof(head));
  assert_int_equal(h1_writer_set_header(&w, S("Content-Length"), &five, 1, 0),
                   0);
  assert_int_equal(ow_end(&w, "abc", 3, &out), H1_WE_CONTENT_LENGTH_MISMATCH);
  assert_int_equal(out.len, 0);
}

static void test_date(void **state) {
  char d[H1_DATE_LEN];
  (void)state;
  h1_format_date(784111777, d);
  assert_memory_equal(d, "Sun, 06 Nov 1994 08:49:37 GMT", H1_DATE_LEN);
  h1_format_date(951782400, d); /* leap day 2000 */
  assert_memory_equal(d, "Tue, 29 Feb 2000 00:00:00 GMT", H1_DATE_LEN);
  assert_string_equal(h1_status_text(418), "I'm a Teapot");
  assert_null(h1_status_text(599));
}

/* Defect 7: a label longer than 4096 bytes was measured as empty, so the
 * message lost it. */
static void test_long_label(void **state) {
  static char label[5001];
  static char msg[6000];
  struct h1_werror err;
  size_t n;
  (void)state;
  memset(label, 'L', 5000);
  label[5000] = '\0';
  assert_int_equal(h1_validate_header_name(S("a b"), label, &err),
                   H1_WE_INVALID_HTTP_TOKEN);
  n = h1_werror_format(&err, msg, sizeof(msg));
  assert_int_equal(n, 5000 + strlen(" must be a valid HTTP token [\"a b\"]"));
  assert_memory_equal(msg, label, 5000);
}

/* The head's encoding follows the chunk it goes out with (defect 9):
 * res/enc-head-end-utf8, -end-latin1, -end-no-chunk, -write-chunked-utf8,
 * -flush; the strict profile refuses a UTF-8 head with such bytes. */
static void test_head_encoding(void **state) {
  h1_writer w;
  struct h1_span v = S("caf\xe9");
  static const char *const want_utf8 =
      "HTTP/1.1 200 OK\r\nX-Hi: caf\xc3\xa9\r\n";
  static const char *const want_latin1 = "HTTP/1.1 200 OK\r\nX-Hi: caf\xe9\r\n";
  int k;
  (void)state;
  for (k = 0; k < 5; k++) {
    const char *want = (k == 0 || k == 4) ? want_utf8 : want_latin1;
    h1_werrno e = H1_WE_OK;
    res_init(&w, 1, 0);
    assert_int_equal(h1_writer_set_header(&w, S("X-Hi"), &v, 1, 0), 0);
    if (k == 0)
      e = ow_call(&w, OW_END, "x", 1, H1_WENC_UTF8, &out);
    else if (k == 1)
      e = ow_call(&w, OW_END, "x", 1, H1_WENC_LATIN1, &out);
    else if (k == 2)
      e = ow_end(&w, NULL, 0, &out);
    else if (k == 3)
      e = ow_call(&w, OW_WRITE, "x", 1, H1_WENC_UTF8, &out);
    else
      e = ow_flush(&w, &out);
    assert_int_equal(e, H1_WE_OK);
    assert_true(out.len > strlen(want));
    assert_memory_equal(out.ptr, want, strlen(want));
  }
  /* strict: refused, nothing written, the latin1 paths still go */
  res_init(&w, 1, 0);
  w.h1__profile = H1_PROFILE_STRICT;
  assert_int_equal(h1_writer_set_header(&w, S("X-Hi"), &v, 1, 0), 0);
  assert_int_equal(ow_call(&w, OW_END, "x", 1, H1_WENC_UTF8, &out),
                   H1_WE_STRICT_FRAMING);
  assert_int_equal(out.len, 0);
  assert_int_equal(h1_writer_headers_sent(&w), 0);
  assert_int_equal(ow_call(&w, OW_END, "x", 1, H1_WENC_LATIN1, &out), H1_WE_OK);
  assert_memory_equal(out.ptr, want_latin1, strlen(want_latin1));
}

/* A falsy statusMessage is empty: the default reason phrase (defect 9,
 * res/status-message-false, res/status-message-null-404). */
static void test_status_message_falsy(void **state) {
  h1_writer w;
  (void)state;
  res_init(&w, 1, 0);
  h1_writer_set_status(&w, 404);
  h1_writer_set_status_message(&w, S(""));
  assert_int_equal(ow_end(&w, NULL, 0, &out), H1_WE_OK);
  expect_out("HTTP/1.1 404 Not Found\r\n" DATE KA "Content-Length: 0\r\n\r\n");
}

/* http.request with a Host header that is not a string throws
 * ERR_INVALID_ARG_TYPE before anything is written (defect 9,
 * req/host-header-array, -number, -zero, -array-flat-headers). */
static void test_host_not_string(void **state) {
  h1_writer w;
  struct h1_wrequest_options o;
  struct h1_span hv[2] = {S("a"), S("b")}, five = S("5"), zero = S("0");
  struct h1_wfield list = {S("host"), hv, 2, H1_WV_LIST};
  struct h1_wfield num = {S("Host"), &five, 1, H1_WV_NONSTRING};
  struct h1_wfield falsy = {S("Host"), &zero, 1, H1_WV_NONSTRING | H1_WV_FALSY};
  struct h1_span hi = S("caf\xe9"), cont = S("100-continue");
  struct h1_wfield ex[2] = {{S("X-Hi"), &hi, 1, 0}, {S("Expect"), &cont, 1, 0}};
  (void)state;
  memset(&o, 0, sizeof(o));
  o.host = S("h");
  o.set_host = 1;
  o.nheaders = 1;
  o.headers = &list;
  assert_int_equal(h1_writer_init_request(&w, H1_PROFILE_NODE, &o, lines, 64,
                                          NULL, 0, head, sizeof(head)),
                   H1_WE_INVALID_ARG_TYPE);
  expect_msg(&w, "ERR_INVALID_ARG_TYPE",
             "The \"options.headers.host\" property must be of type string.");
  o.headers = &num;
  assert_int_equal(h1_writer_init_request(&w, H1_PROFILE_NODE, &o, lines, 64,
                                          NULL, 0, head, sizeof(head)),
                   H1_WE_INVALID_ARG_TYPE);
  /* the flat array form never reaches getHeader: no check */
  o.headers = &list;
  o.headers_array = 1;
  out.len = 0;
  assert_int_equal(h1_writer_init_request(&w, H1_PROFILE_NODE, &o, lines, 64,
                                          NULL, 0, head, sizeof(head)),
                   H1_WE_OK);
  assert_int_equal(ow_end(&w, NULL, 0, &out), H1_WE_OK);
  assert_memory_equal(out.ptr, "GET / HTTP/1.1\r\nhost: a\r\nhost: b\r\n", 34);
  /* with Expect the head goes out at once, as UTF-8 (req/enc-expect-early-head)
   */
  o.headers = ex;
  o.nheaders = 2;
  o.headers_array = 0;
  out.len = 0;
  assert_int_equal(h1_writer_init_request(&w, H1_PROFILE_NODE, &o, lines, 64,
                                          NULL, 0, head, sizeof(head)),
                   H1_WE_OK);
  assert_int_equal(h1_writer_wants_send(&w), 1);
  assert_int_equal(ow_send(&w, &out), H1_WE_OK);
  expect_out("GET / HTTP/1.1\r\nX-Hi: caf\xc3\xa9\r\nExpect: 100-continue\r\n"
             "Host: h\r\nConnection: close\r\n\r\n");
  o.nheaders = 1;
  /* a falsy one is replaced by the options' host */
  o.headers = &falsy;
  o.headers_array = 0;
  out.len = 0;
  assert_int_equal(h1_writer_init_request(&w, H1_PROFILE_NODE, &o, lines, 64,
                                          NULL, 0, head, sizeof(head)),
                   H1_WE_OK);
  assert_int_equal(ow_end(&w, NULL, 0, &out), H1_WE_OK);
  expect_out("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
}

/* Trailers go out in the order given; store keys in JavaScript's order
 * (res/trailers-array-order, res/store-integer-keys-order). */
static void test_key_order(void **state) {
  h1_writer w;
  struct h1_span a = S("a"), b = S("b"), c = S("c"), d = S("d");
  struct h1_wfield tf[4] = {{S("1"), &a, 1, 0},
                            {S("0"), &b, 1, 0},
                            {S("x"), &c, 1, 0},
                            {S("0"), &d, 1, 0}};
  static const char *const names[] = {"0", "2", "10", "b", "a", "02"};
  size_t i;
  (void)state;
  res_init(&w, 1, 0);
  assert_int_equal(ow_write(&w, "x", 1, &out), H1_WE_OK);
  assert_int_equal(h1_writer_add_trailers(&w, tf, 4), H1_WE_OK);
  out.len = 0;
  assert_int_equal(ow_end(&w, NULL, 0, &out), H1_WE_OK);
  expect_out("0\r\n1: a\r\n0: b\r\nx: c\r\n0: d\r\n\r\n");
  res_init(&w, 1, 0);
  assert_int_equal(h1_writer_set_header(&w, S("b"), &a, 1, 0), 0);
  assert_int_equal(h1_writer_set_header(&w, S("10"), &a, 1, 0), 0);
  assert_int_equal(h1_writer_set_header(&w, S("2"), &a, 1, 0), 0);
  assert_int_equal(h1_writer_set_header(&w, S("a"), &a, 1, 0), 0);
  assert_int_equal(h1_writer_set_header(&w, S("0"), &a, 1, 0), 0);
  assert_int_equal(h1_writer_set_header(&w, S("02"), &a, 1, 0), 0);
  assert_int_equal(h1_writer_set_header(&w, S("2"), &b, 1, 0), 0);
  for (i = 0; i < 6; i++) {
    const struct h1_wline *l = h1_writer_header_at(&w, i);
    assert_non_null(l);
    assert_int_equal(l->name.len, strlen(names[i]));
    assert_memory_equal(l->name.ptr, names[i], l->name.len);
  }
  assert_null(h1_writer_header_at(&w, 6));
  assert_int_equal(ow_end(&w, NULL, 0, &out), H1_WE_OK);
  expect_out("HTTP/1.1 200 OK\r\n0: a\r\n2: b\r\n10: a\r\nb: a\r\na: a\r\n02: "
             "a\r\n" DATE KA "Content-Length: 0\r\n\r\n");
}

/* The writev API's exact-room contract: framing bytes and parts, each one
 * short, say exactly what they need and change nothing. */
static void test_vec_room(void **state) {
  h1_writer w, saved;
  struct h1_wvec v;
  char fb[256];
  struct h1_span ps[8];
  static const char body[] = "hello";
  size_t need, need_parts;
  (void)state;
  res_init(&w, 1, 0);
  memset(&v, 0, sizeof(v));
  v.buf = fb;
  v.parts = ps;
  saved = w;
  assert_int_equal(h1_writer_write_vec(&w, body, 5, H1_WENC_LATIN1, &v),
                   H1_WE_NO_ROOM);
  need = v.needed;
  need_parts = v.needed_parts;
  /* head + size line + CRLF, the body, CRLF */
  assert_int_equal(need_parts, 3);
  v.cap = need - 1;
  v.parts_cap = need_parts;
  assert_int_equal(h1_writer_write_vec(&w, body, 5, H1_WENC_LATIN1, &v),
                   H1_WE_NO_ROOM);
  assert_int_equal(v.needed, need);
  v.cap = need;
  v.parts_cap = need_parts - 1;
  assert_int_equal(h1_writer_write_vec(&w, body, 5, H1_WENC_LATIN1, &v),
                   H1_WE_NO_ROOM);
  assert_int_equal(v.needed_parts, need_parts);
  assert_int_equal(v.len, 0);
  assert_int_equal(v.nparts, 0);
  assert_int_equal(h1_writer_headers_sent(&w), h1_writer_headers_sent(&saved));
  v.parts_cap = need_parts;
  assert_int_equal(h1_writer_write_vec(&w, body, 5, H1_WENC_LATIN1, &v),
                   H1_WE_OK);
  assert_int_equal(v.len, need);
  assert_int_equal(v.nparts, 3);
  assert_ptr_equal(ps[1].ptr, body);
  assert_int_equal(ps[1].len, 5);
  assert_memory_equal(ps[2].ptr, "\r\n", 2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_implicit_end_data),
      cmocka_unit_test(test_writehead_precedence),
      cmocka_unit_test(test_exact_room),
      cmocka_unit_test(test_head_buffer_room),
      cmocka_unit_test(test_store),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_body_rules),
      cmocka_unit_test(test_early_hints),
      cmocka_unit_test(test_request),
      cmocka_unit_test(test_request_default_port),
      cmocka_unit_test(test_strict),
      cmocka_unit_test(test_date),
      cmocka_unit_test(test_long_label),
      cmocka_unit_test(test_head_encoding),
      cmocka_unit_test(test_status_message_falsy),
      cmocka_unit_test(test_host_not_string),
      cmocka_unit_test(test_key_order),
      cmocka_unit_test(test_vec_room),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
