"""The fast paths of the column recovery against their plain versions."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from decimal import Decimal

import attrs

from zhgov_report._recover import (
    DEFAULT_PRIOR,
    Limits,
    Observation,
    Piece,
    Slot,
    _allows,
    _count_distinct,
    _enumerated,
    _Enumerator,
    _find_one,
    _fits,
    _holds,
    _needs,
    _num,
    _part_value,
    _propagate,
    _score,
    _slot_weights,
    _supports,
    _supports_bits,
    _supports_sets,
)
from zhgov_report.models import Number, Value, ValueKind


def _random_proj(rng: random.Random) -> list[set[int]]:
    rows = rng.randint(1, 7)
    spread = rng.choice([3, 10, 60, 400, 3000])
    return [{rng.randint(-spread, spread) for _ in range(rng.randint(1, 5))} for _ in range(rows)]


def test_bit_sets_give_the_same_supports_as_sets() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        proj = _random_proj(rng)
        cap = rng.choice([1, 2, 5, 30, 200, 4000])
        assert _supports_bits(proj, cap) == _supports_sets(proj, cap), (proj, cap)


def test_the_cap_counts_the_same_partial_sums() -> None:
    # 2**12 = 4096 distinct sums after twelve rows of {0, 2**i}: capped exactly when a set passes cap
    proj = [{0, 2**i} for i in range(12)] + [{0, -1}]
    for cap in (2047, 2048, 4095, 4096, 4097):
        assert _supports_bits(proj, cap) == _supports_sets(proj, cap)
    assert _supports_sets(proj, 4096)[0] is not None
    assert _supports_sets(proj, 4095)[-1] is None


def test_decimals_and_wide_ranges_use_sets() -> None:
    proj: list[set[int | Decimal]] = [{Decimal("1.5"), 0}, {Decimal("-1.5")}]
    assert _supports(proj) == _supports_sets(proj) == [{Decimal("1.5")}, {Decimal("-1.5")}]
    wide: list[set[int | Decimal]] = [{0, 10**12}, {-(10**12), 5}]
    assert _supports(wide) == _supports_sets(wide) == [{10**12}, {-(10**12)}]


def _propagate_plain(order: list[str], alive: dict[str, set[tuple[int, ...]]], m: int, rounds: int = 50) -> bool:
    """Every identity examined in every round (the propagation as first written)."""
    involved = [[n for n in order if any(v[ii] != 0 for v in alive[n])] for ii in range(m)]
    for _ in range(rounds):
        changed = False
        for ii in range(m):
            rows = involved[ii]
            if not rows:
                continue
            proj = [{v[ii] for v in alive[n]} for n in rows]
            for r, supported in enumerate(_supports_sets(proj)):
                n = rows[r]
                if supported is not None and len(supported) != len(proj[r]):
                    alive[n] = {v for v in alive[n] if v[ii] in supported}
                    changed = True
                    if not alive[n]:
                        return False
        if not changed:
            return True
    return True


def test_propagation_skips_only_examinations_that_change_nothing() -> None:
    rng = random.Random(11)
    for trial in range(1500):
        m = rng.randint(1, 5)
        order = [f"r{i}" for i in range(rng.randint(1, 6))]
        alive = {n: {tuple(rng.choice([0, 0, 1, 2, 3, 5, -2]) for _ in range(m))
                     for _ in range(rng.randint(1, 8))} for n in order}
        if rng.random() < 0.8:  # plant a joint solution, so that propagation narrows without failing
            plant = [tuple(rng.choice([0, 1, 2, 3]) for _ in range(m)) for _ in order[1:]]
            alive[order[0]].add(tuple(-sum(col) for col in zip(*plant, strict=True)) if plant else (0,) * m)
            for n, v in zip(order[1:], plant, strict=True):
                alive[n].add(v)
        rounds = rng.choice([1, 2, 50])
        a = {n: set(v) for n, v in alive.items()}
        b = {n: set(v) for n, v in alive.items()}
        ok_a, ok_b = _propagate_plain(order, a, m, rounds), _propagate(order, b, m, rounds)
        assert ok_a == ok_b, trial
        # the same domains, down to the order in which they are iterated (it breaks ties later)
        assert {n: list(v) for n, v in a.items()} == {n: list(v) for n, v in b.items()}, trial


def _prior_plain(slot: Slot, v: object) -> float:
    if v is None or (isinstance(v, Value) and v.kind is ValueKind.NOT_APPLICABLE) or _num(v) == 0:
        return 0.0
    p = DEFAULT_PRIOR if slot.prior is None else slot.prior
    return math.log(max(p, 1e-6)) - math.log(max(1 - p, 1e-6))


def _score_plain(obs: Observation, cand: tuple[object, ...]) -> float:
    """The score as first written: a prior per slot, 0.0 for the empty ones."""
    s = sum(_prior_plain(slot, v) for slot, v in zip(obs.slots, cand, strict=True))
    if obs.hints:
        s += 10.0 * sum(1 for h, v in zip(obs.hints, cand, strict=True)
                        if h is not None and isinstance(v, Value) and v.number == h)
    s -= 1e-3 * sum(i for i, v in enumerate(cand)
                    if v is not None and not (isinstance(v, Value) and v.kind is ValueKind.NOT_APPLICABLE)
                    and _num(v) != 0)
    return s


_VALUES: list[object] = [
    None, Value(ValueKind.BLANK), Value(ValueKind.NOT_APPLICABLE), Value(ValueKind.NUMBER, 0),
    Value(ValueKind.NUMBER, Decimal("0.0")), Value(ValueKind.NUMBER, 3), Value(ValueKind.NUMBER, 17),
    Value(ValueKind.NUMBER, Decimal("2.5")), Value(ValueKind.NUMBER, -4, signed=True),
    Value(ValueKind.NUMBER, 3, unit="件"),
]


def test_score_is_the_plain_score_to_the_last_bit() -> None:
    rng = random.Random(5)
    priors = [None, 127 / 129, 1 / 129, 0.2, 0.5, 0.0, 1.0]
    for _ in range(3000):
        k = rng.randint(0, 8)
        slots = tuple(Slot(f"s{i}", prior=rng.choice(priors)) for i in range(k))
        hints = tuple(rng.choice([None, 3, 17, Decimal("2.5")]) for _ in range(k)) if rng.random() < 0.3 else ()
        obs = Observation("row", slots, (), hints)
        cand = tuple(rng.choice(_VALUES) for _ in range(k))
        want = _score_plain(obs, cand)
        assert _score(obs, cand) == want
        assert _score(obs, cand, _slot_weights(obs)) == want


def test_count_distinct_counts_rows_of_equal_values_once() -> None:
    rng = random.Random(3)
    # equal values held by different objects, as glued parts and repeated pieces give them
    pool = [*_VALUES, Value(ValueKind.NUMBER, 3, raw="3"), Value(ValueKind.NUMBER, Decimal("3")), None]
    for _ in range(2000):
        k = rng.randint(1, 5)
        rows = [tuple(rng.choice(pool) for _ in range(k)) for _ in range(rng.randint(1, 12))]
        firsts = [{id(v): v for v in col} for col in zip(*rows, strict=True)]
        assert _count_distinct(rows, firsts) == len(set(rows))


def _find_one_plain(order: list[str], alive: dict[str, list[tuple[int, ...]]], lo: list[list[int]],
                    hi: list[list[int]], max_nodes: int) -> dict[str, tuple[int, ...]] | None:
    """The existence search as first written: every vector checked against the bounds."""
    m = len(alive[order[0]][0]) if order and alive[order[0]] else 0
    nodes = 0
    path: dict[str, tuple[int, ...]] = {}

    def ok(r: int, state: tuple[int, ...]) -> bool:
        return all(lo[r][ii] <= -x <= hi[r][ii] for ii, x in enumerate(state))

    def dfs(r: int, state: tuple[int, ...]) -> bool:
        nonlocal nodes
        nodes += 1
        if nodes > max_nodes:
            return False
        if r == len(order):
            return all(x == 0 for x in state)
        for vec in alive[order[r]]:
            nxt = tuple(a + b for a, b in zip(state, vec, strict=True))
            if ok(r + 1, nxt):
                path[order[r]] = vec
                if dfs(r + 1, nxt):
                    return True
        return False

    return dict(path) if dfs(0, tuple([0] * m)) else None


def test_existence_search_with_masks_finds_what_the_plain_one_finds() -> None:
    rng = random.Random(13)
    found = 0
    for trial in range(2000):
        m = rng.randint(0, 4)
        order = [f"r{i}" for i in range(rng.randint(1, 6))]
        kinds = rng.choice([[0, 1, 2, 3, -1], [0, 0, 5], [7], [Decimal("0.5"), 1, 0]])
        alive: dict[str, list[tuple[int, ...]]] = {}
        for n in order:
            vecs = {tuple(rng.choice(kinds) for _ in range(m)) for _ in range(rng.randint(1, 30))}
            alive[n] = sorted(vecs, key=lambda v: rng.random())  # any order: the search keeps it
        lo = [[0] * m for _ in range(len(order) + 1)]
        hi = [[0] * m for _ in range(len(order) + 1)]
        for r in range(len(order) - 1, -1, -1):
            for ii in range(m):
                lo[r][ii] = lo[r + 1][ii] + min(v[ii] for v in alive[order[r]])
                hi[r][ii] = hi[r + 1][ii] + max(v[ii] for v in alive[order[r]])
        max_nodes = rng.choice([3, 10, 50, 20_000])
        want = _find_one_plain(order, alive, lo, hi, max_nodes)
        got = _find_one(order, alive, lo, hi, max_nodes)
        assert got == want, trial
        assert want is None or list(got or {}) == list(want)
        found += want is not None
    assert 200 < found < 1900


class _EnumeratorPlain:
    """The enumerator as first written (36aca10): fits per slot and atom, a bound that lets the
    search run on; order-preserving placements of one observation's pieces into its slots.

    Works on integer *atoms* (a whole piece, or one part of a glued piece) so that the search
    builds no objects; :meth:`values` turns a candidate back into :class:`Value` objects."""

    def __init__(self, obs: Observation, local: Sequence[tuple[tuple[int, ...], tuple[int, ...], int, str]],
                 limits: Limits) -> None:
        self.obs = obs
        self.slots = obs.slots
        self.pieces = obs.pieces
        self.n = len(obs.slots)
        self.limits = limits
        self.closing: dict[int, list[tuple[tuple[tuple[int, int], ...], str]]] = {}
        for idx, coefs, close, rel in local:
            self.closing.setdefault(close, []).append((tuple(zip(idx, coefs, strict=True)), rel))
        self.out: list[tuple[int, ...]] = []
        self.nodes = 0
        self.bounded = False
        self.min_cells = [0] * (len(self.pieces) + 1)
        for j in range(len(self.pieces) - 1, -1, -1):
            self.min_cells[j] = self.min_cells[j + 1] + 1
        # atom 0 is "blank"; fixed pieces get an atom each; glued parts get atoms on demand
        self.atoms: list[object] = [None]
        self.nums: list[Number] = [0]
        self.fixed: list[int] = []
        for p in self.pieces:
            v = p.value
            self.fixed.append(self._atom(v))
        self.parts: dict[tuple[int, int, int], int] = {}
        self.fits: list[dict[int, bool]] = [{} for _ in obs.slots]  #: per slot: atom -> fits

    def _atom(self, v: object) -> int:
        self.atoms.append(v)
        self.nums.append(_num(v))
        return len(self.atoms) - 1

    def _part(self, j: int, k: int, e: int) -> int:
        key = (j, k, e)
        a = self.parts.get(key)
        if a is None:
            p = self.pieces[j]
            a = self.parts[key] = self._atom(_part_value(p, p.digits[k:e], k == 0, e == len(p.digits)))
        return a

    def _fit(self, i: int, a: int) -> bool:
        fits = self.fits[i]
        f = fits.get(a)
        if f is None:
            v = self.atoms[a]
            f = fits[a] = _fits(self.slots[i], v)  # type: ignore[arg-type]
        return f

    def run(self, dense: bool = False) -> list[tuple[int, ...]]:
        """Enumerate placements; with ``dense``, only those that leave no slot blank.

        A depth-first search over (slot ``i``, piece ``j``, digit ``k`` within a glued piece): the
        slot is left blank or takes the next piece (or a part of the glued one). Every step counts
        towards ``max_nodes``; the counter is the enumerator's, so a second run goes on counting."""
        self.dense = dense
        self.cur = cur = [0] * self.n
        n = self.n
        pieces = self.pieces
        npieces = len(pieces)
        glued = [p.glued for p in pieces]
        digits = [p.digits for p in pieces]
        out = self.out
        max_nodes = self.limits.max_nodes
        max_candidates = self.limits.max_candidates
        min_cells = self.min_cells
        fixed = self.fixed
        nums = self.nums  # grows as glued parts get atoms: the same list
        closing = [self.closing.get(i) or None for i in range(n)]
        fit = self._fit
        fits = self.fits
        part = self._part
        parts = self.parts
        nodes = self.nodes
        bounded = False

        def close_ok(checks: list[tuple[tuple[tuple[int, int], ...], str]]) -> bool:
            for terms, rel in checks:
                total: Number = 0
                for k, c in terms:
                    total += c * nums[cur[k]]
                if not _holds(total, rel):
                    return False
            return True

        def dfs(i: int, j: int, k: int) -> None:
            nonlocal nodes, bounded
            nodes += 1
            if nodes > max_nodes or len(out) >= max_candidates:
                bounded = True
                return
            if i == n:
                if j == npieces:
                    out.append(tuple(cur))
                return
            need = min_cells[j] if k == 0 else min_cells[j + 1] + 1
            if need > n - i:
                return
            checks = closing[i]
            if need <= n - i - 1 and not dense:
                cur[i] = 0
                if checks is None or close_ok(checks):
                    dfs(i + 1, j, k)
            if j >= npieces:
                return
            fits_i = fits[i]  # self._fit(i, a) where it has been worked out
            if not glued[j]:
                a = fixed[j]
                f = fits_i.get(a)
                if f is None:
                    f = fit(i, a)
                if f:
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
                f = fits_i.get(a)
                if f is None:
                    f = fit(i, a)
                if not f:
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
        finally:
            self.nodes = nodes
            if bounded:
                self.bounded = True
        return out

    def values(self, cand: tuple[int, ...]) -> tuple[object, ...]:
        return tuple([self.atoms[a] for a in cand])


