/*
 * parser_framing.h -- framing and keep-alive (llhttp_message_needs_eof,
 * llhttp_should_keep_alive): what a complete head means for the body
 * (llhttp's after_headers_complete) and the end of a message.  Inline:
 * each runs once per message inside the machine's registers.
 */
#ifndef H1_PARSER_FRAMING_H
#define H1_PARSER_FRAMING_H

#include "parser_int.h"

static inline int h1__needs_eof(const h1_parser *p, uint32_t flags) {
  unsigned status = p->msg.status;
  if (p->h1__set.type == H1_REQUEST)
    return 0;
  if (status / 100 == 1 || status == 204 || status == 304 ||
      (flags & H1_F_SKIPBODY))
    return 0;
  if ((flags & H1_F_TRANSFER_ENCODING) && (flags & H1_F_CHUNKED) == 0)
    return 1;
  if (flags & (H1_F_CHUNKED | H1_F_CONTENT_LENGTH))
    return 0;
  return 1;
}

static inline int h1__keep_alive(const h1_parser *p, uint32_t flags) {
  if (p->msg.version_major > 0 && p->msg.version_minor > 0) {
    if (flags & H1_F_CONNECTION_CLOSE)
      return 0;
  } else {
    if (!(flags & H1_F_CONNECTION_KEEP_ALIVE))
      return 0;
  }
  return !h1__needs_eof(p, flags);
}

/* on_message_complete, then llhttp's cleanup / after_message_complete:
 * the MESSAGE_END event and the state after it. */
/* msg.flags at MESSAGE_END, however the message ended: the head's own
 * flags kept, the framing flags as they are now. */
static inline uint32_t h1__end_flags(const h1_parser *P, uint32_t flags) {
  return (P->msg.flags & (H1_F_KEEP_ALIVE | H1_F_IS_UPGRADE |
                          H1_F_EXPECT_CONTINUE | H1_F_AUTHORITY_MISMATCH)) |
         (flags & 0xffffu);
}

static inline void h1__message_end(h1_parser *P, unsigned *state,
                                   uint32_t *flags, struct h1_event *ev) {
  P->messages++;
  P->head_complete = 0;
  P->msg.flags = h1__end_flags(P, *flags);
  ev->type = H1_EV_MESSAGE_END;
  if (P->h1__upgrade || P->h1__stop) {
    *state = S_UPGRADED;
  } else {
    int keep = h1__keep_alive(P, *flags);
    P->h1__finish = FINISH_SAFE;
    if (keep || (P->h1__set.lenient & H1_LENIENT_KEEP_ALIVE))
      *state = S_START;
    else
      *state = S_CLOSED;
    *flags = 0;
  }
}

/* llhttp's before_headers_complete, Node's onHeadersComplete return value
 * (2 = upgrade, 1 = no body), then after_headers_complete: the state after
 * a complete head.  H1_E_OK, or an error (*why its sentence).  `origin`:
 * the caller has seen an origin-form target and a method other than
 * CONNECT (the head path: a constant, so that msg is not read back). */
