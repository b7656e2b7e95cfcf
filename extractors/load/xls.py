"""XLS (BIFF, Excel 97-2003; also WPS .et saved in that format) with xlrd: with formatting_info it
gives the number format of each cell, merged ranges and hidden rows, columns and sheets; formulas
carry the result saved with them."""

from __future__ import annotations

import datetime as dt

import xlrd
from xlrd.sheet import Sheet as XlrdSheet

from extractors.document import Document, LoadError
from extractors.load.legacy import ENCRYPTED
from extractors.load.numfmt import display
from extractors.load.sheets import Sheet, Workbook, workbook_document


def load_xls(data: bytes) -> Document:
    try:
        # ragged rows: each row only as long as its last cell, not padded to the widest (a cell at
        # IV65536 made 16.7 million of them, 20 s of reading empty cells)
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False, ragged_rows=True)
    except Exception as exc:  # xlrd raises XLRDError, struct.error, IndexError... on broken files
        if "encrypted" in str(exc).lower():  # RC4 under a password ("Workbook is encrypted")
            raise LoadError(ENCRYPTED) from exc
        # xlrd's own checks are bare asserts: name the exception where it has no message
        raise LoadError(f"corrupt XLS: {' '.join(str(exc).split())[:200] or type(exc).__name__}") from exc
    sheets = book.sheets()
    visible = [_sheet(book, s) for s in sheets if s.visibility == 0]
    hidden = [s.name for s in sheets if s.visibility != 0]
    return workbook_document(Workbook(visible, hidden), "xls")


def _sheet(book: xlrd.Book, sheet: XlrdSheet) -> Sheet:
    texts = {}
    for r in range(sheet.nrows):
        for c in range(sheet.row_len(r)):
            text = _display(book, sheet.cell(r, c))
            if text.strip():
                texts[(r, c)] = text
    merges = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
    hidden_rows = {r for r, info in sheet.rowinfo_map.items() if info.hidden}
    hidden_cols = {c for c, info in sheet.colinfo_map.items() if info.hidden}
    return Sheet(sheet.name, texts, merges, hidden_rows, hidden_cols)


def _display(book: xlrd.Book, cell: xlrd.sheet.Cell) -> str:
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return display(bool(cell.value), None)
    if cell.ctype not in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):
        return str(cell.value)
    number_format = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            when: dt.datetime = xlrd.xldate_as_datetime(cell.value, book.datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return display(cell.value, "General")
        return display(when, number_format)
    return display(cell.value, number_format)
