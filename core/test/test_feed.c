/*
 * test_feed.c -- the test harness itself: the guarded region puts every
 * piece right before an unreadable page and poisons what is left of the
 * previous one, and the case file reader decodes what gen.js writes and
 * refuses what it does not.
 */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "case_file.h"
#include "feed.h"
#include "view_data.h"

/* Reads p[i] in a child; returns 1 if the read did not complete (the child
 * died of the fault, or ASan's handler reported it and exited). */
static int read_faults(const char *p, size_t i) {
  fflush(NULL);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    signal(SIGSEGV, SIG_DFL); /* cmocka catches it in the parent */
    signal(SIGBUS, SIG_DFL);
    volatile char c = p[i];
    (void)c;
    _exit(0);
  }
  int st = 0;
  assert_int_equal(waitpid(pid, &st, 0), pid);
  return !(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void guard_piece_ends_at_unreadable_page(void **state) {
  (void)state;
  struct feed_guard g;
  feed_guard_init(&g, 5000);
  const char *a = feed_guard_place(&g, "hello", 5);
  assert_memory_equal(a, "hello", 5);
  assert_false(read_faults(a, 4));
  assert_true(read_faults(a, 5));
  /* A longer piece reuses the region, still ending at the same page. */
  char big[5000];
  memset(big, 'b', sizeof big);
  const char *b = feed_guard_place(&g, big, sizeof big);
  assert_ptr_equal(b + sizeof big, a + 5);
  assert_false(read_faults(b, 0));
  assert_true(read_faults(b, sizeof big));
  /* Then a shorter one: what was before it is poison, not old bytes. */
  const char *c = feed_guard_place(&g, "xy", 2);
  assert_ptr_equal(c + 2, a + 5);
  for (const char *q = b; q < c; q++)
    assert_int_equal((unsigned char)*q, 0xa5);
  assert_true(read_faults(c, 2));
  feed_guard_free(&g);
}

static void guard_empty_piece(void **state) {
  (void)state;
  struct feed_guard g;
  feed_guard_init(&g, 0);
  const char *p = feed_guard_place(&g, "", 0);
  assert_true(read_faults(p, 0));
  feed_guard_free(&g);
}

static void unquote_inverts_quote(void **state) {
  (void)state;
  char in[300];
  for (size_t i = 0; i < 256; i++)
    in[i] = (char)i;
  memset(in + 256, '"', 44); /* a run, written as \{44}\" */
  struct feed_str q = {NULL, 0, 0};
  feed_str_quote(&q, in, sizeof in);
  assert_non_null(strstr(q.s, "\\{44}\\\""));
  const char *end;
  size_t len;
  char *out = case_file_unquote(q.s, &end, &len);
  assert_non_null(out);
  assert_int_equal(len, sizeof in);
  assert_memory_equal(out, in, sizeof in);
  assert_ptr_equal(end, q.s + q.len);
  free(out);
  free(q.s);
}

static void unquote_rejects_malformed(void **state) {
  (void)state;
  static const char *const bad[] = {
      "abc",       "\"abc",      "\"a\\q\"",  "\"\\x4\"",  "\"\\xg0\"",
      "\"\\{}a\"", "\"\\{0}a\"", "\"\\{3a\"", "\"\\{3}\"", "\"\\{99999999}a\"",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    const char *end;
    size_t len;
    char *out = case_file_unquote(bad[i], &end, &len);
    if (out != NULL)
      print_error("accepted %s\n", bad[i]);
    assert_null(out);
  }
}

/* Writes text to a temporary file; returns its path (static storage). */
static const char *temp_file(const char *text) {
  static char path[32];
  snprintf(path, sizeof path, "%s", "/tmp/h1-test-feed-XXXXXX");
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "wb");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  return path;
}

/* Writes text to a temporary file and loads it. */
static int load_text(const char *text, struct case_file *cf) {
  const char *path = temp_file(text);
  int rc = case_file_load(path, cf);
  unlink(path);
  return rc;
}

static void reader_reads_every_key(void **state) {
  (void)state;
  struct case_file cf;
  assert_int_equal(
      load_text("# comment\n\ncase a\ntype response\nmethod HEAD\nlenient 3\n"
                "mhs 100\nview\nmhc 7\njoin\nstrict\nsplits 9\n"
                "in \"x\\{3}y\\x00\"\nexpect END | EOF\n\n"
                "case b\nin \"\"\nexpect EOF\n",
                &cf),
      0);
  assert_int_equal(cf.n, 2);
  const struct feed_case *c = &cf.cases[0];
  assert_string_equal(c->name, "a");
  assert_int_equal(c->type, H1_RESPONSE);
  assert_int_equal(c->method, H1_METHOD_HEAD);
  assert_int_equal(c->lenient, 3);
  assert_int_equal(c->max_header_size, 100);
  assert_int_equal(c->view, 1);
  assert_int_equal(c->max_headers_count, 7);
  assert_int_equal(c->join, 1);
  assert_int_equal(c->strict_rejects, 1);
  assert_int_equal(c->splits, 9);
  assert_int_equal(c->in_len, 5);
  assert_memory_equal(c->in, "xyyy\0", 5);
  assert_string_equal(c->expect, "END | EOF");
  c = &cf.cases[1];
  assert_int_equal(c->type, H1_REQUEST);
  assert_int_equal(c->max_headers_count, -1);
  assert_int_equal(c->in_len, 0);
  case_file_free(&cf);
}

