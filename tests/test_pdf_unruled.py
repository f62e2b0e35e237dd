"""PDF tables drawn without rules: columns by the x-positions of their header cells, rows by the
baselines. Pages are built by hand (no PDF library) from real reports' values (provenance on each
builder); a real PDF with its rules dropped is read when the ``pdf`` extra is installed."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import zhgov_report._parse as parse_module
from zhgov_report import InputKind, ValueKind, parse
from zhgov_report._pdf import Char, Page, Rule, layout

DATA = Path(__file__).parent / "data"
CW = 10.5  # a CJK character's width (and every character's height); a digit is half as wide


def put(s: str, x: float, y: float) -> list[Char]:
    """One run of characters, its top at ``y``: CJK full width, ASCII half width."""
    out = []
    for ch in s:
        w = CW / 2 if ch.isascii() else CW
        out.append(Char(ch, x, y, x + w, y + CW))
        x += w
    return out


def centred(s: str, centre: float, y: float) -> list[Char]:
    width = sum(CW / 2 if ch.isascii() else CW for ch in s)
    return put(s, centre - width / 2, y)


def page(n: int, chars: list[Char], rules: list[Rule] = ()) -> Page:
    return Page(n, 595.0, 842.0, tuple(chars), tuple(rules))


def parse_pages(monkeypatch: pytest.MonkeyPatch, pages: list[Page]):
    """parse() of a PDF whose pages are these (the layout half only, no PDF library)."""
    monkeypatch.setattr(parse_module, "extract", lambda data: layout(pages))
    return parse(b"%PDF-1.4 built by the test")


# --- the 2021 form's requests table, from tests/data/aligned/raw-010.pdflayoutblank.truth.json
# (平潭综合实验区 2022: blanks where the truth is null) ---------------------------------------------

# The leaf header cells' left edges (Word's layout of the table: 自然人 … 总计).
LEAVES = {"自然人": 206.0, "商业企": 251.0, "科研机": 295.0, "社会公": 338.0, "法律服": 382.0, "其他": 432.0,
          "总计": 475.0}
CENTRES = [x + (31.5 if len(w) == 3 else 10.5) / 2 + (5.25 if len(w) == 2 else 0) for w, x in LEAVES.items()]


def prose_top() -> list[Char]:
    return (put("平潭综合实验区2022年政府信息公开工作年度报告", 120, 40)
            + put("一、总体情况", 57, 70) + put("二、主动公开政府信息情况", 57, 90)
            + put("三、收到和处理政府信息公开申请情况", 57, 130))


def requests_header(top: float = 160.0) -> list[Char]:
    return (put("申请人情况", 327, top) + put("（本列数据的勾稽关系为：", 65, top + 25)
            + put("法人或其他组织", 317, top + 25) + put("第一项加第二项之和，等于", 65, top + 40)
            + put("第三项加第四项之和）", 76, top + 55) + put("自然人", 206, top + 55) + put("总计", 475, top + 55)
            + put("商业企", 251, top + 65) + put("科研机", 295, top + 65) + put("社会公", 338, top + 65)
            + put("法律服", 382, top + 65) + put("其他", 432, top + 73)
            + put("业", 261.5, top + 80) + put("构", 305.5, top + 80) + put("益组织", 338, top + 80)
            + put("务机构", 382, top + 80))


def values(row: list[str | None], y: float, shift: float = 0.0) -> list[Char]:
    """A row's values, each centred under its column (``None``: a blank cell)."""
    out: list[Char] = []
    for v, c in zip(row, CENTRES, strict=True):
        if v is not None:
            out += centred(v, c + shift, y)
    return out


ROWS_2021 = [  # (label lines, values) of raw-010's first rows; "|" parts stand in the second label column
    (["一、本年新收政府信息公开", "    申请数量"], ["71", "3", None, None, None, None, "74"]),
    (["二、上年结转政府信息公开", "    申请数量"], ["1", None, None, None, None, None, "1"]),
    (["三、本|（一）予以公开", "年度办"], ["21", None, None, None, None, None, "21"]),
    (["理结果|（二）部分公开", "|（区分处理的，只", "|计这一情形，不计", "|其他情形）"],
     ["8", "1", None, None, None, None, "9"]),
]


