#!/usr/bin/env node
// node-get.js -- Node's half of `h1 get --json` (CONTRACT.md section 4): one
// http.request() (agent: false, as `h1 get` uses no agent reuse) and one
// JSON line describing what Node's client observed.
//
//   node node-get.js URL [-X METHOD] [-H 'Name: value']... [-d DATA | --data-binary @FILE]
//        [--insecure-http-parser] [--max-header-size N]
//        [--join-duplicate-headers] [--timeout-ms MS]
//        [--local-address ADDR] [--family 4|6] [--abort-ms MS]
//                                 --abort-ms: an AbortController's signal,
//                                 aborted MS ms after the request starts
//                                 (0: already aborted when it starts)
//   node node-get.js --batch      one JSON argument list per input line
//                                 (["URL", "-X", "HEAD"]), one output line
//                                 each, in order
'use strict';
const http = require('http');
const readline = require('readline');

function parseArgs(argv) {
  const a = { method: null, headers: {}, data: null, insecure: false,
              maxHeaderSize: undefined, join: false, timeout: 3000, url: null,
              localAddress: undefined, family: undefined, abortMs: undefined };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '-X') a.method = argv[++i];
    else if (x === '-H') {
      const h = argv[++i], c = h.indexOf(':');
      const name = h.slice(0, c), value = h.slice(c + 1).replace(/^[ \t]+/, '');
      const key = Object.keys(a.headers).find((k) => k.toLowerCase() === name.toLowerCase());
      if (key === undefined) a.headers[name] = value;
      else a.headers[key] = [].concat(a.headers[key], value);
    } else if (x === '-d') a.data = argv[++i];
    else if (x === '--data-binary') {
      const v = argv[++i];
      a.data = v[0] === '@' ? require('fs').readFileSync(v.slice(1)).toString('latin1') : v;
    }
    else if (x === '--insecure-http-parser') a.insecure = true;
    else if (x === '--max-header-size') a.maxHeaderSize = Number(argv[++i]);
    else if (x === '--join-duplicate-headers') a.join = true;
    else if (x === '--timeout-ms') a.timeout = Number(argv[++i]);
    else if (x === '--local-address') a.localAddress = argv[++i];
    else if (x === '--family') a.family = Number(argv[++i]);
    else if (x === '--abort-ms') a.abortMs = Number(argv[++i]);
    else a.url = x;
  }
  return a;
}

function headersOf(obj) {
  // res.headers as a plain JSON object (key order as Node built it)
  const o = {};
  for (const k of Object.keys(obj)) o[k] = obj[k];
  return o;
}

function get(argv) {
  return new Promise((resolve) => {
    const a = parseArgs(argv);
    const out = { status: null, statusMessage: null, httpVersion: null, rawHeaders: null,
                  headers: null, trailers: null, rawTrailers: null, body_b64: null,
                  complete: null, error: null, informational: [], upgrade: false };
    const body = [];
    let res = null, done = false, timer = null;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (res) {
        out.status = res.statusCode;
        out.statusMessage = res.statusMessage;
        out.httpVersion = res.httpVersion;
        out.rawHeaders = res.rawHeaders;
        out.headers = headersOf(res.headers);
        out.trailers = headersOf(res.trailers);
        out.rawTrailers = res.rawTrailers;
        out.body_b64 = Buffer.concat(body).toString('base64');
        out.complete = res.complete;
      }
      req.destroy();
      resolve(JSON.stringify(out));
    };
    const onError = (e) => {
      if (!out.error) out.error = { code: e.code || 'ERR', message: e.message };
      setImmediate(finish);
    };
    const opts = { method: a.method || (a.data !== null ? 'POST' : 'GET'), headers: a.headers,
                   agent: false, insecureHTTPParser: a.insecure,
                   joinDuplicateHeaders: a.join };
    if (a.maxHeaderSize !== undefined) opts.maxHeaderSize = a.maxHeaderSize;
    if (a.localAddress !== undefined) opts.localAddress = a.localAddress;
    if (a.family !== undefined) opts.family = a.family;
    let ac = null;
    if (a.abortMs !== undefined) {
      ac = new AbortController();
      opts.signal = ac.signal;
      if (a.abortMs === 0) ac.abort();
      else setTimeout(() => ac.abort(), a.abortMs);
    }
    let req;
    try {
      req = http.request(a.url, opts);
    } catch (e) { // what http.request() throws (ERR_INVALID_IP_ADDRESS...)
      out.error = { code: e.code || 'ERR', message: e.message };
      resolve(JSON.stringify(out));
      return;
    }
    req.on('information', (info) => out.informational.push(info.statusCode));
    req.on('response', (r) => {
      res = r;
      r.on('data', (c) => body.push(c));
      r.on('end', () => setImmediate(finish));
      r.on('error', onError);
      r.on('aborted', () => {});
    });
    const onUpgrade = (r, socket) => {
      res = r;
      out.upgrade = true;
      socket.destroy();
      setImmediate(finish);
    };
    req.on('upgrade', onUpgrade);
    req.on('connect', onUpgrade);
    req.on('error', onError);
    req.on('close', () => setTimeout(finish, 20));
    timer = setTimeout(() => {
      if (!out.error) out.error = { code: 'TIMEOUT', message: 'deadline passed' };
      finish();
    }, a.timeout);
    if (a.data !== null) req.end(a.data, 'latin1');
    else req.end();
  });
}

async function main() {
  if (process.argv[2] === '--batch') {
    const rl = readline.createInterface({ input: process.stdin });
    const lines = [];
    for await (const line of rl) if (line.trim()) lines.push(JSON.parse(line));
    // a few at a time: a loaded machine must not push requests past their deadline
    const outs = new Array(lines.length);
    let next = 0;
    const worker = async () => {
      while (next < lines.length) {
        const i = next++;
        outs[i] = await get(lines[i]);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    process.stdout.write(outs.map((o) => o + '\n').join(''));
  } else {
    process.stdout.write((await get(process.argv.slice(2))) + '\n');
  }
}

main();
