"""The report's prose: metadata, figures stated in sentences, and the prose-versus-table checks.

**Metadata** (:func:`extract_meta`): the title, the issuing body (from the title, a name line
beside it, the ``根据…编制`` preamble, the signature above the date, or a ``来源``/``发布机构``
line, in that order), the year the report covers (the detector's, see
:func:`zhgov_report.detect.find_year`), the publication date (a ``发布时间``/``时间`` label, else a
date line on its own) and the statistics period (``统计期限…2019年1月1日至12月31日``).

**Figures** (:func:`extract_figures`): statements such as ``共收到依申请公开件2件`` or
``上年结转36件`` become :class:`~zhgov_report.models.Figure` objects. Precision comes before
recall: a statement is read only when it says unambiguously what it counts. It must carry a unit
(``件``, ``条``, ``次``, ``元``…), approximate numbers (``50余条``, ``近300个``), shares (``…，占71%``),
parts of an earlier total (``其中，…``), cumulative counts (``历年累计``), last year's numbers and
changes (``同比``) are left alone, and figures about review or litigation must concern
information disclosure (``因征地拆迁引起的行政诉讼`` is not one). A few sentences state a zero in
words (``未收到政府信息公开申请``); they give a figure of ``0``. When the prose gives two
different values for one quantity, neither is kept (diagnostic ``FIGURE_CONFLICT``).

A figure's key is the FIELDS.md key of the same quantity in the report's own layout where one
exists (``requests.new_received.total`` in a post-2019 report, ``sheet.requests_received`` in a
pre-2019 one; ``sheet.proactive_total`` for ``主动公开政府信息N条`` in every layout, since only the
statistics sheet has that quantity), else a key of the ``prose.`` namespace listed in
:data:`NARRATIVE_KEYS`. :func:`zhgov_report.flatten` leaves figures out unless asked
(``narrative=True`` adds them as ``narrative.<key>``).

**Checks** (:func:`prose_checks`): rule A9 of FORMATS.md §6, each figure against the table cells
of the same quantity, as soft checks. They never change a table value.

Everything here is linear in the length of the text: sentences are cut into pieces of bounded
length, every pattern has bounded repetitions, and look-backs read bounded windows.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from itertools import chain

import attrs
import regex

from . import diagnostics as dg
from ._agency import Named, find_agency
from ._intake import Source, normalise
from ._sections import matches_at, sparse
from ._values import YEAR_DIGITS
from .checks import evaluate_identity
from .models import (
    Cell,
    Check,
    CheckStatus,
    Detection,
    Diagnostic,
    Figure,
    Format,
    Meta,
    Number,
    Span,
    Table,
    Value,
    ValueKind,
)
from .templates._base import Identity
from .templates._labels import loose

__all__ = ["NARRATIVE_KEYS", "extract_figures", "extract_meta", "prose_checks"]

# ---------------------------------------------------------------------------------------------
# Metadata
# ---------------------------------------------------------------------------------------------

_HEAD = 20_000  # metadata is looked for in the opening of the text

# A crawler's title line: ``标题: …``, ``标题=…``.
_LABELLED_TITLE = regex.compile(r"(?m)^[ \t]*(?:标题|题目|title)[ \t]*[:=][ \t]*(?P<t>[^\n]{4,120}?)[ \t]*$", regex.I)
_LABELLED_TRIED = 4  #: labelled title lines tried for a whole title (a wrapped one may come first)
# A report title: [agency] YEAR 年(度) [agency] (政府|政务)信息公开 [工作] (的) 年度报告 | 年报 | 工作报告 |
# 情况的报告. It starts at a boundary (line start, space, pipe, colon, #) and ends before a space, a
# line end, a pipe or a bracket: a title inside a sentence (``…编制完成了…年度报告。``) or a book
# title (``《…年度报告的通知》``) is not the report's title.
_T_CHAR = r"[^\s|。,;:!?《》()\[\]\"'、\d>/»›<]"
_TITLE_CORE = (
    rf"(?P<t>(?P<pre>{_T_CHAR}{{1,40}}[ \t]?)?"
    r"(?P<year>(?:19|20)\d{2})\s{0,2}年\s{0,2}度?\s{0,2}"
    rf"(?P<mid>{_T_CHAR}{{0,30}}?)\s{{0,2}}"
    r"(?:关于)?(?:政\s?[府务]\s?)?信\s?息\s?公\s?开\s{0,3}(?:工\s?作\s{0,3})?(?:情\s?况\s?)?(?:的\s?)?"
    r"(?:年\s?度\s?报\s?告|年\s?报|工\s?作\s?报\s?告|报\s?告))"
)
_TITLE = regex.compile(rf"(?:^|(?<=[\s|#:])){_TITLE_CORE}(?=[ \t\n|(\[【—-]|$)")
# Without a title line, the report's name as its preamble gives it: ``…编制完成了永嘉县经信局2019年政府信息
# 公开工作年度报告。`` (used for the title only: a short name there is not the issuing body's name).
_TITLE_IN_PREAMBLE = regex.compile(rf"(?:编制完成了?|编制了|现公布|现予公布|特发布){_TITLE_CORE}(?=[。,;]|$)")
_DATE = r"(?P<y>(?:19|20)\d{2})\s{0,2}[-/.年]\s{0,2}(?P<m>\d{1,2})\s{0,2}[-/.月]\s{0,2}(?P<d>\d{1,2})"
_PUBLISHED_LABEL = regex.compile(
    rf"(?:发布时间|发布日期|发文日期|成文日期|印发日期|公开日期|发表时间|(?<!统计|数据|期限|截止)(?:时间|日期))"
    rf"\s{{0,2}}:\s{{0,2}}{_DATE}(?!\d)(?!\s{{0,2}}日?\s{{0,2}}(?:起|至|到|—|-|~))"
)
_DATE_LINE = regex.compile(
    rf"(?m)^[ \t(]*(?:{_DATE}\s{{0,2}}日|(?P<cy>[{YEAR_DIGITS}]{{4}})年(?P<cm>[一二三四五六七八九十]{{1,2}})月"
    r"(?P<cd>[一二三四五六七八九十]{1,3})日)[ \t)]*$"
)
# Where a date line can start: a line break, spaces or brackets, and a year's first digit (19xx, 20xx
# or a Chinese numeral). _DATE_LINE is tried at those line starts only; the standard library's engine
# finds them many times faster.
_DATE_LINE_START = re.compile(rf"\n[ \t(]*[12{YEAR_DIGITS}]")
_CN_DATE_INLINE = regex.compile(rf"(?<=[\s。])(?P<cy>[{YEAR_DIGITS}]{{4}})年(?P<cm>[一二三四五六七八九十]{{1,2}})月"
                                r"(?P<cd>[一二三四五六七八九十]{1,3})日(?=\s)")
_PERIOD_DATE = r"(?:19|20)\d{2}\s{0,2}年?\s{0,2}\d{1,2}\s{0,2}月\s{0,2}\d{1,2}\s{0,2}日"
_PERIOD = regex.compile(
    r"(?:统计|期限|时限|周期|期间|时间|数据)[^。]{0,24}?(?P<p>" + _PERIOD_DATE
    + r"\s{0,2}(?:起)?\s{0,2}(?:至|到|—|-|~)\s{0,2}(?:(?:19|20)\d{2}\s{0,2}年?\s{0,2})?\d{1,2}\s{0,2}月\s{0,2}\d{1,2}"
    r"\s{0,2}日)"
)


#: Prose is read this far: real reports are well under 100,000 characters, and a hostile input must
#: not cost more than a bounded amount here.
PROSE_LIMIT = 400_000


def _cn_number(s: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 三十一 -> 31 (month and day numerals)."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if not s:
        return None
    if "十" not in s:
        return digits.get(s) if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    t = digits.get(tens, -1) if tens else 1
    o = digits.get(ones, -1) if ones else 0
    return None if t < 0 or o < 0 else t * 10 + o


def _cn_year(s: str) -> int:
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits.update({"〇": 0, "○": 0, "Ｏ": 0})
    return int("".join(str(digits[c]) for c in s))


_LINE_BREAK = regex.compile(r"\s*\n\s*")
_BLANKS = regex.compile(r"[ \t]+")
_SPACE = regex.compile(r"\s+")


def _tidy(t: str) -> str:
    """Text as written, without the line breaks PDF conversion put into it, spaces collapsed."""
    return str(_BLANKS.sub(" ", _LINE_BREAK.sub("", t.strip().lstrip("#").strip()))).strip()


def _iso(y: int, m: int, d: int) -> str | None:
    if 1 <= m <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def _labelled_title(src: Source, head: str) -> tuple[str | None, Span | None, _Shifted | None] | None:
    """The first crawler's title line that holds a whole title, else the first title line as it is."""
    first = None
    for i, m in enumerate(_LABELLED_TITLE.finditer(head)):
        if i == _LABELLED_TRIED:
            break
        tm = _TITLE.search(m.group("t"))
        if tm is not None:
            off = m.start("t")
            return _tidy(tm.group("t")), src.span(off + tm.start("t"), off + tm.end("t")), _Shifted(tm, off)
        first = first or (_tidy(m.group("t")), src.span(m.start("t"), m.end("t")), None)
    return first


