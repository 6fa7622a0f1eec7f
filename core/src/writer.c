/*
 * writer.c -- Node 20's OutgoingMessage (lib/_http_outgoing.js), with the
 * parts of ServerResponse (lib/_http_server.js) and ClientRequest
 * (lib/_http_client.js) that decide bytes, over caller memory.
 *
 * Each function follows the Node function of the same name, in the same
 * order of checks, so that the first error Node throws is the one returned.
 * Calls that write work on a copy of the writer and commit it only once the
 * output fits: nothing is half-written.
 */
#include "h1/h1_write.h"

#include <string.h>

enum {
  WF_HAS_BODY = 1u << 0,      /* _hasBody */
  WF_CHUNKED = 1u << 1,       /* chunkedEncoding */
  WF_KEEP_ALIVE = 1u << 2,    /* shouldKeepAlive */
  WF_LAST = 1u << 3,          /* _last */
  WF_CHUNK_DEFAULT = 1u << 4, /* useChunkedEncodingByDefault */
  WF_REMOVED_CONN = 1u << 5,  /* _removedConnection */
  WF_REMOVED_CL = 1u << 6,    /* _removedContLen */
  WF_REMOVED_TE = 1u << 7,    /* _removedTE */
  WF_DEFAULT_KA = 1u << 8,    /* _defaultKeepAlive */
  WF_HEADER = 1u << 9,        /* _header !== null */
  WF_HEADER_SENT = 1u << 10,  /* _headerSent */
  WF_FINISHED = 1u << 11,     /* finished */
  WF_EXPECT_CONT = 1u << 12,  /* _expect_continue */
  WF_SENT100 = 1u << 13,      /* _sent100 */
  WF_REJECT = 1u << 14,       /* kRejectNonStandardBodyWrites */
  WF_MAXREQ = 1u << 15,       /* maxRequestsOnConnectionReached */
  WF_WANTS_SEND = 1u << 16,   /* the head went out at once (Expect) */
  WF_AGENT = 1u << 17,        /* requests: this.agent is set */
  WF_CL_NAN = 1u << 18,       /* _contentLength is NaN */
  WF_CL_SET = 1u << 19,       /* _contentLength is a number */
  WF_FRAMED_CL = 1u << 20,    /* the head carries a Content-Length */
  WF_HAS_TE = 1u << 21,       /* the head carries a Transfer-Encoding */
  WF_TRAILERS_SET = 1u << 22, /* addTrailers was called */
  WF_UNIQUE_LATE = 1u << 23   /* requests: uniqueHeaders apply from now */
};

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

/* ------------------------------------------------------------------------
 * Small helpers.
 * ------------------------------------------------------------------------ */

static size_t h1__cstrlen(const char *s) {
  const char *e = memchr(s, '\0', 4096);
  return e ? (size_t)(e - s) : 0;
}

static struct h1_span h1__lit(const char *s) {
  struct h1_span sp;
  sp.ptr = s;
  sp.len = h1__cstrlen(s);
  return sp;
}

static unsigned char h1__low(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static int h1__ieq(struct h1_span a, const char *lower) {
  size_t i, n = h1__cstrlen(lower);
  if (a.len != n)
    return 0;
  for (i = 0; i < n; i++) {
    if (h1__low((unsigned char)a.ptr[i]) != (unsigned char)lower[i])
      return 0;
  }
  return 1;
}

static int h1__ieq2(struct h1_span a, struct h1_span b) {
  size_t i;
  if (a.len != b.len)
    return 0;
  for (i = 0; i < a.len; i++) {
    if (h1__low((unsigned char)a.ptr[i]) != h1__low((unsigned char)b.ptr[i]))
      return 0;
  }
  return 1;
}

/* JavaScript's \w (no u flag): ASCII letters, digits and '_'. */
static int h1__word(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_';
}

/* /(?:^|\W)WORD(?:$|\W)/i on v. */
static int h1__has_word(struct h1_span v, const char *lower) {
  size_t n = h1__cstrlen(lower), i, j;
  if (v.len < n)
    return 0;
  for (i = 0; i + n <= v.len; i++) {
    if (i > 0 && h1__word((unsigned char)v.ptr[i - 1]))
      continue;
    for (j = 0; j < n; j++) {
      if (h1__low((unsigned char)v.ptr[i + j]) != (unsigned char)lower[j])
        break;
    }
    if (j < n)
      continue;
    if (i + n == v.len || !h1__word((unsigned char)v.ptr[i + n]))
      return 1;
  }
  return 0;
}

/* Node's tokenRegExp: /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/ */
static int h1__tchar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
      (c >= '0' && c <= '9'))
    return 1;
  return c != 0 && memchr("^_`-!#$%&'*+.|~", c, 15) != NULL;
}

int h1_is_token(struct h1_span s) {
  size_t i;
  if (s.len == 0)
    return 0;
  for (i = 0; i < s.len; i++) {
    if (!h1__tchar((unsigned char)s.ptr[i]))
      return 0;
  }
  return 1;
}

int h1_has_invalid_header_char(struct h1_span s) {
  size_t i;
  for (i = 0; i < s.len; i++) {
    unsigned char c = (unsigned char)s.ptr[i];
    if (!(c == '\t' || (c >= 0x20 && c <= 0x7e) || c >= 0x80))
      return 1;
  }
  return 0;
}

