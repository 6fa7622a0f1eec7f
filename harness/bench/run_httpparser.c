/*
 * run_httpparser.c -- http-parser 2.9.4's runner (Debian's
 * libhttp-parser-dev: its static library, built with Debian's flags, not
 * ours).  Callbacks collect every span (collect.c).
 */
#include <http_parser.h>

#include "bench.h"

static http_parser_settings settings;

BENCH_COLLECT_CALLBACKS(http_parser, http_parser_settings)

void bench_httpparser_setup(void) {
  http_parser_settings_init(&settings);
  use_callbacks(&settings);
}

int run_httpparser(const struct bench_input *in, struct tally *t) {
  static struct collect c;
  http_parser p;
  size_t n;
  collect_start(&c, t);
  http_parser_init(&p, in->response ? HTTP_RESPONSE : HTTP_REQUEST);
  p.data = &c;
  n = http_parser_execute(&p, &settings, in->data, in->len);
  if (HTTP_PARSER_ERRNO(&p) != HPE_OK)
    return -1;
  t->consumed += n;
  return 0;
}
