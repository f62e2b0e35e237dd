"""Sections: headings of every layout, inline headings, and table rows that are not headings."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhgov_report import parse
from zhgov_report._intake import Source
from zhgov_report._sections import MAX_HEADINGS, find_headings, ordinal_value, scan_headings, sections_of

from .conftest import DATA, seed_text

TEMPLATE_KEYS = ["overview", "active", "requests", "appeals", "problems", "other"]

_TEMPLATE_000 = [
    ("overview", 1, "一、总体情况"), ("active", 2, "二、主动公开政府信息情况"),
    ("requests", 3, "三、收到和处理政府信息公开申请情况"), ("appeals", 4, "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", 5, "五、政府信息公开工作存在的主要问题及改进情况"), ("other", 6, "六、其他需要报告的事项"),
]
_TEMPLATE_001 = [
    *_TEMPLATE_000[:4], ("problems", 5, "五、存在的主要问题及改进情况"), ("other", 6, "六、其他需要报告的事项"),
]
SEED_SECTIONS = {
    "000": _TEMPLATE_000,
    "001": _TEMPLATE_001,
    "002": _TEMPLATE_001,
    # pre-2019, scraped with headings lost: one ordinal missing (、依申请…), an attachment announced
    "003": [
        (None, 1, "一、政府信息公开组织领导情况"), ("requests", None, "、依申请公开政府信息情况"),
        ("problems", 6, "六、存在的主要问题和改进措施"),
        (None, None, "附件新乡经济技术开发区政府信息公开工作情况统计表"),
    ],
    # pre-2019 with eleven sections and the statistics sheet attached
    "004": [
        ("overview", 1, "一、概述"), (None, 2, "二、组织领导和制度建设情况"),
        (None, 3, "三、重点领域政府信息公开工作推进情况"), ("active", 4, "四、主动公开政府信息以及公开平台建设情况"),
        ("requests", 5, "五、政府信息公开申请办理情况"), (None, 6, "六、政府信息公开收费及减免情况"),
        ("appeals", 7, "七、因政府信息公开申请行政复议、提起行政诉讼情况"),
        (None, 8, "八、政府信息公开保密审查及监督检查情况"), (None, 9, "九、所属事业单位信息公开工作推进情况"),
        ("problems", 10, "十、政府信息公开工作存在的主要问题及改进情况"),
        ("other", 11, "十一、需要说明的事项"), (None, None, "附件:金乡县商务局2017年度政府信息公开工作情况统计表"),
    ],
}


@pytest.mark.parametrize("seed", sorted(SEED_SECTIONS))
def test_seed_sections(seed):
    sections = parse(seed_text(seed)).sections
    assert [(s.key, s.number, s.heading) for s in sections] == SEED_SECTIONS[seed]


def test_table_rows_numbered_like_headings_are_not_sections():
    # seed 001's request table has rows 一、本年新收… 二、上年结转… 三、本年度办理结果 四、结转下年度继续办理
    headings = [s.heading for s in parse(seed_text("001")).sections]
    assert not [h for h in headings if "本年新收" in h or "上年结转" in h or "办理结果" in h or "结转下年度" in h]
    # seed 004's statistics sheet has rows 一、主动公开情况 … 十、政府信息公开会议和培训情况
    headings = [s.heading for s in parse(seed_text("004")).sections]
    assert "一、主动公开情况" not in headings
    assert not [h for h in headings if "行政复议数量" in h or "会议和培训" in h]


def test_markdown_row_labels_are_not_sections():
    text = (DATA / "prose" / "shuyang_2025_asis.txt").read_text(encoding="utf-8")
    assert "### 三、本年度办理结果" in text
    sections = parse(text).sections
    assert [s.key for s in sections] == TEMPLATE_KEYS
    assert not [s for s in sections if "本年度办理结果" in s.heading]


@pytest.mark.parametrize("seed", ["000", "002"])
def test_inline_headings_split_one_long_line(seed):
    text = seed_text(seed)
    sections = parse(text).sections
    # a heading in mid-line: the text before it on its line is prose, not only spaces
    inline = [s for s in sections if s.span is not None
              and text[text.rfind("\n", 0, s.span.start) + 1:s.span.start].strip()]
    assert {s.key for s in inline} >= {"overview", "other"}
    assert [s.key for s in sections] == TEMPLATE_KEYS
    assert sections[0].text.startswith(("为确保政府信息公开工作顺利开展", "(一)主动公开情况"))
    assert "二、主动公开政府信息情况" not in sections[0].text
    assert sections[-1].text.startswith("无") or sections[-1].text.startswith("全年")


def test_section_text_and_span():
    text = seed_text("001")
    for s in parse(text).sections:
        assert s.span is not None
        whole = text[s.span.start:s.span.end]
        assert whole.startswith(s.heading)
        assert s.text in whole
    problems = next(s for s in parse(text).sections if s.key == "problems")
    assert problems.text.startswith("2019年,我镇政务公开工作虽然取得了一定成效")
    assert "六、其他需要报告的事项" not in problems.text


def test_title_ends_at_its_last_word_not_in_the_body():
    (h,) = find_headings(Source("一、总体情况为确保政府信息公开工作顺利开展"))
    assert h.text == "一、总体情况"
    (h,) = find_headings(Source("五、存在的主要问题及改进情况（一）存在的主要问题:政策解读"))
    assert h.text == "五、存在的主要问题及改进情况"


@pytest.mark.parametrize(("heading", "key"), [
    ("一、总体工作情况", "overview"),
    ("二、行政机关主动公开政府信息情况", "active"),
    ("三、收到和处理政府信息公开申请情况统计表", "requests"),
    ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "appeals"),
    ("六、存在的问题及改进情况", "problems"),
    ("五、政务信息工作存在主要问题和改进情况", "problems"),
    ("七、其他需要报告的事项", "other"),
    ("三、政府信息依申请公开工作情况", "requests"),
])
def test_heading_variants(heading, key):
    (h,) = find_headings(Source(f"前言。\n{heading}\n正文。"))
    assert (h.key, h.text) == (key, heading)


def test_a_sheet_section_row_in_prose_is_still_a_heading():
    # 主动公开情况 is a statistics-sheet row label, but as a line of prose it is a report section
    (h,) = find_headings(Source("前言。\n二、主动公开情况\n本年度主动公开政府信息96条。\n"))
    assert (h.key, h.number) == ("active", 2)


def test_attachment_download_link_is_not_a_section():
    assert find_headings(Source("六、其他需要报告的事项\n无。\n附件下载\n")) == find_headings(
        Source("六、其他需要报告的事项\n无。\n"))


@pytest.mark.parametrize(("text", "value"), [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23),
                                         ("十十", None), ("一二", None), ("", None)])
def test_ordinal_value(text, value):
    assert ordinal_value(text) == value


_ALPHABET = st.sampled_from(list("一二三四五六七八九十、.|| \n#附件表:总体情况主动公开政府信息收到和处理申请"
                                 "行政复议诉讼存在的主要问题其他需要报告事项本年新收上年结转"))


@settings(max_examples=300)
@given(st.lists(_ALPHABET, max_size=300).map("".join))
def test_headings_are_ordered_disjoint_and_inside_the_text(text):
    src = Source(text)
    headings = find_headings(src)
    for a, b in itertools.pairwise(headings):
        assert a.start < b.start and a.end <= b.start
    for h in headings:
        assert 0 <= h.start < h.end <= len(text)
    sections = sections_of(src, headings)
    assert len(sections) == len(headings)


def test_many_headings_in_one_line_are_bounded():
    n = 20_000
    headings = find_headings(Source("一、总体情况 " * n))  # quadratic bookkeeping would take minutes here
    # a real report has a few dozen headings: a hostile input is cut at MAX_HEADINGS, in text order
    assert len(headings) == MAX_HEADINGS
    assert [h.start for h in headings] == [7 * i for i in range(MAX_HEADINGS)]


# ---------------------------------------------------------------------------------------------
# The heading patterns are tried only where an ordinal (or an orphan's mark) stands
# ---------------------------------------------------------------------------------------------

_HEADING_BITS = [
    "一、", "二 、", "十一.", "第三、", "一二三四、", "、", " ", "\n", "#", "|", "。", "概述", "总体情况", "1", "(一)",
    "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
    "其他需要报告的事项", "存在的主要问题及改进情况", "附件:", "统计表", "工作", "本年新收政府信息公开申请数量",
    "．", "\t", "三、本年度办理结果",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_HEADING_BITS), max_size=30))
def test_heading_patterns_tried_at_ordinals_find_what_a_search_finds(bits: list[str]) -> None:
    from zhgov_report import _sections as s

    text = Source("".join(bits)).text
    stop = len(text)
    ordinals = [m.start() for m in s._ORD_MARK.finditer(text)
                if m.start() == 0 or text[m.start() - 1] not in s._NOT_BEFORE_ORDINAL]
    orphans = [0, *(m.start() + 1 for m in s._LINE_MARK.finditer(text))]
    for pattern, starts in ((s._HEADING, ordinals), (s._ORPHAN, orphans),
                            (s._GENERIC, s._title_starts(text, ordinals))):
        want = [m.span() for m in pattern.finditer(text)]
        for places in (starts, None):  # tried one by one; searched for
            assert [m.span() for m in s.matches_at(pattern, text, places, stop)] == want


def test_a_text_with_more_headings_than_are_looked_for_says_so():
    text = "一、总体情况\n" * (MAX_HEADINGS + 100)
    headings, truncated = scan_headings(Source(text))
    assert truncated and len(headings) == MAX_HEADINGS
    report = parse(text)
    (diag,) = [d for d in report.diagnostics if d.code == "HEADINGS_TRUNCATED"]
    assert diag.span is not None and diag.span.line == MAX_HEADINGS
    assert len(report.sections) == MAX_HEADINGS
    # generic titles count against the same bound
    mixed = "二、主动公开政府信息情况\n二、 一个标题\n" * MAX_HEADINGS
    assert scan_headings(Source(mixed))[1]
    # a real report's few dozen headings are all found, and nothing is said
    few = "一、总体情况\n" * (MAX_HEADINGS - 1)
    assert not scan_headings(Source(few))[1]
    assert "HEADINGS_TRUNCATED" not in {d.code for d in parse(few).diagnostics}
