"""Numbers as they are written in reports: amounts with units, percentages, scores, counts, in
Arabic or Chinese numerals (三百万元, 百分之八十九点三).

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
# 万 alone is 万元 where a table cell ends with it (3359.62万 |); elsewhere it may count anything (2万人).
# A figure opening a document number's bracket is its year, whatever follows: where a copy lost the
# bracket's close and the number, the year runs into the sum (财建〔20202185000万元 for 财建〔2020〕218号 5000万元)
# and no reading of the digits is safe.
AMOUNT_RE = re.compile(rf"(?<![\d.,〔［\[【])({NUMBER})\s*(亿元|万元|元|万(?=\s*(?:\||$)))", re.M)
# a date by its year and month, also where its parts stand in cells (2022年 | 7月 | 8日)
DATE_RE = re.compile(r"(20\d{2})\s*年[\s|]*\d{1,2}[\s|]*月")
PERCENT_RE = re.compile(rf"(?<![\d.,])({NUMBER})\s*%")
CN_DIGITS = "零〇一二两三四五六七八九十百千"
# words that name money (a figure after them in 万 is 万元)
MONEY_WORDS = ("资金", "经费", "预算", "执行数", "支出", "拨付", "投入", "安排", "下达")
# Every number pattern starts only where a run of digits starts (the lookbehinds): a match tried
# from inside a run fails the same way after scanning the rest of it, which made a hostile line of
# 20 000 digits take minutes.
# at least one digit word, and not an estimate (数十万元, 近百万元)
CN_NUMBER = rf"(?<![数几上近余多百千万{CN_DIGITS}])(?=[{CN_DIGITS}]*[一二两三四五六七八九])[{CN_DIGITS}]+(?:点[{CN_DIGITS}]+)?"
CN_AMOUNT_RE = re.compile(rf"({CN_NUMBER})(亿元|万元|元)")
CN_PERCENT_RE = re.compile(rf"百分之({CN_NUMBER})")
COUNT_RE = re.compile(
    rf"(?<![\d.])(\d+|(?<![{CN_DIGITS}])[{CN_DIGITS}]+)\s*(个|家|项|条|场次|场|次|人次|人|名|期|批|篇|份|所|岗|类|套|台|件|处|户|天)"
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


def parse_chinese_decimal(text: str) -> Decimal | None:
    """'二百六十七点九' -> Decimal('267.9'), keeping the decimals as written."""
    try:
        value = cn2an.cn2an(text, "strict")
    except (ValueError, KeyError):
        return None
    places = len(text.split("点", 1)[1]) if "点" in text else 0
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places))


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


# A figure after a label that states its unit, as forms write them: 实际到位资金(万元) | 1020.02,
# 计划投资额(万元)144. The figure's unit is the label's.
LABELLED_AMOUNT_RE = re.compile(
    rf"([\u4e00-\u9fff]{{2,12}})\s*[（(]\s*(亿元|万元|元)\s*[）)]\s*[|:：]?\s*(?<![\d.,])({NUMBER})"
    r"(?![\d.,%]|\s*(?:亿元|万元|元|[年月日号时个人项次户名%]))"
)


# 万 alone is 万元 also where money is named before it (投入中央直达资金29.6万，执行数29.6万) or after it
# (141.8万补助资金), and the figure ends its phrase (before punctuation, a bracketed note, or 并 opening the next
# verb: 省级资金290.36万(一般公共预算…), 预算资金13.971129万并且全部到位); not 425万粒, 2万人, 3.51万t.
WAN_AFTER_MONEY_RE = re.compile(
    rf"(?:{'|'.join(MONEY_WORDS)})[^。；;，,\d]{{0,12}}?(?<![\d.,])({NUMBER})\s*万(?=[，,。；;、（(）)]|并|\s|$)",
    re.M,
)
WAN_BEFORE_MONEY_RE = re.compile(rf"(?<![\d.,])({NUMBER})\s*万(?=补助资金|资金|经费)")


def find_amounts(text: str) -> list[NumberMatch]:
    """Every '267.90万元' / '2,679,000.00 元' in `text`, and figures whose label states the unit
    (实际到位资金(万元) | 1020.02), in order."""
    found = [
        m if m.unit != "万" else NumberMatch(m.value, "万元", m.as_written, m.start, m.end)
        for m in _matches(AMOUNT_RE, text, parse_decimal)
    ]
    found += _matches(CN_AMOUNT_RE, text, parse_chinese_decimal)
    starts = {m.start for m in found}
    for pattern in (WAN_AFTER_MONEY_RE, WAN_BEFORE_MONEY_RE):
        for m in pattern.finditer(text):
            value = parse_decimal(m.group(1))
            if value is not None and m.start(1) not in starts:
                starts.add(m.start(1))
                found.append(NumberMatch(value, "万元", text[m.start(1) : m.end()], m.start(1), m.end()))
    for m in LABELLED_AMOUNT_RE.finditer(text):
        value = parse_decimal(m.group(3))
        if value is not None and not m.group(1).endswith("单位"):  # 单位(万元): a unit note, not a label
            found.append(NumberMatch(value, m.group(2), f"{m.group(3)}{m.group(2)}", m.start(3), m.end(3)))
    return sorted(found, key=lambda m: m.start)


def find_percents(text: str) -> list[NumberMatch]:
    """'89.30%' and '百分之八十九点三'."""
    found = _matches(PERCENT_RE, text, parse_decimal, unit="%")
    found += _matches(CN_PERCENT_RE, text, parse_chinese_decimal, unit="%")
    return sorted(found, key=lambda m: m.start)


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
