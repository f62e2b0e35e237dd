"""The value lexer shared by the layout readers: what a value token is and what it becomes.

Every reader (the post-2019 text reader :mod:`zhgov_report._tables`, the pre-2019 sheet reader
:mod:`zhgov_report._sheet`, the grid readers) finds value tokens its own way, then turns them into
recovery :class:`~zhgov_report._recover.Piece` objects here, so that a fix for glued digits, signs
or units is made in one place:

* :data:`GLUED_RUN` is a run of digits with its sign, decimals and money unit. A run of two or more
  digits that is not the whole content of a cell may hold several cells glued together
  (``212210037``); recovery splits it.
* :func:`value_piece` is what a parsed value token becomes; :func:`run_pieces` splits digits glued
  with signs (``2648-18538``).
* The ordinal characters, the units a cell may hold alone, the count words that make a number
  prose, and the punctuation that marks a sentence are declared once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import regex

from ._numbers import UNITS, parse_value
from ._recover import Piece
from ._tokenize import LineKind
from .models import Span, Value

__all__ = [
    "COUNT_WORDS",
    "GLUED_RUN",
    "NOT_CONTENT",
    "ORDINALS",
    "SENTENCE_MARKS",
    "SENTENCE_MARKS_FULLWIDTH",
    "SIGNED_RUNS",
    "UNIT_WORDS",
    "RunPieces",
    "glued_piece",
    "run_pieces",
    "value_piece",
]

#: The Chinese ordinals of section and item numbering (一、, （一）).
ORDINALS = "一二三四五六七八九十"
#: The digits a year is written with in Chinese numerals (``二〇二三年``), with the zeros scanned text uses
YEAR_DIGITS = "〇○零Ｏ一二三四五六七八九"
#: Sentence punctuation as normalisation leaves it (full-width ``；！？`` become ``;!?``).
SENTENCE_MARKS = "。;!?"
#: The full-width forms of :data:`SENTENCE_MARKS`, for text read before normalisation.
SENTENCE_MARKS_FULLWIDTH = "；！？"
#: Count words: a number followed by one of them is a count in a sentence (``共收到申请2件``),
#: or a date (``2024年``), or a share (``17.46%``), as a regex alternation.
COUNT_WORDS = "条|件|次|篇|人次|人|项|起|份|%|年|月|日|个"
#: Units a table cell may hold alone (a unit column's cell: the unit of the row's values).
UNIT_WORDS = frozenset(UNITS)
#: Lines that hold no labels or values: page footers, rules, rows of bare pipes.
NOT_CONTENT = (LineKind.FOOTER, LineKind.RULE, LineKind.PIPES)

#: A number as written, in parts: its sign, integer digits, decimals and money unit.
GLUED_RUN = regex.compile(r"(?P<sign>[+\-])?(?P<int>\d+)(?:\.(?P<frac>\d+))?(?P<unit>万元|元)?")
#: Numbers glued with their signs and nothing else between them (``2648-18538``).
SIGNED_RUNS = regex.compile(r"(?:[+\-]?\d+(?:\.\d+)?)+(?:万元|元)?")


def glued_piece(value: Value, span: Span | None, m: regex.Match[str]) -> Piece:
    """A run of digits (matched by :data:`GLUED_RUN`) that recovery may split into glued cells."""
    return Piece(value, span, glued=True, digits=m.group("int"), sign=m.group("sign") or "",
                 frac=m.group("frac"), unit=m.group("unit"))


def value_piece(value: Value, span: Span | None, text: str, clean: bool = False) -> Piece:
    """What a value token becomes: a glued run when it is two or more digits and not the whole
    content of a cell (``clean``), else one value."""
    m = None if clean else GLUED_RUN.fullmatch(text)
    if m is not None and len(m.group("int")) > 1:
        return glued_piece(value, span, m)
    return Piece(value, span)


class RunPieces(NamedTuple):
    """The pieces of digits glued with signs, and whether every part was a value."""

    pieces: list[Piece]
    whole: bool


def run_pieces(text: str, start: int, span: Callable[[int, int], Span]) -> RunPieces:
    """Split ``text`` (at ``start`` in the source; ``span`` makes spans) into glued runs, up to the
    first part that is not a value."""
    pieces: list[Piece] = []
    for m in GLUED_RUN.finditer(text):
        sub = parse_value(m.group(0))
        if sub is None:
            return RunPieces(pieces, False)
        pieces.append(glued_piece(sub, span(start + m.start(), start + m.end()), m))
    return RunPieces(pieces, True)
