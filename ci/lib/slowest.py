#!/usr/bin/python3
"""ci/lib/slowest.py BUILD_DIR [N] -- the N slowest tests of the last ctest run
in BUILD_DIR, each with its timeout and the fraction of it used.

ci/test prints this after each ctest stage so that a log shows how far every
test is from its timeout (the house rule: no test above a third of it, on a
machine shared with another job).  A report, not a check: a loaded machine
must not turn it red.
"""
import os
import re
import sys


def main():
    build = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    log = os.path.join(build, 'Testing', 'Temporary', 'LastTest.log')
    if not os.path.exists(log):
        print('slowest: no %s' % log)
        return 0
    times = {}
    name = None
    with open(log, errors='replace') as f:
        for line in f:
            m = re.match(r'^\d+/\d+ Test: (\S+)', line)
            if m:
                name = m.group(1)
                continue
            m = re.match(r'^Test time = +([0-9.]+) sec', line)
            if m and name:
                times[name] = float(m.group(1))
                name = None
    # Timeouts from the CTestTestfile.cmake files (`ctest --show-only` would
    # overwrite LastTest.log).
    timeout = {}
    for d, _, files in os.walk(build):
        if 'CTestTestfile.cmake' in files:
            with open(os.path.join(d, 'CTestTestfile.cmake'), errors='replace') as f:
                for line in f:
                    m = re.match(r'set_tests_properties\(\[=\[(.+?)\]=\] PROPERTIES .*\bTIMEOUT "([0-9.]+)"', line)
                    if m:
                        timeout[m.group(1)] = float(m.group(2))
    default = 1500.0  # ctest's default when a test sets none
    rows = sorted(times.items(), key=lambda kv: -kv[1])[:n]
    worst = max([secs / timeout.get(name, default) for name, secs in times.items()] or [0.0])
    for name, secs in rows:
        limit = timeout.get(name, default)
        print('  %-34s %7.1f s of %5.0f s (%4.1f%%)' % (name, secs, limit, 100.0 * secs / limit))
    print('  slowest test used %.1f%% of its timeout; %d tests, %.0f s in all' %
          (100.0 * worst, len(times), sum(times.values())))
    return 0


if __name__ == '__main__':
    sys.exit(main())
