"""Input by its bytes: a document (Word, PDF) or a binary that is not text, told from its first bytes.

:func:`sniff` returns the :class:`~zhgov_report._document.Extracted` of a document, or of a binary
this library does not read (a legacy ``.doc``, an image, a zip that is not a Word file: empty text
and a diagnostic saying what it is, never a decoding of the binary as text), or ``None`` for bytes
that are text (plain or HTML) for the decoder.
"""

from __future__ import annotations

from . import diagnostics as dg
from ._document import Extracted
from ._docx import is_docx, read_docx
from .models import InputKind

__all__ = ["OLE2_MAGIC", "PDF_MAGIC", "is_binary", "is_pdf", "read_binary", "sniff"]

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_PDF_WINDOW = 1024  # a PDF's header may follow some junk; readers look this far


def is_binary(data: bytes) -> bool:
    """The bytes are a document or a binary this library names (see :func:`read_binary`)."""
    return is_pdf(data) or data.startswith((*_ZIP_MAGICS, OLE2_MAGIC, *_IMAGE_MAGICS))


def is_pdf(data: bytes) -> bool:
    """``%PDF-`` first, or within the first kilobyte (readers allow junk before it) of bytes that
    end as a PDF does."""
    return data.startswith(PDF_MAGIC) or (PDF_MAGIC in data[:_PDF_WINDOW] and b"%%EOF" in data[-2048:])


def read_binary(data: bytes) -> Extracted:
    """A document's extraction, or an empty text and a diagnostic naming a binary not read."""
    if is_pdf(data):
        from ._pdf import read_pdf

        return read_pdf(data)
    if data.startswith(_ZIP_MAGICS):
        if is_docx(data):
            return read_docx(data)
        return _binary(InputKind.BINARY, "BINARY_UNKNOWN",
                       "a zip archive that is not a Word file (no word/document.xml)")
    if data.startswith(OLE2_MAGIC):
        return _binary(InputKind.DOC, "DOC_LEGACY", "a legacy Word .doc (OLE2) file: not read; save it as .docx or PDF")
    return _binary(InputKind.BINARY, "BINARY_UNKNOWN",
                   "an image file: its text would need OCR, which this library does not do")


def sniff(data: bytes) -> Extracted | None:
    """The extraction of a document or binary, or ``None`` when the bytes are text for the decoder."""
    return read_binary(data) if is_binary(data) else None


def _binary(kind: InputKind, code: str, message: str) -> Extracted:
    return Extracted(text="", kind=kind, diagnostics=(dg.make(code, message),))
