"""Reading template tables from grids: tables whose cells know their row and column.

A :class:`~zhgov_report._document.Grid` (an HTML ``<table>``, a Word table, a PDF table) is one more
front half of the table readers: it yields row observations whose values know their columns, and
placement (:func:`zhgov_report._recover.recover`), assembly and checks are the text readers' own.

Post-2019 templates (:func:`read_grid_tables`), for each template table:

1. **Cells.** Every cell is classified once: a value (:func:`~zhgov_report._numbers.parse_value`),
   empty, a row label, a category or block caption, a column header word (自然人, 商业企业, …, 总计;
   结果维持 …; 本年新制作数量 …), or other text.
2. **Headers.** A row without values whose cells hold at least two column words is a header row:
   each grid column under a column word gets that column (a merged header cell stands in every
   column it covers, so 自然人 with ``rowspan=2`` heads its column in both header rows). The latest
   header row above a data row is its header (each block of 二、主动公开 has its own). In 四、复议诉讼
   the proceeding (行政复议, 未经复议直接起诉, 复议后起诉) of a column comes from the group header above
   it, or from the row's label when the table is transposed.
3. **Rows.** A row whose label cells name a template row is a data row: its values are the cells
   under the header's columns, each certain by its position. Without a usable header, the cells
   after the label are the template's columns when there are exactly as many (or the surplus is
   empty on one side: counted from the right); otherwise the row's values lost their positions and
   are placed by the arithmetic like text.
4. **Values.** An empty cell is a certain blank, ``—``/``/``/``无`` not applicable, ``3项`` a number
   with its unit; a cell holding text where a value belongs is ``CELL_UNREADABLE`` and its slot is
   left out (unknown, never blank).

A table split over several grids (a page break in Word, two ``<table>`` elements) is read as one:
its rows are collected from every grid, in order. Pre-2019 sheets: :func:`read_grid_sheet`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

import attrs

from . import diagnostics as dg
from ._document import Grid, GridCell
from ._intake import Source, normalise
from ._numbers import parse_value
from ._recover import CellResult, Limits, Observation, Piece, Recovery, Slot, recover
from ._sheet import RawRow, Sheet, positional_row, read_sheets, sheet_of_rows, sheet_roles
from ._tables import RowRead, Scanner, TableRead, assemble_table, label_key, row_slots, table_scanner, value_columns
from .models import BLANK, Check, Diagnostic, Number, Span, Table, Value
from .templates._base import TableSpec, Template

__all__ = ["GridTables", "read_grid_sheet", "read_grid_tables"]

_LIMITS = Limits()
_MAX_LABEL = 80  #: a cell longer than this is prose or a layout cell, never a label


class _Role(NamedTuple):
    """What one cell is to a template table."""

    kind: str  #: "value", "empty", "row", "cat", "cap", "col", "text"
    row: int = -1  #: the row's index in ``spec.all_rows()`` (kind "row")
    column: str = ""  #: the column's key (kind "col")
    value: Value | None = None  #: the cell's value (kind "value", "empty")


_RoleOf = Callable[[GridCell], _Role]


class _DataRow(NamedTuple):
    """A data row of a grid for one template row: its label cell and its value cells by column."""

    row: int  #: the template row's index in ``spec.all_rows()``
    label: GridCell | None  #: ``None`` where no cell names the row (四、复议诉讼 under group headers)
    cells: tuple[tuple[str, GridCell], ...]  #: (column key, cell); empty when positions are lost
    loose: tuple[GridCell, ...]  #: the row's value cells in order, when their positions are lost
    span: Span


class GridTables(NamedTuple):
    """The template tables the grids gave: tables, diagnostics, each table's recovery, and the ids
    of the tables read (the text reader reads only the others)."""

    tables: list[Table]
    diagnostics: list[Diagnostic]
    recoveries: dict[str, Recovery]
    found: frozenset[str]


@attrs.frozen(slots=True)
class _Words:
    """A table's column words and proceeding words (四、复议诉讼), compared whole."""

    columns: dict[str, str]  #: word key -> column key
    groups: dict[str, int]  #: word key -> row index (the proceeding a column group belongs to)
    labels: frozenset[str]  #: the keys of its row labels, categories, captions and proceedings


