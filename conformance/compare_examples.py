#!/usr/bin/python3
"""Differential check of `h1 parse` against the Node oracle on every corpus case.

For each case under corpus/cases/ it asks the Node oracle (harness/oracle/node-oracle.js, one
batch) what Node 20 makes of the bytes, runs `h1 parse` with the case's mode and options (once
whole, and once per --chunk value, default 1), and compares the parsed JSON objects for
equality (the whole object) and the exit status (0 when error is null, 1 otherwise). With
--strict it also runs `h1 parse --profile strict` and checks the sidecar's expect.strict
(outcome and code), and that an accepted input parses exactly as in the node profile.

Prints per-category counts and every disagreement (escaped input bytes, both outputs, a
command that reproduces it); exits 1 on any disagreement, 2 on a usage or setup error.

    /usr/bin/python3 conformance/compare_examples.py [--h1 build/harness/h1]
    # stand-in until the CLI exists (the oracle accepts `parse` and `--chunk`):
    /usr/bin/python3 conformance/compare_examples.py --h1 "node harness/oracle/node-oracle.js"

Stdlib only.
"""

import argparse
import base64
import concurrent.futures
import glob
import json
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..'))


def escape_bytes(data, limit=600):
    out = []
    for b in data[:limit]:
        c = chr(b)
        if c == '\r':
            out.append('\\r')
        elif c == '\n':
            out.append('\\n')
        elif c == '\t':
            out.append('\\t')
        elif c == '\\':
            out.append('\\\\')
        elif 0x20 <= b < 0x7f:
            out.append(c)
        else:
            out.append('\\x%02x' % b)
    s = ''.join(out)
    if len(data) > limit:
        s += '... (%d bytes in all)' % len(data)
    return s


def load_cases(corpus, only):
    cases = []
    for path in sorted(glob.glob(os.path.join(corpus, '*', '*.json'))):
        with open(path, encoding='utf-8') as f:
            side = json.load(f)
        http = path[:-5] + '.http'
        if only and not any(o in side['id'] or o == side['category'] for o in only):
            continue
        with open(http, 'rb') as f:
            data = f.read()
        cases.append({'side': side, 'data': data, 'file': os.path.relpath(http, os.getcwd())})
    return cases


def parse_flags(side):
    """The `h1 parse` flags for a case (also understood by the oracle's --one mode)."""
    o = side.get('options') or {}
    flags = []
    if side.get('mode') == 'response':
        flags += ['--response', '--method', side.get('method') or 'GET']
    if o.get('insecure'):
        flags.append('--insecure')
    if o.get('max_header_size') is not None:
        flags += ['--max-header-size', str(o['max_header_size'])]
    if o.get('max_headers_count') is not None:
        flags += ['--max-headers-count', str(o['max_headers_count'])]
    if o.get('join_duplicate_headers'):
        flags.append('--join-duplicate-headers')
    return flags


