"""The statistics sheet written one cell per line (INPUT.md §2a): ``cellines``, ``multiline``,
``paragraphs`` and ``alternating`` read as the seeds' one row per line does. A row is a label
followed by its unit and value cells up to the next label, wherever the line breaks fall.

Unit tests on small hand-written sheets of each shape, then the round trip of generated sheets
(:mod:`tests.strategies.sheet`) rendered in each shape.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhgov_report import Format, flatten, parse
from zhgov_report.models import Report
from zhgov_report.templates import get
from zhgov_report.templates import sheet as spec

from .strategies import examples
from .strategies.sheet import CELL_SHAPES, GenSheet, cell_document, sheet_reports, sheet_tables
from .strategies.truth import same

HEAD = ("某县商务局2016年度政府信息公开工作年度报告\n一、概述\n本年度我局依法做好政府信息公开工作。\n"
        "附件：政府信息公开情况统计表\n")

#: One national sheet (统计指标 | 单位 | 统计数), the same cells in every shape; the value of
#: 2.政府网站公开政府信息数 is empty.
NATIONAL = {
    "cellines": "统计指标 |\n单位 |\n统计数 |\n一、主动公开情况 |\n—— |\n—— |\n"
                "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条） |\n条 |\n12 |\n"
                "1.政府公报公开政府信息数 |\n条 |\n3 |\n2.政府网站公开政府信息数 |\n条 |\n|\n"
                "三、依申请公开情况 |\n—— |\n—— |\n（一）收到申请数 |\n件 |\n2 |\n"
                "四、行政复议数量 |\n件 |\n1 |\n",
    "multiline": "| \n 统计指标  | \n 单位  | \n 统计数  | \n| \n 一、主动公开情况  | \n ——  | \n ——  | \n"
                 "| \n （一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）  | \n 条  | \n 12  | \n"
                 "| \n 1.政府公报公开政府信息数  | \n 条  | \n 3  | \n| \n 2.政府网站公开政府信息数  | \n 条  | |\n"
                 "| \n 三、依申请公开情况  | \n ——  | \n ——  | \n| \n （一）收到申请数  | \n 件  | \n 2  | \n"
                 "| \n 四、行政复议数量  | \n 件  | \n 1  | \n",
    "paragraphs": "统计指标\n\n单位\n\n统计数\n\n一、主动公开情况\n\n——\n\n——\n\n"
                  "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）\n\n条\n\n12\n\n"
                  "1.政府公报公开政府信息数\n\n条\n\n3\n\n2.政府网站公开政府信息数\n\n条\n\n"
                  "三、依申请公开情况\n\n——\n\n——\n\n（一）收到申请数\n\n件\n\n2\n\n四、行政复议数量\n\n件\n\n1\n\n",
    "alternating": "统计指标\n|\n单位\n|\n统计数\n|\n一、主动公开情况\n|\n——\n|\n——\n|\n"
                   "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）\n|\n条\n|\n12\n|\n"
                   "1.政府公报公开政府信息数\n|\n条\n|\n3\n|\n2.政府网站公开政府信息数\n|\n条\n|\n"
                   "三、依申请公开情况\n|\n——\n|\n——\n|\n（一）收到申请数\n|\n件\n|\n2\n|\n四、行政复议数量\n|\n件\n|\n1\n|\n",
}
EXPECTED = {"sheet.proactive_total": 12, "sheet.via_gazette": 3, "sheet.requests_received": 2,
            "sheet.review_total": 1}


def sheet_values(report: Report, *, uncertain: bool = False) -> dict[str, object]:
    return {k: v for k, v in flatten(report, uncertain=uncertain).items() if k.startswith("sheet")}


@pytest.mark.parametrize("shape", sorted(NATIONAL))
def test_one_cell_per_line_reads_as_one_row_per_line(shape):
    report = parse(HEAD + NATIONAL[shape])
    assert report.format is Format.PRE2019
    flat = sheet_values(report)
    assert {k: v for k, v in flat.items() if v is not None} == EXPECTED
    # the row is there with its unit and the next label right after: its one cell is empty
    assert flat.get("sheet.via_website") is None
    table = report.table("sheet")
    assert table is not None
    labels = [r.label for r in table.rows]
    assert "2.政府网站公开政府信息数" in labels  # the row is there, its empty cell gives no value
    assert all(r.unit in ("条", "件", None) for r in table.rows)


@pytest.mark.parametrize("shape", sorted(NATIONAL))
def test_an_empty_cell_is_no_certain_value_and_no_value_of_the_next_row(shape):
    """The empty cell of 2.政府网站公开政府信息数 stays empty: the next row's cells stay in theirs."""
    flat = sheet_values(parse(HEAD + NATIONAL[shape]), uncertain=True)
    assert flat.get("sheet.via_website") in (None, 0)
    assert "sheet_cumulative.proactive_total" not in flat


def test_a_row_cut_short_by_the_end_of_the_text_keeps_only_what_it_holds():
    """A two-column sheet whose last row is cut after its first value: the unread cell is not a
    certain blank, nor a certain 0."""
    text = (HEAD.replace("政府信息公开情况统计表", "统计表") + "指标名称 |\n计量单位 |\n本年 |\n历年累计 |\n"
            "主动公开文件数 |\n条 |\n12 |\n40 |\n行政复议数 |\n件 |\n1")
    flat = sheet_values(parse(text))
    assert flat["sheet.proactive_total"] == 12 and flat["sheet_cumulative.proactive_total"] == 40
    assert "sheet_cumulative.review_total" not in flat
    assert flat.get("sheet.review_total") in (None, 1)  # certain only where the arithmetic proves it