_WORDS: dict[tuple[str, str], _Words] = {}


def _words(form: str, spec: TableSpec) -> _Words:
    got = _WORDS.get((form, spec.id))
    if got is None:
        columns: dict[str, str] = {}
        for col in value_columns(spec):
            for w in (col.label, *col.patterns):
                columns.setdefault(label_key(normalise(w)), col.key)
        groups = {label_key(normalise(w)): i for i, r in enumerate(spec.all_rows()) for w in (r.label, *r.patterns)
                  } if spec.layout == "line" else {}
        scanner = table_scanner(form, spec)
        labels = frozenset(k for k, (kind, _i) in scanner.exact.items() if kind != "head") | frozenset(groups)
        got = _WORDS[(form, spec.id)] = _Words(columns, groups, labels)
    return got


def _cell_text(src: Source, cell: GridCell) -> str:
    """The cell's normalised text with white space folded."""
    return " ".join(src.text[cell.start:cell.end].split())


class _Text(NamedTuple):
    """A cell's text as every table's reader compares it, worked out once per cell."""

    text: str  #: normalised, white space folded
    value: Value | None  #: its value, when it is one
    key: str  #: compared whole (:func:`zhgov_report._tables.label_key`), for short non-values


def _text_of(src: Source, cell: GridCell) -> _Text:
    del src  # the cell's own text: an aligned-text label is several runs of the text, not one
    text = " ".join(normalise(cell.text).split())
    value = parse_value(text) if text else BLANK
    key = label_key(text) if value is None and len(text) <= _MAX_LABEL else ""
    return _Text(text, value, key)


def _role(src: Source, cell: GridCell, info: _Text, scanner: Scanner, words: _Words) -> _Role:
    text = info.text
    if not text:
        return _Role("empty", value=BLANK)
    if info.value is not None:
        return _Role("value", value=info.value)
    if not info.key:
        return _Role("text")
    column = words.columns.get(info.key)
    if column is not None:
        return _Role("col", column=column)
    group = words.groups.get(info.key)
    if group is not None:
        return _Role("row", group)
    exact = scanner.exact.get(info.key)
    if exact is not None and exact[0] == "row":
        return _Role("row", exact[1])
    if exact is not None:
        return _Role("cat" if exact[0] == "cat" else "cap" if exact[0] == "cap" else "text")
    return _label_by_scan(src, cell, scanner, text)


def _label_by_scan(src: Source, cell: GridCell, scanner: Scanner, text: str) -> _Role:
    """A label written differently from the template (numbering, remarks): the scanner's last row
    hit in the cell, or a generic row's whole-cell pattern (总计 alone). Memoised by the cell's
    text: labels repeat from report to report."""
    del src, cell
    memo = _SCANNED.setdefault(id(scanner), {})
    got = memo.get(text)
    if got is None:
        if len(memo) >= _SCANNED_SIZE:
            memo.clear()
        got = memo[text] = _scan_label(scanner, text)
    return got


_SCANNED: dict[int, dict[str, _Role]] = {}  #: by id of the (module-lifetime) scanner, then by text
_SCANNED_SIZE = 4096


def _scan_label(scanner: Scanner, text: str) -> _Role:
    rows = [h for h in scanner.hits(text, 0, len(text), 0) if h.kind == "row"]
    if rows:
        return _Role("row", rows[-1].index)
    for i, pattern in scanner.whole_cell:
        if pattern.match(text):
            return _Role("row", i)
    return _Role("text")


class _Walked(NamedTuple):
    """A grid as every table's reader walks it: expanded once, its cells' texts worked out once."""

    grid: Grid
    rows: tuple[tuple[GridCell | None, ...], ...]
    texts: dict[int, _Text]  #: by id of the cell
    keys: frozenset[str]  #: the keys of its short non-value cells


