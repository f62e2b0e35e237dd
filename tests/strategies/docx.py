"""Word files written by the tests themselves: the XML of a ``.docx`` body, zipped.

Enough of WordprocessingML for the reader: paragraphs of runs, tables whose merged cells are
written as Word writes them (``w:gridSpan`` for columns, ``w:vMerge`` restart/continue cells for
rows), nested tables. :func:`report_docx` writes a generated post-2019 report as Word would hold
it: its title, section headings and prose as paragraphs, its tables as tables.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

from zhgov_report.templates._post2019 import SECTION_HEADINGS

from .grid import HCell, HTable, expand
from .render import Style, _heading, _narrative, tables_of
from .reports import GenReport

__all__ = ["docx_bytes", "grid_table", "paragraph", "report_docx", "table"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx_bytes(body: str, *, document: str | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    """A .docx holding ``body`` (the XML inside ``w:body``), or exactly ``document`` as its XML."""
    xml = document if document is not None else (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
        f"{body}<w:sectPr/></w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("word/document.xml", xml)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def paragraph(text: str, *, runs: int = 1) -> str:
    """A paragraph, its text cut into ``runs`` runs with formatting properties around them."""
    step = max(1, -(-len(text) // runs))
    parts = [text[i:i + step] for i in range(0, len(text), step)] or [""]
    inner = "".join(f'<w:r><w:rPr><w:sz w:val="21"/></w:rPr><w:t xml:space="preserve">{escape(p)}</w:t></w:r>'
                    for p in parts)
    return f'<w:p><w:pPr><w:jc w:val="left"/><w:rPr></w:rPr></w:pPr>{inner}</w:p>'


def cell(text: str, *, span: int = 1, vmerge: str | None = None, inner: str = "") -> str:
    """A ``w:tc``: ``vmerge`` is ``"restart"``, ``"continue"`` or ``None``."""
    props = '<w:tcW w:w="1000" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{props}<w:tcBorders/></w:tcPr>{paragraph(text)}{inner}</w:tc>"


def table(rows: Sequence[Sequence[str]]) -> str:
    """A table of plain cells."""
    body = "".join("<w:tr>" + "".join(cell(t) for t in row) + "</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr/><w:tblGrid/>{body}</w:tbl>"


def grid_table(rows: Sequence[Sequence[HCell]]) -> str:
    """A table of :class:`HCell` rows, merged cells written as Word writes them."""
    grid = expand(rows)
    out = []
    for r, line in enumerate(grid):
        tcs = []
        for c, hc in enumerate(line):
            if hc is None:
                tcs.append(cell(""))
            elif c == 0 or line[c - 1] is not hc:
                above = grid[r - 1][c] if r and c < len(grid[r - 1]) else None
                if above is hc:
                    tcs.append(cell("", span=hc.colspan, vmerge="continue"))
                else:
                    tcs.append(cell(hc.text, span=hc.colspan, vmerge="restart" if hc.rowspan > 1 else None))
        out.append("<w:tr>" + "".join(tcs) + "</w:tr>")
    return f"<w:tbl><w:tblPr/><w:tblGrid/>{''.join(out)}</w:tbl>"


def report_docx(report: GenReport, style: Style | None = None) -> bytes:
    """A generated post-2019 report as a Word file."""
    tables: list[HTable] = tables_of(report, style or Style())
    by_section = {t.spec.section: t for t in tables}
    body = [paragraph(f"{report.agency}{report.year}年政府信息公开工作年度报告", runs=3)]
    for key, _ordinal, _words in SECTION_HEADINGS:
        tbl = by_section.get(key)
        body.append(paragraph(_heading(key, tbl.spec.title if tbl else None, 0)))
        body.extend(paragraph(p, runs=2) for p in _narrative(report, key) if p)
        if tbl is not None:
            body.append(grid_table(tbl.rows))
    return docx_bytes("".join(body))
