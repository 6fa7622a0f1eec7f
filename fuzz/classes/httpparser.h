/*
 * classes/httpparser.h -- where http-parser 2.9.4 (Debian's libhttp-parser)
 * reads differently from Node 20 (llhttp 9.3), sorted into classes.  Data
 * for fuzz/adapters/httpparser.c: the first class that matches explains a
 * difference.  Each class has a minimal input (fz.h layout) in
 * corpus/fuzz/classes/httpparser/NAME.
 *
 * Classes are coarse: one names an input feature (or an error Node gives)
 * and accepts any difference on an input that has it.  A campaign still
 * finds differences on inputs with none of them.
 */
#ifndef H1_FUZZ_CLASSES_HTTPPARSER_H
#define H1_FUZZ_CLASSES_HTTPPARSER_H

/* http-parser ends lines at a bare LF and skips a CR in many places;
 * llhttp 9 wants CRLF (HPE_STRICT, HPE_CR_EXPECTED, ...). */
static int hpc_bare_eol(const uint8_t *in, size_t len, const char *h1,
                        const char *ad) {
  (void)h1, (void)ad;
  return h1fa_has_bare(in, len);
}

/* h1's log ends in ERR code and http-parser read on past it. */
#define HP_ERR_CLASS(fn, code)                                                 \
  static int fn(const uint8_t *in, size_t len, const char *h1,                 \
                const char *ad) {                                              \
    (void)in, (void)len, (void)ad;                                             \
    return h1fa_err_is(h1, code);                                              \
  }

/* http-parser takes any one-digit HTTP version; llhttp 9 0.9, 1.0, 1.1. */
HP_ERR_CLASS(hpc_version, "HPE_INVALID_VERSION")
/* http-parser takes status codes below 100. */
HP_ERR_CLASS(hpc_status, "HPE_INVALID_STATUS")
/* http-parser takes HTAB and bytes over 0x7f in the target. */
HP_ERR_CLASS(hpc_url, "HPE_INVALID_URL")
/* http-parser does not reject chunked twice or not last in a request. */
HP_ERR_CLASS(hpc_te, "HPE_INVALID_TRANSFER_ENCODING")

/* http-parser (not built strict) does not check the letters of "HTTP/"
 * in a request line; llhttp 9 does (HPE_INVALID_CONSTANT). */
HP_ERR_CLASS(hpc_http_name, "HPE_INVALID_CONSTANT")

/* llhttp 9 rejects data after a message that closes the connection
 * (HTTP/0.9 or 1.0, Connection: close); http-parser reads on. */
HP_ERR_CLASS(hpc_closed, "HPE_CLOSED_CONNECTION")
/* http-parser takes whitespace and other non-token bytes in header
 * names. */
HP_ERR_CLASS(hpc_name_token, "HPE_INVALID_HEADER_TOKEN")

/* A line that begins with whitespace: http-parser makes it part of a
 * name (" tHost"); llhttp 9 rejects it (HPE_UNEXPECTED_SPACE). */
HP_ERR_CLASS(hpc_line_ws, "HPE_UNEXPECTED_SPACE")
/* http-parser does not check Content-Length in trailers (nor, lenient,
 * some values); llhttp 9 rejects them. */
HP_ERR_CLASS(hpc_cl, "HPE_INVALID_CONTENT_LENGTH")

/* A request with Transfer-Encoding but not chunked (empty, or other
 * codings): http-parser 2.9.4 rejects it after the head; Node reads no
 * body. */
static int hpc_te_not_chunked(const uint8_t *in, size_t len, const char *h1,
                              const char *ad) {
  (void)in, (void)len;
  const char *q = h1;
  if (!h1fa_ends_with(ad, strlen(ad), "ERR"))
    return 0;
  while ((q = strstr(q, "[\"Transfer-Encoding\" \"")) != NULL) {
    q += 22;
    if (strncmp(q, "chunked\"]", 9) != 0)
      return 1;
  }
  return 0;
}

/* s without its keep-alive flags (" ka", " close" before " |" or the
 * end), into a new string. */
static char *hpc_no_ka(const char *s) {
  struct fz_str b = {0};
  fz_add(&b, "", 0);
  for (size_t i = 0; s[i] != '\0'; i++) {
    size_t k = strncmp(s + i, " ka", 3) == 0      ? 3
               : strncmp(s + i, " close", 6) == 0 ? 6
                                                  : 0;
    if (k && (s[i + k] == '\0' || s[i + k] == ' ')) {
      i += k - 1;
      continue;
    }
    fz_add(&b, s + i, 1);
  }
  return b.s;
}