static h1_werrno h1__fail(struct h1_werror *err, h1_werrno code,
                          const char *what, const struct h1_span *name) {
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
static h1_werrno h1__validate_values(struct h1_span name,
                                     const struct h1_span *values, size_t n,
                                     unsigned flags, const char *what,
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

/* ------------------------------------------------------------------------
 * Messages.
 * ------------------------------------------------------------------------ */

struct h1__sink {
  char *p;
  size_t cap;
  size_t len;
};

static void h1__put(struct h1__sink *s, const char *d, size_t n) {
  if (n != 0 && s->p != NULL && s->len + n <= s->cap)
    memcpy(s->p + s->len, d, n);
  s->len += n;
}

static void h1__puts(struct h1__sink *s, const char *d) {
  h1__put(s, d, h1__cstrlen(d));
}

static void h1__putsp(struct h1__sink *s, struct h1_span sp) {
  h1__put(s, sp.ptr, sp.len);
}

/* Decimal of a signed number. */
static void h1__putnum(struct h1__sink *s, int64_t v) {
  char tmp[24];
  size_t i = sizeof(tmp);
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  do {
    tmp[--i] = (char)('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (v < 0)
    tmp[--i] = '-';
  h1__put(s, tmp + i, sizeof(tmp) - i);
}

size_t h1_werror_format(const struct h1_werror *e, char *buf, size_t cap) {
  struct h1__sink s;
  s.p = buf;
  s.cap = cap;
  s.len = 0;
  switch (e->code) {
  case H1_WE_INVALID_HTTP_TOKEN:
    h1__puts(&s, e->what);
    h1__puts(&s, " must be a valid HTTP token [\"");
    h1__putsp(&s, e->name);
    h1__puts(&s, "\"]");
    break;
  case H1_WE_INVALID_CHAR:
    h1__puts(&s, "Invalid character in ");
    h1__puts(&s, e->what);
    if (e->has_name) {
      h1__puts(&s, " [\"");
      h1__putsp(&s, e->name);
      h1__puts(&s, "\"]");
    }
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
  case H1_WE_INVALID_ARG_VALUE:
    /* util.inspect of the value is the caller's part: " Received ..." */
    h1__puts(&s, "The argument '");
    h1__puts(&s, e->what);
    if (h1__ieq(h1__lit(e->what), "hints"))
      h1__puts(&s, "' must be an array or string of format "
                   "\"</styles.css>; rel=preload; as=style\".");
    else
      h1__puts(&s, "' is invalid.");
    break;
  case H1_WE_STRICT_FRAMING:
    h1__puts(&s, "Refused by the strict profile: ");
    h1__puts(&s, e->what);
    if (e->has_name) {
      h1__puts(&s, " [\"");
      h1__putsp(&s, e->name);
      h1__puts(&s, "\"]");
    }
    break;
  default:
    if ((unsigned)e->code < (unsigned)H1_WE__COUNT)
      h1__puts(&s, h1__wmsgs[e->code]);
    break;
  }
  return s.len;
}

/* ------------------------------------------------------------------------
 * Tables: STATUS_CODES and the Date format.
 * ------------------------------------------------------------------------ */

static const struct {
  uint16_t code;
  const char *text;
} h1__status[] = {
    {100, "Continue"},
    {101, "Switching Protocols"},
    {102, "Processing"},
    {103, "Early Hints"},
    {200, "OK"},
    {201, "Created"},
    {202, "Accepted"},
    {203, "Non-Authoritative Information"},
    {204, "No Content"},
    {205, "Reset Content"},
    {206, "Partial Content"},
    {207, "Multi-Status"},
    {208, "Already Reported"},
    {226, "IM Used"},
    {300, "Multiple Choices"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {303, "See Other"},
    {304, "Not Modified"},
    {305, "Use Proxy"},
    {307, "Temporary Redirect"},
    {308, "Permanent Redirect"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {402, "Payment Required"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {406, "Not Acceptable"},
    {407, "Proxy Authentication Required"},
    {408, "Request Timeout"},
    {409, "Conflict"},
    {410, "Gone"},
    {411, "Length Required"},
    {412, "Precondition Failed"},
    {413, "Payload Too Large"},
    {414, "URI Too Long"},
    {415, "Unsupported Media Type"},
    {416, "Range Not Satisfiable"},
    {417, "Expectation Failed"},
    {418, "I'm a Teapot"},
    {421, "Misdirected Request"},
    {422, "Unprocessable Entity"},
    {423, "Locked"},
    {424, "Failed Dependency"},
    {425, "Too Early"},
    {426, "Upgrade Required"},
    {428, "Precondition Required"},
    {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"},
    {451, "Unavailable For Legal Reasons"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
    {505, "HTTP Version Not Supported"},
    {506, "Variant Also Negotiates"},
    {507, "Insufficient Storage"},
    {508, "Loop Detected"},
    {509, "Bandwidth Limit Exceeded"},
    {510, "Not Extended"},
    {511, "Network Authentication Required"},
};

const char *h1_status_text(unsigned code) {
  size_t i;
  for (i = 0; i < sizeof(h1__status) / sizeof(h1__status[0]); i++) {
    if (h1__status[i].code == code)
      return h1__status[i].text;
  }
  return NULL;
}

void h1_format_date(int64_t t, char out[H1_DATE_LEN]) {
  static const char days[] = "ThuFriSatSunMonTueWed";
  static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  int64_t d = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t secs = t - d * 86400;
  int64_t z = d + 719468, era, doe, yoe, y, doy, mp, dd, m;
  int64_t wd = d % 7;
  if (wd < 0)
    wd += 7;
  /* civil_from_days (H. Hinnant) */
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  dd = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2)
    y++;
  memcpy(out, days + wd * 3, 3);
  out[3] = ',';
  out[4] = ' ';
  out[5] = (char)('0' + dd / 10);
  out[6] = (char)('0' + dd % 10);
  out[7] = ' ';
  memcpy(out + 8, months + (m - 1) * 3, 3);
  out[11] = ' ';
  out[12] = (char)('0' + (y / 1000) % 10);
  out[13] = (char)('0' + (y / 100) % 10);
  out[14] = (char)('0' + (y / 10) % 10);
  out[15] = (char)('0' + y % 10);
  out[16] = ' ';
  out[17] = (char)('0' + secs / 36000);
  out[18] = (char)('0' + (secs / 3600) % 10);
  out[19] = ':';
  out[20] = (char)('0' + (secs % 3600) / 600);
  out[21] = (char)('0' + (secs % 600) / 60);
  out[22] = ':';
  out[23] = (char)('0' + (secs % 60) / 10);
  out[24] = (char)('0' + secs % 10);
  memcpy(out + 25, " GMT", 4);
}

/* ------------------------------------------------------------------------
 * The store: keys in slots, JavaScript object order.
 * ------------------------------------------------------------------------ */

static size_t h1__slots_of(const struct h1_wline *l) {
  return l->nvalues ? l->nvalues : 1;
}

/* Slot index of the key named `name` (case-insensitive), or (size_t)-1. */
static size_t h1__find(const struct h1_wline *lines, size_t n,
                       struct h1_span name) {
  size_t i = 0;
  while (i < n) {
    if (h1__ieq2(lines[i].name, name))
      return i;
    i += h1__slots_of(&lines[i]);
  }
  return (size_t)-1;
}

/* A canonical array index ("0", "17"; not "017"): JavaScript puts such keys
 * first, in ascending order. */
static int h1__int_key(struct h1_span k, uint64_t *v) {
  size_t i;
  uint64_t x = 0;
  if (k.len == 0 || k.len > 10 || (k.len > 1 && k.ptr[0] == '0'))
    return 0;
  for (i = 0; i < k.len; i++) {
    if (k.ptr[i] < '0' || k.ptr[i] > '9')
      return 0;
    x = x * 10 + (uint64_t)(k.ptr[i] - '0');
  }
  if (x > 4294967294u)
    return 0;
  *v = x;
  return 1;
}

/* The slot of the i-th key in JavaScript's order, or (size_t)-1. */
static size_t h1__key_at(const struct h1_wline *lines, size_t n, size_t want) {
  size_t i, nint = 0, k = 0;
  uint64_t v, last = 0;
  int have_last = 0;
  for (i = 0; i < n; i += h1__slots_of(&lines[i])) {
    if (h1__int_key(lines[i].name, &v))
      nint++;
  }
  if (want < nint) {
    /* the want-th smallest integer key (keys are unique) */
    for (;;) {
      size_t best = (size_t)-1;
      uint64_t bv = 0;
      for (i = 0; i < n; i += h1__slots_of(&lines[i])) {
        if (h1__int_key(lines[i].name, &v) && (!have_last || v > last) &&
            (best == (size_t)-1 || v < bv)) {
          best = i;
          bv = v;
        }
      }
      if (k == want || best == (size_t)-1)
        return best;
      last = bv;
      have_last = 1;
      k++;
    }
  }
  k = nint;
  for (i = 0; i < n; i += h1__slots_of(&lines[i])) {
    if (h1__int_key(lines[i].name, &v))
      continue;
    if (k == want)
      return i;
    k++;
  }
  return (size_t)-1;
}

/* Replaces slots [at, at+old) with `news` slots whose first is filled by the
 * caller; returns 0 when the store is full. */
static int h1__resize_key(struct h1_wline *lines, size_t *n, size_t cap,
                          size_t at, size_t old, size_t news) {
  if (news > old && *n + (news - old) > cap)
    return 0;
  memmove(lines + at + news, lines + at + old,
          (*n - at - old) * sizeof(*lines));
  *n = *n + news - old;
  return 1;
}

static int h1__is_unique(const h1_writer *w, struct h1_span key) {
  size_t i;
  if (w->h1__kind == H1_W_REQUEST && !(w->h1__flags & WF_UNIQUE_LATE))
    return 0;
  for (i = 0; i < w->h1__nunique; i++) {
    if (h1__ieq2(w->h1__unique[i], key))
      return 1;
  }
  return 0;
}

/* Stores a key into lines (setHeader's assignment, without checks). */
static h1_werrno h1__store_set(struct h1_wline *lines, size_t *n, size_t cap,
                               struct h1_span name,
                               const struct h1_span *values, size_t nv,
                               unsigned flags) {
  size_t at = h1__find(lines, *n, name), old = 0, i, news = nv ? nv : 1;
  if (at == (size_t)-1)
    at = *n;
  else
    old = h1__slots_of(&lines[at]);
  if (!h1__resize_key(lines, n, cap, at, old, news))
    return H1_WE_STORE_FULL;
  for (i = 0; i < news; i++) {
    lines[at + i].name = name;
    lines[at + i].nvalues = 0;
    lines[at + i].flags = 0;
    lines[at + i].value.ptr = NULL;
    lines[at + i].value.len = 0;
    if (i < nv)
      lines[at + i].value = values[i];
  }
  lines[at].nvalues = (uint32_t)nv;
  lines[at].flags = flags & (H1_WV_LIST | H1_WV_FALSY);
  return H1_WE_OK;
}

/* ------------------------------------------------------------------------
 * Init.
 * ------------------------------------------------------------------------ */

static void h1__init_common(h1_writer *w, h1_wkind kind, h1_profile profile,
                            struct h1_wline *lines, size_t cap,
                            struct h1_wline *tlines, size_t tcap, char *head,
                            size_t head_cap) {
  memset(w, 0, sizeof(*w));
  w->h1__kind = kind;
  w->h1__profile = profile;
  w->h1__lines = lines;
  w->h1__cap = cap;
  w->h1__tlines = tlines;
  w->h1__tcap = tlines ? tcap : 0;
  w->h1__head = head;
  w->h1__head_cap = head_cap;
  w->status_code = 200;
  w->h1__status = 200;
  w->h1__flags = WF_HAS_BODY | WF_KEEP_ALIVE | WF_DEFAULT_KA | WF_CHUNK_DEFAULT;
}

void h1_writer_init_response(h1_writer *w, h1_profile profile,
                             const struct h1_wresponse_options *opt,
                             struct h1_wline *lines, size_t cap,
                             struct h1_wline *trailers, size_t tcap, char *head,
                             size_t head_cap) {
  h1__init_common(w, H1_W_RESPONSE, profile, lines, cap, trailers, tcap, head,
                  head_cap);
  if (opt->head)
    w->h1__flags &= ~(uint32_t)WF_HAS_BODY;
  w->send_date = 1;
  if (opt->version_major < 1 || opt->version_minor < 1) {
    if (!opt->te_chunked)
      w->h1__flags &= ~(uint32_t)WF_CHUNK_DEFAULT;
  }
  w->h1__keep_alive_timeout = opt->keep_alive_timeout;
  w->h1__max_requests = opt->max_requests_per_socket;
  if (opt->keep_alive)
    w->h1__flags |= WF_KEEP_ALIVE;
  else
    w->h1__flags &= ~(uint32_t)WF_KEEP_ALIVE;
  if (opt->expect_continue)
    w->h1__flags |= WF_EXPECT_CONT;
  if (opt->max_requests_reached)
    w->h1__flags |= WF_MAXREQ;
  if (opt->reject_non_standard_body_writes)
    w->h1__flags |= WF_REJECT;
  w->h1__unique = opt->unique_headers;
  w->h1__nunique = opt->unique_headers ? opt->nunique : 0;
}

void h1_writer_set_time(h1_writer *w, int64_t unix_seconds) {
  w->h1__now = unix_seconds;
}

/* ------------------------------------------------------------------------
 * The header store API.
 * ------------------------------------------------------------------------ */

h1_werrno h1_writer_set_header(h1_writer *w, struct h1_span name,
                               const struct h1_span *values, size_t n,
                               unsigned flags) {
  h1_werrno e;
  if (w->h1__flags & WF_HEADER)
    return h1__fail(&w->err, H1_WE_HEADERS_SENT, "set", NULL);
  if ((e = h1_validate_header_name(name, NULL, &w->err)) != H1_WE_OK)
    return e;
  if ((e = h1__validate_values(name, values, n, flags, "header content",
                               &w->err)) != H1_WE_OK)
    return e;
  if (!(flags & H1_WV_LIST) && n != 1)
    n = n ? 1 : 0;
  if (h1__store_set(w->h1__lines, &w->h1__nlines, w->h1__cap, name, values, n,
                    flags) != H1_WE_OK)
    return h1__fail(&w->err, H1_WE_STORE_FULL, "", NULL);
  w->h1__has_store = 1;
  return H1_WE_OK;
}

h1_werrno h1_writer_append_header(h1_writer *w, struct h1_span name,
                                  const struct h1_span *values, size_t n,
                                  unsigned flags) {
  h1_werrno e;
  size_t at, old, oldn, total, i;
  struct h1_wline *l;
  if (w->h1__flags & WF_HEADER)
    return h1__fail(&w->err, H1_WE_HEADERS_SENT, "append", NULL);
  if ((e = h1_validate_header_name(name, NULL, &w->err)) != H1_WE_OK)
    return e;
  if ((e = h1__validate_values(name, values, n, flags, "header content",
                               &w->err)) != H1_WE_OK)
    return e;
  at = w->h1__has_store ? h1__find(w->h1__lines, w->h1__nlines, name)
                        : (size_t)-1;
  if (at == (size_t)-1)
    return h1_writer_set_header(w, name, values, n, flags);
  l = w->h1__lines;
  old = h1__slots_of(&l[at]);
  oldn = l[at].nvalues;
  total = oldn + n;
  if (!h1__resize_key(l, &w->h1__nlines, w->h1__cap, at + old, 0,
                      (total ? total : 1) - old))
    return h1__fail(&w->err, H1_WE_STORE_FULL, "", NULL);
  for (i = oldn; i < total; i++) {
    l[at + i].name = l[at].name;
    l[at + i].value = values[i - oldn];
    if (i != 0) {
      l[at + i].nvalues = 0;
      l[at + i].flags = 0;
    }
  }
  l[at].nvalues = (uint32_t)total;
  l[at].flags = H1_WV_LIST;
  return H1_WE_OK;
}

h1_werrno h1_writer_remove_header(h1_writer *w, struct h1_span name) {
  size_t at;
  if (w->h1__flags & WF_HEADER)
    return h1__fail(&w->err, H1_WE_HEADERS_SENT, "remove", NULL);
  if (h1__ieq(name, "connection"))
    w->h1__flags |= WF_REMOVED_CONN;
  else if (h1__ieq(name, "content-length"))
    w->h1__flags |= WF_REMOVED_CL;
  else if (h1__ieq(name, "transfer-encoding"))
    w->h1__flags |= WF_REMOVED_TE;
  else if (h1__ieq(name, "date"))
    w->send_date = 0;
  if (w->h1__has_store) {
    at = h1__find(w->h1__lines, w->h1__nlines, name);
    if (at != (size_t)-1)
      h1__resize_key(w->h1__lines, &w->h1__nlines, w->h1__cap, at,
                     h1__slots_of(&w->h1__lines[at]), 0);
  }
  return H1_WE_OK;
}

int h1_writer_has_header(const h1_writer *w, struct h1_span name) {
  return w->h1__has_store &&
         h1__find(w->h1__lines, w->h1__nlines, name) != (size_t)-1;
}

const struct h1_wline *h1_writer_get_header(const h1_writer *w,
                                            struct h1_span name) {
  size_t at;
  if (!w->h1__has_store)
    return NULL;
  at = h1__find(w->h1__lines, w->h1__nlines, name);
  return at == (size_t)-1 ? NULL : &w->h1__lines[at];
}

const struct h1_wline *h1_writer_header_at(const h1_writer *w, size_t i) {
  size_t at = h1__key_at(w->h1__lines, w->h1__nlines, i);
  return at == (size_t)-1 ? NULL : &w->h1__lines[at];
}

void h1_writer_set_status(h1_writer *w, int status_code) {
  w->h1__status = status_code;
}

void h1_writer_set_status_message(h1_writer *w, struct h1_span msg) {
  w->status_message = msg;
  w->has_status_message = 1;
}

int h1_writer_headers_sent(const h1_writer *w) {
  return (w->h1__flags & WF_HEADER) != 0;
}
int h1_writer_finished(const h1_writer *w) {
  return (w->h1__flags & WF_FINISHED) != 0;
}
int h1_writer_last(const h1_writer *w) {
  return (w->h1__flags & WF_LAST) != 0;
}
int h1_writer_chunked(const h1_writer *w) {
  return (w->h1__flags & WF_CHUNKED) != 0;
}
int h1_writer_wants_send(const h1_writer *w) {
  return (w->h1__flags & WF_WANTS_SEND) != 0 &&
         !(w->h1__flags & WF_HEADER_SENT);
}

/* ------------------------------------------------------------------------
 * _storeHeader: renders the head into the head buffer.
 * ------------------------------------------------------------------------ */

struct h1__hstate {
  int connection, cont_len, te, date, expect, trailer;
  struct h1__sink s;
};

/* +value for a Content-Length value: decimal with JS whitespace trimmed;
 * anything else is NaN (returns 0). */
static int h1__to_number(struct h1_span v, int64_t *out) {
  size_t a = 0, b = v.len, i;
  int64_t x = 0;
  int neg = 0;
#define H1__JSWS(c) (((c) >= 9 && (c) <= 13) || (c) == 32 || (c) == 0xa0)
  while (a < b && H1__JSWS((unsigned char)v.ptr[a]))
    a++;
  while (b > a && H1__JSWS((unsigned char)v.ptr[b - 1]))
    b--;
#undef H1__JSWS
  if (a < b && (v.ptr[a] == '+' || v.ptr[a] == '-')) {
    neg = v.ptr[a] == '-';
    a++;
    if (a == b)
      return 0;
  }
  for (i = a; i < b; i++) {
    if (v.ptr[i] < '0' || v.ptr[i] > '9' || x > (INT64_MAX - 9) / 10)
      return 0;
    x = x * 10 + (v.ptr[i] - '0');
  }
  *out = neg ? -x : x;
  return 1;
}

/* Values either in a span array or in consecutive store slots. */
struct h1__vals {
  const struct h1_span *arr;
  const struct h1_wline *slots;
};

static struct h1_span h1__val(const struct h1__vals *v, size_t i) {
  return v->arr ? v->arr[i] : v->slots[i].value;
}

static void h1__match_header(h1_writer *w, struct h1__hstate *st,
                             struct h1_span field, const struct h1__vals *vals,
                             size_t nv) {
  size_t i;
  int64_t cl;
  if (field.len < 4 || field.len > 17)
    return;
  if (h1__ieq(field, "connection")) {
    int close = 0;
    st->connection = 1;
    w->h1__flags &= ~(uint32_t)WF_REMOVED_CONN;
    for (i = 0; i < nv; i++)
      close |= h1__has_word(h1__val(vals, i), "close");
    if (close)
      w->h1__flags |= WF_LAST;
    else
      w->h1__flags |= WF_KEEP_ALIVE;
  } else if (h1__ieq(field, "transfer-encoding")) {
    int ch = 0;
    st->te = 1;
    w->h1__flags &= ~(uint32_t)WF_REMOVED_TE;
    w->h1__flags |= WF_HAS_TE;
    for (i = 0; i < nv; i++)
      ch |= h1__has_word(h1__val(vals, i), "chunked");
    if (ch)
      w->h1__flags |= WF_CHUNKED;
  } else if (h1__ieq(field, "content-length")) {
    st->cont_len = 1;
    w->h1__flags |= WF_FRAMED_CL;
    w->h1__flags &= ~(uint32_t)WF_REMOVED_CL;
    w->h1__flags &= ~(uint32_t)(WF_CL_SET | WF_CL_NAN);
    if (nv == 1 && h1__to_number(h1__val(vals, 0), &cl)) {
      w->h1__content_length = cl;
      w->h1__flags |= WF_CL_SET;
    } else {
      w->h1__flags |= WF_CL_SET | WF_CL_NAN;
    }
  } else if (h1__ieq(field, "date")) {
    st->date = 1;
  } else if (h1__ieq(field, "expect")) {
    st->expect = 1;
  } else if (h1__ieq(field, "trailer")) {
    st->trailer = 1;
  } else if (h1__ieq(field, "keep-alive")) {
    w->h1__flags &= ~(uint32_t)WF_DEFAULT_KA;
  }
}

/* storeHeader: `key: v1; v2\r\n` (nv > 1 only for a joined list). */
/*
 * Node's Content-Disposition quirk (processHeader, nodejs/node#46528): when
 * _contentLength is known, the value becomes Buffer.from(value, 'latin1'),
 * which the head's string concatenation decodes as UTF-8 (WHATWG, U+FFFD for
 * each maximal invalid subpart) and the head's latin1 write keeps the low
 * byte of each UTF-16 unit.  `sink` NULL: only report whether a unit above
 * 0xFF appears (which validateHeaderValue would reject).
 */
static int h1__cd_recode(struct h1__sink *sink, struct h1_span v) {
  const unsigned char *s = (const unsigned char *)v.ptr;
  size_t i = 0, n = v.len;
  int wide = 0;
  while (i < n) {
    unsigned b = s[i], need, lo = 0x80, hi = 0xBF, cp, k;
    size_t j;
    if (b < 0x80) {
      if (sink) {
        char c = (char)b;
        h1__put(sink, &c, 1);
      }
      i++;
      continue;
    }
    if (b >= 0xC2 && b <= 0xDF) {
      need = 1;
      cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2;
      cp = b & 0x0F;
      lo = b == 0xE0 ? 0xA0 : 0x80;
      hi = b == 0xED ? 0x9F : 0xBF;
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3;
      cp = b & 0x07;
      lo = b == 0xF0 ? 0x90 : 0x80;
      hi = b == 0xF4 ? 0x8F : 0xBF;
    } else {
      need = 0;
      cp = 0xFFFD;
    }
    j = i + 1;
    for (k = 0; k < need; k++) {
      if (j >= n || s[j] < lo || s[j] > hi)
        break;
      cp = (cp << 6) | (s[j] & 0x3Fu);
      lo = 0x80;
      hi = 0xBF;
      j++;
    }
    if (k < need)
      cp = 0xFFFD; /* the offending byte is read again */
    i = j;
    if (cp > 0xFF)
      wide = 1;
    if (sink) {
      char u[2];
      if (cp > 0xFFFF) {
        u[0] = (char)((0xD800u + ((cp - 0x10000u) >> 10)) & 0xFF);
        u[1] = (char)((0xDC00u + ((cp - 0x10000u) & 0x3FFu)) & 0xFF);
        h1__put(sink, u, 2);
      } else {
        u[0] = (char)(cp & 0xFF);
        h1__put(sink, u, 1);
      }
    }
  }
  return wide;
}

static h1_werrno h1__store_line(h1_writer *w, struct h1__hstate *st,
                                struct h1_span key, const struct h1__vals *v,
                                size_t nv, int validate) {
  size_t i;
  int cd = key.len == 19 && h1__ieq(key, "content-disposition") &&
           (w->h1__flags & WF_CL_SET) && !(w->h1__flags & WF_CL_NAN) &&
           w->h1__content_length != 0;
  if (validate) {
    for (i = 0; i < nv; i++) {
      if (h1_has_invalid_header_char(h1__val(v, i)) ||
          (cd && h1__cd_recode(NULL, h1__val(v, i))))
        return h1__fail(&w->err, H1_WE_INVALID_CHAR, "header content", &key);
    }
  }
  h1__putsp(&st->s, key);
  h1__put(&st->s, ": ", 2);
  for (i = 0; i < nv; i++) {
    if (i)
      h1__put(&st->s, "; ", 2);
    if (cd)
      (void)h1__cd_recode(&st->s, h1__val(v, i));
    else
      h1__putsp(&st->s, h1__val(v, i));
  }
  h1__put(&st->s, "\r\n", 2);
  h1__match_header(w, st, key, v, nv);
  return H1_WE_OK;
}

/* processHeader(self, state, key, value, validate) */
static h1_werrno h1__process_header(h1_writer *w, struct h1__hstate *st,
                                    struct h1_span key,
                                    const struct h1__vals *v, size_t nv,
                                    unsigned flags, int validate) {
  h1_werrno e;
  size_t i;
  if (validate && (e = h1_validate_header_name(key, NULL, &w->err)) != 0)
    return e;
  if (validate && (flags & H1_WV_UNDEFINED))
    return h1__fail(&w->err, H1_WE_INVALID_HEADER_VALUE, "undefined", &key);
  if ((flags & H1_WV_LIST) && (nv < 2 || !h1__ieq(key, "cookie")) &&
      !h1__is_unique(w, key)) {
    for (i = 0; i < nv; i++) {
      struct h1__vals one;
      struct h1_span sp = h1__val(v, i);
      one.arr = &sp;
      one.slots = NULL;
      if ((e = h1__store_line(w, st, key, &one, 1, validate)) != 0)
        return e;
    }
    return H1_WE_OK;
  }
  if (!(flags & H1_WV_LIST) && nv == 0) {
    static const struct h1_span empty = {"", 0};
    struct h1__vals one;
    one.arr = &empty;
    one.slots = NULL;
    return h1__store_line(w, st, key, &one, 1, validate);
  }
  return h1__store_line(w, st, key, v, nv, validate);
}

static h1_werrno h1__strict(h1_writer *w, const char *what,
                            const struct h1_span *name) {
  return h1__fail(&w->err, H1_WE_STRICT_FRAMING, what, name);
}

/* The strict profile's checks on a rendered head. */
static h1_werrno h1__strict_head(h1_writer *w, const struct h1__hstate *st) {
  if (st->te && !(w->h1__flags & WF_CHUNKED))
    return h1__strict(w, "Transfer-Encoding without chunked", NULL);
  if (st->te && st->cont_len)
    return h1__strict(w, "Content-Length with Transfer-Encoding", NULL);
  if (st->cont_len && (w->h1__flags & WF_CL_NAN))
    return h1__strict(w, "Content-Length that is not one number", NULL);
  if (st->cont_len && w->h1__content_length < 0)
    return h1__strict(w, "Content-Length that is not one number", NULL);
  /* The head must read back: h1's own parser, strict profile, no size
   * limit, checking only, must accept it whole.  This refuses everything a
   * peer could read differently (a target that is not origin-form, bytes
   * above 0x7E in it, an RTSP method on HTTP/1.1, an empty Content-Length,
   * ...), whichever way the head was put together. */
  if (st->s.len <= w->h1__head_cap) {
    struct h1_settings set;
    struct h1_event ev;
    h1_parser ps;
    size_t used;
    memset(&set, 0, sizeof(set));
    set.type = w->h1__kind == H1_W_REQUEST ? H1_REQUEST : H1_RESPONSE;
    set.profile = H1_PROFILE_STRICT;
    set.max_header_size = 0xffffffffu;
    h1_parser_init(&ps, &set, NULL, 0, NULL, 0);
    used = h1_execute(&ps, w->h1__head, st->s.len, &ev);
    if (ev.type != H1_EV_HEAD || used != st->s.len)
      return h1__strict(w, "a head that h1's parser does not read back", NULL);
    /* ... and frame the body as this writer will: chunked only when the
     * parser reads chunked as the last coding (Node's own test is looser) */
    if (!(w->h1__flags & WF_CHUNKED) != !(ps.msg.flags & H1_F_CHUNKED))
      return h1__strict(w, "a Transfer-Encoding the parser frames differently",
                        NULL);
  }
  return H1_WE_OK;
}

/*
 * _storeHeader(firstLine, headers).  `fields` NULL: the store (no
 * validation); else the caller's fields (validated), flat when `array`.
 * Works on `w` (a copy the caller commits).
 */
static h1_werrno h1__store_header(h1_writer *w, const char *l1a,
                                  struct h1_span l1b, const char *l1c,
                                  struct h1_span l1d, const char *l1e,
                                  int from_store,
                                  const struct h1_wfield *fields, size_t n,
                                  int odd) {
  struct h1__hstate st;
  h1_werrno e;
  size_t i;
  uint32_t f;
  memset(&st, 0, sizeof(st));
  st.s.p = w->h1__head;
  st.s.cap = w->h1__head_cap;
  h1__puts(&st.s, l1a);
  h1__putsp(&st.s, l1b);
  h1__puts(&st.s, l1c);
  h1__putsp(&st.s, l1d);
  h1__puts(&st.s, l1e);
  if (from_store) {
    for (i = 0;; i++) {
      size_t at = h1__key_at(w->h1__lines, w->h1__nlines, i);
      struct h1__vals v;
      if (at == (size_t)-1)
        break;
      v.arr = NULL;
      v.slots = &w->h1__lines[at];
      h1__process_header(w, &st, v.slots->name, &v, v.slots->nvalues,
                         v.slots->flags, 0);
    }
  } else if (fields != NULL || odd) {
    if (odd)
      return h1__fail(&w->err, H1_WE_INVALID_ARG_VALUE, "headers", NULL);
    for (i = 0; i < n; i++) {
      struct h1__vals v;
      v.arr = fields[i].values;
      v.slots = NULL;
      if ((e = h1__process_header(w, &st, fields[i].name, &v, fields[i].nvalues,
                                  fields[i].flags, 1)) != 0)
        return e;
    }
  }

  f = w->h1__flags;
  if (w->send_date && !st.date) {
    char d[H1_DATE_LEN];
    h1_format_date(w->h1__now, d);
    h1__puts(&st.s, "Date: ");
    h1__put(&st.s, d, H1_DATE_LEN);
    h1__puts(&st.s, "\r\n");
  }
  if ((f & WF_CHUNKED) && (w->status_code == 204 || w->status_code == 304) &&
      w->h1__kind == H1_W_RESPONSE) {
    f &= ~(uint32_t)(WF_CHUNKED | WF_KEEP_ALIVE);
  }
  if (f & WF_REMOVED_CONN) {
    if (f & WF_KEEP_ALIVE)
      f &= ~(uint32_t)WF_LAST;
    else
      f |= WF_LAST;
  } else if (!st.connection) {
    int send_ka = (f & WF_KEEP_ALIVE) &&
                  (st.cont_len || (f & WF_CHUNK_DEFAULT) || (f & WF_AGENT));
    if (send_ka && (f & WF_MAXREQ)) {
      h1__puts(&st.s, "Connection: close\r\n");
    } else if (send_ka) {
      h1__puts(&st.s, "Connection: keep-alive\r\n");
      if (w->h1__keep_alive_timeout && (f & WF_DEFAULT_KA)) {
        h1__puts(&st.s, "Keep-Alive: timeout=");
        h1__putnum(&st.s, (int64_t)(w->h1__keep_alive_timeout / 1000));
        if (w->h1__max_requests > 0 && w->h1__max_requests <= 0x7fffffffu) {
          h1__puts(&st.s, ", max=");
          h1__putnum(&st.s, (int64_t)w->h1__max_requests);
        }
        h1__puts(&st.s, "\r\n");
      }
    } else {
      f |= WF_LAST;
      h1__puts(&st.s, "Connection: close\r\n");
    }
  }
  if (!st.cont_len && !st.te) {
    if (!(f & WF_HAS_BODY)) {
      f &= ~(uint32_t)WF_CHUNKED;
    } else if (!(f & WF_CHUNK_DEFAULT)) {
      f |= WF_LAST;
    } else if (!st.trailer && !(f & WF_REMOVED_CL) && (f & WF_CL_SET) &&
               !(f & WF_CL_NAN)) {
      h1__puts(&st.s, "Content-Length: ");
      h1__putnum(&st.s, w->h1__content_length);
      h1__puts(&st.s, "\r\n");
      f |= WF_FRAMED_CL;
    } else if (!(f & WF_REMOVED_TE)) {
      h1__puts(&st.s, "Transfer-Encoding: chunked\r\n");
      f |= WF_CHUNKED;
    } else {
      f |= WF_LAST;
    }
  }
  if (!(f & WF_CHUNKED) && st.trailer)
    return h1__fail(&w->err, H1_WE_TRAILER_INVALID, "", NULL);
  h1__puts(&st.s, "\r\n");
  w->h1__flags = f;
  if (w->h1__profile == H1_PROFILE_STRICT &&
      (e = h1__strict_head(w, &st)) != H1_WE_OK)
    return e;
  if (st.s.len > w->h1__head_cap) {
    h1__fail(&w->err, H1_WE_NO_ROOM, "head", NULL);
    w->err.a = (int64_t)st.s.len;
    return H1_WE_NO_ROOM;
  }
  w->h1__head_len = st.s.len;
  w->h1__flags |= WF_HEADER;
  w->h1__flags &= ~(uint32_t)WF_HEADER_SENT;
  if (st.expect)
    w->h1__flags |= WF_WANTS_SEND;
  return H1_WE_OK;
}

/* ------------------------------------------------------------------------
 * writeHead and the implicit header.
 * ------------------------------------------------------------------------ */

static h1_werrno h1__write_head(h1_writer *w, int status,
                                const struct h1_span *reason,
                                const struct h1_wfield *fields, size_t n,
                                unsigned flags) {
  h1_werrno e;
  size_t i;
  int from_store;
  char code[3];
  if (w->h1__flags & WF_HEADER)
    return h1__fail(&w->err, H1_WE_HEADERS_SENT, "write", NULL);
  if (status < 100 || status > 999) {
    h1__fail(&w->err, H1_WE_INVALID_STATUS_CODE, "", NULL);
    w->err.a = status;
    return H1_WE_INVALID_STATUS_CODE;
  }
  if (reason != NULL) {
    w->status_message = *reason;
    w->has_status_message = 1;
  } else if (!w->has_status_message || w->status_message.len == 0) {
    const char *t = h1_status_text((unsigned)status);
    w->status_message = h1__lit(t ? t : "unknown");
    w->has_status_message = 1;
  }
  w->status_code = (uint16_t)status;
  w->h1__status = status;
  from_store = w->h1__has_store;
  if (from_store) {
    if (flags & H1_WH_ODD)
      return h1__fail(&w->err, H1_WE_INVALID_ARG_VALUE, "headers", NULL);
    for (i = 0; i < n; i++) {
      if (fields[i].name.len == 0)
        continue;
      if ((e = h1_writer_set_header(w, fields[i].name, fields[i].values,
                                    fields[i].nvalues, fields[i].flags)) != 0)
        return e;
    }
  }
  if (h1_has_invalid_header_char(w->status_message))
    return h1__fail(&w->err, H1_WE_INVALID_CHAR, "statusMessage", NULL);
  if (status == 204 || status == 304 || (status >= 100 && status <= 199))
    w->h1__flags &= ~(uint32_t)WF_HAS_BODY;
  if ((w->h1__flags & WF_EXPECT_CONT) && !(w->h1__flags & WF_SENT100))
    w->h1__flags &= ~(uint32_t)WF_KEEP_ALIVE;
  code[0] = (char)('0' + status / 100);
  code[1] = (char)('0' + (status / 10) % 10);
  code[2] = (char)('0' + status % 10);
  {
    struct h1_span cs;
    cs.ptr = code;
    cs.len = 3;
    return h1__store_header(w, "HTTP/1.1 ", cs, " ", w->status_message, "\r\n",
                            from_store, from_store ? NULL : fields, n,
                            (flags & H1_WH_ODD) != 0);
  }
}

h1_werrno h1_writer_write_head(h1_writer *w, int status_code,
                               const struct h1_span *reason,
                               const struct h1_wfield *fields, size_t n,
                               unsigned flags) {
  h1_writer t = *w;
  h1_werrno e;
  if (w->h1__kind != H1_W_RESPONSE)
    return h1__fail(&w->err, H1_WE_HEADERS_SENT, "write", NULL);
  e = h1__write_head(&t, status_code, reason, fields, n, flags);
  if (e != H1_WE_OK) {
    /* setHeader effects on the store stay, as in Node */
    w->h1__nlines = t.h1__nlines;
    w->h1__has_store = t.h1__has_store;
    w->err = t.err;
    return e;
  }
  *w = t;
  return H1_WE_OK;
}

static h1_werrno h1__implicit_header(h1_writer *w) {
  if (w->h1__kind == H1_W_RESPONSE)
    return h1__write_head(w, w->h1__status, NULL, NULL, 0, 0);
  if (w->h1__flags & WF_HEADER)
    return h1__fail(&w->err, H1_WE_HEADERS_SENT, "render", NULL);
  return h1__store_header(w, "", w->method, " ", w->h1__path, " HTTP/1.1\r\n",
                          w->h1__has_store, NULL, 0, 0);
}

/* ------------------------------------------------------------------------
 * Output plans: what a call puts on the wire, committed when it fits.
 * ------------------------------------------------------------------------ */

struct h1__plan {
  struct h1_span part[12];
  int n;
  int trailers_at; /* part index rendered from the trailer store, or -1 */
  char hex[20];
};

static void h1__plan_add(struct h1__plan *p, const char *d, size_t n) {
  if (n == 0)
    return;
  p->part[p->n].ptr = d;
  p->part[p->n].len = n;
  p->n++;
}

/* Renders the trailer store as Node's _trailer string. */
static size_t h1__render_trailers(const h1_writer *w, char *out) {
  struct h1__sink s;
  size_t i, j;
  s.p = out;
  s.cap = out ? (size_t)-1 : 0;
  s.len = 0;
  for (i = 0;; i++) {
    size_t at = h1__key_at(w->h1__tlines, w->h1__ntlines, i);
    const struct h1_wline *l;
    if (at == (size_t)-1)
      break;
    l = &w->h1__tlines[at];
    if ((l->flags & H1_WV_LIST) && l->nvalues > 1 &&
        !h1__is_unique(w, l->name)) {
      for (j = 0; j < l->nvalues; j++) {
        h1__putsp(&s, l->name);
        h1__put(&s, ": ", 2);
        h1__putsp(&s, l[j].value);
        h1__put(&s, "\r\n", 2);
      }
    } else {
      h1__putsp(&s, l->name);
      h1__put(&s, ": ", 2);
      for (j = 0; j < l->nvalues; j++) {
        if (j)
          h1__put(&s, "; ", 2);
        h1__putsp(&s, l[j].value);
      }
      h1__put(&s, "\r\n", 2);
    }
  }
  return s.len;
}

/* _send(data): the stored head goes first, once. */
static void h1__send(h1_writer *w, struct h1__plan *p, const char *d,
                     size_t n) {
  if (!(w->h1__flags & WF_HEADER_SENT) && (w->h1__flags & WF_HEADER)) {
    h1__plan_add(p, w->h1__head, w->h1__head_len);
    w->h1__flags |= WF_HEADER_SENT;
  }
  h1__plan_add(p, d, n);
}

static h1_werrno h1__commit(h1_writer *w, h1_writer *t, struct h1__plan *p,
                            struct h1_wbuf *out) {
  size_t total = 0, tl = 0;
  int i;
  for (i = 0; i < p->n; i++)
    total += p->part[i].len;
  if (p->trailers_at >= 0) {
    tl = h1__render_trailers(t, NULL);
    total += tl;
  }
  if (out->cap < out->len || out->cap - out->len < total) {
    out->needed = total;
    w->err.code = H1_WE_NO_ROOM;
    w->err.a = (int64_t)total;
    return H1_WE_NO_ROOM;
  }
  for (i = 0; i <= p->n; i++) {
    if (i == p->trailers_at) {
      h1__render_trailers(t, out->ptr + out->len);
      out->len += tl;
    }
    if (i < p->n) {
      memcpy(out->ptr + out->len, p->part[i].ptr, p->part[i].len);
      out->len += p->part[i].len;
    }
  }
  *w = *t;
  return H1_WE_OK;
}

static void h1__plan_init(struct h1__plan *p) {
  p->n = 0;
  p->trailers_at = -1;
}

/* strictContentLength(msg) */
static int h1__strict_cl(const h1_writer *w) {
  int on = w->strict_content_length || w->h1__profile == H1_PROFILE_STRICT;
  static const struct h1_span te = {"transfer-encoding", 17};
  return on && (w->h1__flags & WF_CL_SET) && (w->h1__flags & WF_HAS_BODY) &&
         !(w->h1__flags & WF_REMOVED_CL) && !(w->h1__flags & WF_CHUNKED) &&
         !h1_writer_has_header(w, te);
}

static const char h1__crlf[] = "\r\n";

/* write_(msg, chunk, encoding, callback, fromEnd) */
static h1_werrno h1__write_(h1_writer *w, const char *data, size_t len,
                            int from_end, struct h1__plan *p) {
  h1_werrno e;
  if (w->h1__flags & WF_FINISHED)
    return h1__fail(&w->err, H1_WE_WRITE_AFTER_END, "", NULL);
  if (w->strict_content_length || w->h1__profile == H1_PROFILE_STRICT) {
    if (h1__strict_cl(w)) {
      uint64_t sum = w->h1__bytes_written + len;
      int bad = (w->h1__flags & WF_CL_NAN) || w->h1__content_length < 0 ||
                (from_end ? sum != (uint64_t)w->h1__content_length
                          : sum > (uint64_t)w->h1__content_length);
      if (bad) {
        h1__fail(&w->err, H1_WE_CONTENT_LENGTH_MISMATCH, "", NULL);
        w->err.a = (int64_t)sum;
        w->err.b = (w->h1__flags & WF_CL_NAN) ? -1 : w->h1__content_length;
        return H1_WE_CONTENT_LENGTH_MISMATCH;
      }
    }
    w->h1__bytes_written += len;
  }
  if (!(w->h1__flags & WF_HEADER)) {
    if (from_end) {
      w->h1__content_length = (int64_t)len;
      w->h1__flags |= WF_CL_SET;
      w->h1__flags &= ~(uint32_t)WF_CL_NAN;
    }
    if ((e = h1__implicit_header(w)) != H1_WE_OK)
      return e;
    /* Node checked before the head knew the Content-Length (so a first
     * write call longer than a setHeader Content-Length passes); the strict
     * profile checks again now that it is known. */
    if (w->h1__profile == H1_PROFILE_STRICT && h1__strict_cl(w) &&
        ((w->h1__flags & WF_CL_NAN) || w->h1__content_length < 0 ||
         (from_end ? w->h1__bytes_written != (uint64_t)w->h1__content_length
                   : w->h1__bytes_written > (uint64_t)w->h1__content_length))) {
      h1__fail(&w->err, H1_WE_CONTENT_LENGTH_MISMATCH, "", NULL);
      w->err.a = (int64_t)w->h1__bytes_written;
      w->err.b = (w->h1__flags & WF_CL_NAN) ? -1 : w->h1__content_length;
      return H1_WE_CONTENT_LENGTH_MISMATCH;
    }
  }
  if (!(w->h1__flags & WF_HAS_BODY)) {
    if (w->h1__flags & WF_REJECT)
      return h1__fail(&w->err, H1_WE_BODY_NOT_ALLOWED, "", NULL);
    return H1_WE_OK;
  }
  if (w->h1__profile == H1_PROFILE_STRICT && len != 0 &&
      !(w->h1__flags & WF_CHUNKED) && !(w->h1__flags & WF_FRAMED_CL) &&
      (w->h1__kind == H1_W_REQUEST || !(w->h1__flags & WF_LAST)))
    return h1__strict(w, "a body with no framing", NULL);
  if ((w->h1__flags & WF_CHUNKED) && len != 0) {
    size_t i = sizeof(p->hex);
    size_t v = len;
    do {
      p->hex[--i] = "0123456789abcdef"[v & 15];
      v >>= 4;
    } while (v != 0);
    h1__send(w, p, p->hex + i, sizeof(p->hex) - i);
    h1__send(w, p, h1__crlf, 2);
    h1__send(w, p, data, len);
    h1__send(w, p, h1__crlf, 2);
  } else {
    h1__send(w, p, data, len);
  }
  return H1_WE_OK;
}

h1_werrno h1_writer_write(h1_writer *w, const char *data, size_t len,
                          struct h1_wbuf *out) {
  h1_writer t = *w;
  struct h1__plan p;
  h1_werrno e;
  h1__plan_init(&p);
  if ((e = h1__write_(&t, data, len, 0, &p)) != H1_WE_OK) {
    w->err = t.err;
    return e;
  }
  return h1__commit(w, &t, &p, out);
}

h1_werrno h1_writer_end(h1_writer *w, const char *data, size_t len,
                        struct h1_wbuf *out) {
  h1_writer t = *w;
  struct h1__plan p;
  h1_werrno e;
  int chunk = data != NULL && len != 0;
  h1__plan_init(&p);
  if (chunk) {
    if (t.h1__flags & WF_FINISHED)
      return h1__fail(&w->err, H1_WE_WRITE_AFTER_END, "", NULL);
    if ((e = h1__write_(&t, data, len, 1, &p)) != H1_WE_OK) {
      w->err = t.err;
      return e;
    }
  } else if (t.h1__flags & WF_FINISHED) {
    return H1_WE_OK;
  } else if (!(t.h1__flags & WF_HEADER)) {
    t.h1__content_length = 0;
    t.h1__flags |= WF_CL_SET;
    t.h1__flags &= ~(uint32_t)WF_CL_NAN;
    if ((e = h1__implicit_header(&t)) != H1_WE_OK) {
      w->err = t.err;
      return e;
    }
  }
  if (h1__strict_cl(&t) &&
      (t.strict_content_length || t.h1__profile == H1_PROFILE_STRICT) &&
      ((t.h1__flags & WF_CL_NAN) || t.h1__content_length < 0 ||
       t.h1__bytes_written != (uint64_t)t.h1__content_length)) {
    /* Node throws here after write_() has sent end's chunk (with the head
     * when the Content-Length came from a header the user set): the node
     * profile sends the same bytes, the strict profile sends nothing. */
    h1__fail(&t.err, H1_WE_CONTENT_LENGTH_MISMATCH, "", NULL);
    t.err.a = (int64_t)t.h1__bytes_written;
    t.err.b = (t.h1__flags & WF_CL_NAN) ? -1 : t.h1__content_length;
    if (t.h1__profile == H1_PROFILE_NODE && p.n != 0) {
      if ((e = h1__commit(w, &t, &p, out)) != H1_WE_OK)
        return e;
    } else {
      w->err = t.err;
    }
    return H1_WE_CONTENT_LENGTH_MISMATCH;
  }
  if ((t.h1__flags & WF_HAS_BODY) && (t.h1__flags & WF_CHUNKED)) {
    h1__send(&t, &p, "0\r\n", 3);
    p.trailers_at = p.n;
    h1__plan_add(&p, h1__crlf, 2);
  } else {
    h1__send(&t, &p, NULL, 0);
  }
  t.h1__flags |= WF_FINISHED;
  return h1__commit(w, &t, &p, out);
}

h1_werrno h1_writer_flush_headers(h1_writer *w, struct h1_wbuf *out) {
  h1_writer t = *w;
  struct h1__plan p;
  h1_werrno e;
  h1__plan_init(&p);
  if (!(t.h1__flags & WF_HEADER) && (e = h1__implicit_header(&t)) != H1_WE_OK) {
    w->err = t.err;
    return e;
  }
  h1__send(&t, &p, NULL, 0);
  return h1__commit(w, &t, &p, out);
}

h1_werrno h1_writer_send(h1_writer *w, struct h1_wbuf *out) {
  h1_writer t = *w;
  struct h1__plan p;
  h1__plan_init(&p);
  h1__send(&t, &p, NULL, 0);
  return h1__commit(w, &t, &p, out);
}

h1_werrno h1_writer_add_trailers(h1_writer *w, const struct h1_wfield *fields,
                                 size_t n) {
  size_t i, j, nt = 0;
  h1_werrno e;
  static const struct h1_span undef = {"undefined", 9};
  for (i = 0; i < n; i++) {
    const struct h1_wfield *f = &fields[i];
    const struct h1_span *vals =
        (f->flags & H1_WV_UNDEFINED) ? &undef : f->values;
    size_t nv = (f->flags & H1_WV_UNDEFINED) ? 1 : f->nvalues;
    if ((e = h1_validate_header_name(f->name, "Trailer name", &w->err)) != 0)
      return e;
    for (j = 0; j < nv; j++) {
      if (h1_has_invalid_header_char(vals[j]))
        return h1__fail(&w->err, H1_WE_INVALID_CHAR, "trailer content",
                        &f->name);
    }
  }
  /* _trailer = '' and rebuilt: Node keeps one line per call entry, keys
   * included twice when given twice (an array of pairs). */
  for (i = 0; i < n; i++) {
    size_t nv = (fields[i].flags & H1_WV_UNDEFINED) ? 1 : fields[i].nvalues;
    nt += nv ? nv : 1;
  }
  if (nt > w->h1__tcap)
    return h1__fail(&w->err, H1_WE_STORE_FULL, "", NULL);
  w->h1__ntlines = 0;
  for (i = 0; i < n; i++) {
    const struct h1_wfield *f = &fields[i];
    const struct h1_span *vals =
        (f->flags & H1_WV_UNDEFINED) ? &undef : f->values;
    size_t nv = (f->flags & H1_WV_UNDEFINED) ? 1 : f->nvalues;
    size_t at = w->h1__ntlines, k;
    for (k = 0; k < (nv ? nv : 1); k++) {
      w->h1__tlines[at + k].name = f->name;
      w->h1__tlines[at + k].nvalues = 0;
      w->h1__tlines[at + k].flags = 0;
      w->h1__tlines[at + k].value.ptr = "";
      w->h1__tlines[at + k].value.len = 0;
      if (k < nv)
        w->h1__tlines[at + k].value = vals[k];
    }
    w->h1__tlines[at].nvalues = (uint32_t)nv;
    w->h1__tlines[at].flags = f->flags & H1_WV_LIST;
    w->h1__ntlines += nv ? nv : 1;
  }
  w->h1__flags |= WF_TRAILERS_SET;
  return H1_WE_OK;
}

/* ------------------------------------------------------------------------
 * Interim responses.
 * ------------------------------------------------------------------------ */

static h1_werrno h1__raw(h1_writer *w, const char *d, size_t n,
                         struct h1_wbuf *out) {
  h1_writer t = *w;
  struct h1__plan p;
  h1__plan_init(&p);
  h1__plan_add(&p, d, n);
  return h1__commit(w, &t, &p, out);
}

h1_werrno h1_writer_write_continue(h1_writer *w, struct h1_wbuf *out) {
  static const char m[] = "HTTP/1.1 100 Continue\r\n\r\n";
  h1_werrno e = h1__raw(w, m, sizeof(m) - 1, out);
  if (e == H1_WE_OK)
    w->h1__flags |= WF_SENT100;
  return e;
}

h1_werrno h1_writer_write_processing(h1_writer *w, struct h1_wbuf *out) {
  static const char m[] = "HTTP/1.1 102 Processing\r\n\r\n";
  return h1__raw(w, m, sizeof(m) - 1, out);
}

/* JavaScript's \s over latin1 bytes. */
static int h1__jsws(unsigned char c) {
  return (c >= 9 && c <= 13) || c == 32 || c == 0xa0;
}

/* linkValueRegExp:
 * /^(?:<[^>]*>)(?:\s*;\s*[^;"\s]+(?:=(")?[^;"\s]*\1)?)*$/ */
static int h1__link_ok(struct h1_span v) {
  size_t i = 0, n = v.len;
  const unsigned char *s = (const unsigned char *)v.ptr;
  if (n == 0 || s[0] != '<')
    return 0;
  for (i = 1; i < n && s[i] != '>'; i++)
    ;
  if (i == n)
    return 0;
  i++;
  while (i < n) {
    size_t r0;
    while (i < n && h1__jsws(s[i]))
      i++;
    if (i == n || s[i] != ';')
      return 0;
    i++;
    while (i < n && h1__jsws(s[i]))
      i++;
    r0 = i;
    while (i < n && s[i] != ';' && s[i] != '"' && !h1__jsws(s[i]))
      i++;
    if (i == r0)
      return 0;
    if (i < n && s[i] == '"') {
      /* name="value": the run must end with '=' after a name */
      if (i - r0 < 2 || s[i - 1] != '=')
        return 0;
      i++;
      while (i < n && s[i] != ';' && s[i] != '"' && !h1__jsws(s[i]))
        i++;
      if (i == n || s[i] != '"')
        return 0;
      i++;
    }
  }
  return 1;
}

h1_werrno h1_writer_write_early_hints(h1_writer *w, const struct h1_span *links,
                                      size_t nlinks, int links_list,
                                      const struct h1_wfield *others,
                                      size_t nothers, struct h1_wbuf *out) {
  struct h1__sink s;
  size_t i, j, need;
  int pass;
  static const char l1[] = "HTTP/1.1 103 Early Hints\r\nLink: ";
  if (!links_list && nlinks == 0)
    return H1_WE_OK; /* hints.link is null or undefined */
  for (i = 0; i < nlinks; i++) {
    if (!h1__link_ok(links[i]))
      return h1__fail(&w->err, H1_WE_INVALID_ARG_VALUE, "hints", &links[i]);
  }
  if (nlinks == 0)
    return H1_WE_OK;
  if (w->h1__profile == H1_PROFILE_STRICT) {
    for (i = 0; i < nlinks; i++) {
      if (h1_has_invalid_header_char(links[i]))
        return h1__fail(&w->err, H1_WE_INVALID_CHAR, "header content",
                        &links[i]);
    }
    for (i = 0; i < nothers; i++) {
      h1_werrno e;
      if ((e = h1_validate_header_name(others[i].name, NULL, &w->err)) != 0)
        return e;
      if ((e = h1__validate_values(others[i].name, others[i].values,
                                   others[i].nvalues, others[i].flags,
                                   "header content", &w->err)) != 0)
        return e;
    }
  }
  need = 0;
  for (pass = 0; pass < 2; pass++) {
    s.p = pass ? out->ptr + out->len : NULL;
    s.cap = pass ? need : 0;
    s.len = 0;
    h1__put(&s, l1, sizeof(l1) - 1);
    for (i = 0; i < nlinks; i++) {
      if (i)
        h1__put(&s, ", ", 2);
      h1__putsp(&s, links[i]);
    }
    h1__put(&s, "\r\n", 2);
    for (i = 0; i < nothers; i++) {
      h1__putsp(&s, others[i].name);
      h1__put(&s, ": ", 2);
      if (others[i].flags & H1_WV_UNDEFINED) {
        h1__puts(&s, "undefined");
      } else {
        for (j = 0; j < others[i].nvalues; j++) {
          if (j)
            h1__put(&s, ",", 1);
          h1__putsp(&s, others[i].values[j]);
        }
      }
      h1__put(&s, "\r\n", 2);
    }
    h1__put(&s, "\r\n", 2);
    if (pass == 0) {
      need = s.len;
      if (out->cap < out->len || out->cap - out->len < need) {
        out->needed = need;
        w->err.code = H1_WE_NO_ROOM;
        w->err.a = (int64_t)need;
        return H1_WE_NO_ROOM;
      }
    }
  }
  out->len += need;
  return H1_WE_OK;
}

/* ------------------------------------------------------------------------
 * ClientRequest.
 * ------------------------------------------------------------------------ */

static size_t h1__base64(const unsigned char *in, size_t n, char *out) {
  static const char b64[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i, o = 0;
  for (i = 0; i + 2 < n; i += 3) {
    uint32_t v =
        ((uint32_t)in[i] << 16) | ((uint32_t)in[i + 1] << 8) | in[i + 2];
    out[o++] = b64[(v >> 18) & 63];
    out[o++] = b64[(v >> 12) & 63];
    out[o++] = b64[(v >> 6) & 63];
    out[o++] = b64[v & 63];
  }
  if (n - i == 1) {
    uint32_t v = (uint32_t)in[i] << 16;
    out[o++] = b64[(v >> 18) & 63];
    out[o++] = b64[(v >> 12) & 63];
    out[o++] = '=';
    out[o++] = '=';
  } else if (n - i == 2) {
    uint32_t v = ((uint32_t)in[i] << 16) | ((uint32_t)in[i + 1] << 8);
    out[o++] = b64[(v >> 18) & 63];
    out[o++] = b64[(v >> 12) & 63];
    out[o++] = b64[(v >> 6) & 63];
    out[o++] = '=';
  }
  return o;
}

/* getHeader(name) is truthy. */
static int h1__truthy(const h1_writer *w, const char *lower) {
  const struct h1_wline *l = h1_writer_get_header(w, h1__lit(lower));
  if (l == NULL)
    return 0;
  if (l->flags & H1_WV_LIST)
    return 1;
  if (l->flags & H1_WV_FALSY)
    return 0;
  return l->nvalues != 0 && l->value.len != 0;
}

h1_werrno h1_writer_init_request(h1_writer *w, h1_profile profile,
                                 const struct h1_wrequest_options *opt,
                                 struct h1_wline *lines, size_t cap,
                                 struct h1_wline *trailers, size_t tcap,
                                 char *head, size_t head_cap) {
  size_t i, hl = 0;
  h1_werrno e;
  struct h1_span m = opt->method;
  int chunk_default = 1;
  h1__init_common(w, H1_W_REQUEST, profile, lines, cap, trailers, tcap, head,
                  head_cap);
  w->h1__flags |= WF_AGENT;
  /* options.path */
  if (opt->path.ptr != NULL && opt->path.len != 0) {
    for (i = 0; i < opt->path.len; i++) {
      unsigned char c = (unsigned char)opt->path.ptr[i];
      if (c < 0x21)
        return h1__fail(&w->err, H1_WE_UNESCAPED_CHARACTERS, "Request path",
                        NULL);
    }
  }
  if (m.ptr != NULL && m.len != 0) {
    if (!h1_is_token(m))
      return h1__fail(&w->err, H1_WE_INVALID_HTTP_TOKEN, "Method", &m);
    if (m.len > sizeof(w->h1__mbuf)) {
      /* longer methods stay as given (tokens are ASCII: toUpperCase would
       * only change letters) */
      w->method = m;
    } else {
      for (i = 0; i < m.len; i++) {
        char c = m.ptr[i];
        w->h1__mbuf[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
      }
      w->method.ptr = w->h1__mbuf;
      w->method.len = m.len;
    }
  } else {
    w->method = h1__lit("GET");
  }
  if (opt->path.ptr != NULL && opt->path.len != 0)
    w->h1__path = opt->path;
  else
    w->h1__path = h1__lit("/");
  {
    static const char *const nochunk[] = {"get",     "head",  "delete",
                                          "options", "trace", "connect"};
    for (i = 0; i < sizeof(nochunk) / sizeof(nochunk[0]); i++) {
      if (h1__ieq(w->method, nochunk[i]) &&
          w->method.len == h1__cstrlen(nochunk[i]))
        chunk_default = 0;
    }
  }
  if (!chunk_default)
    w->h1__flags &= ~(uint32_t)WF_CHUNK_DEFAULT;
  if (opt->agent_keep_alive) {
    w->h1__flags &= ~(uint32_t)WF_LAST;
    w->h1__flags |= WF_KEEP_ALIVE;
  } else {
    w->h1__flags |= WF_LAST;
    w->h1__flags &= ~(uint32_t)WF_KEEP_ALIVE;
  }
  if (!opt->headers_array) {
    for (i = 0; i < opt->nheaders; i++) {
      const struct h1_wfield *f = &opt->headers[i];
      if ((e = h1_writer_set_header(w, f->name, f->values, f->nvalues,
                                    f->flags)) != H1_WE_OK)
        return e;
    }
    if (opt->set_host && !h1__truthy(w, "host")) {
      /* hostHeader: [v6] and :port when not the default port */
      struct h1_span host = opt->host;
      const char *hp;
      size_t colons = 0;
      int bracket;
      char port[12];
      size_t pl = 0;
      if (host.ptr == NULL || host.len == 0)
        host = h1__lit("localhost");
      for (i = 0; i < host.len; i++)
        colons += host.ptr[i] == ':';
      bracket = colons >= 2 && host.ptr[0] != '[';
      if (opt->port != 0 && opt->port != 80) {
        uint32_t v = opt->port;
        char tmp[12];
        size_t k = sizeof(tmp);
        do {
          tmp[--k] = (char)('0' + v % 10);
          v /= 10;
        } while (v);
        port[pl++] = ':';
        memcpy(port + pl, tmp + k, sizeof(tmp) - k);
        pl += sizeof(tmp) - k;
      }
      hl = host.len + (bracket ? 2 : 0) + pl;
      /* the Host value lives at the end of the head buffer until the head
       * is rendered, which reserves room for it */
      if (hl + 64 > head_cap)
        return h1__fail(&w->err, H1_WE_NO_ROOM, "head", NULL);
      hp = head + head_cap - hl;
      {
        char *q = head + head_cap - hl;
        if (bracket)
          *q++ = '[';
        memcpy(q, host.ptr, host.len);
        q += host.len;
        if (bracket)
          *q++ = ']';
        memcpy(q, port, pl);
      }
      {
        struct h1_span v;
        v.ptr = hp;
        v.len = hl;
        if ((e = h1_writer_set_header(w, h1__lit("Host"), &v, 1, 0)) != 0)
          return e;
      }
    }
    if (opt->auth.ptr != NULL && opt->auth.len != 0 &&
        !h1__truthy(w, "authorization")) {
      size_t al = 6 + (opt->auth.len + 2) / 3 * 4;
      char *q;
      struct h1_span v;
      if (hl + al + 64 > head_cap)
        return h1__fail(&w->err, H1_WE_NO_ROOM, "head", NULL);
      q = head + head_cap - hl - al;
      memcpy(q, "Basic ", 6);
      h1__base64((const unsigned char *)opt->auth.ptr, opt->auth.len, q + 6);
      v.ptr = q;
      v.len = al;
      if ((e = h1_writer_set_header(w, h1__lit("Authorization"), &v, 1, 0)) !=
          0)
        return e;
      hl += al;
    }
    /* the reserved tail is given back to the head only if the head does
     * not need it: keep it out of the render buffer */
    w->h1__head_cap = head_cap - hl;
    if (h1__truthy(w, "expect")) {
      h1_writer t = *w;
      if ((e = h1__implicit_header(&t)) != H1_WE_OK) {
        w->err = t.err;
        return e;
      }
      *w = t;
    }
  } else {
    h1_writer t = *w;
    if ((e = h1__store_header(&t, "", t.method, " ", t.h1__path,
                              " HTTP/1.1\r\n", 0, opt->headers, opt->nheaders,
                              0)) != H1_WE_OK) {
      w->err = t.err;
      return e;
    }
    *w = t;
  }
  w->h1__unique = opt->unique_headers;
  w->h1__nunique = opt->unique_headers ? opt->nunique : 0;
  w->h1__flags |= WF_UNIQUE_LATE;
  return H1_WE_OK;
}
