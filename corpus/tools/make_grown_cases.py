#!/usr/bin/python3
"""Writes the systematically grown corpus cases (issue 3) under corpus/cases/.

make_spec_cases.py writes one case per example of the spec tables; this tool grows every
category of attack-vectors.md section 1 into a grid:

  - each special byte (CR, LF, NUL, HTAB, SP, VT, FF, DEL, 0x80, 0xA0, 0xFF, ':', ';', ',', '"')
    at each position of the request line, of a field line (a plain one, Content-Length's and
    Transfer-Encoding's value), of a chunk-size line, of a chunk extension, of a trailer, and
    of the response status line and a response field line;
  - numbers at the limits (Content-Length and chunk sizes around 2^31, 2^32, 2^63, 2^64 and
    beyond), head sizes around 16383/16384 bytes, header counts around 1000/1001 and
    2000/2001 with and without maxHeadersCount;
  - variants of every CVE row of section 3, pipelined streams, and a response-side set.

Each case gets a sidecar without expectations; corpus/tools/expect_from_oracle.py fills
expect.node from the Node oracle and derives expect.strict. Like make_spec_cases.py, an
already-filled expect block is kept when the bytes, mode, method and options did not change.

    /usr/bin/python3 corpus/tools/make_grown_cases.py [--out corpus/cases]
    /usr/bin/python3 corpus/tools/expect_from_oracle.py

Stdlib only. Regenerating rewrites only the files this tool owns.
"""

import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, '..', 'cases'))

SPECIAL = [  # (name used in ids, byte)
    ('cr', b'\r'), ('lf', b'\n'), ('nul', b'\x00'), ('htab', b'\t'), ('sp', b' '), ('vt', b'\x0b'),
    ('ff', b'\x0c'), ('del', b'\x7f'), ('x80', b'\x80'), ('xa0', b'\xa0'), ('xff', b'\xff'),
    ('colon', b':'), ('semi', b';'), ('comma', b','), ('dquote', b'"'),
]

CASES = []
SRC = 'make_grown_cases.py'


def case(cid, category, description, data, rfc=None, mode='request', method=None, options=None,
         source=None):
    if isinstance(data, str):
        data = data.encode('latin1')
    CASES.append({'id': cid, 'category': category, 'description': description, 'rfc': rfc,
                  'mode': mode, 'method': (method or 'GET') if mode == 'response' else None,
                  'options': options or {}, 'source': source or SRC, 'bytes': data})


def req(cid, category, description, data, **kw):
    case(cid, category, description, data, **kw)


def resp(cid, category, description, data, method='GET', **kw):
    case(cid, category, description, data, mode='response', method=method, **kw)


def esc(b):
    return ''.join(c if 0x20 <= ord(c) < 0x7f else '\\x%02x' % ord(c) for c in b.decode('latin1'))


H = 'Host: a\r\n'
TE = 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n'
CLP = 'POST / HTTP/1.1\r\nHost: a\r\n'


# ------------------------------------------------------------------------------------------
# 1. Special bytes at every position

def grid(prefix, category, what, template, positions, rfc, mode='request', method=None):
    """template: str with one {} where the byte goes, per position (dict name -> template)."""
    for pos, tmpl in positions:
        for name, b in SPECIAL:
            data = tmpl.encode('latin1').replace(b'{}', b, 1) if isinstance(tmpl, str) else tmpl(b)
            cid = '%s-%s-%s' % (prefix, pos, name)
            d = '%s: byte %s at %s' % (what, esc(b) if b not in (b' ',) else 'SP', pos)
            if mode == 'request':
                req(cid, category, d, data, rfc=rfc)
            else:
                resp(cid, category, d, data, method=method, rfc=rfc)


