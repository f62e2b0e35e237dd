"""Cells in reading order, rows by label: each flattening of INPUT.md §2a on small hand-written
tables, values written in cells with their units, and the certainty invariant at the end of a text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhgov_report import parse
from zhgov_report.models import Cell, Report, ValueKind

HEAD_2021 = "某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n本年度工作如下。\n二、主动公开政府信息情况\n"
HEAD_2019 = HEAD_2021.replace("2021", "2019")
TAIL = "三、收到和处理政府信息公开申请情况\n本年度未收到申请。\n"

# The 2021 active table's 第二十条第（五）（六）项 blocks, one row each, as (label, values).
ACTIVE_ROWS = [("行政许可", ["5"]), ("行政处罚", ["7"]), ("行政强制", ["3"])]
CAPTIONS = {"行政许可": "第二十条第（五）项", "行政处罚": "第二十条第（六）项"}


def _cells_of(report: Report, prefix: str) -> dict[str, Cell]:
    return {c.key: c for t in report.tables for r in t.rows for c in r.cells if c.key.startswith(prefix)}


def _blocks(cell: str, pad: str, sep: str = "") -> str:
    """The blocks one cell per line: ``cell`` formats a cell's text, ``pad`` is the pad line after a
    row that had empty cells (``''`` for none), ``sep`` a line between cells."""
    lines: list[str] = []
    for label, values in ACTIVE_ROWS:
        if label in CAPTIONS:
            lines += [cell.format(CAPTIONS[label]), *([pad] if pad else []), *([sep] if sep else []),
                      cell.format("信息内容"), *([sep] if sep else []), cell.format("本年处理决定数量"),
                      *([pad] if pad else []), *([sep] if sep else [])]
        lines.append(cell.format(label))
        for v in values:
            lines += [*([sep] if sep else []), cell.format(v)]
        lines += [*([pad] if pad else []), *([sep] if sep else [])]
    return "\n".join(x for x in lines) + "\n"


SHAPES = {
    "cellines": _blocks("{} |", "||"),
    "multiline": "".join(f"| \n {line.strip(' |')}  | \n" if line.endswith("|") else "" for line in
                         _blocks("{} |", "").splitlines()),
    "paragraphs": _blocks("{}\n", ""),
    "alternating": _blocks("{}", "", "|"),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_each_cell_shape_reads_every_row_certain_with_its_span(shape):
    text = HEAD_2021 + SHAPES[shape] + TAIL
    report = parse(text)
    cells = _cells_of(report, "active.")
    got = {k: c.value.as_flat() for k, c in cells.items() if c.certain}
    assert got == {"active.licensing.decisions": 5, "active.punishment.decisions": 7,
                   "active.coercion.decisions": 3}, shape
    for c in cells.values():
        assert c.span is not None and text[c.span.start:c.span.end] == str(c.value.as_flat())


def test_a_row_written_one_cell_per_line_is_not_a_certain_blank():
    """Issue 12: a 2021 report written `行政强制 |` / `3 |` / `||` gives 3, not a certain blank."""
    text = (HEAD_2021 + "第二十条第（六）项 |\n|||\n信息内容 |\n本年处理决定数量 |\n||\n"
            "行政处罚 |\n0 |\n||\n行政强制 |\n3 |\n||\n" + TAIL)
    cell = parse(text).cell("active.coercion.decisions")
    assert cell is not None and cell.certain and cell.value.as_flat() == 3


def test_a_row_cut_off_by_the_end_of_the_text_keeps_its_unshown_cells_uncertain():
    """Issue 12: `行政强制 | 0 | 0` at the end of the text must not give its third cell as a certain
    0 (the text may have stopped before `| 5`); a complete row before it stays certain."""
    text = (HEAD_2019 + "第二十条第（六）项 | |||\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n"
            "行政处罚 | 1 | 0 | 2 | ||\n行政强制 | 0 | 0")
    report = parse(text)
    coercion = _cells_of(report, "active.coercion.")
    assert coercion and not any(c.certain for c in coercion.values())
    assert "ROW_CUT_SHORT" in {d.code for d in report.diagnostics if d.path == "active.coercion"}
    punishment = _cells_of(report, "active.punishment.")
    assert all(c.certain for c in punishment.values())


def test_the_same_row_closed_by_the_next_heading_is_read_whole():
    """With the next section after it, `行政强制 | 0 | 0 |` is a whole scraper row: empty cells vanish,
    so its unwritten cell is blank (0 either way)."""
    text = (HEAD_2019 + "第二十条第（六）项 | |||\n信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |\n"
            "行政处罚 | 1 | 0 | 2 | ||\n行政强制 | 0 | 0 |\n" + TAIL)
    report = parse(text)
    assert all(c.certain and c.value.as_flat() in (0, None) for c in _cells_of(report, "active.coercion.").values())
    assert "ROW_CUT_SHORT" not in {d.code for d in report.diagnostics}


def test_a_label_with_no_values_at_the_end_of_the_text_gives_no_certain_blanks():
    text = HEAD_2021 + "第二十条第（六）项 |\n|||\n信息内容 |\n本年处理决定数量 |\n||\n行政处罚 |\n2 |\n||\n行政强制 |"
    cell = parse(text).cell("active.coercion.decisions")
    assert cell is None or not cell.certain


def test_values_written_with_their_unit_in_cells():
    """`160.5964万元`, `3项`, `0件` in cells are numbers with their unit (INPUT.md §2a)."""
    text = (HEAD_2021 + "第二十条第（六）项 |\n|||\n信息内容 |\n本年处理决定数量 |\n||\n行政处罚 |\n3项 |\n||\n"
            "行政强制 |\n0件 |\n||\n第二十条第（八）项 |\n|||\n信息内容 |\n本年收费金额（单位：万元） |\n||\n"
            "行政事业性收费 |\n160.5964万元 |\n" + TAIL)
    report = parse(text)
    cells = _cells_of(report, "active.")
    assert cells["active.punishment.decisions"].value.number == 3
    assert cells["active.punishment.decisions"].value.unit == "项"
    assert cells["active.coercion.decisions"].value.kind is ValueKind.NUMBER
    assert cells["active.coercion.decisions"].value.number == 0
    assert cells["active.fees.amount"].value.number == Decimal("160.5964")
    assert all(c.certain for c in cells.values())


@pytest.mark.parametrize("row", ["行政许可 | 件 | 5 |", "行政许可 |\n件 |\n5 |"])
def test_a_unit_cell_is_a_unit_not_a_value(row):
    text = (HEAD_2021 + "第二十条第（五）项 | |||\n信息内容 | 本年处理决定数量 | ||\n" + row + "\n||\n" + TAIL)
    cell = parse(text).cell("active.licensing.decisions")
    assert cell is not None and cell.certain and cell.value.as_flat() == 5


def test_pdf_text_label_broken_inside_its_distinctive_words():
    """PDF text: `5.要求行政机关确认或重` / `新出具已获取信息 0 0 0 0 0 0 0`: the pattern 重新出具 spans
    the line break; the label is read across it and its values follow."""
    rows = [("4.无正当理由大量反复申请", "0 0 0 0 0 0 0", None),
            ("5.要求行政机关确认或重", "新出具已获取信息 1 0 0 0 0 0 1", "wrapped"),
            ("（六）其他处理 1.申请人无正当理由逾期", "不补正、行政机关不再处理其政府信息公开申请 2 0 0 0 0 0 2",
             "wrapped"),
            ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "0 0 0 0 0 0 0", None)]
    body = "\n".join(f"{a}\n{b}" if kind else f"{a} {b}" for a, b, kind in rows)
    text = (HEAD_2021.replace("二、主动公开政府信息情况\n", "") + "三、收到和处理政府信息公开申请情况\n"
            "自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他\n" + body
            + "\n四、政府信息公开行政复议、行政诉讼情况\n")
    report = parse(text)
    assert report.cell("requests.rejected_confirmation.total").value.as_flat() == 1
    assert report.cell("requests.rejected_confirmation.total").certain
    assert report.cell("requests.other_no_correction.natural_person").value.as_flat() == 2


@pytest.mark.parametrize("opener", ["| \n ", ""])
def test_a_label_cell_holding_a_line_break(opener):
    """multiline, cellines: a cell may hold a line break of its own (`一、本年新收政府信息公开` /
    `申请数量  |`): the label ends in a cell, and the row's cells follow one per line."""
    cells = "".join(f"{opener} {v}  | \n" if opener else f"{v} |\n" for v in (64, 0, 0, 2, 0, 4, 70))
    text = (HEAD_2021.replace("二、主动公开政府信息情况\n", "") + "三、收到和处理政府信息公开申请情况\n"
            f"{opener}一、本年新收政府信息公开\n申请数量  | \n" + cells.replace(f"{opener} ", " ") + "||\n"
            f"{opener}二、上年结转政府信息公开申请数量  | \n"
            + "".join(f" {v}  | \n" for v in (1, 0, 0, 0, 0, 0, 1)) + "||\n")
    report = parse(text)
    row = [report.cell(f"requests.new_received.{c}") for c in
           ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")]
    assert [c.value.as_flat() if c is not None and c.certain else "?" for c in row] == [64, 0, 0, 2, 0, 4, 70]


def _item1(labels: list[str]) -> str:
    """The 第二十条第（一）项 block one cell per paragraph, then the 第二十条第（五）项 block."""
    cells = ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", *labels, "4", "1", "9",
             "第二十条第（五）项", "信息内容", "本年处理决定数量", "行政许可", "5"]
    return HEAD_2021 + "".join(f"{c}\n\n" for c in cells) + TAIL


