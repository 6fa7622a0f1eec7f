"""ws_wire.py -- WebSocket peers for test_ws.py, all on 127.0.0.1.

- Servers: `h1 serve --ws-echo` and the npm `ws` package's WebSocketServer
  (ws_peers/server.js), both started with port 0 (serve_wire.Server).
- Clients: `h1 ws --events`, Node 20's own WebSocket and the `ws` package's
  (ws_peers/client.js); each gives the list of events it saw, as JSON
  objects ({"ev": "open" | "message" | "error" | "close", ...}).
- RawServer: answers one handshake with scripted bytes, then plays frames
  and records what the client sends back, for handshake refusals,
  protocol violations and the corpus cases.
- raw_client(): a scripted client over a plain socket, for the servers.
- Frames: build() writes any frame, valid or not; parse() reads a stream.

The npm `ws` package is found in $H1_WS_NODE_MODULES or
build/npm/node_modules (ci/setup installs it there with ci/lib/npm-ws).
"""

import base64
import hashlib
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_wire  # noqa: E402

ROOT = serve_wire.ROOT
PEERS = os.path.join(ROOT, 'conformance', 'ws_peers')
GUID = b'258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
TIMEOUT = 30


def node_modules():
    return os.environ.get('H1_WS_NODE_MODULES', os.path.join(ROOT, 'build', 'npm', 'node_modules'))


def have_ws():
    return os.path.isfile(os.path.join(node_modules(), 'ws', 'package.json'))


def node_env():
    env = dict(os.environ)
    env['NODE_PATH'] = node_modules()
    return env


def accept_of(key):
    return base64.b64encode(hashlib.sha1(key.encode() + GUID).digest()).decode()


# --- Frames ------------------------------------------------------------------

def build(opcode, payload=b'', fin=True, rsv=0, mask=None, length=None):
    """One frame; `mask` 4 bytes (a client's) or None; `length` overrides the
    length field (a lie, or a non-minimal form given as (code, value))."""
    b0 = (0x80 if fin else 0) | (rsv << 4) | opcode
    n = len(payload) if length is None else length
    m = 0x80 if mask is not None else 0
    if isinstance(n, tuple):
        code, value = n
        head = bytes([b0, m | code]) + (struct.pack('!H', value) if code == 126 else struct.pack('!Q', value))
    elif n < 126:
        head = bytes([b0, m | n])
    elif n < 65536:
        head = bytes([b0, m | 126]) + struct.pack('!H', n)
    else:
        head = bytes([b0, m | 127]) + struct.pack('!Q', n)
    if mask is not None:
        payload = bytes(c ^ mask[i % 4] for i, c in enumerate(payload)) if len(payload) < 65536 \
            else _mask_fast(payload, mask)
        return head + mask + payload
    return head + payload


