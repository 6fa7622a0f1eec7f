/*
 * fuzz_roundtrip.c -- the writer (h1_write.h) never emits bytes the parser
 * rejects or reads differently.
 *
 * A response (or request) is built in the strict profile, where the writer
 * refuses framing that disagrees with the body: status (method and path),
 * headers set with setHeader, body pieces written with write() and end().
 * Calls the writer refuses are skipped (they write nothing and change no
 * state).  The bytes written are then parsed (strict profile, one-shot);
 * the parser must accept them as exactly one message with the same status
 * (method, target), every stored header with its values in order, and the
 * body that was written (none for HEAD, 204 and 304; after a CONNECT or
 * Upgrade head the parser stops, as Node's does).
 *
 * Input: byte 0 bit 0 request, bit 1 answers HEAD, bit 2 HTTP/1.0 peer,
 * bit 3 unused; byte 1 status (200 + b % 400) or method (any
 * h1_method); byte 2 number of headers (b % 9); the rest split at 0xFF
 * bytes: a target (for requests), then name, value pairs, then body pieces
 * (the last for end()).
 *
 * Any Transfer-Encoding value goes through: the strict writer must refuse
 * the ones the parser would frame differently ("chunked\xef", "chunked\t",
 * "chunked, gzip": Node's writer chunks for them, llhttp does not read
 * chunked).  Past findings, fixed in the writer, are replayed from
 * corpus/fuzz/crashers/roundtrip/.
 */
#include "fz.h"
#include "h1/h1_write.h"

#define MAXTOK 64
#define OUTCAP (1u << 18)

struct tok {
  const char *p;
  size_t n;
};

static struct h1_span trim2(struct h1_span v) {
  while (v.len && (v.ptr[0] == ' ' || v.ptr[0] == '\t')) {
    v.ptr++;
    v.len--;
  }
  return h1_trim_value(v);
}

