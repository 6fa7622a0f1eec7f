/*
 * probe_verdict.c -- the verdict of one exchange: Node's reading of the
 * bytes sent (h1's engine, profile node), the server's outcome (accept,
 * reject, or no answer in time), whether the control request that follows
 * a possible smuggling case was answered as it is alone, and the case's
 * outcome sets: PASS inside `allow`, WARN inside `warn`, FAIL elsewhere.
 * No verdict rests on timing alone: no answer in time is a WARN.
 */
#include <stdlib.h>
#include <string.h>

#include "probe.h"

const char probe_control[] = "GET /?h1-probe-control HTTP/1.1\r\n"
                             "Host: h1-probe\r\n\r\n";

const char *probe_outcome_name(unsigned o) {
  return o == PROBE_ACCEPT ? "accept" : o == PROBE_REJECT ? "reject" : "none";
}

const char *probe_verdict_name(enum probe_verdict v) {
  return v == PROBE_PASS ? "PASS" : v == PROBE_WARN ? "WARN" : "FAIL";
}

void probe_node_read(const char *data, size_t len, int insecure,
                     uint32_t max_header_size, struct probe_node *out) {
  struct h1_settings set;
  h1_parser p;
  struct h1_event ev;
  size_t off = 0;
  memset(&set, 0, sizeof set);
  memset(out, 0, sizeof *out);
  set.type = H1_REQUEST;
  set.profile = H1_PROFILE_NODE;
  set.lenient = insecure ? H1_LENIENT_ALL : 0;
  set.max_header_size = max_header_size;
  h1_parser_init(&p, &set, NULL, 0, NULL, 0);
  for (;;) {
    off += h1_execute(&p, data + off, len - off, &ev);
    if (ev.type == H1_EV_ERROR || ev.type == H1_EV_UPGRADE)
      break;
    if (ev.type == H1_EV_NONE) {
      h1_finish(&p, &ev);
      break;
    }
  }
  out->messages = p.messages;
  out->accept = ev.type != H1_EV_ERROR;
  if (!out->accept) {
    /* Node answers a parse error with a response; an input that merely
     * ends inside a message gets none. */
    out->answered_error = p.error != H1_E_INVALID_EOF_STATE;
    snprintf(out->code, sizeof out->code, "%s", h1_errno_name(p.error));
  }
}

void probe_node_reading(const struct probe_case *c, struct probe_node *out) {
  probe_node_read(c->data, c->len, c->insecure, c->max_header_size, out);
}

size_t probe_statuses(const char *b, size_t n, int *status, size_t max,
                      size_t *nstatus, int *bad, struct buf *first_body) {
  static struct h1_header slots[H1_SLOTS_FOR(H1_DEFAULT_MAX_HEADER_SIZE)];
  struct h1_settings set;
  h1_parser p;
  struct h1_event ev;
  size_t off = 0, done = 0;
  memset(&set, 0, sizeof set);
  set.type = H1_RESPONSE;
  set.profile = H1_PROFILE_NODE;
  set.lenient = H1_LENIENT_ALL;
  set.request_method = H1_METHOD_GET;
  h1_parser_init(&p, &set, slots, sizeof slots / sizeof slots[0], NULL, 0);
  *nstatus = 0;
  *bad = 0;
  for (;;) {
    off += h1_execute(&p, b + off, n - off, &ev);
    if (ev.type == H1_EV_NONE)
      h1_finish(&p, &ev);
    if (ev.type == H1_EV_HEAD && p.msg.status >= 200 && *nstatus < max)
      status[(*nstatus)++] = p.msg.status;
    else if (ev.type == H1_EV_BODY && first_body != NULL && *nstatus == 1 &&
             p.messages == done)
      buf_put(first_body, ev.data.ptr, ev.data.len);
    else if (ev.type == H1_EV_MESSAGE_END && p.messages > 0)
      done = p.messages;
    else if (ev.type == H1_EV_ERROR) {
      *bad = 1;
      break;
    } else if (ev.type == H1_EV_NONE || ev.type == H1_EV_UPGRADE)
      break;
  }
  return done;
}

