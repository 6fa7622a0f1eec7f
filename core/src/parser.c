/*
 * parser.c -- the h1 engine's HTTP/1.x parser.
 *
 * One resumable state machine over caller buffers, in the style of nginx's
 * ngx_http_parse.c: one function per grammar rule, each in its own file
 * over its own states (parser_int.h lists them), the state in the parser
 * struct, loaded into locals on entry and stored back on exit, and every
 * state says in a comment which bytes it accepts.  Here: init, the entry
 * (h1_execute and its fast paths) and the machine, h1__execute, which
 * starts messages and calls the rule whose state it is.  The graph and every
 * error (code, sentence and byte offset) follow llhttp 9.3.1 as built into Node
 * 20, and Node's binding (node_http_parser.cc) for the header-size and
 * chunk-extension counters.
 *
 * Offsets are canonical: an input fed in pieces reports what the same input
 * fed in one piece reports.  (Node's binding counts header bytes whenever a
 * span is flushed, which it also does at the end of every read; h1 reports
 * the one-piece answer for every split.)
 *
 * Spans of a head point into the caller's data.  When a call ends inside a
 * head, every span of that head not yet in the arena is copied there, once;
 * later pieces of the span being scanned are appended to it.  Each byte is
 * therefore scanned once and copied at most once.
 */
#include "h1/h1.h"

#include <string.h>

#include "parser_framing.h"
#include "parser_int.h"
#include "zero.h"

/* ------------------------------------------------------------------------
 * Init
 * ------------------------------------------------------------------------ */

/* The strict profile's head-line limit: the lines Node merges into
 * `headers` (h1_node_header_counts()).  Node's maxHeaderPairs is 2000
 * entries when maxHeadersCount is unset, else maxHeadersCount * 2 as a
 * 32-bit int, no limit when not positive; two entries per line.  0: no
 * limit. */
static uint32_t h1__strict_max_lines(uint32_t max_headers_count) {
  int64_t pairs;
  if (max_headers_count == 0)
    pairs = H1_NODE_DEFAULT_HEADER_PAIRS;
  else if (max_headers_count == H1_HEADERS_COUNT_UNLIMITED)
    return 0;
  else
    pairs = (int64_t)(int32_t)(max_headers_count * 2u);
  return pairs <= 0 ? 0 : (uint32_t)(pairs / 2);
}

void h1_parser_init(h1_parser *p, const struct h1_settings *settings,
                    struct h1_header *slots, size_t nslots, char *arena,
                    size_t arena_cap) {
  h1__zero(p, sizeof(*p));
  if (settings != NULL) {
    /* Field by field, each read on its own (volatile: not merged into one
     * wide load): a caller that has just filled in `settings` field by
     * field would make a wide load wait until its stores retire. */
    const volatile struct h1_settings *s = settings;
    p->h1__set.type = s->type;
    p->h1__set.profile = s->profile;
    p->h1__set.lenient = s->lenient;
    p->h1__set.max_header_size = s->max_header_size;
    p->h1__set.request_method = s->request_method;
    p->h1__set.max_headers_count = s->max_headers_count;
  }
  if (p->h1__set.max_header_size == 0)
    p->h1__set.max_header_size = H1_DEFAULT_MAX_HEADER_SIZE;
  p->h1__slots = slots;
  p->h1__nslots = nslots;
  if (slots == NULL) {
    /* checking only: every line is parsed and checked, none is kept */
    p->h1__slots = &p->h1__scratch;
    p->h1__nslots = 1;
  }
  if (p->h1__set.profile == H1_PROFILE_STRICT)
    p->h1__max_lines = h1__strict_max_lines(p->h1__set.max_headers_count);
  p->h1__fast_lines = h1__fast_lines_for(p);
  p->h1__arena = arena;
  p->h1__arena_cap = arena_cap;
  p->reason = h1__errno_reasons[H1_E_OK];
  p->h1__state = S_START;
  p->msg.headers = slots;
  p->msg.trailers = slots;
}

void h1_parser_reset(h1_parser *p) {
  struct h1_settings s = p->h1__set;
  int checking = p->h1__slots == &p->h1__scratch;
  h1_parser_init(p, &s, checking ? NULL : p->h1__slots,
                 checking ? 0 : p->h1__nslots, p->h1__arena, p->h1__arena_cap);
}

/* ------------------------------------------------------------------------
 * The machine
 * ------------------------------------------------------------------------ */

/* The MESSAGE_END that follows a bodiless head, a head that h1__head takes
 * whole, the next chunk when its line is whole, and the bytes of a
 * Content-Length body are reported without entering the machine (whose
 * entry saves every register it uses). */
