"""Where a clean document can take one realistic edit that its own figures will contradict.

Sites are found from the extracted facts (each figure's `as_written` and evidence sentence) and
from patterns over the source text, never from a particular report's wording: the evidence
sentence is located in the source allowing any whitespace between characters (line breaks of a
text rendition, full-width digits), then the figure is located inside it. A table row is found by
its indicator name followed by the weight as a standalone number, then the score after it.
Each Site names the checks that must newly fail and proposes replacement text from an rng.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from checks.agreement import GRADES, grade_for_score
from extractors.facts import UNIT_FACTORS, Amount, DocumentFacts, Figure, Indicator, ProjectFacts, decimals_of

FULL_WIDTH_DIGITS = {str(d): chr(0xFF10 + d) for d in range(10)}
# a number standing alone: a table cell, a line of its own, or set off by a column separator
STANDALONE_NUMBER = re.compile(
    r"(?<![^\s|])[0-9０-９]+(?:[.．][0-9０-９]+)?(?=[ \t\u3000]*(?:$|\|)|[ \t\u3000]{2})", re.M
)
NUMBER = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
TOTAL_ROW_LABEL = re.compile(r"总\s*得\s*分|总\s*分|合\s*计|总\s*计")
GRADE_CLAIM = re.compile(r"(?:等级|评级|等次|评定为|评价为)[^。；\n]{0,8}?(优秀|良好|中等|较差|优|良|中|差)")
FULL_STOP = re.compile(r"[。；]")


@dataclass(frozen=True)
class Site:
    kind: str
    start: int
    end: int
    expected: tuple[str, ...]  # checks of which at least one must newly fail
    what: str  # the figure edited, for the report
    propose: Callable[[random.Random], str]  # the replacement text


def char_pattern(char: str) -> str:
    if char in FULL_WIDTH_DIGITS:
        return f"[{char}{FULL_WIDTH_DIGITS[char]}]"
    return {".": "[.．]", "%": "[%％]"}.get(char, re.escape(char))


def flexible(text: str) -> re.Pattern[str]:
    """`text` as written in any rendition: any whitespace between characters, full-width digits,
    and a number never matched inside a longer one (8条 is not in 58条)."""
    chars = [c for c in text if not c.isspace()]
    body = r"\s*".join(char_pattern(c) for c in chars)
    head = r"(?<![0-9０-９.．])" if chars and chars[0].isdigit() else ""
    tail = r"(?![0-9０-９])" if chars and chars[-1].isdigit() else ""
    return re.compile(head + body + tail)


def find_once(flat: str, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The only occurrence of `text` in flat[start:end], or None when absent or ambiguous."""
    matches = list(flexible(text).finditer(flat, start, len(flat) if end is None else end))
    return matches[0] if len(matches) == 1 else None


def sentence_span(flat: str, evidence_text: str) -> tuple[int, int] | None:
    """Where an evidence sentence stands in the source (its first occurrence)."""
    match = flexible(evidence_text).search(flat)
    return match.span() if match else None


def figure_in_sentence(flat: str, figure_text: str, evidence_text: str) -> re.Match[str] | None:
    span = sentence_span(flat, evidence_text)
    return None if span is None else find_once(flat, figure_text, *span)


def number_in(match: re.Match[str]) -> tuple[int, int]:
    """Span of the (first) number inside a matched phrase such as 评价结果为 95.50 分."""
    number = NUMBER.search(match.group())
    if number is None:
        raise ValueError(f"no number in {match.group()!r}")
    return match.start() + number.start(), match.start() + number.end()


def written(value: Decimal, decimals: int) -> str:
    return format(value.quantize(Decimal(1).scaleb(-decimals)), "f")


def as_decimal(text: str) -> Decimal:
    return Decimal(text.translate({ord(v): k for k, v in FULL_WIDTH_DIGITS.items()}).replace("．", "."))


def shifted(
    old: Decimal, steps: tuple[Decimal, ...], allowed: Callable[[Decimal], bool]
) -> Callable[[random.Random], str]:
    """A proposer: old ± one of `steps`, written with old's decimals, among values `allowed` admits."""
    decimals = decimals_of(old)

    def propose(rng: random.Random) -> str:
        candidates = [old + s * sign for s in steps for sign in (1, -1)]
        candidates = [c for c in candidates if c != old and allowed(c)]
        if not candidates:
            raise ValueError(f"no admissible value near {old}")
        return written(rng.choice(candidates), max(decimals, decimals_of(min(steps))))

    return propose


