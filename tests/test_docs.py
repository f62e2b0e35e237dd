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
    for name in ("harmonize", "to_dataframe", "check_panel"):
        assert f'id="zhgov_report.{name}"' in api
    assert (out / "_images" / "report_html.png").exists()
    assert "panel.requests.received" in (out / "panel.html").read_text(encoding="utf-8")
    assert "to_dataframe" in (out / "tutorial.html").read_text(encoding="utf-8")
    outside = [(p.name, m.group()) for p in out.glob("*.html") for m in OUTSIDE.finditer(p.read_text(encoding="utf-8"))]
    assert not outside, outside


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


# ---------------------------------------------------------------------------------------------
# README, tutorial, harmonised panel page, page width, screenshot

ROOT = DOCS.parent
DATA = ROOT / "tests" / "data"
OUTSIDE = re.compile(r"\b(?:FORMATS|FIELDS|INPUT|DESIGN)\.md\b|\.\./shared|/work/|shared/corpus")


def markdown_python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)


README_REPORTS = [*sorted((DATA / "seeds").glob("*.txt")), DATA / "sheets" / "pingtan_2014_spaces_inline.txt",
                  DATA / "series" / "pingtan_2017_asis.txt"]


@pytest.mark.parametrize("path", README_REPORTS, ids=lambda p: p.stem[:24])
def test_readme_examples_run(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    blocks = markdown_python_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(blocks) >= 4
    (tmp_path / "report.txt").write_bytes(path.read_bytes())
    (tmp_path / "reports").mkdir()
    for p in README_REPORTS:
        (tmp_path / "reports" / p.name).write_bytes(p.read_bytes())
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"text": path.read_text(encoding="utf-8")}
    try:
        import pandas  # noqa: F401
        has_pandas = True
    except ImportError:
        has_pandas = False
    for block in blocks:
        if "to_dataframe" in block and not has_pandas:
            continue
        exec(compile(block, "README.md", "exec"), namespace)
    out = capsys.readouterr().out
    from zhgov_report import parse

    report = parse(path.read_bytes())
    assert out.startswith(f"{report.format} {report.meta.year} {report.meta.agency}\n")
    if has_pandas:
        panel = namespace["panel"]
        assert len(panel) == len(README_REPORTS)  # type: ignore[arg-type]


def run_with_outputs(rst: str, name: str) -> list[tuple[str, str]]:
    """Run a page's python blocks in order; pair each block's printed output with the text block after it."""
    import contextlib
    import io

    lines = rst.splitlines()
    pairs: list[tuple[str, str]] = []
    namespace: dict[str, object] = {}
    blocks = re.findall(r"^\.\. code-block:: (python|text)\n((?:\n|   .*\n)+)", rst + "\n", re.M)
    assert lines
    pending: str | None = None
    for kind, body in blocks:
        code = "\n".join(line[3:] for line in body.splitlines()).strip() + "\n"
        if kind == "python" and not body.lstrip().startswith(":class: not-run"):
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                exec(compile(code, name, "exec"), namespace)
            pending = buf.getvalue()
        elif kind == "text" and pending is not None:
            pairs.append((pending, code))
            pending = None
    return pairs


def test_tutorial_runs_and_prints_what_it_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    monkeypatch.chdir(ROOT)
    pairs = run_with_outputs((DOCS / "tutorial.rst").read_text(encoding="utf-8"), "tutorial.rst")
    assert len(pairs) >= 4
    for got, shown in pairs:
        assert got.strip() == shown.strip()


def code_block_lines(rst: str) -> list[str]:
    """Every line of every literal block (``::`` paragraphs, code-block, code) of a page."""
    out: list[str] = []
    lines = rst.splitlines()
    for i, line in enumerate(lines):
        directive = re.match(r"\s*\.\. ", line)
        opens = bool(re.match(r"\s*\.\. code(?:-block)?::", line)) or (line.rstrip().endswith("::") and not directive)
        if not opens:
            continue
        indent = len(line) - len(line.lstrip())
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent):
            if lines[j].strip() and not lines[j].strip().startswith(":"):
                out.append(lines[j][indent + 3:])
            j += 1
    return out


