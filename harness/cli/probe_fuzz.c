/*
 * probe_fuzz.c -- `h1 probe --fuzz N --seed S A B ...`: network fuzzing of
 * other stacks.  Each round takes a corpus case, applies one to three
 * HTTP-aware mutations (a token of fuzz/http1.dict inserted, a header line
 * duplicated or two swapped, a line ending swapped, a chunk size spelled
 * another way, bytes deleted or changed), sends it to every target and
 * sorts the differences between them (and Node's reading) into classes
 * (probe_diff.c).  A difference class not seen before (class, pair of
 * columns, field) is minimized by delta debugging over the bytes, keeping
 * that same difference, and written as a case with every target's answer.
 * Deterministic for a seed (given servers that answer the same way);
 * progress on standard error, redrawn in place only on a terminal.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "probe.h"

#define MAX_TOKENS 512
#define MAX_TARGETS 16
#define MAX_INPUT 8192
#define MINIMIZE_BUDGET 120 /* rounds of sending per minimization */

struct fuzz {
  uint64_t rng;
  struct buf tokens[MAX_TOKENS];
  size_t ntokens;
  struct probe_target t[MAX_TARGETS];
  int control[MAX_TARGETS];
  char *const *names;
  size_t ntargets;
  char **seen;
  size_t nseen;
  size_t sent, found;
};

static uint64_t next(struct fuzz *f) { /* xorshift64* */
  f->rng ^= f->rng >> 12;
  f->rng ^= f->rng << 25;
  f->rng ^= f->rng >> 27;
  return f->rng * 2685821657736338717ULL;
}

static size_t below(struct fuzz *f, size_t n) {
  return n ? (size_t)(next(f) % n) : 0;
}

static const char *const builtin[] = {"\r\n",
                                      "\n",
                                      "\r",
                                      " ",
                                      "\t",
                                      ";",
                                      ",",
                                      ":",
                                      "\x00",
                                      "0x",
                                      "chunked",
                                      "Transfer-Encoding: chunked\r\n",
                                      "Content-Length: 5\r\n",
                                      "Content-Length: 0\r\n",
                                      "0\r\n\r\n",
                                      "Transfer-Encoding: identity\r\n"};

/* name="value" lines of a libFuzzer dictionary, \xNN \\ \" escapes. */
static void load_dict(struct fuzz *f, const char *file) {
  FILE *in = file ? fopen(file, "r") : NULL;
  char line[512];
  size_t i;
  while (in && fgets(line, sizeof line, in) && f->ntokens < MAX_TOKENS) {
    char *q = strchr(line, '"'), *e;
    struct buf *b = &f->tokens[f->ntokens];
    if (line[0] == '#' || q == NULL || (e = strrchr(line, '"')) == q)
      continue;
    for (q++; q < e; q++) {
      char c = *q;
      if (c == '\\' && q[1] == 'x' && q + 3 < e + 1) {
        char hex[3] = {q[2], q[3], 0};
        c = (char)strtoul(hex, NULL, 16);
        q += 3;
      } else if (c == '\\' && q + 1 < e) {
        c = *++q;
      }
      buf_put(b, &c, 1);
    }
    if (b->len)
      f->ntokens++;
  }
  if (in)
    fclose(in);
  for (i = 0; i < sizeof builtin / sizeof builtin[0]; i++) {
    if (f->ntokens == MAX_TOKENS)
      break;
    buf_put(&f->tokens[f->ntokens++], builtin[i],
            i == 8 ? 1 : strlen(builtin[i]));
  }
}

/* --- Mutations ----------------------------------------------------------- */

static void splice(struct buf *b, size_t at, size_t del, const char *ins,
                   size_t n) {
  struct buf o = {0};
  buf_put(&o, b->ptr, at);
  buf_put(&o, ins, n);
  buf_put(&o, b->ptr + at + del, b->len - at - del);
  buf_free(b);
  *b = o;
}

