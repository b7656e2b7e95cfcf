"""The dataset writer: real Parquet files read back with pyarrow and DuckDB."""

from __future__ import annotations

import json
import multiprocessing
import os
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest

from extractors.version import EXTRACTOR_VERSION
from pipeline.store import (
    MANIFEST,
    RunWriter,
    StoreError,
    committed_run_ids,
    dataset_schema,
    read_manifest,
    read_table,
    recover,
    rows_to_table,
)
from schemas import (
    AmountRow,
    CheckRow,
    DocumentRow,
    IndicatorRow,
    PageRow,
    ProjectRow,
    RateRow,
    SectionRow,
)
from schemas.tables import SCHEMA_VERSION, TABLES


def document_tables(doc_id: str, score: str = "91.50", source: str = "a.pdf") -> dict[str, list]:
    """One document's rows in every table, with decimals, lists and nulls."""
    return {
        "documents": [
            DocumentRow(
                doc_id=doc_id,
                source_path=source,
                source_format="pdf",
                status="ok",
                n_pages=12,
                is_report=True,
                fiscal_year=2021,
                province="广东省",
                total_score=Decimal(score),
                extractor_version=EXTRACTOR_VERSION,
            )
        ],
        "projects": [
            ProjectRow(doc_id, "日常运营", "某区民政局", None, "完成年度任务", "已完成", Decimal("91.50"), 17)
        ],
        "amounts": [
            AmountRow(
                doc_id, "日常运营", "budget_adjusted", Decimal("3000000.00"), "300万元", 2, "预算300万元"
            ),
            AmountRow(doc_id, "日常运营", "spent", Decimal("2679000.00"), "267.90万元", 2, "支出267.90万元"),
        ],
        "rates": [
            RateRow(
                doc_id,
                "日常运营",
                "预算执行率",
                Decimal("89.30"),
                None,
                "spent",
                "budget_adjusted",
                2,
                "89.30%",
            )
        ],
        "indicators": [
            IndicatorRow(
                doc_id,
                "日常运营",
                1,
                "决策",
                "项目立项",
                "立项依据充分性",
                Decimal("5"),
                Decimal("4.99"),
                criteria_points=[Decimal("1.66"), Decimal("1.66"), Decimal("1.67")],
            ),
            IndicatorRow(doc_id, None, 2, "预算执行", None, "预算执行率", None, None),
        ],
        "checks": [
            CheckRow(
                doc_id, "日常运营", "rate_recompute", "预算执行率", "pass", "error", "89.30", "89.30", "0.005"
            )
        ],
        "sections": [SectionRow(doc_id, 1, "一、", "基本情况", "项目概况", ["项目", "概况"])],
        "pages": [PageRow(doc_id, 1, "pdfium", 595.0, 842.0, True)],
    }


def commit(out: Path, *documents: dict[str, list]) -> str:
    with RunWriter(out) as writer:
        for tables in documents:
            writer.add(tables)
        writer.commit(files={"inputs": len(documents)})
        return writer.run_id


def plain_pyarrow(out: Path, name: str) -> list[dict]:
    return ds.dataset(out / name, format="parquet", partitioning="hive").to_table().to_pylist()


def plain_duckdb(out: Path, name: str) -> list[tuple]:
    return duckdb.sql(
        f"SELECT * FROM read_parquet('{out}/{name}/**/*.parquet', hive_partitioning=true) ORDER BY ALL"
    ).fetchall()


