"""server.py -- `ci/bench --server`: wrk on 127.0.0.1 against `h1 serve
--hello`, a Node http.Server (hello.js) and nginx (nginx.conf.in), each with
one worker, all answering the same 13-byte body; then the same over TLS with
one certificate (all three speak TLS 1.3 to wrk: nginx 1.22's default stops
at 1.2, so its configuration names 1.2 and 1.3, the default of nginx 1.23.4
and later).  Requests/s, p50 and p99 latency, the server's CPU time per 1,000
requests (user + system, steadier than requests/s on a shared machine) and
resident memory at 1, 50 and 500 connections, and the resident memory per
idle keep-alive connection.  A measurement, never a pass/fail.

The three servers of a protocol run side by side, each on its own port, and
are measured in interleaved rounds (3 of 5 s per server and point, the
order rotating; --quick: one of 1 s), as the parser benchmark interleaves
its parsers: this host's speed changes for seconds at a time, and a server
measured alone could land in a slow period that its peers missed.  A point
reports the median of its rounds, and h1's ratio to each peer is the median
of the per-round ratios.

    python3 server.py H1_BINARY OUT_DIR [--quick]

Writes OUT_DIR/server.json and prints a table.  Every server is started by
this script on 127.0.0.1 and stopped by its pid.
"""

import concurrent.futures
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BODY = b"Hello, World!"
CONNS = (1, 50, 500)
PORTS = {"h1": 18480, "node": 18481, "nginx": 18482}


def kib(pid, field):
    """VmRSS or VmHWM of one process, in KiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def family(pid):
    """The pid and its children (nginx: master and worker)."""
    pids = [pid]
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as f:
            pids += [int(c) for c in f.read().split()]
    return pids


def memory(pid, field="VmRSS"):
    return sum(kib(p, field) for p in family(pid))


def cpu_ticks(pid):
    """User + system time of the process and its children, in clock ticks."""
    n = 0
    for p in family(pid):
        with open(f"/proc/{p}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        n += int(fields[11]) + int(fields[12])  # utime, stime
    return n


def sockets(pid):
    n = 0
    for p in family(pid):
        for fd in os.listdir(f"/proc/{p}/fd"):
            try:
                n += os.readlink(f"/proc/{p}/fd/{fd}").startswith("socket:")
            except OSError:
                pass
    return n


def client_context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


CLIENT_TLS = client_context()  # one context: loading one per connection is slow


def connect(tls, port):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    if tls:
        s = CLIENT_TLS.wrap_socket(s)
    return s


def one_request(s):
    """GET / on a kept-alive connection; the whole response's bytes."""
    s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    data = b""
    while True:
        head, sep, rest = data.partition(b"\r\n\r\n")
        if sep:
            m = re.search(rb"(?im)^content-length:\s*(\d+)", head)
            if m and len(rest) >= int(m.group(1)):
                return data
        chunk = s.recv(65536)
        if not chunk:
            raise RuntimeError("connection closed before the response ended")
        data += chunk


class Server:
    """One server under test: started by command, stopped by pid."""

    def __init__(self, name, argv, cwd, tls, port):
        self.name, self.tls, self.port = name, tls, port
        self.log = open(os.path.join(cwd, f"{name}{'-tls' if tls else ''}.log"), "w")
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 10
        while True:
            try:
                connect(tls, port).close()
                break
            except OSError:
                if self.proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"{name} did not start (see {self.log.name})")
                time.sleep(0.05)
        s = connect(tls, port)
        self.response = one_request(s)
        # what the handshake agreed (wrk's OpenSSL offers what Python's does)
        self.protocol = s.version() if tls else ""
        self.cipher = s.cipher()[0] if tls else ""
        s.close()
        if not self.response.endswith(b"\r\n\r\n" + BODY):
            raise RuntimeError(f"{name} answered {self.response!r}")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def start(name, h1, out, tls):
    cert, key = os.path.join(out, "cert.pem"), os.path.join(out, "key.pem")
    port = PORTS[name]
    if name == "h1":
        argv = [h1, "serve", "--hello", "--host", "127.0.0.1", "--port", str(port),
                "--threads", "1"]
        if tls:
            argv += ["--tls-cert", cert, "--tls-key", key]
    elif name == "node":
        argv = ["node", os.path.join(HERE, "hello.js"), str(port)]
        if tls:
            argv += [cert, key]
    else:
        d = os.path.join(out, "nginx")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(HERE, "nginx.conf.in")) as f:
            conf = f.read()
        certs = (f"ssl_certificate {cert}; ssl_certificate_key {key}; "
                 "ssl_protocols TLSv1.2 TLSv1.3;") if tls else ""
        for k, v in (("@DIR@", d), ("@PORT@", str(port)), ("@SSL@", "ssl" if tls else ""),
                     ("@CERTS@", certs)):
            conf = conf.replace(k, v)
        with open(os.path.join(d, "nginx.conf"), "w") as f:
            f.write(conf)
        argv = ["nginx", "-p", d, "-c", os.path.join(d, "nginx.conf")]
    return Server(name, argv, out, tls, port)


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]


