"""The tokenizer on every line shape of INPUT.md."""

from __future__ import annotations

import pytest

from zhgov_report import Delimiter, LineKind, tokenize


def one(text: str):
    (line,) = tokenize(text)
    return line


def test_scraper_row_keeps_nonempty_cells_and_pad_run():
    line = one("一、本年新收政府信息公开申请数量 | 2 | 2 | |||||||")
    assert line.kind is LineKind.ROW and line.delimiter is Delimiter.PIPE
    assert [c.text for c in line.cells] == ["一、本年新收政府信息公开申请数量", "2", "2"]
    assert line.pad == 7
    assert all(c.column is None for c in line.cells)  # positions are lost in the scraper format


def test_scraper_last_row_of_a_table_has_no_pad():
    line = one("四、结转下年度继续办理 | 0 | 0 |")
    assert line.delimiter is Delimiter.PIPE and line.pad == 0
    assert [c.text for c in line.cells][1:] == ["0", "0"]


def test_scraper_header_cells_with_br_space():
    line = one("信息内容 | 本年新 制作数量 | 本年新 公开数量 | 对外公开总数量 |")
    assert [c.text for c in line.cells] == ["信息内容", "本年新 制作数量", "本年新 公开数量", "对外公开总数量"]


def test_cell_spans_point_into_the_original_text():
    text = "前言\n规章 | １２ | 0 |"
    lines = tokenize(text)
    cell = lines[1].cells[1]
    assert cell.text == "12"  # full-width digits normalised
    assert text[cell.span.start:cell.span.end] == "１２"
    assert (cell.span.line, cell.span.column) == (2, 6)


def test_markdown_row_keeps_columns_of_empty_cells():
    line = one("| 四、结转下年度继续办理 | 1 | 0 |  | 0 |")
    assert line.delimiter is Delimiter.MARKDOWN
    assert [(c.text, c.column) for c in line.cells] == [
        ("四、结转下年度继续办理", 0), ("1", 1), ("0", 2), ("0", 4)]
    assert line.width == 5


def test_markdown_rule_and_headings():
    kinds = [ln.kind for ln in tokenize("## 表三：收到和处理\n|---|---|\n| 规章 | 3 |")]
    assert kinds == [LineKind.TEXT, LineKind.RULE, LineKind.ROW]


def test_tab_separated_row():
    line = one("主动公开文件数\t条\t2543\t\t78967")
    assert line.delimiter is Delimiter.TAB
    assert [(c.text, c.column) for c in line.cells] == [("主动公开文件数", 0), ("条", 1), ("2543", 2), ("78967", 4)]


def test_tab_row_counts_its_leading_and_trailing_empty_cells():
    """Leading tabs are empty cells under a rowspan label; a trailing tab closes an empty last cell."""
    line = one("\t\t1.属于国家秘密\t0\t\t2\t")
    assert line.delimiter is Delimiter.TAB
    assert [(c.text, c.column) for c in line.cells] == [("1.属于国家秘密", 2), ("0", 3), ("2", 5)]
    assert line.width == 7
    assert line.span.start == 2  # the span still starts at the label


@pytest.mark.parametrize("text", ["主动公开文件数 条 2543 78967", "主动公开文件数\u3000条\u30002543\u300078967"])
def test_space_separated_row(text):
    line = one(text)
    assert line.delimiter is Delimiter.SPACE
    assert [c.text for c in line.cells] == ["主动公开文件数", "条", "2543", "78967"]


def test_prose_with_spaces_is_text():
    assert one("本年度共收到申请 2 件，均已办结。").kind is LineKind.TEXT


@pytest.mark.parametrize("text", ["|", "||||||||||||||||||||", "| |", "|" * 500])
def test_layout_pipe_lines(text):
    assert one(text).kind is LineKind.PIPES


