"""The normalised document model every loader returns and every recogniser reads.

A document is a list of blocks in reading order; a block is a paragraph or a table. Every
piece knows its page (1-based; None where the format has no pages). Tables are grids of
cells with spans, so recognisers never look at coordinates and PDF, DOCX, HTML and text
tables share one code path.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from schemas import BBox


@dataclass(frozen=True)
class Evidence:
    """Where a fact came from: page and the sentence or cell text a person can look up, and where
    the figure itself stands on the page (PDF and OCR sources; empty for formats without pages)."""

    page: int | None
    text: str
    block_id: str | None = None
    boxes: tuple[BBox, ...] = ()

    def describe(self) -> str:
        where = f"p.{self.page}" if self.page else "text"
        return f"{where}: {self.text}"


@dataclass
class Paragraph:
    text: str
    page: int | None = None
    block_id: str = ""
    heading_level: int | None = None  # 1..6 where the format marks headings (DOCX styles, HTML h2..)
    is_title: bool = False
    glyphs: Sequence[BBox | None] = field(default_factory=list)  # per character of `text`, where known

    def boxes(self, start: int, end: int) -> tuple[BBox, ...]:
        """Where text[start:end] stands on the page: one box per line it covers."""
        return line_boxes(box for box in self.glyphs[start:end] if box is not None)

    def evidence(self, sentence: str, start: int | None = None, end: int | None = None) -> Evidence:
        """The evidence of a figure at text[start:end] (default: the whole `sentence`): the sentence,
        the figure's boxes, and the page it is printed on (a paragraph may run over a page break)."""
        if start is None or end is None:
            start = max(self.text.find(sentence), 0)
            end = start + len(sentence)
        boxes = self.boxes(start, end)
        return Evidence(boxes[0].page if boxes else self.page, sentence, self.block_id, boxes)


@dataclass
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None
    bbox: BBox | None = None


@dataclass
class Table:
    """A grid of cells. `cells` holds each origin cell once; spans say what it covers."""

    cells: list[Cell]
    n_rows: int
    n_cols: int
    page: int | None = None  # first page
    block_id: str = ""
    pages: list[int] = field(default_factory=list)

    def grid(self, fill_spans: bool = True) -> list[list[str | None]]:
        """Rows of texts. With fill_spans, a merged cell's text stands in every position it
        covers (so 一级 merged over six rows reads the same on each); otherwise None there."""
        return [[c.text if c else None for c in row] for row in self.cell_grid(fill_spans)]

    def cell_grid(self, fill_spans: bool = True) -> list[list[Cell | None]]:
        """Rows of the cells covering each position (see `grid`)."""
        rows: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            for r in range(c.row, min(c.row + c.rowspan, self.n_rows)):
                for k in range(c.col, min(c.col + c.colspan, self.n_cols)):
                    if fill_spans or (r == c.row and k == c.col):
                        rows[r][k] = c
        return rows

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering (row, col), merged or not."""
        for c in self.cells:
            if c.row <= row < c.row + c.rowspan and c.col <= col < c.col + c.colspan:
                return c
        return None

    def row_page(self, row: int) -> int | None:
        pages = [c.page for c in self.cells if c.row == row and c.page is not None]
        return min(pages) if pages else self.page


Block = Paragraph | Table


def line_boxes(glyphs: Iterable[BBox]) -> tuple[BBox, ...]:
    """Glyph boxes in reading order merged into one box per line: a glyph joins the box before it
    when it is on the same page and overlaps it vertically by more than half its height."""
    merged: list[BBox] = []
    for box in glyphs:
        last = merged[-1] if merged else None
        overlap = min(box.bottom, last.bottom) - max(box.top, last.top) if last else 0.0
        if last is not None and last.page == box.page and overlap > 0.5 * (box.bottom - box.top):
            merged[-1] = last.union(box)
        else:
            merged.append(box)
    return tuple(merged)


@dataclass
class Page:
    number: int
    width: float | None = None
    height: float | None = None
    has_text: bool = True
    method: str | None = None  # how a PDF page was read: pdfium, pdfium+pdfplumber, ocr, none
    name: str | None = None  # a spreadsheet's sheet name


PAGED_FORMATS = frozenset({"pdf", "xlsx", "xls", "png", "jpeg", "tiff"})


@dataclass
class Document:
    source_format: str  # pdf | docx | doc | rtf | html | txt | xlsx | xls | png | jpeg | tiff
    blocks: list[Block]
    pages: list[Page] = field(default_factory=list)
    title: str | None = None  # from file metadata or <title>, where present
    warnings: list[str] = field(default_factory=list)  # parts that could not be read (-> status partial)
    notes: list[str] = field(default_factory=list)  # parts deliberately not read (hidden sheets): status ok

    @property
    def n_pages(self) -> int | None:
        """PDF pages, sheets of a workbook, frames of an image; None where the format has no pages."""
        return len(self.pages) if self.source_format in PAGED_FORMATS else None

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def text(self) -> str:
        """All paragraph text in reading order, one paragraph a line."""
        return "\n".join(p.text for p in self.paragraphs)

    def full_text(self) -> str:
        """Paragraphs and table rows (cells joined by ' | ') in reading order, one a line: what a
        reader sees, for the facts that stand anywhere (the year, the report's kind, the place)."""
        lines: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                lines += [" | ".join(c for c in row if c) for row in block.grid(fill_spans=False)]
        return "\n".join(lines)


class LoadError(Exception):
    """A file that cannot be read at all; the message is the one-line reason for `documents.error`.
    `n_pages` is set where the pages could be counted (a scanned PDF without OCR)."""

    def __init__(self, message: str, n_pages: int | None = None) -> None:
        super().__init__(message)
        self.n_pages = n_pages
