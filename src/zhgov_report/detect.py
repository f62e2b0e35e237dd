"""Format detection: which layout a report follows, why, and the year it covers.

Detection is by fingerprints (FORMATS.md §1): the column headers and row labels that only one
layout has. The year decides only when no layout-specific fingerprint is present (a report whose
tables were images keeps its section headings but no table text).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import regex

from . import diagnostics as dg
from ._intake import Source
from .models import Detection, Diagnostic, Evidence, Format, Span
from .templates import form2019, form2021, sheet
from .templates._labels import loose

__all__ = ["POST2019_FINGERPRINTS", "detect", "find_year"]

#: Fingerprints that both post-2019 templates share: they say "post-2019" but not which.
POST2019_FINGERPRINTS: tuple[tuple[str, int], ...] = (
    ("本年新收政府信息公开申请数量", 3),
    ("上年结转政府信息公开申请数量", 2),
    ("本列数据的勾稽关系", 3),
    ("第二十条第(一)项", 2),
    ("结转下年度继续办理", 2),
    ("未经复议直接起诉", 2),
    ("收到和处理政府信息公开申请情况", 2),
    ("政府信息公开行政复议、行政诉讼情况", 1),
)

_POST = "post2019"
_GROUPS: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = (
    (Format.FORM2021.value, form2021.FINGERPRINTS),
    (Format.FORM2019.value, form2019.FINGERPRINTS),
    (Format.PRE2019.value, sheet.FINGERPRINTS),
    (_POST, POST2019_FINGERPRINTS),
)
_ENTRIES: tuple[tuple[str, str, int], ...] = tuple((fmt, p, w) for fmt, fps in _GROUPS for p, w in fps)


def _trie(seqs: Sequence[Sequence[str]]) -> str:
    """One alternation of token sequences with their common prefixes factored out
    (``本\\s*(?:年\\s*…|列\\s*…)``), which the standard library's engine scans many times faster
    than the plain alternation. Raises ``ValueError`` when one sequence is a prefix of another."""
    heads: dict[str, list[Sequence[str]]] = {}
    for seq in seqs:
        heads.setdefault(seq[0], []).append(seq[1:])
    alts = []
    for head, rests in heads.items():
        tails = [r for r in rests if r]
        if tails and len(tails) < len(rests):
            raise ValueError(f"a fingerprint is a prefix of another one after {head!r}")
        alts.append(head + r"\s*" + _trie(tails) if tails else head)
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


# Every fingerprint, loosely (whitespace between any two characters). No fingerprint matches where
# another one does (none is a prefix of another, tests/test_detect.py checks it), so the order of
# the alternatives does not matter and the factored form finds the same matches as the plain
# alternation. ``re`` takes the same ``\s`` as ``regex`` on normalised text (which holds no control
# characters), and the fingerprints have no other class but ``[、.．,]``.
_FP = re.compile(_trie([[loose(ch) for ch in p if not ch.isspace()] for _, p, _ in _ENTRIES]))
# A match's fingerprint, by its text without whitespace, with ``、.．,`` as ``、`` and without the
# quotes that a loose pattern makes optional (``"?``).
_MARKS = str.maketrans({".": "、", "．": "、", ",": "、", '"': None})


def _fp_key(text: str) -> str:
    return "".join(text.split()).translate(_MARKS)


# (the first of two equal fingerprints, as the alternation took)
_FP_INDEX: dict[str, int] = {}
for _i, _entry in enumerate(_ENTRIES):
    _FP_INDEX.setdefault(_fp_key(_entry[1]), _i)

#: Fingerprints are looked for in this many characters (real reports are well under 100,000).
SCAN_LIMIT = 1_000_000

# Pre-2019 sheet evidence must be strong: prose of 2019/2020 reports still mentions 回应解读情况.
_PRE_THRESHOLD = 4

_Y = r"((?:19|20)\d{2})"
_TITLE_YEAR = regex.compile(
    _Y + r"\s*年\s*(?:度)?\s*(?:的)?\s*(?:全\S{0,6})?\s*政\s*[府务]\s*信\s*息\s*(?:与政务)?\s*公\s*开\s*(?:工\s*作)?\s*"
    r"(?:的)?\s*(?:年\s*度\s*报\s*告|情\s*况\s*(?:的)?\s*报\s*告|工\s*作\s*报\s*告|年\s*报)"
)
_PERIOD_YEAR = regex.compile(
    r"(?:统计|期限|时限|周期|时间|期间|自|从)[^。\n]{0,24}?" + _Y + r"\s*年?\s*0?1\s*月\s*0?1\s*日"
)
_ANY_YEAR = regex.compile(_Y + r"\s*年")
_REPORTISH = regex.compile(r"信\s*息\s*公\s*开|政\s*务\s*公\s*开")


def find_year(src: Source) -> tuple[int | None, Span | None]:
    """The year the report covers: from its title, else its statistics period, else the year most
    often written in its opening."""
    text = src.text
    head = text[:20_000]
    for pattern in (_TITLE_YEAR, _PERIOD_YEAR):
        m = pattern.search(head)
        if m is not None:
            y = int(m.group(1))
            if 2000 <= y <= 2100:
                return y, src.span(m.start(1), m.end(1))
    counts: dict[int, int] = {}
    first: dict[int, tuple[int, int]] = {}
    for m in _ANY_YEAR.finditer(text[:5000]):
        y = int(m.group(1))
        if 2007 <= y <= 2100:
            counts[y] = counts.get(y, 0) + 1
            first.setdefault(y, (m.start(1), m.end(1)))
    if counts:
        y = max(counts, key=lambda k: (counts[k], -first[k][0]))
        return y, src.span(*first[y])
    return None, None


def _by_year(year: int | None) -> Format:
    if year is None:
        return Format.UNKNOWN
    if year <= 2018:
        return Format.PRE2019
    if year <= 2020:
        return Format.FORM2019
    return Format.FORM2021


def detect_source(src: Source) -> tuple[Detection, list[Diagnostic]]:
    """Detect the layout of a :class:`Source` (the internal entry point)."""
    evidence: list[Evidence] = []
    seen: set[int] = set()
    score = {fmt: 0 for fmt, _ in _GROUPS}
    for m in _FP.finditer(src.text, 0, min(len(src.text), SCAN_LIMIT)):
        idx = _FP_INDEX[_fp_key(m.group())]
        if idx in seen:
            continue
        seen.add(idx)
        group, pattern, weight = _ENTRIES[idx]
        evidence.append(Evidence(pattern, Format(group) if group != _POST else Format.UNKNOWN, weight,
                                 src.span(m.start(), m.end())))
        score[group] += weight
        if len(seen) == len(_ENTRIES):
            break
    year, year_span = find_year(src)
    diags: list[Diagnostic] = []
    s21, s19 = score[Format.FORM2021.value], score[Format.FORM2019.value]
    spre, spost = score[Format.PRE2019.value], score[_POST]
    fmt: Format
    if s21 or s19:
        if s21 and s19:
            diags.append(dg.make("FORMAT_CONFLICT", f"fingerprints of form2021 (weight {s21}) and form2019 "
                                 f"(weight {s19}) both matched"))
        if s21 == s19:
            fmt = Format.FORM2021 if (year or 0) >= 2021 else Format.FORM2019
            reason = f"form2019 and form2021 fingerprints tie ({s19}); decided by the year"
        else:
            fmt = Format.FORM2021 if s21 > s19 else Format.FORM2019
            reason = f"{fmt} fingerprints (weight {max(s19, s21)})"
        if spre >= _PRE_THRESHOLD and spre > max(s19, s21) + spost:
            fmt = Format.PRE2019
            reason = f"pre2019 sheet fingerprints (weight {spre}) outweigh post-2019 ones"
    elif spost:
        if spre >= _PRE_THRESHOLD and spre > spost:
            fmt, reason = Format.PRE2019, f"pre2019 sheet fingerprints (weight {spre})"
        else:
            fmt = _by_year(year)
            if fmt is Format.PRE2019:
                fmt = Format.UNKNOWN
            reason = f"post-2019 fingerprints (weight {spost}) without a template-specific one; year {year}"
            if fmt is Format.UNKNOWN:
                diags.append(dg.make("FORMAT_UNKNOWN", "post-2019 tables without a fingerprint telling form2019 "
                                     "from form2021, and no report year of 2019 or later"))
            else:
                diags.append(dg.make("FORMAT_BY_YEAR", f"post-2019 layout; {fmt} by the report year {year}"))
    elif spre >= _PRE_THRESHOLD:
        fmt, reason = Format.PRE2019, f"pre2019 sheet fingerprints (weight {spre})"
    else:
        fmt = _by_year(year) if _REPORTISH.search(src.text[:50_000]) else Format.UNKNOWN
        if fmt is Format.UNKNOWN:
            reason = "no fingerprint matched and no report year"
            diags.append(dg.make("FORMAT_UNKNOWN", "no layout fingerprint matched and the year does not decide"))
        else:
            reason = f"no table fingerprint; decided by the report year {year}"
            diags.append(dg.make("FORMAT_BY_YEAR", f"no table fingerprint in the text; {fmt} by the year {year}",
                                 span=year_span))
    if year is None:
        diags.append(dg.make("YEAR_MISSING", "the report year was not found"))
    return Detection(fmt, year, tuple(evidence), reason, year_span), diags


def detect(text: str) -> Detection:
    """Detect the layout of report ``text``: ``pre2019``, ``form2019``, ``form2021`` or ``unknown``.

    The :class:`~zhgov_report.models.Detection` carries the fingerprints that matched (with their
    place in the text) and the report year when the text states it.
    """
    if not isinstance(text, str):
        raise TypeError(f"detect() takes str, not {type(text).__name__}")
    return detect_source(Source(text))[0]