def _find_title(src: Source) -> tuple[str | None, Span | None, regex.Match[str] | _Shifted | None]:
    head = src.text[:_HEAD]
    labelled = _labelled_title(src, head)
    if labelled is not None:
        return labelled
    m = _TITLE.search(head)
    if m is None:
        pm = _TITLE_IN_PREAMBLE.search(head[:5_000])
        if pm is None:
            return None, None, None
        return _tidy(pm.group("t")), src.span(pm.start("t"), pm.end("t")), None
    return _tidy(m.group("t")), src.span(m.start("t"), m.end("t")), m


class _Shifted:
    """A title match found inside a labelled line, with its offsets moved to the whole text."""

    def __init__(self, m: regex.Match[str], offset: int) -> None:
        self._m = m
        self._offset = offset

    def group(self, name: str) -> str | None:
        g = self._m.group(name)
        return None if g is None else str(g)

    def start(self, name: str) -> int:
        return int(self._m.start(name)) + self._offset

    def end(self, name: str) -> int:
        return int(self._m.end(name)) + self._offset


def _title_names(m: regex.Match[str] | _Shifted | None, offset: int = 0) -> list[Named]:
    """The names a title gives the issuing body: before its year (``大溪镇2019年…``), then between
    the year and ``政府信息公开`` (``2024 年上海市科委政府信息公开工作年度报告``); offsets moved by
    ``offset``. :func:`~zhgov_report._agency.clean` tells which is a name."""
    if m is None:
        return []
    out = []
    for part in ("pre", "mid"):
        raw = m.group(part) or ""
        lead = len(raw) - len(raw.lstrip())
        if raw.strip():
            start = m.start(part) + lead + offset
            out.append(Named(raw.strip(), start, start + len(raw.strip())))
    return out


def _given_title(title: str | None) -> tuple[str | None, list[Named]]:
    """The title the caller gave (tidied) and the names it holds."""
    if title is None:
        return None, []
    tidy = _tidy(normalise(title))
    m = _TITLE.search(tidy)
    return (tidy or None), _title_names(m)


def _published(src: Source, year: int | None) -> tuple[str | None, Span | None]:
    text = src.text
    m = _PUBLISHED_LABEL.search(text[:5_000])
    if m is not None:
        iso = _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if iso is not None and (year is None or int(m.group("y")) >= year):
            return iso, src.span(m.start("y"), m.end("d"))
    last: tuple[str, int, int] | None = None
    stop = min(len(text), PROSE_LIMIT)
    starts = sparse(chain((0,), (m.start() + 1 for m in _DATE_LINE_START.finditer(text, 0, stop))), stop)
    for m in matches_at(_DATE_LINE, text, starts, stop):
        if m.group("y") is not None:
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            s, e = m.start("y"), m.end("d") + 1
        else:
            y = _cn_year(m.group("cy"))
            mo, d = _cn_number(m.group("cm")) or 0, _cn_number(m.group("cd")) or 0
            s, e = m.start("cy"), m.end("cd") + 1
        iso = _iso(y, mo, d)
        if iso is not None and (year is None or y >= year):
            last = (iso, s, e)
    if last is None:
        # a signature date inside a long line: ``… 二○一四年一月十日 …`` right before a statistics sheet
        for m in _CN_DATE_INLINE.finditer(text, 0, min(len(text), PROSE_LIMIT)):
            y = _cn_year(m.group("cy"))
            iso = _iso(y, _cn_number(m.group("cm")) or 0, _cn_number(m.group("cd")) or 0)
            if iso is not None and (year is None or y >= year):
                last = (iso, m.start(), m.end())
    if last is None:
        return None, None
    return last[0], src.span(last[1], last[2])


