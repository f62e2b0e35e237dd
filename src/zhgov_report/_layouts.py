"""The table readers of the layouts in the registry (:func:`zhgov_report.templates.get`).

:func:`zhgov_report.parse` reads the tables of every format the same way: it takes the format's
template from the registry and hands it to :func:`read_tables`, which picks the template's reader
by the layout its tables declare (``sheet``: the pre-2019 statistics sheet; any other: the
post-2019 tables) and returns the tables, their checks and the diagnostics of both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import attrs

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


_Reader = Callable[[Source, LineIndex, Sequence[Heading], Template, Mapping[str, Number]], TablesRead]


def _read_post2019(
    src: Source, lines: LineIndex, headings: Sequence[Heading], template: Template, hints: Mapping[str, Number]
) -> TablesRead:
    tables, diags, recoveries = read_post2019(src, lines, headings, template, hints=hints)
    used = frozenset(i for r in recoveries.values() for i in r.used)
    checks, cdiags = evaluate(template.tables, tables, used)
    return TablesRead(tuple(tables), tuple(checks), (*diags, *cdiags))


def _read_sheet(
    src: Source, lines: LineIndex, headings: Sequence[Heading], template: Template, hints: Mapping[str, Number]
) -> TablesRead:
    del template  # the sheet reader reads the one statistics sheet it declares
    tables, checks, diags = read_sheet(src, lines.all(), headings, hints)
    return TablesRead(tuple(tables), tuple(checks), tuple(diags))


#: The reader of each table layout that has its own (:attr:`TableSpec.layout`); every other layout
#: is read by the post-2019 table reader.
_READERS: dict[str, _Reader] = {"sheet": _read_sheet}


def read_tables(
    src: Source, lines: LineIndex, headings: Sequence[Heading], template: Template,
    hints: Mapping[str, Number] | None = None,
) -> TablesRead:
    """The tables of ``template`` in the text, read by the reader of its layout."""
    reader = next((_READERS[t.layout] for t in template.tables if t.layout in _READERS), _read_post2019)
    return reader(src, lines, headings, template, hints or {})
