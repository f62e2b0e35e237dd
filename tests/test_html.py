"""HTML pages in (issue 13): detection and decoding, the article's text with spans into the markup,
tables as grids (rowspan/colspan, malformed markup, nested and split tables), values read at their
grid positions, and the round trip of generated reports through an HTML renderer."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhgov_report import flatten, parse
from zhgov_report._extract import extract
from zhgov_report._html import MAX_MARKUP, decode_html, extract_html, looks_like_html, sniff_bytes
from zhgov_report.models import InputKind, ValueKind

from .strategies import examples
from .strategies.forms import any_reports
from .strategies.html import Markup, markups, render_html
from .strategies.truth import same, written_truth

HTML = Path(__file__).parent / "data" / "html"


def grid_of(markup: str, i: int = 0):
    ex = extract_html(markup)
    return ex, ex.grids[i]


def cell_at(grid, row, col):
    return grid.rows()[row][col]


# --- detection and decoding --------------------------------------------------------------------


@pytest.mark.parametrize("text", ["<!DOCTYPE html><html>", "  <html lang=zh>", "<!-- c --><div>x</div>",
                                  "<table><tr><td>1", "<p>一、总体情况</p>", "\n<HTML>"])
def test_html_is_detected(text):
    assert looks_like_html(text)
    assert sniff_bytes(text.encode("utf-8"))
    assert extract(text).kind is InputKind.HTML


@pytest.mark.parametrize("text", ["一、总体情况\n<p>", "规章 | 0 | 0", "<不是标签>", "a < b > c", ""])
def test_text_is_not_html(text):
    assert not looks_like_html(text)
    assert extract(text).kind is InputKind.TEXT
    assert parse(text).meta.input is InputKind.TEXT


def test_declared_charset_decides_when_the_bytes_agree():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>' \
           "<body><p>规章</p></body></html>"
    text, enc, diags = decode_html(page.encode("gb18030"))
    assert (enc, diags) == ("gb18030", []) and "规章" in text
    report = parse(page.encode("gb18030"))
    assert report.meta.input is InputKind.HTML and report.meta.encoding == "gb18030"


def test_declared_charset_that_the_bytes_break_is_said():
    page = '<html><head><meta charset="gbk"></head><body><p>规章 行政许可</p></body></html>'
    text, enc, diags = decode_html(page.encode("utf-8"))
    assert enc == "utf-8" and "规章" in text
    assert [d.code for d in diags] == ["HTML_CHARSET_MISMATCH"]


def test_html_bytes_with_bom_and_utf16():
    page = "<html><body><p>规章</p></body></html>"
    for data in (b"\xef\xbb\xbf" + page.encode(), page.encode("utf-16")):
        assert sniff_bytes(data)
        assert "规章" in extract(data).text


# --- text and spans -----------------------------------------------------------------------------


def test_article_text_skips_chrome_and_decodes_entities():
    markup = ('<html><head><title>标题</title><script>var a="<p>脚本</p>";</script><style>p{}</style></head>'
              '<body><div class="nav-bar">首页 &gt; 导航</div><div class="article"><p>第一段&amp;'
              '&#x4E00;&nbsp;句</p><p>第二<br>段</p></div><footer>版权</footer></body></html>')
    ex = extract_html(markup)
    lines = ex.text.split("\n")
    assert "标题" in lines and "第一段&一 句" in lines and "第二" in lines and "段" in lines
    assert "脚本" not in ex.text and "导航" not in ex.text and "版权" not in ex.text
    for i, ch in enumerate(ex.text):  # every character points at its markup
        o = ex.origin[i]
        assert markup[o] == ch or ch.isspace() or markup[o] == "&"
    assert ex.origin[len(ex.text)] == len(markup)


def test_a_table_inside_what_looks_like_chrome_is_still_read():
    ex = extract_html('<div class="menu-wrap"><a>首页</a><table><tr><td>规章</td><td>1</td></tr></table></div>')
    assert "首页" not in ex.text and len(ex.grids) == 1 and ex.grids[0].cells[1].text == "1"


@pytest.mark.parametrize("widget", [
    '<div class="article_qrcode_area"><p>扫一扫在手机上查看当前页面</p></div>',
    '<div id="ewm"><p>扫一扫在手机打开当前页</p></div>',
    '<div class="article_attachment"><div class="title_base">附件下载</div><ul><li>附件1</li></ul></div>',
    '<div class="article_relalinks"><div class="title_name">相关链接</div></div>',
    '<div class="related-news"><p>相关阅读</p></div>',
])
def test_the_article_widgets_of_a_cms_are_chrome(widget):
    """A CMS frames the article with a QR code, its attachments' download list and related links:
    chrome by their class or id, never the report's text (the last section would end with them)."""
    ex = extract_html(f'<div class="content"><p>六、其他需要报告的事项</p><p>无。</p></div>{widget}<p>尾</p>')
    assert ex.text.split("\n")[:3] == ["六、其他需要报告的事项", "无。", "尾"]


