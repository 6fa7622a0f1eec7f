/*
 * test_ws_writer.c -- the WebSocket frame writer: exact bytes of every
 * length form masked and not, every refusal (with nothing written and no
 * state changed), the fragmentation helper, and round trips through the
 * reader.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ws_log.h"

static const unsigned char key[4] = {0x01, 0x02, 0x03, 0x04};

static void test_header_size(void **state) {
  (void)state;
  assert_int_equal(h1_ws_header_size(0, 0), 2);
  assert_int_equal(h1_ws_header_size(125, 0), 2);
  assert_int_equal(h1_ws_header_size(126, 0), 4);
  assert_int_equal(h1_ws_header_size(65535, 0), 4);
  assert_int_equal(h1_ws_header_size(65536, 0), 10);
  assert_int_equal(h1_ws_header_size(65536, 1), 14);
  assert_int_equal(h1_ws_header_size(0, 1), 6);
}

static void test_mask(void **state) {
  unsigned char a[7] = {0, 0, 0, 0, 0, 0, 0}, b[7];
  (void)state;
  h1_ws_mask(b, a, 7, key, 0);
  assert_memory_equal(b, "\x01\x02\x03\x04\x01\x02\x03", 7);
  h1_ws_mask(b, a, 7, key, 6); /* phase 2 */
  assert_memory_equal(b, "\x03\x04\x01\x02\x03\x04\x01", 7);
  h1_ws_mask(b, b, 7, key, 2); /* in place, back */
  assert_memory_equal(b, a, 7);
  /* every length, phase and misalignment against the definition */
  {
    unsigned char src[80], got[80];
    size_t len, off, ph, i;
    for (i = 0; i < sizeof src; i++)
      src[i] = (unsigned char)(i * 37 + 11);
    for (len = 0; len <= 40; len++)
      for (off = 0; off < 8; off++)
        for (ph = 0; ph < 6; ph++) {
          memset(got, 0, sizeof got);
          h1_ws_mask(got + off, src + 7 - off % 3, len, key, ph);
          for (i = 0; i < len; i++)
            assert_int_equal(got[off + i],
                             src[7 - off % 3 + i] ^ key[(ph + i) % 4]);
          assert_int_equal(got[off + len], 0);
        }
  }
}

static void test_exact_bytes(void **state) {
  h1_ws_writer w;
  char out[80000];
  size_t n;
  unsigned char *big = calloc(1, 70000);
  (void)state;

  h1_ws_writer_init(&w, H1_WS_SERVER, 0);
  assert_int_equal(h1_ws_write_data(&w, H1_WS_OP_TEXT, 1, NULL, "abc", 3, out,
                                    sizeof out, &n),
                   H1_WS_E_OK);
  assert_int_equal(n, 5);
  assert_memory_equal(out,
                      "\x81\x03"
                      "abc",
                      5);
  assert_int_equal(h1_ws_write_data(&w, H1_WS_OP_BINARY, 1, NULL, big, 126, out,
                                    sizeof out, &n),
                   H1_WS_E_OK);
  assert_int_equal(n, 130);
  assert_memory_equal(out, "\x82\x7e\x00\x7e", 4);
  assert_int_equal(h1_ws_write_data(&w, H1_WS_OP_BINARY, 1, NULL, big, 70000,
                                    out, sizeof out, &n),
                   H1_WS_E_OK);
  assert_int_equal(n, 70010);
  assert_memory_equal(out, "\x82\x7f\x00\x00\x00\x00\x00\x01\x11\x70", 10);
  assert_int_equal(w.frames, 3);

  h1_ws_writer_init(&w, H1_WS_CLIENT, 0);
  assert_int_equal(h1_ws_write_data(&w, H1_WS_OP_TEXT, 0, key, "abc", 3, out,
                                    sizeof out, &n),
                   H1_WS_E_OK);
  assert_int_equal(n, 9);
  assert_memory_equal(out, "\x01\x83\x01\x02\x03\x04\x60\x60\x60", 9);
  assert_int_equal(h1_ws_write_ping(&w, key, "", 0, out, sizeof out, &n),
                   H1_WS_E_OK);
  assert_memory_equal(out, "\x89\x80\x01\x02\x03\x04", 6);
  assert_int_equal(h1_ws_write_data(&w, H1_WS_OP_CONTINUATION, 1, key, "d", 1,
                                    out, sizeof out, &n),
                   H1_WS_E_OK);
  assert_memory_equal(out, "\x80\x81\x01\x02\x03\x04\x65", 7);
  assert_int_equal(
      h1_ws_write_close(&w, key, 1000, "ok", 2, out, sizeof out, &n),
      H1_WS_E_OK);
  assert_int_equal(n, 10);
  assert_memory_equal(out, "\x88\x84\x01\x02\x03\x04\x02\xea\x6c\x6f", 10);
  assert_true(w.closed);
  free(big);
}

