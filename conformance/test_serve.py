"""test_serve.py -- `h1 serve --echo-json` against Node's http.Server, on the wire.

Every case of serve_cases.py is played on one connection to both servers (the same flags),
at the same time; the byte streams received (Date values aside) and the connection fates must
be equal. The servers of one flag set are shared by its cases and stopped at the end; both
must exit on SIGTERM.
"""

import concurrent.futures
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_cases  # noqa: E402
import serve_wire  # noqa: E402

CASES = serve_cases.cases()
_results = {}


def _run_all():
    groups = {}
    for c in CASES:
        groups.setdefault(tuple(c['flags']), []).append(c)
    servers = []
    try:
        pairs = {}
        for flags in groups:
            h = serve_wire.start_h1(flags)
            servers.append(h)
            n = serve_wire.start_node(flags)
            servers.append(n)
            pairs[flags] = (h, n)

        def one(c):
            h, n = pairs[tuple(c['flags'])]
            with concurrent.futures.ThreadPoolExecutor(2) as ex:
                fh = ex.submit(serve_wire.play, h.port, c['steps'], c['wait'])
                fn = ex.submit(serve_wire.play, n.port, c['steps'], c['wait'])
                return c['id'], fh.result(), fn.result()

        with concurrent.futures.ThreadPoolExecutor(8) as ex:
            for cid, got, want in ex.map(one, CASES):
                _results[cid] = (got, want)
        # a difference is played again, alone and with a longer wait, so that a loaded
        # machine (a late answer read as a quiet connection) does not make it flaky
        for c in CASES:
            got, want = _results[c['id']]
            if got != want:
                slow = dict(c, wait=c['wait'] * 3)
                _results[c['id']] = one(slow)[1:]
    finally:
        codes = [s.stop() for s in servers]
    _results['__exit__'] = codes


@pytest.fixture(scope='module')
def serve_results():
    if not _results:
        _run_all()
    return _results


def _param(c):
    why = serve_cases.KNOWN_DIVERGENCES.get(c['id'])
    if why:
        return pytest.param(c['id'], marks=pytest.mark.xfail(reason=why, strict=True))
    return c['id']


@pytest.mark.parametrize('serve_id', [_param(c) for c in CASES])
def test_wire(serve_results, serve_id):
    (got, got_fate), (want, want_fate) = serve_results[serve_id]
    assert (got, got_fate) == (want, want_fate), (
        '%s: h1 sent %r (%s); Node sent %r (%s)' % (serve_id, got[:600], got_fate, want[:600], want_fate))


def test_case_count():
    assert len(CASES) >= 150


def test_servers_exit_cleanly(serve_results):
    # h1 serve exits 0 on SIGTERM (graceful close); every server was stopped
    codes = serve_results['__exit__']
    assert all(c is not None for c in codes), codes
    assert all(c == 0 for c in codes[0::2]), codes
