"""The pre-2019 statistics sheet (国办发〔2014〕32号 and its local variants), declared as data.

FORMATS.md §5 describes the sheet; FIELDS.md lists its flat keys. A report of the years 2008–2018
carries one statistics sheet instead of the three post-2019 tables: the national
《政府信息公开情况统计表》 (统计指标 | 单位 | 统计数) or a local sheet (指标名称 | 计量单位 | 本年 |
历年累计). Every row the library can map is declared once in :data:`ROWS`:

* ``key`` is the FIELDS.md name after ``sheet.`` (the current-year cell is ``sheet.<key>``, the
  历年累计 cell ``sheet_cumulative.<key>``);
* ``label`` is the national sheet's wording (or the local variant's where the national sheet has no
  such row), ``aliases`` the older or local wordings of the same quantity. A row maps to a key only
  when its whole label, stripped of numbering (``一、``, ``（一）``, ``1.``, ``其中：``), of
  parenthetical remarks and of quotes, *equals* the label or one alias: a label that merely contains
  one (``全文电子化的主动公开信息数``, ``接受行政诉讼、举报数``) means something else;
* ``unit`` is the template's unit, ``parent`` the row this one is a part of (其中 rows, channels,
  numbered sub-items), ``section`` the sheet section the row belongs to. A ``generic`` row has a
  label that several sections share (``（一）维持具体行政行为数``): the section it sits in decides.

:data:`IDENTITIES` declares the cross-checks B1–B10 of FORMATS.md §6 on the current-year column,
:data:`CUMULATIVE_IDENTITIES` the same on the 历年累计 column, and :data:`BC_IDENTITIES`
``本年 ≤ 历年累计`` for every row.
"""

from __future__ import annotations

import attrs

from ._base import Category, Column, Identity, RowSpec, TableSpec, Template, equal_sum

__all__ = [
    "BC_IDENTITIES",
    "CATEGORIES",
    "CATEGORY_SECTION",
    "COLUMNS",
    "COUNT_UNITS",
    "CUMULATIVE_IDENTITIES",
    "CUMULATIVE_PREFIX",
    "CURRENT_PREFIX",
    "FINGERPRINTS",
    "IDENTITIES",
    "MONEY_UNITS",
    "ORDER",
    "ROWS",
    "SHEET",
    "TEMPLATE",
    "UNMAPPED_LABELS",
    "VARIANT_ROWS",
    "SheetSpec",
    "all_identities",
    "cumulative_key",
    "current_key",
    "row",
]

#: Distinctive text of the statistics sheets (FORMATS.md §1): (pattern, weight). Table-header
#: words weigh more than row labels that prose may repeat.
FINGERPRINTS: tuple[tuple[str, int], ...] = (
    ("统计指标", 3),
    ("统计数", 1),
    ("指标名称", 3),
    ("计量单位", 2),
    ("历年累计", 3),
    ("(不同渠道和方式公开相同信息计1条)", 3),
    ("申请办结数", 2),
    ("申请答复数", 2),
    ("不同意公开答复数", 2),
    ("否决公开答复", 2),
    ("对申请的答复总数", 2),
    ("主动公开文件数", 2),
    ("受理依申请公开信息总数", 2),
    ("政府信息公开情况统计表", 3),
    ("政府信息公开工作情况统计表", 3),
    ("回应解读情况", 1),
    ("制发规范性文件总数", 2),
)

#: Prefix of the flat keys of the current-year column (统计数 / 本年).
CURRENT_PREFIX = "sheet."
#: Prefix of the flat keys of the cumulative column (历年累计).
CUMULATIVE_PREFIX = "sheet_cumulative."

#: Units of counts. Two count units are interchangeable for the mapping (local sheets count
#: applications in 条 where the national sheet says 件); a difference is reported, not fatal.
COUNT_UNITS = frozenset({"条", "件", "次", "篇", "个", "人", "人次", "项", "份", "起"})
#: Units of money. A money row is read as ``Decimal``; 元 is converted to 万元 exactly.
MONEY_UNITS = frozenset({"万元", "元"})


