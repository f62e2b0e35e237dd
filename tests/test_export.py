"""to_dict / from_dict (the cattrs converter) and to_records: exact round trips, JSON safety, records."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import zhgov_report
from zhgov_report import (
    RECORD_FIELDS,
    AgencySource,
    Cell,
    Check,
    CheckStatus,
    Detection,
    Diagnostic,
    Evidence,
    Figure,
    Format,
    InputKind,
    Meta,
    Report,
    Row,
    Section,
    Severity,
    Span,
    Table,
    Value,
    ValueKind,
    flatten,
    from_dict,
    parse,
    to_dict,
    to_records,
)
from zhgov_report.diagnostics import CODES
from zhgov_report.examples import example_text
from zhgov_report.models import MAX_NUMBER_DIGITS

from .conftest import SEEDS

# ---------------------------------------------------------------------------------------------
# strategies: valid frozen model objects of every kind

texts = st.text(max_size=12)
opt_texts = st.none() | texts
small = st.integers(min_value=0, max_value=10**7)
spans = st.builds(lambda s, n, line, col, more: Span(s, s + n, line + 1, col + 1, line + 1 + more),
                  small, small, small, small, small)
opt_spans = st.none() | spans


def _within_digits(d: Decimal) -> bool:
    exponent = d.as_tuple().exponent
    return d.adjusted() < MAX_NUMBER_DIGITS and isinstance(exponent, int) and exponent >= -MAX_NUMBER_DIGITS


decimals: st.SearchStrategy[Decimal] = st.decimals(allow_nan=False, allow_infinity=False).filter(_within_digits)
numbers = st.integers(-(10**MAX_NUMBER_DIGITS) + 1, 10**MAX_NUMBER_DIGITS - 1) | decimals
opt_numbers = st.none() | numbers


def tuples(strategy: st.SearchStrategy[Any], max_size: int = 3) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.lists(strategy, max_size=max_size).map(tuple)


values = st.one_of(
    st.builds(Value, st.just(ValueKind.NUMBER), numbers, st.none() | st.sampled_from(["元", "万元", "条"]),
              st.booleans(), texts),
    st.builds(Value, st.sampled_from([ValueKind.BLANK, ValueKind.NOT_APPLICABLE, ValueKind.UNREADABLE]),
              st.none(), opt_texts, st.booleans(), texts),
)
cells = st.builds(Cell, texts, values, st.booleans(), st.booleans(), tuples(values), opt_spans)
rows = st.builds(Row, opt_texts, texts, tuples(cells), tuples(texts), opt_texts, tuples(values), opt_spans)
tables = st.builds(Table, st.sampled_from(["active", "requests", "appeals", "sheet"]), texts, texts,
                   tuples(rows), opt_spans)
checks = st.builds(Check, texts, texts, texts, tuples(texts), st.sampled_from(list(CheckStatus)),
                   opt_numbers, opt_numbers, st.sampled_from(["=", "<=", ">="]), st.booleans(), st.booleans(),
                   st.booleans(), texts, tuples(texts))
diagnostics = st.builds(Diagnostic, st.sampled_from(sorted(CODES)), st.sampled_from(list(Severity)), texts,
                        opt_texts, opt_spans)
evidence = st.builds(Evidence, texts, st.sampled_from(list(Format)), st.integers(0, 9), opt_spans)
detections = st.builds(Detection, st.sampled_from(list(Format)), st.none() | st.integers(1990, 2030),
                       tuples(evidence), texts, opt_spans)
sections = st.builds(Section, texts, opt_texts, st.none() | st.integers(1, 12), texts, opt_spans)
metas = st.builds(Meta, opt_texts, opt_texts, st.none() | st.integers(1990, 2030), opt_texts, opt_texts,
                  opt_texts, st.sampled_from(list(InputKind)), st.none() | st.sampled_from(list(AgencySource)),
                  opt_spans, opt_spans, opt_spans, opt_spans, opt_spans)
figures = st.builds(Figure, texts, values, texts, opt_spans)
reports = st.builds(Report, st.sampled_from(list(Format)), metas, detections, tuples(sections),
                    tuples(tables), tuples(checks), tuples(diagnostics), tuples(figures))


# ---------------------------------------------------------------------------------------------
# an exact comparison: types, every field (those excluded from equality too), Decimal digits


def assert_identical(a: Any, b: Any, path: str = "report") -> None:
    assert type(a) is type(b), f"{path}: {type(a).__name__} != {type(b).__name__}"
    if attrs.has(type(a)):
        for f in attrs.fields(type(a)):
            assert_identical(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
    elif isinstance(a, tuple):
        assert len(a) == len(b), f"{path}: {len(a)} != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_identical(x, y, f"{path}[{i}]")
    elif isinstance(a, Decimal):
        assert a.as_tuple() == b.as_tuple(), f"{path}: {a!r} != {b!r}"
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


def spans_of(obj: Any, path: str = "report") -> list[tuple[str, Span | None]]:
    """Every span field in the object tree, with its path."""
    out: list[tuple[str, Span | None]] = []
    if attrs.has(type(obj)):
        for f in attrs.fields(type(obj)):
            v = getattr(obj, f.name)
            if f.name.endswith("span"):
                out.append((f"{path}.{f.name}", v))
            else:
                out.extend(spans_of(v, f"{path}.{f.name}"))
    elif isinstance(obj, tuple):
        for i, x in enumerate(obj):
            out.extend(spans_of(x, f"{path}[{i}]"))
    return out


def json_types_only(obj: Any) -> bool:
    if isinstance(obj, dict):
        return all(isinstance(k, str) and json_types_only(v) for k, v in obj.items())
    if isinstance(obj, list):
        return all(json_types_only(v) for v in obj)
    return obj is None or type(obj) in (str, int, bool)


def assert_round_trips(report: Report) -> None:
    d = to_dict(report)
    assert json_types_only(d)
    back = from_dict(d)
    assert back == report
    assert_identical(back, report)
    assert spans_of(back) == spans_of(report)
    text = json.dumps(d)
    loaded = json.loads(text)
    assert loaded == d
    again = from_dict(loaded)
    assert again == report
    assert_identical(again, report)
    assert spans_of(again) == spans_of(report)
    assert to_dict(again) == d


# ---------------------------------------------------------------------------------------------
# round trips


@given(reports)
def test_round_trip_of_any_report(report: Report) -> None:
    assert_round_trips(report)


@given(values)
def test_numbers_keep_their_type_and_digits(value: Value) -> None:
    row = Row("r", "l", (Cell("k", value),))
    report = Report(Format.FORM2019, tables=(Table("requests", "form2019", "t", (row,)),))
    d = to_dict(report)
    number = d["tables"][0]["rows"][0]["cells"][0]["value"]["number"]
    if isinstance(value.number, Decimal):
        assert number == str(value.number)
    else:
        assert number == value.number
    assert_identical(from_dict(json.loads(json.dumps(d))), report)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_round_trip_of_parsed_seeds(path: Any) -> None:
    report = parse(path.read_bytes())
    assert_round_trips(report)
    assert any(s is not None for _, s in spans_of(report)), "parsed reports carry source positions"


def test_round_trip_of_the_bundled_example_keeps_every_span() -> None:
    report = parse(example_text())
    back = from_dict(json.loads(json.dumps(to_dict(report), ensure_ascii=False)))
    pairs = list(zip(spans_of(report), spans_of(back), strict=True))
    assert len([1 for (_, s), _ in pairs if s is not None]) > 100
    for (pa, sa), (pb, sb) in pairs:
        assert pa == pb
        if sa is None:
            assert sb is None
        else:
            assert sb is not None
            assert (sa.start, sa.end, sa.line, sa.column, sa.end_line) == (
                sb.start, sb.end, sb.line, sb.column, sb.end_line), pa


def test_json_form_of_enums_decimals_and_spans() -> None:
    span = Span(3, 9, 2, 4, 2)
    fee = Value(ValueKind.NUMBER, Decimal("96171.60"), "万元", raw="96171.60")
    row = Row("fees", "行政事业性收费", (Cell("active.fees.amount", fee, span=span),))
    report = Report(
        Format.FORM2021,
        tables=(Table("active", "form2021", "二、主动公开政府信息情况", (row,)),),
        checks=(Check("A1", "A1", "d", ("a", "b"), CheckStatus.NOT_ASSESSABLE, left=Decimal("0.5"),
                      right=2),),
        diagnostics=(Diagnostic("VALUE_UNIT", Severity.INFO, "m", path="active.fees.amount", span=span),),
    )
    d = to_dict(report)
    assert d["format"] == "form2021"
    cell = d["tables"][0]["rows"][0]["cells"][0]
    assert cell["value"] == {"kind": "number", "number": "96171.60", "unit": "万元", "signed": False,
                             "raw": "96171.60"}
    assert cell["span"] == {"start": 3, "end": 9, "line": 2, "column": 4, "end_line": 2}
    assert d["checks"][0]["status"] == "not_assessable"
    assert (d["checks"][0]["left"], d["checks"][0]["right"]) == ("0.5", 2)
    assert d["diagnostics"][0]["severity"] == "info"
    assert from_dict(d).tables[0].rows[0].cells[0].value.number == Decimal("96171.60")


def test_from_dict_reports_what_does_not_fit() -> None:
    good = to_dict(parse(example_text()))
    with pytest.raises(ValueError, match=r"report\.format"):
        from_dict({**good, "format": "form1999"})
    bad = json.loads(json.dumps(good))
    bad["tables"][0]["rows"][0]["cells"][0]["value"]["number"] = "twelve"
    with pytest.raises(ValueError, match="number"):
        from_dict(bad)
    with pytest.raises(TypeError):
        to_dict(good)  # type: ignore[arg-type]
    not_dicts: tuple[object, ...] = ([], "form2019", None)
    for not_a_dict in not_dicts:
        with pytest.raises(TypeError, match="takes a dict"):
            from_dict(not_a_dict)  # type: ignore[arg-type]


def test_numbers_from_other_writers_are_read_exactly() -> None:
    d = to_dict(Report(Format.UNKNOWN, checks=(Check("x", "A1", "", (), CheckStatus.PASS, left=1, right=1),)))
    d["checks"][0]["left"] = 2.5
    d["checks"][0]["right"] = "7"
    back = from_dict(d)
    assert_identical(back.checks[0].left, Decimal("2.5"))
    assert_identical(back.checks[0].right, Decimal("7"))
    d["checks"][0]["left"] = True
    with pytest.raises(ValueError, match="left"):
        from_dict(d)


# ---------------------------------------------------------------------------------------------
# records


def test_records_of_the_bundled_example() -> None:
    report = parse(example_text())
    records = to_records(report, source="daxi.txt")
    assert len(records) == sum(len(t.cells) for t in report.tables)
    assert all(type(r) is dict and tuple(r) == RECORD_FIELDS for r in records)
    assert {r["source"] for r in records} == {"daxi.txt"}
    assert {r["agency"] for r in records} == {report.meta.agency}
    assert {r["format"] for r in records} == {"form2019"}
    assert {r["table"] for r in records} == {"active", "requests", "appeals"}
    # certain records are exactly what flatten() gives, uncertain ones what flatten(uncertain=True) adds
    flat = flatten(report)
    certain = {r["key"]: r["value"] for r in records if r["certain"]}
    assert certain == {k: v for k, v in flat.items() if not k.startswith("meta.")}
    every = {r["key"]: r["value"] for r in records}
    assert every == {k: v for k, v in flatten(report, uncertain=True).items() if not k.startswith("meta.")}
    assert any(not r["certain"] for r in records)
    # every record points at a real line of the text
    n_lines = example_text().count("\n") + 1
    assert all(isinstance(r["line"], int) and 1 <= r["line"] <= n_lines for r in records)
    first = report.tables[0].rows[0].cells[0]
    assert first.span is not None
    assert records[0]["key"] == first.key
    assert records[0]["line"] == first.span.line


def test_records_keep_kind_unit_and_narrative_figures() -> None:
    blank = Cell("requests.granted.total", Value(ValueKind.BLANK))
    na = Cell("requests.granted.research", Value(ValueKind.NOT_APPLICABLE, raw="—"), certain=False)
    fee = Cell("active.fees.amount", Value(ValueKind.NUMBER, Decimal("1.5"), "万元"),
               span=Span(0, 3, 7, 1, 7))
    report = Report(
        Format.FORM2021, Meta(agency="某局", year=2022),
        tables=(Table("requests", "form2021", "t", (Row("granted", "l", (blank, na)),)),
                Table("active", "form2021", "t", (Row("fees", "l", (fee,)),))),
        figures=(Figure("requests.new_received.total", Value(ValueKind.NUMBER, 2), "共收到申请2件",
                        Span(10, 20, 9, 1, 9)),),
    )
    recs = to_records(report)
    assert [(r["key"], r["value"], r["kind"], r["unit"], r["certain"], r["line"]) for r in recs] == [
        ("requests.granted.total", None, "blank", None, True, None),
        ("requests.granted.research", None, "not_applicable", None, False, None),
        ("active.fees.amount", Decimal("1.5"), "number", "万元", True, 7),
    ]
    assert all(r["source"] is None and r["agency"] == "某局" and r["year"] == 2022 for r in recs)
    with_prose = to_records(report, narrative=True)
    assert with_prose[:3] == recs
    assert with_prose[3]["table"] == "narrative"
    assert with_prose[3]["key"] == "narrative.requests.new_received.total"
    assert (with_prose[3]["value"], with_prose[3]["line"]) == (2, 9)
    with pytest.raises(TypeError):
        to_records({})  # type: ignore[arg-type]


@given(reports)
def test_records_of_any_report(report: Report) -> None:
    recs = to_records(report, source="s")
    assert len(recs) == sum(len(r.cells) for t in report.tables for r in t.rows)
    assert [r["key"] for r in recs] == [c.key for t in report.tables for r in t.rows for c in r.cells]
    assert all(tuple(r) == RECORD_FIELDS for r in recs)


def test_records_make_a_data_frame() -> None:
    pd = pytest.importorskip("pandas")
    report = parse(example_text())
    records = to_records(report, source="daxi")
    df = pd.DataFrame(records)
    assert list(df.columns) == list(RECORD_FIELDS)
    assert len(df) == len(records)
    assert df["certain"].dtype == bool
    assert int(df[df.key == "requests.handled_total.total"]["value"].iloc[0]) == 2


def test_public_names() -> None:
    for name in ("to_dict", "from_dict", "to_records", "Record", "RECORD_FIELDS"):
        assert name in zhgov_report.__all__
    assert zhgov_report.export.to_dict is to_dict
