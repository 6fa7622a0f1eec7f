"""The `h1` command line itself (harness/cli, doc/cli.md): help, version, option forms, usage
errors, and the regressions of its defects (issue 9: 2, 3, 4, 5).

Usage errors print one line on standard error, nothing on standard output, and exit 2; `--help`
prints the usage on standard output and exits 0. Scenario regressions are compared with Node's
own OutgoingMessage (harness/oracle/node-writer.js), as in test_writer.py.

Environment: H1_BIN (default build/gcc/harness/h1), NODE (default node).
"""

import json
import os
import random
import re
import shutil
import subprocess

import pytest

from test_writer import ROOT, h1_bin, norm, record_with_node


def run(argv, data=b'', cwd=None):
    return subprocess.run([h1_bin()] + argv, input=data, capture_output=True, timeout=120, cwd=cwd)


def h1_version():
    with open(os.path.join(ROOT, 'core', 'include', 'h1', 'h1.h')) as f:
        text = f.read()
    return '.'.join(re.search(r'#define H1_VERSION_%s (\d+)' % k, text).group(1)
                    for k in ('MAJOR', 'MINOR', 'PATCH'))


# --- help and version ---------------------------------------------------------------------------

@pytest.mark.parametrize('argv,first', [
    (['--help'], 'usage: h1 COMMAND'),
    (['-h'], 'usage: h1 COMMAND'),
    (['help'], 'usage: h1 COMMAND'),
    (['help', 'parse'], 'usage: h1 parse'),
    (['help', 'write'], 'usage: h1 write'),
    (['help', 'help'], 'usage: h1 help'),
    (['parse', '--help'], 'usage: h1 parse'),
    (['parse', '-h'], 'usage: h1 parse'),
    (['write', '--help'], 'usage: h1 write'),
    (['write', '-h'], 'usage: h1 write'),
    (['write', '--profile', 'strict', '--help'], 'usage: h1 write'),
])
def test_help_on_stdout_exit_0(argv, first):
    p = run(argv)
    assert p.returncode == 0, p.stderr
    assert p.stderr == b''
    assert p.stdout.decode().startswith(first + ' '), p.stdout


def test_help_lists_every_command_and_matches_command_help():
    top = run(['--help']).stdout.decode()
    for cmd in ('parse', 'write', 'help'):
        assert re.search(r'^  %s ' % cmd, top, re.M), top
    for cmd in ('parse', 'write'):
        assert run(['help', cmd]).stdout == run([cmd, '--help']).stdout


@pytest.mark.parametrize('flag', ['--version', '-V'])
def test_version(flag):
    p = run([flag])
    assert p.returncode == 0 and p.stderr == b''
    assert p.stdout.decode() == 'h1 %s\n' % h1_version()


# --- usage errors -------------------------------------------------------------------------------

USAGE_ERRORS = [
    [], ['nope'], ['--nope'], ['help', 'nope'], ['help', 'parse', 'write'],
    ['parse', '--nope'], ['parse', '-x'], ['parse', '--chunk'], ['parse', '-c'], ['parse', '--chunk', '0'],
    ['parse', '--chunk=x'], ['parse', '--profile', 'lax'], ['parse', '--method', 'BREW'],
    ['parse', '--max-header-size', '-1'], ['parse', '--max-headers-count', '1x'],
    ['parse', '--response=yes'], ['parse', 'a', 'b'], ['parse', '/nonexistent/input'],
    ['parse', '--each'], ['parse', '--each', '/nonexistent/input'], ['parse', '--each=1'],
    ['write', '--nope'], ['write', '-x'], ['write', '--profile'], ['write', '--profile', 'lax'],
    ['write', '--profile=lax'], ['write', 'a', 'b'], ['write', '/nonexistent/scenario.json'],
]


@pytest.mark.parametrize('argv', USAGE_ERRORS, ids=lambda a: ' '.join(a) or '(none)')
def test_usage_error_one_line_exit_2(argv):
    p = run(argv)
    assert p.returncode == 2, (p.returncode, p.stdout, p.stderr)
    assert p.stdout == b''
    err = p.stderr.decode()
    assert err.endswith('\n') and err.count('\n') == 1, err
    # defect 4: `h1 write` usage errors printed `h1 parse`'s usage
    if argv[:1] == ['write'] and not argv[-1].startswith('/nonexistent'):
        assert 'h1 write' in err and 'parse' not in err, err


# --- option forms: long, short, --opt=value, --, operands anywhere --------------------------------

PIPELINE = b'GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc'
RESPONSE = b'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n'


