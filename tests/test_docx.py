"""Word files: paragraphs in order, tables as grids (merges, nesting, empty cells), hostile files
bounded, and a generated report written as a .docx read back whole."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings

from zhgov_report import InputKind, _docx, flatten, from_dict, parse, to_dict
from zhgov_report._docx import read_docx, strip_properties

from .strategies import examples
from .strategies.docx import W_NS, cell, docx_bytes, paragraph, report_docx, table
from .strategies.reports import consistent_reports
from .strategies.truth import describe, same


def _codes(extracted):
    return [d.code for d in extracted.diagnostics]


def _consistent(extracted):
    for grid in extracted.grids:
        for c in grid.cells:
            assert extracted.text[c.start:c.end] == c.text


def test_paragraphs_in_order_runs_joined():
    ex = read_docx(docx_bytes(paragraph("第一段", runs=3) + paragraph("第二段2019年", runs=2)))
    assert ex.kind is InputKind.DOCX
    assert ex.text.splitlines() == ["第一段", "第二段2019年"]
    assert ex.grids == () and ex.diagnostics == ()


def test_table_cells_at_their_positions_with_empty_cells():
    ex = read_docx(docx_bytes(paragraph("前") + table([["规章", "1", ""], ["规范性文件", "", "0"]]) + paragraph("后")))
    (grid,) = ex.grids
    assert (grid.n_rows, grid.n_cols) == (2, 3)
    rows = grid.rows()
    assert [[c.text if c else None for c in r] for r in rows] == [["规章", "1", ""], ["规范性文件", "", "0"]]
    assert rows[0][2].empty and not rows[1][2].empty
    _consistent(ex)
    assert ex.text.splitlines()[0] == "前" and ex.text.splitlines()[-1] == "后"


def test_grid_span_and_vertical_merge():
    body = ("<w:tbl>"
            f"<w:tr>{cell('三、本年度办理结果', vmerge='restart')}{cell('（一）予以公开', span=2)}{cell('5')}</w:tr>"
            f"<w:tr>{cell('', vmerge='continue')}{cell('（三）不予公开')}{cell('1.属于国家秘密')}{cell('')}</w:tr>"
            f"<w:tr>{cell('', vmerge='continue')}{cell('x')}{cell('y')}{cell('7')}</w:tr>"
            "</w:tbl>")
    ex = read_docx(docx_bytes(body))
    (grid,) = ex.grids
    first = grid.cells[0]
    assert (first.text, first.row, first.col, first.rowspan, first.colspan) == ("三、本年度办理结果", 0, 0, 3, 1)
    merged = next(c for c in grid.cells if c.text == "（一）予以公开")
    assert (merged.col, merged.colspan) == (1, 2)
    assert grid.rows()[2][3].text == "7" and grid.rows()[1][3].empty
    assert (grid.n_rows, grid.n_cols) == (3, 4)
    _consistent(ex)


def test_continue_without_a_cell_above_stands_alone():
    body = f"<w:tbl><w:tr>{cell('a', vmerge='continue')}{cell('b')}</w:tr></w:tbl>"
    (grid,) = read_docx(docx_bytes(body)).grids
    assert [(c.text, c.rowspan) for c in grid.cells] == [("a", 1), ("b", 1)]


def test_nested_table_is_a_grid_of_its_own():
    inner = table([["内", "1"]])
    body = f"<w:tbl><w:tr>{cell('外', inner=inner)}{cell('2')}</w:tr></w:tbl>"
    ex = read_docx(docx_bytes(body))
    assert len(ex.grids) == 2
    assert [c.text for c in ex.grids[0].cells] == ["外", "2"]
    assert [c.text for c in ex.grids[1].cells] == ["内", "1"]
    _consistent(ex)


def test_content_controls_and_breaks():
    body = ("<w:sdt><w:sdtContent>" + paragraph("控件内") + "</w:sdtContent></w:sdt>"
            '<w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t><w:tab/><w:t>丙</w:t></w:r></w:p>')
    assert read_docx(docx_bytes(body)).text.splitlines() == ["控件内", "甲 乙\t丙"]


def test_doctype_is_refused():
    doc = (f'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
           f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
    ex = read_docx(docx_bytes("", document=doc))
    assert ex.text == "" and _codes(ex) == ["DOCX_UNREADABLE"]


def test_not_well_formed():
    ex = read_docx(docx_bytes("", document=f'<w:document xmlns:w="{W_NS}"><w:body><w:p>'))
    assert ex.text == "" and _codes(ex) == ["DOCX_UNREADABLE"]


def test_zip_bomb_ratio_is_not_inflated():
    filler = "<w:p/>" * 400_000  # 2.4 MB that deflates to a few kB
    ex = read_docx(docx_bytes(filler))
    assert _codes(ex) == ["DOCX_TOO_LARGE"] and ex.text == ""


def test_declared_size_past_the_bound(monkeypatch):
    monkeypatch.setattr(_docx, "MAX_MEMBER", 1000)
    assert _codes(read_docx(docx_bytes(paragraph("x" * 2000)))) == ["DOCX_TOO_LARGE"]


def test_header_understating_its_size_is_still_bounded():
    data = bytearray(docx_bytes(paragraph("正文" * 500)))
    cd = data.rfind(b"PK\x01\x02")  # the central directory entry of the last member
    while data[cd + 46: cd + 46 + 17] != b"word/document.xml":
        cd = data.rfind(b"PK\x01\x02", 0, cd)
    struct.pack_into("<I", data, cd + 24, 10)  # uncompressed size: 10 bytes
    ex = read_docx(bytes(data))
    assert ex.text == "" or len(ex.text) <= 10
    assert ex.diagnostics


def test_zip_without_document_and_broken_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "hi")
    report = parse(buf.getvalue())
    assert [d.code for d in report.diagnostics][:1] == ["BINARY_UNKNOWN"]
    assert report.format.value == "unknown"
    assert _codes(read_docx(b"PK\x03\x04garbage")) == ["DOCX_UNREADABLE"]


def test_strip_properties_keeps_text_and_merges():
    xml = docx_bytes(cell("甲", span=2, vmerge="restart"))
    raw = zipfile.ZipFile(io.BytesIO(xml)).read("word/document.xml")
    stripped = strip_properties(raw)
    assert b"rPr" not in stripped and b"gridSpan" in stripped and b"vMerge" in stripped and "甲".encode() in stripped
    nested = b"<w:rPr><w:rPrChange><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr><w:t>x</w:t>"
    assert strip_properties(nested) == b"<w:rPr><w:rPrChange></w:rPrChange></w:rPr><w:t>x</w:t>"  # well-formed
    assert strip_properties(b"</w:rPr><w:rPr>" * 1000 + b"<w:t>y</w:t>").endswith(b"<w:t>y</w:t>")


def test_parse_keeps_the_text_spans_point_into():
    report = parse(docx_bytes(paragraph("某县人民政府2020年政府信息公开工作年度报告") + table([["规章", "1"]])))
    assert report.meta.input is InputKind.DOCX
    assert report.text is not None and report.text.startswith("某县人民政府2020年")
    span = report.meta.year_span
    assert span is not None and report.text[span.start:span.end] == "2020"
    back = from_dict(to_dict(report))
    assert back.text == report.text and back.meta.input is InputKind.DOCX


def test_text_input_keeps_no_text():
    assert parse("某县2020年政府信息公开工作年度报告").text is None


@settings(max_examples=examples(25), deadline=None)
@given(report=consistent_reports())
def test_generated_report_as_docx_round_trips(report):
    parsed = parse(report_docx(report))
    assert parsed.meta.input is InputKind.DOCX
    flat = flatten(parsed)
    wrong = {k: (v, flat[k]) for k, v in report.values.items() if k in flat and not same(v, flat[k])}
    missing = [k for k in report.values if k not in flat]
    assert not wrong, f"wrong values {wrong}; {describe(parsed)}"
    assert not missing, f"values not read: {missing[:8]}; {describe(parsed)}"
    assert flat["meta.year"] == report.year


def test_large_document_is_read_in_bounded_time():
    rows = [[f"第{i}行", str(i), ""] for i in range(3000)]
    ex = read_docx(docx_bytes(table(rows)))
    assert ex.grids[0].n_rows == 3000


@pytest.mark.parametrize("bad", [b"PK\x03\x04", b"PK\x05\x06" + b"\x00" * 18])
def test_truncated_zips_never_raise(bad):
    assert read_docx(bad).diagnostics


def test_damaged_bytes_never_raise():
    import random

    rnd = random.Random(7)
    good = (Path(__file__).parent / "data" / "corpus" / "html-002.docx").read_bytes()
    for _ in range(60):
        data = bytearray(good)
        for _ in range(rnd.randint(1, 30)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        report = parse(bytes(data[: rnd.randrange(len(data) // 2, len(data) + 1)]))
        assert report.meta.input in (InputKind.DOCX, InputKind.BINARY, InputKind.TEXT, InputKind.HTML)
