/*
 * classes/pico.h -- where picohttpparser (libh2o 2.2's copy, Debian's
 * libh2o-evloop0.13) reads the first head differently from Node 20, sorted
 * into classes.  Data for fuzz/adapters/pico.c: the first class that
 * matches explains a difference.  Each class has a minimal input (fz.h
 * layout) in corpus/fuzz/classes/pico/NAME.
 */
#ifndef H1_FUZZ_CLASSES_PICO_H
#define H1_FUZZ_CLASSES_PICO_H

/* Node reads HTTP/0.9 and other one-digit versions, rejects HTTP/1.2 to
 * 1.9; picohttpparser takes exactly HTTP/1.<digit>. */
static int pico_version(const uint8_t *in, size_t len, const char *h1,
                        const char *ad) {
  (void)in, (void)len;
  int v = h1fa_head_version(h1);
  return (v >= 0 && v != 10 && v != 11 && strcmp(ad, "ERR") == 0) ||
         (h1fa_h1_rejects(h1, "HPE_INVALID_VERSION") &&
          h1fa_starts(ad, "HEAD "));
}

/* Node takes control bytes in the reason phrase, and in header values
 * where picohttpparser stops. */
static int pico_ctl(const uint8_t *in, size_t len, const char *h1,
                    const char *ad) {
  return h1fa_starts(h1, "HEAD ") && strcmp(ad, "ERR") == 0 &&
         h1fa_has_ctl(in, h1fa_head_len(in, len));
}

/* Node reads a request line whose parts are separated by more than one
 * SP; picohttpparser wants exactly one. */
static int pico_multi_sp(const uint8_t *in, size_t len, const char *h1,
                         const char *ad) {
  const uint8_t *eol = memchr(in, '\n', len);
  size_t n = eol ? (size_t)(eol - in) : len;
  for (size_t i = 1; i < n; i++)
    if (in[i] == ' ' && in[i - 1] == ' ')
      return h1fa_starts(h1, "HEAD ") && strcmp(ad, "ERR") == 0;
  return 0;
}

/* picohttpparser ends lines at a bare LF (and drops a CR anywhere before
 * one); Node rejects a bare LF, and reads a CR in the reason where pico
 * stops. */
static int pico_bare_eol(const uint8_t *in, size_t len, const char *h1,
                         const char *ad) {
  return h1fa_has_bare(in, h1fa_head_len(in, len)) &&
         ((h1fa_h1_rejects(h1, NULL) && h1fa_starts(ad, "HEAD ")) ||
          (h1fa_starts(h1, "HEAD ") && strcmp(ad, "ERR") == 0));
}

/* picohttpparser does not read Content-Length or Transfer-Encoding; Node
 * rejects a bad or conflicting one at the end of the head. */
static int pico_framing(const uint8_t *in, size_t len, const char *h1,
                        const char *ad) {
  (void)in, (void)len;
  return h1fa_starts(ad, "HEAD ") &&
         (h1fa_h1_rejects(h1, "HPE_INVALID_CONTENT_LENGTH") ||
          h1fa_h1_rejects(h1, "HPE_UNEXPECTED_CONTENT_LENGTH") ||
          h1fa_h1_rejects(h1, "HPE_INVALID_TRANSFER_ENCODING"));
}

/* picohttpparser keeps a line that begins with SP or HTAB (obs-fold) as a
 * continuation; Node 20 rejects it. */
static int pico_obs_fold(const uint8_t *in, size_t len, const char *h1,
                         const char *ad) {
  size_t n = h1fa_head_len(in, len);
  int fold = 0;
  for (size_t i = 1; i < n; i++)
    fold |= in[i - 1] == '\n' && (in[i] == ' ' || in[i] == '\t');
  return fold && h1fa_starts(ad, "HEAD ") &&
         h1fa_h1_rejects(h1, "HPE_INVALID_HEADER_TOKEN");
}

/* Node skips any number of empty lines before a request; picohttpparser
 * one. */
static int pico_leading_eol(const uint8_t *in, size_t len, const char *h1,
                            const char *ad) {
  return len > 0 && (in[0] == '\r' || in[0] == '\n') &&
         strcmp(ad, "ERR") == 0 &&
         (h1fa_starts(h1, "HEAD ") || h1fa_starts(h1, "EOF"));
}

/* Node reads a status line with no SP after the code ("HTTP/1.1 200");
 * this picohttpparser wants the SP. */
