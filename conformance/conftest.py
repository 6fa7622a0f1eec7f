"""pytest wiring for the conformance suite (conformance/test_corpus.py).

Every corpus case is run once per check (see h1conf.py) in one batch per session, before the
first test needs it; the tests then only look their record up. Options:

  --results-jsonl PATH   where to write the full results (JSON Lines, one record per run and a
                         summary record at the end); default $TMPDIR/h1-conformance/results.jsonl
                         (env H1_CONFORMANCE_RESULTS also sets it)

Environment: H1_BIN (the CLI, default build/gcc/harness/h1), NODE, H1_CONFORMANCE_JOBS,
H1_SPLIT_SEED_BASE (seed of the random splits, default 1).
"""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import h1conf  # noqa: E402

_state = {'records': None, 'error': None, 'wanted': None}


def pytest_addoption(parser):
    parser.addoption('--results-jsonl', default=None, help='write the conformance results here (JSON Lines)')


def pytest_collection_finish(session):
    items = session.items
    _state['wanted'] = {item.callspec.params['case_id'] for item in items
                        if hasattr(item, 'callspec') and 'case_id' in item.callspec.params}


def _results_path(config):
    return (config.getoption('--results-jsonl') or os.environ.get('H1_CONFORMANCE_RESULTS') or
            os.path.join(h1conf.CACHE, 'results.jsonl'))


@pytest.fixture(scope='session')
def corpus_results():
    if _state['records'] is None and _state['error'] is None:
        wanted = _state['wanted']
        cases = [c for c in h1conf.load_cases() if wanted is None or c.id in wanted]
        try:
            _state['records'] = h1conf.run_corpus(cases)
        except RuntimeError as e:
            _state['error'] = str(e)
    if _state['error']:
        pytest.fail('conformance setup failed: %s' % _state['error'], pytrace=False)
    return {(r['case'], r['check']): r for r in _state['records']}


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    records = _state['records']
    if not records:
        return
    summary = h1conf.summarize(records)
    path = _results_path(config)
    h1conf.write_jsonl(path, records, summary)
    tr = terminalreporter
    tr.section('h1 conformance (node oracle)')
    tr.write_line(h1conf.format_table(summary))
    tr.write_line('results: %s' % path)
    tr.write_line('%d passed, %d failed' % (summary['passed'], summary['failed']))
