"""`h1 write` against Node's own OutgoingMessage (doc/cli.md section 3).

1. Scenario table (conformance/writer/scenarios.jsonl, made by make_scenarios.py): every scenario
   is replayed by harness/oracle/node-writer.js against real Node objects on real sockets, and by
   `h1 write`; the two JSON objects must be equal, the value of an IMF-fixdate `Date` header
   excepted. Exit status: 0 when error is null, 1 when not.
2. Strict profile: never writes bytes Node would not (its output is a prefix of the node
   profile's), and refuses each of Node's unsafe cases listed in STRICT_REFUSES.
3. Round trip (property test, seeded): random header sets and bodies, as responses and requests.
   Node's recorder and `h1 write` agree on the bytes; h1's parser (`h1 parse`) and Node's
   (harness/oracle/node-oracle.js) read those bytes back to the same message, and that message
   holds exactly the headers and body the scenario put in.

Environment: H1_BIN (default build/gcc/harness/h1), NODE (default node),
H1_WRITER_SEED (default 1), H1_WRITER_ROUNDS (default 60).
"""

import base64
import json
import os
import random
import re
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..'))
SCENARIOS = os.path.join(HERE, 'writer', 'scenarios.jsonl')
RECORDER = os.path.join(ROOT, 'harness', 'oracle', 'node-writer.js')
ORACLE = os.path.join(ROOT, 'harness', 'oracle', 'node-oracle.js')
DATE = re.compile(r'(\r\nDate: )[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT(?=\r\n)')

# Node's unsafe cases (checklist sections 2.4, 2.5, 2.6): the strict profile must refuse them.
STRICT_REFUSES = [
    'res/cl-user-short-body-node-sends',
    'res/cl-user-long-body-node-sends',
    'res/te-user-gzip-unframed',
    'res/cl-and-te-user',
    'res/strict-cl-long-write-throws',
    'res/early-hints-node-injection',
    'res/early-hints-link-crlf-in-brackets',
    'req/get-end-data-unframed',
    'req/options-write-unframed',
]


def h1_bin():
    return os.environ.get('H1_BIN') or os.path.join(ROOT, 'build', 'gcc', 'harness', 'h1')


def node_bin():
    return os.environ.get('NODE') or 'node'