def special_bytes():
    tail = ' HTTP/1.1\r\nHost: a\r\n\r\n'
    grid('sb-rl', 'sb-request-line', 'request line', None, [
        ('method-start', '{}GET /a' + tail),
        ('method-mid', 'GE{}T /a' + tail),
        ('method-end', 'GET{} /a' + tail),
        ('sp1-replace', 'GET{}/a' + tail),
        ('target-start', 'GET {}/ab' + tail),
        ('target-mid', 'GET /a{}b' + tail),
        ('target-end', 'GET /ab{}' + tail),
        ('sp2-replace', 'GET /ab{}HTTP/1.1\r\nHost: a\r\n\r\n'),
        ('version-start', 'GET /ab {}HTTP/1.1\r\nHost: a\r\n\r\n'),
        ('version-mid', 'GET /ab HT{}TP/1.1\r\nHost: a\r\n\r\n'),
        ('version-digits', 'GET /ab HTTP/1{}.1\r\nHost: a\r\n\r\n'),
        ('version-end', 'GET /ab HTTP/1.1{}\r\nHost: a\r\n\r\n'),
    ], 'RFC 9112 §3')
    pre = 'GET / HTTP/1.1\r\nHost: a\r\n'
    grid('sb-fl', 'sb-field-line', 'field line X-Test: abc', None, [
        ('name-start', pre + '{}X-Test: abc\r\n\r\n'),
        ('name-mid', pre + 'X-T{}est: abc\r\n\r\n'),
        ('name-end', pre + 'X-Test{}: abc\r\n\r\n'),
        ('colon-after', pre + 'X-Test:{}abc\r\n\r\n'),
        ('value-start', pre + 'X-Test: {}abc\r\n\r\n'),
        ('value-mid', pre + 'X-Test: a{}bc\r\n\r\n'),
        ('value-end', pre + 'X-Test: abc{}\r\n\r\n'),
        ('crlf-mid', pre + 'X-Test: abc\r{}\n\r\n'),
        ('block-end-mid', pre + 'X-Test: abc\r\n\r{}\n'),
    ], 'RFC 9112 §5')
    body = 'hello12345'
    grid('sb-cl', 'sb-content-length', 'Content-Length: 10 value', None, [
        ('name-mid', CLP + 'Content-{}Length: 10\r\n\r\n' + body),
        ('name-end', CLP + 'Content-Length{}: 10\r\n\r\n' + body),
        ('value-start', CLP + 'Content-Length: {}10\r\n\r\n' + body),
        ('value-mid', CLP + 'Content-Length: 1{}0\r\n\r\n' + body),
        ('value-end', CLP + 'Content-Length: 10{}\r\n\r\n' + body),
    ], 'RFC 9110 §8.6')
    cb = '\r\n\r\n5\r\nhello\r\n0\r\n\r\n'
    grid('sb-te', 'sb-transfer-encoding', 'Transfer-Encoding: chunked value', None, [
        ('name-mid', CLP + 'Transfer-{}Encoding: chunked' + cb),
        ('name-end', CLP + 'Transfer-Encoding{}: chunked' + cb),
        ('value-start', CLP + 'Transfer-Encoding: {}chunked' + cb),
        ('value-mid', CLP + 'Transfer-Encoding: chun{}ked' + cb),
        ('value-end', CLP + 'Transfer-Encoding: chunked{}' + cb),
    ], 'RFC 9112 §6.1')
    grid('sb-ck', 'sb-chunk-line', 'chunk-size line 10 / chunk data / last chunk', None, [
        ('size-start', TE + '{}10\r\n0123456789abcdef\r\n0\r\n\r\n'),
        ('size-mid', TE + '1{}0\r\n0123456789abcdef\r\n0\r\n\r\n'),
        ('size-end', TE + '10{}\r\n0123456789abcdef\r\n0\r\n\r\n'),
        ('size-crlf-mid', TE + '10\r{}\n0123456789abcdef\r\n0\r\n\r\n'),
        ('data-end', TE + '10\r\n0123456789abcdef{}\r\n0\r\n\r\n'),
        ('data-crlf-replace', TE + '10\r\n0123456789abcdef{}\n0\r\n\r\n'),
        ('last-start', TE + '10\r\n0123456789abcdef\r\n{}0\r\n\r\n'),
        ('last-end', TE + '10\r\n0123456789abcdef\r\n0{}\r\n\r\n'),
    ], 'RFC 9112 §7.1')
    grid('sb-ext', 'sb-chunk-ext', 'chunk extension ;name=value', None, [
        ('before-semi', TE + '5{};ab=cd\r\nhello\r\n0\r\n\r\n'),
        ('name-start', TE + '5;{}ab=cd\r\nhello\r\n0\r\n\r\n'),
        ('name-mid', TE + '5;a{}b=cd\r\nhello\r\n0\r\n\r\n'),
        ('name-end', TE + '5;ab{}=cd\r\nhello\r\n0\r\n\r\n'),
        ('value-start', TE + '5;ab={}cd\r\nhello\r\n0\r\n\r\n'),
        ('value-mid', TE + '5;ab=c{}d\r\nhello\r\n0\r\n\r\n'),
        ('value-end', TE + '5;ab=cd{}\r\nhello\r\n0\r\n\r\n'),
        ('quoted-mid', TE + '5;ab="c{}d"\r\nhello\r\n0\r\n\r\n'),
        ('last-chunk-name', TE + '5\r\nhello\r\n0;a{}b\r\n\r\n'),
    ], 'RFC 9112 §7.1.1')
    grid('sb-tr', 'sb-trailer', 'trailer field X-T: abc', None, [
        ('name-start', TE + '5\r\nhello\r\n0\r\n{}X-T: abc\r\n\r\n'),
        ('name-mid', TE + '5\r\nhello\r\n0\r\nX-{}T: abc\r\n\r\n'),
        ('name-end', TE + '5\r\nhello\r\n0\r\nX-T{}: abc\r\n\r\n'),
        ('value-start', TE + '5\r\nhello\r\n0\r\nX-T: {}abc\r\n\r\n'),
        ('value-mid', TE + '5\r\nhello\r\n0\r\nX-T: a{}bc\r\n\r\n'),
        ('value-end', TE + '5\r\nhello\r\n0\r\nX-T: abc{}\r\n\r\n'),
        ('block-end-mid', TE + '5\r\nhello\r\n0\r\nX-T: abc\r\n\r{}\n'),
    ], 'RFC 9112 §7.1.2')
    rtail = '\r\nContent-Length: 2\r\n\r\nok'
    grid('sb-sl', 'sb-response-status-line', 'status line HTTP/1.1 200 OK', None, [
        ('version-start', '{}HTTP/1.1 200 OK' + rtail),
        ('version-mid', 'HT{}TP/1.1 200 OK' + rtail),
        ('version-end', 'HTTP/1.1{} 200 OK' + rtail),
        ('sp1-replace', 'HTTP/1.1{}200 OK' + rtail),
        ('status-mid', 'HTTP/1.1 2{}00 OK' + rtail),
        ('status-end', 'HTTP/1.1 200{} OK' + rtail),
        ('reason-start', 'HTTP/1.1 200 {}OK' + rtail),
        ('reason-mid', 'HTTP/1.1 200 O{}K' + rtail),
        ('reason-end', 'HTTP/1.1 200 OK{}' + rtail),
    ], 'RFC 9112 §4', mode='response')
    rpre = 'HTTP/1.1 200 OK\r\n'
    grid('sb-rf', 'sb-response-field-line', 'response field line X-Test: abc', None, [
        ('name-start', rpre + '{}X-Test: abc\r\nContent-Length: 2\r\n\r\nok'),
        ('name-end', rpre + 'X-Test{}: abc\r\nContent-Length: 2\r\n\r\nok'),
        ('value-mid', rpre + 'X-Test: a{}bc\r\nContent-Length: 2\r\n\r\nok'),
        ('value-end', rpre + 'X-Test: abc{}\r\nContent-Length: 2\r\n\r\nok'),
        ('cl-value-mid', rpre + 'Content-Length: 1{}0\r\n\r\n0123456789'),
        ('chunk-size-end', rpre + 'Transfer-Encoding: chunked\r\n\r\n2{}\r\nok\r\n0\r\n\r\n'),
    ], 'RFC 9112 §5', mode='response')


# ------------------------------------------------------------------------------------------
# 2. Numbers and sizes at the limits

BIG_NUMBERS = [  # (id part, decimal string)
    ('2p31m1', str(2**31 - 1)), ('2p31', str(2**31)), ('2p31p5', str(2**31 + 5)),
    ('2p32m1', str(2**32 - 1)), ('2p32', str(2**32)), ('2p32p5', str(2**32 + 5)),
    ('2p53', str(2**53)), ('2p53p1', str(2**53 + 1)),
    ('2p63m1', str(2**63 - 1)), ('2p63', str(2**63)), ('2p64m1', str(2**64 - 1)), ('2p64', str(2**64)),
    ('2p64p5', str(2**64 + 5)), ('1e20', '1' + '0' * 20), ('1e30', '1' + '0' * 30),
    ('zeros20-5', '0' * 20 + '5'), ('zeros100-5', '0' * 100 + '5'), ('max-minus-1', str(2**64 - 2)),
]

BIG_HEX = [  # (id part, hex string)
    ('7fffffff', '7fffffff'), ('80000000', '80000000'), ('80000005', '80000005'), ('ffffffff', 'ffffffff'),
    ('100000000', '100000000'), ('100000005', '100000005'), ('7fffffffffffffff', '7fffffffffffffff'),
    ('8000000000000000', '8000000000000000'), ('fffffffffffffffe', 'fffffffffffffffe'),
    ('ffffffffffffffff', 'ffffffffffffffff'), ('10000000000000000', '10000000000000000'),
    ('10000000000000005', '10000000000000005'), ('1-then-31-zeros', '1' + '0' * 31),
    ('zeros20-5', '0' * 20 + '5'), ('zeros100-5', '0' * 100 + '5'), ('FFFFFFFFFFFFFFFF-upper', 'FFFFFFFFFFFFFFFF'),
]


