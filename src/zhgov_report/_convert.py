"""Data out, beyond :func:`~zhgov_report.flatten`: the whole result as JSON-safe data, and long records.

:func:`to_dict` and :func:`from_dict` are one `cattrs <https://catt.rs>`_ converter. The dict holds
only JSON types (``dict``, ``list``, ``str``, ``int``, ``bool``, ``None``), so ``json.dumps`` takes it
as it is:

- a ``Decimal`` is written as its string (``"96171.6"``), and an ``int`` as a JSON number, so that
  :func:`from_dict` gives back exactly the type and the digits that were read;
- an enum is written as its value (``"form2019"``, ``"warning"``, ``"not_applicable"``);
- tuples become lists;
- source positions (:class:`~zhgov_report.Span`) are included although they take no part in
  equality, and come back as they were.

:func:`to_records` gives one plain ``dict`` per table cell (long format): ``pandas.DataFrame(records)``
takes the list as it is, without the library depending on pandas.
"""

from __future__ import annotations

import enum
import types
from decimal import Decimal, InvalidOperation
from typing import Any, TypedDict, Union, get_args, get_origin

import cattrs

from . import models
from .models import Number, Report, Span

__all__ = ["RECORD_FIELDS", "Record", "from_dict", "to_dict", "to_records"]


def _is_number_union(t: Any) -> bool:
    """``int | Decimal`` or ``int | Decimal | None`` (how :data:`~zhgov_report.models.Number` appears)."""
    if get_origin(t) not in (Union, types.UnionType):
        return False
    args = set(get_args(t))
    return Decimal in args and args <= {int, Decimal, type(None)}


def _structure_number(v: Any, t: Any) -> Number | None:
    if v is None:
        if type(None) in get_args(t):
            return None
        raise ValueError("a number is required here, not null")
    if isinstance(v, bool):
        raise ValueError(f"not a number: {v!r}")
    if isinstance(v, int):
        return v
    if isinstance(v, str):
        try:
            d = Decimal(v)
        except InvalidOperation:
            raise ValueError(f"not a decimal number: {v!r}") from None
        if not d.is_finite():
            raise ValueError(f"not a finite decimal number: {v!r}")
        return d
    if isinstance(v, Decimal):
        return v
    if isinstance(v, float):
        # Accepted for data written by other tools; to_dict never writes floats.
        return Decimal(repr(v))
    raise ValueError(f"not a number: {v!r}")


def _enum_value(e: enum.Enum) -> Any:
    return e.value


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter()
    conv.register_unstructure_hook(Decimal, str)
    # The model's enums are ``str`` subclasses; a hook per class wins over the one for ``str``.
    for obj in vars(models).values():
        if isinstance(obj, type) and issubclass(obj, enum.Enum):
            conv.register_unstructure_hook(obj, _enum_value)
    conv.register_structure_hook_func(_is_number_union, _structure_number)
    return conv


_CONVERTER = _make_converter()


def to_dict(report: Report) -> dict[str, Any]:
    """The whole report, checks and diagnostics included, as a JSON-safe ``dict``.

    ``from_dict(to_dict(report)) == report``, spans included, and ``json.dumps(to_dict(report))``
    works without a custom encoder.
    """
    if not isinstance(report, Report):
        raise TypeError(f"to_dict() takes a Report, not {type(report).__name__}")
    out: dict[str, Any] = _CONVERTER.unstructure(report, unstructure_as=Report)
    return out


def from_dict(data: dict[str, Any]) -> Report:
    """The :class:`~zhgov_report.Report` that :func:`to_dict` (or its JSON) describes.

    Raises :class:`ValueError` naming every field that does not fit the model, and
    :class:`TypeError` for anything but a ``dict``.
    """
    if not isinstance(data, dict):
        raise TypeError(f"from_dict() takes a dict, not {type(data).__name__}")
    try:
        return _CONVERTER.structure(data, Report)
    except cattrs.BaseValidationError as e:
        problems = "; ".join(cattrs.transform_error(e, path="report"))
        raise ValueError(f"not a report: {problems}") from e


class Record(TypedDict):
    """One row of :func:`to_records` (a plain ``dict`` at run time)."""

    source: str | None  #: where the report came from, as the caller names it (a file name)
    agency: str | None  #: ``meta.agency``
    year: int | None  #: ``meta.year``
    format: str  #: ``meta.format``: ``pre2019``, ``form2019``, ``form2021``, ``unknown``
    table: str  #: ``active``, ``requests``, ``appeals``, ``sheet``; ``narrative`` for prose figures
    key: str  #: the flat key (see the fields page)
    value: Number | None  #: as in :func:`~zhgov_report.flatten`: ``int``, ``Decimal`` or ``None``
    kind: str  #: ``number``, ``blank``, ``not_applicable``, ``unreadable``
    unit: str | None  #: unit written in the cell or fixed by the template
    certain: bool  #: the text proves the value (see the certainty documentation)
    line: int | None  #: 1-based line of the value in the caller's text


#: The keys of every record, in column order.
RECORD_FIELDS: tuple[str, ...] = tuple(Record.__annotations__)


def _line(span: Span | None) -> int | None:
    return span.line if span is not None else None


def to_records(report: Report, *, source: str | None = None, narrative: bool = False) -> list[Record]:
    """The report's table cells in long format: one ``dict`` per cell, keys :data:`RECORD_FIELDS`.

    Unlike :func:`~zhgov_report.flatten`, uncertain cells are included, marked ``certain=False``
    with their most plausible placement, so one filter (``df[df.certain]``) gives what ``flatten``
    gives. ``source`` fills the ``source`` column (a file name, say) so that records of many
    reports can be concatenated. Figures from the prose are added with ``table="narrative"`` and
    keys under ``narrative.`` when ``narrative=True``.
    """
    if not isinstance(report, Report):
        raise TypeError(f"to_records() takes a Report, not {type(report).__name__}")
    meta = report.meta
    fmt = report.format.value
    out: list[Record] = []
    for table in report.tables:
        for row in table.rows:
            for cell in row.cells:
                v = cell.value
                out.append(Record(
                    source=source, agency=meta.agency, year=meta.year, format=fmt, table=table.id,
                    key=cell.key, value=v.as_flat(), kind=v.kind.value, unit=v.unit, certain=cell.certain,
                    line=_line(cell.span if cell.span is not None else row.span),
                ))
    if narrative:
        for fig in report.figures:
            v = fig.value
            out.append(Record(
                source=source, agency=meta.agency, year=meta.year, format=fmt, table="narrative",
                key=f"narrative.{fig.key}", value=v.as_flat(), kind=v.kind.value, unit=v.unit, certain=True,
                line=_line(fig.span),
            ))
    return out
