/*
 * wsnet_conn.c -- a WebSocket connection after its opening handshake, on
 * either side: the event loop that reads frames through the engine
 * (h1_ws.h), assembles messages, answers pings and closes, and writes the
 * queued frames; and the calls (send, close, ping) that queue them from any
 * thread.
 *
 * One thread runs the loop and is the only one to touch the socket: calls
 * from other threads append frames to the output queue and wake it through
 * a pipe.  The loop polls for input and for room to write, and writes at
 * most WS_CHUNK bytes at a time, so that a peer that writes while we write
 * is always read (no deadlock on large messages in both directions).
 *
 * What happens on a close or an error is Node's, per side: the client
 * behaves as Node 20's WebSocket (undici) does, the server as the `ws`
 * package's WebSocketServer; the close code and the violation are the
 * engine's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "wsnet_int.h"

#define WS_CHUNK 16384
#define WS_READ 65536
/* How long a closing handshake may take before the socket is dropped (the
 * `ws` package's closeTimeout). */
#define WS_CLOSE_TIMEOUT_MS 30000
/* How long one chunk may wait for the peer to read. */
#define WS_SEND_TIMEOUT_MS 30000
/* The longest frame Node 20's WebSocket reads (undici: 2^31 - 1). */
#define NODE_MAX_FRAME 2147483647u

/* ws->terminate: at once (h1_wsc_terminate), or once the queue is out. */
enum { TERM_NOW = 1, TERM_AFTER_FLUSH = 2 };

int h1__ws_random(unsigned char *out, size_t n) {
  return RAND_bytes(out, (int)n) == 1 ? 0 : -1;
}

void h1_wsc_options_default(struct h1_wsc_options *o) {
  memset(o, 0, sizeof *o);
  o->reject_unauthorized = 1;
}

h1_wsc *h1__wsc_new(h1_ws_role role, const struct h1_wsc_options *o,
                    const struct h1_wsc_events *ev) {
  struct h1_ws_settings set;
  h1_wsc *ws = calloc(1, sizeof *ws);
  if (ws == NULL)
    return NULL;
  ws->in = malloc(WS_READ);
  if (ws->in == NULL || pipe2(ws->wake, O_NONBLOCK | O_CLOEXEC) != 0) {
    free(ws->in);
    free(ws);
    return NULL;
  }
  if (o != NULL)
    ws->opt = *o;
  else
    h1_wsc_options_default(&ws->opt);
  if (ev != NULL)
    ws->ev = *ev;
  ws->role = role;
  ws->own.fd = -1;
  ws->sock = &ws->own;
  ws->state = H1_WSC_CONNECTING;
  pthread_mutex_init(&ws->mu, NULL);
  memset(&set, 0, sizeof set);
  set.role = role;
  /* 0: the side's default -- Node's client fails a frame longer than
   * 2^31 - 1 bytes, ws's server a message over 100 MiB */
  set.max_message_size = ws->opt.max_message != 0 ? ws->opt.max_message
                         : role == H1_WS_CLIENT   ? NODE_MAX_FRAME
                                                  : 0;
  /* Node and ws both accept a length in a longer form than needed */
  set.flags = ws->opt.strict_length ? 0 : H1_WS_LENIENT_LENGTH;
  h1_ws_reader_init(&ws->rd, &set);
  h1_ws_writer_init(&ws->wr, role, H1_WS_WRITE_CHECK_UTF8);
  return ws;
}

int h1__wsc_preload(h1_wsc *ws, const char *head, size_t len) {
  if (len > WS_READ)
    return -1;
  if (len > 0)
    memcpy(ws->in, head, len);
  ws->in_len = len;
  return 0;
}

void h1__wsc_fail(h1_wsc *ws, const char *message) {
  pthread_mutex_lock(&ws->mu);
  if (!ws->fail_pending) {
    ws->fail_pending = 1;
    snprintf(ws->fail_message, sizeof ws->fail_message, "%s", message);
  }
  pthread_mutex_unlock(&ws->mu);
}

void h1_wsc_free(h1_wsc *ws) {
  if (ws == NULL)
    return;
  h1_io_close(&ws->own);
  close(ws->wake[0]);
  close(ws->wake[1]);
  pthread_mutex_destroy(&ws->mu);
  free(ws->out);
  free(ws->marks);
  free(ws->msg);
  free(ws->in);
  free(ws);
}

/* --- The output queue (ws->mu held) -------------------------------------- */

