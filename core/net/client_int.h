/*
 * client_int.h -- what the client (client.c) and the Agent (agent.c) share
 * inside core/net: a pooled socket and the Agent's calls that lend one.
 */
#ifndef H1_NET_CLIENT_INT_H
#define H1_NET_CLIENT_INT_H

#include <stdint.h>

#include "h1/h1_client.h"
#include "io.h"

/* One socket of an Agent.  Requests bring their own parser and buffers:
 * a free socket holds only its stream. */
struct h1__sock {
  h1_io io;
  struct h1__origin *origin;
  int64_t last_used; /* h1_io_now() when it became free */
  /* The response's `Keep-Alive: timeout=N` hint, as Node's
   * agent.keepSocketAlive() reads it: N * 1000 - 1000 ms, 0 when that is
   * not positive (the socket cannot be kept), -1 without a hint.  Set by
   * the request before it gives the socket back. */
  int64_t keep_hint;
  int64_t idle_limit; /* ms a free socket may stay idle, 0: no limit */
  uint64_t id;        /* 1, 2, ... in the order the agent made them */
  struct h1__sock *next;
};

/* Gets a socket for origin `name` (Node's getName(), plus the TLS
 * parameters): *s receives it.  1: a free socket, reused; 2: a socket
 * handed over by a request that ended while this one waited in line (Node
 * does not count it as reusedSocket); 0: a new one whose stream the caller
 * connects (io.fd is -1); -1: the signal or the deadline ended the wait. */
int h1__agent_acquire(h1_agent *a, const char *name, struct h1__sock **s,
                      const struct h1_signal *sig, int64_t deadline);
/* Gives a socket back: kept for reuse when `reusable` (the response ended
 * with keep-alive, Node's 'free') and the agent keeps it, else closed. */
void h1__agent_release(h1_agent *a, struct h1__sock *s, int reusable);
/* The agent's TLS context for these settings (made once, shared). */
h1_tls_ctx *h1__agent_tls(h1_agent *a, const char *ca_file, int reject,
                          char *err, size_t err_cap);
/* agent.keepAlive, agent.maxSockets == Infinity: the Connection header. */
int h1__agent_sends_keep_alive(const h1_agent *a);

#endif /* H1_NET_CLIENT_INT_H */
