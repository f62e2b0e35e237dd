"""The official tables as HTML-like grids (cells with colspan/rowspan), built from the templates.

The geometry is the one of the published tables (FORMATS.md §2.2-§2.4, §3.2-§3.4); every label
in it comes from the template declarations. The few header words that are not row or column
labels (the 勾稽关系 note, 申请人情况, 法人或其他组织, 信息内容, the 行政诉讼 group) are looked up in
the template's ``header_words`` so they cannot drift from what the parser knows.

:func:`scraper_lines` is the scraper's flattening rule, copied from the project's reference
implementation (``shared/tools/flatten.py``: ``grid``, ``width`` and ``flatten_table``, unchanged
but for names and types) so that the pipe renderer writes exactly what the crawler wrote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import attrs

from zhgov_report.templates import Template
from zhgov_report.templates._base import Category, RowSpec, TableSpec

__all__ = ["HCell", "HTable", "build_tables", "clean", "expand", "grid_width", "scraper_lines"]


@attrs.frozen
class HCell:
    """A ``<td>``: its text, spans, and the flat key when it is a value cell."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    key: str | None = None
    header: bool = False  #: a header or caption cell (not a row label, not a value)
    stray: bool = False  #: a value cell the table does not have (a duplicated cell)


@attrs.frozen
class HTable:
    """A table of the report: its template spec and its rows of cells, header rows first."""

    spec: TableSpec
    rows: tuple[tuple[HCell, ...], ...]

    def value_keys(self) -> tuple[str, ...]:
        return tuple(c.key for r in self.rows for c in r if c.key is not None)


#: ``text_of(key)`` -> the cell text the report writes for a value cell ("" for an empty cell).
TextOf = Callable[[str], str]


def _word(spec: TableSpec, word: str) -> str:
    if word not in spec.header_words:
        raise AssertionError(f"{spec.id}: header word {word!r} is no longer in the template's header_words; "
                             "update tests/strategies/grid.py")
    return word


def _value_cells(spec: TableSpec, row: RowSpec, width: int, text_of: TextOf) -> list[HCell]:
    cols = spec.columns_of(row.key)
    cells = [HCell(text_of(spec.key(row.key, c.key)), key=spec.key(row.key, c.key)) for c in cols]
    if len(cols) < width:  # the last value cell spans the rest of the block (本年处理决定数量)
        cells[-1] = attrs.evolve(cells[-1], colspan=width - len(cols) + 1)
    return cells


def _blocks(spec: TableSpec, text_of: TextOf, wide_items: bool) -> list[list[HCell]]:
    """二、主动公开: caption row, header row and data rows per block (FORMATS.md §2.2, §3.2).

    ``wide_items`` draws S4's geometry: a 本年增/减 header spanning two grid columns while the
    data rows use the span on their first value (``[行政许可][n colspan2][n][n]``)."""
    corner = _word(spec, "信息内容")
    width = max(len(b.columns) for b in spec.blocks)
    total_width = width + 1 + (1 if wide_items else 0)
    rows: list[list[HCell]] = []
    for b in spec.blocks:
        rows.append([HCell(b.caption, colspan=total_width, header=True)])
        head = [HCell(corner, header=True)] + [HCell(c.label, header=True) for c in b.columns]
        extra = total_width - len(head)
        widened = wide_items and any(c.signed for c in b.columns) and len(b.columns) == width
        if widened:
            i = next(i for i, c in enumerate(b.columns) if c.signed) + 1
            head[i] = attrs.evolve(head[i], colspan=2)
        elif extra:
            head[-1] = attrs.evolve(head[-1], colspan=extra + 1)
        rows.append(head)
        for r in b.rows:
            vals = _value_cells(spec, r, len(b.columns), text_of)
            if widened:
                vals[0] = attrs.evolve(vals[0], colspan=2)
            elif extra:
                vals[-1] = attrs.evolve(vals[-1], colspan=vals[-1].colspan + extra)
            rows.append([HCell(r.label), *vals])
    return rows


def _results_rows(spec: TableSpec) -> set[str]:
    """The rows under 三、本年度办理结果: those of the identity that sums the result rows (A3)."""
    out: set[str] = set()
    prefix = f"{spec.id}."
    for ident in spec.identities:
        if ident.rule == "A3":
            out.update(k[len(prefix):].split(".")[0] for k in ident.cells)
    return out


