"""PDF text lines: the characters pdfium read on one page clustered into lines by pdfplumber's text
map, each line with its box, body font size and the box of every character; page numbers at the
top or bottom left out."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from pdfplumber.utils.text import chars_to_textmap

from extractors.load.glyphs import Drawn
from extractors.load.text import is_page_number


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    glyphs: list[Drawn] = field(default_factory=list)  # the characters drawn, in order


def text_lines(chars: list[dict], number: int, width: float, height: float) -> list[Line]:
    """What pdfplumber's `page.extract_text_lines()` gives, from the characters pdfium read on
    page `number` (pdfplumber-style dicts) of `width` x `height` points."""
    textmap = chars_to_textmap(
        chars, layout_bbox=(0, 0, width, height), layout_width=width, layout_height=height
    )
    lines = []
    for raw in textmap.extract_text_lines(return_chars=True, strip=True):
        text = raw["text"].strip()
        if not text:
            continue
        drawn = raw["chars"]
        top, bottom = min(ch["box_top"] for ch in drawn), max(ch["bottom"] for ch in drawn)
        sizes = [ch["size"] for ch in drawn if ch["text"].strip()] or [bottom - top]
        glyphs = [
            (ch["text"], number, ch["x0"], ch["box_top"], ch["x1"], ch["bottom"])
            for ch in drawn
            if ch["text"].strip()
        ]
        lines.append(Line(text, raw["x0"], raw["x1"], top, bottom, statistics.median(sizes), glyphs))
    return lines


def drop_page_numbers(lines: list[Line]) -> list[Line]:
    """Page numbers ('- 3 -', '第 3 页', a lone number) as the first or last line of a page."""
    edges = {0, len(lines) - 1} if lines else set()
    return [line for i, line in enumerate(lines) if not (i in edges and is_page_number(line.text))]
