#!/usr/bin/python3
"""Writes conformance/writer/scenarios.jsonl: the `h1 write` scenario table (doc/cli.md section 3).

Each line is {"id": NAME, "scenario": {...}}. The expected bytes are never stored here: the
conformance suite asks Node (harness/oracle/node-writer.js) for every scenario on each run.

    /usr/bin/python3 conformance/writer/make_scenarios.py
"""
import json
import os

R11 = "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
R10 = "GET / HTTP/1.0\r\n\r\n"
R10KA = "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
R10TE = "GET / HTTP/1.0\r\nTE: chunked\r\n\r\n"
HEAD = "HEAD / HTTP/1.1\r\nHost: a\r\n\r\n"
CLOSE = "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
EXPECT = "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n"
EXPECT_OTHER = "POST / HTTP/1.1\r\nHost: a\r\nExpect: something\r\nContent-Length: 0\r\n\r\n"
NOHOST = "GET / HTTP/1.1\r\n\r\n"

out = []


def c(op, *args):
    return {"op": op, "args": list(args)}


def res(name, calls, request=R11, **options):
    out.append({"id": "res/" + name, "scenario": {
        "kind": "response", "request": request, "options": options, "calls": calls}})


def req(name, options, calls):
    out.append({"id": "req/" + name, "scenario": {"kind": "request", "options": options, "calls": calls}})


# --- checklist section 6 doc examples that write bytes -------------------------------------
res("doc5-writehead-precedence", [c("setHeader", "Content-Type", "text/html"), c("setHeader", "X-Foo", "bar"),
                                  c("writeHead", 200, {"Content-Type": "text/plain"}), c("end", "ok")])
res("doc5-writehead-precedence-array", [c("setHeader", "Content-Type", "text/html"), c("setHeader", "X-Foo", "bar"),
                                        c("writeHead", 200, ["Content-Type", "text/plain"]), c("end", "ok")])
res("doc6-writehead-chaining", [c("writeHead", 200, {"Content-Length": 11, "Content-Type": "text/plain"}),
                                c("end", "hello world")])
res("doc7-trailers-md5", [c("writeHead", 200, {"Content-Type": "text/plain", "Trailer": "Content-MD5"}),
                          c("write", "data"), c("addTrailers", {"Content-MD5": "7895bf4b8828b55ceaf47747b4bca667"}),
                          c("end")])
res("doc7-trailers-http10", [c("writeHead", 200, {"Content-Type": "text/plain"}), c("write", "data"),
                             c("addTrailers", {"Content-MD5": "7895bf4b8828b55ceaf47747b4bca667"}), c("end")],
    request=R10)
res("doc7-trailers-with-cl", [c("writeHead", 200, {"Content-Length": 4}), c("write", "data"),
                              c("addTrailers", {"Content-MD5": "x"}), c("end")])
res("doc7-trailer-header-with-cl-throws", [c("writeHead", 200, {"Content-Length": 4, "Trailer": "Content-MD5"}),
                                           c("end", "data")])
res("doc8-early-hints-single", [c("writeEarlyHints", {"link": "</styles.css>; rel=preload; as=style"}),
                                c("end", "x")])
res("doc8-early-hints-array", [c("writeEarlyHints", {"link": ["</styles.css>; rel=preload; as=style",
                                                              "</scripts.js>; rel=preload; as=script"],
                                                     "x-trace-id": "id for diagnostics"}), c("end")])
res("doc8-early-hints-http10", [c("writeEarlyHints", {"link": "</a.css>; rel=preload"}), c("end")], request=R10)
res("doc10-rfc8187-filename", [c("setHeader", "Content-Disposition",
                                  "attachment; filename*=utf-8''Rock%20%F0%9F%8E%B5.txt"), c("end")])
res("doc10-raw-utf8-throws", [c("setHeader", "Content-Disposition", "attachment; filename=Rock \U0001F3B5.txt"),
                              c("end")])
