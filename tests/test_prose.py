"""Metadata and figures from the prose: the five seeds exactly, and what a figure must not be."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhgov_report import Format, ValueKind, flatten, parse
from zhgov_report._intake import Source
from zhgov_report._prose import (
    _CHANNEL_KEYS,
    _MAX_PIECE,
    _RULES,
    _SHEET_LABELS,
    _TRIGGER_SPOTS,
    NARRATIVE_KEYS,
    _pieces,
    _pieces_near,
    extract_figures,
)
from zhgov_report.diagnostics import CODES

from .conftest import seed_text

# ---------------------------------------------------------------------------------------------
# Metadata of the seeds
# ---------------------------------------------------------------------------------------------

SEED_META = {
    # seed: (agency, year, published, period, title)
    "000": ("永嘉县经济和信息化局", 2019, None, "2019年1月1日至12月31日", "永嘉县经信局2019年政府信息公开工作年度报告"),
    "001": ("大溪镇", 2019, None, None, "大溪镇2019年政府信息公开工作年度报告"),
    "002": ("永嘉县人民政府", 2024, None, "2024年1月1日到12月31日", "永嘉县人民政府2024年政府信息公开工作年度报告"),
    "003": ("新乡经济技术开发区管理委员会", 2018, "2019-01-23", "20181月1日起至201812月31日",
            "关于2018年度政府信息公开工作情况的报告"),
    "004": ("金乡县商务局", 2017, "2018-02-08", "2017年1月1日起至2017年12月31日",
            "金乡县商务局2017年度政府信息公开工作年度报告"),
}

# What each span points at in the seed's text.
SEED_SPANS = {
    "000": {"agency": "永嘉县经济和信息化局", "period": "2019年1月1日至12月31日", "year": "2019"},
    "003": {"agency": "新乡经济技术开发区管理委员会", "published": "2019-01-23", "year": "2018"},
    "004": {"agency": "金乡县商务局", "published": "2018年2月8日", "period": "2017年1月1日起至2017年12月31日"},
}


@pytest.mark.parametrize("seed", sorted(SEED_META))
def test_seed_metadata(seed):
    meta = parse(seed_text(seed)).meta
    assert (meta.agency, meta.year, meta.published, meta.period, meta.title) == SEED_META[seed]


@pytest.mark.parametrize("seed", sorted(SEED_SPANS))
def test_seed_metadata_spans_point_at_the_text(seed):
    text = seed_text(seed)
    meta = parse(text).meta
    for name, expected in SEED_SPANS[seed].items():
        span = getattr(meta, f"{name}_span")
        assert text[span.start:span.end] == expected, name


def test_the_year_covered_is_not_the_publication_year():
    meta = parse(seed_text("003")).meta  # published 2019-01-23 about 2018
    assert meta.year == 2018
    assert meta.published is not None and meta.published.startswith("2019")


def test_flatten_gives_the_required_meta_keys():
    flat = flatten(parse(seed_text("004")))
    assert flat["meta.agency"] == "金乡县商务局"
    assert flat["meta.year"] == 2017
    assert flat["meta.title"] == "金乡县商务局2017年度政府信息公开工作年度报告"


# ---------------------------------------------------------------------------------------------
# Figures of the seeds
# ---------------------------------------------------------------------------------------------

SEED_FIGURES = {
    "000": [
        ("sheet.proactive_total", 96, "条"),  # 共新增主动公开政府信息96条
        ("requests.new_received.total", 2, "件"),  # 2019年共收到依申请公开件2件
    ],
    "001": [
        ("sheet.proactive_total", 129, "条"),
        ("requests.new_received.total", 2, "件"),  # 共收到政府信息公开申请2件,比去年同期减少77.8%
        ("sheet.requests_online", 1, "件"),  # 网络申请1件
        ("sheet.requests_letter", 1, "件"),  # 信函申请1件
        ("appeals.review.total", 1, "件"),  # 因政府信息公开引起的行政复议案件1件,结果维持
        ("appeals.review.upheld", 1, "件"),
        ("sheet.responses_hot_topics", 3, "次"),
        ("sheet.press_conferences", 4, "次"),
        ("sheet.responses_weibo_wechat", 1054, "次"),
        # not: 因征地拆迁引起的行政诉讼案件1件 (not about information disclosure)
    ],
    "002": [
        ("prose.requests_handled", 528, "件"),  # 共办理依申请公开件528件 (办理, not 收到)
        ("requests.carried_over.total", 36, "件"),  # 其中上年结转36件
        ("requests.carried_forward.total", 23, "件"),  # 结转下年度办理23件
        ("prose.processing_fees", 0, "元"),  # 未向申请人收取依申请公开信息处理费
        # not: 公开信息50余条, 约1.1万条 (approximate), 民营经济32条 (a policy's name)
    ],
    "003": [
        ("sheet.proactive_total", 1626, "条"),
        ("sheet.proactive_normative_documents", 10, "条"),
        ("sheet.normative_documents_issued", 11, "条"),
        ("sheet.via_website", 1102, "条"),
        ("sheet.via_wechat", 259, "条"),
        ("sheet.via_other", 254, "条"),
        ("prose.processing_fees", 0, "元"),  # 未收取涉及政府信息公开申请的任何费用
        ("sheet.requests_received", 0, "件"),  # 目前未收到政府信息公开申请
    ],
    "004": [
        ("sheet.proactive_total", 72, "条"),
        ("sheet.requests_received", 0, "件"),  # 未有公民、法人或其他组织提出政府信息公开申请
        ("prose.processing_fees", 0, "元"),  # 无政府信息公开收费及减免情况
        ("sheet.review_total", 0, "件"),  # 没有发生因政府信息公开申请行政复议、提起行政诉讼的情况
        ("sheet.litigation_total", 0, "件"),
    ],
}


@pytest.mark.parametrize("seed", sorted(SEED_FIGURES))
def test_seed_figures(seed):
    figures = parse(seed_text(seed)).figures
    assert [(f.key, f.value.number, f.value.unit) for f in figures] == SEED_FIGURES[seed]


@pytest.mark.parametrize("seed", sorted(SEED_FIGURES))
def test_figures_carry_their_sentence_and_span(seed):
    text = seed_text(seed)
    for fig in parse(text).figures:
        assert fig.value.kind is ValueKind.NUMBER
        stated = text[fig.span.start:fig.span.end]
        if fig.value.number:
            assert str(fig.value.number) in "".join(stated.split()).replace(",", "")
        assert stated.strip()[:4] in fig.sentence.replace(" ", "") or stated in fig.sentence


def test_figures_are_kept_apart_from_table_cells():
    report = parse(seed_text("001"))
    plain = flatten(report)
    assert not [k for k in plain if k.startswith("narrative.")]
    rich = flatten(report, narrative=True)
    assert rich["narrative.requests.new_received.total"] == 2
    assert rich["narrative.sheet.proactive_total"] == 129
    assert rich["narrative.appeals.review.upheld"] == 1
    # the table's own cells are unchanged by the figures
    assert {k: v for k, v in rich.items() if not k.startswith("narrative.")} == plain


def test_tables_absent_figures_still_read():
    report = parse(seed_text("000"))  # tables published as images
    assert not report.tables
    assert flatten(report, narrative=True)["narrative.requests.new_received.total"] == 2


def test_narrative_keys_are_documented():
    for seed in SEED_FIGURES:
        for fig in parse(seed_text(seed)).figures:
            assert fig.key.split(".")[0] in {"requests", "appeals", "sheet", "prose"}
            if fig.key.startswith("prose."):
                assert fig.key in NARRATIVE_KEYS


# ---------------------------------------------------------------------------------------------
# Precision: what a figure must not be
# ---------------------------------------------------------------------------------------------

def figures_of(text: str, fmt: Format = Format.FORM2021, year: int | None = 2024) -> dict[str, object]:
    figs, _ = extract_figures(Source(text), fmt, year)
    return {f.key: f.value.number for f in figs}


@pytest.mark.parametrize(("text", "expected"), [
    ("2024年共收到政府信息公开申请120件。", {"requests.new_received.total": 120}),
    ("全年受理政府信息公开申请 1,295 件。", {"requests.new_received.total": 1295}),
    ("本年度全区共收到70件申请，办结69件，1件结转下年度继续办理。\n",
     {}),  # no word of information disclosure anywhere near: not counted
    ("（二）依申请公开方面。本年度全区共收到70件申请，办结69件，1件结转下年度继续办理。",
     {"requests.new_received.total": 70, "requests.handled_total.total": 69, "requests.carried_forward.total": 1}),
    ("共办理依申请公开件528件，其中上年结转36件。",
     {"prose.requests_handled": 528, "requests.carried_over.total": 36}),
    ("全区共收到政府信息公开申请154件，共办结148件，结转至2025年6件。",
     {"requests.new_received.total": 154, "requests.handled_total.total": 148, "requests.carried_forward.total": 6}),
])
def test_request_figures(text, expected):
    assert figures_of(text) == expected


@pytest.mark.parametrize("text", [
    "其中，区直各部门收到政府信息公开申请30件。",  # a part of a total
    "各乡镇主动公开政府信息613条，占28.89%。",  # a share
    "历年累计主动公开政府信息1176条。",  # cumulative
    "通过门户网站主动公开政府信息7700余条。",  # approximate
    "约有主动公开政府信息近300条。",
    "2023年共收到政府信息公开申请80件。",  # another year than the report's (2024)
    "去年收到政府信息公开申请80件。",  # last year's
    "收到政府信息公开申请同比增加20件。",  # a change
    "办结率100%，答复率100%。",  # percentages
    "因征地拆迁引起的行政诉讼案件1件，原告撤诉。",  # not about information disclosure
    "全县共办理相关行政复议、行政诉讼案件74件。",  # a combined count
    "予以公开及部分公开208件（17.46%）。",  # a combined count
    "结转至2030年6件政府信息公开申请。",  # not the next year
    "公开涉企信息300余条，组织培训活动178场。",  # counts of other things
    "一、本年新收政府信息公开申请数量 | 2 | 2 | |||||||",  # a table row
    "一、本年新收政府信息公开申请数量 34 2 0 0 0 0 36",  # a space-separated table row
    "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",  # a row label, not a zero fee
    "上年结转政府信息公开申请数量 | 0 | 0 |",
])
def test_not_a_figure(text):
    assert figures_of(text) == {}


def test_numbers_apart_are_never_joined():
    assert figures_of("收到政府信息公开申请 34 2 件。") == {}


def test_appeals_figures():
    text = "2022年，全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件，均已结案。"
    assert figures_of(text, year=2022) == {"prose.litigation_total": 1, "appeals.review.total": 2}
    text = "2024 年市科委有 1 件涉及政府信息公开工作的行政复议，该行政复议件未被复议审查机关纠错。"
    assert figures_of(text) == {"appeals.review.total": 1}
    text = "因政府信息公开引起的行政复议案件3件，结果维持。"  # 3 cases, one outcome: not all upheld
    assert figures_of(text) == {"appeals.review.total": 3}
    text = "因政府信息公开引起的行政复议案件3件，结果均为维持。"
    assert figures_of(text) == {"appeals.review.total": 3, "appeals.review.upheld": 3}


def test_request_outcomes():
    text = ("所有办结的信息公开申请中同意公开答复 9 件，部分公开答复 0 件，不予公开答复 2件，无法提供的 10 件，"
            "不予处理 0 件，其他处理 14 件，转下一年度办理答复的有 1 件。")
    assert figures_of(text) == {
        "requests.granted.total": 9, "requests.partially_granted.total": 0, "prose.requests_denied": 2,
        "prose.requests_unable": 10, "prose.requests_not_processed": 0, "prose.requests_other_handling": 14,
        "requests.carried_forward.total": 1,
    }
    # 其他处理 is one row of the 2019 template, three rows of the 2021 one
    assert figures_of("申请中其他处理 4 件。", Format.FORM2019, 2020) == {"requests.other.total": 4}


def test_keys_follow_the_report_layout():
    text = "2017年共收到政府信息公开申请5件，因政府信息公开申请行政复议1件，行政诉讼0件。"
    assert figures_of(text, Format.PRE2019, 2017) == {
        "sheet.requests_received": 5, "sheet.review_total": 1, "sheet.litigation_total": 0}
    assert figures_of(text, Format.FORM2019, 2017) == {
        "requests.new_received.total": 5, "appeals.review.total": 1, "prose.litigation_total": 0}
    assert figures_of(text, Format.UNKNOWN, None) == {
        "prose.requests_received": 5, "prose.litigation_total": 0}


def test_zeros_stated_in_words():
    assert figures_of("2024年未收到政府信息公开申请。") == {"requests.new_received.total": 0}
    assert figures_of("我局没有发生因政府信息公开申请行政复议、提起行政诉讼的情况。") == {
        "appeals.review.total": 0, "prose.litigation_total": 0}
    assert figures_of("2024年，无收取信息处理费情况。") == {"prose.processing_fees": 0}
    assert figures_of("无行政诉讼败诉案件。") == {}  # no lost lawsuit is not no lawsuit


def test_fees():
    figs, _ = extract_figures(Source("全年收取政府信息公开信息处理费 3940 元。"), Format.FORM2021, 2024)
    (fig,) = figs
    assert (fig.key, fig.value.number, fig.value.unit) == ("prose.processing_fees", 3940, "元")
    figs, _ = extract_figures(Source("收取信息处理费共计0.15万元。"), Format.FORM2021, 2024)
    assert figs[0].value.number == Decimal("0.15") and figs[0].value.unit == "万元"


def test_a_line_broken_sentence_is_read():
    text = "市政府共受理政府信息公开申请 1295 件，办结 1191 件（含\n上年结转 189 件），均在法定期限内答复。"
    assert figures_of(text, year=2025) == {
        "requests.new_received.total": 1295, "requests.handled_total.total": 1191, "requests.carried_over.total": 189}


def test_a_word_broken_across_lines_is_read():
    assert figures_of("因政府信息公开引起的行政复\n议案件2件。") == {"appeals.review.total": 2}


def test_conflicting_figures_are_left_out():
    text = "2024年共收到政府信息公开申请75件。全年收到政府信息公开申请74件。上年结转1件政府信息公开申请。"
    figs, diags = extract_figures(Source(text), Format.FORM2021, 2024)
    assert "requests.new_received.total" not in {f.key for f in figs}
    (d,) = [d for d in diags if d.code == "FIGURE_CONFLICT"]
    assert d.path == "requests.new_received.total" and "75" in d.message and "74" in d.message
    assert "FIGURE_CONFLICT" in CODES and CODES["FIGURE_CONFLICT"].stage == "prose"


def test_a_repeated_statement_gives_one_figure():
    text = "共收到政府信息公开申请2件。" * 3
    figs, diags = extract_figures(Source(text), Format.FORM2021, 2024)
    assert [(f.key, f.value.number) for f in figs] == [("requests.new_received.total", 2)]
    assert not diags


# ---------------------------------------------------------------------------------------------
# Metadata from other shapes
# ---------------------------------------------------------------------------------------------

def meta_of(text: str):
    return parse(text).meta


def test_title_broken_over_two_lines_names_the_agency_after_the_year():
    meta = meta_of("正文\n2024 年上海市科委政府信息公开工作\n年度报告\n根据《条例》的要求，市科委编制了本报告。\n")
    assert meta.title == "2024 年上海市科委政府信息公开工作年度报告"
    assert meta.agency == "上海市科委"
    assert meta.year == 2024


def test_title_inside_a_book_title_is_not_the_report_title():
    text = ("根据《某某市人民政府办公室关于做好2019年政府信息公开工作年度报告的通知》要求,"
            "某某县统计局编制完成了本报告。本报告数据的期限从2019年1月1日至12月31日。")
    meta = meta_of(text)
    assert meta.title is None
    assert meta.agency == "某某县统计局"
    assert meta.period == "2019年1月1日至12月31日"


def test_agency_from_a_signature_or_a_metadata_line_not_a_source_line():
    body = "关于2020年度政府信息公开工作情况的报告\n一、总体情况\n本年度工作情况良好。\n"
    assert meta_of(body + "\n某某县文化和旅游局\n2021年1月20日\n").agency == "某某县文化和旅游局"
    meta = meta_of("时间：2021-01-22 发布机构：某某县文化和旅游局\n" + body)
    assert meta.agency == "某某县文化和旅游局"
    assert meta.published == "2021-01-22"
    # 来源 names the site that carries the page, often another body than the report's author
    meta = meta_of("时间：2021-01-22 来源：某某县人民政府\n" + body)
    assert meta.agency is None


def test_a_statistics_time_is_not_a_publication_date():
    meta = meta_of("某某局2019年政府信息公开工作年度报告\n统计时间：2019年1月1日至2019年12月31日\n")
    assert meta.published is None
    assert meta.period == "2019年1月1日至2019年12月31日"


def test_publication_date_in_chinese_numerals():
    text = "某某区2013年政府信息公开工作年度报告\n一、概述\n内容。\n某某区人民政府办公室\n二○一四年一月十日\n"
    assert meta_of(text).published == "2014-01-10"


def test_no_agency_is_a_diagnostic_not_a_guess():
    report = parse("一、总体情况\n本年度工作情况良好。\n")
    assert report.meta.agency is None
    assert report.diagnostics_with("AGENCY_MISSING")


# ---------------------------------------------------------------------------------------------
# Robustness and linearity
# ---------------------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(list("0123456789 ,，。;\n|、()年月日件条元共收到受理办结上年结转下年度行政复议"
                                 "诉讼因政府信息公开申请未无其中占余主动公开予以部分不予处理其他费"))


@settings(max_examples=300)
@given(st.lists(_ALPHABET, max_size=300).map("".join), st.sampled_from(list(Format)),
       st.one_of(st.none(), st.integers(2000, 2030)))
def test_figures_never_raise_and_point_at_their_number(text, fmt, year):
    figs, _ = extract_figures(Source(text), fmt, year)
    keys = [f.key for f in figs]
    assert len(keys) == len(set(keys))
    for f in figs:
        assert 0 <= f.span.start < f.span.end <= len(text)
        if f.value.number:
            digits = "".join(c for c in text[f.span.start:f.span.end] if c.isdigit() or c == ".")
            assert str(f.value.number) in digits


def test_sentences_are_cut_into_bounded_pieces():
    text = "主动公开政府信息的情况良好" * 10_000  # one sentence of 130,000 characters
    pieces = list(_pieces(text))
    assert max(b - a for a, b in pieces) <= _MAX_PIECE
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a2 == b1 for (_, b1), (a2, _) in itertools.pairwise(pieces))


def _overlapping(pieces: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(a, b) for a, b in pieces if any(s < b and e > a for s, e in spans)]


_SENTENCE_CHARS = "。;!?|\n \t一二1(#-—,收到受理结转办理申请未无件的"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_SENTENCE_CHARS, max_size=120), st.lists(st.integers(0, 120), max_size=8))
def test_pieces_near_spans_are_the_pieces_of_the_whole_text(text: str, cuts: list[int]) -> None:
    """The sentence scan that jumps over text far from every trigger word gives the same pieces as
    the scan of the whole text, for the trigger spans and for any sorted disjoint spans."""
    spots = [m.span() for m in _TRIGGER_SPOTS.finditer(text)]
    bounds = sorted({min(c, len(text)) for c in cuts})
    arbitrary = [(a, b) for a, b in itertools.pairwise(bounds) if a < b][::2]
    for spans in (spots, arbitrary):
        near = list(_pieces_near(text, spans))
        assert near == sorted(set(near))
        assert _overlapping(near, spans) == _overlapping(list(_pieces(text)), spans)


def test_pieces_near_spans_with_a_digit_only_regex_knows():
    """A digit outside the Basic Multilingual Plane (U+1E4F1, Unicode 15) starts a list item for
    ``regex``; the standard library's engine does not know it, so such a text is cut by ``regex``."""
    text = "收到申请\n\U0001e4f1、收到申请2件\n收到申请"
    spans = [m.span() for m in _TRIGGER_SPOTS.finditer(text)]
    assert list(_pieces_near(text, spans)) == list(_pieces(text)) == [(0, 4), (5, 13), (14, 18)]


