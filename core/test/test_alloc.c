/*
 * test_alloc.c -- the engine never allocates.
 *
 * Every call to malloc, calloc, realloc, free, strdup, strndup, aligned_alloc
 * and posix_memalign made by the engine's objects goes through the counter of
 * alloc_count.c (linker --wrap).  Each case below parses requests and
 * responses through the public API only -- h1_parser_init(), h1_execute()
 * and h1_finish() -- in one piece, byte by byte and in 7-byte pieces from a
 * scratch buffer (so heads spill into the arena), and asserts that the
 * counter did not move and that the parse reached the expected outcome (so a
 * parser that did nothing could not pass).  The first tests prove the counter
 * itself counts, so this file can fail.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <stdlib.h>

#include "alloc_count.h"
#include "h1/h1.h"

/* Caller memory sized so that a Node-default head can never run out. */
#define MAX_HEADER H1_DEFAULT_MAX_HEADER_SIZE
static struct h1_header slots[H1_SLOTS_FOR(MAX_HEADER)];
static char arena[H1_ARENA_FOR(MAX_HEADER)];
static h1_parser parser;

struct outcome {
  unsigned heads;
  unsigned ends;
  unsigned upgrades;
  unsigned errors;
  uint64_t body_bytes;
  h1_errno error;
};

struct expect {
  unsigned heads;
  unsigned ends;
  unsigned upgrades;
  uint64_t body_bytes;
  h1_errno error; /* H1_E_OK: no error expected */
};

struct input {
  const char *name;
  h1_type type;
  h1_method request_method; /* responses */
  const char *data;
  size_t len; /* 0: strlen(data) */
  int finish; /* call h1_finish() after the last byte */
  struct expect want;
};

/* An input and its expected outcome: REQ(name, data, finish, heads, ends,
 * upgrades, body bytes, error) and RES(name, request method, data, ...). */
#define REQ(name, data, finish, heads, ends, upgrades, body, error)            \
  {                                                                            \
    name, H1_REQUEST, H1_METHOD_NONE, data, 0, finish, {                       \
      heads, ends, upgrades, body, error                                       \
    }                                                                          \
  }
#define REQ_N(name, data, len, heads, ends, upgrades, body, error)             \
  {                                                                            \
    name, H1_REQUEST, H1_METHOD_NONE, data, len, 0, {                          \
      heads, ends, upgrades, body, error                                       \
    }                                                                          \
  }
#define RES(name, method, data, finish, heads, ends, body, error)              \
  {                                                                            \
    name, H1_RESPONSE, H1_METHOD_##method, data, 0, finish, {                  \
      heads, ends, 0, body, error                                              \
    }                                                                          \
  }

/* Runs h1_execute() until it asks for more input or stops.  Returns 0 when
 * the parser stopped (error or upgrade). */
static int drain(const char *data, size_t len, struct outcome *out) {
  size_t used = 0;
  unsigned guard;
  for (guard = 0; guard < 64u + 4u * (unsigned)len; guard++) {
    struct h1_event ev;
    size_t n = h1_execute(&parser, data + used, len - used, &ev);
    assert_true(n <= len - used);
    used += n;
    switch (ev.type) {
    case H1_EV_NONE:
      assert_int_equal(used, len);
      return 1;
    case H1_EV_HEAD:
      out->heads++;
      break;
    case H1_EV_BODY:
      out->body_bytes += ev.data.len;
      break;
    case H1_EV_MESSAGE_END:
      out->ends++;
      break;
    case H1_EV_UPGRADE:
      out->upgrades++;
      return 0;
    case H1_EV_ERROR:
      out->errors++;
      out->error = parser.error;
      return 0;
    default:
      fail_msg("unknown event type %d", (int)ev.type);
    }
  }
  fail_msg("h1_execute() made no progress");
  return 0;
}

/* Parses `in` fed in pieces of `step` bytes (0: one piece, straight from the
 * input).  Pieces are copied into a scratch buffer that is overwritten by the
 * next piece, as a socket read buffer would be. */
