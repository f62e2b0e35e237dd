"""HTML intake: a web page's markup to an :class:`~zhgov_report._document.Extracted`.

The standard library's :mod:`html.parser` walks the markup once. Every character of the text it
writes remembers the offset of the markup character it came from (``Extracted.origin``), so every
span the library reports points into the caller's HTML:

* **text**: block elements (``p``, ``div``, ``br``, ``tr``, headings, list items…) break lines;
  ``script``/``style``/``head`` (but its ``title``) and navigation-like chrome (``nav``, ``header``,
  ``footer`` and elements whose class or id says nav, menu, breadcrumb, footer…) are skipped;
  entities are decoded (each decoded character points at its entity);
* **tables**: each ``<table>`` becomes a :class:`~zhgov_report._document.Grid` with rowspan and
  colspan expanded; its rows are also written into the text, one line per row with the cells
  separated by tabs (empty cells keep their place), so detection and the prose stages see the
  labels. Malformed markup is tolerated: a missing ``</td>``/``</tr>`` is implied by the next
  cell or row, ``colspan="0"`` or garbage counts as 1, a nested table is a grid of its own (its
  text sits inside the outer cell's), Word's ``<o:p>`` and conditional comments are ignored.

Detection (:func:`looks_like_html`, :func:`sniff_bytes`) and decoding (:func:`decode_html`) take the
charset the page declares (``<meta charset>`` or ``http-equiv`` ``Content-Type``) when it agrees
with the bytes.
"""

from __future__ import annotations

import codecs
import re
from html import unescape

import attrs

from . import diagnostics as dg
from ._document import Extracted, Grid, GridCell, Origin
from ._intake import decode
from .models import Diagnostic, InputKind

__all__ = ["MAX_MARKUP", "decode_html", "extract_html", "looks_like_html", "sniff_bytes"]

_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|table|p[\s>]"
                         r"|section|article|center|font|span|h[1-6])", re.I | re.S)
_HTML_BYTES = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|table|p[\s>]"
                         rb"|section|article|center|font|span|h[1-6])", re.I | re.S)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
_SNIFF = 4096


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


_BLOCK = _names("p div br tr li ul ol h1 h2 h3 h4 h5 h6 table section article header footer blockquote pre center "
                "hr dl dt dd form title caption tbody thead tfoot address main aside figure")
_SKIP = _names("script style noscript template svg select button textarea iframe object nav header footer")
_CHROME_TAGS = _names("div ul ol section aside dl")  #: tags skipped when their class says chrome
#: the tags the walk acts on; every other tag (span, font, o:p, b…) is passed over
_HANDLED = _BLOCK | _SKIP | _CHROME_TAGS | frozenset(("td", "th", "table", "tr"))
#: block tags that inside a table cell only separate words
_IN_CELL = _BLOCK - _names("table tr td th tbody thead tfoot caption title") - _SKIP - _CHROME_TAGS | _names("p div")
#: class or id words of navigation-like chrome (a word of its own: ``nav``, ``top-nav``, ``nav_1``; never
#: words that also name content wrappers, such as ``header``, ``position``, ``location`` or ``print``),
#: and of the widgets a CMS puts around an article: its QR code (扫一扫在手机上查看当前页面), its
#: attachments' download list (附件下载) and its related-links lists (相关链接)
_CHROME = re.compile(r"(?:^|[\s_\-\"'=])(?:nav|navbar|menu|breadcrumb|crumbs?|footer|sidebar|share|"
                     r"copyright|topbar|search|weizhi|dqwz|qrcode|erweima|ewm|attachments?|relalinks?|"
                     r"related)(?:$|[\s_\-\d\"'])", re.I)
_ATTRS = r"""(?:[^>"']+|"[^"<]*"|'[^'<]*')*"""
#: The tokens of the walk: comments and declarations, tags, entities (a tag the walk does not act
#: on costs one set lookup: a regular expression that matched only those it acts on was slower).
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<[!?][^>]*>?"
    r"|<(?P<close>/)?(?P<tag>[A-Za-z][A-Za-z0-9:_\-]*)(?P<attrs>" + _ATTRS + r")>?"
    r"|(?P<ent>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?)",
    re.S,
)
_RAW = frozenset(("script", "style", "textarea"))
_RAW_END = {t: re.compile(rf"</{t}\s*>?", re.I) for t in _RAW}
_VOID = _names("br hr img meta link input area base col embed param source track wbr")
#: The markup is read this far: a real report page is well under 1 MB, and a hostile one must stay cheap.
MAX_MARKUP = 2_000_000
_MAX_SPAN = 1000  #: a rowspan or colspan is read as at most this many rows or columns
_MAX_CELLS = 20_000  #: a table of more cells is not kept as a grid (a real one has a few hundred)
_MAX_AREA = 250_000  #: nor one whose expanded grid (rows × columns, merged cells expanded) is larger


