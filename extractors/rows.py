"""Facts to the contract's rows: the documents row's metadata, amounts, rates and indicators."""

from __future__ import annotations

from decimal import Decimal

from extractors.facts import Amount, DocumentFacts, Rate
from extractors.facts.grades import grade_for_score
from extractors.vocabulary import level1_family, rate_kind
from schemas import AmountRow, DocumentRow, IndicatorRow, ProjectRow, RateRow

PERCENT_PLACES = Decimal("0.0001")
SCORE_PLACES = Decimal("0.01")


def computed_pct(rate: Rate) -> Decimal | None:
    if rate.numerator is None or rate.denominator is None or rate.denominator.amount_yuan == 0:
        return None
    ratio = rate.numerator.value * Decimal(100) / rate.denominator.value
    if rate.numerator.unit != rate.denominator.unit:
        ratio = rate.numerator.amount_yuan * Decimal(100) / rate.denominator.amount_yuan
    return ratio.quantize(PERCENT_PLACES)


def amount_row(doc_id: str, project: str | None, amount: Amount) -> AmountRow:
    # a sub-project's figure is not one of the project's budget figures
    return AmountRow(
        doc_id=doc_id,
        project=project,
        role="other" if amount.item else amount.role,
        amount_yuan=amount.amount_yuan,
        as_written=amount.as_written,
        page=amount.evidence.page,
        evidence=amount.evidence.text,
        label=amount.item or amount.label,
        source=amount.source,
        boxes=list(amount.evidence.boxes),
    )


def fill_document_row(facts: DocumentFacts, row: DocumentRow) -> None:
    meta = facts.metadata
    row.is_report = meta.is_report
    row.report_type = meta.report_type
    row.fiscal_year = meta.fiscal_year
    row.province, row.city, row.district = meta.province, meta.city, meta.district
    row.entity, row.project = meta.entity, meta.project
    row.title, row.publisher = meta.title, meta.publisher
    row.n_projects = len(facts.projects)
    total = facts.total_score
    row.total_score = total.value.quantize(SCORE_PLACES) if total else None
    row.grade_stated = facts.narrative.grade_stated
    row.grade_by_band = grade_for_score(total.value) if total else None


def facts_to_rows(facts: DocumentFacts, doc_id: str, document_row: DocumentRow) -> dict[str, list]:
    """Rows for documents (filled in place), projects, amounts, rates and indicators."""
    fill_document_row(facts, document_row)
    projects = [
        ProjectRow(
            doc_id=doc_id,
            project=p.name,
            department=p.fields.get("department"),
            implementing_unit=p.fields.get("unit"),
            goal_expected=p.fields.get("goal_expected"),
            goal_actual=p.fields.get("goal_actual"),
            total_score=p.total_score.value.quantize(SCORE_PLACES) if p.total_score else None,
            n_indicators=len(p.indicators),
        )
        for p in facts.projects
    ]
    amounts: list[AmountRow] = []
    rates: list[RateRow] = []
    indicators: list[IndicatorRow] = []
    for project in facts.projects:
        name = project.name
        amounts += [amount_row(doc_id, name, a) for a in project.amounts]
        for rate in project.rates:
            rates.append(
                RateRow(
                    doc_id=doc_id,
                    project=name,
                    name=rate.name,
                    stated_pct=rate.stated.value,
                    computed_pct=computed_pct(rate),
                    numerator_role=rate.numerator.role if rate.numerator else None,
                    denominator_role=rate.denominator.role if rate.denominator else None,
                    page=rate.stated.evidence.page,
                    evidence=rate.stated.evidence.text,
                    label=rate.label,
                    kind=rate_kind(rate.name),
                    boxes=list(rate.stated.evidence.boxes),
                )
            )
        for ind in project.indicators:
            indicators.append(
                IndicatorRow(
                    doc_id=doc_id,
                    project=name,
                    row_no=ind.row_no,
                    level1=ind.level1,
                    level2=ind.level2,
                    level3=ind.level3,
                    weight=ind.weight.value if ind.weight else None,
                    score=ind.score.value if ind.score else None,
                    target_value=ind.target_value,
                    actual_value=ind.actual_value,
                    criteria=ind.criteria,
                    criteria_points=[p.value for p in ind.criteria_points],
                    deduction_note=ind.deduction_note,
                    page=ind.evidence.page,
                    level1_kind=level1_family(ind.level1),
                )
            )
    return {
        "documents": [document_row],
        "projects": projects,
        "amounts": amounts,
        "rates": rates,
        "indicators": indicators,
    }
