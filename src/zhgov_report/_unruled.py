"""Tables a PDF draws without rules, read by the x-positions of their header cells.

Many agencies' PDFs hold a table with no drawn lines (a borderless table, or rules that are
images): :mod:`zhgov_report._pdf` finds no frame, and its words stand on the page as prose lines.
A run of such lines that holds a template's header words (自然人, 法人或其他组织, 总计, 本年制发件数,
统计指标 …) and value lines below them is an unruled table. Its lines are written as text the way
``pdftotext -layout`` writes a page (each word at the character column of its x-position, a blank
line where the rows stand apart, a form feed where a page breaks), and the one reader of tables
aligned by position (:mod:`zhgov_report._aligned`, :func:`~zhgov_report._aligned.grids_of_lines`)
finds its grid from the words' own x-extents in points (half a character's width a column), not
from their columns in that text:

- the columns from the header cells' x-extents (:func:`zhgov_report._aligned.header_columns`:
  stacked parts of a wrapped header one column, a word over several a group header);
- the rows from the baselines (characters whose vertical centres agree make one line; a label
  wrapped in its cell is joined to the row whose values stand nearest to it);
- a value placed in a column only when it stands under that one column and every value row of
  its page stands under the header's columns, or its row holds as many values as the table has
  columns; a row whose values are not so proven keeps them in reading order after the columns
  (the readers place them by arithmetic, never certain by position);
- an empty cell only in a row whose values are placed, under a column where nothing stands, or
  in every column of a label standing alone (rows apart above and below) when every value row
  has a label;
- a table continued on the next page keeps the header's columns there when every value row of
  that page stands under them (a PDF's positions are the page's own); else only a row that fills
  every column is placed there.

The grid is :attr:`~zhgov_report._document.Grid.inferred` (its columns were not drawn), so the
post-2019 readers keep it only where it proves as many cells as the text reader does, and the
text, which holds every line of the table, stays the fallback. Each cell keeps its page and box.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

import attrs

from ._aligned import TextLine, grids_of_lines, positioned_line
from ._document import Grid, GridCell
from ._numbers import parse_value
from .templates import LAYOUTS
from .templates._base import TableSpec

if TYPE_CHECKING:
    from ._pdf import Char, Line, PlacedTable

__all__ = ["HEADER_WORDS", "Rendered", "Unruled", "find", "render"]

_WORD_GAP = 0.5  # a gap wider than this many character widths ends a word
_DIGIT_GAP = 0.25  # between two ASCII characters, a gap wider than this many ends it
_ROW_GAP = 2.2  # lines further apart than this many line heights have a blank line between them
_CLOSE = 3.2  # a line nearer than this many line heights below the last still belongs to the table
_SAMPLE = 15  # characters whose median width is the table's character width
_PROSE_CHARS = 22  # a line of one run of text at least this long is prose, not a table line
_MIN_UNIT = 0.5  # points: a column of the layout text is never narrower (characters without width)
_MAX_COLUMN = 2000  # the layout text's widest line (a word placed far off the page stands here)


def _words_of(spec: TableSpec) -> Iterator[str]:
    for col in (*spec.columns, *(c for b in spec.blocks for c in b.columns)):
        yield from (w for w in (col.label, *col.patterns) if len(w) >= 3)
    if spec.layout == "line":
        yield from (r.label for r in spec.all_rows())  # 行政复议, 行政诉讼 over their columns


#: Header words of the templates' tables: a run of lines holding one of these and values below is a table.
HEADER_WORDS: frozenset[str] = frozenset(
    w for t in LAYOUTS.values() for s in t.tables for w in _words_of(s)
) | {"总计", "法人或其他组织", "行政诉讼", "统计指标", "指标名称", "统计数"}


class Unruled(NamedTuple):
    """A table drawn without rules: its lines, top to bottom (over one page or more)."""

    lines: tuple[Line, ...]

    @property
    def y(self) -> float:
        return self.lines[0].y


class _Word(NamedTuple):
    """A run of characters of a line, no gap wider than :data:`_WORD_GAP` inside."""

    chars: tuple[Char, ...]

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return self.chars[-1].x1

    @property
    def text(self) -> str:
        return "".join(c.ch for c in self.chars)


def _words(line: Line, cw: float) -> list[_Word]:
    """The line's words: a gap wider than :data:`_WORD_GAP` character widths ends one, and between
    two ASCII characters one wider than :data:`_DIGIT_GAP` (two numbers in neighbouring columns
    never run together: a number's digits touch)."""
    out: list[list[Char]] = []
    for c in line.chars:
        if c.ch.isspace():
            continue
        prev = out[-1][-1] if out else None
        gap = _DIGIT_GAP if prev is not None and prev.ch.isascii() and c.ch.isascii() else _WORD_GAP
        if prev is not None and c.x0 - prev.x1 <= gap * cw:
            out[-1].append(c)
        else:
            out.append([c])
    return [_Word(tuple(w)) for w in out]


def _height(line: Line) -> float:
    return statistics.median(c.y1 - c.y0 for c in line.chars) if line.chars else 1.0


def _char_width(lines: Sequence[Line]) -> float:
    """A full-width character's width: the median width of the lines' first CJK characters (else
    their characters' height)."""
    wide = sorted(itertools.islice((c.x1 - c.x0 for ln in lines for c in ln.chars if not c.ch.isascii()
                                    and c.x1 > c.x0), _SAMPLE))
    if wide:
        return wide[len(wide) // 2]
    return statistics.median(_height(ln) for ln in lines) if lines else 10.0


# --- finding unruled tables among the prose lines ---------------------------------------------------


def _line_words(line: Line) -> list[_Word]:
    return _words(line, _char_width([line]))


def _prose(line: Line) -> bool:
    """A line of running text: one run of text, long or ending a sentence."""
    text = line.text
    return (len(text) >= _PROSE_CHARS or "。" in text) and "  " not in text and _one_run(line)


def _one_run(line: Line) -> bool:
    gap = _WORD_GAP * _char_width([line])
    chars = [c for c in line.chars if not c.ch.isspace()]
    return all(b.x0 - a.x1 <= gap for a, b in itertools.pairwise(chars))


_HEADER = re.compile("|".join(re.escape(w) for w in sorted(HEADER_WORDS, key=len, reverse=True)))


def _has_header(line: Line) -> bool:
    return _HEADER.search("".join(line.text.split())) is not None


def _has_values(line: Line) -> bool:
    """A line of a table's row: a value after a wide gap (at its right)."""
    words = _line_words(line)
    return len(words) >= 2 and parse_value(words[-1].text) is not None


def _close(above: Line, below: Line) -> bool:
    return below.page == above.page and below.y - above.y <= _CLOSE * _height(above)


def _table_end(run: Sequence[Line], head: int) -> int | None:
    """Where the table whose header line is ``run[head]`` ends (exclusive): after its last value
    line and the label lines close below it; ``None`` when no value line follows the header."""
    last = None
    for i in range(head + 1, len(run)):
        if _has_values(run[i]):
            last = i
        elif _has_header(run[i]) and last is not None and not _close(run[i - 1], run[i]):
            break  # the next table's header
    if last is None:
        return None
    end = last + 1
    while end < len(run) and _close(run[end - 1], run[end]) and not _has_header(run[end]):
        end += 1
    return end


def _table_start(run: Sequence[Line], head: int) -> int:
    """The header's first line: the lines close above the header word's line (申请人情况, a note)."""
    start = head
    while start > 0 and _close(run[start - 1], run[start]) and not run[start - 1].text.endswith("。"):
        start -= 1
    return start


def _split(run: Sequence[Line]) -> Iterator[Line | Unruled]:
    i = 0
    while i < len(run):
        head = next((k for k in range(i, len(run)) if _has_header(run[k])), None)
        end = None if head is None else _table_end(run, head)
        if head is None or end is None:
            yield from run[i:]
            return
        start = max(_table_start(run, head), i)
        yield from run[i:start]
        yield Unruled(tuple(run[start:end]))
        i = end


def find(items: Sequence[Line | PlacedTable]) -> list[Line | PlacedTable | Unruled]:
    """``items`` (prose lines and ruled tables in reading order) with each unruled table's lines
    made one :class:`Unruled`; a run of table lines (no prose between) may cross a page break."""
    from ._pdf import Line

    if not any(isinstance(item, Line) and _has_header(item) for item in items):
        return list(items)  # no header word outside the ruled tables: no unruled table
    out: list[Line | PlacedTable | Unruled] = []
    run: list[Line] = []
    for item in items:
        if isinstance(item, Line) and not _prose(item):
            run.append(item)
            continue
        out.extend(_split(run))
        run = []
        out.append(item)
    out.extend(_split(run))
    return out


# --- rendering as layout text -----------------------------------------------------------------------


@attrs.frozen
class Rendered:
    """An unruled table's layout text and the grids in it (offsets into ``text``)."""

    text: str
    grids: tuple[Grid, ...]


@attrs.define
class _Writer:
    """Writes lines as layout text, each word at the column of its x-position (``unit`` points a
    column), and keeps each line's words with their x-extents in columns and the character (and
    its page) at each offset."""

    left: float
    unit: float
    parts: list[str] = attrs.Factory(list)
    size: int = 0
    lines: list[TextLine] = attrs.Factory(list)
    at: dict[int, Char] = attrs.Factory(dict)
    starts: list[int] = attrs.Factory(list)  # each line's start offset

    def page_at(self, offset: int) -> int:
        """The page of the line holding ``offset``."""
        return self.lines[max(bisect.bisect_right(self.starts, offset) - 1, 0)].page

    def _add(self, line: TextLine) -> None:
        self.lines.append(line)
        self.starts.append(line.start)

    def put(self, s: str) -> None:
        self.parts.append(s)
        self.size += len(s)

    def blank(self, page: int) -> None:
        self._add(positioned_line(len(self.lines), self.size, self.size, (), page))
        self.put("\n")

    def line(self, line: Line) -> None:
        start, col = self.size, 0
        words: list[tuple[str, int, int, int, int]] = []
        for w in _words(line, 2 * self.unit):
            x0, x1 = self._column(w.x0), self._column(w.x1)
            want = max(x0, col + 2 if col else 0)
            self.put(" " * (want - col))
            words.append((w.text, self.size, self.size + len(w.chars), x0, max(x1, x0 + 1)))
            for c in w.chars:
                self.at[self.size] = c
                self.put(c.ch)
            col = want + len(w.chars)
        self._add(positioned_line(len(self.lines), start, self.size, words, line.page))
        self.put("\n")

    def _column(self, x: float) -> int:
        return min(max(round((x - self.left) / self.unit), 0), _MAX_COLUMN)


def render(table: Unruled) -> Rendered:
    """The table's lines as ``pdftotext -layout`` writes them, and the grids read there (by the
    words' x-positions, not their columns in the text)."""
    lines = table.lines
    w = _Writer(min(c.x0 for ln in lines for c in ln.chars), max(_char_width(lines) / 2, _MIN_UNIT))
    prev: Line | None = None
    for line in lines:
        if prev is not None and line.page != prev.page:
            w.put("\f")
        elif prev is not None and line.y - prev.y > _ROW_GAP * _height(prev):
            w.blank(line.page)
        w.line(line)
        prev = line
    text = "".join(w.parts)
    return Rendered(text, tuple(_boxed(g, w) for g in grids_of_lines(w.lines)))


def _boxed(grid: Grid, w: _Writer) -> Grid:
    """The grid with each cell's page (of the line it stands in) and a non-empty cell's box (the
    bounds of its characters)."""
    return attrs.evolve(grid, cells=tuple(_cell_box(c, w) for c in grid.cells))


def _cell_box(cell: GridCell, w: _Writer) -> GridCell:
    cs = [w.at[i] for i in range(cell.start, cell.end) if i in w.at]
    if not cs or not cell.text:
        return attrs.evolve(cell, page=w.page_at(cell.start))
    box = (round(min(c.x0 for c in cs), 2), round(min(c.y0 for c in cs), 2),
           round(max(c.x1 for c in cs), 2), round(max(c.y1 for c in cs), 2))
    return attrs.evolve(cell, page=w.page_at(cell.start), box=box)
