/*
 * jsval.c -- JSON read by libjansson, turned into the values JavaScript's
 * JSON.parse would give (see jsval.h).
 */
#include "jsval.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size);
  if (p == NULL)
    cli_out_of_memory();
  return p;
}

/* Appends one UTF-16 unit to the lat and mark forms. */
static void put_unit(struct jval *v, unsigned u) {
  v->lat[v->len] = (char)(u & 0xff);
  v->mark[v->len] = u > 0xff ? '\0' : (char)u;
  if (u > 0xff)
    v->wide = 1;
  v->len++;
}

/* Sets the three forms from UTF-8 text (jansson gives valid UTF-8). */
static void set_text(struct jval *v, const char *s, size_t n) {
  size_t i = 0;
  v->lat = xcalloc(n + 1, 1);
  v->mark = xcalloc(n + 1, 1);
  v->utf8 = xcalloc(n + 1, 1);
  memcpy(v->utf8, s, n);
  v->ulen = n;
  v->len = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
    unsigned cp = c & (0x7fu >> (extra ? extra + 1 : 0));
    int k;
    for (k = 1; k <= extra && i + (size_t)k < n; k++)
      cp = (cp << 6) | ((unsigned char)s[i + (size_t)k] & 63u);
    i += (size_t)extra + 1;
    if (cp >= 0x10000) {
      put_unit(v, 0xd800 + ((cp - 0x10000) >> 10));
      put_unit(v, 0xdc00 + ((cp - 0x10000) & 0x3ff));
    } else {
      put_unit(v, cp);
    }
  }
}

/*
 * Number.prototype.toString(): the shortest digits that read back as d,
 * placed as ECMA-262 (Number::toString) places them.
 */
static void number_text(double d, char *out, size_t cap) {
  char tmp[40], digits[24];
  int p, k = 0, e, n, i;
  const char *s;
  if (d != d) {
    snprintf(out, cap, "NaN");
    return;
  }
  if (d == 0) {
    snprintf(out, cap, "0"); /* -0 too */
    return;
  }
  if (d - d != 0) {
    snprintf(out, cap, d < 0 ? "-Infinity" : "Infinity");
    return;
  }
  for (p = 0; p < 17; p++) {
    snprintf(tmp, sizeof(tmp), "%.*e", p, d);
    if (strtod(tmp, NULL) == d)
      break;
  }
  /* tmp: [-]D[.DDD]e(+|-)XX */
  s = tmp[0] == '-' ? tmp + 1 : tmp;
  for (; *s != 'e'; s++) {
    if (*s != '.')
      digits[k++] = *s;
  }
  while (k > 1 && digits[k - 1] == '0')
    k--;
  e = atoi(s + 1);
  n = e + 1; /* the decimal point sits after n digits */
  i = 0;
  if (tmp[0] == '-')
    out[i++] = '-';
  if (k <= n && n <= 21) {
    memcpy(out + i, digits, (size_t)k);
    i += k;
    for (; k < n; k++)
      out[i++] = '0';
  } else if (0 < n && n <= 21) {
    memcpy(out + i, digits, (size_t)n);
    i += n;
    out[i++] = '.';
    memcpy(out + i, digits + n, (size_t)(k - n));
    i += k - n;
  } else if (-6 < n && n <= 0) {
    out[i++] = '0';
    out[i++] = '.';
    for (; n < 0; n++)
      out[i++] = '0';
    memcpy(out + i, digits, (size_t)k);
    i += k;
  } else {
    out[i++] = digits[0];
    if (k > 1) {
      out[i++] = '.';
      memcpy(out + i, digits + 1, (size_t)(k - 1));
      i += k - 1;
    }
    i += snprintf(out + i, cap - (size_t)i, "e%c%d", e < 0 ? '-' : '+',
                  e < 0 ? -e : e);
  }
  out[i] = '\0';
}

/* Array.prototype.join(','): null items are empty. */
static void join_text(struct jval *v) {
  size_t i, nl = 0, nu = 0;
  for (i = 0; i < v->n; i++) {
    nl += v->items[i]->len + 1;
    nu += v->items[i]->ulen + 1;
  }
  v->lat = xcalloc(nl + 1, 1);
  v->mark = xcalloc(nl + 1, 1);
  v->utf8 = xcalloc(nu + 1, 1);
  for (i = 0; i < v->n; i++) {
    const struct jval *it = v->items[i];
    if (i) {
      v->lat[v->len] = v->mark[v->len] = ',';
      v->len++;
      v->utf8[v->ulen++] = ',';
    }
    if (it->type == J_NULL)
      continue;
    memcpy(v->lat + v->len, it->lat, it->len);
    memcpy(v->mark + v->len, it->mark, it->len);
    memcpy(v->utf8 + v->ulen, it->utf8, it->ulen);
    v->len += it->len;
    v->ulen += it->ulen;
    v->wide |= it->wide;
  }
}

/* An array index key: the canonical decimal form of 0 .. 2^32 - 2. */
static int index_key(const struct jval *k, unsigned long *out) {
  size_t i;
  unsigned long x = 0;
  if (k->len == 0 || k->len > 10 || (k->len > 1 && k->lat[0] == '0'))
    return 0;
  for (i = 0; i < k->len; i++) {
    if (k->lat[i] < '0' || k->lat[i] > '9' || k->wide)
      return 0;
    x = x * 10 + (unsigned long)(k->lat[i] - '0');
  }
  if (x > 4294967294ul)
    return 0;
  *out = x;
  return 1;
}

