#!/usr/bin/env python3
"""Behaviour snapshot: prove that a refactoring (a speed-up) changed no output, standard library only.

    python benchmarks/snapshot.py --write /tmp/before.json             # on the commit before
    python benchmarks/snapshot.py --check /tmp/before.json             # after the change
    python benchmarks/snapshot.py --corpus ../shared/corpus --write F  # more inputs

The inputs are every ``*.txt`` under ``tests/data`` (and under ``--corpus``), and for each of them
``--variants`` deterministic mutations that reach the parser's less common paths: a cell of a pipe
row dropped (a lost position), two digit cells glued, a number changed (arithmetic broken), a line
dropped, a line repeated, a row's pipes turned into tabs, a row broken over two lines.

For each input the snapshot keeps :func:`zhgov_report.to_dict` of the result (values, certainty,
alternatives, checks, diagnostics and every span) as canonical JSON. ``--check`` parses the same
inputs again and lists the inputs whose result differs, with the first differing path. A crash is
recorded as such and listed. Exit status 0 when nothing differs and nothing crashed, 1 otherwise, 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import zhgov_report  # noqa: E402

_NUM = re.compile(r"(?<![\d.])\d+(?![\d.])")


def _mutations(text: str, rng: random.Random) -> Iterator[tuple[str, str]]:
    lines = text.split("\n")
    rows = [i for i, ln in enumerate(lines) if ln.count("|") >= 2 and re.search(r"\|\s*\d", ln)]

    def pick_row() -> int | None:
        return rng.choice(rows) if rows else None

    i = pick_row()
    if i is not None:  # a cell dropped
        cells = lines[i].split(" | ")
        digits = [k for k, c in enumerate(cells) if c.strip().isdigit()]
        if digits:
            k = rng.choice(digits)
            out = lines[:]
            out[i] = " | ".join(cells[:k] + cells[k + 1:])
            yield "drop-cell", "\n".join(out)
    i = pick_row()
    if i is not None:  # two digit cells glued
        m = list(re.finditer(r"(\d) \| (\d)", lines[i]))
        if m:
            g = rng.choice(m)
            out = lines[:]
            out[i] = lines[i][: g.start()] + g.group(1) + g.group(2) + lines[i][g.end():]
            yield "glue", "\n".join(out)
    i = pick_row()
    if i is not None:  # a number changed
        m = list(_NUM.finditer(lines[i]))
        if m:
            g = rng.choice(m)
            out = lines[:]
            out[i] = lines[i][: g.start()] + str(int(g.group()) + rng.randint(1, 9)) + lines[i][g.end():]
            yield "change", "\n".join(out)
    if len(lines) > 2:
        k = rng.randrange(len(lines))
        yield "drop-line", "\n".join(lines[:k] + lines[k + 1:])
        k = rng.randrange(len(lines))
        yield "repeat-line", "\n".join(lines[: k + 1] + lines[k:])
    i = pick_row()
    if i is not None:  # a row's pipes as tabs
        out = lines[:]
        out[i] = lines[i].replace(" | ", "\t").replace("|", "\t")
        yield "tabs", "\n".join(out)
    i = pick_row()
    if i is not None:  # a row broken over two lines
        k = lines[i].find(" | ")
        if k > 0:
            out = lines[:]
            out[i: i + 1] = [lines[i][: k + 2], lines[i][k + 1:]]
            yield "broken", "\n".join(out)


def inputs(folders: list[Path], variants: int) -> Iterator[tuple[str, str | bytes]]:
    """(name, input) for every text file under the folders and its mutations."""
    seen: set[str] = set()
    for folder in folders:
        for p in sorted(folder.rglob("*.txt")):
            data = p.read_bytes()
            digest = hashlib.sha1(data).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            name = str(p.relative_to(folder.parent))
            yield name, data
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            rng = random.Random(digest)
            for round_ in range(variants):
                for kind, mutated in _mutations(text, rng):
                    yield f"{name}#{kind}{round_}", mutated


def canonical(data: str | bytes) -> str:
    """The result as canonical JSON; a crash (messy input must never raise) as ``CRASH: ...``."""
    try:
        report = zhgov_report.parse(data)
    except Exception as exc:  # recorded, and reported by --write and --check
        return f"CRASH: {type(exc).__name__}: {exc}"
    return json.dumps(zhgov_report.to_dict(report), ensure_ascii=False, sort_keys=True)


def _first_diff(a: Any, b: Any, path: str = "") -> str:
    if type(a) is not type(b):
        return f"{path or '/'}: {a!r:.120} != {b!r:.120}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}/{k}: only on one side"
            if a[k] != b[k]:
                return _first_diff(a[k], b[k], f"{path}/{k}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items"
        for k, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return _first_diff(x, y, f"{path}/{k}")
    return f"{path or '/'}: {a!r:.120} != {b!r:.120}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    act = ap.add_mutually_exclusive_group(required=True)
    act.add_argument("--write", type=Path, metavar="FILE", help="write the snapshot")
    act.add_argument("--check", type=Path, metavar="FILE", help="compare with a snapshot")
    ap.add_argument("--corpus", type=Path, action="append", default=[], help="another folder of inputs")
    ap.add_argument("--variants", type=int, default=3, help="rounds of mutations per file (default 3)")
    args = ap.parse_args(argv)
    folders = [ROOT / "tests" / "data", *args.corpus]
    start = time.process_time()
    got = {name: canonical(data) for name, data in inputs(folders, args.variants)}
    took = time.process_time() - start
    crashes = [n for n, v in got.items() if v.startswith("CRASH")]
    for n in crashes[:30]:
        print(f"CRASH {n}: {got[n]}")
    if args.write:
        args.write.write_text(json.dumps(got, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
        print(f"{len(got)} inputs written to {args.write}, {len(crashes)} crashed ({took:.1f} s of parsing)")
        return 1 if crashes else 0
    want: dict[str, str] = json.loads(args.check.read_text(encoding="utf-8"))
    differ = [n for n in want if n in got and got[n] != want[n]]
    missing = [n for n in want if n not in got]
    for n in differ[:30]:
        print(f"DIFFERS {n}: {_first_diff(json.loads(want[n]), json.loads(got[n]))}")
    for n in missing[:10]:
        print(f"MISSING {n}")
    print(f"{len(got)} inputs, {len(differ)} differ, {len(missing)} missing, {len(crashes)} crashed "
          f"({took:.1f} s of parsing)")
    return 1 if differ or missing or crashes else 0


if __name__ == "__main__":
    sys.exit(main())
