"""Budget figures in sentences, each with the role its wording gives it.

The role comes from the budget vocabulary closest before the figure in its clause
(年初预算批复 300 万元 -> budget_initial). Figures inside an itemised sub-project
(①…应到位 52 万元) are kept apart from the project totals by their item label (written as role
`other` with that label); figures after 其中 are breakdowns, labelled, keeping their role.
"""

from __future__ import annotations

import re

from extractors.document import Paragraph
from extractors.facts import Amount
from extractors.numbers import find_amounts
from extractors.sentences import clause_before, evidence_at
from extractors.vocabulary import ROLE_WORDS

ITEM_RE = re.compile(r"(?:^|[。；;])\s*([①-⑳]|[（(]\d{1,2}[）)])\s*([^，,：:。；;]{1,30})")
_ROLE_WORDS = sorted(
    ((w, role) for role, words in ROLE_WORDS.items() for w in words), key=lambda t: -len(t[0])
)


def role_for(clause: str) -> str | None:
    """The budget role of a figure from the clause before it: the wording ending closest to it."""
    best: tuple[int, int, str] | None = None
    for word, role in _ROLE_WORDS:
        at = clause.rfind(word)
        if at < 0:
            continue
        key = (at + len(word), len(word))
        if best is None or key > best[:2]:
            best = (*key, role)
    return best[2] if best else None


def item_label_at(text: str, position: int) -> str | None:
    """The sub-project label when `position` lies inside an itemised entry (①… / （1）…): the
    marker and the words up to the entry's first comma, the same for every figure in the entry."""
    label = None
    for m in ITEM_RE.finditer(text):
        if m.start(1) >= position:
            break
        label = f"{m.group(1)}{item_name(m.group(2))}"
    return label


def item_name(words: str) -> str:
    """'开展网络安全应急演练项目应到位68万元' -> '开展网络安全应急演练项目': up to the figures."""
    name = re.split(r"\d", words, maxsplit=1)[0]
    for word, _ in _ROLE_WORDS:
        if name.endswith(word) and len(name) > len(word):
            return name[: -len(word)]
    return name


def breakdown_label(text: str, position: int) -> str | None:
    """'全年支出 100 万元，其中基本支出 60 万元' -> the 60 is the breakdown '基本支出' of the total."""
    sentence_start = max((m.end() for m in re.finditer(r"[。；;！？]", text[:position])), default=0)
    if "其中" not in text[sentence_start:position]:
        return None
    clause = clause_before(text, position).strip()
    return re.sub(r"^其中[：:]?|[为是]$", "", clause) or "其中"


def extract_text_amounts(paragraph: Paragraph, itemised: bool) -> list[Amount]:
    """Every amount in a paragraph. With `itemised` (the paragraph lists ≥2 sub-projects), figures
    inside an item carry the item's label; figures after 其中 are breakdowns of the total before."""
    amounts = []
    for match in find_amounts(paragraph.text):
        clause = clause_before(paragraph.text, match.start)
        amounts.append(
            Amount(
                role=role_for(clause) or "other",
                value=match.value,
                unit=match.unit,
                as_written=match.as_written,
                evidence=evidence_at(paragraph, match.start, match.end),
                label=breakdown_label(paragraph.text, match.start),
                item=item_label_at(paragraph.text, match.start) if itemised else None,
                position=match.start,
            )
        )
    return amounts


def is_itemised(text: str) -> bool:
    return len(ITEM_RE.findall(text)) >= 2
