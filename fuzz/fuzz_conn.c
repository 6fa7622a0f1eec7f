/*
 * fuzz_conn.c -- the server connection (h1_conn.h) driven by the fuzzer:
 * its bytes, read sizes, end of input, clock and the handler's choices.
 *
 * Oracles:
 * - every byte the connection writes back parses with h1's response
 *   parser (Node profile, H1_LENIENT_KEEP_ALIVE only: see check_wire),
 *   each response framed by the method of the request it answers, and
 *   the wire ends cleanly (a canned error answer is close-delimited, last);
 * - no request gets two final responses, and none is written for a request
 *   that was not handed over;
 * - h1_server_deadline() never goes backwards as the clock moves on;
 * - nothing crashes, nothing is read out of bounds (ASan).
 *
 * With byte 0 bit 0 set (a response stream) the client connection reads
 * the bytes instead, for the request method of byte 1: the events it
 * reports must be the same whole and in pieces, in a legal order (at most
 * one final response, its body and end after it, nothing after an upgrade
 * or an error).
 *
 * Input: fz.h's option bytes (bit 1 of byte 0 strict profile; leniency,
 * max_header_size, maxHeadersCount), then
 *   byte 8   bits 0-3 read size 1 << k (k > 12: all at once), bit 4 end of
 *            input at the end, bit 5 the handler answers at the head (else
 *            at the request's end), bits 6-7 clock step (0, 1, 1000,
 *            100000 ms per read)
 *   byte 9   bit 0 checkContinue, bit 1 checkExpectation, bit 2 upgrade,
 *            bit 3 connect listeners, bit 4 requireHostHeader off, bits 5-6
 *            maxRequestsPerSocket (0-3), bit 7 writeContinue in
 *            checkContinue
 *   rest     the bytes the client sent
 */
#include "fz.h"

#include "h1/h1_conn.h"

#define CONN_MHS_MAX 65536u
#define MAX_REQ 4096

static struct h1_header fz_slots[H1_CONN_SLOTS_FOR(CONN_MHS_MAX)];
static char fz_arena[H1_CONN_ARENA_FOR(CONN_MHS_MAX)];
static char fz_in[4096];
static char fz_outbuf[65536];
static struct h1_wline fz_lines[16];
static char fz_head[4096];

/* The wire the connection wrote and the methods it answered, in order. */
static char wire[1 << 20];
static size_t wire_len;
static h1_method methods[MAX_REQ];
static size_t nmethods;

static void drain(h1_server_conn *c, int64_t now) {
  size_t n;
  const char *b = h1_server_send_buf(c, &n);
  if (n > sizeof wire - wire_len)
    n = sizeof wire - wire_len;
  if (b != NULL)
    memcpy(wire + wire_len, b, n);
  wire_len += n;
  h1_server_send_ack(c, n, now);
}

static void answer(h1_server_conn *c) {
  h1_writer *w = h1_server_writer(c);
  if (h1_writer_finished(w))
    return;
  (void)h1_writer_write_head(w, 200, NULL, NULL, 0, 0);
  (void)h1_writer_end(w, "ok", 2, h1_server_out(c));
}

static void run_events(h1_server_conn *c, int64_t now, int at_head,
                       int write_continue) {
  struct h1_server_event ev;
  int guard = 0;
  while (h1_server_next(c, now, &ev) != H1_SEV_NONE) {
    FZ_CHECK(++guard < 100000, "the connection does not settle");
    if (ev.type == H1_SEV_REQUEST) {
      if (nmethods < MAX_REQ)
        methods[nmethods++] = c->parser.msg.method;
      if (ev.dispatch == H1_DISPATCH_CHECK_CONTINUE && write_continue)
        (void)h1_writer_write_continue(h1_server_writer(c), h1_server_out(c));
      if (at_head)
        answer(c);
    } else if (ev.type == H1_SEV_REQUEST_END) {
      answer(c);
    }
    drain(c, now);
  }
  drain(c, now);
}

