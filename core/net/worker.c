/*
 * worker.c -- a worker thread: takes a connection that has bytes (or a
 * passed deadline), runs the engine's loop on it (BearSSL's run_until:
 * send what waits, read what comes, hand events over) until it would
 * block, then parks it in epoll, or closes it; with nothing to run, it
 * polls, if no other worker does.  Handlers run here.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "server.h"

int64_t h1__conn_deadline(const struct h1__hconn *k) {
  const struct h1_http_server *s = k->srv;
  return h1_server_node_deadline(&k->hc, s->origin);
}

/* The time for the engine, with the Date of responses it may start. */
int64_t h1__tick(struct h1__hconn *k) {
  h1_server_set_time(&k->hc, (int64_t)time(NULL));
  return h1_io_now();
}

static void run_handler(struct h1__hconn *k, h1_http_handler fn) {
  const struct h1_http_config *cfg = &k->srv->cfg;
  struct h1_req req;
  struct h1_res res;
  memset(&req, 0, sizeof req);
  memset(&res, 0, sizeof res);
  req.k = k;
  req.start = h1_io_now();
  res.k = k;
  k->req = &req;
  if (fn != NULL)
    fn(cfg->ud, &req, &res);
  if (!req.failed && !k->dead && !h1_writer_finished(&k->hc.writer))
    (void)h1_res_end(&res, NULL, 0);
  k->req = NULL;
  if (cfg->on_finish != NULL && h1_writer_finished(&k->hc.writer))
    cfg->on_finish(cfg->ud, &req, &res);
}

static void upgrade(struct h1__hconn *k, const struct h1_server_event *ev) {
  const struct h1_http_config *cfg = &k->srv->cfg;
  h1_http_upgrade fn = k->hc.parser.msg.method == H1_METHOD_CONNECT
                           ? cfg->on_connect
                           : cfg->on_upgrade;
  struct h1_req req;
  memset(&req, 0, sizeof req);
  req.k = k;
  req.ended = 1;
  if (fn != NULL)
    fn(cfg->ud, &req, &k->io, ev->data.ptr, ev->data.len);
}

/* One event outside a body read. */
static void on_event(struct h1__hconn *k, const struct h1_server_event *ev) {
  const struct h1_http_config *cfg = &k->srv->cfg;
  switch (ev->type) {
  case H1_SEV_REQUEST:
    if (ev->dispatch == H1_DISPATCH_REQUEST)
      run_handler(k, cfg->on_request);
    else if (ev->dispatch == H1_DISPATCH_CHECK_CONTINUE)
      run_handler(k, cfg->on_check_continue);
    else if (ev->dispatch == H1_DISPATCH_CHECK_EXPECT)
      run_handler(k, cfg->on_check_expectation);
    /* ANSWERED, DROPPED: the connection wrote Node's answer itself */
    break;
  case H1_SEV_UPGRADE:
    upgrade(k, ev);
    k->dead = 1; /* the hook had the socket: close it as it is */
    break;
  case H1_SEV_CLIENT_ERROR:
    h1__client_error(k, ev);
    k->ready = 1; /* the hook may have read */
    break;
  default: /* a body nobody reads, its end */
    break;
  }
}

enum { RUN_PARK, RUN_CLOSE };

