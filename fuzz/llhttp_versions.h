/*
 * llhttp_versions.h -- what separates the llhttp that Debian ships (8.1.0,
 * node-llhttp) from the one in Node 20 (9.3.1), which h1 follows.  Data for
 * fuzz_differential.c.
 *
 * Each row names a byte pattern where the two versions are known to read
 * differently, and why.  `first` returns the offset of the first byte of the
 * first occurrence in the input (SIZE_MAX for none).  When h1 and llhttp
 * 8.1.0 disagree, the differential target cuts the input at the earliest
 * such offset and requires both parsers to agree exactly on the bytes before
 * it; a difference with no row, or one that shows before the cut, aborts.
 * Add a row only with a reason that names the llhttp change.
 */
#ifndef H1_FUZZ_LLHTTP_VERSIONS_H
#define H1_FUZZ_LLHTTP_VERSIONS_H

#include <stddef.h>
#include <stdint.h>

static inline int lv_lower(int c) {
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static inline int lv_ieq(const uint8_t *d, size_t n, size_t i, const char *s) {
  size_t k = 0;
  for (; s[k] != '\0'; k++)
    if (i + k >= n || lv_lower(d[i + k]) != s[k])
      return 0;
  return 1;
}

/* LF without CR before it. */
static inline size_t lv_bare_lf(const uint8_t *d, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (d[i] == '\n' && (i == 0 || d[i - 1] != '\r'))
      return i;
  return SIZE_MAX;
}

/* CR without LF after it (a CR at the very end counts: the next byte
 * decides). */
static inline size_t lv_bare_cr(const uint8_t *d, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (d[i] == '\r' && (i + 1 >= n || d[i + 1] != '\n'))
      return i;
  return SIZE_MAX;
}

/* A line that begins with SP or HTAB (obs-fold, or whitespace before the
 * first header name). */
static inline size_t lv_line_ws(const uint8_t *d, size_t n) {
  for (size_t i = 1; i < n; i++)
    if (d[i - 1] == '\n' && (d[i] == ' ' || d[i] == '\t'))
      return i;
  return SIZE_MAX;
}

/* A 'Q': for 9.3.1 it may begin QUERY (a method in progress, failing one
 * byte later than in 8.1.0, which has no method starting with Q). */
static inline size_t lv_query(const uint8_t *d, size_t n) {
  const uint8_t *q = memchr(d, 'Q', n);
  return q != NULL ? (size_t)(q - d) : SIZE_MAX;
}

/* SP or HTAB after a digit inside a Content-Length value. */
static inline size_t lv_cl_ows(const uint8_t *d, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (!lv_ieq(d, n, i, "content-length"))
      continue;
    int digit = 0;
    for (size_t j = i + 14; j < n && d[j] != '\r' && d[j] != '\n'; j++) {
      if (d[j] >= '0' && d[j] <= '9')
        digit = 1;
      else if (digit && (d[j] == ' ' || d[j] == '\t'))
        return j;
    }
  }
  return SIZE_MAX;
}

/* The start of a status line whose code is 1xx, 204 or 304. */
static inline size_t lv_nobody_status(const uint8_t *d, size_t n) {
  for (size_t i = 0; i + 5 <= n; i++) {
    if (memcmp(d + i, "HTTP/", 5) != 0)
      continue;
    size_t j = i + 5;
    while (j < n && j < i + 16 && d[j] != ' ')
      j++;
    while (j < n && d[j] == ' ')
      j++;
    if (j + 3 > n)
      return i; /* the code is cut off: it may be one */
    if (d[j] == '1' || memcmp(d + j, "204", 3) == 0 ||
        memcmp(d + j, "304", 3) == 0)
      return i;
  }
  return SIZE_MAX;
}

/*
 * A row is either a byte pattern (`first` set) or an error code (`code`
 * set): the version difference shows as that error on one side (`side` 'h':
 * h1, as Node 20 does; 'l': llhttp 8.1.0) while the other side does
 * something else; the input is then cut just before the error's offset
 * (code "UPGRADE": h1 stopped for an upgrade; cut where it stopped).
 */
struct lv_row {
  const char *id;
  const char *reason;
  size_t (*first)(const uint8_t *d, size_t n);
  char side;
  const char *code;
};