/* [start, end) of a random line ending in LF, within the head. */
static int pick_line(struct fuzz *f, const struct buf *b, size_t *start,
                     size_t *end) {
  const char *head_end = b->len ? strstr(b->ptr, "\r\n\r\n") : NULL;
  size_t limit = head_end ? (size_t)(head_end - b->ptr) + 2 : b->len;
  size_t at = below(f, limit), s, e;
  for (s = at; s > 0 && b->ptr[s - 1] != '\n'; s--)
    ;
  for (e = at; e < limit && b->ptr[e] != '\n'; e++)
    ;
  if (e >= limit || s == 0) /* not a header line (the request line) */
    return -1;
  *start = s;
  *end = e + 1;
  return 0;
}

static void mutate(struct fuzz *f, struct buf *b) {
  static const char *const sizes[] = {"0x5", "05", "5 ", "5;x",
                                      "5\t", "+5", "5_", "05;a=b"};
  size_t s, e, s2, e2, at = below(f, b->len + 1);
  const char *p;
  switch (below(f, 7)) {
  case 0: { /* a dictionary token */
    const struct buf *t = &f->tokens[below(f, f->ntokens)];
    splice(b, at, 0, t->ptr, t->len);
    break;
  }
  case 1: /* a header line duplicated */
    if (pick_line(f, b, &s, &e) == 0) {
      struct buf line = {0};
      buf_put(&line, b->ptr + s, e - s);
      splice(b, e, 0, line.ptr, line.len);
      buf_free(&line);
    }
    break;
  case 2: /* two header lines swapped */
    if (pick_line(f, b, &s, &e) == 0 && pick_line(f, b, &s2, &e2) == 0 &&
        e <= s2) {
      struct buf o = {0};
      buf_put(&o, b->ptr, s);
      buf_put(&o, b->ptr + s2, e2 - s2);
      buf_put(&o, b->ptr + e, s2 - e);
      buf_put(&o, b->ptr + s, e - s);
      buf_put(&o, b->ptr + e2, b->len - e2);
      buf_free(b);
      *b = o;
    }
    break;
  case 3: /* a line ending swapped: CRLF -> LF, or LF -> CRLF */
    if ((p = strstr(b->ptr + below(f, b->len), "\r\n")) != NULL)
      splice(b, (size_t)(p - b->ptr), 2, "\n", 1);
    else if ((p = strchr(b->ptr + below(f, b->len), '\n')) != NULL)
      splice(b, (size_t)(p - b->ptr), 1, "\r\n", 2);
    break;
  case 4: /* a chunk size spelled another way */
    if ((p = strstr(b->ptr, "\r\n\r\n")) != NULL && p[4] >= '0' &&
        p[4] <= '9') {
      const char *z = sizes[below(f, sizeof sizes / sizeof sizes[0])];
      splice(b, (size_t)(p - b->ptr) + 4, 1, z, strlen(z));
    }
    break;
  case 5: /* bytes deleted */
    if (at < b->len)
      splice(b, at, 1 + below(f, b->len - at < 8 ? b->len - at : 8), "", 0);
    break;
  default: /* a byte changed */
    if (at < b->len) {
      char c = (char)below(f, 256);
      splice(b, at, 1, &c, 1);
    }
    break;
  }
}

/* --- Sending and comparing ----------------------------------------------- */

/* Sends data to every target; r[0..ntargets) filled.  -1 when one cannot
 * be reached. */
static int send_all(struct fuzz *f, const struct probe_case *c,
                    struct probe_result *r) {
  size_t i;
  for (i = 0; i < f->ntargets; i++) {
    if (probe_case_exchange(&f->t[i], c, f->names[i], 0, f->control[i], 0,
                            &r[i]) != 0)
      return -1;
  }
  f->sent++;
  return 0;
}

static void free_all(struct fuzz *f, struct probe_result *r) {
  size_t i;
  for (i = 0; i < f->ntargets; i++)
    probe_result_free(&r[i]);
}

/* The difference keys of one input: "class a b what" per differing pair
 * (b may be Node's column).  Returns how many (at most max). */
