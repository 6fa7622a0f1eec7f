/*
 * run_cases.c -- runs one parser case file (core/test/data/<group>.cases)
 * as a cmocka group: every case whole, split in two at every point and
 * byte by byte, in the Node profile and, without leniency, the strict one
 * (support/feed.c).  ctest runs it once per file, as test_<group>.
 *
 * Usage: run_cases FILE [NAME-PATTERN]   (the pattern selects cases by
 * name, with cmocka's * and ? wildcards)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: %s FILE [NAME-PATTERN]\n", argv[0]);
    return 2;
  }
  struct case_file cf;
  if (case_file_load(argv[1], &cf) != 0)
    return 1;
  if (argc == 3)
    cmocka_set_test_filter(argv[2]);
  char group[64];
  group_of(argv[1], group, sizeof group);
  int rc = feed_run_table(group, cf.cases, cf.n);
  case_file_free(&cf);
  return rc;
}
