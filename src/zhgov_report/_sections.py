"""Section headings: where each part of the report starts, inline headings included.

A heading is a Chinese ordinal (一 … 十九) followed by ``、`` (or ``.``/``．``) and a title. The
six template sections are recognised by distinctive title words (FORMATS.md §7.3), whatever
their number (agencies renumber when they insert sections); other numbered titles of older
reports (five to eleven sections) are kept as sections without a key. Headings are found inside
long lines too (a whole report body on one line), because the match does not need a line start.

Numbered titles that are really table rows are not headings: the label cell of a table row
(``一、本年新收政府信息公开申请数量 | 2 | 2 |``, the statistics sheet's ``一、主动公开情况 | ||``),
and the request table's row labels wherever they appear (``### 三、本年度办理结果`` in markdown
converted from a PDF). A line that starts with ``、`` and a template title is a heading whose
ordinal the scrape lost; an attachment line (``附件：…统计表``) starts a part of its own.

Every pattern has bounded repetitions and no nested unbounded quantifiers, so finding headings is
linear in the length of the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain

import attrs
import regex

from . import diagnostics as dg
from ._intake import Source
from ._values import ORDINALS
from .models import Diagnostic, Format, Section
from .templates._labels import compact, loose
from .templates._post2019 import REQUEST_CATEGORIES, SECTION_HEADINGS, request_rows

__all__ = [
    "HEADING_KEYS", "MAX_HEADINGS", "Heading", "find_headings", "missing_sections", "ordinal_value", "scan_headings",
    "sections_of",
]

_ORDINALS = ORDINALS
_ORD_VALUE = {c: i + 1 for i, c in enumerate(_ORDINALS)}

#: Keys of the template sections, in template order.
HEADING_KEYS = tuple(k for k, _, _ in SECTION_HEADINGS)

#: Title words of older (pre-2019) reports for the same sections, added to the template's words.
_OLDER_WORDS: dict[str, tuple[str, ...]] = {
    "requests": ("依申请公开政府信息", "政府信息依申请公开", "政府信息公开申请办理", "依申请公开信息和不予公开"),
}
_KEYED = "|".join(
    f"(?P<{key}>{'|'.join(loose(w) for w in words + _OLDER_WORDS.get(key, ()))})"
    for key, _, words in SECTION_HEADINGS
)
# Characters a heading's title is made of: no sentence punctuation, digits, brackets, pipes or
# whitespace (the body of an inline heading starts after a space, a digit or a bracket).
_TITLE_CHAR = r"[^\s。,;:|\d()\[\]【】《》<>!?\"']"
# The end of a title after its distinctive words: the shortest run (at most 10 characters) that
# ends in a title word (…及改进情况, …的情况, …措施), or nothing.
_TAIL = rf"(?:{_TITLE_CHAR}{{0,10}}?(?:情况|事项|措施|思路|方向)(?:统计表)?|统计表|)"
# The first characters of the distinctive words (a loose pattern starts with its word's first
# character, literally): the words must start one of these within a prefix's reach, which a
# lookahead checks before the words are tried at each of the prefix's 17 lengths. It only prunes:
# a hostile input of ordinals (一、 repeated) costs a scan of 17 characters per ordinal instead of
# 17 tries of every word.
_FIRSTS = regex.escape("".join(sorted({w[0] for _, _, ws in SECTION_HEADINGS for w in ws}
                                      | {w[0] for ws in _OLDER_WORDS.values() for w in ws})))
_PREFIX = r"[^\n。,;:|\d]{0,16}?"
# ordinal + 、 + a short prefix (政府信息公开工作 / 行政机关 / 因 …) + the distinctive words + tail.
_HEADING = regex.compile(
    rf"(?<![{_ORDINALS}第])(?P<ord>[{_ORDINALS}]{{1,3}})\s*[、.．]\s*(?={_PREFIX}[{_FIRSTS}])"
    rf"(?P<prefix>{_PREFIX})(?:{_KEYED})" + _TAIL
)
# A template heading whose ordinal the scrape lost: ``、依申请公开政府信息情况`` at a line start.
_ORPHAN = regex.compile(
    rf"(?m)^[ \t]*(?P<ord>)(?P<mark>[、.．])[ \t]*(?={_PREFIX}[{_FIRSTS}])(?P<prefix>{_PREFIX})(?:{_KEYED})" + _TAIL
)
_GENERIC = regex.compile(
    rf"(?:^|(?<=[\n。;:|]))[ \t#]*(?P<ord>[{_ORDINALS}]{{1,3}})\s*[、.．]\s*(?P<title>[^\n。,;:|\d]{{2,30}}?)"
    r"(?=[ \t]*(?:\n|$|\||。))",
    regex.M,
)
# An attachment on its own line: 附件：…统计表, 附表1 …, 附件新乡…统计表.
_ATTACHMENT = regex.compile(
    r"(?m)^[ \t#]*(?P<word>附\s*[件表])\s*\d{0,2}\s*[:：]?\s*(?P<title>(?!下载)[^\n|]{2,60}?)[ \t]*$"
)

# An ordinal and its mark (一、 十二. 三 ．): every template heading and every generic title has its
# ordinal at the start of a run of ordinals that one of these matches (nothing but a line start, a
# delimiter, a space or # stands before a generic title's ordinal), so both patterns are tried
# there only instead of at every character. Without a look-behind, the standard library's engine
# finds these places many times faster, and a match never swallows the start of another run (the
# start of a run is checked afterwards). Its ``\s`` is ``regex``'s on normalised text (which holds
# no control characters).
_ORD_MARK = re.compile(rf"[{_ORDINALS}]{{1,3}}\s*[、.．]")
_NOT_BEFORE_ORDINAL = _ORDINALS + "第"
# A line that starts with spaces and a mark: every orphan heading starts after one of these line breaks.
_LINE_MARK = re.compile(r"\n[ \t]*[、.．]")
# Places closer than this many characters on average are searched for, not tried one by one.
_DENSE = 32

# Request-table row labels that are numbered like section headings (一、 二、 三、 四、).
_ROW_LABELS = regex.compile(
    "|".join(
        loose(p)
        for spec in request_rows("form2021")
        if spec.key in ("new_received", "carried_over", "carried_forward")
        for p in spec.patterns
    )
    + "|"
    + "|".join(loose(p) for c in REQUEST_CATEGORIES if c.key == "results" for p in c.patterns)
)
# Section rows of the statistics sheet that carry a template key's words; in a table row they are
# sheet rows, not report sections.
_SHEET_SECTION_TITLES = frozenset({"主动公开情况", "依申请公开情况"})
# Distinctive words that already end a title: no tail follows them.
_COMPLETE = ("情况", "事项", "概述")
# How far to look around a heading for the pipes of a table cell.
_CELL_WINDOW = 6


@lru_cache(maxsize=256)
def ordinal_value(text: str) -> int | None:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十 -> 20; ``None`` for anything else."""
    if not text or any(c not in _ORD_VALUE for c in text):
        return None
    if len(text) == 1:
        return _ORD_VALUE[text]
    if text[0] == "十":
        return 10 + _ORD_VALUE[text[1]] if len(text) == 2 and text[1] != "十" else None
    if text[1] == "十" and text[0] != "十":
        rest = text[2:]
        if len(rest) > 1 or rest == "十":
            return None
        return _ORD_VALUE[text[0]] * 10 + (_ORD_VALUE[rest] if rest else 0)
    return None


