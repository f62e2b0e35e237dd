"""The harmonised panel values of one report: :func:`harmonize`.

Each quantity of :mod:`zhgov_report.templates.harmonized` is evaluated from the report's cells under
its layout's definition:

* a quantity of one key takes that cell's value as :func:`~zhgov_report.flatten` gives it (a number,
  or ``None`` for a blank or not-applicable cell);
* a sum is a number when every part is one. A blank part counts as 0 only when another part is
  written and the blank part's whole row is blank or zero (nothing was requested on that ground); a
  blank part beside written numbers in its row (a 总计 left unfilled), a not-applicable part, or
  parts that are all blank make the sum ``None``, as a blank cell is in ``flatten``;
* the quantity is certain only when every part is certain. Without ``uncertain=True`` a quantity with
  an uncertain part, a part the report lacks, or no definition in the report's layout is left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import attrs

from .models import Cell, Number, Report, Row, ValueKind
from .templates.harmonized import QUANTITIES, Definition, Quantity

__all__ = ["HarmonizedValue", "harmonize", "harmonized_values"]


@attrs.frozen(slots=True)
class HarmonizedValue:
    """One harmonised quantity of a report: its value (``None``: blank or not applicable) and certainty."""

    key: str
    value: Number | None
    certain: bool
    keys: tuple[str, ...]


class _Part(NamedTuple):
    """A cell with its row, to tell a blank row from an unfilled cell."""

    cell: Cell
    row: Row


def _parts(report: Report) -> dict[str, _Part]:
    return {c.key: _Part(c, r) for t in report.tables for r in t.rows for c in r.cells}


def _row_is_empty(row: Row) -> bool:
    """Every cell of the row is blank or a written 0."""
    return all(c.value.kind is ValueKind.BLANK or c.value.number == 0 for c in row.cells)


def _part_value(part: _Part, in_sum: bool) -> Number | None:
    v = part.cell.value
    if v.kind is ValueKind.NUMBER:
        return v.number
    if v.kind is ValueKind.BLANK and in_sum and _row_is_empty(part.row):
        return 0
    return None


def _evaluate(q: Quantity, d: Definition, parts: dict[str, _Part]) -> HarmonizedValue | None:
    found = [parts.get(k) for k in d.keys]
    if any(p is None for p in found):
        return None
    present = [p for p in found if p is not None]
    all_blank = all(p.cell.value.kind is ValueKind.BLANK for p in present)
    values = [_part_value(p, len(present) > 1 and not all_blank) for p in present]
    total: Number | None = None if any(v is None for v in values) else sum(v for v in values if v is not None)
    certain = all(p.cell.certain for p in present)
    return HarmonizedValue(q.key, total, certain, d.keys)


def harmonized_values(report: Report) -> Iterator[HarmonizedValue]:
    """Every quantity the report's layout defines and the report has all parts of, certain or not."""
    parts = _parts(report)
    for q in QUANTITIES:
        d = q.definition(report.format.value)
        if d is None:
            continue
        hv = _evaluate(q, d, parts)
        if hv is not None:
            yield hv


def harmonize(report: Report, *, uncertain: bool = False) -> dict[str, Number | None]:
    """The report's harmonised panel values: ``{"panel.requests.received": 23, ...}``.

    The keys are those of :data:`zhgov_report.templates.harmonized.QUANTITIES` (see the harmonised
    panel page of the documentation for each one's definition in each era). A value is ``int`` or
    ``Decimal``, or ``None`` where the report leaves the quantity blank or not applicable. A quantity
    is present only when the report's layout defines it and every cell it comes from was read and
    is certain; ``uncertain=True`` adds those with an uncertain part, at the most plausible placement
    (as :func:`~zhgov_report.flatten` does).
    """
    if not isinstance(report, Report):
        raise TypeError(f"harmonize() takes a Report, not {type(report).__name__}")
    return {hv.key: hv.value for hv in harmonized_values(report) if hv.certain or uncertain}
