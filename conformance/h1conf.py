"""h1conf: the differential conformance machinery shared by the pytest suite
(conformance/test_corpus.py), the generative mode (conformance/generate.py) and ci/conformance.

One *check* compares one `h1 parse` run with what it must equal:

  node            h1 parse (profile node) == the Node oracle, every field, and the exit status
  chunk-N         h1 parse --chunk N == the oracle (N = 1, 2, 3, 7)
  random-split    a copy of the CLI whose h1_execute() gets random pieces (split_shim.c,
                  seeded by H1_SPLIT_SEED) == the oracle
  strict          profile order: strict never accepts what node rejects; where both accept they
                  agree; deliberate differences come only from conformance/strict-differences.json
  insecure        h1 parse --insecure == the oracle with insecureHTTPParser: true
  sidecar         the case's sidecar expect.node / expect.strict still say what the oracle and
                  strict-differences.json say

Oracle answers are computed in one batch per (case set, option variant) and cached under
$TMPDIR/h1-conformance/ keyed by the oracle's source, Node's version and the inputs.
Stdlib only.
"""

import base64
import concurrent.futures
import glob
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..'))
CORPUS = os.path.join(ROOT, 'corpus', 'cases')
ORACLE = os.path.join(ROOT, 'harness', 'oracle', 'node-oracle.js')
STRICT_FILE = os.path.join(HERE, 'strict-differences.json')
CHUNKS = (1, 2, 3, 7)
CACHE = os.path.join(os.environ.get('TMPDIR', tempfile.gettempdir()), 'h1-conformance')
JOBS = int(os.environ.get('H1_CONFORMANCE_JOBS', '3'))
NODE = os.environ.get('NODE', 'node')


def h1_bin():
    return os.environ.get('H1_BIN') or os.path.join(ROOT, 'build', 'gcc', 'harness', 'h1')


def split_seed():
    return int(os.environ.get('H1_SPLIT_SEED_BASE', '1'))


# ------------------------------------------------------------------------------------------
# Cases

class Case:
    __slots__ = ('id', 'category', 'side', 'data', 'file')

    def __init__(self, side, data, file):
        self.id = side['id']
        self.category = side['category']
        self.side = side
        self.data = data
        self.file = file

    @property
    def options(self):
        return self.side.get('options') or {}

    @property
    def mode(self):
        return self.side.get('mode', 'request')


def load_cases(corpus=CORPUS):
    cases = []
    for path in sorted(glob.glob(os.path.join(corpus, '*', '*.json'))):
        with open(path, encoding='utf-8') as f:
            side = json.load(f)
        http = path[:-5] + '.http'
        with open(http, 'rb') as f:
            data = f.read()
        cases.append(Case(side, data, http))
    return cases


def parse_flags(side, insecure=None):
    """`h1 parse` flags for a sidecar (the oracle's --one mode takes the same)."""
    o = side.get('options') or {}
    flags = []
    if side.get('mode') == 'response':
        flags += ['--response', '--method', side.get('method') or 'GET']
    if o.get('insecure') or insecure:
        flags.append('--insecure')
    if o.get('max_header_size') is not None:
        flags += ['--max-header-size', str(o['max_header_size'])]
    if o.get('max_headers_count') is not None:
        flags += ['--max-headers-count', str(o['max_headers_count'])]
    if o.get('join_duplicate_headers'):
        flags.append('--join-duplicate-headers')
    return flags


def oracle_line(key, side, data, insecure=None):
    o = side.get('options') or {}
    line = {'id': key, 'input_b64': base64.b64encode(data).decode('ascii'), 'mode': side.get('mode', 'request')}
    if line['mode'] == 'response':
        line['method'] = side.get('method') or 'GET'
    if o.get('insecure') or insecure:
        line['insecure'] = True
    for k in ('max_header_size', 'max_headers_count'):
        if o.get(k) is not None:
            line[k] = o[k]
    if o.get('join_duplicate_headers'):
        line['join_duplicate_headers'] = True
    return line


# ------------------------------------------------------------------------------------------
# The oracle, batched and cached

