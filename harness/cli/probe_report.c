/*
 * probe_report.c -- what the report writers of `h1 probe` share: XML/HTML
 * text escaping and the command that reproduces one result.
 */
#include <string.h>

#include "probe.h"

void probe_xml(FILE *f, const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '<')
      fputs("&lt;", f);
    else if (c == '>')
      fputs("&gt;", f);
    else if (c == '&')
      fputs("&amp;", f);
    else if (c == '"')
      fputs("&quot;", f);
    else if (c == '\r')
      fputs("\\r", f);
    else if (c == '\n')
      fputs("\\n", f);
    else if (c < 0x20 || c >= 0x7f)
      fprintf(f, "\\x%02x", c);
    else
      fputc(c, f);
  }
}

void probe_repro(struct buf *b, const struct probe_run *run,
                 const struct probe_result *r) {
  buf_printf(b, "h1 probe %s --corpus %s --id %s%s", r->target, run->corpus,
             r->c->id, r->split ? " --split" : "");
}
