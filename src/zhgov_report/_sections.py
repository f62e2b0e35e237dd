"""Section headings: where each part of the report starts, inline headings included.

A heading is a Chinese ordinal (一 … 十二) followed by ``、`` (or ``.``/``．``) and a title. The
six template sections are recognised by distinctive title words (FORMATS.md §7.3), whatever
their number (agencies renumber when they insert sections); other numbered titles of older
reports are kept as sections without a key. Headings are found inside long lines too (a whole
report body on one line), because the match does not need a line start.
"""

from __future__ import annotations

import attrs
import regex

from ._intake import Source
from .models import Section
from .templates._labels import loose
from .templates._post2019 import SECTION_HEADINGS

__all__ = ["HEADING_KEYS", "Heading", "find_headings", "sections_of"]

_ORDINALS = "一二三四五六七八九十"
_ORD_VALUE = {c: i + 1 for i, c in enumerate(_ORDINALS)}

#: Keys of the template sections, in template order.
HEADING_KEYS = tuple(k for k, _, _ in SECTION_HEADINGS)

_KEYED = "|".join(
    f"(?P<{key}>{'|'.join(loose(w) for w in words)})" for key, _, words in SECTION_HEADINGS
)
# ordinal + 、 + a short prefix (政府信息公开工作 / 行政机关 / 因 …) + the distinctive words.
_HEADING = regex.compile(
    rf"(?<![{_ORDINALS}第])(?P<ord>[{_ORDINALS}]{{1,3}})\s*[、.．]\s*(?P<prefix>[^\n。,;:|\d]{{0,16}}?)(?:{_KEYED})"
    r"(?P<tail>[^\n。,;:|\d]{0,12}?(?:情况|事项|措施|思路|方向|问题|工作)?)"
)
_GENERIC = regex.compile(
    rf"(?:^|(?<=[\n。;:|]))\s*(?P<ord>[{_ORDINALS}]{{1,3}})\s*[、.．]\s*(?P<title>[^\n。,;:|\d]{{2,30}}?)"
    r"(?=\s*(?:\n|$|\||。))",
    regex.M,
)


def ordinal_value(text: str) -> int | None:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十 -> 20."""
    if not text or any(c not in _ORD_VALUE for c in text):
        return None
    if len(text) == 1:
        return _ORD_VALUE[text]
    if text[0] == "十":
        return 10 + _ORD_VALUE[text[1]] if len(text) == 2 else None
    if len(text) >= 2 and text[1] == "十":
        rest = text[2:]
        return _ORD_VALUE[text[0]] * 10 + (_ORD_VALUE[rest] if rest else 0)
    return None


@attrs.frozen(slots=True)
class Heading:
    """A heading found in the text: template key (or ``None``), ordinal, and offsets."""

    key: str | None
    number: int | None
    text: str
    start: int
    end: int


def find_headings(src: Source) -> list[Heading]:
    """Every section heading, in text order. Template headings first claim their spans; generic
    numbered titles on their own line fill in the rest."""
    text = src.text
    found: list[Heading] = []
    taken: list[tuple[int, int]] = []
    for m in _HEADING.finditer(text):
        key = next((k for k in HEADING_KEYS if m.group(k) is not None), None)
        found.append(Heading(key, ordinal_value(m.group("ord")), text[m.start():m.end()].strip(), m.start(),
                             m.end()))
        taken.append((m.start(), m.end()))
    for m in _GENERIC.finditer(text):
        s = m.start("ord")
        if any(a <= s < b for a, b in taken):
            continue
        title = m.group("title").strip()
        if not title or title[0] in "、.．":
            continue
        found.append(Heading(None, ordinal_value(m.group("ord")), text[s:m.end()].strip(), s, m.end()))
    found.sort(key=lambda h: h.start)
    return found


def sections_of(src: Source, headings: list[Heading]) -> tuple[Section, ...]:
    """Sections from headings: each runs from its heading to the next heading."""
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
