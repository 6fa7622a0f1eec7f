/*
 * probe.c -- `h1 probe`: sends every request-side corpus case to one or
 * more servers, each over its own connection, and gives each exchange a
 * verdict from the case's outcome sets (probe_verdict.c); writes the run
 * as JSON Lines, JUnit, SARIF or one HTML file.  Exit status 0 when nothing
 * FAILs, 1 when something does, 2 on a usage error or an unreachable
 * target.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../core/net/io.h"
#include "cli.h"
#include "probe.h"

static int probe_main(int argc, char **argv);

const struct cli_command cli_probe = {
    "probe", "send the corpus to HTTP servers and judge their answers",
    "usage: h1 probe [OPTION]... [NAME=]HOST:PORT...\n"
    "\n"
    "Sends every request-side corpus case to each target over its own\n"
    "connection, then half-closes and reads the answer until the server\n"
    "closes or the timeout passes.  A case that could smuggle a request is\n"
    "followed by a control request on the same connection.  Each exchange\n"
    "gets a verdict from the case's sidecar: PASS (an allowed outcome),\n"
    "WARN (allowed but a known risk, or no answer in time), FAIL.\n"
    "\n"
    "Options:\n"
    "      --corpus DIR       the corpus cases (default corpus/cases)\n"
    "      --only CATEGORY    only this category (repeatable)\n"
    "      --id ID            only this case (repeatable)\n"
    "      --split            also send each case in pieces at its split\n"
    "                         points\n"
    "      --tls              TLS to the targets (certificates not checked)\n"
    "      --timeout MS       per exchange (default 2000)\n"
    "      --format FORMAT    jsonl (default), junit, sarif or html\n"
    "  -o, --out FILE         write the report to FILE (default: standard\n"
    "                         output)\n"
    "  -q, --quiet            no progress on standard error\n"
    "      --diff             compare the targets (echo protocol servers):\n"
    "                         JSON Lines \"diff\" records with the difference\n"
    "                         classes accept-reject, read, message-count,\n"
    "                         reject-status; Node's reading is a column\n"
    "      --via [NAME=]PROXY:PORT\n"
    "                         also probe a proxy in front of an echo-raw\n"
    "                         server (repeatable): what it forwarded is read\n"
    "                         again as Node does; FAIL when that frames\n"
    "                         differently from the one request it accepted\n"
    "      --fuzz N           instead: N mutated cases sent to the targets;\n"
    "                         each new difference class is minimized and\n"
    "                         written with the targets' answers; JSON Lines\n"
    "                         \"class\" records, then a \"fuzz-summary\"\n"
    "      --seed S           the fuzzer's seed (default 1)\n"
    "      --fuzz-out DIR     where the minimized cases go (default\n"
    "                         corpus/probe-findings)\n"
    "      --quirks FILE      known harmless differences: lines\n"
    "                         TARGET CLASS [CASE-OR-CATEGORY-GLOB]\n"
    "\n"
    "Exit status: 0 nothing FAILed, 1 a FAIL, 2 usage error or a target\n"
    "that cannot be reached.\n",
    probe_main};

enum {
  OPT_CORPUS = 256,
  OPT_ONLY,
  OPT_ID,
  OPT_SPLIT,
  OPT_TLS,
  OPT_TIMEOUT,
  OPT_FORMAT,
  OPT_JUNIT,
  OPT_SARIF,
  OPT_HTML,
  OPT_DIFF,
  OPT_QUIRKS,
  OPT_VIA,
  OPT_FUZZ,
  OPT_SEED,
  OPT_FUZZ_OUT
};

struct probe_opts {
  const char *corpus, *format, *out;
  const char *extra[3]; /* junit, sarif, html files */
  char **only, **ids;
  size_t nonly, nids;
  int split, tls, quiet, diff;
  struct probe_fuzz_opts fuzz; /* iterations 0: no fuzzing */
  char **vias; /* --via proxies: targets whose forwarded bytes are read */
  size_t nvias;
  const char *quirks;
  long timeout_ms;
};

