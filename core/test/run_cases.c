/*
 * run_cases.c -- runs one parser case file (core/test/data/<group>.cases)
 * as a cmocka group: every case whole, split in two at every point and
 * byte by byte, in the Node profile and, without leniency, the strict one
 * (support/feed.c).  ctest runs each file in shards, as test_<group>_<i>.
 *
 * Usage: run_cases FILE [--shard I/N] [NAME-PATTERN]
 *   --shard I/N   only the I-th (0-based) of N shards: cases are dealt to
 *                 the shards by their cost (input length times the number
 *                 of split points), the dearest first, each to the shard
 *                 with the least so far, so the shards take about as long
 *   NAME-PATTERN  only the cases whose name matches (cmocka's * and ?)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "case_file.h"
#include "feed.h"

/* The group name: the file's base name without ".cases". */
static void group_of(const char *path, char *out, size_t cap) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t n = strcspn(base, ".");
  if (n >= cap)
    n = cap - 1;
  memcpy(out, base, n);
  out[n] = '\0';
}

/* About how many bytes the case's runs parse. */
static unsigned long long cost_of(const struct feed_case *c) {
  unsigned long long len = c->in_len, runs = len;
  if (c->splits != 0 && c->splits < runs)
    runs = c->splits;
  return len * (runs + 2) + 1;
}

struct ranked {
  unsigned long long cost;
  size_t index;
};

static int dearer_first(const void *a, const void *b) {
  const struct ranked *x = a, *y = b;
  if (x->cost != y->cost)
    return x->cost < y->cost ? 1 : -1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Keeps in cases[0..*n) the cases of shard `shard` of `shards`, in file
 * order. */
static void keep_shard(struct feed_case *cases, size_t *n, unsigned shard,
                       unsigned shards) {
  struct ranked *r = calloc(*n + 1, sizeof *r);
  unsigned long long *load = calloc(shards, sizeof *load);
  unsigned char *mine = calloc(*n + 1, 1);
  if (r == NULL || load == NULL || mine == NULL)
    abort();
  for (size_t i = 0; i < *n; i++) {
    r[i].cost = cost_of(&cases[i]);
    r[i].index = i;
  }
  qsort(r, *n, sizeof *r, dearer_first);
  for (size_t i = 0; i < *n; i++) {
    unsigned least = 0;
    for (unsigned s = 1; s < shards; s++)
      if (load[s] < load[least])
        least = s;
    load[least] += r[i].cost;
    mine[r[i].index] = least == shard;
  }
  size_t k = 0;
  for (size_t i = 0; i < *n; i++)
    if (mine[i])
      cases[k++] = cases[i];
  *n = k;
  free(mine);
  free(load);
  free(r);
}

static int usage(const char *argv0) {
  fprintf(stderr, "usage: %s FILE [--shard I/N] [NAME-PATTERN]\n", argv0);
  return 2;
}

int main(int argc, char **argv) {
  unsigned shard = 0, shards = 1;
  const char *pattern = NULL;
  if (argc < 2)
    return usage(argv[0]);
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--shard") == 0 && i + 1 < argc) {
      char extra;
      if (sscanf(argv[++i], "%u/%u%c", &shard, &shards, &extra) != 2 ||
          shards == 0 || shard >= shards)
        return usage(argv[0]);
    } else if (pattern == NULL && argv[i][0] != '-') {
      pattern = argv[i];
    } else {
      return usage(argv[0]);
    }
  }
  struct case_file cf;
  if (case_file_load(argv[1], &cf) != 0)
    return 1;
  struct feed_case *cases = cf.cases;
  size_t n = cf.n;
  /* The shard is a shallow copy: the strings stay owned by cf. */
  struct feed_case *mine = calloc(n + 1, sizeof *mine);
  if (mine == NULL)
    abort();
  memcpy(mine, cases, n * sizeof *cases);
  keep_shard(mine, &n, shard, shards);
  if (pattern != NULL)
    cmocka_set_test_filter(pattern);
  char group[64];
  group_of(argv[1], group, sizeof group);
  int rc = n ? feed_run_table(group, mine, n) : 0;
  free(mine);
  case_file_free(&cf);
  return rc;
}
