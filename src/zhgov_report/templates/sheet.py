"""The pre-2019 statistics sheet (国办发〔2014〕32号 and local variants). FORMATS.md §5."""

from __future__ import annotations

__all__ = ["FINGERPRINTS"]

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
