#!/usr/bin/env python3
"""Generate ``src/zhgov_report/_t2s.py``: a one-character-to-one-character Traditional→Simplified map.

The source is OpenCC's dictionary (https://github.com/BYVoid/OpenCC, ``data/dictionary``, Apache
License 2.0), the tables its ``t2s.json`` configuration uses::

    git clone --depth 1 https://github.com/BYVoid/OpenCC /tmp/OpenCC
    python scripts/gen_t2s.py --opencc /tmp/OpenCC/data/dictionary \\
        --commit "$(git -C /tmp/OpenCC rev-parse HEAD)"

What it takes, and why (normalisation must keep every offset, so one character maps to exactly one):

* ``TSCharacters.txt``: each Traditional character and its Simplified candidates. The first
  candidate is OpenCC's default and is taken; an entry whose first candidate is several characters,
  or is the character itself (OpenCC keeps it unless a phrase says otherwise: 覆, 瞭), maps nothing.
* A character that is *also an ordinary Simplified character* is **doubtful**: OpenCC lists it among
  its own candidates (於 → 于 於), it is in GB 2312 (the standard Simplified set: 後, 捱) or it is a
  key of ``STCharacters.txt`` (OpenCC converts it as a Simplified character). Normalisation maps a
  doubtful character only in a text that reads as Traditional, so Simplified text is never changed
  by it. Every other mapped character is **firm** (never written in Simplified text) and is always
  mapped.
* ``STCharacters.txt``: the Simplified characters OpenCC always converts to something else (发, 开)
  are the Simplified side of the evidence: a text reads as Traditional when it holds more firm
  Traditional characters than such Simplified ones.
* ``TSPhrases.txt``: the phrases whose conversion differs from the characters' default (答覆 → 答复,
  乾隆 stays 乾隆), where the phrase and its conversion have the same length and hold Han characters
  only. Each is stored as it reads *after* the character map (答覆, 干隆) with its conversion, and is
  applied, longest first, to a text that reads as Traditional.

Only the standard library; the output is deterministic (same input, same bytes).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import unicodedata
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "zhgov_report" / "_t2s.py"
FILES = ("TSCharacters.txt", "STCharacters.txt", "TSPhrases.txt")
_WIDTH = 50  # characters per line of a generated string


class Tables(NamedTuple):
    """The generated data: firm and doubtful character pairs, the Simplified evidence, the phrases."""

    firm: dict[str, str]
    doubtful: dict[str, str]
    simplified_only: str
    phrases: dict[str, str]


def read_dictionary(text: str) -> dict[str, list[str]]:
    """An OpenCC dictionary file (``key<TAB>candidate candidate…``, ``#`` comments) as a dict."""
    entries: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, values = line.partition("\t")
        entries.setdefault(key, values.split())
    return entries


def in_gb2312(ch: str) -> bool:
    """Is ``ch`` in GB 2312, the standard set of Simplified characters?"""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _is_han(ch: str) -> bool:
    return unicodedata.category(ch) == "Lo"


def character_map(ts: dict[str, list[str]], st: dict[str, list[str]]) -> tuple[dict[str, str], dict[str, str]]:
    """The firm and the doubtful one-to-one pairs of ``TSCharacters`` (see the module's text)."""
    firm: dict[str, str] = {}
    doubtful: dict[str, str] = {}
    for key, candidates in ts.items():
        target = candidates[0] if candidates else key
        if len(key) != 1 or len(target) != 1 or target == key:
            continue
        also_simplified = key in candidates or in_gb2312(key) or key in st
        (doubtful if also_simplified else firm)[key] = target
    return firm, doubtful


def simplified_only(st: dict[str, list[str]], ts: dict[str, list[str]]) -> str:
    """The Simplified characters OpenCC always writes otherwise in Traditional, sorted."""
    return "".join(sorted(k for k, c in st.items() if len(k) == 1 and k not in c and k not in ts))


def phrase_map(tsp: dict[str, list[str]], chars: dict[str, str]) -> dict[str, str]:
    """Length-keeping Han phrases whose conversion the character map does not give, keyed by how
    they read after the character map."""
    phrases: dict[str, str] = {}
    for key, candidates in sorted(tsp.items()):
        value = candidates[0] if candidates else key
        if len(value) != len(key) or len(key) < 2 or not all(map(_is_han, key + value)):
            continue
        mapped = "".join(chars.get(ch, ch) for ch in key)
        if mapped != value:
            phrases.setdefault(mapped, value)
    return phrases


def build(ts_text: str, st_text: str, tsp_text: str) -> Tables:
    """All the generated data from the three dictionary files' text."""
    ts, st, tsp = read_dictionary(ts_text), read_dictionary(st_text), read_dictionary(tsp_text)
    firm, doubtful = character_map(ts, st)
    return Tables(firm, doubtful, simplified_only(st, ts), phrase_map(tsp, {**firm, **doubtful}))


def _string(name: str, chars: str, doc: str) -> list[str]:
    """A module-level string constant, ``_WIDTH`` characters a line, with its doc comment."""
    lines = [f"#: {doc}", f"{name} = ("]
    lines += [f'    "{chars[i:i + _WIDTH]}"' for i in range(0, len(chars), _WIDTH)]
    return [*lines, ")", ""]


def render(tables: Tables, provenance: list[str]) -> str:
    """The text of the generated module."""
    firm, doubtful = sorted(tables.firm.items()), sorted(tables.doubtful.items())
    out = ['"""Traditional→Simplified, one character to one character.', ""]
    out += ["GENERATED by scripts/gen_t2s.py: do not edit.", ""]
    out += ["Generated from OpenCC (Open Chinese Convert), https://github.com/BYVoid/OpenCC,"]
    out += ["Copyright (c) BYVoid and the OpenCC contributors, licensed under the Apache License 2.0", ""]
    out += ["    http://www.apache.org/licenses/LICENSE-2.0", ""]
    out += ["The data below is derived from (selected and rearranged, see the generator's docstring):", ""]
    out += [*provenance, '"""', "", "from __future__ import annotations", ""]
    out += ['__all__ = ["DOUBTFUL_FROM", "DOUBTFUL_TO", "FIRM_FROM", "FIRM_TO", "PHRASES", "SIMPLIFIED_ONLY"]', ""]
    out += _string("FIRM_FROM", "".join(k for k, _ in firm), "Traditional characters never written in Simplified text")
    out += _string("FIRM_TO", "".join(v for _, v in firm), "their Simplified forms, position by position")
    out += _string("DOUBTFUL_FROM", "".join(k for k, _ in doubtful), "Traditional characters that are also Simplified")
    out += _string("DOUBTFUL_TO", "".join(v for _, v in doubtful), "their Simplified forms in a Traditional text")
    out += _string("SIMPLIFIED_ONLY", tables.simplified_only, "Simplified characters never written in Traditional")
    out += ["#: phrases as they read after the character map -> their conversion (same length)", "PHRASES = {"]
    out += [f'    "{k}": "{v}",' for k, v in sorted(tables.phrases.items())]
    return "\n".join([*out, "}", ""])


def _provenance(folder: Path, commit: str) -> list[str]:
    lines = [f"    OpenCC commit {commit}" if commit else "    OpenCC (commit not given)"]
    for name in FILES:
        digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        lines.append(f"    data/dictionary/{name} (sha256 {digest})")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--opencc", type=Path, required=True, help="OpenCC's data/dictionary folder")
    ap.add_argument("--commit", default="", help="the OpenCC commit the folder is from (recorded)")
    ap.add_argument("--output", type=Path, default=OUTPUT)
    args = ap.parse_args(argv)
    texts = [(args.opencc / name).read_text(encoding="utf-8") for name in FILES]
    module = render(build(*texts), _provenance(args.opencc, args.commit))
    args.output.write_text(module, encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
