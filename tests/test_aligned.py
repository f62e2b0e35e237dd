"""Tables aligned by spaces (``pdftotext -layout``) read into grids: :mod:`zhgov_report._aligned`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhgov_report
from zhgov_report._aligned import (
    MAX_GRIDS,
    MAX_VALUE_LINES,
    Column,
    aligned_grids,
    column_under,
    header_columns,
    place,
    text_lines,
)
from zhgov_report._document import Grid
from zhgov_report._intake import normalise
from zhgov_report.templates._labels import loose_any
from zhgov_report.templates._post2019 import REQUEST_COLUMNS, request_rows

DATA = Path(__file__).parent / "data" / "aligned"


def _width(grid: Grid) -> int:
    """The grid's value columns: those of its header row (row 0)."""
    return max(c.col for c in grid.cells if c.row == 0)


def _texts(grid: Grid, n: int | None = None) -> list[list[str | None]]:
    """Each row's label and value columns' texts (``None`` where no cell is: unknown)."""
    n = _width(grid) if n is None else n
    return [[None if c is None else c.text for c in row[: 1 + n]] for row in grid.rows()]


def _loose(grid: Grid, row: int, n: int) -> list[str]:
    """The values of a row whose columns are unknown: after the value columns, in reading order."""
    return [c.text for c in grid.cells if c.row == row and c.col > n]


# --- hand-written tables ---------------------------------------------------------------------

TABLE = """\
二、主动公开政府信息情况

   信息内容       本年新增      本年减少      现行有效


    规章         3         1         12


 行政规范性文件       88        55        698


   其他文件                  2

"""


def test_a_table_becomes_a_grid_of_its_rows_and_columns():
    (grid,) = aligned_grids(TABLE)
    assert grid.n_cols == 4
    rows = _texts(grid)
    assert rows[0] == ["信息内容", "本年新增", "本年减少", "现行有效"]
    assert rows[1] == ["规章", "3", "1", "12"]
    assert rows[2] == ["行政规范性文件", "88", "55", "698"]
    # a gap under a header column is a blank the position proves
    assert rows[3] == ["其他文件", "", "2", ""]


def test_cells_point_into_the_text():
    (grid,) = aligned_grids(TABLE)
    for cell in grid.cells:
        if cell.text and " " not in cell.text:
            assert TABLE[cell.start : cell.end] == cell.text
        assert 0 <= cell.start <= cell.end <= len(TABLE)
    assert grid.start <= min(c.start for c in grid.cells)
    assert grid.end >= max(c.end for c in grid.cells)


def at(*parts: tuple[int, str]) -> str:
    """A line with each text at its character column, as pdftotext -layout writes it."""
    out = ""
    for x, text in parts:
        out += " " * (x - len(out)) + text
    return out


WRAPPED = "\n".join([
    at((25, "申请人情况")),
    at((22, "自然人"), (30, "企业"), (38, "总计")),
    "",
    at((0, "一、本年新收政府信息公")),
    at((23, "5"), (31, "1"), (39, "6")),
    at((4, "开申请数量")),
    "",
    "",
    at((0, "三、本"), (6, "（一）予以公开"), (23, "2"), (31, "0"), (39, "2")),
    at((0, "年度办")),
    at((0, "理结果"), (6, "（二）部分公开")),
    at((6, "（区分处理的，只")),
    at((23, "1"), (31, "0"), (39, "1")),
    at((6, "计这一情形）")),
    "",
    "",
    at((23, "0"), (31, "0"), (39, "0")),
    at((0, "四、结转下年度继续办理")),
    "",
])


def test_wrapped_labels_join_their_row_and_a_value_line_before_its_label_belongs_to_it():
    (grid,) = aligned_grids(WRAPPED)
    rows = _texts(grid)
    assert rows[1] == ["一、本年新收政府信息公开申请数量", "5", "1", "6"]
    assert "（一）予以公开" in str(rows[2][0]) and rows[2][1:] == ["2", "0", "2"]
    assert "（二）部分公开（区分处理的，只计这一情形）" in str(rows[3][0]) and rows[3][1:] == ["1", "0", "1"]
    assert rows[4] == ["四、结转下年度继续办理", "0", "0", "0"]


def test_the_spanning_header_word_stands_over_its_columns():
    (grid,) = aligned_grids(WRAPPED)
    assert _texts(grid)[0][1:] == ["自然人", "企业", "总计"] or "申请人情况" in str(_texts(grid)[0])


