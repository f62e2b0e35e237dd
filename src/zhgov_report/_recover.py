"""Column recovery: where do a row's values go when the text lost their positions?

The scraper drops empty cells and keeps the rest in left-to-right order, so a row of the request
table may show two values for seven columns; glued text may even lose the boundaries between
cells (``640020470``). This module decides placements from the template's arithmetic:

1. For each observed row (an *observation*: its slots, in template order, and the pieces of text
   read for it), enumerate every order-preserving placement of its values into its slots, blank
   elsewhere, splitting glued digit runs where needed. Row-local identities (A2, A4) prune the
   enumeration as soon as their last slot is filled.
2. Combine rows under the cross-row identities (A1, A3) with a memoised search over the partial
   sums of the open identities: a placement of a row survives if some choice for the other rows
   completes every identity.
3. A cell is certain when every surviving joint placement gives it the same value; otherwise it
   holds the most plausible placement and is marked uncertain: the one of the best total score
   over the table, each non-zero value scoring its column's prior, the template's statement of
   how often the column holds one (``Slot.prior``, from ``Column.prior``). Priors only rank
   placements the arithmetic allows; they never make a value certain.

If no joint placement satisfies every identity, identity families are dropped in a fixed order
(row-local ones per row, then A3, then A1) and the relaxation is reported. The enumeration and
the search are bounded: past the bound, the cells concerned are reported uncertain, never slow.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from operator import add, le, mul

import attrs

from ._cache import bounded_cache
from .models import BLANK, Number, Span, Value, ValueKind
from .templates._base import Identity

__all__ = [
    "DEFAULT_PRIOR",
    "CellResult",
    "Limits",
    "Observation",
    "Piece",
    "Recovery",
    "Slot",
    "recover",
]


@attrs.frozen(slots=True)
class Piece:
    """A value token of the text. A *glued* piece is a digit run that may hold several cells
    (``digits`` with an optional ``sign`` on the first cell and ``frac``/``unit`` on the last)."""

    value: Value
    span: Span | None = None
    glued: bool = False
    digits: str = ""
    sign: str = ""
    frac: str | None = None
    unit: str | None = None


@attrs.frozen(slots=True)
class Slot:
    """A cell position of an observation: its flat key and what it may hold."""

    key: str
    signed: bool = False
    decimal: bool = False
    column: str = ""
    prior: float | None = None  #: the template column's prior (:class:`~.templates._base.Column`)


@attrs.frozen(slots=True)
class Observation:
    """One row as read: its slots in template order and its pieces in text order.

    ``hints`` (aligned with ``slots``, ``None`` where there is none) are values the report states
    elsewhere, in its prose: among placements the arithmetic allows, one that agrees with them is
    the more plausible. They never make a value certain."""

    name: str
    slots: tuple[Slot, ...]
    pieces: tuple[Piece, ...]
    hints: tuple[Number | None, ...] = ()
    positions: tuple[int, ...] | None = None  #: slot of each piece, where the text keeps them


#: A placement of one observation's values: per slot, the value it takes (``None``: blank).
Placement = tuple[Value | None, ...]


@attrs.frozen(slots=True)
class Limits:
    max_candidates: int = 20_000  #: placements kept per observation
    max_nodes: int = 400_000  #: enumeration steps per observation
    max_search: int = 20_000  #: depth-first steps looking for one joint placement
    max_states: int = 200_000  #: joint-search states per table
    exact_space: int = 4_096  #: above this many joint combinations, the joint search gets guess_states
    guess_states: int = 10_000  #: joint-search states per table above exact_space (then propagation decides)
    max_glued_digits: int = 40  #: a longer digit run is unreadable


@attrs.frozen(slots=True)
class CellResult:
    value: Value
    certain: bool
    placed: bool
    alternatives: tuple[Value, ...] = ()
    span: Span | None = None


#: A blank read directly (its slot empty in the one placement): immutable, so one object serves all.
_BLANK_READ = CellResult(BLANK, True, False, (), None)


@attrs.frozen(slots=True)
class Recovery:
    cells: dict[str, CellResult]
    used: frozenset[str]  #: identity ids used to place values
    dropped: tuple[tuple[str, str], ...]  #: (identity id, why) not used because the report breaks them
    ambiguous: tuple[tuple[str, int], ...]  #: (observation, number of placements) left uncertain
    unreadable: tuple[tuple[str, str], ...]  #: (observation, why) with no placement at all
    bounded: tuple[str, ...]  #: observations whose enumeration hit a bound
    split: tuple[str, ...]  #: observations where glued digits were split with certainty


#: The prior of a slot whose column declares none: no preference among such columns.
DEFAULT_PRIOR = 0.2

def _is_na(v: Value | None) -> bool:
    return isinstance(v, Value) and v.kind is ValueKind.NOT_APPLICABLE
_DEFAULT_LIMITS = Limits()


def _num(v: Value | None) -> Number:
    if v is None:
        return 0
    n = v.number
    return 0 if n is None else n


def _part_value(piece: Piece, part: str, first: bool, last: bool) -> Value:
    sign = piece.sign if first else ""
    frac = piece.frac if last else None
    unit = piece.unit if last else None
    if sign == "-" and frac is not None:
        return _make_part(part, sign, frac, unit)  # negating a Decimal rounds in the current context
    return _cached_part(part, sign, frac, unit)


def _make_part(part: str, sign: str, frac: str | None, unit: str | None) -> Value:
    raw = (sign + part + (f".{frac}" if frac is not None else "") + (unit or ""))
    number: Number = Decimal(f"{part}.{frac}") if frac is not None else int(part)
    if sign in ("-",):
        number = -number
    return Value(ValueKind.NUMBER, number, unit=unit, signed=bool(sign), raw=raw)


#: A glued part's value depends on its digits, sign, fraction and unit alone, and a Value is
#: frozen: one object may serve every row (and report) that splits the same part.
_cached_part = bounded_cache(maxsize=4096)(_make_part)


def _fits(slot: Slot, v: Value) -> bool:
    if v.kind is not ValueKind.NUMBER:
        return True
    n = v.number
    if isinstance(n, Decimal) and not slot.decimal and n != n.to_integral_value():
        return False
    return not (n is not None and n < 0 and not slot.signed)


_NEEDS_SIGN = 1  #: a value that fits only a signed slot (negative)
_NEEDS_DECIMAL = 2  #: a value that fits only a decimal slot (a Decimal with a fraction)


def _needs(v: Value | None) -> int:
    """What a slot must allow for ``v`` to fit it: ``_fits(slot, v)`` is
    ``not _needs(v) & ~_allows(slot)``."""
    if v is None or v.kind is not ValueKind.NUMBER:
        return 0
    n = v.number
    out = 0
    if isinstance(n, Decimal) and n != n.to_integral_value():
        out |= _NEEDS_DECIMAL
    if n is not None and n < 0:
        out |= _NEEDS_SIGN
    return out


def _allows(slot: Slot) -> int:
    return (_NEEDS_SIGN if slot.signed else 0) | (_NEEDS_DECIMAL if slot.decimal else 0)


_Closing = tuple[tuple[int, ...], tuple[int, ...], str]  #: an identity closed at a slot: slots, coefficients, relation


def _closes(checks: list[_Closing], num: Callable[[int], Number], get: Callable[[int], int]) -> bool:
    """Do the identities closing at a slot hold for the atoms placed so far (``get``: slot -> atom,
    ``num``: atom -> number)?"""
    for idx, coefs, rel in checks:
        # the sum in the same order as adding c * nums[cur[k]] term by term to 0
        total = sum(map(mul, coefs, map(num, map(get, idx))))
        if rel == "=":
            if total != 0:
                return False
        elif rel == "<=":
            if not total <= 0:
                return False
        elif not total >= 0:
            return False
    return True


class _Enumerator:
    """Order-preserving placements of one observation's pieces into its slots.

    Works on integer *atoms* (a whole piece, or one part of a glued piece) so that the search
    builds no objects; :meth:`values` turns a candidate back into :class:`Value` objects."""

    def __init__(self, obs: Observation, local: Sequence[tuple[tuple[int, ...], tuple[int, ...], int, str]],
                 limits: Limits) -> None:
        self.obs = obs
        self.slots = obs.slots
        self.pieces = obs.pieces
        self.n = len(obs.slots)
        self.limits = limits
        self.local = local
        #: per slot, the identities whose last slot it is: (slots, coefficients, relation)
        self.closing: list[list[_Closing] | None] = [None] * self.n
        for idx, coefs, close, rel in local:
            checks = self.closing[close]
            if checks is None:
                checks = self.closing[close] = []
            checks.append((idx, coefs, rel))
        self.out: list[tuple[int, ...]] = []
        self.nodes = 0
        self.bounded = False
        # atom 0 is "blank"; fixed pieces get an atom each; glued parts get atoms on demand
        self.atoms: list[Value | None] = [None]
        self.nums: list[Number] = [0]
        self.needs: list[int] = [0]  #: per atom, :func:`_needs` of its value
        self.fixed: list[int] = [self._atom(p.value) for p in self.pieces]
        self.parts: dict[tuple[int, int, int], int] = {}

    def _atom(self, v: Value | None) -> int:
        self.atoms.append(v)
        self.nums.append(_num(v))
        self.needs.append(_needs(v))
        return len(self.atoms) - 1

    def _part(self, j: int, k: int, e: int) -> int:
        key = (j, k, e)
        a = self.parts.get(key)
        if a is None:
            p = self.pieces[j]
            a = self.parts[key] = self._atom(_part_value(p, p.digits[k:e], k == 0, e == len(p.digits)))
        return a

    def run(self, dense: bool = False) -> list[tuple[int, ...]]:
        """Enumerate placements; with ``dense``, only those that leave no slot blank.

        A depth-first search over (slot ``i``, piece ``j``, digit ``k`` within a glued piece): the
        slot is left blank or takes the next piece (or a part of the glued one). Every step counts
        towards ``max_nodes``; the counter is the enumerator's, so a second run goes on counting.
        A search that hits a bound stops there: only ``bounded`` is read after it."""
        n, pieces, out, fixed, closing, part, parts = self.n, self.pieces, self.out, self.fixed, self.closing, \
            self._part, self.parts
        cur = [0] * n
        npieces = len(pieces)
        glued = [p.glued for p in pieces]
        digits = [p.digits for p in pieces]
        max_nodes, max_candidates = self.limits.max_nodes, self.limits.max_candidates
        nums, needs = self.nums, self.needs  # grow as glued parts get atoms: the same lists
        denied = [~_allows(slot) for slot in self.slots]  # a value fits slot i when not needs & denied[i]
        get, num = cur.__getitem__, nums.__getitem__
        nodes = self.nodes

        def close_ok(checks: list[_Closing]) -> bool:
            return _closes(checks, num, get)

        def dfs(i: int, j: int, k: int) -> None:
            # need: cells still to fill, one per piece left (the rest of a glued piece is one more)
            nonlocal nodes
            nodes += 1
            if nodes > max_nodes or len(out) >= max_candidates:
                raise _Bounded
            if i == n:
                if j == npieces:
                    out.append(tuple(cur))
                return
            need = npieces - j
            if need > n - i:
                return
            checks = closing[i]
            if need < n - i and not dense:
                cur[i] = 0
                if checks is None or close_ok(checks):
                    dfs(i + 1, j, k)
            if j >= npieces:
                return
            deny = denied[i]
            if not glued[j]:
                a = fixed[j]
                if not needs[a] & deny:
                    cur[i] = a
                    if checks is None or close_ok(checks):
                        dfs(i + 1, j + 1, 0)
                cur[i] = 0
                return
            d = digits[j]
            last = len(d)
            ends = range(k + 1, k + 2) if d[k] == "0" else range(k + 1, last + 1)  # "0" alone or no 0 first
            for e in ends:
                got = parts.get((j, k, e))  # self._part(j, k, e) where the part has its atom
                a = part(j, k, e) if got is None else got
                if needs[a] & deny:
                    continue
                cur[i] = a
                if checks is None or close_ok(checks):
                    if e == last:
                        dfs(i + 1, j + 1, 0)
                    else:
                        dfs(i + 1, j, e)
            cur[i] = 0

        try:
            dfs(0, 0, 0)
        except _Bounded:
            self.bounded = True
        finally:
            self.nodes = nodes
        return out

    def values(self, cand: tuple[int, ...]) -> Placement:
        return tuple([self.atoms[a] for a in cand])

    def key(self, dense: bool) -> tuple[object, ...]:
        """Everything a first :meth:`run` depends on: what each slot allows, each piece's number
        (a glued piece's digits, sign, fraction and unit instead), the identities and the bounds.
        A piece's own Value is not part of it: its atom is re-attached from the observation."""
        pieces = tuple([("glued", p.digits, p.sign, p.frac, p.unit) if p.glued
                        else (p.value.kind, type(p.value.number), p.value.number) for p in self.pieces])
        return (tuple([_allows(s) for s in self.slots]), pieces, tuple(self.local), dense,
                self.limits.max_nodes, self.limits.max_candidates)

    def snapshot(self) -> _Snapshot:
        """The state a first run left, less the pieces' own atoms (:meth:`restore` re-attaches them).
        (After a bound, the node count is no longer read, but the placements found before it are:
        :func:`_broken_local_rules` asks whether there are any.)"""
        first_part = len(self.pieces) + 1
        extra = tuple(zip(self.atoms[first_part:], self.nums[first_part:], self.needs[first_part:], strict=True))
        return tuple(self.out), extra, tuple(self.parts.items()), self.nodes, self.bounded

    def restore(self, snap: _Snapshot) -> None:
        """Take the state of a fresh enumerator's first run from ``snap``, :meth:`snapshot` of a run
        with the same :meth:`key`: the same placements, atoms (in the same order), node count."""
        out, extra, parts, nodes, bounded = snap
        self.out = list(out)
        for v, x, need in extra:
            self.atoms.append(v)
            self.nums.append(x)
            self.needs.append(need)
        self.parts = dict(parts)
        self.nodes = nodes
        self.bounded = bounded


_Snapshot = tuple[tuple[tuple[int, ...], ...], tuple[tuple[Value | None, Number, int], ...],
                  tuple[tuple[tuple[int, int, int], int], ...], int, bool]
_MEMO_CELLS = 4_096  #: most placements x slots an enumeration may have to be remembered


@functools.lru_cache(maxsize=256)
def _memo_box(key: tuple[object, ...]) -> list[_Snapshot]:
    """A box for the snapshot of the enumeration with this key, filled by :func:`_enumerated`
    (an empty box: not remembered, too large or not yet run)."""
    return []


def _enumerated(o: Observation, spec: Sequence[tuple[tuple[int, ...], tuple[int, ...], int, str]], limits: Limits,
                dense: bool = False) -> _Enumerator:
    """A fresh enumerator of ``o`` after its first :meth:`~_Enumerator.run`. Rows of the same shape
    and numbers recur within a table and across reports: a run's outcome (placements, node count,
    bound) depends on :meth:`~_Enumerator.key` alone, so a remembered one is restored instead.
    Bounded: at most 256 remembered runs, each of at most :data:`_MEMO_CELLS` cells."""
    en = _Enumerator(o, spec, limits)
    box = _memo_box(en.key(dense))
    if box:
        en.restore(box[0])
        return en
    en.run(dense)
    if len(en.out) * en.n <= _MEMO_CELLS:
        box.append(en.snapshot())
    return en


def clear_memos() -> None:
    """Forget every remembered enumeration and glued part: the next parse sees its rows for the
    first time (results never depend on it; benchmarks use it to time first sight honestly)."""
    _memo_box.cache_clear()
    _cached_part.cache_clear()


class _Bounded(Exception):
    """The enumeration hit a bound: after that every step would fail at once, so it stops."""


def _holds(total: Number, relation: str) -> bool:
    """Does ``left - right`` = ``total`` satisfy the relation?"""
    if relation == "=":
        return total == 0
    if relation == "<=":
        return total <= 0
    return total >= 0


def _local_spec(
    o: Observation, idents: Sequence[Identity]
) -> list[tuple[tuple[int, ...], tuple[int, ...], int, str]]:
    pos = {s.key: i for i, s in enumerate(o.slots)}
    return [(tuple(pos[k] for k, _ in _coefs(i)), tuple(c for _, c in _coefs(i)), max(pos[k] for k, _ in _coefs(i)),
             i.relation) for i in idents]


def _filter_inequalities(
    observations: Sequence[Observation], cands: dict[str, list[Placement]], alive: dict[str, set[int]],
    inequalities: Sequence[Identity],
) -> bool:
    """Drop candidates that no choice of the other rows can bring within a cross-row inequality.

    For ``sum(left) - sum(right) <= 0`` a candidate survives when its own contribution plus the
    smallest contribution each other row can make is ``<= 0`` (and symmetrically for ``>=``): exact
    for one inequality, sound for several. Returns False when a row has nothing left."""
    pos = {o.name: {s.key: i for i, s in enumerate(o.slots)} for o in observations}
    changed = True
    rounds = 0
    while changed and rounds < 20:
        changed = False
        rounds += 1
        for ident in inequalities:
            terms: dict[str, list[tuple[int, int]]] = {}
            for key, c in _coefs(ident):
                for n, p in pos.items():
                    if key in p:
                        terms.setdefault(n, []).append((p[key], c))
            contrib = {n: {ci: sum(c * _num(cands[n][ci][si]) for si, c in ts) for ci in alive[n]}
                       for n, ts in terms.items()}
            if any(not v for v in contrib.values()):
                return False
            sign = 1 if ident.relation == "<=" else -1
            mins = {n: min(sign * x for x in v.values()) for n, v in contrib.items()}
            total_min = sum(mins.values())
            for n, v in contrib.items():
                rest = total_min - mins[n]
                keep = {ci for ci, x in v.items() if sign * x + rest <= 0}
                if len(keep) != len(alive[n]):
                    alive[n] = keep
                    changed = True
                    if not keep:
                        return False
    return True


def _direct(o: Observation) -> Placement | None:
    """The only placement of a row whose pieces fill its slots one to one (or that has no values),
    or of a row whose text keeps its pieces' positions; ``None`` when the row needs the search."""
    pieces, slots = o.pieces, o.slots
    if not pieces:
        return (None,) * len(slots)
    if o.positions is not None and len(o.positions) == len(pieces) and not any(p.glued for p in pieces):
        placed: list[Value | None] = [None] * len(slots)
        for p, at in zip(pieces, o.positions, strict=True):
            if not 0 <= at < len(slots) or placed[at] is not None or not _fits(slots[at], p.value):
                return None
            placed[at] = p.value
        return tuple(placed)
    if len(pieces) != len(slots) or any(p.glued for p in pieces):
        return None
    out: list[Value | None] = []
    for p, slot in zip(pieces, slots, strict=True):
        v = p.value
        if _fits(slot, v):
            out.append(v)
        else:
            return ()
    return tuple(out)


def _trust_positions(o: Observation, idents: Sequence[Identity]) -> Observation:
    """Keep the positions a markdown or tab row shows only if they satisfy the row's identities as
    declared; a garbled PDF row (a value displaced, an empty cell where it stood) is placed by the
    order of its values instead."""
    if o.positions is None:
        return o
    placed = _direct(o)
    if placed and _satisfies(o, placed, idents):
        return o
    return attrs.evolve(o, positions=None)


def _satisfies(o: Observation, cand: Placement, idents: Sequence[Identity]) -> bool:
    if not idents:
        return True
    pos = {s.key: i for i, s in enumerate(o.slots)}
    return all(_holds(sum(c * _num(cand[pos[k]]) for k, c in _coefs(i)), i.relation) for i in idents)



def _broken_local_rules(
    observations: Sequence[Observation], local: dict[str, list[Identity]], limits: Limits,
    cache: dict[str, tuple[_Enumerator, list[tuple[int, ...]]]], directs: dict[str, Placement | None],
) -> dict[str, str]:
    """Row-local identity families (A2...) that some row with at least two values cannot satisfy
    under any placement: the report evidently does not keep them (S4 leaves 总计 blank in the
    middle rows), so they must not decide placements in other rows either. Enumerations of rows
    whose identities are all of one family are kept in ``cache`` for the caller."""
    broken: dict[str, str] = {}
    for o in observations:
        idents = local.get(o.name, [])
        # One non-zero value can never satisfy total = sum of parts, so such a row proves the
        # report does not keep the identity as much as two values can (S4: （一）予以公开 | 7).
        if not idents or any(p.glued for p in o.pieces) or not any(_num(p.value) for p in o.pieces):
            continue
        direct = directs[o.name]
        for rule in sorted({i.rule for i in idents}):
            if rule in broken:
                continue
            if direct:
                if not _satisfies(o, direct, [i for i in idents if i.rule == rule]):
                    broken[rule] = o.name
                continue
            en = _enumerated(o, _local_spec(o, [i for i in idents if i.rule == rule]), limits)
            out = en.out
            if len({i.rule for i in idents}) == 1:
                cache[o.name] = (en, out)
            if not out and not en.bounded and _enumerated(o, [], limits).out:
                broken[rule] = o.name
    return broken


def _local_and_cross(
    observations: Sequence[Observation], identities: Sequence[Identity]
) -> tuple[dict[str, list[Identity]], list[Identity], list[Identity]]:
    """Split identities into row-local ones (all cells in one observation), cross-row ones (cells in
    several observations) and unusable ones (a cell no observation holds)."""
    owner: dict[str, str] = {}
    for o in observations:
        for s in o.slots:
            owner[s.key] = o.name
    local: dict[str, list[Identity]] = {}
    cross: list[Identity] = []
    missing: list[Identity] = []
    for ident in identities:
        names = {owner.get(k) for k in ident.cells}
        if None in names:
            missing.append(ident)
        elif len(names) == 1:
            local.setdefault(next(iter(names)), []).append(ident)  # type: ignore[arg-type]
        else:
            cross.append(ident)
    return local, cross, missing


def _coefs(ident: Identity) -> list[tuple[str, int]]:
    return [(k, 1) for k in ident.left] + [(k, -1) for k in ident.right]


def _slot_weights(obs: Observation) -> tuple[float, ...]:
    """Per slot, the log-odds of its prior (``Slot.prior``, else :data:`DEFAULT_PRIOR`): what a
    non-zero value scores there."""
    return _prior_weights(tuple([slot.prior for slot in obs.slots]))


@functools.lru_cache(maxsize=256)
def _prior_weights(priors: tuple[float | None, ...]) -> tuple[float, ...]:
    """:func:`_slot_weights` of slots with these priors (a template has a handful of row shapes)."""
    out = []
    for prior in priors:
        p = DEFAULT_PRIOR if prior is None else prior
        out.append(math.log(max(p, 1e-6)) - math.log(max(1 - p, 1e-6)))
    return tuple(out)


_HINT_BONUS = 10.0  # outweighs any column prior: the report's own words beat a corpus average
_NA = ValueKind.NOT_APPLICABLE


def _score(obs: Observation, cand: Placement, weights: tuple[float, ...] | None = None) -> float:
    """How plausible a placement is: the column priors of its non-zero values (blank, n/a and 0
    score nothing), the hints it agrees with, and a tie-break. ``weights``: :func:`_slot_weights`
    of ``obs``, when the caller has them."""
    if weights is None:
        weights = _slot_weights(obs)
    priors: list[float] = []
    left = 0
    for i, (w, v) in enumerate(zip(weights, cand, strict=True)):
        if v is not None and v.kind is not _NA:
            n = v.number
            if n is not None and n != 0:
                priors.append(w)
                left += i
    s = sum(priors)
    if obs.hints:
        s += _HINT_BONUS * sum(1 for h, v in zip(obs.hints, cand, strict=True)
                               if h is not None and isinstance(v, Value) and v.number == h)
    # Tie-break: prefer values further left (earlier columns), as real tables fill from the left.
    s -= 1e-3 * left
    return s


class _Scores:
    """:func:`_score` of each candidate of each observation, worked out once when first asked for
    (a score depends on the candidate alone, so every search over ``cands`` shares them)."""

    def __init__(self, observations: Sequence[Observation], cands: Mapping[str, Sequence[Placement]]) -> None:
        self.obs = {o.name: o for o in observations}
        self.cands = cands
        self.memo: dict[str, Callable[[int], float]] = {}

    def of(self, name: str) -> Callable[[int], float]:
        """The score of candidate ``ci`` of observation ``name``."""
        got = self.memo.get(name)
        if got is not None:
            return got
        o, cs = self.obs[name], self.cands[name]
        weights = _slot_weights(o)
        done: list[float | None] = [None] * len(cs)

        def score(ci: int) -> float:
            sc = done[ci]
            if sc is None:
                sc = done[ci] = _score(o, cs[ci], weights)
            return sc

        self.memo[name] = score
        return score


_CAP = 4_000  #: past this many partial sums an identity is not propagated (sound, only weaker)
_BITS_WIDTH = 1 << 15  #: widest range of partial sums handled as bit sets (else as sets)


def _supports_sets(proj: Sequence[set[Number]], cap: int = _CAP) -> list[set[Number] | None]:
    """For each row of one identity ``sum = 0``, the values of its projection that some choice of
    the other rows completes to 0; ``None`` for a row whose partial sums before or after it number
    more than ``cap`` (the row is then not filtered)."""
    prefix: list[set[Number] | None] = [{0}]
    for st in proj:
        prev = prefix[-1]
        nxt = None if prev is None else {a + b for a in prev for b in st}
        prefix.append(nxt if nxt is None or len(nxt) <= cap else None)
    suffix: list[set[Number] | None] = [{0}]
    for st in reversed(proj):
        prev = suffix[-1]
        nxt = None if prev is None else {a + b for a in prev for b in st}
        suffix.append(nxt if nxt is None or len(nxt) <= cap else None)
    suffix.reverse()
    out: list[set[Number] | None] = []
    for r, st in enumerate(proj):
        before, after = prefix[r], suffix[r + 1]
        if before is None or after is None:
            out.append(None)
        else:
            out.append({x for x in st if any((-x - a) in after for a in before)})
    return out


def _supports_bits(proj: Sequence[set[int]], cap: int = _CAP) -> list[set[Number] | None]:
    """:func:`_supports_sets` for integer projections, with each set of partial sums held as an
    integer bit set and an offset (bit ``i`` set: ``offset + i`` is in the set). The sets are the
    same, so the counts compared with ``cap`` and the result are the same."""
    k = len(proj)
    lows = [min(st) for st in proj]
    # prefix[r]: sums of rows 0..r-1; neg[r]: negated sums of rows r..k-1 (as many as the sums)
    prefix: list[tuple[int, int] | None] = [(1, 0)]
    for st, lo in zip(proj, lows, strict=True):
        prev = prefix[-1]
        if prev is None:
            prefix.append(None)
            continue
        bits, off = prev
        acc = 0
        for b in st:
            acc |= bits << (b - lo)
        prefix.append((acc, off + lo) if acc.bit_count() <= cap else None)
    neg: list[tuple[int, int] | None] = [None] * (k + 1)
    neg[k] = (1, 0)
    for r in range(k - 1, -1, -1):
        prev = neg[r + 1]
        if prev is None:
            continue
        bits, off = prev
        st = proj[r]
        hi = max(st)  # the lowest of the negated values
        acc = 0
        for b in st:
            acc |= bits << (hi - b)
        neg[r] = (acc, off - hi) if acc.bit_count() <= cap else None
    out: list[set[Number] | None] = []
    for r, st in enumerate(proj):
        before, after = prefix[r], neg[r + 1]
        if before is None or after is None:
            out.append(None)
            continue
        pb, po = before
        nb, no = after
        keep: set[Number] = set()
        for x in st:
            # x is supported when a + x = c for some a before and some c in the negated sums after
            d = po + x - no
            if (pb << d if d >= 0 else pb >> -d) & nb:
                keep.add(x)
        out.append(keep)
    return out


def _supports(proj: Sequence[set[Number]], cap: int = _CAP) -> list[set[Number] | None]:
    """:func:`_supports_sets`, with bit sets where every value is an integer and the sums' range
    is narrow."""
    width: Number = 0
    for st in proj:
        for x in st:
            if type(x) is not int:
                return _supports_sets(proj, cap)
        width += max(st) - min(st)
    if width > _BITS_WIDTH:
        return _supports_sets(proj, cap)
    return _supports_bits(proj, cap)  # type: ignore[arg-type]


def _propagate(
    order: Sequence[str], alive: dict[str, set[tuple[Number, ...]]], m: int, rounds: int = 50
) -> bool:
    """Generalised arc consistency on every identity ``sum = 0``: drop a row's contribution vector
    when no choice of the other rows completes some identity. Sound: no joint solution is lost.
    Returns False when a row has nothing left (the identities cannot all hold).

    Each round examines the identities in order, as often as ``rounds`` allows, until one round
    changes nothing. An identity whose examination changed nothing is not examined again until the
    domain of one of its rows changes: its examination reads nothing else, so it would change
    nothing again (the rounds, the changes and their order are those of examining every one)."""
    nonzero = {}  # per row, per identity: does some vector have a non-zero component?
    for n in order:
        vs = alive[n]
        nonzero[n] = [any(col) for col in zip(*vs, strict=True)] if vs else [False] * m
    involved = [[n for n in order if nonzero[n][ii]] for ii in range(m)]
    version = dict.fromkeys(order, 0)  # bumped whenever a row's domain changes
    settled: list[tuple[int, ...] | None] = [None] * m  # row versions at a fruitless examination
    for _ in range(rounds):
        changed = False
        for ii in range(m):
            rows = involved[ii]
            if not rows:
                continue
            seen = tuple([version[n] for n in rows])
            if settled[ii] == seen:
                continue
            proj = [{v[ii] for v in alive[n]} for n in rows]
            supports = _supports(proj)
            hit = False
            for r, n in enumerate(rows):
                supported = supports[r]
                if supported is None:
                    continue
                if len(supported) != len(proj[r]):
                    keep = {v for v in alive[n] if v[ii] in supported}
                    alive[n] = keep
                    version[n] += 1
                    changed = hit = True
                    if not keep:
                        return False
            if not hit:
                settled[ii] = seen
        if not changed:
            return True
    return True


Vector = tuple[Number, ...]  #: what a placement adds to each cross-row identity (its contribution)


def _holders(observations: Sequence[Observation], cross: Sequence[Identity]) -> dict[str, list[tuple[int, int, int]]]:
    """Per observation, its terms in the identities: (identity index, slot index, coefficient).

    Observation names and slot keys are unique within a table (rows of one template), so each
    identity's key is held by at most one slot of one observation."""
    holder: dict[str, tuple[str, int]] = {}
    for o in observations:
        for si, s in enumerate(o.slots):
            holder[s.key] = (o.name, si)
    terms: dict[str, list[tuple[int, int, int]]] = {o.name: [] for o in observations}
    for ii, ident in enumerate(cross):
        for key, c in _coefs(ident):
            h = holder.get(key)
            if h is not None:
                terms[h[0]].append((ii, h[1], c))
    return terms


def _contributions(
    cands: Sequence[Placement], terms: Sequence[tuple[int, int, int]], m: int
) -> dict[Vector, list[int]]:
    """The candidates of one row grouped by their contribution vector."""
    zero: list[Number] = [0] * m
    if not terms:  # the row is in no identity: every candidate contributes nothing
        return {tuple(zero): list(range(len(cands)))}
    groups: dict[Vector, list[int]] = {}
    for ci, cand in enumerate(cands):
        acc = zero.copy()
        for ii, si, c in terms:
            v = cand[si]  # _num inlined: blank and a value without a number count 0
            x = None if v is None else v.number
            if x is not None:
                acc[ii] += c * x
        cvec = tuple(acc)
        group = groups.get(cvec)
        if group is None:
            groups[cvec] = [ci]
        else:
            group.append(ci)
    return groups


def _reach(
    order: Sequence[str], alive: Mapping[str, set[Vector]], m: int
) -> tuple[list[list[Number]], list[list[Number]]]:
    """Interval bounds (lo, hi) of what the rows from level r on can still add to each identity."""
    lo: list[list[Number]] = [[0] * m for _ in range(len(order) + 1)]
    hi: list[list[Number]] = [[0] * m for _ in range(len(order) + 1)]
    if m:
        for r in range(len(order) - 1, -1, -1):
            lo_r, hi_r, lo_n, hi_n = lo[r], hi[r], lo[r + 1], hi[r + 1]
            for ii, comps in enumerate(zip(*alive[order[r]], strict=True)):
                lo_r[ii] = lo_n[ii] + min(comps)
                hi_r[ii] = hi_n[ii] + max(comps)
    return lo, hi


class _BestSearch:
    """The best total score of the rows from level ``r`` on, from a state of partial sums (memoised
    over (level, state), bounded by ``max_states``)."""

    def __init__(self, order: Sequence[str], alive: Mapping[str, set[Vector]],
                 best_local: Mapping[str, Mapping[Vector, float]], lo: Sequence[Sequence[Number]],
                 hi: Sequence[Sequence[Number]], max_states: int) -> None:
        self.order, self.alive, self.best_local = order, alive, best_local
        self.max_states = max_states
        # low <= -x <= high, as -high <= x <= -low: two comparisons of whole vectors (map: C speed)
        self.floor = [tuple([-h for h in hr]) for hr in hi]
        self.ceil = [tuple([-low for low in lr]) for lr in lo]
        self.memo: dict[tuple[int, Vector], float | None] = {}
        self.states = 0
        self.bounded = False

    def ok(self, r: int, state: Vector) -> bool:
        """May ``state`` (rows before level r assigned) still complete every identity?"""
        return all(map(le, self.floor[r], state)) and all(map(le, state, self.ceil[r]))

    def best(self, r: int, state: Vector) -> float | None:
        if r == len(self.order):
            return 0.0
        key = (r, state)
        if key in self.memo:
            return self.memo[key]
        self.states += 1
        if self.states > self.max_states:
            self.bounded = True
            return None
        result: float | None = None
        floor, ceil = self.floor[r + 1], self.ceil[r + 1]  # self.ok(r + 1, ·), inlined: the hot loop
        for vec, sc in self.best_local[self.order[r]].items():
            nxt = tuple(map(add, state, vec))  # one length m (map: the hot loop)
            if not (all(map(le, floor, nxt)) and all(map(le, nxt, ceil))):
                continue
            rest = self.best(r + 1, nxt)
            if rest is not None and (result is None or sc + rest > result):
                result = sc + rest
        self.memo[key] = result
        return result

    def feasible(self, start: Vector) -> dict[str, set[Vector]]:
        """Forward pass: reachable states per level; the vectors that lead to a solution."""
        feas_vecs: dict[str, set[Vector]] = {n: set() for n in self.order}
        level: set[Vector] = {start}
        for r, n in enumerate(self.order):
            nxt_level: set[Vector] = set()
            floor, ceil = self.floor[r + 1], self.ceil[r + 1]  # self.ok(r + 1, ·), inlined
            for here in level:
                for vec in self.alive[n]:
                    nxt = tuple(map(add, here, vec))
                    if all(map(le, floor, nxt)) and all(map(le, nxt, ceil)) and self.best(r + 1, nxt) is not None:
                        feas_vecs[n].add(vec)
                        nxt_level.add(nxt)
            level = nxt_level
        return feas_vecs

    def chosen(self, start: Vector) -> dict[str, Vector]:
        """The vectors of one joint placement of the best total score."""
        out: dict[str, Vector] = {}
        state = start
        for r, n in enumerate(self.order):
            target = self.best(r, state)
            for vec in self.alive[n]:
                nxt = tuple(map(add, state, vec))
                if not self.ok(r + 1, nxt):
                    continue
                rest = self.best(r + 1, nxt)
                if rest is not None and target is not None and abs(self.best_local[n][vec] + rest - target) < 1e-9:
                    out[n] = vec
                    state = nxt
                    break
        return out


def _space_exceeds(order: Sequence[str], alive: Mapping[str, set[Vector]], bound: int) -> bool:
    space = 1
    for n in order:
        space *= len(alive[n])
        if space > bound:
            return True
    return False


def _joint(
    observations: Sequence[Observation],
    cands: dict[str, list[Placement]],
    cross: Sequence[Identity],
    limits: Limits,
    scores: _Scores,
) -> tuple[dict[str, set[int]], dict[str, int], bool] | None:
    """Which candidates of each observation take part in some joint placement satisfying every
    cross-row identity, and the most plausible joint placement.

    Returns (feasible candidate indices per observation, chosen candidate per observation,
    approximate) or ``None`` when no joint placement exists. ``approximate`` is true when the exact
    search hit its bound: the feasible sets are then those left by constraint propagation, a sound
    over-approximation (a value outside them is impossible; a value inside may not be possible)."""
    order = _order(observations, cross)
    terms = _holders(observations, cross)
    m = len(cross)
    contrib = {n: _contributions(cands[n], terms[n], m) for n in order}
    alive = {n: set(contrib[n]) for n in order}
    if m and not _propagate(order, alive, m):
        return None
    # Scores of the candidates still alive (the choices below look them up).
    best_local: dict[str, dict[Vector, float]] = {}
    for n in order:
        score = scores.of(n)
        best_local[n] = {vec: max([score(ci) for ci in contrib[n][vec]]) for vec in alive[n]}
    lo, hi = _reach(order, alive, m)
    # The memoised search over the identities' partial sums decides certainty (every joint
    # placement) and the guess (the best total score, over the whole table: a value the column
    # identities allow in two columns goes where the table is most plausible, not where its row
    # alone would put it). The partial sums repeat, so even a vast product of rows often has few
    # states; a space larger than exact_space gets the smaller bound guess_states. Past its bound,
    # propagation's domains (sound) decide certainty and a depth-first search, each row's most
    # plausible vectors first, proves a solution exists and gives the guess.
    exceeds = _space_exceeds(order, alive, limits.exact_space)
    search = _BestSearch(order, alive, best_local, lo, hi, limits.guess_states if exceeds else limits.max_states)
    start: Vector = tuple([0] * m)
    top = search.best(0, start)
    if search.bounded:
        return _depth_first(order, alive, contrib, best_local, lo, hi, limits, scores)
    if top is None:
        return None
    feasible_vecs = search.feasible(start)
    if search.bounded:  # pragma: no cover - the forward pass meets only the states best() stored
        return _depth_first(order, alive, contrib, best_local, lo, hi, limits, scores)
    feasible = {n: {ci for v in vecs for ci in contrib[n][v]} for n, vecs in feasible_vecs.items()}
    chosen = {n: max(contrib[n][vec], key=scores.of(n)) for n, vec in search.chosen(start).items()}
    return feasible, chosen, False


def _depth_first(
    order: Sequence[str], alive: Mapping[str, set[Vector]], contrib: Mapping[str, Mapping[Vector, list[int]]],
    best_local: Mapping[str, Mapping[Vector, float]], lo: Sequence[Sequence[Number]],
    hi: Sequence[Sequence[Number]], limits: Limits, scores: _Scores,
) -> tuple[dict[str, set[int]], dict[str, int], bool]:
    """:func:`_joint` past the search's bound: propagation's domains (sound, approximate) and the
    first joint placement a depth-first search finds, each row's most plausible vectors first."""
    ranked = {n: sorted(alive[n], key=best_local[n].__getitem__, reverse=True) for n in order}
    sol = _find_one(order, ranked, lo, hi, limits.max_search)
    if sol is None:
        return ({}, {}, True)
    approx = {n: {ci for v in alive[n] for ci in contrib[n][v]} for n in order}
    picked = {n: max(contrib[n][v], key=scores.of(n)) for n, v in sol.items()}
    return approx, picked, True


_MASK_BITS = 1 << 22  #: most bits of prefix masks held for one row of the existence search
_BOX_AFTER = 4  #: visits of a row by the existence search before its masks are built


class _Boxes:
    """The vectors of one row (in a fixed order) that keep an integer state within bounds, as a bit
    mask over their positions: per identity, the vectors whose component lies in a range form a
    run of the component's sorted distinct values, read off prefix masks."""

    def __init__(self, vecs: Sequence[tuple[int, ...]], m: int) -> None:
        self.full = (1 << len(vecs)) - 1
        self.const: list[tuple[int, int]] = []  # identities where every vector has the same component
        self.ranges: list[tuple[int, list[int], list[int]]] = []  # (identity, sorted values, prefix masks)
        for ii in range(m):
            col = [v[ii] for v in vecs]
            values = sorted(set(col))
            if len(values) == 1:
                self.const.append((ii, values[0]))
                continue
            where = {x: t for t, x in enumerate(values)}
            bits: list[list[int]] = [[] for _ in values]
            for b, x in enumerate(col):
                bits[where[x]].append(b)
            prefix = [0]
            acc = 0
            for bs in bits:
                for b in bs:
                    acc |= 1 << b
                prefix.append(acc)
            self.ranges.append((ii, values, prefix))

    def fitting(self, state: tuple[int, ...], lr: Sequence[int], hr: Sequence[int]) -> int:
        """Bit ``b`` set: vector ``b`` takes ``state`` to ``nxt`` with ``lr[ii] <= -nxt[ii] <= hr[ii]``
        for every identity (integers: ``-hr[ii] - state[ii] <= v[ii] <= -lr[ii] - state[ii]``)."""
        for ii, c in self.const:
            if not lr[ii] <= -(state[ii] + c) <= hr[ii]:
                return 0
        mask = self.full
        for ii, values, prefix in self.ranges:
            s = state[ii]
            t0 = bisect.bisect_left(values, -hr[ii] - s)
            t1 = bisect.bisect_right(values, -lr[ii] - s)
            if t1 <= t0:
                return 0
            mask &= prefix[t1] ^ prefix[t0]
            if not mask:
                return 0
        return mask


def _boxes(vecs: Sequence[tuple[Number, ...]], m: int) -> _Boxes | None:
    """:class:`_Boxes` of integer vectors, ``None`` (check each vector) for Decimals or when the
    masks would take too much memory."""
    if any(type(x) is not int for v in vecs for x in v):
        return None
    size = 0
    for ii in range(m):
        size += len({v[ii] for v in vecs}) + 1
    if size * len(vecs) > _MASK_BITS:
        return None
    return _Boxes(vecs, m)  # type: ignore[arg-type]


def _find_one(
    order: Sequence[str], alive: Mapping[str, Sequence[tuple[Number, ...]]], lo: Sequence[Sequence[Number]],
    hi: Sequence[Sequence[Number]], max_nodes: int,
) -> dict[str, tuple[Number, ...]] | None:
    """Depth-first search for one joint solution (existence), bounded; vectors are tried in the
    order given (most plausible first), those that keep every identity within the bounds ``lo``,
    ``hi`` of what the rows after can still add."""
    m = len(next(iter(alive[order[0]]))) if order and alive[order[0]] else 0
    nodes = 0
    path: dict[str, tuple[Number, ...]] = {}
    # Integer vectors and states: a row's fitting vectors from bit masks (the same vectors, in the
    # same order, as checking each one), built once the search has come to the row a few times.
    exact = all(type(x) is int for n in order for v in alive[n] for x in v)
    boxes: list[_Boxes | None] = [None] * len(order)
    visits = [0] * len(order)

    def ok(r: int, state: tuple[Number, ...]) -> bool:
        lr, hr = lo[r], hi[r]
        return all(lr[ii] <= -x <= hr[ii] for ii, x in enumerate(state))

    def dfs(r: int, state: tuple[Number, ...]) -> bool:
        nonlocal nodes
        nodes += 1
        if nodes > max_nodes:
            return False
        if r == len(order):
            return all(x == 0 for x in state)
        vecs = alive[order[r]]
        box = boxes[r]
        if box is None and exact:
            visits[r] += 1
            if visits[r] == _BOX_AFTER:
                box = boxes[r] = _boxes(vecs, m)
        if box is None:
            for vec in vecs:
                nxt = tuple(a + b for a, b in zip(state, vec, strict=True))
                if ok(r + 1, nxt):
                    path[order[r]] = vec
                    if dfs(r + 1, nxt):
                        return True
                    if nodes > max_nodes:
                        return False  # past the bound every step fails: no solution can follow
            return False
        mask = box.fitting(state, lo[r + 1], hi[r + 1])  # type: ignore[arg-type]
        while mask:
            low = mask & -mask
            mask ^= low
            vec = vecs[low.bit_length() - 1]
            nxt = tuple(a + b for a, b in zip(state, vec, strict=True))
            path[order[r]] = vec
            if dfs(r + 1, nxt):
                return True
            if nodes > max_nodes:
                return False
        return False

    return dict(path) if dfs(0, tuple([0] * m)) else None


def _order(observations: Sequence[Observation], cross: Sequence[Identity]) -> list[str]:
    """Search order: observations in the most identities first, so identities close early."""
    count: dict[str, int] = {o.name: 0 for o in observations}
    keys = {o.name: {s.key for s in o.slots} for o in observations}
    holders: dict[str, list[str]] = {}  # slot key -> the observations (of ``keys``) holding it
    for n, ks in keys.items():
        for k in ks:
            holders.setdefault(k, []).append(n)
    for ident in cross:
        for n in {n for k in ident.cells for n in holders.get(k, ())}:
            count[n] += 1
    base = [o.name for o in observations]
    first: dict[str, int] = {}
    for i, n in enumerate(base):
        first.setdefault(n, i)  # base.index(n)
    return sorted(base, key=lambda n: (-count[n], first[n]))


def _cell_value(v: Value | None) -> Value:
    return BLANK if v is None else v


Drop = tuple[str, str]  #: (identity id, why it is not used to place values)


@attrs.define
class _RowOutcome:
    """Phase 2 for one observation: its candidate placements, or why it has none."""

    cands: list[Placement] | None = None
    idents: list[Identity] = attrs.Factory(list)  #: the row-local identities its placements satisfy
    dropped: list[Drop] = attrs.Factory(list)
    unreadable: str | None = None
    bounded: bool = False


@attrs.define
class _Rows:
    """Phase 2 for a table: the observations that have placements, and what the others lack."""

    usable: list[Observation] = attrs.Factory(list)
    cands: dict[str, list[Placement]] = attrs.Factory(dict)
    used_local: dict[str, list[Identity]] = attrs.Factory(dict)
    dropped: list[Drop] = attrs.Factory(list)
    unreadable: list[tuple[str, str]] = attrs.Factory(list)
    bounded: list[str] = attrs.Factory(list)

    def add(self, o: Observation, out: _RowOutcome) -> None:
        self.dropped.extend(out.dropped)
        if out.bounded:
            self.bounded.append(o.name)
        elif out.unreadable is not None:
            self.unreadable.append((o.name, out.unreadable))
        elif out.cands is not None:
            self.cands[o.name] = out.cands
            self.used_local[o.name] = out.idents
            self.usable.append(o)


@attrs.frozen
class _Joint:
    """Phase 4: the candidates of each row that take part in a joint placement, the one chosen, the
    cross-row identities that held (``active``) and how the search ended."""

    feasible: dict[str, set[int]]
    chosen: dict[str, int]
    active: list[Identity]
    search_bound: bool = False
    searched: bool = True  #: false when every row had one placement: the identities only check


def recover(
    observations: Sequence[Observation],
    identities: Sequence[Identity],
    limits: Limits = _DEFAULT_LIMITS,
) -> Recovery:
    """Place every observation's values into its slots, as far as the text and arithmetic allow.

    Phases: (1) identities split into row-local and cross-row ones, families a row proves broken
    set aside; (2) each row's candidate placements; (3) cross-row inequalities filter them;
    (4) the joint search under the cross-row equalities, relaxing families in a fixed order;
    (5) per cell, certainty from the placements that remain."""
    hard = [i for i in identities if i.hard and i.placement]
    local, cross, _missing = _local_and_cross(observations, hard)
    observations = [_trust_positions(o, local.get(o.name, [])) for o in observations]
    rows = _row_phase(observations, local, limits)
    cross_eq, used_ineq = _inequality_phase(cross, rows)
    scores = _Scores(rows.usable, rows.cands)
    joint = _joint_phase(rows, cross_eq, limits, scores)
    decided = _Decider(observations, hard, rows, joint, scores, used_ineq)
    for o in rows.usable:
        decided.row(o)
    return Recovery(decided.cells, frozenset(decided.used), tuple(rows.dropped), tuple(decided.ambiguous),
                    tuple(rows.unreadable), tuple(dict.fromkeys(rows.bounded)), tuple(decided.split))


def _row_phase(observations: Sequence[Observation], local: dict[str, list[Identity]], limits: Limits) -> _Rows:
    """Phases 1 and 2: every row's candidate placements under its row-local identities, less the
    families some row proves the report does not keep."""
    rows = _Rows()
    enumerated: dict[str, tuple[_Enumerator, list[tuple[int, ...]]]] = {}
    directs = {o.name: _direct(o) for o in observations}
    broken = _broken_local_rules(observations, local, limits, enumerated, directs)
    rows.dropped.extend(_broken_drops(broken, local))
    for o in observations:
        idents = local.get(o.name, [])
        if broken:
            idents = [i for i in idents if i.rule not in broken]
        direct = directs[o.name]
        if direct:
            rows.add(o, _direct_outcome(o, direct, idents))
        else:
            rows.add(o, _search_outcome(o, idents, len(local.get(o.name, [])), enumerated, limits))
    return rows


def _broken_drops(broken: Mapping[str, str], local: Mapping[str, list[Identity]]) -> list[Drop]:
    out: list[Drop] = []
    for rule in broken:
        for idents in local.values():
            out.extend((i.id, f"{rule} is broken elsewhere in the table") for i in idents if i.rule == rule)
    for rule, name in broken.items():
        out.append((rule, f"no placement of the values of {name} satisfies {rule}, so the report does not "
                          f"keep {rule} and it is not used to place values anywhere in the table"))
    return out


def _direct_outcome(o: Observation, direct: Placement, idents: list[Identity]) -> _RowOutcome:
    """A row with one placement: the identities it breaks are dropped, not the row."""
    dropped: list[Drop] = []
    if not _satisfies(o, direct, idents):
        dropped = [(i.id, f"the values of {o.name} do not satisfy it") for i in idents
                   if not _satisfies(o, direct, [i])]
        idents = [i for i in idents if _satisfies(o, direct, [i])]
    return _RowOutcome(cands=[direct], idents=idents, dropped=dropped)


def _search_outcome(
    o: Observation, idents: list[Identity], n_local: int,
    enumerated: dict[str, tuple[_Enumerator, list[tuple[int, ...]]]], limits: Limits,
) -> _RowOutcome:
    """A row whose values' positions were lost: its order-preserving placements, under its row
    identities where some placement keeps them, else under none (the identities dropped)."""
    if any(p.glued and len(p.digits) > limits.max_glued_digits for p in o.pieces):
        return _RowOutcome(unreadable="a run of glued digits is too long to split")
    en, out = _first_enumeration(o, idents, n_local, enumerated, limits)
    if en.bounded:
        return _RowOutcome(bounded=True)
    dropped: list[Drop] = []
    if not out and idents:
        en = _enumerated(o, [], limits)
        out = en.out
        if en.bounded:
            return _RowOutcome(bounded=True)
        if out:
            dropped = [(i.id, f"no placement of the values of {o.name} satisfies it") for i in idents]
            idents = []
    if not out:
        return _RowOutcome(unreadable="its values do not fit the template's columns")
    return _RowOutcome(cands=[en.values(c) for c in out], idents=idents, dropped=dropped)


def _first_enumeration(
    o: Observation, idents: list[Identity], n_local: int,
    enumerated: dict[str, tuple[_Enumerator, list[tuple[int, ...]]]], limits: Limits,
) -> tuple[_Enumerator, list[tuple[int, ...]]]:
    """The row's enumeration under ``idents``: the one phase 1 already ran, where it ran under the
    same identities; glued rows placed densely first."""
    if o.name in enumerated and idents and len(idents) == n_local:
        en, out = enumerated[o.name]  # already enumerated under the same identities
        if not out and not en.bounded:
            out = en.run()  # again, the node count going on from the first run
        return en, out
    spec = _local_spec(o, idents)
    if idents and all(p.glued for p in o.pieces):
        # Glued digits leave no trace of blank cells, and a table glued this way writes its
        # zeros: place every cell first, and allow blanks only if that fits no arithmetic.
        # Only where a row identity (A2, A4) checks the split: a row without one (二、主动公开)
        # would otherwise turn "100" into 1 | 0 | 0.
        dense = _enumerated(o, spec, limits, dense=True)
        if dense.out or dense.bounded:
            return dense, dense.out
    en = _enumerated(o, spec, limits)
    return en, en.out


def _inequality_phase(cross: Sequence[Identity], rows: _Rows) -> tuple[list[Identity], set[str]]:
    """Phase 3: the cross-row identities every row of which was readable; inequalities among them
    filter the candidates (in ``rows``). Returns the equalities and the inequalities used."""
    readable_keys = {s.key for o in rows.usable for s in o.slots}
    cross_ok = [i for i in cross if all(k in readable_keys for k in i.cells)]
    inequalities = [i for i in cross_ok if i.relation != "="]
    if not inequalities:
        return cross_ok, set()
    alive = {o.name: set(range(len(rows.cands[o.name]))) for o in rows.usable}
    if not _filter_inequalities(rows.usable, rows.cands, alive, inequalities):
        rows.dropped.extend((i.id, "no placement of the table's values satisfies it") for i in inequalities)
        return [i for i in cross_ok if i.relation == "="], set()
    rows.cands = {n: [c for ci, c in enumerate(cs) if ci in alive[n]] for n, cs in rows.cands.items()}
    return [i for i in cross_ok if i.relation == "="], {i.id for i in inequalities}


def _families(cross: list[Identity]) -> list[list[Identity]]:
    """The identity sets tried in turn: all, then without the implied families (A3, then A1),
    then none."""
    families: list[list[Identity]] = [cross]
    rules = sorted({i.rule for i in cross})
    for drop in (["A3"], ["A1"], rules):
        fam = [i for i in cross if i.rule not in drop]
        if fam not in families:
            families.append(fam)
    return families


def _joint_phase(rows: _Rows, cross: list[Identity], limits: Limits, scores: _Scores) -> _Joint:
    """Phase 4: the joint placements under the first family of cross-row identities that some
    placement satisfies. The drops and bounds it causes are recorded in ``rows``."""
    usable, cands = rows.usable, rows.cands
    if all(len(cands[o.name]) == 1 for o in usable):
        # every value's position is known: nothing to place, the identities are checks only
        return _Joint({o.name: {0} for o in usable}, {o.name: 0 for o in usable}, [], searched=False)
    joint = _search_families(rows, cross, limits, scores)
    why = ("the search for placements satisfying it exceeded its bound" if joint.search_bound else
           "no placement of the table's values satisfies it together with the others")
    rows.dropped.extend((i.id, why) for i in cross if i not in joint.active)
    if joint.search_bound:
        rows.bounded.extend(o.name for o in usable if any(s.key in i.cells for i in cross for s in o.slots)
                            and len(cands[o.name]) > 1)
    return joint


def _search_families(rows: _Rows, cross: list[Identity], limits: Limits, scores: _Scores) -> _Joint:
    usable, cands = rows.usable, rows.cands
    for fam in _families(cross):
        result = _joint(usable, cands, fam, limits, scores)
        if result is not None and not result[0] and result[2]:
            # bounded without proof that a solution exists: fewer identities would only widen the
            # search, so place values by the row identities alone
            result = _joint(usable, cands, [], limits, scores)
            if result is None:  # pragma: no cover - the empty family is always feasible
                break
            return _Joint(result[0], result[1], [], search_bound=True)
        if result is not None:
            return _Joint(result[0], result[1], fam)
    return _Joint({o.name: set(range(len(cands[o.name]))) for o in usable}, {}, [])  # pragma: no cover


class _Decider:
    """Phase 5: each cell's value and certainty from the placements of its row that remain."""

    def __init__(self, observations: Sequence[Observation], hard: Sequence[Identity], rows: _Rows, joint: _Joint,
                 scores: _Scores, used_ineq: set[str]) -> None:
        self.rows, self.joint, self.scores, self.used_ineq = rows, joint, scores, used_ineq
        self._observations, self._hard = observations, hard
        dropped_ids = {d for d, _ in rows.dropped}
        self.suspect = ({o.name for o in observations if self.touching[o.name] & dropped_ids}
                        if dropped_ids else set())
        self.active_ids = {i.id for i in joint.active}
        self.cells: dict[str, CellResult] = {}
        self.ambiguous: list[tuple[str, int]] = []
        self.split: list[str] = []
        self.used: set[str] = set()

    @functools.cached_property
    def touching(self) -> dict[str, set[str]]:
        """Per observation, the ids of the identities on its cells (built when first asked: only a
        row that lost its positions, or a recovery that dropped a family, asks)."""
        return _touching(self._observations, self._hard)

    def row(self, o: Observation) -> None:
        all_c = self.rows.cands[o.name]
        if len(all_c) == 1 and not any(p.glued for p in o.pieces):
            self._read_directly(o, all_c[0])
            return
        keep, pick = self._kept(o, all_c)
        lost_positions = len(all_c) > 1 or any(p.glued for p in o.pieces)
        if lost_positions:
            self.used.update(i.id for i in self.rows.used_local.get(o.name, []))
            self.used.update(self.touching[o.name] & self.active_ids)
            self.used.update(self.used_ineq & self.touching[o.name])
        # Each column's values as the set of the kept candidates' values would hold them: one
        # object may stand in many candidates, and adding it again changes nothing, so the set is
        # built from each object's first occurrence, in the order of the candidates.
        firsts = [{id(v): v for v in col} for col in zip(*[all_c[ci] for ci in keep], strict=True)]
        picked = all_c[pick]
        spans = _piece_spans(o, picked)
        for si, slot in enumerate(o.slots):
            self.cells[slot.key] = self._cell(o, _cell_value(picked[si]), firsts[si], lost_positions, spans[si])
        if any(not self.cells[s.key].certain for s in o.slots):
            self.ambiguous.append((o.name, _count_distinct([all_c[ci] for ci in keep], firsts)))
        elif any(p.glued for p in o.pieces):
            self.split.append(o.name)

    def _read_directly(self, o: Observation, cand: Placement) -> None:
        """One placement, read directly: pieces fill the slots in order (or there are none)."""
        pieces = iter(o.pieces)
        for slot, v in zip(o.slots, cand, strict=True):
            if v is None:
                self.cells[slot.key] = _BLANK_READ
            else:
                self.cells[slot.key] = CellResult(v, True, False, (), next(pieces).span)

    def _kept(self, o: Observation, all_c: list[Placement]) -> tuple[list[int], int]:
        """The candidates that remain for ``o`` and the one picked as most plausible."""
        feasible = self.joint.feasible.get(o.name)
        if not feasible:
            keep = list(range(len(all_c)))
            return keep, max(keep, key=self.scores.of(o.name))
        keep = sorted(feasible)
        return keep, self.joint.chosen.get(o.name, keep[0])

    def _cell(self, o: Observation, chosen: Value, first: dict[int, Value | None], placed: bool,
              span: Span | None) -> CellResult:
        if len(first) == 1:  # one object: the set of values has one member
            return CellResult(chosen, True, placed, (), span)
        vals = set(first.values())
        if len(vals) == 1:
            return CellResult(chosen, True, placed, (), span)
        if all(_num(v) == 0 and not _is_na(v) for v in vals) and o.name not in self.suspect:
            # blank or an explicit 0: the count is proven to be 0 either way (only while every
            # identity on the row holds; a row that breaks one may hide a displaced value)
            return CellResult(Value(ValueKind.NUMBER, 0), True, True, (), span)
        alts: list[Value] = []
        seen_v = {chosen}
        for v in sorted(vals, key=_sort_key):
            cv = _cell_value(v)
            if cv not in seen_v:
                seen_v.add(cv)
                alts.append(cv)
        return CellResult(chosen, False, True, tuple(alts), span)


def _touching(observations: Sequence[Observation], hard: Sequence[Identity]) -> dict[str, set[str]]:
    """Per observation, the ids of the identities on its cells."""
    by_key: dict[str, list[str]] = {}
    for i in hard:
        for k in i.cells:
            by_key.setdefault(k, []).append(i.id)
    return {o.name: {iid for s in o.slots for iid in by_key.get(s.key, ())} for o in observations}


def _count_distinct(rows: Sequence[Placement], firsts: Sequence[dict[int, Value | None]]) -> int:
    """``len(set(rows))``: each distinct object (``firsts``: per column, by id) gets the number of its
    class of equal values, and rows are compared as tuples of those numbers."""
    classes: dict[object, int] = {}
    by_id: dict[int, int] = {}
    for col in firsts:
        for i, v in col.items():
            by_id[i] = classes.setdefault(v, len(classes))
    cls = by_id.__getitem__
    return len({tuple(map(cls, map(id, row))) for row in rows})


def _sort_key(v: Value | None) -> tuple[int, float]:
    if v is None:
        return (0, 0.0)
    if _is_na(v):
        return (1, 0.0)
    return (2, float(_num(v)))


def _piece_spans(o: Observation, cand: Placement) -> list[Span | None]:
    """The span of the piece each slot's value came from (glued parts share their piece's span)."""
    out: list[Span | None] = [None] * len(o.slots)
    j = 0
    pieces = o.pieces
    # Walk slots; a non-blank slot consumes either a whole piece or part of a glued piece.
    consumed = ""
    for i, v in enumerate(cand):
        if v is None or j >= len(pieces):
            continue
        p = pieces[j]
        out[i] = p.span
        if not p.glued:
            j += 1
            continue
        raw = v.raw.lstrip("+-")
        raw = raw.split(".")[0]
        if p.unit and raw.endswith(p.unit):
            raw = raw[: -len(p.unit)]
        consumed += raw
        if len(consumed) >= len(p.digits):
            consumed = ""
            j += 1
    return out
