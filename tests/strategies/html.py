"""The HTML renderer: a generated report as the web page a user crawled (INPUT.md §2a).

The report's tables are the same grids as the other renderers' (:mod:`.grid`: the official
rowspans and colspans), written as ``<table>`` markup the way sites and Word write it: each cell's
text in ``<p><span>…</span></p>``, empty cells as ``&nbsp;`` or nothing, ``<th>`` for header rows
when asked, entities for some characters, and chrome around the article (a navigation bar, a
script, a footer). :class:`Markup` switches on the malformed variants real pages show: ``</td>``
and ``</tr>`` left out, Word's ``<o:p>`` and conditional comments, upper-case tags.
"""

from __future__ import annotations

import html

import attrs
from hypothesis import strategies as st

from zhgov_report.templates._post2019 import SECTION_HEADINGS

from .grid import HCell, HTable
from .render import AnyReport, Style, tables_of
from .sheet import GenSheet

__all__ = ["Markup", "markups", "render_html"]


@attrs.frozen
class Markup:
    """How the page writes its markup."""

    word: bool = False  #: cells as Word writes them: <p class=MsoNormal><span>…<o:p></o:p></span></p>
    omit_end_tags: bool = False  #: no </td> and </tr>
    th_headers: bool = False  #: header rows in <th>
    nbsp_empty: bool = True  #: an empty cell holds &nbsp; (else nothing)
    upper: bool = False  #: upper-case tag names
    chrome: bool = True  #: a navigation bar, a script and a footer around the article
    conditional: bool = False  #: Word's conditional comments between cells
    split_table: bool = False  #: the request table split over two <table> elements


def _tag(name: str, m: Markup) -> str:
    return name.upper() if m.upper else name


def _cell_html(cell: HCell, m: Markup, header: bool) -> str:
    name = _tag("th" if header and m.th_headers else "td", m)
    attrs_ = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
        f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
    text = html.escape(cell.text, quote=False)
    if not text:
        text = "&nbsp;" if m.nbsp_empty else ""
    if m.word:
        text = f'<p class="MsoNormal" align="center"><span style="font-size:10.5pt">{text}<o:p></o:p></span></p>'
    end = "" if m.omit_end_tags else f"</{name}>"
    cond = "<!--[if !supportMisalignedColumns]--><![endif]-->" if m.conditional else ""
    return f"<{name}{attrs_}>{text}{end}{cond}"


def _rows_html(rows: tuple[tuple[HCell, ...], ...], m: Markup) -> list[str]:
    out = []
    tr = _tag("tr", m)
    for row in rows:
        header = all(c.key is None for c in row) and any(c.header for c in row)
        cells = "".join(_cell_html(c, m, header) for c in row)
        out.append(f"<{tr}>{cells}" + ("" if m.omit_end_tags else f"</{tr}>"))
    return out


def _table_html(table: HTable, m: Markup) -> str:
    t = _tag("table", m)
    rows = _rows_html(table.rows, m)
    if m.split_table and table.spec.id == "requests" and len(rows) > 8:
        half = len(rows) // 2
        return (f'<{t} border="1"><tbody>' + "\n".join(rows[:half]) + f"</tbody></{t}>\n<p>&nbsp;</p>\n"
                f'<{t} border="1"><tbody>' + "\n".join(rows[half:]) + f"</tbody></{t}>")
    return f'<{t} border="1" cellspacing="0"><tbody>\n' + "\n".join(rows) + f"\n</tbody></{t}>"


def _page(title: str, body: list[str], m: Markup) -> str:
    head = (f'<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
            "<script>var x = '<td>1</td>';</script>\n<style>td { border: 1px }</style>\n</head>\n<body>\n")
    nav = '<div class="nav"><a href="/">首页</a> &gt; 政务公开 &gt; 年报 1 2 3</div>\n' if m.chrome else ""
    foot = '<div class="footer">版权所有 2024 联系电话 123</div>\n' if m.chrome else ""
    return head + nav + '<div class="article">\n' + "\n".join(body) + "\n</div>\n" + foot + "</body>\n</html>\n"


_PLAIN = Markup()
_OFFICIAL = Style()


def render_html(report: AnyReport, markup: Markup = _PLAIN, style: Style = _OFFICIAL) -> str:
    """The report as a web page: its title, a sentence, each section's heading and table."""
    tables = tables_of(report, style)
    title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    body = [f"<h1>{html.escape(title)}</h1>",
            f"<p>本报告由{html.escape(report.agency)}根据《中华人民共和国政府信息公开条例》要求编制。</p>"]
    if isinstance(report, GenSheet):
        body.append(f"<p>附件：{report.year}年度{html.escape(tables[0].spec.title)}</p>")
        body.extend(_table_html(t, markup) for t in tables)
        return _page(title, body, markup)
    by_section = {t.spec.section: t for t in tables}
    for key, ordinal, words in SECTION_HEADINGS:
        table = by_section.get(key)
        heading = table.spec.title if table is not None else f"{'一二三四五六'[ordinal - 1]}、{words[0]}"
        body.append(f"<p><strong>{html.escape(heading)}</strong></p>")
        body.append(_table_html(table, markup) if table is not None else "<p>本年度无相关情况。</p>")
    return _page(title, body, markup)


@st.composite
def markups(draw: st.DrawFn) -> Markup:
    """Any way of writing the markup."""
    b = st.booleans()
    return Markup(word=draw(b), omit_end_tags=draw(b), th_headers=draw(b), nbsp_empty=draw(b), upper=draw(b),
                  chrome=draw(b), conditional=draw(b), split_table=draw(b))
