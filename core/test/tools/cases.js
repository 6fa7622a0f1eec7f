'use strict';
// The parser cases, by test file.  Each case: n (name), in (string, latin1;
// or an array of strings and [char, count] repetitions), and optionally
// res (a response), method (of the request a response answers), lenient
// (H1_LENIENT_* bits), mhs (maxHeaderSize), mhc (maxHeadersCount), join
// (joinDuplicateHeaders), view (print the headers object), strict (the
// strict profile must reject it).  gen.js asks Node for each expected log.

const H = 'Host: a\r\n';
const POST = 'POST / HTTP/1.1\r\n' + H;
const TE = POST + 'Transfer-Encoding: chunked\r\n\r\n';
const RES = 'HTTP/1.1 200 OK\r\n';

const METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE',
  'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE', 'MKACTIVITY',
  'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST',
  'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT',
  'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK',
  'UNSUBSCRIBE'];

const L = {
  headers: 1, chunked_length: 2, keep_alive: 4, transfer_encoding: 8,
  version: 16, data_after_close: 32, optional_lf_after_cr: 64,
  optional_crlf_after_chunk: 128, optional_cr_before_lf: 256,
  spaces_after_chunk_size: 512, all: 1023,
};

// ---------------------------------------------------------------- request
const request = [];
for (const m of METHODS)
  request.push({ n: 'method-' + m, in: `${m} /x HTTP/1.1\r\n${H}\r\n` });
