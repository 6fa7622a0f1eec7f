/*
 * writer_store.c -- the header store: Node's kOutHeaders object and
 * setHeader, appendHeader, removeHeader, hasHeader, getHeader and the key
 * walk behind getHeaderNames / getRawHeaderNames.
 *
 * The store is an array of slots in the caller's memory.  It keeps
 * JavaScript's property order itself: a new integer key ("0", "17") is
 * inserted among the integer keys at the front, ascending; any other new key
 * goes to the end; a key set again keeps its place.  Rendering the head is
 * then one walk over the slots.
 */
#include "writer_int.h"

#include <string.h>

size_t h1__slots_of(const struct h1_wline *l) {
  return l->nvalues ? l->nvalues : 1;
}

size_t h1__find(const struct h1_wline *lines, size_t n, struct h1_span name) {
  size_t i = 0;
  while (i < n) {
    if (h1__ieq(lines[i].name, name))
      return i;
    i += h1__slots_of(&lines[i]);
  }
  return (size_t)-1;
}

/* Where a new key goes: after the integer keys smaller than it when it is
 * one, else at the end. */
static size_t h1__new_key_at(const struct h1_wline *lines, size_t n,
                             struct h1_span name) {
  uint32_t v, k;
  size_t i = 0;
  if (!h1__int_key(name, &v))
    return n;
  while (i < n && h1__int_key(lines[i].name, &k) && k < v)
    i += h1__slots_of(&lines[i]);
  return i;
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

int h1__is_unique(const h1_writer *w, struct h1_span key) {
  size_t i;
  if (w->h1__kind == H1_W_REQUEST && !(w->h1__flags & WF_UNIQUE_LATE))
    return 0;
  for (i = 0; i < w->h1__nunique; i++) {
    if (h1__ieq(w->h1__unique[i], key))
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
    at = h1__new_key_at(lines, *n, name);
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
  lines[at].flags = flags & (H1_WV_LIST | H1_WV_FALSY | H1_WV_NONSTRING);
  return H1_WE_OK;
}

/* setHeader's and appendHeader's checks, in Node's order. */
static h1_werrno h1__check_set(h1_writer *w, const char *what,
                               struct h1_span name,
                               const struct h1_span *values, size_t n,
                               unsigned flags) {
  h1_werrno e;
  if (w->h1__flags & WF_HEADER)
    return h1__fail(&w->err, H1_WE_HEADERS_SENT, what, NULL);
  if ((e = h1_validate_header_name(name, NULL, &w->err)) != H1_WE_OK)
    return e;
  return h1__validate_values(name, values, n, flags, "header content", &w->err);
}

h1_werrno h1_writer_set_header(h1_writer *w, struct h1_span name,
                               const struct h1_span *values, size_t n,
                               unsigned flags) {
  h1_werrno e = h1__check_set(w, "set", name, values, n, flags);
  if (e != H1_WE_OK)
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
  h1_werrno e = h1__check_set(w, "append", name, values, n, flags);
  size_t at, old, oldn, total, i;
  struct h1_wline *l;
  if (e != H1_WE_OK)
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
  if (h1_span_ieq(name, "connection", 10))
    w->h1__flags |= WF_REMOVED_CONN;
  else if (h1_span_ieq(name, "content-length", 14))
    w->h1__flags |= WF_REMOVED_CL;
  else if (h1_span_ieq(name, "transfer-encoding", 17))
    w->h1__flags |= WF_REMOVED_TE;
  else if (h1_span_ieq(name, "date", 4))
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
  size_t at = 0;
  while (at < w->h1__nlines && i > 0) {
    at += h1__slots_of(&w->h1__lines[at]);
    i--;
  }
  return at < w->h1__nlines ? &w->h1__lines[at] : NULL;
}
