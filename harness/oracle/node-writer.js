#!/usr/bin/env node
'use strict';
// node-writer.js: what Node 20's real `http` module writes for a scenario of OutgoingMessage
// calls (doc/cli.md section 3, `h1 write`), recorded from a real connection.
//
// Usage
//   node harness/oracle/node-writer.js [SCENARIO.json|-]
//     prints {"bytes": "...", "error": null | {"code", "message", "call"}} (exit 0 / 1, 2 on
//     a usage error), plus "results": [{"call", "value"}, ...] when the scenario queries the
//     header store: the same object `h1 write` prints.
//   node harness/oracle/node-writer.js --batch < scenarios.jsonl > results.jsonl
//     input lines {"id", "scenario"}; output lines {"id", "result"} in input order.
//
// How a scenario runs
//   "response": a real http.createServer (options: keepAliveTimeout, uniqueHeaders,
//     rejectNonStandardBodyWrites, maxRequestsPerSocket, requireHostHeader) on 127.0.0.1; a raw
//     net client sends `request` (latin1) and records every byte it receives. The calls run
//     synchronously inside the 'request' listener (or 'checkContinue' is left unhandled, so
//     Node writes its automatic `100 Continue` first, as a plain server does).
//   "request": http.request(options) against a raw net server that records every byte it
//     receives. `agent` "global" is http.globalAgent, "new" a fresh http.Agent(), false is
//     false; every agent's connection goes to the recording server, whatever host and port the
//     options name (so Host is what the options say).
//   Strings are latin1: write/end data is written with the 'latin1' encoding, unless the call
//     names one (args[1]: "utf8", null for Node's default, ...) or says "buffer": true (the
//     chunk is then Buffer.from(args[0], 'latin1')). The encoding decides how Node sends a head
//     that goes out with the chunk: UTF-8 with a 'utf8' or default string, else latin1.
//   Queries (getHeader, hasHeader, getHeaderNames, getRawHeaderNames, getHeaders) record what
//   they return, with every header value as String(value) (arrays item by item) and undefined
//   as null, since the wire and h1's writer keep header values as strings.
//   A call that throws stops the scenario: error = {code, message, call: index}. A throw from
//   http.request itself (before any call) has call -1. Bytes are what reached the socket.
//   The connection is closed by the recorder once Node is done: after 'finish' (or right after
//   the calls when end() was not called), plus a short quiet period.
const http = require('http');
const net = require('net');
const fs = require('fs');

let realPort = 0; // the request-kind recording server
const origCreateConnection = http.Agent.prototype.createConnection;
http.Agent.prototype.createConnection = function (opts, cb) {
  return origCreateConnection.call(this, { ...opts, host: '127.0.0.1', port: realPort }, cb);
};

function latin1(s) { return Buffer.from(s, 'latin1'); }

const QUERIES = new Set(['getHeader', 'hasHeader', 'getHeaderNames', 'getRawHeaderNames',
  'getHeaders']);

// A query's result as `h1 write` reports it.
function headerValue(v) {
  if (v === undefined) return null;
  return Array.isArray(v) ? v.map(String) : String(v);
}
function queryValue(op, v) {
  if (op === 'getHeader') return headerValue(v);
  if (op === 'getHeaders') {
    const o = {};
    for (const k of Object.keys(v)) o[k] = headerValue(v[k]);
    return o;
  }
  return v;
}

// Runs one call; records a query's result in `results`.
function applyCall(obj, call, i, results) {
  const op = call.op;
  const args = (call.args || []).slice();
  if (op === 'set') {
    obj[args[0]] = args[1];
    return;
  }
  if ((op === 'write' || op === 'end') && typeof args[0] === 'string') {
    if (call.buffer) args[0] = latin1(args[0]);
    else if (args.length < 2) args.push('latin1');
  }
  if (typeof obj[op] !== 'function') throw new Error('no such op: ' + op);
  const v = obj[op](...args);
  if (QUERIES.has(op)) results.push({ call: i, value: queryValue(op, v) });
}

function resultOf(bytes, error, results) {
  const r = { bytes: Buffer.concat(bytes).toString('latin1'), error };
  if (results.length) r.results = results;
  return r;
}

function errOf(e, i) {
  return { code: e.code || e.name, message: e.message, call: i };
}

function quiet(ms) { return new Promise((r) => setTimeout(r, ms)); }

