"""The check engine: declared rules over extracted facts, results as `checks` rows."""

from __future__ import annotations

from extractors.facts import DocumentFacts
from schemas import CheckRow


def run_checks(facts: DocumentFacts, doc_id: str) -> list[CheckRow]:
    """Evaluate every registered check on every project of the document."""
    raise NotImplementedError