static size_t keys(struct fuzz *f, struct probe_result *r, char (*k)[96],
                   size_t max) {
  size_t i, j, n = 0;
  char what[32];
  for (i = 0; i < f->ntargets; i++) {
    for (j = i + 1; j <= f->ntargets && n < max; j++) {
      enum probe_diff_class c =
          j < f->ntargets ? probe_diff_pair(&r[i], &r[j], what, sizeof what)
                          : probe_diff_node(&r[i]);
      if (j == f->ntargets)
        what[0] = '\0';
      if (c != PROBE_SAME)
        snprintf(k[n++], 96, "%s %s %s %s", probe_diff_name(c), f->names[i],
                 j < f->ntargets ? f->names[j] : "node", what);
    }
  }
  return n;
}

static int has_key(struct fuzz *f, const struct probe_case *c,
                   const char *key) {
  struct probe_result r[MAX_TARGETS];
  char k[64][96];
  size_t n, i;
  int found = 0;
  if (send_all(f, c, r) != 0)
    return -1;
  n = keys(f, r, k, 64);
  for (i = 0; i < n && !found; i++)
    found = strcmp(k[i], key) == 0;
  free_all(f, r);
  return found;
}

/* Delta debugging over the bytes: remove chunks of halving size while the
 * difference `key` stays. */
static void minimize(struct fuzz *f, struct probe_case *c, const char *key) {
  size_t chunk = c->len / 2, budget = MINIMIZE_BUDGET;
  struct buf cur = {0};
  buf_put(&cur, c->data, c->len); /* never NULL, even when empty */
  while (chunk >= 1 && budget > 0) {
    size_t at = 0;
    int removed = 0;
    while (at < cur.len && budget > 0) {
      struct buf cand = {0};
      size_t n = at + chunk <= cur.len ? chunk : cur.len - at;
      buf_put(&cand, cur.ptr, at);
      buf_put(&cand, cur.ptr + at + n, cur.len - at - n);
      c->data = cand.ptr ? cand.ptr : "";
      c->len = cand.len;
      budget--;
      if (has_key(f, c, key) == 1) {
        buf_free(&cur);
        cur = cand;
        removed = 1;
      } else {
        buf_free(&cand);
        at += n;
      }
    }
    if (!removed)
      chunk /= 2;
  }
  c->data = cur.ptr; /* the caller frees it */
  c->len = cur.len;
}

static void write_finding(struct fuzz *f, const char *dir,
                          const struct probe_case *c, const char *key) {
  struct probe_result r[MAX_TARGETS];
  struct buf path = {0}, side = {0};
  FILE *out;
  size_t i, k;
  if (send_all(f, c, r) != 0)
    return;
  mkdir(dir, 0755);
  buf_printf(&path, "%s/probe-fuzz-%zu.http", dir, f->found);
  if ((out = fopen(path.ptr, "wb")) != NULL) {
    fwrite(c->data, 1, c->len, out);
    fclose(out);
  }
  buf_printf(&side,
             "{\n  \"id\": \"probe-fuzz-%zu\",\n  \"difference\": ", f->found);
  probe_json_text(&side, key);
  buf_printf(&side, ",\n  \"node\": {\"outcome\": \"%s\", \"messages\": %u",
             r[0].node.accept ? "accept" : "reject", r[0].node.messages);
  if (!r[0].node.accept)
    buf_printf(&side, ", \"code\": \"%s\"", r[0].node.code);
  buf_puts(&side, "},\n  \"answers\": {");
  for (i = 0; i < f->ntargets; i++) {
    buf_puts(&side, i ? ",\n    " : "\n    ");
    probe_json_text(&side, f->names[i]);
    buf_printf(&side, ": {\"outcome\": \"%s\", \"statuses\": [",
               probe_outcome_name(r[i].outcome));
    for (k = 0; k < r[i].nstatus; k++)
      buf_printf(&side, "%s%d", k ? ", " : "", r[i].status[k]);
    buf_puts(&side, "], \"response\": ");
    json_str(&side, r[i].response.ptr ? r[i].response.ptr : "",
             r[i].response.len > 2048 ? 2048 : r[i].response.len);
    buf_puts(&side, "}");
  }
  buf_puts(&side, "\n  }\n}\n");
  path.len -= 5;
  buf_puts(&path, ".json");
  if ((out = fopen(path.ptr, "w")) != NULL) {
    fwrite(side.ptr, 1, side.len, out);
    fclose(out);
  }
  free_all(f, r);
  buf_free(&path);
  buf_free(&side);
}

