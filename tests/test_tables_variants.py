"""Rows by label, never by position alone: every variant of FORMATS.md §7 on a real table.

The base is the fully written 2025 request table of 上海市人民政府办公厅 (evaluation corpus raw-007),
rendered in the scraper's pipe form; each test rewrites it the way real reports differ and checks that
every value is still read exactly and with certainty.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from zhgov_report import flatten, parse

from .strategies.render import Style, render
from .strategies.reports import GenReport

TRUTH = json.loads((Path(__file__).parent / "data" / "corpus" / "raw-007.scraped.truth.json").read_text("utf-8"))
VALUES = {k: (Decimal(v) if isinstance(v, str) else v) for k, v in TRUTH["values"].items()}
BASE = render(GenReport("form2021", VALUES, year=2025, agency="上海市人民政府办公厅"), Style()).text


def read_exactly(text: str) -> dict:
    report = parse(text)
    flat = flatten(report)
    missing = {k: v for k, v in VALUES.items() if flat.get(k, "absent") != v}
    assert not missing, missing
    return {d.code for d in report.diagnostics}


def test_base():
    read_exactly(BASE)


def replace(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize(
    "pairs",
    [
        # brackets and numbering styles
        [("（一）予以公开", "(一)予以公开"), ("（二）部分公开", "(二)部分公开"), ("（七）总计", "(七)总计")],
        [("1.属于国家秘密", "1、属于国家秘密"), ("2.其他法律", "2．其他法律"), ("3.危及", "(3)危及")],
        [("第二十条第（一）项", "第二十条第一项"), ("第二十条第（五）项", "第二十条 第（五）项")],
        # quotes
        [("“三安全一稳定”", '"三安全一稳定"')],
        [("“三安全一稳定”", "三安全一稳定")],
        # spaces and line breaks inside labels
        [("商业企业", "商 业 企 业"), ("法律服务机构", "法 律 服 务 机构"), ("本年制发件数", "本年 制发件数")],
        [("4.保护第三方合法权益", "4.保护第三方 合法权益"), ("6.属于四类过程性信息", "6. 属于四类过程性信息")],
        # abbreviated or truncated labels, synonyms
        [("（一）予以公开 |", "（一）予以公开情况 |"), ("1.本机关不掌握相关政府信息", "1.不掌握相关政府信息")],
        [("5.要求行政机关确认或重新出具已获取信息", "5.要求行政机关确认或重新出具")],
        [("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
          "2.申请人逾期未缴费、行政机关不再处理其政府信息公开申请")],
        [("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
          "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请")],
        # 合计 for 总计
        [("（七）总计", "（七）合计"), ("| 总计 |", "| 合计 |")],
        # full-width digits
        [("| 1259 |", "| １２５９ |"), ("| 1295 |", "| 1,295 |")],
    ],
)
def test_label_variants(pairs):
    read_exactly(replace(BASE, *pairs))


def test_category_fused_with_its_first_sub_row():
    text = replace(BASE,
                   ("（四）无法提供 | 1.本机关不掌握相关政府信息 |", "（四）无法提供1.本机关不掌握相关政府信息 |"),
                   ("（三）不予公开 | 1.属于国家秘密 |", "（三）不予 1.属于国家秘密 |"))
    read_exactly(text)


def test_table_split_by_page_footers_and_a_repeated_caption():
    text = replace(BASE, ("2.重复申请 |", "- 5 -\n— 6 —\n2.重复申请 |"),
                   ("3.其他 |", "三、收到和处理政府信息公开申请情况（续）\n3.其他 |"))
    read_exactly(text)


def test_rows_broken_over_two_lines_in_markdown():
    md = render(GenReport("form2021", VALUES, year=2025, agency="上海市人民政府办公厅"), Style(shape="markdown")).text
    read_exactly(md)


def test_unknown_extra_row_is_kept_not_guessed():
    text = replace(BASE, ("（七）总计 |", "6.无法联系到申请人 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n（七）总计 |"))
    report = parse(text)
    codes = read_exactly(text)
    assert "ROW_UNRECOGNISED" in codes
    extra = [r for t in report.tables for r in t.rows if r.key is None]
    assert [r.label for r in extra] == ["6.无法联系到申请人"]
    assert len(extra[0].values) == 7 and not extra[0].cells


def test_extra_subtotal_column():
    # derived templates add 法人或其他组织小计 after 其他: read, checked, not flattened
    row = re.compile(r"^(?P<label>.*?[^\d\s|][^|]* \| )(?P<vals>(?:\d+ \| ){6}\d+ \|)(?P<rest>[ |]*)$")
    lines = []
    for line in BASE.splitlines():
        m = row.match(line)
        if m and "三、收到" not in line:
            vals = [int(v) for v in m["vals"].rstrip(" |").split(" | ")]
            vals.insert(6, sum(vals[1:6]))
            line = m["label"] + " | ".join(map(str, vals)) + " |" + m["rest"]
        lines.append(line)
    text = "\n".join(lines).replace("| 其他 | |||||", "| 其他 | 法人或其他组织小计 | ||||")
    report = parse(text)
    codes = read_exactly(text)
    assert "EXTRA_COLUMN" in codes
    new_received = report.table("requests").row("new_received")
    assert [v.number for v in new_received.values] == [36]  # the subtotal, kept on the row, not as a cell
    check = report.check("A2s.new_received")
    assert check is None or check.status.value == "pass"


def test_subtotal_rows_of_a_derived_template_are_kept_and_not_mapped():
    text = replace(BASE, ("（三）不予公开 | 1.属于国家秘密 |",
                          "（三）不予公开 | 19 | 0 | 0 | 0 | 1 | 0 | 20 | |\n1.属于国家秘密 |"))
    report = parse(text)
    codes = read_exactly(text)
    assert "ROW_UNRECOGNISED" in codes
    assert any(r.key is None and r.label.endswith("不予公开") for r in report.table("requests").rows)


def test_2019_columns_never_map_onto_2021_keys():
    report = parse(BASE)
    assert not [k for k in flatten(report) if k.startswith("active.") and k.split(".")[-1] in
                ("new_made", "new_published", "total_published", "prior_year_items", "change")]


_APPEALS_HEAD = "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n"


def _appeals_in_subtables(second_row: str, third_head: str = _APPEALS_HEAD) -> str:
    """The review/litigation table written as three markdown sub-tables, one per row."""
    return ("某某市人民政府2021年政府信息公开工作年度报告\n\n四、政府信息公开行政复议、行政诉讼情况\n\n"
            "### 行政复议\n" + _APPEALS_HEAD + "| 27 | 10 | 9 | 15 | 61 |\n\n"
            "### 行政诉讼（未经复议直接起诉）\n" + _APPEALS_HEAD + second_row + "\n\n"
            "### 行政诉讼（复议后起诉）\n" + third_head + "| 8 | 0 | 1 | 1 | 10 |\n\n"
            "五、政府信息公开工作存在的主要问题及改进情况\n\n无。\n")


def test_appeals_subtables_are_read_whole():
    report = parse(_appeals_in_subtables("| 3 | 0 | 0 | 0 | 3 |"))
    flat = flatten(report)
    assert [flat[f"appeals.litigation_after_review.{c}"] for c in
            ("upheld", "corrected", "other", "pending", "total")] == [8, 0, 1, 1, 10]
    table = report.table("appeals")
    assert table is not None and len(table.cells) == 15 and all(c.certain for c in table.cells)


@pytest.mark.parametrize(("second_row", "third_head"), [
    ("| 3 | 0 | 0 | 0 | 3 !", _APPEALS_HEAD),  # the closing pipe of a sub-table row lost
    ("| 3 | 0 | 0 | 0 | 3 |", _APPEALS_HEAD.replace("结果纠正", "结!纠正")),  # a header word of the next one damaged
], ids=["closing-pipe-lost", "next-header-damaged"])
def test_text_that_cuts_the_appeals_values_short_leaves_no_certain_guess(second_row, third_head):
    """Text where a number belongs stops the table's values with more values after it: the cells
    they do not show are not blank (nor a certain 0 by the blank-or-0 rule), and no placement of
    the values before it is certain."""
    report = parse(_appeals_in_subtables(second_row, third_head))
    table = report.table("appeals")
    assert table is not None and table.cells and not any(c.certain for c in table.cells)
    assert any(d.code == "ROW_UNREADABLE" and "where a number belongs" in d.message for d in report.diagnostics)


def test_appeals_subtables_without_their_heading_leave_no_certain_guess():
    """With its heading damaged the table is found by its anchor word (未经复议直接起诉), after the
    first sub-table: the ten values from there on are not proven to be the whole table."""
    text = _appeals_in_subtables("| 3 | 0 | 0 | 0 | 3 |").replace("行政复议、行政诉讼情况", "行政复议、行?诉讼情况")
    report = parse(text)
    table = report.table("appeals")
    assert table is not None and table.cells and not any(c.certain for c in table.cells)
    assert any(d.code == "ROW_UNREADABLE" and "no heading" in d.message for d in report.diagnostics)


def test_a_row_read_twice_with_other_values_is_uncertain():
    """A row label that appears again with other values (a stray header cell read as the row, a
    repeated line): neither reading is proven, so the first one used is uncertain; the same
    values twice stay certain."""
    row = "（七）总计 | 1139 | 48 | 0 | 0 | 4 | 0 | 1191 | ||"
    assert row in BASE
    twice = parse(BASE.replace(row, row + "\n" + row))
    assert all(c.certain for c in twice.table("requests").cells if c.key.startswith("requests.handled_total."))
    other = parse(BASE.replace(row, "（七）总计 | ||\n" + row))
    cells = [c for c in other.table("requests").cells if c.key.startswith("requests.handled_total.")]
    assert cells and not any(c.certain for c in cells)
    assert any(d.code == "ROW_DUPLICATE" and "other values" in d.message for d in other.diagnostics)
