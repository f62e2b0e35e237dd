"""The issuing body (``meta.agency``): every place a report names itself, in a declared order of trust.

A report names its agency in its title (``平潭综合实验区2020年度政府信息公开工作年度报告``), in a
name line beside the title, in metadata lines a site or crawler wrote (``发布机构:…``), in the
contact sentence (``如对本报告有疑问，请与…联系``), in its opening (``…编制完成了本报告``,
``2023年，河北省科学技术厅坚持…``), in the signature above the date, and in a crawler's
``来源:`` line. :data:`TRUST` lists these places, most trusted first; the first place that gives a
clean name decides.

A ``来源`` (source) line is trusted least: it names the site that carries the page, often another body
than the report's author (a county government hosting a zone's report).

Every name is cleaned (:func:`clean`) of the year and report words and of the office within the
agency that answers questions (``…政府信息公开工作领导小组办公室``), and refused when it cannot be an
agency's full name: a fragment that starts with an administrative level (``区管委会办公室`` is the
zone's office, written without the zone's name), or a word such as ``我局``. ``None`` rather than a
wrong name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

import regex

from ._intake import Source
from ._values import ORDINALS, YEAR_DIGITS
from .models import AgencySource, Span

__all__ = ["TRUST", "Found", "Named", "clean", "find_agency"]

_HEAD = 20_000  #: names are looked for in the opening of the text ...
_TAIL = 4_000  #: ... and signatures in its last part (and around the attachment)
_META_HEAD = 5_000  #: metadata lines and the preamble stand in the first few thousand characters
_SCAN = 400_000  #: the contact sentence is looked for this far (it may close a long report)

_ORG_SUFFIX = (
    r"(?:委员会|人民政府|政府|管委会|办公室|办公厅|办事处|街道|局|厅|委|办|署|院|镇|乡|中心|公司|集团|部|处|所|站|队"
    r"|区|县|市|州|盟|旗|会|馆)"
)
ORG = rf"(?:(?![我本该其此现特])[\p{{Han}}()]{{1,36}}?{_ORG_SUFFIX})"

# A line holding only an organisation's name (beside the title, or above the signature date).
_ORG_LINE = regex.compile(rf"(?m)^[ \t#]*(?P<a>{ORG})[ \t]*$")
_BODY_START = regex.compile(rf"(?m)^[ \t]*(?:根据|依据|按照|本报告|本年度报告|[{ORDINALS}]{{1,2}}[、.])")
_METADATA = regex.compile(
    rf"(?:发布机构|发文机关|发布单位|发布部门|发文单位|公开主体)[ \t]{{0,2}}[:=][ \t]{{0,2}}(?P<a>{ORG})(?=[\s|,;]|$)"
)
_CONTACT = regex.compile(
    r"(?:请与|请联系|请咨询|联系单位\s{0,2}:)\s{0,2}(?P<a>[\p{Han}()]{2,60}?)"
    r"(?:\s{0,2}联系|(?=\s{0,2}(?:[,;。(:]|联系电话|电话)))"
)
# ``…要求，永嘉县经济和信息化局编制完成了…`` / ``由平潭综合实验区纪工委编制的…``
_COMPILED_BY = regex.compile(rf"(?:(?<=[,。、;:])|(?<=要求)|由)\s{{0,2}}(?P<a>{ORG})\s{{0,2}}(?:特|现)?编\s?制")
_OPENING_VERB = (
    r"(?:坚持|深入|认真|紧紧|全面|进一步|积极|始终|持续|围绕|高度|严格|大力|扎实|不断|继续|贯彻|落实|着力|聚焦|以习近平"
    r"|按照|紧扣|牢牢|切实|主动)"
)
# ``2023年，河北省科学技术厅坚持…``: the year, a comma, the agency and the verb of the report's first sentence.
_OPENING = regex.compile(
    rf"(?:19|20)\d{{2}}\s{{0,2}}年度?\s{{0,2}}[,，]\s{{0,2}}(?P<a>{ORG})\s{{0,2}}(?={_OPENING_VERB})"
)
_SIGNATURE = regex.compile(
    rf"(?m)^[ \t]*(?P<a>{ORG})[ \t]*(?:\n(?:[ \t]*\n){{0,3}}[ \t(]*|[ \t]+)"
    rf"(?:(?:19|20)\d{{2}}|[{YEAR_DIGITS}]{{4}})\s{{0,2}}年"
)
_ATTACHMENT_LINE = regex.compile(r"(?m)^[ \t]*附\s?[件表]")

# Cleaning: year and report words, and the office within the agency that answers questions.
_YEAR_WORDS = regex.compile(r"^(?:关于|(?:19|20)\d{2}年度?)|(?:(?:19|20)\d{2}年度?|年度|关于)$")
_REPORT_WORDS = regex.compile(
    r"(?:(?:政府|政务)?信息公开(?:工作)?(?:情况)?(?:的)?(?:年度报告|年报|工作报告|报告)|年度报告|年报)$"
)
_DESK = regex.compile(
    r"(?:的)?(?:政府信息公开|政务信息公开|政务公开|信息公开)(?:工作)?(?:领导小组)?(?:办公室|办)?$"
    r"|(?<=[局委])办公室$"
)
_SUB_UNIT = regex.compile(r"(?<=办公室)[\p{Han}]{1,12}[处科组股]$")
# A name that cannot be an agency's full name: it starts with an administrative level or an
# institution word (the place's name left out), with a pronoun or preposition (``我局``, ``在省…``), or
# with a word such as 本, 全, 各 before a level (``本局``, ``全区``; but 本溪市 and 全椒县 are places).
_LEVEL = "省市县区镇乡州旗盟局委厅办院部处科室所站队会机单"
_FRAGMENT = regex.compile(
    rf"^(?:[省市县区镇乡州旗盟]|管委会|人民政府|政府|办公室|委员会|领导小组|党工委|纪工委|[我该其此现在对由]"
    rf"|[本全各将特][{_LEVEL}])"
)
_MIN_CHARS = 3


class Named(NamedTuple):
    """A place where the text names its agency: the name as written and its offsets."""

    raw: str
    start: int
    end: int


class Found(NamedTuple):
    """The agency: its cleaned name, where it stands (``None`` for the caller's title) and which
    place of :data:`TRUST` gave it."""

    name: str
    span: Span | None
    source: AgencySource


def _strip(pattern: regex.Pattern[str], name: str) -> str:
    """``name`` with ``pattern``'s matches at its ends removed until none is left (bounded)."""
    for _ in range(4):
        shorter = str(pattern.sub("", name))
        if shorter == name:
            break
        name = shorter
    return name


def clean(raw: str) -> str | None:
    """The agency's name in ``raw``: without spaces, year and report words, nor the office that
    answers questions; ``None`` when what is left cannot be an agency's full name."""
    name = "".join(raw.split()).strip("()")
    name = _strip(_YEAR_WORDS, _strip(_REPORT_WORDS, name))
    name = _strip(_DESK, str(_SUB_UNIT.sub("", name)))
    if len(name) < _MIN_CHARS or _FRAGMENT.match(name) is not None or name.endswith("度"):
        return None
    return name


def _named(m: regex.Match[str] | None, group: str = "a") -> Named | None:
    if m is None:
        return None
    return Named(str(m.group(group)), m.start(group), m.end(group))


# ---- the places, each a function of the text giving the names it holds, in text order ----------


def _name_line(text: str) -> Iterator[Named]:
    """A line holding only a name, before the body starts."""
    head = text[:_HEAD]
    body = _BODY_START.search(head)
    zone = head[: body.start() if body is not None else min(len(head), 2_000)]
    for m in _ORG_LINE.finditer(zone):
        yield Named(str(m.group("a")), m.start("a"), m.end("a"))


def _labelled(pattern: regex.Pattern[str]) -> Callable[[str], Iterator[Named]]:
    def names(text: str) -> Iterator[Named]:
        for m in pattern.finditer(text, 0, min(len(text), _META_HEAD)):
            yield Named(str(m.group("a")), m.start("a"), m.end("a"))

    return names


def _contact(text: str) -> Iterator[Named]:
    for m in _CONTACT.finditer(text, 0, min(len(text), _SCAN)):
        yield Named(str(m.group("a")), m.start("a"), m.end("a"))


def _preamble(text: str) -> Iterator[Named]:
    """The preamble's ``…要求，X编制完成了本报告`` (the report says who wrote it)."""
    found = _named(_COMPILED_BY.search(text, 0, min(len(text), _META_HEAD)))
    if found is not None:
        yield found


def _opening(text: str) -> Iterator[Named]:
    """The first sentence's ``2023年，X坚持…``."""
    for m in _OPENING.finditer(text, 0, min(len(text), _HEAD)):
        yield Named(str(m.group("a")), m.start("a"), m.end("a"))


def _signature(text: str) -> Iterator[Named]:
    """The name above (or before) the date that closes the text, or closes it before an attachment."""
    tail_start = max(0, len(text) - _TAIL)
    last = None
    for m in _SIGNATURE.finditer(text, tail_start):
        last = m
    if last is None and len(text) > _TAIL:
        att = _ATTACHMENT_LINE.search(text, max(0, len(text) - 4 * _TAIL))
        if att is not None:
            last = _SIGNATURE.search(text, att.start(), min(len(text), att.start() + _TAIL))
    found = _named(last)
    if found is not None:
        yield found


#: The places a report names its agency, most trusted first (the title comes before all of them:
#: see :func:`find_agency`).
TRUST: tuple[tuple[AgencySource, Callable[[str], Iterator[Named]]], ...] = (
    (AgencySource.NAME_LINE, _name_line),
    (AgencySource.METADATA, _labelled(_METADATA)),
    (AgencySource.PREAMBLE, _preamble),
    (AgencySource.CONTACT, _contact),
    (AgencySource.OPENING, _opening),
    (AgencySource.SIGNATURE, _signature),
)


def _first_clean(names: Iterator[Named]) -> tuple[str, Named] | None:
    for named in names:
        name = clean(named.raw)
        if name is not None:
            return name, named
    return None


def _span(src: Source, name: str, named: Named) -> Span:
    """Where the cleaned name stands: inside the name as written when it is found there as it is."""
    at = named.raw.find(name)
    if at < 0:
        return src.span(named.start, named.end)
    return src.span(named.start + at, named.start + at + len(name))


def find_agency(src: Source, given: Sequence[Named], in_title: Sequence[Named]) -> Found | None:
    """The agency, from the first place that names it cleanly: the title the caller gave
    (``given``: the names it holds, offsets into that title), the title in the text
    (``in_title``), then each place of :data:`TRUST` in turn."""
    got = _first_clean(iter(given))
    if got is not None:
        return Found(got[0], None, AgencySource.GIVEN_TITLE)
    got = _first_clean(iter(in_title))
    if got is not None:
        return Found(got[0], _span(src, *got), AgencySource.TITLE)
    for source, names in TRUST:
        got = _first_clean(names(src.text))
        if got is not None:
            return Found(got[0], _span(src, *got), source)
    return None
