"""TLS loopback: `h1 get` against Node's https server with a throw-away CA made by the `openssl`
command: a good certificate (SNI and ALPN http/1.1 seen by the server), a wrong host name and an
unknown CA (both refused with the code Node's https.request gives), and --insecure.
"""

import json
import os
import subprocess

import pytest

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
const [url, ca] = process.argv.slice(1);
const req = https.request(url, {agent: false, ca: ca ? fs.readFileSync(ca) : undefined}, (res) => {
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


def node_get(url, ca=None):
    p = subprocess.run([NODE, '-e', CLIENT_JS, url, ca or ''], capture_output=True, timeout=60)
    return json.loads(p.stdout)


def test_good_certificate(pki, server):
    out, rc = h1_get('https://localhost:%d/' % server, '--cacert', os.path.join(pki, 'ca.pem'))
    assert out['error'] is None and out['status'] == 200 and rc == 0
    import base64
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
