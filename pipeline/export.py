"""Flat exports for spreadsheet users: one CSV or Parquet file, or one XLSX sheet, per table.

Each table is read as committed (newest run per document). The `indicators` export is
denormalised: every indicator row carries its document's metadata (file, year, place, unit), so
districts can be compared without a join. Decimals stay exact: CSV and XLSX cells hold the
digits as written (267.90), lists and boxes are JSON text. With `zh`, column headers are the
data dictionary's Chinese names.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.present import cell_text
from pipeline.store import read_table
from schemas.dictionary import column
from schemas.tables import TABLES

EXPORT_FORMATS = ("csv", "xlsx", "parquet")
# document columns each exported indicator row carries (beside its own `project`)
DOCUMENT_CONTEXT = (
    "source_path",
    "report_type",
    "fiscal_year",
    "province",
    "city",
    "district",
    "entity",
    "total_score",
    "grade_stated",
)
EXCEL_CELL_LIMIT = 32_767  # characters a spreadsheet cell holds


def export_tables(out: Path | str) -> dict[str, pa.Table]:
    """Every table as committed, each `indicators` row with its document's metadata appended."""
    tables = {name: read_table(out, name) for name in TABLES}
    documents = tables["documents"]
    by_id = dict(zip(documents["doc_id"].to_pylist(), documents.to_pylist(), strict=True))
    owners = [by_id.get(doc_id, {}) for doc_id in tables["indicators"]["doc_id"].to_pylist()]
    indicators = tables["indicators"]
    for name in DOCUMENT_CONTEXT:
        type_ = documents.schema.field(name).type
        header = f"document_{name}" if name in indicators.column_names or name == "total_score" else name
        indicators = indicators.append_column(
            pa.field(header, type_), pa.array([owner.get(name) for owner in owners], type_)
        )
    tables["indicators"] = indicators
    return tables


def header(table: str, name: str, zh: bool) -> str:
    """A column's header: its name, or with `zh` its Chinese name from the data dictionary."""
    if not zh:
        return name
    if name.startswith("document_"):
        return "文档" + column("documents", name.removeprefix("document_")).zh
    source = "documents" if table == "indicators" and name in DOCUMENT_CONTEXT else table
    return column(source, name).zh


def export(out: Path | str, to: Path | str, fmt: str, zh: bool = False) -> list[Path]:
    """Write the exports into directory `to` (the .xlsx file for xlsx); returns the files written."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(EXPORT_FORMATS)}")
    tables = export_tables(out)
    to = Path(to)
    if fmt == "xlsx":
        path = to if to.suffix == ".xlsx" else to / "jixiao.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_xlsx(tables, path, zh)
        return [path]
    to.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        headers = [header(name, c, zh) for c in table.column_names]
        path = to / f"{name}.{fmt}"
        if fmt == "parquet":
            pq.write_table(table.rename_columns(headers), path)
        else:
            _write_csv(table, headers, path)
        written.append(path)
    return written


def _write_csv(table: pa.Table, headers: Sequence[str], path: Path) -> None:
    # utf-8-sig: Excel opens a CSV with a byte-order mark as UTF-8 (Chinese text intact)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for row in table.to_pylist():
            writer.writerow([cell_text(v) for v in row.values()])


def _write_xlsx(tables: dict[str, pa.Table], path: Path, zh: bool) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook(write_only=True)
    for name, table in tables.items():
        sheet = book.create_sheet(name)
        sheet.append([header(name, c, zh) for c in table.column_names])
        decimal_columns = {
            c for c, t in zip(table.column_names, table.schema.types, strict=True) if pa.types.is_decimal(t)
        }
        for row in table.to_pylist():
            cells = []
            for key, value in row.items():
                if key in decimal_columns or value is None or isinstance(value, (bool, int)):
                    cells.append(value)  # openpyxl writes a Decimal's own digits
                else:
                    text = ILLEGAL_CHARACTERS_RE.sub("", cell_text(value))  # control characters
                    cells.append(
                        text if len(text) <= EXCEL_CELL_LIMIT else text[: EXCEL_CELL_LIMIT - 1] + "…"
                    )
            sheet.append(cells)
    book.save(path)
