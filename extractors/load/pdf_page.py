"""One PDF page read into its tables (ruled, else borderless) and the text lines outside them,
in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field

import pdfplumber

from extractors.document import Page
from extractors.load.pdf_lines import Line, drop_page_numbers, text_lines
from extractors.load.pdf_tables import PageTable, find_tables
from extractors.load.pdf_text_tables import find_text_tables


@dataclass
class PageLayout:
    page: Page
    items: list[Line | PageTable] = field(default_factory=list)  # in reading order


def read_page(page: pdfplumber.page.Page, has_text: bool) -> PageLayout:
    layout = PageLayout(
        Page(number=page.page_number, width=page.width, height=page.height, has_text=has_text)
    )
    if not has_text:
        return layout
    tables = (find_tables(page) if (page.lines or page.rects) else []) or find_text_tables(page)
    lines = [line for line in text_lines(page) if not any(table.holds(line) for table in tables)]
    lines = drop_page_numbers(lines)
    items: list[Line | PageTable] = [*lines, *tables]
    layout.items = sorted(items, key=lambda item: item.top)
    page.close()  # drop pdfplumber's per-page object cache: long reports otherwise hold every page
    return layout
