"""The one pass over a PDF with pypdfium2: every page's text lines with the boxes of their
characters, the tables of the pages that draw lines or carry a line of table header words, the
metadata title, and sideways pages turned upright so that their text reads left to right.

The characters come out as pdfplumber-style dicts (text, x0, x1, top, bottom, size, upright, in
points from the top-left corner of the page as shown), clustered into text lines by pdfplumber's
rules (pdf_lines): reading them is ~30x faster than pdfminer parsing the page's content stream. On a page
that may hold a table they and the page's painted paths (pdf_paths) go to pdfplumber's table
finder (pdf_table_page), so pdfminer parses no page. Characters are let go page by page, so a
long report never holds all of them.
"""

from __future__ import annotations

import ctypes
import io
import math
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.document import LoadError
from extractors.load.pdf_lines import Line, text_lines
from extractors.load.pdf_paths import page_paths
from extractors.load.pdf_placement import Placement
from extractors.load.pdf_spaces import drawn_spaces
from extractors.load.pdf_table_page import TablePage
from extractors.load.pdf_tables import PageTable, find_tables
from extractors.load.pdf_text_tables import find_text_tables, may_head_table
from extractors.load.settings import PDF_SETTINGS, PdfSettings
from extractors.progress import reading_page
from extractors.text.normalise import normalise_text

_BREAKS = {ord("\r"), ord("\n")}
_NOT_A_CHAR = {0, 0xFFFE, 0xFFFF, *_BREAKS}
_SPACE = ord(" ")

Char = dict  # pdfplumber's char shape: text, x0, x1, top, bottom, size, upright (and descent, space_after)


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
            has_text = bool(text_page.get_text_range().strip())
            if has_text:
                chars, turn = _upright_chars(page, text_page, settings)
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
    page: pdfium.PdfPage, text_page: pdfium.PdfTextPage, settings: PdfSettings
) -> tuple[list[Char], bool]:
    """The page's characters, the page first turned so that its text reads upright; whether it was
    turned. On a page shown unrotated whose characters all lie upright each one's angle is 0, so
    no turn is needed and the angles are not sampled: the characters are read once, and read again
    only on a page that was turned."""
    chars, upright = page_chars(page, text_page)
    if upright or not _turn_upright(page, text_page, settings):
        return chars, False
    return page_chars(page, text_page)[0], True


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


def page_chars(page: pdfium.PdfPage, text_page: pdfium.PdfTextPage) -> tuple[list[Char], bool]:
    """The page's characters in pdfplumber's shape, and whether the page is shown unrotated with
    every character upright (`_upright_chars`). A char's box runs from its origin the advance
    width along the baseline, and one font size up from the baseline (`box_top`, `bottom`).
    `top` is the baseline itself: lines are clustered by `top` (pdf_lines), and the baseline is
    what characters of one line share whatever their fonts' descents (pdfium and pdfminer disagree
    on those); `descent` is how far below the baseline the font's box reaches, for pdfplumber's
    table cells (pdf_table_page). Spaces pdfium generates are left out (it places
    them in the order the file draws, not on the page; words are told apart by the gaps between
    them), marked as `space_after` on the character before them."""
    placement = Placement(page)
    chars: list[Char] = []
    x, y = ctypes.c_double(), ctypes.c_double()
    box, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    # ~10 000 characters a page: the raw handle and the functions bound once (ctypes lookups add up)
    raw = text_page.raw
    unicode_of, generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    origin_of, box_of = pdfium_c.FPDFText_GetCharOrigin, pdfium_c.FPDFText_GetLooseCharBox
    matrix_of, size_of = pdfium_c.FPDFText_GetMatrix, pdfium_c.FPDFText_GetFontSize
    x_ref, y_ref, box_ref, matrix_ref = (
        ctypes.byref(x),
        ctypes.byref(y),
        ctypes.byref(box),
        ctypes.byref(matrix),
    )
    unrotated = placement.rotation == 0
    upright_only = unrotated
    left, bottom, height = placement.left, placement.bottom, placement.height
    for index in range(text_page.count_chars()):
        code = unicode_of(raw, index)
        # pdfium generates only spaces and line breaks; asking costs more than the rest together
        if code in _NOT_A_CHAR:
            # 0 and U+FFFE/U+FFFF are no blanks: the angles that turn a page count theirs
            upright_only = upright_only and code in _BREAKS
            continue
        if code == _SPACE and generated(raw, index):
            if chars:  # where the file draws a space, or only leaves a gap: table cells tell (pdf_table_page)
                chars[-1]["space_after"] = True
            continue
        box_of(raw, index, box_ref)
        matrix_of(raw, index, matrix_ref)
        size = size_of(raw, index) * math.hypot(matrix.c, matrix.d)
        if unrotated and matrix.b == matrix.c == 0 and matrix.a > 0 < matrix.d and size > 0:
            # upright text: the origin is the loose box's left on the text object's baseline
            # (FPDFText_GetCharOrigin would take 25 µs a character); written out here, not in a
            # function, as this runs for nearly every character
            x0 = box.left - left
            baseline = height - (matrix.f - bottom)
            chars.append(
                {
                    "text": chr(code),
                    "x0": x0,
                    "x1": max(box.right - left, x0),
                    "top": baseline,
                    "doctop": baseline,
                    "bottom": baseline,
                    "box_top": baseline - size,
                    "descent": max(0.0, matrix.f - box.bottom),
                    "size": size,
                    "upright": True,
                }
            )
            continue
        upright_only = False
        origin_of(raw, index, x_ref, y_ref)
        along = _unit(matrix.a, matrix.b)
        up = _unit(matrix.c, matrix.d)
        if size <= 0 or along is None or up is None:
            continue
        loose_corners = [
            (cx - x.value, cy - y.value) for cx in (box.left, box.right) for cy in (box.bottom, box.top)
        ]
        advance = max(dx * along[0] + dy * along[1] for dx, dy in loose_corners)
        descent = max(0.0, -min(dx * up[0] + dy * up[1] for dx, dy in loose_corners))
        corners = [
            placement.point(x.value + a * along[0] + v * up[0], y.value + a * along[1] + v * up[1])
            for a in (0.0, max(advance, 0.0))
            for v in (0.0, size)
        ]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        start, end = corners[0], corners[2]  # the baseline's start and end as shown
        upright = end[0] - start[0] > abs(end[1] - start[1])
        baseline = start[1] if upright else min(ys)  # pdfplumber lines up sideways chars by x
        chars.append(
            {
                "text": chr(code),
                "x0": min(xs),
                "x1": max(xs),
                "top": baseline,
                "doctop": baseline,  # pdfplumber's word maker reads it (table cells); pages are read one at a time
                "bottom": max(ys),
                "box_top": min(ys),
                "descent": descent,
                "size": size,
                "upright": upright,
            }
        )
    return chars, upright_only


def _unit(dx: float, dy: float) -> tuple[float, float] | None:
    length = math.hypot(dx, dy)
    return (dx / length, dy / length) if length else None


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
