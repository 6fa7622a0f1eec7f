#!/usr/bin/python3
"""Fills expect.node (and derives expect.strict) in every corpus sidecar from the Node oracle.

For every corpus/cases/<category>/<id>.json it runs harness/oracle/node-oracle.js (one batch)
on the .http bytes with the case's mode, method and options, then writes

    expect.node   = {"outcome": "accept" if error is null else "reject", "code": error.code}
    expect.strict = expect.node, except where the strict profile rejects more (request mode):
        - a request message with httpVersion 0.9 or 2.0           -> HPE_INVALID_VERSION
        - a request with more than one Host field line              -> HPE_STRICT
        - an HTTP/1.0 request with a Transfer-Encoding field        -> HPE_INVALID_TRANSFER_ENCODING
        - an Expect value containing "100-continue" that is not exactly "100-continue"
          (case-insensitive, OWS trimmed)                           -> HPE_STRICT
        - a request Transfer-Encoding whose last coding is not chunked
                                                                    -> HPE_INVALID_TRANSFER_ENCODING
      The first message (in order) that breaks a rule decides; the strict profile rejects it
      before dispatching it. The rules apply with --insecure too, except the last: a
      leniency the caller turned on (H1_LENIENT_TRANSFER_ENCODING) is honoured.
    and writes conformance/strict-differences.json: those rules with a reason each, and the
    corpus cases each rule decides (the conformance suite's one source for strict differences).

Where a sidecar carries a "spec" verdict (from the spec tables) that differs from the oracle,
the difference is printed: those are the places to hand-check. Exit status 1 if any exist and
--fail-on-spec-diff is given.

    /usr/bin/python3 corpus/tools/expect_from_oracle.py [--corpus corpus/cases] [--node node]
"""

import argparse
import base64
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))


def load_cases(corpus):
    cases = []
    for path in sorted(glob.glob(os.path.join(corpus, '*', '*.json'))):
        with open(path, encoding='utf-8') as f:
            side = json.load(f)
        with open(path[:-5] + '.http', 'rb') as f:
            data = f.read()
        cases.append((path, side, data))
    return cases


def oracle_line(side, data):
    o = side.get('options') or {}
    line = {'id': side['id'], 'input_b64': base64.b64encode(data).decode('ascii'),
            'mode': side.get('mode', 'request')}
    if line['mode'] == 'response':
        line['method'] = side.get('method') or 'GET'
    if o.get('insecure'):
        line['insecure'] = True
    if o.get('max_header_size') is not None:
        line['max_header_size'] = o['max_header_size']
    if o.get('max_headers_count') is not None:
        line['max_headers_count'] = o['max_headers_count']
    if o.get('join_duplicate_headers'):
        line['join_duplicate_headers'] = True
    return line


