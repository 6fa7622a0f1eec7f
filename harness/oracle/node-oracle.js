#!/usr/bin/env node
'use strict';
// node-oracle.js: what Node 20's real `http` stack makes of a byte stream.
//
// Answers the question `h1 parse` answers (CONTRACT.md section 1) for a batch of inputs, by
// sending each input over a real loopback TCP connection to a real `http.createServer`
// (requests) or from a raw `net` server to a real `http.request` (responses), and recording
// what Node's IncomingMessage objects and error events say. See FINDINGS at the end of this
// comment for what Node does in the tricky spots and how each is mapped to the contract.
//
// Usage
//   node harness/oracle/node-oracle.js < cases.jsonl > results.jsonl
//     cases: {"id", "input_b64", "mode": "request"|"response", "method": "GET",
//             "insecure": false, "max_header_size": 16384, "max_headers_count": N,
//             "join_duplicate_headers": false}   (all but id and input_b64 optional)
//     results, in input order: {"id", "result": {"messages": [...], "error": ...}}
//   node harness/oracle/node-oracle.js --one [--response [--method M]] [--insecure]
//        [--max-header-size N] [--max-headers-count N] [--join-duplicate-headers] [FILE|-]
//     prints the result object of one case (exit 0 if error is null, 1 if not, 2 on usage).
//   node harness/oracle/node-oracle.js parse [h1 parse flags] FILE   (same as --one; --chunk N
//     and --profile node are accepted and ignored, so the oracle can stand in for `h1`)
//   Extra flags: --concurrency N (batch, default 32), --timeout MS (per case, default 5000),
//   --debug (log Node's raw events and the cross-check to stderr).
//
// How a case runs
//   request mode: one http.Server per option set (requireHostHeader: false, listeners for
//     request, checkContinue, checkExpectation, upgrade, connect, clientError). A net client
//     connects, writes the bytes and half-closes (end of input = peer closed its side). The
//     server never answers (so no response can end the connection early: Node parses all
//     pipelined input); each IncomingMessage is recorded when Node dispatches it; the body
//     bytes are recorded as Node pushes them. The case ends when both sockets are closed.
//   response mode: one raw net server; the client is http.request({method, agent: false,
//     insecureHTTPParser, maxHeaderSize, joinDuplicateHeaders}) with req.maxHeadersCount set.
//     The server reads the request head, writes the case bytes in one write, then ends.
//   The error offset: Node reports err.bytesParsed relative to the packet it was parsing
//   (err.rawPacket). The oracle replays the same bytes, in one piece, through the same
//   binding (process.binding('http_parser').HTTPParser, initialised exactly as
//   _http_server.js / _http_client.js do, with the same callback return values), which is
//   what h1 defines as canonical. The replay gives the absolute offset; its error code and
//   message count are cross-checked against the real stack (a mismatch is logged to stderr
//   with "oracle: MISMATCH" and counted; the real stack's code wins, the offset is then
//   derived from rawPacket). Errors raised by parser.finish() at end of input (Node puts no
//   bytesParsed on them) get offset = input length.
//
// FINDINGS (observed on node v20.20.2 / llhttp 9.3.1 with this oracle; each item: input,
// what Node reports, how the oracle maps it).
//
// F1  Request TE not ending in chunked (`Transfer-Encoding: identity`, `chunkedX`, `pigeons`):
//     llhttp calls on_headers_complete first, so Node emits 'request' (headers only), then
//     clientError HPE_INVALID_TRANSFER_ENCODING "Request has invalid `Transfer-Encoding`" with
//     offset = the byte after the head (even with no body bytes at all). Mapped: the message
//     (body "", complete: false) plus that error. With --insecure the body runs to EOF, no error.
//     A TE inside trailers gives HPE_INVALID_TRANSFER_ENCODING ("Invalid `Transfer-Encoding`
//     header value") after the message was dispatched (complete: false).
// F2  Pipelining after an error: nothing after the first error is parsed; messages dispatched
//     before it stay. The server never answers in the oracle, so Node parses every pipelined
//     request it was sent (a response to a `Connection: close` request would otherwise close
//     the socket early and make the result timing-dependent).
// F3  Bytes after a non-keep-alive request (`Connection: close`, `keep-alive, close`, HTTP/1.0
//     without keep-alive): HPE_CLOSED_CONNECTION "Data after `Connection: close`" at the first
//     byte that is not CR/LF; only CR/LF after it is fine (no error). HTTP/1.0 with
//     `Connection: keep-alive` is persistent: the next request is parsed. `Connection: close\t`
//     (llhttp 9.3.1) is NOT seen as close: the second request is parsed (headers value "close").
// F4  Client side, bytes after a complete final response (one piece = one packet):
//     - a second response head: parserOnIncomingClient sees req.res already set, destroys the
//       socket silently (no error); llhttp keeps parsing the rest of that packet, so an error
//       later in the same packet IS emitted on req ('error'). Mapped: only the first response,
//       error null, unless a parse error follows in the input (then that error).
//     - garbage: req 'error' HPE_INVALID_CONSTANT "Expected HTTP/, RTSP/ or ICE/" after the
//       response was delivered. After `Connection: close`: HPE_CLOSED_CONNECTION. CRLF: ignored.
//     Packet dependence: if those bytes arrive in a later packet, Node has freed the parser and
//     ignores them. The contract output may not depend on chunking, so the oracle reports the
//     one-piece behaviour (the raw server writes the whole case in one write).
// F5  1xx chains: each 1xx other than 101 is an 'information' event (100 included, 'continue'
//     fires too), the parser restarts, any CL/TE on the 1xx is ignored (no body), and `Link`
//     lines merge with ', ' in headers. 199 counts as 1xx. Only 1xx then EOF: no error at all
//     (Node's client says ECONNRESET "socket hang up"; mapped to error null, messages = the
//     informational ones). Empty response: same (messages [], error null).
// F6  101 without `Upgrade` + `Connection: upgrade`: llhttp pauses after the head; Node emits a
//     normal 'response' (status 101, body "", complete) and frees the parser: the bytes after
//     the head are dropped, no error, no 'upgrade'. With both headers: 'upgrade' event, head =
//     every byte after the head. Mapped: upgrade: true + head only in the second case.
// F7  HEAD / 204 / 304 with Content-Length (or chunked): no body, complete; bytes after the
//     head are parsed as the next response (-> HPE_INVALID_CONSTANT for "hello").
// F8  CONNECT responses: Node treats ANY response to CONNECT as the tunnel, whatever the status
//     (407 with a body, even a 100): 'connect' fires with that response; its body is not read;
//     head = every byte after its head. Mapped: upgrade: true, body "", head.
// F9  Requests: Upgrade with `Connection: upgrade` (the oracle's server has an 'upgrade'
//     listener) and every CONNECT (any target form, even `/x`) stop parsing after the head; any
//     CL body is not read and goes into head. `Upgrade` without `Connection: upgrade` is a plain
//     request. `PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n` -> clientError HPE_PAUSED_H2_UPGRADE
//     "Pause on PRI/Upgrade" at offset 24 (after the SM block), no message.
// F10 maxHeadersCount. Node's binding flushes header pairs to JS in batches of 31 (when the 32nd
//     field starts) and the rest at the end of the head; parserOnHeaders appends a batch only
//     while the collected array length (2 per pair) is < maxHeaderPairs; headers and
//     headersDistinct are built from the first min(len, maxHeaderPairs) entries of rawHeaders.
//     maxHeaderPairs = 2*maxHeadersCount when it is set (0 = no limit), but server and client
//     leave maxHeadersCount null by default and then maxHeaderPairs = 2000 ENTRIES, i.e. 1000
//     pairs. Observed: default: 1000 lines -> 1000/1000; 1001 -> headers 1000, raw 1001; 1023+
//     -> headers 1000, raw 1023 (33 batches). maxHeadersCount=2000: 2001 -> 2000/2001, 2016+ ->
//     2000/2015. maxHeadersCount=10: 11..31 lines -> headers 10, raw all (one batch); 32+ ->
//     raw 31. Not an error. Trailers: same batch rule for rawTrailers, but trailers and
//     trailersDistinct use ALL of rawTrailers (40 trailer lines, max 10 -> 31 and 31).
//     Mapped: no max_headers_count / no --max-headers-count = Node's null default (1000);
//     an explicit 2000 is different. (CONTRACT.md says the CLI default is 2000: it must behave
//     as Node's null, not as an explicit 2000.)
// F11 maxHeaderSize counts URL/reason + names + values; overflow when count >= max
//     (HPE_HEADER_OVERFLOW "Header overflow"); trailers count too. The offset is where llhttp
//     stopped in the one-piece replay (for `X: a*93` with max 100: the LF ending that line).
// F12 End of input inside a head or a body that needs more: the server's socketOnEnd calls
//     parser.finish(), whose HPE_INVALID_EOF_STATE "Invalid EOF state" goes to socketOnError ->
//     'clientError' (err.bytesParsed 0, no rawPacket). The client ignores finish()'s result:
//     'error' ECONNRESET "socket hang up" (no response yet) or res 'aborted' + ECONNRESET
//     "aborted". Mapped in both modes: HPE_INVALID_EOF_STATE, offset = input length, message
//     complete: false. Close-delimited responses (no CL/TE, or TE without chunked) end cleanly.
//     `GET /\r\n` + EOF is HPE_INVALID_EOF_STATE (0.9 still wants a header block).
// F13 Expect (HTTP/1.1 only): /(^|\W)100-continue($|\W)/i -> 'checkContinue' (so `y 100-continue`
//     and `100-continue, foo` qualify, `100-continuex` does not); any other value ->
//     'checkExpectation'; HTTP/1.0 -> plain 'request'. The parse is identical; all are messages.
// F14 Content-Length: trailing SP accepted, trailing HTAB rejected (HPE_INVALID_CONTENT_LENGTH);
//     bare CR after a non-empty value -> HPE_LF_EXPECTED, right after the colon/OWS ->
//     HPE_STRICT "Expected LF after CR". HTTP/0.9 `GET /x\n...` (llhttp #877) parses headers
//     and a CL body (httpVersion "0.9") and then treats the connection as closing.
// F15 Client side, end of input after a complete final response with a partial next head
//     (`...\r\n\r\nokH`: `H` could start `HTTP/`), or right after a 101 without Upgrade
//     headers: llhttp's finish() would say HPE_INVALID_EOF_STATE, but Node's client ignores
//     finish(), the response already ended, and no 'aborted'/ECONNRESET is emitted: Node
//     reports nothing. Mapped: error null. (The EOF error is reported only when the real
//     stack shows ECONNRESET "socket hang up" or res 'aborted', as in F12.)

