"""Format detection on the five seeds and on synthetic fingerprints."""

from __future__ import annotations

import pytest

from zhgov_report import Format, detect

from .conftest import seed_text


@pytest.mark.parametrize(
    ("seed", "fmt", "year"),
    [
        ("000", Format.FORM2019, 2019),
        ("001", Format.FORM2019, 2019),
        ("002", Format.FORM2021, 2024),
        ("003", Format.PRE2019, 2018),
        ("004", Format.PRE2019, 2017),
    ],
)
def test_seeds(seed, fmt, year):
    d = detect(seed_text(seed))
    assert (d.format, d.year) == (fmt, year)
    assert d.reason


def test_evidence_points_at_the_fingerprint():
    text = seed_text("001")
    d = detect(text)
    ev = next(e for e in d.evidence if e.fingerprint == "本年新制作数量")
    assert ev.format is Format.FORM2019
    assert text[ev.span.start:ev.span.end].replace(" ", "") == "本年新制作数量"


def test_fingerprints_beat_the_year():
    text = "某局2021年政府信息公开工作年度报告\n信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n"
    assert detect(text).format is Format.FORM2019


def test_2021_fingerprints():
    text = "某局2019年政府信息公开工作年度报告\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
    assert detect(text).format is Format.FORM2021


@pytest.mark.parametrize(("year", "fmt"), [(2019, Format.FORM2019), (2020, Format.FORM2019),
                                          (2022, Format.FORM2021), (2016, Format.PRE2019)])
def test_tables_missing_decided_by_year(year, fmt):
    text = f"某县{year}年政府信息公开工作年度报告\n一、总体情况\n本年度工作顺利。\n"
    assert detect(text).format is fmt


def test_unknown_text():
    d = detect("今天天气很好。")
    assert d.format is Format.UNKNOWN and d.year is None


def test_year_is_the_year_covered_not_publication():
    assert detect(seed_text("003")).year == 2018  # published 2019-01-23


def test_detect_rejects_bytes():
    with pytest.raises(TypeError):
        detect(b"x")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# The fingerprint scan: one factored pattern in the standard library's engine
# ---------------------------------------------------------------------------------------------

def _plain_fingerprints():  # the alternation the factored pattern stands for, in order
    import regex

    from zhgov_report.detect import _ENTRIES
    from zhgov_report.templates._labels import loose

    return regex.compile("|".join(f"(?P<f{i}>{loose(p)})" for i, (_, p, _) in enumerate(_ENTRIES)))


def _compatible(a: str, b: str) -> bool:
    marks = "、.．,"
    return a == b or (a in marks and b in marks) or (a in "、.．" and b == ",") or (b in "、.．" and a == ",")


def test_no_fingerprint_matches_where_another_one_does():
    """The factored scan relies on it: no fingerprint is (loosely) a prefix of another one."""
    from zhgov_report.detect import _ENTRIES

    fps = ["".join(p.split()) for _, p, _ in _ENTRIES]
    assert not any('"' in p for p in fps)
    for i, a in enumerate(fps):
        for b in fps[i + 1:]:
            n = min(len(a), len(b))
            assert not all(_compatible(x, y) for x, y in zip(a[:n], b[:n], strict=True)), (a, b)


def test_the_factored_fingerprint_scan_finds_what_the_alternation_finds():
    import random

    from zhgov_report._intake import Source
    from zhgov_report.detect import _ENTRIES, _FP, _FP_INDEX, _fp_key

    plain = _plain_fingerprints()
    rng = random.Random(7)
    words = [p for _, p, _ in _ENTRIES]
    texts = [seed_text(k) for k in ("000", "001", "002", "003", "004")]
    for _ in range(300):
        parts = []
        for _ in range(rng.randint(1, 12)):
            w = rng.choice(words)
            cut = rng.randint(0, len(w))
            w = w[:cut] + rng.choice(["", " ", "\n", "、", ".", ",", "．"]) + w[cut:]
            parts.append(w[rng.randint(0, 2):])
        texts.append(rng.choice(["", "本年", " "]).join(parts))
    for raw in texts:
        text = Source(raw).text
        got = [(_FP_INDEX[_fp_key(m.group())], m.span()) for m in _FP.finditer(text)]
        want = [(int(m.lastgroup[1:]), m.span()) for m in plain.finditer(text)]
        assert got == want
