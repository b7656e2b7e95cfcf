"""The dataset as DuckDB views: each table as committed, for each document only its newest run.

`jixiao query`, `jixiao findings` and the README's SQL recipes read these views, so a query
written for one runs unchanged in the others. The newest-run rule is the one
`pipeline.store.read_table` applies (a test holds the two to the same rows).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import severity
from pipeline.store import RUN_KEY, committed_run_ids, dataset_schema, run_files
from schemas.tables import TABLES

if TYPE_CHECKING:
    import duckdb


class NoDataset(Exception):
    """The directory holds no committed run; the message says which directory."""


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def connect(out: Path | str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per table (documents, checks, ...) over `out`'s Parquet."""
    out = Path(out)
    runs = committed_run_ids(out)
    if not runs:
        raise NoDataset(f"{out} holds no committed run; run `jixiao ingest ... --out {out}` first")
    import duckdb  # imported where used: `jixiao --help` starts at once

    con = duckdb.connect()
    for name in TABLES:
        files = run_files(out, name, runs)
        if files:
            listed = ", ".join(_quoted(f) for f in files)
            con.execute(
                f"CREATE VIEW _all_{name} AS SELECT * FROM read_parquet([{listed}], "
                "hive_partitioning = true, union_by_name = true)"
            )
        else:
            con.register(f"_all_{name}", dataset_schema(name).empty_table())
    con.execute(
        f"CREATE VIEW _newest AS SELECT doc_id, max({RUN_KEY}) AS {RUN_KEY} FROM _all_documents GROUP BY doc_id"
    )
    for name in TABLES:
        columns = ", ".join(f"t.{column}" for column in dataset_schema(name).names)
        con.execute(
            f"CREATE VIEW {name} AS SELECT {columns} FROM _all_{name} t "
            f"JOIN _newest n ON t.doc_id = n.doc_id AND t.{RUN_KEY} = n.{RUN_KEY}"
        )
    return con


def describe(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(view, column, type) of every public view, in the tables' order."""
    rows = con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY ordinal_position"
    ).fetchall()
    order = {name: k for k, name in enumerate(TABLES)}
    return sorted(rows, key=lambda row: order.get(row[0], len(order)))


def run_sql(out: Path | str, sql: str) -> tuple[list[str], list[tuple]]:
    """Column names and rows of one SQL statement over the views."""
    con = connect(out)
    try:
        result = con.execute(sql)
        columns = [d[0] for d in result.description] if result.description else []
        return columns, result.fetchall()
    finally:
        con.close()


FINDING_COLUMNS = (
    "file",
    "page",
    "project",
    "severity",
    "check_id",
    "subject",
    "expected",
    "actual",
    "tolerance",
    "message",
    "evidence",
)


def findings(
    out: Path | str, min_severity: str = "info", check_id: str | None = None
) -> tuple[list[str], list[tuple]]:
    """Every failing check of each document's newest run, most urgent first, with its file and page
    (the first figure's page; else the first page the evidence names)."""
    wanted = ", ".join(_quoted(s) for s in severity.at_least(min_severity))
    rank = " ".join(f"WHEN {_quoted(s)} THEN {k}" for k, s in enumerate(severity.ORDER))
    where = f" AND c.check_id = {_quoted(check_id)}" if check_id else ""
    sql = f"""
        SELECT d.source_path AS file,
               coalesce(c.boxes[1].page, try_cast(regexp_extract(c.evidence, 'p\\.(\\d+)', 1) AS INTEGER)) AS page,
               c.project, c.severity, c.check_id, c.subject, c.expected, c.actual, c.tolerance, c.message,
               c.evidence
        FROM checks c JOIN documents d USING (doc_id)
        WHERE c.status = 'fail' AND c.severity IN ({wanted}){where}
        ORDER BY CASE c.severity {rank} ELSE {len(severity.ORDER)} END, file, page NULLS LAST, c.check_id
    """
    return run_sql(out, sql)
