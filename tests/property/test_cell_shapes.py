"""The four one-cell-per-line shapes (INPUT.md §2a) and the certainty invariant.

A table written one cell per line (``cellines``, ``multiline``, ``paragraphs``, ``alternating``) is
read as cells in reading order, rows by their labels: every value comes back certain when every
cell is written, no certain value is wrong when cells are left empty, and a text cut off inside a
table never turns the cells it does not show into certain blanks or zeros. Every certain cell of
every parse has evidence: its own span, or an identity that placed it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhgov_report import Format, flatten, parse

from ..strategies import examples
from ..strategies.mutate import Mutation, group_of, mutations
from ..strategies.render import CELL_SHAPES, SHAPES, Style, document, render, styles, tables_of
from ..strategies.reports import GenReport, consistent_reports
from ..strategies.truth import assert_evidenced, describe, parse_in_time, written_truth, wrong_certain
from .test_never_wrong import assert_never_silently_wrong
from .test_robust import _adds_up
from .test_round_trip import _zero_report, assert_round_trip


@st.composite
def blanked_post2019(draw: st.DrawFn) -> GenReport:
    """A consistent post-2019 report with some or all of its zero cells written empty."""
    report = draw(consistent_reports())
    zeros = [k for k, v in report.values.items() if v == 0]
    keep = draw(st.lists(st.booleans(), min_size=len(zeros), max_size=len(zeros)))
    return report.with_blank(k for k, b in zip(zeros, keep, strict=True) if b)


@pytest.mark.parametrize("shape", CELL_SHAPES)
@settings(max_examples=examples(30))
@given(data=st.data())
def test_round_trip_of_cell_shapes(shape, data):
    report = data.draw(consistent_reports(), label="report")
    style = data.draw(styles(report.form, shapes=(shape,), wrap=False), label="style")
    assert_round_trip(report, render(report, style).text)


@pytest.mark.parametrize("shape", CELL_SHAPES)
@settings(max_examples=examples(30))
@given(data=st.data())
def test_blank_cells_in_cell_shapes_never_give_a_wrong_certain_value(shape, data):
    report = data.draw(blanked_post2019(), label="report")
    style = data.draw(styles(report.form, shapes=(shape,), wrap=False), label="style")
    assert_never_silently_wrong(report, render(report, style).text)


def _cut_points(text: str) -> list[int]:
    """Offsets just after a value cell inside the tables: where a truncated page may stop."""
    start = text.find("二、")
    return [i + 1 for i in range(max(0, start), len(text) - 1) if text[i].isdigit() and not text[i + 1].isdigit()]


@settings(max_examples=examples(40))
@given(data=st.data())
def test_a_text_cut_off_inside_a_table_gives_no_certain_value_it_does_not_show(data):
    """A row cut short by the end of the text keeps the cells it does not show uncertain or absent
    (``行政强制 | 0 | 0`` at the end must not give its third cell as a certain 0)."""
    report = data.draw(blanked_post2019(), label="report")
    shape = data.draw(st.sampled_from(("pipe", "space", *CELL_SHAPES)), label="shape")
    text = render(report, Style(shape=shape)).text
    cuts = _cut_points(text)
    if not cuts:
        return
    cut = data.draw(st.sampled_from(cuts), label="cut")
    parsed = parse_in_time(text[:cut])
    if parsed.format is not Format(report.form):
        return  # too little of the text left to know the template
    wrong = wrong_certain(parsed, written_truth(report))
    assert not wrong, f"certain but not shown by the text: {wrong}; {describe(parsed)}"
    assert_evidenced(parsed)


@settings(max_examples=examples(40))
@given(data=st.data())
def test_every_certain_cell_has_a_span_or_an_identity(data):
    """The certainty invariant: a cell is certain only with evidence, its own span at a position
    the source proves or an identity that derives it, in every shape, with cells left empty."""
    report = data.draw(blanked_post2019(), label="report")
    style = data.draw(styles(report.form, shapes=(*SHAPES, *CELL_SHAPES), wrap=False), label="style")
    assert_evidenced(parse_in_time(render(report, style).text))


def test_the_examples_hold_in_every_shape():
    """A report of zeros in every cell-per-line shape: every value certain, each with evidence."""
    for form in ("form2019", "form2021"):
        zero = _zero_report(form)
        for shape in CELL_SHAPES:
            parsed = parse(render(zero, Style(shape=shape)).text)
            flat = flatten(parsed)
            assert all(k in flat for k in zero.values), (form, shape, describe(parsed))
            assert_evidenced(parsed)


@st.composite
def broken_cell_shapes(draw: st.DrawFn) -> tuple[GenReport, Mutation, Style, str]:
    """A post-2019 report in a cell-per-line shape whose tables had cells deleted, duplicated or
    shuffled, labels or rows dropped (:mod:`tests.strategies.mutate`)."""
    report = draw(consistent_reports())
    if draw(st.booleans()):
        report = report.with_blank(k for k, v in report.values.items() if v == 0)
    style = draw(styles(report.form, shapes=CELL_SHAPES, wrap=False))
    mut = draw(mutations(report, tables_of(report, style)))
    return report, mut, style, document(report, mut.tables, style)


@settings(max_examples=examples(40))
@given(case=broken_cell_shapes())
def test_broken_cell_shapes_never_invent_values(case):
    """A certain value of a row is one the text writes for that row, in its order."""
    _report, mut, _style, text = case
    parsed = parse_in_time(text)
    specs = {t.spec.id: t.spec for t in mut.tables}
    for table in parsed.tables:
        got: dict[str, list[object]] = {}
        for cell in table.cells:
            v = cell.value.as_flat()
            if cell.certain and v and table.id in specs:
                got.setdefault(group_of(specs[table.id], cell.key), []).append(v)
        for group, values in got.items():
            written = iter([v for v in mut.written.get(group, ()) if v])
            assert all(any(x == y for y in written) for x in values), (
                f"{group}: certain {values} not among the written {mut.written.get(group)}; ops {mut.ops}; "
                f"{describe(parsed)}")


@settings(max_examples=examples(40))
@given(case=broken_cell_shapes())
def test_broken_cell_shapes_that_still_add_up_are_read_right(case):
    report, mut, _style, text = case
    if mut.published is None:
        return  # a duplicated cell: the text states no single table
    if not _adds_up(report, {k: (v or 0) for k, v in mut.published.items()}):
        return
    parsed = parse_in_time(text)
    wrong = wrong_certain(parsed, mut.published)
    assert not wrong, f"certain but wrong {wrong}; ops {mut.ops}; {describe(parsed)}"
