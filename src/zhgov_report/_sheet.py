"""Reading the pre-2019 statistics sheet (统计表) and its cross-checks B1–B10.

A pre-2019 report carries one statistics sheet: the national 《政府信息公开情况统计表》 of
国办发〔2014〕32号 (统计指标 | 单位 | 统计数) or a local sheet (指标名称 | 计量单位 | 本年 | 历年累计). It may
sit inline, even inside one very long line of prose, or as an attachment at the end, and its cells
may be joined by scraper pipes, spaces, tabs or markdown, or glued with no separator at all
(``主动公开文件数条212210037``). Reading goes in four steps:

1. **Sheets.** Each table header (``统计指标 单位 统计数``, ``指标名称 计量单位 2017年度 历年累计``) starts
   a sheet; its column words decide the value columns (统计数/本年/年度 → the current year, 历年累计
   → the cumulative column; other columns are kept but not mapped). A sheet whose header was lost
   is found by a run of rows with the national sheet's labels and units.
2. **Rows.** A lexer splits the sheet's text into rows (label, unit, values) without relying on
   the line structure, so pipes, spaces, tabs and glued text read alike: a label runs until a
   separator, a digit, a placeholder or a unit that is followed by a value; a known label (one
   compiled alternation of every declared wording) starts a new row where the text before it
   already holds a label. Digits glued to the numbering of the next row (``2122100372、政府公报``)
   give the numbering its expected value (one more than the previous sibling's) and the rest to
   the values; digits glued to any other text are unreadable. Markdown and tab rows keep empty
   cells, so their values keep their columns. The sheet ends at prose, a date, a note (``注:``) or
   text that is neither a row nor a heading.
3. **Mapping.** The hierarchy (``一、`` › ``（一）`` › ``1.`` › ``其中：``) gives each row its path and its
   section; a row maps to a key only when its whole label (without numbering, remarks and quotes)
   equals a declared wording, the section deciding labels that several sections share
   (``（一）维持具体行政行为数``). Other rows are kept with key ``None``, their path, unit and values,
   and listed in a ``SHEET_ROW_UNMAPPED`` diagnostic.
4. **Placement and checks.** Values whose columns the text lost (vanished cells, glued digits) are
   placed by :func:`zhgov_report._recover.recover` under the hard identities (B1–B7, and
   ``本年 ≤ 历年累计`` when the sheet shows that it fills its 历年累计 column); a value is certain
   only when one placement remains. The identities are then evaluated as
   :class:`~zhgov_report.models.Check` results on both columns.

When the text holds more than one sheet, values come from one of them: the last sheet in the
national layout (统计指标 | 单位 | 统计数) if there is one, else the last sheet. The national sheet is
the statistic reported to 国办 and, where a report appends it after its own local sheet, the later
and official rendering. Every other sheet is kept as a table with id ``sheet_duplicate`` whose rows
carry their values but no cells (so :func:`~zhgov_report.flatten` never mixes two sheets), with a
``TABLE_DUPLICATE`` diagnostic.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

import attrs
import regex

from . import diagnostics as dg
from ._assemble import (
    SHEET_ROW,
    Facts,
    Outcome,
    Verdicts,
    cut_short_diagnostic,
    dropped_diagnostics,
    end_unproven_diagnostic,
    evidence,
    placement_diagnostic,
)
from ._intake import Source
from ._numbers import UNITS, parse_value
from ._recover import Observation, Piece, Recovery, Slot, recover
from ._sections import Heading
from ._tokenize import Delimiter, Line, LineKind
from ._values import NOT_CONTENT, ORDINALS, SENTENCE_MARKS, SENTENCE_MARKS_FULLWIDTH, value_piece
from .checks import evaluate_identity
from .models import Cell, Check, CheckStatus, Diagnostic, Number, Row, Severity, Span, Table, Value, ValueKind
from .templates import sheet as spec
from .templates._base import Category, Identity, RowSpec
from .templates._labels import compact, loose

#: With the internal API the grid reader (:mod:`zhgov_report._grid`) reads a sheet grid through: a
#: sheet's rows as the lexer finds them, a sheet of rows read elsewhere, and their values.
__all__ = [
    "MAX_SHEETS",
    "MAX_SHEET_CHARS",
    "RawRow",
    "Sheet",
    "positional_row",
    "read_sheet",
    "read_sheets",
    "sheet_of_rows",
    "sheet_roles",
]

#: A statistics sheet is at most this many characters from its header to its end (the national
#: sheet with every row is about 3,000); the cap keeps the reader's work bounded on hostile input.
MAX_SHEET_CHARS = 20_000
#: At most this many sheet headers are read (a report holds one or two sheets).
MAX_SHEETS = 16
_READ_AS_WRITTEN = Outcome()
_MAX_ROW_LINE = 2_000  # a line longer than this is not a sheet row of a header-less sheet

_SEP = frozenset(" \t|\n")
_DIGITS = frozenset("0123456789")
_DASH = frozenset("—–-―─/~_－")
_SENTENCE_END = frozenset(SENTENCE_MARKS + SENTENCE_MARKS_FULLWIDTH)
_COMMAS = frozenset(",，")
_NUMBERING_PUNCT = frozenset("、.．")
_UNITS = tuple(sorted(UNITS, key=len, reverse=True))
_NA_WORDS = frozenset("无空")
_DATE_AFTER = frozenset("年月日")
_NOT_LABEL = _SEP | _DIGITS | _DASH | _SENTENCE_END | _COMMAS  # characters that end a label
_UNIT_END = _SEP | _DIGITS | _DASH | {"+"}  # characters after which a unit may end

_COL = (r"(?:代\s*码|本\s*年\s*累\s*计|历\s*年\s*累\s*计|累\s*计|(?:19|20)\d{2}\s*年\s*度?|本\s*年\s*度?"
        r"|本\s*期\s*(?:实\s*际)?|上\s*年\s*度?|统\s*计\s*数|数\s*量)")
_HEADER = regex.compile(
    r"(?P<name>统\s*计\s*指\s*标|指\s*标\s*名\s*称)[\s|]*(?P<unit>计\s*量\s*单\s*位|单\s*位)"
    rf"(?P<cols>(?:[\s|]*{_COL}){{0,5}})"
)
_COL_RE = regex.compile(_COL)
_TITLE = regex.compile(r"(?P<t>[\p{Han}\d()（）]{0,40}统\s*计\s*表)[\s|:：]*$")
_TITLE_PREFIX = regex.compile(rf"^(?:[{ORDINALS}]{{1,3}}[、.．]|附\s*[件表]\s*\d*[:：]?)+")
_ANNOUNCED = regex.compile(r"统\s*计\s*表")
_ANNOUNCE_BEFORE = regex.compile(r"附\s*[件表]|见\s*附")

_PREFIX = regex.compile(
    rf"^(?:[{ORDINALS}]{{1,3}}[、.．]|\([{ORDINALS}]{{1,3}}\)|\(\d{{1,2}}\)|\d{{1,2}}[、.．]|其中:?)"
)
_REMARK = regex.compile(r"\([^()]*\)")
_QUOTES = regex.compile(r"[\"'《》“”‘’「」]")
_QUOTE_CHARS = frozenset("\"'《》“”‘’「」")  # the characters _QUOTES removes
_EXT_LEFT = regex.compile(
    rf"(?:\([{ORDINALS}]{{1,3}}\)|[{ORDINALS}]{{1,3}}[、.．]|其中[:：]?(?:\d{{1,2}}[、.．])?)+$"
)
_NOTE = regex.compile(r"^(?:注|说明|备注|填表说明)[:：]")


def _norm(label: str) -> str:
    return compact(label).replace("（", "(").replace("）", ")").replace("：", ":")


def _core(label: str, *, quotes: bool = False) -> str:
    """A label without whitespace, numbering, 其中, parenthetical remarks and (unless ``quotes``)
    quotes."""
    return _core_of(_norm(label), quotes)


def _core_of(s: str, quotes: bool = False) -> str:
    """:func:`_core` of a label already normalised by :func:`_norm` (which is idempotent)."""
    while True:
        m = _PREFIX.match(s)
        if m is None or not m.group(0):
            break
        s = s[m.end():]
    if "(" in s:  # a remark needs one
        s = _REMARK.sub("", s)
    if not quotes and not _QUOTE_CHARS.isdisjoint(s):
        s = _QUOTES.sub("", s)
    return str(s.strip(":、.．"))


_ORD_CHARS = frozenset(ORDINALS)
_DIGIT_MARK = regex.compile(r"(\d{1,2})[、.．]")
_ORD_MARK = regex.compile(rf"[{ORDINALS}]{{1,3}}[、.．]")
_PAREN_MARK = regex.compile(rf"\([{ORDINALS}]{{1,3}}\)")
_PDIGIT_MARK = regex.compile(r"\((\d{1,2})\)")


def _marker(s: str) -> tuple[str, int | None]:
    """The hierarchy marker a label (normalised by :func:`_norm`) starts with: ``ord`` (一、),
    ``paren`` (（一）), ``digit`` (1.), ``pdigit`` ((1)), ``qizhong`` (其中：) or ``qizhong_digit``
    (其中：1、), else ``none``."""
    if s.startswith("其中"):
        m = _DIGIT_MARK.match(s[2:].lstrip(":"))
        return ("qizhong_digit", int(m.group(1))) if m else ("qizhong", None)
    # each mark has its own first character: 一 (ord), "(" (paren, pdigit), a digit (digit)
    first = s[:1]
    if first in _ORD_CHARS:
        return ("ord", None) if _ORD_MARK.match(s) else ("none", None)
    if first == "(":
        if _PAREN_MARK.match(s):
            return "paren", None
        m = _PDIGIT_MARK.match(s)
        return ("pdigit", int(m.group(1))) if m else ("none", None)
    m = _DIGIT_MARK.match(s)
    if m:
        return "digit", int(m.group(1))
    return "none", None


# --- the declared wordings -------------------------------------------------------------------------

_ALIASES: dict[str, list[RowSpec]] = {}
for _row in spec.ROWS:
    for _w in (_row.label, *_row.aliases):
        _bucket = _ALIASES.setdefault(_core(_w), [])
        if _row not in _bucket:
            _bucket.append(_row)
#: The first row of each wording that no section decides (``generic`` rows need a section).
_PLAIN: dict[str, RowSpec] = {}
for _core_w, _rows in _ALIASES.items():
    _plain = next((r for r in _rows if not r.generic), None)
    if _plain is not None:
        _PLAIN[_core_w] = _plain
_CATEGORY_CORES: dict[str, Category] = {}
for _cat in spec.CATEGORIES:
    for _w in (_cat.label, *_cat.patterns):
        _CATEGORY_CORES.setdefault(_core(_w), _cat)
_CATEGORY_WORDS = tuple((_core(p), c) for c in spec.CATEGORIES for p in c.patterns)
_UNMAPPED_CORES = frozenset(_core(w) for w in spec.UNMAPPED_LABELS)
_QUOTED = {_core(w, quotes=True) for r in spec.ROWS for w in (r.label, *r.aliases)}
# Longest first; among wordings of one length, in code point order, so that the alternation (and so
# which of two wordings matching the same text wins) never depends on the hash seed of set order.
_WORDINGS = sorted(set(_ALIASES) | _QUOTED | set(_CATEGORY_CORES) | _UNMAPPED_CORES, key=lambda w: (-len(w), w))
#: One alternation of every declared wording, longest first, matched with whitespace ignored.
_SCAN = regex.compile("|".join(f"(?:{loose(w)})" for w in _WORDINGS))


def _category(core: str) -> Category | None:
    """The section heading a label names: its exact wording, or a heading that contains a heading's
    distinctive words (``一、主动公开政府信息情况`` hardly differs from ``一、主动公开情况``)."""
    c = _CATEGORY_CORES.get(core)
    if c is not None:
        return c
    return next((cat for words, cat in _CATEGORY_WORDS if words in core), None)


def _known(core: str) -> bool:
    return core in _ALIASES or core in _UNMAPPED_CORES or _category(core) is not None


# --- the lexer -----------------------------------------------------------------------------------


@attrs.define
class _Val:
    kind: str  # "num" or "na"
    text: str
    start: int
    end: int
    clean: bool  # the whole content of a cell: a separator (or the segment's edge) on both sides
    pending: bool = False  # the run ends with the numbering of the next row's label


@attrs.define
class RawRow:
    """A row as the lexer found it: label offsets, unit, value tokens."""

    start: int
    end: int
    pending: bool = False  # the label's numbering digits are glued to the previous row's values
    unit: str | None = None
    unit_start: int = -1
    vals: list[_Val] = attrs.Factory(list)
    closed: bool = False  # a separator, unit or value followed the label
    hit: bool = False  # the label holds a complete known wording
    positional: list[Value] | None = None  # values by column (markdown and tab rows, grid rows)
    #: with ``positional``: per column, the offsets of its cell where the source shows them (an
    #: empty grid cell stands at an offset of its own), else ``None``
    cell_spans: list[tuple[int, int] | None] = attrs.Factory(list)
    noise: str = ""  # why the values cannot be read
    cut: bool = False  # the text ends inside the row: cells it may have had were never read
    unproven: str = ""  # why nothing in the source marks the row's end ("" when something does)
    parts: list[tuple[int, int]] = attrs.Factory(list)  # the label's pieces where it wraps around its cells


class _Hits:
    """Known-wording matches of one segment, pulled lazily in text order."""

    def __init__(self, text: str, a: int, b: int) -> None:
        self._it: Iterator[regex.Match[str]] = _SCAN.finditer(text, a, b)
        self._text = text
        self._a = a
        self.done = False
        self._ext: list[int] = []  # start of each match with its numbering prefix (其中：1、, （一）)
        self.starts: list[int] = []  # strictly increasing (matches do not overlap and are not empty)
        self.ends: list[int] = []

    def fill(self, upto: int) -> None:
        """Pull matches until one starts more than 16 characters after ``upto``."""
        while not self.done and (not self.starts or self.starts[-1] <= upto + 16):
            m = next(self._it, None)
            if m is None:
                self.done = True
                break
            s = m.start()
            ext = _EXT_LEFT.search(self._text, max(self._a, s - 12), s)
            self._ext.append(s - (len(ext.group(0)) if ext is not None else 0))
            self.starts.append(s)
            self.ends.append(m.end())

    def forced(self, i: int) -> bool:
        """Does a known wording (with its numbering) start at ``i``?"""
        if not self.done and (not self.starts or self.starts[-1] <= i + 16):
            self.fill(i)
        ext = self._ext
        k = bisect.bisect_left(ext, i)
        return k < len(ext) and ext[k] == i


#: The units by their first character, each list longest first (the order of ``_UNITS``).
_UNITS_BY_FIRST: dict[str, tuple[str, ...]] = {
    c: tuple(u for u in _UNITS if u[0] == c) for c in dict.fromkeys(u[0] for u in _UNITS)}
_UNIT_FIRST = frozenset(_UNITS_BY_FIRST)


def _unit_at(text: str, i: int, b: int) -> str | None:
    if i >= b:
        return None
    units = _UNITS_BY_FIRST.get(text[i])
    if units is None:
        return None
    for u in units:
        if i + len(u) <= b and text.startswith(u, i):
            return u
    return None


def _boundary(text: str, k: int, b: int, hits: _Hits) -> bool:
    """May a unit end at ``k``: a separator, a value, a placeholder or a known label follows."""
    if k >= b:
        return True
    c = text[k]
    return c in _UNIT_END or hits.forced(k)


def _num_end(text: str, i: int, b: int) -> int:
    j = i + 1 if text[i] in "+-" else i
    while j < b and text[j] in _DIGITS:
        j += 1
    while j + 3 < b and text[j] == "," and all(ch in _DIGITS for ch in text[j + 1:j + 4]) and (
            j + 4 >= b or text[j + 4] not in _DIGITS):
        j += 4
    if j + 1 < b and text[j] == "." and text[j + 1] in _DIGITS:
        j += 1
        while j < b and text[j] in _DIGITS:
            j += 1
    return j


def _label_text(raw: RawRow, text: str) -> str:
    """A row's label: its span, or its pieces where PDF layout text wraps it around its cells."""
    if raw.parts:
        return "".join(text[a:b] for a, b in raw.parts)
    return text[raw.start:raw.end]


