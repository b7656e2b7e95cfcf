"""Judgement checks: figures that agree arithmetically yet look wrong to an evaluator (warnings).

Each is conservative: where the facts do not settle the question it skips, never fails.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from checks.arithmetic import amount_interval
from checks.finding import Citation, Finding, cite, judged, plain, round_half_up, shown, skipped
from checks.interval import Interval, assigned, rounded, tolerance_text
from checks.wording import content_bigrams, is_rate_name, is_savings_rate, same_rate
from extractors.document import Evidence
from extractors.facts import (
    Amount,
    CountMention,
    DocumentFacts,
    Figure,
    Heading,
    Indicator,
    ProjectFacts,
    Rate,
)
from extractors.vocabulary import alternation

ZERO, ONE, HUNDRED = Decimal(0), Decimal(1), Decimal(100)
PERCENT = Decimal("0.01")


def full_marks(indicator: Indicator) -> bool | None:
    """Scored its whole weight within rounding; None when either figure is missing."""
    if indicator.weight is None or indicator.score is None:
        return None
    return not assigned(indicator.score.value).below(assigned(indicator.weight.value))


def deduction_explained(project: ProjectFacts, doc: DocumentFacts) -> list[Finding]:
    findings = []
    for indicator in project.indicators:
        if full_marks(indicator) is not False or indicator.score is None or indicator.weight is None:
            continue
        note = (indicator.deduction_note or "").strip()
        score, weight = plain(indicator.score.value), plain(indicator.weight.value)
        if note:
            message = f"{indicator.name} 得分 {score}（分值 {weight}），扣分说明：{note}"
        elif indicator.scored_by_rule:  # the form's 分值 × 执行率: the rate in the row is the reason
            message = f"{indicator.name} 得分 {score}（分值 {weight}）按同行所列比率计分，无需另行说明"
        else:
            message = f"{indicator.name} 得分 {score}，低于分值 {weight}，但未说明扣分原因"
        findings.append(
            judged(
                bool(note) or indicator.scored_by_rule,
                indicator.name,
                message,
                expected=weight,
                actual=score,
                tolerance=tolerance_text(assigned(indicator.score.value), assigned(indicator.weight.value)),
                evidence=cite([indicator.score.evidence, indicator.evidence]),
            )
        )
    if findings:
        return findings
    if not project.indicators:
        return [skipped("indicators", "未识别出指标得分表")]
    return [judged(True, "indicators", "所有指标均得满分或缺少得分，无需扣分说明")]


# ---- formula_score -----------------------------------------------------------------------------


@dataclass(frozen=True)
class KnownRate:
    pct: Interval
    point: Decimal
    source: str  # where the rate came from, for the message
    evidence: list[Evidence]
    exact: Decimal | None = None  # the ratio of the rate's own stated amounts, when it reproduces it


def is_budget_execution(indicator: Indicator) -> bool:
    """The self-evaluation form's 预算执行 row, scored 分值 × 执行率 capped at 分值 by rule."""
    return "预算执行" in (indicator.level1 or "")


def is_formula_indicator(indicator: Indicator) -> bool:
    return bool(indicator.formula) or is_rate_name(indicator.name) or is_budget_execution(indicator)


_PERCENT_ONLY = re.compile(r"\s*(\d+(?:\.\d+)?)\s*[%％]\s*")


def percent_value(text: str | None) -> Decimal | None:
    match = _PERCENT_ONLY.fullmatch(text or "")
    return Decimal(match.group(1)) if match else None


def unambiguous(amounts: list[Amount], role: str) -> Amount | None:
    """The project-level amount of a role, if every unlabelled mention agrees on it."""
    found = [a for a in amounts if a.role == role and a.label is None]
    if not found or any(not amount_interval(a).overlaps(amount_interval(found[0])) for a in found):
        return None
    return found[0]


