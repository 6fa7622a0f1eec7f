/*
 * ws_case.c -- see ws_case.h.  The frame encoder here writes what the
 * engine's writer refuses to (RSV bits, reserved opcodes, non-minimal
 * lengths, oversized control frames): the corpus is mostly invalid frames.
 */
#include "ws_case.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bytes {
  unsigned char *p;
  size_t len, cap;
};

static void put(struct bytes *b, const void *data, size_t n) {
  if (b->len + n > b->cap) {
    b->cap = b->cap ? b->cap : 64;
    while (b->len + n > b->cap)
      b->cap *= 2;
    b->p = realloc(b->p, b->cap);
  }
  if (n)
    memcpy(b->p + b->len, data, n);
  b->len += n;
}

static void put_byte(struct bytes *b, unsigned v) {
  unsigned char c = (unsigned char)v;
  put(b, &c, 1);
}

/* The byte written as two hex digits at p, or -1. */
static int hexbyte(const char *p) {
  char two[3];
  if (!isxdigit((unsigned char)p[0]) || !isxdigit((unsigned char)p[1]))
    return -1;
  two[0] = p[0];
  two[1] = p[1];
  two[2] = '\0';
  return (int)strtoul(two, NULL, 16);
}

/* The next whitespace-separated word of *s (a quoted string is one word,
 * quotes kept); NULL at the end.  Writes NULs into the line. */
static char *word(char **s) {
  char *p = *s, *start;
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '\0' || *p == '#')
    return NULL;
  start = p;
  if (*p == '"') {
    for (p++; *p && *p != '"'; p++)
      if (*p == '\\' && p[1])
        p++;
    if (*p == '"')
      p++;
  } else {
    while (*p && *p != ' ' && *p != '\t')
      p++;
  }
  if (*p)
    *p++ = '\0';
  *s = p;
  return start;
}

/* One payload word into b: "string", hex:HH.., rep=N:HH, code=N. */
static int payload_word(const char *w, struct bytes *b) {
  if (w[0] == '"') {
    size_t n = strlen(w), i;
    if (n < 2 || w[n - 1] != '"')
      return -1;
    for (i = 1; i + 1 < n; i++) {
      if (w[i] != '\\') {
        put_byte(b, (unsigned char)w[i]);
      } else if (w[i + 1] == 'x' && i + 3 < n && hexbyte(w + i + 2) >= 0) {
        put_byte(b, (unsigned)hexbyte(w + i + 2));
        i += 3;
      } else if (w[i + 1] == '\\' || w[i + 1] == '"') {
        put_byte(b, (unsigned char)w[++i]);
      } else {
        return -1;
      }
    }
    return 0;
  }
  if (strncmp(w, "hex:", 4) == 0) {
    size_t i, n = strlen(w + 4);
    if (n % 2)
      return -1;
    for (i = 0; i < n; i += 2) {
      int v = hexbyte(w + 4 + i);
      if (v < 0)
        return -1;
      put_byte(b, (unsigned)v);
    }
    return 0;
  }
  if (strncmp(w, "rep=", 4) == 0) {
    char *end;
    unsigned long long n = strtoull(w + 4, &end, 10), i;
    int v;
    if (*end != ':' || (v = hexbyte(end + 1)) < 0 || end[3] != '\0')
      return -1;
    for (i = 0; i < n; i++)
      put_byte(b, (unsigned)v);
    return 0;
  }
  if (strncmp(w, "code=", 5) == 0) {
    char *end;
    unsigned long v = strtoul(w + 5, &end, 10);
    if (*end != '\0' || v > 0xFFFF)
      return -1;
    put_byte(b, (unsigned)(v >> 8));
    put_byte(b, (unsigned)(v & 0xFF));
    return 0;
  }
  return -1;
}

static int payload_words(char **w, int n, struct bytes *b) {
  int i;
  for (i = 0; i < n; i++)
    if (payload_word(w[i], b) != 0)
      return -1;
  return 0;
}

static const struct {
  const char *name;
  unsigned op;
} opcodes[] = {{"cont", 0},  {"text", 1}, {"binary", 2},
               {"close", 8}, {"ping", 9}, {"pong", 10}};

