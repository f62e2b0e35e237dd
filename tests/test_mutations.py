"""Mutated real reports never make the parser raise.

The mutations are those of the behaviour snapshot (``benchmarks/snapshot.py``): a cell dropped from
a pipe row, digit cells glued, a number changed, a line dropped or repeated, a row's pipes as tabs, a
row broken over two lines; one round of them over every report under ``tests/data``. The snapshot
found an ``IndexError`` this way (a glued statistics sheet whose last value ends the text).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _snapshot() -> ModuleType:
    spec = importlib.util.spec_from_file_location("zhgov_snapshot", ROOT / "benchmarks" / "snapshot.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_mutated_reports_never_raise() -> None:
    snapshot = _snapshot()
    inputs = list(snapshot.inputs([ROOT / "tests" / "data"], 1))
    kinds = {name.split("#")[1].rstrip("0123456789") for name, _ in inputs if "#" in name}
    assert kinds == {"drop-cell", "glue", "change", "drop-line", "repeat-line", "tabs", "broken"}
    crashed = {}
    for name, data in inputs:
        result = snapshot.canonical(data)
        if result.startswith("CRASH"):
            crashed[name] = result
        else:
            json.loads(result)  # the whole result goes through to_dict and JSON
    assert not crashed, crashed
    assert len(inputs) > 300