def halves(*values: str) -> tuple[Decimal, ...]:
    return tuple(Decimal(v) for v in values)


# ---- table rows ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    weight: tuple[int, int]
    score: tuple[int, int]
    end: int  # where the next row's name starts


def standalone_numbers(flat: str, start: int, end: int) -> list[re.Match[str]]:
    return list(STANDALONE_NUMBER.finditer(flat, start, end))


def locate_rows(flat: str, indicators: list[Indicator]) -> list[Row]:
    """Rows found from the last backwards: the latest occurrence of the indicator's name before the
    next row whose first standalone number is the weight and a later one the score."""
    rows: list[Row] = []
    limit = len(flat)
    for indicator in reversed(indicators):
        if indicator.weight is None or indicator.score is None:
            continue
        names = [m for m in flexible(indicator.name).finditer(flat, 0, limit)]
        for name in reversed(names):
            numbers = standalone_numbers(flat, name.end(), limit)
            if not numbers or as_decimal(numbers[0].group()) != indicator.weight.value:
                continue
            scores = [n for n in numbers[1:] if as_decimal(n.group()) == indicator.score.value]
            if scores:
                rows.append(Row(indicator, numbers[0].span(), scores[0].span(), limit))
                limit = name.start()
                break
    return rows[::-1]


def row_sites(flat: str, project: ProjectFacts, has_total: bool) -> Iterator[Site]:
    for row in locate_rows(flat, project.indicators):
        indicator = row.indicator
        weight, score = indicator.weight.value, indicator.score.value  # type: ignore[union-attr]
        name = indicator.name
        if has_total:
            yield Site(
                "indicator_score",
                *row.score,
                ("indicator_sum_total",),
                f"score of {name} ({score} of {weight})",
                shifted(score, halves("0.5", "1", "1.5", "2"), lambda v, w=weight: 0 <= v <= w),
            )
        yield Site(
            "score_over_weight",
            *row.score,
            ("score_within_weight",),
            f"score of {name} raised above its weight {weight}",
            lambda rng, w=weight, d=indicator.score.decimals: written(  # type: ignore[union-attr]
                w + rng.choice(halves("0.5", "1", "2")), max(d, 1)
            ),
        )
        yield Site(
            "weight",
            *row.weight,
            ("weights_total", "level1_weights_stated"),
            f"weight of {name} ({weight})",
            shifted(weight, halves("1", "2"), lambda v, s=score: v >= s),
        )
        note = (indicator.deduction_note or "").strip()
        if note and score < weight:
            match = find_once(flat, note, row.score[0] - 200 if row.score[0] > 200 else 0, row.end)
            if match is not None:
                yield Site(
                    "drop_deduction",
                    *match.span(),
                    ("deduction_explained",),
                    f"deduction note of {name} deleted",
                    lambda rng: "",
                )


def table_total_site(flat: str, project: ProjectFacts, rows: list[Row]) -> Site | None:
    total = project.total_score
    if total is None or not rows:
        return None
    after = rows[-1].score[1]
    for label in TOTAL_ROW_LABEL.finditer(flat, after):
        numbers = [n for n in standalone_numbers(flat, label.end(), label.end() + 200)]
        hit = [n for n in numbers if as_decimal(n.group()) == total.value]
        if hit:
            return Site(
                "table_total",
                *hit[0].span(),
                ("indicator_sum_total",),
                f"table total {total.value}",
                same_band(total.value),
            )
    return None


def same_band(old: Decimal) -> Callable[[random.Random], str]:
    return shifted(
        old, halves("0.5", "1", "1.5", "2", "3"), lambda v: grade_for_score(v) == grade_for_score(old)
    )


# ---- narrative ----------------------------------------------------------------------------------


def narrative_total_site(flat: str, facts: DocumentFacts) -> Site | None:
    total = facts.narrative.total_score
    if total is None:
        return None
    match = figure_in_sentence(flat, total.as_written, total.evidence.text)
    if match is None:
        return None
    return Site(
        "narrative_total",
        *number_in(match),
        ("text_table_agreement", "indicator_sum_total"),
        f"total stated in the text {total.value}",
        same_band(total.value),
    )


