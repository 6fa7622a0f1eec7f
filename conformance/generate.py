#!/usr/bin/python3
"""Generative conformance: random HTTP/1 streams built from the corpus grammar, mutated at the
byte level, compared between h1 parse and the Node oracle.

    /usr/bin/python3 conformance/generate.py --count N --seed S [--results FILE] [--no-write]

Each input is 1-3 pipelined requests (or a response, with interim 1xx, to GET/HEAD/CONNECT/
POST) assembled from the grammar of corpus/tools/make_grown_cases.py (methods, targets,
versions, Host/Connection/Expect/Upgrade/merge-rule headers, Content-Length or chunked bodies
with extensions and trailers), then mutated: the special bytes (CR LF NUL HTAB SP VT FF DEL
0x80 0xA0 0xFF : ; , ") inserted or overwritten at random places, bytes deleted, lines
duplicated, the stream truncated; sometimes with insecureHTTPParser, a small maxHeaderSize,
maxHeadersCount or joinDuplicateHeaders. Every input is run whole, with a random --chunk (1, 2,
3 or 7), with a random split (split_shim.c), and with --profile strict (order only: strict
rejects whatever node rejects, and when it accepts it parses exactly as node).

Every disagreement is minimized (bytes removed while h1 still disagrees with the oracle) and
written as a corpus case under corpus/cases/generated/ (unless --no-write) with its sidecar
filled from the oracle, before anything is fixed. Results go to a JSON Lines file.
"""

import argparse
import concurrent.futures
import json
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', 'corpus', 'tools'))
import h1conf  # noqa: E402

SPECIAL = [b'\r', b'\n', b'\x00', b'\t', b' ', b'\x0b', b'\x0c', b'\x7f', b'\x80', b'\xa0', b'\xff', b':', b';',
           b',', b'"']

METHODS = ['GET', 'GET', 'GET', 'POST', 'POST', 'POST', 'PUT', 'HEAD', 'OPTIONS', 'DELETE', 'PATCH', 'CONNECT',
           'M-SEARCH', 'FOO']
