"""Per-document limits: checked before parsing (pages, sizes, file type) and enforced from outside
the worker (time, memory), with errors that name the limit."""

from __future__ import annotations

import io
import multiprocessing
import os
import time
import zipfile
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractors.load import load_document
from extractors.load.ocr import ocr_available
from extractors.progress import listen, reading_page
from pipeline.cli import app
from pipeline.limits import LimitedWorker, LimitExceeded, Limits, check_bytes, check_path
from pipeline.store import read_table
from pipeline.tasks import Task
from pipeline.work import default_work
from tests.hostile_corpus import flate, raw_pdf
from tests.test_pipeline import SEED

runner = CliRunner()


def memory_hog(path: str, source_path: str) -> str:
    """A runaway parser, chosen by the path: "grow" touches 20 MB more every 20 ms for ever (the
    watchdog sees it; fast enough to pass a 700 MB cap well inside a 5 s timeout on a loaded
    machine, where 10 MB steps once ran out of time), "once" makes one allocation far beyond any cap
    (the RLIMIT_DATA backstop refuses it); anything else is a fine document."""
    if path == "grow":
        hoard = []
        while True:
            hoard.append(b"x" * (20 << 20))
            time.sleep(0.02)
    if path == "once":
        _ = b"x" * (64 << 30)
    if path.startswith("hang"):  # "hang-on-7": stuck in page 7, as a loader announces it
        for page in range(1, int(path.partition("-on-")[2] or 0) + 1):
            reading_page(page)
        while True:
            pass
    if path == "die":
        os._exit(3)
    return path


@pytest.mark.parametrize("how", ["grow", "once"])
def test_a_document_over_the_memory_cap_fails_naming_the_limit(how: str) -> None:
    # spawn: a forked child would inherit the test process's address space, and with it most of
    # the RLIMIT_DATA backstop, so the watchdog would not be what stops it
    worker = LimitedWorker(memory_hog, Limits(memory_mb=300, timeout_s=60), start_method="spawn")
    outcome = worker.run_one(Task(0, how, how))
    assert outcome.error == "memory limit 300 MB exceeded (--max-memory-mb 300)"
    if how == "once":  # refused by the RLIMIT_DATA backstop: the worker lives on, and its memory is back
        assert worker.run_one(Task(1, "fine", "fine")).result == "fine"
        worker.stop()
    else:  # killed by the watchdog
        assert not worker.alive


@pytest.mark.slow
def test_dask_workers_enforce_the_same_limits_in_a_child_process() -> None:
    """A real LocalCluster of two worker processes: a hung document and a growing one come out
    with the local executors' errors, a dying parser is reported, and good documents around them
    (before and after, on the same workers) still get their results."""
    from pipeline.dask_executor import DaskExecutor

    # the cap sits well above a limited child's own size: forked from a Dask worker, it starts with
    # the worker's resident pages counted in its VmRSS (over 300 MB on a fresh CI machine)
    limits = Limits(timeout_s=5, memory_mb=700)
    names = ["fine-0", "hang", "grow", "die", "fine-1", "fine-2", "fine-3"]
    tasks = [Task(i, name, name) for i, name in enumerate(names)]
    started = time.monotonic()
    outcomes = {o.task.path: o for o in DaskExecutor("local:2", limits).run(memory_hog, tasks)}
    assert time.monotonic() - started < 120
    assert outcomes["hang"].error == "timeout after 5 s (--timeout 5)"
    assert outcomes["grow"].error == "memory limit 700 MB exceeded (--max-memory-mb 700)"
    assert outcomes["die"].error == "worker crashed (exit code 3)"
    assert {name: outcomes[name].result for name in names if name.startswith("fine")} == {
        name: name for name in names if name.startswith("fine")
    }


def test_a_daemonic_dask_worker_fails_each_task_with_advice() -> None:
    """An existing cluster whose workers are daemonic cannot start the limited child."""
    import multiprocessing

    from pipeline.dask_executor import run_in_limited_worker

    with multiprocessing.get_context("spawn").Pool(1) as pool:  # pool processes are daemonic
        outcome = pool.apply(run_in_limited_worker, (memory_hog, Task(0, "fine", "fine"), Limits()))
    assert outcome.error is not None and "DASK_DISTRIBUTED__WORKER__DAEMON=False" in outcome.error


