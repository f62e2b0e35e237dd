"""A PDF table cell's page and box carried onto the report's cells read from it.

The readers give each :class:`~zhgov_report.models.Cell` a span of the extracted text; a span that
falls within a PDF grid cell's range gets that grid cell's page and box.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

from ._document import Grid, GridCell
from .models import Cell, Row, Table

__all__ = ["with_boxes"]


def with_boxes(tables: Sequence[Table], grids: Sequence[Grid]) -> list[Table]:
    """The tables, each cell read from a PDF grid cell given that cell's page and box."""
    placed = sorted((c for g in grids for c in g.cells if c.page is not None), key=lambda c: c.start)
    if not placed:
        return list(tables)
    starts = [c.start for c in placed]
    return [attrs.evolve(t, rows=tuple(_row(r, placed, starts) for r in t.rows)) for t in tables]


def _row(row: Row, placed: list[GridCell], starts: list[int]) -> Row:
    return attrs.evolve(row, cells=tuple(_cell(c, placed, starts) for c in row.cells))


def _cell(cell: Cell, placed: list[GridCell], starts: list[int]) -> Cell:
    if cell.span is None:
        return cell
    i = bisect.bisect_right(starts, cell.span.start) - 1
    if i < 0 or cell.span.end > placed[i].end:
        return cell
    return attrs.evolve(cell, page=placed[i].page, box=placed[i].box)
