"""The one writer of the dataset: row records -> Parquet, staged per run, committed atomically.

On-disk layout (CONTRACT.md):

    <out>/_manifest.json                          schema_version + every committed run
    <out>/<table>/run_id=<run_id>/part-0.parquet  one file per table per run (hive partition)
    <out>/.staging/<run_id>/...                   a run being written (never read)
    <out>/.lock                                   held while committing or cleaning up
    <out>/.writer.lock                            held by the one run (or compaction) writing <out>

The partition supplies the `run_id` column, so files never store it. A run is committed when
the manifest lists it: its table directories are renamed into place first, the manifest is
replaced last. Run directories the manifest does not list are leftovers of a crashed commit;
readers ignore them and the next writer removes them. When a document is processed again
(`--force`) the newest committed run holding its doc_id wins (run ids sort by start time).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, fields, is_dataclass, replace
from datetime import datetime, timezone
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

if TYPE_CHECKING:
    import pyarrow.parquet as pq

from schemas.tables import SCHEMA_VERSION, TABLES, table_schema

MANIFEST = "_manifest.json"
STAGING = ".staging"
LOCK = ".lock"
WRITER_LOCK = ".writer.lock"
PART = "part-0.parquet"
RUN_KEY = "run_id"
ROW_GROUP_ROWS = 20_000


class StoreError(Exception):
    """The dataset cannot be written (or a row does not fit its schema); the message says why."""


class OutputLocked(StoreError):
    """Another process is writing the same output."""


def jixiao_version() -> str:
    try:
        return version("jixiao")
    except PackageNotFoundError:
        return "unknown"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def new_run_id(started: datetime) -> str:
    """Sortable by start time, never all digits (so readers infer a string partition)."""
    return f"{started.strftime('%Y%m%dT%H%M%S%fZ')}-{secrets.token_hex(2)}"


def file_schema(name: str) -> pa.Schema:
    """The schema of a table's Parquet files: the table schema without `run_id` (the partition)."""
    schema = table_schema(name)
    index = schema.get_field_index(RUN_KEY)
    return schema.remove(index) if index >= 0 else schema


def dataset_schema(name: str) -> pa.Schema:
    """What readers see: the file columns plus the `run_id` partition column."""
    return file_schema(name).append(pa.field(RUN_KEY, pa.string()))


# ---- rows -> Arrow -------------------------------------------------------------------------


def _check_values(values: list[Any], type_: pa.DataType) -> None:
    """Reject what pyarrow would silently coerce: floats into integers or decimals, bools into ints.
    The column's type is asked once, not once a value (a run checks ~10^5 values)."""
    present = [value for value in values if value is not None]
    if pa.types.is_decimal(type_):
        wrong = [value for value in present if not isinstance(value, Decimal)]
        if wrong:
            raise TypeError(f"expected Decimal, got {type(wrong[0]).__name__} {wrong[0]!r}")
    elif pa.types.is_integer(type_):
        wrong = [value for value in present if isinstance(value, bool) or not isinstance(value, int)]
        if wrong:
            raise TypeError(f"expected int, got {type(wrong[0]).__name__} {wrong[0]!r}")
    elif pa.types.is_list(type_):
        _check_values([item for value in present for item in value], type_.value_type)


