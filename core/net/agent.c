/*
 * agent.c -- http.Agent: a pool of sockets per origin, shared by threads.
 *
 * What Node's Agent does, with threads where Node has queued requests:
 * a request takes a free socket of its origin (lifo or fifo), else makes a
 * new one while maxSockets and maxTotalSockets allow, else waits in line
 * (never closing another origin's free socket for it: Node does not).
 * A socket given back after a keep-alive response goes to the first
 * waiter of its origin (Node's 'free' handler), else into the free list
 * when the agent keeps sockets (keepAlive, maxFreeSockets, and the pool
 * not over maxSockets or maxTotalSockets), else it is closed.  Both the
 * free list and a close then run Node's removeSocket: the first waiter of
 * the socket's origin, else the first waiter of the origin that queued
 * first, if that origin has no socket in use, may make a new socket, past
 * the limits as in Node.  A free socket that became readable (the server
 * closed it, or sent bytes nobody asked for) or stayed idle past `timeout`
 * is dropped, never used; while requests wait, the free lists are checked
 * every 50 ms, as Node's event loop sees such a socket close.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client_int.h"

struct waiter {
  struct h1__sock *got; /* a socket handed over */
  int may_create;       /* a slot reserved for a new socket */
  struct waiter *next;
};

struct h1__origin {
  char *name;
  struct h1__sock *free_list; /* oldest first */
  size_t nfree, active;       /* sockets free / lent out */
  struct waiter *waiters;     /* oldest first */
  uint64_t queued_at; /* when its waiters began: Node's requests key order */
  struct h1__origin *next;
};

struct tls_entry {
  char *ca_file; /* NULL: the system store */
  int reject;
  h1_tls_ctx *ctx;
  struct tls_entry *next;
};

struct h1_agent {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  struct h1_agent_options o;
  struct h1__origin *origins;
  struct tls_entry *tls;
  size_t total; /* sockets free and lent out, all origins */
  uint64_t next_id, next_queue;
};

void h1_agent_options_default(struct h1_agent_options *o) {
  memset(o, 0, sizeof(*o));
  o->keep_alive_msecs = 1000;
  o->max_free_sockets = 256;
}

h1_agent *h1_agent_new(const struct h1_agent_options *o) {
  h1_agent *a = calloc(1, sizeof(*a));
  if (a == NULL)
    return NULL;
  if (o != NULL)
    a->o = *o;
  else
    h1_agent_options_default(&a->o);
  pthread_mutex_init(&a->mu, NULL);
  pthread_cond_init(&a->cv, NULL);
  return a;
}

static void drop_sock(struct h1__sock *s) {
  h1_io_close(&s->io);
  free(s);
}

void h1_agent_free(h1_agent *a) {
  struct h1__origin *o, *on;
  struct tls_entry *t, *tn;
  if (a == NULL)
    return;
  for (o = a->origins; o != NULL; o = on) {
    struct h1__sock *s, *sn;
    on = o->next;
    for (s = o->free_list; s != NULL; s = sn) {
      sn = s->next;
      drop_sock(s);
    }
    free(o->name);
    free(o);
  }
  for (t = a->tls; t != NULL; t = tn) {
    tn = t->next;
    h1_tls_ctx_free(t->ctx);
    free(t->ca_file);
    free(t);
  }
  pthread_cond_destroy(&a->cv);
  pthread_mutex_destroy(&a->mu);
  free(a);
}

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static h1_agent *global_agent;

static void make_global(void) {
  struct h1_agent_options o;
  h1_agent_options_default(&o);
  o.keep_alive = 1;
  o.timeout = 5000;
  global_agent = h1_agent_new(&o);
}

h1_agent *h1_global_agent(void) {
  pthread_once(&global_once, make_global);
  return global_agent;
}

void h1_agent_counts(h1_agent *a, size_t *in_use, size_t *free_count) {
  const struct h1__origin *o;
  size_t u = 0, f = 0;
  pthread_mutex_lock(&a->mu);
  for (o = a->origins; o != NULL; o = o->next) {
    u += o->active;
    f += o->nfree;
  }
  pthread_mutex_unlock(&a->mu);
  *in_use = u;
  *free_count = f;
}

int h1__agent_sends_keep_alive(const h1_agent *a) {
  return a->o.keep_alive || a->o.max_sockets != 0;
}

static struct h1__origin *origin_of(h1_agent *a, const char *name) {
  struct h1__origin *o;
  for (o = a->origins; o != NULL; o = o->next)
    if (strcmp(o->name, name) == 0)
      return o;
  o = calloc(1, sizeof(*o));
  if (o == NULL)
    return NULL;
  o->name = strdup(name);
  if (o->name == NULL) {
    free(o);
    return NULL;
  }
  o->next = a->origins;
  a->origins = o;
  return o;
}

