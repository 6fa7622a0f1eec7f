/*
 * fuzz_parse.c -- one parser over the input, every result checked.
 *
 * Options as in fz.h (byte 0 bit 3 gives the parser a slot array of 4 and
 * an arena of 64 bytes; bits 4-7 feed pieces of 1 << (k-1) bytes).  Asserts:
 * - every call consumes at most what it was given, and `nread` is the sum of
 *   what the calls consumed; H1_EV_NONE means the piece was used up; at the
 *   end of an accepted input every byte was consumed;
 * - an error is a known code with a reason, its offset lies within the input
 *   fed so far, and it is sticky: later calls and h1_finish() report the same
 *   error and consume nothing; H1_SLOTS_FULL / H1_ARENA_FULL happen only
 *   with buffers smaller than H1_SLOTS_FOR / H1_ARENA_FOR;
 * - every span of a head points into a piece of the input or into the arena,
 *   within bounds; header lines lie inside the slot array; a body span lies
 *   inside what the call consumed;
 * - a Content-Length body delivers exactly that many bytes;
 * - `messages` counts the MESSAGE_END events; after UPGRADE nothing more is
 *   consumed;
 * - the message view of every head and trailer section builds within the
 *   size it reports (fz_view);
 * - h1_parser_reset() gives a parser that does the same again.
 */
#include "fz.h"

struct piece {
  const char *ptr;
  size_t len;
};

struct ctx {
  const struct fz_opts *o;
  h1_parser *p;
  struct h1_header *slots;
  size_t nslots;
  char *arena;
  size_t arena_cap;
  struct piece *pieces;
  size_t npieces;
};

static void span_ok(const struct ctx *c, struct h1_span s, const char *what) {
  if (s.len == 0)
    return;
  FZ_CHECK(s.ptr != NULL, "%s: NULL span of %zu bytes", what, s.len);
  if (s.ptr >= c->arena && s.ptr <= c->arena + c->arena_cap) {
    FZ_CHECK(s.len <= c->arena_cap &&
                 (size_t)(s.ptr - c->arena) <= c->arena_cap - s.len,
             "%s: span overruns the arena", what);
    return;
  }
  for (size_t i = 0; i < c->npieces; i++) {
    const struct piece *pc = &c->pieces[i];
    if (s.ptr >= pc->ptr && s.ptr <= pc->ptr + pc->len) {
      FZ_CHECK(s.len <= pc->len && (size_t)(s.ptr - pc->ptr) <= pc->len - s.len,
               "%s: span overruns input piece %zu", what, i);
      return;
    }
  }
  FZ_CHECK(0, "%s: span points neither into the input nor the arena", what);
}

static void lines_ok(const struct ctx *c, const struct h1_header *h, size_t n,
                     const char *what) {
  if (n == 0)
    return;
  FZ_CHECK(h >= c->slots && n <= c->nslots &&
               (size_t)(h - c->slots) <= c->nslots - n,
           "%s: %zu lines outside the slot array", what, n);
  for (size_t i = 0; i < n; i++) {
    span_ok(c, h[i].name, what);
    span_ok(c, h[i].value, what);
  }
}

static void head_ok(const struct ctx *c) {
  const struct h1_message *m = &c->p->msg;
  if (c->o->type == H1_REQUEST) {
    FZ_CHECK(h1_method_name(m->method) != NULL, "request without a method");
    span_ok(c, m->url, "url");
  } else {
    FZ_CHECK(m->status <= 999, "status %u", (unsigned)m->status);
    span_ok(c, m->reason, "reason");
  }
  lines_ok(c, m->headers, m->num_headers, "headers");
  fz_view(NULL, m->headers, m->num_headers, c->o->join, c->o->max_headers_count,
          0);
}

/* The body is framed by Content-Length (no Transfer-Encoding at all: with
 * one, a lenient parser reads chunks or up to EOF). */
static int cl_framed(uint32_t head_flags) {
  return (head_flags & H1_F_CONTENT_LENGTH) &&
         !(head_flags &
           (H1_F_CHUNKED | H1_F_TRANSFER_ENCODING | H1_F_BODY_EOF));
}

