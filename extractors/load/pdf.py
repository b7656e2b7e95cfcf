"""PDF: paragraphs rebuilt from text lines, tables from ruling lines, in reading order per page.

pypdfium2 opens the file first (fast and robust: encryption, corruption and pages without a text
layer show up here); pdfplumber then reads the line geometry of pages that have text, and looks
for tables only on pages that draw lines or rectangles. A table that runs on over the next page
(same columns, first thing on that page) is stitched into one Table, its repeated header dropped.
"""

from __future__ import annotations

import io
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.utils import cluster_objects

from extractors.document import BBox, Block, Cell, Document, LoadError, Page, Paragraph, Table
from extractors.load.ocr import load_scanned_pdf, ocr_available
from extractors.load.text import is_page_number
from extractors.normalise import join_lines, join_wrapped_lines, normalise_text, starts_new_paragraph
from extractors.vocabulary import FUNDS_HEADER_WORDS, HEADER_WORDS

NO_TEXT_LAYER = "no text layer; install jixiao[ocr]"
_MIN_LINES_FOR_COLUMN = 8
_POSITION_TOLERANCE = 2.0  # points: ruling lines of one grid drawn twice, rounding in producers
_ANGLE_SAMPLES = 400  # characters per page whose angle decides which way the text runs
_HEADER_TERMS = frozenset(
    w for words in (*HEADER_WORDS.values(), *FUNDS_HEADER_WORDS.values()) for w in words
)
_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")


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


@dataclass(frozen=True)
class _Survey:
    has_text: list[bool]  # by page
    title: str | None
    upright: bytes  # the file with every page turned so that its text reads left to right


def load_pdf(data: bytes, ocr: bool = True) -> Document:
    """The PDF's pages as a Document; image-only pages through OCR when `ocr` and the extra allow."""
    ocr = ocr and ocr_available()
    survey = _survey(data)
    if not any(survey.has_text):
        if ocr:
            scanned = load_scanned_pdf(data)
            scanned.title = scanned.title or survey.title
            return scanned
        raise LoadError(NO_TEXT_LAYER)
    try:
        with pdfplumber.open(io.BytesIO(survey.upright)) as pdf:
            layouts = [
                _read_page(page, has_text) for page, has_text in zip(pdf.pages, survey.has_text, strict=True)
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
        title=survey.title,
        warnings=warnings,
    )


