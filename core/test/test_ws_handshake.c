/*
 * test_ws_handshake.c -- the opening handshake's decisions on messages
 * parsed by h1: the server's answer to each kind of bad request (status and
 * name), the client's verdict on each kind of bad response, and the key and
 * accept values of RFC 6455's own example (1.3, 4.2.2).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "h1/h1_ws.h"

static struct h1_header slots[64];
static h1_parser parser;

/* Parses a whole head; its view stays valid until the next call. */
static const struct h1_message *parse(h1_type type, const char *text) {
  struct h1_settings s;
  struct h1_event ev;
  size_t off = 0, len = strlen(text);
  memset(&s, 0, sizeof s);
  s.type = type;
  s.request_method = H1_METHOD_GET;
  h1_parser_init(&parser, &s, slots, 64, NULL, 0);
  do {
    off += h1_execute(&parser, text + off, len - off, &ev);
    assert_int_not_equal(ev.type, H1_EV_ERROR);
  } while (ev.type != H1_EV_HEAD);
  return &parser.msg;
}

static struct h1_span sp(const char *s) {
  struct h1_span x;
  x.ptr = s;
  x.len = strlen(s);
  return x;
}

#define REQ_START "GET /chat HTTP/1.1\r\nHost: server.example.com\r\n"
#define KEY_LINE "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
#define GOOD_REQ                                                               \
  REQ_START "Upgrade: websocket\r\nConnection: Upgrade\r\n" KEY_LINE           \
            "Sec-WebSocket-Version: 13\r\n"

static h1_ws_hs server(const char *head) {
  struct h1_ws_request out;
  return h1_ws_server_check(parse(H1_REQUEST, head), &out);
}

static void expect_server(const char *head, h1_ws_hs want, unsigned status) {
  h1_ws_hs got = server(head);
  if (got != want) {
    print_error("%s\nwant %s, got %s\n", head, h1_ws_hs_name(want),
                h1_ws_hs_name(got));
    fail();
  }
  assert_int_equal(h1_ws_hs_status(got), status);
}

