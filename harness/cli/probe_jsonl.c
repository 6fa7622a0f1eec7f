/*
 * probe_jsonl.c -- `h1 probe --format jsonl` (the default): one record per
 * exchange (target, case, verdict, outcome, statuses, Node's reading, RFC
 * reference, raw request and response bytes as latin1 strings, a command
 * that reproduces it), then one summary record.
 */
#include <string.h>

#include "probe.h"

static void put_str(struct buf *b, const char *key, const char *s) {
  buf_printf(b, ",\"%s\":", key);
  probe_json_text(b, s);
}

static void record(struct buf *b, const struct probe_run *run,
                   const struct probe_result *r) {
  struct buf repro = {0};
  size_t i;
  buf_puts(b, "{\"type\":\"case\"");
  put_str(b, "target", r->target);
  put_str(b, "id", r->c->id);
  put_str(b, "category", r->c->category);
  buf_printf(b, ",\"split\":%s", r->split ? "true" : "false");
  put_str(b, "verdict", probe_verdict_name(r->verdict));
  put_str(b, "outcome", probe_outcome_name(r->outcome));
  buf_puts(b, ",\"statuses\":[");
  for (i = 0; i < r->nstatus; i++)
    buf_printf(b, "%s%d", i ? "," : "", r->status[i]);
  buf_puts(b, "]");
  put_str(b, "end", r->end);
  buf_printf(b, ",\"desync\":%s", r->desync ? "true" : "false");
  buf_printf(b, ",\"node\":{\"outcome\":\"%s\",\"messages\":%u",
             r->node.accept ? "accept" : "reject", r->node.messages);
  if (!r->node.accept)
    put_str(b, "code", r->node.code);
  buf_puts(b, "}");
  if (r->via) {
    buf_puts(b, ",\"forwarded\":");
    json_str(b, r->first_body.ptr ? r->first_body.ptr : "", r->first_body.len);
    buf_printf(b, ",\"via\":{\"messages\":%u,\"differs\":%s",
               r->via_node.messages, r->via_differs ? "true" : "false");
    if (!r->via_node.accept)
      put_str(b, "code", r->via_node.code);
    buf_puts(b, "}");
  }
  put_str(b, "rfc", r->c->rfc);
  put_str(b, "level", r->c->level);
  put_str(b, "why", r->why);
  buf_puts(b, ",\"request\":");
  json_str(b, r->request.ptr ? r->request.ptr : "", r->request.len);
  buf_puts(b, ",\"response\":");
  json_str(b, r->response.ptr ? r->response.ptr : "", r->response.len);
  buf_printf(b, ",\"ms\":%ld", r->ms);
  probe_repro(&repro, run, r);
  put_str(b, "repro", repro.ptr);
  buf_free(&repro);
  buf_puts(b, "}\n");
}

void probe_write_jsonl(FILE *f, const struct probe_run *run) {
  struct buf b = {0};
  size_t i;
  for (i = 0; i < run->n; i++) {
    b.len = 0;
    record(&b, run, &run->r[i]);
    fwrite(b.ptr, 1, b.len, f);
  }
  b.len = 0;
  if (run->diff)
    probe_write_diff(&b, run);
  buf_printf(&b,
             "{\"type\":\"summary\",\"targets\":%zu,\"exchanges\":%zu,"
             "\"pass\":%zu,\"warn\":%zu,\"fail\":%zu,\"ms\":%ld}\n",
             run->ntargets, run->n, run->count[PROBE_PASS],
             run->count[PROBE_WARN], run->count[PROBE_FAIL], run->ms);
  fwrite(b.ptr, 1, b.len, f);
  buf_free(&b);
}
