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
import functools
import re
from collections.abc import Sequence
from itertools import accumulate
from typing import NamedTuple

import regex

from . import _t2s
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
# Traditional Chinese (generated from OpenCC's tables, see _t2s): a firm character is never written
# in Simplified text and is always mapped; a doubtful one (於, 後) is also an ordinary Simplified
# character and is mapped, as are the phrases (答覆 -> 答复), only in a text that reads as Traditional.
_FIRM = dict(zip(_t2s.FIRM_FROM, _t2s.FIRM_TO, strict=True))
_DOUBTFUL = dict(zip(_t2s.DOUBTFUL_FROM, _t2s.DOUBTFUL_TO, strict=True))
_REPLACE = {**{chr(cp): rep for cp, rep in _TABLE.items()}, **_FIRM}


def _class(chars: str) -> str:
    """A character class of the BMP characters of ``chars`` (a class holding characters outside the
    BMP is a list that ``re`` searches one by one; one of the BMP only is a lookup table)."""
    return "[" + "".join(re.escape(ch) for ch in sorted(set(chars)) if ch <= "\uffff") + "]"


# The characters normalisation may change, as one class: finding them is cheaper than looking at
# every character of the text (a Simplified text holds a few hundred of them, mostly ，（）：“”).
# Besides the table's and the Traditional characters, every character outside the BMP is found, for
# _foreign_digit: the ``regex`` module's Unicode database can be newer than Python's, and every digit
# it knows that ``int()`` does not lies outside the BMP (a test checks every character).
_MAPPED_RE = re.compile(_class("".join((*_MAPPED, *_FIRM, *_DOUBTFUL)))[:-1] + "\U00010000-\U0010ffff]")


@functools.cache
def _traditional_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Compiled on the first text that holds a firm Traditional character: the evidence that a text
    is Traditional (its firm characters, and the Simplified characters never written in Traditional,
    of the BMP only: the others are rare, and slow to look for), and the phrases, longest first."""
    phrases = "|".join(sorted(_t2s.PHRASES, key=len, reverse=True))
    return re.compile(_class(_t2s.FIRM_FROM)), re.compile(_class(_t2s.SIMPLIFIED_ONLY)), re.compile(phrases)


_CHUNK = 1 << 16  # the text is searched in chunks so that a text of mapped characters only stays cheap
_DIGIT = regex.compile(r"\d")
_UNKNOWN = "\ufffd"


def _foreign_digit(ch: str) -> bool:
    """A digit to the ``regex`` module's ``\\d`` that ``int()`` and ``Decimal()`` cannot read."""
    return _DIGIT.match(ch) is not None and not ch.isdecimal()


def _found(text: str) -> set[str]:
    """The distinct characters of ``text`` that normalisation may change."""
    found: set[str] = set()
    for i in range(0, len(text), _CHUNK):
        found.update(_MAPPED_RE.findall(text, i, i + _CHUNK))
    return found


def _count(pattern: re.Pattern[str], text: str) -> int:
    """How many times ``pattern`` (one character) occurs in ``text``, a chunk at a time."""
    return sum(len(pattern.findall(text, i, i + _CHUNK)) for i in range(0, len(text), _CHUNK))


def _reads_traditional(text: str, found: set[str] | None = None) -> bool:
    """Does ``text`` read as Traditional Chinese: more characters never written in Simplified than
    characters never written in Traditional? (``found``: :func:`_found` of it, when known.)"""
    if found is not None and not any(map(_FIRM.__contains__, found)):  # found is the smaller
        return False
    firm, simplified, _ = _traditional_res()
    return _count(firm, text) > _count(simplified, text)


def _replacement(ch: str, traditional: bool) -> str | None:
    """What ``ch`` becomes (``None``: itself)."""
    rep = _REPLACE.get(ch)
    if rep is None and traditional:
        rep = _DOUBTFUL.get(ch)
    if rep is None and ch > "\uffff" and _foreign_digit(ch):
        rep = _UNKNOWN
    return rep