def _mask_fast(payload, mask):
    k = int.from_bytes(mask * ((len(payload) + 3) // 4), 'big') >> (8 * ((-len(payload)) % 4))
    return (int.from_bytes(payload, 'big') ^ k).to_bytes(len(payload), 'big')


def close_payload(code=None, reason=b''):
    return b'' if code is None else struct.pack('!H', code) + reason


def parse(data):
    """(frames, rest): frames as (fin, rsv, opcode, masked, payload)."""
    frames = []
    i = 0
    while True:
        if len(data) - i < 2:
            break
        b0, b1 = data[i], data[i + 1]
        n = b1 & 0x7F
        j = i + 2
        if n == 126:
            if len(data) - j < 2:
                break
            n = struct.unpack('!H', data[j:j + 2])[0]
            j += 2
        elif n == 127:
            if len(data) - j < 8:
                break
            n = struct.unpack('!Q', data[j:j + 8])[0]
            j += 8
        masked = bool(b1 & 0x80)
        key = None
        if masked:
            if len(data) - j < 4:
                break
            key = data[j:j + 4]
            j += 4
        if len(data) - j < n:
            break
        payload = data[j:j + n]
        if masked:
            payload = _mask_fast(payload, key) if n >= 65536 else bytes(c ^ key[k % 4] for k, c in enumerate(payload))
        frames.append((bool(b0 & 0x80), (b0 >> 4) & 7, b0 & 0x0F, masked, payload))
        i = j + n
    return frames, data[i:]


def summary(frames):
    """What a peer's frames say, masks aside: [(opcode, fin, payload hex or
    length)], a close frame's payload kept whole."""
    out = []
    for fin, rsv, op, _masked, payload in frames:
        if len(payload) > 256:
            out.append((op, fin, rsv, 'len=%d sha1=%s' % (len(payload), hashlib.sha1(payload).hexdigest())))
        else:
            out.append((op, fin, rsv, payload.hex()))
    return out


# --- Servers ------------------------------------------------------------------

class _H1Server(serve_wire.Server):
    def stop(self, sig_timeout=10):
        """SIGTERM; an ASan/UBSan build's report (a leak, an error) fails."""
        rc = super().stop(sig_timeout)
        text = self.stderr_text()
        assert 'Sanitizer' not in text and 'runtime error' not in text, text
        return rc


def h1_server(*flags):
    return _H1Server([serve_wire.h1_bin(), 'serve', '--ws-echo', '--port', '0'] + list(flags))


def ws_server(spec=None):
    return _NodeServer(['node', os.path.join(PEERS, 'server.js'), json.dumps(spec or {})])


class _NodeServer(serve_wire.Server):
    def __init__(self, argv):
        env = node_env()
        self.err = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=self.err, env=env)
        line = self.proc.stdout.readline().decode()
        if not line.startswith('listening 127.0.0.1:'):
            self.proc.kill()
            self.proc.wait()
            raise RuntimeError('ws server did not start: %r %s' % (line, self.stderr_text()))
        self.port = int(line.strip().rsplit(':', 1)[1])


# --- Clients ------------------------------------------------------------------

def _events(text):
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith('{'):
            out.append(json.loads(line))
    return out


def normalize(events):
    """Events as compared: an error's message is each side's own words."""
    out = []
    for e in events:
        e = dict(e)
        if e.get('ev') == 'error':
            e.pop('message', None)
        out.append(e)
    return out


def h1_client(url, messages=(), binary=False, expect=0, close=(), protocols=(), extra=(), timeout=TIMEOUT):
    """`h1 ws --events`: (events, exit status).  `close` is () for an empty
    close frame, (code,) or (code, reason), or None for --no-close."""
    argv = [serve_wire.h1_bin(), 'ws', '--events', '--expect', str(expect)]
    for p in protocols:
        argv += ['-p', p]
    if binary:
        argv.append('-b')
    if close is None:
        argv.append('--no-close')
    else:
        if len(close) >= 1:
            argv += ['--close-code', str(close[0])]
        if len(close) >= 2:
            argv += ['--close-reason', close[1]]
    argv += list(extra) + [url]
    data = b''.join(m + b'\n' for m in messages)
    p = subprocess.run(argv, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    assert b'Sanitizer' not in p.stderr, p.stderr.decode(errors='replace')
    return normalize(_events(p.stdout.decode())), p.returncode


def node_client(impl, url, messages=(), binary=False, expect=0, close=(), protocols=(), timeout=TIMEOUT,
                ping=None):
    """Node's WebSocket (impl 'node') or ws's ('ws'): the events."""
    spec = {'protocols': list(protocols), 'expect': expect,
            'send': [{'binary': binary, 'data': base64.b64encode(m).decode()} for m in messages],
            'close': None if close is None else list(close)}
    if ping is not None:
        spec['ping'] = base64.b64encode(ping).decode()
    with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as f:
        json.dump(spec, f)
        path = f.name
    try:
        argv = ['node'] + (['--experimental-websocket', '--no-warnings'] if impl == 'node' else []) + \
            [os.path.join(PEERS, 'client.js'), impl, url, '@' + path]
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, env=node_env())
    finally:
        os.unlink(path)
    return normalize(_events(p.stdout.decode()))


def read_all(c, got=b'', seconds=5.0, until=None):
    """Reads from socket c until its end (or a reset), `seconds` at most, or
    until(c, got) says so; returns got plus what was read."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            b = c.recv(65536)
        except (socket.timeout, ConnectionResetError):
            break
        if not b:
            break
        got += b
        if until is not None and until(c, got):
            break
    return got


# --- A scripted server ---------------------------------------------------------

def good_response(key, head=None, protocol=None):
    r = ('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
         'Sec-WebSocket-Accept: %s\r\n' % accept_of(key))
    if protocol is not None:
        r += 'Sec-WebSocket-Protocol: %s\r\n' % protocol
    return (r + '\r\n').encode()


class RawServer:
    """Accepts connections one after the other; for each, reads the head,
    writes respond(key, head) then the bytes of `after`, reads what the
    client sends until it closes (or `linger` s), then closes (`reset`: with
    an RST).  `then_close`: close right after sending (no waiting)."""

    def __init__(self, respond=good_response, after=b'', linger=5.0, then_close=False, reset=False,
                 half_close=False):
        self.respond = respond
        self.half_close = half_close
        self.after = after
        self.linger = linger
        self.then_close = then_close
        self.reset = reset
        self.received = []  # bytes after the head, per connection
        self.heads = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(('127.0.0.1', 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.url = 'ws://127.0.0.1:%d/' % self.port
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.done.is_set():
            try:
                self.sock.settimeout(0.2)
                c, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            try:
                self._serve(c)
            except OSError:
                pass
            finally:
                c.close()

    def _serve(self, c):
        c.settimeout(self.linger)
        head = b''
        while b'\r\n\r\n' not in head:
            b = c.recv(65536)
            if not b:
                return
            head += b
        head, rest = head.split(b'\r\n\r\n', 1)
        self.heads.append(head)
        key = ''
        for line in head.split(b'\r\n')[1:]:
            name, _, value = line.partition(b':')
            if name.strip().lower() == b'sec-websocket-key':
                key = value.strip().decode()
        c.sendall(self.respond(key, head) + self.after)
        got = rest
        if self.half_close:
            # the whole script is out: end our side, read theirs to its end
            c.shutdown(socket.SHUT_WR)
            self.received.append(read_all(c, got, self.linger))
            return
        if self.reset:
            c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            self.received.append(got)
            return
        if not self.then_close:
            got = read_all(c, got, self.linger, until=self._answer_close)
        self.received.append(got)

    @staticmethod
    def _answer_close(c, got):
        """The client's close: answered as a server does, then the end."""
        closes = [f for f in parse(got)[0] if f[2] == 8]
        if not closes:
            return False
        try:
            c.sendall(build(8, closes[0][4][:2]))
        except OSError:
            pass
        return True

    def frames(self, i=-1):
        return parse(self.received[i])[0] if self.received else []

    def close(self):
        self.done.set()
        self.thread.join(5)
        self.sock.close()


# --- A scripted client -----------------------------------------------------------

MASK = b'\x37\xfa\x21\x3d'


def handshake_request(port, key='dGhlIHNhbXBsZSBub25jZQ==', extra=b'', path='/'):
    return (b'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
            b'Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n' % (path.encode(), port, key.encode())
            + extra + b'\r\n')


def raw_client(port, send=b'', request=None, wait=3.0, half_close=False, reset=False, pieces=None):
    """Sends a request (the handshake by default) and `send`; returns (head,
    bytes after the head, closed): what the server wrote until it closed, or
    `wait` s of silence."""
    s = socket.create_connection(('127.0.0.1', port), timeout=wait)
    s.sendall((request if request is not None else handshake_request(port)))
    got = b''
    while b'\r\n\r\n' not in got:
        b = s.recv(65536)
        if not b:
            break
        got += b
    head, _, rest = got.partition(b'\r\n\r\n')
    closed = False
    try:
        for piece in (pieces or [send]):
            s.sendall(piece)
        if half_close:
            s.shutdown(socket.SHUT_WR)
        if reset:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            s.close()
            return head, rest, True
        answered_close = False
        while True:
            try:
                b = s.recv(65536)
            except socket.timeout:
                break
            except ConnectionResetError:
                closed = True
                break
            if not b:
                closed = True
                break
            rest += b
            frames, _ = parse(rest)
            if not answered_close and any(f[2] == 8 for f in frames):
                answered_close = True
                # answer the server's close as a client does (if not ours)
                code = [f for f in frames if f[2] == 8][0][4][:2]
                try:
                    s.sendall(build(8, code, mask=MASK))
                except OSError:
                    pass
    finally:
        s.close()
    return head, rest, closed
