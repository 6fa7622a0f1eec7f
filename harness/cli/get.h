/* get.h -- what `h1 get` (get.c) and its Agent scenarios (get_agent.c)
 * share. */
#ifndef H1_CLI_GET_H
#define H1_CLI_GET_H

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

/* `h1 get` with Agent options: the URLs in waves separated by a lone ","
 * (a wave's requests run at once, one thread each, started 100 ms apart;
 * waves one after the other, 200 ms apart) through one Agent; one JSON
 * line per request:
 * {"url", "status", "reused", "error"}. */
int get_scenario(const struct h1_agent_options *ao, char **args, int n);

#endif
