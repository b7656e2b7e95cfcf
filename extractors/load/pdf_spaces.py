"""The spaces a page draws as text objects of their own (no ink: a space or blanks only). pdfium's
text page leaves them out and generates a space of its own where it sees a gap between
characters (whether the file drew one there or not); pdfminer reads them as space characters,
and pdfplumber ends its words at them, so its table cells read "1.66 分" where the file drew the
space and "①项目" where it did not."""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.load.pdf_placement import Placement
from extractors.load.settings import PDF_SETTINGS, PdfSettings


def drawn_spaces(page: pdfium.PdfPage, settings: PdfSettings = PDF_SETTINGS) -> list[tuple[float, float]]:
    """Where each blank text object of the page starts, in pdfplumber's coordinates (its baseline)."""
    placement = Placement(page)
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    bounds = [ctypes.byref(value) for value in (left, bottom, right, top)]
    spaces = []
    for index in range(pdfium_c.FPDFPage_CountObjects(page)):
        item = pdfium_c.FPDFPage_GetObject(page, index)
        if pdfium_c.FPDFPageObj_GetType(item) != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(item, *bounds):
            continue
        no_ink = settings.blank_text_pt
        if right.value - left.value < no_ink and top.value - bottom.value < no_ink:
            spaces.append(placement.point(left.value, bottom.value))
    return spaces
