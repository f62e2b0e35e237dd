"""The report layouts, declared as data (see :mod:`zhgov_report.templates._base`)."""

from __future__ import annotations

from . import form2019, form2021, sheet
from ._base import Block, Category, Column, Identity, RowSpec, TableSpec, Template

__all__ = [
    "LAYOUTS",
    "TEMPLATES",
    "Block",
    "Category",
    "Column",
    "Identity",
    "RowSpec",
    "TableSpec",
    "Template",
    "get",
]

#: The post-2019 templates by format name.
TEMPLATES: dict[str, Template] = {
    "form2019": form2019.TEMPLATE,
    "form2021": form2021.TEMPLATE,
}


#: The registry: every layout the library reads, by format name (the post-2019 templates and the
#: pre-2019 statistics sheet).
LAYOUTS: dict[str, Template] = {**TEMPLATES, "pre2019": sheet.TEMPLATE}


def get(format: str) -> Template | None:
    """The template of a format name (``form2019``, ``form2021``, ``pre2019``), or ``None``."""
    return LAYOUTS.get(str(format))
