/*
 * replay_main.c -- runs a fuzz target over files and directories, without a
 * fuzzing engine: for ctest (every seed and past crasher, under ASan+UBSan)
 * and for reproducing a crash with a debugger at hand.
 *
 *   fuzz_NAME_replay PATH...     each file once; directories recursively,
 *                                in name order; files named *.md are skipped
 *
 * Prints one line per directory and a total; an oracle failure aborts with
 * the name of the input on stderr.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t replayed;

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    perror(path);
    return 1;
  }
  size_t cap = 4096, len = 0;
  uint8_t *buf = malloc(cap);
  if (buf == NULL)
    abort();
  for (;;) {
    size_t got = fread(buf + len, 1, cap - len, f);
    len += got;
    if (len < cap)
      break;
    cap *= 2;
    uint8_t *nb = realloc(buf, cap);
    if (nb == NULL)
      abort();
    buf = nb;
  }
  int err = ferror(f);
  fclose(f);
  if (err) {
    fprintf(stderr, "%s: read error\n", path);
    free(buf);
    return 1;
  }
  /* Exactly `len` bytes, so that ASan sees a read past the input. */
  uint8_t *exact = malloc(len ? len : 1);
  if (exact == NULL)
    abort();
  if (len)
    memcpy(exact, buf, len);
  free(buf);
  fprintf(stderr, "replay: %s\n", path);
  LLVMFuzzerTestOneInput(exact, len);
  free(exact);
  replayed++;
  return 0;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path, int top);

static int run_dir(const char *path) {
  DIR *d = opendir(path);
  if (d == NULL) {
    perror(path);
    return 1;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.')
      continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 64;
      char **nn = realloc(names, cap * sizeof *nn);
      if (nn == NULL)
        abort();
      names = nn;
    }
    size_t l = strlen(path) + strlen(de->d_name) + 2;
    names[n] = malloc(l);
    if (names[n] == NULL)
      abort();
    snprintf(names[n], l, "%s/%s", path, de->d_name);
    n++;
  }
  closedir(d);
  if (n)
    qsort(names, n, sizeof *names, cmp_names);
  int bad = 0;
  for (size_t i = 0; i < n; i++) {
    bad |= run_path(names[i], 0);
    free(names[i]);
  }
  free(names);
  return bad;
}

static int run_path(const char *path, int top) {
  struct stat st;
  if (stat(path, &st) != 0) {
    perror(path);
    return 1;
  }
  if (S_ISDIR(st.st_mode)) {
    size_t before = replayed;
    int bad = run_dir(path);
    printf("%s: %zu inputs\n", path, replayed - before);
    return bad;
  }
  if (!top && ends_with(path, ".md"))
    return 0;
  return run_file(path);
}

int main(int argc, char **argv) {
  int bad = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
    return 2;
  }
  for (int i = 1; i < argc; i++)
    bad |= run_path(argv[i], 1);
  printf("replayed %zu inputs%s\n", replayed, bad ? " (some unreadable)" : "");
  return bad;
}