def _ends_with_qizhong(text: str, cur: RawRow) -> bool:
    return _norm(text[cur.start:cur.end]).rstrip(":").endswith("其中")


class _Lexer:
    """Rows of a sheet's text, read as a stream of cells in reading order.

    Ranges of the text (one per line, or one for a whole segment) are fed in order; a row is a
    label followed by its unit and value cells up to the next label, wherever the line breaks fall:
    a range fed with ``carry`` continues the row the previous range left open (``条 |`` / ``0 |``
    on lines of their own). A stop (prose, a date, a stray number) ends the reading."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.rows: list[RawRow] = []
        self.cur: RawRow | None = None
        self._piped: dict[int, bool] = {}  # line start -> the line is a pipe row (its spaces are inside cells)
        self._a = self._b = 0
        self._hits = _Hits(text, 0, 0)
        self._sep = True
        self._stop: int | None = None

    def feed(self, a: int, b: int, *, carry: bool = False) -> int | None:
        """Read ``text[a:b]``; returns the offset where the sheet stops, or ``None``."""
        if not carry:
            self.close()
        self._a, self._b, self._hits, self._sep, self._stop = a, b, _Hits(self.text, a, b), True, None
        i = a
        while i < b and self._stop is None:
            i = self._step(i)
        return self._stop

    def close(self) -> None:
        """End the row being read."""
        if self.cur is not None:
            self.rows.append(self.cur)
            self.cur = None

    def in_pipe_row(self, at: int) -> bool:
        text, a, b = self.text, self._a, self._b
        start = max(a, text.rfind("\n", a, at) + 1)  # the range starts a line when no newline precedes
        got = self._piped.get(start)
        if got is None:
            end = text.find("\n", at, b)
            got = self._piped[start] = text.find("|", start, b if end == -1 else end) != -1
        return got

    def _step(self, i: int) -> int:
        c = self.text[i]
        if c in _SEP:
            return self._separator(i)
        if c in _DIGITS or (c in "+-" and self._sep and i + 1 < self._b and self.text[i + 1] in _DIGITS):
            return self._digits(i)
        if c in _DASH:
            return self._dashes(i)
        if c in _SENTENCE_END or c in _COMMAS:
            return self._halt(i, prose=True)
        return self._label_char(i)

    def _halt(self, i: int, *, prose: bool) -> int:
        """Stop at ``i``; text that reads as prose takes the row being read with it, unless that row
        began in an earlier range (its label stood on a line of its own)."""
        cur = self.cur
        if cur is not None and cur.start < self._a:
            self.close()
        elif cur is not None and prose:
            i = cur.start
        self.cur = None
        self._stop = i
        return self._b

    def _label(self, i: int) -> int:
        assert self.cur is not None
        return _read_label(self.text, i, self._b, self.cur, self._hits, self.in_pipe_row)

    def _new_row(self, i: int, *, pending: bool = False) -> None:
        self.close()
        self.cur = RawRow(i, i, pending=pending)

    def _separator(self, i: int) -> int:
        text, b, cur = self.text, self._b, self.cur
        if (text[i] in " \t" and cur is not None and cur.unit is None and not cur.vals and cur.end == i
                and _space_then_label(text, i, b) and self.in_pipe_row(i)):
            # a space inside a pipe cell's label (a <br> in the source): 1.政府公报公开政 府信息数
            return self._label(_skip_blanks(text, i, b))
        # the rest of a run of separators: the case above needs cur.end == i, which only the run's
        # first character can meet
        i += 1
        while i < b and text[i] in _SEP:
            i += 1
        self._sep = True
        if cur is not None:
            cur.closed = True
        return i

    def _digits(self, i: int) -> int:
        text, b = self.text, self._b
        j = _num_end(text, i, b)
        if text[i] in _DIGITS and text[i:j].isdigit() and _numbering_follows(text, j, b):
            return self._numbering(i, j)  # digits, then 、 or ., then a label
        if j < b and text[j] in _DATE_AFTER:
            return self._halt(i, prose=True)
        if self.cur is None:
            return self._halt(i, prose=False)
        return self._value(i, j)

    def _numbering(self, i: int, j: int) -> int:
        cur = self.cur
        if cur is None or self._sep:
            self._new_row(i)
            i = self._label(i)
        elif not cur.closed and _ends_with_qizhong(self.text, cur):
            i = self._label(i)  # 其中：1、…
        else:
            # glued to the previous row's values: the numbering is a suffix of the run
            cur.vals.append(_Val("num", self.text[i:j], i, j, False, pending=True))
            self._new_row(j, pending=True)
            i = self._label(j)
        self._sep = False
        return i

    def _value(self, i: int, j: int) -> int:
        text, b, cur = self.text, self._b, self.cur
        assert cur is not None
        k = j
        u = _unit_at(text, j, b)
        if u is not None and (j + len(u) >= b or text[j + len(u)] in _SEP):
            k = j + len(u)  # a unit written in the cell: 0.2万元
        val = _Val("num", text[i:k], i, k, self._sep and (k >= b or text[k] in _SEP))
        if k < b and text[k] not in _NOT_LABEL and not self._hits.forced(k):
            cur.noise = f"the digits {text[i:k]} run into the text {text[k:k + 6]!r}"
        cur.vals.append(val)
        cur.closed = True
        self._sep = False
        return k

    def _dashes(self, i: int) -> int:
        text, b = self.text, self._b
        j = i
        while j < b and text[j] in _DASH:
            j += 1
        if self.cur is None:
            return self._halt(i, prose=False)
        self.cur.vals.append(_Val("na", text[i:j], i, j, True))
        self.cur.closed = True
        self._sep = False
        return j

    def _label_char(self, i: int) -> int:
        text, b, cur = self.text, self._b, self.cur
        if cur is not None and cur.unit is None and not cur.vals and cur.end > cur.start:
            u = _unit_ending_label(text, i, b, cur, self._hits, self.in_pipe_row)
            if u is not None:
                cur.unit, cur.unit_start = u, i
                cur.closed = True
                self._sep = False
                return i + len(u)
        if (cur is not None and text[i] in _NA_WORDS and cur.closed
                and (i + 1 >= b or text[i + 1] in _SEP or self._hits.forced(i + 1))):
            cur.vals.append(_Val("na", text[i], i, i + 1, True))
            self._sep = False
            return i + 1
        if (cur is None or cur.unit is not None or bool(cur.vals)
                or (cur.closed and not _ends_with_qizhong(text, cur))
                or (cur.hit and self._hits.forced(i))):
            self._new_row(i)
        self._sep = False
        return self._label(i)


def _lex(text: str, a: int, b: int) -> tuple[list[RawRow], int | None]:
    """Rows of ``text[a:b]``. Returns the rows and the offset where the sheet stops (prose, a date,
    a stray number), or ``None`` when the segment reads to its end."""
    lexer = _Lexer(text)
    stop = lexer.feed(a, b)
    lexer.close()
    return lexer.rows, stop


def _skip_blanks(text: str, j: int, b: int) -> int:
    while j < b and text[j] in " \t":
        j += 1
    return j


def _space_then_label(text: str, j: int, b: int) -> bool:
    """Spaces or tabs at ``j``, then a label character (not a digit)."""
    k = _skip_blanks(text, j, b)
    return j < k < b and text[k] not in _NOT_LABEL


def _unit_ending_label(
    text: str, i: int, b: int, cur: RawRow, hits: _Hits, in_pipe_row: Callable[[int], bool]
) -> str | None:
    """The unit that starts at ``i`` and ends ``cur``'s label, if one does: a separator, a value, a
    placeholder or a known label follows it. In a pipe row, a unit character glued to the label and
    followed by a space and more label text is part of a label broken by a <br>
    (``2.兼职人 员数 | 人 | 0 |``)."""
    u = _unit_at(text, i, b)
    if u is None or not _boundary(text, i + len(u), b, hits):
        return None
    if cur.end == i and _space_then_label(text, i + len(u), b) and in_pipe_row(i):
        return None
    return u


def _numbering_follows(text: str, j: int, b: int) -> bool:
    """Do the digits ending at ``j`` number a label: ``、`` or ``.``, then label text, with spaces
    allowed around the punctuation as PDF text leaves them (``1. 政府公报…``)?"""
    k = j
    while k < b and text[k] in " \t":
        k += 1
    if k >= b or text[k] not in _NUMBERING_PUNCT:
        return False
    k += 1
    while k < b and text[k] in " \t":
        k += 1
    return k < b and text[k] not in _NOT_LABEL


def _read_label(text: str, i: int, b: int, cur: RawRow, hits: _Hits, in_pipe_row: Callable[[int], bool]) -> int:
    """Extend ``cur``'s label from ``i`` (which may hold its numbering); returns where it stops.
    ``in_pipe_row(i)`` tells whether offset ``i`` is on a pipe row (whose spaces are in cells)."""
    if i < b and text[i] in _DIGITS:
        while i < b and text[i] in _DIGITS:
            i += 1
        while i < b and text[i] in " \t":
            i += 1
        i += 1  # the numbering's 、 or .
        while i < b and text[i] in " \t":
            i += 1
        cur.end = i
    # ``cur.hit``: does a known wording start at or after ``start`` and end at or before ``i``? The
    # first wording starting at or after ``start`` is looked up once the lazy scan has pulled it
    # (later pulls only append later matches), not once per character; the scan is pulled after
    # each step as far as ``forced(i)`` would pull it. Until the label holds that wording, a run
    # of characters that are neither a separator, a unit's first character nor a parenthesis is
    # taken in one step: each of them would only move the label's end (pulling the scan further
    # one character at a time ends where pulling it once to the run's end does).
    start = cur.start
    hit = cur.hit
    starts, ends = hits.starts, hits.ends
    target = -1  # end of the first wording starting at or after ``start`` once pulled, _NEVER if none
    while i < b:
        c = text[i]
        if c in _NOT_LABEL:
            break
        if i > start:
            if hit and hits.forced(i):
                break
            if c in _UNIT_FIRST and _unit_ending_label(text, i, b, cur, hits, in_pipe_row) is not None:
                break
        if c in "(（":
            close = _matching_paren(text, i, b)
            i = close + 1 if close is not None else i + 1
        elif hit or target < 0:
            i += 1
        else:
            m = _PLAIN_RUN.match(text, i + 1, b)
            i = max(i + 1, min(m.end() if m is not None else i + 1, target))
        cur.end = i
        if not hit:
            if not hits.done and (not starts or starts[-1] <= i + 16):
                hits.fill(i)
            if target < 0:
                k = bisect.bisect_left(starts, start)
                if k < len(starts):
                    target = ends[k]
                elif hits.done:
                    target = _NEVER
            hit = 0 <= target <= i
    cur.hit = hit
    return i


_NEVER = 1 << 62  # beyond any offset
#: Label characters that need no look of their own: not a separator, a digit, a dash, prose
#: punctuation, a comma, a unit's first character or an opening parenthesis.
_PLAIN_RUN = regex.compile(
    "[^" + "".join(regex.escape(c) for c in sorted(_NOT_LABEL | _UNIT_FIRST | {"(", "（"})) + "]*")


def _matching_paren(text: str, i: int, b: int) -> int | None:
    depth = 0
    for j in range(i, min(b, i + 80)):
        ch = text[j]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth -= 1
            if depth == 0:
                return j
        elif ch in "\n|":
            return None
    return None


# --- sheets in the text --------------------------------------------------------------------------


@attrs.frozen
class _Header:
    start: int
    end: int
    national: bool
    roles: tuple[str, ...]
    words: tuple[str, ...]


@attrs.define
class Sheet:
    header: _Header | None
    start: int
    end: int
    title: str
    raws: list[RawRow]
    roles: tuple[str, ...]
    diags: list[Diagnostic]


def _roles(name: str, cols: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The role of each value column of a header: ``current``, ``cumulative``, ``code`` or ``other``."""
    words = tuple(compact(m.group(0)) for m in _COL_RE.finditer(cols))
    roles: list[str] = []
    for w in words:
        if w in ("历年累计", "累计"):
            roles.append("cumulative")
        elif w == "代码":
            roles.append("code")
        elif w in ("统计数", "数量", "本年", "本年度") or regex.fullmatch(r"(?:19|20)\d{2}年度?", w):
            roles.append("current")
        else:
            roles.append("other")
    if not words and compact(name) == "统计指标":
        return ("current",), ("统计数",)
    if roles.count("current") > 1 or roles.count("cumulative") > 1:
        roles = ["other"] * len(roles)
    return tuple(roles), words


