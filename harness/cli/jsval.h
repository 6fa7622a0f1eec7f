/*
 * jsval.h -- a scenario's JSON as JavaScript sees it.  Debian's libjansson
 * parses; this layer keeps what JavaScript would make of each value.
 *
 * Every value carries String(value) in three forms: `lat`, each UTF-16
 * unit's low byte (what Node writes for a latin1 string); `mark`, the same
 * with every unit above U+00FF replaced by NUL (a byte every validator
 * refuses, so header checks fail where Node's do); and `utf8`, the text as
 * UTF-8 (for messages that quote it).  Numbers are printed as JavaScript
 * prints them, arrays joined with ',' (null items empty), objects are
 * "[object Object]".  Object members are in JavaScript's property order:
 * integer-like keys first, ascending, then the others in first-appearance
 * order; a repeated key keeps its first place and its last value.
 *
 * What JavaScript accepts and jansson does not: a lone surrogate escape
 * (\ud800), a NUL in an object key, numbers beyond a double's range (1e400);
 * such scenarios are refused as invalid JSON.  The nesting limit is
 * jansson's (2048).
 */
#ifndef H1_CLI_JSVAL_H
#define H1_CLI_JSVAL_H

#include <stddef.h>

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jval {
  enum jtype type;
  int b;      /* J_BOOL */
  double num; /* J_NUM */
  /* String(value), in the three forms above; len bytes of lat and mark,
   * ulen bytes of utf8, each NUL-terminated */
  char *lat, *mark, *utf8;
  size_t len, ulen;
  int wide;            /* String(value) has a character above U+00FF */
  struct jval **items; /* J_ARR items, J_OBJ values */
  struct jval **kstr;  /* J_OBJ keys, as string values */
  size_t n;
};

/* Parses `len` bytes.  NULL on invalid JSON, with jansson's reason and the
 * byte offset in err (errlen bytes). */
struct jval *jv_parse(const char *s, size_t len, char *err, size_t errlen);
void jv_free(struct jval *v);

/* The member `key` (ASCII) of an object, or NULL (undefined). */
const struct jval *jv_get(const struct jval *obj, const char *key);

/* !value; v NULL is undefined. */
int jv_falsy(const struct jval *v);

/* Number(value) truncated towards zero, 0 when it is NaN or beyond 1e15
 * either way; v NULL is undefined. */
int jv_int(const struct jval *v);

/* The value under root (itself, an item, a key, recursively) whose `mark`
 * is p; NULL when none is. */
const struct jval *jv_find_mark(const struct jval *root, const char *p);

#endif
