"""A report converted to Traditional Chinese reads as the Simplified report does.

The conversion is the inverse of the generated map (zhgov_report._t2s) restricted to its one-to-one
pairs: a Simplified character is written in Traditional only where exactly one Traditional
character maps to it (国 → 國; not 发, which both 發 and 髮 become). Normalisation must bring the
text back: the same values, certainty, checks and diagnostics at the same offsets.
"""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhgov_report import _t2s, flatten, parse, to_dict

from ..strategies import examples
from ..strategies.forms import any_reports
from ..strategies.render import SHAPES, render, styles

DATA = Path(__file__).resolve().parent.parent / "data"


def _inverse(pairs: dict[str, str], among: dict[str, str]) -> dict[str, str]:
    """Simplified -> Traditional for the pairs whose Simplified side has one Traditional source in
    ``among`` (the whole map)."""
    sources: defaultdict[str, list[str]] = defaultdict(list)
    for t, s in among.items():
        sources[s].append(t)
    return {s: t for t, s in pairs.items() if len(sources[s]) == 1 and s not in among}


_FIRM = dict(zip(_t2s.FIRM_FROM, _t2s.FIRM_TO, strict=True))
_ALL = _FIRM | dict(zip(_t2s.DOUBTFUL_FROM, _t2s.DOUBTFUL_TO, strict=True))
#: every one-to-one pair (於 for 于 too: a whole text is converted, so it reads as Traditional)
TO_TRADITIONAL = _inverse(_ALL, _ALL)
#: the firm pairs only, for texts converted in part (which may not read as Traditional)
TO_TRADITIONAL_FIRM = _inverse(_FIRM, _ALL)

REAL = sorted(p for p in (DATA / "corpus").glob("*.txt")
              if p.name.endswith((".scraped.txt", ".asis.txt", ".blanked.txt")))


def to_traditional(text: str, table: dict[str, str] = TO_TRADITIONAL, share: float = 1.0,
                   seed: int = 0) -> str:
    """``text`` with ``share`` of its convertible characters written in Traditional."""
    rng = random.Random(seed)
    return "".join(table[ch] if ch in table and rng.random() < share else ch for ch in text)


def _values(text: str) -> dict[str, object]:
    return flatten(parse(text))


#: what is quoted from the caller's text as it is written (Traditional stays Traditional there):
#: row labels and their paths, section headings and texts, table titles, prose sentences, and the
#: checks' descriptions and diagnostics' messages that quote them (their codes and spans are compared)
_AS_WRITTEN = frozenset({"label", "path", "heading", "text", "title", "sentence", "description", "message"})


def _read(obj: object) -> object:
    """``to_dict`` of a result less the texts taken as written."""
    if isinstance(obj, dict):
        return {k: _read(v) for k, v in obj.items() if k not in _AS_WRITTEN}
    if isinstance(obj, list):
        return [_read(v) for v in obj]
    return obj


def test_the_conversion_changes_a_report():
    text = (DATA / "corpus" / "raw-009.scraped.txt").read_text(encoding="utf-8")
    converted = to_traditional(text)
    assert len(converted) == len(text)
    assert sum(a != b for a, b in zip(text, converted, strict=True)) > len(text) // 10
    assert "政府信息公開" in converted and "行政訴訟" in converted


@settings(max_examples=examples(40), deadline=None)
@given(report=any_reports(), data=st.data())
def test_a_generated_report_in_traditional_reads_the_same(report, data):
    style = data.draw(styles(report.form, shapes=(data.draw(st.sampled_from(SHAPES)),), wrap=False))
    text = render(report, style).text
    converted = to_traditional(text)
    assert _read(to_dict(parse(converted))) == _read(to_dict(parse(text)))


@settings(max_examples=examples(30), deadline=None)
@given(path=st.sampled_from(REAL), share=st.floats(0.0, 1.0), seed=st.integers(0, 2**32 - 1))
def test_a_real_report_converted_in_part_reads_the_same(path, share, seed):
    """Any share of the characters converted (firm pairs only: a text converted in part may hold
    more Simplified than Traditional characters, and then its 于 stays 于)."""
    text = path.read_text(encoding="utf-8")
    assert _values(to_traditional(text, TO_TRADITIONAL_FIRM, share, seed)) == _values(text)


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.stem)
def test_a_real_report_in_traditional_reads_the_same(path):
    text = path.read_text(encoding="utf-8")
    converted = to_traditional(text)
    simplified, traditional = parse(text), parse(converted)
    assert flatten(traditional) == flatten(simplified)
    assert _read(to_dict(traditional)) == _read(to_dict(simplified))
