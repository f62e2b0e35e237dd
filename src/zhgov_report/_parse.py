"""The pipeline: text or bytes in, a :class:`~zhgov_report.models.Report` out. No I/O."""

from __future__ import annotations

import attrs

from . import diagnostics as dg
from ._evidence import with_boxes
from ._extract import extract, source_of, to_caller
from ._layouts import read_tables
from ._prose import extract_figures, extract_meta, prose_checks
from ._sections import MAX_HEADINGS, missing_sections, scan_headings, sections_of
from ._tokenize import LineIndex
from .detect import detect_source
from .models import Check, Diagnostic, InputKind, Report, Table
from .templates import get

__all__ = ["parse"]

#: Inputs with no text of their own: the report keeps the text extracted from them.
DOCUMENTS = frozenset((InputKind.DOCX, InputKind.PDF))


def parse(data: str | bytes, *, title: str | None = None) -> Report:
    """Parse one report.

    ``data`` is the report text (``str``), or its bytes in any encoding a Chinese government site
    uses (UTF-8 with or without BOM, GB18030/GBK, UTF-16); the encoding used is recorded in
    ``report.meta.encoding``. Messy input never raises: whatever could not be read, or was read
    with doubt, is a :class:`~zhgov_report.models.Diagnostic` on the result.

    ``title`` is the report's title when the caller holds it apart from the text (a crawler's title
    field): it becomes ``meta.title`` and is the first place the agency is read from.
    """
    if title is not None and not isinstance(title, str):
        raise TypeError(f"parse() takes a str title, not {type(title).__name__}")
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
    meta, meta_diags = extract_meta(src, detection, encoding, title)
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
        read = read_tables(src, lines, headings, template, hints, extracted.grids)
        tables, checks = list(read.tables), list(read.checks)
        diags.extend(read.diagnostics)
    if extracted.grids:
        tables = with_boxes(tables, extracted.grids)
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
        text=extracted.text if extracted.kind in DOCUMENTS else None,
    )
    return report if extracted.origin is None else to_caller(report, src)