def _period(src: Source) -> tuple[str | None, Span | None]:
    m = _PERIOD.search(src.text[:_HEAD])
    if m is None:
        return None, None
    return str(_SPACE.sub("", m.group("p"))), src.span(m.start("p"), m.end("p"))


def extract_meta(
    src: Source, detection: Detection, encoding: str | None, title: str | None = None
) -> tuple[Meta, list[Diagnostic]]:
    """What the report says about itself: title, issuing body, year covered (from the detector),
    publication date, statistics period and the input encoding, each with its span. ``title`` is
    a title the caller holds apart from the text (a crawler's title field): it is the report's
    title, and the first place the agency is looked for."""
    given, given_names = _given_title(title)
    found_title, title_span, title_match = _find_title(src)
    agency = find_agency(src, given_names, _title_names(title_match))
    published, published_span = _published(src, detection.year)
    period, period_span = _period(src)
    diags: list[Diagnostic] = []
    if agency is None:
        diags.append(dg.make("AGENCY_MISSING", "the issuing body was not found"))
    meta = Meta(
        title=given or found_title, agency=agency.name if agency else None, year=detection.year,
        published=published, period=period, encoding=encoding,
        agency_source=agency.source if agency else None,
        title_span=None if given else title_span, agency_span=agency.span if agency else None,
        year_span=detection.year_span, published_span=published_span, period_span=period_span,
    )
    return meta, diags


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------

#: The keys of the ``prose.`` namespace: quantities the prose states that have no FIELDS.md key in
#: the report's layout. ``flatten(report, narrative=True)`` gives them as ``narrative.prose.…``.
NARRATIVE_KEYS: dict[str, str] = {
    "prose.requests_received": "requests received (收到/受理) when the report's layout is unknown",
    "prose.requests_carried_over": "requests carried over from the previous year (上年结转) in a pre-2019 report",
    "prose.requests_carried_forward": "requests carried forward to the next year (结转下年度) in a pre-2019 report",
    "prose.requests_closed": "requests closed (办结) when the report's layout is unknown",
    "prose.requests_handled": "requests the report says it dealt with (办理 N件); whether carry-overs are included "
                              "differs between reports, so it is not mapped to a table row",
    "prose.requests_denied": "requests refused (不予公开), the sum of the eight （三） rows of the request table",
    "prose.requests_unable": "requests that could not be answered (无法提供), the sum of the three （四） rows",
    "prose.requests_not_processed": "requests not processed (不予处理), the sum of the five （五） rows",
    "prose.requests_other_handling": "requests otherwise handled (其他处理), the sum of the three （六） rows of the "
                                     "2021 template",
    "prose.litigation_total": "lawsuits about information disclosure (行政诉讼 N件): 未经复议直接起诉 总计 + "
                              "复议后起诉 总计 in the post-2019 tables",
    "prose.processing_fees": "information processing fees collected (信息处理费), in the unit written (元 or 万元)",
}

def _same(key: str) -> tuple[str, str, str, str]:
    return (key, key, key, key)


# quantity -> key by layout family: (form2019, form2021, pre2019, unknown)
_KEYS: dict[str, tuple[str, str, str, str]] = {
    "received": ("requests.new_received.total", "requests.new_received.total", "sheet.requests_received",
                 "prose.requests_received"),
    "carried_over": ("requests.carried_over.total", "requests.carried_over.total", "prose.requests_carried_over",
                     "prose.requests_carried_over"),
    "carried_forward": ("requests.carried_forward.total", "requests.carried_forward.total",
                        "prose.requests_carried_forward", "prose.requests_carried_forward"),
    "closed": ("requests.handled_total.total", "requests.handled_total.total", "sheet.requests_closed",
               "prose.requests_closed"),
    "answered": ("requests.handled_total.total", "requests.handled_total.total", "sheet.requests_answered",
                 "prose.requests_closed"),
    "handled": _same("prose.requests_handled"),
    "granted": ("requests.granted.total", "requests.granted.total", "sheet.answered_granted", ""),
    "partial": ("requests.partially_granted.total", "requests.partially_granted.total",
                "sheet.answered_partially_granted", ""),
    "denied": ("prose.requests_denied", "prose.requests_denied", "sheet.answered_denied", ""),
    "unable": ("prose.requests_unable", "prose.requests_unable", "", ""),
    "not_processed": ("prose.requests_not_processed", "prose.requests_not_processed", "", ""),
    "other_handling": ("requests.other.total", "prose.requests_other_handling", "", ""),
    "review": ("appeals.review.total", "appeals.review.total", "sheet.review_total", ""),
    "review_upheld": ("appeals.review.upheld", "appeals.review.upheld", "sheet.review_upheld", ""),
    "litigation": ("prose.litigation_total", "prose.litigation_total", "sheet.litigation_total",
                   "prose.litigation_total"),
    "fees": _same("prose.processing_fees"),
    "in_person": _same("sheet.requests_in_person"),
    "fax": _same("sheet.requests_fax"),
    "online": _same("sheet.requests_online"),
    "letter": _same("sheet.requests_letter"),
}
# Statistics-sheet quantities named with the sheet's own label: the same key in every layout.
_SHEET_LABELS: tuple[tuple[str, str], ...] = (
    ("主动公开规范性文件数", "sheet.proactive_normative_documents"),
    ("制发规范性文件总数", "sheet.normative_documents_issued"),
    ("政府公报公开政府信息数", "sheet.via_gazette"),
    ("政府网站公开政府信息数", "sheet.via_website"),
    ("政务微博公开政府信息数", "sheet.via_weibo"),
    ("政务微信公开政府信息数", "sheet.via_wechat"),
    ("其他方式公开政府信息数", "sheet.via_other"),
    ("回应公众关注热点或重大舆情数", "sheet.responses_hot_topics"),
    ("参加或举办新闻发布会总次数", "sheet.press_conferences"),
    ("参加或举办新闻发布会", "sheet.press_conferences"),
    ("政府网站在线访谈次数", "sheet.online_interviews"),
    ("政府网站在线访谈", "sheet.online_interviews"),
    ("政策解读稿件发布数", "sheet.interpretations"),
    ("微博微信回应事件数", "sheet.responses_weibo_wechat"),
    ("微博微信回应事件", "sheet.responses_weibo_wechat"),
    ("其他方式回应事件数", "sheet.responses_other"),
    ("其他方式回应事件", "sheet.responses_other"),
)
_SHEET_KEY = dict(_SHEET_LABELS)
# The labels that hold no shorter label: one of them stands in every sentence the sheet rule matches.
_SHEET_WORDS = tuple(lb for lb, _ in _SHEET_LABELS if not any(o != lb and o in lb for o, _ in _SHEET_LABELS))
_FAMILY_INDEX = {"form2019": 0, "form2021": 1, "pre2019": 2}