def table_rows(rows, top: float, shifts: dict[int, float] | None = None) -> list[Char]:
    """Rows 40 points apart plus 15 a wrapped line; a row's values stand level with its second
    label line (vertically centred), or its first when it has one."""
    out: list[Char] = []
    y = top
    for i, (labels, row) in enumerate(rows):
        for k, line in enumerate(labels):
            for part, x in zip(line.split("|"), (65, 107), strict=False):
                out += put(part.strip(), x + 10 * (len(part) - len(part.lstrip())) / 4, y + 15 * k)
        out += values(row, y + 15 * min(1, len(labels) - 1) - (7.5 if len(labels) == 2 else 0),
                      (shifts or {}).get(i, 0.0))
        y += 15 * len(labels) + 30
    return out


def test_unruled_2021_table_values_and_blanks_certain_by_position(monkeypatch):
    chars = prose_top() + requests_header() + table_rows(ROWS_2021, 270)
    ex = layout([page(1, chars)])
    (grid,) = [g for g in ex.grids if g.n_cols == 8]
    assert grid.inferred
    got = [[c.text if c else None for c in r] for r in grid.rows()]
    # no header row: 法人或其他组织 spans columns (where a group's columns end the text does not say)
    assert got[0] == ["一、本年新收政府信息公开申请数量", "71", "3", "", "", "", "", "74"]  # the wrapped label joined
    assert got[3] == ["理结果 （二）部分公开（区分处理的，只计这一情形，不计其他情形）", "8", "1", "", "", "", "", "9"]
    cell = grid.rows()[0][1]
    assert cell.page == 1 and cell.box is not None and ex.text[cell.start:cell.end] == "71"
    report = parse_pages(monkeypatch, [page(1, chars)])
    assert report.meta.input is InputKind.PDF and report.format.value == "form2021"
    truth = json.loads((DATA / "aligned" / "raw-010.pdflayoutblank.truth.json").read_text("utf-8"))["values"]
    rows = ("new_received", "carried_over", "granted", "partially_granted")
    keys = [k for k in truth if k.split(".")[0] == "requests" and k.split(".")[1] in rows]
    assert len(keys) == 28
    for key in keys:
        c = report.cell(key)
        assert c is not None and c.certain, key
        if truth[key] is None:
            assert c.value.kind is ValueKind.BLANK, key  # a certain blank, never 0
        else:
            assert c.value.number == Decimal(truth[key]), key


def test_a_value_between_two_columns_is_never_certain(monkeypatch):
    # "3" moved 22 points right: it stands between 商业企业 and 科研机构, under neither. No row of
    # the page then proves its columns by position (only a full row's count would): no grid, and
    # the text reader's placement of the row is a guess
    chars = prose_top() + requests_header() + table_rows(ROWS_2021, 270)
    moved = [c if c.ch != "3" or c.y0 > 300 else Char("3", c.x0 + 22, c.y0, c.x1 + 22, c.y1) for c in chars]
    assert not [g for g in layout([page(1, moved)]).grids if g.n_cols >= 8]
    report = parse_pages(monkeypatch, [page(1, moved)])
    for col in ("natural_person", "commercial", "research", "social_welfare"):
        c = report.cell(f"requests.new_received.{col}")
        assert c is None or not c.certain, col
    total = report.cell("requests.new_received.total")
    assert total is not None and total.value.number == 74


