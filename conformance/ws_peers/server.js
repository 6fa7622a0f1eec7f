// server.js -- the npm `ws` package's WebSocketServer for test_ws.py.
//
//   node server.js [SPEC]
//
// SPEC is JSON: {"maxPayload": N, "protocols": [..] (the first one offered
// that is in this list is chosen), "commands": bool}.  It listens on
// 127.0.0.1, port 0, prints `listening 127.0.0.1:PORT` and echoes every
// message back as it came (text as text, binary as binary).  With
// "commands", a text message "close CODE REASON" makes it close with that
// code and reason, "terminate" drops the socket (no close frame), and
// "ping DATA" sends a ping; anything else is echoed.  A plain HTTP request
// gets ws's 426.
'use strict';

const { WebSocketServer } = require('ws');

const spec = JSON.parse(process.argv[2] || '{}');
const opts = { host: '127.0.0.1', port: 0, perMessageDeflate: false };
if (spec.maxPayload) opts.maxPayload = spec.maxPayload;
if (spec.protocols) {
  opts.handleProtocols = (offered) => {
    for (const p of spec.protocols) if (offered.has(p)) return p;
    return false;
  };
}
const wss = new WebSocketServer(opts);
wss.on('listening', () => {
  process.stdout.write(`listening 127.0.0.1:${wss.address().port}\n`);
});
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    if (spec.commands && !isBinary) {
      const s = data.toString('utf8');
      let m;
      if ((m = /^close (\d+) ?(.*)$/s.exec(s))) return ws.close(Number(m[1]), m[2]);
      if (s === 'close') return ws.close();
      if (s === 'terminate') return ws.terminate();
      if ((m = /^ping ?(.*)$/s.exec(s))) return ws.ping(Buffer.from(m[1]));
    }
    ws.send(data, { binary: isBinary });
  });
  ws.on('error', () => {});
});
process.on('SIGTERM', () => process.exit(0));
