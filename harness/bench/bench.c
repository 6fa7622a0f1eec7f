/*
 * bench.c -- h1's parser against llhttp, http-parser and picohttpparser
 * (Debian's build, and an SSE4.2 build where ci/bench could fetch its
 * source) in one process, on the seven inputs of inputs.c.  A measurement,
 * never a pass/fail.
 *
 *   h1_bench [--quick] [--rounds N] [--ms T] [--json FILE]
 *       wall clock: every parser is first checked on every input (messages,
 *       bytes consumed, header lines, body bytes and span bytes must agree
 *       with h1's), then timed in interleaved rounds: in each round every
 *       input is parsed by every parser in turn (the order rotates between
 *       rounds), a batch of T ms each (31 rounds of 5 ms; --quick: 11 of
 *       2 ms), timed by the thread's CPU clock.  Prints ns per message
 *       (median and interquartile range over the rounds) and h1's speedup
 *       over each peer (the median of the per-round ratios, and their
 *       interquartile range); writes them and every sample to FILE.
 *   h1_bench --instructions ITERS
 *       for `valgrind --tool=callgrind`: ITERS runs of every parser on every
 *       input, each pair between a zeroing and a dump of callgrind's
 *       counters named "PARSER INPUT" (ci/bench --instructions reads them).
 *   h1_bench --report-instructions FILE ITERS [--json FILE]
 *       the table of those counts (FILE: lines "PARSER INPUT COUNT").
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_ZERO_STATS
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(s) ((void)(s))
#endif

#include "bench.h"

#define MAX_INPUTS 8
#define MAX_ROUNDS 101

/* h1's two runners first, then the peers (the ratio columns). */
static const struct bench_parser parsers[] = {
    {"h1", "h1", "h1", run_h1},
    {"h1_view", "h1+view", "h1+view", run_h1_view},
    {"llhttp", "llhttp", "llhttp", run_llhttp},
    {"http_parser", "http-parser", "http-p.", run_httpparser},
    {"pico", "pico-noSSE4.2", "pico", run_pico},
#ifdef H1_BENCH_PICO_SSE42
    {"pico_sse42", "pico-SSE4.2", "pico4.2", run_pico_sse42},
#endif
};
#define NPARSERS ((int)(sizeof parsers / sizeof parsers[0]))
#define COPY NPARSERS /* the extra column: pico's body copy alone */

static const struct bench_input *inputs;
static size_t ninputs;

/* samples[input][parser][round]: ns per message */
static double samples[MAX_INPUTS][NPARSERS + 1][MAX_ROUNDS];

/* The thread's CPU time: on a shared machine, time spent descheduled is
 * left out (caches disturbed by other jobs are not). */
static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int verify(void) {
  size_t i, j;
  int bad = 0;
  for (i = 0; i < ninputs; i++) {
    const struct bench_input *in = &inputs[i];
    struct tally ref;
    for (j = 0; j < NPARSERS; j++) {
      struct tally t;
      memset(&t, 0, sizeof t);
      if (parsers[j].run(in, &t) != 0 || t.messages != in->messages ||
          t.consumed != in->len ||
          (j > 0 && (t.headers != ref.headers || t.body != ref.body ||
                     t.spans != ref.spans))) {
        fprintf(stderr,
                "bench: %s on %s: %zu messages, %zu of %zu bytes, %zu lines,"
                " %zu body bytes, %zu span bytes (expected %zu messages)\n",
                parsers[j].id, in->id, t.messages, t.consumed, in->len,
                t.headers, t.body, t.spans, in->messages);
        bad = 1;
      }
      if (j == 0)
        ref = t;
    }
  }
  return bad ? -1 : 0;
}

/* One batch: `iters` parses of `in`; ns per message. */
static double batch(int p, const struct bench_input *in, long iters) {
  struct tally t;
  double t0;
  long it;
  memset(&t, 0, sizeof t);
  t0 = now_ns();
  for (it = 0; it < iters; it++) {
    if (p == COPY)
      t.messages += bench_copy(in->data, in->len) == in->len;
    else if (parsers[p].run(in, &t) != 0)
      break;
  }
  t0 = now_ns() - t0;
  if (p != COPY && t.messages != in->messages * (size_t)iters) {
    fprintf(stderr, "bench: %s failed on %s while timed\n", parsers[p].id,
            in->id);
    exit(2);
  }
  return t0 / (double)iters / (double)in->messages;
}

