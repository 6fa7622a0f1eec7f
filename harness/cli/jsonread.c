#include "jsonread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct jp {
  const char *s;
  size_t n, i;
  const char *err;
};

static void *xcalloc(size_t n, size_t sz) {
  void *p = calloc(n ? n : 1, sz);
  if (p == NULL) {
    fputs("h1: out of memory\n", stderr);
    exit(2);
  }
  return p;
}

static void ws(struct jp *p) {
  while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
                         p->s[p->i] == '\n' || p->s[p->i] == '\r'))
    p->i++;
}

static struct jval *parse_value(struct jp *p, int depth);

static int hex4(struct jp *p, unsigned *out) {
  unsigned v = 0;
  int k;
  if (p->i + 4 > p->n)
    return 0;
  for (k = 0; k < 4; k++) {
    char c = p->s[p->i++];
    v <<= 4;
    if (c >= '0' && c <= '9')
      v |= (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f')
      v |= (unsigned)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      v |= (unsigned)(c - 'A' + 10);
    else
      return 0;
  }
  *out = v;
  return 1;
}

/* Appends code point cp (as UTF-16 units for lat/mark, UTF-8 for utf8). */
static void put_cp(struct jval *v, unsigned cp) {
  unsigned units[2];
  int nu = 1, k;
  if (cp >= 0x10000) {
    units[0] = 0xd800 + ((cp - 0x10000) >> 10);
    units[1] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
    nu = 2;
  } else {
    units[0] = cp;
  }
  for (k = 0; k < nu; k++) {
    v->lat[v->len] = (char)(units[k] & 0xff);
    v->mark[v->len] = units[k] > 0xff ? '\0' : (char)units[k];
    if (units[k] > 0xff)
      v->wide = 1;
    v->len++;
  }
  if (cp < 0x80) {
    v->utf8[v->ulen++] = (char)cp;
  } else if (cp < 0x800) {
    v->utf8[v->ulen++] = (char)(0xc0 | (cp >> 6));
    v->utf8[v->ulen++] = (char)(0x80 | (cp & 63));
  } else if (cp < 0x10000) {
    v->utf8[v->ulen++] = (char)(0xe0 | (cp >> 12));
    v->utf8[v->ulen++] = (char)(0x80 | ((cp >> 6) & 63));
    v->utf8[v->ulen++] = (char)(0x80 | (cp & 63));
  } else {
    v->utf8[v->ulen++] = (char)(0xf0 | (cp >> 18));
    v->utf8[v->ulen++] = (char)(0x80 | ((cp >> 12) & 63));
    v->utf8[v->ulen++] = (char)(0x80 | ((cp >> 6) & 63));
    v->utf8[v->ulen++] = (char)(0x80 | (cp & 63));
  }
}

static struct jval *parse_string(struct jp *p) {
  struct jval *v = xcalloc(1, sizeof(*v));
  size_t cap = 0, j = p->i + 1;
  /* every input byte gives at most 4 output bytes */
  while (j < p->n && p->s[j] != '"') {
    if (p->s[j] == '\\')
      j++;
    j++;
  }
  cap = (j - p->i) * 4 + 8;
  v->type = J_STR;
  v->lat = xcalloc(cap, 1);
  v->mark = xcalloc(cap, 1);
  v->utf8 = xcalloc(cap, 1);
  p->i++;
  while (p->i < p->n) {
    unsigned char c = (unsigned char)p->s[p->i];
    unsigned cp;
    if (c == '"') {
      p->i++;
      return v;
    }
    if (c == '\\') {
      char e;
      p->i++;
      if (p->i >= p->n)
        break;
      e = p->s[p->i++];
      switch (e) {
      case 'n':
        cp = '\n';
        break;
      case 'r':
        cp = '\r';
        break;
      case 't':
        cp = '\t';
        break;
      case 'b':
        cp = '\b';
        break;
      case 'f':
        cp = '\f';
        break;
      case '/':
      case '\\':
      case '"':
        cp = (unsigned char)e;
        break;
      case 'u':
        if (!hex4(p, &cp))
          goto bad;
        if (cp >= 0xd800 && cp < 0xdc00 && p->i + 6 <= p->n &&
            p->s[p->i] == '\\' && p->s[p->i + 1] == 'u') {
          unsigned lo;
          size_t save = p->i;
          p->i += 2;
          if (hex4(p, &lo) && lo >= 0xdc00 && lo < 0xe000)
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          else
            p->i = save;
        }
        break;
      default:
        goto bad;
      }
      put_cp(v, cp);
      continue;
    }
    /* UTF-8 */
    if (c < 0x80) {
      cp = c;
      p->i++;
    } else {
      int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : -1;
      int k;
      if (extra < 0 || p->i + (size_t)extra >= p->n)
        goto bad;
      cp = c & (0x3f >> extra);
      for (k = 1; k <= extra; k++)
        cp = (cp << 6) | ((unsigned char)p->s[p->i + (size_t)k] & 63);
      p->i += (size_t)extra + 1;
    }
    put_cp(v, cp);
  }
bad:
  p->err = "bad string";
  json_free(v);
  return NULL;
}

/* JavaScript's Number.prototype.toString for the common cases. */
static void num_text(struct jval *v) {
  char tmp[40];
  double d = v->num;
  int prec;
  snprintf(tmp, sizeof(tmp), "%.0f", d);
  if (d == 0) {
    snprintf(tmp, sizeof(tmp), "0");
  } else if ((d < 0 ? -d : d) < 1e21 && strtod(tmp, NULL) == d) {
    /* an integer: tmp holds it */
  } else {
    for (prec = 1; prec <= 17; prec++) {
      snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
      if (strtod(tmp, NULL) == d)
        break;
    }
  }
  v->len = strlen(tmp);
  v->lat = xcalloc(v->len + 1, 1);
  memcpy(v->lat, tmp, v->len);
}

static int int_key(const char *k, size_t n, unsigned long *out) {
  size_t i;
  unsigned long x = 0;
  if (n == 0 || n > 10 || (n > 1 && k[0] == '0'))
    return 0;
  for (i = 0; i < n; i++) {
    if (k[i] < '0' || k[i] > '9')
      return 0;
    x = x * 10 + (unsigned long)(k[i] - '0');
  }
  if (x > 4294967294ul)
    return 0;
  *out = x;
  return 1;
}

static void order_keys(struct jval *o) {
  /* stable: integer keys first, ascending */
  size_t i, j;
  for (i = 1; i < o->n; i++) {
    for (j = i; j > 0; j--) {
      unsigned long a = 0, b = 0;
      int ia = int_key(o->keys[j - 1], o->klens[j - 1], &a);
      int ib = int_key(o->keys[j], o->klens[j], &b);
      if (ib && (!ia || b < a)) {
        char *tk = o->keys[j];
        size_t tl = o->klens[j];
        struct jval *tv = o->items[j], *ts = o->kstr[j];
        o->keys[j] = o->keys[j - 1];
        o->klens[j] = o->klens[j - 1];
        o->items[j] = o->items[j - 1];
        o->kstr[j] = o->kstr[j - 1];
        o->keys[j - 1] = tk;
        o->klens[j - 1] = tl;
        o->items[j - 1] = tv;
        o->kstr[j - 1] = ts;
      } else {
        break;
      }
    }
  }
}

static struct jval *parse_value(struct jp *p, int depth) {
  struct jval *v;
  ws(p);
  if (p->i >= p->n || depth > 64) {
    p->err = "unexpected end";
    return NULL;
  }
  switch (p->s[p->i]) {
  case '"':
    return parse_string(p);
  case '[': {
    size_t cap = 4;
    v = xcalloc(1, sizeof(*v));
    v->type = J_ARR;
    v->items = xcalloc(cap, sizeof(*v->items));
    p->i++;
    ws(p);
    if (p->i < p->n && p->s[p->i] == ']') {
      p->i++;
      return v;
    }
    for (;;) {
      struct jval *it = parse_value(p, depth + 1);
      if (it == NULL) {
        json_free(v);
        return NULL;
      }
      if (v->n == cap) {
        cap *= 2;
        v->items = realloc(v->items, cap * sizeof(*v->items));
      }
      v->items[v->n++] = it;
      ws(p);
      if (p->i < p->n && p->s[p->i] == ',') {
        p->i++;
        continue;
      }
      if (p->i < p->n && p->s[p->i] == ']') {
        p->i++;
        return v;
      }
      p->err = "bad array";
      json_free(v);
      return NULL;
    }
  }
  case '{': {
    size_t cap = 4;
    v = xcalloc(1, sizeof(*v));
    v->type = J_OBJ;
    v->items = xcalloc(cap, sizeof(*v->items));
    v->keys = xcalloc(cap, sizeof(*v->keys));
    v->klens = xcalloc(cap, sizeof(*v->klens));
    v->kstr = xcalloc(cap, sizeof(*v->kstr));
    p->i++;
    ws(p);
    if (p->i < p->n && p->s[p->i] == '}') {
      p->i++;
      return v;
    }
    for (;;) {
      struct jval *k, *it;
      size_t j;
      ws(p);
      if (p->i >= p->n || p->s[p->i] != '"') {
        p->err = "bad object key";
        json_free(v);
        return NULL;
      }
      k = parse_string(p);
      if (k == NULL) {
        json_free(v);
        return NULL;
      }
      ws(p);
      if (p->i >= p->n || p->s[p->i] != ':') {
        json_free(k);
        json_free(v);
        p->err = "missing ':'";
        return NULL;
      }
      p->i++;
      it = parse_value(p, depth + 1);
      if (it == NULL) {
        json_free(k);
        json_free(v);
        return NULL;
      }
      for (j = 0; j < v->n; j++) {
        if (v->klens[j] == k->len && memcmp(v->keys[j], k->lat, k->len) == 0)
          break;
      }
      if (j < v->n) {
        json_free(v->items[j]);
        v->items[j] = it;
        json_free(k);
      } else {
        if (v->n == cap) {
          cap *= 2;
          v->items = realloc(v->items, cap * sizeof(*v->items));
          v->keys = realloc(v->keys, cap * sizeof(*v->keys));
          v->klens = realloc(v->klens, cap * sizeof(*v->klens));
          v->kstr = realloc(v->kstr, cap * sizeof(*v->kstr));
        }
        v->keys[v->n] = k->lat;
        v->klens[v->n] = k->len;
        v->kstr[v->n] = k;
        v->items[v->n++] = it;
      }
      ws(p);
      if (p->i < p->n && p->s[p->i] == ',') {
        p->i++;
        continue;
      }
      if (p->i < p->n && p->s[p->i] == '}') {
        p->i++;
        order_keys(v);
        return v;
      }
      p->err = "bad object";
      json_free(v);
      return NULL;
    }
  }
  case 't':
  case 'f':
  case 'n': {
    v = xcalloc(1, sizeof(*v));
    if (p->n - p->i >= 4 && memcmp(p->s + p->i, "true", 4) == 0) {
      v->type = J_BOOL;
      v->b = 1;
      p->i += 4;
    } else if (p->n - p->i >= 5 && memcmp(p->s + p->i, "false", 5) == 0) {
      v->type = J_BOOL;
      p->i += 5;
    } else if (p->n - p->i >= 4 && memcmp(p->s + p->i, "null", 4) == 0) {
      v->type = J_NULL;
      p->i += 4;
    } else {
      free(v);
      p->err = "bad literal";
      return NULL;
    }
    return v;
  }
  default: {
    char tmp[64];
    size_t j = 0;
    char *end;
    while (p->i < p->n && j < sizeof(tmp) - 1 &&
           strchr("+-0123456789.eE", p->s[p->i]) != NULL)
      tmp[j++] = p->s[p->i++];
    tmp[j] = '\0';
    if (j == 0) {
      p->err = "unexpected character";
      return NULL;
    }
    v = xcalloc(1, sizeof(*v));
    v->type = J_NUM;
    v->num = strtod(tmp, &end);
    if (*end != '\0') {
      free(v);
      p->err = "bad number";
      return NULL;
    }
    num_text(v);
    return v;
  }
  }
}

struct jval *json_parse(const char *s, size_t len, const char **err) {
  struct jp p;
  struct jval *v;
  p.s = s;
  p.n = len;
  p.i = 0;
  p.err = NULL;
  v = parse_value(&p, 0);
  if (v != NULL) {
    ws(&p);
    if (p.i != p.n) {
      json_free(v);
      v = NULL;
      p.err = "trailing bytes";
    }
  }
  if (v == NULL && err != NULL)
    *err = p.err ? p.err : "bad JSON";
  return v;
}

void json_free(struct jval *v) {
  size_t i;
  if (v == NULL)
    return;
  for (i = 0; i < v->n; i++) {
    json_free(v->items[i]);
    if (v->kstr)
      json_free(v->kstr[i]);
  }
  free(v->items);
  free(v->keys);
  free(v->klens);
  free(v->kstr);
  free(v->lat);
  free(v->mark);
  free(v->utf8);
  free(v);
}

struct jval *json_get(const struct jval *obj, const char *key) {
  size_t i, n = strlen(key);
  if (obj == NULL || obj->type != J_OBJ)
    return NULL;
  for (i = 0; i < obj->n; i++) {
    if (obj->klens[i] == n && memcmp(obj->keys[i], key, n) == 0)
      return obj->items[i];
  }
  return NULL;
}
