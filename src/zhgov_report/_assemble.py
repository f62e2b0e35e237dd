"""The recovery diagnostics, written in one place for every layout reader.

A reader hands its :class:`~zhgov_report._recover.Recovery` to :class:`Verdicts` once, asks it for
each observation's :class:`Outcome` (unreadable, bounded, ambiguous, glued digits split, or read
plainly), and turns that outcome into at most one diagnostic with :func:`placement_diagnostic`,
worded for its layout by a :class:`Wording` (the post-2019 rows, the review/litigation table read
as one run of values, the pre-2019 sheet's rows). Identities that recovery could not use become
``PLACEMENT_INCONSISTENT`` diagnostics with :func:`dropped_diagnostics`. Whether a cell is certain is
decided by one rule for every reader (:func:`evidence`), and cells left uncertain for want of
evidence are said once per row: the text ends inside it (:func:`cut_short_diagnostic`), or nothing
marks where it ends (:func:`end_unproven_diagnostic`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

import attrs

from . import diagnostics as dg
from ._recover import CellResult, Recovery
from .models import Diagnostic, Span

__all__ = [
    "LINE_TABLE",
    "POST2019_ROW",
    "SHEET_ROW",
    "Evidence",
    "Facts",
    "Outcome",
    "Verdicts",
    "Wording",
    "cut_short_diagnostic",
    "dropped_diagnostics",
    "end_unproven_diagnostic",
    "evidence",
    "placement_diagnostic",
    "whole_outcome",
]


@attrs.frozen(slots=True)
class Outcome:
    """What reading and recovery say of one observation (a row, or a table read as one run)."""

    noise: str | None = None  # why its values could not be read at all, before recovery
    unreadable: str | None = None  # why no placement fits its values
    bounded: bool = False  # too many placements to search
    ways: int | None = None  # how many placements fit, when more than one does
    split: bool = False  # glued digits were split at the only places the identities allow


@attrs.frozen(slots=True)
class Verdicts:
    """A :class:`Recovery`'s verdicts indexed by observation name, built once per recovery."""

    unreadable: Mapping[str, str]
    ambiguous: Mapping[str, int]
    bounded: frozenset[str]
    split: frozenset[str]

    @classmethod
    def of(cls, rec: Recovery) -> Verdicts:
        return cls(dict(rec.unreadable), dict(rec.ambiguous), frozenset(rec.bounded), frozenset(rec.split))

    def outcome(self, name: str, noise: str | None = None) -> Outcome:
        """The outcome of the observation ``name`` (``noise``: why the reader could not read it)."""
        return Outcome(noise, self.unreadable.get(name), name in self.bounded, self.ambiguous.get(name),
                       name in self.split)


def whole_outcome(rec: Recovery) -> Outcome:
    """The outcome of a recovery of one observation, or of a table whose verdicts are its first."""
    return Outcome(None, rec.unreadable[0][1] if rec.unreadable else None, bool(rec.bounded),
                   rec.ambiguous[0][1] if rec.ambiguous else None, bool(rec.split))


@attrs.frozen(slots=True)
class Wording:
    """A layout's messages, :meth:`str.format` templates over the fields of :class:`Facts` and
    ``why`` (the reason) and ``ways`` (the number of placements)."""

    noise: str
    unreadable: str
    bounded: str
    ambiguous: str
    split: str
    glued_ambiguous: str | None = None  # glued digits left ambiguous; None: said as ``ambiguous``
    cut_short: str = ""  # the text ends inside the row
    cut_code: str = "ROW_CUT_SHORT"  # the code that says so
    end_unproven: str = ""  # nothing marks where the row ends (``why`` says what follows it)


@attrs.frozen(slots=True)
class Facts:
    """What a message names of an observation."""

    label: str
    count: int  # the values read
    written: str  # the values as written
    columns: int  # the cells they are placed in
    glued: bool  # some value is a run of glued digits
    cells: str = ""  # the cells as placed (for a split)


_BOUNDED = "row {label}: too many possible placements to search; its values are uncertain"
_EVERY_IDENTITY = "satisfy every applicable identity"

#: The rows of the post-2019 tables.
POST2019_ROW = Wording(
    noise="row {label}: {why}; its values are unknown",
    unreadable="row {label}: {count} value(s) ({written}): {why}",
    bounded=_BOUNDED,
    ambiguous="row {label}: {count} value(s) for {columns} columns; {ways} placements " + _EVERY_IDENTITY,
    split="row {label}: glued digits split as {cells}",
    glued_ambiguous="row {label}: the glued digits {written} split {ways} ways that " + _EVERY_IDENTITY
    + "; none is proven, its cells are uncertain",
    cut_short="row {label}: {count} value(s) and the text ends after them; the cells it does not show are uncertain, "
    "not blank",
    end_unproven="row {label}: {count} value(s), and the next row label is further down the template (or none "
    "follows): they may belong to a row between whose label was lost, so the cells it does not show are uncertain",
)
#: The review/litigation table read as one run of values, placed under A4.
LINE_TABLE = Wording(
    noise="{why}; the table's values are unknown",
    unreadable="{count} value(s) ({written}) do not fit the {columns} cells of the table",
    bounded="too many possible placements of the table's values to search",
    ambiguous="{count} value(s) for {columns} cells; {ways} placements satisfy A4",
    split="glued digits split at the only places A4 allows",
    glued_ambiguous="the glued digits {written} split {ways} ways that satisfy A4; none is proven, the cells "
    "are uncertain",
    cut_short="{count} value(s) and the text ends after them; the cells they do not show are uncertain, not blank",
)
#: The rows of a pre-2019 statistics sheet: the values as written, glued digits left ambiguous said
#: as any other ambiguity.
SHEET_ROW = attrs.evolve(
    POST2019_ROW, unreadable="row {label}: value(s) {written}: {why}",
    ambiguous="row {label}: value(s) {written} for {columns} columns; {ways} placements " + _EVERY_IDENTITY,
    split="row {label}: glued digits {written} split as {cells}", glued_ambiguous=None,
    cut_short="row {label}: the text ends inside it, after {count} value(s) for {columns} column(s); its cells are "
    "uncertain", cut_code="SHEET_ROW_CUT",
    end_unproven="row {label}: {count} value(s) for {columns} column(s), and {why}: the cells it does not show are "
    "uncertain, not blank",
)


