/*
 * test_ws_reader.c -- the WebSocket frame reader: every length form, every
 * error with its offset and close code, masking in place, and the rules
 * around the stream (sticky errors, reset, finish, bytes after a close).
 * Each input runs whole and at every split (support/ws_log.c), and every
 * run must print the same log.
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

/* Bytes from hex text (spaces ignored) into a new buffer. */
static unsigned char *unhex(const char *hex, size_t *len) {
  unsigned char *b = malloc(strlen(hex) / 2 + 1);
  size_t n = 0;
  unsigned v;
  for (; *hex; hex++) {
    if (*hex == ' ')
      continue;
    assert_int_equal(sscanf(hex, "%2x", &v), 1);
    b[n++] = (unsigned char)v;
    hex++;
  }
  *len = n;
  return b;
}

/* Runs `in` (all splits) with the settings; the log must be `want`. */
static void check_bytes(h1_ws_role role, uint32_t flags, uint64_t max,
                        const unsigned char *in, size_t len, const char *want) {
  struct h1_ws_settings s;
  struct ws_log whole;
  char diag[4096];
  memset(&s, 0, sizeof s);
  s.role = role;
  s.flags = flags;
  s.max_message_size = max;
  if (ws_log_check(&s, in, len, NULL, &whole, diag, sizeof diag) != 0) {
    print_error("%s\n", diag);
    fail();
  }
  if (strcmp(whole.buf, want) != 0) {
    print_error("want:\n%sgot:\n%s", want, whole.buf);
    ws_log_free(&whole);
    fail();
  }
  ws_log_free(&whole);
}

static void check(h1_ws_role role, const char *hex, const char *want) {
  size_t len;
  unsigned char *in = unhex(hex, &len);
  check_bytes(role, 0, 0, in, len, want);
  free(in);
}

#define C H1_WS_CLIENT
#define S H1_WS_SERVER

/* A frame header for `len` bytes in the minimal form, unmasked. */
static size_t header(unsigned char *h, unsigned b0, uint64_t len) {
  size_t n = 0;
  int i;
  h[n++] = (unsigned char)b0;
  if (len < 126) {
    h[n++] = (unsigned char)len;
  } else if (len <= 0xFFFF) {
    h[n++] = 126;
    h[n++] = (unsigned char)(len >> 8);
    h[n++] = (unsigned char)len;
  } else {
    h[n++] = 127;
    for (i = 7; i >= 0; i--)
      h[n++] = (unsigned char)(len >> (8 * i));
  }
  return n;
}

static void test_length_forms(void **state) {
  static const uint64_t lens[] = {0, 1, 125, 126, 127, 65535, 65536, 70000};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
    unsigned char *in = malloc(lens[i] + 16);
    size_t n = header(in, 0x82, lens[i]);
    char want[128];
    struct ws_payload p;
    struct ws_log l;
    memset(in + n, 0xab, lens[i]);
    ws_payload_init(&p);
    ws_payload_add(&p, in + n, lens[i]);
    ws_log_init(&l);
    ws_log_printf(&l, "binary");
    ws_payload_print(&l, &p);
    snprintf(want, sizeof want, "%s\nend open\n", l.buf);
    check_bytes(C, 0, 0, in, n + lens[i], want);
    ws_log_free(&l);
    free(in);
  }
}

static void test_messages(void **state) {
  (void)state;
  check(C, "", "end open\n");
  check(C, "8100", "text \"\"\nend open\n");
  check(C, "8103 616263 8202 0102",
        "text \"616263\"\nbinary \"0102\"\nend open\n");
  /* fragments with a ping and a pong between */
  check(C, "0101 61 8900 0001 62 8a01 7a 8001 63",
        "ping \"\"\npong \"7a\"\ntext \"616263\"\nend open\n");
  /* a mask of zeros is a mask */
  check(S, "8183 00000000 616263", "text \"616263\"\nend open\n");
  /* close: with code and reason, empty; later bytes are not read */
  check(C, "8804 03e8 6f6b ffffffff", "close 1000 \"6f6b\"\nend closed\n");
  check(C, "8800 c1", "close 1005 \"\"\nend closed\n");
  /* without the UTF-8 check, any bytes */
  {
    size_t len;
    unsigned char *in = unhex("8102 c0af 8803 03e8ff", &len);
    check_bytes(C, H1_WS_NO_UTF8_CHECK, 0, in, len,
                "text \"c0af\"\nclose 1000 \"ff\"\nend closed\n");
    free(in);
  }
}