def looks_like_html(text: str) -> bool:
    """Does this ``str`` start like an HTML page or fragment?"""
    return _HTML_START.match(text, 0, _SNIFF) is not None


def sniff_bytes(data: bytes) -> bool:
    """Do these bytes start like an HTML page (in an ASCII-compatible encoding or with a BOM)?"""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            head = data[len(bom):len(bom) + _SNIFF].decode(enc, errors="replace")
            return looks_like_html(head)
    return _HTML_BYTES.match(data, 0, _SNIFF) is not None


def _declared(data: bytes) -> str | None:
    """The charset the page declares in its first bytes, as a Python codec name."""
    m = _CHARSET.search(data, 0, _SNIFF)
    if m is None:
        return None
    name = m.group(1).decode("ascii").lower()
    if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936"):
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str, list[Diagnostic]]:
    """Decode an HTML page's bytes: a byte-order mark, else the declared charset when the bytes
    agree with it (strict decoding succeeds, and bytes that are valid UTF-8 are not declared as
    something else), else :func:`zhgov_report._intake.decode`'s guess with a diagnostic."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)
    declared = _declared(data)
    if declared is None:
        return decode(data)
    try:
        text = data.decode(declared)
    except (UnicodeDecodeError, LookupError):
        return _disagree(data, declared)
    if declared != "utf-8" and not data.isascii() and _valid_utf8(data):
        return _disagree(data, declared)
    return text, declared, []


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _disagree(data: bytes, declared: str) -> tuple[str, str, list[Diagnostic]]:
    text, enc, diags = decode(data)
    msg = f"the page declares charset {declared} but its bytes are not in it; decoded as {enc}"
    return text, enc, [dg.make("HTML_CHARSET_MISMATCH", msg), *diags]


@attrs.define
class _Cell:
    start: int  #: offset in the text of the cell's first character
    end: int
    row: int
    rowspan: int
    colspan: int


@attrs.define
class _Table:
    """A table being read: its rows of cells (columns are worked out when it closes)."""

    start: int
    rows: list[list[_Cell]] = attrs.Factory(list)
    cell: _Cell | None = None
    in_row: bool = False


class _Writer:
    """The extracted text and its origin map, written a piece at a time."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []  # per part: its offset in the text,
        self.at: list[int] = []  # the markup offset of its first character,
        self.steps: list[bool] = []  # and whether its characters come from consecutive offsets
        self.length = 0
        self.last = "\n"  # the last character written (a virtual line break before the text)

    def write(self, text: str, at: int, step: bool = True) -> None:
        """Write ``text`` whose characters come from markup offsets ``at``, ``at + 1``… (or all from
        ``at`` when ``step`` is false)."""
        if not text:
            return
        self.parts.append(text)
        self.starts.append(self.length)
        self.at.append(at)
        self.steps.append(step)
        self.length += len(text)
        self.last = text[-1]

    def origin(self, end: int) -> Origin:
        """The origin map, the text's end mapped to ``end``. The last part ends the text: a part
        is added to close it."""
        return Origin([*self.starts, self.length], [*self.at, end], [*self.steps, False], end)

    def newline(self, at: int) -> None:
        if self.last != "\n":
            self.write("\n", at)

    def text(self) -> str:
        return "".join(self.parts)


_SPACES = str.maketrans("\n\r\t\f\v", "     ")


def _span_attr(value: str | None) -> int:
    """A rowspan or colspan: garbage and 0 count as 1, a huge one as :data:`_MAX_SPAN`."""
    if value is None:
        return 1
    m = re.match(r"\s*(\d+)", value)
    if m is None:
        return 1
    n = int(m.group(1)[:6])
    return min(max(n, 1), _MAX_SPAN)


_ATTR = re.compile(r"""(?P<name>[A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"(?P<q>[^"]*)"|'(?P<s>[^']*)'|(?P<u>[^\s>]+))""")


def _attribute(attributes: str, name: str) -> str | None:
    """The value of one attribute in a tag's attribute text (``None`` when absent)."""
    if name not in attributes.lower():
        return None
    for m in _ATTR.finditer(attributes):
        if m.group("name").lower() == name:
            return m.group("q") if m.group("q") is not None else (m.group("s") or m.group("u") or "")
    return None


