"""The renditions a generator cannot write itself: Word 97 `.doc` (by LibreOffice) and a photo-like
PNG of the first page (pdfium renders the generated PDF)."""

from __future__ import annotations

import io

import pypdfium2 as pdfium

from extractors.load.legacy import convert_with_libreoffice
from tests.generator.model import Report
from tests.generator.render_docx import render_docx
from tests.generator.render_pdf import render_pdf

PNG_DPI = 150


def render_doc(report: Report) -> bytes:
    """The DOCX saved as Word 97 by LibreOffice, by way of ODT: LibreOffice 7.4 drops the tables of
    a python-docx DOCX exported to .doc directly, not of the same document opened as ODT."""
    odt = convert_with_libreoffice(render_docx(report), ".docx", "odt", timeout=120)
    return convert_with_libreoffice(odt, ".odt", "doc", timeout=120)


def render_png(report: Report) -> bytes:
    """Page 1 of the PDF as a 150 dpi greyscale picture, as a scanner would save the form."""
    pdf = pdfium.PdfDocument(render_pdf(report))
    try:
        picture = pdf[0].render(scale=PNG_DPI / 72, grayscale=True).to_pil()
    finally:
        pdf.close()
    out = io.BytesIO()
    picture.save(out, "PNG", dpi=(PNG_DPI, PNG_DPI))
    return out.getvalue()
