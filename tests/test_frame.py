"""to_dataframe (pandas, the optional extra) and check_panel: a folder of reports as a panel."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

import zhgov_report
from zhgov_report import CheckStatus, Report, check_panel, check_series, harmonize, parse, to_records
from zhgov_report._panel import META_FIELDS, PANEL_KEYS

from .conftest import SEEDS

SERIES = Path(__file__).resolve().parent / "data" / "series"


@cache
def series() -> dict[str, Report]:
    return {p.name: parse(p.read_bytes()) for p in sorted(SERIES.glob("*.txt"))}


@cache
def seeds() -> dict[str, Report]:
    return {p.name: parse(p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))}


# --- check_panel (no pandas) ------------------------------------------------------------------------


def test_check_panel_runs_check_series_per_agency() -> None:
    reports = list(series().values())
    with pytest.raises(ValueError, match="agencies"):
        check_series(reports)  # mixed agencies and repeated years
    checks = check_panel(reports)
    pingtan = [c for c in checks if c.reports and c.reports[0].startswith("平潭综合实验区 ")]
    a5 = {c.id for c in pingtan if c.rule == "A5"}
    assert {f"A5.{y}-{y + 1}.total" for y in range(2019, 2025)} <= a5
    assert all(c.status is not CheckStatus.FAIL for c in pingtan if c.rule == "A5")
    scjgj = [c for c in checks if c.reports and "市场监督管理局" in c.reports[0]]
    assert scjgj and all(c.status is CheckStatus.NOT_ASSESSABLE for c in scjgj)  # 2018 sheet → 2019 form


def test_check_panel_takes_the_richest_of_two_renderings() -> None:
    r = series()
    one = check_panel([r["pingtan_2021_asis.txt"], r["pingtan_2021_scraped.txt"], r["pingtan_2022_scraped.txt"]])
    assert [c.id for c in one] == [c.id for c in check_series([r["pingtan_2021_scraped.txt"],
                                                              r["pingtan_2022_scraped.txt"]])]


# --- to_dataframe -----------------------------------------------------------------------------------

pd = pytest.importorskip("pandas")


def test_wide_harmonised_panel_of_the_series() -> None:
    df = zhgov_report.to_dataframe(series(), shape="wide", harmonized=True)
    assert list(df.columns) == [*META_FIELDS, *PANEL_KEYS]
    assert list(df.columns[:2]) == ["agency", "year"]
    assert len(df) == len(series())
    assert str(df["year"].dtype) == "Int64" and str(df["agency"].dtype) == "category"
    assert all(pd.api.types.is_numeric_dtype(df[k]) for k in PANEL_KEYS)
    pingtan = df[df["agency"] == "平潭综合实验区"]
    assert set(pingtan["year"]) >= set(range(2013, 2026)) - {2014}
    assert pingtan["panel.requests.received"].notna().all()
    row = df[df["source"] == "pingtan_2024_asis.txt"].iloc[0]
    assert row["panel.requests.received"] == harmonize(series()["pingtan_2024_asis.txt"])["panel.requests.received"]
    keys = list(zip(df["agency"].astype(str), df["year"], strict=True))
    assert keys == sorted(keys)


def test_wide_flat_is_flatten_without_meta() -> None:
    df = zhgov_report.to_dataframe(seeds(), shape="wide")
    by_source = df.set_index("source")
    for name, report in seeds().items():
        flat = {k: v for k, v in zhgov_report.flatten(report).items() if not k.startswith("meta.")}
        row = by_source.loc[name]
        for k, v in flat.items():
            assert (pd.isna(row[k]) if v is None else row[k] == float(v)), (name, k)  # amounts as Float64
    assert str(df["requests.new_received.total"].dtype) == "Int64"
    assert str(df["active.procurement.amount"].dtype) == "Float64"


def test_long_is_certain_only_unless_asked() -> None:
    daxi = seeds()["001_4c838dddf2b6ea41.txt"]
    certain = zhgov_report.to_dataframe(daxi)
    both = zhgov_report.to_dataframe(daxi, uncertain=True)
    records = to_records(daxi)
    assert len(both) == len(records) and len(certain) == sum(r["certain"] for r in records)
    assert certain["certain"].all() and not both["certain"].all()
    assert str(both["value"].dtype) == "Float64" and str(both["key"].dtype) == "category"
    assert str(both["line"].dtype) == "Int64"


def test_long_harmonised() -> None:
    df = zhgov_report.to_dataframe(series(), harmonized=True)
    assert list(df.columns) == [*META_FIELDS, "key", "value", "certain"]
    received = df[df["key"] == "panel.requests.received"]
    assert len(received) == sum("panel.requests.received" in harmonize(r) for r in series().values())


def test_checks_shape_has_report_and_series_checks() -> None:
    df = zhgov_report.to_dataframe(series(), shape="checks")
    assert set(df["scope"]) == {"report", "series"}
    series_rows = df[df["scope"] == "series"]
    assert len(series_rows) == len(check_panel(series().values()))
    assert (series_rows[series_rows["id"] == "A5.2023-2024.total"]["year"] == 2024).all()
    failed = df[df["status"] == "fail"]
    assert failed["left"].notna().all() and failed["right"].notna().all()


def test_bad_shape_and_bad_items() -> None:
    with pytest.raises(ValueError, match="shape"):
        zhgov_report.to_dataframe([], shape="tall")
    with pytest.raises(TypeError, match="item 1"):
        zhgov_report.to_dataframe([seeds()["001_4c838dddf2b6ea41.txt"], "report.txt"])  # type: ignore[list-item]
    assert len(zhgov_report.to_dataframe([], shape="wide")) == 0


def test_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"zhgov-report\[pandas\]"):
        zhgov_report.to_dataframe(seeds())