# Patterns run on a piece of a sentence with its whitespace removed (digits that whitespace kept
# apart are joined by ``_``, so ``34 2`` never reads as 342). Full-width punctuation is already
# half-width (see _intake).
_N = r"(?<![\d._])(?<!\d,)(?P<n>\d{1,3}(?:,\d{3}){1,7}|\d{1,9})(?![\d_]|[.,]\d)"
_ND = r"(?<![\d._])(?<!\d,)(?P<n>\d{1,3}(?:,\d{3}){1,7}(?:\.\d{1,4})?|\d{1,9}(?:\.\d{1,4})?)(?![\d_]|[.,]\d)"
_FILL = r"(?:的|共计|合计|总计|共有|共|计|总数|数量|件数|数|为|是|达到|达|有|:){0,4}"
_CASES = r"(?P<u>件|起|宗|个|份)"
_GAP = r"[^\d。,;:!?|]"
_NEXT_YEAR = r"(?:下一?个?年度?|(?P<y>(?:19|20)\d{2})年度?)"
_INFO = r"(?:政府信息公开|信息公开|政务公开|依申请公开)"
_OBJECT = r"(?:政府信息公开申请|信息公开申请|依申请公开件|依申请公开申请|依申请公开|政府信息公开)"


@attrs.frozen(slots=True)
class _Rule:
    """A figure pattern: the quantity it states, and which guards apply.

    ``total``: a total that a part (其中…, …占N%), a cumulative count (历年), or an earlier year must
    not pass for. ``context``: the statement does not name information disclosure itself, so its
    sentence (``"sentence"``) or the 400 characters before it (``"near"``) must. ``appeals``: the
    proceeding must concern information disclosure. ``outcome``: a breakdown of answered requests;
    the sentence must be about requests. ``triggers``: words one of which the sentence must hold
    for the pattern to be tried at all (a cheap filter).
    """

    quantity: str
    pattern: regex.Pattern[str]
    triggers: tuple[str, ...]
    total: bool = False
    context: str = ""
    appeals: bool = False
    outcome: bool = False
    zero: bool = False
    decimal: bool = False


def _r(quantity: str, pattern: str, triggers: str, **flags: bool | str) -> _Rule:
    return _Rule(quantity, regex.compile(pattern), tuple(triggers.split()), **flags)  # type: ignore[arg-type]


