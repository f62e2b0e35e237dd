"""Golden test of seed 001 (大溪镇 2019, form2019, the scraped pipe format with vanished cells).

Every cell of its three tables, which cells are uncertain, and why. The text's table 三 writes only
the 总计 column's neighbours: ``一、本年新收… | 2 | 2 |`` says two of seven cells hold 2 without
saying which; A2 (总计 = the sum of the applicant columns) proves the second 2 is 总计, and nothing
proves which applicant column holds the first, so those cells stay uncertain.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhgov_report import CheckStatus, Format, ValueKind, flatten, parse
from zhgov_report.templates import form2019

from .conftest import seed_text

REPORT = parse(seed_text("001"))
APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")


def test_format_and_tables():
    assert REPORT.format is Format.FORM2019
    assert [t.id for t in REPORT.tables] == ["active", "requests", "appeals"]


ACTIVE = {
    "regulations": (0, 0, 0),
    "normative_documents": (0, 0, 0),
    "licensing": (0, 0, 0),
    "other_services": (0, 0, 0),
    "punishment": (0, 0, 0),
    "coercion": (0, 1, 1),
    "fees": (0, 0),
    "procurement": (49, Decimal("12230930.6")),
}


def test_active_table_every_cell_certain():
    table = REPORT.table("active")
    assert table is not None
    for block in form2019.ACTIVE.blocks:
        for row in block.rows:
            values = tuple(table.cell(f"active.{row.key}.{c.key}").value.number for c in block.columns)
            assert values == ACTIVE[row.key], row.key
    assert all(c.certain for c in table.cells)
    amount = table.cell("active.procurement.amount").value
    assert isinstance(amount.number, Decimal)


@pytest.mark.parametrize("row", ["new_received", "partially_granted", "handled_total"])
def test_rows_with_two_twos(row):
    table = REPORT.table("requests")
    total = table.cell(f"requests.{row}.total")
    assert (total.value.number, total.certain, total.placed) == (2, True, True)
    cells = [table.cell(f"requests.{row}.{c}") for c in APPLICANTS]
    assert not any(c.certain for c in cells)
    # the most plausible placement puts the 2 under 自然人; the others are the alternatives
    assert cells[0].value.number == 2
    assert {a.number for a in cells[1].alternatives} | {cells[1].value.number} >= {2}
    diag = [d for d in REPORT.diagnostics if d.code == "PLACEMENT_AMBIGUOUS" and d.path == f"requests.{row}"]
    assert len(diag) == 1 and "6 placements" in diag[0].message


@pytest.mark.parametrize("row", ["carried_over", "carried_forward"])
def test_rows_of_zeros_are_certain_zeros(row):
    # "0 | 0": wherever the two zeros sit, every cell of the row counts 0
    for col in (*APPLICANTS, "total"):
        cell = REPORT.table("requests").cell(f"requests.{row}.{col}")
        assert cell.certain and cell.value.kind is ValueKind.NUMBER and cell.value.number == 0


def test_rows_without_values_are_blank_not_zero():
    table = REPORT.table("requests")
    empty = [r.key for r in form2019.TEMPLATE.table("requests").rows
             if r.key not in ("new_received", "carried_over", "partially_granted", "handled_total",
                              "carried_forward")]
    assert len(empty) == 18
    for row in empty:
        for col in (*APPLICANTS, "total"):
            cell = table.cell(f"requests.{row}.{col}")
            assert cell.certain and cell.value.kind is ValueKind.BLANK, (row, col)


def test_appeals_one_one_is_ambiguous_over_twelve_placements():
    table = REPORT.table("appeals")
    cells = table.cells
    assert len(cells) == 15 and not any(c.certain for c in cells)
    # most plausible: 行政复议 结果维持 1, 总计 1 (the prose confirms: 行政复议案件1件，结果维持)
    assert table.cell("appeals.review.upheld").value.number == 1
    assert table.cell("appeals.review.total").value.number == 1
    (diag,) = [d for d in REPORT.diagnostics if d.code == "PLACEMENT_AMBIGUOUS" and d.path == "appeals"]
    assert "12 placements" in diag.message


def test_flatten_gives_only_what_the_text_proves():
    flat = flatten(REPORT)
    assert flat["requests.new_received.total"] == 2
    assert "requests.new_received.natural_person" not in flat
    assert flat["requests.granted.natural_person"] is None  # blank, not 0
    assert not any(k.startswith("appeals.") for k in flat)
    guess = flatten(REPORT, uncertain=True)
    assert guess["requests.new_received.natural_person"] == 2
    assert guess["appeals.review.upheld"] == 1


def test_checks():
    by_id = {c.id: c for c in REPORT.checks}
    a1 = by_id["A1.total"]
    assert (a1.status, a1.left, a1.right, a1.used_for_placement) == (CheckStatus.PASS, 2, 2, True)
    assert by_id["A1.natural_person"].status is CheckStatus.NOT_ASSESSABLE  # its cells are uncertain
    a2 = by_id["A2.granted"]
    assert a2.status is CheckStatus.PASS and a2.blank_as_zero
    assert by_id["A4.review"].status is CheckStatus.NOT_ASSESSABLE
    assert not [c for c in REPORT.checks if c.status is CheckStatus.FAIL]
