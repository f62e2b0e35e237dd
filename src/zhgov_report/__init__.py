"""zhgov_report: China's government information disclosure annual reports as typed, checked data.

>>> import zhgov_report
>>> report = zhgov_report.parse(text)              # doctest: +SKIP
>>> zhgov_report.flatten(report)["meta.format"]     # doctest: +SKIP
'form2019'
"""

from __future__ import annotations

from ._frame import to_dataframe
from ._harmonize import harmonize
from ._panel import check_panel
from ._parse import parse
from ._series import check_series
from ._tokenize import Delimiter, Line, LineKind, Token, tokenize
from ._version import __version__
from .detect import detect
from .export import RECORD_FIELDS, Record, flatten, from_dict, to_dict, to_records
from .models import (
    AgencySource,
    Cell,
    Check,
    CheckStatus,
    Detection,
    Diagnostic,
    Evidence,
    Figure,
    Format,
    InputKind,
    Meta,
    Report,
    Row,
    Section,
    Severity,
    Span,
    Table,
    Value,
    ValueKind,
)

__all__ = [
    "RECORD_FIELDS",
    "AgencySource",
    "Cell",
    "Check",
    "CheckStatus",
    "Delimiter",
    "Detection",
    "Diagnostic",
    "Evidence",
    "Figure",
    "Format",
    "InputKind",
    "Line",
    "LineKind",
    "Meta",
    "Record",
    "Report",
    "Row",
    "Section",
    "Severity",
    "Span",
    "Table",
    "Token",
    "Value",
    "ValueKind",
    "__version__",
    "check_panel",
    "check_series",
    "detect",
    "flatten",
    "from_dict",
    "harmonize",
    "parse",
    "to_dataframe",
    "to_dict",
    "to_records",
    "tokenize",
]
