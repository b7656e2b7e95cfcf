"""How the report writes what it cites and counts (document numbers, periods, dates, amounts): a
lost bracket or 年 leaves the reader unable to look the citation up; a period that ends before it
starts is a slip; a masked or mis-separated amount cannot be used."""

from __future__ import annotations

from collections import Counter

from checks.finding import Citation, Finding, judged, skipped
from extractors.facts import DocumentFacts


def written_form(doc: DocumentFacts) -> list[Finding]:
    if not doc.written:
        return [skipped("references", "未见引用的文号、年份区间，也未见书写有误的日期或金额")]
    findings = [
        judged(
            False,
            f"{ref.kind}/{ref.as_written}",
            f"{ref.kind}「{ref.as_written}」书写有误：{ref.problem}",
            actual=ref.as_written,
            evidence=Citation(ref.evidence.describe(), ref.evidence.boxes),
        )
        for ref in doc.written
        if ref.problem is not None
    ]
    if findings:
        return findings
    kinds = "、".join(f"{kind} {n} 处" for kind, n in Counter(r.kind for r in doc.written).items())
    return [judged(True, "references", f"书写无误：{kinds}")]