def test_values_after_a_label_are_not_its_own_when_the_next_rows_label_may_be_lost():
    """规章 followed by values, and the next row of its block (行政规范性文件) nowhere: the values may
    be that row's, its label lost, so none of 规章's cells is certain; with the label written they
    are 行政规范性文件's, certain."""
    lost = parse(_item1(["规章"]))
    cells = _cells_of(lost, "active.regulations.")
    assert cells and not any(c.certain for c in cells.values())
    assert any(d.code == "ROW_UNREADABLE" and "label lost" in d.message for d in lost.diagnostics)
    assert _cells_of(lost, "active.licensing.")["active.licensing.decisions"].certain
    written = _cells_of(parse(_item1(["规章", "行政规范性文件"])), "active.normative_documents.")
    assert {k: (c.value.as_flat(), c.certain) for k, c in written.items()} == {
        "active.normative_documents.made": (4, True), "active.normative_documents.repealed": (1, True),
        "active.normative_documents.in_force": (9, True)}


REQUEST_HEAD_2021 = ("某县人民政府2021年政府信息公开工作年度报告\n一、总体情况\n本年度工作如下。\n"
                     "三、收到和处理政府信息公开申请情况\n")


def _paragraphs(*cells: str) -> str:
    return "".join(f"{c}\n\n" for c in cells)


