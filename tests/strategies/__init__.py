"""Hypothesis strategies built from the template declarations (see docs/contributing.rst).

* :mod:`.reports`: consistent reports of every post-2019 template (every identity holds);
* :mod:`.sheet`: consistent pre-2019 statistics sheets;
* :mod:`.grid`: the official tables as HTML-like grids, and the scraper's flattening rule;
* :mod:`.render`: a report as the text a user holds (pipe, markdown, tab, space; with noise);
* :mod:`.mutate`: renderings with cells deleted, duplicated or shuffled, labels and rows lost;
* :mod:`.truth`: comparing a parse with the generated truth, as the project's scorer does.
"""

from __future__ import annotations

from hypothesis import settings

__all__ = ["examples"]

#: The ``max_examples`` of the ``ci`` profile, against which per-test budgets are written.
_CI_EXAMPLES = 100


def examples(n: int) -> int:
    """The number of examples for a test whose ``ci`` budget is ``n``, scaled to the profile in
    force (``thorough`` runs 100x the ``ci`` examples, ``dev`` a fifth)."""
    return max(1, n * settings.default.max_examples // _CI_EXAMPLES)