def pair_ratios(amounts: list[Amount]) -> list[Decimal]:
    yuan = [a.amount_yuan for a in amounts if a.amount_yuan > 0]
    return [a / b * 100 for a in yuan for b in yuan]


def far_from(ratios: list[Decimal], margin: Decimal) -> Callable[[Decimal], bool]:
    """A rate no pair of the report's amounts gives: an edit the figures can tell from a coincidence."""
    return lambda v: v > 0 and all(abs(v - r) > margin for r in ratios)


def rate_sites(flat: str, project: ProjectFacts) -> Iterator[Site]:
    ratios = pair_ratios(project.amounts)
    for rate in project.rates:
        if rate.numerator is None or rate.denominator is None:
            continue
        stated = rate.stated
        match = figure_in_sentence(flat, stated.as_written, stated.evidence.text)
        if match is not None:
            yield Site(
                "rate_stated",
                *number_in(match),
                ("rate_recompute", "text_table_agreement"),
                f"{rate.name} {stated.value}%",
                shifted(stated.value, halves("0.5", "1", "2", "5", "10"), far_from(ratios, Decimal("0.3"))),
            )
        yield from amount_sites(flat, rate.name, stated.value, rate.numerator, rate.denominator, ratios)


def amount_sites(
    flat: str, name: str, pct: Decimal, numerator: Amount, denominator: Amount, ratios: list[Decimal]
) -> Iterator[Site]:
    for amount, other, is_numerator in ((numerator, denominator, True), (denominator, numerator, False)):
        if amount.source == "table":
            continue
        match = figure_in_sentence(flat, amount.as_written, amount.evidence.text)
        if match is None:
            continue

        def gives_other_rate(
            value: Decimal, amount: Amount = amount, other: Amount = other, is_numerator: bool = is_numerator
        ) -> bool:
            yuan = value * UNIT_FACTORS[amount.unit]
            num, den = (yuan, other.amount_yuan) if is_numerator else (other.amount_yuan, yuan)
            if den <= 0:
                return False
            recomputed = num / den * 100
            return (
                abs(recomputed - pct) > 2
                and abs(100 - recomputed - pct) > 2
                and all(abs(recomputed - r) > Decimal("0.3") for r in ratios if r != 100)
            )

        value = amount.value
        factors = halves("0.8", "0.9", "1.1", "1.25")
        decimals = amount.value.as_tuple().exponent
        yield Site(
            "rate_amount",
            *number_in(match),
            ("rate_recompute",),
            f"{'numerator' if is_numerator else 'denominator'} {amount.as_written} of {name}",
            lambda rng, value=value, factors=factors, decimals=decimals, ok=gives_other_rate: pick_scaled(
                rng, value, factors, decimals, ok
            ),
        )


def pick_scaled(
    rng: random.Random,
    value: Decimal,
    factors: tuple[Decimal, ...],
    exponent: int,
    ok: Callable[[Decimal], bool],
) -> str:
    candidates = [(value * f).quantize(Decimal(1).scaleb(exponent)) for f in factors]
    candidates = [c for c in candidates if c != value and ok(c)]
    if not candidates:
        raise ValueError(f"no admissible amount near {value}")
    return format(rng.choice(candidates), "f")


def claim_sites(flat: str, facts: DocumentFacts) -> Iterator[Site]:
    narrative = facts.narrative
    for name, figure in narrative.level1_weights.items():
        match = figure_in_sentence(flat, figure.as_written, figure.evidence.text)
        if match is not None:
            yield Site(
                "level1_weight_claim",
                *number_in(match),
                ("level1_weights_stated",),
                f"stated weight of {name} {figure.value}",
                shifted(figure.value, halves("1", "2", "5"), lambda v: v > 0),
            )
    for name, figure in narrative.level1_counts.items():
        match = figure_in_sentence(flat, figure.as_written, figure.evidence.text)
        if match is not None:
            yield Site(
                "level1_count_claim",
                *number_in(match),
                ("level1_counts_stated",),
                f"stated indicator count of {name} {figure.value}",
                shifted(figure.value, halves("1", "2"), lambda v: v > 0),
            )


