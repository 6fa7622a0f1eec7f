/*
 * wsnet_int.h -- what the WebSocket endpoints share inside core/net: the
 * connection (wsnet_conn.c, the event loop both sides run), the client's
 * opening handshake (wsnet_client.c) and the server's (wsnet_accept.c).
 */
#ifndef H1_NET_WSNET_INT_H
#define H1_NET_WSNET_INT_H

#include <pthread.h>
#include <stdint.h>

#include "h1/h1_ws.h"
#include "h1/h1_wsnet.h"
#include "io.h"

/* A frame queued for the socket ends at byte `end` of the output stream
 * and carries `payload` application bytes (bufferedAmount). */
struct h1__wsq_mark {
  uint64_t end;
  uint64_t payload;
};

/* sentClose: not sent, queued, on the wire. */
enum { H1__WS_CLOSE_NONE = 0, H1__WS_CLOSE_QUEUED, H1__WS_CLOSE_SENT };

struct h1_wsc {
  h1_io own;   /* the client's stream (the server's is the hook's) */
  h1_io *sock; /* &own, or the upgrade hook's stream */
  h1_ws_role role;
  struct h1_wsc_options opt;
  struct h1_wsc_events ev;
  h1_ws_reader rd;
  h1_ws_writer wr;

  pthread_mutex_t mu; /* everything below */
  int wake[2];        /* a pipe: wakes the loop when output is queued */
  int state;          /* enum h1_wsc_state */
  int sent_close;     /* H1__WS_CLOSE_* */
  int received_close;
  int terminate;    /* drop the socket without a close frame */
  int fail_pending; /* the handshake failed: 'error' then 'close' */
  char fail_message[256];
  /* The output stream: frames from `out_off` to `out_len` wait. */
  char *out;
  size_t out_len, out_off, out_cap;
  uint64_t out_total;   /* bytes ever queued (offset of out[out_len]) */
  uint64_t out_written; /* bytes ever written */
  struct h1__wsq_mark *marks;
  size_t nmarks, marks_off, marks_cap;
  uint64_t buffered; /* bufferedAmount */

  /* The loop's own (one thread): the message being assembled, input. */
  char *msg;
  size_t msg_len, msg_cap;
  int msg_binary;
  char *in;
  size_t in_len;       /* bytes of `in` not yet given to the reader */
  unsigned close_code; /* the peer's close frame */
  char close_reason[H1_WS_MAX_CONTROL_PAYLOAD];
  size_t close_reason_len;
  int64_t last_rx;   /* h1_io_now() of the last bytes read */
  int64_t next_ping; /* server keep-alive */
  int64_t close_deadline;
  int peer_eof; /* the peer's end of stream was read */

  char protocol[128];
};

/* Makes a connection over `sock` (NULL: the connection's own stream) in
 * state CONNECTING; NULL when out of memory. */
h1_wsc *h1__wsc_new(h1_ws_role role, const struct h1_wsc_options *o,
                    const struct h1_wsc_events *ev);
/* Bytes that arrived after the handshake's head: the reader's first. */
int h1__wsc_preload(h1_wsc *ws, const char *head, size_t len);
/* Marks the handshake failed: run() reports 'error' (message) and 'close'
 * 1006. */
void h1__wsc_fail(h1_wsc *ws, const char *message);
/* A random masking key / nonce (OpenSSL RAND_bytes): 0 or -1. */
int h1__ws_random(unsigned char *out, size_t n);

#endif /* H1_NET_WSNET_INT_H */
