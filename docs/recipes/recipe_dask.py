"""Parse a corpus with Dask: on the cores of one machine, or on a cluster.

    python docs/recipes/recipe_dask.py path/to/reports/ > values.csv

On a cluster, connect a ``dask.distributed`` client first (``Client("tcp://scheduler:8786")``) and give
paths the workers can read (a shared file system, or ``s3://`` with ``dask.bytes``); the bag code stays the
same.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import dask.bag as db

import zhgov_report


def parse_file(path: str) -> list[zhgov_report.Record]:
    """The long records of one report file (runs on a Dask worker)."""
    report = zhgov_report.parse(Path(path).read_bytes())
    return zhgov_report.to_records(report, source=path)


def records_bag(folder: str | Path, partitions: int = 8) -> db.Bag:
    """A lazy bag of the records of every ``*.txt`` under ``folder``."""
    paths = [str(p) for p in sorted(Path(folder).rglob("*.txt")) if p.is_file()]
    return db.from_sequence(paths, npartitions=max(1, min(partitions, len(paths)))).map(parse_file).flatten()


def parse_folder(
    folder: str | Path, partitions: int = 8, scheduler: str = "processes"
) -> list[zhgov_report.Record]:
    """Compute the bag: every record, in file order."""
    records: list[zhgov_report.Record] = records_bag(folder, partitions).compute(scheduler=scheduler)
    return records


if __name__ == "__main__":
    writer = csv.DictWriter(sys.stdout, fieldnames=zhgov_report.RECORD_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(parse_folder(sys.argv[1]))