res("doc11-validate-value-outside-latin1", [c("setHeader", "x-my-header", "o\u028am\u026a\u0261\u0259")])
res("doc11-validate-name-empty", [c("setHeader", "", "x")])
res("doc11-validate-value-undefined", [c("setHeader", "x-my-header")])
res("doc12-default-400-no-host", [], request=NOHOST)
res("doc13-connect-reply", [c("writeHead", 200, "Connection Established", {"Proxy-agent": "Node.js-Proxy"}),
                            c("flushHeaders")])
res("doc14-upgrade-101", [c("writeHead", 101, "Web Socket Protocol Handshake",
                            ["Upgrade", "WebSocket", "Connection", "Upgrade"]), c("flushHeaders")])
res("doc15-information-102-103", [c("writeProcessing"), c("writeEarlyHints", {"link": "</a>; rel=preload"}),
                                  c("end", "done")])
req("doc20-post-upload", {"method": "POST", "path": "/upload", "host": "www.google.com", "port": 80,
                          "headers": {"Content-Type": "application/x-www-form-urlencoded",
                                      "Content-Length": 23}},
    [c("write", "msg=Hello%20World%21%21"), c("end")])
res("doc-status-404", [c("set", "statusCode", 404), c("end", "nope")])

# --- implicit mode, status line ------------------------------------------------------------
res("implicit-end-empty", [c("end")])
res("implicit-end-data", [c("end", "hello")])
res("implicit-end-empty-string", [c("end", "")])
res("implicit-write-end", [c("write", "a"), c("write", "bc"), c("end")])
res("implicit-write-empty", [c("write", ""), c("end")])
res("implicit-latin1-body", [c("end", "caf\u00e9 \u00ff")])
res("status-unknown-599", [c("writeHead", 599), c("end")])
res("status-unknown-set", [c("set", "statusCode", 299), c("end")])
res("status-message-set", [c("set", "statusMessage", "Fine"), c("end")])
res("status-message-empty-default", [c("set", "statusMessage", ""), c("end")])
res("status-message-arg", [c("writeHead", 200, "Very OK"), c("end")])
res("status-message-latin1", [c("writeHead", 200, "Tr\u00e8s bien"), c("end")])
res("status-999", [c("writeHead", 999), c("end")])
res("status-100-final", [c("writeHead", 100), c("end")])
res("status-99-throws", [c("writeHead", 99)])
res("status-1000-throws", [c("writeHead", 1000)])
res("status-string-throws", [c("writeHead", "abc")])
res("status-set-0-end-throws", [c("set", "statusCode", 0), c("end")])
res("status-message-crlf-throws", [c("writeHead", 200, "OK\r\nX: y"), c("end")])
res("status-message-set-lf-throws", [c("set", "statusMessage", "a\nb"), c("end", "x")])
res("status-every-code", [c("writeHead", 418), c("end")])
for code in (201, 202, 226, 301, 302, 307, 308, 400, 401, 403, 410, 413, 425, 429, 431, 451, 500, 503, 505, 511):
    res("status-%d" % code, [c("writeHead", code), c("end", "b")])

# --- header store --------------------------------------------------------------------------
res("set-list", [c("setHeader", "Set-Cookie", ["a=1", "b=2"]), c("end")])
res("set-list-one", [c("setHeader", "X-L", ["only"]), c("end")])
res("set-list-empty", [c("setHeader", "X-E", []), c("end")])
res("set-cookie-list-joined", [c("setHeader", "Cookie", ["a=1", "b=2"]), c("end")])
res("set-replace-keeps-position", [c("setHeader", "A", "1"), c("setHeader", "B", "2"), c("setHeader", "a", "3"),
                                   c("end")])
res("set-remove-readd-moves", [c("setHeader", "A", "1"), c("setHeader", "B", "2"), c("removeHeader", "a"),
                               c("setHeader", "A", "4"), c("end")])
res("set-number-and-null", [c("setHeader", "X-N", 42), c("setHeader", "X-Null", None), c("setHeader", "X-F", 1.5),
                            c("end")])
res("set-integer-keys-first", [c("setHeader", "X-A", "1"), c("setHeader", "20", "b"), c("setHeader", "3", "c"),
                               c("end")])
res("append-new", [c("appendHeader", "X-A", "1"), c("end")])
res("append-existing", [c("setHeader", "X-A", "1"), c("appendHeader", "x-a", "2"),
                        c("appendHeader", "X-A", ["3", "4"]), c("end")])
