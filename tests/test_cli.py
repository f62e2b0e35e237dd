"""The command line: python -m zhgov_report / zhgov-report (in process with capsys, and as a subprocess)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from zhgov_report import RECORD_FIELDS, from_dict, parse, to_records
from zhgov_report.__main__ import main, render_text
from zhgov_report.examples import example_text

from .conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
SERIES = Path(__file__).resolve().parent / "data" / "series"


def run(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "zhgov_report", *args], input=input, capture_output=True,
                          timeout=120, check=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Seeds in a tree: a sub-folder with .txt and .md copies, a hidden folder, and files that are not reports."""
    root = tmp_path / "reports"
    (root / "2019" / "deep").mkdir(parents=True)
    (root / ".cache").mkdir()
    for p in SEED_FILES:
        shutil.copy(p, root / p.name)
    shutil.copy(SEED_FILES[1], root / "2019" / "deep" / "daxi.txt")
    shutil.copy(SEED_FILES[1], root / "2019" / "deep" / "daxi.md")
    (root / "README.md").write_text("# 政府信息公开工作年度报告\n", encoding="utf-8")
    shutil.copy(SEED_FILES[1], root / ".cache" / "hidden.txt")
    shutil.copy(SEED_FILES[1], root / ".hidden.txt")
    (root / "truth.json").write_text("{}", encoding="utf-8")
    (root / "page.css").write_text("td { border: 1px }", encoding="utf-8")
    return root


def expected_files(root: Path) -> list[Path]:
    return sorted([root / p.name for p in SEED_FILES] + [root / "2019" / "deep" / "daxi.txt"])


# ---------------------------------------------------------------------------------------------
# the bundled example (README's first command)