@pytest.mark.parametrize('argv', [
    ['--chunk=3'], ['-c', '3'], ['-c3'], ['-', '--chunk', '3'], ['--chunk', '3', '--', '-'],
    ['--profile=node', '--chunk', '3'], ['-p', 'node', '-c', '3'],
])
def test_parse_option_forms(argv):
    want = run(['parse', '--chunk', '3'], PIPELINE)
    got = run(['parse'] + argv, PIPELINE)
    assert want.returncode == 0 and json.loads(want.stdout)['messages'][1]['body'] == 'abc'
    assert (got.returncode, got.stdout, got.stderr) == (want.returncode, want.stdout, want.stderr)


def test_parse_short_response_and_method():
    want = run(['parse', '--response', '--method', 'HEAD'], RESPONSE)
    assert want.returncode == 0, want.stderr
    assert json.loads(want.stdout)['messages'][0]['statusCode'] == 200
    for argv in (['-r', '-m', 'HEAD'], ['-rm', 'HEAD'], ['--response', '--method=HEAD']):
        got = run(['parse'] + argv, RESPONSE)
        assert (got.returncode, got.stdout) == (want.returncode, want.stdout)
    # without HEAD the body is missing: the input ends inside it
    assert json.loads(run(['parse', '-r'], RESPONSE).stdout)['error']['code'] == 'HPE_INVALID_EOF_STATE'


def test_file_named_like_an_option_after_double_dash(tmp_path):
    (tmp_path / '-in.bin').write_bytes(PIPELINE)
    got = run(['parse', '--', '-in.bin'], cwd=str(tmp_path))
    assert got.returncode == 0, got.stderr
    assert got.stdout == run(['parse'], PIPELINE).stdout


# --- --each: several inputs, one process (the conformance suite's batches) -------------------------

BAD = b'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n'


@pytest.mark.parametrize('flags', [[], ['--chunk', '1'], ['--profile', 'strict']])
def test_parse_each_is_each_file_alone(tmp_path, flags):
    files = []
    for k, data in enumerate([PIPELINE, BAD, b'', PIPELINE[:20]]):
        f = tmp_path / ('in%d' % k)
        f.write_bytes(data)
        files.append(str(f))
    alone = [run(['parse'] + flags + [f]) for f in files]
    assert [p.returncode for p in alone] == [0, 1, 0, 1]
    got = run(['parse', '--each'] + flags + files)
    assert got.stdout == b''.join(p.stdout for p in alone)
    assert got.returncode == max(p.returncode for p in alone) == 1
    # all accepted: 0; and an unreadable file stops the run with 2 after the earlier objects
    ok = run(['parse', '--each'] + flags + [files[0], files[0]])
    assert (ok.returncode, ok.stdout) == (0, alone[0].stdout * 2)
    stop = run(['parse', '--each'] + flags + [files[0], str(tmp_path / 'missing'), files[1]])
    assert (stop.returncode, stop.stdout) == (2, alone[0].stdout)
    assert stop.stderr.decode().count('\n') == 1


# --- defect 2: `h1 parse` on empty input read an uninitialised event -------------------------------

VALGRIND = ['valgrind', '-q', '--error-exitcode=99']


def valgrind_runs_h1():
    """Valgrind is installed and can run this binary (not an ASan build, debug info it reads)."""
    if not shutil.which('valgrind'):
        return False
    q = subprocess.run(VALGRIND + [h1_bin(), '--version'], capture_output=True, timeout=120)
    return q.returncode == 0 and q.stderr == b''


@pytest.mark.parametrize('mode', [[], ['--response'], ['--chunk', '1']])
def test_parse_empty_input(mode):
    p = run(['parse'] + mode)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == {'messages': [], 'error': None}  # what Node reports
    if valgrind_runs_h1():
        q = subprocess.run(VALGRIND + [h1_bin(), 'parse'] + mode, input=b'', capture_output=True, timeout=120)
        assert q.returncode == 0, q.stderr.decode('utf-8', 'replace')


# --- defect 3: JSON that is not JSON -------------------------------------------------------------

def scenario_with(token):
    return ('{"kind": "response", "calls": [{"op": "setHeader", "args": ["X", %s]}, {"op": "end"}]}'
            % token).encode()


NOT_JSON = {
    'nul-value': b'{"x":\x00}',
    'leading-zero': scenario_with('01'),
    'negative-leading-zero': scenario_with('-01'),
    'plus': scenario_with('+1'),
    'bare-fraction': scenario_with('.5'),
    'trailing-point': scenario_with('1.'),
    'bare-exponent': scenario_with('1e'),
    'hex': scenario_with('0x1'),
    'nan': scenario_with('NaN'),
    'trailing-comma': scenario_with('1,'),
    'truncated': b'{"kind": "response", "calls": [',
    'trailing-bytes': b'{} x',
    'raw-nul-in-string': b'{"kind": "a\x00b"}',
    'not-an-object': b'[1]',
    'empty': b'',
}


NOT_SCENARIOS = {
    'unknown-op': b'{"kind": "response", "calls": [{"op": "fly", "args": []}]}',
    'request-does-not-parse': b'{"kind": "response", "request": "GET / HTTP/1.1\\r\\nHost a\\r\\n\\r\\n"}',
}