/* JavaScript's property order: index keys first, ascending (stable). */
static void order_keys(struct jval *o) {
  size_t i, j;
  for (i = 1; i < o->n; i++) {
    for (j = i; j > 0; j--) {
      unsigned long a = 0, b = 0;
      int ia = index_key(o->kstr[j - 1], &a);
      int ib = index_key(o->kstr[j], &b);
      struct jval *tk = o->kstr[j], *tv = o->items[j];
      if (!ib || (ia && a <= b))
        break;
      o->kstr[j] = o->kstr[j - 1];
      o->items[j] = o->items[j - 1];
      o->kstr[j - 1] = tk;
      o->items[j - 1] = tv;
    }
  }
}

static struct jval *convert(json_t *j) {
  struct jval *v = xcalloc(1, sizeof(*v));
  char num[40];
  size_t i;
  switch (json_typeof(j)) {
  case JSON_OBJECT: {
    const char *key;
    size_t klen;
    json_t *item;
    v->type = J_OBJ;
    v->items = xcalloc(json_object_size(j), sizeof(*v->items));
    v->kstr = xcalloc(json_object_size(j), sizeof(*v->kstr));
    json_object_keylen_foreach(j, key, klen, item) {
      v->kstr[v->n] = xcalloc(1, sizeof(struct jval));
      v->kstr[v->n]->type = J_STR;
      set_text(v->kstr[v->n], key, klen);
      v->items[v->n++] = convert(item);
    }
    order_keys(v);
    set_text(v, "[object Object]", 15);
    break;
  }
  case JSON_ARRAY:
    v->type = J_ARR;
    v->items = xcalloc(json_array_size(j), sizeof(*v->items));
    for (i = 0; i < json_array_size(j); i++)
      v->items[v->n++] = convert(json_array_get(j, i));
    join_text(v);
    break;
  case JSON_STRING:
    v->type = J_STR;
    set_text(v, json_string_value(j), json_string_length(j));
    break;
  case JSON_INTEGER: /* not with JSON_DECODE_INT_AS_REAL */
  case JSON_REAL:
    v->type = J_NUM;
    v->num = json_number_value(j);
    number_text(v->num, num, sizeof(num));
    set_text(v, num, strlen(num));
    break;
  case JSON_TRUE:
  case JSON_FALSE:
    v->type = J_BOOL;
    v->b = json_is_true(j);
    set_text(v, v->b ? "true" : "false", v->b ? 4 : 5);
    break;
  case JSON_NULL:
  default:
    v->type = J_NULL;
    set_text(v, "null", 4);
    break;
  }
  return v;
}

struct jval *jv_parse(const char *s, size_t len, char *err, size_t errlen) {
  /* Any value at the top; \u0000 in strings; every number a double, as
   * JavaScript has only doubles.  A repeated key keeps its first place and
   * takes the last value (jansson replaces in place, as JavaScript does). */
  const size_t flags =
      JSON_DECODE_ANY | JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL;
  json_error_t e;
  json_t *j = json_loadb(s, len, flags, &e);
  struct jval *v;
  if (j == NULL) {
    snprintf(err, errlen, "%s at byte %d", e.text, e.position);
    return NULL;
  }
  v = convert(j);
  json_decref(j);
  return v;
}

void jv_free(struct jval *v) {
  size_t i;
  if (v == NULL)
    return;
  for (i = 0; i < v->n; i++) {
    jv_free(v->items[i]);
    if (v->kstr)
      jv_free(v->kstr[i]);
  }
  free(v->items);
  free(v->kstr);
  free(v->lat);
  free(v->mark);
  free(v->utf8);
  free(v);
}

const struct jval *jv_get(const struct jval *obj, const char *key) {
  size_t i, n = strlen(key);
  if (obj == NULL || obj->type != J_OBJ)
    return NULL;
  for (i = 0; i < obj->n; i++) {
    if (obj->kstr[i]->ulen == n && memcmp(obj->kstr[i]->utf8, key, n) == 0)
      return obj->items[i];
  }
  return NULL;
}

int jv_falsy(const struct jval *v) {
  if (v == NULL)
    return 1;
  switch (v->type) {
  case J_NULL:
    return 1;
  case J_BOOL:
    return !v->b;
  case J_NUM:
    return v->num == 0 || v->num != v->num;
  case J_STR:
    return v->len == 0;
  default:
    return 0;
  }
}

int jv_int(const struct jval *v) {
  double d;
  if (v == NULL)
    return 0;
  if (v->type == J_NUM) {
    d = v->num;
  } else if (v->type == J_STR) {
    char *end;
    char tmp[64];
    size_t n = v->len < 63 ? v->len : 63;
    memcpy(tmp, v->lat, n);
    tmp[n] = '\0';
    d = strtod(tmp, &end);
    if (*end != '\0' || n == 0)
      return 0;
  } else if (v->type == J_BOOL) {
    d = v->b;
  } else {
    return 0;
  }
  if (d != d || d > 1e15 || d < -1e15)
    return 0;
  return (int)(long long)d;
}

const struct jval *jv_find_mark(const struct jval *root, const char *p) {
  size_t i;
  const struct jval *f;
  if (root == NULL)
    return NULL;
  if (root->mark == p)
    return root;
  for (i = 0; i < root->n; i++) {
    if ((f = jv_find_mark(root->items[i], p)) != NULL)
      return f;
    if (root->kstr && (f = jv_find_mark(root->kstr[i], p)) != NULL)
      return f;
  }
  return NULL;
}