def oracle_batch(node, cases):
    lines = []
    for c in cases:
        side = c['side']
        o = side.get('options') or {}
        line = {'id': side['id'], 'input_b64': base64.b64encode(c['data']).decode('ascii'),
                'mode': side.get('mode', 'request')}
        if line['mode'] == 'response':
            line['method'] = side.get('method') or 'GET'
        for k in ('insecure', 'max_header_size', 'max_headers_count', 'join_duplicate_headers'):
            if o.get(k) is not None and o.get(k) is not False:
                line[k] = o[k]
        lines.append(json.dumps(line))
    script = os.path.join(ROOT, 'harness', 'oracle', 'node-oracle.js')
    try:
        p = subprocess.run([node, script], input='\n'.join(lines) + '\n', capture_output=True,
                           text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        sys.stderr.write('compare_examples: cannot run the oracle: %s\n' % e)
        sys.exit(2)
    if p.returncode != 0:
        sys.stderr.write('compare_examples: oracle failed (%d): %s\n' % (p.returncode, p.stderr))
        sys.exit(2)
    if p.stderr.strip():
        sys.stderr.write(p.stderr)
    res = {}
    for l in p.stdout.splitlines():
        r = json.loads(l)
        res[r['id']] = r['result']
    return res


def run_h1(h1, args, timeout):
    argv = h1 + ['parse'] + args
    try:
        p = subprocess.run(argv, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {'argv': argv, 'rc': None, 'out': None, 'raw': '', 'err': 'timed out after %ss' % timeout}
    except OSError as e:
        return {'argv': argv, 'rc': None, 'out': None, 'raw': '', 'err': str(e)}
    raw = p.stdout.decode('utf-8', 'replace')
    try:
        out = json.loads(raw)
    except ValueError:
        out = None
    return {'argv': argv, 'rc': p.returncode, 'out': out, 'raw': raw,
            'err': p.stderr.decode('utf-8', 'replace').strip()}


def verdict(obj):
    e = obj.get('error') if isinstance(obj, dict) else None
    return ('accept', None) if e is None else ('reject', e.get('code'))


def main():
    ap = argparse.ArgumentParser(description='compare h1 parse with the Node oracle on the corpus')
    ap.add_argument('--h1', default=os.path.join('build', 'harness', 'h1'),
                    help='the h1 program, or a command line (split like a shell would)')
    ap.add_argument('--corpus', default=os.path.join(ROOT, 'corpus', 'cases'))
    ap.add_argument('--node', default='node')
    ap.add_argument('--chunk', action='append', type=int,
                    help='also run with --chunk N (repeatable; default: 1)')
    ap.add_argument('--no-chunk', action='store_true', help='only run with the whole input')
    ap.add_argument('--strict', action='store_true', help='also check --profile strict')
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 4)
    ap.add_argument('--timeout', type=float, default=20.0, help='seconds per h1 run')
    ap.add_argument('--only', action='append', help='case id substring or category (repeatable)')
    ap.add_argument('--max-report', type=int, default=50, help='disagreements printed in full')
    args = ap.parse_args()

    h1 = shlex.split(args.h1)
    if len(h1) == 1 and not os.path.exists(h1[0]) and os.sep in h1[0]:
        sys.stderr.write('compare_examples: %s does not exist (build it, or pass --h1)\n' % h1[0])
        return 2
    chunks = [] if args.no_chunk else (args.chunk or [1])
    cases = load_cases(args.corpus, args.only)
    if not cases:
        sys.stderr.write('compare_examples: no cases under %s\n' % args.corpus)
        return 2
    oracle = oracle_batch(args.node, cases)

    jobs = []  # (case, label, argv-args, kind)
    for c in cases:
        flags = parse_flags(c['side'])
        jobs.append((c, 'whole', flags + [c['file']], 'node'))
        for n in chunks:
            jobs.append((c, '--chunk %d' % n, flags + ['--chunk', str(n), c['file']], 'node'))
        if args.strict:
            jobs.append((c, '--profile strict', ['--profile', 'strict'] + flags + [c['file']], 'strict'))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        runs = list(ex.map(lambda j: run_h1(h1, j[2], args.timeout), jobs))

    stats = {}
    problems = []
    stale = []
    for (c, label, _, kind), r in zip(jobs, runs):
        side = c['side']
        want = oracle.get(side['id'])
        st = stats.setdefault(side['category'], {'cases': set(), 'runs': 0, 'bad': 0})
        st['cases'].add(side['id'])
        st['runs'] += 1
        why = None
        if want is None:
            why = 'the oracle gave no answer'
        elif r['out'] is None:
            why = 'h1 printed no JSON object (exit %s%s)' % (r['rc'], ': ' + r['err'] if r['err'] else '')
        elif kind == 'node':
            if r['out'] != want:
                why = 'output differs'
            elif r['rc'] != (0 if r['out'].get('error') is None else 1):
                why = 'exit status %s does not match error' % r['rc']
        else:
            exp = side.get('expect', {}).get('strict')
            got = verdict(r['out'])
            node_rejects = want is not None and want.get('error') is not None
            if exp and got[0] == 'reject' and node_rejects:
                pass  # both reject: where node rejects, strict's code is ours
            elif exp and got != (exp['outcome'], exp['code']):
                why = 'strict verdict %s %s, expected %s %s' % (got + (exp['outcome'], exp['code']))
            elif got[0] == 'accept' and r['out'] != want:
                why = 'strict accepted but parsed differently from node'
        if kind == 'node' and label == 'whole' and want is not None:
            exp = side.get('expect', {}).get('node')
            if exp and verdict(want) != (exp['outcome'], exp['code']):
                stale.append(side['id'])
        if why:
            st['bad'] += 1
            problems.append((c, label, r, want, why))

    for c, label, r, want, why in problems[:args.max_report]:
        side = c['side']
        print('=' * 78)
        print('DISAGREE %s/%s [%s]: %s' % (side['category'], side['id'], label, why))
        print('  input:  "%s"' % escape_bytes(c['data']))
        print('  oracle: %s' % json.dumps(want, ensure_ascii=True))
        print('  h1:     %s' % (json.dumps(r['out'], ensure_ascii=True) if r['out'] is not None
                                else repr(r['raw'][:400])))
        if r['err']:
            print('  h1 stderr: %s' % r['err'][:400])
        print('  repro:  %s' % ' '.join(shlex.quote(a) for a in r['argv']))
        print('          %s %s --one %s' % (args.node, shlex.quote(os.path.relpath(
            os.path.join(ROOT, 'harness', 'oracle', 'node-oracle.js'))),
            ' '.join(shlex.quote(a) for a in parse_flags(side) + [c['file']])))
    if len(problems) > args.max_report:
        print('... %d more disagreements not shown' % (len(problems) - args.max_report))
    if stale:
        print('note: %d sidecar(s) have an expect.node the oracle no longer gives (rerun '
              'corpus/tools/expect_from_oracle.py): %s' % (len(stale), ' '.join(stale[:20])))

    print('%-24s %6s %6s %6s' % ('category', 'cases', 'runs', 'bad'))
    for k in sorted(stats):
        s = stats[k]
        print('%-24s %6d %6d %6d' % (k, len(s['cases']), s['runs'], s['bad']))
    total_bad = len(problems)
    print('%d cases, %d runs, %d disagreements' % (len(cases), len(jobs), total_bad))
    return 1 if total_bad else 0


if __name__ == '__main__':
    sys.exit(main())
