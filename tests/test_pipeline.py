"""Orchestration: discovery, isolation of bad files, executors, incremental runs."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.executors import ProcessPoolExecutor, SerialExecutor, Task
from pipeline.run import discover, execute, file_doc_id, ingest, largest_first, plan_run
from pipeline.store import read_table
from tests.test_store import document_tables

SEED = Path(__file__).resolve().parent.parent / "corpus" / "seed"


@dataclass
class HandMadeResult:
    """Stands in for pipeline.process.DocumentResult (same two attributes)."""

    doc_id: str
    tables: dict[str, list]


def hand_made_work(path: str, source_path: str) -> HandMadeResult:
    """A pure work function whose behaviour the file's first bytes choose."""
    data = Path(path).read_bytes()
    if data.startswith(b"SLEEP"):
        time.sleep(60)
    if data.startswith(b"CRASH"):
        os._exit(3)
    if data.startswith(b"RAISE"):
        raise ValueError("cannot parse\nthis file")
    doc_id = hashlib.sha256(data).hexdigest()
    return HandMadeResult(doc_id, document_tables(doc_id, source=source_path))


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def test_discover_walks_sorted_skips_hidden_and_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_files(
        tmp_path,
        {
            "in/b.pdf": b"1",
            "in/a/z.txt": b"2",
            "in/a/.hidden.txt": b"3",
            "in/.git/config": b"4",
            "in/outputs/documents/x.parquet": b"5",
            "in/c.html": b"6",
        },
    )
    monkeypatch.chdir(tmp_path)
    found = discover(["in", "in/b.pdf"], exclude=["in/outputs"])
    assert found == [
        os.path.join("in", "a", "z.txt"),
        os.path.join("in", "b.pdf"),
        os.path.join("in", "c.html"),
    ]
    assert discover(["./in/c.html"]) == ["./in/c.html"]  # as given
    with pytest.raises(FileNotFoundError, match="missing.pdf"):
        discover(["missing.pdf"])


def test_file_doc_id_is_the_sha256_of_the_bytes(tmp_path: Path) -> None:
    (tmp_path / "f").write_bytes(b"abc" * 1_000_000)
    assert file_doc_id(str(tmp_path / "f")) == hashlib.sha256(b"abc" * 1_000_000).hexdigest()
    assert file_doc_id(str(tmp_path / "nope")) is None


def test_every_file_gets_a_documents_row_and_bad_ones_do_not_stop_the_batch(tmp_path: Path) -> None:
    write_files(
        tmp_path / "in", {"a.pdf": b"good one", "b.pdf": b"RAISE", "c.txt": b"good two", "d.txt": b"good one"}
    )
    summary = ingest([str(tmp_path / "in")], tmp_path / "out", executor=SerialExecutor(), work=hand_made_work)
    documents = read_table(tmp_path / "out", "documents").to_pylist()
    assert sorted(row["source_path"] for row in documents) == [
        str(tmp_path / "in" / n) for n in ("a.pdf", "b.pdf", "c.txt")
    ]
    failed = [row for row in documents if row["status"] == "failed"]
    assert [row["error"] for row in failed] == ["worker error: cannot parse this file"]
    assert summary.status_counts == {"ok": 2, "failed": 1, "skipped": 1}
    assert summary.skipped == [(str(tmp_path / "in" / "d.txt"), f"same bytes as {tmp_path / 'in' / 'a.pdf'}")]
    assert summary.rows["amounts"] == 4 and summary.failed == [
        (str(tmp_path / "in" / "b.pdf"), failed[0]["error"])
    ]
    assert summary.findings == {}


def test_rerun_skips_committed_files_and_force_supersedes_them(tmp_path: Path) -> None:
    write_files(tmp_path / "in", {"a.pdf": b"good one", "b.pdf": b"RAISE", "c.txt": b"good two"})
    out = tmp_path / "out"
    first = ingest([str(tmp_path / "in")], out, work=hand_made_work)
    again = ingest([str(tmp_path / "in")], out, work=hand_made_work)
    assert [reason for _, reason in again.skipped] == ["already in the dataset"] * 2
    assert again.processed == 1  # the failed file is retried
    forced = ingest([str(tmp_path / "in")], out, work=hand_made_work, force=True)
    assert forced.processed == 3 and not forced.skipped
    documents = read_table(out, "documents").to_pylist()
    assert len(documents) == 3 and {row["run_id"] for row in documents} == {forced.run_id}
    assert len(read_table(out, "amounts")) == 4
    assert first.run_id < again.run_id < forced.run_id


