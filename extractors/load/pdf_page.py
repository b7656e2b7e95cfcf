"""One PDF page read into its tables (ruled, else borderless) and the text lines outside them,
in reading order. Text lines come from the pdfium survey; pdfplumber's geometry is read only for
pages that draw a grid or carry a line of table header words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pdfplumber

from extractors.document import Page
from extractors.load.pdf_lines import Line, drop_page_numbers
from extractors.load.pdf_survey import PageSurvey
from extractors.load.pdf_tables import PageTable, find_tables
from extractors.load.pdf_text_tables import find_text_tables, may_head_table

TEXT = "pdfium"  # text and boxes from the survey only
TABLES = "pdfium+pdfplumber"  # and pdfplumber's ruling lines and cells
IMAGE_ONLY = "none"  # no text layer, not read by OCR
OCR = "ocr"


@dataclass
class PageLayout:
    page: Page
    items: list[Line | PageTable] = field(default_factory=list)  # in reading order


def read_page(surveyed: PageSurvey, open_plumber: Callable[[int], pdfplumber.page.Page]) -> PageLayout:
    """`open_plumber(number)` opens the same page with pdfplumber, called only where a table can be."""
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
    lines = surveyed.lines
    tables: list[PageTable] = []
    if surveyed.draws_lines or any(may_head_table(line.text) for line in lines):
        page.method = TABLES
        plumber_page = open_plumber(surveyed.number)
        ruled = plumber_page.lines or plumber_page.rects
        tables = (find_tables(plumber_page) if ruled else []) or find_text_tables(plumber_page)
        plumber_page.close()  # drop pdfplumber's per-page object cache: long reports hold every page
    lines = drop_page_numbers([line for line in lines if not any(table.holds(line) for table in tables)])
    items: list[Line | PageTable] = [*lines, *tables]
    layout.items = sorted(items, key=lambda item: item.top)
    return layout
