/*
 * writer_plan.c -- what one writer call puts on the wire, as a list of
 * parts (the stored head, chunk-size lines, CRLFs, trailers, the caller's
 * body bytes), and how it goes out: copied into one flat buffer
 * (struct h1_wbuf), or as framing bytes in the caller's buffer plus parts
 * that reference the body in place, ready for writev (struct h1_wvec).
 * Either way the call's output goes out whole, or not at all.
 *
 * Node builds the head as a JavaScript string and writes it together with
 * the first chunk when that chunk is a string in the default ('utf8')
 * encoding: the head's characters 0x80-0xFF then reach the wire as two
 * UTF-8 bytes each.  Otherwise (a Buffer, 'latin1', end() without a chunk,
 * a chunk-size line first) the head goes out as latin1, one byte each.
 */
#include "writer_int.h"

#include <string.h>

void h1__plan_init(struct h1__plan *p) {
  p->n = 0;
  p->head_at = -1;
  p->head_utf8 = 0;
  p->trailers_at = -1;
}

static void h1__plan_part(struct h1__plan *p, const char *d, size_t n,
                          int is_body) {
  if (n == 0)
    return;
  p->part[p->n].ptr = d;
  p->part[p->n].len = n;
  p->body[p->n] = (unsigned char)(is_body != 0);
  p->n++;
}

void h1__plan_add(struct h1__plan *p, const char *d, size_t n) {
  h1__plan_part(p, d, n, 0);
}

void h1__send(h1_writer *w, struct h1__plan *p, const char *d, size_t n,
              int is_body, h1_wenc enc) {
  if (!(w->h1__flags & WF_HEADER_SENT) && (w->h1__flags & WF_HEADER)) {
    p->head_at = p->n;
    p->head_utf8 = enc == H1_WENC_UTF8;
    h1__plan_add(p, w->h1__head, w->h1__head_len);
    w->h1__flags |= WF_HEADER_SENT;
  }
  h1__plan_part(p, d, n, is_body);
}

struct h1__out h1__out_buf(struct h1_wbuf *b) {
  struct h1__out o;
  o.buf = b;
  o.vec = NULL;
  return o;
}

struct h1__out h1__out_vec(struct h1_wvec *v) {
  struct h1__out o;
  o.buf = NULL;
  o.vec = v;
  return o;
}

/* Renders the trailer store as Node's _trailer string, in the order the
 * trailers were given (Node walks the object's keys, or the array). */
static size_t h1__render_trailers(const h1_writer *w, char *out) {
  struct h1__sink s;
  size_t i, j;
  s.p = out;
  s.cap = out ? (size_t)-1 : 0;
  s.len = 0;
  for (i = 0; i < w->h1__ntlines; i += h1__slots_of(&w->h1__tlines[i])) {
    const struct h1_wline *l = &w->h1__tlines[i];
    int split =
        (l->flags & H1_WV_LIST) && l->nvalues > 1 && !h1__is_unique(w, l->name);
    for (j = 0; j < l->nvalues || j == 0; j++) {
      if (j == 0 || split) {
        h1__putsp(&s, l->name);
        h1__put(&s, ": ", 2);
      } else {
        h1__put(&s, "; ", 2);
      }
      if (j < l->nvalues)
        h1__putsp(&s, l[j].value);
      if (split || j + 1 >= l->nvalues)
        h1__put(&s, "\r\n", 2);
    }
  }
  return s.len;
}

/* Bytes 0x80-0xFF: each takes one more byte as UTF-8. */
static size_t h1__high_bytes(struct h1_span s) {
  size_t i, n = 0;
  for (i = 0; i < s.len; i++)
    n += (unsigned char)s.ptr[i] >= 0x80;
  return n;
}

h1_werrno h1__strict_utf8_head(h1_writer *w, struct h1_span head) {
  if (w->h1__profile == H1_PROFILE_STRICT && h1__high_bytes(head) != 0)
    return h1__fail(&w->err, H1_WE_STRICT_FRAMING,
                    "a head with bytes above 0x7F sent as UTF-8", NULL);
  return H1_WE_OK;
}

/* Appends framing bytes or a body part to the output being filled. */
struct h1__fill {
  char *buf; /* framing (and, for a flat buffer, body) bytes go here */
  size_t len;
  struct h1_span *parts; /* NULL: a flat buffer */
  size_t nparts;
  int open; /* the last part is framing that can grow */
};

