"""The fast paths of the column recovery against their plain versions."""

from __future__ import annotations

import random
from decimal import Decimal

from zhgov_report._recover import _propagate, _supports, _supports_bits, _supports_sets


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
