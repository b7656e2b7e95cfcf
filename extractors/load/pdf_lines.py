"""PDF text lines: pdfplumber's lines of one page, each with its box, body font size and the box of
every character, page numbers at the top or bottom of the page left out."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

import pdfplumber

from extractors.document import BBox
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


def text_lines(page: pdfplumber.page.Page) -> list[Line]:
    lines = []
    for raw in page.extract_text_lines(return_chars=True, strip=True):
        text = raw["text"].strip()
        if not text:
            continue
        sizes = [ch["size"] for ch in raw["chars"] if ch["text"].strip()] or [raw["bottom"] - raw["top"]]
        glyphs = [
            (ch["text"], BBox(page.page_number, ch["x0"], ch["top"], ch["x1"], ch["bottom"]))
            for ch in raw["chars"]
            if ch["text"].strip()
        ]
        lines.append(
            Line(text, raw["x0"], raw["x1"], raw["top"], raw["bottom"], statistics.median(sizes), glyphs)
        )
    return lines


def drop_page_numbers(lines: list[Line]) -> list[Line]:
    """Page numbers ('- 3 -', '第 3 页', a lone number) as the first or last line of a page."""
    edges = {0, len(lines) - 1} if lines else set()
    return [line for i, line in enumerate(lines) if not (i in edges and is_page_number(line.text))]
