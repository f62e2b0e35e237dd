"""Sphinx extension: write the reference parts of the documentation from the code, at build time.

The field lists come from the template declarations (``zhgov_report.templates``: ``form2019``,
``form2021`` and the statistics sheet of ``templates.sheet``), the checks from the identities those
templates declare, the diagnostic codes from ``zhgov_report.diagnostics.CODES`` and the command-line
help from the command line's own parser, so the documentation cannot drift from the code. The files
go to ``docs/generated/*.inc`` (not committed) and the pages pull them in with ``.. include::``.

The functions here are plain: ``tests/test_docs.py`` calls them without Sphinx.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from zhgov_report import diagnostics
from zhgov_report.templates import TEMPLATES, Column, Identity, RowSpec, TableSpec, Template

OUT = Path(__file__).resolve().parent.parent / "generated"

#: The widest line a code block may have (display columns, CJK counting two) to fit the page.
CODE_WIDTH = 86

#: Pages written by other people: in the table of contents once they exist.
OPTIONAL_PAGES = ("certainty", "contributing")

_LAYOUTS = {
    "grid": "rows × columns",
    "blocks": "blocks, each with its own columns",
    "line": "all cells in one line of values, rows × columns in row-major order",
}

_STAGE_TITLES = {
    "intake": "Intake (decoding the bytes)",
    "detect": "Format detection",
    "tables": "Tables (post-2019 templates)",
    "recovery": "Column recovery",
    "checks": "Checks",
    "sheet": "Statistics sheet (pre-2019)",
    "prose": "Prose and metadata",
}


# ------------------------------------------------------------------------------------------------
# reStructuredText helpers


def width(text: str) -> int:
    """Display width, counting wide (CJK) characters as two columns, as docutils does."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def heading(text: str, char: str) -> str:
    return f"{text}\n{char * width(text)}\n"


def literal(text: str) -> str:
    return f"``{text}``" if text else ""


def list_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], widths: Sequence[int] | None = None
) -> str:
    out = [".. list-table::", "   :header-rows: 1"]
    if widths:
        out.append("   :widths: " + " ".join(str(w) for w in widths))
    out.append("")
    for row in [header, *rows]:
        first = True
        for cell in row:
            lines = (cell or " ").splitlines() or [" "]
            out.append(("   * - " if first else "     - ") + lines[0])
            out.extend("       " + rest for rest in lines[1:])
            first = False
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------------
# fields


def _column_note(col: Column) -> str:
    notes = []
    if col.decimal:
        notes.append("``Decimal``")
    else:
        notes.append("``int``")
    if col.signed:
        notes.append("signed (本年增/减 may be negative)")
    if col.unit:
        notes.append(f"unit {col.unit}")
    return ", ".join(notes)


def _row_label(spec: TableSpec, row: RowSpec) -> str:
    label = row.label
    if row.category:
        cat = next((c for c in spec.categories if c.key == row.category), None)
        if cat is not None:
            label = f"{cat.label} {label}"
    if row.aliases:
        label += " (also: " + ", ".join(row.aliases) + ")"
    return label


def table_fields(spec: TableSpec) -> str:
    """Every flat key of one template table, with its row, column and type."""
    rows = []
    for r in spec.all_rows():
        for c in spec.columns_of(r.key):
            note = _column_note(c)
            if r.unit and not c.unit:
                note += f", unit {r.unit}"
            rows.append((literal(spec.key(r.key, c.key)), _row_label(spec, r), c.label, note))
    return list_table(("key", "row", "column", "value"), rows, (34, 34, 18, 14))


def template_fields(template: Template, char: str = "~") -> str:
    """The tables of a template, each with its keys."""
    out = []
    for spec in template.tables:
        out.append(heading(f"{spec.title} ({spec.id}.*)", char))
        layout = _LAYOUTS.get(spec.layout, spec.layout)
        out.append(f"{len(spec.keys())} keys; layout: {layout}.\n")
        out.append(table_fields(spec))
    return "\n".join(out)


