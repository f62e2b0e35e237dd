"""Consistent pre-2019 statistics sheets, from :mod:`zhgov_report.templates.sheet`.

The rows, their order, labels, units and section headings are the declarations' (``ORDER``,
``ROWS``, ``CATEGORIES``); the arithmetic is ``IDENTITIES`` (B1–B10), solved by the same plan as
the post-2019 tables (:func:`.reports.plan_for`). A local sheet with a 历年累计 column gets a
second consistent column for the earlier years and ``历年累计 = 本年 + earlier``, so the cumulative
twins of every identity and ``本年 ≤ 历年累计`` (BC) hold too.

Some local sheets lack the rows of :data:`~zhgov_report.templates.sheet.VARIANT_ROWS`; a generated
sheet drops each such group at random, and its identities are those of the rows it has (a sum over
the parts present, as the reader evaluates it).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
from hypothesis import strategies as st

from zhgov_report.models import Number
from zhgov_report.templates import Identity
from zhgov_report.templates import sheet as spec

from .grid import HCell, HTable
from .reports import _DENSITY, DENSITIES, CellInfo, WrittenCells, amount, count, fill, identity_holds, plan_for

__all__ = [
    "CELL_SHAPES", "GenSheet", "cell_document", "cell_lines", "layout_lines", "sheet_reports", "sheet_tables",
]

_ROWS = {r.key: r for r in spec.ROWS}
_CATS = {c.key: c for c in spec.CATEGORIES}

#: Row groups a local variant may lack (each group goes or stays as a whole).
_VARIANT_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(g) for g in ({"requests_other_channel"}, {k for k in spec.VARIANT_ROWS if k.startswith("complaints_")},
                           {k for k in spec.VARIANT_ROWS if k.startswith("archives_")}) if g
)


def _money(row: str) -> bool:
    return _ROWS[row].unit in spec.MONEY_UNITS


def _restrict(ident: Identity, present: frozenset[str]) -> Identity | None:
    """The identity over the cells a sheet has: a sum over the parts present; ``None`` when a
    whole side is missing or a non-sum identity lost a cell."""
    def keep(side: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(k for k in side if k in present)

    left, right = keep(ident.left), keep(ident.right)
    if (left, right) == (ident.left, ident.right):
        return ident
    if ident.relation == "=" and len(ident.left) == 1 and left and right:
        return attrs.evolve(ident, right=right)
    return None


@attrs.frozen
class GenSheet(WrittenCells):
    """A generated statistics sheet, with the same interface as :class:`.reports.GenReport`."""

    values: Mapping[str, Number]
    order: tuple[str, ...]  #: entries as rendered: ``#<category>`` or a row key
    cumulative: bool
    blank: frozenset[str] = frozenset()
    year: int = 2016
    agency: str = "某某县商务局"
    filler: str = "——"  #: what the section rows hold in their value cells
    form: str = "pre2019"

    @property
    def rows(self) -> tuple[str, ...]:
        return tuple(e for e in self.order if not e.startswith("#"))

    @property
    def identities(self) -> tuple[Identity, ...]:
        present = frozenset(self.values)
        declared = spec.all_identities() if self.cumulative else spec.IDENTITIES
        return tuple(r for i in declared if (r := _restrict(i, present)) is not None)

    def cell(self, key: str) -> CellInfo:
        row = key.split(".", 1)[1]
        column = "cumulative" if key.startswith(spec.CUMULATIVE_PREFIX) else "current"
        return CellInfo(key, "sheet", row, column, False, _money(row), _ROWS[row].unit)



@st.composite
def _column(draw: st.DrawFn, rows: tuple[str, ...], zero_percent: int) -> dict[str, Number]:
    present = frozenset(spec.current_key(r) for r in rows)
    idents = [r for i in spec.IDENTITIES if (r := _restrict(i, present)) is not None]
    plan = plan_for("pre2019", tuple(spec.current_key(r) for r in rows), idents)

    def draw_free(key: str) -> Number:
        row = key.split(".", 1)[1]
        return draw(amount(zero_percent)) if _money(row) else draw(count(zero_percent))

    return draw(fill(plan, draw_free, count(zero_percent)))


@st.composite
def sheet_reports(draw: st.DrawFn, density: str | None = None) -> GenSheet:
    """A statistics sheet whose every identity holds (B1–B10; with a 历年累计 column, their
    cumulative twins and 本年 ≤ 历年累计)."""
    drop: set[str] = set()
    for group in _VARIANT_GROUPS:
        if draw(st.booleans()):
            drop |= group
    order = tuple(e for e in spec.ORDER if e not in drop)
    rows = tuple(e for e in order if not e.startswith("#"))
    zero_percent = DENSITIES[density or draw(_DENSITY, label="density")]
    current = draw(_column(rows, zero_percent))
    cumulative = draw(st.booleans(), label="cumulative column")
    values: dict[str, Number] = dict(current)
    if cumulative:
        earlier = draw(_column(rows, zero_percent))
        for r in rows:
            values[spec.cumulative_key(r)] = current[spec.current_key(r)] + earlier[spec.current_key(r)]
    agency = draw(st.sampled_from(("金乡县商务局", "新乡经济技术开发区管理委员会", "某某市人民政府办公室")))
    report = GenSheet(values, order, cumulative, year=draw(st.integers(2014, 2018)), agency=agency,
                      filler=draw(st.sampled_from(("——", "----", "—", ""))))
    broken = [i.id for i in report.identities if not identity_holds(i, report.values)]
    negative = [k for k, v in values.items() if v < 0]
    if broken or negative:
        raise AssertionError(f"generated sheet breaks {broken} / negative {negative}: tests/strategies/sheet.py "
                             "does not fit templates/sheet.py any more")
    return report


def _word(word: str) -> str:
    if word not in spec.SHEET.header_words:
        raise AssertionError(f"header word {word!r} is no longer in the sheet's header_words")
    return word


def sheet_tables(report: GenSheet, text_of) -> list[HTable]:  # type: ignore[no-untyped-def]
    """The sheet as a grid: the national header (统计指标 | 单位 | 统计数) or, with a 历年累计
    column, the local one (指标名称 | 计量单位 | YYYY年度 | 历年累计); section rows carry the
    sheet's filler in their value cells."""
    if report.cumulative:
        header = [_word("指标名称"), _word("计量单位"), f"{report.year}年度", _word("历年累计")]
    else:
        header = [_word("统计指标"), _word("单位"), _word("统计数")]
    rows: list[tuple[HCell, ...]] = [tuple(HCell(h, header=True) for h in header)]
    ncols = len(header) - 2
    for entry in report.order:
        if entry.startswith("#"):
            rows.append((HCell(_CATS[entry[1:]].label), *(HCell(report.filler, header=True)
                                                          for _ in range(ncols + 1))))
            continue
        row = _ROWS[entry]
        keys = [spec.current_key(entry)] + ([spec.cumulative_key(entry)] if report.cumulative else [])
        rows.append((HCell(row.label), HCell(row.unit or "", header=True),
                     *(HCell(text_of(k), key=k) for k in keys)))
    return [HTable(spec.SHEET, tuple(rows))]


