"""Cell text to Value: integers, signs, decimals, units, separators, placeholders."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhgov_report import ValueKind
from zhgov_report._intake import normalise
from zhgov_report._numbers import parse_value


@pytest.mark.parametrize(
    ("text", "number", "unit", "signed"),
    [
        ("0", 0, None, False),
        ("859", 859, None, False),
        ("1,234", 1234, None, False),
        ("12,345,678", 12345678, None, False),
        ("+1036", 1036, None, True),
        ("-5", -5, None, True),
        ("减3", -3, None, True),
        ("增5", 5, None, True),
        ("96171.6", Decimal("96171.6"), None, False),
        ("0.2", Decimal("0.2"), None, False),
        ("251000元", 251000, "元", False),
        ("6805947.43元", Decimal("6805947.43"), "元", False),
        ("1.5万元", Decimal("1.5"), "万元", False),
        ("1个", 1, "个", False),
        ("12人次", 12, "人次", False),
    ],
)
def test_numbers(text, number, unit, signed):
    v = parse_value(text)
    assert v is not None and v.kind is ValueKind.NUMBER
    assert v.number == number and type(v.number) is type(number)
    assert (v.unit, v.signed) == (unit, signed)


@pytest.mark.parametrize("text", ["１２３", "（１）".strip("（）"), "－５"])
def test_full_width_after_normalisation(text):
    v = parse_value(normalise(text))
    assert v is not None and v.kind is ValueKind.NUMBER


@pytest.mark.parametrize("text", ["—", "——", "-", "－", "/", "无", "空", "N/A", "--"])
def test_placeholders_are_not_applicable_not_zero(text):
    v = parse_value(normalise(text))
    assert v is not None and v.kind is ValueKind.NOT_APPLICABLE and v.number is None
    assert v.as_flat() is None and v.numeric() is None


def test_blank():
    v = parse_value("  ")
    assert v is not None and v.kind is ValueKind.BLANK and v.numeric() == 0 and v.as_flat() is None


@pytest.mark.parametrize("text", ["规章", "本年新收", "1.属于国家秘密", "12a", "1" * 40, "第二十条"])
def test_labels_and_garbage_are_not_values(text):
    assert parse_value(text) is None


def test_int_and_decimal_kept_apart():
    assert isinstance(parse_value("3").number, int)
    assert isinstance(parse_value("3.0").number, Decimal)
