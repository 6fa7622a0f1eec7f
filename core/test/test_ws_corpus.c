/*
 * test_ws_corpus.c -- every case of corpus/ws/NAME.cases (the Autobahn
 * suite's categories, written as data; see corpus/ws/README.md) through the
 * frame reader, as a server (masked frames) and as a client (unmasked),
 * whole and split at every point: the events must be the case's, and the
 * same for every split.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ws_case.h"
#include "ws_log.h"

static int run_case(const struct ws_case *c, h1_ws_role role) {
  struct h1_ws_settings s;
  char diag[4096];
  const unsigned char *in = role == H1_WS_SERVER ? c->to_server : c->to_client;
  size_t len = role == H1_WS_SERVER ? c->to_server_len : c->to_client_len;

  memset(&s, 0, sizeof s);
  s.role = role;
  s.max_message_size = c->max;
  s.flags = c->flags;
  if (ws_log_check(&s, in, len, c->expect.buf, NULL, diag, sizeof diag) == 0)
    return 0;
  print_error("%s:%d: case %s (%s) as %s: %s\n", c->file, c->line, c->id,
              c->title, role == H1_WS_SERVER ? "server" : "client", diag);
  return 1;
}

static void test_corpus(void **state) {
  const char *dir = H1_CORPUS_DIR "/ws";
  DIR *d = opendir(dir);
  struct dirent *e;
  size_t total = 0, failed = 0, files = 0, i;
  char err[512], path[1024];
  (void)state;

  assert_non_null(d);
  while ((e = readdir(d)) != NULL) {
    struct ws_case *cases;
    size_t n, len = strlen(e->d_name);
    if (len < 7 || strcmp(e->d_name + len - 6, ".cases") != 0)
      continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (ws_case_load(path, &cases, &n, err, sizeof err) != 0) {
      print_error("%s\n", err);
      failed++;
      continue;
    }
    files++;
    for (i = 0; i < n; i++) {
      if (cases[i].autobahn[0] == '\0') {
        print_error("%s:%d: case %s names no Autobahn category\n", path,
                    cases[i].line, cases[i].id);
        failed++;
      }
      if (cases[i].roles & WS_CASE_SERVER)
        failed += (size_t)run_case(&cases[i], H1_WS_SERVER);
      if (cases[i].roles & WS_CASE_CLIENT)
        failed += (size_t)run_case(&cases[i], H1_WS_CLIENT);
      total++;
    }
    ws_case_free(cases, n);
  }
  closedir(d);
  print_message("ws corpus: %zu cases in %zu files, %zu failures\n", total,
                files, failed);
  assert_true(files > 0);
  assert_true(total >= 150);
  assert_int_equal(failed, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_corpus)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