SHIFTED = TABLE.replace("   其他文件                  2", "   其他文件      2     5")


def test_a_row_whose_values_stand_under_no_column_is_left_out():
    # the last row's values stand between the columns: their columns are unknown, so the row has
    # no cells in the value columns (``None``), never blanks, and its values follow them, for the
    # reader to place by arithmetic; the table's other rows lose position evidence with it (count
    # still proves the full rows)
    (grid,) = aligned_grids(SHIFTED)
    rows = _texts(grid)
    assert rows[1] == ["规章", "3", "1", "12"]
    assert rows[3] == ["其他文件", None, None, None]
    assert _loose(grid, 3, 3) == ["2", "5"]


def test_page_numbers_and_form_feeds_inside_a_table_are_skipped():
    text = TABLE.replace(" 行政规范性文件", "\n—2—\n\n\f 行政规范性文件")
    (grid,) = aligned_grids(text)
    rows = _texts(grid)
    assert ["行政规范性文件", "88", "55", "698"] in rows
    assert not any(r[0] and "2" in r[0] for r in rows)


def test_a_label_without_values_alone_between_blank_lines_is_a_blank_row():
    text = TABLE.replace("    规章         3         1         12", "    规章")
    (grid,) = aligned_grids(text)
    assert ["规章", "", "", ""] in _texts(grid)


@pytest.mark.parametrize(
    "text",
    [
        "一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n二、上年结转 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n",
        "信息内容 本年新增 本年减少\n规章 3 1\n行政规范性文件 88 55\n",
        "规范性文件\n|\n30\n|\n30\n|\n",
        "规范性文件\n\n30\n\n30\n\n规章\n\n2\n",
        "本年共收到申请 12 件，其中 2019 年 1 月 3 件。\n全年主动公开信息 2645 条。\n",
        "",
        "\f\f\n\n  \n",
    ],
)
def test_texts_that_are_not_column_aligned_give_no_grid(text):
    assert aligned_grids(text) == ()


# --- column inference on words with x-ranges --------------------------------------------------


@attrs.frozen
class _W:
    x0: float
    x1: float


def test_header_columns_stack_words_and_keep_spanning_words_apart():
    lines = [
        [_W(27, 37)],  # 法人或其他组织: over two columns
        [_W(10, 13), _W(26, 29), _W(34, 37), _W(50, 52)],
        [_W(27, 28), _W(34, 37)],  # 业 / 益组织 under 商业企 / 社会公
    ]
    cols, spanning = header_columns(lines)
    assert [(c.x0, c.x1) for c in cols] == [(10, 13), (26, 29), (34, 37), (50, 52)]
    assert spanning == (0,)
    assert cols[1].words == (2, 5)


def test_place_by_count_and_by_position():
    cols = [Column(10, 13), Column(20, 23), Column(30, 33)]
    assert place([_W(0, 1), _W(5, 6), _W(40, 41)], cols) == (0, 1, 2)  # count proves them
    assert place([_W(11, 12), _W(31, 32)], cols) == (0, 2)
    assert place([_W(11, 12), _W(31, 32)], cols, by_position=False) is None
    assert place([_W(15, 17)], cols) is None  # between two columns
    assert place([_W(10, 25)], cols) is None  # over two columns
    assert place([_W(31, 32), _W(11, 12)], cols) is None  # out of order
    assert place([_W(0, 1)] * 4, cols) is None


def test_a_value_just_right_of_its_column_stands_under_it():
    # pdftotext sets a vertical header's characters left of the values under them: on the header's
    # page a value up to _DRIFT spaces right of a column, and nearer to it than to the next, is
    # under it; left of a column, equally near two, or farther, it is under none
    cols = [Column(0, 1), Column(5, 6), Column(10, 11)]
    assert column_under(_W(2, 3), cols, drift=3) == 0
    assert column_under(_W(11, 12), cols, drift=3) == 2
    assert column_under(_W(14, 15), cols, drift=3) == 2
    assert column_under(_W(15, 16), cols, drift=3) is None  # 4 spaces clear
    assert column_under(_W(7, 8), cols) is None  # no drift: the one it overlaps only
    assert column_under(_W(7, 8), cols, drift=3) == 1
    assert column_under(_W(7, 9), cols, drift=3) is None  # as near the next column
    assert column_under(_W(3, 4), cols, drift=3) is None  # nearer the next column, on its left
    assert column_under(_W(0, 6), cols, drift=3) is None  # over two
    assert place([_W(2, 3), _W(11, 12)], cols, drift=3) == (0, 2)
    assert place([_W(2, 3), _W(11, 12)], cols) is None
    assert place([_W(2, 3), _W(3, 4)], cols, drift=3) is None


