/*
 * probe_report.c -- what the report writers of `h1 probe` share: XML/HTML
 * text escaping and the command that reproduces one result.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
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

void probe_text(FILE *f, const char *s) {
  for (; *s; s++) {
    if (*s == '<')
      fputs("&lt;", f);
    else if (*s == '>')
      fputs("&gt;", f);
    else if (*s == '&')
      fputs("&amp;", f);
    else if (*s == '"')
      fputs("&quot;", f);
    else
      fputc(*s, f);
  }
}

void probe_json_text(struct buf *b, const char *s) {
  json_utf8(b, s, strlen(s));
}

char *probe_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d == NULL)
    cli_out_of_memory();
  memcpy(d, s, n);
  return d;
}
