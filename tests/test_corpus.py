"""The evaluation gate: real reports with their true values (tests/data/corpus).

No value may be reported as certain and be wrong, on any case; the format and year must be right;
and each case's coverage may not fall below its floor in tests/data/corpus_floors.json (floors only
rise: regenerate them with ``python -m tests.corpus_score --floors`` after an improvement).
"""

from __future__ import annotations

import json

import pytest

from .corpus_score import FLOORS, cases, score_case

FLOOR = json.loads(FLOORS.read_text(encoding="utf-8"))


def _score(name):
    if name.endswith(".pdf"):
        pytest.importorskip("pypdfium2", reason='PDF cases need the extra: pip install -e ".[test,pdf]"')
    return score_case(name)


@pytest.mark.parametrize("name", cases())
def test_no_wrong_certain_value(name):
    r = _score(name)
    assert not r["wrong"], "\n".join(f"{k}: truth {t!r}, got {g!r}" for k, t, g in r["wrong"])


@pytest.mark.parametrize("name", cases())
def test_format_and_year(name):
    r = _score(name)
    assert r["format_ok"] and r["year_ok"]


@pytest.mark.parametrize("name", cases())
def test_coverage_floor(name):
    r = _score(name)
    assert r["covered"] >= FLOOR.get(name, 0), f"coverage {r['covered']} fell below the floor {FLOOR[name]}"
