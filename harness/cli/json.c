#include "json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void buf_put(struct buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    char *p;
    while (cap < b->len + n + 1)
      cap *= 2;
    p = realloc(b->ptr, cap);
    if (p == NULL) {
      cli_out_of_memory();
    }
    b->ptr = p;
    b->cap = cap;
  }
  if (n != 0)
    memcpy(b->ptr + b->len, s, n);
  b->len += n;
  b->ptr[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s) {
  buf_put(b, s, strlen(s));
}

void buf_printf(struct buf *b, const char *fmt, ...) {
  char tmp[256];
  int n;
  va_list ap;
  va_start(ap, fmt);
  n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
  va_end(ap);
  if (n > 0)
    buf_put(b, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

void buf_free(struct buf *b) {
  free(b->ptr);
  b->ptr = NULL;
  b->len = b->cap = 0;
}

void json_str(struct buf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  size_t i, run = 0;
  buf_put(b, "\"", 1);
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    char esc[6];
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      run++;
      continue;
    }
    if (run) {
      buf_put(b, s + i - run, run);
      run = 0;
    }
    if (c == '"' || c == '\\') {
      esc[0] = '\\';
      esc[1] = (char)c;
      buf_put(b, esc, 2);
    } else {
      esc[0] = '\\';
      esc[1] = 'u';
      esc[2] = '0';
      esc[3] = '0';
      esc[4] = hex[c >> 4];
      esc[5] = hex[c & 15];
      buf_put(b, esc, 6);
    }
  }
  if (run)
    buf_put(b, s + n - run, run);
  buf_put(b, "\"", 1);
}

void buf_base64(struct buf *b, const void *s, size_t n) {
  static const char tab[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const unsigned char *p = (const unsigned char *)s;
  size_t i;
  char q[4];
  for (i = 0; i + 3 <= n; i += 3) {
    q[0] = tab[p[i] >> 2];
    q[1] = tab[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
    q[2] = tab[((p[i + 1] & 15) << 2) | (p[i + 2] >> 6)];
    q[3] = tab[p[i + 2] & 63];
    buf_put(b, q, 4);
  }
  if (n - i == 1) {
    q[0] = tab[p[i] >> 2];
    q[1] = tab[(p[i] & 3) << 4];
    q[2] = q[3] = '=';
    buf_put(b, q, 4);
  } else if (n - i == 2) {
    q[0] = tab[p[i] >> 2];
    q[1] = tab[((p[i] & 3) << 4) | (p[i + 1] >> 4)];
    q[2] = tab[(p[i + 1] & 15) << 2];
    q[3] = '=';
    buf_put(b, q, 4);
  }
}

void json_utf8(struct buf *b, const char *s, size_t n) {
  size_t i;
  buf_put(b, "\"", 1);
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') {
      buf_put(b, "\\", 1);
      buf_put(b, s + i, 1);
    } else if (c < 0x20 || c == 0x7f) {
      buf_printf(b, "\\u%04x", c);
    } else {
      buf_put(b, s + i, 1);
    }
  }
  buf_put(b, "\"", 1);
}