def limits():
    c = 'limit-content-length'
    for name, v in BIG_NUMBERS:
        req('lim-cl-%s' % name, c, 'request Content-Length %s then 5 bytes' % v,
            CLP + 'Content-Length: %s\r\n\r\nhello' % v, rfc='RFC 9110 §8.6')
        resp('lim-res-cl-%s' % name, c, 'response Content-Length %s then 5 bytes' % v,
             'HTTP/1.1 200 OK\r\nContent-Length: %s\r\n\r\nhello' % v, rfc='RFC 9110 §8.6')
    req('lim-cl-2p64p5-insecure', c, 'Content-Length 2^64+5 with insecureHTTPParser',
        CLP + 'Content-Length: %d\r\n\r\nhello' % (2**64 + 5), options={'insecure': True})
    c = 'limit-chunk-size'
    for name, v in BIG_HEX:
        req('lim-chunk-%s' % name, c, 'request chunk size %s then 5 bytes' % v,
            TE + '%s\r\nhello\r\n0\r\n\r\n' % v, rfc='RFC 9112 §7.1')
        resp('lim-res-chunk-%s' % name, c, 'response chunk size %s then 5 bytes' % v,
             'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%s\r\nhello\r\n0\r\n\r\n' % v,
             rfc='RFC 9112 §7.1')

    c = 'limit-header-size'
    # Node counts URL + names + values (F11). 'GET / ... Host: a' + 'X: <n a>' = 1 + 5 + 1 + n.
    for total in (16380, 16382, 16383, 16384, 16385, 16400):
        n = total - 7
        req('lim-hsize-count-%d' % total, c, 'default maxHeaderSize: counted head bytes %d' % total,
            'GET / HTTP/1.1\r\nHost: a\r\nX: ' + 'a' * n + '\r\n\r\n', rfc=None)
    for total in (16383, 16384):
        # the same count spread over 8 lines
        per = (total - 6) // 8
        extra = (total - 6) - per * 8
        lines = ''.join('Y%d: %s\r\n' % (i, 'b' * (per - 2 - (1 if i < 10 else 2) + (extra if i == 0 else 0)))
                        for i in range(8))
        req('lim-hsize-spread-%d' % total, c, 'default maxHeaderSize: about %d bytes over 8 lines' % total,
            'GET / HTTP/1.1\r\nHost: a\r\n' + lines + '\r\n')
        req('lim-hsize-url-%d' % total, c, 'default maxHeaderSize: URL of about %d bytes' % total,
            'GET /' + 'u' * (total - 6) + ' HTTP/1.1\r\nHost: a\r\n\r\n')
        resp('lim-res-hsize-%d' % total, c, 'response: counted head bytes about %d' % total,
             'HTTP/1.1 200 OK\r\nX: ' + 'a' * (total - 3) + '\r\nContent-Length: 0\r\n\r\n')
        req('lim-hsize-trailer-%d' % total, c, 'trailer of about %d bytes counts against maxHeaderSize' % total,
            TE + '0\r\nT: ' + 'a' * (total - 30) + '\r\n\r\n')
    for mhs in (1, 50, 64, 1024, 65536):
        for delta in (-1, 0):
            n = mhs - 7 + delta
            if n < 0:
                continue
            req('lim-hsize-max%d-d%d' % (mhs, delta), c, 'maxHeaderSize=%d, counted %d' % (mhs, mhs + delta),
                'GET / HTTP/1.1\r\nHost: a\r\nX: ' + 'a' * n + '\r\n\r\n', options={'max_header_size': mhs})

    c = 'limit-header-count'
    def many(n, prefix='a'):
        return ''.join('%s%d:v\r\n' % (prefix, i) for i in range(n))
    big = {'max_header_size': 1000000}
    for n in (999, 1000, 1001, 1002):
        req('lim-hcount-%d-default-small' % n, c, '%d short header lines, default limits' % n,
            'GET / HTTP/1.1\r\n' + many(n) + '\r\n')
    for n in (1999, 2000, 2001, 2002):
        req('lim-hcount-%d-default' % n, c, '%d header lines, maxHeadersCount not set (Node keeps 1000)' % n,
            'GET / HTTP/1.1\r\n' + many(n) + '\r\n')
        req('lim-hcount-%d-max2000' % n, c, '%d header lines, maxHeadersCount=2000' % n,
            'GET / HTTP/1.1\r\n' + many(n) + '\r\n', options={'max_headers_count': 2000})
    for mhc, ns in ((1, (1, 2)), (1000, (1000, 1001)), (5, (4, 5, 6)), (31, (31, 32, 62, 63)),
                    (0, (1, 2500))):
        for n in ns:
            req('lim-hcount-%d-max%d' % (n, mhc), c, '%d header lines, maxHeadersCount=%d' % (n, mhc),
                'GET / HTTP/1.1\r\n' + many(n) + '\r\n', options=dict(big, max_headers_count=mhc))
    for n, mhc in ((1001, None), (2001, 2000), (12, 10), (40, 31)):
        o = dict(big)
        if mhc is not None:
            o['max_headers_count'] = mhc
        resp('lim-res-hcount-%d-max%s' % (n, mhc), c, 'response with %d header lines, maxHeadersCount=%s' % (n, mhc),
             'HTTP/1.1 200 OK\r\n' + many(n) + 'Content-Length: 0\r\n\r\n', options=o)
        req('lim-trcount-%d-max%s' % (n, mhc), c, '%d trailer lines, maxHeadersCount=%s' % (n, mhc),
            TE + '0\r\n' + many(n, 't') + '\r\n', options=o)
    req('lim-hcount-1001-join', c, '1001 lines of the same name, joinDuplicateHeaders',
        'GET / HTTP/1.1\r\n' + 'a:v\r\n' * 1001 + '\r\n', options={'join_duplicate_headers': True})
    req('lim-hcount-1001-same-name', c, '1001 lines of the same name, default',
        'GET / HTTP/1.1\r\n' + 'x-a:v\r\n' * 1001 + '\r\n')

    c = 'resource-limits'
    req('rl-chunk-ext-16383', c, 'chunk extensions of 16383 bytes in one chunk',
        TE + '1;' + 'e' * 16381 + '\r\nA\r\n0\r\n\r\n')
    req('rl-chunk-ext-16384', c, 'chunk extensions of 16384 bytes in one chunk',
        TE + '1;' + 'e' * 16382 + '\r\nA\r\n0\r\n\r\n')
    req('rl-chunk-ext-16385', c, 'chunk extensions of 16385 bytes in one chunk',
        TE + '1;' + 'e' * 16383 + '\r\nA\r\n0\r\n\r\n')
    req('rl-chunk-ext-spread', c, '20 chunks each with 1000 bytes of extensions (per-chunk limit)',
        TE + ('1;e=' + 'v' * 1000 + '\r\nA\r\n') * 20 + '0\r\n\r\n')
    req('rl-chunk-ext-last-chunk-17k', c, '17000 bytes of extensions on the last chunk',
        TE + '0;' + 'e' * 17000 + '\r\n\r\n')
    req('rl-chunk-ext-quoted-17k', c, '17000 bytes of quoted extension value',
        TE + '1;e="' + 'v' * 17000 + '"\r\nA\r\n0\r\n\r\n')
    resp('rl-res-chunk-ext-17k', c, 'response chunk with 17000 bytes of extensions',
         'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;' + 'e' * 17000 + '\r\nA\r\n0\r\n\r\n')
    req('rl-huge-cl-no-body', c, 'Content-Length 999999999 and no body',
        CLP + 'Content-Length: 999999999\r\n\r\n')
    req('rl-long-method', c, 'a 2000-byte method', 'A' * 2000 + ' / HTTP/1.1\r\nHost: a\r\n\r\n')
    req('rl-long-name', c, 'a 17000-byte header name', 'GET / HTTP/1.1\r\n' + 'N' * 17000 + ': v\r\n\r\n')
    req('rl-many-small-chunks', c, '3000 one-byte chunks', TE + '1\r\nA\r\n' * 3000 + '0\r\n\r\n')
    req('rl-many-leading-crlf', c, '1000 empty lines before a request',
        '\r\n' * 1000 + 'GET / HTTP/1.1\r\nHost: a\r\n\r\n')
    req('rl-many-pipelined', c, '300 pipelined requests', 'GET / HTTP/1.1\r\nHost: a\r\n\r\n' * 300)


# ------------------------------------------------------------------------------------------
# 3. Framing categories of section 1, grown

