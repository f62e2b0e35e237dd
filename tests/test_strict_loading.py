"""Strict loading: ``from_dict`` refuses what does not fit the model, naming the field's path, and
the models refuse to be built against their invariants (issue 15)."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from zhgov_report import Span, Value, ValueKind, from_dict, parse, to_dict
from zhgov_report.examples import example_text
from zhgov_report.models import Check, CheckStatus, Meta

REPORT = parse(example_text())
DATA = to_dict(REPORT)
CELL = ("tables", 0, "rows", 0, "cells", 0)


def _set(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(DATA)
    node: Any = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


def _drop(path: tuple[Any, ...]) -> dict[str, Any]:
    data = copy.deepcopy(DATA)
    node: Any = data
    for step in path[:-1]:
        node = node[step]
    del node[path[-1]]
    return data


def test_the_round_trip_stays_exact() -> None:
    assert from_dict(DATA) == REPORT
    assert to_dict(from_dict(DATA)) == DATA


@pytest.mark.parametrize(
    ("data", "where", "why"),
    [
        (_set((*CELL, "certain"), "no"), "report.tables[0].rows[0].cells[0].certain", "expected bool"),
        (_set((*CELL, "certain"), 1), "report.tables[0].rows[0].cells[0].certain", "expected bool"),
        (_set(("meta", "year"), 2020.7), "report.meta.year", "expected int"),
        (_set(("meta", "year"), True), "report.meta.year", "expected int"),
        (_set(("meta", "agency"), 123), "report.meta.agency", "expected str"),
        (_set((*CELL, "value", "number"), float("nan")), "cells[0].value.number", "finite"),
        (_set((*CELL, "value", "number"), float("inf")), "cells[0].value.number", "finite"),
        (_set((*CELL, "value", "number"), "NaN"), "cells[0].value.number", "finite"),
        (_set((*CELL, "value", "number"), 10**5000), "cells[0].value", "more than 40 digits"),
        (_set((*CELL, "value", "number"), "1E+99"), "cells[0].value", "more than 40 digits"),
        (_set((*CELL, "value", "kind"), "blank"), "cells[0].value", "must not have a number"),
        (_set((*CELL, "value", "kind"), "zero"), "cells[0].value.kind", "not a valid ValueKind"),
        (_set(("format",), "form2030"), "report.format", "not a valid Format"),
        (_set(("meta", "year"), 20200), "report.meta", "between 1900 and 2100"),
        (_set(("meta", "title_span"), {"start": 5, "end": 3, "line": 1, "column": 1, "end_line": 1}),
         "report.meta.title_span", "start <= end"),
        (_set(("tables",), "abc"), "report.tables", "expected a list"),
        (_set(("tables", 0, "rows"), {"a": 1}), "report.tables[0].rows", "expected a list"),
        (_set(("meta",), []), "report.meta", "expected an object"),
        (_drop(("meta",)), "report.meta", "required field missing"),
        (_drop(("tables",)), "report.tables", "required field missing"),
        (_drop((*CELL, "span")), "report.tables[0].rows[0].cells[0].span", "required field missing"),
        (_set(("extra",), 1), "report", "extra fields found (extra)"),
        (_set(("meta", "bogus"), 1), "report.meta", "extra fields found (bogus)"),
    ],
)
def test_from_dict_refuses_with_the_field_path(data: dict[str, Any], where: str, why: str) -> None:
    with pytest.raises(ValueError, match=r"^not a report: ") as info:
        from_dict(data)
    message = str(info.value)
    assert why in message and where in message, message


def test_every_problem_is_named() -> None:
    data = _set(("meta", "agency"), 1)
    data["meta"]["year"] = "2020"
    with pytest.raises(ValueError, match=r"^not a report: ") as info:
        from_dict(data)
    message = str(info.value)
    assert "report.meta.agency" in message and "report.meta.year" in message


def test_a_float_that_is_finite_is_still_read() -> None:  # written by other tools; to_dict writes none
    data = _set((*CELL, "value", "number"), 1.5)
    assert from_dict(data).tables[0].rows[0].cells[0].value.number == Decimal("1.5")


@pytest.mark.parametrize(
    "build",
    [
        lambda: Span(3, 2, 1, 1, 1),
        lambda: Span(-1, 2, 1, 1, 1),
        lambda: Span(0, 2, 0, 1, 1),
        lambda: Span(0, 2, 2, 1, 1),
        lambda: Span(0, 2, 1, 0, 1),
        lambda: Value(ValueKind.NUMBER),
        lambda: Value(ValueKind.BLANK, 0),
        lambda: Value(ValueKind.NUMBER, Decimal("NaN")),
        lambda: Value(ValueKind.NUMBER, 10**41),
        lambda: Value(ValueKind.NUMBER, Decimal("1E-41")),
        lambda: Check("A1", "A1", "", (), CheckStatus.PASS, left=Decimal("Infinity")),
        lambda: Meta(year=1899),
    ],
)
def test_the_models_refuse_to_break_their_invariants(build: Any) -> None:
    with pytest.raises((ValueError, TypeError)):
        build()


def test_the_models_take_what_the_parser_makes() -> None:
    assert Value(ValueKind.NUMBER, 10**40 - 1).number == 10**40 - 1
    assert Value(ValueKind.NUMBER, -5, signed=True).number == -5
    assert Span(0, 0, 1, 1, 1).start == 0
    assert Meta(year=2100).year == 2100
