"""Text intake: bytes to str, and a normalised copy of the text that later stages read.

The normalisation maps every character to exactly one character, so an offset into the
normalised text is the same offset into the caller's text and no offset map is needed:
full-width ASCII (digits, letters, brackets, punctuation) becomes half-width, every kind of
space (NBSP, ideographic, zero-width, BOM) becomes ``" "``, every line break variant becomes
``"\\n"`` (``"\\r\\n"`` becomes ``" \\n"``), curly quotes become straight quotes and other
control characters become spaces. A digit of a script newer than this Python's Unicode database
(the ``regex`` module's ``\\d`` knows it, ``int()`` and ``Decimal()`` do not: U+1E4F1, say)
becomes U+FFFD: its value cannot be known here, so it must not be read as a number.
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Sequence
from itertools import accumulate

import regex

from . import diagnostics as dg
from .models import Diagnostic, Span

__all__ = ["Source", "decode", "normalise"]


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII block -> ASCII
        table[cp] = chr(cp - 0xFEE0)
    for cp in (0x00A0, 0x1680, 0x3000, 0x202F, 0x205F, 0xFEFF, 0x180E):
        table[cp] = " "
    for cp in range(0x2000, 0x200B):  # en/em/thin... spaces
        table[cp] = " "
    for cp in (0x200B, 0x200C, 0x200D, 0x2060):  # zero-width characters
        table[cp] = " "
    for cp in (0x2028, 0x2029, 0x0085, 0x000B, 0x000C):
        table[cp] = "\n"
    for cp in list(range(0x09)) + list(range(0x0E, 0x20)) + [0x7F]:
        table[cp] = " "
    table[ord("\t")] = "\t"
    table[ord("\r")] = "\n"  # lone CR; CRLF is handled before translation
    table.update({0x201C: '"', 0x201D: '"', 0x2018: "'", 0x2019: "'", 0x2033: '"', 0x2032: "'"})
    table[0x3000] = " "
    table[0xFF5E] = "~"
    table[0x2215] = "/"  # division slash
    table[0xFF0F] = "/"
    table[0x2236] = ":"  # ratio sign used as colon
    table[0xFE59] = "("
    table[0xFE5A] = ")"
    return table


_TABLE = _build_table()
_MAPPED = frozenset(chr(cp) for cp, rep in _TABLE.items() if rep != chr(cp))
# The characters normalisation may change, as one class: finding them is cheaper than looking at
# every character of the text (a text holds a few hundred of them, mostly ，（）：“”). Besides the
# table's characters, every character outside the BMP is found, for _foreign_digit: the ``regex``
# module's Unicode database can be newer than Python's, and every digit it knows that ``int()``
# does not lies outside the BMP (a test checks every character).
_MAPPED_RE = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_MAPPED)) + "\U00010000-\U0010ffff]")
_CHUNK = 1 << 16  # the text is searched in chunks so that a text of mapped characters only stays cheap
_DIGIT = regex.compile(r"\d")
_UNKNOWN = "\ufffd"


def _foreign_digit(ch: str) -> bool:
    """A digit to the ``regex`` module's ``\\d`` that ``int()`` and ``Decimal()`` cannot read."""
    return _DIGIT.match(ch) is not None and not ch.isdecimal()


