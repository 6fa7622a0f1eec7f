/*
 * ws.c -- `h1 ws URL`: a WebSocket client in the manner of websocat, over
 * h1's client (h1_wsnet.h), with Node 20's WebSocket semantics.  Lines of
 * standard input are sent as messages; messages received are printed one
 * per line (or every event as a JSON line with --events).  Application
 * code only: every protocol decision is the library's.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <h1/h1_wsnet.h>

#include "cli.h"
#include "json.h"

static const char ws_usage[] =
    "usage: h1 ws [-p PROTOCOL]... [-b] [-k] [--cacert FILE] [--events]\n"
    "         [--expect N] [--close-code CODE] [--close-reason TEXT]\n"
    "         [--no-close] [--connect-timeout MS] [--max-payload N]\n"
    "         [--strict-length] URL\n"
    "Connects to URL (ws:// or wss://) as Node.js 20's WebSocket does, sends\n"
    "each line of standard input (without its newline) as a text message\n"
    "(-b: binary), and prints each message received followed by a newline.\n"
    "At the end of input it waits for --expect N messages in all, then\n"
    "calls close(CODE, TEXT) (no code: an empty close frame) unless\n"
    "--no-close, and exits once the connection is closed.\n"
    "  -p, --protocol NAME   offer subprotocol NAME (repeatable)\n"
    "  -b, --binary          send lines as binary messages\n"
    "  -k, --insecure        wss: do not verify the server's certificate\n"
    "      --cacert FILE     wss: verify against the CAs in FILE (PEM)\n"
    "      --events          print every event (open, message, error, close)\n"
    "                        as a JSON line; message data in base64\n"
    "      --expect N        wait for N messages before closing\n"
    "      --close-code CODE, --close-reason TEXT   what close() gets\n"
    "      --no-close        never close: wait for the server to\n"
    "      --max-payload N   the largest message (default 2^31 - 1, as\n"
    "                        Node); a larger one fails the connection\n"
    "      --strict-length   refuse lengths in a longer form than needed\n"
    "                        (Node accepts them)\n"
    "Exit status: 0 closed cleanly with code 1000 or 1005; 1 the connection\n"
    "or its handshake failed (no 'open'); 3 closed without a clean closing\n"
    "handshake (1006: reset, protocol error); 4 closed cleanly with another\n"
    "code; 2 usage error.\n";

static int ws_main(int argc, char **argv);

const struct cli_command cli_ws = {
    "ws", "a WebSocket client as Node's WebSocket (websocat-like)", ws_usage,
    ws_main};

enum {
  O_CACERT = 256,
  O_EVENTS,
  O_EXPECT,
  O_CODE,
  O_REASON,
  O_NOCLOSE,
  O_CT,
  O_MAX,
  O_STRICT
};

static const struct option ws_options[] = {
    {"protocol", required_argument, NULL, 'p'},
    {"binary", no_argument, NULL, 'b'},
    {"insecure", no_argument, NULL, 'k'},
    {"cacert", required_argument, NULL, O_CACERT},
    {"events", no_argument, NULL, O_EVENTS},
    {"expect", required_argument, NULL, O_EXPECT},
    {"close-code", required_argument, NULL, O_CODE},
    {"close-reason", required_argument, NULL, O_REASON},
    {"no-close", no_argument, NULL, O_NOCLOSE},
    {"connect-timeout", required_argument, NULL, O_CT},
    {"max-payload", required_argument, NULL, O_MAX},
    {"strict-length", no_argument, NULL, O_STRICT},
    {NULL, 0, NULL, 0}};

/* What the events tell the thread that reads standard input. */
struct session {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int opened, finished;
  unsigned long long received;
  int events; /* --events */
  int binary;
  unsigned long long expect;
  int no_close;
  unsigned code;
  const char *reason;
  /* the outcome */
  int was_open;
  unsigned close_code;
  int was_clean;
  h1_wsc *ws;
};

static void emit(struct buf *b) {
  fwrite(b->ptr, 1, b->len, stdout);
  fflush(stdout);
  buf_free(b);
}

static void on_open(void *ud, h1_wsc *ws) {
  struct session *s = ud;
  if (s->events) {
    struct buf b = {0};
    buf_puts(&b, "{\"ev\":\"open\",\"protocol\":");
    json_utf8(&b, h1_wsc_protocol(ws), strlen(h1_wsc_protocol(ws)));
    buf_puts(&b, ",\"extensions\":\"\"}\n");
    emit(&b);
  }
  pthread_mutex_lock(&s->mu);
  s->opened = s->was_open = 1;
  pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
}

static void on_message(void *ud, h1_wsc *ws, int binary, const void *data,
                       size_t len) {
  struct session *s = ud;
  struct buf b = {0};
  (void)ws;
  if (s->events) {
    buf_printf(&b, "{\"ev\":\"message\",\"binary\":%s,\"data\":\"",
               binary ? "true" : "false");
    buf_base64(&b, data, len);
    buf_puts(&b, "\"}\n");
  } else {
    buf_put(&b, data, len);
    buf_put(&b, "\n", 1);
  }
  emit(&b);
  pthread_mutex_lock(&s->mu);
  s->received++;
  pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
}

static void on_error(void *ud, h1_wsc *ws, const char *message) {
  struct session *s = ud;
  (void)ws;
  if (s->events) {
    struct buf b = {0};
    buf_puts(&b, "{\"ev\":\"error\",\"message\":");
    json_utf8(&b, message, strlen(message));
    buf_puts(&b, "}\n");
    emit(&b);
  } else {
    fprintf(stderr, "h1 ws: error: %s\n", message);
  }
}

