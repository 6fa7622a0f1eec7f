"""Expect: 100-continue on the client: the body waits for `100 Continue`.

A scripted server on 127.0.0.1 (port 0) reads the request head, listens for a while for body
bytes sent too early, then answers `100 Continue` (or nothing), reads the body and answers
200. `h1 get -H 'Expect: 100-continue' -d DATA` is compared with Node's http.request written
the way Node's documentation asks (the body goes out on the 'continue' event): the same early
bytes (none), the same body, the same status and 1xx list. Without a 100, Node never sends the
body; h1's client sends it once continue_timeout (1000 ms in `h1 get`) has passed.
"""

import json
import os
import socket
import subprocess
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..'))
NODE = os.environ.get('NODE', 'node')

NODE_JS = r"""
const http = require('http');
const [url, data] = process.argv.slice(1);
const out = {status: null, informational: [], error: null};
const req = http.request(url, {method: 'POST', agent: false,
                               headers: {'Expect': '100-continue', 'Content-Length': data.length}},
  (res) => {
    out.status = res.statusCode;
    res.resume();
    res.on('end', () => console.log(JSON.stringify(out)));
  });
req.on('information', (i) => out.informational.push(i.statusCode));
req.on('continue', () => req.end(data, 'latin1'));
req.on('error', (e) => { out.error = e.code; console.log(JSON.stringify(out)); });
"""


def h1_bin():
    return os.environ.get('H1_BIN') or os.path.join(ROOT, 'build', 'gcc', 'harness', 'h1')


class ContinueServer:
    """One connection: read the head, note the bytes that come within `hold` seconds, send
    100 Continue when `send_100`, read the body (Content-Length), answer 200 and close."""

    def __init__(self, hold, send_100):
        self.hold, self.send_100 = hold, send_100
        self.early = None
        self.body = None
        self.body_after = None  # seconds from the head to the first body byte
        self.sock = socket.socket()
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        c, _ = self.sock.accept()
        try:
            c.settimeout(10)
            req = b''
            while b'\r\n\r\n' not in req:
                d = c.recv(65536)
                if not d:
                    return
                req += d
            t0 = time.monotonic()
            head, _, rest = req.partition(b'\r\n\r\n')
            want = 0
            for h in head.split(b'\r\n')[1:]:
                n, _, v = h.partition(b':')
                if n.strip().lower() == b'content-length':
                    want = int(v.strip())
            c.settimeout(0.05)
            while time.monotonic() - t0 < self.hold and not rest:
                try:
                    d = c.recv(65536)
                except socket.timeout:
                    continue
                if not d:
                    break
                self.body_after = time.monotonic() - t0
                rest += d
            self.early = rest
            if self.send_100:
                c.sendall(b'HTTP/1.1 100 Continue\r\n\r\n')
            c.settimeout(10)
            while len(rest) < want:
                d = c.recv(65536)
                if not d:
                    break
                if not rest:
                    self.body_after = time.monotonic() - t0
                rest += d
            self.body = rest
            c.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok')
            c.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        finally:
            c.close()

    def close(self):
        self.thread.join(15)
        self.sock.close()


def h1_post(port, data):
    p = subprocess.run([h1_bin(), 'get', '--json', '--timeout-ms', '10000', '-X', 'POST',
                        '-H', 'Expect: 100-continue', '-H', 'Content-Length: %d' % len(data),
                        '-d', data,
                        'http://127.0.0.1:%d/' % port], capture_output=True, timeout=60)
    out = json.loads(p.stdout)
    return {'status': out['status'], 'informational': out['informational'],
            'error': out['error'] and out['error']['code']}


def node_post(port, data):
    p = subprocess.run([NODE, '-e', NODE_JS, 'http://127.0.0.1:%d/' % port, data],
                       capture_output=True, timeout=60)
    return json.loads(p.stdout)


def run(client, send_100, hold=0.5):
    srv = ContinueServer(hold, send_100)
    try:
        out = client(srv.port, 'abc')
    finally:
        srv.close()
    return out, srv


def test_body_waits_for_100_continue():
    results = []
    for client in (h1_post, node_post):
        out, srv = run(client, True)
        assert srv.early == b''  # nothing before 100 Continue
        assert srv.body == b'abc'
        assert out == {'status': 200, 'informational': [100], 'error': None}
        results.append((out, srv.early, srv.body))
    assert results[0] == results[1]


def test_body_goes_out_after_continue_timeout():
    # no 100 at all: h1 holds the body for continue_timeout (1000 ms), then sends it; the
    # server held 3 s, so the body arrived while it was still listening for early bytes
    out, srv = run(h1_post, False, hold=3.0)
    assert srv.early == b'abc' and srv.body == b'abc'
    assert out == {'status': 200, 'informational': [], 'error': None}
    assert 0.8 <= srv.body_after <= 2.5