def _headers(text: str) -> list[_Header]:
    out: list[_Header] = []
    for m in _HEADER.finditer(text):
        if len(out) >= MAX_SHEETS:
            break
        roles, words = _roles(m.group("name"), m.group("cols"))
        cols = m.group("cols")
        end = m.start("cols") + len(cols.rstrip(" \t|\n")) if words else m.end("unit")
        out.append(_Header(m.start(), end, compact(m.group("name")) == "统计指标", roles, words))
    return out


def _title(text: str, start: int) -> str:
    m = _TITLE.search(text[max(0, start - 120):start].rstrip(" \t|\n"))
    if m is None:
        return "政府信息公开情况统计表"
    t = compact(m.group("t"))
    pm = _TITLE_PREFIX.match(t)
    return (t[pm.end():] if pm else t) or "政府信息公开情况统计表"


def _line_at(starts: Sequence[int], offset: int) -> int:
    return max(0, bisect.bisect_right(starts, offset) - 1)


# Tuples of enum members built once (an enum attribute lookup per line adds up over a sheet).
_POSITIONAL_DELIMITERS = (Delimiter.MARKDOWN, Delimiter.TAB)  # delimiters that keep empty cells


def _positional(text: str, line: Line, roles: tuple[str, ...]) -> RawRow | None:
    """A markdown or tab row whose cells keep their columns: label, unit, one cell per value column.
    A tab row may be shorter (its trailing empty cells went with the line's trailing whitespace;
    where the text ends with it, they may have been cut off) or one empty cell longer (a tab ending
    every line)."""
    if line.delimiter not in _POSITIONAL_DELIMITERS or not roles or line.width is None:
        return None
    full = 2 + len(roles)
    if line.width != full and not (line.delimiter is Delimiter.TAB and (
            line.width < full or (line.width == full + 1 and all(c.column != full for c in line.cells)))):
        return None
    by_col = {c.column: c for c in line.cells}
    label = by_col.get(0)
    if label is None:
        return None
    cells = [by_col.get(k) for k in range(1, 2 + len(roles))]
    raw = positional_row(text, (label.span.start, label.span.end),
                         [None if c is None else (c.text, c.span.start, c.span.end) for c in cells])
    if raw is not None and line.width < full and not text[line.span.end:].strip():
        raw.cut = True  # a shorter tab row where the text ends: its last cells may have been cut off
    return raw


