// node-serve.js -- the reference for `h1 serve --echo-json` (CONTRACT.md
// section 2): a Node http.Server with the echo-json handler, the fixed
// Upgrade / CONNECT echo, and the options given as `h1 serve` flags.
//
//   node node-serve.js [--headers-timeout MS] [--max-requests-per-socket N] ...
//                      [--tls-cert PEM --tls-key PEM]  (https.Server, ALPN http/1.1)
//
// Listens on 127.0.0.1, a free port, and prints `listening 127.0.0.1:PORT`.
'use strict';
const http = require('http');
const https = require('https');
const fs = require('fs');

const opts = {};
const props = {};
const tls = {};
const argv = process.argv.slice(2);
const num = (v) => Number(v);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const next = () => argv[++i];
  switch (a) {
    case '--echo-json': case '--port': case '--threads':
      if (a !== '--echo-json') next();
      break;
    case '--max-header-size': opts.maxHeaderSize = num(next()); break;
    case '--insecure': opts.insecureHTTPParser = true; break;
    case '--join-duplicate-headers': opts.joinDuplicateHeaders = true; break;
    case '--no-require-host-header': opts.requireHostHeader = false; break;
    case '--headers-timeout': opts.headersTimeout = num(next()); break;
    case '--request-timeout': opts.requestTimeout = num(next()); break;
    case '--connections-checking-interval':
      opts.connectionsCheckingInterval = num(next()); break;
    case '--keep-alive-timeout': props.keepAliveTimeout = num(next()); break;
    case '--max-requests-per-socket':
      props.maxRequestsPerSocket = num(next()); break;
    case '--max-headers-count': props.maxHeadersCount = num(next()); break;
    case '--timeout': props.timeout = num(next()); break;
    case '--unique-headers': opts.uniqueHeaders = next().split(','); break;
    case '--tls-cert': tls.cert = fs.readFileSync(next()); break;
    case '--tls-key': tls.key = fs.readFileSync(next()); break;
    case '--reject-non-standard-body-writes':
      opts.rejectNonStandardBodyWrites = true; break;
    default:
      process.stderr.write('node-serve.js: unknown option ' + a + '\n');
      process.exit(2);
  }
}

const b64 = (s) => Buffer.from(s, 'latin1').toString('base64');
const handler = (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const headers = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      headers.push([b64(req.rawHeaders[i]), b64(req.rawHeaders[i + 1])]);
    const obj = {
      method: b64(req.method), uri: b64(req.url), version: b64(req.httpVersion),
      headers, body: Buffer.concat(chunks).toString('base64'),
    };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(obj));
  });
};
const server = tls.cert
  ? https.createServer({ ...opts, ...tls, ALPNProtocols: ['http/1.1'] }, handler)
  : http.createServer(opts, handler);
Object.assign(server, props);

function echo(answer) {
  return (req, sock, head) => {
    sock.write(answer);
    if (head.length) sock.write(head);
    sock.on('data', (d) => sock.write(d));
    sock.on('end', () => sock.end());
    sock.on('error', () => sock.destroy());
  };
}
server.on('upgrade', echo('HTTP/1.1 101 Switching Protocols\r\n' +
  'Connection: Upgrade\r\nUpgrade: echo\r\n\r\n'));
server.on('connect', echo('HTTP/1.1 200 Connection Established\r\n\r\n'));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write('listening 127.0.0.1:' + server.address().port + '\n');
});
process.on('SIGTERM', () => { server.close(); server.closeAllConnections(); process.exit(0); });
