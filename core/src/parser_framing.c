/*
 * parser_framing.c -- framing and keep-alive seen from outside the machine:
 * h1_should_keep_alive, h1_message_in_progress, and the end of the input.
 */
#include "parser_framing.h"

int h1_should_keep_alive(const h1_parser *p) {
  return (p->msg.flags & H1_F_KEEP_ALIVE) != 0;
}

int h1_message_in_progress(const h1_parser *p) {
  return p->h1__finish == FINISH_UNSAFE || p->h1__finish == FINISH_SAFE_WITH_CB;
}

void h1_finish(h1_parser *P, struct h1_event *ev) {
  uint32_t flags = P->h1__flags;
  ev->type = H1_EV_NONE;
  ev->data.ptr = NULL;
  ev->data.len = 0;
  switch (P->h1__state) {
  case S_DEAD:
    ev->type = H1_EV_ERROR;
    return;
  case S_MESSAGE_DONE:
    (void)h1_execute(P, NULL, 0, ev);
    return;
  case S_UPGRADED:
    return;
  default:
    break;
  }
  /* Node flushes an open span at the end of the input: its count may fail */
  if (flags & F_SPAN_OPEN) {
    h1_errno e = H1_E_OK;
    if (P->h1__span_kind == 5) {
      if (P->h1__ext_nread > H1_MAX_CHUNK_EXTENSIONS_SIZE)
        e = H1_E_CHUNK_EXTENSIONS_OVERFLOW;
    } else if (P->h1__header_nread >= P->h1__set.max_header_size) {
      e = H1_E_HEADER_OVERFLOW;
    }
    if (e != H1_E_OK) {
      P->error = e;
      P->reason = h1__errno_reasons[e];
      P->error_offset = P->nread;
      P->h1__state = S_DEAD;
      ev->type = H1_EV_ERROR;
      return;
    }
  }
  switch (P->h1__finish) {
  case FINISH_SAFE_WITH_CB:
    P->h1__finish = FINISH_SAFE;
    P->messages++;
    P->head_complete = 0;
    P->msg.flags = h1__end_flags(P, flags);
    P->h1__state = S_CLOSED;
    ev->type = H1_EV_MESSAGE_END;
    return;
  case FINISH_UNSAFE:
    P->error = H1_E_INVALID_EOF_STATE;
    P->reason = "Invalid EOF state";
    P->error_offset = P->nread;
    P->h1__state = S_DEAD;
    ev->type = H1_EV_ERROR;
    return;
  default:
    return;
  }
}
