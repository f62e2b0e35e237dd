"""Renderers: a :class:`~.reports.GenReport` as the text a user holds (INPUT.md).

* ``pipe``: the scraper's format (INPUT.md §1): the report's tables as HTML-like grids with the
  official colspans/rowspans (:mod:`.grid`), flattened by the scraper's own rule: empty cells
  dropped, pad runs, no padding on a table's last row.
* ``markdown``: PDF-to-markdown output: every grid slot a cell (a merged cell written once, the
  slots it covers left empty), a ``|---|`` rule under the first row.
* ``tab``: tab-separated cells, empty cells kept.
* ``space``: non-empty cells separated by spaces (or ideographic spaces).

Noise, each switched on by :class:`Style`: a narrative around the tables (title, preamble,
prose sections, a sentence before each table), page footers inside tables, label variants of
FORMATS.md §7 (brackets, numbering, quotes, spaces inside labels, 合计 for 总计, the template's
aliases), full-width digits, thousands separators, explicit signs, a long label wrapped over two
lines, a label-only scraper row broken over two lines, layout lines of pipes, section headings in
their variant wordings, CRLF line ends and byte encodings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from zhgov_report.models import Number
from zhgov_report.templates import TEMPLATES
from zhgov_report.templates._labels import compact
from zhgov_report.templates._post2019 import SECTION_HEADINGS

from .grid import HCell, HTable, build_tables, clean, expand, grid_width, scraper_lines
from .reports import GenReport
from .sheet import GenSheet, sheet_tables

#: A generated report of any layout.
AnyReport = GenReport | GenSheet

__all__ = [
    "CELL_SHAPES",
    "SHAPES",
    "Rendering",
    "Style",
    "document",
    "render",
    "render_bytes",
    "styles",
    "value_text",
]

SHAPES = ("pipe", "markdown", "tab", "space")
#: One cell per line, four ways (INPUT.md §2a): the seeds' rule with a line break after every cell,
#: a ``| `` line opening each row with its cells on indented lines, every cell a paragraph, and
#: cell then a line ``|``. Post-2019 templates only (the statistics sheet has its own reader).
CELL_SHAPES = ("cellines", "multiline", "paragraphs", "alternating")

_FULLWIDTH = str.maketrans("0123456789+-.,", "０１２３４５６７８９＋－．，")
_ORDINALS = "一二三四五六"


@attrs.frozen
class Style:
    """How to render a report. The default is the plain scraper format with no noise."""

    shape: str = "pipe"
    narrative: bool = False
    footers: bool = False
    fullwidth: bool = False
    thousands: bool = False
    plus_sign: bool = False
    unit_in_cell: bool = False
    label_variants: int = 0  #: a seed choosing the variant of each label; 0 = official labels
    wrap_labels: frozenset[str] = frozenset()  #: row keys whose long label wraps onto a 2nd line
    break_blank_rows: bool = False  #: pipe: a label-only row broken as ``label |`` + ``| |||``
    layout_pipes: bool = False
    punct_space: bool = False  #: a space before full-width punctuation inside labels (PDF text)
    sheet_label_spaces: bool = False  #: label variants of a statistics sheet may hold spaces (<br>)
    heading_variants: int = 0  #: a seed choosing the wording of section headings; 0 = official
    wide_items: bool = False  #: form2019: S4's geometry of 本年增/减
    crlf: bool = False
    ideographic_space: bool = False  #: space shape: U+3000 between cells


@attrs.frozen
class Rendering:
    text: str
    tables: tuple[HTable, ...]
    style: Style


# ---------------------------------------------------------------------------------------------
# Values and labels.


def value_text(n: Number | None, style: Style, *, signed: bool = False, unit: str | None = None) -> str:
    """The text a report writes for a value; ``None`` is an empty cell."""
    if n is None:
        return ""
    if isinstance(n, Decimal):
        t = format(n, "f")
        if style.thousands and abs(n) >= 1000:
            whole, _, frac = t.partition(".")
            t = f"{int(whole):,}" + (f".{frac}" if frac else "")
    else:
        t = f"{n:,}" if style.thousands and abs(n) >= 1000 else str(n)
    if signed and style.plus_sign and n > 0:
        t = "+" + t
    if unit and style.unit_in_cell:
        t += unit
    if style.fullwidth:
        t = t.translate(_FULLWIDTH)
    return t


def _seeded(seed: int, salt: str, n: int) -> int:
    """A deterministic choice among ``n`` for one label (the seed comes from hypothesis)."""
    h = seed
    for ch in salt:
        h = (h * 1000003 + ord(ch)) & 0xFFFFFFFF
    return h % n


_HAN = re.compile(r"[\u4e00-\u9fff]")


def vary_label(
    text: str, seed: int, aliases: Sequence[str] = (), *, punct_space: bool = False, wording: bool = True,
    spaces: bool = True,
) -> str:
    """A variant of ``text`` seen in real reports (FORMATS.md §7.1-§7.3), chosen by ``seed``.

    A space is inserted only between two Chinese characters, unless ``punct_space``, which also
    puts a space before the full-width punctuation inside the label (``部分公开 （区分处理的 ，``).
    Without ``wording``, only the form changes (brackets, numbering, quotes, spaces), never a word
    or a punctuation mark of the label body (statistics-sheet rows map by their whole wording);
    without ``spaces``, no space is inserted."""
    if not seed and not punct_space:
        return text
    if aliases and _seeded(seed, text + "alias", 3) == 0:
        text = aliases[_seeded(seed, text + "which", len(aliases))]
    choice = _seeded(seed, text, 7)
    if choice & 1:  # half-width brackets
        text = text.replace("（", "(").replace("）", ")")
    numbering = _seeded(seed, text + "num", 3)
    text = re.sub(r"^(\d{1,2})\.", (r"\1.", r"\1、", r"\1．")[numbering], text)
    quotes = _seeded(seed, text + "q", 3)
    text = text.replace("“", ('"', "", "“")[quotes]).replace("”", ('"', "", "”")[quotes])
    if choice & 2 and wording:  # 、 and ， interchange inside the label body (（六） sub-labels, S10c)
        head, body = re.match(r"^(\d{1,2}[.、．]|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|)(.*)$",
                              text, re.S).groups()
        text = head + body.replace("、", "，")
    if spaces and choice & 4 and len(compact(text)) > 4:  # a space inside the label (PDF extraction, <br>)
        spots = [i for i in range(1, len(text)) if _HAN.match(text[i - 1]) and
                 (_HAN.match(text[i]) or (punct_space and not text[i].isspace()))]
        if spots:
            i = spots[_seeded(seed, text + "sp", len(spots))]
            text = text[:i] + " " + text[i:]
    if punct_space:  # PDF text: a space before every full-width punctuation mark inside the label
        text = re.sub(r"(?<=[\u4e00-\u9fff])(?=[（）“”，、])", " ", text)
    if wording and _seeded(seed, text + "sum", 4) == 0:
        text = text.replace("总计", "合计")
    return text


def _heading(key: str, title: str | None, seed: int) -> str:
    """A section heading: the table's title, or a variant wording (FORMATS.md §7.3)."""
    ordinal, words = next((o, w) for k, o, w in SECTION_HEADINGS if k == key)
    if title and not seed:
        return title
    if not seed:
        return f"{_ORDINALS[ordinal - 1]}、{words[0]}"
    word = words[_seeded(seed, key, len(words))]
    prefix = ("", "政府信息公开", "本年度")[_seeded(seed, key + "p", 3)]
    suffix = "" if word.endswith(("情况", "事项")) else ("情况", "", "的情况")[_seeded(seed, key + "s", 3)]
    return f"{_ORDINALS[ordinal - 1]}、{prefix}{word}{suffix}"


