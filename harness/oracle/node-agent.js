#!/usr/bin/env node
// node-agent.js -- Node's half of `h1 get`'s Agent scenarios (harness/cli/get_agent.c):
//
//   node node-agent.js [--keep-alive] [--max-sockets N] [--max-total-sockets N]
//        [--max-free-sockets N] [--fifo] [@MS] URL... [, [@MS] URL...]...
//
// The URLs run in waves separated by a lone ",": a wave's requests start 100 ms apart, in
// order, and the next wave starts 200 ms after all have ended; all go through one http.Agent. One
// JSON line per request, in order: {"url", "status", "reused", "error"}. "@MS" before a URL gives
// that request an AbortController's signal, aborted MS ms after the request starts.
'use strict';
const http = require('http');

const opts = {};
const waves = [[]];
const argv = process.argv.slice(2);
let abortMs;
for (let i = 0; i < argv.length; i++) {
  const x = argv[i];
  if (x === '--keep-alive') opts.keepAlive = true;
  else if (x === '--fifo') opts.scheduling = 'fifo';
  else if (x === '--max-sockets') opts.maxSockets = Number(argv[++i]);
  else if (x === '--max-total-sockets') opts.maxTotalSockets = Number(argv[++i]);
  else if (x === '--max-free-sockets') opts.maxFreeSockets = Number(argv[++i]);
  else if (x === ',') waves.push([]);
  else if (x[0] === '@') abortMs = Number(x.slice(1));
  else {
    waves[waves.length - 1].push({ url: x, abortMs });
    abortMs = undefined;
  }
}
const agent = new http.Agent(opts);

function one({ url, abortMs }) {
  return new Promise((resolve) => {
    const out = { url, status: -1, reused: false, error: null };
    let settled = false;
    const done = () => { if (!settled) { settled = true; resolve(out); } };
    const opts = { agent, timeout: 10000 };
    if (abortMs !== undefined) {
      const ac = new AbortController();
      opts.signal = ac.signal;
      if (abortMs === 0) ac.abort();
      else setTimeout(() => ac.abort(), abortMs);
    }
    const req = http.request(url, opts);
    req.on('socket', () => { out.reused = req.reusedSocket; });
    req.on('response', (res) => {
      out.status = res.statusCode;
      out.reused = req.reusedSocket;
      res.on('data', () => {});
      res.on('end', () => setImmediate(done));
      res.on('error', (e) => { if (!out.error) out.error = e.code; done(); });
    });
    req.on('error', (e) => { if (!out.error) out.error = e.code; setImmediate(done); });
    req.on('close', () => setTimeout(done, 20));
    req.end();
  });
}

async function main() {
  // a request waiting in the Agent's queue holds no handle, and free sockets are unref'd:
  // keep the process alive until every request has ended
  const alive = setInterval(() => {}, 1000);
  const lines = [];
  for (let w = 0; w < waves.length; w++) {
    const wave = waves[w];
    // the previous wave's closes are seen first
    if (w) await new Promise((r) => setTimeout(r, 200));
    const ps = [];
    for (let i = 0; i < wave.length; i++) {
      if (i) await new Promise((r) => setTimeout(r, 100));
      ps.push(one(wave[i]));
    }
    for (const o of await Promise.all(ps)) lines.push(o);
  }
  process.stdout.write(lines.map((o) => JSON.stringify(o) + '\n').join(''));
  agent.destroy();
  clearInterval(alive);
}

main();
