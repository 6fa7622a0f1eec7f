'use strict';
// Node's answer for one input, as the canonical event log the C feeding
// harness (core/test/support/feed.c) prints.  It drives Node's own parser
// binding (llhttp 9.3.1 + node_http_parser.cc) and reproduces what Node's
// JavaScript does around it:
//   - requests: a server with an 'upgrade' listener (onHeadersComplete
//     returns 2 when llhttp reports an upgrade, CONNECT included);
//   - responses: ClientRequest's parserOnIncomingClient for a request of the
//     given method (2 for upgrade/CONNECT, 1 for 1xx, HEAD and 304);
//   - maxHeadersCount and the headers object: parserOnHeaders' collection
//     limit and IncomingMessage._addHeaderLines (the real class).
//
// Usage: node probe.js [--res] [--method M] [--lenient N] [--mhs N]
//                      [--mhc N] [--join] [--view] [--chunk N] [--json]
//                      'JS-escaped input'
// Lenient bits (same values as H1_LENIENT_*): headers=1, chunked_length=2,
// keep_alive=4, transfer_encoding=8, version=16, data_after_close=32,
// optional_lf_after_cr=64, optional_crlf_after_chunk=128,
// optional_cr_before_lf=256, spaces_after_chunk_size=512.
//
// Log grammar (events joined by " | "):
//   HEAD <METHOD> "<url>" <maj>.<min> <headers> ka|close [upgrade]
//        [100-continue] [VIEW ...]
//   HEAD <status> "<reason>" <maj>.<min> <headers> ka|close [upgrade] [VIEW]
//   BODY "<bytes>"                 adjacent pieces merged
//   END [<trailers> [VIEW ...]]
//   UPGRADE @<offset of the first byte not parsed as HTTP>
//   ERR <code> "<reason>" @<absolute offset>
//   EOF                            after finish() (the peer closed)
// <headers> is ["Name" "value"]... (values as Node presents them, trailing
// OWS trimmed) or []; VIEW raw=<rawHeaders pairs> {"key":"v","k2":["a","b"]}.
// Strings escape " \ \r \n \t, other bytes outside 0x20-0x7e as \xHH, and a
// run of 16 or more equal bytes as \{N} followed by the byte.

process.noDeprecation = true;
const binding = process.binding('http_parser');
const { HTTPParser, allMethods } = binding;
const { IncomingMessage } = require('http');

function esc1(c) {
  if (c === 0x22) return '\\"';
  if (c === 0x5c) return '\\\\';
  if (c === 0x0d) return '\\r';
  if (c === 0x0a) return '\\n';
  if (c === 0x09) return '\\t';
  if (c >= 0x20 && c <= 0x7e) return String.fromCharCode(c);
  return '\\x' + c.toString(16).padStart(2, '0');
}

function q(s) {
  let out = '"';
  for (let i = 0; i < s.length;) {
    const c = s.charCodeAt(i) & 0xff;
    let j = i + 1;
    while (j < s.length && (s.charCodeAt(j) & 0xff) === c) j++;
    if (j - i >= 16) {
      out += '\\{' + (j - i) + '}' + esc1(c);
      i = j;
    } else {
      out += esc1(c);
      i++;
    }
  }
  return out + '"';
}

function hdrs(flat) {
  if (flat.length === 0) return '[]';
  let s = '';
  for (let i = 0; i < flat.length; i += 2)
    s += '[' + q(flat[i]) + ' ' + q(flat[i + 1]) + ']';
  return s;
}

function viewObj(obj) {
  const parts = [];
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    parts.push(q(k) + ':' +
               (Array.isArray(v) ? '[' + v.map(q).join(',') + ']' : q(v)));
  }
  return '{' + parts.join(',') + '}';
}