# 四、复议诉讼 as pdftotext writes it: group headers over vertical column headers, one row of
# values without a label, the right-hand values drifting right of their header characters
REVIEW = "\n".join([
    "四、政府信息公开行政复议、行政诉讼情况",
    "",
    at((4, "行政复议"), (24, "行政诉讼")),
    "",
    at((0, "结"), (5, "其"), (10, "总"), (20, "结"), (26, "其"), (32, "总")),
    at((0, "果"), (5, "他"), (10, "计"), (20, "果"), (26, "他"), (32, "计")),
    "",
    "",
    "{row}",
    "",
])


def test_a_row_under_vertical_headers_has_its_blanks_and_no_label_cell():
    (grid,) = aligned_grids(REVIEW.format(row=at((0, "4"), (11, "4"), (22, "1"), (34, "1"))))
    (row,) = grid.rows()
    assert row[0] is None  # no label is not a blank label
    assert [c.text for c in row[1:] if c is not None] == ["4", "", "4", "1", "", "1"]


def test_a_value_as_near_two_columns_proves_no_column():
    # 1 stands two spaces from 结果 and from 其他: no column is proven, and no blank either
    for grid in aligned_grids(REVIEW.format(row=at((0, "4"), (11, "4"), (23, "1"), (34, "1")))):
        assert not any(c.text == "" for c in grid.cells if c.col > 0)


def _continued(shift: int, full: bool) -> str:
    """A table broken by a page (a page number, a form feed): its rows on the next page placed
    ``shift`` characters right of the header's page, with or without a row filling every column."""
    def x(col: int) -> int:
        return 15 + 12 * col + shift
    lines = [
        "二、主动公开政府信息情况", "",
        at((3, "信息内容"), (14, "本年新增"), (26, "本年减少"), (38, "现行有效")), "", "",
        at((3, "规章"), (15, "3"), (39, "12")), "", "",
        at((3, "地方性法规"), (27, "1")), "", "",
        "", at((18, "—1—")),
        "\f" + at((3, "其他文件"), (x(1), "2")), "", "",
        *([at((1, "行政规范性文件"), (x(0), "88"), (x(1), "55"), (x(2), "698")), "", ""] if full else []),
        at((3, "政策文件"), (x(2), "7")), "",
    ]
    return "\n".join(lines)


def test_a_page_placed_as_the_header_page_proves_its_blanks():
    # the next page's full row stands under the header's columns: the page is placed as the
    # header's, and its other rows' positions prove their columns and blanks
    (grid,) = aligned_grids(_continued(0, full=True))
    rows = _texts(grid)
    assert ["规章", "3", "", "12"] in rows and ["地方性法规", "", "1", ""] in rows
    assert ["其他文件", "", "2", ""] in rows and ["政策文件", "", "", "7"] in rows
    assert ["行政规范性文件", "88", "55", "698"] in rows


@pytest.mark.parametrize(("shift", "full"), [(12, True), (0, False), (6, True)])
def test_a_page_placed_anew_proves_no_position(shift, full):
    # shifted by a column, the next page's values stand exactly under other columns; without a
    # full row under the header's columns, even rows that stand under them prove nothing
    (grid,) = aligned_grids(_continued(shift, full))
    rows = _texts(grid)
    assert ["规章", "3", "", "12"] in rows
    assert ["其他文件", None, None, None] in rows and ["政策文件", None, None, None] in rows
    assert _loose(grid, rows.index(["其他文件", None, None, None]), 3) == ["2"]



def test_a_header_broken_by_a_page_proves_no_position():
    # the header's words on two pages were placed apart: 现行有效 of one page stacks on 合计 of the
    # next, so no value's position is proven (and no gap a blank)
    text = "\n".join([
        "二、主动公开政府信息情况", "",
        at((3, "信息内容"), (14, "本年新增"), (38, "现行有效")),
        "\f" + at((26, "本年减少"), (38, "合计")), "", "",
        at((3, "规章"), (15, "3"), (39, "12")), "", "",
        at((3, "地方性法规"), (27, "1")), "", "",
    ])
    for grid in aligned_grids(text):
        assert not any(c.text == "" for c in grid.cells if c.col > 0)