/* Keep-alive read differently from a Connection header's tokens (odd
 * lists, HTTP/0.9 with headers): the logs are the same but for ka/close. */
static int hpc_connection(const uint8_t *in, size_t len, const char *h1,
                          const char *ad) {
  int conn = 0;
  for (size_t i = 1; i + 11 < len && !conn; i++)
    conn = in[i - 1] == '\n' && h1fa_ieq(in + i, "connection:", 11);
  if (!conn)
    return 0;
  char *a = hpc_no_ka(h1), *b = hpc_no_ka(ad);
  /* h1's log is whole: compare with its projection's shape (the last
   * " | ERR": a header value may hold the letters ERR) */
  char *e = NULL;
  for (char *q = a; (q = strstr(q, " | ERR ")) != NULL; q++)
    e = q;
  if (e != NULL)
    e[6] = '\0';
  int same = strcmp(a, b) == 0;
  free(a);
  free(b);
  return same;
}

/* A line of the input that begins with `name` (n bytes, lower-case), in
 * any case. */
static int hpc_has_line(const uint8_t *in, size_t len, const char *name,
                        size_t n) {
  for (size_t i = 1; i + n < len; i++)
    if (in[i - 1] == '\n' && h1fa_ieq(in + i, name, n))
      return 1;
  return 0;
}

/* A request that upgrades and has a body: Node upgrades at the end of the
 * head, http-parser reads the body first. */
static int hpc_upgrade_body(const uint8_t *in, size_t len, const char *h1,
                            const char *ad) {
  (void)ad;
  return strstr(h1, " upgrade | END | UPGRADE @") != NULL &&
         (hpc_has_line(in, len, "transfer-encoding", 17) ||
          hpc_has_line(in, len, "content-length", 14));
}

/* Inside a chunked body llhttp 9 wants CRLF after the data, token
 * extensions and a bare hex size (HPE_STRICT, HPE_INVALID_CHUNK_SIZE, and
 * HPE_CR_EXPECTED for a bare LF after the data); http-parser skips what it
 * does not check. */
static int hpc_chunk_syntax(const uint8_t *in, size_t len, const char *h1,
                            const char *ad) {
  (void)in, (void)len, (void)ad;
  return (h1fa_err_is(h1, "HPE_STRICT") ||
          h1fa_err_is(h1, "HPE_INVALID_CHUNK_SIZE") ||
          h1fa_err_is(h1, "HPE_CR_EXPECTED")) &&
         h1fa_starts(h1, "HEAD ");
}

/* A header name that begins with "Transfer-Encoding" and goes on
 * ("Transfer-Encodingh"): http-parser 2.9.4 still reads it as
 * Transfer-Encoding (its name matcher keeps the state past the end of the
 * name), so it frames the body by it; Node reads an unknown header. */
static int hpc_te_name_suffix(const uint8_t *in, size_t len, const char *h1,
                              const char *ad) {
  (void)h1, (void)ad;
  for (size_t i = 1; i + 17 < len; i++)
    if (in[i - 1] == '\n' && h1fa_ieq(in + i, "transfer-encoding", 17) &&
        in[i + 17] != ':')
      return 1;
  return 0;
}

/* llhttp 9 treats every 101 response as an upgrade; http-parser only with
 * an Upgrade header. */
static int hpc_status_101(const uint8_t *in, size_t len, const char *h1,
                          const char *ad) {
  (void)in, (void)len, (void)ad;
  return strstr(h1, "HEAD 101 ") != NULL && strstr(h1, "UPGRADE @") != NULL;
}

/* CONNECT with an empty target: llhttp 9 reads it, http-parser rejects. */
static int hpc_connect_empty(const uint8_t *in, size_t len, const char *h1,
                             const char *ad) {
  (void)in, (void)len, (void)ad;
  return strstr(h1, "HEAD CONNECT \"\" ") != NULL;
}

/* Methods llhttp 9 knows and http-parser 2.9.4 does not: QUERY, PRI, and
 * the RTSP methods, which Node takes in a request line without a version
 * (HTTP/0.9 form: "PAUSE /"; with HTTP/1.x it answers
 * HPE_INVALID_CONSTANT, run here). */
