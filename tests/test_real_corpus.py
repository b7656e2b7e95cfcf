"""The real corpus (tests/real): its gold is well formed, and jixiao's scores on it do not fall.

The floors below are the figures measured when they were last raised (README, "Real published
reports"); the issue's targets (fields 95 % dev / 90 % test, every inconsistency flagged) are not
reached yet, and the README says so. The false-alarm bar is already the target: zero.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.executors import ProcessPoolExecutor
from pipeline.run import ingest
from tests.real.score import DOCS, GOLD, PROVINCES, gold_lines, part_of, score

KEYS = {
    "file", "url", "report_type", "year", "region", "entity", "project", "amounts", "rates", "scores",
    "grade", "consistency",
}  # fmt: skip
REPORT_TYPES = {
    "project_evaluation", "self_evaluation", "self_evaluation_table", "department_overall", "not_report",
    "other",
}  # fmt: skip


def test_every_gold_line_names_a_file_and_quotes_it_exactly() -> None:
    golds = gold_lines()
    assert len({g["file"] for g in golds}) == len(golds) == len(list(DOCS.glob("*.txt")))
    urls = [g["url"] for g in golds if g.get("url") and g["url"].startswith("http")]
    assert len(urls) == len(set(urls)), "a page is in the corpus twice"
    for g in golds:
        assert set(g) >= KEYS, g["file"]
        assert g["report_type"] in REPORT_TYPES, g["file"]
        text = (DOCS / g["file"]).read_text(encoding="utf-8")
        for kind in ("amounts", "rates", "scores"):
            for item in g[kind]:
                assert item["text"] in text, f"{g['file']}: {item['text'][:30]!r} is not in the file"
        for amount in g["amounts"]:
            Decimal(str(amount["value_wan"]))
        for claim in g["consistency"]:
            assert isinstance(claim["holds"], bool), g["file"]


def test_the_corpus_spans_the_country_and_both_parts() -> None:
    golds = gold_lines()
    provinces = {p for g in golds for p in PROVINCES if p in (g.get("region") or "")}
    assert len(golds) >= 200 and len(provinces) >= 27
    parts = [part_of(DOCS / g["file"]) for g in golds]
    assert 0.15 < parts.count("test") / len(parts) < 0.35
    assert json.loads(GOLD.read_text(encoding="utf-8").splitlines()[0])["file"]


@pytest.fixture(scope="module")
def real_scores(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("real")
    ingest([str(DOCS)], out, executor=ProcessPoolExecutor(2, timeout=300))
    return score(out)


@pytest.mark.slow
def test_no_real_document_with_text_is_lost_and_no_consistent_report_gets_an_error(real_scores) -> None:
    for name, part in real_scores.items():
        assert part.lost == 0, name
        assert part.false_alarms == 0, (name, [line for line in part.lines if "FALSE ALARM" in line])


# Floors: the figures of the last measurement (fields %, inconsistencies flagged, look-alikes right).
# The test part's flagged count fell 13 -> 12 when a clause stating a new total (实有, 共有, 累计 …) stopped
# counting as a part of the 其中 list before it: that flag rested on such a clause. The development part's
# 84 -> 83 when a figure in brackets opened by 含 became a part: f010's flag was a rate recomputed from such a
# part (中央资金689139.31万元 read as the spending), an error about the wrong figures; batch h brought one more.
# Batch j (25 documents, 44 % look-alikes) lowered the development part's field share (94.2 -> 93.8 %) when it joined;
# the rules written from its development part brought it to 94.1 %; batch l (24 documents) to 93.8 % when it joined.
# Batches d, o and p (78 documents) took it from 94.2 % to 93.3 % when they joined (test 81.4 -> 82.1 %); the rules
# written from their development part brought it to 93.9 % (test 82.3 %); batches q, r and t (61 documents, 36 of
# them look-alikes) to 93.7 % (test 82.5 %). The test part's flagged count fell 25 -> 24 when figures in brackets
# after a part (2121.08万元(年初预算收入1163.36万元,年中追加1041.53万元。压减75万元…)) stopped counting as more
# parts of the 其中 list: in the development part the flags that went with it (ae022, u012) were sums of the
# wrong figures. Batches ag, ah and ai (67 documents) joining left the development part at 93.9 % (94.0 % before
# ai), the test part at 83.8 %. The development part's flagged count fell 121 -> 120 when a one-character cue (拨,
# 收) had to stand as a word of its own: m024's flag was a rate recomputed from a share read as spending (省级下拨…
# 3.89万元 over 7.79万元), not its published slip (3.89 + 3.89 = 7.79).
FLOORS = {"dev": (94.0, 123, 262), "test": (84.1, 29, 81)}


@pytest.mark.slow
@pytest.mark.parametrize("name", ["dev", "test"])
def test_real_scores_do_not_fall_below_the_last_measurement(real_scores, name: str) -> None:
    part = real_scores[name]
    fields, flagged, not_reports = FLOORS[name]
    assert part.pct >= fields, part.summary(name, 0)
    assert part.errors_found >= flagged, part.summary(name, 0)
    assert part.not_reports_ok >= not_reports, part.summary(name, 0)


def test_the_split_is_by_content_not_by_name(tmp_path: Path) -> None:
    """Renaming a file does not move it between parts; changing one byte may."""
    source = next(DOCS.glob("*.txt"))
    copy = tmp_path / "renamed.txt"
    copy.write_bytes(source.read_bytes())
    assert part_of(copy) == part_of(source)
