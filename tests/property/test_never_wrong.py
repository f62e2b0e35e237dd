"""Never silently wrong: with cells left empty, a certain value is always right.

Real reports leave most zero cells empty (S4 leaves every zero blank), and the scraper drops
empty cells, so positions are lost; the library places values by arithmetic and calls a cell
certain only when every placement satisfying the identities agrees. The properties: no certain
value contradicts the table the text states, and every non-zero value is either recovered or
reported uncertain, with a diagnostic naming its row.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from zhgov_report import Format, flatten, parse
from zhgov_report.templates import TEMPLATES

from ..strategies import examples
from ..strategies.forms import ALL_FORMS, AnyReport, any_reports
from ..strategies.render import SHAPES, Style, render, styles
from ..strategies.reports import POST2019_FORMS, GenReport, cell_info, consistent_reports
from ..strategies.truth import PARSE_SECONDS, describe, parse_in_time, same, time_limit, written_truth, wrong_certain

#: Diagnostics that tell a user a row's values are not certain.
UNCERTAIN_CODES = {"PLACEMENT_AMBIGUOUS", "PLACEMENT_BOUND", "ROW_UNREADABLE", "ROW_CUT_SHORT", "ROW_END_UNPROVEN",
                   "SHEET_ROW_CUT"}


@st.composite
def blanked_reports(draw: st.DrawFn, forms: Sequence[str] = ALL_FORMS) -> AnyReport:
    """A consistent report with some or all of its zero cells written empty."""
    report = draw(any_reports(forms))
    zeros = [k for k, v in report.values.items() if v == 0]
    mode = draw(st.sampled_from(("all", "some")))
    if mode == "all":
        return report.with_blank(zeros)
    keep = draw(st.lists(st.booleans(), min_size=len(zeros), max_size=len(zeros)))
    return report.with_blank(k for k, b in zip(zeros, keep, strict=True) if b)


def _row_path(key: str) -> tuple[str, str]:
    """The paths a diagnostic about the row of ``key`` carries: the row's, and its table's."""
    if key.startswith(("sheet.", "sheet_cumulative.")):
        return "sheet." + key.split(".", 1)[1], "sheet"
    table, row, _ = key.split(".")
    return f"{table}.{row}", table


def assert_never_silently_wrong(report: AnyReport, text: str) -> None:
    parsed = parse_in_time(text)
    assert parsed.format == Format(report.form), describe(parsed)
    truth = written_truth(report)
    wrong = wrong_certain(parsed, truth)
    assert not wrong, f"certain but wrong: {wrong}; {describe(parsed)}"
    flagged = {d.path for d in parsed.diagnostics if d.code in UNCERTAIN_CODES}
    for key, value in truth.items():
        cell = parsed.cell(key)
        row_path, table = _row_path(key)
        if cell is None:
            assert not value or flagged & {row_path, table}, (
                f"{key} = {value} neither recovered nor reported uncertain; {describe(parsed)}")
            continue
        if cell.certain:
            assert same(value, cell.value.as_flat()), key
        else:
            assert flagged & {row_path, table}, f"{key} is uncertain but no diagnostic names its row"


@pytest.mark.parametrize("shape", [s for s in SHAPES if s != "tab"])
@settings(max_examples=examples(40))
@given(data=st.data())
def test_blank_cells_never_give_a_wrong_certain_value(shape, data):
    report = data.draw(blanked_reports(), label="report")
    style = data.draw(styles(report.form, shapes=(shape,), wrap=False), label="style")
    if shape == "markdown":  # S4's geometry there: test_s4_geometry_in_kept_positions_is_not_misread
        style = attrs.evolve(style, wide_items=False)
    assert_never_silently_wrong(report, render(report, style).text)


def _granted_total_blank(form: str) -> GenReport:
    """Every cell written `0` but 总计 of （一）予以公开, which is empty:
    `三、本年度办理结果\t（一）予以公开\t\t0\t0\t0\t0\t0\t0\t`."""
    return GenReport(form, dict.fromkeys(cell_info(form), 0)).with_blank(["requests.granted.total"])


@st.composite
def _tab_renderings(draw: st.DrawFn) -> tuple[AnyReport, Style]:
    report = draw(blanked_reports())
    style = draw(styles(report.form, shapes=("tab",), wrap=False))
    return report, attrs.evolve(style, wide_items=False)


@settings(max_examples=examples(40))
@example(case=(_granted_total_blank("form2019"), Style(shape="tab")))
@given(case=_tab_renderings())
def test_blank_cells_in_tab_rows_never_give_a_wrong_certain_value(case):
    """Tab rows keep their empty cells in place, including the empty slots a label spanning two
    label columns leaves. (Regression, fixed: `三、本年度办理结果\t（一）予以公开\t\t0\t0\t0\t0\t0\t0\t`
    gave 自然人 = blank, certain, the label's empty slot taken for the 自然人 cell, the trailing tab
    of the blank 总计 dropped.)"""
    report, style = case
    assert_never_silently_wrong(report, render(report, style).text)


def _s4_change_report() -> GenReport:
    """`行政处罚\t\t\t229\t` under `信息内容\t上一年项目数量\t本年增/减\t\t处理决定数量`: the data row
    spans 上一年项目数量 over two grid columns, the header spans 本年增/减 (S4)."""
    values = dict.fromkeys(cell_info("form2019"), 0)
    values["active.punishment.change"] = 229
    return GenReport("form2019", values).with_blank(k for k, v in values.items() if v == 0)


@st.composite
def _s4_kept_positions(draw: st.DrawFn) -> tuple[AnyReport, Style]:
    report = draw(blanked_reports(("form2019",)))
    style = draw(styles(report.form, shapes=("markdown", "tab"), wrap=False))
    return report, attrs.evolve(style, wide_items=True)


@settings(max_examples=examples(20))
@example(case=(_s4_change_report(), Style(shape="tab", wide_items=True)))
@given(case=_s4_kept_positions())
def test_s4_geometry_in_kept_positions_is_not_misread(case):
    """S4's data rows span other grid columns than their header: only the order of the values
    holds there (FORMATS.md §3.2). (Regression, fixed: `行政处罚\t\t\t229\t` gave 处理决定数量 = 229,
    certain, where the text means 本年增/减 = 229.)"""
    report, style = case
    assert_never_silently_wrong(report, render(report, style).text)


def _middle_totals_blank(report: GenReport) -> GenReport:
    """S4's pattern: every zero cell empty, and the 总计 column empty between 二 and （七）."""
    spec = report.template.table("requests")
    rows = [r.key for r in spec.rows]
    middle = rows[2:rows.index("handled_total")]
    zeros = [k for k, v in report.values.items() if v == 0]
    return report.with_blank({spec.key(r, "total") for r in middle} | set(zeros))


