"""Digits glued across cells (INPUT.md §2) are split only where the arithmetic proves one split."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from zhgov_report import flatten, parse

from .strategies.render import Style, render
from .strategies.reports import GenReport

TRUTH = json.loads((Path(__file__).parent / "data" / "corpus" / "raw-009.scraped.truth.json").read_text("utf-8"))
ROW = re.compile(r"^(?P<label>.*?[^\d\s|][^|]*?) \| (?P<vals>(?:[\d.]+ \| )*[\d.]+) \|[ |]*$")


def glue(text: str) -> str:
    """Every table row written without separators, the whole report on one line (as raw-009 is)."""
    out = []
    for line in text.splitlines():
        m = ROW.match(line)
        out.append(m["label"] + m["vals"].replace(" | ", "") if m else line.replace(" | ", "").rstrip(" |"))
    return "".join(out)


def test_one_line_glued_report_reads_its_request_table():
    values = {k: (Decimal(v) if isinstance(v, str) else v) for k, v in TRUTH["values"].items()}
    active = {"active.regulations.made": 0, "active.regulations.repealed": 0, "active.regulations.in_force": 0,
              "active.normative_documents.made": 6, "active.normative_documents.repealed": 93,
              "active.normative_documents.in_force": 665, "active.licensing.decisions": 2293,
              "active.punishment.decisions": 1282, "active.coercion.decisions": 42,
              "active.fees.amount": Decimal("24252.311082")}
    gen = GenReport("form2021", {**values, **active}, year=2021, agency="平潭综合实验区")
    text = glue(render(gen, Style()).text)
    assert "\n" not in text and "640020470" in text
    report = parse(text)
    flat = flatten(report)
    for key, value in values.items():  # every request and appeal cell: unique splits
        assert flat.get(key) == value, key
    codes = [d.code for d in report.diagnostics]
    assert "DIGITS_SPLIT" in codes
    # 行政规范性文件 '693665' splits many ways into three cells and nothing decides: unreadable, not guessed
    assert "active.normative_documents.made" not in flat
    unreadable = [d for d in report.diagnostics
                  if d.code == "ROW_UNREADABLE" and d.path == "active.normative_documents"]
    assert unreadable and "693665" in unreadable[0].message
    # single-cell rows are certain
    assert flat["active.licensing.decisions"] == 2293
    assert flat["active.fees.amount"] == Decimal("24252.311082")


def test_two_row_total_splits_resolved_by_the_column_identities():
    # 予以公开 '270020130' splits two ways with a correct row total (27,0,0,2,0,1,30 / 2,7,0,0,20,1,30);
    # only the first satisfies A1 and A3 with the other rows (the truth note of corpus raw-009)
    report = parse((Path(__file__).parent / "data" / "corpus" / "raw-009.asis.txt").read_text("utf-8"))
    granted = [report.cell(f"requests.granted.{c}").value.number for c in
               ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")]
    assert granted == [27, 0, 0, 2, 0, 1, 30]
    assert all(report.cell(f"requests.granted.{c}").certain for c in ("natural_person", "total"))
    assert report.check("A3.social_welfare").used_for_placement


def test_glued_appeals_line_split_by_a4():
    report = parse((Path(__file__).parent / "data" / "corpus" / "raw-012.asis.txt").read_text("utf-8"))
    # '21317000001324019' (17 digits for 15 cells): the only split satisfying the three A4 sums
    got = [c.value.number for c in report.table("appeals").cells]
    assert got == [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19]
    assert all(c.certain for c in report.table("appeals").cells)


def test_a_space_separated_cell_is_one_value_not_glued_digits():
    # Found by the property suite: in "规范性文件 100" (two cells left blank) the 100 is one cell.
    report = parse("某局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
                   "信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n规范性文件 100\n")
    cells = [report.cell(f"active.normative_documents.{c}") for c in ("new_made", "new_published", "total_published")]
    assert not any(c.certain for c in cells)
    assert [c.value.as_flat() for c in cells] != [1, 0, 0]
    assert {a.as_flat() for c in cells for a in (c.value, *c.alternatives)} >= {100}


def test_glued_digits_without_a_row_identity_are_not_split_densely():
    report = parse("某局2019年政府信息公开工作年度报告 二、主动公开政府信息情况 第二十条第（一）项"
                   "信息内容本年新制作数量本年新公开数量对外公开总数量规范性文件100第二十条第（五）项")
    assert not any(report.cell(f"active.normative_documents.{c}").certain
                   for c in ("new_made", "new_published", "total_published"))
