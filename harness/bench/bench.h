/*
 * bench.h -- what the parser benchmark's pieces share: the inputs, the
 * tally every parser fills in the same way, and the runners.
 *
 * A runner parses one input once, from a fresh parser to the end of the
 * input, and adds what it saw to a tally: messages completed, bytes
 * consumed, header lines, body bytes, and the summed lengths of every span
 * it reported (target or reason, names, values).  Every runner collects the
 * same spans, so none wins by doing less; bench.c checks once per parser and
 * input that all tallies agree before timing anything.
 */
#ifndef H1_BENCH_H
#define H1_BENCH_H

#include <stddef.h>

struct bench_input {
  const char *id;    /* short name for --one and the JSON */
  const char *label; /* for the tables */
  const char *data;
  size_t len;
  int response;    /* 1: responses (to GET), 0: requests */
  size_t messages; /* messages in data */
};

struct tally {
  size_t messages;
  size_t consumed;
  size_t headers;
  size_t body;
  size_t spans; /* bytes of every span reported */
};

/* Parses `in` once; adds to `t`.  0, or -1 when the parser reported an
 * error. */
typedef int (*bench_runner)(const struct bench_input *in, struct tally *t);

struct bench_parser {
  const char *id;
  const char *label;  /* for the time tables */
  const char *abbrev; /* for the ratio columns of the instruction table */
  bench_runner run;
};

int run_h1(const struct bench_input *in, struct tally *t);
int run_h1_view(const struct bench_input *in, struct tally *t);
int run_llhttp(const struct bench_input *in, struct tally *t);
int run_httpparser(const struct bench_input *in, struct tally *t);
int run_pico(const struct bench_input *in, struct tally *t);
/* pico built with -msse4.2 from Debian's h2o source (H1_BENCH_PICO_SSE42) */
int run_pico_sse42(const struct bench_input *in, struct tally *t);
/* Copies n bytes into pico's scratch buffer (its in-place chunked decoder
 * works there): timed alone by bench.c, to tell the copy's share. */
size_t bench_copy(const char *d, size_t n);
void bench_llhttp_setup(void);
void bench_httpparser_setup(void);
const char *bench_llhttp_version(void);

/* What the callback parsers (llhttp, http-parser) collect while a head is
 * parsed: the spans h1 and picohttpparser hand over in an array. */
struct collect {
  struct {
    const char *ptr;
    size_t len;
  } name[256], value[256];
  size_t lines;
  const char *target; /* URL or reason phrase */
  size_t target_len;
  struct tally *t;
};
/* A new message stream: spans go to `t`. */
void collect_start(struct collect *c, struct tally *t);
void collect_target(struct collect *c, const char *at, size_t n);
void collect_name(struct collect *c, const char *at, size_t n);
void collect_value(struct collect *c, const char *at, size_t n);
/* The head is complete: hands the spans to the tally, as every runner
 * does, and starts the next head. */
void collect_head(struct collect *c);

/*
 * The callbacks of a parser of type P (llhttp_t, http_parser) whose data
 * field points to a struct collect, and use_callbacks(settings) to set
 * them: llhttp and http-parser name their callbacks alike.
 */
#define BENCH_COLLECT_CALLBACKS(P, S)                                          \
  static struct collect *of(P *p) {                                            \
    return p->data;                                                            \
  }                                                                            \
  static int on_target(P *p, const char *at, size_t n) {                       \
    collect_target(of(p), at, n);                                              \
    return 0;                                                                  \
  }                                                                            \
  static int on_name(P *p, const char *at, size_t n) {                         \
    collect_name(of(p), at, n);                                                \
    return 0;                                                                  \
  }                                                                            \
  static int on_value(P *p, const char *at, size_t n) {                        \
    collect_value(of(p), at, n);                                               \
    return 0;                                                                  \
  }                                                                            \
  static int on_head(P *p) {                                                   \
    collect_head(of(p));                                                       \
    return 0;                                                                  \
  }                                                                            \
  static int on_body(P *p, const char *at, size_t n) {                         \
    (void)at;                                                                  \
    of(p)->t->body += n;                                                       \
    return 0;                                                                  \
  }                                                                            \
  static int on_done(P *p) {                                                   \
    of(p)->t->messages++;                                                      \
    return 0;                                                                  \
  }                                                                            \
  static void use_callbacks(S *s) {                                            \
    s->on_url = on_target;                                                     \
    s->on_status = on_target;                                                  \
    s->on_header_field = on_name;                                              \
    s->on_header_value = on_value;                                             \
    s->on_headers_complete = on_head;                                          \
    s->on_body = on_body;                                                      \
    s->on_message_complete = on_done;                                          \
  }

/* The inputs, built once by bench_inputs(); *n receives their count. */
const struct bench_input *bench_inputs(size_t *n);

/* Adds one reported header line to a tally, as every runner does. */
#define BENCH_LINE(t, name_len, value_len)                                     \
  ((t)->headers++, (t)->spans += (name_len) + (value_len))

#endif /* H1_BENCH_H */
