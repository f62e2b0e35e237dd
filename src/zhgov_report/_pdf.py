"""A PDF file to :class:`~zhgov_report._document.Extracted`, behind the optional extra ``pdf``.

Two halves. :func:`read_pdf` asks ``pypdfium2`` (PDFium) for what each page holds: its characters
with their boxes and its straight rules (the lines a Word export draws around table cells), as
plain :class:`Page` data. :func:`layout` turns pages into the text and grids, with no PDF library:

- rules that touch each other make a table frame; the distinct x of its vertical rules and y of
  its horizontal rules cut it into atomic cells, and two neighbouring atomic cells with no rule
  between them are one merged cell; each character belongs to the cell its centre falls in, and a
  cell's characters are read line by line and joined (a label wrapped in its box is one label);
- a table that opens a page with the same outer edges as the table closing the page before is
  its continuation: one grid;
- the characters outside tables are the prose, in lines top to bottom; a line that runs to the
  right margin continues on the next (one paragraph, one line of text); page numbers (``-3-``,
  ``— 4 —``, ``第3页``) and running headers (the same line in the same margin on several pages)
  are dropped.

Boxes are ``(x0, y0, x1, y1)`` in PDF points from the page's top left.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

import attrs

from . import diagnostics as dg
from ._document import Extracted, GridCell
from ._gridtext import TextBuilder, draft
from ._unruled import Unruled, find, render
from ._values import ORDINALS
from .models import Diagnostic, InputKind

__all__ = ["MAX_CELLS", "MAX_PAGES", "MAX_RULES", "PDF_EXTRA_HINT", "Char", "Page", "Rule", "layout", "read_pdf"]

MAX_PAGES = 2000
MAX_RULES = 1000  # straight rules on one page read as table lines; beyond, the page has no tables
MAX_CELLS = 10_000  # atomic cells of one table (a report's largest has ~300)
_TOL = 2.0  # points: rules this close are one line; a rule reaching this near another touches it
_THIN = 3.0  # a path thinner than this is a rule
PDF_EXTRA_HINT = 'reading PDF files needs the optional extra: pip install "zhgov_report[pdf]"'


class Char(NamedTuple):
    """One character of a page's text layer and its box (top-left origin)."""

    ch: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


class Rule(NamedTuple):
    """A straight rule: horizontal at ``at`` from ``lo`` to ``hi`` in x, or vertical at x ``at``."""

    horizontal: bool
    at: float
    lo: float
    hi: float


@attrs.frozen
class Page:
    """What a page holds for layout: its size, characters and rules."""

    number: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]
    rules: tuple[Rule, ...]


# ---------------------------------------------------------------------------------------------
# PDFium: bytes to pages
# ---------------------------------------------------------------------------------------------


def read_pdf(data: bytes) -> Extracted:
    """The text and table grids of a PDF file's bytes. Raises ImportError without the ``pdf`` extra."""
    try:
        import pypdfium2 as pdfium
    except ImportError as exc:  # pragma: no cover - exercised without the extra installed
        raise ImportError(PDF_EXTRA_HINT) from exc
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        return _refused(_open_error(exc))
    try:
        n_pages = len(doc)
        pages = list(_pages(doc))
    finally:
        doc.close()
    extracted = layout(pages)
    if n_pages > MAX_PAGES:
        extracted = attrs.evolve(extracted, diagnostics=(*extracted.diagnostics, dg.make(
            "PDF_TRUNCATED", f"the PDF has {n_pages} pages; the first {MAX_PAGES} were read")))
    return extracted


def _open_error(exc: Any) -> Diagnostic:
    import pypdfium2.raw as raw

    code = getattr(exc, "err_code", None)
    if code is None:
        code = raw.FPDF_GetLastError()
    if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
        return dg.make("PDF_ENCRYPTED", "the PDF is encrypted and needs a password to be read")
    return dg.make("PDF_UNREADABLE", f"the PDF cannot be opened: {exc}")


def _refused(diag: Diagnostic) -> Extracted:
    return Extracted(text="", kind=InputKind.PDF, diagnostics=(diag,))


