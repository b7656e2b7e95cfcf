"""Roles of amounts in real sentences (dev part of tests/real)."""

from __future__ import annotations

import pytest

from extractors.document import Paragraph
from extractors.facts.amounts import extract_text_amounts


def roles(text: str) -> list[tuple[str, str]]:
    return [(a.role, str(a.value)) for a in extract_text_amounts(Paragraph(text, page=1), itemised=False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev n025, m039: a budget that the words after it say arrived is the budget and the receipt
        ("保山市财政局下达我局森林防火三三制经费75.96万元,全部到位。",
         [("budget_adjusted", "75.96"), ("received", "75.96")]),
        ("中央财政安排和省级财政配套的14856.17万元资金全部拨付到位,资金到位率100%。",
         [("budget_adjusted", "14856.17"), ("received", "14856.17")]),
        # dev u011: a fund named with no cue before it, said to have arrived: the budget and the receipt
        ("林业有害生物防治率达到上级下达的指标,林业改革发展资金30万元,资金已到位。",
         [("received", "30"), ("budget_adjusted", "30")]),
        # dev w009: 全部列入 a project is no receipt
        ("下达第一批乡村振兴衔接资金100万元,全部列入兴庆区月牙湖乡滨河家园垃圾转运站提升改造项目,资金到位率100%。",
         [("budget_adjusted", "100")]),
        # dev m024: what should be spent (应执行数) is the budget, like 应到位
        ("全年应执行数为7.79万元,实际执行率为100%。", [("budget_adjusted", "7.79")]),
        # dev k008: 支出预算 is the expenditure budget, not spending
        ("2020年我单位局农村公路养护项目支出预算共602.6167万元,包含项目24个,实际支出503.8232万元",
         [("budget_adjusted", "602.6167"), ("spent", "503.8232")]),
        # dev k006: spending after the budget, in its own clause, keeps its own role only
        ("目前项目资金已拨付270万元。", [("spent", "270")]),
    ],
)  # fmt: skip
def test_a_budget_said_to_have_arrived(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev c007: the 年初 budget, then a top-up dated 年底 and the spending
        ("2023年初我局申请预算资金2000万元,年底追加预算资金1000万元用于公交补贴项目,截止2023年底,已使用资金2924.27万元。",
         [("budget_initial", "2000"), ("budget_adjusted", "1000"), ("spent", "2924.27")]),
        # dev b019, w006: 年初 a clause or a few words before the budget
        ("2022年初农村危房改造资金预算安排300.7万元 ,用于农村低收入群体房屋安全,计划补助115户。",
         [("budget_initial", "300.7")]),
        ("为顺利开展城市工作,我局2021年年初预算项目73个,预算项目经费15690.38万元,具体包括:交通秩序综合整治155.85万元",
         [("budget_initial", "15690.38"), ("other", "155.85")]),
    ],
)  # fmt: skip
def test_a_budget_dated_to_the_year_start_is_the_initial_one(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert roles(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev s040, m011: 万 alone after a money word, or before one, is 万元
        ("投入中央直达资金29.6万,执行数29.6万,执行率100%", [("29.6", "万元"), ("29.6", "万元")]),
        ("财政局分2批次将141.8万补助资金通过", [("141.8", "万元")]),
        # dev a009, b040: counts and tonnes are not money
        ("自行采购马铃薯原原种200万粒,建成原种", []),
        ("综合治理后年保土量3.51万t", []),
    ],
)
def test_wan_alone_is_wan_yuan_where_money_is_named(text: str, expected: list[tuple[str, str]]) -> None:
    from extractors.text.numbers import find_amounts

    assert [(str(a.value), a.unit) for a in find_amounts(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev m036: 拨付的 only describes the money; 收到 says what happened
        ("(1)奖补资金到位率:收到拨付的省电子商务发展资金96万元,资金在审核落实中。", [("received", "96")]),
        # dev b014: 到位的 describes it; what happened follows the figure
        ("2020年项目到位的8954.61万元资金全部用于拨付临沂经济技术开发区医药健康产业园区基础设施建设项目工程款。",
         [("spent", "8954.61")]),
        # dev n002, a007: nothing else said, the describing cue stands
        ("2023年度县本级预算安排的衔接资金为64万元", [("budget_adjusted", "64")]),
        ("此次下达的一般公共预算50.29万元为中央直达资金", [("budget_adjusted", "50.29")]),
    ],
)  # fmt: skip
def test_a_cue_that_only_describes_the_money(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected


def test_a_figure_with_two_roles_is_one_part_of_a_breakdown() -> None:
    # dev k014: 86.5万 is both budget and receipt; the 其中 sum counts it once
    from extractors.facts.amounts import find_breakdowns
    from extractors.text.segment import segmented

    text = "经费1293.5万元,其中基建设备项目规划资金1207万元、学前教育阶段学生资助资金86.5万,资金已到位。"
    amounts = extract_text_amounts(Paragraph(text, page=1), itemised=False)
    (breakdown,) = find_breakdowns(segmented(text), amounts)
    assert [str(p.value) for p in breakdown.parts] == ["1207", "86.5"]