static int hpc_method(const uint8_t *in, size_t len, const char *h1,
                      const char *ad) {
  static const char *const only_llhttp[] = {
      "QUERY",         "PRI",    "DESCRIBE", "ANNOUNCE",      "SETUP",
      "PLAY",          "PAUSE",  "TEARDOWN", "GET_PARAMETER", "REDIRECT",
      "SET_PARAMETER", "RECORD", "FLUSH"};
  char head[32];
  (void)in, (void)len, (void)ad;
  for (size_t i = 0; i < sizeof only_llhttp / sizeof only_llhttp[0]; i++) {
    snprintf(head, sizeof head, "HEAD %s ", only_llhttp[i]);
    if (strstr(h1, head) != NULL)
      return 1;
  }
  return 0;
}

/* http-parser parses a target that is not origin-form as a URL (scheme,
 * host, port) and rejects what does not parse; llhttp 9 takes it.  Request
 * heads only: a response's first quoted string is its reason phrase. */
static int hpc_url_form(const uint8_t *in, size_t len, const char *h1,
                        const char *ad) {
  (void)in, (void)len;
  const char *q = h1;
  if (!h1fa_ends_with(ad, strlen(ad), "ERR"))
    return 0;
  while ((q = strstr(q, "HEAD ")) != NULL) {
    const char *t = strchr(q, '"');
    int response = q[5] >= '0' && q[5] <= '9'; /* "HEAD 200 \"OK\"" */
    q++;
    if (!response && t != NULL && t[1] != '/' && strncmp(t, "\"*\" ", 5) != 0)
      return 1;
  }
  return 0;
}

/* Node (llhttp) reads a start line whose protocol is RTSP/x.y (a response
 * status line, or a request), in the first message or a later one;
 * http-parser 2.9.4 knows only HTTP/ there. */
static int hpc_rtsp(const uint8_t *in, size_t len, const char *h1,
                    const char *ad) {
  return h1fa_rtsp_parting(in, len, h1, ad);
}

/* A response whose status has no body (1xx, 204, 304) with
 * Content-Length or Transfer-Encoding: Node's client reads no body after
 * such a head (llhttp ends a 100 there, and Node skips the body of the
 * others); http-parser 2.9.4 frames one by those headers (to EOF for a
 * Transfer-Encoding that is not chunked). */
static int hpc_no_body_status(const uint8_t *in, size_t len, const char *h1,
                              const char *ad) {
  (void)ad;
  return (strstr(h1, "HEAD 1") != NULL || strstr(h1, "HEAD 204 ") != NULL ||
          strstr(h1, "HEAD 304 ") != NULL) &&
         (hpc_has_line(in, len, "content-length", 14) ||
          hpc_has_line(in, len, "transfer-encoding", 17));
}

/* A chunk size or Content-Length near 2^64: http-parser 2.9.4 stops
 * before its overflow check's conservative limit, (2^64 - 17) / 16 before
 * the last digit (HPE_INVALID_CONTENT_LENGTH); llhttp 9 takes every value
 * that fits in 64 bits.  Any run of 16 or more hex digits in the input. */
static int hpc_huge_length(const uint8_t *in, size_t len, const char *h1,
                           const char *ad) {
  (void)h1;
  size_t run = 0;
  if (!h1fa_ends_with(ad, strlen(ad), "ERR"))
    return 0;
  for (size_t i = 0; i < len; i++) {
    int hex = (in[i] >= '0' && in[i] <= '9') ||
              ((in[i] | 0x20) >= 'a' && (in[i] | 0x20) <= 'f');
    run = hex ? run + 1 : 0;
    if (run >= 16)
      return 1;
  }
  return 0;
}

/* A line `name:` (n bytes with the colon, lower-case) whose value holds
 * `word` (w bytes, lower-case) in any case without being just that word:
 * a list (",chunked", "gzip, chunked", ",Upgrade"). */
static int hpc_list_with(const uint8_t *in, size_t len, const char *name,
                         size_t n, const char *word, size_t w) {
  for (size_t i = 1; i + n < len; i++) {
    size_t a, b, k;
    int has = 0;
    if (in[i - 1] != '\n' || !h1fa_ieq(in + i, name, n))
      continue;
    for (a = i + n; a < len && (in[a] == ' ' || in[a] == '\t'); a++)
      ;
    for (b = a; b < len && in[b] != '\r' && in[b] != '\n'; b++)
      ;
    while (b > a && (in[b - 1] == ' ' || in[b - 1] == '\t'))
      b--;
    for (k = a; k + w <= b && !has; k++)
      has = h1fa_ieq(in + k, word, w);
    if (has && !(b - a == w && h1fa_ieq(in + a, word, w)))
      return 1;
  }
  return 0;
}

/* A Transfer-Encoding list with chunked in it: llhttp 9 reads its tokens,
 * chunked last frames the body; http-parser 2.9.4 takes chunked only as
 * the whole value (and reads to EOF otherwise). */
