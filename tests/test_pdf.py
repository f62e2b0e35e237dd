"""PDF files: the layout half on pages built by the tests (no PDF library needed), bytes sniffing,
and PDFium on real and hostile files (skipped without the ``pdf`` extra)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from zhgov_report import InputKind, flatten, parse
from zhgov_report._pdf import MAX_CELLS, MAX_RULES, Char, Page, Rule, layout, rules_of_box
from zhgov_report._sniff import OLE2_MAGIC, sniff

DATA = Path(__file__).parent / "data"
W, H = 595.0, 842.0


def text(s: str, x: float, y: float, size: float = 10.0) -> list[Char]:
    """One line of characters, each ``size`` wide, its top at ``y``."""
    return [Char(ch, x + i * size, y, x + (i + 1) * size, y + size) for i, ch in enumerate(s)]


def ruled(xs: list[float], ys: list[float], *, skip_v: set[tuple[int, int]] = frozenset(),
          skip_h: set[tuple[int, int]] = frozenset()) -> list[Rule]:
    """The rules of a full grid; ``skip_v`` leaves out the vertical rule left of atomic cell (row,
    col), ``skip_h`` the horizontal rule above it (a merged cell)."""
    out = []
    for r in range(len(ys) - 1):
        for c in range(len(xs)):
            if (r, c) not in skip_v:
                out.append(Rule(False, xs[c], ys[r], ys[r + 1]))
    for r in range(len(ys)):
        for c in range(len(xs) - 1):
            if (r, c) not in skip_h:
                out.append(Rule(True, ys[r], xs[c], xs[c + 1]))
    return out


def page(n: int, chars: list[Char], rules: list[Rule] = ()) -> Page:
    return Page(n, W, H, tuple(chars), tuple(rules))


XS = [50.0, 200.0, 300.0, 400.0]


def test_ruled_table_cells_at_positions_with_page_and_box():
    ys = [200.0, 220.0, 240.0]
    chars = (text("前言一段", 50, 150) + text("规章", 55, 205) + text("1", 205, 205) + text("0", 305, 205)
             + text("规范性文件", 55, 225) + text("2", 305, 225) + text("后记", 50, 300))
    ex = layout([page(1, chars, ruled(XS, ys))])
    assert ex.kind is InputKind.PDF
    (grid,) = ex.grids
    rows = grid.rows()
    assert [[c.text for c in r] for r in rows] == [["规章", "1", "0"], ["规范性文件", "", "2"]]
    assert rows[1][1].empty and rows[1][1].page == 1 and rows[1][1].box == (200.0, 220.0, 300.0, 240.0)
    lines = ex.text.splitlines()
    assert lines[0] == "前言一段" and lines[-1] == "后记"
    for c in grid.cells:
        assert ex.text[c.start:c.end] == c.text


def test_merged_cells_span_and_wrapped_labels_join():
    ys = [200.0, 230.0, 250.0]
    rules = ruled(XS, ys, skip_v={(0, 2)}, skip_h={(1, 0)})  # row 0: cols 1-2 merged; col 0: rows 0-1
    chars = (text("三、本", 55, 202) + text("年度办", 55, 214) + text("理结果", 55, 232)
             + text("申请人情况", 210, 205) + text("5", 305, 235) + text("7", 205, 235) + text("9", 405, 205))
    (grid,) = layout([page(1, chars, rules)]).grids
    first = grid.rows()[0][0]
    assert (first.text, first.rowspan, first.colspan) == ("三、本年度办理结果", 2, 1)
    head = grid.rows()[0][1]
    assert (head.text, head.colspan) == ("申请人情况", 2) and grid.rows()[0][2] is head


def test_ascii_words_keep_their_space_cjk_takes_none():
    chars = text("Annual", 50, 100) + text("report", 130, 100) + text("年度", 200, 100) + text("报告", 230, 100)
    assert layout([page(1, chars)]).text.splitlines() == ["Annual report年度报告"]


def test_unruled_columns_stay_apart():
    chars = text("行政处罚", 50, 100) + text("3", 200, 100) + text("12", 300, 100) + text("2019年", 400, 100)
    assert layout([page(1, chars)]).text.splitlines() == ["行政处罚  3  12  2019年"]


def test_table_continued_on_next_page_is_one_grid_and_split_row_joins():
    top = [700.0, 720.0, 760.0]
    chars1 = (text("规章", 55, 705) + text("1", 205, 705) + text("1", 305, 705)
              + text("8.属于行政查询事", 55, 745, size=15.5) + text("0", 205, 745) + text("0", 305, 745))
    bottom = [60.0, 80.0, 100.0]
    chars2 = (text("项", 55, 62) + text("（四）无法提供", 55, 82) + text("3", 205, 82) + text("4", 305, 82)
              + text("- 2 -", 280, 800))
    ex = layout([page(1, chars1 + text("- 1 -", 280, 800), ruled(XS, top)), page(2, chars2, ruled(XS, bottom))])
    (grid,) = ex.grids
    labels = [c.text for c in grid.cells if c.col == 0]
    assert labels == ["规章", "8.属于行政查询事项", "（四）无法提供"]
    split = next(c for c in grid.cells if c.text == "8.属于行政查询事项")
    assert split.page == 1 and grid.rows()[split.row][1].text == "0"
    assert "- 1 -" not in ex.text and "- 2 -" not in ex.text
    assert grid.n_rows == 3


def test_a_header_repeated_on_the_next_page_is_read_once():
    head = text("信息内容", 55, 705) + text("数量", 205, 705) + text("总数", 305, 705)
    chars1 = head + text("规章", 55, 725) + text("1", 205, 725) + text("2", 305, 725)
    chars2 = ([Char(c.ch, c.x0, c.y0 - 640, c.x1, c.y1 - 640) for c in head]
              + text("规范性文件", 55, 85) + text("3", 205, 85) + text("4", 305, 85))
    ex = layout([page(1, chars1, ruled(XS, [700.0, 720.0, 740.0])), page(2, chars2, ruled(XS, [60.0, 80.0, 100.0]))])
    (grid,) = ex.grids
    assert [[c.text for c in r] for r in grid.rows()] == [
        ["信息内容", "数量", "总数"], ["规章", "1", "2"], ["规范性文件", "3", "4"]]


def test_a_real_row_at_the_top_of_the_next_page_stays_a_row():
    top = [700.0, 720.0, 760.0]
    chars1 = text("规章", 55, 705) + text("5.要求行政机关确认或重", 55, 745, size=12)
    bottom = [60.0, 80.0]
    chars2 = text("（六）其他处理", 55, 62)
    (grid,) = layout([page(1, chars1, ruled(XS, top)), page(2, chars2, ruled(XS, bottom))]).grids
    assert [c.text for c in grid.cells if c.col == 0] == ["规章", "5.要求行政机关确认或重", "（六）其他处理"]
    assert all(c.text == "" for c in grid.cells if c.row == 2 and c.col > 0)


def test_numbers_below_numbers_never_join():
    top = [700.0, 720.0]
    bottom = [60.0, 80.0]
    chars1 = text("行政处罚行政处罚行政处罚行政", 55, 705, size=10.5) + text("3", 205, 705)
    chars2 = text("", 55, 62) + text("4", 205, 62)
    (grid,) = layout([page(1, chars1, ruled(XS, top)), page(2, chars2, ruled(XS, bottom))]).grids
    assert [c.text for c in grid.cells if c.col == 1] == ["3", "4"]


def test_running_header_and_page_numbers_dropped_paragraph_joined():
    body = "正文" * 20  # 400 points wide: runs to the right margin
    pages = [page(n, text("某某局文件", 250, 30) + text(body, 50, 100) + text("续行。", 50, 115)
                  + text("二、主动公开", 50, 130) + text(f"第{n}页", 270, 810)) for n in (1, 2)]
    lines = layout(pages).text.splitlines()
    assert "某某局文件" not in lines and not any("页" in ln for ln in lines)
    assert lines[0] == body + "续行。" and lines[1] == "二、主动公开"


def test_a_row_cut_at_the_page_end_is_left_unread():
    ys = [700.0, 730.0, 790.0]
    chars = (text("规章", 55, 705) + text("1", 205, 705) + text("1.本机关", 205, 760)
             + text("不掌握相", 205, 792))  # runs on below the frame, within its column
    ex = layout([page(1, chars, ruled(XS, ys))])
    (grid,) = ex.grids
    assert [c.text for c in grid.cells] == ["规章", "1", ""]
    assert [d.code for d in ex.diagnostics] == ["PDF_ROW_CUT"]


def test_a_heading_below_a_table_is_not_taken_into_it():
    ys = [700.0, 730.0, 760.0]
    chars = text("规章", 55, 705) + text("1", 205, 705) + text("三、收到和处理政府信息公开申请情况", 50, 765)
    ex = layout([page(1, chars, ruled(XS, ys))])
    assert ex.text.splitlines()[-1] == "三、收到和处理政府信息公开申请情况" and not ex.diagnostics


def test_boxes_become_rules():
    assert list(rules_of_box(10, 10, 200, 11)) == [Rule(True, 10.5, 10, 200)]
    assert list(rules_of_box(10, 10, 11, 200)) == [Rule(False, 10.5, 10, 200)]
    assert len(list(rules_of_box(10, 10, 100, 100))) == 4
    assert list(rules_of_box(10, 10, 11, 11)) == []


def test_hostile_rules_are_bounded():
    import time

    many = [Rule(True, float(y), 50.0, 550.0) for y in range(20, 820)] + [
        Rule(False, float(x), 20.0, 820.0) for x in range(50, 550, 2)]
    start = time.process_time()
    ex = layout([page(1, text("正文", 60, 30), many)])
    assert time.process_time() - start < 5
    assert [d.code for d in ex.diagnostics] == ["PDF_RULES_SKIPPED"] and ex.text == "正文\n"
    grid = ruled([float(x) for x in range(50, 550, 4)], [float(y) for y in range(20, 820, 2)])
    ex = layout([page(1, text("正文", 60, 30), grid[:MAX_RULES])])
    assert ex.grids == () or len(ex.grids[0].cells) <= MAX_CELLS


def test_a_box_around_the_text_is_no_table():
    border = list(rules_of_box(40, 40, 555, 800))
    body = "本机关" * 16
    ex = layout([page(1, text("一、总体情况", 50, 100) + text(body, 50, 120) + text("正文。", 50, 135), border)])
    assert ex.grids == () and ex.text.splitlines() == ["一、总体情况", body + "正文。"]


def test_pages_without_text():
    ex = layout([page(1, [])])
    assert ex.text == "" and [d.code for d in ex.diagnostics] == ["PDF_NO_TEXT"]


# --- sniffing -------------------------------------------------------------------------------------


def test_legacy_doc_is_named_not_decoded():
    report = parse(OLE2_MAGIC + b"\x00" * 512 + "平潭".encode("utf-16-le"))
    assert report.format.value == "unknown"
    assert report.diagnostics[0].code == "DOC_LEGACY" and report.meta.input is InputKind.DOC
    assert not report.text and not report.tables and report.meta.agency is None


def test_image_is_named_not_decoded():
    assert sniff(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100).diagnostics[0].code == "BINARY_UNKNOWN"
    report = parse(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert report.meta.input is InputKind.BINARY and report.format.value == "unknown" and not report.text


def test_text_bytes_are_left_to_the_decoder():
    assert sniff("某县2020年政府信息公开工作年度报告".encode("gb18030")) is None
    assert sniff(b"<html><body>x</body></html>") is None


def test_pdf_without_the_extra_raises_import_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(ImportError, match=r"zhgov_report\[pdf\]"):
        parse(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")


# --- PDFium -----------------------------------------------------------------------------------------


def _pdfium():
    return pytest.importorskip("pypdfium2", reason='PDF reading needs the extra: pip install -e ".[test,pdf]"')


def test_encrypted_pdf_is_named():
    _pdfium()
    report = parse((DATA / "documents" / "encrypted.pdf").read_bytes())
    assert report.meta.input is InputKind.PDF and report.format.value == "unknown"
    assert report.diagnostics[0].code == "PDF_ENCRYPTED"


def test_scan_without_text_layer_is_named():
    pdfium = _pdfium()
    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    buf = io.BytesIO()
    doc.save(buf)
    report = parse(buf.getvalue())
    assert report.diagnostics[0].code == "PDF_NO_TEXT" and report.format.value == "unknown"


def test_damaged_pdf_is_named():
    _pdfium()
    report = parse(b"%PDF-1.4\nthis is not a PDF body")
    assert report.diagnostics[0].code == "PDF_UNREADABLE"


def test_real_pdf_values_with_page_and_box():
    _pdfium()
    report = parse((DATA / "corpus" / "raw-003.pdf").read_bytes())
    assert report.meta.input is InputKind.PDF and report.meta.year == 2020
    assert report.text is not None
    cell = report.cell("requests.new_received.total")
    assert cell is not None and cell.certain and cell.page is not None and cell.box is not None
    assert cell.span is not None and report.text[cell.span.start:cell.span.end].strip() == str(cell.value.number)
    assert flatten(report)["requests.new_received.total"] == cell.value.number
