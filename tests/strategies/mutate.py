"""Broken renderings: a report's tables with cells deleted, duplicated or shuffled, labels lost and
rows dropped, with a record of what the mutated text still states.

Mutations act on the HTML-like grids (:mod:`.grid`) before rendering, so every shape of
:mod:`.render` can be broken the same way and the truth stays known:

* ``delete``: a value cell becomes empty (the text now states a blank there);
* ``shuffle``: the values of a row are permuted among its cells (the text states the permuted row);
* ``duplicate``: a value cell is written twice (the text no longer states one table: the row has
  a value too many, so :attr:`Mutation.published` is ``None``);
* ``drop_label``: a row loses its label cell, ``drop_row`` the whole row (the text no longer
  attributes the row's values to any key: those keys are :attr:`Mutation.unstated`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs
from hypothesis import strategies as st

from zhgov_report.models import Number
from zhgov_report.templates._base import TableSpec

from .grid import HCell, HTable
from .reports import GenReport
from .sheet import GenSheet

__all__ = ["OPS", "Mutation", "group_of", "mutations"]

OPS = ("delete", "shuffle", "duplicate", "drop_label", "drop_row")


def group_of(spec: TableSpec, key: str) -> str:
    """The unit of text whose values keep their order: a row (``requests.granted``), or the whole
    table for the one-line review/litigation table."""
    if spec.layout == "line":
        return spec.id
    if spec.layout == "sheet":  # sheet.<row> and sheet_cumulative.<row>: one row
        return "sheet." + key.split(".", 1)[1]
    return ".".join(key.split(".")[:2])


@attrs.frozen
class Mutation:
    tables: tuple[HTable, ...]
    ops: tuple[str, ...]
    #: the table behind the text, key by key (``None`` = an empty cell; the keys of
    #: :attr:`unstated` rows hold the values the text lost); ``None`` when a duplicated cell means
    #: the text states no single table
    published: Mapping[str, Number | None] | None
    #: group -> the non-empty values the text writes for it, in text order (strays included)
    written: Mapping[str, tuple[Number, ...]]
    #: keys whose values the text no longer attributes to any row
    unstated: frozenset[str]


def _data_rows(table: HTable) -> list[int]:
    return [i for i, r in enumerate(table.rows) if any(c.key is not None for c in r)]


@st.composite
def mutations(
    draw: st.DrawFn, report: GenReport | GenSheet, tables: Sequence[HTable], *, ops: Sequence[str] = OPS,
    max_ops: int = 3, nonzero: bool = False,
) -> Mutation:
    """Between one and ``max_ops`` mutations of ``ops`` applied to the data rows of ``tables``;
    with ``nonzero``, to rows and cells that hold a non-zero value where there are any (mutating
    a zero mostly leaves a table that still adds up)."""
    values: dict[str, Number | None] = {k: report.written(k) for k in report.values}
    numbers: dict[int, Number | None] = {}  # id(HCell) -> the number its text writes
    rows_by_table: list[list[list[HCell]]] = []
    for t in tables:
        rows = []
        for r in t.rows:
            row = list(r)
            for c in row:
                if c.key is not None:
                    numbers[id(c)] = values[c.key]
            rows.append(row)
        rows_by_table.append(rows)
    targets = [(ti, ri) for ti, t in enumerate(tables) for ri in _data_rows(t)]
    if nonzero:
        busy = [(ti, ri) for ti, ri in targets if any(numbers.get(id(c)) for c in rows_by_table[ti][ri])]
        targets = busy or targets
    done: list[str] = []
    duplicated = False
    unstated: set[str] = set()
    dropped: set[tuple[int, int]] = set()
    for _ in range(draw(st.integers(1, max_ops))):
        ti, ri = draw(st.sampled_from(targets))
        if (ti, ri) in dropped:
            continue
        spec = tables[ti].spec
        row = rows_by_table[ti][ri]
        vidx = [i for i, c in enumerate(row) if c.key is not None or c.stray]
        labels = [i for i, c in enumerate(row) if c.key is None and not c.stray and not c.header]
        allowed = [o for o in ops if not (o in ("drop_label", "drop_row") and spec.layout == "line")]
        op = draw(st.sampled_from(allowed))
        row_keys = [c.key for c in row if c.key is not None]
        if op == "delete":
            full = [i for i in vidx if numbers.get(id(row[i]))] if nonzero else []
            i = draw(st.sampled_from(full or vidx))
            c = row[i]
            row[i] = attrs.evolve(c, text="")
            numbers[id(row[i])] = None
            if c.key is not None:
                values[c.key] = None
            done.append(f"delete {c.key or 'stray'}")
        elif op == "shuffle":
            perm = draw(st.permutations(vidx))
            cells = [row[i] for i in vidx]
            moved = [attrs.evolve(cells[vidx.index(src)], key=cells[k].key, stray=cells[k].stray)
                     for k, src in enumerate(perm)]
            for k, (i, new) in enumerate(zip(vidx, moved, strict=True)):
                numbers[id(new)] = numbers[id(cells[vidx.index(perm[k])])]
                row[i] = new
                if new.key is not None:
                    values[new.key] = numbers[id(new)]
            done.append(f"shuffle {group_of(spec, row_keys[0])}: {perm}")
        elif op == "duplicate":
            i = draw(st.sampled_from(vidx))
            c = row[i]
            extra = HCell(c.text, stray=True)
            numbers[id(extra)] = numbers[id(c)]
            row.insert(i + 1, extra)
            duplicated = True
            done.append(f"duplicate {c.key or 'stray'}")
        elif op == "drop_label":
            if not labels:
                continue
            i = labels[-1]
            row[i] = attrs.evolve(row[i], text="")
            unstated.update(row_keys)
            done.append(f"drop label of {group_of(spec, row_keys[0])}")
        elif op == "drop_row":
            if any(c.rowspan > 1 for c in row):
                continue  # the geometry of the rows below would change: not a row deletion
            dropped.add((ti, ri))
            unstated.update(row_keys)
            done.append(f"drop row {group_of(spec, row_keys[0])}")
    out_tables = []
    written: dict[str, list[Number]] = {}
    for ti, t in enumerate(tables):
        rows = [tuple(r) for ri, r in enumerate(rows_by_table[ti]) if (ti, ri) not in dropped]
        out_tables.append(attrs.evolve(t, rows=tuple(rows)))
        for ri, r in enumerate(rows_by_table[ti]):
            if (ti, ri) in dropped:
                continue
            keys = [c.key for c in r if c.key is not None]
            if not keys:
                continue
            g = group_of(t.spec, keys[0])
            written.setdefault(g, [])
            written[g].extend(n for c in r if (c.key is not None or c.stray) and (n := numbers[id(c)]) is not None)
    return Mutation(
        tables=tuple(out_tables),
        ops=tuple(done),
        published=None if duplicated else values,
        written={g: tuple(v) for g, v in written.items()},
        unstated=frozenset(unstated),
    )
