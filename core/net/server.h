/*
 * server.h -- private: what the server's files share (server.c: lifetime,
 * polling, accept, pool; worker.c: the worker threads and running a
 * connection; respond.c: the request reader and the response calls).
 */
#ifndef H1_NET_SERVER_H
#define H1_NET_SERVER_H

#include <pthread.h>

#include "h1/h1_http.h"
#include "io.h"

/* One connection's buffers (one allocation). */
struct h1__bufs {
  struct h1__bufs *next; /* in the pool */
  struct h1_conn_mem mem;
};

/* h1__hconn.where */
enum { W_NEW = 0, W_PARKED, W_QUEUED, W_RUNNING, W_LINGER, W_GONE };

struct h1__hconn {
  h1_server_conn hc;
  h1_io io;
  struct h1_http_server *srv;
  struct h1__hconn *prev, *next; /* every connection */
  struct h1__hconn *qnext;       /* the work queue, or the gone list */
  struct h1__bufs *bufs;         /* NULL while idle or new (no bytes yet) */
  int64_t deadline;              /* while parked: when to look again */
  int64_t last_io;               /* for the TLS handshake's deadline */
  struct h1_req *req;            /* the request whose handler runs */
  void *user;                    /* h1_req_user() */
  uint8_t where;
  uint8_t armed;    /* known to epoll (edge-triggered, for its life) */
  uint8_t ready;    /* the socket may have bytes: read before parking */
  uint8_t hup;      /* the peer's end came: a short read empties nothing */
  uint8_t woke;     /* an event came while W_RUNNING: WOKE_* (locked) */
  uint8_t tls_done; /* handshake finished */
  uint8_t dead;     /* close at once, no more output */
  uint8_t timed;    /* a polling worker found its deadline passed */
  char peer[56];    /* "addr:port" */
};

struct h1_http_server {
  struct h1_http_config cfg;
  h1_tls_ctx *tls;
  int lfd, epfd, evfd;
  unsigned port;
  pthread_t *workers;
  unsigned nworkers;
  unsigned nwaiting; /* workers waiting on work_cv */
  int polling;       /* a worker is in epoll_wait */
  pthread_mutex_t mu;
  pthread_cond_t work_cv, done_cv;
  struct h1__hconn *qhead, *qtail; /* ready to run */
  struct h1__hconn all;            /* list head of every connection */
  struct h1__hconn *gone; /* closed while a poll was out: freed after it */
  size_t nconns;
  struct h1__bufs *pool; /* free buffer sets */
  size_t npool;
  int64_t origin;    /* start of Node's connectionsCheckingInterval */
  int64_t next_due;  /* earliest deadline of a parked connection */
  int64_t accept_at; /* EMFILE back-off: accept again then (0: now) */
  unsigned requests; /* for the polling worker: R_* bits */
  int closing, stopping, started;
};

/* h1__hconn.woke */
enum { WOKE_BYTES = 1, WOKE_HUP = 2 };

/* h1_http_server.requests */
enum { R_CLOSE_IDLE = 1u, R_CLOSE_ALL = 2u, R_CLOSE = 4u };

/* server.c */
struct h1__bufs *h1__bufs_get(struct h1_http_server *s);
/* With the server locked: waits for events once (unlocked meanwhile) and
 * queues the connections that became ready or whose deadline passed. */
void h1__poll(struct h1_http_server *s);
/* With the server unlocked: waits for bytes until the deadline. */
void h1__park(struct h1__hconn *k, int64_t deadline);
void h1__finish(struct h1__hconn *k); /* close (lingering) and forget */

/* worker.c */
void *h1__worker(void *arg);
int64_t h1__conn_deadline(const struct h1__hconn *k);

/* respond.c */
struct h1_req {
  struct h1__hconn *k;
  struct h1_span rest; /* body bytes of the last event not read yet */
  int ended;           /* REQUEST_END seen */
  int failed;          /* the request failed (client error, reset) */
  int64_t start;       /* h1_io_now() when the handler was called */
};
struct h1_res {
  struct h1__hconn *k;
  uint64_t bytes; /* body bytes given to write / end */
};
/* Gives a read's result (bytes, or 0 for the peer's end) to the engine. */
void h1__take_input(struct h1__hconn *k, const char *b, long r, int64_t now);
/* Sends the queued output; -1 (connection marked dead) on failure. */
int h1__flush(struct h1__hconn *k);
/* A client error event: hook, then mark the request failed. */
void h1__client_error(struct h1__hconn *k, const struct h1_server_event *ev);
/* The current time for the engine (ms) after giving it the Date time. */
int64_t h1__tick(struct h1__hconn *k);

#endif