def load_scenarios():
    with open(SCENARIOS, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def norm(result):
    r = dict(result)
    r['bytes'] = DATE.sub(r'\1<date>', r['bytes'])
    return r


def record_with_node(items):
    """{id: result} from the Node recorder, one batch."""
    data = ''.join(json.dumps(o, ensure_ascii=False) + '\n' for o in items)
    p = subprocess.run([node_bin(), RECORDER, '--batch'], input=data.encode('utf-8'),
                       capture_output=True, timeout=600)
    assert p.returncode == 0, p.stderr.decode('utf-8', 'replace')
    out = {}
    for line in p.stdout.decode('utf-8').split('\n'):
        if not line.strip():
            continue
        o = json.loads(line)
        out[o['id']] = o['result']
    return out


def h1_write(scenario, profile='node'):
    p = subprocess.run([h1_bin(), 'write', '--profile', profile, '-'],
                       input=json.dumps(scenario, ensure_ascii=False).encode('utf-8'),
                       capture_output=True, timeout=60)
    assert p.returncode in (0, 1), 'h1 write exit %d: %s' % (p.returncode, p.stderr.decode('utf-8', 'replace'))
    r = json.loads(p.stdout.decode('utf-8'))
    assert p.returncode == (0 if r['error'] is None else 1), 'exit status disagrees with error'
    return r


ITEMS = load_scenarios()
_node_cache = {}


@pytest.fixture(scope='module')
def node_results():
    if 'table' not in _node_cache:
        _node_cache['table'] = record_with_node(ITEMS)
    return _node_cache['table']


def test_table_size_and_ids():
    ids = [o['id'] for o in ITEMS]
    assert len(ids) >= 120
    assert len(ids) == len(set(ids))
    assert set(STRICT_REFUSES) <= set(ids)


@pytest.mark.parametrize('scenario_id', [o['id'] for o in ITEMS])
def test_scenario(node_results, scenario_id):
    sc = next(o['scenario'] for o in ITEMS if o['id'] == scenario_id)
    want = norm(node_results[scenario_id])
    got = norm(h1_write(sc))
    assert got == want, 'scenario %s\n  scenario %s\n  node %r\n  h1   %r' % (
        scenario_id, json.dumps(sc, ensure_ascii=False), want, got)


@pytest.mark.parametrize('scenario_id', [o['id'] for o in ITEMS])
def test_strict_profile(scenario_id):
    sc = next(o['scenario'] for o in ITEMS if o['id'] == scenario_id)
    node = norm(h1_write(sc, 'node'))
    strict = norm(h1_write(sc, 'strict'))
    if scenario_id in STRICT_REFUSES:
        assert strict['error'] is not None, 'strict accepted %s: %r' % (scenario_id, strict)
        assert node['error'] is None or strict['error']['call'] <= node['error']['call']
    if strict['error'] is None:
        assert strict == node
    else:
        assert node['bytes'].startswith(strict['bytes']), 'strict wrote bytes the node profile does not'
        if node['error'] is not None:
            assert strict['error']['call'] <= node['error']['call']


# --- round trip ---------------------------------------------------------------------------------

TCHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&\'*+-.^_`|~'
VCHARS = ''.join(chr(c) for c in range(0x21, 0x7f)) + '\u00a0\u00e9\u00ff\u0080'
RESERVED = {'content-length', 'transfer-encoding', 'connection', 'date', 'keep-alive', 'expect', 'trailer',
            'host', 'upgrade', 'te', 'proxy-connection', 'authorization', 'cookie', 'set-cookie'}


def rand_name(rng):
    while True:
        n = ''.join(rng.choice(TCHARS) for _ in range(rng.randint(1, 12)))
        if n.lower() not in RESERVED and n.lower() != '__proto__' and not n.isdigit():
            return n


def rand_value(rng):
    inner = ''.join(rng.choice(VCHARS + ' \t') for _ in range(rng.randint(0, 20)))
    return inner.strip(' \t')


def rand_body(rng):
    return ''.join(chr(rng.randrange(256)) for _ in range(rng.choice([0, 1, 5, 17, 300])))


def make_random(rng, i):
    names = []
    while len(names) < rng.randint(0, 8):
        n = rand_name(rng)
        if n.lower() not in {x.lower() for x in names}:
            names.append(n)
    headers = [(n, rand_value(rng)) for n in names]
    calls = [{'op': 'setHeader', 'args': [n, v]} for n, v in headers]
    body = rand_body(rng)
    mode = rng.choice(['end', 'write', 'cl'])
    if mode == 'cl':
        calls.append({'op': 'setHeader', 'args': ['Content-Length', len(body)]})
    if mode == 'write':
        parts = [body[:len(body) // 2], body[len(body) // 2:]]
        calls += [{'op': 'write', 'args': [p]} for p in parts] + [{'op': 'end', 'args': []}]
    else:
        calls.append({'op': 'end', 'args': [body]})
    if rng.random() < 0.5:
        sc = {'kind': 'response', 'request': 'GET / HTTP/1.1\r\nHost: a\r\n\r\n', 'options': {}, 'calls': calls}
    else:
        sc = {'kind': 'request', 'options': {'method': 'POST', 'host': 'h', 'path': '/r%d' % i}, 'calls': calls}
    return sc, headers, body


def parse_both(items):
    """h1 parse and the Node oracle on each (id, bytes, mode)."""
    lines = ''.join(json.dumps({'id': i, 'input_b64': base64.b64encode(b).decode(), 'mode': m}) + '\n'
                    for i, b, m in items)
    p = subprocess.run([node_bin(), ORACLE], input=lines.encode(), capture_output=True, timeout=600)
    assert p.returncode == 0, p.stderr.decode('utf-8', 'replace')
    node = {}
    for line in p.stdout.decode('utf-8').split('\n'):
        if not line.strip():
            continue
        o = json.loads(line)
        node[o['id']] = o['result']
    h1 = {}
    for i, b, m in items:
        args = [h1_bin(), 'parse'] + (['--response'] if m == 'response' else []) + ['-']
        q = subprocess.run(args, input=b, capture_output=True, timeout=60)
        h1[i] = json.loads(q.stdout.decode('utf-8'))
    return node, h1


def test_round_trip_property():
    seed = int(os.environ.get('H1_WRITER_SEED', '1'))
    rounds = int(os.environ.get('H1_WRITER_ROUNDS', '60'))
    rng = random.Random(seed)
    cases = [make_random(rng, i) for i in range(rounds)]
    items = [{'id': 'rt%d' % i, 'scenario': sc} for i, (sc, _, _) in enumerate(cases)]
    recorded = record_with_node(items)
    to_parse = []
    for i, (sc, headers, body) in enumerate(cases):
        got = h1_write(sc)
        want = recorded['rt%d' % i]
        assert norm(got) == norm(want), 'seed %d round %d: h1 write != Node\n  %s\n  node %r\n  h1   %r' % (
            seed, i, json.dumps(sc), want, got)
        assert got['error'] is None
        to_parse.append(('rt%d' % i, got['bytes'].encode('latin1'), sc['kind']))
    node, h1 = parse_both(to_parse)
    for i, (sc, headers, body) in enumerate(cases):
        key = 'rt%d' % i
        assert h1[key] == node[key], 'seed %d round %d: h1 parse != Node parse\n  %r\n  %r' % (
            seed, i, h1[key], node[key])
        assert node[key]['error'] is None and len(node[key]['messages']) == 1, node[key]
        msg = node[key]['messages'][0]
        raw = msg['rawHeaders']
        pairs = [(raw[j], raw[j + 1]) for j in range(0, len(raw), 2)]
        ours = {n for n, _ in headers}
        assert [x for x in pairs if x[0] in ours] == headers, 'headers did not come back: %r vs %r' % (pairs, headers)
        assert msg['body'] == body
        assert msg.get('complete', True) is True