def _random_row(rng: random.Random) -> tuple[Observation, list[tuple[tuple[int, ...], tuple[int, ...], int, str]]]:
    n = rng.randint(1, 8)
    slots = tuple(Slot(f"s{i}", signed=rng.random() < 0.2, decimal=rng.random() < 0.2) for i in range(n))
    pieces: list[Piece] = []
    for _ in range(rng.randint(0, min(n, 5))):
        if rng.random() < 0.3:
            digits = "".join(rng.choice("0012345") for _ in range(rng.randint(1, 6)))
            pieces.append(Piece(Value(ValueKind.NUMBER, int(digits), raw=digits), glued=True, digits=digits,
                                sign=rng.choice(["", "", "-", "+"]), frac=rng.choice([None, None, "5"]),
                                unit=rng.choice([None, "件"])))
        else:
            x = rng.choice([0, 0, 1, 2, 3, 5, -2, Decimal("1.5"), Decimal("2.0")])
            kind = rng.choice([ValueKind.NUMBER] * 6 + [ValueKind.NOT_APPLICABLE])
            pieces.append(Piece(Value(kind, x if kind is ValueKind.NUMBER else None, raw=str(x))))
    spec = []
    for _ in range(rng.randint(0, 2)):
        idx = tuple(sorted(rng.sample(range(n), rng.randint(1, n))))
        coefs = tuple(rng.choice([1, -1]) for _ in idx)
        spec.append((idx, coefs, max(idx), rng.choice(["=", "=", "<=", ">="])))
    return Observation("row", slots, tuple(pieces)), spec