# ---------------------------------------------------------------------------------------------
# Tables to lines.


def _label_cells(table: HTable, style: Style) -> HTable:
    """Apply the label variants to every label and header cell."""
    if not style.label_variants and not style.punct_space:
        return table
    sheet = table.spec.layout == "sheet"
    aliases = {} if sheet else {r.label: r.aliases for r in table.spec.all_rows()}
    rows = tuple(tuple(c if c.key is not None or c.stray else attrs.evolve(
        c, text=vary_label(c.text, style.label_variants, aliases.get(c.text, ()),
                           punct_space=style.punct_space and (not sheet or style.sheet_label_spaces),
                           wording=not sheet, spaces=not sheet or style.sheet_label_spaces))
        for c in r) for r in table.rows)
    return attrs.evolve(table, rows=rows)


def _grid_texts(rows: Sequence[Sequence[HCell]]) -> list[list[str]]:
    """Every grid slot's text, a merged cell written in its first slot only (PDF converters)."""
    out = []
    seen: set[int] = set()
    for line in expand(rows):
        texts = []
        for c in line:
            if c is None or id(c) in seen:
                texts.append("")
            else:
                seen.add(id(c))
                texts.append(c.text)
        out.append(texts)
    return out


def _wrap_point(label: str, spec_patterns: Sequence[str]) -> int | None:
    """Where a long label may wrap: after its first distinctive pattern, inside the label."""
    if len(label) < 10:
        return None
    flat = label
    for p in sorted(spec_patterns, key=len, reverse=True):
        i = flat.find(p)
        if i >= 0 and i + len(p) < len(flat) - 1:
            return i + len(p)
    return None


