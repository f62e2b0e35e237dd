"""Robustness: arbitrary text and bytes never raise, and broken renderings give diagnostics
rather than wrong values.

What can honestly be asserted of a rendering whose cells were deleted, duplicated or shuffled:

* parsing never raises, and every result is well formed (registered diagnostic codes, spans
  inside the text, keys of the detected template only);
* **no invention**: the certain non-zero values of a row are, in column order, a subsequence of
  the values the text writes for that row (a digit-level subsequence in the space shape, where
  the parser may split digit runs) — the parser moves values, it never makes them up;
* **a table that still adds up is read right**: when the mutated table (as the text states it,
  empty cells as 0) still satisfies every identity, every certain value is right, because the
  truth is among the placements the parser must consider;
* **a table that no longer adds up is flagged**: some check fails or is not assessable, or a
  placement/row diagnostic says what went wrong. Certain values may then disagree with the
  mutated table: the text no longer determines one.
"""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import given, settings
from hypothesis import strategies as st

from zhgov_report import CheckStatus, Report, flatten, parse, to_dict
from zhgov_report.diagnostics import CODES
from zhgov_report.models import Number
from zhgov_report.templates import TEMPLATES

from ..strategies import examples
from ..strategies.forms import AnyReport, any_reports
from ..strategies.mutate import OPS, group_of, mutations
from ..strategies.render import SHAPES, document, render, render_bytes, styles, tables_of
from ..strategies.reports import identity_holds
from ..strategies.truth import assert_evidenced, describe, parse_in_time, wrong_certain

#: Diagnostics that say a table's structure or arithmetic broke.
STRUCTURE_CODES = {"PLACEMENT_INCONSISTENT", "PLACEMENT_AMBIGUOUS", "PLACEMENT_BOUND", "ROW_UNREADABLE",
                   "ROW_MISSING", "ROW_UNRECOGNISED", "ROW_DUPLICATE", "CHECK_FAILED", "TABLE_MISSING",
                   "NEGATIVE_VALUE", "DIGITS_SPLIT"}


def assert_well_formed(report, text: str | None) -> None:
    """What every result satisfies, whatever the input (the certainty invariant included)."""
    assert_evidenced(report)
    flatten(report)
    flatten(report, uncertain=True)
    to_dict(report)
    for d in report.diagnostics:
        assert d.code in CODES, d.code
        if d.span is not None and text is not None:
            assert 0 <= d.span.start <= d.span.end <= len(text), d
            assert d.span.line >= 1
    template = TEMPLATES.get(report.format.value)
    if template is not None:
        keys = set(template.keys())
        for t in report.tables:
            for c in t.cells:
                assert c.key in keys, c.key
                if c.span is not None and text is not None:
                    assert 0 <= c.span.start <= c.span.end <= len(text)


# ---------------------------------------------------------------------------------------------
# Arbitrary input.


def _vocabulary() -> list[str]:
    """Words of every template: labels, captions, headers, titles; from the declarations."""
    words: set[str] = set()
    for tpl in TEMPLATES.values():
        for t in tpl.tables:
            words.update((t.title, *t.header_words, *t.anchors))
            words.update(r.label for r in t.all_rows())
            words.update(c.label for c in t.columns)
            words.update(c.label for c in t.categories)
            for b in t.blocks:
                words.update((b.caption, *(c.label for c in b.columns)))
    return sorted(words)


_WORDS = _vocabulary()
_TOKENS = st.one_of(
    st.sampled_from(_WORDS),
    st.integers(-10**6, 10**12).map(str),
    st.sampled_from((" | ", " |", "|", "||||||", "\n", "\t", " ", "\u3000", "|---|---|", "- 3 -", "—", "/", "无",
                     "１２３", "1,234", "+5", "251000元", "96171.6", "（", "）", "、", "。", "，")),
    st.text(max_size=8),
)
reportish_text = st.lists(_TOKENS, max_size=300).map("".join)


@settings(max_examples=examples(150))
@given(text=st.text() | reportish_text)
def test_arbitrary_text_never_raises(text):
    assert_well_formed(parse(text), text)


@settings(max_examples=examples(150))
@given(data=st.binary() | reportish_text.map(lambda t: t.encode("gb18030", errors="replace")))
def test_arbitrary_bytes_never_raise(data):
    assert_well_formed(parse(data), None)


@st.composite
def _corrupted(draw: st.DrawFn) -> str:
    """A rendering cut, spliced and sprinkled with arbitrary text."""
    report = draw(any_reports())
    text = render(report, draw(styles(report.form))).text
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 400)))
        text = text[:i] + draw(st.sampled_from(("", "|", "\n", " ")) | st.text(max_size=20) | reportish_text) + \
            text[j:]
    return text


@settings(max_examples=examples(40))
@given(text=_corrupted(), encoding=st.sampled_from((None, "utf-8", "gb18030", "utf-16")))
def test_corrupted_renderings_never_raise(text, encoding):
    if encoding is None:
        assert_well_formed(parse(text), text)
    else:
        assert_well_formed(parse(render_bytes(text, encoding) if encoding != "gb18030"
                                 else text.encode("gb18030", errors="replace")), None)


# ---------------------------------------------------------------------------------------------
# Renderings with cells deleted, duplicated or shuffled.


