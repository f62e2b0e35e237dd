"""Reading the three tables of the post-2019 templates.

For each template table:

1. **Regions.** The table lives in the section its heading opens (二/三/四, found by
   :mod:`zhgov_report._sections` wherever it sits, inline headings included) up to the next
   template heading. A table whose heading is missing is looked for by its anchors. A table that
   appears more than once (a garbled copy and a clean one) is read in every region and the
   best-read copy is kept.
2. **Labels.** One scan per line finds the template's row labels by distinctive substrings
   (whitespace ignored), its category labels, block captions and header words. A label is
   extended over the label text around the distinctive part, and over its numbering when the
   number is the one the template expects (``2.其他法律…`` after ``…0000000``).
3. **Values.** The text between a row label and the next label on the same line is split into
   pieces; a piece that is a whole pipe/markdown/tab cell is one value, other digit runs may hold
   several glued cells. Values on a later line are attached to a label only when that label and
   its neighbours are in template order. A label whose segment holds prose (a word, or a count
   with a unit such as ``件``) is a mention in a sentence, not a row.
4. **Placement** by :mod:`zhgov_report._recover`, then assembly into :class:`Table`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import ClassVar, NamedTuple

import attrs
import regex

from . import diagnostics as dg
from ._assemble import (
    LINE_TABLE,
    POST2019_ROW,
    Facts,
    Outcome,
    Verdicts,
    cut_short_diagnostic,
    dropped_diagnostics,
    end_unproven_diagnostic,
    evidence,
    placement_diagnostic,
    whole_outcome,
)
from ._cache import bounded_cache
from ._intake import Source, normalise
from ._numbers import MAX_DIGITS, parse_value
from ._recover import CellResult, Limits, Observation, Piece, Recovery, Slot, recover
from ._sections import Heading
from ._tokenize import Delimiter, Line, LineIndex, LineKind
from ._values import (
    COUNT_WORDS,
    NOT_CONTENT,
    ORDINALS,
    SENTENCE_MARKS,
    SIGNED_RUNS,
    UNIT_WORDS,
    run_pieces,
    value_piece,
)
from .models import Cell, Diagnostic, Number, Row, Span, Table, Value, ValueKind
from .templates._base import Column, Identity, RowSpec, TableSpec, Template
from .templates._labels import loose
from .templates._post2019 import TOTAL_COLUMN

#: The reader's internal API, shared with the grid reader (:mod:`zhgov_report._grid`), which reads the
#: same tables from grid cells: the label scanner of a table, a row's reading and slots, and assembly.
__all__ = [
    "RowRead",
    "Scanner",
    "TableRead",
    "assemble_table",
    "label_key",
    "read_post2019",
    "row_slots",
    "table_scanner",
    "value_columns",
]

_LABEL_CHAR = regex.compile(r"[^\d|\s—\-/~]")
_NUMBERING_LEFT = regex.compile(rf"(?:(?P<d>\d{{1,2}})\s*[.、．]\s*|\(\s*(?P<c>[{ORDINALS}]{{1,2}})\s*\)\s*"
                                rf"|(?P<o>[{ORDINALS}]{{1,2}})\s*[、.．]\s*)$")
_COUNT_UNIT = regex.compile(rf"(?:{COUNT_WORDS})$")
# a number with a unit or a date inside a word: 共收到申请2件, 2024年, 17.46%
_NUMBER_WITH_UNIT = re.compile(rf"\d\s*(?:{COUNT_WORDS})")
# a token with sentence punctuation or a comma is a clause of prose, not a value cell
_CLAUSE_MARK = re.compile(f"[{SENTENCE_MARKS},]")
_EXT_LIMIT = 48
# Label text around a distinctive pattern: anything but digits, pipes, dashes and slashes; spaces
# only inside a label (followed by a Han character or the label's punctuation), as PDF extraction
# puts them there: （二）部分公开 （区分处理的 ，只计这一情形 ，…）.
_LEFT_EXT = regex.compile(r"[^\d|\s—\-/~]*", regex.REVERSE)
_RIGHT_EXT = regex.compile(r"(?:[^\d|\s—\-/~]|\s+(?=[\p{Han}(),、:;\"]))*")
# The standard library's ``re`` for the simple patterns asked of every token: on the normalised
# text its ``\s`` and ``\d`` are the ``regex`` module's, and it answers a short text sooner.
_TOKEN = re.compile(r"[^\s|]+")
_HAS_DIGIT = re.compile(r"\d")
_DECORATION = re.compile(r"[#*>()\[\]:、.,]+")


_DIGIT_NUMBERING: dict[str, regex.Pattern[str]] = {}


def _digit_numbering(number: str) -> regex.Pattern[str]:
    pat = _DIGIT_NUMBERING.get(number)
    if pat is None:
        pat = _DIGIT_NUMBERING[number] = regex.compile(rf"{number}\s*[.、．]\s*$")
    return pat


_LABEL_NUMBERING = regex.compile(
    rf"^\s*(?:(\d{{1,2}})\s*[.、．]|[(（]\s*([{ORDINALS}]{{1,2}})\s*[)）]|([{ORDINALS}]{{1,2}})\s*、)"
)


def _numbering_of(label: str) -> tuple[str, str] | None:
    """The numbering a template label starts with: ('d', '2') for 2., ('c', '一') for （一）,
    ('o', '一') for 一、."""
    m = _LABEL_NUMBERING.match(label)
    if m is None:
        return None
    if m.group(1):
        return ("d", m.group(1))
    if m.group(2):
        return ("c", m.group(2))
    return ("o", m.group(3))


class _Hit:
    """A label hit. A plain slotted class, not attrs: thousands are made per report, never
    compared, and never changed after construction."""

    __slots__ = ("end", "index", "kind", "line", "start")

    def __init__(self, kind: str, index: int, start: int, end: int, line: int) -> None:
        self.kind = kind  # "row", "cat", "cap", "head"
        self.index = index  # row index in spec.all_rows(), category / block index, or -1
        self.start = start
        self.end = end
        self.line = line


class _Tok:
    """A value-candidate token (plain slotted class, as :class:`_Hit`)."""

    __slots__ = ("clean", "column", "end", "line", "span", "start", "text")

    def __init__(self, text: str, start: int, end: int, line: int, clean: bool, span: Span | None = None,
                 column: int | None = None) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.line = line
        self.clean = clean  # the whole content of a pipe/markdown/tab cell
        self.span = span
        self.column = column  # its column, where the row keeps empty cells (markdown, tabs)


_NUMBERING_HEAD = regex.compile(rf"^(?:\d{{1,2}}\.|\([{ORDINALS}]{{1,2}}\)|[{ORDINALS}]{{1,2}}、)")
_KEY_DROP = regex.compile(r'[\s"\']')
_KEY_DOT = regex.compile(r"^(\d{1,2})[、．,]")


@bounded_cache(maxsize=4096)
def label_key(text: str) -> str:
    """A label compared whole: no whitespace or quotes, ``1、``/``1．`` numbering as ``1.``.

    Memoised: cell texts repeat from report to report."""
    return str(_KEY_DOT.sub(r"\1.", _KEY_DROP.sub("", text), count=1))


def value_columns(spec: TableSpec) -> tuple[Column, ...]:
    """The table's value columns: its shared columns, then every block's."""
    return (*spec.columns, *(c for b in spec.blocks for c in b.columns))


class Scanner:
    """The compiled label scanner of one table of one template."""

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self.rows = spec.all_rows()
        #: Each row's headed group: its block (a caption heads it) or its category (a category word
        #: heads it), ``None`` for a row under no heading of its own.
        self.groups_of: tuple[str | None, ...] = (
            tuple(b.key for b in spec.blocks for _ in b.rows) if spec.layout == "blocks"
            else tuple(r.category for r in self.rows))
        alts: list[tuple[str, str, int]] = []  # (group kind, pattern source, index)
        for i, r in enumerate(self.rows):
            for p in sorted(r.patterns, key=len, reverse=True):
                alts.append(("r", loose(p), i))
            if r.regex and not r.regex.startswith("^"):  # anchored regexes match a whole cell (below)
                alts.append(("r", r.regex, i))
        for i, c in enumerate(spec.categories):
            for p in c.patterns:
                alts.append(("c", loose(p), i))
        for i, b in enumerate(spec.blocks):
            for p in b.caption_patterns:
                alts.append(("b", loose(p), i))
        heads = set(spec.header_words)
        for col in value_columns(spec):
            heads.update(col.patterns)
        for w in sorted(heads, key=lambda w: (-len(w), w)):  # not in set order: no hash-seed dependence
            alts.append(("h", loose(w), -1))
        self.alts = alts
        #: (kind, index) of each named group of the patterns below
        self.groups = {f"g{n}": (k, i) for n, (k, _, i) in enumerate(alts)}
        # Rows before categories before captions before header words at the same position: the
        # alternation takes the first alternative that matches where the leftmost match starts.
        self.pattern = regex.compile("|".join(f"(?P<g{n}>{src})" for n, (_, src, _) in enumerate(alts)))
        self.label_pattern = regex.compile("|".join(f"(?P<g{n}>{src})" for n, (k, src, _) in enumerate(alts)
                                                    if k in ("r", "c")))
        self.numbering = [_numbering_of(r.label) for r in self.rows]
        # A generic row whose anchored regex matches a whole cell that is otherwise a header word
        # (总计 for （七）总计) is that row once the rows before it were seen.
        self.whole_cell = [(i, regex.compile(r.regex)) for i, r in enumerate(self.rows)
                           if r.generic and r.regex and r.regex.startswith("^")]
        self.exact = self._exact_labels()
        #: The header words of the table's value columns, and of its first one (自然人), compared whole.
        self.column_words = frozenset(label_key(normalise(w)) for c in value_columns(spec)
                                      for w in (c.label, *c.patterns))
        self.first_column = frozenset(label_key(normalise(w)) for w in (
            (spec.columns[0].label, *spec.columns[0].patterns) if spec.columns else ()))

    def _exact_labels(self) -> dict[str, tuple[str, int]]:
        """Whole-cell labels (whitespace removed, numbering normalised) for the fast path of
        delimited rows: rows first, then categories, captions and header words."""
        exact: dict[str, tuple[str, int]] = {}

        def add(text: str, kind: str, idx: int, *, bare: bool = True) -> None:
            key = label_key(normalise(text))
            exact.setdefault(key, (kind, idx))
            if bare:
                exact.setdefault(_NUMBERING_HEAD.sub("", key, count=1), (kind, idx))

        for i, r in enumerate(self.rows):
            generic = r.generic or r.regex is not None
            for text in (r.label, *r.aliases):
                add(text, "row", i, bare=not generic)
        for i, c in enumerate(self.spec.categories):
            add(c.label, "cat", i)
        for i, b in enumerate(self.spec.blocks):
            for text in (b.caption, *b.caption_patterns):
                add(text, "cap", i)
        heads = set(self.spec.header_words)
        for col in value_columns(self.spec):
            heads.update((col.label, *col.patterns))
        for w in heads:
            add(w, "head", -1, bare=False)
        return exact

    def fast_line(self, line: Line) -> list[tuple[_Hit | None, list[_Tok]]] | None:
        """Hits and value tokens of a delimited row whose label cells are exactly known labels and
        whose other cells are all values; ``None`` when the row needs the scanner."""
        cells = line.cells
        n = len(cells)
        exact = self.exact
        number = line.number
        hits: list[_Hit] = []
        i = 0
        while i < n:  # the label cells: each looked up once (a miss returns before any other work)
            c = cells[i]
            if parse_value(c.text) is not None:
                break
            got = exact.get(label_key(c.text))
            if got is None:
                return None
            sp = c.span
            hits.append(_Hit(got[0], got[1], sp.start, sp.end, number))
            i += 1
        for k in range(i + 1, n):  # every other cell a value (cells[i] was just parsed as one)
            if parse_value(cells[k].text) is None:
                return None
        toks = [_Tok(c.text, c.span.start, c.span.end, number, True, c.span, c.column) for c in cells[i:]]
        if not hits:
            return [(None, toks)]
        out: list[tuple[_Hit | None, list[_Tok]]] = [(None, [])]
        out.extend((h, []) for h in hits[:-1])
        out.append((hits[-1], toks))
        return out

    _KIND: ClassVar[dict[str, str]] = {"r": "row", "c": "cat", "b": "cap", "h": "head"}

    def hits(self, text: str, start: int, end: int, line: int) -> list[_Hit]:
        """Label hits in ``text[start:end]``, each extended over the label text around it; the
        scan resumes after the extended label, so words inside a long label are not hits."""
        out: list[_Hit] = []
        pos = start
        search = self.pattern.search
        groups = self.groups
        while pos < end:
            m = search(text, pos, end)
            if m is None:
                break
            name = m.lastgroup
            if name is None:  # pragma: no cover - every alternative is a named group
                break
            kind, idx = groups[name]
            s, e = m.span()
            if kind == "h" and s > start and text[s - 1].isdigit():
                pos = s + 1  # a unit written after a value (176万元), not the header's 万元
                continue
            if kind in ("h", "b"):
                # a header word or caption that is part of a row label (其他 in 2.其他法律…): the row wins
                ext = max(e, self._extend_right(text, e, end))
                inner = self.label_pattern.search(text, s, ext)
                if inner is not None and inner.lastgroup is not None:
                    m = inner
                    kind, idx = groups[inner.lastgroup]
                    s, e = m.span()
            if kind in ("r", "c"):
                s = self._extend_left(text, s, pos, kind, idx)
            # extend over the rest of the label, but never into the next row or category label
            cap = end
            for nxt in self.label_pattern.finditer(text, e, min(end, e + _EXT_LIMIT)):
                if nxt.lastgroup is not None and groups[nxt.lastgroup] != (kind, idx):
                    cap = nxt.start()
                    break
            e = max(e, self._extend_right(text, e, cap))
            out.append(_Hit(self._KIND[kind], idx, s, e, line))
            pos = e
        return out

    def _extend_left(self, text: str, s: int, floor: int, kind: str, idx: int) -> int:
        limit = max(floor, s - _EXT_LIMIT)
        m = _LEFT_EXT.match(text, limit, s)
        i = m.start() if m is not None else s
        # numbering punctuation belongs to the numbering, which is decided below
        while i < s and (text[i] in ".、．" or text[i].isspace()):
            i += 1
        # numbering directly before the label text: a digit numbering only when it is the number
        # the template expects (the digits before it are values: 00000002.其他法律…)
        window = text[max(limit, i - 8):i]
        expected = self.numbering[idx] if kind == "r" else None
        if expected is not None and expected[0] == "d":
            nm = _digit_numbering(expected[1]).search(window)
        else:
            nm = _NUMBERING_LEFT.search(window)
            if nm is not None and nm.group("d") is not None:
                nm = None
        if nm is not None:
            i -= len(nm.group(0))
        return i

    def _extend_right(self, text: str, e: int, end: int) -> int:
        m = _RIGHT_EXT.match(text, e, min(end, e + _EXT_LIMIT))
        return m.end() if m is not None else e


@attrs.frozen(slots=True)
class TableRead:
    """One region's reading of a table, before or after placement."""

    table: Table
    diagnostics: tuple[Diagnostic, ...]
    recovery: Recovery | None
    certain_values: int
    rows_found: int
    start: int = 0
    end: int = 0

    @property
    def row_keys(self) -> frozenset[str]:
        return frozenset(r.key for r in self.table.rows if r.key is not None)




