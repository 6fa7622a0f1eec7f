/*
 * serve.c -- `h1 serve`: the blocking server (h1_http.h) with the handlers
 * of CONTRACT.md section 2 (--echo-json, --echo-raw), --static DIR and
 * --hello.  Application code only: every HTTP decision is the library's.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <h1/h1_http.h>

#include "cli.h"
#include "json.h"
#include "serve.h"

static const char serve_usage[] =
    "usage: h1 serve (--echo-json | --echo-raw | --static DIR | --hello)\n"
    "         [--host ADDR] [--port N] [--threads N] [--log]\n"
    "         [--tls-cert FILE --tls-key FILE] [--profile node|strict]\n"
    "         [--max-header-size N] [--insecure] [--join-duplicate-headers]\n"
    "         [--no-require-host-header] [--headers-timeout MS]\n"
    "         [--request-timeout MS] [--keep-alive-timeout MS]\n"
    "         [--connections-checking-interval MS]\n"
    "         [--max-requests-per-socket N] [--max-headers-count N]\n"
    "         [--no-delay 0|1] [--keep-alive] [--keep-alive-initial-delay MS]\n"
    "         [--unique-headers a,b,...] [--reject-non-standard-body-writes]\n"
    "         [--timeout MS]\n"
    "Serves HTTP/1.1 as Node.js 20's http.Server does.  --port 0 picks a\n"
    "free port and prints `listening 127.0.0.1:PORT` first.  SIGINT or\n"
    "SIGTERM closes the server gracefully (a second one closes every\n"
    "connection).\n";

static int serve_main(int argc, char **argv);

const struct cli_command cli_serve = {
    "serve", "serve HTTP/1.1 as Node's http.Server (echo, static, hello)",
    serve_usage, serve_main};

/* A usage error: one line on standard error; exit status 2. */
static int serve_error(const char *msg) {
  return cli_usage_error(&cli_serve, "%s", msg);
}

/* --- Options ------------------------------------------------------------- */

enum {
  O_ECHO_JSON = 256,
  O_ECHO_RAW,
  O_STATIC,
  O_HELLO,
  O_HOST,
  O_PORT,
  O_THREADS,
  O_LOG,
  O_CERT,
  O_KEY,
  O_PROFILE,
  O_MHS,
  O_INSECURE,
  O_JOIN,
  O_NO_HOST,
  O_HOST_REQ,
  O_HT,
  O_RT,
  O_KAT,
  O_CCI,
  O_MRPS,
  O_MHC,
  O_NODELAY,
  O_KA,
  O_KAID,
  O_UNIQUE,
  O_RNSBW,
  O_TIMEOUT
};

static const struct option serve_options[] = {
    {"echo-json", no_argument, NULL, O_ECHO_JSON},
    {"echo-raw", no_argument, NULL, O_ECHO_RAW},
    {"static", required_argument, NULL, O_STATIC},
    {"hello", no_argument, NULL, O_HELLO},
    {"host", required_argument, NULL, O_HOST},
    {"port", required_argument, NULL, O_PORT},
    {"threads", required_argument, NULL, O_THREADS},
    {"log", no_argument, NULL, O_LOG},
    {"tls-cert", required_argument, NULL, O_CERT},
    {"tls-key", required_argument, NULL, O_KEY},
    {"profile", required_argument, NULL, O_PROFILE},
    {"max-header-size", required_argument, NULL, O_MHS},
    {"insecure", no_argument, NULL, O_INSECURE},
    {"insecure-http-parser", no_argument, NULL, O_INSECURE},
    {"join-duplicate-headers", no_argument, NULL, O_JOIN},
    {"no-require-host-header", no_argument, NULL, O_NO_HOST},
    {"require-host-header", no_argument, NULL, O_HOST_REQ},
    {"headers-timeout", required_argument, NULL, O_HT},
    {"request-timeout", required_argument, NULL, O_RT},
    {"keep-alive-timeout", required_argument, NULL, O_KAT},
    {"connections-checking-interval", required_argument, NULL, O_CCI},
    {"max-requests-per-socket", required_argument, NULL, O_MRPS},
    {"max-headers-count", required_argument, NULL, O_MHC},
    {"no-delay", required_argument, NULL, O_NODELAY},
    {"keep-alive", no_argument, NULL, O_KA},
    {"keep-alive-initial-delay", required_argument, NULL, O_KAID},
    {"unique-headers", required_argument, NULL, O_UNIQUE},
    {"reject-non-standard-body-writes", no_argument, NULL, O_RNSBW},
    {"timeout", required_argument, NULL, O_TIMEOUT},
    {NULL, 0, NULL, 0}};

