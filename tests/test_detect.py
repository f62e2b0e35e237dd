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
