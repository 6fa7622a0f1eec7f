"""test_probe.py: `h1 probe` against real servers started here on 127.0.0.1.

Targets (each skipped when its program is not installed; ci/setup installs them):
  node          Node's own http server speaking the echo protocol (harness/oracle/node-echo.js)
  nginx         nginx-light answering `return 200`
  nginx-proxy   nginx as a reverse proxy in front of a Node echo-raw server
  haproxy       HAProxy in front of a Node echo-raw server
Adding a target (e.g. `h1 serve --echo-json`) is one line in TARGETS.

Each run probes a sample of categories (ci/test's budget); the whole corpus runs in
`ci/conformance --target HOST:PORT`.  The FAILs each target is known for are listed in
KNOWN_FAILS with the reason; a FAIL outside that list, or a listed one that passes, fails the
test, so a change of behaviour or of an outcome set is seen.
"""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest

from h1conf import ROOT, h1_bin

NODE = os.environ.get('NODE', 'node')
ECHO = os.path.join(ROOT, 'harness', 'oracle', 'node-echo.js')
SAMPLE = ['baseline', 'cl-te', 'te-obfuscation', 'chunk-size', 'sb-chunk-line', 'bare-lf-cr',
          'pipelining', 'cve']

# Per target: the FAILs of the SAMPLE run and why (each a real finding in that server, see the
# reason), in conformance/probe-known-fails.json.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'probe-known-fails.json')) as _f:
    KNOWN_FAILS = {k: set(v['fails']) for k, v in json.load(_f).items()}


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def wait_port(port, proc, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f'server exited with {proc.returncode}')
        try:
            socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f'nothing listens on {port}')