static void push(char ***v, size_t *n, char *s) {
  *v = realloc(*v, (*n + 1) * sizeof **v);
  if (*v == NULL)
    cli_out_of_memory();
  (*v)[(*n)++] = s;
}

/* The target's answer to the control request alone: the status that tells
 * an answered control request from a smuggled one.  0 when none. */
int probe_control_status(struct probe_target *t) {
  struct probe_result r;
  char err[256];
  size_t n, bad;
  int status[1] = {0}, badparse;
  memset(&r, 0, sizeof r);
  if (probe_exchange(t, probe_control, strlen(probe_control), NULL, 0, &r, err,
                     sizeof err) != 0)
    return -1;
  n = probe_statuses(r.response.ptr ? r.response.ptr : "", r.response.len,
                     status, 1, &bad, &badparse, NULL);
  buf_free(&r.response);
  return n > 0 ? status[0] : 0;
}

int probe_case_exchange(struct probe_target *t, const struct probe_case *c,
                        const char *target, int split, int control, int via,
                        struct probe_result *r) {
  char err[256];
  memset(r, 0, sizeof *r);
  r->via = via;
  r->via_node.accept = 1; /* until what was forwarded is read */
  r->c = c;
  r->target = target;
  r->split = split;
  buf_put(&r->request, c->data, c->len);
  if (c->smuggling)
    buf_puts(&r->request, probe_control);
  probe_node_reading(c, &r->node);
  if (probe_exchange(t, r->request.ptr, r->request.len, c->split,
                     split ? c->nsplit : 0, r, err, sizeof err) != 0) {
    fprintf(stderr, "h1 probe: %s\n", err);
    return -1;
  }
  probe_judge(r, control);
  return 0;
}

/* target is NAME=HOST:PORT or HOST:PORT (then the name is the address). */
static int run_target(const struct probe_opts *o, const char *target,
                      const char *addr, int via, const struct probe_cases *cs,
                      struct probe_run *run) {
  struct probe_target t;
  char err[256];
  size_t i, v;
  int control;
  memset(&t, 0, sizeof t);
  if (probe_target_parse(addr, &t) != 0) {
    fprintf(stderr, "h1 probe: '%s' is not HOST:PORT\n", target);
    return -1;
  }
  t.timeout_ms = o->timeout_ms;
  if (o->tls) {
    t.tls_ctx = h1_tls_client_ctx(NULL, 0, err, sizeof err);
    if (t.tls_ctx == NULL) {
      fprintf(stderr, "h1 probe: %s\n", err);
      return -1;
    }
  }
  control = probe_control_status(&t);
  if (control < 0) {
    fprintf(stderr, "h1 probe: cannot reach %s\n", target);
    return -1;
  }
  for (i = 0; i < cs->n; i++) {
    for (v = 0; v < (o->split ? 2u : 1u); v++) {
      struct probe_result *r = &run->r[run->n];
      if (probe_case_exchange(&t, &cs->v[i], target, (int)v, control, via, r) !=
          0)
        return -1;
      run->count[r->verdict]++;
      run->n++;
      if (!o->quiet && (run->n % 100 == 0))
        fprintf(stderr, "h1 probe: %s: %zu exchanges, %zu FAIL\n", target,
                run->n, run->count[PROBE_FAIL]);
    }
  }
  if (t.tls_ctx != NULL)
    h1_tls_ctx_free(t.tls_ctx);
  return 0;
}

static int write_report(const char *format, const char *out,
                        const struct probe_run *run) {
  FILE *f = stdout;
  if (out != NULL && (f = fopen(out, "w")) == NULL) {
    fprintf(stderr, "h1 probe: cannot write %s\n", out);
    return -1;
  }
  if (strcmp(format, "junit") == 0)
    probe_write_junit(f, run);
  else if (strcmp(format, "sarif") == 0)
    probe_write_sarif(f, run);
  else if (strcmp(format, "html") == 0)
    probe_write_html(f, run);
  else
    probe_write_jsonl(f, run);
  if (f != stdout ? fclose(f) != 0 : fflush(f) != 0) {
    fprintf(stderr, "h1 probe: cannot write the report\n");
    return -1;
  }
  return 0;
}

