"""test_ws_corpus.py -- the corpus/ws cases (the Autobahn categories) played
over sockets: by a raw client to `h1 serve --ws-echo`, and by a scripted
raw server to `h1 ws`.  Each endpoint must answer with the frames the case
implies (echoes, pongs, the close answer, the failure's close code) and
the client must report the events Node's WebSocket reports.

A case without `lenient-length` runs the endpoints with --strict-length
(the engine's default reading); `max N` sets the endpoint's message limit.
"""

import os
import socket
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ws_corpus as C  # noqa: E402
import ws_wire as W  # noqa: E402

CASES = C.load()
SERVER_CASES = [c for c in CASES if c.role in ('both', 'server')]
CLIENT_CASES = [c for c in CASES if c.role in ('both', 'client')]

_servers = {}


@pytest.fixture(scope='module')
def server_for():
    def get(case):
        key = (case.max, case.lenient)
        if key not in _servers:
            flags = []
            if case.max is not None:
                flags += ['--ws-max-payload', str(case.max)]
            if not case.lenient:
                flags.append('--ws-strict-length')
            _servers[key] = W.h1_server(*flags)
        return _servers[key]
    yield get
    for s in _servers.values():
        s.stop()
    _servers.clear()


def test_corpus_is_there():
    assert len(CASES) >= 250, len(CASES)
    assert {c.outcome[0] for c in CASES} == {'closed', 'open', 'fail'}


@pytest.mark.parametrize('case', SERVER_CASES, ids=[c.id for c in SERVER_CASES])
def test_h1_server_plays_case(server_for, case):
    srv = server_for(case)
    s = socket.create_connection(('127.0.0.1', srv.port), timeout=10)
    try:
        s.sendall(W.handshake_request(srv.port))
        got = b''
        while b'\r\n\r\n' not in got:
            b = s.recv(65536)
            assert b, 'no handshake answer'
            got += b
        head, _, rest = got.partition(b'\r\n\r\n')
        assert head.startswith(b'HTTP/1.1 101 ')
        try:
            s.sendall(C.wire(case, to_server=True))
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server may fail the connection before all is sent
        while True:
            try:
                b = s.recv(1 << 20)
            except ConnectionResetError:
                break
            if not b:
                break
            rest += b
    finally:
        s.close()
    frames, left = W.parse(rest)
    got = [(f[2], f[4]) for f in frames]
    want = C.expected_frames(case, server=True)
    assert left == b''
    assert all(not f[3] and f[0] and f[1] == 0 for f in frames), 'server frames: unmasked, final, no RSV'
    assert W.summary([(True, 0, op, False, p) for op, p in got]) == \
        W.summary([(True, 0, op, False, p) for op, p in want]), case.title
    assert srv.proc.poll() is None


@pytest.mark.parametrize('case', CLIENT_CASES, ids=[c.id for c in CLIENT_CASES])
def test_h1_client_plays_case(case):
    srv = W.RawServer(after=C.wire(case, to_server=False), half_close=True, linger=10)
    # the corpus's default limit is ws's 100 MiB; h1 ws's is Node's 2^31 - 1
    extra = ['--max-payload', str(case.max if case.max is not None else 104857600)]
    if not case.lenient:
        extra.append('--strict-length')
    try:
        events, _ = W.h1_client(srv.url, expect=0, close=None, extra=extra, timeout=60)
    finally:
        srv.close()
    assert events == C.expected_events(case), case.title
    frames = srv.frames()
    assert all(f[3] for f in frames), 'client frames are masked'
    got = W.summary([(True, 0, f[2], False, f[4]) for f in frames])
    want = W.summary([(True, 0, op, False, p) for op, p in C.expected_frames(case, server=False)])
    assert got == want, case.title