def test_fit_bits_are_fits() -> None:
    for v in [*_VALUES[1:], Value(ValueKind.NUMBER, Decimal("-2.5")), Value(ValueKind.UNREADABLE)]:
        for signed in (False, True):
            for decimal in (False, True):
                slot = Slot("s", signed=signed, decimal=decimal)
                assert _fits(slot, v) == (not _needs(v) & ~_allows(slot)), (v, slot)  # type: ignore[arg-type]


def test_the_enumerator_finds_what_the_plain_one_finds_and_counts_the_same_steps() -> None:
    rng = random.Random(17)
    bounded = 0
    for trial in range(3000):
        obs, spec = _random_row(rng)
        limits = Limits(max_nodes=rng.choice([5, 40, 400, 400_000]), max_candidates=rng.choice([1, 3, 20_000]))
        dense = rng.random() < 0.3
        plain, fast = _EnumeratorPlain(obs, spec, limits), _Enumerator(obs, spec, limits)
        want, got = plain.run(dense), fast.run(dense)
        assert plain.bounded == fast.bounded, trial
        bounded += plain.bounded
        # past a bound only ``bounded`` and whether placements were found are read; the search stops
        assert [plain.values(c) for c in want] == [fast.values(c) for c in got], trial
        if not plain.bounded:
            assert plain.nodes == fast.nodes, trial
            # a second run goes on counting from the first, as the table's search may ask for
            want, got = plain.run(), fast.run()
            assert (plain.bounded, [plain.values(c) for c in want]) == (fast.bounded, [fast.values(c) for c in got])
            if not plain.bounded:
                assert plain.nodes == fast.nodes, trial
    assert 200 < bounded < 2800


