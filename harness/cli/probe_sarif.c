/*
 * probe_sarif.c -- `h1 probe --format sarif`: SARIF 2.1.0, one rule per
 * category, one result per FAIL (level error) and WARN (level warning),
 * located at the case's .http file.
 */
#include <string.h>

#include "probe.h"

static void put(struct buf *b, const char *s) {
  probe_json_text(b, s);
}

static void rules(struct buf *b, const struct probe_run *run) {
  size_t i;
  const char *last = NULL;
  int first = 1;
  for (i = 0; i < run->n; i++) {
    const char *cat = run->r[i].c->category;
    if (last != NULL && strcmp(last, cat) == 0)
      continue;
    if (i > 0 && run->r[i].target != run->r[0].target)
      break; /* every target runs the same cases */
    last = cat;
    buf_puts(b, first ? "{\"id\":" : ",{\"id\":");
    put(b, cat);
    buf_puts(b, ",\"shortDescription\":{\"text\":");
    put(b, cat);
    buf_puts(b, "}}");
    first = 0;
  }
}

void probe_write_sarif(FILE *f, const struct probe_run *run) {
  struct buf b = {0};
  struct buf msg = {0};
  size_t i;
  int first = 1;
  buf_puts(&b, "{\"version\":\"2.1.0\",\"$schema\":\"https://json.schemastore"
               ".org/schemas/sarif-2.1.0.json\",\"runs\":[{\"tool\":{"
               "\"driver\":{\"name\":\"h1 probe\",\"rules\":[");
  rules(&b, run);
  buf_puts(&b, "]}},\"results\":[");
  for (i = 0; i < run->n; i++) {
    const struct probe_result *r = &run->r[i];
    if (r->verdict == PROBE_PASS)
      continue;
    msg.len = 0;
    buf_printf(&msg, "%s %s%s: %s (%s %s)", r->target, r->c->id,
               r->split ? " (split)" : "", r->why, r->c->level, r->c->rfc);
    buf_puts(&b, first ? "{\"ruleId\":" : ",{\"ruleId\":");
    put(&b, r->c->category);
    buf_printf(&b, ",\"level\":\"%s\",\"message\":{\"text\":",
               r->verdict == PROBE_FAIL ? "error" : "warning");
    probe_json_text(&b, msg.ptr);
    buf_puts(&b, "},\"locations\":[{\"physicalLocation\":{"
                 "\"artifactLocation\":{\"uri\":");
    put(&b, r->c->path);
    buf_puts(&b, "}}}]}");
    first = 0;
  }
  buf_puts(&b, "]}]}\n");
  fwrite(b.ptr, 1, b.len, f);
  buf_free(&b);
  buf_free(&msg);
}