_RULES: tuple[_Rule, ...] = (
    # 共收到依申请公开件2件 / 受理政府信息公开申请1295件 / 接收…各类政府信息公开申请共计81件
    _r("received", rf"(?P<v>收到|受理|接收|接到|新收){_GAP}{{0,14}}?{_INFO}(?:的)?(?:申请件|申请|件)?{_FILL}{_N}"
       r"(?P<u>件|条|份)", "收到 受理 接收 接到 新收", total=True),
    # 共收到70件申请
    _r("received", rf"(?P<v>收到|接收|接到)(?:共计|共|了)?{_N}(?P<u>件|份)(?:政府信息公开|信息公开|依申请公开)?"
       r"(?:的)?申请(?!人)", "收到 接收 接到", total=True, context="near"),
    # 办结69件 / 办结依申请公开81件 (in a sentence about requests)
    _r("closed", rf"办结{_GAP}{{0,8}}?{_OBJECT}?{_FILL}{_N}(?P<u>件)", "办结", total=True, context="near"),
    # 已答复件数2件
    _r("answered", rf"(?<!同意公开|部分公开|不予公开)答复(?:件数|数量|数){_FILL}{_N}(?P<u>件|条)", "答复", total=True,
       context="near"),
    # 共办理依申请公开件528件
    _r("handled", rf"(?<!继续|不予|予以|年度|下年)办理{_GAP}{{0,8}}?{_OBJECT}{_FILL}{_N}(?P<u>件)", "办理", total=True),
    # 上年结转36件 / 含上年结转189件 / 上年结转政府信息公开申请2件
    _r("carried_over", rf"(?:上一?年度?|去年)结转(?:来)?(?:的)?{_OBJECT}?{_FILL}{_N}(?P<u>件)", "结转",
       context="near"),
    # 结转下年度办理23件 / 结转下一年31件 / 结转至2026年6件 / 转下一年度办理答复的有1件
    _r("carried_forward", rf"(?:结转|转入|顺延|转)(?:至|到|入)?{_NEXT_YEAR}(?:继续)?(?:办理|处理)?(?:答复)?{_FILL}"
       rf"{_N}(?P<u>件)", "转 顺延", context="near"),
    # 1件结转下年度继续办理
    _r("carried_forward", rf"{_N}(?P<u>件)(?:申请)?(?:结转|转入|顺延)(?:至|到)?{_NEXT_YEAR}", "转 顺延",
       context="near"),
    # 行政复议案件1件 / 行政复议36起 (not 行政诉讼、行政复议案件N件)
    _r("review", rf"(?<!诉讼[、和及与/])行政复议(?:案件|案|申请|事项|件)?(?:数量|数)?{_FILL}{_N}{_CASES}", "行政复议",
       appeals=True),
    # 有1件涉及政府信息公开工作的行政复议
    _r("review", rf"(?:有|共有|共|发生){_N}(?P<u>件|起)(?P<cause>{_GAP}{{0,24}}?)行政复议"
       r"(?![、和及与]?(?:提起)?行政诉讼)", "行政复议", appeals=True),
    _r("litigation", rf"(?<!复议[、和及与/]|复议[、和及与/]提起)行政诉讼(?:案件|案|事项|件)?(?:数量|数)?"
       rf"{_FILL}{_N}{_CASES}", "行政诉讼", appeals=True),
    _r("litigation", rf"(?:有|共有|共|发生){_N}(?P<u>件|起)(?P<cause>{_GAP}{{0,24}}?)(?:提起)?行政诉讼", "行政诉讼",
       appeals=True),
    # 主动公开政府信息96条 / 主动公开各类政府信息10407条 / 主动公开政府信息数1626条
    _r("proactive", rf"(?<!应)主动公开{_GAP}{{0,8}}?(?:政府信息|政务信息)(?:数)?{_FILL}{_N}(?P<u>条|件|篇)", "主动公开",
       total=True),
    # the answers, by outcome
    _r("granted", rf"(?<!不|不予)(?:予以公开|同意公开)\"?(?![及和与、或]|部分)(?:答复|申请)?\"?{_FILL}{_N}(?P<u>件)",
       "予以公开 同意公开", outcome=True),
    _r("partial", rf"(?<![及和与、或])(?:同意)?部分公开\"?(?:答复|申请)?\"?{_FILL}{_N}(?P<u>件)", "部分公开",
       outcome=True),
    _r("denied", rf"(?<!予以公开[及和与、]|公开[及和与、])不予(?:以)?公开\"?(?:答复|申请)?\"?{_FILL}{_N}(?P<u>件)",
       "不予", outcome=True),
    _r("unable", rf"无法提供\"?(?:答复|申请)?\"?{_FILL}{_N}(?P<u>件)", "无法提供", outcome=True),
    _r("not_processed", rf"不予处理\"?(?:答复|申请)?\"?{_FILL}{_N}(?P<u>件)", "不予处理", outcome=True),
    _r("other_handling", rf"其他处理\"?(?:答复|申请)?\"?{_FILL}{_N}(?P<u>件)", "其他处理", outcome=True),
    # the channels of the requests: 网络申请1件
    _r("channel", rf"(?<![、和及与/])(?P<ch>当面|传真|网络|网上|信函)申请(?:数)?{_FILL}{_N}(?P<u>件|条)",
       "当面申请 传真申请 网络申请 网上申请 信函申请",
       context="near"),
    # statistics-sheet quantities named by the sheet's own label
    _r("sheet", "(?<![、和及与/])(?P<label>" + "|".join(regex.escape(lb) for lb, _ in _SHEET_LABELS) + ")"
       + rf"{_FILL}{_N}(?P<u>条|件|次|篇)", " ".join(_SHEET_WORDS)),
    # 收取信息处理费共计380元
    _r("fees", rf"(?:收取|收){_GAP}{{0,14}}?(?:信息处理费|处理费)(?:收入)?{_FILL}{_ND}(?P<u>万元|元)", "处理费",
       total=True, decimal=True),
    # zeros stated in words
    _r("received", r"(?:未|没有|没|无)(?:收到|受理|接到|接收|发生)(?:过)?(?:任何)?(?:有关)?(?:涉及)?"
       r"(?:政府信息公开|信息公开|依申请公开(?:信息)?)(?:的)?申请(?!人)",
       " ".join(no + verb for no in ("未", "没有", "没", "无") for verb in ("收到", "受理", "接到", "接收", "发生")),
       zero=True),
    _r("received", rf"未有{_GAP}{{0,16}}?提出(?:政府信息公开|信息公开)申请", "未有", zero=True),
    _r("appeals_zero", rf"(?:未发生|没有发生|未收到|没有收到|未发现|未|没有|无)(?P<cause>{_GAP}{{0,20}}?)"
       r"(?:申请)?行政复议(?:[、和及与或])?(?:提起)?行政诉讼(?:的)?(?:情况|案件|事项|申请)?(?=[,。;]|$)", "行政诉讼",
       zero=True, appeals=True),
    _r("litigation_zero", r"(?:未发生|没有发生|未|没有|无)(?:提起)?(?:的)?行政诉讼(?:的)?(?:情况|案件|事项)?"
       r"(?=[,。;]|$)", "行政诉讼", zero=True, appeals=True),
    _r("fees", r"(?:未|无|没有)(?:向申请人|对申请人)?(?:收取|收)" + _GAP + r"{0,14}?(?:信息处理费|处理费)", "处理费",
       zero=True),
    _r("fees", rf"(?:未|无|没有)(?:向申请人|对申请人)?收取{_GAP}{{0,6}}?{_INFO}{_GAP}{{0,8}}?费用", "费用", zero=True),
    _r("fees", rf"(?:未发生|无|没有){_GAP}{{0,12}}?收费(?:及减免)?(?:的)?(?:事项|情况)?(?=[,。;]|$)", "收费", zero=True,
       context="sentence"),
)

# Any rule's word, with whitespace allowed inside it (PDF text breaks words across lines), for finding
# where they stand in a whole text and whether a piece holds one. These are filters only (a piece
# without a rule's word gets no rule tried), so the standard library's engine, which runs this plain
# alternation several times faster, may be used: its ``\s`` (str.isspace) takes every character
# that ``regex``'s does, and a few control characters more, which normalised text never holds.
_TRIGGER_SPOTS = re.compile("|".join(sorted({loose(t) for r in _RULES for t in r.triggers})))
# Each trigger word with the indices of the rules it triggers: a piece tries only the rules whose
# words it holds, in rule order.
_TRIGGER_RULES: tuple[tuple[str, frozenset[int]], ...] = tuple(
    (t, frozenset(i for i, r in enumerate(_RULES) if t in r.triggers))
    for t in dict.fromkeys(t for r in _RULES for t in r.triggers)
)
_CHANNEL_KEYS = {"当面": "in_person", "传真": "fax", "网络": "online", "网上": "online", "信函": "letter"}

_APPROX_BEFORE = regex.compile(r"(?:约|近|逾|超过|超|将近|大约|不足|不到|至少|多达)$")
_PART_BEFORE = regex.compile(r"其中|分别")
_CUMULATIVE_BEFORE = regex.compile(r"历年|截至目前|截止目前|至今")
_SHARE_AFTER = regex.compile(r"\G,?占")
_CHANGE = regex.compile(r"同比|比上年|较上年|比去年|较去年|上一?年度?|去年|前一年|增加|减少|增长|下降")
_YEAR_IN = regex.compile(r"(?<!\d)((?:19|20)\d{2})年")
_BOOK = regex.compile(r"《[^《》]{0,80}》")
_CAUSE = regex.compile(r"(?:因|涉及|针对|关于|由于)(?P<c>[^,。;]{0,30}?)(?:引起|引发|导致|产生|的|而|申请|提起)")
_UPHELD_AFTER = regex.compile(r"^,?(?:复议)?(?:结果)?(?P<all>均为|均|全部|都)?(?:为|是)?(?:维持|予以维持)")
_INFO_WORDS = regex.compile(r"信息公开|依申请|政务公开")
_REQUEST_WORDS = regex.compile(r"申请|答复|办结|办理")