def _r(key: str, label: str, unit: str, section: str, *aliases: str, parent: str | None = None,
       generic: bool = False) -> RowSpec:
    return RowSpec(key, label, (), unit=unit, parent=parent, section=section, aliases=aliases,
                   generic=generic)


#: Every row with a FIELDS.md key, in the national sheet's order (local-variant rows where seed
#: 004's sheet has them).
ROWS: tuple[RowSpec, ...] = (
    # 一、主动公开情况
    _r("proactive_total", "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条",
       "proactive", "主动公开信息数", "主动公开文件数"),
    _r("proactive_normative_documents", "其中：主动公开规范性文件数", "条", "proactive",
       parent="proactive_total"),
    _r("normative_documents_issued", "制发规范性文件总数", "件", "proactive"),
    _r("via_gazette", "1.政府公报公开政府信息数", "条", "proactive", "政府公报公开数",
       "政府公报公开", parent="proactive_total"),
    _r("via_website", "2.政府网站公开政府信息数", "条", "proactive", "政府网站公开数",
       "政府网站公开", "网站公开数", "网站公开", parent="proactive_total"),
    _r("via_weibo", "3.政务微博公开政府信息数", "条", "proactive", "政务微博公开数",
       parent="proactive_total"),
    _r("via_wechat", "4.政务微信公开政府信息数", "条", "proactive", "政务微信公开数",
       parent="proactive_total"),
    _r("via_other", "5.其他方式公开政府信息数", "条", "proactive", "其他方式公开数",
       parent="proactive_total"),
    # 二、回应解读情况
    _r("responses_hot_topics",
       "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）", "次", "responses"),
    _r("press_conferences", "1.参加或举办新闻发布会总次数", "次", "responses",
       "参加或举办新闻发布会次数"),
    _r("press_conferences_by_principal", "其中：主要负责同志参加新闻发布会次数", "次",
       "responses", parent="press_conferences"),
    _r("online_interviews", "2.政府网站在线访谈次数", "次", "responses"),
    _r("online_interviews_by_principal", "其中：主要负责同志参加政府网站在线访谈次数", "次",
       "responses", parent="online_interviews"),
    _r("interpretations", "3.政策解读稿件发布数", "篇", "responses"),
    _r("responses_weibo_wechat", "4.微博微信回应事件数", "次", "responses"),
    _r("responses_other", "5.其他方式回应事件数", "次", "responses"),
    # 三、依申请公开情况
    _r("requests_received", "（一）收到申请数", "件", "requests", "受理依申请公开信息总数",
       "受理政府信息依申请公开总数", "受理政府信息公开申请总数", "申请总数"),
    _r("requests_in_person", "1.当面申请数", "件", "requests", parent="requests_received"),
    _r("requests_fax", "2.传真申请数", "件", "requests", parent="requests_received"),
    _r("requests_online", "3.网络申请数", "件", "requests", "网上申请数", "网站申请数",
       parent="requests_received"),
    _r("requests_letter", "4.信函申请数", "件", "requests", parent="requests_received"),
    _r("requests_other_channel", "5.其他形式", "件", "requests", "其他形式申请数",
       parent="requests_received", generic=True),
    _r("requests_closed", "（二）申请办结数", "件", "requests"),
    _r("requests_closed_on_time", "1.按时办结数", "件", "requests", parent="requests_closed"),
    _r("requests_closed_extended", "2.延期办结数", "件", "requests", parent="requests_closed"),
    _r("requests_answered", "（三）申请答复数", "件", "requests", "对申请的答复总数",
       "对申请的答复数", "申请答复总数"),
    _r("answered_already_public", "1.属于已主动公开范围数", "件", "requests",
       parent="requests_answered"),
    _r("answered_granted", "2.同意公开答复数", "件", "requests", parent="requests_answered"),
    _r("answered_partially_granted", "3.同意部分公开答复数", "件", "requests",
       parent="requests_answered"),
    _r("answered_denied", "4.不同意公开答复数", "件", "requests", "否决公开答复数",
       "否决公开答复总数", "不予公开答复数", "不予公开答复总数", parent="requests_answered"),
    _r("denied_state_secret", "其中：涉及国家秘密", "件", "requests", parent="answered_denied"),
    _r("denied_commercial_secret", "涉及商业秘密", "件", "requests", parent="answered_denied"),
    _r("denied_privacy", "涉及个人隐私", "件", "requests", parent="answered_denied"),
    _r("denied_security_stability", "危及国家安全、公共安全、经济安全和社会稳定", "件",
       "requests", parent="answered_denied"),
    _r("denied_not_government_information", "不是《条例》所指政府信息", "件", "requests",
       parent="answered_denied"),
    _r("denied_other_law", "法律法规规定的其他情形", "件", "requests", parent="answered_denied"),
    _r("answered_not_this_agency", "5.不属于本行政机关公开数", "件", "requests",
       parent="requests_answered"),
    _r("answered_not_exist", "6.申请信息不存在数", "件", "requests", parent="requests_answered"),
    _r("answered_correction_requested", "7.告知作出更改补充数", "件", "requests",
       parent="requests_answered"),
    _r("answered_other_channel", "8.告知通过其他途径办理数", "件", "requests",
       parent="requests_answered"),
    # 四、行政复议 / 五、行政诉讼 / 六、举报投诉: the three （一）（二）（三） rows differ by section
    _r("review_total", "四、行政复议数量", "件", "review", "行政复议数"),
    _r("review_upheld", "（一）维持具体行政行为数", "件", "review", parent="review_total",
       generic=True),
    _r("review_corrected", "（二）被依法纠错数", "件", "review", "被纠错数",
       parent="review_total", generic=True),
    _r("review_other", "（三）其他情形数", "件", "review", parent="review_total", generic=True),
    _r("litigation_total", "五、行政诉讼数量", "件", "litigation", "行政诉讼数"),
    _r("litigation_upheld", "（一）维持具体行政行为或者驳回原告诉讼请求数", "件",
       "litigation", "维持具体行政行为数", parent="litigation_total", generic=True),
    _r("litigation_corrected", "（二）被依法纠错数", "件", "litigation", "被纠错数",
       parent="litigation_total", generic=True),
    _r("litigation_other", "（三）其他情形数", "件", "litigation", parent="litigation_total",
       generic=True),
    _r("complaints_total", "六、举报投诉数量", "件", "complaints", "被举报投诉数量",
       "举报投诉数"),
    _r("complaints_upheld", "（一）维持具体行政行为数", "件", "complaints",
       parent="complaints_total", generic=True),
    _r("complaints_corrected", "（二）被纠错数", "件", "complaints", "被依法纠错数",
       parent="complaints_total", generic=True),
    _r("complaints_other", "（三）其他情形数", "件", "complaints", parent="complaints_total",
       generic=True),
    # 七、向图书馆、档案馆等查阅场所报送信息数 (seed 004's variant)
    _r("archives_total", "七、向图书馆、档案馆等查阅场所报送信息数", "条", "archives"),
    _r("archives_paper", "（一）纸质文件数", "条", "archives", parent="archives_total",
       generic=True),
    _r("archives_electronic", "（二）电子文件数", "条", "archives", parent="archives_total",
       generic=True),
    # 七/八、收费
    _r("fees", "八、依申请公开信息收取的费用", "万元", "fees"),
    # 八/九、机构建设和保障经费情况
    _r("dedicated_units", "（一）政府信息公开工作专门机构数", "个", "institutions"),
    _r("reading_points", "（二）设置政府信息公开查阅点数", "个", "institutions"),
    _r("staff_total", "（三）从事政府信息公开工作人员数", "人", "institutions"),
    _r("staff_full_time", "1.专职人员数（不包括政府公报及政府网站工作人员数）", "人",
       "institutions", parent="staff_total"),
    _r("staff_part_time", "2.兼职人员数", "人", "institutions", parent="staff_total"),
    _r("budget",
       "（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）",
       "万元", "institutions"),
    # 九/十、政府信息公开会议和培训情况
    _r("meetings", "（一）召开政府信息公开工作会议或专题会议数", "次", "training"),
    _r("trainings", "（二）举办各类培训班数", "次", "training"),
    _r("trainees", "（三）接受培训人员数", "人次", "training"),
)