static void reader_rejects_bad_files(void **state) {
  (void)state;
  static const char *const bad[] = {
      "",                                             /* no cases */
      "case a\nexpect EOF\n",                         /* no in */
      "case a\nin \"\"\n",                            /* no expect */
      "case a\nin \"\"\nexpect EOF\nfoo 1\n",         /* unknown key */
      "case a\nin \"\"\nexpect EOF\nfast\n",          /* unknown flag */
      "case a\nin \"\\q\"\nexpect EOF\n",             /* bad string */
      "case a\nin \"\" x\nexpect EOF\n",              /* junk after it */
      "case a\ntype resp\nin \"\"\nexpect EOF\n",     /* bad type */
      "case a\ntype response\nin \"\"\nexpect EOF\n", /* no method */
      "case a\nmethod GET\nin \"\"\nexpect EOF\n",    /* method on a request */
      "case a\nin \"\"\nexpect EOF\n\ncase a\nin \"\"\nexpect EOF\n",
      "case a\nin \"\"\nexpect EOF\ncase b\n",     /* no blank line */
      "type request\n",                            /* outside a case */
      "case a\nmhs 0\nin \"\"\nexpect EOF\n",      /* zero */
      "case a\nlenient -1\nin \"\"\nexpect EOF\n", /* not a number */
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    struct case_file cf;
    int rc = load_text(bad[i], &cf);
    if (rc == 0)
      print_error("accepted file %zu:\n%s\n", i, bad[i]);
    assert_int_equal(rc, -1);
    assert_int_equal(cf.n, 0);
  }
}

static int load_view(const char *text, struct view_data *vd) {
  const char *path = temp_file(text);
  int rc = view_data_load(path, vd);
  unlink(path);
  return rc;
}

static void view_reader(void **state) {
  (void)state;
  static const char good[] =
      "rule \"Host\" discard\ncount 3 -1 1 3 2\n"
      "merge m 1\nline \"A\" \"x\\{2}y\"\nexpect VIEW raw=1 {}\n";
  struct view_data vd;
  assert_int_equal(load_view(good, &vd), 0);
  assert_int_equal(vd.n_rules, 1);
  assert_string_equal(vd.rules[0].name, "Host");
  assert_int_equal(vd.rules[0].rule, H1_MERGE_DISCARD);
  assert_int_equal(vd.n_counts, 1);
  assert_int_equal(vd.counts[0].n, 3);
  assert_int_equal(vd.counts[0].max_headers_count, -1);
  assert_int_equal(vd.counts[0].trailers, 1);
  assert_int_equal(vd.counts[0].raw, 3);
  assert_int_equal(vd.counts[0].merge, 2);
  assert_int_equal(vd.n_merges, 1);
  assert_string_equal(vd.merges[0].name, "m");
  assert_int_equal(vd.merges[0].join, 1);
  assert_int_equal(vd.merges[0].n, 1);
  assert_string_equal(vd.merges[0].flat[1], "xyy");
  assert_string_equal(vd.merges[0].expect, " VIEW raw=1 {}");
  view_data_free(&vd);
  static const char *const bad[] = {
      "rule \"a\" join\n",                  /* unknown rule */
      "count 1 2 3\n",                      /* too few numbers */
      "count 1 -1 2 0 0\n",                 /* trailers not 0 or 1 */
      "merge m 0\nline \"a\" \"b\"\n",      /* no expect */
      "merge m 0\nline \"a\\x00\" \"b\"\n", /* NUL in a name */
      "frob 1\n",                           /* unknown key */
      "rule \"a\" list\n",                  /* no counts nor merges */
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    int rc = load_view(bad[i], &vd);
    if (rc == 0)
      print_error("accepted view file %zu:\n%s\n", i, bad[i]);
    assert_int_equal(rc, -1);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(guard_piece_ends_at_unreadable_page),
      cmocka_unit_test(guard_empty_piece),
      cmocka_unit_test(unquote_inverts_quote),
      cmocka_unit_test(unquote_rejects_malformed),
      cmocka_unit_test(reader_reads_every_key),
      cmocka_unit_test(reader_rejects_bad_files),
      cmocka_unit_test(view_reader),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
