"""The client differential suite: h1's client (`h1 get --json`) against Node's http.request
(harness/oracle/node-get.js) on raw responses played by a scripted server on 127.0.0.1.

- responses: every response-side corpus case (framing by length, chunked with trailers, to EOF,
  HEAD, 204/304, 1xx, 101, CONNECT, every response-side parse error) plus hand-made endings
  (closed early, reset, held open until the deadline); each is read by both clients and what
  they report must be the same: status, message view, body bytes, complete, error code,
  informational, upgrade.
- request bytes: the bytes each client writes for the same options (method, headers, body,
  auth) are equal.

Each test starts its own server on port 0; Node runs once per batch (--batch).
"""

import base64
import glob
import json
import os
import socket
import subprocess
import threading

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..'))
NODE_GET = os.path.join(ROOT, 'harness', 'oracle', 'node-get.js')
NODE = os.environ.get('NODE', 'node')


def h1_bin():
    return os.environ.get('H1_BIN') or os.path.join(ROOT, 'build', 'gcc', 'harness', 'h1')


class Scripted:
    """A server that answers the request for /c/N with response N's bytes, then ends the
    connection as the case says ('fin', 'rst' or 'hold'), and records every request."""

    def __init__(self, cases):
        self.cases = cases
        self.requests = {}
        self.sock = socket.socket()
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(128)
        self.port = self.sock.getsockname()[1]
        self.stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.stop:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(c,), daemon=True).start()

    def _serve(self, c):
        req = b''
        try:
            c.settimeout(10)
            while b'\r\n\r\n' not in req:
                d = c.recv(65536)
                if not d:
                    break
                req += d
            line = req.split(b'\r\n', 1)[0].split(b' ')
            path = line[1].decode('latin1') if len(line) > 1 else ''
            key = path.split('?')[0].split('/')[-1]
            data, ending = self.cases.get(key, (b'', 'fin'))
            # take the body the client sends with its head (Content-Length), if any
            head, _, rest = req.partition(b'\r\n\r\n')
            for h in head.split(b'\r\n')[1:]:
                n, _, v = h.partition(b':')
                if n.strip().lower() == b'content-length' and v.strip().isdigit():
                    want = int(v.strip())
                    while len(rest) < want:
                        d = c.recv(65536)
                        if not d:
                            break
                        rest += d
                    req = head + b'\r\n\r\n' + rest
            self.requests.setdefault(key, []).append(req)
            c.sendall(data)
            if ending == 'rst':
                c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\x01\x00\x00\x00\x00\x00\x00\x00')
            elif ending == 'hold':
                while c.recv(65536):
                    pass
            else:
                c.shutdown(socket.SHUT_WR)
                c.settimeout(2)
                try:
                    while c.recv(65536):
                        pass
                except OSError:
                    pass
        except OSError:
            pass
        finally:
            c.close()

    def close(self):
        self.stop = True
        self.sock.close()


def run_h1(args):
    p = subprocess.run([h1_bin(), 'get', '--json'] + args, capture_output=True, timeout=60)
    assert p.stdout.endswith(b'\n'), (args, p.stdout, p.stderr)
    return json.loads(p.stdout.decode('utf-8')), p.returncode


def run_node(arglists):
    payload = ''.join(json.dumps(a) + '\n' for a in arglists)
    p = subprocess.run([NODE, NODE_GET, '--batch'], input=payload.encode(), capture_output=True,
                       timeout=300)
    assert p.returncode == 0, p.stderr
    return [json.loads(l) for l in p.stdout.decode('utf-8').splitlines()]


def comparable(o):
    o = dict(o)
    if o.get('error'):
        o['error'] = o['error']['code']
    return o


# ------------------------------------------------------------------------------------------
# Responses

def corpus_responses():
    out = []
    for side_path in sorted(glob.glob(os.path.join(ROOT, 'corpus', 'cases', '*', '*.json'))):
        with open(side_path, encoding='utf-8') as f:
            side = json.load(f)
        if side.get('mode') != 'response':
            continue
        opts = side.get('options') or {}
        if set(opts) - {'insecure', 'max_header_size', 'join_duplicate_headers'}:
            continue
        with open(side_path[:-5] + '.http', 'rb') as f:
            data = f.read()
        args = ['-X', side.get('method') or 'GET']
        if opts.get('insecure'):
            args.append('--insecure-http-parser')
        if opts.get('max_header_size') is not None:
            args += ['--max-header-size', str(opts['max_header_size'])]
        if opts.get('join_duplicate_headers'):
            args.append('--join-duplicate-headers')
        out.append((side['id'], data, 'fin', args))
    return out


