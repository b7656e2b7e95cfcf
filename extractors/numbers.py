"""Numbers as they are written in reports: amounts with units, percentages, scores, counts.

Everything returns `Decimal` built from the digits as written, so the exponent keeps the
stated precision (267.90 -> 2 decimals).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import cn2an

NUMBER = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?"
AMOUNT_RE = re.compile(rf"(?<![\d.,])({NUMBER})\s*(亿元|万元|元)")
PERCENT_RE = re.compile(rf"(?<![\d.,])({NUMBER})\s*%")
CN_DIGITS = "零〇一二两三四五六七八九十百千"
COUNT_RE = re.compile(
    rf"(?<![\d.])(\d+|[{CN_DIGITS}]+)\s*(个|家|项|条|场次|场|次|人次|人|名|期|批|篇|份|所|岗|类|套|台|件|处|户|天)"
)


def parse_decimal(text: str) -> Decimal | None:
    """'2,679,000.00' -> Decimal('2679000.00'); None when `text` is not a number."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    if not re.fullmatch(r"[+-]?\d+(?:\.\d+)?", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def parse_count(text: str) -> int | None:
    """A count in Arabic or Chinese numerals: '7' -> 7, '五' -> 5, '十七' -> 17."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        value = cn2an.cn2an(text, "strict")
    except (ValueError, KeyError):
        return None
    return int(value) if value == int(value) else None


@dataclass(frozen=True)
class NumberMatch:
    value: Decimal
    unit: str
    as_written: str
    start: int
    end: int


def find_amounts(text: str) -> list[NumberMatch]:
    """Every '267.90万元' / '2,679,000.00 元' in `text`, in order."""
    return _matches(AMOUNT_RE, text, parse_decimal)


def find_percents(text: str) -> list[NumberMatch]:
    return _matches(PERCENT_RE, text, parse_decimal, unit="%")


def find_counts(text: str) -> list[NumberMatch]:
    """Counted quantities: '7 家', '五个', '2 场'."""
    return _matches(COUNT_RE, text, lambda t: None if (n := parse_count(t)) is None else Decimal(n))


def _matches(
    pattern: re.Pattern[str], text: str, parse: Callable[[str], Decimal | None], unit: str | None = None
) -> list[NumberMatch]:
    """Every match of `pattern` (group 1 the number, group 2 the unit unless `unit` is given)."""
    found = []
    for m in pattern.finditer(text):
        value = parse(m.group(1))
        if value is not None:
            found.append(NumberMatch(value, unit or m.group(2), m.group(0), m.start(), m.end()))
    return found


def parse_cell_number(text: str | None) -> Decimal | None:
    """A table cell holding one number (a weight or score), tolerating '分' and wrapped digits."""
    if not text:
        return None
    cleaned = re.sub(r"\s+", "", text).rstrip("分")
    return parse_decimal(cleaned)


def parse_percent_cell(text: str | None) -> Decimal | None:
    """'83.33%' or '83.33' in a percentage column -> Decimal('83.33')."""
    if not text:
        return None
    cleaned = re.sub(r"\s+", "", text).rstrip("%％")
    return parse_decimal(cleaned)