@attrs.frozen(slots=True)
class Heading:
    """A heading found in the text: template key (or ``None``), ordinal (or ``None``), and offsets
    into the text (``start`` at the ordinal, ``end`` after the title)."""

    key: str | None
    number: int | None
    text: str
    start: int
    end: int


def _is_row_label(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is the whole label cell of a table row: a line start or a
    pipe before it, and a pipe after it (only spaces in between)."""
    i = start - 1
    lo = max(0, start - _CELL_WINDOW)
    while i >= lo and text[i] in " \t#":
        i -= 1
    if i >= 0 and text[i] not in "\n|":
        return False
    j = end
    hi = min(len(text), end + _CELL_WINDOW)
    while j < hi and text[j] in " \t":
        j += 1
    return j < len(text) and text[j] == "|"


class _Taken:
    """Disjoint spans claimed by headings, for "does this offset fall inside one?" in log time."""

    __slots__ = ("_ends", "_starts")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


def _keyed(m: regex.Match[str]) -> tuple[str | None, int]:
    """The template key of a heading match and where its distinctive words end: the keyed group
    is the last group the heading patterns capture."""
    key = m.lastgroup
    if key not in HEADING_KEYS:  # pragma: no cover - the heading patterns end with a keyed group
        return None, m.end()
    return key, m.end(key)


def matches_at(pattern: regex.Pattern[str], text: str, starts: Sequence[int] | None, stop: int
                ) -> Iterator[regex.Match[str]]:
    """What ``pattern.finditer(text, 0, stop)`` gives when every match of ``pattern`` can only start
    at one of ``starts`` (ascending): the pattern is tried there only, and not inside a match.
    ``None``: the places are dense (a hostile input: ``一、`` repeated), and one search of the whole
    text, which tries them in C, is cheaper than trying each from Python."""
    if starts is None:
        yield from pattern.finditer(text, 0, stop)
        return
    pos = 0
    for s in starts:
        if s >= pos:
            m = pattern.match(text, s, stop)
            if m is not None:
                yield m
                pos = m.end()


def sparse(starts: Iterable[int], stop: int) -> list[int] | None:
    """``starts`` as a list, or ``None`` when they are closer than ``_DENSE`` characters on average
    (known as soon as that many are seen: a hostile input's places are not all listed)."""
    most = stop // _DENSE
    out: list[int] = []
    for s in starts:
        out.append(s)
        if len(out) > most:
            return None
    return out


def _title_starts(text: str, ordinals: list[int]) -> list[int]:
    """Where a generic title before each ordinal would start: before the spaces and # ahead of it."""
    out = []
    for j in ordinals:
        while j > 0 and text[j - 1] in " \t#":
            j -= 1
        out.append(j)
    return out


#: At most this many headings are collected (real reports have a few dozen), from at most this many
#: characters (real reports are well under 100,000): a hostile input stays cheap.
MAX_HEADINGS = 500
SCAN_LIMIT = 1_000_000


def find_headings(src: Source) -> list[Heading]:
    """Every section heading, in text order.

    Template headings (with a key) first claim their spans; generic numbered titles that stand
    alone (on their own line, or as a cell) fill in the rest; then attachment lines. Numbered
    table-row labels are left out (see the module docstring)."""
    return scan_headings(src)[0]


def scan_headings(src: Source) -> tuple[list[Heading], bool]:
    """:func:`find_headings`, and whether :data:`MAX_HEADINGS` stopped the search for more."""
    truncated = False
    text = src.text
    found: list[Heading] = []
    taken = _Taken()
    stop = min(len(text), SCAN_LIMIT)
    ordinals = sparse((i for i in (m.start() for m in _ORD_MARK.finditer(text, 0, stop))
                       if i == 0 or text[i - 1] not in _NOT_BEFORE_ORDINAL), stop)
    orphans = sparse(chain((0,), (m.start() + 1 for m in _LINE_MARK.finditer(text, 0, stop))), stop)
    for pattern, starts in ((_HEADING, ordinals), (_ORPHAN, orphans)):
        for m in matches_at(pattern, text, starts, stop):
            key, word_end = _keyed(m)
            start = m.start("mark") if pattern is _ORPHAN else m.start()
            end = m.end()
            if text.endswith(_COMPLETE, start, word_end):
                end = word_end  # 总体情况, 其他需要报告的事项: the title is complete
            if _is_row_label(text, start, end):
                title = compact(text[m.end("ord"):end]).lstrip("、.．")
                if title in _SHEET_SECTION_TITLES or _ROW_LABELS.search(title):
                    continue
            if taken.covers(start):
                continue
            found.append(Heading(key, ordinal_value(m.group("ord")), text[start:end].strip(), start, end))
            taken.add(start, end)
            if len(found) >= MAX_HEADINGS:
                truncated = True
                break
    titles = None if ordinals is None else _title_starts(text, ordinals)
    for m in matches_at(_GENERIC, text, titles, stop):
        if len(found) >= MAX_HEADINGS:
            truncated = True
            break  # a real report has a few dozen headings; a hostile input must stay cheap
        s = m.start("ord")
        if taken.covers(s):
            continue
        title = m.group("title").strip()
        if not title or title[0] in "、.．":
            continue
        if _is_row_label(text, s, m.end()) or _ROW_LABELS.search(compact(title)):
            continue
        found.append(Heading(None, ordinal_value(m.group("ord")), text[s:m.end()].strip(), s, m.end()))
    for m in _ATTACHMENT.finditer(text, 0, stop):
        s = m.start("word")
        if taken.covers(s) or _is_row_label(text, s, m.end()):
            continue
        found.append(Heading(None, None, text[s:m.end()].strip(), s, m.end()))
    found.sort(key=lambda h: h.start)
    return found, truncated


def sections_of(src: Source, headings: list[Heading]) -> tuple[Section, ...]:
    """Sections from headings: each runs from its heading to the next heading. The text before
    the first heading (title and preamble) belongs to no section."""
    out = []
    for i, h in enumerate(headings):
        end = headings[i + 1].start if i + 1 < len(headings) else len(src.text)
        out.append(Section(
            heading=src.original[h.start:h.end].strip(),
            key=h.key,
            number=h.number,
            text=src.original[h.end:end].strip(),
            span=src.span(h.start, end),
        ))
    return tuple(out)


def missing_sections(sections: tuple[Section, ...], fmt: Format) -> list[Diagnostic]:
    """``SECTION_MISSING`` for each of the six template sections a post-2019 report lacks."""
    if fmt not in (Format.FORM2019, Format.FORM2021) or not sections:
        return []
    present = {s.key for s in sections}
    return [
        dg.make("SECTION_MISSING", f"section {number} ({words[0]}) of the template was not found", path=key)
        for key, number, words in SECTION_HEADINGS if key not in present
    ]
