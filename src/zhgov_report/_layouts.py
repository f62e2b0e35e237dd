"""The table readers of the layouts in the registry (:func:`zhgov_report.templates.get`).

:func:`zhgov_report.parse` reads the tables of every format the same way: it takes the format's
template from the registry and hands it to :func:`read_tables`, which picks the template's reader
by the layout its tables declare (``sheet``: the pre-2019 statistics sheet; any other: the
post-2019 tables) and returns the tables, their checks and the diagnostics of both.

Every reader reads the tables the input's grids hold first (an HTML page's, a Word or PDF
file's, a text's aligned columns: :class:`~zhgov_report._document.Grid`), at their grid
positions, and the flattened text only for the tables no grid gave, so that no table is read twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import attrs

from ._document import Grid
from ._grid import read_grid_sheet, read_grid_tables
from ._intake import Source
from ._recover import Recovery
from ._sections import Heading
from ._sheet import read_sheet
from ._tables import read_post2019
from ._tokenize import LineIndex
from .checks import evaluate
from .models import Check, Diagnostic, Number, Table
from .templates import Template

__all__ = ["TablesRead", "read_tables"]


@attrs.frozen
class TablesRead:
    """What a layout reader found: the tables, the checks evaluated on them, and diagnostics."""

    tables: tuple[Table, ...]
    checks: tuple[Check, ...]
    diagnostics: tuple[Diagnostic, ...]


@attrs.frozen
class _Input:
    """What a layout reader reads: the text with its lines and headings, and the input's grids."""

    src: Source
    lines: LineIndex
    headings: Sequence[Heading]
    grids: Sequence[Grid]


_Reader = Callable[[_Input, Template, Mapping[str, Number]], TablesRead]


@attrs.frozen
class _Part:
    """One reader's tables with their recoveries and diagnostics."""

    tables: dict[str, Table]
    recoveries: dict[str, Recovery]
    diagnostics: tuple[Diagnostic, ...]

    def of(self, table_id: str) -> _Part:
        """The part of this reading about one table (its diagnostics by their path)."""
        return _Part({table_id: self.tables[table_id]},
                     {table_id: self.recoveries[table_id]} if table_id in self.recoveries else {},
                     tuple(d for d in self.diagnostics if _about(d, table_id)))

    def without(self, ids: frozenset[str]) -> _Part:
        return _Part({k: t for k, t in self.tables.items() if k not in ids},
                     {k: r for k, r in self.recoveries.items() if k not in ids},
                     tuple(d for d in self.diagnostics if not any(_about(d, i) for i in ids)))


def _about(d: Diagnostic, table_id: str) -> bool:
    return d.path is not None and (d.path == table_id or d.path.startswith(table_id + "."))


def _certain(t: Table) -> int:
    return sum(1 for c in t.cells if c.certain)


def _grid_part(inp: _Input, template: Template, hints: Mapping[str, Number], inferred: bool) -> _Part:
    grids = [g for g in inp.grids if g.inferred is inferred]
    if not grids:
        return _Part({}, {}, ())
    read = read_grid_tables(inp.src, grids, template, hints)
    return _Part({t.id: t for t in read.tables}, dict(read.recoveries), tuple(read.diagnostics))


def _read_post2019(inp: _Input, template: Template, hints: Mapping[str, Number]) -> TablesRead:
    """Drawn grids' tables at their positions; the text for the others. A table read from a grid
    inferred from the text's alignment is kept only where it proves at least as many cells as the
    text reader does (pdftotext places each page anew, and proof by position holds on one page)."""
    drawn = _grid_part(inp, template, hints, inferred=False)
    aligned = _grid_part(inp, template, hints, inferred=True).without(frozenset(drawn.tables))
    rest = attrs.evolve(template, tables=tuple(t for t in template.tables if t.id not in drawn.tables))
    tables, diags, recoveries = read_post2019(inp.src, inp.lines, inp.headings, rest, hints=hints)
    text = _Part({t.id: t for t in tables}, dict(recoveries), tuple(diags))
    parts = [drawn, text.without(frozenset(aligned.tables))]
    for tid, t in aligned.tables.items():
        mine = text.tables.get(tid)
        parts.append(aligned.of(tid) if mine is None or _certain(t) >= _certain(mine) else text.of(tid))
    chosen = [t for p in parts for t in p.tables.values()]
    chosen.sort(key=lambda t: _order(template, t.id))
    used = frozenset(i for p in parts for r in p.recoveries.values() for i in r.used)
    checks, cdiags = evaluate(template.tables, chosen, used)
    return TablesRead(tuple(chosen), tuple(checks), (*(d for p in parts for d in p.diagnostics), *cdiags))


def _order(template: Template, table_id: str) -> int:
    return next((i for i, t in enumerate(template.tables) if t.id == table_id), len(template.tables))


def _read_sheet(inp: _Input, template: Template, hints: Mapping[str, Number]) -> TablesRead:
    """The statistics sheet of a drawn grid (HTML, Word, PDF), else of the text. A sheet in text
    aligned by spaces is read by the text reader, which knows its wrapped labels and units."""
    del template  # the sheet reader reads the one statistics sheet it declares
    drawn = [g for g in inp.grids if not g.inferred]
    sheet = read_grid_sheet(inp.src, drawn, hints) or read_sheet(inp.src, inp.lines.all(), inp.headings, hints)
    tables, checks, diags = sheet
    return TablesRead(tuple(tables), tuple(checks), tuple(diags))


#: The reader of each table layout that has its own (:attr:`TableSpec.layout`); every other layout
#: is read by the post-2019 table reader.
_READERS: dict[str, _Reader] = {"sheet": _read_sheet}


def read_tables(
    src: Source, lines: LineIndex, headings: Sequence[Heading], template: Template,
    hints: Mapping[str, Number] | None = None, grids: Sequence[Grid] = (),
) -> TablesRead:
    """The tables of ``template`` in the grids and the text, read by the reader of its layout."""
    reader = next((_READERS[t.layout] for t in template.tables if t.layout in _READERS), _read_post2019)
    return reader(_Input(src, lines, headings, grids), template, hints or {})
