"""TLS loopback: `h1 get` against Node's https server and against `h1 serve --tls-cert/--tls-key`
with a throw-away CA made by the `openssl` command: a good certificate (SNI and ALPN http/1.1 seen
by the server), a wrong host name and an unknown CA (both refused with the code Node's
https.request gives), and --insecure. Against the two echo servers (`h1 serve --echo-json` and
harness/oracle/node-serve.js over TLS) `h1 get --json` prints the same line.
"""

import base64
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import threading

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_wire  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..'))
NODE = os.environ.get('NODE', 'node')

SERVER_JS = r"""
const https = require('https'), fs = require('fs');
const d = process.argv[1];
const s = https.createServer({key: fs.readFileSync(d + '/srv.key'), cert: fs.readFileSync(d + '/srv.pem'),
                              ALPNProtocols: ['http/1.1']}, (req, res) => {
  res.end(req.socket.servername + ' ' + req.socket.alpnProtocol);
});
s.listen(0, '127.0.0.1', () => console.log(s.address().port));
process.stdin.on('end', () => process.exit(0)).resume();
"""

CLIENT_JS = r"""
const https = require('https'), fs = require('fs');
const [url, ca, insecure] = process.argv.slice(1);
const req = https.request(url, {agent: false, ca: ca ? fs.readFileSync(ca) : undefined,
                                rejectUnauthorized: insecure !== '1'}, (res) => {
  res.resume(); res.on('end', () => console.log(JSON.stringify({status: res.statusCode, error: null})));
});
req.on('error', (e) => console.log(JSON.stringify({status: null, error: e.code})));
req.end();
"""


def h1_bin():
    return os.environ.get('H1_BIN') or os.path.join(ROOT, 'build', 'gcc', 'harness', 'h1')


def openssl(*args, cwd):
    subprocess.run(['openssl'] + list(args), cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope='module')
def pki(tmp_path_factory):
    d = str(tmp_path_factory.mktemp('pki'))
    for ca in ('ca', 'other'):
        openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', ca + '.key', '-out',
                ca + '.pem', '-days', '2', '-subj', '/CN=h1 test ' + ca, cwd=d)
    with open(os.path.join(d, 'ext.cnf'), 'w') as f:
        f.write('subjectAltName=DNS:localhost\n')
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'srv.key', '-out', 'srv.csr',
            '-subj', '/CN=localhost', cwd=d)
    openssl('x509', '-req', '-in', 'srv.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key',
            '-CAcreateserial', '-out', 'srv.pem', '-days', '2', '-extfile', 'ext.cnf', cwd=d)
    return d


