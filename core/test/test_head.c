/*
 * test_head.c -- the one-pass head path (core/src/parser_head.c).
 *
 * The test is linked with --wrap=h1__head and --wrap=h1__execute: every
 * call h1_execute makes to the path goes through __wrap_h1__head, and the
 * path hands a head it declines to the state machine, h1__execute, through
 * __wrap_h1__execute, which checks that the declined head left the parser
 * byte for byte as it was.  A head is taken when the path returns without
 * declining.  Each ordinary input must be taken once per message when fed
 * whole, each unusual one never; and in both cases the whole run must print
 * the same log (events, spans, flags, errors and offsets: feed.h) as the
 * same input fed byte by byte, which only the state machine parses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "feed.h"
#include "h1/h1.h"
#include "parser_int.h"

size_t __real_h1__head(h1_parser *P, const char *data, size_t len,
                       struct h1_event *ev);
size_t __wrap_h1__head(h1_parser *P, const char *data, size_t len,
                       struct h1_event *ev);
size_t __real_h1__execute(h1_parser *P, const char *data, size_t len,
                          struct h1_event *ev);
size_t __wrap_h1__execute(h1_parser *P, const char *data, size_t len,
                          struct h1_event *ev);

static unsigned taken;
static int in_head;        /* inside the path: a call to the machine declines */
static int declined;       /* the path's call declined its head */
static h1_parser at_entry; /* the parser as the path found it */

size_t __wrap_h1__head(h1_parser *P, const char *data, size_t len,
                       struct h1_event *ev) {
  size_t n;
  memcpy(&at_entry, P, sizeof at_entry);
  in_head = 1;
  declined = 0;
  n = __real_h1__head(P, data, len, ev);
  in_head = 0;
  if (!declined)
    taken++;
  return n;
}

size_t __wrap_h1__execute(h1_parser *P, const char *data, size_t len,
                          struct h1_event *ev) {
  if (in_head) {
    in_head = 0;
    declined = 1;
    if (memcmp(&at_entry, P, sizeof at_entry) != 0)
      fail_msg("h1__head declined a head and changed the parser");
  }
  return __real_h1__execute(P, data, len, ev);
}

struct head_case {
  const char *in;
  h1_type type;
  unsigned heads_taken; /* fed whole: heads the one-pass path takes */
  h1_profile profile;
  uint32_t lenient;
  uint32_t max_header_size;
  h1_method method; /* responses: the request's method */
};

#define REQ(in, n)                                                             \
  { in, H1_REQUEST, n, H1_PROFILE_NODE, 0, 0, H1_METHOD_NONE }
#define RES(in, n)                                                             \
  { in, H1_RESPONSE, n, H1_PROFILE_NODE, 0, 0, H1_METHOD_GET }

/* Fed whole, then byte by byte: the logs must agree, and the whole run must
 * take exactly c->heads_taken heads (the byte-by-byte run none). */
static void check_case(const struct head_case *c) {
  struct feed_case fc;
  struct feed_env env;
  size_t len = strlen(c->in);
  char *whole, *bytes;
  unsigned whole_taken;
  memset(&fc, 0, sizeof fc);
  fc.name = c->in;
  fc.in = c->in;
  fc.in_len = len;
  fc.type = c->type;
  fc.method = c->method;
  fc.profile = c->profile;
  fc.lenient = c->lenient;
  fc.max_header_size = c->max_header_size;
  fc.max_headers_count = -1;
  feed_env_init(&env, &fc);
  taken = 0;
  whole = feed_log(&fc, c->profile, &env, c->in, len, NULL, 0);
  whole_taken = taken;
  taken = 0;
  bytes = feed_log(&fc, c->profile, &env, c->in, len, NULL, (size_t)-1);
  if (strcmp(whole, bytes) != 0)
    fail_msg("%s\n  whole:        %s\n  byte by byte: %s", c->in, whole, bytes);
  if (whole_taken != c->heads_taken)
    fail_msg("%s\n  heads taken whole: %u, expected %u (log %s)", c->in,
             whole_taken, c->heads_taken, whole);
  assert_int_equal(taken, 0);
  free(whole);
  free(bytes);
  feed_env_free(&env);
}

static void check_all(const struct head_case *cs, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    check_case(&cs[i]);
}

/* Heads the path takes: every framing header it knows, both versions,
 * pipelined messages, bodies after the head. */