/* A refused call writes nothing: the buffer keeps its sentinel. */
static void refused(h1_ws_errno got, h1_ws_errno want, const char *out) {
  size_t i;
  assert_string_equal(h1_ws_errno_name(got), h1_ws_errno_name(want));
  for (i = 0; i < 256; i++)
    assert_int_equal((unsigned char)out[i], 0xEE);
}

static void test_refusals(void **state) {
  h1_ws_writer w;
  char out[256];
  char reason[200];
  size_t n = 0;
  (void)state;
  memset(out, 0xEE, sizeof out);
  memset(reason, 'r', sizeof reason);

  h1_ws_writer_init(&w, H1_WS_SERVER, H1_WS_WRITE_CHECK_UTF8);
  refused(
      h1_ws_write_data(&w, H1_WS_OP_TEXT, 1, key, "a", 1, out, sizeof out, &n),
      H1_WS_E_MASK_ROLE, out);
  refused(h1_ws_write_data(&w, H1_WS_OP_CONTINUATION, 1, NULL, "a", 1, out,
                           sizeof out, &n),
          H1_WS_E_NOT_IN_MESSAGE, out);
  refused(
      h1_ws_write_data(&w, H1_WS_OP_PING, 1, NULL, "a", 1, out, sizeof out, &n),
      H1_WS_E_BAD_OPCODE, out);
  refused(h1_ws_write_data(&w, (h1_ws_opcode)3, 1, NULL, "a", 1, out,
                           sizeof out, &n),
          H1_WS_E_BAD_OPCODE, out);
  refused(h1_ws_write_data(&w, H1_WS_OP_TEXT, 1, NULL, "\xc0\xaf", 2, out,
                           sizeof out, &n),
          H1_WS_E_BAD_UTF8, out);
  refused(h1_ws_write_data(&w, H1_WS_OP_TEXT, 1, NULL, "\xe2\x82", 2, out,
                           sizeof out, &n),
          H1_WS_E_BAD_UTF8, out);
  refused(h1_ws_write_ping(&w, NULL, reason, 126, out, sizeof out, &n),
          H1_WS_E_CONTROL_PAYLOAD, out);
  refused(h1_ws_write_pong(&w, NULL, reason, 126, out, sizeof out, &n),
          H1_WS_E_CONTROL_PAYLOAD, out);
  refused(h1_ws_write_close(&w, NULL, 1000, reason, 124, out, sizeof out, &n),
          H1_WS_E_CONTROL_PAYLOAD, out);
  refused(h1_ws_write_close(&w, NULL, 1005, NULL, 0, out, sizeof out, &n),
          H1_WS_E_BAD_CLOSE_CODE, out);
  refused(h1_ws_write_close(&w, NULL, 999, NULL, 0, out, sizeof out, &n),
          H1_WS_E_BAD_CLOSE_CODE, out);
  refused(h1_ws_write_close(&w, NULL, 5000, NULL, 0, out, sizeof out, &n),
          H1_WS_E_BAD_CLOSE_CODE, out);
  refused(h1_ws_write_close(&w, NULL, 0, "x", 1, out, sizeof out, &n),
          H1_WS_E_REASON_WITHOUT_CODE, out);
  refused(h1_ws_write_close(&w, NULL, 1000, "\xff", 1, out, sizeof out, &n),
          H1_WS_E_BAD_UTF8, out);
  /* no room: the size needed, nothing written */
  refused(
      h1_ws_write_data(&w, H1_WS_OP_BINARY, 1, NULL, reason, 200, out, 203, &n),
      H1_WS_E_NO_ROOM, out);
  assert_int_equal(n, 204);
  refused(h1_ws_write_close(&w, NULL, 1000, "x", 1, out, 4, &n),
          H1_WS_E_NO_ROOM, out);
  assert_int_equal(n, 5);
  assert_false(w.closed);
  assert_int_equal(w.frames, 0);

  /* a message in progress: a new one is refused, its state survives a
   * refusal (the UTF-8 character begun stays begun) */
  assert_int_equal(h1_ws_write_data(&w, H1_WS_OP_TEXT, 0, NULL, "\xe2", 1, out,
                                    sizeof out, &n),
                   H1_WS_E_OK);
  memset(out, 0xEE, sizeof out);
  refused(
      h1_ws_write_data(&w, H1_WS_OP_TEXT, 1, NULL, "a", 1, out, sizeof out, &n),
      H1_WS_E_IN_MESSAGE, out);
  refused(h1_ws_write_data(&w, H1_WS_OP_BINARY, 1, NULL, "a", 1, out,
                           sizeof out, &n),
          H1_WS_E_IN_MESSAGE, out);
  refused(h1_ws_write_data(&w, H1_WS_OP_CONTINUATION, 1, NULL, "\x82\xac", 2,
                           out, 3, &n),
          H1_WS_E_NO_ROOM, out);
  refused(h1_ws_write_data(&w, H1_WS_OP_CONTINUATION, 1, NULL, "a", 1, out,
                           sizeof out, &n),
          H1_WS_E_BAD_UTF8, out);
  assert_int_equal(h1_ws_write_ping(&w, NULL, "p", 1, out, sizeof out, &n),
                   H1_WS_E_OK);
  assert_int_equal(h1_ws_write_data(&w, H1_WS_OP_CONTINUATION, 1, NULL,
                                    "\x82\xac", 2, out, sizeof out, &n),
                   H1_WS_E_OK);
  assert_int_equal(h1_ws_write_close(&w, NULL, 0, NULL, 0, out, sizeof out, &n),
                   H1_WS_E_OK);
  assert_int_equal(n, 2);
  memset(out, 0xEE, sizeof out);
  refused(h1_ws_write_ping(&w, NULL, "p", 1, out, sizeof out, &n),
          H1_WS_E_CLOSED, out);
  refused(
      h1_ws_write_data(&w, H1_WS_OP_TEXT, 1, NULL, "a", 1, out, sizeof out, &n),
      H1_WS_E_CLOSED, out);
  refused(h1_ws_write_close(&w, NULL, 1000, NULL, 0, out, sizeof out, &n),
          H1_WS_E_CLOSED, out);

  /* a client must mask */
  h1_ws_writer_init(&w, H1_WS_CLIENT, 0);
  refused(h1_ws_write_pong(&w, NULL, "", 0, out, sizeof out, &n),
          H1_WS_E_MASK_ROLE, out);
  /* without the UTF-8 flag, text bytes are the caller's business */
  assert_int_equal(h1_ws_write_data(&w, H1_WS_OP_TEXT, 1, key, "\xff", 1, out,
                                    sizeof out, &n),
                   H1_WS_E_OK);
}

