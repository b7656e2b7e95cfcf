"""`jixiao` command line: parse arguments, call the library, print with rich. Nothing else.

The library (pyarrow, DuckDB, the extractors) is imported inside each command, so `jixiao --help`
and `jixiao version` start at once.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pipeline import views
from pipeline.executors import make_executor
from pipeline.limits import Limits, run_limited
from pipeline.present import FORMATS, plain_value, print_findings, record_table, write_rows
from pipeline.run import RunSummary, failed_result_tables
from pipeline.severity import ORDER as SEVERITY_ORDER
from pipeline.store import StoreError, jixiao_version
from pipeline.tasks import Task
from pipeline.work import default_work
from schemas.tables import SCHEMA_VERSION

if TYPE_CHECKING:
    from schemas import DocumentRow

T = TypeVar("T")

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
errors = Console(stderr=True, soft_wrap=True)  # one-line errors stay one line
DEFAULT = Limits()

# The per-document limits, shared by `ingest` and `check` (README: "Bad input and limits").
Timeout = Annotated[float, typer.Option(help="Seconds one file may take; then it is failed.")]
MaxMemory = Annotated[int, typer.Option(help="MB of resident memory one file may use.")]
MaxPages = Annotated[int, typer.Option(help="Pages above which a PDF is refused.")]
MaxInput = Annotated[int, typer.Option(help="MB above which a file is refused unread.")]
MaxUnpacked = Annotated[int, typer.Option(help="MB a DOCX, an XLSX or a PDF's streams may unpack to.")]


def _limits(
    timeout: float, max_memory_mb: int, max_pages: int, max_input_mb: int, max_unpacked_mb: int
) -> Limits:
    if min(timeout, max_memory_mb, max_pages, max_input_mb, max_unpacked_mb) <= 0:
        raise typer.BadParameter("--timeout and every --max-* limit must be > 0")
    return Limits(timeout, max_memory_mb, max_pages, max_input_mb, max_unpacked_mb)


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
    timeout: Timeout = DEFAULT.timeout_s,
    max_memory_mb: MaxMemory = DEFAULT.memory_mb,
    max_pages: MaxPages = DEFAULT.max_pages,
    max_input_mb: MaxInput = DEFAULT.max_input_mb,
    max_unpacked_mb: MaxUnpacked = DEFAULT.max_unpacked_mb,
) -> None:
    from pipeline.run import ingest as run_ingest
    from pipeline.store import OutputLocked
    from pipeline.work import default_warm_up

    if workers < 0:
        raise typer.BadParameter("--workers must be >= 0")
    limits = _limits(timeout, max_memory_mb, max_pages, max_input_mb, max_unpacked_mb)
    try:
        executor = make_executor(
            workers or os.cpu_count() or 1, limits, dask, warm_up=default_warm_up(), ship_bytes=ship_bytes
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
                paths,
                out,
                executor,
                default_work(ocr, limits),
                force=force,
                prune=prune,
                wait=wait,
                on_done=on_done,
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
    if any(summary.findings.values()):
        console.print(
            f"see them: jixiao findings --out {summary.out}   (HTML: jixiao report --out {summary.out})"
        )
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
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table (terminal) or json (for other tools).")
    ] = "table",
    timeout: Timeout = DEFAULT.timeout_s,
    max_memory_mb: MaxMemory = DEFAULT.memory_mb,
    max_pages: MaxPages = DEFAULT.max_pages,
    max_input_mb: MaxInput = DEFAULT.max_input_mb,
    max_unpacked_mb: MaxUnpacked = DEFAULT.max_unpacked_mb,
) -> None:
    """Process one report (in a child process, under the limits) and print what was found and
    checked; writes nothing. Exit status 1 when the file failed."""
    _choose(fmt, ("table", "json"), "--format")
    limits = _limits(timeout, max_memory_mb, max_pages, max_input_mb, max_unpacked_mb)
    task = Task(0, str(file), str(file))
    outcome = run_limited(default_work(limits=limits), task, limits)
    if outcome.error is not None:
        tables = failed_result_tables(task, None, outcome.error)
    else:
        tables = outcome.result.tables
    document = tables["documents"][0]
    if fmt == "json":
        console.file.write(json.dumps(plain_value(tables), ensure_ascii=False, indent=2) + "\n")
        raise typer.Exit(1 if document.status == "failed" else 0)
    console.print(record_table("document", [document], skip=("run_id",), transpose=True))
    if document.error:
        console.print(f"[yellow]{document.status}:[/yellow] {escape(document.error)}")
    for name, columns in (
        ("amounts", ("project", "role", "amount_yuan", "as_written", "page")),
        ("rates", ("project", "name", "stated_pct", "computed_pct", "page")),
        ("indicators", ("project", "row_no", "level1", "level2", "level3", "weight", "score")),
    ):
        rows = tables.get(name, [])
        if rows:
            console.print(record_table(name, rows, only=columns))
    checks = tables.get("checks", [])
    failed = [asdict(c) for c in checks if c.status == "fail"]
    print_findings(failed, console)
    others = [c for c in checks if c.status != "fail"]
    if others:
        console.print(record_table("other checks", others, only=("status", "check_id", "subject", "project")))
    console.print(f"{len(failed)} failed of {len(checks)} checks")
    if document.status == "failed":
        raise typer.Exit(1)


def _choose(value: str, choices: tuple[str, ...], option: str) -> None:
    if value not in choices:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}", param_hint=option)


OutOption = Annotated[Path, typer.Option("--out", "-o", help="Dataset directory.")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")]


def _answer(columns: list[str], rows: list[tuple], fmt: str) -> None:
    # csv and json go to stdout whole, unwrapped, for pipes
    target = console if fmt == "table" else Console(file=sys.stdout, width=10_000, highlight=False)
    write_rows(columns, rows, fmt, target)


@app.command()
def findings(
    out: OutOption = Path("outputs"),
    min_severity: Annotated[
        str, typer.Option("--severity", "-s", help="Least severity shown: error, warning or info.")
    ] = "info",
    check_id: Annotated[str | None, typer.Option("--check", "-c", help="Only this check id.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """Every failing check of each document's newest run: file, page, figures and evidence."""

    _choose(min_severity, SEVERITY_ORDER, "--severity")
    _choose(fmt, FORMATS, "--format")
    columns, rows = _with_dataset(lambda: views.findings(out, min_severity, check_id))
    if fmt != "table":
        _answer(columns, rows, fmt)
        return
    found = [dict(zip(columns, row, strict=True)) for row in rows]
    print_findings(found, console)
    counts = {s: sum(1 for f in found if f["severity"] == s) for s in SEVERITY_ORDER}
    console.print(f"{len(found)} findings: " + ", ".join(f"{n} {s}" for s, n in counts.items()))


