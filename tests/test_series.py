"""check_series: A5 and A7 across consecutive reports of one agency (平潭综合实验区 2019–2025)."""

from __future__ import annotations

import random
from functools import cache

import attrs
import pytest

from zhgov_report import CheckStatus, Report, check_series, parse

from .conftest import DATA, seed_text

SERIES = DATA / "series"
YEARS = range(2019, 2026)
COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")


@cache
def pingtan(year: int, variant: str = "scraped") -> Report:
    return parse((SERIES / f"pingtan_{year}_{variant}.txt").read_text(encoding="utf-8"))


def scraped_series() -> list[Report]:
    return [pingtan(y) for y in YEARS]


def test_the_series_is_one_agency_over_seven_years():
    assert [(r.meta.agency, r.meta.year, r.format.value) for r in scraped_series()] == [
        ("平潭综合实验区", 2019, "form2019"), ("平潭综合实验区", 2020, "form2019"),
        *[("平潭综合实验区", y, "form2021") for y in range(2021, 2026)],
    ]


def test_a5_carry_over_continues_every_year_and_column():
    checks = [c for c in check_series(scraped_series()) if c.rule == "A5"]
    assert [c.id for c in checks] == [f"A5.{y}-{y + 1}.{col}" for y in range(2019, 2025) for col in COLUMNS]
    assert all(c.status is CheckStatus.PASS and not c.hard for c in checks)
    totals = {c.id: (c.left, c.right) for c in checks if c.id.endswith(".total")}
    assert totals["A5.2021-2022.total"] == (1, 1)  # 2021 carried one request forward, 2022 carried it over
    assert totals["A5.2024-2025.total"] == (0, 0)
    first = checks[0]
    assert first.reports == ("平潭综合实验区 2019", "平潭综合实验区 2020")
    assert first.cells == ("2019:requests.carried_forward.natural_person", "2020:requests.carried_over.natural_person")


def test_a7_valid_documents_chain_in_the_2021_template():
    reports = [pingtan(y, "asis") for y in range(2021, 2026)]
    checks = {c.id: c for c in check_series(reports) if c.rule == "A7"}
    assert sorted(checks) == sorted(f"A7.{y}-{y + 1}.{row}" for y in range(2021, 2025)
                                    for row in ("regulations", "normative_documents"))
    for y in range(2021, 2025):
        regs = checks[f"A7.{y}-{y + 1}.regulations"]
        assert (regs.status, regs.left, regs.right) == (CheckStatus.PASS, 0, 0)
        # the 行政规范性文件 rows are glued digits without a proven split: nothing to compare
        assert checks[f"A7.{y}-{y + 1}.normative_documents"].status is CheckStatus.NOT_ASSESSABLE


def test_a7_only_between_2021_template_reports():
    ids = [c.id for c in check_series([pingtan(2019), pingtan(2020), pingtan(2021)])]
    assert not [i for i in ids if i.startswith("A7.")]


def test_a_break_in_the_carry_over_fails():
    before, after = pingtan(2021), pingtan(2022)
    # 2022 as if it had carried over 3 requests from 2021 instead of the 1 that 2021 carried forward
    tables = []
    for t in after.tables:
        rows = tuple(attrs.evolve(r, cells=tuple(
            attrs.evolve(c, value=attrs.evolve(c.value, number=3)) if c.key == "requests.carried_over.total" else c
            for c in r.cells)) for r in t.rows)
        tables.append(attrs.evolve(t, rows=rows))
    edited = attrs.evolve(after, tables=tuple(tables))
    checks = {c.id: c for c in check_series([before, edited])}
    failed = checks["A5.2021-2022.total"]
    assert (failed.status, failed.left, failed.right) == (CheckStatus.FAIL, 1, 3)
    assert "does not hold" in failed.message
    assert checks["A5.2021-2022.natural_person"].status is CheckStatus.PASS


def test_order_does_not_matter():
    reports = scraped_series()
    shuffled = reports[:]
    random.Random(6).shuffle(shuffled)
    assert check_series(shuffled) == check_series(reports)


def test_missing_years_are_not_compared():
    checks = check_series([pingtan(2019), pingtan(2021), pingtan(2022)])
    assert {c.id.split(".")[1] for c in checks} == {"2021-2022"}


def test_a_pre2019_sheet_has_no_carry_over_to_compare():
    same_agency = [parse((SERIES / f"pingtan_scjgj_{y}_scraped.txt").read_text(encoding="utf-8"))
                   for y in (2018, 2019)]
    assert {r.meta.agency for r in same_agency} == {"平潭综合实验区市场监督管理局"}
    checks = check_series(same_agency)
    assert len(checks) == len(COLUMNS)
    assert all(c.status is CheckStatus.NOT_ASSESSABLE and "pre2019" in c.message for c in checks)


def test_reports_of_different_agencies_are_an_error():
    with pytest.raises(ValueError, match=r"one agency.*大溪镇 2019.*平潭综合实验区 2020"):
        check_series([parse(seed_text("001")), pingtan(2020)])


def test_a_repeated_year_is_an_error():
    with pytest.raises(ValueError, match=r"one report per year.*2021"):
        check_series([pingtan(2021), pingtan(2021, "asis"), pingtan(2022)])


def test_a_report_without_agency_or_year_is_an_error():
    anonymous = attrs.evolve(pingtan(2021), meta=attrs.evolve(pingtan(2021).meta, agency=None))
    with pytest.raises(ValueError, match="names no agency"):
        check_series([anonymous, pingtan(2022)])
    undated = attrs.evolve(pingtan(2021), meta=attrs.evolve(pingtan(2021).meta, year=None))
    with pytest.raises(ValueError, match="no report year"):
        check_series([undated, pingtan(2022)])
    with pytest.raises(TypeError):
        check_series([pingtan(2021), "平潭综合实验区2022年度报告"])  # type: ignore[list-item]


def test_one_report_has_nothing_to_compare():
    assert check_series([pingtan(2021)]) == ()
    assert check_series([]) == ()