# A sentence runs between 。;!?| and paragraph breaks. A line that starts with a heading or list
# marker (一、 (一) 1. # —) is a sentence of its own up to its line end (a sub-heading such as
# ``(一)主动公开情况`` does not run into the paragraph below it); other lines join the next line
# unless it starts with a marker or is blank (PDF text wraps sentences across lines).
_MARKER = r"(?:[一二三四五六七八九十]{1,3}[、.]|\(|\[|\d{1,2}[、.]|#|[-—])"
_SENTENCE = regex.compile(
    rf"[ \t]*{_MARKER}[^。;!?|\n]*|[^。;!?|\n]+(?:\n(?![ \t]*(?:\n|{_MARKER}))[^。;!?|\n]+)*"
)
# The same sentences in the standard library's engine, which finds them faster. The two engines agree
# on every character except the digits of the newer Unicode version that ``regex`` knows, all of
# them outside the Basic Multilingual Plane: a text holding any character from there is cut with
# _SENTENCE itself. (Normalisation already turns those digits into U+FFFD, so in parse() this only
# matters for other characters outside the BMP; the functions here also take raw text.)
_SENTENCE_BMP = re.compile(_SENTENCE.pattern)
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
# Every figure has a digit or states a zero (未/没有/无). A filter again, in the standard library's
# engine: any character outside the BMP lets a piece through, for the same digits.
_CANDIDATE = re.compile(r"[\d\U00010000-\U0010FFFF]|未|没|无")
_MAX_PIECE = 600
_CONTEXT = 400
_SENTENCE_SHOWN = 160