def test_process_pool_survives_timeouts_and_crashes(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {"ok1": b"fine", "slow": b"SLEEP", "crash": b"CRASH", "raise": b"RAISE", "ok2": b"also fine"},
    )
    names = ["ok1", "slow", "crash", "raise", "ok2"]
    tasks = [Task(index, str(tmp_path / name), name) for index, name in enumerate(names)]
    started = time.monotonic()
    pool = ProcessPoolExecutor(workers=2, timeout=3, start_method="fork")  # fork: no re-import, fast test
    outcomes = list(pool.run(hand_made_work, tasks))
    assert time.monotonic() - started < 20
    by_name = {outcome.task.source_path: outcome for outcome in outcomes}
    assert sorted(by_name) == sorted(names)
    assert by_name["slow"].error == "timeout after 3 s (--timeout 3)"
    assert by_name["crash"].error == "worker crashed (exit code 3)"
    assert by_name["raise"].error == "worker error: cannot parse this file"
    for name in ("ok1", "ok2"):
        assert by_name[name].error is None
        assert by_name[name].result.tables["documents"][0].total_score == Decimal("91.50")


def test_pool_failures_become_failed_documents_rows(tmp_path: Path) -> None:
    write_files(tmp_path / "in", {"a": b"fine", "b": b"CRASH", "c": b"SLEEP"})
    plan = plan_run([str(tmp_path / "in")], tmp_path / "out")
    pool = ProcessPoolExecutor(workers=2, timeout=2, start_method="fork")
    summary = execute(plan, tmp_path / "out", pool, hand_made_work)
    documents = {
        Path(row["source_path"]).name: row for row in read_table(tmp_path / "out", "documents").to_pylist()
    }
    assert documents["b"]["error"] == "worker crashed (exit code 3)"
    assert documents["c"]["error"] == "timeout after 2 s (--timeout 2)"
    assert documents["c"]["doc_id"] == hashlib.sha256(b"SLEEP").hexdigest()
    assert documents["a"]["status"] == "ok"
    assert summary.status_counts == {"failed": 2, "ok": 1}


def _process_file_importable() -> bool:
    try:
        import pipeline.process  # noqa: F401
    except ImportError:
        return False
    return True


needs_process = pytest.mark.skipif(
    not _process_file_importable(), reason="pipeline.process cannot be imported yet (extractors not landed)"
)


def good_and_bad_reports(folder: Path) -> None:
    folder.mkdir()
    shutil.copy(SEED / "seed.txt", folder / "seed.txt")
    shutil.copy(SEED / "seed.pdf", folder / "seed.pdf")
    write_files(
        folder,
        {
            "empty.pdf": b"",
            "random.pdf": bytes(range(256)) * 40,
            "truncated.pdf": (SEED / "seed.pdf").read_bytes()[:2000],
            "text-really.pdf": "这不是PDF，只是一段文字。\n".encode(),
        },
    )


@needs_process
def test_real_files_good_and_bad_in_one_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good_and_bad_reports(tmp_path / "reports")
    monkeypatch.chdir(tmp_path)
    summary = ingest(["reports"], "out", executor=SerialExecutor())
    folder = tmp_path / "reports"
    documents = {row["source_path"]: row for row in read_table("out", "documents").to_pylist()}
    assert sorted(documents) == sorted(os.path.join("reports", p.name) for p in folder.iterdir())
    for name in ("empty.pdf", "random.pdf", "truncated.pdf"):
        row = documents[os.path.join("reports", name)]
        assert row["status"] == "failed", name
        assert row["error"] and "\n" not in row["error"], name
    assert documents[os.path.join("reports", "text-really.pdf")]["source_format"] == "txt"
    for name in ("seed.txt", "seed.pdf"):
        assert documents[os.path.join("reports", name)]["status"] in ("ok", "partial"), name
    assert summary.processed == 6