class Servers:
    """Starts servers and stops exactly the processes it started."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.procs = []

    def start(self, argv, port):
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                cwd=self.tmp)
        self.procs.append(proc)
        wait_port(port, proc)
        return f'127.0.0.1:{port}'

    def node(self, mode='--echo-json'):
        port = free_port()
        return self.start([NODE, ECHO, mode, '--port', str(port)], port)

    def h1(self, mode='--echo-json'):
        port = free_port()
        return self.start([h1_bin(), 'serve', mode, '--port', str(port)], port)

    def nginx(self, upstream=None):
        if shutil.which('nginx') is None and not os.path.exists('/usr/sbin/nginx'):
            pytest.skip('nginx not installed')
        port, d = free_port(), tempfile.mkdtemp(dir=self.tmp)
        # the probe half-closes after its bytes (the end of a case is the client closing its
        # side): the proxy must still forward the answer
        where = (f'proxy_pass http://{upstream}; proxy_http_version 1.1; '
                 'proxy_ignore_client_abort on;' if upstream
                 else 'return 200 "ok\\n";')
        temps = ''.join(f'{k}_temp_path {d};' for k in
                        ('client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'))
        conf = os.path.join(d, 'nginx.conf')
        with open(conf, 'w') as f:
            f.write(f'daemon off; worker_processes 1; pid {d}/pid; error_log {d}/error.log;\n'
                    f'events {{ worker_connections 64; }}\n'
                    f'http {{ access_log off; {temps}\n'
                    f'server {{ listen 127.0.0.1:{port}; location / {{ {where} }} }} }}\n')
        return self.start(['/usr/sbin/nginx', '-c', conf, '-p', d], port)

    def nginx_proxy(self):
        return self.nginx(upstream=self.node('--echo-raw'))

    def haproxy(self, upstream_mode='--echo-raw'):
        exe = shutil.which('haproxy') or '/usr/sbin/haproxy'
        if not os.path.exists(exe):
            pytest.skip('haproxy not installed')
        upstream, port = self.node(upstream_mode), free_port()
        conf = os.path.join(self.tmp, f'haproxy-{port}.cfg')
        with open(conf, 'w') as f:
            f.write('defaults\n  mode http\n  timeout connect 2s\n  timeout client 5s\n'
                    '  timeout server 5s\n'
                    f'frontend f\n  bind 127.0.0.1:{port}\n  default_backend b\n'
                    f'backend b\n  server s1 {upstream}\n')
        return self.start([exe, '-db', '-f', conf], port)

    def www(self):
        d = tempfile.mkdtemp(dir=self.tmp)
        os.chmod(d, 0o755)
        with open(os.path.join(d, 'index.html'), 'w') as f:
            f.write('ok\n')
        os.chmod(os.path.join(d, 'index.html'), 0o644)
        os.chmod(self.tmp, 0o755)
        return d

    def apache(self):
        exe, mods = '/usr/sbin/apache2', '/usr/lib/apache2/modules'
        if not os.path.exists(exe):
            pytest.skip('apache2 not installed')
        port, www = free_port(), self.www()
        conf = os.path.join(self.tmp, f'httpd-{port}.conf')
        with open(conf, 'w') as f:
            f.write(f'ServerRoot {self.tmp}\nListen 127.0.0.1:{port}\nServerName probe\n'
                    f'LoadModule mpm_event_module {mods}/mod_mpm_event.so\n'
                    f'LoadModule authz_core_module {mods}/mod_authz_core.so\n'
                    f'LoadModule dir_module {mods}/mod_dir.so\n'
                    f'PidFile {self.tmp}/httpd-{port}.pid\nErrorLog /dev/null\n'
                    + ('User www-data\nGroup www-data\n' if os.geteuid() == 0 else '')
                    + f'DocumentRoot {www}\nDirectoryIndex index.html\n')
        return self.start([exe, '-f', conf, '-X'], port)

    def h2o(self):
        exe = shutil.which('h2o') or '/usr/bin/h2o'
        if not os.path.exists(exe):
            pytest.skip('h2o not installed')
        port, www = free_port(), self.www()
        conf = os.path.join(self.tmp, f'h2o-{port}.conf')
        with open(conf, 'w') as f:
            f.write(f'listen:\n  host: 127.0.0.1\n  port: {port}\n'
                    + ('user: nobody\n' if os.geteuid() == 0 else '')
                    + 'error-log: /dev/null\n'
                    f'hosts:\n  default:\n    paths:\n      /:\n        file.dir: {www}\n')
        return self.start([exe, '-c', conf], port)

    def stop(self):
        for p in self.procs:
            p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


PROXIES = {'nginx-proxy', 'haproxy'}  # in front of a Node echo-raw: probed with --via
TARGETS = {
    'node': Servers.node,
    'h1': Servers.h1,
    'nginx': Servers.nginx,
    'nginx-proxy': Servers.nginx_proxy,
    'haproxy': Servers.haproxy,
    'apache': Servers.apache,
    'h2o': Servers.h2o,
}


@pytest.fixture
def servers(tmp_path):
    s = Servers(str(tmp_path))
    yield s
    s.stop()


def probe(args, out=None):
    cmd = [h1_bin(), 'probe', '-q', '--corpus', os.path.join(ROOT, 'corpus', 'cases')] + args
    if out:
        cmd += ['--out', out]
    return subprocess.run(cmd, capture_output=True, timeout=600)


def records(path):
    with open(path) as f:
        return [json.loads(line) for line in f]


@pytest.mark.parametrize('name', sorted(TARGETS))
def test_probe_target(name, servers, tmp_path):
    target = TARGETS[name](servers)
    only = [a for c in SAMPLE for a in ('--only', c)]
    out = str(tmp_path / 'r.jsonl')
    via = name in PROXIES
    res = probe((['--via', target] if via else [target]) + only, out)
    recs = records(out)
    summary = recs[-1]
    cases = [r for r in recs if r['type'] == 'case']
    assert summary['type'] == 'summary' and summary['exchanges'] == len(cases) > 100
    fails = {r['id'] for r in cases if r['verdict'] == 'FAIL'}
    assert res.returncode == (1 if fails else 0), res.stderr
    if name in KNOWN_FAILS:
        sample_known = {i for i in KNOWN_FAILS[name]
                        if any(r['id'] == i for r in cases)}
        assert fails == sample_known
    # no verdict on timing alone: a timeout is never a FAIL
    assert not [r for r in cases if r['end'] == 'timeout' and r['verdict'] == 'FAIL']
    if via:  # every accepted request was forwarded as one message Node reads the same way
        assert not [r['id'] for r in cases if r['via']['differs']]
    base = [r for r in cases if r['category'] == 'baseline']
    assert base and all(r['verdict'] == 'PASS' for r in base)


def test_probe_smuggling_detected(servers, tmp_path):
    """A server that frames by Transfer-Encoding where Node rejects CL+TE reads the case's
    trailing byte as the start of the control request and answers it differently: the probe says FAIL with desync, never PASS."""
    lenient = os.path.join(str(tmp_path), 'cl-server.js')
    with open(lenient, 'w') as f:
        f.write(LENIENT_SERVER)
    port = free_port()
    target = servers.start([NODE, lenient, str(port)], port)
    out = str(tmp_path / 'r.jsonl')
    res = probe([target, '--id', 'clte-both'], out)
    case = records(out)[0]
    assert res.returncode == 1
    assert case['verdict'] == 'FAIL' and case['desync'] is True, case


# A toy server that frames by Transfer-Encoding when it is chunked (a last chunk ends the body,
# no chunk parsing) and by Content-Length otherwise, never rejecting both, and answers 204 to
# the control request, 200 to other GETs and POSTs, 405 to any other method: the CL.TE smuggler of attack-vectors.md.
LENIENT_SERVER = r'''
const net = require('net');
net.createServer((s) => {
  let buf = Buffer.alloc(0);
  s.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.slice(0, end).toString('latin1');
      const m = /content-length:\s*(\d+)/i.exec(head);
      let n = m ? Number(m[1]) : 0;
      if (/transfer-encoding:\s*chunked/i.test(head)) {
        const last = buf.indexOf('0\r\n\r\n', end + 4);
        if (last < 0) return;
        n = last + 5 - (end + 4);
      }
      if (buf.length < end + 4 + n) return;
      const [method, target] = head.split(' ');
      const st = method === 'GET' && target === '/?h1-probe-control' ? '204 No Content'
        : method === 'GET' || method === 'POST' ? '200 OK' : '405 Method Not Allowed';
      s.write(`HTTP/1.1 ${st}\r\nContent-Length: 0\r\n\r\n`);
      buf = buf.slice(end + 4 + n);
    }
  });
  s.on('end', () => s.end());
  s.on('error', () => {});
}).listen(Number(process.argv[2]), '127.0.0.1');
'''


@pytest.mark.parametrize('fmt', ['junit', 'sarif', 'html'])
def test_probe_formats(fmt, servers, tmp_path):
    target = servers.node()
    out = str(tmp_path / f'r.{fmt}')
    res = probe([target, '--only', 'cl-te', '--only', 'baseline', '--format', fmt], out)
    assert res.returncode == 0, res.stderr
    text = open(out, encoding='utf-8').read()
    if fmt == 'junit':
        import xml.etree.ElementTree as ET
        root = ET.fromstring(text)
        assert root.tag == 'testsuites'
        assert sum(int(s.get('tests')) for s in root) > 10
    elif fmt == 'sarif':
        doc = json.loads(text)
        assert doc['version'] == '2.1.0' and doc['runs'][0]['tool']['driver']['rules']
    else:
        assert text.startswith('<!DOCTYPE html>') and 'id="grid"' in text
        assert 'src=' not in text and 'href=' not in text  # no external resources


def test_probe_usage():
    assert probe([]).returncode == 2
    assert probe(['127.0.0.1:1', '--format', 'xml']).returncode == 2
    assert probe(['127.0.0.1:1', '--only', 'baseline']).returncode == 2  # unreachable


def chromium():
    for name in ('chromium', 'chromium-browser'):
        if shutil.which(name):
            return shutil.which(name)
    return None


@pytest.mark.skipif(chromium() is None, reason='chromium not installed')
def test_probe_html_in_chromium(servers, tmp_path):
    """The one-file HTML report opens in headless Chromium with no script error, its script
    fills the summary from a non-empty grid, and a screenshot is taken."""
    a, b = servers.node(), servers.nginx()
    page, shot = str(tmp_path / 'report.html'), str(tmp_path / 'report.png')
    res = probe([a, b, '--only', 'cl-te', '--only', 'baseline', '-o', os.devnull,
                 '--html', page])
    assert res.returncode in (0, 1), res.stderr
    run = subprocess.run([chromium(), '--headless=new', '--no-sandbox', '--disable-gpu',
                          '--disable-dev-shm-usage', '--enable-logging=stderr', '--v=0',
                          '--window-size=1200,900', f'--screenshot={shot}', '--dump-dom',
                          'file://' + page], capture_output=True, text=True, timeout=180,
                         cwd=str(tmp_path))
    console = [line for line in run.stderr.splitlines() if ':CONSOLE' in line]
    assert not console, console
    import re
    cells = re.search(r'data-cells="(\d+)"', run.stdout)
    assert cells and int(cells.group(1)) > 0, run.stdout[:500]
    assert re.search(r'id="summary">\d+ cells: \d+ PASS', run.stdout)
    assert os.path.getsize(shot) > 10000


def test_probe_diff_classes(servers, tmp_path):
    """--diff: Node's echo server against HAProxy in front of one; HAProxy's lower-cased
    header names are a quirk, the CL+TE it accepts and Node rejects is an accept-reject
    difference, and Node's reading is a column."""
    node, hap = servers.node(), servers.haproxy('--echo-json')
    out = str(tmp_path / 'd.jsonl')
    quirks = os.path.join(ROOT, 'conformance', 'quirks', 'haproxy.quirks')
    probe(['--diff', '--quirks', quirks, 'node=' + node, 'haproxy=' + hap,
           '--only', 'cl-te', '--only', 'baseline'], out)
    recs = records(out)
    summary = [r for r in recs if r['type'] == 'diff-summary'][0]
    diffs = {r['id']: r['pairs'] for r in recs if r['type'] == 'diff'}
    assert summary['quirks'] > 0
    pairs = diffs['clte-both']
    assert {'a': 'node', 'b': 'haproxy', 'class': 'accept-reject', 'what': '',
            'quirk': False} in pairs
    assert any(p['b'] == 'node (h1 engine)' and p['a'] == 'haproxy' for p in pairs)
    for pairs in diffs.values():
        for p in pairs:
            if p['class'] == 'read' and p['what'] == 'headers':
                assert p['quirk'] is True
    # Node's own server reads the baseline as Node's engine does
    assert 'baseline-get' not in diffs or all(p['a'] != 'node' or p['b'] != 'node (h1 engine)'
                                              for p in diffs['baseline-get'])