function runResponse(sc) {
  return new Promise((resolve) => {
    const o = sc.options || {};
    const sopts = {};
    for (const k of ['uniqueHeaders', 'rejectNonStandardBodyWrites', 'requireHostHeader',
      'keepAliveTimeout', 'maxRequestsPerSocket']) {
      if (o[k] !== undefined) sopts[k] = o[k];
    }
    const server = http.createServer(sopts);
    if (o.keepAliveTimeout !== undefined) server.keepAliveTimeout = o.keepAliveTimeout;
    if (o.maxRequestsPerSocket !== undefined) server.maxRequestsPerSocket = o.maxRequestsPerSocket;
    let error = null;
    let serverSock = null;
    const chunks = [];
    let done = false;
    let handled = false;
    const results = [];
    function finish() {
      if (done) return;
      done = true;
      server.close();
      resolve(resultOf(chunks, error, results));
    }
    server.on('connection', (s) => { serverSock = s; });
    server.on('request', (req, res) => {
      if (handled) return; // only the first request's response is scripted
      handled = true;
      res.on('error', () => {});
      const calls = sc.calls || [];
      for (let i = 0; i < calls.length; i++) {
        try {
          applyCall(res, calls[i], i, results);
        } catch (e) {
          error = errOf(e, i);
          break;
        }
      }
      const close = () => setImmediate(() => quiet(20).then(() => serverSock.end()));
      if (res.writableEnded && !error) res.on('finish', close);
      else close();
    });
    server.listen(0, '127.0.0.1', () => {
      const c = net.connect(server.address().port, '127.0.0.1', () => {
        c.write(latin1(sc.request || 'GET / HTTP/1.1\r\nHost: a\r\n\r\n'));
      });
      c.on('data', (d) => chunks.push(d));
      c.on('end', () => { c.end(); finish(); });
      c.on('close', finish);
      c.on('error', finish);
    });
    setTimeout(() => { if (serverSock) serverSock.destroy(); finish(); }, 5000);
  });
}

function runRequest(sc) {
  return new Promise((resolve) => {
    const chunks = [];
    let done = false;
    let error = null;
    let peer = null;
    const results = [];
    const server = net.createServer((s) => {
      peer = s;
      s.on('data', (d) => chunks.push(d));
      s.on('end', () => s.end());
      s.on('error', () => {});
    });
    function finish() {
      if (done) return;
      done = true;
      if (peer) peer.destroy();
      server.close();
      resolve(resultOf(chunks, error, results));
    }
    server.listen(0, '127.0.0.1', () => {
      realPort = server.address().port;
      const o = { ...(sc.options || {}) };
      if (o.agent === 'global' || o.agent === undefined) o.agent = http.globalAgent;
      else if (o.agent === 'new') o.agent = new http.Agent();
      let req;
      try {
        req = http.request(o);
      } catch (e) {
        error = errOf(e, -1);
        setTimeout(finish, 50);
        return;
      }
      req.on('error', () => {});
      const calls = sc.calls || [];
      for (let i = 0; i < calls.length; i++) {
        try {
          applyCall(req, calls[i], i, results);
        } catch (e) {
          error = errOf(e, i);
          break;
        }
      }
      // Node writes once the socket connects; wait for that, then for quiet.
      const settle = () => quiet(60).then(() => { req.destroy(); setTimeout(finish, 20); });
      if (req.writableEnded && !error) req.on('finish', settle);
      else {
        req.on('socket', (s) => {
          if (s.connecting) s.once('connect', settle);
          else settle();
        });
      }
    });
    setTimeout(finish, 5000);
  });
}

function run(sc) {
  if (sc.kind === 'request') return runRequest(sc);
  return runResponse(sc);
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--batch') {
    const lines = fs.readFileSync(0, 'utf8').split('\n').filter((l) => l.trim());
    // Request scenarios share the patched agent port: run those one at a time.
    const out = new Array(lines.length);
    const items = lines.map((l) => JSON.parse(l));
    const resp = [];
    for (let i = 0; i < items.length; i++) {
      if (items[i].scenario.kind !== 'request') resp.push(i);
    }
    const conc = 16;
    let next = 0;
    async function worker() {
      while (next < resp.length) {
        const i = resp[next++];
        out[i] = await run(items[i].scenario);
      }
    }
    await Promise.all(Array.from({ length: conc }, worker));
    for (let i = 0; i < items.length; i++) {
      if (items[i].scenario.kind === 'request') out[i] = await run(items[i].scenario);
    }
    let s = '';
    for (let i = 0; i < items.length; i++) {
      s += JSON.stringify({ id: items[i].id, result: out[i] }) + '\n';
    }
    process.stdout.write(s, () => process.exit(0));
    return;
  }
  const file = argv[0] && argv[0] !== '-' ? argv[0] : 0;
  let sc;
  try {
    sc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    process.stderr.write('node-writer: ' + e.message + '\n');
    process.exit(2);
  }
  const r = await run(sc);
  process.stdout.write(JSON.stringify(r) + '\n', () => process.exit(r.error ? 1 : 0));
}

main();
