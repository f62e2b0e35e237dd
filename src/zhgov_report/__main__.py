"""Command line: ``python -m zhgov_report`` (also installed as ``zhgov-report``).

The only module that touches the file system.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, flatten, parse
from .examples import EXAMPLES, example_text
from .models import CheckStatus, Report

__all__ = ["main", "render_text"]


def render_text(report: Report, name: str = "") -> str:
    """A human-readable summary of a parsed report."""
    out: list[str] = []
    m = report.meta
    out.append(f"== {name or m.title or 'report'}")
    out.append(f"format: {report.format}    year: {m.year}    agency: {m.agency}")
    if m.title:
        out.append(f"title: {m.title}")
    flat = flatten(report)
    values = {k: v for k, v in flat.items() if not k.startswith("meta.")}
    uncertain = [c for t in report.tables for c in t.cells if not c.certain]
    out.append(f"tables: {', '.join(t.id for t in report.tables) or 'none'}    certain values: {len(values)}"
               f"    uncertain cells: {len(uncertain)}")
    for k, v in values.items():
        if v is not None:
            out.append(f"  {k} = {v}")
    if uncertain:
        out.append("uncertain (most plausible placement, not in flatten()):")
        for c in uncertain:
            if c.value.as_flat() is not None:
                out.append(f"  {c.key} ~ {c.value.as_flat()}")
    counts = {s: sum(1 for c in report.checks if c.status is s) for s in CheckStatus}
    out.append("checks: " + ", ".join(f"{n} {s}" for s, n in counts.items()))
    for c in report.checks:
        if c.status is CheckStatus.FAIL:
            out.append(f"  FAIL {c.id}: {c.description} ({c.message})")
    if report.diagnostics:
        out.append("diagnostics:")
        for d in report.diagnostics:
            out.append(f"  {d}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="zhgov-report",
        description="Parse government information disclosure annual reports (政府信息公开工作年度报告).",
    )
    ap.add_argument("files", nargs="*", help="report text files ('-' for standard input)")
    ap.add_argument("--example", nargs="?", const=EXAMPLES[0], choices=EXAMPLES,
                    help="parse a report bundled with the package")
    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args = ap.parse_args(argv)
    if not args.files and not args.example:
        ap.error("give report files, '-' for standard input, or --example")
    status = 0
    if args.example:
        print(render_text(parse(example_text(args.example)), f"bundled example {args.example}"))
    for f in args.files:
        try:
            data = sys.stdin.buffer.read() if f == "-" else Path(f).read_bytes()
        except OSError as e:
            print(f"zhgov-report: cannot read {f}: {e.strerror}", file=sys.stderr)
            status = 1
            continue
        print(render_text(parse(data), f))
    return status


if __name__ == "__main__":
    sys.exit(main())