class _Reader:
    """The data rows of one grid for one template table."""

    def __init__(self, src: Source, grid: _Walked, spec: TableSpec, scanner: Scanner, words: _Words) -> None:
        self.src, self.grid, self.spec, self.scanner, self.words = src, grid.grid, spec, scanner, words
        self.expanded = grid.rows
        self.texts = grid.texts
        self.roles: dict[int, _Role] = {}  # by id of the cell
        self.header: dict[int, str] = {}  # grid column -> column key
        self.groups: dict[int, int] = {}  # grid column -> proceeding row index (四、复议诉讼)
        self.line_done = False  # 四、复议诉讼: its data row under the group headers was read

    def role(self, cell: GridCell) -> _Role:
        got = self.roles.get(id(cell))
        if got is None:
            info = self.texts[id(cell)]
            got = self.roles[id(cell)] = _role(self.src, cell, info, self.scanner, self.words)
        return got

    def rows(self) -> list[_DataRow]:
        texts, src, scanner, words = self.texts, self.src, self.scanner, self.words
        self.roles = {id(c): _role(src, c, texts[id(c)], scanner, words) for c in self.grid.cells}
        get = self.roles.__getitem__
        out: list[_DataRow] = []
        for expanded in self.expanded:
            out.extend(self._row(expanded, [None if c is None else get(id(c)) for c in expanded]))
        return out

    def _row(self, expanded: tuple[GridCell | None, ...], roles: list[_Role | None]) -> list[_DataRow]:
        kinds = {r.kind for r in roles if r is not None}
        if "value" not in kinds and self.spec.layout == "line":
            self._set_groups(roles)
        if "value" not in kinds and sum(1 for r in roles if r is not None and r.kind == "col") >= 2:
            self._set_header(expanded, roles)
            return []
        if self.spec.layout == "line":
            return self._line_rows(expanded, roles)
        label = _label_of(expanded, roles, self._first_value_column())
        if label is None:
            return []
        return [self._data_row(expanded, label)]

    def _set_header(self, expanded: tuple[GridCell | None, ...], roles: list[_Role | None]) -> None:
        self.header = {c: r.column for c, r in enumerate(roles) if r is not None and r.kind == "col"
                       and expanded[c] is not None and expanded[c].colspan == 1}  # type: ignore[union-attr]

    def _set_groups(self, roles: list[_Role | None]) -> None:
        """四、复议诉讼: the proceeding heading each column (行政复议 over its five columns)."""
        for c, r in enumerate(roles):
            if r is not None and r.kind == "row":
                self.groups[c] = r.row

    def _first_value_column(self) -> int | None:
        return min(self.header) if self.header else None

    def _data_row(self, expanded: tuple[GridCell | None, ...], label: GridCell) -> _DataRow:
        spec_row = self.spec.all_rows()[self.role(label).row]
        wanted = [c.key for c in self.spec.columns_of(spec_row.key)]
        first = label.col + label.colspan
        by_key = {key: c for c, key in self.header.items() if c >= first}
        span = _row_span(self.src, expanded)
        if all(k in by_key for k in wanted) and len(by_key) >= len(wanted):
            cells = [(k, expanded[by_key[k]]) for k in wanted]
            if _distinct_cells(cells):
                return _DataRow(self.role(label).row, label, tuple(cells), (), span)  # type: ignore[arg-type]
        after = _distinct([c for c in expanded[first:] if c is not None])
        placed = _counted(after, len(wanted), self.role)
        if placed is not None:
            return _DataRow(self.role(label).row, label, tuple(zip(wanted, placed, strict=True)), (), span)
        return _DataRow(self.role(label).row, label, (), tuple(after), span)

    def _line_rows(self, expanded: tuple[GridCell | None, ...], roles: list[_Role | None]) -> list[_DataRow]:
        """四、复议诉讼: each proceeding's cells of a data row, by the group and column headers (or the
        row's label, in a transposed table)."""
        if not self.header:
            return self._line_fallback(expanded, roles)
        labels = [r.row for r in roles if r is not None and r.kind == "row"]
        row_group = labels[-1] if labels else None
        first = min(self.header)
        if any(r is not None and r.kind in ("col", "text") for r in roles[first:]):
            return []
        if all(r is None or r.kind == "empty" for r in roles[first:]) and row_group is None and self.line_done:
            return []  # an empty row after the table's one data row
        by_group: dict[int, list[tuple[str, GridCell]]] = {}
        for c, key in self.header.items():
            group = row_group if row_group is not None else self.groups.get(c)
            cell = expanded[c] if c < len(expanded) else None
            if group is None or cell is None:
                continue
            by_group.setdefault(group, []).append((key, cell))
        span = _row_span(self.src, expanded)
        rows = self.spec.all_rows()
        out = []
        for group, cells in sorted(by_group.items()):
            wanted = [c.key for c in self.spec.columns_of(rows[group].key)]
            got = dict(cells)
            if all(k in got for k in wanted) and len(cells) == len(wanted):
                out.append(_DataRow(group, None, tuple((k, got[k]) for k in wanted), (), span))
        self.line_done = self.line_done or bool(out)
        return out

    def _line_fallback(self, expanded: tuple[GridCell | None, ...], roles: list[_Role | None]) -> list[_DataRow]:
        """A row of exactly 15 value cells under no recognised header: the template's cells in
        row-major order."""
        cells = _distinct([c for c in expanded if c is not None])
        rows = self.spec.all_rows()
        n = len(self.spec.columns)
        if len(cells) != len(rows) * n or any(self.role(c).kind not in ("value", "empty") for c in cells):
            return []
        if all(self.role(c).kind == "empty" for c in cells):
            return []
        span = _row_span(self.src, expanded)
        keys = [c.key for c in self.spec.columns]
        return [_DataRow(i, None, tuple(zip(keys, cells[i * n:(i + 1) * n], strict=True)), (), span)
                for i in range(len(rows))]