static void progress(const struct fuzz *f, unsigned long long i,
                     unsigned long long n, int last) {
  int tty = isatty(2);
  if (!last && !tty && i % 100 != 0)
    return;
  fprintf(stderr,
          "%sh1 probe --fuzz: %llu/%llu inputs, %zu sent, %zu classes%s",
          tty ? "\r" : "", i, n, f->sent, f->found, tty && !last ? "" : "\n");
  fflush(stderr);
}

int probe_fuzz(const struct probe_fuzz_opts *fo, const struct probe_cases *cs,
               char *const *names, char *const *addrs, size_t ntargets,
               long timeout_ms) {
  static struct fuzz f;
  unsigned long long it;
  size_t i, m;
  memset(&f, 0, sizeof f);
  f.rng = fo->seed * 0x9E3779B97F4A7C15ULL + 1;
  f.names = names;
  f.ntargets = ntargets < MAX_TARGETS ? ntargets : MAX_TARGETS;
  load_dict(&f, fo->dict);
  for (i = 0; i < f.ntargets; i++) {
    if (probe_target_parse(addrs[i], &f.t[i]) != 0 ||
        (f.t[i].timeout_ms = timeout_ms,
         f.control[i] = probe_control_status(&f.t[i])) < 0) {
      fprintf(stderr, "h1 probe: cannot reach %s\n", addrs[i]);
      return 2;
    }
  }
  for (it = 1; it <= fo->iterations; it++) {
    struct probe_case c = cs->v[below(&f, cs->n)];
    struct probe_result r[MAX_TARGETS];
    struct buf in = {0};
    char k[64][96];
    size_t n, nm = 1 + below(&f, 3);
    buf_put(&in, c.data, c.len);
    for (m = 0; m < nm; m++)
      mutate(&f, &in);
    if (in.len > MAX_INPUT)
      in.len = MAX_INPUT;
    c.data = in.ptr ? in.ptr : "";
    c.len = in.len;
    c.smuggling = 1;
    if (send_all(&f, &c, r) != 0) {
      buf_free(&in);
      return 2;
    }
    n = keys(&f, r, k, 64);
    free_all(&f, r);
    for (i = 0; i < n; i++) {
      size_t s;
      for (s = 0; s < f.nseen && strcmp(f.seen[s], k[i]) != 0; s++)
        ;
      if (s < f.nseen)
        continue;
      f.seen = realloc(f.seen, (f.nseen + 1) * sizeof *f.seen);
      if (f.seen == NULL || (f.seen[f.nseen] = malloc(96)) == NULL)
        cli_out_of_memory();
      memcpy(f.seen[f.nseen++], k[i], 96);
      f.found++;
      {
        struct probe_case mc = c;
        struct buf j = {0};
        minimize(&f, &mc, k[i]); /* mc.data: a new buffer */
        write_finding(&f, fo->out_dir, &mc, k[i]);
        buf_printf(&j,
                   "{\"type\":\"class\",\"n\":%zu,\"difference\":", f.found);
        probe_json_text(&j, k[i]);
        buf_puts(&j, ",\"input\":");
        json_str(&j, mc.data, mc.len);
        buf_puts(&j, "}\n");
        fwrite(j.ptr, 1, j.len, stdout);
        fflush(stdout);
        buf_free(&j);
        free(mc.data);
      }
    }
    buf_free(&in);
    if (!fo->quiet)
      progress(&f, it, fo->iterations, it == fo->iterations);
  }
  printf("{\"type\":\"fuzz-summary\",\"inputs\":%llu,\"sent\":%zu,"
         "\"classes\":%zu,\"seed\":%llu}\n",
         fo->iterations, f.sent, f.found, fo->seed);
  for (i = 0; i < f.ntokens; i++)
    buf_free(&f.tokens[i]);
  for (i = 0; i < f.nseen; i++)
    free(f.seen[i]);
  free(f.seen);
  return 0;
}
