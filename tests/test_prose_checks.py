"""A9: figures of the prose against the tables of real reports, as soft checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhgov_report import CheckStatus, flatten, parse

from .conftest import DATA, seed_text

PROSE = DATA / "prose"
SERIES = DATA / "series"


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def a9(report) -> dict[str, tuple[str, object, object]]:
    return {c.id: (c.status.value, c.left, c.right) for c in report.checks if c.rule == "A9"}


def test_a9_checks_are_soft_and_never_place_values():
    report = parse(text_of(PROSE / "kewei_2024_scraped.txt"))
    checks = [c for c in report.checks if c.rule == "A9"]
    assert checks
    assert all(not c.hard and not c.used_for_placement for c in checks)
    assert all(c.cells[0].startswith("narrative.") for c in checks)


def test_every_prose_figure_agrees_with_the_tables_kewei_2024():
    # 上海市科委 2024: section 四 of its prose repeats the request table row by row
    assert a9(parse(text_of(PROSE / "kewei_2024_scraped.txt"))) == {
        "A9.appeals.review.total": ("pass", 1, 1),
        "A9.requests.new_received.total": ("pass", 34, 34),
        "A9.requests.carried_over.total": ("pass", 2, 2),
        "A9.requests.granted.total": ("pass", 9, 9),
        "A9.requests.partially_granted.total": ("pass", 0, 0),
        "A9.prose.requests_denied": ("pass", 2, 2),  # = Σ （三）1–8
        "A9.prose.requests_unable": ("pass", 10, 10),  # = Σ （四）1–3
        "A9.prose.requests_not_processed": ("pass", 0, 0),
        "A9.prose.requests_other_handling": ("pass", 14, 14),  # = Σ （六）1–3 (2021 template)
        "A9.requests.carried_forward.total": ("pass", 1, 1),
    }


def test_every_prose_figure_agrees_with_the_tables_shanghai_office_2025():
    assert a9(parse(text_of(PROSE / "shanghai_office_2025_scraped.txt"))) == {
        "A9.requests.new_received.total": ("pass", 1295, 1295),  # 受理 = 一.Σ
        "A9.requests.handled_total.total": ("pass", 1191, 1191),  # 办结 = （七）.Σ
        "A9.requests.carried_over.total": ("pass", 189, 189),  # 含上年结转 = 二.Σ
        "A9.prose.requests_denied": ("pass", 20, 20),
        "A9.prose.requests_unable": ("pass", 564, 564),
        "A9.prose.requests_not_processed": ("pass", 80, 80),
        "A9.prose.requests_other_handling": ("pass", 319, 319),
    }


def test_litigation_in_the_prose_is_both_kinds_of_lawsuit():
    checks = a9(parse(text_of(SERIES / "pingtan_2025_scraped.txt")))
    assert checks["A9.prose.litigation_total"] == ("pass", 9, 9)  # 行政诉讼9起 = 直诉 6 + 复议后 3
    assert checks["A9.appeals.review.total"] == ("pass", 36, 36)
    assert checks["A9.requests.carried_forward.total"] == ("pass", 6, 6)  # 结转至2026年6件


def test_a_report_whose_prose_disagrees_fails_softly_and_keeps_its_table():
    # 平潭 2022: the prose's 收到75件 counts the request carried over; the table's 一 says 74
    report = parse(text_of(SERIES / "pingtan_2022_scraped.txt"))
    assert a9(report)["A9.requests.new_received.total"] == ("fail", 75, 74)
    (diag,) = [d for d in report.diagnostics_with("SOFT_CHECK_FAILED") if d.path == "A9.requests.new_received.total"]
    assert "75" in diag.message and "74" in diag.message
    flat = flatten(report, narrative=True)
    assert flat["requests.new_received.total"] == 74  # the table's value, untouched
    assert flat["narrative.requests.new_received.total"] == 75


def test_pre2019_prose_against_the_statistics_sheet():
    report = parse(text_of(SERIES / "pingtan_scjgj_2018_scraped.txt"))
    assert a9(report) == {
        "A9.sheet.proactive_total": ("pass", 389, 389),
        "A9.sheet.requests_received": ("pass", 2, 2),  # 受理依申请公开的数量为2条
        "A9.sheet.requests_answered": ("pass", 2, 2),  # 已答复件数2件
        "A9.sheet.answered_granted": ("pass", 1, 1),  # "同意公开"的件数为1件
        "A9.sheet.answered_partially_granted": ("pass", 0, 0),
        "A9.sheet.answered_denied": ("pass", 1, 1),
        "A9.sheet.review_total": ("pass", 0, 0),  # 无因政府信息公开申请行政复议、提起行政诉讼的情况
        "A9.sheet.litigation_total": ("pass", 0, 0),
    }


def test_seed_004_prose_matches_its_national_sheet():
    assert a9(parse(seed_text("004"))) == {
        "A9.sheet.proactive_total": ("pass", 72, 72),
        "A9.sheet.requests_received": ("pass", 0, 0),
        "A9.prose.processing_fees": ("pass", 0, 0),  # 元 against 万元
        "A9.sheet.review_total": ("pass", 0, 0),
        "A9.sheet.litigation_total": ("pass", 0, 0),
    }


@pytest.mark.parametrize("seed", ["000", "002"])
def test_tables_published_as_images_make_a9_not_assessable(seed):
    checks = [c for c in parse(seed_text(seed)).checks if c.rule == "A9"]
    assert checks
    assert all(c.status is CheckStatus.NOT_ASSESSABLE and "not read" in c.message for c in checks)


def test_uncertain_cells_make_a9_not_assessable():
    checks = a9(parse(seed_text("001")))
    assert checks["A9.requests.new_received.total"] == ("pass", 2, 2)
    # the review row `1 | 1 |` of seed 001 does not prove which cells hold the 1s
    assert checks["A9.appeals.review.total"][0] == "not_assessable"


def test_prose_never_changes_table_values():
    # the same report with its prose paragraphs removed reads the same tables
    text = text_of(PROSE / "kewei_2024_scraped.txt")
    tables_only = "\n".join(line for line in text.splitlines() if "|" in line or line.startswith(("一、", "二、",
                                                                                                   "三、", "四、")))
    full, bare = parse(text), parse(tables_only)
    assert full.figures and not bare.figures
    assert flatten(full, uncertain=True)["requests.new_received.total"] == 34
    keys = [k for k in flatten(full, uncertain=True) if not k.startswith("meta.")]
    assert keys
    assert {k: flatten(full, uncertain=True)[k] for k in keys} == {
        k: flatten(bare, uncertain=True).get(k) for k in keys}