static void test_ordinary(void **state) {
  static const struct head_case cs[] = {
      REQ("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n", 1),
      REQ("GET /api/v1/items?limit=20 HTTP/1.1\r\nHost: api.example.com\r\n"
          "User-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n",
          1),
      REQ("GET /x?y=1?z HTTP/1.0\r\n\r\n", 1),
      REQ("OPTIONS /o HTTP/1.1\r\nHost: h\r\n\r\n", 1),
      REQ("M-SEARCH / HTTP/1.1\r\nHost: h\r\n\r\n", 1),
      REQ("POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello", 1),
      REQ("POST /p HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 1),
      REQ("PUT /p HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n"
          "5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n",
          1),
      REQ("POST /p HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 1\r\n"
          "\r\nx",
          1),
      REQ("POST /p HTTP/1.1\r\nExpect: 100-continuex\r\n\r\n", 1),
      REQ("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", 1),
      REQ("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", 1),
      REQ("GET / HTTP/1.0\r\nProxy-Connection: keep-alive\r\n\r\n", 1),
      REQ("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
          "Connection: Upgrade\r\n\r\n\x81\x00",
          1),
      REQ("GET / HTTP/1.1\r\nUpgrade: h2c\r\n\r\n", 1),
      REQ("GET / HTTP/1.1\r\nX: a \t b\t \r\nY: \xc3\xa9\x80\r\n\r\n", 1),
      REQ("GET / HTTP/1.1\r\nX:\tv\r\nX-!#$%&'*+.^_`|~: v\r\n\r\n", 1),
      REQ("GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\n\r\n"
          "POST /c HTTP/1.1\r\nContent-Length: 2\r\n\r\nok",
          3),
      REQ("GET / HTTP/1.0\r\n\r\nGET / HTTP/1.1\r\n\r\n", 1), /* closed */
      RES("HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\nHello, World!", 1),
      RES("HTTP/1.1 200 OK\r\n\r\nuntil the end", 1),
      RES("HTTP/1.0 200 \r\nContent-Length: 0\r\n\r\n", 1),
      RES("HTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n\r\n", 1),
      RES("HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n", 1),
      RES("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"
          "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
          2),
      RES("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
          "Connection: upgrade\r\n\r\n\x81\x00",
          1),
      RES("HTTP/1.1 999 \x01\xff weird\r\nX: y\r\n\r\n", 1),
      {"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n", H1_RESPONSE, 1,
       H1_PROFILE_NODE, 0, 0, H1_METHOD_HEAD},
      {"GET / HTTP/1.1\r\nHost: h\r\n\r\n", H1_REQUEST, 1, H1_PROFILE_NODE,
       H1_LENIENT_ALL, 0, H1_METHOD_NONE},
  };
  (void)state;
  check_all(cs, sizeof cs / sizeof cs[0]);
}

/* Heads the path leaves to the state machine: errors, leniencies at work,
 * the strict profile, forms it does not parse, heads not whole. */
static void test_unusual(void **state) {
  static const struct head_case cs[] = {
      REQ("\r\nGET / HTTP/1.1\r\n\r\n", 0),
      REQ("GET / HTTP/1.1\r\nHost: h\r\n", 0),
      REQ("GET / HTTP/1.1\r\nHost: h\r\n\r", 0),
      REQ("GET http://h/ HTTP/1.1\r\nHost: h\r\n\r\n", 0),
      REQ("CONNECT h:443 HTTP/1.1\r\n\r\n", 0),
      REQ("GET /#f HTTP/1.1\r\n\r\n", 0),
      REQ("GET  / HTTP/1.1\r\n\r\n", 0),
      REQ("GET / HTTP/1.2\r\n\r\n", 0),
      REQ("GET / HTTP/2.0\r\n\r\n", 0),
      REQ("DESCRIBE / HTTP/1.1\r\n\r\n", 0),
      REQ("GET / RTSP/1.0\r\n\r\n", 0),
      REQ("GET / HTTP/1.1\nHost: h\n\n", 0),
      REQ("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", 0),
      REQ("GET / HTTP/1.1\r\n X: a\r\n\r\n", 0),
      REQ("GET / HTTP/1.1\r\nHost : h\r\n\r\n", 0),
      REQ("GET / HTTP/1.1\r\nX:\r\n\r\n", 0),
      REQ("GET / HTTP/1.1\r\nX: a\x7f\r\n\r\n", 0),
      REQ("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", 0),
      REQ("POST / HTTP/1.1\r\nContent-Length: 1 \r\n\r\nx", 0),
      REQ("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n",
          0),
      REQ("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", 0),
      REQ("POST / HTTP/1.1\r\nContent-Length: 1\r\n"
          "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
          0),
      REQ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
          "0\r\n\r\n",
          0),
      REQ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 0),
      REQ("GET / HTTP/1.1\r\nConnection: keep-alive, upgrade\r\n\r\n", 0),
      REQ("GET / HTTP/1.1\r\nConnection: closed\r\n\r\n", 0),
      RES("HTTP/1.1 200\r\n\r\n", 0),
      RES("HTTP/1.1 20 OK\r\n\r\n", 0),
      RES("HTTP/2.0 200 OK\r\n\r\n", 0),
      RES("HTTP/1.1 200 OK\r\r\n\r\n", 0),
      {"GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", H1_REQUEST, 0, H1_PROFILE_NODE,
       H1_LENIENT_HEADERS, 0, H1_METHOD_NONE},
      {"GET / HTTP/1.1\r\nHost: h\r\n\r\n", H1_REQUEST, 0, H1_PROFILE_STRICT, 0,
       0, H1_METHOD_NONE},
      {"GET /0123456789 HTTP/1.1\r\nHost: h\r\n\r\n", H1_REQUEST, 0,
       H1_PROFILE_NODE, 0, 12, H1_METHOD_NONE},
      {"GET / HTTP/1.1\r\nHost: 0123456789\r\n\r\n", H1_REQUEST, 0,
       H1_PROFILE_NODE, 0, 15, H1_METHOD_NONE},
      /* Node's header byte count (target, names, values: 1 + 6 + 6) reaches
       * the limit only with the second line: declined, and the machine
       * reports it; one byte more of limit and the head is taken */
      {"GET / HTTP/1.1\r\nA: 12345\r\nB: 12345\r\n\r\n", H1_REQUEST, 0,
       H1_PROFILE_NODE, 0, 13, H1_METHOD_NONE},
      {"GET / HTTP/1.1\r\nA: 12345\r\nB: 12345\r\n\r\n", H1_REQUEST, 1,
       H1_PROFILE_NODE, 0, 14, H1_METHOD_NONE},
  };
  (void)state;
  check_all(cs, sizeof cs / sizeof cs[0]);
}

