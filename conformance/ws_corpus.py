"""ws_corpus.py -- reads corpus/ws/*.cases (the Autobahn categories, format in
corpus/ws/README.md) and turns a case into what goes over a socket: the
bytes a peer sends, and what the h1 endpoint must answer (frames) and
report (events).

The same reader is written in C for the unit tests (core/test/support/
ws_case.c); this one serves the endpoint tests (test_ws_corpus.py).
"""

import glob
import os
import re
import shlex
import struct

import ws_wire as W

CORPUS = os.path.join(W.ROOT, 'corpus', 'ws')
OPCODES = {'cont': 0, 'text': 1, 'binary': 2, 'close': 8, 'ping': 9, 'pong': 10}


class Case:
    def __init__(self, cid, title, path):
        self.id = cid
        self.title = title
        self.path = path
        self.role = 'both'
        self.max = None
        self.lenient = False
        self.sends = []    # (opcode or 'raw', attrs dict, payload)
        self.expects = []  # (kind, payload) / ('close', code, reason)
        self.outcome = None  # ('closed',) ('open',) ('fail', code, name)


def _unescape(word):
    body = word[1:-1]
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c == '\\' and i + 1 < len(body):
            n = body[i + 1]
            if n == 'x':
                out.append(int(body[i + 2:i + 4], 16))
                i += 4
                continue
            out += n.encode()
            i += 2
            continue
        out += c.encode()
        i += 1
    return bytes(out)


def _payload(words):
    out = b''
    for w in words:
        if w.startswith('"'):
            out += _unescape(w)
        elif w.startswith('hex:'):
            out += bytes.fromhex(w[4:])
        elif w.startswith('rep='):
            n, hh = w[4:].split(':')
            out += bytes([int(hh, 16)]) * int(n)
        elif w.startswith('code='):
            out += struct.pack('!H', int(w[5:]))
        else:
            raise ValueError('payload word %r' % w)
    return out


def _words(rest):
    # quoted strings keep their escapes: split on spaces outside quotes
    return re.findall(r'"(?:[^"\\]|\\.)*"|\S+', rest)


def _times(words):
    if words and words[0].startswith('times='):
        return int(words[0][6:]), words[1:]
    return 1, words


def load(corpus=CORPUS):
    cases = []
    for path in sorted(glob.glob(os.path.join(corpus, '*.cases'))):
        cur = None
        with open(path, encoding='utf-8') as f:
            for raw in f:
                line = raw.strip()
                if not line or line.startswith('#'):
                    continue
                key, _, rest = line.partition(' ')
                if key == 'case':
                    cid, _, title = rest.partition(' ')
                    cur = Case(cid, title, path)
                    cases.append(cur)
                elif key == 'autobahn':
                    pass
                elif key == 'role':
                    cur.role = rest.strip()
                elif key == 'max':
                    cur.max = int(rest)
                elif key == 'lenient-length':
                    cur.lenient = True
                elif key == 'send':
                    n, words = _times(_words(rest))
                    op, words = words[0], words[1:]
                    attrs = {}
                    while words and not (words[0].startswith(('"', 'hex:', 'rep=', 'code='))):
                        a = words.pop(0)
                        k, _, v = a.partition('=')
                        attrs[k] = v
                    payload = _payload(words)
                    if op.startswith('op='):
                        op = int(op[3:])
                    elif op != 'raw':
                        op = OPCODES[op]
                    cur.sends += [(op, attrs, payload)] * n
                elif key == 'expect':
                    n, words = _times(_words(rest))
                    kind, words = words[0], words[1:]
                    if kind == 'close':
                        code = int(words[0])
                        cur.expects += [('close', code, _payload(words[1:]))] * n
                    else:
                        cur.expects += [(kind, _payload(words))] * n
                elif key == 'outcome':
                    w = rest.split()
                    cur.outcome = (w[0], int(w[1]), w[2]) if w[0] == 'fail' else (w[0],)
                else:
                    raise ValueError('%s: unknown line %r' % (path, line))
    return cases


def wire(case, to_server):
    """The peer's bytes: frames masked to a server (each its own key)."""
    out = []
    for i, (op, attrs, payload) in enumerate(case.sends):
        if op == 'raw':
            out.append(payload)
            continue
        masked = (to_server and 'nomask' not in attrs) or 'mask' in attrs
        mask = bytes([(i * 37 + k * 11 + 1) & 0xFF for k in range(4)]) if masked else None
        length = None
        if 'rawlen' in attrs:
            n = int(attrs['rawlen'])
            length = n if n >= 65536 or n < 126 else (126, n)
            if n >= 65536:
                length = (127, n)
        elif 'len16' in attrs:
            length = (126, len(payload))
        elif 'len64' in attrs:
            length = (127, len(payload))
        fin = 'nofin' not in attrs
        rsv = int(attrs.get('rsv', '0'))
        out.append(W.build(op, payload, fin=fin, rsv=rsv, mask=mask, length=length))
    return b''.join(out)


def expected_frames(case, server):
    """What the endpoint writes back, as (opcode, payload): the echo server
    echoes messages; either side answers pings and a close (the server
    with the code and reason, as ws; the client with the code only, as
    Node); a failure's close frame last."""
    out = []
    for e in case.expects:
        if e[0] in ('text', 'binary') and server:
            out.append((OPCODES[e[0]], e[1]))
        elif e[0] == 'ping':
            out.append((10, e[1]))
        elif e[0] == 'close':
            code, reason = e[1], e[2]
            if code == 1005:
                out.append((8, b''))
            else:
                out.append((8, struct.pack('!H', code) + (reason if server else b'')))
    if case.outcome[0] == 'fail' and case.outcome[1] != 1006:
        code, name = case.outcome[1], case.outcome[2]
        if server:
            out.append((8, struct.pack('!H', code)))
        else:
            why = {'WS_CLOSE_CODE': b'Invalid status code',
                   'WS_CLOSE_UTF8': b'Invalid UTF-8'}.get(name)
            if why is not None:
                out.append((8, struct.pack('!H', code) + why))
    return out


def expected_events(case):
    """What `h1 ws --events` reports, as Node's WebSocket would."""
    import base64
    ev = [{'ev': 'open', 'protocol': '', 'extensions': ''}]
    for e in case.expects:
        if e[0] in ('text', 'binary'):
            ev.append({'ev': 'message', 'binary': e[0] == 'binary', 'data': base64.b64encode(e[1]).decode()})
    out = case.outcome
    if out[0] == 'closed':
        close = [e for e in case.expects if e[0] == 'close'][0]
        ev.append({'ev': 'close', 'code': close[1], 'reason': close[2].decode('utf-8'), 'wasClean': True})
    elif out[0] == 'open' or out[1] == 1006:
        ev.append({'ev': 'close', 'code': 1006, 'reason': '', 'wasClean': False})
    else:
        ev.append({'ev': 'error'})
        ev.append({'ev': 'close', 'code': 1006, 'reason': '', 'wasClean': False})
    return ev


def quote(argv):
    return ' '.join(shlex.quote(a) for a in argv)
