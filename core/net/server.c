/*
 * server.c -- the server's lifetime and its polling: accept (with a
 * back-off when out of descriptors), park connections that wait for bytes
 * in epoll, wake them when bytes come or their deadline passes, close the
 * idle ones on request, and a lingering close for the finished ones.
 *
 * There is no poller thread: a worker with nothing to run polls (one at a
 * time, as in a leader/followers pool), so that with one worker a request
 * is read, answered and its connection parked by one thread.  Every socket
 * is registered once, edge-triggered (no re-arming per request); `ready`
 * says whether it may still hold bytes: a read that returned less than it
 * asked for emptied it, and the next bytes bring a new event.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server.h"

#define POOL_KEEP 64       /* free buffer sets kept for reuse */
#define EMFILE_BACKOFF 100 /* ms without accept after EMFILE / ENFILE */
#define LINGER_MS 2000     /* a closing connection is drained this long */
#define OUT_CAP 16384u
#define LINES 64u
#define SLOTS_KEPT 4096u /* bytes of slots a pooled set keeps resident */

void h1_http_config_default(struct h1_http_config *cfg) {
  memset(cfg, 0, sizeof(*cfg));
  h1_server_options_default(&cfg->http);
  cfg->no_delay = 1;
  cfg->send_timeout = 300000;
  cfg->threads = 4;
  cfg->backlog = 511;
}

/* --- Buffers ------------------------------------------------------------- */

static size_t in_cap(const struct h1_http_config *c) {
  return c->http.max_header_size < 4096 ? 4096 : c->http.max_header_size;
}

static size_t head_cap(const struct h1_http_config *c) {
  return (size_t)c->http.max_header_size + 1024;
}

size_t h1_http_active_bytes(const struct h1_http_config *c) {
  size_t mhs = c->http.max_header_size;
  return sizeof(struct h1__bufs) +
         H1_CONN_SLOTS_FOR(mhs) * sizeof(struct h1_header) +
         H1_CONN_ARENA_FOR(mhs) + in_cap(c) + OUT_CAP +
         LINES * 2 * sizeof(struct h1_wline) + head_cap(c);
}

size_t h1_http_idle_bytes(const struct h1_http_config *c) {
  (void)c;
  return sizeof(struct h1__hconn);
}

/* Carves one allocation into the buffers of h1_conn_mem. */
static struct h1__bufs *bufs_new(const struct h1_http_config *c) {
  size_t mhs = c->http.max_header_size;
  size_t nslots = H1_CONN_SLOTS_FOR(mhs);
  char *p = malloc(h1_http_active_bytes(c));
  struct h1__bufs *b = (struct h1__bufs *)(void *)p;
  struct h1_conn_mem *m;
  if (p == NULL)
    return NULL;
  m = &b->mem;
  memset(m, 0, sizeof(*m));
  p += sizeof(*b);
  m->slots = (struct h1_header *)(void *)p;
  m->nslots = nslots;
  p += nslots * sizeof(struct h1_header);
  m->lines = (struct h1_wline *)(void *)p;
  m->nlines = LINES;
  p += LINES * sizeof(struct h1_wline);
  m->trailers = (struct h1_wline *)(void *)p;
  m->ntrailers = LINES;
  p += LINES * sizeof(struct h1_wline);
  m->arena = p;
  m->arena_cap = H1_CONN_ARENA_FOR(mhs);
  p += m->arena_cap;
  m->in = p;
  m->in_cap = in_cap(c);
  p += m->in_cap;
  m->out = p;
  m->out_cap = OUT_CAP;
  p += OUT_CAP;
  m->head = p;
  m->head_cap = head_cap(c);
  b->next = NULL;
  return b;
}

/* With the server locked. */
struct h1__bufs *h1__bufs_get(struct h1_http_server *s) {
  struct h1__bufs *b = s->pool;
  if (b != NULL) {
    s->pool = b->next;
    s->npool--;
    return b;
  }
  return bufs_new(&s->cfg);
}

/* A set back from a request with many lines gives the pages of their
 * slots back, so that the pool keeps only what small requests touch.  The
 * parser fills slots from the first one: the slot at the first page past
 * SLOTS_KEPT is not zero when any was written since the last trim (an
 * untouched page reads as zeros and stays unbacked). */
