"""serve_wire.py -- wire-level differential runs of `h1 serve --echo-json` against
Node's http.Server with the same handler (harness/oracle/node-serve.js).

A case is raw bytes played on one connection: sends, pauses and a half-close, then a wait
while the response is read. The record of one run is the whole byte stream received (every
`Date:` value replaced by `X`) and the connection's fate: `closed` (FIN or reset from the
server) or `open` (still open after the wait).
"""

import os
import re
import socket
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NODE_SERVE = os.path.join(ROOT, 'harness', 'oracle', 'node-serve.js')
DATE = re.compile(rb'Date: [^\r\n]{29}\r\n')


def h1_bin():
    return os.environ.get('H1_BIN', os.path.join(ROOT, 'build', 'gcc', 'harness', 'h1'))


class Server:
    """One server process on 127.0.0.1 with --port 0."""

    def __init__(self, argv, preexec_fn=None):
        # standard error goes to a file: a pipe nobody reads would stop a server that logs
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=self.err,
                                     preexec_fn=preexec_fn)
        line = self.proc.stdout.readline().decode()
        m = re.match(r'listening 127\.0\.0\.1:(\d+)', line)
        if not m:
            self.proc.kill()
            self.proc.wait()
            raise RuntimeError('%s did not start: %r %s' % (argv[0], line, self.stderr_text()))
        self.port = int(m.group(1))

    def stderr_text(self):
        self.err.seek(0)
        return self.err.read().decode(errors='replace')

    def stop(self, sig_timeout=10):
        """SIGTERM, then the exit status (None when it had to be killed)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(sig_timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return None
        return self.proc.returncode


def start_h1(flags, extra=()):
    # as many workers as the suite has connections at once: a handler (or an
    # Upgrade echo) holds its worker, where Node would interleave them
    return Server([h1_bin(), 'serve', '--echo-json', '--port', '0', '--threads', '32'] +
                  list(flags) + list(extra))


def start_node(flags):
    return Server([os.environ.get('NODE', 'node'), NODE_SERVE] + list(flags))


def play(port, steps, wait_ms=300, limit_s=20.0, host='127.0.0.1'):
    """Plays the steps; returns (bytes received with Date values as X, fate)."""
    s = socket.create_connection((host, port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    got = bytearray()
    state = {'fate': None, 'last': time.monotonic()}
    lock = threading.Lock()

    def reader():
        try:
            while True:
                b = s.recv(65536)
                with lock:
                    state['last'] = time.monotonic()
                    if not b:
                        state['fate'] = 'closed'
                        return
                    got.extend(b)
        except OSError:
            with lock:
                state['fate'] = 'closed'

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    for step in steps:
        kind = step[0]
        try:
            if kind == 'send':
                s.sendall(step[1])
            elif kind == 'trickle':  # one byte per send, `step[2]` ms apart
                for i in range(len(step[1])):
                    s.sendall(step[1][i:i + 1])
                    if step[2]:
                        time.sleep(step[2] / 1000.0)
            elif kind == 'pause':
                time.sleep(step[1] / 1000.0)
            elif kind == 'shut':
                s.shutdown(socket.SHUT_WR)
        except OSError:
            break
    sent = time.monotonic()
    end = sent + limit_s
    while time.monotonic() < end:
        with lock:
            if state['fate'] is not None:
                break
            quiet = time.monotonic() - max(state['last'], sent)
        if quiet * 1000 >= wait_ms:
            break
        time.sleep(0.01)
    t.join(0.05)
    with lock:
        fate = state['fate'] or 'open'
        data = bytes(got)
    try:
        s.close()
    except OSError:
        pass
    return DATE.sub(b'Date: X\r\n', data), fate