res("append-cookie", [c("setHeader", "Cookie", "a=1"), c("appendHeader", "Cookie", "b=2"), c("end")])
res("append-to-empty-list", [c("setHeader", "X-E", []), c("appendHeader", "X-E", "v"), c("end")])
res("remove-missing", [c("removeHeader", "X-Nope"), c("end")])
res("header-obs-text-value", [c("setHeader", "X-L", "\u00e9t\u00e9\t\u00ff"), c("end")])
res("header-htab-value", [c("setHeader", "X-T", "a\tb"), c("end")])
res("header-empty-value", [c("setHeader", "X-Empty", ""), c("end")])
res("header-token-chars", [c("setHeader", "!#$%&'*+-.^_`|~0aZ", "v"), c("end")])
res("get-has-names-no-bytes", [c("setHeader", "Foo", "bar"), c("getHeader", "foo"), c("hasHeader", "FOO"),
                               c("getHeaderNames"), c("getRawHeaderNames"), c("end")])
# Queries: h1 write reports their results ("results"), compared with what Node's calls return.
res("query-values", [c("setHeader", "Foo", 5), c("setHeader", "X-L", ["a", 1, None]), c("setHeader", "X-E", []),
                     c("getHeader", "FOO"), c("getHeader", "x-l"), c("getHeader", "x-e"), c("getHeader", "nope"),
                     c("hasHeader", "x-e"), c("hasHeader", "nope"), c("getHeaders"), c("end")])
res("query-append-and-remove", [c("appendHeader", "X-A", "1"), c("appendHeader", "x-a", ["2", "3"]),
                                c("getHeader", "X-A"), c("getRawHeaderNames"), c("removeHeader", "X-A"),
                                c("hasHeader", "x-a"), c("getHeaderNames"), c("getHeaders"), c("end")])
res("query-order-integer-keys", [c("setHeader", "b", "1"), c("setHeader", "10", "2"), c("setHeader", "A", "3"),
                                 c("setHeader", "2", "4"), c("getHeaderNames"), c("getRawHeaderNames"),
                                 c("getHeaders"), c("end")])
res("query-after-writehead", [c("setHeader", "X-S", "s"), c("writeHead", 200, {"X-W": "w"}),
                              c("getHeaderNames"), c("getHeader", "x-w"), c("end", "b"), c("getHeader", "x-s")])
res("query-after-throw-not-run", [c("getHeader", "x"), c("setHeader", "bad name", "v"), c("getHeader", "x")])
req("query-request-defaults", {"host": "h", "headers": {"X-O": "o"}},
    [c("getHeaderNames"), c("getHeader", "host"), c("getHeaders"), c("end")])
res("unique-headers", [c("setHeader", "X-U", ["a", "b", "c"]), c("setHeader", "X-M", ["a", "b", "c"]),
                       c("end")], uniqueHeaders=["x-u"])
res("unique-headers-append", [c("appendHeader", "X-U", "a"), c("appendHeader", "X-U", "b"), c("end")],
    uniqueHeaders=["X-U"])
res("writehead-flat-array-dups", [c("writeHead", 200, ["X-A", "1", "x-a", "2"]), c("end")])
res("writehead-object-direct", [c("writeHead", 200, {"X-B": "1", "X-A": ["2", "3"]}), c("end", "zz")])
res("writehead-direct-cookie-list", [c("writeHead", 200, {"Cookie": ["a", "b"]}), c("end")])
res("writehead-merge-array-with-store", [c("setHeader", "X-A", "s"), c("writeHead", 200, ["x-a", "w", "X-B", "b"]),
                                         c("end")])
res("writehead-odd-array-throws", [c("writeHead", 200, ["X-A"])])
res("writehead-odd-array-store-throws", [c("setHeader", "Y", "1"), c("writeHead", 200, ["X-A", "1", "X-B"])])
res("writehead-bad-name-throws", [c("writeHead", 200, {"X Y": "1"})])
res("writehead-bad-value-throws", [c("writeHead", 200, {"X": "a\r\nb"})])
res("writehead-bad-name-store-throws", [c("setHeader", "A", "1"), c("writeHead", 200, {"X Y": "1"})])

