"""What the 2019 and 2021 templates share: the request table's columns and most of its rows, the
review/litigation table, section headings, and the identities A1-A4 built from them."""

from __future__ import annotations

from ._base import Category, Column, Identity, RowSpec, TableSpec, equal_sum

__all__ = [
    "APPEALS",
    "REQUEST_CATEGORIES",
    "REQUEST_COLUMNS",
    "SECTION_HEADINGS",
    "TOTAL_COLUMN",
    "request_rows",
    "requests_table",
]

#: The six template sections (key, ordinal, distinctive heading words).
SECTION_HEADINGS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("overview", 1, ("总体情况", "总体工作情况", "概述")),
    ("active", 2, ("主动公开政府信息", "主动公开政务信息", "主动公开情况")),
    ("requests", 3, ("收到和处理政府信息公开申请", "收到和处理信息公开申请", "收到和处理政府信息公开",
                     "依申请公开情况")),
    ("appeals", 4, ("行政复议、行政诉讼", "行政复议和行政诉讼", "行政复议、提起行政诉讼", "行政复议,行政诉讼",
                    "行政复议和提起行政诉讼", "行政复议行政诉讼", "行政复议、行政法诉讼", "行政法复议")),
    ("problems", 5, ("存在的主要问题", "存在主要问题", "存在问题", "存在的问题", "主要问题")),
    ("other", 6, ("其他需要报告的事项", "其他需要报告", "需要说明的事项")),
)

#: The columns' priors (see :class:`Column`): requests come overwhelmingly from natural persons.
#: Measured on the 13 fully written request tables of the developer corpus (tests/data/corpus,
#: ``*.scraped`` cases; 127 rows with a non-zero 总计), Laplace-smoothed: (non-zero rows + 1) /
#: (127 + 2). 自然人 126, 商业企业 32, 法律服务机构 9, 其他 7, 社会公益组织 3, 科研机构 0.
REQUEST_COLUMNS = (
    Column("natural_person", "自然人", ("自然人",), prior=127 / 129),
    Column("commercial", "商业企业", ("商业企业",), prior=33 / 129),
    Column("research", "科研机构", ("科研机构",), prior=1 / 129),
    Column("social_welfare", "社会公益组织", ("社会公益组织", "社会公益"), prior=4 / 129),
    Column("legal_service", "法律服务机构", ("法律服务机构",), prior=10 / 129),
    Column("other_org", "其他", (), prior=8 / 129),
    Column("total", "总计", ("总计", "合计"), prior=128 / 129),
)
TOTAL_COLUMN = "total"
PART_COLUMNS = tuple(c.key for c in REQUEST_COLUMNS if c.key != TOTAL_COLUMN)

REQUEST_CATEGORIES = (
    Category("results", "三、本年度办理结果", ("本年度办理结果", "办理结果")),
    Category("denied", "（三）不予公开", ("不予公开",)),
    Category("unable", "（四）无法提供", ("无法提供",)),
    Category("not_processed", "（五）不予处理", ("不予处理",)),
)
_OTHER_CATEGORY = Category("other_handling", "（六）其他处理", ("其他处理",))

