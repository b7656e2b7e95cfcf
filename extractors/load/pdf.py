"""PDF: paragraphs rebuilt from text lines, tables from ruling lines, in reading order per page.

pypdfium2 opens the file first (fast and robust: encryption, corruption and pages without a text
layer show up here); pdfplumber then reads the line geometry of pages that have text, and looks
for tables only on pages that draw lines or rectangles. A table that runs on over the next page
(same columns, first thing on that page) is stitched into one Table, its repeated header dropped.
"""

from __future__ import annotations

import io
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

import pdfplumber
import pypdfium2 as pdfium

from extractors.document import BBox, Block, Cell, Document, LoadError, Page, Paragraph, Table
from extractors.load.ocr import load_scanned_pdf, ocr_available
from extractors.load.text import is_page_number
from extractors.normalise import join_lines, join_wrapped_lines, normalise_text, starts_new_paragraph

NO_TEXT_LAYER = "no text layer; install jixiao[ocr]"
_MIN_LINES_FOR_COLUMN = 8
_POSITION_TOLERANCE = 2.0  # points: ruling lines of one grid drawn twice, rounding in producers


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _PageTable:
    table: Table
    bbox: BBox
    column_edges: list[float]  # x of every column boundary, left to right

    @property
    def top(self) -> float:
        return self.bbox[1]

    def holds(self, line: _Line) -> bool:
        x0, top, x1, bottom = self.bbox
        mid_x, mid_y = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
        return x0 <= mid_x <= x1 and top <= mid_y <= bottom


@dataclass
class _PageLayout:
    page: Page
    items: list[_Line | _PageTable] = field(default_factory=list)  # in reading order


@dataclass(frozen=True)
class _Column:
    """Where full text lines start and end on pages of one size, and their usual spacing."""

    left: float
    right: float
    gap: float


def load_pdf(data: bytes, ocr: bool = True) -> Document:
    """The PDF's pages as a Document; image-only pages through OCR when `ocr` and the extra allow."""
    ocr = ocr and ocr_available()
    pages_with_text, title = _survey(data)
    if not any(pages_with_text):
        if ocr:
            scanned = load_scanned_pdf(data)
            scanned.title = scanned.title or title
            return scanned
        raise LoadError(NO_TEXT_LAYER)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            layouts = [
                _read_page(page, has_text) for page, has_text in zip(pdf.pages, pages_with_text, strict=True)
            ]
    except Exception as exc:  # pdfminer raises many unrelated types on broken files
        raise LoadError(f"corrupt PDF: {_one_line(exc)}") from exc
    missing = [layout.page.number for layout in layouts if not layout.page.has_text]
    blocks = _assemble(layouts)
    warnings = []
    if missing and ocr:  # a mixed file: read the image-only pages by OCR, in page order
        scanned = load_scanned_pdf(data, pages=missing)
        blocks = sorted(blocks + scanned.blocks, key=lambda b: b.page or 0)
        warnings = scanned.warnings
    elif missing:
        pages = (
            f"page {missing[0]} has" if len(missing) == 1 else f"pages {', '.join(map(str, missing))} have"
        )
        warnings.append(f"{pages} no text layer; install jixiao[ocr]")
    return Document(
        source_format="pdf",
        blocks=blocks,
        pages=[layout.page for layout in layouts],
        title=title,
        warnings=warnings,
    )


