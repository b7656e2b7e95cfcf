"""Loose matching of the names reports use for the same thing (项目决策 / 决策, 执行率 / 预算执行率)."""

from __future__ import annotations

import re

# words that qualify a group name without changing what it names
_QUALIFIERS = re.compile(r"项目|指标|\s")
# bigrams that say "how many", shared by unrelated counts (场次, 人数), so they prove nothing
_GENERIC_BIGRAMS = frozenset(
    {"数量", "场次", "人数", "次数", "个数", "家数", "项数", "完成", "实际", "累计", "全年", "年度"}
)
_CJK = re.compile(r"[\u4e00-\u9fff]+")


def core_name(name: str | None) -> str:
    return _QUALIFIERS.sub("", name or "")


def same_group(a: str | None, b: str | None) -> bool:
    """项目决策 and 决策 name the same level-1 group: one contains the other once qualifiers go."""
    core_a, core_b = core_name(a), core_name(b)
    return bool(core_a and core_b) and (core_a in core_b or core_b in core_a)


def is_rate_name(name: str) -> bool:
    """资金到位率, 预算执行率, 成本节约率 … : an indicator named after a rate is scored from it."""
    return len(core_name(name)) >= 3 and core_name(name).endswith("率")


def same_rate(a: str, b: str) -> bool:
    """执行率 and 预算执行率 are the same rate; 到位率 and 执行率 are not."""
    return is_rate_name(a) and is_rate_name(b) and same_group(a, b)


def is_savings_rate(name: str) -> bool:
    """成本节约率 = (planned − actual) / planned, not actual / planned."""
    return "节约" in name


def content_bigrams(text: str) -> set[str]:
    """Two-character runs of the Chinese text, minus the ones every count shares."""
    grams = {run[i : i + 2] for run in _CJK.findall(text) for i in range(len(run) - 1)}
    return grams - _GENERIC_BIGRAMS
