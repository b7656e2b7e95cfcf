"""The dataset's single source of truth: table schemas, the schema version and row records.

Nothing here imports from the rest of the project.
"""

from schemas.records import (
    AmountRow,
    BBox,
    CheckRow,
    DocumentRow,
    IndicatorRow,
    ProjectRow,
    RateRow,
    SectionRow,
)
from schemas.tables import SCHEMA_VERSION, TABLE_ORDER, TABLES, table_schema

__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "TABLE_ORDER",
    "AmountRow",
    "BBox",
    "CheckRow",
    "DocumentRow",
    "IndicatorRow",
    "ProjectRow",
    "RateRow",
    "SectionRow",
    "table_schema",
]
