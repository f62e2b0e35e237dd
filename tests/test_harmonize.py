"""The harmonised vocabulary (templates/harmonized.py) and harmonize(): one key per quantity in every era."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import zhgov_report
from zhgov_report import Cell, Format, Report, Row, Table, Value, ValueKind, flatten, harmonize, parse
from zhgov_report.models import BLANK as BLANK_VALUE
from zhgov_report.templates import TEMPLATES
from zhgov_report.templates.harmonized import FORMATS, QUANTITIES, quantity
from zhgov_report.templates.sheet import SHEET

from .conftest import SEEDS

SERIES = Path(__file__).resolve().parent / "data" / "series"


@cache
def series_report(name: str) -> Report:
    return parse((SERIES / name).read_bytes())


def layout_keys(fmt: str) -> set[str]:
    return set(SHEET.keys()) if fmt == "pre2019" else set(TEMPLATES[fmt].keys())


# --- the declarations -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_definition_names_keys_of_its_layout(fmt: str) -> None:
    known = layout_keys(fmt)
    for q in QUANTITIES:
        d = q.definition(fmt)
        if d is not None:
            assert d.keys and set(d.keys) <= known, (q.key, fmt, set(d.keys) - known)
            assert len(set(d.keys)) == len(d.keys)
            assert d.caveat, f"{q.key} in {fmt}: say what the definition is"


def test_the_issue_quantities_are_declared_once_with_unique_keys() -> None:
    keys = [q.key for q in QUANTITIES]
    assert len(keys) == len(set(keys))
    assert all(k.startswith("panel.") for k in keys)
    for k in ("received", "carried_over", "granted", "partially_granted", "denied", "unable", "not_processed",
              "other", "handled", "carried_forward"):
        assert quantity(f"panel.requests.{k}").form2021 is not None
    for k in ("total", "upheld", "corrected", "other", "pending"):
        assert quantity(f"panel.reviews.{k}").form2019 is not None
        assert quantity(f"panel.lawsuits.{k}").form2019 is not None
    assert quantity("panel.fees").pre2019 is not None
    with pytest.raises(KeyError):
        quantity("panel.requests.recieved")


def test_post2019_sums_split_categories_and_lawsuits() -> None:
    denied = quantity("panel.requests.denied").form2021
    assert denied is not None and len(denied.keys) == 8
    other = quantity("panel.requests.other")
    assert other.form2019 is not None and other.form2019.keys == ("requests.other.total",)
    assert other.form2021 is not None and len(other.form2021.keys) == 3
    suits = quantity("panel.lawsuits.total").form2021
    assert suits is not None
    assert suits.keys == ("appeals.litigation_direct.total", "appeals.litigation_after_review.total")


# --- the 平潭 series, 2013–2025 ---------------------------------------------------------------------


def test_requests_received_in_every_year_of_the_pingtan_series() -> None:
    """Done when: panel.requests.received for every year the report states it, pre- and post-2019."""
    received: dict[int, object] = {}
    for path in sorted(SERIES.glob("pingtan_20*.txt")):
        report = series_report(path.name)
        flat = flatten(report)
        stated = flat.get("sheet.requests_received", flat.get("requests.new_received.total"))
        value = harmonize(report).get("panel.requests.received")
        assert value == stated, path.name
        assert report.meta.year is not None
        received[report.meta.year] = value
    assert sorted(received) == list(range(2013, 2026))
    assert all(v is not None for v in received.values())
    # read off the published reports: the 2014 sheet's 受理政府信息公开申请总数 and the 2019 table
    assert received[2014] == 1 and received[2019] == 23 and received[2024] == 218


def test_pre2019_and_post2019_keys_meet_in_one_panel_key() -> None:
    pre = harmonize(series_report("pingtan_scjgj_2018_scraped.txt"))
    post = harmonize(series_report("pingtan_scjgj_2019_scraped.txt"))
    shared = set(pre) & set(post)
    assert {"panel.requests.received", "panel.requests.handled", "panel.reviews.total",
            "panel.lawsuits.total"} <= shared
    assert "panel.requests.carried_over" in post and "panel.requests.carried_over" not in pre


def test_a_sum_is_the_sum_of_its_cells() -> None:
    report = series_report("pingtan_2024_asis.txt")
    flat = flatten(report)
    for q in QUANTITIES:
        d = q.definition("form2021")
        value = harmonize(report).get(q.key)
        if d is None or value is None:
            continue
        parts = [flat[k] for k in d.keys]
        assert value == sum(p for p in parts if isinstance(p, int)), q.key
        assert all(p is None or isinstance(p, int) for p in parts)


# --- sums, blanks, certainty (built reports) --------------------------------------------------------

NUM = st.integers(min_value=0, max_value=10**6)


def form2021_report(values: dict[str, Value], uncertain: frozenset[str] = frozenset()) -> Report:
    """A form2021 report whose request and appeals tables hold ``values`` (other cells: 0)."""
    tables = []
    for spec in TEMPLATES["form2021"].tables:
        rows = []
        for r in spec.all_rows():
            cells = tuple(Cell(k, values.get(k, Value(ValueKind.NUMBER, 0)), certain=k not in uncertain)
                          for k in (spec.key(r.key, c.key) for c in spec.columns_of(r.key)))
            rows.append(Row(r.key, r.label, cells))
        tables.append(Table(spec.id, "form2021", spec.title, tuple(rows)))
    return Report(Format.FORM2021, tables=tuple(tables))


def n(x: int | Decimal) -> Value:
    return Value(ValueKind.NUMBER, x)


@given(st.lists(NUM, min_size=8, max_size=8), NUM, NUM)
def test_harmonize_adds_the_parts(denied: list[int], direct: int, after: int) -> None:
    keys = quantity("panel.requests.denied").form2021
    assert keys is not None
    values = dict(zip(keys.keys, map(n, denied), strict=True))
    values |= {"appeals.litigation_direct.total": n(direct), "appeals.litigation_after_review.total": n(after)}
    h = harmonize(form2021_report(values))
    assert h["panel.requests.denied"] == sum(denied)
    assert h["panel.lawsuits.total"] == direct + after


def blank_row(row: str) -> dict[str, Value]:
    spec = TEMPLATES["form2021"].table("requests")
    return {spec.key(row, c.key): BLANK_VALUE for c in spec.columns}


def test_a_blank_row_counts_0_beside_written_parts() -> None:
    values = blank_row("denied_state_secret") | {"requests.denied_third_party_rights.total": n(3)}
    assert harmonize(form2021_report(values))["panel.requests.denied"] == 3


def test_a_blank_total_beside_written_columns_is_not_0() -> None:
    values = {"requests.denied_state_secret.total": BLANK_VALUE, "requests.denied_state_secret.natural_person": n(2),
              "requests.denied_third_party_rights.total": n(3)}
    assert harmonize(form2021_report(values))["panel.requests.denied"] is None


def test_all_blank_parts_are_blank_not_0() -> None:
    keys = quantity("panel.requests.unable").form2021
    assert keys is not None
    values: dict[str, Value] = {}
    for k in keys.keys:
        values |= blank_row(k.split(".")[1])
    h = harmonize(form2021_report(values))
    assert h["panel.requests.unable"] is None
    assert h["panel.requests.denied"] == 0  # written zeros stay 0


def test_a_not_applicable_part_makes_the_sum_unknown() -> None:
    na = Value(ValueKind.NOT_APPLICABLE, raw="/")
    h = harmonize(form2021_report({"requests.unable_not_held.total": na}))
    assert h["panel.requests.unable"] is None
    assert h["panel.requests.denied"] == 0


def test_an_uncertain_part_leaves_the_quantity_out_unless_asked() -> None:
    report = form2021_report({"requests.granted.total": n(5), "requests.denied_state_secret.total": n(2)},
                             uncertain=frozenset({"requests.denied_state_secret.total"}))
    assert "panel.requests.denied" not in harmonize(report)
    assert harmonize(report)["panel.requests.granted"] == 5
    assert harmonize(report, uncertain=True)["panel.requests.denied"] == 2


def test_a_missing_part_or_layout_leaves_the_quantity_out() -> None:
    report = form2021_report({})
    requests = report.tables[1]
    cut = attrs.evolve(requests, rows=tuple(r for r in requests.rows if r.key != "denied_enforcement_files"))
    h = harmonize(attrs.evolve(report, tables=(report.tables[0], cut, report.tables[2])))
    assert "panel.requests.denied" not in h and h["panel.requests.received"] == 0
    assert harmonize(attrs.evolve(report, format=Format.UNKNOWN)) == {}
    assert "panel.fees" not in h


def test_amounts_stay_decimal() -> None:
    text = (SEEDS / "004_2aac1ed35d1f69d0.txt").read_bytes()
    h = harmonize(parse(text))
    assert isinstance(h["panel.fees"], Decimal)


def test_harmonize_takes_a_report_only() -> None:
    with pytest.raises(TypeError, match="Report"):
        harmonize({})  # type: ignore[arg-type]
    assert zhgov_report.harmonize is harmonize
