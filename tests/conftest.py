"""One dataset shared by the tests that read a whole ingest: `corpus/` plus an edited copy of the
seed whose stated 资金到位率 no longer follows from its amounts (so a rate_recompute error exists)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

REPO = Path(__file__).resolve().parent.parent
STATED_RATE = "资金到位率为 89.30%"
EDITED_RATE = "资金到位率为 88.30%"


@dataclass(frozen=True)
class Dataset:
    out: Path
    edited: Path  # the edited seed copy, as ingested (absolute)


def write_edited_seed(path: Path) -> Path:
    """seed.txt with its stated 资金到位率 changed, written to `path`."""
    text = (REPO / "corpus" / "seed" / "seed.txt").read_text(encoding="utf-8")
    assert STATED_RATE in text
    path.write_text(text.replace(STATED_RATE, EDITED_RATE), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def corpus_dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    root = tmp_path_factory.mktemp("corpus-dataset")
    (root / "edited").mkdir()
    edited = write_edited_seed(root / "edited" / "seed-rate-edited.txt")
    out = root / "out"
    # --no-ocr: the scanned seed's OCR has its own (slow) tests; here it is the failed row
    result = CliRunner().invoke(
        app,
        ["ingest", str(REPO / "corpus"), str(edited.parent), "--out", str(out), "--no-ocr", "-q", "-w", "2"],
    )
    assert result.exit_code == 1, result.output  # 1: that failed row
    return Dataset(out, edited)
