"""Data out: the flat dict of the documented keys (:func:`flatten`), the whole result as JSON-safe data
(:func:`to_dict`, :func:`from_dict`) and long records for data frames (:func:`to_records`)."""

from __future__ import annotations

from ._convert import RECORD_FIELDS, Record, from_dict, to_dict, to_records
from .models import Number, Report

__all__ = ["RECORD_FIELDS", "FlatValue", "Record", "flatten", "from_dict", "to_dict", "to_records"]

#: A value of the flat dict.
FlatValue = Number | str | None


def flatten(report: Report, *, uncertain: bool = False, narrative: bool = False) -> dict[str, FlatValue]:
    """The report as one flat ``dict`` keyed by the flat keys of the documentation's fields page.

    ``meta.format``, ``meta.year``, ``meta.agency`` and ``meta.title`` are always present, with
    ``meta.published`` (``YYYY-MM-DD``) and ``meta.period`` (the statistics period as written). Table
    cells follow as ``int``/``Decimal``, or ``None`` for a blank or not-applicable cell. A cell whose
    value the text does not prove is left out unless ``uncertain=True``, which adds the most
    plausible placement. Figures from the prose are left out unless ``narrative=True``, which adds
    them under the ``narrative.`` prefix.
    """
    from .models import Report as _Report

    if not isinstance(report, _Report):
        raise TypeError(f"flatten() takes a Report, not {type(report).__name__}")
    out: dict[str, FlatValue] = {
        "meta.format": report.format.value,
        "meta.year": report.meta.year,
        "meta.agency": report.meta.agency,
        "meta.title": report.meta.title,
        "meta.published": report.meta.published,
        "meta.period": report.meta.period,
    }
    for table in report.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.certain or uncertain:
                    out[cell.key] = cell.value.as_flat()
    if narrative:
        for fig in report.figures:
            key = f"narrative.{fig.key}"
            if key not in out:
                out[key] = fig.value.as_flat()
    return out
