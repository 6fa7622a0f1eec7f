/*
 * fuzz_differential.c -- h1 against llhttp's own C, as Node drives it.
 *
 * The llhttp here is Debian's node-llhttp (8.1.0), run through its adapter
 * (fuzz/adapters/llhttp.c, which plays Node's binding); Node 20 ships
 * 9.3.1.
 *
 * Both sides print the canonical log of fz.h (without reasons, which the two
 * versions word differently, and without Node's 100-continue flag).  When
 * the logs differ, the input is cut at the first pattern of
 * llhttp_versions.h and both must agree on the bytes before it; a
 * difference that no row explains aborts.
 *
 * Options as in fz.h; the profile is always Node's and only the leniencies
 * 8.1.0 has (headers, chunked length, keep-alive, transfer-encoding,
 * version) are used.
 */
#include "adapter.h"
#include "llhttp.h"
#include "llhttp_versions.h"

#define LV_LENIENT 0x1fu

/* fuzz/adapters/llhttp.c */
extern const struct h1_fuzz_adapter h1fa_llhttp;

static char *ll_run(const struct fz_opts *o, const uint8_t *in, size_t len) {
  struct fz_out out = h1fa_log(&h1fa_llhttp, o, in, len);
  free(out.ev);
  return out.log;
}

/* When a log ends in `ERR <code> @N`: N - 1 (the byte that failed, or the
 * one before it); for code "UPGRADE", a log ending in `UPGRADE @N`: N; else
 * SIZE_MAX. */
static size_t err_cut(const char *log, const char *code) {
  const char *e = NULL, *q = log;
  if (strcmp(code, "UPGRADE") == 0) {
    /* a log ending in `UPGRADE @N`: N */
    const char *u = NULL;
    while ((q = strstr(q, "UPGRADE @")) != NULL)
      u = q++;
    if (u == NULL || strchr(u, '|') != NULL)
      return SIZE_MAX;
    return (size_t)strtoull(u + 9, NULL, 10);
  }
  while ((q = strstr(q, "ERR ")) != NULL)
    e = q++;
  if (e == NULL)
    return SIZE_MAX;
  size_t n = strlen(code);
  if (strncmp(e + 4, code, n) != 0 || strncmp(e + 4 + n, " @", 2) != 0)
    return SIZE_MAX;
  unsigned long long off = strtoull(e + 6 + n, NULL, 10);
  return off ? (size_t)off - 1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct fz_opts o;
  const uint8_t *in;
  size_t len;
  if (!fz_input_read(data, size, &o, &in, &len))
    return 0;
  o.profile = H1_PROFILE_NODE;
  o.lenient &= LV_LENIENT;
  o.bare = 1;
  struct h1_settings set = fz_settings(&o);
  struct fz_out h = fz_run(&set, &o, 0, in, len, NULL, 0);
  char *l = ll_run(&o, in, len);
  if (strcmp(h.log, l) != 0) {
    size_t cut = SIZE_MAX;
    const char *why = NULL;
    for (size_t i = 0; i < LV_NROWS; i++) {
      size_t at = SIZE_MAX;
      if (lv_rows[i].first != NULL)
        at = lv_rows[i].first(in, len);
      else
        at = err_cut(lv_rows[i].side == 'h' ? h.log : l, lv_rows[i].code);
      if (at < cut) {
        cut = at;
        why = lv_rows[i].id;
      }
    }
    FZ_CHECK(cut != SIZE_MAX,
             "h1 and llhttp %d.%d.%d differ, no known version difference "
             "explains it\n  h1:     %s\n  llhttp: %s",
             LLHTTP_VERSION_MAJOR, LLHTTP_VERSION_MINOR, LLHTTP_VERSION_PATCH,
             h.log, l);
    o.no_finish = 1;
    struct fz_out hc = fz_run(&set, &o, 0, in, cut, NULL, 0);
    char *lc = ll_run(&o, in, cut);
    /* h1 stopping for an upgrade right at the cut is the cut */
    char stop[48];
    snprintf(stop, sizeof stop, "UPGRADE @%zu", cut);
    size_t hn = strlen(hc.log), sn = strlen(stop), ln = strlen(lc);
    int same = strcmp(hc.log, lc) == 0;
    if (!same && hn >= sn && strcmp(hc.log + hn - sn, stop) == 0 && ln >= 3 &&
        strcmp(lc + ln - 3, "CUT") == 0 && hn - sn == ln - 3 &&
        memcmp(hc.log, lc, ln - 3) == 0)
      same = 1;
    /* llhttp hands an open span to its callback when the data ends, and
     * Node's header count runs there: at a cut that can overflow, where
     * the whole input (and h1, which counts at the span's end) does not */
    static const char *const flush_errs[] = {"HPE_HEADER_OVERFLOW",
                                             "HPE_CHUNK_EXTENSIONS_OVERFLOW"};
    for (size_t i = 0; i < 2 && !same; i++) {
      char tail[64];
      snprintf(tail, sizeof tail, "ERR %s @%zu", flush_errs[i], cut);
      size_t tn = strlen(tail);
      if (ln >= tn && strcmp(lc + ln - tn, tail) == 0 && hn >= 3 &&
          strcmp(hc.log + hn - 3, "CUT") == 0 && hn - 3 == ln - tn &&
          memcmp(hc.log, lc, hn - 3) == 0)
        same = 1;
    }
    FZ_CHECK(same,
             "h1 and llhttp %d.%d.%d differ before the first known version "
             "difference (%s at %zu)\n  h1:     %s\n  llhttp: %s",
             LLHTTP_VERSION_MAJOR, LLHTTP_VERSION_MINOR, LLHTTP_VERSION_PATCH,
             why, cut, hc.log, lc);
    fz_out_free(&hc);
    free(lc);
  }
  fz_out_free(&h);
  free(l);
  return 0;
}
