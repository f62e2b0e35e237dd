"""Tables whose columns are aligned by runs of spaces (``pdftotext -layout``) read into grids.

``pdftotext -layout`` writes a table as text: each cell's words at the character column where the
cell stands, one character one column (CJK characters included: poppler's layout grid counts
characters, not display width), cells separated by runs of two or more spaces, a blank cell a gap
under its header, a label wrapped onto several lines around its row's values, merged labels
(``三、本`` / ``年度办`` / ``理结果``) stacked one part a line, blank lines between rows, and a page
break (form feed) or a page number (``—3—``) wherever the page ended.

This module finds those tables and returns them as :class:`~zhgov_report._document.Grid`, in the form
the grid reader (:mod:`zhgov_report._grid`) reads:

- column 0 holds each row's label: the label words of the row's lines, stacked parts joined top to
  bottom, side-by-side stacks (a merged parent label beside the row's own) left to right, page by
  page; the cell's ``text`` is that label (its ``start``/``end`` cover the lines it came from);
- columns 1..n are the value columns, found from the header words' character positions
  (:func:`header_columns`): a narrow word joins the column it stands over, a wide one over several
  columns is a group header;
- row 0 is the header (the label column's words, then each value column's) when no header word
  spans columns; when one does (申请人情况, 行政复议) there is no header row, since where a group's
  columns end the text does not say, and the rows are read by their count;
- a value's column is proven by its row's count (as many values as the table has columns) or by its
  position: on the header's page, when every value row of that page stands under the header's
  columns (each value under exactly one, in order, or at most :data:`_DRIFT` spaces right of one
  and nearer to it than to the next: :func:`column_under`). pdftotext places each page anew (a
  later page's rows may be shifted, scaled, or packed against their labels), so a later page's
  positions are trusted only when the page proves it is placed as the header's: a row of it fills
  every column, each value under its own column's header, and every value row of it stands under
  the columns exactly;
- a row without label words (四、复议诉讼's one row under its headers) has no label cell;
- a row whose values' columns are not proven has no cell in the value columns (``rows()`` gives
  ``None``: unknown, never blank) and its values after them (columns n+1.., in reading order): a
  reader places them by arithmetic, as the text readers place a scraped row;
- an empty :class:`GridCell` (``text == ""``) is a cell the text proves blank: a gap under a header
  column in a row whose values were placed, or every column of a row with a label and no value that
  stands alone between blank lines (when every value row has a label). Any other label without
  values is left out of the grid: pdftotext may have set its values apart from it, or dropped them.

The column inference is a function of "words with x-ranges" only (:func:`header_columns`,
:func:`place`), so that another reader of unruled tables (PDF words in points) can reuse it.
Every pass is linear in the text's size and bounded: only lines near value lines are split into
words, a table's header is at most :data:`MAX_HEADER_LINES` lines, a text gives at most
:data:`MAX_VALUE_LINES` value lines and :data:`MAX_GRIDS` tables (later ones are left to the text
readers).
"""

from __future__ import annotations

import enum
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, TypeVar

import attrs
import regex

from ._document import Grid, GridCell
from ._numbers import is_placeholder, parse_value
from ._values import ORDINALS, UNIT_WORDS
from .templates._post2019 import SECTION_HEADINGS

__all__ = [
    "MAX_COLUMNS",
    "MAX_GRIDS",
    "MAX_HEADER_LINES",
    "MAX_VALUE_LINES",
    "Column",
    "Kind",
    "Located",
    "TextLine",
    "Word",
    "aligned_grids",
    "aligned_with",
    "column_under",
    "grids_of_lines",
    "header_columns",
    "place",
    "positioned_line",
    "regular",
    "text_lines",
]

#: Lines above a table's first value row that may be its header or its first rows left blank.
MAX_HEADER_LINES = 48
#: The most value lines looked at in one text, and the most tables returned.
MAX_VALUE_LINES = 4000
MAX_GRIDS = 256
#: The most value columns a table may have (a row of more values is not a table row).
MAX_COLUMNS = 64
_MAX_HEADER_WORDS = 80

_FRAGMENT = re.compile(r"[^ \t\f\r]+(?: [^ \t\f\r]+)*")  # the standard library's: sooner on short lines
_FOOTER = regex.compile(
    r"^(?:[-—–_~=]+\s*\d{1,4}\s*[-—–_~=]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)$"
)
_FOOTER_FIRST = "-—–_~=第"  #: the characters a page number line begins with
_ORDINAL = regex.compile(
    rf"^(?:[{ORDINALS}]{{1,3}}\s*[、.．]|[(（]\s*[{ORDINALS}]{{1,3}}\s*[)）]|\d{{1,2}}\s*[.、．](?!\d))"
)
_HEADING = regex.compile(
    rf"^[{ORDINALS}]{{1,2}}\s*[、.．].*?(?:"
    + "|".join(regex.escape(w) for _, _, words in SECTION_HEADINGS for w in words) + ")"
)
_PROSE_CHARS = 22  # a line of one run of text at least this long is prose, not a table line
_MIN_INDENT = 2
_LABEL_SLACK = 4  # a header word over the label column starts at most this far right of the labels
_MAX_VALUE_CHARS = 32  # a longer run of text is never one value
# A value after a gap of two or more spaces: a text without one has no aligned table.
_GAP_VALUE = regex.compile(r"(?:^|[^ \t\n]) {2,}[-+\d—–－/]", regex.M)
_MAX_LINE_WORDS = 128  # a line of more runs of text is not a table line
_TAIL_LINES = 200  # lines a table may go on past its last value line (labels of rows left blank)
#: How many spaces clear of its header column a value may stand on the header's page: pdftotext
#: sets a vertical header's characters (one CJK character a line) left of the values under them,
#: the more the further right. On the corpus's full rows (whose count proves their columns): 1128
#: values overlap their column, 91 stand 0 to 3 spaces right of it and nearer to it than to the
#: next column, none stands left of it.
_DRIFT = 3