def _distinct(cells: Sequence[GridCell]) -> list[GridCell]:
    """Each merged cell once, in order."""
    out: list[GridCell] = []
    for c in cells:
        if not out or out[-1] is not c:
            out.append(c)
    return out


def _distinct_cells(cells: Sequence[tuple[str, GridCell | None]]) -> bool:
    """Every column has its own cell (a cell merged over two value columns proves neither)."""
    seen = [id(c) for _k, c in cells if c is not None]
    return len(seen) == len(cells) and len(set(seen)) == len(seen)


def _counted(after: Sequence[GridCell], n: int, role: _RoleOf) -> list[GridCell] | None:
    """The template's ``n`` columns among the cells after a label, by count: exactly ``n`` cells, or
    ``n`` cells and a surplus that is empty on one side (counted from the right first)."""
    kinds = [role(c).kind for c in after]
    if any(k not in ("value", "empty") for k in kinds):
        return None
    if len(after) == n:
        return list(after)
    if len(after) < n:
        return None
    surplus = len(after) - n
    if all(k == "empty" for k in kinds[:surplus]):
        return list(after[surplus:])
    if all(k == "empty" for k in kinds[n:]):
        return list(after[:n])
    return None


def _label_of(expanded: tuple[GridCell | None, ...], roles: list[_Role | None], first: int | None) -> GridCell | None:
    """The row's label: its last cell naming a template row, left of its values."""
    label: GridCell | None = None
    for c, (cell, r) in enumerate(zip(expanded, roles, strict=True)):
        if first is not None and c >= first:
            break
        if r is None or cell is None:
            continue
        if r.kind == "value":
            break
        if r.kind == "row":
            label = cell
    return label


def _row_span(src: Source, expanded: tuple[GridCell | None, ...]) -> Span:
    cells = [c for c in expanded if c is not None]
    if not cells:
        return src.span(0, 0)
    return src.value_span(min(c.start for c in cells), max(c.end for c in cells))


# --- observations, placement and assembly -------------------------------------------------------


class _Observed(NamedTuple):
    observation: Observation
    read: RowRead
    diagnostics: list[Diagnostic]