def peak_resident_mb(pid: int) -> int:
    """The process's high-water mark of VmRSS (exact: the kernel keeps it, no polling)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    raise AssertionError("no VmHWM")


OCR_PEAK_MB = 650  # the scanned seed's worker peaks near 500 MB VmRSS (README, speed and memory)


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(), reason="needs jixiao[ocr]")
def test_ocr_of_the_scanned_seed_stays_under_the_default_memory_cap() -> None:
    """The heaviest real document (15 pages of OCR) under the default limits: the watchdog, which
    reads RssAnon, never fires, and the kernel's high-water mark of all its VmRSS stays under
    OCR_PEAK_MB (it was 1053 MB before the OCR handed each page's freed memory back, 700-900 MB
    before the detector ran in windows and the recogniser one line at a time)."""
    limits = Limits(timeout_s=1800)  # memory is measured here, not time (a loaded machine is slow)
    assert limits.memory_mb == Limits().memory_mb
    worker = LimitedWorker(default_work(limits=limits), limits)
    try:
        outcome = worker.run_one(Task(0, str(SEED / "seed-scanned.pdf"), "seed-scanned.pdf"))
        assert outcome.error is None
        assert outcome.result.document.status == "ok"
        assert peak_resident_mb(worker.process.pid) <= OCR_PEAK_MB
    finally:
        worker.stop()


def test_the_timeout_error_names_the_page_being_read() -> None:
    worker = LimitedWorker(memory_hog, Limits(timeout_s=2), start_method="spawn")
    outcome = worker.run_one(Task(0, "hang-on-7", "x.pdf"))
    assert outcome.error == "timeout after 2 s (--timeout 2) while reading page 7"
    fresh = LimitedWorker(memory_hog, Limits(timeout_s=2), start_method="spawn")
    assert fresh.run_one(Task(0, "fine", "fine")).result == "fine"
    assert fresh.run_one(Task(1, "hang", "hang")).error == "timeout after 2 s (--timeout 2)"


def test_the_pdf_loader_announces_each_page_it_starts() -> None:
    """What a limited worker reports when it kills a document ('… while reading page 7') comes from
    the loader: the PDF survey names every page as it starts it."""
    seen: list[int] = []
    listen(seen.append)
    load_document((SEED / "seed.pdf").read_bytes())
    assert seen[:15] == list(range(1, 16))


def _start_a_hung_worker_and_die(pids: Any) -> None:
    worker = LimitedWorker(memory_hog, Limits(timeout_s=600))
    worker.submit(Task(0, "hang", "hang"))
    while not worker.ready:  # past its imports, into the document
        worker.collect(wait(worker.waitables, timeout=1))
    pids.put(worker.process.pid)
    time.sleep(1)
    os._exit(0)  # as a SIGKILLed driver or Dask worker would: no cleanup


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has stopped; only its parent's reaping is left


def test_a_worker_whose_parent_dies_stops_mid_document() -> None:
    context = multiprocessing.get_context("spawn")
    pids = context.Queue()
    parent = context.Process(target=_start_a_hung_worker_and_die, args=(pids,))
    parent.start()
    child = pids.get(timeout=120)
    parent.join(timeout=60)
    deadline = time.monotonic() + 30
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _running(child)


def test_pages_over_the_cap_are_refused_before_parsing() -> None:
    data = raw_pdf([flate(b"")] * 30)
    with pytest.raises(LimitExceeded, match=r"^30 pages > --max-pages 20$") as caught:
        check_bytes(data, "pdf", Limits(max_pages=20))
    assert caught.value.n_pages == 30
    check_bytes(data, "pdf", Limits(max_pages=30))


def test_a_pdf_content_stream_that_inflates_too_far_is_refused() -> None:
    data = raw_pdf([flate(b"0 0 m " * 1024, repeat=2048)])  # 12 MB from a few KB
    with pytest.raises(
        LimitExceeded, match=r"^PDF streams inflate to more than 10 MB > --max-unpacked-mb 10$"
    ):
        check_bytes(data, "pdf", Limits(max_unpacked_mb=10))
    check_bytes(data, "pdf", Limits(max_unpacked_mb=13))


def test_a_docx_zip_bomb_is_refused_before_unpacking() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b"a" * (60 * 1024 * 1024) + b"/>")  # 1000:1
    data = buffer.getvalue()
    assert len(data) < 2 * 1024 * 1024
    with pytest.raises(LimitExceeded, match=r"^unpacks to 60 MB > --max-unpacked-mb 50$"):
        check_bytes(data, "docx", Limits(max_unpacked_mb=50))


def test_large_files_and_special_files_are_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (3 << 20))
    with pytest.raises(LimitExceeded, match=r"^input 3 MB > --max-input-mb 2$"):
        check_path(str(big), Limits(max_input_mb=2))
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    with pytest.raises(Exception, match=r"^not a regular file \(named pipe\)$"):
        check_path(str(fifo), Limits())


def test_cli_limits_reach_the_documents_rows(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ten-pages.pdf").write_bytes(raw_pdf([flate(b"BT /F1 12 Tf 72 700 Td (page) Tj ET")] * 10))
    result = runner.invoke(
        app, ["ingest", str(folder), "--out", str(tmp_path / "out"), "--workers", "1", "--max-pages", "5"]
    )
    assert result.exit_code == 1, result.output
    (row,) = read_table(tmp_path / "out", "documents").to_pylist()
    assert (row["status"], row["error"], row["n_pages"]) == ("failed", "10 pages > --max-pages 5", 10)


def test_check_runs_under_the_limits_and_exits_1_on_a_failed_file(tmp_path: Path) -> None:
    path = tmp_path / "ten-pages.pdf"
    path.write_bytes(raw_pdf([flate(b"")] * 10))
    result = runner.invoke(app, ["check", str(path), "--max-pages", "5"])
    assert result.exit_code == 1
    assert "10 pages > --max-pages 5" in result.output


def test_limits_must_be_positive(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path), "--max-memory-mb", "0"])
    assert result.exit_code == 2
    assert "must be > 0" in result.output
