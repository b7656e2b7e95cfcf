"""Terminal and machine-readable presentation of rows: rich tables coloured by severity, CSV, JSON.

The CLI only parses arguments and hands rows to these; the HTML report has its own package.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pipeline import severity

FORMATS = ("table", "csv", "json")


def plain_value(value: Any) -> Any:
    """A value JSON can hold without losing anything: decimals as their exact digits."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return plain_value(asdict(value))
    if isinstance(value, dict):
        return {k: plain_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_value(v) for v in value]
    return value


def cell_text(value: Any) -> str:
    """One value as a table or CSV cell: empty for null, JSON for lists and structs."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(plain_value(value), ensure_ascii=False)
    return str(plain_value(value))


def write_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, console: Console) -> None:
    """Rows as a rich table (severity-coloured where a `severity` column exists), CSV or JSON lines."""
    if fmt == "table":
        console.print(rows_table(columns, rows))
    elif fmt == "csv":
        _write_csv(columns, rows, console.file)
    elif fmt == "json":
        records = [dict(zip(columns, (plain_value(v) for v in row), strict=True)) for row in rows]
        console.file.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def _write_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]], stream: IO[str]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell_text(v) for v in row])


def rows_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None) -> Table:
    table = Table(title=title, title_justify="left")
    for name in columns:
        table.add_column(name, overflow="fold")
    at = columns.index("severity") if "severity" in columns else None
    for row in rows:
        style = severity.TERMINAL.get(row[at]) if at is not None else None
        table.add_row(*(escape(cell_text(v)) for v in row), style=style)
    return table


def record_table(
    title: str,
    records: Sequence[Any],
    only: Sequence[str] | None = None,
    skip: Sequence[str] = (),
    transpose: bool = False,
) -> Table:
    """A rich table of dataclass records: one row per record, or field/value rows when `transpose`."""
    names = list(only) if only else [f.name for f in fields(records[0]) if f.name not in skip]
    if transpose:
        table = Table(title=title, title_justify="left")
        table.add_column("field", style="bold")
        table.add_column("value")
        for name in names:
            value = getattr(records[0], name)
            if value is not None:
                table.add_row(name, escape(cell_text(value)))
        return table
    return rows_table(names, [[getattr(r, name) for name in names] for r in records], title=title)


def print_findings(findings: Sequence[Mapping[str, Any]], console: Console) -> None:
    """Failing checks as blocks, most urgent first, coloured by severity: where (file and page, when
    given), check and subject, the two sides and the tolerance, the message, the evidence."""
    for f in sorted(findings, key=lambda f: severity.rank(f["severity"])):
        colour = severity.TERMINAL.get(f["severity"], "white")
        where = ""
        if f.get("file"):
            where = escape(f["file"] + (f" p.{f['page']}" if f.get("page") else "")) + "  "
        console.print(
            f"{where}[{colour}]FAIL {f['severity']}[/{colour}] [bold]{escape(f['check_id'])}[/bold] · "
            + escape(f"{f['subject']}  expected {f['expected']}, actual {f['actual']}")
            + (escape(f" (tolerance {f['tolerance']})") if f.get("tolerance") else "")
        )
        console.print(f"  {f['message']}", markup=False)
        if f.get("evidence"):
            console.print(f"  evidence: {f['evidence']}", markup=False, style="dim")