def positional_row(text: str, label: tuple[int, int], cells: Sequence[tuple[str, int, int] | None], *,
                   drawn: bool = False) -> RawRow | None:
    """A row whose cells keep their columns (a markdown or tab row, a table grid's row): the label's
    offsets in ``text``, then the unit cell and one cell per value column, each ``(its text,
    start, end)`` (an empty text for an empty cell the source places, a grid's) or ``None`` for an
    empty cell. In a grid (``drawn``) ``None`` is a position where the row has no cell at all
    (a row shorter than the grid, as a page cut off inside it leaves), which proves no blank.
    ``None`` when the cells are not such a row."""
    sub, stop = _lex(text, label[0], label[1])
    if stop is not None or len(sub) != 1 or sub[0].vals or sub[0].unit is not None:
        return None
    raw = sub[0]
    unit_cell = cells[0] if cells else None
    if unit_cell is not None:
        t = compact(unit_cell[0])
        if t in UNITS:
            raw.unit, raw.unit_start = t, unit_cell[1]
        elif not all(ch in _DASH for ch in t):
            return None
    values: list[Value] = []
    for cell in cells[1:]:
        raw.cell_spans.append(None if cell is None else (cell[1], cell[2]))
        if cell is None or not cell[0]:
            values.append(Value(ValueKind.BLANK))
            continue
        v = parse_value(cell[0])
        if v is None:
            return None
        values.append(v)
        raw.vals.append(_Val("num" if v.kind is ValueKind.NUMBER else "na", cell[0], cell[1], cell[2], True))
    raw.positional = values
    if drawn and any(cell is None for cell in cells[1:]):
        raw.unproven = "the grid row has no cell under some of its value columns"
    return raw


def _stop_row(raw: RawRow, text: str) -> bool:
    """Is this lexed row the end of the sheet (a note, or text that is neither row nor heading)?"""
    norm = _norm(_label_text(raw, text))
    if _NOTE.match(norm):
        return True
    if raw.unit is not None or any(v.kind == "num" for v in raw.vals):
        return False
    return not _known(_core_of(norm)) and _marker(norm)[0] == "none"


def _read_rows(
    text: str, lines: Sequence[Line], starts: Sequence[int], start: int, end: int, roles: tuple[str, ...],
    *, per_cell: bool = False,
) -> tuple[list[RawRow], int]:
    """The rows of a sheet from ``start`` up to where the sheet stops (at most ``end``), each with
    what marks its end (:func:`_mark_ends`)."""
    rows, stop = _lex_rows(text, lines, starts, start, end, roles, per_cell=per_cell)
    _mark_ends(text, lines, starts, rows, stop, roles)
    return rows, stop


def _lex_rows(
    text: str, lines: Sequence[Line], starts: Sequence[int], start: int, end: int, roles: tuple[str, ...],
    *, per_cell: bool = False,
) -> tuple[list[RawRow], int]:
    """The rows of a sheet from ``start`` up to where the sheet stops (at most ``end``), its cells
    read in reading order. In a sheet written one cell per line (``per_cell``: its header is), a
    row left open at the end of a line (a label alone on its line, or a label and fewer cells than
    the sheet has columns, on lines of their own) continues on the next line, so that one cell per
    line reads as one row per line does. Otherwise a line that opens with a value ends the sheet
    (a page number under a row whose cells are empty is not its value)."""
    lexer = _Lexer(text)
    checked = 0
    carry = False
    stop: int | None = None
    for line in _content_lines(lines, starts, start, end):
        a, b = max(line.span.start, start), min(line.span.end, end)
        pos = _positional(text, line, roles) if a == line.span.start and b == line.span.end else None
        if pos is not None:
            lexer.close()
            lexer.rows.append(pos)
            carry = False
        else:
            stop = lexer.feed(a, b, carry=carry)
            carry = per_cell and _open_row(lexer.cur, a, roles)
        cut = _first_stop_row(lexer.rows, checked, text)
        if cut is not None:
            return lexer.rows[:cut], lexer.rows[cut].start
        checked = len(lexer.rows)
        if stop is not None:
            return lexer.rows, stop
    lexer.close()
    cut = _first_stop_row(lexer.rows, checked, text)
    if cut is not None:
        return lexer.rows[:cut], lexer.rows[cut].start
    return lexer.rows, end


def _cut_short(raw: RawRow, text: str, roles: tuple[str, ...]) -> bool:
    """Does the text end inside the sheet's last row: fewer cells than the sheet has columns (a
    glued run of digits may hold a cell per digit), and nothing after its last cell (no ``|`` that
    closes it)? Its unread cells are then unknown."""
    if not roles or raw.positional is not None or _full(raw, roles):  # a tab row shows its width
        return False
    last = max([raw.end, raw.unit_start + len(raw.unit or "")] + [v.end for v in raw.vals])
    return not text[last:].strip()


def _mark_ends(text: str, lines: Sequence[Line], starts: Sequence[int], rows: Sequence[RawRow], stop: int,
               roles: tuple[str, ...]) -> None:
    """Set each row's ``unproven``: why nothing in the source marks where the row ends, so that a
    cell it does not show may be in the text after it (a wrapped label's second line ``件 0``, a
    damaged unit cell read as a row of its own, a value on the next line where the sheet stops).
    A row's end is marked by the next row's label (a declared wording or a numbering), by a note,
    header or row label where the sheet stops, or by its own pipe row closed on its line; a
    positional row (markdown, tab, grid), a row that shows a cell per column and a row the text
    cuts short (``cut``, set here for the last row: :func:`_cut_short`) need none."""
    if rows:
        rows[-1].cut = rows[-1].cut or _cut_short(rows[-1], text, roles)
    for k, raw in enumerate(rows):
        if raw.positional is not None or raw.cut or _full(raw, roles) or _closes_its_line(text, lines, starts, raw):
            continue
        if k + 1 < len(rows):
            nxt = rows[k + 1]
            if not _starts_row(text, nxt):
                raw.unproven = f"the text after it, {compact(_label_text(nxt, text))[:16]!r}, is not a row label"
        elif not _ends_sheet(text, stop):
            raw.unproven = f"the sheet stops after it at {compact(text[stop:stop + 16])!r}, which is not a row label"


def _last_offset(raw: RawRow) -> int:
    """The end of the row's last piece of text (label, unit or value)."""
    ends = [raw.end, raw.unit_start + len(raw.unit or ""), *(v.end for v in raw.vals), *(b for _a, b in raw.parts)]
    return max(ends)


def _closes_its_line(text: str, lines: Sequence[Line], starts: Sequence[int], raw: RawRow) -> bool:
    """Is the row a whole pipe (or markdown) row of several cells, its line closed by a ``|`` after
    its last cell (``1.政府公报公开政府信息数 | 条 | |``)?"""
    last = _last_offset(raw)
    line = lines[_line_at(starts, max(last - 1, raw.start))] if lines else None
    if line is None or line.delimiter not in _CLOSED_DELIMITERS or len(line.cells) < 2:
        return False
    return line.span.start <= raw.start and _CLOSING.fullmatch(text, last, line.span.end) is not None


def _starts_row(text: str, raw: RawRow) -> bool:
    """Does the row open with a row label the source marks: a declared wording, a numbering (also
    one glued to the previous row's values)?"""
    return raw.hit or raw.pending or _marker(_norm(_label_text(raw, text)))[0] != "none"


def _ends_sheet(text: str, stop: int) -> bool:
    """Does the text where the sheet stops mark the end of its last row: the end of the text, a
    note, another sheet's header, a numbered or declared row label?"""
    if not text[stop:].strip():
        return True
    head = _norm(text[stop:stop + 40])
    return (_NOTE.match(head) is not None or _marker(head)[0] != "none"
            or _HEADER.match(text, stop) is not None or _SCAN.match(text, stop) is not None)


_CLOSED_DELIMITERS = (Delimiter.PIPE, Delimiter.MARKDOWN)
_CLOSING = regex.compile(r"[ \t]*\|[ \t|]*")