def _table_lines(table: HTable, style: Style, footer: Callable[[], str | None]) -> list[str]:
    """The lines of one table in the style's shape."""
    spec = table.spec
    patterns = {r.label: r.patterns for r in spec.all_rows()}
    wrap_rows = {r.label for r in spec.all_rows() if f"{spec.id}.{r.key}" in style.wrap_labels}
    if style.shape == "pipe":
        lines = scraper_lines(table.rows)
        out = []
        for row, line in zip(table.rows, lines, strict=True):
            texts = [clean(c.text) for c in row if clean(c.text)]
            if style.break_blank_rows and len(texts) == 1 and row[0].key is None and line.endswith("|"):
                head, _, pad = line.partition(" |")
                if pad.strip(" |") == "" and pad.count("|") >= 1:
                    out.append(head + " |")
                    out.append("| " + "|" * (pad.count("|") - 1) if pad.count("|") > 1 else "| |")
                    continue
            out.append(line)
        return out
    if style.shape in CELL_SHAPES:
        return _cell_lines(table.rows, style.shape)
    if style.shape == "aligned":
        return _aligned_lines(table)
    grid = _grid_texts(table.rows)
    out: list[str] = []
    for n, (row, texts) in enumerate(zip(table.rows, grid, strict=True)):
        label_cell = next((c for c in reversed(row) if c.key is None and not c.header and not c.stray), None)
        wrap = None
        if label_cell is not None and label_cell.text in wrap_rows:
            wrap = _wrap_point(compact(label_cell.text), patterns.get(label_cell.text, ()))
        if wrap is not None and label_cell is not None:
            # the label's first part alone on a line; the rest of the label and the values below
            original = label_cell.text
            i = texts.index(original) if original in texts else -1
            if i >= 0:
                # PDF text: the label cells up to the wrapped one on the first line, the rest of
                # the wrapped label and the values on the next
                first, rest = _split_compact(original, wrap)
                out.append(_join_cells([first if j == i else (t if j < i else "") for j, t in enumerate(texts)],
                                       style, n == 0))
                texts = [rest if j == i else ("" if j < i else t) for j, t in enumerate(texts)]
        out.append(_join_cells(texts, style, n == 0))
        if style.shape == "markdown" and n == 0:
            out.append("|" + "|".join("---" for _ in texts) + "|")
        f = footer()
        if f is not None and 0 < n < len(table.rows) - 1:
            out.append(f)
    return out


def _cell_lines(rows: Sequence[Sequence[HCell]], shape: str) -> list[str]:
    """A table one cell per line: the scraper's non-empty cells of each row and its pad run (the
    table's last row has none), laid out in one of :data:`CELL_SHAPES`."""
    w = grid_width(rows)
    out: list[str] = []
    for i, row in enumerate(rows):
        cells = [t for t in (clean(c.text) for c in row) if t]
        pad = "|" * (w - len(cells)) if i < len(rows) - 1 and len(cells) < w else ""
        out.extend(_row_cell_lines(cells, pad, shape))
    return out


def _row_cell_lines(cells: Sequence[str], pad: str, shape: str) -> list[str]:
    if shape == "cellines":
        return [f"{c} |" for c in cells] + ([pad] if pad else [])
    if shape == "multiline":
        lines = [f" {c}  | " for c in cells]
        if pad and lines:
            lines[-1] += pad
        return ["| ", *lines]
    if shape == "paragraphs":
        return [line for c in cells for line in (c, "")]
    return [line for c in cells for line in (c, "|")]  # alternating


def _aligned_lines(table: HTable) -> list[str]:
    """``pdftotext -layout``'s shape (not in :data:`SHAPES`: ``Style(shape="aligned")``): each grid
    row a line, its label slots' texts at the left margin two spaces apart, every value and header
    text centred over the value columns it covers, a blank cell a gap, two blank lines between rows."""
    lines = expand(table.rows)
    first = min(c for line in lines for c, cell in enumerate(line) if cell is not None and cell.key is not None)
    texts = [clean(c.text) for line in lines for c in line[first:] if c is not None and c.colspan == 1]
    label_width = 2 + max((len("  ".join(_label_texts(line, first))) for line in lines), default=0)
    width = 3 + max(len(t) for t in texts)
    out: list[str] = []
    seen: set[int] = set()
    for line in lines:
        text = "  ".join(_label_texts(line, first)).ljust(label_width)
        for c0, c1, cell in _value_runs(line, first):
            if id(cell) in seen and not cell.key:
                continue
            seen.add(id(cell))
            body = clean(cell.text)
            x = label_width + (c0 - first) * width + ((c1 - c0 + 1) * width - len(body)) // 2
            text = text.ljust(x) + body if body else text
        out += [text.rstrip(), "", ""]
    return out


