"""Extraction on report layouts it was not written against: the generated samples shipped in
corpus/samples and freshly generated documents, every gold field found, no false error.

The expected values come from the generator's inputs (tests/generator), never from the extractor.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from pipeline.executors import ProcessPoolExecutor
from pipeline.run import ingest
from tests import score_gold
from tests.generator.corpus import clean_documents, write_corpus

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus" / "samples"
TABLES = ("documents", "amounts", "rates", "indicators", "checks")


def misses(out: Path, golds: list[dict]) -> dict[str, str]:
    """file -> the scorer's report, for every file with a missed field."""
    tables = {t: score_gold.load_table(str(out), t) for t in TABLES}
    missed = {}
    for gold in golds:
        card = score_gold.Card(verbose=False)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            score_gold.score_doc(gold, gold["file"], tables, card)
        assert card.total >= 3, gold["file"]
        if card.hit != card.total:
            missed[gold["file"]] = printed.getvalue()
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


@pytest.mark.slow
def test_corpus_samples_match_their_gold(tmp_path: Path) -> None:
    golds = [
        json.loads(line)
        for line in (ROOT / "tests" / "gold" / "samples.jsonl").read_text("utf-8").splitlines()
    ]
    ingest([str(SAMPLES)], tmp_path, executor=ProcessPoolExecutor(2, timeout=300))
    assert misses(tmp_path, golds) == {}


@pytest.mark.slow
@pytest.mark.parametrize("seed", [101, 202])
def test_freshly_generated_layouts_match_their_gold(tmp_path: Path, seed: int) -> None:
    written = write_corpus(tmp_path / "in", clean_documents(seed, 9))
    ingest([str(tmp_path / "in")], tmp_path / "out", executor=ProcessPoolExecutor(2, timeout=300))
    golds = [gold for _, gold in written]
    assert len({g["file"].split("-", 1)[1].split(".")[0] for g in golds}) >= 8
    assert misses(tmp_path / "out", golds) == {}