def _full(raw: RawRow, roles: tuple[str, ...]) -> bool:
    """Does the row show a cell per column (a glued run of digits may hold a cell per digit)?"""
    return (raw.unit is not None) + sum(1 if v.clean else len(v.text) for v in raw.vals) >= 1 + len(roles)


def _content_lines(lines: Sequence[Line], starts: Sequence[int], start: int, end: int) -> Iterator[Line]:
    """The lines that overlap ``text[start:end]`` and may hold cells (not footers, rules, pipes)."""
    li = _line_at(starts, start)
    while li < len(lines) and lines[li].span.start < end:
        line = lines[li]
        li += 1
        if line.span.end > start and line.kind not in NOT_CONTENT:
            yield line


def _open_row(cur: RawRow | None, a: int, roles: tuple[str, ...]) -> bool:
    """Does the row being read continue on the next line? Not when a line held its label and more
    cells (a row per line: the line's end is the row's end), nor once it holds a unit cell and a
    cell per column (placeholders count as cells)."""
    if cur is None:
        return False
    cells = (cur.unit is not None) + len(cur.vals)
    if cur.start >= a and cells:
        return False
    return cells < 1 + max(len(roles), 1)


def _first_stop_row(rows: Sequence[RawRow], k: int, text: str) -> int | None:
    """The index of the first row from ``k`` on that ends the sheet, if any."""
    return next((n for n in range(k, len(rows)) if _stop_row(rows[n], text)), None)


# --- PDF layout text -------------------------------------------------------------------------------

_GAP = regex.compile(r"[ \u3000]{2,}")  # the gap between two cells in ``pdftotext -layout`` text


def _is_layout(text: str, header: _Header) -> bool:
    """Is the sheet written as ``pdftotext -layout`` writes a table: its header words apart by runs
    of spaces, no pipes or tabs?"""
    seg = text[header.start:header.end]
    return "|" not in seg and "\t" not in seg and _GAP.search(seg) is not None


def _layout_line(text: str, a: int, b: int) -> str:
    """What a line of PDF layout text holds: ``blank``, ``cells`` (a row's cells, with or without
    its label before them) or ``fragment`` (label text only: a wrapped label's piece above or
    below its cells, ``息计 1 条）`` whose digit is the label's)."""
    seg = text[a:b].strip()
    if not seg:
        return "blank"
    if len(_GAP.split(seg)) > 1 or parse_value(seg) is not None or compact(seg) in UNITS:
        return "cells"
    rows, stop = _lex(text, a, b)
    if stop is None and len(rows) == 1 and (rows[0].unit is not None or rows[0].vals):
        return "cells"
    return "fragment"


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


@attrs.define
class _Layout:
    """The rows of a sheet in PDF layout text, line by line: a label wrapped around its cells
    (``（一）主动公开政府信息数`` / ``（不同渠道和方式公开相同信   条   2122`` / ``息计 1 条）``) is
    one row. Label pieces above a row's cells wait in ``pending`` (a piece that opens with its
    numbering starts a row); a piece below them, without numbering, goes on the label of ``last``,
    the row read just before it in the same block of lines."""

    text: str
    rows: list[RawRow] = attrs.Factory(list)
    pending: list[tuple[int, int]] = attrs.Factory(list)
    last: RawRow | None = None

    def gap(self) -> None:
        """A blank line: rows do not wrap across it."""
        self.flush()
        self.last = None

    def flush(self) -> None:
        """Label pieces that found no cells: a row of their own (a section heading)."""
        if self.pending:
            raw = RawRow(self.pending[0][0], self.pending[-1][1], closed=True, parts=self.pending)
            self.rows.append(raw)
            self.last = raw
            self.pending = []

    def fragment(self, a: int, b: int) -> None:
        numbered = _marker(_norm(self.text[a:b]))[0] != "none"
        if numbered or (not self.pending and self.last is None):
            self.flush()
            self.pending = [(a, b)]
        elif self.pending:
            self.pending.append((a, b))
        elif self.last is not None:
            if not self.last.parts:
                self.last.parts.append((self.last.start, self.last.end))
            self.last.parts.append((a, b))

    def cells(self, a: int, b: int) -> int | None:
        """A line of cells; returns where the sheet stops, if it does here."""
        lexer = _Lexer(self.text)
        if not _label_first(self.text, a, b):
            if not self.pending:
                return a  # cells under no label
            lexer.cur = RawRow(self.pending[0][0], self.pending[-1][1], closed=True, parts=self.pending)
            self.pending = []
        stop = lexer.feed(a, b, carry=True)
        if stop is not None:
            return stop
        lexer.close()
        self._wrap(lexer.rows, a)
        self.flush()
        self.rows.extend(lexer.rows)
        self.last = lexer.rows[-1] if lexer.rows else None
        return None

    def _wrap(self, rows: list[RawRow], a: int) -> None:
        """Pending label pieces go before the line's own label unless that label is numbered."""
        first = rows[0] if rows else None
        if not self.pending or first is None or first.start < a:
            return
        if _marker(_norm(self.text[first.start:first.end]))[0] != "none":
            return
        first.parts = [*self.pending, (first.start, first.end)]
        first.start = self.pending[0][0]
        self.pending = []


def _label_first(text: str, a: int, b: int) -> bool:
    """Does the line open with label text (not a value, a placeholder or a unit cell)?"""
    i = _skip_blanks(text, a, b)
    if i < b and text[i] in _DIGITS:
        return _numbering_follows(text, _num_end(text, i, b), b)  # 1.政府公报公开政府信息数
    if i >= b or text[i] in _NOT_LABEL:
        return False
    u = _unit_at(text, i, b)
    return u is None or (i + len(u) < b and text[i + len(u)] not in " \t\u3000")


def _layout_rows(
    text: str, lines: Sequence[Line], starts: Sequence[int], start: int, end: int, roles: tuple[str, ...]
) -> tuple[list[RawRow], int]:
    """The rows of a sheet in PDF layout text (see :class:`_Layout`), up to where it stops."""
    reader = _Layout(text)
    checked = 0
    after = start  # the end of the line before
    for line in _content_lines(lines, starts, start, end):
        a, b = _trimmed(text, max(line.span.start, start), min(line.span.end, end))
        kind = _layout_line(text, a, b)
        if text.count("\n", after, a) > 1:
            reader.gap()  # a blank line before this one
        after = b
        stop: int | None = None
        if kind == "blank":
            reader.gap()
        elif not _SENTENCE_END.isdisjoint(text[a:b]):
            stop = a
        elif kind == "fragment":
            reader.fragment(a, b)
        else:
            stop = reader.cells(a, b)
        cut = _first_stop_row(reader.rows, checked, text)
        if cut is not None:
            return reader.rows[:cut], reader.rows[cut].start
        checked = len(reader.rows)
        if stop is not None:
            reader.flush()
            return _until_stop(reader.rows, checked, text, stop)
    reader.flush()
    return _until_stop(reader.rows, checked, text, end)


def _read_layout(
    text: str, lines: Sequence[Line], starts: Sequence[int], start: int, end: int, roles: tuple[str, ...]
) -> tuple[list[RawRow], int]:
    """The rows of a sheet in PDF layout text (see :class:`_Layout`), up to where it stops, each
    with what marks its end (:func:`_mark_ends`)."""
    rows, stop = _layout_rows(text, lines, starts, start, end, roles)
    _mark_ends(text, lines, starts, rows, stop, roles)
    return rows, stop


def _until_stop(rows: list[RawRow], checked: int, text: str, stop: int) -> tuple[list[RawRow], int]:
    cut = _first_stop_row(rows, checked, text)
    return (rows[:cut], rows[cut].start) if cut is not None else (rows, stop)


def _sheets(src: Source, lines: Sequence[Line], starts: Sequence[int]) -> list[Sheet]:
    text = src.text
    headers = _headers(text)
    out: list[Sheet] = []
    for k, h in enumerate(headers):
        limit = min(headers[k + 1].start if k + 1 < len(headers) else len(text), h.end + MAX_SHEET_CHARS)
        if _is_layout(text, h):
            raws, stop = _read_layout(text, lines, starts, h.end, limit, h.roles)
        else:  # a header written one cell per line says the rows are too
            raws, stop = _read_rows(text, lines, starts, h.end, limit, h.roles, per_cell="\n" in text[h.start:h.end])
        diags: list[Diagnostic] = []
        if any(r in ("other", "code") for r in h.roles):
            diags.append(dg.make(
                "SHEET_COLUMNS_UNKNOWN", f"the sheet's columns ({' | '.join(h.words)}) are not "
                "统计数, 本年 or 历年累计; values in other columns are kept in the rows and "
                "mapped to no key", path="sheet", span=src.span(h.start, h.end)))
        out.append(Sheet(h, h.start, max(stop, h.end), _title(text, h.start), raws, h.roles, diags))
    return out or _headerless(src, lines, starts)


