"""The pipeline: text or bytes in, a :class:`~zhgov_report.models.Report` out. No I/O."""

from __future__ import annotations

import attrs

from . import diagnostics as dg
from ._document import Extracted
from ._evidence import with_boxes
from ._intake import Source, decode
from ._prose import extract_figures, extract_meta, prose_checks
from ._sections import MAX_HEADINGS, missing_sections, scan_headings, sections_of
from ._sniff import sniff
from ._tables import read_post2019
from ._tokenize import LineIndex
from .checks import evaluate
from .detect import detect_source
from .models import Check, Diagnostic, Format, Report, Table
from .templates import get

__all__ = ["parse"]


def parse(data: str | bytes) -> Report:
    """Parse one report.

    ``data`` is the report text (``str``), or its bytes in any encoding a Chinese government site
    uses (UTF-8 with or without BOM, GB18030/GBK, UTF-16); the encoding used is recorded in
    ``report.meta.encoding``. Messy input never raises: whatever could not be read, or was read
    with doubt, is a :class:`~zhgov_report.models.Diagnostic` on the result.
    """
    diags: list[Diagnostic] = []
    encoding: str | None = None
    document: Extracted | None = None
    if isinstance(data, (bytes, bytearray, memoryview)):
        document = sniff(bytes(data))
        if document is not None:
            text = document.text
            diags.extend(document.diagnostics)
        else:
            text, encoding, ddiags = decode(bytes(data))
            diags.extend(ddiags)
    elif isinstance(data, str):
        text = data
    else:
        raise TypeError(f"parse() takes str or bytes, not {type(data).__name__}")
    src = Source(text)
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
    if document is not None:
        meta = attrs.evolve(meta, input=document.kind)
    diags.extend(meta_diags)
    # Figures from the prose first: they hint the most plausible placement of lost cells (never
    # their certainty), and are checked against the tables afterwards (A9).
    figures, fdiags = extract_figures(src, detection.format, detection.year)
    hints = {f.key: f.value.number for f in figures if f.value.number is not None}
    tables: list[Table] = []
    checks: list[Check] = []
    template = get(detection.format.value)
    if template is not None:
        tables, tdiags, recoveries = read_post2019(src, lines, headings, template, hints=hints)
        diags.extend(tdiags)
        used = frozenset(i for r in recoveries.values() for i in r.used)
        checks, cdiags = evaluate(template.tables, tables, used)
        diags.extend(cdiags)
    elif detection.format is Format.PRE2019:
        from ._sheet import read_sheet

        tables, checks, sdiags = read_sheet(src, lines.all(), headings, hints)
        diags.extend(sdiags)
    if document is not None and document.grids:
        tables = with_boxes(tables, document.grids)
    a9, a9diags = prose_checks(figures, tables, detection.format)
    checks = [*checks, *a9]
    diags.extend(fdiags + a9diags)
    return Report(
        format=detection.format,
        meta=meta,
        detection=detection,
        sections=sections,
        tables=tuple(tables),
        checks=tuple(checks),
        diagnostics=tuple(diags),
        figures=figures,
        text=document.text if document is not None else None,
    )