/* The framing bytes f->buf[at, f->len) were just appended: they extend the
 * open framing part, or open one. */
static void h1__fill_framed(struct h1__fill *f, size_t at) {
  if (f->parts == NULL)
    return;
  if (!f->open) {
    f->parts[f->nparts].ptr = f->buf + at;
    f->parts[f->nparts].len = 0;
    f->nparts++;
    f->open = 1;
  }
  f->parts[f->nparts - 1].len += f->len - at;
}

static void h1__fill_frame(struct h1__fill *f, struct h1_span d, int utf8) {
  size_t i, at = f->len;
  if (!utf8) {
    memcpy(f->buf + f->len, d.ptr, d.len);
    f->len += d.len;
  } else {
    for (i = 0; i < d.len; i++) {
      unsigned char c = (unsigned char)d.ptr[i];
      if (c < 0x80) {
        f->buf[f->len++] = (char)c;
      } else {
        f->buf[f->len++] = (char)(0xC0 | (c >> 6));
        f->buf[f->len++] = (char)(0x80 | (c & 0x3F));
      }
    }
  }
  h1__fill_framed(f, at);
}

static void h1__fill_body(struct h1__fill *f, struct h1_span d) {
  if (f->parts == NULL) {
    memcpy(f->buf + f->len, d.ptr, d.len);
    f->len += d.len;
    return;
  }
  f->parts[f->nparts++] = d;
  f->open = 0;
}

static h1_werrno h1__no_room(h1_writer *w, size_t total) {
  w->err.code = H1_WE_NO_ROOM;
  w->err.a = (int64_t)total;
  return H1_WE_NO_ROOM;
}

h1_werrno h1__commit(h1_writer *w, h1_writer *t, struct h1__plan *p,
                     const struct h1__out *out) {
  size_t frame = 0, body = 0, nparts = 0, tl = 0, extra = 0;
  int i, open = 0;
  struct h1__fill f;
  if (p->trailers_at >= 0)
    tl = h1__render_trailers(t, NULL);
  if (p->head_at >= 0 && p->head_utf8) {
    extra = h1__high_bytes(p->part[p->head_at]);
    if (h1__strict_utf8_head(t, p->part[p->head_at]) != H1_WE_OK) {
      w->err = t->err;
      return t->err.code;
    }
  }
  /* measure: bytes of framing and body, parts (framing runs merge) */
  for (i = 0; i <= p->n; i++) {
    if (i == p->trailers_at && tl != 0) {
      frame += tl;
      nparts += !open;
      open = 1;
    }
    if (i == p->n)
      break;
    if (p->body[i]) {
      body += p->part[i].len;
      nparts++;
      open = 0;
    } else {
      frame += p->part[i].len + (i == p->head_at ? extra : 0);
      nparts += !open;
      open = 1;
    }
  }
  memset(&f, 0, sizeof(f));
  if (out->vec == NULL) {
    struct h1_wbuf *b = out->buf;
    if (b->cap < b->len || b->cap - b->len < frame + body) {
      b->needed = frame + body;
      return h1__no_room(w, frame + body);
    }
    f.buf = b->ptr + b->len;
  } else {
    struct h1_wvec *v = out->vec;
    if (v->cap < v->len || v->cap - v->len < frame ||
        v->parts_cap < v->nparts || v->parts_cap - v->nparts < nparts) {
      v->needed = frame;
      v->needed_parts = nparts;
      return h1__no_room(w, frame);
    }
    f.buf = v->buf + v->len;
    f.parts = v->parts + v->nparts;
  }
  /* fill */
  for (i = 0; i <= p->n; i++) {
    if (i == p->trailers_at && tl != 0) {
      size_t at = f.len;
      f.len += h1__render_trailers(t, f.buf + f.len);
      h1__fill_framed(&f, at);
    }
    if (i == p->n)
      break;
    if (p->body[i])
      h1__fill_body(&f, p->part[i]);
    else
      h1__fill_frame(&f, p->part[i], i == p->head_at && p->head_utf8);
  }
  if (out->vec == NULL) {
    out->buf->len += f.len;
  } else {
    out->vec->len += f.len;
    out->vec->nparts += f.nparts;
  }
  *w = *t;
  return H1_WE_OK;
}
