"""Row records: one dataclass per table, field for field the columns of `schemas.tables`.

Extractors and checks produce these; the writer turns lists of them into Arrow tables.
Amounts, scores and percentages are `Decimal`, never float. Positions on a page are the one
float: `BBox`, in PDF points.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class BBox:
    """A box on a page: PDF points from the page's top-left corner (pdfplumber's x0, top, x1, bottom).

    The one geometry type from loader to dataset: table cells, text glyphs and the figures a
    finding cites carry it, so a report can draw a box around each figure on the page image.
    """

    page: int  # 1-based
    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: BBox) -> BBox:
        """The box covering both (same page)."""
        return BBox(
            self.page,
            min(self.x0, other.x0),
            min(self.top, other.top),
            max(self.x1, other.x1),
            max(self.bottom, other.bottom),
        )


@dataclass
class DocumentRow:
    doc_id: str
    source_path: str
    source_format: str | None
    status: str  # ok | partial | failed
    n_pages: int | None = None
    error: str | None = None
    is_report: bool | None = None
    report_type: str | None = None
    fiscal_year: int | None = None
    province: str | None = None
    city: str | None = None
    district: str | None = None
    entity: str | None = None
    project: str | None = None
    total_score: Decimal | None = None
    grade_stated: str | None = None
    grade_by_band: str | None = None
    title: str | None = None
    publisher: str | None = None
    n_projects: int | None = None
    file_size: int | None = None
    run_id: str | None = None


@dataclass
class ProjectRow:
    doc_id: str
    project: str | None
    department: str | None = None
    implementing_unit: str | None = None
    goal_expected: str | None = None
    goal_actual: str | None = None
    total_score: Decimal | None = None
    n_indicators: int = 0


@dataclass
class AmountRow:
    doc_id: str
    project: str | None
    role: str
    amount_yuan: Decimal
    as_written: str
    page: int | None
    evidence: str
    label: str | None = None
    source: str | None = None  # text | table
    boxes: list[BBox] = field(default_factory=list)  # where the figure stands on its page


@dataclass
class RateRow:
    doc_id: str
    project: str | None
    name: str
    stated_pct: Decimal
    computed_pct: Decimal | None
    numerator_role: str | None
    denominator_role: str | None
    page: int | None
    evidence: str
    label: str | None = None
    kind: str | None = None
    boxes: list[BBox] = field(default_factory=list)  # where the stated rate stands on its page


@dataclass
class IndicatorRow:
    doc_id: str
    project: str | None
    row_no: int
    level1: str | None
    level2: str | None
    level3: str | None
    weight: Decimal | None
    score: Decimal | None
    target_value: str | None = None
    actual_value: str | None = None
    criteria: str | None = None
    criteria_points: list[Decimal] = field(default_factory=list)
    deduction_note: str | None = None
    page: int | None = None
    level1_kind: str | None = None


@dataclass
class CheckRow:
    doc_id: str
    project: str | None
    check_id: str
    subject: str
    status: str  # pass | fail | skip
    severity: str  # error | warning | info
    expected: str | None = None
    actual: str | None = None
    tolerance: str | None = None
    message: str = ""
    evidence: str | None = None
    boxes: list[BBox] = field(default_factory=list)  # the figures compared, on their pages


@dataclass
class SectionRow:
    doc_id: str
    section_no: int
    path: str
    heading: str
    text: str
    tokens: list[str] = field(default_factory=list)
    page: int | None = None
    sentences: list[str] = field(default_factory=list)