/* The --unique-headers list as spans into `list` (kept by the caller). */
static size_t split_names(char *list, struct h1_span *out, size_t cap) {
  size_t n = 0;
  char *save = NULL, *t;
  for (t = strtok_r(list, ",", &save); t != NULL && n < cap;
       t = strtok_r(NULL, ",", &save)) {
    out[n].ptr = t;
    out[n].len = strlen(t);
    n++;
  }
  return n;
}

/* --- Signals ------------------------------------------------------------- */

/* The first signal closes the server (Node's server.close()); connections
 * still busy GRACE_MS later, or at a second signal, are closed.  SIGUSR1 is
 * main's "the server has stopped": the thread returns and main joins it
 * before it frees the server, which the thread must not touch after. */
#define GRACE_MS 5000

static void signal_set(sigset_t *set) {
  sigemptyset(set);
  sigaddset(set, SIGINT);
  sigaddset(set, SIGTERM);
  sigaddset(set, SIGUSR1);
}

static void *signals(void *arg) {
  h1_http_server *s = arg;
  sigset_t set;
  struct timespec grace;
  int sig;
  signal_set(&set);
  while (sigwait(&set, &sig) != 0)
    ;
  if (sig == SIGUSR1)
    return NULL;
  h1_http_server_close(s);
  grace.tv_sec = GRACE_MS / 1000;
  grace.tv_nsec = (GRACE_MS % 1000) * 1000000L;
  if (sigtimedwait(&set, NULL, &grace) == SIGUSR1)
    return NULL;
  h1_http_server_close_all_connections(s);
  return NULL;
}

/* --- The command --------------------------------------------------------- */

