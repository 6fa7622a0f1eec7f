/*
 * test_view.c -- the message view: h1_merge_rule_of, h1_view_build,
 * h1_trim_value and h1_node_header_counts against Node's answers
 * (data/view.data, generated from Node by core/test/tools/gen.js).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "feed.h"
#include "view_data.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Node's answers, loaded by main(). */
static struct view_data vd;

static struct h1_span span_of(const char *s) {
  struct h1_span sp;
  sp.ptr = s;
  sp.len = strlen(s);
  return sp;
}

static struct h1_header *lines_of(const struct view_merge_case *m) {
  struct h1_header *h = calloc(m->n + 1, sizeof *h);
  for (size_t i = 0; i < m->n; i++) {
    h[i].name = span_of(m->flat[2 * i]);
    h[i].value = span_of(m->flat[2 * i + 1]);
  }
  return h;
}

/* Every name comparison view.c makes goes through h1__ieq (text.c): this
 * test is linked with --wrap=h1__ieq (core/test/CMakeLists.txt), so the
 * calls can be counted. */
int __real_h1__ieq(struct h1_span a, struct h1_span b);
int __wrap_h1__ieq(struct h1_span a, struct h1_span b);
static size_t ieq_calls;
int __wrap_h1__ieq(struct h1_span a, struct h1_span b) {
  ieq_calls++;
  return __real_h1__ieq(a, b);
}

static int span_eq(struct h1_span s, const char *lit) {
  return s.len == strlen(lit) && memcmp(s.ptr, lit, s.len) == 0;
}

/* ------------------------------------------------------------------------
 * h1_merge_rule_of
 * ------------------------------------------------------------------------ */

static void test_merge_rules(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < vd.n_rules; i++) {
    h1_merge_rule got = h1_merge_rule_of(span_of(vd.rules[i].name));
    if (got != vd.rules[i].rule) {
      print_error("h1_merge_rule_of(\"%s\") = %d, Node: %d\n", vd.rules[i].name,
                  (int)got, (int)vd.rules[i].rule);
      bad = 1;
    }
  }
  if (bad)
    fail();
}

/* Exactly the 18 names of Node's discard list, counted over the table. */
static void test_merge_rules_discard_18(void **state) {
  (void)state;
  size_t lower_discard = 0;
  for (size_t i = 0; i < vd.n_rules; i++) {
    const char *n = vd.rules[i].name;
    int lower = 1;
    for (const char *c = n; *c; c++)
      if (*c >= 'A' && *c <= 'Z')
        lower = 0;
    if (lower && vd.rules[i].rule == H1_MERGE_DISCARD)
      lower_discard++;
  }
  assert_int_equal(lower_discard, 18);
}

/* A name is matched as a whole: a span cut out of a longer buffer must not
 * be read past its length. */
static void test_merge_rule_span_bounds(void **state) {
  (void)state;
  const char *s = "hostname";
  char *p = feed_place(s, 4); /* "host" right before an unreadable page */
  struct h1_span sp = {p, 4};
  assert_int_equal(h1_merge_rule_of(sp), H1_MERGE_DISCARD);
  feed_unplace(p, 4);
  struct h1_span longer = {s, 8};
  assert_int_equal(h1_merge_rule_of(longer), H1_MERGE_JOIN_COMMA);
  struct h1_span cookie = {"cookies", 6};
  assert_int_equal(h1_merge_rule_of(cookie), H1_MERGE_JOIN_SEMI);
}

/* ------------------------------------------------------------------------
 * h1_node_header_counts
 * ------------------------------------------------------------------------ */

static void test_node_header_counts(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < vd.n_counts; i++) {
    const struct view_count_case *c = &vd.counts[i];
    size_t raw = (size_t)-7, merge = (size_t)-7;
    h1_node_header_counts(c->n, c->max_headers_count, c->trailers, &raw,
                          &merge);
    if (raw != c->raw || merge != c->merge) {
      print_error("h1_node_header_counts(%zu, %lld, %d) = raw %zu merge %zu, "
                  "Node: raw %zu merge %zu\n",
                  c->n, (long long)c->max_headers_count, c->trailers, raw,
                  merge, c->raw, c->merge);
      bad = 1;
    }
  }
  if (bad)
    fail();
}

