"""Tables whose rows arrive as text lines with cells separated by | (or runs of spaces, which the
text loader rewrites as |). Rows that leave out merged cells (一级, 二级 written once) or empty cells
are placed under the header's figure columns.
"""

from __future__ import annotations

import re

from extractors.document import Cell, Table
from extractors.tables.header_text import PLACEHOLDERS, header_roles, squash
from extractors.vocabulary import FUNDS_HEADER_WORDS, LEVEL1_NAMES

DELIMITER_RE = re.compile(r"\s*[|｜]\s*")


def delimited_cells(text: str) -> list[str] | None:
    """A text row whose cells are separated by | (or ｜), or None."""
    if "|" not in text and "｜" not in text:
        return None
    cells = [c.strip() for c in DELIMITER_RE.split(text.strip())]
    # a bordered row (| a | b |) and the runs of empty cells pages pad rows with (a | ||||||) carry
    # nothing at either end; empty cells inside the row stay (a blank 得分 is a cell)
    while cells and not cells[-1]:
        cells.pop()
    while cells and not cells[0]:
        cells.pop(0)
    return cells


ROW_END_RE = re.compile(r"\s*[|｜]{2,}\s*")  # a line of pipes alone: the row's padding, closing it
CELL_LINE_RE = re.compile(
    r"\s*([^|｜]*?)\s*[|｜]\s*"
)  # one cell and its closing pipe ('|' alone: an empty cell)


# a cell that wraps onto the lines before its |: the longest first line of a table, the most lines
WRAPPED_CELL_LINE = 30
WRAPPED_CELL_LINES = 6


def cell_line_rows(lines: list[str]) -> list[tuple[int, str]]:
    """The rows of a table exported one cell a line, as (lines the row spans, 'cell | cell | …'),
    from the first line on, for as long as the lines keep that shape; empty unless at least two
    rows are found. A cell ends with its | (a cell that wraps, or a cell written before a lone |,
    takes the short lines above it); a row is closed by a line of pipes (its padding):

        项目名称 |          总分(100分)
        临时救助 |          |
        |                  100
        |||||              |
                           ||||||

    or, where the rows below a header carry no such line, by the header's width (header_width): the
    header is the one-line cells (three or more header words) before the first row's 一级 name
    (| / 一级指标 | / … / 得分 | / 未完成原因 | / | / 产出指标(50分) | …)."""
    rows: list[tuple[int, str]] = []
    cells: list[str] = []
    spans: list[int] = []  # the lines each cell takes
    pending: list[str] = []  # the wrapped lines of the cell being read
    wrapped = False  # a cell of the row being read took more than one line
    width: int | None = None
    level1_col = 0

    def close(n_cells: int, extra_lines: int = 0) -> None:
        n_lines = sum(spans[:n_cells]) + extra_lines
        if n_cells:
            rows.append((n_lines, " | ".join([*cells[:n_cells], ""])))
        elif rows:  # padding after a row the width already closed
            rows[-1] = (rows[-1][0] + n_lines, rows[-1][1])
        del cells[:n_cells], spans[:n_cells]

    for line in lines:
        if ROW_END_RE.fullmatch(line):
            if pending:
                break
            close(len(cells), 1)
            width, wrapped = None, False
            continue
        m = CELL_LINE_RE.fullmatch(line)
        if m is None:
            # part of a cell: never in rows of a fixed width, nor a table's first cell of two lines,
            # and a long line only once the table has rows (text before a table is no cell)
            long = len(line.strip()) > WRAPPED_CELL_LINE
            first = not rows and not cells
            if width is not None or len(pending) >= WRAPPED_CELL_LINES or (first and (pending or long)):
                break
            pending.append(line.strip())
            continue
        cell = "".join(pending) + m.group(1)
        span, pending = len(pending) + 1, []
        if width is None and not wrapped and span == 1 and starts_level1(cell):
            header = header_width(cells)
            if header is not None:
                level1_col = next(k for k, c in enumerate(cells) if c)
                close(header)
                width = header
        elif width is not None and (span > 1 or (starts_level1(cell) and len(cells) != level1_col)):
            break  # a 一级 name off its column: the rows are not of the header's width after all
        wrapped = wrapped or span > 1
        cells.append(cell)
        spans.append(span)
        if width is not None and len(cells) == width:
            close(width)
    return rows if len(rows) >= 2 else []