/* The free socket Node's scheduling picks, unlinked: lifo the newest
 * (the list's last), fifo the oldest (its first). */
static struct h1__sock *take_free(h1_agent *a, struct h1__origin *o) {
  struct h1__sock **pp = &o->free_list, *s;
  if (*pp == NULL)
    return NULL;
  if (!a->o.fifo)
    while ((*pp)->next != NULL)
      pp = &(*pp)->next;
  s = *pp;
  *pp = s->next;
  s->next = NULL;
  o->nfree--;
  return s;
}

/* A free socket may carry a request: nothing readable (no FIN, no stray
 * bytes; a TLS session's own records are read and ignored) and not idle
 * past the agent's timeout. */
static int still_usable(const h1_agent *a, struct h1__sock *s) {
  char b;
  (void)a;
  if (s->idle_limit && h1_io_now() - s->last_used >= s->idle_limit)
    return 0;
  if (h1_io_wait_readable(&s->io, 0) == 0 && !h1_io_pending(&s->io))
    return 1;
  return s->io.ssl != NULL && h1_io_read_nowait(&s->io, &b, 1) == H1_IO_AGAIN;
}

static int may_create(const h1_agent *a, const struct h1__origin *o) {
  return (a->o.max_sockets == 0 || o->active + o->nfree < a->o.max_sockets) &&
         (a->o.max_total_sockets == 0 || a->total < a->o.max_total_sockets);
}

static struct h1__sock *new_sock(h1_agent *a, struct h1__origin *o) {
  struct h1__sock *s = calloc(1, sizeof(*s));
  if (s == NULL)
    return NULL;
  s->io.fd = -1;
  s->keep_hint = -1;
  s->origin = o;
  s->id = ++a->next_id;
  return s;
}

static void unlink_waiter(struct h1__origin *o, struct waiter *w) {
  struct waiter **pp;
  for (pp = &o->waiters; *pp != NULL; pp = &(*pp)->next)
    if (*pp == w) {
      *pp = w->next;
      return;
    }
}

/* Lets the first waiter of `o` make a new socket, counted at once. */
static void grant(h1_agent *a, struct h1__origin *o) {
  struct waiter *w = o->waiters;
  o->waiters = w->next;
  w->may_create = 1;
  o->active++;
  a->total++;
  pthread_cond_broadcast(&a->cv);
}

/*
 * Node's removeSocket, run when a socket of `o` left the sockets in use
 * (closed, or put in the free list): the first waiter of `o` may make a
 * new socket; else the origin that began waiting first (only that one),
 * when it has no socket in use.  Neither checks maxSockets or
 * maxTotalSockets, as in Node.
 */
static void removed(h1_agent *a, struct h1__origin *o) {
  struct h1__origin *q, *first = NULL;
  if (o->waiters != NULL) {
    grant(a, o);
    return;
  }
  for (q = a->origins; q != NULL; q = q->next)
    if (q->waiters != NULL &&
        (first == NULL || q->queued_at < first->queued_at))
      first = q;
  if (first != NULL && first->active == 0)
    grant(a, first);
}

/* Drops every free socket that is no longer usable, as Node's event loop
 * sees one close (the server closed it, or the agent's timeout passed);
 * each close is Node's removeSocket.  Returns how many went. */
static size_t prune_free(h1_agent *a) {
  struct h1__origin *o;
  size_t n = 0;
  for (o = a->origins; o != NULL; o = o->next) {
    struct h1__sock **pp = &o->free_list, *s;
    while ((s = *pp) != NULL) {
      if (still_usable(a, s)) {
        pp = &s->next;
        continue;
      }
      *pp = s->next;
      o->nfree--;
      a->total--;
      drop_sock(s);
      removed(a, o);
      n++;
    }
  }
  return n;
}

