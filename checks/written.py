"""How the report writes what it cites and counts (document numbers, periods, dates, amounts): a
lost bracket or 年 leaves the reader unable to look the citation up; a period that ends before it
starts is a slip; a masked or mis-separated amount cannot be used."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from checks.finding import Citation, Finding, cite, judged, plain, skipped
from extractors.facts import Amount, DocumentFacts

# More than any one project's form holds (the largest national programmes a ministry reports on are a
# few hundred 亿元): a figure above it was written in 元 under a 万元 header, or read so where the form
# states no unit.
MAX_FORM_AMOUNT_YUAN = Decimal("1e11")
# Less than any project's budget, receipts or spending (市级资金配套3.6元 for 120人 × 300元, 全年执行数33.78元):
# a total written in 元 below it was meant in 万元. Standards (300元/人) and sub-items are not totals.
MIN_TOTAL_YUAN = Decimal(1000)
TOTAL_ROLES = ("budget_initial", "budget_adjusted", "received", "spent")


def unit_slip(amount: Amount) -> str | None:
    """Why the amount's unit must be wrong, or None: a total in 元 too small for any project, or a
    form's figure too large for one."""
    if (
        amount.role in TOTAL_ROLES
        and amount.label is None
        and amount.unit == "元"
        and Decimal(0) < amount.amount_yuan < MIN_TOTAL_YUAN
    ):
        return f"「{amount.as_written}」作为项目的预算、到位或支出总额，小于任何项目的规模：单位疑误（应为万元？）"
    if amount.source == "table" and amount.amount_yuan > MAX_FORM_AMOUNT_YUAN:
        yi = plain((amount.amount_yuan / Decimal("1e8")).quantize(Decimal("0.01")))
        return f"表中金额「{amount.as_written}」即 {yi} 亿元，超出一个项目的规模：单位疑误（数字或以元计）"
    return None


def unit_slips(doc: DocumentFacts) -> list[Finding]:
    """One finding for each amount, as written, whose unit is wrong."""
    slips: dict[str, Finding] = {}
    for project in doc.projects:
        for amount in project.amounts:
            if (problem := unit_slip(amount)) is not None:
                slips.setdefault(
                    amount.as_written,
                    judged(
                        False,
                        f"金额/{amount.as_written}",
                        problem,
                        actual=amount.as_written,
                        evidence=cite([amount.evidence]),
                    ),
                )
    return list(slips.values())


def written_form(doc: DocumentFacts) -> list[Finding]:
    slips = unit_slips(doc)
    if not doc.written and not slips:
        return [skipped("references", "未见引用的文号、年份区间，也未见书写有误的日期或金额")]
    findings = slips + [
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
