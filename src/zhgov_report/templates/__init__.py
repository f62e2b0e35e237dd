"""The report layouts, declared as data (see :mod:`zhgov_report.templates._base`)."""

from __future__ import annotations

from . import form2019, form2021
from ._base import Block, Category, Column, Identity, RowSpec, TableSpec, Template

__all__ = [
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


def get(format: str) -> Template | None:
    """The template of a format name (``form2019``, ``form2021``), or ``None``."""
    return TEMPLATES.get(str(format))
