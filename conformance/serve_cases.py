"""serve_cases.py -- the cases of the wire-level differential suite (test_serve.py).

Each case: an id, the server flags (given to both servers), the steps played on one
connection (('send', bytes), ('trickle', bytes, ms), ('pause', ms), ('shut',)), and how long
the connection must stay quiet before its fate is read (ms).
"""

H = b'Host: a\r\n'


def req(method=b'GET', target=b'/', version=b'HTTP/1.1', headers=H, body=b''):
    return method + b' ' + target + b' ' + version + b'\r\n' + headers + b'\r\n' + body


def cl(body, method=b'POST', extra=b''):
    return req(method, headers=H + extra + b'Content-Length: %d\r\n' % len(body), body=body)


def chunked(pieces, trailer=b'', ext=b''):
    out = b''
    for p in pieces:
        out += b'%x%s\r\n%s\r\n' % (len(p), ext, p)
    return out + b'0\r\n' + trailer + b'\r\n'


def te(pieces, trailer=b'', ext=b''):
    return req(b'POST', headers=H + b'Transfer-Encoding: chunked\r\n',
               body=chunked(pieces, trailer, ext))


BIG = bytes((i * 7 + 3) % 251 for i in range(70 * 1024))

# Requests every server answers with the echo (or Node's own answer).
ACCEPTED = {
    'get': req(),
    'get_query': req(target=b'/a/b?c=d&e=%20f#x'),
    'head': req(b'HEAD'),
    'delete': req(b'DELETE', target=b'/x'),
    'options_star': req(b'OPTIONS', target=b'*'),
    'absolute_form': req(target=b'http://a/p?q'),
    'absolute_other_host': req(target=b'http://b.example/p'),
    'many_headers': req(headers=H + b''.join(b'X-H%d: v%d\r\n' % (i, i) for i in range(40))),
    'dup_headers': req(headers=H + b'X-A: 1\r\nx-a: 2\r\nCookie: a\r\nCookie: b\r\n'),
    'header_ows': req(headers=H + b'X-A:   spaced   \r\nX-B:\tt\r\n'),
    'empty_value': req(headers=H + b'X-Empty:\r\n'),
    'latin1_value': req(headers=H + b'X-L: caf\xe9\r\n'),
    'post_cl': cl(b'hello'),
    'post_cl_zero': cl(b''),
    'put_cl': cl(b'{"a":1}', b'PUT'),
    'post_chunked': te([b'hel', b'lo']),
    'post_chunked_trailer': te([b'abc'], trailer=b'X-T: 1\r\n'),
    'post_chunked_ext': te([b'abc'], ext=b';a=b'),
    'post_chunked_empty': te([]),
    'post_big_cl': cl(BIG),
    'post_big_chunked': te([BIG[:30000], BIG[30000:]]),
    'connection_close': req(headers=H + b'Connection: close\r\n'),
    'connection_keepalive': req(headers=H + b'Connection: keep-alive\r\n'),
    'connection_multi': req(headers=H + b'Connection: keep-alive, close\r\n'),
    'http10': req(version=b'HTTP/1.0', headers=b''),
    'http10_keepalive': req(version=b'HTTP/1.0', headers=b'Connection: keep-alive\r\n'),
    'http10_host': req(version=b'HTTP/1.0'),
    'http10_post': req(b'POST', version=b'HTTP/1.0', headers=b'Content-Length: 3\r\n', body=b'abc'),
    'te_header': req(headers=H + b'TE: trailers, chunked\r\n'),
    'expect_continue_body': cl(b'abc', extra=b'Expect: 100-continue\r\n'),
    'expect_unknown': req(headers=H + b'Expect: foo\r\n'),
    'expect_http10': req(version=b'HTTP/1.0', headers=b'Expect: 100-continue\r\n'),
    'no_host': req(headers=b''),
    'no_host_http10': req(version=b'HTTP/1.0', headers=b''),
    'upgrade_ws': req(headers=H + b'Connection: Upgrade\r\nUpgrade: websocket\r\n') + b'ping',
    'upgrade_no_conn': req(headers=H + b'Upgrade: websocket\r\n'),
    'connect': b'CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\nhello',
    'lf_only': b'GET / HTTP/1.1\nHost: a\n\n',
    'leading_crlf': b'\r\n' + req(),
    'method_custom_ok': req(b'PURGE'),
}

