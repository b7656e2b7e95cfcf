"""XLSX with openpyxl: cached values of formulas, number formats, merged ranges, hidden rows,
columns and sheets. (python-calamine reads faster but gives neither number formats nor merges,
and a form's figures are read with the decimals its format shows.)"""

from __future__ import annotations

import io
import warnings

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from extractors.document import Document, LoadError
from extractors.load.numfmt import display
from extractors.load.sheets import Sheet, Workbook, workbook_document
from extractors.text.normalise import normalise_text


def load_xlsx(data: bytes) -> Document:
    """The visible sheets of an XLSX; the caller refuses zip bombs first (pipeline.limits)."""
    try:
        # data_only: a formula cell gives the value last calculated and saved, as a reader saw it
        with warnings.catch_warnings():  # "extension is not supported": parts a reader does not see
            warnings.simplefilter("ignore", UserWarning)
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types on broken packages
        raise LoadError(f"corrupt XLSX: {' '.join(str(exc).split())[:200]}") from exc
    visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    hidden = [ws.title for ws in book.worksheets if ws.sheet_state != "visible"]
    title = normalise_text(book.properties.title or "") or None
    return workbook_document(Workbook([_sheet(ws) for ws in visible], hidden, title), "xlsx")


def _sheet(ws: Worksheet) -> Sheet:
    # the cells the file holds: iter_rows() would make up every cell of the used rectangle, and one
    # formatted cell at row 1048576 makes that rectangle a million rows
    texts = {
        (row - 1, col - 1): text
        for (row, col), cell in ws._cells.items()
        if cell.value is not None and (text := display(cell.value, cell.number_format)).strip()
    }
    merges = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges]
    hidden_rows = {r - 1 for r, dim in ws.row_dimensions.items() if dim.hidden}
    hidden_cols = {
        c - 1
        for dim in ws.column_dimensions.values()
        if dim.hidden and dim.min is not None and dim.max is not None
        for c in range(dim.min, dim.max + 1)
    }
    return Sheet(ws.title, texts, merges, hidden_rows, hidden_cols)
