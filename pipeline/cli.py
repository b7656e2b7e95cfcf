"""`jixiao` command line: parse arguments, call the library, print with rich. Nothing else."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.executors import make_executor
from pipeline.limits import Limits, run_limited
from pipeline.run import RunSummary, default_work, execute, failed_result_tables, plan_run
from pipeline.store import StoreError, jixiao_version
from pipeline.tasks import Task
from schemas import SCHEMA_VERSION

app = typer.Typer(
    help="Turn budget performance-evaluation reports (绩效评价报告) into a checked Parquet dataset.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
errors = Console(stderr=True)

SEVERITY_ORDER = ("error", "warning", "info")
DEFAULT = Limits()

# The per-document limits, shared by `ingest` and `check` (README: "Bad input and limits").
Timeout = Annotated[float, typer.Option(help="Seconds one file may take; then it is failed.")]
MaxMemory = Annotated[int, typer.Option(help="MB of resident memory one file may use.")]
MaxPages = Annotated[int, typer.Option(help="Pages above which a PDF is refused.")]
MaxInput = Annotated[int, typer.Option(help="MB above which a file is refused unread.")]
MaxUnpacked = Annotated[int, typer.Option(help="MB a DOCX or a PDF's streams may unpack to.")]


def _limits(
    timeout: float, max_memory_mb: int, max_pages: int, max_input_mb: int, max_unpacked_mb: int
) -> Limits:
    if min(timeout, max_memory_mb, max_pages, max_input_mb, max_unpacked_mb) <= 0:
        raise typer.BadParameter("--timeout and every --max-* limit must be > 0")
    return Limits(timeout, max_memory_mb, max_pages, max_input_mb, max_unpacked_mb)


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Report files and folders (folders are read recursively).")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Dataset directory.")] = Path("outputs"),
    workers: Annotated[
        int, typer.Option("--workers", "-w", help="Worker processes; 0 = one per CPU, 1 = in-process.")
    ] = 0,
    ocr: Annotated[
        bool,
        typer.Option("--ocr/--no-ocr", help="Read image-only pages by OCR when jixiao[ocr] is installed."),
    ] = True,
    force: Annotated[bool, typer.Option("--force", help="Reprocess files already in the dataset.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    timeout: Timeout = DEFAULT.timeout_s,
    max_memory_mb: MaxMemory = DEFAULT.memory_mb,
    max_pages: MaxPages = DEFAULT.max_pages,
    max_input_mb: MaxInput = DEFAULT.max_input_mb,
    max_unpacked_mb: MaxUnpacked = DEFAULT.max_unpacked_mb,
) -> None:
    """Process reports and commit them to the dataset as one run. Exit status 1 when a file failed."""
    if workers < 0:
        raise typer.BadParameter("--workers must be >= 0")
    limits = _limits(timeout, max_memory_mb, max_pages, max_input_mb, max_unpacked_mb)
    try:
        plan = plan_run(paths, out, force=force)
    except FileNotFoundError as exc:
        raise typer.BadParameter(str(exc), param_hint="PATHS") from exc
    except StoreError as exc:
        errors.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from exc
    executor = make_executor(workers or os.cpu_count() or 1, limits)
    try:
        if quiet:
            summary = execute(plan, out, executor, work=default_work(ocr, limits))
        else:
            with Progress(
                TextColumn("[bold]ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}", style="dim"),
                console=console,
            ) as progress:
                bar = progress.add_task("", total=len(plan.tasks))
                summary = execute(
                    plan,
                    out,
                    executor,
                    work=default_work(ocr, limits),
                    on_done=lambda source: progress.update(bar, advance=1, description=source),
                )
    except StoreError as exc:
        errors.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(1) from exc
    if not quiet:
        _print_summary(summary)
    if summary.failed:
        raise typer.Exit(1)


def _print_summary(summary: RunSummary) -> None:
    console.print(f"run [bold]{summary.run_id}[/bold] committed to {summary.out}")
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
    timeout: Timeout = DEFAULT.timeout_s,
    max_memory_mb: MaxMemory = DEFAULT.memory_mb,
    max_pages: MaxPages = DEFAULT.max_pages,
    max_input_mb: MaxInput = DEFAULT.max_input_mb,
    max_unpacked_mb: MaxUnpacked = DEFAULT.max_unpacked_mb,
) -> None:
    """Process one report (in a child process, under the limits) and print what was found and
    checked; writes nothing. Exit status 1 when the file failed."""
    limits = _limits(timeout, max_memory_mb, max_pages, max_input_mb, max_unpacked_mb)
    task = Task(0, str(file), str(file))
    outcome = run_limited(default_work(limits=limits), task, limits)
    if outcome.error is not None:
        tables = failed_result_tables(task, None, outcome.error)
    else:
        tables = outcome.result.tables
    document = tables["documents"][0]
    console.print(_record_table("document", [document], skip=("run_id",), transpose=True))
    if document.error:
        console.print(f"[yellow]{document.status}:[/yellow] {document.error}")
    for name, columns in (
        ("amounts", ("project", "role", "amount_yuan", "as_written", "page")),
        ("rates", ("project", "name", "stated_pct", "computed_pct", "page")),
        ("indicators", ("project", "row_no", "level1", "level2", "level3", "weight", "score")),
    ):
        rows = tables.get(name, [])
        if rows:
            console.print(_record_table(name, rows, only=columns))
    checks = tables.get("checks", [])
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
    if document.status == "failed":
        raise typer.Exit(1)


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
    console.print(f"jixiao {jixiao_version()} (dataset schema {SCHEMA_VERSION})")