def starts_level1(cell: str) -> bool:
    return squash(cell).startswith(LEVEL1_NAMES)


def header_width(cells: list[str]) -> int | None:
    """How many of `cells` (a header, then the empty cells before the first row's 一级 name) are
    the header, or None unless they hold three or more header words. The first row starts with as
    many empty cells as the header does (a merged column at the left); the other empty cells are
    the header's own (an empty last column)."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    lead = next((k for k, c in enumerate(cells) if c), 0)
    if sum(column_kind(c) is not None for c in cells[:end] if c) < 3:
        return None
    return end + max(0, len(cells) - end - lead)


def has_table_header(rows: list[list[str]]) -> bool:
    """Does a run of delimited rows carry a scoring-table or funds header (or a form's 项目名称)?"""
    for cells in rows:
        text = "".join(cells)
        # the column words of either header: 一级指标 | 分值 | 得分, or 全年预算数 | 全年执行数 | 执行率
        words = sum(1 for c in cells if c and column_kind(c) is not None)
        if words >= 3 or "项目名称" in cells or ("年初预算数" in text and "执行数" in text):
            return True
    return False


def header_only(cells: list[str]) -> list[str] | None:
    """The column roles of a row made only of header words (年度 指标值 | 分值 | 得分), else None."""
    roles: list[str] = []
    for cell in cells:
        parsed = header_roles(squash(cell)) if cell else None
        if parsed is None or not parsed[1]:
            return None
        roles += parsed[0]
    return roles or None


def join_header_lines(rows: list[tuple[list[str], int | None]]) -> list[tuple[list[str], int | None]]:
    """Header rows broken over several lines (一级指标 | 二级指标 | 年度 指标值 / 实际 完成值 / 分值 | 得分)
    joined back into one: consecutive header-word rows whose column roles do not repeat."""
    out: list[tuple[list[str], int | None]] = []
    roles_so_far: list[str] | None = None
    for cells, page in rows:
        roles = header_only(cells)
        if roles is not None and roles_so_far is not None and not set(roles) & set(roles_so_far):
            out[-1] = (out[-1][0] + cells, out[-1][1])
            roles_so_far += roles
            continue
        out.append((cells, page))
        roles_so_far = roles
    return out


def is_figure(text: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(?:\.\d+)?%?", squash(text)))


NUMERIC_ROLES = {"weight", "score", "budget_initial", "budget_adjusted", "received", "spent", "rate"}
TEXT_ROLES = {"level1", "level2", "level3", "criteria", "explanation", "note"}
# the funds block's money columns (年初预算数, 调整后预算数, 执行数, 到位资金 …), as the vocabulary names them
FUNDS_WORDS = tuple(
    w for role in ("budget_initial", "budget_adjusted", "received", "spent") for w in FUNDS_HEADER_WORDS[role]
)


def column_kind(cell: str) -> str | None:
    """What a header cell's column holds: 'rate' (执行率), 'figure' (分值, 得分, 年初预算数), 'text' (指标 names,
    说明), 'any' (年度指标值, 实际完成值: figures or words), or None for a cell that is no header word."""
    squashed = squash(cell)
    if "执行率" in squashed or "到位率" in squashed:
        return "rate"
    if any(w in squashed for w in FUNDS_WORDS):
        return "figure"
    parsed = header_roles(squashed) if squashed else None
    if parsed is None:
        return None
    role = parsed[0][0]
    return "figure" if role in NUMERIC_ROLES else "text" if role in TEXT_ROLES else "any"


def header_kinds(row: list[str]) -> list[str | None] | None:
    """The column kinds of a header row (three or more header words), else None."""
    kinds = [column_kind(c) for c in row]
    return kinds if len(row) >= 3 and sum(k is not None for k in kinds) >= 3 else None


def fit(text: str, kind: str | None) -> int:
    """How well a cell sits in a column of `kind`: figures belong in figure columns, quantities
    (≥95%, 98人次, 9月前) in the target and actual columns, words in text columns; placeholders (—, /)
    say nothing."""
    squashed = squash(text)
    if squashed in PLACEHOLDERS or kind is None:
        return 0
    percent = is_figure(squashed) and squashed.endswith("%")
    if kind == "rate":  # 执行率 is written 89.3%, or as a bare 89.3 or ratio 1
        return 2 if percent else 0 if is_figure(squashed) else -1
    if percent:
        return {"figure": -1, "any": 1, "text": -1}[kind]
    if is_figure(squashed):
        return {"figure": 1, "any": 0, "text": -2}[kind]
    if re.search(r"\d", squashed) and len(squashed) <= 12:
        return {"figure": -1, "any": 1, "text": -1}[kind]
    return {"figure": -1, "any": 0, "text": 1}[kind]


def place(row: list[str], kinds: list[str | None]) -> int:
    """The column a short row starts at. Rows leave out merged leading cells (一级, 二级 written
    once) and empty cells, so a row goes where its cells fit the header's columns best; ties go right."""
    width = len(kinds)
    scores = {
        start: sum(fit(text, kinds[start + c]) for c, text in enumerate(row))
        for start in range(width - len(row) + 1)
    }
    return max(scores, key=lambda start: (scores[start], start))


def delimited_table(rows: list[tuple[list[str], int | None]]) -> Table:
    """Rows of cells as a grid. Each header row opens a section (a form's funds block, then its
    indicator table): it starts in the first column, or in the second when its first word names a
    figure column (the row labels 年度资金总额 … stand before it); short data rows are placed under
    the section header's columns."""
    rows = join_header_lines(rows)
    placed: list[tuple[int, list[str], int | None]] = []
    kinds: list[str | None] = []
    for row, page in rows:
        header = header_kinds(row)
        if header is not None:
            start = 1 if header[0] == "figure" else 0
            padding: list[str | None] = [None] * start
            kinds = padding + header
        elif kinds and len(row) < len(kinds):
            start = place(row, kinds)
        else:
            start = 0
        placed.append((start, row, page))
    n_cols = max(start + len(row) for start, row, _ in placed)
    grid = join_wrapped_rows([(spread(start, row, n_cols), page) for start, row, page in placed])
    cells = [Cell(r, c, text, page=page) for r, (row, page) in enumerate(grid) for c, text in enumerate(row)]
    pages = sorted({p for _, p in grid if p is not None})
    return Table(cells=cells, n_rows=len(grid), n_cols=n_cols, page=pages[0] if pages else None, pages=pages)


def spread(start: int, row: list[str], n_cols: int) -> list[str]:
    """A placed row over all the grid's columns, empty where it has no cell."""
    return [""] * start + row + [""] * (n_cols - start - len(row))


def join_wrapped_rows(grid: list[tuple[list[str], int | None]]) -> list[tuple[list[str], int | None]]:
    """A row broken over two lines where a long name wrapped (产出指标 | 数量指标 | 扶持发展…主体 (个) |, then
    15 | 6 | 8.0 |): a row of names only, followed by a row of figures only that fills columns the first
    left empty, is one row."""
    out: list[tuple[list[str], int | None]] = []
    for row, page in grid:
        if out and completes(out[-1][0], row):
            out[-1] = ([a or b for a, b in zip(out[-1][0], row, strict=True)], out[-1][1])
            continue
        out.append((row, page))
    return out


def completes(names: list[str], figures: list[str]) -> bool:
    filled = [k for k, text in enumerate(names) if text.strip()]
    numbers = [k for k, text in enumerate(figures) if text.strip()]
    # two cells at least on each line: single cells one a line are placed by `place`, not joined
    return (
        len(filled) >= 2
        and len(numbers) >= 2
        and not any(is_figure(names[k]) for k in filled)
        and all(is_figure(figures[k]) for k in numbers)
        and min(numbers) > max(filled)
    )
