"""Arithmetic checks: the report's own figures recomputed under Calculations 1.1 rounding."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from checks.finding import Finding, cite, judged, plain, shown, skipped
from checks.interval import Interval, assigned, rounded, tolerance_text, total
from checks.wording import is_savings_rate, same_group
from extractors.document import Evidence
from extractors.facts import (
    Amount,
    DocumentFacts,
    Figure,
    Indicator,
    ProjectFacts,
    Rate,
    Subtotal,
    decimals_of,
)
from extractors.facts.rates import pairing_for

HUNDRED = Decimal(100)
ONE = Decimal(1)


def amount_interval(amount: Amount) -> Interval:
    return Interval.around(amount.amount_yuan, amount.half_width_yuan)


def as_written(amount: Amount) -> Interval:
    """The amount as a form writes an exact figure: a whole number (16万元) is exact, decimals rounded."""
    return Interval.exact(amount.amount_yuan) if decimals_of(amount.value) == 0 else amount_interval(amount)


@dataclass(frozen=True)
class Recomputation:
    """One way of recomputing a rate from two amounts."""

    pct: Interval
    point: Decimal  # from the figures as written
    formula: str  # 267.90 万元 ÷ 300 万元
    evidence: list[Evidence]
    whole_amounts: tuple[str, ...] = ()  # amounts written without decimals (2000万元), as written
    roles: tuple[str, str] = ("", "")  # the numerator's and the denominator's roles


def recomputations(rate: Rate, numerator: Amount, denominator: Amount) -> list[Recomputation]:
    """The rate as numerator / denominator, and for a savings rate also 1 − numerator / denominator
    (extraction may hand over either the saving or the actual cost as numerator)."""
    try:
        ratio = amount_interval(numerator) / amount_interval(denominator)
    except ZeroDivisionError:
        return []
    point = numerator.amount_yuan / denominator.amount_yuan
    evidence = [numerator.evidence, denominator.evidence]
    whole = tuple(a.as_written for a in (numerator, denominator) if decimals_of(a.value) == 0)
    plain_ratio = f"{numerator.as_written} ÷ {denominator.as_written}"
    roles = (numerator.role, denominator.role)
    ways = [Recomputation(ratio.scaled(HUNDRED), point * HUNDRED, plain_ratio, evidence, whole, roles)]
    if is_savings_rate(rate.name):
        saving = (Interval.exact(ONE) - ratio).scaled(HUNDRED)
        formula = f"({denominator.as_written} − {numerator.as_written}) ÷ {denominator.as_written}"
        ways.insert(0, Recomputation(saving, (ONE - point) * HUNDRED, formula, evidence, whole, roles))
    return ways


def missing_numerator(rate: Rate, pairs: list[tuple[Amount, Amount]], way: Recomputation) -> str | None:
    """The role a rate's numerator should have where none of its pairs has it and the way used divides a
    figure by one of the same role: a 到位率 read as a budget over the same budget assumes the money
    arrived (应到位2640万元…实际未到位，到位率0%), so it fails as a warning, never an error. A budget over
    another budget (年度总指标 over 年初预算, the seed's own 到位率) is a real pairing: None."""
    pairing = pairing_for(rate.name)
    if pairing is None or way.roles[0] != way.roles[1]:
        return None
    primary = pairing[0][0]
    return primary if all(num.role != primary for num, _ in pairs) else None


def stated_with(rate: Rate, evidence: list[Evidence]) -> bool:
    """Do these amounts stand in the rate's own sentence (or table row)?"""
    return all(e.text == rate.stated.evidence.text for e in evidence)


def rate_subject(rate: Rate) -> str:
    return f"{rate.name}（{rate.label}）" if rate.label else rate.name


def rate_recompute(project: ProjectFacts, doc: DocumentFacts) -> list[Finding]:
    findings = []
    for rate in project.rates:
        pairs = list(rate.alternatives)
        if rate.numerator is not None and rate.denominator is not None:
            pairs.insert(0, (rate.numerator, rate.denominator))
        ways = [way for num, den in pairs for way in recomputations(rate, num, den)]
        subject = rate_subject(rate)
        if not ways:
            zero = next((pair for pair in pairs if _nothing_over_nothing(rate, *pair)), None)
            findings.append(
                _rate_of_nothing(rate, subject, *zero)
                if zero is not None
                else skipped(
                    subject, f"{subject} 缺少可用于重算的分子或分母金额", cite([rate.stated.evidence])
                )
            )
            continue
        stated = rounded(rate.stated.value)
        consistent = [way for way in ways if way.pct.overlaps(stated)]
        # the cap is read only from amounts stated with the rate, never from other sentences' sums
        capped = [
            way
            for way in ways
            if rate.stated.value == HUNDRED and way.pct.lo > HUNDRED and stated_with(rate, way.evidence)
        ]
        if not consistent and capped and not is_savings_rate(rate.name):
            findings.append(_capped_at_hundred(rate, subject, capped[0]))
            continue
        way = consistent[0] if consistent else min(ways, key=lambda w: abs(w.point - rate.stated.value))
        computed = shown(way.point, rate.stated.decimals)
        tolerance = tolerance_text(way.pct, stated)
        if consistent and not any(stated.holds(w.point) for w in consistent) and way.whole_amounts:
            findings.append(_whole_amounts_rounded(rate, subject, way, computed, tolerance))
            continue
        verdict = "相符" if consistent else "不符，请核对比率或所用金额"
        # figures from other sentences may be about something else: a warning, not an error
        same_statement = any(stated_with(rate, [num.evidence, den.evidence]) for num, den in pairs)
        missing = missing_numerator(rate, pairs, way)
        if not consistent and not same_statement:
            verdict = "不符（金额取自其他语句，请核对是否为同一口径）"
        elif not consistent and missing is not None:
            verdict = f"不符（未见{ROLE_NAMES[missing]}金额，分子取自{ROLE_NAMES[way.roles[0]]}，请核对）"
        findings.append(
            judged(
                bool(consistent),
                subject,
                f"{subject}陈述为 {plain(rate.stated.value)}%，按 {way.formula} 计算为 {computed}%，{verdict}（容差 {tolerance}）",
                expected=computed,
                actual=plain(rate.stated.value),
                tolerance=tolerance,
                evidence=cite([rate.stated.evidence, *way.evidence]),
                severity=None if consistent or (same_statement and missing is None) else "warning",
            )
        )
    return findings or [skipped("rates", "未识别出比率（到位率、执行率等）")]


def _nothing_over_nothing(rate: Rate, numerator: Amount, denominator: Amount) -> bool:
    """A rate above 0 stated beside a budget and an execution of 0 (0 | 0 | 100%): no ratio at all."""
    return (
        rate.stated.value > 0
        and numerator.amount_yuan == 0
        and denominator.amount_yuan == 0
        and stated_with(rate, [numerator.evidence, denominator.evidence])
    )


def _rate_of_nothing(rate: Rate, subject: str, numerator: Amount, denominator: Amount) -> Finding:
    """A form's row of zeros given a rate (彩票公益金 | 0 | 0 | 100%): the rate says money moved where the
    row says none was there. Forms leave such cells blank or write —; a warning, as the 100% may be
    the form's default."""
    return judged(
        False,
        subject,
        f"{subject}陈述为 {plain(rate.stated.value)}%，但同行金额为 {numerator.as_written} ÷ "
        f"{denominator.as_written}，无从得出比率，请核对",
        expected="—",
        actual=plain(rate.stated.value),
        evidence=cite([rate.stated.evidence, numerator.evidence, denominator.evidence]),
        severity="warning",
    )


def _capped_at_hundred(rate: Rate, subject: str, way: Recomputation) -> Finding:
    """Spending or receipts above the budget written as a rate of 100 %: the usual convention of
    the self-evaluation forms (a rate above 100 % counts as 100 %), not a contradiction."""
    computed = shown(way.point, rate.stated.decimals)
    return judged(
        True,
        subject,
        f"{subject}陈述为 100%，按 {way.formula} 计算为 {computed}%，超过 100% 按 100% 计，相符",
        expected="100",
        actual="100",
        evidence=cite([rate.stated.evidence, *way.evidence]),
    )


def _whole_amounts_rounded(
    rate: Rate, subject: str, way: Recomputation, computed: str, tolerance: str
) -> Finding:
    """Consistent only because a whole-number amount (2000万元) stands for [1999.5, 2000.5]: the
    figures as written give another rate at the rate's own precision (1157.97 ÷ 2000 = 57.90%, stated
    57.89%). Forms and reports write exact amounts without decimals, so this is worth a look, but
    the amount may really have been rounded: a warning."""
    whole = "、".join(way.whole_amounts)
    return judged(
        False,
        subject,
        f"{subject}陈述为 {plain(rate.stated.value)}%，按所列金额 {way.formula} 计算为 {computed}%；"
        f"只有把整数金额 {whole} 视为约数才相符，请核对比率或金额（容差 {tolerance}）",
        expected=computed,
        actual=plain(rate.stated.value),
        tolerance=tolerance,
        evidence=cite([rate.stated.evidence, *way.evidence]),
        severity="warning",
    )


def compare_sum(
    subject: str,
    parts: list[Figure],
    stated: Figure,
    stated_interval: Interval,
    describe: str,
    extra_evidence: list[Evidence] | None = None,
) -> Finding:
    """Sum of parts (assigned figures) against a stated figure: expected = the sum, actual = the
    stated figure. `describe` names both, e.g. '指标得分合计 {sum} 与总得分 {stated}'."""
    parts_interval = total(assigned(p.value) for p in parts)
    ok = parts_interval.overlaps(stated_interval)
    added = plain(sum((p.value for p in parts), Decimal(0)))
    tolerance = tolerance_text(parts_interval, stated_interval)
    what = describe.format(sum=added, stated=plain(stated.value))
    return judged(
        ok,
        subject,
        f"{what} {'相符' if ok else '不符'}（容差 {tolerance}）",
        expected=added,
        actual=plain(stated.value),
        tolerance=tolerance,
        evidence=cite([*(extra_evidence or []), *(p.evidence for p in parts), stated.evidence]),
    )


def missing(indicators: list[Indicator], field: str) -> list[str]:
    return [i.name for i in indicators if getattr(i, field) is None]


def name_list(names: list[str]) -> str:
    return "、".join(names[:3]) + ("等" if len(names) > 3 else "")


def indicator_sum_total(project: ProjectFacts, doc: DocumentFacts) -> list[Finding]:
    stated = project.total_score
    if stated is None and len(doc.projects) == 1:
        stated = doc.narrative.total_score
    if not project.indicators or all(i.level1 == FUNDS_LEVEL1 for i in project.indicators):
        # the funds block's 预算执行 row alone is not the scoring table (unread, or out of the excerpt)
        return [skipped("total", "未识别出指标得分表")]
    if lacking := missing(project.indicators, "score"):
        return [skipped("total", f"{len(lacking)} 个指标缺少得分（{name_list(lacking)}），无法合计")]
    if stated is None:
        return [skipped("total", "未见总得分，无法与指标得分合计比对")]
    scores = [i.score for i in project.indicators if i.score is not None]
    return [
        compare_sum("total", scores, stated, rounded(stated.value), "指标得分合计 {sum} 与总得分 {stated}")
    ]


def stated_grand_total(project: ProjectFacts) -> Subtotal | None:
    """The table's 合计 row: a subtotal over no particular group."""
    for subtotal in project.subtotals:
        if subtotal.level1 is None and subtotal.level2 is None and subtotal.weight is not None:
            return subtotal
    return None


FUNDS_LEVEL1 = "预算执行"  # the funds block's row in the indicators (CONTRACT.md)


def weights_total(project: ProjectFacts, doc: DocumentFacts) -> list[Finding]:
    if not project.indicators:
        return [skipped("weights", "未识别出指标分值")]
    if lacking := missing(project.indicators, "weight"):
        return [skipped("weights", f"{len(lacking)} 个指标缺少分值（{name_list(lacking)}），无法合计")]
    weights = [i.weight for i in project.indicators if i.weight is not None]
    block = project.indicator_block_weight
    if block is not None and not any(i.level1 == FUNDS_LEVEL1 for i in project.indicators):
        # the form's funds block (预算执行情况(10分)) is not in what was read: hold the indicators to
        # the weight their own header states (绩效指标(90分)), not to the form's 合计
        return [
            compare_sum(
                "weights", weights, block, assigned(block.value), "指标分值合计 {sum} 与绩效指标分值 {stated}"
            )
        ]
    grand = stated_grand_total(project)
    if grand is not None and grand.weight is not None:
        return [
            compare_sum(
                "weights",
                weights,
                grand.weight,
                assigned(grand.weight.value),
                "指标分值合计 {sum} 与合计行分值 {stated}",
            )
        ]
    if project.total_score is None:
        # no 合计 row and no stated total: the table may go on past what was published (a page
        # excerpt, a cut-off attachment), so the weights cannot be held to 100
        return [skipped("weights", "未见合计行或总分，无法确认指标表完整")]
    hundred = Figure(HUNDRED, "100", Evidence(None, "满分 100 分"))
    return [
        compare_sum(
            "weights", weights, hundred, Interval.exact(HUNDRED), "指标分值合计 {sum} 与满分 {stated}"
        )
    ]


def rows_of(subtotal: Subtotal, indicators: list[Indicator]) -> list[Indicator]:
    return [
        i
        for i in indicators
        if (subtotal.level1 is None or same_group(i.level1, subtotal.level1))
        and (subtotal.level2 is None or same_group(i.level2, subtotal.level2))
    ]


def level_subtotal(project: ProjectFacts, doc: DocumentFacts) -> list[Finding]:
    findings = []
    for subtotal in project.subtotals:
        if subtotal.level1 is None and subtotal.level2 is None and subtotal.label == "合计":
            continue  # the grand total row: weights_total and indicator_sum_total hold it
        group = "/".join(n for n in (subtotal.level1, subtotal.level2) if n) or subtotal.label
        rows = rows_of(subtotal, project.indicators)
        sides = [("分值", "weight", subtotal.weight, assigned), ("得分", "score", subtotal.score, rounded)]
        for word, field, stated, interval_of in sides:
            if stated is None:
                continue
            subject = f"{group}/{word}"
            stated_in_name = subtotal.label not in (
                "小计",
                "合计",
            )  # 产出指标（50分）, no 小计 row closing it
            if stated_in_name and rows and rows[-1] is project.indicators[-1] and project.total_score is None:
                # the table stops in this group with no 总分 row after it: the group may go on past
                # what was published (a cut-off page or attachment)
                findings.append(skipped(subject, f"{group} 为表中末组且未见总分行，可能未完整公开"))
            elif not rows:
                findings.append(skipped(subject, f"{group} 下未识别出指标行", cite([subtotal.evidence])))
            elif lacking := missing(rows, field):
                findings.append(
                    skipped(subject, f"{group} 有 {len(lacking)} 个指标缺少{word}（{name_list(lacking)}）")
                )
            else:
                parts = [getattr(i, field) for i in rows]
                describe = f"{group} 各指标{word}合计 {{sum}} 与{subtotal.label}{word} {{stated}}"
                findings.append(
                    compare_sum(
                        subject, parts, stated, interval_of(stated.value), describe, [subtotal.evidence]
                    )
                )
    return findings or [skipped("subtotals", "表中未见小计或分组分值")]


def score_within_weight(project: ProjectFacts, doc: DocumentFacts) -> list[Finding]:
    findings = []
    for indicator in project.indicators:
        weight, score = indicator.weight, indicator.score
        if weight is None or score is None:
            findings.append(
                skipped(indicator.name, f"{indicator.name} 缺少{'分值' if weight is None else '得分'}")
            )
            continue
        score_iv, weight_iv = assigned(score.value), assigned(weight.value)
        ok = not weight_iv.below(score_iv) and score_iv.hi >= 0
        tolerance = tolerance_text(score_iv, weight_iv)
        if ok:
            message = f"{indicator.name} 得分 {plain(score.value)} 在 0 至分值 {plain(weight.value)} 之内"
        elif score_iv.hi < 0:
            message = f"{indicator.name} 得分 {plain(score.value)} 为负数"
        else:
            message = f"{indicator.name} 得分 {plain(score.value)} 超过分值 {plain(weight.value)}（容差 {tolerance}）"
        findings.append(
            judged(
                ok,
                indicator.name,
                message,
                expected=plain(weight.value),
                actual=plain(score.value),
                tolerance=tolerance,
                evidence=cite([score.evidence, weight.evidence]),
            )
        )
    return findings or [skipped("indicators", "未识别出指标得分表")]


def subpoints_sum(project: ProjectFacts, doc: DocumentFacts) -> list[Finding]:
    findings = []
    for indicator in project.indicators:
        if not indicator.criteria_points:
            continue
        if indicator.weight is None:
            findings.append(skipped(indicator.name, f"{indicator.name} 缺少分值，无法核对评价要点分数"))
            continue
        describe = f"{indicator.name} 评价要点分数合计 {{sum}} 与分值 {{stated}}"
        weight = indicator.weight
        findings.append(
            compare_sum(indicator.name, indicator.criteria_points, weight, assigned(weight.value), describe)
        )
    return findings or [skipped("criteria_points", "未识别出评价要点分数")]


def breakdown_sum(project: ProjectFacts, doc: DocumentFacts) -> list[Finding]:
    """A total and its 其中 parts: the parts may not exceed the total, and two or more parts should
    make it up. A warning, not an error: a breakdown may list only some parts, or overlapping ones."""
    findings = []
    for breakdown in project.breakdowns:
        whole = breakdown.total
        parts = [p for p in breakdown.parts if p.amount_yuan != 0 or len(breakdown.parts) > 1]
        subject = f"{whole.as_written}（{ROLE_NAMES.get(whole.role, whole.role)}）"
        if not parts:
            continue
        parts_interval = total(amount_interval(p) for p in parts)
        total_interval = amount_interval(whole)
        added = sum((p.amount_yuan for p in parts), Decimal(0))
        evidence = cite([whole.evidence, *(p.evidence for p in parts)])
        tolerance = tolerance_text(parts_interval, total_interval)
        listed = "、".join(f"{p.label or ''}{p.as_written}" for p in parts)
        if total_interval.below(parts_interval):
            ok, verdict = False, f"，超过总额 {whole.as_written}"
        elif len(parts) >= 2:
            ok = parts_interval.overlaps(total_interval)
            verdict = f"，与总额 {whole.as_written}" + (
                "相符" if ok else "不等于总额，请核对（也可能未列全）"
            )
            whole_numbers = [a.as_written for a in (*parts, whole) if decimals_of(a.value) == 0]
            if ok and whole_numbers and not total(as_written(p) for p in parts).overlaps(as_written(whole)):
                ok = False  # as with rates: consistent only if a whole-number amount was rounded
                verdict = f"，与总额 {whole.as_written} 只有把整数金额 {'、'.join(whole_numbers)} 视为约数才相符，请核对"
        else:
            findings.append(skipped(subject, "其中只列出一项，无法核对合计", evidence))
            continue
        findings.append(
            judged(
                ok,
                subject,
                f"其中各项（{listed}）合计 {yuan(added)} 元{verdict}（容差 {tolerance}）",
                expected=yuan(added),
                actual=yuan(whole.amount_yuan),
                tolerance=tolerance,
                evidence=evidence,
            )
        )
    return findings or [skipped("breakdowns", "未见「其中」分项")]


def spent_within_budget(project: ProjectFacts, doc: DocumentFacts) -> list[Finding]:
    """Spending stated beside its budget (in the same table row or sentence) does not exceed it."""
    findings = []
    totals = [a for a in project.amounts if a.label is None and a.item is None]
    for spent in (a for a in totals if a.role == "spent"):
        stated_there = [a for a in project.amounts if a.evidence.text == spent.evidence.text]
        if spent.source != "table" and len(stated_there) != 2:
            continue  # a sentence with more figures may speak of several scopes
        base = next(
            (
                a
                for role in BASE_ROLES
                for a in stated_there
                if a.role == role and a.label is None and a.item is None
            ),
            None,
        )
        if base is None:
            continue
        subject = f"{spent.as_written}（{ROLE_NAMES['spent']}）"
        over = amount_interval(base).below(amount_interval(spent))
        verdict = "超过" if over else "未超过"
        findings.append(
            judged(
                not over,
                subject,
                f"支出 {spent.as_written}{verdict}{ROLE_NAMES[base.role]} {base.as_written}",
                expected=f"≤ {yuan(base.amount_yuan)}",
                actual=yuan(spent.amount_yuan),
                evidence=cite([spent.evidence, base.evidence]),
            )
        )
    return findings or [skipped("spending", "未见同一处陈述的支出与预算")]


ROLE_NAMES = {
    "budget_initial": "年初预算",
    "budget_adjusted": "全年预算",
    "received": "到位资金",
    "spent": "支出",
    "other": "金额",
}
BASE_ROLES = ("budget_adjusted", "budget_initial", "received")


def yuan(value: Decimal) -> str:
    return plain(value.quantize(Decimal("0.01")))


def change_percent(doc: DocumentFacts) -> list[Finding]:
    """A change on the year before stated in money and in percent (2849.65万元，比上年增加319.38万元，
    增长14.09%): the percent is the change over the year before's sum, the sum less the rise (or plus
    the fall), each figure the interval its decimals allow."""
    findings = []
    for stated in doc.narrative.changes:
        now, change, percent = (rounded(f.value) for f in (stated.current, stated.change, stated.percent))
        # the year before's sum, as written and as the interval the written figures allow
        before = now - change if stated.rise else now + change
        delta = stated.change.value if stated.rise else -stated.change.value
        prior = stated.current.value - delta
        subject = f"{stated.current.as_written}的变动率"
        if before.lo <= 0:
            findings.append(skipped(subject, f"{subject}：上年数不为正，无法计算", cite([stated.evidence])))
            continue
        computed = (change / before).scaled(HUNDRED)
        expected = shown(stated.change.value / prior * HUNDRED, decimals_of(stated.percent.value))
        ok = computed.overlaps(percent)
        tolerance = tolerance_text(computed, percent)
        findings.append(
            judged(
                ok,
                subject,
                f"{stated.current.as_written}{'增加' if stated.rise else '减少'}{stated.change.as_written}，上年为 "
                f"{plain(prior)}{stated.unit}，变动率计算为 {expected}%，陈述为 {plain(stated.percent.value)}%，"
                f"{'相符' if ok else '不符，请核对'}（容差 {tolerance}）",
                expected=expected,
                actual=plain(stated.percent.value),
                tolerance=tolerance,
                evidence=cite([stated.evidence]),
            )
        )
    return findings or [skipped("changes", "文中未见同句陈述的增减额与增减率")]
