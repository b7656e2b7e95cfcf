"""One PDF page read into its tables (ruled, else borderless) and the text lines outside them,
in reading order, both from the pdfium survey (which found the tables on pages that draw a grid
or carry a line of table header words)."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.document import Page
from extractors.load.pdf_lines import Line, drop_page_numbers
from extractors.load.pdf_survey import PageSurvey
from extractors.load.pdf_tables import PageTable

TEXT = "pdfium"  # text and boxes from the survey only
TABLES = "pdfium+pdfplumber"  # and pdfplumber's table finder over pdfium's paths and characters
IMAGE_ONLY = "none"  # no text layer, not read by OCR
OCR = "ocr"


@dataclass
class PageLayout:
    page: Page
    items: list[Line | PageTable] = field(default_factory=list)  # in reading order


def read_page(surveyed: PageSurvey) -> PageLayout:
    page = Page(
        number=surveyed.number,
        width=surveyed.width_pt,
        height=surveyed.height_pt,
        has_text=surveyed.has_text,
        method=TEXT if surveyed.has_text else IMAGE_ONLY,
    )
    layout = PageLayout(page)
    if not surveyed.has_text:
        return layout
    tables: list[PageTable] = surveyed.tables or []
    if surveyed.tables is not None:
        page.method = TABLES
    lines = drop_page_numbers(
        [line for line in surveyed.lines if not any(table.holds(line) for table in tables)]
    )
    items: list[Line | PageTable] = [*lines, *tables]
    layout.items = sorted(items, key=lambda item: item.top)
    return layout
