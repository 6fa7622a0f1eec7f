/*
 * case_file.c -- the reader of parser case files (see case_file.h).
 */
#include "case_file.h"

#include "lines.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * Strings in the log grammar
 * ------------------------------------------------------------------------ */

static int hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* One byte, plain or escaped (not \{N}); returns the byte or -1. */
static int unit(const char **sp) {
  const char *s = *sp;
  if (*s == '\0' || *s == '"')
    return -1;
  if (*s != '\\') {
    *sp = s + 1;
    return (unsigned char)*s;
  }
  int c;
  switch (s[1]) {
  case '"':
  case '\\':
    c = s[1];
    break;
  case 'r':
    c = '\r';
    break;
  case 'n':
    c = '\n';
    break;
  case 't':
    c = '\t';
    break;
  case 'x':
    if (hexval(s[2]) < 0 || hexval(s[3]) < 0)
      return -1;
    *sp = s + 4;
    return hexval(s[2]) * 16 + hexval(s[3]);
  default:
    return -1;
  }
  *sp = s + 2;
  return c;
}

char *case_file_unquote(const char *s, const char **end, size_t *len) {
  if (*s != '"')
    return NULL;
  struct feed_str b = {NULL, 0, 0};
  feed_str_add(&b, "", 0);
  for (s++; *s != '"';) {
    size_t n = 1;
    if (s[0] == '\\' && s[1] == '{') {
      char *after;
      errno = 0;
      unsigned long long v = strtoull(s + 2, &after, 10);
      if (after == s + 2 || *after != '}' || errno != 0 || v == 0 ||
          v > (1u << 24))
        goto bad;
      n = (size_t)v;
      s = after + 1;
    }
    int c = unit(&s);
    if (c < 0)
      goto bad;
    char ch = (char)c;
    while (n--)
      feed_str_add(&b, &ch, 1);
  }
  *end = s + 1;
  *len = b.len;
  return b.s;
bad:
  free(b.s);
  return NULL;
}

/* ------------------------------------------------------------------------
 * Keys
 * ------------------------------------------------------------------------ */

static int method_of(const char *v, h1_method *m) {
  for (int i = 1; i < (int)H1_METHOD__COUNT; i++) {
    const char *name = h1_method_name((h1_method)i);
    if (name != NULL && strcmp(name, v) == 0) {
      *m = (h1_method)i;
      return 0;
    }
  }
  return -1;
}

/* Sets one key of case c; returns 0 or -1 after reporting. */
static int set_key(struct lines *r, struct feed_case *c, const char *key,
                   const char *v) {
  unsigned long long n;
  if (strcmp(key, "type") == 0) {
    if (strcmp(v, "request") == 0)
      c->type = H1_REQUEST;
    else if (strcmp(v, "response") == 0)
      c->type = H1_RESPONSE;
    else
      return lines_fail(r, "type is request or response", v);
  } else if (strcmp(key, "method") == 0) {
    if (method_of(v, &c->method) != 0)
      return lines_fail(r, "unknown method", v);
  } else if (strcmp(key, "lenient") == 0) {
    if (lines_number(v, UINT32_MAX, &n) != 0)
      return lines_fail(r, "lenient is a number", v);
    c->lenient = (uint32_t)n;
  } else if (strcmp(key, "mhs") == 0) {
    if (lines_number(v, UINT32_MAX, &n) != 0 || n == 0)
      return lines_fail(r, "mhs is a positive number", v);
    c->max_header_size = (uint32_t)n;
  } else if (strcmp(key, "mhc") == 0) {
    if (lines_number(v, INT64_MAX, &n) != 0)
      return lines_fail(r, "mhc is a number", v);
    c->max_headers_count = (int64_t)n;
  } else if (strcmp(key, "splits") == 0) {
    if (lines_number(v, UINT32_MAX, &n) != 0 || n == 0)
      return lines_fail(r, "splits is a positive number", v);
    c->splits = (unsigned)n;
  } else if (strcmp(key, "in") == 0) {
    const char *end;
    size_t len;
    char *s = case_file_unquote(v, &end, &len);
    if (s == NULL || *end != '\0') {
      free(s);
      return lines_fail(r, "malformed input string", NULL);
    }
    c->in = s;
    c->in_len = len;
  } else if (strcmp(key, "expect") == 0) {
    c->expect = lines_dup(v);
  } else {
    return lines_fail(r, "unknown key", key);
  }
  return 0;
}