class Located(Protocol):
    """Anything with an x-range: a word of a text line (character columns) or of a PDF (points)."""

    @property
    def x0(self) -> float: ...

    @property
    def x1(self) -> float: ...


class _Paged(Protocol):
    @property
    def page(self) -> int: ...


_OnPage = TypeVar("_OnPage", bound=_Paged)


class Kind(enum.Enum):
    """What a word of a table line is."""

    TEXT = "text"
    NUMBER = "number"
    PLACEHOLDER = "placeholder"
    UNIT = "unit"


@attrs.frozen(slots=True)
class Word:
    """A run of text between gaps of two or more spaces (numbers also split at single spaces):
    ``start``/``end`` are offsets in the text, ``x0``/``x1`` the character columns it covers."""

    text: str
    start: int
    end: int
    x0: int
    x1: int
    kind: Kind
    page: int = 0


@attrs.frozen(slots=True)
class TextLine:
    """One line of the text: its words, and ``split``: ``words[split:]`` are the value words at its
    right (numbers, placeholders, units), ``words[:split]`` the label words."""

    index: int
    start: int
    end: int
    words: tuple[Word, ...]
    split: int
    footer: bool = False
    page: int = 0  # page breaks (form feeds) before the line: pdftotext places each page anew

    @property
    def labels(self) -> tuple[Word, ...]:
        return self.words[: self.split]

    @property
    def values(self) -> tuple[Word, ...]:
        return self.words[self.split :]

    @property
    def empty(self) -> bool:
        return not self.words

    @property
    def has_value_area(self) -> bool:
        return self.split < len(self.words)

    @property
    def has_values(self) -> bool:
        for w in self.words[self.split :]:  # noqa: SIM110 - a loop: no generator for every line
            if w.kind is _NUMBER or w.kind is _PLACEHOLDER:
                return True
        return False


@attrs.frozen(slots=True)
class Column:
    """A value column found from header words: its x-range and its header words (top to bottom)."""

    x0: float
    x1: float
    words: tuple[int, ...] = ()  # indexes of the header words stacked in this column

    def overlaps(self, item: Located, slack: float) -> bool:
        return item.x0 < self.x1 + slack and item.x1 > self.x0 - slack


# Enum members as module constants: every word of every line near a value line is asked for its kind.
_NUMBER, _PLACEHOLDER = Kind.NUMBER, Kind.PLACEHOLDER

# ---------------------------------------------------------------------------------------------
# lines and words


def _kind(text: str) -> Kind:
    if len(text) > _MAX_VALUE_CHARS:
        return Kind.TEXT
    if text in UNIT_WORDS:
        return Kind.UNIT
    if is_placeholder(text):
        return Kind.PLACEHOLDER
    return Kind.NUMBER if parse_value(text) is not None else Kind.TEXT


def _split_numbers(text: str, start: int, x0: int, page: int) -> Iterator[Word]:
    """A run of single-space-separated words that are all values becomes one word each."""
    offset = 0
    for part in text.split(" "):
        yield Word(part, start + offset, start + offset + len(part), x0 + offset, x0 + offset + len(part),
                   _kind(part), page)
        offset += len(part) + 1


def _words(text: str, start: int, end: int, page: int) -> tuple[Word, ...]:
    out: list[Word] = []
    for m in _FRAGMENT.finditer(text, start, end):
        s, e, frag = m.start(), m.end(), m.group()
        kind = _kind(frag)
        if kind is Kind.TEXT and " " in frag and all(_kind(p) is not Kind.TEXT for p in frag.split(" ")):
            out.extend(_split_numbers(frag, s, s - start, page))
        else:
            out.append(Word(frag, s, e, s - start, e - start, kind, page))
    return tuple(out)


def _split_at(words: tuple[Word, ...]) -> int:
    """Where the value words at the right of a line begin (``len(words)`` when there are none)."""
    if any("|" in w.text for w in words):
        return len(words)  # pipe rows are the text readers' shape, never an aligned table
    i = len(words)
    while i > 0 and words[i - 1].kind is not Kind.TEXT:
        i -= 1
    if i == len(words) or (i == 0 and all(w.kind is Kind.UNIT for w in words)):
        return len(words)
    if i == 0 and len(words) == 1 and words[0].x0 < _MIN_INDENT:
        return len(words)  # a lone value at the margin: one cell a line, not a column of a table
    return i


