"""The `jixiao` command line, in-process (typer's CliRunner) and as `python -m pipeline`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.store import MANIFEST, read_table
from schemas.tables import SCHEMA_VERSION
from tests.test_pipeline import SEED, needs_process

runner = CliRunner()


def reports(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(SEED / "seed.txt", folder / "seed.txt")
    (folder / "empty.pdf").write_bytes(b"")
    return folder


def test_version() -> None:
    result = runner.invoke(app, ["version"])
    assert result.exit_code == 0
    assert "jixiao 0.1.0" in result.output and f"schema {SCHEMA_VERSION}" in result.output


def test_a_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope.pdf"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "nope.pdf" in result.output
    assert not (tmp_path / "out").exists()


@needs_process
def test_ingest_summarises_and_exits_1_for_failed_files(tmp_path: Path) -> None:
    folder = reports(tmp_path / "in")
    out = tmp_path / "out"
    result = runner.invoke(app, ["ingest", str(folder), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1, result.output  # committed, but a document failed
    assert "failed files" in result.output and "empty.pdf" in result.output
    assert "findings (error)" in result.output
    assert sorted(read_table(out, "documents")["status"].to_pylist())[0] == "failed"
    again = runner.invoke(app, ["ingest", str(folder), "--out", str(out), "--workers", "1", "--quiet"])
    assert again.exit_code == 1 and again.output == ""  # empty.pdf retried, and failed again
    runs = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["runs"]
    assert runs[1]["files"] == {"inputs": 2, "processed": 1, "skipped": 1}  # seed.txt skipped, empty retried


@needs_process
def test_an_unwritable_output_exits_2(tmp_path: Path) -> None:
    folder = reports(tmp_path / "in")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = runner.invoke(
        app, ["ingest", str(folder), "--out", str(tmp_path / "file" / "out"), "--workers", "1"]
    )
    assert result.exit_code == 2
    assert "cannot write" in result.output


@needs_process
def test_check_prints_one_report_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", str(SEED / "seed.txt")])
    assert result.exit_code == 0, result.output
    assert "document" in result.output and "source_format" in result.output
    assert list(tmp_path.iterdir()) == []


@needs_process
@pytest.mark.slow
def test_python_m_pipeline_with_a_process_pool(tmp_path: Path) -> None:
    reports(tmp_path / "in")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "ingest",
            "in",
            "--out",
            "out",
            "--workers",
            "2",
            "--timeout",
            "120",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 1, completed.stderr  # empty.pdf failed
    assert "input files" in completed.stdout
    documents = read_table(tmp_path / "out", "documents").to_pylist()
    assert sorted(row["source_path"] for row in documents) == ["in/empty.pdf", "in/seed.txt"]


def test_a_scanned_file_without_ocr_shows_the_whole_reason(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED / "seed-scanned.pdf", folder / "scan.pdf")
    result = runner.invoke(
        app,
        ["ingest", str(folder), "--out", str(tmp_path / "out"), "--workers", "1", "--no-ocr"],
        terminal_width=200,
    )
    assert result.exit_code == 1, result.output
    assert "no text layer; install jixiao[ocr]" in result.output
    (row,) = read_table(tmp_path / "out", "documents").to_pylist()
    assert (row["status"], row["error"], row["n_pages"]) == (
        "failed",
        "no text layer; install jixiao[ocr]",
        15,
    )
