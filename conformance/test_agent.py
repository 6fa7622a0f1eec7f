"""Agent scenarios: several requests over one Agent (pool limits, keep-alive, lifo/fifo, server
closes), run by h1 (`h1 get --keep-alive ... URL...`, harness/cli/get_agent.c) and by Node's
http.Agent (harness/oracle/node-agent.js) against a keep-alive server that records which
connection carried which request. Both must put the same requests on the same connections, in
the same order, and report the same reusedSocket, status and error for each.

Paths say how the server answers: /k/NAME keeps the connection, /c/NAME answers with
`Connection: close` and closes, /f/NAME keeps it in the header but closes after the response
(the free socket the server closed), /dMS/NAME waits MS ms first (ordering concurrent answers
with wide margins; /dMSc/ and /dMSf/ then answer as /c/ and /f/), /lMS/NAME keeps it in the
header and closes MS ms after the response, /tVALUE/NAME keeps it with `Keep-Alive: VALUE`
(_ for a space). A URL written L/... goes to the same server as `localhost`, another origin
for the Agent (its own pool, under the same maxTotalSockets). "@MS" before a URL gives that
request a signal aborted MS ms after it starts.
"""

import json
import os
import socket
import subprocess
import threading
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..'))
NODE_AGENT = os.path.join(ROOT, 'harness', 'oracle', 'node-agent.js')
NODE = os.environ.get('NODE', 'node')


def h1_bin():
    return os.environ.get('H1_BIN') or os.path.join(ROOT, 'build', 'gcc', 'harness', 'h1')


class KeepAliveServer:
    def __init__(self):
        self.log = []  # (connection number, request name)
        self.lock = threading.Lock()
        self.nconn = 0
        self.sock = socket.socket()
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            with self.lock:
                self.nconn += 1
                n = self.nconn
            threading.Thread(target=self._serve, args=(c, n), daemon=True).start()

    def _serve(self, c, n):
        buf = b''
        try:
            while True:
                while b'\r\n\r\n' not in buf:
                    d = c.recv(65536)
                    if not d:
                        return
                    buf += d
                head, _, buf = buf.partition(b'\r\n\r\n')
                path = head.split(b' ')[1].decode('latin1')
                kind, name = path.split('/')[1], path.split('/')[-1]
                with self.lock:
                    self.log.append((n, name))
                if kind.startswith('d'):  # dMS, then k (the default), c or f
                    time.sleep(int(kind[1:].rstrip('cf')) / 1000.0)
                    kind = kind[-1] if kind[-1] in 'cf' else 'k'
                if kind == 'c':
                    c.sendall(b'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok')
                    return
                hint = b''
                if kind.startswith('t'):  # tVALUE: a Keep-Alive header with that value
                    hint = b'Keep-Alive: ' + kind[1:].replace('_', ' ').encode() + b'\r\n'
                c.sendall(b'HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n' + hint +
                          b'Content-Length: 2\r\n\r\nok')
                if kind == 'f':
                    return
                if kind.startswith('l'):  # lMS: a free socket the server closes later
                    time.sleep(int(kind[1:]) / 1000.0)
                    return
        except OSError:
            pass
        finally:
            c.close()

    def close(self):
        self.sock.close()

    def connections(self):
        """The requests each connection carried, in order, connections in the order of their
        first request (independent of accept races)."""
        by = {}
        for n, name in self.log:
            by.setdefault(n, []).append(name)
        return sorted(by.values())


def run(cmd, flags, urls):
    srv = KeepAliveServer()
    try:
        args = [u if u == ',' or u[0] == '@' else 'http://localhost:%d%s' % (srv.port, u[1:]) if u[0] == 'L'
                else 'http://127.0.0.1:%d%s' % (srv.port, u) for u in urls]
        p = subprocess.run(cmd + flags + args, capture_output=True, timeout=120)
        time.sleep(0.2)  # let the server log the last closes
        lines = [json.loads(l) for l in p.stdout.decode().splitlines()]
        for l in lines:
            l['url'] = l['url'].split('/', 3)[3]
        return srv.connections(), lines
    finally:
        srv.close()