@needs_process
@pytest.mark.slow
def test_real_files_through_the_default_process_pool(tmp_path: Path) -> None:
    good_and_bad_reports(tmp_path / "reports")
    summary = ingest(
        [str(tmp_path / "reports")], tmp_path / "out", executor=ProcessPoolExecutor(workers=2, timeout=120)
    )
    serial = ingest([str(tmp_path / "reports")], tmp_path / "serial", executor=SerialExecutor())
    assert summary.status_counts == serial.status_counts and summary.rows == serial.rows
    columns = ["doc_id", "status", "error", "total_score"]
    assert read_table(tmp_path / "out", "documents", columns).sort_by("doc_id") == read_table(
        tmp_path / "serial", "documents", columns
    ).sort_by("doc_id")  # written as they complete: the order differs


def test_a_value_the_schema_cannot_hold_costs_that_value_not_the_document(tmp_path: Path) -> None:
    """A 25-digit figure cannot be stored in decimal(20,2): its row goes, the document is `partial`
    with the reason, and every other figure of the report is kept (issue: nothing lost at write)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "report.txt").write_text(
        "某区教育局2023年度校园维护项目绩效自评报告\n一、资金情况\n"
        "年初预算资金100万元，实际支出95万元，预算执行率95%。统计口径1234567890123456789012345万元。\n",
        encoding="utf-8",
    )
    ingest([str(tmp_path / "in")], tmp_path / "out", executor=SerialExecutor())
    (document,) = read_table(tmp_path / "out", "documents").to_pylist()
    assert document["status"] == "partial" and document["is_report"] is True
    assert "amounts.amount_yuan" in document["error"] and "does not fit" in document["error"]
    amounts = read_table(tmp_path / "out", "amounts").to_pylist()
    assert sorted((a["role"], a["amount_yuan"]) for a in amounts) == [
        ("budget_initial", Decimal("1000000.00")),
        ("spent", Decimal("950000.00")),
    ]
    (rate,) = read_table(tmp_path / "out", "rates").to_pylist()
    assert rate["computed_pct"] == Decimal("95.0000")


def test_a_total_too_large_for_its_column_is_dropped_with_a_reason() -> None:
    """The 总分 row of a real form read as 100100.00 does not fit decimal(7,2): the value is dropped,
    the document row stays."""
    from pipeline.run import fit_tables
    from schemas import DocumentRow

    row = DocumentRow(
        doc_id="d", source_path="f.txt", source_format="txt", status="ok", total_score=Decimal("100100.00")
    )
    fitted = fit_tables({"documents": [row]})
    (kept,) = fitted["documents"]
    assert kept.total_score is None and kept.status == "partial"
    assert kept.error == "documents.total_score 100100.00 does not fit decimal128(7, 2): value dropped"


def test_a_worker_process_loads_no_part_of_the_driver() -> None:
    # what a spawned worker imports: the main module (the `jixiao` script imports pipeline.__main__),
    # the per-file function's module, and what reading a report needs; never the dataset writer's
    # pyarrow (~40 MB a worker) or the CLI
    script = (
        "import sys\n"
        "import pipeline.__main__, pipeline.work\n"
        "from pipeline.process import process_file\n"
        "result = process_file('corpus/samples/000-project_evaluation.pdf')\n"
        "assert result.tables['documents'][0].status == 'ok', result.tables['documents']\n"
        "print(sorted(m for m in ('pyarrow', 'duckdb', 'pipeline.cli', 'pipeline.store') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


def test_workers_get_the_largest_files_first(tmp_path: Path) -> None:
    # a long file handed out last would end the batch with one worker busy and the others idle
    sizes = {"a.txt": 10, "b.txt": 300, "c.txt": 10, "d.txt": 50}
    tasks = []
    for k, (name, size) in enumerate(sizes.items()):
        (tmp_path / name).write_text("x" * size)
        tasks.append(Task(index=k, path=str(tmp_path / name), source_path=name))
    tasks.append(Task(index=4, path=str(tmp_path / "gone.txt"), source_path="gone.txt"))
    assert [t.source_path for t in largest_first(tasks)] == ["b.txt", "d.txt", "a.txt", "c.txt", "gone.txt"]