request.push(
  { n: 'method-PRI-h2-preface', in: 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' },
  { n: 'method-PRI-http11', in: 'PRI * HTTP/1.1\r\n\r\n' },
  { n: 'method-DESCRIBE-rtsp', in: 'DESCRIBE / RTSP/1.0\r\nCSeq: 1\r\n\r\n' },
  { n: 'method-DESCRIBE-http', in: `DESCRIBE / HTTP/1.1\r\n${H}\r\n` },
  { n: 'method-GET-rtsp', in: 'GET / RTSP/1.0\r\n\r\n' },
  { n: 'method-lower-get', in: `get / HTTP/1.1\r\n${H}\r\n` },
  { n: 'method-unknown-FOO', in: `FOO / HTTP/1.1\r\n${H}\r\n` },
  { n: 'method-HELLO', in: `HELLO / HTTP/1.1\r\n${H}\r\n` },
  { n: 'method-junk', in: `G=":<>(e),[T];?" / HTTP/1.1\r\n${H}\r\n` },
  { n: 'method-prefix-GETX', in: `GETX / HTTP/1.1\r\n${H}\r\n` },
  { n: 'method-prefix-PUTS', in: `PUTS / HTTP/1.1\r\n${H}\r\n` },
  { n: 'method-prefix-MKCOLX', in: `MKCOLX / HTTP/1.1\r\n${H}\r\n` },
  { n: 'method-truncated-eof', in: 'GE' },
  { n: 'method-tab-sep', in: `GET\t/ HTTP/1.1\r\n${H}\r\n` },
  { n: 'method-leading-space', in: ` GET / HTTP/1.1\r\n${H}\r\n` },
  { n: 'method-no-target', in: `GET\r\n${H}\r\n` },
  // targets
  { n: 'target-origin-query', in: `GET /status?name=ryan HTTP/1.1\r\n${H}\r\n` },
  { n: 'target-absolute', in: `GET http://example.com/x?y HTTP/1.1\r\n${H}\r\n` },
  { n: 'target-absolute-userinfo', in: `GET http://u:p@b/ HTTP/1.1\r\n${H}\r\n` },
  { n: 'target-absolute-mismatch', in: `GET http://b/ HTTP/1.1\r\n${H}\r\n` },
  { n: 'target-asterisk', in: `OPTIONS * HTTP/1.1\r\n${H}\r\n` },
  { n: 'target-authority-connect', in: 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n' },
  { n: 'target-connect-origin-form', in: `CONNECT /x HTTP/1.1\r\n${H}\r\n` },
  { n: 'target-fragment', in: `GET /a#frag HTTP/1.1\r\n${H}\r\n` },
  { n: 'target-space', in: `GET /a b HTTP/1.1\r\n${H}\r\n` },
  { n: 'target-ctl', in: `GET /a\x01b HTTP/1.1\r\n${H}\r\n` },
  { n: 'target-del', in: `GET /a\x7fb HTTP/1.1\r\n${H}\r\n` },
  { n: 'target-obs-text', in: `GET /a\xffb HTTP/1.1\r\n${H}\r\n` },
  { n: 'target-tab', in: `GET /a\tb HTTP/1.1\r\n${H}\r\n` },
  { n: 'target-nul', in: `GET /a\x00b HTTP/1.1\r\n${H}\r\n` },
  { n: 'target-query-specials', in: `GET /p?a=b&c=%20|{}^\` HTTP/1.1\r\n${H}\r\n` },
  { n: 'target-empty', in: `GET  HTTP/1.1\r\n${H}\r\n` },
  // versions
  { n: 'version-1.1', in: `GET / HTTP/1.1\r\n${H}\r\n` },
  { n: 'version-1.0', in: `GET / HTTP/1.0\r\n${H}\r\n` },
  { n: 'version-1.0-keep-alive', in: `GET / HTTP/1.0\r\n${H}Connection: keep-alive\r\n\r\n` },
  { n: 'version-0.9-crlf', in: 'GET /\r\n\r\n', strict: 1 },
  { n: 'version-0.9-crlf-headers', in: `GET /x\r\n${H}\r\n`, strict: 1 },
  { n: 'version-0.9-bare-lf-llhttp-877', in: `GET /x\n${H}Content-Length: 5\r\n\r\nhello`, strict: 1 },
  { n: 'version-2.0', in: `GET / HTTP/2.0\r\n${H}\r\n`, strict: 1 },
  { n: 'version-1.2', in: `GET / HTTP/1.2\r\n${H}\r\n` },
  { n: 'version-1.32', in: `GET / HTTP/1.32\r\n${H}\r\n` },
  { n: 'version-3.0', in: `GET / HTTP/3.0\r\n${H}\r\n` },
  { n: 'version-0.9-explicit', in: `GET / HTTP/0.9\r\n${H}\r\n` },
  { n: 'version-lowercase', in: `GET / http/1.1\r\n${H}\r\n` },
  { n: 'version-HTTP11', in: `GET / HTTP/11\r\n${H}\r\n` },
  { n: 'version-trailing-junk', in: `GET / HTTP/1.1x\r\n${H}\r\n` },
  { n: 'version-trailing-space', in: `GET / HTTP/1.1 \r\n${H}\r\n` },
  { n: 'version-bare-lf', in: `GET / HTTP/1.1\n${H}\r\n` },
  { n: 'version-bare-cr', in: `GET / HTTP/1.1\r${H}\r\n` },
  { n: 'version-ICE', in: 'SOURCE / ICE/1.0\r\n\r\n' },
  { n: 'request-line-double-space', in: `GET  / HTTP/1.1\r\n${H}\r\n` },
  { n: 'request-line-double-space-before-version', in: `GET /  HTTP/1.1\r\n${H}\r\n` },
  { n: 'leading-crlf', in: `\r\n\r\nGET / HTTP/1.1\r\n${H}\r\n` },
  { n: 'leading-lf', in: `\n\nGET / HTTP/1.1\r\n${H}\r\n` },
  { n: 'empty-input', in: '' },
  { n: 'only-crlf', in: '\r\n' },
  // persistence
  { n: 'conn-close', in: `GET / HTTP/1.1\r\n${H}Connection: close\r\n\r\n` },
  { n: 'conn-close-case', in: `GET / HTTP/1.1\r\n${H}Connection: ClOsE\r\n\r\n` },
  { n: 'conn-keep-alive-close', in: `GET / HTTP/1.1\r\n${H}Connection: keep-alive, close\r\n\r\n` },
  { n: 'conn-closex', in: `GET / HTTP/1.1\r\n${H}Connection: closex\r\n\r\n` },
  { n: 'conn-close-tab-pipelined', in: `GET / HTTP/1.1\r\n${H}Connection: close\t\r\n\r\nGET /2 HTTP/1.1\r\n${H}\r\n` },
  { n: 'conn-close-then-data', in: `GET / HTTP/1.1\r\n${H}Connection: close\r\n\r\nGET /2 HTTP/1.1\r\n${H}\r\n` },
  { n: 'conn-close-then-crlf', in: `GET / HTTP/1.1\r\n${H}Connection: close\r\n\r\n\r\n` },
  { n: 'http10-then-data', in: `GET / HTTP/1.0\r\n${H}\r\nGET /2 HTTP/1.0\r\n\r\n` },
  { n: 'conn-content-length-hop', in: `${POST}Content-Length: 5\r\nConnection: Content-Length\r\n\r\nhello` },
  { n: 'pipeline-2', in: `GET /1 HTTP/1.1\r\n${H}\r\nGET /2 HTTP/1.1\r\n${H}\r\n` },
  { n: 'pipeline-cl-body-then-get', in: `${POST}Content-Length: 3\r\n\r\nabcGET /2 HTTP/1.1\r\n${H}\r\n` },
  { n: 'pipeline-cl-body-then-junk', in: `${POST}Content-Length: 3\r\n\r\nabcXYZ` },
  { n: 'get-with-cl-body', in: `GET / HTTP/1.1\r\n${H}Content-Length: 30\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n` },
  { n: 'options-cl-body', in: `OPTIONS / HTTP/1.1\r\n${H}Content-Length: 5\r\n\r\nhello` },
  { n: 'host-missing', in: 'GET / HTTP/1.1\r\n\r\n' },
  { n: 'host-empty', in: 'GET / HTTP/1.1\r\nHost:\r\n\r\n' },
  { n: 'host-dup', in: `GET / HTTP/1.1\r\n${H}Host: b\r\n\r\n`, strict: 1 },
  { n: 'host-dup-case', in: `GET / HTTP/1.1\r\n${H}hOsT: b\r\n\r\n`, strict: 1 },
  // upgrade / connect
  { n: 'upgrade-h2c', in: `GET / HTTP/1.1\r\n${H}Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n` },
  { n: 'upgrade-websocket-head-bytes', in: `GET /chat HTTP/1.1\r\n${H}Upgrade: websocket\r\nConnection: Upgrade\r\n\r\nHEADBYTES\x00\xff` },
  { n: 'upgrade-with-cl-body', in: `POST / HTTP/1.1\r\n${H}Upgrade: foo\r\nConnection: upgrade\r\nContent-Length: 3\r\n\r\nabcXYZ` },
  { n: 'upgrade-no-connection-token', in: `GET / HTTP/1.1\r\n${H}Upgrade: websocket\r\n\r\nGET /2 HTTP/1.1\r\n\r\n` },
  { n: 'upgrade-connection-only', in: `GET / HTTP/1.1\r\n${H}Connection: upgrade\r\n\r\n` },
  { n: 'upgrade-http10', in: `GET / HTTP/1.0\r\n${H}Upgrade: websocket\r\nConnection: Upgrade\r\n\r\nxx` },
  { n: 'upgrade-connection-close-upgrade', in: `GET / HTTP/1.1\r\n${H}Connection: close, upgrade\r\nUpgrade: x\r\n\r\nxx` },
  { n: 'connect-head-bytes', in: 'CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n\x16\x03\x01GET / HTTP/1.1\r\n' },
  { n: 'connect-no-bytes', in: 'CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n' },
  { n: 'connect-with-cl', in: 'CONNECT a:443 HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello' },
  { n: 'connect-http10', in: 'CONNECT a:443 HTTP/1.0\r\n\r\nzz' },
  // expect
  { n: 'expect-100', in: `${POST}Expect: 100-continue\r\nContent-Length: 5\r\n\r\nhello` },
  { n: 'expect-100-case', in: `${POST}Expect: 100-Continue\r\nContent-Length: 5\r\n\r\nhello` },
  { n: 'expect-obfuscated', in: `${POST}Expect: y 100-continue\r\nContent-Length: 5\r\n\r\nhello`, strict: 1 },
  { n: 'expect-other', in: `${POST}Expect: 200-ok\r\nContent-Length: 5\r\n\r\nhello` },
  { n: 'expect-100-suffix', in: `${POST}Expect: 100-continuex\r\nContent-Length: 0\r\n\r\n` },
  { n: 'expect-100-http10', in: `POST / HTTP/1.0\r\n${H}Expect: 100-continue\r\nContent-Length: 0\r\n\r\n` },
);

// ---------------------------------------------------------------- headers
const headers = [
  { n: 'value-ows-trimmed', in: `GET / HTTP/1.1\r\nX-A:   padded  \t\r\nX-B:\r\nX-C: \t \r\n\r\n` },
  { n: 'value-htab-inside', in: `GET / HTTP/1.1\r\nX: a\tb\r\n\r\n` },
  { n: 'value-obs-text', in: `GET / HTTP/1.1\r\nX: caf\xe9 \x80\xff\r\n\r\n` },
  { n: 'value-nul', in: `GET / HTTP/1.1\r\n${H}X: a\x00b\r\n\r\n` },
  { n: 'value-ctl-bel', in: `GET / HTTP/1.1\r\n${H}X: a\x07b\r\n\r\n` },
  { n: 'value-del', in: `GET / HTTP/1.1\r\n${H}X: a\x7fb\r\n\r\n` },
  { n: 'value-vtab-first', in: `${POST}Transfer-Encoding:\x0bchunked\r\n\r\n0\r\n\r\n` },
  { n: 'value-bare-cr', in: `GET / HTTP/1.1\r\n${H}X: a\rTransfer-Encoding: chunked\r\n\r\n` },
  { n: 'value-bare-cr-empty', in: `${POST}X-Abc: \rxTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n0\r\n\r\n` },
  { n: 'value-bare-lf', in: `GET / HTTP/1.1\r\n${H}X: a\nY: b\r\n\r\n` },
  { n: 'value-bare-lf-cve-2022-32214', in: `POST / HTTP/1.1\r\nHost: a\nContent-Length: 5\r\n\r\nhello` },
  { n: 'name-space-before-colon', in: `GET / HTTP/1.1\r\nHost : x\r\n\r\n` },
  { n: 'name-tab-before-colon', in: `${POST}Content-Length\t: 5\r\n\r\nhello` },
  { n: 'name-empty', in: `GET / HTTP/1.1\r\n: x\r\n${H}\r\n` },
  { n: 'name-no-colon', in: `GET / HTTP/1.1\r\n${H}Content-Length 5\r\n\r\nhello` },
  { n: 'name-no-colon-eol', in: `GET / HTTP/1.1\r\n${H}Foo\r\n\r\n` },
  { n: 'name-parens', in: `GET / HTTP/1.1\r\nX(A): b\r\n\r\n` },
  { n: 'name-cr-cve-2020-8201', in: `${POST}Content\rLength: 5\r\n\r\nhello` },
  { n: 'name-0x85', in: `GET / HTTP/1.1\r\n${H}Content-Length\x85: 5\r\n\r\nhello` },
  { n: 'name-underscore-te', in: `${POST}Transfer_Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n` },
  { n: 'name-tchar-specials', in: `GET / HTTP/1.1\r\n!#$%&'*+-.^_\`|~09Az: v\r\n\r\n` },
  { n: 'name-nul', in: `GET / HTTP/1.1\r\nX\x00Y: v\r\n\r\n` },
  { n: 'obs-fold', in: `GET / HTTP/1.1\r\n${H}X: a\r\n b\r\n\r\n` },
  { n: 'obs-fold-tab', in: `GET / HTTP/1.1\r\n${H}X: a\r\n\tb\r\n\r\n` },
  { n: 'obs-fold-cl-cve-2024-27982', in: `${POST}X: a\r\n Content-Length: 5\r\n\r\nhello` },
  { n: 'obs-fold-te-cve-2022-32213-bypass', in: `${POST}Transfer-Encoding: chunked\r\n abc\r\n\r\n0\r\n\r\n` },
  { n: 'obs-fold-te-empty-first', in: `${POST}Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n` },
  { n: 'space-before-first-header', in: `GET / HTTP/1.1\r\n Content-Length: 1\r\n${H}\r\nX` },
  { n: 'header-end-cr-x-cve-2025-23167', in: `GET / HTTP/1.1\r\nX-Test: val\r\n\rX-Smuggled: yes\r\n\r\n` },
  { n: 'header-end-cr-z', in: `GET / HTTP/1.1\r\n${H}\rZGET /evil HTTP/1.1\r\n${H}\r\n` },
  { n: 'header-cr-lf-cve-2022-35256', in: `GET / HTTP/1.1\r\nX: y\rZ: z\r\n\r\n` },
  { n: 'many-headers-33', in: 'GET / HTTP/1.1\r\n' + Array.from({ length: 33 }, (_, i) => `X-${i}: v${i}\r\n`).join('') + '\r\n' },
  // Content-Length
  { n: 'cl-ok', in: `${POST}Content-Length: 5\r\n\r\nhello` },
  { n: 'cl-zero', in: `${POST}Content-Length: 0\r\n\r\n` },
  { n: 'cl-leading-zeros', in: `${POST}Content-Length: 005\r\n\r\nhello` },
  { n: 'cl-trailing-ows', in: `${POST}Content-Length: 5 \t\r\n\r\nhello` },
  { n: 'cl-trailing-sp', in: `${POST}Content-Length: 5  \r\n\r\nhello` },
  { n: 'cl-trailing-tab', in: `${POST}Content-Length: 5\t\r\n\r\nhello` },
  { n: 'cl-leading-tab', in: `${POST}Content-Length:\t5\r\n\r\nhello` },
  { n: 'cl-plus', in: `${POST}Content-Length: +5\r\n\r\nhello` },
  { n: 'cl-minus', in: `${POST}Content-Length: -1\r\n\r\n` },
  { n: 'cl-hex', in: `${POST}Content-Length: 0x5\r\n\r\nhello` },
  { n: 'cl-3a', in: `${POST}Content-Length: 3a\r\n\r\nabc` },
  { n: 'cl-underscore', in: `${POST}Content-Length: 1_0\r\n\r\n0123456789` },
  { n: 'cl-exp', in: `${POST}Content-Length: 5e0\r\n\r\nhello` },
  { n: 'cl-decimal', in: `${POST}Content-Length: 5.0\r\n\r\nhello` },
  { n: 'cl-list-same', in: `${POST}Content-Length: 5, 5\r\n\r\nhello` },
  { n: 'cl-list-diff', in: `${POST}Content-Length: 0, 5\r\n\r\nhello` },
  { n: 'cl-empty', in: `${POST}Content-Length: \r\n\r\n` },
  { n: 'cl-empty-no-space', in: `${POST}Content-Length:\r\n\r\n` },
  { n: 'cl-inner-space', in: `${POST}Content-Length: 1 2\r\n\r\nxx` },
  { n: 'cl-trailing-junk', in: `${POST}Content-Length: 5x\r\n\r\nhello` },
  { n: 'cl-max-u64', in: `${POST}Content-Length: 18446744073709551615\r\n\r\nhello` },
  { n: 'cl-2pow64', in: `${POST}Content-Length: 18446744073709551616\r\n\r\nhello` },
  { n: 'cl-overflow', in: `${POST}Content-Length: 18446744073709551621\r\n\r\nhello` },
  { n: 'cl-overflow-long', in: `${POST}Content-Length: 1000000000000000000000\r\n\r\n` },
  { n: 'cl-dup-same', in: `${POST}Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello` },
  { n: 'cl-dup-diff', in: `${POST}Content-Length: 0\r\nContent-Length: 5\r\n\r\nhello` },
  { n: 'cl-dup-case', in: `${POST}ConTent-Length: 5\r\ncontent-LENGTH: 5\r\n\r\nhello` },
  { n: 'cl-short-then-eof', in: `${POST}Content-Length: 10\r\n\r\nhello` },
  { n: 'cl-huge-no-body', in: `${POST}Content-Length: 999999999\r\n\r\n` },
  { n: 'cl-then-te', in: `${POST}Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG` },
  { n: 'te-then-cl', in: `${POST}Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n` },
  { n: 'cl-name-prefix', in: `${POST}Content-Lengthx: 5\r\n\r\n` },
  // Transfer-Encoding
  { n: 'te-chunked', in: `${TE}0\r\n\r\n` },
  { n: 'te-case', in: `${POST}TrAnSfEr-EnCoDiNg: cHuNkEd\r\n\r\n0\r\n\r\n` },
  { n: 'te-gzip-chunked', in: `${POST}Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n` },
  { n: 'te-chunked-gzip', in: `${POST}Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n` },
  { n: 'te-chunked-identity', in: `${POST}Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n` },
  { n: 'te-identity', in: `${POST}Transfer-Encoding: identity\r\n\r\n` },
  { n: 'te-identity-then-chunked', in: `${POST}Transfer-Encoding: identity\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n` },
  { n: 'te-chunked-then-identity-cve-2020-8287', in: `${POST}Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n` },
  { n: 'te-dup-chunked', in: `${POST}Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n` },
  { n: 'te-xchunked', in: `${POST}Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n` },
  { n: 'te-chunkedx-cve-2022-32213', in: `${POST}Transfer-Encoding: chunkedX\r\n\r\n0\r\n\r\n` },
  { n: 'te-chunk', in: `${POST}Transfer-Encoding: chunk\r\n\r\n0\r\n\r\n` },
  { n: 'te-leading-comma', in: `${POST}Transfer-Encoding: ,chunked\r\n\r\n0\r\n\r\n` },
  { n: 'te-quoted', in: `${POST}Transfer-Encoding: "chunked"\r\n\r\n0\r\n\r\n` },
  { n: 'te-nbsp', in: `${POST}Transfer-Encoding: \xa0chunked\r\n\r\n0\r\n\r\n` },
  { n: 'te-sp-before-colon', in: `${POST}Transfer-Encoding : chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n` },
  { n: 'te-unknown', in: `${POST}Transfer-Encoding: pigeons\r\n\r\n` },
  { n: 'te-encoded-word', in: `${POST}Transfer-Encoding: =?UTF-8?B?Y2h1bmtlZA==?=\r\n\r\n0\r\n\r\n` },
  { n: 'te-chunked-trailing-space', in: `${POST}Transfer-Encoding: chunked \r\n\r\n0\r\n\r\n` },
  { n: 'te-http10', in: `POST / HTTP/1.0\r\n${H}Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, strict: 1 },
  { n: 'te-http10-body', in: `POST / HTTP/1.0\r\n${H}Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n`, strict: 1 },
  { n: 'te-name-prefix', in: `${POST}Transfer-Encodingx: chunked\r\n\r\n` },
  // The word-at-a-time name and Connection-token matches (parser.c
  // h1__special_name, h1__conn_token) at each byte they compare, including
  // the bytes that OR 0x20 would confuse with '-' or a letter.
  { n: 'fast-name-te-last-byte', in: `${POST}Transfer-EncodinG: chunked\r\n\r\n0\r\n\r\n` },
  { n: 'fast-name-te-last-byte-off', in: `${POST}Transfer-Encodinh: chunked\r\n\r\n0\r\n\r\n` },
  { n: 'fast-name-te-first-byte-off', in: `${POST}Uransfer-Encoding: chunked\r\n\r\n0\r\n\r\n` },
  { n: 'fast-name-te-mid-byte-off', in: `${POST}Transfer_Encoding: chunked\r\n\r\n0\r\n\r\n` },
  { n: 'fast-name-cl-upper', in: `${POST}CONTENT-LENGTH: 2\r\n\r\nab` },
  { n: 'fast-name-cl-dot', in: `${POST}Content.Length: 2\r\n\r\nab` },
  { n: 'fast-name-cl-last-off', in: `${POST}Content-Lengti: 2\r\n\r\nab` },
  { n: 'fast-name-cl-tilde', in: `${POST}Content-Lengt~: 2\r\n\r\nab` },
  { n: 'fast-name-upgrade-case', in: `GET / HTTP/1.1\r\n${H}uPgRaDe: ws\r\nConnection: Upgrade\r\n\r\n` },
  { n: 'fast-name-upgrade-off', in: `GET / HTTP/1.1\r\n${H}Upgradf: ws\r\nConnection: Upgrade\r\n\r\n` },
  { n: 'fast-name-proxy-connection', in: `GET / HTTP/1.1\r\n${H}PROXY-CONNECTION: close\r\n\r\n` },
  { n: 'fast-name-proxy-connection-off', in: `GET / HTTP/1.1\r\n${H}Proxy-Connectiom: close\r\n\r\n` },
  { n: 'fast-name-connection-backtick', in: `GET / HTTP/1.1\r\n${H}Connection\x60: close\r\n\r\n` },
  { n: 'fast-conn-keep-alive-upper', in: `GET / HTTP/1.0\r\n${H}Connection: KEEP-ALIVE\r\n\r\n` },
  { n: 'fast-conn-keep-cr-alive', in: `GET / HTTP/1.0\r\n${H}Connection: keep\ralive\r\n\r\n` },
  { n: 'fast-conn-keep-alivf', in: `GET / HTTP/1.0\r\n${H}Connection: keep-alivf\r\n\r\n` },
  { n: 'fast-conn-keep-alive-x', in: `GET / HTTP/1.0\r\n${H}Connection: keep-alivex\r\n\r\n` },
  { n: 'fast-conn-keep-alive-short', in: `GET / HTTP/1.0\r\n${H}Connection: keep-aliv` },
  { n: 'fast-conn-close-upper', in: `GET / HTTP/1.1\r\n${H}Connection: CLOSE\r\n\r\n` },
  { n: 'fast-conn-closf', in: `GET / HTTP/1.1\r\n${H}Connection: closf\r\n\r\n` },
  { n: 'fast-conn-close-list', in: `GET / HTTP/1.1\r\n${H}Connection: close,upgrade\r\nUpgrade: x\r\n\r\n` },
  { n: 'fast-conn-upgrade-mixed', in: `GET / HTTP/1.1\r\n${H}Upgrade: ws\r\nConnection: UpGrAdE\r\n\r\n` },
  { n: 'fast-conn-upgradf', in: `GET / HTTP/1.1\r\n${H}Upgrade: ws\r\nConnection: upgradf\r\n\r\n` },
  // Content-Length and Connection in the field-line loop (h1__fast_fields)
  { n: 'fast-cl-19-digits', in: `${POST}Content-Length: 0000000000000000003\r\n\r\nabc` },
  { n: 'fast-cl-20-digits', in: `${POST}Content-Length: 00000000000000000003\r\n\r\nabc` },
  { n: 'fast-cl-max-u64-plus', in: `${POST}Content-Length: 18446744073709551616\r\n\r\n` },
  { n: 'fast-cl-trailing-sp', in: `${POST}Content-Length: 3 \r\n\r\nabc` },
  { n: 'fast-cl-plus', in: `${POST}Content-Length: +3\r\n\r\nabc` },
  { n: 'fast-cl-dup-same', in: `${POST}Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc` },
  { n: 'fast-cl-after-te', in: `${POST}Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n` },
  { n: 'fast-cl-obs-fold', in: `${POST}Content-Length: 3\r\n 4\r\n\r\nabc` },
  { n: 'fast-cl-then-te', in: `${POST}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n` },
  { n: 'fast-conn-close-obs-fold', in: `GET / HTTP/1.1\r\n${H}Connection: close\r\n keep-alive\r\n\r\n` },
  { n: 'fast-conn-keep-alive-trailing-sp', in: `GET / HTTP/1.0\r\n${H}Connection: keep-alive \r\n\r\n` },
  { n: 'fast-proxy-conn-keep-alive-http10', in: `GET / HTTP/1.0\r\n${H}Proxy-Connection: keep-alive\r\n\r\n` },
  { n: 'fast-conn-close-then-keep-alive', in: `GET / HTTP/1.1\r\n${H}Connection: close\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.1\r\n\r\n` },
  { n: 'fast-conn-at-sign', in: `GET / HTTP/1.1\r\n${H}Connection: \x40lose\r\n\r\n` },
];

// ---------------------------------------------------------------- chunked
const chunked = [
  { n: 'chunks-basic', in: `${TE}5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n` },
  { n: 'chunk-hex-upper-lower', in: `${TE}A\r\n0123456789\r\na\r\nabcdefghij\r\n0\r\n\r\n` },
  { n: 'chunk-leading-zeros', in: `${TE}0005\r\nhello\r\n000\r\n\r\n` },
  { n: 'chunk-size-16-digits', in: `${TE}0000000000000005\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-size-ffff-max', in: `${TE}FFFFFFFFFFFFFFFF\r\nab` },
  { n: 'chunk-size-overflow-17', in: `${TE}FFFFFFFFFFFFFFFFF\r\n` },
  { n: 'chunk-size-overflow-64', in: `${TE}10000000000000005\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-size-trunc-32', in: `${TE}100000005\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-size-0x', in: `${TE}0x5\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-size-underscore', in: `${TE}0_2e\r\n\r\n` },
  { n: 'chunk-size-plus', in: `${TE}+5\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-size-minus', in: `${TE}-5\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-size-leading-ws', in: `${TE} 5\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-size-trailing-ws', in: `${TE}5 \r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-size-trailing-tab', in: `${TE}5\t\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-size-empty', in: `${TE}\r\n\r\n` },
  { n: 'chunk-size-prefix-junk', in: `${TE}1these-bytes\r\nZ\r\n0\r\n\r\n` },
  { n: 'chunk-size-1x', in: `${TE}1x\r\nZ\r\n0\r\n\r\n` },
  { n: 'chunk-size-bare-lf', in: `${TE}5\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-size-bare-cr', in: `${TE}5\rhello\r\n0\r\n\r\n` },
  { n: 'chunk-data-bare-lf', in: `${TE}5\r\nhello\n0\r\n\r\n` },
  { n: 'chunk-data-bare-cr', in: `${TE}5\r\nhello\r0\r\n\r\n` },
  { n: 'chunk-data-no-crlf', in: `${TE}2\r\nxxXX0\r\n\r\n` },
  { n: 'chunk-data-oversized', in: `${TE}5\r\nhello!!\r\n0\r\n\r\n` },
  { n: 'chunk-spill-term-rX', in: `${TE}5\r\nAAAAA\rX2\r\n45\r\n0\r\n\r\n` },
  { n: 'chunk-one-byte-term', in: `${TE}2\r\nxx\n50\r\n\r\n0\r\n\r\n` },
  { n: 'last-chunk-bare-lf', in: `${TE}0\n\r\n` },
  { n: 'last-chunk-missing-final-crlf-eof', in: `${TE}0\r\n` },
  { n: 'chunk-mid-data-eof', in: `${TE}5\r\nhel` },
  { n: 'chunk-after-data-eof', in: `${TE}5\r\nhello` },
  { n: 'chunk-ext-simple', in: `${TE}5;foo=bar\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-ext-name-only', in: `${TE}5;foo\r\nhello\r\n0;bar\r\n\r\n` },
  { n: 'chunk-ext-multiple', in: `${TE}5;a=1;b=2;c\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-ext-quoted', in: `${TE}5;a="b c"\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-ext-quoted-escape', in: `${TE}5;a="b\\"c"\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-ext-quoted-crlf', in: `${TE}1;a="b\r\nX\r\n0\r\n\r\n` },
  { n: 'chunk-ext-ows-before-semicolon', in: `${TE}5 ;a=b\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-ext-space-after-semicolon', in: `${TE}5; a=b\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-ext-space-around-eq', in: `${TE}5;a = b\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-ext-empty-name', in: `${TE}5;=b\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-ext-empty-value', in: `${TE}5;a=\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-ext-lf', in: `${TE}2;\nxx\r\n45\r\n0\r\n\r\n` },
  { n: 'chunk-ext-cr', in: `${TE}2;\rxx\r\n0\r\n\r\n` },
  { n: 'chunk-ext-nul', in: `${TE}5;\x00ext\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-ext-ctl-in-value', in: `${TE}5;a=b\x01c\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-ext-lf-in-name-cve-2021-22960', in: `${TE}5;a\nb\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-ext-lf-go-cve-2025-22871', in: `${TE}5;ext\nxx\r\nhello\r\n0\r\n\r\n` },
  { n: 'chunk-ext-obs-text', in: `${TE}5;a=\xff\r\nhello\r\n0\r\n\r\n` },
  { n: 'trailers', in: `${TE}1\r\nx\r\n0\r\nX-T: 1\r\nx-t: 2\r\nY:  y \r\n\r\n`, view: 1, mhc: 2000 },
  { n: 'trailers-cl-in-trailer', in: `${TE}0\r\nContent-Length: 50\r\n\r\n` },
  { n: 'trailers-te-in-trailer', in: `${TE}0\r\nTransfer-Encoding: chunked\r\n\r\n` },
  { n: 'trailers-bad-token', in: `${TE}0\r\nX Y: 1\r\n\r\n` },
  { n: 'trailers-obs-fold', in: `${TE}0\r\nX: a\r\n b\r\n\r\n` },
  { n: 'trailers-bare-lf-end', in: `${TE}2\r\nxx\r\n0\r\n\nGET /two HTTP/1.1\r\n${H}\r\n` },
  { n: 'trailers-eof', in: `${TE}0\r\nX-T: 1\r\n` },
  { n: 'chunked-then-pipelined', in: `${TE}3\r\nabc\r\n0\r\n\r\nGET /2 HTTP/1.1\r\n${H}\r\n` },
  { n: 'chunked-bad-then-pipelined', in: `${TE}INVALID!!!\r\nGET / HTTP/1.1\r\n${H}\r\n` },
  { n: 'chunk-ext-16k-under', in: [TE + '1;a=', ['x', 16378], '\r\nx\r\n0\r\n\r\n'] },
  { n: 'chunk-ext-16k-over', in: [TE + '1;a=', ['x', 16390], '\r\nx\r\n0\r\n\r\n'] },
  { n: 'chunk-ext-16k-name', in: [TE + '1;', ['n', 16384], '\r\nx\r\n0\r\n\r\n'] },
  { n: 'chunk-ext-per-chunk', in: [TE + '1;a=', ['x', 15000], '\r\nx\r\n1;a=', ['y', 3000], '\r\ny\r\n0\r\n\r\n'] },
];

// ---------------------------------------------------------------- response
const response = [
  { n: 'res-200-cl', res: 1, in: `${RES}Content-Length: 5\r\n\r\nhello` },
  { n: 'res-200-chunked', res: 1, in: `${RES}Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n` },
  { n: 'res-close-delimited', res: 1, in: `${RES}\r\nhello world` },
  { n: 'res-close-delimited-empty', res: 1, in: `${RES}\r\n` },
  { n: 'res-http10-close-delimited', res: 1, in: 'HTTP/1.0 200 OK\r\n\r\nabc' },
  { n: 'res-http10-keep-alive-cl', res: 1, in: 'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nab' },
  { n: 'res-empty-reason-sp', res: 1, in: 'HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n' },
  { n: 'res-empty-reason-nosp', res: 1, in: 'HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n' },
  { n: 'res-reason-spaces', res: 1, in: 'HTTP/1.1 404 Not  Found \r\nContent-Length: 0\r\n\r\n' },
  { n: 'res-reason-obs-text', res: 1, in: 'HTTP/1.1 200 \xc9t\xe9\r\nContent-Length: 0\r\n\r\n' },
  { n: 'res-reason-ctl', res: 1, in: 'HTTP/1.1 200 O\x01K\r\nContent-Length: 0\r\n\r\n' },
  { n: 'res-reason-bare-lf', res: 1, in: 'HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n' },
  { n: 'res-status-4-digits', res: 1, in: 'HTTP/1.1 2000 OK\r\n\r\n' },
  { n: 'res-status-2-digits', res: 1, in: 'HTTP/1.1 20 OK\r\n\r\n' },
  { n: 'res-status-letters', res: 1, in: 'HTTP/1.1 2x0 OK\r\n\r\n' },
  { n: 'res-status-999', res: 1, in: 'HTTP/1.1 999 Odd\r\nContent-Length: 0\r\n\r\n' },
  { n: 'res-status-099', res: 1, in: 'HTTP/1.1 099 Odd\r\nContent-Length: 0\r\n\r\n' },
  { n: 'res-status-tab', res: 1, in: 'HTTP/1.1\t200 OK\r\n\r\n' },
  { n: 'res-double-space', res: 1, in: 'HTTP/1.1  200 OK\r\n\r\n' },
  { n: 'res-version-1.2', res: 1, in: 'HTTP/1.2 200 OK\r\n\r\n' },
  { n: 'res-version-2.0', res: 1, in: 'HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n' },
  { n: 'res-version-0.9', res: 1, in: 'HTTP/0.9 200 OK\r\n\r\n' },
  { n: 'res-version-lower', res: 1, in: 'http/1.1 200 OK\r\n\r\n' },
  { n: 'res-leading-crlf', res: 1, in: '\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n' },
  { n: 'res-head-cl', res: 1, method: 'HEAD', in: `${RES}Content-Length: 5\r\n\r\n` },
  { n: 'res-head-chunked', res: 1, method: 'HEAD', in: `${RES}Transfer-Encoding: chunked\r\n\r\n` },
  { n: 'res-head-no-framing', res: 1, method: 'HEAD', in: `${RES}\r\n` },
  { n: 'res-head-cl-then-bytes', res: 1, method: 'HEAD', in: `${RES}Content-Length: 5\r\n\r\nhello` },
  { n: 'res-204-cl', res: 1, in: 'HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n' },
  { n: 'res-204-no-framing', res: 1, in: 'HTTP/1.1 204 No Content\r\n\r\n' },
  { n: 'res-304-cl', res: 1, in: 'HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n' },
  { n: 'res-304-chunked', res: 1, in: 'HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n' },
  { n: 'res-100-then-200', res: 1, in: `HTTP/1.1 100 Continue\r\n\r\n${RES}Content-Length: 2\r\n\r\nok` },
  { n: 'res-102-103-200', res: 1, in: `HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\nLink: </b>\r\n\r\n${RES}Content-Length: 0\r\n\r\n`, view: 1, mhc: 2000 },
  { n: 'res-1xx-with-cl', res: 1, in: `HTTP/1.1 103 Early Hints\r\nContent-Length: 3\r\n\r\n${RES}Content-Length: 0\r\n\r\n` },
  { n: 'res-101-upgrade', res: 1, in: 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x05hello' },
  { n: 'res-101-no-headers', res: 1, in: 'HTTP/1.1 101 Switching Protocols\r\n\r\nxyz' },
  { n: 'res-connect-200', res: 1, method: 'CONNECT', in: 'HTTP/1.1 200 Connection Established\r\n\r\ntunnel' },
  { n: 'res-connect-200-cl', res: 1, method: 'CONNECT', in: 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello' },
  { n: 'res-connect-407', res: 1, method: 'CONNECT', in: 'HTTP/1.1 407 Proxy Auth\r\nContent-Length: 0\r\n\r\nrest' },
  { n: 'res-cl-short-eof', res: 1, in: `${RES}Content-Length: 10\r\n\r\nhello` },
  { n: 'res-chunked-eof', res: 1, in: `${RES}Transfer-Encoding: chunked\r\n\r\n5\r\nhel` },
  { n: 'res-head-eof', res: 1, in: `${RES}Content-Le` },
  { n: 'res-cl-dup', res: 1, in: `${RES}Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello` },
  { n: 'res-cl-te', res: 1, in: `${RES}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n` },
  { n: 'res-te-identity', res: 1, in: `${RES}Transfer-Encoding: identity\r\n\r\nabc` },
  { n: 'res-te-chunked-gzip', res: 1, in: `${RES}Transfer-Encoding: chunked, gzip\r\n\r\nabc` },
  { n: 'res-te-gzip', res: 1, in: `${RES}Transfer-Encoding: gzip\r\n\r\nabc` },
  { n: 'res-te-dup-chunked', res: 1, in: `${RES}Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n` },
  { n: 'res-conn-close-cl', res: 1, in: `${RES}Connection: close\r\nContent-Length: 2\r\n\r\nokEXTRA` },
  { n: 'res-keep-alive-two', res: 1, in: `${RES}Content-Length: 1\r\n\r\naHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb` },
  { n: 'res-obs-fold', res: 1, in: `${RES}X: a\r\n b\r\nContent-Length: 0\r\n\r\n` },
  { n: 'res-space-before-colon', res: 1, in: `${RES}Content-Length : 0\r\n\r\n` },
  { n: 'res-bare-lf-header', res: 1, in: `${RES}X: a\nContent-Length: 0\r\n\r\n` },
  { n: 'res-bare-cr-header', res: 1, in: `${RES}X: a\rContent-Length: 0\r\n\r\n` },
  { n: 'res-nul-value', res: 1, in: `${RES}X: a\x00b\r\nContent-Length: 0\r\n\r\n` },
  { n: 'res-cl-plus', res: 1, in: `${RES}Content-Length: +1\r\n\r\nx` },
  { n: 'res-chunk-size-junk', res: 1, in: `${RES}Transfer-Encoding: chunked\r\n\r\n5x\r\nhello\r\n0\r\n\r\n` },
  { n: 'res-chunk-trailer-cl', res: 1, in: `${RES}Transfer-Encoding: chunked\r\n\r\n0\r\nContent-Length: 1\r\n\r\n` },
  { n: 'res-merge-view', res: 1, view: 1, mhc: 2000, in: `${RES}Location: a\r\nLocation: b\r\nSet-Cookie: s1\r\nset-cookie: s2\r\nX: 1\r\nx: 2\r\nContent-Length: 0\r\n\r\n` },
  { n: 'res-merge-view-join', res: 1, view: 1, mhc: 2000, join: 1, in: `${RES}Location: a\r\nLocation: b\r\nSet-Cookie: s1\r\nset-cookie: s2\r\nContent-Length: 0\r\n\r\n` },
];

// ---------------------------------------------------------------- limits
const hdr100 = (url, n) => [`GET ${url} HTTP/1.1\r\nHost: x\r\nX: `, ['a', n], '\r\n\r\n'];
const url51 = '/' + 'u'.repeat(50);
const limits = [
  // maxHeaderSize=100: URL + names + values counted, overflow at >= 100
  { n: 'mhs100-count-99', mhs: 100, in: hdr100('/', 92) },
  { n: 'mhs100-count-100', mhs: 100, in: hdr100('/', 93) },
  { n: 'mhs100-url51-count-99', mhs: 100, in: hdr100(url51, 42) },
  { n: 'mhs100-url51-count-100', mhs: 100, in: hdr100(url51, 43) },
  { n: 'mhs100-url51-count-101', mhs: 100, in: hdr100(url51, 44) },
  { n: 'mhs100-url-only', mhs: 100, in: ['GET /', ['u', 98], ' HTTP/1.1\r\n\r\n'] },
  { n: 'mhs100-url-over', mhs: 100, in: ['GET /', ['u', 99], ' HTTP/1.1\r\n\r\n'] },
  { n: 'mhs100-name-long', mhs: 100, in: ['GET / HTTP/1.1\r\n', ['N', 98], ': v\r\n\r\n'] },
  { n: 'mhs100-many-short', mhs: 100, in: 'GET / HTTP/1.1\r\n' + Array.from({ length: 60 }, (_, i) => `X: ${i % 10}\r\n`).join('') + '\r\n' },
  { n: 'mhs100-body-not-counted', mhs: 100, in: ['POST / HTTP/1.1\r\nContent-Length: 200\r\n\r\n', ['b', 200]] },
  { n: 'mhs100-second-message', mhs: 100, in: ['GET / HTTP/1.1\r\nX: ', ['a', 90], '\r\n\r\nGET / HTTP/1.1\r\nX: ', ['b', 94], '\r\n\r\n'] },
  { n: 'mhs100-trailers', mhs: 100, in: [TE + '0\r\nX: ', ['t', 98], '\r\n\r\n'] },
  { n: 'mhs100-trailers-over', mhs: 100, in: [TE + '0\r\nX: ', ['t', 99], '\r\n\r\n'] },
  { n: 'mhs100-response-reason', mhs: 100, res: 1, in: ['HTTP/1.1 200 ', ['r', 99], '\r\n\r\n'] },
  { n: 'mhs100-response-reason-ok', mhs: 100, res: 1, in: ['HTTP/1.1 200 ', ['r', 90], '\r\nContent-Length: 0\r\n\r\n'] },
  { n: 'mhs100-chunk-ext-not-counted', mhs: 100, in: [TE + '1;a=', ['x', 200], '\r\nx\r\n0\r\n\r\n'] },
  // default 16384
  { n: 'mhs-default-16383', in: ['GET / HTTP/1.1\r\nX: ', ['a', 16381], '\r\n\r\n'] },
  { n: 'mhs-default-16384', in: ['GET / HTTP/1.1\r\nX: ', ['a', 16382], '\r\n\r\n'] },
  // maxHeadersCount through the view helpers
  ...[[30, 2000], [31, 2000], [32, 2000], [40, 10], [40, 31], [40, 32], [100, 40],
    [100, 0], [70, 62], [10, 5], [2, 1]].map(([n, m]) => ({
    n: `mhc-${n}-lines-max-${m}`, view: 1, mhc: m,
    in: 'GET / HTTP/1.1\r\n' + Array.from({ length: n }, (_, i) => `X${i % 7}: v${i}\r\n`).join('') + '\r\n',
  })),
  { n: 'mhc-trailers-40-max-10', view: 1, mhc: 10,
    in: TE + '0\r\n' + Array.from({ length: 40 }, (_, i) => `T${i % 3}: v${i}\r\n`).join('') + '\r\n' },
  { n: 'mhc-trailers-3-max-1', view: 1, mhc: 1, in: `${TE}0\r\nA: 1\r\nB: 2\r\nA: 3\r\n\r\n` },
  { n: 'mhc-unset-1100-lines', view: 1, splits: 64, in: 'GET / HTTP/1.1\r\n' + Array.from({ length: 1100 }, (_, i) => `X${i % 50}: ${i}\r\n`).join('') + '\r\n' },
  { n: 'mhc-2000-1100-lines', view: 1, mhc: 2000, splits: 64, in: 'GET / HTTP/1.1\r\n' + Array.from({ length: 1100 }, (_, i) => `X${i % 50}: ${i}\r\n`).join('') + '\r\n' },
  { n: 'mhc-unset-trailers-1100', view: 1, splits: 64, in: TE + '0\r\n' + Array.from({ length: 1100 }, (_, i) => `T${i % 50}: ${i}\r\n`).join('') + '\r\n' },
  { n: 'view-proto-header', view: 1, in: 'GET / HTTP/1.1\r\n__proto__: x\r\nA: 1\r\nconstructor: c\r\n\r\n' },
];

// ---------------------------------------------------------------- lenient
const lenient = [];
const lv = [
  ['obs-fold', `GET / HTTP/1.1\r\n${H}X: a\r\n b\r\n\r\n`],
  ['space-before-colon', `GET / HTTP/1.1\r\nHost : x\r\n\r\n`],
  ['nul-in-value', `GET / HTTP/1.1\r\n${H}X: a\x00b\r\n\r\n`],
  ['bare-cr-value', `GET / HTTP/1.1\r\n${H}X: a\rY: b\r\n\r\n`],
  ['bare-cr-crlf-value', `${POST}X-Abc: \rxTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n0\r\n\r\n`],
  ['cl-te', `${POST}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
  ['te-cl', `${POST}Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n`],
  ['close-then-data', `GET / HTTP/1.1\r\n${H}Connection: close\r\n\r\nGET /2 HTTP/1.1\r\n${H}\r\n`],
  ['te-identity', `${POST}Transfer-Encoding: identity\r\n\r\nabc`],
  ['te-chunked-gzip', `${POST}Transfer-Encoding: chunked, gzip\r\n\r\nabc`],
  ['version-1.2', `GET / HTTP/1.2\r\n${H}\r\n`],
  ['version-9.9', `GET / HTTP/9.9\r\n${H}\r\n`],
  ['bare-lf-version', `GET / HTTP/1.1\n${H}\r\n`],
  ['bare-lf-header', `GET / HTTP/1.1\r\n${H}X: a\nY: b\r\n\r\n`],
  ['bare-lf-end', `GET / HTTP/1.1\r\n${H}\n`],
  ['bare-cr-end', `GET / HTTP/1.1\r\n${H}\rX`],
  ['chunk-no-crlf', `${TE}2\r\nxxXX0\r\n\r\n`],
  ['chunk-data-lf', `${TE}5\r\nhello\n0\r\n\r\n`],
  ['chunk-size-lf', `${TE}5\nhello\r\n0\r\n\r\n`],
  ['chunk-size-space', `${TE}5 \r\nhello\r\n0\r\n\r\n`],
  ['chunk-size-tab-ext', `${TE}5\t;a=b\r\nhello\r\n0\r\n\r\n`],
  ['chunk-ext-lf', `${TE}2;\nxx\r\n0\r\n\r\n`],
];
for (const [name, input] of lv) {
  for (const [flag, bit] of Object.entries(L))
    lenient.push({ n: `lenient-${flag}-${name}`, lenient: bit, in: input });
}
lenient.push({ n: 'lenient-none-baseline-get', in: `GET / HTTP/1.1\r\n${H}\r\n` });


// ---------------------------------------------------------------- errors
// attack-vectors.md section 2, every row (request), then the same bytes
// with the request line replaced by a status line (the response mirror),
// then section 3 (CVE regressions, inserted after POST / + Host).
const av = [
  { n: 'av-baseline-get', in: "GET / HTTP/1.1\r\nHost: a\r\n\r\n" },
  { n: 'av-clte-both', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG" },
  { n: 'av-tecl-both', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n" },
  { n: 'av-clcl-dup-diff', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: 5\r\n\r\nhello" },
  { n: 'av-clcl-dup-same', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello" },
  { n: 'av-cl-list-same', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\nhello" },
  { n: 'av-cl-plus', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello" },
  { n: 'av-cl-minus', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n" },
  { n: 'av-cl-hex', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x5\r\n\r\nhello" },
  { n: 'av-cl-leading-zero', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 005\r\n\r\nhello" },
  { n: 'av-cl-underscore', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1_0\r\n\r\n0123456789" },
  { n: 'av-cl-empty', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \r\n\r\n" },
  { n: 'av-cl-overflow', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 18446744073709551621\r\n\r\nhello" },
  { n: 'av-cl-trailing-junk', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5x\r\n\r\nhello" },
  { n: 'av-te-sp-before-colon', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n" },
  { n: 'av-te-xchunked', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n" },
  { n: 'av-te-chunk-lazygrep', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunk\r\n\r\n0\r\n\r\n" },
  { n: 'av-te-dup-chunked', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" },
  { n: 'av-te-identity-chunked', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" },
  { n: 'av-te-chunked-identity', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n" },
  { n: 'av-te-leading-comma', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: ,chunked\r\n\r\n0\r\n\r\n" },
  { n: 'av-te-quoted', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: \"chunked\"\r\n\r\n0\r\n\r\n" },
  { n: 'av-te-vtab-value', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\u000bchunked\r\n\r\n0\r\n\r\n" },
  { n: 'av-te-nbsp-value', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:  chunked\r\n\r\n0\r\n\r\n" },
  { n: 'av-te-obs-fold', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n" },
  { n: 'av-te-underscore-name', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer_Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n" },
  { n: 'av-te-http10', strict: 1, in: "POST / HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" },
  { n: 'av-te-not-final', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n" },
  { n: 'av-te-unknown', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: pigeons\r\n\r\n" },
  { n: 'av-term-ext-lf', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2;\nxx\r\n45\r\n0\r\n\r\n" },
  { n: 'av-term-ext-cr', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2;\rxx\r\n0\r\n\r\n" },
  { n: 'av-chunk-ext-quoted-crlf', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;a=\"b\r\nX\r\n0\r\n\r\n" },
  { n: 'av-chunk-ext-nul', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;\u0000ext\r\nhello\r\n0\r\n\r\n" },
  { n: 'av-chunk-size-lf', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n" },
  { n: 'av-chunk-data-lf', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\n0\r\n\r\n" },
  { n: 'av-last-chunk-lf', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\n\r\n" },
  { n: 'av-spill-oversized', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello!!\r\n0\r\n\r\n" },
  { n: 'av-one-byte-term-then-size', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxx\n50\r\n\r\n0\r\n\r\n" },
  { n: 'av-trail-term-lf', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxx\r\n0\r\n\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n" },
  { n: 'av-trailer-cl', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nContent-Length: 50\r\n\r\n" },
  { n: 'av-chunk-size-0x', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n" },
  { n: 'av-chunk-size-underscore', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0_2e\r\n\r\n" },
  { n: 'av-chunk-size-plus', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n+5\r\nhello\r\n0\r\n\r\n" },
  { n: 'av-chunk-size-leading-ws', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n 5\r\nhello\r\n0\r\n\r\n" },
  { n: 'av-chunk-size-trailing-ws', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n0\r\n\r\n" },
  { n: 'av-chunk-size-empty', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\r\n\r\n" },
  { n: 'av-chunk-size-prefix-junk', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1these-bytes\r\nZ\r\n0\r\n\r\n" },
  { n: 'av-chunk-size-overflow-64', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000005\r\nhello\r\n0\r\n\r\n" },
  { n: 'av-chunk-size-trunc-32', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n100000005\r\nhello\r\n0\r\n\r\n" },
  { n: 'av-bare-lf-request-line', in: "GET / HTTP/1.1\nHost: a\r\n\r\n" },
  { n: 'av-bare-lf-header', in: "GET / HTTP/1.1\r\nHost: a\nX: y\r\n\r\n" },
  { n: 'av-bare-cr-header-value', in: "GET / HTTP/1.1\r\nHost: a\r\nX: a\rTransfer-Encoding: chunked\r\n\r\n" },
  { n: 'av-http09-bare-lf', strict: 1, in: "GET /x\nHost: a\r\nContent-Length: 5\r\n\r\nhello" },
  { n: 'av-sp-before-colon-cl', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length : 5\r\n\r\nhello" },
  { n: 'av-ws-before-first-header', in: "GET / HTTP/1.1\r\n Content-Length: 1\r\nHost: a\r\n\r\nX" },
  { n: 'av-obs-fold-generic', in: "GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n" },
  { n: 'av-empty-header-name', in: "GET / HTTP/1.1\r\n: x\r\nHost: a\r\n\r\n" },
  { n: 'av-no-colon-header', in: "GET / HTTP/1.1\r\nHost: a\r\nContent-Length 5\r\n\r\nhello" },
  { n: 'av-nonascii-name', in: "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello" },
  { n: 'av-nul-in-value', in: "GET / HTTP/1.1\r\nHost: a\r\nX: a\u0000b\r\n\r\n" },
  { n: 'av-ctl-in-value', in: "GET / HTTP/1.1\r\nHost: a\r\nX: a\u0007b\r\n\r\n" },
  { n: 'av-host-missing', in: "GET / HTTP/1.1\r\n\r\n" },
  { n: 'av-host-dup', strict: 1, in: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" },
  { n: 'av-host-abs-mismatch', in: "GET http://b/ HTTP/1.1\r\nHost: a\r\n\r\n" },
  { n: 'av-method-junk', in: "G=\":<>(e),[T];?\" / HTTP/1.1\r\nHost: a\r\n\r\n" },
  { n: 'av-version-junk', in: "GET / HTTP/1.32\r\nHost: a\r\n\r\n" },
  { n: 'av-multi-sp-request-line', in: "GET  / HTTP/1.1\r\nHost: a\r\n\r\n" },
  { n: 'av-target-space', in: "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n" },
  { n: 'av-expect-100-cl', in: "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello" },
  { n: 'av-expect-obfuscated', strict: 1, in: "POST / HTTP/1.1\r\nHost: a\r\nExpect: y 100-continue\r\nContent-Length: 5\r\n\r\nhello" },
  { n: 'av-get-with-cl-body', in: "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 30\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n" },
  { n: 'av-options-cl-body', in: "OPTIONS / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello" },
  { n: 'av-hide-lpad-obsfold-cl', in: "POST / HTTP/1.1\r\nHost: a\r\nX-Junk: x\r\n Content-Length: 5\r\n\r\nhello" },
  { n: 'av-hide-hop-connection-cl', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nConnection: Content-Length\r\n\r\nhello" },
  { n: 'av-hide-nwrap', in: "POST / HTTP/1.1\r\nHost: a\r\nX-Junk: x\nContent-Length: 5\r\n\r\nhello" },
  { n: 'av-hide-rwrap', in: "POST / HTTP/1.1\r\nHost: a\r\nX-Junk: x\rContent-Length: 5\r\n\r\nhello" },
  { n: 'av-hide-tab-name', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length\t: 5\r\n\r\nhello" },
  { n: 'av-cl-exp', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5e0\r\n\r\nhello" },
  { n: 'av-cl-decimal', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5.0\r\n\r\nhello" },
  { n: 'av-cl-comma-prefix', in: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0, 5\r\n\r\nhello" },
  { n: 'av-te-encoded-word', in: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: =?UTF-8?B?Y2h1bmtlZA==?=\r\n\r\n0\r\n\r\n" },
  { n: 'av-te-case', in: "POST / HTTP/1.1\r\nHost: a\r\nTrAnSfEr-EnCoDiNg: cHuNkEd\r\n\r\n0\r\n\r\n" },
  { n: 'av-pipeline-2', in: "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n" },
  { n: 'av-upgrade-h2c', in: "GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n" },
  { n: 'av-connect-authority', in: "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n" },
];
const mirror = [];
for (const c of av) {
  const m = c.in.match(/^(GET|POST|OPTIONS) \/ HTTP\/1\.[01]\r\n/);
  if (!m) continue;
  mirror.push({ n: 'res-' + c.n, res: 1, in: RES + c.in.slice(m[0].length) });
}
const cve = [
  ['cve-2019-15605', 'Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n'],
  ['cve-2020-8201', 'Content\rLength: 5\r\n\r\nhello'],
  ['cve-2020-8287', 'Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n'],
  ['cve-2021-22959', 'Content-Length : 5\r\n\r\nhello'],
  ['cve-2021-22960-lf', 'Transfer-Encoding: chunked\r\n\r\n5;a\nb\r\nhello\r\n0\r\n\r\n'],
  ['cve-2021-22960-ctl', 'Transfer-Encoding: chunked\r\n\r\n5;a\x01b\r\nhello\r\n0\r\n\r\n'],
  ['cve-2022-32213', 'Transfer-Encoding: chunkedX\r\n\r\n0\r\n\r\n'],
  ['cve-2022-32213-bypass', 'Transfer-Encoding: chunked\r\n abc\r\n\r\n0\r\n\r\n'],
  ['cve-2022-32214', 'X: a\nContent-Length: 5\r\n\r\nhello'],
  ['cve-2022-32215', 'Transfer-Encoding: gzip,\r\n chunked\r\n\r\n0\r\n\r\n'],
  ['cve-2022-35256', 'X: y\rZ: z\r\n\r\n'],
  ['cve-2023-30589', 'X-Abc: \rxTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n0\r\n\r\n'],
  ['cve-2024-22019', ['Transfer-Encoding: chunked\r\n\r\n1;', ['a', 20000], '\r\nx\r\n0\r\n\r\n']],
  ['cve-2024-27982', 'X: a\r\n Content-Length: 5\r\n\r\nhello'],
  ['cve-2025-23167', 'X-Test: val\r\n\rX-Smuggled: yes\r\n\r\n'],
  ['cl-te-both', 'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'],
  ['cl-dup-same', 'Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello'],
  ['chunk-size-bare-lf', 'Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n'],
  ['chunk-size-1x', 'Transfer-Encoding: chunked\r\n\r\n1x\r\nZ\r\n0\r\n\r\n'],
  ['chunk-size-17f', 'Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\n'],
  ['conn-close-tab', 'Connection: close\t\r\nContent-Length: 0\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n'],
  ['llhttp-877', null],
  ['go-cve-2025-22871', 'Transfer-Encoding: chunked\r\n\r\n5;ext\nxx\r\nhello\r\n'],
  ['pico-78-junk', 'Transfer-Encoding: chunked\r\n\r\n123x\r\n'],
  ['pico-78-0_0', 'Transfer-Encoding: chunked\r\n\r\n0_0\r\n\r\n'],
  ['garden-host-cr-x', 'Host: a\rX\r\n\r\n'],
].filter(([, i]) => i !== null).map(([n, i]) => ({
  n, in: Array.isArray(i) ? [POST + i[0], i[1], i[2]] : POST + i,
}));
const errors = [...av, ...mirror, ...cve,
  { n: 'eof-in-request-head', in: `GET / HTTP/1.1\r\n${H}` },
  { n: 'eof-in-request-line', in: 'GET / HTTP/1.1' },
  { n: 'eof-after-complete', in: `GET / HTTP/1.1\r\n${H}\r\n` },
  { n: 'eof-in-cl-body', in: `${POST}Content-Length: 5\r\n\r\nhel` },
  { n: 'eof-in-chunk-size', in: `${TE}5` },
  { n: 'eof-in-trailers', in: `${TE}0\r\nX: 1\r\n` },
  { n: 'error-is-sticky-second-message', in: `GET / HTTP/1.1\r\n${H}\r\nget / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n` },
];

// ------------------------------------------------ strict profile (issue 15)
// The nine request-smuggling classes the strict profile closes, in
// variants (case, OWS, commas, empty members, obs-fold, lines split,
// trailers, responses).  `strict: 1`: the strict profile must reject it;
// the others are the accepted forms, where strict must parse as Node.
const NEXT = 'GET /s HTTP/1.1\r\nHost: a\r\n\r\n';
// classes 1-3: a Transfer-Encoding line is one whatever its value; exactly
// one, `chunked`; none on HTTP/1.0
for (const [n, te] of [['empty', ''], ['blank', ' \t '], ['sp', ' ']])
  headers.push(
    { n: `strict-te-${n}-then-cl`, strict: 1, in: `${POST}Transfer-Encoding:${te}\r\nContent-Length: 5\r\n\r\nhello` },
    { n: `strict-te-${n}-alone`, strict: 1, in: `${POST}Transfer-Encoding:${te}\r\n\r\n${NEXT}` },
    { n: `strict-te-${n}-http10`, strict: 1, in: `POST / HTTP/1.0\r\n${H}Transfer-Encoding:${te}\r\nContent-Length: 5\r\n\r\nhello` },
    { n: `strict-te-chunked-then-${n}`, strict: 1, in: `${POST}Transfer-Encoding: chunked\r\nTransfer-Encoding:${te}\r\n\r\n0\r\n\r\n` },
    { n: `strict-res-te-${n}-then-cl`, res: 1, strict: 1, in: `${RES}Transfer-Encoding:${te}\r\nContent-Length: 3\r\n\r\nabc` });
for (const [n, v] of [['comma-chunked', ',chunked'], ['comma-sp-chunked', ', chunked'],
  ['gzip-chunked', 'gzip, chunked'], ['identity-chunked', 'identity,chunked'],
  ['chunked-comma-empty', 'chunked ,'], ['double-comma', ',,chunked']])
  headers.push({ n: `strict-te-list-${n}`, strict: 1, in: `${POST}Transfer-Encoding: ${v}\r\n\r\n0\r\n\r\n` });
for (const [n, a, b] of [['identity-chunked', 'identity', 'chunked'], ['gzip-chunked', 'gzip', 'chunked'],
  ['chunked-chunked', 'chunked', 'chunked'], ['empty-chunked', '', 'chunked']])
  headers.push({ n: `strict-te-lines-${n}`, strict: 1, in: `${POST}Transfer-Encoding: ${a}\r\ntransfer-encoding: ${b}\r\n\r\n0\r\n\r\n` });
headers.push(
  { n: 'strict-te-ok-upper-ows', in: `${POST}Transfer-Encoding: \tCHUNKED \r\n\r\n0\r\n\r\n` },
  { n: 'strict-te-fold-insecure', lenient: L.headers, in: `${POST}Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n` },
  { n: 'strict-res-te-gzip', res: 1, strict: 1, in: `${RES}Transfer-Encoding: gzip\r\n\r\nabc` },
  { n: 'strict-res-te-gzip-chunked', res: 1, strict: 1, in: `${RES}Transfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n` });
// class 4: a Connection option naming a framing or routing field; a value
// that is not a list of tokens
for (const name of ['Connection', 'proxy-connection'])
  for (const [n, v] of [['cl', 'Content-Length'], ['te', 'TRANSFER-ENCODING'], ['host', 'host'],
    ['list-cl', 'keep-alive, content-length'], ['tab-cl', 'x,\tContent-Length\t'],
    ['empty-members-host', ',, Host ,'], ['sp-list', 'close content-length'], ['quoted', '"close"']])
    headers.push({ n: `strict-${name.toLowerCase()}-${n}`, strict: 1, in: `${POST}Content-Length: 5\r\n${name}: ${v}\r\n\r\nhello` });
headers.push(
  { n: 'strict-conn-ok-list', in: `${POST}Connection: keep-alive, x-foo, ,Upgrade\r\nContent-Length: 5\r\n\r\nhello` },
  { n: 'strict-res-conn-cl', res: 1, strict: 1, in: `${RES}Content-Length: 3\r\nConnection: content-length\r\n\r\nabc` });
// class 5: Host values that are not host[:port]; target authority vs Host;
// userinfo; framing or routing fields in trailers
for (const [n, v] of [['at', 'a@b'], ['slash', 'a/b'], ['backslash', 'a\\b'], ['sp', 'a b'],
  ['comma', 'a, b'], ['port-junk', 'a:8x'], ['port-long', 'a:123456'], ['colon-only', ':80'],
  ['query', 'a?b'], ['hash', 'a#b'], ['pct', 'a%2fb'], ['semicolon', 'a;b'], ['bracket-open', '[::1'],
  ['obs-text', 'a\xe9']])
  request.push({ n: `strict-host-${n}`, strict: 1, in: `GET / HTTP/1.1\r\nHost: ${v}\r\n\r\n` });
for (const [n, v] of [['empty', ''], ['port', 'a:8080'], ['ipv6', '[::1]:80'], ['ipv4', '127.0.0.1'],
  ['dns', 'Www.Example-1.com'], ['trailing-ows', 'a \t']])
  request.push({ n: `strict-host-ok-${n}`, in: `GET / HTTP/1.1\r\nHost: ${v}\r\n\r\n` });
request.push(
  { n: 'strict-target-mismatch', strict: 1, in: `GET http://b/ HTTP/1.1\r\n${H}\r\n` },
  { n: 'strict-target-mismatch-port', strict: 1, in: `GET http://a:80/ HTTP/1.1\r\n${H}\r\n` },
  { n: 'strict-target-mismatch-host-first', strict: 1, in: `GET http://b/x?y HTTP/1.1\r\nHost: a\r\nX: 1\r\n\r\n` },
  { n: 'strict-target-no-host', strict: 1, in: 'GET http://a/ HTTP/1.1\r\n\r\n' },
  { n: 'strict-target-userinfo', strict: 1, in: `GET http://u@a/ HTTP/1.1\r\n${H}\r\n` },
  { n: 'strict-target-userinfo-pass', strict: 1, in: `GET http://u:p@a/ HTTP/1.1\r\n${H}\r\n` },
  { n: 'strict-connect-userinfo', strict: 1, in: 'CONNECT u@a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n' },
  { n: 'strict-target-ok-case', in: 'GET HTTP://A:8080/x HTTP/1.1\r\nHost: a:8080\r\n\r\n' });
chunked.push(
  { n: 'strict-trailer-host', strict: 1, in: `${TE}0\r\nHost: b\r\n\r\n` },
  { n: 'strict-res-trailer-te', res: 1, strict: 1, in: `${RES}Transfer-Encoding: chunked\r\n\r\n0\r\nTransfer-Encoding: gzip\r\n\r\n` },
  { n: 'strict-res-trailer-host', res: 1, strict: 1, in: `${RES}Transfer-Encoding: chunked\r\n\r\n0\r\nhost: b\r\n\r\n` },
  { n: 'strict-trailer-ok', in: `${TE}0\r\nX-Host: b\r\n\r\n` });
// classes 6 and 8: bodies on bodiless methods, Upgrade and CONNECT
for (const m of ['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']) {
  const t = m === 'CONNECT' ? 'a:443' : '/';
  request.push(
    { n: `strict-body-${m}-cl`, strict: 1, in: `${m} ${t} HTTP/1.1\r\nHost: a:443\r\nContent-Length: 5\r\n\r\nhello` },
    { n: `strict-body-${m}-te`, strict: 1, in: `${m} ${t} HTTP/1.1\r\nHost: a:443\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n` },
    { n: `strict-body-${m}-cl0`, in: `${m} ${t} HTTP/1.1\r\nHost: a:443\r\nContent-Length: 0\r\n\r\n` });
}
request.push(
  { n: 'strict-body-get-cl-smuggle', strict: 1, in: `GET / HTTP/1.1\r\n${H}Content-Length: ${NEXT.length}\r\n\r\n${NEXT}` },
  { n: 'strict-upgrade-post-cl', strict: 1, in: `POST / HTTP/1.1\r\n${H}Connection: Upgrade\r\nUpgrade: websocket\r\nContent-Length: 5\r\n\r\nhello` },
  { n: 'strict-upgrade-post-chunked', strict: 1, in: `POST / HTTP/1.1\r\n${H}Connection: Upgrade\r\nUpgrade: websocket\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n0\r\n\r\n` },
  { n: 'strict-upgrade-header-only-cl', strict: 1, in: `POST / HTTP/1.1\r\n${H}Upgrade: websocket\r\nContent-Length: 5\r\n\r\nhello` },
  { n: 'strict-upgrade-post-cl0', in: `POST / HTTP/1.1\r\n${H}Connection: Upgrade\r\nUpgrade: websocket\r\nContent-Length: 0\r\n\r\nRAW` });
// class 7: more than one Expect line
for (const [n, a, b] of [['foo-100', 'foo', '100-continue'], ['100-foo', '100-continue', 'foo'],
  ['100-100', '100-continue', '100-continue'], ['empty-100', '', '100-continue']])
  request.push({ n: `strict-expect-lines-${n}`, strict: 1, in: `${POST}Expect: ${a}\r\nexpect: ${b}\r\nContent-Length: 5\r\n\r\nhello` });
// class 8: `close` however padded means close; `upgrade` before HTAB
for (const [n, v] of [['htab', 'close\t'], ['sp-htab', 'close \t'], ['htab-list', 'close\t, x'],
  ['upper-htab', 'CLOSE\t'], ['proxy', 'close\t']])
  request.push({ n: `strict-close-${n}`, strict: 1, in: `GET / HTTP/1.1\r\n${H}${n === 'proxy' ? 'Proxy-' : ''}Connection: ${v}\r\n\r\n${NEXT}` });
request.push(
  { n: 'strict-close-htab-single', in: `GET / HTTP/1.1\r\n${H}Connection: close\t\r\n\r\n` },
  { n: 'strict-upgrade-htab', strict: 1, in: `GET / HTTP/1.1\r\n${H}Connection: upgrade\t\r\nUpgrade: websocket\r\n\r\n${NEXT}` },
  { n: 'strict-upgrade-htab-no-upgrade-field', in: `GET / HTTP/1.1\r\n${H}Connection: upgrade\t\r\n\r\n${NEXT}` },
  { n: 'strict-keep-alive-htab-http10', in: `GET / HTTP/1.0\r\n${H}Connection: keep-alive\t\r\n\r\n` });
// class 9: past maxHeadersCount an error, not a silent drop
const xlines = (k) => Array.from({ length: k }, (_, i) => `X-${i}: v\r\n`).join('');
limits.push(
  { n: 'strict-mhc-11-max-10', view: 1, mhc: 10, strict: 1, in: `GET / HTTP/1.1\r\n${xlines(10)}Host: a\r\n\r\n` },
  { n: 'strict-mhc-10-max-10', view: 1, mhc: 10, in: `GET / HTTP/1.1\r\n${xlines(9)}Host: a\r\n\r\n` },
  { n: 'strict-mhc-2-max-1', view: 1, mhc: 1, strict: 1, in: `GET / HTTP/1.1\r\n${H}X: 1\r\n\r\n` },
  { n: 'strict-mhc-unset-1001', view: 1, strict: 1, splits: 64, in: `GET / HTTP/1.1\r\n${xlines(1000)}Host: a\r\n\r\n` },
  { n: 'strict-mhc-unset-1000', view: 1, splits: 64, in: `GET / HTTP/1.1\r\n${xlines(999)}Host: a\r\n\r\n` },
  { n: 'strict-mhc-0-1001', view: 1, mhc: 0, splits: 64, in: `GET / HTTP/1.1\r\n${xlines(1000)}Host: a\r\n\r\n` },
  { n: 'strict-mhc-res-4-max-3', res: 1, view: 1, mhc: 3, strict: 1, in: `${RES}A: 1\r\nB: 2\r\nC: 3\r\nContent-Length: 0\r\n\r\n` },
  { n: 'strict-mhc-trailers-not-counted', view: 1, mhc: 2, in: `${TE}0\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n` });

module.exports = { request, headers, chunked, response, limits, lenient, errors };