def test_words_that_merely_contain_a_widget_word_are_content():
    for cls in ("printContent", "attachmentsList2x", "newscontent", "ewmx"):
        ex = extract_html(f'<div class="{cls}"><p>正文</p></div>')
        assert "正文" in ex.text, cls
    ex = extract_html('<div class="article_attachment"><table><tr><td>规章</td><td>1</td></tr></table></div>')
    assert len(ex.grids) == 1  # a table in an attachment block is still read


def test_spans_point_into_the_callers_markup():
    markup = ("<html><body><p>某某县人民政府2021年政府信息公开工作年度报告</p>\n<p>二、主动公开政府信息情况</p>\n"
              "<table><tr><td>第二十条第（一）项</td></tr>\n<tr><td>信息内容</td><td>本年制发件数</td>"
              "<td>本年废止件数</td><td>现行有效件数</td></tr>\n<tr><td>规章</td><td>3</td><td></td>"
              "<td>17</td></tr></table></body></html>")
    report = parse(markup)
    assert report.meta.input is InputKind.HTML
    made = report.cell("active.regulations.made")
    assert made.value.number == 3 and made.certain and markup[made.span.start:made.span.end] == "3"
    assert made.span.line == 5
    blank = report.cell("active.regulations.repealed")
    assert blank.certain and blank.value.kind is ValueKind.BLANK
    in_force = report.cell("active.regulations.in_force")
    assert markup[in_force.span.start:in_force.span.end] == "17"
    year = report.meta.year_span
    assert markup[year.start:year.end] == "2021"


# --- grids ---------------------------------------------------------------------------------------


def test_rowspan_and_colspan_expand():
    _ex, g = grid_of("<table><tr><td rowspan=2 colspan=2>A</td><td>B</td></tr><tr><td>C</td></tr>"
                     "<tr><td>D</td><td colspan=2>E</td></tr></table>")
    assert (g.n_rows, g.n_cols) == (3, 3)
    rows = [[c.text if c else None for c in r] for r in g.rows()]
    assert rows == [["A", "A", "B"], ["A", "A", "C"], ["D", "E", "E"]]
    assert cell_at(g, 1, 1).row == 0 and cell_at(g, 2, 2).col == 1


def test_malformed_markup_is_tolerated():
    markup = ("<TABLE><tr><th>h1<th colspan=0>h2<th colspan='x'>h3<tr><td>1<td rowspan=\"2junk\">2<td>3"
              "<tr><td>4<td>5</table><p>after</p>")
    ex, g = grid_of(markup)
    assert [[c.text if c else None for c in r] for r in g.rows()] == [["h1", "h2", "h3"], ["1", "2", "3"],
                                                                      ["4", "2", "5"]]
    for c in g.cells:
        assert ex.text[c.start:c.end] == c.text
    assert "after" in ex.text.split("\n")