static inline h1_errno h1__head_complete(h1_parser *P, int origin,
                                         unsigned *state_out,
                                         uint32_t *flags_io, const char **why) {
  /* llhttp's before_headers_complete, Node's onHeadersComplete return value
   * (2 = upgrade, 1 = no body), then after_headers_complete. */
  uint32_t head_flags, flags = *flags_io;
  unsigned state;
  int ret = 0, has_body, ka_at_head, is_res = P->h1__set.type == H1_RESPONSE;
  h1_method req = P->h1__set.request_method;
  /* A plain request (the node profile, no Upgrade, no Expect, not CONNECT,
   * an origin-form target) has none of the answers asked for below: no
   * upgrade, no 1xx/204/304/101 rule, no Expect or authority flag.  It
   * skips those questions; its body is framed as any other's. */
  const int plain =
      H1__FAST && !is_res && !STRICT_PROFILE &&
      !(flags & (H1_F_UPGRADE | H1_F_SKIPBODY | F_EXPECT_SEEN)) &&
      (origin || (P->msg.method != H1_METHOD_CONNECT &&
                  (P->msg.url.len == 0 || P->msg.url.ptr[0] == '/')));
  if (plain) {
    P->h1__upgrade = 0;
    ka_at_head = h1__keep_alive(P, flags);
  } else {
    if ((flags & H1_F_UPGRADE) && (flags & H1_F_CONNECTION_UPGRADE))
      P->h1__upgrade =
          (uint8_t)(P->h1__set.type == H1_REQUEST || P->msg.status == 101);
    else
      P->h1__upgrade = (uint8_t)(P->h1__set.type == H1_REQUEST &&
                                 P->msg.method == H1_METHOD_CONNECT);
    /* what Node's onHeadersComplete is told: computed before its answer */
    ka_at_head = h1__keep_alive(P, flags);
    if (P->h1__set.type == H1_REQUEST) {
      ret = P->h1__upgrade ? 2 : 0;
    } else if (P->h1__upgrade || req == H1_METHOD_CONNECT) {
      ret = 2;
    } else if (P->msg.status >= 100 && P->msg.status < 200) {
      ret = 1; /* 1xx other than 101: information */
    } else if (req == H1_METHOD_HEAD || P->msg.status == 304) {
      ret = 1;
    }
    if (ret == 1) {
      flags |= H1_F_SKIPBODY;
    } else if (ret == 2) {
      P->h1__upgrade = 1;
      flags |= H1_F_SKIPBODY;
    }
  }
  P->msg.num_headers = P->h1__nlines;
  P->h1__nlines_head = P->h1__nlines;
  P->h1__header_nread = 0;
  if (STRICT_PROFILE) {
    /* before the head is dispatched: the application never sees it */
    const char *no = h1__strict_head(P, flags);
    if (no != NULL) {
      *why = no;
      *flags_io = flags;
      return H1_E_STRICT;
    }
  }
  P->head_complete = 1;
  flags &= ~F_IN_SECTION;
  /* the head's flags, also for a head that is rejected below */
  head_flags = (ka_at_head ? H1_F_KEEP_ALIVE : 0) |
               ((flags & F_EXPECT_SEEN) ? H1_F_EXPECT_CONTINUE : 0) |
               /* only an absolute-form target can mismatch */
               (!plain && P->msg.url.len != 0 && P->msg.url.ptr[0] != '/' &&
                        h1__authority_mismatch(P)
                    ? H1_F_AUTHORITY_MISMATCH
                    : 0);
  P->msg.flags = (flags & 0xffffu) | head_flags;
  has_body = (flags & H1_F_CHUNKED) || P->msg.content_length > 0;
  /* (a plain request goes straight to its framing) */
  if (!plain && ((P->h1__upgrade && (P->msg.method == H1_METHOD_CONNECT ||
                                     (flags & H1_F_SKIPBODY) || !has_body)) ||
                 (is_res && P->msg.status == 101))) {
    /* the rest is another protocol (a 101 stops parsing even without the
     * Upgrade headers; Node then drops the bytes that follow) */
    state = S_MESSAGE_DONE;
    P->h1__stop = 1;
  } else if (!plain &&
             ((flags & H1_F_SKIPBODY) ||
              (is_res && (P->msg.status == 100 || P->msg.status == 102 ||
                          P->msg.status == 103 || P->msg.status == 204 ||
                          P->msg.status == 304)))) {
    state = S_MESSAGE_DONE;
  } else if (flags & H1_F_CHUNKED) {
    state = S_CHUNK_SIZE_START;
  } else if (flags & H1_F_TRANSFER_ENCODING) {
    if (P->h1__set.type == H1_REQUEST &&
        !LENIENT(H1_LENIENT_CHUNKED_LENGTH | H1_LENIENT_TRANSFER_ENCODING)) {
      *why = "Request has invalid `Transfer-Encoding`";
      *flags_io = flags;
      return H1_E_INVALID_TRANSFER_ENCODING;
    }
    state = S_BODY_EOF;
  } else if (!(flags & H1_F_CONTENT_LENGTH)) {
    state = h1__needs_eof(P, flags) ? S_BODY_EOF : S_MESSAGE_DONE;
  } else if (P->msg.content_length == 0) {
    state = S_MESSAGE_DONE;
  } else {
    P->h1__remaining = P->msg.content_length;
    state = S_BODY_IDENTITY;
  }
  if (state == S_BODY_EOF) {
    P->h1__finish = FINISH_SAFE_WITH_CB;
    flags |= H1_F_BODY_EOF;
  }
  P->msg.flags = (flags & 0xffffu) | head_flags;
  if (P->h1__upgrade)
    P->msg.flags |= H1_F_IS_UPGRADE;
  *state_out = state;
  *flags_io = flags;
  return H1_E_OK;
}

#endif /* H1_PARSER_FRAMING_H */