SCENARIOS = {
    'keepalive-sequential': (['--keep-alive'], ['/k/a', ',', '/k/b', ',', '/k/c']),
    'no-keepalive-sequential': ([], ['/k/a', ',', '/k/b', ',', '/k/c']),
    'server-says-close': (['--keep-alive'], ['/c/a', ',', '/k/b', ',', '/k/c']),
    'free-socket-closed': (['--keep-alive'], ['/f/a', ',', '/k/b', ',', '/k/c']),
    'max-sockets-1-queue': (['--max-sockets', '1'], ['/d300/a', '/k/b', '/k/c']),
    'max-sockets-1-keepalive': (['--keep-alive', '--max-sockets', '1'], ['/d300/a', '/k/b', ',', '/k/c']),
    'max-sockets-2': (['--keep-alive', '--max-sockets', '2'], ['/d600/a', '/d600/b', '/k/c', ',', '/k/d']),
    'lifo': (['--keep-alive'], ['/k/a', '/d400/b', ',', '/k/c']),
    'fifo': (['--keep-alive', '--fifo'], ['/k/a', '/d400/b', ',', '/k/c']),
    'max-free-1': (['--keep-alive', '--max-free-sockets', '1'], ['/d300/a', '/d300/b', ',', '/k/c', ',', '/k/d']),
    'max-total-1': (['--keep-alive', '--max-total-sockets', '1'], ['/d300/a', '/k/b', ',', '/k/c']),
    # maxTotalSockets over two origins, as Node's Agent does it: a request of another origin
    # waits (no free socket of the first origin is closed for it) while the first origin
    # still takes its free socket; when that socket goes back to the pool, the waiting
    # origin, having no socket in use, gets a new one even though that makes two
    'max-total-1-origins-free': (['--keep-alive', '--max-total-sockets', '1'],
                                 ['/k/a', ',', 'L/k/b', '/k/c']),
    'max-total-1-origins-busy': (['--keep-alive', '--max-total-sockets', '1'],
                                 ['/d500/a', 'L/k/b', ',', '/k/c']),
    # ... and that extra socket is not kept: the pool is over its total when it is freed
    'max-total-1-origins-over': (['--keep-alive', '--max-total-sockets', '1'],
                                 ['/d500/a', 'L/k/b', ',', '/d500/c', 'L/k/d']),
    # a socket closed (Connection: close) lets the other origin's first waiter make one
    'max-total-1-origins-close': (['--keep-alive', '--max-total-sockets', '1'],
                                  ['/d500c/a', 'L/k/b', 'L/k/c']),
    # the other origin waits until the server closes the free socket (no eviction), then
    # makes its own
    'max-total-1-free-closes-later': (['--keep-alive', '--max-total-sockets', '1'],
                                      ['/l500/a', ',', 'L/k/b']),
    # a signal fires while the request waits in the Agent's queue, before the request, or
    # while it waits for its response
    'abort-queued': (['--keep-alive', '--max-sockets', '1'], ['/d500/a', '@200', '/k/b', '/k/c']),
    'abort-queued-alone': (['--keep-alive', '--max-sockets', '1'],
                           ['/d500/a', '@200', '/k/b', ',', '/k/c']),
    'abort-queued-close': (['--keep-alive', '--max-sockets', '1'],
                           ['/d500c/a', '@200', '/k/b', '/k/c']),
    'abort-before': (['--keep-alive'], ['@0', '/k/a', ',', '/k/b']),
    'abort-in-flight': (['--keep-alive'], ['@200', '/d500/a', ',', '/k/b']),
    # Node's keepSocketAlive(): a Keep-Alive hint of timeout=1 or less leaves no time to reuse
    # the socket; other values, or a hint not starting with timeout=, keep it
    'keep-alive-hint-1': (['--keep-alive'], ['/ttimeout=1/a', ',', '/k/b']),
    'keep-alive-hint-0': (['--keep-alive'], ['/ttimeout=0,_max=5/a', ',', '/k/b']),
    'keep-alive-hint-5': (['--keep-alive'], ['/ttimeout=5,_max=100/a', ',', '/k/b']),
    'keep-alive-hint-max-first': (['--keep-alive'], ['/tmax=5,_timeout=1/a', ',', '/k/b']),
    'keep-alive-hint-waiter': (['--keep-alive', '--max-sockets', '1'],
                               ['/d500/x', '/ttimeout=1/a', '/k/b']),
    'max-total-2-max-sockets-1': (['--keep-alive', '--max-total-sockets', '2', '--max-sockets', '1'],
                                  ['/d600/a', 'L/d600/b', '/k/c', 'L/k/d', ',', '/k/e', 'L/k/f']),
}


@pytest.mark.parametrize('name', sorted(SCENARIOS))
def test_agent_scenario(name):
    flags, urls = SCENARIOS[name]
    mine = run([h1_bin(), 'get'], flags, urls)
    node = run([NODE, NODE_AGENT], flags, urls)
    assert mine == node
