"""The shared value lexer (zhgov_report._values): what a value token becomes as a recovery piece."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from zhgov_report._numbers import parse_value
from zhgov_report._values import (
    COUNT_WORDS,
    GLUED_RUN,
    ORDINALS,
    SENTENCE_MARKS,
    UNIT_WORDS,
    run_pieces,
    value_piece,
)
from zhgov_report.models import Span, Value


def _span(a: int, b: int) -> Span:
    return Span(a, b, 1, a + 1, 1)


def _value(text: str) -> Value:
    v = parse_value(text)
    assert v is not None
    return v


def test_a_digit_run_outside_a_cell_may_hold_glued_cells() -> None:
    p = value_piece(_value("212210037"), None, "212210037")
    assert p.glued and p.digits == "212210037" and p.sign == "" and p.frac is None and p.unit is None


def test_the_whole_content_of_a_cell_is_one_value() -> None:
    p = value_piece(_value("212210037"), None, "212210037", clean=True)
    assert not p.glued and p.digits == ""


def test_a_single_digit_is_one_value() -> None:
    assert not value_piece(_value("7"), None, "7").glued


def test_sign_decimals_and_money_unit_are_kept_apart_from_the_digits() -> None:
    p = value_piece(_value("-12.5万元"), None, "-12.5万元")
    assert (p.glued, p.sign, p.digits, p.frac, p.unit) == (True, "-", "12", "5", "万元")


def test_a_number_with_thousands_separators_is_not_a_run() -> None:
    assert not value_piece(_value("1,234"), None, "1,234").glued


def test_digits_glued_with_signs_split_at_the_signs() -> None:
    run = run_pieces("2648-18538", 10, _span)
    assert run.whole
    assert [p.value.number for p in run.pieces] == [Decimal(2648), Decimal(-18538)]
    assert [(p.span.start, p.span.end) for p in run.pieces if p.span] == [(10, 14), (14, 20)]
    assert all(p.glued for p in run.pieces)


def test_a_part_too_long_to_be_a_value_ends_the_run() -> None:
    run = run_pieces("12-" + "9" * 30, 0, _span)
    assert not run.whole
    assert [p.value.raw for p in run.pieces] == ["12"]


def test_the_declared_words() -> None:
    assert len(ORDINALS) == 10 and ORDINALS[0] == "一" and ORDINALS[-1] == "十"
    assert {"件", "条", "万元"} <= UNIT_WORDS
    assert "件" in COUNT_WORDS.split("|")
    assert "。" in SENTENCE_MARKS and "；" not in SENTENCE_MARKS


@given(st.text("0123456789", min_size=2, max_size=12))
def test_every_digit_run_keeps_all_its_digits(digits: str) -> None:
    p = value_piece(_value(digits), None, digits)
    assert p.glued and p.digits == digits


@given(st.lists(st.integers(-9999, 9999), min_size=1, max_size=5))
def test_signed_runs_give_back_their_numbers(numbers: list[int]) -> None:
    text = "".join(f"{n:+d}" if k else str(n) for k, n in enumerate(numbers))
    run = run_pieces(text, 0, _span)
    assert run.whole
    assert [p.value.number for p in run.pieces] == [Decimal(n) for n in numbers]
    assert "".join(m.group(0) for m in GLUED_RUN.finditer(text)) == text
