"""Bounded memory: the memo caches of cell texts and labels never keep a huge cell (issue 15)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zhgov_report import parse
from zhgov_report._cache import MAX_KEY_CHARS, bounded_cache, caches, clear_all
from zhgov_report._numbers import parse_value

from .conftest import seed_text

HUGE = 100_000


def _total_key_chars() -> int:
    return sum(c.key_chars for c in caches())


def test_huge_cells_are_not_remembered() -> None:
    text = seed_text("001")
    huge_number = "1" * HUGE
    huge_label = "其他" * (HUGE // 2)
    huge = text.replace("| 0 |", f"| {huge_number} |", 3).replace("规章 |", f"{huge_label} |", 1)
    assert len(huge) > len(text) + 3 * HUGE
    clear_all()
    report = parse(huge)
    assert report.tables  # the report was read: its cells went through the caches
    assert len(caches()) >= 3
    assert all(len(c) > 0 for c in caches() if c.fn is parse_value)
    bound = sum(c.maxsize for c in caches()) * MAX_KEY_CHARS
    assert _total_key_chars() <= min(bound, HUGE // 4)
    assert parse(huge) == report  # cached or not, the same answer


def test_the_caches_key_size_is_bounded_over_many_reports() -> None:
    clear_all()
    for i in range(40):
        parse(seed_text("001").replace("| 0 |", f"| {'9' * (1000 + i)} |", 1))
    for cache in caches():
        assert cache.key_chars <= cache.maxsize * cache.max_key
        assert len(cache) <= cache.maxsize


_CALLS: list[str] = []


@bounded_cache(maxsize=8, max_key=10)
def _double(s: str) -> str:
    _CALLS.append(s)
    return s + s


@given(st.lists(st.text(alphabet="0123456789,.元件 -", max_size=30), max_size=50))
def test_a_bounded_cache_answers_as_its_function(texts: list[str]) -> None:
    _double.cache_clear()
    _CALLS.clear()
    for t in texts:
        assert _double(t) == t + t
        assert len(_double) <= 8
        assert _double.key_chars <= 8 * 10
    long_calls = [t for t in texts if len(t) > 10]
    assert [t for t in _CALLS if len(t) > 10] == long_calls  # never remembered
    assert len(_CALLS) <= len(texts)
    assert _double in caches()  # registered, so a test can measure it
    _double.cache_clear()
    assert _double.key_chars == 0 and len(_double) == 0
