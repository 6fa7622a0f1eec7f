#!/usr/bin/python3
"""Fills expect.node (and derives expect.strict) in every corpus sidecar from the Node oracle.

For every corpus/cases/<category>/<id>.json it runs harness/oracle/node-oracle.js (one batch)
on the .http bytes with the case's mode, method and options, then writes

    expect.node   = {"outcome": "accept" if error is null else "reject", "code": error.code}
    expect.strict = expect.node, except where the strict profile rejects more: the rules of
        STRICT_RULES below (README, "The strict profile"), modelled on the oracle's view of each
        message (rawHeaders, rawTrailers, url, upgrade, the messages after it) and, for the
        header count, the bytes of the first head.  The first message (in order) that breaks a
        rule decides, and within it the rules in wire order; the strict profile rejects it
        before dispatching it.  The rules apply with --insecure too unless they say otherwise.
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
    'te-one-chunked-line': {
        'code': 'HPE_INVALID_TRANSFER_ENCODING',
        'reason': 'Issue 15 classes 1-2 (RFC 9112 6.1, 6.3; RFC 9110 5.3): a Transfer-Encoding '
                  'line is one whatever its value, and a message (request or response) has '
                  'exactly one, whose value is `chunked` (any case, OWS trimmed). Node reads an '
                  'empty value as no TE (so `Content-Length` frames: CL.TE), and joins '
                  '`identity` + `chunked` lines or takes `,chunked` / `gzip, chunked` as chunked, '
                  'where other hops read no body. Honoured leniency: not applied with --insecure.'},
    'connection-option': {
        'code': 'HPE_STRICT',
        'reason': 'Issue 15 class 4 (RFC 9110 7.6.1): a Connection or Proxy-Connection option '
                  'naming Content-Length, Transfer-Encoding or Host makes a hop that honours it '
                  'drop that field and forward the body as a request (CVE-2022-45059); a value '
                  'that is not a list of tokens (`x close`) is read differently by hops that '
                  'split on spaces. An Upgrade whose `Connection: upgrade` precedes an HTAB, '
                  'which llhttp 9.3.1 misses (no upgrade) and others see (a tunnel), too.'},
    'connection-close-htab': {
        'code': 'HPE_CLOSED_CONNECTION',
        'reason': 'Issue 15 class 8: `Connection: close` padded with HTAB means close (OWS '
                  'trimmed, as llhttp 9.4.2 reads it); Node keeps the connection and reads the '
                  'bytes after the message as the next request, a hop that closes does not.'},
    'host-and-target': {
        'code': 'HPE_STRICT',
        'reason': 'Issue 15 class 5 (RFC 9110 7.2, RFC 9112 3.2, 3.2.2): a Host value that is not '
                  'host[:port] (`a@b`, `a/b`, `a\\b`, `a b`, `a, b`), an absolute-form target '
                  'whose authority is not Host or that comes with no Host, userinfo in the '
                  'target, and Host, Content-Length or Transfer-Encoding in trailers: a proxy '
                  'routes on one reading, the back end on the other.'},
    'body-on-bodiless-or-upgrade': {
        'code': 'HPE_STRICT',
        'reason': 'Issue 15 classes 6 and 8 (RFC 9110 9.3, 7.8): a GET, HEAD, DELETE, OPTIONS, '
                  'TRACE or CONNECT request with Content-Length > 0 or Transfer-Encoding, and an '
                  'Upgrade request with a body: hops that treat the method as bodiless, or '
                  'switch protocols after the head, read the body as the next request (CL.0). '
                  'DELETE and OPTIONS bodies have an opt-in flag (not in --insecure).'},
    'expect-more-than-one-line': {
        'code': 'HPE_STRICT',
        'reason': 'Issue 15 class 7 (RFC 9110 10.1.1): `Expect: foo` and `Expect: 100-continue` '
                  'on two lines combine into a value strict rejects on one line; Node answers '
                  '100 Continue to it.'},
    'headers-past-max-headers-count': {
        'code': 'HPE_HEADER_OVERFLOW',
        'reason': 'Issue 15 class 9: past maxHeadersCount (1000 lines when unset) Node silently '
                  'drops lines from `headers`, so a proxy-appended X-Forwarded-For or the only '
                  'Host can vanish; strict rejects the head instead (Node\'s 431 class).'},
}

BODILESS = ('GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT')
TCHAR = set(b'!#$%&\'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')


def max_lines(side):
    """The head lines Node merges into `headers` (view.c's h1_node_header_counts), or None."""
    mhc = (side.get('options') or {}).get('max_headers_count')
    if mhc is None:
        return 1000
    pairs = ((mhc * 2 + 2**31) % 2**32) - 2**31  # a 32-bit int, as in Node
    return pairs // 2 if pairs > 0 else None


def wire_head_lines(data):
    """Field lines of the first head in the bytes (Node's rawHeaders may have dropped some)."""
    head = data.split(b'\r\n\r\n', 1)[0]
    return max(0, head.count(b'\r\n'))


def connection_rule(value):
    """value: a Connection / Proxy-Connection value as Node gives it (trailing OWS trimmed)."""
    for member in value.split(','):
        t = member.strip(' \t')
        if t and not all(ord(c) in TCHAR for c in t):
            return 'connection-option'
        if t.lower() in ('content-length', 'transfer-encoding', 'host'):
            return 'connection-option'
    return None


def host_ok(v):
    import re
    return re.fullmatch(r'(?:[A-Za-z0-9._~-]*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{0,5})?', v) is not None and \
        not v.startswith(':')


def target_authority(url, connect):
    import re
    if connect:
        return url
    m = re.match(r'[A-Za-z]+://([^/?#]*)', url)
    return m.group(1) if m else None


def strict_violation(msg, insecure=False, side=None, first=False, data=b'', more=False):
    """The STRICT_RULES id a message breaks, or None: the rules in the order the strict profile
    meets them on the wire (the request line, each field line, the head, the trailers)."""
    request = 'method' in msg
    if request and msg['httpVersion'] in ('0.9', '2.0'):
        return 'version-0.9-or-2.0'
    raw = msg['rawHeaders']
    lines = [(raw[i], raw[i + 1]) for i in range(0, len(raw), 2)]
    limit = max_lines(side or {})
    hosts = te_lines = expects = 0
    for i, (name, value) in enumerate(lines):
        n = name.lower()
        if limit is not None and i >= limit:
            return 'headers-past-max-headers-count'
        if n in ('connection', 'proxy-connection') and connection_rule(value):
            return connection_rule(value)
        if n == 'transfer-encoding':
            if request and msg['httpVersion'] == '1.0':
                return 'te-on-http10'
            te_lines += 1
            if not insecure and (te_lines > 1 or value.strip(' \t').lower() != 'chunked'):
                return 'te-one-chunked-line'
        if not request:
            continue
        if n == 'host':
            hosts += 1
            if hosts > 1:
                return 'duplicate-host'
            auth = target_authority(msg['url'], False)
            if not host_ok(value) or (auth is not None and auth.split('@')[-1].lower() != value.lower()):
                return 'host-and-target'
        if n == 'expect':
            expects += 1
            if expects > 1:
                return 'expect-more-than-one-line'
            v = value.strip(' \t').lower()
            if '100-continue' in v and v != '100-continue':
                return 'obfuscated-expect'
    if limit is not None and first and wire_head_lines(data) > limit:
        return 'headers-past-max-headers-count'
    if request:
        auth = target_authority(msg['url'], msg['method'] == 'CONNECT')
        if auth is not None and '@' in auth:
            return 'host-and-target'
        if hosts == 0 and target_authority(msg['url'], False) is not None:
            return 'host-and-target'
        names = [n.lower() for n, _ in lines]
        conn = [t.strip(' \t').lower() for n, v in lines if n.lower() in ('connection', 'proxy-connection')
                for t in v.split(',')]
        ups = [v for n, v in lines if n.lower() == 'upgrade' and v]
        if ups and 'upgrade' in conn and not msg.get('upgrade'):
            return 'connection-option'
        cl = [v.strip(' \t') for n, v in lines if n.lower() == 'content-length']
        body = 'transfer-encoding' in names or (cl and cl[0].isdigit() and int(cl[0]) > 0)
        if body and (msg['method'] in BODILESS or ups):
            return 'body-on-bodiless-or-upgrade'
    for i in range(0, len(msg.get('rawTrailers') or []), 2):
        if msg['rawTrailers'][i].lower() in ('host', 'content-length', 'transfer-encoding'):
            return 'host-and-target'
    if more and not insecure:
        conn = [t.strip(' \t').lower() for n, v in lines if n.lower() in ('connection', 'proxy-connection')
                for t in v.split(',')]
        if 'close' in conn:
            return 'connection-close-htab'
    return None


def strict_rule(side, result, data=b''):
    """The rule that makes strict differ from node on this case, or None."""
    insecure = (side.get('options') or {}).get('insecure', False)
    msgs = result['messages']
    for k, m in enumerate(msgs):
        rule = strict_violation(m, insecure, side, k == 0, data, k + 1 < len(msgs))
        if rule:
            return rule
    return None


def strict_verdict(side, result, data=b''):
    rule = strict_rule(side, result, data)
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
        strict = strict_verdict(side, res, data)
        rule = strict_rule(side, res, data)
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