def _translate(text: str, present: dict[str, str]) -> str:
    if len(present) > 16:
        return text.translate({ord(ch): rep for ch, rep in present.items()})
    for ch, rep in present.items():
        text = text.replace(ch, rep)
    return text


def _phrase(m: re.Match[str]) -> str:
    return _t2s.PHRASES[m.group()]


def normalise(text: str) -> str:
    """Return ``text`` normalised for matching, with exactly the same length."""
    if "\r\n" in text:
        text = text.replace("\r\n", " \n")
    found = _found(text)
    if not found:
        return text  # nothing to map (most cells and labels asked for on their own)
    traditional = _reads_traditional(text, found)
    present = {ch: rep for ch in found if (rep := _replacement(ch, traditional)) is not None}
    text = _translate(text, present)
    return _traditional_res()[2].sub(_phrase, text) if traditional else text


# A byte-order mark, the encoding reported for it, and the codec that reads the bytes after it.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)


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


# Bytes that may be invalid in an otherwise valid text (a file cut inside a character, a stray
# 0xFF): the valid characters outside ASCII must outnumber the runs of bad bytes this many times for
# the encoding to be kept (text in another encoding gives many bad runs per good character).
_GOOD_PER_BAD = 20
# A text read as UTF-16 without BOM holds ASCII characters (digits, line breaks), so NUL bytes.
_UTF16_MIN_NULS = 0.01
_REPLACEMENT = "\ufffd"


class _Lenient(NamedTuple):
    """Bytes decoded with their bad runs replaced: the text, how many runs and where the first was."""

    text: str
    bad: int
    first: int  #: the byte offset of the first bad run (-1: none)


def _written(data: bytes, encoding: str) -> int:
    """How many U+FFFD the bytes themselves hold (a text saved after an earlier bad decoding)."""
    try:
        return data.count(_REPLACEMENT.encode(encoding))
    except UnicodeEncodeError:
        return 0


def _lenient(data: bytes, encoding: str) -> _Lenient:
    """``data`` in ``encoding`` with each invalid run of bytes replaced by U+FFFD. The runs are the
    U+FFFD the decoder wrote, less those the bytes hold: a few passes in C, however many bad bytes
    there are. Raises ``LookupError`` for an unknown encoding."""
    text = data.decode(encoding, errors="replace")
    try:
        data.decode(encoding)
        return _Lenient(text, 0, -1)
    except UnicodeDecodeError as e:
        first = e.start
    return _Lenient(text, max(1, text.count(_REPLACEMENT) - _written(data, encoding)), first)


def _mostly(data: bytes, encoding: str) -> _Lenient | None:
    """``data`` in ``encoding`` when all but a few bytes are valid in it: its characters outside
    ASCII outnumber the bad runs :data:`_GOOD_PER_BAD` times."""
    try:
        got = _lenient(data, encoding)
    except LookupError:
        return None
    good = len(got.text) - len(got.text.encode("ascii", "ignore")) - got.bad
    return got if good >= _GOOD_PER_BAD * got.bad else None


def _replaced(got: _Lenient, encoding: str) -> tuple[str, str, list[Diagnostic]]:
    runs = "1 run" if got.bad == 1 else f"{got.bad} runs"
    msg = f"{runs} of bytes not valid {encoding} replaced by U+FFFD, the first at byte {got.first}"
    return got.text, encoding, [dg.make("DECODE_REPLACED", msg)]


def _by_bom(data: bytes) -> tuple[str, str, list[Diagnostic]] | None:
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name, []
            except UnicodeDecodeError:
                return _replaced(_lenient(data[len(bom) :], codec), name)
    return None


