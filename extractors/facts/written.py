"""How a report writes what it cites and counts, and its headings: document numbers
(财预〔2021〕15号), dates (2020年5月), periods (2018—2020), amounts (15,244万元) and numbered headings.
A malformed one (a lost bracket, a lost 年, a period that ends before it starts, an amount masked
78.*元, left out 经费万元 or separated 7,00.0,77, a heading without its number) is a published slip
an auditor has to resolve before the citation can be looked up or the figure used. Also the year of
each phrase naming the report by its year (2023年度…绩效自评表), for report_year_agreement."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from extractors.document import Paragraph, Table
from extractors.facts import Figure, Written
from extractors.text.segment import sentence_at
from extractors.vocabulary import (
    DOC_NUMBER_CLOSE,
    DOC_NUMBER_ONLY_OPEN,
    DOC_NUMBER_OPEN,
    FUND_NOUNS,
    REPORT_NAME_ENDINGS,
    YEAR_RANGE_DASHES,
)

_YEAR = r"(?:19|20)\d\d"
# issuer (not ending in 第: 第2021001号 is a serial, not an issuer's number), year, sequence, 号
DOC_NUMBER = re.compile(
    rf"(?P<issuer>[\u4e00-\u9fff]*[\u4e00-\u7b2b\u7b2d-\u9fff])\s*(?P<open>[{re.escape(DOC_NUMBER_OPEN)}]?)\s*"
    rf"(?P<year>{_YEAR})\s*(?P<close>[{re.escape(DOC_NUMBER_CLOSE)}]?)\s*第?\s*\d{{1,5}}\s*号"
)
# 海农联呈〔20252: the year runs on into the sequence with neither the closing mark nor 号
RUN_ON_NUMBER = re.compile(
    rf"[\u4e00-\u9fff]{{1,8}}{re.escape(DOC_NUMBER_ONLY_OPEN)}{_YEAR}\d{{1,5}}(?![\d号{re.escape(DOC_NUMBER_CLOSE)}])"
)
# 20205月, 20201030日: a date whose 年 (and 月) were lost
RUN_ON_DATE = re.compile(
    rf"(?<![\d.])(?:{_YEAR}(?:0?[1-9]|1[0-2])月|{_YEAR}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])日)"
)
YEAR_RANGE = re.compile(
    rf"(?<![\d.])(?P<start>{_YEAR})\s*年?\s*[{re.escape(YEAR_RANGE_DASHES)}]\s*(?P<end>{_YEAR})(?![\d.])"
)

# 预算数*元, 78.*元: an amount masked on the page (a ≤**元 placeholder in a template's indicator
# name follows its comparator, and is not one)
MASKED_AMOUNT = re.compile(r"(?<![≥≤<>＜＞*\d.])(?:\d+\.)?\*+\s*(?:万元|亿元|元)")
# 政府专项经费万元), 大气污染防治资金万元,: a sum named, its unit given, the figure left out
BLANK_AMOUNT = re.compile(rf"(?:{'|'.join(FUND_NOUNS)})(?:万元|亿元|元)(?=[,，、;；)）。])")
# 7,00.0,77: a separator after the decimal point; 677,00元: two digits after a comma, in 元
MISSEPARATED_AMOUNT = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d+)+\.\d+,\d+|(?<![\d,.])\d+,\d{2}(?=元)")

# 重庆市梁平区林业局2023年度部门整体绩效自评表: a year, then the report's name without another figure
REPORT_NAME = re.compile(
    rf"(?<!\d)(?P<year>{_YEAR})\s*年度[^\d，。,;；:：《》“”\n]{{0,30}}?(?:{'|'.join(REPORT_NAME_ENDINGS)})"
)

# 、绩效目标完成情况 / )总体绩效目标完成情况分析: a heading whose number (三、, (二)) was lost
NUMBERLESS_HEADING = re.compile(r"^\s*[、)）]\s*[\u4e00-\u9fff]{2,}[^。]*$")
# (kind, pattern, what is wrong) of the slips found by their shape alone
# and the characters one of which the pattern needs (a paragraph without them is not searched)
SLIPS = (
    ("日期", RUN_ON_DATE, "年、月之间缺少「年」或「月」", "月日"),
    ("金额", MASKED_AMOUNT, "金额被隐去", "*"),
    ("金额", BLANK_AMOUNT, "只有单位，没有数额", "元"),
    ("金额", MISSEPARATED_AMOUNT, "千分位分隔符位置不对，金额无法确定", ","),
)


def doc_number_problem(match: re.Match[str]) -> str | None:
    if match["open"] and match["close"]:
        return None
    if match["open"]:
        return "缺少年份后的右括号"
    return "缺少年份前的左括号" if match["close"] else "年份缺少括号"


def reference(paragraph: Paragraph, kind: str, begin: int, end: int, problem: str | None) -> Written:
    text = paragraph.text
    evidence = paragraph.evidence(sentence_at(text, begin, end), begin, end)
    return Written(kind, text[begin:end], problem, evidence)


def paragraph_written(paragraph: Paragraph, in_table: bool = False) -> list[Written]:
    text = paragraph.text
    # the costliest of these patterns (the issuer's run of Chinese is tried from each of its
    # characters), so it runs only where the 号 every document number ends in stands
    numbers = list(DOC_NUMBER.finditer(text)) if "号" in text else []
    found = [
        # the issuer as far as its last 8 characters: the regex runs back over any Chinese before it
        reference(paragraph, "文号", max(m.start(), m.end("issuer") - 8), m.end(), doc_number_problem(m))
        for m in numbers
    ]
    found += [
        reference(paragraph, "文号", m.start(), m.end(), "年份后缺少右括号和「号」")
        for m in RUN_ON_NUMBER.finditer(text)
        if not any(n.start() <= m.start() < n.end() for n in numbers)
    ]
    found += [
        reference(paragraph, kind, m.start(), m.end(), problem)
        for kind, pattern, problem, needs in SLIPS
        if any(char in text for char in needs)
        for m in pattern.finditer(text)
    ]
    if not in_table:  # a cell may hold the tail of a header split over two cells
        found += [
            reference(paragraph, "标题", m.start(), m.end(), "标题缺少编号")
            for m in NUMBERLESS_HEADING.finditer(text)
        ]
    for m in YEAR_RANGE.finditer(text):
        reversed_ = int(m["end"]) < int(m["start"])
        problem = f"止年 {m['end']} 早于起年 {m['start']}" if reversed_ else None
        found.append(reference(paragraph, "年份区间", m.start(), m.end(), problem))
    return found


def extract_written(paragraphs: list[Paragraph], tables: list[Table]) -> list[Written]:
    """Every document number and period the paragraphs and table cells cite, and every
    run-together date and malformed amount, each with what is wrong with how it is written (None:
    well formed)."""
    found = [ref for p in paragraphs for ref in paragraph_written(p)]
    for table in tables:
        for cell in (c for c in table.cells if c.text):
            boxes = (cell.bbox,) if cell.bbox else ()  # the cell is where its slip is boxed
            found += [
                replace(ref, evidence=replace(ref.evidence, boxes=boxes))
                for ref in paragraph_written(Paragraph(cell.text, table.row_page(cell.row)), in_table=True)
            ]
    return found


def report_name_years(paragraphs: list[Paragraph]) -> list[Figure]:
    """The year of every phrase that names the report or form by its year (2022年度…绩效自评表), as
    written, where it is written."""
    return [
        Figure(
            Decimal(m["year"]),
            m.group(0),
            p.evidence(sentence_at(p.text, m.start(), m.end()), m.start(), m.end()),
        )
        for p in paragraphs
        for m in REPORT_NAME.finditer(p.text)
    ]