RELAY = r'''
const net = require('net');
const [port, up] = [Number(process.argv[2]), Number(process.argv[3])];
net.createServer({allowHalfOpen: true}, (c) => {
  const u = net.connect(up, '127.0.0.1');
  c.pipe(u); u.pipe(c);
  c.on('error', () => u.destroy()); u.on('error', () => c.destroy());
}).listen(port, '127.0.0.1');
'''


def test_probe_via_flags_a_relay(servers, tmp_path):
    """--via: a byte relay that does not frame forwards two pipelined requests where it
    answered as if it had accepted one; the forwarded bytes frame differently: FAIL."""
    upstream = servers.node('--echo-raw')
    relay = os.path.join(str(tmp_path), 'relay.js')
    with open(relay, 'w') as f:
        f.write(RELAY)
    port = free_port()
    target = servers.start([NODE, relay, str(port), upstream.split(':')[1]], port)
    out = str(tmp_path / 'r.jsonl')
    res = probe(['--via', 'relay=' + target, '--id', 'pipeline-2'], out)
    case = records(out)[0]
    assert res.returncode == 1
    assert case['via']['differs'] is True and case['via']['messages'] == 3, case  # with the control
    assert case['verdict'] == 'FAIL'


def test_probe_fuzz_deterministic(servers, tmp_path):
    """--fuzz: the same seed gives the same classes and minimized inputs; each class is
    written as a case with the targets' answers."""
    node, ngx = servers.node(), servers.nginx()
    runs = []
    for k in range(2):
        d = str(tmp_path / f'out{k}')
        res = probe(['--fuzz', '40', '--seed', '7', '--only', 'cl-te', '--only', 'chunk-size',
                     '--fuzz-out', d, 'node=' + node, 'nginx=' + ngx])
        assert res.returncode == 0, res.stderr
        lines = [json.loads(x) for x in res.stdout.decode().splitlines()]
        runs.append(lines)
        classes = [x for x in lines if x['type'] == 'class']
        assert classes and lines[-1]['type'] == 'fuzz-summary'
        assert lines[-1]['classes'] == len(classes)
        side = json.load(open(os.path.join(d, 'probe-fuzz-1.json')))
        assert set(side['answers']) == {'node', 'nginx'}
    assert runs[0] == runs[1]
