#!/usr/bin/env python3
"""Throughput and scaling of zhgov_report.parse(), standard library only.

    python benchmarks/bench.py                          # seeds + committed test data + scaling
    python benchmarks/bench.py --corpus ../shared/corpus
    python benchmarks/bench.py --profile                # also: where the time goes (cProfile)
    python benchmarks/bench.py --quick                  # a few seconds: small sizes, one round

What it reports:

1. reports per second for ``parse()`` and for ``parse()`` + ``flatten()`` over the seed reports
   (``tests/data/seeds``) and over a corpus folder (every ``*.txt`` under it, recursively;
   default: the committed test data, ``tests/data``), in one process on one core, after one
   warm-up pass (regular expressions compiled);
   and over the Word and PDF files under each corpus folder (``*.docx``, ``*.pdf``; the PDFs with
   the ``pdf`` extra installed), with the targets of a 20 ms median for a Word file and 250 ms for
   a PDF;
2. scaling: seconds for synthetic inputs of 10 KB, 100 KB, 1 MB and 10 MB (characters), typical
   (a real report repeated) and hostile (a line of pipes, a line of digits, one label repeated,
   many short lines, table rows repeated), with the time per MB and the growth factor from one size
   to the next (10 for linear growth);
3. with ``--profile``, the pipeline stages and the functions with the most own time;
4. with ``--floor``, a lower bound on the time of any ``parse()`` that returns these results: the
   CPU time of only constructing the objects of each result (``attrs`` instances: spans, values,
   cells, rows...), each with its own constructor and its fields as they are, nothing else.

Times are the CPU time of the benchmark's process (``--clock wall`` for elapsed time), so figures stay
steady when other work shares the machine.

The targets: at least 1,000 typical reports per second for ``parse()``, and no 10 MB input above
2 seconds. The closing lines say whether they were met. Exit status 0 either way (it measures; the
tests decide), 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import cProfile
import enum
import json
import platform
import pstats
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import attrs  # noqa: E402

import zhgov_report  # noqa: E402
from zhgov_report._recover import clear_memos  # noqa: E402

SEEDS = ROOT / "tests" / "data" / "seeds"
#: HTML pages (``NAME.html``) with the same reports' scraped text (``NAME.scraped.txt``) beside them
HTML = ROOT / "tests" / "data" / "html"
TARGET_HTML = 2.0  # an HTML page costs at most this many times its report's scraped text
DEFAULT_CORPUS = ROOT / "tests" / "data"
TARGET_RATE = 1000.0  # typical reports per second for parse()
#: Documents: the median parse() of a Word file, and of a PDF (a report of about six pages), in ms.
DOCUMENT_TARGETS_MS = {"docx": 20.0, "pdf": 250.0}

#: The clock: CPU time of this process by default (steady on a machine that other work shares),
#: wall-clock time with ``--clock wall``.
CLOCK = time.process_time
TARGET_10MB = 2.0  # seconds, any 10 MB input

KB = 1000
SIZES = {"10KB": 10 * KB, "100KB": 100 * KB, "1MB": 1000 * KB, "10MB": 10_000 * KB}

#: The pipeline stages as cProfile names them: (module file suffix, function name).
STAGES = (
    ("intake: decode bytes", "_intake.py", "decode"),
    ("intake: normalise", "_intake.py", "normalise"),
    ("tokenize: lines and cells", "_tokenize.py", "_lines_between"),
    ("detect: format and year", "detect.py", "detect_source"),
    ("sections: headings", "_sections.py", "find_headings"),
    ("sections: bodies", "_sections.py", "sections_of"),
    ("prose: meta", "_prose.py", "extract_meta"),
    ("tables: post-2019 (with recovery)", "_tables.py", "read_post2019"),
    ("recovery: placements", "_recover.py", "recover"),
    ("checks", "checks.py", "evaluate"),
    ("sheet: pre-2019", "_sheet.py", "read_sheet"),
    ("flatten", "export.py", "flatten"),
)


def _texts(folder: Path, pattern: str = "*.txt") -> list[bytes]:
    return [p.read_bytes() for p in sorted(folder.rglob(pattern)) if p.is_file()]


def _document_sets(folder: Path) -> list[tuple[str, list[bytes]]]:
    """The Word and PDF files under ``folder`` (PDFs only with the ``pdf`` extra installed)."""
    import importlib.util

    out = []
    for ext in DOCUMENT_TARGETS_MS:
        docs = _texts(folder, f"*.{ext}")
        if docs and (ext != "pdf" or importlib.util.find_spec("pypdfium2") is not None):
            out.append((f"{ext} files under {folder}", docs))
    return out


def _rate(
    texts: Sequence[bytes], fn: Callable[[bytes], object], min_seconds: float, rounds: int
) -> dict[str, Any]:
    """Reports per second: best of ``rounds`` timed passes, each at least ``min_seconds`` long.

    Recovery remembers the enumerations of rows it has seen (rows recur across reports), so timing
    the same texts again and again would show cache hits a corpus of distinct reports does not
    have: every pass over the texts starts with those memos cleared, and each report is met once
    per pass, as in a real run over a folder. The warm-up pass fills the other caches (compiled
    regular expressions, label lookups), which a real run fills on its first reports as well."""
    for t in texts:  # warm-up: compile the regular expressions, fill caches
        fn(t)
    best = float("inf")
    per_report: list[float] = []
    for _ in range(rounds):
        n = 0
        elapsed = 0.0
        while True:
            clear_memos()
            start = CLOCK()
            for t in texts:
                fn(t)
            elapsed += CLOCK() - start
            n += len(texts)
            if elapsed >= min_seconds:
                break
        best = min(best, elapsed / n)
    clear_memos()
    for t in texts:
        s = CLOCK()
        fn(t)
        per_report.append(CLOCK() - s)
    total = sum(len(t) for t in texts)
    return {
        "reports": len(texts),
        "bytes": total,
        "per_second": 1.0 / best if best > 0 else float("inf"),
        "mean_ms": best * 1000,
        "median_ms": statistics.median(per_report) * 1000,
        "slowest_ms": max(per_report) * 1000,
        "mb_per_second": total / len(texts) / best / 1e6 if best > 0 else float("inf"),
    }


def _html_pairs(folder: Path) -> tuple[list[bytes], list[bytes]]:
    """The HTML pages of ``folder`` that have their scraped text beside them, and those texts."""
    pages = [p for p in sorted(folder.glob("*.html")) if p.with_suffix(".scraped.txt").is_file()]
    return [p.read_bytes() for p in pages], [p.with_suffix(".scraped.txt").read_bytes() for p in pages]


def html_cost(min_seconds: float, rounds: int) -> dict[str, Any] | None:
    """parse() of HTML pages against parse() of the same reports' scraped text."""
    pages, texts = _html_pairs(HTML)
    if not pages:
        return None
    html = _rate(pages, _parse, min_seconds, rounds)
    scraped = _rate(texts, _parse, min_seconds, rounds)
    return {"pages": len(pages), "html": html, "scraped": scraped, "ratio": html["mean_ms"] / scraped["mean_ms"]}