def _observe(src: Source, spec: TableSpec, row: _DataRow, role: _RoleOf, hints: Mapping[str, Number] | None
             ) -> _Observed:
    """A data row as an observation: every cell a piece at its slot (an empty cell a blank one)."""
    spec_row = spec.all_rows()[row.row]
    slots = row_slots(spec, spec_row, False)
    label = spec_row.label if row.label is None else _cell_text(src, row.label)
    diags: list[Diagnostic] = []
    if not row.cells:
        loose = tuple(Piece(v, src.value_span(c.start, c.end)) for c in row.loose if (v := role(c).value) is not None
                      and role(c).kind == "value")
        obs = Observation(spec_row.key, slots, loose, _hints(slots, hints))
        return _Observed(obs, RowRead(row.row, label, loose, False, row.span), diags)
    by_key = dict(row.cells)
    kept: list[Slot] = []
    pieces: list[Piece] = []
    for slot in slots:
        cell = by_key[slot.column]
        value = role(cell).value
        if value is None:
            diags.append(dg.make("CELL_UNREADABLE", f"{slot.key}: the cell holds {_cell_text(src, cell)!r}, "
                                 "not a value; the cell is unknown", span=src.span(cell.start, cell.end),
                                 path=slot.key))
            continue
        kept.append(slot)
        pieces.append(Piece(value, src.value_span(cell.start, cell.end)))
    obs = Observation(spec_row.key, tuple(kept), tuple(pieces), _hints(tuple(kept), hints),
                      tuple(range(len(kept))))
    return _Observed(obs, RowRead(row.row, label, tuple(pieces), False, row.span), diags)


def _hints(slots: Sequence[Slot], hints: Mapping[str, Number] | None) -> tuple[Number | None, ...]:
    return tuple(hints.get(s.key) for s in slots) if hints else ()


def _by_position(observations: Sequence[Observation]) -> Recovery | None:
    """Every observation's pieces at their own slots, one each: nothing to place, every cell certain
    by its position (the identities are checks only). ``None`` when some row lost its positions."""
    cells: dict[str, CellResult] = {}
    for o in observations:
        if o.positions is None or len(o.pieces) != len(o.slots):
            return None
        for slot, piece in zip(o.slots, o.pieces, strict=True):
            cells[slot.key] = CellResult(piece.value, True, False, (), piece.span)
    return Recovery(cells, frozenset(), (), (), (), (), ())


def _read_table(src: Source, spec: TableSpec, found: list[tuple[_Reader, _DataRow]],
                hints: Mapping[str, Number] | None) -> TableRead:
    """One template table from its data rows (from one grid or several)."""
    diags: list[Diagnostic] = []
    by_index: dict[int, RowRead] = {}
    observations: list[Observation] = []
    rows = spec.all_rows()
    for reader, row in found:
        if row.row in by_index:
            diags.append(dg.make("ROW_DUPLICATE", f"row {rows[row.row].label} appears again; the first "
                                 "reading was used", span=row.span, path=f"{spec.id}.{rows[row.row].key}"))
            continue
        got = _observe(src, spec, row, reader.role, hints)
        by_index[row.row] = got.read
        observations.append(got.observation)
        diags.extend(got.diagnostics)
    rec = _by_position(observations) or recover(observations, spec.identities, _LIMITS)
    grids = [r.grid for r, _row in found]
    start, end = min(g.start for g in grids), max(g.end for g in grids)
    return assemble_table(src, spec, start, end, by_index, [], diags, rec)


def _walk(src: Source, grid: Grid) -> _Walked:
    texts = {id(c): _text_of(src, c) for c in grid.cells}
    return _Walked(grid, grid.rows(), texts, frozenset(t.key for t in texts.values() if t.key))


def _found(src: Source, walked: Sequence[_Walked], spec: TableSpec, scanner: Scanner, words: _Words
           ) -> list[tuple[_Reader, _DataRow]]:
    """The table's data rows in every grid that names one of its labels whole (in every grid when
    none does: labels written differently are found by the scanner)."""
    named = words.labels
    candidates = [w for w in walked if w.keys & named] or list(walked)
    found: list[tuple[_Reader, _DataRow]] = []
    for grid in candidates:
        reader = _Reader(src, grid, spec, scanner, words)
        found.extend((reader, row) for row in reader.rows())
    return found