def _label_texts(line: Sequence[HCell | None], first: int) -> list[str]:
    """The row's own label cells' texts (a merged label only on its first row is enough)."""
    out: list[str] = []
    for cell in line[:first]:
        if cell is not None and clean(cell.text) and (not out or out[-1] != clean(cell.text)):
            out.append(clean(cell.text))
    return out


def _value_runs(line: Sequence[HCell | None], first: int) -> list[tuple[int, int, HCell]]:
    """The cells of the value columns with the columns each covers on this line."""
    runs: list[tuple[int, int, HCell]] = []
    for c in range(first, len(line)):
        cell = line[c]
        if cell is None:
            continue
        if runs and runs[-1][2] is cell:
            runs[-1] = (runs[-1][0], c, cell)
        else:
            runs.append((c, c, cell))
    return runs


def _split_compact(text: str, at: int) -> tuple[str, str]:
    """Split ``text`` after its ``at``-th non-space character."""
    seen = 0
    for i, ch in enumerate(text):
        if not ch.isspace():
            seen += 1
            if seen == at:
                return text[: i + 1], text[i + 1:]
    return text, ""


def _join_cells(texts: Sequence[str], style: Style, first: bool) -> str:
    if style.shape == "markdown":
        return "| " + " | ".join(t.replace("\n", " ") for t in texts) + " |"
    if style.shape == "tab":
        return "\t".join(t.replace("\n", " ") for t in texts)
    sep = "\u3000" if style.ideographic_space else " "
    return sep.join(t.replace("\n", " ") for t in texts if t)


# ---------------------------------------------------------------------------------------------
# The whole document.


def _narrative(report: GenReport, key: str) -> list[str]:
    """Prose for a section; figures in it are about the report but never in table form."""
    v = report.values
    if key == "overview":
        received = next((n for k, n in v.items() if k.endswith("new_received.total")), 0)
        return [
            f"{report.year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续深化政务公开。",
            "（一）主动公开",
            f"全年通过政府网站主动公开政府信息{report.year % 97 + 3}条，内容涉及机构职能、政策文件、财政信息等。",
            "（二）依申请公开",
            f"全年共收到政府信息公开申请{received}件，均在法定期限内答复。",
            "（三）政府信息管理",
            "严格落实信息发布审核制度，做到先审后发。",
        ]
    if key == "problems":
        return ["一是公开内容的全面性有待加强；二是政策解读形式较为单一。下一步将加强业务培训，提升公开质量。"]
    if key == "other":
        return [f"本年度未收取信息处理费。本报告统计数据的期限为{report.year}年1月1日至{report.year}年12月31日。"]
    return [{"active": "本年度主动公开政府信息情况如下：", "requests": "本年度收到和处理政府信息公开申请情况见下表。",
             "appeals": "本年度因政府信息公开工作被申请行政复议、提起行政诉讼情况如下："}.get(key, "")]


def tables_of(report: AnyReport, style: Style) -> list[HTable]:
    """The report's tables as grids, value cells written in the style."""

    def text_of(key: str) -> str:
        i = report.cell(key)
        unit = "元" if i.decimal and i.unit is None else i.unit
        return value_text(report.written(key), style, signed=i.signed, unit=unit)

    if isinstance(report, GenSheet):
        return sheet_tables(report, text_of)
    return build_tables(report.template, text_of, wide_items=style.wide_items)


