"""The 2019 template (国办公开办函〔2019〕60号, 试行; reports on 2019 and 2020). FORMATS.md §3."""

from __future__ import annotations

from ._base import Block, Column, Identity, RowSpec, TableSpec, Template
from ._post2019 import APPEALS, SECTION_HEADINGS, requests_table

__all__ = ["ACTIVE", "FINGERPRINTS", "TEMPLATE"]

_DOCS = (
    Column("new_made", "本年新制作数量", ("本年新制作数量", "新制作数量")),
    Column("new_published", "本年新公开数量", ("本年新公开数量", "新公开数量")),
    Column("total_published", "对外公开总数量", ("对外公开总数量", "公开总数量")),
)
_ITEMS = (
    Column("prior_year_items", "上一年项目数量", ("上一年项目数量",)),
    Column("change", "本年增/减", ("本年增/减", "增/减", "增减"), signed=True),
    Column("decisions", "处理决定数量", ("处理决定数量",)),
)
_FEES = (
    Column("prior_year_items", "上一年项目数量", ("上一年项目数量",)),
    Column("change", "本年增/减", ("本年增/减", "增/减", "增减"), signed=True),
)
_PROCUREMENT = (
    Column("projects", "采购项目数量", ("采购项目数量",)),
    Column("amount", "采购总金额", ("采购总金额",), decimal=True),
)

ACTIVE = TableSpec(
    id="active",
    title="二、主动公开政府信息情况",
    section="active",
    heading=SECTION_HEADINGS[1][2],
    layout="blocks",
    blocks=(
        Block("item1", "第二十条第（一）项", ("第二十条第(一)项", "第二十条第一项"), _DOCS, (
            RowSpec("regulations", "规章", ("规章",)),
            RowSpec("normative_documents", "规范性文件", ("规范性文件",)),
        )),
        Block("item5", "第二十条第（五）项", ("第二十条第(五)项", "第二十条第五项"), _ITEMS, (
            RowSpec("licensing", "行政许可", ("行政许可",)),
            RowSpec("other_services", "其他对外管理服务事项", ("其他对外管理服务", "对外管理服务事项")),
        )),
        Block("item6", "第二十条第（六）项", ("第二十条第(六)项", "第二十条第六项"), _ITEMS, (
            RowSpec("punishment", "行政处罚", ("行政处罚",)),
            RowSpec("coercion", "行政强制", ("行政强制",)),
        )),
        Block("item8", "第二十条第（八）项", ("第二十条第(八)项", "第二十条第八项"), _FEES, (
            RowSpec("fees", "行政事业性收费", ("行政事业性收费", "事业性收费")),
        )),
        Block("item9", "第二十条第（九）项", ("第二十条第(九)项", "第二十条第九项"), _PROCUREMENT, (
            RowSpec("procurement", "政府集中采购", ("政府集中采购", "集中采购")),
        )),
    ),
    identities=tuple(
        Identity(
            f"A8.{row}", "A8", f"{label}: 本年新公开数量 ≤ 对外公开总数量",
            (f"active.{row}.new_published",), (f"active.{row}.total_published",), "<=", hard=False,
            placement=False,
        )
        for row, label in (("regulations", "规章"), ("normative_documents", "规范性文件"))
    ),
    anchors=("第二十条第(一)项", "本年新制作数量"),
    header_words=("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
                  "处理决定数量", "项目数量", "采购项目数量", "采购总金额", "本年新", "制作数量", "公开数量"),
)

TEMPLATE = Template("form2019", "国办公开办函〔2019〕60号（试行）", (ACTIVE, requests_table("form2019"), APPEALS))

#: Distinctive text of this template (FORMATS.md §1): (pattern, weight).
FINGERPRINTS: tuple[tuple[str, int], ...] = (
    ("本年新制作数量", 3),
    ("本年新公开数量", 3),
    ("对外公开总数量", 3),
    ("上一年项目数量", 3),
    ("本年增/减", 2),
    ("其他对外管理服务事项", 2),
    ("第二十条第(九)项", 2),
    ("政府集中采购", 1),
    ("采购总金额", 2),
)
