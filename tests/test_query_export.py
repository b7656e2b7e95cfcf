"""`jixiao findings`, `query` and `export` on the corpus dataset, the README's SQL recipes as
written, and exports read back against the Parquet tables."""

from __future__ import annotations

import csv
import json
import re
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.export import DOCUMENT_CONTEXT, EXCEL_CELL_LIMIT, header
from pipeline.present import cell_text
from pipeline.store import read_table
from pipeline.views import connect
from schemas.tables import TABLES
from tests.conftest import REPO, Dataset, write_edited_seed

runner = CliRunner()


def invoke_json(*args: str) -> list[dict]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def failing_checks(out: Path) -> list[dict]:
    return [c for c in read_table(out, "checks").to_pylist() if c["status"] == "fail"]


def test_views_hold_the_same_rows_as_read_table(corpus_dataset: Dataset) -> None:
    con = connect(corpus_dataset.out)
    for name in TABLES:
        expected = read_table(corpus_dataset.out, name)
        view = con.sql(f"SELECT * FROM {name}").to_arrow_table()
        assert view.num_rows == expected.num_rows, name
        assert view.column_names == expected.column_names, name
    amounts = con.execute("SELECT doc_id, role, amount_yuan FROM amounts ORDER BY ALL").fetchall()
    stored = sorted(
        (r["doc_id"], r["role"], r["amount_yuan"])
        for r in read_table(corpus_dataset.out, "amounts").to_pylist()
    )
    assert amounts == stored  # decimals come back as Decimal, exactly


def test_findings_lists_every_failing_check_with_file_and_page(corpus_dataset: Dataset) -> None:
    found = invoke_json("findings", "--out", str(corpus_dataset.out))
    assert len(found) == len(failing_checks(corpus_dataset.out)) > 0
    seed_pdf = [f for f in found if f["file"].endswith("corpus/seed/seed.pdf")]
    assert {f["check_id"] for f in seed_pdf} >= {"deduction_explained", "formula_score", "target_vs_actual"}
    assert all(f["page"] for f in seed_pdf if f["check_id"] != "heading_sequence")
    edited = [f for f in found if f["file"] == str(corpus_dataset.edited)]
    assert [f["severity"] for f in found].index("error") == 0  # most urgent first
    rate = next(f for f in edited if f["check_id"] == "rate_recompute")
    assert (rate["actual"], rate["expected"], rate["page"]) == ("88.30", "89.30", 8)


def test_findings_filters_by_severity_and_check(corpus_dataset: Dataset) -> None:
    out = str(corpus_dataset.out)
    warnings = invoke_json("findings", "--out", out, "--severity", "warning")
    assert warnings and {f["severity"] for f in warnings} == {"error", "warning"}
    only = invoke_json("findings", "--out", out, "--check", "formula_score")
    assert only and {f["check_id"] for f in only} == {"formula_score"}
    table = runner.invoke(app, ["findings", "--out", out, "--severity", "error"])
    assert table.exit_code == 0 and "FAIL error rate_recompute" in table.output
    assert runner.invoke(app, ["findings", "--out", out, "--severity", "fatal"]).exit_code == 2


def test_query_lists_views_and_answers_sql(corpus_dataset: Dataset) -> None:
    out = str(corpus_dataset.out)
    views = invoke_json("query", "--out", out)
    assert {v["view"] for v in views} == set(TABLES)
    assert {"doc_id", "boxes"} <= {v["column"] for v in views if v["view"] == "checks"}
    rows = invoke_json("query", "SELECT count(*) AS n FROM documents", "--out", out)
    assert rows == [{"n": read_table(out, "documents").num_rows}]
    bad = runner.invoke(app, ["query", "SELECT nope", "--out", out])
    assert bad.exit_code == 1 and "nope" in bad.output
    for command in (["query"], ["findings"], ["report", "--html", str(corpus_dataset.out / "html")]):
        missing = runner.invoke(app, [*command, "--out", str(corpus_dataset.out / "nothing")])
        assert missing.exit_code == 1 and "no committed run" in missing.output, command


def readme_recipes() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### SQL recipes") : readme.index("## The dataset")]
    return re.findall(r"```sql\n(.*?)```", section, re.S)


def test_readme_sql_recipes_run_as_written(corpus_dataset: Dataset) -> None:
    recipes = readme_recipes()
    assert len(recipes) == 4
    out = str(corpus_dataset.out)
    by_district, rates, losing, per_check = (invoke_json("query", sql, "--out", out) for sql in recipes)
    seed = next(r for r in by_district if r["district"] == "福田区" and r["fiscal_year"] == 2021)
    assert seed["city"] == "深圳市" and seed["lowest"] == "95.50"
    assert [r["source_path"] for r in rates] == [str(corpus_dataset.edited)]
    assert (rates[0]["stated_pct"], rates[0]["computed_pct"]) == ("88.30", "89.30")
    assert "成本节约率" in {r["indicator"] for r in losing}
    assert all(r["lost_points"] > 0 for r in losing)
    counts = {(r["check_id"], r["severity"]): r["findings"] for r in per_check}
    assert sum(counts.values()) == len(failing_checks(corpus_dataset.out))