/* Keys without a value. */
static int set_flag(struct lines *r, struct feed_case *c, const char *key) {
  if (strcmp(key, "view") == 0)
    c->view = 1;
  else if (strcmp(key, "join") == 0)
    c->join = 1;
  else if (strcmp(key, "strict") == 0)
    c->strict_rejects = 1;
  else
    return lines_fail(r, "unknown flag", key);
  return 0;
}

static void free_case(struct feed_case *c) {
  free((char *)c->name);
  free((char *)c->in);
  free((char *)c->expect);
}

/* Checks the case just read is whole and its name new. */
static int finish_case(struct lines *r, const struct case_file *cf) {
  const struct feed_case *c = &cf->cases[cf->n - 1];
  if (c->in == NULL)
    return lines_fail(r, "case without an in line", c->name);
  if (c->expect == NULL)
    return lines_fail(r, "case without an expect line", c->name);
  if ((c->type == H1_RESPONSE) != (c->method != H1_METHOD_NONE))
    return lines_fail(r, "a response, and only a response, has a method",
                      c->name);
  for (size_t i = 0; i + 1 < cf->n; i++)
    if (strcmp(cf->cases[i].name, c->name) == 0)
      return lines_fail(r, "duplicate case name", c->name);
  return 0;
}

static struct feed_case *new_case(struct case_file *cf, size_t *cap,
                                  const char *name) {
  if (cf->n == *cap) {
    *cap = *cap ? *cap * 2 : 64;
    cf->cases = realloc(cf->cases, *cap * sizeof *cf->cases);
    if (cf->cases == NULL)
      abort();
  }
  struct feed_case *c = &cf->cases[cf->n++];
  memset(c, 0, sizeof *c);
  c->name = lines_dup(name);
  c->type = H1_REQUEST;
  c->profile = H1_PROFILE_NODE;
  c->max_headers_count = -1;
  return c;
}

static int read_cases(struct lines *r, void *ctx) {
  struct case_file *cf = ctx;
  size_t cap = 0;
  struct feed_case *c = NULL;
  const char *line;
  int seen_type = 0;
  while ((line = lines_next(r)) != NULL) {
    if (line[0] == '#')
      continue;
    if (line[0] == '\0') {
      if (c != NULL && finish_case(r, cf) != 0)
        return -1;
      c = NULL;
      continue;
    }
    const char *sp = strchr(line, ' ');
    size_t klen = sp ? (size_t)(sp - line) : strlen(line);
    char key[16];
    if (klen == 0 || klen >= sizeof key)
      return lines_fail(r, "bad key", line);
    memcpy(key, line, klen);
    key[klen] = '\0';
    if (strcmp(key, "case") == 0) {
      if (c != NULL)
        return lines_fail(r, "case inside a case (no blank line)", NULL);
      if (sp == NULL || sp[1] == '\0' || strchr(sp + 1, ' ') != NULL)
        return lines_fail(r, "case needs one name", line);
      c = new_case(cf, &cap, sp + 1);
      seen_type = 0;
      continue;
    }
    if (c == NULL)
      return lines_fail(r, "key outside a case", key);
    if (strcmp(key, "type") == 0 && seen_type++)
      return lines_fail(r, "type given twice", NULL);
    if ((sp == NULL ? set_flag(r, c, key) : set_key(r, c, key, sp + 1)) != 0)
      return -1;
  }
  if (c != NULL && finish_case(r, cf) != 0)
    return -1;
  if (cf->n == 0)
    return lines_fail(r, "no cases", NULL);
  return 0;
}

int case_file_load(const char *path, struct case_file *cf) {
  memset(cf, 0, sizeof *cf);
  int rc = lines_load(path, read_cases, cf);
  if (rc != 0)
    case_file_free(cf);
  return rc;
}

void case_file_free(struct case_file *cf) {
  for (size_t i = 0; i < cf->n; i++)
    free_case(&cf->cases[i]);
  free(cf->cases);
  cf->cases = NULL;
  cf->n = 0;
}
