"""Cross-checks (勾稽关系) as results: every identity of the template evaluated on the report.

A check's status is ``pass`` or ``fail`` when every cell it needs was read with certainty (blank
cells count as 0, and the check records that assumption), and ``not_assessable`` when a cell is
missing, uncertain or not applicable. A check whose identity was used to place values the pipe
format lost says so (``used_for_placement``): its pass is then not independent evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from . import diagnostics as dg
from .models import Cell, Check, CheckStatus, Diagnostic, Number, Table, ValueKind
from .templates._base import Identity, TableSpec

__all__ = ["evaluate", "evaluate_identity", "non_negative"]


def _index(tables: Iterable[Table]) -> dict[str, Cell]:
    return {c.key: c for t in tables for r in t.rows for c in r.cells}


# Enum members as module constants: every identity of every table is evaluated on each report.
_BLANK, _NUMBER = ValueKind.BLANK, ValueKind.NUMBER
_PASS, _FAIL, _NOT_ASSESSABLE = CheckStatus.PASS, CheckStatus.FAIL, CheckStatus.NOT_ASSESSABLE


def evaluate_identity(ident: Identity, cells: dict[str, Cell], used: frozenset[str] = frozenset()) -> Check:
    """Evaluate one identity on the cells (by flat key)."""
    sums: list[Number] = []
    blank = False
    missing: list[str] = []
    get = cells.get
    for side in (ident.left, ident.right):
        total: Number = 0
        for key in side:
            c = get(key)
            if c is None:
                missing.append(f"{key} not read")
                continue
            if not c.certain:
                missing.append(f"{key} uncertain")
                continue
            v = c.value
            kind = v.kind
            if kind is _BLANK:
                blank = True
                continue
            if kind is not _NUMBER or v.number is None:
                missing.append(f"{key} {kind}")
                continue
            total = total + v.number
        sums.append(total)
    placed = ident.id in used
    if missing:
        return Check(ident.id, ident.rule, ident.description, ident.cells, _NOT_ASSESSABLE,
                     relation=ident.relation, hard=ident.hard, used_for_placement=placed,
                     message="; ".join(missing[:4]))
    left, right = sums
    rel = ident.relation
    ok = left == right if rel == "=" else (left <= right if rel == "<=" else left >= right)
    tl, tr = _tidy(left), _tidy(right)
    return Check(ident.id, ident.rule, ident.description, ident.cells, _PASS if ok else _FAIL, tl, tr, rel,
                 ident.hard, placed, blank, "" if ok else f"{tl} {rel} {tr} does not hold")


def _tidy(n: Number) -> Number:
    if type(n) is int:  # the common case: counts
        return n
    exponent = n.as_tuple().exponent if isinstance(n, Decimal) else None
    if isinstance(n, Decimal) and isinstance(exponent, int) and exponent >= 0:
        return int(n)
    return n


_COUNTS: dict[int, tuple[TableSpec, tuple[str, ...]]] = {}


def _counts(spec: TableSpec) -> tuple[str, ...]:
    """The table's keys that hold counts (every key but the signed 本年增/减 columns), worked out
    once per template table (the spec is kept with its id, so the id cannot be reused)."""
    got = _COUNTS.get(id(spec))
    if got is None or got[0] is not spec:
        if len(_COUNTS) >= 64:  # the templates have a handful of tables; other specs must not pile up
            _COUNTS.clear()
        signed = {spec.key(r.key, c.key) for r in spec.all_rows() for c in spec.columns_of(r.key) if c.signed}
        got = _COUNTS[id(spec)] = (spec, tuple(k for k in spec.keys() if k not in signed))  # noqa: SIM118
    return got[1]


def non_negative(spec: TableSpec, cells: dict[str, Cell]) -> tuple[Check | None, list[Diagnostic]]:
    """A6: every count of the table is non-negative (signed 本年增/减 columns excepted)."""
    keys = [k for k in _counts(spec) if k in cells]
    if not keys:
        return None, []
    negative = []
    for k in keys:
        c = cells[k]
        if c.certain and c.value.kind is _NUMBER and (c.value.number or 0) < 0:
            negative.append(k)
    diags = [dg.make("NEGATIVE_VALUE", f"{k} = {cells[k].value.number} is negative", path=k, span=cells[k].span)
             for k in negative]
    status = _FAIL if negative else _PASS
    check = Check(f"A6.{spec.id}", "A6", "every count is a non-negative number", tuple(keys), status,
                  relation=">=", message=", ".join(negative))
    return check, diags


def evaluate(
    specs: Sequence[TableSpec], tables: Sequence[Table], used: frozenset[str] = frozenset()
) -> tuple[list[Check], list[Diagnostic]]:
    """Every identity of the tables that were read, plus A6 per table."""
    cells = _index(tables)
    present = {t.id for t in tables}
    checks: list[Check] = []
    diags: list[Diagnostic] = []
    for spec in specs:
        if spec.id not in present:
            continue
        for ident in spec.identities:
            chk = evaluate_identity(ident, cells, used)
            checks.append(chk)
            if chk.status is _FAIL:
                span = next((cells[k].span for k in ident.cells if k in cells and cells[k].span), None)
                code = "CHECK_FAILED" if ident.hard else "SOFT_CHECK_FAILED"
                diags.append(dg.make(code, f"{ident.id}: {ident.description}: {chk.message}", path=ident.id,
                                     span=span))
        a6, d6 = non_negative(spec, cells)
        if a6 is not None:
            checks.append(a6)
            diags.extend(d6)
    return checks, diags