def _parse(data: bytes) -> object:
    return zhgov_report.parse(data)


def _parse_flatten(data: bytes) -> object:
    return zhgov_report.flatten(zhgov_report.parse(data))


def throughput(name: str, texts: Sequence[bytes], min_seconds: float, rounds: int) -> dict[str, Any]:
    return {"name": name, "parse": _rate(texts, _parse, min_seconds, rounds),
            "parse_flatten": _rate(texts, _parse_flatten, min_seconds, rounds)}


# ------------------------------------------------------------------------------------------------
# synthetic inputs


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _typical() -> str:
    return (SEEDS / "001_4c838dddf2b6ea41.txt").read_text(encoding="utf-8")


#: Synthetic inputs: name -> (description, maker of a text of n characters).
KINDS: dict[str, tuple[str, Callable[[int], str]]] = {
    "typical": ("a real report (seed 001), repeated", lambda n: _fill(_typical() + "\n", n)),
    "pipes": ("one line of pipes", lambda n: _fill("|", n)),
    "digits": ("one line of digits", lambda n: _fill("1234567890", n)),
    "label": ("one label repeated on one line", lambda n: _fill("一、本年新收政府信息公开申请数量", n)),
    "short-lines": ("many short lines (1 |)", lambda n: _fill("1 |\n", n)),
    "rows": ("one table row repeated", lambda n: _fill("（一）予以公开 | 1 | 2 | 3 |||||\n", n)),
    "cells": ("one line of pipe and digit cells", lambda n: _fill("| 1 ", n)),
    "ordinals": ("a heading's ordinal repeated (一、)", lambda n: _fill("一、", n)),
    "ordinal-lines": ("short lines of ordinals ((一) and 一、)", lambda n: _fill("（一）\n一、\n", n)),
    "html-cells": ("an HTML table's cells repeated", lambda n: "<table><tr>" + _fill("<td>1</td>", n)),
    "html-tags": ("HTML paragraphs repeated", lambda n: "<html>" + _fill("<p>规章 1</p>", n)),
}


