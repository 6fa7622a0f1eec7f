/*
 * probe_diff.c -- `h1 probe --diff`: the same cases sent to several targets
 * that speak the echo protocol (CONTRACT section 2), the differences sorted
 * into classes: one accepts and one rejects; both accept but read a
 * different method, target, version, headers or body (compared on the echo
 * JSON of the first response); a different number of messages; both reject
 * with different statuses.  Node's reading (h1's engine, profile node) is
 * always a column, compared on outcome and message count.  Differences a
 * quirks file lists for a target are kept apart as known.
 */
#define _POSIX_C_SOURCE 200809L

#include <fnmatch.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "probe.h"

static const char *const class_names[PROBE_DIFF__COUNT] = {
    "same", "accept-reject", "read", "message-count", "reject-status"};

const char *probe_diff_name(enum probe_diff_class c) {
  return class_names[c];
}

static enum probe_diff_class read_diff(const struct probe_result *a,
                                       const struct probe_result *b, char *what,
                                       size_t whatcap) {
  static const char *const fields[] = {"method", "uri", "version", "headers",
                                       "body"};
  json_t *ja = json_loadb(a->first_body.ptr ? a->first_body.ptr : "",
                          a->first_body.len, 0, NULL);
  json_t *jb = json_loadb(b->first_body.ptr ? b->first_body.ptr : "",
                          b->first_body.len, 0, NULL);
  enum probe_diff_class c = PROBE_SAME;
  size_t i;
  if (ja != NULL && jb != NULL) {
    for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
      json_t *fa = json_object_get(ja, fields[i]);
      json_t *fb = json_object_get(jb, fields[i]);
      if ((fa || fb) && !json_equal(fa, fb)) {
        snprintf(what, whatcap, "%s", fields[i]);
        c = PROBE_DIFF_READ;
        break;
      }
    }
  } /* else: not both echo servers, nothing to compare */
  json_decref(ja);
  json_decref(jb);
  return c;
}

enum probe_diff_class probe_diff_pair(const struct probe_result *a,
                                      const struct probe_result *b, char *what,
                                      size_t whatcap) {
  what[0] = '\0';
  if (a->outcome != b->outcome)
    return PROBE_DIFF_ACCEPT_REJECT;
  if (a->outcome == PROBE_REJECT) {
    if (a->nstatus && b->nstatus && a->status[0] != b->status[0])
      return PROBE_DIFF_STATUS;
    return PROBE_SAME;
  }
  if (a->outcome != PROBE_ACCEPT)
    return PROBE_SAME;
  if (a->nstatus != b->nstatus)
    return PROBE_DIFF_COUNT;
  return read_diff(a, b, what, whatcap);
}

enum probe_diff_class probe_diff_node(const struct probe_result *r) {
  unsigned node = r->node.accept ? PROBE_ACCEPT : PROBE_REJECT;
  size_t extra = r->c->smuggling ? 1 : 0; /* the control request */
  if (r->outcome == PROBE_NONE)
    return PROBE_SAME;
  if (node != r->outcome)
    return PROBE_DIFF_ACCEPT_REJECT;
  if (node == PROBE_ACCEPT && r->nstatus != r->node.messages + extra)
    return PROBE_DIFF_COUNT;
  return PROBE_SAME;
}

/* --- Quirks -------------------------------------------------------------- */

struct probe_quirk_rule {
  char *target, *cls, *glob;
};

struct probe_quirks {
  struct probe_quirk_rule *v;
  size_t n;
};

static char *word(char **p) {
  char *s = *p, *w;
  while (*s == ' ' || *s == '\t')
    s++;
  if (*s == '\0' || *s == '\n' || *s == '#')
    return NULL;
  w = s;
  while (*s && *s != ' ' && *s != '\t' && *s != '\n')
    s++;
  if (*s)
    *s++ = '\0';
  *p = s;
  return w;
}

