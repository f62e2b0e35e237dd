"""Parse a corpus with PySpark, into a Spark DataFrame of long records.

    spark-submit docs/recipes/recipe_spark.py hdfs:///reports/ hdfs:///zhgov/values.parquet

``zhgov_report`` must be installed on every executor (``pip install`` in the cluster's image, or
``--py-files`` with a wheel); so must this module when you import :func:`rows_of` from it rather than run it
(``spark.sparkContext.addPyFile("recipe_spark.py")``). Each file is read whole (the ``binaryFile`` source),
so its encoding is detected per file.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from typing import Any

import zhgov_report

#: The Spark schema of the records (values as exact decimals).
SCHEMA = (
    "source string, agency string, year int, format string, `table` string, key string, value decimal(38,6), "
    "kind string, unit string, certain boolean, line int"
)


def rows_of(item: tuple[str, bytes]) -> list[tuple[Any, ...]]:
    """The records of one ``(path, bytes)`` pair as tuples in :data:`SCHEMA` order (runs on an executor)."""
    path, data = item
    out = []
    for r in zhgov_report.to_records(zhgov_report.parse(bytes(data)), source=path):
        value = None if r["value"] is None else Decimal(r["value"])  # Spark's decimal takes Decimal only
        out.append((r["source"], r["agency"], r["year"], r["format"], r["table"], r["key"], value, r["kind"],
                    r["unit"], r["certain"], r["line"]))
    return out


def parse_folder(spark: Any, folder: str) -> Any:
    """A DataFrame of the records of every ``*.txt`` under ``folder``, recursively (any Hadoop FS)."""
    files = (spark.read.format("binaryFile").option("pathGlobFilter", "*.txt")
             .option("recursiveFileLookup", "true").load(folder))
    pairs = files.select("path", "content").rdd.map(lambda row: (row.path, row.content))
    return spark.createDataFrame(pairs.flatMap(rows_of), schema=SCHEMA)


if __name__ == "__main__":
    from pyspark.sql import SparkSession

    session = SparkSession.builder.appName("zhgov_report").getOrCreate()
    parse_folder(session, sys.argv[1]).write.mode("overwrite").parquet(sys.argv[2])
    session.stop()