def _line(text: str, index: int, start: int, end: int, page: int) -> TextLine:
    if text.startswith("\f", start):
        start += 1  # a page break: the new page's first line begins after it
    body = text[start:end].strip()
    if body and body[0] in _FOOTER_FIRST and _FOOTER.match(body):
        return TextLine(index, start, end, (), 0, footer=True, page=page)
    if text.count("  ", start, end) > 2 * _MAX_LINE_WORDS:
        whole = Word(body, start, end, 0, end - start, Kind.TEXT, page)  # too many runs for a table row
        return TextLine(index, start, end, (whole,), 1, page=page)
    words = _words(text, start, end, page)
    return TextLine(index, start, end, words, _split_at(words), page=page)


def _next_line(text: str, index: int, start: int, page: int) -> tuple[TextLine, int]:
    """The line starting at ``start`` and where the next one starts."""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    page += text.count("\f", start, end)
    return _line(text, index, start, end, page), end + 1


def text_lines(text: str) -> tuple[TextLine, ...]:
    """Every line of ``text`` with its words. A form feed (page break) opening a line is skipped
    and counted in ``page``; a page number line (``—3—``, ``第 3 页``) has no words and is marked
    ``footer``."""
    out: list[TextLine] = []
    start = 0
    while start <= len(text):
        line, start = _next_line(text, len(out), start, out[-1].page if out else 0)
        out.append(line)
    return tuple(out)


def _lines_up(text: str, start: int, n: int, floor: int) -> int:
    """The start of the line ``n`` lines above the line starting at ``start`` (not above ``floor``)."""
    for _ in range(n):
        if start <= floor:
            return floor
        start = text.rfind("\n", 0, start - 1) + 1
    return max(start, floor)


@attrs.frozen(slots=True)
class _Window:
    """Lines around a text's value lines: from a header's reach above the first to where no value
    line came for :data:`_TAIL_LINES` lines (or running text began after one)."""

    lines: tuple[TextLine, ...]
    end: int  # where the next line starts
    values: int  # its value lines


def _window(text: str, start: int, page: int, budget: int) -> _Window:
    out: list[TextLine] = []
    quiet = values = 0
    while start <= len(text) and quiet <= _TAIL_LINES and values < budget:
        line, start = _next_line(text, len(out), start, page)
        out.append(line)
        page = line.page
        has_values = line.has_values  # asked once: a window reads every line of its table
        values += has_values
        quiet = 0 if has_values else quiet + 1
        if values and not has_values and _prose_text(line):
            break
    return _Window(tuple(out), start, values)


def _windows(text: str) -> Iterator[tuple[TextLine, ...]]:
    """The text's windows of lines that may hold aligned tables, in order and not overlapping; the
    rest of the text (running text) is never split into words. At most :data:`MAX_VALUE_LINES`
    value lines are looked at: a report's tables have a few hundred (a longer text's later tables
    are left to the text readers)."""
    pos = page = seen = 0
    counted = 0
    while seen < MAX_VALUE_LINES:
        m = _GAP_VALUE.search(text, pos)
        if m is None:
            return
        start = _lines_up(text, text.rfind("\n", 0, m.start()) + 1, MAX_HEADER_LINES, pos)
        page += text.count("\f", counted, start)
        window = _window(text, start, page, MAX_VALUE_LINES - seen)
        counted, pos, seen = start, window.end, seen + window.values
        yield window.lines


def _is_prose(line: TextLine) -> bool:
    """A line of running text or a section heading: no table goes on across it."""
    return not line.has_values and _prose_text(line)


def _prose_text(line: TextLine) -> bool:
    """A line of one run of text that is running text or a section heading."""
    if len(line.words) != 1:
        return False
    word = line.words[0]
    if word.x0 <= 1 and _HEADING.match(word.text):
        return True  # a section's heading ends the table before it
    return len(word.text) >= _PROSE_CHARS or ("。" in word.text and len(word.text) >= 10)


# ---------------------------------------------------------------------------------------------
# column inference (words with x-ranges only)


def _target(groups: Sequence[list[float]], sizes: Sequence[int], w: Located, slack: float) -> int:
    """Where a header word goes: the index of the column it stacks on, ``-1`` for a new column,
    ``-2`` when it spans columns. It stacks on the one column it overlaps, or (overlapping none)
    on the one whose range widened by ``slack / 2`` holds its centre: words of one column drift by
    a character between lines, words of neighbouring columns merely touch."""
    hits = [i for i, g in enumerate(groups) if w.x0 < g[1] and w.x1 > g[0]]
    if len(hits) > 1 or (hits and _too_wide(groups[hits[0]], sizes[hits[0]], w, slack)):
        return -2
    if hits:
        return hits[0]
    centre, half = (w.x0 + w.x1) / 2, slack / 2
    near = [i for i, g in enumerate(groups) if g[0] - half <= centre <= g[1] + half]
    return near[0] if len(near) == 1 else -1


