"""Label matching shared by every layout: compare labels with whitespace ignored.

PDF extraction and ``<br>`` tags put spaces and line breaks inside labels (``商 业 企\\n业``), so a
label pattern is compiled to a regular expression that allows whitespace between any two of its
characters. Patterns are written in normalised form (half-width brackets and punctuation, see
:mod:`zhgov_report._intake`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import regex

__all__ = ["compact", "loose", "loose_any"]

_WS = regex.compile(r"\s+")


def compact(text: str) -> str:
    """``text`` without any whitespace."""
    return str(_WS.sub("", text))


def loose(pattern: str) -> str:
    """A regex source matching the literal ``pattern`` with optional whitespace between characters.

    ``(`` and ``)`` also match their full-width forms' normalised equivalents only (normalisation
    already folded them); a ``、`` in a pattern also matches ``.``, ``．`` and ``,``.
    """
    parts = []
    for ch in pattern:
        if ch.isspace():
            continue
        if ch in "、.．":
            parts.append(r"[、.．,]")
        elif ch == '"':
            parts.append(r'"?')
        else:
            parts.append(regex.escape(ch))
    return r"\s*".join(parts)


@lru_cache(maxsize=512)
def _compiled(patterns: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile("|".join(f"(?:{loose(p)})" for p in patterns))


def loose_any(patterns: Iterable[str]) -> regex.Pattern[str]:
    """One compiled pattern matching any of ``patterns`` loosely (cached)."""
    return _compiled(tuple(patterns))