def sheet_declarations() -> list[TableSpec | Template]:
    """Whatever ``zhgov_report.templates.sheet`` declares as a table or template."""
    from zhgov_report.templates import sheet

    found: list[TableSpec | Template] = []
    for name in getattr(sheet, "__all__", dir(sheet)):
        obj = getattr(sheet, name, None)
        if isinstance(obj, (TableSpec, Template)) and obj not in found:
            found.append(obj)
    return found


def sheet_table_fields(spec: TableSpec, char: str = "~") -> str:
    """A statistics sheet: one line per row with its key in each column, grouped by the sheet's sections."""
    from zhgov_report.templates import sheet

    money: frozenset[str] = getattr(sheet, "MONEY_UNITS", frozenset())
    titles = {c.key: c.label for c in spec.categories}
    sections: dict[str | None, list[RowSpec]] = {}
    for r in spec.all_rows():
        sections.setdefault(r.section, []).append(r)
    first = spec.columns[0].key if spec.columns else ""
    out = []
    for section, rows in sections.items():
        if section is not None:
            out.append(heading(titles.get(section, section), char))
        lines = []
        for r in rows:
            label = r.label + (" (also: " + ", ".join(r.aliases) + ")" if r.aliases else "")
            keys = [literal(spec.key(r.key, c.key)) for c in spec.columns]
            unit = (r.unit or "") + (", ``Decimal``" if r.unit in money else "")
            parent = literal(spec.key(r.parent, first)) if r.parent else ""
            lines.append((label, *keys, unit, parent))
        header = ("row", *(c.label for c in spec.columns), "unit", "part of")
        out.append(list_table(header, lines))
    return "\n".join(out)


def sheet_fields(char: str = "~") -> str:
    decls = sheet_declarations()
    if not decls:
        return ("The statistics-sheet declarations are not part of this version of the package; the pre-2019 "
                "keys are listed in the data contract (FIELDS.md) and are added here when the sheet reader "
                "lands.\n")
    out = []
    for d in decls:
        if isinstance(d, Template):
            out.append(template_fields(d, char))
        elif d.layout == "sheet":
            out.append(f"{len(d.keys())} keys.\n\n" + sheet_table_fields(d, char))
        else:
            out.append(heading(f"{d.title} ({d.id}.*)", char) + "\n" + table_fields(d))
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------
# checks


def _side(keys: Sequence[str]) -> str:
    return " + ".join(keys) if keys else "0"


def identity_entry(ident: Identity) -> str:
    kind = "hard" if ident.hard else "soft"
    place = "; may be used to place values the text lost" if ident.hard and ident.placement else ""
    rel = {"=": "=", "<=": "≤", ">=": "≥"}.get(ident.relation, ident.relation)
    formula = f"{_side(ident.left)} {rel} {_side(ident.right)}"
    return (f"``{ident.id}`` ({ident.rule}, {kind}{place})\n"
            f"   {ident.description}\n\n"
            f"   ``{formula}``\n")


def non_negative_entry(spec: TableSpec) -> str:
    signed = [spec.key(r.key, c.key) for r in spec.all_rows() for c in spec.columns_of(r.key) if c.signed]
    text = (f"``A6.{spec.id}`` (A6, hard)\n"
            f"   Every count of {spec.title} is a non-negative number")
    if signed:
        text += "; the signed cells " + ", ".join(literal(k) for k in signed) + " are excepted"
    return text + ".\n"


def template_checks(template: Template, char: str = "^") -> str:
    out = []
    for spec in template.tables:
        out.append(heading(f"{spec.title} ({spec.id})", char))
        for ident in spec.identities:
            out.append(identity_entry(ident))
        out.append(non_negative_entry(spec))
    return "\n".join(out)


def sheet_checks(char: str = "^") -> str:
    out = []
    for d in sheet_declarations():
        tables = d.tables if isinstance(d, Template) else (d,)
        for spec in tables:
            if spec.identities:
                out.append(heading(f"{spec.title} ({spec.id})", char))
                out.extend(identity_entry(i) for i in spec.identities)
    return "\n".join(out) if out else "No identities are declared for the statistics sheet in this version.\n"


# ------------------------------------------------------------------------------------------------
# the harmonised panel


_ERAS = {"pre2019": "pre-2019 sheet", "form2019": "2019 form", "form2021": "2021 form"}


