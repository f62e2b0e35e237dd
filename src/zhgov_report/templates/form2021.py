"""The 2021 template (国办公开办函〔2021〕30号; reports on 2021 and later). FORMATS.md §2."""

from __future__ import annotations

from ._base import Block, Column, RowSpec, TableSpec, Template
from ._post2019 import APPEALS, SECTION_HEADINGS, requests_table

__all__ = ["ACTIVE", "FINGERPRINTS", "TEMPLATE"]

_DOCS = (
    Column("made", "本年制发件数", ("本年制发件数", "制发件数")),
    Column("repealed", "本年废止件数", ("本年废止件数", "废止件数")),
    Column("in_force", "现行有效件数", ("现行有效件数", "现行有效")),
)
_DECISIONS = (Column("decisions", "本年处理决定数量", ("本年处理决定数量", "处理决定数量")),)
_FEES = (Column("amount", "本年收费金额（单位：万元）", ("本年收费金额", "收费金额"), decimal=True, unit="万元"),)

ACTIVE = TableSpec(
    id="active",
    title="二、主动公开政府信息情况",
    section="active",
    heading=SECTION_HEADINGS[1][2],
    layout="blocks",
    blocks=(
        Block("item1", "第二十条第（一）项", ("第二十条第(一)项", "第二十条第一项"), _DOCS, (
            RowSpec("regulations", "规章", ("规章",)),
            RowSpec("normative_documents", "行政规范性文件", ("行政规范性文件", "规范性文件")),
        )),
        Block("item5", "第二十条第（五）项", ("第二十条第(五)项", "第二十条第五项"), _DECISIONS, (
            RowSpec("licensing", "行政许可", ("行政许可",)),
        )),
        Block("item6", "第二十条第（六）项", ("第二十条第(六)项", "第二十条第六项"), _DECISIONS, (
            RowSpec("punishment", "行政处罚", ("行政处罚",)),
            RowSpec("coercion", "行政强制", ("行政强制",)),
        )),
        Block("item8", "第二十条第（八）项", ("第二十条第(八)项", "第二十条第八项"), _FEES, (
            RowSpec("fees", "行政事业性收费", ("行政事业性收费", "事业性收费")),
        )),
    ),
    anchors=("第二十条第(一)项", "本年制发件数"),
    header_words=("信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量",
                  "本年收费金额", "单位", "万元"),
)

TEMPLATE = Template("form2021", "国办公开办函〔2021〕30号", (ACTIVE, requests_table("form2021"), APPEALS))

#: Distinctive text of this template (FORMATS.md §1): (pattern, weight).
FINGERPRINTS: tuple[tuple[str, int], ...] = (
    ("本年制发件数", 3),
    ("本年废止件数", 3),
    ("现行有效件数", 3),
    ("本年处理决定数量", 2),
    ("本年收费金额", 3),
    ("逾期未按收费通知", 2),
    ("逾期不补正", 2),
)
