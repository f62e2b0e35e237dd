"""The pipeline: text or bytes in, a :class:`~zhgov_report.models.Report` out. No I/O."""

from __future__ import annotations

import attrs

from . import diagnostics as dg
from ._extract import extract, source_of, to_caller
from ._grid import read_grid_sheet, read_grid_tables
from ._prose import extract_figures, extract_meta, prose_checks
from ._sections import MAX_HEADINGS, missing_sections, scan_headings, sections_of
from ._tables import read_post2019
from ._tokenize import LineIndex
from .checks import evaluate
from .detect import detect_source
from .models import Check, Diagnostic, Format, Report, Table
from .templates import get
from .templates._base import Template

__all__ = ["parse"]


def parse(data: str | bytes) -> Report:
    """Parse one report.

    ``data`` is the report text (``str``), or its bytes in any encoding a Chinese government site
    uses (UTF-8 with or without BOM, GB18030/GBK, UTF-16); the encoding used is recorded in
    ``report.meta.encoding``. Messy input never raises: whatever could not be read, or was read
    with doubt, is a :class:`~zhgov_report.models.Diagnostic` on the result.
    """
    extracted = extract(data)
    encoding = extracted.encoding
    diags: list[Diagnostic] = list(extracted.diagnostics)
    src = source_of(extracted)
    if not src.text.strip():
        diags.append(dg.make("EMPTY_INPUT", "the input holds no text"))
    lines = LineIndex(src)  # tokenized on demand: only table regions, or all lines for a sheet
    detection, det_diags = detect_source(src)
    diags.extend(det_diags)
    headings, truncated = scan_headings(src)
    if truncated:
        diags.append(dg.make("HEADINGS_TRUNCATED", f"{MAX_HEADINGS} numbered headings were found, the most that are "
                             "looked for: more may follow, and the text after the last one belongs to its section",
                             span=src.span(headings[-1].start, headings[-1].end)))
    sections = sections_of(src, headings)
    diags.extend(missing_sections(sections, detection.format))
    meta, meta_diags = extract_meta(src, detection, encoding)
    meta = attrs.evolve(meta, input=extracted.kind)
    diags.extend(meta_diags)
    # Figures from the prose first: they hint the most plausible placement of lost cells (never
    # their certainty), and are checked against the tables afterwards (A9).
    figures, fdiags = extract_figures(src, detection.format, detection.year)
    hints = {f.key: f.value.number for f in figures if f.value.number is not None}
    tables: list[Table] = []
    checks: list[Check] = []
    template = get(detection.format.value)
    if template is not None:
        # the grids' tables at their positions; the text reader only for the tables no grid gave
        gridded = read_grid_tables(src, extracted.grids, template, hints)
        rest = attrs.evolve(template, tables=tuple(t for t in template.tables if t.id not in gridded.found))
        tables, tdiags, recoveries = read_post2019(src, lines, headings, rest, hints=hints)
        tables = sorted([*gridded.tables, *tables], key=lambda t: _order(template, t.id))
        recoveries = {**recoveries, **gridded.recoveries}
        diags.extend(gridded.diagnostics + tdiags)
        used = frozenset(i for r in recoveries.values() for i in r.used)
        checks, cdiags = evaluate(template.tables, tables, used)
        diags.extend(cdiags)
    elif detection.format is Format.PRE2019:
        from ._sheet import read_sheet

        # a sheet a grid holds at its positions; the text reader only when no grid holds one
        sheet = read_grid_sheet(src, extracted.grids, hints) or read_sheet(src, lines.all(), headings, hints)
        tables, checks, sdiags = sheet
        diags.extend(sdiags)
    a9, a9diags = prose_checks(figures, tables, detection.format)
    checks = [*checks, *a9]
    diags.extend(fdiags + a9diags)
    report = Report(
        format=detection.format,
        meta=meta,
        detection=detection,
        sections=sections,
        tables=tuple(tables),
        checks=tuple(checks),
        diagnostics=tuple(diags),
        figures=figures,
    )
    return report if extracted.origin is None else to_caller(report, src)


def _order(template: Template, table_id: str) -> int:
    return next((i for i, t in enumerate(template.tables) if t.id == table_id), len(template.tables))