def test_a_value_line_after_a_full_row_line_ends_the_sheet():
    """In the seeds' shape a line is a row: a stray number on the next line is not a cell of it."""
    text = HEAD + "统计指标 | 单位 | 统计数 |\n四、行政复议数量 | 件 | |\n7\n五、行政诉讼数量 | 件 | 0 |\n"
    flat = sheet_values(parse(text), uncertain=True)
    assert "sheet.review_total" not in flat or flat["sheet.review_total"] != 7


def test_a_page_number_under_an_empty_row_of_a_one_line_sheet_is_not_its_value():
    """Where the header is on one line the rows are too: a bare number on the line after a row whose
    cells are all empty is a page number, not that row's value."""
    text = HEAD + "统计指标 单位 统计数\n（一）收到申请数 件 2\n四、行政复议数量\n3\n五、行政诉讼数量 件 0\n"
    flat = sheet_values(parse(text), uncertain=True)
    assert flat["sheet.requests_received"] == 2
    assert flat.get("sheet.review_total") != 3


def test_values_never_go_to_a_column_the_sheet_does_not_have():
    for shape, text in NATIONAL.items():
        flat = sheet_values(parse(HEAD + text), uncertain=True)
        assert not [k for k in flat if k.startswith(spec.CUMULATIVE_PREFIX)], shape


#: The national sheet as ``pdftotext -layout`` writes it from a Word-exported PDF: labels wrapped
#: around their cells, a blank line between rows, a gap for an empty cell.
LAYOUT = """\
         统计指标                单位   统计数


     一、主动公开情况                ——   ——

  （一）主动公开政府信息数
 （不同渠道和方式公开相同信               条    389
      息计 1 条）


 （二）通过不同渠道和方式公
                             ——   ——
    开政府信息的情况


  1.政府公报公开政府信息数              条     3


  2.政府网站公开政府信息数              条


     （一）收到申请数                件     2
     四、行政复议数量                件     1
"""


def test_pdf_layout_text_labels_wrapped_around_their_cells():
    report = parse(HEAD + LAYOUT)
    flat = sheet_values(report)
    assert {k: v for k, v in flat.items() if v is not None} == {
        "sheet.proactive_total": 389, "sheet.via_gazette": 3, "sheet.requests_received": 2, "sheet.review_total": 1}
    table = report.table("sheet")
    assert table is not None
    assert [r.label for r in table.rows][:2] == ["（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
                                                 "1.政府公报公开政府信息数"]


def test_pdf_layout_text_ends_at_prose():
    text = HEAD + LAYOUT + "\n本表由办公室填报。如有疑问请联系 12345。\n"
    assert sheet_values(parse(text)).get("sheet.review_total") == 1


def test_the_sheet_is_a_layout_of_the_registry():
    template = get("pre2019")
    assert template is spec.TEMPLATE
    assert template.tables == (spec.SHEET,)
    assert get("form2019") is not None and get("unknown") is None


# --- round trip --------------------------------------------------------------------------------


def _assert_round_trip(report: GenSheet, text: str) -> None:
    parsed = parse(text)
    assert parsed.format is Format.PRE2019
    flat = flatten(parsed)
    wrong = {k: (v, flat[k]) for k, v in report.values.items() if k in flat and not same(v, flat[k])}
    missing = [k for k in report.values if k not in flat]
    extra = [k for k in flat if k.startswith("sheet") and k not in report.values]
    assert not wrong, wrong
    assert not missing, missing[:8]
    assert not extra, extra


@settings(max_examples=examples(30))
@given(report=sheet_reports(), shape=st.sampled_from((*CELL_SHAPES, "layout")))
def test_round_trip_of_sheets_one_cell_per_line(report, shape):
    """Every value certain and right, whatever the shape (national and local sheets)."""
    (table,) = sheet_tables(report, lambda k: str(report.values[k]))
    _assert_round_trip(report, cell_document(report, table, shape))


@st.composite
def _blanked(draw: st.DrawFn) -> GenSheet:
    report = draw(sheet_reports())
    zeros = sorted(k for k, v in report.values.items() if v == 0)  # as agencies leave zero cells empty
    return report.with_blank(draw(st.lists(st.sampled_from(zeros), max_size=len(zeros)))) if zeros else report


@settings(max_examples=examples(30))
@given(report=_blanked(), shape=st.sampled_from((*CELL_SHAPES, "layout")), note=st.booleans())
def test_sheets_with_empty_cells_give_no_wrong_certain_value(report, shape, note):
    """Zero cells left empty, and empty cells vanish in these shapes: what is certain is right,
    nothing lands in a column or a row that is not its own."""
    (table,) = sheet_tables(report, lambda k: "" if k in report.blank else str(report.values[k]))
    flat = flatten(parse(cell_document(report, table, shape, note=note)))
    written = {k: report.written(k) for k in report.values}
    wrong = {k: (written.get(k), v) for k, v in flat.items()
             if k.startswith("sheet") and not (k in written and same(written[k] or 0, v or 0))}
    assert not wrong, wrong
