"""Results you can look at: one-line reprs, report.table()'s edges, and the HTML grid notebooks show."""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from zhgov_report import Check, CheckStatus, Report, Table, ValueKind, parse
from zhgov_report.models import TABLE_IDS
from zhgov_report.templates import TEMPLATES

from .conftest import SEEDS

DATA = Path(__file__).resolve().parent / "data"
FILES = [*sorted(SEEDS.glob("*.txt")), DATA / "series" / "pingtan_2024_asis.txt",
         DATA / "sheets" / "pingtan_jgw_2017_not_applicable.txt", DATA / "sheets" / "pingtan_2014_spaces_inline.txt"]


@cache
def report(name: str) -> Report:
    return parse(next(p for p in FILES if p.name == name).read_bytes())


NAMES = [p.name for p in FILES]


# --- repr ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_every_repr_is_one_short_line(name: str) -> None:
    r = report(name)
    objects: list[object] = [r, *r.tables, *r.checks, *r.diagnostics]
    for t in r.tables:
        objects += [*t.rows, *t.cells]
    for obj in objects:
        text = repr(obj)
        assert "\n" not in text and len(text) < 400, text
        assert text.startswith(f"<{type(obj).__name__} ")
    for s in r.sections:
        if len(s.text) > 40:
            assert s.text not in repr(r)


def test_reprs_say_what_matters() -> None:
    r = report("001_4c838dddf2b6ea41.txt")
    assert repr(r).startswith("<Report form2019 2019 大溪镇: tables active,requests,appeals, ")
    requests = r.table("requests")
    assert requests is not None
    assert repr(requests).startswith("<Table requests (form2019): ")
    row = requests.row("new_received")
    assert row is not None
    assert repr(row).endswith("| 2>") and "?" in repr(row)
    total = requests.cell("requests.new_received.total")
    assert repr(total) == "<Cell requests.new_received.total = 2>"
    guess = requests.cell("requests.new_received.natural_person")
    assert guess is not None and repr(guess).endswith("(uncertain)>")
    check = Check("A1.total", "A1", "", (), CheckStatus.FAIL, left=3, right=4)
    assert repr(check) == "<Check A1.total fail: 3 = 4>"
    na = report("pingtan_jgw_2017_not_applicable.txt").cell("sheet.requests_received")
    assert repr(na) == "<Cell sheet.requests_received = n/a>"


# --- report.table() -----------------------------------------------------------------------------------


def test_table_of_an_unknown_name_raises_naming_the_tables() -> None:
    r = report("001_4c838dddf2b6ea41.txt")
    with pytest.raises(KeyError) as e:
        r.table("request")
    for name in TABLE_IDS:
        assert repr(name) in str(e.value)


def test_table_is_none_only_for_a_known_table_the_report_lacks() -> None:
    images = report("000_7a845bd0db0f28b8.txt")  # tables published as images
    assert images.table("requests") is None
    sheet = report("004_2aac1ed35d1f69d0.txt")
    assert sheet.table("requests") is None and sheet.table("sheet") is not None


# --- HTML ---------------------------------------------------------------------------------------------