_NO_CELLS: dict[tuple[int, int], int | None] = {}


def _clean_cells(line: Line) -> dict[tuple[int, int], int | None]:
    """The cells of a delimited row, by offsets, with their columns where the row keeps empty cells:
    each is one value. In a space-separated row too, a token is a cell (``规范性文件 100`` is one
    value 100, not the glued 1 | 0 | 0)."""
    if line.delimiter is Delimiter.NONE:
        return _NO_CELLS
    return {(c.span.start, c.span.end): c.column for c in line.cells}


def _tokens(src: Source, line: Line, a: int, b: int,
            clean_cells: dict[tuple[int, int], int | None] | None = None) -> list[_Tok]:
    """Value-candidate tokens of ``[a, b)`` inside ``line``: split on pipes and whitespace."""
    if clean_cells is None:
        clean_cells = _clean_cells(line)
    number = line.number
    out = []
    get = clean_cells.get
    for m in _TOKEN.finditer(src.text, a, b):
        key = m.span()
        out.append(_Tok(m.group(), key[0], key[1], number, key in clean_cells, None, get(key)))
    return out


@lru_cache(maxsize=64)
def _count_unit(unit: str) -> bool:
    """``_COUNT_UNIT`` matches the unit (memoised: a value's unit is one of a few words)."""
    return _COUNT_UNIT.search(unit) is not None