# --- validation errors ---------------------------------------------------------------------
res("err-name-space", [c("setHeader", "X Y", "1")])
res("err-name-colon", [c("setHeader", "a:b", "1")])
res("err-name-latin1", [c("setHeader", "\u00e9", "1")])
res("err-value-cr", [c("setHeader", "X", "a\rb")])
res("err-value-lf", [c("setHeader", "X", "a\nb")])
res("err-value-nul", [c("setHeader", "X", "a\u0000b")])
res("err-value-del", [c("setHeader", "X", "a\u007fb")])
res("err-value-list-item", [c("setHeader", "X", ["ok", "b\nad"])])
res("err-append-bad", [c("appendHeader", "X", "\r")])
res("err-headers-sent-set", [c("end", "x"), c("setHeader", "X", "1")])
res("err-headers-sent-append", [c("writeHead", 200), c("appendHeader", "X", "1")])
res("err-headers-sent-remove", [c("flushHeaders"), c("removeHeader", "X")])
res("err-headers-sent-writehead", [c("writeHead", 200), c("writeHead", 201)])
res("err-trailer-name", [c("addTrailers", {"X T": "1"})])
res("err-trailer-value", [c("addTrailers", {"X-T": "a\nb"})])
res("err-trailer-list-value", [c("addTrailers", {"X-T": ["ok", "a\rb"]})])

# --- implicit headers: Date, Connection, Keep-Alive ----------------------------------------
res("date-user-kept", [c("setHeader", "Date", "Mon, 01 Jan 2024 00:00:00 GMT"), c("end")])
res("date-senddate-false", [c("set", "sendDate", False), c("end")])
res("date-removed", [c("removeHeader", "Date"), c("end")])
res("ka-timeout-0", [c("end")], keepAliveTimeout=0)
res("ka-timeout-300ms", [c("end")], keepAliveTimeout=300)
res("ka-timeout-65s", [c("end")], keepAliveTimeout=65000)
res("ka-user-keepalive-header", [c("setHeader", "Keep-Alive", "timeout=9"), c("end")])
res("conn-user-close", [c("setHeader", "Connection", "close"), c("end", "x")])
res("conn-user-keepalive-on-close-req", [c("setHeader", "Connection", "keep-alive"), c("end")], request=CLOSE)
res("conn-removed", [c("removeHeader", "Connection"), c("end", "x")])
res("conn-request-close", [c("end", "x")], request=CLOSE)
res("max-requests-per-socket", [c("end", "x")], maxRequestsPerSocket=1)
res("max-requests-per-socket-3", [c("end", "x")], maxRequestsPerSocket=3)

# --- framing: CL vs chunked, HTTP/1.0, HEAD, 204/304 ---------------------------------------
res("cl-user", [c("setHeader", "Content-Length", 5), c("write", "he"), c("end", "llo")])
res("cl-user-string", [c("setHeader", "Content-Length", "3"), c("end", "abc")])
res("cl-user-short-body-node-sends", [c("setHeader", "Content-Length", 5), c("end", "abc")])
res("cl-user-long-body-node-sends", [c("setHeader", "Content-Length", 2), c("write", "abc"), c("end", "def")])
res("cl-removed-chunked", [c("removeHeader", "Content-Length"), c("end", "abc")])
res("te-removed-cl", [c("removeHeader", "Transfer-Encoding"), c("write", "ab"), c("end")])
res("cl-and-te-removed", [c("removeHeader", "Content-Length"), c("removeHeader", "Transfer-Encoding"),
                          c("write", "ab"), c("end", "cd")])
res("te-user-chunked", [c("setHeader", "Transfer-Encoding", "chunked"), c("end", "abc")])
res("te-user-gzip-unframed", [c("setHeader", "Transfer-Encoding", "gzip"), c("write", "abc"), c("end")])
res("te-user-gzip-chunked", [c("setHeader", "Transfer-Encoding", "gzip, chunked"), c("write", "abc"), c("end")])
res("cl-and-te-user", [c("setHeader", "Content-Length", 3), c("setHeader", "Transfer-Encoding", "chunked"),
                       c("end", "abc")])
