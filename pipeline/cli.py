"""`jixiao` command line: parse arguments, call the library, print with rich. Nothing else.

The library is imported inside each command, so `jixiao --help` and `jixiao version` start
without loading pyarrow or the extractors.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from pipeline.run import RunSummary
    from schemas import DocumentRow

EXIT_CODES = (
    "Exit codes: 0 every document ok; 1 some documents failed or are partial (the run is still "
    "committed); 2 usage or configuration error (bad option, missing input, unwritable output); "
    "3 the output is locked by another run (use --wait to queue behind it)."
)

app = typer.Typer(
    help="Turn budget performance-evaluation reports (绩效评价报告) into a checked Parquet dataset.\n\n"
    + EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True)

SEVERITY_ORDER = ("error", "warning", "info")
EXIT_OK, EXIT_DOCUMENTS_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3


@app.command(help="Process reports and commit them to the dataset as one run.\n\n" + EXIT_CODES)
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Report files and folders (folders are read recursively).")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Dataset directory.")] = Path("outputs"),
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Worker processes; 0 = one per CPU, 1 = in-process.")
    ] = 0,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask", help="Run on Dask: local:N starts N worker processes; tcp://host:8786 uses a scheduler."
        ),
    ] = None,
    ship_bytes: Annotated[
        bool, typer.Option("--ship-bytes", help="Send file bytes to Dask workers without this file system.")
    ] = False,
    timeout: Annotated[float, typer.Option(help="Seconds one file may take.")] = 300.0,
    ocr: Annotated[
        bool,
        typer.Option("--ocr/--no-ocr", help="Read image-only pages by OCR when jixiao[ocr] is installed."),
    ] = True,
    force: Annotated[bool, typer.Option("--force", help="Reprocess files already in the dataset.")] = False,
    prune: Annotated[
        bool, typer.Option("--prune", help="Drop documents whose files are no longer among the inputs.")
    ] = False,
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait for another run writing the output instead of exiting 3.")
    ] = False,
    log_json: Annotated[
        bool,
        typer.Option("--log-json", help="One JSON line per document and a summary line on stdout."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    from pipeline.executors import make_executor
    from pipeline.run import default_warm_up, default_work
    from pipeline.run import ingest as run_ingest
    from pipeline.store import OutputLocked, StoreError

    if workers < 0 or timeout <= 0:
        raise typer.BadParameter("--workers must be >= 0 and --timeout > 0")
    try:
        executor = make_executor(
            workers or os.cpu_count() or 1, timeout, dask, warm_up=default_warm_up(), ship_bytes=ship_bytes
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--dask") from exc
    log = _json_logger() if log_json else None
    show_progress = not (quiet or log_json) and console.is_terminal
    try:
        with _progress(show_progress) as advance:

            def on_done(document: DocumentRow) -> None:
                advance(document.source_path)
                if log:
                    log({"event": "document", **_document_fields(document)})

            summary = run_ingest(
                paths, out, executor, default_work(ocr), force=force, prune=prune, wait=wait, on_done=on_done
            )
    except FileNotFoundError as exc:
        raise typer.BadParameter(str(exc), param_hint="PATHS") from exc
    except OutputLocked as exc:
        errors.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(EXIT_LOCKED) from exc
    except StoreError as exc:
        errors.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(EXIT_USAGE) from exc
    if log:
        log({"event": "summary", **_summary_fields(summary)})
    elif not quiet:
        _print_summary(summary)
    raise typer.Exit(EXIT_OK if summary.all_ok else EXIT_DOCUMENTS_FAILED)


def _json_logger() -> Any:
    def log(record: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        sys.stdout.flush()  # a line per document as it is written, for tail -f and log shippers

    return log


def _document_fields(document: DocumentRow) -> dict[str, Any]:
    keys = ("source_path", "doc_id", "status", "error", "source_format", "n_pages", "report_type")
    return {key: getattr(document, key) for key in keys}


def _summary_fields(summary: RunSummary) -> dict[str, Any]:
    return {
        "run_id": summary.run_id,
        "out": summary.out,
        "inputs": summary.inputs,
        "processed": summary.processed,
        "status_counts": summary.status_counts,
        "rows": summary.rows,
        "findings": summary.findings,
        "pruned": summary.pruned,
    }


class _progress:
    """A rich progress bar on a terminal; elsewhere (cron, pipes, CI) nothing."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None

    def __enter__(self) -> Any:
        if not self.enabled:
            return lambda description: None
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            TextColumn("{task.completed} files"),
            TimeElapsedColumn(),
            TextColumn("{task.description}", style="dim"),
            console=console,
        )
        self.bar.start()
        task = self.bar.add_task("", total=None)
        return lambda description: self.bar.update(task, advance=1, description=escape(description))

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _print_summary(summary: RunSummary) -> None:
    console.print(f"run [bold]{summary.run_id}[/bold] committed to {summary.out}")
    if summary.pruned:
        console.print(f"pruned {summary.pruned} documents whose files are gone")
    table = Table(show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("input files", str(summary.inputs))
    for status in ("ok", "partial", "failed", "skipped"):
        table.add_row(f"  {status}", str(summary.status_counts.get(status, 0)))
    for name in ("amounts", "rates", "indicators", "checks", "sections"):
        table.add_row(f"{name} rows", str(summary.rows.get(name, 0)))
    for severity in SEVERITY_ORDER:
        table.add_row(f"findings ({severity})", str(summary.findings.get(severity, 0)))
    console.print(table)
    if summary.failed:
        failed = Table(title="failed files", title_style="red")
        failed.add_column("file", overflow="fold")
        failed.add_column("error", overflow="fold")
        for source, error in summary.failed:
            failed.add_row(escape(source), escape(error))  # "[ocr]" is text, not rich markup
        console.print(failed)


@app.command()
def check(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="One report file.")],
    timeout: Annotated[float, typer.Option(help="Seconds the file may take.")] = 300.0,
) -> None:
    """Process one report and print what was found and checked; writes nothing."""
    from pipeline.limits import Task, run_limited
    from pipeline.process import process_file  # loads the extractors; not needed by other commands

    outcome = run_limited(process_file, Task(0, str(file), str(file)), timeout)
    if outcome.error is not None:
        errors.print(f"[red]error:[/red] {escape(outcome.error)}")
        raise typer.Exit(EXIT_DOCUMENTS_FAILED)
    result = outcome.result
    document = result.document
    console.print(_record_table("document", [document], skip=("run_id",), transpose=True))
    if document.error:
        console.print(f"[yellow]{document.status}:[/yellow] {document.error}")
    for name, columns in (
        ("amounts", ("project", "role", "amount_yuan", "as_written", "page")),
        ("rates", ("project", "name", "stated_pct", "computed_pct", "page")),
        ("indicators", ("project", "row_no", "level1", "level2", "level3", "weight", "score")),
    ):
        rows = result.tables.get(name, [])
        if rows:
            console.print(_record_table(name, rows, only=columns))
    checks = result.tables.get("checks", [])
    failures = sorted(
        (c for c in checks if c.status == "fail"), key=lambda c: (_severity_rank(c.severity), c.check_id)
    )
    for failure in failures:
        colour = "red" if failure.severity == "error" else "yellow"
        console.print(
            f"[{colour}]FAIL {failure.severity}[/{colour}] [bold]{escape(failure.check_id)}[/bold] · "
            + escape(f"{failure.subject}  expected {failure.expected}, actual {failure.actual}")
            + (escape(f" (tolerance {failure.tolerance})") if failure.tolerance else "")
        )
        console.print(f"  {failure.message}", markup=False)
        if failure.evidence:
            console.print(f"  evidence: {failure.evidence}", markup=False, style="dim")
    others = [c for c in checks if c.status != "fail"]
    if others:
        console.print(
            _record_table("other checks", others, only=("status", "check_id", "subject", "project"))
        )
    console.print(f"{len(failures)} failed of {len(checks)} checks")