def _pieces(src: Source, toks: Sequence[_Tok]) -> tuple[list[Piece], bool, bool]:
    """Value pieces of a segment's tokens. Returns (pieces, has_prose, has_noise): prose means a
    count with a unit or sentence punctuation; noise any token that is not a value."""
    pieces: list[Piece] = []
    prose = False
    noise = False
    number_kind = ValueKind.NUMBER
    for t in toks:
        if t.text in UNIT_WORDS:
            continue  # a unit column's cell (件, 条): the unit of the row's values, not a value
        v = parse_value(t.text)
        if v is not None:
            if not t.clean and v.kind is number_kind and v.unit is not None and _count_unit(v.unit):
                prose = True  # a count with its unit outside a table cell: 共收到申请2件
                continue
            clean = t.clean or v.kind is not number_kind
            pieces.append(value_piece(v, t.span or src.span(t.start, t.end), t.text, clean))
            continue
        if _CLAUSE_MARK.search(t.text) or _NUMBER_WITH_UNIT.search(t.text):
            prose = True
            continue
        # digits glued with signs: 2648-18538
        if not t.clean and len(t.text) <= MAX_DIGITS * 2 and SIGNED_RUNS.fullmatch(t.text):
            run = run_pieces(t.text, t.start, src.span)
            pieces.extend(run.pieces)
            noise = noise or not run.whole
            continue
        noise = True
    return pieces, prose, noise


@attrs.frozen(slots=True)
class RowRead:
    spec_index: int
    label: str
    pieces: tuple[Piece, ...]
    blank_row: bool  # found with no values in a scraper row: every cell is blank
    span: Span
    columns: tuple[int, ...] | None = None  # each piece's column, where the row keeps empty cells
    width: int | None = None  # the row's number of cells, empty ones included
    labels: int = 0  # the row's label cells, all before its values
    label_end: int = 0  # the column after the row's last label cell
    header: _Header | None = None  # the nearest markdown/tab header line above the row
    closed: bool = True  # the source marks the row's end (else the end of the text or table may cut it)
    skipped: bool = False  # its values run up to a label further down the template (see _Gathered)
    owned: bool = True  # the values are the row's (else they may be the next row's, its label lost)
    contested: bool = False  # the row appears again with other values: neither reading is proven


@attrs.frozen(slots=True)
class _Header:
    """A markdown or tab header line: its width, and the columns of its column words."""

    width: int
    columns: tuple[int, ...]


_CELLED = (Delimiter.PIPE, Delimiter.MARKDOWN, Delimiter.TAB)
# Tuples of enum members built once: an enum attribute lookup per line adds up over a report.
_HEADER_DELIMITERS = (Delimiter.MARKDOWN, Delimiter.TAB)
#: A table region longer than this is read only this far: real tables take a few thousand characters.
_MAX_REGION = 200_000
#: At most this many copies of one table are read (a real report has one, now and then two or three).
_MAX_COPIES = 8
_LIMITS = Limits()
_READ_AS_WRITTEN = Outcome()
_LINE_CELLS = 15  # the review/litigation table's cells: three blocks of five


def _slow_events(
    src: Source, line: Line, a: int, b: int, hits: Sequence[_Hit]
) -> list[tuple[Line, _Hit | None, list[_Tok]]]:
    clean = _clean_cells(line)
    bounds = [h.start for h in hits] + [b]
    out: list[tuple[Line, _Hit | None, list[_Tok]]] = [(line, None, _tokens(src, line, a, bounds[0], clean))]
    for k, h in enumerate(hits):
        out.append((line, h, _tokens(src, line, h.end, bounds[k + 1], clean)))
    return out


def _header(line: Line, scanner: Scanner, anchors: dict[int, int | None]) -> _Header | None:
    """A markdown or tab line's column words, if it has any: its :class:`_Header`. Records where
    it puts the table's first value column (自然人): ``anchors[width]``, or ``None`` when header
    lines of that width disagree."""
    if line.width is None or line.delimiter not in _HEADER_DELIMITERS:
        return None
    columns = []
    for c in line.cells:
        if c.column is None:
            continue
        key = label_key(c.text)
        if key in scanner.first_column:
            anchors[line.width] = c.column if anchors.get(line.width, c.column) == c.column else None
        if key in scanner.column_words:
            columns.append(c.column)
    return _Header(line.width, tuple(columns)) if columns else None


class _Event(NamedTuple):
    """One step of a region's reading order: a label hit (or ``None``) and the value-candidate
    tokens after it on its line, up to the next hit. A pad line (``||``) is an event with neither."""

    line: Line
    hit: _Hit | None
    toks: list[_Tok]


@attrs.frozen(slots=True)
class _Scan:
    """A region's events with what its header lines say."""

    events: list[_Event]
    subtotal: bool  # a 小计 header word: the requests table has an organisation subtotal column
    anchors: dict[int, int | None]  # the first value column of markdown/tab header lines, by width
    headers: dict[int, _Header]  # the nearest header line above each line, by line number


def _line_events(src: Source, line: Line, scanner: Scanner, a: int, b: int) -> tuple[list[_Event], bool]:
    """The events of one line clipped to ``[a, b)``, and whether it holds a 小计 header word."""
    sp = line.span
    if line.delimiter in _CELLED and a == sp.start and b == sp.end:
        fast = scanner.fast_line(line)
        if fast is not None:
            subtotal = "小计" in line.text and any(h is not None and h.kind == "head" for h, _ in fast)
            return [_Event(line, h, toks) for h, toks in fast], subtotal
    hits = scanner.hits(src.text, a, b, line.number)
    subtotal = src.text.find("小计", a, b) != -1 and any(h.kind == "head" for h in hits)
    return [_Event(ln, h, toks) for ln, h, toks in _slow_events(src, line, a, b, hits)], subtotal


def _scan_region(src: Source, lines: LineIndex, scanner: Scanner, start: int, end: int) -> _Scan:
    """Every line of the region as events, in reading order; pad lines kept as boundaries."""
    events: list[_Event] = []
    anchors: dict[int, int | None] = {}
    header: _Header | None = None
    headers: dict[int, _Header] = {}
    subtotal = False
    wrap: _Wrap | None = None  # a short text line without a row label: maybe the start of a broken one
    for line in lines.lines_in(start, end):
        if line.kind is LineKind.PIPES:
            events.append(_Event(line, None, []))
            wrap = None
            continue
        if line.kind in NOT_CONTENT:
            continue
        if line.width is not None:
            header = _header(line, scanner, anchors) or header
        if header is not None:
            headers[line.number] = header
        a, b = max(line.span.start, start), min(line.span.end, end)
        joined = _joined_label(src, scanner, wrap, line, b) if wrap is not None else None
        if joined is not None:
            del events[wrap.first:]  # type: ignore[union-attr]
            events.extend(joined)
            wrap = None
            continue
        got, sub = _line_events(src, line, scanner, a, b)
        wrap = _Wrap(len(events), a) if _may_wrap(line, got) else None
        events.extend(got)
        subtotal = subtotal or sub
    _relabel(src.text, events, scanner)
    return _Scan(events, subtotal, anchors, headers)


class _Wrap(NamedTuple):
    """A line that may hold the first part of a row label broken over two lines."""

    first: int  # its first event
    start: int  # its first offset


#: A line longer than this is not the first part of a broken label.
_MAX_WRAP = 40