static int parse_opts(int argc, char **argv, struct probe_opts *o) {
  static const struct option longs[] = {
      {"corpus", required_argument, NULL, OPT_CORPUS},
      {"only", required_argument, NULL, OPT_ONLY},
      {"id", required_argument, NULL, OPT_ID},
      {"split", no_argument, NULL, OPT_SPLIT},
      {"tls", no_argument, NULL, OPT_TLS},
      {"timeout", required_argument, NULL, OPT_TIMEOUT},
      {"format", required_argument, NULL, OPT_FORMAT},
      {"out", required_argument, NULL, 'o'},
      {"quiet", no_argument, NULL, 'q'},
      {"junit", required_argument, NULL, OPT_JUNIT},
      {"sarif", required_argument, NULL, OPT_SARIF},
      {"html", required_argument, NULL, OPT_HTML},
      {"diff", no_argument, NULL, OPT_DIFF},
      {"via", required_argument, NULL, OPT_VIA},
      {"fuzz", required_argument, NULL, OPT_FUZZ},
      {"seed", required_argument, NULL, OPT_SEED},
      {"fuzz-out", required_argument, NULL, OPT_FUZZ_OUT},
      {"quirks", required_argument, NULL, OPT_QUIRKS},
      {NULL, 0, NULL, 0}};
  int c, status = 0;
  unsigned long long v;
  while ((c = cli_getopt(&cli_probe, argc, argv, "o:q", longs, &status)) !=
         -1) {
    switch (c) {
    case CLI_OPT_EXIT:
      return status;
    case OPT_CORPUS:
      o->corpus = optarg;
      break;
    case OPT_ONLY:
      push(&o->only, &o->nonly, optarg);
      break;
    case OPT_ID:
      push(&o->ids, &o->nids, optarg);
      break;
    case OPT_SPLIT:
      o->split = 1;
      break;
    case OPT_TLS:
      o->tls = 1;
      break;
    case OPT_TIMEOUT:
      if (cli_number(optarg, 600000, &v) != 0 || v == 0)
        return cli_usage_error(&cli_probe, "--timeout takes milliseconds");
      o->timeout_ms = (long)v;
      break;
    case OPT_FORMAT:
      if (strcmp(optarg, "jsonl") != 0 && strcmp(optarg, "junit") != 0 &&
          strcmp(optarg, "sarif") != 0 && strcmp(optarg, "html") != 0)
        return cli_usage_error(&cli_probe, "unknown format '%s'", optarg);
      o->format = optarg;
      break;
    case 'o':
      o->out = optarg;
      break;
    case 'q':
      o->quiet = 1;
      break;
    case OPT_DIFF:
      o->diff = 1;
      break;
    case OPT_FUZZ:
    case OPT_SEED:
      if (cli_number(optarg, ~0ULL >> 1, &v) != 0)
        return cli_usage_error(&cli_probe, "--fuzz and --seed take numbers");
      *(c == OPT_FUZZ ? &o->fuzz.iterations : &o->fuzz.seed) = v;
      break;
    case OPT_FUZZ_OUT:
      o->fuzz.out_dir = optarg;
      break;
    case OPT_VIA:
      push(&o->vias, &o->nvias, optarg);
      break;
    case OPT_QUIRKS:
      o->quirks = optarg;
      break;
    case OPT_JUNIT:
    case OPT_SARIF:
    case OPT_HTML:
      o->extra[c - OPT_JUNIT] = optarg;
      break;
    default:
      return 2;
    }
  }
  if (optind >= argc && o->nvias == 0)
    return cli_usage_error(&cli_probe, "missing HOST:PORT");
  return -1;
}