static void parse(const struct input *in, size_t step, struct outcome *out) {
  static char scratch[64];
  struct h1_settings set;
  size_t len = in->len ? in->len : strlen(in->data);
  size_t off = 0;
  int going = 1;

  memset(out, 0, sizeof *out);
  memset(&set, 0, sizeof set);
  set.type = in->type;
  set.profile = H1_PROFILE_NODE;
  set.request_method = in->request_method;
  h1_parser_init(&parser, &set, slots, sizeof slots / sizeof slots[0], arena,
                 sizeof arena);

  if (step == 0) {
    going = drain(in->data, len, out);
  } else {
    assert_true(step <= sizeof scratch);
    while (going && off < len) {
      size_t n = len - off < step ? len - off : step;
      memcpy(scratch, in->data + off, n);
      going = drain(scratch, n, out);
      off += n;
    }
  }
  if (going && in->finish) {
    struct h1_event ev;
    h1_finish(&parser, &ev);
    if (ev.type == H1_EV_MESSAGE_END)
      out->ends++;
    else if (ev.type == H1_EV_ERROR) {
      out->errors++;
      out->error = parser.error;
    }
  }
}

/* Returns 1 when `got` is what `in` expects; prints the difference if not. */
static int check_outcome(const struct input *in, size_t step,
                         const struct outcome *got) {
  const struct expect *w = &in->want;
  if (got->heads == w->heads && got->ends == w->ends &&
      got->upgrades == w->upgrades && got->body_bytes == w->body_bytes &&
      got->error == w->error && got->errors == (w->error != H1_E_OK))
    return 1;
  print_error("%s (step %zu): heads %u ends %u upgrades %u body %llu error %s;"
              " want heads %u ends %u upgrades %u body %llu error %s\n",
              in->name, step, got->heads, got->ends, got->upgrades,
              (unsigned long long)got->body_bytes, h1_errno_name(got->error),
              w->heads, w->ends, w->upgrades, (unsigned long long)w->body_bytes,
              h1_errno_name(w->error));
  return 0;
}

static const size_t steps[] = {0, 1, 7};

/* Parses every input at every step with the counter running; asserts zero
 * heap calls and the expected outcome. */
static void run_inputs(const struct input *inputs, size_t n) {
  size_t i, s;
  unsigned alloc_failures = 0, outcome_failures = 0;
  for (i = 0; i < n; i++) {
    for (s = 0; s < sizeof steps / sizeof steps[0]; s++) {
      struct outcome got;
      struct h1_alloc_counts c;
      h1_alloc_count_reset();
      parse(&inputs[i], steps[s], &got);
      c = h1_alloc_count_get();
      if (c.allocs != 0 || c.frees != 0) {
        print_error("%s (step %zu): the engine made %lu allocations and %lu "
                    "frees\n",
                    inputs[i].name, steps[s], c.allocs, c.frees);
        alloc_failures++;
      }
      if (!check_outcome(&inputs[i], steps[s], &got))
        outcome_failures++;
    }
  }
  if (alloc_failures != 0 || outcome_failures != 0)
    fail_msg("%u parses allocated, %u parses ended unexpectedly",
             alloc_failures, outcome_failures);
}

/* ------------------------------------------------------------------------
 * The counter counts.
 * ------------------------------------------------------------------------ */

/* Called through volatile pointers so the compiler cannot drop a
 * malloc/free pair it can see is unused. */
static void *(*volatile do_malloc)(size_t) = malloc;
static void *(*volatile do_calloc)(size_t, size_t) = calloc;
static void *(*volatile do_realloc)(void *, size_t) = realloc;
static void (*volatile do_free)(void *) = free;

static void test_counter_counts(void **state) {
  struct h1_alloc_counts c;
  void *p;
  (void)state;

  h1_alloc_count_reset();
  assert_int_equal(h1_alloc_count_total(), 0);

  p = do_malloc(16);
  assert_non_null(p);
  c = h1_alloc_count_get();
  assert_int_equal(c.allocs, 1);
  assert_int_equal(c.frees, 0);

  p = do_realloc(p, 64);
  assert_non_null(p);
  do_free(p);
  p = do_calloc(4, 4);
  assert_non_null(p);
  do_free(p);
  c = h1_alloc_count_get();
  assert_int_equal(c.allocs, 3);
  assert_int_equal(c.frees, 2);
  assert_int_equal(h1_alloc_count_total(), 5);

  h1_alloc_count_reset();
  assert_int_equal(h1_alloc_count_total(), 0);
}

/* The measuring path used for the engine sees an allocation made between
 * reset and read, as it would see one made by the engine. */
