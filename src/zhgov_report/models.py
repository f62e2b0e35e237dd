"""The result model: frozen attrs classes that :func:`zhgov_report.parse` returns.

Every object is immutable and built from tuples, so a :class:`Report` can be hashed, pickled,
compared and shared between threads. Source positions (:class:`Span`) are kept on the objects
that come from the text but are excluded from equality, so that two parses of the same data
rendered differently compare equal.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

__all__ = [
    "TABLE_IDS",
    "AgencySource",
    "Cell",
    "Check",
    "CheckStatus",
    "Detection",
    "Diagnostic",
    "Evidence",
    "Figure",
    "Format",
    "InputKind",
    "Meta",
    "Number",
    "Report",
    "Row",
    "Section",
    "Severity",
    "Span",
    "Table",
    "Value",
    "ValueKind",
]

#: A number as the library keeps it: ``int`` for counts, ``Decimal`` for amounts and for any
#: value written with a decimal point.
Number = int | Decimal

#: The most digits a number of the model may have before and after its point: no count or amount of
#: a report comes near (cells are read up to 24 digits), and a number beyond is not data.
MAX_NUMBER_DIGITS = 40
_LIMIT = 10**MAX_NUMBER_DIGITS


def _check_number(value: object, name: str) -> None:
    """Raise ``ValueError`` unless ``value`` is ``None`` or a finite :data:`Number` within
    :data:`MAX_NUMBER_DIGITS` digits (``TypeError`` for another type)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise TypeError(f"{name} must be an int or a Decimal, not {type(value).__name__}")
    if isinstance(value, int):
        if not -_LIMIT < value < _LIMIT:
            raise ValueError(f"{name} has more than {MAX_NUMBER_DIGITS} digits")
        return
    if not value.is_finite():
        raise ValueError(f"{name} must be a finite number, not {value}")
    exponent = value.as_tuple().exponent
    if value.adjusted() >= MAX_NUMBER_DIGITS or (isinstance(exponent, int) and exponent < -MAX_NUMBER_DIGITS):
        raise ValueError(f"{name} has more than {MAX_NUMBER_DIGITS} digits before or after its point")


def _check_year(value: int | None, name: str) -> None:
    """Raise ``ValueError`` unless ``value`` is ``None`` or a year between 1900 and 2100."""
    if value is not None and not 1900 <= value <= 2100:
        raise ValueError(f"{name} must be a year between 1900 and 2100, not {value}")


class Format(str, enum.Enum):
    """The layout a report follows (see the formats page of the documentation)."""

    PRE2019 = "pre2019"
    FORM2019 = "form2019"
    FORM2021 = "form2021"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return self.value


class InputKind(str, enum.Enum):
    """What the caller gave :func:`~zhgov_report.parse` (``report.meta.input``)."""

    TEXT = "text"  #: plain text (``str``, or bytes of text in any encoding)
    HTML = "html"  #: a web page's markup
    DOCX = "docx"  #: a Word 2007+ file's bytes
    PDF = "pdf"  #: a PDF file's bytes
    DOC = "doc"  #: a legacy Word ``.doc`` (OLE2) file's bytes: named, not read
    BINARY = "binary"  #: the bytes of another binary not read (an image, a zip that is not a Word file)

    def __str__(self) -> str:
        return self.value


class AgencySource(str, enum.Enum):
    """Where ``report.meta.agency`` was read (the places in their order of trust)."""

    GIVEN_TITLE = "given_title"  #: the title the caller passed (``parse(data, title=...)``)
    TITLE = "title"  #: the report's title in the text
    NAME_LINE = "name_line"  #: a line holding only the name, beside the title
    METADATA = "metadata"  #: a metadata line (``发布机构:``, ``发文机关:``)
    PREAMBLE = "preamble"  #: the preamble's ``…编制完成了本报告``
    CONTACT = "contact"  #: the contact sentence (``如对本报告有疑问，请与…联系``)
    OPENING = "opening"  #: the first sentence (``2023年，河北省科学技术厅坚持…``)
    SIGNATURE = "signature"  #: the name above the date that closes the text

    def __str__(self) -> str:
        return self.value


class Severity(str, enum.Enum):
    """How much a :class:`Diagnostic` matters to a user of the data."""

    ERROR = "error"  #: data that should be there could not be read
    WARNING = "warning"  #: data read with doubt, or a report that contradicts itself
    INFO = "info"  #: something worth knowing that does not affect any value

    def __str__(self) -> str:
        return self.value