def header_columns(lines: Sequence[Sequence[Located]], slack: float = 1) -> tuple[tuple[Column, ...], tuple[int, ...]]:
    """The leaf columns of a header given as lines of words (top to bottom) with x-ranges.

    Words stacked over one another (``商业企`` / ``业``) make one column; a word that overlaps two
    or more columns, or is much wider than the one it overlaps, spans them (a group header such as
    ``法人或其他组织``). Words are taken narrowest first, so that leaves make the columns before a
    spanning word is met. Returns the columns left to right and the flat indexes of the spanning
    words (indexes count the words line by line)."""
    flat = [w for line in lines for w in line]
    groups: list[list[float]] = []
    members: list[list[int]] = []
    spanning: list[int] = []
    for i in sorted(range(len(flat)), key=lambda i: flat[i].x1 - flat[i].x0):
        w, at = flat[i], _target(groups, [len(m) for m in members], flat[i], slack)
        if at == -2:
            spanning.append(i)
        elif at >= 0:
            groups[at][0], groups[at][1] = min(groups[at][0], w.x0), max(groups[at][1], w.x1)
            members[at].append(i)
        else:
            groups.append([w.x0, w.x1])
            members.append([i])
    cols = sorted((Column(g[0], g[1], tuple(sorted(m))) for g, m in zip(groups, members, strict=True)),
                  key=lambda c: c.x0)
    return tuple(cols), tuple(sorted(spanning))


def _too_wide(group: list[float], size: int, w: Located, slack: float) -> bool:
    """A word much wider than the column it overlaps is a group header over it: wider by more than
    ``slack`` than a column of stacked words (``申请人情况`` over ``社会公`` / ``益组织``, ``行政复议``
    over ``结`` / ``果`` / ``维`` / ``持``), by more than twice as much than a single word."""
    width = group[1] - group[0]
    return (w.x1 - w.x0) > width + (slack if size >= 2 else 2 * slack + 2 * max(slack, 1))


def _overlapping(columns: Sequence[Column], item: Located, slack: float) -> list[int]:
    return [i for i, c in enumerate(columns) if c.overlaps(item, slack)]


def place(values: Sequence[Located], columns: Sequence[Column], slack: float = 0,
          by_position: bool = True, drift: float = 0) -> tuple[int, ...] | None:
    """The column of each value, or ``None`` when the values' columns are not proven.

    As many values as columns: the columns in order (the count proves them). Fewer, and
    ``by_position``: each value must stand under exactly one column (:func:`column_under`), and
    the columns must increase left to right."""
    if len(values) == len(columns):
        return tuple(range(len(columns)))
    if len(values) > len(columns) or not by_position:
        return None
    return _under(values, columns, slack, drift)


def _under(values: Sequence[Located], columns: Sequence[Column], slack: float,
           drift: float) -> tuple[int, ...] | None:
    """Each value's column by position (:func:`column_under`), increasing; else ``None``."""
    out: list[int] = []
    for v in values:
        at = column_under(v, columns, slack, drift)
        if at is None or (out and at <= out[-1]):
            return None
        out.append(at)
    return tuple(out)


def column_under(item: Located, columns: Sequence[Column], slack: float = 0, drift: float = 0) -> int | None:
    """The one column ``item`` stands under: the one it overlaps (columns widened by ``slack``);
    overlapping none, the nearest column left of it when it stands at most ``drift`` clear of it
    (spaces between them) and nearer to it than to the next column right of it (a value drifts
    right of its header, never left: :data:`_DRIFT`). ``None`` when its column is ambiguous."""
    hits = _overlapping(columns, item, slack)
    if hits or drift <= 0:
        return hits[0] if len(hits) == 1 else None
    left = [i for i, c in enumerate(columns) if c.x1 <= item.x0]
    if not left:
        return None
    i = max(left, key=lambda i: columns[i].x1)
    gap = _clearance(columns[i], item)
    right = (_clearance(c, item) for c in columns if c.x0 >= item.x1)
    return i if gap <= slack + drift and all(gap < g for g in right) else None


def _clearance(column: Column, item: Located) -> float:
    """The spaces between a column and an item beside it (negative when they overlap)."""
    return max(column.x0 - item.x1, item.x0 - column.x1)


def aligned_with(values: Sequence[Located], columns: Sequence[Column], slack: float = 0,
                 drift: float = 0) -> bool:
    """Every value stands under exactly one column (:func:`column_under`), in the columns' order
    (position, not count)."""
    if not values or len(values) > len(columns):
        return False
    out = _under(values, columns, slack, drift)
    return out is not None and (len(values) < len(columns) or out == tuple(range(len(columns))))


def regular(columns: Sequence[Column], min_gap: float = 2) -> bool:
    """Columns far enough apart to tell a value's column by its position. Header words drifting
    across a page break or a crowded line (``尚`` two columns left of the ``尚`` below it) make
    columns a character apart: then only a full row's count proves its values' columns."""
    return all(b.x0 - a.x1 >= min_gap for a, b in itertools.pairwise(columns))


