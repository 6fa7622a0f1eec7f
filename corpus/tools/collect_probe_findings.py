#!/usr/bin/env python3
"""collect_probe_findings.py: merges the minimized cases of several `h1 probe --fuzz` runs.

  collect_probe_findings.py OUT_DIR RUN_DIR...

Each RUN_DIR holds probe-fuzz-K.http / .json pairs (`--fuzz-out`). For every difference
(`class a b what` in the sidecar) the shortest input is kept and written to OUT_DIR as
<class>--<a>--<b>[--<what>].http/.json (the sidecar as the fuzzer wrote it, with the run it came
from); a README.md lists them by class. Existing files in OUT_DIR for the same difference are
replaced only by a shorter input.
"""
import glob
import json
import os
import re
import sys


def slug(key):
    return re.sub(r'[^A-Za-z0-9.-]+', '--', key.strip()).strip('-')


def main():
    out, runs = sys.argv[1], sys.argv[2:]
    best = {}
    for d in [out] + runs:
        for side_path in sorted(glob.glob(os.path.join(d, '*.json'))):
            with open(side_path, encoding='utf-8') as f:
                side = json.load(f)
            with open(side_path[:-5] + '.http', 'rb') as f:
                data = f.read()
            key = side['difference']
            if d != out:
                side['run'] = os.path.basename(os.path.normpath(d))
            if key not in best or len(data) < len(best[key][0]):
                best[key] = (data, side)
    os.makedirs(out, exist_ok=True)
    lines = ['# Differences found by `h1 probe --fuzz`', '',
             'Minimized inputs (delta debugging over the bytes) and every target\'s answer, one',
             'per difference `class a b what` (b `node` is Node\'s reading through h1\'s engine).',
             'Each input was sent followed by the control request (GET /?h1-probe-control), on',
             'one connection, then a half-close. Written by corpus/tools/collect_probe_findings.py;',
             'not Node expectations.', '',
             '| difference | bytes | input |', '|---|---|---|']
    for key in sorted(best):
        data, side = best[key]
        name = slug(key)
        side['id'] = name
        with open(os.path.join(out, name + '.http'), 'wb') as f:
            f.write(data)
        with open(os.path.join(out, name + '.json'), 'w', encoding='utf-8') as f:
            json.dump(side, f, indent=2, ensure_ascii=False)
            f.write('\n')
        shown = repr(data[:60])[2:-1].replace('|', '\\|')
        lines.append(f'| `{key.strip()}` | {len(data)} | `{shown}` |')
    for stale in glob.glob(os.path.join(out, 'probe-fuzz-*')):
        os.remove(stale)
    with open(os.path.join(out, 'README.md'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')
    print(f'collect_probe_findings: {len(best)} differences in {out}')


if __name__ == '__main__':
    main()
