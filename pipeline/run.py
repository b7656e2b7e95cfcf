"""Orchestration: discover input files, skip what is committed, process each file in isolation,
write every result through the store, and summarise the run.

Every input file that is processed gets exactly one `documents` row, whatever happens to it.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.version import EXTRACTOR_VERSION
from pipeline.executors import Executor, Outcome, SerialExecutor, Task, Work
from pipeline.store import RunWriter, StoreError, compact, exclusive, fit_rows, newest_runs, read_table
from pipeline.work import default_work
from schemas import DocumentRow


def discover(paths: Sequence[str], exclude: Iterable[str | Path] = ()) -> list[str]:
    """Every file under `paths`, as paths the way the user wrote them (relative stays relative).

    Folders are walked recursively, their files sorted by path, skipping hidden files and folders and the
    `exclude` folders (our own output); arguments keep their order; a file reached twice counts once.
    FileNotFoundError names a path that does not exist.
    """
    excluded = {os.path.realpath(path) for path in exclude}
    found: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        resolved = os.path.realpath(path)  # a symlink loop stays itself (Path.resolve raises on 3.11)
        if resolved not in seen:
            seen.add(resolved)
            found.append(path)

    for given in paths:
        if os.path.isfile(given):
            add(given)
        elif os.path.isdir(given):
            inside: list[str] = []
            for root, dirs, files in os.walk(given):
                dirs[:] = [
                    name
                    for name in dirs
                    if not name.startswith(".") and os.path.realpath(os.path.join(root, name)) not in excluded
                ]
                inside.extend(os.path.join(root, name) for name in files if not name.startswith("."))
            for path in sorted(inside):
                add(path)
        else:
            raise FileNotFoundError(f"no such file or directory: {given}")
    return found


def file_doc_id(path: str) -> str | None:
    """sha256 hex of the file's bytes (the doc_id process_file gives it); None if unreadable or not
    a regular file (opening a named pipe would block)."""
    digest = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


@dataclass
class Plan:
    tasks: list[Task]
    skipped: list[tuple[str, str]]  # (source_path, reason)
    doc_ids: dict[str, str | None]  # source_path -> doc_id known before processing
    inputs: int
    present: set[str] = field(default_factory=set)  # doc_ids of every input file (for --prune)


def plan_run(
    paths: Sequence[str], out: Path | str, force: bool = False, sources: Sequence[str] | None = None
) -> Plan:
    """Decide what to process: every discovered file (or `sources`, already discovered), except
    (unless `force`) files whose document is already committed with status ok or partial by this
    extractor version (failed ones are retried, older versions re-extracted), and byte-identical
    copies of a file earlier in this run."""
    sources = discover(paths, exclude=[out]) if sources is None else sources
    current: set[str] = set()
    if not force:
        documents = read_table(out, "documents", ["doc_id", "status", "extractor_version"])
        current = {
            doc_id
            for doc_id, status, version in zip(
                *(documents[name].to_pylist() for name in ("doc_id", "status", "extractor_version")),
                strict=True,
            )
            if status in ("ok", "partial") and version == EXTRACTOR_VERSION
        }
    plan = Plan(tasks=[], skipped=[], doc_ids={}, inputs=len(sources))
    first_of: dict[str, str] = {}
    for source in sources:
        doc_id = file_doc_id(source)
        plan.present.add(doc_id or unreadable_doc_id(source))
        if doc_id is not None and doc_id in first_of:
            plan.skipped.append((source, f"same bytes as {first_of[doc_id]}"))
        elif doc_id is not None and doc_id in current:
            plan.skipped.append((source, "already in the dataset"))
        else:
            if doc_id is not None:
                first_of[doc_id] = source
            plan.doc_ids[source] = doc_id
            plan.tasks.append(Task(index=len(plan.tasks), path=source, source_path=source))
    return plan


def largest_first(tasks: list[Task]) -> list[Task]:
    """The tasks in the order they are handed to workers: the largest files first (a scanned PDF,
    a long report), so that the batch does not end with one worker on a long file while the
    others wait; files of one size keep their input order."""

    def size(task: Task) -> int:
        try:
            return os.stat(task.path).st_size
        except OSError:
            return 0  # the worker reports why it cannot be read

    return sorted(tasks, key=size, reverse=True)  # a stable sort, reversed or not


def unreadable_doc_id(source_path: str) -> str:
    """The doc_id of a file that could not be read: the sha256 of its path."""
    return hashlib.sha256(source_path.encode()).hexdigest()


@dataclass
class RunSummary:
    run_id: str
    out: str
    inputs: int
    processed: int
    skipped: list[tuple[str, str]]
    status_counts: dict[str, int]
    rows: dict[str, int]
    findings: dict[str, int]  # failed checks by severity
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source_path, error)
    pruned: int = 0  # documents dropped by --prune

    @property
    def all_ok(self) -> bool:
        """No document failed or came out partial (exit code 0 rather than 1)."""
        return not self.status_counts.get("failed") and not self.status_counts.get("partial")


def failed_result_tables(task: Task, doc_id: str | None, error: str) -> dict[str, list[Any]]:
    """The rows of a file whose processing produced nothing usable: one failed documents row."""
    row = DocumentRow(
        doc_id=doc_id or unreadable_doc_id(task.source_path),
        source_path=task.source_path,
        source_format=None,
        status="failed",
        error=error,
        extractor_version=EXTRACTOR_VERSION,
    )
    return {"documents": [row]}


def execute(
    plan: Plan,
    out: Path | str,
    executor: Executor | None = None,
    work: Work | None = None,
    on_done: Callable[[DocumentRow], None] | None = None,
    prune: bool = False,
) -> RunSummary:
    """Run `plan`'s tasks through `executor` and commit one run to `out`; with `prune`, then drop
    the documents of files no longer among the inputs. The caller holds `exclusive(out)`.

    Results are written as they complete, so one slow file holds back no other.
    `on_done(documents_row)` is called as each file is written. StoreError when the output
    cannot be written; nothing is committed then.
    """
    executor = executor or SerialExecutor()
    work = work or default_work()
    findings: Counter[str] = Counter()
    failed: list[tuple[str, str]] = []
    with RunWriter(out) as writer:
        for outcome in executor.run(work, largest_first(plan.tasks)):
            tables = _add(writer, _tables_of(outcome, plan), outcome.task, plan)
            _tally(tables, findings, failed)
            if on_done:
                on_done(tables["documents"][0])
        record = writer.commit(
            files={"inputs": plan.inputs, "processed": len(plan.tasks), "skipped": len(plan.skipped)}
        )
    status_counts = dict(record["status_counts"])
    if plan.skipped:
        status_counts["skipped"] = len(plan.skipped)
    pruned = prune_missing(out, plan.present) if prune else 0
    return RunSummary(
        run_id=record["run_id"],
        out=str(out),
        inputs=plan.inputs,
        processed=len(plan.tasks),
        skipped=plan.skipped,
        status_counts=status_counts,
        rows=record["rows"],
        findings=dict(findings),
        failed=failed,
        pruned=pruned,
    )


def prune_missing(out: Path | str, present: set[str]) -> int:
    """Drop the documents whose files are not among `present` (doc_ids); how many were dropped.
    The dataset is rewritten (compacted) only when there is something to drop."""
    gone = set(newest_runs(out)) - present
    if gone:
        compact(out, keep=lambda doc_id: doc_id not in gone)
    return len(gone)


def _add(writer: RunWriter, tables: dict[str, list[Any]], task: Task, plan: Plan) -> dict[str, list[Any]]:
    """Stage one document's rows; the rows actually written."""
    try:
        writer.add(tables)
    except StoreError:  # values the schema cannot hold cost those values, not the document
        tables = fit_tables(tables)
        try:
            writer.add(tables)
        except StoreError as exc:  # a malformed record (a bug): fail its file, not the run
            tables = failed_result_tables(task, plan.doc_ids.get(task.source_path), f"invalid rows: {exc}")
            writer.add(tables)
    return tables