size_t h1_execute(h1_parser *P, const char *data, size_t len,
                  struct h1_event *ev) {
  if (P->h1__state == S_MESSAGE_DONE) {
    unsigned state = S_MESSAGE_DONE;
    uint32_t flags = P->h1__flags;
    ev->data.ptr = NULL;
    ev->data.len = 0;
    h1__message_end(P, &state, &flags, ev);
    P->h1__state = (uint16_t)state;
    P->h1__flags = flags;
    return 0;
  }
  if (H1__FAST && P->h1__state == S_START) {
    if (len == 0) { /* between messages, no input: what the machine says */
      ev->type = H1_EV_NONE;
      ev->data.ptr = NULL;
      ev->data.len = 0;
      return 0;
    }
    return h1__head(P, data, len, ev); /* or the machine */
  }
  if (H1__FAST && (P->h1__state == S_CHUNK_DATA_ALMOST ||
                   P->h1__state == S_CHUNK_SIZE_START))
    return h1__next_chunk(P, data, len, ev);
  if (H1__FAST && P->h1__state == S_BODY_IDENTITY && len != 0) {
    /* Content-Length body bytes: S_BODY_IDENTITY in h1__body */
    const unsigned char *p = (const unsigned char *)data;
    P->h1__state =
        (uint16_t)h1__body_bytes(P, &p, p + len, S_BODY_IDENTITY, ev);
    len = (size_t)((const char *)p - data);
    P->nread += len;
    return len;
  }
  return h1__execute(P, data, len, ev);
}

/* S_START: CR and LF between messages are skipped; any other byte begins a
 * message, whose state is cleared. */
static int h1__message_start(h1_parser *P, struct h1__run *r) {
  const unsigned char *p = r->p;
  while (p < r->end && (*p == '\r' || *p == '\n'))
    p++;
  r->p = p;
  if (p == r->end)
    return H1__R_OUT;
  h1__message_begin(P);
  r->flags = F_IN_SECTION;
  if (P->h1__set.type == H1_REQUEST) {
    r->state = S_REQ_METHOD;
  } else {
    P->h1__index = 0;
    r->state = S_RES_PROTO;
  }
  return H1__R_NEXT;
}

/* The rule whose state r->state is, over the run: one call. */
static int h1__rule(h1_parser *P, struct h1__run *r, struct h1_event *ev) {
  unsigned s = r->state;
  if (s >= S_CHUNK_SIZE_START)
    return s <= S_CLOSED ? h1__chunked_body(P, r, ev) : -1;
  if (s >= S_TE_CHUNKED)
    return h1__framing_value(P, r);
  if (s >= S_VALUE_DISCARD_WS)
    return h1__field_value(P, r);
  if (s >= S_HEADERS_START)
    return h1__field_lines(P, r);
  if (s >= S_RES_PROTO)
    return h1__status_line(P, r);
  if (s >= S_URL_START)
    return h1__target(P, r);
  return s == S_START ? h1__message_start(P, r) : h1__request_line(P, r);
}

/* The machine: the rules in turn until an event, an error or the end of
 * the data. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
size_t
h1__execute(h1_parser *P, const char *data, size_t len, struct h1_event *ev) {
  struct h1__run r;
  size_t consumed;
  int res;

  ev->type = H1_EV_NONE;
  ev->data.ptr = NULL;
  ev->data.len = 0;
  /* Pseudo-states that report without consuming (S_MESSAGE_DONE: in
   * h1_execute). */
  if (P->h1__state == S_DEAD) {
    ev->type = H1_EV_ERROR;
    return 0;
  }
  if (P->h1__state == S_UPGRADED) {
    ev->type = H1_EV_UPGRADE;
    return 0;
  }

  r.p = (const unsigned char *)data;
  r.end = r.p + len;
  r.mark = r.p;
  r.state = P->h1__state;
  r.flags = P->h1__flags;
  r.why = NULL;
  for (;;) {
    res = h1__rule(P, &r, ev);
    if (res != H1__R_NEXT)
      break;
    if (r.state == S_MESSAGE_DONE) { /* the end of a trailer section */
      h1__message_end(P, &r.state, &r.flags, ev);
      res = H1__R_EVENT;
      break;
    }
    if (r.p == r.end)
      break;
  }

  switch (res) {
  case H1__R_HEAD:
    r.err = h1__head_complete(P, 0, &r.state, &r.flags, &r.why);
    if (r.err != H1_E_OK)
      goto error;
    ev->type = H1_EV_HEAD;
    break;
  case H1__R_EVENT:
    break;
  case H1__R_ERROR:
    goto error;
  case H1__R_NEXT:
  case H1__R_OUT:
    /* Out of data.  Inside a head, move this call's spans to the arena. */
    if ((r.flags & (F_IN_SECTION | F_SPAN_OPEN)) &&
        h1__spill(P, &r.flags, r.mark, r.end) != 0) {
      r.err = H1_E_ARENA_FULL;
      goto error;
    }
    break;
  default:
    r.err = H1_E_INTERNAL;
    goto error;
  }
  consumed = (size_t)((const char *)r.p - data);
  P->h1__state = (uint16_t)r.state;
  P->h1__flags = r.flags;
  P->nread += consumed;
  return consumed;

error:
  consumed = (size_t)((const char *)r.p - data);
  P->error = r.err;
  P->reason = r.why != NULL ? r.why : h1__errno_reasons[r.err];
  P->error_offset = P->nread + consumed;
  P->nread += consumed;
  P->h1__state = S_DEAD;
  P->h1__flags = r.flags;
  ev->type = H1_EV_ERROR;
  return consumed;
}

void h1_parser_set_request_method(h1_parser *P, h1_method m) {
  P->h1__set.request_method = m;
}