static void test_header_errors(void **state) {
  (void)state;
  check(C, "c100", "fail 1002 WS_RSV @0\n");
  check(C, "8101 61 a100", "text \"61\"\nfail 1002 WS_RSV @3\n");
  check(C, "9100", "fail 1002 WS_RSV @0\n");
  check(C, "8300", "fail 1002 WS_OPCODE @0\n");
  check(C, "8700", "fail 1002 WS_OPCODE @0\n");
  check(C, "8b00", "fail 1002 WS_OPCODE @0\n");
  check(C, "8f00", "fail 1002 WS_OPCODE @0\n");
  check(C, "0900", "fail 1002 WS_CONTROL_FRAGMENTED @0\n");
  check(C, "0800", "fail 1002 WS_CONTROL_FRAGMENTED @0\n");
  check(C, "8000", "fail 1002 WS_CONTINUATION_UNEXPECTED @0\n");
  check(C, "0000", "fail 1002 WS_CONTINUATION_UNEXPECTED @0\n");
  check(C, "0101 61 8101 62", "fail 1002 WS_CONTINUATION_EXPECTED @3\n");
  check(C, "0101 61 8201 62", "fail 1002 WS_CONTINUATION_EXPECTED @3\n");
  check(S, "8100", "fail 1002 WS_MASK_EXPECTED @1\n");
  check(C, "8180 00000000", "fail 1002 WS_MASK_UNEXPECTED @1\n");
  check(C, "897e 007e", "fail 1002 WS_CONTROL_TOO_LONG @1\n");
  check(C, "8a7f", "fail 1002 WS_CONTROL_TOO_LONG @1\n");
  check(C, "897e", "fail 1002 WS_CONTROL_TOO_LONG @1\n");
  check(C, "8801 03", "fail 1002 WS_CLOSE_LENGTH @1\n");
  check(C, "817e 0005 68656c6c6f", "fail 1002 WS_LENGTH_NOT_MINIMAL @3\n");
  check(C, "817e 007d", "fail 1002 WS_LENGTH_NOT_MINIMAL @3\n");
  check(C, "827f 0000000000000005", "fail 1002 WS_LENGTH_NOT_MINIMAL @9\n");
  check(C, "827f 000000000000ffff", "fail 1002 WS_LENGTH_NOT_MINIMAL @9\n");
  check(C, "827f 80", "fail 1002 WS_LENGTH_MSB @2\n");
  check(C, "827f ff00000000000000", "fail 1002 WS_LENGTH_MSB @2\n");
  /* default maximum: 100 MiB exactly passes the header, one more fails */
  check(C, "827f 0000000006400000", "fail 1006 WS_TRUNCATED @10\n");
  check(C, "827f 0000000006400001", "fail 1009 WS_TOO_BIG @9\n");
  check(C, "827f 7fffffffffffffff", "fail 1009 WS_TOO_BIG @9\n");
}

static void test_lenient_length(void **state) {
  size_t len;
  unsigned char *in = unhex("817e 0002 6162 827f 0000000000000001 ff", &len);
  (void)state;
  check_bytes(C, H1_WS_LENIENT_LENGTH, 0, in, len,
              "text \"6162\"\nbinary \"ff\"\nend open\n");
  free(in);
}

static void test_max_message(void **state) {
  size_t len;
  unsigned char *in;
  (void)state;
  in = unhex("8104 61626364 8105 6162636465", &len);
  check_bytes(C, 0, 4, in, len, "text \"61626364\"\nfail 1009 WS_TOO_BIG @7\n");
  free(in);
  /* fragments count together, control frames not at all */
  in = unhex("0102 6162 8903 010203 8003 636465", &len);
  check_bytes(C, 0, 4, in, len, "ping \"010203\"\nfail 1009 WS_TOO_BIG @10\n");
  free(in);
  in = unhex("027e 00c9", &len);
  check_bytes(C, 0, 200, in, len, "fail 1009 WS_TOO_BIG @3\n");
  free(in);
  in = unhex("8000", &len);
  check_bytes(C, 0, H1_WS_NO_LIMIT, in, len,
              "fail 1002 WS_CONTINUATION_UNEXPECTED @0\n");
  free(in);
}

