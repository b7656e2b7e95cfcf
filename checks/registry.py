"""Every check declared once, as data: what it is called, how grave a failure is, what it reads and
what it states. `run_checks` and the catalogue (`jixiao checks`) read this list; a mutation test
names the `check_id` its edit must trigger.

Conventions every check keeps: `expected` is the value the other figures imply (a sum, a
recomputed rate, the grade band), `actual` the figure the report states; `tolerance` the rounding
allowed (Calculations 1.1, see checks/interval.py); a check whose inputs are missing yields a
`skip` row saying which, so every check leaves at least one row per scope.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from checks import agreement, arithmetic, judgement, written
from checks.finding import Finding, skipped
from extractors.facts import DocumentFacts, ProjectFacts

ProjectRule = Callable[[ProjectFacts, DocumentFacts], list[Finding]]
DocumentRule = Callable[[DocumentFacts], list[Finding]]


@dataclass(frozen=True)
class CheckSpec:
    check_id: str
    family: str  # arithmetic | agreement | judgement
    severity: str  # of a failure: error | warning | info
    scope: str  # project: once per ProjectFacts | document: once per document
    needs: tuple[str, ...]  # the facts fields it reads
    states: str  # what a pass asserts, in one sentence
    evaluate: Callable[[DocumentFacts], list[Finding]]


def project_check(
    check_id: str, family: str, severity: str, needs: tuple[str, ...], states: str, rule: ProjectRule
) -> CheckSpec:
    def evaluate(doc: DocumentFacts) -> list[Finding]:
        if not doc.projects:
            return [skipped("project", "未识别出项目数据（金额、比率或指标表）")]
        return [replace(f, project=project.name) for project in doc.projects for f in rule(project, doc)]

    return CheckSpec(check_id, family, severity, "project", needs, states, evaluate)


def document_check(
    check_id: str, family: str, severity: str, needs: tuple[str, ...], states: str, rule: DocumentRule
) -> CheckSpec:
    def evaluate(doc: DocumentFacts) -> list[Finding]:
        sole = agreement.sole_project(doc)
        return [replace(f, project=sole.name if sole else None) for f in rule(doc)]

    return CheckSpec(check_id, family, severity, "document", needs, states, evaluate)


CATALOGUE: tuple[CheckSpec, ...] = (
    project_check(
        "rate_recompute",
        "arithmetic",
        "error",
        ("Rate.stated", "Rate.numerator", "Rate.denominator", "Rate.alternatives"),
        "每个陈述的比率与其分子、分母金额重算的结果在舍入范围内一致（任一合理的金额组合一致即可；成本节约率按（计划−实际）/计划；超过100%写作100%为封顶；金额取自其他语句、或只有把整数金额视为约数才相符时为警告；同行金额为0却陈述了比率，也为警告）。",
        arithmetic.rate_recompute,
    ),
    document_check(
        "change_percent",
        "arithmetic",
        "error",
        ("Narrative.changes",),
        "同句陈述的增减额与增减率一致：增减率 = 增减额 ÷ 上年数（本年数减去增加额或加上减少额），在舍入范围内。",
        arithmetic.change_percent,
    ),
    project_check(
        "indicator_sum_total",
        "arithmetic",
        "error",
        ("Indicator.score", "ProjectFacts.total_score", "Narrative.total_score"),
        "各指标得分之和等于表中总得分（单项目报告表中无总分时用正文陈述的总分）。",
        arithmetic.indicator_sum_total,
    ),
    project_check(
        "weights_total",
        "arithmetic",
        "error",
        ("Indicator.weight", "Subtotal.weight"),
        "各指标分值之和等于合计行分值，无合计行时等于 100。",
        arithmetic.weights_total,
    ),
    project_check(
        "level_subtotal",
        "arithmetic",
        "error",
        (
            "Subtotal.weight",
            "Subtotal.score",
            "Indicator.level1",
            "Indicator.level2",
            "Indicator.weight",
            "Indicator.score",
        ),
        "每个小计、合计或分组分值/得分等于其下各指标之和。",
        arithmetic.level_subtotal,
    ),
    project_check(
        "breakdown_sum",
        "arithmetic",
        "warning",
        ("Breakdown.total", "Breakdown.parts", "Amount.label"),
        "「其中」（或「具体为」）所列各分项之和不超过总额，列出两项及以上时等于总额（如 755.19 万元其中 124.23 + 370.83 + 260.3 万元；资金总额行与其中各行；只有把整数金额视为约数才相符的也提示）。",
        arithmetic.breakdown_sum,
    ),
    project_check(
        "score_within_weight",
        "arithmetic",
        "error",
        ("Indicator.weight", "Indicator.score"),
        "每个指标的得分在 0 与其分值之间。",
        arithmetic.score_within_weight,
    ),
    project_check(
        "subpoints_sum",
        "arithmetic",
        "warning",
        ("Indicator.criteria_points", "Indicator.weight"),
        "每个指标各评价要点的分数之和等于该指标分值（如 1.66+1.66+1.67 与 5 在舍入范围内一致）。",
        arithmetic.subpoints_sum,
    ),
    document_check(
        "level1_weights_stated",
        "agreement",
        "error",
        ("Narrative.level1_weights", "Indicator.level1", "Indicator.weight"),
        "正文陈述的各一级指标分值（如「决策 30 分」）等于表中该一级指标下各指标分值之和。",
        agreement.level1_weights_stated,
    ),
    document_check(
        "level1_counts_stated",
        "agreement",
        "error",
        ("Narrative.level1_counts", "Indicator.level1"),
        "正文陈述的各一级指标下指标个数等于表中列出的个数。",
        agreement.level1_counts_stated,
    ),
    project_check(
        "text_table_agreement",
        "agreement",
        "error",
        (
            "ProjectFacts.total_score",
            "Narrative.total_score",
            "Rate.stated",
            "Amount.role",
            "Amount.label",
            "Amount.source",
        ),
        "同一事实两处陈述一致：正文与表中的总得分、同名比率的两次陈述、表中与正文同一用途的金额。",
        agreement.text_table_agreement,
    ),
    document_check(
        "enumeration_count",
        "agreement",
        "error",
        ("Enumeration.count", "Enumeration.items", "PartWhole.whole", "PartWhole.parts"),
        "「N 家/个…」后列举的项数为 N；「共 N 条，其中…」各部分之和为 N。",
        agreement.enumeration_count,
    ),
    document_check(
        "grade_band",
        "agreement",
        "error",
        ("Narrative.grade_stated", "ProjectFacts.total_score", "Narrative.total_score"),
        "陈述的评价等级与总得分所在等级区间一致（优 ≥ 90，良 ≥ 80，中 ≥ 60，否则差）。",
        agreement.grade_band,
    ),
    document_check(
        "report_year_agreement",
        "agreement",
        "warning",
        ("DocumentFacts.report_name_years",),
        "报告标题与表格名称（如「2023年度部门整体绩效自评表」）所写的年度相同。",
        agreement.report_year_agreement,
    ),
    project_check(
        "deduction_explained",
        "judgement",
        "warning",
        ("Indicator.weight", "Indicator.score", "Indicator.deduction_note"),
        "得分低于分值（超出舍入）的指标写明了扣分原因。",
        judgement.deduction_explained,
    ),
    project_check(
        "formula_score",
        "judgement",
        "warning",
        (
            "Indicator.formula",
            "Indicator.weight",
            "Indicator.score",
            "Indicator.actual_value",
            "Rate.stated",
            "Amount.role",
        ),
        "按公式计分的指标（到位率、执行率、节约率…）的得分符合同一表中其他指标体现的计分规则（分值 × 比率，不超过分值）。",
        judgement.formula_score,
    ),
    project_check(
        "spent_within_budget",
        "judgement",
        "warning",
        ("Amount.role", "Amount.evidence"),
        "同一表行或语句中陈述的支出（执行数）不超过其预算数或到位资金。",
        arithmetic.spent_within_budget,
    ),
    project_check(
        "target_vs_actual",
        "judgement",
        "warning",
        (
            "Indicator.targets",
            "Indicator.target_value",
            "Indicator.actual_value",
            "Indicator.score",
            "Narrative.counts",
        ),
        "量化目标（如「场次≥3场」）未达成的指标没有得满分；以本行实际完成值达成唯一目标的指标，扣分时写明了原因。",
        judgement.target_vs_actual,
    ),
    document_check(
        "claimed_targets_met",
        "judgement",
        "warning",
        ("DocumentFacts.stated_targets", "DocumentFacts.completion_claims"),
        "文中同句陈述的目标值与实际值（如「不低于180人，全年实际完成值164人」）未达成时，报告没有称目标已完成。",
        judgement.claimed_targets_met,
    ),
    document_check(
        "staff_within_establishment",
        "judgement",
        "warning",
        ("Narrative.establishments",),
        "同段陈述的在编人数（在职在编实有12人）不超过编制数（编制10人）。",
        judgement.staff_within_establishment,
    ),
    document_check(
        "heading_sequence",
        "judgement",
        "info",
        ("Narrative.headings",),
        "同一上级标题下各级编号依次为 1、2、3…，无重复、无跳号。",
        judgement.heading_sequence,
    ),
    document_check(
        "written_form",
        "judgement",
        "info",
        ("Written.kind", "Written.as_written", "Written.problem"),
        "引用的文号括号成对（〔2020〕15号）、日期年月日齐全（2020年5月）、年份区间止年不早于起年（2018—2020）、金额未被隐去（78.*元）、未空缺（经费万元）且分隔符位置正确（7,00.0,77）；标题保留编号（「、绩效目标完成情况」缺「三」）；表中金额不超出一个项目的规模（1000 亿元：145000000.00万元 是以元计的数字），以元写的预算、到位或支出总额不小于 1000 元（3.6元 应为万元）。",
        written.written_form,
    ),
)

SPECS: dict[str, CheckSpec] = {spec.check_id: spec for spec in CATALOGUE}