TARGETS = ['/', '/', '/a', '/a?b=c', '*', 'http://a/x', '/%41', '/a#f']
VERSIONS = ['HTTP/1.1'] * 8 + ['HTTP/1.0', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9']
HEADERS = ['Host: a', 'Host: b', 'X-A: 1', 'x-a: 2', 'Set-Cookie: s1', 'Cookie: c1', 'Connection: close',
           'Connection: keep-alive', 'Connection: upgrade', 'Upgrade: websocket', 'Expect: 100-continue',
           'Expect: y 100-continue', 'Content-Type: text/plain', 'Location: /x', 'Age: 1', 'Trailer: T',
           'Content-Length: 0', 'Link: <a>', 'TE: trailers',
           '__proto__: x', 'X-Empty:', 'X-Long: ' + 'v' * 40]
STATUS = ['200 OK', '200 OK', '201 Created', '204 No Content', '304 Not Modified', '404 Not Found', '500 E',
          '101 Switching Protocols', '200', '302 Found']
INFO = ['100 Continue', '102 Processing', '103 Early Hints', '199 X']


def body_part(rng, kind):
    """Framing headers and body bytes."""
    data = ''.join(rng.choice('abcxyz\r\n') for _ in range(rng.choice([0, 1, 3, 5, 10, 30])))
    if kind == 'cl':
        n = len(data) + rng.choice([0, 0, 0, -1, 1, 5])
        return ['Content-Length: %d' % max(0, n)], data
    if kind == 'chunked':
        out = []
        for _ in range(rng.randint(0, 3)):
            piece = ''.join(rng.choice('abc') for _ in range(rng.randint(1, 12)))
            ext = rng.choice(['', '', ';a', ';a=b', ';a="q r"', ';' + 'e' * 20])
            out.append('%x%s\r\n%s\r\n' % (len(piece), ext, piece))
        out.append('0%s\r\n' % rng.choice(['', '', ';z']))
        for _ in range(rng.choice([0, 0, 1, 2])):
            out.append(rng.choice(['T: 1', 'X-A: t', 'Set-Cookie: t', 'Content-Length: 1']) + '\r\n')
        out.append('\r\n')
        te = rng.choice(['chunked'] * 6 + ['gzip, chunked', 'Chunked', 'chunked, identity'])
        return ['Transfer-Encoding: ' + te], ''.join(out)
    if kind == 'both':
        h, b = body_part(rng, 'chunked')
        hs = ['Content-Length: %d' % len(b)] + h
        rng.shuffle(hs)
        return hs, b
    if kind == 'te-other':
        return ['Transfer-Encoding: ' + rng.choice(['gzip', 'identity', 'chunked, gzip'])], data
    if kind == 'eof':
        return [], data
    return [], ''


def gen_request(rng):
    method = rng.choice(METHODS)
    target = 'a:443' if method == 'CONNECT' and rng.random() < 0.8 else rng.choice(TARGETS)
    version = rng.choice(VERSIONS)
    lines = [h for h in rng.sample(HEADERS, rng.randint(0, 5))]
    if rng.random() < 0.8:
        lines.insert(0, 'Host: a')
    kind = rng.choice(['none', 'none', 'cl', 'cl', 'chunked', 'chunked', 'both', 'te-other'])
    fh, body = body_part(rng, kind)
    lines += fh
    rng.shuffle(lines)
    sep = ' ' if rng.random() < 0.95 else rng.choice(['  ', '\t'])
    if version == 'HTTP/0.9':
        return '%s %s\r\n' % (method, target) + ''.join(l + '\r\n' for l in lines) + '\r\n' + body
    return '%s%s%s%s%s\r\n' % (method, sep, target, sep, version) + ''.join(l + '\r\n' for l in lines) + '\r\n' + body


def gen_response(rng, method):
    out = []
    for _ in range(rng.choice([0, 0, 0, 1, 2])):
        out.append('HTTP/1.1 %s\r\n%s\r\n' % (rng.choice(INFO), rng.choice(['', 'Link: <a>\r\n', 'Content-Length: 3\r\n'])))
    version = rng.choice(['HTTP/1.1'] * 6 + ['HTTP/1.0', 'HTTP/2.0', 'HTTP/1.2'])
    status = rng.choice(STATUS)
    lines = [h for h in rng.sample(HEADERS, rng.randint(0, 4)) if not h.startswith('Host')]
    kind = rng.choice(['none', 'cl', 'cl', 'chunked', 'chunked', 'both', 'eof', 'te-other'])
    fh, body = body_part(rng, kind)
    lines += fh
    rng.shuffle(lines)
    out.append('%s %s\r\n' % (version, status) + ''.join(l + '\r\n' for l in lines) + '\r\n' + body)
    if rng.random() < 0.1:
        out.append(rng.choice(['HTTP/1.1 200 OK\r\n\r\n', 'junk', '\r\n', 'H']))
    return ''.join(out)


def mutate(rng, data):
    b = bytearray(data)
    for _ in range(rng.choice([0, 0, 0, 1, 1, 1, 1, 2, 2, 3])):
        op = rng.random()
        pos = rng.randint(0, len(b)) if b else 0
        if op < 0.4:
            b[pos:pos] = rng.choice(SPECIAL)
        elif op < 0.7 and b:
            b[min(pos, len(b) - 1)] = rng.choice(SPECIAL)[0]
        elif op < 0.8 and b:
            del b[min(pos, len(b) - 1)]
        elif op < 0.9:
            # duplicate a line
            lines = bytes(b).split(b'\r\n')
            if len(lines) > 2:
                i = rng.randrange(len(lines))
                lines.insert(i, lines[i])
                b = bytearray(b'\r\n'.join(lines))
        elif b:
            b = b[:pos]
    return bytes(b)


def gen_case(rng, idx, seed):
    opts = {}
    r = rng.random()
    if r < 0.12:
        opts['insecure'] = True
    elif r < 0.16:
        opts['max_header_size'] = rng.choice([40, 64, 100])
    elif r < 0.19:
        opts['max_headers_count'] = rng.choice([1, 2, 3])
    elif r < 0.22:
        opts['join_duplicate_headers'] = True
    if rng.random() < 0.3:
        method = rng.choice(['GET', 'GET', 'HEAD', 'CONNECT', 'POST'])
        data = gen_response(rng, method)
        side = {'id': 'gen-%d-%d' % (seed, idx), 'category': 'generated', 'mode': 'response', 'method': method,
                'options': opts}
    else:
        data = ''.join(gen_request(rng) for _ in range(rng.choice([1, 1, 1, 2, 2, 3])))
        side = {'id': 'gen-%d-%d' % (seed, idx), 'category': 'generated', 'mode': 'request', 'options': opts}
    raw = mutate(rng, data.encode('latin1'))
    return side, raw


# ------------------------------------------------------------------------------------------

def check_one(h1, split, side, data, want, chunk, sseed, tmpdir):
    path = os.path.join(tmpdir, side['id'] + '.http')
    with open(path, 'wb') as f:
        f.write(data)
    flags = h1conf.parse_flags(side)
    runs = [('node', [h1, 'parse'] + flags + [path], None),
            ('chunk-%d' % chunk, [h1, 'parse'] + flags + ['--chunk', str(chunk), path], None),
            ('random-split', [split, 'parse'] + flags + [path], dict(os.environ, H1_SPLIT_SEED=str(sseed))),
            ('strict', [h1, 'parse', '--profile', 'strict'] + flags + [path], None)]
    out = []
    for chk, argv, env in runs:
        r = h1conf.run_h1(argv, env=env)
        why = h1conf.strict_order_why(r, want) if chk == 'strict' else h1conf.compare_exact(r, want)
        out.append((chk, argv, env, r, why))
    os.unlink(path)
    return out


def failing_runs(h1, split, side, data, oracle_res, tmpdir, chunk, sseed):
    return [x for x in check_one(h1, split, side, data, oracle_res, chunk, sseed, tmpdir) if x[4]]


def disagrees(h1, split, side, data, oracle_res, tmpdir, checks, chunk, sseed):
    """True when h1 still disagrees with the oracle on one of `checks` for these bytes."""
    return any(x[0] in checks for x in failing_runs(h1, split, side, data, oracle_res, tmpdir, chunk, sseed))


def minimize(h1, split, side, data, checks, tmpdir, chunk, sseed, rounds=60):
    """Greedy byte-range removal, oracle asked in batches. Returns the smallest input found."""
    cur = data
    size = max(1, len(cur) // 2)
    n = 0
    while size >= 1 and n < rounds:
        n += 1
        cands = []
        for start in range(0, len(cur), size):
            c = cur[:start] + cur[start + size:]
            if c != cur:
                cands.append(c)
        if not cands:
            size //= 2
            continue
        lines = [h1conf.oracle_line('m%d' % i, side, c) for i, c in enumerate(cands)]
        res = h1conf.oracle_batch(lines, use_cache=False)
        found = None
        for i, c in enumerate(cands):
            if disagrees(h1, split, side, c, res['m%d' % i], tmpdir, checks, chunk, sseed):
                found = c
                break
        if found is not None:
            cur = found
            size = min(size, max(1, len(cur) // 2))
        else:
            if size == 1:
                break
            size //= 2
    return cur


def write_case(side, data, oracle_res, corpus):
    import expect_from_oracle as efo
    d = os.path.join(corpus, 'generated')
    os.makedirs(d, exist_ok=True)
    node = efo.verdict(oracle_res)
    strict = efo.strict_verdict(side, oracle_res)
    sc = {'id': side['id'], 'category': 'generated', 'description': side['description'], 'rfc': None,
          'mode': side['mode']}
    if side['mode'] == 'response':
        sc['method'] = side['method']
    sc['options'] = side['options']
    sc['expect'] = {'node': node, 'strict': strict}
    sc['spec'] = None
    sc['source'] = side['source']
    with open(os.path.join(d, side['id'] + '.http'), 'wb') as f:
        f.write(data)
    with open(os.path.join(d, side['id'] + '.json'), 'w', encoding='utf-8') as f:
        json.dump(sc, f, indent=2, ensure_ascii=False)
        f.write('\n')
    return os.path.join(d, side['id'] + '.http')


def main(argv=None):
    ap = argparse.ArgumentParser(description='generative differential run against the Node oracle')
    ap.add_argument('--count', type=int, default=1000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--batch', type=int, default=2500, help='cases per oracle batch')
    ap.add_argument('--results', default=os.path.join(h1conf.CACHE, 'generate.jsonl'))
    ap.add_argument('--no-write', action='store_true', help='do not write disagreements into the corpus')
    ap.add_argument('--corpus', default=h1conf.CORPUS)
    ap.add_argument('--max-minimize', type=int, default=30)
    a = ap.parse_args(argv)

    h1 = os.path.abspath(h1conf.h1_bin())
    if not os.path.exists(h1):
        sys.stderr.write('generate: %s does not exist\n' % h1)
        return 2
    split = h1conf.build_split_driver()
    rng = random.Random(a.seed)
    tmpdir = os.path.join(h1conf.CACHE, 'gen-%d' % os.getpid())
    os.makedirs(tmpdir, exist_ok=True)
    t0 = time.time()
    records = []
    bad = []  # (side, data, oracle, [(chk, ...)])
    done = 0
    while done < a.count:
        n = min(a.batch, a.count - done)
        batch = [gen_case(rng, done + i, a.seed) for i in range(n)]
        res = h1conf.oracle_batch([h1conf.oracle_line(s['id'], s, d) for s, d in batch], use_cache=False)
        jobs = []
        for s, d in batch:
            jobs.append((s, d, res[s['id']], rng.choice(h1conf.CHUNKS), rng.randrange(1 << 31)))
        with concurrent.futures.ThreadPoolExecutor(max_workers=h1conf.JOBS) as ex:
            outs = list(ex.map(lambda j: check_one(h1, split, j[0], j[1], j[2], j[3], j[4], tmpdir), jobs,
                               chunksize=8))
        j_of = {j[0]['id']: (j[3], j[4]) for j in jobs}
        for (s, d, want, _, _), out in zip(jobs, outs):
            fails = [(chk, argv, env, r, why) for chk, argv, env, r, why in out if why]
            for chk, argv, env, r, why in out:
                rec = {'type': 'run', 'case': s['id'], 'category': 'generative', 'check': chk, 'ok': why is None}
                if why:
                    rec.update({'why': why, 'input': h1conf.escape_bytes(d, 2000), 'oracle': want,
                                'h1': r['out'] if r['out'] is not None else r['raw'], 'h1_rc': r['rc'],
                                'mode': s['mode'], 'method': s.get('method'), 'options': s['options']})
                    if env:
                        rec['env'] = {'H1_SPLIT_SEED': env['H1_SPLIT_SEED']}
                records.append(rec)
            if fails:
                bad.append((s, d, want, fails, j_of[s['id']]))
        done += n
        sys.stderr.write('generate: %d/%d cases, %d disagreeing, %.0fs\n' % (done, a.count, len(bad), time.time() - t0))

    # Minimize and write every disagreement as a corpus case (deduplicated by minimized bytes).
    written = []
    seen = set()
    for i, (s, d, want, fails, (chunk, sseed)) in enumerate(bad):
        checks = {f[0] for f in fails}
        if i < a.max_minimize:
            m = minimize(h1, split, s, d, checks, tmpdir, chunk, sseed)
        else:
            m = d
        key = (s['mode'], s.get('method'), json.dumps(s['options'], sort_keys=True), m)
        if key in seen:
            continue
        seen.add(key)
        mres = h1conf.oracle_batch([h1conf.oracle_line('x', s, m)], use_cache=False)['x']
        side = dict(s, description='generative run seed %d: h1 disagreed with Node (%s); minimized from %d to %d bytes'
                    % (a.seed, ', '.join(sorted(checks)), len(d), len(m)),
                    source='conformance/generate.py --seed %d (case %s)' % (a.seed, s['id']))
        if a.no_write:
            path = None
        else:
            path = write_case(side, m, mres, a.corpus)
        written.append(path)
        print('=' * 78)
        print('DISAGREE generated/%s [%s]: %s' % (s['id'], ', '.join(sorted(checks)), fails[0][4]))
        print('  input (minimized): "%s"' % h1conf.escape_bytes(m))
        print('  input (as found):  "%s"' % h1conf.escape_bytes(d, 300))
        mf = failing_runs(h1, split, s, m, mres, tmpdir, chunk, sseed) or fails
        chk, argv, env, hr, why = mf[0]
        print('  check:  %s: %s' % (chk, why))
        print('  oracle: %s' % json.dumps(mres, ensure_ascii=True)[:1500])
        print('  h1:     %s' % (json.dumps(hr['out'], ensure_ascii=True)[:1500] if hr['out'] is not None else repr(hr['raw'][:400])))
        if path:
            rel = os.path.relpath(path, h1conf.ROOT)
            extra = {'chunk-%d' % n: ['--chunk', str(n)] for n in h1conf.CHUNKS}.get(chk, [])
            prog = os.path.relpath(h1, h1conf.ROOT)
            if chk == 'strict':
                extra = ['--profile', 'strict']
            if chk == 'random-split':
                prog = 'H1_SPLIT_SEED=%d $(python3 conformance/h1conf.py --build-split)' % sseed
            print('  repro:  %s parse %s %s' % (prog, ' '.join(h1conf.parse_flags(s) + extra), rel))
            print('          %s' % h1conf.oracle_repro(s, path))
    summary = {'type': 'summary', 'mode': 'generate', 'seed': a.seed, 'cases': a.count,
               'passed': a.count - len(bad), 'failed': len(bad), 'runs': len(records),
               'runs_failed': sum(1 for r in records if not r['ok']), 'corpus_cases_written': len([w for w in written if w]),
               'seconds': round(time.time() - t0, 1),
               'categories': {'generative': {'cases': a.count, 'agreeing': a.count - len(bad), 'disagreeing': len(bad)}}}
    h1conf.write_jsonl(a.results, records, summary)
    try:
        os.rmdir(tmpdir)
    except OSError:
        pass
    print('generative: seed %d, %d cases, %d runs, %d agreeing, %d disagreeing, %d corpus case(s) written' % (
        a.seed, a.count, len(records), a.count - len(bad), len(bad), summary['corpus_cases_written']))
    print('results: %s' % a.results)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
