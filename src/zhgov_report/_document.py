"""What intake makes of the caller's input before any reading: the text and the tables as grids.

Every input kind (plain text, an HTML page, a Word or PDF file, a text whose columns are aligned
by spaces) becomes one :class:`Extracted`: the text that every text stage reads (detection,
sections, metadata, prose figures, the flattened-table readers) and the tables whose cells know
their row and column (:class:`Grid`). A grid's cells point into ``Extracted.text`` by offsets.

``origin`` maps the extracted text back to the caller's ``str`` where there is one (an HTML page:
``origin[i]`` is the offset in the caller's markup of ``text[i]``), so that every span the library
reports points into what the caller gave. For a document (Word, PDF) there is no caller's text:
``origin`` is ``None`` and the extracted text itself is kept on the result. ``origin`` has one
entry more than ``text`` (the caller's offset of the text's end), and ``markup`` holds the caller's
``str`` it points into.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .models import Diagnostic, InputKind

__all__ = ["Extracted", "Grid", "GridCell", "InputKind"]


@attrs.frozen(slots=True)
class GridCell:
    """One cell of a table grid, merged cells once, at their top-left position.

    ``text`` is the cell's text with runs of white space folded to one space and trimmed (what a
    reader matches); ``start``/``end`` are its offsets in :attr:`Extracted.text` (``start == end``
    for an empty cell, placed where the cell stands). ``page`` and ``box`` (x0, y0, x1, y1 in PDF
    points, origin at the page's top left) are set for cells read from a PDF.
    """

    text: str
    start: int
    end: int
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None
    box: tuple[float, float, float, float] | None = None

    @property
    def empty(self) -> bool:
        return not self.text


@attrs.frozen(slots=True)
class Grid:
    """A table whose cells know their positions: ``cells`` in reading order (row, then column),
    each merged cell once; ``start``/``end`` is the table's range in :attr:`Extracted.text`."""

    cells: tuple[GridCell, ...]
    n_rows: int
    n_cols: int
    start: int
    end: int

    def rows(self) -> tuple[tuple[GridCell | None, ...], ...]:
        """The expanded grid: ``rows()[r][c]`` is the cell covering row ``r``, column ``c``
        (a merged cell stands in every position it covers), ``None`` where no cell does."""
        grid: list[list[GridCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.rowspan, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.colspan, self.n_cols)):
                    grid[r][c] = cell
        return tuple(tuple(row) for row in grid)


@attrs.frozen(slots=True)
class Extracted:
    """The caller's input as the reading stages take it (see the module's docstring)."""

    text: str
    kind: InputKind = InputKind.TEXT
    grids: tuple[Grid, ...] = ()
    origin: Sequence[int] | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    #: the caller's ``str`` that ``origin`` points into (an HTML page's markup), else ``None``
    markup: str | None = None