/* Appends the frame w[0..n) (the words after `send`) to both streams. */
static int frame(char **w, int n, unsigned index, struct bytes *srv,
                 struct bytes *cli) {
  unsigned op = 16, b0, rsv = 0, form = 0, fin = 1, i, force = 0;
  unsigned char mask[4];
  struct bytes pl = {0};
  uint64_t len, declared = 0;
  int a, s, has_declared = 0;

  if (n < 1)
    return -1;
  if (strcmp(w[0], "raw") == 0) {
    /* bytes appended as they are to both streams */
    if (payload_words(w + 1, n - 1, &pl) != 0) {
      free(pl.p);
      return -1;
    }
    put(srv, pl.p, pl.len);
    put(cli, pl.p, pl.len);
    free(pl.p);
    return 0;
  }
  for (i = 0; i < sizeof opcodes / sizeof opcodes[0]; i++)
    if (strcmp(w[0], opcodes[i].name) == 0)
      op = opcodes[i].op;
  if (strncmp(w[0], "op=", 3) == 0)
    op = (unsigned)strtoul(w[0] + 3, NULL, 10);
  if (op > 15)
    return -1;
  for (a = 1; a < n; a++) {
    if (strcmp(w[a], "nofin") == 0)
      fin = 0;
    else if (strncmp(w[a], "rsv=", 4) == 0)
      rsv = (unsigned)strtoul(w[a] + 4, NULL, 10) & 7u;
    else if (strcmp(w[a], "len16") == 0)
      form = 16;
    else if (strcmp(w[a], "len64") == 0)
      form = 64;
    else if (strcmp(w[a], "mask") == 0)
      force = 1; /* masked to the client too */
    else if (strcmp(w[a], "nomask") == 0)
      force = 2; /* unmasked to the server too */
    else if (strncmp(w[a], "rawlen=", 7) == 0) {
      declared = strtoull(w[a] + 7, NULL, 10);
      has_declared = 1;
    } else
      break; /* the payload starts here */
  }
  if (payload_words(w + a, n - a, &pl) != 0) {
    free(pl.p);
    return -1;
  }
  len = has_declared ? declared : pl.len;
  b0 = (fin ? 0x80u : 0u) | rsv << 4 | op;
  for (i = 0; i < 4; i++)
    mask[i] = (unsigned char)(0x5Au + 37u * (index + i));
  for (s = 0; s < 2; s++) {
    struct bytes *b = s == 0 ? srv : cli;
    unsigned m = (s == 0 && force != 2) || force == 1 ? 0x80u : 0u;
    size_t at;
    put_byte(b, b0);
    if (form == 0 && len < 126) {
      put_byte(b, m | (unsigned)len);
    } else if (form == 16 || (form == 0 && len <= 0xFFFF)) {
      put_byte(b, m | 126u);
      put_byte(b, (unsigned)(len >> 8) & 0xFFu);
      put_byte(b, (unsigned)len & 0xFFu);
    } else {
      int k;
      put_byte(b, m | 127u);
      for (k = 7; k >= 0; k--)
        put_byte(b, (unsigned)(len >> (8 * k)) & 0xFFu);
    }
    if (m)
      put(b, mask, 4);
    at = b->len;
    put(b, pl.p, pl.len);
    if (m)
      h1_ws_mask(b->p + at, b->p + at, pl.len, mask, 0);
  }
  free(pl.p);
  return 0;
}

/* An `expect` line w[0..n): the log line it stands for. */
static int expect(char **w, int n, struct ws_case *c) {
  struct bytes pl = {0};
  struct ws_payload p;
  unsigned long code = 0;
  int first = 1;
  char *end;

  if (n < 1)
    return -1;
  if (strcmp(w[0], "close") == 0) {
    if (n < 2)
      return -1;
    code = strtoul(w[1], &end, 10);
    if (*end != '\0')
      return -1;
    first = 2;
  } else if (strcmp(w[0], "text") != 0 && strcmp(w[0], "binary") != 0 &&
             strcmp(w[0], "ping") != 0 && strcmp(w[0], "pong") != 0) {
    return -1;
  }
  if (payload_words(w + first, n - first, &pl) != 0) {
    free(pl.p);
    return -1;
  }
  ws_payload_init(&p);
  ws_payload_add(&p, pl.p, pl.len);
  free(pl.p);
  if (first == 2)
    ws_log_printf(&c->expect, "close %lu", code);
  else
    ws_log_printf(&c->expect, "%s", w[0]);
  ws_payload_print(&c->expect, &p);
  ws_log_printf(&c->expect, "\n");
  return 0;
}

static int outcome(char **w, int n, struct ws_case *c) {
  if (n == 1 && (strcmp(w[0], "closed") == 0 || strcmp(w[0], "open") == 0)) {
    ws_log_printf(&c->expect, "end %s\n", w[0]);
    return 0;
  }
  if (n != 3 || strcmp(w[0], "fail") != 0)
    return -1;
  ws_log_printf(&c->expect, "fail %s %s\n", w[1], w[2]);
  return 0;
}

/* A leading times=N word: N, and the line's words start at w[1]. */
static unsigned long repeat(char **w, int nw, int *first) {
  *first = nw > 0 && strncmp(w[0], "times=", 6) == 0;
  return *first ? strtoul(w[0] + 6, NULL, 10) : 1;
}