def _spans(attributes: str) -> tuple[int, int]:
    """A cell's rowspan and colspan (1 and 1 unless its attributes say otherwise)."""
    if "span" not in attributes and "SPAN" not in attributes.upper():
        return 1, 1
    return _span_attr(_attribute(attributes, "rowspan")), _span_attr(_attribute(attributes, "colspan"))


def _chrome(attributes: str) -> bool:
    """Does the element's class or id say it is navigation-like chrome?"""
    if not _CHROME.search(attributes):
        return False
    for name in ("class", "id"):
        value = _attribute(attributes, name)
        if value and _CHROME.search(value):
            return True
    return False


def _raw_end(markup: str, tag: str, start: int) -> int:
    """Where the raw content of a script or style element ends (its closing tag, or the end)."""
    m = _RAW_END[tag].search(markup, start)
    return len(markup) if m is None else m.start()


class _Parser:
    """One pass over the markup: the text, its origin map and the tables."""

    def __init__(self, markup: str) -> None:
        self.markup = markup
        self.out = _Writer()
        self.skip: list[str] = []  # the open elements whose content is skipped
        self.tables: list[_Table] = []  # open tables, innermost last
        self.closed: list[tuple[_Table, int]] = []  # tables read, with the text's length when they closed
        self.cell: _Cell | None = None  # the innermost open table's open cell
        self.space_due = False  # a block boundary inside the cell: a space before its next text
        self.diags: list[Diagnostic] = []
        self.skip_chrome = False  # the skipped element is chrome by its class (not a script, style, nav…)

    def run(self, limit: int) -> None:
        """Walk the markup's tokens (tags, comments, declarations, entities) and the text between,
        up to ``limit``. A tag the walk does not act on (span, font, o:p…) costs one set lookup."""
        markup = self.markup
        skip = self.skip  # the list itself (never rebound): one attribute lookup, not one a token
        pos = 0
        for m in _TOKEN.finditer(markup, 0, limit):
            start, end = m.span()
            if start < pos:
                continue  # inside a script or style element's raw content
            if start > pos and not skip:
                self._text(markup[pos:start], pos, True)
            pos = end
            tag = m.group(2)
            if tag is None:
                ent = m.group(4)
                if ent is not None and not skip:
                    self._text(unescape(ent), start, False)
                continue
            low = tag.lower()
            if low not in _HANDLED:
                continue  # span, font, o:p…: most of a page's tags
            if low in _IN_CELL and self.cell is not None and not skip:
                self.space_due = True  # a paragraph break inside a cell: one space before more text
            else:
                pos = self.tag(m, low, start, pos)
        if pos < limit and not self.skip:
            self._text(markup[pos:limit], pos, True)
        self.close_all()

    def tag(self, m: re.Match[str], tag: str, start: int, end: int) -> int:
        """Handle a tag the walk acts on; returns where the markup goes on."""
        if m.group(1):
            self.end_tag(tag, start)
            return end
        self.start_tag(tag, m.group(3), start)
        if tag in _RAW:  # script/style: their content is not markup
            close = _raw_end(self.markup, tag, end)
            self.end_tag(tag, close)
            return close
        return end

    # --- elements -----------------------------------------------------------------------------

    def start_tag(self, tag: str, attributes: str, at: int) -> None:
        if self.skip and tag == "table" and self.skip_chrome:
            self.skip.clear()  # a table inside what looked like chrome: content after all, read it
        if self.skip:
            if tag == self.skip[-1] and tag not in _VOID:
                self.skip.append(tag)
            return
        if tag in _SKIP or (tag in _CHROME_TAGS and _chrome(attributes)):
            if tag not in _VOID and not attributes.rstrip().endswith("/"):
                self.skip.append(tag)
                self.skip_chrome = tag not in _SKIP
            return
        if tag == "table":
            self._open_table(at)
        elif tag == "tr":
            self._open_row(at)
        elif tag in ("td", "th"):
            self._open_cell(at, attributes)
        elif tag in _BLOCK:
            self._block(at)

    def end_tag(self, tag: str, at: int) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag == "table":
            self._close_table(at)
        elif tag == "tr":
            self._close_row(at)
        elif tag in ("td", "th"):
            self._close_cell(at)
        elif tag in _BLOCK:
            self._block(at)

    def _block(self, at: int) -> None:
        if self.cell is not None:
            self.space_due = True
            return
        self.out.newline(at)

    # --- text ---------------------------------------------------------------------------------

    def _text(self, data: str, at: int, step: bool) -> None:
        blank = not data.strip()
        if self.tables and self.cell is None:
            if blank:
                return  # white space between a table's tags
            self._open_cell(at, "")  # text in a row outside any cell: an implied cell
        if blank:
            if self.out.last not in (" ", "\n", "\t"):
                self.space_due = True
            return
        data = data.translate(_SPACES)
        if self.out.last in ("\n", "\t", " "):
            stripped = data.lstrip()
            at += len(data) - len(stripped) if step else 0
            data = stripped
        elif self.space_due:
            self.out.write(" ", at)
        self.space_due = False
        self.out.write(data, at, step)

    # --- tables -------------------------------------------------------------------------------

    def _open_table(self, at: int) -> None:
        outer = self.tables[-1] if self.tables else None
        if outer is None or outer.cell is None:
            self.out.newline(at)
        elif self.out.last not in (" ", "\t"):
            self.out.write(" ", at)
        self.tables.append(_Table(self.out.length))
        self.cell = None

    def _open_row(self, at: int) -> None:
        if not self.tables:
            self.out.newline(at)
            return
        t = self.tables[-1]
        self._close_row(at)
        t.rows.append([])
        t.in_row = True
        self.out.newline(at)

    def _close_row(self, at: int) -> None:
        if not self.tables:
            return
        t = self.tables[-1]
        self._close_cell(at)
        if t.in_row:
            t.in_row = False
            self.out.newline(at)

    def _open_cell(self, at: int, attributes: str) -> None:
        if not self.tables:
            self.out.newline(at)
            return
        t = self.tables[-1]
        self._close_cell(at)
        if not t.in_row:
            self._open_row(at)
        row = t.rows[-1]
        if row:
            self.out.write("\t", at)
        elif self.out.last != "\n":
            self.out.newline(at)
        rowspan, colspan = _spans(attributes)
        t.cell = _Cell(self.out.length, self.out.length, len(t.rows) - 1, rowspan, colspan)
        row.append(t.cell)
        self.cell = t.cell
        self.space_due = False

    def _close_cell(self, at: int) -> None:
        del at
        if not self.tables:
            return
        t = self.tables[-1]
        if t.cell is not None:
            t.cell.end = self.out.length
            t.cell = None
            self.cell = None

    def _close_table(self, at: int) -> None:
        if not self.tables:
            return
        self._close_row(at)
        t = self.tables.pop()
        self.closed.append((t, self.out.length))
        outer = self.tables[-1] if self.tables else None
        self.cell = None if outer is None else outer.cell
        if outer is None or outer.cell is None:
            self.out.newline(at)

    def close_all(self) -> None:
        end = len(self.markup)
        while self.tables:
            self._close_table(end)