static void trim_slots(struct h1__bufs *b) {
  static const struct h1_header zero;
  uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
  uintptr_t lo = (uintptr_t)b->mem.slots + SLOTS_KEPT;
  uintptr_t hi = (uintptr_t)(b->mem.slots + b->mem.nslots);
  lo = (lo + page - 1) & ~(page - 1);
  hi &= ~(page - 1);
  if (hi <= lo || memcmp((const void *)lo, &zero, sizeof zero) == 0)
    return;
  (void)madvise((void *)lo, hi - lo, MADV_DONTNEED);
}

static void bufs_put(struct h1_http_server *s, struct h1__bufs *b) {
  if (b == NULL)
    return;
  if (s->npool >= POOL_KEEP) {
    free(b);
    return;
  }
  trim_slots(b);
  b->next = s->pool;
  s->pool = b;
  s->npool++;
}

/* --- Connections --------------------------------------------------------- */

static void wake_poller(struct h1_http_server *s) {
  uint64_t one = 1;
  ssize_t r = write(s->evfd, &one, sizeof one);
  (void)r;
}

/* With the server locked; the workers take the queue in order. */
static void enqueue(struct h1_http_server *s, struct h1__hconn *k) {
  k->where = W_QUEUED;
  k->qnext = NULL;
  if (s->qtail != NULL)
    s->qtail->qnext = k;
  else
    s->qhead = k;
  s->qtail = k;
}

/* Registers the socket, once: edge-triggered, never re-armed. */
static int arm(struct h1_http_server *s, struct h1__hconn *k) {
  struct epoll_event ev;
  if (k->armed)
    return 0;
  memset(&ev, 0, sizeof ev);
  ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
  ev.data.ptr = k;
  if (epoll_ctl(s->epfd, EPOLL_CTL_ADD, k->io.fd, &ev) != 0)
    return -1;
  k->armed = 1;
  return 0;
}

/* A new deadline: the polling worker, if any, must wait less. */
static void due_at(struct h1_http_server *s, int64_t d) {
  if (d < s->next_due) {
    s->next_due = d;
    if (s->polling)
      wake_poller(s);
  }
}

/* Removes and frees a connection; with the server locked.  While a worker
 * polls, the events it will bring back may name the connection: it is
 * freed once they have been looked at. */
static void forget(struct h1_http_server *s, struct h1__hconn *k) {
  if (s->cfg.on_close != NULL)
    s->cfg.on_close(s->cfg.ud, &k->user);
  k->prev->next = k->next;
  k->next->prev = k->prev;
  h1_io_close(&k->io);
  bufs_put(s, k->bufs);
  k->bufs = NULL;
  if (s->polling) {
    k->where = W_GONE;
    k->qnext = s->gone;
    s->gone = k;
  } else {
    free(k);
  }
  s->nconns--;
  if (s->nconns == 0)
    pthread_cond_broadcast(&s->done_cv);
}

/* A lingering connection may have bytes: drop them until the socket is
 * empty (the next bytes bring an event), forget it at its end.  With the
 * server locked. */
static void linger_read(struct h1_http_server *s, struct h1__hconn *k) {
  char buf[4096];
  int i;
  for (i = 0; i < 16; i++) {
    long r = h1_io_read_nowait(&k->io, buf, sizeof buf);
    if (r == H1_IO_AGAIN)
      return;
    if (r <= 0)
      break;
  }
  forget(s, k);
}

/* 1 when a connection that waits for bytes gave its set back: the engine
 * lets it go when idle between requests, or new with no byte yet (after a
 * TLS handshake, before the request). */
static int can_give_back(struct h1__hconn *k) {
  return k->bufs != NULL && h1_server_detach(&k->hc, &k->bufs->mem) == 0;
}

/* Parks a connection that waits for bytes; with the server locked.  -1:
 * it must be finished instead. */
static int park(struct h1_http_server *s, struct h1__hconn *k, int64_t d) {
  if (can_give_back(k)) {
    bufs_put(s, k->bufs);
    k->bufs = NULL;
  }
  if ((s->closing && !h1_message_in_progress(&k->hc.parser)) || arm(s, k) != 0)
    return -1;
  if (k->woke) { /* an event came while it ran: run it again */
    if (k->woke == WOKE_HUP)
      k->hup = 1;
    k->woke = 0;
    k->ready = 1;
    enqueue(s, k);
    return 0;
  }
  k->where = W_PARKED;
  k->deadline = d;
  due_at(s, d);
  return 0;
}