process.noDeprecation = true;

const http = require('http');
const net = require('net');
const fs = require('fs');
const readline = require('readline');
const { HTTPParser } = process.binding('http_parser');

const kLenientAll = HTTPParser.kLenientAll | 0;
const kLenientNone = HTTPParser.kLenientNone | 0;
const DEFAULT_MAX_HEADER_SIZE = http.maxHeaderSize; // 16384

let DEBUG = false;
let mismatches = 0;
function dbg(...a) { if (DEBUG) process.stderr.write(a.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' ') + '\n'); }

// ---------------------------------------------------------------------------------------------
// Case normalisation

function normCase(c) {
  const mode = c.mode === 'response' ? 'response' : 'request';
  return {
    id: c.id,
    input: Buffer.from(c.input_b64 || '', 'base64'),
    mode,
    method: mode === 'response' ? String(c.method || 'GET').toUpperCase() : null,
    insecure: !!c.insecure,
    maxHeaderSize: c.max_header_size == null ? DEFAULT_MAX_HEADER_SIZE : Number(c.max_header_size),
    // null = not set: Node's own default (parser.maxHeaderPairs = 2000 array slots).
    maxHeadersCount: c.max_headers_count == null ? null : Number(c.max_headers_count),
    join: !!c.join_duplicate_headers,
  };
}

