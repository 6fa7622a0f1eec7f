/*
 * view_data.c -- the reader of data/view.data (see view_data.h).
 */
#include "view_data.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "case_file.h"
#include "lines.h"

/* Grows *v (of element size `size`) to hold one more than *n. */
static void *grow(void *v, size_t n, size_t size) {
  if ((n & (n - 1)) == 0) { /* 0, 1, 2, 4, ...: double */
    v = realloc(v, (n ? 2 * n : 1) * size);
    if (v == NULL)
      abort();
  }
  return v;
}

/* A quoted string without NUL bytes at *s; advances *s past it and one
 * space, if any.  NULL when malformed. */
static char *cstring(const char **s) {
  const char *end;
  size_t len;
  char *v = case_file_unquote(*s, &end, &len);
  if (v == NULL)
    return NULL;
  if (strlen(v) != len) {
    free(v);
    return NULL;
  }
  *s = *end == ' ' ? end + 1 : end;
  return v;
}

static int read_rule(struct lines *r, struct view_data *vd, const char *v) {
  static const struct {
    const char *word;
    h1_merge_rule rule;
  } words[] = {{"list", H1_MERGE_LIST},
               {"discard", H1_MERGE_DISCARD},
               {"semi", H1_MERGE_JOIN_SEMI},
               {"comma", H1_MERGE_JOIN_COMMA}};
  char *name = cstring(&v);
  if (name == NULL)
    return lines_fail(r, "rule: malformed name", NULL);
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
    if (strcmp(v, words[i].word) == 0) {
      vd->rules = grow(vd->rules, vd->n_rules, sizeof *vd->rules);
      vd->rules[vd->n_rules].name = name;
      vd->rules[vd->n_rules++].rule = words[i].rule;
      return 0;
    }
  }
  free(name);
  return lines_fail(r, "rule: list, discard, semi or comma", v);
}

static int read_count(struct lines *r, struct view_data *vd, const char *v) {
  unsigned long long f[5];
  int unset = 0;
  char word[32];
  for (int i = 0; i < 5; i++) {
    size_t n = strcspn(v, " ");
    if (n == 0 || n >= sizeof word)
      return lines_fail(r, "count: five numbers", NULL);
    memcpy(word, v, n);
    word[n] = '\0';
    v += n + (v[n] == ' ');
    if (i == 1 && strcmp(word, "-1") == 0) {
      unset = 1;
      f[i] = 0;
    } else if (lines_number(word, i == 2 ? 1 : SIZE_MAX, &f[i]) != 0) {
      return lines_fail(r, "count: a bad number", word);
    }
  }
  if (*v != '\0')
    return lines_fail(r, "count: five numbers", NULL);
  vd->counts = grow(vd->counts, vd->n_counts, sizeof *vd->counts);
  struct view_count_case *c = &vd->counts[vd->n_counts++];
  c->n = (size_t)f[0];
  c->max_headers_count = unset ? -1 : (int64_t)f[1];
  c->trailers = (int)f[2];
  c->raw = (size_t)f[3];
  c->merge = (size_t)f[4];
  return 0;
}

static int read_merge(struct lines *r, struct view_data *vd, const char *v) {
  const char *sp = strchr(v, ' ');
  unsigned long long join;
  if (sp == NULL || lines_number(sp + 1, 1, &join) != 0)
    return lines_fail(r, "merge NAME 0|1", v);
  vd->merges = grow(vd->merges, vd->n_merges, sizeof *vd->merges);
  struct view_merge_case *m = &vd->merges[vd->n_merges++];
  memset(m, 0, sizeof *m);
  m->name = lines_dup(v);
  ((char *)m->name)[sp - v] = '\0';
  m->join = (int)join;
  return 0;
}

static int read_line(struct lines *r, struct view_merge_case *m,
                     const char *v) {
  char *name = cstring(&v);
  char *value = name ? cstring(&v) : NULL;
  if (value == NULL || *v != '\0') {
    free(name);
    free(value);
    return lines_fail(r, "line \"name\" \"value\"", NULL);
  }
  m->flat = grow(m->flat, 2 * m->n, sizeof *m->flat);
  m->flat = grow(m->flat, 2 * m->n + 1, sizeof *m->flat);
  m->flat[2 * m->n] = name;
  m->flat[2 * m->n + 1] = value;
  m->n++;
  return 0;
}

static int read_all(struct lines *r, void *ctx) {
  struct view_data *vd = ctx;
  const char *s;
  struct view_merge_case *open = NULL; /* a merge waiting for its expect */
  while ((s = lines_next(r)) != NULL) {
    if (s[0] == '#' || s[0] == '\0')
      continue;
    const char *sp = strchr(s, ' ');
    if (sp == NULL)
      return lines_fail(r, "a key and a value", s);
    const char *v = sp + 1;
    size_t k = (size_t)(sp - s);
    int rc;
    if (open != NULL && k == 4 && memcmp(s, "line", 4) == 0) {
      rc = read_line(r, open, v);
    } else if (open != NULL && k == 6 && memcmp(s, "expect", 6) == 0) {
      open->expect = lines_dup(sp); /* with its leading space */
      open = NULL;
      rc = 0;
    } else if (open != NULL) {
      rc = lines_fail(r, "merge without expect", open->name);
    } else if (k == 4 && memcmp(s, "rule", 4) == 0) {
      rc = read_rule(r, vd, v);
    } else if (k == 5 && memcmp(s, "count", 5) == 0) {
      rc = read_count(r, vd, v);
    } else if (k == 5 && memcmp(s, "merge", 5) == 0) {
      rc = read_merge(r, vd, v);
      open = rc == 0 ? &vd->merges[vd->n_merges - 1] : NULL;
    } else {
      rc = lines_fail(r, "unknown key", s);
    }
    if (rc != 0)
      return rc;
  }
  if (open != NULL)
    return lines_fail(r, "merge without expect", open->name);
  if (vd->n_rules == 0 || vd->n_counts == 0 || vd->n_merges == 0)
    return lines_fail(r, "rules, counts and merges are all needed", NULL);
  return 0;
}

int view_data_load(const char *path, struct view_data *vd) {
  memset(vd, 0, sizeof *vd);
  int rc = lines_load(path, read_all, vd);
  if (rc != 0)
    view_data_free(vd);
  return rc;
}

void view_data_free(struct view_data *vd) {
  for (size_t i = 0; i < vd->n_rules; i++)
    free((char *)vd->rules[i].name);
  for (size_t i = 0; i < vd->n_merges; i++) {
    struct view_merge_case *m = &vd->merges[i];
    for (size_t j = 0; j < 2 * m->n; j++)
      free((char *)m->flat[j]);
    free(m->flat);
    free((char *)m->name);
    free((char *)m->expect);
  }
  free(vd->rules);
  free(vd->counts);
  free(vd->merges);
  memset(vd, 0, sizeof *vd);
}
