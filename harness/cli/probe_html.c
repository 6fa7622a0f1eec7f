/*
 * probe_html.c -- `h1 probe --format html`: one self-contained file (no
 * external resources) with the totals, a targets-by-cases agreement grid
 * (a cell per target and case, coloured by verdict, and a row that says
 * whether the targets' outcomes agree) and a table per category.  A small
 * inline script counts the grid and fills in the summary line.
 * Results are target-major: run->n / run->ntargets exchanges per target,
 * in the same order for every target.
 */
#include <string.h>

#include "probe.h"

static const char style[] =
    "<style>body{font:13px sans-serif;margin:1em}table{border-collapse:"
    "collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 4px;"
    "vertical-align:top}#grid td{width:7px;height:14px;padding:0}"
    ".PASS{background:#8d8}.WARN{background:#fd6}.FAIL{background:#e66}"
    ".same{background:#ccc}.differ{background:#66e}code{white-space:pre-"
    "wrap;word-break:break-all}</style>\n";

static const char script[] =
    "<script>\n"
    "(function(){var g=document.getElementById('grid');\n"
    "var cells=g.querySelectorAll('td[data-v]');\n"
    "var differ=g.querySelectorAll('td.differ').length;\n"
    "var n={PASS:0,WARN:0,FAIL:0};\n"
    "cells.forEach(function(c){n[c.getAttribute('data-v')]++;});\n"
    "document.getElementById('summary').textContent=cells.length+' cells: '+"
    "n.PASS+' PASS, '+n.WARN+' WARN, '+n.FAIL+' FAIL; '+differ+"
    "' cases where the targets disagree';\n"
    "document.body.setAttribute('data-cells',String(cells.length));})();\n"
    "</script>\n";

static void cell(FILE *f, const struct probe_result *r) {
  fprintf(f, "<td class=\"%s\" data-v=\"%s\" title=\"",
          probe_verdict_name(r->verdict), probe_verdict_name(r->verdict));
  probe_text(f, r->c->id);
  fprintf(f, "%s: %s\"></td>", r->split ? " (split)" : "",
          probe_outcome_name(r->outcome));
}

static void grid(FILE *f, const struct probe_run *run, size_t per) {
  size_t t, j;
  fputs("<h2>Agreement grid</h2>\n<table id=\"grid\">\n", f);
  for (t = 0; t < run->ntargets; t++) {
    fputs("<tr><th>", f);
    probe_text(f, run->targets[t]);
    fputs("</th>", f);
    for (j = 0; j < per; j++)
      cell(f, &run->r[t * per + j]);
    fputs("</tr>\n", f);
  }
  fputs("<tr><th>outcomes agree</th>", f);
  for (j = 0; j < per; j++) {
    int same = 1;
    for (t = 1; t < run->ntargets; t++)
      same &= run->r[t * per + j].outcome == run->r[j].outcome;
    fprintf(f, "<td class=\"%s\"></td>", same ? "same" : "differ");
  }
  fputs("</tr>\n</table>\n", f);
}

static void row(FILE *f, const struct probe_run *run, size_t per, size_t j) {
  size_t t, k;
  const struct probe_result *a = &run->r[j];
  fputs("<tr><td>", f);
  probe_text(f, a->c->id);
  fprintf(f, "%s</td><td>%s ", a->split ? " (split)" : "", a->c->level);
  probe_text(f, a->c->rfc);
  fprintf(f, "</td><td>%s</td>", a->node.accept ? "accept" : "reject");
  for (t = 0; t < run->ntargets; t++) {
    const struct probe_result *r = &run->r[t * per + j];
    fprintf(f, "<td class=\"%s\">%s %s", probe_verdict_name(r->verdict),
            probe_verdict_name(r->verdict), probe_outcome_name(r->outcome));
    for (k = 0; k < r->nstatus; k++)
      fprintf(f, " %d", r->status[k]);
    if (r->verdict != PROBE_PASS) {
      fputs("<br>", f);
      probe_text(f, r->why);
    }
    fputs("</td>", f);
  }
  fputs("<td><code>", f);
  probe_xml(f, a->c->data, a->c->len > 200 ? 200 : a->c->len);
  fputs("</code></td></tr>\n", f);
}

static void tables(FILE *f, const struct probe_run *run, size_t per) {
  size_t j = 0, t, k;
  while (j < per) {
    const char *cat = run->r[j].c->category;
    fputs("<h2>", f);
    probe_text(f, cat);
    fputs("</h2>\n<table><tr><th>case</th><th>level, RFC</th><th>Node</th>", f);
    for (t = 0; t < run->ntargets; t++) {
      fputs("<th>", f);
      probe_text(f, run->targets[t]);
      fputs("</th>", f);
    }
    fputs("<th>request</th></tr>\n", f);
    for (k = j; k < per && strcmp(run->r[k].c->category, cat) == 0; k++)
      row(f, run, per, k);
    fputs("</table>\n", f);
    j = k;
  }
}

void probe_write_html(FILE *f, const struct probe_run *run) {
  size_t per = run->ntargets ? run->n / run->ntargets : 0;
  fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        "<title>h1 probe</title>\n",
        f);
  fputs(style, f);
  fprintf(f,
          "</head><body>\n<h1>h1 probe</h1>\n<p>%zu exchanges: %zu PASS, "
          "%zu WARN, %zu FAIL (%ld ms)</p>\n<p id=\"summary\"></p>\n",
          run->n, run->count[PROBE_PASS], run->count[PROBE_WARN],
          run->count[PROBE_FAIL], run->ms);
  grid(f, run, per);
  tables(f, run, per);
  fputs(script, f);
  fputs("</body></html>\n", f);
}