def document(report: AnyReport, tables: Sequence[HTable], style: Style) -> str:
    """The full report text around the (possibly mutated) tables."""
    if isinstance(report, GenSheet):
        return _sheet_document(report, tables, style)
    lines: list[str] = []
    title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    if style.layout_pipes and style.shape == "pipe":
        lines.append(title + " | " + "|" * 120)
        lines.append("|" * 200)
    lines.append(title)
    if style.narrative:
        lines.append(f"本报告由{report.agency}根据《中华人民共和国政府信息公开条例》要求编制。")
    by_section = {t.spec.section: t for t in tables}
    footer_no = [3]

    def footer() -> str | None:
        if not style.footers or style.shape == "pipe" or style.shape in CELL_SHAPES:
            return None
        footer_no[0] += 1
        if footer_no[0] % 9:
            return None
        return (f"- {footer_no[0] // 9} -", f"— {footer_no[0] // 9} —")[footer_no[0] % 2]

    for key, _ordinal, _words in SECTION_HEADINGS:
        table = by_section.get(key)
        lines.append(_heading(key, table.spec.title if table else None, style.heading_variants))
        if style.narrative or table is None:
            lines.extend(p for p in _narrative(report, key) if p)
        if table is not None:
            lines.extend(_table_lines(_label_cells(table, style), style, footer))
    if style.layout_pipes and style.shape == "pipe":
        lines.append("|" * 300)
    text = "\n".join(lines) + "\n"
    if style.crlf:
        text = text.replace("\n", "\r\n")
    return text


def _sheet_document(report: GenSheet, tables: Sequence[HTable], style: Style) -> str:
    """A pre-2019 report: prose sections, then the sheet as an attachment (or under a section of
    its own); the sheet's note after it."""
    lines = [f"{report.agency}{report.year}年政府信息公开工作年度报告"]
    if style.narrative:
        lines += [f"根据《中华人民共和国政府信息公开条例》，现公布{report.year}年度政府信息公开工作年度报告。",
                  "一、概述", f"{report.year}年，我局认真贯彻落实政府信息公开工作要求，依法做好信息公开工作。",
                  "二、政府信息公开工作存在的主要问题及改进情况", "信息公开的形式还需丰富，时效性有待提高。"]
    lines.append(f"附件：{report.year}年度{tables[0].spec.title}")
    footer_no = [0]

    def footer() -> str | None:
        footer_no[0] += 1
        if not style.footers or style.shape == "pipe" or footer_no[0] % 13:
            return None
        return f"- {footer_no[0] // 13} -"

    for table in tables:
        lines.extend(_table_lines(_label_cells(table, style), style, footer))
    if style.narrative:
        lines.append(f"注：本表统计期限为{report.year}年1月1日至12月31日。")
    text = "\n".join(lines) + "\n"
    return text.replace("\n", "\r\n") if style.crlf else text


def render(report: AnyReport, style: Style = Style()) -> Rendering:
    tables = tables_of(report, style)
    return Rendering(document(report, tables, style), tuple(tables), style)


def render_bytes(text: str, encoding: str) -> bytes:
    """The text as a web page's bytes (INPUT.md §2: UTF-8 with or without BOM, GB18030, UTF-16)."""
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode(encoding)


# ---------------------------------------------------------------------------------------------
# Strategies of styles.


def wrappable_rows(form: str, *, last: bool = True) -> list[str]:
    """``table.row`` of the rows whose label is long enough to wrap in PDF text (without the
    tables' last rows unless ``last``)."""
    out: list[str] = []
    if form not in TEMPLATES:
        return out
    for t in TEMPLATES[form].tables:
        rows = t.all_rows()
        for n, r in enumerate(rows):
            if t.layout == "line" or (not last and n == len(rows) - 1):
                continue
            if _wrap_point(compact(r.label), r.patterns) is not None:
                out.append(f"{t.id}.{r.key}")
    return out


@st.composite
def styles(
    draw: st.DrawFn, form: str, *, shapes: Sequence[str] = SHAPES, noise: bool = True, wrap: bool = True
) -> Style:
    """A rendering style; with ``noise`` every kind of noise may be switched on (wrapped labels
    only with ``wrap``)."""
    shape = draw(st.sampled_from(tuple(shapes)))
    if not noise:
        return Style(shape=shape)
    seed = st.one_of(st.just(0), st.integers(1, 2**31))
    rows = wrappable_rows(form)
    return Style(
        shape=shape,
        narrative=draw(st.booleans()),
        footers=draw(st.booleans()),
        fullwidth=draw(st.booleans()),
        thousands=draw(st.booleans()),
        plus_sign=draw(st.booleans()),
        unit_in_cell=draw(st.booleans()),
        label_variants=draw(seed),
        wrap_labels=frozenset(draw(st.lists(st.sampled_from(rows), max_size=3)))
        if shape != "pipe" and wrap and rows else frozenset(),
        break_blank_rows=draw(st.booleans()) if shape == "pipe" else False,
        layout_pipes=draw(st.booleans()) if shape == "pipe" else False,
        punct_space=draw(st.booleans()),
        heading_variants=draw(seed),
        wide_items=draw(st.booleans()) if form == "form2019" else False,
        crlf=draw(st.booleans()),
        ideographic_space=draw(st.booleans()) if shape == "space" else False,
    )