static void test_close_errors(void **state) {
  (void)state;
  check(C, "8802 03e8", "close 1000 \"\"\nend closed\n");
  check(C, "8802 03ed", "fail 1002 WS_CLOSE_CODE @3\n");
  check(C, "8802 0000", "fail 1002 WS_CLOSE_CODE @3\n");
  check(C, "8802 03ec", "fail 1002 WS_CLOSE_CODE @3\n");
  check(C, "8802 03ee", "fail 1002 WS_CLOSE_CODE @3\n");
  check(C, "8802 03f7", "fail 1002 WS_CLOSE_CODE @3\n");
  check(C, "8802 1388", "fail 1002 WS_CLOSE_CODE @3\n");
  check(C, "8802 0bb8", "close 3000 \"\"\nend closed\n");
  check(C, "8802 1387", "close 4999 \"\"\nend closed\n");
  check(C, "8805 03e8 61ff62", "fail 1007 WS_CLOSE_UTF8 @5\n");
  check(C, "8804 03e8 e282", "fail 1007 WS_CLOSE_UTF8 @6\n");
  check(C, "8805 03e8 e282ac", "close 1000 \"e282ac\"\nend closed\n");
}

static void test_text_utf8(void **state) {
  (void)state;
  check(C, "8103 61ff62", "fail 1007 WS_TEXT_UTF8 @3\n");
  check(C, "8102 61e2", "fail 1007 WS_TEXT_UTF8 @4\n");
  check(C, "0102 61e2 8002 82ac", "text \"61e282ac\"\nend open\n");
  check(C, "0102 61e2 8902 ffff 8002 82ac",
        "ping \"ffff\"\ntext \"61e282ac\"\nend open\n");
  check(C, "0102 61e2 8002 2020", "fail 1007 WS_TEXT_UTF8 @6\n");
  check(C, "8102 eda0", "fail 1007 WS_TEXT_UTF8 @3\n");
  check(C, "8102 c0af", "fail 1007 WS_TEXT_UTF8 @2\n");
  check(C, "8104 f4908080", "fail 1007 WS_TEXT_UTF8 @3\n");
  /* binary is never checked */
  check(C, "8202 c0af", "binary \"c0af\"\nend open\n");
}

static void test_truncated(void **state) {
  (void)state;
  check(C, "81", "fail 1006 WS_TRUNCATED @1\n");
  check(C, "8105 6162", "fail 1006 WS_TRUNCATED @4\n");
  check(C, "817e 00", "fail 1006 WS_TRUNCATED @3\n");
  check(C, "0101 61", "fail 1006 WS_TRUNCATED @3\n");
  check(C, "8902 61", "fail 1006 WS_TRUNCATED @3\n");
  check(S, "8181 0102", "fail 1006 WS_TRUNCATED @4\n");
}

/* The payload is unmasked where it lies; bytes not consumed are not
 * touched, also when a text turns out invalid in the middle. */
static void test_unmask_in_place(void **state) {
  static const unsigned char mask[4] = {0x11, 0x22, 0x33, 0x44};
  unsigned char frame[32], orig[32];
  const char *text = "ab\xff"
                     "cd";
  h1_ws_reader r;
  struct h1_ws_event ev;
  struct h1_ws_settings s = {H1_WS_SERVER, 0, 0};
  size_t n, used, off = 0;
  (void)state;

  frame[0] = 0x81;
  frame[1] = 0x80 | 5;
  memcpy(frame + 2, mask, 4);
  h1_ws_mask(frame + 6, text, 5, mask, 0);
  n = 11;
  memcpy(orig, frame, n);
  h1_ws_reader_init(&r, &s);
  used = h1_ws_read(&r, (char *)frame, n, &ev);
  assert_int_equal(ev.type, H1_WS_EV_MESSAGE_START);
  assert_int_equal(ev.opcode, H1_WS_OP_TEXT);
  off += used;
  used = h1_ws_read(&r, (char *)frame + off, n - off, &ev);
  assert_int_equal(ev.type, H1_WS_EV_DATA);
  assert_int_equal(ev.data.len, 2);
  assert_memory_equal(ev.data.ptr, "ab", 2);
  assert_ptr_equal(ev.data.ptr, frame + 6);
  off += used;
  assert_int_equal(off, 8);
  /* the rest, from the bad byte on, is as it came */
  assert_memory_equal(frame + 8, orig + 8, 3);
  used = h1_ws_read(&r, (char *)frame + off, n - off, &ev);
  assert_int_equal(used, 0);
  assert_int_equal(ev.type, H1_WS_EV_ERROR);
  assert_int_equal(r.error, H1_WS_E_TEXT_UTF8);
  assert_int_equal(r.error_offset, 8);
  assert_int_equal(r.close_code, 1007);
  assert_int_equal(r.nread, 8);
  assert_memory_equal(frame + 8, orig + 8, 3);
  /* sticky */
  used = h1_ws_read(&r, (char *)frame + off, n - off, &ev);
  assert_int_equal(used, 0);
  assert_int_equal(ev.type, H1_WS_EV_ERROR);
  h1_ws_reader_finish(&r, &ev);
  assert_int_equal(ev.type, H1_WS_EV_ERROR);
  assert_int_equal(r.error, H1_WS_E_TEXT_UTF8);
  /* reset: a fresh reader with the same settings (server: masked) */
  h1_ws_reader_reset(&r);
  assert_int_equal(r.error, H1_WS_E_OK);
  assert_int_equal(r.nread, 0);
  used = h1_ws_read(&r, (char *)"\x81\x00", 2, &ev);
  assert_int_equal(used, 1);
  assert_int_equal(ev.type, H1_WS_EV_ERROR);
  assert_int_equal(r.error, H1_WS_E_MASK_EXPECTED);
}