/* Writes a stream with the writer, reads it back with the other role. */
static void test_round_trip(void **state) {
  h1_ws_writer w;
  size_t cap = 300000, len = 0, n, consumed, off;
  char *out = malloc(cap);
  unsigned char *big = malloc(200000);
  struct h1_ws_settings s = {H1_WS_SERVER, 0, 0};
  struct ws_log log, want;
  struct ws_payload p;
  size_t i, frames = 0;
  unsigned char k[4];
  (void)state;

  for (i = 0; i < 200000; i++)
    big[i] = (unsigned char)(i * 7 + (i >> 9));
  h1_ws_writer_init(&w, H1_WS_CLIENT, H1_WS_WRITE_CHECK_UTF8);
  ws_log_init(&want);
#define KEY()                                                                  \
  (k[0] = (unsigned char)frames++, k[1] = 0x5a, k[2] = 0, k[3] = 9, k)
  assert_int_equal(h1_ws_write_data(&w, H1_WS_OP_TEXT, 1, KEY(), "hello", 5,
                                    out + len, cap - len, &n),
                   H1_WS_E_OK);
  len += n;
  ws_log_printf(&want, "text \"68656c6c6f\"\n");
  /* a binary message in pieces of at most 1000 bytes of output, with
   * pings between */
  for (off = 0; off < 200000; off += consumed) {
    assert_int_equal(
        h1_ws_write_some(&w, off ? H1_WS_OP_CONTINUATION : H1_WS_OP_BINARY, 1,
                         KEY(), big + off, 200000 - off, out + len, 1000,
                         &consumed, &n),
        H1_WS_E_OK);
    assert_true(n <= 1000);
    assert_true(consumed > 0);
    len += n;
    if (off == 0) {
      assert_int_equal(
          h1_ws_write_ping(&w, KEY(), "p", 1, out + len, cap - len, &n),
          H1_WS_E_OK);
      len += n;
      ws_log_printf(&want, "ping \"70\"\n");
    }
  }
  ws_payload_init(&p);
  ws_payload_add(&p, big, 200000);
  ws_log_printf(&want, "binary");
  ws_payload_print(&want, &p);
  ws_log_printf(&want, "\n");
  assert_int_equal(h1_ws_write_some(&w, H1_WS_OP_TEXT, 1, KEY(), "", 0,
                                    out + len, cap - len, &consumed, &n),
                   H1_WS_E_OK);
  assert_int_equal(consumed, 0);
  len += n;
  ws_log_printf(&want, "text \"\"\n");
  assert_int_equal(
      h1_ws_write_close(&w, KEY(), 4000, "bye", 3, out + len, cap - len, &n),
      H1_WS_E_OK);
  len += n;
  ws_log_printf(&want, "close 4000 \"627965\"\nend closed\n");
#undef KEY
  ws_log_init(&log);
  assert_int_equal(ws_log_run(&s, (unsigned char *)out, len, NULL, 0, 1, &log),
                   0);
  assert_string_equal(log.buf, want.buf);
  ws_log_free(&log);
  ws_log_free(&want);
  free(out);
  free(big);
}

