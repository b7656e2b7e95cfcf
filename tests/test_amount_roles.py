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
        # dev w009: 全部列入 a project is no receipt
        ("下达第一批乡村振兴衔接资金100万元,全部列入兴庆区月牙湖乡滨河家园垃圾转运站提升改造项目,资金到位率100%。",
         [("budget_adjusted", "100")]),
        # dev k006: spending after the budget, in its own clause, keeps its own role only
        ("目前项目资金已拨付270万元。", [("spent", "270")]),
    ],
)  # fmt: skip
def test_a_budget_said_to_have_arrived(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected
