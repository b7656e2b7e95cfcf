"""Agreement checks: the same fact stated twice (text and table, two places in the text) must agree."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from checks.arithmetic import amount_interval, compare_sum, name_list, rate_subject
from checks.finding import FAIL, Finding, cite, judged, plain, skipped
from checks.interval import assigned, rounded, tolerance_text
from checks.wording import core_name, same_group
from extractors.facts import Amount, DocumentFacts, Figure, ProjectFacts, Rate
from extractors.facts.grades import (
    grade_for_score,
)  # the band 财预〔2020〕10号 sets; extraction fills grade_by_band with it
from extractors.facts.rates import rate_kind

GRADES = ("优", "良", "中", "差")


def sole_project(doc: DocumentFacts) -> ProjectFacts | None:
    """The project the narrative speaks of: only decidable when the document has one."""
    return doc.projects[0] if len(doc.projects) == 1 else None


def level1_weights_stated(doc: DocumentFacts) -> list[Finding]:
    stated = doc.narrative.level1_weights
    project = sole_project(doc)
    if not stated:
        return [skipped("level1", "文中未陈述一级指标分值")]
    if project is None or not project.indicators:
        return [skipped(name, "文中一级指标分值无法对应到唯一的指标表") for name in stated]
    findings = []
    for name, figure in stated.items():
        rows = [i for i in project.indicators if same_group(i.level1, name)]
        lacking = [i.name for i in rows if i.weight is None]
        if not rows:
            findings.append(skipped(name, f"指标表中未见一级指标「{name}」", cite([figure.evidence])))
        elif lacking:
            findings.append(
                skipped(name, f"「{name}」下 {len(lacking)} 个指标缺少分值（{name_list(lacking)}）")
            )
        else:
            weights = [i.weight for i in rows if i.weight is not None]
            describe = f"表中「{name}」各指标分值合计 {{sum}} 与文中陈述 {{stated}} 分"
            findings.append(compare_sum(name, weights, figure, assigned(figure.value), describe))
    return findings


def level1_counts_stated(doc: DocumentFacts) -> list[Finding]:
    stated = doc.narrative.level1_counts
    project = sole_project(doc)
    if not stated:
        return [skipped("level1", "文中未陈述各一级指标下的指标个数")]
    if project is None or not project.indicators:
        return [skipped(name, "文中指标个数无法对应到唯一的指标表") for name in stated]
    findings = []
    for name, figure in stated.items():
        rows = [i for i in project.indicators if same_group(i.level1, name)]
        ok = Decimal(len(rows)) == figure.value
        findings.append(
            judged(
                ok,
                name,
                f"文中称「{name}」有 {plain(figure.value)} 个指标，表中列出 {len(rows)} 个，{'相符' if ok else '不符'}",
                expected=str(len(rows)),
                actual=plain(figure.value),
                tolerance="±0",
                evidence=cite([figure.evidence, *(i.evidence for i in rows)]),
            )
        )
    return findings


def figures_agree(
    subject: str, what: str, first: Figure, second: Figure, first_place: str, second_place: str
) -> Finding:
    a, b = rounded(first.value), rounded(second.value)
    ok = a.overlaps(b)
    tolerance = tolerance_text(a, b)
    return judged(
        ok,
        subject,
        f"{what}{first_place}为 {plain(first.value)}，{second_place}为 {plain(second.value)}，"
        f"{'一致' if ok else '不一致'}（容差 {tolerance}）",
        expected=plain(first.value),
        actual=plain(second.value),
        tolerance=tolerance,
        evidence=cite([first.evidence, second.evidence]),
    )


def rates_stated_twice(rates: list[Rate]) -> list[Finding]:
    groups: dict[tuple[str, str | None], list[Rate]] = defaultdict(list)
    for rate in rates:
        groups[(core_name(rate.name), rate.label)].append(rate)
    findings = []
    for same in groups.values():
        if len(same) < 2:
            continue
        first = same[0]
        differing = [r for r in same[1:] if not rounded(r.stated.value).overlaps(rounded(first.stated.value))]
        other = differing[0] if differing else same[1]
        bases = own_different_bases(first, other) if differing else None
        if bases is not None:
            findings.append(
                skipped(
                    rate_subject(first),
                    f"{rate_subject(first)}两处各按其金额陈述（{bases[0]}、{bases[1]}），所指不同，不作比对",
                    cite([first.stated.evidence, other.stated.evidence]),
                )
            )
            continue
        finding = figures_agree(
            rate_subject(first), rate_subject(first), first.stated, other.stated, "一处", "另一处"
        )
        # two values of one rate in one paragraph are as likely a list of items (…资金使用率100%；
        # 某项目…资金使用率83.72%) as a contradiction: a warning; across paragraphs or text and table, an
        # error. A rate of something other than the budget (承保率, 指标完成率) is stated per item (each
        # insurance line, each indicator), never once per project: a warning wherever it stands.
        block = first.stated.evidence.block_id
        per_item = rate_kind(first.name) is None
        same_block = block is not None and block == other.stated.evidence.block_id
        if finding.status == FAIL and (same_block or per_item):
            finding = replace(finding, severity="warning")
        findings.append(finding)
    return findings


def own_different_bases(first: Rate, second: Rate) -> tuple[str, str] | None:
    """The base amounts, as written, of two statements of a rate when each stands beside its own
    base and the bases differ (项目全年预算数1290万元…执行率93.49% and 批复金额900万元…执行率100%):
    two projects' rates, not one rate stated twice. None otherwise."""
    bases = []
    for rate in (first, second):
        base = rate.denominator
        if base is None or base.evidence.text != rate.stated.evidence.text:
            return None
        bases.append(base)
    if amount_interval(bases[0]).overlaps(amount_interval(bases[1])):
        return None
    return bases[0].as_written, bases[1].as_written


