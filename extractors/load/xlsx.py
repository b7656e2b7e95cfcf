"""XLSX with openpyxl: cached values of formulas, number formats, merged ranges, hidden rows,
columns and sheets. (python-calamine reads faster but gives neither number formats nor merges,
and a form's figures are read with the decimals its format shows.)"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from zlib import error as zlib_error

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from extractors.document import Document, LoadError
from extractors.load.numfmt import display
from extractors.load.parts import chunks, count
from extractors.load.sheets import Sheet, Workbook, workbook_document
from extractors.text.normalise import normalise_text

# What one workbook may hold, counted in the sheets' XML before openpyxl makes an object of each
# cell (about 1 KB apiece with its formatting: a million cells is over the memory cap). Real
# forms have a few thousand cells; openpyxl also makes a cell of every one a merged range covers.
MAX_CELLS = 300_000
MAX_MERGED_CELLS = 3_000_000
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?\"")


def load_xlsx(data: bytes) -> Document:
    """The visible sheets of an XLSX; the caller refuses zip bombs first (pipeline.limits)."""
    _check_sizes(data)
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


def _check_sizes(data: bytes) -> None:
    """LoadError for a workbook whose sheets hold more cells, or merge more, than the caps."""
    cells = merged = strings = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    for buffer, end in chunks(archive, name):
                        cells += sum(1 for m in _CELL.finditer(buffer) if m.start() < end)
                        merged += sum(_area(m) for m in _MERGE.finditer(buffer) if m.start() < end)
                elif name == "xl/sharedStrings.xml":
                    strings += count(archive, name, _STRING)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib_error):
        return  # openpyxl says what is wrong with the package
    if cells > MAX_CELLS:
        raise LoadError(f"refused XLSX: {cells} cells > {MAX_CELLS}")
    if strings > MAX_CELLS:
        raise LoadError(f"refused XLSX: {strings} shared strings > {MAX_CELLS}")
    if merged > MAX_MERGED_CELLS:
        raise LoadError(f"refused XLSX: merged ranges cover {merged} cells > {MAX_MERGED_CELLS}")


def _area(match: re.Match[bytes]) -> int:
    col0, row0, col1, row1 = match.groups()
    rows = int(row1 or row0) - int(row0) + 1
    cols = _column(col1 or col0) - _column(col0) + 1
    return max(rows, 1) * max(cols, 1)


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
