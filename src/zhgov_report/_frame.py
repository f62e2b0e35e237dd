"""pandas DataFrames of many reports: :func:`to_dataframe` (pandas is the optional extra ``pandas``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from ._convert import RECORD_FIELDS
from ._panel import CHECK_FIELDS, META_FIELDS, PANEL_KEYS, check_rows, long_rows, sourced, wide_rows
from .models import Report

__all__ = ["SHAPES", "to_dataframe"]

#: The shapes :func:`to_dataframe` gives.
SHAPES: tuple[str, ...] = ("long", "wide", "checks")

_CATEGORICAL = ("agency", "format", "source", "table", "key", "kind", "unit", "scope", "rule", "status", "relation")
_INSTALL = "pip install 'zhgov-report[pandas]'"


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(f"to_dataframe() needs pandas, the optional extra 'pandas' of zhgov-report: {_INSTALL}") \
            from None
    return pandas


def _numeric(pd: Any, values: list[Any]) -> Any:
    """Counts as nullable ``Int64``; a column holding any ``Decimal`` as ``Float64``."""
    if any(isinstance(v, Decimal) for v in values):
        return pd.array([None if v is None else float(v) for v in values], dtype="Float64")
    return pd.array(values, dtype="Int64")


def _typed(pd: Any, rows: list[dict[str, Any]], columns: list[str], numeric: Iterable[str]) -> Any:
    data: dict[str, Any] = {c: [r.get(c) for r in rows] for c in columns}
    for c in numeric:
        data[c] = _numeric(pd, data[c])
    for c in ("year", "line"):
        if c in data:
            data[c] = pd.array(data[c], dtype="Int64")
    for c in _CATEGORICAL:
        if c in data:
            data[c] = pd.Categorical(data[c])
    return pd.DataFrame(data, columns=columns)


def _wide_columns(rows: list[dict[str, Any]], harmonized: bool) -> list[str]:
    if harmonized:
        return [*META_FIELDS, *PANEL_KEYS]
    keys = dict.fromkeys(k for r in rows for k in r if k not in META_FIELDS)
    return [*META_FIELDS, *keys]


def _frame(pd: Any, shape: str, items: list[Any], harmonized: bool, uncertain: bool) -> Any:
    if shape == "wide":
        rows = wide_rows(items, harmonized=harmonized, uncertain=uncertain)
        columns = _wide_columns(rows, harmonized)
        return _typed(pd, rows, columns, columns[len(META_FIELDS):])
    if shape == "long":
        rows = long_rows(items, harmonized=harmonized, uncertain=uncertain)
        columns = [*META_FIELDS, "key", "value", "certain"] if harmonized else list(RECORD_FIELDS)
        return _typed(pd, rows, columns, ("value",))
    return _typed(pd, check_rows(items), list(CHECK_FIELDS), ("left", "right"))


def to_dataframe(reports: Report | Iterable[Report] | Mapping[str, Report], *, shape: str = "long",
                 harmonized: bool = False, uncertain: bool = False) -> Any:
    """Many reports as one ``pandas.DataFrame`` (pandas is the optional extra: ``pip install 'zhgov-report[pandas]'``).

    ``reports`` is a report, an iterable of reports, or a mapping ``{source: report}`` (a file name
    each: it fills the ``source`` column). ``shape``:

    ``"long"``
        one row per value: the columns of :func:`~zhgov_report.to_records` (with ``harmonized=True``:
        ``agency, year, format, source, key, value, certain`` for each ``panel.*`` quantity);
    ``"wide"``
        one row per report, sorted by agency and year: ``agency, year, format, source``, then one
        column per flat key (with ``harmonized=True``: per harmonised quantity, all of them, in the
        documented order);
    ``"checks"``
        one row per check: each report's own checks (``scope="report"``) and the cross-year checks of
        :func:`~zhgov_report.check_series` for each agency (``scope="series"``; several renderings of
        one year: the one with most certain cells).

    Values are certain only, as in :func:`~zhgov_report.flatten`, unless ``uncertain=True`` (the long
    shape then keeps its ``certain`` column to tell them apart). Value columns are numeric: nullable
    ``Int64`` for counts, ``Float64`` where a column holds amounts; ``<NA>`` is a blank, a
    not-applicable, or an unread cell (the long shape's ``kind`` tells them apart). ``agency``,
    ``format``, ``key`` and the other text keys are categorical.
    """
    if shape not in SHAPES:
        raise ValueError(f"shape must be one of {', '.join(map(repr, SHAPES))}, not {shape!r}")
    pd = _pandas()
    return _frame(pd, shape, sourced(reports), harmonized, uncertain)
