"""How the report writes what it cites (document numbers, periods, dates): a lost bracket or 年
leaves the reader unable to look the citation up; a period that ends before it starts is a slip."""

from __future__ import annotations

from collections import Counter

from checks.finding import Citation, Finding, judged, skipped
from extractors.facts import DocumentFacts


def reference_form(doc: DocumentFacts) -> list[Finding]:
    if not doc.references:
        return [skipped("references", "未见引用的文号、年份区间或无「年」的日期")]
    findings = [
        judged(
            False,
            f"{ref.kind}/{ref.as_written}",
            f"{ref.kind}「{ref.as_written}」书写不完整：{ref.problem}",
            actual=ref.as_written,
            evidence=Citation(ref.evidence.describe(), ref.evidence.boxes),
        )
        for ref in doc.references
        if ref.problem is not None
    ]
    if findings:
        return findings
    kinds = "、".join(f"{kind} {n} 处" for kind, n in Counter(r.kind for r in doc.references).items())
    return [judged(True, "references", f"引用书写完整：{kinds}")]
