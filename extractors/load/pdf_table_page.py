"""A page as pdfplumber's table finder and word extractor read it (`page_number`, `bbox`, `chars`,
`lines`, `rects`, `edges`), built from what pypdfium2 read: pdfplumber's own table finder (its
cells found by pdf_cells) and word extractor then run on it as on one of its pages, and pdfminer
never parses the page."""

from __future__ import annotations

import bisect
from typing import Any, cast

import pdfplumber
from pdfplumber.table import Table, TableSettings
from pdfplumber.utils import extract_words

from extractors.load.pdf_cells import CellFinder
from extractors.load.pdf_paths import PagePaths
from extractors.load.settings import PDF_SETTINGS as S


class TablePage:
    def __init__(
        self,
        number: int,
        size: tuple[float, float],
        chars: list[dict],
        paths: PagePaths,
        spaces: list[tuple[float, float]],
    ) -> None:
        """`size` is the page's as shown, `spaces` where it draws blank text objects (pdf_spaces)."""
        self.page_number = number
        self.bbox = (0.0, 0.0, *size)
        self.chars = [boxed for char in chars for boxed in _table_chars(char, spaces)]
        self.lines, self.rects = paths.lines, paths.rects
        self.edges = paths.edges
        # the characters' indexes by the height of their middles, for `chars_within`
        middles = [(char["top"] + char["bottom"]) / 2 for char in self.chars]
        self._by_height = sorted(range(len(middles)), key=middles.__getitem__)
        self._heights = [middles[k] for k in self._by_height]

    def find_tables(self, settings: dict[str, Any] | None = None) -> list[Table]:
        # the finder reads only the page's edges, bbox and (to extract cells) chars
        return CellFinder(cast(pdfplumber.page.Page, self), TableSettings.resolve(settings)).tables

    def extract_words(self) -> list[dict]:
        return extract_words(self.chars)

    def chars_within(self, bbox: tuple[float, float, float, float]) -> list[dict]:
        """The characters whose box's middle lies in `bbox` (pdfplumber's rule for a table cell:
        left and top edges inclusive), in page order. The band of heights is found by bisection,
        where pdfplumber's `Table.extract` tests every character of the page against every row."""
        x0, top, x1, bottom = bbox
        band = self._by_height[
            bisect.bisect_left(self._heights, top) : bisect.bisect_left(self._heights, bottom)
        ]
        chars = [self.chars[k] for k in sorted(band)]
        return [char for char in chars if x0 <= (char["x0"] + char["x1"]) / 2 < x1]


def _table_chars(char: dict, spaces: list[tuple[float, float]]) -> list[dict]:
    """The survey's character with pdfminer's box, and the space the file draws after it. An upright
    character runs one font size up from its font's descent below the baseline (the survey's `top`
    and `bottom` are both the baseline, which is what pdfplumber's line clustering wants);
    pdfplumber puts a character in the cell that holds the middle of this box. pdfium marks where
    it generated a space (`space_after`); a blank text object there says the file drew it."""
    baseline = char["bottom"]
    if char["upright"]:
        bottom = baseline + char["descent"]
        char = {**char, "top": bottom - char["size"], "bottom": bottom, "doctop": bottom - char["size"]}
    # a sideways character's box is already the one it covers on the page
    near = S.space_position_pt
    if not char.get("space_after") or not any(
        abs(y - baseline) < near and char["x1"] - near <= x <= char["x1"] + char["size"] for x, y in spaces
    ):
        return [char]
    return [char, {**char, "text": " ", "x0": char["x1"]}]
