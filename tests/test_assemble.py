"""The recovery diagnostics written in one place (zhgov_report._assemble), table-driven: a
Recovery's verdicts in, one diagnostic per observation out."""

from __future__ import annotations

import pytest

from zhgov_report._assemble import (
    LINE_TABLE,
    POST2019_ROW,
    SHEET_ROW,
    Facts,
    Outcome,
    Verdicts,
    Wording,
    cut_short_diagnostic,
    dropped_diagnostics,
    end_unproven_diagnostic,
    placement_diagnostic,
    whole_outcome,
)
from zhgov_report._recover import Recovery
from zhgov_report.diagnostics import CODES

_REC = Recovery(
    {}, frozenset(), (("A1", "it does not hold"), ("A2", "it does not hold"), ("B3", "a row is missing")),
    (("amb", 4), ("glued", 2)), (("bad", "3 values for 2 cells"),), ("big",), ("cut",),
)
_FACTS = Facts("行政强制", 3, "1 2 3", 6, False, "1 | ∅ | 2")
_GLUED = Facts("行政强制", 1, "123", 6, True, "1 | 2 | 3")


@pytest.mark.parametrize(("name", "noise", "facts", "code"), [
    ("bad", None, _FACTS, "ROW_UNREADABLE"),
    ("big", None, _FACTS, "PLACEMENT_BOUND"),
    ("amb", None, _FACTS, "PLACEMENT_AMBIGUOUS"),
    ("glued", None, _GLUED, "ROW_UNREADABLE"),
    ("cut", None, _FACTS, "DIGITS_SPLIT"),
    ("plain", None, _FACTS, None),
    ("bad", "'x' is not a value", _FACTS, "ROW_UNREADABLE"),
])
def test_one_diagnostic_per_row_the_first_verdict_that_applies(
        name: str, noise: str | None, facts: Facts, code: str | None) -> None:
    found = placement_diagnostic(Verdicts.of(_REC).outcome(name, noise), facts, POST2019_ROW, None, "t.row")
    assert (found.code if found else None) == code
    if found is not None:
        assert found.path == "t.row" and "{" not in found.message
        assert found.code in CODES


def test_the_sheet_says_glued_ambiguity_as_ambiguity() -> None:
    found = placement_diagnostic(Verdicts.of(_REC).outcome("glued"), _GLUED, SHEET_ROW, None, "sheet")
    assert found is not None and found.code == "PLACEMENT_AMBIGUOUS"
    assert found.message == ("row 行政强制: value(s) 123 for 6 columns; 2 placements satisfy every applicable "
                             "identity")


def test_messages_name_what_the_row_shows() -> None:
    v = Verdicts.of(_REC)
    bad = placement_diagnostic(v.outcome("bad"), _FACTS, POST2019_ROW, None, "p")
    assert bad is not None and bad.message == "row 行政强制: 3 value(s) (1 2 3): 3 values for 2 cells"
    noise = placement_diagnostic(v.outcome("x", "'x' is not a value"), _FACTS, SHEET_ROW, None, "p")
    assert noise is not None and noise.message == "row 行政强制: 'x' is not a value; its values are unknown"
    split = placement_diagnostic(v.outcome("cut"), _FACTS, SHEET_ROW, None, "p")
    assert split is not None and split.message == "row 行政强制: glued digits 1 2 3 split as 1 | ∅ | 2"


def test_a_table_read_as_one_run_takes_the_first_verdict() -> None:
    outcome = whole_outcome(_REC)
    assert outcome == Outcome(None, "3 values for 2 cells", True, 4, True)
    found = placement_diagnostic(outcome, Facts("", 16, "…", 15, False), LINE_TABLE, None, "review")
    assert found is not None and found.message == "16 value(s) (…) do not fit the 15 cells of the table"
    assert placement_diagnostic(whole_outcome(Recovery({}, frozenset(), (), (), (), (), ())),
                                _FACTS, LINE_TABLE, None, "review") is None


def test_dropped_identities_grouped_by_reason_or_one_by_one() -> None:
    grouped = dropped_diagnostics(_REC.dropped, "t")
    assert [d.message for d in grouped] == ["A1, A2 not used to place values: it does not hold",
                                            "B3 not used to place values: a row is missing"]
    single = dropped_diagnostics(_REC.dropped, "t", grouped=False)
    assert [d.message.split(" ")[0] for d in single] == ["A1", "A2", "B3"]
    assert all(d.code == "PLACEMENT_INCONSISTENT" and d.path == "t" for d in grouped + single)


def test_many_dropped_identities_are_counted_not_listed() -> None:
    dropped = tuple((f"A{k}", "why") for k in range(11))
    (d,) = dropped_diagnostics(dropped, "t")
    assert d.message.startswith("A0, A1, A2, A3, A4, A5, A6, A7 and 3 more")


@pytest.mark.parametrize("wording", [POST2019_ROW, LINE_TABLE, SHEET_ROW])
def test_every_template_formats_with_the_declared_fields(wording: Wording) -> None:
    for outcome in (Outcome(noise="n"), Outcome(unreadable="u"), Outcome(bounded=True), Outcome(ways=3),
                    Outcome(split=True)):
        for facts in (_FACTS, _GLUED):
            found = placement_diagnostic(outcome, facts, wording, None, "p")
            assert found is not None and "{" not in found.message


@pytest.mark.parametrize(("wording", "code", "start"), [
    (POST2019_ROW, "ROW_CUT_SHORT", "row 行政强制: 3 value(s) and the text ends after them"),
    (LINE_TABLE, "ROW_CUT_SHORT", "3 value(s) and the text ends after them"),
    (SHEET_ROW, "SHEET_ROW_CUT", "row 行政强制: the text ends inside it, after 3 value(s) for 6 column(s)"),
])
def test_a_row_the_text_cuts_short_is_said_once_per_layout(wording: Wording, code: str, start: str) -> None:
    d = cut_short_diagnostic(_FACTS, wording, None, "p")
    assert (d.code, d.path) == (code, "p") and d.code in CODES
    assert d.message.startswith(start) and "uncertain" in d.message


@pytest.mark.parametrize(("wording", "why", "shown"), [
    (POST2019_ROW, "", "the next row label is further down the template"),
    (SHEET_ROW, "the text after it, 'x', is not a row label", "6 column(s), and the text after it, 'x', is not"),
])
def test_a_row_whose_end_nothing_marks_says_what_follows_it(wording: Wording, why: str, shown: str) -> None:
    d = end_unproven_diagnostic(_FACTS, wording, None, "p", why)
    assert d.code == "ROW_END_UNPROVEN" and d.message.startswith("row 行政强制: 3 value(s)")
    assert shown in d.message and "{" not in d.message