# ---------------------------------------------------------------------------------------------
# table regions


@attrs.frozen(slots=True)
class _Region:
    """A table's lines: ``header`` above its first row, ``body`` its rows (empty lines kept);
    ``boundary`` is the leftmost value's column (label words stand left of it)."""

    header: tuple[TextLine, ...]
    body: tuple[TextLine, ...]
    boundary: int


def _reaches(line: TextLine, boundary: int) -> bool:
    """A line without values with a word over the value columns: a header line."""
    return not line.has_value_area and any(w.x1 > boundary for w in line.words)


def _close(pending: Sequence[TextLine], body: Sequence[TextLine], boundary: int) -> _Region | None:
    """The region of a table: the pending lines up to the last that reaches the value columns
    are its header, the rest its first row's label lines."""
    last = max((i for i, line in enumerate(pending) if _reaches(line, boundary)), default=-1)
    if last < 0:
        return None
    header = tuple(line for line in pending[: last + 1] if not line.empty)
    return _Region(header, tuple(pending[last + 1 :]) + tuple(body), boundary)


@attrs.define
class _Scan:
    """The state of the region scan: lines since the last table or prose, and the open table.

    ``boundary`` is the open table's leftmost value column on the header's page; ``reach`` the
    same on the current page (pdftotext places each page anew, so a page's labels may stand
    right of the last page's values), ``None`` on a new page until its first value line."""

    pending: list[TextLine] = attrs.Factory(list)
    body: list[TextLine] = attrs.Factory(list)
    boundary: int = 0
    reach: int | None = None
    page: int = 0

    def close(self) -> _Region | None:
        region = _close(self.pending, self.body, self.boundary) if self.body else None
        self.pending, self.body = [], []
        return region

    def wait(self, line: TextLine) -> None:
        self.pending.append(line)
        if len(self.pending) > MAX_HEADER_LINES:
            del self.pending[0]

    def open(self, line: TextLine) -> None:
        self.boundary = self.reach = line.values[0].x0
        self.page = line.page
        self.body = [line]

    def add(self, line: TextLine) -> None:
        if line.page != self.page:
            self.page, self.reach = line.page, None
        if line.has_value_area:
            x = line.values[0].x0
            self.reach = x if self.reach is None else min(self.reach, x)
            if line.page == self.body[0].page:
                self.boundary = min(self.boundary, x)
        self.body.append(line)

    def header_next(self, line: TextLine) -> bool:
        """The line is a new table's header: no values, a word over this page's value columns."""
        return self.reach is not None and line.page == self.page and _reaches(line, self.reach)


def _regions(lines: Sequence[TextLine]) -> Iterator[_Region]:
    scan = _Scan()
    for line in lines:
        region: _Region | None = None
        if _is_prose(line):
            region = scan.close()
        elif not scan.body:
            if line.has_values:
                scan.open(line)
            else:
                scan.wait(line)
        elif scan.header_next(line):
            region = scan.close()
            scan.wait(line)
        else:
            scan.add(line)
        if region is not None:
            yield region
    region = scan.close()
    if region is not None:
        yield region


# ---------------------------------------------------------------------------------------------
# rows: a row's label lines and its value line


@attrs.frozen(slots=True)
class _Row:
    """One table row: its label words (from every line of its band) and its value lines."""

    labels: tuple[Word, ...]
    values: tuple[TextLine, ...]
    end: int
    alone: bool = False  # the only row of its block (blank lines above and below)


def _unpaged(body: Sequence[TextLine]) -> Iterator[TextLine]:
    """The lines without page numbers and the empty lines around them (a page break inside a
    table does not end a row)."""
    drop = [line.footer for line in body]
    for i, line in enumerate(body):
        if line.footer:
            _drop_empty(body, drop, range(i - 1, -1, -1))
            _drop_empty(body, drop, range(i + 1, len(body)))
    return (line for line, d in zip(body, drop, strict=True) if not d)


def _drop_empty(body: Sequence[TextLine], drop: list[bool], indexes: range) -> None:
    for j in indexes:
        if not body[j].empty or body[j].footer or drop[j]:
            return
        drop[j] = True


def _blocks(body: Sequence[TextLine]) -> Iterator[list[TextLine]]:
    block: list[TextLine] = []
    for line in _unpaged(body):
        if line.empty:
            if block:
                yield block
            block = []
        else:
            block.append(line)
    if block:
        yield block


def _ordinal(line: TextLine) -> Word | None:
    """The rightmost label word of the line that opens with an ordinal (``一、`` ``（三）`` ``2.``)."""
    found = None
    for w in line.labels:
        if _ORDINAL.match(w.text):
            found = w
    return found


def _starts(block: Sequence[TextLine]) -> list[int]:
    """The lines of a block where a row's label begins: those whose ordinal stands in the block's
    innermost label column (a parent label's ordinal, ``（五）`` left of the rows' ``3.``, is not)."""
    found = [(i, w) for i, line in enumerate(block) if (w := _ordinal(line)) is not None]
    if not found:
        return []
    top = max(w.x0 for _, w in found)
    return [i for i, w in found if w.x0 >= top - 4 and (w.x0 == top or not _ORDINAL.fullmatch(w.text))]


