"""Text intake: decoding bytes and the length-preserving normalisation."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhgov_report import parse
from zhgov_report._intake import _CHUNK, _TABLE, Source, decode, normalise

TEXT = "大溪镇2019年政府信息公开工作年度报告\n一、本年新收政府信息公开申请数量 | 2 | 2 |\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_decode(data, encoding):
    text, enc, _ = decode(data)
    assert text.lstrip("\ufeff") == TEXT
    assert enc == encoding


def test_parse_bytes_records_the_encoding():
    report = parse(TEXT.encode("gb18030"))
    assert report.meta.encoding == "gb18030"
    assert report.meta.year == 2019
    assert parse(TEXT).meta.encoding is None


def test_undecodable_bytes_are_replaced_not_raised():
    text, encoding, diags = decode("报告内容".encode("gbk") + b"\x81")  # a truncated GBK character
    assert text.startswith("报告内容") and text.endswith("\ufffd")
    assert encoding == "gb18030"
    assert [d.code for d in diags] == ["DECODE_REPLACED"]
    report = parse("年度报告".encode("gb18030") + b"\x81")
    assert "DECODE_REPLACED" in {d.code for d in report.diagnostics}


def test_normalise_keeps_length_and_folds_widths():
    raw = "（一）１２，３４５\u3000\u200b“三安全一稳定”\r\n第二行\u2028"
    norm = normalise(raw)
    assert len(norm) == len(raw)
    assert norm.startswith("(一)12,345  ")
    assert '"三安全一稳定"' in norm
    assert "\r" not in norm and norm.count("\n") == 2


_SOME_CHARS = "".join(chr(cp) for cp in _TABLE) + "\r\n 一a1"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_SOME_CHARS, max_size=80))
def test_normalise_is_the_translation_table(raw):
    assert normalise(raw) == raw.replace("\r\n", " \n").translate(_TABLE)


def test_normalise_finds_mapped_characters_in_every_chunk():
    raw = "一" * _CHUNK + "，（" + "一" * _CHUNK + "".join(chr(cp) for cp in range(0xFF01, 0xFF20))
    assert normalise(raw) == raw.translate(_TABLE)
    raw = "\u3000" * (3 * _CHUNK) + "："
    assert normalise(raw) == " " * (3 * _CHUNK) + ":"


def test_source_spans_give_line_and_column():
    src = Source("ab\ncde\nf")
    span = src.span(4, 7)
    assert (span.line, span.column, span.end_line) == (2, 2, 2)  # the newline ends line 2
    assert src.original[span.start:span.end] == "de\n"
    wide = src.span(4, 8)
    assert (wide.line, wide.end_line) == (2, 3)


def test_parse_rejects_other_types():
    with pytest.raises(TypeError):
        parse(123)  # type: ignore[arg-type]