/* Iterations of h1 filling about `ms` milliseconds on `in`. */
static long calibrate(const struct bench_input *in, double ms) {
  long iters = 16;
  double ns;
  for (;;) {
    ns = batch(0, in, iters) * (double)in->messages * (double)iters;
    if (ns > 2e6 || iters > (1L << 26))
      break;
    iters *= 4;
  }
  iters = (long)((double)iters * ms * 1e6 / ns);
  return iters < 1 ? 1 : iters;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

struct stats {
  double median, q1, q3, min, max;
};

/* Quantile q of sorted v[0..n), interpolated. */
static double quantile(const double *v, int n, double q) {
  double pos = q * (n - 1);
  int lo = (int)pos;
  if (lo + 1 >= n)
    return v[n - 1];
  return v[lo] + (v[lo + 1] - v[lo]) * (pos - lo);
}

static struct stats stats_of(const double *v, int n) {
  double s[MAX_ROUNDS];
  struct stats st;
  memcpy(s, v, (size_t)n * sizeof s[0]);
  qsort(s, (size_t)n, sizeof s[0], cmp_double);
  st.median = quantile(s, n, 0.5);
  st.q1 = quantile(s, n, 0.25);
  st.q3 = quantile(s, n, 0.75);
  st.min = s[0];
  st.max = s[n - 1];
  return st;
}

/* h1's speedup over `peer` on input i: per-round ratios peer / h1. */
static struct stats ratio(size_t i, int h1, int peer, int rounds) {
  double r[MAX_ROUNDS];
  int k;
  for (k = 0; k < rounds; k++)
    r[k] = samples[i][peer][k] / samples[i][h1][k];
  return stats_of(r, rounds);
}

static void load(char *buf, size_t n) {
  FILE *f = fopen("/proc/loadavg", "r");
  buf[0] = '\0';
  if (f != NULL) {
    if (fgets(buf, (int)n, f) != NULL)
      buf[strcspn(buf, "\n")] = '\0';
    fclose(f);
  }
}

static void json_stats(FILE *f, const char *key, struct stats s) {
  fprintf(f,
          "\"%s\": {\"median\": %.3f, \"q1\": %.3f, \"q3\": %.3f, "
          "\"min\": %.3f, \"max\": %.3f}",
          key, s.median, s.q1, s.q3, s.min, s.max);
}

static void json_head(FILE *f, const char *mode) {
  size_t i;
  int j;
  fprintf(f, "{\"mode\": \"%s\", \"llhttp\": \"%s\",\n \"inputs\": [", mode,
          bench_llhttp_version());
  for (i = 0; i < ninputs; i++)
    fprintf(f,
            "%s\n  {\"id\": \"%s\", \"label\": \"%s\", \"bytes\": %zu, "
            "\"messages\": %zu}",
            i ? "," : "", inputs[i].id, inputs[i].label, inputs[i].len,
            inputs[i].messages);
  fprintf(f, "],\n \"parsers\": [");
  for (j = 0; j < NPARSERS; j++)
    fprintf(f, "%s\"%s\"", j ? ", " : "", parsers[j].id);
  fprintf(f, "],\n");
}

static int write_json(const char *path, int rounds, double ms,
                      const char *load0, const char *load1) {
  FILE *f = fopen(path, "w");
  size_t i;
  int j, h, k;
  if (f == NULL) {
    perror(path);
    return -1;
  }
  json_head(f, "wall");
  fprintf(f,
          " \"rounds\": %d, \"batch_ms\": %.1f, \"loadavg_before\": \"%s\", "
          "\"loadavg_after\": \"%s\",\n \"ns_per_message\": [",
          rounds, ms, load0, load1);
  for (i = 0; i < ninputs; i++)
    for (j = 0; j <= NPARSERS; j++) {
      if (j == COPY && strcmp(inputs[i].id, "chunked4k") != 0)
        continue;
      fprintf(f, "%s\n  {\"input\": \"%s\", \"parser\": \"%s\", ",
              i + j ? "," : "", inputs[i].id,
              j == COPY ? "copy" : parsers[j].id);
      json_stats(f, "ns", stats_of(samples[i][j], rounds));
      fprintf(f, ", \"samples\": [");
      for (k = 0; k < rounds; k++)
        fprintf(f, "%s%.2f", k ? ", " : "", samples[i][j][k]);
      fprintf(f, "]}");
    }
  fprintf(f, "],\n \"speedup\": [");
  for (i = 0; i < ninputs; i++)
    for (h = 0; h < 2; h++)
      for (j = 2; j < NPARSERS; j++) {
        fprintf(f,
                "%s\n  {\"input\": \"%s\", \"h1\": \"%s\", \"peer\": \"%s\", ",
                i + (size_t)h + (size_t)j > 2 ? "," : "", inputs[i].id,
                parsers[h].id, parsers[j].id);
        json_stats(f, "x", ratio(i, h, j, rounds));
        fprintf(f, "}");
      }
  fprintf(f, "]}\n");
  fclose(f);
  return 0;
}

static void print_wall(int rounds, double ms) {
  size_t i;
  int j, h;
  printf("%-20s %6s", "ns per message", "bytes");
  for (j = 0; j < NPARSERS; j++)
    printf(" %15s", parsers[j].label);
  printf("\n");
  for (i = 0; i < ninputs; i++) {
    printf("%-20s %6zu", inputs[i].label, inputs[i].len);
    for (j = 0; j < NPARSERS; j++) {
      struct stats s = stats_of(samples[i][j], rounds);
      printf(" %8.1f +-%3.0f%%", s.median, 50.0 * (s.q3 - s.q1) / s.median);
    }
    printf("\n");
  }
  printf("thread CPU time, median of %d interleaved rounds of %.0f ms per "
         "parser and\ninput; +-: half the interquartile range.\n\n",
         rounds, ms);
  for (h = 0; h < 2; h++) {
    printf("%-20s", h ? "h1+view speedup" : "h1 speedup");
    for (j = 2; j < NPARSERS; j++)
      printf(" %21s", parsers[j].label);
    printf("\n");
    for (i = 0; i < ninputs; i++) {
      printf("%-20s", inputs[i].label);
      for (j = 2; j < NPARSERS; j++) {
        struct stats s = ratio(i, h, j, rounds);
        printf(" %6.2fx (%5.2f-%5.2f)", s.median, s.q1, s.q3);
      }
      printf("\n");
    }
  }
  printf("peer time / h1 time: the median of the per-round ratios (and their"
         "\ninterquartile range); > 1: h1 is faster.\n");
  for (i = 0; i < ninputs; i++)
    if (strcmp(inputs[i].id, "chunked4k") == 0)
      printf("pico on %s includes a copy of the body for its in-place"
             " chunked decoder;\ncopying the whole %zu-byte input alone takes"
             " %.1f ns.\n",
             inputs[i].label, inputs[i].len,
             stats_of(samples[i][COPY], rounds).median);
}

static int wall(int rounds, double ms, const char *json) {
  long iters[MAX_INPUTS];
  char load0[128], load1[128];
  size_t i;
  int r, j;
  load(load0, sizeof load0);
  for (i = 0; i < ninputs; i++)
    iters[i] = calibrate(&inputs[i], ms);
  for (r = 0; r < rounds; r++)
    for (i = 0; i < ninputs; i++)
      for (j = 0; j <= NPARSERS; j++) {
        int p = (j + r) % (NPARSERS + 1);
        if (p == COPY && strcmp(inputs[i].id, "chunked4k") != 0)
          continue;
        samples[i][p][r] = batch(p, &inputs[i], iters[i]);
      }
  load(load1, sizeof load1);
  print_wall(rounds, ms);
  printf("load average before: %s; after: %s\n", load0, load1);
  printf("llhttp %s from Debian's node-llhttp sources, built with h1's flags;"
         "\nhttp-parser 2.9.4 and pico (libh2o-evloop, no SSE4.2) are "
         "Debian's builds.\n",
         bench_llhttp_version());
#ifdef H1_BENCH_PICO_SSE42
  printf("pico-SSE4.2: picohttpparser.c from Debian's h2o 2.2.5 source "
         "package,\nbuilt with h1's flags and -msse4.2.\n");
#endif
  return json != NULL ? write_json(json, rounds, ms, load0, load1) : 0;
}

static int instructions(long iters) {
  size_t i;
  int j;
  long it;
  for (i = 0; i < ninputs; i++)
    for (j = 0; j < NPARSERS; j++) {
      struct tally t;
      char name[64];
      memset(&t, 0, sizeof t);
      parsers[j].run(&inputs[i], &t); /* binds symbols, warms up */
      snprintf(name, sizeof name, "%s %s", parsers[j].id, inputs[i].id);
      CALLGRIND_ZERO_STATS;
      for (it = 0; it < iters; it++)
        parsers[j].run(&inputs[i], &t);
      CALLGRIND_DUMP_STATS_AT(name);
    }
  return 0;
}

/* Instruction counts per message from FILE: lines "PARSER INPUT COUNT". */
static int report_instructions(const char *path, long iters, const char *json) {
  static double count[MAX_INPUTS][NPARSERS];
  char p[64], in[64];
  double c;
  size_t i;
  int j, got = 0;
  FILE *f = fopen(path, "r"), *out;
  if (f == NULL) {
    perror(path);
    return 2;
  }
  while (fscanf(f, "%63s %63s %lf", p, in, &c) == 3)
    for (i = 0; i < ninputs; i++)
      for (j = 0; j < NPARSERS; j++)
        if (strcmp(p, parsers[j].id) == 0 && strcmp(in, inputs[i].id) == 0) {
          count[i][j] = c / (double)iters / (double)inputs[i].messages;
          got++;
        }
  fclose(f);
  if (got != (int)ninputs * NPARSERS) {
    fprintf(stderr, "bench: %d of %d counts in %s\n", got,
            (int)ninputs * NPARSERS, path);
    return 2;
  }
  printf("%-20s %6s", "instr. per message", "bytes");
  for (j = 0; j < NPARSERS; j++)
    printf(" %12s", parsers[j].label);
  for (j = 2; j < NPARSERS; j++) {
    char x[16];
    snprintf(x, sizeof x, "x %s", parsers[j].abbrev);
    printf(" %9s", x);
  }
  printf("\n");
  for (i = 0; i < ninputs; i++) {
    printf("%-20s %6zu", inputs[i].label, inputs[i].len);
    for (j = 0; j < NPARSERS; j++)
      printf(" %12.0f", count[i][j]);
    for (j = 2; j < NPARSERS; j++)
      printf(" %8.2fx", count[i][j] / count[i][0]);
    printf("\n");
  }
  printf("instructions per message (callgrind, %ld runs); last columns: "
         "peer / h1\ntokenizing.\n",
         iters);
  if (json == NULL)
    return 0;
  out = fopen(json, "w");
  if (out == NULL) {
    perror(json);
    return 2;
  }
  json_head(out, "instructions");
  fprintf(out, " \"runs\": %ld,\n \"instructions_per_message\": [", iters);
  for (i = 0; i < ninputs; i++)
    for (j = 0; j < NPARSERS; j++)
      fprintf(out, "%s\n  {\"input\": \"%s\", \"parser\": \"%s\", \"n\": %.1f}",
              i + (size_t)j ? "," : "", inputs[i].id, parsers[j].id,
              count[i][j]);
  fprintf(out, "]}\n");
  fclose(out);
  return 0;
}

static int usage(void) {
  fprintf(stderr, "usage: h1_bench [--quick] [--rounds N] [--ms T] [--json "
                  "FILE]\n"
                  "       h1_bench --instructions ITERS\n"
                  "       h1_bench --report-instructions FILE ITERS [--json "
                  "FILE]\n");
  return 2;
}

int main(int argc, char **argv) {
  const char *json = NULL, *counts = NULL;
  long instr = 0;
  int rounds = 31, a;
  double ms = 5;
  inputs = bench_inputs(&ninputs);
  bench_llhttp_setup();
  bench_httpparser_setup();
  for (a = 1; a < argc; a++) {
    if (strcmp(argv[a], "--quick") == 0) {
      rounds = 11;
      ms = 2;
    } else if (strcmp(argv[a], "--rounds") == 0 && a + 1 < argc) {
      rounds = (int)strtol(argv[++a], NULL, 10);
    } else if (strcmp(argv[a], "--ms") == 0 && a + 1 < argc) {
      ms = strtod(argv[++a], NULL);
    } else if (strcmp(argv[a], "--json") == 0 && a + 1 < argc) {
      json = argv[++a];
    } else if (strcmp(argv[a], "--instructions") == 0 && a + 1 < argc) {
      instr = strtol(argv[++a], NULL, 10);
    } else if (strcmp(argv[a], "--report-instructions") == 0 && a + 2 < argc) {
      counts = argv[++a];
      instr = strtol(argv[++a], NULL, 10);
    } else {
      return usage();
    }
  }
  if (rounds < 1 || rounds > MAX_ROUNDS || ms <= 0 || ninputs > MAX_INPUTS)
    return usage();
  if (verify() != 0)
    return 2;
  if (counts != NULL)
    return instr > 0 ? report_instructions(counts, instr, json) : usage();
  if (instr > 0)
    return instructions(instr);
  return wall(rounds, ms, json);
}
