/* serve.h -- the applications `h1 serve` runs (serve_app.c, static.c). */
#ifndef H1_CLI_SERVE_H
#define H1_CLI_SERVE_H

#include <h1/h1_http.h>

enum serve_mode {
  SERVE_ECHO_JSON = 1,
  SERVE_ECHO_RAW,
  SERVE_STATIC,
  SERVE_HELLO,
  SERVE_WS_ECHO
};

struct serve_app {
  enum serve_mode mode;
  const char *root;          /* --static DIR */
  int log;                   /* --log */
  int64_t max_headers_count; /* for rawHeaders */
  /* --ws-echo */
  const char *ws_protocols[32]; /* --ws-protocol, in order of preference */
  size_t ws_nprotocols;
  uint64_t ws_max_payload;   /* --ws-max-payload, 0: ws's 100 MiB */
  uint32_t ws_ping_interval; /* --ws-ping-interval ms, 0: none */
  int ws_strict_length;      /* --ws-strict-length */
};

/* Sets the handler and hooks of `app` in cfg (cfg->ud = app). */
void serve_app_config(struct serve_app *app, struct h1_http_config *cfg);

/* static.c: the --static handler. */
void serve_static(const char *root, h1_req *req, h1_res *res);

/* serve_ws.c: --ws-echo's plain requests (426) and upgrades. */
void serve_ws_plain(h1_req *req, h1_res *res);
void serve_ws_upgrade(const struct serve_app *app, h1_req *req, h1_sock *sock,
                      const char *head, size_t len);

#endif