_HEAD = (
    RowSpec("new_received", "一、本年新收政府信息公开申请数量", ("本年新收", "新收政府信息公开申请")),
    RowSpec("carried_over", "二、上年结转政府信息公开申请数量", ("上年结转",)),
    RowSpec("granted", "（一）予以公开", ("予以公开",)),
    RowSpec("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("部分公开",)),
    RowSpec("denied_state_secret", "1.属于国家秘密", ("国家秘密",), category="denied"),
    RowSpec("denied_prohibited_by_law", "2.其他法律行政法规禁止公开", ("法律行政法规禁止", "行政法规禁止公开"),
            category="denied"),
    RowSpec("denied_security_stability", "3.危及“三安全一稳定”", ("三安全一稳定",), category="denied"),
    RowSpec("denied_third_party_rights", "4.保护第三方合法权益", ("第三方合法权益",), category="denied"),
    RowSpec("denied_internal_affairs", "5.属于三类内部事务信息", ("三类内部事务",), category="denied"),
    RowSpec("denied_process_information", "6.属于四类过程性信息", ("四类过程性",), category="denied"),
    RowSpec("denied_enforcement_files", "7.属于行政执法案卷", ("行政执法案卷",), category="denied"),
    RowSpec("denied_administrative_query", "8.属于行政查询事项", ("行政查询事项",), category="denied"),
    RowSpec("unable_not_held", "1.本机关不掌握相关政府信息", ("不掌握相关政府信息", "不掌握"), category="unable"),
    RowSpec("unable_needs_creation", "2.没有现成信息需要另行制作", ("另行制作", "没有现成信息"), category="unable"),
    RowSpec("unable_still_unclear", "3.补正后申请内容仍不明确", ("补正后申请内容", "仍不明确"), category="unable"),
    RowSpec("rejected_petition", "1.信访举报投诉类申请", ("信访举报投诉",), category="not_processed"),
    RowSpec("rejected_duplicate", "2.重复申请", ("重复申请",), category="not_processed"),
    RowSpec("rejected_publication", "3.要求提供公开出版物", ("公开出版物",), category="not_processed"),
    RowSpec("rejected_excessive", "4.无正当理由大量反复申请", ("大量反复",), category="not_processed"),
    RowSpec("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息", ("确认或重新出具", "重新出具"),
            category="not_processed"),
)
_TAIL = (
    RowSpec("handled_total", "（七）总计", ("(七)总计", "(七)合计", "七、总计"), regex=r"^\s*(?:[总合]\s*计)\s*$",
            generic=True),
    RowSpec("carried_forward", "四、结转下年度继续办理", ("结转下年度", "下年度继续办理", "结转下一年度")),
)
_OTHER_2019 = (RowSpec("other", "（六）其他处理", ("其他处理",)),)
_OTHER_2021 = (
    RowSpec("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            ("逾期不补正", "无正当理由逾期"), category="other_handling"),
    RowSpec("other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            ("收费通知", "逾期未缴费", "缴纳费用"), category="other_handling"),
    RowSpec("other_remaining", "3.其他", (), regex=r"3\s*[.、．]\s*其\s*他(?!\s*(?:法律|结果|处理|对外))",
            category="other_handling", generic=True),
)

#: Result rows by category, used for A3.
_RESULT_ROWS_HEAD = tuple(r.key for r in _HEAD[2:])


def request_rows(form: str) -> tuple[RowSpec, ...]:
    """The numeric rows of the request table for ``form2019`` or ``form2021``, in order."""
    return _HEAD + (_OTHER_2019 if form == "form2019" else _OTHER_2021) + _TAIL


def _request_identities(rows: tuple[RowSpec, ...]) -> tuple[Identity, ...]:
    def k(row: str, col: str) -> str:
        return f"requests.{row}.{col}"

    result_rows = tuple(r.key for r in rows if r.key not in ("new_received", "carried_over", "handled_total",
                                                            "carried_forward"))
    cols = tuple(c.key for c in REQUEST_COLUMNS)
    out: list[Identity] = []
    for c in REQUEST_COLUMNS:
        out.append(Identity(
            f"A1.{c.key}", "A1",
            f"{c.label}: 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理",
            (k("new_received", c.key), k("carried_over", c.key)),
            (k("handled_total", c.key), k("carried_forward", c.key)),
        ))
    for r in rows:
        out.append(equal_sum(
            f"A2.{r.key}", "A2", f"{r.label}: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
            k(r.key, TOTAL_COLUMN), (k(r.key, c) for c in cols if c != TOTAL_COLUMN),
        ))
    for c in REQUEST_COLUMNS:
        out.append(equal_sum(
            f"A3.{c.key}", "A3", f"{c.label}: （七）总计 = the sum of the result rows （一） to （六）",
            k("handled_total", c.key), (k(r, c.key) for r in result_rows),
        ))
    return tuple(out)


def requests_table(form: str) -> TableSpec:
    rows = request_rows(form)
    cats = REQUEST_CATEGORIES + ((_OTHER_CATEGORY,) if form == "form2021" else ())
    return TableSpec(
        id="requests",
        title="三、收到和处理政府信息公开申请情况",
        section="requests",
        heading=SECTION_HEADINGS[2][2],
        layout="grid",
        rows=rows,
        columns=REQUEST_COLUMNS,
        categories=cats,
        identities=_request_identities(rows),
        anchors=("本列数据的勾稽关系", "申请人情况", "本年新收政府信息公开申请"),
        header_words=("本列数据的勾稽关系", "第一项加第二项之和", "等于第三项加第四项之和", "申请人情况", "自然人",
                      "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计",
                      "合计", "小计"),
    )


APPEAL_PROCEEDINGS = (
    RowSpec("review", "行政复议", ("行政复议",)),
    RowSpec("litigation_direct", "行政诉讼·未经复议直接起诉", ("未经复议直接起诉",)),
    RowSpec("litigation_after_review", "行政诉讼·复议后起诉", ("复议后起诉",)),
)
#: The outcomes declare no prior (see :class:`Column`): on the review/litigation tables of the
#: developer corpus (tests/data/corpus, ``*.scraped`` cases; 19 proceedings with a non-zero 总计)
#: 维持 is non-zero in 18, 其他结果 in 11, 结果纠正 and 尚未审结 in 7 each; ranking by these counts
#: wins as many guesses of the ``blanked`` cases as it loses, so a value that lost its outcome
#: column is placed by the arithmetic and the leftmost-first tie-break alone. 总计 is non-zero
#: in every proceeding that has a value (19 of 19, smoothed 20 / 21).
APPEAL_OUTCOMES = (
    Column("upheld", "结果维持", ("结果维持", "维持")),
    Column("corrected", "结果纠正", ("结果纠正", "纠正")),
    Column("other", "其他结果", ("其他结果",)),
    Column("pending", "尚未审结", ("尚未审结", "审结")),
    Column("total", "总计", ("总计",), prior=20 / 21),
)


def _appeal_identities() -> tuple[Identity, ...]:
    out = []
    for p in APPEAL_PROCEEDINGS:
        out.append(equal_sum(
            f"A4.{p.key}", "A4", f"{p.label}: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
            f"appeals.{p.key}.total", (f"appeals.{p.key}.{o.key}" for o in APPEAL_OUTCOMES[:4]),
        ))
    return tuple(out)


APPEALS = TableSpec(
    id="appeals",
    title="四、政府信息公开行政复议、行政诉讼情况",
    section="appeals",
    heading=SECTION_HEADINGS[3][2],
    layout="line",
    rows=APPEAL_PROCEEDINGS,
    columns=APPEAL_OUTCOMES,
    identities=_appeal_identities(),
    anchors=("未经复议直接起诉", "复议后起诉"),
    header_words=("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果",
                  "尚未审结", "总计", "维持", "纠正", "结果", "其他", "审结", "尚未", "行政法复议"),
)