static void wake(h1_wsc *ws) {
  char c = 1;
  ssize_t r = write(ws->wake[1], &c, 1);
  (void)r; /* a full pipe already wakes the loop */
}

/* Makes room for `need` more bytes after `used` in *buf (doubling): 0,
 * or -1 when out of memory. */
static int grow(char **buf, size_t *cap, size_t used, size_t need) {
  size_t c = *cap ? *cap : 4096;
  char *p;
  if (*cap - used >= need)
    return 0;
  while (c - used < need) {
    if (c > SIZE_MAX / 2)
      return -1;
    c *= 2;
  }
  p = realloc(*buf, c);
  if (p == NULL)
    return -1;
  *buf = p;
  *cap = c;
  return 0;
}

static int out_room(h1_wsc *ws, size_t need) {
  if (ws->out_off > 0 && ws->out_off == ws->out_len)
    ws->out_off = ws->out_len = 0;
  if (ws->out_off > 0 && ws->out_cap - ws->out_len < need) {
    memmove(ws->out, ws->out + ws->out_off, ws->out_len - ws->out_off);
    ws->out_len -= ws->out_off;
    ws->out_off = 0;
  }
  return grow(&ws->out, &ws->out_cap, ws->out_len, need);
}

static int mark(h1_wsc *ws, uint64_t payload) {
  if (ws->nmarks == ws->marks_cap) {
    size_t cap;
    struct h1__wsq_mark *m;
    if (ws->marks_off > 0) {
      memmove(ws->marks, ws->marks + ws->marks_off,
              (ws->nmarks - ws->marks_off) * sizeof *ws->marks);
      ws->nmarks -= ws->marks_off;
      ws->marks_off = 0;
    }
    cap = ws->marks_cap ? ws->marks_cap * 2 : 16;
    if (ws->nmarks == ws->marks_cap) {
      m = realloc(ws->marks, cap * sizeof *m);
      if (m == NULL)
        return -1;
      ws->marks = m;
      ws->marks_cap = cap;
    }
  }
  ws->marks[ws->nmarks].end = ws->out_total;
  ws->marks[ws->nmarks].payload = payload;
  ws->nmarks++;
  ws->buffered += payload;
  return 0;
}

enum { Q_DATA, Q_PING, Q_PONG, Q_CLOSE };

/* Appends one frame; H1_WS_E_OK or the writer's error (nothing queued). */
static h1_ws_errno queue(h1_wsc *ws, int kind, h1_ws_opcode op, unsigned code,
                         const void *p, size_t len) {
  unsigned char key[4];
  const unsigned char *mask = NULL;
  size_t need = h1_ws_header_size(len, ws->role == H1_WS_CLIENT) + len, n = 0;
  h1_ws_errno e;
  if (ws->role == H1_WS_CLIENT) {
    if (h1__ws_random(key, sizeof key) != 0)
      return H1_WS_E_NO_ROOM;
    mask = key;
  }
  if (out_room(ws, need) != 0)
    return H1_WS_E_NO_ROOM;
  if (kind == Q_DATA)
    e = h1_ws_write_data(&ws->wr, op, 1, mask, p, len, ws->out + ws->out_len,
                         ws->out_cap - ws->out_len, &n);
  else if (kind == Q_PING)
    e = h1_ws_write_ping(&ws->wr, mask, p, len, ws->out + ws->out_len,
                         ws->out_cap - ws->out_len, &n);
  else if (kind == Q_PONG)
    e = h1_ws_write_pong(&ws->wr, mask, p, len, ws->out + ws->out_len,
                         ws->out_cap - ws->out_len, &n);
  else
    e = h1_ws_write_close(&ws->wr, mask, code, p, len, ws->out + ws->out_len,
                          ws->out_cap - ws->out_len, &n);
  if (e != H1_WS_E_OK)
    return e;
  ws->out_len += n;
  ws->out_total += n;
  if (mark(ws, kind == Q_DATA ? len : 0) != 0)
    return H1_WS_E_NO_ROOM;
  if (kind == Q_CLOSE)
    ws->sent_close = H1__WS_CLOSE_QUEUED;
  wake(ws);
  return H1_WS_E_OK;
}

/* --- The calls from any thread ------------------------------------------- */

