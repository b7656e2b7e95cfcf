"""Tables whose rows arrive as text lines with cells separated by | (or runs of spaces, which the
text loader rewrites as |). Rows that leave out merged cells (一级, 二级 written once) or empty cells
are placed under the header's figure columns.
"""

from __future__ import annotations

import re

from extractors.document import Cell, Table
from extractors.header_text import header_roles, squash

DELIMITER_RE = re.compile(r"\s*[|｜]\s*")


def delimited_cells(text: str) -> list[str] | None:
    """A text row whose cells are separated by | (or ｜), or None."""
    if "|" not in text and "｜" not in text:
        return None
    text = text.strip()
    if text[:1] in "|｜" and text[-1:] in "|｜" and len(text) > 1:
        text = text[1:-1]  # a bordered row: | a | b |
    return [c.strip() for c in DELIMITER_RE.split(text)]


def has_table_header(rows: list[list[str]]) -> bool:
    """Does a run of delimited rows carry a scoring-table or funds header (or a form's 项目名称)?"""
    for cells in rows:
        text = "".join(cells)
        words = sum(1 for c in cells if c and header_roles(squash(c)) is not None)
        if words >= 3 or "项目名称" in cells or ("年初预算数" in text and "执行数" in text):
            return True
    return False


def is_figure(text: str) -> bool:
    return bool(re.fullmatch(r"-?\d+(?:\.\d+)?%?", squash(text)))


def numeric_columns(header: list[str]) -> set[int]:
    """Columns of a header row that hold figures (分值, 得分, 年初预算数, 执行率 …)."""
    numeric = {"weight", "score", "budget_initial", "budget_adjusted", "received", "spent", "rate"}
    found = set()
    for c, cell in enumerate(header):
        parsed = header_roles(squash(cell)) if cell else None
        if (
            parsed
            and parsed[0][0] in numeric
            or any(w in squash(cell) for w in ("预算数", "执行数", "到位资金", "执行率"))
        ):
            found.add(c)
    return found


def place(row: list[str], width: int, numeric: set[int]) -> int:
    """The column a short row starts at. Rows leave out merged leading cells (一级, 二级 written
    once) and, in space-separated text, empty cells, so a row goes where its figures land in the
    header's figure columns; ties go right."""
    best_start, best_hits = width - len(row), -1
    for start in range(width - len(row), -1, -1):
        # percentages stand in figure columns (执行率) and text columns (实际完成值 93%) alike
        hits = sum(
            1
            for c, text in enumerate(row)
            if text and not text.endswith("%") and ((start + c) in numeric) == is_figure(text)
        )
        if hits > best_hits:
            best_start, best_hits = start, hits
    return best_start


def delimited_table(rows: list[tuple[list[str], int | None]]) -> Table:
    """Rows of cells as a grid: header rows right-aligned, short data rows placed under the
    header's figure columns."""
    n_cols = max(len(cells) for cells, _ in rows)
    cells: list[Cell] = []
    numeric: set[int] = set()
    for r, (row, page) in enumerate(rows):
        header_numeric = numeric_columns(row) if len(row) >= 3 else set()
        if header_numeric:
            start = n_cols - len(row)
            numeric = {start + c for c in header_numeric}
        else:
            start = place(row, n_cols, numeric) if len(row) < n_cols else 0
        cells += [Cell(r, start + c, text, page=page) for c, text in enumerate(row)]
        covered = set(range(start, start + len(row)))
        cells += [Cell(r, c, "", page=page) for c in range(n_cols) if c not in covered]
    pages = sorted({p for _, p in rows if p is not None})
    return Table(cells=cells, n_rows=len(rows), n_cols=n_cols, page=pages[0] if pages else None, pages=pages)
