/* serve.h -- the applications `h1 serve` runs (serve_app.c, static.c). */
#ifndef H1_CLI_SERVE_H
#define H1_CLI_SERVE_H

#include <h1/h1_http.h>

enum serve_mode {
  SERVE_ECHO_JSON = 1,
  SERVE_ECHO_RAW,
  SERVE_STATIC,
  SERVE_HELLO
};

struct serve_app {
  enum serve_mode mode;
  const char *root;          /* --static DIR */
  int log;                   /* --log */
  int64_t max_headers_count; /* for rawHeaders */
};

/* Sets the handler and hooks of `app` in cfg (cfg->ud = app). */
void serve_app_config(struct serve_app *app, struct h1_http_config *cfg);

/* static.c: the --static handler. */
void serve_static(const char *root, h1_req *req, h1_res *res);

#endif