static int span_eq(struct h1_span a, struct h1_span b) {
  return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static int name_ieq(struct h1_span a, struct h1_span b) {
  if (a.len != b.len)
    return 0;
  for (size_t i = 0; i < a.len; i++) {
    char x = a.ptr[i], y = b.ptr[i];
    h1_lower(&x, &x, 1);
    h1_lower(&y, &y, 1);
    if (x != y)
      return 0;
  }
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 3 || size > 8192)
    return 0;
  int is_req = data[0] & 1, head = (data[0] >> 1) & 1,
      http10 = (data[0] >> 2) & 1;
  int status = 200 + data[1] % 400;
  h1_method method = (h1_method)(1 + data[1] % (H1_METHOD__COUNT - 1));
  size_t nh = data[2] % 9;
  struct tok t[MAXTOK];
  size_t nt = 0, start = 3;
  for (size_t i = 3; i <= size && nt < MAXTOK; i++) {
    if (i == size || data[i] == 0xff) {
      t[nt].p = (const char *)data + start;
      t[nt].n = i - start;
      nt++;
      start = i + 1;
    }
  }
  size_t ti = 0;
  static struct h1_wline lines[64], tlines[8];
  static char headbuf[H1_WRITER_HEAD_DEFAULT];
  h1_writer *w = malloc(sizeof *w);
  char *out = malloc(OUTCAP);
  if (w == NULL || out == NULL)
    abort();
  struct h1_wbuf ob = {out, OUTCAP, 0, 0};
  struct h1_span target = {"/", 1};
  char *tbuf = malloc(size + 1);
  if (tbuf == NULL)
    abort();
  if (is_req) {
    if (ti < nt && t[ti].n > 0) {
      memcpy(tbuf, t[ti].p, t[ti].n);
      target.ptr = tbuf;
      target.len = t[ti].n;
    }
    ti++;
    struct h1_wrequest_options ro;
    memset(&ro, 0, sizeof ro);
    ro.method.ptr = h1_method_name(method);
    ro.method.len = strlen(ro.method.ptr);
    ro.path = target;
    ro.set_host = 1;
    if (h1_writer_init_request(w, H1_PROFILE_STRICT, &ro, lines, 64, tlines, 8,
                               headbuf, sizeof headbuf) != H1_WE_OK)
      goto done;
  } else {
    struct h1_wresponse_options so;
    memset(&so, 0, sizeof so);
    so.head = head;
    so.version_major = 1;
    so.version_minor = http10 ? 0 : 1;
    so.keep_alive = !http10;
    so.keep_alive_timeout = 5000;
    h1_writer_init_response(w, H1_PROFILE_STRICT, &so, lines, 64, tlines, 8,
                            headbuf, sizeof headbuf);
    h1_writer_set_status(w, status);
  }
  h1_writer_set_time(w, 1700000000);
  for (size_t i = 0; i < nh && ti + 1 < nt; i++, ti += 2) {
    struct h1_span name = {t[ti].p, t[ti].n},
                   value = {t[ti + 1].p, t[ti + 1].n};
    (void)h1_writer_set_header(w, name, &value, 1, 0);
  }
  /* body pieces: what was accepted is what the parser must read back */
  char *body = malloc(size + 1);
  if (body == NULL)
    abort();
  size_t blen = 0;
  int ended = 0;
  for (; ti < nt; ti++) {
    int last = ti + 1 == nt;
    size_t before = ob.len;
    h1_werrno e = last ? h1_writer_end(w, t[ti].p, t[ti].n, &ob)
                       : h1_writer_write(w, t[ti].p, t[ti].n, &ob);
    FZ_CHECK(e != H1_WE_NO_ROOM, "output buffer too small");
    if (e == H1_WE_OK) {
      memcpy(body + blen, t[ti].p, t[ti].n);
      blen += t[ti].n;
      ended = last;
    } else {
      FZ_CHECK(ob.len == before, "a refused call wrote %zu bytes",
               ob.len - before);
    }
  }
  if (!ended) {
    size_t before = ob.len;
    h1_werrno e = h1_writer_end(w, NULL, 0, &ob);
    if (e != H1_WE_OK) {
      FZ_CHECK(ob.len == before, "a refused end() wrote bytes");
      free(body);
      goto done;
    }
  }
  FZ_CHECK(h1_writer_finished(w), "end() succeeded but not finished");

  /* parse it back */
  {
    struct h1_settings set;
    memset(&set, 0, sizeof set);
    set.type = is_req ? H1_REQUEST : H1_RESPONSE;
    set.profile = H1_PROFILE_STRICT;
    set.request_method =
        is_req ? H1_METHOD_NONE : (head ? H1_METHOD_HEAD : H1_METHOD_GET);
    size_t nslots, acap;
    fz_sizes(0, ob.len, &nslots, &acap);
    struct h1_header *slots = calloc(nslots, sizeof *slots);
    char *arena = malloc(acap);
    h1_parser *p = malloc(sizeof *p);
    char *got = malloc(ob.len + 1);
    if (slots == NULL || arena == NULL || p == NULL || got == NULL)
      abort();
    h1_parser_init(p, &set, slots, nslots, arena, acap);
    size_t pos = 0, glen = 0, heads = 0, ends = 0;
    int upgraded = 0;
    int bodiless = !is_req && (head || status == 204 || status == 304);
    struct h1_event ev;
    for (;;) {
      size_t used = h1_execute(p, out + pos, ob.len - pos, &ev);
      pos += used;
      if (ev.type == H1_EV_NONE) {
        h1_finish(p, &ev);
        if (ev.type == H1_EV_MESSAGE_END)
          ends++;
        break;
      }
      if (ev.type == H1_EV_ERROR)
        break;
      if (ev.type == H1_EV_UPGRADE) {
        /* CONNECT or Upgrade: what follows the head is not HTTP */
        upgraded = 1;
        break;
      }
      if (ev.type == H1_EV_HEAD) {
        heads++;
        const struct h1_message *m = &p->msg;
        if (is_req) {
          FZ_CHECK(m->method == method, "method %s read back as %s",
                   h1_method_name(method), h1_method_name(m->method));
          FZ_CHECK(span_eq(m->url, target), "target read back differently");
        } else {
          FZ_CHECK(m->status == status, "status %d read back as %u", status,
                   (unsigned)m->status);
        }
        /* every stored header, values in order */
        for (size_t k = 0;; k++) {
          const struct h1_wline *wl = h1_writer_header_at(w, k);
          if (wl == NULL)
            break;
          size_t vi = 0;
          for (size_t j = 0; j < m->num_headers && vi < wl->nvalues; j++) {
            if (!name_ieq(m->headers[j].name, wl->name))
              continue;
            FZ_CHECK(span_eq(trim2(m->headers[j].value), trim2(wl[vi].value)),
                     "header %.*s value %zu read back differently",
                     (int)wl->name.len, wl->name.ptr, vi);
            vi++;
          }
          FZ_CHECK(vi == wl->nvalues, "header %.*s: %zu of %u values read back",
                   (int)wl->name.len, wl->name.ptr, vi, (unsigned)wl->nvalues);
        }
      } else if (ev.type == H1_EV_BODY) {
        memcpy(got + glen, ev.data.ptr, ev.data.len);
        glen += ev.data.len;
      } else if (ev.type == H1_EV_MESSAGE_END) {
        ends++;
      }
    }
    FZ_CHECK(ev.type != H1_EV_ERROR,
             "the parser rejected what the writer wrote: %s at %llu of %zu: "
             "%.*s",
             h1_errno_name(p->error), (unsigned long long)p->error_offset,
             ob.len, (int)(ob.len < 400 ? ob.len : 400), out);
    FZ_CHECK(heads == 1 && ends == 1, "%zu heads, %zu ends from one message",
             heads, ends);
    FZ_CHECK(upgraded || pos == ob.len, "the parser left %zu bytes",
             ob.len - pos);
    if (upgraded)
      ; /* the body went after the upgrade, as raw bytes */
    else if (!bodiless)
      FZ_CHECK(glen == blen && (blen == 0 || memcmp(got, body, blen) == 0),
               "body of %zu bytes read back as %zu bytes", blen, glen);
    else
      FZ_CHECK(glen == 0, "a bodiless message read back %zu body bytes", glen);
    free(got);
    free(p);
    free(arena);
    free(slots);
  }
  free(body);
done:
  free(tbuf);
  free(out);
  free(w);
  return 0;
}
