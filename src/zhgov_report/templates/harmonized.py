"""The harmonised vocabulary: quantities that mean (nearly) the same thing in every layout, 2008 to now.

The flat keys of the three layouts differ: a pre-2019 statistics sheet says ``sheet.requests_received``,
the 2019 and 2021 templates say ``requests.new_received.total``. A panel of agencies × years needs one
name per quantity. Each :class:`Quantity` here is such a name (``panel.requests.received``), defined
per layout by the flat keys it comes from (:class:`Definition`): one key, or several that are added up
where a layout splits the quantity (the eight 不予公开 grounds of the post-2019 request table), with a
caveat where the definitions of the eras differ. A layout without a definition has no such quantity
(the pre-2019 sheet has no 上年结转 row): the panel leaves it out rather than guess.

:func:`zhgov_report.harmonize` evaluates these definitions on a report; the documentation's
"harmonised panel" page is generated from them.
"""

from __future__ import annotations

import attrs

from ._post2019 import APPEAL_OUTCOMES, request_rows

__all__ = ["FEES_AFTER_2019", "FORMATS", "PREFIX", "QUANTITIES", "Definition", "Quantity", "quantity"]

#: The prefix of every harmonised key.
PREFIX = "panel."

#: The layouts a quantity is defined for, in era order.
FORMATS: tuple[str, ...] = ("pre2019", "form2019", "form2021")


@attrs.frozen(slots=True)
class Definition:
    """How one layout gives a quantity: the sum of ``keys`` (one key: that key's value)."""

    keys: tuple[str, ...]
    caveat: str = ""


@attrs.frozen(slots=True)
class Quantity:
    """A harmonised quantity: its key, what it counts, and its definition in each layout."""

    key: str
    label: str
    meaning: str
    pre2019: Definition | None = None
    form2019: Definition | None = None
    form2021: Definition | None = None
    unit: str = "件"

    def definition(self, format: str) -> Definition | None:
        """The definition for a layout (``pre2019``, ``form2019``, ``form2021``), or ``None``."""
        found: Definition | None = getattr(self, str(format), None) if str(format) in FORMATS else None
        return found


def _req(row: str) -> str:
    return f"requests.{row}.total"


def _rows(category: str, form: str = "form2021") -> tuple[str, ...]:
    return tuple(_req(r.key) for r in request_rows(form) if r.category == category)


def _post(*keys: str, caveat: str = "") -> Definition:
    return Definition(tuple(keys), caveat)


def _same(key: str, label: str, meaning: str, pre: Definition | None, post: Definition) -> Quantity:
    """A quantity that the 2019 and 2021 forms define alike."""
    return Quantity(key, label, meaning, pre, post, post)


def _sheet(*rows: str, caveat: str = "") -> Definition:
    return Definition(tuple(f"sheet.{r}" for r in rows), caveat)


_NO_CARRY = ("The statistics sheet has no carry-over rows: a pre-2019 report does not state this. "
             "(The 2019 reports' 上年结转 has no counterpart in the 2018 sheets.)")

_REQUESTS: tuple[Quantity, ...] = (
    _same("panel.requests.received", "requests received", "new information requests received in the year",
             _sheet("requests_received", caveat="（一）收到申请数; local sheets of 2008–2013 say "
                    "受理…申请总数 (applications accepted), which the sheet reader maps here too."),
             _post(_req("new_received"), caveat="一、本年新收政府信息公开申请数量, 总计 column.")),
    _same("panel.requests.carried_over", "requests carried over", "requests carried over from the year before",
             None, _post(_req("carried_over"), caveat="二、上年结转政府信息公开申请数量. " + _NO_CARRY)),
    _same("panel.requests.granted", "granted", "requests answered by giving the information",
             _sheet("answered_already_public", "answered_granted",
                    caveat="1.属于已主动公开范围数 + 2.同意公开答复数: after 2019, telling an applicant where "
                    "published information is found is counted as 予以公开, so the sheet's two rows are added."),
             _post(_req("granted"), caveat="（一）予以公开.")),
    _same("panel.requests.partially_granted", "partially granted", "requests answered with part of the information",
             _sheet("answered_partially_granted", caveat="3.同意部分公开答复数."),
             _post(_req("partially_granted"), caveat="（二）部分公开 (区分处理的只计这一情形).")),
    Quantity("panel.requests.denied", "denied", "requests refused on a ground for withholding",
             _sheet("answered_denied", caveat="4.不同意公开答复数. Its grounds differ from the post-2019 ones: "
                    "商业秘密 and 个人隐私 became 保护第三方合法权益, and 不是《条例》所指政府信息 is not a refusal "
                    "under the 2019 条例."),
             form2019=Definition(_rows("denied", "form2019"), "（三）不予公开: the sum of its eight grounds 1–8."),
             form2021=Definition(_rows("denied"), "（三）不予公开: the sum of its eight grounds 1–8.")),
    Quantity("panel.requests.unable", "unable to provide", "requests for information the agency cannot provide",
             _sheet("answered_not_this_agency", "answered_not_exist",
                    caveat="5.不属于本行政机关公开数 + 6.申请信息不存在数, which the 2019 form merges into "
                    "本机关不掌握相关政府信息. 7.告知作出更改补充数 counts requests sent back for correction, not "
                    "an outcome, and is in no panel quantity."),
             form2019=Definition(_rows("unable", "form2019"), "（四）无法提供: the sum of 1–3."),
             form2021=Definition(_rows("unable"), "（四）无法提供: the sum of 1–3.")),
    Quantity("panel.requests.not_processed", "not processed", "requests the agency declined to treat as requests",
             None,
             form2019=Definition(_rows("not_processed", "form2019"), "（五）不予处理: the sum of 1–5. The "
                                 "category was new in the 2019 条例; the pre-2019 sheet has no counterpart."),
             form2021=Definition(_rows("not_processed"), "（五）不予处理: the sum of 1–5.")),
    Quantity("panel.requests.other", "other handling", "requests closed in another way",
             None,
             form2019=Definition((_req("other"),), "（六）其他处理, one row in the 2019 form. The pre-2019 "
                                 "8.告知通过其他途径办理数 is the nearest row but counts another thing."),
             form2021=Definition(_rows("other_handling"), "（六）其他处理: the sum of its three sub-rows "
                                 "(逾期不补正, 逾期未缴费, 其他).")),
    _same("panel.requests.handled", "answered / handled total", "requests answered or closed in the year",
             _sheet("requests_answered", caveat="（三）申请答复数. The sheet also has （二）申请办结数 "
                    "(``sheet.requests_closed``), usually equal (check B9)."),
             _post(_req("handled_total"), caveat="（七）总计 of 三、本年度办理结果.")),
    _same("panel.requests.carried_forward", "carried forward", "requests still open at the end of the year",
             None, _post(_req("carried_forward"), caveat="四、结转下年度继续办理. " + _NO_CARRY)),
)