#: Rows that only some local variants have (seed 004's 其他形式, the parts of 举报投诉 and the
#: 报送 rows). A sheet without them is a sheet of another variant: a sum check is then evaluated
#: over the parts that sheet has. A sheet that lacks a row of the national sheet has dropped it,
#: and a sum check over it is not assessable.
VARIANT_ROWS = frozenset({
    "requests_other_channel", "complaints_upheld", "complaints_corrected", "complaints_other",
    "archives_total", "archives_paper", "archives_electronic",
})

#: The section headings of the national sheet (rows with ``——`` or blanks in 单位 and 统计数).
CATEGORIES: tuple[Category, ...] = (
    Category("proactive", "一、主动公开情况", ("主动公开情况",)),
    Category("proactive_channels", "（二）通过不同渠道和方式公开政府信息的情况",
             ("通过不同渠道和方式公开政府信息",)),
    Category("responses", "二、回应解读情况", ("回应解读情况",)),
    Category("response_channels", "（二）通过不同渠道和方式回应解读的情况",
             ("通过不同渠道和方式回应解读",)),
    Category("requests", "三、依申请公开情况", ("依申请公开情况",)),
    Category("institutions", "九、机构建设和保障经费情况", ("机构建设和保障经费情况", "机构建设情况")),
    Category("training", "十、政府信息公开会议和培训情况", ("政府信息公开会议和培训情况", "会议和培训情况")),
)