def test_a_remembered_enumeration_is_a_fresh_one() -> None:
    rng = random.Random(19)
    for trial in range(2000):
        obs, spec = _random_row(rng)
        limits = Limits(max_nodes=rng.choice([5, 40, 400_000]), max_candidates=rng.choice([1, 3, 20_000]))
        dense = rng.random() < 0.3
        fresh = _Enumerator(obs, spec, limits)
        fresh.run(dense)
        # the same numbers in other Value objects (raw differs): the row's own pieces come back
        twin = attrs.evolve(obs, pieces=tuple(attrs.evolve(p, value=attrs.evolve(p.value, raw=p.value.raw + "'"))
                                             for p in obs.pieces))
        for o in (obs, twin, obs):
            memo = _enumerated(o, spec, limits, dense)
            assert (memo.bounded, memo.out) == (fresh.bounded, fresh.out), trial
            assert [memo.values(c) for c in memo.out] == [fresh.values(c) for c in fresh.out]
            assert all(x is y.value for x, y in zip(memo.atoms[1:len(o.pieces) + 1], o.pieces, strict=True))
            if not fresh.bounded:
                assert (memo.nodes, memo.atoms[len(o.pieces) + 1:]) == (fresh.nodes, fresh.atoms[len(o.pieces) + 1:])
                again = _Enumerator(o, spec, limits)
                again.run(dense)
                assert (again.run(), again.nodes, again.bounded) == (memo.run(), memo.nodes, memo.bounded), trial
