/* get.h -- what `h1 get` (get.c) and its Agent scenarios (get_agent.c)
 * share. */
#ifndef H1_CLI_GET_H
#define H1_CLI_GET_H

#include <pthread.h>

#include "h1/h1_client.h"

struct url {
  char buf[2048];
  const char *host, *path, *auth;
  unsigned port;
  int https;
};

/* http[s]://[user:pass@]host[:port][/path?query] into u; -1 when it does
 * not parse. */
int parse_url(const char *s, struct url *u);

/* An AbortController whose abort() another thread calls: --abort-ms. */
struct get_abort {
  struct h1_signal sig;
  long ms;
  pthread_t thread;
  int started;
};
/* The signal fires `ms` ms from now (0: at once, before any request). */
void get_abort_start(struct get_abort *a, long ms);
/* Waits for the thread (the signal has fired then). */
void get_abort_join(struct get_abort *a);

/* `h1 get` with Agent options: the URLs in waves separated by a lone ","
 * (a wave's requests run at once, one thread each, started 100 ms apart;
 * waves one after the other, 200 ms apart) through one Agent; one JSON
 * line per request:
 * {"url", "status", "reused", "error"}.  An argument "@MS" before a URL
 * gives that request a signal aborted MS ms after it starts. */
int get_scenario(const struct h1_agent_options *ao, char **args, int n);

#endif