static int pico_no_reason_sp(const uint8_t *in, size_t len, const char *h1,
                             const char *ad) {
  size_t sp = 0;
  for (size_t i = 0; i < len && in[i] != '\r' && in[i] != '\n'; i++)
    sp += in[i] == ' ';
  return sp == 1 && h1fa_starts(h1, "HEAD ") && strcmp(ad, "ERR") == 0;
}

/* This picohttpparser takes an empty method or target (a request line
 * that begins with SP); Node rejects it. */
static int pico_empty_token(const uint8_t *in, size_t len, const char *h1,
                            const char *ad) {
  (void)in, (void)len;
  return h1fa_h1_rejects(h1, NULL) &&
         (h1fa_starts(ad, "HEAD  ") ||
          (h1fa_starts(ad, "HEAD ") && strstr(ad, " \"\" ") != NULL));
}

/* picohttpparser takes any token as the method; Node only the methods it
 * knows (HPE_INVALID_METHOD), and RTSP's (PLAY, ...) only with RTSP/
 * (HPE_INVALID_CONSTANT). */
static int pico_method(const uint8_t *in, size_t len, const char *h1,
                       const char *ad) {
  (void)in, (void)len;
  return h1fa_starts(ad, "HEAD ") &&
         (h1fa_h1_rejects(h1, "HPE_INVALID_METHOD") ||
          h1fa_h1_rejects(h1, "HPE_INVALID_CONSTANT"));
}

/* picohttpparser takes any printable or high byte in the target; Node
 * checks its first byte and rejects bytes over 0x7f (HPE_INVALID_URL). */
static int pico_target(const uint8_t *in, size_t len, const char *h1,
                       const char *ad) {
  (void)in, (void)len;
  return h1fa_starts(ad, "HEAD ") && h1fa_h1_rejects(h1, "HPE_INVALID_URL");
}

/* PRI (the HTTP/2 preface): Node stops for HTTP/2 or wants the rest of
 * the preface, pico reads a PRI request. */
static int pico_h2_preface(const uint8_t *in, size_t len, const char *h1,
                           const char *ad) {
  (void)in, (void)len;
  return h1fa_h1_rejects(h1, NULL) && h1fa_starts(ad, "HEAD PRI ");
}

/* picohttpparser has no limit on the head's size; Node 16 KiB. */
static int pico_overflow(const uint8_t *in, size_t len, const char *h1,
                         const char *ad) {
  (void)in, (void)len;
  return h1fa_starts(ad, "HEAD ") && h1fa_h1_rejects(h1, "HPE_HEADER_OVERFLOW");
}

/* Node (llhttp) reads a start line whose protocol is RTSP/x.y (a response
 * status line, or a request), in the first message or a later one;
 * picohttpparser knows only HTTP/. */
static int pico_rtsp(const uint8_t *in, size_t len, const char *h1,
                     const char *ad) {
  return h1fa_rtsp_parting(in, len, h1, ad);
}

static const struct h1fa_class pico_classes[] = {
    {"bare_eol", "bare LF or CR in the head: read differently", pico_bare_eol},
    {"version", "HTTP/0.9 or 1.2-1.9: accepted by one side only", pico_version},
    {"ctl", "control byte in the reason or a header value: Node accepts",
     pico_ctl},
    {"multi_sp", "request line parts separated by several SP: Node accepts",
     pico_multi_sp},
    {"framing",
     "bad or conflicting Content-Length/Transfer-Encoding: pico "
     "does not read them",
     pico_framing},
    {"obs_fold", "a header line folded onto the next: pico accepts",
     pico_obs_fold},
    {"leading_eol", "several empty lines before a request: Node skips them",
     pico_leading_eol},
    {"no_reason_sp", "status line without SP after the code: Node accepts",
     pico_no_reason_sp},
    {"empty_token", "empty method or target: pico accepts", pico_empty_token},
    {"method", "a method Node does not know: pico accepts any token",
     pico_method},
    {"target",
     "a target Node rejects (high bytes, odd first byte): pico "
     "accepts",
     pico_target},
    {"h2_preface", "PRI * HTTP/2.0: Node stops for HTTP/2, pico reads it",
     pico_h2_preface},
    {"overflow", "head over 16 KiB: pico has no limit", pico_overflow},
    {"rtsp", "RTSP/x.y in the start line: Node reads it, pico only HTTP/",
     pico_rtsp},
};

#endif