# Requests Node rejects (its canned answers, or a silent close).
REJECTED = {
    'bad_method': req(b'G@T'),
    'bad_version': req(version=b'HTTP/1.x'),
    'http2_preface': b'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
    'bad_header_name': req(headers=H + b'X A: 1\r\n'),
    'space_before_colon': req(headers=H + b'X-A : 1\r\n'),
    'cl_and_te': req(b'POST', headers=H + b'Content-Length: 3\r\nTransfer-Encoding: chunked\r\n',
                     body=b'0\r\n\r\n'),
    'dup_cl': req(b'POST', headers=H + b'Content-Length: 1\r\nContent-Length: 2\r\n', body=b'ab'),
    'bad_cl': req(b'POST', headers=H + b'Content-Length: 1x\r\n'),
    'neg_cl': req(b'POST', headers=H + b'Content-Length: -1\r\n'),
    'bad_chunk_size': req(b'POST', headers=H + b'Transfer-Encoding: chunked\r\n', body=b'zz\r\n'),
    'chunk_no_crlf': req(b'POST', headers=H + b'Transfer-Encoding: chunked\r\n', body=b'3\r\nabcX'),
    'te_not_chunked_last': req(b'POST', headers=H + b'Transfer-Encoding: chunked, gzip\r\n'),
    'obs_fold': req(headers=H + b'X-A: 1\r\n  folded\r\n'),
    'ctl_in_value': req(headers=H + b'X-A: a\x01b\r\n'),
    'nul_in_target': req(target=b'/\x00'),
    'header_overflow': req(headers=H + b'X-Big: ' + b'a' * 17000 + b'\r\n'),
    'chunk_ext_overflow': req(b'POST', headers=H + b'Transfer-Encoding: chunked\r\n',
                              body=b'1;' + b'e' * 20000 + b'\r\na\r\n0\r\n\r\n'),
    'bare_cr': req(headers=H + b'X-A: a\rb\r\n'),
    'garbage': b'\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03',
    'empty_line_only': b'\r\n\r\n\r\nX',
}


# Where h1 is known to differ from Node, and why (the tests expect the difference: a fix
# turns them into failures to remove from here).
KNOWN_DIVERGENCES = {
    'pipeline/upgrade_head_ahead': (
        "an Upgrade head in the same read as an earlier request: Node's parser hands the socket "
        "to the 'upgrade' listener (101 and the echo) before the earlier request's handler "
        "answers at its 'end', whose response then goes out on the upgraded socket; h1 answers "
        "the earlier request first, then upgrades. Node's order follows its handler's timing: "
        "with a handler that answers in 'request' (no wait for 'end') Node sends the earlier "
        "response first too, as h1 does (run with Node 20.20.2); the issue's own rule, "
        "pipelined requests answered in order, decides for h1's order"),
}


def _case(cid, steps, flags=(), wait=500):
    return {'id': cid, 'flags': list(flags), 'steps': steps, 'wait': wait}


