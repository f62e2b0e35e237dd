"""Reports of every layout the library reads: the post-2019 templates and the pre-2019 sheet."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from .reports import POST2019_FORMS, GenReport, consistent_reports
from .sheet import GenSheet, sheet_reports

__all__ = ["ALL_FORMS", "AnyReport", "any_reports"]

#: Every format a strategy generates.
ALL_FORMS: tuple[str, ...] = (*POST2019_FORMS, "pre2019")

#: A generated report of any layout.
AnyReport = GenReport | GenSheet


@st.composite
def any_reports(
    draw: st.DrawFn, forms: Sequence[str] = ALL_FORMS, densities: Sequence[str] | None = None
) -> AnyReport:
    """A consistent report of one of ``forms``."""
    form = draw(st.sampled_from(tuple(forms)), label="form")
    density = None if densities is None else draw(st.sampled_from(tuple(densities)), label="density")
    if form == "pre2019":
        return draw(sheet_reports(density=density))
    return draw(consistent_reports(form, density=density))
