"""The client's connection options against Node's http.request: `localAddress`, `family` and
`signal` (an AbortController's abort in each phase of a request). `h1 get --json` with
--local-address, --family and --abort-ms against harness/oracle/node-get.js with the same
flags; what each reports (status, message view, body, complete, error code) must be the same,
and the server checks what it saw.

- localAddress x family x host: a dual-stack server on [::] answers with the peer address it
  saw, so a bound local address shows in the body. Hosts: `localhost` (resolved as the system
  says), 127.0.0.1, [::1], and any name here that resolves to both 127.0.0.1 and ::1 (none on a
  machine whose /etc/hosts gives localhost only 127.0.0.1: then `family` is checked on
  localhost and on the literals, which Node's dns.lookup passes through whatever the family).
  Local addresses: none, 127.0.0.2, ::1, an address this machine does not have (192.0.2.99:
  EADDRNOTAVAIL, or EINVAL from a socket of the other family), and one that is not an address
  (ERR_INVALID_IP_ADDRESS, thrown by http.request()).
- signal: aborted before the request (nothing is written), while connecting (a listener whose
  queue is full never completes the handshake), while sending a body the server does not
  read, while waiting for the head, while reading a body (Content-Length or chunked), and
  after the response ended (no error); and while a TLS handshake waits for the server (Node's
  https.request, from a small script).

IPv6 cases are skipped where the machine has no IPv6 loopback.
"""

import base64
import json
import os
import socket
import subprocess
import threading

import pytest

from test_client import NODE, comparable, h1_bin, run_h1, run_node


def have_ipv6():
    try:
        s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        s.bind(('::1', 0))
        s.close()
        return True
    except OSError:
        return False


IPV6 = have_ipv6()


def dual_names():
    """Names that resolve to both loopback addresses here."""
    out = []
    for name in ('localhost', 'ip6-localhost', 'localhost6', 'ip6-loopback'):
        try:
            addrs = {a[4][0] for a in socket.getaddrinfo(name, 80, 0, socket.SOCK_STREAM)}
        except OSError:
            continue
        if '127.0.0.1' in addrs and '::1' in addrs:
            out.append(name)
    return out


class Server:
    """Accepts on `sock`; per connection: reads a head, records its path, and answers as the
    path says: /peer the peer's address as the body, /body 5 of 10 bytes then holds, /chunk
    one chunk then holds, /ok a complete response then holds, /stall reads nothing more,
    anything else nothing."""

    def __init__(self, sock):
        self.sock = sock
        self.port = sock.getsockname()[1]
        self.paths = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                c, addr = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(c, addr), daemon=True).start()

    def _serve(self, c, addr):
        data = b''
        try:
            c.settimeout(10)
            while b'\r\n\r\n' not in data:
                d = c.recv(65536)
                if not d:
                    return
                data += d
            path = data.split(b' ')[1].decode('latin1')
            with self.lock:
                self.paths.append(path)
            kind = path.split('/')[1]
            if kind == 'stall':  # the body stays unread: the client's writes block
                threading.Event().wait(10)
                return
            if kind == 'peer':
                body = addr[0].encode()
                c.sendall(b'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s'
                          % (len(body), body))
                return
            c.sendall({'body': b'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello',
                       'chunk': b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n',
                       'ok': b'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello'}.get(kind, b''))
            while c.recv(65536):
                pass
        except OSError:
            pass
        finally:
            c.close()

    def requested(self, path):
        with self.lock:
            return path in self.paths

    def close(self):
        self.sock.close()


def listen(family, host):
    s = socket.socket(family, socket.SOCK_STREAM)
    if family == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind((host, 0))
    s.listen(128)
    return s


def compare(cases):
    """Runs each (url, args) with h1 and Node: [(mine, node)]."""
    mine = [run_h1([u] + a)[0] for u, a in cases]
    node = run_node([[u] + a for u, a in cases])
    return list(zip(mine, node))


def body_of(o):
    return base64.b64decode(o['body_b64']).decode() if o.get('body_b64') else None


# ------------------------------------------------------------------------------------------
# localAddress and family

HOSTS = ['localhost', '127.0.0.1'] + (['[::1]'] if IPV6 else []) + \
    ['%s' % n for n in dual_names() if n != 'localhost']
FAMILIES = [None, '4', '6']
LOCALS = [None, '127.0.0.2', '192.0.2.99', 'nonsense'] + (['::1'] if IPV6 else [])
ADDRESS_CASES = [(h, f, l) for h in HOSTS for f in FAMILIES for l in LOCALS]


@pytest.fixture(scope='module')
def address_results():
    srv = Server(listen(socket.AF_INET6, '::') if IPV6 else listen(socket.AF_INET, '127.0.0.1'))
    try:
        cases = []
        for i, (host, fam, local) in enumerate(ADDRESS_CASES):
            args = ['--family', fam] if fam else []
            args += ['--local-address', local] if local else []
            cases.append(('http://%s:%d/peer/%d' % (host, srv.port, i), args))
        return compare(cases)
    finally:
        srv.close()


def test_enough_address_cases():
    assert len(ADDRESS_CASES) >= 24


@pytest.mark.parametrize('idx', range(len(ADDRESS_CASES)),
                         ids=['%s-%s-%s' % c for c in ADDRESS_CASES])
