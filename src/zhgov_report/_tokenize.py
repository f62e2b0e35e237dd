"""The tolerant tokenizer: the text as a sequence of lines and table rows.

Every physical line is classified once (INPUT.md lists the shapes):

* scraper pipe rows ``a | b | |||||``: the non-empty cells, and the length of the pad run;
* markdown rows ``| a | b |  |``: every cell with its column index (empty cells keep their place);
* tab-separated rows: cells with their column index;
* space-separated rows ``主动公开文件数 条 2543 78967``: short lines without sentence punctuation
  that end in a value;
* markdown rules ``|---|---|``, layout lines made only of pipes, page footers ``- 5 -``/``— 4 —``;
* everything else is text (a whole report body on one line included).

A scraper row whose cell broke the line (``十、…情况 |`` then ``| |``) is joined into one row.
Blank lines are not returned. Each pass is a constant number of scans of the line, so the whole
tokenizer is linear in the input.
"""

from __future__ import annotations

import bisect
import enum
import re

import attrs

from ._intake import Source
from .models import Span

__all__ = ["Delimiter", "Line", "LineIndex", "LineKind", "Token", "iter_lines", "tokenize"]


class LineKind(str, enum.Enum):
    TEXT = "text"  #: prose or anything that is not a table row
    ROW = "row"  #: a table row (see :class:`Delimiter`)
    RULE = "rule"  #: a markdown rule ``|---|---|``
    PIPES = "pipes"  #: a layout line made only of pipes (``|||||``) or a row continuation ``| |``
    FOOTER = "footer"  #: a page-number line such as ``- 5 -`` or ``— 4 —``

    def __str__(self) -> str:
        return self.value


class Delimiter(str, enum.Enum):
    NONE = "none"
    PIPE = "pipe"  #: the scraper's `` | `` with a pad run; empty cells vanished
    MARKDOWN = "markdown"  #: ``| a | b |``; empty cells keep their column
    TAB = "tab"  #: tab-separated; empty cells keep their column
    SPACE = "space"  #: spaces or ideographic spaces; empty cells vanished

    def __str__(self) -> str:
        return self.value


@attrs.frozen(slots=True)
class Token:
    """A non-empty cell: its normalised text, its place in the original text, and its column
    index when the delimiter keeps empty cells (markdown, tabs), else ``None``."""

    text: str
    span: Span = attrs.field(eq=False)
    column: int | None = None


@attrs.frozen(slots=True)
class Line:
    """A line of the text (or a scraper row joined from two lines).

    ``text`` is the normalised line without surrounding spaces. ``cells`` holds the non-empty cells
    of a row (empty for text lines). ``pad`` is the number of pipes in the scraper's pad run.
    ``width`` is the number of cells including empty ones where the delimiter shows them.
    """

    number: int
    kind: LineKind
    text: str
    span: Span = attrs.field(eq=False)
    cells: tuple[Token, ...] = ()
    delimiter: Delimiter = Delimiter.NONE
    pad: int = 0
    width: int | None = None
    end_number: int = 0

    @property
    def is_row(self) -> bool:
        return self.kind is LineKind.ROW


