// client.js -- a WebSocket client for test_ws.py: Node 20's own WebSocket
// (run with --experimental-websocket) or the npm `ws` package's.
//
//   node [--experimental-websocket] client.js node|ws URL SPEC|@FILE
//
// SPEC (or the file's text) is JSON: {"protocols": [..], "send": [{"binary": bool, "data": b64}],
//                "expect": N, "close": [code, reason] | [code] | [] | null,
//                "ping": b64 (ws only)}
// On open it sends every message of `send`; once `expect` messages have
// arrived it calls close(...close) (when `close` is not null); it prints
// every event as one JSON line (the same lines as `h1 ws --events`) and
// exits after 'close', or after 20 s with {"ev":"timeout"}.
'use strict';

const [impl, url, specArg] = process.argv.slice(2);
const specText = specArg && specArg.startsWith('@') ? require('fs').readFileSync(specArg.slice(1), 'utf8') : specArg;
const spec = JSON.parse(specText || '{}');
const out = (o) => process.stdout.write(JSON.stringify(o) + '\n');

let WS;
if (impl === 'ws') {
  WS = require('ws').WebSocket;
} else {
  WS = globalThis.WebSocket;
}

const protocols = spec.protocols || [];
let ws;
try {
  ws = impl === 'ws' ? new WS(url, protocols, { perMessageDeflate: false }) : new WS(url, protocols);
} catch (e) {
  out({ ev: 'throw', name: e.name });
  process.exit(0); // nothing large was written
}
ws.binaryType = 'arraybuffer';

let received = 0;
let closing = false;
const expect = spec.expect || 0;

function maybeClose() {
  if (closing || spec.close === null || spec.close === undefined) return;
  if (received < expect) return;
  closing = true;
  ws.close(...spec.close);
}

ws.addEventListener('open', () => {
  out({ ev: 'open', protocol: ws.protocol, extensions: ws.extensions });
  for (const m of spec.send || []) {
    const b = Buffer.from(m.data, 'base64');
    ws.send(m.binary ? b : b.toString('utf8'));
  }
  if (spec.ping !== undefined && impl === 'ws') ws.ping(Buffer.from(spec.ping, 'base64'));
  maybeClose();
});
ws.addEventListener('message', (e) => {
  received++;
  const binary = typeof e.data !== 'string';
  const data = binary ? Buffer.from(e.data) : Buffer.from(e.data, 'utf8');
  out({ ev: 'message', binary, data: data.toString('base64') });
  maybeClose();
});
ws.addEventListener('error', () => {
  out({ ev: 'error' });
});
ws.addEventListener('close', (e) => {
  out({ ev: 'close', code: e.code, reason: e.reason, wasClean: e.wasClean });
  process.stdout.write('', () => process.exit(0)); // once stdout is flushed
});
if (impl === 'ws') {
  ws.on('pong', (d) => out({ ev: 'pong', data: d.toString('base64') }));
}
setTimeout(() => {
  out({ ev: 'timeout' });
  process.exit(0);
}, 20000).unref();