def _may_wrap(line: Line, got: Sequence[_Event]) -> bool:
    """A short text line with no row label that ends in label text: perhaps a label's first part
    (``5.要求行政机关确认或重`` / ``新出具已获取信息 0 0 0``)."""
    return (line.delimiter is Delimiter.NONE and line.span.end - line.span.start <= _MAX_WRAP
            and not any(e.hit is not None and e.hit.kind == "row" for e in got)
            and not _HAS_DIGIT.search(line.text[-1]))


def _joined_label(src: Source, scanner: Scanner, wrap: _Wrap, line: Line, b: int) -> list[_Event] | None:
    """The events of a label broken over the previous line and this one, read as one; ``None``
    when no row label spans the line break."""
    hits = scanner.hits(src.text, wrap.start, b, line.number)
    if not any(h.kind == "row" and h.start < line.span.start < h.end for h in hits):
        return None
    return [_Event(ln, h, toks) for ln, h, toks in _slow_events(src, line, wrap.start, b, hits)]


def _relabel(text: str, events: list[_Event], scanner: Scanner) -> None:
    """Reinterpret a whole-cell header word (总计) as its generic row (（七）总计) once the row
    before it was seen; a generic row with an unanchored regex (3.其他) needs its category seen."""
    seen_rows: set[int] = set()
    seen_categories: set[str | None] = set()  # the categories of the rows in seen_rows
    spec_rows = scanner.rows
    for n, (line, h, toks) in enumerate(events):
        if h is None:
            continue
        h0 = h
        if scanner.whole_cell and h.kind == "head":
            h = _whole_cell_row(text, line, h, scanner, seen_rows)
        if h.kind == "row":
            r = spec_rows[h.index]
            if r.generic and r.category is not None and r.category not in seen_categories:
                h = _Hit("head", -1, h.start, h.end, h.line)
            else:
                seen_rows.add(h.index)
                seen_categories.add(r.category)
        if h is not h0:
            events[n] = _Event(line, h, toks)


def _whole_cell_row(text: str, line: Line, h: _Hit, scanner: Scanner, seen_rows: set[int]) -> _Hit:
    first_cell = not line.cells or h.start <= line.cells[0].span.start
    if not first_cell:
        return h
    for gi, pattern in scanner.whole_cell:
        if gi not in seen_rows and any(i < gi for i in seen_rows) and pattern.match(text[h.start:h.end]):
            return _Hit("row", gi, h.start, h.end, h.line)
    return h


@attrs.frozen(slots=True)
class _Gathered:
    """The value cells a label's row holds after its own line, in reading order."""

    events: tuple[int, ...]
    pieces: tuple[Piece, ...]
    closed: bool  # the source marks the row's end (the next label or header word, a pad run)
    end: int = 0  # the end of its last value
    padded: bool = False  # a pad run ends the row: no other row's values are among them



def _is_pad(line: Line) -> bool:
    """A pad run of its own (``||``): the end of a scraper row. A lone ``|`` separates cells."""
    return line.kind is LineKind.PIPES and line.pad >= 2


def _isolated(text: str, line: Line) -> bool:
    """The line stands between blank lines or lone pipes: it is one whole cell (every cell a
    paragraph; cell, then a line ``|``)."""
    return _isolated_before(text, line.span.start) and _isolated_after(text, line.span.end)


