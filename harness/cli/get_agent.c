/*
 * get_agent.c -- `h1 get` Agent scenarios: several requests over one
 * Agent, in waves (a wave's requests at once, one thread each), one JSON
 * line per request.  harness/oracle/node-agent.js runs the same scenario
 * with Node's http.Agent.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "get.h"

struct job {
  h1_agent *agent;
  const char *url;
  long abort_ms; /* "@MS" before the URL; -1: no signal */
  int status, reused, done;
  char code[48];
};

static void *run_job(void *arg) {
  struct job *j = arg;
  struct h1_request_options o;
  struct h1_client_error err;
  struct url u;
  struct get_abort ab;
  h1_creq *r;
  char buf[4096];
  j->status = -1;
  ab.started = 0;
  if (parse_url(j->url, &u) != 0) {
    snprintf(j->code, sizeof j->code, "ERR_INVALID_URL");
    return NULL;
  }
  h1_request_options_default(&o);
  o.host = u.host;
  o.port = u.port;
  o.path = u.path;
  o.agent = j->agent;
  o.timeout = 10000;
  if (j->abort_ms >= 0) {
    get_abort_start(&ab, j->abort_ms);
    o.signal = &ab.sig;
  }
  r = h1_request(&o, &err);
  if (r == NULL) {
    memcpy(j->code, err.code, sizeof j->code);
    get_abort_join(&ab);
    return NULL;
  }
  j->reused = h1_creq_reused_socket(r);
  if (h1_creq_end(r, NULL, 0) == 0 && h1_creq_response(r) == 0) {
    j->status = h1_creq_message(r)->status;
    while (h1_creq_read(r, buf, sizeof buf) > 0)
      ;
  }
  if (h1_creq_error(r) != NULL)
    memcpy(j->code, h1_creq_error(r)->code, sizeof j->code);
  h1_creq_free(r);
  get_abort_join(&ab);
  return NULL;
}

/* Starts a wave's requests 100 ms apart, in order, so that the order in
 * which they reach the Agent is the order given. */
static void run_wave(struct job *jobs, int n) {
  pthread_t *t = calloc((size_t)n, sizeof(*t));
  int i, started = 0;
  for (i = 0; i < n; i++) {
    struct timespec gap = {0, 100 * 1000000L};
    if (jobs[i].url == NULL) { /* an "@MS" slot */
      jobs[i].done = 1;
      continue;
    }
    if (started++)
      nanosleep(&gap, NULL);
    if (t == NULL || pthread_create(&t[i], NULL, run_job, &jobs[i]) != 0)
      run_job(&jobs[i]), jobs[i].done = 1;
  }
  for (i = 0; i < n; i++)
    if (!jobs[i].done)
      pthread_join(t[i], NULL);
  free(t);
}

int get_scenario(const struct h1_agent_options *ao, char **args, int n) {
  h1_agent *a = h1_agent_new(ao);
  struct job *jobs = calloc((size_t)(n ? n : 1), sizeof(*jobs));
  int i, start = 0, rc = 0;
  long abort_ms = -1;
  if (a == NULL || jobs == NULL) {
    fputs("h1 get: out of memory\n", stderr);
    free(jobs);
    h1_agent_free(a);
    return 2;
  }
  for (i = 0; i <= n; i++) {
    if (i < n && args[i][0] == '@') {
      abort_ms = strtol(args[i] + 1, NULL, 10);
      continue;
    }
    if (i < n && strcmp(args[i], ",") != 0) {
      jobs[i].agent = a;
      jobs[i].url = args[i];
      jobs[i].abort_ms = abort_ms;
      abort_ms = -1;
      continue;
    }
    if (start > 0) { /* the previous wave's closes are seen first */
      struct timespec pause = {0, 200 * 1000000L};
      nanosleep(&pause, NULL);
    }
    run_wave(jobs + start, i - start);
    start = i + 1;
  }
  for (i = 0; i < n; i++) {
    if (jobs[i].url == NULL)
      continue;
    printf("{\"url\": \"%s\", \"status\": %d, \"reused\": %s, \"error\": ",
           jobs[i].url, jobs[i].status, jobs[i].reused ? "true" : "false");
    if (jobs[i].code[0])
      printf("\"%s\"}\n", jobs[i].code);
    else
      printf("null}\n");
    if (jobs[i].code[0])
      rc = 3;
  }
  free(jobs);
  h1_agent_free(a);
  return rc;
}