def _grid_table(spec: TableSpec, text_of: TextOf) -> list[list[HCell]]:
    """三、申请: the 3-row header and the rows with their nested label cells (FORMATS.md §2.3)."""
    cols = spec.columns
    ncols = len(cols)
    label_w = 3
    total, parts = cols[-1], cols[:-1]
    note = "（{}为：{}，{}）".format(_word(spec, "本列数据的勾稽关系"), _word(spec, "第一项加第二项之和"),
                                 _word(spec, "等于第三项加第四项之和"))
    rows: list[list[HCell]] = [
        [HCell(note, colspan=label_w, rowspan=3, header=True),
         HCell(_word(spec, "申请人情况"), colspan=ncols, header=True)],
        [HCell(parts[0].label, rowspan=2, header=True),
         HCell(_word(spec, "法人或其他组织"), colspan=len(parts) - 1, header=True),
         HCell(total.label, rowspan=2, header=True)],
        [HCell(c.label, header=True) for c in parts[1:]],
    ]
    results = _results_rows(spec)
    cats: dict[str, Category] = {c.key: c for c in spec.categories}
    referenced = {r.category for r in spec.rows if r.category}
    outer = [c for c in spec.categories if c.key not in referenced]
    members: dict[str, list[RowSpec]] = {}
    for r in spec.rows:
        if r.category:
            members.setdefault(r.category, []).append(r)
    first_result = True
    seen_cats: set[str] = set()
    n_results = sum(1 for r in spec.rows if r.key in results)
    for r in spec.rows:
        vals = _value_cells(spec, r, ncols, text_of)
        if r.key not in results:
            rows.append([HCell(r.label, colspan=label_w), *vals])
            continue
        lead: list[HCell] = []
        if first_result and outer:
            lead.append(HCell(outer[0].label, rowspan=n_results))
            first_result = False
        if r.category:
            if r.category not in seen_cats:
                seen_cats.add(r.category)
                lead.append(HCell(cats[r.category].label, rowspan=len(members[r.category])))
            lead.append(HCell(r.label))
        else:
            lead.append(HCell(r.label, colspan=label_w - 1))
        rows.append([*lead, *vals])
    return rows


def _line_table(spec: TableSpec, text_of: TextOf) -> list[list[HCell]]:
    """四、复议诉讼: proceedings as column groups, outcomes under them, one data row (§2.4).

    A proceeding label ``行政诉讼·未经复议直接起诉`` is a sub-group of the group ``行政诉讼``."""
    n = len(spec.columns)
    groups: list[tuple[str, list[RowSpec]]] = []
    for r in spec.rows:
        g = r.label.split("·")[0]
        if groups and groups[-1][0] == g:
            groups[-1][1].append(r)
        else:
            groups.append((g, [r]))
    top = [HCell(g, colspan=n * len(rs), header=True) for g, rs in groups]
    mid: list[HCell] = []
    low: list[HCell] = []
    for _g, rs in groups:
        if len(rs) == 1:
            mid.extend(HCell(c.label, rowspan=2, header=True) for c in spec.columns)
        else:
            for r in rs:
                mid.append(HCell(r.label.split("·")[1], colspan=n, header=True))
                low.extend(HCell(c.label, header=True) for c in spec.columns)
    data = [HCell(text_of(spec.key(r.key, c.key)), key=spec.key(r.key, c.key)) for r in spec.rows
            for c in spec.columns]
    return [top, mid, low, data] if low else [top, mid, data]


def build_tables(template: Template, text_of: TextOf, *, wide_items: bool = False) -> list[HTable]:
    """The template's tables as grids, value cells written by ``text_of``."""
    out = []
    for spec in template.tables:
        if spec.layout == "blocks":
            rows = _blocks(spec, text_of, wide_items)
        elif spec.layout == "grid":
            rows = _grid_table(spec, text_of)
        elif spec.layout == "line":
            rows = _line_table(spec, text_of)
        else:
            raise AssertionError(f"unknown table layout {spec.layout!r}: teach tests/strategies/grid.py")
        out.append(HTable(spec, tuple(tuple(r) for r in rows)))
    return out


# ---------------------------------------------------------------------------------------------
# The scraper's rule. Copied from shared/tools/flatten.py (functions grid, width, flatten_table),
# the reference implementation of how the crawler flattened HTML tables into the seeds' text.


def clean(text: str) -> str:
    """flatten.py ``clean`` (the part that applies to cell text): whitespace runs, ``<br>``
    included, become one space; the cell is stripped."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ").replace("\u3000", " ")).strip()


def expand(rows: Sequence[Sequence[HCell]]) -> list[list[HCell | None]]:
    """Expand colspan/rowspan: every slot holds its cell; a spanned slot repeats it (flatten.py ``grid``)."""
    out: list[list[HCell | None]] = []
    pending: dict[tuple[int, int], HCell] = {}
    for r, row in enumerate(rows):
        line: list[HCell | None] = []
        c = 0
        cells = iter(row)
        cell = next(cells, None)
        while cell is not None or any(k[0] == r and k[1] >= c for k in pending):
            if (r, c) in pending:
                line.append(pending.pop((r, c)))
                c += 1
                continue
            if cell is None:
                # only pending slots further right: fill gap
                line.append(None)
                c += 1
                continue
            for dc in range(cell.colspan):
                line.append(cell)
                for dr in range(1, cell.rowspan):
                    pending[(r + dr, c + dc)] = cell
            c += cell.colspan
            cell = next(cells, None)
        out.append(line)
    return out


def grid_width(rows: Sequence[Sequence[HCell]]) -> int:
    """flatten.py ``width``."""
    return max((len(r) for r in expand(rows)), default=0)


def scraper_lines(rows: Sequence[Sequence[HCell]]) -> list[str]:
    """flatten.py ``flatten_table``: non-empty cells joined by `` | ``, then `` |``, then one ``|``
    per remaining grid column; the table's last row gets no padding."""
    w = grid_width(rows)
    lines = []
    for i, row in enumerate(rows):
        nonempty = [t for t in (clean(c.text) for c in row) if t]
        pad = w - len(nonempty)
        if nonempty:
            line = " | ".join(nonempty) + " |"
        else:
            line = "|"
            pad -= 1
        if pad > 0 and i < len(rows) - 1:
            line += " " + "|" * pad
        lines.append(line)
    return lines