def _headerless(src: Source, lines: Sequence[Line], starts: Sequence[int]) -> list[Sheet]:
    """A sheet whose header was lost: a run of table rows with the sheet's labels and units. It is
    read as one value column only when no row shows more (values or pipe-grid width)."""
    text = src.text
    for li, line in enumerate(lines):
        if line.kind is not LineKind.ROW or line.span.end - line.span.start > _MAX_ROW_LINE:
            continue
        rows, stop = _lex(text, line.span.start, line.span.end)
        if stop is not None or len(rows) != 1 or rows[0].unit is None:
            continue
        if not any(not r.generic for r in _ALIASES.get(_core(text[rows[0].start:rows[0].end]), [])):
            continue
        start = line.span.start
        prev = lines[li - 1] if li > 0 else None
        if prev is not None and prev.kind is not LineKind.ROW and _category(_core(prev.text)) is not None:
            start = prev.span.start  # the section heading the first row sits under
        end = min(len(text), start + MAX_SHEET_CHARS)
        raws, _stop = _read_rows(text, lines, starts, start, end, ())
        if sum(1 for r in raws if r.unit is not None and _core(text[r.start:r.end]) in _ALIASES) < 3:
            continue
        width = max((len(r.vals) for r in raws), default=0)
        for r in raws:
            ln = lines[_line_at(starts, r.start)]
            if ln.delimiter is Delimiter.PIPE and ln.pad:
                width = max(width, len(ln.cells) + ln.pad - 2)
            elif ln.delimiter in (Delimiter.MARKDOWN, Delimiter.TAB) and ln.width:
                width = max(width, ln.width - 2)
        diags: list[Diagnostic] = []
        roles: tuple[str, ...] = ("current",)
        if width > 1:
            roles = ("other",) * width
            diags.append(dg.make(
                "SHEET_COLUMNS_UNKNOWN", f"the sheet has no header and {width} value columns; its "
                "values are kept in the rows and mapped to no key", path="sheet",
                span=src.span(start, start)))
        raws, stop_at = _read_rows(text, lines, starts, start, end, roles)
        diags.append(dg.make(
            "SHEET_HEADER_MISSING", "the statistics sheet has no header row; it was found by its rows "
            f"and read with {len(roles)} value column(s)", path="sheet", span=src.span(start, start)))
        return [Sheet(None, start, stop_at, _title(text, start), raws, roles, diags)]
    return []


# --- rows to the typed result --------------------------------------------------------------------


@attrs.define
class _Node:
    level: float
    label: str
    number: int | None
    qizhong: bool  # an unnumbered 其中 row, or a row listed after one


@attrs.define
class _RowInfo:
    raw: RawRow
    label: str
    path: tuple[str, ...]
    spec: RowSpec | None
    heading: bool
    unit: str | None
    diags: list[Diagnostic]
    duplicate: bool = False


_LEVEL = {"ord": 1.0, "paren": 2.0, "digit": 3.0, "qizhong_digit": 3.0, "pdigit": 4.0}


def _next_number(stack: list[_Node]) -> int:
    """The number a digit-numbered row takes next: one more than its previous sibling's, or 1."""
    for node in reversed(stack):
        if node.level > 3.0:
            continue
        if node.level == 3.0 and node.number is not None:
            return node.number + 1
        break
    return 1


def _push(stack: list[_Node], label: str, kind: str, number: int | None, national_style: bool) -> None:
    """Place a row in the hierarchy: 一、 › （一） › 1. › (1); ``其中`` under the row before it; an
    unmarked row beside an unnumbered 其中 row, beside its neighbour in a numbered sheet, else at
    the top (the flat local sheets)."""
    top = stack[-1] if stack else None
    qizhong = False
    if kind in _LEVEL:
        level = _LEVEL[kind]
    elif kind == "qizhong":
        level = (top.level if top.qizhong else top.level + 0.5) if top is not None else 0.5
        qizhong = True
    elif top is not None and top.qizhong:
        level, qizhong = top.level, True
    elif national_style and top is not None:
        level = top.level
    else:
        level = 0.0
    while stack and stack[-1].level >= level:
        stack.pop()
    stack.append(_Node(level, label, number, qizhong))


def _resolve_numbering(raws: list[RawRow], k: int, stack: list[_Node]) -> str:
    """The numbering of a row whose digits are glued to the previous row's values: the number the
    hierarchy expects, taken off the end of that run. Returns the numbering ("" if the run does not
    end with it, in which case the previous row's values are unreadable)."""
    prev = raws[k - 1] if k > 0 else None
    run = prev.vals[-1] if prev is not None and prev.vals and prev.vals[-1].pending else None
    if prev is None or run is None:
        return ""
    expected = str(_next_number(stack))
    run.pending = False
    if run.text.endswith(expected):
        run.text = run.text[: -len(expected)]
        run.end -= len(expected)
        if not run.text:
            prev.vals.pop()
        return expected
    prev.noise = (f"its digits {run.text} run into the numbering of the next row, which does not "
                  f"end with the expected {expected}")
    return ""


class _Mapped(NamedTuple):
    """A row's key (if any), whether it is a section heading, and the section after it."""

    spec: RowSpec | None
    heading: bool
    section: str | None
    undecided: bool  # a label several sections share, in no section that decides it


def _map(core: str, kind: str, raw: RawRow, section: str | None) -> _Mapped:
    """Map a row by its whole label (``core``): a section heading, a declared row (a shared label by
    its section), or neither. A row numbered ``一、`` that is not a known heading leaves every section."""
    numbers = any(v.kind == "num" for v in raw.vals)
    cands = _ALIASES.get(core, [])
    cat = _category(core) if not cands and not numbers else None
    if cat is not None:
        return _Mapped(None, True, spec.CATEGORY_SECTION.get(cat.key, section), False)
    left = None if kind == "ord" else section
    if not cands and not numbers and raw.unit is None:
        return _Mapped(None, True, left, False)
    plain = _PLAIN.get(core)
    if plain is not None:
        return _Mapped(plain, False, plain.section, False)
    if cands:
        found = next((c for c in cands if c.section == section), None)
        return _Mapped(found, False, section, found is None)
    return _Mapped(None, False, left, False)


def _analyse(src: Source, raws: list[RawRow]) -> list[_RowInfo]:
    """Numbering, hierarchy, section and key of every row, in text order."""
    stack: list[_Node] = []
    section: str | None = None
    national_style = False
    used: set[str] = set()
    out: list[_RowInfo] = []
    for k, raw in enumerate(raws):
        label = compact(_label_text(raw, src.original))
        norm = _norm(_label_text(raw, src.text))
        diags: list[Diagnostic] = []
        kind, number = _marker(norm)
        if raw.pending:
            numbering = _resolve_numbering(raws, k, stack)
            label, norm = numbering + label, numbering + norm
            kind, number = "digit", int(numbering) if numbering else None
        if kind in ("ord", "paren"):
            national_style = True
        _push(stack, label, kind, number, national_style)
        path = tuple(n.label for n in stack)
        mapped = _map(_core_of(norm), kind, raw, section)
        row_spec, heading, section = mapped.spec, mapped.heading, mapped.section
        if mapped.undecided:
            diags.append(dg.make(
                "SHEET_ROW_UNMAPPED", f"row {label!r} means different things in different "
                f"sections and sits in none that decides it ({section or 'no section'})",
                path="sheet", span=src.span(raw.start, raw.end)))
        unit = raw.unit
        if row_spec is not None and unit is not None and unit != row_spec.unit:
            row_spec = _check_unit(src, raw, row_spec, unit, label, diags)
        info = _RowInfo(raw, label, path, row_spec, heading, unit, diags)
        if row_spec is not None:
            if row_spec.key in used:
                info.duplicate = True
                key = spec.current_key(row_spec.key)
                diags.append(dg.make("ROW_DUPLICATE", f"row {label!r} ({key}) appears again in the "
                                     "sheet; the first was used", path=key,
                                     span=src.span(raw.start, raw.end)))
            used.add(row_spec.key)
        out.append(info)
    return out


def _check_unit(src: Source, raw: RawRow, row_spec: RowSpec, unit: str, label: str,
                diags: list[Diagnostic]) -> RowSpec | None:
    """A unit that differs from the template's: two count units or two money units keep the row's
    key (money is converted to the template's unit); a count for money or money for a count does
    not."""
    tu = row_spec.unit or ""
    key = spec.current_key(row_spec.key)
    span = src.span(raw.unit_start, raw.unit_start + len(unit))
    if tu in spec.MONEY_UNITS and unit in spec.MONEY_UNITS:
        diags.append(dg.make("VALUE_UNIT_MISMATCH", f"{key}: the sheet gives {unit} where the "
                             f"template gives {tu}; converted to {tu}", path=key, span=span))
        return row_spec
    if tu in spec.COUNT_UNITS and unit in spec.COUNT_UNITS:
        diags.append(dg.make("VALUE_UNIT_MISMATCH", f"{key}: the sheet counts in {unit} where the "
                             f"template counts in {tu}; the count was kept", path=key, span=span,
                             severity=Severity.INFO))
        return row_spec
    diags.append(dg.make("VALUE_UNIT_MISMATCH", f"row {label!r} is in {unit}, but {key} is in "
                         f"{tu}; kept, not mapped to that key", path=key, span=span))
    return None


# --- placement -----------------------------------------------------------------------------------


def _pieces(src: Source, raw: RawRow) -> tuple[list[Piece], str]:
    """The value pieces of a row, and why they cannot be read (empty when they can)."""
    if raw.noise:
        return [], raw.noise
    if raw.positional is not None:
        return [Piece(value, None if at is None else src.span(*at))
                for value, at in zip(raw.positional, raw.cell_spans, strict=True)], ""
    pieces: list[Piece] = []
    for v in raw.vals:
        span = src.span(v.start, v.end)
        if v.kind == "na":
            pieces.append(Piece(Value(ValueKind.NOT_APPLICABLE, raw=v.text), span))
            continue
        parsed = parse_value(v.text)
        if parsed is None:
            return [], f"{v.text!r} is not a value"
        pieces.append(value_piece(parsed, span, v.text, v.clean))
    return pieces, ""


def _keyed(info: _RowInfo) -> bool:
    return info.spec is not None and not info.duplicate


def _slot_key(info: _RowInfo, n: int, ci: int, role: str) -> str:
    if info.spec is not None and not info.duplicate:
        if role == "current":
            return spec.current_key(info.spec.key)
        if role == "cumulative":
            return spec.cumulative_key(info.spec.key)
    return f"#{n}.{role if role in ('current', 'cumulative') else ci}"


def _money(info: _RowInfo) -> bool:
    tu = info.spec.unit if info.spec is not None else None
    return tu in spec.MONEY_UNITS or info.unit in spec.MONEY_UNITS


