/*
 * writer_response.c -- Node 20's ServerResponse (lib/_http_server.js): the
 * options a response takes from its request and server, writeHead and the
 * status line, statusCode / statusMessage, the interim responses
 * (writeContinue, writeProcessing, writeEarlyHints), STATUS_CODES and the
 * Date header's format.
 */
#include "writer_int.h"

#include <string.h>

void h1_writer_init_response(h1_writer *w, h1_profile profile,
                             const struct h1_wresponse_options *opt,
                             struct h1_wline *lines, size_t cap,
                             struct h1_wline *trailers, size_t tcap, char *head,
                             size_t head_cap) {
  h1__init_common(w, H1_W_RESPONSE, profile, lines, cap, trailers, tcap, head,
                  head_cap);
  if (opt->head)
    w->h1__flags &= ~(uint32_t)WF_HAS_BODY;
  w->send_date = 1;
  if (opt->version_major < 1 || opt->version_minor < 1) {
    if (!opt->te_chunked)
      w->h1__flags &= ~(uint32_t)WF_CHUNK_DEFAULT;
  }
  w->h1__keep_alive_timeout = opt->keep_alive_timeout;
  w->h1__max_requests = opt->max_requests_per_socket;
  if (opt->keep_alive)
    w->h1__flags |= WF_KEEP_ALIVE;
  else
    w->h1__flags &= ~(uint32_t)WF_KEEP_ALIVE;
  if (opt->expect_continue)
    w->h1__flags |= WF_EXPECT_CONT;
  if (opt->max_requests_reached)
    w->h1__flags |= WF_MAXREQ;
  if (opt->reject_non_standard_body_writes)
    w->h1__flags |= WF_REJECT;
  w->h1__unique = opt->unique_headers;
  w->h1__nunique = opt->unique_headers ? opt->nunique : 0;
}

/* ------------------------------------------------------------------------
 * Tables: STATUS_CODES and the Date format.
 * ------------------------------------------------------------------------ */