/* ------------------------------------------------------------------------
 * h1_view_build
 * ------------------------------------------------------------------------ */

static void test_view_merges(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < vd.n_merges; i++) {
    const struct view_merge_case *m = &vd.merges[i];
    struct h1_header *h = lines_of(m);
    struct feed_str b = {NULL, 0, 0};
    feed_view(&b, h, m->n, 0, 0, m->join);
    if (strcmp(b.s, m->expect) != 0) {
      print_error("view %s\n  want:%s\n  got: %s\n", m->name, m->expect, b.s);
      bad = 1;
    }
    free(b.s);
    free(h);
  }
  if (bad)
    fail();
}

/* The section 1.4 vector, entry by entry. */
static void test_view_build_fields(void **state) {
  (void)state;
  const struct view_merge_case *m = &vd.merges[0];
  assert_string_equal(m->name, "node-doc-1.4");
  struct h1_header *h = lines_of(m);
  struct h1_view_entry e[14];
  char buf[512];
  size_t need = 0;
  size_t k = h1_view_build(h, m->n, 0, e, COUNT(e), buf, sizeof buf, &need);
  assert_int_equal(k, 7);
  static const struct {
    const char *key;
    h1_merge_rule rule;
    size_t first, count;
    const char *joined; /* NULL for the list */
  } want[] = {
      {"host", H1_MERGE_DISCARD, 0, 2, "a"},
      {"user-agent", H1_MERGE_DISCARD, 2, 2, "u1"},
      {"cookie", H1_MERGE_JOIN_SEMI, 4, 2, "a=1; b=2"},
      {"set-cookie", H1_MERGE_LIST, 6, 2, NULL},
      {"x-foo", H1_MERGE_JOIN_COMMA, 8, 2, "1, 2"},
      {"accept", H1_MERGE_JOIN_COMMA, 10, 2, "a, b"},
      {"authorization", H1_MERGE_DISCARD, 12, 2, "A1"},
  };
  for (size_t i = 0; i < 7; i++) {
    assert_true(span_eq(e[i].key, want[i].key));
    /* keys are lower-cased copies in the caller's buffer */
    assert_true(e[i].key.ptr >= buf &&
                e[i].key.ptr + e[i].key.len <= buf + sizeof buf);
    assert_int_equal(e[i].rule, want[i].rule);
    assert_int_equal(e[i].first, want[i].first);
    assert_int_equal(e[i].count, want[i].count);
    if (want[i].joined != NULL)
      assert_true(span_eq(e[i].joined, want[i].joined));
  }
  assert_true(need <= sizeof buf);
  free(h);
}

/* The joinDuplicateHeaders variant of the same vector. */
static void test_view_build_join(void **state) {
  (void)state;
  const struct view_merge_case *m = &vd.merges[1];
  assert_string_equal(m->name, "node-doc-1.4-join");
  struct h1_header *h = lines_of(m);
  struct h1_view_entry e[14];
  char buf[512];
  size_t need = 0;
  size_t k = h1_view_build(h, m->n, 1, e, COUNT(e), buf, sizeof buf, &need);
  assert_int_equal(k, 7);
  assert_true(span_eq(e[0].joined, "a, b"));
  assert_true(span_eq(e[1].joined, "u1, u2"));
  assert_true(span_eq(e[2].joined, "a=1; b=2"));
  assert_int_equal(e[3].rule, H1_MERGE_LIST);
  assert_true(span_eq(e[6].joined, "A1, A2"));
  free(h);
}

/* Too small a buffer: (size_t)-1, the exact size needed, and no write past
 * buf_len (the buffer ends right before an unreadable page). */
