/*
 * test_wsnet.c -- the WebSocket endpoints (h1_wsnet.h) in one process: an
 * h1_http server whose upgrade hook accepts with h1_wsc_accept and echoes,
 * and the client's WHATWG surface: readyState at each event,
 * bufferedAmount, send before open and after close, close()'s argument
 * checks, the constructor's SyntaxErrors.  (Behaviour against real peers:
 * conformance/test_ws.py.)
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "h1/h1_wsnet.h"

static h1_http_server *server;
static char url[64];

static void echo(void *ud, h1_wsc *ws, int binary, const void *data,
                 size_t len) {
  (void)ud;
  (void)h1_wsc_send(ws, binary, data, len);
}

static void on_upgrade(void *ud, h1_req *req, h1_sock *sock, const char *head,
                       size_t len) {
  struct h1_wsc_events ev;
  h1_wsc *ws;
  (void)ud;
  memset(&ev, 0, sizeof ev);
  ev.on_message = echo;
  ws = h1_wsc_accept(req, sock, head, len, NULL, &ev);
  if (ws == NULL)
    return;
  (void)h1_wsc_run(ws);
  h1_wsc_free(ws);
}

static void plain(void *ud, h1_req *req, h1_res *res) {
  (void)ud;
  (void)req;
  h1_res_end(res, "no", 2);
}

static int setup(void **state) {
  struct h1_http_config cfg;
  char err[256];
  (void)state;
  h1_http_config_default(&cfg);
  cfg.on_request = plain;
  cfg.on_upgrade = on_upgrade;
  server = h1_http_server_create(&cfg, err, sizeof err);
  if (server == NULL ||
      h1_http_server_listen(server, "127.0.0.1", "0", err, sizeof err) != 0)
    return -1;
  snprintf(url, sizeof url, "ws://127.0.0.1:%u/path?q=1",
           h1_http_server_port(server));
  return 0;
}

static int teardown(void **state) {
  (void)state;
  h1_http_server_close(server);
  h1_http_server_close_all_connections(server);
  h1_http_server_wait(server);
  h1_http_server_free(server);
  return 0;
}

/* What the client saw. */
struct seen {
  int state_at_open, state_at_message, state_at_close;
  uint64_t buffered_after_send, buffered_at_message;
  int messages, errors, closes;
  unsigned code;
  int clean;
  char reason[128];
  int send_after_close;
  uint64_t buffered_after_close;
};

static void c_open(void *ud, h1_wsc *ws) {
  struct seen *s = ud;
  char big[1000];
  memset(big, 'a', sizeof big);
  s->state_at_open = h1_wsc_ready_state(ws);
  assert_int_equal(h1_wsc_send(ws, 0, big, sizeof big), 0);
  assert_int_equal(h1_wsc_send(ws, 1, big, 500), 0);
  /* queued, not yet written: the loop writes after this callback */
  s->buffered_after_send = h1_wsc_buffered_amount(ws);
}

static void c_message(void *ud, h1_wsc *ws, int binary, const void *data,
                      size_t len) {
  struct seen *s = ud;
  struct h1_wsc_error err;
  (void)data;
  s->messages++;
  s->state_at_message = h1_wsc_ready_state(ws);
  s->buffered_at_message = h1_wsc_buffered_amount(ws);
  if (s->messages == 1) {
    assert_false(binary);
    assert_int_equal(len, 1000);
  }
  if (s->messages == 2) {
    assert_true(binary);
    assert_int_equal(len, 500);
    assert_int_equal(h1_wsc_close(ws, 4321, "fine", 4, &err), 0);
    assert_int_equal(h1_wsc_ready_state(ws), H1_WSC_CLOSING);
    /* a send while CLOSING: dropped, counted */
    s->send_after_close = h1_wsc_send(ws, 0, "late", 4);
    s->buffered_after_close = h1_wsc_buffered_amount(ws);
    /* a second close does nothing */
    assert_int_equal(h1_wsc_close(ws, 1000, NULL, 0, &err), 0);
  }
}

static void c_error(void *ud, h1_wsc *ws, const char *message) {
  struct seen *s = ud;
  (void)ws;
  (void)message;
  s->errors++;
}

static void c_close(void *ud, h1_wsc *ws, unsigned code, const char *reason,
                    size_t len, int clean) {
  struct seen *s = ud;
  s->closes++;
  s->state_at_close = h1_wsc_ready_state(ws);
  s->code = code;
  s->clean = clean;
  snprintf(s->reason, sizeof s->reason, "%.*s", (int)len, reason);
}

