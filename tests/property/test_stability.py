"""Determinism and stability: the same input gives the same result, and results survive pickling
and the JSON round trip (to_dict/from_dict) unchanged, source positions included."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from zhgov_report import flatten, from_dict, parse, to_dict

from ..strategies import examples
from ..strategies.forms import any_reports
from ..strategies.render import render, styles
from ..strategies.truth import parse_in_time


@st.composite
def rendered_texts(draw: st.DrawFn) -> str:
    """A rendering of a consistent report in any shape, with zero cells blank or written (small
    and medium reports: large ones with blanks only test the search bound again)."""
    report = draw(any_reports(densities=("small", "medium")))
    if draw(st.booleans()):
        report = report.with_blank(k for k, v in report.values.items() if v == 0)
    style = draw(styles(report.form))
    return render(report, style).text


def _spans(report) -> list:
    """Every source position of a result, which equality ignores."""
    out = [d.span for d in report.diagnostics]
    out += [(c.key, c.span) for t in report.tables for c in t.cells]
    out += [(r.key, r.span) for t in report.tables for r in t.rows]
    out += [s.span for s in report.sections]
    return out


@settings(max_examples=examples(25))
@given(text=rendered_texts())
def test_parsing_twice_gives_equal_results(text):
    a = parse_in_time(text)
    b = parse(text)
    assert a == b
    assert _spans(a) == _spans(b)
    assert flatten(a) == flatten(b)
    assert flatten(a, uncertain=True) == flatten(b, uncertain=True)
    assert [d.message for d in a.diagnostics] == [d.message for d in b.diagnostics]


@settings(max_examples=examples(25))
@given(text=rendered_texts())
def test_results_pickle_unchanged(text):
    report = parse_in_time(text)
    back = pickle.loads(pickle.dumps(report))
    assert back == report
    assert hash(back) == hash(report)
    assert _spans(back) == _spans(report)


@settings(max_examples=examples(25))
@given(text=rendered_texts())
def test_to_dict_from_dict_round_trip_through_json(text):
    report = parse_in_time(text)
    data = to_dict(report)
    wire = json.loads(json.dumps(data, ensure_ascii=False))
    back = from_dict(wire)
    assert back == report
    assert _spans(back) == _spans(report)
    assert to_dict(back) == data
    assert flatten(back, uncertain=True) == flatten(report, uncertain=True)


_CHILD = """
import json, sys
from zhgov_report import parse, to_dict
text = sys.stdin.read()
sys.stdout.write(json.dumps(to_dict(parse(text)), ensure_ascii=False, sort_keys=True))
"""


@settings(max_examples=examples(4))
@given(text=rendered_texts(), hash_seed=st.integers(0, 2**32 - 1))
def test_results_do_not_depend_on_the_hash_seed(text, hash_seed):
    """Set and dict iteration orders vary with PYTHONHASHSEED between processes; a result built
    from them (candidate order, alternatives, diagnostics order) would differ between runs."""
    here = json.dumps(to_dict(parse_in_time(text)), ensure_ascii=False, sort_keys=True)
    env = {**os.environ, "PYTHONHASHSEED": str(hash_seed)}
    child = subprocess.run([sys.executable, "-c", _CHILD], input=text, capture_output=True, text=True,
                           env=env, timeout=300, check=True, encoding="utf-8")
    assert child.stdout == here
