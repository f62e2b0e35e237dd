"""A Word 2007+ file (``.docx``) to :class:`~zhgov_report._document.Extracted`: standard library only.

The body is read in document order: each paragraph is one line of the text; each table is one
:class:`~zhgov_report._document.Grid`, its rows rendered in the text as lines of cells between
``|`` (``label | 1 | 0 |``), so that every cell has its own range of the text and the text stages
(detection, sections, metadata, figures) read the tables as they read a pasted page. Merged cells
are read from ``w:gridSpan`` (columns) and ``w:vMerge`` (rows: a continuation cell extends the
cell above it); an empty cell is a cell with empty text; a table nested in a cell becomes a grid
of its own, rendered after the table that holds it.

The file is untrusted: the zip's directory is checked before anything is inflated (member count,
declared sizes, compression ratio), the member is read through a bounded reader whatever its
header says, and an XML document type declaration (the carrier of entity bombs) is refused.
Each refusal is a diagnostic and an empty text, never an exception.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import NamedTuple
from xml.etree import ElementTree as ET

import attrs

from . import diagnostics as dg
from ._document import Extracted
from ._gridtext import TextBuilder, draft
from .models import Diagnostic, InputKind

__all__ = ["DOCUMENT_XML", "MAX_MEMBER", "MAX_RATIO", "is_docx", "read_docx"]

DOCUMENT_XML = "word/document.xml"
MAX_MEMBERS = 5000  # a Word file holds a few dozen
MAX_MEMBER = 64 << 20  # bytes of document.xml once inflated; a 100-page report is ~5 MB
MAX_RATIO = 400  # inflated / compressed; Word's XML compresses ~10-30 times
_ZIP_MAGIC = b"PK\x03\x04"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_T, _TAB, _BR, _CR = _W + "t", _W + "tab", _W + "br", _W + "cr"
_SDT, _SDT_CONTENT, _VAL = _W + "sdt", _W + "sdtContent", _W + "val"
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


#: What reading a damaged or hostile zip raises (an encrypted member: RuntimeError; bad deflate data: zlib.error).
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError,
               RuntimeError, zlib.error)


def is_docx(data: bytes) -> bool:
    """A zip whose directory names ``word/document.xml`` (the directory is read, nothing inflated)."""
    if not data.startswith(_ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return any(info.filename == DOCUMENT_XML for info in zf.infolist()[:MAX_MEMBERS])
    except _ZIP_ERRORS:
        return False


def read_docx(data: bytes) -> Extracted:
    """The text and table grids of a ``.docx`` file's bytes (see the module's docstring)."""
    xml = _member(data)
    if isinstance(xml, Diagnostic):
        return _refused(xml)
    root = _xml(xml)
    if isinstance(root, Diagnostic):
        return _refused(root)
    body = root.find(_W + "body")
    reader = _Reader()
    if body is not None:
        reader.blocks(body)
    return reader.out.extracted()


def _refused(diag: Diagnostic) -> Extracted:
    return Extracted(text="", kind=InputKind.DOCX, diagnostics=(diag,))


def _member(data: bytes) -> bytes | Diagnostic:
    """``word/document.xml`` inflated, or why it is not read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = _document_info(zf)
            if isinstance(info, Diagnostic):
                return info
            with zf.open(info) as fh:
                xml = fh.read(MAX_MEMBER + 1)
    except _ZIP_ERRORS as exc:
        return dg.make("DOCX_UNREADABLE", f"the Word file's zip cannot be read: {type(exc).__name__}: {exc}")
    if len(xml) > MAX_MEMBER:
        return dg.make("DOCX_TOO_LARGE", f"{DOCUMENT_XML} inflates past {MAX_MEMBER} bytes (its header understated it)")
    return xml


def _document_info(zf: zipfile.ZipFile) -> zipfile.ZipInfo | Diagnostic:
    """The directory entry of ``word/document.xml`` if its declared sizes are within bounds."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        return dg.make("DOCX_TOO_LARGE", f"the Word file's zip holds {len(infos)} members (at most {MAX_MEMBERS} read)")
    info = next((i for i in infos if i.filename == DOCUMENT_XML), None)
    if info is None:
        return dg.make("DOCX_UNREADABLE", f"the zip holds no {DOCUMENT_XML}")
    if info.file_size > MAX_MEMBER or info.file_size > MAX_RATIO * max(info.compress_size, 1) + 4096:
        return dg.make("DOCX_TOO_LARGE", f"{DOCUMENT_XML} declares {info.file_size} bytes from "
                       f"{info.compress_size} compressed (a zip bomb?): not inflated")
    return info


def _xml(xml: bytes) -> ET.Element | Diagnostic:
    """The parsed document, refusing a document type declaration (entity expansion bombs).

    The formatting properties, three quarters of a Word file's XML and none of its text, are cut
    out before parsing (:func:`strip_properties`); should that leave the XML broken (a file that
    nests them unusually), the whole XML is parsed instead."""
    if _DTD.search(xml) is not None:
        return dg.make("DOCX_UNREADABLE", f"{DOCUMENT_XML} declares a document type or entities: refused")
    try:
        return ET.fromstring(strip_properties(xml))
    except ET.ParseError:
        pass
    try:
        return ET.fromstring(xml)
    except ET.ParseError as exc:
        return dg.make("DOCX_UNREADABLE", f"{DOCUMENT_XML} is not well-formed XML: {exc}")


_PROPS = b"rPr|pPr|tcBorders|tblPr|tblBorders|tcW|spacing|sectPr|shd|lang|rFonts"
# A property element whose content holds no element of its own name (``[^<>]*`` and the content
# stop at the next tag of that name): each attempt scans to the next such tag at most, so the
# substitution is linear in the XML's length, and a nested one is cut from the inside out.
_PROPERTY = re.compile(rb"<w:(" + _PROPS + rb")\b[^<>]*?(?:/>|>(?:[^<]|<(?!/?w:\1\b))*</w:\1>)")


def strip_properties(xml: bytes) -> bytes:
    """``xml`` without its formatting property elements (``w:rPr``, ``w:pPr``, cell borders …)."""
    return _PROPERTY.sub(b"", xml)


class _Slot(NamedTuple):
    """A cell's place in a table as the XML gives it, before row merges are resolved."""

    row: int
    col: int
    colspan: int
    merge: str | None  # None, "restart" or "continue" (w:vMerge)
    text: str
    nested: tuple[ET.Element, ...]