@st.composite
def s4_reports(draw: st.DrawFn) -> tuple[GenReport, Style]:
    report = _middle_totals_blank(draw(consistent_reports()))
    return report, draw(styles(report.form, shapes=("pipe", "space"), wrap=False))


def _s4_minimal() -> GenReport:
    """（一）予以公开 7 (总计 empty) shows that the table does not keep A2; 1.属于国家秘密 3 | 3 is
    自然人 3, 其他 3 with 总计 empty."""
    form = "form2021"
    values = dict.fromkeys(cell_info(form), 0)
    for row, cols in (("granted", {"natural_person": 7}),
                      ("denied_state_secret", {"natural_person": 3, "other_org": 3}),
                      ("handled_total", {"natural_person": 10, "other_org": 3}),
                      ("new_received", {"natural_person": 10, "other_org": 3})):
        for col, n in cols.items():
            values[f"requests.{row}.{col}"] = n
        values[f"requests.{row}.total"] = sum(cols.values())
    return _middle_totals_blank(GenReport(form, values))


@settings(max_examples=examples(30))
@example(case=(_s4_minimal(), Style()))
@given(case=s4_reports())
def test_blank_totals_of_the_middle_rows_are_not_invented(case):
    """S4 leaves the 总计 column empty between 二 and （七） although the rows are not zero (A2
    broken by omission). The text states blanks there; a certain total would be invented.
    (Regression, fixed: one-value rows such as （一）予以公开 | 7 prove that the table does not keep A2,
    yet A2 still placed `1.属于国家秘密 | 3 | 3` with 总计 = 3, certain.)"""
    report, style = case
    parsed = parse_in_time(render(report, style).text)
    wrong = wrong_certain(parsed, written_truth(report))
    assert not wrong, f"certain but wrong: {wrong}; {describe(parsed)}"
    invented = {k: v for k, v in flatten(parsed).items() if k in report.blank and v}
    assert not invented


