"""The result model and flatten() on the seeds: meta keys, missing tables, never zeros."""

from __future__ import annotations

import pickle

import pytest

import zhgov_report
from zhgov_report import Format, Severity, flatten, parse

from .conftest import seed_text


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_meta_keys_always_present(seed):
    flat = flatten(parse(seed_text(seed)))
    for key in ("meta.format", "meta.year", "meta.agency", "meta.title"):
        assert key in flat
    assert flat["meta.format"] in {f.value for f in Format}


@pytest.mark.parametrize("seed", ["000", "002"])
def test_tables_published_as_images_are_missing_not_zero(seed):
    report = parse(seed_text(seed))
    missing = {d.path for d in report.diagnostics_with("TABLE_MISSING")}
    assert {"active", "requests", "appeals"} <= missing
    assert not report.tables
    flat = flatten(report, uncertain=True)
    assert not [k for k in flat if not k.startswith("meta.")]


def test_report_is_frozen_hashable_and_picklable():
    report = parse(seed_text("001"))
    assert report == parse(seed_text("001"))
    hash(report)
    assert pickle.loads(pickle.dumps(report)) == report
    with pytest.raises(AttributeError):
        report.format = Format.UNKNOWN  # type: ignore[misc]


def test_diagnostics_have_registered_codes_and_severities():
    from zhgov_report.diagnostics import CODES

    for seed in ("000", "001", "002", "003", "004"):
        for d in parse(seed_text(seed)).diagnostics:
            assert d.code in CODES
            assert isinstance(d.severity, Severity)
            assert d.message


def test_sections_of_a_post2019_report():
    report = parse(seed_text("002"))
    keys = [s.key for s in report.sections if s.key]
    assert keys == ["overview", "active", "requests", "appeals", "problems", "other"]
    overview = report.sections[0]
    assert overview.text.startswith("(一)主动公开情况") or overview.text.startswith("（一）主动公开情况")


def test_public_api_is_exported():
    for name in zhgov_report.__all__:
        assert hasattr(zhgov_report, name)
