/*
 * jsonread.h -- a small JSON reader for the h1 CLI (scenario files).  It
 * allocates; the engine never does.
 *
 * Strings keep three forms: `lat`, each character's low byte (what Node
 * writes for a latin1 string); `mark`, the same with every character above
 * U+00FF replaced by NUL (a byte every validator refuses, so header checks
 * fail where Node's do); and `utf8`, the text as UTF-8 (for messages).
 * Object members are in JavaScript's property order: integer-like keys
 * first, ascending, then the others in first-appearance order; a repeated
 * key keeps its first place and its last value.
 */
#ifndef H1_CLI_JSONREAD_H
#define H1_CLI_JSONREAD_H

#include <stddef.h>

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jval {
  enum jtype type;
  int b;               /* J_BOOL */
  double num;          /* J_NUM */
  char *lat;           /* J_STR; also J_NUM: JavaScript's String(number) */
  char *mark;          /* J_STR */
  char *utf8;          /* J_STR */
  size_t len;          /* bytes of lat and mark */
  size_t ulen;         /* bytes of utf8 */
  int wide;            /* J_STR: has a character above U+00FF */
  struct jval **items; /* J_ARR items, J_OBJ values */
  char **keys;         /* J_OBJ keys (lat form) */
  size_t *klens;
  struct jval **kstr; /* J_OBJ keys as string values */
  size_t n;
};

/* Parses `len` bytes; NULL (with a message in *err) on bad JSON. */
struct jval *json_parse(const char *s, size_t len, const char **err);
void json_free(struct jval *v);
/* The member `key` of an object, or NULL. */
struct jval *json_get(const struct jval *obj, const char *key);

#endif
