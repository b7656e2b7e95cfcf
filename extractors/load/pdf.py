"""PDF: paragraphs rebuilt from text lines, tables from ruling lines, in reading order per page.

pypdfium2 opens the file first (fast and robust: encryption, corruption and pages without a text
layer show up here); pdfplumber then reads the line geometry of pages that have text, and looks
for tables only on pages that draw lines or rectangles. A table that runs on over the next page
(same columns, first thing on that page) is stitched into one Table, its repeated header dropped.

The steps, one module each: pdf_survey (pypdfium2 pass, sideways pages turned), pdf_page (one
page's text lines from pdf_lines and tables from pdf_tables or pdf_text_tables), pdf_assemble
(paragraphs across lines and pages, tables stitched by pdf_stitch).
"""

from __future__ import annotations

import io

import pdfplumber

from extractors.document import Document, LoadError
from extractors.load.ocr import load_scanned_pdf, ocr_available
from extractors.load.pdf_assemble import assemble
from extractors.load.pdf_page import PageLayout, read_page
from extractors.load.pdf_survey import one_line, rewritten, survey

NO_TEXT_LAYER = "no text layer; install jixiao[ocr]"


def _read_pages(data: bytes, has_text: list[bool]) -> list[PageLayout] | None:
    """Every page's layout, or None when pdfplumber does not see the pages pdfium saw."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if len(pdf.pages) != len(has_text):
            return None
        return [read_page(page, text) for page, text in zip(pdf.pages, has_text, strict=True)]


def load_pdf(data: bytes, ocr: bool = True) -> Document:
    """The PDF's pages as a Document; image-only pages through OCR when `ocr` and the extra allow."""
    ocr = ocr and ocr_available()
    surveyed = survey(data)
    if not any(surveyed.has_text):
        if ocr:
            scanned = load_scanned_pdf(data)
            scanned.title = scanned.title or surveyed.title
            return scanned
        raise LoadError(NO_TEXT_LAYER, n_pages=len(surveyed.has_text))
    try:
        layouts = _read_pages(surveyed.upright, surveyed.has_text)
        if layouts is None:  # pdfminer misread a broken xref that pdfium repaired: read pdfium's copy
            layouts = _read_pages(rewritten(surveyed.upright), surveyed.has_text)
    except Exception as exc:  # pdfminer raises many unrelated types on broken files
        raise LoadError(f"corrupt PDF: {one_line(exc)}") from exc
    if layouts is None:
        raise LoadError("corrupt PDF: pages unreadable")
    missing = [layout.page.number for layout in layouts if not layout.page.has_text]
    blocks = assemble(layouts)
    warnings = []
    if missing and ocr:  # a mixed file: read the image-only pages by OCR, in page order
        scanned = load_scanned_pdf(data, pages=missing)
        blocks = sorted(blocks + scanned.blocks, key=lambda b: b.page or 0)
        warnings = scanned.warnings
    elif missing:
        pages = (
            f"page {missing[0]} has" if len(missing) == 1 else f"pages {', '.join(map(str, missing))} have"
        )
        warnings.append(f"{pages} no text layer; install jixiao[ocr]")
    return Document(
        source_format="pdf",
        blocks=blocks,
        pages=[layout.page for layout in layouts],
        title=surveyed.title,
        warnings=warnings,
    )