def restates_block(amount: Amount, amounts: list[Amount]) -> bool:
    """Does a text amount's sentence state another of the project's funds figures (全年预算数为200万元,
    执行数为179.43万元)? Then it restates the funds block; a figure standing alone (现下达你单位…3400万元,
    其他资金:2880万元) may be another scope's sum: the allocation to the unit, one source, one item."""
    return any(
        other is not amount
        and other.role not in ("other", amount.role)
        and other.evidence.text == amount.evidence.text
        for other in amounts
    )


def amounts_text_vs_table(amounts: list[Amount]) -> list[Finding]:
    """Per (role, label): fail only when no table figure agrees with any text figure, since the text
    may name the same role for other sums too; an error only where a text sentence restates the
    funds block (restates_block), else a warning."""
    groups: dict[tuple[str, str | None], list[Amount]] = defaultdict(list)
    for amount in amounts:
        if amount.role != "other":
            groups[(amount.role, amount.label)].append(amount)
    findings = []
    for (role, label), same in groups.items():
        table = [a for a in same if a.source == "table"]
        text = [a for a in same if a.source != "table"]
        if not table or not text:
            continue
        pairs = [(t, x) for t in table for x in text]
        agreeing = [(t, x) for t, x in pairs if amount_interval(t).overlaps(amount_interval(x))]
        t, x = agreeing[0] if agreeing else pairs[0]
        tolerance = tolerance_text(amount_interval(t), amount_interval(x))
        subject = role
        named = f"{role}（{label}）" if label else role
        restated = any(restates_block(a, amounts) for a in text)
        findings.append(
            judged(
                bool(agreeing),
                subject,
                f"{named} 表中为 {t.as_written}，文中为 {x.as_written}，{'一致' if agreeing else '不一致'}（容差 {tolerance} 元）",
                expected=plain(t.amount_yuan),
                actual=plain(x.amount_yuan),
                tolerance=tolerance,
                evidence=cite([t.evidence, x.evidence]),
                severity=None if agreeing or restated else "warning",
            )
        )
    return findings


def text_table_agreement(project: ProjectFacts, doc: DocumentFacts) -> list[Finding]:
    findings = []
    narrative_total = doc.narrative.total_score
    if sole_project(doc) is project and project.total_score is not None and narrative_total is not None:
        findings.append(
            figures_agree("total_score", "总得分", project.total_score, narrative_total, "表中", "文中")
        )
    findings += rates_stated_twice(project.rates)
    findings += amounts_text_vs_table(project.amounts)
    return findings or [skipped("text_table", "未见在两处陈述的总得分、比率或金额")]


def enumeration_count(doc: DocumentFacts) -> list[Finding]:
    findings = []
    for enumeration in doc.narrative.enumerations:
        listed = len(enumeration.items)
        ok = Decimal(listed) == enumeration.count.value
        claim = f"{plain(enumeration.count.value)} {enumeration.unit}{enumeration.noun}"
        findings.append(
            judged(
                ok,
                enumeration.noun,
                f"文中称 {claim}，列出 {listed} {enumeration.unit}（{name_list(enumeration.items)}），{'相符' if ok else '不符'}",
                expected=str(listed),
                actual=plain(enumeration.count.value),
                tolerance="±0",
                evidence=cite([enumeration.evidence, enumeration.count.evidence]),
            )
        )
    for part_whole in doc.narrative.part_wholes:
        subject = part_whole.whole.as_written
        describe = f"各部分合计 {{sum}} {part_whole.unit}与总数 {{stated}} {part_whole.unit}"
        whole = part_whole.whole
        finding = compare_sum(
            subject, part_whole.parts, whole, assigned(whole.value), describe, [part_whole.evidence]
        )
        # parts that exceed the whole contradict it; parts short of it may be a list left partial
        # (其中女性200人，贫困户150人 names two groups of the 500, not all of them)
        if finding.status == FAIL and sum(p.value for p in part_whole.parts) < whole.value:
            finding = replace(finding, severity="warning")
        findings.append(finding)
    return findings or [skipped("enumerations", "文中未见带列举的数量陈述")]


def normalised_grade(stated: str) -> str | None:
    """优秀 -> 优, 良好 -> 良, 中等 -> 中, 较差 -> 差; other scales (合格) -> None."""
    text = stated.strip()
    for grade in GRADES:
        if text.startswith(grade) or text == f"较{grade}":
            return grade
    return None


def grade_band(doc: DocumentFacts) -> list[Finding]:
    stated = doc.narrative.grade_stated
    evidence = doc.narrative.grade_evidence
    if not stated:
        return [skipped("grade", "报告未陈述评价等级")]
    grade = normalised_grade(stated)
    if grade is None:
        return [skipped("grade", f"等级「{stated}」不属于优/良/中/差，未比对", cite([evidence]))]
    score = doc.total_score
    if score is None:
        return [skipped("grade", "缺少总得分，无法判断等级区间", cite([evidence]))]
    band = grade_for_score(score.value)
    interval = rounded(score.value)
    # a total such as 90 written without decimals may stand for 89.6: either band is then right
    ok = grade in {band, grade_for_score(interval.lo), grade_for_score(interval.hi)}
    return [
        judged(
            ok,
            "grade",
            f"总得分 {plain(score.value)} 属「{band}」档，报告陈述为「{stated}」，{'相符' if ok else '不符'}",
            expected=band,
            actual=grade,
            evidence=cite([score.evidence, evidence]),
        )
    ]


def report_year_agreement(doc: DocumentFacts) -> list[Finding]:
    """Every phrase naming the report or form by its year (2022年度…绩效自评表) names one year."""
    named = doc.report_name_years
    years = sorted({int(f.value) for f in named})
    if len(named) < 2:
        return [skipped("year", "报告或表格名称中的年度不足两处，无从比对")]
    first = {year: next(f for f in named if int(f.value) == year) for year in years}
    phrases = "；".join(f"「{f.as_written}」" for f in first.values())
    return [
        judged(
            len(years) == 1,
            "year",
            f"报告与表格名称中的年度一致（{years[0]} 年度，{len(named)} 处）"
            if len(years) == 1
            else f"报告与表格名称中的年度不一致：{phrases}",
            expected=str(years[0]),
            actual="、".join(str(y) for y in years),
            evidence=cite([f.evidence for f in first.values()]),
        )
    ]
