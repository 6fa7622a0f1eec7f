/*
 * respond.c -- inside a handler: the blocking body reader (IncomingMessage)
 * and the response calls (ServerResponse) over the connection's writer,
 * flushing to the socket as they go.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "server.h"

/* --- Input -------------------------------------------------------------- */

void h1__take_input(struct h1__hconn *k, const char *b, long r, int64_t now) {
  if (r == 0) {
    h1_server_recv_eof(&k->hc, now);
    return;
  }
  k->last_io = now;
  if (k->srv->cfg.on_recv != NULL)
    k->srv->cfg.on_recv(k->srv->cfg.ud, &k->user, b, (size_t)r);
  h1_server_recv_ack(&k->hc, (size_t)r, now);
}

/* --- Output -------------------------------------------------------------- */

int h1__flush(struct h1__hconn *k) {
  size_t n;
  const char *b;
  uint32_t st = k->srv->cfg.send_timeout;
  while (!k->dead && (b = h1_server_send_buf(&k->hc, &n)) != NULL) {
    int64_t d = st ? h1_io_now() + st : H1_IO_FOREVER;
    if (h1_io_write_all(&k->io, b, n, d) != H1_IO_OK) {
      k->dead = 1;
      break;
    }
    k->last_io = h1_io_now();
    h1_server_send_ack(&k->hc, n, k->last_io);
  }
  return k->dead ? -1 : 0;
}

void h1__client_error(struct h1__hconn *k, const struct h1_server_event *ev) {
  const struct h1_http_config *cfg = &k->srv->cfg;
  if (k->req != NULL)
    k->req->failed = 1;
  if (cfg->on_client_error != NULL) {
    struct h1_http_client_error e;
    memset(&e, 0, sizeof e);
    e.error = ev->error;
    e.parse_error = k->hc.parser.error;
    e.offset = k->hc.parser.error_offset;
    e.reason = ev->error == H1_CE_PARSE ? k->hc.parser.reason
                                        : h1_conn_error_message(ev->error);
    e.code = ev->code;
    e.peer = k->peer;
    if (!cfg->on_client_error(cfg->ud, &e, &k->io))
      k->dead = 1; /* the hook answered: nothing more goes out */
  }
}

h1_werrno h1_res_call(h1_res *res,
                      h1_werrno (*fn)(h1_writer *w, struct h1_wbuf *out,
                                      void *arg),
                      void *arg) {
  struct h1__hconn *k = res->k;
  struct h1_wbuf *out = h1_server_out(&k->hc);
  h1_werrno e;
  if (k->dead || (k->req != NULL && k->req->failed))
    return H1_WE_WRITE_AFTER_END;
  for (;;) {
    e = fn(&k->hc.writer, out, arg);
    if (e != H1_WE_NO_ROOM)
      break;
    if (out->len > 0) {
      if (h1__flush(k) != 0)
        return H1_WE_WRITE_AFTER_END;
      continue;
    }
    {
      /* larger than the output buffer: a buffer of its own size */
      struct h1_wbuf big;
      memset(&big, 0, sizeof big);
      big.cap = out->needed;
      big.ptr = malloc(big.cap);
      if (big.ptr == NULL)
        return H1_WE_NO_ROOM;
      e = fn(&k->hc.writer, &big, arg);
      if (big.len > 0 &&
          h1_io_write_all(&k->io, big.ptr, big.len,
                          h1_io_now() + k->srv->cfg.send_timeout) != H1_IO_OK)
        k->dead = 1;
      free(big.ptr);
      break;
    }
  }
  if (h1__flush(k) != 0)
    return H1_WE_WRITE_AFTER_END;
  return e;
}

struct data_arg {
  const void *data;
  size_t len;
  int end;
};

static h1_werrno do_data(h1_writer *w, struct h1_wbuf *out, void *arg) {
  const struct data_arg *a = arg;
  if (a->end)
    return h1_writer_end(w, a->data, a->len, out);
  return h1_writer_write(w, a->data, a->len, out);
}

static h1_werrno data_call(h1_res *res, const void *data, size_t len, int end) {
  struct data_arg a;
  h1_werrno e;
  a.data = data;
  a.len = len;
  a.end = end;
  e = h1_res_call(res, do_data, &a);
  if (e == H1_WE_OK && data != NULL)
    res->bytes += len;
  return e;
}

h1_werrno h1_res_write(h1_res *res, const void *data, size_t len) {
  return data_call(res, data, len, 0);
}

h1_werrno h1_res_end(h1_res *res, const void *data, size_t len) {
  return data_call(res, data, len, 1);
}

static h1_werrno do_continue(h1_writer *w, struct h1_wbuf *out, void *arg) {
  (void)arg;
  return h1_writer_write_continue(w, out);
}

h1_werrno h1_res_write_continue(h1_res *res) {
  return h1_res_call(res, do_continue, NULL);
}

static h1_werrno do_hints(h1_writer *w, struct h1_wbuf *out, void *arg) {
  struct h1_span link;
  link.ptr = arg;
  link.len = strlen(arg);
  return h1_writer_write_early_hints(w, &link, 1, 0, NULL, 0, out);
}

