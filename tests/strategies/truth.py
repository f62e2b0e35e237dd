"""Comparing a parsed report with the generated truth, as the project's scorer does.

A certain value is *right* when it equals the truth; a cell the report left empty may be read as
blank (``None``) or as ``0``. A value the text writes (``0`` included) must be read exactly.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator, Mapping
from decimal import Decimal

from hypothesis import reject

from zhgov_report import Report, flatten, parse
from zhgov_report.models import Cell, Number

from .reports import GenReport

__all__ = [
    "PARSE_SECONDS",
    "SKIP_SECONDS",
    "TooSlow",
    "assert_evidenced",
    "certain_cells",
    "describe",
    "parse_in_time",
    "same",
    "time_limit",
    "written_truth",
    "wrong_certain",
]


def same(truth: Number | None, got: object) -> bool:
    """The scorer's rule: blank truth matches ``None`` or 0; any other truth must match exactly."""
    if isinstance(got, bool):
        return False
    if truth is None:
        return got is None or got == 0
    if got is None or not isinstance(got, (int, Decimal)):
        return False
    return Decimal(got) == Decimal(truth)


def wrong_certain(parsed: Report, truth: Mapping[str, Number | None]) -> dict[str, tuple[object, object]]:
    """Certain values of ``parsed`` that contradict ``truth`` (key -> (truth, got)); a certain value
    for a key the truth does not have is wrong too."""
    out: dict[str, tuple[object, object]] = {}
    for k, got in flatten(parsed).items():
        if k.startswith("meta."):
            continue
        if k not in truth:
            out[k] = ("<no such cell>", got)
        elif not same(truth[k], got):
            out[k] = (truth[k], got)
    return out


def written_truth(report: GenReport) -> dict[str, Number | None]:
    """What the text states: the written value, ``None`` for an empty cell."""
    return {k: report.written(k) for k in report.values}


def describe(parsed: Report) -> str:
    """A short account of a parse for assertion messages."""
    diags = "; ".join(f"{d.code}@{d.path}: {d.message[:90]}" for d in parsed.diagnostics[:12])
    return f"format={parsed.format} tables={[t.id for t in parsed.tables]} diagnostics: {diags}"


def certain_cells(report: Report) -> Iterator[Cell]:
    """The certain cells of every table of a parse."""
    for table in report.tables:
        for row in table.rows:
            yield from (c for c in row.cells if c.certain)


def assert_evidenced(report: Report) -> None:
    """The certainty invariant: every certain cell has evidence, its own span at a position the
    source proves or an identity that placed it (``placed``), in every format."""
    bare = [c.key for c in certain_cells(report) if c.span is None and not c.placed]
    assert not bare, f"certain without a span or an identity: {bare[:8]}; {describe(report)}"


class TooSlow(Exception):
    """A parse exceeded its time limit."""


#: A parse that takes longer than this is a bug (the library bounds its searches): typical reports
#: parse in well under a second, so the margin absorbs a slow CI machine.
PARSE_SECONDS = 8.0
#: Properties other than the time bound skip an example whose parse takes longer than this.
SKIP_SECONDS = 3.0


@contextlib.contextmanager
def time_limit(seconds: float = PARSE_SECONDS) -> Iterator[None]:
    """Raise :class:`TooSlow` in the block after ``seconds`` (POSIX main thread; elsewhere no
    limit is enforced)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: object) -> None:
        raise TooSlow(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_in_time(text: str | bytes, seconds: float = SKIP_SECONDS) -> Report:
    """``parse(text)``, or :func:`hypothesis.reject` when it exceeds ``seconds``: slow placement is
    the open bug pinned by ``test_placement_search_is_bounded_in_time``; the other properties
    skip such examples rather than spend minutes on them. Every parse it returns holds the
    certainty invariant (:func:`assert_evidenced`)."""
    try:
        with time_limit(seconds):
            report = parse(text)
    except TooSlow:
        reject()
    assert_evidenced(report)
    return report