static void copy_word(char *dst, size_t cap, const char *src) {
  snprintf(dst, cap, "%s", src ? src : "");
}

int ws_case_load(const char *path, struct ws_case **cases, size_t *n, char *err,
                 size_t err_len) {
  FILE *f = fopen(path, "r");
  char line[8192];
  int lineno = 0, have_outcome = 0;
  unsigned frames = 0;
  struct ws_case *c = NULL;
  struct bytes srv = {0}, cli = {0};

  *cases = NULL;
  *n = 0;
  if (f == NULL) {
    snprintf(err, err_len, "%s: cannot open", path);
    return -1;
  }
#define FAIL(what)                                                             \
  do {                                                                         \
    snprintf(err, err_len, "%s:%d: %s", path, lineno, what);                   \
    fclose(f);                                                                 \
    free(srv.p);                                                               \
    free(cli.p);                                                               \
    return -1;                                                                 \
  } while (0)
#define CLOSE_CASE()                                                           \
  do {                                                                         \
    if (c != NULL) {                                                           \
      if (!have_outcome)                                                       \
        FAIL("case without outcome");                                          \
      c->to_server = srv.p;                                                    \
      c->to_server_len = srv.len;                                              \
      c->to_client = cli.p;                                                    \
      c->to_client_len = cli.len;                                              \
      memset(&srv, 0, sizeof srv);                                             \
      memset(&cli, 0, sizeof cli);                                             \
    }                                                                          \
  } while (0)

  while (fgets(line, sizeof line, f) != NULL) {
    char *s = line, *key, *w[256];
    int nw = 0;
    size_t l = strlen(line);
    lineno++;
    if (l > 0 && line[l - 1] == '\n')
      line[--l] = '\0';
    if ((key = word(&s)) == NULL)
      continue;
    if (strcmp(key, "case") != 0)
      while (nw < 256 && (w[nw] = word(&s)) != NULL)
        nw++;
    if (strcmp(key, "case") == 0) {
      CLOSE_CASE();
      *cases = realloc(*cases, (*n + 1) * sizeof **cases);
      c = &(*cases)[(*n)++];
      memset(c, 0, sizeof *c);
      ws_log_init(&c->expect);
      c->file = path;
      c->line = lineno;
      c->roles = WS_CASE_SERVER | WS_CASE_CLIENT;
      copy_word(c->id, sizeof c->id, word(&s));
      while (*s == ' ')
        s++;
      copy_word(c->title, sizeof c->title, s);
      have_outcome = 0;
      frames = 0;
      continue;
    }
    if (c == NULL)
      FAIL("line before the first case");
    if (have_outcome)
      FAIL("line after the outcome");
    if (strcmp(key, "autobahn") == 0) {
      copy_word(c->autobahn, sizeof c->autobahn, nw ? w[0] : NULL);
    } else if (strcmp(key, "role") == 0) {
      char *r = nw ? w[0] : NULL;
      if (r == NULL)
        FAIL("role what?");
      c->roles = strcmp(r, "server") == 0   ? WS_CASE_SERVER
                 : strcmp(r, "client") == 0 ? WS_CASE_CLIENT
                 : strcmp(r, "both") == 0   ? WS_CASE_SERVER | WS_CASE_CLIENT
                                            : 0;
      if (c->roles == 0)
        FAIL("role is server, client or both");
    } else if (strcmp(key, "max") == 0) {
      c->max = nw ? strtoull(w[0], NULL, 10) : 0;
      if (c->max == 0)
        FAIL("max needs a positive number");
    } else if (strcmp(key, "lenient-length") == 0) {
      c->flags |= H1_WS_LENIENT_LENGTH;
    } else if (strcmp(key, "send") == 0) {
      int first;
      unsigned long k, times = repeat(w, nw, &first);
      for (k = 0; k < times; k++)
        if (frame(w + first, nw - first, frames++, &srv, &cli) != 0)
          FAIL("bad frame");
    } else if (strcmp(key, "expect") == 0) {
      int first;
      unsigned long k, times = repeat(w, nw, &first);
      for (k = 0; k < times; k++)
        if (expect(w + first, nw - first, c) != 0)
          FAIL("bad expect line");
    } else if (strcmp(key, "outcome") == 0) {
      if (outcome(w, nw, c) != 0)
        FAIL("bad outcome");
      have_outcome = 1;
    } else {
      FAIL("unknown keyword");
    }
  }
  CLOSE_CASE();
  fclose(f);
  return 0;
#undef FAIL
#undef CLOSE_CASE
}

void ws_case_free(struct ws_case *cases, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    free(cases[i].to_server);
    free(cases[i].to_client);
    ws_log_free(&cases[i].expect);
  }
  free(cases);
}
