/*
 * probe_case.c -- loads the request-side corpus cases `h1 probe` sends:
 * each <category>/<id>.http with its sidecar's probe block (written by
 * corpus/tools/make_probe_sidecars.py).
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "probe.h"

static char *str_field(json_t *o, const char *key, const char *dflt) {
  json_t *v = json_object_get(o, key);
  return probe_strdup(json_is_string(v) ? json_string_value(v) : dflt);
}

static unsigned outcome_bits(json_t *a) {
  unsigned bits = 0;
  size_t i;
  json_t *v;
  json_array_foreach(a, i, v) {
    const char *s = json_is_string(v) ? json_string_value(v) : "";
    if (strcmp(s, "accept") == 0)
      bits |= PROBE_ACCEPT;
    else if (strcmp(s, "reject") == 0)
      bits |= PROBE_REJECT;
  }
  return bits;
}

static int listed(const char *s, char *const *list, size_t n) {
  size_t i;
  if (n == 0)
    return 1;
  for (i = 0; i < n; i++)
    if (strcmp(list[i], s) == 0)
      return 1;
  return 0;
}

/* Fills c from a parsed sidecar; 0 when it is not a request-side case with
 * a probe block. */
static int from_sidecar(json_t *side, struct probe_case *c) {
  json_t *probe = json_object_get(side, "probe");
  json_t *opts = json_object_get(side, "options");
  json_t *mode = json_object_get(side, "mode");
  json_t *v;
  size_t i;
  if (!json_is_object(probe) || !json_is_string(mode) ||
      strcmp(json_string_value(mode), "request") != 0)
    return 0;
  c->rfc = str_field(side, "rfc", "");
  c->level = str_field(probe, "level", "MAY");
  c->risk = str_field(probe, "risk", "");
  c->allow = outcome_bits(json_object_get(probe, "allow"));
  c->warn = outcome_bits(json_object_get(probe, "warn"));
  c->smuggling = json_is_true(json_object_get(probe, "smuggling"));
  json_array_foreach(json_object_get(probe, "reject_status"), i, v) {
    if (c->nreject < PROBE_MAX_STATUS && json_is_integer(v))
      c->reject_status[c->nreject++] = (int)json_integer_value(v);
  }
  json_array_foreach(json_object_get(probe, "split"), i, v) {
    if (c->nsplit < PROBE_MAX_SPLIT && json_is_integer(v))
      c->split[c->nsplit++] = (size_t)json_integer_value(v);
  }
  c->insecure = json_is_true(json_object_get(opts, "insecure"));
  v = json_object_get(opts, "max_header_size");
  c->max_header_size = json_is_integer(v) ? (uint32_t)json_integer_value(v) : 0;
  return 1;
}

static int load_one(const char *dir, const char *cat, const char *name,
                    struct probe_cases *out) {
  struct buf path = {0};
  json_t *side;
  json_error_t e;
  struct probe_case c;
  int ok;
  memset(&c, 0, sizeof c);
  buf_printf(&path, "%s/%s/%s", dir, cat, name);
  side = json_load_file(path.ptr, 0, &e);
  if (side == NULL) {
    fprintf(stderr, "h1 probe: %s: %s\n", path.ptr, e.text);
    buf_free(&path);
    return -1;
  }
  ok = from_sidecar(side, &c);
  if (ok) {
    c.id = str_field(side, "id", "");
    c.category = probe_strdup(cat);
    memcpy(path.ptr + path.len - 5, ".http", 5);
    c.path = probe_strdup(path.ptr);
    if (cli_read_file("probe", c.path, &c.data, &c.len) != 0) {
      json_decref(side);
      buf_free(&path);
      return -1;
    }
    out->v = realloc(out->v, (out->n + 1) * sizeof *out->v);
    if (out->v == NULL)
      cli_out_of_memory();
    out->v[out->n++] = c;
  }
  json_decref(side);
  buf_free(&path);
  return 0;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted entries of dir (names not starting with '.'), with the given
 * suffix when suffix is not NULL. */
static char **list_dir(const char *dir, const char *suffix, size_t *n) {
  DIR *d = opendir(dir);
  struct dirent *de;
  char **v = NULL;
  size_t k = 0, sl = suffix ? strlen(suffix) : 0;
  *n = 0;
  if (d == NULL)
    return NULL;
  while ((de = readdir(d)) != NULL) {
    size_t len = strlen(de->d_name);
    if (de->d_name[0] == '.')
      continue;
    if (suffix && (len <= sl || strcmp(de->d_name + len - sl, suffix) != 0))
      continue;
    v = realloc(v, (k + 1) * sizeof *v);
    if (v == NULL)
      cli_out_of_memory();
    v[k++] = probe_strdup(de->d_name);
  }
  closedir(d);
  if (k)
    qsort(v, k, sizeof *v, by_name);
  *n = k;
  return v;
}

static void free_list(char **v, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    free(v[i]);
  free(v);
}

static void case_free(struct probe_case *c) {
  free(c->id);
  free(c->category);
  free(c->rfc);
  free(c->level);
  free(c->risk);
  free(c->path);
  free(c->data);
}

int probe_load(const char *dir, char *const *only, size_t nonly,
               char *const *ids, size_t nids, struct probe_cases *out) {
  size_t ncat, i, j, nfile, before;
  char **cats = list_dir(dir, NULL, &ncat);
  int rc = 0;
  memset(out, 0, sizeof *out);
  if (cats == NULL) {
    fprintf(stderr, "h1 probe: no corpus at %s\n", dir);
    return -1;
  }
  for (i = 0; i < ncat && rc == 0; i++) {
    struct buf sub = {0};
    char **files;
    if (!listed(cats[i], only, nonly))
      continue;
    buf_printf(&sub, "%s/%s", dir, cats[i]);
    files = list_dir(sub.ptr, ".json", &nfile);
    for (j = 0; j < nfile && rc == 0; j++) {
      before = out->n;
      rc = load_one(dir, cats[i], files[j], out);
      if (rc == 0 && out->n > before && !listed(out->v[before].id, ids, nids))
        case_free(&out->v[--out->n]); /* loaded but not asked for */
    }
    free_list(files, nfile);
    buf_free(&sub);
  }
  free_list(cats, ncat);
  return rc;
}

void probe_cases_free(struct probe_cases *cs) {
  size_t i;
  for (i = 0; i < cs->n; i++)
    case_free(&cs->v[i]);
  free(cs->v);
  cs->v = NULL;
  cs->n = 0;
}