/* Parses the wire as Node's client would, one response per request. */
static void check_wire(void) {
  static struct h1_header slots[4096];
  static char arena[65536];
  struct h1_settings set;
  h1_parser p;
  struct h1_event ev;
  size_t off = 0, finals = 0;
  memset(&set, 0, sizeof set);
  set.type = H1_RESPONSE;
  set.max_header_size = 1000000;
  /* Node's server answers 503 after the `Connection: close` response to
   * the last request maxRequestsPerSocket allows, and keeps the socket */
  set.lenient = H1_LENIENT_KEEP_ALIVE;
  set.request_method = nmethods ? methods[0] : H1_METHOD_GET;
  h1_parser_init(&p, &set, slots, 4096, arena, sizeof arena);
  for (;;) {
    off += h1_execute(&p, wire + off, wire_len - off, &ev);
    if (ev.type == H1_EV_NONE)
      break;
    FZ_CHECK(ev.type != H1_EV_ERROR, "the wire does not parse: %s at %llu",
             h1_errno_name(p.error), (unsigned long long)p.error_offset);
    if (ev.type == H1_EV_UPGRADE)
      return;
    if (ev.type == H1_EV_MESSAGE_END && p.msg.status >= 200) {
      finals++;
      /* a canned error answer needs no request of its own */
      FZ_CHECK(finals <= nmethods + 1, "%zu responses for %zu requests", finals,
               nmethods);
      if (finals < nmethods)
        h1_parser_set_request_method(&p, methods[finals]);
    }
  }
  h1_finish(&p, &ev);
  FZ_CHECK(ev.type != H1_EV_ERROR, "the wire ends inside a response");
  if (ev.type == H1_EV_MESSAGE_END)
    finals++;
  FZ_CHECK(finals <= nmethods + 1, "%zu responses for %zu requests", finals,
           nmethods);
}

/* The client's events over `in`, `piece` bytes per read, as letters (body
 * bytes included); checks their order on the way. */
static size_t client_log(const struct h1_client_options *co, h1_method method,
                         const struct h1_conn_mem *m, const char *in,
                         size_t len, size_t piece, int eof, char *log,
                         size_t cap) {
  static h1_client_conn c;
  struct h1_client_event ev;
  size_t off = 0, n = 0;
  int finals = 0, ended = 0, over = 0, fed_eof = 0;
  h1_client_init(&c, co, m);
  (void)h1_client_request(&c, method, NULL);
  for (;;) {
    while (h1_client_next(&c, &ev) != H1_CEV_NONE) {
      static const char letters[] = "-IRBEUX";
      FZ_CHECK(!over, "an event after an upgrade or an error");
      if (ev.type == H1_CEV_RESPONSE)
        FZ_CHECK(++finals == 1, "two final responses");
      if (ev.type == H1_CEV_BODY || ev.type == H1_CEV_RESPONSE_END)
        FZ_CHECK(finals == 1 && !ended, "body or end outside a response");
      if (ev.type == H1_CEV_RESPONSE_END)
        ended = 1;
      if (ev.type == H1_CEV_UPGRADE || ev.type == H1_CEV_ERROR)
        over = 1;
      if (ev.type == H1_CEV_BODY) {
        size_t k = ev.data.len < cap - n ? ev.data.len : cap - n;
        memcpy(log + n, ev.data.ptr, k);
        n += k;
      } else if (n < cap && (ev.type != H1_CEV_ERROR || n + 1 < cap)) {
        log[n++] = letters[ev.type];
        if (ev.type == H1_CEV_ERROR)
          log[n++] = (char)('0' + ev.error);
      }
    }
    if (off < len) {
      size_t room, k = len - off < piece ? len - off : piece;
      char *b = h1_client_recv_buf(&c, &room);
      if (room == 0)
        break;
      if (k > room)
        k = room;
      memcpy(b, in + off, k);
      h1_client_recv_ack(&c, k);
      off += k;
    } else if (eof && !fed_eof) {
      h1_client_recv_eof(&c);
      fed_eof = 1;
    } else {
      break;
    }
  }
  return n;
}