static void test_state_queries(void **state) {
  h1_ws_reader r;
  struct h1_ws_event ev;
  char in[] = "\x01\x01"
              "a"
              "\x80\x01"
              "b";
  size_t off = 0;
  (void)state;
  /* NULL settings: a server, which wants masked frames */
  h1_ws_reader_init(&r, NULL);
  assert_int_equal(h1_ws_read(&r, in, 6, &ev), 1);
  assert_int_equal(ev.type, H1_WS_EV_ERROR);
  assert_int_equal(r.error, H1_WS_E_MASK_EXPECTED);
  {
    struct h1_ws_settings s = {H1_WS_CLIENT, 0, 0};
    h1_ws_reader_init(&r, &s);
  }
  assert_false(h1_ws_in_message(&r));
  off += h1_ws_read(&r, in, 6, &ev); /* MESSAGE_START */
  assert_int_equal(ev.type, H1_WS_EV_MESSAGE_START);
  assert_true(h1_ws_in_message(&r));
  while (ev.type != H1_WS_EV_MESSAGE_END)
    off += h1_ws_read(&r, in + off, 6 - off, &ev);
  assert_false(h1_ws_in_message(&r));
  assert_int_equal(r.messages, 1);
  assert_int_equal(off, 6);
  h1_ws_read(&r, in + off, 0, &ev);
  assert_int_equal(ev.type, H1_WS_EV_NONE);
  h1_ws_reader_finish(&r, &ev);
  assert_int_equal(ev.type, H1_WS_EV_NONE);
}

static void test_error_table(void **state) {
  int e;
  (void)state;
  for (e = 0; e < H1_WS_E__COUNT; e++) {
    assert_non_null(h1_ws_errno_name((h1_ws_errno)e));
    assert_true(strncmp(h1_ws_errno_name((h1_ws_errno)e), "WS_", 3) == 0);
    assert_true(strlen(h1_ws_errno_reason((h1_ws_errno)e)) > 0);
  }
  assert_string_equal(h1_ws_errno_name(H1_WS_E__COUNT), "WS_UNKNOWN");
  assert_int_equal(h1_ws_errno_close_code(H1_WS_E__COUNT), 0);
  assert_int_equal(h1_ws_errno_close_code(H1_WS_E_OK), 0);
  assert_int_equal(h1_ws_errno_close_code(H1_WS_E_RSV), 1002);
  assert_int_equal(h1_ws_errno_close_code(H1_WS_E_TEXT_UTF8), 1007);
  assert_int_equal(h1_ws_errno_close_code(H1_WS_E_CLOSE_UTF8), 1007);
  assert_int_equal(h1_ws_errno_close_code(H1_WS_E_TOO_BIG), 1009);
  assert_int_equal(h1_ws_errno_close_code(H1_WS_E_TRUNCATED), 1006);
  assert_int_equal(h1_ws_errno_close_code(H1_WS_E_NO_ROOM), 0);
}

static void test_close_codes(void **state) {
  unsigned c;
  (void)state;
  for (c = 0; c < 70000; c++) {
    int want = (c >= 1000 && c <= 1003) || (c >= 1007 && c <= 1014) ||
               (c >= 3000 && c <= 4999);
    assert_int_equal(h1_ws_close_code_valid(c), want);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_length_forms),
      cmocka_unit_test(test_messages),
      cmocka_unit_test(test_header_errors),
      cmocka_unit_test(test_lenient_length),
      cmocka_unit_test(test_max_message),
      cmocka_unit_test(test_close_errors),
      cmocka_unit_test(test_text_utf8),
      cmocka_unit_test(test_truncated),
      cmocka_unit_test(test_unmask_in_place),
      cmocka_unit_test(test_state_queries),
      cmocka_unit_test(test_error_table),
      cmocka_unit_test(test_close_codes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
