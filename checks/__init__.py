"""The check engine: declared rules over extracted facts, results as `checks` rows.

Checks read only `extractors.facts`; each is declared once in `checks.registry.CATALOGUE`.
"""

from __future__ import annotations

from checks.agreement import grade_for_score
from checks.registry import CATALOGUE, SPECS, CheckSpec
from extractors.facts import DocumentFacts
from schemas import CheckRow

__all__ = ["CATALOGUE", "SPECS", "CheckSpec", "grade_for_score", "run_checks"]


def run_checks(facts: DocumentFacts, doc_id: str, only: tuple[str, ...] | None = None) -> list[CheckRow]:
    """Evaluate every registered check (or those named in `only`) on a report's facts.

    Project-level checks run once per ProjectFacts, document-level ones once per document. A
    document that is not a report yields no rows: there is nothing to hold it to.
    """
    if not facts.metadata.is_report:
        return []
    return [
        CheckRow(
            doc_id=doc_id,
            project=finding.project,
            check_id=spec.check_id,
            subject=finding.subject,
            status=finding.status,
            severity=finding.severity or spec.severity,
            expected=finding.expected,
            actual=finding.actual,
            tolerance=finding.tolerance,
            message=finding.message,
            evidence=finding.evidence.text if finding.evidence else None,
            boxes=list(finding.evidence.boxes) if finding.evidence else [],
        )
        for spec in CATALOGUE
        if only is None or spec.check_id in only
        for finding in spec.evaluate(facts)
    ]