res("http10-close-delimited", [c("write", "abc"), c("end", "def")], request=R10)
res("http10-end-data", [c("end", "abc")], request=R10)
res("http10-keepalive-no-cl", [c("end", "abc")], request=R10KA)
res("http10-keepalive-user-cl", [c("setHeader", "Content-Length", 3), c("end", "abc")], request=R10KA)
res("http10-te-chunked-request", [c("write", "abc"), c("end")], request=R10TE)
res("head-drops-body", [c("end", "hello")], request=HEAD)
res("head-write-drops", [c("write", "hello"), c("end")], request=HEAD)
res("head-user-cl", [c("setHeader", "Content-Length", 5), c("end", "hello")], request=HEAD)
res("head-reject-throws", [c("end", "hello")], request=HEAD, rejectNonStandardBodyWrites=True)
res("head-reject-empty-end-ok", [c("end")], request=HEAD, rejectNonStandardBodyWrites=True)
res("204-no-body", [c("writeHead", 204), c("end", "x")])
res("304-user-cl", [c("writeHead", 304, {"Content-Length": 5}), c("end", "hello")])
res("204-user-te-chunked-closes", [c("writeHead", 204, {"Transfer-Encoding": "chunked"}), c("end")])
res("304-reject-throws", [c("writeHead", 304), c("write", "x")], rejectNonStandardBodyWrites=True)
res("204-reject-write-empty", [c("writeHead", 204), c("write", ""), c("end")], rejectNonStandardBodyWrites=True)
res("strict-cl-ok", [c("set", "strictContentLength", True), c("setHeader", "Content-Length", 3), c("end", "abc")])
res("strict-cl-short-throws", [c("set", "strictContentLength", True), c("setHeader", "Content-Length", 5),
                               c("end", "abc")])
res("strict-cl-long-write-throws", [c("set", "strictContentLength", True), c("setHeader", "Content-Length", 2),
                                    c("write", "abc")])
res("strict-cl-writehead-long-write-throws", [c("set", "strictContentLength", True),
                                              c("writeHead", 200, {"Content-Length": 2}), c("write", "abc")])
res("strict-cl-set-then-writehead-write-throws", [c("set", "strictContentLength", True),
                                                  c("setHeader", "Content-Length", 2), c("writeHead", 200),
                                                  c("write", "abc")])
res("strict-cl-end-empty-throws", [c("set", "strictContentLength", True),
                                   c("writeHead", 200, {"Content-Length": 2}), c("end")])
res("flush-headers-then-body", [c("flushHeaders"), c("write", "abc"), c("end")])
res("flush-headers-end-data", [c("flushHeaders"), c("end", "abc")])
res("write-after-end-ignored", [c("end", "a"), c("write", "b")])
res("end-twice", [c("end", "a"), c("end")])

# --- trailers ------------------------------------------------------------------------------
res("trailers-list", [c("write", "x"), c("addTrailers", {"X-T": ["1", "2"]}), c("end")])
res("trailers-unique", [c("write", "x"), c("addTrailers", {"X-T": ["1", "2"]}), c("end")], uniqueHeaders=["x-t"])
res("trailers-pairs-array", [c("write", "x"), c("addTrailers", [["X-A", "1"], ["X-A", "2"]]), c("end")])
res("trailers-replaced", [c("addTrailers", {"A": "1"}), c("addTrailers", {"B": "2"}), c("write", "x"), c("end")])
res("trailers-end-data-cl", [c("addTrailers", {"A": "1"}), c("end", "xyz")])
res("trailers-empty-list", [c("write", "x"), c("addTrailers", {"X-E": []}), c("end")])
res("trailers-head", [c("write", "x"), c("addTrailers", {"A": "1"}), c("end")], request=HEAD)

