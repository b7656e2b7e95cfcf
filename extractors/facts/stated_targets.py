"""Targets a report states in its sentences together with their result (不低于180人,全年实际完成值
164人), and its claims that the targets were met (已按照计划完成目标): the two together show a report
that calls a missed target met."""

from __future__ import annotations

import re
from decimal import Decimal

from extractors.document import Evidence, Paragraph
from extractors.facts import Figure, StatedTarget
from extractors.text.segment import clause_before, sentence_at
from extractors.vocabulary import (
    COMPLETION_GOALS,
    COMPLETION_NEGATIONS,
    COMPLETION_QUALIFIERS,
    COMPLETION_VERBS,
    STATED_RESULT_OPENER,
    STATED_TARGET_OPENERS,
    alternation,
)

_NUMBER = r"(\d+(?:\.\d+)?)\s*([%％]|[\u4e00-\u9fff]{1,2})?"
# the target, then within the clause (no 。 ; or second target) the result after 实际…
STATED = re.compile(
    rf"(?:{alternation(STATED_TARGET_OPENERS)})\s*{_NUMBER}[^。;；≥]{{0,20}}?"
    rf"{STATED_RESULT_OPENER}[\u4e00-\u9fff]{{0,8}}?(?:为|达到|达)?\s*{_NUMBER}"
)
CLAIM = re.compile(
    rf"(?:{alternation(COMPLETION_QUALIFIERS)})?(?:{alternation(COMPLETION_VERBS)})了?"
    rf"(?:预期|年度|绩效|既定|计划)?(?:绩效)?(?:指标)?(?:{alternation(COMPLETION_GOALS)})"
)


def figure(paragraph: Paragraph, match: re.Match[str], group: int) -> Figure:
    start, end = match.span(group)
    return Figure(
        Decimal(match.group(group)), paragraph.text[start:end], paragraph.evidence(match.group(0), start, end)
    )


def stated_targets(paragraphs: list[Paragraph]) -> list[StatedTarget]:
    """Each target and result stated together in one unit (人 and 人, % and %)."""
    found = []
    for paragraph in paragraphs:
        for m in STATED.finditer(paragraph.text):
            unit = (m.group(2) or "").replace("％", "%")
            if unit and unit == (m.group(4) or "").replace("％", "%"):
                found.append(StatedTarget(m.group(0), figure(paragraph, m, 1), figure(paragraph, m, 3), unit))
    return found


def completion_claims(paragraphs: list[Paragraph]) -> list[Evidence]:
    """The sentences that say the targets were met (no negation earlier in the clause)."""
    return [
        p.evidence(sentence_at(p.text, m.start(), m.end()), m.start(), m.end())
        for p in paragraphs
        for m in CLAIM.finditer(p.text)
        if not any(word in clause_before(p.text, m.start()) for word in COMPLETION_NEGATIONS)
    ]