def enumeration_sites(flat: str, facts: DocumentFacts) -> Iterator[Site]:
    for enum in facts.narrative.enumerations:
        listed = Decimal(len(enum.items))
        span = sentence_span(flat, enum.evidence.text)
        if span is None or enum.count.value != listed:
            continue
        count = find_once(flat, enum.count.as_written + enum.noun, *span)
        # "N 个三级指标" is also a level-1 count claim, which may be what catches the edit
        expected = (
            ("enumeration_count", "level1_counts_stated") if "指标" in enum.noun else ("enumeration_count",)
        )
        # a list joined only by 和/及 may be prose: extraction trusts its count only when it agrees
        if count is not None and "、" in flat[slice(*span)]:
            yield Site(
                "enumeration_count",
                *number_in(count),
                expected,
                f"count {enum.count.as_written}{enum.noun}",
                shifted(enum.count.value, halves("1", "2"), lambda v: v > 0),
            )
        # dropping one of two items leaves no list: the extractor only reads lists of two or more
        for position, item in enumerate(enum.items if len(enum.items) > 2 else []):
            listed_item = find_once(flat, f"、{item}" if position else f"{item}、", *span)
            if listed_item is not None:
                yield Site(
                    "enumeration_item",
                    *listed_item.span(),
                    ("enumeration_count",),
                    f"item {item} dropped from {enum.count.as_written}{enum.noun}",
                    lambda rng: "",
                )
    for part_whole in facts.narrative.part_wholes:
        span = sentence_span(flat, part_whole.evidence.text)
        if span is None:
            continue
        whole = find_once(flat, part_whole.whole.as_written, *span)
        figures: list[tuple[Figure, re.Match[str] | None]] = [(part_whole.whole, whole)]
        figures += [(part, find_once(flat, part.as_written, *span)) for part in part_whole.parts]
        for figure, match in figures:
            if match is not None:
                yield Site(
                    "part_whole",
                    *number_in(match),
                    ("enumeration_count",),
                    f"{figure.as_written} of the part-whole {part_whole.whole.as_written}",
                    shifted(figure.value, halves("1", "2", "3"), lambda v: v > 0),
                )


def grade_site(flat: str, facts: DocumentFacts) -> Site | None:
    """A stated grade outside the total's band: the stated one replaced, or one added after the total."""
    total = facts.total_score
    if total is None:
        return None
    wrong = [g for g in GRADES if g not in {grade_for_score(total.value + d) for d in (-1, 0, 1)}]
    evidence = facts.narrative.grade_evidence
    if facts.narrative.grade_stated and evidence is not None:
        span = sentence_span(flat, evidence.text)
        claim = GRADE_CLAIM.search(flat, *span) if span else None
        if claim is None:
            return None
        return Site(
            "grade",
            *claim.span(1),
            ("grade_band",),
            f"stated grade {claim.group(1)}",
            lambda rng: rng.choice(wrong),
        )
    narrative_total = facts.narrative.total_score
    if narrative_total is None:
        return None
    match = figure_in_sentence(flat, narrative_total.as_written, narrative_total.evidence.text)
    stop = FULL_STOP.search(flat, match.end()) if match else None
    if stop is None:
        return None
    return Site(
        "grade",
        stop.end(),
        stop.end(),
        ("grade_band",),
        "stated grade added after the total",
        lambda rng: f"评价等级为“{rng.choice(wrong)}”。",
    )


def find_sites(flat: str, facts: DocumentFacts) -> list[Site]:
    """Every site of one document (of its sole project; reports of several projects are left out)."""
    if len(facts.projects) != 1:
        return []
    project = facts.projects[0]
    has_total = facts.total_score is not None
    sites = list(row_sites(flat, project, has_total))
    rows = locate_rows(flat, project.indicators)
    sites += [s for s in (table_total_site(flat, project, rows), narrative_total_site(flat, facts)) if s]
    sites += rate_sites(flat, project)
    sites += claim_sites(flat, facts)
    sites += enumeration_sites(flat, facts)
    if (grade := grade_site(flat, facts)) is not None:
        sites.append(grade)
    return sites
