"""Shared test configuration: hypothesis profiles and paths to the committed test data."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"

# `ci` keeps the whole suite within a few minutes; `thorough` runs 100x more examples
# (HYPOTHESIS_PROFILE=thorough python -m pytest). The example database is not committed.
settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile(
    "thorough", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("dev", max_examples=20, deadline=None)
# `explore`: the ci number of examples without shrinking, to list a property's failures quickly
# (shrinking a parse-heavy example can take minutes); re-run under `ci` to get the minimal one.
settings.register_profile(
    "explore", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate], report_multiple_bugs=True, print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def seed_text(prefix: str) -> str:
    """The text of the seed report whose file name starts with ``prefix`` (``"001"``)."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")
