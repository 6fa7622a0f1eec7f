/*
 * fuzz_profiles.c -- the profiles are ordered: strict <= node <= insecure.
 *
 * The input runs three times with the option bytes' settings: the strict
 * profile, the Node profile, and the Node profile with every leniency on
 * (Node's insecureHTTPParser).  For each neighbouring pair (A rejects more
 * than B):
 * - when A accepts, B accepts with the very same event log (but for one
 *   deliberate difference: strict reads `close` padded with HTAB as close,
 *   so its head may say close where Node's says keep-alive);
 * - when A rejects, every event A reported before its error is one B
 *   reported too (the body piece right before A's error may be cut short),
 *   and if B rejects as well, A did not fail later than B (give or take the
 *   one byte by which llparse's error positions differ: some errors are
 *   reported at the offending byte, some just after it).
 * The option bytes' own profile bit is ignored; their leniency flags apply
 * to the strict and Node runs.
 *
 * The leniencies are monotone but for one pair: H1_LENIENT_DATA_AFTER_CLOSE
 * ignores the bytes after a message that closes the connection, and
 * H1_LENIENT_KEEP_ALIVE (part of insecure) reads them as the next message,
 * which may fail (llhttp does the same).  So when the flags have the first
 * without the second, the Node run compared with insecure is one without
 * DATA_AFTER_CLOSE.
 */
#include "fz.h"

/* Whether A's event ea (na bytes) is B's eb (nb bytes) but for " close"
 * where B says " ka": the strict profile reads `Connection: close` padded
 * with HTAB as close (README, strict rule 8a), llhttp 9.3.1 does not. */
static int closes(const char *ea, size_t na, const char *eb, size_t nb) {
  size_t i = 0;
  while (i < na && i < nb && ea[i] == eb[i])
    i++;
  return i > 0 && ea[i - 1] == ' ' && na - i >= 5 && nb - i >= 2 &&
         memcmp(ea + i, "close", 5) == 0 && memcmp(eb + i, "ka", 2) == 0 &&
         na - i - 5 == nb - i - 2 &&
         memcmp(ea + i + 5, eb + i + 2, na - i - 5) == 0;
}

static int ev_eq(const struct fz_out *a, const struct fz_out *b, size_t i,
                 int last, int strict) {
  size_t na, nb;
  const char *ea = fz_ev(a, i, &na), *eb = fz_ev(b, i, &nb);
  if (na == nb && memcmp(ea, eb, na) == 0)
    return 1;
  if (strict && closes(ea, na, eb, nb))
    return 1;
  /* A body cut short by A's error: a prefix of B's (minus the quote) */
  if (last && na >= 6 && nb >= 6 && memcmp(ea, "BODY \"", 6) == 0 &&
      memcmp(eb, "BODY \"", 6) == 0 && na - 1 <= nb &&
      memcmp(ea, eb, na - 1) == 0)
    return 1;
  return 0;
}

static void ordered(const struct fz_out *a, const char *an,
                    const struct fz_out *b, const char *bn) {
  int strict = strcmp(an, "strict") == 0;
  if (!a->rejected) {
    int same = a->nev == b->nev;
    for (size_t i = 0; same && i < a->nev; i++)
      same = ev_eq(a, b, i, 0, strict);
    FZ_CHECK(same, "%s accepted, %s did differently\n  %s: %s\n  %s: %s", an,
             bn, an, a->log, bn, b->log);
    return;
  }
  FZ_CHECK(a->nev - 1 <= b->nev,
           "%s reported more before its error than %s did\n  %s: %s\n  %s: "
           "%s",
           an, bn, an, a->log, bn, b->log);
  for (size_t i = 0; i + 1 < a->nev; i++)
    FZ_CHECK(ev_eq(a, b, i, i + 2 == a->nev, strict),
             "%s parsed an accepted part differently from %s (event %zu)\n  "
             "%s: %s\n  %s: %s",
             an, bn, i, an, a->log, bn, b->log);
  /* llparse reports some errors at the byte (p) and others after it
   * (p + 1), so "no later" has one byte of slack. */
  if (b->rejected)
    FZ_CHECK(a->error_offset <= b->error_offset + 1,
             "%s failed later than %s\n  %s: %s\n  %s: %s", an, bn, an, a->log,
             bn, b->log);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct fz_opts o;
  const uint8_t *in;
  size_t len;
  if (!fz_input_read(data, size, &o, &in, &len))
    return 0;
  struct h1_settings set = fz_settings(&o);
  set.profile = H1_PROFILE_STRICT;
  struct fz_out strict = fz_run(&set, &o, 1, in, len, NULL, 0);
  set.profile = H1_PROFILE_NODE;
  struct fz_out node = fz_run(&set, &o, 1, in, len, NULL, 0);
  struct fz_out node2;
  int own = (o.lenient & H1_LENIENT_DATA_AFTER_CLOSE) &&
            !(o.lenient & H1_LENIENT_KEEP_ALIVE);
  if (own) {
    set.lenient = o.lenient & ~(uint32_t)H1_LENIENT_DATA_AFTER_CLOSE;
    node2 = fz_run(&set, &o, 1, in, len, NULL, 0);
  }
  set.lenient = H1_LENIENT_ALL;
  struct fz_out insecure = fz_run(&set, &o, 1, in, len, NULL, 0);
  ordered(&strict, "strict", &node, "node");
  ordered(own ? &node2 : &node, "node", &insecure, "insecure");
  if (own)
    fz_out_free(&node2);
  fz_out_free(&strict);
  fz_out_free(&node);
  fz_out_free(&insecure);
  return 0;
}