def node_version():
    try:
        return subprocess.run([NODE, '--version'], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError as e:
        raise RuntimeError('cannot run node (%s): the oracle needs Node 20' % e)


def oracle_batch(lines, concurrency=16, use_cache=True):
    """lines: oracle JSONL dicts (unique ids). Returns {id: result}."""
    h = hashlib.sha256()
    with open(ORACLE, 'rb') as f:
        h.update(f.read())
    h.update(node_version().encode())
    payload = ''.join(json.dumps(l, sort_keys=True) + '\n' for l in lines)
    h.update(payload.encode())
    path = os.path.join(CACHE, 'oracle-%s.json' % h.hexdigest()[:32])
    if use_cache and os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            return json.load(f)
    res, suspect = _oracle_run(payload, concurrency)
    if suspect:
        # A case that timed out or failed the oracle's own cross-check under concurrency is
        # asked again, one at a time (seen: about 1 in 2000 cases times out in a big batch).
        again = [l for l in lines if l['id'] in suspect]
        res2, still = _oracle_run(''.join(json.dumps(l, sort_keys=True) + '\n' for l in again), 1)
        res.update(res2)
        if still:
            sys.stderr.write('h1conf: the oracle is unsure about %s even alone\n' % sorted(still)[:10])
    missing = [l['id'] for l in lines if l['id'] not in res]
    if missing:
        raise RuntimeError('oracle gave no answer for %d case(s), e.g. %s' % (len(missing), missing[:5]))
    if use_cache:
        os.makedirs(CACHE, exist_ok=True)
        tmp = path + '.%d.tmp' % os.getpid()
        with open(tmp, 'w', encoding='utf-8') as f:
            json.dump(res, f)
        os.replace(tmp, path)
    return res


def _oracle_run(payload, concurrency):
    p = subprocess.run([NODE, ORACLE, '--concurrency', str(concurrency)], input=payload, capture_output=True,
                       text=True, timeout=3600)
    if p.returncode != 0:
        raise RuntimeError('oracle failed (%d): %s' % (p.returncode, p.stderr[-2000:]))
    suspect = set()
    for line in p.stderr.splitlines():
        for marker in ('oracle: timeout in case ', 'oracle: MISMATCH '):
            if line.startswith(marker):
                suspect.add(line[len(marker):].split(':')[0].strip())
    res = {}
    for l in p.stdout.splitlines():
        r = json.loads(l)
        res[r['id']] = r['result']
    return res, suspect


# ------------------------------------------------------------------------------------------
# The random-split driver

def build_split_driver():
    """Builds (once, cached) a copy of the CLI whose h1_execute gets random pieces. Returns its
    path. Uses the objects of the build tree that holds H1_BIN when they exist, so it runs the
    same engine code as H1_BIN; otherwise compiles core/src and harness/cli."""
    h1 = os.path.abspath(h1_bin())
    build = os.path.dirname(os.path.dirname(h1))
    lib = os.path.join(build, 'libh1.a')
    # only the objects of sources that still exist: a build tree keeps the
    # objects of deleted files
    cli_objs = sorted(o for o in glob.glob(os.path.join(build, 'CMakeFiles', 'h1_cli.dir', 'harness', 'cli', '*.c.o'))
                      if os.path.exists(os.path.join(ROOT, 'harness', 'cli', os.path.basename(o)[:-2])))
    net_lib = os.path.join(build, 'libh1net.a')
    shim = os.path.join(HERE, 'split_shim.c')
    cc = os.environ.get('CC', 'cc')
    h = hashlib.sha256()
    if os.path.exists(lib) and cli_objs:
        libs = [net_lib, lib] if os.path.exists(net_lib) else [lib]
        inputs = libs + [shim] + cli_objs
        argv_tail = cli_objs + libs
    else:
        srcs = sorted(glob.glob(os.path.join(ROOT, 'core', 'src', '*.c')) +
                      glob.glob(os.path.join(ROOT, 'core', 'net', '*.c')) +
                      glob.glob(os.path.join(ROOT, 'harness', 'cli', '*.c')))
        inputs = srcs + [shim]
        argv_tail = ['-O2', '-I', os.path.join(ROOT, 'core', 'src'), '-I', os.path.join(ROOT, 'core', 'net')] + srcs
    for p in inputs:
        with open(p, 'rb') as f:
            h.update(f.read())
    out = os.path.join(CACHE, 'h1-split-%s' % h.hexdigest()[:24])
    if os.path.exists(out):
        return out
    os.makedirs(CACHE, exist_ok=True)
    tmp = out + '.%d.tmp' % os.getpid()
    # the CLI reads scenario JSON with libjansson
    jansson = subprocess.run(['pkg-config', '--cflags', '--libs', 'jansson'], capture_output=True, text=True)
    argv = [cc, '-O2', '-std=c11', '-I', os.path.join(ROOT, 'core', 'include'), shim] + argv_tail + \
        (jansson.stdout.split() if jansson.returncode == 0 else ['-ljansson']) + \
        ['-lssl', '-lcrypto', '-lpthread', '-Wl,--wrap=h1_execute', '-Wl,--wrap=h1_server_init',
         '-Wl,--wrap=h1_client_init', '-o', tmp]
    p = subprocess.run(argv, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError('cannot build the random-split driver: %s\n%s' % (' '.join(argv), p.stderr[-2000:]))
    os.replace(tmp, out)
    return out


# ------------------------------------------------------------------------------------------
# Running h1

def run_h1(argv, timeout=60, env=None):
    try:
        p = subprocess.run(argv, capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return {'rc': None, 'out': None, 'raw': '', 'err': 'timed out after %ss' % timeout}
    except OSError as e:
        return {'rc': None, 'out': None, 'raw': '', 'err': str(e)}
    raw = p.stdout.decode('utf-8', 'replace')
    try:
        out = json.loads(raw)
    except ValueError:
        out = None
    return {'rc': p.returncode, 'out': out, 'raw': raw[:2000], 'raw_all': raw,
            'err': p.stderr.decode('utf-8', 'replace').strip()[:2000]}


def verdict(obj):
    e = obj.get('error') if isinstance(obj, dict) else None
    return ('accept', None) if e is None else ('reject', e.get('code'))


def compare_exact(r, want):
    """why an h1 run is not the oracle's answer, or None."""
    if want is None:
        return 'the oracle gave no answer'
    if r['out'] is None:
        return 'h1 printed no JSON object (exit %s%s)' % (r['rc'], ': ' + r['err'] if r['err'] else '')
    if r['out'] != want:
        return 'output differs: %s' % first_difference(want, r['out'])
    if r['rc'] != (0 if r['out'].get('error') is None else 1):
        return 'exit status %s does not match error' % r['rc']
    return None


def first_difference(a, b, path='$'):
    if type(a) != type(b):
        return '%s: oracle %s, h1 %s' % (path, short(a), short(b))
    if isinstance(a, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if k not in b:
                return '%s.%s: only the oracle has it' % (path, k)
            if k not in a:
                return '%s.%s: only h1 has it' % (path, k)
            if a[k] != b[k]:
                return first_difference(a[k], b[k], '%s.%s' % (path, k))
        if list(a) != list(b):
            return '%s: key order differs (oracle %s, h1 %s)' % (path, list(a)[:8], list(b)[:8])
        return path
    if isinstance(a, list):
        if len(a) != len(b):
            for i, (x, y) in enumerate(zip(a, b)):
                if x != y:
                    return first_difference(x, y, '%s[%d]' % (path, i))
            return '%s: oracle has %d items, h1 %d' % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return first_difference(x, y, '%s[%d]' % (path, i))
        return path
    return '%s: oracle %s, h1 %s' % (path, short(a), short(b))


def short(v, n=80):
    s = json.dumps(v, ensure_ascii=True)
    return s if len(s) <= n else s[:n] + '...'


def escape_bytes(data, limit=600):
    out = []
    for b in data[:limit]:
        c = chr(b)
        if c == '\r':
            out.append('\\r')
        elif c == '\n':
            out.append('\\n')
        elif c == '\t':
            out.append('\\t')
        elif c == '\\':
            out.append('\\\\')
        elif c == '"':
            out.append('\\"')
        elif 0x20 <= b < 0x7f:
            out.append(c)
        else:
            out.append('\\x%02x' % b)
    s = ''.join(out)
    if len(data) > limit:
        s += '... (%d bytes in all)' % len(data)
    return s


# ------------------------------------------------------------------------------------------
# Strict differences

def load_strict_differences(path=STRICT_FILE):
    with open(path, encoding='utf-8') as f:
        doc = json.load(f)
    return doc['rules'], doc['cases']


def strict_why(r, node_want, rule):
    """Checks a strict run. rule: the strict-differences rule deciding this case, or None."""
    if r['out'] is None:
        return 'h1 --profile strict printed no JSON object (exit %s%s)' % (r['rc'], ': ' + r['err'] if r['err'] else '')
    got = verdict(r['out'])
    node = verdict(node_want)
    if node[0] == 'reject':
        if got[0] == 'accept':
            return 'strict accepts a case node rejects (%s)' % node[1]
        return None  # both reject: where node rejects, strict's code is ours
    if rule is not None:
        if got != ('reject', rule['code']):
            return 'strict verdict %s %s; strict-differences.json says reject %s' % (got + (rule['code'],))
        return None
    if got[0] == 'reject':
        return 'strict rejects (%s) a case node accepts, and strict-differences.json does not list it' % got[1]
    if r['out'] != node_want:
        return 'strict accepted but parsed differently from node: %s' % first_difference(node_want, r['out'])
    return None


def strict_order_why(r, node_want):
    """Rule-free profile order (for generated inputs): strict rejects whatever node rejects, and
    when strict accepts it parses exactly as node does."""
    if r['out'] is None:
        return 'h1 --profile strict printed no JSON object (exit %s)' % r['rc']
    got = verdict(r['out'])
    if verdict(node_want)[0] == 'reject':
        return 'strict accepts a case node rejects' if got[0] == 'accept' else None
    if got[0] == 'accept' and r['out'] != node_want:
        return 'strict accepted but parsed differently from node: %s' % first_difference(node_want, r['out'])
    return None


# ------------------------------------------------------------------------------------------
# The corpus suite: every check of every case, computed once

def case_seed(cid, base=None):
    return (zlib.crc32(cid.encode()) ^ ((base if base is not None else split_seed()) * 0x9E3779B1)) & 0xffffffff


def plan_checks(case):
    checks = ['node'] + ['chunk-%d' % n for n in CHUNKS] + ['random-split', 'strict']
    if not case.options.get('insecure'):
        checks.append('insecure')
    checks.append('sidecar')
    return checks


def run_corpus(cases, h1=None, jobs=None, progress=None):
    """Runs every check of every case. Returns a list of run records (dicts)."""
    h1 = h1 or h1_bin()
    jobs = jobs or JOBS
    if not os.path.exists(h1):
        raise RuntimeError('%s does not exist: build it (cmake --build build/gcc) or set H1_BIN' % h1)
    rules, decided = load_strict_differences()
    oracle = oracle_batch([oracle_line(c.id, c.side, c.data) for c in cases])
    insecure_cases = [c for c in cases if not c.options.get('insecure')]
    oracle_ins = oracle_batch([oracle_line(c.id, c.side, c.data, insecure=True) for c in insecure_cases])
    split = build_split_driver()

    tasks = []  # (case, check, argv, env)
    for c in cases:
        flags = parse_flags(c.side)
        for chk in plan_checks(c):
            env = None
            if chk == 'node':
                argv = [h1, 'parse'] + flags + [c.file]
            elif chk.startswith('chunk-'):
                argv = [h1, 'parse'] + flags + ['--chunk', chk[6:], c.file]
            elif chk == 'random-split':
                env = dict(os.environ, H1_SPLIT_SEED=str(case_seed(c.id)))
                argv = [split, 'parse'] + flags + [c.file]
            elif chk == 'strict':
                argv = [h1, 'parse', '--profile', 'strict'] + flags + [c.file]
            elif chk == 'insecure':
                argv = [h1, 'parse'] + parse_flags(c.side, insecure=True) + [c.file]
            else:
                argv = None
            tasks.append((c, chk, argv, env))

    outs = run_tasks(tasks, jobs)

    records = []
    for (c, chk, argv, env), r in zip(tasks, outs):
        want = oracle.get(c.id)
        rule_id = decided.get(c.id)
        rule = rules.get(rule_id) if rule_id else None
        if chk == 'insecure':
            want = oracle_ins.get(c.id)
        if chk == 'strict':
            why = strict_why(r, want, rule)
        elif chk == 'sidecar':
            why = sidecar_why(c, want, rule)
        else:
            why = compare_exact(r, want)
        rec = {'type': 'run', 'case': c.id, 'category': c.category, 'check': chk, 'ok': why is None,
               'file': os.path.relpath(c.file, ROOT)}
        if argv:
            rec['argv'] = [os.path.relpath(a, ROOT) if a.startswith(ROOT + os.sep) else a for a in argv]
            if env:
                rec['env'] = {'H1_SPLIT_SEED': env['H1_SPLIT_SEED']}
        if why is not None:
            rec['why'] = why
            rec['input'] = escape_bytes(c.data, 2000)
            rec['oracle'] = want
            if r is not None:
                rec['h1'] = r['out'] if r['out'] is not None else r['raw']
                rec['h1_rc'] = r['rc']
                if r['err']:
                    rec['h1_stderr'] = r['err']
            rec['oracle_repro'] = oracle_repro(c.side, c.file, insecure=(chk == 'insecure'))
        records.append(rec)
    return records


# Every check but `node` runs in batches: one `h1 parse --each` process parses up to BATCH
# files that share a command line (a process per run cost about 14 ms of CPU, 250 s for the
# corpus; the parses themselves well under a second). `node` keeps a process per case, so
# that each case's exit status is checked on its own.
BATCH = 64


def run_tasks(tasks, jobs):
    """tasks: (case, check, argv, env) with argv = [bin, 'parse', flags..., file]. Returns one
    run_h1-style result per task (None where argv is None), in order."""
    outs = [None] * len(tasks)
    groups = {}
    for i, (c, chk, argv, env) in enumerate(tasks):
        if argv is None:
            continue
        if chk == 'node':
            groups[('single', i)] = [i]
        else:
            groups.setdefault((chk, tuple(argv[:-1])), []).append(i)
    units = []
    for key, idx in groups.items():
        step = 1 if key[0] == 'single' else BATCH
        units += [idx[k:k + step] for k in range(0, len(idx), step)]

    def work(idx):
        if len(idx) == 1 and tasks[idx[0]][1] == 'node':
            _, _, argv, env = tasks[idx[0]]
            return [run_h1(argv, env=env)]
        return run_h1_each([tasks[i][2] for i in idx], [tasks[i][3] for i in idx])

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as ex:
        for idx, res in zip(units, ex.map(work, units)):
            for i, r in zip(idx, res):
                outs[i] = r
    return outs


def run_h1_each(argvs, envs, timeout=60):
    """One `h1 parse --each` process for runs that differ only in their file (and, for the
    random split, in H1_SPLIT_SEED: passed on as H1_SPLIT_SEEDS). Returns a run_h1-style
    result per run: its JSON line, and as exit status the one a run alone gives (0 accepted,
    1 rejected) when the batch's status is the highest of those, else the batch's status with
    the reason in 'err', so that compare_exact reports it."""
    argv = argvs[0][:2] + ['--each'] + argvs[0][2:-1] + [a[-1] for a in argvs]
    env = None
    if envs[0] is not None:
        env = dict(envs[0])
        env.pop('H1_SPLIT_SEED', None)
        env['H1_SPLIT_SEEDS'] = ','.join(e['H1_SPLIT_SEED'] for e in envs)
    r = run_h1(argv, timeout=timeout, env=env)
    lines = (r['raw_all'] if 'raw_all' in r else '').splitlines()
    outs = []
    for k in range(len(argvs)):
        raw = lines[k] if k < len(lines) else ''
        try:
            out = json.loads(raw)
        except ValueError:
            out = None
        outs.append({'rc': r['rc'], 'out': out, 'raw': raw[:2000], 'err': r['err']})
    got = [o['out'] for o in outs]
    if all(isinstance(o, dict) for o in got) and len(lines) == len(argvs):
        want_rc = max(0 if o.get('error') is None else 1 for o in got)
        if r['rc'] == want_rc:
            for o in outs:
                o['rc'] = 0 if o['out'].get('error') is None else 1
        else:
            for o in outs:
                o['err'] = ('h1 parse --each exited %s, the highest status of its %d runs is %d; %s' %
                            (r['rc'], len(argvs), want_rc, o['err'])).strip()
    return outs


def sidecar_why(c, want, rule):
    exp = (c.side.get('expect') or {})
    node = exp.get('node')
    if not node:
        return 'sidecar has no expect.node (run corpus/tools/expect_from_oracle.py)'
    got = verdict(want)
    if (node['outcome'], node['code']) != got:
        return 'sidecar expect.node is %s %s, the oracle says %s %s (rerun corpus/tools/expect_from_oracle.py)' % (
            node['outcome'], node['code'], got[0], got[1])
    strict = exp.get('strict')
    want_strict = ('reject', rule['code']) if rule else got
    if not strict or (strict['outcome'], strict['code']) != want_strict:
        return 'sidecar expect.strict is %s, strict-differences.json gives %s %s' % (strict, *want_strict)
    return None


def oracle_repro(side, file, insecure=False):
    return ' '.join(shlex.quote(a) for a in [NODE, os.path.relpath(ORACLE, ROOT), '--one'] +
                    parse_flags(side, insecure=insecure) + [os.path.relpath(file, ROOT)])


def repro(rec):
    env = ''.join('%s=%s ' % kv for kv in rec.get('env', {}).items())
    s = env + ' '.join(shlex.quote(a) for a in rec.get('argv', []))
    if rec['check'] == 'random-split':
        s += '   (the split driver: python3 conformance/h1conf.py --build-split)'
    return s


def format_disagreement(rec):
    lines = ['=' * 78,
             'DISAGREE %s/%s [%s]: %s' % (rec['category'], rec['case'], rec['check'], rec.get('why')),
             '  input:  "%s"' % rec.get('input', '')]
    o = json.dumps(rec.get('oracle'), ensure_ascii=True)
    h = json.dumps(rec.get('h1'), ensure_ascii=True) if not isinstance(rec.get('h1'), str) else repr(rec['h1'])
    if len(o) + len(h) < 200:
        lines.append('  %-40s | %s' % ('oracle', 'h1'))
        lines.append('  %-40s | %s' % (o, h))
    else:
        lines.append('  oracle: %s' % (o if len(o) < 1500 else o[:1500] + '...'))
        lines.append('  h1:     %s' % (h if len(h) < 1500 else h[:1500] + '...'))
    if rec.get('h1_stderr'):
        lines.append('  h1 stderr: %s' % rec['h1_stderr'][:400])
    if rec.get('argv'):
        lines.append('  repro:  %s' % repro(rec))
    lines.append('  oracle: %s' % rec.get('oracle_repro', ''))
    return '\n'.join(lines)


def summarize(records):
    """Per-category table: cases, agreeing (every check of the case passed), disagreeing."""
    per_case = {}
    for r in records:
        k = (r['category'], r['case'])
        per_case[k] = per_case.get(k, True) and r['ok']
    cats = {}
    for (cat, _), ok in per_case.items():
        s = cats.setdefault(cat, {'cases': 0, 'agreeing': 0, 'disagreeing': 0})
        s['cases'] += 1
        s['agreeing' if ok else 'disagreeing'] += 1
    checks = {}
    for r in records:
        s = checks.setdefault(r['check'], {'runs': 0, 'failed': 0})
        s['runs'] += 1
        s['failed'] += not r['ok']
    passed = sum(1 for ok in per_case.values() if ok)
    return {'type': 'summary', 'cases': len(per_case), 'passed': passed, 'failed': len(per_case) - passed,
            'runs': len(records), 'runs_failed': sum(1 for r in records if not r['ok']),
            'categories': dict(sorted(cats.items())), 'checks': dict(sorted(checks.items()))}


def format_table(summary):
    out = ['%-28s %7s %9s %12s' % ('category', 'cases', 'agreeing', 'disagreeing')]
    for k, s in summary['categories'].items():
        out.append('%-28s %7d %9d %12d' % (k, s['cases'], s['agreeing'], s['disagreeing']))
    out.append('%-28s %7d %9d %12d' % ('total', summary['cases'], summary['passed'], summary['failed']))
    out.append('checks: ' + ', '.join('%s %d/%d' % (k, v['runs'] - v['failed'], v['runs'])
                                      for k, v in summary['checks'].items()))
    return '\n'.join(out)


def write_jsonl(path, records, summary):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=True) + '\n')
        f.write(json.dumps(summary, ensure_ascii=True) + '\n')


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description='h1 conformance helpers')
    ap.add_argument('--build-split', action='store_true', help='build the random-split driver, print its path')
    ap.add_argument('--table', metavar='JSONL', help='print the table and final line of a results file')
    a = ap.parse_args(argv)
    if a.build_split:
        print(build_split_driver())
    if a.table:
        summary = None
        with open(a.table, encoding='utf-8') as f:
            for line in f:
                r = json.loads(line)
                if r.get('type') == 'summary':
                    summary = r
        if summary is None:
            print('no summary record in %s' % a.table)
            return 2
        print(format_table(summary))
        print('%d passed, %d failed' % (summary['passed'], summary['failed']))
        return 1 if summary['failed'] else 0
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
