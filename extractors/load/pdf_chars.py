"""A PDF page's characters read from pypdfium2's text page, in pdfplumber's shape (pdf_survey).

A page holds up to ~10 000 characters and each pdfium call costs about a microsecond through
ctypes, so the calls a character are kept to two, its loose box and its text object:

- the unicode of every character comes from the page's text in one call (`FPDFText_GetText`),
  which pdfium builds one letter per character unless it leaves some out (control characters);
  then, or where it writes U+FFFE for a character (a hyphen at a line's end reads as 2), pdfium
  is asked character by character;
- a character's matrix and font size are its text object's (pdfium's CPDF_TextPage gives every
  character drawn by one text object that object's matrix and font size; only the spaces pdfium
  generates differ, and those are not read), so they are read once per text object;
- the two calls are made through prototypes without declared arguments, passed a `c_void_p`
  handle, a `byref` box and a Python int index, which ctypes hands to C as they are:
  about half the time declared plain pointer and int arguments took (0.16 s against 0.30 s for
  the two calls of 476 000 characters; the functions take exactly a pointer, an int and a
  pointer, so C receives the same call);
- consecutive characters are mostly one text object's (one change in about fifteen characters
  in the bench reports), so its style is looked up only where the text object changes.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.load.pdf_placement import Placement

_BREAKS = {ord("\r"), ord("\n")}
_NOT_A_CHAR = {0, 0xFFFE, 0xFFFF, *_BREAKS}
_SPACE = ord(" ")
_ASK_PDFIUM = 0xFFFE  # written in the page's text for a character pdfium knows better one by one

Char = dict  # pdfplumber's char shape: text, x0, x1, top, bottom, size, upright (and descent, space_after)


def undeclared(function: Any, restype: type[Any]) -> Callable[..., Any]:
    """`function` (a pypdfium2 raw function) as a prototype of no declared arguments: ctypes passes
    what it is given as it is, so every argument must be a ctypes pointer (`c_void_p`, `byref`, a
    pointer pypdfium2 returns) or an int that fits a C int."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address, "pypdfium2 binds every function it lists"
    return ctypes.CFUNCTYPE(restype)(address)


_text_object_of = undeclared(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)
_loose_box_of = undeclared(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
# a text object's matrix (a, b, c, d, f), its font size as drawn, and its baseline on the page as
# shown where its text stands upright on a page shown unrotated (else None)
_Style = tuple[float, float, float, float, float, float, float | None]


def page_chars(page: pdfium.PdfPage, text_page: pdfium.PdfTextPage, text: str) -> tuple[list[Char], bool]:
    """The page's characters in pdfplumber's shape, and whether the page is shown unrotated with
    every character upright (pdf_survey turns other pages). `text` is the page's text
    (`get_text_range()`). A char's box runs from its origin the advance width along the
    baseline, and one font size up from the baseline (`box_top`, `bottom`). `top` is the baseline
    itself: lines are clustered by `top` (pdf_lines), and the baseline is what characters of one
    line share whatever their fonts' descents (pdfium and pdfminer disagree on those); `descent`
    is how far below the baseline the font's box reaches, for pdfplumber's table cells
    (pdf_table_page). Spaces pdfium generates are left out (it places them in the order the file
    draws, not on the page; words are told apart by the gaps between them), marked as
    `space_after` on the character before them."""
    placement = Placement(page)
    chars: list[Char] = []
    x, y = ctypes.c_double(), ctypes.c_double()
    box = pdfium_c.FS_RECTF()
    raw = text_page.raw
    handle, box_ref = ctypes.cast(raw, ctypes.c_void_p), ctypes.byref(box)
    unicode_of, generated = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_IsGenerated
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    count = text_page.count_chars()
    codes = list(map(ord, text)) if len(text) == count else [_ASK_PDFIUM] * count
    styles: dict[int, _Style] = {}
    last_drawn_by: int | None = None
    a = b = c = d = f = size = 0.0
    baseline: float | None = None
    upright_only = placement.rotation == 0
    left = placement.left
    for index, code in enumerate(codes):
        if code == _ASK_PDFIUM:
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
        _loose_box_of(handle, index, box_ref)
        drawn_by = _text_object_of(handle, index)
        if drawn_by != last_drawn_by or not drawn_by:
            style = styles.get(drawn_by) if drawn_by else None
            if style is None:
                style = _style(text_page, index, placement)
                if drawn_by:
                    styles[drawn_by] = style
            a, b, c, d, f, size, baseline = style
            last_drawn_by = drawn_by
        if baseline is not None:
            # upright text: the origin is the loose box's left on the text object's baseline
            # (FPDFText_GetCharOrigin would take 25 µs a character); written out here, not in a
            # function, as this runs for nearly every character
            x0, x1, below = box.left - left, box.right - left, f - box.bottom
            chars.append(
                {
                    "text": chr(code),
                    "x0": x0,
                    "x1": x0 if x0 > x1 else x1,  # max(x1, x0) without a call a character
                    "top": baseline,
                    "doctop": baseline,
                    "bottom": baseline,
                    "box_top": baseline - size,
                    "descent": below if below > 0.0 else 0.0,
                    "size": size,
                    "upright": True,
                }
            )
            continue
        upright_only = False
        pdfium_c.FPDFText_GetCharOrigin(raw, index, x_ref, y_ref)
        along = _unit(a, b)
        up = _unit(c, d)
        if size <= 0 or along is None or up is None:
            continue
        loose_corners = [
            (cx - x.value, cy - y.value) for cx in (box.left, box.right) for cy in (box.bottom, box.top)
        ]
        advance = max(dx * along[0] + dy * along[1] for dx, dy in loose_corners)
        descent = max(0.0, -min(dx * up[0] + dy * up[1] for dx, dy in loose_corners))
        corners = [
            placement.point(x.value + s * along[0] + v * up[0], y.value + s * along[1] + v * up[1])
            for s in (0.0, max(advance, 0.0))
            for v in (0.0, size)
        ]
        xs, ys = [corner[0] for corner in corners], [corner[1] for corner in corners]
        start, end = corners[0], corners[2]  # the baseline's start and end as shown
        upright = end[0] - start[0] > abs(end[1] - start[1])
        # its own name: `baseline` is the text object's, kept for the object's next character
        line_top = start[1] if upright else min(ys)  # pdfplumber lines up sideways chars by x
        chars.append(
            {
                "text": chr(code),
                "x0": min(xs),
                "x1": max(xs),
                "top": line_top,
                "doctop": line_top,  # pdfplumber's word maker reads it (table cells); pages are read one at a time
                "bottom": max(ys),
                "box_top": min(ys),
                "descent": descent,
                "size": size,
                "upright": upright,
            }
        )
    return chars, upright_only


def _style(text_page: pdfium.PdfTextPage, index: int, placement: Placement) -> _Style:
    """The style of the text object that drew character `index`."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(text_page, index, ctypes.byref(matrix))
    a, b, c, d, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.f
    size = pdfium_c.FPDFText_GetFontSize(text_page, index) * math.hypot(c, d)
    upright = placement.rotation == 0 and b == c == 0 and a > 0 < d and size > 0
    return a, b, c, d, f, size, placement.height - (f - placement.bottom) if upright else None


def _unit(dx: float, dy: float) -> tuple[float, float] | None:
    length = math.hypot(dx, dy)
    return (dx / length, dy / length) if length else None
