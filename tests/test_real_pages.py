"""Real crawled report pages (issue 13): a page as a site serves it, chrome and Word markup included,
read at its grid positions. The truth is the committed truth of the same report in the corpus
(``tests/data/corpus/html-002.asis.truth.json``); provenance in ``tests/data/README.md``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from zhgov_report import InputKind, flatten, parse
from zhgov_report.models import Report, ValueKind

from .corpus_score import _num, same

DATA = Path(__file__).parent / "data"
PAGE = DATA / "html" / "pingtan_scjgj_2019_page.html"
TRUTH = DATA / "corpus" / "html-002.asis.truth.json"
#: A cell's text as the page writes it: a number, a change's sign (``+17``), a unit (``6805947.43元``).
_CELL_TEXT = re.compile(r"([+-]?\d+(?:\.\d+)?)(?:元|万元)?")


def _markup() -> str:
    return PAGE.read_text(encoding="utf-8")


def _truth() -> dict[str, object]:
    values: dict[str, object] = json.loads(TRUTH.read_text(encoding="utf-8"))["values"]
    return values


@pytest.fixture(scope="module", params=["str", "bytes"])
def report(request: pytest.FixtureRequest) -> Report:
    markup = _markup()
    return parse(markup if request.param == "str" else markup.encode("utf-8"))


def test_the_page_is_the_crawled_copy() -> None:
    markup = _markup()
    assert len(markup) == 235047
    assert 'content="https://www.pingtan.gov.cn/zwgk/zxwj/bmwj/202001/t20200113_19209.htm"' in markup
    # test_html.py reads every page with the truth beside it: that copy is the corpus's truth, unchanged
    assert PAGE.with_suffix(".truth.json").read_text(encoding="utf-8") == TRUTH.read_text(encoding="utf-8")


def test_meta_of_the_real_page(report: Report) -> None:
    assert report.format.value == "form2019"
    assert report.meta.year == 2019
    assert "平潭综合实验区市场监督管理局" in (report.meta.agency or "")
    assert report.meta.input is InputKind.HTML


def test_no_certain_value_is_wrong(report: Report) -> None:
    truth = _truth()
    certain = flatten(report)
    wrong = {k: (truth.get(k, "absent"), v) for k, v in certain.items()
             if not k.startswith(("meta.", "narrative.")) and (k not in truth or not same(truth[k], v))}
    assert wrong == {}


def test_every_non_blank_truth_value_is_read(report: Report) -> None:
    certain = flatten(report)
    missing = {k: v for k, v in _truth().items() if _num(v) is not None and k not in certain}
    assert missing == {}


def test_certain_cells_point_at_their_number_in_the_markup() -> None:
    markup = _markup()
    report = parse(markup)
    cells = [c for t in report.tables for c in t.cells if c.certain and not c.placed
             and c.value.kind is ValueKind.NUMBER]
    assert len(cells) == len(_truth())
    for cell in cells:
        assert cell.span is not None, cell.key
        found = _CELL_TEXT.fullmatch(markup[cell.span.start:cell.span.end])
        assert found is not None and _num(found.group(1)) == cell.value.number, cell.key
