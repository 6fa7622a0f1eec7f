/*
 * probe.h -- what the files of `h1 probe` share: a corpus case with its
 * probe block, one exchange's result and its verdict, and the report
 * writers.
 *
 *   probe.c          the command: options, targets, the run, exit status
 *   probe_case.c     loading request-side cases and their sidecars
 *   probe_net.c      one exchange over a connection (raw bytes out and in)
 *   probe_verdict.c  Node's reading, the server's outcome, the verdict
 *   probe_jsonl.c, probe_junit.c, probe_sarif.c, probe_html.c  reports
 */
#ifndef H1_CLI_PROBE_H
#define H1_CLI_PROBE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "h1/h1.h"
#include "json.h"

#define PROBE_MAX_STATUS 16
#define PROBE_MAX_SPLIT 8

/* An outcome: what the server made of a case, or what a set allows. */
enum probe_outcome { PROBE_ACCEPT = 1, PROBE_REJECT = 2, PROBE_NONE = 4 };
enum probe_verdict { PROBE_PASS = 0, PROBE_WARN = 1, PROBE_FAIL = 2 };

struct probe_case {
  char *id, *category, *rfc, *level, *risk, *path;
  char *data; /* the bytes, exactly as the .http file holds them */
  size_t len;
  unsigned allow, warn; /* PROBE_ACCEPT | PROBE_REJECT bits */
  int reject_status[PROBE_MAX_STATUS];
  size_t nreject;
  size_t split[PROBE_MAX_SPLIT];
  size_t nsplit;
  int smuggling; /* follow with a control request */
  int insecure;
  uint32_t max_header_size;
};

struct probe_cases {
  struct probe_case *v;
  size_t n;
};

/* Node's reading of the case's bytes (h1's engine, profile node). */
struct probe_node {
  int accept;         /* no error */
  uint32_t messages;  /* complete messages */
  int answered_error; /* an error Node answers with a response */
  char code[40];
};

struct probe_result {
  const struct probe_case *c;
  const char *target;
  int split;          /* sent in pieces at the case's split points */
  struct buf request; /* bytes sent (control request included) */
  struct buf response;
  struct buf first_body;        /* the first final response's body */
  const char *end;              /* "eof", "reset", "timeout", "error" */
  int status[PROBE_MAX_STATUS]; /* final statuses, in order */
  size_t nstatus, responses;
  int response_error; /* the response bytes did not parse */
  struct probe_node node;
  unsigned outcome; /* one PROBE_* outcome */
  int desync;
  int via;                    /* --via: the target is a proxy before echo-raw */
  struct probe_node via_node; /* Node's reading of what the proxy forwarded */
  int via_differs;
  enum probe_verdict verdict;
  char why[240];
  long ms;
};

/* probe_diff.c: the difference classes between targets, case by case;
 * Node's reading (h1's engine) is always a column. */
enum probe_diff_class {
  PROBE_SAME = 0,
  PROBE_DIFF_ACCEPT_REJECT, /* one accepts, one rejects */
  PROBE_DIFF_READ,          /* both accept, read differently */
  PROBE_DIFF_COUNT,         /* a different number of messages */
  PROBE_DIFF_STATUS,        /* both reject with different statuses */
  PROBE_DIFF__COUNT
};

struct probe_quirks; /* known harmless differences (probe_diff.c) */

struct probe_run {
  const char *const *targets;
  size_t ntargets;
  const char *corpus;
  struct probe_result *r;
  size_t n;
  size_t count[3]; /* by verdict */
  int diff;        /* --diff: compare the targets */
  struct probe_quirks *quirks;
  long ms;
};

/* probe_case.c: every request-side case under dir whose category is in
 * only[0..nonly) (all when nonly is 0) and id in ids (all when nids is 0),
 * sorted by category then id; -1 after printing why. */
int probe_load(const char *dir, char *const *only, size_t nonly,
               char *const *ids, size_t nids, struct probe_cases *out);
void probe_cases_free(struct probe_cases *cs);

/* probe_net.c: connects to host:port (TLS when tls), writes the request
 * bytes (in pieces at splits when nsplit > 0), half-closes and reads until
 * the peer ends or timeout_ms passes; fills response, end and ms.  -1 when
 * the target cannot be reached (why in err). */
