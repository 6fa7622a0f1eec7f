/*
 * run_llhttp.c -- llhttp's runner: the C sources Debian's node-llhttp ships
 * (8.1.0; Node 20 embeds 9.3.1 of the same generator), built by CMake with
 * the flags h1 is built with.  Callbacks collect every span (collect.c).
 */
#include "bench.h"
#include "llhttp.h"

static llhttp_settings_t settings;

BENCH_COLLECT_CALLBACKS(llhttp_t, llhttp_settings_t)

void bench_llhttp_setup(void) {
  llhttp_settings_init(&settings);
  use_callbacks(&settings);
}

const char *bench_llhttp_version(void) {
#define STR2(x) #x
#define STR(x) STR2(x)
  return STR(LLHTTP_VERSION_MAJOR) "." STR(LLHTTP_VERSION_MINOR) "." STR(
      LLHTTP_VERSION_PATCH);
}

int run_llhttp(const struct bench_input *in, struct tally *t) {
  static struct collect c;
  llhttp_t p;
  collect_start(&c, t);
  llhttp_init(&p, in->response ? HTTP_RESPONSE : HTTP_REQUEST, &settings);
  p.data = &c;
  if (llhttp_execute(&p, in->data, in->len) != HPE_OK)
    return -1;
  t->consumed += in->len;
  return 0;
}
