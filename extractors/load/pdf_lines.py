"""PDF text lines: the characters pdfium read on one page clustered into words and lines by
pdfplumber's rules (`page.extract_text_lines()` with its default tolerances), each line with its
box, body font size and the box of every character; page numbers at the top or bottom left out;
and a table cell's text as pdfplumber's `extract_text()` reads it.

pdfplumber gets there by a dict per word, a text map of (letter, char) pairs per page and a regex
search of it; that took a quarter of a worker's time. The same clustering is written out here over
plain lists, step for step, so that every line, its text and its characters come out as before.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

from extractors.load.glyphs import Drawn
from extractors.load.settings import PDF_SETTINGS, PdfSettings
from extractors.load.text import is_page_number

# pdfplumber's text map writes these ligatures out as their letters, each letter boxed as the ligature
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_LIGATURE_SET = frozenset(_LIGATURES)


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    glyphs: list[Drawn] = field(default_factory=list)  # the characters drawn, in order


def text_lines(chars: list[dict], number: int, settings: PdfSettings = PDF_SETTINGS) -> list[Line]:
    """What pdfplumber's `page.extract_text_lines()` gives from the characters pdfium read on page
    `number` (pdfplumber-style dicts, in the order pdfium read them)."""
    lines = []
    # a text line is a run of consecutive words whose tops fall in one cluster (pdfplumber's text
    # map keeps the words' order: it does not sort them by height)
    for _, run in groupby(_lined_words(chars, settings), key=_line):
        line_words = [word for _, word in run]
        text = " ".join(["".join(map(_text, word)) for word in line_words])
        drawn = [char for word in line_words for char in word]
        if not _LIGATURE_SET.isdisjoint(text):
            # written out as its letters, a ligature's character stands for each of them
            text = "".join(_LIGATURES.get(letter, letter) for letter in text)
            drawn = [char for char in drawn for _letter in _LIGATURES.get(char["text"], char["text"])]
        # spaces end words, so every character of a line is drawn
        glyphs = [(ch["text"], number, ch["x0"], ch["box_top"], ch["x1"], ch["bottom"]) for ch in drawn]
        _, _, lefts, highs, rights, lows = zip(*glyphs, strict=True)
        size = statistics.median(map(_size, drawn))
        lines.append(Line(text, min(lefts), max(rights), min(highs), max(lows), size, glyphs))
    return lines


def plain_text(chars: list[dict], settings: PdfSettings = PDF_SETTINGS) -> str:
    """What pdfplumber's `extract_text(chars)` gives (no layout), as for a table cell: a line of
    text per line of words, the lines in order of height, the words of one line in the order they
    were made (a stable sort)."""
    lined = sorted(_lined_words(chars, settings), key=_line)
    return "\n".join(
        " ".join("".join(_LIGATURES.get(ch["text"], ch["text"]) for ch in word) for _, word in line)
        for _, line in groupby(lined, key=_line)
    )


def _lined_words(chars: list[dict], settings: PdfSettings) -> list[tuple[int, list[dict]]]:
    """pdfplumber's words of the characters, in the order they are made, each with its line: the
    cluster its top falls in (the top of its highest character)."""
    words = [word for _, run in groupby(chars, key=_upright) for word in _words(list(run), settings)]
    tops = [min(map(_top, word)) for word in words]
    cluster_of = _clusters(tops, settings.char_tolerance_pt)
    return [(cluster_of[top], word) for top, word in zip(tops, words, strict=True)]


_upright, _text, _size, _top, _line = (
    itemgetter("upright"),
    itemgetter("text"),
    itemgetter("size"),
    itemgetter("top"),
    itemgetter(0),
)


def _words(chars: list[dict], settings: PdfSettings) -> list[list[dict]]:
    """pdfplumber's words of a run of characters that are all upright or all sideways: the run cut
    into lines (by baseline height, or by x for sideways text), each line read along its direction
    and cut at spaces and where a character starts more than the tolerance past the end of the one
    before it or leaves its height (pdfplumber also cuts where one starts before the one before it,
    which cannot happen once a line is sorted)."""
    tolerance = settings.char_tolerance_pt
    across, start, end = ("top", "x0", "x1") if chars[0]["upright"] else ("x0", "top", "bottom")
    along = itemgetter("x0") if chars[0]["upright"] else itemgetter("top", "bottom")
    heights = list(map(itemgetter(across), chars))
    cluster_of = _clusters(heights, tolerance)
    # each cluster's characters in pdfium's order (pdfplumber's stable sort by cluster)
    lines: list[list[dict]] = [[] for _ in range(len(set(cluster_of.values())))]
    for char, height in zip(chars, heights, strict=True):
        lines[cluster_of[height]].append(char)
    words = []
    for line in lines:
        word: list[dict] = []
        last_end = last_across = 0.0  # of the word's last character
        for char in sorted(line, key=along):  # stable: characters at one position keep their order
            if char["text"].isspace():
                if word:
                    words.append(word)
                    word = []
                continue
            if word and (char[start] > last_end + tolerance or abs(char[across] - last_across) > tolerance):
                words.append(word)
                word = []
            word.append(char)
            last_end, last_across = char[end], char[across]
        if word:
            words.append(word)
    return words


def _clusters(values: list[float], tolerance: float) -> dict[float, int]:
    """pdfplumber's `cluster_list`: the distinct values in order, a new cluster wherever one lies
    more than `tolerance` beyond the one before it; each value's cluster index."""
    cluster_of: dict[float, int] = {}
    index, last = -1, 0.0
    for value in sorted(set(values)):
        if index < 0 or value > last + tolerance:
            index += 1
        cluster_of[value] = index
        last = value
    return cluster_of


def drop_page_numbers(lines: list[Line]) -> list[Line]:
    """Page numbers ('- 3 -', '第 3 页', a lone number) as the first or last line of a page."""
    edges = {0, len(lines) - 1} if lines else set()
    return [line for i, line in enumerate(lines) if not (i in edges and is_page_number(line.text))]
