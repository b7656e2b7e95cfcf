"""PDF tables from ruling lines: pdfplumber's table finder (on pdfium's paths and characters), its
cells turned into a grid with real row and column spans."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pdfplumber

from extractors.document import BBox, Cell, Table
from extractors.load.pdf_lines import Line, plain_text
from extractors.load.pdf_table_page import TablePage
from extractors.load.settings import PDF_SETTINGS
from extractors.text.normalise import join_wrapped_lines

POSITION_TOLERANCE = PDF_SETTINGS.position_tolerance_pt
NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")  # a figure filling a cell or a word


@dataclass
class PageTable:
    table: Table
    bbox: BBox
    column_edges: list[float]  # x of every column boundary, left to right

    @property
    def top(self) -> float:
        return self.bbox.top

    def holds(self, line: Line) -> bool:
        box = self.bbox
        mid_x, mid_y = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
        return box.x0 <= mid_x <= box.x1 and box.top <= mid_y <= box.bottom


def find_tables(page: TablePage) -> list[PageTable]:
    found = []
    for table in page.find_tables():
        grid = grid_of(table, page)
        if grid is not None:
            found.append(grid)
    return found


def grid_of(table: pdfplumber.table.Table, page: TablePage) -> PageTable | None:
    """Cells with real spans: a merged cell's bbox covers several row tops / column lefts.
    `_cell_texts` gives, per row, one text per column position (None where a merge covers it)."""
    page_number = page.page_number
    texts = _cell_texts(table, page)
    row_tops = _distinct(bbox[1] for bbox in table.cells)
    col_lefts = _distinct(bbox[0] for bbox in table.cells)
    if len(col_lefts) < 2:
        return None  # a framed paragraph, not a grid
    cells = []
    for row, row_texts in zip(table.rows, texts, strict=True):
        for bbox, raw in zip(row.cells, row_texts, strict=True):
            if bbox is None:
                continue
            x0, top, x1, bottom = bbox
            cells.append(
                Cell(
                    row=_index_of(top, row_tops),
                    col=_index_of(x0, col_lefts),
                    text=join_wrapped_lines(raw or ""),
                    rowspan=_count_within(row_tops, top, bottom),
                    colspan=_count_within(col_lefts, x0, x1),
                    page=page_number,
                    bbox=BBox(page_number, x0, top, x1, bottom),
                )
            )
    grid = Table(
        cells=cells, n_rows=len(row_tops), n_cols=len(col_lefts), page=page_number, pages=[page_number]
    )
    x0, top, x1, bottom = table.bbox
    return PageTable(grid, bbox=BBox(page_number, x0, top, x1, bottom), column_edges=[*col_lefts, x1])


def _cell_texts(table: pdfplumber.table.Table, page: TablePage) -> list[list[str | None]]:
    """What pdfplumber's `table.extract()` gives (no layout), each row's characters taken from its
    band of the page rather than from a test of every character of the page."""
    texts = []
    for row in table.rows:
        row_chars = page.chars_within(row.bbox)
        texts.append([None if cell is None else _text_within(row_chars, cell) for cell in row.cells])
    return texts


def _text_within(chars: list[dict], bbox: tuple[float, float, float, float]) -> str:
    x0, top, x1, bottom = bbox
    inside = [
        char
        for char in chars
        if x0 <= (char["x0"] + char["x1"]) / 2 < x1 and top <= (char["top"] + char["bottom"]) / 2 < bottom
    ]
    return plain_text(inside) if inside else ""


def _distinct(values: Iterable[float]) -> list[float]:
    """Sorted positions, those closer than the tolerance counted once."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > POSITION_TOLERANCE:
            out.append(value)
    return out


def _index_of(value: float, positions: list[float]) -> int:
    """The index of the position nearest `value`, the lower on a tie. `positions` are sorted and
    more than the tolerance apart (_distinct), so the nearest is one of the two around `value`."""
    right = bisect.bisect_left(positions, value)
    if right == 0:
        return 0
    if right == len(positions) or value - positions[right - 1] <= positions[right] - value:
        return right - 1
    return right


def _count_within(positions: list[float], start: float, end: float) -> int:
    return max(1, sum(1 for p in positions if start - POSITION_TOLERANCE <= p < end - POSITION_TOLERANCE))