@pytest.fixture(scope='module')
def server(pki):
    p = subprocess.Popen([NODE, '-e', SERVER_JS, pki], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    port = int(p.stdout.readline())
    yield port
    p.stdin.close()
    p.wait(timeout=30)


def h1_get(url, *flags):
    p = subprocess.run([h1_bin(), 'get', '--json', '--timeout-ms', '10000', url] + list(flags),
                       capture_output=True, timeout=60)
    return json.loads(p.stdout), p.returncode


def node_get(url, ca=None, insecure=False):
    p = subprocess.run([NODE, '-e', CLIENT_JS, url, ca or '', '1' if insecure else ''],
                       capture_output=True, timeout=60)
    return json.loads(p.stdout)


def test_good_certificate(pki, server):
    out, rc = h1_get('https://localhost:%d/' % server, '--cacert', os.path.join(pki, 'ca.pem'))
    assert out['error'] is None and out['status'] == 200 and rc == 0
    assert base64.b64decode(out['body_b64']) == b'localhost http/1.1'  # SNI and ALPN
    assert node_get('https://localhost:%d/' % server, os.path.join(pki, 'ca.pem'))['status'] == 200


def test_wrong_host_name(pki, server):
    url = 'https://127.0.0.1:%d/' % server
    out, rc = h1_get(url, '--cacert', os.path.join(pki, 'ca.pem'))
    node = node_get(url, os.path.join(pki, 'ca.pem'))
    assert out['status'] is None and rc == 3
    assert out['error']['code'] == node['error'] == 'ERR_TLS_CERT_ALTNAME_INVALID'


def test_unknown_ca(pki, server):
    url = 'https://localhost:%d/' % server
    out, rc = h1_get(url, '--cacert', os.path.join(pki, 'other.pem'))
    node = node_get(url, os.path.join(pki, 'other.pem'))
    assert out['status'] is None and rc == 3
    assert out['error']['code'] == node['error']


def test_system_store_refuses(server):
    url = 'https://localhost:%d/' % server
    out, rc = h1_get(url)
    assert out['status'] is None and rc == 3
    assert out['error']['code'] == node_get(url)['error']


def test_insecure(server):
    out, rc = h1_get('https://127.0.0.1:%d/' % server, '-k')
    assert out['error'] is None and out['status'] == 200 and rc == 0


# --- h1 serve over TLS ------------------------------------------------------------------------

@pytest.fixture(scope='module')
def echo_servers(pki):
    """h1 serve --echo-json and Node's https echo server with the same certificate."""
    tls = ['--tls-cert', os.path.join(pki, 'srv.pem'), '--tls-key', os.path.join(pki, 'srv.key')]
    h1 = serve_wire.Server([h1_bin(), 'serve', '--echo-json', '--port', '0'] + tls)
    try:
        node = serve_wire.Server([NODE, serve_wire.NODE_SERVE] + tls)
    except Exception:
        h1.stop()
        raise
    yield h1.port, node.port
    assert h1.stop() == 0
    assert node.stop() == 0


DATE = re.compile(r'^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$')


def same_line(out, port):
    """The --json line with the port taken out of the echoed Host and the Date value fixed."""
    out = dict(out)
    out['rawHeaders'] = [v if not DATE.match(v) else 'DATE' for v in out['rawHeaders']]
    out['headers'] = dict(out['headers'], date='DATE')
    body = json.loads(base64.b64decode(out['body_b64']))
    hosts = [h for h in body['headers'] if base64.b64decode(h[0]).lower() == b'host']
    assert [base64.b64decode(h[1]) for h in hosts] == [b'localhost:%d' % port]
    hosts[0][1] = 'PORT'
    out['body_b64'] = body
    return out


def test_h1_serve_good_certificate_same_line_as_node(pki, echo_servers):
    lines = []
    for port in echo_servers:
        url = 'https://localhost:%d/p?q=1' % port
        out, rc = h1_get(url, '--cacert', os.path.join(pki, 'ca.pem'), '-X', 'POST', '-d', 'abc',
                         '-H', 'X-A: 1')
        assert out['error'] is None and out['status'] == 200 and rc == 0
        lines.append(same_line(out, port))
    assert lines[0]['body_b64']['body'] == base64.b64encode(b'abc').decode()
    assert lines[0] == lines[1]


def test_h1_serve_wrong_host_name(pki, echo_servers):
    url = 'https://127.0.0.1:%d/' % echo_servers[0]
    out, rc = h1_get(url, '--cacert', os.path.join(pki, 'ca.pem'))
    assert out['status'] is None and rc == 3
    assert out['error']['code'] == node_get(url, os.path.join(pki, 'ca.pem'))['error'] == \
        'ERR_TLS_CERT_ALTNAME_INVALID'


def test_h1_serve_unknown_ca(pki, echo_servers):
    url = 'https://localhost:%d/' % echo_servers[0]
    out, rc = h1_get(url, '--cacert', os.path.join(pki, 'other.pem'))
    node = node_get(url, os.path.join(pki, 'other.pem'))
    assert out['status'] is None and rc == 3
    assert node['error'] is not None and out['error']['code'] == node['error']


def test_h1_serve_insecure(echo_servers):
    lines = []
    for port in echo_servers:
        out, rc = h1_get('https://localhost:%d/' % port, '-k')
        assert out['error'] is None and out['status'] == 200 and rc == 0
        lines.append(same_line(out, port))
    assert lines[0] == lines[1]


# --- Host over https on port 80 ---------------------------------------------------------------

def test_https_port_80_keeps_port_in_host(pki):
    # Node's defaultPort for https is 443: port 80 is not the default, so Host says :80.
    # A TLS server on 127.0.0.1:80 records the request heads of h1 get and Node's https.request.
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(os.path.join(pki, 'srv.pem'), os.path.join(pki, 'srv.key'))
    lsock = socket.socket()
    try:
        lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        lsock.bind(('127.0.0.1', 80))
    except OSError as e:
        lsock.close()
        pytest.skip('cannot listen on 127.0.0.1:80: %s' % e)
    lsock.listen(4)
    heads = []

    def serve():
        while len(heads) < 2:
            try:
                c, _ = lsock.accept()
            except OSError:
                return
            try:
                c.settimeout(10)
                t = ctx.wrap_socket(c, server_side=True)
                req = b''
                while b'\r\n\r\n' not in req:
                    d = t.recv(65536)
                    if not d:
                        break
                    req += d
                heads.append(req)
                t.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
                t.close()
            except OSError:
                c.close()

    th = threading.Thread(target=serve, daemon=True)
    th.start()
    try:
        out, rc = h1_get('https://127.0.0.1:80/a', '-k')
        assert out['status'] == 200 and rc == 0
        assert node_get('https://127.0.0.1:80/a', insecure=True)['status'] == 200
        th.join(15)
    finally:
        lsock.close()
    assert len(heads) == 2
    assert b'\r\nHost: 127.0.0.1:80\r\n' in heads[1]
    assert heads[0] == heads[1]
