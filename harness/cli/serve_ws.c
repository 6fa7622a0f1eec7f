/*
 * serve_ws.c -- `h1 serve --ws-echo`: a WebSocket echo server as the `ws`
 * package's WebSocketServer with an echo handler: every message is sent
 * back as it came (text as text, binary as binary), the peer's close is
 * answered, a plain HTTP request gets ws's 426.  The handshake and every
 * frame decision are the library's (h1_wsnet.h).
 */
#include <string.h>

#include <h1/h1_wsnet.h>

#include "serve.h"

void serve_ws_plain(h1_req *req, h1_res *res) {
  static const char body[] = "Upgrade Required";
  (void)req;
  h1_res_set_header(res, "Content-Length", "16");
  h1_res_set_header(res, "Content-Type", "text/plain");
  h1_res_write_head(res, 426, NULL);
  h1_res_end(res, body, sizeof body - 1);
}

static void echo(void *ud, h1_wsc *ws, int binary, const void *data,
                 size_t len) {
  (void)ud;
  (void)h1_wsc_send(ws, binary, data, len);
}

void serve_ws_upgrade(const struct serve_app *app, h1_req *req, h1_sock *sock,
                      const char *head, size_t len) {
  struct h1_wsc_options o;
  struct h1_wsc_events ev;
  h1_wsc *ws;
  h1_wsc_options_default(&o);
  o.protocols = app->ws_protocols;
  o.nprotocols = app->ws_nprotocols;
  o.max_message = app->ws_max_payload;
  o.ping_interval = app->ws_ping_interval;
  o.strict_length = app->ws_strict_length;
  memset(&ev, 0, sizeof ev);
  ev.on_message = echo;
  ws = h1_wsc_accept(req, sock, head, len, &o, &ev);
  if (ws == NULL)
    return; /* refused (the answer is written) or the socket failed */
  (void)h1_wsc_run(ws);
  h1_wsc_free(ws);
}