def savings_from_amounts(amounts: list[Amount]) -> KnownRate | None:
    budget = unambiguous(amounts, "budget_initial") or unambiguous(amounts, "budget_adjusted")
    spent = unambiguous(amounts, "spent")
    if budget is None or spent is None or budget.amount_yuan == ZERO:
        return None
    pct = (Interval.exact(ONE) - amount_interval(spent) / amount_interval(budget)).scaled(HUNDRED)
    point = (ONE - spent.amount_yuan / budget.amount_yuan) * HUNDRED
    source = f"（{budget.as_written} − {spent.as_written}）÷ {budget.as_written}"
    return KnownRate(pct, point, source, [budget.evidence, spent.evidence])


def rate_of(indicator: Indicator, project: ProjectFacts) -> KnownRate | None:
    """The indicator's rate: a stated Rate of that name (unlabelled first), else its 实际完成值 in
    percent, else for a savings rate the amounts. Disagreeing statements leave it unknown."""
    rates = [r for r in project.rates if same_rate(r.name, indicator.name)]
    rates = [r for r in rates if r.label is None] or rates
    if rates:
        first = rates[0].stated
        if any(not rounded(r.stated.value).overlaps(rounded(first.value)) for r in rates):
            return None
        source = f"陈述的{rates[0].name}"
        exact = exact_ratio(rates[0])
        if exact is None:
            return KnownRate(rounded(first.value), first.value, source, [first.evidence])
        pct = Interval(min(exact, first.value), max(exact, first.value))
        return KnownRate(pct, first.value, source, [first.evidence], exact)
    actual = percent_value(indicator.actual_value)
    if actual is not None:
        return KnownRate(rounded(actual), actual, "实际完成值", [indicator.evidence])
    if is_savings_rate(indicator.name):
        return savings_from_amounts(project.amounts)
    return None


def exact_ratio(rate: Rate) -> Decimal | None:
    """The rate's own stated amounts as an exact percentage, where they are unambiguous and
    reproduce the stated rate: a scorer multiplied by this or by the rate as written, so the
    stated rate's whole rounding interval need not be allowed."""
    if rate.numerator is None or rate.denominator is None or rate.alternatives:
        return None
    if rate.denominator.amount_yuan <= ZERO:
        return None
    exact = rate.numerator.amount_yuan / rate.denominator.amount_yuan * HUNDRED
    return exact if rounded(rate.stated.value).holds(exact) else None


def proportional_score(weight: Figure, rate: KnownRate) -> Interval:
    """分值 × 比率, held within [0, 分值]."""
    weight_iv = assigned(weight.value)
    return (weight_iv * rate.pct.scaled(PERCENT)).clamped(ZERO, weight_iv.hi)


@dataclass(frozen=True)
class Scored:
    indicator: Indicator
    weight: Figure
    score: Figure
    rate: KnownRate


def shows_proportional_rule(item: Scored) -> bool:
    """Scored weight × rate with 0 < rate < 100 % and below full marks: the rule, not a coincidence."""
    score_iv = assigned(item.score.value)
    strictly_partial = item.rate.pct.lo > ZERO and item.rate.pct.hi < HUNDRED
    below_full = score_iv.below(assigned(item.weight.value))
    return strictly_partial and below_full and score_iv.overlaps(proportional_score(item.weight, item.rate))


def scored_against_target(indicator: Indicator) -> bool:
    """A 年度指标值 below 100 % (≥85%): the score follows whether the target is met, not 分值 × 比率."""
    target = indicator.target_value or ""
    value = percent_value(re.sub(r"^[^\d]*", "", target)) if "%" in target else None
    return value is not None and value < HUNDRED