def _chains(block: Sequence[TextLine]) -> list[list[TextLine]]:
    """A block's lines cut at its rows' starts; lines above the first start join the first row."""
    cuts = _starts(block)
    if not cuts or cuts[0] != 0:
        cuts = [0, *cuts[1:]] if cuts else [0]
    bounds = [*cuts, len(block)]
    return [list(block[a:b]) for a, b in itertools.pairwise(bounds)]


def _nearest(chain: Sequence[TextLine], values: Sequence[int]) -> list[int]:
    """For each line of a chain, the index (into ``values``) of the value line nearest to it."""
    out: list[int] = []
    k = 0
    for i in range(len(chain)):
        while k + 1 < len(values) and abs(values[k + 1] - i) <= abs(values[k] - i):
            k += 1
        out.append(k)
    return out


def _chain_rows(chain: Sequence[TextLine]) -> Iterator[_Row]:
    """A chain's rows: one, or one per value line when the chain holds several (each label line
    then goes with the value line nearest to it)."""
    at = [i for i, line in enumerate(chain) if line.has_value_area]
    if len(at) <= 1:
        yield _Row(tuple(w for line in chain for w in line.labels), tuple(chain[i] for i in at), chain[-1].end)
        return
    owned: list[list[TextLine]] = [[] for _ in at]
    for line, k in zip(chain, _nearest(chain, at), strict=True):
        owned[k].append(line)
    for i, lines in zip(at, owned, strict=True):
        yield _Row(tuple(w for line in lines for w in line.labels), (chain[i],), lines[-1].end)


def _block_rows(block: Sequence[TextLine]) -> list[_Row]:
    rows = [row for chain in _chains(block) for row in _chain_rows(chain)]
    return [attrs.evolve(rows[0], alone=True)] if len(rows) == 1 else rows


def _rows(body: Sequence[TextLine]) -> list[_Row]:
    return [row for block in _blocks(body) for row in _block_rows(block)]


# ---------------------------------------------------------------------------------------------
# the grid