int h1_wsc_send(h1_wsc *ws, int binary, const void *data, size_t len) {
  int r = 0;
  pthread_mutex_lock(&ws->mu);
  if (ws->state == H1_WSC_CONNECTING)
    r = -1; /* InvalidStateError */
  else if (ws->state != H1_WSC_OPEN)
    ws->buffered += len; /* the standard: counted, never sent */
  else if (queue(ws, Q_DATA, binary ? H1_WS_OP_BINARY : H1_WS_OP_TEXT, 0, data,
                 len) != H1_WS_E_OK)
    r = -1;
  pthread_mutex_unlock(&ws->mu);
  return r;
}

int h1_wsc_ping(h1_wsc *ws, const void *data, size_t len) {
  int r = -1;
  pthread_mutex_lock(&ws->mu);
  if (ws->state == H1_WSC_OPEN &&
      queue(ws, Q_PING, H1_WS_OP_PING, 0, data, len) == H1_WS_E_OK)
    r = 0;
  pthread_mutex_unlock(&ws->mu);
  return r;
}

static void set_err(struct h1_wsc_error *err, const char *code,
                    const char *message) {
  if (err == NULL)
    return;
  snprintf(err->code, sizeof err->code, "%s", code);
  snprintf(err->message, sizeof err->message, "%s", message);
}

int h1_wsc_close(h1_wsc *ws, unsigned code, const char *reason,
                 size_t reason_len, struct h1_wsc_error *err) {
  /* the WHATWG close() checks, before anything is done */
  if (code != 0 && code != 1000 && (code < 3000 || code > 4999)) {
    set_err(err, "InvalidAccessError", "invalid code");
    return -1;
  }
  if (reason_len > H1_WS_MAX_CONTROL_PAYLOAD - 2) {
    set_err(err, "SyntaxError", "Reason must be less than 123 bytes");
    return -1;
  }
  if (code == 0)
    reason_len = 0; /* a reason without a code: an empty close frame */
  pthread_mutex_lock(&ws->mu);
  if (ws->state == H1_WSC_CONNECTING) {
    if (!ws->fail_pending) {
      ws->fail_pending = 1;
      snprintf(ws->fail_message, sizeof ws->fail_message,
               "Connection was closed before it was established.");
    }
    ws->state = H1_WSC_CLOSING;
  } else if (ws->state == H1_WSC_OPEN) {
    if (queue(ws, Q_CLOSE, H1_WS_OP_CLOSE, code, reason, reason_len) !=
        H1_WS_E_OK) {
      pthread_mutex_unlock(&ws->mu);
      set_err(err, "SyntaxError", "invalid reason");
      return -1;
    }
    ws->state = H1_WSC_CLOSING;
  }
  pthread_mutex_unlock(&ws->mu);
  return 0;
}

void h1_wsc_terminate(h1_wsc *ws) {
  pthread_mutex_lock(&ws->mu);
  ws->terminate = TERM_NOW;
  wake(ws);
  pthread_mutex_unlock(&ws->mu);
}

enum h1_wsc_state h1_wsc_ready_state(h1_wsc *ws) {
  int s;
  pthread_mutex_lock(&ws->mu);
  s = ws->state;
  pthread_mutex_unlock(&ws->mu);
  return (enum h1_wsc_state)s;
}

uint64_t h1_wsc_buffered_amount(h1_wsc *ws) {
  uint64_t b;
  pthread_mutex_lock(&ws->mu);
  b = ws->buffered;
  pthread_mutex_unlock(&ws->mu);
  return b;
}

const char *h1_wsc_protocol(const h1_wsc *ws) {
  return ws->protocol;
}

/* --- The loop ------------------------------------------------------------ */

/* How the loop goes on. */
enum { GO_ON = 0, DONE };

static void emit_close(h1_wsc *ws, unsigned code, const char *reason,
                       size_t len, int clean) {
  pthread_mutex_lock(&ws->mu);
  ws->state = H1_WSC_CLOSED;
  pthread_mutex_unlock(&ws->mu);
  if (ws->ev.on_close != NULL)
    ws->ev.on_close(ws->ev.ud, ws, code, reason, len, clean);
}

static void emit_error(h1_wsc *ws, const char *message) {
  if (ws->ev.on_error != NULL)
    ws->ev.on_error(ws->ev.ud, ws, message);
}

/* The socket is gone (end of stream, reset, or we dropped it): 'close'
 * with the code of the peer's close frame, or 1006 without one. */
