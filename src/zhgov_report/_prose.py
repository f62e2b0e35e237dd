"""Metadata from the prose: title, issuing body, report year, publication date, statistics period."""

from __future__ import annotations

import regex

from . import diagnostics as dg
from ._intake import Source
from .models import Detection, Diagnostic, Meta

__all__ = ["extract_meta"]

_TITLE = regex.compile(
    r"[^\n|。,;:]{0,60}?(?:19|20)\d{2}\s*年\s*度?\s*[^\n|。,;:]{0,20}?(?:政府|政务)信息公开[^\n|。,;:]{0,12}?"
    r"(?:年度报告|情况的?报告|工作报告|年报)"
)
_LABELLED_TITLE = regex.compile(r"^\s*(?:标题|title)\s*:\s*(?P<t>[^\n]+)$", regex.M | regex.I)


def _clean_title(t: str) -> str:
    t = t.strip().lstrip("#").strip()
    t = regex.sub(r"\s*\|.*$", "", t)
    return regex.sub(r"\s+", " ", t).strip()


def extract_meta(src: Source, detection: Detection, encoding: str | None) -> tuple[Meta, list[Diagnostic]]:
    """Title, year (from the detector) and encoding; the issuing body where the title names it."""
    text = src.text
    head = text[:20_000]
    title = None
    title_span = None
    m = _LABELLED_TITLE.search(head)
    if m is not None:
        title, title_span = _clean_title(m.group("t")), src.span(m.start("t"), m.end("t"))
    else:
        m = _TITLE.search(head)
        if m is not None:
            title, title_span = _clean_title(m.group(0)), src.span(m.start(), m.end())
    diags: list[Diagnostic] = []
    agency = None
    agency_span = None
    if title:
        am = regex.match(r"^(?:关于)?(?P<a>[^\d\s]{2,40}?)\s*(?:关于)?\s*(?:19|20)\d{2}", title)
        if am is not None and title_span is not None:
            agency = am.group("a")
            start = title_span.start + (src.text[title_span.start:title_span.end].find(agency))
            agency_span = src.span(start, start + len(agency))
    if agency is None:
        diags.append(dg.make("AGENCY_MISSING", "the issuing body was not found"))
    meta = Meta(
        title=title, agency=agency, year=detection.year, encoding=encoding,
        title_span=title_span, agency_span=agency_span, year_span=detection.year_span,
    )
    return meta, diags
