"""Stated rates in sentences (资金到位率为 89.30%), paired with the amounts they are computed from.

A rate is paired with the nearest figures of the right roles before it in the same paragraph:
到位率 = received / budget, 执行率 = spent / (received or budget). Reports use role words loosely
(年度总指标 used as 到位资金), so the numerator roles are broad, and every other plausible pair in the
paragraph is kept as an alternative: a rate is consistent when any plausible pair reproduces it,
so the wording's ambiguity never raises a false alarm. Breakdowns (其中 …) are never paired.
"""

from __future__ import annotations

import re

from extractors.document import Paragraph
from extractors.facts import Amount, Figure, Rate
from extractors.facts.amounts import item_label_at
from extractors.text.numbers import NumberMatch
from extractors.text.segment import Segmented, segmented
from extractors.vocabulary import (
    BREAKDOWN_CUES,
    BUDGET_QUALIFIERS,
    GENERIC_RATE_WORDS,
    LISTED_ITEM_ENDINGS,
    RATE_NAMES,
    RATE_VERBS,
    TARGET_LABEL_RE,
    rate_kind,
)

TARGET_LABEL = re.compile(TARGET_LABEL_RE)
BREAKDOWN_CUE_RE = re.compile("|".join(BREAKDOWN_CUES))
STATED_RATE_RE = re.compile(r"率[^，,。；;]{0,6}?\d+(?:\.\d+)?\s*%")

RATE_VERB = r"(?:均为|均达到|均达|达到了|已达到|已达|为|达到|达|是|约为|约|：|:)?"
# the name may carry its formula in brackets before the figure (执行率(B/A) 100%)
RATE_NAME_RE = re.compile(
    rf"([\u4e00-\u9fff]{{0,8}}?(?:率|进度))\s*(?:[（(][A-Za-z/÷×*%\s]{{1,8}}[)）])?\s*{RATE_VERB}\s*$"
)
# 资金到位率和及时率均为100%: a rate named before a coordinated one shares its figure
COORDINATED_RE = re.compile(r"([\u4e00-\u9fff]{2,8}?率)\s*(?:和|及|与|、)\s*$")
INNER_COORDINATION_RE = re.compile(r"(?<=率)(?:和|及|与|、)")
# the share of the money that arrived, said by the verb after the figure (资金已100%足额到位, 100%拨付到位)
ARRIVED_AFTER_RE = re.compile(r"\s*(?:足额|全额|全部)?(?:拨付)?到位")
# the funds columns' formula after the rate's name (执行率(B/A)): the form's own column
FORM_COLUMN_FORMULA = re.compile(r"[（(]\s*B\s*[/／]\s*A\s*[)）]")
# the rate said as a phrase: 完成预算的100%, 占资金总额度100%
PHRASE_RATE_RE = re.compile(r"(?:完成(?:全年)?预算|占资金总额度?)的?\s*$")
# the rate said as its verb after the money: 资金执行99.97% (资金执行率)
VERB_RATE_RE = re.compile(rf"((?:{'|'.join(BUDGET_QUALIFIERS)})(?:{'|'.join(RATE_VERBS)}))\s*{RATE_VERB}\s*$")
# an item listed after a rate, with its own figure: …资金执行99.97%;桂花村美丽乡村项目99.89%
LISTED_ITEM_RE = re.compile(rf"[\u4e00-\u9fff\d()（）]{{2,30}}?(?:{'|'.join(LISTED_ITEM_ENDINGS)})")
LIST_JOINERS = "、，,；;和及与 "
# a list runs on over ；but ends with its sentence
LIST_END_RE = re.compile(r"[。！？!?\n]")

# rate kind -> (numerator roles, denominator roles), in order of preference
PAIRINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "到位": (("received", "budget_adjusted"), ("budget_initial", "budget_adjusted")),
    "执行": (("spent",), ("budget_adjusted", "received", "budget_initial")),
    "支出": (("spent",), ("budget_adjusted", "received", "budget_initial")),
    "支付": (("spent",), ("budget_adjusted", "received", "budget_initial")),
    "使用": (("spent",), ("received", "budget_adjusted", "budget_initial")),
    "完成": (("spent",), ("budget_adjusted", "budget_initial", "received")),
    "拨付": (("received",), ("budget_initial", "budget_adjusted")),
}


