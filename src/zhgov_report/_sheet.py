"""The pre-2019 statistics sheet reader (issue: pre-2019 reports)."""

from __future__ import annotations

from collections.abc import Sequence

from . import diagnostics as dg
from ._intake import Source
from ._sections import Heading
from ._tokenize import Line
from .models import Check, Diagnostic, Table

__all__ = ["read_sheet"]


def read_sheet(
    src: Source, lines: Sequence[Line], headings: Sequence[Heading]
) -> tuple[list[Table], list[Check], list[Diagnostic]]:
    """Read the statistics sheet. Until the sheet reader lands, every sheet is reported missing."""
    return [], [], [dg.make("TABLE_MISSING", "statistics sheet not read", path="sheet")]