// ---------------------------------------------------------------------------------------------
// Canonical replay: the same llhttp binding, fed the whole input in one piece.

function replay(cs) {
  const p = new HTTPParser();
  const isReq = cs.mode === 'request';
  p.initialize(isReq ? HTTPParser.REQUEST : HTTPParser.RESPONSE, {},
               cs.maxHeaderSize || 0, cs.insecure ? kLenientAll : kLenientNone);
  const out = { messages: [], error: null, upgradeAt: -1, stoppedAt: -1, finalSeen: false };
  let cur = null;
  let stopped = false;
  p[HTTPParser.kOnHeaders] = () => {};
  p[HTTPParser.kOnHeadersComplete] = (vmaj, vmin, headers, method, url, status, msg, upgrade) => {
    if (stopped) return 0;
    if (isReq) {
      cur = { kind: 'request', upgrade: !!upgrade };
      out.messages.push(cur);
      return upgrade ? 2 : 0; // the server has an 'upgrade' listener; CONNECT always upgrades
    }
    if (out.finalSeen) { // _http_client.js: "the server sent a double response" -> destroy
      stopped = true;
      out.doubleResponse = true;
      return 0;
    }
    if (upgrade || cs.method === 'CONNECT') {
      cur = { kind: 'response', upgrade: true, status };
      out.messages.push(cur);
      out.finalSeen = true;
      return 2;
    }
    if (status >= 100 && status < 200 && status !== 101) {
      cur = { kind: 'information', status };
      out.messages.push(cur);
      return 1;
    }
    cur = { kind: 'response', status };
    out.messages.push(cur);
    out.finalSeen = true;
    if (cs.method === 'HEAD' || status === 304) return 1;
    return 0;
  };
  p[HTTPParser.kOnBody] = () => {};
  p[HTTPParser.kOnMessageComplete] = () => { if (cur && !stopped) cur.complete = true; };
  const r = p.execute(cs.input);
  if (r instanceof Error) {
    out.error = { code: r.code, reason: r.reason, offset: r.bytesParsed };
  } else {
    const last = out.messages[out.messages.length - 1];
    if (last && last.upgrade && !stopped) {
      out.upgradeAt = r;
    } else if (r < cs.input.length && !stopped) {
      // llhttp paused without an error: a 101 response without Upgrade/Connection: upgrade.
      // Node emits it as a normal complete 'response' and frees the parser: the rest of the
      // input is never parsed and parser.finish() is never called.
      out.pausedAt = r;
    } else if (!stopped) {
      const f = p.finish();
      if (f instanceof Error) out.error = { code: f.code, reason: f.reason, offset: cs.input.length };
    }
  }
  try { p.close(); } catch (e) { /* ignore */ }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shaping Node's objects into the contract's JSON

function latin1(buf) { return buf.toString('latin1'); }

function plain(o) { // headersDistinct has a null prototype; copy keys in order
  // defineProperty keeps an own "__proto__" key (Node's null-prototype object
  // has one when a line is named __proto__); plain assignment would drop it.
  const r = {};
  for (const k of Object.keys(o)) {
    Object.defineProperty(r, k, { value: o[k], enumerable: true, writable: true, configurable: true });
  }
  return r;
}

function shapeMessage(rec) {
  const m = rec.msg;
  const o = {};
  if (rec.kind === 'information') {
    o.statusCode = rec.info.statusCode;
    o.statusMessage = rec.info.statusMessage;
    o.httpVersion = rec.info.httpVersion;
    o.headers = plain(rec.info.headers);
    o.rawHeaders = rec.info.rawHeaders.slice();
    o.informational = true;
    return o;
  }
  if (rec.kind === 'request') {
    o.method = m.method;
    o.url = m.url;
  } else {
    o.statusCode = m.statusCode;
    o.statusMessage = m.statusMessage;
  }
  o.httpVersion = m.httpVersion;
  o.headers = plain(m.headers);
  o.headersDistinct = plain(m.headersDistinct);
  o.rawHeaders = m.rawHeaders.slice();
  o.trailers = plain(m.trailers);
  o.trailersDistinct = plain(m.trailersDistinct);
  o.rawTrailers = m.rawTrailers.slice();
  o.body = latin1(Buffer.concat(rec.chunks));
  if (rec.upgrade) {
    o.upgrade = true;
    o.head = latin1(Buffer.concat(rec.head));
  } else if (!m.complete) {
    o.complete = false;
  }
  return o;
}

function recordBody(rec, stream) {
  // Record every body byte as Node pushes it into the IncomingMessage (synchronously, from
  // the parser's kOnBody), so nothing is lost if the stream is destroyed before 'data'.
  const origPush = stream.push;
  stream.push = function(chunk, enc) {
    if (chunk !== null && chunk !== undefined) rec.chunks.push(Buffer.from(chunk));
    return origPush.call(this, chunk, enc);
  };
  stream.on('error', () => {});
  stream.resume();
}

function errorOf(err) {
  return { code: err.code, reason: err.reason === undefined ? err.message : err.reason,
           bytesParsed: err.bytesParsed, rawPacket: err.rawPacket ? Buffer.from(err.rawPacket) : null };
}

// Builds the final contract object from the real-stack record and the canonical replay.
function finalize(cs, ctx) {
  const rp = replay(cs);
  const messages = ctx.records.map(shapeMessage);
  let error = null;
  const e = ctx.error;
  const isParseError = e && typeof e.code === 'string' && e.code.startsWith('HPE_');
  if (isParseError) {
    let offset;
    if (rp.error && rp.error.code === e.code) {
      offset = rp.error.offset;
      if (e.rawPacket && e.bytesParsed !== undefined) { // cross-check the packet position
        const start = offset - e.bytesParsed;
        const slice = cs.input.subarray(start, start + e.rawPacket.length);
        if (start < 0 || !slice.equals(e.rawPacket)) {
          mismatches++;
          process.stderr.write(`oracle: MISMATCH ${cs.id}: rawPacket not at ${start}\n`);
        }
      }
    } else {
      mismatches++;
      process.stderr.write(`oracle: MISMATCH ${cs.id}: real ${e.code} vs replay ${rp.error && rp.error.code}\n`);
      offset = e.bytesParsed === undefined ? cs.input.length : e.bytesParsed;
      if (e.rawPacket) {
        const at = cs.input.indexOf(e.rawPacket);
        if (at >= 0) offset += at;
      }
    }
    error = { code: e.code, reason: e.reason, offset };
  } else if (rp.error && cs.mode === 'response' && !rp.doubleResponse &&
             rp.error.code === 'HPE_INVALID_EOF_STATE') {
    // The client ignores parser.finish()'s result; Node surfaces it as ECONNRESET
    // ("socket hang up" before a response, "aborted" on the response). Contract: the HPE code.
    // When Node shows neither (F15: the final response was complete and only a partial next
    // head, or nothing after a paused 101, was left), Node reports no error at all.
    const reset = ctx.events.some((ev) => ev === 'aborted' || ev === 'error:ECONNRESET' ||
                                          ev === 'res-error:ECONNRESET');
    if (reset) error = { code: rp.error.code, reason: rp.error.reason, offset: rp.error.offset };
  } else if (rp.error && !(cs.mode === 'response' && ctx.destroyedAfterFinal)) {
    mismatches++;
    process.stderr.write(`oracle: MISMATCH ${cs.id}: replay error ${rp.error.code} not seen on the real stack (${e ? e.code : 'none'})\n`);
  }
  if (rp.messages.length !== ctx.records.length && !(cs.mode === 'response' && rp.doubleResponse)) {
    mismatches++;
    process.stderr.write(`oracle: MISMATCH ${cs.id}: ${ctx.records.length} messages vs replay ${rp.messages.length}\n`);
  }
  dbg('case', cs.id, 'real error', e ? { code: e.code, reason: e.reason, bytesParsed: e.bytesParsed, rawPacketLen: e.rawPacket && e.rawPacket.length } : null,
      'replay', { error: rp.error, n: rp.messages.length, upgradeAt: rp.upgradeAt, double: !!rp.doubleResponse }, 'events', ctx.events);
  return { messages, error };
}

// ---------------------------------------------------------------------------------------------
// Request mode

const servers = new Map(); // option key -> Promise<{server, port}>
// A server-side socket is bound to its case once, when it connects: by the
// (server port, client port) pair, which no two live connections share.  The
// client registers the pair on 'connect'; whichever of the two sides shows up
// first waits for the other.  A socket is never looked up again later, so a
// stale socket whose client port was reused cannot steal a newer case.
const byPort = new Map(); // "serverPort:clientPort" -> ctx (client seen first)
const waitingSockets = new Map(); // "serverPort:clientPort" -> server socket
function bindSocket(socket, ctx) {
  socket._oracleCtx = ctx;
  ctx.serverSocket = socket;
}

function serverFor(cs) {
  const key = JSON.stringify([cs.insecure, cs.maxHeaderSize, cs.join, cs.maxHeadersCount]);
  if (servers.has(key)) return servers.get(key);
  const p = new Promise((resolve, reject) => {
    const server = http.createServer({
      requireHostHeader: false,
      insecureHTTPParser: cs.insecure,
      maxHeaderSize: cs.maxHeaderSize,
      joinDuplicateHeaders: cs.join,
    });
    if (cs.maxHeadersCount !== null) server.maxHeadersCount = cs.maxHeadersCount;
    // A server-side socket belongs to the case whose client socket has the same port. The
    // client registers its port on 'connect', before it writes, so by the time the server
    // sees a byte the case is known; the socket keeps its case from then on (ports are
    // reused quickly after a reset).
    const ctxOf = (socket) =>
      socket._oracleCtx && !socket._oracleCtx.done ? socket._oracleCtx : null;
    server.on('connection', (socket) => {
      const key = socket.localPort + ':' + socket.remotePort;
      const ctx = byPort.get(key);
      if (ctx && !ctx.done && !ctx.serverSocket) bindSocket(socket, ctx);
      else waitingSockets.set(key, socket);
      socket.on('close', () => {
        if (waitingSockets.get(key) === socket) waitingSockets.delete(key);
      });
      socket.on('error', () => {});
      socket.on('close', () => { const ctx = ctxOf(socket); if (ctx) ctx.serverClosed(); });
    });
    const onReq = (ev) => (req, res) => {
      const ctx = ctxOf(req.socket);
      if (!ctx) return;
      ctx.events.push(ev);
      const rec = { kind: 'request', msg: req, chunks: [] };
      ctx.records.push(rec);
      recordBody(rec, req);
      res.on('error', () => {});
    };
    server.on('request', onReq('request'));
    server.on('checkContinue', onReq('checkContinue'));
    server.on('checkExpectation', onReq('checkExpectation'));
    const onUpgrade = (ev) => (req, socket, head) => {
      const ctx = ctxOf(socket);
      if (!ctx) { socket.destroy(); return; }
      ctx.events.push(ev);
      const rec = { kind: 'request', msg: req, chunks: [], upgrade: true, head: [Buffer.from(head)] };
      ctx.records.push(rec);
      // Everything the peer sent after the head is `head` (later packets included).
      socket.on('data', (d) => rec.head.push(Buffer.from(d)));
      socket.on('end', () => socket.destroy());
      socket.resume();
    };
    server.on('upgrade', onUpgrade('upgrade'));
    server.on('connect', onUpgrade('connect'));
    server.on('clientError', (err, socket) => {
      const ctx = ctxOf(socket);
      if (ctx) {
        ctx.events.push('clientError:' + err.code);
        if (!ctx.error) ctx.error = errorOf(err);
      }
      socket.destroy();
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port }));
  });
  servers.set(key, p);
  return p;
}