def test_pieces_near_spans_of_long_sentences():
    text = ("主动公开政府信息的情况良好," * 300 + "。") * 3
    spans = [m.span() for m in _TRIGGER_SPOTS.finditer(text)]
    assert list(_pieces_near(text, spans)) == list(_pieces(text))


def test_the_sheet_channel_and_zero_rules_hold_one_of_their_trigger_words():
    """A rule's trigger words are a filter: whatever the rule matches holds one of them."""
    sheet = next(r for r in _RULES if r.quantity == "sheet")
    assert all(any(t in label for t in sheet.triggers) for label, _ in _SHEET_LABELS)
    channel = next(r for r in _RULES if r.quantity == "channel")
    assert all(any(t in f"{ch}申请" for t in channel.triggers) for ch in _CHANNEL_KEYS)
    zero = next(r for r in _RULES if r.quantity == "received" and r.zero)
    for no in ("未", "没有", "没", "无"):
        for verb in ("收到", "受理", "接到", "接收", "发生"):
            m = zero.pattern.search(f"今年{no}{verb}过政府信息公开申请")
            assert m is not None and any(t in m.group(0) for t in zero.triggers)


def test_a_long_repeated_line_is_read_once():
    text = "共收到政府信息公开申请2件，" * 20_000  # 280,000 characters on one line
    figs, _ = extract_figures(Source(text), Format.FORM2021, None)
    assert [(f.key, f.value.number) for f in figs] == [("requests.new_received.total", 2)]


_DATE_BITS = ["2019年1月2日", "二〇二〇年三月十日", "2019-01-02", "\n", " ", "(", ")", "1", "2", "年", "日", "一", "x",
              "\t"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_BITS), max_size=30))
def test_date_lines_tried_at_line_starts_are_the_date_lines_searched_for(bits: list[str]) -> None:
    from zhgov_report import _prose as p
    from zhgov_report._sections import matches_at

    text = Source("".join(bits)).text
    starts = [0, *(m.start() + 1 for m in p._DATE_LINE_START.finditer(text))]
    want = [m.span() for m in p._DATE_LINE.finditer(text)]
    assert [m.span() for m in matches_at(p._DATE_LINE, text, starts, len(text))] == want