def _stacks(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into stacks that overlap in x (one label cell's parts), left to right."""
    stacks: list[list[Word]] = []
    right = -1
    for w in sorted(words, key=lambda w: w.x0):
        if stacks and w.x0 < right:
            stacks[-1].append(w)
            right = max(right, w.x1)
        else:
            stacks.append([w])
            right = w.x1
    return stacks


def _joined(words: Sequence[Word]) -> str:
    """Label words as one text: each stack's parts top to bottom, stacks left to right, page by
    page (a label broken by a page break goes on where the next page places it)."""
    return " ".join(_page_text(ws) for _, ws in sorted(_by_page(words).items()))


def _page_text(words: Sequence[Word]) -> str:
    return " ".join("".join(w.text for w in sorted(s, key=lambda w: w.start)) for s in _stacks(words))


def _text_cell(words: Sequence[Word], row: int, col: int, at: int, colspan: int = 1) -> GridCell:
    if not words:
        return GridCell("", at, at, row, col, colspan=colspan)
    return GridCell(_joined(words), min(w.start for w in words), max(w.end for w in words), row, col,
                    colspan=colspan)


@attrs.frozen(slots=True)
class _Header:
    """A table's header: its value columns, the label-side words, the words spanning columns."""

    columns: tuple[Column, ...]
    words: tuple[Word, ...]  # the value-side header words, flat (Column.words index them)
    labels: tuple[Word, ...]
    spanning: tuple[tuple[Word, ...], ...]  # per header line


def _label_indent(region: _Region) -> int:
    """How far right a header word over the label column may start: a little right of the
    leftmost label of the header's page (``-1`` when the rows have no labels). The labels' right
    end says nothing: a long label may reach under the first value column's header word."""
    page = region.header[-1].page
    left = min((w.x0 for line in region.body if line.page == page for w in line.labels), default=None)
    return -1 if left is None else left + _LABEL_SLACK


def _label_side(w: Word, indent: int, boundary: int) -> bool:
    """A header word over the label column: left of every value, and starting where the labels
    start or standing well clear of the values (``统计指标``, ``信息内容``, the 勾稽关系 note)."""
    return (w.x0 + w.x1) / 2 < boundary and (w.x0 <= indent or w.x1 <= boundary - _LABEL_SLACK)


def _header(region: _Region) -> _Header | None:
    indent = _label_indent(region)
    value_side = [[w for w in line.words if not _label_side(w, indent, region.boundary)] for line in region.header]
    flat = tuple(w for line in value_side for w in line)
    if not flat or len(flat) > _MAX_HEADER_WORDS:
        return None
    columns, spanning = header_columns(value_side)
    wide = {id(flat[i]) for i in spanning}
    per_line = tuple(tuple(w for w in line if id(w) in wide) for line in value_side)
    side = {id(w) for w in flat}
    first = next(i for i, line in enumerate(value_side) if line)  # a title above the header is not its words
    labels = tuple(w for line in region.header[first:] for w in line.words if id(w) not in side)
    return _Header(columns, flat, labels, tuple(p for p in per_line if p))


def _header_cells(header: _Header, at: int) -> list[GridCell]:
    """The header row: the label column's words, then each value column's. None when some header
    word spans columns (申请人情况, 行政复议): where such a word's columns end the text does not
    say, and a reader would take a column for the wrong group; the rows are read by count then."""
    if header.spanning:
        return []
    cells = [_text_cell(header.labels, 0, 0, at)]
    for i, col in enumerate(header.columns):
        cells.append(_text_cell([header.words[j] for j in col.words], 0, 1 + i, at))
    return cells


def _blank_at(line_start: int, line_end: int, col: Column) -> int:
    return min(line_start + int(col.x0), line_end)


def _value_cells(row: _Row, r: int, fit: _Fit) -> list[GridCell]:
    """A value row's cells, every column one (blank where nothing stands), or none when the
    row's values are not proven in their columns."""
    line = row.values[0]
    columns = fit.header.columns
    drift = fit.trusted.get(line.page)
    if drift is not None and any(w.x1 > columns[0].x0 for w in line.labels):
        drift = None  # a label reaching into the value columns may hide a value (``申请 0``)
    placed = place(line.values, columns, by_position=drift is not None, drift=drift or 0)
    if placed is None:
        return []
    got = dict(zip(placed, line.values, strict=True))
    return [
        GridCell(w.text, w.start, w.end, r, 1 + c) if (w := got.get(c)) else
        GridCell("", at, at, r, 1 + c)
        for c, col in enumerate(columns)
        if (at := _blank_at(line.start, line.end, col)) >= 0
    ]


def _blank_cells(row: _Row, r: int, n: int) -> list[GridCell]:
    return [GridCell("", row.end, row.end, r, 1 + c) for c in range(n)]


def _row_cells(row: _Row, r: int, fit: _Fit) -> list[GridCell]:
    """A row's cells: its label, then its value columns' cells (blank where nothing stands); a row
    whose values' columns are unknown has them after the value columns instead, in reading order.
    A row without label words (四、复议诉讼's one row under its headers) has no label cell: no
    label is not a blank cell."""
    label = [_text_cell(row.labels, r, 0, row.values[0].start if row.values else row.end)] if row.labels else []
    if not row.values:
        return [*label, *_blank_cells(row, r, len(fit.header.columns))]
    return [*label, *(_value_cells(row, r, fit) or _loose_cells(row, r, len(fit.header.columns)))]


def _readable(row: _Row, n: int) -> bool:
    """A row the grid can show: no more values than the table has columns (a row with more is
    left out, unknown: it holds values of other rows or of no column)."""
    return not row.values or len(row.values[0].values) <= n


def _loose_cells(row: _Row, r: int, n: int) -> list[GridCell]:
    return [GridCell(w.text, w.start, w.end, r, 1 + n + i) for i, w in enumerate(row.values[0].values)]


def _kept(rows: Sequence[_Row]) -> list[_Row]:
    """The rows the grid shows. A row with a label and no value is shown (blank in every column)
    only when it stands alone between blank lines and every value row has a label; else it is
    left out, unknown: pdftotext may have set its values apart from it, or dropped them."""
    blanks = all(row.labels for row in rows if row.values)
    return [row for row in rows if row.values or (blanks and row.alone and row.labels)]


def _by_values(header: _Header, line: TextLine) -> _Header:
    """The header with the columns of a full value row: its values' x-ranges, and the header
    words that stand over exactly one of them."""
    columns = [Column(w.x0, w.x1) for w in line.values]
    words: list[list[int]] = [[] for _ in columns]
    for i, w in enumerate(header.words):
        hits = _overlapping(columns, w, 1)
        if len(hits) == 1:
            words[hits[0]].append(i)
    cols = tuple(attrs.evolve(c, words=tuple(ws)) for c, ws in zip(columns, words, strict=True))
    return attrs.evolve(header, columns=cols, spanning=())


@attrs.frozen(slots=True)
class _Fit:
    """A table's columns, and the pages on which a value's position proves its column, each with
    the drift (:func:`column_under`) allowed there. On a page not in ``trusted``, only a full
    row's count proves its values' columns."""

    header: _Header
    trusted: dict[int, float] = attrs.Factory(dict)


def _by_page(items: Iterable[_OnPage]) -> dict[int, list[_OnPage]]:
    """Items grouped by their page, in their order."""
    pages: dict[int, list[_OnPage]] = {}
    for item in items:
        pages.setdefault(item.page, []).append(item)
    return pages


def _trusted(header: _Header, page: int, lines: Sequence[TextLine], absolute: bool = False) -> dict[int, float]:
    """The pages whose values' positions prove their columns, when the header's columns are
    regular: the header's page, when every value row of it stands under them (each value within
    :data:`_DRIFT` of one column and no other); a later page, when pdftotext placed it as the
    header's page (:func:`_placed_as_header`), with no drift. pdftotext places each page anew, so a
    later page is never trusted by assumption: its rows may be shifted, scaled or packed against
    their labels, and values of some columns may then stand exactly under others. A header broken
    by a page break proves no position: its columns' words on two pages were placed apart
    (``总计`` of one page stacked on ``其他`` of the next). Where the positions are the pages' own
    (``absolute``: a PDF's words in points), a later page is trusted, with no drift, when every
    value row of it stands under the header's columns (a table continued on the next page)."""
    if not regular(header.columns) or len({header.words[i].page for c in header.columns for i in c.words}) > 1:
        return {}
    out: dict[int, float] = {}
    for p, same in _by_page(lines).items():
        if p == page and all(aligned_with(line.values, header.columns, drift=_DRIFT) for line in same):
            out[p] = _DRIFT
        elif p != page and (_placed_as_header(same, header.columns) if not absolute
                            else all(aligned_with(line.values, header.columns) for line in same)):
            out[p] = 0
    return out


def _placed_as_header(lines: Sequence[TextLine], columns: Sequence[Column]) -> bool:
    """A later page's value rows placed as on the header's page: one of them fills every column,
    each value under its own column's header, and every other one stands under the columns too."""
    full = any(len(line.values) == len(columns) for line in lines)
    return full and all(aligned_with(line.values, columns) for line in lines)


def _fit(header: _Header, page: int, lines: Sequence[TextLine], absolute: bool = False) -> _Fit | None:
    """The table's columns (see :class:`_Fit`): the header's, when no row has more values than
    they are. Else those of the row with the most values, by count only, when every row has that
    many and the header has fewer columns, or a few more of which some are not regular (its words
    drifted between lines). ``None`` when neither holds: a table whose rows differ in count has
    blanks, and only a header whose columns the values confirm can say where."""
    trusted = _trusted(header, page, lines, absolute)
    most = max(lines, key=lambda line: len(line.values))
    n, cols = len(most.values), len(header.columns)
    if n == cols or (trusted and n < cols):
        return _Fit(header, trusted)
    if n < 2 or n < cols - 2 or n > MAX_COLUMNS or (regular(header.columns) and n < cols):
        return None
    if len(lines) > 1 and any(len(line.values) != n for line in lines):
        return None
    return _Fit(_by_values(header, most))


def _proven(fit: _Fit, lines: Sequence[TextLine]) -> bool:
    """Really a column-aligned table: at least two value rows (one, when there is only one) stand
    under the columns by position or fill them by count."""
    n = len(fit.header.columns)
    proven = sum(1 for line in lines if len(line.values) == n or line.page in fit.trusted)
    return proven >= min(2, len(lines))


def _grid(region: _Region, absolute: bool = False) -> Grid | None:
    header = _header(region)
    if header is None or not header.columns:
        return None
    rows = _rows(region.body)
    lines = [row.values[0] for row in rows if row.values]
    fit = _fit(header, region.header[-1].page, lines, absolute) if lines else None
    if fit is None or not _proven(fit, lines):
        return None
    cells = _header_cells(fit.header, region.header[0].start)
    first = 1 if cells else 0
    n = len(fit.header.columns)
    for r, row in enumerate((row for row in _kept(rows) if _readable(row, n)), start=first):
        cells.extend(_row_cells(row, r, fit))
    n_rows = 1 + max(c.row for c in cells)
    end = max(line.end for line in region.body)
    return Grid(tuple(cells), n_rows, 1 + max(c.col for c in cells), region.header[0].start, end, inferred=True)


def aligned_grids(text: str) -> tuple[Grid, ...]:
    """The tables of ``text`` whose columns are aligned by spaces, as grids (see the module's
    docstring); ``()`` when the text has none."""
    regions = (region for lines in _windows(text) for region in _regions(lines))
    grids = (g for region in regions if (g := _grid(region)) is not None)
    return tuple(itertools.islice(grids, MAX_GRIDS))


def positioned_line(index: int, start: int, end: int, words: Sequence[tuple[str, int, int, int, int]],
                    page: int) -> TextLine:
    """A line whose words were placed by another reader (a PDF's words, ``x0``/``x1`` in its own
    units): each word ``(text, start, end, x0, x1)``, offsets in the text the grids point into."""
    if len(words) > _MAX_LINE_WORDS:  # too many runs for a table row
        whole = Word(" ".join(w[0] for w in words), words[0][1], words[-1][2], words[0][3], words[-1][4],
                     Kind.TEXT, page)
        return TextLine(index, start, end, (whole,), 1, page=page)
    placed = tuple(Word(t, s, e, x0, x1, _kind(t), page) for t, s, e, x0, x1 in words)
    return TextLine(index, start, end, placed, _split_at(placed), page=page)


def grids_of_lines(lines: Sequence[TextLine]) -> tuple[Grid, ...]:
    """The tables among lines built by :func:`positioned_line`, as :func:`aligned_grids` finds them
    in a text's lines; their positions are the pages' own, so a later page whose value rows all
    stand under the header's columns proves them there too (a table continued on the next page)."""
    grids = (g for region in _regions(lines) if (g := _grid(region, absolute=True)) is not None)
    return tuple(itertools.islice(grids, MAX_GRIDS))
