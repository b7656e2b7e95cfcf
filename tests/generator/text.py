"""Figures as a report writes them, and narrative templates filled from the report's data."""

from __future__ import annotations

import re
from decimal import Decimal

from tests.generator.model import Amount, NumberStyle, Report, decimals_of

FULLWIDTH = str.maketrans("0123456789.,%-", "０１２３４５６７８９．，％－")
TEMPLATE_REF = re.compile(r"\{(\w+)(?::([^}]*))?\}")


def number(value: Decimal, thousands: bool = False) -> str:
    """A Decimal with the decimals it carries, optionally with thousands separators."""
    return f"{value:,.{decimals_of(value)}f}" if thousands else f"{value:.{decimals_of(value)}f}"


def amount_text(amount: Amount, style: NumberStyle, in_table: bool = False) -> str:
    """`267.90 万元` in the narrative; the bare number in a table whose header states the unit."""
    figure = number(amount.value, style.thousands)
    if in_table:
        return figure
    if style.fullwidth:
        figure = figure.translate(FULLWIDTH)
    return f"{figure}{' ' if style.unit_space else ''}{amount.unit}"


def pct_text(value: Decimal, style: NumberStyle | None = None) -> str:
    text = f"{number(value)}%"
    return text.translate(FULLWIDTH) if style and style.fullwidth else text


def score_text(value: Decimal) -> str:
    return number(value)


def joined(items: list[str]) -> str:
    return "、".join(items)


def fill(template: str, report: Report) -> str:
    """Replace each {kind:key} reference by the figure as the report writes it."""

    def one(match: re.Match[str]) -> str:
        kind, key = match.group(1), match.group(2)
        if kind == "amt":
            return amount_text(report.amount(key), report.style)
        if kind == "rate":
            return pct_text(report.rate(key).stated_pct, report.style)
        if kind == "total":
            assert report.total_in_text is not None
            return score_text(report.total_in_text)
        if kind == "grade":
            assert report.grade_stated is not None
            return report.grade_stated
        if kind == "weights":
            claim = report.level1_weights_claim or {}
            return "、".join(f"{name}{score_text(w)}分" for name, w in claim.items())
        if kind == "counts":
            counts = report.level1_counts_claim or {}
            return "、".join(f"{name}类{n}个" for name, n in counts.items())
        if kind == "enum":
            enum = report.enumeration(key)
            return f"{enum.count_stated}{enum.measure}{enum.subject}，分别为{joined(enum.items)}"
        raise KeyError(f"unknown template reference {match.group(0)}")

    return TEMPLATE_REF.sub(one, template)
