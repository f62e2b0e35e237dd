"""Sphinx configuration for zhgov_report.

Build (warnings are errors, as in CI; no network is needed):

    python -m sphinx -W --keep-going -b html docs docs/_build/html

The reference pages (fields, checks, diagnostic codes, command-line help) are generated from the
code at build time by the extension in ``docs/_ext/zhgov_docs.py`` into ``docs/generated/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(DOCS / "_ext"))

from zhgov_report import __version__  # noqa: E402

project = "zhgov_report"
author = "zhgov_report contributors"
copyright = "2026, zhgov_report contributors"
version = release = __version__

extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.viewcode", "zhgov_docs"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
nitpicky = False
exclude_patterns = ["_build", "generated", "recipes", "_ext"]
html_theme = "alabaster"
# A wider page than the theme's 940 px: code blocks of up to 86 columns fit beside the sidebar
# (tests/test_docs.py holds every code block to that width).
html_theme_options = {"page_width": "1160px"}
language = "en"
