"""Consistent reports, generated from the template declarations the parser itself reads.

A :class:`GenReport` is the truth a test compares the parser against: the value of every cell of
every table of a template (its flat key, as in FIELDS.md), and which cells the report writes
empty. Nothing here spells a label or a key: the tables, their cells and the identities between
them come from :mod:`zhgov_report.templates`, so a row added to a template is generated, rendered
and checked by every property without touching the strategies.

How a consistent report is built from the identities (see :func:`solve_plan`):

* a cell that stands alone on one side of an equality (``总计 = 自然人 + …``) is *derived*;
* the multi-cell side of a two-sided equality whose other side holds a derived cell
  (A1: ``一 + 二 = （七） + 四``) is *composed*: its cells are a random split of the other side;
* every other cell is *free* and drawn from a realistic distribution (mostly zeros, small
  counts, an occasional huge value; signed for 本年增/减, decimal for amounts);
* an inequality ``a ≤ b`` (A8) makes ``b`` derived as ``a`` plus a drawn slack.

Then every identity is evaluated independently (:func:`identity_sides`) and the generator
refuses to return a report that breaks one: a template change the plan cannot satisfy fails
loudly instead of producing inconsistent "consistent" reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import cache
from typing import TypeVar

import attrs
from hypothesis import reject
from hypothesis import strategies as st

from zhgov_report.models import Number
from zhgov_report.templates import TEMPLATES, Identity, Template

__all__ = [
    "POST2019_FORMS",
    "CellInfo",
    "GenReport",
    "cell_info",
    "consistent_reports",
    "identity_holds",
    "identity_sides",
    "solve_plan",
]

#: The post-2019 formats the strategies generate (every template of ``TEMPLATES``).
POST2019_FORMS: tuple[str, ...] = tuple(sorted(TEMPLATES))


@attrs.frozen
class CellInfo:
    """What the template says about one cell: its table, row, column and column flags."""

    key: str
    table: str
    row: str
    column: str
    signed: bool
    decimal: bool
    unit: str | None


@cache
def cell_info(form: str) -> dict[str, CellInfo]:
    """Every cell of a template by flat key, in template order."""
    tpl = TEMPLATES[form]
    out: dict[str, CellInfo] = {}
    for spec in tpl.tables:
        for row in spec.all_rows():
            for col in spec.columns_of(row.key):
                key = spec.key(row.key, col.key)
                out[key] = CellInfo(key, spec.id, row.key, col.key, col.signed, col.decimal, col.unit)
    return out


_G = TypeVar("_G", bound="WrittenCells")


class WrittenCells:
    """What a generated report and a generated sheet share: the values written, the cells left
    empty, and copies with cells blanked or changed. Subclasses are attrs classes with ``values``
    and ``blank`` fields."""

    __slots__ = ()
    values: Mapping[str, Number]
    blank: frozenset[str]

    def written(self, key: str) -> Number | None:
        """The value the text writes for ``key``: ``None`` for an empty cell."""
        return None if key in self.blank else self.values[key]

    @property
    def published(self) -> dict[str, Number]:
        """The table as the text states it, empty cells counted as 0 (the scorer's reading)."""
        return {k: (0 if k in self.blank else v) for k, v in self.values.items()}

    def with_blank(self: _G, keys: Iterable[str]) -> _G:
        return attrs.evolve(self, blank=self.blank | frozenset(keys))  # type: ignore[misc]  # an attrs subclass

    def with_value(self: _G, key: str, value: Number) -> _G:
        vals = dict(self.values)
        vals[key] = value
        return attrs.evolve(self, values=vals)  # type: ignore[misc]


@attrs.frozen
class GenReport(WrittenCells):
    """A generated report: every cell's value, and the cells written empty.

    ``values`` holds a number for every key of the template (``int``, or ``Decimal`` for amounts).
    ``blank`` lists the keys whose cell the report leaves empty; a consistent report blanks only
    zero cells (as S4 does), a mutated one may blank anything (its truth is then :attr:`published`).
    ``year``/``agency`` are the metadata its title states.
    """

    form: str
    values: Mapping[str, Number]
    blank: frozenset[str] = frozenset()
    year: int = 2021
    agency: str = "某某县人民政府"

    @property
    def template(self) -> Template:
        return TEMPLATES[self.form]

    @property
    def identities(self) -> tuple[Identity, ...]:
        """Every identity of the report's template (FORMATS.md §6)."""
        return self.template.identities

    def cell(self, key: str) -> CellInfo:
        return cell_info(self.form)[key]



def identity_sides(ident: Identity, values: Mapping[str, Number]) -> tuple[Number, Number]:
    """The two sides of an identity, summed here independently of :mod:`zhgov_report.checks`."""
    left: Number = 0
    right: Number = 0
    for k in ident.left:
        left += values[k]
    for k in ident.right:
        right += values[k]
    return left, right


def identity_holds(ident: Identity, values: Mapping[str, Number]) -> bool:
    left, right = identity_sides(ident, values)
    if ident.relation == "=":
        return left == right
    if ident.relation == "<=":
        return left <= right
    if ident.relation == ">=":
        return left >= right
    raise ValueError(f"unknown relation {ident.relation!r} in {ident.id}: teach the strategies about it")


# ---------------------------------------------------------------------------------------------
# The plan: which cells are free, derived or composed, in which order.


@attrs.frozen
class _Step:
    kind: str  # "derive" (one cell = other side - rest of its side) or "compose" (split a total)
    ident: Identity
    cells: tuple[str, ...]  # the cells this step sets, in the order they are drawn


@attrs.frozen
class Plan:
    """How to fill a set of cells so that every identity holds: draw ``free``, run ``steps``, then
    give each ``bounded`` cell a value between its bounds (``(cell, lower, upper)``: the
    inequalities that bound it from below and from above)."""

    free: tuple[str, ...]
    steps: tuple[_Step, ...]
    bounded: tuple[tuple[str, tuple[Identity, ...], tuple[Identity, ...]], ...] = ()


def _alone(ident: Identity) -> list[tuple[str, tuple[str, ...]]]:
    """(cell, other side) for each side of ``ident`` that is a single cell."""
    out = []
    if len(ident.left) == 1:
        out.append((ident.left[0], ident.right))
    if len(ident.right) == 1:
        out.append((ident.right[0], ident.left))
    return out


def plan_for(name: str, keys: Sequence[str], identities: Sequence[Identity]) -> Plan:
    """Decide, from the identities alone, which cells are drawn and how the others follow.

    * a cell alone on one side of an equality (a total) is *derived* from the other side;
    * where a derived cell is itself set from above (``申请办结数 = 申请答复数`` (B9) sets
      申请答复数, and so its parts (B3) are a split of it; the multi-cell side of
      ``一 + 二 = （七） + 四`` (A1), whose other side holds a derived cell), the cells below are
      *composed*: a random split of the amount;
    * a cell alone on a side of an inequality only (``现行有效`` ≥ ``新公开``, 主动公开政府信息数
      between its largest part and the sum of its channels) is *bounded*;
    * every other cell is *free*.
    """
    keyset = set(keys)
    equalities = [i for i in identities if i.relation == "="]
    inequalities = [i for i in identities if i.relation != "="]
    derived = {c for i in equalities for c, _ in _alone(i)}
    composed: dict[str, Identity] = {}

    def compose_below(cell: str, via: Identity | None) -> None:
        for j in equalities:
            if j is via:
                continue
            for c, other in _alone(j):
                if c == cell and len(other) > 1 and not any(k in composed for k in other):
                    for k in other:
                        composed[k] = j
                    for k in other:
                        compose_below(k, j)

    for i in equalities:
        if len(i.left) == 1 and len(i.right) == 1:  # X = Y: Y follows X, and Y's parts split it
            compose_below(i.right[0], i)
    for i in equalities:
        if len(i.left) > 1 and len(i.right) > 1:
            for side, other in ((i.left, i.right), (i.right, i.left)):
                if any(k in derived for k in other) and not any(k in derived or k in composed for k in side):
                    for k in side:
                        composed[k] = i
                    break
    bounded: dict[str, tuple[list[Identity], list[Identity]]] = {}
    for i in inequalities:
        for c, _other in _alone(i):
            if c in derived or c in composed:
                continue
            # c on the bigger side: the other side bounds it from below
            bigger = (i.relation == "<=" and i.right == (c,)) or (i.relation == ">=" and i.left == (c,))
            if not bigger and len(_other) == 1:
                continue  # a ≤ b between two cells: b is bounded by a, a is drawn
            below, above = bounded.setdefault(c, ([], []))
            (below if bigger else above).append(i)
    free = tuple(k for k in keys if k not in derived and k not in composed and k not in bounded)
    known = set(free)
    steps: list[_Step] = []
    order: list[tuple[str, tuple[Identity, ...], tuple[Identity, ...]]] = []
    while len(known) < len(keyset):
        progressed = False
        for i in equalities:
            unknown = [k for k in i.cells if k not in known]
            if not unknown:
                continue
            sides = [s for s in (i.left, i.right) if any(k not in known for k in s)]
            if len(sides) != 1:
                continue
            if len(unknown) == 1 and unknown[0] not in composed:
                steps.append(_Step("derive", i, tuple(unknown)))
            elif all(composed.get(k) is i for k in unknown):
                steps.append(_Step("compose", i, tuple(unknown)))
            else:
                continue
            known.update(unknown)
            progressed = True
        for c, (below, above) in bounded.items():
            if c not in known and all(k in known for i in below + above for k in i.cells if k != c):
                order.append((c, tuple(below), tuple(above)))
                known.add(c)
                progressed = True
        if not progressed:
            stuck = [k for k in keys if k not in known]
            raise AssertionError(f"{name}: the strategies cannot derive {stuck[:5]} from the identities; extend "
                                 "tests/strategies/reports.py:plan_for")
    return Plan(free, tuple(steps), tuple(order))


@cache
def solve_plan(form: str) -> Plan:
    tpl = TEMPLATES[form]
    return plan_for(form, tuple(cell_info(form)), tpl.identities)


@st.composite
def fill(draw: st.DrawFn, plan: Plan, draw_free: Callable[[str], Number],
         slack: st.SearchStrategy[int]) -> dict[str, Number]:
    """Values for every cell of ``plan``: ``draw_free(key)`` for free cells (it may call ``draw``)."""
    values: dict[str, Number] = {k: draw_free(k) for k in plan.free}
    for step in plan.steps:
        ident = step.ident
        side, other = (ident.left, ident.right) if step.cells[0] in ident.left else (ident.right, ident.left)
        need = sum((values[k] for k in other), start=0) - sum(
            (values[k] for k in side if k not in step.cells), start=0)
        if step.kind == "derive":
            values[step.cells[0]] = need
        else:
            for k, v in zip(step.cells, draw(_split(need, len(step.cells))), strict=True):
                values[k] = v
    for cell, below, above in plan.bounded:
        def other(i: Identity, c: str = cell) -> Number:
            return sum((values[k] for k in (i.right if i.left == (c,) else i.left)), start=0)
        lo = max((other(i) for i in below), default=0)
        hi = min((other(i) for i in above), default=None)
        if hi is not None and lo > hi:
            reject()  # the parts' bounds contradict (a 其中 row larger than every channel together)
        values[cell] = lo + (draw(slack) if hi is None else draw(st.integers(0, int(hi - lo))))
    return values


# ---------------------------------------------------------------------------------------------
# Value distributions.

#: How many cells of a report are non-zero: most agencies are small (a few requests a year, tables
#: mostly zeros); some are medium; a few are large cities whose tables are dense (S4).
DENSITIES = {"small": 92, "medium": 70, "large": 45}  # percent of free cells that are zero
_DENSITY = st.integers(0, 9).map(lambda i: "small" if i < 6 else "medium" if i < 9 else "large")


@st.composite
def count(draw: st.DrawFn, zero_percent: int = 60) -> int:
    """A count: zero with the given probability, else mostly small, sometimes hundreds or
    thousands, rarely huge."""
    b = draw(st.integers(0, 99))
    if b < zero_percent:
        return 0
    b = draw(st.integers(0, 99))
    if b < 75:
        return draw(st.integers(1, 12))
    if b < 98:
        return draw(st.integers(13, 3000))
    return draw(st.integers(3001, 10**9))


@st.composite
def signed_change(draw: st.DrawFn, zero_percent: int = 60) -> int:
    n = draw(count(zero_percent))
    return -n if n and draw(st.booleans()) else n


@st.composite
def amount(draw: st.DrawFn, zero_percent: int = 60) -> Number:
    """An amount: an integer or a decimal with 1-2 places (96171.6 in S3)."""
    cents = draw(count(zero_percent))
    places = draw(st.sampled_from((0, 1, 2)))
    if places == 0:
        return cents
    return Decimal(cents).scaleb(-places)


def _draw_cell(draw: st.DrawFn, info: CellInfo, active: bool, zero_percent: int) -> Number:
    if not active:
        return 0
    if info.signed:
        return draw(signed_change(zero_percent))
    if info.decimal:
        return draw(amount(zero_percent))
    return draw(count(zero_percent))


@st.composite
def _split(draw: st.DrawFn, total: Number, n: int) -> list[Number]:
    """``total`` split into ``n`` non-negative parts; the first part takes what the others leave,
    so shrinking moves everything into the first cell."""
    parts: list[Number] = []
    rest = total
    for _ in range(n - 1):
        if rest <= 0 or not draw(st.booleans()):
            parts.append(0)
            continue
        x = draw(st.integers(0, int(rest)))
        parts.append(x)
        rest -= x
    return [rest, *parts]


@st.composite
def consistent_reports(
    draw: st.DrawFn, form: str | st.SearchStrategy[str] | None = None, density: str | None = None,
    densities: Sequence[str] | None = None,
) -> GenReport:
    """A report of ``form`` (any post-2019 form when ``None``) in which every identity of the
    template holds, hard and soft. ``density`` is ``small``, ``medium`` or ``large`` (drawn when
    ``None``, mostly small, or among ``densities``); columns and rows are also switched off at
    random, as in real tables."""
    if form is None:
        form = draw(st.sampled_from(POST2019_FORMS))
    elif not isinstance(form, str):
        form = draw(form)
    infos = cell_info(form)
    plan = solve_plan(form)
    if density is None:
        density = draw(_DENSITY if densities is None else st.sampled_from(tuple(densities)), label="density")
    zero_percent = DENSITIES[density]
    columns = sorted({(i.table, i.column) for i in infos.values()})
    rows = sorted({(i.table, i.row) for i in infos.values()})
    off_cols = draw(st.sets(st.sampled_from(columns), max_size=len(columns) // 2))
    off_rows = draw(st.sets(st.sampled_from(rows), max_size=len(rows) // 2))
    def draw_free(key: str) -> Number:
        i = infos[key]
        active = (i.table, i.column) not in off_cols and (i.table, i.row) not in off_rows
        return _draw_cell(draw, i, active, zero_percent)

    values = draw(fill(plan, draw_free, count(zero_percent)))
    ordered = {k: values[k] for k in infos}
    report = GenReport(form, ordered, year=draw(_years(form)), agency=draw(_agencies))
    broken = [i.id for i in report.template.identities if not identity_holds(i, ordered)]
    negative = [k for k, v in ordered.items() if v < 0 and not infos[k].signed]
    if broken or negative:
        raise AssertionError(f"generated {form} report breaks {broken} / negative {negative}: the plan of "
                             "tests/strategies/reports.py does not fit the template any more")
    return report


def _years(form: str) -> st.SearchStrategy[int]:
    # The year a report of each template plausibly covers (FORMATS.md §1); detection must not
    # depend on it, but a realistic title helps the metadata reader.
    return st.integers(2019, 2020) if form == "form2019" else st.integers(2021, 2025)


_agencies = st.sampled_from(("永嘉县人民政府", "大溪镇人民政府", "淮安市人民政府办公室", "某某市自然资源和规划局",
                             "上海市人民政府办公厅"))