@st.composite
def mutated(draw: st.DrawFn, *, ops=OPS, shapes=SHAPES, nonzero: bool = False):
    """(report, mutation, style, text) of a consistent report whose tables were broken."""
    report = draw(any_reports())
    if draw(st.booleans()):
        report = report.with_blank(k for k, v in report.values.items() if v == 0)
    style = draw(styles(report.form, shapes=shapes, wrap=False))
    tables = tables_of(report, style)
    mut = draw(mutations(report, tables, ops=ops, nonzero=nonzero))
    return report, mut, style, document(report, mut.tables, style)


def _digits(values) -> str:
    return "".join(str(abs(v)).replace(".", "") for v in values)


def _is_subsequence(small, big) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


@settings(max_examples=examples(40))
@given(case=mutated())
def test_broken_renderings_never_invent_values(case):
    _report, mut, style, text = case
    parsed = parse_in_time(text)
    assert_well_formed(parsed, text)
    specs = {t.spec.id: t.spec for t in mut.tables}
    for table in parsed.tables:
        spec = specs.get(table.id)
        if spec is None:
            continue
        got: dict[str, list] = {}
        for cell in table.cells:
            v = cell.value.as_flat()
            if cell.certain and v:
                got.setdefault(group_of(spec, cell.key), []).append(v)
        for group, values in got.items():
            written = [v for v in mut.written.get(group, ()) if v]
            if style.shape == "space":
                ok = _is_subsequence(_digits(values), _digits(written))
            else:
                ok = _is_subsequence(values, written)
            assert ok, f"{group}: certain {values} not among the written {written}; ops {mut.ops}; {describe(parsed)}"


@settings(max_examples=examples(40))
@given(case=mutated())
def test_broken_tables_that_still_add_up_are_read_right(case):
    report, mut, _style, text = case
    published = mut.published
    if published is None:
        return  # a duplicated cell: the text states no single table
    values = {k: (v or 0) for k, v in published.items()}
    if not _adds_up(report, values):
        return
    parsed = parse_in_time(text)
    wrong = wrong_certain(parsed, published)
    assert not wrong, f"certain but wrong {wrong}; ops {mut.ops}; {describe(parsed)}"


def _adds_up(report: AnyReport, values: Mapping[str, Number], unstated: frozenset[str] = frozenset()) -> bool:
    """Every hard identity over the stated cells holds, and no count is negative (A6)."""
    return all(identity_holds(i, values) for i in report.identities
               if i.hard and not unstated & set(i.cells)) and all(
        v >= 0 or report.cell(k).signed for k, v in values.items() if k not in unstated)


def _consistent_reading(report: AnyReport, parsed: Report, unstated: frozenset[str]) -> bool:
    """The parse reads every stated cell with certainty, as a table that adds up: another table
    than the mutated one, which the same text states equally well."""
    values: dict[str, Number] = {}
    for key in report.values:
        if key in unstated:
            continue
        cell = parsed.cell(key)
        if cell is None or not cell.certain:
            return False
        values[key] = cell.value.numeric() or 0
    return _adds_up(report, {**report.values, **values}, unstated)


@settings(max_examples=examples(40))
@given(case=mutated(ops=("delete", "shuffle", "drop_label", "drop_row"), nonzero=True))
def test_broken_tables_that_no_longer_add_up_are_flagged(case):
    """Deleted, shuffled or unlabelled cells that break the table are not passed over in silence,
    unless the parse found another table that adds up and that the text states just as well (a
    two-column sheet row `| 条 | 3000 |` whose 历年累计 was emptied reads as 本年 empty, 历年累计
    3000): no reader can tell those apart, and the parse is then a consistent reading of the text.

    (Duplicated cells are left out: a duplicate that fills a deleted cell, or an empty one, writes
    another valid table; :func:`test_broken_renderings_never_invent_values` covers them.)"""
    report, mut, _style, text = case
    published = mut.published
    assert published is not None
    values = {k: (v or 0) for k, v in published.items()}
    broken = not _adds_up(report, values, mut.unstated)
    # A lost row of a post-2019 table is a missing template row; a statistics sheet without a row
    # may be a local variant that lacks it, which only its identities can tell.
    lost_rows = bool(mut.unstated) and report.form != "pre2019"
    if not broken and not lost_rows:
        return
    parsed = parse_in_time(text)
    if not lost_rows and _consistent_reading(report, parsed, mut.unstated):
        return
    silent = all(c.status is CheckStatus.PASS for c in parsed.checks) and not any(
        d.code in STRUCTURE_CODES for d in parsed.diagnostics)
    assert not silent, f"ops {mut.ops} broke the table, yet the report says nothing; {describe(parsed)}"
    wrong = wrong_certain(parsed, published)
    if wrong:
        # a certain value that contradicts the mutated table: the report must flag that table
        tables = {_table(k) for k in wrong}
        flagged = {_table(d.path) for d in parsed.diagnostics if d.code in STRUCTURE_CODES and d.path}
        failing = {_table(k) for c in parsed.checks if c.status is not CheckStatus.PASS for k in c.cells}
        assert tables <= flagged | failing, f"wrong {wrong} in an unflagged table; ops {mut.ops}"


def _table(path: str) -> str:
    """The table a flat key or diagnostic path belongs to (``sheet_cumulative.x`` is the sheet's)."""
    head = path.split(".")[0]
    return "sheet" if head == "sheet_cumulative" else head