def run_oracle(node, lines):
    script = os.path.join(ROOT, 'harness', 'oracle', 'node-oracle.js')
    p = subprocess.run([node, script], input=''.join(json.dumps(l) + '\n' for l in lines),
                       capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit('oracle failed (%d): %s' % (p.returncode, p.stderr))
    if p.stderr:
        sys.stderr.write(p.stderr)
    out = {}
    for l in p.stdout.splitlines():
        r = json.loads(l)
        out[r['id']] = r['result']
    return out


def verdict(result):
    e = result['error']
    return {'outcome': 'accept' if e is None else 'reject', 'code': None if e is None else e['code']}


# The strict profile's deliberate differences from node, with the reason for each. They are
# written to conformance/strict-differences.json (rules + the corpus cases each one decides),
# the one place the conformance suite reads them from.
STRICT_RULES = {
    'version-0.9-or-2.0': {
        'code': 'HPE_INVALID_VERSION',
        'reason': 'HTTP/0.9 request lines (llhttp #877: a bare LF after a version-less request line '
                  'still parses headers and a body) and HTTP/2.0 request lines are not HTTP/1.x; '
                  'a front end and a back end can frame them differently.'},
    'duplicate-host': {
        'code': 'HPE_STRICT',
        'reason': 'RFC 9110 7.2 / RFC 9112 3.2: a request with more than one Host line must be '
                  'rejected (400); Node accepts it and a proxy may route on the other one.'},
    'te-on-http10': {
        'code': 'HPE_INVALID_TRANSFER_ENCODING',
        'reason': 'RFC 9112 6.1: Transfer-Encoding in an HTTP/1.0 request means the framing is '
                  'faulty; Node decodes it as chunked (a TE.CL desync surface).'},
    'obfuscated-expect': {
        'code': 'HPE_STRICT',
        'reason': 'Node answers 100 Continue to any Expect value containing 100-continue '
                  '(`y 100-continue`): the obfuscated-Expect desync of Kettle 2025. Strict takes '
                  'only the exact token (case-insensitive, OWS trimmed).'},
    'te-not-chunked-last': {
        'code': 'HPE_INVALID_TRANSFER_ENCODING',
        'reason': 'RFC 9112 6.3: a request whose last transfer coding is not chunked cannot be '
                  'framed; Node dispatches the message before rejecting it, strict rejects it '
                  'before dispatch. Honoured leniency: not applied with --insecure.'},
}


def strict_violation(msg, insecure=False):
    """The STRICT_RULES id a request message breaks, or None."""
    if 'method' not in msg:
        return None
    if msg['httpVersion'] in ('0.9', '2.0'):
        return 'version-0.9-or-2.0'
    raw = msg['rawHeaders']
    names = [raw[i].lower() for i in range(0, len(raw), 2)]
    if names.count('host') > 1:
        return 'duplicate-host'
    te = [raw[i + 1] for i in range(0, len(raw), 2) if raw[i].lower() == 'transfer-encoding']
    if te and msg['httpVersion'] == '1.0':
        return 'te-on-http10'
    for i in range(0, len(raw), 2):
        if raw[i].lower() == 'expect':
            v = raw[i + 1].strip(' \t').lower()
            if '100-continue' in v and v != '100-continue':
                return 'obfuscated-expect'
    if te and not insecure:
        # RFC 9110 5.6.1: empty list elements do not count (`chunked, ` ends in chunked)
        codings = [x.strip(' \t').lower() for x in ','.join(te).split(',') if x.strip(' \t')]
        if not codings or codings[-1] != 'chunked':
            return 'te-not-chunked-last'
    return None


def strict_rule(side, result):
    """The rule that makes strict differ from node on this case, or None."""
    if side.get('mode', 'request') == 'request':
        for m in result['messages']:
            rule = strict_violation(m, side.get('options', {}).get('insecure', False))
            if rule:
                return rule
    return None


def strict_verdict(side, result):
    rule = strict_rule(side, result)
    if rule:
        return {'outcome': 'reject', 'code': STRICT_RULES[rule]['code']}
    return verdict(result)


def write_strict_differences(path, decided):
    doc = {'about': 'Deliberate differences of h1 parse --profile strict from the node profile. '
                    'A corpus case listed under "cases" must be rejected by strict with its '
                    "rule's code; every other case must get node's verdict. Written by "
                    'corpus/tools/expect_from_oracle.py from the Node oracle.',
           'rules': STRICT_RULES, 'cases': dict(sorted(decided.items()))}
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write('\n')


def main():
    ap = argparse.ArgumentParser(description='fill corpus expectations from the Node oracle')
    ap.add_argument('--corpus', default=os.path.join(ROOT, 'corpus', 'cases'))
    ap.add_argument('--node', default='node')
    ap.add_argument('--fail-on-spec-diff', action='store_true')
    ap.add_argument('--strict-differences', default=os.path.join(ROOT, 'conformance', 'strict-differences.json'),
                    help='where to write the strict profile\'s differences ("" to skip)')
    args = ap.parse_args()
    cases = load_cases(args.corpus)
    ids = [s['id'] for _, s, _ in cases]
    if len(set(ids)) != len(ids):
        sys.exit('duplicate case ids in the corpus')
    results = run_oracle(args.node, [oracle_line(s, d) for _, s, d in cases])
    diffs = 0
    stats = {}
    decided = {}
    for path, side, data in cases:
        res = results[side['id']]
        node = verdict(res)
        strict = strict_verdict(side, res)
        rule = strict_rule(side, res)
        if rule:
            decided[side['id']] = rule
        spec = side.get('spec')
        if spec and (spec['outcome'], spec['code']) != (node['outcome'], node['code']):
            diffs += 1
            print('SPEC DIFF %s/%s: spec %s %s, oracle %s %s' % (
                side['category'], side['id'], spec['outcome'], spec['code'], node['outcome'], node['code']))
        side['expect'] = {'node': node, 'strict': strict}
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(side, f, indent=2, ensure_ascii=False)
            f.write('\n')
        st = stats.setdefault(side['category'], [0, 0, 0])
        st[0 if node['outcome'] == 'accept' else 1] += 1
        st[2] += strict != node
    if args.strict_differences:
        write_strict_differences(args.strict_differences, decided)
    print('%-24s %6s %6s %13s' % ('category', 'accept', 'reject', 'strict-differs'))
    for k in sorted(stats):
        print('%-24s %6d %6d %13d' % (k, *stats[k]))
    print('%d cases, %d spec differences' % (len(cases), diffs))
    return 1 if diffs and args.fail_on_spec_diff else 0


if __name__ == '__main__':
    sys.exit(main())
