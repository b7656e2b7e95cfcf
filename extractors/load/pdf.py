"""PDF: paragraphs rebuilt from text lines, tables from ruling lines, in reading order per page.

Pages are routed by one pypdfium2 survey (pdf_survey): every page's characters and boxes come
from pdfium; pdfplumber is opened only for the pages that draw lines or name table header words,
to read their tables; pages with no text layer go to OCR. Each page records how it was read
(`Page.method`). A table that runs on over the next page (same columns, first thing on that
page) is stitched into one Table, its repeated header dropped.

The steps, one module each: pdf_survey (pypdfium2 pass, sideways pages turned), pdf_page (one
page's text lines from pdf_lines and tables from pdf_tables or pdf_text_tables), pdf_assemble
(paragraphs across lines and pages, tables stitched by stitch).
"""

from __future__ import annotations

import contextlib
import io

import pdfplumber

from extractors.document import Document, LoadError
from extractors.load.ocr import load_scanned_pdf, ocr_available
from extractors.load.pdf_assemble import assemble
from extractors.load.pdf_page import OCR, PageLayout, read_page
from extractors.load.pdf_survey import Survey, one_line, rewritten, survey

NO_TEXT_LAYER = "no text layer; install jixiao[ocr]"


def load_pdf(data: bytes, ocr: bool = True) -> Document:
    """The PDF's pages as a Document; image-only pages through OCR when `ocr` and the extra allow.
    The OCR engine (onnxruntime, OpenCV: ~70 MB) is imported only for a file with such a page."""
    surveyed = survey(data)
    if not any(surveyed.has_text):
        if ocr and ocr_available():
            scanned = load_scanned_pdf(data)
            scanned.title = scanned.title or surveyed.title
            for page in scanned.pages:
                page.method = OCR
            return scanned
        raise LoadError(NO_TEXT_LAYER, n_pages=len(surveyed.pages))
    try:
        layouts = _read_pages(surveyed)
    except Exception as exc:  # pdfminer raises many unrelated types on broken files
        raise LoadError(f"corrupt PDF: {one_line(exc)}") from exc
    missing = [layout.page.number for layout in layouts if not layout.page.has_text]
    blocks = assemble(layouts)
    warnings = []
    if missing and ocr and ocr_available():  # a mixed file: read the image-only pages by OCR, in page order
        scanned = load_scanned_pdf(data, pages=missing)
        blocks = sorted(blocks + scanned.blocks, key=lambda b: b.page or 0)
        warnings = scanned.warnings
        for layout in layouts:
            if not layout.page.has_text:
                layout.page.method = OCR
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


def _read_pages(surveyed: Survey) -> list[PageLayout]:
    """Every page's layout; pdfplumber opens the file on the first page that may hold a table."""
    with contextlib.ExitStack() as stack:
        opened: list[pdfplumber.PDF] = []

        def open_plumber(number: int) -> pdfplumber.page.Page:
            if not opened:
                pdf = stack.enter_context(pdfplumber.open(io.BytesIO(surveyed.upright)))
                if len(pdf.pages) != len(surveyed.pages):  # pdfminer misread a broken xref pdfium repaired
                    pdf = stack.enter_context(pdfplumber.open(io.BytesIO(rewritten(surveyed.upright))))
                opened.append(pdf)
            return opened[0].pages[number - 1]

        return [read_page(page, open_plumber) for page in surveyed.pages]