struct probe_quirks *probe_quirks_load(const char *file) {
  FILE *f = fopen(file, "r");
  struct probe_quirks *q;
  char line[1024];
  int lineno = 0;
  if (f == NULL) {
    fprintf(stderr, "h1 probe: cannot open %s\n", file);
    return NULL;
  }
  q = calloc(1, sizeof *q);
  if (q == NULL)
    cli_out_of_memory();
  while (fgets(line, sizeof line, f) != NULL) {
    char *p = line, *t, *c, *g;
    lineno++;
    if ((t = word(&p)) == NULL)
      continue;
    c = word(&p);
    g = c ? word(&p) : NULL;
    if (c == NULL) {
      fprintf(stderr, "h1 probe: %s:%d: TARGET CLASS [GLOB] expected\n", file,
              lineno);
      fclose(f);
      return NULL;
    }
    q->v = realloc(q->v, (q->n + 1) * sizeof *q->v);
    if (q->v == NULL)
      cli_out_of_memory();
    q->v[q->n].target = probe_strdup(t);
    q->v[q->n].cls = probe_strdup(c);
    q->v[q->n].glob = probe_strdup(g ? g : "*");
    q->n++;
  }
  fclose(f);
  return q;
}

void probe_quirks_free(struct probe_quirks *q) {
  size_t i;
  for (i = 0; q != NULL && i < q->n; i++) {
    free(q->v[i].target);
    free(q->v[i].cls);
    free(q->v[i].glob);
  }
  if (q != NULL)
    free(q->v);
  free(q);
}

int probe_quirk(const struct probe_quirks *q, const char *target,
                enum probe_diff_class c, const char *what,
                const struct probe_case *pc) {
  size_t i;
  char full[64];
  if (q == NULL)
    return 0;
  snprintf(full, sizeof full, "%s:%s", probe_diff_name(c), what);
  for (i = 0; i < q->n; i++) {
    const struct probe_quirk_rule *r = &q->v[i];
    if (fnmatch(r->target, target, 0) == 0 &&
        (strcmp(r->cls, probe_diff_name(c)) == 0 ||
         strcmp(r->cls, full) == 0) &&
        (fnmatch(r->glob, pc->id, 0) == 0 ||
         fnmatch(r->glob, pc->category, 0) == 0))
      return 1;
  }
  return 0;
}

/* --- The records --------------------------------------------------------- */

void probe_write_diff(struct buf *b, const struct probe_run *run) {
  size_t per = run->ntargets ? run->n / run->ntargets : 0;
  size_t j, t, u, count[PROBE_DIFF__COUNT] = {0}, quirks = 0, k;
  char what[32];
  for (j = 0; j < per; j++) {
    const struct probe_result *r0 = &run->r[j];
    int first = 1;
    for (t = 0; t < run->ntargets; t++) {
      const struct probe_result *a = &run->r[t * per + j];
      enum probe_diff_class c;
      for (u = t; u <= run->ntargets; u++) {
        const struct probe_result *bb =
            u < run->ntargets ? &run->r[u * per + j] : NULL;
        int known;
        if (bb == a)
          continue;
        what[0] = '\0';
        c = bb ? probe_diff_pair(a, bb, what, sizeof what) : probe_diff_node(a);
        if (c == PROBE_SAME)
          continue;
        known = probe_quirk(run->quirks, a->target, c, what, a->c) ||
                (bb && probe_quirk(run->quirks, bb->target, c, what, a->c));
        if (known)
          quirks++;
        else
          count[c]++;
        buf_puts(b, first ? "{\"type\":\"diff\",\"id\":" : "");
        if (first) {
          probe_json_text(b, r0->c->id);
          buf_puts(b, ",\"category\":");
          probe_json_text(b, r0->c->category);
          buf_printf(b, ",\"split\":%s,\"pairs\":[",
                     r0->split ? "true" : "false");
        } else {
          buf_puts(b, ",");
        }
        first = 0;
        buf_puts(b, "{\"a\":");
        probe_json_text(b, a->target);
        buf_puts(b, ",\"b\":");
        probe_json_text(b, bb ? bb->target : "node (h1 engine)");
        buf_printf(b, ",\"class\":\"%s\",\"what\":", probe_diff_name(c));
        probe_json_text(b, what);
        buf_printf(b, ",\"quirk\":%s}", known ? "true" : "false");
      }
    }
    if (!first)
      buf_puts(b, "]}\n");
  }
  buf_puts(b, "{\"type\":\"diff-summary\"");
  for (k = 1; k < PROBE_DIFF__COUNT; k++)
    buf_printf(b, ",\"%s\":%zu", probe_diff_name((enum probe_diff_class)k),
               count[k]);
  buf_printf(b, ",\"quirks\":%zu}\n", quirks);
}