def _appeal(proceedings: tuple[str, ...], outcome: str) -> tuple[str, ...]:
    return tuple(f"appeals.{p}.{outcome}" for p in proceedings)


_OUTCOME_WORDS = {"total": "总计", "upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果",
                  "pending": "尚未审结"}
#: The outcomes the pre-2019 sheet has rows for (its 维持, 纠错 and 其他情形, and the total).
_SHEET_OUTCOMES = ("total", "upheld", "corrected", "other")
_LITIGATION = ("litigation_direct", "litigation_after_review")
_NO_PENDING = " The pre-2019 sheet has no 尚未审结 column."


def _review(outcome: str) -> Quantity:
    word = _OUTCOME_WORDS[outcome]
    pre = (_sheet(f"review_{outcome}", caveat="四、行政复议数量 and its （一）–（三）.")
           if outcome in _SHEET_OUTCOMES else None)
    caveat = f"行政复议 {word}." + (_NO_PENDING if pre is None else "")
    meaning = f"administrative reviews (行政复议) of the agency's disclosure decisions, {word}"
    return _same(f"panel.reviews.{outcome}", f"administrative reviews: {outcome}", meaning, pre,
                 _post(f"appeals.review.{outcome}", caveat=caveat))


def _lawsuit(outcome: str) -> Quantity:
    word = _OUTCOME_WORDS[outcome]
    pre = (_sheet(f"litigation_{outcome}", caveat="五、行政诉讼数量 and its （一）–（三）: suits filed "
                  "directly and after a review are not told apart.") if outcome in _SHEET_OUTCOMES else None)
    caveat = f"行政诉讼 {word}: 未经复议直接起诉 + 复议后起诉." + (_NO_PENDING if pre is None else "")
    meaning = f"administrative lawsuits (行政诉讼) over disclosure, {word}"
    return _same(f"panel.lawsuits.{outcome}", f"lawsuits: {outcome}", meaning, pre,
                 _post(*_appeal(_LITIGATION, outcome), caveat=caveat))


_OUTCOMES = tuple(o.key for o in APPEAL_OUTCOMES if o.key != "total")

_APPEALS: tuple[Quantity, ...] = (
    _review("total"), *(_review(o) for o in _OUTCOMES),
    _lawsuit("total"), *(_lawsuit(o) for o in _OUTCOMES),
)

_FEES = Quantity(
    "panel.fees", "fees", "fees charged for answering requests (万元)",
    _sheet("fees", caveat="七/八、依申请公开信息收取的费用, in 万元."),
    form2019=None, form2021=None, unit="万元",
)

#: Every harmonised quantity, in the order of the documentation and of wide tables.
QUANTITIES: tuple[Quantity, ...] = (*_REQUESTS, *_APPEALS, _FEES)

#: Caveat of the fees quantity after 2019, where no table states it.
FEES_AFTER_2019 = ("The 2019 and 2021 forms have no table cell for the fees of answering requests: "
                   "the 2021 form's 本年收费金额 is 行政事业性收费 collected by the agency in general, and the "
                   "2019 form's 上一年项目数量 of 行政事业性收费 is a count of fee items. Processing fees "
                   "(信息处理费) are stated in the prose of section 六, in 元 (``narrative.prose.processing_fees``).")

_BY_KEY = {q.key: q for q in QUANTITIES}


def quantity(key: str) -> Quantity:
    """The quantity with this key (``panel.requests.received``); :class:`KeyError` for another."""
    return _BY_KEY[key]
