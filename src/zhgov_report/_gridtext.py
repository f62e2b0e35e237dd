"""The text a document's reader builds: its lines in order, each table's rows as lines of cells.

A document (Word, PDF) has no text of its own, so its reader writes one: each paragraph a line,
each table row a line of its cells between ``|`` (``label | 1 |  | 3 |``), every cell at its own
range of the text. The text stages (detection, sections, metadata, figures, the flattened-table
readers) read that text as they read a pasted page, and each :class:`~zhgov_report._document.Grid`
cell points at its range.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from ._document import Extracted, Grid, GridCell
from .models import Diagnostic, InputKind

__all__ = ["TextBuilder", "draft", "row_line"]

SEPARATOR = " | "


def draft(text: str, row: int, col: int, rowspan: int = 1, colspan: int = 1, page: int | None = None,
          box: tuple[float, float, float, float] | None = None) -> GridCell:
    """A table cell as a document reader finds it, its text not yet written: its offsets are set
    when :meth:`TextBuilder.add_grid` writes its row."""
    return GridCell(text, 0, 0, row, col, rowspan, colspan, page, box)


def row_line(texts: Iterable[str]) -> tuple[str, list[int]]:
    """The cells joined by `` | `` and closed by `` |``, and each cell's offset in the line."""
    offsets: list[int] = []
    parts: list[str] = []
    pos = 0
    for text in texts:
        offsets.append(pos)
        parts.append(text)
        pos += len(text) + len(SEPARATOR)
    return SEPARATOR.join(parts) + " |", offsets


@attrs.define
class TextBuilder:
    """Accumulates a document's text lines and the grids whose cells point into them."""

    kind: InputKind
    parts: list[str] = attrs.Factory(list)
    size: int = 0
    grids: list[Grid] = attrs.Factory(list)
    diagnostics: list[Diagnostic] = attrs.Factory(list)

    def emit(self, line: str) -> int:
        """Append one line; return its start offset."""
        start = self.size
        self.parts.append(line)
        self.parts.append("\n")
        self.size += len(line) + 1
        return start

    def extend_last(self, more: str) -> None:
        """Continue the last line (a paragraph wrapped in the document)."""
        if not self.parts:
            self.emit(more)
            return
        self.parts.insert(len(self.parts) - 1, more)
        self.size += len(more)

    def add_grid(self, drafts: Iterable[GridCell]) -> None:
        """Render the cells (:func:`draft`) row by row and keep their grid, each cell at its
        offsets in the text (nothing for no cells)."""
        ordered = sorted(drafts, key=lambda d: (d.row, d.col))
        if not ordered:
            return
        start = self.size
        cells = [cell for row in _rows(ordered) for cell in self._render_row(row)]
        n_rows = max(d.row + d.rowspan for d in ordered)
        n_cols = max(d.col + d.colspan for d in ordered)
        self.grids.append(Grid(tuple(cells), n_rows, n_cols, start, max(start, self.size - 1)))

    def add_block(self, text: str, grids: Iterable[Grid]) -> None:
        """Append lines written elsewhere (``text`` ends with a line break) and the grids whose
        cells point into them."""
        base = self.size
        self.parts.append(text)
        self.size += len(text)
        self.grids.extend(_shifted(g, base) for g in grids)

    def _render_row(self, row: list[GridCell]) -> Iterator[GridCell]:
        line, offsets = row_line(d.text for d in row)
        base = self.emit(line)
        for d, off in zip(row, offsets, strict=True):
            yield GridCell(d.text, base + off, base + off + len(d.text), d.row, d.col, d.rowspan, d.colspan,
                           d.page, d.box)

    def extracted(self) -> Extracted:
        return Extracted(text="".join(self.parts), kind=self.kind, grids=tuple(self.grids),
                         diagnostics=tuple(self.diagnostics))


def _rows(ordered: list[GridCell]) -> Iterator[list[GridCell]]:
    """The drafts grouped by their top row (rows where no cell starts are skipped)."""
    current: list[GridCell] = []
    for d in ordered:
        if current and current[0].row != d.row:
            yield current
            current = []
        current.append(d)
    if current:
        yield current


def _shifted(grid: Grid, base: int) -> Grid:
    """The grid with every offset moved ``base`` on."""
    cells = tuple(attrs.evolve(c, start=c.start + base, end=c.end + base) for c in grid.cells)
    return attrs.evolve(grid, cells=cells, start=grid.start + base, end=grid.end + base)