# --- interim responses ---------------------------------------------------------------------
res("continue-manual", [c("writeContinue"), c("end", "x")])
res("continue-auto-expect", [c("end", "ok")], request=EXPECT)
res("continue-auto-expect-twice", [c("writeContinue"), c("end", "ok")], request=EXPECT)
res("expect-other-417", [], request=EXPECT_OTHER)
res("processing-then-head", [c("writeHead", 200), c("writeProcessing"), c("end", "x")])
res("early-hints-no-link", [c("writeEarlyHints", {"x-a": "1"}), c("end")])
res("early-hints-empty-list", [c("writeEarlyHints", {"link": []}), c("end")])
res("early-hints-bad-link-throws", [c("writeEarlyHints", {"link": "styles.css"})])
res("early-hints-bad-link-item-throws", [c("writeEarlyHints", {"link": ["</a>", "bad"]})])
res("early-hints-quoted-param", [c("writeEarlyHints", {"link": "</a>; rel=\"preload\"; as=style"}), c("end")])
res("early-hints-other-list", [c("writeEarlyHints", {"link": "</a>", "x-l": ["1", "2"]}), c("end")])
res("early-hints-node-injection", [c("writeEarlyHints", {"link": "</a>", "x-a": "1\r\nX-Injected: yes"}),
                                   c("end")])
res("early-hints-link-crlf-in-brackets", [c("writeEarlyHints", {"link": "</a\r\nX-I: 1>"}), c("end")])
res("user-expect-header-sends-head", [c("writeHead", 200, {"Expect": "x"})])
# Content-Disposition with a known body length: Node re-reads the value's
# latin1 bytes as UTF-8 (nodejs/node#46528), U+FFFD for invalid sequences.
res("content-disposition-latin1-known-length",
    [c("setHeader", "Content-Disposition", 'attachment; filename="\u00e9.txt"'), c("end", "abc")])
res("content-disposition-utf8-bytes-known-length",
    [c("setHeader", "Content-Disposition", "a \u00c3\u00a9 b \u00f0\u009f\u008e\u00b5"), c("end", "abc")])
res("content-disposition-invalid-utf8-known-length",
    [c("setHeader", "Content-Disposition", "bad \u00e0\u0080 \u00ed\u00a0\u0080 \u00f4\u0090 z\u00c3"), c("end", "abc")])
res("content-disposition-unknown-length",
    [c("setHeader", "Content-Disposition", 'attachment; filename="\u00e9.txt"'), c("write", "a"), c("end", "bc")])
res("content-disposition-length-zero",
    [c("setHeader", "Content-Disposition", "\u00e9"), c("end")])

# --- requests ------------------------------------------------------------------------------
req("get-default", {}, [c("end")])
req("get-global-agent-port", {"host": "example.com", "port": 8080, "path": "/a?b=c"}, [c("end")])
req("get-new-agent", {"agent": "new", "host": "h"}, [c("end")])
req("get-agent-false", {"agent": False, "host": "h"}, [c("end")])
req("get-sethost-false", {"setHost": False}, [c("end")])
req("get-ipv6-host", {"host": "::1", "port": 8000}, [c("end")])
req("get-hostname-wins", {"host": "a", "hostname": "b"}, [c("end")])
req("get-port-80-omitted", {"host": "a", "port": 80}, [c("end")])
# https's defaultPort 443: Host keeps port 80 and leaves out 443
req("get-default-port-443-port-80", {"host": "a", "port": 80, "defaultPort": 443}, [c("end")])
req("get-default-port-443-port-443", {"host": "a", "port": 443, "defaultPort": 443}, [c("end")])
req("get-default-port-443-port-8443", {"host": "a", "port": 8443, "defaultPort": 443}, [c("end")])
req("method-lowercase", {"method": "patch", "host": "h"}, [c("end", "x")])
req("method-invalid-throws", {"method": "G T"}, [c("end")])
req("method-custom-token", {"method": "PURGE", "host": "h"}, [c("end")])
req("path-space-throws", {"path": "/a b"}, [c("end")])
req("path-crlf-throws", {"path": "/a\r\nX: y"}, [c("end")])
req("path-latin1", {"path": "/caf\u00e9", "host": "h"}, [c("end")])
req("auth-basic", {"auth": "user:pass", "host": "h"}, [c("end")])
req("auth-utf8", {"auth": "us\u00e9r:p", "host": "h"}, [c("end")])
req("auth-explicit-wins", {"auth": "user:pass", "headers": {"Authorization": "Bearer x"}, "host": "h"}, [c("end")])
req("headers-object-before-host", {"headers": {"X-A": "1", "Accept": "*/*"}, "host": "h"}, [c("end")])
req("headers-host-user", {"headers": {"Host": "custom"}, "host": "h"}, [c("end")])
req("headers-array-form", {"headers": ["X-A", "1", "x-a", "2"], "host": "h"}, [c("end")])
req("headers-bad-value-throws", {"headers": {"X": "a\r\nb"}}, [c("end")])
req("post-empty-end", {"method": "POST", "host": "h"}, [c("end")])
req("put-end-data-cl", {"method": "PUT", "host": "h"}, [c("end", "abc")])
req("post-write-chunked", {"method": "POST", "host": "h"}, [c("write", "ab"), c("write", "cde"), c("end")])
req("post-user-cl", {"method": "POST", "host": "h", "headers": {"Content-Length": 3}}, [c("write", "abc"), c("end")])
req("delete-no-body", {"method": "DELETE", "host": "h"}, [c("end")])
req("get-end-data-unframed", {"host": "h"}, [c("end", "body")])
req("options-write-unframed", {"method": "OPTIONS", "host": "h"}, [c("write", "a"), c("end")])
req("post-trailers", {"method": "POST", "host": "h"}, [c("write", "x"), c("addTrailers", {"X-T": "1"}), c("end")])
req("post-expect-header", {"method": "POST", "host": "h", "headers": {"Expect": "100-continue"}},
    [c("write", "abc"), c("end")])
