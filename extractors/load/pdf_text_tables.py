"""PDF tables drawn without ruling lines: columns of aligned words under a line of header words,
cut into a grid at the gaps between the columns and read back through pdfplumber."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from pdfplumber.utils import cluster_objects

from extractors.load.pdf_table_page import TablePage
from extractors.load.pdf_tables import NUMBER, PageTable, grid_of
from extractors.load.settings import PDF_SETTINGS as S
from extractors.vocabulary import FUNDS_HEADER_WORDS, HEADER_WORDS

_HEADER_TERMS = frozenset(
    w for words in (*HEADER_WORDS.values(), *FUNDS_HEADER_WORDS.values()) for w in words
)
# a word holds header vocabulary where one search finds any of the terms in it (every text line
# of every page is asked: a search a term took 2 % of a worker)
_HEADER_TERM = re.compile("|".join(map(re.escape, sorted(_HEADER_TERMS))))


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


def find_text_tables(page: TablePage) -> list[PageTable]:
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


def may_head_table(line_text: str) -> bool:
    """A text line that could head a borderless table: two of its words hold header vocabulary.
    Looser than `_is_header_line` (which also wants three words), so that routing a page by its
    pdfium text lines never skips a page pdfplumber's words would find a table on."""
    words = line_text.split()
    return len(words) >= 2 and sum(1 for word in words if _HEADER_TERM.search(word)) >= 2


def _word_lines(page: TablePage) -> list[_WordLine]:
    words = [w for w in page.extract_words() if w["upright"]]
    lines = []
    for cluster in cluster_objects(
        words, lambda w: (w["top"] + w["bottom"]) / 2, tolerance=S.word_line_tolerance_pt
    ):
        cluster = sorted(cluster, key=lambda w: w["x0"])
        lines.append(_WordLine(cluster, min(w["top"] for w in cluster), max(w["bottom"] for w in cluster)))
    return sorted(lines, key=lambda line: line.top)


def _is_header_line(line: _WordLine) -> bool:
    vocabulary = sum(1 for w in line.words if _HEADER_TERM.search(w["text"]))
    return len(line.words) >= 3 and vocabulary >= 2


def _aligned_block(lines: list[_WordLine], start: int) -> _TextBlock | None:
    """The header line at `start` and the lines below it whose every word stays within one column;
    a word reaching over two columns (prose) or a gap of more than two blank lines ends the block."""
    header = lines[start]
    size = statistics.median(w["bottom"] - w["top"] for w in header.words)
    block = _TextBlock([header], [[w["x0"], w["x1"]] for w in header.words], [list(range(len(header.words)))])
    for line in lines[start + 1 :]:
        if line.top - block.lines[-1].bottom > S.table_block_gap_em * size:
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
    overlap = S.column_overlap_pt
    overlapped = [
        k for k, (x0, x1) in enumerate(columns) if word["x0"] < x1 - overlap and word["x1"] > x0 + overlap
    ]
    if len(overlapped) > 1:
        return None
    if overlapped:
        return overlapped[0]
    distance = [max(x0 - word["x1"], word["x0"] - x1) for x0, x1 in columns]
    return min(range(len(columns)), key=lambda k: distance[k])


def _text_table(page: TablePage, block: _TextBlock) -> PageTable | None:
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
    return grid_of(tables[0], page) if tables else None


def _row_starts(block: _TextBlock) -> list[int]:
    """Indexes of the lines that open a row, the header first. Cells are read as top-aligned (as
    Word sets them): a row opens where a number column gets a figure, or where the first column
    gets text after more than a wrapped line's spacing (tables without number columns: any text)."""
    numbers: dict[int, list[bool]] = {}
    for line, placed in zip(block.lines[1:], block.column_of[1:], strict=True):
        for word, column in zip(line.words, placed, strict=True):
            numbers.setdefault(column, []).append(bool(NUMBER.match(word["text"])))
    number_columns = {k for k, flags in numbers.items() if len(flags) >= 2 and sum(flags) >= 0.6 * len(flags)}
    gaps = [b.top - a.bottom for a, b in zip(block.lines, block.lines[1:], strict=False)]
    size = statistics.median(w["bottom"] - w["top"] for line in block.lines for w in line.words)
    wrapped = min(gaps) + S.wrapped_row_gap_em * size
    starts = [0]
    for k in range(1, len(block.lines)):
        filled = set(block.column_of[k])
        opens_first = 0 in filled and (gaps[k - 1] > wrapped or not number_columns)
        if filled & number_columns or opens_first:
            starts.append(k)
    return starts