def test_local_address_and_family(address_results, idx):
    mine, node = address_results[idx]
    assert comparable(mine) == comparable(node)
    if mine['error'] is not None:
        assert mine['error']['message'] == node['error']['message']
    host, fam, local = ADDRESS_CASES[idx]
    if local == '127.0.0.2' and mine['status'] == 200:  # the server saw the bound address
        assert body_of(mine).endswith('127.0.0.2')


def test_local_address_is_used():
    """At least the plain cases connect, and from the address asked for."""
    srv = Server(listen(socket.AF_INET, '127.0.0.1'))
    try:
        mine = run_h1(['http://127.0.0.1:%d/peer/x' % srv.port, '--local-address', '127.0.0.2'])[0]
        assert mine['status'] == 200 and body_of(mine) == '127.0.0.2'
        mine = run_h1(['http://localhost:%d/peer/y' % srv.port, '--family', '4'])[0]
        assert mine['status'] == 200 and body_of(mine) == '127.0.0.1'
    finally:
        srv.close()


# ------------------------------------------------------------------------------------------
# signal

ABORT_CASES = [
    # (name, path, --abort-ms, whether the request reaches the server)
    ('before-head', 'head', '0', False),
    ('before-body', 'body', '0', False),
    ('before-ok', 'ok', '0', False),
    ('connecting', None, '300', False),
    ('sending-body', 'stall', '300', True),
    ('waiting-head', 'head', '300', True),
    ('reading-length-body', 'body', '300', True),
    ('reading-chunked-body', 'chunk', '300', True),
    ('after-complete', 'ok', '300', True),
]


@pytest.fixture(scope='module')
def abort_results(tmp_path_factory):
    big = tmp_path_factory.mktemp('abort') / 'body'
    big.write_bytes(b'x' * (16 << 20))  # far more than the socket buffers hold
    srv = Server(listen(socket.AF_INET, '127.0.0.1'))
    # a listener with a full queue: the next handshake never completes
    hole = socket.socket()
    hole.bind(('127.0.0.1', 0))
    hole.listen(0)
    filler = socket.create_connection(('127.0.0.1', hole.getsockname()[1]))
    try:
        cases, runs = [], []
        for name, path, ms, _ in ABORT_CASES:
            for who in ('h1', 'node'):
                url = ('http://127.0.0.1:%d/%s/%s-%s' % (srv.port, path, name, who) if path
                       else 'http://127.0.0.1:%d/x' % hole.getsockname()[1])
                runs.append((who, name, url))
            cases.append(['--abort-ms', ms, '--timeout-ms', '3000'] +
                         (['--data-binary', '@%s' % big] if path == 'stall' else []))
        mine = [run_h1([u] + cases[i // 2])[0] for i, (who, _, u) in enumerate(runs) if who == 'h1']
        # one Node process per case: a 16 MiB body read in one must not delay another's timers
        node = [run_node([[u] + cases[i // 2]])[0] for i, (who, _, u) in enumerate(runs)
                if who == 'node']
        seen = {(who, name): srv.requested(url.split(':%d' % srv.port, 1)[-1])
                for who, name, url in runs}
        return {c[0]: (mine[i], node[i], seen[('h1', c[0])], seen[('node', c[0])])
                for i, c in enumerate(ABORT_CASES)}
    finally:
        filler.close()
        hole.close()
        srv.close()


@pytest.mark.parametrize('case', ABORT_CASES, ids=[c[0] for c in ABORT_CASES])
def test_abort(abort_results, case):
    name, _, _, reaches = case
    mine, node, mine_seen, node_seen = abort_results[name]
    assert comparable(mine) == comparable(node)
    assert (mine_seen, node_seen) == (reaches, reaches)
    if name == 'after-complete':
        assert mine['error'] is None and mine['complete'] is True
    else:
        assert mine['error'] == {'code': 'ABORT_ERR', 'message': 'The operation was aborted'}


NODE_TLS = r"""
const https = require('https');
const ac = new AbortController();
const req = https.request(process.argv[1], {rejectUnauthorized: false, agent: false,
                                           signal: ac.signal});
req.on('error', (e) => { console.log(JSON.stringify({code: e.code, message: e.message})); });
req.end();
setTimeout(() => ac.abort(), 300);
"""


def test_abort_during_tls_handshake():
    """A server that takes the connection and never answers the ClientHello."""
    sock = listen(socket.AF_INET, '127.0.0.1')
    conns = []
    threading.Thread(target=lambda: conns.append(sock.accept()) or conns.append(sock.accept()),
                     daemon=True).start()
    try:
        url = 'https://127.0.0.1:%d/' % sock.getsockname()[1]
        p = subprocess.run([h1_bin(), 'get', '--json', '-k', '--abort-ms', '300',
                            '--timeout-ms', '5000', url], capture_output=True, timeout=30)
        mine = json.loads(p.stdout.decode())
        p = subprocess.run([NODE, '-e', NODE_TLS, url], capture_output=True, timeout=30)
        node = json.loads(p.stdout.decode().splitlines()[0])
        assert mine['error'] == node == {'code': 'ABORT_ERR',
                                         'message': 'The operation was aborted'}
    finally:
        sock.close()