def read_grid_tables(
    src: Source, grids: Sequence[Grid], template: Template, hints: Mapping[str, Number] | None = None,
) -> GridTables:
    """The template's tables that the grids hold, read at their grid positions."""
    tables: list[Table] = []
    diags: list[Diagnostic] = []
    recoveries: dict[str, Recovery] = {}
    walked = [_walk(src, g) for g in grids]
    for spec in template.tables:
        found = _found(src, walked, spec, table_scanner(template.format, spec), _words(template.format, spec))
        if not found:
            continue
        read = _read_table(src, spec, found, hints)
        tables.append(attrs.evolve(read.table, template=template.format))
        diags.extend(read.diagnostics)
        if read.recovery is not None:
            recoveries[spec.id] = read.recovery
    return GridTables(tables, diags, recoveries, frozenset(t.id for t in tables))


# --- pre-2019 statistics sheets ------------------------------------------------------------------

_SHEET_NAMES = frozenset(("统计指标", "指标名称"))
_SHEET_UNITS = frozenset(("单位", "计量单位"))
_NOTE = ("注", "说明", "备注", "填表说明")


class _SheetHeader(NamedTuple):
    """A sheet's header row in a grid: its name cell's text, its value columns' words, and the
    grid columns of the label, the unit and each value column."""

    name: str
    words: str
    label: int
    unit: int
    values: tuple[int, ...]


def _sheet_header(walked: _Walked, cells: Sequence[GridCell]) -> _SheetHeader | None:
    """A row ``统计指标 | 单位 | 统计数`` or ``指标名称 | 计量单位 | 本年 | 历年累计``, each cell one column."""
    texts = ["".join(walked.texts[id(c)].text.split()) for c in cells]
    if len(cells) < 3 or texts[0] not in _SHEET_NAMES or texts[1] not in _SHEET_UNITS:
        return None
    if any(c.colspan != 1 for c in cells[1:]):
        return None
    words = " ".join(texts[2:])
    if len(sheet_roles(texts[0], words)) != len(cells) - 2:
        return None
    return _SheetHeader(texts[0], words, cells[0].col, cells[1].col, tuple(c.col for c in cells[2:]))


def _sheet_row(src: Source, walked: _Walked, head: _SheetHeader, expanded: tuple[GridCell | None, ...]
               ) -> RawRow | None:
    """A data row of a sheet grid as the sheet reader's positional row."""
    label = expanded[head.label] if head.label < len(expanded) else None
    if label is None or not walked.texts[id(label)].text or walked.texts[id(label)].value is not None:
        return None
    cells: list[tuple[str, int, int] | None] = []
    for col in (head.unit, *head.values):
        cell = expanded[col] if col < len(expanded) else None
        if cell is None or cell is label:
            cells.append(None)  # no cell at this position: nothing the grid draws
            continue
        cells.append((walked.texts[id(cell)].text, cell.start, cell.end))  # an empty cell stands where it is drawn
    return positional_row(src.text, (label.start, label.end), cells, drawn=True)


def _grid_sheet(src: Source, walked: _Walked) -> Sheet | None:
    """The statistics sheet a grid holds under its header row, if any."""
    head: _SheetHeader | None = None
    raws: list[RawRow] = []
    for expanded in walked.rows:
        cells = _distinct([c for c in expanded if c is not None])
        if head is None:
            head = _sheet_header(walked, cells) if cells else None
            continue
        if cells and walked.texts[id(cells[0])].text.startswith(_NOTE):
            break
        raw = _sheet_row(src, walked, head, expanded)
        if raw is not None:
            raws.append(raw)
    if head is None or not raws:
        return None
    return sheet_of_rows(src, walked.grid.start, walked.grid.end, (head.name, head.words), raws)


def read_grid_sheet(
    src: Source, grids: Sequence[Grid], hints: Mapping[str, Number] | None = None,
) -> tuple[list[Table], list[Check], list[Diagnostic]] | None:
    """The pre-2019 statistics sheets the grids hold (本年 and 历年累计 columns by their headers),
    read as :func:`zhgov_report._sheet.read_sheet` reads them; ``None`` when no grid holds one."""
    sheets = [s for s in (_grid_sheet(src, _walk(src, g)) for g in grids) if s is not None]
    return read_sheets(src, sheets, hints) if sheets else None