def formula_score(project: ProjectFacts, doc: DocumentFacts) -> list[Finding]:
    formula_rows = [i for i in project.indicators if is_formula_indicator(i)]
    if not formula_rows:
        return [skipped("formula", "未见按公式计分的指标")]
    findings: list[Finding] = []
    scored: list[Scored] = []
    for indicator in formula_rows:
        if scored_against_target(indicator):
            findings.append(
                skipped(
                    indicator.name,
                    f"{indicator.name} 按年度指标值 {indicator.target_value} 计分，不按比例核对",
                )
            )
            continue
        rate = rate_of(indicator, project)
        if indicator.weight is None or indicator.score is None or rate is None:
            lacking = "分值或得分" if rate is not None else "对应的比率"
            findings.append(skipped(indicator.name, f"{indicator.name} 缺少{lacking}，无法核对公式计分"))
        else:
            scored.append(Scored(indicator, indicator.weight, indicator.score, rate))
    precedents = [s for s in scored if not is_budget_execution(s.indicator) and shows_proportional_rule(s)]
    for item in scored:
        others = [p for p in precedents if p.indicator is not item.indicator]
        if is_budget_execution(item.indicator):
            rule = "自评表规则「分值 × 执行率，不超过分值」"
        elif others:
            p = others[0]
            rule = f"本表{p.indicator.name}按比例计分（{plain(p.score.value)} = {plain(p.weight.value)} × {shown(p.rate.point, 2)}%）"
        elif item in precedents:
            rule = "其自身体现的「分值 × 比率」规则"
        else:
            findings.append(
                skipped(item.indicator.name, f"{item.indicator.name}：本表未见可据以判断的计分规则")
            )
            continue
        findings.append(
            judge_formula(item, rule, [e for p in others[:1] for e in (p.score.evidence, *p.rate.evidence)])
        )
    return findings


def judge_formula(item: Scored, rule: str, rule_evidence: list[Evidence]) -> Finding:
    name = item.indicator.name
    expected_iv = proportional_score(item.weight, item.rate)
    score_iv = assigned(item.score.value)
    ok = expected_iv.overlaps(score_iv)
    capped = min(max(item.rate.point, ZERO), HUNDRED)
    expected = round_half_up(item.weight.value * capped / HUNDRED, max(item.score.decimals, 2))
    tolerance = tolerance_text(expected_iv, score_iv)
    rate_text = f"{item.rate.source} {shown(item.rate.point, 2)}%"
    if item.rate.exact is not None:
        rate_text += f"（所列金额之比 {shown(item.rate.exact, 2)}%）"
    verdict = "相符" if ok else "不符，请核对得分或说明计分依据"
    return judged(
        ok,
        name,
        f"{name}：{rate_text}，按{rule}应得 {plain(expected)}，实得 {plain(item.score.value)}，{verdict}（容差 {tolerance}）",
        expected=plain(expected),
        actual=plain(item.score.value),
        tolerance=tolerance,
        evidence=cite([item.score.evidence, *item.rate.evidence, *rule_evidence]),
    )


# ---- target_vs_actual --------------------------------------------------------------------------

_AT_LEAST = ("≥", ">=", "＞=", "不少于", "不低于", "大于等于", "达到", "=", "＝", ">", "＞")
_AT_MOST = ("≤", "<=", "＜=", "不高于", "不超过", "不多于", "小于等于", "<", "＜")
_COMPARATOR = alternation(_AT_LEAST + _AT_MOST)
_TARGET = re.compile(
    rf"(?P<noun>.*?)(?P<op>{_COMPARATOR})\s*(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>[%％]|[\u4e00-\u9fff]?)"
)
_ACTUAL = re.compile(
    r"\s*(?:共|约|完成|达到|达)?\s*(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>[%％]|[\u4e00-\u9fff]?)\s*"
)
# measure words too common to identify a count on their own
_GENERIC_UNITS = frozenset({"个", "项", "条", "件", "次", "份", "批", "%"})


@dataclass(frozen=True)
class Target:
    text: str
    noun: str
    at_least: bool
    value: Decimal
    unit: str


def parse_target(text: str) -> Target | None:
    match = _TARGET.search(text)
    if match is None:
        return None
    unit = match["unit"].replace("％", "%")
    return Target(text, match["noun"], match["op"] not in _AT_MOST, Decimal(match["value"]), unit)


def parse_actual(text: str | None) -> tuple[Decimal, str] | None:
    match = _ACTUAL.fullmatch(text or "")
    if match is None:
        return None
    return Decimal(match["value"]), match["unit"].replace("％", "%")


OWN_ACTUAL = "实际完成值"  # where an Actual came from: the indicator's own row


@dataclass(frozen=True)
class Actual:
    value: Decimal
    where: str
    evidence: Evidence