static int rejects(const struct probe_case *c, int status) {
  size_t i;
  for (i = 0; i < c->nreject; i++)
    if (c->reject_status[i] == status)
      return 1;
  return 0;
}

static int starts(const struct probe_case *c, const char *s) {
  size_t n = strlen(s);
  return c->len >= n && memcmp(c->data, s, n) == 0;
}

void probe_judge(struct probe_result *r, int control_status) {
  const struct probe_case *c = r->c;
  size_t i, final;
  int any_reject = 0;
  uint32_t most;
  probe_statuses(r->response.ptr ? r->response.ptr : "", r->response.len,
                 r->status, PROBE_MAX_STATUS, &r->nstatus, &r->response_error,
                 &r->first_body);
  r->responses = r->nstatus;
  for (i = 0; i < r->nstatus; i++)
    any_reject |= rejects(c, r->status[i]);
  if (any_reject || (r->nstatus == 0 && strcmp(r->end, "timeout") != 0))
    r->outcome = PROBE_REJECT;
  else if (r->nstatus > 0)
    r->outcome = PROBE_ACCEPT;
  else
    r->outcome = PROBE_NONE;
  /* The control request: the most answers Node's framing allows are its
   * messages, the one it rejects, and the control.  More, or the last
   * answer not the control's own, means the server saw a request boundary
   * Node does not. */
  r->desync = 0;
  if (c->smuggling && r->outcome == PROBE_ACCEPT) {
    most = r->node.messages + (r->node.accept ? 0u : 1u) + 1u;
    final = r->nstatus;
    if (final > most)
      r->desync = 1;
    else if (final == most && control_status != 0 &&
             r->status[final - 1] != control_status)
      r->desync = 1;
  }
  if (r->via && r->outcome == PROBE_ACCEPT && r->nstatus > 0 &&
      r->status[0] == 200 && r->first_body.len > 0 && !starts(c, "HEAD ") &&
      !starts(c, "CONNECT ")) {
    /* (responses are read as answers to GET: after a HEAD the first body
     * would be the next response; after a CONNECT it is the tunnel's) */
    probe_node_read(r->first_body.ptr, r->first_body.len, 0, 0, &r->via_node);
    r->via_differs = r->via_node.messages > 1 ||
                     (!r->via_node.accept && r->via_node.answered_error);
  }
  if (r->via_differs) {
    r->verdict = PROBE_FAIL;
    snprintf(r->why, sizeof r->why,
             "the proxy accepted one request and forwarded bytes Node reads "
             "as %u message(s)%s%s: they frame differently",
             r->via_node.messages, r->via_node.accept ? "" : " then ",
             r->via_node.accept ? "" : r->via_node.code);
  } else if (r->outcome == PROBE_NONE) {
    r->verdict = PROBE_WARN;
    snprintf(r->why, sizeof r->why,
             "no answer within the timeout (no verdict on timing alone)");
  } else if (r->desync) {
    r->verdict = PROBE_FAIL;
    snprintf(r->why, sizeof r->why,
             "%zu responses where Node's framing allows at most %u, or the "
             "control request answered %d instead of %d: a request boundary "
             "Node does not see (smuggling)",
             r->nstatus, r->node.messages + (r->node.accept ? 0u : 1u) + 1u,
             r->nstatus ? r->status[r->nstatus - 1] : 0, control_status);
  } else if (c->allow & r->outcome) {
    r->verdict = PROBE_PASS;
    snprintf(r->why, sizeof r->why, "%s, as allowed",
             probe_outcome_name(r->outcome));
  } else if (c->warn & r->outcome) {
    r->verdict = PROBE_WARN;
    snprintf(r->why, sizeof r->why, "%s: %s", probe_outcome_name(r->outcome),
             c->risk[0] ? c->risk : "a known risk");
  } else {
    r->verdict = PROBE_FAIL;
    snprintf(r->why, sizeof r->why, "%s, outside the allowed set (%s %s): %s",
             probe_outcome_name(r->outcome), c->level, c->rfc[0] ? c->rfc : "",
             c->risk[0] ? c->risk : "");
  }
}