static unsigned closed(h1_wsc *ws) {
  int clean;
  unsigned code = H1_WS_CLOSE_ABNORMAL;
  const char *reason = "";
  size_t len = 0;
  pthread_mutex_lock(&ws->mu);
  clean = ws->sent_close == H1__WS_CLOSE_SENT && ws->received_close;
  pthread_mutex_unlock(&ws->mu);
  if (ws->received_close) {
    code = ws->close_code;
    reason = ws->close_reason;
    len = ws->close_reason_len;
  } else if (ws->role == H1_WS_SERVER && ws->rd.error != H1_WS_E_OK &&
             ws->rd.close_code != H1_WS_CLOSE_ABNORMAL) {
    code = ws->rd.close_code; /* as `ws` reports the code it sent */
  }
  if (ws->sock == &ws->own)
    h1_io_close(&ws->own);
  else
    h1_io_shutdown_write(ws->sock);
  emit_close(ws, code, reason, len, clean);
  return code;
}

static int msg_append(h1_wsc *ws, const char *p, size_t n) {
  if (grow(&ws->msg, &ws->msg_cap, ws->msg_len, n) != 0)
    return -1;
  memcpy(ws->msg + ws->msg_len, p, n);
  ws->msg_len += n;
  return 0;
}

/* The close frame Node's client sends when it fails the connection: only
 * for a bad close frame, with its own reason text (NULL: none is sent;
 * a frame too big is dropped without one). */
static const char *node_fail_reason(h1_ws_errno e) {
  switch (e) {
  case H1_WS_E_CLOSE_CODE:
    return "Invalid status code";
  case H1_WS_E_CLOSE_UTF8:
    return "Invalid UTF-8";
  default:
    return NULL;
  }
}

/* A peer's violation (the engine's error).  Node's client fails the
 * connection: a close frame only as node_fail_reason() says, the socket
 * dropped, 'error'.  The `ws` server sends the engine's close code with no
 * reason and ends its side; the peer's answer is awaited. */
static int violation(h1_wsc *ws) {
  unsigned code = ws->rd.close_code;
  const char *why = node_fail_reason(ws->rd.error);
  pthread_mutex_lock(&ws->mu);
  if (ws->sent_close == H1__WS_CLOSE_NONE && code != H1_WS_CLOSE_ABNORMAL) {
    if (ws->role == H1_WS_SERVER)
      (void)queue(ws, Q_CLOSE, H1_WS_OP_CLOSE, code, NULL, 0);
    else if (why != NULL)
      (void)queue(ws, Q_CLOSE, H1_WS_OP_CLOSE, code, why, strlen(why));
  }
  ws->state = H1_WSC_CLOSING;
  if (ws->role == H1_WS_CLIENT)
    ws->terminate = TERM_AFTER_FLUSH;
  pthread_mutex_unlock(&ws->mu);
  emit_error(ws, ws->rd.reason);
  if (ws->role == H1_WS_SERVER)
    ws->close_deadline = h1_io_now() + WS_CLOSE_TIMEOUT_MS;
  return GO_ON;
}

/* The peer's close frame. */
static void peer_close(h1_wsc *ws, const struct h1_ws_event *e) {
  size_t n = e->data.len < sizeof ws->close_reason ? e->data.len
                                                   : sizeof ws->close_reason;
  ws->received_close = 1;
  ws->close_code = e->close_code;
  if (n > 0)
    memcpy(ws->close_reason, e->data.ptr, n);
  ws->close_reason_len = n;
  pthread_mutex_lock(&ws->mu);
  if (ws->sent_close == H1__WS_CLOSE_NONE) {
    /* the answer echoes the code; the `ws` server the reason too, Node's
     * client not */
    unsigned code = e->close_code == H1_WS_CLOSE_NO_STATUS ? 0 : e->close_code;
    (void)queue(ws, Q_CLOSE, H1_WS_OP_CLOSE, code, ws->close_reason,
                ws->role == H1_WS_SERVER && code != 0 ? n : 0);
  }
  ws->state = H1_WSC_CLOSING;
  pthread_mutex_unlock(&ws->mu);
  if (ws->close_deadline == 0)
    ws->close_deadline = h1_io_now() + WS_CLOSE_TIMEOUT_MS;
}