def _survey(data: bytes) -> _Survey:
    """Which pages carry text, the metadata title, and the file with sideways pages turned upright;
    LoadError for encrypted or broken files."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise LoadError("encrypted PDF (password required)") from exc
        raise LoadError(f"corrupt PDF: {_one_line(exc)}") from exc
    try:
        if len(pdf) == 0:
            raise LoadError("corrupt PDF: no pages")
        has_text, turned = [], False
        for index in range(len(pdf)):
            page = pdf[index]
            text_page = page.get_textpage()
            has_text.append(bool(text_page.get_text_range().strip()))
            turn = _turn_to_upright(text_page, page.get_rotation())
            if turn:
                page.set_rotation((page.get_rotation() + turn) % 360)
                turned = True
            text_page.close()
            page.close()
        title = (pdf.get_metadata_dict().get("Title") or "").strip() or None
        upright = data
        if turned:
            buffer = io.BytesIO()
            pdf.save(buffer)
            upright = buffer.getvalue()
        return _Survey(has_text, normalise_text(title) if title else None, upright)
    except pdfium.PdfiumError as exc:
        raise LoadError(f"corrupt PDF: {_one_line(exc)}") from exc
    finally:
        pdf.close()


def _turn_to_upright(text_page: pdfium.PdfTextPage, rotation: int) -> int:
    """Degrees clockwise to add to the page's /Rotate so that most of its text reads upright: a
    landscape table drawn sideways on a portrait page, or a /Rotate that leaves the text on its side.
    pdfium gives each character's angle clockwise in the unrotated page, a quarter turn per step."""
    count = text_page.count_chars()
    quarters: Counter[int] = Counter()
    for index in range(0, count, max(1, count // _ANGLE_SAMPLES)):
        if chr(pdfium_c.FPDFText_GetUnicode(text_page, index)).isspace():
            continue  # generated spaces and line breaks carry no angle of their own
        angle = pdfium_c.FPDFText_GetCharAngle(text_page, index)
        if angle >= 0:
            quarters[round(angle / (math.pi / 2)) % 4] += 1
    if not quarters:
        return 0
    shown_at = (quarters.most_common(1)[0][0] * 90 + rotation) % 360
    return (360 - shown_at) % 360


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _read_page(page: pdfplumber.page.Page, has_text: bool) -> _PageLayout:
    layout = _PageLayout(
        Page(number=page.page_number, width=page.width, height=page.height, has_text=has_text)
    )
    if not has_text:
        return layout
    tables = (_find_tables(page) if (page.lines or page.rects) else []) or _find_text_tables(page)
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


# ---------- tables without ruling lines: columns of aligned words under a line of header words


@dataclass
class _WordLine:
    words: list[dict]  # pdfplumber words, left to right
    top: float
    bottom: float


@dataclass
class _TextBlock:
    """Lines whose words keep to the same columns, the first of them a header."""

    lines: list[_WordLine]
    columns: list[list[float]]  # [x0, x1] the words of each column cover, left to right
    column_of: list[list[int]]  # by line, the column of each word


def _find_text_tables(page: pdfplumber.page.Page) -> list[_PageTable]:
    """Tables drawn without lines (Word tables with borders removed): a line of at least three
    words, two of them header vocabulary, and the lines below whose words keep to its columns."""
    lines = _word_lines(page)
    found = []
    start = 0
    while start < len(lines):
        block = _aligned_block(lines, start) if _is_header_line(lines[start]) else None
        table = _text_table(page, block) if block is not None else None
        if block is None or table is None:
            start += 1
            continue
        found.append(table)
        start += len(block.lines)
    return found


def _word_lines(page: pdfplumber.page.Page) -> list[_WordLine]:
    words = [w for w in page.extract_words() if w["upright"]]
    lines = []
    for cluster in cluster_objects(words, lambda w: (w["top"] + w["bottom"]) / 2, tolerance=2):
        cluster = sorted(cluster, key=lambda w: w["x0"])
        lines.append(_WordLine(cluster, min(w["top"] for w in cluster), max(w["bottom"] for w in cluster)))
    return sorted(lines, key=lambda line: line.top)


def _is_header_line(line: _WordLine) -> bool:
    vocabulary = sum(1 for w in line.words if any(term in w["text"] for term in _HEADER_TERMS))
    return len(line.words) >= 3 and vocabulary >= 2


def _aligned_block(lines: list[_WordLine], start: int) -> _TextBlock | None:
    """The header line at `start` and the lines below it whose every word stays within one column;
    a word reaching over two columns (prose) or a gap of more than two blank lines ends the block."""
    header = lines[start]
    size = statistics.median(w["bottom"] - w["top"] for w in header.words)
    block = _TextBlock([header], [[w["x0"], w["x1"]] for w in header.words], [list(range(len(header.words)))])
    for line in lines[start + 1 :]:
        if line.top - block.lines[-1].bottom > 2 * size:
            break
        placed = [_column_for(word, block.columns) for word in line.words]
        columns = [column for column in placed if column is not None]
        if len(columns) < len(placed):
            break
        for word, column in zip(line.words, columns, strict=True):
            span = block.columns[column]
            span[0], span[1] = min(span[0], word["x0"]), max(span[1], word["x1"])
        block.lines.append(line)
        block.column_of.append(columns)
    used = {column for placed in block.column_of[1:] for column in placed}
    if len(block.lines) < 3 or len(used) < 3:
        return None
    return block


def _column_for(word: dict, columns: list[list[float]]) -> int | None:
    """The one column a word overlaps, else the nearest when it sits in a gap; None when it
    overlaps several."""
    overlapped = [k for k, (x0, x1) in enumerate(columns) if word["x0"] < x1 - 0.5 and word["x1"] > x0 + 0.5]
    if len(overlapped) > 1:
        return None
    if overlapped:
        return overlapped[0]
    distance = [max(x0 - word["x1"], word["x0"] - x1) for x0, x1 in columns]
    return min(range(len(columns)), key=lambda k: distance[k])


def _text_table(page: pdfplumber.page.Page, block: _TextBlock) -> _PageTable | None:
    """The block as a grid: column edges in the gaps between the columns' words, row edges above
    each line that starts a new entry; pdfplumber then reads the cells' text between those edges."""
    rows = _row_starts(block)
    xs = [block.columns[0][0] - 1]
    xs += [(a[1] + b[0]) / 2 for a, b in zip(block.columns, block.columns[1:], strict=False)]
    xs.append(block.columns[-1][1] + 1)
    ys = [block.lines[0].top - 1]
    ys += [(block.lines[k - 1].bottom + block.lines[k].top) / 2 for k in rows[1:]]
    ys.append(block.lines[-1].bottom + 1)
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": xs,
        "explicit_horizontal_lines": ys,
    }
    tables = page.find_tables(settings)
    return _grid_of(tables[0], page.page_number) if tables else None


def _row_starts(block: _TextBlock) -> list[int]:
    """Indexes of the lines that open a row, the header first. Cells are read as top-aligned (as
    Word sets them): a row opens where a number column gets a figure, or where the first column
    gets text after more than a wrapped line's spacing (tables without number columns: any text)."""
    numbers: dict[int, list[bool]] = {}
    for line, placed in zip(block.lines[1:], block.column_of[1:], strict=True):
        for word, column in zip(line.words, placed, strict=True):
            numbers.setdefault(column, []).append(bool(_NUMBER.match(word["text"])))
    number_columns = {k for k, flags in numbers.items() if len(flags) >= 2 and sum(flags) >= 0.6 * len(flags)}
    gaps = [b.top - a.bottom for a, b in zip(block.lines, block.lines[1:], strict=False)]
    size = statistics.median(w["bottom"] - w["top"] for line in block.lines for w in line.words)
    wrapped = min(gaps) + 0.4 * size
    starts = [0]
    for k in range(1, len(block.lines)):
        filled = set(block.column_of[k])
        opens_first = 0 in filled and (gaps[k - 1] > wrapped or not number_columns)
        if filled & number_columns or opens_first:
            starts.append(k)
    return starts


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
    """Append `part`'s rows below `table`, without its repeated header row; a first row that only
    carries the rest of the row cut by the page break is joined into that row."""
    header = [c.text for c in sorted((c for c in table.cells if c.row == 0), key=lambda c: c.col)]
    part_header = [c.text for c in sorted((c for c in part.cells if c.row == 0), key=lambda c: c.col)]
    skip = 1 if header == part_header and part.n_rows > 1 else 0
    if skip < part.n_rows and _is_cut_row_rest(table, part, skip):
        _join_cut_row(table, part, skip)
        skip += 1
    for cell in part.cells:
        if cell.row < skip:
            continue
        cell.row += table.n_rows - skip
        table.cells.append(cell)
    table.n_rows += part.n_rows - skip
    table.pages.append(part.pages[0])


def _is_cut_row_rest(table: Table, part: Table, row: int) -> bool:
    """Row `row` of `part` has text, but none in the columns that name and score the table's last
    row: every column holding a figure there, and every column left of those, is empty."""
    last = table.grid()[table.n_rows - 1]
    rest = part.grid()[row]
    figures = [k for k, text in enumerate(last) if text and _NUMBER.match(text)]
    names = range(figures[0] if figures else 1)
    return any(rest) and not any(rest[k] for k in (*names, *figures))


def _join_cut_row(table: Table, part: Table, row: int) -> None:
    """Append the texts of `part`'s row `row` to the cells of `table`'s last row; a merged cell
    that starts on it and runs on below keeps covering the rows below."""
    for cell in [c for c in part.cells if c.row == row]:
        if cell.rowspan > 1:
            cell.row, cell.rowspan = row + 1, cell.rowspan - 1
            continue
        target = table.cell_at(table.n_rows - 1, cell.col)
        if cell.text and target is not None:
            target.text = join_wrapped_lines(f"{target.text}\n{cell.text}")