static void opts_free(struct probe_opts *o) {
  free(o->only);
  free(o->ids);
  free(o->vias);
}

static int probe_main(int argc, char **argv) {
  struct probe_opts o;
  struct probe_cases cs;
  struct probe_run run;
  char **all = NULL;
  size_t i, nall = 0;
  int rc, t;
  memset(&o, 0, sizeof o);
  memset(&run, 0, sizeof run);
  o.corpus = "corpus/cases";
  o.format = "jsonl";
  o.timeout_ms = 2000;
  o.fuzz.seed = 1;
  o.fuzz.dict = "fuzz/http1.dict";
  o.fuzz.out_dir = "corpus/probe-findings";
  rc = parse_opts(argc, argv, &o);
  if (rc >= 0)
    return rc;
  if (probe_load(o.corpus, o.only, o.nonly, o.ids, o.nids, &cs) != 0)
    return 2;
  if (cs.n == 0) {
    fprintf(stderr, "h1 probe: no request-side case matches\n");
    return 2;
  }
  o.fuzz.quiet = o.quiet;
  if (o.fuzz.iterations > 0) {
    char **addrs = calloc((size_t)(argc - optind) + 1, sizeof *addrs);
    if (addrs == NULL)
      cli_out_of_memory();
    for (t = optind; t < argc; t++) {
      char *eq = strchr(argv[t], '=');
      addrs[t - optind] = eq ? eq + 1 : argv[t];
      if (eq != NULL)
        *eq = '\0';
    }
    rc = probe_fuzz(&o.fuzz, &cs, argv + optind, addrs, (size_t)(argc - optind),
                    o.timeout_ms);
    free(addrs);
    probe_cases_free(&cs);
    opts_free(&o);
    return rc;
  }
  for (t = optind; t < argc; t++)
    push(&all, &nall, argv[t]);
  for (i = 0; i < o.nvias; i++)
    push(&all, &nall, o.vias[i]);
  run.targets = (const char *const *)all;
  run.ntargets = nall;
  run.corpus = o.corpus;
  run.diff = o.diff;
  if (o.quirks != NULL && (run.quirks = probe_quirks_load(o.quirks)) == NULL)
    return 2;
  run.r = calloc(run.ntargets * cs.n * 2, sizeof *run.r);
  if (run.r == NULL)
    cli_out_of_memory();
  run.ms = (long)h1_io_now();
  for (i = 0; i < nall; i++) {
    char *eq = strchr(all[i], '=');
    if (eq != NULL)
      *eq = '\0'; /* all[i] is now the name */
    if (run_target(&o, all[i], eq ? eq + 1 : all[i], i >= nall - o.nvias, &cs,
                   &run) != 0)
      return 2;
  }
  run.ms = (long)h1_io_now() - run.ms;
  {
    static const char *const extra[3] = {"junit", "sarif", "html"};
    if (write_report(o.format, o.out, &run) != 0)
      return 2;
    for (t = 0; t < 3; t++)
      if (o.extra[t] != NULL && write_report(extra[t], o.extra[t], &run) != 0)
        return 2;
  }
  for (i = 0; i < run.n; i++)
    probe_result_free(&run.r[i]);
  free(run.r);
  free(all);
  probe_quirks_free(run.quirks);
  probe_cases_free(&cs);
  opts_free(&o);
  if (!o.quiet)
    fprintf(stderr, "h1 probe: %zu exchanges: %zu PASS, %zu WARN, %zu FAIL\n",
            run.n, run.count[PROBE_PASS], run.count[PROBE_WARN],
            run.count[PROBE_FAIL]);
  return run.count[PROBE_FAIL] ? 1 : 0;
}

void probe_result_free(struct probe_result *r) {
  buf_free(&r->request);
  buf_free(&r->response);
  buf_free(&r->first_body);
}