/* Gives `n` bytes at p to the reader and acts on its events. */
static int feed(h1_wsc *ws, char *p, size_t n) {
  struct h1_ws_event e;
  int open;
  for (;;) {
    size_t used = h1_ws_read(&ws->rd, p, n, &e);
    p += used;
    n -= used;
    switch (e.type) {
    case H1_WS_EV_NONE:
      return GO_ON;
    case H1_WS_EV_MESSAGE_START:
      ws->msg_len = 0;
      ws->msg_binary = e.opcode == H1_WS_OP_BINARY;
      break;
    case H1_WS_EV_DATA:
      if (msg_append(ws, e.data.ptr, e.data.len) != 0) {
        h1_wsc_terminate(ws); /* out of memory */
        return GO_ON;
      }
      break;
    case H1_WS_EV_MESSAGE_END:
      pthread_mutex_lock(&ws->mu);
      open = ws->state == H1_WSC_OPEN;
      pthread_mutex_unlock(&ws->mu);
      if (open && ws->ev.on_message != NULL)
        ws->ev.on_message(ws->ev.ud, ws, ws->msg_binary, ws->msg, ws->msg_len);
      break;
    case H1_WS_EV_PING:
      pthread_mutex_lock(&ws->mu);
      if (ws->sent_close == H1__WS_CLOSE_NONE)
        (void)queue(ws, Q_PONG, H1_WS_OP_PONG, 0, e.data.ptr, e.data.len);
      pthread_mutex_unlock(&ws->mu);
      break;
    case H1_WS_EV_PONG:
      if (ws->ev.on_pong != NULL)
        ws->ev.on_pong(ws->ev.ud, ws, e.data.ptr, e.data.len);
      break;
    case H1_WS_EV_CLOSE:
      peer_close(ws, &e);
      break;
    case H1_WS_EV_ERROR:
      return violation(ws);
    }
  }
}

/* Writes the next chunk of the queue: 0, or -1 when the socket failed. */
static int flush_some(h1_wsc *ws) {
  char chunk[WS_CHUNK];
  size_t n;
  pthread_mutex_lock(&ws->mu);
  n = ws->out_len - ws->out_off;
  if (n > sizeof chunk)
    n = sizeof chunk;
  if (n > 0)
    memcpy(chunk, ws->out + ws->out_off, n);
  pthread_mutex_unlock(&ws->mu);
  if (n == 0)
    return 0;
  if (h1_io_write_all(ws->sock, chunk, n, h1_io_now() + WS_SEND_TIMEOUT_MS) !=
      H1_IO_OK)
    return -1;
  pthread_mutex_lock(&ws->mu);
  ws->out_off += n;
  ws->out_written += n;
  while (ws->marks_off < ws->nmarks &&
         ws->marks[ws->marks_off].end <= ws->out_written) {
    ws->buffered -= ws->marks[ws->marks_off].payload;
    ws->marks_off++;
  }
  if (ws->marks_off == ws->nmarks)
    ws->marks_off = ws->nmarks = 0;
  if (ws->sent_close == H1__WS_CLOSE_QUEUED && ws->out_off == ws->out_len) {
    ws->sent_close = H1__WS_CLOSE_SENT;
    if (ws->close_deadline == 0)
      ws->close_deadline = h1_io_now() + WS_CLOSE_TIMEOUT_MS;
  }
  pthread_mutex_unlock(&ws->mu);
  return 0;
}

static int64_t next_deadline(const h1_wsc *ws) {
  int64_t d = H1_IO_FOREVER;
  if (ws->close_deadline != 0)
    d = ws->close_deadline;
  if (ws->next_ping != 0 && ws->next_ping < d)
    d = ws->next_ping;
  return d;
}

/* The server's keep-alive: a ping every interval; a peer that sent
 * nothing for a whole interval is dropped. */
static int keep_alive(h1_wsc *ws, int64_t now) {
  if (ws->next_ping == 0 || now < ws->next_ping)
    return GO_ON;
  if (ws->last_rx < ws->next_ping - (int64_t)ws->opt.ping_interval)
    return DONE;
  pthread_mutex_lock(&ws->mu);
  if (ws->state == H1_WSC_OPEN)
    (void)queue(ws, Q_PING, H1_WS_OP_PING, 0, NULL, 0);
  pthread_mutex_unlock(&ws->mu);
  ws->next_ping = now + ws->opt.ping_interval;
  return GO_ON;
}

/* Reads what is there: GO_ON, or DONE when the socket failed.  At the
 * peer's end of stream (ws->peer_eof) what is queued still goes out: a
 * half-closed peer may read on. */