function runRequest(cs, timeoutMs) {
  return serverFor(cs).then(({ port }) => new Promise((resolve) => {
    const ctx = { records: [], error: null, events: [], done: false };
    let serverClosed = false;
    let clientClosed = false;
    let timer = null;
    const finish = () => {
      if (ctx.done) return;
      ctx.done = true;
      clearTimeout(timer);
      // Let already-queued callbacks (stream 'end', destroy) run before reading the objects.
      if (byPort.get(ctx.port) === ctx) byPort.delete(ctx.port);
      if (waitingSockets.has(ctx.port)) waitingSockets.delete(ctx.port);
      if (ctx.serverSocket) ctx.serverSocket.destroy();
      setImmediate(() => resolve(finalize(cs, ctx)));
    };
    const check = () => { if (serverClosed && clientClosed) finish(); };
    ctx.serverClosed = () => { serverClosed = true; check(); };
    const sock = net.connect({ port, host: '127.0.0.1' });
    sock.on('error', () => {});
    sock.on('data', () => {});
    sock.on('connect', () => {
      ctx.port = port + ':' + sock.localPort;
      const waiting = waitingSockets.get(ctx.port);
      if (waiting && !waiting.destroyed) {
        waitingSockets.delete(ctx.port);
        bindSocket(waiting, ctx);
      } else {
        byPort.set(ctx.port, ctx);
      }
      sock.end(cs.input);
    });
    sock.on('close', () => { clientClosed = true; check(); });
    timer = setTimeout(() => {
      ctx.events.push('timeout');
      process.stderr.write(`oracle: timeout in case ${cs.id}\n`);
      sock.destroy();
      finish();
    }, timeoutMs);
  }));
}

