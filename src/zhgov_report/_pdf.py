"""A PDF file to :class:`~zhgov_report._document.Extracted` (behind the optional extra ``pdf``)."""

from __future__ import annotations

from ._document import Extracted
from .models import InputKind

__all__ = ["read_pdf"]


def read_pdf(data: bytes) -> Extracted:
    return Extracted(text="", kind=InputKind.PDF)