OK = b'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello'
HANDMADE = [
    ('eof-body', b'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nto the end', 'fin', []),
    ('eof-body-10', b'HTTP/1.0 200 OK\r\n\r\nten bytes!', 'fin', []),
    ('short-length', b'HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nhello', 'fin', []),
    ('short-chunked', b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel', 'fin', []),
    ('chunked-no-last', b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n', 'fin', []),
    ('chunked-trailers', b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'
     b'5\r\nhello\r\n0\r\nX-T: 1\r\nX-T: 2\r\nSet-Cookie: a\r\n\r\n', 'fin', []),
    ('nothing', b'', 'fin', []),
    ('half-head', b'HTTP/1.1 200 OK\r\nContent-Le', 'fin', []),
    ('status-only', b'HTTP/1.1 200 OK\r\n', 'fin', []),
    ('reset-nothing', b'', 'rst', []),
    ('info-chain', b'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n'
     b'HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n' + OK, 'fin', []),
    ('info-then-eof', b'HTTP/1.1 100 Continue\r\n\r\n', 'fin', []),
    ('head-length', b'HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n', 'fin', ['-X', 'HEAD']),
    ('head-chunked', b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', 'fin', ['-X', 'HEAD']),
    ('204-length', b'HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n', 'fin', []),
    ('304-chunked', b'HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n', 'fin', []),
    ('upgrade-101', b'HTTP/1.1 101 Switching Protocols\r\nUpgrade: ws\r\nConnection: Upgrade\r\n\r\nrest', 'fin', []),
    ('101-no-upgrade', b'HTTP/1.1 101 Switching Protocols\r\n\r\n', 'fin', []),
    ('connect-200', b'HTTP/1.1 200 Connection Established\r\n\r\ntunnel', 'fin', ['-X', 'CONNECT']),
    ('connect-407', b'HTTP/1.1 407 Proxy Auth\r\nContent-Length: 2\r\n\r\nno', 'fin', ['-X', 'CONNECT']),
    ('second-response', OK + OK, 'fin', []),
    ('garbage-after', OK + b'garbage', 'fin', []),
    ('held-length', b'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel', 'hold', ['--timeout-ms', '600']),
    ('held-head', b'HTTP/1.1 200 OK\r\n', 'hold', ['--timeout-ms', '600']),
    ('keep-alive-ok', OK, 'hold', []),
    ('bad-status', b'HTTP/1.1 2000 OK\r\n\r\n', 'fin', []),
    ('bad-version', b'HTTP/2.0 200 OK\r\n\r\n', 'fin', []),
    ('dup-cl', b'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', 'fin', []),
    ('cl-te', b'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 'fin', []),
    ('big-header', b'HTTP/1.1 200 OK\r\nX: ' + b'a' * 20000 + b'\r\n\r\n', 'fin', []),
    ('big-header-limit', b'HTTP/1.1 200 OK\r\nX: ' + b'a' * 2000 + b'\r\n\r\n', 'fin',
     ['--max-header-size', '1000']),
    ('merge', b'HTTP/1.1 200 OK\r\nSet-Cookie: a\r\nset-cookie: b\r\nCookie: c\r\nCookie: d\r\n'
     b'Age: 1\r\nAge: 2\r\nX: 1\r\nx: 2\r\nContent-Length: 0\r\n\r\n', 'fin', []),
    ('merge-join', b'HTTP/1.1 200 OK\r\nAge: 1\r\nAge: 2\r\nContent-Length: 0\r\n\r\n', 'fin',
     ['--join-duplicate-headers']),
    ('lenient-lf', b'HTTP/1.1 200 OK\nContent-Length: 2\n\nok', 'fin', ['--insecure-http-parser']),
    ('no-reason', b'HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n', 'fin', []),
    ('latin1', b'HTTP/1.1 200 \xe9t\xe9\r\nX: \xff\xfe\r\nContent-Length: 1\r\n\r\n\xaa', 'fin', []),
]


def response_cases():
    return corpus_responses() + HANDMADE


@pytest.fixture(scope='module')
def response_results():
    cases = response_cases()
    table = {str(i): (data, ending) for i, (_, data, ending, _) in enumerate(cases)}
    srv = Scripted(table)
    try:
        argl = [['http://127.0.0.1:%d/c/%d' % (srv.port, i)] + args
                for i, (_, _, _, args) in enumerate(cases)]
        node = run_node(argl)
        mine = [run_h1(a)[0] for a in argl]
    finally:
        srv.close()
    return {cases[i][0]: (mine[i], node[i]) for i in range(len(cases))}


def test_enough_responses():
    assert len(response_cases()) >= 150


@pytest.mark.parametrize('resp_id', [c[0] for c in response_cases()])
def test_response(response_results, resp_id):
    mine, node = response_results[resp_id]
    assert comparable(mine) == comparable(node)


# ------------------------------------------------------------------------------------------
# Request bytes

REQUEST_OPTIONS = []
for method in ('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'):
    for hdrs in ([], ['X-Custom: 1'], ['Connection: keep-alive'], ['Content-Type: text/plain', 'X-A: 1', 'x-a: 2'],
                 ['Authorization: Bearer x'], ['Host: example.com'], ['Transfer-Encoding: chunked']):
        for body in (None, 'abc'):
            if body is None and hdrs == ['Transfer-Encoding: chunked'] and method == 'GET':
                continue
            args = ['-X', method]
            for h in hdrs:
                args += ['-H', h]
            if body is not None:
                args += ['-d', body]
            REQUEST_OPTIONS.append(args)
REQUEST_OPTIONS += [['-d', ''], ['-H', 'Content-Length: 3', '-d', 'abc'], ['-X', 'get'],
                    ['-H', 'Connection: close', '-H', 'Content-Length: 0', '-X', 'POST']]


def test_enough_request_options():
    assert len(REQUEST_OPTIONS) >= 50


@pytest.fixture(scope='module')
def request_results():
    table = {'r%d' % i: (OK, 'fin') for i in range(len(REQUEST_OPTIONS))}
    table.update({'n%d' % i: (OK, 'fin') for i in range(len(REQUEST_OPTIONS))})
    srv = Scripted(table)
    try:
        auth = 'user:pa%20ss@'
        for i, a in enumerate(REQUEST_OPTIONS):
            run_h1(['http://%s127.0.0.1:%d/q/r%d?x=1' % (auth if i % 5 == 0 else '', srv.port, i)] + a)
        run_node([['http://%s127.0.0.1:%d/q/n%d?x=1' % (auth if i % 5 == 0 else '', srv.port, i)] + a
                  for i, a in enumerate(REQUEST_OPTIONS)])
    finally:
        srv.close()
    return srv.requests


@pytest.mark.parametrize('idx', range(len(REQUEST_OPTIONS)))
def test_request_bytes(request_results, idx):
    mine = request_results.get('r%d' % idx)
    node = request_results.get('n%d' % idx)
    assert mine is not None and node is not None
    assert mine[0].replace(b'/q/r%d' % idx, b'/q/n%d' % idx) == node[0]


# ------------------------------------------------------------------------------------------
# Name resolution: an IPv6 literal, and a name that resolves to a refused address

def test_ipv6_literal_and_refused_name():
    """A server on [::1] (skipped where the machine has no IPv6 loopback): h1 and Node
    connect to the literal alike; `localhost` resolves as the system says, and both report
    what connecting to it gives (here ECONNREFUSED when it maps to 127.0.0.1 only)."""
    try:
        s6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        s6.bind(('::1', 0))
    except OSError:
        pytest.skip('no IPv6 loopback')
    port = s6.getsockname()[1]
    s6.close()
    srv = subprocess.Popen([NODE, '-e', "require('http').createServer((q, s) => "
                            "s.end(q.socket.remoteFamily)).listen(%d, '::1', () => "
                            "console.log('up'))" % port],
                           stdout=subprocess.PIPE)
    try:
        assert srv.stdout.readline().strip() == b'up'
        urls = ['http://[::1]:%d/a' % port, 'http://localhost:%d/a' % port]
        mine = [run_h1([u])[0] for u in urls]
        node = run_node([[u] for u in urls])
        for m, n in zip(mine, node):
            for o in (m, n):  # the Date value is the server's clock
                if o.get('headers'):
                    o['headers'].pop('date', None)
                    o['rawHeaders'] = o['rawHeaders'][2:] if o['rawHeaders'][0] == 'Date' else o['rawHeaders']
            assert comparable(m) == comparable(n)
        assert mine[0]['status'] == 200
    finally:
        srv.terminate()
        srv.wait()