def _guess(data: bytes) -> str:
    """charset-normalizer's best guess among Chinese encodings, GB2312/GBK/HZ read as GB18030."""
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
        return "gb18030"
    if guess.replace("_", "-") in ("utf-16", "utf-16-le", "utf-16-be"):
        # no BOM: the byte order is the one whose high bytes look like text
        return "utf-16-be" if data[0::2].count(0) > data[1::2].count(0) else "utf-16-le"
    return guess


def _candidates(data: bytes, guess: str) -> list[str]:
    """The encodings tried strictly after the guess; UTF-16 only for bytes with NULs (its ASCII)."""
    out = [guess, "utf-8", "gb18030", "big5"]
    if data.count(0) >= max(4, len(data) * _UTF16_MIN_NULS):
        out.append("utf-16-be" if data[0::2].count(0) > data[1::2].count(0) else "utf-16-le")
    return out


def decode(data: bytes) -> tuple[str, str, list[Diagnostic]]:
    """Decode report bytes. Returns the text, the encoding used and any diagnostics.

    A byte-order mark decides first; then UTF-8, strictly or with a few bad bytes (a file cut inside
    a character, a stray ``0xFF``); then UTF-16 recognised by its NULs; then charset-normalizer's best
    guess among Chinese encodings (GB2312 and GBK are read as their superset GB18030), again strictly
    or with a few bad bytes. Bad bytes are replaced by U+FFFD, never raised, and a ``DECODE_REPLACED``
    diagnostic says how many runs of them there were and where the first one was.
    """
    by_bom = _by_bom(data)
    if by_bom is not None:
        return by_bom
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    got = _mostly(data, "utf-8")
    if got is not None:
        return _replaced(got, "utf-8")
    enc16 = _looks_utf16(data)
    if enc16 is not None:
        try:
            return data.decode(enc16), enc16, [dg.make("DECODE_GUESSED", f"decoded as {enc16} (no BOM)")]
        except UnicodeDecodeError:
            pass
    guess = _guess(data)
    got = _mostly(data, guess)
    if got is not None and got.bad:
        return _replaced(got, guess)
    for enc in _candidates(data, guess):
        try:
            return data.decode(enc), enc, [dg.make("DECODE_GUESSED", f"decoded as {enc}")]
        except (UnicodeDecodeError, LookupError):
            continue
    return _replaced(_lenient(data, "gb18030"), "gb18030")


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


_LINE_BREAKS = ("\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c")


def _lines_of(markup: str) -> Source:
    """A :class:`Source` of the caller's markup that is only asked for lines and columns: its text
    is normalised only when its line breaks need it (a CR, a Unicode line separator), so that its
    lines are exactly those of any other :class:`Source` of the same text."""
    if any(ch in markup for ch in _LINE_BREAKS):
        return Source(markup)
    src = Source("")
    src.original = src.text = markup
    return src


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
        self._caller: Source | None = None if origin is None or markup is None else _lines_of(markup)
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
        end = max(start, at(min(span.end - 1, last)) + 1) if span.end > span.start else start
        return caller.whole_span(start, min(end, len(caller.text)))

    def value_span(self, start: int, end: int) -> Span:
        """:meth:`span`, except that for a text extracted from the caller's markup (whose spans
        :meth:`caller_span` maps at the end, line and column included) the line and column are left
        at 1 rather than worked out for the extracted text and thrown away."""
        if self._caller is None:
            return self.span(start, end)
        return Span(start, end, 1, 1, 1)

    def whole_span(self, start: int, end: int) -> Span:
        """:meth:`span` for ``0 <= start <= end <= len(self)``, the whole text indexed once (the
        caller's markup, asked for a span of every value of a report)."""
        if self._indexed < len(self.text):
            self._index_to(len(self.text))
        starts = self._line_starts
        line = bisect.bisect_right(starts, start)
        end_line = bisect.bisect_right(starts, end - 1) if end - 1 > start else line
        return Span(start, end, line, start - starts[line - 1] + 1, end_line)

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
