"""The differential conformance suite: h1 parse against the real Node (harness/oracle).

For every corpus case (corpus/cases/*/*.json) and every check of h1conf.plan_checks():
node profile == oracle byte for byte, --chunk 1/2/3/7 and a random split == oracle, the strict
profile's order (differences only from strict-differences.json), --insecure == Node with
insecureHTTPParser, and the sidecar still matching the oracle. A failure prints the input bytes
escaped, both outputs and the commands that reproduce it.
"""

import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import h1conf  # noqa: E402

CASES = h1conf.load_cases()
PARAMS = [pytest.param(c.id, chk, id='%s-%s' % (c.id, chk)) for c in CASES for chk in h1conf.plan_checks(c)]


def test_corpus_ids_unique():
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), 'duplicate case ids'


def test_strict_differences_name_known_cases_and_rules():
    rules, decided = h1conf.load_strict_differences()
    ids = {c.id for c in CASES}
    assert all(r.get('reason') and r.get('code') for r in rules.values())
    assert set(decided) <= ids, 'strict-differences.json lists unknown cases: %s' % sorted(set(decided) - ids)[:10]
    assert set(decided.values()) <= set(rules), 'strict-differences.json uses unknown rules'


@pytest.mark.parametrize('case_id,check', PARAMS)
def test_case(corpus_results, case_id, check):
    rec = corpus_results[(case_id, check)]
    if not rec['ok']:
        pytest.fail(h1conf.format_disagreement(rec), pytrace=False)


def test_random_split_batch_splits_each_input_as_alone():
    """h1conf runs the random-split check in `--each` batches with H1_SPLIT_SEEDS: each input
    must get exactly the pieces that its reproduce command (H1_SPLIT_SEED, alone) gives it."""
    split = h1conf.build_split_driver()
    cases = [c for c in CASES if not c.options and len(c.data) > 40][:5]
    assert len(cases) == 5
    seeds = [str(h1conf.case_seed(c.id)) for c in cases]

    def trace(argv, **env):
        p = subprocess.run(argv, capture_output=True, timeout=60,
                           env=dict(os.environ, H1_SPLIT_TRACE='1', **env))
        lines = [l for l in p.stderr.decode().splitlines() if l.startswith('split ')]
        return p.stdout, lines

    alone = [trace([split, 'parse', c.file], H1_SPLIT_SEED=s) for c, s in zip(cases, seeds)]
    out, lines = trace([split, 'parse', '--each'] + [c.file for c in cases], H1_SPLIT_SEEDS=','.join(seeds))
    assert out == b''.join(a[0] for a in alone)
    assert lines == [l for a in alone for l in a[1]]
    # the pieces differ from input to input: the seeds matter
    assert len({tuple(a[1]) for a in alone}) == 5