req("set-remove-header", {"host": "h"}, [c("setHeader", "X-A", "1"), c("removeHeader", "Host"), c("end")])
req("unique-headers", {"host": "h", "uniqueHeaders": ["x-u"]}, [c("setHeader", "X-U", ["1", "2"]), c("end")])
req("flush-headers", {"method": "POST", "host": "h"}, [c("flushHeaders"), c("write", "a"), c("end")])
req("user-connection-close", {"host": "h", "headers": {"Connection": "close"}}, [c("end")])
req("strict-cl-mismatch-throws", {"method": "POST", "host": "h", "headers": {"Content-Length": 5}},
    [c("set", "strictContentLength", True), c("end", "abc")])

# --- issue 9, defect 9: the head's encoding follows the first chunk -------------------------
# A chunk's encoding is args[1] ("utf8", "latin1", null for Node's default; absent: latin1, the
# recorder's default); a call with "buffer": true passes Buffer.from(args[0], 'latin1').
E = "\u00e9"  # a header byte 0xE9: one byte as latin1, two as UTF-8


def cb(op, *args):
    return {"op": op, "args": list(args), "buffer": True}


HI = c("setHeader", "X-Hi", "caf" + E)
res("enc-head-end-utf8", [HI, c("end", "x", "utf8")])
res("enc-head-end-default", [HI, c("end", "x", None)])
res("enc-head-end-latin1", [HI, c("end", "x", "latin1")])
res("enc-head-end-buffer", [HI, cb("end", "x")])
res("enc-head-end-no-chunk", [HI, c("end")])
res("enc-head-end-empty-utf8", [HI, c("end", "", "utf8")])
res("enc-head-end-utf-8-name", [HI, c("end", "x", "utf-8")])
res("enc-head-write-chunked-utf8", [HI, c("write", "x", "utf8"), c("end")])
res("enc-head-write-empty-utf8", [HI, c("write", "", "utf8"), c("end", "y", "utf8")])
res("enc-head-write-cl-utf8", [HI, c("setHeader", "Content-Length", 1), c("write", "x", "utf8"), c("end")])
res("enc-head-write-buffer", [HI, c("setHeader", "Content-Length", 1), cb("write", "x"), c("end")])
res("enc-head-flush", [HI, c("flushHeaders"), c("end", "x", "utf8")])
res("enc-status-message-utf8", [c("writeHead", 200, "Caf" + E), c("end", "x", "utf8")])
res("enc-status-message-latin1", [c("writeHead", 200, "Caf" + E), c("end", "x")])
res("enc-body-utf8", [c("end", E + " \u00fc \u20ac", "utf8")])
res("enc-body-utf8-chunked", [c("write", E + "\u20ac", "utf8"), c("end", "\u00fc", "utf8")])
res("enc-head-http10-utf8", [HI, c("end", "x", "utf8")], request=R10)
req("enc-head-end-utf8", {"host": "h", "headers": {"X-Hi": "caf" + E}}, [c("end", "x", "utf8")])
req("enc-head-end-latin1", {"host": "h", "headers": {"X-Hi": "caf" + E}}, [c("end", "x")])
req("enc-target-end-utf8", {"host": "h", "path": "/caf" + E}, [c("end", "x", "utf8")])
req("enc-target-end-no-chunk", {"host": "h", "path": "/caf" + E}, [c("end")])
req("enc-head-put-utf8", {"method": "PUT", "host": "h", "headers": {"X-Hi": "caf" + E}},
    [c("end", "x", "utf8")])
