"""The diagnostic codes: stable strings, one declaration each, grouped by the stage that emits them.

A code never changes meaning once released. The documentation's list of codes is generated from
:data:`CODES`, so a code added here is documented by its ``description``.
"""

from __future__ import annotations

import attrs

from .models import Diagnostic, Severity, Span

__all__ = ["CODES", "Code", "make"]


@attrs.frozen(slots=True)
class Code:
    """A diagnostic code: its stage, default severity and what it means."""

    code: str
    stage: str
    severity: Severity
    description: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

_ALL = (
    # intake -------------------------------------------------------------------------------
    Code("DECODE_GUESSED", "intake", _I, "Bytes were decoded with an encoding guessed from their content."),
    Code("DECODE_REPLACED", "intake", _W,
         "Some bytes were not valid in the encoding used and were replaced by U+FFFD; the message says how "
         "many runs of them and the byte offset of the first."),
    Code("EMPTY_INPUT", "intake", _E, "The input holds no text."),
    Code("DOC_LEGACY", "intake", _E,
         "The bytes are a legacy Word .doc (OLE2) file, which is not read: save it as .docx or PDF."),
    Code("DOCX_UNREADABLE", "intake", _E,
         "A Word file whose zip or XML cannot be read (damaged, not well-formed, or an XML document type "
         "declaration, refused as a possible entity bomb)."),
    Code("DOCX_TOO_LARGE", "intake", _E,
         "A Word file whose document part is beyond the bounds read (too many members, inflating past "
         "the size limit or at a zip-bomb ratio): not inflated."),
    Code("PDF_ENCRYPTED", "intake", _E, "The PDF is encrypted and cannot be read without its password."),
    Code("PDF_NO_TEXT", "intake", _E,
         "The PDF has no text layer (a scan): its text would need OCR, which this library does not do."),
    Code("PDF_UNREADABLE", "intake", _E, "The PDF is damaged or cannot be opened."),
    Code("PDF_ROW_CUT", "intake", _W,
         "A table row at a page's end runs on below the table's drawn frame (the PDF export cut it, and "
         "text may be missing): the row is left unread, its values unknown rather than taken for blanks."),
    Code("PDF_RULES_SKIPPED", "intake", _W,
         "A PDF page draws more rules, or a table more cells, than are read as tables (a bound against hostile "
         "files): the page's text was read as prose."),
    Code("PDF_TRUNCATED", "intake", _W, "The PDF has more pages than are read; the pages past the bound were not."),
    Code("BINARY_UNKNOWN", "intake", _E,
         "The bytes are a binary file of a kind this library does not read; they were not decoded as text."),
    Code("HTML_TRUNCATED", "intake", _W,
         "An HTML page's markup is far longer than any real report page; only its beginning was read."),
    Code("HTML_CHARSET_MISMATCH", "intake", _W,
         "An HTML page's bytes are not in the charset it declares; they were decoded as the bytes show."),
    # detect -------------------------------------------------------------------------------
    Code("FORMAT_UNKNOWN", "detect", _W,
         "No template fingerprint matched and the report year does not decide the layout."),
    Code("FORMAT_CONFLICT", "detect", _W,
         "Fingerprints of more than one layout matched; the layout with the strongest evidence was chosen."),
    Code("FORMAT_BY_YEAR", "detect", _I,
         "No table fingerprint matched; the layout was decided by the report year."),
    Code("YEAR_MISSING", "detect", _W, "The year the report covers could not be found in the text."),
    # tables (post-2019) ----------------------------------------------------------------------
    Code("TABLE_MISSING", "tables", _W,
         "A template table is absent from the text (published as an image, or an attachment that was "
         "not scraped). Its values are unknown, not zero."),
    Code("TABLE_DUPLICATE", "tables", _W,
         "The same template table appears more than once; the best-read copy was used and the others "
         "were kept out of the values."),
    Code("ROW_MISSING", "tables", _W, "A template row was not found in a table that is otherwise present."),
    Code("ROW_UNRECOGNISED", "tables", _W,
         "A row with values that the template does not know; kept with its label, not mapped to any key."),
    Code("ROW_UNREADABLE", "tables", _W,
         "A row's values could not be read: more values than the template has columns, text where a "
         "number belongs, or digits glued across cells with no single arithmetic-proven split."),
    Code("ROW_DUPLICATE", "tables", _W, "A template row appears twice in one table; the first was used."),
    Code("ROW_CUT_SHORT", "tables", _W,
         "A row runs to the end of the text with fewer values than columns and nothing marks its end: "
         "the text may have been cut off, so the cells it does not show are uncertain, not blank."),
    Code("ROW_END_UNPROVEN", "tables", _W,
         "Nothing in the text marks where a row ends: a row written one cell per line is followed by a "
         "label further down the template, or by none before the table's last row (a row between is not "
         "in the text); a statistics-sheet row with fewer cells than columns is followed by text that is "
         "not a row label (a damaged cell, a wrapped label's second line, a stray value), or a grid row "
         "has no cell under a value column. The cells it does not show may be elsewhere, so its cells "
         "placed by arithmetic or left blank are uncertain."),
    Code("EXTRA_COLUMN", "tables", _I,
         "The table carries a column the official template lacks (e.g. 法人或其他组织小计); it was read "
         "and checked but has no flat key."),
    Code("VALUE_UNIT", "tables", _I, "A unit written in a cell was recorded with the value."),
    Code("VALUE_UNIT_MISMATCH", "tables", _W, "A unit contradicts the unit the template gives for that row."),
    Code("REGION_TRUNCATED", "tables", _W,
         "The text after a table's heading is far longer than any real table; only its beginning was read."),
    Code("CELL_UNREADABLE", "tables", _W,
         "A table cell where a value belongs (at its grid position) holds text that is not a value; the "
         "cell is unknown, neither blank nor zero."),
    Code("DIGITS_SPLIT", "tables", _I,
         "Digits glued across cells were split at the only places the arithmetic allows."),
    # recovery -----------------------------------------------------------------------------
    Code("PLACEMENT_AMBIGUOUS", "recovery", _W,
         "A row lost the positions of its values and more than one placement satisfies every applicable "
         "identity; its cells are uncertain and hold the most plausible placement."),
    Code("PLACEMENT_INCONSISTENT", "recovery", _W,
         "No placement of a table's values satisfies every identity; the named identities were not used "
         "to place values."),
    Code("PLACEMENT_BOUND", "recovery", _W,
         "The search for placements exceeded its bound; the affected cells are reported uncertain."),
    # checks -------------------------------------------------------------------------------
    Code("CHECK_FAILED", "checks", _W, "A hard arithmetic identity of the template does not hold."),
    Code("SOFT_CHECK_FAILED", "checks", _I,
         "A soft identity (one that real reports often break) does not hold."),
    Code("NEGATIVE_VALUE", "checks", _W, "A count that must be non-negative is negative (A6)."),
    # sheet (pre-2019) -------------------------------------------------------------------------
    Code("SHEET_ROW_UNMAPPED", "sheet", _I,
         "Statistics-sheet rows whose meaning no flat key covers; kept in the table with their "
         "label path, not in the flat dict."),
    Code("SHEET_COLUMNS_UNKNOWN", "sheet", _W,
         "A statistics sheet's value columns are not 统计数, 本年 or 历年累计 (or it has no header and "
         "more than one value column); values in other columns are kept in the rows and mapped to no "
         "key."),
    Code("SHEET_ROW_CUT", "sheet", _W,
         "The text ends inside the statistics sheet's last row, before it shows a cell per column; "
         "the row's values are kept, none of them certain."),
    Code("SHEET_HEADER_MISSING", "sheet", _I,
         "A statistics sheet without its header row was found by its rows; its value columns were inferred."),
    # prose --------------------------------------------------------------------------------
    Code("AGENCY_MISSING", "prose", _I, "The issuing body could not be found in the text."),
    Code("SECTION_MISSING", "prose", _I, "A section of the template was not found in the text."),
    Code("PROSE_TRUNCATED", "prose", _I,
         "The text is far longer than any real report; figures were read from its beginning only."),
    Code("HEADINGS_TRUNCATED", "prose", _W,
         "The text has more numbered headings than any real report; only the first were read as sections."),
    Code("FIGURE_CONFLICT", "prose", _W,
         "The prose states one quantity twice with different values (e.g. two request counts); neither "
         "figure is kept."),
)

#: Every code by name.
CODES: dict[str, Code] = {c.code: c for c in _ALL}


def make(
    code: str,
    message: str,
    *,
    span: Span | None = None,
    path: str | None = None,
    severity: Severity | None = None,
) -> Diagnostic:
    """Build a :class:`Diagnostic` for a registered code (an unknown code is a programming error)."""
    spec = CODES[code]
    return Diagnostic(code, severity or spec.severity, message, path=path, span=span)
