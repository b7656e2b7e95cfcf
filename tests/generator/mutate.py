"""Single realistic edits to a clean report, each with the check(s) that must then fail."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from decimal import Decimal

from tests.generator.model import Indicator, Part, Report, formula_score, grade_for
from tests.generator.oracle import rate_holds

GRADES = ("优", "良", "中", "差")


class NotApplicable(ValueError):
    """The report has nothing this mutation could edit (no 小计 rows, no stated grade, ...)."""


def scored_part(report: Report) -> Part:
    parts = [p for p in report.parts if p.indicators]
    if not parts:
        raise NotApplicable("no indicator table")
    return parts[0]


def plain(part: Part, pick: Callable[[Indicator], bool] = lambda i: True) -> list[Indicator]:
    """Indicators scored by judgement (not by a rate formula)."""
    return [i for i in part.indicators if i.formula_rate is None and pick(i)]


def with_subtotal(part: Part, ids: list[str]) -> list[str]:
    return [*ids, "level_subtotal"] if part.subtotals else ids


def indicator_score(report: Report, rng: random.Random) -> list[str]:
    """One score mistyped lower; the total and 小计 are left as they were."""
    part = scored_part(report)
    ind = rng.choice(plain(part, lambda i: i.score == i.weight))
    ind.score -= Decimal(rng.choice((1, 2, 3))) / 2
    ind.deduction_note = ind.deduction_note or "部分工作未完成"
    return with_subtotal(part, ["indicator_sum_total"])


def score_over_weight(report: Report, rng: random.Random) -> list[str]:
    part = scored_part(report)
    ind = rng.choice(plain(part))
    ind.score = ind.weight + Decimal(rng.choice((1, 2))) / 2
    return with_subtotal(part, ["indicator_sum_total", "score_within_weight"])


def total_stated(report: Report, rng: random.Random) -> list[str]:
    """The stated total (table and narrative alike) no longer the sum of the scores; same grade band."""
    part = scored_part(report)
    old = part.total_score or Decimal(0)
    delta = Decimal(rng.choice((1, 2, 3, 4))) / 2
    # a change beyond the rounding of the scores, within the same grade band
    candidates = (old - delta, old + delta, old - Decimal("0.5"), old + Decimal("0.5"))
    new = next(c for c in candidates if 0 <= c <= 100 and grade_for(c) == grade_for(old))
    part.total_score = new
    if report.total_in_text is not None:
        report.total_in_text = new
    return with_subtotal(part, ["indicator_sum_total"])


def rate_stated(report: Report, rng: random.Random) -> list[str]:
    """A stated rate that its amounts do not give."""
    rates = [r for p in report.parts for r in p.rates]
    if not rates:
        raise NotApplicable("no rates")
    rate = rng.choice(rates)
    old = rate.stated_pct
    step = Decimal(rng.randint(2, 8))
    while rate_holds(report, rate.key):
        rate.stated_pct = old - step if old - step > 0 else old + step
        step += 2
    failing = ["rate_recompute"]
    scored = [i for p in report.parts for i in p.indicators if i.formula_rate == rate.key]
    if any(formula_score(i.weight, rate.stated_pct) != i.score for i in scored):
        failing.append("formula_score")
    return failing


def rate_amount(report: Report, rng: random.Random) -> list[str]:
    """The figure a rate divides changed (a typo in 实际支出); components follow so the breakdown holds."""
    rates = [r for p in report.parts for r in p.rates if report.amount(r.numerator).part_of is None]
    if not rates:
        raise NotApplicable("no rates")
    rate = rng.choice(rates)
    amount = report.amount(rate.numerator)
    factor = Decimal(rng.choice((85, 90, 112, 120))) / 100
    new = (amount.value * factor).quantize(amount.value)
    delta = new - amount.value
    amount.value = new
    components = [a for p in report.parts for a in p.amounts if a.part_of == amount.key]
    if components:
        components[0].value += delta
    assert not rate_holds(report, rate.key)
    return ["rate_recompute"]


def weight(report: Report, rng: random.Random) -> list[str]:
    """One weight raised by a point; its 评价要点 points follow, the stated 合计 and claims do not."""
    part = scored_part(report)
    ind = rng.choice(plain(part, lambda i: i.score < i.weight) or plain(part))
    ind.weight += 1
    pointed = [c for c in ind.criteria if c.points is not None]
    if pointed:
        pointed[-1].points = (pointed[-1].points or Decimal(0)) + 1
    failing = ["weights_total"]
    if ind.score < ind.weight and not ind.deduction_note:
        failing.append("deduction_explained")
    if report.level1_weights_claim is not None:
        failing.append("level1_weights_stated")
    return with_subtotal(part, failing)


def grade(report: Report, rng: random.Random) -> list[str]:
    if report.grade_stated is None:
        raise NotApplicable("no stated grade")
    report.grade_stated = rng.choice([g for g in GRADES if g != report.grade_stated])
    return ["grade_band"]


def enumeration(report: Report, rng: random.Random) -> list[str]:
    if not report.enumerations:
        raise NotApplicable("no enumeration")
    enum = rng.choice(report.enumerations)
    enum.count_stated += 1 if enum.count_stated <= 2 or rng.random() < 0.5 else -1
    return ["enumeration_count"]


def drop_deduction(report: Report, rng: random.Random) -> list[str]:
    part = scored_part(report)
    candidates = plain(part, lambda i: i.score < i.weight and bool(i.deduction_note))
    if not candidates:
        raise NotApplicable("no explained deduction")
    rng.choice(candidates).deduction_note = None
    return ["deduction_explained"]


def subtotal(report: Report, rng: random.Random) -> list[str]:
    part = scored_part(report)
    if not part.subtotals:
        raise NotApplicable("no 小计 rows")
    sub = rng.choice(part.subtotals)
    sub.score += Decimal(rng.choice((1, 2, 3, 4))) / 2 * rng.choice((1, -1))
    return ["level_subtotal"]


def level1_count(report: Report, rng: random.Random) -> list[str]:
    if not report.level1_counts_claim:
        raise NotApplicable("no stated indicator counts")
    name = rng.choice(sorted(report.level1_counts_claim))
    report.level1_counts_claim[name] += 1
    return ["level1_counts_stated"]


MUTATIONS: dict[str, Callable[[Report, random.Random], list[str]]] = {
    "indicator_score": indicator_score,
    "score_over_weight": score_over_weight,
    "total_stated": total_stated,
    "rate_stated": rate_stated,
    "rate_amount": rate_amount,
    "weight": weight,
    "grade": grade,
    "enumeration": enumeration,
    "drop_deduction": drop_deduction,
    "subtotal": subtotal,
    "level1_count": level1_count,
}


def mutate(report: Report, kind: str, rng: random.Random) -> tuple[Report, list[str]]:
    """A copy of the report with one edit of `kind`, and the check ids that must now fail.

    Raises NotApplicable when the report has nothing of that kind to edit.
    """
    edited = copy.deepcopy(report)
    failing = MUTATIONS[kind](edited, rng)
    return edited, sorted(set(failing))


def applicable(report: Report) -> list[str]:
    """The mutation kinds this report supports, in MUTATIONS order."""
    kinds = []
    for kind in MUTATIONS:
        try:
            mutate(report, kind, random.Random(0))
        except (NotApplicable, IndexError):
            continue
        kinds.append(kind)
    return kinds
