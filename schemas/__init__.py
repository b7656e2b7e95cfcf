"""The dataset's single source of truth: table schemas, the schema version and row records.

Nothing here imports from the rest of the project. The row records are here; the pyarrow schemas
are in `schemas.tables`, imported only where the dataset is written or read, so a worker process that
only extracts never loads pyarrow (~40 MB of its memory).
"""

from schemas.records import (
    AmountRow,
    BBox,
    CheckRow,
    DocumentRow,
    IndicatorRow,
    PageRow,
    ProjectRow,
    RateRow,
    SectionRow,
)

__all__ = [
    "AmountRow",
    "BBox",
    "CheckRow",
    "DocumentRow",
    "IndicatorRow",
    "PageRow",
    "ProjectRow",
    "RateRow",
    "SectionRow",
]