static void on_close(void *ud, h1_wsc *ws, unsigned code, const char *reason,
                     size_t len, int clean) {
  struct session *s = ud;
  (void)ws;
  if (s->events) {
    struct buf b = {0};
    buf_printf(&b, "{\"ev\":\"close\",\"code\":%u,\"reason\":", code);
    json_utf8(&b, reason, len);
    buf_printf(&b, ",\"wasClean\":%s}\n", clean ? "true" : "false");
    emit(&b);
  }
  pthread_mutex_lock(&s->mu);
  s->finished = 1;
  s->close_code = code;
  s->was_clean = clean;
  pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
}

static int finished(struct session *s) {
  int f;
  pthread_mutex_lock(&s->mu);
  f = s->finished;
  pthread_mutex_unlock(&s->mu);
  return f;
}

/* Standard input: one message per line, then the close. */
static void *input(void *arg) {
  struct session *s = arg;
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  pthread_mutex_lock(&s->mu);
  while (!s->opened && !s->finished)
    pthread_cond_wait(&s->cv, &s->mu);
  pthread_mutex_unlock(&s->mu);
  while (!finished(s) && (n = getline(&line, &cap, stdin)) >= 0) {
    if (n > 0 && line[n - 1] == '\n')
      n--;
    if (h1_wsc_send(s->ws, s->binary, line, (size_t)n) != 0)
      fprintf(stderr, "h1 ws: cannot send a %s message (not valid UTF-8?)\n",
              s->binary ? "binary" : "text");
  }
  free(line);
  pthread_mutex_lock(&s->mu);
  while (s->received < s->expect && !s->finished)
    pthread_cond_wait(&s->cv, &s->mu);
  pthread_mutex_unlock(&s->mu);
  if (!s->no_close) {
    struct h1_wsc_error err;
    const char *r = s->reason != NULL ? s->reason : "";
    if (h1_wsc_close(s->ws, s->code, r, strlen(r), &err) != 0)
      fprintf(stderr, "h1 ws: close: %s: %s\n", err.code, err.message);
  }
  return NULL;
}

static int ws_main(int argc, char **argv) {
  static const char *protocols[32];
  struct h1_wsc_options o;
  struct h1_wsc_events ev;
  struct h1_wsc_error err;
  static struct session s; /* outlives main: the input thread may run on */
  pthread_t tid;
  struct timespec until;
  unsigned long long v;
  int c, status = 0;

  h1_wsc_options_default(&o);
  memset(&s, 0, sizeof s);
  memset(&ev, 0, sizeof ev);
  o.protocols = protocols;
  while ((c = cli_getopt(&cli_ws, argc, argv, "p:bk", ws_options, &status)) !=
         -1) {
    switch (c) {
    case CLI_OPT_EXIT:
      return status;
    case 'p':
      if (o.nprotocols == sizeof protocols / sizeof protocols[0])
        return cli_usage_error(&cli_ws, "32 protocols at most");
      protocols[o.nprotocols++] = optarg;
      break;
    case 'b':
      s.binary = 1;
      break;
    case 'k':
      o.reject_unauthorized = 0;
      break;
    case O_CACERT:
      o.ca_file = optarg;
      break;
    case O_EVENTS:
      s.events = 1;
      break;
    case O_EXPECT:
      if (cli_number(optarg, UINT32_MAX, &v) != 0)
        return cli_usage_error(&cli_ws, "--expect needs a number");
      s.expect = v;
      break;
    case O_CODE:
      if (cli_number(optarg, 65535, &v) != 0)
        return cli_usage_error(&cli_ws, "--close-code needs a number");
      s.code = (unsigned)v;
      break;
    case O_REASON:
      s.reason = optarg;
      break;
    case O_NOCLOSE:
      s.no_close = 1;
      break;
    case O_CT:
      if (cli_number(optarg, UINT32_MAX, &v) != 0)
        return cli_usage_error(&cli_ws, "--connect-timeout needs a number");
      o.connect_timeout = (uint32_t)v;
      break;
    case O_MAX:
      if (cli_number(optarg, UINT64_MAX, &v) != 0)
        return cli_usage_error(&cli_ws, "--max-payload needs a number");
      o.max_message = v;
      break;
    case O_STRICT:
      o.strict_length = 1;
      break;
    default:
      return cli_usage_error(&cli_ws, "unknown option");
    }
  }
  if (optind + 1 != argc)
    return cli_usage_error(&cli_ws, "one URL is needed");

  pthread_mutex_init(&s.mu, NULL);
  pthread_cond_init(&s.cv, NULL);
  ev.on_open = on_open;
  ev.on_message = on_message;
  ev.on_error = on_error;
  ev.on_close = on_close;
  ev.ud = &s;
  s.ws = h1_wsc_connect(argv[optind], &o, &ev, &err);
  if (s.ws == NULL) {
    if (s.events)
      printf("{\"ev\":\"throw\",\"name\":\"%s\"}\n", err.code);
    fprintf(stderr, "h1 ws: %s: %s\n", err.code, err.message);
    return 1;
  }
  if (pthread_create(&tid, NULL, input, &s) != 0) {
    h1_wsc_free(s.ws);
    return 2;
  }
  (void)h1_wsc_run(s.ws);
  pthread_mutex_lock(&s.mu);
  s.finished = 1; /* a failed handshake has no 'close' */
  pthread_cond_broadcast(&s.cv);
  pthread_mutex_unlock(&s.mu);
  /* The input thread ends soon unless it waits on standard input: wait a
   * little for it (its OpenSSL thread state is freed as it ends), then
   * exit without it. */
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_sec += 2;
  (void)pthread_timedjoin_np(tid, NULL, &until);
  fflush(stdout);
  if (!s.was_open)
    return 1;
  if (!s.was_clean)
    return 3;
  return s.close_code == 1000 || s.close_code == 1005 ? 0 : 4;
}