class ValueKind(str, enum.Enum):
    """What a cell holds. Blank, zero and not-applicable are three different things."""

    NUMBER = "number"  #: a number was written (including an explicit ``0``)
    BLANK = "blank"  #: nothing was written
    NOT_APPLICABLE = "not_applicable"  #: a placeholder such as ``—``, ``/``, ``无``, ``空``
    UNREADABLE = "unreadable"  #: something was written that is not a value

    def __str__(self) -> str:
        return self.value


class CheckStatus(str, enum.Enum):
    """Outcome of an arithmetic cross-check."""

    PASS = "pass"
    FAIL = "fail"
    NOT_ASSESSABLE = "not_assessable"  #: a needed cell is missing, uncertain or not applicable

    def __str__(self) -> str:
        return self.value


@attrs.frozen(slots=True)
class Span:
    """A range of the caller's text: character offsets ``[start, end)`` and 1-based line/column.

    Offsets index the ``str`` given to :func:`~zhgov_report.parse` (for ``bytes``, the decoded
    text; for a Word or PDF file, the text the library extracted, kept as ``Report.text``).
    ``line``/``column`` locate ``start``; ``end_line`` is the line of the last character.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"a span must have 0 <= start <= end, not start={self.start}, end={self.end}")
        if not 1 <= self.line <= self.end_line or self.column < 1:
            raise ValueError(f"a span must have 1 <= line <= end_line and column >= 1, not line={self.line}, "
                             f"end_line={self.end_line}, column={self.column}")

    def __str__(self) -> str:
        if self.end_line != self.line:
            return f"lines {self.line}-{self.end_line}"
        return f"line {self.line}, column {self.column}"


@attrs.frozen(slots=True)
class Value:
    """A cell's content, parsed.

    ``number`` is set only for :attr:`ValueKind.NUMBER`. ``unit`` records a unit written in the
    cell or fixed by the template (``元``, ``万元``, ``条``...). ``signed`` is true when the text
    carried an explicit sign (``+1036``, ``-5``, ``减3``), as 本年增/减 cells do.
    """

    kind: ValueKind
    number: Number | None = None
    unit: str | None = None
    signed: bool = False
    raw: str = attrs.field(default="", eq=False)

    def __attrs_post_init__(self) -> None:
        _check_number(self.number, "number")
        if (self.kind is ValueKind.NUMBER) != (self.number is not None):
            raise ValueError(f"a {self.kind.value} value must {'' if self.kind is ValueKind.NUMBER else 'not '}have "
                             "a number")

    @property
    def is_number(self) -> bool:
        return self.kind is ValueKind.NUMBER

    def as_flat(self) -> Number | None:
        """The value as :func:`~zhgov_report.flatten` gives it: a number, or ``None``."""
        return self.number if self.kind is ValueKind.NUMBER else None

    def numeric(self) -> Number | None:
        """The value for arithmetic: blank counts as 0; not-applicable and unreadable are ``None``."""
        if self.kind is ValueKind.NUMBER:
            return self.number
        if self.kind is ValueKind.BLANK:
            return 0
        return None


BLANK = Value(ValueKind.BLANK)


@attrs.frozen(slots=True)
class Cell:
    """One numeric cell of a template table.

    ``key`` is the flat key (``requests.granted.commercial``; every key is on the fields page). ``certain`` is true
    only when the text proves the value: it was read at a known position, or exactly one
    placement of the row's values satisfies the template's arithmetic. Otherwise ``value`` is the
    most plausible placement and ``alternatives`` lists the other values the cell took among the
    placements that remained. ``placed`` is true when the position came from arithmetic rather
    than from the text.
    """

    key: str
    value: Value
    certain: bool = True
    placed: bool = False
    alternatives: tuple[Value, ...] = ()
    span: Span | None = attrs.field(default=None, eq=False)
    #: For a cell read from a PDF: the page (1-based) and the box ``(x0, y0, x1, y1)`` in PDF points
    #: from the page's top left of the table cell it was read from. Evidence, like ``span``.
    page: int | None = attrs.field(default=None, eq=False)
    box: tuple[float, float, float, float] | None = attrs.field(default=None, eq=False)

    def __repr__(self) -> str:
        mark = "" if self.certain else " (uncertain)"
        return f"<Cell {_short(self.key, 80)} = {_show(self.value)}{mark}>"


@attrs.frozen(slots=True)
class Row:
    """A row of a table as found in the text.

    ``key`` is the template's row key, or ``None`` for a row the template does not know (kept,
    never dropped, with a diagnostic). ``path`` is the label hierarchy (for statistics sheets:
    ``("三、依申请公开情况", "（一）收到申请数", "1.当面申请数")``). ``unit`` is the unit column
    of a statistics sheet.
    """

    key: str | None
    label: str
    cells: tuple[Cell, ...] = ()
    path: tuple[str, ...] = ()
    unit: str | None = None
    values: tuple[Value, ...] = ()
    span: Span | None = attrs.field(default=None, eq=False)

    def cell(self, key: str) -> Cell | None:
        for c in self.cells:
            if c.key == key:
                return c
        return None

    def __repr__(self) -> str:
        values = " | ".join(_show(c.value) + ("?" if not c.certain else "") for c in self.cells)
        return f"<Row {_short(self.key or '(unknown)', 40)} {_short(self.label, 24)!r}: {values or 'no cells'}>"


@attrs.frozen(slots=True)
class Table:
    """A template table read from the report.

    ``id`` is ``active`` (二、主动公开), ``requests`` (三、申请), ``appeals`` (四、复议诉讼) or
    ``sheet`` (the pre-2019 statistics sheet). ``rows`` hold every row found, in text order,
    recognised or not.
    """

    id: str
    template: str
    title: str
    rows: tuple[Row, ...] = ()
    span: Span | None = attrs.field(default=None, eq=False)

    @property
    def cells(self) -> tuple[Cell, ...]:
        return tuple(c for r in self.rows for c in r.cells)

    def cell(self, key: str) -> Cell | None:
        for r in self.rows:
            for c in r.cells:
                if c.key == key:
                    return c
        return None

    def row(self, key: str) -> Row | None:
        for r in self.rows:
            if r.key == key:
                return r
        return None

    def __repr__(self) -> str:
        cells = self.cells
        doubt = sum(1 for c in cells if not c.certain)
        name = f"{_short(self.id, 24)} ({_short(self.template, 24)})"
        return f"<Table {name}: {len(self.rows)} rows, {len(cells)} cells, {doubt} uncertain>"

    def _repr_html_(self) -> str:
        from ._display import table_html

        return table_html(self)


@attrs.frozen(slots=True)
class Check:
    """An arithmetic cross-check (勾稽关系) evaluated on the report.

    ``id`` is stable (``A1.natural_person``, ``A2.granted``, ``B1``); ``rule`` names the family of
    the checks page (A1…, B1…). ``left`` and ``right`` are the two sides as computed (blank counted as 0,
    ``blank_as_zero`` says whether that assumption was needed). ``used_for_placement`` is true
    when the identity was used to place values the pipe format lost; such a pass is then not
    independent evidence. ``hard`` is false for soft checks (A5, A7, A8, A9, B9), which real
    reports break often. ``reports`` names the reports a cross-year check compares.
    """

    id: str
    rule: str
    description: str
    cells: tuple[str, ...]
    status: CheckStatus
    left: Number | None = None
    right: Number | None = None
    relation: str = "="
    hard: bool = True
    used_for_placement: bool = False
    blank_as_zero: bool = False
    message: str = ""
    reports: tuple[str, ...] = ()

    def __repr__(self) -> str:
        rel = {"<=": "≤", ">=": "≥"}.get(self.relation, self.relation)
        sides = f": {self.left} {rel} {self.right}" if self.left is not None or self.right is not None else ""
        return f"<Check {_short(self.id, 60)} {self.status}{sides}>"

    def __attrs_post_init__(self) -> None:
        _check_number(self.left, "left")
        _check_number(self.right, "right")


@attrs.frozen(slots=True)
class Diagnostic:
    """Something the parser could not read, or read with doubt.

    ``code`` is stable and documented (see :mod:`zhgov_report.diagnostics`); ``path`` is the place
    in the model (a flat key, a table or section id) when there is one; ``span`` points into the
    caller's text.
    """

    code: str
    severity: Severity
    message: str
    path: str | None = None
    span: Span | None = attrs.field(default=None, eq=False)

    def __str__(self) -> str:
        where = f" ({self.span})" if self.span is not None else ""
        return f"{self.severity}: {self.code}: {self.message}{where}"

    def __repr__(self) -> str:
        where = f" at {_short(self.path, 60)}" if self.path else ""
        return f"<Diagnostic {self.severity} {_short(self.code, 40)}{where}: {_short(self.message, 60)}>"


@attrs.frozen(slots=True)
class Evidence:
    """One fingerprint that the format detector matched."""

    fingerprint: str
    format: Format
    weight: int = 1
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen(slots=True)
class Detection:
    """The answer of :func:`zhgov_report.detect`: the format, why, and the report year."""

    format: Format
    year: int | None = None
    evidence: tuple[Evidence, ...] = ()
    reason: str = ""
    year_span: Span | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        _check_year(self.year, "year")


@attrs.frozen(slots=True)
class Section:
    """A section of the report: its heading and text.

    ``key`` names the template section (``overview``, ``active``, ``requests``, ``appeals``,
    ``problems``, ``other``) when the heading matches one, else ``None``. ``number`` is the
    heading's ordinal (一 = 1) when it has one.
    """

    heading: str
    key: str | None = None
    number: int | None = None
    text: str = ""
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen(slots=True)
class Meta:
    """What the report says about itself.

    ``year`` is the year the report covers, not the year it was published. ``published`` is the
    publication date as ``YYYY-MM-DD`` (or ``YYYY-MM``) when the text states it. ``period`` is the
    statistics period as written (``2019年1月1日至12月31日``). ``encoding`` is the encoding that
    decoded ``bytes`` input (``None`` for ``str`` input). ``input`` is what the caller gave: text,
    an HTML page, a Word or a PDF file. ``agency_source`` says where the agency was read (see
    :class:`AgencySource`); ``agency_span`` is ``None`` when it came from the title the caller gave.
    """

    title: str | None = None
    agency: str | None = None
    year: int | None = None
    published: str | None = None
    period: str | None = None
    encoding: str | None = None
    input: InputKind = InputKind.TEXT
    agency_source: AgencySource | None = None
    title_span: Span | None = attrs.field(default=None, eq=False)
    agency_span: Span | None = attrs.field(default=None, eq=False)
    year_span: Span | None = attrs.field(default=None, eq=False)
    published_span: Span | None = attrs.field(default=None, eq=False)
    period_span: Span | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        _check_year(self.year, "year")


@attrs.frozen(slots=True)
class Figure:
    """A figure stated in the report's prose (``共收到依申请公开件2件``).

    Kept apart from table cells. ``key`` is the flat key of the same quantity where one
    exists (``requests.new_received.total``), else a key of the narrative namespace.
    """

    key: str
    value: Value
    sentence: str
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen(slots=True)
class Report:
    """A parsed report. Build it with :func:`zhgov_report.parse`."""

    format: Format
    meta: Meta = Meta()
    detection: Detection = Detection(Format.UNKNOWN)
    sections: tuple[Section, ...] = ()
    tables: tuple[Table, ...] = ()
    checks: tuple[Check, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    figures: tuple[Figure, ...] = ()
    #: The text the library extracted from a document (a Word or PDF file), which every span of the
    #: report indexes; ``None`` when the caller gave text or a page (spans index the caller's text).
    text: str | None = attrs.field(default=None, eq=False, repr=False)

    def table(self, id: str) -> Table | None:
        """The table with this id (one of :data:`TABLE_IDS`), or ``None`` when the report does not have it.

        A name that is not a table id raises :class:`KeyError` naming the known ones, so that a typo
        is not mistaken for a missing table.
        """
        if id not in TABLE_IDS:
            raise KeyError(f"no table is called {id!r}; the tables are {', '.join(map(repr, TABLE_IDS))}")
        for t in self.tables:
            if t.id == id:
                return t
        return None

    def cell(self, key: str) -> Cell | None:
        """The cell with this flat key, if any table holds it."""
        for t in self.tables:
            c = t.cell(key)
            if c is not None:
                return c
        return None

    def check(self, id: str) -> Check | None:
        for c in self.checks:
            if c.id == id:
                return c
        return None

    def diagnostics_with(self, code: str) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.code == code)

    def __repr__(self) -> str:
        m = self.meta
        cells = [c for t in self.tables for c in t.cells]
        doubt = sum(1 for c in cells if not c.certain)
        failed = sum(1 for c in self.checks if c.status is CheckStatus.FAIL)
        return (f"<Report {self.format} {m.year} {_short(m.agency or '(no agency)', 20)}: "
                f"tables {_short(','.join(t.id for t in self.tables), 60) or 'none'}, "
                f"{len(cells)} cells ({doubt} uncertain), "
                f"{len(self.checks)} checks ({failed} failed), {len(self.diagnostics)} diagnostics>")

    def _repr_html_(self) -> str:
        from ._display import report_html

        return report_html(self)


#: The ids a :class:`Table` may have: the post-2019 tables, the pre-2019 statistics sheet, and
#: ``sheet_duplicate`` for a second statistics sheet in one text.
TABLE_IDS: tuple[str, ...] = ("active", "requests", "appeals", "sheet", "sheet_duplicate")


def _short(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"


def _show(v: Value) -> str:
    """A value as a repr shows it: the number, ``blank``, ``n/a`` or ``unreadable``."""
    if v.kind is ValueKind.NUMBER:
        return f"+{v.number}" if v.signed and v.number is not None and v.number > 0 else str(v.number)
    return {ValueKind.BLANK: "blank", ValueKind.NOT_APPLICABLE: "n/a"}.get(v.kind, "unreadable")
