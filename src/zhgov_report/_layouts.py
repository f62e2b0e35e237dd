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


def _read_post2019(inp: _Input, template: Template, hints: Mapping[str, Number]) -> TablesRead:
    gridded = read_grid_tables(inp.src, inp.grids, template, hints)
    rest = attrs.evolve(template, tables=tuple(t for t in template.tables if t.id not in gridded.found))
    tables, diags, recoveries = read_post2019(inp.src, inp.lines, inp.headings, rest, hints=hints)
    tables = sorted([*gridded.tables, *tables], key=lambda t: _order(template, t.id))
    recoveries = {**recoveries, **gridded.recoveries}
    used = frozenset(i for r in recoveries.values() for i in r.used)
    checks, cdiags = evaluate(template.tables, tables, used)
    return TablesRead(tuple(tables), tuple(checks), (*gridded.diagnostics, *diags, *cdiags))


def _order(template: Template, table_id: str) -> int:
    return next((i for i, t in enumerate(template.tables) if t.id == table_id), len(template.tables))


def _read_sheet(inp: _Input, template: Template, hints: Mapping[str, Number]) -> TablesRead:
    del template  # the sheet reader reads the one statistics sheet it declares
    sheet = read_grid_sheet(inp.src, inp.grids, hints) or read_sheet(inp.src, inp.lines.all(), inp.headings, hints)
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
