"""Golden tests: the real seed report, in every rendition shipped in corpus/seed, against its gold.

The scorer is the project's copy of the acceptance scorer (tests/score_gold.py); every field of
the gold must be found, including the expected findings, with no false error.
"""

from __future__ import annotations

import contextlib
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.executors import SerialExecutor
from pipeline.run import ingest
from tests import score_gold

SEED = Path(__file__).resolve().parent.parent / "corpus" / "seed"
RENDITIONS = ["seed.txt", "seed.pdf", "seed.docx", "seed.html", "seed-gbk.txt"]
GOLD = json.loads((Path(__file__).resolve().parent / "gold" / "seed.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed-out")
    ingest([str(SEED / name) for name in RENDITIONS], out, executor=SerialExecutor())
    return out


@pytest.mark.parametrize("rendition", RENDITIONS)
def test_every_gold_field_is_found(dataset: Path, rendition: str) -> None:
    tables = {
        t: score_gold.load_table(str(dataset), t)
        for t in ("documents", "amounts", "rates", "indicators", "checks")
    }
    card = score_gold.Card(verbose=False)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        score_gold.score_doc(GOLD, rendition, tables, card)
    assert card.total > 50
    assert card.hit == card.total, printed.getvalue()


@pytest.mark.parametrize("rendition", RENDITIONS)
def test_figures_are_exact_decimals_with_provenance(dataset: Path, rendition: str) -> None:
    docs = [
        d for d in score_gold.load_table(str(dataset), "documents") if d["source_path"].endswith(rendition)
    ]
    assert docs and docs[0]["status"] == "ok"
    doc_id = docs[0]["doc_id"]
    amounts = [a for a in score_gold.load_table(str(dataset), "amounts") if a["doc_id"] == doc_id]
    assert all(isinstance(a["amount_yuan"], Decimal) for a in amounts)
    assert {a["amount_yuan"] for a in amounts} >= {Decimal("3000000.00"), Decimal("2679000.00")}
    assert all(a["evidence"] and "万元" in a["as_written"] for a in amounts)
    if rendition.endswith(".pdf"):
        assert all(a["page"] for a in amounts)
        indicators = [i for i in score_gold.load_table(str(dataset), "indicators") if i["doc_id"] == doc_id]
        assert {i["page"] for i in indicators} == {12, 13, 14, 15}


def test_renditions_agree_with_each_other(dataset: Path) -> None:
    """The same report in five formats yields the same indicator table and totals."""
    docs = score_gold.load_table(str(dataset), "documents")
    indicators = score_gold.load_table(str(dataset), "indicators")
    by_doc = {}
    for d in docs:
        rows = sorted(
            (i["row_no"], i["level3"], i["weight"], i["score"])
            for i in indicators
            if i["doc_id"] == d["doc_id"]
        )
        by_doc[Path(d["source_path"]).name] = (d["total_score"], d["entity"], d["project"], rows)
    assert len({repr(v) for v in by_doc.values()}) == 1, by_doc.keys()
