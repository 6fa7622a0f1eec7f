/*
 * h1_wsnet.h -- WebSocket endpoints over h1's sockets (library h1::net):
 * a client with the WHATWG WebSocket semantics as Node.js 20 implements
 * them (`node --experimental-websocket`, undici), and the server side of
 * an upgrade accepted in h1_http's upgrade hook.
 *
 * Every protocol decision (frames, UTF-8, close codes, the handshake's
 * headers and Sec-WebSocket-Accept) is the frame engine's (h1_ws.h); this
 * layer connects, reads, writes, draws keys and masks from a real random
 * source (OpenSSL RAND_bytes) and calls the application.
 *
 *     static void on_message(void *ud, h1_wsc *ws, int binary,
 *                            const void *data, size_t len) {
 *       h1_wsc_send(ws, binary, data, len);        // echo
 *     }
 *     struct h1_wsc_events ev = {0};
 *     ev.on_message = on_message;
 *     h1_wsc *ws = h1_wsc_connect("ws://127.0.0.1:8080/", NULL, &ev, &err);
 *     h1_wsc_run(ws);     // dispatches events until 'close'
 *     h1_wsc_free(ws);
 *
 * Threads: h1_wsc_run() reads and dispatches events on the calling thread;
 * h1_wsc_send(), h1_wsc_close(), h1_wsc_ready_state() and
 * h1_wsc_buffered_amount() may be called from any thread, also from inside
 * the callbacks.  Memory: a connection allocates its read buffer and the
 * message being assembled (at most max_message bytes).
 */
#ifndef H1_WSNET_H
#define H1_WSNET_H

#include <stddef.h>
#include <stdint.h>

#include "h1/h1_http.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct h1_wsc h1_wsc; /* one WebSocket connection, either side */

/* readyState. */
enum h1_wsc_state {
  H1_WSC_CONNECTING = 0,
  H1_WSC_OPEN = 1,
  H1_WSC_CLOSING = 2,
  H1_WSC_CLOSED = 3
};

/* The events, as callbacks (any may be NULL).  `message` is the
 * ErrorEvent's message; `reason` is UTF-8 (not NUL-terminated). */
struct h1_wsc_events {
  void (*on_open)(void *ud, h1_wsc *ws);
  void (*on_message)(void *ud, h1_wsc *ws, int binary, const void *data,
                     size_t len);
  void (*on_error)(void *ud, h1_wsc *ws, const char *message);
  void (*on_close)(void *ud, h1_wsc *ws, unsigned code, const char *reason,
                   size_t reason_len, int was_clean);
  void (*on_pong)(void *ud, h1_wsc *ws, const void *data, size_t len);
  void *ud;
};

/* new WebSocket(url, protocols) and the transport around it. */
struct h1_wsc_options {
  const char *const *protocols; /* subprotocols offered (client) or spoken,
                                   in order of preference (server) */
  size_t nprotocols;
  const char *ca_file;      /* wss: PEM CA file, NULL: system store */
  int reject_unauthorized;  /* wss: 1 (0 only when asked: -k) */
  uint32_t connect_timeout; /* ms, 0: none */
  /* The largest message; 0: the side's default (the client 2^31 - 1, as
   * Node; the server 100 MiB, as ws).  A larger one fails the connection
   * (the server sends 1009). */
  uint64_t max_message;
  /* Refuse a length in a longer form than needed (RFC 6455 5.2: 1002);
   * 0 accepts it, as Node and ws do. */
  int strict_length;
  /* Server side: ms between keep-alive pings, 0: none; a peer that sent
   * nothing for a whole interval is dropped (1006). */
  uint32_t ping_interval;
};

void h1_wsc_options_default(struct h1_wsc_options *o);

/* A failure before the WebSocket object exists (Node throws a
 * SyntaxError for a bad URL or protocol list): code and message. */
struct h1_wsc_error {
  char code[48];
  char message[256];
};

/* new WebSocket(url, protocols): checks the URL and protocols (NULL and
 * *err on a SyntaxError, nothing sent), then connects and does the opening
 * handshake.  A connection or handshake failure is not returned here: the
 * object is made, and h1_wsc_run() reports 'error' and returns 1006, as
 * Node 20 does: no 'close' follows, readyState stays CONNECTING.  NULL
 * options: the defaults. */
h1_wsc *h1_wsc_connect(const char *url, const struct h1_wsc_options *o,
                       const struct h1_wsc_events *ev,
                       struct h1_wsc_error *err);

/* Server side, inside h1_http's upgrade hook: checks the request with the
 * engine, answers 101 (choosing the first offered protocol that is in
 * `protocols`), or the engine's refusal (400 / 426) and returns NULL.
 * Does not take `sock`: the hook's return closes it, after h1_wsc_free. */
h1_wsc *h1_wsc_accept(h1_req *req, h1_sock *sock, const char *head,
                      size_t head_len, const struct h1_wsc_options *o,
                      const struct h1_wsc_events *ev);

/* Reads and dispatches events until 'close' has been delivered (or the
 * handshake's 'error'); returns the close code (1006 after an error). */
unsigned h1_wsc_run(h1_wsc *ws);

/* send(data): 0; -1 when CONNECTING (Node throws InvalidStateError) or
 * out of memory.  CLOSING / CLOSED: the data is dropped and counted in
 * bufferedAmount, as the WHATWG standard says.  A text message must be
 * valid UTF-8 (else -1). */
int h1_wsc_send(h1_wsc *ws, int binary, const void *data, size_t len);
/* ws.ping(data) (the `ws` package's; the WHATWG API has none). */
int h1_wsc_ping(h1_wsc *ws, const void *data, size_t len);
/* close(code, reason): code 0 is "absent"; 1000 or 3000-4999, reason at
 * most 123 bytes, else -1 with *err (InvalidAccessError / SyntaxError)
 * and nothing done. */
int h1_wsc_close(h1_wsc *ws, unsigned code, const char *reason,
                 size_t reason_len, struct h1_wsc_error *err);
/* Drops the connection at once (no close frame): 'close' with 1006. */
void h1_wsc_terminate(h1_wsc *ws);

enum h1_wsc_state h1_wsc_ready_state(h1_wsc *ws);
uint64_t h1_wsc_buffered_amount(h1_wsc *ws);
/* The protocol the server chose ("" when none), NUL-terminated. */
const char *h1_wsc_protocol(const h1_wsc *ws);
/* Frees the connection (closing its socket when it owns it). */
void h1_wsc_free(h1_wsc *ws);

#ifdef __cplusplus
}
#endif

#endif /* H1_WSNET_H */