def _severity_rank(severity: str) -> int:
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)


def _record_table(
    title: str,
    records: Sequence[Any],
    only: Sequence[str] | None = None,
    skip: Sequence[str] = (),
    transpose: bool = False,
) -> Table:
    """A rich table of dataclass records: one row per record, or field/value rows when `transpose`."""
    names = list(only) if only else [f.name for f in fields(records[0]) if f.name not in skip]
    table = Table(title=title, title_justify="left")
    if transpose:
        table.add_column("field", style="bold")
        table.add_column("value")
        for name in names:
            value = getattr(records[0], name)
            if value is not None:
                table.add_row(name, escape(str(value)))
        return table
    for name in names:
        table.add_column(name)
    for record in records:
        cells = [getattr(record, name) for name in names]
        style = "red" if getattr(record, "status", None) == "fail" else None
        table.add_row(*("" if cell is None else escape(str(cell)) for cell in cells), style=style)
    return table


@app.command(name="version")
def show_version() -> None:
    """Print the jixiao version and the dataset schema version."""
    from pipeline.store import jixiao_version
    from schemas import SCHEMA_VERSION

    console.print(f"jixiao {jixiao_version()} (dataset schema {SCHEMA_VERSION})")


@app.command()
def compact(
    out: Annotated[Path, typer.Option("--out", "-o", help="Dataset directory.")] = Path("outputs"),
    wait: Annotated[bool, typer.Option("--wait", help="Wait for a run writing the output.")] = False,
) -> None:
    """Merge the dataset's run files into one per table (each document's newest rows, unchanged)."""
    from pipeline.store import OutputLocked, StoreError, committed_run_ids, exclusive
    from pipeline.store import compact as compact_runs

    if not out.is_dir():
        raise typer.BadParameter(f"no dataset at {out}", param_hint="--out")
    try:
        with exclusive(out, wait=wait):
            before = len(committed_run_ids(out))
            record = compact_runs(out)
    except OutputLocked as exc:
        errors.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(EXIT_LOCKED) from exc
    except StoreError as exc:
        errors.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(EXIT_USAGE) from exc
    if record is None:
        console.print(f"nothing committed in {out}")
    else:
        console.print(
            f"{before} runs merged into run [bold]{record['run_id']}[/bold] ({record['rows']['documents']} documents)"
        )
