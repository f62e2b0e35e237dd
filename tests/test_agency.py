"""The agency (``meta.agency``) from every place a report names itself, in the declared order of
trust, and ``None`` rather than a wrong name (issue 15)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhgov_report import AgencySource, parse
from zhgov_report._agency import TRUST, clean

from .corpus_score import CORPUS, cases

BODY = "一、总体情况\n本年度工作情况良好。\n"


def agency(text: str, title: str | None = None) -> tuple[str | None, AgencySource | None]:
    meta = parse(text, title=title).meta
    return meta.agency, meta.agency_source


# ---- each place -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "source"),
    [
        ("大溪镇2019年政府信息公开工作年度报告\n" + BODY, "大溪镇", AgencySource.TITLE),
        ("标题=平潭综合实验区2020年度政府信息公开工作年度报告\n" + BODY, "平潭综合实验区", AgencySource.TITLE),
        ("标题: 平潭综合实验区 2017 年度政府信息公开工\n作年度报告\n标题: 平潭综合实验区 2017 年度政府信息公开工作"
         "年度报告\n" + BODY, "平潭综合实验区", AgencySource.TITLE),
        ("某某县人民政府\n(2026年1月23日)\n依据《条例》编制本报告。\n" + BODY, "某某县人民政府",
         AgencySource.NAME_LINE),
        ("发布机构: 某某市统计局\n发布时间: 2020-01-01\n" + BODY, "某某市统计局", AgencySource.METADATA),
        ("根据《条例》要求，某某县统计局编制完成了本报告。\n" + BODY, "某某县统计局", AgencySource.PREAMBLE),
        (BODY + "如对本报告有任何疑问，请与平潭综合实验区政府信息公开工作领导小组办公室联系。\n", "平潭综合实验区",
         AgencySource.CONTACT),
        (BODY + "对本报告如有疑问，请联系某某市市场监督管理局办公室，联系电话：0591-1234。\n", "某某市市场监督管理局",
         AgencySource.CONTACT),
        ("2023年，河北省科学技术厅坚持以习近平新时代中国特色社会主义思想为指导。\n", "河北省科学技术厅",
         AgencySource.OPENING),
        (BODY + "\n某某县文化和旅游局\n2021年1月20日\n", "某某县文化和旅游局", AgencySource.SIGNATURE),
        (BODY + "某某县文化和旅游局 2021年1月20日\n", "某某县文化和旅游局", AgencySource.SIGNATURE),
    ],
)
def test_each_place_names_the_agency(text: str, name: str, source: AgencySource) -> None:
    report = parse(text)
    assert (report.meta.agency, report.meta.agency_source) == (name, source)
    span = report.meta.agency_span
    assert span is not None and text[span.start : span.end].replace("\n", "").replace(" ", "") == name


def test_the_more_trusted_place_wins() -> None:
    text = ("发布机构: 某某市统计局\n根据要求，某某市统计局编制完成了本报告。\n" + BODY
            + "请与某某市统计局办公室联系。\n某某市人民政府\n2020年1月1日\n")
    assert agency(text) == ("某某市统计局", AgencySource.METADATA)
    assert agency("某某区2019年政府信息公开工作年度报告\n" + text) == ("某某区", AgencySource.TITLE)


def test_a_title_the_caller_holds_comes_first() -> None:
    text = BODY + "请与某某市统计局联系。\n"
    report = parse(text, title="某某市人民政府2024年政府信息公开工作年度报告")
    assert report.meta.title == "某某市人民政府2024年政府信息公开工作年度报告"
    assert (report.meta.agency, report.meta.agency_source) == ("某某市人民政府", AgencySource.GIVEN_TITLE)
    assert report.meta.agency_span is None and report.meta.title_span is None
    assert agency(text, title="2024年政府信息公开工作年度报告") == ("某某市统计局", AgencySource.CONTACT)
    with pytest.raises(TypeError):
        parse(text, title=b"bytes")  # type: ignore[arg-type]


# ---- what is never an agency ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "根据《条例》要求，区管委会办公室编制完成了本报告。\n" + BODY,  # the zone's office, without the zone
        BODY + "如对本报告有任何疑问，请与区管委会办公室政府信息公开工作领导小组办公室联系。\n",
        "2017年，区纪工委认真贯彻落实区党工委的决策部署。\n",
        "2019年，我局高度重视政府信息公开工作。\n",
        "来源：某某县人民政府 时间：2022-02-08\n" + BODY,  # the site that carries the page
        BODY + "请与政府信息公开工作领导小组办公室联系。\n",
        "2022年，全区收到政府信息公开申请75件。\n",
    ],
)
def test_no_fragment_pronoun_or_site_is_an_agency(text: str) -> None:
    report = parse(text)
    assert report.meta.agency is None
    assert report.diagnostics_with("AGENCY_MISSING")


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("平潭综合实验区2020年度", "平潭综合实验区"),
        ("关于某某局", "某某局"),
        ("某某县人民政府政府信息公开工作年度报告", "某某县人民政府"),
        ("平潭综合实验区政府信息公开工作办公室", "平潭综合实验区"),
        ("平潭综合实验区管委会办公室保密与电子政务处", "平潭综合实验区管委会办公室"),
        ("某某市市场监督管理局办公室", "某某市市场监督管理局"),
        ("上海市人民政府办公厅", "上海市人民政府办公厅"),
        ("全椒县人民政府", "全椒县人民政府"),
        ("本溪市统计局", "本溪市统计局"),
        ("本局", None),
        ("全区各部门", None),
        ("区管委会办公室", None),
        ("市科委", None),
        ("我局", None),
        ("2019年度", None),
    ],
)
def test_clean(raw: str, name: str | None) -> None:
    assert clean(raw) == name


@given(st.text(alphabet="平潭区局委会办公室政府信息公开工作领导小组年度报告2019我市县() ", max_size=40))
def test_clean_gives_a_part_of_its_input_or_none(raw: str) -> None:
    name = clean(raw)
    if name is not None:
        assert name in "".join(raw.split())
        assert len(name) >= 3
        assert clean(name) == name  # cleaning is done once and for all


def test_the_order_of_trust_is_declared_once() -> None:
    assert [s for s, _ in TRUST] == [AgencySource.NAME_LINE, AgencySource.METADATA, AgencySource.PREAMBLE,
                                     AgencySource.CONTACT, AgencySource.OPENING, AgencySource.SIGNATURE]


# ---- the committed corpus: right or None, never wrong --------------------------------------------


def _input(name: str) -> str | bytes:
    """A case's input: a document's bytes (``NAME.docx``, ``NAME.pdf``), else ``NAME.txt``'s text."""
    if name.endswith((".docx", ".pdf")):
        return (CORPUS / name).read_bytes()
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