static int read_some(h1_wsc *ws) {
  long r = h1_io_read_nowait(ws->sock, ws->in, WS_READ);
  struct h1_ws_event e;
  if (r == H1_IO_AGAIN)
    return GO_ON;
  if (r <= 0) {
    h1_ws_reader_finish(&ws->rd, &e);
    ws->peer_eof = 1;
    return r == 0 ? GO_ON : DONE;
  }
  ws->last_rx = h1_io_now();
  if (ws->rd.closed || ws->rd.error != H1_WS_E_OK)
    return GO_ON; /* after a close frame or an error: read and dropped */
  return feed(ws, ws->in, (size_t)r);
}

/* The server ends its side once both close frames have crossed. */
static void server_end(h1_wsc *ws, int *ended) {
  int both;
  pthread_mutex_lock(&ws->mu);
  both = ws->sent_close == H1__WS_CLOSE_SENT &&
         (ws->received_close || ws->rd.error != H1_WS_E_OK);
  pthread_mutex_unlock(&ws->mu);
  if (both && !*ended && ws->role == H1_WS_SERVER) {
    h1_io_shutdown_write(ws->sock);
    *ended = 1;
  }
}

unsigned h1_wsc_run(h1_wsc *ws) {
  int ended = 0, fail;
  char drain[64];
  pthread_mutex_lock(&ws->mu);
  fail = ws->fail_pending;
  if (!fail)
    ws->state = H1_WSC_OPEN;
  pthread_mutex_unlock(&ws->mu);
  if (fail) {
    /* Node 20 fires 'error' only: no 'close' follows a failed handshake,
     * and readyState stays CONNECTING */
    h1_io_close(&ws->own);
    emit_error(ws, ws->fail_message);
    return H1_WS_CLOSE_ABNORMAL;
  }
  ws->last_rx = h1_io_now();
  if (ws->opt.ping_interval != 0 && ws->role == H1_WS_SERVER)
    ws->next_ping = ws->last_rx + ws->opt.ping_interval;
  if (ws->ev.on_open != NULL)
    ws->ev.on_open(ws->ev.ud, ws);
  if (ws->in_len > 0 && feed(ws, ws->in, ws->in_len) == DONE)
    return closed(ws);
  for (;;) {
    struct pollfd p[2];
    int64_t deadline, now;
    int pending, term, timeout, n;
    pthread_mutex_lock(&ws->mu);
    pending = ws->out_len > ws->out_off;
    term = ws->terminate;
    pthread_mutex_unlock(&ws->mu);
    if (term == TERM_AFTER_FLUSH) {
      while (pending && flush_some(ws) == 0) {
        pthread_mutex_lock(&ws->mu);
        pending = ws->out_len > ws->out_off;
        pthread_mutex_unlock(&ws->mu);
      }
    }
    if (term || (ws->peer_eof && !pending))
      return closed(ws);
    server_end(ws, &ended);
    deadline = next_deadline(ws);
    now = h1_io_now();
    if (deadline != H1_IO_FOREVER && now >= deadline) {
      if (ws->close_deadline != 0 && now >= ws->close_deadline)
        return closed(ws);
      if (keep_alive(ws, now) == DONE)
        return closed(ws);
      continue;
    }
    timeout = deadline == H1_IO_FOREVER  ? -1
              : deadline - now > 1000000 ? 1000000
                                         : (int)(deadline - now);
    p[0].fd = ws->sock->fd;
    p[0].events = (ws->peer_eof ? 0 : POLLIN) | (pending ? POLLOUT : 0);
    p[0].revents = 0;
    p[1].fd = ws->wake[0];
    p[1].events = POLLIN;
    p[1].revents = 0;
    if (!ws->peer_eof && h1_io_pending(ws->sock)) {
      p[0].revents = POLLIN;
    } else {
      n = poll(p, 2, timeout);
      if (n < 0 && errno != EINTR)
        return closed(ws);
      if (n <= 0)
        continue;
    }
    if (p[1].revents & POLLIN) {
      while (read(ws->wake[0], drain, sizeof drain) > 0)
        ;
    }
    if ((p[0].revents & POLLOUT) && flush_some(ws) != 0)
      return closed(ws);
    if (!ws->peer_eof && (p[0].revents & (POLLIN | POLLHUP | POLLERR)) &&
        read_some(ws) == DONE)
      return closed(ws);
    if (ws->peer_eof && (p[0].revents & (POLLHUP | POLLERR)) &&
        !(p[0].revents & POLLOUT))
      return closed(ws); /* nobody reads what is left */
  }
}