static h1_wsc *client(struct seen *s, const char *u,
                      const struct h1_wsc_options *o,
                      struct h1_wsc_error *err) {
  struct h1_wsc_events ev;
  memset(&ev, 0, sizeof ev);
  ev.on_open = c_open;
  ev.on_message = c_message;
  ev.on_error = c_error;
  ev.on_close = c_close;
  ev.ud = s;
  return h1_wsc_connect(u, o, &ev, err);
}

static void test_whatwg_surface(void **state) {
  struct seen s;
  struct h1_wsc_error err;
  h1_wsc *ws;
  (void)state;
  memset(&s, 0, sizeof s);
  ws = client(&s, url, NULL, &err);
  assert_non_null(ws);
  assert_int_equal(h1_wsc_ready_state(ws), H1_WSC_CONNECTING);
  assert_int_equal(h1_wsc_send(ws, 0, "x", 1), -1); /* InvalidStateError */
  assert_int_equal(h1_wsc_run(ws), 4321);
  assert_int_equal(s.state_at_open, H1_WSC_OPEN);
  assert_int_equal(s.buffered_after_send, 1500);
  assert_int_equal(s.messages, 2);
  assert_int_equal(s.state_at_message, H1_WSC_OPEN);
  assert_int_equal(s.buffered_at_message, 0);
  assert_int_equal(s.send_after_close, 0);
  assert_int_equal(s.buffered_after_close, 4);
  assert_int_equal(s.errors, 0);
  assert_int_equal(s.closes, 1);
  assert_int_equal(s.state_at_close, H1_WSC_CLOSED);
  /* the server (as ws) echoes the code and the reason */
  assert_int_equal(s.code, 4321);
  assert_string_equal(s.reason, "fine");
  assert_true(s.clean);
  h1_wsc_free(ws);
}

static void test_close_arguments(void **state) {
  struct seen s;
  struct h1_wsc_error err;
  char reason[124];
  h1_wsc *ws;
  (void)state;
  memset(&s, 0, sizeof s);
  memset(reason, 'r', sizeof reason);
  ws = client(&s, url, NULL, &err);
  assert_non_null(ws);
  assert_int_equal(h1_wsc_close(ws, 999, NULL, 0, &err), -1);
  assert_string_equal(err.code, "InvalidAccessError");
  assert_int_equal(h1_wsc_close(ws, 1001, NULL, 0, &err), -1);
  assert_int_equal(h1_wsc_close(ws, 5000, NULL, 0, &err), -1);
  assert_int_equal(h1_wsc_close(ws, 3000, reason, sizeof reason, &err), -1);
  assert_string_equal(err.code, "SyntaxError");
  /* close() while CONNECTING fails the connection: 'error', no 'close' */
  assert_int_equal(h1_wsc_close(ws, 1000, reason, 123, &err), 0);
  assert_int_equal(h1_wsc_run(ws), 1006);
  assert_int_equal(s.errors, 1);
  assert_int_equal(s.closes, 0);
  h1_wsc_free(ws);
}

static void test_syntax_errors(void **state) {
  static const char *const dup[] = {"chat", "chat"};
  static const char *const bad[] = {"a b"};
  static const char *const urls[] = {"http://127.0.0.1/", "ws://h/#f",
                                     "ws://h:99999/", "ws://[::1/", "ws://"};
  struct h1_wsc_options o;
  struct h1_wsc_error err;
  struct seen s;
  size_t i;
  (void)state;
  memset(&s, 0, sizeof s);
  for (i = 0; i < sizeof urls / sizeof urls[0]; i++) {
    assert_null(client(&s, urls[i], NULL, &err));
    assert_string_equal(err.code, "SyntaxError");
  }
  h1_wsc_options_default(&o);
  o.protocols = dup;
  o.nprotocols = 2;
  assert_null(client(&s, url, &o, &err));
  o.protocols = bad;
  o.nprotocols = 1;
  assert_null(client(&s, url, &o, &err));
  assert_string_equal(err.code, "SyntaxError");
}

/* A connection refused: 'error' alone, readyState stays CONNECTING (Node
 * 20). */
static void test_connection_refused(void **state) {
  struct seen s;
  struct h1_wsc_error err;
  h1_wsc *ws;
  (void)state;
  memset(&s, 0, sizeof s);
  ws = client(&s, "ws://127.0.0.1:1/", NULL, &err);
  assert_non_null(ws);
  assert_int_equal(h1_wsc_run(ws), 1006);
  assert_int_equal(s.errors, 1);
  assert_int_equal(s.closes, 0);
  assert_int_equal(h1_wsc_ready_state(ws), H1_WSC_CONNECTING);
  h1_wsc_free(ws);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_whatwg_surface),
      cmocka_unit_test(test_close_arguments),
      cmocka_unit_test(test_syntax_errors),
      cmocka_unit_test(test_connection_refused),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
