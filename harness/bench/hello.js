// hello.js -- the Node side of `ci/bench --server`: one http.Server (or
// https.Server with CERT and KEY) on 127.0.0.1:PORT answering every request
// as `h1 serve --hello` does: 200, content-type text/plain, "Hello, World!".
// Node's defaults otherwise (keep-alive timeout 5 s, as h1's).
//
//   node hello.js PORT [CERT KEY]
'use strict';
const fs = require('fs');
const [port, cert, key] = process.argv.slice(2);
const body = Buffer.from('Hello, World!');
const answer = (req, res) => {
  res.setHeader('content-type', 'text/plain');
  res.end(body);
};
const server = cert
  ? require('https').createServer(
      { cert: fs.readFileSync(cert), key: fs.readFileSync(key) }, answer)
  : require('http').createServer(answer);
server.listen(Number(port), '127.0.0.1');