@attrs.frozen
class _Reduced:
    ident: Identity
    absent: tuple[str, ...]  # keys of parts the sheet has no row for
    blocker: str  # why an equality cannot be evaluated over the parts the sheet has ("" if it can)
    parts_bigger: bool  # the parts are on the side that must be the larger (Σ channels ≥ total)


def _row_key(flat: str) -> str:
    return flat.split(".", 1)[1]


@attrs.frozen
class _Shape:
    """What :func:`_reduce` needs of an identity, worked out once at import."""

    ident: Identity
    cumulative: bool  # a cell is in the 历年累计 column
    single: bool  # one cell on each side
    rows: frozenset[str]  # the row keys of its cells
    parts_left: bool
    parts: tuple[tuple[str, str, str | None], ...]  # (flat key, row key, label if a national row)
    total_rows: tuple[str, ...]
    bigger_if_absent: bool  # the parts are on the larger side
    required: frozenset[str]  # rows without which it is not evaluated (all, or the total's)


def _shape(ident: Identity) -> _Shape:
    left, right = ident.left, ident.right
    parts_left = len(left) > 1
    parts, total = (left, right) if parts_left else (right, left)
    return _Shape(
        ident, any(k.startswith(spec.CUMULATIVE_PREFIX) for k in ident.cells), len(left) == 1 and len(right) == 1,
        frozenset(_row_key(k) for k in ident.cells), parts_left,
        tuple((k, _row_key(k), None if _row_key(k) in spec.VARIANT_ROWS else spec.row(_row_key(k)).label)
              for k in parts),
        tuple(_row_key(k) for k in total),
        (parts_left and ident.relation == ">=") or (not parts_left and ident.relation == "<="),
        frozenset(_row_key(k) for k in (ident.cells if len(left) == 1 and len(right) == 1 else total)))


_SHAPES: tuple[_Shape, ...] = tuple(_shape(i) for i in spec.all_identities())
_CURRENT_SHAPES = tuple(s for s in _SHAPES if not s.cumulative)  # for a sheet without 历年累计


def _reduce(shape: _Shape, present: set[str], has_cum: bool, parent_of: dict[str, tuple[str, ...]],
            unmapped_parents: set[tuple[str, ...]]) -> _Reduced | None:
    """The identity as this sheet can evaluate it, or ``None`` when the sheet lacks its rows.

    A sum whose total row is present is evaluated over the parts the sheet has when the missing
    parts are rows of another local variant (:data:`~zhgov_report.templates.sheet.VARIANT_ROWS`).
    When a missing part is a row of the national sheet, or a present part has a sibling that no
    key holds (``信函、传真申请数``), an equality is not assessable; an inequality whose larger side
    lost parts still proves a pass."""
    if not has_cum and shape.cumulative:
        return None
    ident = shape.ident
    if shape.single:
        return _Reduced(ident, (), "", False) if shape.rows <= present else None
    for r in shape.total_rows:
        if r not in present:
            return None
    absent = tuple(k for k, r, _l in shape.parts if r not in present)
    why = []
    if absent:
        kept = tuple(k for k, r, _l in shape.parts if r in present)
        if not kept:
            return None
        national = [label for _k, r, label in shape.parts if r not in present and label is not None]
        if national:
            why.append("the sheet has no row " + ", ".join(national))
    if unmapped_parents and any(parent_of.get(r) in unmapped_parents for _k, r, _l in shape.parts if r in present):
        why.append("the sheet has a part of this total that no key holds")
    # with every part present the identity is the declared one (attrs.evolve would copy it unchanged)
    new = ident if not absent else (
        attrs.evolve(ident, left=kept) if shape.parts_left else attrs.evolve(ident, right=kept))
    return _Reduced(new, absent, "; ".join(why), shape.bigger_if_absent)


def _evaluate(red: _Reduced, full: Identity, cells: dict[str, Cell], used: frozenset[str]) -> Check:
    """Evaluate a (reduced) identity with :func:`~zhgov_report.checks.evaluate_identity`."""
    chk = evaluate_identity(red.ident, cells, used)
    if not red.blocker and not red.absent:
        return chk  # the identity as declared, over rows the sheet has
    dropped = ", ".join(spec.row(_row_key(k)).label for k in red.absent) or "for a part no key holds"
    if red.ident.relation == "=":
        if red.blocker:
            return attrs.evolve(chk, status=CheckStatus.NOT_ASSESSABLE, left=None, right=None,
                                cells=full.cells, message=red.blocker, blank_as_zero=False)
        if red.absent and chk.status is not CheckStatus.NOT_ASSESSABLE:
            note = f"evaluated over the parts this sheet has (it has no row {dropped})"
            return attrs.evolve(chk, message=f"{chk.message}; {note}" if chk.message else note)
        return chk
    if (red.blocker or red.absent) and chk.status is not CheckStatus.NOT_ASSESSABLE:
        if chk.status is CheckStatus.PASS and red.parts_bigger:
            return attrs.evolve(chk, message=f"holds over the rows this sheet has (it has no row {dropped})")
        return attrs.evolve(chk, status=CheckStatus.NOT_ASSESSABLE, left=None, right=None, message=(
            f"{chk.message}, but the sheet lacks rows ({dropped}) that could make up the difference"))
    return chk


def _build(
    src: Source, sheet: Sheet, infos: list[_RowInfo], table_id: str, with_checks: bool,
    hints: Mapping[str, Number] | None = None,
) -> tuple[Table, list[Check], list[Diagnostic]]:
    roles = sheet.roles
    diags: list[Diagnostic] = list(sheet.diags)
    for info in infos:
        diags.extend(info.diags)
    value_rows = [(n, info) for n, info in enumerate(infos) if not info.heading]
    present = {info.spec.key for _n, info in value_rows if info.spec is not None and _keyed(info)}
    parent_of = {info.spec.key: info.path[:-1] for _n, info in value_rows if info.spec is not None}
    unmapped_parents = {info.path[:-1] for _n, info in value_rows if not _keyed(info)}
    has_cum = "cumulative" in roles
    observations: list[Observation] = []
    noise: dict[int, str] = {}
    fills_cumulative = False
    for n, info in value_rows:
        pieces, why = _pieces(src, info.raw)
        if why:
            noise[n] = why
            continue
        if not fills_cumulative and (
                info.raw.positional is not None or sum(1 for p in pieces if not p.glued) >= 2):
            fills_cumulative = True
        money = _money(info)
        slots = tuple(Slot(_slot_key(info, n, ci, role), decimal=money, column=role)
                      for ci, role in enumerate(roles))
        if slots:
            observations.append(Observation(f"row{n}", slots, tuple(pieces),
                                            tuple(hints.get(s.key) for s in slots) if hints else ()))
    # (the shapes and their required rows only skip identities that _reduce would return None for)
    reduced = [(shape.ident, red) for shape in (_SHAPES if has_cum else _CURRENT_SHAPES)
               if shape.required <= present
               and (red := _reduce(shape, present, has_cum, parent_of, unmapped_parents)) is not None]
    # 本年 ≤ 历年累计 places values only in a sheet that shows it fills its cumulative column: in a
    # sheet that leaves it empty, a lone value is as likely to be the current year's.
    placing = [r.ident for i, r in reduced
               if i.hard and i.placement and not r.blocker and (i.rule != "BC" or fills_cumulative)]
    if has_cum and fills_cumulative:
        placing += [Identity(f"BC.#{n}", "BC", f"{info.label}: 本年 ≤ 历年累计", (f"#{n}.current",),
                             (f"#{n}.cumulative",), "<=") for n, info in value_rows if not _keyed(info)]
    rec = recover(observations, placing)
    rows, cells = _assemble(src, infos, roles, rec, noise, diags, table_id)
    checks: list[Check] = []
    if with_checks:
        checks = _checks(reduced, cells, rec, diags, table_id)
    table = Table(table_id, "pre2019", sheet.title, tuple(rows), src.span(sheet.start, sheet.end))
    return table, checks, diags


@attrs.frozen
class _Outcome:
    """What reading and recovery say of the sheet's rows, for their diagnostics."""

    noise: Mapping[int, str]  # row index -> why its values cannot be read
    verdicts: Verdicts
    ncols: int

    @classmethod
    def of(cls, rec: Recovery, noise: Mapping[int, str], ncols: int) -> _Outcome:
        return cls(noise, Verdicts.of(rec), ncols)


def _recovery_diag(info: _RowInfo, n: int, values: Sequence[Value], out: _Outcome, span: Span,
                   path: str) -> Diagnostic | None:
    """The one diagnostic of how a row's values were read, if they were not read plainly."""
    outcome = out.verdicts.outcome(f"row{n}", out.noise.get(n))
    if outcome == _READ_AS_WRITTEN:
        return None
    facts = Facts(info.label, len(info.raw.vals), " ".join(v.text for v in info.raw.vals), out.ncols, False,
                  " | ".join(v.raw or "∅" for v in values))
    return placement_diagnostic(outcome, facts, SHEET_ROW, span, path)


def _row_diags(info: _RowInfo, n: int, got: _RowCells, out: _Outcome, span: Span,
               table_id: str) -> list[Diagnostic]:
    """A row's diagnostics: how its values were read, a cut, an end nothing marks, no key."""
    path = spec.current_key(info.spec.key) if info.spec is not None else table_id
    found = _recovery_diag(info, n, got.values, out, span, path)
    diags = [found] if found is not None else []
    facts = Facts(info.label, len(info.raw.vals), "", out.ncols, False)
    if info.raw.cut:
        diags.append(cut_short_diagnostic(facts, SHEET_ROW, span, path))
    if got.unproven:
        diags.append(end_unproven_diagnostic(facts, SHEET_ROW, span, path, info.raw.unproven))
    if info.spec is None and table_id == "sheet":
        diags.append(dg.make("SHEET_ROW_UNMAPPED", f"row {' › '.join(info.path)} has no key in "
                             "FIELDS.md; kept with its unit and values, not in the flat dict",
                             span=span, path=table_id))
    return diags


