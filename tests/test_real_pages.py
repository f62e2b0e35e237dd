"""Real crawled report pages (issue 13): a page as a site serves it, chrome and Word markup included,
read at its grid positions. Each page's truth is the committed truth of the same report in the corpus
(``tests/data/corpus/*.truth.json``), copied beside the page; provenance in ``tests/data/README.md``.

Where that truth is partial (a table the scraped text could not split), the values of the omitted
cells are written here as read off the page's own cells (``read_off``), so that every certain value
of every page is checked."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from zhgov_report import InputKind, flatten, parse
from zhgov_report.models import Report, ValueKind

from .corpus_score import _num, same

DATA = Path(__file__).parent / "data"
#: A cell's text as the page writes it: a number, a change's sign (``+17``), a unit (``6805947.43元``, ``1个``).
_CELL_TEXT = re.compile(r"([+-]?\d+(?:\.\d+)?)(?:元|万元|个|件|项|条)?")
#: Word splits a number over runs (``10</span><span …>037``): the cell's span covers the runs.
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class RealPage:
    """One crawled page, byte for byte, and the corpus truth of the same report."""

    name: str
    truth: str
    chars: int
    url: str
    format: str
    year: int
    agency: str
    read_off: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return DATA / "html" / f"{self.name}.html"

    def markup(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def truth_values(self) -> dict[str, object]:
        values: dict[str, object] = json.loads((DATA / "corpus" / f"{self.truth}.truth.json")
                                               .read_text(encoding="utf-8"))["values"]
        return values

    def expected(self) -> dict[str, object]:
        return {**self.truth_values(), **self.read_off}


_2024_TABLE_2 = {
    "active.regulations.made": "0", "active.regulations.repealed": "0", "active.regulations.in_force": "0",
    "active.normative_documents.made": "62", "active.normative_documents.repealed": "33",
    "active.normative_documents.in_force": "440", "active.licensing.decisions": "4529",
    "active.punishment.decisions": "1100", "active.coercion.decisions": "65", "active.fees.amount": "18651.06",
}
_2025_TABLE_2 = {
    "active.regulations.made": "0", "active.regulations.repealed": "0", "active.regulations.in_force": "0",
    "active.normative_documents.made": "58", "active.normative_documents.repealed": "45",
    "active.normative_documents.in_force": "546", "active.licensing.decisions": "2418",
    "active.punishment.decisions": "644", "active.coercion.decisions": "64", "active.fees.amount": "4166.241619",
}
_2023_TABLE_2 = {
    "active.regulations.made": "0", "active.regulations.repealed": "0", "active.regulations.in_force": "0",
    "active.normative_documents.made": "77", "active.normative_documents.repealed": "132",
    "active.normative_documents.in_force": "470", "active.licensing.decisions": "2629",
    "active.punishment.decisions": "1330", "active.coercion.decisions": "54", "active.fees.amount": "5949.088667",
}
_2019_TABLE_2 = {
    "active.regulations.new_made": "0", "active.regulations.new_published": "0",
    "active.regulations.total_published": "0", "active.normative_documents.new_made": "89",
    "active.normative_documents.new_published": "89", "active.normative_documents.total_published": "89",
    "active.licensing.prior_year_items": "396", "active.licensing.change": "0", "active.licensing.decisions": "181",
    "active.other_services.prior_year_items": "10", "active.other_services.change": "0",
    "active.other_services.decisions": "153", "active.punishment.prior_year_items": "2648",
    "active.punishment.change": "0", "active.punishment.decisions": "430",
    "active.coercion.prior_year_items": "126", "active.coercion.change": "0", "active.coercion.decisions": "25",
    "active.fees.prior_year_items": "35", "active.fees.change": "0", "active.procurement.projects": "135",
    "active.procurement.amount": "75394432.52",
}
PAGES = [
    RealPage("pingtan_scjgj_2019_page", "html-002.asis", 235047,
             "https://www.pingtan.gov.cn/zwgk/zxwj/bmwj/202001/t20200113_19209.htm", "form2019", 2019,
             "平潭综合实验区市场监督管理局"),
    RealPage("pingtan_lwt_2019_page", "html-006.asis", 157775,
             "https://www.pingtan.gov.cn/zwgk/zxwj/bmwj/202001/t20200106_19090.htm", "form2019", 2019,
             "平潭综合实验区旅游与文化体育局"),
    RealPage("pingtan_zfxxgknb_2025_page", "raw-013.asis", 102443,
             "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202603/t20260313_105587.htm", "form2021", 2025,
             "平潭综合实验区", _2025_TABLE_2),
    RealPage("pingtan_zfxxgknb_2024_page", "raw-012.asis", 100705,
             "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm", "form2021", 2024,
             "平潭综合实验区", _2024_TABLE_2),
    RealPage("pingtan_zfxxgknb_2023_page", "raw-011.asis", 109847,
             "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202403/t20240308_87885.htm", "form2021", 2023,
             "平潭综合实验区", _2023_TABLE_2),
    RealPage("pingtan_zfxxgknb_2019_page", "raw-008.asis", 207669,
             "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202001/t20200120_80576.htm", "form2019", 2019,
             "平潭综合实验区", _2019_TABLE_2),
    RealPage("pingtan_zfxxgknb_2017_page", "raw-004.asis", 179037,
             "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/201801/t20180123_80506.htm", "pre2019", 2017,
             "平潭综合实验区"),
]
_IDS = [p.name for p in PAGES]


@pytest.fixture(scope="module", params=[(p, kind) for p in PAGES for kind in ("str", "bytes")],
                ids=[f"{p.name}-{kind}" for p in PAGES for kind in ("str", "bytes")])
def read(request: pytest.FixtureRequest) -> tuple[RealPage, Report]:
    page, kind = request.param
    markup = page.markup()
    return page, parse(markup if kind == "str" else markup.encode("utf-8"))


@pytest.mark.parametrize("page", PAGES, ids=_IDS)
def test_the_page_is_the_crawled_copy(page: RealPage) -> None:
    markup = page.markup()
    assert len(markup) == page.chars
    assert f'content="{page.url}"' in markup
    # test_html.py reads every page with the truth beside it: that copy is the corpus's truth, unchanged
    beside = page.path.with_suffix(".truth.json").read_text(encoding="utf-8")
    assert beside == (DATA / "corpus" / f"{page.truth}.truth.json").read_text(encoding="utf-8")


def test_meta_of_the_real_page(read: tuple[RealPage, Report]) -> None:
    page, report = read
    assert report.format.value == page.format
    assert report.meta.year == page.year
    assert report.meta.agency == page.agency
    assert report.meta.input is InputKind.HTML


def test_no_certain_value_is_wrong(read: tuple[RealPage, Report]) -> None:
    page, report = read
    expected = page.expected()
    certain = flatten(report)
    wrong = {k: (expected.get(k, "absent"), v) for k, v in certain.items()
             if not k.startswith(("meta.", "narrative.")) and (k not in expected or not same(expected[k], v))}
    assert wrong == {}


def test_every_non_blank_value_is_read(read: tuple[RealPage, Report]) -> None:
    page, report = read
    certain = flatten(report)
    missing = {k: v for k, v in page.expected().items() if _num(v) is not None and k not in certain}
    assert missing == {}


@pytest.mark.parametrize("page", PAGES, ids=_IDS)
def test_certain_cells_point_at_their_number_in_the_markup(page: RealPage) -> None:
    markup = page.markup()
    report = parse(markup)
    cells = [c for t in report.tables for c in t.cells if c.certain and not c.placed
             and c.value.kind is ValueKind.NUMBER]
    assert len(cells) == len(page.expected())
    for cell in cells:
        assert cell.span is not None, cell.key
        found = _CELL_TEXT.fullmatch(_TAG.sub("", markup[cell.span.start:cell.span.end]))
        assert found is not None and _num(found.group(1)) == cell.value.number, cell.key


def test_a_number_word_splits_over_runs_is_one_value() -> None:
    """The 2017 sheet writes 历年累计 10037 as ``10</span><span …>037``: one cell, one number."""
    report = parse(next(p for p in PAGES if p.name == "pingtan_zfxxgknb_2017_page").markup())
    cell = report.cell("sheet_cumulative.proactive_total")
    assert cell is not None and cell.certain and cell.value.number == 10037


#: the captions of the widgets a CMS puts around the article (QR code, attachments, related links),
#: each a line of its own: never report text
_WIDGETS = ("扫一扫在手机上查看当前页面", "附件下载", "相关链接", "政策文件")


@pytest.mark.parametrize("page", PAGES, ids=_IDS)
def test_no_section_ends_with_the_pages_widgets(page: RealPage) -> None:
    report = parse(page.markup())
    assert report.sections and report.sections[0].key == "overview"
    leaked = {s.heading: line for s in report.sections for line in s.text.split("\n")
              if line.strip() in _WIDGETS}
    assert leaked == {}
