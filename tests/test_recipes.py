"""The recipes of docs/recipes/ run as documented, on the seeds (pandas, Dask, PySpark when installed)."""

from __future__ import annotations

import importlib
import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from zhgov_report import RECORD_FIELDS, Record, parse, to_records

from .conftest import SEEDS

RECIPES = Path(__file__).resolve().parent.parent / "docs" / "recipes"


@pytest.fixture(scope="module", autouse=True)
def _recipes_on_path() -> Iterator[None]:
    # on sys.path (not loaded from a file location) so that worker processes can import them by name
    sys.path.insert(0, str(RECIPES))
    yield
    sys.path.remove(str(RECIPES))


def recipe(name: str) -> ModuleType:
    return importlib.import_module(name)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "reports"
    (root / "more").mkdir(parents=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for p in seeds[:3]:
        shutil.copy(p, root / p.name)
    for p in seeds[3:]:
        shutil.copy(p, root / "more" / p.name)
    (root / "notes.json").write_text("{}", encoding="utf-8")
    return root


def serial_records(folder: Path) -> list[Record]:
    out: list[Record] = []
    for p in sorted(folder.rglob("*.txt")):
        out += to_records(parse(p.read_bytes()), source=str(p))
    return out


def test_parallel_recipe(folder: Path) -> None:
    mod = recipe("recipe_parallel")
    records = mod.parse_folder(folder, workers=2)
    assert records == serial_records(folder)
    assert {r["source"] for r in records} <= {str(p) for p in folder.rglob("*.txt")}
    assert len(records) > 100


def test_panel_recipe(folder: Path) -> None:
    pytest.importorskip("pandas")
    mod = recipe("recipe_panel")
    wide = mod.wide_panel(folder)
    assert len(wide) == 5
    assert list(wide.index.names) == ["meta.agency", "meta.year"]
    assert "requests.handled_total.total" in wide.columns
    assert sorted(wide["file"]) == sorted(str(p) for p in folder.rglob("*.txt"))
    long = mod.long_panel(folder)
    assert list(long.columns) == list(RECORD_FIELDS)
    assert len(long) == len(serial_records(folder))
    assert long["value"].dtype.kind == "f"
    received = mod.requests_received(long)
    daxi = parse((SEEDS / "001_4c838dddf2b6ea41.txt").read_bytes())
    cell = daxi.cell("requests.new_received.total")
    assert cell is not None
    assert cell.certain
    assert received.loc["大溪镇", 2019] == float(cell.value.number or 0)


def test_dask_recipe(folder: Path) -> None:
    pytest.importorskip("dask.bag")
    mod = recipe("recipe_dask")
    assert mod.parse_folder(folder, partitions=2) == serial_records(folder)
    assert mod.records_bag(folder).count().compute(scheduler="sync") == len(serial_records(folder))


def test_spark_rows_follow_the_schema() -> None:
    mod = recipe("recipe_spark")
    path = SEEDS / "001_4c838dddf2b6ea41.txt"
    rows = mod.rows_of((str(path), path.read_bytes()))
    records = to_records(parse(path.read_bytes()), source=str(path))
    names = [f.split()[0].strip("`") for f in mod.SCHEMA.split(", ")]
    assert names == list(RECORD_FIELDS)
    assert len(rows) == len(records)
    for row, rec in zip(rows, records, strict=True):
        assert len(row) == len(names)
        assert row[names.index("key")] == rec["key"]
        value = row[names.index("value")]
        if rec["value"] is None:
            assert value is None
        else:
            assert isinstance(value, Decimal)
            assert value == rec["value"]


def test_spark_recipe(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("PySpark needs Java")
    from pyspark.sql import SparkSession

    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)  # executors run this interpreter, with zhgov_report

    mod = recipe("recipe_spark")
    spark = SparkSession.builder.master("local[1]").appName("zhgov_report test").getOrCreate()
    try:
        spark.sparkContext.addPyFile(str(RECIPES / "recipe_spark.py"))  # executors import rows_of from it
        df = mod.parse_folder(spark, str(folder))
        rows = df.collect()
    finally:
        spark.stop()
    want = serial_records(folder)
    assert len(rows) == len(want)
    assert Counter((r["key"], r["value"]) for r in rows) == Counter(
        (w["key"], None if w["value"] is None else Decimal(w["value"])) for w in want)