def scaling(sizes: Sequence[str], kinds: Sequence[str], budget: float) -> list[dict[str, Any]]:
    """Seconds per input. A size is skipped when the previous one, scaled linearly, exceeds ``budget``."""
    out = []
    for kind in kinds:
        make = KINDS[kind][1]
        prev: tuple[int, float] | None = None
        for label in sizes:
            n = SIZES[label]
            if prev is not None and prev[1] * n / prev[0] > budget:
                out.append({"kind": kind, "size": label, "chars": n, "seconds": None,
                            "note": f"skipped: about {prev[1] * n / prev[0]:.0f} s expected"})
                continue
            text = make(n)
            reps = 5 if n <= 100 * KB else (2 if n <= 1000 * KB else 1)
            best = float("inf")
            for _ in range(reps):
                start = CLOCK()
                zhgov_report.parse(text)
                best = min(best, CLOCK() - start)
            growth = best / prev[1] if prev is not None and prev[1] > 0 else None
            out.append({"kind": kind, "size": label, "chars": n, "seconds": best,
                        "seconds_per_mb": best / (n / 1e6), "growth": growth,
                        "size_factor": n / prev[0] if prev is not None else None})
            prev = (n, best)
    return out


# ------------------------------------------------------------------------------------------------
# profile


def profile(texts: Sequence[bytes], top: int) -> dict[str, Any]:
    for t in texts:
        _parse_flatten(t)
    prof = cProfile.Profile()
    rounds = max(1, 200 // max(len(texts), 1))
    for _ in range(rounds):
        clear_memos()  # each pass meets the reports for the first time, as in _rate
        prof.enable()
        for t in texts:
            _parse_flatten(t)
        prof.disable()
    stats = pstats.Stats(prof)
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    stages = []
    for label, suffix, func in STAGES:
        cum = sum(v[3] for (f, _, name), v in raw.items() if name == func and f.endswith(suffix))
        calls = sum(v[1] for (f, _, name), v in raw.items() if name == func and f.endswith(suffix))
        if calls:
            stages.append({"stage": label, "function": f"{suffix[:-3]}.{func}", "seconds": cum,
                           "share": cum / total if total else 0.0})
    own = sorted(raw.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    functions = [{"function": f"{Path(f).name}:{line}({name})", "own_seconds": v[2], "cum_seconds": v[3],
                  "calls": v[1], "share": v[2] / total if total else 0.0} for (f, line, name), v in own]
    return {"reports_parsed": rounds * len(texts), "seconds": total, "stages": stages, "functions": functions}


def _constructions(obj: object, out: list[tuple[type, tuple[object, ...]]]) -> None:
    """Every attrs instance under ``obj`` as (class, its constructor's arguments), children first."""
    if isinstance(obj, (str, bytes, int, float, enum.Enum)) or obj is None:
        return
    cls = type(obj)
    if attrs.has(cls):
        args = tuple(getattr(obj, f.name) for f in attrs.fields(cls))
        for a in args:
            _constructions(a, out)
        out.append((cls, args))
    elif isinstance(obj, (tuple, list, frozenset, set)):
        for a in obj:
            _constructions(a, out)
    elif isinstance(obj, dict):
        for a in obj.values():
            _constructions(a, out)


def floor(texts: Sequence[bytes], min_seconds: float, rounds: int) -> dict[str, Any]:
    """The CPU time of constructing each result's objects again, and nothing else, per report.

    Any ``parse()`` returning these results must build at least these objects, so the time is a
    lower bound on ``parse()`` for this model, however fast the reading itself.
    """
    plans = []
    for t in texts:
        out: list[tuple[type, tuple[object, ...]]] = []
        _constructions(zhgov_report.parse(t), out)
        plans.append(out)
    objects = sum(len(p) for p in plans)

    def build(plan: list[tuple[type, tuple[object, ...]]]) -> object:
        for cls, args in plan:
            cls(*args)
        return None

    best = float("inf")
    for _ in range(rounds):
        n, start = 0, CLOCK()
        while True:
            for plan in plans:
                build(plan)
            n += len(plans)
            elapsed = CLOCK() - start
            if elapsed >= min_seconds:
                break
        best = min(best, elapsed / n)
    return {"reports": len(texts), "objects_per_report": objects / len(texts), "mean_ms": best * 1000,
            "per_second": 1.0 / best if best > 0 else float("inf")}


# ------------------------------------------------------------------------------------------------
# output


def _fmt_rate(r: dict[str, Any]) -> str:
    return (f"{r['per_second']:7.0f} reports/s  mean {r['mean_ms']:6.2f} ms  median {r['median_ms']:6.2f} "
            f"ms  slowest {r['slowest_ms']:7.2f} ms  {r['mb_per_second']:5.2f} MB/s")


def render(result: dict[str, Any]) -> str:
    lines = [f"zhgov_report {result['version']} on Python {result['python']} ({result['machine']}), "
             f"one process; times are {result['clock']}"]
    for t in result["throughput"]:
        lines.append(f"\n{t['name']}: {t['parse']['reports']} reports, {t['parse']['bytes'] / 1e3:.0f} KB")
        lines.append(f"  parse()            {_fmt_rate(t['parse'])}")
        lines.append(f"  parse() + flatten() {_fmt_rate(t['parse_flatten'])}")
    if result.get("html"):
        h = result["html"]
        lines.append(f"\nHTML pages (tests/data/html): {h['pages']} pages against their reports' scraped text")
        lines.append(f"  HTML page          {_fmt_rate(h['html'])}")
        lines.append(f"  scraped text       {_fmt_rate(h['scraped'])}")
    if result["scaling"]:
        lines.append("\nscaling (best of up to 5 runs; growth = time / time of the previous size; "
                     "10 is linear)")
        lines.append(f"  {'input':12} {'size':>6} {'seconds':>9} {'s per MB':>9} {'growth':>7}  description")
        for s in result["scaling"]:
            if s["seconds"] is None:
                lines.append(f"  {s['kind']:12} {s['size']:>6} {s['note']}")
                continue
            growth = f"{s['growth']:7.1f}" if s["growth"] is not None else f"{'':7}"
            lines.append(f"  {s['kind']:12} {s['size']:>6} {s['seconds']:9.4f} {s['seconds_per_mb']:9.4f} "
                         f"{growth}  {KINDS[s['kind']][0]}")
    if result.get("profile"):
        p = result["profile"]
        lines.append(f"\nprofile: parse() + flatten() of {p['reports_parsed']} reports, {p['seconds']:.2f} s "
                     "under cProfile")
        lines.append("  stages (cumulative time; nested stages overlap)")
        for s in p["stages"]:
            lines.append(f"    {s['stage']:36} {s['seconds']:7.3f} s {100 * s['share']:5.1f} %")
        lines.append("  functions with the most own time")
        for f in p["functions"]:
            lines.append(f"    {f['function'][:60]:60} {f['own_seconds']:7.3f} s {100 * f['share']:5.1f} % "
                         f"{f['calls']:>9} calls")
    if result.get("floor"):
        f = result["floor"]
        lines.append(f"\nfloor: the {f['reports']} results of {f['corpus']} hold {f['objects_per_report']:.0f} objects "
                     f"each; constructing them alone takes {f['mean_ms']:.2f} ms per report, so no parse() "
                     f"returning them runs faster than {f['per_second']:.0f} reports/s")
    lines.append("")
    lines.extend(result["verdict"])
    return "\n".join(lines)


def verdict(result: dict[str, Any]) -> list[str]:
    out = []
    for t in result["throughput"]:
        ext = t["name"].split(" ", 1)[0]
        if ext in DOCUMENT_TARGETS_MS:
            median, target = t["parse"]["median_ms"], DOCUMENT_TARGETS_MS[ext]
            ok = "met" if median <= target else "NOT met"
            out.append(f"target {target:.0f} ms median parse() of a {ext} file: {median:.1f} ms, {ok}")
            continue
        rate = t["parse"]["per_second"]
        ok = "met" if rate >= TARGET_RATE else "NOT met"
        out.append(f"target {TARGET_RATE:.0f} reports/s for parse() over {t['name']}: {rate:.0f}/s, {ok}")
    if result.get("html"):
        ratio = result["html"]["ratio"]
        ok = "met" if ratio <= TARGET_HTML else "NOT met"
        out.append(f"target HTML page at most {TARGET_HTML:.0f}x its scraped text: {ratio:.2f}x, {ok}")
    big = [s for s in result["scaling"] if s["size"] == "10MB"]
    if big:
        measured = [s for s in big if s["seconds"] is not None]
        worst = max(measured, key=lambda s: s["seconds"]) if measured else None
        skipped = [s["kind"] for s in big if s["seconds"] is None]
        if worst is not None:
            ok = "met" if worst["seconds"] <= TARGET_10MB and not skipped else "NOT met"
            note = f" (skipped: {', '.join(skipped)})" if skipped else ""
            out.append(f"target {TARGET_10MB:.0f} s for any 10 MB input: slowest {worst['kind']} "
                       f"{worst['seconds']:.2f} s, {ok}{note}")
        else:
            out.append(f"target {TARGET_10MB:.0f} s for any 10 MB input: NOT met (every 10 MB input skipped)")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--corpus", action="append", type=Path, metavar="DIR",
                    help="folder of report texts (*.txt, recursively); repeatable (default: tests/data)")
    ap.add_argument("--sizes", default="10KB,100KB,1MB,10MB", help="comma-separated, of " + ",".join(SIZES))
    ap.add_argument("--kinds", default=",".join(KINDS),
                    help="comma-separated synthetic inputs, of: " + ", ".join(KINDS))
    ap.add_argument("--no-scaling", action="store_true", help="skip the synthetic inputs")
    ap.add_argument("--min-seconds", type=float, default=1.0, help="length of one timed pass (default 1.0)")
    ap.add_argument("--rounds", type=int, default=3, help="timed passes, the best counts (default 3)")
    ap.add_argument("--budget", type=float, default=30.0,
                    help="skip a synthetic size expected to take longer than this many seconds (default 30)")
    ap.add_argument("--profile", action="store_true", help="profile parse() + flatten() over the corpus")
    ap.add_argument("--floor", action="store_true",
                    help="time constructing the results' objects alone: a lower bound on parse()")
    ap.add_argument("--top", type=int, default=15, help="functions listed by --profile (default 15)")
    ap.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                    help="cpu: CPU time of this process, steady when other work shares the machine (default); "
                         "wall: elapsed time")
    ap.add_argument("--quick", action="store_true", help="small sizes and short passes: a smoke run")
    ap.add_argument("--json", type=Path, metavar="OUT", help="also write the figures as JSON")
    args = ap.parse_args(argv)
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    for s in sizes:
        if s not in SIZES:
            ap.error(f"unknown size {s!r}; choose from {', '.join(SIZES)}")
    for k in kinds:
        if k not in KINDS:
            ap.error(f"unknown input {k!r}; choose from {', '.join(KINDS)}")
    if args.quick:
        sizes, args.min_seconds, args.rounds = [s for s in sizes if SIZES[s] <= 100 * KB], 0.05, 1
    corpora = args.corpus or [DEFAULT_CORPUS]
    documents: list[tuple[str, list[bytes]]] = []
    sets: list[tuple[str, list[bytes]]] = [("seeds (tests/data/seeds)", _texts(SEEDS))]
    for c in corpora:
        if not c.is_dir():
            ap.error(f"not a folder: {c}")
        texts = _texts(c)
        if not texts:
            ap.error(f"no *.txt files under {c}")
        sets.append((f"corpus {c}", texts))
        documents.extend(_document_sets(c))
    result: dict[str, Any] = {
        "version": zhgov_report.__version__,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {platform.system()}",
        "clock": "CPU time of the process" if args.clock == "cpu" else "wall-clock time",
        "throughput": [throughput(name, texts, args.min_seconds, args.rounds) for name, texts in sets + documents],
        "html": html_cost(args.min_seconds, args.rounds),
        "scaling": [] if args.no_scaling else scaling(sizes, kinds, args.budget),
    }
    if args.profile:
        result["profile"] = profile(sets[-1][1], args.top)
    if args.floor:
        result["floor"] = {"corpus": sets[-1][0], **floor(sets[-1][1], args.min_seconds, args.rounds)}
    result["verdict"] = verdict(result)
    print(render(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
