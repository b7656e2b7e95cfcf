"""PDF text lines: the surveyed characters of one page clustered into lines by pdfplumber's text
map, each line with its box, body font size and the box of every character; page numbers at the
top or bottom left out."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from pdfplumber.utils.text import chars_to_textmap

from extractors.document import BBox
from extractors.load.pdf_survey import PageSurvey
from extractors.load.text import is_page_number


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    glyphs: list[tuple[str, BBox]] = field(default_factory=list)  # the characters drawn, in order


def text_lines(page: PageSurvey) -> list[Line]:
    """What pdfplumber's `page.extract_text_lines()` gives, from the characters pdfium read."""
    textmap = chars_to_textmap(
        page.chars,
        layout_bbox=(0, 0, page.width_pt, page.height_pt),
        layout_width=page.width_pt,
        layout_height=page.height_pt,
    )
    lines = []
    for raw in textmap.extract_text_lines(return_chars=True, strip=True):
        text = raw["text"].strip()
        if not text:
            continue
        chars = raw["chars"]
        top, bottom = min(ch["box_top"] for ch in chars), max(ch["bottom"] for ch in chars)
        sizes = [ch["size"] for ch in chars if ch["text"].strip()] or [bottom - top]
        glyphs = [
            (ch["text"], BBox(page.number, ch["x0"], ch["box_top"], ch["x1"], ch["bottom"]))
            for ch in chars
            if ch["text"].strip()
        ]
        lines.append(Line(text, raw["x0"], raw["x1"], top, bottom, statistics.median(sizes), glyphs))
    return lines


def drop_page_numbers(lines: list[Line]) -> list[Line]:
    """Page numbers ('- 3 -', '第 3 页', a lone number) as the first or last line of a page."""
    edges = {0, len(lines) - 1} if lines else set()
    return [line for i, line in enumerate(lines) if not (i in edges and is_page_number(line.text))]