static const struct lv_row lv_rows[] = {
    {"bare-lf",
     "llhttp 9.0 requires CR before LF in start lines, header lines and "
     "chunk lines (9.1 adds the optional_cr_before_lf leniency); 8.1.0 takes "
     "a bare LF as a line end in most places",
     lv_bare_lf, 0, NULL},
    {"bare-cr",
     "llhttp 9.0 reports a CR not followed by LF as HPE_LF_EXPECTED or "
     "HPE_STRICT at other offsets than 8.1.0 (and adds optional_lf_after_cr)",
     lv_bare_cr, 0, NULL},
    {"obs-fold",
     "llhttp 9.0 rejects obs-fold (a header line starting with SP/HTAB) "
     "unless lenient_headers; 8.1.0 reads it as a continuation",
     lv_line_ws, 0, NULL},
    {"query-method",
     "llhttp 9.2 added the QUERY method; 8.1.0 fails it with "
     "HPE_INVALID_METHOD",
     lv_query, 0, NULL},
    {"cl-ows",
     "llhttp 9.3 (Node 20.x) accepts SP after the Content-Length digits; "
     "8.1.0 rejects it with HPE_INVALID_CONTENT_LENGTH",
     lv_cl_ows, 0, NULL},
    {"no-body-statuses",
     "llhttp 9 ends a 1xx, 204 or 304 response at its head whatever "
     "Transfer-Encoding or Content-Length say; 8.1.0 reads the body they "
     "frame (the cut is at the status line)",
     lv_nobody_status, 0, NULL},
    {"data-after-close",
     "llhttp 9.0 fails bytes after a message that closes the connection "
     "(HPE_CLOSED_CONNECTION, lenient_data_after_close); 8.1.0 reads on",
     NULL, 'h', "HPE_CLOSED_CONNECTION"},
    {"chunk-data-crlf",
     "llhttp 9.0 requires CRLF right after chunk data (HPE_STRICT, "
     "optional_crlf_after_chunk) and fails a bare CR in more places",
     NULL, 'h', "HPE_STRICT"},
    {"chunk-size-spaces",
     "llhttp 9.1 fails SP/HTAB after the chunk size "
     "(spaces_after_chunk_size) and non-hex bytes earlier",
     NULL, 'h', "HPE_INVALID_CHUNK_SIZE"},
    {"cl-te-order",
     "llhttp 9.0 checks Content-Length against Transfer-Encoding at the "
     "header that completes the pair (HPE_INVALID_TRANSFER_ENCODING / "
     "HPE_INVALID_CONTENT_LENGTH); 8.1.0 reports "
     "HPE_UNEXPECTED_CONTENT_LENGTH or reads on",
     NULL, 'h', "HPE_INVALID_TRANSFER_ENCODING"},
    {"cl-te-order-cl", "as cl-te-order, the Content-Length side", NULL, 'h',
     "HPE_INVALID_CONTENT_LENGTH"},
    {"header-token",
     "llhttp 9.0 fails empty header names and more bytes in names and "
     "values (HPE_INVALID_HEADER_TOKEN) unless lenient_headers",
     NULL, 'h', "HPE_INVALID_HEADER_TOKEN"},
    {"url-chars",
     "Node 20's llhttp 9 is built strict about request-target bytes; "
     "Debian's 8.1.0 build accepts more",
     NULL, 'h', "HPE_INVALID_URL"},
    {"status-digits",
     "llhttp 9.0 requires a three-digit status code followed by SP or a line "
     "end",
     NULL, 'h', "HPE_INVALID_STATUS"},
    {"constants",
     "llhttp 9.0 matches HTTP-version and line ends more strictly "
     "(HPE_INVALID_CONSTANT, HPE_CR_EXPECTED, HPE_LF_EXPECTED)",
     NULL, 'h', "HPE_INVALID_CONSTANT"},
    {"cr-expected", "as constants", NULL, 'h', "HPE_CR_EXPECTED"},
    {"lf-expected", "as constants", NULL, 'h', "HPE_LF_EXPECTED"},
    {"101-stops",
     "llhttp 9 stops after any 101 response (Node drops what follows); "
     "8.1.0 only when Upgrade and Connection: upgrade came with it",
     NULL, 'h', "UPGRADE"},
    {"ll-no-body-statuses",
     "llhttp 9.x ends 1xx/204/304 responses at the head whatever their "
     "framing headers say, and stops at a 101; 8.1.0 reads on and fails",
     NULL, 'l', "HPE_INVALID_CONSTANT"},
    {"ll-eof", "as ll-no-body-statuses, at the end of the input", NULL, 'l',
     "HPE_INVALID_EOF_STATE"},
    {"ll-chunk-ext",
     "llhttp 9.x reads quoted-string chunk extension values and more "
     "extension bytes; 8.1.0 fails them",
     NULL, 'l', "HPE_INVALID_CHUNK_SIZE"},
    {"ll-strict", "as ll-chunk-ext", NULL, 'l', "HPE_STRICT"},
};

#define LV_NROWS (sizeof lv_rows / sizeof lv_rows[0])

#endif /* H1_FUZZ_LLHTTP_VERSIONS_H */