#: The section a heading opens (a sub-heading stays in its section).
CATEGORY_SECTION: dict[str, str] = {
    "proactive": "proactive",
    "proactive_channels": "proactive",
    "responses": "responses",
    "response_channels": "responses",
    "requests": "requests",
    "institutions": "institutions",
    "training": "training",
}

#: The national sheet in order (with seed 004's variant rows): ``"#<category>"`` for a heading,
#: else a row key. Test strategies and documentation render sheets from it.
ORDER: tuple[str, ...] = (
    "#proactive", "proactive_total", "proactive_normative_documents", "normative_documents_issued",
    "#proactive_channels", "via_gazette", "via_website", "via_weibo", "via_wechat", "via_other",
    "#responses", "responses_hot_topics", "#response_channels", "press_conferences",
    "press_conferences_by_principal", "online_interviews", "online_interviews_by_principal",
    "interpretations", "responses_weibo_wechat", "responses_other",
    "#requests", "requests_received", "requests_in_person", "requests_fax", "requests_online",
    "requests_letter", "requests_other_channel", "requests_closed", "requests_closed_on_time",
    "requests_closed_extended", "requests_answered", "answered_already_public", "answered_granted",
    "answered_partially_granted", "answered_denied", "denied_state_secret", "denied_commercial_secret",
    "denied_privacy", "denied_security_stability", "denied_not_government_information", "denied_other_law",
    "answered_not_this_agency", "answered_not_exist", "answered_correction_requested",
    "answered_other_channel",
    "review_total", "review_upheld", "review_corrected", "review_other",
    "litigation_total", "litigation_upheld", "litigation_corrected", "litigation_other",
    "complaints_total", "complaints_upheld", "complaints_corrected", "complaints_other",
    "archives_total", "archives_paper", "archives_electronic",
    "fees",
    "#institutions", "dedicated_units", "reading_points", "staff_total", "staff_full_time",
    "staff_part_time", "budget",
    "#training", "meetings", "trainings", "trainees",
)

