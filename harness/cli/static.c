/*
 * static.c -- `h1 serve --static DIR`: files under DIR with a Content-Type
 * by extension, HEAD, Last-Modified / If-Modified-Since.  A path never
 * leaves DIR: the target is percent-decoded, a `..` segment (plain or
 * encoded) is refused, and the resolved path (symlinks followed) must
 * still be under the resolved DIR.  404 and 403 answers say nothing about
 * the file system.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "serve.h"

static const struct {
  const char *ext, *type;
} types[] = {
    {"html", "text/html; charset=utf-8"},
    {"htm", "text/html; charset=utf-8"},
    {"txt", "text/plain; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"json", "application/json"},
    {"xml", "application/xml"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"ico", "image/x-icon"},
    {"wasm", "application/wasm"},
    {"pdf", "application/pdf"},
    {"woff2", "font/woff2"},
};

static const char *content_type(const char *path) {
  const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
  size_t i;
  if (dot != NULL && (slash == NULL || dot > slash)) {
    for (i = 0; i < sizeof types / sizeof types[0]; i++) {
      if (strcasecmp(dot + 1, types[i].ext) == 0)
        return types[i].type;
    }
  }
  return "application/octet-stream";
}

static int hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The decoded path of an origin-form target (query dropped) into out;
 * -1 for a target that is not a plain path, has NUL or a `..` segment. */
static int decode_path(const char *t, size_t n, char *out, size_t cap) {
  size_t i, o = 0, seg = 0;
  if (n == 0 || t[0] != '/')
    return -1;
  for (i = 0; i < n && t[i] != '?' && t[i] != '#'; i++) {
    char c = t[i];
    if (c == '%') {
      int h, l;
      if (i + 2 >= n || (h = hexval(t[i + 1])) < 0 ||
          (l = hexval(t[i + 2])) < 0)
        return -1;
      c = (char)(h * 16 + l);
      i += 2;
    }
    if (c == '\0' || c == '\\' || o + 1 >= cap)
      return -1;
    if (c == '/') {
      if (o - seg == 2 && out[seg] == '.' && out[seg + 1] == '.')
        return -1;
      seg = o + 1;
    }
    out[o++] = c;
  }
  if (o - seg == 2 && out[seg] == '.' && out[seg + 1] == '.')
    return -1;
  out[o] = '\0';
  return 0;
}

static void plain(h1_res *res, int status, const char *text) {
  h1_res_write_head(res, status, NULL);
  h1_res_set_header(res, "content-type", "text/plain; charset=utf-8");
  h1_res_end(res, text, strlen(text));
}

/* If-Modified-Since as a time; -1 when absent or unreadable. */
static time_t if_modified_since(const struct h1_message *m) {
  size_t i;
  for (i = 0; i < m->num_headers; i++) {
    const struct h1_header *h = &m->headers[i];
    char v[64];
    struct tm tm;
    const char *end;
    if (!h1_span_ieq(h->name, "if-modified-since", 17) ||
        h->value.len >= sizeof v)
      continue;
    memcpy(v, h->value.ptr, h->value.len);
    v[h->value.len] = '\0';
    memset(&tm, 0, sizeof tm);
    end = strptime(v, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (end != NULL && *end == '\0')
      return timegm(&tm);
    return -1;
  }
  return -1;
}

void serve_static(const char *root, h1_req *req, h1_res *res) {
  const struct h1_message *m = h1_req_message(req);
  char rel[PATH_MAX], path[PATH_MAX * 2 + 16], real[PATH_MAX], base[PATH_MAX];
  char date[H1_DATE_LEN + 1], len[32], buf[65536];
  struct stat st;
  size_t blen;
  time_t ims;
  int fd;
  long r;

  /* the body of a GET is not ours: read and dropped */
  while (h1_req_read(req, buf, sizeof buf) > 0)
    ;
  if (m->method != H1_METHOD_GET && m->method != H1_METHOD_HEAD) {
    h1_res_set_header(res, "allow", "GET, HEAD");
    plain(res, 405, "Method Not Allowed\n");
    return;
  }
  if (decode_path(m->url.ptr, m->url.len, rel, sizeof rel) != 0) {
    plain(res, 403, "Forbidden\n");
    return;
  }
  if (realpath(root, base) == NULL) {
    plain(res, 404, "Not Found\n");
    return;
  }
  snprintf(path, sizeof path, "%s%s%s", base, rel,
           rel[strlen(rel) - 1] == '/' ? "index.html" : "");
  if (realpath(path, real) == NULL) {
    plain(res, 404, "Not Found\n");
    return;
  }
  blen = strlen(base);
  if (strncmp(real, base, blen) != 0 ||
      (real[blen] != '/' && real[blen] != '\0')) {
    plain(res, 404, "Not Found\n"); /* a link out: as if it did not exist */
    return;
  }
  fd = open(real, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    if (fd >= 0)
      close(fd);
    plain(res, 404, "Not Found\n");
    return;
  }
  h1_format_date((int64_t)st.st_mtime, date);
  date[H1_DATE_LEN] = '\0';
  ims = if_modified_since(m);
  if (ims >= 0 && st.st_mtime <= ims) {
    close(fd);
    h1_res_write_head(res, 304, NULL);
    h1_res_set_header(res, "last-modified", date);
    h1_res_end(res, NULL, 0);
    return;
  }
  snprintf(len, sizeof len, "%lld", (long long)st.st_size);
  h1_res_set_header(res, "content-type", content_type(real));
  h1_res_set_header(res, "content-length", len);
  h1_res_set_header(res, "last-modified", date);
  if (m->method == H1_METHOD_HEAD) {
    close(fd);
    h1_res_end(res, NULL, 0);
    return;
  }
  while ((r = read(fd, buf, sizeof buf)) > 0) {
    if (h1_res_write(res, buf, (size_t)r) != H1_WE_OK)
      break;
  }
  close(fd);
  h1_res_end(res, NULL, 0);
}
