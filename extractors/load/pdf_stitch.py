"""A PDF table that runs on over a page break: the part on the next page (same columns, first thing
on that page) appended to it, its repeated header dropped and a row cut by the break joined."""

from __future__ import annotations

from extractors.document import Page, Table
from extractors.load.pdf_tables import NUMBER, POSITION_TOLERANCE, PageTable
from extractors.text.normalise import join_wrapped_lines


def continues(open_table: PageTable, part: PageTable, page: Page) -> bool:
    """The first thing on this page is a table on the same columns as the one that ended the last page."""
    table = open_table.table
    if table.pages[-1] != page.number - 1 or part.table.n_cols != table.n_cols:
        return False
    return len(open_table.column_edges) == len(part.column_edges) and all(
        abs(a - b) <= 2 * POSITION_TOLERANCE
        for a, b in zip(open_table.column_edges, part.column_edges, strict=True)
    )


def stitch(table: Table, part: Table) -> None:
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
    figures = [k for k, text in enumerate(last) if text and NUMBER.match(text)]
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