def test_text_lines_count_characters_not_display_width():
    (line,) = text_lines("自然人    23")
    assert [(w.text, w.x0, w.x1) for w in line.words] == [("自然人", 0, 3), ("23", 7, 9)]
    assert line.split == 1


# --- real pdftotext -layout files ------------------------------------------------------------


def _truth(name: str) -> dict[str, object]:
    values: dict[str, object] = json.loads((DATA / f"{name}.truth.json").read_text(encoding="utf-8"))["values"]
    return values


def _request_cells(name: str, form: str) -> dict[str, str]:
    """The request table's cells of the file's grids, keyed by flat key (rows found by label; the
    value columns are the first seven after the label, values of unknown columns follow them)."""
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    patterns = [(r.key, loose_any(r.patterns) if r.patterns else None, r.regex) for r in request_rows(form)]
    out: dict[str, str] = {}
    for grid in aligned_grids(text):
        if grid.n_cols < 1 + len(REQUEST_COLUMNS):
            continue
        for row in grid.rows():
            label = row[0].text if row[0] is not None else ""
            key = next((k for k, p, _ in patterns if p is not None and p.search(normalise(label))), None)
            for col, cell in zip(REQUEST_COLUMNS, row[1 : 1 + len(REQUEST_COLUMNS)], strict=True):
                if key is not None and cell is not None:
                    out[f"requests.{key}.{col.key}"] = cell.text
    return out


@pytest.mark.parametrize(
    ("name", "form", "least"),
    [
        ("raw-008.pdflayout", "form2019", 140),
        ("raw-012.pdflayout", "form2021", 150),
        ("html-006.pdflayout", "form2019", 130),
        ("raw-009.pdflayoutblank", "form2021", 80),
        ("raw-010.pdflayoutblank", "form2021", 60),
    ],
)
def test_real_files_every_cell_read_is_right(name, form, least):
    truth = _truth(name)
    got = _request_cells(name, form)
    assert len(got) >= least
    for key, text in got.items():
        want = truth[key]
        assert (text == "" and want is None) or text == str(want), (key, want, text)


@pytest.mark.parametrize("name", ["raw-009.pdflayoutblank", "raw-010.pdflayoutblank"])
def test_real_review_rows_under_vertical_headers_are_certain_and_right(name):
    # 四、复议诉讼's one row, zero cells blank: each value at or just right of its vertical header
    # (结/果/维/持), so every one of its 15 cells is proven, blanks included
    truth = _truth(name)
    got = zhgov_report.flatten(zhgov_report.parse((DATA / f"{name}.txt").read_text(encoding="utf-8")))
    keys = [k for k in truth if k.startswith("appeals.")]
    assert len(keys) == 15
    for key in keys:
        want = truth[key]
        assert key in got, key
        assert got[key] == want or (want is None and got[key] in (None, "")), (key, want, got[key])

def test_a_real_statistics_sheet():
    text = (DATA / "raw-005.pdflayoutblank.txt").read_text(encoding="utf-8")
    (grid,) = aligned_grids(text)
    rows = _texts(grid)
    assert rows[0][1:] == ["单位", "统计数"] and "统计指标" in str(rows[0][0])
    assert ["2.政府网站公开政府信息数", "条", "2069"] in rows
    assert ["1.政府公报公开政府信息数", "条", ""] in rows


# --- generated tables: never a value in a wrong column --------------------------------------

_LABELS = st.text(alphabet="规章文件信息申请公开处理", min_size=2, max_size=9)
_VALUE = st.one_of(st.none(), st.integers(0, 99999).map(str))


@st.composite
def _tables(draw: st.DrawFn) -> tuple[str, list[str], list[list[str | None]], bool]:
    n = draw(st.integers(1, 6))
    heads = [f"列{i}{draw(st.sampled_from('甲乙丙丁'))}" for i in range(n)]
    width = draw(st.integers(max(len(h) for h in heads) + 6, 14))
    rows = draw(st.lists(st.tuples(_LABELS, st.lists(_VALUE, min_size=n, max_size=n)), min_size=1, max_size=8))
    shift = draw(st.sampled_from([0, 0, 0, 3, -3, 2]))  # a row placed anew, as pdftotext does on a new page
    bad = draw(st.integers(0, len(rows) - 1))

    def cell(text: str, i: int, offset: int = 0) -> tuple[int, str]:
        return 12 + i * width + (width - len(text)) // 2 + offset, text

    def line(parts: list[tuple[int, str]]) -> str:
        out = ""
        for x, text in parts:
            out = out + " " * max(x - len(out), 2 if out else 0) + text
        return out

    lines = [line([(3, "信息内容"), *(cell(h, i) for i, h in enumerate(heads))]), "", ""]
    for r, (label, values) in enumerate(rows):
        off = shift if r == bad else 0
        x = 5 - len(label) // 2  # labels centred under 信息内容, as pdftotext places them
        lines += [line([(x, label), *(cell(v, i, off) for i, v in enumerate(values) if v is not None)]), "", ""]
    return "\n".join(lines) + "\n", heads, [[label, *values] for label, values in rows], shift != 0


