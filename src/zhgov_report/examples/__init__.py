"""A real report bundled with the package, for trying the library out.

``daxi_2019.txt`` is 《大溪镇2019年政府信息公开工作年度报告》 (温岭市大溪镇, a public government
document) as a web scraper flattened it: tables as pipe rows whose empty cells vanished.
"""

from __future__ import annotations

from importlib import resources

__all__ = ["EXAMPLES", "example_text"]

#: Names of the bundled example reports.
EXAMPLES = ("daxi_2019",)


def example_text(name: str = "daxi_2019") -> str:
    """The text of a bundled example report."""
    if name not in EXAMPLES:
        raise ValueError(f"no bundled example {name!r}; choose from {', '.join(EXAMPLES)}")
    return resources.files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