static int hpc_te_list(const uint8_t *in, size_t len, const char *h1,
                       const char *ad) {
  (void)h1, (void)ad;
  return hpc_list_with(in, len, "transfer-encoding:", 18, "chunked", 7);
}

/* A Transfer-Encoding line with an empty value: llhttp 9 reads no coding
 * in it, so a chunked from another line still frames the body (Node
 * 20.20.2 agrees: HPE_INVALID_EOF_STATE when such a response ends early);
 * http-parser 2.9.4 forgets chunked and reads to EOF. */
static int hpc_te_empty(const uint8_t *in, size_t len, const char *h1,
                        const char *ad) {
  (void)h1, (void)ad;
  for (size_t i = 1; i + 18 < len; i++) {
    size_t a;
    if (in[i - 1] != '\n' || !h1fa_ieq(in + i, "transfer-encoding:", 18))
      continue;
    for (a = i + 18; a < len && (in[a] == ' ' || in[a] == '\t'); a++)
      ;
    if (a == len || in[a] == '\r' || in[a] == '\n')
      return 1;
  }
  return 0;
}

/* A Connection list with upgrade in it (",Upgrade"): llhttp 9 finds the
 * token and upgrades; http-parser 2.9.4's token matcher misses it after
 * an empty token. */
static int hpc_connection_upgrade(const uint8_t *in, size_t len, const char *h1,
                                  const char *ad) {
  return strstr(h1, "UPGRADE @") != NULL && strstr(ad, "UPGRADE @") == NULL &&
         hpc_list_with(in, len, "connection:", 11, "upgrade", 7);
}

static const struct h1fa_class hp_classes[] = {
    {"bare_eol", "bare LF or CR: http-parser ends lines there", hpc_bare_eol},
    {"version", "HTTP versions other than 0.9, 1.0, 1.1: http-parser accepts",
     hpc_version},
    {"status", "status code below 100: http-parser accepts", hpc_status},
    {"url", "HTAB or bytes over 0x7f in the target: http-parser accepts",
     hpc_url},
    {"te", "chunked twice or not last: http-parser accepts", hpc_te},
    {"status_101", "101 response without Upgrade: Node upgrades",
     hpc_status_101},
    {"connect_empty", "CONNECT with an empty target: Node accepts",
     hpc_connect_empty},
    {"http_name", "\"HTTP/\" misspelt in a request line: http-parser accepts",
     hpc_http_name},
    {"closed", "data after a closing message: Node rejects", hpc_closed},
    {"name_token", "non-token bytes in a header name: http-parser accepts",
     hpc_name_token},
    {"chunk_syntax",
     "no CRLF after chunk data, bad chunk extension: "
     "http-parser accepts",
     hpc_chunk_syntax},
    {"te_name_suffix",
     "a header name that extends Transfer-Encoding: "
     "http-parser reads it as Transfer-Encoding",
     hpc_te_name_suffix},
    {"line_ws", "a header line that begins with SP: http-parser reads a name",
     hpc_line_ws},
    {"cl", "Content-Length in trailers or malformed: http-parser accepts",
     hpc_cl},
    {"te_not_chunked",
     "Transfer-Encoding without chunked: http-parser "
     "rejects the request",
     hpc_te_not_chunked},
    {"upgrade_body", "an upgrading request with a body: Node upgrades first",
     hpc_upgrade_body},
    {"connection", "keep-alive read differently from Connection tokens",
     hpc_connection},
    {"method", "QUERY, PRI or an RTSP method: Node accepts", hpc_method},
    {"url_form", "a target other than /... or *: http-parser rejects many",
     hpc_url_form},
    {"rtsp", "RTSP/x.y in the start line: Node reads it, http-parser rejects",
     hpc_rtsp},
    {"no_body_status",
     "a 1xx, 204 or 304 response with Content-Length or Transfer-Encoding: "
     "Node reads no body",
     hpc_no_body_status},
    {"huge_length",
     "a chunk size or Content-Length near 2^64: http-parser rejects",
     hpc_huge_length},
    {"te_list",
     "a Transfer-Encoding list with chunked in it: http-parser takes only "
     "the whole value chunked",
     hpc_te_list},
    {"te_empty",
     "an empty Transfer-Encoding value: Node keeps chunked from another "
     "line, http-parser drops it",
     hpc_te_empty},
    {"connection_upgrade",
     "a Connection list with upgrade in it: http-parser misses the token",
     hpc_connection_upgrade},
};

#endif