def rate_name(prefix: str) -> str | None:
    """The rate named right before a percentage: '…资金到位率为' -> 资金到位率. A generic wording
    (执行率, 完成率) qualified by something that is not money (政府采购管理执行率, 任务完成率) keeps
    its qualifier: it is that thing's rate, not the budget's."""
    m = RATE_NAME_RE.search(prefix)
    if not m:
        return None
    name = m.group(1)
    known = [r for r in RATE_NAMES if name.endswith(r)]
    if not known:
        return name if len(name) >= 3 else None
    wording = max(known, key=len)
    if FORM_COLUMN_FORMULA.search(m.group(0)):
        return wording  # 执行率(B/A): the form's funds column, whatever the scrambled text put before it
    return name if wording in GENERIC_RATE_WORDS and rate_kind(name) is None else wording


def pairing_for(name: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The roles a budget rate is computed from; None for a rate of something else. The verb next to
    率 says which (到位资金执行率 is an 执行率); money named before it as received (到位资金) is the
    denominator."""
    if rate_kind(name) is None:
        return None
    verbs = [(name.rfind(key), key) for key in PAIRINGS if key in name]
    if not verbs:
        return None
    at, verb = max(verbs)
    numerators, denominators = PAIRINGS[verb]
    if "到位" in name[:at]:
        denominators = ("received", *(role for role in denominators if role != "received"))
    return numerators, denominators


def candidate_pairs(name: str, nearest_first: list[Amount]) -> list[tuple[Amount, Amount]]:
    """Plausible (numerator, denominator) pairs among figures ordered nearest first: the nearest
    numerator, then the likeliest denominator role, then the nearest such figure."""
    roles = pairing_for(name)
    if roles is None:
        return []
    numerator_roles, denominator_roles = roles
    rank = {id(a): k for k, a in enumerate(nearest_first)}
    pairs = [
        (numerator, denominator)
        for numerator in nearest_first
        if numerator.role in numerator_roles
        for denominator in nearest_first
        if denominator.role in denominator_roles and denominator is not numerator
    ]
    return sorted(pairs, key=lambda p: (rank[id(p[0])], denominator_roles.index(p[1].role), rank[id(p[1])]))


def extract_text_rates(
    paragraph: Paragraph, amounts: list[Amount], itemised: bool, earlier: list[Amount]
) -> list[Rate]:
    """Rates stated in `paragraph`. `amounts` are that paragraph's amounts; `earlier` the project's
    totals stated before it (nearest first), used when the paragraph itself gives no pair.

    A rate written as its verb (资金执行99.97%) and the items listed after a rate in its sentence, each
    with its own figure (…资金执行99.97%;桂花村美丽乡村项目99.89%,响洪甸水毁修复项目95.6%), are the same
    rate of those items: they are kept with the item as label and never paired, since the amounts
    stated around them are the whole project's."""
    rates = []
    seg = segmented(paragraph.text)
    named: tuple[int, str] | None = None  # where the last rate was named, and its name
    previous_end = 0
    for figure in seg.figures:
        if figure.kind != "percent":
            continue
        match = figure.match
        if TARGET_LABEL.search(paragraph.text, seg.sentence_start(match.start), match.start):
            continue
        prefix = paragraph.text[max(0, match.start - 24) : match.start]
        names = rate_names(prefix)
        if names:
            for name in names:
                rates.append(text_rate(paragraph, seg, match, name, amounts, itemised, earlier))
            named = (match.end, names[-1])
        elif (verb := VERB_RATE_RE.search(prefix[-14:])) and (verb_name := rate_name(f"{verb.group(1)}率")):
            rates.append(stated_rate(paragraph, seg, match, verb_name, None))
            named = (match.end, verb_name)
        elif ARRIVED_AFTER_RE.match(paragraph.text, match.end):
            rates.append(stated_rate(paragraph, seg, match, "资金到位率", None))
            named = (match.end, "资金到位率")
        elif (
            named is not None
            and not LIST_END_RE.search(paragraph.text, named[0], match.start)
            and (item := listed_item(seg, match, previous_end))
        ):
            rates.append(stated_rate(paragraph, seg, match, named[1], item))
        previous_end = match.end
    return rates


def listed_item(seg: Segmented, match: NumberMatch, previous_end: int) -> str | None:
    """The item a percentage is stated for when its clause holds only that item's name right before
    it (桂花村美丽乡村项目99.89%): a project, fund or work, not some other measure (满意度95%)."""
    start = max(seg.clause_of(match.start).start, previous_end)
    words = seg.text[start : match.start].strip(LIST_JOINERS)
    return words if LISTED_ITEM_RE.fullmatch(words) else None


def rate_names(prefix: str) -> list[str]:
    """The rates a percentage is stated for, from the words before it: one name, or coordinated
    names (资金到位率和及时率均为), or the phrase 完成预算的 (预算完成率)."""
    if PHRASE_RATE_RE.search(prefix):
        return ["预算完成率"]
    m = RATE_NAME_RE.search(prefix[-14:])
    name = rate_name(prefix[-14:])
    if name is None or m is None:
        return []
    # the name's words may themselves coordinate two rates (资金到位率和及时率达100%)
    *firsts, last = INNER_COORDINATION_RE.split(m.group(1))
    if firsts and (second := rate_name(last)) is not None:
        return [n for n in (*(rate_name(first) for first in firsts), second) if n is not None]
    names = [name]
    before = prefix[: len(prefix) - len(prefix[-14:]) + m.start(1)]
    coordinated = COORDINATED_RE.search(before)
    if coordinated and (other := rate_name(coordinated.group(1))) is not None:
        names.insert(0, other)
    return names


def stated_rate(
    paragraph: Paragraph, seg: Segmented, match: NumberMatch, name: str, label: str | None
) -> Rate:
    """A rate stated for an item, with no amounts to recompute it from."""
    evidence = paragraph.evidence(seg.sentence_at(match.start, match.end), match.start, match.end)
    return Rate(name, Figure(match.value, match.as_written, evidence), label=label)


def text_rate(
    paragraph: Paragraph,
    seg: Segmented,
    match: NumberMatch,
    name: str,
    amounts: list[Amount],
    itemised: bool,
    earlier: list[Amount],
) -> Rate:
    """One stated rate with the amounts it can be recomputed from."""
    evidence = paragraph.evidence(seg.sentence_at(match.start, match.end), match.start, match.end)
    item = item_label_at(paragraph.text, match.start) if itemised else None
    nearest = max(
        (a for a in amounts if a.position < match.start and a.item == item),
        key=lambda a: a.position,
        default=None,
    )
    start = seg.sentence_start(match.start)
    if (
        nearest is not None
        and nearest.label is not None
        and nearest.position >= start
        and (cue := BREAKDOWN_CUE_RE.search(paragraph.text, start, nearest.position)) is not None
        and STATED_RATE_RE.search(paragraph.text, start, cue.start()) is not None
    ):
        # the whole's rate stated, then its parts after 其中, each with its own rate (…执行率为80.32%，其中：
        # 基本支出5967100.39元，执行率达100.00%，项目支出…): the part's, never the whole's. Without the whole's
        # rate before them, a rate after the parts may be the whole's (…，其中省级489万元，各州市14661万元，执行率为100%)
        return Rate(name, Figure(match.value, match.as_written, evidence), label=nearest.label)
    before = sorted(
        (a for a in amounts if a.position < match.start and a.item == item and a.label is None),
        key=lambda a: -a.position,
    )
    pairs = candidate_pairs(name, before) or (candidate_pairs(name, before + earlier) if item is None else [])
    numerator, denominator = pairs[0] if pairs else (None, None)
    return Rate(
        name,
        Figure(match.value, match.as_written, evidence),
        numerator,
        denominator,
        label=item,
        alternatives=pairs[1:],
    )
