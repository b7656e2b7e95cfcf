"""The one pass over a PDF with pypdfium2: every page's text lines with the boxes of their
characters, whether it draws enough lines for a ruled table (so pdfplumber is opened only where a
table can be), the metadata title, and sideways pages turned upright so that their text reads left
to right.

The characters come out as pdfplumber-style dicts (text, x0, x1, top, bottom, size, upright, in
points from the top-left corner of the page as shown), so pdfplumber's own line clustering reads
them: reading them is ~30x faster than pdfminer parsing the page's content stream. They are
clustered into lines page by page and let go, so a long report never holds all its characters.
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
from extractors.load.settings import PDF_SETTINGS, PdfSettings
from extractors.text.normalise import normalise_text

_NOT_A_CHAR = {0, 0xFFFE, 0xFFFF, ord("\r"), ord("\n")}
_SPACE = ord(" ")

Char = dict  # pdfplumber's char shape: text, x0, x1, top, bottom, size, upright


@dataclass
class PageSurvey:
    """What one pypdfium2 look at a page tells: enough to route it (text only, tables, OCR)."""

    number: int  # 1-based
    width_pt: float  # as shown (after /Rotate)
    height_pt: float
    has_text: bool
    lines: list[Line] = field(default_factory=list)  # in pdfplumber's reading order
    draws_lines: bool = False  # more path segments than one rectangle: a ruled grid is possible


@dataclass(frozen=True)
class Survey:
    pages: list[PageSurvey]
    title: str | None
    upright: bytes  # the file with every page turned so that its text reads left to right

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
            page = pdf[index]
            text_page = page.get_textpage()
            turn = _turn_to_upright(text_page, page.get_rotation(), settings.angle_samples)
            if turn:
                page.set_rotation((page.get_rotation() + turn) % 360)
                turned = True
            pages.append(_survey_page(page, text_page, index + 1, settings))
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


def _survey_page(
    page: pdfium.PdfPage, text_page: pdfium.PdfTextPage, number: int, settings: PdfSettings
) -> PageSurvey:
    width, height = page.get_size()
    has_text = bool(text_page.get_text_range().strip())
    return PageSurvey(
        number=number,
        width_pt=width,
        height_pt=height,
        has_text=has_text,
        lines=text_lines(page_chars(page, text_page), number, width, height) if has_text else [],
        draws_lines=_path_segments(page) >= settings.min_grid_path_segments,
    )


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


class _Placement:
    """Unrotated PDF user space -> the page as shown: origin top-left, y down, /Rotate applied."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        left, bottom, right, top = page.get_mediabox()
        self.left, self.bottom = left, bottom
        self.width, self.height = right - left, top - bottom
        self.rotation = page.get_rotation() % 360

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.left, y - self.bottom
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.width - x, y
        if self.rotation == 270:
            return self.height - y, self.width - x
        return x, self.height - y


def page_chars(page: pdfium.PdfPage, text_page: pdfium.PdfTextPage) -> list[Char]:
    """The page's characters in pdfplumber's shape. A char's box runs from its origin the
    advance width along the baseline, and one font size up from the baseline (`box_top`,
    `bottom`). `top` is the baseline itself: pdfplumber clusters lines by `top`, and the
    baseline is what characters of one line share whatever their fonts' descents (pdfium and
    pdfminer disagree on those). Spaces pdfium generates are left out: it places them in the
    order the file draws, not on the page; words are told apart by the gaps between them."""
    placement = _Placement(page)
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
    left, bottom, height = placement.left, placement.bottom, placement.height
    for index in range(text_page.count_chars()):
        code = unicode_of(raw, index)
        # pdfium generates only spaces and line breaks; asking costs more than the rest together
        if code in _NOT_A_CHAR or (code == _SPACE and generated(raw, index)):
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
                    "size": size,
                    "upright": True,
                }
            )
            continue
        origin_of(raw, index, x_ref, y_ref)
        along = _unit(matrix.a, matrix.b)
        up = _unit(matrix.c, matrix.d)
        if size <= 0 or along is None or up is None:
            continue
        advance = max(
            (cx - x.value) * along[0] + (cy - y.value) * along[1]
            for cx in (box.left, box.right)
            for cy in (box.bottom, box.top)
        )
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
                "doctop": baseline,  # pdfplumber's line maker reads it; pages are read one at a time
                "bottom": max(ys),
                "box_top": min(ys),
                "size": size,
                "upright": upright,
            }
        )
    return chars


def _unit(dx: float, dy: float) -> tuple[float, float] | None:
    length = math.hypot(dx, dy)
    return (dx / length, dy / length) if length else None


def rewritten(data: bytes) -> bytes:
    """The file as pdfium saves it: objects it recovered from a broken xref, with a fresh xref."""
    pdf = pdfium.PdfDocument(data)
    try:
        buffer = io.BytesIO()
        pdf.save(buffer)
        return buffer.getvalue()
    finally:
        pdf.close()


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
