"""The command line takes Word and PDF files in folders; a PDF without the ``pdf`` extra is
reported and the others carry on."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from zhgov_report.__main__ import DEFAULT_GLOBS, main

CORPUS = Path(__file__).parent / "data" / "corpus"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    shutil.copy(CORPUS / "html-002.docx", root / "a.docx")
    shutil.copy(CORPUS / "raw-003.pdf", root / "b.pdf")
    shutil.copy(CORPUS / "html-002.asis.txt", root / "c.txt")
    return root


def test_default_globs_take_documents() -> None:
    assert {"*.pdf", "*.docx"} <= set(DEFAULT_GLOBS)


def test_folder_of_documents(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pypdfium2")
    assert main([str(folder), "--format", "jsonl"]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [Path(d["file"]).name for d in docs] == ["a.docx", "b.pdf", "c.txt"]
    assert [d["report"]["meta"]["input"] for d in docs] == ["docx", "pdf", "text"]


def test_pdf_without_the_extra_is_reported_and_the_rest_read(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any) -> Any:
        return None if name == "pypdfium2" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    assert main([str(folder), "--format", "json"]) == 1
    out = capsys.readouterr()
    docs = json.loads(out.out)
    assert [Path(d["file"]).name for d in docs] == ["a.docx", "c.txt"]
    assert "b.pdf" in out.err and "zhgov_report[pdf]" in out.err