def _verdict(outcome: Outcome, facts: Facts, wording: Wording) -> tuple[str, str] | None:
    """The code and message template of an outcome, the first that applies."""
    if outcome.noise is not None:
        return "ROW_UNREADABLE", wording.noise
    if outcome.unreadable is not None:
        return "ROW_UNREADABLE", wording.unreadable
    if outcome.bounded:
        return "PLACEMENT_BOUND", wording.bounded
    if outcome.ways is not None:
        if facts.glued and wording.glued_ambiguous is not None:
            return "ROW_UNREADABLE", wording.glued_ambiguous
        return "PLACEMENT_AMBIGUOUS", wording.ambiguous
    if outcome.split:
        return "DIGITS_SPLIT", wording.split
    return None


def _message(template: str, facts: Facts, why: str | None = None, ways: int | None = None) -> str:
    return template.format(label=facts.label, count=facts.count, written=facts.written, columns=facts.columns,
                           cells=facts.cells, why=why, ways=ways)


def placement_diagnostic(outcome: Outcome, facts: Facts, wording: Wording, span: Span | None,
                         path: str) -> Diagnostic | None:
    """The one diagnostic of how an observation's values were placed, if not as written."""
    verdict = _verdict(outcome, facts, wording)
    if verdict is None:
        return None
    code, template = verdict
    why = outcome.noise if outcome.noise is not None else outcome.unreadable
    return dg.make(code, _message(template, facts, why, outcome.ways), span=span, path=path)


class Evidence(NamedTuple):
    """Whether a cell is certain, and the span that proves it."""

    certain: bool
    span: Span | None
    end_doubt: bool  #: left uncertain only because nothing marks where its row ends


def evidence(res: CellResult, row_span: Span, *, doubted: bool, end_marked: bool) -> Evidence:
    """A recovered cell certain only with evidence (the certainty invariant, one rule for every
    reader): a value read from the text keeps its own span; a blank read directly in a row whose end
    the source marks (``end_marked``: a closing pipe, the next row's label) has the row as written
    (``row_span``) for its evidence. In a row whose end nothing marks, a blank, or a value placed by
    arithmetic that assumed the row complete (``行政强制 | 0 | 0`` at the end of the text may have been
    ``… | 0 | 0 | 5``), is uncertain; every cell of a ``doubted`` row (cut short by the text, its
    values perhaps another row's, read twice with other values) is uncertain."""
    end_doubt = res.certain and not end_marked and (res.span is None or res.placed)
    certain = res.certain and not doubted and not end_doubt
    span = row_span if certain and res.span is None and not res.placed else res.span
    return Evidence(certain, span, end_doubt)


def cut_short_diagnostic(facts: Facts, wording: Wording, span: Span | None, path: str) -> Diagnostic:
    """The text ends inside a row (or a table read as one run): the cells it does not show are
    uncertain, not blank."""
    return dg.make(wording.cut_code, _message(wording.cut_short, facts), span=span, path=path)


def end_unproven_diagnostic(facts: Facts, wording: Wording, span: Span | None, path: str, why: str = ""
                            ) -> Diagnostic:
    """Nothing marks where a row ends (``why``: what follows it, for a wording that names it): the
    cells it does not show, or placed by arithmetic that assumed it complete, are uncertain."""
    return dg.make("ROW_END_UNPROVEN", _message(wording.end_unproven, facts, why), span=span, path=path)


def _groups(dropped: Sequence[tuple[str, str]], grouped: bool) -> list[tuple[list[str], str]]:
    """The dropped identities, one group per reason (``grouped``) or one per identity."""
    if not grouped:
        return [([ident], why) for ident, why in dropped]
    by_why: dict[str, list[str]] = {}
    for ident, why in dropped:
        by_why.setdefault(why, []).append(ident)
    return [(idents, why) for why, idents in by_why.items()]


def dropped_diagnostics(dropped: Sequence[tuple[str, str]], path: str, *, grouped: bool = True
                        ) -> list[Diagnostic]:
    """One ``PLACEMENT_INCONSISTENT`` per reason (or per identity), naming the identities recovery
    dropped."""
    out = []
    for idents, why in _groups(dropped, grouped):
        shown = ", ".join(idents[:8]) + (f" and {len(idents) - 8} more" if len(idents) > 8 else "")
        out.append(dg.make("PLACEMENT_INCONSISTENT", f"{shown} not used to place values: {why}", path=path))
    return out