/* A parser that keeps no lines (slots NULL) checks every line in the
 * machine; so does one whose slots are too few for the head. */
static void test_memory(void **state) {
  static const char in[] = "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n";
  struct h1_header slots[2];
  h1_parser p;
  struct h1_event ev;
  size_t n;
  (void)state;
  taken = 0;
  h1_parser_init(&p, NULL, NULL, 0, NULL, 0);
  n = h1_execute(&p, in, sizeof in - 1, &ev);
  assert_int_equal(ev.type, H1_EV_HEAD);
  assert_int_equal(n, sizeof in - 1);
  assert_int_equal(taken, 0);
  h1_parser_init(&p, NULL, slots, 1, NULL, 0);
  n = h1_execute(&p, in, sizeof in - 1, &ev);
  assert_int_equal(ev.type, H1_EV_ERROR);
  assert_int_equal(p.error, H1_E_SLOTS_FULL);
  assert_int_equal(taken, 0);
  h1_parser_init(&p, NULL, slots, 2, NULL, 0);
  n = h1_execute(&p, in, sizeof in - 1, &ev);
  assert_int_equal(ev.type, H1_EV_HEAD);
  assert_int_equal(n, sizeof in - 1);
  assert_int_equal(p.msg.num_headers, 2);
  assert_int_equal(taken, 1);
}

/* Memory lent between messages (h1_parser_set_memory) bounds the lines
 * the path stores by its own slot count, not the first one's. */
static void test_set_memory(void **state) {
  static const char in[] = "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n";
  struct h1_header big[8], *small = malloc(sizeof *small);
  h1_parser p;
  struct h1_event ev;
  size_t n;
  (void)state;
  assert_non_null(small);
  taken = 0;
  h1_parser_init(&p, NULL, big, 8, NULL, 0);
  n = h1_execute(&p, in, sizeof in - 1, &ev);
  assert_int_equal(ev.type, H1_EV_HEAD);
  assert_int_equal(n, sizeof in - 1);
  (void)h1_execute(&p, NULL, 0, &ev);
  assert_int_equal(ev.type, H1_EV_MESSAGE_END);
  assert_int_equal(taken, 1);
  h1_parser_set_memory(&p, small, 1, NULL, 0);
  n = h1_execute(&p, in, sizeof in - 1, &ev);
  assert_int_equal(ev.type, H1_EV_ERROR);
  assert_int_equal(p.error, H1_E_SLOTS_FULL);
  assert_int_equal(taken, 1);
  free(small);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ordinary),
      cmocka_unit_test(test_unusual),
      cmocka_unit_test(test_memory),
      cmocka_unit_test(test_set_memory),
  };
  return cmocka_run_group_tests_name("head", tests, NULL, NULL);
}
