"""Parse a folder of reports on every core of one machine, with concurrent.futures.

    python docs/recipes/recipe_parallel.py path/to/reports/ > values.csv
"""

from __future__ import annotations

import csv
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import zhgov_report


def parse_file(path: str) -> list[zhgov_report.Record]:
    """The long records of one report file (runs in a worker process)."""
    report = zhgov_report.parse(Path(path).read_bytes())
    return zhgov_report.to_records(report, source=path)


def parse_folder(folder: str | Path, workers: int | None = None) -> list[zhgov_report.Record]:
    """The records of every ``*.txt`` under ``folder``, in file order, parsed by ``workers`` processes."""
    paths = [str(p) for p in sorted(Path(folder).rglob("*.txt")) if p.is_file()]
    records: list[zhgov_report.Record] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Send paths, not texts: each worker reads its own files. chunksize amortises the overhead.
        for recs in pool.map(parse_file, paths, chunksize=16):
            records.extend(recs)
    return records


if __name__ == "__main__":
    writer = csv.DictWriter(sys.stdout, fieldnames=zhgov_report.RECORD_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(parse_folder(sys.argv[1]))