def _ten_sparse_result_rows(form: str) -> GenReport:
    """The minimal slow table: ten result rows with two non-zero cells and their 总计 each, every
    zero cell empty (S4 style), （七）总计 and 一 fully written. Nine rows parse in ~1 s, eight in
    0.1 s, ten in ~25 s, and then every cell is uncertain (PLACEMENT_BOUND)."""
    spec = TEMPLATES[form].table("requests")
    parts = [c.key for c in spec.columns][:-1]
    results = [r.key for r in spec.rows][2:12]
    values = dict.fromkeys(cell_info(form), 0)
    for i, row in enumerate(results):
        for j, col in enumerate((parts[i % 6], parts[(i + 2) % 6])):
            values[spec.key(row, col)] = 10 * (j + 1) + i
        values[spec.key(row, "total")] = sum(values[spec.key(row, c)] for c in parts)
    for col in [*parts, "total"]:
        total = sum(values[spec.key(r, col)] for r in results)
        values[spec.key("handled_total", col)] = values[spec.key("new_received", col)] = total
    return GenReport(form, values).with_blank(k for k, v in values.items() if v == 0)


@settings(max_examples=examples(10))
@example(report=_ten_sparse_result_rows("form2019"))
@given(report=blanked_reports())
def test_placement_search_is_bounded_in_time(report):
    """_recover's contract: "The enumeration and the search are bounded: past the bound, the cells
    concerned are reported uncertain, never slow." A parse takes at most PARSE_SECONDS.
    (Regression, fixed: ten sparse result rows took ~25 s, every cell ending uncertain.)"""
    with time_limit(PARSE_SECONDS):
        parse(render(report).text)


def _one_value_report(form: str) -> GenReport:
    """规章 | (empty) | 4 | (empty): the markdown row says which column holds the 4."""
    values = dict.fromkeys(cell_info(form), 0)
    values[TEMPLATES[form].table("active").keys()[1]] = 4
    return GenReport(form, values).with_blank(k for k, v in values.items() if v == 0)


@st.composite
def _kept_positions(draw: st.DrawFn) -> tuple[AnyReport, Style]:
    report = draw(blanked_reports(POST2019_FORMS))
    style = draw(styles(report.form, shapes=("markdown", "tab"), wrap=False))
    # S4's geometry (本年增/减 spanning two grid columns, data rows spanning another) puts the values
    # of a row under other columns than its header's: there, only the order of the values holds
    # (FORMATS.md §3.2), and the placement is arithmetic's.
    return report, attrs.evolve(style, wide_items=False)


def _other_org_report(form: str) -> GenReport:
    """`| 一、本年新收政府信息公开申请数量 |  |  |  |  |  |  |  | 1 | 1 |`: 其他 1, 总计 1."""
    values = dict.fromkeys(cell_info(form), 0)
    for row in ("new_received", "granted", "handled_total"):
        values[f"requests.{row}.other_org"] = values[f"requests.{row}.total"] = 1
    return GenReport(form, values).with_blank(k for k, v in values.items() if v == 0)


@settings(max_examples=examples(20))
@example(case=(_one_value_report("form2021"), Style(shape="markdown")))
@example(case=(_one_value_report("form2021"), Style(shape="tab")))
@example(case=(_other_org_report("form2021"), Style(shape="markdown")))
@given(case=_kept_positions())
def test_markdown_and_tab_rows_keep_the_positions_of_empty_cells(case):
    """In the shapes that keep empty cells, every value the text writes is read, certain, at its
    column, blank cells or not. (Regressions, fixed: `| 规章 |  | 4 |  |` was placed by arithmetic,
    4 going to 本年制发件数, uncertain; so were `规章\t\t4\t` and `| 一、本年新收政府信息公开申请数量 |  |  |
    |  |  |  |  | 1 | 1 |`, whose label spans the grid's three label columns.)"""
    report, style = case
    parsed = parse_in_time(render(report, style).text)
    flat = flatten(parsed)
    lost = {k: v for k, v in report.values.items() if v and not same(v, flat.get(k, "missing"))}
    assert not lost, f"values the text places but the parse does not: {lost}; {describe(parsed)}"