def test_example_prints_the_parsed_bundled_report() -> None:
    r = run("--example")
    assert r.returncode == 0, r.stderr
    expected = render_text(parse(example_text()), "bundled example daxi_2019") + "\n"
    assert r.stdout.decode("utf-8") == expected
    assert expected.startswith("== bundled example daxi_2019\nformat: form2019    year: 2019")
    assert b"1 file parsed" in r.stderr


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("zhgov-report")
    assert script.exists(), "pip install should put the zhgov-report script beside python"
    r = subprocess.run([str(script), "--example", "--format", "jsonl", "-q"], capture_output=True,
                       timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["file"] == "bundled example daxi_2019"
    assert from_dict(doc["report"]) == parse(example_text())
    assert r.stderr == b""


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from zhgov_report import __version__

    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.strip() == f"zhgov-report {__version__}"


# ---------------------------------------------------------------------------------------------
# folders and formats (in process)


def test_folder_to_csv_gives_the_records_of_every_report(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(folder), "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.splitlines()[0] == ",".join(RECORD_FIELDS)
    files = expected_files(folder)
    assert {r["source"] for r in rows} <= {str(p) for p in files}
    want: list[dict[str, str]] = []
    for p in files:
        for rec in to_records(parse(p.read_bytes()), source=str(p)):
            if rec["certain"]:  # certain values only, as flatten() gives them, unless --uncertain
                want.append({k: "" if v is None else str(v) for k, v in rec.items()})
    assert rows == want
    assert {r["certain"] for r in rows} == {"True"}
    assert len(rows) > 300  # the daxi report twice, with all three tables
    assert "6 files parsed" in err


def test_csv_with_uncertain_adds_the_guesses_marked(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(folder), "--format", "csv", "--uncertain", "-q"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    want = [rec for p in expected_files(folder) for rec in to_records(parse(p.read_bytes()), source=str(p))]
    assert len(rows) == len(want)
    assert [r["certain"] for r in rows] == [str(rec["certain"]) for rec in want]
    assert "False" in {r["certain"] for r in rows}


def test_excel_writes_a_byte_order_mark(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "values.csv"
    assert main(["--example", "-f", "csv", "--excel", "-o", str(out), "-q"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + ",".join(RECORD_FIELDS).encode())
    assert data.count(b"\xef\xbb\xbf") == 1
    assert "大溪镇" in data.decode("utf-8-sig")
    assert main(["--example", "-f", "csv", "-q"]) == 0
    assert not capsys.readouterr().out.startswith("\ufeff")


def test_excel_is_refused_for_json(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["--example", "-f", "json", "--excel"])
    assert e.value.code == 2
    assert "--excel" in capsys.readouterr().err


def test_panel_writes_the_harmonised_wide_table(capsys: pytest.CaptureFixture[str]) -> None:
    from zhgov_report import harmonize
    from zhgov_report._panel import META_FIELDS, PANEL_KEYS

    files = [SERIES / "pingtan_2014_asis.txt", SERIES / "pingtan_2021_asis.txt", SEED_FILES[1]]
    assert main([*map(str, files), "--panel", "-q"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0]) == [*META_FIELDS, *PANEL_KEYS]
    assert [r["source"] for r in rows] == [str(p) for p in files]
    for row, p in zip(rows, files, strict=True):
        want = harmonize(parse(p.read_bytes()))
        got = {k: v for k, v in row.items() if k.startswith("panel.") and v != ""}
        assert got == {k: str(v) for k, v in want.items() if v is not None}
    assert rows[0]["year"] == "2014" and rows[0]["panel.requests.received"] == "1"
    assert rows[1]["format"] == "form2021" and rows[1]["panel.requests.received"] == "70"


def test_csv_values_read_back_into_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = example_text().replace("| 0 | 0 | 0 |", "| 0.5 | 0 | 0 |", 1)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "-f", "csv", "-q"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    report = parse(text)
    by_key = {r["key"]: r for r in rows}
    for rec in to_records(report):
        if not rec["certain"]:
            assert rec["key"] not in by_key
            continue
        got = by_key[rec["key"]]
        if rec["value"] is None:
            assert got["value"] == ""
        else:
            assert Decimal(got["value"]) == rec["value"]
        assert got["certain"] == str(rec["certain"])
    assert any("." in r["value"] for r in rows)


def test_folder_to_json_round_trips(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(folder), "--format", "json", "-q"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    docs = json.loads(out)
    assert [d["file"] for d in docs] == [str(p) for p in expected_files(folder)]
    for d in docs:
        assert from_dict(d["report"]) == parse(Path(d["file"]).read_bytes())


def test_files_to_jsonl(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(p) for p in SEED_FILES] + ["-f", "jsonl", "-q"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(SEED_FILES)
    for line, p in zip(lines, SEED_FILES, strict=True):
        doc = json.loads(line)
        assert doc["file"] == str(p)
        assert from_dict(doc["report"]) == parse(p.read_bytes())


def test_text_format_separates_reports(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED_FILES[0]), str(SEED_FILES[1]), "-q"]) == 0
    out = capsys.readouterr().out
    want = "\n".join(render_text(parse(p.read_bytes()), str(p)) + "\n" for p in SEED_FILES[:2])
    assert out == want


def test_glob_chooses_the_files(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(folder), "--glob", "*.md", "-f", "jsonl", "-q"]) == 0
    docs = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [d["file"] for d in docs] == [str(folder / "2019" / "deep" / "daxi.md"), str(folder / "README.md")]
    assert main([str(folder), "--glob", "*.txt", "--glob", "deep/*.md", "-f", "jsonl", "-q"]) == 0
    files = [json.loads(x)["file"] for x in capsys.readouterr().out.splitlines()]
    assert files == sorted([str(p) for p in expected_files(folder)] + [str(folder / "2019" / "deep" / "daxi.md")])


def test_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path), "-f", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == []
    assert "no *.txt or *.html or *.htm or *.shtml or *.pdf or *.docx files in" in err
    assert "0 files parsed" in err


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.csv"
    assert main([str(SEED_FILES[1]), "-f", "csv", "-o", str(target), "-q"]) == 0
    assert capsys.readouterr().out == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert {r["agency"] for r in rows} == {"大溪镇"}
    assert main([str(SEED_FILES[1]), "-o", str(tmp_path / "missing" / "x.csv")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_jobs_give_the_same_output(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(folder), "-f", "csv", "-q"]) == 0
    serial = capsys.readouterr().out
    assert main([str(folder), "-f", "csv", "-q", "--jobs", "2"]) == 0
    assert capsys.readouterr().out == serial
    with pytest.raises(SystemExit) as e:
        main([str(folder), "--jobs", "0"])
    assert e.value.code == 2


# ---------------------------------------------------------------------------------------------
# errors, standard input, summary and progress


def test_unreadable_files_give_status_1_and_the_rest_is_parsed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(SEED_FILES[1], tmp_path / "good.txt")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    assert main([str(tmp_path), str(tmp_path / "absent.txt"), "-f", "jsonl"]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(x)["file"] for x in out.splitlines()] == [str(tmp_path / "good.txt")]
    assert f"cannot read {tmp_path / 'broken.txt'}" in err
    assert f"cannot read {tmp_path / 'absent.txt'}" in err
    assert "1 file parsed, 2 could not be read" in err


def test_first_json_document_after_an_unreadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "absent.txt"), str(SEED_FILES[0]), "-f", "json", "-q"]) == 1
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main([str(tmp_path / "absent.txt"), "-f", "json", "-q"]) == 1
    assert json.loads(capsys.readouterr().out) == []


def test_summary_counts_formats_checks_and_diagnostics(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(folder), "-f", "jsonl"]) == 0
    err = capsys.readouterr().err
    reports = [parse(p.read_bytes()) for p in expected_files(folder)]
    formats = Counter(r.format.value for r in reports)
    assert "formats: " + ", ".join(f"{f} {n}" for f, n in sorted(formats.items())) in err
    failed = sum(1 for r in reports for c in r.checks if c.status.value == "fail")
    passed = sum(1 for r in reports for c in r.checks if c.status.value == "pass")
    assert f"checks failed: {failed} in " in err
    assert f"(passed {passed}, " in err
    codes = Counter(d.code for r in reports for d in r.diagnostics)
    assert codes
    for code, n in codes.items():
        assert f"{code} {n}" in err


