"""The report generator: deterministic, internally consistent, and its files hold what its gold says."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from decimal import Decimal
from functools import cache

import pdfplumber
import pytest
from docx import Document

from tests.generator.corpus import FORMATS, RENDERERS, clean_documents, draw, mutated_documents, write_corpus
from tests.generator.gold import gold_for
from tests.generator.layouts import LAYOUTS
from tests.generator.model import EXEC_LEVEL1, UNIT_FACTORS, Report, ratio_pct
from tests.generator.mutate import MUTATIONS, applicable, mutate
from tests.generator.oracle import violations

REPORT_LAYOUTS = [name for name in LAYOUTS if name != "not_report"]
# layouts with a scoring table (the web article has figures in sentences only)
TABLE_LAYOUTS = [name for name in REPORT_LAYOUTS if "pdf" in FORMATS[name] and name != "web_article"]


@cache
def rendered(layout: str, fmt: str, seed: int = 7) -> tuple[Report, bytes]:
    report = draw(seed, 0, layout)
    return report, RENDERERS[fmt](report)


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_same_seed_same_report_and_bytes(layout: str) -> None:
    assert draw(3, 5, layout) == draw(3, 5, layout)
    assert draw(3, 5, layout) != draw(4, 5, layout)
    for fmt in FORMATS[layout]:
        assert RENDERERS[fmt](draw(3, 5, layout)) == RENDERERS[fmt](draw(3, 5, layout)), fmt


@pytest.mark.parametrize("layout", REPORT_LAYOUTS)
def test_clean_reports_add_up(layout: str) -> None:
    for seed in range(25):
        report = draw(seed, 0, layout)
        assert violations(report) == set(), seed
        for part in report.parts:
            if part.indicators:
                assert sum(i.score for i in part.indicators) == part.total_score
                assert sum(i.weight for i in part.indicators) == part.total_weight == 100
                assert all(i.score <= i.weight for i in part.indicators)
            for rate in part.rates:
                num, den = report.amount(rate.numerator), report.amount(rate.denominator)
                assert ratio_pct(num.yuan, den.yuan) == rate.stated_pct


def test_forms_follow_the_standard_weights() -> None:
    part = draw(0, 0, "self_evaluation_table").parts[0]
    by_level1: dict[str, Decimal] = {}
    for i in part.indicators:
        by_level1[i.level1] = by_level1.get(i.level1, Decimal(0)) + i.weight
    assert by_level1 == {EXEC_LEVEL1: 10, "产出指标": 50, "效益指标": 30, "满意度指标": 10}


@pytest.mark.parametrize("layout", REPORT_LAYOUTS)
def test_each_mutation_breaks_exactly_its_checks(layout: str) -> None:
    seen = set()
    for seed in range(6):
        report = draw(seed, 0, layout)
        for kind in applicable(report):
            edited, failing = mutate(report, kind, random.Random(seed))
            assert failing and violations(edited) == set(failing), (seed, kind)
            assert violations(report) == set(), "the clean report was edited in place"
            seen.add(kind)
    assert seen


def test_every_mutation_kind_applies_somewhere() -> None:
    kinds = {k for layout in REPORT_LAYOUTS for k in applicable(draw(0, 0, layout))}
    assert kinds == set(MUTATIONS)


@pytest.mark.parametrize("layout", TABLE_LAYOUTS)
def test_pdf_text_and_tables_come_out_with_pdfplumber(layout: str) -> None:
    report, data = rendered(layout, "pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        first = pdf.pages[0].extract_text()
        tables = [t.extract() for page in pdf.pages for t in page.find_tables()]
    assert report.meta.title[:6] in first.replace("\n", "")
    cells = {(c or "").replace("\n", "") for t in tables for row in t for c in row}
    for part in report.parts:
        for ind in part.indicators:
            if ind.level1 != EXEC_LEVEL1:
                assert ind.level3 in cells, ind.level3
        assert f"{part.total_score}" in cells


def test_long_scoring_table_repeats_its_header_on_the_next_page() -> None:
    report, data = rendered("project_evaluation", "pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        firsts = [t.extract()[0] for page in pdf.pages for t in page.find_tables()]
    assert sum(1 for row in firsts if row[:3] == ["一级指标", "二级指标", "三级指标"]) >= 2


@pytest.mark.parametrize("layout", TABLE_LAYOUTS)
def test_docx_tables_have_real_merged_cells(layout: str) -> None:
    report, data = rendered(layout, "docx")
    doc = Document(io.BytesIO(data))
    table = doc.tables[-1]
    xml = table._tbl.xml
    assert "w:vMerge" in xml
    text = {c.text for row in table.rows for c in row.cells}
    assert any(i.level3 in text for i in report.parts[-1].indicators if i.level1 != EXEC_LEVEL1)
    assert any(p.style.name.startswith(("Heading", "Title")) for p in doc.paragraphs)


@pytest.mark.parametrize("layout", TABLE_LAYOUTS)
def test_html_tables_have_spans(layout: str) -> None:
    report, data = rendered(layout, "html")
    html = data.decode("utf-8")
    assert "rowspan=" in html and "colspan=" in html
    assert report.parts[0].indicators[-1].level3 in html


def test_web_article_has_metadata_header_and_itemised_figures() -> None:
    report, data = rendered("web_article", "html")
    html = data.decode("utf-8")
    assert html.index("索引号") < html.index("<h1>")
    assert "①" in html and "到位率" in html and "<table" not in html


def test_text_copies_flatten_the_form_in_both_encodings() -> None:
    report, utf8 = rendered("text_copy", "txt")
    _, gbk = rendered("text_copy", "gbk.txt")
    exec_rate = report.parts[0].rates[0].stated_pct
    assert "年度资金总额 | " in utf8.decode("utf-8") and f"{exec_rate}%" in utf8.decode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert "年度资金总额  " in gbk.decode("gb18030")


def test_gold_amounts_are_the_inputs_in_yuan() -> None:
    report = draw(2, 0, "self_evaluation_yuan")
    gold = gold_for(report, "x.pdf", [])
    assert gold["layout"] == "self_evaluation_yuan" and gold["expected_failures"] == []
    for entry, amount in zip(gold["amounts"], report.parts[0].amounts, strict=True):
        assert Decimal(entry["amount_yuan"]) == amount.value * UNIT_FACTORS[amount.unit]
        assert "," in entry["as_written"] and entry["as_written"].endswith("元")


def test_multi_project_gold_lists_each_project() -> None:
    gold = next(d.gold for d in clean_documents(1, 3) if d.layout == "self_evaluation_tables")
    assert 2 <= len(gold["projects"]) <= 3 and gold["project"] is None
    for project in gold["projects"]:
        assert project["indicators"][0]["level3"] == "预算执行率" and project["rates"][0]["name"] == "执行率"
        scores = sum(Decimal(i["score"]) for i in project["indicators"])
        assert scores == Decimal(project["total_score"])


def test_mutated_gold_names_the_failing_checks_and_drops_them_from_must_pass() -> None:
    for doc in mutated_documents(0, 12):
        failing = doc.gold["expected_failures"]
        assert failing and not any(s.partition(":")[0] in failing for s in doc.gold["checks_must_pass"])


def test_not_reports_are_marked_as_such() -> None:
    kinds = set()
    for seed in range(6):
        report = draw(seed, 0, "not_report")
        gold = gold_for(report, "x.txt", [])
        assert gold["is_report"] is False and gold["report_type"] == "not_report"
        text = RENDERERS["txt"](report).decode("utf-8")
        kinds.add("预算绩效管理情况" in text and "万元" in text or "招标" in text and "元" in text)
    assert kinds == {True}


def test_cli_writes_files_and_gold_jsonl(tmp_path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.generator",
            str(tmp_path),
            "--seed",
            "5",
            "--count",
            "2",
            "--mutated",
            "1",
        ],
        check=True,
        capture_output=True,
    )
    golds = [json.loads(line) for line in (tmp_path / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {g["file"] for g in golds} == {p.name for p in tmp_path.iterdir() if p.name != "gold.jsonl"}
    assert len(golds) == len(FORMATS["project_evaluation"]) + len(FORMATS["self_evaluation_table"]) + 1
    pairs = write_corpus(tmp_path / "again", clean_documents(5, 1))
    assert [p.name for p, _ in pairs] == [g["file"] for g in golds[:3]]
