"""pdf_chars takes each character's unicode from the page's text in one call and its matrix and
font size once per text object: checked against pdfium asked character by character."""

import ctypes
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from extractors.load.pdf_chars import page_chars

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PDFS = [*sorted((CORPUS / "samples").glob("*.pdf")), CORPUS / "seed" / "seed.pdf"]


def _pages(path: Path) -> Iterator[tuple[pdfium.PdfPage, pdfium.PdfTextPage]]:
    pdf = pdfium.PdfDocument(path)
    for index in range(len(pdf)):
        page = pdf[index]
        yield page, page.get_textpage()


@pytest.mark.parametrize("path", PDFS, ids=lambda path: path.name)
def test_the_page_text_gives_every_characters_unicode(path: Path) -> None:
    for page, text_page in _pages(path):
        text = text_page.get_text_range()
        assert len(text) == text_page.count_chars()  # one letter a character on these pages
        # a text that is not (as where pdfium leaves out control characters) has pdfium asked for each
        assert page_chars(page, text_page, text) == page_chars(page, text_page, text + "?")


@pytest.mark.parametrize("path", PDFS, ids=lambda path: path.name)
def test_the_characters_of_a_text_object_share_its_matrix_and_font_size(path: Path) -> None:
    matrix = pdfium_c.FS_MATRIX()
    objects = chars = 0
    for _page, text_page in _pages(path):
        styles: dict[int | None, tuple[float, ...]] = {}
        for index in range(text_page.count_chars()):
            if pdfium_c.FPDFText_IsGenerated(text_page, index):
                continue
            drawn_by = ctypes.cast(pdfium_c.FPDFText_GetTextObject(text_page, index), ctypes.c_void_p).value
            assert drawn_by
            pdfium_c.FPDFText_GetMatrix(text_page, index, ctypes.byref(matrix))
            style = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
            style += (pdfium_c.FPDFText_GetFontSize(text_page, index),)
            assert styles.setdefault(drawn_by, style) == style
            chars += 1
        objects += len(styles)
    assert chars > 2 * objects > 0  # text objects of many characters were compared