static void client_side(const struct fz_opts *fo, uint32_t max_header_size,
                        const char *in, size_t len, size_t piece, int eof,
                        const struct h1_conn_mem *m) {
  static char whole[FZ_MAX_INPUT + 64], split[FZ_MAX_INPUT + 64];
  struct h1_client_options co;
  size_t nw, ns;
  memset(&co, 0, sizeof co);
  co.profile = fo->profile;
  co.lenient = fo->lenient;
  co.max_header_size = max_header_size;
  co.join_duplicate_headers = fo->join;
  co.on_upgrade = co.on_connect = 1;
  if (len > sizeof fz_in)
    len = sizeof fz_in; /* one read's worth: the input buffer */
  nw = client_log(&co, fo->method, m, in, len, len + 1, eof, whole,
                  sizeof whole);
  ns = client_log(&co, fo->method, m, in, len, piece, eof, split, sizeof split);
  FZ_CHECK(nw == ns && memcmp(whole, split, nw) == 0,
           "the client's events depend on the split (%zu / %zu bytes)", nw, ns);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static h1_server_conn c;
  static const int64_t steps[4] = {0, 1, 1000, 100000};
  struct fz_opts fo;
  struct h1_server_options o;
  struct h1_conn_mem m;
  const char *in;
  size_t len, off = 0, piece;
  int64_t now = 0, last_deadline;
  uint32_t last_msg;
  int eof, at_head, write_continue;
  uint8_t b8, b9;

  if (size < FZ_OPT_LEN + 2 || !fz_opts_read(data, size, &fo))
    return 0;
  b8 = data[FZ_OPT_LEN];
  b9 = data[FZ_OPT_LEN + 1];
  in = (const char *)data + FZ_OPT_LEN + 2;
  len = size - FZ_OPT_LEN - 2;
  if (len > FZ_MAX_INPUT)
    len = FZ_MAX_INPUT;
  piece = (b8 & 15) > 12 ? len + 1 : (size_t)1 << (b8 & 15);
  eof = (b8 >> 4) & 1;
  at_head = (b8 >> 5) & 1;
  write_continue = (b9 >> 7) & 1;

  h1_server_options_default(&o);
  o.profile = fo.profile;
  o.lenient = fo.lenient;
  if (fo.max_header_size != 0)
    o.max_header_size =
        fo.max_header_size > CONN_MHS_MAX ? CONN_MHS_MAX : fo.max_header_size;
  o.max_headers_count = fo.max_headers_count;
  o.join_duplicate_headers = fo.join;
  o.on_check_continue = b9 & 1;
  o.on_check_expectation = (b9 >> 1) & 1;
  o.on_upgrade = (b9 >> 2) & 1;
  o.on_connect = (b9 >> 3) & 1;
  o.require_host_header = !((b9 >> 4) & 1);
  o.max_requests_per_socket = (b9 >> 5) & 3;

  memset(&m, 0, sizeof m);
  m.slots = fz_slots;
  m.nslots = H1_CONN_SLOTS_FOR(o.max_header_size);
  m.arena = fz_arena;
  m.arena_cap = H1_CONN_ARENA_FOR(o.max_header_size);
  m.in = fz_in;
  m.in_cap = sizeof fz_in;
  m.out = fz_outbuf;
  m.out_cap = sizeof fz_outbuf;
  m.lines = fz_lines;
  m.nlines = 16;
  m.head = fz_head;
  m.head_cap = sizeof fz_head;
  wire_len = 0;
  nmethods = 0;

  if (fo.type == H1_RESPONSE) {
    client_side(&fo, o.max_header_size, in, len, piece, eof, &m);
    return 0;
  }
  h1_server_init(&c, &o, &m, now);
  last_deadline = h1_server_deadline(&c);
  last_msg = c.parser.messages;
  run_events(&c, now, at_head, write_continue);
  while (off < len) {
    unsigned st = h1_server_state(&c);
    size_t room, n;
    char *buf;
    int64_t d;
    if ((st & (H1_CONN_CLOSED | H1_CONN_UPGRADED)) || !(st & H1_CONN_RECVREC))
      break;
    buf = h1_server_recv_buf(&c, &room);
    n = len - off < piece ? len - off : piece;
    if (n > room)
      n = room;
    memcpy(buf, in + off, n);
    off += n;
    now += steps[b8 >> 6];
    h1_server_recv_ack(&c, n, now);
    run_events(&c, now, at_head, write_continue);
    /* within one request the deadline only moves later */
    d = h1_server_deadline(&c);
    FZ_CHECK(d >= last_deadline || last_deadline == INT64_MAX ||
                 c.parser.messages != last_msg,
             "the deadline went back from %lld to %lld",
             (long long)last_deadline, (long long)d);
    last_deadline = d;
    last_msg = c.parser.messages;
    h1_server_check_timeouts(&c, now);
    run_events(&c, now, at_head, write_continue);
  }
  if (eof && !(h1_server_state(&c) & (H1_CONN_CLOSED | H1_CONN_UPGRADED))) {
    h1_server_recv_eof(&c, now);
    run_events(&c, now, at_head, write_continue);
  }
  check_wire();
  return 0;
}