class Grid(HTMLParser):
    """The tables of an HTML fragment: per table, its rows of (tag, attrs, text) cells; checks nesting."""

    VOID = frozenset({"br", "meta"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tables: list[list[list[tuple[str, dict[str, str], str]]]] = []
        self.items: list[str] = []
        self._cell: tuple[str, dict[str, str]] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        self.stack.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell, self._text = (tag, {k: v or "" for k, v in attributes}), ""
        elif tag == "li":
            self._text = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append((*self._cell, self._text))
            self._cell = None
        elif tag == "li":
            self.items.append(self._text)

    def handle_data(self, data: str) -> None:
        self._text += data


def grid(html: str) -> Grid:
    g = Grid()
    g.feed(html)
    g.close()
    assert not g.stack, "every tag is closed"
    return g


def values(table: list[list[tuple[str, dict[str, str], str]]]) -> list[tuple[dict[str, str], str]]:
    return [(a, text) for row in table for tag, a, text in row if tag == "td" and "n" in a.get("class", "").split()]


@pytest.mark.parametrize("name", NAMES)
def test_each_table_is_drawn_with_one_td_per_cell(name: str) -> None:
    r = report(name)
    g = grid(r._repr_html_())
    assert len(g.tables) == len(r.tables)
    for table, drawn in zip(r.tables, g.tables, strict=True):
        cells = values(drawn)
        assert len(cells) >= len(table.cells)
        titles = {a["title"].split(";")[0] for a, _ in cells if "title" in a}
        assert {c.key for c in table.cells} <= titles


def test_the_request_grid_has_the_template_labels_and_columns() -> None:
    r = report("pingtan_2024_asis.txt")
    table = r.table("requests")
    assert table is not None
    (drawn,) = grid(table._repr_html_()).tables
    spec = TEMPLATES["form2021"].table("requests")
    header = [text for tag, _a, text in drawn[0] if tag == "th"]
    assert header[1:] == [c.label for c in spec.columns]
    labels = [row[0][2] for row in drawn[1:]]
    assert [r.label for r in spec.rows] == [x for x in labels if x in {r.label for r in spec.rows}]
    assert "（三）不予公开" in labels  # the category rows, as published
    assert len(values(drawn)) == 25 * 7


def test_blank_zero_na_and_uncertain_are_told_apart() -> None:
    daxi = report("001_4c838dddf2b6ea41.txt")
    cells = values(grid(daxi._repr_html_()).tables[1])
    by_key = {a["title"].split(";")[0]: (a["class"].split(), text) for a, text in cells}
    assert by_key["requests.carried_over.total"] == (["n"], "0")
    assert "blank" in by_key["requests.granted.total"][0] and by_key["requests.granted.total"][1] == ""
    cls, text = by_key["requests.new_received.natural_person"]
    assert "doubt" in cls and text.endswith("?")
    na = report("pingtan_jgw_2017_not_applicable.txt")
    sheet_cells = values(grid(na._repr_html_()).tables[0])
    na_cells = [(a, t) for a, t in sheet_cells if "na" in a["class"].split()]
    assert na_cells and all(t == "n/a" for _a, t in na_cells)
    assert sum(1 for t in na.tables for c in t.cells if c.value.kind is ValueKind.NOT_APPLICABLE) == len(na_cells)


def test_failed_checks_are_listed_with_both_sides() -> None:
    r = report("pingtan_2024_asis.txt")
    failed = Check("A1.total", "A1", "一 + 二 = （七） + 四", ("requests.new_received.total",), CheckStatus.FAIL,
                   left=218, right=219)
    g = grid(attrs.evolve(r, checks=(*r.checks, failed))._repr_html_())
    (item,) = [i for i in g.items if i.startswith("A1.total")]
    assert "218 = 219" in item and "一 + 二 = （七） + 四" in item


def test_a_table_the_template_does_not_know_is_drawn_as_its_rows() -> None:
    assert "<table>" in Table("sheet", "pre2019", "统计表")._repr_html_()
    daxi = report("001_4c838dddf2b6ea41.txt")
    odd = attrs.evolve(daxi.tables[1], id="sheet_duplicate")
    g = grid(odd._repr_html_())
    assert len(values(g.tables[0])) == len(odd.cells)


# --- any result draws itself (hypothesis) ------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from zhgov_report import Cell, Diagnostic, Format, Row, Severity, Value  # noqa: E402

VALUES = st.one_of(
    st.builds(Value, st.just(ValueKind.NUMBER), st.integers(-10**6, 10**9) | st.decimals(0, 10**6, places=2),
              signed=st.booleans()),
    st.just(Value(ValueKind.BLANK)),
    st.builds(Value, st.just(ValueKind.NOT_APPLICABLE), raw=st.sampled_from(["/", "—", "无", "<b>&"])),
    st.builds(Value, st.just(ValueKind.UNREADABLE), raw=st.text(max_size=6)),
)
TEXT = st.text(alphabet=st.sampled_from('<>&"\'\n 一二三abc'), max_size=12)


@st.composite
def any_table(draw: st.DrawFn) -> Table:
    fmt = draw(st.sampled_from(["form2019", "form2021", "pre2019"]))
    tid = draw(st.sampled_from(TABLE_IDS))
    keys = draw(st.lists(st.sampled_from(["requests.granted.total", "sheet.fees", "appeals.review.total", "x.y"]),
                         max_size=4))
    rows = tuple(
        Row(draw(st.none() | st.sampled_from(["granted", "fees", "review"])), draw(TEXT),
            tuple(Cell(k, draw(VALUES), certain=draw(st.booleans()), alternatives=(Value(ValueKind.BLANK),))
                  for k in keys), values=tuple(draw(st.lists(VALUES, max_size=2))))
        for _ in range(draw(st.integers(0, 3)))
    )
    return Table(tid, fmt, draw(TEXT), rows)


@settings(max_examples=60, deadline=None)
@given(st.lists(any_table(), max_size=3), TEXT, st.lists(st.builds(
    Check, TEXT, TEXT, TEXT, st.just(("a", "b")), st.sampled_from(list(CheckStatus)),
    st.none() | st.integers(-10**12, 10**12) | st.decimals(-10**9, 10**9, places=4), st.none() | st.integers(0, 10**9)),
    max_size=3))
def test_any_report_draws_well_formed_escaped_html(tables: list[Table], agency: str, checks: list[Check]) -> None:
    from zhgov_report import Meta

    diag = Diagnostic("X", Severity.INFO, agency, path=agency)
    r = Report(Format.FORM2021, meta=Meta(title=agency, agency=agency, year=2021), tables=tuple(tables),
               checks=tuple(checks), diagnostics=(diag,))
    html = r._repr_html_()
    g = grid(html)
    from html import escape

    assert f"agency <b>{escape(agency)}</b>" in html  # every text is escaped
    if "<" in agency:
        assert f"agency <b>{agency}</b>" not in html  # (the agency alone may be a tag's prefix: "<c")
    assert len(g.tables) == len(tables)
    for obj in (r, *tables, *checks, diag, *(row for t in tables for row in t.rows),
                *(c for t in tables for c in t.cells)):
        assert "\n" not in repr(obj)
    failed = [c for c in checks if c.status is CheckStatus.FAIL]
    assert len([i for i in g.items if "=" in i or "≤" in i or "≥" in i]) >= len(failed)