struct probe_target {
  char host[256], port[16];
  int tls;
  long timeout_ms;
  void *tls_ctx;
};
int probe_target_parse(const char *s, struct probe_target *t);
int probe_exchange(struct probe_target *t, const char *req, size_t len,
                   const size_t *splits, size_t nsplit, struct probe_result *r,
                   char *err, size_t errcap);

/* probe.c: the target's answer to the control request alone (0 when it
 * gives none, -1 when unreachable); one case sent and judged (-1 when the
 * target cannot be reached, after printing why). */
int probe_control_status(struct probe_target *t);
int probe_case_exchange(struct probe_target *t, const struct probe_case *c,
                        const char *target, int split, int control, int via,
                        struct probe_result *r);
void probe_result_free(struct probe_result *r);

/* probe_fuzz.c: --fuzz N --seed S over the targets (see the file). */
struct probe_fuzz_opts {
  unsigned long long iterations, seed;
  const char *dict, *out_dir;
  int quiet;
};
int probe_fuzz(const struct probe_fuzz_opts *fo, const struct probe_cases *cs,
               char *const *names, char *const *addrs, size_t ntargets,
               long timeout_ms);

/* probe_verdict.c */
extern const char probe_control[]; /* the control request */
void probe_node_reading(const struct probe_case *c, struct probe_node *out);
void probe_node_read(const char *data, size_t len, int insecure,
                     uint32_t max_header_size, struct probe_node *out);
/* Reads r->response as responses, sets the outcome, desync and verdict;
 * control_status is the target's answer to the control request alone (0
 * when unknown). */
void probe_judge(struct probe_result *r, int control_status);
const char *probe_outcome_name(unsigned o);
const char *probe_verdict_name(enum probe_verdict v);
/* The final statuses of a response stream (at most max); returns how many
 * complete final responses there were, *bad set when the bytes broke off
 * with a parse error; the first final response's body is appended to
 * first_body when it is not NULL. */
size_t probe_statuses(const char *b, size_t n, int *status, size_t max,
                      size_t *nstatus, int *bad, struct buf *first_body);

const char *probe_diff_name(enum probe_diff_class c);
/* The class of the difference between two results of one case, and what
 * differs (a field name, for PROBE_DIFF_READ) in what[whatcap]. */
enum probe_diff_class probe_diff_pair(const struct probe_result *a,
                                      const struct probe_result *b, char *what,
                                      size_t whatcap);
/* Node's column against a target: outcome and message count. */
enum probe_diff_class probe_diff_node(const struct probe_result *r);
/* Loads a quirks file: lines `TARGET CLASS [CASE-OR-CATEGORY-GLOB]` (TARGET
 * a glob over target names, CLASS a class name or `read:FIELD`), '#'
 * comments; NULL after printing why. */
struct probe_quirks *probe_quirks_load(const char *file);
void probe_quirks_free(struct probe_quirks *q);
int probe_quirk(const struct probe_quirks *q, const char *target,
                enum probe_diff_class c, const char *what,
                const struct probe_case *pc);
/* Writes one "diff" JSON Lines record per case where some pair of columns
 * differs, then a "diff-summary" record with the count per class. */
void probe_write_diff(struct buf *b, const struct probe_run *run);

/* The writers: one function per format, writing the whole run to f. */
void probe_write_jsonl(FILE *f, const struct probe_run *run);
void probe_write_junit(FILE *f, const struct probe_run *run);
void probe_write_sarif(FILE *f, const struct probe_run *run);
void probe_write_html(FILE *f, const struct probe_run *run);

/* Text escaped for XML/HTML (bytes outside printable ASCII as &#xNN;
 * hex escapes, or \xNN escapes in attributes). */
void probe_xml(FILE *f, const char *s, size_t n);
/* UTF-8 text (sidecar strings, verdict reasons) for XML/HTML, and as a
 * JSON string. */
void probe_text(FILE *f, const char *s);
void probe_json_text(struct buf *b, const char *s);
/* strdup that exits on out of memory. */
char *probe_strdup(const char *s);
/* The command that reproduces one result. */
void probe_repro(struct buf *b, const struct probe_run *run,
                 const struct probe_result *r);

#endif