// ---------------------------------------------------------------------------------------------
// Response mode

let rawServer = null;
const responseCases = new Map(); // token -> case
let tokenSeq = 0;

function responseServer() {
  if (rawServer) return rawServer;
  rawServer = new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      let buf = Buffer.alloc(0);
      let sent = false;
      socket.on('data', (d) => {
        if (sent) return;
        buf = Buffer.concat([buf, d]);
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const m = /^[A-Z-]+ \/?(t\d+)/.exec(buf.toString('latin1'));
        const cs = m && responseCases.get(m[1]);
        sent = true;
        if (!cs) { socket.destroy(); return; }
        socket.end(cs.input);
      });
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port }));
  });
  return rawServer;
}

function runResponse(cs, timeoutMs) {
  return responseServer().then(({ port }) => new Promise((resolve) => {
    const token = 't' + (++tokenSeq);
    responseCases.set(token, cs);
    const ctx = { records: [], error: null, events: [], done: false };
    let timer = null;
    const pending = new Set(['req']);
    const finish = () => {
      if (ctx.done) return;
      ctx.done = true;
      clearTimeout(timer);
      setImmediate(() => {
        responseCases.delete(token);
        resolve(finalize(cs, ctx));
      });
    };
    const settle = (what) => { pending.delete(what); if (pending.size === 0) finish(); };
    const req = http.request({
      host: '127.0.0.1', port, method: cs.method,
      path: cs.method === 'CONNECT' ? `${token}.invalid:1` : `/${token}`,
      agent: false,
      insecureHTTPParser: cs.insecure,
      maxHeaderSize: cs.maxHeaderSize,
      joinDuplicateHeaders: cs.join,
    });
    if (cs.maxHeadersCount !== null) req.maxHeadersCount = cs.maxHeadersCount;
    req.on('information', (info) => {
      ctx.events.push('information:' + info.statusCode);
      ctx.records.push({ kind: 'information', info });
    });
    req.on('response', (res) => {
      ctx.events.push('response:' + res.statusCode);
      const rec = { kind: 'response', msg: res, chunks: [] };
      ctx.records.push(rec);
      pending.add('res');
      recordBody(rec, res);
      res.on('close', () => settle('res'));
      res.on('end', () => settle('res'));
      res.on('aborted', () => ctx.events.push('aborted'));
      res.on('error', (err) => ctx.events.push('res-error:' + err.code));
    });
    const onUpgrade = (ev) => (res, socket, head) => {
      ctx.events.push(ev + ':' + res.statusCode);
      const rec = { kind: 'response', msg: res, chunks: [], upgrade: true, head: [Buffer.from(head)] };
      ctx.records.push(rec);
      pending.add('upgrade');
      socket.on('data', (d) => rec.head.push(Buffer.from(d)));
      socket.on('error', () => {});
      socket.on('end', () => socket.destroy());
      socket.on('close', () => settle('upgrade'));
      socket.resume();
    };
    req.on('upgrade', onUpgrade('upgrade'));
    req.on('connect', onUpgrade('connect'));
    req.on('error', (err) => {
      ctx.events.push('error:' + err.code);
      if (!ctx.error) ctx.error = errorOf(err);
    });
    req.on('socket', (s) => {
      s.on('close', () => {
        // The client destroys the socket itself when it sees a second response.
        if (req.res && !ctx.error) ctx.destroyedAfterFinal = true;
      });
    });
    req.on('close', () => settle('req'));
    req.end();
    timer = setTimeout(() => {
      ctx.events.push('timeout');
      process.stderr.write(`oracle: timeout in case ${cs.id}\n`);
      req.destroy();
      finish();
    }, timeoutMs);
  }));
}