// opts: {type:'req'|'res', method, lenient, mhs, mhc, join, view, chunk}
function run(input, opts = {}) {
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input, 'latin1');
  const isRes = opts.type === 'res';
  const method = opts.method || 'GET';
  const p = new HTTPParser();
  p.initialize(isRes ? HTTPParser.RESPONSE : HTTPParser.REQUEST, {},
               opts.mhs || 0, opts.lenient || 0);
  // Node's JS state around the parser.
  const maxHeaderPairs =
      typeof opts.mhc === 'number' ? opts.mhc << 1 : 2000;
  let collected = [];  // parser._headers (limited)
  let all = [];        // every line the binding flushed (for the log)
  let url = '';
  let inHead = true;
  let upgraded = false;  // Node checks parser.incoming.upgrade after execute
  const ev = [];
  let body = null;
  const flushBody = () => {
    if (body !== null) { ev.push('BODY ' + q(body)); body = null; }
  };
  p[HTTPParser.kOnHeaders] = (h, u) => {
    if (maxHeaderPairs <= 0 || collected.length < maxHeaderPairs)
      collected.push(...h);
    all.push(...h);
    url += u;
  };
  p[HTTPParser.kOnHeadersComplete] =
      (ma, mi, h, m, u, sc, sm, upgrade, ka) => {
    flushBody();
    let raw;
    if (h === undefined) {
      raw = collected;
      u = url;
    } else {
      raw = h;
      all = h.slice();
    }
    let ret = 0;
    if (!isRes) {
      ret = upgrade ? 2 : 0;
    } else if (upgrade) {
      ret = 2;
    } else if (method === 'CONNECT') {
      ret = 2;
      upgrade = true;
    } else if (sc >= 100 && sc < 200 && sc !== 101) {
      ret = 1;
    } else if (method === 'HEAD' || sc === 304) {
      ret = 1;
    }
    let line = 'HEAD ' + (isRes ? String(sc) + ' ' + q(sm) :
                                  allMethods[m] + ' ' + q(u));
    line += ' ' + ma + '.' + mi + ' ' + hdrs(all) + ' ' +
            (ka ? 'ka' : 'close') + (ret === 2 ? ' upgrade' : '');
    if (!isRes) {
      // _http_server: continueExpression on the merged headers.expect
      const all2 = new IncomingMessage(null);
      all2._addHeaderLines(raw, raw.length);
      const e = all2.headers.expect;
      if (e !== undefined && /(?:^|\W)100-continue(?:$|\W)/i.test(e))
        line += ' 100-continue';
    }
    if (opts.view) {
      let n = raw.length;
      if (maxHeaderPairs > 0) n = Math.min(n, maxHeaderPairs);
      const msg = new IncomingMessage(null);
      msg.joinDuplicateHeaders = !!opts.join;
      msg._addHeaderLines(raw, n);
      line += ' VIEW raw=' + (raw.length / 2) + ' ' + viewObj(msg.headers);
    }
    ev.push(line);
    collected = [];
    all = [];
    url = '';
    inHead = false;
    if (ret === 2) upgraded = true;
    return ret;
  };
  p[HTTPParser.kOnBody] = (b) => {
    body = (body || '') + b.toString('latin1');
  };
  p[HTTPParser.kOnMessageComplete] = () => {
    flushBody();
    let line = 'END';
    if (all.length) {
      line += ' ' + hdrs(all);
      if (opts.view) {
        const msg = new IncomingMessage(null);
        msg.joinDuplicateHeaders = !!opts.join;
        msg.complete = true;
        msg._addHeaderLines(collected, collected.length);
        line += ' VIEW raw=' + (collected.length / 2) + ' ' +
                viewObj(msg.trailers);
      }
    }
    ev.push(line);
    collected = [];
    all = [];
    url = '';
    inHead = true;
  };
  const chunk = opts.chunk || buf.length || 1;
  let off = 0, done = false;
  for (; off < buf.length; off += chunk) {
    const piece = buf.subarray(off, off + chunk);
    const r = p.execute(piece);
    if (r instanceof Error) {
      flushBody();
      ev.push('ERR ' + r.code + ' ' + q(r.reason) + ' @' +
              (off + r.bytesParsed));
      done = true;
      break;
    }
    if (upgraded || r !== piece.length) {
      flushBody();
      // llhttp paused for an upgrade (HPE_PAUSED_UPGRADE; a 101 without
      // Upgrade headers pauses too, and Node drops the rest of the read).
      ev.push('UPGRADE @' + (off + r));
      done = true;
      break;
    }
  }
  if (!done) {
    const f = p.finish();
    flushBody();
    if (f instanceof Error)
      ev.push('ERR ' + f.code + ' ' + q(f.reason) + ' @' +
              (buf.length + f.bytesParsed));
    ev.push('EOF');
  }
  void inHead;
  return ev.join(' | ');
}

module.exports = { run, q, esc1 };

if (require.main === module) {
  const a = process.argv.slice(2);
  const opts = {};
  let input = null;
  for (let i = 0; i < a.length; i++) {
    switch (a[i]) {
    case '--res': opts.type = 'res'; break;
    case '--method': opts.method = a[++i]; break;
    case '--lenient': opts.lenient = +a[++i]; break;
    case '--mhs': opts.mhs = +a[++i]; break;
    case '--mhc': opts.mhc = +a[++i]; break;
    case '--join': opts.join = true; break;
    case '--view': opts.view = true; break;
    case '--chunk': opts.chunk = +a[++i]; break;
    default:
      // eslint-disable-next-line no-eval
      input = eval('"' + a[i] + '"');
    }
  }
  if (input === null) {
    console.error('usage: probe.js [options] \'JS-escaped input\'');
    process.exit(2);
  }
  console.log(run(input, opts));
}