#: The one-cell-per-line shapes of INPUT.md §2a that :func:`cell_lines` renders.
CELL_SHAPES = ("cellines", "multiline", "paragraphs", "alternating")


def _cell_row(texts: list[str], shape: str) -> list[str]:
    """One row, one cell per line (INPUT.md §2a): ``cellines`` writes ``text |`` per cell and the
    pad run of the empty cells on a line of its own; ``multiline`` opens the row with ``| `` and
    writes `` text  | `` per cell, the pad run after the last cell; ``paragraphs`` writes each cell
    as a paragraph and ``alternating`` each cell followed by a ``|`` line (empty cells leave
    nothing in either)."""
    full = [t for t in texts if t]
    pad = "|" * (len(texts) - len(full))
    if shape == "cellines":
        return [f"{t} |" for t in full] + ([pad] if pad else [])
    if shape == "multiline":
        cells = [f" {t}  | " for t in full]
        if pad and cells:
            cells[-1] = cells[-1] + pad
        return ["| ", *cells]
    if shape == "paragraphs":
        return [line for t in full for line in (t, "")]
    if shape == "alternating":
        return [line for t in full for line in (t, "|")]
    raise ValueError(shape)


def _layout_row(texts: list[str], width: int) -> list[str]:
    """One row as ``pdftotext -layout`` writes a Word table: the label cell wrapped every ``width``
    characters, the unit and value cells on the middle line of the label, each padded to its
    column (an empty cell is a gap), a blank line after the row."""
    label, cells = texts[0], texts[1:]
    pieces = [label[i:i + width] for i in range(0, len(label), width)] or [""]
    middle = (len(pieces) - 1) // 2
    out = []
    for n, piece in enumerate(pieces):
        line = f"  {piece:<{width}}"
        if n == middle:
            line += "".join(f"  {t:>10}" for t in cells)  # at least two spaces between cells
        out.append(line.rstrip())
    return [*out, ""]


def layout_lines(table: HTable, width: int = 13) -> list[str]:
    """The lines of a sheet's grid as PDF layout text (``pdftotext -layout``)."""
    return [line for row in table.rows for line in _layout_row([c.text for c in row], width)]


def cell_lines(table: HTable, shape: str) -> list[str]:
    """The lines of a sheet's grid in one of :data:`CELL_SHAPES`, or ``layout`` (PDF layout text)."""
    if shape == "layout":
        return layout_lines(table)
    return [line for row in table.rows for line in _cell_row([c.text for c in row], shape)]


def cell_document(report: GenSheet, table: HTable, shape: str, *, note: bool = True) -> str:
    """A pre-2019 report whose sheet is written one cell per line in ``shape``."""
    lines = [f"{report.agency}{report.year}年政府信息公开工作年度报告", "一、概述",
             f"{report.year}年，我局依法做好政府信息公开工作。", f"附件：{report.year}年度{table.spec.title}",
             *cell_lines(table, shape)]
    if note:
        lines.append(f"注：本表统计期限为{report.year}年1月1日至12月31日。")
    return "\n".join(lines) + "\n"
