"""Checks across the years of one agency: :func:`check_series`.

Two soft rules of FORMATS.md §6 compare consecutive reports of the same agency:

* **A5**, per column of the request table: 四、结转下年度继续办理 of year N equals
  二、上年结转政府信息公开申请数量 of year N+1.
* **A7**, for 规章 and 行政规范性文件 of the 2021 template's 主动公开 table:
  现行有效件数 (N+1) = 现行有效件数 (N) + 本年制发件数 (N+1) − 本年废止件数 (N+1). Amendments and
  declarations of invalidity blur this one, so a failure says "look here", not "wrong".

Each result is a :class:`~zhgov_report.models.Check` (``hard=False``) whose ``reports`` names the two
reports and whose ``cells`` are the flat keys prefixed with the year (``2021:requests.carried_forward.total``).
A check is ``not_assessable`` when a cell is missing or uncertain in either report, or when a report
has no such row (a pre-2019 statistics sheet has no 结转 rows). Only consecutive years are compared.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import attrs

from ._intake import normalise
from .checks import evaluate_identity
from .models import Cell, Check, CheckStatus, Format, Report
from .templates._base import Identity
from .templates._post2019 import REQUEST_COLUMNS

__all__ = ["check_series"]

_POST2019 = (Format.FORM2019, Format.FORM2021)
_A7_ROWS = (("regulations", "规章"), ("normative_documents", "行政规范性文件"))


def _agency_key(agency: str) -> str:
    return "".join(normalise(agency).split())


def _label(report: Report) -> str:
    return f"{report.meta.agency} {report.meta.year}"


def _validate(reports: list[Report]) -> None:
    for i, r in enumerate(reports):
        if not isinstance(r, Report):
            raise TypeError(f"check_series() takes Reports; item {i} is a {type(r).__name__}")
    for i, r in enumerate(reports):
        if r.meta.agency is None:
            raise ValueError(f"report {i} ({r.meta.title or 'untitled'}, year {r.meta.year}) names no agency, so "
                             "check_series() cannot tell that it belongs to the same agency as the others")
        if r.meta.year is None:
            raise ValueError(f"report {i} ({r.meta.title or r.meta.agency}) gives no report year")
    agencies: dict[str, list[str]] = {}
    for r in reports:
        agencies.setdefault(_agency_key(r.meta.agency or ""), []).append(_label(r))
    if len(agencies) > 1:
        groups = "; ".join(", ".join(labels) for labels in agencies.values())
        raise ValueError(f"check_series() compares reports of one agency, but these reports are of "
                         f"{len(agencies)} agencies: {groups}")
    years: dict[int, list[str]] = {}
    for i, r in enumerate(reports):
        years.setdefault(r.meta.year or 0, []).append(f"report {i} ({r.meta.title or _label(r)})")
    repeated = {y: who for y, who in years.items() if len(who) > 1}
    if repeated:
        detail = "; ".join(f"{y}: {', '.join(who)}" for y, who in sorted(repeated.items()))
        raise ValueError(f"check_series() takes one report per year, but some years repeat: {detail}")


def _cells(report: Report) -> dict[str, Cell]:
    prefix = f"{report.meta.year}:"
    return {prefix + c.key: attrs.evolve(c, key=prefix + c.key) for t in report.tables for r in t.rows
            for c in r.cells}


def _evaluate(ident: Identity, cells: dict[str, Cell], labels: tuple[str, str], why_not: str | None) -> Check:
    if why_not is not None:
        return Check(ident.id, ident.rule, ident.description, ident.cells, CheckStatus.NOT_ASSESSABLE,
                     relation=ident.relation, hard=False, message=why_not, reports=labels)
    return attrs.evolve(evaluate_identity(ident, cells), reports=labels)


def _pair(a: Report, b: Report) -> list[Check]:
    ya, yb = a.meta.year, b.meta.year
    labels = (_label(a), _label(b))
    cells = {**_cells(a), **_cells(b)}
    out: list[Check] = []
    pre = next((r for r in (a, b) if r.format not in _POST2019), None)
    why = (f"the {pre.meta.year} report is not in a post-2019 layout ({pre.format}); it has no 结转 rows"
           if pre is not None else None)
    for col in REQUEST_COLUMNS:
        ident = Identity(
            f"A5.{ya}-{yb}.{col.key}", "A5",
            f"{col.label}: 四、结转下年度继续办理 ({ya}) = 二、上年结转政府信息公开申请数量 ({yb})",
            (f"{ya}:requests.carried_forward.{col.key}",), (f"{yb}:requests.carried_over.{col.key}",),
            hard=False, placement=False,
        )
        out.append(_evaluate(ident, cells, labels, why))
    if a.format is Format.FORM2021 and b.format is Format.FORM2021:
        for row, label in _A7_ROWS:
            ident = Identity(
                f"A7.{ya}-{yb}.{row}", "A7",
                f"{label}: 现行有效件数 ({yb}) + 本年废止件数 ({yb}) = 现行有效件数 ({ya}) + 本年制发件数 ({yb})",
                (f"{yb}:active.{row}.in_force", f"{yb}:active.{row}.repealed"),
                (f"{ya}:active.{row}.in_force", f"{yb}:active.{row}.made"),
                hard=False, placement=False,
            )
            out.append(_evaluate(ident, cells, labels, None))
    return out


def check_series(reports: Iterable[Report]) -> tuple[Check, ...]:
    """Cross-year checks A5 and A7 over reports of one agency (see the module docstring).

    ``reports`` are parsed reports of one agency, in any order, at most one per year. Reports of
    different agencies (compared by ``meta.agency`` with whitespace ignored), a repeated year, or a
    report without an agency or year raise :class:`ValueError` naming the reports concerned: the
    checks would otherwise compare unrelated numbers. Consecutive years are compared; a year
    missing from the series leaves its two neighbours uncompared.

    Returns the checks in year order, each naming its two reports in ``Check.reports``.
    """
    items = list(reports)
    _validate(items)
    items.sort(key=lambda r: r.meta.year or 0)
    out: list[Check] = []
    for a, b in itertools.pairwise(items):
        if a.meta.year is not None and b.meta.year == a.meta.year + 1:
            out.extend(_pair(a, b))
    return tuple(out)
