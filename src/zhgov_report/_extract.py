"""The first step of :func:`zhgov_report.parse`: the caller's input as an :class:`Extracted`.

:func:`extract` is a small dispatch on what the input is. Each input kind has one branch, tried in
order; a new kind (Word, PDF) is one more entry in :data:`_BYTES_KINDS` or :data:`_TEXT_KINDS`:

* bytes: each sniffer in :data:`_BYTES_KINDS` looks at the bytes; the first that recognises them
  extracts; otherwise the bytes are decoded as text (:func:`zhgov_report._intake.decode`);
* ``str``: each sniffer in :data:`_TEXT_KINDS` looks at the text (HTML); otherwise the text is
  taken as it is.

:func:`to_caller` maps a finished report's spans from the extracted text back into the caller's
markup (every span the library reports points into what the caller gave).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import attrs

from ._aligned import aligned_grids
from ._document import Extracted
from ._html import decode_html, extract_html, looks_like_html, sniff_bytes
from ._intake import Source, decode
from ._sniff import is_binary, read_binary
from .models import Span

__all__ = ["extract", "source_of", "to_caller"]


def _html_bytes(data: bytes) -> Extracted:
    text, encoding, diags = decode_html(data)
    got = extract_html(text)
    return attrs.evolve(got, diagnostics=(*diags, *got.diagnostics), markup=text, encoding=encoding)


def _html_text(text: str) -> Extracted:
    return attrs.evolve(extract_html(text), markup=text)


#: (sniffer, extractor) for bytes, tried in order before the bytes are decoded as text: documents
#: and binaries not read (never decoded as text), then HTML.
_BYTES_KINDS: list[tuple[Callable[[bytes], bool], Callable[[bytes], Extracted]]] = [
    (is_binary, read_binary),
    (sniff_bytes, _html_bytes),
]
#: (sniffer, extractor) for ``str``, tried in order before the text is taken as it is.
_TEXT_KINDS: list[tuple[Callable[[str], bool], Callable[[str], Extracted]]] = [(looks_like_html, _html_text)]


def extract(data: str | bytes) -> Extracted:
    """The caller's input as text and grids (see the module's docstring). ``data`` must be ``str``
    or bytes-like (a programming error otherwise)."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        for sniff, read in _BYTES_KINDS:
            if sniff(raw):
                return read(raw)
        text, encoding, diags = decode(raw)
        return Extracted(text, grids=aligned_grids(text), diagnostics=tuple(diags), encoding=encoding)
    if isinstance(data, str):
        for sniff_text, read_text in _TEXT_KINDS:
            if sniff_text(data):
                return read_text(data)
        return Extracted(data, grids=aligned_grids(data))  # tables aligned by spaces (pdftotext -layout)
    raise TypeError(f"parse() takes str or bytes, not {type(data).__name__}")


def source_of(extracted: Extracted) -> Source:
    """The :class:`Source` every reading stage works in, mapping back to the caller's markup."""
    return Source(extracted.text, extracted.origin, extracted.markup)


class _Shape(NamedTuple):
    """How to copy an attrs class: its init fields in order, and which of them may hold spans."""

    names: tuple[str, ...]
    mapped_at: tuple[int, ...]  #: the positions of the fields that may hold spans
    span_only: bool  #: one such field, a span (``span``): nothing nested to walk


_SHAPES: dict[type, _Shape | None] = {}
_NESTED = frozenset(("meta", "detection", "sections", "tables", "rows", "cells", "diagnostics", "figures",
                     "evidence"))


def _shape(cls: type) -> _Shape | None:
    """The class's :class:`_Shape` (``None`` when its instances cannot be rebuilt positionally)."""
    if cls in _SHAPES:
        return _SHAPES[cls]
    shape = None
    if attrs.has(cls):
        fields = attrs.fields(cls)
        if all(f.init and f.kw_only is False for f in fields):
            at = tuple(i for i, f in enumerate(fields) if f.name.endswith("span") or f.name in _NESTED)
            shape = _Shape(tuple(f.name for f in fields), at, len(at) == 1 and fields[at[0]].name == "span")
    _SHAPES[cls] = shape
    return shape


def to_caller(obj: Any, src: Source) -> Any:
    """``obj`` (a report or any part of it) with every :class:`Span` mapped by
    :meth:`Source.caller_span`; the object itself when nothing changes."""
    cls = type(obj)
    if cls is Span:
        return src.caller_span(obj)
    if cls is tuple:
        mapped = tuple([to_caller(o, src) for o in obj])
        return obj if all(a is b for a, b in zip(mapped, obj, strict=True)) else mapped
    shape = _SHAPES[cls] if cls in _SHAPES else _shape(cls)
    if shape is None:
        return obj
    values = [getattr(obj, n) for n in shape.names]
    if shape.span_only:  # a cell, a diagnostic, a section…: one span, nothing nested
        i = shape.mapped_at[0]
        if values[i] is None:
            return obj
        values[i] = src.caller_span(values[i])
        return cls(*values)
    changed = False
    for i in shape.mapped_at:
        v = values[i]
        if v is not None:
            new = to_caller(v, src)
            if new is not v:
                values[i] = new
                changed = True
    return cls(*values) if changed else obj
