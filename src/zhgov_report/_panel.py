"""Panels of many reports as plain rows (no pandas): the data behind :func:`~zhgov_report.to_dataframe`
and the command line's ``--panel``.

* :func:`wide_rows`: one ``dict`` per report, ``agency``, ``year``, ``format`` and ``source`` first,
  then its flat keys (or its harmonised ``panel.*`` keys);
* :func:`long_rows`: one ``dict`` per value, with its certainty;
* :func:`check_panel`: the cross-year checks of :func:`~zhgov_report.check_series` for every agency
  of a mixed set of reports; :func:`check_rows` turns them, with each report's own checks, into rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from ._convert import to_records
from ._harmonize import harmonized_values
from ._intake import normalise
from ._series import check_series
from .export import FlatValue, flatten
from .models import Check, Report
from .templates.harmonized import QUANTITIES

__all__ = [
    "CHECK_FIELDS",
    "META_FIELDS",
    "PANEL_KEYS",
    "Sourced",
    "check_panel",
    "check_rows",
    "long_rows",
    "sourced",
    "wide_rows",
]

#: The first columns of a wide row, in order.
META_FIELDS: tuple[str, ...] = ("agency", "year", "format", "source")
#: The harmonised keys in the order of the wide table.
PANEL_KEYS: tuple[str, ...] = tuple(q.key for q in QUANTITIES)
#: The columns of :func:`check_rows`.
CHECK_FIELDS: tuple[str, ...] = ("agency", "year", "source", "scope", "id", "rule", "status", "left", "relation",
                                 "right", "hard", "blank_as_zero", "description", "message", "reports")


class Sourced(NamedTuple):
    """A report with the name its caller gave it (a file name), or ``None``."""

    source: str | None
    report: Report


def sourced(reports: Report | Iterable[Report] | Mapping[str, Report]) -> list[Sourced]:
    """The reports as :class:`Sourced` pairs: a mapping gives its keys as sources."""
    if isinstance(reports, Report):
        pairs: list[tuple[str | None, Any]] = [(None, reports)]
    elif isinstance(reports, Mapping):
        pairs = [(str(k), v) for k, v in reports.items()]
    else:
        pairs = [(None, r) for r in reports]
    for i, (_, r) in enumerate(pairs):
        if not isinstance(r, Report):
            raise TypeError(f"expected Reports; item {i} is a {type(r).__name__}")
    return [Sourced(s, r) for s, r in pairs]


def _meta(item: Sourced) -> dict[str, Any]:
    m = item.report.meta
    return {"agency": m.agency, "year": m.year, "format": item.report.format.value, "source": item.source}


def _values(report: Report, harmonized: bool, uncertain: bool) -> dict[str, FlatValue]:
    if harmonized:
        return {hv.key: hv.value for hv in harmonized_values(report) if hv.certain or uncertain}
    flat = flatten(report, uncertain=uncertain)
    return {k: v for k, v in flat.items() if not k.startswith("meta.")}


def _order(item: Sourced) -> tuple[str, int]:
    return (item.report.meta.agency or "", item.report.meta.year or 0)


def wide_rows(items: Iterable[Sourced], *, harmonized: bool = False, uncertain: bool = False,
              sort: bool = True) -> list[dict[str, Any]]:
    """One row per report; certain values only unless ``uncertain``; sorted by agency and year."""
    ordered = sorted(items, key=_order) if sort else list(items)
    return [{**_meta(i), **_values(i.report, harmonized, uncertain)} for i in ordered]


def _harmonized_long(item: Sourced, uncertain: bool) -> Iterator[dict[str, Any]]:
    for hv in harmonized_values(item.report):
        if hv.certain or uncertain:
            yield {**_meta(item), "key": hv.key, "value": hv.value, "certain": hv.certain}


def long_rows(items: Iterable[Sourced], *, harmonized: bool = False,
              uncertain: bool = False) -> list[dict[str, Any]]:
    """One row per value (the records of :func:`~zhgov_report.to_records`, or per harmonised quantity)."""
    out: list[dict[str, Any]] = []
    for item in items:
        if harmonized:
            out.extend(_harmonized_long(item, uncertain))
            continue
        recs = to_records(item.report, source=item.source)
        out.extend(dict(r) for r in recs if r["certain"] or uncertain)
    return out


def _agency(report: Report) -> str:
    return "".join(normalise(report.meta.agency or "").split())


def _richest(reports: list[Report]) -> Report:
    """Of several reports of one agency and year (renderings of one report), the one with most certain cells."""
    return max(reports, key=lambda r: sum(1 for t in r.tables for c in t.cells if c.certain))


def _one_per_year(reports: Iterable[Report]) -> list[Report]:
    by_year = itertools.groupby(sorted(reports, key=lambda r: r.meta.year or 0), key=lambda r: r.meta.year)
    return [_richest(list(group)) for _year, group in by_year]


def check_panel(reports: Iterable[Report]) -> tuple[Check, ...]:
    """:func:`~zhgov_report.check_series` for every agency among ``reports``.

    Reports are grouped by ``meta.agency`` (whitespace ignored); a report without an agency or a
    year is left out (it cannot be placed in a series). Where an agency has several reports for one
    year (a report and another rendering of it), the one with the most certain cells is compared.
    """
    placed = [r for r in reports if r.meta.agency and r.meta.year is not None]
    groups: dict[str, list[Report]] = {}
    for r in placed:
        groups.setdefault(_agency(r), []).append(r)
    return tuple(c for key in sorted(groups) for c in check_series(_one_per_year(groups[key])))


def _check_row(check: Check, agency: str | None, year: int | None, source: str | None, scope: str) -> dict[str, Any]:
    return {"agency": agency, "year": year, "source": source, "scope": scope, "id": check.id, "rule": check.rule,
            "status": check.status.value, "left": check.left, "relation": check.relation, "right": check.right,
            "hard": check.hard, "blank_as_zero": check.blank_as_zero, "description": check.description,
            "message": check.message, "reports": "; ".join(check.reports)}


def _series_year(check: Check) -> int | None:
    last = check.reports[-1].rsplit(" ", 1)[-1] if check.reports else ""
    return int(last) if last.isdigit() else None


def check_rows(items: Iterable[Sourced], *, series: bool = True) -> list[dict[str, Any]]:
    """Every report's checks (``scope="report"``) and, with ``series``, the cross-year checks of
    :func:`check_panel` (``scope="series"``, ``year`` the later of the two years)."""
    items = list(items)
    out = [_check_row(c, i.report.meta.agency, i.report.meta.year, i.source, "report")
           for i in items for c in i.report.checks]
    if series:
        for c in check_panel(i.report for i in items):
            agency = c.reports[-1].rsplit(" ", 1)[0] if c.reports else None
            out.append(_check_row(c, agency, _series_year(c), None, "series"))
    return out
