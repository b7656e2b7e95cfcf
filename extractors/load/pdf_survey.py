"""The one pass over a PDF with pypdfium2: every page's text lines with the boxes of their
characters, the tables of the pages that draw lines or carry a line of table header words, the
metadata title, and sideways pages turned upright so that their text reads left to right.

The characters come out as pdfplumber-style dicts (pdf_chars: text, x0, x1, top, bottom, size,
upright, in points from the top-left corner of the page as shown), clustered into text lines by pdfplumber's
rules (pdf_lines): reading them is ~30x faster than pdfminer parsing the page's content stream. On a page
that may hold a table they and the page's painted paths (pdf_paths) go to pdfplumber's table
finder (pdf_table_page), so pdfminer parses no page. Characters are let go page by page, so a
long report never holds all of them.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.document import LoadError
from extractors.load.pdf_chars import Char, page_chars
from extractors.load.pdf_lines import Line, text_lines
from extractors.load.pdf_paths import page_paths
from extractors.load.pdf_spaces import drawn_spaces
from extractors.load.pdf_table_page import TablePage
from extractors.load.pdf_tables import PageTable, find_tables
from extractors.load.pdf_text_tables import find_text_tables, may_head_table
from extractors.load.settings import PDF_SETTINGS, PdfSettings
from extractors.progress import reading_page
from extractors.text.normalise import normalise_text


@dataclass
class PageSurvey:
    """What one pypdfium2 look at a page tells: enough to route it (text only, tables, OCR)."""

    number: int  # 1-based
    width_pt: float  # as shown (after /Rotate)
    height_pt: float
    has_text: bool
    lines: list[Line] = field(default_factory=list)  # in pdfplumber's reading order
    # None: the page draws no grid and names no table header words, so it was not looked at for tables
    tables: list[PageTable] | None = None


@dataclass(frozen=True)
class Survey:
    pages: list[PageSurvey]
    title: str | None
    upright: bytes  # the file with every page turned so that its text reads left to right (for page images)

    @property
    def has_text(self) -> list[bool]:
        return [page.has_text for page in self.pages]


def survey(data: bytes, settings: PdfSettings = PDF_SETTINGS) -> Survey:
    """Every page surveyed, the metadata title, and the file with sideways pages turned upright;
    LoadError for encrypted or broken files."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise LoadError("encrypted PDF (password required)") from exc
        raise LoadError(f"corrupt PDF: {one_line(exc)}") from exc
    try:
        if len(pdf) == 0:
            raise LoadError("corrupt PDF: no pages")
        pages, turned = [], False
        for index in range(len(pdf)):
            reading_page(index + 1)  # a document stopped by a limit names the page it was on
            page = pdf[index]
            text_page = page.get_textpage()
            text = text_page.get_text_range()
            has_text = bool(text.strip())
            if has_text:
                chars, turn = _upright_chars(page, text_page, text, settings)
            else:  # the characters a page without text has (none, or blanks) still decide its turn
                chars, turn = [], _turn_upright(page, text_page, settings)
            turned = turned or turn
            pages.append(_survey_page(page, chars, has_text, index + 1, settings))
            text_page.close()
            page.close()
        title = (pdf.get_metadata_dict().get("Title") or "").strip() or None
        upright = data
        if turned:
            buffer = io.BytesIO()
            pdf.save(buffer)
            upright = buffer.getvalue()
        return Survey(pages, normalise_text(title) if title else None, upright)
    except pdfium.PdfiumError as exc:
        raise LoadError(f"corrupt PDF: {one_line(exc)}") from exc
    finally:
        pdf.close()


def _upright_chars(
    page: pdfium.PdfPage, text_page: pdfium.PdfTextPage, text: str, settings: PdfSettings
) -> tuple[list[Char], bool]:
    """The page's characters, the page first turned so that its text reads upright; whether it was
    turned. On a page shown unrotated whose characters all lie upright each one's angle is 0, so
    no turn is needed and the angles are not sampled: the characters are read once, and read again
    only on a page that was turned."""
    chars, upright = page_chars(page, text_page, text)
    if upright or not _turn_upright(page, text_page, settings):
        return chars, False
    return page_chars(page, text_page, text)[0], True


def _turn_upright(page: pdfium.PdfPage, text_page: pdfium.PdfTextPage, settings: PdfSettings) -> bool:
    """Turn the page so that most of its text reads upright; whether it was turned."""
    turn = _turn_to_upright(text_page, page.get_rotation(), settings.angle_samples)
    if turn:
        page.set_rotation((page.get_rotation() + turn) % 360)
    return bool(turn)


def _survey_page(
    page: pdfium.PdfPage, chars: list[Char], has_text: bool, number: int, settings: PdfSettings
) -> PageSurvey:
    """`chars` are the page's (page_chars); `has_text` whether pdfium reads any text off it."""
    width, height = page.get_size()
    surveyed = PageSurvey(number, width, height, has_text=has_text)
    if not surveyed.has_text:
        return surveyed
    surveyed.lines = text_lines(chars, number, settings)
    draws_lines = _path_segments(page) >= settings.min_grid_path_segments
    if draws_lines or any(may_head_table(line.text) for line in surveyed.lines):
        table_page = TablePage(number, (width, height), chars, page_paths(page), drawn_spaces(page))
        ruled = table_page.lines or table_page.rects
        surveyed.tables = (find_tables(table_page) if ruled else []) or find_text_tables(table_page)
    return surveyed


def _path_segments(page: pdfium.PdfPage) -> int:
    """Segments of the page's paths; a form XObject counts as many (its paths are not listed)."""
    segments = 0
    for index in range(pdfium_c.FPDFPage_CountObjects(page)):
        item = pdfium_c.FPDFPage_GetObject(page, index)
        kind = pdfium_c.FPDFPageObj_GetType(item)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            return 1 << 30
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            segments += max(0, pdfium_c.FPDFPath_CountSegments(item))
    return segments


def _turn_to_upright(text_page: pdfium.PdfTextPage, rotation: int, samples: int) -> int:
    """Degrees clockwise to add to the page's /Rotate so that most of its text reads upright: a
    landscape table drawn sideways on a portrait page, or a /Rotate that leaves the text on its side.
    pdfium gives each character's angle clockwise in the unrotated page, a quarter turn per step."""
    count = text_page.count_chars()
    quarters: Counter[int] = Counter()
    for index in range(0, count, max(1, count // samples)):
        if chr(pdfium_c.FPDFText_GetUnicode(text_page, index)).isspace():
            continue  # generated spaces and line breaks carry no angle of their own
        angle = pdfium_c.FPDFText_GetCharAngle(text_page, index)
        if angle >= 0:
            quarters[round(angle / (math.pi / 2)) % 4] += 1
    if not quarters:
        return 0
    shown_at = (quarters.most_common(1)[0][0] * 90 + rotation) % 360
    return (360 - shown_at) % 360


def one_line(exc: BaseException) -> str:
    """The error's message on one line, short enough for a LoadError."""
    return " ".join(str(exc).split())[:200] or type(exc).__name__