#: Labels of local-sheet rows whose meaning FIELDS.md does not list. They are kept as rows with
#: key ``None``; declaring them helps find row boundaries in text whose cells are glued together.
UNMAPPED_LABELS: tuple[str, ...] = (
    "信函、传真申请数",  # letter and fax together: neither requests_letter nor requests_fax
    "其他类型答复数",
    "政府信息公开收费减免金额",  # fee reductions, not 依申请公开信息收取的费用
    "接受行政申诉、举报数",  # 申诉 is not 举报投诉
    "接受行政诉讼、举报数",  # a garbled 行政申诉、举报 (Fujian sheets)
    "行政申诉、举报数",
    "行政申诉数",
    "电子邮件申请数",
)

_BY_KEY = {r.key: r for r in ROWS}


def row(key: str) -> RowSpec:
    """The declared row with this key (``proactive_total``)."""
    return _BY_KEY[key]


def current_key(key: str) -> str:
    """``sheet.<key>``: the flat key of the current-year (统计数 / 本年) cell."""
    return CURRENT_PREFIX + key


def cumulative_key(key: str) -> str:
    """``sheet_cumulative.<key>``: the flat key of the 历年累计 cell."""
    return CUMULATIVE_PREFIX + key


def _name(key: str) -> str:
    """A row's label without numbering and remarks, for check descriptions."""
    label = _BY_KEY[key].label
    for mark in ("其中：",):
        label = label.replace(mark, "")
    if label.startswith(("（", "(")):
        label = label[label.index("）") + 1:] if "）" in label else label
    head = label.split("（")[0]
    for sep in ("、", "."):
        if sep in head[:3]:
            head = head[head.index(sep) + 1:]
    return head


def _sum(id: str, rule: str, total: str, parts: tuple[str, ...], *, hard: bool = True) -> Identity:
    words = f"{_name(total)} = " + " + ".join(_name(p) for p in parts)
    return equal_sum(id, rule, words, current_key(total), (current_key(p) for p in parts), hard=hard)


def _part(child: str) -> Identity:
    parent = _BY_KEY[child].parent
    assert parent is not None
    return Identity(f"B7.{child}", "B7", f"{_name(child)} ≤ {_name(parent)} (a part is at most its whole)",
                    (current_key(child),), (current_key(parent),), "<=")


_CHANNELS = ("via_gazette", "via_website", "via_weibo", "via_wechat", "via_other")
_RESPONSE_CHANNELS = ("press_conferences", "online_interviews", "interpretations", "responses_weibo_wechat",
                      "responses_other")

#: B1–B10 of FORMATS.md §6 on the current-year column. B8 is the inequality it is: the channel
#: rows count a piece of information once per channel, （一） once in all, so Σ channels ≥ （一）; it
#: is not used to place values (local sheets list only some channels). B4 is ``=`` in intent but
#: ``≥`` in practice, B9 and B10 are soft.
IDENTITIES: tuple[Identity, ...] = (
    _sum("B1", "B1", "requests_received",
         ("requests_in_person", "requests_fax", "requests_online", "requests_letter",
          "requests_other_channel")),
    _sum("B2", "B2", "requests_closed", ("requests_closed_on_time", "requests_closed_extended")),
    _sum("B3", "B3", "requests_answered",
         ("answered_already_public", "answered_granted", "answered_partially_granted", "answered_denied",
          "answered_not_this_agency", "answered_not_exist", "answered_correction_requested",
          "answered_other_channel")),
    _sum("B4", "B4", "answered_denied",
         ("denied_state_secret", "denied_commercial_secret", "denied_privacy", "denied_security_stability",
          "denied_not_government_information", "denied_other_law"), hard=False),
    _sum("B5.review", "B5", "review_total", ("review_upheld", "review_corrected", "review_other")),
    _sum("B5.litigation", "B5", "litigation_total",
         ("litigation_upheld", "litigation_corrected", "litigation_other")),
    _sum("B5.complaints", "B5", "complaints_total",
         ("complaints_upheld", "complaints_corrected", "complaints_other")),
    _sum("B6", "B6", "staff_total", ("staff_full_time", "staff_part_time")),
    *(_part(r.key) for r in ROWS if r.parent is not None and r.key in (
        "proactive_normative_documents", *_CHANNELS, "press_conferences_by_principal",
        "online_interviews_by_principal", "denied_state_secret", "denied_commercial_secret", "denied_privacy",
        "denied_security_stability", "denied_not_government_information", "denied_other_law")),
    Identity("B8.proactive", "B8",
             " + ".join(_name(c) for c in _CHANNELS) + f" ≥ {_name('proactive_total')}",
             tuple(current_key(c) for c in _CHANNELS), (current_key("proactive_total"),), ">=",
             placement=False),
    Identity("B8.responses", "B8",
             " + ".join(_name(c) for c in _RESPONSE_CHANNELS) + f" ≥ {_name('responses_hot_topics')}",
             tuple(current_key(c) for c in _RESPONSE_CHANNELS), (current_key("responses_hot_topics"),), ">=",
             placement=False),
    Identity("B9", "B9", f"{_name('requests_closed')} = {_name('requests_answered')} (soft)",
             (current_key("requests_closed"),), (current_key("requests_answered"),), "=", hard=False),
    _sum("B10.archives", "B10", "archives_total", ("archives_paper", "archives_electronic"), hard=False),
)


