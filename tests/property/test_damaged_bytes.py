"""Damaged bytes: a report with a few bad bytes keeps its encoding, its format and every value
outside the damaged lines (issue 15).

A valid UTF-8 or GB18030 report with k <= 3 random bytes changed is decoded in its own encoding,
the bad bytes replaced by U+FFFD (never as another encoding: GB18030 reads most UTF-8 byte pairs,
so a damaged UTF-8 file used to come back as GB18030 mojibake with no tables).
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from hypothesis import example, given
from hypothesis import strategies as st

from zhgov_report import Report, Value, parse
from zhgov_report._intake import decode

from ..conftest import DATA
from ..strategies.forms import AnyReport, any_reports
from ..strategies.render import render

#: Reports of the committed corpus: a form2021 as found, a form2019 and two pre-2019 sheets rendered
#: in pipes (one with a duplicate sheet).
CASES = ("raw-002.asis", "raw-004.scraped", "html-006.scraped", "html-003.scraped")
ENCODINGS = ("utf-8", "gb18030")


@functools.cache
def _original(case: str, encoding: str) -> tuple[bytes, Report]:
    data = (DATA / "corpus" / f"{case}.txt").read_text(encoding="utf-8").encode(encoding)
    return data, parse(data)


class Damage(NamedTuple):
    offset: int
    byte: int


def _damaged_lines(data: bytes, damage: list[Damage]) -> set[int]:
    """The 1-based lines of the original bytes that a changed byte touches (a changed line break
    joins its line to the next)."""
    lines = set()
    for d in damage:
        line = data.count(b"\n", 0, d.offset) + 1
        lines.add(line)
        if data[d.offset] == ord("\n"):
            lines.add(line + 1)
    return lines


class Seen(NamedTuple):
    """A cell as a parse gave it, and the lines of its table (with the heading line above it)."""

    value: Value
    certain: bool
    line: int | None  #: the line of the cell (or of its row)
    lines: range


def _cells(report: Report) -> dict[str, Seen]:
    out = {}
    for table in report.tables:
        span = table.span
        lines = range(span.line - 1, span.end_line + 1) if span is not None else range(0)
        for row in table.rows:
            for cell in row.cells:
                at = cell.span if cell.span is not None else row.span
                out[cell.key] = Seen(cell.value, cell.certain, at.line if at is not None else None, lines)
    return out


def _same(a: Value, b: Value) -> bool:
    """The same value (a unit may differ: a duplicate sheet may stand in for a damaged one)."""
    return (a.kind, a.number) == (b.kind, b.number)


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, str, list[Damage]]:
    case = draw(st.sampled_from(CASES))
    encoding = draw(st.sampled_from(ENCODINGS))
    size = len(_original(case, encoding)[0])
    k = draw(st.integers(1, 3))
    damage = [Damage(draw(st.integers(0, size - 1)), draw(st.integers(0, 255))) for _ in range(k)]
    return case, encoding, damage


class Outcome(NamedTuple):
    before: Report
    after: Report
    used: str  #: the encoding decode() chose for the damaged bytes
    hit: set[int]  #: the damaged lines


def _damage(example: tuple[str, str, list[Damage]]) -> Outcome:
    case, encoding, damage = example
    data, before = _original(case, encoding)
    broken = bytearray(data)
    for d in damage:
        broken[d.offset] = d.byte
    _, used, _ = decode(bytes(broken))
    return Outcome(before, parse(bytes(broken)), used, _damaged_lines(data, damage))


@given(damaged())
def test_a_few_bad_bytes_lose_only_their_lines(example: tuple[str, str, list[Damage]]) -> None:
    out = _damage(example)
    assert out.used == example[1]
    assert out.after.meta.encoding == example[1]
    assert out.after.format is out.before.format
    cells = _cells(out.after)
    for key, seen in _cells(out.before).items():
        if not out.hit.intersection(seen.lines):  # a table without damage is read as it was
            got = cells.get(key)
            assert got is not None and (got.value, got.certain) == (seen.value, seen.certain), key


@given(damaged())
# A damaged byte that replaces the last "|" of "| 3 | 0 | 0 | 0 | 3 |" in raw-002.asis cut the
# review/litigation table's values short, and the rows after it were read as blank (a certain 0):
# kept as an explicit example.
@example(("raw-002.asis", "gb18030", [Damage(4479, ord("!"))]))
def test_damage_makes_no_certain_value_wrong_outside_its_lines(example: tuple[str, str, list[Damage]]) -> None:
    out = _damage(example)
    cells = _cells(out.after)
    for key, seen in _cells(out.before).items():
        got = cells.get(key)
        if got is not None and got.certain and seen.line not in out.hit:
            assert _same(got.value, seen.value), f"{key} changed; damaged lines {sorted(out.hit)}"


def test_the_issue_reproductions() -> None:
    """Byte 1000 set to 0xFF, and the last character cut, keep a UTF-8 report whole."""
    data, before = _original("raw-002.asis", "utf-8")
    stray = bytearray(data)
    stray[1000] = 0xFF
    cut = data.rstrip()[:-1]
    for broken in (bytes(stray), cut):
        after = parse(broken)
        assert after.meta.encoding == "utf-8"
        assert after.format is before.format
        (diag,) = after.diagnostics_with("DECODE_REPLACED")
        assert "utf-8" in diag.message and "byte" in diag.message
    message = parse(bytes(stray)).diagnostics_with("DECODE_REPLACED")[0].message
    assert 997 <= int(message.rsplit(" ", 1)[1]) <= 1000  # the character the stray byte broke


@given(any_reports(), st.sampled_from(ENCODINGS), st.data())
def test_generated_reports_keep_their_encoding_and_format(report: AnyReport, encoding: str,
                                                          data: st.DataObject) -> None:
    """The same on generated reports of every layout (shorter than real ones: fewer characters
    outside ASCII stand behind each bad byte)."""
    text = render(report).text
    clean = text.encode(encoding)
    broken = bytearray(clean)
    for _ in range(data.draw(st.integers(1, 3))):
        broken[data.draw(st.integers(0, len(broken) - 1))] = data.draw(st.integers(0, 255))
    _, used, _ = decode(bytes(broken))
    assert used == encoding
    assert parse(bytes(broken)).format is parse(clean).format
