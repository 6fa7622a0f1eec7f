#!/usr/bin/env node
// node-echo.js -- Node's own http server speaking the echo protocol of
// /work/shared/CONTRACT.md section 2, the reference target for `h1 probe`
// until `h1 serve --echo-json/--echo-raw` joins it.
//
//   node node-echo.js [--echo-json | --echo-raw] [--port N]
//
// Listens on 127.0.0.1 (port 0: a free one) and prints
// `listening 127.0.0.1:PORT` as its first line.  --echo-json answers every
// request with 200 and {"method","uri","version","headers","body"} (base64
// of the raw bytes); an accepted Upgrade gets 101 and a CONNECT 200, then
// every byte is echoed.  --echo-raw answers each connection's requests with
// 200 and the exact bytes the connection has received so far.
'use strict';
const http = require('http');

const args = process.argv.slice(2);
const raw = args.includes('--echo-raw');
const pi = args.indexOf('--port');
const port = pi >= 0 ? Number(args[pi + 1]) : 0;
const b64 = (s) => Buffer.from(s, 'latin1').toString('base64');

const server = http.createServer();
server.on('connection', (sock) => {
  const seen = [];
  sock.on('data', (d) => seen.push(d));
  sock.h1Seen = seen;
});
server.on('request', (req, res) => {
  const body = [];
  req.on('data', (d) => body.push(d));
  req.on('end', () => {
    if (raw) {
      res.end(Buffer.concat(req.socket.h1Seen || []));
      return;
    }
    const headers = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      headers.push([b64(req.rawHeaders[i]), b64(req.rawHeaders[i + 1])]);
    const obj = {
      method: b64(req.method),
      uri: b64(req.url),
      version: b64(req.httpVersion),
      headers,
      body: Buffer.concat(body).toString('base64'),
    };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(obj));
  });
});
const tunnel = (answer) => (req, sock, head) => {
  sock.write(answer);
  if (head.length) sock.write(head);
  sock.on('data', (d) => sock.write(d));
  sock.on('end', () => sock.end());
  sock.on('error', () => {});
};
server.on('upgrade', tunnel('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n'));
server.on('connect', tunnel('HTTP/1.1 200 Connection Established\r\n\r\n'));
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening 127.0.0.1:${server.address().port}\n`);
});
