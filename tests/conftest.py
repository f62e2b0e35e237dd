"""Shared test configuration: hypothesis profiles and paths to the committed test data."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"

# `ci` keeps the whole suite within a few minutes: it does not shrink (shrinking an example that
# takes a parse per step can take many minutes, past CI's time limit) and reports every distinct
# failure with the blob that replays it; `shrink` runs the same examples and shrinks a failure to
# its minimal example; `thorough` runs 100x more examples, `dev` a fifth
# (HYPOTHESIS_PROFILE=thorough python -m pytest). The example database is not committed.
_NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]
settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True,
    phases=_NO_SHRINK, report_multiple_bugs=True,
)
settings.register_profile(
    "shrink", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile(
    "thorough", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("dev", max_examples=20, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def seed_text(prefix: str) -> str:
    """The text of the seed report whose file name starts with ``prefix`` (``"001"``)."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")
