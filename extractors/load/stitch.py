"""A table that runs on over a page break, for both loaders that read pages (the PDF text layer and
OCR): the part on the next page is appended below it, the header rows it repeats are dropped, a row
the break cut in two is joined back, and a merged cell that runs on (blank at the top of the new page)
is extended rather than repeated. Whether a part continues the table (the same columns) is each
loader's geometry: PDF points there, picture widths here."""

from __future__ import annotations

from difflib import SequenceMatcher

from extractors.document import Cell, Table
from extractors.load.pdf_tables import NUMBER
from extractors.text.normalise import join_wrapped_lines

# a row this similar to the table's row in the same place repeats the header: OCR reads a repeated
# header with a character or two of difference, a text layer repeats it exactly (ratio 1)
REPEATED_HEADER_SIMILARITY = 0.8


def stitch(table: Table, part: Table) -> None:
    """Append `part`'s rows below `table` (in place)."""
    skip = repeated_header_rows(table, part)
    if skip < part.n_rows and _is_cut_row_rest(table, part, skip):
        _join_cut_row(table, part, skip)
        skip += 1
    offset = table.n_rows - skip
    for cell in part.cells:
        if cell.row + cell.rowspan <= skip:
            continue
        rowspan = cell.rowspan - max(0, skip - cell.row)
        above = table.cell_at(table.n_rows - 1, cell.col) if cell.row <= skip else None
        if above is not None and _runs_on(above, cell, rowspan):
            above.rowspan += rowspan
            continue
        cell.row, cell.rowspan = max(cell.row, skip) + offset, rowspan
        table.cells.append(cell)
    table.n_rows += part.n_rows - skip
    table.pages += part.pages[:1] or ([part.page] if part.page is not None else [])
    table.cells.sort(key=lambda c: (c.row, c.col))


def repeated_header_rows(table: Table, part: Table) -> int:
    """How many of `part`'s first rows repeat the table's first rows (the header printed again)."""
    skip = 0
    while skip < min(part.n_rows, table.n_rows) and _similar(_row_text(table, skip), _row_text(part, skip)):
        skip += 1
    return skip


def _row_text(table: Table, row: int) -> str:
    return "|".join(c.text for c in sorted(table.cells, key=lambda c: c.col) if c.row == row)


def _similar(a: str, b: str) -> bool:
    return bool(a) and SequenceMatcher(None, a, b).ratio() >= REPEATED_HEADER_SIMILARITY


def _runs_on(above: Cell, cell: Cell, rowspan: int) -> bool:
    """A blank cell at the top of the part under a merged cell of the table's last row, on the same
    columns: the merged cell goes on over the page break."""
    return (
        not cell.text
        and bool(above.text)
        and above.col == cell.col
        and above.colspan == cell.colspan
        and (above.rowspan > 1 or rowspan > 1)
    )


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