def actual_for(
    target: Target, indicator: Indicator, counts: list[CountMention], sole_target: bool
) -> Actual | None:
    """The indicator's 实际完成值 where it has one target; else the one narrative count with the
    target's unit that shares a content word with it, or for a specific measure word (场, 人, 家)
    the only count in that unit. Several candidates with different values: unknown."""
    parsed = parse_actual(indicator.actual_value) if sole_target else None
    if parsed is not None and parsed[1] in ("", target.unit):
        return Actual(parsed[0], OWN_ACTUAL, indicator.evidence)
    same_unit = [c for c in counts if c.unit == target.unit]
    words = content_bigrams(target.noun)
    related = [c for c in same_unit if words & content_bigrams(c.noun)]
    if not related and target.unit not in _GENERIC_UNITS and len(same_unit) == 1:
        related = same_unit
    values = {c.value.value for c in related}
    if len(values) != 1:
        return None
    mention = related[0]
    return Actual(mention.value.value, f"文中「{mention.noun}」", mention.value.evidence)


def short_of(target: Target, actual: Actual) -> bool:
    target_iv, actual_iv = assigned(target.value), assigned(actual.value)
    return actual_iv.below(target_iv) if target.at_least else target_iv.below(actual_iv)


def target_vs_actual(project: ProjectFacts, doc: DocumentFacts) -> list[Finding]:
    findings = []
    for indicator in project.indicators:
        # the target column is also among the row's targets where its criteria state none
        texts = list(
            dict.fromkeys([*indicator.targets, *([indicator.target_value] if indicator.target_value else [])])
        )
        for text in texts:
            subject = f"{indicator.name}/{text}"
            target = parse_target(text)
            full = full_marks(indicator)
            if target is None or full is None:
                findings.append(skipped(subject, f"{indicator.name}：目标「{text}」无可比的数值或缺少得分"))
                continue
            actual = actual_for(target, indicator, doc.narrative.counts, len(texts) == 1)
            if actual is None:
                findings.append(skipped(subject, f"{indicator.name}：未找到目标「{text}」对应的实际完成数"))
                continue
            shortfall = short_of(target, actual)
            score = plain(indicator.score.value) if indicator.score else ""
            weight = plain(indicator.weight.value) if indicator.weight else ""
            # a deduction on the row's own sole target, met by its own 实际完成值, with no reason given
            unexplained = not (shortfall or full or indicator.deduction_note) and actual.where == OWN_ACTUAL
            if shortfall and full:
                message = f"{indicator.name} 目标「{text}」，{actual.where}为 {plain(actual.value)}{target.unit}，未达目标却得满分 {score}"
            elif shortfall:
                message = (
                    f"{indicator.name} 未达目标「{text}」（实际 {plain(actual.value)}{target.unit}），已扣分"
                )
            elif unexplained:
                message = f"{indicator.name} 目标「{text}」已达成（{actual.where} {plain(actual.value)}{target.unit}），却只得 {score} 分（分值 {weight}），未说明扣分原因"
            else:
                message = f"{indicator.name} 目标「{text}」已达成（实际 {plain(actual.value)}{target.unit}）"
            findings.append(
                judged(
                    not (shortfall and full) and not unexplained,
                    subject,
                    message,
                    expected=plain(target.value),
                    actual=plain(actual.value),
                    tolerance=tolerance_text(assigned(target.value), assigned(actual.value)),
                    evidence=cite([indicator.evidence, actual.evidence]),
                )
            )
    return findings or [skipped("targets", "未见量化的绩效目标")]


# ---- heading_sequence --------------------------------------------------------------------------


def as_written(heading: Heading) -> str:
    """The heading with its number once, whether or not the extracted text kept the marker."""
    return heading.text if heading.text.startswith(heading.marker) else f"{heading.marker}{heading.text}"


