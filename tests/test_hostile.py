"""Hostile and broken input: every file gets exactly its expected documents row, in every executor,
within the limits, with no network access and no local file read beyond the inputs."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from pipeline.executors import make_executor
from pipeline.limits import Limits
from pipeline.run import ingest
from pipeline.store import read_table
from tests import hostile_corpus
from tests.test_pipeline import hand_made_work, write_files

ROOT = Path(__file__).resolve().parent.parent
EXPECTED: dict[str, dict] = {
    name: row
    for name, row in json.loads((ROOT / "tests" / "gold" / "hostile.json").read_text("utf-8")).items()
    if not name.startswith("_")
}
SECRET_LINE = Path(hostile_corpus.SECRET_FILE).read_text("utf-8").splitlines()[0]


def _ocr_used() -> bool:
    from extractors.load.ocr import ocr_available

    return ocr_available()


def expected(name: str, folder: Path, ocr: bool) -> dict:
    row = dict(EXPECTED[name])
    override = row.pop("with_ocr", None)
    if ocr and override:
        row.update(override)
    if row["error"]:
        row["error"] = row["error"].format(folder=folder)
    return row


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed files (symlinks kept) and the generated big ones, in a fresh folder."""
    folder = tmp_path_factory.mktemp("hostile") / "in"
    # not a local big/ (its named pipe cannot be copied): written afresh below
    shutil.copytree(
        hostile_corpus.HOSTILE, folder, symlinks=True, ignore=shutil.ignore_patterns(hostile_corpus.BIG)
    )
    hostile_corpus.write(folder, big=True)
    return folder


def test_every_committed_and_generated_file_has_an_expectation(corpus: Path) -> None:
    committed = {
        p.name for p in hostile_corpus.HOSTILE.iterdir() if p.name not in (".gitignore", hostile_corpus.BIG)
    }
    assert committed == {name for name in EXPECTED if not name.startswith("big/")}
    assert committed == set(hostile_corpus.committed_files()) | set(hostile_corpus.SYMLINKS)
    generated = {f"{hostile_corpus.BIG}/{p.name}" for p in (corpus / hostile_corpus.BIG).iterdir()}
    assert generated == {name for name in EXPECTED if name.startswith("big/")}


class _Listener:
    """A TCP server on the canary address every hostile reference points at; counts connections."""

    def __init__(self) -> None:
        host, port = hostile_corpus.CANARY_URL.removeprefix("http://").split(":")
        # reuse_port: a second suite on the same machine binds the same canary (Linux shares it out);
        # a connection either receives fails the suite it lands in, and none is expected
        self.server = socket.create_server((host, int(port)), reuse_port=True)
        self.server.settimeout(0.2)
        self.connections = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join()
        self.server.close()


def _guarded_ingest(folder: Path, out: Path, log: Path, workers: int) -> subprocess.CompletedProcess[str]:
    """`python -m pipeline ingest` in processes that cannot open network sockets or the secret file
    (tests/netguard/sitecustomize.py, loaded by the CLI and by every worker it spawns)."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "netguard"), str(ROOT)]),
        "JIXIAO_GUARD_LOG": str(log),
        "JIXIAO_GUARD_SECRET": os.path.realpath(hostile_corpus.SECRET_FILE),
    }
    command = [sys.executable, "-m", "pipeline", "ingest", str(folder), "--out", str(out), "--quiet"]
    return subprocess.run(
        [*command, "--workers", str(workers)], env=env, capture_output=True, text=True, timeout=600
    )


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_hostile_corpus_rows_network_and_secrets(corpus: Path, tmp_path: Path, workers: int) -> None:
    listener = _Listener()
    log = tmp_path / "guard.log"
    log.touch()
    try:
        completed = _guarded_ingest(corpus, tmp_path / "out", log, workers)
    finally:
        listener.close()
    assert completed.returncode == 1, completed.stderr  # some files failed
    assert log.read_text("utf-8") == ""  # no socket, lookup or secret-file open was attempted
    assert listener.connections == 0  # nor by C code (libxml2, pdfium) at the canary address

    ocr = _ocr_used()
    documents = read_table(tmp_path / "out", "documents").to_pylist()
    by_name = {str(Path(row["source_path"]).relative_to(corpus)): row for row in documents}
    assert len(by_name) == len(documents)  # one row per input
    expected_rows = {name for name, row in EXPECTED.items() if row["status"] != "skipped"}
    assert set(by_name) == expected_rows
    for name in sorted(expected_rows):
        want = expected(name, corpus, ocr)
        row = by_name[name]
        assert (name, row["status"], row["error"]) == (name, want["status"], want["error"])
        for column in set(want) - {"status", "error"}:  # source_format, n_pages, title
            assert row[column] == want[column], name

    for table in ("sections", "amounts", "indicators"):  # no local file's text got in
        text = json.dumps(read_table(tmp_path / "out", table).to_pylist(), default=str, ensure_ascii=False)
        assert SECRET_LINE not in text


@pytest.mark.slow
def test_skipped_duplicate_names_its_twin(corpus: Path, tmp_path: Path) -> None:
    from pipeline.run import plan_run

    plan = plan_run([str(corpus)], tmp_path / "out")
    skipped = {str(Path(source).relative_to(corpus)): reason for source, reason in plan.skipped}
    assert skipped == {
        name: expected(name, corpus, ocr=False)["error"]
        for name, row in EXPECTED.items()
        if row["status"] == "skipped"
    }


def test_one_worker_still_isolates_a_hung_parser(tmp_path: Path) -> None:
    """`--workers 1` runs files in a limited child process: a file that hangs times out alone."""
    write_files(tmp_path / "in", {"a-hangs": b"SLEEP", "b-fine": b"fine"})
    executor = make_executor(1, Limits(timeout_s=2))
    executor.start_method = "fork"  # type: ignore[attr-defined]  # no re-import: a fast test
    summary = ingest([str(tmp_path / "in")], tmp_path / "out", executor=executor, work=hand_made_work)
    documents = {
        Path(r["source_path"]).name: r for r in read_table(tmp_path / "out", "documents").to_pylist()
    }
    assert documents["a-hangs"]["error"] == "timeout after 2 s (--timeout 2)"
    assert documents["b-fine"]["status"] == "ok"
    assert summary.status_counts == {"failed": 1, "ok": 1}


def test_the_guard_logs_a_connection_and_a_secret_read(tmp_path: Path) -> None:
    """The guard of the test above can fail: a process that tries both is caught twice."""
    log = tmp_path / "guard.log"
    code = (
        "import socket\n"
        "for attempt in (lambda: socket.create_connection(('127.0.0.1', 9)), lambda: open('/etc/passwd')):\n"
        "    try:\n        attempt()\n    except PermissionError:\n        pass\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tests" / "netguard"), "JIXIAO_GUARD_LOG": str(log)}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    events = [line.split()[1] for line in log.read_text("utf-8").splitlines()]
    assert events == ["socket.getaddrinfo", "open"]
