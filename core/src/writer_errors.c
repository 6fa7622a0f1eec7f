/*
 * writer_errors.c -- the writer's errors: Node's err.code names, the
 * messages Node builds (h1_werror_format), and validateHeaderName /
 * validateHeaderValue, which throw them.
 */
#include "writer_int.h"

static const char *const h1__wnames[] = {
#define H1__WNAME(name, str, msg) str,
    H1_WERRNO_MAP(H1__WNAME)
#undef H1__WNAME
};
static const char *const h1__wmsgs[] = {
#define H1__WMSG(name, str, msg) msg,
    H1_WERRNO_MAP(H1__WMSG)
#undef H1__WMSG
};

const char *h1_werror_name(h1_werrno e) {
  if ((unsigned)e >= (unsigned)H1_WE__COUNT)
    return "H1_UNKNOWN";
  return h1__wnames[e];
}

h1_werrno h1__fail(struct h1_werror *err, h1_werrno code, const char *what,
                   const struct h1_span *name) {
  if (err != NULL) {
    err->code = code;
    err->what = what;
    err->has_name = name != NULL;
    if (name != NULL) {
      err->name = *name;
    } else {
      err->name.ptr = NULL;
      err->name.len = 0;
    }
    err->a = err->b = 0;
  }
  return code;
}

h1_werrno h1_validate_header_name(struct h1_span name, const char *label,
                                  struct h1_werror *err) {
  if (!h1_is_token(name))
    return h1__fail(err, H1_WE_INVALID_HTTP_TOKEN,
                    label ? label : "Header name", &name);
  return H1_WE_OK;
}

h1_werrno h1_validate_header_value(struct h1_span name,
                                   const struct h1_span *value,
                                   struct h1_werror *err) {
  if (value == NULL)
    return h1__fail(err, H1_WE_INVALID_HEADER_VALUE, "undefined", &name);
  if (h1_has_invalid_header_char(*value))
    return h1__fail(err, H1_WE_INVALID_CHAR, "header content", &name);
  return H1_WE_OK;
}

/* validateHeaderValue for a caller's value (a list is validated as
 * String(array), i.e. each item). */
h1_werrno h1__validate_values(struct h1_span name, const struct h1_span *values,
                              size_t n, unsigned flags, const char *what,
                              struct h1_werror *err) {
  size_t i;
  if (flags & H1_WV_UNDEFINED)
    return h1__fail(err, H1_WE_INVALID_HEADER_VALUE, "undefined", &name);
  for (i = 0; i < n; i++) {
    if (h1_has_invalid_header_char(values[i]))
      return h1__fail(err, H1_WE_INVALID_CHAR, what, &name);
  }
  return H1_WE_OK;
}

/* ` ["name"]`, as Node's messages quote the offending name. */
static void h1__put_name(struct h1__sink *s, struct h1_span name) {
  h1__puts(s, " [\"");
  h1__putsp(s, name);
  h1__puts(s, "\"]");
}

size_t h1_werror_format(const struct h1_werror *e, char *buf, size_t cap) {
  struct h1__sink s;
  s.p = buf;
  s.cap = cap;
  s.len = 0;
  switch (e->code) {
  case H1_WE_INVALID_HTTP_TOKEN:
    h1__puts(&s, e->what);
    h1__puts(&s, " must be a valid HTTP token");
    h1__put_name(&s, e->name);
    break;
  case H1_WE_INVALID_CHAR:
    h1__puts(&s, "Invalid character in ");
    h1__puts(&s, e->what);
    if (e->has_name)
      h1__put_name(&s, e->name);
    break;
  case H1_WE_INVALID_HEADER_VALUE:
    h1__puts(&s, "Invalid value \"undefined\" for header \"");
    h1__putsp(&s, e->name);
    h1__puts(&s, "\"");
    break;
  case H1_WE_HEADERS_SENT:
    h1__puts(&s, "Cannot ");
    h1__puts(&s, e->what);
    h1__puts(&s, " headers after they are sent to the client");
    break;
  case H1_WE_INVALID_STATUS_CODE:
    h1__puts(&s, "Invalid status code: ");
    h1__putnum(&s, e->a);
    break;
  case H1_WE_CONTENT_LENGTH_MISMATCH:
    h1__puts(&s, "Response body's content-length of ");
    h1__putnum(&s, e->a);
    h1__puts(&s, " byte(s) does not match the content-length of ");
    if (e->b < 0)
      h1__puts(&s, "NaN");
    else
      h1__putnum(&s, e->b);
    h1__puts(&s, " byte(s) set in header");
    break;
  case H1_WE_UNESCAPED_CHARACTERS:
    h1__puts(&s, e->what);
    h1__puts(&s, " contains unescaped characters");
    break;
  case H1_WE_INVALID_ARG_TYPE:
    /* the type Node received is the caller's part: " Received ..." */
    h1__puts(&s, "The \"");
    h1__puts(&s, e->what);
    h1__puts(&s, "\" property must be of type string.");
    break;
  case H1_WE_INVALID_ARG_VALUE:
    /* util.inspect of the value is the caller's part: " Received ..." */
    h1__puts(&s, "The argument '");
    h1__puts(&s, e->what);
    if (h1_span_ieq(h1__lit(e->what), "hints", 5))
      h1__puts(&s, "' must be an array or string of format "
                   "\"</styles.css>; rel=preload; as=style\".");
    else
      h1__puts(&s, "' is invalid.");
    break;
  case H1_WE_STRICT_FRAMING:
    h1__puts(&s, "Refused by the strict profile: ");
    h1__puts(&s, e->what);
    if (e->has_name)
      h1__put_name(&s, e->name);
    break;
  default:
    if ((unsigned)e->code < (unsigned)H1_WE__COUNT)
      h1__puts(&s, h1__wmsgs[e->code]);
    break;
  }
  return s.len;
}