def test_continued_page_keeps_the_columns_only_where_its_values_stand_under_them(monkeypatch):
    first = prose_top() + requests_header() + table_rows(ROWS_2021[:2], 270) + put("- 1 -", 290, 800)
    aligned = table_rows(ROWS_2021[2:], 60) + put("- 2 -", 290, 800)
    ex = layout([page(1, first), page(2, aligned)])
    (grid,) = [g for g in ex.grids if g.n_cols == 8]
    row = next(r for r in grid.rows() if r[0] is not None and "部分公开" in r[0].text)
    assert [c.text for c in row[1:]] == ["8", "1", "", "", "", "", "9"] and row[1].page == 2
    # the same rows shifted on the next page: no position proves their columns there
    shifted = table_rows(ROWS_2021[2:], 60, {0: 20.0, 1: 20.0}) + put("- 2 -", 290, 800)
    ex = layout([page(1, first), page(2, shifted)])
    (grid,) = [g for g in ex.grids if g.n_cols > 2]
    row = next(r for r in grid.rows() if r[0] is not None and "部分公开" in r[0].text)
    assert all(c is None for c in row[1:8])
    report = parse_pages(monkeypatch, [page(1, first), page(2, shifted)])
    c = report.cell("requests.partially_granted.research")
    assert c is None or not c.certain


def test_a_ruled_table_never_takes_the_unruled_path():
    xs, ys = [60.0, 200.0, 245.0, 290.0], [200.0, 230.0, 260.0]
    rules = [Rule(False, x, ys[0], ys[-1]) for x in xs] + [Rule(True, y, xs[0], xs[-1]) for y in ys]
    chars = put("信息内容", 65, 205) + put("自然人", 205, 205) + put("总计", 250, 205) + put("规章", 65, 235)
    chars += put("1", 210, 235) + put("1", 255, 235)
    (grid,) = layout([page(1, chars, rules)]).grids
    assert not grid.inferred


# --- a pre-2019 sheet, from tests/data/aligned/raw-005.pdflayoutblank.truth.json (平潭综合实验区 2018) ---


def sheet_page() -> Page:
    unit, value = 300.0, 430.0
    chars = (put("平潭综合实验区2018年度政府信息公开工作年度报告", 120, 40) + put("六、政府信息公开情况统计表", 57, 70)
             + put("统计指标", 110, 110) + put("单位", unit, 110) + put("统计数", value, 110))
    rows = [(["一、主动公开情况"], "——", "——"),
            (["（一）主动公开政府信息数", "（不同渠道和方式公开相同信", "息计1条）"], "条", "2069"),
            (["（二）通过不同渠道和方式公", "开政府信息的情况"], "——", "——"),
            (["1.政府公报公开政府信息数"], "条", None),
            (["2.政府网站公开政府信息数"], "条", "2069"),
            (["二、依申请公开情况"], "——", "——"),
            (["（一）收到申请数"], "件", None),
            (["1.当面申请数"], "件", None)]
    y = 145.0
    for labels, u, v in rows:
        mid = y + 15 * (len(labels) - 1) / 2
        for k, part in enumerate(labels):
            chars += put(part, 62, y + 15 * k)
        chars += centred(u, unit + 10.5, mid)
        if v is not None:
            chars += centred(v, value + 15.75, mid)
        y += 15 * len(labels) + 30
    return page(1, chars)


def test_unruled_sheet_is_read_with_its_wrapped_labels(monkeypatch):
    ex = layout([sheet_page()])
    assert "2069" in ex.text and "统计指标" in ex.text
    report = parse_pages(monkeypatch, [sheet_page()])
    assert report.format.value == "pre2019"
    total = report.cell("sheet.proactive_total")
    assert total is not None and total.certain and total.value.number == 2069
    site = report.cell("sheet.via_website")
    assert site is not None and site.certain and site.value.number == 2069
    for key in ("sheet.via_gazette", "sheet.requests_received", "sheet.requests_in_person"):
        c = report.cell(key)
        assert c is None or not c.certain or c.value.kind is ValueKind.BLANK, key  # never a 0 made up


# --- a real PDF with its rules dropped (the pdf extra) -------------------------------------------------