void h1__park(struct h1__hconn *k, int64_t d) {
  struct h1_http_server *s = k->srv;
  int r;
  pthread_mutex_lock(&s->mu);
  r = park(s, k, d);
  pthread_mutex_unlock(&s->mu);
  if (r != 0)
    h1__finish(k);
}

void h1__finish(struct h1__hconn *k) {
  struct h1_http_server *s = k->srv;
  pthread_mutex_lock(&s->mu);
  if (k->dead || k->io.fd < 0) {
    forget(s, k);
    pthread_mutex_unlock(&s->mu);
    return;
  }
  /* lingering close: FIN now, then drain what the peer still sends for a
   * while, so that a close with unread input is not a reset that could
   * destroy the answer before the peer reads it */
  h1_io_shutdown_write(&k->io);
  bufs_put(s, k->bufs);
  k->bufs = NULL;
  if (arm(s, k) != 0) {
    forget(s, k);
  } else {
    k->where = W_LINGER;
    k->deadline = h1_io_now() + LINGER_MS;
    due_at(s, k->deadline);
    linger_read(s, k); /* what is there already brings no new edge */
  }
  pthread_mutex_unlock(&s->mu);
}

/* --- Accept -------------------------------------------------------------- */

static void accept_some(struct h1_http_server *s) {
  int i;
  for (i = 0; i < 64 && !s->closing; i++) {
    struct h1__hconn *k = calloc(1, sizeof(*k));
    struct h1__bufs *b;
    int fd;
    if (k == NULL)
      return;
    fd = h1_io_accept(s->lfd, k->peer, sizeof k->peer);
    if (fd < 0) {
      free(k);
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
          errno == ENOMEM) {
        /* out of descriptors: stop listening for a while (no busy loop) */
        epoll_ctl(s->epfd, EPOLL_CTL_DEL, s->lfd, NULL);
        s->accept_at = h1_io_now() + EMFILE_BACKOFF;
      }
      return;
    }
    b = h1__bufs_get(s);
    if (b == NULL) {
      free(k);
      close(fd);
      continue;
    }
    h1_io_init_accepted(&k->io, fd);
    if (s->cfg.no_delay)
      h1_io_set_nodelay(fd, 1);
    if (s->cfg.keep_alive)
      h1_io_set_keepalive(fd, 1, s->cfg.keep_alive_initial_delay);
    k->srv = s;
    k->last_io = h1_io_now();
    /* The set goes back to the pool at once (a new connection holds
     * nothing in it), and serve() attaches one when the first bytes come:
     * a burst of new connections holds no sets (500 fresh sets cost 3,000
     * page faults, 0.4 s on this machine). */
    h1_server_init(&k->hc, &s->cfg.http, &b->mem, k->last_io);
    if (h1_server_detach(&k->hc, &b->mem) == 0)
      bufs_put(s, b);
    else
      k->bufs = b;
    k->next = s->all.next;
    k->prev = &s->all;
    s->all.next->prev = k;
    s->all.next = k;
    s->nconns++;
    /* parked until its first bytes (registering reports those already
     * there) */
    if (park(s, k, h1__conn_deadline(k)) != 0)
      forget(s, k);
  }
}

/* --- Polling ------------------------------------------------------------- */

/* Closes parked connections: every one, or the idle ones. */
static void close_parked(struct h1_http_server *s, int all) {
  struct h1__hconn *k = s->all.next, *n;
  for (; k != &s->all; k = n) {
    n = k->next;
    if (k->where == W_PARKED &&
        (all || !h1_message_in_progress(&k->hc.parser))) {
      forget(s, k);
    } else if (all && (k->where == W_RUNNING || k->where == W_QUEUED)) {
      k->dead = 1;
      shutdown(k->io.fd, SHUT_RDWR); /* wakes a worker blocked on it */
    }
  }
}

/* Connections whose deadline passed; the next deadline.  Locked. */
static void scan_deadlines(struct h1_http_server *s, int64_t now) {
  struct h1__hconn *k = s->all.next, *n;
  int64_t next = INT64_MAX;
  for (; k != &s->all; k = n) {
    n = k->next;
    if (k->where == W_PARKED && now >= k->deadline) {
      k->timed = 1;
      enqueue(s, k);
    } else if (k->where == W_LINGER && now >= k->deadline) {
      forget(s, k);
    } else if ((k->where == W_PARKED || k->where == W_LINGER) &&
               k->deadline < next) {
      next = k->deadline;
    }
  }
  s->next_due = next;
}