def test_word_markup_and_conditional_comments():
    markup = ('<table><tr><td><p class=MsoNormal><span lang=EN-US>12<o:p></o:p></span></p></td>'
              "<!--[if !supportMisalignedColumns]--><td><![if !supportLists]><p>&nbsp;</p><![endif]></td>"
              "<td><p>本年</p><p>新增</p></td></tr></table>")
    _ex, g = grid_of(markup)
    assert [c.text for c in g.cells] == ["12", "", "本年 新增"]
    empty = g.cells[1]
    assert empty.start == empty.end and empty.empty


def test_nested_tables_are_grids_of_their_own():
    markup = ("<table><tr><td>layout<table><tr><td>inner1</td><td>inner2</td></tr></table></td><td>x</td></tr>"
              "</table>")
    ex = extract_html(markup)
    assert len(ex.grids) == 2
    outer = next(g for g in ex.grids if g.n_cols == 2 and any(c.text == "x" for c in g.cells))
    inner = next(g for g in ex.grids if g is not outer)
    assert [c.text for c in inner.cells] == ["inner1", "inner2"]
    assert "inner1" in outer.cells[0].text


def test_huge_spans_and_tables_stay_bounded():
    ex = extract_html("<table>" + "<tr><td rowspan=99999 colspan=99999>x</td></tr>" * 40 + "</table>")
    assert all(g.n_rows * g.n_cols <= 250_000 for g in ex.grids)
    big = "<p>" + "x" * (MAX_MARKUP + 10)
    assert [d.code for d in extract_html(big).diagnostics] == ["HTML_TRUNCATED"]


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.sampled_from(["<td>", "</td>", "<tr>", "</tr>", "<table>", "</table>", "1", "规章",
                                  " rowspan=2", ">", "<", "&", "&nbsp;", "<!--", "-->", '"', "\n"]),
                max_size=60).map("".join))
def test_any_markup_reads_without_raising(s):
    ex = extract_html("<html>" + s)
    for g in ex.grids:
        for c in g.cells:
            assert 0 <= c.start <= c.end <= len(ex.text)
    report = parse("<html>" + s)
    assert report.meta.input is InputKind.HTML


# --- values at their positions ------------------------------------------------------------------


def test_a_report_that_does_not_add_up_keeps_its_cells_where_they_stand():
    gen_total = ("<table><tr><td colspan=5>行政复议</td></tr>"
                 "<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>"
                 "<tr><td>1</td><td>—</td><td>3项</td><td></td><td>9</td></tr></table>")
    markup = ("<html><body><p>某某县人民政府2021年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p>"
              "<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
              "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr></table>"
              "<p>四、政府信息公开行政复议、行政诉讼情况</p>" + gen_total + "</body></html>")
    report = parse(markup)
    cells = {c.key: c for t in report.tables for c in t.cells}
    assert cells["appeals.review.upheld"].value.number == 1
    assert cells["appeals.review.corrected"].value.kind is ValueKind.NOT_APPLICABLE
    assert cells["appeals.review.other"].value.number == 3 and cells["appeals.review.other"].value.unit == "项"
    assert cells["appeals.review.pending"].value.kind is ValueKind.BLANK
    assert all(c.certain and not c.placed for c in cells.values())


def test_text_where_a_value_belongs_is_unreadable_never_blank():
    markup = ("<html><body><p>二、主动公开政府信息情况</p><table><tr><td>信息内容</td><td>本年制发件数</td>"
              "<td>本年废止件数</td><td>现行有效件数</td></tr><tr><td>规章</td><td>见附件</td><td>0</td>"
              "<td>5</td></tr></table></body></html>")
    report = parse(markup)
    assert report.cell("active.regulations.made") is None
    assert report.cell("active.regulations.in_force").value.number == 5
    assert "CELL_UNREADABLE" in [d.code for d in report.diagnostics]


# --- real pages ---------------------------------------------------------------------------------


PAGES = sorted(p.stem for p in HTML.glob("*.html"))