def framing():
    c = 'cl-te'
    tes = [('chunked', 'chunked'), ('sp-chunked', ' chunked'), ('chunked-sp', 'chunked '),
           ('upper', 'CHUNKED'), ('gzip-chunked', 'gzip, chunked'), ('identity', 'identity'),
           ('chunked-gzip', 'chunked, gzip')]
    for tn, tv in tes:
        for cl in ('0', '5'):
            req('clte-cl%s-first-%s' % (cl, tn), c, 'Content-Length: %s then Transfer-Encoding: %s' % (cl, tv),
                CLP + 'Content-Length: %s\r\nTransfer-Encoding: %s\r\n\r\n0\r\n\r\n' % (cl, tv), rfc='RFC 9112 §6.3')
            req('clte-te-first-%s-cl%s' % (tn, cl), c, 'Transfer-Encoding: %s then Content-Length: %s' % (tv, cl),
                CLP + 'Transfer-Encoding: %s\r\nContent-Length: %s\r\n\r\n0\r\n\r\n' % (tv, cl), rfc='RFC 9112 §6.3')
    req('clte-http10', c, 'HTTP/1.0 with CL and TE', 'POST / HTTP/1.0\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n')
    req('clte-cl-in-trailer', c, 'chunked body, Content-Length in the trailer',
        TE + '5\r\nhello\r\n0\r\nContent-Length: 5\r\n\r\n')

    c = 'cl-cl'
    for n, (a, b) in enumerate([('5', '5'), ('5', '6'), ('0', '0'), ('5', ' 5'), ('5', '05'), ('5', ''),
                                ('', '5')]):
        req('clcl-dup-%d' % n, c, 'Content-Length: %r twice as %r' % (a, b),
            CLP + 'Content-Length: %s\r\nContent-Length: %s\r\n\r\nhello' % (a, b), rfc='RFC 9110 §8.6')
    for n, v in enumerate(['5,5', '5, 5', '5 ,5', '5,', ',5', '5,,5', '5, 6', '5\t,\t5']):
        req('clcl-list-%d' % n, c, 'Content-Length list %r' % v,
            CLP + 'Content-Length: %s\r\n\r\nhello' % v, rfc='RFC 9110 §8.6')
    req('clcl-case-names', c, 'content-length and CONTENT-LENGTH', CLP + 'content-length: 5\r\nCONTENT-LENGTH: 5\r\n\r\nhello')
    resp('clcl-res-dup-diff', c, 'response with two different Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok!')
    resp('clcl-res-list', c, 'response Content-Length: 2, 2', 'HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok')

    c = 'cl-number'
    vals = ['+5', '-5', '-0', '0x5', '5_', '_5', '1e1', '5.0', '5.', '.5', '05', '00005', '0', '00', ' 5', '5 ',
            '5  ', '  5', '5\t', '\t5', '5 5', '5a', 'a5', '\xd9\xa5', '\xb5', '５'.encode('utf-8').decode('latin1'),
            '5\x00', '1 0', 'five', '0005 ', '4294967296', '18446744073709551616']
    for n, v in enumerate(vals):
        req('clnum-%02d' % n, c, 'Content-Length: %r' % v, CLP + 'Content-Length: %s\r\n\r\nhello12345' % v,
            rfc='RFC 9110 §8.6')

    c = 'te-obfuscation'
    names = ['Transfer-Encoding ', 'Transfer-Encoding\t', ' Transfer-Encoding', 'Transfer_Encoding',
             'transfer-encoding', 'TRANSFER-ENCODING', 'Transfer-Encoding\x85', '\x85Transfer-Encoding',
             'Transfer-Encoding\xa0', 'Transfer-Encoding\xad', 'Transfer\\Encoding', 'Transfer Encoding',
             'Transfer-Encodings', 'XTransfer-Encoding', 'Transfer-Encoding\x00', 'Transfer-\rEncoding',
             'Transfer-Encoding\x0b', 'Transfer-Encoding\x0c', 'Content-Encoding', 'TE']
    for n, nm in enumerate(names):
        req('tename-%02d' % n, c, 'TE name %r with Content-Length: 5 fallback' % nm,
            CLP + '%s: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n' % nm, rfc='RFC 9112 §6.1')
    values = ['xchunked', 'chunkedx', 'chunked ', 'chunked\t', ' chunked', '\tchunked', 'chunked,', 'chunked, chunked',
              'identity, chunked', 'gzip, chunked', 'gzip,chunked', 'chunked , gzip', 'CHUNKED', 'Chunked', 'chunk',
              'chunkedchunked', '"chunked"', 'chunked;q=1', 'chunked ;', ',,chunked', 'chunked\x00', ', chunked',
              'identity', 'gzip', 'deflate, chunked', 'chunked\xa0', '\xa0chunked', 'chunked,identity', 'cHuNkEd',
              'x, chunked', 'chunked, x', 'chunked\x0b']
    for n, v in enumerate(values):
        req('teval-%02d' % n, c, 'Transfer-Encoding: %r' % v,
            CLP + 'Transfer-Encoding: %s\r\n\r\n5\r\nhello\r\n0\r\n\r\n' % v, rfc='RFC 9112 §6.1')
    for n, (a, b) in enumerate([('chunked', 'chunked'), ('gzip', 'chunked'), ('chunked', 'gzip'),
                                ('identity', 'chunked'), ('chunked', ''), ('', 'chunked')]):
        req('tedup-%d' % n, c, 'two TE lines %r and %r' % (a, b),
            CLP + 'Transfer-Encoding: %s\r\nTransfer-Encoding: %s\r\n\r\n0\r\n\r\n' % (a, b))

    c = 'te-http10'
    for m in ('GET', 'POST', 'PUT'):
        for tn, tv in (('chunked', 'chunked'), ('gzip-chunked', 'gzip, chunked'), ('identity', 'identity')):
            req('te10-%s-%s' % (m.lower(), tn), c, '%s HTTP/1.0 with Transfer-Encoding: %s' % (m, tv),
                '%s / HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: %s\r\n\r\n3\r\nabc\r\n0\r\n\r\n' % (m, tv),
                rfc='RFC 9112 §6.1')
    req('te10-keepalive-pipelined', c, 'HTTP/1.0 keep-alive chunked, then a second request',
        'POST / HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /2 HTTP/1.0\r\n\r\n')
    resp('te10-res-chunked', c, 'HTTP/1.0 response with Transfer-Encoding: chunked',
         'HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n')

    c = 'header-hiding'
    hid = [
        ('fold-sp-cl', 'X: x\r\n Content-Length: 5\r\n'), ('fold-tab-cl', 'X: x\r\n\tContent-Length: 5\r\n'),
        ('fold-sp-te', 'X: x\r\n Transfer-Encoding: chunked\r\n'), ('fold-cl-value', 'Content-Length:\r\n 5\r\n'),
        ('fold-te-value', 'Transfer-Encoding:\r\n chunked\r\n'), ('lf-join-cl', 'X: x\nContent-Length: 5\r\n'),
        ('cr-join-cl', 'X: x\rContent-Length: 5\r\n'), ('cr-join-te', 'X: x\rTransfer-Encoding: chunked\r\n'),
        ('conn-te', 'Transfer-Encoding: chunked\r\nConnection: Transfer-Encoding\r\n'),
        ('conn-cl-close', 'Content-Length: 5\r\nConnection: close, Content-Length\r\n'),
        ('fold-host', 'Host: b\r\n  c\r\n'), ('crlf-cr-cl', 'X: x\r\n\rContent-Length: 5\r\n'),
        ('nul-name-cl', '\x00Content-Length: 5\r\n'), ('lf-lead-cl', '\nContent-Length: 5\r\n'),
    ]
    for name, lines in hid:
        req('hide-%s' % name, c, 'header hiding: %r' % lines, CLP + lines + '\r\nhello', rfc='RFC 9112 §5.2')
        if name.startswith('fold') or 'join' in name:
            req('hide-%s-insecure' % name, c, 'header hiding with insecureHTTPParser: %r' % lines,
                CLP + lines + '\r\nhello', options={'insecure': True}, rfc='RFC 9112 §5.2')

    c = 'chunk-spill'
    for n, (size, data) in enumerate([('5', 'hell'), ('5', 'hello!'), ('5', 'hello!!'), ('4', 'hello'),
                                      ('3', 'hello'), ('a', 'hello'), ('0', 'x')]):
        req('spill-%d' % n, c, 'chunk size %s with data %r' % (size, data),
            TE + '%s\r\n%s\r\n0\r\n\r\n' % (size, data), rfc='RFC 9112 §7.1')
    c = 'chunk-terminator'
    for n, t in enumerate(['\n', '\r', 'XX', '\r\r', '\n\r', '\n\n', ' \r\n', '\r\n\r\n', 'X\n', '\rX']):
        req('term-%d' % n, c, 'chunk data terminated by %r' % t,
            TE + '2\r\nxx%s0\r\n\r\n' % t, rfc='RFC 9112 §7.1')
        req('term-last-%d' % n, c, 'last-chunk line terminated by %r' % t,
            TE + '2\r\nxx\r\n0%s\r\n' % t, rfc='RFC 9112 §7.1')
    c = 'trailers'
    trs = [('cl', 'Content-Length: 5'), ('te', 'Transfer-Encoding: chunked'), ('host', 'Host: b'),
           ('empty-name', ': v'), ('no-colon', 'Trailer'), ('lf-end', 'X: y\n'), ('obs-fold', 'X: y\r\n z'),
           ('many-dup', 'X: 1\r\nX: 2\r\nx: 3'), ('set-cookie', 'Set-Cookie: a\r\nSet-Cookie: b'),
           ('expect', 'Expect: 100-continue'), ('connection-close', 'Connection: close'),
           ('long-value', 'X: ' + 'v' * 2000)]
    for name, t in trs:
        req('trl-%s' % name, c, 'trailer %r' % t, TE + '1\r\nA\r\n0\r\n%s\r\n\r\n' % t, rfc='RFC 9112 §7.1.2')
    req('trailer-then-request', c, 'trailer section, then a pipelined request',
        TE + '0\r\nX: y\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n')
    req('trailer-lf-then-request', c, 'trailer section ended by bare LF, then a request',
        TE + '0\r\nX: y\r\n\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n')
    req('trailer-eof', c, 'input ends inside the trailer section', TE + '0\r\nX: y\r\n')

    c = 'chunk-size'
    for n, s in enumerate(['0x5', '+5', '-5', '5_', '_5', ' 5', '5 ', '\t5', '5\t', '', '5;', '5 ;a', '05', '005',
                           '5h', 'g', '5\x00', 'A', 'a', 'fF', '5;a;b', '5 ; a', ';5']):
        req('csize-%02d' % n, c, 'chunk size %r' % s, TE + '%s\r\nhello\r\n0\r\n\r\n' % s, rfc='RFC 9112 §7.1')
    c = 'chunk-ext'
    for n, e in enumerate([';a', ';a=b', ';a="b"', ';a=""', ';a="b\\"c"', ';a="b\\\\"', ';a=b;c=d', ';a =b', ';a= b',
                           ';=b', ';a=', ';a="unterminated', ';a="b"c', ';;', ';a=b c', ';a\tb', ';a="b\rc"',
                           ';a="\x80"', ';a="b\nc"', ';a=b\n']):
        req('cext-%02d' % n, c, 'chunk extension %r' % e, TE + '5%s\r\nhello\r\n0\r\n\r\n' % e,
            rfc='RFC 9112 §7.1.1')