def _definition_cell(keys: Sequence[str]) -> str:
    return " +\n".join(literal(k) for k in keys)


def quantity_entry(q: Any, char: str = "~") -> str:
    """One harmonised quantity: what it counts, and its definition and caveat in each era."""
    from zhgov_report.templates import harmonized

    rows = []
    for fmt in harmonized.FORMATS:
        d = q.definition(fmt)
        if d is None:
            why = harmonized.FEES_AFTER_2019 if q.key == "panel.fees" else "not stated in this layout"
            rows.append((_ERAS[fmt], "—", why))
        else:
            rows.append((_ERAS[fmt], _definition_cell(d.keys), d.caveat))
    head = heading(q.key, char) + f"\n{q.meaning[0].upper()}{q.meaning[1:]} (unit {q.unit}).\n\n"
    return head + list_table(("era", "flat keys (added up)", "definition and caveat"), rows, (14, 40, 46))


def harmonized_quantities(char: str = "~") -> str:
    """Every quantity of ``zhgov_report.templates.harmonized``, in order."""
    from zhgov_report.templates import harmonized

    return "\n".join(quantity_entry(q, char) for q in harmonized.QUANTITIES)


# ------------------------------------------------------------------------------------------------
# the screenshot of a report in a notebook

#: The report the screenshot shows (a 2020 report whose arithmetic fails twice) and the picture.
SCREENSHOT_REPORT = Path(__file__).resolve().parents[2] / "tests" / "data" / "corpus" / "raw-003.asis.txt"
SCREENSHOT = Path(__file__).resolve().parent.parent / "_static" / "report_html.png"


def screenshot_page(text: bytes | str) -> str:
    """The page the screenshot was taken of: the report's ``_repr_html_`` as a notebook shows it.

    Made once with headless Chromium (Debian's ``chromium`` and ``fonts-noto-cjk``)::

        chromium --headless --no-sandbox --hide-scrollbars --window-size=800,1760 \\
            --screenshot=docs/_static/report_html.png page.html
    """
    from zhgov_report import parse

    body = parse(text)._repr_html_()
    return f'<!DOCTYPE html><meta charset="utf-8"><body style="margin:8px;width:760px">{body}</body>\n'


#: The picture of one row's placements on the certainty page.
PLACEMENTS = Path(__file__).resolve().parent.parent / "_static" / "placements.png"


def row_placements(values: Sequence[int], width: int) -> list[tuple[tuple[int | None, ...], bool]]:
    """Every placement of ``values``, in their written order, in a row of ``width`` cells whose last cell is
    总计, the others blank; with whether the row identity A2 (总计 = the sum of the other cells) holds."""
    from itertools import combinations

    out = []
    for where in combinations(range(width), len(values)):
        cells: list[int | None] = [None] * width
        for i, v in zip(where, values, strict=True):
            cells[i] = v
        parts = sum(v or 0 for v in cells[:-1])
        out.append((tuple(cells), parts == (cells[-1] or 0)))
    return out


def placements_page() -> str:
    """The page the placements picture was taken of (see :func:`screenshot_page` for the command)."""
    from zhgov_report.templates._post2019 import REQUEST_COLUMNS

    head = "".join(f"<th>{c.label}</th>" for c in REQUEST_COLUMNS) + "<th>A2: 总计 = Σ</th>"
    rows = []
    for cells, ok in row_placements((2, 2), len(REQUEST_COLUMNS)):
        tds = "".join(f"<td>{'' if v is None else v}</td>" for v in cells)
        parts = sum(v or 0 for v in cells[:-1])
        verdict = f"{cells[-1] or 0} = {parts} ✓" if ok else f"{cells[-1] or 0} ≠ {parts} ✗"
        rows.append(f'<tr class="{"ok" if ok else "no"}">{tds}<td>{verdict}</td></tr>')
    style = ("<style>body{font-family:sans-serif;font-size:14px;margin:8px;width:620px}table{border-collapse:"
             "collapse}td,th{border:1px solid #999;padding:2px 8px;text-align:center}th{background:#eef1f5;"
             "font-weight:normal}tr.no td{color:#aaa}tr.ok td{background:#e6f4e6;font-weight:bold}</style>")
    caption = ("<p>一、本年新收政府信息公开申请数量 | 2 | 2 | |||||||: the 21 placements of the two written values; "
               "the 6 that keep A2 remain (green).</p>")
    return (f'<!DOCTYPE html><meta charset="utf-8">{style}<body>{caption}<table><tr>{head}</tr>'
            + "".join(rows) + "</table></body>\n")