@pytest.mark.parametrize("name", PAGES)
def test_real_page_reads_every_value_at_its_position(name):
    truth = json.loads((HTML / f"{name}.truth.json").read_text(encoding="utf-8"))
    data = (HTML / f"{name}.html").read_bytes()
    report = parse(data)
    assert report.meta.input is InputKind.HTML
    assert report.format.value == truth["format"] and report.meta.year == truth["year"]
    certain = flatten(report)
    for key, value in truth["values"].items():
        cell = report.cell(key)
        assert cell is not None and cell.certain, key
        if value is None:
            assert cell.value.kind is ValueKind.BLANK, key  # an empty cell is a blank, never 0
        else:
            assert same(value, certain[key]), (key, value, certain[key])
    text = data.decode("utf-8")
    for t in report.tables:
        for c in t.cells:
            if c.value.kind is ValueKind.NUMBER:
                assert text[c.span.start:c.span.end].strip().startswith(c.value.raw.strip()[:1]), c.key


# --- the round trip -------------------------------------------------------------------------------


@settings(max_examples=examples(60), deadline=None)
@given(any_reports(), markups(), st.data())
def test_generated_report_round_trips_through_html(gen, markup, data):
    if data.draw(st.booleans(), label="blank zeros"):
        gen = gen.with_blank([k for k, v in gen.values.items() if v == 0])
    page = render_html(gen, markup)
    report = parse(page.encode("utf-8") if data.draw(st.booleans(), label="bytes") else page)
    assert report.meta.input is InputKind.HTML
    assert report.format.value == gen.form
    for key, value in written_truth(gen).items():
        cell = report.cell(key)
        assert cell is not None and cell.certain, (key, value)
        if value is None:
            assert cell.value.kind is ValueKind.BLANK, key
        else:
            assert same(value, cell.value.number), (key, value, cell.value)
            assert page[cell.span.start:cell.span.end].strip() != "", key


def test_renderer_variants_are_read_alike():
    from .strategies.reports import GenReport

    real = json.loads((Path(__file__).parent / "data" / "corpus" / "html-002.scraped.truth.json")
                      .read_text(encoding="utf-8"))
    values = {k: (Decimal(str(v)) if isinstance(v, (str, float)) else v) for k, v in real["values"].items()}
    gen = GenReport(real["format"], values, year=real["year"], agency=real["agency"])
    variants = [Markup(), Markup(word=True, omit_end_tags=True, upper=True, conditional=True),
                Markup(th_headers=True, nbsp_empty=False, split_table=True, chrome=False)]
    flats = [flatten(parse(render_html(gen, m))) for m in variants]
    assert flats[0] == flats[1] == flats[2]


def test_cli_searches_html_pages_by_default(tmp_path, capsys):
    from zhgov_report.__main__ import main

    for name in ("a.html", "b.htm", "c.shtml", "d.css"):
        (tmp_path / name).write_bytes((HTML / "html-003.html.html").read_bytes())
    assert main([str(tmp_path), "-f", "jsonl", "-q"]) == 0
    docs = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [Path(d["file"]).name for d in docs] == ["a.html", "b.htm", "c.shtml"]


def test_origin_is_a_sequence_of_markup_offsets():
    markup = "<p>ab&amp;c</p>\n<p>d</p>"
    ex = extract_html(markup)
    origin = ex.origin
    assert len(origin) == len(ex.text) + 1
    assert list(origin) == [origin[i] for i in range(len(origin))] == list(origin[:])
    assert origin[-1] == len(markup)
    assert [markup[origin[i]] for i, ch in enumerate(ex.text) if ch != "\n"] == ["a", "b", "&", "c", "d"]
    with pytest.raises(IndexError):
        origin[len(origin)]


def test_sheet_and_diagnostic_spans_point_into_the_page():
    page = (HTML / "html-003.htmlblank.html").read_text(encoding="utf-8")
    report = parse(page)
    lines = page.split("\n")
    for t in report.tables:
        for c in t.cells:
            if c.span is not None and c.value.kind is ValueKind.NUMBER:
                assert page[c.span.start:c.span.end] == c.value.raw.strip()
                assert lines[c.span.line - 1][c.span.column - 1:].startswith(c.value.raw.strip())
    for d in report.diagnostics:
        if d.span is not None:
            assert 0 <= d.span.start <= d.span.end <= len(page)