def test_code_block_lines_are_found() -> None:
    rst = "Text::\n\n   a\n   b\n\nafter\n\n.. code-block:: sh\n   :class: x\n\n   c\n\n.. note::\n\n   d\n"
    assert code_block_lines(rst) == ["a", "b", "c"]


def test_no_code_block_is_wider_than_the_page(gen: ModuleType, tmp_path: Path) -> None:
    gen.write(DOCS, tmp_path)
    pages = [*DOCS.glob("*.rst"), *tmp_path.glob("*.inc")]
    wide = [(p.name, line) for p in pages for line in code_block_lines(p.read_text(encoding="utf-8"))
            if gen.width(line) > gen.CODE_WIDTH]
    assert not wide, wide
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    usage = readme[readme.index("## Usage"):]
    blocks = re.findall(r"^```\w*\n(.*?)^```", usage, re.S | re.M)
    assert [line for b in blocks for line in b.splitlines() if gen.width(line) > 96] == []


def test_docs_refer_to_no_file_outside_the_repository(gen: ModuleType, tmp_path: Path) -> None:
    gen.write(DOCS, tmp_path)
    pages = [*DOCS.glob("*.rst"), *tmp_path.glob("*.inc"), ROOT / "README.md"]
    found = [(p.name, m.group()) for p in pages for m in OUTSIDE.finditer(p.read_text(encoding="utf-8"))]
    assert not found, found


def test_harmonised_page_defines_every_quantity_in_every_era(gen: ModuleType) -> None:
    from zhgov_report.templates.harmonized import FORMATS, QUANTITIES

    text = gen.harmonized_quantities()
    for q in QUANTITIES:
        assert f"{q.key}\n{'~' * len(q.key)}\n" in text
        for fmt in FORMATS:
            d = q.definition(fmt)
            for k in d.keys if d else ():
                assert f"``{k}``" in text
            if d is not None:
                assert d.caveat in text
    assert ".. include:: generated/harmonized.inc" in (DOCS / "panel.rst").read_text(encoding="utf-8")


def test_the_screenshot_shows_what_the_html_draws(gen: ModuleType) -> None:
    """docs/_static/report_html.png was taken once of gen.screenshot_page(); the page still draws what it shows."""
    png = gen.SCREENSHOT.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert 600 <= width <= 1200 and height >= 800
    page = gen.screenshot_page(gen.SCREENSHOT_REPORT.read_bytes())
    for shown in ("二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                  "四、政府信息公开行政复议、行政诉讼情况",
                  "（三）不予公开", "结果维持", "未经复议直接起诉", 'class="n blank doubt"', 'class="n doubt"',
                  "A3.natural_person", "20 = 26", "A3.total", "21 = 27"):
        assert shown in page, shown
    assert "report_html.png" in (DOCS / "getting-started.rst").read_text(encoding="utf-8")


def test_certainty_worked_example_runs_and_matches_its_picture(gen: ModuleType) -> None:
    pairs = run_with_outputs((DOCS / "certainty.rst").read_text(encoding="utf-8"), "certainty.rst")
    assert len(pairs) == 1
    got, shown = pairs[0]
    assert got.strip() == shown.strip()
    placements = gen.row_placements((2, 2), 7)
    assert len(placements) == 21
    kept = [cells for cells, ok in placements if ok]
    assert len(kept) == 6 and all(cells[-1] == 2 for cells in kept)
    # the library's alternatives are exactly the values the kept placements give each cell
    from zhgov_report import parse
    from zhgov_report.examples import example_text

    requests = parse(example_text()).table("requests")
    assert requests is not None
    row = requests.row("new_received")
    assert row is not None
    for i, cell in enumerate(row.cells):
        values = {cells[i] for cells in kept}
        assert {cell.value.as_flat(), *(a.as_flat() for a in cell.alternatives)} == values
    png = gen.PLACEMENTS.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert "placements.png" in (DOCS / "certainty.rst").read_text(encoding="utf-8")
    assert "21 placements" in gen.placements_page() and "6 that keep A2" in gen.placements_page()
