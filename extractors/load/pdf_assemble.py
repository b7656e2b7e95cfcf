"""Reading order across PDF pages: paragraphs rebuilt from text lines (a line that runs to the
column's right margin goes on in the next), tables stitched over page breaks."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from extractors.document import BBox, Block, Page, Paragraph
from extractors.load.glyphs import align_glyphs
from extractors.load.pdf_lines import Line
from extractors.load.pdf_page import PageLayout
from extractors.load.pdf_stitch import continues, stitch
from extractors.load.pdf_tables import PageTable
from extractors.text.normalise import join_lines, normalise_text, starts_new_paragraph

_MIN_LINES_FOR_COLUMN = 8


@dataclass(frozen=True)
class _Column:
    """Where full text lines start and end on pages of one size, and their usual spacing."""

    left: float
    right: float
    gap: float


def assemble(layouts: list[PageLayout]) -> list[Block]:
    columns = _columns_by_page_size(layouts)
    blocks: list[Block] = []
    open_table: PageTable | None = None  # the table that ended the previous page, to stitch onto
    last_line: tuple[Line, _Column | None] | None = None  # the line that ended the open paragraph
    drawn: dict[int, list[tuple[str, BBox]]] = {}  # by paragraph id: the characters its lines drew
    for layout in layouts:
        column = columns.get(_size_key(layout.page))
        for position, item in enumerate(layout.items):
            if isinstance(item, PageTable):
                if position == 0 and open_table is not None and continues(open_table, item, layout.page):
                    stitch(open_table.table, item.table)
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
                paragraph = Paragraph(text=item.text, page=layout.page.number)
                blocks.append(paragraph)
            drawn.setdefault(id(paragraph), []).extend(item.glyphs)
            last_line = (item, column)
        if layout.items and isinstance(layout.items[-1], Line):
            open_table = None
    for block in blocks:
        if isinstance(block, Paragraph):
            block.text = normalise_text(block.text)
            block.glyphs = align_glyphs(block.text, drawn.get(id(block), []))
    return [b for b in blocks if not isinstance(b, Paragraph) or b.text]


def _size_key(page: Page) -> tuple[int, int]:
    return round(page.width or 0), round(page.height or 0)


def _columns_by_page_size(layouts: list[PageLayout]) -> dict[tuple[int, int], _Column]:
    """The text column of each page size (portrait body pages and landscape annex pages differ)."""
    groups: dict[tuple[int, int], list[list[Line]]] = {}
    for layout in layouts:
        lines = [item for item in layout.items if isinstance(item, Line)]
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
    previous: Line, previous_column: _Column | None, line: Line, column: _Column | None, same_page: bool
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