/* Runs the connection until it waits for the peer (park) or ends. */
static int run(struct h1__hconn *k) {
  h1_server_conn *c = &k->hc;
  for (;;) {
    struct h1_server_event ev;
    int64_t now = h1__tick(k);
    unsigned st;
    while (!k->dead && h1_server_next(c, now, &ev) != H1_SEV_NONE) {
      on_event(k, &ev);
      now = h1__tick(k);
    }
    if (k->dead)
      return RUN_CLOSE;
    st = h1_server_state(c);
    if (st & H1_CONN_SENDREC) {
      if (h1__flush(k) != 0)
        return RUN_CLOSE;
      continue;
    }
    if (st & (H1_CONN_CLOSED | H1_CONN_UPGRADED))
      return RUN_CLOSE;
    if (st & H1_CONN_RECVREC) {
      size_t room;
      char *b = h1_server_recv_buf(c, &room);
      long r = k->ready ? h1_io_read_nowait(&k->io, b, room) : H1_IO_AGAIN;
      if (r >= 0) {
        /* a read that emptied the socket: its next bytes bring an event */
        if (r > 0 && !k->hup && h1_io_read_emptied(&k->io, r, room))
          k->ready = 0;
        h1__take_input(k, b, r, now);
      } else if (r == H1_IO_AGAIN) {
        k->ready = 0;
        if (now < h1__conn_deadline(k))
          return RUN_PARK;
        h1_server_check_timeouts(c, now);
        if (now < h1_server_deadline(c) &&
            !(h1_server_state(c) & H1_CONN_CLOSED)) {
          /* Node's check has not come round yet */
          return RUN_PARK;
        }
      } else {
        k->dead = 1; /* reset, or a TLS failure: destroyed */
        return RUN_CLOSE;
      }
      continue;
    }
    return RUN_CLOSE; /* nothing to wait for */
  }
}

/* The TLS handshake, a step each time bytes come, within headersTimeout
 * of the accept (60 s without one): 0 once done; -1 when the connection
 * was parked to wait or closed. */
static int tls_handshake(struct h1__hconn *k, int64_t now) {
  uint32_t ht = k->srv->cfg.http.headers_timeout;
  int64_t d = k->last_io + (ht ? ht : 60000);
  int r = now < d ? h1_io_tls_accept(&k->io, k->srv->tls, d) : H1_IO_TIMEOUT;
  k->timed = 0;
  if (r == H1_IO_AGAIN) {
    k->ready = 0;
    h1__park(k, d);
    return -1;
  }
  if (r != H1_IO_OK) {
    k->dead = 1;
    h1__finish(k);
    return -1;
  }
  k->tls_done = 1;
  k->ready = 1;
  return 0;
}

static void serve(struct h1__hconn *k) {
  struct h1_http_server *s = k->srv;
  int64_t now = h1_io_now();
  if (s->tls != NULL && !k->tls_done && tls_handshake(k, now) != 0)
    return;
  if (k->timed) {
    k->timed = 0;
    h1_server_check_timeouts(&k->hc, now);
  }
  if (k->bufs == NULL) {
    pthread_mutex_lock(&s->mu);
    k->bufs = h1__bufs_get(s);
    pthread_mutex_unlock(&s->mu);
    if (k->bufs == NULL) {
      k->dead = 1;
      h1__finish(k);
      return;
    }
    h1_server_attach(&k->hc, &k->bufs->mem);
  }
  if (run(k) == RUN_PARK)
    h1__park(k, h1__conn_deadline(k));
  else
    h1__finish(k);
}

/* Leader and followers: a worker runs what is queued; with nothing queued
 * it polls, unless another does; then it waits.  A worker that takes a
 * connection wakes a waiting one when more is queued or nobody polls, so
 * that a handler that blocks never stops the others (with one worker,
 * nothing is handed over: no wake-up between threads per request). */
void *h1__worker(void *arg) {
  struct h1_http_server *s = arg;
  pthread_mutex_lock(&s->mu);
  for (;;) {
    struct h1__hconn *k = s->qhead;
    if (k != NULL) {
      s->qhead = k->qnext;
      if (s->qhead == NULL)
        s->qtail = NULL;
      k->where = W_RUNNING;
      if (s->nwaiting > 0 && (s->qhead != NULL || !s->polling))
        pthread_cond_signal(&s->work_cv);
      pthread_mutex_unlock(&s->mu);
      serve(k);
      pthread_mutex_lock(&s->mu);
    } else if (s->stopping) {
      break;
    } else if (s->polling) {
      s->nwaiting++;
      pthread_cond_wait(&s->work_cv, &s->mu);
      s->nwaiting--;
    } else {
      h1__poll(s);
    }
  }
  pthread_mutex_unlock(&s->mu);
  return NULL;
}