static void free_gone(struct h1_http_server *s) {
  struct h1__hconn *k;
  while ((k = s->gone) != NULL) {
    s->gone = k->qnext;
    free(k);
  }
}

/* An event on a connection's socket: bytes, the peer's end, or an error
 * (the end may have come with the bytes: then there is no event after
 * them, and the socket is read until it says so). */
static void on_ready(struct h1_http_server *s, struct h1__hconn *k,
                     uint32_t events) {
  int hup = (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0;
  switch (k->where) {
  case W_PARKED:
    enqueue(s, k);
    /* fall through */
  case W_QUEUED:
    k->ready = 1;
    if (hup)
      k->hup = 1;
    break;
  case W_RUNNING: /* its worker reads it itself, or parks it and sees this */
    if (k->woke != WOKE_HUP)
      k->woke = hup ? WOKE_HUP : WOKE_BYTES;
    break;
  case W_LINGER:
    linger_read(s, k);
    break;
  default:
    break;
  }
}

void h1__poll(struct h1_http_server *s) {
  struct epoll_event evs[256];
  int64_t now = h1_io_now(), due = s->next_due;
  int n, i, ms;
  if (s->accept_at != 0 && s->accept_at < due)
    due = s->accept_at;
  ms = due == INT64_MAX ? -1
       : due <= now     ? 0
                        : (int)(due - now > 60000 ? 60000 : due - now);
  s->polling = 1;
  pthread_mutex_unlock(&s->mu);
  n = epoll_wait(s->epfd, evs, 256, ms);
  now = h1_io_now();
  pthread_mutex_lock(&s->mu);
  s->polling = 0;
  for (i = 0; i < n; i++) {
    struct h1__hconn *k = evs[i].data.ptr;
    if (k == NULL) {
      accept_some(s);
    } else if (k == &s->all) {
      uint64_t v;
      ssize_t r = read(s->evfd, &v, sizeof v);
      (void)r;
    } else {
      on_ready(s, k, evs[i].events);
    }
  }
  free_gone(s);
  if (s->requests) {
    unsigned rq = s->requests;
    s->requests = 0;
    if ((rq & R_CLOSE) && s->lfd >= 0) {
      epoll_ctl(s->epfd, EPOLL_CTL_DEL, s->lfd, NULL);
      close(s->lfd);
      s->lfd = -1;
    }
    if (rq & (R_CLOSE_IDLE | R_CLOSE_ALL | R_CLOSE))
      close_parked(s, (rq & R_CLOSE_ALL) != 0);
  }
  if (s->accept_at != 0 && now >= s->accept_at && s->lfd >= 0) {
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = EPOLLIN;
    ev.data.ptr = NULL;
    epoll_ctl(s->epfd, EPOLL_CTL_ADD, s->lfd, &ev);
    s->accept_at = 0;
  }
  if (now >= s->next_due)
    scan_deadlines(s, now);
}

/* --- Lifetime ------------------------------------------------------------ */

h1_http_server *h1_http_server_create(const struct h1_http_config *cfg,
                                      char *err, size_t err_cap) {
  h1_http_server *s = calloc(1, sizeof(*s));
  if (s == NULL) {
    snprintf(err, err_cap, "out of memory");
    return NULL;
  }
  s->cfg = *cfg;
  if (s->cfg.threads == 0)
    s->cfg.threads = 1;
  s->cfg.http.on_check_continue = cfg->on_check_continue != NULL;
  s->cfg.http.on_check_expectation = cfg->on_check_expectation != NULL;
  s->cfg.http.on_upgrade = cfg->on_upgrade != NULL;
  s->cfg.http.on_connect = cfg->on_connect != NULL;
  s->cfg.http.timeout = cfg->timeout; /* the engine keeps server.timeout */
  s->lfd = s->epfd = s->evfd = -1;
  s->all.next = s->all.prev = &s->all;
  s->next_due = INT64_MAX;
  pthread_mutex_init(&s->mu, NULL);
  pthread_cond_init(&s->work_cv, NULL);
  pthread_cond_init(&s->done_cv, NULL);
  if (cfg->tls_cert != NULL) {
    s->tls = h1_tls_server_ctx(cfg->tls_cert,
                               cfg->tls_key ? cfg->tls_key : cfg->tls_cert, err,
                               err_cap);
    if (s->tls == NULL) {
      h1_http_server_free(s);
      return NULL;
    }
  }
  return s;
}

int h1_http_server_listen(h1_http_server *s, const char *host, const char *port,
                          char *err, size_t err_cap) {
  struct epoll_event ev;
  int e = 0;
  unsigned i;
  s->lfd = h1_io_listen(host, port, s->cfg.backlog, &e);
  if (s->lfd < 0) {
    snprintf(err, err_cap, "cannot listen on %s:%s: %s", host ? host : "*",
             port, strerror(e));
    s->lfd = -1;
    return -1;
  }
  s->port = h1_io_local_port(s->lfd);
  s->epfd = epoll_create1(EPOLL_CLOEXEC);
  s->evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (s->epfd < 0 || s->evfd < 0) {
    snprintf(err, err_cap, "epoll: %s", strerror(errno));
    return -1;
  }
  memset(&ev, 0, sizeof ev);
  ev.events = EPOLLIN;
  ev.data.ptr = NULL;
  epoll_ctl(s->epfd, EPOLL_CTL_ADD, s->lfd, &ev);
  ev.data.ptr = &s->all;
  epoll_ctl(s->epfd, EPOLL_CTL_ADD, s->evfd, &ev);
  s->origin = h1_io_now();
  s->workers = calloc(s->cfg.threads, sizeof(pthread_t));
  if (s->workers == NULL) {
    snprintf(err, err_cap, "out of memory");
    return -1;
  }
  for (i = 0; i < s->cfg.threads; i++) {
    if (pthread_create(&s->workers[i], NULL, h1__worker, s) != 0)
      break;
    s->nworkers++;
  }
  if (s->nworkers == 0) {
    snprintf(err, err_cap, "cannot start threads");
    return -1;
  }
  s->started = 1;
  return 0;
}

unsigned h1_http_server_port(const h1_http_server *s) {
  return s->port;
}

static void request(h1_http_server *s, unsigned what) {
  pthread_mutex_lock(&s->mu);
  s->requests |= what;
  if (what & R_CLOSE) {
    s->closing = 1;
    pthread_cond_broadcast(&s->done_cv); /* there may be no connection */
  }
  /* before unlocking: once closed, h1_http_server_wait may return and the
   * server be freed at once */
  wake_poller(s);
  pthread_mutex_unlock(&s->mu);
}

void h1_http_server_close(h1_http_server *s) {
  request(s, R_CLOSE);
}

void h1_http_server_close_idle_connections(h1_http_server *s) {
  request(s, R_CLOSE_IDLE);
}

void h1_http_server_close_all_connections(h1_http_server *s) {
  request(s, R_CLOSE_ALL);
}

size_t h1_http_server_connections(h1_http_server *s) {
  size_t n;
  pthread_mutex_lock(&s->mu);
  n = s->nconns;
  pthread_mutex_unlock(&s->mu);
  return n;
}

void h1_http_server_wait(h1_http_server *s) {
  unsigned i;
  if (!s->started)
    return;
  pthread_mutex_lock(&s->mu);
  while (!s->closing || s->nconns > 0)
    pthread_cond_wait(&s->done_cv, &s->mu);
  s->stopping = 1;
  pthread_cond_broadcast(&s->work_cv);
  pthread_mutex_unlock(&s->mu);
  wake_poller(s);
  for (i = 0; i < s->nworkers; i++)
    pthread_join(s->workers[i], NULL);
  s->started = 0;
}

void h1_http_server_free(h1_http_server *s) {
  struct h1__bufs *b;
  if (s == NULL)
    return;
  if (s->started) {
    h1_http_server_close(s);
    h1_http_server_close_all_connections(s);
    h1_http_server_wait(s);
  }
  free_gone(s);
  while ((b = s->pool) != NULL) {
    s->pool = b->next;
    free(b);
  }
  if (s->lfd >= 0)
    close(s->lfd);
  if (s->epfd >= 0)
    close(s->epfd);
  if (s->evfd >= 0)
    close(s->evfd);
  h1_tls_ctx_free(s->tls);
  free(s->workers);
  pthread_mutex_destroy(&s->mu);
  pthread_cond_destroy(&s->work_cv);
  pthread_cond_destroy(&s->done_cv);
  free(s);
}