def test_every_table_round_trips_exactly(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_id = commit(out, document_tables("d1"))
    for name in TABLES:
        table = read_table(out, name)
        assert table.schema == dataset_schema(name)
        assert set(table["run_id"].to_pylist()) == {run_id}
    amounts = read_table(out, "amounts").to_pylist()
    assert [row["amount_yuan"] for row in amounts] == [Decimal("3000000.00"), Decimal("2679000.00")]
    indicators = read_table(out, "indicators").to_pylist()
    assert indicators[0]["criteria_points"] == [Decimal("1.66"), Decimal("1.66"), Decimal("1.67")]
    assert indicators[0]["score"] == Decimal("4.99")
    assert indicators[1]["criteria_points"] == [] and indicators[1]["weight"] is None
    assert read_table(out, "sections")["tokens"].to_pylist() == [["项目", "概况"]]
    document = read_table(out, "documents").to_pylist()[0]
    assert document["total_score"] == Decimal("91.50") and document["fiscal_year"] == 2021
    assert document["error"] is None


def test_plain_readers_see_the_contract_layout(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_id = commit(out, document_tables("d1"), document_tables("d2"))
    rows = plain_pyarrow(out, "documents")
    assert sorted(row["doc_id"] for row in rows) == ["d1", "d2"]
    assert {row["run_id"] for row in rows} == {run_id}
    spent = duckdb.sql(
        f"SELECT amount_yuan, typeof(amount_yuan), typeof(run_id) FROM read_parquet('{out}/amounts/**/*.parquet',"
        " hive_partitioning=true) WHERE role = 'spent' AND doc_id = 'd1'"
    ).fetchall()
    assert spent == [(Decimal("2679000.00"), "DECIMAL(20,2)", "VARCHAR")]
    assert len(plain_duckdb(out, "checks")) == 2
    # one file per table per run
    assert sorted(p.relative_to(out).as_posix() for p in out.glob("*/*/*.parquet")) == sorted(
        f"{name}/run_id={run_id}/part-0.parquet" for name in TABLES
    )


def test_manifest_lists_committed_runs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = commit(out, document_tables("d1"))
    second = commit(out, document_tables("d2"))
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert [run["run_id"] for run in manifest["runs"]] == [first, second]
    run = manifest["runs"][0]
    assert run["rows"] == {
        "documents": 1,
        "projects": 1,
        "amounts": 2,
        "rates": 1,
        "indicators": 2,
        "checks": 1,
        "sections": 1,
        "pages": 1,
    }
    assert run["status_counts"] == {"ok": 1}
    assert run["files"] == {"inputs": 1}
    assert run["jixiao_version"] and run["started_utc"].endswith("+00:00") and run["finished_utc"]


def test_newest_run_supersedes_a_reprocessed_document(tmp_path: Path) -> None:
    out = tmp_path / "out"
    commit(out, document_tables("d1", score="80.00"), document_tables("d2"))
    newer = commit(out, document_tables("d1", score="85.00"))
    documents = {row["doc_id"]: row for row in read_table(out, "documents").to_pylist()}
    assert documents["d1"]["total_score"] == Decimal("85.00") and documents["d1"]["run_id"] == newer
    assert len(read_table(out, "amounts")) == 4  # d1 once (newest run) + d2
    # the DuckDB query documented in the README gives the same rows
    latest = duckdb.sql(
        f"""WITH latest AS (
              SELECT doc_id, max(run_id) AS run_id
              FROM read_parquet('{out}/documents/**/*.parquet', hive_partitioning=true) GROUP BY doc_id)
            SELECT a.doc_id, a.run_id FROM read_parquet('{out}/amounts/**/*.parquet', hive_partitioning=true) a
            JOIN latest USING (doc_id, run_id) ORDER BY ALL"""
    ).fetchall()
    assert latest == sorted((row["doc_id"], row["run_id"]) for row in read_table(out, "amounts").to_pylist())


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (AmountRow("d", None, "spent", Decimal("1.234"), "1.234元", None, "e"), "amount_yuan row 0"),
        (AmountRow("d", None, "spent", 2679000.0, "x", None, "e"), "expected Decimal, got float"),  # type: ignore[arg-type]
        (AmountRow("d", None, "spent", Decimal("1" * 19), "x", None, "e"), "amount_yuan"),
        (AmountRow(None, None, "spent", Decimal("1"), "x", None, "e"), "null in a required column"),  # type: ignore[arg-type]
        (AmountRow("d", None, "spent", Decimal("1"), "x", 1.0, "e"), "expected int, got float"),  # type: ignore[arg-type]
        (SectionRow("d", 1, "p", "h", "t"), "fields differ from the schema"),
    ],
)
def test_rows_that_do_not_fit_are_refused(row: object, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        rows_to_table("amounts", [row])


def test_a_bad_document_is_refused_whole_and_the_run_goes_on(tmp_path: Path) -> None:
    out = tmp_path / "out"
    bad = document_tables("bad")
    bad["indicators"][0].score = Decimal("4.999")
    with RunWriter(out) as writer:
        with pytest.raises(StoreError, match=r"indicators\.score row 0"):
            writer.add(bad)
        writer.add(document_tables("good"))
        writer.commit()
    assert read_table(out, "documents")["doc_id"].to_pylist() == ["good"]
    assert set(read_table(out, "amounts")["doc_id"].to_pylist()) == {"good"}


class CrashingWriter(RunWriter):
    """Fails after moving `survive` tables into place, as a full disk or a kill would."""

    survive = 3

    def _move_into_place(self, name: str) -> None:
        if self.survive == 0:
            raise OSError("simulated failure in the middle of commit")
        self.survive -= 1
        super()._move_into_place(name)


class DyingWriter(RunWriter):
    """Exits the process after moving three tables: no rollback, no manifest update."""

    moved = 0

    def _move_into_place(self, name: str) -> None:
        if self.moved == 3:
            os._exit(1)
        self.moved += 1
        super()._move_into_place(name)


def _die_while_committing(out: str) -> None:
    with DyingWriter(out) as writer:
        writer.add(document_tables("new"))
        writer.commit()


def snapshot(out: Path) -> dict[str, list]:
    return {name: read_table(out, name).to_pylist() for name in TABLES}


def test_failure_in_the_middle_of_commit_leaves_the_old_dataset(tmp_path: Path) -> None:
    out = tmp_path / "out"
    commit(out, document_tables("old"))
    before = snapshot(out)
    manifest_before = (out / MANIFEST).read_bytes()
    with pytest.raises(StoreError, match="simulated failure"), CrashingWriter(out) as writer:
        writer.add(document_tables("new"))
        writer.commit()
    assert (out / MANIFEST).read_bytes() == manifest_before
    assert snapshot(out) == before
    assert sorted(row["doc_id"] for row in plain_pyarrow(out, "amounts")) == ["old", "old"]
    assert not (out / ".staging").exists()


def test_a_run_killed_mid_commit_is_ignored_then_cleaned_up(tmp_path: Path) -> None:
    out = tmp_path / "out"
    commit(out, document_tables("old"))
    before = snapshot(out)
    process = multiprocessing.get_context("spawn").Process(target=_die_while_committing, args=(str(out),))
    process.start()
    process.join(60)
    assert process.exitcode == 1
    orphans = [p for p in out.glob("*/run_id=*") if p.name.split("=", 1)[1] not in committed_run_ids(out)]
    assert len(orphans) == 3  # the dead run moved three tables, never listed them
    assert snapshot(out) == before  # readers trust the manifest only
    recover(out)  # what the next run does first
    assert not any(orphan.exists() for orphan in orphans)
    assert not any((out / ".staging").iterdir())  # the dead run's staging is gone too
    assert sorted(row["doc_id"] for row in plain_pyarrow(out, "documents")) == ["old"]
    assert len(plain_duckdb(out, "amounts")) == 2
    assert snapshot(out) == before


def test_an_aborted_run_leaves_no_trace(tmp_path: Path) -> None:
    out = tmp_path / "out"
    commit(out, document_tables("old"))
    with pytest.raises(RuntimeError), RunWriter(out) as writer:
        writer.add(document_tables("new"))
        raise RuntimeError("interrupted before commit")
    assert sorted(p.name for p in out.iterdir()) == sorted([*TABLES, MANIFEST, ".lock"])
    assert len(read_manifest(out)["runs"]) == 1


def test_an_output_from_another_schema_version_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text(json.dumps({"schema_version": "0.9", "runs": []}), encoding="utf-8")
    with pytest.raises(StoreError, match="schema_version 0.9"), RunWriter(out):
        pass


def test_an_unwritable_output_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot write"), RunWriter(blocker / "out"):
        pass
