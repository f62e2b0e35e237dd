"""Results you can look at: the HTML that notebooks show for a :class:`Report` or a :class:`Table`.

Each table is drawn as its published grid, with the template's row labels and column headers: the
request table rows × applicant columns, the 主动公开 table block by block, the review/litigation
table as its one row of fifteen cells under its two-level header, and a statistics sheet as
统计指标 | 单位 | 统计数 | 历年累计. Each cell shows what the text gave:

* a written number, ``0`` included, as written;
* a blank cell as an empty hatched cell (nothing was written: not 0);
* a not-applicable placeholder as ``n/a`` (the placeholder in its tooltip), an unreadable one in red;
* an uncertain cell on a yellow ground with ``?`` after its most plausible value, the other values
  it could take in its tooltip.

A report adds its metadata, its failed checks with both sides, and its diagnostics.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from .models import Cell, Check, CheckStatus, Report, Table, Value, ValueKind
from .templates import TEMPLATES
from .templates._base import Block, Column, RowSpec, TableSpec

__all__ = ["CSS", "report_html", "table_html"]

#: The style sheet every drawing carries (scoped to ``.zr``).
CSS = """<style>
.zr{font-family:sans-serif;font-size:13px}
.zr table{border-collapse:collapse;margin:4px 0 12px 0}
.zr th,.zr td{border:1px solid #999;padding:2px 6px}
.zr th{background:#eef1f5;font-weight:normal}
.zr td.n{text-align:right;font-variant-numeric:tabular-nums;min-width:2.2em}
.zr td.l{text-align:left;max-width:28em}
.zr td.blank{background:repeating-linear-gradient(45deg,#fff,#fff 3px,#e4e4e4 3px,#e4e4e4 5px)}
.zr td.na{color:#666;font-style:italic}
.zr td.bad{color:#b00}
.zr td.doubt{background:#fff3b0}
.zr td.cat{font-weight:bold;background:#f7f7f7}
.zr .fail{color:#b00}
.zr caption{text-align:left;font-weight:bold;padding:4px 0}
</style>"""

_LEGEND = ('<p>cells: <b>1</b> written · <span style="background:#fff3b0">1?</span> uncertain (most plausible;'
           ' hover for the alternatives) · hatched = blank (nothing written) · <i>n/a</i> = not applicable</p>')


def _e(text: object) -> str:
    return html.escape(str(text))


def _show(cell: Cell) -> str:
    v = cell.value
    if v.kind is ValueKind.NUMBER:
        return f"+{v.number}" if v.signed and v.number is not None and v.number > 0 else str(v.number)
    return {ValueKind.NOT_APPLICABLE: "n/a", ValueKind.UNREADABLE: v.raw or "?"}.get(v.kind, "")


def _tooltip(cell: Cell) -> str:
    parts = [cell.key, cell.value.kind.value]
    if cell.value.raw:
        parts.append(f"written {cell.value.raw!r}")
    if not cell.certain:
        alts = ", ".join(_show_value(a) for a in cell.alternatives) or "unknown"
        parts.append(f"uncertain; could also be {alts}")
    return "; ".join(parts)


def _show_value(v: Value) -> str:
    return "blank" if v.kind is ValueKind.BLANK else "n/a" if v.number is None else str(v.number)


def _classes(cell: Cell) -> str:
    kind = {ValueKind.BLANK: "blank", ValueKind.NOT_APPLICABLE: "na", ValueKind.UNREADABLE: "bad"}
    out = ["n", kind.get(cell.value.kind, "")]
    if not cell.certain:
        out.append("doubt")
    return " ".join(c for c in out if c)


def cell_td(cell: Cell | None) -> str:
    """One value cell; ``None`` (the table has no such cell) is drawn as an empty grey cell."""
    if cell is None:
        return '<td class="n" style="background:#ddd" title="not read"></td>'
    shown = _e(_show(cell))
    if not cell.certain:
        shown = (shown or "<small>blank</small>") + "?"
    return f'<td class="{_classes(cell)}" title="{_e(_tooltip(cell))}">{shown}</td>'


def _header(labels: Iterable[str], first: str = "") -> str:
    return "<tr><th>" + _e(first) + "</th>" + "".join(f"<th>{_e(x)}</th>" for x in labels) + "</tr>"


def _row_tr(label: str, cells: Iterable[Cell | None], cls: str = "l") -> str:
    return f'<tr><td class="{cls}">{_e(label)}</td>' + "".join(cell_td(c) for c in cells) + "</tr>"


def _cells(table: Table) -> dict[str, Cell]:
    return {c.key: c for c in table.cells}


def _grid_rows(spec: TableSpec, cells: dict[str, Cell]) -> list[str]:
    out, seen = [], set()
    width = len(spec.columns) + 1
    for r in spec.rows:
        cat = next((c for c in spec.categories if c.key == r.category), None)
        if cat is not None and cat.key not in seen:
            seen.add(cat.key)
            out.append(f'<tr><td class="cat" colspan="{width}">{_e(cat.label)}</td></tr>')
        out.append(_row_tr(r.label, (cells.get(spec.key(r.key, c.key)) for c in spec.columns)))
    return out


def _grid(spec: TableSpec, table: Table) -> str:
    head = _header((c.label for c in spec.columns), "")
    return head + "".join(_grid_rows(spec, _cells(table)))


def _block(spec: TableSpec, block: Block, cells: dict[str, Cell]) -> str:
    cap = f'<tr><td class="cat" colspan="{len(block.columns) + 1}">{_e(block.caption)}</td></tr>'
    head = _header((c.label for c in block.columns), "信息内容")
    rows = (_row_tr(r.label, (cells.get(spec.key(r.key, c.key)) for c in block.columns)) for r in block.rows)
    return cap + head + "".join(rows)


def _blocks(spec: TableSpec, table: Table) -> str:
    cells = _cells(table)
    return "".join(_block(spec, b, cells) for b in spec.blocks)


def _line(spec: TableSpec, table: Table) -> str:
    cells = _cells(table)
    outcomes: tuple[Column, ...] = spec.columns
    n = len(outcomes)
    review, *suits = spec.rows
    top = f'<tr><th colspan="{n}">行政复议</th><th colspan="{n * len(suits)}">行政诉讼</th></tr>'
    mid = ("<tr>" + "".join(f'<th rowspan="2">{_e(o.label)}</th>' for o in outcomes)
           + "".join(f'<th colspan="{n}">{_e(_suit_label(s))}</th>' for s in suits) + "</tr>")
    low = "<tr>" + "".join(f"<th>{_e(o.label)}</th>" for _s in suits for o in outcomes) + "</tr>"
    values = "".join(cell_td(cells.get(spec.key(r.key, o.key))) for r in (review, *suits) for o in outcomes)
    return top + mid + low + "<tr>" + values + "</tr>"


def _suit_label(row: RowSpec) -> str:
    return row.label.split("·")[-1]


def _sheet(table: Table) -> str:
    cumulative = any(c.key.startswith("sheet_cumulative.") for c in table.cells)
    head = _header(("单位", "统计数", *(("历年累计",) if cumulative else ())), "统计指标")
    rows = []
    for r in table.rows:
        cur = next((c for c in r.cells if c.key.startswith("sheet.")), None)
        cum = next((c for c in r.cells if c.key.startswith("sheet_cumulative.")), None)
        unit = f'<td class="l">{_e(r.unit or "")}</td>'
        values = "".join(cell_td(c) for c in ((cur, cum) if cumulative else (cur,)))
        label = r.label if r.key is not None else f"{r.label} (not mapped)"
        rows.append(f'<tr><td class="l">{_e(label)}</td>{unit}{values}</tr>')
    return head + "".join(rows)


def _as_found(table: Table) -> str:
    """A table no template declares: each row with its label and its cells, in text order."""
    return "".join(_row_tr(r.label, r.cells) for r in table.rows)


def _unknown_rows(table: Table) -> str:
    rows = [r for r in table.rows if r.key is None and r.values]
    if not rows or table.id.startswith("sheet"):
        return ""
    items = "".join(f"<li>{_e(r.label)}: {_e(' | '.join(str(v.as_flat()) for v in r.values))}</li>" for r in rows)
    return f"<p>rows the template does not have:</p><ul>{items}</ul>"


def _body(table: Table) -> str:
    template = TEMPLATES.get(table.template)
    spec = next((t for t in template.tables if t.id == table.id), None) if template is not None else None
    if spec is None:
        sheet = all(c.key.startswith(("sheet.", "sheet_cumulative.")) for c in table.cells)
        return _sheet(table) if sheet else _as_found(table)
    draw = {"grid": _grid, "blocks": _blocks, "line": _line}[spec.layout]
    return draw(spec, table)


def _table(table: Table) -> str:
    caption = f"<caption>{_e(table.title)} <small>({_e(table.id)}, {_e(table.template)})</small></caption>"
    return f"<table>{caption}{_body(table)}</table>{_unknown_rows(table)}"


def table_html(table: Table) -> str:
    """A table drawn as its published grid (see the module docstring)."""
    return f'{CSS}<div class="zr">{_LEGEND}{_table(table)}</div>'


def _check_li(check: Check) -> str:
    rel = {"<=": "≤", ">=": "≥"}.get(check.relation, check.relation)
    sides = f"{check.left} {rel} {check.right}"
    assumed = " (blank counted as 0)" if check.blank_as_zero else ""
    return (f'<li class="fail"><b>{_e(check.id)}</b> {_e(check.description)}: <b>{_e(sides)}</b>{assumed}'
            f"<br><small>cells: {_e(', '.join(check.cells))}</small></li>")


def _checks(report: Report) -> str:
    failed = [c for c in report.checks if c.status is CheckStatus.FAIL]
    counts = {s: sum(1 for c in report.checks if c.status is s) for s in CheckStatus}
    line = ", ".join(f"{n} {s.value}" for s, n in counts.items())
    items = "".join(_check_li(c) for c in failed)
    return f"<p><b>checks</b>: {_e(line)}</p>" + (f"<ul>{items}</ul>" if items else "")


def _diagnostics(report: Report) -> str:
    if not report.diagnostics:
        return "<p><b>diagnostics</b>: none</p>"
    items = "".join(f"<li>{_e(d.severity.value)} <code>{_e(d.code)}</code> {_e(d.path or '')}: {_e(d.message)}</li>"
                    for d in report.diagnostics)
    return f"<details><summary><b>diagnostics</b>: {len(report.diagnostics)}</summary><ul>{items}</ul></details>"


def _meta(report: Report) -> str:
    m = report.meta
    title = _e(m.title or "(no title)")
    return (f"<p><b>{title}</b><br>format <b>{_e(report.format.value)}</b> · year <b>{_e(m.year)}</b> · "
            f"agency <b>{_e(m.agency)}</b> · input {_e(m.input.value)}</p>")


def report_html(report: Report) -> str:
    """A report: its metadata, each table as its published grid, failed checks and diagnostics."""
    tables = "".join(_table(t) for t in report.tables) or "<p>no tables were read</p>"
    body = _meta(report) + _LEGEND + tables + _checks(report) + _diagnostics(report)
    return f'{CSS}<div class="zr">{body}</div>'
