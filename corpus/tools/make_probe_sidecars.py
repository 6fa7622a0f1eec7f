#!/usr/bin/env python3
"""make_probe_sidecars.py: writes the `probe` block of every request-side sidecar.

`h1 probe` (harness/cli/probe*.c) sends each request-side case to a server and sorts what comes
back into an outcome: `accept` (a response whose status is not a rejection), `reject` (a
rejection status from `reject_status`, or the connection closed or reset with no response).
The block says which outcomes PASS, which WARN, and everything else FAILs:

  "probe": {"allow": [...], "warn": [...], "reject_status": [...], "level": "MUST|SHOULD|MAY",
            "risk": "sentence or null", "smuggling": true|false, "split": [offsets]}

It is computed only from the case's category and Node's outcome (expect.node), never by hand
per case:
  - Node rejects because the input ends inside a message: accept and reject both PASS (a server
    may answer before the body is complete).
  - Node rejects a bare LF or CR line end: reject PASSes, accept WARNs (RFC 9112 §2.2: MAY).
  - Node rejects an invalid field name: reject PASSes, accept WARNs (hiding risk).
  - Node rejects a method it does not know: reject PASSes, accept WARNs (any token is a method).
  - Node rejects a Content-Length or Transfer-Encoding value ending in HTAB: both PASS (trailing
    OWS is valid, RFC 9112 §5; Node rejects it).
  - Node rejects several Content-Length values that are all the same number (no
    Transfer-Encoding): both PASS (RFC 9110 §8.6: MAY accept as one).
  - Node rejects, framing category (smuggling: CL/TE, chunk syntax, ...): reject only, MUST;
    accepting is a FAIL (RFC 9112 §6.3: invalid framing is an unrecoverable error).
  - Node rejects, other category: reject PASSes, accept WARNs (accepted what Node rejects).
  - Node accepts, bare-LF category: reject PASSes, accept WARNs (bare LF accepted).
  - Node accepts, baseline: accept only, MUST.
  - Node accepts, other: accept PASSes, reject WARNs (stricter than Node).
`split` is where the split send cuts the bytes: after the first head, else in the middle.
Cases with parser options (insecure, limits) get no block: they describe a differently
configured Node, not a server as deployed.  Run from anywhere; rewrites the sidecars in place (idempotent).
"""
import glob
import json
import os

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'cases'))

FRAMING = {
    'cl-te', 'cl-cl', 'cl-number', 'te-obfuscation', 'chunk-size', 'chunk-line', 'chunk-terminator',
    'chunk-spill', 'sb-content-length', 'sb-transfer-encoding', 'sb-chunk-line', 'framing-rules',
    'header-hiding', 'llhttp-877', 'cve',
}
BARE_LF = {'bare-lf-cr'}
FRAMING_VALUE = {'HPE_INVALID_CONTENT_LENGTH', 'HPE_INVALID_TRANSFER_ENCODING'}
SAME_CL = {'HPE_INVALID_CONTENT_LENGTH', 'HPE_UNEXPECTED_CONTENT_LENGTH'}
LINE_END = {'HPE_CR_EXPECTED', 'HPE_LF_EXPECTED'}
REJECT = [400, 411, 413, 414, 417, 422, 431, 501, 505]
REJECT_BY_CATEGORY = {
    'limit-header-size': [400, 413, 414, 431, 494],
    'limit-header-count': [400, 413, 431, 494],
    'limits': [400, 413, 414, 431, 494],
    'resource-limits': [400, 413, 414, 431, 494],
    'limit-content-length': [400, 413],
    'methods': [400, 405, 501],
}


def same_content_lengths(head):
    """True when the head has no Transfer-Encoding and several Content-Length values (lines or
    list members) that are all the same decimal number: RFC 9110 §8.6 lets a recipient accept
    that as one value."""
    vals = []
    for line in head.split(b'\r\n')[1:]:
        name, sep, value = line.partition(b':')
        if not sep:
            continue
        if name.lower() == b'transfer-encoding':
            return False
        if name.lower() == b'content-length':
            vals += [v.strip(b' \t') for v in value.split(b',')]
    return len(vals) > 1 and vals[0].isdigit() and all(v == vals[0] for v in vals)


def block(side, data):
    cat = side['category']
    head = data.split(b'\r\n\r\n', 1)[0] + b'\r\n'
    node = side['expect']['node']['outcome']
    code = side['expect']['node'].get('code')
    if node == 'reject' and code == 'HPE_INVALID_EOF_STATE':
        allow, warn, level, risk = ['accept', 'reject'], [], 'MAY', None
    elif node == 'reject' and code in LINE_END:
        allow, warn, level, risk = ['reject'], ['accept'], 'MAY', 'bare LF or CR accepted as a line end'
    elif node == 'reject' and code == 'HPE_INVALID_HEADER_TOKEN':
        allow, warn, level, risk = ['reject'], ['accept'], 'SHOULD', (
            'an invalid field name accepted or ignored: a field hidden from one hop is seen by another')
    elif node == 'reject' and code == 'HPE_INVALID_METHOD':
        allow, warn, level, risk = ['reject'], ['accept'], 'MAY', (
            'a method Node does not know accepted (RFC 9110 §9.1: any token is a method)')
    elif node == 'reject' and code in SAME_CL and same_content_lengths(head):
        allow, warn, level, risk = ['accept', 'reject'], [], 'MAY', None
    elif node == 'reject' and code in FRAMING_VALUE and b'\t\r\n' in head:
        allow, warn, level, risk = ['accept', 'reject'], [], 'MAY', None
    elif node == 'reject' and cat in FRAMING:
        allow, warn, level, risk = ['reject'], [], 'MUST', 'message framing Node rejects was accepted: request smuggling'
    elif node == 'reject':
        allow, warn, level, risk = ['reject'], ['accept'], 'SHOULD', 'accepts what Node rejects'
    elif cat in BARE_LF:
        allow, warn, level, risk = ['reject'], ['accept'], 'MAY', 'bare LF accepted as a line end'
    elif cat == 'baseline':
        allow, warn, level, risk = ['accept'], [], 'MUST', None
    else:
        allow, warn, level, risk = ['accept'], ['reject'], 'MAY', 'rejects what Node accepts'
    end = data.find(b'\r\n\r\n')
    cut = end + 4 if 0 <= end and end + 4 < len(data) else len(data) // 2
    return {
        'allow': allow,
        'warn': warn,
        'reject_status': REJECT_BY_CATEGORY.get(cat, REJECT),
        'level': level,
        'risk': risk,
        'smuggling': cat in FRAMING or cat.startswith('sb-') or cat == 'pipelining',
        'split': [cut] if 0 < cut < len(data) else [],
    }


def main():
    n = 0
    for path in sorted(glob.glob(os.path.join(ROOT, '*', '*.json'))):
        with open(path, encoding='utf-8') as f:
            side = json.load(f)
        if side.get('mode') != 'request':
            continue
        if side.get('options'):
            # a parser option (insecure, limits) describes a differently
            # configured Node, not a server as deployed: not probed
            side.pop('probe', None)
        else:
            with open(path[:-5] + '.http', 'rb') as f:
                side['probe'] = block(side, f.read())
            n += 1
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(side, f, indent=2, ensure_ascii=False)
            f.write('\n')
    print(f'make_probe_sidecars: {n} request-side sidecars')


if __name__ == '__main__':
    main()
