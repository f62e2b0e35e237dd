"""Command line: ``python -m zhgov_report`` (also installed as ``zhgov-report``).

The only module of the package that touches the file system.

::

    zhgov-report reports/ --format csv > values.csv     # every report file under reports/, long rows (certain)
    zhgov-report reports/ --panel --excel -o panel.csv  # one row per report, harmonised, for spreadsheets
    zhgov-report a.txt b.txt --format jsonl             # one JSON document per report
    cat a.txt | zhgov-report                            # standard input
    zhgov-report --example                              # the report bundled with the package

Inputs are files, folders (searched recursively for ``*.txt``, ``*.html``, ``*.htm``, ``*.shtml``, ``*.pdf`` and
``*.docx``; ``--glob`` changes that, e.g.
``--glob '*.txt' --glob '*.md'``; hidden files and folders are skipped) and ``-`` for standard input, which is also read
when no input is given and standard input is not a terminal. Output goes to standard output
(or ``--output``); a progress bar (when standard error is a terminal and there is more than one
input) and a closing summary go to standard error. The exit status is 0, or 1 when an input
could not be read.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import csv
import importlib.util
import io
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import attrs

from . import __version__, flatten, parse
from ._convert import RECORD_FIELDS, to_dict, to_records
from ._panel import META_FIELDS, PANEL_KEYS, Sourced, wide_rows
from ._pdf import PDF_EXTRA_HINT
from ._sniff import is_pdf
from .examples import EXAMPLES, example_text
from .models import CheckStatus, Report

__all__ = ["DEFAULT_GLOBS", "FORMATS", "main", "render_text"]

#: The output formats of ``--format``.
FORMATS = ("text", "json", "jsonl", "csv")

#: File name patterns searched for in folders when ``--glob`` is not given.
DEFAULT_GLOBS = ("*.txt", "*.html", "*.htm", "*.shtml", "*.pdf", "*.docx")

PROG = "zhgov-report"


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
    for chk in report.checks:
        if chk.status is CheckStatus.FAIL:
            out.append(f"  FAIL {chk.id}: {chk.description} ({chk.message})")
    if report.diagnostics:
        out.append("diagnostics:")
        for d in report.diagnostics:
            out.append(f"  {d}")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# inputs


@attrs.frozen
class _Input:
    """One report to read: a file, standard input (``path is None``) or a bundled example."""

    name: str
    path: Path | None = None
    example: str | None = None

    def read(self) -> bytes | str:
        if self.example is not None:
            return example_text(self.example)
        if self.path is None:
            return sys.stdin.buffer.read()
        return self.path.read_bytes()


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _folder(root: Path, globs: Sequence[str], errors: list[str]) -> list[_Input]:
    found: set[Path] = set()

    def onerror(e: OSError) -> None:
        errors.append(f"cannot read {e.filename}: {e.strerror}")

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        here = Path(dirpath)
        for f in filenames:
            p = here / f
            if not f.startswith(".") and any(p.match(g) for g in globs):
                found.add(p)
    return [_Input(str(p), p) for p in sorted(found) if not _hidden(p, root)]


def _inputs(args: argparse.Namespace, errors: list[str]) -> list[_Input]:
    out: list[_Input] = []
    if args.example:
        out.append(_Input(f"bundled example {args.example}", example=args.example))
    paths: list[str] = list(args.paths)
    if not paths and not args.example and sys.stdin is not None and not sys.stdin.isatty():
        paths = ["-"]
    globs = tuple(args.glob) if args.glob else DEFAULT_GLOBS
    for p in paths:
        if p == "-":
            out.append(_Input("-"))
            continue
        path = Path(p)
        if path.is_dir():
            found = _folder(path, globs, errors)
            if not found:
                print(f"{PROG}: no {' or '.join(globs)} files in {p}", file=sys.stderr)
            out.extend(found)
        else:
            out.append(_Input(p, path))  # read (or fail to) later, in order
    return out


# --------------------------------------------------------------------------------------------
# one report: parse and render (run in a worker process with --jobs)


@attrs.frozen
class _Done:
    """What one input gave: its rendered output and the figures of the closing summary."""

    name: str
    output: str = ""
    error: str | None = None
    format: str | None = None
    checks: tuple[tuple[str, int], ...] = ()
    diagnostics: tuple[tuple[str, int], ...] = ()


def _jsonable(v: Any) -> Any:
    return str(v) if not isinstance(v, (str, int, bool, type(None))) else v


@attrs.frozen
class _Options:
    """What to write for each report (picklable, for worker processes)."""

    format: str = "text"
    narrative: bool = False
    uncertain: bool = False
    panel: bool = False


def _csv(rows: Sequence[dict[str, Any]], fields: Sequence[str], first: bool) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    if first:
        writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else _jsonable(v) for k, v in row.items()})
    return buf.getvalue()


def _render(report: Report, name: str, opts: _Options, first: bool) -> str:
    fmt = opts.format
    if opts.panel:
        rows = wide_rows([Sourced(name, report)], harmonized=True, uncertain=opts.uncertain)
        return _csv(rows, (*META_FIELDS, *PANEL_KEYS), first)
    if fmt == "text":
        return ("" if first else "\n") + render_text(report, name) + "\n"
    if fmt in ("json", "jsonl"):
        doc = json.dumps({"file": name, "report": to_dict(report)}, ensure_ascii=False,
                         indent=None if fmt == "jsonl" else 1)
        if fmt == "jsonl":
            return doc + "\n"
        return ("[\n" if first else ",\n") + doc
    records = to_records(report, source=name, narrative=opts.narrative)
    return _csv([dict(r) for r in records if r["certain"] or opts.uncertain], RECORD_FIELDS, first)


def _process(name: str, data: bytes | str, opts: _Options, first: bool) -> _Done:
    report = parse(data)
    checks = collections.Counter(c.status.value for c in report.checks)
    diags = collections.Counter(d.code for d in report.diagnostics)
    return _Done(name, _render(report, name, opts, first), format=report.format.value,
                 checks=tuple(sorted(checks.items())), diagnostics=tuple(sorted(diags.items())))


def _read(item: _Input) -> tuple[bytes | str | None, str | None]:
    try:
        data = item.read()
    except OSError as e:
        return None, f"cannot read {item.name}: {e.strerror or e}"
    if isinstance(data, bytes) and is_pdf(data) and importlib.util.find_spec("pypdfium2") is None:
        return None, f"cannot read {item.name}: {PDF_EXTRA_HINT}"
    return data, None


def _run(items: Sequence[_Input], opts: _Options, jobs: int) -> Iterator[_Done]:
    """Parse every input, in order; in ``jobs`` worker processes when ``jobs > 1``."""
    first = True

    def todo() -> Iterator[tuple[_Input, bytes | str | None, str | None, bool]]:
        nonlocal first
        for item in items:
            data, error = _read(item)
            yield item, data, error, first and error is None
            if error is None:
                first = False

    if jobs <= 1:
        for item, data, error, is_first in todo():
            if data is None:
                yield _Done(item.name, error=error)
            else:
                yield _process(item.name, data, opts, is_first)
        return
    window = jobs * 4
    pending: collections.deque[concurrent.futures.Future[_Done] | _Done] = collections.deque()
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        for item, data, error, is_first in todo():
            if data is None:
                pending.append(_Done(item.name, error=error))
            else:
                pending.append(pool.submit(_process, item.name, data, opts, is_first))
            while len(pending) > window:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())


def _result(p: concurrent.futures.Future[_Done] | _Done) -> _Done:
    return p if isinstance(p, _Done) else p.result()


# --------------------------------------------------------------------------------------------
# progress and summary (standard error)


class _Progress:
    """A one-line progress bar on standard error, redrawn in place."""

    def __init__(self, total: int, stream: IO[str]) -> None:
        self.total = total
        self.stream = stream
        self.width = 0

    def update(self, done: int, name: str) -> None:
        cols = shutil.get_terminal_size((80, 24)).columns
        bar_len = 24
        filled = bar_len * done // max(self.total, 1)
        line = f"[{'#' * filled}{'.' * (bar_len - filled)}] {done}/{self.total} {name}"
        line = line[: max(cols - 1, 10)]
        self.stream.write("\r" + line.ljust(self.width))
        self.width = len(line)
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r" + " " * self.width + "\r")
        self.stream.flush()


def _summary(done: Sequence[_Done], seconds: float) -> str:
    read = [d for d in done if d.error is None]
    failed = len(done) - len(read)
    formats = collections.Counter(d.format for d in read if d.format)
    checks: collections.Counter[str] = collections.Counter()
    diags: collections.Counter[str] = collections.Counter()
    failing_reports = 0
    for d in read:
        checks.update(dict(d.checks))
        diags.update(dict(d.diagnostics))
        failing_reports += dict(d.checks).get(CheckStatus.FAIL.value, 0) > 0
    lines = [f"{PROG}: {len(read)} file{'s' if len(read) != 1 else ''} parsed"
             + (f", {failed} could not be read" if failed else "") + f" in {seconds:.2f} s"]
    lines.append("  formats: " + (", ".join(f"{f} {n}" for f, n in sorted(formats.items())) or "none"))
    failed_checks = checks.get(CheckStatus.FAIL.value, 0)
    passed = checks.get(CheckStatus.PASS.value, 0)
    not_assessable = checks.get(CheckStatus.NOT_ASSESSABLE.value, 0)
    reports = f"report{'s' if failing_reports != 1 else ''}"
    lines.append(f"  checks failed: {failed_checks} in {failing_reports} {reports}"
                 f" (passed {passed}, not assessable {not_assessable})")
    by_count = sorted(diags.items(), key=lambda x: (-x[1], x[0]))
    lines.append("  diagnostics: " + (", ".join(f"{c} {n}" for c, n in by_count) or "none"))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# main


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog=PROG,
        description="Parse government information disclosure annual reports (政府信息公开工作年度报告) "
                    "into typed, checked data.",
        epilog="Folders are searched recursively for *.txt, *.html, *.htm, *.shtml, *.pdf and *.docx files (see "
               "--glob). With no input "
               "and standard input not a terminal, standard input is read. Exit status: 0, or 1 when an "
               "input could not be read.",
    )
    ap.add_argument("paths", nargs="*", metavar="PATH",
                    help="report text file, folder of them, or '-' for standard input")
    ap.add_argument("-f", "--format", choices=FORMATS, default="text",
                    help="text: a summary for people (default); json: one array of {file, report} "
                         "documents (to_dict); jsonl: one such document per line; csv: long records "
                         "(to_records), one row per certain table cell (see --uncertain)")
    ap.add_argument("-o", "--output", metavar="FILE", help="write to FILE (UTF-8) instead of standard output")
    ap.add_argument("--glob", action="append", metavar="PATTERN",
                    help=f"file name pattern searched for in folders (repeatable; default: "
                         f"{' '.join(DEFAULT_GLOBS)})")
    ap.add_argument("--narrative", action="store_true",
                    help="csv: add the figures stated in the prose (keys under narrative.)")
    ap.add_argument("--uncertain", action="store_true",
                    help="csv and --panel: add the values the text does not prove, at their most plausible "
                         "placement (csv marks them certain=False); by default only certain values are written")
    ap.add_argument("--panel", action="store_true",
                    help="write the harmonised panel as CSV instead: one row per report (agency, year, format, "
                         "source, then every panel.* quantity), in input order")
    ap.add_argument("--excel", action="store_true",
                    help="csv and --panel: begin the output with a byte order mark, so that spreadsheet "
                         "programs read the Chinese text as UTF-8")
    ap.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                    help="parse in N worker processes (default 1)")
    ap.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="show a progress bar on standard error (default: when it is a terminal and "
                         "there is more than one input)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no closing summary on standard error")
    ap.add_argument("--example", nargs="?", const=EXAMPLES[0], choices=EXAMPLES,
                    help="parse a report bundled with the package")
    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return ap


def _open_output(path: str | None) -> tuple[IO[str], Callable[[], None]]:
    if path is not None:
        f = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed by the returned closer)
        return f, f.close
    out = sys.stdout
    enc = (getattr(out, "encoding", None) or "").lower().replace("-", "")
    if enc != "utf8" and isinstance(out, io.TextIOWrapper):
        out.reconfigure(encoding="utf-8")
    return out, out.flush


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    try:
        return _main(argv)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130


def _main(argv: Sequence[str] | None) -> int:
    ap = _parser()
    args = ap.parse_args(argv)
    if args.jobs < 1:
        ap.error("--jobs must be at least 1")
    if args.excel and not (args.panel or args.format == "csv"):
        ap.error("--excel applies to --format csv and --panel")
    errors: list[str] = []
    items = _inputs(args, errors)
    if not items and not errors and not args.paths:
        ap.error("give report files or folders, '-' for standard input, or --example")
    for e in errors:
        print(f"{PROG}: {e}", file=sys.stderr)
    show_progress = args.progress if args.progress is not None else (sys.stderr.isatty() and len(items) > 1)
    progress = _Progress(len(items), sys.stderr) if show_progress else None
    try:
        out, close = _open_output(args.output)
    except OSError as e:
        print(f"{PROG}: cannot write {args.output}: {e.strerror}", file=sys.stderr)
        return 1
    opts = _Options(args.format, args.narrative, args.uncertain, args.panel)
    if args.excel and (args.panel or args.format == "csv"):
        out.write("\ufeff")
    start = time.perf_counter()
    done: list[_Done] = []
    wrote_json = False
    try:
        for result in _run(items, opts, args.jobs):
            done.append(result)
            if result.error is not None:
                if progress:
                    progress.close()
                print(f"{PROG}: {result.error}", file=sys.stderr)
            else:
                out.write(result.output)
                wrote_json = wrote_json or args.format == "json"
            if progress:
                progress.update(len(done), result.name)
        if args.format == "json" and not args.panel:
            out.write("\n]\n" if wrote_json else "[]\n")
    finally:
        if progress:
            progress.close()
        close()
    if not args.quiet:
        print(_summary(done, time.perf_counter() - start), file=sys.stderr)
    return 1 if errors or any(d.error is not None for d in done) else 0


if __name__ == "__main__":
    sys.exit(main())