@settings(max_examples=150, deadline=None)
@given(_tables())
def test_generated_tables_never_place_a_value_in_a_wrong_column(table):
    text, heads, rows, _ = table
    grids = aligned_grids(text)
    assert len(grids) <= 1
    if not grids:
        return
    (grid,) = grids
    got = _texts(grid)
    # each grid column is a header column: by its header words, or by its place when it has none
    # and the grid has every column
    where = [heads.index(h) if h in heads else (i if len(heads) == _width(grid) else None)
             for i, h in enumerate(got[0][1:])]
    assert None not in where, (got[0], heads)
    for row in got[1:]:
        wants = [want for want in rows if want[0] == row[0]]
        assert any(all(g is None or g == (want[1 + j] or "") for g, j in zip(row[1:], where, strict=True))
                   for want in wants), (row, wants)


@settings(max_examples=60, deadline=None)
@given(_tables())
def test_generated_tables_without_shift_are_read_whole(table):
    text, heads, rows, shifted = table
    if shifted or all(row[1] is None for row in rows) or all(all(v is None for v in row[1:]) for row in rows):
        return  # a first column blank in every row leaves nothing to tell it from the labels
    (grid,) = aligned_grids(text)
    got = _texts(grid)
    assert got[0][1:] == heads
    assert [[label, *(v or "" for v in values)] for label, *values in rows
            if any(v is not None for v in values)] == [r for r in got[1:] if any(v for v in r[1:])]


def test_long_inputs_take_linear_time():
    row = "    规章         3         1         12\n\n\n"
    small, big = TABLE + row * 2_000, TABLE + row * 20_000
    t0 = time.perf_counter()
    aligned_grids(small)
    t1 = time.perf_counter()
    aligned_grids(big)
    t2 = time.perf_counter()
    assert (t2 - t1) < 25 * max(t1 - t0, 1e-3)


@pytest.mark.parametrize(
    "text",
    [
        TABLE + "    规章         3         1         12\n" * 100_000,  # one table, far more rows than a report has
        ("x  " + "  1" * 5_000 + "\n") * 100,  # lines of thousands of runs
        (TABLE + "\n") * 5_000,  # thousands of tables
        TABLE + "  一、本年新收政府信息\n" * 200_000,  # a table followed by endless label lines
    ],
)
def test_hostile_inputs_are_bounded(text):
    t0 = time.perf_counter()
    grids = aligned_grids(text)
    assert time.perf_counter() - t0 < 10
    assert len(grids) <= MAX_GRIDS
    assert sum(g.n_rows for g in grids) <= MAX_VALUE_LINES + 4 * MAX_GRIDS


# --- whole reports through parse(): the aligned shape of the property tests ------------------

from hypothesis import HealthCheck  # noqa: E402

from zhgov_report import Format  # noqa: E402

from .property.test_never_wrong import blanked_reports  # noqa: E402
from .property.test_round_trip import assert_round_trip  # noqa: E402
from .strategies.forms import any_reports  # noqa: E402
from .strategies.render import Style, render  # noqa: E402
from .strategies.truth import describe, parse_in_time, written_truth, wrong_certain  # noqa: E402

_ALIGNED = Style(shape="aligned")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=any_reports())
def test_round_trip_of_aligned_text_gives_every_value_certain(report):
    """Every cell written: each row full, so its count proves its columns."""
    assert_round_trip(report, render(report, _ALIGNED).text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=blanked_reports())
def test_aligned_text_with_blank_cells_never_gives_a_wrong_certain_value(report):
    """Zero cells left blank (gaps under their columns): whatever is read certain is right. (Values
    the grid leaves unread are reported by ROW_MISSING, which the text readers' stronger property,
    every unread value flagged as uncertain, does not count: not asserted here.)"""
    parsed = parse_in_time(render(report, _ALIGNED).text)
    assert parsed.format == Format(report.form), describe(parsed)
    assert not wrong_certain(parsed, written_truth(report)), describe(parsed)