function runCase(cs, timeoutMs) {
  return cs.mode === 'response' ? runResponse(cs, timeoutMs) : runRequest(cs, timeoutMs);
}

// ---------------------------------------------------------------------------------------------
// CLI

function usage(msg) {
  process.stderr.write(`node-oracle: ${msg}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { one: false, response: false, method: null, insecure: false, maxHeaderSize: null,
              maxHeadersCount: null, join: false, file: null, concurrency: 32, timeout: 5000 };
  const num = (i) => {
    const v = argv[i];
    if (v === undefined || !/^\d+$/.test(v)) usage(`${argv[i - 1]} needs a number`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--one': o.one = true; break;
      case '--response': o.response = true; break;
      case '--method': if (argv[i + 1] === undefined) usage('--method needs a value'); o.method = argv[++i]; break;
      case '--insecure': o.insecure = true; break;
      case '--max-header-size': o.maxHeaderSize = num(++i); break;
      case '--max-headers-count': o.maxHeadersCount = num(++i); break;
      case '--join-duplicate-headers': o.join = true; break;
      case '--concurrency': o.concurrency = Math.max(1, num(++i)); break;
      case '--timeout': o.timeout = num(++i); break;
      case '--debug': DEBUG = true; break;
      case '--chunk': num(++i); break; // accepted for h1-parse compatibility: Node's answer does not depend on it
      case '--profile': {
        const v = argv[++i];
        if (v !== 'node') usage('only --profile node is an oracle');
        break;
      }
      default:
        if (a === 'parse' && i === 0) { o.one = true; break; } // `oracle parse ...` = `h1 parse ...`
        if (a.startsWith('--')) usage(`unknown option ${a}`);
        if (o.file !== null) usage('more than one FILE');
        o.file = a;
    }
  }
  if (o.method !== null && !o.response) usage('--method needs --response');
  return o;
}

function closeAll() {
  const all = [...servers.values()];
  if (rawServer) all.push(rawServer);
  return Promise.all(all.map((p) => p.then(({ server }) => new Promise((r) => server.close(r)))));
}

async function mainOne(o) {
  let input;
  try {
    input = fs.readFileSync(o.file === null || o.file === '-' ? 0 : o.file);
  } catch (e) {
    usage(`cannot read ${o.file}: ${e.message}`);
  }
  const cs = normCase({
    id: 'one', input_b64: input.toString('base64'), mode: o.response ? 'response' : 'request',
    method: o.method || 'GET', insecure: o.insecure, max_header_size: o.maxHeaderSize,
    max_headers_count: o.maxHeadersCount, join_duplicate_headers: o.join,
  });
  const result = await runCase(cs, o.timeout);
  await closeAll();
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(result.error ? 1 : 0));
}

async function mainBatch(o) {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  const cases = [];
  for await (const line of rl) {
    if (!line.trim()) continue;
    let c;
    try { c = JSON.parse(line); } catch (e) { usage(`bad JSON line: ${e.message}`); }
    if (typeof c.id !== 'string' && typeof c.id !== 'number') usage('a case has no id');
    cases.push(c);
  }
  const results = new Array(cases.length);
  let next = 0;
  let emitted = 0;
  const flush = () => {
    while (emitted < cases.length && results[emitted] !== undefined) {
      process.stdout.write(JSON.stringify({ id: cases[emitted].id, result: results[emitted] }) + '\n');
      results[emitted] = null;
      emitted++;
    }
  };
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await runCase(normCase(cases[i]), o.timeout);
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, cases.length || 1) }, worker));
  flush();
  await closeAll();
  if (mismatches) process.stderr.write(`oracle: ${mismatches} replay cross-check mismatch(es)\n`);
}

const opts = parseArgs(process.argv.slice(2));
(opts.one ? mainOne(opts) : mainBatch(opts)).catch((e) => {
  process.stderr.write(`node-oracle: ${e.stack || e}\n`);
  process.exit(2);
});
