#!/usr/bin/python3
"""Writes the spec-derived corpus cases under corpus/cases/ (see corpus/README.md).

Every case is <category>/<id>.http (the raw bytes) plus <category>/<id>.json (the sidecar).
The sidecar's expect.node is pre-filled from the spec tables where they give a verdict
(attack-vectors.md section 2 and 3); corpus/tools/expect_from_oracle.py then replaces it with
what the Node oracle says and reports every place where the two disagree, and derives
expect.strict. Run from the repository root:

    /usr/bin/python3 corpus/tools/make_spec_cases.py [--out corpus/cases]
    /usr/bin/python3 corpus/tools/expect_from_oracle.py

Stdlib only. Regenerating is idempotent: it rewrites the files it owns and leaves others alone,
except that a sidecar's expect block already filled by the oracle is kept when the bytes and
options did not change (so regenerating does not need Node).
"""

import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, '..', 'cases'))


def unescape(s):
    """Decodes the JS/C escapes used in the spec tables (\\r \\n \\t \\xHH \\" \\\\) to bytes."""
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c != '\\':
            out += c.encode('latin1')
            i += 1
            continue
        n = s[i + 1]
        if n == 'x':
            out.append(int(s[i + 2:i + 4], 16))
            i += 4
            continue
        out += {'r': b'\r', 'n': b'\n', 't': b'\t', '"': b'"', '\\': b'\\', '0': b'\0'}[n]
        i += 2
    return bytes(out)


CASES = []


def case(cid, category, description, data, rfc=None, mode='request', method=None,
         options=None, spec=None, source=None):
    """Registers one case. data: bytes, or str with spec escapes. spec: (outcome, code) the
    spec tables give, or None."""
    if isinstance(data, str):
        data = unescape(data)
    CASES.append({
        'id': cid, 'category': category, 'description': description, 'rfc': rfc,
        'mode': mode, 'method': (method or 'GET') if mode == 'response' else None,
        'options': options or {}, 'spec': spec, 'source': source, 'bytes': data,
    })


def req(cid, category, description, data, **kw):
    case(cid, category, description, data, **kw)


def resp(cid, category, description, data, method='GET', **kw):
    case(cid, category, description, data, mode='response', method=method, **kw)


ACC = ('accept', None)


def REJ(code):
    return ('reject', code)


# ------------------------------------------------------------------------------------------
# attack-vectors.md section 2: every example row, with its id. The last element is the
# llhttp-9.3.1 verdict from the table ("awaiting" rows become HPE_INVALID_EOF_STATE: our input
# ends there, and the end of input is the peer closing its side).

SECTION2_CATEGORY = {
    'baseline': 'baseline',
    'CL.TE/TE.CL': 'cl-te',
    'CL.CL': 'cl-cl',
    'CL-number': 'cl-number',
    'TE.TE obfuscation': 'te-obfuscation',
    'chunk-ext line terminator (TERM.EXT/EXT.TERM)': 'chunk-ext',
    'chunk line bare LF': 'chunk-line',
    'oversized chunk / spill (TERM.SPILL/SPILL.TERM)': 'chunk-spill',
    'chunk terminator length (ONE.TWO/TWO.ONE)': 'chunk-terminator',
    'trailer terminator (TRAIL.TERM/TERM.TRAIL)': 'trailers',
    'trailer field abuse': 'trailers',
    'chunk-size number parsing': 'chunk-size',
    'chunk-size overflow': 'chunk-size',
    'bare LF / bare CR in head': 'bare-lf-cr',
    'field-name syntax': 'field-name',
    'field-value syntax': 'field-value',
    'Host / target': 'host-target',
    'request-line syntax': 'request-line',
    'Expect / 0.CL': 'expect',
    'CL.0 / 0.CL (body on bodiless method)': 'body-on-bodiless',
    'header hiding (V-H/H-V; 0.CL/CL.0)': 'header-hiding',
    'pipelining boundary': 'pipelining',
    'upgrade/connection state': 'upgrade-connect',
}

