"""The pre-2019 sheet's blank cells are certain only with evidence (issue 12, deliverable 6).

A blank the source proves has the span of what proves it: an empty grid cell its own position, a
pipe row closed on its line or a row followed by the next row's label the row as written. A blank
nothing proves (what follows the row is not a row label: a damaged unit cell, a wrapped label's
second line, a stray value; or a grid row with no cell in a column) is uncertain, with a
``ROW_END_UNPROVEN`` diagnostic. Small hand-written sheets.
"""

from __future__ import annotations

import pytest

from zhgov_report import parse
from zhgov_report.models import Cell, Report

_HEAD = "某某局2017年政府信息公开工作年度报告\n附件：政府信息公开情况统计表\n"
#: The national sheet's last rows in the seeds' pipe shape, the 部分公开 cell 0 (html-003.scraped).
_PIPE = """统计指标 | 单位 | 统计数 |
三、依申请公开情况 | —— | —— |
（三）申请答复数 | 件 | 2 |
2.同意公开答复数 | 件 | 1 |
3.同意部分公开答复数 | {unit} | {value} |
4.不同意公开答复数 | 件 | 1 |
四、行政复议数量 | 件 | 0 |
五、行政诉讼数量 | 件 | 0 |
"""


def _cell(report: Report, key: str) -> Cell:
    cell = report.cell(key)
    assert cell is not None, key
    return cell


def _codes(report: Report) -> list[str]:
    return [d.code for d in report.diagnostics]


def test_a_blank_of_a_pipe_row_closed_on_its_line_has_the_row_for_evidence() -> None:
    text = _HEAD + _PIPE.format(unit="件", value="")
    report = parse(text)
    cell = _cell(report, "sheet.answered_partially_granted")
    assert cell.certain and cell.value.kind.value == "blank"
    assert cell.span is not None
    assert text[cell.span.start:cell.span.end] == "3.同意部分公开答复数 | 件 |  |"
    assert "ROW_END_UNPROVEN" not in _codes(report)


@pytest.mark.parametrize("unit", ["\ufffd\ufffd\ufffd", "x", "件件"])
def test_a_damaged_unit_cell_leaves_the_row_blank_uncertain(unit: str) -> None:
    """Regression: a damaged byte in the unit cell of ``3.同意部分公开答复数 | 件 | 0 |``
    (html-003.scraped) made the cell a row of its own holding the 0, and the known row a certain
    blank while the text writes 0."""
    report = parse(_HEAD + _PIPE.format(unit=unit, value="0"))
    cell = _cell(report, "sheet.answered_partially_granted")
    assert not cell.certain
    assert "ROW_END_UNPROVEN" in _codes(report)
    assert _cell(report, "sheet.answered_denied").certain  # the rows around it are read as before


def test_a_wrapped_label_does_not_make_a_certain_blank() -> None:
    """PDF text: ``3.同意部分公开答复数`` / ``件 0`` on the next line."""
    text = _HEAD + "统计指标 单位 统计数\n2.同意公开答复数 件 1\n3.同意部分公开答复数\n件 0\n4.不同意公开答复数 件 1\n"
    report = parse(text)
    assert not _cell(report, "sheet.answered_partially_granted").certain
    assert _cell(report, "sheet.answered_denied").certain


def test_a_value_on_the_line_where_the_sheet_stops_does_not_make_a_certain_blank() -> None:
    text = _HEAD + "统计指标 单位 统计数\n四、行政复议数量 件 0\n五、行政诉讼数量 件\n3\n"
    report = parse(text)
    assert not _cell(report, "sheet.litigation_total").certain
    assert "ROW_END_UNPROVEN" in _codes(report)


def test_a_row_followed_by_the_next_rows_label_proves_its_blank() -> None:
    """One cell per line, the empty cell gone: the next row's label marks the row's end."""
    text = _HEAD + "统计指标\n单位\n统计数\n四、行政复议数量\n件\n五、行政诉讼数量\n件\n0\n注：本表统计期限为一年。\n"
    report = parse(text)
    cell = _cell(report, "sheet.review_total")
    assert cell.certain and cell.value.kind.value == "blank"
    assert cell.span is not None and text[cell.span.start:cell.span.end] == "四、行政复议数量\n件"
    assert _cell(report, "sheet.litigation_total").certain


_GRID = """<table>
<tr><td>统计指标</td><td>单位</td><td>统计数</td></tr>
<tr><td>四、行政复议数量</td><td>件</td><td></td></tr>
<tr><td>五、行政诉讼数量</td><td>件</td>{last}</tr>
</table>"""


def test_a_drawn_grids_empty_cell_is_the_blanks_evidence() -> None:
    page = _GRID.format(last="<td>0</td>")
    report = parse(page)
    cell = _cell(report, "sheet.review_total")
    assert cell.certain and cell.value.kind.value == "blank"
    empty = page.index("<td></td>")
    assert cell.span is not None and empty <= cell.span.start <= cell.span.end <= empty + len("<td></td>")


def test_a_grid_row_without_a_cell_in_a_column_proves_no_blank() -> None:
    report = parse(_GRID.format(last=""))
    assert not _cell(report, "sheet.litigation_total").certain
    assert _cell(report, "sheet.review_total").certain


def test_a_short_tab_row_where_the_text_ends_is_cut() -> None:
    text = _HEAD + "指标名称\t计量单位\t2017年度\t历年累计\n行政复议数\t件\t0\t2\n行政诉讼数\t件\t0"
    report = parse(text)
    assert not _cell(report, "sheet_cumulative.litigation_total").certain
    assert "SHEET_ROW_CUT" in _codes(report)


def test_a_pdf_layout_sheet_that_ends_inside_its_last_row_is_cut() -> None:
    """``pdftotext -layout`` text: the last row's value cell is not on its line and the text ends
    there, so it may have been cut off (as in PDF text without layout)."""
    text = (_HEAD + "     统计指标      单位          统计数\n\n   四、行政复议数量      件            2\n\n"
            "   五、行政诉讼数量      件\n")
    report = parse(text)
    assert _cell(report, "sheet.review_total").certain
    assert not _cell(report, "sheet.litigation_total").certain
    assert "SHEET_ROW_CUT" in _codes(report)
