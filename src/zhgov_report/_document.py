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

import bisect
from collections.abc import Sequence
from typing import overload

import attrs

from .models import Diagnostic, InputKind

__all__ = ["Extracted", "Grid", "GridCell", "InputKind", "Origin"]


@attrs.frozen(slots=True)
class GridCell:
    """One cell of a table grid, merged cells once, at their top-left position.

    ``text`` is the cell's text with runs of white space folded to one space and trimmed (what a
    reader matches); ``start``/``end`` are its offsets in :attr:`Extracted.text` (``start == end``
    for an empty cell, placed where the cell stands; a document reader's cell before its text is
    written, :func:`~zhgov_report._gridtext.draft`, has ``0`` for both). ``page`` and ``box`` (x0,
    y0, x1, y1 in PDF points, origin at the page's top left) are set for cells read from a PDF.
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
    #: the columns were inferred from the text's alignment (``pdftotext -layout``), not drawn by the
    #: source (HTML, Word, a PDF's rules): the text readers may know such a table better
    inferred: bool = False

    def rows(self) -> tuple[tuple[GridCell | None, ...], ...]:
        """The expanded grid: ``rows()[r][c]`` is the cell covering row ``r``, column ``c``
        (a merged cell stands in every position it covers), ``None`` where no cell does."""
        grid: list[list[GridCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.rowspan, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.colspan, self.n_cols)):
                    grid[r][c] = cell
        return tuple(tuple(row) for row in grid)


class Origin(Sequence[int]):
    """The origin map of an extracted text, kept as runs: ``origin[i]`` is the markup offset of
    ``text[i]``; one entry more maps the text's end. A run is a piece of text written at once,
    whose characters come from consecutive markup offsets (text) or all from one (an entity, a line
    break a tag made)."""

    __slots__ = ("_at", "_end", "_starts", "_steps")

    def __init__(self, starts: list[int], at: list[int], steps: list[bool], end: int) -> None:
        self._starts, self._at, self._steps, self._end = starts, at, steps, end

    def __len__(self) -> int:
        return (self._starts[-1] if self._starts else 0) + 1

    @overload
    def __getitem__(self, i: int) -> int: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[int]: ...

    def __getitem__(self, i: int | slice) -> int | Sequence[int]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        return self.at(i)

    def at(self, i: int) -> int:
        """``self[i]`` for ``0 <= i < len(self)``, without the checks (the hot path of spans)."""
        k = bisect.bisect_right(self._starts, i) - 1
        return self._at[k] + (i - self._starts[k] if self._steps[k] else 0)


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
    #: the encoding that decoded the caller's bytes (``None`` for ``str`` input, or a document
    #: whose format carries its own encoding)
    encoding: str | None = None