def _split(data):
    return [('send', data[:len(data) // 2]), ('pause', 50), ('send', data[len(data) // 2:])]


def cases():
    out = []
    both = dict(ACCEPTED)
    both.update(REJECTED)
    for name, data in both.items():
        out.append(_case('whole/' + name, [('send', data)]))
        out.append(_case('split/' + name, _split(data)))
        if len(data) < 400:
            out.append(_case('bytewise/' + name, [('trickle', data, 0)]))
        out.append(_case('halfclose/' + name, [('send', data), ('shut',)]))
    # pipelining
    a, b, c = req(target=b'/1'), cl(b'two'), te([b'3'])
    out.append(_case('pipeline/three', [('send', a + b + c)]))
    out.append(_case('pipeline/three_bytewise', [('trickle', a + b + c, 0)]))
    out.append(_case('pipeline/then_close', [('send', a + req(headers=H + b'Connection: close\r\n') + c)]))
    out.append(_case('pipeline/then_error', [('send', a + req(b'G@T') + c)]))
    out.append(_case('pipeline/head_then_get', [('send', req(b'HEAD') + a)]))
    out.append(_case('pipeline/http10_then_more', [('send', req(version=b'HTTP/1.0') + a)]))
    # parsing ahead in one read: a later body is where Node answers the requests before it
    out.append(_case('pipeline/body_then_error', [('send', b + req(b'G@T'))]))
    out.append(_case('pipeline/get_body_error', [('send', a + b + req(b'G@T'))]))
    # (within the input buffer: h1 reads maxHeaderSize bytes at a time, Node 64 KiB)
    out.append(_case('pipeline/then_overflow',
                     [('send', a + req(headers=H + b'X: ' + b'a' * 300 + b'\r\n'))],
                     flags=['--max-header-size', '200']))
    out.append(_case('pipeline/expect_then_error', [('send', req(headers=H + b'Expect: x\r\n') +
                                                             req(b'G@T'))]))
    out.append(_case('pipeline/no_host_then_error', [('send', req(headers=b'') + req(b'G@T'))]))
    out.append(_case('pipeline/then_error_later', [('send', a), ('pause', 100),
                                                   ('send', req(b'G@T'))]))
    close_req = req(headers=H + b'Connection: close\r\n')
    out.append(_case('pipeline/close_then_crlf', [('send', close_req + b'\r\n')]))
    out.append(_case('pipeline/close_then_space', [('send', close_req + b' ')]))
    out.append(_case('pipeline/http10_then_crlf', [('send', req(version=b'HTTP/1.0') + b'\r\n')]))
    out.append(_case('pipeline/crlf_between', [('send', a + b'\r\n' + a)]))
    out.append(_case('pipeline/then_te_identity',
                     [('send', a + req(b'POST', headers=H + b'Transfer-Encoding: identity\r\n'))]))
    out.append(_case('pipeline/continue_then_error',
                     [('send', cl(b'abc', extra=b'Expect: 100-continue\r\n') + req(b'G@T'))]))
    out.append(_case('pipeline/dropped_then_error', [('send', a + a + req(b'G@T'))],
                     flags=['--max-requests-per-socket', '1']))
    out.append(_case('pipeline/upgrade_head_ahead',
                     [('send', a + req(headers=H + b'Connection: Upgrade\r\nUpgrade: x\r\n') +
                       b'G@T')]))
    out.append(_case('pipeline/expect_then_get', [('send', req(headers=H + b'Expect: x\r\n') + a)]))
    out.append(_case('pipeline/no_host_then_get', [('send', req(headers=b'') + a)]))
    out.append(_case('pipeline/upgrade_then_bytes', [('send', ACCEPTED['upgrade_ws'] + a)]))
    out.append(_case('pipeline/paused', [('send', a), ('pause', 100), ('send', b), ('pause', 100),
                                         ('send', c)]))
    out.append(_case('pipeline/big_two', [('send', cl(BIG) + cl(BIG[:1000]))]))
    # keep-alive limits
    for n in (1, 2, 3):
        out.append(_case('maxreq/%d_of_4' % n, [('send', a * 4)],
                         flags=['--max-requests-per-socket', str(n)]))
        out.append(_case('maxreq/%d_of_4_paused' % n,
                         [('send', a), ('pause', 80), ('send', a), ('pause', 80), ('send', a),
                          ('pause', 80), ('send', a)],
                         flags=['--max-requests-per-socket', str(n)]))
    # expect 100-continue with the body sent after the interim answer
    out.append(_case('expect/continue_then_body',
                     [('send', req(b'POST', headers=H + b'Expect: 100-continue\r\nContent-Length: 3\r\n')),
                      ('pause', 100), ('send', b'abc')]))
    out.append(_case('expect/continue_chunked',
                     [('send', req(b'POST', headers=H + b'Expect: 100-continue\r\n'
                                   b'Transfer-Encoding: chunked\r\n')),
                      ('pause', 100), ('send', chunked([b'xy']))]))
    # timeouts, with short settings (Node's checks every 100 ms)
    t = ['--headers-timeout', '500', '--request-timeout', '1000',
         '--connections-checking-interval', '100']
    out.append(_case('timeout/headers_stall', [('send', b'GET / HTTP/1.1\r\nHo')], flags=t, wait=1500))
    out.append(_case('timeout/headers_trickle', [('trickle', b'GET / HTTP/1.1\r\nHost: a\r\nX: 1', 60)],
                     flags=t, wait=1500))
    out.append(_case('timeout/nothing_sent', [('pause', 10)], flags=t, wait=1500))
    out.append(_case('timeout/body_stall',
                     [('send', req(b'POST', headers=H + b'Content-Length: 10\r\n', body=b'abc'))],
                     flags=t, wait=1800))
    out.append(_case('timeout/after_response', [('send', a), ('pause', 700), ('send', b'GET')],
                     flags=t, wait=1500))
    out.append(_case('timeout/keepalive', [('send', a)],
                     flags=['--keep-alive-timeout', '200'], wait=2500))
    out.append(_case('timeout/keepalive_reuse', [('send', a), ('pause', 100), ('send', a)],
                     flags=['--keep-alive-timeout', '1000'], wait=300))
    # server.timeout: an inactive socket is destroyed (no 'timeout' listener); after a
    # keep-alive response Node's keepAliveTimeout replaces it, and a later request clears it
    st = ['--timeout', '300']
    out.append(_case('socket_timeout/nothing_sent', [('pause', 10)], flags=st, wait=1000))
    out.append(_case('socket_timeout/head_stall', [('send', b'GET / HTTP/1.1\r\nHo')], flags=st,
                     wait=1000))
    out.append(_case('socket_timeout/body_stall',
                     [('send', req(b'POST', headers=H + b'Content-Length: 10\r\n', body=b'abc'))],
                     flags=st, wait=1000))
    out.append(_case('socket_timeout/trickle', [('trickle', a, 100)], flags=st, wait=1000))
    out.append(_case('socket_timeout/after_response', [('send', a)],
                     flags=st + ['--keep-alive-timeout', '1000'], wait=1000))
    out.append(_case('socket_timeout/second_request', [('send', a), ('pause', 100), ('send', a)],
                     flags=st + ['--keep-alive-timeout', '1000'], wait=1000))
    # options
    out.append(_case('opt/insecure_lf', [('send', req(headers=H + b'X: a\rb\r\n'))], flags=['--insecure']))
    out.append(_case('opt/insecure_cl_te', [('send', REJECTED['cl_and_te'])], flags=['--insecure']))
    out.append(_case('opt/small_headers_ok', [('send', req(headers=H + b'X: ' + b'a' * 100 + b'\r\n'))],
                     flags=['--max-header-size', '200']))
    out.append(_case('opt/small_headers_431', [('send', req(headers=H + b'X: ' + b'a' * 300 + b'\r\n'))],
                     flags=['--max-header-size', '200']))
    out.append(_case('opt/no_host_allowed', [('send', req(headers=b''))], flags=['--no-require-host-header']))
    out.append(_case('opt/max_headers_count', [('send', ACCEPTED['many_headers'])],
                     flags=['--max-headers-count', '5']))
    out.append(_case('opt/join_duplicates', [('send', ACCEPTED['dup_headers'])],
                     flags=['--join-duplicate-headers']))
    return out
