"""Score the library on the committed evaluation corpus (tests/data/corpus).

The same figures as the project's scorer: a value that ``flatten(report)`` gives as certain is right
when it equals the truth (a blank cell read as 0 is right); coverage counts non-blank true values
given certain and right; a certain value for a key the truth does not have is wrong (unless the
truth is partial).

    python -m tests.corpus_score            # print the figures
    python -m tests.corpus_score --floors   # rewrite tests/data/corpus_floors.json from today's figures
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import zhgov_report

CORPUS = Path(__file__).parent / "data" / "corpus"
FLOORS = Path(__file__).parent / "data" / "corpus_floors.json"


def _num(v: Any) -> Decimal | None:
    if v is None or isinstance(v, bool):
        return None
    try:
        return Decimal(str(v))
    except InvalidOperation:
        return None


def same(truth: Any, got: Any) -> bool:
    t, g = _num(truth), _num(got)
    if t is None:
        return g is None or g == 0
    return g is not None and g == t


def score_case(name: str) -> dict[str, Any]:
    truth = json.loads((CORPUS / f"{name}.truth.json").read_text(encoding="utf-8"))
    report = zhgov_report.parse(case_input(name))
    certain = zhgov_report.flatten(report)
    tv = truth.get("values", {})
    wrong = [(k, v, certain[k]) for k, v in tv.items() if k in certain and not same(v, certain[k])]
    if not truth.get("partial"):
        wrong += [(k, None, v) for k, v in certain.items()
                  if not k.startswith(("meta.", "narrative.")) and k not in tv]
    nonblank = [k for k, v in tv.items() if _num(v) is not None]
    covered = [k for k in nonblank if k in certain and same(tv[k], certain[k])]
    return {
        "format_ok": certain["meta.format"] == truth.get("format"),
        "year_ok": certain["meta.year"] == truth.get("year"),
        "wrong": wrong,
        "nonblank": len(nonblank),
        "covered": len(covered),
        "format": truth.get("format"),
    }


DOCUMENTS = (".docx", ".pdf")


def case_input(name: str) -> str | bytes:
    """A case's input: a document's bytes (``NAME.docx``, ``NAME.pdf``), else ``NAME.txt``'s text."""
    if name.endswith(DOCUMENTS):
        return (CORPUS / name).read_bytes()
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


def cases() -> list[str]:
    return sorted(p.name[: -len(".truth.json")] for p in CORPUS.glob("*.truth.json"))


def main(argv: list[str]) -> int:
    results = {name: score_case(name) for name in cases()}
    wrong = sum(len(r["wrong"]) for r in results.values())
    nonblank = sum(r["nonblank"] for r in results.values())
    covered = sum(r["covered"] for r in results.values())
    print(f"cases={len(results)} wrong_certain={wrong} coverage={covered}/{nonblank} "
          f"({100 * covered / max(1, nonblank):.1f}%) format_ok={sum(r['format_ok'] for r in results.values())}")
    for name, r in results.items():
        for k, t, g in r["wrong"]:
            print(f"  WRONG {name} {k}: truth {t!r}, got {g!r}")
    if "--floors" in argv:
        floors = {name: r["covered"] for name, r in results.items()}
        FLOORS.write_text(json.dumps(floors, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {FLOORS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
