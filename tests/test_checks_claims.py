"""claimed_targets_met: a target stated with its result in one sentence, against the report's claim
that its targets were met (sentences from the development part of tests/real, quoted)."""

from __future__ import annotations

from checks import run_checks
from extractors.document import Paragraph
from extractors.facts import DocumentFacts, Metadata
from extractors.facts.stated_targets import completion_claims, stated_targets


def verdicts(*sentences: str) -> dict[str, str]:
    paragraphs = [Paragraph(s, page=1) for s in sentences]
    facts = DocumentFacts(
        Metadata(is_report=True),
        stated_targets=stated_targets(paragraphs),
        completion_claims=completion_claims(paragraphs),
    )
    return {r.subject: r.status for r in run_checks(facts, "doc", only=("claimed_targets_met",))}


S040 = "第三,发放残疾人机动轮椅车燃油补贴人次年初指标值为不低于180人,全年实际完成值164人。"
S040_CLAIM = "对照总体绩效目标,该资金项目已按照计划完成目标,完成质量较好。"


def test_a_missed_target_called_met_is_flagged() -> None:
    # s040: 164 of at least 180, yet 已按照计划完成目标
    assert verdicts(S040, S040_CLAIM) == {"不低于180人,全年实际完成值164人": "fail"}
    # s026: 909.93 of at least 928 hours, yet 较好实现了年度目标
    assert verdicts(
        "数量指标:布防飞机数量≥6架,实际布防6架;飞机飞行时长≥928小时,实际飞行时长909.93小时。",
        "全面提升了森林草原火灾综合防控能力,较好实现了年度目标。",
    ) == {"≥6架,实际布防6架": "pass", "≥928小时,实际飞行时长909.93小时": "fail"}


def test_a_missed_target_the_report_does_not_call_met_passes() -> None:
    assert verdicts(S040) == {"不低于180人,全年实际完成值164人": "pass"}
    # a036: 未能…完成指标任务 is no claim of completion
    assert verdicts(S040, "部分项目未能按照设定的时效指标完成指标任务") == {
        "不低于180人,全年实际完成值164人": "pass"
    }


def test_met_targets_and_results_in_other_units_are_not_compared() -> None:
    # s040's first two targets, met; a % target against a count is no pair
    assert verdicts(
        "有需求的困难残疾人得到残疾人基本康复服务比例年初指标值为不低于85%,全年实际完成值100%。",
        "资助接受托养服务人次数年初指标值为不低于105人,全年实际完成值116人。",
        "服务覆盖率不低于85%,实际服务116人。",
        S040_CLAIM,
    ) == {"不低于85%,全年实际完成值100%": "pass", "不低于105人,全年实际完成值116人": "pass"}
    assert verdicts(S040_CLAIM) == {"targets": "skip"}