static void check_small_buffers(const struct view_merge_case *m) {
  struct h1_header *h = lines_of(m);
  size_t nent = m->n + 1;
  struct h1_view_entry *e = calloc(nent, sizeof *e);
  char big[4096];
  size_t need = 0;
  size_t k = h1_view_build(h, m->n, m->join, e, nent, big, sizeof big, &need);
  assert_true(k != (size_t)-1);
  assert_true(need <= sizeof big);
  /* the keys alone take their bytes in the buffer */
  size_t keys = 0;
  for (size_t i = 0; i < k; i++)
    keys += e[i].key.len;
  assert_true(need >= keys);
  for (size_t len = 0; len < need; len++) {
    char *buf = feed_place(big, len);
    size_t got = 12345;
    size_t r = h1_view_build(h, m->n, m->join, e, nent, buf, len, &got);
    if (r != (size_t)-1 || got != need)
      print_error("%s: buf_len %zu of %zu: returned %zu, needed %zu\n", m->name,
                  len, need, r, got);
    assert_true(r == (size_t)-1);
    assert_int_equal(got, need);
    feed_unplace(buf, len);
  }
  /* exactly enough, placed against the guard page */
  char *buf = feed_place(big, need);
  size_t got = 0;
  assert_int_equal(h1_view_build(h, m->n, m->join, e, nent, buf, need, &got),
                   k);
  assert_int_equal(got, need);
  feed_unplace(buf, need);
  free(e);
  free(h);
}

/* Too few entries: (size_t)-1, and *buf_needed is still the exact byte
 * count the whole object needs (what a caller sizes its retry with). */
static void check_few_entries(const struct view_merge_case *m) {
  struct h1_header *h = lines_of(m);
  size_t nent = m->n + 1;
  struct h1_view_entry *e = calloc(nent, sizeof *e);
  char big[4096];
  size_t need = 0;
  size_t k = h1_view_build(h, m->n, m->join, e, nent, big, sizeof big, &need);
  assert_true(k != (size_t)-1);
  for (size_t few = 0; few < k; few++) {
    size_t got = 0;
    size_t r = h1_view_build(h, m->n, m->join, e, few, big, sizeof big, &got);
    if (r != (size_t)-1 || got != need)
      print_error("%s: %zu of %zu entries: returned %zu, buf_needed %zu, "
                  "exact %zu\n",
                  m->name, few, k, r, got, need);
    assert_true(r == (size_t)-1);
    assert_int_equal(got, need);
  }
  free(e);
  free(h);
}

static void test_view_build_few_entries(void **state) {
  (void)state;
  for (size_t i = 0; i < vd.n_merges; i++)
    check_few_entries(&vd.merges[i]);
}

static void test_view_build_small_buffer(void **state) {
  (void)state;
  for (size_t i = 0; i < vd.n_merges; i++)
    check_small_buffers(&vd.merges[i]);
}

/* ------------------------------------------------------------------------
 * h1_trim_value (Node's ToTrimmedString: trailing SP and HTAB only)
 * ------------------------------------------------------------------------ */

static void test_trim_value(void **state) {
  (void)state;
  static const struct {
    const char *in;
    size_t in_len, out_len;
  } t[] = {
      {"a", 1, 1},      {"a ", 2, 1},     {"a \t \t", 5, 1},    {"", 0, 0},
      {" ", 1, 0},      {"\t", 1, 0},     {" a", 2, 2},         {"a b", 3, 3},
      {"a\xa0", 2, 2},  {"a\x0b", 2, 2},  {"a\x0c", 2, 2},      {"a\x85", 2, 2},
      {"a\x00 ", 3, 2}, {"a \x00", 3, 3}, {"padded  \t", 9, 6},
  };
  for (size_t i = 0; i < COUNT(t); i++) {
    char *p = feed_place(t[i].in, t[i].in_len);
    struct h1_span v = {p, t[i].in_len};
    struct h1_span r = h1_trim_value(v);
    assert_ptr_equal(r.ptr, p);
    assert_int_equal(r.len, t[i].out_len);
    feed_unplace(p, t[i].in_len);
  }
}

