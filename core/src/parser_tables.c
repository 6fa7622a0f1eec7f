/*
 * parser_tables.c -- the names of errors and methods, and which methods
 * each protocol admits.
 */
#include "parser_int.h"

#include <string.h>

static const char *const h1__errno_names[] = {
#define H1__ERRNO_NAME(name, str, reason) str,
    H1_ERRNO_MAP(H1__ERRNO_NAME)
#undef H1__ERRNO_NAME
};

const char *const h1__errno_reasons[] = {
#define H1__ERRNO_REASON(name, str, reason) reason,
    H1_ERRNO_MAP(H1__ERRNO_REASON)
#undef H1__ERRNO_REASON
};

const char *h1_errno_name(h1_errno e) {
  if ((unsigned)e >= (unsigned)H1_E__COUNT)
    return "H1_UNKNOWN";
  return h1__errno_names[e];
}

const char *h1_errno_reason(h1_errno e) {
  if ((unsigned)e >= (unsigned)H1_E__COUNT)
    return "Unknown error";
  return h1__errno_reasons[e];
}

struct h1__method_entry {
  const char *name;
  uint8_t len;
};

static const struct h1__method_entry h1__methods[] = {
    {"", 0},
#define H1__METHOD_ENTRY(name, str, node) {str, (uint8_t)(sizeof(str) - 1)},
    H1_METHOD_MAP(H1__METHOD_ENTRY)
#undef H1__METHOD_ENTRY
};

#define H1__NMETHODS ((int)(sizeof(h1__methods) / sizeof(h1__methods[0])))

const char *h1_method_name(h1_method m) {
  if ((int)m <= 0 || (int)m >= H1__NMETHODS)
    return NULL;
  return h1__methods[m].name;
}

/* Exact lookup of a method name; H1_METHOD_NONE if it is none.  GET and
 * POST, most of all requests, are looked at first. */
h1_method h1__method_lookup(const char *s, size_t n) {
  int i;
  if (n == 3 && memcmp(s, "GET", 3) == 0)
    return H1_METHOD_GET;
  if (n == 4 && memcmp(s, "POST", 4) == 0)
    return H1_METHOD_POST;
  for (i = 1; i < H1__NMETHODS; i++) {
    if (h1__methods[i].len == n && h1__methods[i].name[0] == s[0] &&
        memcmp(h1__methods[i].name, s, n) == 0)
      return (h1_method)i;
  }
  return H1_METHOD_NONE;
}

/* True if some method name starts with s[0..n). */
int h1__method_prefix(const char *s, size_t n) {
  int i;
  for (i = 1; i < H1__NMETHODS; i++) {
    if (h1__methods[i].len >= n && memcmp(h1__methods[i].name, s, n) == 0)
      return 1;
  }
  return 0;
}

/* llhttp's protocol tables: which methods each protocol admits. */
int h1__method_is_rtsp(h1_method m) {
  switch (m) {
  case H1_METHOD_OPTIONS:
  case H1_METHOD_GET:
  case H1_METHOD_POST:
  case H1_METHOD_DESCRIBE:
  case H1_METHOD_ANNOUNCE:
  case H1_METHOD_SETUP:
  case H1_METHOD_PLAY:
  case H1_METHOD_PAUSE:
  case H1_METHOD_TEARDOWN:
  case H1_METHOD_GET_PARAMETER:
  case H1_METHOD_SET_PARAMETER:
  case H1_METHOD_REDIRECT:
  case H1_METHOD_RECORD:
  case H1_METHOD_FLUSH:
    return 1;
  default:
    return 0;
  }
}