# ------------------------------------------------------------------------------------------
# 4. Request line, host, bodiless methods, expect, connection

def request_side():
    c = 'request-line'
    lines = ['GET / HTTP/1.1', 'GET  / HTTP/1.1', 'GET /  HTTP/1.1', 'GET / HTTP/1.1 ', ' GET / HTTP/1.1',
             'GET\t/\tHTTP/1.1', 'GET / HTTP/1.10', 'GET / HTTP/11', 'GET / HTTP/1', 'GET / HTTP/1.', 'GET / HTTP/0.9',
             'GET / HTTP/1.0', 'GET / HTTP/2', 'GET / HTTP/3.0', 'GET / HTTP/9.9', 'GET / HTTPS/1.1', 'GET / RTSP/1.0',
             'GET / ICE/1.0', 'GET / HTTP/1.1x', 'GET /', 'GET', 'GET  ', 'get / HTTP/1.1', 'Get / HTTP/1.1',
             'GETS / HTTP/1.1', 'GE / HTTP/1.1', 'G / HTTP/1.1', 'PATCH /a?b=c#d HTTP/1.1', 'GET * HTTP/1.1',
             'GET http://a/b HTTP/1.1', 'GET a:80 HTTP/1.1', 'GET //a HTTP/1.1', 'GET /%00 HTTP/1.1',
             'GET /\xe9 HTTP/1.1', 'GET /a#frag HTTP/1.1', 'M-SEARCH * HTTP/1.1', 'PRI / HTTP/1.1', 'SOURCE / HTTP/1.1',
             'QUERY / HTTP/1.1', 'LINK / HTTP/1.1', 'POST / HTTP/1.1\x00', 'GET /?a=%%%% HTTP/1.1']
    for n, l in enumerate(lines):
        req('rline-%02d' % n, c, 'request line %r' % l, l + '\r\nHost: a\r\n\r\n', rfc='RFC 9112 §3')
    c = 'host-target'
    for n, (t, h) in enumerate([('/', None), ('/', ''), ('/', 'a:80'), ('/', 'a b'), ('/', 'a, b'), ('/', 'u@a'),
                                ('/', '[::1]:80'), ('/', 'a\t'), ('http://a/', 'a'), ('http://u:p@b/', 'a'),
                                ('https://b:443/x', 'a'), ('http://a/', None), ('/', 'a\x80'), ('//b/', 'a')]):
        hl = '' if h is None else 'Host: %s\r\n' % h
        req('host-%02d' % n, c, 'target %r, Host %r' % (t, h), 'GET %s HTTP/1.1\r\n%s\r\n' % (t, hl), rfc='RFC 9112 §3.2')
    req('host-three', c, 'three Host lines', 'GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\nhost: b\r\n\r\n')
    req('host-dup-http10', c, 'HTTP/1.0 with two Host lines', 'GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n')
    c = 'body-on-bodiless'
    for m in ('GET', 'HEAD', 'OPTIONS', 'DELETE', 'TRACE'):
        req('bodiless-%s-cl' % m.lower(), c, '%s with Content-Length: 5 and body' % m,
            '%s / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello' % m, rfc='RFC 9110 §9.3')
        req('bodiless-%s-chunked' % m.lower(), c, '%s with a chunked body' % m,
            '%s / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n' % m)
        req('bodiless-%s-smuggle' % m.lower(), c, '%s with CL covering a second request' % m,
            '%s / HTTP/1.1\r\nHost: a\r\nContent-Length: 28\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n' % m)
    c = 'expect'
    for n, v in enumerate(['100-continue', '100-Continue', ' 100-continue ', '100-continue, foo', 'foo,100-continue',
                           '100-continuex', 'x100-continue', '100-continue\t', '102-processing', '', '100-continue;a=b',
                           '100 continue', '"100-continue"', '100-continue\xa0']):
        req('expect-%02d' % n, c, 'Expect: %r' % v, CLP + 'Expect: %s\r\nContent-Length: 5\r\n\r\nhello' % v,
            rfc='RFC 9110 §10.1.1')
    req('expect-dup', c, 'two Expect lines', CLP + 'Expect: 100-continue\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n')
    req('expect-chunked', c, 'Expect with a chunked body', CLP + 'Expect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n')
    c = 'connection'
    for n, v in enumerate(['close', 'Close', 'CLOSE', ' close', 'close ', 'close\t', 'keep-alive, close', 'close, keep-alive',
                           'closed', 'upgrade, close', 'close,close', ',close', 'clos', 'keep-alive', 'x close',
                           'close\x0b']):
        req('conn-%02d' % n, c, 'Connection: %r then a second request' % v,
            'GET /1 HTTP/1.1\r\nHost: a\r\nConnection: %s\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n' % v,
            rfc='RFC 9112 §9.6')
    req('conn-close-then-crlf-then-data', c, 'Connection: close, CRLF, then data',
        'GET / HTTP/1.1\r\nConnection: close\r\n\r\n\r\n\r\nX')
    req('conn-http10-keepalive-case', c, 'HTTP/1.0 with Connection: Keep-Alive, then a request',
        'GET /1 HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\nGET /2 HTTP/1.0\r\n\r\n')
    req('conn-bad-chunk-then-request', c, 'error recovery: bad chunk, then a request',
        TE + 'INVALID!!!\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n')
    c = 'upgrade-connect'
    for n, (conn, up) in enumerate([('Upgrade', 'websocket'), ('upgrade', 'h2c'), ('keep-alive, Upgrade', 'websocket'),
                                    ('close', 'websocket'), ('Upgrade', ''), (None, 'websocket'), ('Upgrade', None),
                                    ('UPGRADE', 'x')]):
        hs = ('Connection: %s\r\n' % conn if conn is not None else '') + ('Upgrade: %s\r\n' % up if up is not None else '')
        req('upg-%d' % n, c, 'Connection %r, Upgrade %r, then bytes' % (conn, up),
            'GET / HTTP/1.1\r\nHost: a\r\n' + hs + '\r\nRAW\r\n\r\n')
    for n, t in enumerate(['a:443', 'a', '/x', '*', 'http://a/', '[::1]:1']):
        req('connect-%d' % n, c, 'CONNECT %s then bytes' % t, 'CONNECT %s HTTP/1.1\r\nHost: a\r\n\r\nTUNNEL' % t)
    req('connect-http10', c, 'CONNECT with HTTP/1.0', 'CONNECT a:1 HTTP/1.0\r\n\r\nX')
    req('upg-post-chunked', c, 'Upgrade on a POST with a chunked body',
        'POST / HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n0\r\n\r\nRAW')


