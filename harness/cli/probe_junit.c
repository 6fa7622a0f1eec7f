/*
 * probe_junit.c -- `h1 probe --format junit`: JUnit XML for CI, one
 * testsuite per target and category, one testcase per exchange; a FAIL is a
 * <failure>, a WARN is written in <system-out>.
 */
#include <string.h>

#include "probe.h"

static void testcase(FILE *f, const struct probe_run *run,
                     const struct probe_result *r) {
  struct buf repro = {0};
  fputs("    <testcase classname=\"", f);
  probe_text(f, r->c->category);
  fputs("\" name=\"", f);
  probe_text(f, r->c->id);
  fprintf(f, "%s\" time=\"%.3f\">\n", r->split ? " (split)" : "",
          (double)r->ms / 1000.0);
  if (r->verdict != PROBE_PASS) {
    fputs(r->verdict == PROBE_FAIL ? "      <failure message=\""
                                   : "      <system-out>WARN ",
          f);
    probe_text(f, r->why);
    fputs(r->verdict == PROBE_FAIL ? "\">" : "\n", f);
    probe_repro(&repro, run, r);
    probe_text(f, repro.ptr);
    fputs(r->verdict == PROBE_FAIL ? "</failure>\n" : "</system-out>\n", f);
    buf_free(&repro);
  }
  fputs("    </testcase>\n", f);
}

void probe_write_junit(FILE *f, const struct probe_run *run) {
  size_t i = 0, j, k;
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"h1 "
        "probe\">\n",
        f);
  while (i < run->n) {
    size_t fails = 0;
    const struct probe_result *a = &run->r[i];
    for (j = i; j < run->n && run->r[j].target == a->target &&
                strcmp(run->r[j].c->category, a->c->category) == 0;
         j++)
      fails += run->r[j].verdict == PROBE_FAIL;
    fputs("  <testsuite name=\"", f);
    probe_text(f, a->target);
    fputs(" ", f);
    probe_text(f, a->c->category);
    fprintf(f, "\" tests=\"%zu\" failures=\"%zu\">\n", j - i, fails);
    for (k = i; k < j; k++)
      testcase(f, run, &run->r[k]);
    fputs("  </testsuite>\n", f);
    i = j;
  }
  fputs("</testsuites>\n", f);
}