def _checks(reduced: Sequence[tuple[Identity, _Reduced]], cells: dict[str, Cell], rec: Recovery,
            diags: list[Diagnostic], table_id: str) -> list[Check]:
    """The sheet's identities evaluated on its cells; a failed one and an identity that recovery
    could not use are diagnostics too."""
    checks: list[Check] = []
    for ident, red in reduced:
        chk = _evaluate(red, ident, cells, rec.used)
        checks.append(chk)
        if chk.status is CheckStatus.FAIL:
            span = next((cells[k].span for k in red.ident.cells if k in cells and cells[k].span), None)
            diags.append(dg.make("CHECK_FAILED" if ident.hard else "SOFT_CHECK_FAILED",
                                 f"{ident.id}: {ident.description}: {chk.message}", path=ident.id, span=span))
    declared = [(ident_id, why) for ident_id, why in rec.dropped if not ident_id.startswith("BC.#")]
    diags.extend(dropped_diagnostics(declared, table_id, grouped=False))
    return checks


def _assemble(
    src: Source, infos: list[_RowInfo], roles: tuple[str, ...], rec: Recovery, noise: dict[int, str],
    diags: list[Diagnostic], table_id: str,
) -> tuple[list[Row], dict[str, Cell]]:
    """Rows with cells (mapped rows of the sheet the values come from) or values (other rows)."""
    rows: list[Row] = []
    index: dict[str, Cell] = {}
    out = _Outcome.of(rec, noise, len(roles))
    # values go in Row.values when no cell holds them (unmapped rows, other sheets, other columns)
    other_columns = any(role not in ("current", "cumulative") for role in roles)
    for n, info in enumerate(infos):
        if info.heading:
            continue
        span = src.span(info.raw.start, info.raw.end)
        got = _row_cells(src, info, n, roles, rec, keyed=_keyed(info) and table_id == "sheet")
        index.update((c.key, c) for c in got.cells)
        diags.extend(_row_diags(info, n, got, out, span, table_id))
        kept = tuple(got.values) if got.certain and (not got.cells or other_columns) else ()
        rows.append(Row(info.spec.key if info.spec is not None else None, info.label, tuple(got.cells), info.path,
                        info.unit, kept, span))
    return rows, index


class _RowCells(NamedTuple):
    """A row's cells (of a keyed row), its values, whether all of them are certain, and whether a
    cell was left uncertain because nothing marks the row's end."""

    cells: list[Cell]
    values: list[Value]
    certain: bool
    unproven: bool


def _row_cells(
    src: Source, info: _RowInfo, n: int, roles: tuple[str, ...], rec: Recovery, *, keyed: bool
) -> _RowCells:
    """A row's cells (when ``keyed``) and values, each certain only with evidence
    (:func:`~zhgov_report._assemble.evidence`: a row the text cuts short proves none of its cells)."""
    tu = info.spec.unit if info.spec is not None else None
    money = _money(info)
    row_span = _row_span(src, info.raw)
    cells: list[Cell] = []
    values: list[Value] = []
    certain, unproven = True, False
    for ci, role in enumerate(roles):
        found = rec.cells.get(_slot_key(info, n, ci, role))
        if found is None:
            certain = False
            continue
        ev = evidence(found, row_span, doubted=info.raw.cut, end_marked=not info.raw.unproven)
        value = _finish_value(found.value, info, tu, money)
        values.append(value)
        certain = certain and ev.certain
        unproven = unproven or (ev.end_doubt and not info.raw.cut)
        if keyed and info.spec is not None and role in ("current", "cumulative"):
            key = (spec.current_key if role == "current" else spec.cumulative_key)(info.spec.key)
            alts = tuple(_finish_value(a, info, tu, money) for a in found.alternatives)
            cells.append(Cell(key, value, ev.certain, found.placed, alts, ev.span))
    return _RowCells(cells, values, certain, unproven)


def _row_span(src: Source, raw: RawRow) -> Span:
    """The row as written: its label to its last cell and the pipes that close its line."""
    last = _last_offset(raw)
    closing = _CLOSING.match(src.text, last)
    return src.span(raw.start, closing.end() if closing is not None else last)


def _finish_value(value: Value, info: _RowInfo, template_unit: str | None, money: bool) -> Value:
    """The unit of a placed value, and money (``money`` is :func:`_money` of the row) as ``Decimal``
    in the template's unit."""
    if value.kind is not ValueKind.NUMBER or value.number is None:
        return value
    unit = info.unit or value.unit or template_unit
    if not money:
        return value if unit == value.unit else _replace(value, value.number, unit)
    number = Decimal(value.number)
    if template_unit == "万元" and (value.unit or info.unit) == "元":
        return _replace(value, number / Decimal(10000), "万元")
    return _replace(value, number, template_unit or unit)


if tuple(a.name for a in attrs.fields(Value)) != ("kind", "number", "unit", "signed", "raw"):
    raise ImportError("_replace below must be updated to Value's fields")  # pragma: no cover


def _replace(value: Value, number: Number | None, unit: str | None) -> Value:
    """``attrs.evolve(value, number=number, unit=unit)``, without its per-call introspection."""
    return Value(value.kind, number, unit, value.signed, value.raw)


# --- entry point ---------------------------------------------------------------------------------


def _missing(src: Source, header_only: bool) -> Diagnostic:
    text = src.text
    announced = None
    for m in _ANNOUNCED.finditer(text):
        if _ANNOUNCE_BEFORE.search(text, max(0, m.start() - 80), m.start()):
            announced = m
            break
    if header_only:
        why = "the statistics sheet's header is in the text but its rows are not"
    elif announced is not None:
        line_start = text.rfind("\n", 0, announced.start()) + 1
        what = compact(text[max(line_start, announced.start() - 40):announced.end()])
        why = f"the report announces a statistics sheet ({what}) that is not in the text"
    else:
        why = "a pre-2019 report carries a statistics sheet, and none is in the text"
    span = src.span(announced.start(), announced.end()) if announced is not None else None
    return dg.make("TABLE_MISSING", f"{why} (published as an image, or an attachment that was not "
                   "scraped); its values are unknown, not zero", path="sheet", span=span)


def read_sheet(
    src: Source, lines: Sequence[Line], headings: Sequence[Heading], hints: Mapping[str, Number] | None = None,
) -> tuple[list[Table], list[Check], list[Diagnostic]]:
    """Read the statistics sheet of a pre-2019 report.

    Returns the tables (``sheet``, plus ``sheet_duplicate`` for every other sheet in the text),
    the checks B1–B10 and BC evaluated on ``sheet``, and diagnostics. A report without a sheet in
    its text gets a ``TABLE_MISSING`` diagnostic and no values, never zeros. ``headings`` (the
    report's section headings) are not needed: a sheet is found by its own header and rows.
    ``hints`` are figures the prose states, by flat key: they choose the most plausible placement
    among those the arithmetic leaves open, never decide certainty.
    """
    del headings
    starts = [ln.span.start for ln in lines]
    sheets = _sheets(src, lines, starts)
    return read_sheets(src, sheets, hints) or ([], [], [_missing(src, bool(sheets))])


def sheet_of_rows(src: Source, start: int, end: int, header: tuple[str, str] | None, raws: list[RawRow]) -> Sheet:
    """A sheet from rows read elsewhere (a table grid): ``header`` is its name cell and the words
    of its value columns (``("指标名称", "2017年度 历年累计")``), ``None`` for the national layout's
    one 统计数 column."""
    name, cols = header if header is not None else ("统计指标", "统计数")
    roles, words = _roles(name, cols)
    head = _Header(start, start, compact(name) == "统计指标", roles, words)
    diags: list[Diagnostic] = []
    if any(r in ("other", "code") for r in roles):
        diags.append(dg.make(
            "SHEET_COLUMNS_UNKNOWN", f"the sheet's columns ({' | '.join(words)}) are not "
            "统计数, 本年 or 历年累计; values in other columns are kept in the rows and "
            "mapped to no key", path="sheet", span=src.span(start, start)))
    return Sheet(head, start, end, _title(src.text, start), raws, roles, diags)


def sheet_roles(name: str, cols: str) -> tuple[str, ...]:
    """The role of each value column of a header (``current``, ``cumulative``, ``code``, ``other``)."""
    return _roles(name, cols)[0]


def read_sheets(
    src: Source, sheets: Sequence[Sheet], hints: Mapping[str, Number] | None = None,
) -> tuple[list[Table], list[Check], list[Diagnostic]] | None:
    """The values of the sheets found (see :func:`read_sheet`); ``None`` when none has a row."""
    analysed = [(s, infos) for s, infos in ((s, _analyse(src, s.raws)) for s in sheets)
                if any(not i.heading for i in infos)]
    if not analysed:
        return None
    national = [k for k, (s, _i) in enumerate(analysed) if s.header is not None and s.header.national]
    primary = national[-1] if national else len(analysed) - 1
    chosen, infos = analysed[primary]
    table, checks, diags = _build(src, chosen, infos, "sheet", True, hints)
    tables = [table]
    rule = "the last sheet in the national layout" if national else "the last sheet"
    for k, (s, infos) in enumerate(analysed):
        if k == primary:
            continue
        dup, _c, _d = _build(src, s, infos, "sheet_duplicate", False)
        tables.append(dup)
        diags.append(dg.make("TABLE_DUPLICATE", "the text holds more than one statistics sheet; values "
                             f"come from {rule} ({table.span}), this one is kept as table "
                             "sheet_duplicate without flat values", span=dup.span, path="sheet"))
    return tables, checks, diags