def test_values_before_a_label_further_down_the_template_are_not_proven_this_rows():
    """One cell per paragraph, a label lost: its values look like the row before's. Where the next
    label found is not the next template row, the row's placed and blank cells stay uncertain."""
    other = ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    lost = _paragraphs(*other, "12", "4", "16", "3.其他")  # 2.申请人逾期未按收费通知… dropped
    kept = _paragraphs(*other, "12", "4", "16",
                       "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他")
    doubtful = parse(REQUEST_HEAD_2021 + lost + "四、政府信息公开行政复议、行政诉讼情况\n")
    proven = parse(REQUEST_HEAD_2021 + kept + "四、政府信息公开行政复议、行政诉讼情况\n")
    row = "requests.other_no_correction."
    assert not any(c.certain for c in _cells_of(doubtful, row).values())
    assert [d.path for d in doubtful.diagnostics if d.code == "ROW_END_UNPROVEN"] == [row[:-1]]
    assert _cells_of(proven, row)[row + "total"].certain
    assert _cells_of(proven, row)[row + "total"].value.as_flat() == 16
    assert not proven.diagnostics_with("ROW_END_UNPROVEN")


def test_values_of_a_row_followed_by_no_row_label_before_the_tables_end_are_not_proven_this_rows():
    """The next row label the table shows is none at all though rows remain in the template (the
    label after it was lost, or written so that it is not recognised): the same doubt."""
    rows = _paragraphs("（五）不予处理", "4.无正当理由大量反复申请", "3", "3", "（六 ）其它处 理情形")
    report = parse(REQUEST_HEAD_2021 + rows + "四、政府信息公开行政复议、行政诉讼情况\n")
    row = "requests.rejected_excessive."
    cells = _cells_of(report, row)
    assert cells and not any(c.certain and c.placed for c in cells.values())
    assert [d.path for d in report.diagnostics if d.code == "ROW_END_UNPROVEN"] == [row[:-1]]