def _cut(text: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    """The sentence ``text[s:e]`` cut into pieces of at most ``_MAX_PIECE`` characters, at a comma
    where there is one in the second half of the piece."""
    while e - s > _MAX_PIECE:
        cut = text.rfind(",", s + _MAX_PIECE // 2, s + _MAX_PIECE)
        cut = cut + 1 if cut != -1 else s + _MAX_PIECE
        yield s, cut
        s = cut
    if e > s:
        yield s, e


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """Sentences (runs between 。;!?| and paragraph breaks) cut into pieces of bounded length."""
    for m in _SENTENCE.finditer(text, 0, min(len(text), PROSE_LIMIT)):
        yield from _cut(text, m.start(), m.end())


def _pieces_near(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """The pieces of the sentences that overlap one of ``spans`` (sorted, disjoint), in text order:
    the same pieces as :func:`_pieces` gives for those sentences.

    Sentences far from every span are not looked for: before a span, the scan jumps to just after
    the last stop character (。;!?|) ahead of it when that is further than where the scan stands.
    The scan position only moves forward, so the whole text is read at most once."""
    stop = min(len(text), PROSE_LIMIT)
    search = (_SENTENCE if _ASTRAL.search(text, 0, stop) else _SENTENCE_BMP).search
    rfind = text.rfind
    pos = 0  # the sentence scan resumes here
    s = e = -1  # the next sentence, found but not yet used (none: e < 0)
    for a, b in spans:
        lo = max(pos, e)
        if a > lo:  # nothing read reaches into the span: jump over the text before it if one can
            j = max(rfind("。", lo, a), rfind("|", lo, a), rfind(";", lo, a), rfind("!", lo, a), rfind("?", lo, a))
            if j >= lo:
                pos, e = j + 1, -1  # a pending sentence ends before position j
        while True:
            if e < 0:
                m = search(text, pos, stop)
                if m is None:
                    return
                s, e = m.span()
            if s >= b:
                break  # it may overlap the next span
            if e > a:
                if e - s <= _MAX_PIECE:
                    yield s, e
                else:
                    yield from _cut(text, s, e)
            pos, e = e, -1


# The standard library's ``\s`` is ``regex``'s on normalised text (which has no control characters).
_WS_RUN = re.compile(r"\s+")


class _Piece:
    """A piece of a sentence with its whitespace removed (``comp``), mapping positions of ``comp``
    back to the text. Whitespace between two digits becomes ``_`` so that ``34 2`` never reads
    as 342."""

    __slots__ = ("_breaks", "comp", "end", "start")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.start, self.end = start, end
        raw = text[start:end]
        self._breaks: list[tuple[int, int]] = []  # (position in comp, shift to add from there on)
        if not _WS_RUN.search(raw):
            self.comp = raw
            return
        parts: list[str] = []
        pos = 0
        shift = 0
        clen = 0
        for m in _WS_RUN.finditer(raw):
            parts.append(raw[pos:m.start()])
            clen += m.start() - pos
            glue = m.start() > 0 and m.end() < len(raw) and raw[m.start() - 1].isdigit() and raw[m.end()].isdigit()
            if glue:
                parts.append("_")
                clen += 1
                shift += m.end() - m.start() - 1
            else:
                shift += m.end() - m.start()
            self._breaks.append((clen, shift))
            pos = m.end()
        parts.append(raw[pos:])
        self.comp = "".join(parts)

    def where(self, k: int) -> int:
        """The offset in the text of character ``k`` of ``comp``."""
        i = bisect.bisect_right(self._breaks, (k, 1 << 62)) - 1
        return self.start + k + (self._breaks[i][1] if i >= 0 else 0)


def _family(fmt: Format, year: int | None) -> int:
    if fmt.value in _FAMILY_INDEX:
        return _FAMILY_INDEX[fmt.value]
    if year is None:
        return 3
    return 2 if year <= 2018 else (0 if year <= 2020 else 1)


@attrs.frozen(slots=True)
class _Hit:
    key: str
    value: Value
    start: int
    end: int
    piece: tuple[int, int]


def _last_clause(s: str) -> str:
    """The part of ``s`` after its last comma or colon."""
    return s[max(s.rfind(","), s.rfind(":")) + 1:]


def _group(m: regex.Match[str], name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def _cause_ok(before: str, cause: str | None) -> bool:
    """A review or lawsuit figure concerns information disclosure: its own cause (因…引起, 涉及…)
    names it, or, when the clause gives no cause, the sentence before it does."""
    if cause is not None and cause:
        return bool(_INFO_WORDS.search(cause))
    clause = _last_clause(before[-80:])
    causes = list(_CAUSE.finditer(clause))
    if causes:
        return bool(_INFO_WORDS.search(causes[-1].group("c")))
    return bool(_INFO_WORDS.search(before[-80:]))


def _guards_pass(rule: _Rule, m: regex.Match[str], comp: str, text: str, abs_start: int, year: int | None) -> bool:
    """Whether a match says unambiguously what it counts (see :class:`_Rule` for the guards)."""
    before = comp[: m.start()]
    clause = _last_clause(before[-60:])
    if not rule.zero and (
        _APPROX_BEFORE.search(before[-4:]) or (rule.quantity != "carried_over" and _CHANGE.search(clause))
    ):
        return False
    if rule.total and (
        _PART_BEFORE.search(before[-200:]) or _CUMULATIVE_BEFORE.search(before[-12:])
        or _SHARE_AFTER.search(comp, m.end())
    ):
        return False
    if year is not None:
        years = _YEAR_IN.findall(_BOOK.sub("", before[-120:]))
        if years and int(years[-1]) != year:
            return False  # a figure of another year
        y = _group(m, "y")
        if y is not None and int(y) != year + 1:
            return False  # 结转至YYYY年 must name the next year
    if rule.context == "sentence" and not _INFO_WORDS.search(comp):
        return False
    if rule.context == "near" and not (
        _INFO_WORDS.search(comp) or _INFO_WORDS.search(text, max(0, abs_start - _CONTEXT), abs_start)
    ):
        return False
    if rule.appeals and not _cause_ok(before, _group(m, "cause")):
        return False
    if rule.outcome and not _REQUEST_WORDS.search(comp):
        return False
    # 办结/答复 counts: the sentence must be about requests beyond the word itself
    return rule.quantity not in ("closed", "answered") or bool(_REQUEST_WORDS.search(comp.replace("办结", "")))


def _number(m: regex.Match[str], decimal: bool) -> Number:
    digits = m.group("n").replace(",", "")
    if decimal and "." in digits:
        return Decimal(digits)
    return int(digits)


def _scan(src: Source, fmt: Format, year: int | None) -> Iterator[_Hit]:
    text = src.text
    fam = _family(fmt, year)
    # Where the trigger words stand in the whole text, in order: a piece that overlaps none of
    # these spans holds no trigger word (a match inside the piece would start inside one of them,
    # as a scan from the left finds the leftmost match first), so only pieces overlapping one are
    # searched, and the search inside the piece decides.
    stop = min(len(text), PROSE_LIMIT)
    spans = [m.span() for m in _TRIGGER_SPOTS.finditer(text, 0, stop)]
    at = 0
    for ps, pe in _pieces_near(text, spans):
        if ps >= PROSE_LIMIT:
            break
        while at < len(spans) and spans[at][1] <= ps:
            at += 1
        if at == len(spans):
            break
        if spans[at][0] >= pe or pe - ps < 3:
            continue
        if not _CANDIDATE.search(text, ps, pe) or not _TRIGGER_SPOTS.search(text, ps, pe):
            continue  # every figure has a digit or states a zero (未/没有/无), and a rule's word
        piece = _Piece(text, ps, pe)
        comp = piece.comp
        active: set[int] = set()
        for trigger, indices in _TRIGGER_RULES:
            if trigger in comp:
                active |= indices
        for ri in sorted(active):
            rule = _RULES[ri]
            for m in rule.pattern.finditer(comp):
                abs_start = piece.where(m.start())
                abs_end = piece.where(m.end() - 1) + 1
                if not _guards_pass(rule, m, comp, text, abs_start, year):
                    continue
                yield from _hits(rule, m, comp, fam, (ps, pe), abs_start, abs_end)


def _hits(rule: _Rule, m: regex.Match[str], comp: str, fam: int, piece: tuple[int, int], s: int, e: int
          ) -> Iterator[_Hit]:
    raw = m.group(0)
    if rule.zero:
        value = Value(ValueKind.NUMBER, 0, unit="元" if rule.quantity == "fees" else "件", raw=raw)
        quantities = {"appeals_zero": ("review", "litigation"), "litigation_zero": ("litigation",)}.get(
            rule.quantity, (rule.quantity,))
        for q in quantities:
            key = _KEYS[q][fam]
            if key:
                yield _Hit(key, value, s, e, piece)
        return
    number = _number(m, rule.decimal)
    unit = m.group("u")
    value = Value(ValueKind.NUMBER, number, unit=unit, raw=raw)
    if rule.quantity == "sheet":
        yield _Hit(_SHEET_KEY[m.group("label")], value, s, e, piece)
        return
    if rule.quantity == "channel":
        key = _KEYS[_CHANNEL_KEYS[m.group("ch")]][fam]
    elif rule.quantity == "proactive":
        key = "sheet.proactive_total"
    else:
        key = _KEYS[rule.quantity][fam]
    if not key:
        return
    yield _Hit(key, value, s, e, piece)
    if rule.quantity == "review":
        up = _UPHELD_AFTER.search(comp[m.end():])
        if up is not None and (up.group("all") or number == 1):
            ukey = _KEYS["review_upheld"][fam]
            if ukey:
                yield _Hit(ukey, value, s, e, piece)


def _shown(src: Source, piece: tuple[int, int], s: int, e: int) -> str:
    ps, pe = piece
    lo = max(ps, s - _SENTENCE_SHOWN // 2)
    hi = min(pe, max(e, lo + _SENTENCE_SHOWN))
    return _tidy(src.original[lo:hi])


def extract_figures(src: Source, fmt: Format, year: int | None) -> tuple[tuple[Figure, ...], list[Diagnostic]]:
    """Figures stated in the prose, in text order, one per key (see the module docstring).

    ``fmt`` and ``year`` choose the keys (a request count is ``requests.new_received.total`` in a
    post-2019 report, ``sheet.requests_received`` in a pre-2019 one) and reject figures about other
    years. Figures that the prose states twice with different values are left out, with a
    ``FIGURE_CONFLICT`` diagnostic."""
    first: dict[str, _Hit] = {}
    conflicts: dict[str, list[_Hit]] = {}
    truncated: list[Diagnostic] = []
    if len(src.text) > PROSE_LIMIT:
        truncated.append(dg.make("PROSE_TRUNCATED", f"the text runs {len(src.text)} characters; figures were read "
                                 f"from the first {PROSE_LIMIT} only", span=src.span(PROSE_LIMIT, PROSE_LIMIT)))
    for hit in _scan(src, fmt, year):
        prev = first.get(hit.key)
        if prev is None:
            first[hit.key] = hit
        elif prev.value.number != hit.value.number:
            conflicts.setdefault(hit.key, [prev]).append(hit)
    diags: list[Diagnostic] = truncated
    for key, hits in conflicts.items():
        values = ", ".join(f"{h.value.number} ({src.span(h.start, h.end)})" for h in hits[:4])
        diags.append(dg.make("FIGURE_CONFLICT", f"the prose gives {key} as {values}; neither is kept", path=key,
                             span=src.span(hits[0].start, hits[0].end)))
    figures = tuple(
        Figure(h.key, h.value, _shown(src, h.piece, h.start, h.end), src.span(h.start, h.end))
        for h in sorted(first.values(), key=lambda h: h.start) if h.key not in conflicts
    )
    return figures, diags


# ---------------------------------------------------------------------------------------------
# A9: prose against tables
# ---------------------------------------------------------------------------------------------

_REQUEST_GROUPS: dict[str, tuple[str, ...]] = {
    "prose.requests_denied": ("denied_state_secret", "denied_prohibited_by_law", "denied_security_stability",
                              "denied_third_party_rights", "denied_internal_affairs", "denied_process_information",
                              "denied_enforcement_files", "denied_administrative_query"),
    "prose.requests_unable": ("unable_not_held", "unable_needs_creation", "unable_still_unclear"),
    "prose.requests_not_processed": ("rejected_petition", "rejected_duplicate", "rejected_publication",
                                     "rejected_excessive", "rejected_confirmation"),
    "prose.requests_other_handling": ("other_no_correction", "other_unpaid_fee", "other_remaining"),
}
_POST2019 = (Format.FORM2019, Format.FORM2021)


def _counterpart(key: str, fmt: Format) -> tuple[str, ...] | None:
    """The table cells whose sum the figure ``key`` states, in a report of layout ``fmt``."""
    if fmt in _POST2019:
        if key.startswith(("requests.", "appeals.")):
            return (key,)
        if key == "prose.litigation_total":
            return ("appeals.litigation_direct.total", "appeals.litigation_after_review.total")
        rows = _REQUEST_GROUPS.get(key)
        if rows is not None and (key != "prose.requests_other_handling" or fmt is Format.FORM2021):
            return tuple(f"requests.{r}.total" for r in rows)
        return None
    if fmt is Format.PRE2019 and key.startswith("sheet."):
        return (key,)
    return None


def _fee_check(fig: Figure, cells: dict[str, Cell]) -> Check:
    """A9 for fees in a pre-2019 report: the prose's 信息处理费 against the sheet's
    依申请公开信息收取的费用, which is in 万元."""
    key = "sheet.fees"
    cid, keys = f"A9.{fig.key}", (f"narrative.{fig.key}", key)
    desc = "A9: the prose's 信息处理费 = the statistics sheet's 依申请公开信息收取的费用 (compared in 元)"
    c = cells.get(key)
    stated = fig.value.number
    table_value = c.value.numeric() if c is not None and c.certain else None
    if stated is None or c is None or table_value is None:
        why = f"{key} not read" if c is None else f"{key} uncertain or not a number"
        return Check(cid, "A9", desc, keys, CheckStatus.NOT_ASSESSABLE, hard=False, message=why)
    table = Decimal(str(table_value)) * (1 if c.value.unit == "元" else 10_000)
    prose = Decimal(str(stated)) * (10_000 if fig.value.unit == "万元" else 1)
    ok = table == prose
    return Check(cid, "A9", desc, keys, CheckStatus.PASS if ok else CheckStatus.FAIL, left=_tidy_number(prose),
                 right=_tidy_number(table), hard=False, blank_as_zero=c.value.kind is ValueKind.BLANK,
                 message="" if ok else f"the prose says {prose} 元, the sheet {table} 元")


def _tidy_number(n: Decimal) -> Number:
    return int(n) if n == n.to_integral_value() else n.normalize()


def prose_checks(
    figures: Sequence[Figure], tables: Sequence[Table], fmt: Format
) -> tuple[list[Check], list[Diagnostic]]:
    """Rule A9 (FORMATS.md §6): every figure that has a counterpart in the report's tables, checked
    against it as a soft check (``hard=False``, rule ``A9``, id ``A9.<figure key>``). A check is
    ``not_assessable`` when the table or a needed cell is missing, uncertain or not applicable; a
    failed one also gives a ``SOFT_CHECK_FAILED`` diagnostic. Nothing here changes a table value."""
    if not figures:
        return [], []
    cells = {c.key: c for t in tables for r in t.rows for c in r.cells}
    checks: list[Check] = []
    diags: list[Diagnostic] = []
    for fig in figures:
        chk = _a9(fig, cells, fmt)
        if chk is None:
            continue
        checks.append(chk)
        if chk.status is CheckStatus.FAIL:
            diags.append(dg.make("SOFT_CHECK_FAILED", f"{chk.id}: the prose says {chk.left}, the table {chk.right}",
                                 path=chk.id, span=fig.span))
    return checks, diags


def _a9(fig: Figure, cells: dict[str, Cell], fmt: Format) -> Check | None:
    if fig.key == "prose.processing_fees":
        return _fee_check(fig, cells) if fmt is Format.PRE2019 else None
    right = _counterpart(fig.key, fmt)
    if right is None:
        return None
    left = f"narrative.{fig.key}"
    ident = Identity(f"A9.{fig.key}", "A9", f"A9: the prose ({fig.sentence[:40]}…) = the table "
                     f"({' + '.join(right)})", (left,), right, "=", hard=False, placement=False)
    # the identity reads only its own cells: no copy of every cell of the report
    local = {k: cells[k] for k in right if k in cells}
    local[left] = Cell(left, fig.value, certain=True, span=fig.span)
    return evaluate_identity(ident, local)
