"""Real tables of both post-2019 templates, in every rendering of INPUT.md.

The values are the true values of fully written real reports of the evaluation corpus (tests/data/
corpus, non-partial form2019 and form2021 cases). Each table is rendered through the scraper's pipe
form (INPUT.md §1, as tests/strategies/grid.py reproduces the crawler), markdown, tab- and
space-separated text, with every cell written and then with its zero cells left blank as many agencies
publish them, and parsed back.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from zhgov_report import flatten, parse

from .strategies.render import Style, render
from .strategies.reports import GenReport
from .strategies.truth import same, written_truth

CORPUS = __import__("pathlib").Path(__file__).parent / "data" / "corpus"
CASES = ["html-002", "html-006", "html-007", "raw-002", "raw-006", "raw-007", "raw-010"]
SHAPES = ["pipe", "markdown", "tab", "space"]


def real(name: str) -> GenReport:
    truth = json.loads((CORPUS / f"{name}.scraped.truth.json").read_text(encoding="utf-8"))
    assert not truth["partial"]
    values = {k: (Decimal(v) if isinstance(v, str) else v) for k, v in truth["values"].items()}
    return GenReport(truth["format"], values, year=truth["year"], agency=truth["agency"])


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("name", CASES)
def test_fully_written_real_table_is_read_exactly(name, shape):
    gen = real(name)
    report = parse(render(gen, Style(shape=shape)).text)
    assert report.format.value == gen.form
    flat = flatten(report)
    for key, value in gen.values.items():
        assert key in flat and same(value, flat[key]), (key, value, flat.get(key))
    assert all(c.certain for t in report.tables for c in t.cells)


@pytest.mark.parametrize("shape", ["pipe", "space"])
@pytest.mark.parametrize("name", CASES)
def test_real_table_with_zeros_blank_is_never_wrong(name, shape):
    gen = real(name)
    zeros = [k for k, v in gen.values.items() if v == 0 and not k.startswith("active.")]
    blanked = gen.with_blank(zeros)
    report = parse(render(blanked, Style(shape=shape)).text)
    certain = flatten(report)
    guess = flatten(report, uncertain=True)
    for key, value in written_truth(blanked).items():  # a blanked cell's truth is None
        if key in certain:
            assert same(value, certain[key]), (key, value, certain[key])
        elif value:
            cell = report.cell(key)
            assert cell is not None and not cell.certain, key  # a non-zero value is never dropped silently
            assert key in guess
    # the totals column is proven by A2 in every row that has a value
    for key, value in gen.values.items():
        if key.startswith("requests.") and key.endswith(".total") and value:
            assert certain.get(key) == value, key
