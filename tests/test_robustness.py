"""parse() and tokenize() never raise on arbitrary input."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhgov_report import flatten, parse, tokenize

# Text that looks like reports: labels, digits, pipes, numbering, brackets and line breaks.
_ALPHABET = st.sampled_from(list("0123456789|| \n\t一二三四五六七八九十、.()（）总计合计规章行政许可申请数量-—/元万条件"
                                 "本年新收上年结转予以公开部分结果维持纠正统计指标单位第二十条项"))
reportish = st.lists(_ALPHABET, max_size=400).map("".join)


@settings(max_examples=1000)
@given(st.text())
def test_parse_never_raises_on_text(text):
    report = parse(text)
    flatten(report, uncertain=True)


@settings(max_examples=1000)
@given(st.binary())
def test_parse_never_raises_on_bytes(data):
    parse(data)


@settings(max_examples=1000)
@given(st.text())
def test_tokenize_never_raises(text):
    for line in tokenize(text):
        for cell in line.cells:
            assert text[cell.span.start:cell.span.end]


@settings(max_examples=1000)
@given(reportish)
def test_parse_never_raises_on_reportish_text(text):
    flatten(parse(text), uncertain=True)


def test_parse_leaves_the_garbage_collector_as_it_found_it() -> None:
    """parse() pauses the cyclic collector while it runs (issue 12) and resumes it afterwards, also
    when the call fails; a collector the caller disabled stays disabled."""
    text = "2021年政府信息公开工作年度报告\n规章 | 0 | 0 |"
    assert gc.isenabled()
    parse(text)
    assert gc.isenabled()
    with pytest.raises(TypeError):
        parse(123)  # type: ignore[arg-type]
    assert gc.isenabled()
    gc.disable()
    try:
        parse(text)
        assert not gc.isenabled()
    finally:
        gc.enable()
