"""Recovery, table-driven: observations in, placements out, through ``recover()`` alone.

Each case is a table of rows as a reader would observe them (slots in template order, the value
pieces in text order, positions where the source proves them) and the identities of the template;
the expected outcome is every cell's value and certainty, and what recovery reports (identities
used or dropped, rows left ambiguous or unreadable).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs
import pytest

from zhgov_report._recover import Limits, Observation, Piece, Recovery, Slot, recover
from zhgov_report.models import Value, ValueKind
from zhgov_report.templates._base import Identity, equal_sum


def num(n: int | str) -> Piece:
    number = Decimal(n) if isinstance(n, str) else n
    return Piece(Value(ValueKind.NUMBER, number, raw=str(n)))


def glued(digits: str) -> Piece:
    return Piece(Value(ValueKind.UNREADABLE, raw=digits), glued=True, digits=digits)


NA = Piece(Value(ValueKind.NOT_APPLICABLE, raw="—"))


def row(name: str, keys: str, *pieces: Piece, positions: Sequence[int] | None = None,
        signed: bool = False, decimal: bool = False, priors: dict[str, float] | None = None) -> Observation:
    slots = tuple(Slot(f"{name}.{k}", signed=signed, decimal=decimal, column=k, prior=(priors or {}).get(k))
                  for k in keys.split())
    return Observation(name, slots, tuple(pieces), positions=None if positions is None else tuple(positions))


ROW_SUM = equal_sum("A2.r", "A2", "total is the sum of the parts", "r.total", ["r.a", "r.b"])

#: A requests-like table: three rows whose small value lost its column (q or w) and a column-total
#: row read in place. The column identities allow two joint placements: x's 2 under q (y's and
#: z's 1 under w), or x's 2 under w (y's and z's 1 under q). Column q is the likelier one (its
#: prior), so the table is most plausible with two values under q, although x alone would put its
#: 2 there.
_PRIORS = {"p": 0.9, "q": 0.3, "w": 0.1, "total": 0.9}
_TABLE_ROWS = (
    row("x", "p q w total", num(99), num(2), num(101), priors=_PRIORS),
    row("y", "p q w total", num(6), num(1), num(7), priors=_PRIORS),
    row("z", "p q w total", num(142), num(1), num(143), priors=_PRIORS),
    row("sum", "p q w total", num(247), num(2), num(2), num(251), positions=(0, 1, 2, 3), priors=_PRIORS),
)
_TABLE_IDENTITIES = (
    *(equal_sum(f"A2.{n}", "A2", "total is the sum of the parts", f"{n}.total", [f"{n}.p", f"{n}.q", f"{n}.w"])
      for n in "xyz"),
    *(equal_sum(f"A3.{c}", "A3", "the total row is the sum of the rows", f"sum.{c}", [f"{n}.{c}" for n in "xyz"])
      for c in ("p", "q", "w", "total")),
)
#: per flat key: the value (None: blank) and whether it is certain
_Cells = dict[str, tuple[int | Decimal | str | None, bool]]

_TABLE_CERTAIN: _Cells = {"x.p": (99, True), "x.total": (101, True), "y.p": (6, True), "y.total": (7, True),
                  "z.p": (142, True), "z.total": (143, True), "sum.p": (247, True), "sum.q": (2, True),
                  "sum.w": (2, True), "sum.total": (251, True)}
_TABLE_BEST: _Cells = {**_TABLE_CERTAIN, "x.q": (None, False), "x.w": (2, False), "y.q": (1, False),
                       "y.w": (None, False), "z.q": (1, False), "z.w": (None, False)}
_TABLE_USED = frozenset({"A2.x", "A2.y", "A2.z", "A3.p", "A3.q", "A3.w", "A3.total"})

#: A table (x: 0 1 1 2, y: 0 1 0 1, z: 2 0 1 3 under p q w total, column totals 2 2 2 6) where the
#: identities, taken together, put x's second 1 under w in every joint placement; each identity on
#: its own (propagation) leaves it open.
_PROVEN_ROWS = (
    row("x", "p q w total", num(1), num(1), num(2)),
    row("y", "p q w total", num(1), num(1)),
    row("z", "p q w total", num(2), num(1), num(3)),
    row("sum", "p q w total", num(2), num(2), num(2), num(6), positions=(0, 1, 2, 3)),
)
_PROVEN_CELLS: _Cells = {
    "sum.p": (2, True), "sum.q": (2, True), "sum.w": (2, True), "sum.total": (6, True),
    "x.p": (1, False), "x.q": (None, False), "x.w": (1, True), "x.total": (2, True),
    "y.p": (1, False), "y.q": (None, False), "y.w": (None, False), "y.total": (1, True),
    "z.p": (None, False), "z.q": (2, False), "z.w": (1, False), "z.total": (3, True)}


@attrs.frozen
class Case:
    id: str
    rows: tuple[Observation, ...]
    identities: tuple[Identity, ...]
    #: per flat key: the value (None: blank) and whether it is certain
    cells: dict[str, tuple[int | Decimal | str | None, bool]]
    used: frozenset[str] = frozenset()
    dropped: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    unreadable: tuple[str, ...] = ()
    limits: Limits = attrs.field(factory=Limits)


CASES = [
    Case("every cell written, read in order",
         (row("r", "a b total", num(1), num(2), num(3)),), (ROW_SUM,),
         {"r.a": (1, True), "r.b": (2, True), "r.total": (3, True)}),
    Case("positions proven by the source are kept, blanks between them",
         (row("r", "a b total", num(4), num(4), positions=(1, 2)),), (ROW_SUM,),
         {"r.a": (None, True), "r.b": (4, True), "r.total": (4, True)}),
    Case("one value lost its column: the total is certain, the part is not",
         (row("r", "a b total", num(5), num(5)),), (ROW_SUM,),
         {"r.a": (5, False), "r.b": (None, False), "r.total": (5, True)}, used=frozenset({"A2.r"}),
         ambiguous=("r",)),
    Case("blank or 0 either way is a certain 0",
         (row("r", "a b total", num(0)),), (ROW_SUM,),
         {"r.a": (0, True), "r.b": (0, True), "r.total": (0, True)}, used=frozenset({"A2.r"})),
    Case("glued digits split by the row's identity",
         (row("r", "a b total", glued("347")),), (ROW_SUM,),
         {"r.a": (3, True), "r.b": (4, True), "r.total": (7, True)}, used=frozenset({"A2.r"})),
    Case("a cross-row identity settles what the row alone cannot",
         (row("r", "a b total", num(2), num(2)), row("s", "a", num(2), positions=(0,))),
         (ROW_SUM, Identity("A1.x", "A1", "r.b equals s.a", ("r.b",), ("s.a",))),
         {"r.a": (None, True), "r.b": (2, True), "r.total": (2, True), "s.a": (2, True)},
         used=frozenset({"A2.r", "A1.x"})),
    Case("a row that breaks its identity keeps its written order, the identity dropped",
         (row("r", "a b total", num(1), num(1), num(9)),), (ROW_SUM,),
         {"r.a": (1, True), "r.b": (1, True), "r.total": (9, True)}, dropped=("A2",)),
    Case("not applicable takes a cell like a value",
         (row("r", "a b", num(3), NA, positions=(0, 1)),), (),
         {"r.a": (3, True), "r.b": ("n/a", True)}),
    Case("a negative value fits no unsigned column",
         (row("r", "a", num(-3)),), (),
         {}, unreadable=("r",)),
    Case("decimal amounts keep their digits",
         (row("r", "a", num("160.5964"), positions=(0,), decimal=True),), (),
         {"r.a": (Decimal("160.5964"), True)}),
    Case("a fraction fits no count column",
         (row("r", "a", num("1.5")),), (),
         {}, unreadable=("r",)),
    Case("the guess is the most plausible placement of the whole table, not of each row alone",
         _TABLE_ROWS, _TABLE_IDENTITIES, _TABLE_BEST, used=_TABLE_USED, ambiguous=("x", "y", "z")),
    Case("in a space too large for the exact search the guess is still the table's most plausible",
         _TABLE_ROWS, _TABLE_IDENTITIES, _TABLE_BEST, used=_TABLE_USED, ambiguous=("x", "y", "z"),
         limits=Limits(exact_space=1)),
    Case("past the guess's bound, each row's most plausible placement first (depth-first)",
         _TABLE_ROWS, _TABLE_IDENTITIES,
         {**_TABLE_CERTAIN, "x.q": (2, False), "x.w": (None, False), "y.q": (None, False), "y.w": (1, False),
          "z.q": (None, False), "z.w": (1, False)},
         used=_TABLE_USED, ambiguous=("x", "y", "z"), limits=Limits(exact_space=1, guess_states=1)),
    Case("in a large space the exact search still proves what the identities together leave one way",
         _PROVEN_ROWS, _TABLE_IDENTITIES, _PROVEN_CELLS, used=_TABLE_USED, ambiguous=("x", "y", "z"),
         limits=Limits(exact_space=1)),
    Case("past the search's bound, propagation (each identity alone) decides certainty: weaker, sound",
         _PROVEN_ROWS, _TABLE_IDENTITIES, {**_PROVEN_CELLS, "x.w": (1, False)}, used=_TABLE_USED,
         ambiguous=("x", "y", "z"), limits=Limits(exact_space=1, guess_states=1)),
    Case("with no prior, the tie goes to the leftmost column",
         (row("r", "a b total", num(5), num(5)),), (ROW_SUM,),
         {"r.a": (5, False), "r.b": (None, False), "r.total": (5, True)}, used=frozenset({"A2.r"}),
         ambiguous=("r",)),
    Case("a column's prior ranks the guesses, and never makes the value certain",
         (row("r", "a b total", num(5), num(5), priors={"a": 0.1, "b": 0.9}),), (ROW_SUM,),
         {"r.a": (None, False), "r.b": (5, False), "r.total": (5, True)}, used=frozenset({"A2.r"}),
         ambiguous=("r",)),
]


def _flat(v: Value) -> int | Decimal | str | None:
    if v.kind is ValueKind.NOT_APPLICABLE:
        return "n/a"
    return v.as_flat()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_recovery(case: Case) -> None:
    rec = recover(case.rows, case.identities, case.limits)
    got = {k: (_flat(c.value), c.certain) for k, c in rec.cells.items()}
    assert got == case.cells
    assert rec.used == case.used
    assert tuple(sorted({d.split(".")[0] for d, _ in rec.dropped})) == case.dropped
    assert tuple(n for n, _ in rec.ambiguous) == case.ambiguous
    assert tuple(n for n, _ in rec.unreadable) == case.unreadable


def test_an_uncertain_cell_lists_the_other_values_it_could_take() -> None:
    rec = recover([row("r", "a b total", num(5), num(5))], [ROW_SUM])
    a = rec.cells["r.a"]
    assert not a.certain and a.placed
    assert [_flat(v) for v in a.alternatives] == [None]
    assert [_flat(v) for v in rec.cells["r.b"].alternatives] == [5]


def test_a_bounded_enumeration_leaves_the_row_unplaced_and_says_so() -> None:
    rec = recover([row("r", " ".join(f"c{i}" for i in range(12)), *[num(1)] * 6)], [],
                  Limits(max_nodes=10))
    assert rec.bounded == ("r",)
    assert rec.cells == {}


def test_a_certain_cell_carries_its_piece_span() -> None:
    from zhgov_report.models import Span

    span = Span(10, 11, 2, 3, 2)
    # the second 4 is the total wherever the first one goes
    rec = recover([row("r", "a b total", num(4), attrs.evolve(num(4), span=span))], [ROW_SUM])
    assert rec.cells["r.total"].certain
    assert rec.cells["r.total"].span == span and rec.cells["r.total"].span is not None


def test_result_type() -> None:
    assert isinstance(recover([], []), Recovery)