static const struct {
  uint16_t code;
  const char *text;
} h1__status[] = {
    {100, "Continue"},
    {101, "Switching Protocols"},
    {102, "Processing"},
    {103, "Early Hints"},
    {200, "OK"},
    {201, "Created"},
    {202, "Accepted"},
    {203, "Non-Authoritative Information"},
    {204, "No Content"},
    {205, "Reset Content"},
    {206, "Partial Content"},
    {207, "Multi-Status"},
    {208, "Already Reported"},
    {226, "IM Used"},
    {300, "Multiple Choices"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {303, "See Other"},
    {304, "Not Modified"},
    {305, "Use Proxy"},
    {307, "Temporary Redirect"},
    {308, "Permanent Redirect"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {402, "Payment Required"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {406, "Not Acceptable"},
    {407, "Proxy Authentication Required"},
    {408, "Request Timeout"},
    {409, "Conflict"},
    {410, "Gone"},
    {411, "Length Required"},
    {412, "Precondition Failed"},
    {413, "Payload Too Large"},
    {414, "URI Too Long"},
    {415, "Unsupported Media Type"},
    {416, "Range Not Satisfiable"},
    {417, "Expectation Failed"},
    {418, "I'm a Teapot"},
    {421, "Misdirected Request"},
    {422, "Unprocessable Entity"},
    {423, "Locked"},
    {424, "Failed Dependency"},
    {425, "Too Early"},
    {426, "Upgrade Required"},
    {428, "Precondition Required"},
    {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"},
    {451, "Unavailable For Legal Reasons"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
    {505, "HTTP Version Not Supported"},
    {506, "Variant Also Negotiates"},
    {507, "Insufficient Storage"},
    {508, "Loop Detected"},
    {509, "Bandwidth Limit Exceeded"},
    {510, "Not Extended"},
    {511, "Network Authentication Required"},
};

const char *h1_status_text(unsigned code) {
  size_t i;
  for (i = 0; i < sizeof(h1__status) / sizeof(h1__status[0]); i++) {
    if (h1__status[i].code == code)
      return h1__status[i].text;
  }
  return NULL;
}

void h1_format_date(int64_t t, char out[H1_DATE_LEN]) {
  static const char days[] = "ThuFriSatSunMonTueWed";
  static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  int64_t d = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t secs = t - d * 86400;
  int64_t z = d + 719468, era, doe, yoe, y, doy, mp, dd, m;
  int64_t wd = d % 7;
  if (wd < 0)
    wd += 7;
  /* civil_from_days (H. Hinnant) */
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  dd = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2)
    y++;
  memcpy(out, days + wd * 3, 3);
  out[3] = ',';
  out[4] = ' ';
  out[5] = (char)('0' + dd / 10);
  out[6] = (char)('0' + dd % 10);
  out[7] = ' ';
  memcpy(out + 8, months + (m - 1) * 3, 3);
  out[11] = ' ';
  out[12] = (char)('0' + (y / 1000) % 10);
  out[13] = (char)('0' + (y / 100) % 10);
  out[14] = (char)('0' + (y / 10) % 10);
  out[15] = (char)('0' + y % 10);
  out[16] = ' ';
  out[17] = (char)('0' + secs / 36000);
  out[18] = (char)('0' + (secs / 3600) % 10);
  out[19] = ':';
  out[20] = (char)('0' + (secs % 3600) / 600);
  out[21] = (char)('0' + (secs % 600) / 60);
  out[22] = ':';
  out[23] = (char)('0' + (secs % 60) / 10);
  out[24] = (char)('0' + secs % 10);
  memcpy(out + 25, " GMT", 4);
}

/* ------------------------------------------------------------------------
 * writeHead and the implicit header.
 * ------------------------------------------------------------------------ */

h1_werrno h1__write_head(h1_writer *w, int status, const struct h1_span *reason,
                         const struct h1_wfield *fields, size_t n,
                         unsigned flags) {
  h1_werrno e;
  size_t i;
  int from_store;
  char code[3];
  if (w->h1__flags & WF_HEADER)
    return h1__fail(&w->err, H1_WE_HEADERS_SENT, "write", NULL);
  if (status < 100 || status > 999) {
    h1__fail(&w->err, H1_WE_INVALID_STATUS_CODE, "", NULL);
    w->err.a = status;
    return H1_WE_INVALID_STATUS_CODE;
  }
  if (reason != NULL) {
    w->status_message = *reason;
    w->has_status_message = 1;
  } else if (!w->has_status_message || w->status_message.len == 0) {
    const char *t = h1_status_text((unsigned)status);
    w->status_message = h1__lit(t ? t : "unknown");
    w->has_status_message = 1;
  }
  w->status_code = (uint16_t)status;
  w->h1__status = status;
  from_store = w->h1__has_store;
  if (from_store) {
    if (flags & H1_WH_ODD)
      return h1__fail(&w->err, H1_WE_INVALID_ARG_VALUE, "headers", NULL);
    for (i = 0; i < n; i++) {
      if (fields[i].name.len == 0)
        continue;
      if ((e = h1_writer_set_header(w, fields[i].name, fields[i].values,
                                    fields[i].nvalues, fields[i].flags)) != 0)
        return e;
    }
  }
  if (h1_has_invalid_header_char(w->status_message))
    return h1__fail(&w->err, H1_WE_INVALID_CHAR, "statusMessage", NULL);
  if (status == 204 || status == 304 || (status >= 100 && status <= 199))
    w->h1__flags &= ~(uint32_t)WF_HAS_BODY;
  if ((w->h1__flags & WF_EXPECT_CONT) && !(w->h1__flags & WF_SENT100))
    w->h1__flags &= ~(uint32_t)WF_KEEP_ALIVE;
  code[0] = (char)('0' + status / 100);
  code[1] = (char)('0' + (status / 10) % 10);
  code[2] = (char)('0' + status % 10);
  {
    struct h1_span cs;
    cs.ptr = code;
    cs.len = 3;
    return h1__store_header(w, "HTTP/1.1 ", cs, " ", w->status_message, "\r\n",
                            from_store, from_store ? NULL : fields, n,
                            (flags & H1_WH_ODD) != 0);
  }
}

h1_werrno h1_writer_write_head(h1_writer *w, int status_code,
                               const struct h1_span *reason,
                               const struct h1_wfield *fields, size_t n,
                               unsigned flags) {
  h1_writer t = *w;
  h1_werrno e;
  if (w->h1__kind != H1_W_RESPONSE)
    return h1__fail(&w->err, H1_WE_HEADERS_SENT, "write", NULL);
  e = h1__write_head(&t, status_code, reason, fields, n, flags);
  if (e != H1_WE_OK) {
    /* setHeader effects on the store stay, as in Node */
    w->h1__nlines = t.h1__nlines;
    w->h1__has_store = t.h1__has_store;
    w->err = t.err;
    return e;
  }
  *w = t;
  return H1_WE_OK;
}

void h1_writer_set_status(h1_writer *w, int status_code) {
  w->h1__status = status_code;
}

void h1_writer_set_status_message(h1_writer *w, struct h1_span msg) {
  w->status_message = msg;
  w->has_status_message = 1;
}

/* ------------------------------------------------------------------------
 * Interim responses.
 * ------------------------------------------------------------------------ */

static h1_werrno h1__raw(h1_writer *w, const char *d, size_t n,
                         struct h1_wbuf *out) {
  h1_writer t = *w;
  struct h1__plan p;
  struct h1__out o = h1__out_buf(out);
  h1__plan_init(&p);
  h1__plan_add(&p, d, n);
  return h1__commit(w, &t, &p, &o);
}

h1_werrno h1_writer_write_continue(h1_writer *w, struct h1_wbuf *out) {
  static const char m[] = "HTTP/1.1 100 Continue\r\n\r\n";
  h1_werrno e = h1__raw(w, m, sizeof(m) - 1, out);
  if (e == H1_WE_OK)
    w->h1__flags |= WF_SENT100;
  return e;
}

h1_werrno h1_writer_write_processing(h1_writer *w, struct h1_wbuf *out) {
  static const char m[] = "HTTP/1.1 102 Processing\r\n\r\n";
  return h1__raw(w, m, sizeof(m) - 1, out);
}

/* JavaScript's \s over latin1 bytes. */
static int h1__jsws(unsigned char c) {
  return (c >= 9 && c <= 13) || c == 32 || c == 0xa0;
}

/* linkValueRegExp:
 * /^(?:<[^>]*>)(?:\s*;\s*[^;"\s]+(?:=(")?[^;"\s]*\1)?)*$/ */
static int h1__link_ok(struct h1_span v) {
  size_t i = 0, n = v.len;
  const unsigned char *s = (const unsigned char *)v.ptr;
  if (n == 0 || s[0] != '<')
    return 0;
  for (i = 1; i < n && s[i] != '>'; i++)
    ;
  if (i == n)
    return 0;
  i++;
  while (i < n) {
    size_t r0;
    while (i < n && h1__jsws(s[i]))
      i++;
    if (i == n || s[i] != ';')
      return 0;
    i++;
    while (i < n && h1__jsws(s[i]))
      i++;
    r0 = i;
    while (i < n && s[i] != ';' && s[i] != '"' && !h1__jsws(s[i]))
      i++;
    if (i == r0)
      return 0;
    if (i < n && s[i] == '"') {
      /* name="value": the run must end with '=' after a name */
      if (i - r0 < 2 || s[i - 1] != '=')
        return 0;
      i++;
      while (i < n && s[i] != ';' && s[i] != '"' && !h1__jsws(s[i]))
        i++;
      if (i == n || s[i] != '"')
        return 0;
      i++;
    }
  }
  return 1;
}

h1_werrno h1_writer_write_early_hints(h1_writer *w, const struct h1_span *links,
                                      size_t nlinks, int links_list,
                                      const struct h1_wfield *others,
                                      size_t nothers, struct h1_wbuf *out) {
  struct h1__sink s;
  size_t i, j, need;
  int pass;
  static const char l1[] = "HTTP/1.1 103 Early Hints\r\nLink: ";
  if (!links_list && nlinks == 0)
    return H1_WE_OK; /* hints.link is null or undefined */
  for (i = 0; i < nlinks; i++) {
    if (!h1__link_ok(links[i]))
      return h1__fail(&w->err, H1_WE_INVALID_ARG_VALUE, "hints", &links[i]);
  }
  if (nlinks == 0)
    return H1_WE_OK;
  if (w->h1__profile == H1_PROFILE_STRICT) {
    for (i = 0; i < nlinks; i++) {
      if (h1_has_invalid_header_char(links[i]))
        return h1__fail(&w->err, H1_WE_INVALID_CHAR, "header content",
                        &links[i]);
    }
    for (i = 0; i < nothers; i++) {
      h1_werrno e;
      if ((e = h1_validate_header_name(others[i].name, NULL, &w->err)) != 0)
        return e;
      if ((e = h1__validate_values(others[i].name, others[i].values,
                                   others[i].nvalues, others[i].flags,
                                   "header content", &w->err)) != 0)
        return e;
    }
  }
  need = 0;
  for (pass = 0; pass < 2; pass++) {
    s.p = pass ? out->ptr + out->len : NULL;
    s.cap = pass ? need : 0;
    s.len = 0;
    h1__put(&s, l1, sizeof(l1) - 1);
    for (i = 0; i < nlinks; i++) {
      if (i)
        h1__put(&s, ", ", 2);
      h1__putsp(&s, links[i]);
    }
    h1__put(&s, "\r\n", 2);
    for (i = 0; i < nothers; i++) {
      h1__putsp(&s, others[i].name);
      h1__put(&s, ": ", 2);
      if (others[i].flags & H1_WV_UNDEFINED) {
        h1__puts(&s, "undefined");
      } else {
        for (j = 0; j < others[i].nvalues; j++) {
          if (j)
            h1__put(&s, ",", 1);
          h1__putsp(&s, others[i].values[j]);
        }
      }
      h1__put(&s, "\r\n", 2);
    }
    h1__put(&s, "\r\n", 2);
    if (pass == 0) {
      need = s.len;
      if (out->cap < out->len || out->cap - out->len < need) {
        out->needed = need;
        w->err.code = H1_WE_NO_ROOM;
        w->err.a = (int64_t)need;
        return H1_WE_NO_ROOM;
      }
    }
  }
  out->len += need;
  return H1_WE_OK;
}