static void test_counter_sees_allocation_during_parse(void **state) {
  static const struct input in =
      REQ("GET", "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 0, 1, 1, 0, 0, H1_E_OK);
  struct outcome got;
  void *p;
  (void)state;

  h1_alloc_count_reset();
  parse(&in, 1, &got);
  p = do_malloc(1);
  do_free(p);
  assert_int_equal(h1_alloc_count_get().allocs, 1);
  assert_int_equal(h1_alloc_count_get().frees, 1);
}

/* ------------------------------------------------------------------------
 * Requests.
 * ------------------------------------------------------------------------ */

static char big_request[MAX_HEADER];
static size_t big_request_len;

/* A head near Node's limit: 100 header lines and one 8000-byte value. */
static void build_big_request(void) {
  size_t n = 0, i;
  const char *line = "GET /big HTTP/1.1\r\nHost: example.com\r\n";
  memcpy(big_request, line, strlen(line));
  n = strlen(line);
  for (i = 0; i < 100; i++) {
    memcpy(big_request + n, "X-Header-", 9);
    n += 9;
    big_request[n++] = (char)('0' + i / 10);
    big_request[n++] = (char)('0' + i % 10);
    memcpy(big_request + n, ": some value\r\n", 14);
    n += 14;
  }
  memcpy(big_request + n, "Cookie: ", 8);
  n += 8;
  memset(big_request + n, 'c', 8000);
  n += 8000;
  memcpy(big_request + n, "\r\n\r\n", 4);
  n += 4;
  big_request_len = n;
}

static void test_requests_do_not_allocate(void **state) {
  const struct input inputs[] = {
      REQ("simple GET",
          "GET / HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n", 0, 1, 1,
          0, 0, H1_E_OK),
      REQ("HTTP/1.0 no headers", "GET /index.html HTTP/1.0\r\n\r\n", 0, 1, 1, 0,
          0, H1_E_OK),
      REQ("POST Content-Length",
          "POST /submit?x=1 HTTP/1.1\r\nHost: a\r\n"
          "Content-Type: text/plain\r\nContent-Length: 11\r\n\r\nhello world",
          0, 1, 1, 0, 11, H1_E_OK),
      REQ("chunked with extension and trailer",
          "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
          "\r\n5;name=value\r\nhello\r\n6\r\n world\r\n0\r\n"
          "X-Trailer: yes\r\n\r\n",
          0, 1, 1, 0, 11, H1_E_OK),
      REQ("pipelined keep-alive",
          "GET /a HTTP/1.1\r\nHost: a\r\n\r\n"
          "PUT /b HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
          "DELETE /c HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n\r\n",
          0, 3, 3, 0, 3, H1_E_OK),
      REQ("upgrade",
          "GET /chat HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\n"
          "Upgrade: websocket\r\n\r\n\x81\x05hello",
          0, 1, 1, 1, 0, H1_E_OK),
      REQ_N("big head", big_request, big_request_len, 1, 1, 0, 0, H1_E_OK),
      REQ("invalid method", "BLAH / HTTP/1.1\r\nHost: a\r\n\r\n", 0, 0, 0, 0, 0,
          H1_E_INVALID_METHOD),
      REQ("incomplete body at EOF",
          "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc", 1, 1,
          0, 0, 3, H1_E_INVALID_EOF_STATE),
  };
  (void)state;
  run_inputs(inputs, sizeof inputs / sizeof inputs[0]);
}

/* ------------------------------------------------------------------------
 * Responses.
 * ------------------------------------------------------------------------ */

static void test_responses_do_not_allocate(void **state) {
  const struct input inputs[] = {
      RES("200 Content-Length", GET,
          "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: x\r\n\r\nhello", 0,
          1, 1, 5, H1_E_OK),
      RES("chunked with trailer", GET,
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
          "3\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nX-Sum: 1\r\n\r\n",
          0, 1, 1, 19, H1_E_OK),
      RES("body until EOF", GET,
          "HTTP/1.1 200 OK\r\nServer: x\r\n\r\nbody until close", 1, 1, 1, 16,
          H1_E_OK),
      RES("HEAD response", HEAD,
          "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", 0, 1, 1, 0,
          H1_E_OK),
      RES("100 Continue then 200", POST,
          "HTTP/1.1 100 Continue\r\n\r\n"
          "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
          0, 2, 2, 2, H1_E_OK),
      RES("204 No Content", DELETE,
          "HTTP/1.1 204 No Content\r\nDate: x\r\n\r\n", 0, 1, 1, 0, H1_E_OK),
      RES("invalid status", GET, "HTTP/1.1 2x0 OK\r\n\r\n", 0, 0, 0, 0,
          H1_E_INVALID_STATUS),
  };
  (void)state;
  run_inputs(inputs, sizeof inputs / sizeof inputs[0]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_counter_counts),
      cmocka_unit_test(test_counter_sees_allocation_during_parse),
      cmocka_unit_test(test_requests_do_not_allocate),
      cmocka_unit_test(test_responses_do_not_allocate),
  };
  build_big_request();
  return cmocka_run_group_tests(tests, NULL, NULL);
}
