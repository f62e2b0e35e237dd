"""The fast paths of the column recovery against their plain versions."""

from __future__ import annotations

import math
import random
from decimal import Decimal

from zhgov_report._recover import (
    COLUMN_PRIOR,
    Observation,
    Slot,
    _count_distinct,
    _find_one,
    _num,
    _propagate,
    _score,
    _slot_weights,
    _supports,
    _supports_bits,
    _supports_sets,
)
from zhgov_report.models import Value, ValueKind


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
    p = COLUMN_PRIOR.get(slot.column, 0.2)
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
    columns = [*COLUMN_PRIOR, "elsewhere", ""]
    for _ in range(3000):
        k = rng.randint(0, 8)
        slots = tuple(Slot(f"s{i}", column=rng.choice(columns)) for i in range(k))
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
