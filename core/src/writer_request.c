/*
 * writer_request.c -- Node 20's ClientRequest (lib/_http_client.js): what
 * http.request() does before it returns (method and path checks,
 * options.headers, Host, Authorization, the early head of an Expect or
 * array-headers request, and the agent's check of the Host header).
 */
#include "writer_int.h"

#include <string.h>

/* ------------------------------------------------------------------------
 * ClientRequest.
 * ------------------------------------------------------------------------ */

static size_t h1__base64(const unsigned char *in, size_t n, char *out) {
  static const char b64[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i, o = 0;
  for (i = 0; i + 2 < n; i += 3) {
    uint32_t v =
        ((uint32_t)in[i] << 16) | ((uint32_t)in[i + 1] << 8) | in[i + 2];
    out[o++] = b64[(v >> 18) & 63];
    out[o++] = b64[(v >> 12) & 63];
    out[o++] = b64[(v >> 6) & 63];
    out[o++] = b64[v & 63];
  }
  if (n - i == 1) {
    uint32_t v = (uint32_t)in[i] << 16;
    out[o++] = b64[(v >> 18) & 63];
    out[o++] = b64[(v >> 12) & 63];
    out[o++] = '=';
    out[o++] = '=';
  } else if (n - i == 2) {
    uint32_t v = ((uint32_t)in[i] << 16) | ((uint32_t)in[i + 1] << 8);
    out[o++] = b64[(v >> 18) & 63];
    out[o++] = b64[(v >> 12) & 63];
    out[o++] = b64[(v >> 6) & 63];
    out[o++] = '=';
  }
  return o;
}

/* getHeader(name) is truthy. */
static int h1__truthy(const h1_writer *w, const char *lower) {
  const struct h1_wline *l = h1_writer_get_header(w, h1__lit(lower));
  if (l == NULL)
    return 0;
  if (l->flags & H1_WV_LIST)
    return 1;
  if (l->flags & H1_WV_FALSY)
    return 0;
  return l->nvalues != 0 && l->value.len != 0;
}

h1_werrno h1_writer_init_request(h1_writer *w, h1_profile profile,
                                 const struct h1_wrequest_options *opt,
                                 struct h1_wline *lines, size_t cap,
                                 struct h1_wline *trailers, size_t tcap,
                                 char *head, size_t head_cap) {
  size_t i, hl = 0;
  h1_werrno e;
  struct h1_span m = opt->method;
  int chunk_default = 1;
  h1__init_common(w, H1_W_REQUEST, profile, lines, cap, trailers, tcap, head,
                  head_cap);
  w->h1__flags |= WF_AGENT;
  /* options.path */
  if (opt->path.ptr != NULL && opt->path.len != 0) {
    for (i = 0; i < opt->path.len; i++) {
      unsigned char c = (unsigned char)opt->path.ptr[i];
      if (c < 0x21)
        return h1__fail(&w->err, H1_WE_UNESCAPED_CHARACTERS, "Request path",
                        NULL);
    }
  }
  if (m.ptr != NULL && m.len != 0) {
    if (!h1_is_token(m))
      return h1__fail(&w->err, H1_WE_INVALID_HTTP_TOKEN, "Method", &m);
    if (m.len > sizeof(w->h1__mbuf)) {
      /* longer methods stay as given (tokens are ASCII: toUpperCase would
       * only change letters) */
      w->method = m;
    } else {
      for (i = 0; i < m.len; i++) {
        char c = m.ptr[i];
        w->h1__mbuf[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
      }
      w->method.ptr = w->h1__mbuf;
      w->method.len = m.len;
    }
  } else {
    w->method = h1__lit("GET");
  }
  if (opt->path.ptr != NULL && opt->path.len != 0)
    w->h1__path = opt->path;
  else
    w->h1__path = h1__lit("/");
  {
    static const char *const nochunk[] = {"get",     "head",  "delete",
                                          "options", "trace", "connect"};
    for (i = 0; i < sizeof(nochunk) / sizeof(nochunk[0]); i++) {
      if (h1__ieq(w->method, h1__lit(nochunk[i])))
        chunk_default = 0;
    }
  }
  if (!chunk_default)
    w->h1__flags &= ~(uint32_t)WF_CHUNK_DEFAULT;
  if (opt->agent_keep_alive) {
    w->h1__flags &= ~(uint32_t)WF_LAST;
    w->h1__flags |= WF_KEEP_ALIVE;
  } else {
    w->h1__flags |= WF_LAST;
    w->h1__flags &= ~(uint32_t)WF_KEEP_ALIVE;
  }
  if (!opt->headers_array) {
    for (i = 0; i < opt->nheaders; i++) {
      const struct h1_wfield *f = &opt->headers[i];
      if ((e = h1_writer_set_header(w, f->name, f->values, f->nvalues,
                                    f->flags)) != H1_WE_OK)
        return e;
    }
    if (opt->set_host && !h1__truthy(w, "host")) {
      /* hostHeader: [v6] and :port when not the default port */
      struct h1_span host = opt->host;
      const char *hp;
      size_t colons = 0;
      int bracket;
      char port[12];
      size_t pl = 0;
      if (host.ptr == NULL || host.len == 0)
        host = h1__lit("localhost");
      for (i = 0; i < host.len; i++)
        colons += host.ptr[i] == ':';
      bracket = colons >= 2 && host.ptr[0] != '[';
      if (opt->port != 0 &&
          opt->port != (opt->default_port != 0 ? opt->default_port : 80)) {
        uint32_t v = opt->port;
        char tmp[12];
        size_t k = sizeof(tmp);
        do {
          tmp[--k] = (char)('0' + v % 10);
          v /= 10;
        } while (v);
        port[pl++] = ':';
        memcpy(port + pl, tmp + k, sizeof(tmp) - k);
        pl += sizeof(tmp) - k;
      }
      hl = host.len + (bracket ? 2 : 0) + pl;
      /* the Host value lives at the end of the head buffer until the head
       * is rendered, which reserves room for it */
      if (hl + 64 > head_cap)
        return h1__fail(&w->err, H1_WE_NO_ROOM, "head", NULL);
      hp = head + head_cap - hl;
      {
        char *q = head + head_cap - hl;
        if (bracket)
          *q++ = '[';
        memcpy(q, host.ptr, host.len);
        q += host.len;
        if (bracket)
          *q++ = ']';
        memcpy(q, port, pl);
      }
      {
        struct h1_span v;
        v.ptr = hp;
        v.len = hl;
        if ((e = h1_writer_set_header(w, h1__lit("Host"), &v, 1, 0)) != 0)
          return e;
      }
    }
    if (opt->auth.ptr != NULL && opt->auth.len != 0 &&
        !h1__truthy(w, "authorization")) {
      size_t al = 6 + (opt->auth.len + 2) / 3 * 4;
      char *q;
      struct h1_span v;
      if (hl + al + 64 > head_cap)
        return h1__fail(&w->err, H1_WE_NO_ROOM, "head", NULL);
      q = head + head_cap - hl - al;
      memcpy(q, "Basic ", 6);
      h1__base64((const unsigned char *)opt->auth.ptr, opt->auth.len, q + 6);
      v.ptr = q;
      v.len = al;
      if ((e = h1_writer_set_header(w, h1__lit("Authorization"), &v, 1, 0)) !=
          0)
        return e;
      hl += al;
    }
    /* the reserved tail is given back to the head only if the head does
     * not need it: keep it out of the render buffer */
    w->h1__head_cap = head_cap - hl;
    if (h1__truthy(w, "expect")) {
      h1_writer t = *w;
      if ((e = h1__implicit_header(&t)) != H1_WE_OK) {
        w->err = t.err;
        return e;
      }
      *w = t;
    }
  } else {
    h1_writer t = *w;
    if ((e = h1__store_header(&t, "", t.method, " ", t.h1__path,
                              " HTTP/1.1\r\n", 0, opt->headers, opt->nheaders,
                              0)) != H1_WE_OK) {
      w->err = t.err;
      return e;
    }
    *w = t;
  }
  w->h1__unique = opt->unique_headers;
  w->h1__nunique = opt->unique_headers ? opt->nunique : 0;
  w->h1__flags |= WF_UNIQUE_LATE;
  /* The agent's addRequest (calculateServerName): a truthy Host header
   * that is not a string throws before anything is written. */
  if (h1__truthy(w, "host")) {
    const struct h1_wline *l = h1_writer_get_header(w, h1__lit("host"));
    if (l->flags & (H1_WV_LIST | H1_WV_NONSTRING))
      return h1__fail(&w->err, H1_WE_INVALID_ARG_TYPE, "options.headers.host",
                      &l->name);
  }
  return H1_WE_OK;
}