def _trimmed(text: str, cell: _Cell) -> tuple[int, int]:
    """The cell's offsets without surrounding white space (equal when the cell is empty)."""
    a, b = cell.start, cell.end
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _grid(t: _Table, text: str, end: int) -> Grid | None:
    """The table's cells at their grid positions (rowspan and colspan expanded)."""
    if not any(t.rows):
        return None
    taken: set[tuple[int, int]] = set()
    cells: list[GridCell] = []
    n_cols = 0
    for r, row in enumerate(t.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            a, b = _trimmed(text, cell)
            rowspan = min(cell.rowspan, len(t.rows) - r)
            cells.append(GridCell(" ".join(text[a:b].split()), a, b, r, c, rowspan, cell.colspan))
            if len(cells) > _MAX_CELLS:
                return None
            if rowspan * cell.colspan > _MAX_AREA - len(taken):
                return None
            if rowspan > 1 or cell.colspan > 1:
                taken.update((rr, cc) for rr in range(r, r + rowspan) for cc in range(c, c + cell.colspan))
            c += cell.colspan
            n_cols = max(n_cols, c)
    if len(t.rows) * n_cols > _MAX_AREA:
        return None
    return Grid(tuple(cells), len(t.rows), n_cols, t.start, end)


def extract_html(markup: str) -> Extracted:
    """The article's text (with the tables' rows as lines), the tables as grids, and the origin map
    (``origin[i]`` is the markup offset of ``text[i]``; one more entry maps the text's end)."""
    p = _Parser(markup)
    limit = min(len(markup), MAX_MARKUP)
    if limit < len(markup):
        p.diags.append(dg.make("HTML_TRUNCATED", f"the page's markup runs {len(markup)} characters; only the "
                               f"first {MAX_MARKUP} were read (a real report page is far shorter)"))
    p.run(limit)
    text = p.out.text()
    origin = p.out.origin(len(markup))
    built = (_grid(t, text, end) for t, end in sorted(p.closed, key=lambda te: te[0].start))
    grids = tuple(g for g in built if g is not None)
    return Extracted(text, InputKind.HTML, grids, origin, tuple(p.diags))