def as_decimal(text: str | None, type_: pa.DataType) -> Decimal | None:
    return None if text in (None, "") else Decimal(str(text)).quantize(Decimal(1).scaleb(-type_.scale))


def expected_cells(table: pa.Table) -> list[list[str]]:
    return [[cell_text(v) for v in row.values()] for row in table.to_pylist()]


@pytest.fixture(scope="module")
def exports(corpus_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    to = tmp_path_factory.mktemp("exports")
    for fmt in ("csv", "xlsx", "parquet"):
        result = runner.invoke(
            app, ["export", "--out", str(corpus_dataset.out), "--to", str(to / fmt), "--format", fmt]
        )
        assert result.exit_code == 0, result.output
    return to


def test_csv_export_round_trips(corpus_dataset: Dataset, exports: Path) -> None:
    for name in TABLES:
        stored = read_table(corpus_dataset.out, name)
        with (exports / "csv" / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0][: stored.num_columns] == stored.column_names
        got = [row[: stored.num_columns] for row in rows[1:]]
        assert got == expected_cells(stored), name
        for k, field in enumerate(stored.schema):
            if pa.types.is_decimal(field.type):
                values = [as_decimal(row[k], field.type) for row in got]
                assert values == stored[field.name].to_pylist(), f"{name}.{field.name}"


def test_exported_indicators_carry_their_documents(corpus_dataset: Dataset, exports: Path) -> None:
    table = pq.read_table(exports / "parquet" / "indicators.parquet")
    documents = {d["doc_id"]: d for d in read_table(corpus_dataset.out, "documents").to_pylist()}
    assert table.num_rows == read_table(corpus_dataset.out, "indicators").num_rows > 0
    for row in table.to_pylist():
        owner = documents[row["doc_id"]]
        assert row["district"] == owner["district"] and row["fiscal_year"] == owner["fiscal_year"]
        assert row["document_total_score"] == owner["total_score"]
    assert set(DOCUMENT_CONTEXT) - {"total_score"} <= set(table.column_names)


def test_xlsx_export_round_trips(corpus_dataset: Dataset, exports: Path) -> None:
    book = load_workbook(exports / "xlsx" / "jixiao.xlsx", read_only=True)
    assert book.sheetnames == list(TABLES)
    for name in TABLES:
        stored = read_table(corpus_dataset.out, name)
        rows = list(book[name].iter_rows(values_only=True))
        assert list(rows[0][: stored.num_columns]) == stored.column_names
        assert len(rows) - 1 == stored.num_rows
        for k, field in enumerate(stored.schema):
            column = [row[k] for row in rows[1:]]
            values = stored[field.name].to_pylist()
            if pa.types.is_decimal(field.type):
                assert [as_decimal(v, field.type) for v in column] == values, f"{name}.{field.name}"
            elif pa.types.is_integer(field.type) or pa.types.is_boolean(field.type):
                assert column == values, f"{name}.{field.name}"
            else:
                texts = [cell_text(v) for v in values]
                kept = [
                    (got or "", want)
                    for got, want in zip(column, texts, strict=True)
                    if len(want) < EXCEL_CELL_LIMIT
                ]
                assert all(got == want for got, want in kept), f"{name}.{field.name}"


def test_zh_headers_come_from_the_data_dictionary(corpus_dataset: Dataset, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--out", str(corpus_dataset.out), "--to", str(tmp_path), "--zh"])
    assert result.exit_code == 0, result.output
    with (tmp_path / "amounts.csv").open(encoding="utf-8-sig") as handle:
        first = next(csv.reader(handle))
    assert first[:4] == ["文档编号", "项目", "资金类型", "金额（元）"]
    with (tmp_path / "indicators.csv").open(encoding="utf-8-sig") as handle:
        headers = next(csv.reader(handle))
    assert {
        "一级指标",
        "得分",
        "区县",
        "评价年度",
        header("indicators", "document_total_score", True),
    } <= set(headers)


def test_check_format_json(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["check", str(write_edited_seed(tmp_path / "edited.txt")), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    tables = json.loads(result.stdout)
    assert tables["documents"][0]["report_type"] == "project_evaluation"
    failing = [c for c in tables["checks"] if c["status"] == "fail"]
    rate = next(c for c in failing if c["check_id"] == "rate_recompute")
    assert rate["actual"] == "88.30" and rate["severity"] == "error"
    assert all(isinstance(a["amount_yuan"], str) for a in tables["amounts"])  # exact digits, not floats
    assert "2679000.00" in {a["amount_yuan"] for a in tables["amounts"]}