def _pages(doc: Any) -> Iterator[Page]:
    for i in range(min(len(doc), MAX_PAGES)):
        page = doc[i]
        try:
            yield _page(i + 1, page)
        finally:
            page.close()


def _page(number: int, page: Any) -> Page:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        chars = tuple(_chars(textpage, height))
    finally:
        textpage.close()
    return Page(number, width, height, chars, tuple(_rules(page, height)))


def _chars(textpage: Any, height: float) -> Iterator[Char]:
    import pypdfium2.raw as raw

    tp = textpage.raw
    for i in range(textpage.count_chars()):
        if raw.FPDFText_IsGenerated(tp, i):
            continue
        code = raw.FPDFText_GetUnicode(tp, i)
        if code in (0, 0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF or chr(code) in "\r\n":
            continue
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        yield Char(chr(code), left, height - top, right, height - bottom)


def _rules(page: Any, height: float) -> Iterator[Rule]:
    import pypdfium2.raw as raw

    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        yield from rules_of_box(left, height - top, right, height - bottom)


def rules_of_box(x0: float, y0: float, x1: float, y1: float) -> Iterator[Rule]:
    """The rules a path's bounding box stands for: a thin box is one rule, a large one (a cell's
    outline drawn as a rectangle) its four sides; a dot is nothing."""
    w, h = x1 - x0, y1 - y0
    if w < _THIN and h < _THIN:
        return
    if h < _THIN:
        yield Rule(True, (y0 + y1) / 2, x0, x1)
    elif w < _THIN:
        yield Rule(False, (x0 + x1) / 2, y0, y1)
    else:
        yield from (Rule(True, y0, x0, x1), Rule(True, y1, x0, x1), Rule(False, x0, y0, y1), Rule(False, x1, y0, y1))


# ---------------------------------------------------------------------------------------------
# Layout: pages to text and grids (no PDF library)
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class Frame:
    """A ruled table on one page: its column and row boundaries and its rules."""

    page: int
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    rules: tuple[Rule, ...]

    @property
    def top(self) -> float:
        return self.ys[0]

    def holds(self, c: Char) -> bool:
        return self.xs[0] <= c.cx <= self.xs[-1] and self.ys[0] <= c.cy <= self.ys[-1]

    def below(self, c: Char) -> bool:
        """The character stands just below the frame, within its width."""
        return self.xs[0] <= c.cx <= self.xs[-1] and 0 < c.cy - self.ys[-1] <= 1.5 * (c.y1 - c.y0)

    def column(self, c: Char) -> int:
        return self.atom(c)[1]

    def atom(self, c: Char) -> tuple[int, int]:
        """The atomic cell (row, column) a character's centre falls in."""
        col = min(max(bisect.bisect_right(self.xs, c.cx) - 1, 0), len(self.xs) - 2)
        row = min(max(bisect.bisect_right(self.ys, c.cy) - 1, 0), len(self.ys) - 2)
        return row, col


class Line(NamedTuple):
    """A line of prose: its text, vertical centre and horizontal extent."""

    text: str
    y: float
    x0: float
    x1: float
    page: int
    chars: tuple[Char, ...] = ()


class Region(NamedTuple):
    """A merged cell of a frame: atomic rows ``r0..r1`` and columns ``c0..c1`` (inclusive)."""

    r0: int
    c0: int
    r1: int
    c1: int


class PlacedTable(NamedTuple):
    """A frame and its cells' texts, ready to join with its continuation and render; ``wrapped``
    says of each cell whether its last line runs to the cell's right edge (its text may go on)."""

    frame: Frame
    regions: tuple[Region, ...]
    texts: tuple[str, ...]
    wrapped: tuple[bool, ...]
    cut: bool = False  # text ran on below the frame: the last row was cut at the page's end


def layout(pages: Sequence[Page]) -> Extracted:
    """The text and grids of a document's pages (see the module's docstring)."""
    out = TextBuilder(InputKind.PDF)
    furniture = _running_lines(pages)
    right = _right_margin(pages)
    items: list[Line | PlacedTable] = []
    for page in pages:
        page_items, skipped = _page_items(page, furniture)
        items.extend(page_items)
        if skipped:
            out.diagnostics.append(dg.make("PDF_RULES_SKIPPED", f"page {page.number} draws more rules or cells than "
                                           "are read as tables: its text was read as prose"))
    if not any(p.chars for p in pages) and pages:
        out.diagnostics.append(dg.make("PDF_NO_TEXT", f"none of the PDF's {len(pages)} pages has a text layer "
                                       "(a scan?): nothing was read"))
    _emit(out, _join_continued(find(items)), right)
    return out.extracted()


def _page_items(page: Page, furniture: frozenset[str]) -> tuple[list[Line | PlacedTable], bool]:
    """The page's prose lines and tables, top to bottom, page numbers and running lines dropped;
    and whether rules were left unread (beyond the bounds)."""
    frames, skipped = _frames(page)
    in_table: list[list[Char]] = [[] for _ in frames]
    prose: list[Char] = []
    for c in page.chars:
        owner = next((i for i, f in enumerate(frames) if f.holds(c)), None)
        (prose if owner is None else in_table[owner]).append(c)
    cut = [False] * len(frames)
    if frames and frames[-1].ys[-1] > page.height * (1 - _MARGIN):
        spill = _spill(frames[-1], prose)
        cut[-1] = bool(spill)
        in_table[-1].extend(spill)
        prose = [c for c in prose if c not in spill]
    lines = [ln for ln in _lines(prose, page.number) if not _is_furniture(ln, page, furniture)]
    tables = [_place(f, cs, k) for f, cs, k in zip(frames, in_table, cut, strict=True)]
    keyed: list[tuple[float, Line | PlacedTable]] = [(ln.y, ln) for ln in lines]
    keyed.extend((t.frame.top, t) for t in tables)
    keyed.sort(key=lambda k: k[0])
    return [item for _, item in keyed], skipped


# --- frames -----------------------------------------------------------------------------------


def _frames(page: Page) -> tuple[list[Frame], bool]:
    """The ruled tables of a page: rules that touch, with at least two of each direction; and
    whether some were beyond the bounds (:data:`MAX_RULES` a page, :data:`MAX_CELLS` a table)."""
    rules = [r for r in page.rules if r.hi - r.lo > _TOL]
    if len(rules) > MAX_RULES:
        return [], True
    frames = [f for f in (_frame(page.number, group) for group in _touching(rules)) if f is not None]
    kept = [f for f in frames if (len(f.xs) - 1) * (len(f.ys) - 1) <= MAX_CELLS]
    return sorted(kept, key=lambda f: f.top), len(kept) < len(frames)


class _UnionFind:
    """Disjoint sets of ``0..n-1`` (path halving)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def _touching(rules: list[Rule]) -> list[list[Rule]]:
    """Rules grouped by touching (a horizontal one crossing or meeting a vertical one); the
    vertical rules sorted by x, so each horizontal one meets only those within its extent."""
    sets = _UnionFind(len(rules))
    vs = sorted((r.at, i) for i, r in enumerate(rules) if not r.horizontal)
    xs = [at for at, _ in vs]
    for h, rule in enumerate(rules):
        if not rule.horizontal:
            continue
        lo, hi = bisect.bisect_left(xs, rule.lo - _TOL), bisect.bisect_right(xs, rule.hi + _TOL)
        for _, v in vs[lo:hi]:
            if _touch(rule, rules[v]):
                sets.union(h, v)
    groups: dict[int, list[Rule]] = {}
    for i, r in enumerate(rules):
        groups.setdefault(sets.find(i), []).append(r)
    return list(groups.values())


def _touch(h: Rule, v: Rule) -> bool:
    return h.lo - _TOL <= v.at <= h.hi + _TOL and v.lo - _TOL <= h.at <= v.hi + _TOL


def _frame(page: int, rules: list[Rule]) -> Frame | None:
    """A frame of touching rules; where the vertical rules run on past the last horizontal one (a
    row split by a page break is drawn open), their ends bound the frame."""
    verticals = [r for r in rules if not r.horizontal]
    xs = _levels(r.at for r in verticals)
    ends = [min((r.lo for r in verticals), default=0.0), max((r.hi for r in verticals), default=0.0)]
    ys = _levels([*(r.at for r in rules if r.horizontal), *ends])
    if len(xs) < 2 or len(ys) < 2 or len(xs) + len(ys) < 5:
        return None  # a single box (a page border, a framed paragraph) is no table
    return Frame(page, xs, ys, tuple(rules))


def _levels(values: Iterable[float]) -> tuple[float, ...]:
    """Distinct positions, those within the tolerance of the previous one merged."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _TOL:
            out.append(v)
    return tuple(out)


_Walls = dict[tuple[bool, int], list[tuple[float, float]]]


def _walls(frame: Frame) -> _Walls:
    """The frame's rules by direction and the index of the boundary they lie on."""
    walls: _Walls = {}
    for r in frame.rules:
        levels = frame.ys if r.horizontal else frame.xs
        i = min(bisect.bisect_left(levels, r.at - _TOL), len(levels) - 1)
        if abs(levels[i] - r.at) <= _TOL:
            walls.setdefault((r.horizontal, i), []).append((r.lo, r.hi))
    return walls


def _walled(walls: _Walls, horizontal: bool, level: int, point: float) -> bool:
    """A rule lies on boundary ``level`` across ``point``."""
    return any(lo - _TOL <= point <= hi + _TOL for lo, hi in walls.get((horizontal, level), ()))


def _regions(frame: Frame) -> list[Region]:
    """The merged cells: atomic cells joined where no rule separates them."""
    n_r, n_c = len(frame.ys) - 1, len(frame.xs) - 1
    sets = _UnionFind(n_r * n_c)
    walls = _walls(frame)
    for r in range(n_r):
        ymid = (frame.ys[r] + frame.ys[r + 1]) / 2
        for c in range(n_c):
            xmid = (frame.xs[c] + frame.xs[c + 1]) / 2
            if c + 1 < n_c and not _walled(walls, False, c + 1, ymid):
                sets.union(r * n_c + c, r * n_c + c + 1)
            if r + 1 < n_r and not _walled(walls, True, r + 1, xmid):
                sets.union(r * n_c + c, (r + 1) * n_c + c)
    return _bounding(sets, n_r, n_c)


def _bounding(sets: _UnionFind, n_r: int, n_c: int) -> list[Region]:
    """Each set of atomic cells as the rectangle that bounds it."""
    spans: dict[int, list[int]] = {}
    for i in range(n_r * n_c):
        r, c = divmod(i, n_c)
        s = spans.setdefault(sets.find(i), [r, c, r, c])
        s[0], s[1], s[2], s[3] = min(s[0], r), min(s[1], c), max(s[2], r), max(s[3], c)
    return sorted(Region(*s) for s in spans.values())


def _spill(frame: Frame, prose: list[Char]) -> set[Char]:
    """Text a cut row spills below a frame that ends the page: lines just below it, each within
    one of its columns (a heading or prose line crosses them)."""
    near = [c for c in prose if frame.below(c)]
    return {c for line in _line_groups(near) if len({frame.column(c) for c in line}) == 1 for c in line}


def _place(frame: Frame, chars: list[Char], cut: bool = False) -> PlacedTable:
    """The frame's merged cells and the text of each."""
    regions = _regions(frame)
    index = {}
    for k, reg in enumerate(regions):
        for r in range(reg.r0, reg.r1 + 1):
            for c in range(reg.c0, reg.c1 + 1):
                index[r, c] = k
    held: list[list[Char]] = [[] for _ in regions]
    for ch in chars:
        held[index[frame.atom(ch)]].append(ch)
    wrapped = tuple(_runs_to_edge(cs, frame.xs[reg.c1 + 1]) for cs, reg in zip(held, regions, strict=True))
    return PlacedTable(frame, tuple(regions), tuple(_box_text(cs) for cs in held), wrapped, cut)


def _runs_to_edge(chars: list[Char], right: float) -> bool:
    """The cell's last line ends within two characters' width of its right edge."""
    if not chars:
        return False
    last = _line_groups(chars)[-1]
    width = max(c.x1 - c.x0 for c in last)
    return last[-1].x1 + 2 * width >= right


# --- lines ------------------------------------------------------------------------------------


def _line_groups(chars: Sequence[Char]) -> list[list[Char]]:
    """Characters in lines: by vertical centre, a character within half its height of the line's
    first joins it; each line left to right."""
    groups: list[list[Char]] = []
    for c in sorted(chars, key=lambda c: c.cy):
        last = groups[-1] if groups else None
        if last is not None and abs(c.cy - last[0].cy) <= max(last[0].y1 - last[0].y0, 1.0) / 2:
            last.append(c)
        else:
            groups.append([c])
    return [sorted(g, key=lambda c: c.x0) for g in groups]


def _gap(prev: Char, c: Char) -> str:
    """What stands for the gap between two characters of a line: nothing within words and CJK
    text (a gap there is justification), a space between ASCII words, two spaces for a gap
    wider than two characters (the columns of a table drawn without rules)."""
    if prev.ch.isspace() or c.ch.isspace():
        return ""
    gap, height = c.x0 - prev.x1, prev.y1 - prev.y0
    if gap > 2 * height:
        return "  "
    return " " if prev.ch.isascii() and c.ch.isascii() and gap > height / 4 else ""


def _line_text(chars: list[Char]) -> str:
    """A line's characters and its gaps (:func:`_gap`)."""
    out: list[str] = []
    prev: Char | None = None
    for c in chars:
        if prev is not None:
            out.append(_gap(prev, c))
        out.append(c.ch)
        prev = c
    return "".join(out)


_SPACES = re.compile(r"\s+")


def _box_text(chars: list[Char]) -> str:
    """A cell's text: its lines joined (a wrapped label is one label), white space folded."""
    text = ""
    for group in _line_groups(chars):
        text = _join(text, _line_text(group).strip())
    return _SPACES.sub(" ", text).strip()


def _join(left: str, right: str) -> str:
    """Two wrapped pieces: a space between ASCII words, nothing between CJK characters."""
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return left + " " + right
    return left + right


def _lines(chars: Sequence[Char], page: int) -> list[Line]:
    out: list[Line] = []
    for group in _line_groups(chars):
        text = _line_text(group).strip()
        if text:
            out.append(Line(text, sum(c.cy for c in group) / len(group), group[0].x0, group[-1].x1, page, tuple(group)))
    return out


# --- furniture: page numbers and running lines ---------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"[-—–－_\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–－_\s]*")
_MARGIN = 0.1  # the top and bottom tenth of a page hold its running header and footer


def _in_margin(y: float, page: Page) -> bool:
    return y < page.height * _MARGIN or y > page.height * (1 - _MARGIN)


def _is_furniture(line: Line, page: Page, running: frozenset[str]) -> bool:
    if not _in_margin(line.y, page):
        return False
    return _PAGE_NUMBER.fullmatch(line.text) is not None or line.text in running


def _running_lines(pages: Sequence[Page]) -> frozenset[str]:
    """Margin lines that recur on at least half of the pages (and on two at least)."""
    if len(pages) < 2:
        return frozenset()
    seen: dict[str, int] = {}
    for page in pages:
        margin = [c for c in page.chars if _in_margin(c.cy, page)]
        for text in {ln.text for ln in _lines(margin, page.number)}:
            seen[text] = seen.get(text, 0) + 1
    need = max(2, len(pages) // 2)
    return frozenset(t for t, n in seen.items() if n >= need)


def _right_margin(pages: Sequence[Page]) -> float:
    """The right edge of the text body: the rightmost character of most pages' widest line."""
    edges = sorted(max((c.x1 for c in p.chars), default=0.0) for p in pages if p.chars)
    return edges[len(edges) // 2] if edges else 0.0


# --- joining and emitting -------------------------------------------------------------------------


def _join_continued(items: list[Line | PlacedTable | Unruled]) -> list[Line | Unruled | list[PlacedTable]]:
    """Tables continued across a page break joined (a table opening a page with the outer edges
    of the table that closed the page before)."""
    out: list[Line | Unruled | list[PlacedTable]] = []
    for item in items:
        prev = out[-1] if out else None
        if isinstance(item, PlacedTable):
            if isinstance(prev, list) and _continues(prev[-1], item):
                prev.append(item)
            else:
                out.append([item])
        else:
            out.append(item)
    return out


def _continues(before: PlacedTable, after: PlacedTable) -> bool:
    a, b = before.frame, after.frame
    return (b.page == a.page + 1 and abs(a.xs[0] - b.xs[0]) <= _TOL * 2 and abs(a.xs[-1] - b.xs[-1]) <= _TOL * 2)


def _emit(out: TextBuilder, items: list[Line | Unruled | list[PlacedTable]], right: float) -> None:
    prev: Line | None = None
    for item in items:
        if isinstance(item, Unruled):
            rendered = render(item)
            out.add_block(rendered.text, rendered.grids)
            prev = None
        elif isinstance(item, Line):
            if prev is not None and _continues_line(prev, item, right):
                out.extend_last(item.text if not _needs_space(prev.text, item.text) else " " + item.text)
            else:
                out.emit(item.text)
            prev = item
        else:
            out.add_grid(_drafts(item))
            out.diagnostics.extend(_cut_diagnostic(p) for p in item if p.cut)
            prev = None


_HEADING = re.compile(rf"[{ORDINALS}]+、|[（(][{ORDINALS}]+[）)]")


def _continues_line(prev: Line, line: Line, right: float) -> bool:
    """``line`` goes on with the paragraph of ``prev``: ``prev`` runs to the right margin and
    ``line`` opens no heading."""
    width = (prev.x1 - prev.x0) / max(len(prev.text), 1)
    return prev.x1 >= right - 2 * width and _HEADING.match(line.text) is None


def _cut_diagnostic(part: PlacedTable) -> Diagnostic:
    return dg.make("PDF_ROW_CUT", f"a table row at the end of page {part.frame.page} runs on below the table's "
                   "drawn frame (the export cut it, losing text): the row was left unread")


def _needs_space(left: str, right: str) -> bool:
    return _join(left, right) != left + right


class _Drafted(NamedTuple):
    cell: GridCell
    wrapped: bool


def _drafts(parts: list[PlacedTable]) -> list[GridCell]:
    """The cells of a table in one or more parts, on the union of the parts' column boundaries;
    each part after the first stitched to the one before (:func:`_stitch`)."""
    xs = _levels(x for p in parts for x in p.frame.xs)
    done: list[_Drafted] = []
    offset = 0
    for part in parts:
        skip = _repeated_header(parts[0], part) if offset else 0
        mine = list(_part_drafts(part, xs, offset - skip, skip))
        done = _stitch(done, mine, offset) if offset else mine
        offset += len(part.frame.ys) - 1 - skip
    return _compact([d.cell for d in done])


def _row_texts(part: PlacedTable) -> list[tuple[str, ...]]:
    """Each atomic row's cell texts (of the cells that start in it), left to right."""
    rows: list[list[tuple[int, str]]] = [[] for _ in range(len(part.frame.ys) - 1)]
    for reg, text in zip(part.regions, part.texts, strict=True):
        rows[reg.r0].append((reg.c0, text))
    return [tuple(t for _, t in sorted(r)) for r in rows]


def _repeated_header(first: PlacedTable, part: PlacedTable) -> int:
    """How many leading rows of a continued part repeat the table's header (Word's "repeat as
    header row"): rows equal to the first part's leading rows, with words and no number."""
    a, b = _row_texts(first), _row_texts(part)
    k = 0
    while k < min(len(a), len(b)) - 1 and a[k] == b[k] and any(a[k]) and not any(_numeric(t) for t in a[k]):
        k += 1
    return k


def _compact(drafts: list[GridCell]) -> list[GridCell]:
    """Rows where no cell starts (the lower half of a row split by a page break) taken out."""
    starts = sorted({d.row for d in drafts})
    out = []
    for d in drafts:
        row = bisect.bisect_left(starts, d.row)
        out.append(attrs.evolve(d, row=row, rowspan=max(bisect.bisect_left(starts, d.row + d.rowspan) - row, 1)))
    return out


def _part_drafts(part: PlacedTable, xs: tuple[float, ...], offset: int, skip: int = 0) -> Iterator[_Drafted]:
    """The part's cells as drafts on the table's columns, its rows from ``offset``; the first
    ``skip`` rows (a repeated header) left out."""
    f = part.frame
    last = len(f.ys) - 2
    for reg, text, wrapped in zip(part.regions, part.texts, part.wrapped, strict=True):
        if (part.cut and reg.r0 == last) or reg.r0 < skip:
            continue  # a cut row's cells are partly lost: unknown, never blank
        c0, c1 = _col_of(xs, f.xs[reg.c0]), _col_of(xs, f.xs[reg.c1 + 1])
        box = (round(f.xs[reg.c0], 2), round(f.ys[reg.r0], 2), round(f.xs[reg.c1 + 1], 2), round(f.ys[reg.r1 + 1], 2))
        cell = draft(text, offset + reg.r0, c0, reg.r1 - reg.r0 + 1, max(c1 - c0, 1), f.page, box)
        yield _Drafted(cell, wrapped)


_NUMBER = re.compile(r"[-+]?\d[\d,.]*\s*[万亿元件条项个人次%‰]*")
_ORDINAL = re.compile(rf"[（(][{ORDINALS}\d]+[）)]|[{ORDINALS}]+、|\d+[.．、]")


def _numeric(text: str) -> bool:
    return _NUMBER.fullmatch(text) is not None


def _stitch(done: list[_Drafted], mine: list[_Drafted], offset: int) -> list[_Drafted]:
    """Join a continued table's first row to the last row before the page break.

    A first-row cell below a cell of the same columns continues it: always when it is empty and
    the cell above is a label (a merged label cell running on), and every such cell when the row
    itself was split by the page break (a label wrapped to the cell's edge goes on below, and no
    cell of the row opens with an ordinal or holds a number under a number)."""
    above = {(d.cell.col, d.cell.colspan): i for i, d in enumerate(done)
             if d.cell.row + d.cell.rowspan == offset}
    pairs = [(m, above.get((m.cell.col, m.cell.colspan))) for m in mine if m.cell.row == offset]
    split = _split_row([(m.cell.text, done[i] if i is not None else None) for m, i in pairs])
    split = split or all(not m.cell.text and i is not None for m, i in pairs)
    out = list(done)
    absorbed: set[int] = set()
    for m, i in pairs:
        if i is not None and (split or (not m.cell.text and _is_label(done[i].cell.text))):
            d = out[i].cell
            out[i] = _Drafted(attrs.evolve(d, text=_join(d.text, m.cell.text), rowspan=d.rowspan + m.cell.rowspan),
                              m.wrapped)
            absorbed.add(id(m))
    return out + [m for m in mine if id(m) not in absorbed]


def _is_label(text: str) -> bool:
    return bool(text) and not _numeric(text)


def _split_row(pairs: list[tuple[str, _Drafted | None]]) -> bool:
    """A first row that is the lower part of a row split by the page break."""
    goes_on = False
    for text, up in pairs:
        if _ORDINAL.match(text) or (up is not None and _numeric(text) and _numeric(up.cell.text)):
            return False
        if text and up is not None and _is_label(up.cell.text) and up.wrapped and not _numeric(text):
            goes_on = True
    return goes_on


def _col_of(xs: tuple[float, ...], x: float) -> int:
    """The index of the boundary nearest ``x``."""
    i = bisect.bisect_left(xs, x - _TOL)
    return min(i, len(xs) - 1)