h1_werrno h1_res_write_early_hints(h1_res *res, const char *link) {
  return h1_res_call(res, do_hints, (void *)(uintptr_t)link);
}

static struct h1_span span(const char *s) {
  struct h1_span x;
  x.ptr = s;
  x.len = strlen(s);
  return x;
}

h1_werrno h1_res_set_header(h1_res *res, const char *name, const char *value) {
  struct h1_span v = span(value);
  return h1_writer_set_header(&res->k->hc.writer, span(name), &v, 1, 0);
}

h1_werrno h1_res_write_head(h1_res *res, int status, const char *reason) {
  struct h1_span r;
  if (reason != NULL)
    r = span(reason);
  return h1_writer_write_head(&res->k->hc.writer, status,
                              reason != NULL ? &r : NULL, NULL, 0, 0);
}

h1_werrno h1_res_add_trailer(h1_res *res, const char *name, const char *value) {
  struct h1_wfield f;
  struct h1_span v = span(value);
  f.name = span(name);
  f.values = &v;
  f.nvalues = 1;
  f.flags = 0;
  return h1_writer_add_trailers(&res->k->hc.writer, &f, 1);
}

h1_writer *h1_res_writer(h1_res *res) {
  return &res->k->hc.writer;
}

unsigned h1_res_status(const h1_res *res) {
  return res->k->hc.writer.status_code;
}

uint64_t h1_res_bytes(const h1_res *res) {
  return res->bytes;
}

/* --- The request --------------------------------------------------------- */

const struct h1_message *h1_req_message(const h1_req *req) {
  return &req->k->hc.parser.msg;
}

const char *h1_req_peer(const h1_req *req) {
  return req->k->peer;
}

int64_t h1_http_now(void) {
  return h1_io_now();
}

int64_t h1_req_start(const h1_req *req) {
  return req->start;
}

void **h1_req_user(h1_req *req) {
  return &req->k->user;
}

static long take(h1_req *req, void *buf, size_t cap) {
  size_t n = req->rest.len < cap ? req->rest.len : cap;
  memcpy(buf, req->rest.ptr, n);
  req->rest.ptr += n;
  req->rest.len -= n;
  return (long)n;
}

/* Blocks for input: 0 when some came (or the engine has more to say). */
static int wait_input(h1_req *req) {
  struct h1__hconn *k = req->k;
  h1_server_conn *c = &k->hc;
  unsigned st = h1_server_state(c);
  size_t room;
  char *b;
  long r;
  int64_t d, now;
  if (st & H1_CONN_SENDREC)
    return h1__flush(k); /* a 100 Continue, say, before the body */
  if (!(st & H1_CONN_RECVREC) || k->dead)
    return -1;
  d = h1__conn_deadline(k);
  b = h1_server_recv_buf(c, &room);
  r = h1_io_read(&k->io, b, room, d == INT64_MAX ? H1_IO_FOREVER : d);
  k->ready = 1; /* whether it emptied the socket is not known */
  now = h1_io_now();
  if (r >= 0) {
    h1__take_input(k, b, r, now);
  } else if (r == H1_IO_TIMEOUT) {
    h1_server_check_timeouts(c, now);
  } else {
    k->dead = 1;
    return -1;
  }
  return 0;
}

long h1_req_read(h1_req *req, void *buf, size_t cap) {
  struct h1__hconn *k = req->k;
  if (req->rest.len > 0)
    return take(req, buf, cap);
  while (!req->ended && !req->failed) {
    struct h1_server_event ev;
    switch (h1_server_next(&k->hc, h1__tick(k), &ev)) {
    case H1_SEV_BODY:
      req->rest = ev.data;
      if (req->rest.len > 0)
        return take(req, buf, cap);
      break;
    case H1_SEV_REQUEST_END:
      req->ended = 1;
      break;
    case H1_SEV_CLIENT_ERROR:
      h1__client_error(k, &ev);
      req->failed = 1;
      break;
    case H1_SEV_NONE:
      if (h1_server_state(&k->hc) & H1_CONN_CLOSED) {
        req->failed = 1; /* closed as Node closes (a silent one) */
        break;
      }
      if (wait_input(req) != 0)
        req->failed = 1;
      break;
    default:
      req->failed = 1;
      break;
    }
  }
  return req->failed ? -1 : 0;
}

/* --- The socket, for hooks ----------------------------------------------- */

long h1_sock_read(h1_sock *sock, void *buf, size_t cap, int timeout_ms) {
  long r =
      h1_io_read(sock, buf, cap,
                 timeout_ms < 0 ? H1_IO_FOREVER : h1_io_now() + timeout_ms);
  return r < 0 ? -1 : r;
}

int h1_sock_write(h1_sock *sock, const void *buf, size_t len, int timeout_ms) {
  return h1_io_write_all(sock, buf, len,
                         timeout_ms < 0 ? H1_IO_FOREVER
                                        : h1_io_now() + timeout_ms) == H1_IO_OK
             ? 0
             : -1;
}

void h1_sock_shutdown_write(h1_sock *sock) {
  h1_io_shutdown_write(sock);
}