def _outcome(name: str) -> str:
    truth = json.loads((CORPUS / f"{name}.truth.json").read_text(encoding="utf-8"))["agency"]
    got = parse(_input(name)).meta.agency
    if got is None:
        return "missing"
    return "right" if truth in got or got in truth else f"wrong: {got!r} for {truth!r}"


def test_the_corpus_agency_is_right_or_missing_never_wrong() -> None:
    by_variant: dict[str, Counter[str]] = {}
    for name in cases():
        variant = name.split(".")[1] if "." in name else "seed"
        outcome = _outcome(name)
        assert not outcome.startswith("wrong"), f"{name}: {outcome}"
        by_variant.setdefault(variant, Counter())[outcome] += 1
    assert set(by_variant) >= {"asis", "body", "scraped", "blanked"}
    for variant, counts in by_variant.items():
        assert counts["right"] >= 0.95 * sum(counts.values()), (variant, counts)


_PIECES = ["平潭综合实验区", "某某县", "人民政府", "管委会", "办公室", "市场监督管理局", "政府信息公开", "工作",
           "领导小组", "年度报告", "2019年", "2020年度", "，", "。", "\n", " ", "请与", "联系", "请联系", "编制完成了",
           "本报告", "根据要求", "坚持", "我局", "区", "来源：", "发布机构：", "标题=", "(", ")", "2021年1月20日"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_an_agency_is_always_written_in_the_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    meta = parse(text).meta
    if meta.agency is not None:
        assert meta.agency in "".join(text.split())
        assert meta.agency_span is not None and meta.agency_source is not None
        assert clean(meta.agency) == meta.agency