struct summary {
  uint64_t nread;
  uint32_t messages;
  h1_errno error;
  uint64_t error_offset;
  int upgraded;
};

static struct summary run(struct ctx *c, const uint8_t *in, size_t len) {
  h1_parser *p = c->p;
  size_t piece = c->o->piece_shift ? (size_t)1 << (c->o->piece_shift - 1)
                                   : (len ? len : 1);
  uint64_t fed = 0, consumed = 0, body = 0;
  uint32_t ends = 0, head_flags = 0;
  uint16_t status = 0;
  int stopped = 0, upgraded = 0;
  c->npieces = 0;
  for (size_t start = 0; start < len && !stopped; start += piece) {
    size_t n = len - start < piece ? len - start : piece;
    char *buf = malloc(n);
    if (buf == NULL)
      abort();
    memcpy(buf, in + start, n);
    c->pieces[c->npieces].ptr = buf;
    c->pieces[c->npieces].len = n;
    c->npieces++;
    fed += n;
    size_t pos = 0;
    for (unsigned spins = 0;; spins++) {
      struct h1_event ev;
      size_t used = h1_execute(p, buf + pos, n - pos, &ev);
      FZ_CHECK(used <= n - pos, "consumed %zu of %zu", used, n - pos);
      consumed += used;
      FZ_CHECK(p->nread == consumed, "nread %llu != consumed %llu",
               (unsigned long long)p->nread, (unsigned long long)consumed);
      if (used)
        spins = 0;
      FZ_CHECK(spins < 64, "no progress at %llu", (unsigned long long)fed);
      if (ev.type == H1_EV_NONE) {
        FZ_CHECK(pos + used == n, "NONE with bytes left");
        break;
      }
      if (ev.type == H1_EV_HEAD) {
        head_ok(c);
        head_flags = p->msg.flags;
        status = p->msg.status;
        body = 0;
      } else if (ev.type == H1_EV_BODY) {
        FZ_CHECK(ev.data.len > 0 && ev.data.len <= used &&
                     ev.data.ptr >= buf + pos &&
                     ev.data.ptr + ev.data.len <= buf + pos + used,
                 "body span outside what the call consumed");
        body += ev.data.len;
        if (cl_framed(head_flags))
          FZ_CHECK(body <= p->msg.content_length,
                   "body %llu beyond Content-Length %llu",
                   (unsigned long long)body,
                   (unsigned long long)p->msg.content_length);
      } else if (ev.type == H1_EV_MESSAGE_END) {
        ends++;
        FZ_CHECK(p->messages == ends, "messages %u, ends %u", p->messages,
                 ends);
        lines_ok(c, p->msg.trailers, p->msg.num_trailers, "trailers");
        if (p->msg.num_trailers)
          fz_view(NULL, p->msg.trailers, p->msg.num_trailers, c->o->join,
                  c->o->max_headers_count, 1);
        int skip =
            (head_flags & (H1_F_SKIPBODY | H1_F_IS_UPGRADE)) ||
            (c->o->type == H1_RESPONSE && ((status >= 100 && status < 200) ||
                                           status == 204 || status == 304));
        if (cl_framed(head_flags) && !skip)
          FZ_CHECK(body == p->msg.content_length,
                   "body %llu, Content-Length %llu", (unsigned long long)body,
                   (unsigned long long)p->msg.content_length);
      } else if (ev.type == H1_EV_UPGRADE) {
        struct h1_event ev2;
        FZ_CHECK(h1_execute(p, buf + pos + used, n - pos - used, &ev2) == 0 &&
                     ev2.type == H1_EV_UPGRADE,
                 "consumed after UPGRADE");
        stopped = upgraded = 1;
        break;
      } else if (ev.type == H1_EV_ERROR) {
        stopped = 1;
        break;
      } else {
        FZ_CHECK(0, "unknown event %d", (int)ev.type);
      }
      pos += used;
    }
  }
  if (!stopped) {
    struct h1_event ev;
    h1_finish(p, &ev);
    FZ_CHECK(ev.type == H1_EV_NONE || ev.type == H1_EV_MESSAGE_END ||
                 ev.type == H1_EV_ERROR,
             "h1_finish gave event %d", (int)ev.type);
    if (ev.type == H1_EV_MESSAGE_END) {
      ends++;
      FZ_CHECK((head_flags & H1_F_BODY_EOF) || (p->msg.flags & H1_F_BODY_EOF),
               "EOF ended a message whose body does not run to EOF");
    }
    if (ev.type != H1_EV_ERROR)
      FZ_CHECK(consumed == len, "accepted, but consumed %llu of %zu",
               (unsigned long long)consumed, len);
  }
  FZ_CHECK(p->messages == ends, "messages %u, ends %u", p->messages, ends);
  if (p->error != H1_E_OK) {
    h1_errno e = p->error;
    uint64_t off = p->error_offset;
    const char *reason = p->reason;
    FZ_CHECK(e < H1_E__COUNT, "error %d", (int)e);
    FZ_CHECK(reason != NULL && reason[0] != '\0', "error without a reason");
    FZ_CHECK(off <= fed, "error offset %llu beyond the %llu bytes fed",
             (unsigned long long)off, (unsigned long long)fed);
    FZ_CHECK(off <= len, "error offset beyond the input");
    if (!c->o->tight)
      FZ_CHECK(e != H1_E_SLOTS_FULL && e != H1_E_ARENA_FULL,
               "%s with H1_SLOTS_FOR/H1_ARENA_FOR buffers", h1_errno_name(e));
    /* sticky */
    struct h1_event ev;
    static const char more[] = "GET / HTTP/1.1\r\n\r\n";
    FZ_CHECK(h1_execute(p, more, sizeof more - 1, &ev) == 0 &&
                 ev.type == H1_EV_ERROR && p->error == e &&
                 p->error_offset == off && p->reason == reason,
             "error not sticky after execute");
    h1_finish(p, &ev);
    FZ_CHECK(ev.type == H1_EV_ERROR && p->error == e && p->error_offset == off,
             "error not sticky after finish");
  }
  (void)h1_should_keep_alive(p);
  (void)h1_message_in_progress(p);
  struct summary s = {p->nread, p->messages, p->error, p->error_offset,
                      upgraded};
  for (size_t i = 0; i < c->npieces; i++)
    free((void *)c->pieces[i].ptr);
  c->npieces = 0;
  return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct fz_opts o;
  const uint8_t *in;
  size_t len;
  if (!fz_input_read(data, size, &o, &in, &len))
    return 0;
  struct h1_settings set = fz_settings(&o);
  struct ctx c;
  memset(&c, 0, sizeof c);
  c.o = &o;
  if (o.tight) {
    c.nslots = 4;
    c.arena_cap = 64;
  } else {
    fz_sizes(o.max_header_size, len, &c.nslots, &c.arena_cap);
  }
  c.slots = calloc(c.nslots, sizeof *c.slots);
  c.arena = malloc(c.arena_cap);
  c.p = malloc(sizeof *c.p);
  c.pieces = calloc(len + 1, sizeof *c.pieces);
  if (c.slots == NULL || c.arena == NULL || c.p == NULL || c.pieces == NULL)
    abort();
  h1_parser_init(c.p, &set, c.slots, c.nslots, c.arena, c.arena_cap);
  FZ_CHECK(c.p->error == H1_E_OK && c.p->nread == 0 && c.p->messages == 0,
           "init left results behind");
  struct summary a = run(&c, in, len);
  h1_parser_reset(c.p);
  FZ_CHECK(c.p->error == H1_E_OK && c.p->nread == 0 && c.p->messages == 0,
           "reset left results behind");
  struct summary b = run(&c, in, len);
  FZ_CHECK(a.nread == b.nread && a.messages == b.messages &&
               a.error == b.error && a.error_offset == b.error_offset &&
               a.upgraded == b.upgraded,
           "a reset parser did differently: nread %llu/%llu messages %u/%u "
           "error %s/%s",
           (unsigned long long)a.nread, (unsigned long long)b.nread, a.messages,
           b.messages, h1_errno_name(a.error), h1_errno_name(b.error));
  free(c.pieces);
  free(c.p);
  free(c.arena);
  free(c.slots);
  return 0;
}