SECTION2 = [  # (id, category, bytes, llhttp outcome, code)
    ('baseline-get', 'baseline',
     'GET / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n', 'accept', None),
    ('clte-both', 'CL.TE/TE.CL',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 6\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\nG', 'reject', 'HPE_INVALID_TRANSFER_ENCODING'),
    ('tecl-both', 'CL.TE/TE.CL',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\nContent-Length: 3\\r\\n\\r\\n8\\r\\nSMUGGLED\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_CONTENT_LENGTH'),
    ('clcl-dup-diff', 'CL.CL',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 0\\r\\nContent-Length: 5\\r\\n\\r\\nhello', 'reject', 'HPE_UNEXPECTED_CONTENT_LENGTH'),
    ('clcl-dup-same', 'CL.CL',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5\\r\\nContent-Length: 5\\r\\n\\r\\nhello', 'reject', 'HPE_UNEXPECTED_CONTENT_LENGTH'),
    ('cl-list-same', 'CL.CL',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5, 5\\r\\n\\r\\nhello', 'reject', 'HPE_INVALID_CONTENT_LENGTH'),
    ('cl-plus', 'CL-number',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: +5\\r\\n\\r\\nhello', 'reject', 'HPE_INVALID_CONTENT_LENGTH'),
    ('cl-minus', 'CL-number',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: -1\\r\\n\\r\\n', 'reject', 'HPE_INVALID_CONTENT_LENGTH'),
    ('cl-hex', 'CL-number',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 0x5\\r\\n\\r\\nhello', 'reject', 'HPE_INVALID_CONTENT_LENGTH'),
    ('cl-leading-zero', 'CL-number',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 005\\r\\n\\r\\nhello', 'accept', None),
    ('cl-underscore', 'CL-number',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 1_0\\r\\n\\r\\n0123456789', 'reject', 'HPE_INVALID_CONTENT_LENGTH'),
    ('cl-empty', 'CL-number',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: \\r\\n\\r\\n', 'reject', 'HPE_INVALID_CONTENT_LENGTH'),
    ('cl-overflow', 'CL-number',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 18446744073709551621\\r\\n\\r\\nhello', 'reject', 'HPE_INVALID_CONTENT_LENGTH'),
    ('cl-trailing-junk', 'CL-number',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5x\\r\\n\\r\\nhello', 'reject', 'HPE_INVALID_CONTENT_LENGTH'),
    ('te-sp-before-colon', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding : chunked\\r\\nContent-Length: 5\\r\\n\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_HEADER_TOKEN'),
    ('te-xchunked', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: xchunked\\r\\n\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_TRANSFER_ENCODING'),
    ('te-chunk-lazygrep', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunk\\r\\n\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_TRANSFER_ENCODING'),
    ('te-dup-chunked', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_TRANSFER_ENCODING'),
    ('te-identity-chunked', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: identity\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n', 'accept', None),
    ('te-chunked-identity', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked, identity\\r\\n\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_TRANSFER_ENCODING'),
    ('te-leading-comma', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: ,chunked\\r\\n\\r\\n0\\r\\n\\r\\n', 'accept', None),
    ('te-quoted', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: \\"chunked\\"\\r\\n\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_TRANSFER_ENCODING'),
    ('te-vtab-value', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding:\\x0bchunked\\r\\n\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_HEADER_TOKEN'),
    ('te-nbsp-value', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: \\xa0chunked\\r\\n\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_TRANSFER_ENCODING'),
    ('te-obs-fold', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding:\\r\\n chunked\\r\\n\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_HEADER_TOKEN'),
    ('te-underscore-name', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer_Encoding: chunked\\r\\nContent-Length: 5\\r\\n\\r\\n0\\r\\n\\r\\n', 'accept', None),
    ('te-http10', 'TE.TE obfuscation',
     'POST / HTTP/1.0\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n', 'accept', None),
    ('te-not-final', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked, gzip\\r\\n\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_TRANSFER_ENCODING'),
    ('te-unknown', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: pigeons\\r\\n\\r\\n', 'reject', 'HPE_INVALID_TRANSFER_ENCODING'),
    ('term-ext-lf', 'chunk-ext line terminator (TERM.EXT/EXT.TERM)',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2;\\nxx\\r\\n45\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_CR_EXPECTED'),
    ('term-ext-cr', 'chunk-ext line terminator (TERM.EXT/EXT.TERM)',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2;\\rxx\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_STRICT'),
    ('chunk-ext-quoted-crlf', 'chunk-ext line terminator (TERM.EXT/EXT.TERM)',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1;a=\\"b\\r\\nX\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_STRICT'),
    ('chunk-ext-nul', 'chunk-ext line terminator (TERM.EXT/EXT.TERM)',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5;\\x00ext\\r\\nhello\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_STRICT'),
    ('chunk-size-lf', 'chunk line bare LF',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5\\nhello\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_CR_EXPECTED'),
    ('chunk-data-lf', 'chunk line bare LF',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5\\r\\nhello\\n0\\r\\n\\r\\n', 'reject', 'HPE_CR_EXPECTED'),
    ('last-chunk-lf', 'chunk line bare LF',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\n\\r\\n', 'reject', 'HPE_CR_EXPECTED'),
    ('spill-term-rX', 'oversized chunk / spill (TERM.SPILL/SPILL.TERM)',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5\\r\\nAAAAA\\rX2\\r\\n45\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_STRICT'),
    ('spill-oversized', 'oversized chunk / spill (TERM.SPILL/SPILL.TERM)',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5\\r\\nhello!!\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_STRICT'),
    ('two-byte-term-XX', 'chunk terminator length (ONE.TWO/TWO.ONE)',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2\\r\\nxxXX0\\r\\n\\r\\n', 'reject', 'HPE_STRICT'),
    ('one-byte-term-then-size', 'chunk terminator length (ONE.TWO/TWO.ONE)',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2\\r\\nxx\\n50\\r\\n\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_CR_EXPECTED'),
    ('trail-term-lf', 'trailer terminator (TRAIL.TERM/TERM.TRAIL)',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2\\r\\nxx\\r\\n0\\r\\n\\nGET /two HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n', 'reject', 'HPE_INVALID_HEADER_TOKEN'),
    ('trailer-cl', 'trailer field abuse',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\nContent-Length: 50\\r\\n\\r\\n', 'reject', 'HPE_INVALID_CONTENT_LENGTH'),
    ('chunk-size-0x', 'chunk-size number parsing',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0x5\\r\\nhello\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_CHUNK_SIZE'),
    ('chunk-size-underscore', 'chunk-size number parsing',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0_2e\\r\\n\\r\\n', 'reject', 'HPE_INVALID_CHUNK_SIZE'),
    ('chunk-size-plus', 'chunk-size number parsing',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n+5\\r\\nhello\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_CHUNK_SIZE'),
    ('chunk-size-leading-ws', 'chunk-size number parsing',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n 5\\r\\nhello\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_CHUNK_SIZE'),
    ('chunk-size-trailing-ws', 'chunk-size number parsing',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5 \\r\\nhello\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_CHUNK_SIZE'),
    ('chunk-size-empty', 'chunk-size number parsing',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n\\r\\n\\r\\n', 'reject', 'HPE_INVALID_CHUNK_SIZE'),
    ('chunk-size-prefix-junk', 'chunk-size number parsing',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1these-bytes\\r\\nZ\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_CHUNK_SIZE'),
    ('chunk-size-overflow-64', 'chunk-size overflow',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n10000000000000005\\r\\nhello\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_CHUNK_SIZE'),
    ('chunk-size-trunc-32', 'chunk-size overflow',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n100000005\\r\\nhello\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_EOF_STATE'),
    ('bare-lf-request-line', 'bare LF / bare CR in head',
     'GET / HTTP/1.1\\nHost: a\\r\\n\\r\\n', 'reject', 'HPE_INVALID_VERSION'),
    ('bare-lf-header', 'bare LF / bare CR in head',
     'GET / HTTP/1.1\\r\\nHost: a\\nX: y\\r\\n\\r\\n', 'reject', 'HPE_CR_EXPECTED'),
    ('bare-cr-header-value', 'bare LF / bare CR in head',
     'GET / HTTP/1.1\\r\\nHost: a\\r\\nX: a\\rTransfer-Encoding: chunked\\r\\n\\r\\n', 'reject', 'HPE_LF_EXPECTED'),
    ('header-end-rX', 'bare LF / bare CR in head',
     'GET / HTTP/1.1\\r\\nHost: a\\r\\n\\rZGET /evil HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n', 'reject', 'HPE_STRICT'),
    ('http09-bare-lf', 'bare LF / bare CR in head',
     'GET /x\\nHost: a\\r\\nContent-Length: 5\\r\\n\\r\\nhello', 'accept', None),
    ('sp-before-colon-cl', 'field-name syntax',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length : 5\\r\\n\\r\\nhello', 'reject', 'HPE_INVALID_HEADER_TOKEN'),
    ('ws-before-first-header', 'field-name syntax',
     'GET / HTTP/1.1\\r\\n Content-Length: 1\\r\\nHost: a\\r\\n\\r\\nX', 'reject', 'HPE_UNEXPECTED_SPACE'),
    ('obs-fold-generic', 'field-name syntax',
     'GET / HTTP/1.1\\r\\nHost: a\\r\\nX: a\\r\\n b\\r\\n\\r\\n', 'reject', 'HPE_INVALID_HEADER_TOKEN'),
    ('empty-header-name', 'field-name syntax',
     'GET / HTTP/1.1\\r\\n: x\\r\\nHost: a\\r\\n\\r\\n', 'reject', 'HPE_INVALID_HEADER_TOKEN'),
    ('no-colon-header', 'field-name syntax',
     'GET / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length 5\\r\\n\\r\\nhello', 'reject', 'HPE_INVALID_HEADER_TOKEN'),
    ('nonascii-name', 'field-name syntax',
     'GET / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length\\x85: 5\\r\\n\\r\\nhello', 'reject', 'HPE_INVALID_HEADER_TOKEN'),
    ('nul-in-value', 'field-value syntax',
     'GET / HTTP/1.1\\r\\nHost: a\\r\\nX: a\\x00b\\r\\n\\r\\n', 'reject', 'HPE_INVALID_HEADER_TOKEN'),
    ('ctl-in-value', 'field-value syntax',
     'GET / HTTP/1.1\\r\\nHost: a\\r\\nX: a\\x07b\\r\\n\\r\\n', 'reject', 'HPE_INVALID_HEADER_TOKEN'),
    ('host-missing', 'Host / target',
     'GET / HTTP/1.1\\r\\n\\r\\n', 'accept', None),
    ('host-dup', 'Host / target',
     'GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n', 'accept', None),
    ('host-abs-mismatch', 'Host / target',
     'GET http://b/ HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n', 'accept', None),
    ('method-junk', 'request-line syntax',
     'G=\\":<>(e),[T];?\\" / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n', 'reject', 'HPE_INVALID_METHOD'),
    ('version-junk', 'request-line syntax',
     'GET / HTTP/1.32\\r\\nHost: a\\r\\n\\r\\n', 'reject', 'HPE_INVALID_VERSION'),
    ('multi-sp-request-line', 'request-line syntax',
     'GET  / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n', 'accept', None),
    ('target-space', 'request-line syntax',
     'GET /a b HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n', 'reject', 'HPE_INVALID_CONSTANT'),
    ('expect-100-cl', 'Expect / 0.CL',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nExpect: 100-continue\\r\\nContent-Length: 5\\r\\n\\r\\nhello', 'accept', None),
    ('expect-obfuscated', 'Expect / 0.CL',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nExpect: y 100-continue\\r\\nContent-Length: 5\\r\\n\\r\\nhello', 'accept', None),
    ('get-with-cl-body', 'CL.0 / 0.CL (body on bodiless method)',
     'GET / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 30\\r\\n\\r\\nGET /two HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n', 'accept', None),
    ('options-cl-body', 'CL.0 / 0.CL (body on bodiless method)',
     'OPTIONS / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5\\r\\n\\r\\nhello', 'accept', None),
    ('hide-lpad-obsfold-cl', 'header hiding (V-H/H-V; 0.CL/CL.0)',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nX-Junk: x\\r\\n Content-Length: 5\\r\\n\\r\\nhello', 'reject', 'HPE_INVALID_HEADER_TOKEN'),
    ('hide-hop-connection-cl', 'header hiding (V-H/H-V; 0.CL/CL.0)',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5\\r\\nConnection: Content-Length\\r\\n\\r\\nhello', 'accept', None),
    ('hide-nwrap', 'header hiding (V-H/H-V; 0.CL/CL.0)',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nX-Junk: x\\nContent-Length: 5\\r\\n\\r\\nhello', 'reject', 'HPE_CR_EXPECTED'),
    ('hide-rwrap', 'header hiding (V-H/H-V; 0.CL/CL.0)',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nX-Junk: x\\rContent-Length: 5\\r\\n\\r\\nhello', 'reject', 'HPE_LF_EXPECTED'),
    ('hide-tab-name', 'header hiding (V-H/H-V; 0.CL/CL.0)',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length\\t: 5\\r\\n\\r\\nhello', 'reject', 'HPE_INVALID_HEADER_TOKEN'),
    ('cl-exp', 'CL-number',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5e0\\r\\n\\r\\nhello', 'reject', 'HPE_INVALID_CONTENT_LENGTH'),
    ('cl-decimal', 'CL-number',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 5.0\\r\\n\\r\\nhello', 'reject', 'HPE_INVALID_CONTENT_LENGTH'),
    ('cl-comma-prefix', 'CL-number',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 0, 5\\r\\n\\r\\nhello', 'reject', 'HPE_INVALID_CONTENT_LENGTH'),
    ('te-encoded-word', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: =?UTF-8?B?Y2h1bmtlZA==?=\\r\\n\\r\\n0\\r\\n\\r\\n', 'reject', 'HPE_INVALID_TRANSFER_ENCODING'),
    ('te-case', 'TE.TE obfuscation',
     'POST / HTTP/1.1\\r\\nHost: a\\r\\nTrAnSfEr-EnCoDiNg: cHuNkEd\\r\\n\\r\\n0\\r\\n\\r\\n', 'accept', None),
    ('pipeline-2', 'pipelining boundary',
     'GET /1 HTTP/1.1\\r\\nHost: a\\r\\n\\r\\nGET /2 HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n', 'accept', None),
    ('upgrade-h2c', 'upgrade/connection state',
     'GET / HTTP/1.1\\r\\nHost: a\\r\\nConnection: Upgrade, HTTP2-Settings\\r\\nUpgrade: h2c\\r\\nHTTP2-Settings: AAMAAABkAAQAAP__\\r\\n\\r\\n', 'accept', None),
    ('connect-authority', 'upgrade/connection state',
     'CONNECT a:443 HTTP/1.1\\r\\nHost: a:443\\r\\n\\r\\n', 'accept', None),

]


def section2():
    for cid, cat, data, outcome, code in SECTION2:
        req(cid, SECTION2_CATEGORY[cat], 'attack-vectors.md section 2 row %s (%s)' % (cid, cat),
            data, spec=(outcome, code), source='attack-vectors.md §2 id %s' % cid,
            rfc=RFC_BY_CATEGORY.get(SECTION2_CATEGORY[cat]))


RFC_BY_CATEGORY = {
    'cl-te': 'RFC 9112 §6.1', 'cl-cl': 'RFC 9110 §8.6', 'cl-number': 'RFC 9110 §8.6',
    'te-obfuscation': 'RFC 9112 §6.1', 'chunk-ext': 'RFC 9112 §7.1.1',
    'chunk-line': 'RFC 9112 §7.1', 'chunk-spill': 'RFC 9112 §7.1',
    'chunk-terminator': 'RFC 9112 §7.1', 'trailers': 'RFC 9112 §7.1.2',
    'chunk-size': 'RFC 9112 §7.1', 'bare-lf-cr': 'RFC 9112 §2.2', 'field-name': 'RFC 9112 §5.1',
    'field-value': 'RFC 9110 §5.5', 'host-target': 'RFC 9112 §3.2',
    'request-line': 'RFC 9112 §3', 'expect': 'RFC 9110 §10.1.1',
    'body-on-bodiless': 'RFC 9112 §6.3', 'header-hiding': 'RFC 9112 §5.2',
    'pipelining': 'RFC 9112 §9.3.2', 'upgrade-connect': 'RFC 9110 §7.8',
    'baseline': 'RFC 9112 §3',
}


# ------------------------------------------------------------------------------------------
# attack-vectors.md section 3: CVE regression inputs, each inserted into
# "POST / HTTP/1.1\r\nHost: a\r\n..." (as the doc says) and completed into a whole request.

P = 'POST / HTTP/1.1\\r\\nHost: a\\r\\n'
TE = P + 'Transfer-Encoding: chunked\\r\\n\\r\\n'


def section3():
    c = 'cve'
    S = 'attack-vectors.md §3 '
    req('cve-2019-15605-te-chunked-identity', c, 'CVE-2019-15605: chunked not the last coding',
        P + 'Transfer-Encoding: chunked, identity\\r\\n\\r\\n0\\r\\n\\r\\n', rfc='RFC 9112 §6.1',
        spec=REJ('HPE_INVALID_TRANSFER_ENCODING'), source=S + 'CVE-2019-15605')
    req('cve-2020-8201-cr-in-name', c, 'CVE-2020-8201: CR inside a header name (Content\\rLength)',
        P + 'Content\\rLength: 5\\r\\n\\r\\nhello', rfc='RFC 9112 §5.1',
        spec=REJ('HPE_INVALID_HEADER_TOKEN'), source=S + 'CVE-2020-8201')
    req('cve-2020-8287-dup-te', c, 'CVE-2020-8287: TE chunked then TE identity',
        P + 'Transfer-Encoding: chunked\\r\\nTransfer-Encoding: identity\\r\\n\\r\\n0\\r\\n\\r\\n',
        rfc='RFC 9112 §6.1', spec=REJ('HPE_INVALID_TRANSFER_ENCODING'), source=S + 'CVE-2020-8287')
    req('cve-2021-22959-sp-before-colon', c, 'CVE-2021-22959: space between name and colon',
        P + 'Content-Length : 5\\r\\n\\r\\nhello', rfc='RFC 9112 §5.1',
        spec=REJ('HPE_INVALID_HEADER_TOKEN'), source=S + 'CVE-2021-22959')
    req('cve-2021-22960-lf-in-ext', c, 'CVE-2021-22960: LF inside a chunk extension',
        TE + '5;a\\nb\\r\\nhello\\r\\n0\\r\\n\\r\\n', rfc='RFC 9112 §7.1.1',
        spec=REJ('HPE_CR_EXPECTED'), source=S + 'CVE-2021-22960')
    req('cve-2021-22960-ctl-in-ext', c, 'CVE-2021-22960: control byte inside a chunk extension',
        TE + '5;a\\x01b\\r\\nhello\\r\\n0\\r\\n\\r\\n', rfc='RFC 9112 §7.1.1',
        spec=REJ('HPE_STRICT'), source=S + 'CVE-2021-22960')
    req('cve-2022-32213-chunkedX', c, 'CVE-2022-32213: TE chunkedX (dispatched, then rejected)',
        P + 'Transfer-Encoding: chunkedX\\r\\n\\r\\n0\\r\\n\\r\\n', rfc='RFC 9112 §6.1',
        spec=REJ('HPE_INVALID_TRANSFER_ENCODING'), source=S + 'CVE-2022-32213')
    req('cve-2022-32213-bypass-obs-fold', c, 'CVE-2022-32213 bypass: TE chunked continued by obs-fold',
        P + 'Transfer-Encoding: chunked\\r\\n abc\\r\\n\\r\\n0\\r\\n\\r\\n', rfc='RFC 9112 §5.2',
        spec=REJ('HPE_INVALID_HEADER_TOKEN'), source=S + 'CVE-2022-32213 bypass')
    req('cve-2022-32214-bare-lf', c, 'CVE-2022-32214: bare LF ends a header line',
        P + 'Host: a\\nContent-Length: 5\\r\\n\\r\\nhello', rfc='RFC 9112 §2.2',
        spec=REJ('HPE_CR_EXPECTED'), source=S + 'CVE-2022-32214')
    req('cve-2022-32215-multiline-te', c, 'CVE-2022-32215: TE value continued on the next line',
        P + 'Transfer-Encoding: chunked\\r\\n , identity\\r\\n\\r\\n0\\r\\n\\r\\n', rfc='RFC 9112 §5.2',
        spec=REJ('HPE_INVALID_HEADER_TOKEN'), source=S + 'CVE-2022-32215')
    req('cve-2022-35256-bare-cr', c, 'CVE-2022-35256: header line ended by a bare CR',
        P + 'X: y\\rZ: z\\r\\nContent-Length: 0\\r\\n\\r\\n', rfc='RFC 9112 §2.2',
        spec=REJ('HPE_STRICT'), source=S + 'CVE-2022-35256')
    req('cve-2022-35256-bare-cr-empty-value', c, 'CVE-2022-35256 variant: bare CR right after the colon',
        P + 'X:\\rZ: z\\r\\nContent-Length: 0\\r\\n\\r\\n', rfc='RFC 9112 §2.2',
        source=S + 'CVE-2022-35256 (variant)')
    req('cve-2023-30589-cr-hides-te', c, 'CVE-2023-30589: bare CR hides a TE header',
        P + 'X-Abc: \\rxTransfer-Encoding: chunked\\r\\n\\r\\n1\\r\\nA\\r\\n0\\r\\n\\r\\n',
        rfc='RFC 9112 §2.2', spec=REJ('HPE_STRICT'), source=S + 'CVE-2023-30589')
    req('cve-2024-22019-huge-chunk-ext', c, 'CVE-2024-22019: 17000 bytes of chunk extensions in one chunk',
        TE + '1;ext=' + 'a' * 17000 + '\\r\\nA\\r\\n0\\r\\n\\r\\n', rfc='RFC 9112 §7.1.1',
        spec=REJ('HPE_CHUNK_EXTENSIONS_OVERFLOW'), source=S + 'CVE-2024-22019')
    req('cve-2024-27982-obs-fold-cl', c, 'CVE-2024-27982: Content-Length hidden by obs-fold',
        P + 'X: a\\r\\n Content-Length: 5\\r\\n\\r\\nhello', rfc='RFC 9112 §5.2',
        spec=REJ('HPE_INVALID_HEADER_TOKEN'), source=S + 'CVE-2024-27982')
    req('cve-2025-23167-rX-block-end', c, 'CVE-2025-23167: header block ended by \\r\\n\\rX',
        P + 'X-Test: val\\r\\n\\rX-Smuggled: yes\\r\\n\\r\\n', rfc='RFC 9112 §2.2',
        spec=REJ('HPE_STRICT'), source=S + 'CVE-2025-23167')

    # "Other framing rules that llhttp enforces"
    f = 'framing-rules'
    S2 = 'attack-vectors.md §3 other framing rules'
    req('framing-cl-then-te', f, 'Content-Length and Transfer-Encoding: chunked',
        P + 'Content-Length: 5\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n',
        rfc='RFC 9112 §6.1', spec=REJ('HPE_INVALID_TRANSFER_ENCODING'), source=S2)
    req('framing-dup-cl-same', f, 'two Content-Length: 5 lines',
        P + 'Content-Length: 5\\r\\nContent-Length: 5\\r\\n\\r\\nhello', rfc='RFC 9110 §8.6',
        spec=REJ('HPE_UNEXPECTED_CONTENT_LENGTH'), source=S2)
    req('framing-chunk-size-bare-lf', f, 'chunk size line ended by a bare LF',
        TE + '5\\nhello\\r\\n0\\r\\n\\r\\n', rfc='RFC 9112 §7.1',
        spec=REJ('HPE_CR_EXPECTED'), source=S2)
    req('framing-chunk-size-1x', f, 'chunk size 1x', TE + '1x\\r\\nA\\r\\n0\\r\\n\\r\\n',
        rfc='RFC 9112 §7.1', spec=REJ('HPE_INVALID_CHUNK_SIZE'), source=S2)
    req('framing-chunk-size-overflow', f, 'chunk size FFFFFFFFFFFFFFFFF (17 hex digits)',
        TE + 'FFFFFFFFFFFFFFFFF\\r\\nA\\r\\n0\\r\\n\\r\\n', rfc='RFC 9112 §7.1',
        spec=REJ('HPE_INVALID_CHUNK_SIZE'), source=S2)
    req('framing-connection-close-tab', f,
        'Connection: close<TAB> then a second request (9.3.1: the tab defeats the close match)',
        'GET / HTTP/1.1\\r\\nHost: a\\r\\nConnection: close\\t\\r\\n\\r\\nGET /2 HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n',
        rfc='RFC 9112 §9.6', spec=ACC, source=S2)

    # "Related ones to cover even though they have no Node CVE"
    r = 'related'
    S3 = 'attack-vectors.md §3 related'
    req('llhttp-877', 'llhttp-877', 'llhttp #877: bare LF after a version-less request line gives HTTP/0.9 with headers and a body',
        'GET /x\\nHost: a\\r\\nContent-Length: 5\\r\\n\\r\\nhello', rfc='RFC 9112 §3',
        spec=ACC, source='attack-vectors.md §3 llhttp issue #877')
    req('llhttp-877-pipelined', 'llhttp-877', 'llhttp #877 followed by a pipelined HTTP/1.1 request',
        'GET /x\\nHost: a\\r\\nContent-Length: 5\\r\\n\\r\\nhelloGET /y HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n',
        rfc='RFC 9112 §3', source='attack-vectors.md §3 llhttp issue #877 (variant)')
    req('llhttp-877-no-headers', 'llhttp-877', 'HTTP/0.9 request line ended by a bare LF, empty header block',
        'GET /x\\n\\r\\n', rfc='RFC 9112 §3', source='attack-vectors.md §3 llhttp issue #877 (variant)')
    req('go-cve-2025-22871-ext-lf', r, 'Go CVE-2025-22871: LF inside a chunk extension',
        TE + '5;ext\\nxx\\r\\nhello\\r\\n0\\r\\n\\r\\n', rfc='RFC 9112 §7.1.1',
        spec=REJ('HPE_CR_EXPECTED'), source=S3 + ' Go CVE-2025-22871')
    req('go-cve-2025-22871-size-lf', r, 'Go CVE-2025-22871: chunk size ended by a bare LF',
        TE + '5\\nhello\\r\\n0\\r\\n\\r\\n', rfc='RFC 9112 §7.1',
        spec=REJ('HPE_CR_EXPECTED'), source=S3 + ' Go CVE-2025-22871')
    for cid, size in (('pico-78-these-bytes', '1these-bytes'), ('pico-78-123x', '123x'),
                      ('pico-78-0x1', '0x1'), ('pico-78-0_0', '0_0')):
        req(cid, r, 'picohttpparser #78 / ATS #10580: junk in chunk size %r' % size,
            TE + size + '\\r\\nZ\\r\\n0\\r\\n\\r\\n', rfc='RFC 9112 §7.1',
            spec=REJ('HPE_INVALID_CHUNK_SIZE'), source=S3 + ' picohttpparser #78')
    req('garden-host-cr-x', r, 'HTTP Garden / lwan #368: Host: a\\rX',
        'GET / HTTP/1.1\\r\\nHost: a\\rX\\r\\n\\r\\n', rfc='RFC 9112 §2.2',
        spec=REJ('HPE_LF_EXPECTED'), source=S3 + ' HTTP Garden')


# ------------------------------------------------------------------------------------------
# node-semantics.md sections 1 and 6: every parser-visible example.

NS = 'node-semantics.md §'
G = 'GET / HTTP/1.1\\r\\nHost: a\\r\\n'


def node_semantics_request():
    c = 'node-representation'
    req('ns-ows-strip', c, 'leading/trailing OWS stripped from values; empty value is ""',
        G + 'X-A:   padded  \\t\\r\\nX-E:\\r\\nX-F: \\t \\r\\n\\r\\n', rfc='RFC 9112 §5',
        source=NS + '1.1')
    req('ns-raw-order-case', c, 'rawHeaders keep case, order and duplicates',
        'GET / HTTP/1.1\\r\\nhOsT: a\\r\\nX-A: 1\\r\\nx-a: 2\\r\\nX-B: 3\\r\\n\\r\\n', source=NS + '1.1')
    req('ns-url-origin', c, 'url: origin-form with query (doc message.url example)',
        'GET /status?name=ryan HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n', rfc='RFC 9112 §3.2.1',
        source=NS + '1.1, §6 #22')
    req('ns-url-absolute', c, 'url: absolute-form kept verbatim',
        'GET http://example.com/x?y HTTP/1.1\\r\\nHost: example.com\\r\\n\\r\\n', rfc='RFC 9112 §3.2.2',
        source=NS + '1.1')
    req('ns-url-asterisk', c, 'url: OPTIONS *', 'OPTIONS * HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n',
        rfc='RFC 9112 §3.2.4', source=NS + '1.1')
    req('ns-url-connect-origin', c, 'CONNECT with an origin-form target /x is accepted (upgrade)',
        'CONNECT /x HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n', rfc='RFC 9112 §3.2.3', source=NS + '1.1')
    req('ns-doc-rawheaders-example', c, 'doc message.rawHeaders example: user-agent twice, Host, ACCEPT',
        'GET / HTTP/1.1\\r\\nuser-agent: this is invalid because there can be only one\\r\\n'
        'User-Agent: curl/7.22.0\\r\\nHost: 127.0.0.1:8000\\r\\nACCEPT: */*\\r\\n\\r\\n',
        source=NS + '6 #2')
    req('ns-doc-headersdistinct-example', c, 'doc headersDistinct example',
        'GET / HTTP/1.1\\r\\nUser-Agent: curl/7.22.0\\r\\nHost: 127.0.0.1:8000\\r\\nAccept: */*\\r\\n\\r\\n',
        source=NS + '6 #4')
    req('ns-doc-rawheaders-intro-cl', c, 'doc rawHeaders intro: ConTent-Length / content-LENGTH differing values',
        'GET / HTTP/1.1\\r\\nUser-Agent: curl/7.22.0\\r\\nConTent-Length: 123456\\r\\ncontent-LENGTH: 123\\r\\n'
        'content-type: text/plain\\r\\nCONNECTION: keep-alive\\r\\nHost: example.com\\r\\naccept: */*\\r\\n\\r\\n',
        spec=REJ('HPE_UNEXPECTED_CONTENT_LENGTH'), source=NS + '6 #1')
    req('ns-doc-rawheaders-intro-no-cl', c, 'doc rawHeaders intro with the CL lines removed',
        'GET / HTTP/1.1\\r\\nUser-Agent: curl/7.22.0\\r\\ncontent-type: text/plain\\r\\nCONNECTION: keep-alive\\r\\n'
        'Host: example.com\\r\\naccept: */*\\r\\n\\r\\n', spec=ACC, source=NS + '6 #1')
    req('ns-doc-post-upload', c, 'doc POST upload example: CL-framed body',
        'POST /upload HTTP/1.1\\r\\nHost: a\\r\\nContent-Type: application/x-www-form-urlencoded\\r\\n'
        'Content-Length: 13\\r\\n\\r\\nmsg=Hello%20W', spec=ACC, source=NS + '6 #20')
    req('ns-doc-complete-false', c, 'doc message.complete example: peer closes mid-body',
        'POST / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 100\\r\\n\\r\\npartial',
        spec=REJ('HPE_INVALID_EOF_STATE'), source=NS + '6 #16')
    req('ns-obs-text-value', c, 'obs-text (0x80-0xFF) and HTAB in values are accepted, latin1',
        G + 'X-L: caf\\xe9 \\xff\\tend\\r\\n\\r\\n', rfc='RFC 9110 §5.5', spec=ACC, source=NS + '1.3')
    req('ns-empty-input', c, 'empty input: nothing, no error', '', spec=ACC, source=NS + '1.1')
    req('ns-eof-in-head', c, 'input ends inside the head', 'GET / HTTP/1.1\\r\\nHost: a',
        spec=REJ('HPE_INVALID_EOF_STATE'), source=NS + '1.1')
    req('ns-eof-in-chunked-body', c, 'input ends inside a chunked body',
        TE + '5\\r\\nhel', spec=REJ('HPE_INVALID_EOF_STATE'), source=NS + '1.1')

    c = 'request-line'
    req('ns-method-unknown', c, 'unknown method FOO', 'FOO / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n',
        spec=REJ('HPE_INVALID_METHOD'), source=NS + '1.2')
    req('ns-method-lower', c, 'lower-case method get', 'get / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n',
        spec=REJ('HPE_INVALID_METHOD'), source=NS + '1.2')
    req('ns-method-hello', c, 'garbage method HELLO', 'HELLO / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n',
        spec=REJ('HPE_INVALID_METHOD'), source=NS + '1.2')
    req('ns-version-1-2', c, 'HTTP/1.2', 'GET / HTTP/1.2\\r\\nHost: a\\r\\n\\r\\n',
        spec=REJ('HPE_INVALID_VERSION'), source=NS + '1.2')
    req('ns-version-lowercase', c, 'lower-case http/1.1', 'GET / http/1.1\\r\\nHost: a\\r\\n\\r\\n',
        spec=REJ('HPE_INVALID_CONSTANT'), source=NS + '1.2')
    req('ns-version-2-0', c, 'HTTP/2.0 request is accepted by node (strict: HPE_INVALID_VERSION)',
        'GET / HTTP/2.0\\r\\nHost: a\\r\\n\\r\\n', spec=ACC, source=NS + '1.2')
    req('ns-version-1-0', c, 'HTTP/1.0 request', 'GET / HTTP/1.0\\r\\n\\r\\n', spec=ACC, source=NS + '1.2')
    req('ns-http09-crlf-eof', c, 'HTTP/0.9 style GET /\\r\\n then end of input',
        'GET /\\r\\n', source=NS + '1.2')
    req('ns-http09-crlf-crlf', c, 'HTTP/0.9 style GET /\\r\\n\\r\\n', 'GET /\\r\\n\\r\\n',
        source=NS + '1.2')
    req('ns-target-ctl', c, 'control byte in the target', 'GET /a\\x01b HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n',
        spec=REJ('HPE_INVALID_URL'), source=NS + '1.2')
    req('ns-leading-crlf', c, 'leading empty lines before a request are skipped',
        '\\r\\n\\r\\nGET / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n', spec=ACC, source=NS + '1.2')
    req('ns-tab-separator', c, 'TAB between method and target', 'GET\\t/ HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n',
        source=NS + '1.2')
    req('ns-pri-preface', c, 'HTTP/2 connection preface (PRI * HTTP/2.0)',
        'PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n', source=NS + '1.2')
    for m in ('ACL BIND CHECKOUT CONNECT COPY DELETE GET HEAD LINK LOCK M-SEARCH MERGE MKACTIVITY '
              'MKCALENDAR MKCOL MOVE NOTIFY OPTIONS PATCH POST PROPFIND PROPPATCH PURGE PUT QUERY '
              'REBIND REPORT SEARCH SOURCE SUBSCRIBE TRACE UNBIND UNLINK UNLOCK UNSUBSCRIBE').split():
        target = 'a:1' if m == 'CONNECT' else '/'
        req('ns-method-' + m.lower(), 'methods', 'http.METHODS entry %s' % m,
            '%s %s HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n' % (m, target), spec=ACC, source=NS + '5.1')

    c = 'field-name'
    req('ns-sp-before-colon-host', c, 'Host : x', 'GET / HTTP/1.1\\r\\nHost : x\\r\\n\\r\\n',
        spec=REJ('HPE_INVALID_HEADER_TOKEN'), source=NS + '1.3')
    req('ns-name-parens', c, 'X(A): 1', G + 'X(A): 1\\r\\n\\r\\n',
        spec=REJ('HPE_INVALID_HEADER_TOKEN'), source=NS + '1.3')
    req('ns-obs-fold', c, 'obs-fold continuation line', G + 'X: a\\r\\n b\\r\\n\\r\\n',
        spec=REJ('HPE_INVALID_HEADER_TOKEN'), source=NS + '1.3')
    req('ns-obs-fold-insecure', c, 'obs-fold with insecureHTTPParser is unfolded',
        G + 'X: a\\r\\n b\\r\\n\\r\\n', options={'insecure': True}, spec=ACC, source=NS + '1.3, 1.10')
    req('ns-bare-lf-all', 'bare-lf-cr', 'bare-LF line endings everywhere',
        'GET / HTTP/1.1\\nHost: a\\nX: y\\n\\n', spec=REJ('HPE_INVALID_VERSION'), source=NS + '1.3')
    req('ns-bare-lf-all-insecure', 'bare-lf-cr', 'bare-LF line endings with insecureHTTPParser',
        'GET / HTTP/1.1\\nHost: a\\nX: y\\n\\n', options={'insecure': True}, spec=ACC,
        source=NS + '1.3, 1.10')
    req('ns-bare-cr-value', 'bare-lf-cr', 'bare CR inside a value', G + 'X: a\\rb\\r\\n\\r\\n',
        spec=REJ('HPE_LF_EXPECTED'), source=NS + '1.3')
    req('ns-del-in-value', 'field-value', 'DEL (0x7F) inside a value', G + 'X: a\\x7fb\\r\\n\\r\\n',
        source=NS + '1.3')

    c = 'header-merge'
    merge = ('Host: a\\r\\nHost: b\\r\\nUser-Agent: u1\\r\\nuser-agent: u2\\r\\nCookie: a=1\\r\\ncookie: b=2\\r\\n'
             'Set-Cookie: s1\\r\\nset-cookie: s2\\r\\nX-Foo: 1\\r\\nx-foo: 2\\r\\nAccept: a\\r\\nAccept: b\\r\\n'
             'Authorization: A1\\r\\nAuthorization: A2\\r\\n')
    req('ns-merge-vector', c, 'the observed merge vector (default options)',
        'GET / HTTP/1.1\\r\\n' + merge + '\\r\\n', spec=ACC, source=NS + '1.4')
    req('ns-merge-vector-join', c, 'the merge vector with joinDuplicateHeaders',
        'GET / HTTP/1.1\\r\\n' + merge + '\\r\\n', options={'join_duplicate_headers': True},
        spec=ACC, source=NS + '1.4')
    req('ns-merge-vector-one-host', c, 'the merge vector with a single Host line (strict accepts it too)',
        'GET / HTTP/1.1\\r\\n' + merge.replace('Host: b\\r\\n', '') + '\\r\\n', spec=ACC, source=NS + '1.4')
    discard = ('age authorization content-type etag expires from host if-modified-since '
               'if-unmodified-since last-modified location max-forwards proxy-authorization referer '
               'retry-after server user-agent').split()
    lines = ''.join('%s: 1\\r\\n%s: 2\\r\\n' % (n.title(), n) for n in discard)
    req('ns-discard-list', c, 'every discard-list name twice (content-length excluded)',
        'GET / HTTP/1.1\\r\\n' + lines + '\\r\\n', spec=ACC, source=NS + '1.4')
    req('ns-discard-list-join', c, 'every discard-list name twice, joinDuplicateHeaders',
        'GET / HTTP/1.1\\r\\n' + lines + '\\r\\n', options={'join_duplicate_headers': True},
        spec=ACC, source=NS + '1.4')
    req('ns-merge-trailers', c, 'trailers follow the same merge rules',
        TE + '1\\r\\na\\r\\n0\\r\\nX-T: 1\\r\\nx-t: 2\\r\\nSet-Cookie: a\\r\\nset-cookie: b\\r\\n'
        'Host: h1\\r\\nHost: h2\\r\\n\\r\\n', spec=ACC, source=NS + '1.4, 6 #3')
    req('ns-merge-trailers-join', c, 'trailer merge with joinDuplicateHeaders',
        TE + '1\\r\\na\\r\\n0\\r\\nHost: h1\\r\\nHost: h2\\r\\n\\r\\n', options={'join_duplicate_headers': True},
        spec=ACC, source=NS + '1.4, 6 #3')
    req('ns-merge-proto-names', c, 'names that are Object.prototype members',
        G + '__proto__: x\\r\\nconstructor: y\\r\\ntoString: z\\r\\nhasOwnProperty: 1\\r\\n\\r\\n',
        source=NS + '1.4')

    c = 'cl-number'
    for cid, v, code in (('ns-cl-3a', '3a', 'HPE_INVALID_CONTENT_LENGTH'),
                         ('ns-cl-minus', '-1', 'HPE_INVALID_CONTENT_LENGTH'),
                         ('ns-cl-plus', '+3', 'HPE_INVALID_CONTENT_LENGTH'),
                         ('ns-cl-list', '3, 3', 'HPE_INVALID_CONTENT_LENGTH'),
                         ('ns-cl-empty', '', 'HPE_INVALID_CONTENT_LENGTH'),
                         ('ns-cl-2-64', '18446744073709551616', 'HPE_INVALID_CONTENT_LENGTH'),
                         ('ns-cl-zeros', '003', None), ('ns-cl-trailing-sp', '3 ', None),
                         ('ns-cl-trailing-htab', '3\\t', None), ('ns-cl-trailing-sp-htab', '3 \\t', None),
                         ('ns-cl-leading-ows', ' \\t3', None)):
        req(cid, c, 'Content-Length: %r' % v, P + 'Content-Length: ' + v + '\\r\\n\\r\\nabc',
            rfc='RFC 9110 §8.6', spec=REJ(code) if code else ACC, source=NS + '1.5')
    req('ns-cl-body-then-pipelined-junk', 'body-on-bodiless', 'GET with CL body, then junk parsed as the next request',
        'GET / HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 3\\r\\n\\r\\nabcXYZ', spec=REJ('HPE_INVALID_METHOD'),
        source=NS + '1.5')
    req('ns-cl-te-insecure', 'cl-te', 'CL + TE with insecureHTTPParser',
        P + 'Content-Length: 5\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n',
        options={'insecure': True}, source=NS + '1.5, 1.10')
    req('ns-te-cl-insecure', 'cl-te', 'TE + CL with insecureHTTPParser',
        P + 'Transfer-Encoding: chunked\\r\\nContent-Length: 5\\r\\n\\r\\n0\\r\\n\\r\\n',
        options={'insecure': True}, source=NS + '1.5, 1.10')

    c = 'te-obfuscation'
    req('ns-te-gzip-chunked', c, 'TE gzip, chunked is fine', P + 'Transfer-Encoding: gzip, chunked\\r\\n\\r\\n0\\r\\n\\r\\n',
        spec=ACC, source=NS + '1.6')
    req('ns-te-identity', c, 'request TE identity: dispatched, then HPE_INVALID_TRANSFER_ENCODING',
        P + 'Transfer-Encoding: identity\\r\\n\\r\\nhello', spec=REJ('HPE_INVALID_TRANSFER_ENCODING'),
        source=NS + '1.6')
    req('ns-te-identity-insecure', c, 'request TE identity with insecureHTTPParser: body until EOF',
        P + 'Transfer-Encoding: identity\\r\\n\\r\\nhello', options={'insecure': True}, source=NS + '1.6, 1.10')
    req('ns-te-chunked-http10-get', c, 'TE chunked on an HTTP/1.0 GET', 'GET / HTTP/1.0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\r\\nabc\\r\\n0\\r\\n\\r\\n',
        spec=ACC, source=NS + '1.6')

    c = 'chunk-size'
    req('ns-chunk-size-3-space', c, 'chunk size "3 "', TE + '3 \\r\\nabc\\r\\n0\\r\\n\\r\\n',
        spec=REJ('HPE_INVALID_CHUNK_SIZE'), source=NS + '1.6')
    req('ns-chunk-size-16-digits', c, 'chunk size with 16 hex digits (fits in 64 bits)',
        TE + '0000000000000003\\r\\nabc\\r\\n0\\r\\n\\r\\n', source=NS + '1.6')
    req('ns-chunk-size-uppercase', c, 'upper-case hex chunk size', TE + 'A\\r\\n0123456789\\r\\n0\\r\\n\\r\\n',
        spec=ACC, source=NS + '1.6')
    c = 'chunk-line'
    req('ns-chunk-data-no-crlf', c, 'chunk data not followed by CRLF', TE + '3\\r\\nabcX\\r\\n0\\r\\n\\r\\n',
        spec=REJ('HPE_STRICT'), source=NS + '1.6')
    req('ns-chunk-lf-after-size', c, 'LF only after the chunk size', TE + '3\\nabc\\r\\n0\\r\\n\\r\\n',
        spec=REJ('HPE_CR_EXPECTED'), source=NS + '1.6')
    c = 'chunk-ext'
    req('ns-chunk-ext-token', c, 'chunk extension ;foo=bar', TE + '3;foo=bar\\r\\nabc\\r\\n0\\r\\n\\r\\n',
        spec=ACC, source=NS + '1.6')
    req('ns-chunk-ext-quoted', c, 'quoted chunk extension ;a="b c"', TE + '3;a="b c"\\r\\nabc\\r\\n0\\r\\n\\r\\n',
        spec=ACC, source=NS + '1.6')
    req('ns-chunk-ext-ctl', c, 'control byte in a chunk extension name', TE + '3;a\\x01\\r\\nabc\\r\\n0\\r\\n\\r\\n',
        spec=REJ('HPE_STRICT'), source=NS + '1.6')
    req('ns-chunk-ext-16k', c, 'chunk extensions just under 16 KiB', TE + '1;e=' + 'a' * 16000 + '\\r\\nA\\r\\n0\\r\\n\\r\\n',
        source=NS + '1.6 (CVE-2024-22019 boundary)')
    c = 'trailers'
    req('ns-trailers', c, 'trailers exposed at end', TE + '3\\r\\nabc\\r\\n0\\r\\nX-T: 1\\r\\nX-U: 2\\r\\n\\r\\n',
        spec=ACC, source=NS + '1.6')
    req('ns-trailer-te', c, 'Transfer-Encoding inside trailers', TE + '0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n',
        source=NS + '1.6')

    c = 'limits'
    h100 = {'max_header_size': 100}
    req('ns-mhs100-count-99', c, 'maxHeaderSize=100: URL / + Host/x + X/a*92 (count 99) is OK',
        'GET / HTTP/1.1\\r\\nHost: x\\r\\nX: ' + 'a' * 92 + '\\r\\n\\r\\n', options=h100, spec=ACC, source=NS + '1.7')
    req('ns-mhs100-count-100', c, 'maxHeaderSize=100: X/a*93 (count 100) overflows',
        'GET / HTTP/1.1\\r\\nHost: x\\r\\nX: ' + 'a' * 93 + '\\r\\n\\r\\n', options=h100,
        spec=REJ('HPE_HEADER_OVERFLOW'), source=NS + '1.7')
    url51 = '/' + 'u' * 50
    for n, sp in ((42, ACC), (43, None), (44, REJ('HPE_HEADER_OVERFLOW'))):
        req('ns-mhs100-url51-value%d' % n, c, 'maxHeaderSize=100: 51-byte URL, Host/x, X/a*%d' % n,
            'GET ' + url51 + ' HTTP/1.1\\r\\nHost: x\\r\\nX: ' + 'a' * n + '\\r\\n\\r\\n', options=h100,
            spec=sp, source=NS + '1.7')
    req('ns-mhs100-body-not-counted', c, 'maxHeaderSize=100: body bytes do not count',
        'POST / HTTP/1.1\\r\\nContent-Length: 200\\r\\n\\r\\n' + 'b' * 200, options=h100, spec=ACC, source=NS + '1.7')
    req('ns-mhs100-trailers', c, 'maxHeaderSize=100: trailers count too',
        'POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\nT: ' + 'a' * 120 + '\\r\\n\\r\\n',
        options=h100, source=NS + '1.7')
    req('ns-mhs-default-overflow', c, 'default maxHeaderSize 16384: one 16400-byte value',
        'GET / HTTP/1.1\\r\\nX: ' + 'a' * 16400 + '\\r\\n\\r\\n', spec=REJ('HPE_HEADER_OVERFLOW'), source=NS + '1.7')

    def many(n, prefix='X-'):
        return ''.join('%s%d: v%d\\r\\n' % (prefix, i, i) for i in range(n))
    big = {'max_header_size': 1000000}
    for n in (31, 32, 1000, 1001, 1023, 1024, 1100):
        req('ns-headers-count-%d-default' % n, c, '%d header lines, maxHeadersCount not set' % n,
            'GET / HTTP/1.1\\r\\n' + many(n) + '\\r\\n', options=dict(big), spec=ACC, source=NS + '1.7')
    for n in (2000, 2001, 2015, 2016, 2100):
        req('ns-headers-count-%d-max2000' % n, c, '%d header lines, maxHeadersCount=2000' % n,
            'GET / HTTP/1.1\\r\\n' + many(n) + '\\r\\n', options=dict(big, max_headers_count=2000),
            spec=ACC, source=NS + '1.7')
    for n in (10, 11, 31, 32, 50, 100):
        req('ns-headers-count-%d-max10' % n, c, '%d header lines, maxHeadersCount=10' % n,
            'GET / HTTP/1.1\\r\\n' + many(n) + '\\r\\n', options={'max_headers_count': 10}, spec=ACC,
            source=NS + '1.7')
    req('ns-headers-count-3000-max0', c, '3000 header lines, maxHeadersCount=0 (no limit)',
        'GET / HTTP/1.1\\r\\n' + many(3000) + '\\r\\n', options=dict(big, max_headers_count=0), spec=ACC,
        source=NS + '1.7')
    req('ns-trailers-count-40-max10', c, '40 trailer lines, maxHeadersCount=10',
        TE + '1\\r\\na\\r\\n0\\r\\n' + many(40, 'T-') + '\\r\\n', options={'max_headers_count': 10}, spec=ACC,
        source=NS + '1.7')
    req('ns-headers-20-trailers-5-max10', c, '20 headers and 5 trailers, maxHeadersCount=10',
        'POST / HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n' + many(20) + '\\r\\n1\\r\\na\\r\\n0\\r\\n'
        + many(5, 'T-') + '\\r\\n', options={'max_headers_count': 10}, spec=ACC, source=NS + '1.7')

    c = 'upgrade-connect'
    req('ns-upgrade-head', c, 'Upgrade request with bytes after the head (head)',
        'GET /chat HTTP/1.1\\r\\nHost: a\\r\\nConnection: Upgrade\\r\\nUpgrade: websocket\\r\\n\\r\\nHEADBYTES',
        spec=ACC, source=NS + '1.8, 6 #14')
    req('ns-upgrade-with-cl', c, 'Upgrade request with Content-Length: body bytes go to head',
        'GET / HTTP/1.1\\r\\nConnection: upgrade\\r\\nUpgrade: x\\r\\nContent-Length: 3\\r\\n\\r\\nabcdef',
        source=NS + '1.8')
    req('ns-upgrade-no-connection', c, 'Upgrade header without Connection: upgrade is a normal request',
        'GET / HTTP/1.1\\r\\nUpgrade: h2c\\r\\n\\r\\nGET /2 HTTP/1.1\\r\\n\\r\\n', spec=ACC, source=NS + '1.8')
    req('ns-connect-proxy-example', c, 'doc CONNECT proxy example with head bytes',
        'CONNECT www.google.com:80 HTTP/1.1\\r\\nHost: www.google.com:80\\r\\n\\r\\nGET / HTTP/1.1\\r\\n\\r\\n',
        spec=ACC, source=NS + '1.8, 6 #13')
    req('ns-connect-with-cl', c, 'CONNECT with Content-Length: still a tunnel, bytes go to head',
        'CONNECT a:443 HTTP/1.1\\r\\nContent-Length: 3\\r\\n\\r\\nabc', source=NS + '1.8')

    c = 'expect'
    for cid, v, d in (('ns-expect-100', '100-continue', 'checkContinue'),
                      ('ns-expect-100-case', '100-Continue', 'case-insensitive match'),
                      ('ns-expect-100-ows', '  100-continue \\t', 'OWS around the value (strict: exact after trim)'),
                      ('ns-expect-other', 'foo', 'checkExpectation'),
                      ('ns-expect-list', '100-continue, foo', 'a list containing 100-continue'),
                      ('ns-expect-suffix', '100-continuex', 'suffixed: not a 100-continue match')):
        req(cid, c, 'Expect: %r (%s)' % (v, d), P + 'Expect: ' + v + '\\r\\nContent-Length: 5\\r\\n\\r\\nhello',
            rfc='RFC 9110 §10.1.1', spec=ACC, source=NS + '1.9')
    req('ns-expect-http10', c, 'HTTP/1.0 with Expect: 100-continue',
        'POST / HTTP/1.0\\r\\nExpect: 100-continue\\r\\nContent-Length: 5\\r\\n\\r\\nhello', spec=ACC,
        source=NS + '1.9')

    c = 'connection'
    req('ns-keepalive-close-token', c, 'Connection: keep-alive, close then a second request',
        'GET / HTTP/1.1\\r\\nConnection: keep-alive, close\\r\\n\\r\\nGET /2 HTTP/1.1\\r\\n\\r\\n',
        spec=REJ('HPE_CLOSED_CONNECTION'), source=NS + '1.11')
    req('ns-close-then-data', c, 'data after a Connection: close request',
        'GET / HTTP/1.1\\r\\nHost: a\\r\\nConnection: close\\r\\n\\r\\nGET /2 HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n',
        spec=REJ('HPE_CLOSED_CONNECTION'), source=NS + '1.11')
    req('ns-close-then-crlf', c, 'only CRLF after a Connection: close request',
        'GET / HTTP/1.1\\r\\nConnection: close\\r\\n\\r\\n\\r\\n\\r\\n', source=NS + '1.11')
    req('ns-http10-then-data', c, 'HTTP/1.0 without keep-alive, then a second request',
        'GET / HTTP/1.0\\r\\n\\r\\nGET /2 HTTP/1.0\\r\\n\\r\\n', source=NS + '1.11')
    req('ns-http10-keepalive', c, 'HTTP/1.0 with Connection: keep-alive, then a second request',
        'GET / HTTP/1.0\\r\\nConnection: keep-alive\\r\\n\\r\\nGET /2 HTTP/1.0\\r\\n\\r\\n', spec=ACC,
        source=NS + '1.11')
    req('ns-pipeline-3', 'pipelining', 'three pipelined requests with bodies',
        'POST /1 HTTP/1.1\\r\\nContent-Length: 1\\r\\n\\r\\naPOST /2 HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n'
        '1\\r\\nb\\r\\n0\\r\\n\\r\\nGET /3 HTTP/1.1\\r\\n\\r\\n', spec=ACC, source=NS + '1.11')
    req('ns-pipeline-error-after-2', 'pipelining', 'two good requests, then an invalid one, then a good one',
        'GET /1 HTTP/1.1\\r\\n\\r\\nGET /2 HTTP/1.1\\r\\n\\r\\nGET /3 HTTP/1.1\\r\\nX : y\\r\\n\\r\\nGET /4 HTTP/1.1\\r\\n\\r\\n',
        spec=REJ('HPE_INVALID_HEADER_TOKEN'), source=NS + '1.11')


def node_semantics_response():
    c = 'response-status-line'
    R = 'HTTP/1.1 200 OK\\r\\n'
    resp('ns-res-basic', c, 'a plain 200 with Content-Length', R + 'Content-Length: 2\\r\\n\\r\\nok', spec=ACC,
         source=NS + '1.1')
    resp('ns-res-empty-reason-sp', c, 'HTTP/1.1 200 SP CRLF: statusMessage ""',
         'HTTP/1.1 200 \\r\\nContent-Length: 0\\r\\n\\r\\n', spec=ACC, source=NS + '1.2')
    resp('ns-res-no-reason', c, 'HTTP/1.1 200 CRLF: statusMessage ""',
         'HTTP/1.1 200\\r\\nContent-Length: 0\\r\\n\\r\\n', spec=ACC, source=NS + '1.2')
    resp('ns-res-status-4digit', c, '4-digit status 2000', 'HTTP/1.1 2000 OK\\r\\n\\r\\n',
         spec=REJ('HPE_INVALID_STATUS'), source=NS + '1.2')
    resp('ns-res-unknown-status', c, 'status 599 with a custom reason', 'HTTP/1.1 599 Whatever It Is\\r\\nContent-Length: 0\\r\\n\\r\\n',
         spec=ACC, source=NS + '1.2')
    resp('ns-res-reason-obs-text', c, 'reason phrase with obs-text and HTAB',
         'HTTP/1.1 200 O\\tK \\xe9\\r\\nContent-Length: 0\\r\\n\\r\\n', source=NS + '1.2')
    resp('ns-res-http10', c, 'HTTP/1.0 response, close-delimited body', 'HTTP/1.0 200 OK\\r\\n\\r\\nbody', spec=ACC,
         source=NS + '1.5')
    resp('ns-res-bare-lf', c, 'response head with bare LF line endings', 'HTTP/1.1 200 OK\\nContent-Length: 0\\n\\n',
         source=NS + '1.3')
    resp('ns-res-bare-lf-insecure', c, 'response head with bare LF, insecureHTTPParser',
         'HTTP/1.1 200 OK\\nContent-Length: 0\\n\\n', options={'insecure': True}, source=NS + '1.3, 1.10')
    resp('ns-res-empty', c, 'empty response (server closed without answering)', '', source=NS + '1.5')
    resp('ns-res-eof-in-head', c, 'input ends inside the response head', 'HTTP/1.1 200 OK\\r\\nContent-Le',
         spec=REJ('HPE_INVALID_EOF_STATE'), source=NS + '1.5')

    c = 'response-1xx'
    resp('ns-res-1xx-chain', c, '100, 102, 103 with two Link lines, then 200 (doc information example)',
         'HTTP/1.1 100 Continue\\r\\n\\r\\nHTTP/1.1 102 Processing\\r\\n\\r\\nHTTP/1.1 103 Early Hints\\r\\n'
         'Link: </styles.css>; rel=preload; as=style\\r\\nLink: </scripts.js>; rel=preload; as=script\\r\\n\\r\\n'
         'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok', spec=ACC, source=NS + '1.9, 6 #15')
    resp('ns-res-1xx-only', c, 'only a 103, then the server closes', 'HTTP/1.1 103 Early Hints\\r\\nLink: </a>\\r\\n\\r\\n',
         source=NS + '1.9')
    resp('ns-res-1xx-with-cl', c, '1xx with Content-Length: no body is read',
         'HTTP/1.1 102 Processing\\r\\nContent-Length: 5\\r\\n\\r\\nHTTP/1.1 200 OK\\r\\nContent-Length: 0\\r\\n\\r\\n',
         source=NS + '1.9')
    resp('ns-res-199', c, 'status 199 is informational', 'HTTP/1.1 199 Odd\\r\\n\\r\\nHTTP/1.1 204 No Content\\r\\n\\r\\n',
         source=NS + '1.9')
    resp('ns-res-101-upgrade', c, '101 with Upgrade headers and bytes after (doc Upgrade example)',
         'HTTP/1.1 101 Web Socket Protocol Handshake\\r\\nUpgrade: WebSocket\\r\\nConnection: Upgrade\\r\\n\\r\\nupgradeHead',
         spec=ACC, source=NS + '1.8, 6 #14')
    resp('ns-res-101-no-upgrade', c, '101 without Upgrade/Connection headers, then bytes',
         'HTTP/1.1 101 Switching Protocols\\r\\n\\r\\nxyz', source=NS + '1.8')

    c = 'response-no-body'
    resp('ns-res-head-cl', c, 'response to HEAD with Content-Length: no body', 'HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\n\\r\\n',
         method='HEAD', spec=ACC, source=NS + '1.5')
    resp('ns-res-head-cl-then-bytes', c, 'response to HEAD with Content-Length, then the "body" bytes',
         'HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\n\\r\\nhello', method='HEAD', source=NS + '1.5')
    resp('ns-res-head-chunked', c, 'response to HEAD with Transfer-Encoding: chunked',
         'HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n', method='HEAD', source=NS + '1.5')
    resp('ns-res-204-cl', c, '204 with Content-Length: 5 and no body', 'HTTP/1.1 204 No Content\\r\\nContent-Length: 5\\r\\n\\r\\n',
         spec=ACC, source=NS + '1.5')
    resp('ns-res-304-cl', c, '304 with Content-Length: 5 and no body', 'HTTP/1.1 304 Not Modified\\r\\nContent-Length: 5\\r\\n\\r\\n',
         spec=ACC, source=NS + '1.5')
    resp('ns-res-204-cl-then-bytes', c, '204 with Content-Length, then 5 bytes',
         'HTTP/1.1 204 No Content\\r\\nContent-Length: 5\\r\\n\\r\\nhello', source=NS + '1.5')
    resp('ns-res-304-chunked', c, '304 with Transfer-Encoding: chunked',
         'HTTP/1.1 304 Not Modified\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n', source=NS + '1.5')

    c = 'response-framing'
    resp('ns-res-close-delimited', c, 'no CL, no TE: body until EOF, complete', 'HTTP/1.1 200 OK\\r\\n\\r\\nuntil-eof',
         spec=ACC, source=NS + '1.5')
    resp('ns-res-short-body', c, 'body shorter than CL, then close', 'HTTP/1.1 200 OK\\r\\nContent-Length: 10\\r\\n\\r\\nshort',
         spec=REJ('HPE_INVALID_EOF_STATE'), source=NS + '1.5, 6 #16')
    resp('ns-res-chunked-eof', c, 'chunked body cut short', 'HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2\\r\\nab\\r\\n',
         spec=REJ('HPE_INVALID_EOF_STATE'), source=NS + '1.6')
    resp('ns-res-chunked-trailers', c, 'chunked response with merged trailers',
         'HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2\\r\\nab\\r\\n0\\r\\nX-T: 1\\r\\nx-t: 2\\r\\n\\r\\n',
         spec=ACC, source=NS + '1.4, 1.6')
    resp('ns-res-te-gzip', c, 'response TE without chunked: body until EOF', 'HTTP/1.1 200 OK\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\nraw-bytes',
         spec=ACC, source=NS + '1.6')
    resp('ns-res-dup-cl', c, 'duplicate identical Content-Length in a response',
         'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\nContent-Length: 2\\r\\n\\r\\nok', spec=REJ('HPE_UNEXPECTED_CONTENT_LENGTH'),
         source=NS + '1.5')
    resp('ns-res-cl-te', c, 'CL + TE in a response', 'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n',
         spec=REJ('HPE_INVALID_TRANSFER_ENCODING'), source=NS + '1.5')
    resp('ns-res-cl-te-insecure', c, 'CL + TE in a response, insecureHTTPParser',
         'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n',
         options={'insecure': True}, source=NS + '1.5, 1.10')
    resp('ns-res-header-overflow', c, 'response head over maxHeaderSize=100',
         'HTTP/1.1 200 OK\\r\\nX: ' + 'a' * 120 + '\\r\\nContent-Length: 0\\r\\n\\r\\n', options={'max_header_size': 100},
         spec=REJ('HPE_HEADER_OVERFLOW'), source=NS + '1.7')

    c = 'response-after-final'
    resp('ns-res-second-response', c, 'a second response after a complete one',
         'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nhiHTTP/1.1 404 NF\\r\\nContent-Length: 0\\r\\n\\r\\n', source=NS + '1.11')
    resp('ns-res-second-response-then-garbage', c, 'a second response, then garbage',
         'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nhiHTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nhiGARBAGE',
         source=NS + '1.11')
    resp('ns-res-second-response-incomplete', c, 'a second response cut short',
         'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nhiHTTP/1.1 200 OK\\r\\nContent-Length: 9\\r\\n\\r\\nab',
         source=NS + '1.11')
    resp('ns-res-garbage-after', c, 'garbage after a complete response', 'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nhiGARBAGE',
         spec=REJ('HPE_INVALID_CONSTANT'), source=NS + '1.11')
    resp('ns-res-close-then-data', c, 'data after a Connection: close response',
         'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\nConnection: close\\r\\n\\r\\nhiMORE', spec=REJ('HPE_CLOSED_CONNECTION'),
         source=NS + '1.11')
    resp('ns-res-crlf-after', c, 'CRLF after a complete response', 'HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nhi\\r\\n',
         source=NS + '1.11')

    c = 'response-connect'
    resp('ns-res-connect-200', c, 'CONNECT answered 200 with tunnel bytes (doc proxy example)',
         'HTTP/1.1 200 Connection Established\\r\\nProxy-agent: Node.js-Proxy\\r\\n\\r\\ntunnel-bytes', method='CONNECT',
         spec=ACC, source=NS + '1.8, 6 #13')
    resp('ns-res-connect-407', c, 'CONNECT answered 407 with a body', 'HTTP/1.1 407 Proxy Authentication Required\\r\\nContent-Length: 4\\r\\n\\r\\ndeny',
         method='CONNECT', source=NS + '1.8')
    resp('ns-res-connect-100-then-200', c, 'CONNECT answered 100 then 200',
         'HTTP/1.1 100 Continue\\r\\n\\r\\nHTTP/1.1 200 OK\\r\\n\\r\\nxx', method='CONNECT', source=NS + '1.8')

    c = 'header-merge'
    merge = ('Location: a\\r\\nLocation: b\\r\\nSet-Cookie: s1\\r\\nset-cookie: s2\\r\\nX-Foo: 1\\r\\nx-foo: 2\\r\\n'
             'Server: s1\\r\\nServer: s2\\r\\nCookie: a=1\\r\\nCookie: b=2\\r\\n')
    resp('ns-res-merge', c, 'response merge vector', 'HTTP/1.1 200 OK\\r\\n' + merge + 'Content-Length: 0\\r\\n\\r\\n',
         spec=ACC, source=NS + '1.4, 6 #3')
    resp('ns-res-merge-join', c, 'response merge vector, joinDuplicateHeaders (location: a, b)',
         'HTTP/1.1 200 OK\\r\\n' + merge + 'Content-Length: 0\\r\\n\\r\\n', options={'join_duplicate_headers': True},
         spec=ACC, source=NS + '1.4, 6 #3')
    resp('ns-res-headers-count-max10', 'limits', '40 response header lines, maxHeadersCount=10',
         'HTTP/1.1 200 OK\\r\\n' + ''.join('X-%d: v\\r\\n' % i for i in range(40)) + 'Content-Length: 0\\r\\n\\r\\n',
         options={'max_headers_count': 10}, spec=ACC, source=NS + '1.7')


# ------------------------------------------------------------------------------------------
# Writing

OPTION_DEFAULTS = {'insecure': False, 'max_header_size': 16384, 'max_headers_count': None,
                   'join_duplicate_headers': False}


def sidecar(c, old):
    options = {k: v for k, v in c['options'].items() if OPTION_DEFAULTS.get(k, object()) != v}
    expect = {'node': {'outcome': c['spec'][0], 'code': c['spec'][1]} if c['spec'] else None,
              'strict': None}
    if old and old.get('options') == options and old.get('mode') == c['mode'] and \
            old.get('method') == c.get('method') and (old.get('expect') or {}).get('strict'):
        expect = old['expect']  # the bytes are unchanged (checked by the caller)
    d = {'id': c['id'], 'category': c['category'], 'description': c['description'], 'rfc': c['rfc'],
         'mode': c['mode']}
    if c['mode'] == 'response':
        d['method'] = c['method']
    d['options'] = options
    d['expect'] = expect
    d['spec'] = {'outcome': c['spec'][0], 'code': c['spec'][1]} if c['spec'] else None
    d['source'] = c['source']
    return d


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default=DEFAULT_OUT)
    args = ap.parse_args()
    section2()
    section3()
    node_semantics_request()
    node_semantics_response()
    seen = set()
    for c in CASES:
        if c['id'] in seen:
            sys.exit('duplicate case id %s' % c['id'])
        if not re.match(r'^[A-Za-z0-9_.-]+$', c['id']):
            sys.exit('bad case id %r' % c['id'])
        seen.add(c['id'])
    counts = {}
    for c in CASES:
        d = os.path.join(args.out, c['category'])
        os.makedirs(d, exist_ok=True)
        base = os.path.join(d, c['id'])
        old = None
        if os.path.exists(base + '.json'):
            with open(base + '.json', encoding='utf-8') as f:
                old = json.load(f)
            try:
                with open(base + '.http', 'rb') as f:
                    if f.read() != c['bytes']:
                        old = None
            except OSError:
                old = None
        with open(base + '.http', 'wb') as f:
            f.write(c['bytes'])
        with open(base + '.json', 'w', encoding='utf-8') as f:
            json.dump(sidecar(c, old), f, indent=2, ensure_ascii=False)
            f.write('\n')
        counts[c['category']] = counts.get(c['category'], 0) + 1
    for k in sorted(counts):
        print('%-24s %4d' % (k, counts[k]))
    print('%-24s %4d' % ('total', len(CASES)))


if __name__ == '__main__':
    main()