# The standard library's ``re``: these patterns read the normalised text (where its ``\s`` and
# ``\d`` are the ``regex`` module's) on every line, and ``re`` answers a short line sooner.
_FOOTER = re.compile(
    r"^(?:[-—–_~=]+\s*\d{1,4}\s*[-—–_~=]+|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)
_FOOTER_FIRST = "-—–_~=第"  #: a footer's first character, when it is not a digit
_SENTENCE = re.compile(r"[。;!?]|(?<!\d),|,(?!\d)")
_STOP = re.compile(r"[。;!?]")
_VALUEISH = re.compile(
    r"^(?:[+-]?\d[\d,]*(?:\.\d+)?(?:万元|元|条|件|次|篇|个|人次|人|项|%)?|[—–/-]{1,2}|无|空|N/?A)$", re.I
)
_MAX_SPACE_ROW = 400
_MAX_SPACE_FIELDS = 64


# Enum members as module constants: ``LineKind.ROW`` costs a class attribute lookup per use, and
# the tokenizer classifies every line of a report.
_TEXT, _ROW, _RULE, _PIPES, _FOOTER_KIND = LineKind.TEXT, LineKind.ROW, LineKind.RULE, LineKind.PIPES, LineKind.FOOTER
_NONE, _PIPE, _MARKDOWN, _TAB, _SPACE = (Delimiter.NONE, Delimiter.PIPE, Delimiter.MARKDOWN, Delimiter.TAB,
                                          Delimiter.SPACE)


def _split_cells(
    number: int, line_start: int, base: int, text: str, sep: str, *, positional: bool, first_column: int = 0
) -> tuple[tuple[Token, ...], int]:
    """Split ``text`` (which starts at offset ``base`` of line ``number``, whose first character is
    at ``line_start``) on ``sep``; its first cell is column ``first_column``. Returns the non-empty
    cells and the number of cells including empty ones (and the ``first_column`` before them)."""
    out: list[Token] = []
    append = out.append
    pos = base
    col0 = 1 - line_start
    parts = text.split(sep)
    step = len(sep)
    index = first_column if positional else None
    for part in parts:
        n = len(part)
        if n:
            cell = part.strip(" \t")
            if cell:
                a = pos if part[0] not in " \t" else pos + n - len(part.lstrip(" \t"))
                append(Token(cell, Span(a, a + len(cell), number, col0 + a, number), index))
        pos += n + step
        if index is not None:
            index += 1
    return tuple(out), first_column + len(parts)


def _split_spaces(number: int, line_start: int, base: int, text: str) -> tuple[Token, ...]:
    """The cells of ``text`` separated by runs of spaces and tabs (exactly those two: ``str.split()``
    would split on other whitespace too)."""
    out: list[Token] = []
    append = out.append
    col0 = base - line_start + 1
    for m in _CELL_RUN.finditer(text):
        i, j = m.span()
        append(Token(m.group(), Span(base + i, base + j, number, col0 + i, number), None))
    return tuple(out)


_CELL_RUN = re.compile(r"[^ \t]+")


def _classify(src: Source, number: int, start: int, end: int) -> Line | None:
    raw = src.text
    seg = raw[start:end]
    st = seg.strip(" \t")
    if not st:
        return None
    a = start + len(seg) - len(seg.lstrip(" \t"))
    b = a + len(st)
    span = Span(a, b, number, a - start + 1, number)
    if not st.strip("| "):
        return Line(number, _PIPES, st, span, (), _NONE, st.count("|"), None, number)
    if "---" in st and not st.strip("|-: "):
        return Line(number, _RULE, st, span, (), _MARKDOWN, 0, None, number)
    if len(st) <= 24 and (st[0] in _FOOTER_FIRST or st[0].isdigit()) and _FOOTER.match(st):
        return Line(number, _FOOTER_KIND, st, span, (), _NONE, 0, None, number)
    if "|" in st:
        if st[0] == "|" and st[-1] == "|" and len(st) > 1:
            cells, width = _split_cells(number, start, a + 1, st[1:-1], "|", positional=True)
            return Line(number, _ROW, st, span, cells, _MARKDOWN, 0, width, number)
        core_end = len(st.rstrip("| "))
        pipes = st.count("|", core_end)
        pad = max(0, pipes - 1)
        cells, _ = _split_cells(number, start, a, st[:core_end], "|", positional=False)
        return Line(number, _ROW, st, span, cells, _PIPE, pad, None, number)
    if "\t" in st:
        # Leading tabs are empty cells before the first (rows under a rowspan label), and a trailing
        # tab closes an empty last cell (`规章\t\t4\t`): both count in the columns and the width,
        # or a row one cell wider than its table would look exactly as wide.
        lead = raw.count("\t", start, a)
        cells, width = _split_cells(number, start, a, st, "\t", positional=True, first_column=lead)
        width += raw.count("\t", b, end)
        if len(cells) >= 2:
            return Line(number, _ROW, st, span, cells, _TAB, 0, width, number)
    if len(st) <= _MAX_SPACE_ROW and " " in st and not _STOP.search(st) and _VALUEISH.match(_last_field(st)):
        cells = _split_spaces(number, start, a, st)
        if 2 <= len(cells) <= _MAX_SPACE_FIELDS:
            if not _SENTENCE.search(st):
                return Line(number, _ROW, st, span, cells, _SPACE, 0, None, number)
            # Commas inside a label (（二）部分公开（区分处理的，只计这一情形，…）, 逾期不补正，行政机关…)
            # do not make a sentence when at least two value cells end the line and none follows them.
            run = 0
            while run < len(cells) - 1 and _VALUEISH.match(cells[-1 - run].text):
                run += 1
            if run >= 2 and not _SENTENCE.search(st, cells[-run].span.start - a):
                return Line(number, _ROW, st, span, cells, _SPACE, 0, None, number)
    return Line(number, _TEXT, st, span, (), _NONE, 0, None, number)


def _last_field(st: str) -> str:
    """The last field of a line (stripped of spaces and tabs) split on spaces and tabs: a space row
    ends in a value, so most text lines are told apart before they are split."""
    return st[max(st.rfind(" "), st.rfind("\t")) + 1:]


def _join(src: Source, first: Line, cont: Line) -> Line:
    """A scraper row whose last cell broke the line: ``label |`` followed by ``| |``."""
    span = src.span(first.span.start, cont.span.end)
    return Line(first.number, first.kind, first.text, span, first.cells, first.delimiter, cont.pad, first.width,
                cont.number)


def _lines_between(src: Source, first: int, last: int, memo: dict[int, Line | None] | None = None) -> list[Line]:
    """Classified lines of the physical lines ``first``..``last`` (1-based), broken rows joined.

    ``memo`` keeps each physical line's classification (which depends on that line alone) for
    later calls over overlapping ranges; the joining depends on the range (a continuation line at
    ``first`` has no row before it to join), so it is done on every call."""
    text = src.text
    n = len(text)
    out: list[Line] = []
    number = first
    start = src.line_start(first)
    find = text.find
    while number <= last and start <= n:
        nl = find("\n", start)
        end = n if nl == -1 else nl
        if memo is None:
            line = _classify(src, number, start, end)
        elif number in memo:
            line = memo[number]
        else:
            line = memo[number] = _classify(src, number, start, end)
        if line is not None:
            if (
                line.kind is _PIPES
                and out
                and (prev := out[-1]).delimiter is _PIPE
                and prev.pad == 0
                and prev.end_number == number - 1
                and line.text.startswith("|")
                and len(line.text) <= 64
            ):
                out[-1] = _join(src, prev, line)
            else:
                out.append(line)
        if nl == -1:
            break
        start = nl + 1
        number += 1
    return out


def iter_lines(src: Source) -> list[Line]:
    """Tokenize a :class:`Source` whole."""
    return _lines_between(src, 1, src.line_count)


class LineIndex:
    """The lines of a :class:`Source`, tokenized on demand.

    :func:`zhgov_report.parse` reads tables only in their regions: a report whose format is unknown,
    or a huge input outside any table, is never tokenized whole."""

    __slots__ = ("_all", "_memo", "_starts", "src")

    def __init__(self, src: Source) -> None:
        self.src = src
        self._all: list[Line] | None = None
        self._starts: list[int] = []
        #: each physical line classified so far (by number): regions that overlap (a table read
        #: again over its continuation, copies of a table) are not tokenized twice
        self._memo: dict[int, Line | None] = {}

    def all(self) -> list[Line]:
        """Every line (tokenized once, then kept)."""
        if self._all is None:
            self._all = _lines_between(self.src, 1, self.src.line_count, self._memo or None)
            self._memo = {}  # not needed any more: lines_in reads self._all
            self._starts = [ln.span.start for ln in self._all]
        return self._all

    def lines_in(self, start: int, end: int) -> list[Line]:
        """The lines that overlap ``[start, end)``."""
        if end <= start:
            return []
        if self._all is not None:
            i = max(0, bisect.bisect_right(self._starts, start) - 1)
            out = []
            while i < len(self._all) and self._all[i].span.start < end:
                if self._all[i].span.end > start:
                    out.append(self._all[i])
                i += 1
            return out
        src = self.src
        first, last = src.line_of(start), src.line_of(max(start, end - 1))
        return [ln for ln in _lines_between(src, first, last, self._memo)
                if ln.span.end > start and ln.span.start < end]


def tokenize(text: str) -> tuple[Line, ...]:
    """Split report text into classified lines and table rows.

    ``text`` must be ``str`` (decode ``bytes`` with :func:`zhgov_report.parse` or yourself). The
    result never raises on any string; spans point into ``text``.
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize() takes str, not {type(text).__name__}")
    return tuple(iter_lines(Source(text)))