int h1__agent_acquire(h1_agent *a, const char *name, struct h1__sock **out,
                      const struct h1_signal *sig, int64_t deadline) {
  struct h1__origin *o;
  struct waiter w, **tail;
  int r = -1;
  *out = NULL;
  pthread_mutex_lock(&a->mu);
  o = origin_of(a, name);
  if (o == NULL)
    goto done;
  for (;;) {
    struct h1__sock *s;
    while ((s = take_free(a, o)) != NULL) {
      if (still_usable(a, s)) {
        o->active++;
        *out = s;
        r = 1;
        goto done;
      }
      a->total--;
      drop_sock(s);
      removed(a, o);
    }
    if (o->waiters != NULL)
      break; /* others were first in line */
    if (!may_create(a, o)) {
      if (a->o.max_total_sockets != 0 && prune_free(a) > 0)
        continue; /* Node would have seen those close */
      break;
    }
    if ((*out = new_sock(a, o)) == NULL)
      goto done;
    o->active++;
    a->total++;
    r = 0;
    goto done;
  }
  /* wait in line (Node's agent.requests[name]) */
  memset(&w, 0, sizeof w);
  if (o->waiters == NULL)
    o->queued_at = ++a->next_queue;
  for (tail = &o->waiters; *tail != NULL; tail = &(*tail)->next)
    ;
  *tail = &w;
  while (w.got == NULL && !w.may_create) {
    struct timespec ts;
    int64_t now = h1_io_now(), until = now + 50;
    if ((sig != NULL && sig->aborted) || now >= deadline) {
      unlink_waiter(o, &w);
      goto done;
    }
    if (deadline < until)
      until = deadline;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += (long)(until - now) * 1000000L;
    ts.tv_sec += ts.tv_nsec / 1000000000L;
    ts.tv_nsec %= 1000000000L;
    pthread_cond_timedwait(&a->cv, &a->mu, &ts);
    if (w.got == NULL && !w.may_create)
      prune_free(a);
  }
  if (w.got != NULL) {
    *out = w.got;
    r = 2;
  } else if ((*out = new_sock(a, o)) != NULL) {
    r = 0;
  } else {
    o->active--;
    a->total--;
  }
done:
  pthread_mutex_unlock(&a->mu);
  return r;
}

/* Node's 'free' handler keeps a socket (s, still counted in use) only
 * while the pool is within its limits (a socket made past them for another
 * origin's waiter, see removed(), is closed after its response) and
 * agent.keepSocketAlive() agrees: a `Keep-Alive: timeout=1` (or 0) hint
 * leaves no time to reuse it.  The free socket's idle limit is the agent's
 * timeout, lowered to the hint's. */
static int may_keep(const h1_agent *a, const struct h1__origin *o,
                    struct h1__sock *s) {
  if (!a->o.keep_alive || o->nfree >= a->o.max_free_sockets ||
      (a->o.max_sockets != 0 && o->nfree + o->active > a->o.max_sockets) ||
      (a->o.max_total_sockets != 0 && a->total > a->o.max_total_sockets) ||
      s->keep_hint == 0)
    return 0;
  s->idle_limit = (int64_t)a->o.timeout;
  if (s->keep_hint > 0 && s->keep_hint < s->idle_limit)
    s->idle_limit = s->keep_hint;
  return 1;
}

void h1__agent_release(h1_agent *a, struct h1__sock *s, int reusable) {
  struct h1__origin *o = s->origin;
  s->io.abort = NULL; /* the request's signal goes with the request */
  pthread_mutex_lock(&a->mu);
  if (reusable && o->waiters != NULL) {
    struct waiter *w = o->waiters;
    o->waiters = w->next;
    w->got = s;
    pthread_cond_broadcast(&a->cv);
  } else if (reusable && may_keep(a, o, s)) {
    struct h1__sock **pp;
    o->active--;
    s->last_used = h1_io_now();
    h1_io_set_keepalive(s->io.fd, 1, a->o.keep_alive_msecs);
    for (pp = &o->free_list; *pp != NULL; pp = &(*pp)->next)
      ;
    *pp = s;
    o->nfree++;
    removed(a, o);
  } else {
    o->active--;
    a->total--;
    drop_sock(s);
    removed(a, o);
  }
  pthread_mutex_unlock(&a->mu);
}

h1_tls_ctx *h1__agent_tls(h1_agent *a, const char *ca_file, int reject,
                          char *err, size_t err_cap) {
  struct tls_entry *t;
  h1_tls_ctx *ctx = NULL;
  pthread_mutex_lock(&a->mu);
  for (t = a->tls; t != NULL; t = t->next)
    if (t->reject == reject &&
        (t->ca_file == NULL ? ca_file == NULL
                            : ca_file != NULL && !strcmp(t->ca_file, ca_file)))
      break;
  if (t != NULL) {
    ctx = t->ctx;
  } else if ((t = calloc(1, sizeof(*t))) != NULL) {
    t->reject = reject;
    t->ca_file = ca_file != NULL ? strdup(ca_file) : NULL;
    t->ctx = h1_tls_client_ctx(ca_file, reject, err, err_cap);
    if (t->ctx == NULL || (ca_file != NULL && t->ca_file == NULL)) {
      h1_tls_ctx_free(t->ctx);
      free(t->ca_file);
      free(t);
    } else {
      t->next = a->tls;
      a->tls = t;
      ctx = t->ctx;
    }
  }
  pthread_mutex_unlock(&a->mu);
  return ctx;
}
