"""Release: the wheel holds the package and its example only, the sdist what a rebuild needs, one version."""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import zhgov_report

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = {"attrs", "cattrs", "regex", "charset-normalizer"}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel and an sdist built by the project's build backend (hatchling) into a temporary folder."""
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    r = subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-t", "sdist", "-d", str(out)],
                       cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert r.returncode == 0, r.stderr
    return out


def test_wheel_holds_the_package_and_its_example_only(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    v = zhgov_report.__version__
    assert wheel.name == f"zhgov_report-{v}-py3-none-any.whl"
    names = zipfile.ZipFile(wheel).namelist()
    info = f"zhgov_report-{v}.dist-info/"
    assert all(n.startswith(("zhgov_report/", info)) for n in names), [
        n for n in names if not n.startswith(("zhgov_report/", info))]
    assert not [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".orig", ".rej", "~"))]
    package = {n for n in names if n.startswith("zhgov_report/")}
    src = ROOT / "src"
    tracked = {str(p.relative_to(src)) for p in (src / "zhgov_report").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    assert package == tracked
    for needed in ("zhgov_report/examples/daxi_2019.txt", "zhgov_report/py.typed", "zhgov_report/__main__.py",
                   "zhgov_report/templates/form2019.py"):
        assert needed in package
    assert {n[len(info):] for n in names if n.startswith(info)} == {
        "METADATA", "WHEEL", "RECORD", "entry_points.txt", "licenses/LICENSE"}


def test_wheel_metadata(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    v = zhgov_report.__version__
    z = zipfile.ZipFile(wheel)
    meta = z.read(f"zhgov_report-{v}.dist-info/METADATA").decode("utf-8")
    assert f"\nVersion: {v}\n" in meta
    assert "\nRequires-Python: >=3.10\n" in meta
    requires = re.findall(r"^Requires-Dist: ([A-Za-z0-9_.-]+)([^\n]*)$", meta, re.M)
    runtime = {name.lower() for name, rest in requires if "extra ==" not in rest}
    assert runtime == RUNTIME
    assert "Description-Content-Type: text/markdown" in meta
    entry = z.read(f"zhgov_report-{v}.dist-info/entry_points.txt").decode("utf-8")
    assert "zhgov-report = zhgov_report.__main__:main" in entry


def test_sdist_holds_what_a_rebuild_needs(dist: Path) -> None:
    (sdist,) = dist.glob("*.tar.gz")
    v = zhgov_report.__version__
    prefix = f"zhgov_report-{v}/"
    with tarfile.open(sdist) as tar:
        names = {n[len(prefix):] for n in tar.getnames() if n.startswith(prefix)}
    for needed in ("pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE", "src/zhgov_report/__init__.py",
                   "src/zhgov_report/examples/daxi_2019.txt", "tests/conftest.py", "docs/conf.py",
                   "docs/_ext/zhgov_docs.py", "benchmarks/bench.py"):
        assert needed in names
    assert not [n for n in names if n.startswith(("docs/_build/", "docs/generated/", ".venv/", "dist/"))
                or "__pycache__" in n or "/.hypothesis/" in n]


def test_one_version_in_one_place() -> None:
    version_file = (ROOT / "src" / "zhgov_report" / "_version.py").read_text(encoding="utf-8")
    (v,) = re.findall(r'^__version__ = "([^"]+)"$', version_file, re.M)
    assert v == zhgov_report.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", v)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'path = "src/zhgov_report/_version.py"' in pyproject
    assert v not in pyproject
    assert importlib.metadata.version("zhgov-report") == v, "reinstall the package after changing the version"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog
    assert re.search(rf"^## \[{re.escape(v)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.M)


def test_benchmark_floor_rebuilds_every_object_of_a_result() -> None:
    """``--floor`` times the constructors of a result's objects: the plan must hold each object once,
    with the arguments that rebuild it equal to the original."""
    import importlib.util

    import attrs

    import zhgov_report
    from zhgov_report.models import Cell, Report, Span

    spec = importlib.util.spec_from_file_location("zhgov_bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    report = zhgov_report.parse((ROOT / "src" / "zhgov_report" / "examples" / "daxi_2019.txt").read_bytes())
    plan: list[tuple[type, tuple[object, ...]]] = []
    bench._constructions(report, plan)
    assert [cls for cls, _ in plan].count(Report) == 1
    last_cls, last_args = plan[-1]  # children first: the report itself comes last
    rebuilt: object = last_cls(*last_args)
    assert rebuilt == report
    cells = [c for t in report.tables for r in t.rows for c in r.cells]
    assert cells
    assert [cls for cls, _ in plan].count(Cell) == len(cells)
    assert any(cls is Span for cls, _ in plan)
    assert all(attrs.has(cls) for cls, _ in plan)
    figures = bench.floor([b"x"], 0.0, 1)
    assert figures["reports"] == 1
    assert figures["objects_per_report"] >= 1


def test_benchmark_smoke_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("zhgov_bench", ROOT / "benchmarks" / "bench.py")
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.txt").write_bytes((ROOT / "src" / "zhgov_report" / "examples" / "daxi_2019.txt").read_bytes())
    out = tmp_path / "figures.json"
    args = ["--quick", "--corpus", str(corpus), "--kinds", "pipes,digits", "--sizes", "10KB,100KB", "--json",
            str(out)]
    assert bench.main(args) == 0
    text = capsys.readouterr().out
    assert "parse() + flatten()" in text
    assert "target 1000 reports/s for parse() over seeds" in text
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert [t["parse"]["reports"] for t in figures["throughput"]] == [5, 1]
    assert all(t["parse"]["per_second"] > 0 for t in figures["throughput"])
    assert [(s["kind"], s["size"]) for s in figures["scaling"]] == [
        ("pipes", "10KB"), ("pipes", "100KB"), ("digits", "10KB"), ("digits", "100KB")]
    assert all(s["seconds"] > 0 for s in figures["scaling"])
    with pytest.raises(SystemExit):
        bench.main(["--sizes", "3MB"])