@app.command()
def query(
    sql: Annotated[str | None, typer.Argument(help="SQL over the views; none lists the views.")] = None,
    out: OutOption = Path("outputs"),
    fmt: FormatOption = "table",
) -> None:
    """Run SQL with DuckDB over views of every table (each document's newest committed run)."""
    import duckdb

    _choose(fmt, FORMATS, "--format")
    if sql is None:
        con = _with_dataset(lambda: views.connect(out))
        _answer(["view", "column", "type"], views.describe(con), fmt)
        return
    try:
        columns, rows = _with_dataset(lambda: views.run_sql(out, sql))
    except duckdb.Error as exc:
        errors.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from exc
    _answer(columns, rows, fmt)


@app.command()
def export(
    to: Annotated[Path, typer.Option("--to", "-t", help="Folder for csv/parquet; folder or .xlsx file.")],
    out: OutOption = Path("outputs"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, xlsx or parquet.")] = "csv",
    zh: Annotated[
        bool, typer.Option("--zh", help="Chinese column headers (from the data dictionary).")
    ] = False,
) -> None:
    """Flat files for spreadsheets: one per table, indicators joined with their documents."""
    from pipeline.export import EXPORT_FORMATS
    from pipeline.export import export as write_export

    _choose(fmt, EXPORT_FORMATS, "--format")
    written = _with_dataset(lambda: write_export(out, to, fmt, zh=zh))
    for path in written:
        console.print(f"wrote {path}")


@app.command()
def report(
    dest: Annotated[Path, typer.Option("--html", help="Folder the report is written to.")] = Path("report"),
    out: OutOption = Path("outputs"),
    sources: Annotated[
        Path, typer.Option(help="Folder the dataset's relative source paths start from.")
    ] = Path("."),
) -> None:
    """Write the HTML audit report: overview, findings, documents, one page per document."""
    from pipeline.report import build_report  # renders pages; not needed by other commands

    index = _with_dataset(lambda: build_report(out, dest, sources))
    console.print(f"wrote {index}")


def _with_dataset(action: Callable[[], T]) -> T:
    """Run `action`; a missing or unreadable dataset is a one-line error and exit 1."""
    from pipeline.store import StoreError

    try:
        return action()
    except (views.NoDataset, FileNotFoundError, StoreError) as exc:
        errors.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from exc


@app.command(name="version")
def show_version() -> None:
    """Print the jixiao version and the dataset schema version."""

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