static void test_rfc_example(void **state) {
  static const unsigned char nonce[16] = "the sample nonce";
  static const unsigned char digest[20] = {
      0xb3, 0x7a, 0x4f, 0x2c, 0xc0, 0x62, 0x4f, 0x16, 0x90, 0xf6,
      0x46, 0x06, 0xcf, 0x38, 0x59, 0x45, 0xb2, 0xbe, 0xc4, 0xea};
  struct h1_ws_request out;
  char key[24], input[60], accept[28];
  const struct h1_message *m;
  (void)state;

  h1_ws_key_encode(nonce, key);
  assert_memory_equal(key, "dGhlIHNhbXBsZSBub25jZQ==", 24);
  m = parse(H1_REQUEST, GOOD_REQ "Origin: http://example.com\r\n"
                                 "Sec-WebSocket-Protocol: chat, superchat\r\n"
                                 "\r\n");
  assert_int_equal(h1_ws_server_check(m, &out), H1_WS_HS_OK);
  assert_int_equal(out.key.len, 24);
  assert_memory_equal(out.key.ptr, key, 24);
  assert_int_equal(out.num_protocol_lines, 1);
  assert_true(h1_ws_protocol_offered(m, sp("chat")));
  assert_true(h1_ws_protocol_offered(m, sp("superchat")));
  assert_false(h1_ws_protocol_offered(m, sp("Chat")));
  assert_false(h1_ws_protocol_offered(m, sp("super")));
  assert_int_equal(h1_ws_accept_input(out.key, input), 60);
  assert_memory_equal(input,
                      "dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-"
                      "C5AB0DC85B11",
                      60);
  h1_ws_accept_encode(digest, accept);
  assert_memory_equal(accept, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", 28);
  assert_int_equal(h1_ws_hs_status(H1_WS_HS_OK), 101);
}

static void test_server_refusals(void **state) {
  (void)state;
  expect_server(GOOD_REQ "\r\n", H1_WS_HS_OK, 101);
  expect_server("POST /chat HTTP/1.1\r\nUpgrade: websocket\r\nConnection: "
                "Upgrade\r\n" KEY_LINE "Sec-WebSocket-Version: 13\r\n"
                "Content-Length: 0\r\n\r\n",
                H1_WS_HS_METHOD, 405);
  expect_server("GET /chat HTTP/1.0\r\nUpgrade: websocket\r\nConnection: "
                "Upgrade\r\n" KEY_LINE "Sec-WebSocket-Version: 13\r\n\r\n",
                H1_WS_HS_VERSION_HTTP, 400);
  expect_server(REQ_START "Connection: Upgrade\r\n" KEY_LINE
                          "Sec-WebSocket-Version: 13\r\n\r\n",
                H1_WS_HS_UPGRADE, 400);
  expect_server(REQ_START "Upgrade: h2c\r\nConnection: Upgrade\r\n" KEY_LINE
                          "Sec-WebSocket-Version: 13\r\n\r\n",
                H1_WS_HS_UPGRADE, 400);
  expect_server(REQ_START
                "Upgrade: websockets\r\nConnection: Upgrade\r\n" KEY_LINE
                "Sec-WebSocket-Version: 13\r\n\r\n",
                H1_WS_HS_UPGRADE, 400);
  /* a token list, any case */
  expect_server(REQ_START "Upgrade: foo/2, WebSocket\r\nConnection: "
                          "keep-alive, UPGRADE\r\n" KEY_LINE
                          "Sec-WebSocket-Version: 13\r\n\r\n",
                H1_WS_HS_OK, 101);
  expect_server(REQ_START "Upgrade: websocket\r\nConnection: keep-alive\r\n"
                          "Connection: x\r\n" KEY_LINE
                          "Sec-WebSocket-Version: 13\r\n\r\n",
                H1_WS_HS_CONNECTION, 400);
  expect_server(REQ_START "Upgrade: websocket\r\nConnection: keep-alive\r\n"
                          "Connection: upgrade\r\n" KEY_LINE
                          "Sec-WebSocket-Version: 13\r\n\r\n",
                H1_WS_HS_OK, 101);
  expect_server(REQ_START "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Version: 13\r\n\r\n",
                H1_WS_HS_KEY, 400);
  expect_server(REQ_START "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=\r\n"
                          "Sec-WebSocket-Version: 13\r\n\r\n",
                H1_WS_HS_KEY, 400);
  expect_server(
      REQ_START
      "Upgrade: websocket\r\nConnection: Upgrade\r\n" KEY_LINE KEY_LINE
      "Sec-WebSocket-Version: 13\r\n\r\n",
      H1_WS_HS_KEY, 400);
  expect_server(REQ_START
                "Upgrade: websocket\r\nConnection: Upgrade\r\n" KEY_LINE "\r\n",
                H1_WS_HS_VERSION, 426);
  expect_server(REQ_START
                "Upgrade: websocket\r\nConnection: Upgrade\r\n" KEY_LINE
                "Sec-WebSocket-Version: 8\r\n\r\n",
                H1_WS_HS_VERSION, 426);
  expect_server(REQ_START
                "Upgrade: websocket\r\nConnection: Upgrade\r\n" KEY_LINE
                "Sec-WebSocket-Version: 13\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n",
                H1_WS_HS_VERSION, 426);
  expect_server(REQ_START
                "Upgrade: websocket\r\nConnection: Upgrade\r\n" KEY_LINE
                "Sec-WebSocket-Version: 013\r\n\r\n",
                H1_WS_HS_VERSION, 426);
  expect_server(GOOD_REQ "Sec-WebSocket-Protocol: chat, chat\r\n\r\n",
                H1_WS_HS_PROTOCOL, 400);
  expect_server(GOOD_REQ "Sec-WebSocket-Protocol: chat\r\n"
                         "Sec-WebSocket-Protocol: x, chat\r\n\r\n",
                H1_WS_HS_PROTOCOL, 400);
  expect_server(GOOD_REQ "Sec-WebSocket-Protocol: a b\r\n\r\n",
                H1_WS_HS_PROTOCOL, 400);
  expect_server(GOOD_REQ "Sec-WebSocket-Protocol: a;b\r\n\r\n",
                H1_WS_HS_PROTOCOL, 400);
  expect_server(GOOD_REQ "Sec-WebSocket-Protocol: chat, , Chat\r\n\r\n",
                H1_WS_HS_OK, 101);
  /* extensions are not accepted, and not a reason to refuse */
  expect_server(GOOD_REQ "Sec-WebSocket-Extensions: permessage-deflate\r\n\r\n",
                H1_WS_HS_OK, 101);
}

static void test_key_valid(void **state) {
  (void)state;
  assert_true(h1_ws_key_valid(sp("dGhlIHNhbXBsZSBub25jZQ==")));
  assert_true(h1_ws_key_valid(sp(" \tdGhlIHNhbXBsZSBub25jZQ== ")));
  assert_true(h1_ws_key_valid(sp("AAAAAAAAAAAAAAAAAAAAAA==")));
  assert_true(h1_ws_key_valid(sp("+/+/+/+/+/+/+/+/+/+/+/==")));
  /* unused bits set: the ws package accepts it, so do we */
  assert_true(h1_ws_key_valid(sp("AAAAAAAAAAAAAAAAAAAAAB==")));
  assert_false(h1_ws_key_valid(sp("")));
  assert_false(h1_ws_key_valid(sp("dGhlIHNhbXBsZSBub25jZQ=")));
  assert_false(h1_ws_key_valid(sp("dGhlIHNhbXBsZSBub25jZQ===")));
  assert_false(h1_ws_key_valid(sp("dGhlIHNhbXBsZSBub25jZQAA")));
  assert_false(h1_ws_key_valid(sp("dGhlIHNhbXBsZSBub25jZ===")));
  assert_false(h1_ws_key_valid(sp("dGhlIHNhbXBsZSBub25jZ-==")));
  assert_false(h1_ws_key_valid(sp("dGhlIHNhbXBsZSB ub25jZ==")));
  assert_false(h1_ws_key_valid(sp("dGhlIHNhbXBsZSBub25jZQ==\r")));
  {
    char out[60];
    assert_int_equal(h1_ws_accept_input(sp("short=="), out), 0);
    assert_int_equal(h1_ws_accept_input(sp(" dGhlIHNhbXBsZSBub25jZQ==\t"), out),
                     60);
    assert_memory_equal(out, "dGhlIHNhbXBsZSBub25jZQ==258E", 28);
  }
}

static void test_next_token(void **state) {
  struct h1_span list = sp(" a, ,b\t,, c-d ,"), t;
  (void)state;
  assert_int_equal(h1_ws_next_token(&list, &t), 1);
  assert_int_equal(t.len, 1);
  assert_memory_equal(t.ptr, "a", 1);
  assert_int_equal(h1_ws_next_token(&list, &t), 1);
  assert_memory_equal(t.ptr, "b", 1);
  assert_int_equal(t.len, 1);
  assert_int_equal(h1_ws_next_token(&list, &t), 1);
  assert_int_equal(t.len, 3);
  assert_memory_equal(t.ptr, "c-d", 3);
  assert_int_equal(h1_ws_next_token(&list, &t), 0);
  assert_int_equal(h1_ws_next_token(&list, &t), 0);
  list = sp("x y, z");
  assert_int_equal(h1_ws_next_token(&list, &t), -1);
  assert_int_equal(t.len, 3);
  assert_int_equal(h1_ws_next_token(&list, &t), 1);
  assert_memory_equal(t.ptr, "z", 1);
  list = sp("\"q\"");
  assert_int_equal(h1_ws_next_token(&list, &t), -1);
  list = sp("");
  assert_int_equal(h1_ws_next_token(&list, &t), 0);
}

#define ACCEPT "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
#define RES_START                                                              \
  "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"                 \
  "Connection: Upgrade\r\n"

static h1_ws_hs client(const char *head, const char *const *offered, size_t n,
                       struct h1_span *protocol) {
  struct h1_span off[4];
  size_t i;
  for (i = 0; i < n; i++)
    off[i] = sp(offered[i]);
  return h1_ws_client_check(parse(H1_RESPONSE, head), sp(ACCEPT), off, n,
                            protocol);
}

static void test_client(void **state) {
  static const char *const two[] = {"chat", "superchat"};
  struct h1_span p = sp("junk");
  (void)state;

  assert_int_equal(
      client(RES_START "Sec-WebSocket-Accept: " ACCEPT "\r\n\r\n", NULL, 0, &p),
      H1_WS_HS_OK);
  assert_int_equal(p.len, 0);
  assert_int_equal(client(RES_START "Sec-WebSocket-Accept: " ACCEPT "\r\n\r\n",
                          NULL, 0, NULL),
                   H1_WS_HS_OK);
  assert_int_equal(
      client("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", NULL, 0, NULL),
      H1_WS_HS_STATUS);
  assert_int_equal(client("HTTP/1.1 101 Switching Protocols\r\nConnection: "
                          "Upgrade\r\nSec-WebSocket-Accept: " ACCEPT "\r\n\r\n",
                          NULL, 0, NULL),
                   H1_WS_HS_UPGRADE);
  assert_int_equal(client("HTTP/1.1 101 Switching Protocols\r\nUpgrade: "
                          "websocket\r\nSec-WebSocket-Accept: " ACCEPT
                          "\r\n\r\n",
                          NULL, 0, NULL),
                   H1_WS_HS_CONNECTION);
  assert_int_equal(client(RES_START "\r\n", NULL, 0, NULL), H1_WS_HS_ACCEPT);
  assert_int_equal(client(RES_START "Sec-WebSocket-Accept: "
                                    "s3pPLMBiTxaQ9kYGzzhZRbK+xOO=\r\n\r\n",
                          NULL, 0, NULL),
                   H1_WS_HS_ACCEPT);
  assert_int_equal(client(RES_START "Sec-WebSocket-Accept: " ACCEPT "\r\n"
                                    "Sec-WebSocket-Accept: " ACCEPT "\r\n\r\n",
                          NULL, 0, NULL),
                   H1_WS_HS_ACCEPT);
  assert_int_equal(client(RES_START "Sec-WebSocket-Accept: " ACCEPT "\r\n"
                                    "Sec-WebSocket-Extensions: "
                                    "permessage-deflate\r\n\r\n",
                          NULL, 0, NULL),
                   H1_WS_HS_EXTENSION);
  /* subprotocols */
  assert_int_equal(client(RES_START "Sec-WebSocket-Accept: " ACCEPT "\r\n"
                                    "Sec-WebSocket-Protocol: chat\r\n\r\n",
                          NULL, 0, NULL),
                   H1_WS_HS_BAD_SUBPROTOCOL);
  assert_int_equal(client(RES_START "Sec-WebSocket-Accept: " ACCEPT "\r\n"
                                    "Sec-WebSocket-Protocol: superchat\r\n\r\n",
                          two, 2, &p),
                   H1_WS_HS_OK);
  assert_int_equal(p.len, 9);
  assert_memory_equal(p.ptr, "superchat", 9);
  assert_int_equal(client(RES_START "Sec-WebSocket-Accept: " ACCEPT "\r\n"
                                    "Sec-WebSocket-Protocol: other\r\n\r\n",
                          two, 2, &p),
                   H1_WS_HS_BAD_SUBPROTOCOL);
  assert_int_equal(client(RES_START "Sec-WebSocket-Accept: " ACCEPT "\r\n"
                                    "Sec-WebSocket-Protocol: chat, superchat"
                                    "\r\n\r\n",
                          two, 2, &p),
                   H1_WS_HS_BAD_SUBPROTOCOL);
  assert_int_equal(client(RES_START "Sec-WebSocket-Accept: " ACCEPT "\r\n"
                                    "Sec-WebSocket-Protocol: chat\r\n"
                                    "Sec-WebSocket-Protocol: chat\r\n\r\n",
                          two, 2, &p),
                   H1_WS_HS_BAD_SUBPROTOCOL);
  /* offered, none chosen: accepted, as Node's WebSocket accepts it */
  p = sp("junk");
  assert_int_equal(
      client(RES_START "Sec-WebSocket-Accept: " ACCEPT "\r\n\r\n", two, 2, &p),
      H1_WS_HS_OK);
  assert_int_equal(p.len, 0);
}

static void test_tables(void **state) {
  int e;
  (void)state;
  for (e = 0; e < H1_WS_HS__COUNT; e++) {
    assert_true(strncmp(h1_ws_hs_name((h1_ws_hs)e), "WS_HS_", 6) == 0);
    assert_true(strlen(h1_ws_hs_reason((h1_ws_hs)e)) > 0);
  }
  assert_string_equal(h1_ws_hs_name(H1_WS_HS__COUNT), "WS_HS_UNKNOWN");
  assert_int_equal(h1_ws_hs_status(H1_WS_HS__COUNT), 0);
  assert_int_equal(h1_ws_hs_status(H1_WS_HS_ACCEPT), 0);
  assert_string_equal(h1_ws_hs_reason(H1_WS_HS_KEY),
                      "Missing or invalid Sec-WebSocket-Key header");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rfc_example),
      cmocka_unit_test(test_server_refusals),
      cmocka_unit_test(test_key_valid),
      cmocka_unit_test(test_next_token),
      cmocka_unit_test(test_client),
      cmocka_unit_test(test_tables),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
