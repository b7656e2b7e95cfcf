"""Agreement checks on small literal facts: pass, fail and skip for each."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from checks import grade_for_score, run_checks
from extractors.document import Evidence
from extractors.facts import DocumentFacts, Enumeration, Figure, Narrative, PartWhole, ProjectFacts, Rate
from tests.facts_builders import fig, ind, report, wan


def statuses(facts: DocumentFacts, check_id: str) -> dict[str, str]:
    return {r.subject: r.status for r in run_checks(facts, "doc", only=(check_id,))}


def table(*indicators: object, **kwargs: object) -> ProjectFacts:
    return ProjectFacts(name="P", indicators=list(indicators), **kwargs)  # type: ignore[arg-type]


DECISION = [
    ind("甲", "5", "5", level1="决策"),
    ind("乙", "5", "5", level1="决策"),
    ind("丙", "10", "10", level1="过程"),
]


def test_level1_weights_match_loosely_named_groups() -> None:
    narrative = Narrative(level1_weights={"项目决策": fig("10"), "过程": fig("15")})
    assert statuses(report(table(*DECISION), narrative=narrative), "level1_weights_stated") == {
        "项目决策": "pass",
        "过程": "fail",
    }


def test_level1_weights_skip_when_unstated_or_unmatched() -> None:
    assert statuses(report(table(*DECISION)), "level1_weights_stated") == {"level1": "skip"}
    narrative = Narrative(level1_weights={"效益": fig("25")})
    assert statuses(report(table(*DECISION), narrative=narrative), "level1_weights_stated") == {
        "效益": "skip"
    }


def test_level1_counts() -> None:
    narrative = Narrative(level1_counts={"决策": fig("2"), "过程": fig("2")})
    assert statuses(report(table(*DECISION), narrative=narrative), "level1_counts_stated") == {
        "决策": "pass",
        "过程": "fail",
    }
    assert statuses(report(table(*DECISION)), "level1_counts_stated") == {"level1": "skip"}


def test_text_table_total_agreement() -> None:
    same = report(table(total_score=fig("95.50")), narrative=Narrative(total_score=fig("95.50")))
    differ = report(table(total_score=fig("95.50")), narrative=Narrative(total_score=fig("96.50")))
    assert statuses(same, "text_table_agreement") == {"total_score": "pass"}
    assert statuses(differ, "text_table_agreement") == {"total_score": "fail"}


def test_text_table_rate_stated_twice() -> None:
    rates = [
        Rate("资金到位率", fig("89.30")),
        Rate("资金到位率", fig("89.3")),
        Rate("预算执行率", fig("100")),
        Rate("预算执行率", fig("98")),
    ]
    assert statuses(report(table(rates=rates)), "text_table_agreement") == {
        "资金到位率": "pass",
        "预算执行率": "fail",
    }


def test_one_rate_with_two_values_in_one_paragraph_is_a_warning() -> None:
    """A batch-v page lists items in one paragraph: '…已及时划拨国家级传承人刘嘉峰,资金使用率100%;
    薅草锣鼓(…)项目资金使用334896元,资金使用率83.72%' — two items, not a contradiction, so only a
    warning; the same two values in different paragraphs stay an error."""

    def rate(value: str, block: str) -> Rate:
        return Rate("资金使用率", Figure(Decimal(value), value, Evidence(1, f"资金使用率{value}%", block)))

    for blocks, severity in ((("p3", "p3"), "warning"), (("p3", "p7"), "error")):
        facts = report(table(rates=[rate("100", blocks[0]), rate("83.72", blocks[1])]))
        (row,) = run_checks(facts, "doc", only=("text_table_agreement",))
        assert (row.status, row.severity) == ("fail", severity)


def test_a_rate_of_something_other_than_the_budget_stated_twice_is_a_warning() -> None:
    """dev c030 states 承保率为74.02% for one insurance line and 承保率为41.1% for another, in different
    paragraphs; dev v014 writes 指标完成率 after each indicator. Such rates are per item: a warning. A
    budget rate differing across paragraphs stays an error."""

    def rate(name: str, value: str, block: str) -> Rate:
        return Rate(name, Figure(Decimal(value), value, Evidence(1, f"{name}为{value}%", block)))

    for name, severity in (("承保率", "warning"), ("指标完成率", "warning"), ("预算执行率", "error")):
        facts = report(table(rates=[rate(name, "74.02", "p3"), rate(name, "41.1", "p7")]))
        (row,) = run_checks(facts, "doc", only=("text_table_agreement",))
        assert (row.status, row.severity) == ("fail", severity)


def test_text_table_amount_in_table_and_text() -> None:
    agree = [wan("spent", "267.90", source="table"), wan("spent", "267.9")]
    differ = [wan("received", "267.90", source="table"), wan("received", "276.90")]
    result = statuses(report(table(amounts=agree + differ)), "text_table_agreement")
    assert result == {"spent": "pass", "received": "fail"}


def test_a_text_amount_differing_from_the_table_is_an_error_only_where_its_sentence_restates_the_block() -> (
    None
):
    sentence = Evidence(2, "全年预算数为200万元,执行数为179.43万元")
    restated = [
        wan("budget_adjusted", "200", source="table"),
        replace(wan("budget_adjusted", "300"), evidence=sentence),
        replace(wan("spent", "179.43"), evidence=sentence),
    ]
    alone = [wan("budget_adjusted", "200", source="table"), wan("budget_adjusted", "3400")]
    for amounts, severity in ((restated, "error"), (alone, "warning")):
        rows = run_checks(report(table(amounts=amounts)), "doc", only=("text_table_agreement",))
        row = next(r for r in rows if r.subject == "budget_adjusted")
        assert (row.status, row.severity) == ("fail", severity)


def test_text_table_skips_when_nothing_is_stated_twice() -> None:
    assert statuses(report(table(amounts=[wan("spent", "1")])), "text_table_agreement") == {
        "text_table": "skip"
    }


def enumeration(count: str, items: list[str]) -> Enumeration:
    return Enumeration(fig(count), "家", "揭榜企业", items, Evidence(4, "7 家揭榜企业为 …"))


def test_enumeration_count_and_part_whole() -> None:
    listed = enumeration("3", ["甲", "乙", "丙"])
    short = Enumeration(fig("5"), "个", "岗位", ["运行管理岗", "综合事务岗"], Evidence(4, "5 个岗位"))
    demands = PartWhole(fig("58"), [fig("50"), fig("8")], "条", Evidence(4, "需求 58 条，其中 50 条，8 条"))
    wrong = PartWhole(fig("60"), [fig("50"), fig("8")], "条", Evidence(5, "共 60 条"))
    narrative = Narrative(enumerations=[listed, short], part_wholes=[demands])
    assert statuses(report(table(), narrative=narrative), "enumeration_count") == {
        "揭榜企业": "pass",
        "岗位": "fail",
        "58": "pass",
    }
    assert statuses(report(table(), narrative=Narrative(part_wholes=[wrong])), "enumeration_count") == {
        "60": "fail"
    }
    assert statuses(report(table()), "enumeration_count") == {"enumerations": "skip"}


def test_parts_above_their_whole_are_an_error_and_parts_short_of_it_a_warning() -> None:
    above = PartWhole(fig("24"), [fig("14"), fig("13")], "人", Evidence(1, "编制24人，其中…"))
    short = PartWhole(fig("290"), [fig("52.17"), fig("183.9")], "亩", Evidence(2, "征地290亩，其中…"))
    rows = run_checks(
        report(table(), narrative=Narrative(part_wholes=[above, short])), "doc", only=("enumeration_count",)
    )
    assert [(r.subject, r.status, r.severity) for r in rows] == [
        ("24", "fail", "error"),
        ("290", "fail", "warning"),
    ]


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("100", "优"),
        ("90", "优"),
        ("89.99", "良"),
        ("80", "良"),
        ("79.99", "中"),
        ("60", "中"),
        ("59.99", "差"),
    ],
)
def test_grade_for_score_bands(score: str, grade: str) -> None:
    assert grade_for_score(Decimal(score)) == grade


def test_grade_band_pass_fail_skip() -> None:
    def graded(total: str, grade: str | None) -> DocumentFacts:
        return report(
            table(total_score=fig(total)),
            narrative=Narrative(grade_stated=grade, grade_evidence=Evidence(3, f"等级为{grade}")),
        )

    assert statuses(graded("95.50", "优秀"), "grade_band") == {"grade": "pass"}
    assert statuses(graded("85.50", "优"), "grade_band") == {"grade": "fail"}
    assert statuses(graded("95.50", None), "grade_band") == {"grade": "skip"}
    assert statuses(graded("95.50", "合格"), "grade_band") == {"grade": "skip"}


def test_document_level_rows_carry_the_sole_project_name() -> None:
    facts = report(table(*DECISION), narrative=Narrative(level1_counts={"决策": fig("2")}))
    [row] = run_checks(facts, "doc", only=("level1_counts_stated",))
    assert (row.project, row.severity, row.tolerance) == ("P", "error", "±0")
