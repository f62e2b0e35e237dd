"""The vocabulary in which the report layouts are declared.

A layout is data: its tables, their rows (label, aliases, flat key), their columns and the
arithmetic identities between cells. The parser, the checks, :func:`zhgov_report.flatten`, the
test strategies and the documentation all read these declarations; nothing else spells a label.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "Block",
    "Category",
    "Column",
    "Identity",
    "RowSpec",
    "TableSpec",
    "Template",
    "equal_sum",
]


@attrs.frozen(slots=True)
class Column:
    """A value column. ``patterns`` are distinctive substrings of its header text.

    ``prior`` is how likely the column holds a non-zero value in a row that has any, where the
    template can say so (measured on real reports; the declaration gives the count). Where a row's
    values lost their columns and the arithmetic allows several placements, it ranks them, to
    pick the best guess: it never makes a value certain. ``None``: no preference (0.2)."""

    key: str
    label: str
    patterns: tuple[str, ...] = ()
    signed: bool = False  #: the column holds signed changes (本年增/减)
    decimal: bool = False  #: the column may hold decimals (amounts)
    unit: str | None = None  #: unit fixed by the header (万元), if any
    prior: float | None = None


@attrs.frozen(slots=True)
class RowSpec:
    """A template row.

    ``patterns`` are distinctive substrings of the label, compared with whitespace ignored (see
    :mod:`zhgov_report.templates._labels`). ``regex`` is an extra pattern for labels that are only
    distinctive with their numbering (``3.其他``). A row is ``generic`` when its patterns also
    occur elsewhere in the table (``总计``): it is matched only once the rows before it have been
    seen. ``category`` is the key of the category the row sits under (``denied`` for
    （三）不予公开). For statistics sheets, ``unit`` is the template's unit and ``parent`` the key
    of the row this one is a part of.
    """

    key: str
    label: str
    patterns: tuple[str, ...] = ()
    regex: str | None = None
    generic: bool = False
    category: str | None = None
    unit: str | None = None
    parent: str | None = None
    section: str | None = None
    aliases: tuple[str, ...] = ()


@attrs.frozen(slots=True)
class Category:
    """A label-only row that groups sub-rows (（三）不予公开); it has no values of its own."""

    key: str
    label: str
    patterns: tuple[str, ...]


@attrs.frozen(slots=True)
class Block:
    """A block of the 主动公开 table: a caption (第二十条第（一）项), its columns and rows."""

    key: str
    caption: str
    caption_patterns: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: tuple[RowSpec, ...]


@attrs.frozen(slots=True)
class Identity:
    """An arithmetic relation between cells: ``sum(left) REL sum(right)``.

    ``rule`` names the family of checks (A1...). A ``hard`` identity holds in every correct
    report; only hard identities with ``placement=True`` are used to place values whose
    positions the text lost.
    """

    id: str
    rule: str
    description: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    relation: str = "="
    hard: bool = True
    placement: bool = True

    @property
    def cells(self) -> tuple[str, ...]:
        return self.left + self.right


def equal_sum(
    id: str, rule: str, description: str, total: str, parts: Iterable[str], *, hard: bool = True
) -> Identity:
    """``total = sum(parts)``."""
    return Identity(id, rule, description, (total,), tuple(parts), "=", hard)


@attrs.frozen(slots=True)
class TableSpec:
    """A template table.

    ``layout`` is ``grid`` (rows × shared columns: 三、申请 table), ``blocks`` (二、主动公开: each
    block its own columns) or ``line`` (四、复议诉讼: all cells in one line of values, rows ×
    columns in row-major order). ``heading`` patterns find the table's section; ``anchors`` find
    the table when its heading is missing.
    """

    id: str
    title: str
    section: str
    heading: tuple[str, ...]
    layout: str
    rows: tuple[RowSpec, ...] = ()
    columns: tuple[Column, ...] = ()
    blocks: tuple[Block, ...] = ()
    categories: tuple[Category, ...] = ()
    identities: tuple[Identity, ...] = ()
    anchors: tuple[str, ...] = ()
    header_words: tuple[str, ...] = ()

    def key(self, row: str, column: str) -> str:
        return f"{self.id}.{row}.{column}"

    def all_rows(self) -> tuple[RowSpec, ...]:
        if self.layout == "blocks":
            return tuple(r for b in self.blocks for r in b.rows)
        return self.rows

    def columns_of(self, row: str) -> tuple[Column, ...]:
        if self.layout == "blocks":
            for b in self.blocks:
                for r in b.rows:
                    if r.key == row:
                        return b.columns
            raise KeyError(row)
        return self.columns

    def keys(self) -> tuple[str, ...]:
        """Every flat key of this table, in the template's order."""
        return tuple(self.key(r.key, c.key) for r in self.all_rows() for c in self.columns_of(r.key))


@attrs.frozen(slots=True)
class Template:
    """A report layout: its format name and its tables."""

    format: str
    name: str
    tables: tuple[TableSpec, ...]

    def table(self, id: str) -> TableSpec:
        for t in self.tables:
            if t.id == id:
                return t
        raise KeyError(id)

    def keys(self) -> tuple[str, ...]:
        return tuple(k for t in self.tables for k in t.keys())  # noqa: SIM118 (a method)

    @property
    def identities(self) -> tuple[Identity, ...]:
        return tuple(i for t in self.tables for i in t.identities)