@pytest.mark.parametrize('name', sorted(NOT_SCENARIOS))
def test_write_refuses_invalid_scenario(name):
    p = run(['write'], NOT_SCENARIOS[name])
    assert p.returncode == 2 and p.stdout == b''
    assert p.stderr.count(b'\n') == 1 and p.stderr.startswith(b'h1 write: '), p.stderr


@pytest.mark.parametrize('name', sorted(NOT_JSON))
def test_write_refuses_invalid_json(name):
    p = run(['write'], NOT_JSON[name])
    assert p.returncode == 2, (p.returncode, p.stdout)
    assert p.stdout == b''
    assert p.stderr.count(b'\n') == 1 and p.stderr.startswith(b'h1 write: '), p.stderr


@pytest.mark.parametrize('token', ['1', '-0', '0.5', '1.5e3', '1E2', '-1e-2', '"\\u0000"'])
def test_write_accepts_valid_json(token):
    p = run(['write'], scenario_with(token))
    assert p.returncode in (0, 1), p.stderr
    error = json.loads(p.stdout)['error']
    # a NUL in a header value is Node's ERR_INVALID_CHAR, not a JSON error
    assert (error and error['code']) == ('ERR_INVALID_CHAR' if 'u0000' in token else None)


def test_write_depth_limit_is_named():
    deep = b'{"kind": "response", "x": ' + b'[' * 100000 + b']' * 100000 + b'}'
    p = run(['write'], deep)
    assert p.returncode == 2 and p.stdout == b''
    assert b'depth' in p.stderr and b'unexpected end' not in p.stderr, p.stderr


def test_write_deep_but_allowed_nesting():
    ok = b'{"kind": "response", "x": ' + b'[' * 1000 + b']' * 1000 + b', "calls": [{"op": "end"}]}'
    p = run(['write'], ok)
    assert p.returncode == 0, p.stderr


# --- defect 5 and JavaScript's conversions, compared with Node ----------------------------------

def wide(i):
    return '\u0100%d' % i


def random_numbers(n, seed=9):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        x = rng.random() * 10 ** rng.randint(-30, 30)
        out.append(rng.choice([x, -x, round(x), round(x, rng.randint(0, 8)), float('%.3g' % x)]))
    return out


REGRESSIONS = {
    # String(array) was cut at 64 items
    'string-of-long-array': [{'op': 'setHeader', 'args': ['X-J', [list(range(100))]]}, {'op': 'end'}],
    'string-of-nested-array': [{'op': 'setHeader', 'args': ['X-J', [[['a', None, [1, 2]], list(range(70))]]]},
                               {'op': 'end'}],
    'status-message-array': [{'op': 'set', 'args': ['statusMessage', ['m%d' % i for i in range(80)]]},
                             {'op': 'end'}],
    # the list of wide strings (for messages) stopped at 256
    'wide-name-after-300-wide-strings': [{'op': 'hasHeader', 'args': [wide(i)]} for i in range(300)]
    + [{'op': 'setHeader', 'args': ['\u0100x', 'v']}],
    # numbers as JavaScript prints them (1e-7, not 1e-07)
    'number-text': [{'op': 'setHeader', 'args': ['X-N', [1e-7, 1.5e-7, 1e21, 1e20, 0.000001, 1e300,
                                                         123456789012345678901234567890, -0.0, 0.1]]},
                    {'op': 'end'}],
    # and over magnitudes from 1e-30 to 1e30, seeded
    'number-text-random': [{'op': 'setHeader', 'args': ['X-N', random_numbers(300)]}, {'op': 'end'}],
    # a repeated key: its first place, its last value; integer-like keys first
    'object-key-order': [{'op': 'writeHead', 'args': [200, json.loads('{"b": "1", "10": "x", "a": "2", '
                                                                      '"b": "3", "2": "y"}')]},
                         {'op': 'end'}],
}


@pytest.fixture(scope='module')
def node_regressions():
    items = [{'id': k, 'scenario': {'kind': 'response', 'request': 'GET / HTTP/1.1\r\nHost: a\r\n\r\n',
                                    'options': {}, 'calls': v}} for k, v in REGRESSIONS.items()]
    return record_with_node(items)


@pytest.mark.parametrize('name', sorted(REGRESSIONS))
def test_javascript_conversions_as_node(node_regressions, name):
    sc = {'kind': 'response', 'request': 'GET / HTTP/1.1\r\nHost: a\r\n\r\n', 'options': {},
          'calls': REGRESSIONS[name]}
    p = run(['write', '-'], json.dumps(sc, ensure_ascii=False).encode('utf-8'))
    assert p.returncode in (0, 1), p.stderr
    assert norm(json.loads(p.stdout)) == norm(node_regressions[name])
