"""The documentation: generated reference pages match the code, the getting-started code runs, and the
Sphinx build passes with warnings as errors (when Sphinx is installed)."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from zhgov_report.diagnostics import CODES
from zhgov_report.templates import TEMPLATES

DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture(scope="module")
def gen() -> Iterator[ModuleType]:
    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        yield importlib.import_module("zhgov_docs")
    finally:
        sys.path.remove(str(DOCS / "_ext"))


def keys_in(text: str) -> set[str]:
    return set(re.findall(r"``([a-z_0-9]+(?:\.[a-z_0-9]+)+)``", text))


@pytest.mark.parametrize("fmt", ["form2019", "form2021"])
def test_fields_page_lists_exactly_the_template_keys(gen: ModuleType, fmt: str) -> None:
    template = TEMPLATES[fmt]
    text = gen.template_fields(template)
    assert keys_in(text) == set(template.keys())
    for spec in template.tables:
        assert spec.title in text
        for row in spec.all_rows():
            assert row.label in text


def test_fields_page_of_the_statistics_sheet(gen: ModuleType) -> None:
    decls = gen.sheet_declarations()
    text = gen.sheet_fields()
    if not decls:
        pytest.skip("templates.sheet declares no table in this version")
    keys: set[str] = set()
    for d in decls:
        keys |= set(d.keys())
    assert keys
    assert keys <= keys_in(text)


@pytest.mark.parametrize("fmt", ["form2019", "form2021"])
def test_checks_page_lists_every_identity(gen: ModuleType, fmt: str) -> None:
    template = TEMPLATES[fmt]
    text = gen.template_checks(template)
    for ident in template.identities:
        assert f"``{ident.id}``" in text
        assert ident.description in text
        for key in ident.cells:
            assert key in text
    for spec in template.tables:
        assert f"``A6.{spec.id}``" in text


def test_checks_page_names_the_signed_cells_that_may_be_negative(gen: ModuleType) -> None:
    text = gen.template_checks(TEMPLATES["form2019"])
    assert "``active.licensing.change``" in text.split("``A6.active``")[1]


def test_diagnostics_page_lists_every_code(gen: ModuleType) -> None:
    text = gen.diagnostic_codes()
    for code in CODES.values():
        assert f"``{code.code}``" in text
        assert code.description in text
    assert keys_in(text) == set()  # codes, not keys


def test_cli_page_shows_every_option(gen: ModuleType) -> None:
    from zhgov_report.__main__ import _parser

    text = gen.cli_help()
    for action in _parser()._actions:
        for opt in action.option_strings:
            assert opt in text


def test_headings_are_underlined_long_enough(gen: ModuleType) -> None:
    title = "二、主动公开政府信息情况 (active.*)"
    head, line, _ = gen.heading(title, "~").split("\n")
    assert head == title
    assert len(line) >= gen.width(title) > len(title)


def test_generated_files_are_written_only_when_changed(gen: ModuleType, tmp_path: Path) -> None:
    first = gen.write(DOCS, tmp_path)
    assert {p.name for p in first} >= {"fields_form2019.inc", "fields_form2021.inc", "fields_pre2019.inc",
                                        "checks_form2019.inc", "diagnostics.inc", "cli_help.inc"}
    assert gen.write(DOCS, tmp_path) == []


def test_optional_pages_join_the_table_of_contents(gen: ModuleType, tmp_path: Path) -> None:
    assert "toctree" not in gen.optional_toc(tmp_path, "certainty")
    (tmp_path / "certainty.rst").write_text("Certainty\n=========\n", encoding="utf-8")
    assert gen.optional_toc(tmp_path, "certainty").endswith("   certainty\n")
    index = (DOCS / "index.rst").read_text(encoding="utf-8")
    for name in gen.OPTIONAL_PAGES:
        assert f".. include:: generated/toc_{name}.inc" in index


def python_blocks(rst: str) -> list[str]:
    """The ``.. code-block:: python`` blocks of a page, without those marked ``:class: not-run``."""
    blocks = []
    lines = rst.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].strip() == ".. code-block:: python":
            i += 1
            options = []
            while i < len(lines) and lines[i].strip().startswith(":"):
                options.append(lines[i].strip())
                i += 1
            body = []
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith("   ")):
                body.append(lines[i][3:])
                i += 1
            if ":class: not-run" not in options:
                blocks.append("\n".join(body).strip() + "\n")
        else:
            i += 1
    return blocks


def test_getting_started_code_runs(capsys: pytest.CaptureFixture[str]) -> None:
    blocks = python_blocks((DOCS / "getting-started.rst").read_text(encoding="utf-8"))
    assert len(blocks) >= 6
    namespace: dict[str, object] = {}
    for block in blocks:
        exec(compile(block, "getting-started.rst", "exec"), namespace)
    out = capsys.readouterr().out
    assert out.startswith("form2019 2019 大溪镇\n")
    assert "uncertain:" in out


def test_python_blocks_are_found() -> None:
    rst = (".. code-block:: python\n\n   x = 1\n\n   y = 2\n\ntext\n\n"
           ".. code-block:: python\n   :class: not-run\n\n   z\n")
    assert python_blocks(rst) == ["x = 1\n\ny = 2\n"]


def test_every_page_is_in_the_table_of_contents() -> None:
    index = (DOCS / "index.rst").read_text(encoding="utf-8")
    listed = set(re.findall(r"^   ([a-z][a-z0-9-]*)$", index, re.M))
    pages = {p.stem for p in DOCS.glob("*.rst")} - {"index"}
    optional = {"certainty", "contributing"}
    assert pages - optional <= listed


def test_sphinx_build_has_no_warnings(tmp_path: Path) -> None:
    pytest.importorskip("sphinx")
    out = tmp_path / "html"
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", "-q", str(DOCS), str(out),
           "-d", str(tmp_path / "doctrees")]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert r.returncode == 0, r.stderr
    fields = (out / "fields.html").read_text(encoding="utf-8")
    assert "requests.handled_total.total" in fields
    assert "active.fees.amount" in fields
    diags = (out / "diagnostics.html").read_text(encoding="utf-8")
    assert all(code in diags for code in CODES)
    recipes = (out / "recipes.html").read_text(encoding="utf-8")
    assert "ProcessPoolExecutor" in recipes
    assert "binaryFile" in recipes
    api = (out / "api.html").read_text(encoding="utf-8")
    for name in ("parse", "flatten", "to_dict", "from_dict", "to_records"):
        assert f'id="zhgov_report.{name}"' in api


def test_api_page_covers_every_public_name(gen: ModuleType) -> None:
    import zhgov_report
    from zhgov_report import models

    text = gen.api_reference()
    for name in zhgov_report.__all__:
        if name == "__version__":
            continue
        if getattr(models, name, None) is getattr(zhgov_report, name):
            assert name in models.__all__  # documented by the automodule of zhgov_report.models
        else:
            assert re.search(rf"^\.\. auto(function|class|data):: zhgov_report\.{re.escape(name)}$", text, re.M), name
    assert ".. automodule:: zhgov_report.models" in (DOCS / "api.rst").read_text(encoding="utf-8")