def normalise(text: str) -> str:
    """Return ``text`` normalised for matching, with exactly the same length."""
    if "\r\n" in text:
        text = text.replace("\r\n", " \n")
    present: dict[str, str] = {}  # character -> replacement; usually a handful
    for i in range(0, len(text), _CHUNK):
        for ch in set(_MAPPED_RE.findall(text, i, i + _CHUNK)):
            if ch in present:
                continue
            if ch <= "\uffff":
                present[ch] = _TABLE[ord(ch)]
            elif _foreign_digit(ch):
                present[ch] = _UNKNOWN
    if len(present) > 16:
        return text.translate({ord(ch): rep for ch, rep in present.items()})
    for ch, rep in present.items():
        text = text.replace(ch, rep)
    return text


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Encodings a Chinese government page is plausibly in, in the order we trust them.
_CANDIDATES = ("utf-8", "gb18030", "big5", "utf-16")


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: ASCII-heavy text has NULs in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str, list[Diagnostic]]:
    """Decode report bytes. Returns the text, the encoding used and any diagnostics.

    A byte-order mark decides first; then strict UTF-8; then charset-normalizer's best guess among
    Chinese encodings (GB2312 and GBK are read as their superset GB18030). Undecodable bytes are
    replaced, never raised.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc, []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    enc16 = _looks_utf16(data)
    if enc16 is not None:
        try:
            return data.decode(enc16), enc16, [dg.make("DECODE_GUESSED", f"decoded as {enc16} (no BOM)")]
        except UnicodeDecodeError:
            pass
    guess: str | None = None
    try:
        import charset_normalizer

        best = charset_normalizer.from_bytes(
            data[:200_000], cp_isolation=["utf_8", "gb18030", "gbk", "gb2312", "big5", "utf_16", "hz"]
        ).best()
        if best is not None:
            guess = best.encoding
    except Exception:  # pragma: no cover - charset-normalizer failures are not the caller's problem
        guess = None
    if guess in ("gb2312", "gbk", "hz", "gb18030", None):
        guess = "gb18030"
    elif guess.replace("_", "-") in ("utf-16", "utf-16-le", "utf-16-be"):
        # no BOM: the byte order is the one whose high bytes look like text
        guess = "utf-16-be" if data[0::2].count(0) > data[1::2].count(0) else "utf-16-le"
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    utf16 = "utf-16-be" if even_nuls > odd_nuls else "utf-16-le"
    for enc in (guess, *(_c if _c != "utf-16" else utf16 for _c in _CANDIDATES)):
        try:
            return data.decode(enc), enc, [dg.make("DECODE_GUESSED", f"decoded as {enc}")]
        except (UnicodeDecodeError, LookupError):
            continue
    text = data.decode("gb18030", errors="replace")
    return text, "gb18030", [dg.make("DECODE_REPLACED", "some bytes were not valid GB18030 and were replaced")]


_LINES_CHUNK = 1 << 16  #: characters indexed at a time
_FAR = 1 << 20  #: an offset further than this past the indexed text is located by counting
_FAR_CALLS = 8  #: offsets located by counting before the whole text is indexed instead


def _starts_between(text: str, a: int, b: int) -> accumulate[int]:
    """One past each ``"\\n"`` in ``text[a:b]``: the lengths of the lines, split in C, summed in C,
    so a text of millions of short lines costs no loop in Python."""
    parts = text[a:b].split("\n")
    del parts[-1]  # the text after the last line break (or all of it, without one)
    ends = accumulate(map(_PLUS_ONE, map(len, parts)), initial=a)
    next(ends)  # a itself
    return ends


_PLUS_ONE = (1).__add__


class Source:
    """The caller's text, its normalised twin and a line index for building spans.

    The line index is built as far into the text as spans are asked for, a chunk at a time: the
    reading stages stop at their bounds, so most of a huge input is never indexed. An offset far
    past the index (the end of the last section) is located by counting line breaks in C."""

    __slots__ = ("_caller", "_far_calls", "_hint", "_indexed", "_line_starts", "_origin", "original", "text")

    def __init__(self, original: str, origin: Sequence[int] | None = None, markup: str | None = None) -> None:
        self.original = original
        #: where each character of ``original`` came from in the caller's ``markup`` (HTML), one
        #: entry more for the end; ``None`` when ``original`` is what the caller gave
        self._origin = origin
        self._caller: Source | None = None if origin is None or markup is None else Source(markup)
        self.text = normalise(original)
        # Invariant: _line_starts holds 0 and one past every "\n" at an offset below _indexed.
        self._line_starts = [0]
        self._indexed = 0
        self._far_calls = 0
        self._hint = 1  # the last line looked up: spans are mostly asked for in text order

    def __len__(self) -> int:
        return len(self.text)

    def _index_to(self, offset: int) -> None:
        """Index the text at least up to ``offset`` (so every line start up to it is known)."""
        if offset <= self._indexed:
            return
        n = len(self.text)
        while self._indexed < min(offset, n):
            b = min(n, self._indexed + _LINES_CHUNK)
            self._line_starts.extend(_starts_between(self.text, self._indexed, b))
            self._indexed = b

    @property
    def line_count(self) -> int:
        self._index_to(len(self.text))
        return len(self._line_starts)

    def _far(self, offset: int) -> bool:
        """Is ``offset`` to be located by counting (far past the index, and few such calls yet)?"""
        if offset - self._indexed <= _FAR:
            return False
        self._far_calls += 1
        return self._far_calls <= _FAR_CALLS

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        if offset > self._indexed:
            if self._far(offset):
                return len(self._line_starts) + self.text.count("\n", self._indexed, offset)
            self._index_to(offset)
        starts = self._line_starts
        h = self._hint
        if starts[h - 1] <= offset and (h == len(starts) or offset < starts[h]):
            return h
        h = self._hint = bisect.bisect_right(starts, offset)
        return h

    def line_start(self, line: int) -> int:
        starts = self._line_starts
        while line > len(starts) and self._indexed < len(self.text):
            self._index_to(self._indexed + _LINES_CHUNK)
        return starts[line - 1]

    def caller_span(self, span: Span) -> Span:
        """``span`` (offsets into this text) as offsets, line and column in the caller's markup when
        this text was extracted from it (an HTML page), else ``span`` itself. Every span stage
        works in the extracted text; :func:`zhgov_report.parse` maps the result's spans at the end."""
        origin, caller = self._origin, self._caller
        if origin is None or caller is None:
            return span
        at = getattr(origin, "at", origin.__getitem__)  # an Origin's unchecked lookup, when it is one
        last = len(self.text)
        start = at(min(span.start, last))
        end = at(min(span.end - 1, last)) + 1 if span.end > span.start else start
        return caller.span(start, max(start, end))

    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` for ``[start, end)`` of the text."""
        n = len(self.text)
        if start < 0 or start > n:
            start = max(0, min(start, n))
        if end < start or end > n:
            end = max(start, min(end, n))
        last = end - 1
        line = self.line_of(start)
        if start > self._indexed:  # located by counting
            column = start - self.text.rfind("\n", 0, start)
            end_line = line + self.text.count("\n", start, last) if last > start else line
            return Span(start, end, line, column, end_line)
        starts = self._line_starts
        if last <= start:
            end_line = line
        elif last <= self._indexed:
            end_line = line if line == len(starts) or last < starts[line] else self.line_of(last)
        else:
            end_line = self.line_of(last)
        return Span(start, end, line, start - starts[line - 1] + 1, end_line)
