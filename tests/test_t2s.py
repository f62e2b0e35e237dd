"""The Traditional→Simplified map: its generator on committed OpenCC excerpts, the generated module
against the same excerpts, and normalisation of Traditional, Simplified and mixed text."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhgov_report import _t2s, flatten, parse
from zhgov_report._intake import _reads_traditional, normalise

ROOT = Path(__file__).resolve().parent.parent
OPENCC = Path(__file__).parent / "data" / "opencc"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_t2s", ROOT / "scripts" / "gen_t2s.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_t2s", module)
    spec.loader.exec_module(module)
    return module


gen = _generator()


def _excerpt(name: str) -> dict[str, list[str]]:
    result: dict[str, list[str]] = gen.read_dictionary((OPENCC / name).read_text(encoding="utf-8"))
    return result


@pytest.fixture(scope="module")
def tables():
    return gen.build(*((OPENCC / n).read_text(encoding="utf-8") for n in gen.FILES))


FIRM = dict(zip(_t2s.FIRM_FROM, _t2s.FIRM_TO, strict=True))
DOUBTFUL = dict(zip(_t2s.DOUBTFUL_FROM, _t2s.DOUBTFUL_TO, strict=True))


# -- the generator on the excerpts ---------------------------------------------------------------


def test_firm_characters_take_the_first_candidate(tables):
    assert tables.firm == {
        "㗲": "𠵾", "佈": "布", "區": "区", "國": "国", "報": "报", "數": "数", "發": "发", "臺": "台",
        "複": "复", "鍾": "钟", "開": "开", "隻": "只", "麼": "么", "𠁞": "𠀾", "𠗣": "㓆",
    }


def test_characters_that_are_also_simplified_are_doubtful(tables):
    # 乾, 於: OpenCC lists the character among its own candidates (麼's are 么 and 麽, not itself);
    # 後: in GB 2312; 緼: a key of STCharacters.txt (OpenCC converts it as a Simplified character)
    assert tables.doubtful == {"乾": "干", "於": "于", "後": "后", "緼": "缊"}


def test_a_character_whose_default_is_itself_maps_nothing(tables):
    for ch in "覆瞭㑮":
        assert ch not in tables.firm and ch not in tables.doubtful


def test_simplified_evidence_is_what_opencc_always_writes_otherwise(tables):
    # 于, 后, 台 keep themselves among their Traditional candidates; 緼 is also a Traditional key
    assert tables.simplified_only == "".join(sorted("区发国开报数缊"))


def test_phrases_are_keyed_as_they_read_after_the_character_map(tables):
    assert tables.phrases == {
        "答覆": "答复", "反覆": "反复", "瞭解": "了解",  # the default keeps 覆, 瞭
        "干隆": "乾隆", "干坤": "乾坤",  # the default changes 乾, the phrase keeps it
        "干紅": "干红", "一坏": "一坯", "二噁英": "二𫫇英",  # 紅, 噁 are not in the excerpt's map
    }


def test_generated_module_renders_deterministically(tables):
    text = gen.render(tables, ["    (provenance)"])
    assert text == gen.render(tables, ["    (provenance)"])
    namespace: dict[str, object] = {}
    exec(compile(text, "<generated>", "exec"), namespace)
    assert dict(zip(namespace["FIRM_FROM"], namespace["FIRM_TO"], strict=True)) == tables.firm
    assert namespace["PHRASES"] == tables.phrases


# -- the generated module against the excerpts -----------------------------------------------------


@pytest.mark.parametrize(("key", "candidates"), sorted(_excerpt("TSCharacters.txt").items()))
def test_generated_module_holds_each_excerpt_line(tables, key, candidates):
    assert FIRM.get(key) == tables.firm.get(key)
    assert DOUBTFUL.get(key) == tables.doubtful.get(key)
    if key in FIRM or key in DOUBTFUL:
        assert (FIRM | DOUBTFUL)[key] == candidates[0]


@pytest.mark.parametrize(("key", "candidates"), sorted(_excerpt("TSPhrases.txt").items()))
def test_generated_module_holds_each_excerpt_phrase(key, candidates):
    """What the generator makes of the line with the whole character map is in the module."""
    expected = gen.phrase_map({key: candidates}, FIRM | DOUBTFUL)
    assert {k: _t2s.PHRASES.get(k) for k in expected} == expected
    if not expected:  # the character map already gives the phrase's conversion
        converted = "".join((FIRM | DOUBTFUL).get(ch, ch) for ch in key)
        assert converted == candidates[0] or len(converted) != len(candidates[0])


def test_generated_module_is_the_generator_output():
    """The module was written by the generator (not edited): rendering its own tables gives it back."""
    source = (ROOT / "src" / "zhgov_report" / "_t2s.py").read_text(encoding="utf-8")
    provenance = [ln for ln in source.splitlines() if ln.startswith(("    OpenCC commit", "    data/dictionary/"))]
    assert len(provenance) == 4 and "Apache License 2.0" in source
    own = gen.Tables(FIRM, DOUBTFUL, _t2s.SIMPLIFIED_ONLY, _t2s.PHRASES)
    assert gen.render(own, provenance) == source


def test_generated_map_is_one_to_one_and_never_maps_simplified():
    assert all(len(k) == len(v) == 1 and k != v for k, v in (FIRM | DOUBTFUL).items())
    assert not set(FIRM) & set(DOUBTFUL)
    assert not any(gen.in_gb2312(k) for k in FIRM)
    assert not set(FIRM) & set(_t2s.SIMPLIFIED_ONLY)
    assert all(len(k) == len(v) for k, v in _t2s.PHRASES.items())


# -- normalisation ---------------------------------------------------------------------------------


def test_traditional_text_reads_as_simplified():
    text = "政府信息公開行政複議、行政訴訟情況 | 答覆數 | 關於 | 反覆申請 | 乾隆"
    assert normalise(text) == "政府信息公开行政复议、行政诉讼情况 | 答复数 | 关于 | 反复申请 | 乾隆"


def test_simplified_text_keeps_its_doubtful_characters():
    text = "本机关於2020年乾隆路办公,後续答覆反覆申请"
    assert not _reads_traditional(text)
    assert normalise(text) == text


def test_a_few_traditional_characters_in_simplified_text_are_mapped_alone():
    text = "本机关转来國务院文件於政府信息公开工作年度报告"
    assert not _reads_traditional(text)
    assert normalise(text) == "本机关转来国务院文件於政府信息公开工作年度报告"


def test_reads_traditional_weighs_both_scripts():
    assert _reads_traditional("平潭綜合實驗區")
    assert not _reads_traditional("政府信息公开")
    assert not _reads_traditional("國发")  # one each: not more Traditional than Simplified
    assert not _reads_traditional("")


def test_the_evidence_is_counted_over_the_whole_text():
    header = "发布机构: 某某区政府办公室\n" * 5  # a crawler's Simplified lines
    body = "關於答覆的說明：本機關於2021年答覆申請3件，" * 20_000  # beyond the first chunk
    assert normalise(header + body).endswith("关于答复的说明:本机关于2021年答复申请3件,")
    late = "政府信息公开工作年度报告发布" * 10_000 + "關於"  # a Traditional word late in Simplified text
    assert normalise(late).endswith("关於")


_ALPHABET = _t2s.FIRM_FROM[:200] + _t2s.DOUBTFUL_FROM + "答覆瞭解乾隆政府公开发布 |\n\r,，１2"


@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_normalise_keeps_length_and_maps_every_firm_character(text):
    norm = normalise(text)
    assert len(norm) == len(text)
    assert not set(norm) & set(FIRM)


@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_normalised_text_is_simplified_and_stays_so(text):
    norm = normalise(text)
    assert normalise(norm) == norm


@pytest.mark.parametrize("name", ["raw-009", "html-002"])
def test_a_traditional_report_in_big5_reads_as_its_text(name):
    """Big5 (the Traditional encoding) decodes and reads the same; characters Big5 lacks (爲, 衆: OpenCC's
    Traditional forms, not Taiwan's) become ``?`` and carry no value."""
    text = (Path(__file__).parent / "data" / "corpus" / f"{name}.traditional.txt").read_text(encoding="utf-8")
    report = parse(text.encode("big5", errors="replace"))
    assert report.meta.encoding == "big5"
    values = {k: v for k, v in flatten(report).items() if not k.startswith("meta.")}
    assert values == {k: v for k, v in flatten(parse(text)).items() if not k.startswith("meta.")}