@pytest.mark.parametrize("name", ["raw-003.pdf", "raw-003.pdfblank.pdf", "html-005.pdf"])
def test_real_pdf_read_without_its_rules(monkeypatch, name):
    pytest.importorskip("pypdfium2", reason='PDF reading needs the extra: pip install -e ".[test,pdf]"')
    import zhgov_report._pdf as pdf

    monkeypatch.setattr(pdf, "_rules", lambda page, height: iter(()))  # every table unruled
    report = parse((DATA / "corpus" / name).read_bytes())
    truth = json.loads((DATA / "corpus" / f"{name}.truth.json").read_text("utf-8"))
    assert report.format.value == truth["format"]
    certain = {c.key: c for t in report.tables for c in t.cells if c.certain}
    for key, want in truth["values"].items():
        c = certain.get(key)
        if c is not None and want is None:
            assert c.value.kind is ValueKind.BLANK or c.value.number == 0, key
        elif c is not None:
            assert c.value.number == Decimal(want), key
    nonblank = [k for k, v in truth["values"].items() if v is not None]
    covered = [k for k in nonblank if k in certain]
    assert len(covered) >= 0.95 * len(nonblank)
    assert any(c.page is not None and c.box is not None for c in certain.values())


# --- a real unruled PDF: the pages above written as a PDF file (a CJK font PDF readers know
# without embedding it: STSong-Light, UCS-2 codes), read back through PDFium ---------------------


def pdf_file(chars: list[Char], size: float = CW) -> bytes:
    """A one-page PDF showing ``chars`` (runs of adjacent characters, one text object each) and
    drawing no rule at all."""
    shows = [f"BT /F1 {size} Tf {x:.2f} {842 - y - size * 0.88:.2f} Td <{s.encode('utf-16-be').hex()}> Tj ET"
             for s, x, y in _runs(chars)]
    stream = "\n".join(shows).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 /W [1 95 500] >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -120 1000 880] /ItalicAngle 0 "
        b"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _runs(chars: list[Char]) -> list[tuple[str, float, float]]:
    runs: list[list[Char]] = []
    for c in chars:
        if runs and abs(runs[-1][-1].x1 - c.x0) < 0.01 and runs[-1][-1].y0 == c.y0:
            runs[-1].append(c)
        else:
            runs.append([c])
    return [("".join(c.ch for c in r), r[0].x0, r[0].y0) for r in runs]


def test_a_real_unruled_pdf_file():
    pytest.importorskip("pypdfium2", reason='PDF reading needs the extra: pip install -e ".[test,pdf]"')
    report = parse(pdf_file(prose_top() + requests_header() + table_rows(ROWS_2021, 270)))
    assert report.meta.input is InputKind.PDF and report.format.value == "form2021"
    truth = json.loads((DATA / "aligned" / "raw-010.pdflayoutblank.truth.json").read_text("utf-8"))["values"]
    for row in ("new_received", "carried_over", "granted", "partially_granted"):
        for col in ("natural_person", "commercial", "research", "other_org", "total"):
            key = f"requests.{row}.{col}"
            c = report.cell(key)
            assert c is not None and c.certain and c.page == 1, key
            want = truth[key]
            assert c.value.kind is ValueKind.BLANK if want is None else c.value.number == Decimal(want), key
    sheet = parse(pdf_file(sheet_page().chars))
    total = sheet.cell("sheet.proactive_total")
    assert total is not None and total.certain and total.value.number == 2069


def test_hostile_positions_are_bounded():
    """Characters without width or height, or placed far off the page, make no huge text and no error."""
    flat = [Char(ch, 60 + i, 100, 60 + i, 100) for i, ch in enumerate("自然人")]
    far = [Char("1", 1e12, 100, 1e12 + 5, 100), Char("2", -1e12, 100, -1e12 + 5, 100)]
    chars = flat + far + put("总计", 300, 140) + put("规章", 60, 180) + put("7", 300, 180)
    ex = layout([page(1, [*chars, Char("8", 9e15, 180, 9e15, 180)])])
    assert len(ex.text) < 20_000 and "总计" in ex.text and "8" in ex.text


def test_numbers_in_neighbouring_columns_never_run_together():
    # 3 and 0 under 商业企业 and 科研机构 pushed 4 points apart (narrow columns, no padding): two values
    chars = prose_top() + requests_header() + table_rows(ROWS_2021, 270)
    row = [Char("3", 283.0, 275.0, 288.25, 285.5), Char("0", 292.25, 275.0, 297.5, 285.5)]
    chars = [c for c in chars if not (c.ch == "3" and 270 < c.y0 < 300)] + row
    ex = layout([page(1, chars)])
    assert "30" not in ex.text.split()