def heading_sequence(doc: DocumentFacts) -> list[Finding]:
    """Within one parent heading, numbers at each level run 1, 2, 3 …"""
    headings = doc.narrative.headings
    if not headings:
        return [skipped("headings", "未识别出标题编号")]
    stack: list[tuple[int, Heading]] = []  # (position, heading) of the open ancestors
    last: dict[tuple[int, ...], int] = {}  # parent positions -> last number seen under it
    seen: dict[tuple[tuple[int, ...], int], list[Heading]] = defaultdict(list)
    paths: dict[tuple[int, ...], str] = {}
    skips: list[tuple[str, Heading, int]] = []
    for position, heading in enumerate(headings):
        while stack and stack[-1][1].level >= heading.level:
            stack.pop()
        parent = tuple(p for p, _ in stack)
        paths[parent] = "/".join(h.marker for _, h in stack)
        expected = last.get(parent, 0) + 1
        if heading.number > expected:
            skips.append((paths[parent], heading, expected))
        seen[(parent, heading.number)].append(heading)
        last[parent] = max(last.get(parent, 0), heading.number)
        stack.append((position, heading))
    findings = []
    for (parent, _), same in seen.items():
        if len(same) > 1:
            where = paths[parent]
            subject = f"{where}/{same[0].marker}" if where else same[0].marker
            pages = "、".join(sorted({f"p.{h.page}" for h in same if h.page}))
            titles = "；".join(as_written(h) for h in same)
            findings.append(
                judged(
                    False,
                    subject,
                    f"{where or '顶层'}下编号「{same[0].marker}」出现 {len(same)} 次：{titles}",
                    expected="1",
                    actual=str(len(same)),
                    evidence=Citation(f"{pages}: {titles}" if pages else titles),
                )
            )
    for where, heading, expected in skips:
        subject = f"{where}/{heading.marker}" if where else heading.marker
        findings.append(
            judged(
                False,
                subject,
                f"{where or '顶层'}下编号从 {expected - 1} 跳到 {heading.number}（「{as_written(heading)}」）",
                expected=str(expected),
                actual=str(heading.number),
                evidence=Citation(
                    f"p.{heading.page}: {as_written(heading)}" if heading.page else as_written(heading)
                ),
            )
        )
    return findings or [judged(True, "headings", f"{len(headings)} 个标题编号连续，无重复或跳号")]


# ---- claimed_targets_met -------------------------------------------------------------------------


def staff_within_establishment(doc: DocumentFacts) -> list[Finding]:
    """Staff in the establishment (在编) no more than the establishment (编制) the paragraph states: more
    is either 超编 or a slip in one of the two figures."""
    findings = []
    for stated in doc.narrative.establishments:
        posts, in_post = plain(stated.posts.value), plain(stated.in_post.value)
        over = stated.posts.value < stated.in_post.value
        findings.append(
            judged(
                not over,
                stated.in_post.as_written,
                f"在编人数 {in_post} 人{'超过' if over else '未超过'}编制数 {posts} 人"
                + ("，请核对是否超编或数字有误" if over else ""),
                expected=f"≤ {posts}",
                actual=in_post,
                tolerance="±0",
                evidence=cite([stated.evidence]),
            )
        )
    return findings or [skipped("establishment", "文中未见同段陈述的编制数与在编人数")]


def claimed_targets_met(doc: DocumentFacts) -> list[Finding]:
    """A target the text states with a result short of it, in a report that says its targets were met."""
    if not doc.stated_targets:
        return [skipped("targets", "文中未见同句陈述的目标值与实际值")]
    claim = doc.completion_claims[0] if doc.completion_claims else None
    findings = []
    for stated in doc.stated_targets:
        short = assigned(stated.result.value).below(assigned(stated.target.value))
        target, result = plain(stated.target.value), plain(stated.result.value)
        if short and claim is not None:
            message = f"「{stated.text}」：实际 {result}{stated.unit} 未达目标 {target}{stated.unit}，文中却称「{claim.text}」"
        elif short:
            message = f"「{stated.text}」：实际 {result}{stated.unit} 未达目标 {target}{stated.unit}，文中未称目标已完成"
        else:
            message = f"「{stated.text}」：目标已达成"
        findings.append(
            judged(
                not (short and claim is not None),
                stated.text,
                message,
                expected=target,
                actual=result,
                tolerance=tolerance_text(assigned(stated.target.value), assigned(stated.result.value)),
                evidence=cite([stated.result.evidence, claim if short else None]),
            )
        )
    return findings