def fit_tables(tables: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """A document's tables with the values their columns cannot hold dropped (store.fit_rows); the
    document becomes `partial`, its error saying what was dropped."""
    fitted: dict[str, list[Any]] = {}
    reasons: list[str] = []
    for name, rows in tables.items():
        fitted[name], dropped = fit_rows(name, rows)
        reasons += dropped
    for row in fitted.get("documents", []):
        if reasons and row.status == "ok":
            row.status = "partial"
        if reasons:
            row.error = "; ".join(filter(None, [row.error, *reasons]))[:300]
    return fitted


def _tables_of(outcome: Outcome, plan: Plan) -> dict[str, list[Any]]:
    if outcome.error is not None:
        return failed_result_tables(outcome.task, plan.doc_ids.get(outcome.task.source_path), outcome.error)
    tables: dict[str, list[Any]] = outcome.result.tables
    return tables


def _tally(tables: dict[str, list[Any]], findings: Counter[str], failed: list[tuple[str, str]]) -> None:
    for check in tables.get("checks", ()):
        if check.status == "fail":
            findings[check.severity] += 1
    for document in tables["documents"]:
        if document.status == "failed":
            failed.append((document.source_path, document.error or ""))


def ingest(
    paths: Sequence[str],
    out: Path | str,
    executor: Executor | None = None,
    work: Work | None = None,
    force: bool = False,
    prune: bool = False,
    wait: bool = False,
    on_done: Callable[[DocumentRow], None] | None = None,
) -> RunSummary:
    """Discover, plan, process and commit as the one writer of `out` (the library form of
    `jixiao ingest`). FileNotFoundError for a missing input, before `out` is touched;
    OutputLocked when another run holds `out` and not `wait`."""
    sources = discover(paths, exclude=[out])
    with exclusive(out, wait=wait):
        plan = plan_run(paths, out, force=force, sources=sources)
        return execute(plan, out, executor=executor, work=work, on_done=on_done, prune=prune)
