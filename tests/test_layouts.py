"""Extraction on report layouts it was not written against: the generated samples shipped in
corpus/samples and freshly generated documents, every gold field found, no false error.

The expected values come from the generator's inputs (tests/generator), never from the extractor.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import warnings
from pathlib import Path

import pytest

from extractors.load.ocr import ocr_available
from pipeline.executors import ProcessPoolExecutor
from pipeline.run import ingest
from tests import score_gold
from tests.generator.corpus import clean_documents, write_corpus

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus" / "samples"
TABLES = ("documents", "amounts", "rates", "indicators", "checks")


def scores(out: Path, golds: list[dict]) -> dict[str, tuple[int, int, str]]:
    """file -> (fields hit, fields scored, the scorer's report) for the dataset in `out`."""
    tables = {t: score_gold.load_table(str(out), t) for t in TABLES}
    scored = {}
    for gold in golds:
        card = score_gold.Card(verbose=False)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            score_gold.score_doc(gold, gold["file"], tables, card)
        scored[gold["file"]] = (card.hit, card.total, printed.getvalue())
    return scored


def misses(out: Path, golds: list[dict]) -> dict[str, str]:
    """file -> the scorer's report, for every file with a missed field."""
    missed = {}
    for file, (hit, total, report) in scores(out, golds).items():
        assert total >= 3, file
        if hit != total:
            missed[file] = report
    return missed


def test_corpus_samples_cover_every_layout_in_pdf_docx_html() -> None:
    golds = [
        json.loads(line)
        for line in (ROOT / "tests" / "gold" / "samples.jsonl").read_text("utf-8").splitlines()
    ]
    layouts = {Path(g["file"]).stem.split("-", 1)[1].split(".")[0] for g in golds}
    assert len(layouts) >= 8
    for layout in layouts - {"text_copy"}:  # a text copy is text by nature
        assert {f"{g['file'].rsplit('.', 1)[1]}" for g in golds if layout in g["file"]} >= {
            "pdf",
            "docx",
            "html",
        }


def _readable_here(file: str) -> bool:
    """Word 97 needs LibreOffice and a picture the OCR extra; .ci/run installs both."""
    if file.endswith(".doc"):
        return shutil.which("soffice") is not None
    if file.endswith(".png"):
        return ocr_available()
    return True


@pytest.mark.slow
def test_corpus_samples_match_their_gold(tmp_path: Path) -> None:
    golds = [
        json.loads(line)
        for line in (ROOT / "tests" / "gold" / "samples.jsonl").read_text("utf-8").splitlines()
    ]
    unread = [g["file"] for g in golds if not _readable_here(g["file"])]
    if unread:
        warnings.warn(f"not scored without LibreOffice or the OCR extra: {unread}", stacklevel=1)
    ingest([str(SAMPLES)], tmp_path, executor=ProcessPoolExecutor(2, timeout=300))
    assert misses(tmp_path, [g for g in golds if g["file"] not in unread]) == {}


@pytest.mark.slow
@pytest.mark.parametrize("seed", [101, 202])
def test_freshly_generated_layouts_match_their_gold(tmp_path: Path, seed: int) -> None:
    written = write_corpus(tmp_path / "in", clean_documents(seed, 9))
    ingest([str(tmp_path / "in")], tmp_path / "out", executor=ProcessPoolExecutor(2, timeout=300))
    golds = [gold for _, gold in written]
    assert len({g["file"].split("-", 1)[1].split(".")[0] for g in golds}) >= 8
    assert misses(tmp_path / "out", golds) == {}
