"""Reading order across PDF pages: paragraphs rebuilt from text lines (a line that runs to the
column's right margin goes on in the next), tables stitched over page breaks."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from extractors.document import Block, Page
from extractors.load.pdf_lines import Line
from extractors.load.pdf_page import PageLayout
from extractors.load.pdf_tables import POSITION_TOLERANCE, PageTable
from extractors.load.rejoin import Break, Paragraphs
from extractors.load.settings import PDF_SETTINGS as S
from extractors.load.stitch import stitch


@dataclass(frozen=True)
class _Column:
    """Where full text lines start and end on pages of one size, and their usual spacing."""

    left: float
    right: float
    gap: float


def assemble(layouts: list[PageLayout]) -> list[Block]:
    columns = _columns_by_page_size(layouts)
    paragraphs = Paragraphs(glyphs=True)
    open_table: PageTable | None = None  # the table that ended the previous page, to stitch onto
    last_line: tuple[Line, _Column | None] | None = None  # the line that ended the open paragraph
    for layout in layouts:
        column = columns.get(_size_key(layout.page))
        for position, item in enumerate(layout.items):
            if isinstance(item, PageTable):
                if position == 0 and open_table is not None and continues(open_table, item, layout.page):
                    stitch(open_table.table, item.table)
                    paragraphs.close()
                else:
                    paragraphs.add_block(item.table)
                    open_table = item
                last_line = None
                continue
            open_table = None
            brk = _break(*last_line, item, column, same_page=position > 0) if last_line else None
            paragraphs.add_line(item.text, layout.page.number, brk, glyphs=item.glyphs)
            last_line = (item, column)
        if layout.items and isinstance(layout.items[-1], Line):
            open_table = None
    return paragraphs.finish()


def continues(open_table: PageTable, part: PageTable, page: Page) -> bool:
    """The first thing on this page is a table on the same columns as the one that ended the last page."""
    table = open_table.table
    if table.pages[-1] != page.number - 1 or part.table.n_cols != table.n_cols:
        return False
    return len(open_table.column_edges) == len(part.column_edges) and all(
        abs(a - b) <= 2 * POSITION_TOLERANCE
        for a, b in zip(open_table.column_edges, part.column_edges, strict=True)
    )


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
        if len(lines) < S.min_lines_for_column:
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


def _break(
    previous: Line, previous_column: _Column | None, line: Line, column: _Column | None, same_page: bool
) -> Break:
    """The break between two lines in points: whether the previous line ran to the right margin of
    its column, this one starts at the left margin in the same font, and (on the same page) follows
    at the usual line spacing."""
    if previous_column is None or column is None:
        return Break(previous_full=False)  # too few lines to know the margins
    size = previous.size
    # a line stops short where a long figure could not be broken (…资金到位率 / 87.49%。): it still
    # goes on when it reaches well into the column and ends mid-sentence
    mid_sentence = not previous.text.rstrip().endswith(("。", "！", "？", "；", "：", "!", "?", ";", ":"))
    width = previous_column.right - previous_column.left
    reaches = previous.x1 >= previous_column.left + S.reaches_into_column_share * width
    return Break(
        previous_full=previous.x1 >= previous_column.right - S.full_line_slack_em * size
        or (mid_sentence and reaches),
        indented=line.x0 > column.left + S.indent_em * line.size,
        restyled=abs(line.size - size) > S.font_size_change_share * size,
        spaced=same_page and line.top - previous.bottom > column.gap + S.paragraph_gap_em * size,
    )
