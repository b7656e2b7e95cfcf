"""The first pass over a PDF, with pypdfium2: which pages carry text, the metadata title, and
sideways pages turned upright so that pdfplumber reads their text left to right."""

from __future__ import annotations

import io
import math
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.document import LoadError
from extractors.text.normalise import normalise_text

_ANGLE_SAMPLES = 400  # characters per page whose angle decides which way the text runs


@dataclass(frozen=True)
class Survey:
    has_text: list[bool]  # by page
    title: str | None
    upright: bytes  # the file with every page turned so that its text reads left to right


def survey(data: bytes) -> Survey:
    """Which pages carry text, the metadata title, and the file with sideways pages turned upright;
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
        has_text, turned = [], False
        for index in range(len(pdf)):
            page = pdf[index]
            text_page = page.get_textpage()
            has_text.append(bool(text_page.get_text_range().strip()))
            turn = _turn_to_upright(text_page, page.get_rotation())
            if turn:
                page.set_rotation((page.get_rotation() + turn) % 360)
                turned = True
            text_page.close()
            page.close()
        title = (pdf.get_metadata_dict().get("Title") or "").strip() or None
        upright = data
        if turned:
            buffer = io.BytesIO()
            pdf.save(buffer)
            upright = buffer.getvalue()
        return Survey(has_text, normalise_text(title) if title else None, upright)
    except pdfium.PdfiumError as exc:
        raise LoadError(f"corrupt PDF: {one_line(exc)}") from exc
    finally:
        pdf.close()


def rewritten(data: bytes) -> bytes:
    """The file as pdfium saves it: objects it recovered from a broken xref, with a fresh xref."""
    pdf = pdfium.PdfDocument(data)
    try:
        buffer = io.BytesIO()
        pdf.save(buffer)
        return buffer.getvalue()
    finally:
        pdf.close()


def _turn_to_upright(text_page: pdfium.PdfTextPage, rotation: int) -> int:
    """Degrees clockwise to add to the page's /Rotate so that most of its text reads upright: a
    landscape table drawn sideways on a portrait page, or a /Rotate that leaves the text on its side.
    pdfium gives each character's angle clockwise in the unrotated page, a quarter turn per step."""
    count = text_page.count_chars()
    quarters: Counter[int] = Counter()
    for index in range(0, count, max(1, count // _ANGLE_SAMPLES)):
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