static int serve_main(int argc, char **argv) {
  static struct h1_span unique[64];
  struct h1_http_config cfg;
  struct serve_app app;
  const char *host = "127.0.0.1", *port = "8080";
  char err[256];
  h1_http_server *s;
  sigset_t set;
  pthread_t sig_thread;
  unsigned long long v;
  int c, modes = 0, status = 0;

  h1_http_config_default(&cfg);
  memset(&app, 0, sizeof app);
  while ((c = cli_getopt(&cli_serve, argc, argv, "", serve_options, &status)) !=
         -1) {
    switch (c) {
    case CLI_OPT_EXIT:
      return status;
    case O_ECHO_JSON:
      app.mode = SERVE_ECHO_JSON;
      modes++;
      break;
    case O_ECHO_RAW:
      app.mode = SERVE_ECHO_RAW;
      modes++;
      break;
    case O_STATIC:
      app.mode = SERVE_STATIC;
      app.root = optarg;
      modes++;
      break;
    case O_HELLO:
      app.mode = SERVE_HELLO;
      modes++;
      break;
    case O_HOST:
      host = optarg;
      break;
    case O_PORT:
      port = optarg;
      break;
    case O_THREADS:
      if (cli_number(optarg, 1024, &v) != 0 || v == 0)
        return serve_error("--threads needs a number from 1 to 1024");
      cfg.threads = (unsigned)v;
      break;
    case O_LOG:
      app.log = 1;
      break;
    case O_CERT:
      cfg.tls_cert = optarg;
      break;
    case O_KEY:
      cfg.tls_key = optarg;
      break;
    case O_PROFILE:
      if (strcmp(optarg, "node") == 0)
        cfg.http.profile = H1_PROFILE_NODE;
      else if (strcmp(optarg, "strict") == 0)
        cfg.http.profile = H1_PROFILE_STRICT;
      else
        return serve_error("--profile is node or strict");
      break;
    case O_MHS:
      if (cli_number(optarg, 1u << 30, &v) != 0 || v == 0)
        return serve_error("--max-header-size needs a positive number");
      cfg.http.max_header_size = (uint32_t)v;
      break;
    case O_INSECURE:
      cfg.http.lenient = H1_LENIENT_ALL;
      break;
    case O_JOIN:
      cfg.http.join_duplicate_headers = 1;
      break;
    case O_NO_HOST:
      cfg.http.require_host_header = 0;
      break;
    case O_HOST_REQ:
      cfg.http.require_host_header = 1;
      break;
    case O_HT:
    case O_RT:
    case O_KAT:
    case O_CCI:
    case O_KAID:
    case O_TIMEOUT:
    case O_MRPS:
      if (cli_number(optarg, UINT32_MAX, &v) != 0)
        return serve_error("a time (ms) or count must be a number");
      if (c == O_HT)
        cfg.http.headers_timeout = (uint32_t)v;
      else if (c == O_RT)
        cfg.http.request_timeout = (uint32_t)v;
      else if (c == O_KAT)
        cfg.http.keep_alive_timeout = (uint32_t)v;
      else if (c == O_CCI)
        cfg.http.connections_checking_interval = (uint32_t)v;
      else if (c == O_KAID)
        cfg.keep_alive_initial_delay = (uint32_t)v;
      else if (c == O_TIMEOUT)
        cfg.timeout = (uint32_t)v;
      else
        cfg.http.max_requests_per_socket = (uint32_t)v;
      break;
    case O_MHC:
      if (cli_number(optarg, INT32_MAX, &v) != 0)
        return serve_error("--max-headers-count needs a number");
      cfg.http.max_headers_count = (int64_t)v;
      break;
    case O_NODELAY:
      if (cli_number(optarg, 1, &v) != 0)
        return serve_error("--no-delay is 0 or 1");
      cfg.no_delay = (int)v;
      break;
    case O_KA:
      cfg.keep_alive = 1;
      break;
    case O_UNIQUE:
      cfg.http.unique_headers = unique;
      cfg.http.nunique = split_names(optarg, unique, 64);
      break;
    case O_RNSBW:
      cfg.http.reject_non_standard_body_writes = 1;
      break;
    default:
      return serve_error("unknown option");
    }
  }
  if (optind != argc)
    return serve_error("no operands");
  if (modes != 1)
    return serve_error(
        "one of --echo-json, --echo-raw, --static, --hello is needed");
  if ((cfg.tls_cert == NULL) != (cfg.tls_key == NULL))
    return serve_error("--tls-cert and --tls-key go together");
  serve_app_config(&app, &cfg);

  /* SIGINT / SIGTERM (and main's SIGUSR1) reach only the signal thread */
  signal_set(&set);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  signal(SIGPIPE, SIG_DFL);

  s = h1_http_server_create(&cfg, err, sizeof err);
  if (s == NULL || h1_http_server_listen(s, host, port, err, sizeof err)) {
    fprintf(stderr, "h1: %s\n", err);
    h1_http_server_free(s);
    return 1;
  }
  if (strcmp(port, "0") == 0)
    printf("listening %s:%u\n", host, h1_http_server_port(s));
  fflush(stdout);
  if (pthread_create(&sig_thread, NULL, signals, s) != 0) {
    h1_http_server_free(s);
    return 1;
  }
  h1_http_server_wait(s);
  pthread_kill(sig_thread, SIGUSR1);
  pthread_join(sig_thread, NULL);
  h1_http_server_free(s);
  return 0;
}