@attrs.define
class _Open:
    """A grid cell being built: continuation rows below it extend its ``rowspan``."""

    slot: _Slot
    rowspan: int = 1


@attrs.define
class _Reader:
    """Walks the body in order into a :class:`TextBuilder`."""

    out: TextBuilder = attrs.Factory(lambda: TextBuilder(InputKind.DOCX))

    def blocks(self, parent: ET.Element) -> None:
        for child in _block_children(parent):
            if child.tag == _P:
                self.out.emit(paragraph_text(child))
            else:
                self.table(child)

    def table(self, tbl: ET.Element) -> None:
        slots = list(_slots(tbl))
        self.out.add_grid(
            draft(o.slot.text, o.slot.row, o.slot.col, o.rowspan, o.slot.colspan) for o in _merge_rows(slots)
        )
        for slot in slots:
            for inner in slot.nested:
                self.table(inner)


def _block_children(parent: ET.Element) -> Iterator[ET.Element]:
    """Paragraphs and tables in order, looking through content controls (``w:sdt``)."""
    for child in parent:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _block_children(content)


def paragraph_text(p: ET.Element) -> str:
    """A paragraph's text: its ``w:t`` runs, tabs as tabs, line breaks as spaces (one line)."""
    out: list[str] = []
    for el in p.iter():
        if el.tag == _T:
            out.append(el.text or "")
        elif el.tag in (_TAB, _BR, _CR):
            out.append(" " if el.tag != _TAB else "\t")
    return "".join(out)


def _cell_text(tc: ET.Element) -> str:
    """A cell's paragraphs joined, white space folded (nested tables are read apart)."""
    paras = [paragraph_text(p) for p in _block_children(tc) if p.tag == _P]
    return _SPACES.sub(" ", " ".join(paras)).strip()


def _slots(tbl: ET.Element) -> Iterator[_Slot]:
    """Every ``w:tc`` of the table with its row, grid column and span."""
    for r, tr in enumerate(_children(tbl, _TR)):
        col = _int_prop(tr.find(_W + "trPr"), "gridBefore", 0)
        for tc in _children(tr, _TC):
            pr = tc.find(_W + "tcPr")
            span = max(1, _int_prop(pr, "gridSpan", 1))
            nested = tuple(c for c in _block_children(tc) if c.tag == _TBL)
            yield _Slot(r, col, span, _vmerge(pr), _cell_text(tc), nested)
            col += span


def _children(parent: ET.Element, tag: str) -> Iterator[ET.Element]:
    """``parent``'s children with ``tag``, looking inside content controls (``w:sdt``) as Word nests them."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)


def _int_prop(pr: ET.Element | None, name: str, default: int) -> int:
    el = pr.find(_W + name) if pr is not None else None
    raw = el.get(_VAL) if el is not None else None
    return int(raw) if raw is not None and raw.isascii() and raw.isdigit() and len(raw) < 4 else default


def _vmerge(pr: ET.Element | None) -> str | None:
    el = pr.find(_W + "vMerge") if pr is not None else None
    if el is None:
        return None
    return "restart" if el.get(_VAL) == "restart" else "continue"


def _merge_rows(slots: list[_Slot]) -> list[_Open]:
    """Resolve ``w:vMerge``: a continuation slot extends the open cell above it at its column;
    one with nothing above to extend stands as a cell of its own."""
    opened: list[_Open] = []
    above: dict[int, _Open] = {}  # column -> the cell that last started there
    for slot in slots:
        top = above.get(slot.col) if slot.merge == "continue" else None
        if top is not None and top.slot.row + top.rowspan == slot.row and top.slot.colspan == slot.colspan:
            top.rowspan += 1
            continue
        cell = _Open(slot)
        opened.append(cell)
        above[slot.col] = cell
    return opened