def _to_cumulative(ident: Identity) -> Identity:
    def conv(keys: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(cumulative_key(k[len(CURRENT_PREFIX):]) for k in keys)

    return Identity(f"{ident.id}.cumulative", ident.rule, f"历年累计: {ident.description}", conv(ident.left),
                    conv(ident.right), ident.relation, ident.hard, ident.placement)


#: The same cross-checks on the 历年累计 column: sums and parts add up over the years too.
CUMULATIVE_IDENTITIES: tuple[Identity, ...] = tuple(_to_cumulative(i) for i in IDENTITIES)

#: ``本年 ≤ 历年累计`` for every row: the cumulative figure includes the current year.
BC_IDENTITIES: tuple[Identity, ...] = tuple(
    Identity(f"BC.{r.key}", "BC", f"{_name(r.key)}: 本年 ≤ 历年累计", (current_key(r.key),),
             (cumulative_key(r.key),), "<=")
    for r in ROWS
)


def all_identities() -> tuple[Identity, ...]:
    """Every identity of the sheet: B1–B10, their cumulative twins and BC."""
    return IDENTITIES + CUMULATIVE_IDENTITIES + BC_IDENTITIES


#: The value columns of the statistics sheets: 统计数 (本年, ``2017年度``) and 历年累计.
COLUMNS: tuple[Column, ...] = (
    Column("current", "统计数 / 本年", ("统计数", "本年", "年度")),
    Column("cumulative", "历年累计", ("历年累计", "累计")),
)


@attrs.frozen(slots=True)
class SheetSpec(TableSpec):
    """The statistics sheet as a :class:`~zhgov_report.templates._base.TableSpec`. Its flat keys are
    ``sheet.<row>`` for the current year and ``sheet_cumulative.<row>`` for the 历年累计 column."""

    def key(self, row: str, column: str) -> str:
        return cumulative_key(row) if column == "cumulative" else current_key(row)


#: The statistics sheet declared as one table: rows, section headings, columns and identities.
SHEET = SheetSpec(
    id="sheet",
    title="政府信息公开情况统计表",
    section="sheet",
    heading=("政府信息公开情况统计表", "政府信息公开工作情况统计表"),
    layout="sheet",
    rows=ROWS,
    columns=COLUMNS,
    categories=CATEGORIES,
    identities=all_identities(),
    anchors=("统计指标", "指标名称"),
    header_words=("统计指标", "指标名称", "单位", "计量单位", "统计数", "历年累计"),
)


#: The pre-2019 layout as a template of the registry (:func:`zhgov_report.templates.get`): one
#: table, the statistics sheet.
TEMPLATE = Template("pre2019", "国办发〔2014〕32号", (SHEET,))
