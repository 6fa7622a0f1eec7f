#!/usr/bin/env python3
"""Writes the fuzz seeds corpus/fuzz/<target>/case-<id> from the conformance
corpus (corpus/cases/**.http and their sidecars).

Each seed is the option bytes of fuzz/fz.h (mode, profile, join, request
method, leniency flags, max_header_size, maxHeadersCount) taken from the
sidecar, then what the target takes next, then the case's bytes.  Keep this
in step with fuzz/fz.h.

    /usr/bin/python3 corpus/fuzz/tools/make_seeds.py [--out DIR] [TARGET...]

writes DIR/<target>/case-<id>[-variant] (DIR defaults to build/seeds).  These
raw seeds are many and large; `ci/fuzz --seed` merges them into
corpus/fuzz/<target> keeping only those that add coverage (libFuzzer
-merge=1), which is what is committed.
"""
import json
import os
import pathlib
import struct
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]
CASES = ROOT / "corpus" / "cases"
OUT = ROOT / "build" / "seeds"

# h1_method order in core/include/h1/h1.h (H1_METHOD_NONE is 0).
METHODS = [
    "ACL", "BIND", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET", "HEAD",
    "LINK", "LOCK", "M-SEARCH", "MERGE", "MKACTIVITY", "MKCALENDAR", "MKCOL",
    "MOVE", "NOTIFY", "OPTIONS", "PATCH", "POST", "PROPFIND", "PROPPATCH",
    "PURGE", "PUT", "QUERY", "REBIND", "REPORT", "SEARCH", "SOURCE",
    "SUBSCRIBE", "TRACE", "UNBIND", "UNLINK", "UNLOCK", "UNSUBSCRIBE", "PRI",
    "DESCRIBE", "ANNOUNCE", "SETUP", "PLAY", "PAUSE", "TEARDOWN",
    "GET_PARAMETER", "SET_PARAMETER", "REDIRECT", "RECORD", "FLUSH",
]
LENIENT_ALL = (1 << 10) - 1
# llhttp 8.1.0 has the first four leniencies only (fuzz/llhttp_versions.h)
LENIENT_V8 = 0x0F

TARGETS = [
    "parse", "split", "profiles", "differential", "simd", "roundtrip", "twin",
    "conn",
]

# roundtrip builds messages with the writer (fuzz/fuzz_roundtrip.c): a few
# hand-made starting points instead of wire bytes.
ROUNDTRIP = {
    "res-plain": b"\x00\x00\x02Content-Type\xfftext/plain\xffX-A\xff  b c \xffhello\xffworld",
    "res-head-cl": b"\x02\x00\x01Content-Length\xff3\xffabc",
    "res-http10": b"\x04\x00\x00abc",
    "res-204": b"\x00\x04\x00",
    "res-chunked-te": b"\x00\x00\x01Transfer-Encoding\xffchunked\xffab\xffcd",
    "res-set-cookie": b"\x00\x00\x02Set-Cookie\xffa=1\xffSet-Cookie\xffb=2\xffx",
    "req-get": b"\x01\x06\x01/p?q\xffAccept\xff*/*\xff",
    "req-post": b"\x01\x13\x01/up\xffContent-Length\xff4\xffbody",
    "req-upgrade": b"\x01\x06\x02/\xffConnection\xffupgrade\xffUpgrade\xffws\xff",
    "req-expect": b"\x01\x17\x01/\xffExpect\xff100-continue\xffdata",
}


def option_bytes(meta, strict=False, piece_shift=0, lenient_mask=LENIENT_ALL):
    opts = meta.get("options") or {}
    b0 = 0
    if meta.get("mode") == "response":
        b0 |= 1
    if strict:
        b0 |= 2
    if opts.get("join_duplicate_headers"):
        b0 |= 4
    b0 |= (piece_shift & 15) << 4
    method = 0
    if meta.get("mode") == "response" and meta.get("method"):
        method = METHODS.index(meta["method"]) + 1
    lenient = (LENIENT_ALL if opts.get("insecure") else 0) & lenient_mask
    mhs = opts.get("max_header_size", 0)
    mhs = 0xFFFF if mhs > 0xFFFE else mhs
    mhc = opts.get("max_headers_count")
    mhc = 0 if mhc is None else mhc + 1
    return struct.pack("<BBHHH", b0, method, lenient, mhs, min(mhc, 0xFFFF))


def seeds_for(target, meta, data):
    """(suffix, bytes) pairs for one case."""
    if target == "parse":
        yield "", option_bytes(meta) + data
        if len(data) > 8:
            yield "-p3", option_bytes(meta, piece_shift=3) + data
    elif target in ("split", "twin"):
        # three cuts spread over the input
        n = len(data)
        gaps = [max(0, min(255, n // 4 - 1))] * 3
        yield "", option_bytes(meta) + bytes([3] + gaps) + data
    elif target == "profiles":
        yield "", option_bytes(meta) + data
    elif target == "simd":
        yield "", data
    elif target == "differential":
        yield "", option_bytes(meta, lenient_mask=LENIENT_V8) + data
    elif target == "conn":
        # fuzz/fuzz_conn.c: read size, EOF, answer at the end of each request,
        # then listeners; whole reads with EOF, and 8-byte reads with the
        # checkContinue / upgrade / connect listeners and a 1 s clock step
        yield "", option_bytes(meta) + bytes([0x1D, 0x00]) + data
        if len(data) > 8:
            yield "-p8", option_bytes(meta) + bytes([0x93, 0x0D]) + data


def main():
    args = sys.argv[1:]
    out = OUT
    if args[:1] == ["--out"]:
        out = pathlib.Path(args[1]).resolve()
        args = args[2:]
    targets = args or TARGETS
    cases = sorted(CASES.rglob("*.http"))
    for t in targets:
        d = out / t
        d.mkdir(parents=True, exist_ok=True)
        for old in d.glob("case-*"):
            old.unlink()
        n = 0
        if t == "roundtrip":
            for name, seed in ROUNDTRIP.items():
                (d / f"case-{name}").write_bytes(seed)
                n += 1
            print(f"{t}: {n} seeds in {d}")
            continue
        for http in cases:
            meta = json.loads(http.with_suffix(".json").read_text())
            data = http.read_bytes()
            for suffix, seed in seeds_for(t, meta, data):
                (d / f"case-{meta['id']}{suffix}").write_bytes(seed)
                n += 1
        print(f"{t}: {n} seeds in {d}")


if __name__ == "__main__":
    main()