def _isolated_before(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0:
        return True
    if text[j] != "\n":
        return False
    j -= 1
    while j >= 0 and text[j] in " \t\r":
        j -= 1
    return j < 0 or text[j] in "\n|"


def _isolated_after(text: str, i: int) -> bool:
    n = len(text)
    j = i
    while j < n and text[j] in " \t\r":
        j += 1
    if j >= n:
        return True
    if text[j] != "\n":
        return False
    j += 1
    while j < n and text[j] in " \t\r":
        j += 1
    return j >= n or text[j] in "\n|"


def _cell_toks(text: str, ev: _Event) -> list[_Tok]:
    """An event's tokens, a lone value on a line of its own made a whole cell."""
    toks = ev.toks
    if len(toks) == 1 and not toks[0].clean and ev.line.delimiter is Delimiter.NONE and _isolated(text, ev.line):
        t = toks[0]
        return [_Tok(t.text, t.start, t.end, t.line, True, t.span, t.column)]
    return toks


def _first_value(toks: Sequence[_Tok]) -> int | None:
    return next((i for i, t in enumerate(toks) if parse_value(t.text) is not None), None)


def _gather(src: Source, events: Sequence[_Event], n: int, stream: bool, in_order: bool) -> _Gathered:
    """Values for a label whose own line has none: the value cells that follow in reading order,
    wherever the line breaks fall, up to the next label or header word (or a pad run, or text that
    is not a value). Before the first value, up to three lines may hold the rest of a label broken
    over lines (no digits in them). Lines of one value cell each are taken while the label is a
    cell of its own (``stream``); a line of several values (a PDF's text, a markdown row) is a
    whole row, taken alone and only for a label ``in_order`` with the rows around it."""
    taken: list[int] = []
    pieces: list[Piece] = []
    wrapped = 0
    for m in range(n + 1, len(events)):
        ev = events[m]
        h = ev.hit
        if h is not None and not (h.kind == "head" and not stream and not pieces and ev.line is not events[n].line):
            return _Gathered(tuple(taken), tuple(pieces), True)
        if _is_pad(ev.line):
            return _Gathered(tuple(taken), tuple(pieces), True, padded=True)
        if not ev.toks:
            continue  # a lone `|` between cells, a `| ` row opener
        toks = [t for t in _cell_toks(src.text, ev) if t.text not in UNIT_WORDS]
        if not toks:
            continue  # a unit cell
        first = _first_value(toks) if not pieces else 0
        lead = toks[:first] if first is not None else toks
        if any(_HAS_DIGIT.search(t.text) for t in lead):
            break  # a sentence with numbers in it, not the rest of a label
        if first is None:
            wrapped += 1
            if wrapped > 3:
                break
            stream = stream or (ev.line.delimiter is Delimiter.PIPE and len(ev.line.cells) == 1)  # `申请数量  |`
            continue
        row_line = len(toks) - first > 1 or ev.line.delimiter in _HEADER_DELIMITERS  # a whole row, not a cell
        if (row_line or not stream) and (pieces or not in_order):
            break
        got, prose, noise = _pieces(src, toks[first:])
        if prose or noise or not got:
            break
        pieces.extend(got)
        taken.append(m)
        if ev.line.delimiter is Delimiter.PIPE and ev.line.pad:
            return _Gathered(tuple(taken), tuple(pieces), True, padded=True)
        if row_line or not stream:
            return _Gathered(tuple(taken), tuple(pieces), _closed_after(events, m), toks[-1].end)
    return _Gathered(tuple(taken), tuple(pieces), False, events[taken[-1]].toks[-1].end if taken else 0)


def _skips(events: Sequence[_Event], n: int, g: _Gathered, last_row: int) -> bool:
    """The row label found next after a row's gathered values is further down the template than
    the next row (or none follows and the row is not the table's last): the rows between are not
    in the text, and a lost label would leave their values looking like this row's."""
    own = events[n].hit
    assert own is not None
    for ev in events[(g.events[-1] if g.events else n) + 1:]:
        if ev.hit is not None and ev.hit.kind == "row":
            return ev.hit.index > own.index + 1
    return own.index < last_row


def _label_cell(src: Source, events: Sequence[_Event], n: int) -> bool:
    """The label is a cell of its own: the one cell of a pipe line (``规章 |``, `` 规章  | ``), or
    a paragraph of its own (between blank lines or lone pipes) with no other row label and no
    value on its line (a label variant may leave words outside the hit: ``5.属于 三类内部事务信息``)."""
    line = events[n].line
    if line.delimiter is Delimiter.PIPE:
        return len(line.cells) == 1
    if line.delimiter is not Delimiter.NONE or not _isolated(src.text, line):
        return False
    for k in range(max(0, n - 8), min(len(events), n + 9)):
        ev = events[k]
        if ev.line is line and k != n and (
                (ev.hit is not None and ev.hit.kind == "row") or _first_value(ev.toks) is not None):
            return False
    return True


def _in_order(reads: Sequence[RowRead], events: Sequence[_Event], row_events: Sequence[int], pos: int,
              last_row: int) -> bool:
    """A label whose values are on the next line is attached to them only when it is in template
    order with the rows around it (a label broken over lines in a PDF's text)."""
    index = events[row_events[pos]].hit.index  # type: ignore[union-attr]
    last_index = reads[-1].spec_index if reads else -1
    if last_index != index - 1 and not (last_index == -1 and index == 0):
        return False
    return _next_in_order(events, row_events, pos, last_row)


def _next_in_order(events: Sequence[_Event], row_events: Sequence[int], pos: int, last_row: int) -> bool:
    """The next row label is the template's next row (or the row is the template's last and none
    follows): values that follow a label on other lines are then its own. Else the next row's label
    may be lost (a damaged or dropped cell), and the values the next row's."""
    index = events[row_events[pos]].hit.index  # type: ignore[union-attr]
    if pos + 1 >= len(row_events):
        return index == last_row
    nh = events[row_events[pos + 1]].hit
    return nh is not None and nh.index == index + 1


def _owned(scanner: Scanner, events: Sequence[_Event], row_events: Sequence[int], pos: int, g: _Gathered) -> bool:
    """Values that follow a row label on other lines are its own, not the next row's behind a lost
    label: a pad run ends them, the next row label is the template's next row, or the template's
    next row opens another headed group (a block caption or category word would stand between,
    and the values end there, or two things were lost, not one)."""
    if g.padded or _next_in_order(events, row_events, pos, len(scanner.rows) - 1):
        return True
    index = events[row_events[pos]].hit.index  # type: ignore[union-attr]
    groups = scanner.groups_of
    return index + 1 < len(groups) and groups[index + 1] is not None and groups[index + 1] != groups[index]


def _closed_after(events: Sequence[_Event], n: int) -> bool:
    """Whether the source marks the end of a row whose values are on its label's line: a whole
    pipe, markdown or tab row, or the next event a label, header word or pad run."""
    line = events[n].line
    if line.delimiter in _HEADER_DELIMITERS or (
            line.delimiter is Delimiter.PIPE and (line.pad or (len(line.cells) > 1 and line.text.endswith("|")))):
        return True
    for ev in events[n + 1:]:
        if ev.hit is not None or _is_pad(ev.line):
            return True
        if ev.toks:
            return False
    return False


_TAIL = regex.compile(r"[\s|]*\Z")


def _runs_to_end(text: str, pos: int) -> bool:
    """Nothing but spaces and pipes after ``pos``: a row there may have been cut short by the end
    of the text (a truncated page or file), so what it does not show is unknown."""
    return _TAIL.match(text, pos) is not None


def _label_alone(text: str, line: Line, h: _Hit) -> bool:
    """Nothing but pipes and spaces around the label on its line."""
    sp = line.span
    return not text[sp.start:h.start].strip(" |\t") and not text[h.end:sp.end].strip(" |\t")


def _label_last(text: str, line: Line, h: _Hit) -> bool:
    """Nothing but pipes and spaces after the label on its line."""
    return not text[h.end:line.span.end].strip(" |\t")


def _row_read(src: Source, ev: _Event, pieces: tuple[Piece, ...], closed: bool,
              headers: Mapping[int, _Header]) -> RowRead:
    """A row read from its label and values; positions kept where the row's cells prove them."""
    line, h, toks = ev
    assert h is not None
    label = src.original[h.start:h.end].strip()
    span = src.span(h.start, h.end)
    if not pieces or any(t.line != line.number for t in toks) or len(toks) != len(pieces):
        return RowRead(h.index, label, pieces, not pieces, span, closed=closed)
    cols = tuple(t.column for t in toks if t.column is not None)
    label_cols = [c.column for c in line.cells if c.column is not None and parse_value(c.text) is None]
    known = (len(cols) == len(toks) and line.width is not None
             and (not label_cols or max(label_cols) < min(cols)))
    return RowRead(h.index, label, pieces, False, span, cols if known else None, line.width if known else None,
                    len(label_cols), max(label_cols, default=-1) + 1, headers.get(line.number), closed)


def _row_reads(src: Source, scan: _Scan, scanner: Scanner) -> tuple[list[RowRead], set[int]]:
    """Each row label with its value cells: on its own line, or following it in reading order."""
    events = scan.events
    last_row = len(scanner.rows) - 1
    reads: list[RowRead] = []
    consumed: set[int] = set()
    row_events = [n for n, ev in enumerate(events) if ev.hit is not None and ev.hit.kind == "row"]
    for pos, n in enumerate(row_events):
        ev = events[n]
        h = ev.hit
        assert h is not None
        pieces, prose, noise = _pieces(src, ev.toks)
        if prose or noise:
            continue  # a mention in a sentence, not a table row
        if pieces:
            closed = _closed_after(events, n) or not _runs_to_end(src.text, ev.toks[-1].end)
            reads.append(_row_read(src, ev, tuple(pieces), closed, scan.headers))
            consumed.add(n)
            continue
        if n + 1 < len(events) and events[n + 1].line is ev.line and events[n + 1].hit is not None:
            continue  # the rest of the line is another label
        if ev.line.delimiter is Delimiter.PIPE and ev.line.pad and _label_last(src.text, ev.line, h):
            reads.append(_row_read(src, ev, (), True, scan.headers))  # `label | ||||`: no values
            continue
        g = _gather(src, events, n, _label_cell(src, events, n),
                    _in_order(reads, events, row_events, pos, last_row))
        if g.pieces:
            skipped = _skips(events, n, g, last_row)
            closed = (g.closed or not _runs_to_end(src.text, g.end)) and not skipped
            reads.append(RowRead(h.index, src.original[h.start:h.end].strip(), g.pieces, False,
                                  src.span(h.start, h.end), closed=closed, skipped=skipped,
                                  owned=_owned(scanner, events, row_events, pos, g)))
            consumed.update(g.events)
        elif ev.line.delimiter is Delimiter.PIPE and _label_last(src.text, ev.line, h):
            reads.append(_row_read(src, ev, (), g.closed or not _runs_to_end(src.text, h.end), scan.headers))
    return reads, consumed


def _orphans(src: Source, spec: TableSpec, events: Sequence[_Event], consumed: set[int]
             ) -> tuple[list[Row], list[Diagnostic]]:
    """Values no label claimed: unrecognised rows (led by a label), category subtotals, or orphan
    values."""
    extras: list[Row] = []
    diags: list[Diagnostic] = []
    for n, (line, h, toks) in enumerate(events):
        if not toks or n in consumed or (h is not None and h.kind != "cat"):
            continue  # no values; a row's (read above); after header words or a caption (never kept)
        pieces, prose, noise = _pieces(src, toks)
        if not pieces or prose:
            continue
        if h is not None:
            _category_values(src, spec, h, pieces, extras, diags)
            continue
        _orphan_values(src, spec, line, toks, pieces, noise, extras, diags)
    return extras, diags


def _category_values(src: Source, spec: TableSpec, h: _Hit, pieces: Sequence[Piece], extras: list[Row],
                     diags: list[Diagnostic]) -> None:
    cat = spec.categories[h.index]
    extras.append(Row(None, src.original[h.start:h.end].strip(), path=(cat.label,),
                      values=tuple(p.value for p in pieces), span=src.span(h.start, h.end)))
    diags.append(dg.make("ROW_UNRECOGNISED", f"category row {cat.label} carries values (a subtotal row "
                         "of a derived template); kept, not mapped", span=src.span(h.start, h.end),
                         path=spec.id))


def _orphan_values(src: Source, spec: TableSpec, line: Line, toks: Sequence[_Tok], pieces: Sequence[Piece],
                   noise: bool, extras: list[Row], diags: list[Diagnostic]) -> None:
    first = toks[0]
    first_is_value = parse_value(first.text) is not None
    if not first_is_value and (not noise or (not first.clean and len(pieces) < len(toks))):
        return
    span = src.span(toks[0].start, toks[-1].end)
    if not first_is_value:
        extras.append(Row(None, first.text, values=tuple(p.value for p in pieces), span=span))
        diags.append(dg.make("ROW_UNRECOGNISED", f"row {first.text!r} is not a row of the template; kept, "
                             "not mapped to any key", span=span, path=spec.id))
    else:
        diags.append(dg.make("ROW_UNREADABLE", f"{len(pieces)} value(s) on line {line.number} belong to no "
                             "row label; not used", span=span, path=spec.id))


def _region_rows(
    src: Source, lines: LineIndex, scanner: Scanner, start: int, end: int
) -> tuple[list[RowRead], list[Row], list[Diagnostic], bool, dict[int, int | None]]:
    """Rows of one region. Returns (row readings, unrecognised rows, diagnostics, header_subtotal,
    the first value column of the region's markdown/tab header lines by their width)."""
    scan = _scan_region(src, lines, scanner, start, end)
    reads, consumed = _row_reads(src, scan, scanner)
    extras, diags = _orphans(src, scanner.spec, scan.events, consumed)
    return reads, extras, diags, scan.subtotal, scan.anchors


def _regions(src: Source, headings: Sequence[Heading], spec: TableSpec) -> list[tuple[int, int]]:
    keyed = [h for h in headings if h.key is not None]
    out: list[tuple[int, int]] = []
    for i, h in enumerate(keyed):
        if h.key != spec.section:
            continue
        end = next((k.start for k in keyed[i + 1:] if k.key != spec.section), len(src.text))
        nxt_same = next((k.start for k in keyed[i + 1:] if k.key == spec.section), None)
        if nxt_same is not None and nxt_same < end:
            end = nxt_same
        out.append((h.end, end))
    if out:
        return out
    # No heading: look for the table's anchors.
    m = _anchor_pattern(spec.anchors).search(src.text)
    if m is None:
        return []
    end = next((k.start for k in keyed if k.start > m.start()), len(src.text))
    return [(max(0, m.start() - 60), end)]


@lru_cache(maxsize=64)
def _anchor_pattern(anchors: tuple[str, ...]) -> regex.Pattern[str]:
    """The pattern of a table's anchor words, built once per table (not once per report)."""
    return regex.compile("|".join(loose(a) for a in anchors))


_SLOTS: dict[tuple[int, str, bool], tuple[Slot, ...]] = {}


def row_slots(spec: TableSpec, row: RowSpec, subtotal: bool) -> tuple[Slot, ...]:
    key = (id(spec), row.key, subtotal)
    got = _SLOTS.get(key)
    if got is None:
        got = _SLOTS[key] = _make_slots(spec, row, subtotal)
    return got


def _make_slots(spec: TableSpec, row: RowSpec, subtotal: bool) -> tuple[Slot, ...]:
    out = []
    for col in spec.columns_of(row.key):
        if subtotal and col.key == TOTAL_COLUMN and spec.id == "requests":
            out.append(Slot(spec.key(row.key, "org_subtotal"), column="org_subtotal"))
        out.append(Slot(spec.key(row.key, col.key), signed=col.signed, decimal=col.decimal, column=col.key,
                        prior=col.prior))
    return tuple(out)


def _subtotal_identities(spec: TableSpec) -> list[Identity]:
    out = []
    for r in spec.rows:
        parts = tuple(spec.key(r.key, c) for c in ("commercial", "research", "social_welfare", "legal_service",
                                                    "other_org"))
        out.append(Identity(f"A2s.{r.key}", "A2s", f"{r.label}: 法人或其他组织小计 = the five organisation columns",
                            (spec.key(r.key, "org_subtotal"),), parts))
    return out


def _read_region(
    src: Source, lines: LineIndex, spec: TableSpec, scanner: Scanner, start: int, end: int, limits: Limits,
    hints: Mapping[str, Number] | None = None, headed: bool = True,
) -> TableRead:
    if spec.layout == "line":
        return _read_line_table(src, lines, spec, scanner, start, end, limits, hints, headed)
    reads, extras, diags, subtotal, anchors = _region_rows(src, lines, scanner, start, end)
    rows = scanner.rows
    observations: list[Observation] = []
    by_index: dict[int, RowRead] = {}
    for r in reads:
        first = by_index.get(r.spec_index)
        if first is not None:
            other = _values_of(first) != _values_of(r)
            diags.append(dg.make("ROW_DUPLICATE", f"row {rows[r.spec_index].label} appears again"
                                 + (" with other values; the first reading was used, its cells are uncertain"
                                    if other else "; the first reading was used"),
                                 span=r.span, path=spec.key(rows[r.spec_index].key, "")[:-1]))
            if other:
                by_index[r.spec_index] = attrs.evolve(first, contested=True)
            continue
        by_index[r.spec_index] = r
    subtotal = subtotal and spec.id == "requests"
    for i, r in sorted(by_index.items()):
        slots = row_slots(spec, rows[i], subtotal)
        observations.append(Observation(rows[i].key, slots, r.pieces,
                                        tuple([hints.get(s.key) for s in slots]) if hints else (),
                                        _positions(r, len(slots), anchors)))
    identities: list[Identity] = list(spec.identities)
    if subtotal:
        identities += _subtotal_identities(spec)
        diags.append(dg.make("EXTRA_COLUMN", "the table has a 法人或其他组织小计 column; it was read and checked, "
                             "and has no flat key", path=spec.id, span=src.span(start, start)))
    rec = recover(observations, identities, limits)
    return assemble_table(src, spec, start, end, by_index, extras, diags, rec)


def _values_of(r: RowRead) -> tuple[Value, ...]:
    return tuple(p.value for p in r.pieces)


_NUMBER = ValueKind.NUMBER  #: a module constant: the row assembly asks it of every cell


def _cell(key: str, res: CellResult, r: RowRead) -> tuple[Cell, bool]:
    """The template cell ``key`` of ``res``, certain only with evidence (:func:`evidence`: a row
    whose values may be the next row's, or read twice with other values, proves none of its cells),
    and whether it was left uncertain because the row may run on past the end of the text."""
    ev = evidence(res, r.span, doubted=not r.owned or r.contested, end_marked=r.closed)
    return Cell(key, res.value, ev.certain, res.placed, res.alternatives, ev.span), ev.end_doubt


@attrs.frozen(slots=True)
class _BuiltRow:
    """A template row's cells from the recovery, with what its diagnostics need."""

    row: Row
    certain: int  # certain numbers
    with_unit: tuple[Cell, ...]  # certain cells with a unit written in them
    cut_short: bool  # a cell left uncertain: the row runs to the end of the text


def _build_row(spec: TableSpec, spec_row: RowSpec, r: RowRead, rec: Recovery) -> _BuiltRow:
    cells: list[Cell] = []
    extra_values: list[Value] = []
    with_unit: list[Cell] = []
    certain = 0
    cut_short = False
    for slot_key in row_slots(spec, spec_row, True):
        res = rec.cells.get(slot_key.key)
        if res is None:
            continue
        if slot_key.column == "org_subtotal":
            extra_values.append(res.value)
            continue
        cell, short = _cell(slot_key.key, res, r)
        cut_short = cut_short or short
        cells.append(cell)
        if cell.certain:
            certain += cell.value.kind is _NUMBER
            if cell.value.unit:
                with_unit.append(cell)
    row = Row(spec_row.key, r.label, tuple(cells), values=tuple(extra_values), span=r.span)
    return _BuiltRow(row, certain, tuple(with_unit), cut_short)


def _placement_diagnostic(spec: TableSpec, spec_row: RowSpec, r: RowRead, cells: Sequence[Cell],
                          verdicts: Verdicts) -> Diagnostic | None:
    """What the recovery says of one row: unreadable, bounded, ambiguous, or glued digits split."""
    outcome = verdicts.outcome(spec_row.key)
    if outcome == _READ_AS_WRITTEN:
        return None
    facts = Facts(spec_row.label, len(r.pieces), " ".join(p.value.raw for p in r.pieces),
                  len(row_slots(spec, spec_row, False)), any(p.glued for p in r.pieces),
                  " | ".join(c.value.raw or "∅" for c in cells))
    return placement_diagnostic(outcome, facts, POST2019_ROW, r.span, spec.key(spec_row.key, "")[:-1])


def _row_diagnostics(spec: TableSpec, spec_row: RowSpec, r: RowRead, built: _BuiltRow, verdicts: Verdicts
                     ) -> list[Diagnostic]:
    out = []
    placement = _placement_diagnostic(spec, spec_row, r, built.row.cells, verdicts)
    if placement is not None:
        out.append(placement)
    if not r.owned and built.row.cells and not (built.cut_short and r.skipped):
        out.append(dg.make("ROW_UNREADABLE", f"row {spec_row.label}: its {len(r.pieces)} value(s) follow its label "
                           "on other lines, and the next row label is not the template's next row: they may be "
                           "that row's, its label lost; its cells are uncertain", span=r.span,
                           path=spec.key(spec_row.key, "")[:-1]))
    if built.cut_short:
        facts, path = Facts(spec_row.label, len(r.pieces), "", 0, False), spec.key(spec_row.key, "")[:-1]
        if r.skipped:
            out.append(end_unproven_diagnostic(facts, POST2019_ROW, r.span, path))
        else:
            out.append(cut_short_diagnostic(facts, POST2019_ROW, r.span, path))
    out.extend(dg.make("VALUE_UNIT", f"{c.key}: unit {c.value.unit} written in the cell", span=c.span, path=c.key)
               for c in built.with_unit)
    return out


def assemble_table(
    src: Source, spec: TableSpec, start: int, end: int, by_index: dict[int, RowRead], extras: list[Row],
    diags: list[Diagnostic], rec: Recovery,
) -> TableRead:
    rows = spec.all_rows()
    out_rows: list[Row] = []
    certain = 0
    verdicts = Verdicts.of(rec)
    for i, r in sorted(by_index.items()):
        built = _build_row(spec, rows[i], r, rec)
        diags.extend(_row_diagnostics(spec, rows[i], r, built, verdicts))
        out_rows.append(built.row)
        certain += built.certain
    diags.extend(dropped_diagnostics(rec.dropped, spec.id))
    if by_index:
        diags.extend(dg.make("ROW_MISSING", f"row {spec_row.label} was not found", path=spec.id,
                             span=src.span(start, start)) for i, spec_row in enumerate(rows) if i not in by_index)
    out_rows.extend(extras)
    table = Table(spec.id, "", spec.title, tuple(out_rows), src.span(start, end))
    return TableRead(table, tuple(diags), rec, certain, len(by_index), start, end)


def _positions(r: RowRead, n: int, anchors: Mapping[int, int | None]) -> tuple[int, ...] | None:
    """Where a markdown or tab row's values sit among the row's ``n`` value columns, when its
    cells prove it:

    * the nearest header line above, as wide as the row, has the ``n`` column words side by side
      from column ``c``, after the row's labels, and the row's values are under them (a block
      narrower than the table's grid leaves empty cells after its last column);
    * a header line as wide as the row puts the first value column (自然人) at column ``c`` and the
      row's ``n`` value columns are exactly its columns from ``c`` on (a label spanning the grid's
      label columns leaves empty cells after it);
    * the row is exactly its label cells followed by ``n`` value cells, and no header line of
      another width says otherwise.

    Any other row (S4's data rows spanning other grid columns than their header, a merged cell
    written once, an extra grid column) keeps no trustworthy positions: arithmetic places it."""
    if r.columns is None or r.width is None or r.labels < 1:
        return None
    h = r.header
    if h is not None and h.width == r.width:
        # the header's n column words side by side from column c: the row's values are under them
        c = h.columns[0]
        if (len(h.columns) == n and h.columns[-1] == c + n - 1 and r.label_end <= c <= min(r.columns)
                and max(r.columns) < c + n):
            return tuple(k - c for k in r.columns)
    first = anchors.get(r.width)
    if first is not None and r.width - first == n and r.label_end <= first <= min(r.columns):
        return tuple(c - first for c in r.columns)
    if r.width == r.labels + n and (h is None or h.width == r.width):
        return tuple(c - r.labels for c in r.columns)
    return None


@attrs.frozen(slots=True)
class _LineCell:
    """Where a value token of the review/litigation table stood: its line, the line's width, its
    column (markdown, tabs) and how many pieces it gave."""

    line: int
    width: int | None
    column: int | None
    pieces: int


@attrs.frozen(slots=True)
class _LineValues:
    """The review/litigation table's values in reading order."""

    pieces: tuple[Piece, ...]
    cells: tuple[_LineCell, ...]
    span: Span | None  # the first value's
    end: int  # the end of the last value
    ended: bool = False  # the last value ends a scraper row of several cells (`` | 22 |``)
    stop: str | None = None  # the text that cut the values short, more values after it (:func:`_cut_at`)


def _segments(text: str, scanner: Scanner, line: Line, a: int, b: int) -> tuple[list[tuple[int, int]], bool]:
    """The stretches of ``[a, b)`` between label hits, and whether the line has any hit."""
    hits = scanner.hits(text, a, b, line.number)
    bounds = [(a, hits[0].start if hits else b)] + [
        (h.end, hits[k + 1].start if k + 1 < len(hits) else b) for k, h in enumerate(hits)]
    return bounds, bool(hits)


def _line_values(src: Source, lines: LineIndex, scanner: Scanner, start: int, end: int) -> _LineValues:
    """Every value after the table's first header word, in reading order, up to a note (注) or
    the first token that is not a value."""
    pieces: list[Piece] = []
    cells: list[_LineCell] = []
    header_seen = False
    first_span: Span | None = None
    last = start
    ended = False
    for line in lines.lines_in(start, end):
        if line.kind in NOT_CONTENT:
            continue
        bounds, hit = _segments(src.text, scanner, line, max(line.span.start, start), min(line.span.end, end))
        header_seen = header_seen or hit
        for sa, sb in bounds:
            for t in _tokens(src, line, sa, sb):
                if _DECORATION.fullmatch(t.text) or t.text in UNIT_WORDS:
                    continue  # markdown heading marks, brackets left between header words, a unit
                if t.text.startswith("注"):
                    if pieces:
                        return _LineValues(tuple(pieces), tuple(cells), first_span, last, ended)
                    break  # a note before the values: the rest of its stretch is the note
                ps, prose, noise = _pieces(src, [t])
                if not ps or prose or noise:
                    if pieces:
                        stop = t.text if _values_follow(src, lines, scanner, t.end, end) else None
                        return _LineValues(tuple(pieces), tuple(cells), first_span, last, ended, stop)
                    continue
                if not header_seen:
                    continue
                first_span = first_span or src.span(t.start, t.end)
                pieces.extend(ps)
                cells.append(_LineCell(line.number, line.width, t.column, len(ps)))
                last = t.end
                ended = _ends_pipe_row(line, t)
    return _LineValues(tuple(pieces), tuple(cells), first_span, last, ended)


def _values_follow(src: Source, lines: LineIndex, scanner: Scanner, a: int, end: int) -> bool:
    """A value token after ``a`` in the region: text that stopped the table's values (a damaged
    cell or pipe, a word where a number belongs) is then inside the table, not after it, and the
    values it hides are unknown. Called once per table, so the region is scanned once more at most."""
    for line in lines.lines_in(a, end):
        if line.kind in NOT_CONTENT:
            continue
        bounds, _ = _segments(src.text, scanner, line, max(line.span.start, a), min(line.span.end, end))
        for sa, sb in bounds:
            for t in _tokens(src, line, sa, sb):
                if t.text.startswith("注"):
                    return False  # the table's note: what follows is not the table's
                if parse_value(t.text) is not None:
                    return True
    return False


def _ends_pipe_row(line: Line, t: _Tok) -> bool:
    """``t`` is the last cell of a scraper row of several cells, closed by its `` |``: the seeds'
    rule marks the row's end (a row of one cell, ``0 |``, is a cell of a row written one cell
    per line, and marks nothing)."""
    return (line.delimiter is Delimiter.PIPE and len(line.cells) > 1 and line.text.endswith("|")
            and line.cells[-1].span.end == t.end)


def _line_positions(values: _LineValues, slots: int) -> tuple[int, ...] | None:
    """A markdown or tab line that holds all the table's cells keeps their positions."""
    cells = values.cells
    if (cells and len({c.line for c in cells}) == 1 and cells[0].width == slots
            and all(c.column is not None and c.pieces == 1 for c in cells)):
        return tuple(c.column for c in cells if c.column is not None)
    return None


def _line_diagnostics(spec: TableSpec, pieces: Sequence[Piece], span: Span | None, rec: Recovery
                      ) -> list[Diagnostic]:
    """The recovery's verdict on the review/litigation table's values."""
    facts = Facts("", len(pieces), " ".join(p.value.raw for p in pieces), _LINE_CELLS, any(p.glued for p in pieces))
    found = placement_diagnostic(whole_outcome(rec), facts, LINE_TABLE, span, spec.id)
    return [*([found] if found is not None else []), *dropped_diagnostics(rec.dropped, spec.id)]


def _read_line_table(
    src: Source, lines: LineIndex, spec: TableSpec, scanner: Scanner, start: int, end: int, limits: Limits,
    hints: Mapping[str, Number] | None = None, headed: bool = True,
) -> TableRead:
    """The review/litigation table: every value in one line (or mini-tables), row-major."""
    values = _line_values(src, lines, scanner, start, end)
    if not values.pieces:
        table = Table(spec.id, "", spec.title, (), src.span(start, end))
        return TableRead(table, (), None, 0, 0, start, end)
    slots = tuple(Slot(spec.key(r.key, c.key), column=c.key, prior=c.prior) for r in spec.rows for c in spec.columns)
    obs = Observation("appeals", slots, values.pieces,
                      tuple(hints.get(s.key) for s in slots) if hints else (), _line_positions(values, len(slots)))
    rec = recover([obs], spec.identities, limits)
    span = values.span
    # one row of values: its end is marked unless the text ends right after it
    unproven = _unproven(values, len(slots), headed)
    row = RowRead(-1, spec.title, values.pieces, False, span or src.span(start, start),
                   closed=unproven is None and (len(values.pieces) >= len(slots) or values.ended
                                                or not _runs_to_end(src.text, values.end)))
    diags = _line_diagnostics(spec, values.pieces, span, rec)
    out_rows, certain, cut = _line_rows(spec, rec, row)
    if unproven is not None:
        diags.append(dg.make("ROW_UNREADABLE", f"{len(values.pieces)} value(s) for {len(slots)} cells, and "
                             f"{unproven}: the cells they do not prove are uncertain, not blank", span=span,
                             path=spec.id))
    elif cut:
        diags.append(cut_short_diagnostic(Facts("", len(values.pieces), "", len(slots), False), LINE_TABLE, span,
                                          spec.id))
    table = Table(spec.id, "", spec.title, out_rows, src.span(start, end))
    return TableRead(table, tuple(diags), rec, certain, len(out_rows), start, end)


def _unproven(values: _LineValues, slots: int, headed: bool) -> str | None:
    """Why values fewer than the cells may not be all of the table's (the others blank), or
    ``None``: text where a number belongs stopped them with more values after it (a damaged pipe
    or header word), or no heading marks where the table starts (the region starts at an anchor
    word, and values written before it, a sub-table above it, are not in the region)."""
    if len(values.pieces) >= slots:
        return None
    if values.stop is not None:
        return f"then {values.stop!r} where a number belongs, with more values after it that were not read"
    if not headed:
        return "no heading marks where the table starts (values before its anchor word may be missing)"
    return None


def _line_rows(spec: TableSpec, rec: Recovery, row: RowRead) -> tuple[tuple[Row, ...], int, bool]:
    """The review/litigation table's rows from the recovery: (rows, certain numbers, cut short)."""
    out: list[Row] = []
    certain = 0
    cut = False
    for r in spec.rows:
        cells = []
        for c in spec.columns:
            key = spec.key(r.key, c.key)
            res = rec.cells.get(key)
            if res is None:
                continue
            cell, short = _cell(key, res, row)
            cut = cut or short
            cells.append(cell)
            if cell.certain and cell.value.kind is _NUMBER:
                certain += 1
        if cells:
            out.append(Row(r.key, r.label, tuple(cells), span=row.span))
    return tuple(out), certain, cut


def read_post2019(
    src: Source, lines: LineIndex, headings: Sequence[Heading], template: Template,
    limits: Limits = _LIMITS, hints: Mapping[str, Number] | None = None,
) -> tuple[list[Table], list[Diagnostic], dict[str, Recovery]]:
    """Read the template's tables. Returns the tables found, diagnostics, and each table's
    :class:`Recovery` (which identities placed values). ``hints`` are figures the prose states, by
    flat key: they choose among placements the arithmetic leaves open, never decide certainty."""
    tables: list[Table] = []
    diags: list[Diagnostic] = []
    recoveries: dict[str, Recovery] = {}
    for spec in template.tables:
        scanner = table_scanner(template.format, spec)
        regions = _regions(src, headings, spec)
        if len(regions) > _MAX_COPIES:
            diags.append(dg.make("TABLE_DUPLICATE", f"{spec.title} appears {len(regions)} times; the first "
                                 f"{_MAX_COPIES} copies were read, the others were not",
                                 span=src.span(regions[_MAX_COPIES][0], regions[_MAX_COPIES][0]), path=spec.id))
            regions = regions[:_MAX_COPIES]
        for a, b in regions:
            if b - a > _MAX_REGION:
                diags.append(dg.make("REGION_TRUNCATED", f"the text after the heading of {spec.title} runs "
                                     f"{b - a} characters; only the first {_MAX_REGION} were read for the table",
                                     span=src.span(a, a), path=spec.id))
        headed = any(h.key == spec.section for h in headings)  # else the regions start at an anchor
        reads = [_read_region(src, lines, spec, scanner, a, min(b, a + _MAX_REGION), limits, hints, headed)
                 for a, b in regions]
        reads = [r for r in reads if r.rows_found or r.table.rows]
        reads = _merge_continuations(src, lines, spec, scanner, reads, limits, hints)
        if not reads:
            diags.append(dg.make("TABLE_MISSING", f"table {spec.title} is not in the text (published as an image, "
                                 "or not scraped); its values are unknown, not zero", path=spec.id))
            continue
        best = max(range(len(reads)), key=lambda i: (reads[i].certain_values, reads[i].rows_found, -i))
        chosen = reads[best]
        for i, r in enumerate(reads):
            if i != best and r.certain_values:
                diags.append(dg.make("TABLE_DUPLICATE", f"table {spec.title} appears more than once; the copy at "
                                     f"{chosen.table.span} was used, this one was not", span=r.table.span,
                                     path=spec.id))
        table = attrs.evolve(chosen.table, template=template.format)
        tables.append(table)
        diags.extend(chosen.diagnostics)
        if chosen.recovery is not None:
            recoveries[spec.id] = chosen.recovery
    return tables, diags, recoveries


def _merge_continuations(
    src: Source, lines: LineIndex, spec: TableSpec, scanner: Scanner, reads: list[TableRead], limits: Limits,
    hints: Mapping[str, Number] | None,
) -> list[TableRead]:
    """Consecutive readings of one table whose rows do not overlap are one table interrupted by a
    repeated caption (a page break in the source): read them again as one span, so that the
    identities join their rows. Readings whose rows overlap are copies, left for the caller."""
    if spec.layout == "line" or len(reads) < 2:
        return reads
    groups: list[list[TableRead]] = [[reads[0]]]
    for r in reads[1:]:
        group = groups[-1]
        seen = frozenset().union(*(g.row_keys for g in group))
        if r.row_keys and seen and not (r.row_keys & seen):
            group.append(r)
        else:
            groups.append([r])
    out = []
    for group in groups:
        if len(group) == 1:
            out.append(group[0])
        else:
            out.append(_read_region(src, lines, spec, scanner, group[0].start, group[-1].end, limits, hints))
    return out


_SCANNERS: dict[tuple[str, str], Scanner] = {}


def table_scanner(form: str, spec: TableSpec) -> Scanner:
    key = (form, spec.id)
    sc = _SCANNERS.get(key)
    if sc is None:
        sc = _SCANNERS[key] = Scanner(spec)
    return sc
