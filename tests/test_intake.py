"""Text intake: decoding bytes and the length-preserving normalisation."""

from __future__ import annotations

import codecs

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from zhgov_report import flatten, parse
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


_ALL_CHARS = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)
# Digits to the regex module (whose Unicode database may be newer than Python's) that int() rejects.
_FOREIGN_DIGITS = [ch for ch in regex.findall(r"\d", _ALL_CHARS) if not ch.isdecimal()]


def test_every_digit_python_cannot_read_lies_outside_the_bmp():
    # normalise() looks for such digits among the characters outside the BMP only
    assert all(ord(ch) > 0xFFFF for ch in _FOREIGN_DIGITS)
    # and a digit both engines know is one Python reads
    assert all(ch.isdecimal() for ch in regex.findall(r"\d", _ALL_CHARS) if ord(ch) <= 0xFFFF)


def test_digits_python_cannot_read_are_not_read_as_digits():
    raw = "共收到申请1\U0001e4f1件😀，" + "".join(_FOREIGN_DIGITS)
    norm = normalise(raw)
    assert len(norm) == len(raw)
    assert norm.startswith("共收到申请1\ufffd件😀,")  # other characters outside the BMP stay
    assert not regex.search(r"\d", norm[6:])
    # more than 16 characters to change: the translation path gives the same
    many = raw + "".join(chr(cp) for cp in range(0xFF01, 0xFF20))
    assert normalise(many) == norm + "".join(chr(cp) for cp in range(0xFF01, 0xFF20)).translate(_TABLE)


@pytest.mark.parametrize(
    "text",
    [
        "2020年政府信息公开工作年度报告。本年共收到政府信息公开申请\U0001e4f1件。",
        "2020年报告\n一、本年新收政府信息公开申请数量 | \U0001e4f1 | 2 |\n",
        "\U0001e4f1\U0001e4f2年政府信息公开工作年度报告",
        "统计指标 | 单位 | 统计数\n主动公开文件数 | 条 | 1\U0001e4f1\n",
    ],
)
def test_parse_does_not_raise_on_digits_python_cannot_read(text):
    report = parse(text)
    flat = flatten(report, uncertain=True)
    # the digit is not read as a number: no figure from the prose, no table value beside the 2
    assert not report.figures
    assert all(v in (None, 1, 2) for k, v in flat.items() if not k.startswith("meta."))
    assert parse(text.encode("utf-8")).format == report.format


def test_source_spans_give_line_and_column():
    src = Source("ab\ncde\nf")
    span = src.span(4, 7)
    assert (span.line, span.column, span.end_line) == (2, 2, 2)  # the newline ends line 2
    assert src.original[span.start:span.end] == "de\n"
    wide = src.span(4, 8)
    assert (wide.line, wide.end_line) == (2, 3)


def _eager_span(text: str, start: int, end: int) -> tuple[int, int, int, int, int]:
    """What a span is, from first principles: lines counted from the start of the text."""
    last = max(start, end - 1)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return (start, end, line, column, text.count("\n", 0, last) + 1 if end - 1 > start else line)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab\n", max_size=60),
    st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=12),
    st.sampled_from([(1 << 16, 1 << 20, 8), (3, 5, 2), (1, 0, 0), (7, 2, 100)]),
)
def test_the_lazy_line_index_gives_every_span_as_a_full_count_would(text, queries, limits):
    import zhgov_report._intake as intake

    chunk, far, far_calls = limits
    saved = intake._LINES_CHUNK, intake._FAR, intake._FAR_CALLS
    intake._LINES_CHUNK, intake._FAR, intake._FAR_CALLS = chunk, far, far_calls
    try:
        src = Source(text)
        for a, b in queries:  # in any order: near the index, far past it, behind it
            a, b = min(a, len(text)), min(max(a, b), len(text))
            sp = src.span(a, b)
            assert (sp.start, sp.end, sp.line, sp.column, sp.end_line) == _eager_span(text, a, b)
            assert src.line_of(a) == text.count("\n", 0, a) + 1
        assert src.line_count == text.count("\n") + 1
        for line in range(1, text.count("\n") + 2):
            assert src.line_start(line) == ([0] + [i + 1 for i, c in enumerate(text) if c == "\n"])[line - 1]
    finally:
        intake._LINES_CHUNK, intake._FAR, intake._FAR_CALLS = saved


def test_parse_rejects_other_types():
    with pytest.raises(TypeError):
        parse(123)  # type: ignore[arg-type]


LONG = TEXT * 30  # a few hundred characters outside ASCII, as every real report has


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_few_bad_bytes_keep_the_encoding(encoding):
    data = bytearray(LONG.encode(encoding))
    data[len(TEXT.encode(encoding)) + 1] = 0xFF  # a stray byte inside the second copy's first character
    text, used, diags = decode(bytes(data))
    assert used == encoding
    assert text.count("\ufffd") >= 1 and text.endswith(TEXT)
    (diag,) = diags
    assert diag.code == "DECODE_REPLACED" and f"not valid {encoding}" in diag.message
    assert f"byte {len(TEXT.encode(encoding))}" in diag.message


def test_a_truncated_last_character_keeps_utf8():
    data = (LONG + "报告").encode("utf-8")[:-1]
    text, used, diags = decode(data)
    assert used == "utf-8" and text == LONG + "报\ufffd"
    assert "1 run " in diags[0].message


def test_replacement_characters_in_the_text_are_not_counted_as_bad_bytes():
    data = (LONG + "\ufffd\ufffd").encode("utf-8") + b"\xff"
    _, used, diags = decode(data)
    assert used == "utf-8" and diags[0].message.startswith("1 run ")


def test_a_damaged_utf16_with_bom_keeps_its_text():
    data = codecs.BOM_UTF16_BE + LONG.encode("utf-16-be") + b"\xd8"  # a lone half of a surrogate
    text, used, diags = decode(data)
    assert used == "utf-16" and text.startswith(TEXT) and [d.code for d in diags] == ["DECODE_REPLACED"]


def test_text_in_another_encoding_is_not_read_as_damaged_utf8():
    text, used, _ = decode(LONG.encode("gb18030"))
    assert used == "gb18030" and text == LONG