def _arrow_value(value: Any) -> Any:
    """Records nested in a cell (a list of BBox) as the dicts pyarrow builds structs from; their
    coordinates to 0.01 pt (finer than any layout, and 389.28 reads back as 389.28)."""
    if isinstance(value, list):
        return [_arrow_value(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {k: round(v, 2) if isinstance(v, float) else v for k, v in asdict(value).items()}
    return value


def _column(name: str, field: pa.Field, values: list[Any]) -> pa.Array:
    try:
        _check_values(values, field.type)
        if pa.types.is_list(field.type) and pa.types.is_struct(field.type.value_type):
            values = [_arrow_value(value) for value in values]
        array = pa.array(values, type=field.type)
    except (TypeError, ValueError, pa.ArrowException) as exc:
        row = _first_bad_row(values, field.type)
        raise StoreError(f"{name}.{field.name} row {row}: {exc} (column type {field.type})") from exc
    if not field.nullable and array.null_count:
        row = values.index(None)
        raise StoreError(f"{name}.{field.name} row {row}: null in a required column")
    return array


def _first_bad_row(values: list[Any], type_: pa.DataType) -> int | None:
    return next((index for index, value in enumerate(values) if not fits(value, type_)), None)


def rows_to_table(name: str, rows: Sequence[Any]) -> pa.Table:
    """Turn row records of table `name` into an Arrow table with its file schema.

    Every record must be a dataclass whose fields are exactly the table's columns. Decimals must
    fit the column's scale exactly: a value that would lose digits raises StoreError.
    """
    schema = file_schema(name)
    expected = set(table_schema(name).names)
    for index, row in enumerate(rows):
        if not is_dataclass(row) or isinstance(row, type):
            raise StoreError(f"{name} row {index}: expected a row record, got {type(row).__name__}")
        names = {f.name for f in fields(row)}
        if names != expected:
            raise StoreError(
                f"{name} row {index}: {type(row).__name__} fields differ from the schema "
                f"(missing {sorted(expected - names)}, extra {sorted(names - expected)})"
            )
    columns = [_column(name, field, [getattr(row, field.name) for row in rows]) for field in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def fits(value: Any, type_: pa.DataType) -> bool:
    """Can a column of `type_` hold `value` exactly?"""
    try:
        _check_values([value], type_)
        pa.array([_arrow_value(value)], type=type_)
    except (TypeError, ValueError, pa.ArrowException):
        return False
    return True


def fit_rows(name: str, rows: Sequence[Any]) -> tuple[list[Any], list[str]]:
    """The rows of table `name` with every value its column cannot hold taken out, and why.

    A value that does not fit (a 总分 read as 100100.00 in decimal(7,2), a 25-digit amount) costs that
    value: a nullable column gets null, a row whose required column cannot hold its value is dropped.
    Everything else the document said is kept.
    """
    schema = file_schema(name)
    kept: list[Any] = []
    reasons: list[str] = []
    for row in rows:
        changes: dict[str, None] = {}
        dropped = False
        for field in schema:
            value = getattr(row, field.name)
            if value is None or fits(value, field.type):
                continue
            if field.nullable:
                changes[field.name] = None
                reasons.append(f"{name}.{field.name} {value} does not fit {field.type}: value dropped")
            else:
                dropped = True
                reasons.append(f"{name}.{field.name} {value} does not fit {field.type}: row dropped")
        if not dropped:
            kept.append(replace(row, **changes) if changes else row)
    return kept, reasons


# ---- manifest ------------------------------------------------------------------------------


def read_manifest(out: Path) -> dict[str, Any]:
    """The manifest of `out`; an empty one (no runs) where nothing was committed yet."""
    path = Path(out) / MANIFEST
    if not path.exists():
        return {"schema_version": SCHEMA_VERSION, "runs": []}
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read {path}: {exc}") from exc
    return manifest


def committed_run_ids(out: Path) -> list[str]:
    """Committed run ids, oldest first."""
    return sorted(run["run_id"] for run in read_manifest(out)["runs"])


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_manifest(out: Path, manifest: Mapping[str, Any]) -> None:
    temp = out / f".{MANIFEST}.{os.getpid()}.tmp"
    with temp.open("w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, out / MANIFEST)
    _fsync_dir(out)


# ---- locking and recovery ------------------------------------------------------------------


@contextlib.contextmanager
def _locked(path: Path, blocking: bool = True) -> Iterator[bool]:
    """flock `path`; yields False when non-blocking and someone else holds it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # closing releases the lock


def _remove_uncommitted(out: Path) -> None:
    """Delete run directories of crashed commits and staging of runs whose process is gone.

    Caller holds the output lock, so no commit is in flight.
    """
    committed = {f"{RUN_KEY}={run_id}" for run_id in committed_run_ids(out)}
    for name in TABLES:
        table_dir = out / name
        if table_dir.is_dir():
            for child in table_dir.iterdir():
                if child.name.startswith(f"{RUN_KEY}=") and child.name not in committed:
                    shutil.rmtree(child)
    staging = out / STAGING
    if staging.is_dir():
        for run_dir in staging.iterdir():
            with _locked(run_dir / LOCK, blocking=False) as stale:
                if stale:
                    shutil.rmtree(run_dir)


@contextlib.contextmanager
def exclusive(out: Path | str, wait: bool = False) -> Iterator[None]:
    """Be the one writer of `out` for the whole of a run (planning, processing, commit) or a
    compaction. OutputLocked at once when another process holds it, unless `wait`. The lock is an
    flock, so it is released when its holder dies, even by SIGKILL."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out / WRITER_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot write to {out}: {exc}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            raise OutputLocked(
                f"{out} is being written by another jixiao process (pid {holder}); "
                "try again later or pass --wait"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def recover(out: Path) -> None:
    """Bring `out` back to exactly its committed runs (safe to call any time)."""
    out = Path(out)
    if out.is_dir():
        with _locked(out / LOCK):
            _remove_uncommitted(out)


# ---- writer --------------------------------------------------------------------------------


class RunWriter:
    """Writes one run: `add` the rows of each document, then `commit`; abort on any exception.

    Use as a context manager; leaving the block without commit removes the staged files.
    """

    def __init__(self, out: Path | str, started: datetime | None = None) -> None:
        self.out = Path(out)
        self.started = started or utc_now()
        self.run_id = new_run_id(self.started)
        self.rows = dict.fromkeys(TABLES, 0)
        self.status_counts: dict[str, int] = {}
        self._buffers: dict[str, list[pa.Table]] = {name: [] for name in TABLES}
        self._buffered = dict.fromkeys(TABLES, 0)
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._staging = self.out / STAGING / self.run_id
        self._staging_lock: int | None = None

    def __enter__(self) -> RunWriter:
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def open(self) -> None:
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            stored = read_manifest(self.out)["schema_version"]
            if stored != SCHEMA_VERSION:
                raise StoreError(
                    f"{self.out} holds schema_version {stored}; this jixiao writes {SCHEMA_VERSION}: "
                    "use a new output directory"
                )
            recover(self.out)
            self._staging.mkdir(parents=True)
            self._staging_lock = os.open(self._staging / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(self._staging_lock, fcntl.LOCK_EX)
            import pyarrow.parquet as pq  # imported where used: `jixiao --help` starts at once

            for name in TABLES:
                path = self._staged_run_dir(name) / PART
                path.parent.mkdir(parents=True)
                self._writers[name] = pq.ParquetWriter(path, file_schema(name))
        except OSError as exc:
            self.close()
            raise StoreError(f"cannot write to {self.out}: {exc}") from exc

    def _staged_run_dir(self, name: str) -> Path:
        return self._staging / name / f"{RUN_KEY}={self.run_id}"

    def _final_run_dir(self, name: str) -> Path:
        return self.out / name / f"{RUN_KEY}={self.run_id}"

    def add(self, tables: Mapping[str, Sequence[Any]]) -> None:
        """Stage the rows one document contributes (table name -> row records).

        All of the document's rows are validated before any is staged: a StoreError leaves the
        run as it was, so the caller can record the document as failed and go on.
        """
        unknown = set(tables) - set(TABLES)
        if unknown:
            raise StoreError(f"unknown tables {sorted(unknown)}; known: {', '.join(TABLES)}")
        converted = {name: rows_to_table(name, rows) for name, rows in tables.items() if rows}
        for name, table in converted.items():
            self.add_table(name, table)

    def add_table(self, name: str, table: pa.Table) -> None:
        """Stage an Arrow table that already has the table's file schema (compaction)."""
        self._buffers[name].append(table)
        self._buffered[name] += table.num_rows
        self.rows[name] += table.num_rows
        if self._buffered[name] >= ROW_GROUP_ROWS:
            self._flush(name)
        for status in table["status"].to_pylist() if name == "documents" else ():
            self.status_counts[status] = self.status_counts.get(status, 0) + 1

    def _flush(self, name: str) -> None:
        if self._buffers[name]:
            self._writers[name].write_table(pa.concat_tables(self._buffers[name]))
        self._buffers[name] = []
        self._buffered[name] = 0

    def commit(self, replaces: Sequence[str] = (), **run_facts: Any) -> dict[str, Any]:
        """Publish the run; `run_facts` (e.g. files, skipped) go into its manifest record. The
        runs named in `replaces` (compaction) leave the manifest in the same atomic replacement,
        and their files are removed after it.

        Returns the manifest record. On failure the output is left as it was before the run.
        """
        for name in TABLES:
            self._flush(name)
        for writer in self._writers.values():
            writer.close()
        self._writers = {}
        for name in TABLES:
            with (self._staged_run_dir(name) / PART).open("rb+") as handle:
                os.fsync(handle.fileno())
        record = {
            "run_id": self.run_id,
            "started_utc": self.started.isoformat(timespec="seconds"),
            "finished_utc": utc_now().isoformat(timespec="seconds"),
            "jixiao_version": jixiao_version(),
            **run_facts,
            "rows": dict(self.rows),
            "status_counts": dict(sorted(self.status_counts.items())),
        }
        try:
            with _locked(self.out / LOCK):
                _remove_uncommitted(self.out)
                self._publish(record, set(replaces))
                if replaces:
                    _remove_uncommitted(self.out)
        except OSError as exc:
            raise StoreError(f"cannot commit run {self.run_id} to {self.out}: {exc}") from exc
        return record

    def _publish(self, record: dict[str, Any], replaces: set[str]) -> None:
        moved: list[str] = []
        try:
            for name in TABLES:
                self._move_into_place(name)
                moved.append(name)
            manifest = read_manifest(self.out)
            manifest["schema_version"] = SCHEMA_VERSION
            kept = [run for run in manifest["runs"] if run["run_id"] not in replaces]
            manifest["runs"] = [*kept, record]
            _write_manifest(self.out, manifest)
        except BaseException:
            for name in reversed(moved):  # best effort; recover() removes whatever stays
                with contextlib.suppress(OSError):
                    os.rename(self._final_run_dir(name), self._staged_run_dir(name))
            raise

    def _move_into_place(self, name: str) -> None:
        (self.out / name).mkdir(exist_ok=True)
        os.rename(self._staged_run_dir(name), self._final_run_dir(name))

    def close(self) -> None:
        """Release files; an uncommitted run's staging is removed."""
        for writer in self._writers.values():
            with contextlib.suppress(Exception):
                writer.close()
        self._writers = {}
        if self._staging_lock is not None:
            os.close(self._staging_lock)
            self._staging_lock = None
        shutil.rmtree(self._staging, ignore_errors=True)
        with contextlib.suppress(OSError):
            (self.out / STAGING).rmdir()  # only when empty


# ---- readers -------------------------------------------------------------------------------


def run_files(out: Path, name: str, run_ids: Sequence[str]) -> list[str]:
    paths = (out / name / f"{RUN_KEY}={run_id}" / PART for run_id in run_ids)
    return [str(path) for path in paths if path.exists()]


def _scan(out: Path, name: str, run_ids: Sequence[str], columns: list[str] | None) -> pa.Table:
    files = run_files(out, name, run_ids)
    schema = dataset_schema(name)
    if not files:
        table = schema.empty_table()
        return table.select(columns) if columns else table
    import pyarrow.dataset as ds  # imported where used: `jixiao --help` starts at once

    dataset = ds.dataset(
        files,
        schema=schema,  # older runs may lack added columns: they read as null
        format="parquet",
        partitioning=ds.partitioning(pa.schema([pa.field(RUN_KEY, pa.string())]), flavor="hive"),
        partition_base_dir=str(out / name),
    )
    return dataset.to_table(columns=columns)


def newest_runs(out: Path | str) -> dict[str, str]:
    """doc_id -> the newest committed run that processed it."""
    out = Path(out)
    runs = committed_run_ids(out)
    documents = _scan(out, "documents", runs, ["doc_id", RUN_KEY])
    # runs are read oldest first, so later rows overwrite earlier ones
    return dict(zip(documents["doc_id"].to_pylist(), documents[RUN_KEY].to_pylist(), strict=True))


def read_table(out: Path | str, name: str, columns: Sequence[str] | None = None) -> pa.Table:
    """Table `name` as committed: only runs in the manifest, only each doc_id's newest run.

    Columns are those of `dataset_schema(name)` (the contract's columns plus `run_id`).
    """
    out = Path(out)
    runs = committed_run_ids(out)
    needed = None if columns is None else list(dict.fromkeys([*columns, "doc_id", RUN_KEY]))
    table = _scan(out, name, runs, needed)
    newest = newest_runs(out)
    keep = pa.array([f"{doc_id}/{run_id}" for doc_id, run_id in newest.items()], pa.string())
    import pyarrow.compute as pc

    keys = pc.binary_join_element_wise(table["doc_id"], table[RUN_KEY], "/")
    table = table.filter(pc.is_in(keys, value_set=keep))
    return table.select(list(columns)) if columns is not None else table


# ---- compaction ----------------------------------------------------------------------------


def compact(out: Path | str, keep: Callable[[str], bool] | None = None) -> dict[str, Any] | None:
    """Merge every committed run of `out` into one: one file per table, each document's newest
    rows only, every row unchanged but for its `run_id` (the new run's). With `keep`, documents
    it rejects are dropped (`--prune`). The caller holds `exclusive(out)`. Returns the new run's
    manifest record, None when there is nothing committed."""
    out = Path(out)
    runs = committed_run_ids(out)
    if not runs:
        return None
    with RunWriter(out) as writer:
        for name in TABLES:
            table = read_table(out, name)
            if keep is not None:
                mask = [keep(doc_id) for doc_id in table["doc_id"].to_pylist()]
                table = table.filter(pa.array(mask, pa.bool_()))
            writer.add_table(name, table.drop_columns([RUN_KEY]).cast(file_schema(name)))
        return writer.commit(replaces=runs, compacted_runs=len(runs))
