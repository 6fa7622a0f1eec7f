/*
 * writer_outgoing.c -- Node 20's OutgoingMessage (lib/_http_outgoing.js)
 * over caller memory: _storeHeader (the head), write_, end, flushHeaders,
 * chunking, trailers and the Content-Length checks, and the output plan
 * that puts each call's bytes out whole or not at all.
 *
 * Each function follows the Node function of the same name, in the same
 * order of checks, so that the first error Node throws is the one returned.
 * Calls that write work on a copy of the writer and commit it only once the
 * output fits: nothing is half-written.
 */
#include "writer_int.h"

#include <string.h>

void h1__init_common(h1_writer *w, h1_wkind kind, h1_profile profile,
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

void h1_writer_set_time(h1_writer *w, int64_t unix_seconds) {
  w->h1__now = unix_seconds;
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
  if (h1_span_ieq(field, "connection", 10)) {
    int close = 0;
    st->connection = 1;
    w->h1__flags &= ~(uint32_t)WF_REMOVED_CONN;
    for (i = 0; i < nv; i++)
      close |= h1__has_word(h1__val(vals, i), "close", 5);
    if (close)
      w->h1__flags |= WF_LAST;
    else
      w->h1__flags |= WF_KEEP_ALIVE;
  } else if (h1_span_ieq(field, "transfer-encoding", 17)) {
    int ch = 0;
    st->te = 1;
    w->h1__flags &= ~(uint32_t)WF_REMOVED_TE;
    w->h1__flags |= WF_HAS_TE;
    for (i = 0; i < nv; i++)
      ch |= h1__has_word(h1__val(vals, i), "chunked", 7);
    if (ch)
      w->h1__flags |= WF_CHUNKED;
  } else if (h1_span_ieq(field, "content-length", 14)) {
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
  } else if (h1_span_ieq(field, "date", 4)) {
    st->date = 1;
  } else if (h1_span_ieq(field, "expect", 6)) {
    st->expect = 1;
  } else if (h1_span_ieq(field, "trailer", 7)) {
    st->trailer = 1;
  } else if (h1_span_ieq(field, "keep-alive", 10)) {
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
  int cd = key.len == 19 && h1_span_ieq(key, "content-disposition", 19) &&
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
  if ((flags & H1_WV_LIST) && (nv < 2 || !h1_span_ieq(key, "cookie", 6)) &&
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
  if (st->expect && st->s.len <= w->h1__head_cap) {
    /* Expect sends the head at once, with _send(''): as UTF-8 */
    struct h1_span head;
    head.ptr = w->h1__head;
    head.len = st->s.len;
    if (h1__strict_utf8_head(w, head) != H1_WE_OK)
      return w->err.code;
  }
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
h1_werrno h1__store_header(h1_writer *w, const char *l1a, struct h1_span l1b,
                           const char *l1c, struct h1_span l1d, const char *l1e,
                           int from_store, const struct h1_wfield *fields,
                           size_t n, int odd) {
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
    /* the store is in JavaScript's key order: one walk */
    for (i = 0; i < w->h1__nlines; i += h1__slots_of(&w->h1__lines[i])) {
      struct h1__vals v;
      v.arr = NULL;
      v.slots = &w->h1__lines[i];
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

h1_werrno h1__implicit_header(h1_writer *w) {
  if (w->h1__kind == H1_W_RESPONSE)
    return h1__write_head(w, w->h1__status, NULL, NULL, 0, 0);
  if (w->h1__flags & WF_HEADER)
    return h1__fail(&w->err, H1_WE_HEADERS_SENT, "render", NULL);
  return h1__store_header(w, "", w->method, " ", w->h1__path, " HTTP/1.1\r\n",
                          w->h1__has_store, NULL, 0, 0);
}

/* ------------------------------------------------------------------------
 * write_, end, flushHeaders, addTrailers.
 * ------------------------------------------------------------------------ */

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
                            h1_wenc enc, int from_end, struct h1__plan *p) {
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
    /* the size line goes first, as latin1: so does the head */
    h1__send(w, p, p->hex + i, sizeof(p->hex) - i, 0, H1_WENC_LATIN1);
    h1__send(w, p, h1__crlf, 2, 0, H1_WENC_LATIN1);
    h1__send(w, p, data, len, 1, enc);
    h1__send(w, p, h1__crlf, 2, 0, H1_WENC_LATIN1);
  } else {
    h1__send(w, p, data, len, 1, enc);
  }
  return H1_WE_OK;
}

static h1_werrno h1__write(h1_writer *w, const char *data, size_t len,
                           h1_wenc enc, const struct h1__out *out) {
  h1_writer t = *w;
  struct h1__plan p;
  h1_werrno e;
  h1__plan_init(&p);
  if ((e = h1__write_(&t, data, len, enc, 0, &p)) != H1_WE_OK) {
    w->err = t.err;
    return e;
  }
  return h1__commit(w, &t, &p, out);
}

static h1_werrno h1__end(h1_writer *w, const char *data, size_t len,
                         h1_wenc enc, const struct h1__out *out) {
  h1_writer t = *w;
  struct h1__plan p;
  h1_werrno e;
  int chunk = data != NULL && len != 0;
  h1__plan_init(&p);
  if (chunk) {
    if (t.h1__flags & WF_FINISHED)
      return h1__fail(&w->err, H1_WE_WRITE_AFTER_END, "", NULL);
    if ((e = h1__write_(&t, data, len, enc, 1, &p)) != H1_WE_OK) {
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
    h1__send(&t, &p, "0\r\n", 3, 0, H1_WENC_LATIN1);
    p.trailers_at = p.n;
    h1__plan_add(&p, h1__crlf, 2);
  } else {
    h1__send(&t, &p, NULL, 0, 0, H1_WENC_LATIN1);
  }
  t.h1__flags |= WF_FINISHED;
  return h1__commit(w, &t, &p, out);
}

/* flushHeaders() and the early send of an Expect head are _send(''): a
 * string in the default encoding, so the head goes out as UTF-8. */
static h1_werrno h1__flush(h1_writer *w, int implicit,
                           const struct h1__out *out) {
  h1_writer t = *w;
  struct h1__plan p;
  h1_werrno e;
  h1__plan_init(&p);
  if (implicit && !(t.h1__flags & WF_HEADER) &&
      (e = h1__implicit_header(&t)) != H1_WE_OK) {
    w->err = t.err;
    return e;
  }
  h1__send(&t, &p, NULL, 0, 0, H1_WENC_UTF8);
  return h1__commit(w, &t, &p, out);
}

h1_werrno h1_writer_write(h1_writer *w, const char *data, size_t len,
                          struct h1_wbuf *out) {
  return h1_writer_write_enc(w, data, len, H1_WENC_LATIN1, out);
}

h1_werrno h1_writer_write_enc(h1_writer *w, const char *data, size_t len,
                              h1_wenc enc, struct h1_wbuf *out) {
  struct h1__out o = h1__out_buf(out);
  return h1__write(w, data, len, enc, &o);
}

h1_werrno h1_writer_write_vec(h1_writer *w, const char *data, size_t len,
                              h1_wenc enc, struct h1_wvec *out) {
  struct h1__out o = h1__out_vec(out);
  return h1__write(w, data, len, enc, &o);
}

h1_werrno h1_writer_end(h1_writer *w, const char *data, size_t len,
                        struct h1_wbuf *out) {
  return h1_writer_end_enc(w, data, len, H1_WENC_LATIN1, out);
}

h1_werrno h1_writer_end_enc(h1_writer *w, const char *data, size_t len,
                            h1_wenc enc, struct h1_wbuf *out) {
  struct h1__out o = h1__out_buf(out);
  return h1__end(w, data, len, enc, &o);
}

h1_werrno h1_writer_end_vec(h1_writer *w, const char *data, size_t len,
                            h1_wenc enc, struct h1_wvec *out) {
  struct h1__out o = h1__out_vec(out);
  return h1__end(w, data, len, enc, &o);
}

h1_werrno h1_writer_flush_headers(h1_writer *w, struct h1_wbuf *out) {
  struct h1__out o = h1__out_buf(out);
  return h1__flush(w, 1, &o);
}

h1_werrno h1_writer_flush_headers_vec(h1_writer *w, struct h1_wvec *out) {
  struct h1__out o = h1__out_vec(out);
  return h1__flush(w, 1, &o);
}

h1_werrno h1_writer_send(h1_writer *w, struct h1_wbuf *out) {
  struct h1__out o = h1__out_buf(out);
  return h1__flush(w, 0, &o);
}

h1_werrno h1_writer_send_vec(h1_writer *w, struct h1_wvec *out) {
  struct h1__out o = h1__out_vec(out);
  return h1__flush(w, 0, &o);
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
