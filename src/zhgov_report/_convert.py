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

:func:`from_dict` is strict: every field must be there (``to_dict`` writes them all), with the type
the model gives it (no ``"no"`` for a ``bool``, no ``2020.7`` for an ``int``, no ``123`` for a
``str``, a list for a tuple), no key the model does not know, and numbers finite and within
:data:`~zhgov_report.models.MAX_NUMBER_DIGITS` digits. The models' own invariants (a span's
``start <= end``, a number only in a ``number`` value, a year between 1900 and 2100) are checked
when an object is built. Whatever does not fit is a ``ValueError`` naming the field's path.

:func:`to_records` gives one plain ``dict`` per table cell (long format): ``pandas.DataFrame(records)``
takes the list as it is, without the library depending on pandas.
"""

from __future__ import annotations

import enum
import types
from decimal import Decimal, InvalidOperation
from typing import Any, TypedDict, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote, ClassValidationError, IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn
from cattrs.v import format_exception

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
        if not v.is_finite():
            raise ValueError(f"not a finite decimal number: {v!r}")
        return v
    if isinstance(v, float):
        # Accepted for data written by other tools; to_dict never writes floats.
        if v != v or v in (float("inf"), float("-inf")):
            raise ValueError(f"not a finite number: {v!r}")
        return Decimal(repr(v))
    raise ValueError(f"not a number: {v!r}")


def _exactly(kind: type) -> Any:
    """A structure hook taking values of exactly this JSON type (a ``bool`` is no ``int`` here)."""

    def structure(v: Any, _: Any) -> Any:
        if type(v) is not kind:
            raise ValueError(f"expected {kind.__name__}, got {type(v).__name__} {_short(v)}")
        return v

    return structure


def _short(v: Any) -> str:
    """``v`` for a message, cut short (an ``int`` of thousands of digits has no ``repr``)."""
    if isinstance(v, int) and not -10**40 < v < 10**40:
        return "of more than 40 digits"
    text = repr(v)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_tuple(t: Any) -> bool:
    return get_origin(t) is tuple


def _tuple_hook(t: Any, conv: cattrs.Converter) -> Any:
    """``tuple[X, ...]`` from a list (or tuple) only, each item's errors named by its index."""
    item = get_args(t)[0]

    def structure(v: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(v, (list, tuple)):
            raise ValueError(f"expected a list, got {type(v).__name__} {_short(v)}")
        out, errors = [], []
        for i, x in enumerate(v):
            try:
                out.append(conv.structure(x, item))
            except Exception as e:
                _note(e, IterableValidationNote(f"item {i}", i, item))
                errors.append(e)
        if errors:
            raise IterableValidationError(f"while structuring {t!r}", errors, t)
        return tuple(out)

    return structure


def _all_fields_hook(cls: type, conv: cattrs.Converter) -> Any:
    """An attrs class from a dict that holds every field (defaults are not filled in: a missing
    part is a mistake in the data, not an empty part) and no other key."""
    base: Any = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)
    fields = attrs.fields(cls)

    def structure(v: Any, t: Any) -> Any:
        if not isinstance(v, dict):
            raise ValueError(f"expected an object, got {type(v).__name__} {_short(v)}")
        missing = [f for f in fields if f.name not in v]
        if missing:
            raise ClassValidationError(f"while structuring {cls.__name__}", [_missing(cls, f) for f in missing], cls)
        return base(v, t)

    return structure


def _missing(cls: type, field: attrs.Attribute[Any]) -> KeyError:
    e = KeyError(field.name)
    _note(e, AttributeValidationNote(f"Structuring class {cls.__qualname__} @ attribute {field.name}", field.name,
                                     field.type))
    return e


def _note(e: BaseException, note: str) -> None:
    """``e.add_note(note)``, also on Python 3.10 (where cattrs reads ``__notes__`` all the same)."""
    setattr(e, "__notes__", [*getattr(e, "__notes__", []), note])  # noqa: B010


def _enum_hook(cls: type[enum.Enum]) -> Any:
    """An enum from its value, a string only (an enum is a ``str`` here: the ``str`` hook must not
    take it)."""

    def structure(v: Any, _: Any) -> enum.Enum:
        if type(v) is not str:
            raise ValueError(f"expected str, got {type(v).__name__} {_short(v)}")
        return cls(v)

    return structure


def _message(exc: BaseException, kind: type | None) -> str:
    """cattrs' words for a problem, with the model's own reason when it gives one."""
    words = format_exception(exc, kind)
    if isinstance(exc, (ValueError, TypeError)) and str(exc):
        return f"{words}: {exc}"
    return words


def _enum_value(e: enum.Enum) -> Any:
    return e.value


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_unstructure_hook(Decimal, str)
    for kind in (str, int, bool):
        conv.register_structure_hook(kind, _exactly(kind))
    conv.register_structure_hook_factory(_is_tuple, lambda t: _tuple_hook(t, conv))
    conv.register_structure_hook_factory(attrs.has, lambda cls: _all_fields_hook(cls, conv))
    # The model's enums are ``str`` subclasses; a hook per class wins over the one for ``str``.
    for obj in vars(models).values():
        if isinstance(obj, type) and issubclass(obj, enum.Enum):
            conv.register_unstructure_hook(obj, _enum_value)
            conv.register_structure_hook(obj, _enum_hook(obj))
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
        problems = "; ".join(cattrs.transform_error(e, path="report", format_exception=_message))
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