def test_layout_pipes_with_text_is_a_one_cell_row():
    line = one("永嘉县人民政府2024年政府信息公开工作年度报告 | " + "|" * 300)
    assert line.delimiter is Delimiter.PIPE
    assert [c.text for c in line.cells] == ["永嘉县人民政府2024年政府信息公开工作年度报告"]
    assert line.pad == 300  # " |" ends the cell, then a space and the pad run


def test_row_broken_over_two_lines_is_joined():
    lines = tokenize("十、政府信息公开会议和培训情况 |\n| |\n(一)召开会议数 | 次 | 1 |")
    assert len(lines) == 2
    joined = lines[0]
    assert [c.text for c in joined.cells] == ["十、政府信息公开会议和培训情况"]
    assert (joined.number, joined.end_number, joined.pad) == (1, 2, 2)


@pytest.mark.parametrize("text", ["- 5 -", "— 4 —", "-12-", "第 3 页", "第3页 共10页"])
def test_page_footers(text):
    assert one(text).kind is LineKind.FOOTER


def test_whole_body_on_one_line_is_one_text_line():
    body = "根据《条例》编制。 一、总体情况 2024年，… 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况"
    line = one(body)
    assert line.kind is LineKind.TEXT
    assert body[line.span.start:line.span.end] == body  # text is normalised (，-> ,), the span is exact


def test_blank_lines_are_not_returned_and_numbers_are_physical():
    lines = tokenize("a\n\n\r\nb")
    assert [(ln.text, ln.number) for ln in lines] == [("a", 1), ("b", 4)]


def test_crlf_and_unicode_line_separators():
    lines = tokenize("规章 | 1 |\r\n规范性文件 | 2 |\u2028行政许可 | 3 |")
    assert [ln.cells[0].text for ln in lines] == ["规章", "规范性文件", "行政许可"]


def test_zero_width_and_nbsp_inside_text():
    line = one("商\u200b业\xa0企业 | 3 |")
    assert line.cells[0].text == "商 业 企业"


def test_rejects_bytes():
    with pytest.raises(TypeError):
        tokenize(b"abc")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("unit", "kind"),
    [("|", LineKind.PIPES), ("7", LineKind.TEXT), ("本年新收政府信息公开申请数量", LineKind.TEXT),
     ("一、", LineKind.TEXT)],
)
def test_hostile_10mb_lines(unit, kind):
    # Speed on these inputs is measured by benchmarks/ (no timed assertions in tests); here: one
    # line, classified right, its span covering all of it.
    text = unit * (10_000_000 // len(unit.encode()))
    (line,) = tokenize(text)
    assert line.kind is kind
    assert (line.span.start, line.span.end) == (0, len(text))


def test_a_row_of_many_cells():
    text = "| 1 " * 100_000 + "|"
    (line,) = tokenize(text)
    assert line.delimiter is Delimiter.MARKDOWN and len(line.cells) == 100_000


def test_line_index_memo_gives_what_a_fresh_index_gives_over_overlapping_ranges():
    """LineIndex keeps each physical line's classification; joining a broken scraper row still
    depends on the range asked for (a continuation at the range's start has no row to join)."""
    from zhgov_report._intake import Source
    from zhgov_report._tokenize import LineIndex

    text = ("标题\n十、行政复议 |\n| |\n规章 | 0 | 0 |\n\n信息内容\t本年\t累计\n规章\t1\t2\t\n"
            "主动公开文件数 条 2543 78967\n| a | b |\n|---|---|\n- 5 -\n||||\n正文，一句话。\n")
    src = Source(text)
    bounds = sorted({0, len(text), *(i for i, ch in enumerate(text) if ch in "\n|")})
    ranges = [(a, b) for a in bounds for b in bounds if a < b]
    shared = LineIndex(src)
    for a, b in ranges:
        assert shared.lines_in(a, b) == LineIndex(src).lines_in(a, b)
        assert [ln.span for ln in shared.lines_in(a, b)] == [ln.span for ln in LineIndex(src).lines_in(a, b)]
    assert shared.all() == list(tokenize(text))
    assert [ln.span for ln in shared.all()] == [ln.span for ln in tokenize(text)]
