"""Which consistency rules a generated report breaks, decided from its own data.

The generator's test oracle: a clean report breaks none, a mutated one exactly those its
mutation names. Rates follow the contract's rounding rule (intervals of the figures as
written overlap); every other figure the generator writes is exact.
"""

from __future__ import annotations

from decimal import Decimal

from tests.generator.model import Part, Report, decimals_of, formula_score, grade_for


def half_width(value: Decimal) -> Decimal:
    return Decimal(5).scaleb(-decimals_of(value) - 1)


def rate_holds(report: Report, key: str) -> bool:
    rate = report.rate(key)
    num, den = report.amount(rate.numerator), report.amount(rate.denominator)
    hn, hd = half_width(num.value), half_width(den.value)
    low = (num.value - hn) * 100 / (den.value + hd)
    high = (num.value + hn) * 100 / (den.value - hd)
    hs = half_width(rate.stated_pct)
    return rate.stated_pct + hs >= low and rate.stated_pct - hs <= high


def part_violations(report: Report, part: Part) -> set[str]:
    found: set[str] = set()
    inds = part.indicators
    if any(not rate_holds(report, r.key) for r in part.rates):
        found.add("rate_recompute")
    for a in part.amounts:
        parts = [x.value for x in part.amounts if x.part_of == a.key]
        if parts and sum(parts, Decimal(0)) != a.value:
            found.add("amount_breakdown")
    if not inds:
        return found
    if part.total_score is not None and sum((i.score for i in inds), Decimal(0)) != part.total_score:
        found.add("indicator_sum_total")
    if sum((i.weight for i in inds), Decimal(0)) != part.total_weight:
        found.add("weights_total")
    if any(i.score > i.weight for i in inds):
        found.add("score_within_weight")
    if any(i.score < i.weight and not i.deduction_note and not i.formula_rate for i in inds):
        found.add("deduction_explained")
    for i in inds:
        points = [c.points for c in i.criteria if c.points is not None]
        if i.criteria and len(points) == len(i.criteria) and sum(points, Decimal(0)) != i.weight:
            found.add("subpoints_sum")
        if i.formula_rate and formula_score(i.weight, report.rate(i.formula_rate).stated_pct) != i.score:
            found.add("formula_score")
    for sub in part.subtotals:
        group = [i for i in inds if i.level1 == sub.level1]
        if (
            sum((i.weight for i in group), Decimal(0)) != sub.weight
            or sum((i.score for i in group), Decimal(0)) != sub.score
        ):
            found.add("level_subtotal")
    if part.subtotals and sum((s.score for s in part.subtotals), Decimal(0)) != part.total_score:
        found.add("level_subtotal")  # the 合计 row against its 小计 rows
    return found


def level1_sums(part: Part) -> tuple[dict[str, Decimal], dict[str, int]]:
    weights: dict[str, Decimal] = {}
    counts: dict[str, int] = {}
    for i in part.indicators:
        weights[i.level1] = weights.get(i.level1, Decimal(0)) + i.weight
        counts[i.level1] = counts.get(i.level1, 0) + 1
    return weights, counts


def violations(report: Report) -> set[str]:
    found: set[str] = set()
    for part in report.parts:
        found |= part_violations(report, part)
    if report.parts:
        weights, counts = level1_sums(report.parts[0])
        if report.level1_weights_claim is not None and report.level1_weights_claim != weights:
            found.add("level1_weights_stated")
        if report.level1_counts_claim is not None and report.level1_counts_claim != counts:
            found.add("level1_counts_stated")
        total = report.parts[0].total_score
        if report.total_in_text is not None and total is not None and report.total_in_text != total:
            found.add("text_table_agreement")
        if report.grade_stated is not None and total is not None and grade_for(total) != report.grade_stated:
            found.add("grade_band")
    if any(e.count_stated != len(e.items) for e in report.enumerations):
        found.add("enumeration_count")
    return found
