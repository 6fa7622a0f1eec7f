/*
 * run_h1.c -- h1's runners: tokenizing only (events and spans, what
 * h1_execute hands over), and the same with Node's message view built for
 * every head (h1_view_build: lower-cased keys, duplicates merged).
 */
#include <string.h>

#include "bench.h"
#include "h1/h1.h"

static struct h1_header slots[256];
static char arena[4096];
static struct h1_view_entry entries[256];
static char view_buf[8192];
static volatile size_t view_sink;

static int run(const struct bench_input *in, struct tally *t, int view) {
  struct h1_settings set;
  h1_parser p;
  struct h1_event ev;
  size_t off = 0, k, need;
  memset(&set, 0, sizeof set);
  set.type = in->response ? H1_RESPONSE : H1_REQUEST;
  set.request_method = H1_METHOD_GET;
  h1_parser_init(&p, &set, slots, sizeof slots / sizeof slots[0], arena,
                 sizeof arena);
  for (;;) {
    off += h1_execute(&p, in->data + off, in->len - off, &ev);
    switch (ev.type) {
    case H1_EV_HEAD:
      t->spans += in->response ? p.msg.reason.len : p.msg.url.len;
      for (k = 0; k < p.msg.num_headers; k++)
        BENCH_LINE(t, p.msg.headers[k].name.len, p.msg.headers[k].value.len);
      if (view)
        view_sink += h1_view_build(p.msg.headers, p.msg.num_headers, 0, entries,
                                   256, view_buf, sizeof view_buf, &need);
      break;
    case H1_EV_BODY:
      t->body += ev.data.len;
      break;
    case H1_EV_MESSAGE_END:
      t->messages++;
      break;
    case H1_EV_NONE:
      t->consumed += off;
      return 0;
    default:
      return -1;
    }
  }
}

int run_h1(const struct bench_input *in, struct tally *t) {
  return run(in, t, 0);
}

int run_h1_view(const struct bench_input *in, struct tally *t) {
  return run(in, t, 1);
}
