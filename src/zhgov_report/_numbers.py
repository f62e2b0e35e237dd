"""Cell text to :class:`~zhgov_report.models.Value`.

Recognises integers (with thousands separators), decimals, signed changes (``+1036``, ``-5``,
``减3``, ``增5``), amounts and counts with a unit (``251000元``, ``1.5万元``, ``1个``), and the
placeholders that mean "not applicable" (``—``, ``/``, ``无``, ``空``, ``N/A``). Works on
normalised text (see :mod:`zhgov_report._intake`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import regex

from ._cache import bounded_cache
from .models import Value, ValueKind

__all__ = ["MAX_DIGITS", "UNITS", "is_placeholder", "parse_value"]

#: Units a cell may carry.
UNITS = ("万元", "元", "人次", "条", "件", "次", "篇", "个", "人", "项", "起", "份")

#: A number token longer than this is not a value (it is glued digits or garbage).
MAX_DIGITS = 24

_NUM = regex.compile(
    r"""^(?P<sign>[+\-−－]|增加?|减少?|新增)?\s*
    (?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?\s*
    (?P<unit>万元|元|人次|条|件|次|篇|个|人|项|起|份)?$""",
    regex.X,
)
_PLACEHOLDER = re.compile(r"^(?:[—–\-−－_~/\\]{1,4}|无|空|N/?A|n/?a|—/—)$")  # no class ``re`` reads otherwise


def is_placeholder(text: str) -> bool:
    return bool(_PLACEHOLDER.match(text.strip()))


@bounded_cache(maxsize=4096)
def parse_value(text: str) -> Value | None:
    """Parse one cell's text. Returns ``None`` when the text is not a value at all (a label).

    Results are memoised for short texts (a :class:`Value` is immutable and cells repeat: ``0``,
    ``1``...)."""
    return _parse(text)


def _parse(text: str) -> Value | None:
    t = text.strip()
    if not t:
        return Value(ValueKind.BLANK, raw=text)
    if len(t) > MAX_DIGITS + 8:
        return None
    if _PLACEHOLDER.match(t):
        return Value(ValueKind.NOT_APPLICABLE, raw=text)
    m = _NUM.match(t)
    if m is None:
        return None
    digits = m.group("int").replace(",", "")
    if len(digits) > MAX_DIGITS:
        return None
    frac = m.group("frac")
    sign_text = m.group("sign") or ""
    negative = sign_text in ("-", "−", "－") or sign_text.startswith("减")
    number: int | Decimal
    if frac is not None:
        try:
            number = Decimal(f"{digits}.{frac}")
        except InvalidOperation:  # pragma: no cover - the pattern admits only digits
            return None
    else:
        number = int(digits)
    if negative:
        number = -number
    return Value(ValueKind.NUMBER, number, unit=m.group("unit"), signed=bool(sign_text), raw=text)
