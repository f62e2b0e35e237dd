"""A panel (agency × year) from a folder of report texts, with pandas.

    python docs/recipes/recipe_panel.py path/to/reports/
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import zhgov_report


def report_files(folder: str | Path) -> list[Path]:
    """Every report text under ``folder``, in a stable order."""
    return sorted(p for p in Path(folder).rglob("*.txt") if p.is_file())


def wide_panel(folder: str | Path) -> pd.DataFrame:
    """One row per report, one column per flat key; certain values only (what ``flatten()`` gives)."""
    rows = []
    for path in report_files(folder):
        row = zhgov_report.flatten(zhgov_report.parse(path.read_bytes()))
        row["file"] = str(path)
        rows.append(row)
    df = pd.DataFrame(rows)
    return df.set_index(["meta.agency", "meta.year"]).sort_index()


def long_panel(folder: str | Path) -> pd.DataFrame:
    """One row per table cell with its certainty (``to_records()``), values as floats for analysis."""
    records = []
    for path in report_files(folder):
        records += zhgov_report.to_records(zhgov_report.parse(path.read_bytes()), source=str(path))
    df = pd.DataFrame(records)
    df["value"] = pd.to_numeric(df["value"])  # int and Decimal to float, None to NaN
    return df


def requests_received(long: pd.DataFrame) -> pd.DataFrame:
    """New information requests received (一、本年新收 … 总计), agency × year, certain values only."""
    rows = long[long["certain"] & (long["key"] == "requests.new_received.total")]
    return rows.pivot_table(index="agency", columns="year", values="value", aggfunc="sum")


if __name__ == "__main__":
    panel = wide_panel(sys.argv[1])
    print(panel.filter(like="requests.new_received").to_string())
