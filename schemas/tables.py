"""pyarrow schemas of every table in the dataset (see CONTRACT.md in the README).

Money is decimal128(20, 2) in 元; scores and weights decimal128(7, 2); percentages decimal128(9, 4).
Columns beyond the contract are additions, never renames.
"""

from __future__ import annotations

import pyarrow as pa

# 1.1: table `projects`, column sections.sentences; 1.2: rates.kind, indicators.level1_kind;
# 1.3: `boxes` on amounts, rates, checks (additions only)
SCHEMA_VERSION = "1.3"

MONEY = pa.decimal128(20, 2)
SCORE = pa.decimal128(7, 2)
PERCENT = pa.decimal128(9, 4)
# schemas.records.BBox: where a figure stands on its page, in PDF points from the top-left corner,
# written to 0.01 pt
BOX = pa.struct(
    [
        pa.field("page", pa.int32(), nullable=False),
        pa.field("x0", pa.float64(), nullable=False),
        pa.field("top", pa.float64(), nullable=False),
        pa.field("x1", pa.float64(), nullable=False),
        pa.field("bottom", pa.float64(), nullable=False),
    ]
)

DOCUMENTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("source_path", pa.string(), nullable=False),
        pa.field("source_format", pa.string()),
        pa.field("n_pages", pa.int32()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("error", pa.string()),
        pa.field("is_report", pa.bool_()),
        pa.field("report_type", pa.string()),
        pa.field("fiscal_year", pa.int16()),
        pa.field("province", pa.string()),
        pa.field("city", pa.string()),
        pa.field("district", pa.string()),
        pa.field("entity", pa.string()),
        pa.field("project", pa.string()),
        pa.field("total_score", SCORE),
        pa.field("grade_stated", pa.string()),
        pa.field("grade_by_band", pa.string()),
        # additions
        pa.field("title", pa.string()),
        pa.field("publisher", pa.string()),
        pa.field("n_projects", pa.int32()),
        pa.field("file_size", pa.int64()),
        pa.field("run_id", pa.string()),
    ]
)

PROJECTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("project", pa.string()),
        pa.field("department", pa.string()),  # 主管部门
        pa.field("implementing_unit", pa.string()),  # 实施单位
        pa.field("goal_expected", pa.string()),  # 年度总体目标: 预期目标
        pa.field("goal_actual", pa.string()),  # 年度总体目标: 实际完成情况
        pa.field("total_score", SCORE),
        pa.field("n_indicators", pa.int32()),
    ]
)

AMOUNTS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("project", pa.string()),
        pa.field("role", pa.string(), nullable=False),
        pa.field("amount_yuan", MONEY, nullable=False),
        pa.field("as_written", pa.string()),
        pa.field("page", pa.int32()),
        pa.field("evidence", pa.string()),
        # additions
        pa.field("label", pa.string()),
        pa.field("source", pa.string()),
        pa.field("boxes", pa.list_(BOX)),
    ]
)

RATES = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("project", pa.string()),
        pa.field("name", pa.string(), nullable=False),
        pa.field("stated_pct", PERCENT, nullable=False),
        pa.field("computed_pct", PERCENT),
        pa.field("numerator_role", pa.string()),
        pa.field("denominator_role", pa.string()),
        pa.field("page", pa.int32()),
        pa.field("evidence", pa.string()),
        # additions
        pa.field("label", pa.string()),
        pa.field("kind", pa.string()),  # canonical rate kind (extractors.vocabulary.RATE_KINDS), 1.2
        pa.field("boxes", pa.list_(BOX)),  # 1.3
    ]
)

INDICATORS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("project", pa.string()),
        pa.field("row_no", pa.int32(), nullable=False),
        pa.field("level1", pa.string()),
        pa.field("level2", pa.string()),
        pa.field("level3", pa.string()),
        pa.field("weight", SCORE),
        pa.field("score", SCORE),
        pa.field("target_value", pa.string()),
        pa.field("actual_value", pa.string()),
        pa.field("criteria", pa.string()),
        pa.field("criteria_points", pa.list_(SCORE)),
        pa.field("deduction_note", pa.string()),
        pa.field("page", pa.int32()),
        # additions
        # level-1 family across frameworks (vocabulary.LEVEL1_FAMILIES), 1.2
        pa.field("level1_kind", pa.string()),
    ]
)

CHECKS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("project", pa.string()),
        pa.field("check_id", pa.string(), nullable=False),
        pa.field("subject", pa.string()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("severity", pa.string(), nullable=False),
        pa.field("expected", pa.string()),
        pa.field("actual", pa.string()),
        pa.field("tolerance", pa.string()),
        pa.field("message", pa.string()),
        pa.field("evidence", pa.string()),
        # additions
        pa.field("boxes", pa.list_(BOX)),
    ]
)

SECTIONS = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("section_no", pa.int32(), nullable=False),
        pa.field("path", pa.string()),
        pa.field("heading", pa.string()),
        pa.field("text", pa.string()),
        pa.field("tokens", pa.list_(pa.string())),
        # additions
        pa.field("page", pa.int32()),
        pa.field("sentences", pa.list_(pa.string())),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "projects": PROJECTS,
    "amounts": AMOUNTS,
    "rates": RATES,
    "indicators": INDICATORS,
    "checks": CHECKS,
    "sections": SECTIONS,
}
TABLE_ORDER: tuple[str, ...] = tuple(TABLES)


def table_schema(name: str) -> pa.Schema:
    """The schema of table `name`; KeyError names the known tables."""
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"unknown table {name!r}; known: {', '.join(TABLES)}") from None