req("enc-head-post-chunked-utf8", {"method": "POST", "host": "h", "headers": {"X-Hi": "caf" + E}},
    [c("write", "x", "utf8"), c("end")])
req("enc-expect-early-head", {"method": "POST", "host": "h", "headers": {"X-Hi": "caf" + E,
                                                                      "Expect": "100-continue"}},
    [c("end", "x")])
req("enc-flush", {"method": "POST", "host": "h", "headers": {"X-Hi": "caf" + E}},
    [c("flushHeaders"), c("end", "x")])

# --- issue 9, defect 9: a falsy statusMessage gives the default reason phrase ----------------
res("status-message-false", [c("set", "statusMessage", False), c("end")])
res("status-message-empty", [c("set", "statusMessage", ""), c("end")])
res("status-message-zero", [c("set", "statusMessage", 0), c("end")])
res("status-message-null-404", [c("set", "statusCode", 404), c("set", "statusMessage", None), c("end")])
res("status-message-true", [c("set", "statusMessage", True), c("end")])
res("status-message-false-writehead-reason", [c("set", "statusMessage", False), c("writeHead", 201, "Made"),
                                              c("end")])

# --- issue 9, defect 9: a Host header that is not a string throws in http.request -------------
req("host-header-array", {"host": "h", "headers": {"host": ["a", "b"]}}, [c("end")])
req("host-header-array-one", {"host": "h", "headers": {"Host": ["a"]}}, [c("end")])
req("host-header-array-empty", {"host": "h", "headers": {"Host": []}}, [c("end")])
req("host-header-number", {"host": "h", "headers": {"Host": 5}}, [c("end")])
req("host-header-true", {"host": "h", "headers": {"Host": True}}, [c("end")])
req("host-header-object", {"host": "h", "headers": {"Host": {"a": 1}}}, [c("end")])
req("host-header-zero", {"host": "h", "headers": {"Host": 0}}, [c("end")])
req("host-header-string", {"host": "h", "headers": {"Host": "a:1"}}, [c("end")])
req("host-header-array-agent-false", {"host": "h", "agent": False, "headers": {"host": ["a"]}}, [c("end")])
req("host-header-array-flat-headers", {"host": "h", "headers": ["Host", ["a", "b"]]}, [c("end")])
req("host-header-array-expect", {"method": "POST", "host": "h",
                                 "headers": {"Expect": "100-continue", "Host": ["a"]}}, [c("end")])

# --- trailers go out in the order given (an array of pairs is not sorted) ---------------------
res("trailers-array-order", [c("write", "x"), c("addTrailers", [["1", "a"], ["0", "b"], ["x", "c"], ["0", "d"]]),
                             c("end")])
res("trailers-object-integer-keys", [c("write", "x"), c("addTrailers", {"b": "1", "1": "2", "0": "3"}), c("end")])
res("store-integer-keys-order", [c("setHeader", "b", "1"), c("setHeader", "10", "x"), c("setHeader", "2", "y"),
                                 c("setHeader", "a", "2"), c("setHeader", "0", "z"), c("setHeader", "02", "w"),
                                 c("setHeader", "2", "y2"), c("end")])

if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    ids = [o["id"] for o in out]
    assert len(ids) == len(set(ids)), "duplicate ids"
    with open(os.path.join(here, "scenarios.jsonl"), "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(len(out), "scenarios")