static void test_write_some_room(void **state) {
  h1_ws_writer w;
  char out[70000], payload[70000];
  size_t n = 0, consumed = 99;
  (void)state;
  memset(payload, 'x', sizeof payload);
  h1_ws_writer_init(&w, H1_WS_SERVER, 0);
  /* 2 bytes of room: not even a header and one byte */
  assert_int_equal(h1_ws_write_some(&w, H1_WS_OP_BINARY, 1, NULL, payload, 10,
                                    out, 2, &consumed, &n),
                   H1_WS_E_NO_ROOM);
  assert_int_equal(n, 3);
  assert_int_equal(consumed, 99);
  /* 3: one byte */
  assert_int_equal(h1_ws_write_some(&w, H1_WS_OP_BINARY, 1, NULL, payload, 10,
                                    out, 3, &consumed, &n),
                   H1_WS_E_OK);
  assert_int_equal(consumed, 1);
  assert_int_equal(n, 3);
  assert_int_equal((unsigned char)out[0], 0x02); /* not final */
  /* 129 bytes: 125 in the 7-bit form beat 125 in the 16-bit form */
  assert_int_equal(h1_ws_write_some(&w, H1_WS_OP_CONTINUATION, 1, NULL, payload,
                                    1000, out, 129, &consumed, &n),
                   H1_WS_E_OK);
  assert_int_equal(consumed, 125);
  assert_int_equal(n, 127);
  /* 200 bytes: 196 in the 16-bit form */
  assert_int_equal(h1_ws_write_some(&w, H1_WS_OP_CONTINUATION, 1, NULL, payload,
                                    1000, out, 200, &consumed, &n),
                   H1_WS_E_OK);
  assert_int_equal(consumed, 196);
  assert_int_equal(n, 200);
  /* 65545 bytes of room: 65535 in the 16-bit form (the 64-bit one would
   * carry no more) */
  assert_int_equal(h1_ws_write_some(&w, H1_WS_OP_CONTINUATION, 1, NULL, payload,
                                    70000, out, 65545, &consumed, &n),
                   H1_WS_E_OK);
  assert_int_equal(consumed, 65535);
  assert_int_equal(n, 65539);
  /* the rest fits: final */
  assert_int_equal(h1_ws_write_some(&w, H1_WS_OP_CONTINUATION, 1, NULL, payload,
                                    10, out, sizeof out, &consumed, &n),
                   H1_WS_E_OK);
  assert_int_equal(consumed, 10);
  assert_int_equal((unsigned char)out[0], 0x80);
  /* the next message may begin */
  assert_int_equal(h1_ws_write_some(&w, H1_WS_OP_TEXT, 0, NULL, "ab", 2, out,
                                    sizeof out, &consumed, &n),
                   H1_WS_E_OK);
  assert_int_equal((unsigned char)out[0], 0x01); /* `last` not set */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_header_size),
      cmocka_unit_test(test_mask),
      cmocka_unit_test(test_exact_bytes),
      cmocka_unit_test(test_refusals),
      cmocka_unit_test(test_round_trip),
      cmocka_unit_test(test_write_some_room),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
