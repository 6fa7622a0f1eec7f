/*
 * parser_span.c -- spans of a head and the arena they move to when a call
 * ends inside the head.
 */
#include "parser_int.h"

#include <string.h>

#include "tables.h"

static int h1__in_arena(const h1_parser *p, const char *ptr) {
  return p->h1__arena != NULL && ptr >= p->h1__arena &&
         ptr < p->h1__arena + p->h1__arena_cap;
}

/* Appends n bytes to the arena; 0 on success. */
static int h1__arena_put(h1_parser *p, const char *src, size_t n,
                         char **where) {
  if (n > p->h1__arena_cap - p->h1__arena_len)
    return -1;
  *where = p->h1__arena + p->h1__arena_len;
  if (n != 0)
    memcpy(*where, src, n);
  p->h1__arena_len += n;
  return 0;
}

/* Moves a finished span into the arena unless it is there already. */
static int h1__spill_span(h1_parser *p, struct h1_span *s) {
  char *where;
  if (s->len == 0 || h1__in_arena(p, s->ptr))
    return 0;
  if (h1__arena_put(p, s->ptr, s->len, &where) != 0)
    return -1;
  s->ptr = where;
  return 0;
}

int h1__span_close(h1_parser *P, uint32_t *flags, const unsigned char *mark,
                   const unsigned char *q) {
  size_t n = (size_t)(q - mark);
  struct h1_span *sp;
  char *where;

  *flags &= ~F_SPAN_OPEN;
  if (*flags & F_SPAN_EXT) {
    *flags &= ~F_SPAN_EXT;
    P->h1__ext_nread += n;
    if (P->h1__ext_nread > H1_MAX_CHUNK_EXTENSIONS_SIZE) {
      P->h1__pending = H1_E_CHUNK_EXTENSIONS_OVERFLOW;
      return -1;
    }
    return 0;
  }
  P->h1__header_nread += n;
  if (P->h1__header_nread >= P->h1__set.max_header_size) {
    P->h1__pending = H1_E_HEADER_OVERFLOW;
    return -1;
  }
  sp = P->h1__tgt;
  if (*flags & F_SPAN_ARENA) {
    if (h1__arena_put(P, (const char *)mark, n, &where) != 0) {
      P->h1__pending = H1_E_ARENA_FULL;
      return -1;
    }
    sp->len += n;
  } else {
    sp->len = (size_t)((const char *)q - sp->ptr);
  }
  *flags &= ~(F_SPAN_ARENA | F_SPAN_LOST);
  return 0;
}

int h1__spill(h1_parser *P, uint32_t *flags, const unsigned char *mark,
              const unsigned char *end) {
  size_t n = (size_t)(end - mark);
  unsigned open = (*flags & F_SPAN_OPEN) ? P->h1__span_kind : 0;
  char *where;

  if (open == 5) {
    P->h1__ext_nread += n;
    return 0;
  }
  if (!(*flags & F_IN_SECTION))
    return 0;
  if (h1__spill_done(P, open) != 0)
    return -1;
  /* the open span: count this piece; keep it unless it must overflow */
  if (open != 0) {
    struct h1_span *sp = P->h1__tgt;
    size_t total = ((*flags & F_SPAN_ARENA) ? sp->len : 0) + n;
    P->h1__header_nread += n;
    /* Past the limit the span's end reports HPE_HEADER_OVERFLOW, so its
     * bytes are not needed, except a field name short enough to be one of
     * the framing names: whether it is decides the error at a SP. */
    if (P->h1__header_nread >= P->h1__set.max_header_size &&
        !(open == 3 && total <= 17 && !(*flags & F_SPAN_LOST))) {
      *flags |= F_SPAN_LOST;
      return 0;
    }
    if (h1__arena_put(P, (const char *)mark, n, &where) != 0)
      return -1;
    if (*flags & F_SPAN_ARENA) {
      sp->len += n;
    } else {
      sp->ptr = where;
      sp->len = n;
      *flags |= F_SPAN_ARENA;
    }
  }
  return 0;
}

/* Moves the finished spans of the current section (all but the open one,
 * of kind `open`) to the arena, in wire order. */
int h1__spill_done(h1_parser *P, unsigned open) {
  size_t i;
  if (open != 1 && h1__spill_span(P, &P->msg.url) != 0)
    return -1;
  if (open != 2 && h1__spill_span(P, &P->msg.reason) != 0)
    return -1;
  for (i = P->h1__spilled; i < P->h1__nlines; i++) {
    int last = i + 1 == P->h1__nlines;
    if (!(last && open == 3) && h1__spill_span(P, &P->h1__slots[i].name) != 0)
      return -1;
    if (!(last && (open == 3 || open == 4)) &&
        h1__spill_span(P, &P->h1__slots[i].value) != 0)
      return -1;
  }
  P->h1__spilled = P->h1__nlines ? P->h1__nlines - 1 : 0;
  return 0;
}

h1_errno h1_parser_keep_head(h1_parser *P) {
  if (h1__spill_done(P, 0) != 0)
    return H1_E_ARENA_FULL;
  P->h1__spilled = P->h1__nlines;
  return H1_E_OK;
}

void h1_parser_set_memory(h1_parser *P, struct h1_header *slots, size_t nslots,
                          char *arena, size_t arena_cap) {
  if (P->h1__slots != &P->h1__scratch) {
    P->h1__slots = slots;
    P->h1__nslots = nslots;
    P->h1__fast_lines = h1__fast_lines_for(P);
    P->msg.headers = slots;
    P->msg.trailers = slots;
    P->msg.num_headers = 0;
    P->msg.num_trailers = 0;
  }
  P->h1__arena = arena;
  P->h1__arena_cap = arena_cap;
  P->h1__arena_len = 0;
}

/* conn.h: between messages, the parser goes on checking only (as after
 * h1_parser_init with slots NULL), in the state it has; the memory it had
 * is no longer touched. */
void h1__parser_check_only(h1_parser *P) {
  P->h1__slots = &P->h1__scratch;
  P->h1__nslots = 1;
  P->h1__fast_lines = 1;
  P->h1__nlines = P->h1__nlines_head = P->h1__spilled = 0;
  P->msg.headers = P->msg.trailers = NULL;
  P->msg.num_headers = P->msg.num_trailers = 0;
  P->h1__arena = NULL;
  P->h1__arena_cap = P->h1__arena_len = 0;
}

/* ------------------------------------------------------------------------
 * Small helpers
 * ------------------------------------------------------------------------ */

void h1_lower(char *dst, const char *src, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    dst[i] = (char)H1__LOWER((unsigned char)src[i]);
}

struct h1_span h1_trim_value(struct h1_span v) {
  while (v.len > 0 && (v.ptr[v.len - 1] == ' ' || v.ptr[v.len - 1] == '\t'))
    v.len--;
  return v;
}
