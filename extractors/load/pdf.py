"""PDF: paragraphs rebuilt from text lines, tables from ruling lines, in reading order per page.

Pages are routed by one pypdfium2 survey (pdf_survey): every page's characters and boxes come
from pdfium; the pages that draw lines or name table header words have their tables found by
pdfplumber's table finder over pdfium's paths and characters (pdfminer parses no page); pages
with no text layer go to OCR. Each page records how it was read
(`Page.method`). A table that runs on over the next page (same columns, first thing on that
page) is stitched into one Table, its repeated header dropped.

The steps, one module each: pdf_survey (pypdfium2 pass, sideways pages turned: text lines from
pdf_lines, tables from pdf_tables or pdf_text_tables on a pdf_table_page of pdf_paths' lines),
pdf_page (one page's tables and the lines outside them), pdf_assemble (paragraphs across lines
and pages, tables stitched by stitch).
"""

from __future__ import annotations

from extractors.document import Document, LoadError
from extractors.load.ocr import load_scanned_pdf, ocr_available
from extractors.load.pdf_assemble import assemble
from extractors.load.pdf_page import OCR, read_page
from extractors.load.pdf_survey import survey

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
    layouts = [read_page(page) for page in surveyed.pages]
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