# ------------------------------------------------------------------------------------------------
# diagnostics and the command line


def diagnostic_codes(char: str = "~") -> str:
    out = []
    stages: dict[str, list[diagnostics.Code]] = {}
    for code in diagnostics.CODES.values():
        stages.setdefault(code.stage, []).append(code)
    for stage, codes in stages.items():
        out.append(heading(_STAGE_TITLES.get(stage, stage.capitalize()), char))
        rows = [(literal(c.code), c.severity.value, c.description) for c in codes]
        out.append(list_table(("code", "severity", "meaning"), rows, (26, 10, 64)))
    return "\n".join(out)


def cli_help() -> str:
    from zhgov_report.__main__ import _parser

    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(CODE_WIDTH - 10)  # argparse counts a CJK character as one column
    try:
        text = _parser().format_help()
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    body = "".join(f"   {line}\n" if line else "\n" for line in text.splitlines())
    return ".. code-block:: text\n\n" + body


def api_members() -> dict[str, list[str]]:
    """The public names of ``zhgov_report`` (its ``__all__``) by kind; result-model classes are left to the
    ``zhgov_report.models`` section of the API page."""
    import inspect

    import zhgov_report
    from zhgov_report import models

    out: dict[str, list[str]] = {"functions": [], "classes": [], "data": []}
    for name in zhgov_report.__all__:
        obj = getattr(zhgov_report, name)
        if inspect.isfunction(obj):
            out["functions"].append(name)
        elif inspect.isclass(obj):
            if getattr(models, name, None) is not obj:
                out["classes"].append(name)
        elif name != "__version__":
            out["data"].append(name)
    return out


def api_reference() -> str:
    """autodoc directives for every public name of ``zhgov_report`` but the result model's classes."""
    members = api_members()
    out = [heading("Functions", "-")]
    out.extend(f".. autofunction:: zhgov_report.{name}\n" for name in members["functions"])
    out.append(heading("Classes", "-"))
    out.extend(f".. autoclass:: zhgov_report.{name}\n   :members:\n   :undoc-members:\n"
               for name in members["classes"])
    if members["data"]:
        out.append(heading("Data", "-"))
        out.extend(f".. autodata:: zhgov_report.{name}\n   :no-value:\n" for name in members["data"])
    return "\n".join(out)


def optional_toc(docs: Path, name: str) -> str:
    """A table of contents holding the page ``name`` if it exists, else an rst comment."""
    if not (docs / f"{name}.rst").exists():
        return f".. {name}.rst does not exist yet\n"
    return f".. toctree::\n   :maxdepth: 2\n\n   {name}\n"


# ------------------------------------------------------------------------------------------------
# writing


def pages(docs: Path) -> dict[str, str]:
    """Every generated file by name."""
    out = {
        "fields_form2019.inc": template_fields(TEMPLATES["form2019"]),
        "fields_form2021.inc": template_fields(TEMPLATES["form2021"]),
        "fields_pre2019.inc": sheet_fields(),
        "checks_form2019.inc": template_checks(TEMPLATES["form2019"]),
        "checks_form2021.inc": template_checks(TEMPLATES["form2021"]),
        "checks_pre2019.inc": sheet_checks(),
        "diagnostics.inc": diagnostic_codes(),
        "cli_help.inc": cli_help(),
        "harmonized.inc": harmonized_quantities(),
        "api.inc": api_reference(),
    }
    for name in OPTIONAL_PAGES:
        out[f"toc_{name}.inc"] = optional_toc(docs, name)
    return out


def write(docs: Path, out: Path = OUT) -> list[Path]:
    """Write the generated files (only those whose content changed); return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in pages(docs).items():
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def _on_builder_inited(app: Any) -> None:
    write(Path(app.srcdir))


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _on_builder_inited)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
