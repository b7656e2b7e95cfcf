"""Workbooks (XLSX and XLS alike) as Documents: each visible sheet a page, its cells as a reader sees them.

A sheet is split into blocks the way its reader sees it: runs of rows separated by blank rows; in
each run, the rows of one lone cell at the top or bottom (the form's title, （2022年度）, 单位：万元,
填报人) are paragraphs, and the rows between are one Table, merged ranges as spans. So the form
recogniser reads a spreadsheet form through the same Table/Cell model as a PDF or DOCX one, and a
workbook with one form per sheet, or several stacked on one sheet, gives one form table each.

Hidden sheets, rows and columns are not read (a reader does not see them either); where they hold
text, a note says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.document import Block, Cell, Document, Page, Paragraph, Table
from extractors.text.normalise import normalise_text

Range = tuple[int, int, int, int]  # first row, first col, last row, last col (0-based, inclusive)


@dataclass
class Sheet:
    """One worksheet in the workbook's own 0-based coordinates."""

    name: str
    texts: dict[tuple[int, int], str]  # the displayed text of each non-empty cell
    merges: list[Range] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)


@dataclass
class Workbook:
    sheets: list[Sheet]  # visible sheets, in tab order
    hidden_sheets: list[str] = field(default_factory=list)
    title: str | None = None


@dataclass
class _Origin:
    """A cell as seen: its text and the visible rows and columns it covers."""

    text: str
    rows: list[int]
    cols: list[int]


def workbook_document(book: Workbook, source_format: str) -> Document:
    blocks: list[Block] = []
    pages = []
    notes = [f"hidden sheet '{name}' skipped" for name in book.hidden_sheets]
    for number, sheet in enumerate(book.sheets, start=1):
        pages.append(Page(number, name=sheet.name))
        note = _hidden_note(sheet)
        if note:
            notes.append(note)
        blocks += _sheet_blocks(sheet, number)
    return Document(source_format, blocks, pages=pages, title=book.title, notes=notes)


def _hidden_note(sheet: Sheet) -> str | None:
    rows = {r for r, _ in sheet.texts if r in sheet.hidden_rows}
    cols = {c for r, c in sheet.texts if c in sheet.hidden_cols and r not in sheet.hidden_rows}
    parts = [f"{len(rows)} hidden row{'s' * (len(rows) > 1)}"] if rows else []
    parts += [f"{len(cols)} hidden column{'s' * (len(cols) > 1)}"] if cols else []
    return f"sheet '{sheet.name}': {' and '.join(parts)} with text skipped" if parts else None


def _origins(sheet: Sheet) -> list[_Origin]:
    """Visible cells, a merged range as one cell holding its top-left value (as Excel shows it).
    Ranges are clipped to the cells with text: some files merge whole columns."""
    last_row = max((r for r, _ in sheet.texts), default=-1)
    last_col = max((c for _, c in sheet.texts), default=-1)
    origins = []
    merged: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in sheet.merges:
        r1, c1 = min(r1, last_row), min(c1, last_col)
        rows = [r for r in range(r0, r1 + 1) if r not in sheet.hidden_rows]
        cols = [c for c in range(c0, c1 + 1) if c not in sheet.hidden_cols]
        merged.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
        if rows and cols:
            origins.append(_Origin(_text(sheet.texts.get((r0, c0), "")), rows, cols))
    for (r, c), text in sheet.texts.items():
        if (r, c) not in merged and r not in sheet.hidden_rows and c not in sheet.hidden_cols:
            origins.append(_Origin(_text(text), [r], [c]))
    return origins


def _text(raw: str) -> str:
    return normalise_text(raw.replace("\r\n", "\n"))


def _sheet_blocks(sheet: Sheet, page: int) -> list[Block]:
    by_row: dict[int, list[_Origin]] = {}  # row -> the cells covering it
    for origin in _origins(sheet):
        for row in origin.rows:
            by_row.setdefault(row, []).append(origin)
    with_text = {row for row, cells in by_row.items() if any(o.text for o in cells)}
    blocks: list[Block] = []
    run: list[int] = []
    for row in range(max(with_text, default=-1) + 1):
        if row in with_text:
            run.append(row)
        elif run and row not in sheet.hidden_rows:  # a blank row ends the run; a hidden one does not
            blocks += _run_blocks(run, by_row, page)
            run = []
    return blocks + (_run_blocks(run, by_row, page) if run else [])


def _run_blocks(rows: list[int], by_row: dict[int, list[_Origin]], page: int) -> list[Block]:
    """Lone-cell rows at either end as paragraphs, the rows between as a table (of two rows at least)."""
    lone = [_lone_text(by_row[row]) for row in rows]
    start, end = 0, len(rows)
    while start < end and lone[start] is not None:
        start += 1
    while end > start and lone[end - 1] is not None:
        end -= 1
    if end - start < 2:  # one row of several cells (填报单位：… 填报日期：…) reads as a line
        lone[start:end] = [_row_line(row, by_row[row]) for row in rows[start:end]]
        start = end
    head = [Paragraph(text, page=page) for text in lone[:start] if text]
    tail = [Paragraph(text, page=page) for text in lone[end:] if text]
    if end == start:
        return [*head, *tail]
    table_rows = rows[start:end]
    cells = list({id(o): o for row in table_rows for o in by_row[row]}.values())
    return [*head, _table(table_rows, cells, page), *tail]


def _lone_text(touching: list[_Origin]) -> str | None:
    """The row's text when one cell of one row holds all of it, else None."""
    texts = [o for o in touching if o.text]
    if len(texts) == 1 and all(len(o.rows) == 1 for o in touching):
        return texts[0].text
    return None


def _row_line(row: int, touching: list[_Origin]) -> str:
    cells = sorted((o for o in touching if o.rows[0] == row and o.text), key=lambda o: o.cols[0])
    return " ".join(o.text for o in cells)


def _table(rows: list[int], origins: list[_Origin], page: int) -> Table:
    row_index = {r: k for k, r in enumerate(rows)}
    used_cols = sorted({c for o in origins if o.text and any(r in row_index for r in o.rows) for c in o.cols})
    col_index = {c: k for k, c in enumerate(used_cols)}
    cells = []
    covered: set[tuple[int, int]] = set()
    for o in origins:
        r_in = [row_index[r] for r in o.rows if r in row_index]
        c_in = [col_index[c] for c in o.cols if c in col_index]
        if not r_in or not c_in:
            continue
        cells.append(Cell(r_in[0], c_in[0], o.text, len(r_in), len(c_in), page=page))
        covered.update((r, c) for r in r_in for c in c_in)
    cells += [
        Cell(r, c, "", page=page)
        for r in range(len(rows))
        for c in range(len(used_cols))
        if (r, c) not in covered
    ]
    cells.sort(key=lambda c: (c.row, c.col))
    return Table(cells, len(rows), len(used_cols), page=page, pages=[page])