def _survey(data: bytes) -> tuple[list[bool], str | None]:
    """Which pages carry text, and the metadata title; LoadError for encrypted or broken files."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise LoadError("encrypted PDF (password required)") from exc
        raise LoadError(f"corrupt PDF: {_one_line(exc)}") from exc
    try:
        if len(pdf) == 0:
            raise LoadError("corrupt PDF: no pages")
        has_text = []
        for index in range(len(pdf)):
            page = pdf[index]
            text_page = page.get_textpage()
            has_text.append(bool(text_page.get_text_range().strip()))
            text_page.close()
            page.close()
        title = (pdf.get_metadata_dict().get("Title") or "").strip() or None
        return has_text, normalise_text(title) if title else None
    except pdfium.PdfiumError as exc:
        raise LoadError(f"corrupt PDF: {_one_line(exc)}") from exc
    finally:
        pdf.close()


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _read_page(page: pdfplumber.page.Page, has_text: bool) -> _PageLayout:
    layout = _PageLayout(
        Page(number=page.page_number, width=page.width, height=page.height, has_text=has_text)
    )
    if not has_text:
        return layout
    tables = _find_tables(page) if (page.lines or page.rects) else []
    lines = [line for line in _text_lines(page) if not any(table.holds(line) for table in tables)]
    lines = _drop_page_numbers(lines)
    items: list[_Line | _PageTable] = [*lines, *tables]
    layout.items = sorted(items, key=lambda item: item.top)
    page.close()  # drop pdfplumber's per-page object cache: long reports otherwise hold every page
    return layout


def _text_lines(page: pdfplumber.page.Page) -> list[_Line]:
    lines = []
    for raw in page.extract_text_lines(return_chars=True, strip=True):
        text = raw["text"].strip()
        if not text:
            continue
        sizes = [ch["size"] for ch in raw["chars"] if ch["text"].strip()] or [raw["bottom"] - raw["top"]]
        lines.append(_Line(text, raw["x0"], raw["x1"], raw["top"], raw["bottom"], statistics.median(sizes)))
    return lines


def _drop_page_numbers(lines: list[_Line]) -> list[_Line]:
    """Page numbers ('- 3 -', '第 3 页', a lone number) as the first or last line of a page."""
    edges = {0, len(lines) - 1} if lines else set()
    return [line for i, line in enumerate(lines) if not (i in edges and is_page_number(line.text))]


def _find_tables(page: pdfplumber.page.Page) -> list[_PageTable]:
    found = []
    for table in page.find_tables():
        grid = _grid_of(table, page.page_number)
        if grid is not None:
            found.append(grid)
    return found


def _grid_of(table: pdfplumber.table.Table, page_number: int) -> _PageTable | None:
    """Cells with real spans: a merged cell's bbox covers several row tops / column lefts.
    table.extract() gives, per row, one text per column position (None where a merge covers it)."""
    texts = table.extract()
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
                    bbox=(x0, top, x1, bottom),
                )
            )
    grid = Table(
        cells=cells, n_rows=len(row_tops), n_cols=len(col_lefts), page=page_number, pages=[page_number]
    )
    x0, top, x1, bottom = table.bbox
    return _PageTable(grid, bbox=(x0, top, x1, bottom), column_edges=[*col_lefts, x1])


def _distinct(values: Iterable[float]) -> list[float]:
    """Sorted positions, those closer than the tolerance counted once."""
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _POSITION_TOLERANCE:
            out.append(value)
    return out


def _index_of(value: float, positions: list[float]) -> int:
    return min(range(len(positions)), key=lambda i: abs(positions[i] - value))


def _count_within(positions: list[float], start: float, end: float) -> int:
    return max(1, sum(1 for p in positions if start - _POSITION_TOLERANCE <= p < end - _POSITION_TOLERANCE))


# ---------- reading order across pages: paragraphs from lines, tables stitched over page breaks


def _assemble(layouts: list[_PageLayout]) -> list[Block]:
    columns = _columns_by_page_size(layouts)
    blocks: list[Block] = []
    open_table: _PageTable | None = None  # the table that ended the previous page, to stitch onto
    last_line: tuple[_Line, _Column | None] | None = None  # the line that ended the open paragraph
    for layout in layouts:
        column = columns.get(_size_key(layout.page))
        for position, item in enumerate(layout.items):
            if isinstance(item, _PageTable):
                if position == 0 and open_table is not None and _continues(open_table, item, layout.page):
                    _stitch(open_table.table, item.table)
                else:
                    blocks.append(item.table)
                    open_table = item
                last_line = None
                continue
            open_table = None
            same_page = position > 0
            paragraph = blocks[-1] if blocks and isinstance(blocks[-1], Paragraph) else None
            if paragraph and last_line and _continues_paragraph(*last_line, item, column, same_page):
                paragraph.text = join_lines(paragraph.text, item.text)
            else:
                blocks.append(Paragraph(text=item.text, page=layout.page.number))
            last_line = (item, column)
        if layout.items and isinstance(layout.items[-1], _Line):
            open_table = None
    for block in blocks:
        if isinstance(block, Paragraph):
            block.text = normalise_text(block.text)
    return [b for b in blocks if not isinstance(b, Paragraph) or b.text]


def _size_key(page: Page) -> tuple[int, int]:
    return round(page.width or 0), round(page.height or 0)


def _columns_by_page_size(layouts: list[_PageLayout]) -> dict[tuple[int, int], _Column]:
    """The text column of each page size (portrait body pages and landscape annex pages differ)."""
    groups: dict[tuple[int, int], list[list[_Line]]] = {}
    for layout in layouts:
        lines = [item for item in layout.items if isinstance(item, _Line)]
        groups.setdefault(_size_key(layout.page), []).append(lines)
    columns = {}
    for key, pages in groups.items():
        lines = [line for page in pages for line in page]
        if len(lines) < _MIN_LINES_FOR_COLUMN:
            continue  # too few lines to tell margins from centred or short lines
        rights = sorted(round(line.x1) for line in lines)
        gaps = [
            b.top - a.bottom
            for page in pages
            for a, b in zip(page, page[1:], strict=False)
            if b.top > a.bottom
        ]
        columns[key] = _Column(
            left=statistics.mode(round(line.x0) for line in lines),
            right=max(statistics.mode(rights), rights[int(0.75 * (len(rights) - 1))]),
            gap=statistics.median(gaps) if gaps else 0.0,
        )
    return columns


def _continues_paragraph(
    previous: _Line, previous_column: _Column | None, line: _Line, column: _Column | None, same_page: bool
) -> bool:
    """A layout line break, not a paragraph break: the previous line ran to the right margin of its
    column, and this one starts at the left margin in the same font, opens no list item, and (on the
    same page) follows at the usual line spacing."""
    if previous_column is None or column is None:
        return False
    size = previous.size
    # a line stops short where a long figure could not be broken (…资金到位率 / 87.49%。): it still
    # goes on when it reaches well into the column and ends mid-sentence
    mid_sentence = not previous.text.rstrip().endswith(("。", "！", "？", "；", "：", "!", "?", ";", ":"))
    reaches = previous.x1 >= previous_column.left + 0.6 * (previous_column.right - previous_column.left)
    if previous.x1 < previous_column.right - 0.75 * size and not (mid_sentence and reaches):
        return False
    if line.x0 > column.left + 0.9 * line.size or abs(line.size - size) > 0.2 * size:
        return False
    if same_page and line.top - previous.bottom > column.gap + 0.6 * size:
        return False
    return not starts_new_paragraph(line.text)


def _continues(open_table: _PageTable, part: _PageTable, page: Page) -> bool:
    """The first thing on this page is a table on the same columns as the one that ended the last page."""
    table = open_table.table
    if table.pages[-1] != page.number - 1 or part.table.n_cols != table.n_cols:
        return False
    return len(open_table.column_edges) == len(part.column_edges) and all(
        abs(a - b) <= 2 * _POSITION_TOLERANCE
        for a, b in zip(open_table.column_edges, part.column_edges, strict=True)
    )


def _stitch(table: Table, part: Table) -> None:
    """Append `part`'s rows below `table`, without its repeated header row."""
    header = [c.text for c in sorted((c for c in table.cells if c.row == 0), key=lambda c: c.col)]
    part_header = [c.text for c in sorted((c for c in part.cells if c.row == 0), key=lambda c: c.col)]
    skip = 1 if header == part_header and part.n_rows > 1 else 0
    for cell in part.cells:
        if cell.row < skip:
            continue
        cell.row += table.n_rows - skip
        table.cells.append(cell)
    table.n_rows += part.n_rows - skip
    table.pages.append(part.pages[0])
