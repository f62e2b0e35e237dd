"""The certainty invariant in every format and medium (issue 12, deliverable 6).

A cell is certain only with evidence: its own span at a position the source proves, or an identity
that placed it. A blank is no exception: an empty grid cell has its position, a row closed on its
line or followed by the next row's label has the row as written; a blank that nothing proves is
uncertain. Asserted here for reports of every layout (form2019, form2021, the pre-2019 sheet) with
zero cells left empty, in every medium the library reads: text in every shape, one cell per line,
PDF layout text, an HTML page, a Word file. (:func:`~tests.strategies.truth.parse_in_time` and the
robustness properties assert it on every parse they make too.)
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhgov_report import Format

from ..strategies import examples
from ..strategies.docx import docx_bytes, grid_table, paragraph, report_docx
from ..strategies.forms import AnyReport, any_reports
from ..strategies.html import markups, render_html
from ..strategies.render import CELL_SHAPES, SHAPES, Style, render, styles, tables_of
from ..strategies.reports import GenReport
from ..strategies.sheet import GenSheet, cell_document
from ..strategies.truth import parse_in_time, written_truth, wrong_certain

#: Every medium a report is given in.
MEDIA = ("text", "cells", "aligned", "html", "docx")


@st.composite
def blanked_reports(draw: st.DrawFn) -> AnyReport:
    """A consistent report of any layout with some or all of its zero cells written empty."""
    report = draw(any_reports())
    zeros = sorted(k for k, v in report.values.items() if v == 0)
    keep = draw(st.lists(st.booleans(), min_size=len(zeros), max_size=len(zeros)))
    return report.with_blank(k for k, b in zip(zeros, keep, strict=True) if b)


def _sheet_docx(report: GenSheet) -> bytes:
    (table,) = tables_of(report, Style())
    body = [paragraph(f"{report.agency}{report.year}年政府信息公开工作年度报告"),
            paragraph(f"附件：{report.year}年度{table.spec.title}"), grid_table(table.rows)]
    return docx_bytes("".join(body))


@st.composite
def given_as(draw: st.DrawFn, report: AnyReport) -> str | bytes:
    """The report in one of :data:`MEDIA`."""
    medium = draw(st.sampled_from(MEDIA), label="medium")
    sheet = isinstance(report, GenSheet)
    if medium == "text":
        return render(report, draw(styles(report.form, shapes=SHAPES, wrap=False))).text
    if medium == "cells":
        shape = draw(st.sampled_from(CELL_SHAPES), label="shape")
        if sheet:
            return cell_document(report, tables_of(report, Style())[0], shape, note=draw(st.booleans()))
        return render(report, Style(shape=shape)).text
    if medium == "aligned":
        if sheet:
            return cell_document(report, tables_of(report, Style())[0], "layout", note=draw(st.booleans()))
        return render(report, Style(shape="aligned")).text
    if medium == "html":
        return render_html(report, draw(markups()))
    assert isinstance(report, (GenReport, GenSheet))
    return _sheet_docx(report) if sheet else report_docx(report)


@settings(max_examples=examples(60))
@given(data=st.data())
def test_every_certain_cell_of_every_format_has_evidence(data):
    """parse_in_time asserts the invariant on the parse; a blank certain cell is also never wrong."""
    report = data.draw(blanked_reports(), label="report")
    parsed = parse_in_time(data.draw(given_as(report), label="input"))
    if parsed.format is Format(report.form):
        assert not wrong_certain(parsed, written_truth(report))  # type: ignore[arg-type]


def _sheet_cut_points(text: str) -> list[int]:
    """Offsets just after a whole value of the sheet (not inside ``2,988`` or ``0.5``, not after a
    row's numbering ``5.``): where a truncated page may stop."""
    start = text.find("附件：")
    return [i + 1 for i in range(max(0, start), len(text) - 1)
            if text[i].isdigit() and not text[i + 1].isdigit() and text[i + 1] not in "、.．,，"]


@settings(max_examples=examples(40))
@given(data=st.data())
def test_a_sheet_cut_off_inside_gives_no_certain_value_it_does_not_show(data):
    """A pre-2019 sheet cut off after a value cell, in any shape: the cells the text does not show
    are uncertain or absent, and every certain cell has evidence."""
    report = data.draw(blanked_reports().filter(lambda r: isinstance(r, GenSheet)), label="report")
    text = data.draw(given_as(report).filter(lambda t: isinstance(t, str)), label="text")
    cuts = _sheet_cut_points(text)
    if not cuts:
        return
    cut = data.draw(st.sampled_from(cuts), label="cut")
    parsed = parse_in_time(text[:cut])
    if parsed.format is not Format.PRE2019:
        return
    wrong = wrong_certain(parsed, written_truth(report))  # type: ignore[arg-type]
    assert not wrong, f"certain but not shown by the text: {wrong}"
