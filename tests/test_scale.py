"""Nightly ingestion: per-document time limits in every executor, Dask against the local pool,
a run killed by SIGKILL, the writer lock and exit codes, versions, --prune and compaction."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.executors import ProcessPoolExecutor, Task, make_executor
from pipeline.limits import Limits
from pipeline.run import execute, ingest, plan_run
from pipeline.store import MANIFEST, OutputLocked, committed_run_ids, exclusive, read_table
from schemas.tables import TABLES
from tests.test_pipeline import SEED, hand_made_work, needs_process, write_files

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus" / "samples"


def spin(path: str, source_path: str) -> None:
    """A parser stuck in a Python loop: what a hung pdfminer looks like."""
    while True:
        pass


def test_one_worker_stops_a_hung_document() -> None:
    started = time.monotonic()
    outcomes = list(make_executor(1, Limits(timeout_s=1)).run(spin, [Task(0, "a", "a")]))
    assert time.monotonic() - started < 60
    assert outcomes[0].error is not None and outcomes[0].error.startswith("timeout")


def sample_corpus(folder: Path) -> Path:
    """A mixed corpus: PDF (text and tables), DOCX, HTML, text, GB18030 text, and an empty file."""
    folder.mkdir()
    for name in (
        "000-project_evaluation.pdf",
        "001-self_evaluation_table.pdf",
        "003-self_evaluation_yuan.docx",
        "005-department_overall.html",
        "007-text_copy.gbk.txt",
    ):
        shutil.copy(SAMPLES / name, folder / name)
    shutil.copy(SEED / "seed.txt", folder / "seed.txt")
    (folder / "empty.pdf").write_bytes(b"")
    return folder


def table_rows(out: Path, name: str) -> list[tuple]:
    """Every row of the table without its run, in a fixed order."""
    rows = read_table(out, name).drop_columns(["run_id"]).to_pylist()
    return sorted((tuple(sorted((k, repr(v)) for k, v in row.items())) for row in rows), key=repr)


@needs_process
@pytest.mark.slow
def test_dask_local_cluster_writes_the_same_dataset_as_the_local_pool(tmp_path: Path) -> None:
    from pipeline.dask_executor import DaskExecutor, local_cluster
    from pipeline.process import process_file, warm_up

    folder = sample_corpus(tmp_path / "in")
    local = ingest([str(folder)], tmp_path / "local", ProcessPoolExecutor(2, timeout=120), process_file)
    dask = DaskExecutor("local:2", Limits(timeout_s=120), warm_up=warm_up)
    distributed = ingest([str(folder)], tmp_path / "dask", dask, process_file)
    assert local.status_counts == distributed.status_counts == {"ok": 6, "failed": 1}
    for name in TABLES:
        assert table_rows(tmp_path / "dask", name) == table_rows(tmp_path / "local", name), name
    assert len(table_rows(tmp_path / "dask", "indicators")) > 20  # the comparison compared something
    # a running scheduler, by its address, with the files' bytes shipped to the workers
    with local_cluster(2) as cluster:
        shipped = DaskExecutor(cluster.scheduler_address, Limits(timeout_s=120), ship_bytes=True)
        ingest([str(folder)], tmp_path / "shipped", shipped, process_file)
    for name in TABLES:
        assert table_rows(tmp_path / "shipped", name) == table_rows(tmp_path / "local", name), name
    assert len(read_table(tmp_path / "dask", "pages")) == 4  # two PDFs of 3 and 1 pages


def test_dask_addresses_are_checked() -> None:
    from pipeline.dask_executor import parse_address

    assert parse_address("local:3") == ("local", 3)
    assert parse_address("tcp://10.0.0.5:8786") == ("tcp://10.0.0.5:8786", None)
    for bad in ("local:0", "local:x", "10.0.0.5:8786"):
        with pytest.raises(ValueError, match="--dask"):
            parse_address(bad)


def jixiao(*args: str, cwd: Path, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def distinct_reports(folder: Path, count: int, start: int = 0) -> None:
    """`count` distinct text reports (the seed's text with a different last line each)."""
    text = (SEED / "seed.txt").read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(start, start + count):
        (folder / f"r{index:02d}.txt").write_text(f"{text}\n（第{index}份）\n", encoding="utf-8")


@needs_process
@pytest.mark.slow
def test_a_run_killed_mid_batch_leaves_the_last_commit_and_a_rerun_completes(tmp_path: Path) -> None:
    distinct_reports(tmp_path / "in", 2)
    first = jixiao("ingest", "in", "--out", "out", "--workers", "1", "--quiet", cwd=tmp_path)
    assert first.wait(timeout=300) == 0, first.stderr.read() if first.stderr else ""
    committed = table_rows(tmp_path / "out", "documents")
    distinct_reports(tmp_path / "in" / "more", 6, start=2)
    run = jixiao("ingest", "in", "--out", "out", "--workers", "1", "--log-json", cwd=tmp_path)
    assert run.stdout is not None
    line = json.loads(run.stdout.readline())  # the first new document is staged: kill mid-batch
    assert line["event"] == "document" and line["status"] == "ok"
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    assert table_rows(tmp_path / "out", "documents") == committed
    assert len(committed_run_ids(tmp_path / "out")) == 1
    again = jixiao("ingest", "in", "--out", "out", "--workers", "1", "--quiet", cwd=tmp_path)
    assert again.wait(timeout=600) == 0
    documents = read_table(tmp_path / "out", "documents").to_pylist()
    paths = sorted(row["source_path"] for row in documents)
    assert paths == sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "in").rglob("*.txt"))
    assert len({row["doc_id"] for row in documents}) == len(documents) == 8
    assert not (tmp_path / "out" / ".staging").exists()