def test_a_failed_check_is_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = example_text()
    report = parse(text)
    assert all(c.status.value != "fail" for c in report.checks)
    # break 二、上年结转 + 一、本年新收 = （七）总计 + 四、结转下年度 by changing the carried-forward total
    lines = text.splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith("四、结转下年度继续办理"))
    lines[i] = "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 9"
    (tmp_path / "broken.txt").write_text("\n".join(lines), encoding="utf-8")
    broken = parse((tmp_path / "broken.txt").read_bytes())
    n_fail = sum(1 for c in broken.checks if c.status.value == "fail")
    assert n_fail > 0
    assert main([str(tmp_path / "broken.txt"), "-f", "csv"]) == 0
    assert f"checks failed: {n_fail} in 1 report " in capsys.readouterr().err


def test_standard_input_gb18030(capsys: pytest.CaptureFixture[str]) -> None:
    data = example_text().encode("gb18030")
    r = run("-", "--format", "jsonl", "-q", input=data)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["file"] == "-"
    report = from_dict(doc["report"])
    assert report == parse(data)
    assert report.meta.agency == "大溪镇"
    # with no input named, standard input is read when it is not a terminal
    r2 = run("-f", "jsonl", "-q", input=data)
    assert r2.returncode == 0
    assert json.loads(r2.stdout) == doc


class _FakeStdin(io.TextIOWrapper):
    def __init__(self, data: bytes, tty: bool) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def test_no_input_at_a_terminal_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", _FakeStdin(b"", tty=True))
    with pytest.raises(SystemExit) as e:
        main([])
    assert e.value.code == 2
    assert "give report files or folders" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", _FakeStdin(example_text().encode("utf-8"), tty=False))
    assert main(["-f", "csv", "-q"]) == 0
    assert "active.regulations.new_made" in capsys.readouterr().out


def test_progress_bar_when_asked(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(folder), "-f", "csv", "--progress", "-q"]) == 0
    err = capsys.readouterr().err
    assert "\r[" in err
    assert "] 6/6 " in err
    assert err.endswith("\r")  # the bar is cleared at the end
    assert main([str(folder), "-f", "csv", "-q"]) == 0
    assert capsys.readouterr().err == ""  # standard error is not a terminal here: no bar


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal(folder: Path) -> None:
    import pty  # noqa: F401  (POSIX only; imported to fail clearly where it is missing)

    leader, follower = os.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "zhgov_report", str(folder), "-f", "csv"],
                              stdout=subprocess.PIPE, stderr=follower, timeout=120, check=False)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(leader)
    err = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "] 6/6 " in err
    assert "6 files parsed" in err
    assert proc.stdout.startswith(",".join(RECORD_FIELDS).encode())


def test_a_closed_pipe_stops_quietly(tmp_path: Path) -> None:
    for i in range(12):
        shutil.copy(SEED_FILES[1], tmp_path / f"r{i:02}.txt")
    proc = subprocess.Popen([sys.executable, "-m", "zhgov_report", str(tmp_path), "-f", "csv", "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    assert proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    proc.wait(timeout=120)
    assert first.startswith(b"source,")
    assert b"Traceback" not in err
    assert proc.returncode == 1