# ------------------------------------------------------------------------------------------
# 5. CVE variants and pipelining

def cves():
    c = 'cve'
    base = 'POST / HTTP/1.1\r\nHost: a\r\n'
    v = [
        ('2019-15605-gzip-identity', 'Transfer-Encoding: gzip, identity\r\n\r\nbody'),
        ('2019-15605-chunked-chunked-identity', 'Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n'),
        ('2020-8201-cr-in-te-name', 'Transfer\rEncoding: chunked\r\n\r\n0\r\n\r\n'),
        ('2020-8201-cr-in-cl-name-end', 'Content-Length\r: 5\r\n\r\nhello'),
        ('2020-8287-identity-then-chunked', 'Transfer-Encoding: identity\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'),
        ('2020-8287-chunked-then-gzip', 'Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n0\r\n\r\n'),
        ('2021-22959-tab-before-colon', 'Content-Length\t: 5\r\n\r\nhello'),
        ('2021-22959-sp-te', 'Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n'),
        ('2021-22960-cr-in-ext', 'Transfer-Encoding: chunked\r\n\r\n5;a\rb\r\nhello\r\n0\r\n\r\n'),
        ('2021-22960-del-in-ext', 'Transfer-Encoding: chunked\r\n\r\n5;a\x7f\r\nhello\r\n0\r\n\r\n'),
        ('2022-32213-chunked-sp-x', 'Transfer-Encoding: chunked x\r\n\r\n0\r\n\r\n'),
        ('2022-32213-chunkedX-then-cl', 'Transfer-Encoding: chunkedX\r\nContent-Length: 5\r\n\r\nhello'),
        ('2022-32214-bare-lf-te', 'X: a\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'),
        ('2022-32215-fold-tab', 'Transfer-Encoding: chunked\r\n\tabc\r\n\r\n0\r\n\r\n'),
        ('2022-35256-cr-then-cl', 'X: y\rContent-Length: 5\r\n\r\nhello'),
        ('2023-30589-cr-x-te', 'X-Abc: \rxTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n0\r\n\r\n'),
        ('2024-27982-fold-tab-cl', 'X: a\r\n\tContent-Length: 5\r\n\r\nhello'),
        ('2025-23167-rX-after-cl', 'Content-Length: 0\r\n\rX-Smuggled: yes\r\n\r\n'),
        ('2025-23167-r-r', 'X: y\r\n\r\r\n'),
    ]
    for name, tail in v:
        req('cvev-%s' % name, c, 'CVE-%s variant' % name.split('-')[0] + ' (%s)' % name, base + tail)
        req('cvev-%s-insecure' % name, c, 'CVE-%s variant with insecureHTTPParser' % name.split('-')[0],
            base + tail, options={'insecure': True})
    req('cvev-2024-22019-ext-over-two-chunks', c, 'CVE-2024-22019: 9000 bytes of extensions in each of two chunks',
        TE + '1;' + 'e' * 9000 + '\r\nA\r\n1;' + 'e' * 9000 + '\r\nB\r\n0\r\n\r\n')
    resp('cvev-res-2022-35256-bare-cr', c, 'CVE-2022-35256 on a response', 'HTTP/1.1 200 OK\r\nX: y\rContent-Length: 2\r\n\r\nok')
    resp('cvev-res-2024-27982-fold', c, 'CVE-2024-27982 on a response', 'HTTP/1.1 200 OK\r\nX: a\r\n Content-Length: 2\r\n\r\nok')
    resp('cvev-res-2021-22959', c, 'CVE-2021-22959 on a response', 'HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nok')
    resp('cvev-res-2025-23167', c, 'CVE-2025-23167 on a response', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\rXok')


def pipelining():
    c = 'pipelining'
    M = {
        'get': 'GET /g HTTP/1.1\r\nHost: a\r\n\r\n',
        'cl': 'POST /c HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc',
        'ch': 'POST /k HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
        'tr': 'POST /t HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n0\r\nT: 1\r\n\r\n',
        'h10': 'GET /o HTTP/1.0\r\nConnection: keep-alive\r\n\r\n',
        'head': 'HEAD /h HTTP/1.1\r\nHost: a\r\n\r\n',
        'bad': 'GET /b HTTP/1.1\r\nX : y\r\n\r\n',
        'close': 'GET /z HTTP/1.1\r\nConnection: close\r\n\r\n',
        'upg': 'GET /u HTTP/1.1\r\nConnection: upgrade\r\nUpgrade: x\r\n\r\n',
        'eof': 'POST /e HTTP/1.1\r\nContent-Length: 9\r\n\r\nabc',
    }
    seqs = [('get', 'get', 'get'), ('cl', 'get'), ('ch', 'cl', 'get'), ('tr', 'ch'), ('h10', 'get'), ('head', 'cl'),
            ('get', 'bad', 'get'), ('cl', 'close', 'get'), ('ch', 'upg', 'get'), ('get', 'eof'), ('ch', 'ch', 'ch', 'ch'),
            ('bad', 'get'), ('close', 'bad'), ('tr', 'tr'), ('h10', 'h10', 'get'), ('get', 'cl', 'ch', 'tr', 'head')]
    for s in seqs:
        req('pipe-%s' % '-'.join(s), c, 'pipelined: %s' % ', '.join(s), ''.join(M[x] for x in s), rfc='RFC 9112 §9.3.2')
    req('pipe-crlf-between', c, 'CRLF between pipelined requests', M['get'] + '\r\n' + M['get'])
    req('pipe-lf-between', c, 'bare LF between pipelined requests', M['get'] + '\n' + M['get'])
    req('pipe-crlfcrlf-between', c, 'two CRLF between pipelined requests', M['cl'] + '\r\n\r\n' + M['get'])
    req('pipe-sp-between', c, 'SP between pipelined requests', M['get'] + ' ' + M['get'])
    req('pipe-cl-short', c, 'CL one byte short: the rest starts the next request',
        'POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nabcGET / HTTP/1.1\r\n\r\n')
    req('pipe-cl-long', c, 'CL one byte long swallows the next method byte',
        'POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcGET / HTTP/1.1\r\n\r\n')
    req('pipe-second-eof-head', c, 'second request cut inside its head', M['get'] + 'GET / HTTP/1.1\r\nHo')
    req('pipe-http09-second', c, 'HTTP/0.9-looking second request', M['get'] + 'GET /x\r\n\r\n')
    req('pipe-expect-then-get', c, 'Expect request then a GET',
        'POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nxGET / HTTP/1.1\r\n\r\n')


# ------------------------------------------------------------------------------------------
# 6. Responses

def responses():
    c = 'response-1xx'
    codes = {'100': 'Continue', '101': 'Switching Protocols', '102': 'Processing', '103': 'Early Hints', '199': 'X'}
    chains = [('100',), ('100', '100'), ('102', '103'), ('103', '103', '103'), ('100', '102', '103', '199'),
              ('199',), ('100', '101')]
    for ch in chains:
        pre = ''.join('HTTP/1.1 %s %s\r\n\r\n' % (s, codes[s]) for s in ch)
        resp('r1xx-%s-200' % '-'.join(ch), c, '1xx chain %s then 200' % ','.join(ch),
             pre + 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', rfc='RFC 9110 §15.2')
        resp('r1xx-%s-eof' % '-'.join(ch), c, '1xx chain %s then EOF' % ','.join(ch), pre, rfc='RFC 9110 §15.2')
    for n, hs in enumerate(['Transfer-Encoding: chunked', 'Content-Length: 0', 'Content-Length: 3', 'Link: <a>\r\nLink: <b>',
                            'Connection: close', 'X: a\r\n b', 'Set-Cookie: a\r\nSet-Cookie: b']):
        resp('r1xx-headers-%d' % n, c, '103 with %r, then 200' % hs,
             'HTTP/1.1 103 Early Hints\r\n%s\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok' % hs)
    resp('r1xx-http10', c, 'HTTP/1.0 100 then 200', 'HTTP/1.0 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\n\r\nbody')
    resp('r1xx-lf-only', c, '100 ended by bare LF', 'HTTP/1.1 100 Continue\n\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')
    resp('r1xx-then-garbage', c, '100 then garbage', 'HTTP/1.1 100 Continue\r\n\r\nGARBAGE')
    resp('r1xx-101-upgrade-body', c, '101 with Upgrade and Content-Length',
         'HTTP/1.1 101 Switching\r\nConnection: Upgrade\r\nUpgrade: x\r\nContent-Length: 3\r\n\r\nabcdef')
    resp('r1xx-101-connection-only', c, '101 with Connection: upgrade only',
         'HTTP/1.1 101 Switching\r\nConnection: upgrade\r\n\r\nxyz')
    resp('r1xx-101-upgrade-only', c, '101 with Upgrade only', 'HTTP/1.1 101 Switching\r\nUpgrade: x\r\n\r\nxyz')
    resp('r1xx-head-100-then-200', c, 'HEAD: 100 then 200 with Content-Length',
         'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n', method='HEAD')

    c = 'response-no-body'
    fr = [('none', ''), ('cl5', 'Content-Length: 5\r\n'), ('cl0', 'Content-Length: 0\r\n'),
          ('chunked', 'Transfer-Encoding: chunked\r\n'), ('clte', 'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n'),
          ('te-gzip', 'Transfer-Encoding: gzip\r\n')]
    for method, status in (('HEAD', '200'), ('GET', '204'), ('GET', '304'), ('HEAD', '204'), ('HEAD', '304'),
                           ('GET', '205')):
        for fname, fh in fr:
            for after_name, after in (('end', ''), ('bytes', 'hello')):
                resp('rnb-%s-%s-%s-%s' % (method.lower(), status, fname, after_name), c,
                     '%s answered %s with %s, then %s' % (method, status, fname, after_name or 'EOF'),
                     'HTTP/1.1 %s X\r\n%s\r\n%s' % (status, fh, after), method=method, rfc='RFC 9110 §6.4.1')
    resp('rnb-head-then-response', c, 'HEAD answered 200 CL: 5, then a second response',
         'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\n\r\n', method='HEAD')
    resp('rnb-204-then-crlf', c, '204 then CRLF', 'HTTP/1.1 204 No Content\r\n\r\n\r\n')

    c = 'response-framing'
    close = [('http10', 'HTTP/1.0 200 OK\r\n\r\nbody'), ('http11', 'HTTP/1.1 200 OK\r\n\r\nbody'),
             ('conn-close', 'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nbody'),
             ('keepalive', 'HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n\r\nbody'),
             ('empty', 'HTTP/1.1 200 OK\r\n\r\n'), ('te-identity', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\n\r\nbody'),
             ('te-chunked-gzip', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n2\r\nab\r\n0\r\n\r\n'),
             ('large', 'HTTP/1.1 200 OK\r\n\r\n' + 'x' * 70000),
             ('looks-like-response', 'HTTP/1.1 200 OK\r\n\r\nHTTP/1.1 200 OK\r\n\r\n'),
             ('http10-cl', 'HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA'),
             ('http10-keepalive-cl', 'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nokEXTRA')]
    for name, data in close:
        resp('rfr-close-%s' % name, c, 'close-delimited / framing: %s' % name, data, rfc='RFC 9112 §6.3')
    conflicts = [('cl-te', 'Content-Length: 3\r\nTransfer-Encoding: chunked\r\n'),
                 ('te-cl', 'Transfer-Encoding: chunked\r\nContent-Length: 3\r\n'),
                 ('cl-te-gzip', 'Content-Length: 3\r\nTransfer-Encoding: gzip\r\n'),
                 ('cl-dup-same', 'Content-Length: 3\r\nContent-Length: 3\r\n'),
                 ('cl-list', 'Content-Length: 3, 3\r\n'), ('cl-plus', 'Content-Length: +3\r\n'),
                 ('cl-sp', 'Content-Length: 3 \r\n'), ('cl-empty', 'Content-Length:\r\n'),
                 ('te-dup', 'Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n'),
                 ('te-sp-colon', 'Transfer-Encoding : chunked\r\n'), ('te-xchunked', 'Transfer-Encoding: xchunked\r\n'),
                 ('te-chunked-x', 'Transfer-Encoding: chunked, x\r\n'), ('te-upper', 'Transfer-Encoding: CHUNKED\r\n')]
    for name, hs in conflicts:
        body = '3\r\nabc\r\n0\r\n\r\n'
        resp('rfr-%s' % name, c, 'response framing conflict: %r' % hs, 'HTTP/1.1 200 OK\r\n' + hs + '\r\n' + body,
             rfc='RFC 9112 §6.3')
        resp('rfr-%s-insecure' % name, c, 'response framing conflict with insecureHTTPParser: %r' % hs,
             'HTTP/1.1 200 OK\r\n' + hs + '\r\n' + body, options={'insecure': True}, rfc='RFC 9112 §6.3')
    resp('rfr-chunked-trailer-cl', c, 'chunked response with Content-Length in the trailer',
         'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nContent-Length: 5\r\n\r\n')
    resp('rfr-chunked-lf', c, 'chunked response with bare LF lines',
         'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\nok\n0\n\n')
    resp('rfr-chunked-lf-insecure', c, 'chunked response with bare LF lines, insecureHTTPParser',
         'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\nok\n0\n\n', options={'insecure': True})

    c = 'response-status-line'
    lines = ['HTTP/1.1 200', 'HTTP/1.1 200 ', 'HTTP/1.1 200  OK', 'HTTP/1.1  200 OK', 'HTTP/1.1 20 OK', 'HTTP/1.1 0200 OK',
             'HTTP/1.1 999 X', 'HTTP/1.1 000 X', 'HTTP/1.1 099 X', 'HTTP/1.1 600 X', 'HTTP/1.1 2x0 OK', 'HTTP/1.1 -20 OK',
             'HTTP/1.0 200 OK', 'HTTP/2.0 200 OK', 'HTTP/0.9 200 OK', 'HTTP/1.2 200 OK', 'HTTP/3 200 OK', 'HTTP/1 200 OK',
             'http/1.1 200 OK', 'HTTPS/1.1 200 OK', 'RTSP/1.0 200 OK', 'ICE/1.0 200 OK', 'HTTP/1.1 200 OK OK OK',
             'HTTP/1.1 200 \xc3\xa9t\xc3\xa9', 'HTTP/1.1 200 O\x01K', 'HTTP/1.1 200 O\x7fK', 'HTTP/1.1 200\tOK',
             'HTTP/1.1\t200 OK', ' HTTP/1.1 200 OK', 'HTTP/1.1 200 OK\x00', 'HTTP/1.1', 'HTTP/1.1 ', 'HTTP/11 200 OK',
             'HTTP/1.10 200 OK']
    for n, l in enumerate(lines):
        resp('rsl-%02d' % n, c, 'status line %r' % l, l + '\r\nContent-Length: 2\r\n\r\nok', rfc='RFC 9112 §4')
    resp('rsl-lf-end', c, 'status line ended by bare LF', 'HTTP/1.1 200 OK\nContent-Length: 2\r\n\r\nok')
    resp('rsl-cr-end', c, 'status line ended by bare CR', 'HTTP/1.1 200 OK\rContent-Length: 2\r\n\r\nok')
    resp('rsl-leading-crlf', c, 'empty lines before the status line', '\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok')
    resp('rsl-eof-in-status', c, 'EOF inside the status line', 'HTTP/1.1 20')

    c = 'response-connect'
    for n, (st, hs, body) in enumerate([('200', '', 'TUNNEL'), ('201', '', 'x'), ('204', '', 'x'), ('299', '', 'x'),
                                        ('200', 'Content-Length: 3\r\n', 'abcdef'),
                                        ('200', 'Transfer-Encoding: chunked\r\n', '0\r\n\r\n'),
                                        ('301', 'Location: /x\r\nContent-Length: 2\r\n', 'ok'),
                                        ('400', 'Content-Length: 2\r\n', 'no'), ('500', '', 'err'),
                                        ('100', '', 'HTTP/1.1 200 OK\r\n\r\nT'), ('101', 'Upgrade: x\r\nConnection: upgrade\r\n', 'T'),
                                        ('200', 'Connection: close\r\n', 'T')]):
        resp('rconn-%02d-%s' % (n, st), c, 'CONNECT answered %s %r' % (st, hs),
             'HTTP/1.1 %s X\r\n%s\r\n%s' % (st, hs, body), method='CONNECT', rfc='RFC 9110 §9.3.6')
    resp('rconn-garbage', c, 'CONNECT answered with garbage', 'NOT HTTP\r\n\r\n', method='CONNECT')
    resp('rconn-eof-in-head', c, 'CONNECT answer cut in the head', 'HTTP/1.1 200 Con', method='CONNECT')

    c = 'response-after-final'
    for n, tail in enumerate(['\n', '\r\n\r\n', ' ', 'H', 'HTTP/1.1 100 Continue\r\n\r\n', 'HTTP/1.1 200 OK\r\nX : y\r\n\r\n',
                              '\x00']):
        resp('rafter-%d' % n, c, 'complete response then %r' % tail,
             'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok' + tail)
    for m in ('POST', 'PUT', 'DELETE', 'OPTIONS'):
        resp('rmethod-%s' % m.lower(), 'response-framing', 'response to %s with a CL body' % m,
             'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok', method=m)


# ------------------------------------------------------------------------------------------
# Writing

OPTION_DEFAULTS = {'insecure': False, 'max_header_size': 16384, 'max_headers_count': None,
                   'join_duplicate_headers': False}


def sidecar(c, old):
    options = {k: v for k, v in c['options'].items() if OPTION_DEFAULTS.get(k, object()) != v}
    expect = {'node': None, 'strict': None}
    if old and old.get('options') == options and old.get('mode') == c['mode'] and \
            old.get('method') == c.get('method') and (old.get('expect') or {}).get('strict'):
        expect = old['expect']
    d = {'id': c['id'], 'category': c['category'], 'description': c['description'], 'rfc': c['rfc'],
         'mode': c['mode']}
    if c['mode'] == 'response':
        d['method'] = c['method']
    d['options'] = options
    d['expect'] = expect
    d['spec'] = None
    d['source'] = c['source']
    return d


def build():
    special_bytes()
    limits()
    framing()
    request_side()
    cves()
    pipelining()
    responses()
    return CASES


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default=DEFAULT_OUT)
    args = ap.parse_args()
    build()
    seen = set()
    for c in CASES:
        if c['id'] in seen:
            sys.exit('duplicate case id %s' % c['id'])
        if not re.match(r'^[A-Za-z0-9_.-]+$', c['id']):
            sys.exit('bad case id %r' % c['id'])
        seen.add(c['id'])
    # ids must not collide with cases other tools own
    for cat in os.listdir(args.out) if os.path.isdir(args.out) else []:
        for f in os.listdir(os.path.join(args.out, cat)):
            if f.endswith('.json'):
                with open(os.path.join(args.out, cat, f), encoding='utf-8') as fh:
                    side = json.load(fh)
                if side['id'] in seen and side.get('source') != SRC:
                    sys.exit('case id %s is already used by %s' % (side['id'], side.get('source')))
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
        print('%-28s %4d' % (k, counts[k]))
    print('%-28s %4d' % ('total', len(CASES)))


if __name__ == '__main__':
    main()