def test_a_second_writer_exits_3_at_once_or_waits(tmp_path: Path) -> None:
    write_files(tmp_path / "in", {"a.txt": "二〇二一年度项目支出绩效评价报告".encode()})
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with exclusive(tmp_path / "out"):
        with pytest.raises(OutputLocked), exclusive(tmp_path / "out"):
            pass
        locked = jixiao("ingest", "in", "--out", "out", "--workers", "1", cwd=tmp_path, env=env)
        assert locked.wait(timeout=120) == 3
        assert locked.stderr is not None and "being written by another jixiao process" in locked.stderr.read()
        waiting = jixiao(
            "ingest", "in", "--out", "out", "--workers", "1", "--wait", "-q", cwd=tmp_path, env=env
        )
        time.sleep(2)
        assert waiting.poll() is None  # queued behind the lock
    assert waiting.wait(timeout=300) in (0, 1)
    assert len(read_table(tmp_path / "out", "documents")) == 1


def test_exit_codes(tmp_path: Path) -> None:
    write_files(tmp_path / "in", {"data.json": b'{"not": "a report"}', "blob.bin": b"\x00\x01\x02binary"})
    usage = jixiao("ingest", "missing", "--out", "out", cwd=tmp_path)
    assert usage.wait(timeout=120) == 2
    bad_dask = jixiao("ingest", "in", "--out", "out", "--dask", "nowhere", cwd=tmp_path)
    assert bad_dask.wait(timeout=120) == 2
    failed = jixiao("ingest", "in", "--out", "out", "--workers", "1", "-q", cwd=tmp_path)
    assert failed.wait(timeout=300) == 1  # the binary blob is not a supported format: a failed row
    rows = {Path(r["source_path"]).name: r for r in read_table(tmp_path / "out", "documents").to_pylist()}
    assert (
        rows["blob.bin"]["status"] == "failed"
        and "not a supported format (binary)" in rows["blob.bin"]["error"]
    )
    # JSON data beside the reports is recognised and recorded, not a failure
    assert (rows["data.json"]["status"], rows["data.json"]["report_type"]) == ("ok", "not_report")
    (tmp_path / "in" / "blob.bin").unlink()
    only_data = jixiao("ingest", "in", "--out", "out2", "--workers", "1", "-q", cwd=tmp_path)
    assert only_data.wait(timeout=300) == 0
    help_text = subprocess.run(
        [sys.executable, "-m", "pipeline", "ingest", "--help"], capture_output=True, text=True, timeout=60
    ).stdout
    assert "Exit codes" in help_text and "locked" in help_text


def test_a_newer_extractor_version_reextracts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(tmp_path / "in", {"a": b"fine", "b": b"also fine"})
    ingest([str(tmp_path / "in")], tmp_path / "out", work=hand_made_work)
    assert plan_run([str(tmp_path / "in")], tmp_path / "out").tasks == []
    monkeypatch.setattr("pipeline.run.EXTRACTOR_VERSION", "9999.1")
    assert len(plan_run([str(tmp_path / "in")], tmp_path / "out").tasks) == 2


def test_prune_drops_missing_files_and_compact_keeps_every_row(tmp_path: Path) -> None:
    write_files(tmp_path / "in", {"a": b"fine", "b": b"also fine", "c": b"third"})
    ingest([str(tmp_path / "in")], tmp_path / "out", work=hand_made_work)
    write_files(tmp_path / "in", {"d": b"fourth"})
    ingest([str(tmp_path / "in")], tmp_path / "out", work=hand_made_work)
    before = {name: table_rows(tmp_path / "out", name) for name in TABLES}
    assert len(committed_run_ids(tmp_path / "out")) == 2

    from pipeline.store import compact

    with exclusive(tmp_path / "out"):
        compact(tmp_path / "out")
    assert len(committed_run_ids(tmp_path / "out")) == 1
    assert {name: table_rows(tmp_path / "out", name) for name in TABLES} == before
    assert len(list((tmp_path / "out" / "documents").iterdir())) == 1  # the old run files are gone

    (tmp_path / "in" / "b").unlink()
    summary = ingest([str(tmp_path / "in")], tmp_path / "out", work=hand_made_work, prune=True)
    assert summary.pruned == 1
    names = sorted(
        Path(row["source_path"]).name for row in read_table(tmp_path / "out", "documents").to_pylist()
    )
    assert names == ["a", "c", "d"]
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    assert len(manifest["runs"]) == 1


def test_results_are_written_as_they_complete(tmp_path: Path) -> None:
    """A slow first file does not hold back the ones after it."""
    write_files(tmp_path / "in", {"0-slow": b"SLEEP", "1": b"one", "2": b"two"})
    plan = plan_run([str(tmp_path / "in")], tmp_path / "out")
    order: list[str] = []
    execute(
        plan,
        tmp_path / "out",
        ProcessPoolExecutor(2, timeout=4, start_method="fork"),
        hand_made_work,
        on_done=lambda row: order.append(Path(row.source_path).name),
    )
    assert order[-1] == "0-slow" and sorted(order) == ["0-slow", "1", "2"]


def test_pages_record_how_each_pdf_page_was_read(tmp_path: Path) -> None:
    from pipeline.process import process_file

    result = process_file(SEED / "seed.pdf", "seed.pdf")
    methods = [row.method for row in result.tables["pages"]]
    assert len(methods) == 15
    assert methods[:3] == ["pdfium"] * 3  # prose pages: pdfium's text alone
    assert methods[11:] == ["pdfium+pdfplumber"] * 4  # the scoring table's pages