/* ------------------------------------------------------------------------
 * h1_view_build is linear in the number of lines
 * ------------------------------------------------------------------------ */

/* n distinct names, then each again: Node's view has n keys joined twice.
 * Before the keys were hashed, each line compared its name with every key
 * before it (about 2 * n * n name comparisons: 8,000,000 here); now a few
 * per line (the hash table has 1,024 chains: 2,000 keys make them short). */
static void test_view_build_linear(void **state) {
  (void)state;
  enum { N = 2000 };
  static char names[N][16];
  static struct h1_header lines[2 * N];
  static struct h1_view_entry entries[N];
  static char buf[2 * N * 24];
  size_t need, nkeys;
  for (size_t i = 0; i < N; i++) {
    int len = snprintf(names[i], sizeof names[i], "X-Field-%zu", i);
    for (size_t k = 0; k < 2; k++) {
      lines[k * N + i].name.ptr = names[i];
      lines[k * N + i].name.len = (size_t)len;
      lines[k * N + i].value = span_of("v");
    }
  }
  ieq_calls = 0;
  nkeys = h1_view_build(lines, 2 * N, 0, entries, N, buf, sizeof buf, &need);
  assert_int_equal(nkeys, N);
  assert_true(span_eq(entries[N - 1].key, "x-field-1999"));
  assert_true(span_eq(entries[N - 1].joined, "v, v"));
  assert_true(span_eq(entries[0].joined, "v, v"));
  print_message("h1__ieq calls for %d lines: %zu\n", 2 * N, ieq_calls);
  /* 20,876 with 1,024 buckets: 2.6 comparisons a lookup, four lookups a
   * name */
  assert_true(ieq_calls <= 8 * 2 * N);
}

/* The same lines with room for one key only: h1_view_build must still
 * say exactly how many bytes the whole view needs, and find it with a few
 * comparisons a line (before: every line compared with every line before
 * it, 4,000,000 comparisons here). */
static void test_view_need_linear(void **state) {
  (void)state;
  enum { N = 1000 };
  static char names[N][16];
  static struct h1_header lines[2 * N];
  static struct h1_view_entry entries[N + 1];
  static char buf[2 * N * 24];
  size_t need_full, need, calls_full;
  for (size_t i = 0; i < N; i++) {
    int len = snprintf(names[i], sizeof names[i], "X-Field-%zu", i);
    for (size_t k = 0; k < 2; k++) {
      lines[k * N + i].name.ptr = names[i];
      lines[k * N + i].name.len = (size_t)len;
      lines[k * N + i].value = span_of(k ? "second" : "v");
    }
  }
  lines[N + 7].name = span_of("Cookie"); /* one more key, joined by "; " */
  assert_int_equal(h1_view_build(lines, 2 * N, 0, entries, N + 1, buf,
                                 sizeof buf, &need_full),
                   N + 1);
  ieq_calls = 0;
  assert_int_equal(
      h1_view_build(lines, 2 * N, 0, entries, 1, buf, sizeof buf, &need),
      (size_t)-1);
  calls_full = ieq_calls;
  assert_int_equal(need, need_full);
  print_message("h1__ieq calls for %d lines, one entry: %zu\n", 2 * N,
                calls_full);
  assert_true(calls_full <= 8 * 2 * N);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_merge_rules),
      cmocka_unit_test(test_merge_rules_discard_18),
      cmocka_unit_test(test_merge_rule_span_bounds),
      cmocka_unit_test(test_node_header_counts),
      cmocka_unit_test(test_view_merges),
      cmocka_unit_test(test_view_build_fields),
      cmocka_unit_test(test_view_build_join),
      cmocka_unit_test(test_view_build_small_buffer),
      cmocka_unit_test(test_view_build_few_entries),
      cmocka_unit_test(test_trim_value),
      cmocka_unit_test(test_view_build_linear),
      cmocka_unit_test(test_view_need_linear),
  };
  if (view_data_load(H1_SOURCE_DIR "/core/test/data/view.data", &vd) != 0)
    return 1;
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  view_data_free(&vd);
  return rc;
}
