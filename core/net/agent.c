/*
 * agent.c -- http.Agent: a pool of sockets per origin, shared by threads.
 *
 * What Node's Agent does, with threads where Node has queued requests:
 * a request takes a free socket of its origin (lifo or fifo), else makes a
 * new one while maxSockets and maxTotalSockets allow, else waits in line.
 * A socket given back after a keep-alive response goes to the first
 * waiter of its origin (Node's 'free' handler), else into the free list
 * when the agent keeps sockets (keepAlive, maxFreeSockets), else it is
 * closed; a closed socket lets the first waiter make a new one.  A free
 * socket that became readable (the server closed it, or sent bytes nobody
 * asked for) or stayed idle past `timeout` is dropped, never used.
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
  uint64_t next_id;
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
  if (a->o.timeout && h1_io_now() - s->last_used >= (int64_t)a->o.timeout)
    return 0;
  if (h1_io_wait_readable(&s->io, 0) == 0 && !h1_io_pending(&s->io))
    return 1;
  return s->io.ssl != NULL && h1_io_read_nowait(&s->io, &b, 1) == H1_IO_AGAIN;
}

static int may_create(const h1_agent *a, const struct h1__origin *o) {
  return (a->o.max_sockets == 0 || o->active + o->nfree < a->o.max_sockets) &&
         (a->o.max_total_sockets == 0 || a->total < a->o.max_total_sockets);
}

/* Makes room under maxTotalSockets by closing a free socket of another
 * origin (Node destroys one when a request waits for the total limit). */
static int evict_other(h1_agent *a, const struct h1__origin *mine) {
  struct h1__origin *o;
  for (o = a->origins; o != NULL; o = o->next) {
    struct h1__sock *s;
    if (o == mine || o->free_list == NULL)
      continue;
    s = o->free_list;
    o->free_list = s->next;
    o->nfree--;
    a->total--;
    drop_sock(s);
    return 1;
  }
  return 0;
}

static struct h1__sock *new_sock(h1_agent *a, struct h1__origin *o) {
  struct h1__sock *s = calloc(1, sizeof(*s));
  if (s == NULL)
    return NULL;
  s->io.fd = -1;
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
    }
    if (o->waiters != NULL)
      break; /* others were first in line */
    if (!may_create(a, o) &&
        (!(a->o.max_sockets == 0 || o->active + o->nfree < a->o.max_sockets) ||
         !evict_other(a, o)))
      break;
    if ((*out = new_sock(a, o)) == NULL)
      goto done;
    o->active++;
    a->total++;
    r = 0;
    goto done;
  }
  /* wait in line (Node's agent.requests[name]) */
  memset(&w, 0, sizeof w);
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

/* After a socket closed: the first waiter (of this origin, else of any
 * origin the limits now allow) may make a new one. */
static int wake_in(h1_agent *a, struct h1__origin *o) {
  struct waiter *w = o->waiters;
  if (w == NULL || !may_create(a, o))
    return 0;
  o->waiters = w->next;
  w->may_create = 1;
  o->active++;
  a->total++;
  pthread_cond_broadcast(&a->cv);
  return 1;
}

static void wake_creator(h1_agent *a, struct h1__origin *first) {
  struct h1__origin *o;
  if (wake_in(a, first))
    return;
  for (o = a->origins; o != NULL; o = o->next)
    if (o != first && wake_in(a, o))
      return;
}

void h1__agent_release(h1_agent *a, struct h1__sock *s, int reusable) {
  struct h1__origin *o = s->origin;
  pthread_mutex_lock(&a->mu);
  o->active--;
  if (reusable && o->waiters != NULL) {
    struct waiter *w = o->waiters;
    o->waiters = w->next;
    o->active++;
    w->got = s;
    pthread_cond_broadcast(&a->cv);
  } else if (reusable && a->o.keep_alive && o->nfree < a->o.max_free_sockets) {
    struct h1__sock **pp;
    s->last_used = h1_io_now();
    h1_io_set_keepalive(s->io.fd, 1, a->o.keep_alive_msecs);
    for (pp = &o->free_list; *pp != NULL; pp = &(*pp)->next)
      ;
    *pp = s;
    o->nfree++;
  } else {
    a->total--;
    drop_sock(s);
    wake_creator(a, o);
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
