'use strict';
// conn_server_bytes.js: records what a real Node server writes for the
// cases of core/test/test_conn_server.c (the handler reads each request
// and answers at its 'end' with res.end('ok')).  Prints one C string per case,
// with the Date value replaced by "X", for pasting into the test.
// Usage: node core/test/tools/conn_server_bytes.js
const http = require('http');
const net = require('net');

const ext = 'a'.repeat(17000);
const G = 'GET / HTTP/1.1\r\nHost: a\r\n\r\n';
const P3 = 'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc';
const cases = [
  ['plain', {}, 'GET / HTTP/1.1\r\nHost: a\r\n\r\n'],
  ['no_host', {}, 'GET / HTTP/1.1\r\n\r\n'],
  ['continue', {}, 'POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi'],
  ['expect_other', {}, 'GET / HTTP/1.1\r\nHost: a\r\nExpect: foo\r\n\r\n'],
  ['max_requests', { maxRequestsPerSocket: 1 }, 'GET / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n'],
  ['bad_header', {}, 'GET / HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n'],
  ['overflow', { maxHeaderSize: 100 }, 'GET / HTTP/1.1\r\nHost: a\r\nX: ' + 'a'.repeat(200) + '\r\n\r\n'],
  ['chunk_ext', {}, 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;' + ext + '\r\n'],
  ['http10', {}, 'GET / HTTP/1.0\r\n\r\n'],
  ['close', {}, 'GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n'],
  ['pipelined', {}, 'GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n'],
  ['head', {}, 'HEAD / HTTP/1.1\r\nHost: a\r\n\r\n'],
  ['upgrade_no_listener', {}, 'GET / HTTP/1.1\r\nHost: a\r\nUpgrade: ws\r\nConnection: upgrade\r\n\r\n'],
  // parsing ahead: an error later in the same read ({sync: true}: the
  // handler answers at 'request' instead of at 'end')
  ['ahead_error', {}, G + 'G@T / HTTP/1.1\r\n\r\n'],
  ['ahead_close', {}, 'GET / HTTP/1.0\r\n\r\n' + G],
  ['ahead_body_first', {}, P3 + 'G@T / HTTP/1.1\r\n\r\n'],
  ['ahead_body_later', {}, G + P3 + 'G@T / HTTP/1.1\r\n\r\n'],
  ['ahead_overflow', { maxHeaderSize: 100 }, G + 'GET / HTTP/1.1\r\nX: ' + 'a'.repeat(200) + '\r\n\r\n'],
  ['ahead_incomplete', {}, G + 'GET / HT'],
  ['ahead_expect', {}, 'GET / HTTP/1.1\r\nHost: a\r\nExpect: foo\r\n\r\nG@T / HTTP/1.1\r\n\r\n'],
  ['ahead_no_host', {}, 'GET / HTTP/1.1\r\n\r\nG@T / HTTP/1.1\r\n\r\n'],
  ['ahead_sync_error', { sync: true }, G + 'G@T / HTTP/1.1\r\n\r\n'],
  ['ahead_sync_body', { sync: true }, P3 + 'G@T / HTTP/1.1\r\n\r\n'],
  ['ahead_sync_queued', { sync: true }, G + G + 'G@T / HTTP/1.1\r\n\r\n'],
  ['ahead_connect', {}, G + 'CONNECT a:1 HTTP/1.1\r\nHost: a:1\r\n\r\n'],
  ['ahead_connect_sync', { sync: true }, G + 'CONNECT a:1 HTTP/1.1\r\nHost: a:1\r\n\r\n'],
  ['ahead_upgrade', {}, G + 'GET / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: x\r\n\r\nG@T / HTTP/1.1\r\n\r\n'],
];

function run(i) {
  if (i >= cases.length) return;
  const [name, opts, input] = cases[i];
  const server = http.createServer(opts, (req, res) => {
    req.resume();
    const answer = () => res.end(req.method === 'HEAD' ? undefined : 'ok');
    if (opts.sync) answer();
    else req.on('end', answer);
  });
  if (opts.maxRequestsPerSocket) server.maxRequestsPerSocket = opts.maxRequestsPerSocket;
  server.listen(0, '127.0.0.1', () => {
    const s = net.connect(server.address().port, '127.0.0.1');
    const got = [];
    s.on('data', (d) => got.push(d));
    s.on('connect', () => s.write(input));
    const done = () => {
      const out = Buffer.concat(got).toString('latin1')
        .replace(/Date: [^\r]*/g, 'Date: X');
      console.log(name + ': ' + JSON.stringify(out));
      s.destroy();
      server.close();
      run(i + 1);
    };
    s.on('close', done);
    setTimeout(() => s.destroy(), 400);
  });
}
run(0);