def wrk(server, conns, seconds):
    url = f"{'https' if server.tls else 'http'}://127.0.0.1:{server.port}/"
    ticks = cpu_ticks(server.proc.pid)
    out = subprocess.run(["wrk", "-t1", f"-c{conns}", f"-d{seconds}s", "--latency",
                          "--timeout", "5s", url],
                         capture_output=True, text=True, check=True).stdout
    # wrk pads a unit of one letter ("1.59s "): the line may end in a space
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    errors = re.search(r"Socket errors: (.*)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    done = int(re.search(r"(\d+) requests in", out).group(1))
    cpu_ms = (cpu_ticks(server.proc.pid) - ticks) * 1000.0 / os.sysconf("SC_CLK_TCK")
    return {
        "connections": conns,
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        # no latencies when no request finished (TLS handshakes timing out on a loaded
        # machine): -1
        "p50_ms": ms(lat["50"]) if "50" in lat else -1.0,
        "p99_ms": ms(lat["99"]) if "99" in lat else -1.0,
        "requests": done,
        "cpu_ms_per_1k": round(cpu_ms * 1000.0 / done, 2) if done else -1.0,
        "load_1min": os.getloadavg()[0],
        "rss_kib": memory(server.proc.pid),
        "peak_rss_kib": memory(server.proc.pid, "VmHWM"),
        "socket_errors": errors.group(1) if errors else "",
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
    }


def median(values):
    """The median, or None for no values."""
    v = sorted(values)
    n = len(v)
    if n == 0:
        return None
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def summary(rounds, conns):
    """A point: the median of each figure over its rounds, and every round."""
    point = {"connections": conns, "rounds": rounds}
    for key in ("requests_per_s", "p50_ms", "p99_ms", "cpu_ms_per_1k", "load_1min"):
        point[key] = median([r[key] for r in rounds])
    point["requests"] = sum(r["requests"] for r in rounds)
    point["rss_kib"] = rounds[-1]["rss_kib"]
    point["peak_rss_kib"] = max(r["peak_rss_kib"] for r in rounds)
    point["socket_errors"] = "; ".join(r["socket_errors"] for r in rounds if r["socket_errors"])
    point["non_2xx"] = sum(r["non_2xx"] for r in rounds)
    return point


def idle(server, n):
    """n keep-alive connections, one request each, held open: KiB per one."""
    pid = server.proc.pid
    time.sleep(0.2)
    before, socks_before = memory(pid), sockets(pid)
    held = []
    t0 = time.time()
    # in batches, well under the listen backlog; 20 threads open and use them (a TLS
    # handshake waits for the server: one at a time, 2000 took longer than the keep-alive
    # timeout on a loaded machine)
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        for i in range(0, n, 100):
            batch = list(pool.map(lambda _: connect(server.tls, server.port),
                                  range(min(100, n - i))))
            list(pool.map(one_request, batch))
            held += batch
    setup_s = time.time() - t0
    time.sleep(0.3)
    after, socks_after = memory(pid), sockets(pid)
    for s in held:
        s.close()
    return {
        "connections": n,
        "setup_s": round(setup_s, 2),
        "rss_before_kib": before,
        "rss_after_kib": after,
        "server_sockets_added": socks_after - socks_before,
        # per connection still held: on a loaded machine opening them all can take longer
        # than the keep-alive timeout (5 s for h1 and Node, 75 s for nginx), and the first
        # ones are closed by then; what they left in the heap counts against the others
        "kib_per_connection": round((after - before) / max(1, min(n, socks_after - socks_before)),
                                    2),
    }


def main():
    h1, out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    quick = "--quick" in sys.argv[3:]
    seconds, n_idle, n_rounds = (1, 500, 1) if quick else (5, 2000, 3)
    os.makedirs(out, exist_ok=True)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-keyout", os.path.join(out, "key.pem"), "-out", os.path.join(out, "cert.pem")],
                   check=True, capture_output=True)
    results = {"quick": quick, "seconds_per_round": seconds, "rounds": n_rounds,
               "cpus": os.cpu_count(), "load_before": os.getloadavg(), "runs": [],
               "ratios": []}
    names = ("h1", "node", "nginx")
    for tls in (False, True):
        servers = []
        try:
            for name in names:
                servers.append(start(name, h1, out, tls))
            runs = []
            for server in servers:
                runs.append({"server": server.name, "tls": tls,
                             "protocol": server.protocol, "cipher": server.cipher,
                             "response_bytes": len(server.response),
                             "rss_start_kib": memory(server.proc.pid),
                             "idle": idle(server, n_idle), "load": []})
            for c in CONNS:
                rounds = {server.name: [] for server in servers}
                for r in range(n_rounds):
                    for k in range(len(servers)):
                        server = servers[(r + k) % len(servers)]
                        rounds[server.name].append(wrk(server, c, seconds))
                for run in runs:
                    run["load"].append(summary(rounds[run["server"]], c))
                for peer in names[1:]:
                    ratios = sorted(a["requests_per_s"] / b["requests_per_s"]
                                    for a, b in zip(rounds["h1"], rounds[peer])
                                    if b["requests_per_s"] > 0)
                    results["ratios"].append({"tls": tls, "connections": c, "peer": peer,
                                              "h1_x_peer": ratios})
        finally:
            for server in servers:
                server.stop()
        results["runs"] += runs
        print(f"{'TLS' if tls else 'plain'}: done", file=sys.stderr)
    results["load_after"] = os.getloadavg()
    with open(os.path.join(out, "server.json"), "w") as f:
        json.dump(results, f, indent=2)
    print(f"{'server':<10} {'conns':>5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'CPU ms/1k':>9} {'RSS KiB':>8} {'peak KiB':>8} {'load':>5}")
    for run in results["runs"]:
        label = run["server"] + (" TLS" if run["tls"] else "")
        for p in run["load"]:
            print(f"{label:<10} {p['connections']:>5} {p['requests_per_s']:>9.0f} "
                  f"{p['p50_ms']:>8.3f} {p['p99_ms']:>8.3f} {p['cpu_ms_per_1k']:>9.1f} "
                  f"{p['rss_kib']:>8} {p['peak_rss_kib']:>8} {p['load_1min']:>5.1f}"
                  + (f"  errors: {p['socket_errors']}" if p["socket_errors"] else ""))
    for run in results["runs"]:
        if run["tls"]:
            print(f"{run['server']} TLS: {run['protocol']} {run['cipher']}")
    print(f"\n{'h1 req/s x':<10} {'conns':>5} {'peer':>6} {'median':>7}  rounds, low to high")
    for r in results["ratios"]:
        label = "TLS" if r["tls"] else "plain"
        m = median(r["h1_x_peer"])
        if m is None:
            # every round of the peer completed no request: with --quick, 500
            # TLS handshakes can take longer than a 1 s round on a loaded host
            print(f"{label:<10} {r['connections']:>5} {r['peer']:>6} {'n/a':>7}  "
                  "no round in which the peer completed a request")
            continue
        print(f"{label:<10} {r['connections']:>5} {r['peer']:>6} {m:>7.2f}  "
              + " ".join(f"{x:.2f}" for x in r["h1_x_peer"]))
    print(f"\n{'server':<10} {'idle conns':>10} {'KiB before':>10} {'KiB after':>10} "
          f"{'KiB/conn':>9} {'sockets held':>12}")
    for run in results["runs"]:
        label = run["server"] + (" TLS" if run["tls"] else "")
        i = run["idle"]
        print(f"{label:<10} {i['connections']:>10} {i['rss_before_kib']:>10} "
              f"{i['rss_after_kib']:>10} {i['kib_per_connection']:>9.2f} "
              f"{i['server_sockets_added']:>12}")
    print(f"\n{results['cpus']} CPUs; load average before {results['load_before'][0]:.2f}, "
          f"after {results['load_after'][0]:.2f}; wrk -t1, {n_rounds} interleaved "
          f"round(s) of {seconds} s per server and point (medians); one worker each; "
          f"JSON in {out}/server.json")


if __name__ == "__main__":
    main()
