"""Claims the narrative makes that the checks hold against the tables and against itself:
the total score and grade, level-1 weights and indicator counts, enumerations (7 家 … A、B、C),
totals with parts (58 条，其中 … 50 条 … 8 条), counted quantities (共举办活动 2 场) and the
section numbering.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from extractors.document import Evidence, Paragraph, Table
from extractors.facts import (
    Change,
    CountMention,
    Enumeration,
    Establishment,
    Figure,
    Heading,
    Narrative,
    PartWhole,
)
from extractors.text.numbers import CN_DIGITS, find_counts, parse_cell_number, parse_count, parse_decimal
from extractors.text.segment import (
    SENTENCE_END,
    Segmented,
    inside_brackets,
    segmented,
    sentence_at,
    split_sentences,
    tokenize,
)
from extractors.vocabulary import (
    FORM_TOTAL_LABELS,
    GRADE_CUES,
    GRADE_WORDS,
    LONE_TOTAL_LABELS,
    NOT_A_PART_WORDS,
    QUANTITY_UNITS,
    alternation,
)

CN_NUMERAL = "一二三四五六七八九十"
HEADING_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^([{CN_NUMERAL}]{{1,3}})、")),
    (2, re.compile(rf"^[（(]([{CN_NUMERAL}]{{1,3}})[）)]")),
    (3, re.compile(r"^(\d{1,2})[.．、](?!\d)")),
    (4, re.compile(r"^[（(](\d{1,2})[）)]")),
)
DECIMAL_START = re.compile(r"^(\d{1,2})[.．](\d)")
CONTENTS_RE = re.compile(r"目\s*录")
PAGE_NUMBER_END_RE = re.compile(r"[\u4e00-\u9fff）)]\s*[.…·]*\s*\d{1,3}$")
TOTAL_SCORE_RE = re.compile(
    r"(?:(?:评价|评分|评定)结果(?:得分|分数)?|(?:综合|绩效)评分|(?:综合|总|总体|评价|自评|最终|绩效|整体|评定)得分|总分|自评分|评价分)"
    r"(?:为|是|：|:|达到|达|共计)?\s*(\d{1,3}(?:\.\d{1,2})?)"
    # 分, or the grade said next where the unit is left out (最终得分85.82，等级为良)
    r"(?:\s*分|(?=[，,]\s*(?:评价|绩效|综合)?(?:等级|等次|评级|评价结果)))"
)
# the total in a form's last row, flattened: 总分 | 100 | 96, 总分100100 (full marks, then the score),
# 自评总分(分)97.93, 自评得分98
FORM_TOTAL_RE = re.compile(
    "(?:" + "|".join(FORM_TOTAL_LABELS) + ")"
    r"(?:[（(]分[）)])?\s*[|:：]?\s*(?:(100(?:\.0{1,2})?)\s*[|]?\s*)?"
    r"(\d{1,3}(?:\.\d{1,2})?)(?![\d.]|\s*(?:%|万|元|个|人|项(?!目)))"
)
# an indicator table's last row labelled 合计 only where full marks (100) and then the score end it:
# 合计 100.00 46.35 (a money row's 合计 goes on to more figures: 合计 100 100 95 10 95% 9.5)
SUM_ROW_TOTAL_RE = re.compile(
    r"合计\s*[|]?\s*100(?:\.0{1,2})?\s*[|]?\s*(\d{1,3}(?:\.\d{1,2})?)"
    r"(?![\d.]|\s*[|]?\s*\d|\s*(?:%|万|元|个|人|项(?!目)))"
)
# a form's total label in a cell of its own, its score in the next cell (one cell a line: 总分(100分) | 100)
LONE_TOTAL_LABEL_RE = re.compile(
    "(?:" + "|".join(LONE_TOTAL_LABELS) + r")\s*(?:[（(](\d{0,3})\s*分[）)])?\s*[|:：]?"
)
# the same label as a form's field, its score in the next cell (项目名称: | … | 自评总分: | 99.68)
FIELD_TOTAL_RE = re.compile("(?:" + "|".join(LONE_TOTAL_LABELS) + r")\s*[:：]")
CELL_NUMBER_RE = re.compile(r"\|?\s*(\d{1,3}(?:\.\d{1,2})?)\s*\|?")
EMPTY_CELLS_RE = re.compile(r"[|\s]*")
# totals above 100 happen where bonus points (加分) are allowed: 自评得分102.8分
MAX_TOTAL = Decimal(120)
ITEM_START = re.compile(r"^\s*(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|[①-⑳])")
GRADE_RE = re.compile(
    "(?:" + alternation(GRADE_CUES) + ")"
    r"(?:为|是|：|:|评定为|确定为)?\s*[“\"「]?(优秀|优|良好|良|中等|中|合格|差|不合格)[”\"」]?"
)
LIST_SEPARATORS = re.compile(r"[、，,]")
LAST_ITEM_JOINERS = re.compile(r"以及|和|及|与|并")
COUNT_NOUN_UNITS = "家个项条场次人名期批篇份所岗类套台件处户"
# a list left open: …等, …等，共计 (the count that follows may name more than the list)
OPEN_LIST_END = re.compile(r"等[^、，,]{0,1}(?:[，,]?\s*(?:共计|合计|总计|共|计))?\s*$")
# a count of listed items (3个项目: …, 包括…等3项); never an ordinal (第二批 is the second batch)
ENUM_AFTER_RE = re.compile(
    rf"(?<![第\d{CN_DIGITS}])(\d+|[{CN_DIGITS}]+)\s*([{COUNT_NOUN_UNITS}])([\u4e00-\u9fff]{{0,8}}?)(?:[，,]?分别为|[，,]?分别是|为|是|包括|：|:)([^。；;]+)"
)
ENUM_BEFORE_RE = re.compile(
    rf"(?:包括|设置|设立|有|涵盖|分为)([^。；;：:]+?)\s*(?:共|等)?(?<![第\d{CN_DIGITS}])(\d+|[{CN_DIGITS}]+)\s*([{COUNT_NOUN_UNITS}])([\u4e00-\u9fff]{{0,6}})"
)


def find_headings(paragraphs: list[Paragraph]) -> list[Heading]:
    """Numbered headings and list items (一、 （一） 1. （1）) in body order."""
    return [heading for _, heading in numbered_paragraphs(paragraphs)]


def numbered_paragraphs(paragraphs: list[Paragraph]) -> list[tuple[int, Heading]]:
    """(paragraph index, heading) for every paragraph that opens with a section or item number.

    '3.7 月，…' is item 3 when 3 is the next number expected at that level, not the decimal 3.7.
    """
    headings: list[tuple[int, Heading]] = []
    last_at_level: dict[int, int] = {}
    in_contents = False
    for index, p in enumerate(paragraphs):
        text = p.text.strip()
        # a table of contents (目 录, then entries ending in their page: 一、基本情况 1) lists the
        # headings the body has: its entries are not headings of their own
        if CONTENTS_RE.fullmatch(text):
            in_contents = True
            continue
        if in_contents and PAGE_NUMBER_END_RE.search(text):
            continue
        in_contents = False
        found = None
        for level, pattern in HEADING_MARKERS:
            m = pattern.match(text)
            if m:
                found = (level, m.group(1), m.group(0))
                break
        if found is None:
            m = DECIMAL_START.match(text)
            if m and int(m.group(1)) == last_at_level.get(3, 0) + 1:
                found = (3, m.group(1), f"{m.group(1)}.")
        if found is None:
            continue
        level, number_text, marker = found
        number = parse_count(number_text)
        if number is None:
            continue
        headings.append((index, Heading(level, number, marker, text[:40], p.page)))
        last_at_level[level] = number
        for deeper in [k for k in last_at_level if k > level]:
            del last_at_level[deeper]
    return headings


def find_total_score(paragraphs: list[Paragraph], tables: Sequence[Table] = ()) -> Figure | None:
    """The stated total score: the first 自评得分为98.14分 / 综合评分97分 / 评价分100分, preferring
    sentences that are not items of a list (1.…自评得分20分 scores one indicator)."""
    candidates: list[tuple[bool, Figure]] = []
    for p in paragraphs:
        for m in TOTAL_SCORE_RE.finditer(p.text):
            if "分值" in p.text[max(0, m.start() - 2) : m.end()]:
                continue
            value = parse_decimal(m.group(1))
            if value is not None and value <= MAX_TOTAL:
                evidence = p.evidence(sentence_at(p.text, m.start(), m.end()), m.start(), m.end())
                candidates.append((bool(ITEM_START.match(p.text)), Figure(value, m.group(0), evidence)))
    if not candidates:
        candidates = [(False, f) for p in paragraphs for f in form_totals(p)]
    if not candidates:
        candidates = [
            (False, f) for f in (*cell_totals(paragraphs), *heading_totals(paragraphs), *field_totals(tables))
        ]
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def form_totals(p: Paragraph) -> list[Figure]:
    """Totals written as a flattened form's last row (总分 | 100 | 96, 合计 100.00 46.35): the score
    after full marks."""
    found = []
    matches = [(m, m.group(2)) for m in FORM_TOTAL_RE.finditer(p.text)]
    matches += [(m, m.group(1)) for m in SUM_ROW_TOTAL_RE.finditer(p.text)]
    for m, score in matches:
        value = parse_decimal(score)
        if value is not None and value <= MAX_TOTAL:
            evidence = p.evidence(sentence_at(p.text, m.start(), m.end()), m.start(), m.end())
            found.append(Figure(value, m.group(0), evidence))
    return found


def cell_totals(paragraphs: list[Paragraph]) -> list[Figure]:
    """Totals of a form pasted one cell a line: the label alone (总分(100分)), then, past empty cells
    (|), its score alone, no more than the full marks the label states."""
    found = []
    for k, p in enumerate(paragraphs):
        label = LONE_TOTAL_LABEL_RE.fullmatch(p.text.strip())
        if not label:
            continue
        following = (q for q in paragraphs[k + 1 : k + 4] if not EMPTY_CELLS_RE.fullmatch(q.text))
        cell = next(following, None)
        number = CELL_NUMBER_RE.fullmatch(cell.text.strip()) if cell else None
        if cell is None or number is None:
            continue
        value = parse_decimal(number.group(1))
        full = parse_decimal(label.group(1)) if label.group(1) else MAX_TOTAL
        if value is not None and full is not None and value <= full:
            found.append(
                Figure(value, f"{p.text.strip()} {number.group(1)}", cell.evidence(cell.text.strip()))
            )
    return found


# the self-evaluation outline's heading for the total, its score the paragraph after it:
# （一）自评得分 / 100分。
TOTAL_HEADING_RE = re.compile(
    r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、])\s*"
    r"(?:自评|评价|综合|绩效评价|总)得分(?:情况)?[:：]?"
)
HEADING_SCORE_RE = re.compile(r"(\d{1,3}(?:\.\d{1,2})?)\s*分(?:[。；;，,]|$)")


def heading_totals(paragraphs: list[Paragraph]) -> list[Figure]:
    """Totals stated under their own heading: （一）自评得分, then a paragraph that opens with the score."""
    found = []
    for p, after in zip(paragraphs, paragraphs[1:], strict=False):
        score = (
            HEADING_SCORE_RE.match(after.text.strip()) if TOTAL_HEADING_RE.fullmatch(p.text.strip()) else None
        )
        value = parse_decimal(score.group(1)) if score else None
        if score is not None and value is not None and value <= MAX_TOTAL:
            found.append(
                Figure(value, f"{p.text.strip()} {score.group(0)}", after.evidence(after.text.strip()))
            )
    return found


def field_totals(tables: Sequence[Table]) -> list[Figure]:
    """Totals given as a form's field in its header rows: the label cell, then the score's cell; or
    as a table's last row of the label, full marks and the score alone (合计 | 100 | 100), where the
    table's head was cut off."""
    found = []
    for table in tables:
        for r, row in enumerate(table.cell_grid(fill_spans=False)):
            texts = ["".join(c.text.split()) if c else "" for c in row]
            filled = [t for t in texts if t]
            if len(filled) == 3 and (m := SUM_ROW_TOTAL_RE.fullmatch(" | ".join(filled))):
                value = parse_decimal(m.group(1))
                if value is not None and value <= MAX_TOTAL:
                    evidence = Evidence(table.row_page(r), " ".join(filled), table.block_id)
                    found.append(Figure(value, " ".join(filled), evidence))
            for label, cell in zip(texts, texts[1:], strict=False):
                value = parse_cell_number(cell) if FIELD_TOTAL_RE.fullmatch(label) else None
                if value is not None and value <= MAX_TOTAL:
                    evidence = Evidence(table.row_page(r), f"{label} {cell}", table.block_id)
                    found.append(Figure(value, f"{label}{cell}", evidence))
    return found


def find_grade(paragraphs: list[Paragraph]) -> tuple[str, Evidence] | None:
    for p in paragraphs:
        for m in GRADE_RE.finditer(p.text):
            context = p.text[max(0, m.start() - 20) : m.end() + 2]
            if not any(word in context for word in ("绩效", "评价", "等级", "等次")):
                continue
            return GRADE_WORDS[m.group(1)], p.evidence(
                sentence_at(p.text, m.start(), m.end()), m.start(), m.end()
            )
    return None


def _level1_patterns(bare: str) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """The weight pattern and the indicator count patterns of a level-1 name (without 项目)."""
    core = re.escape(bare)
    weight = re.compile(rf"(?:项目|部门)?{core}(?:指标)?\s*(\d{{1,3}}(?:\.\d+)?)\s*分")
    counts = (
        # 项目决策指标包括立项依据充分性、… 6 个三级指标
        rf"(?:项目|部门)?{core}(?:指标|方面)?(?:包括|包含|有|共|设置)[^。；;]*?(\d+|[{CN_DIGITS}]+)\s*个(?:三级|二级)?指标",
        # 三级指标按一级指标分布为决策类 6 个、过程类 5 个
        rf"(?:(?<=[为、，,；;：:即])|(?<![\u4e00-\u9fff])){core}(?:类|方面|指标)?(?:共|有)?\s*(\d+|[{CN_DIGITS}]+)\s*个(?=[、，,；;。和及]|$)",
    )
    return weight, tuple(map(re.compile, counts))


def level1_claims(
    paragraphs: list[Paragraph], level1_names: list[str]
) -> tuple[dict[str, Figure], dict[str, Figure]]:
    """Weights (决策 30 分) and indicator counts (决策指标包括 … 6 个三级指标) stated for each level-1 name:
    the first a paragraph states, in paragraph order."""
    weights: dict[str, Figure] = {}
    counts: dict[str, Figure] = {}
    # compiled once a document, not once a paragraph; each pattern holds the name as written,
    # a weight ends in 分, a count in 个 beside 指标: a paragraph without them is not searched
    named = [
        (name, name.removeprefix("项目"), *_level1_patterns(name.removeprefix("项目")))
        for name in level1_names
    ]
    for p in paragraphs:
        text = p.text
        may_weigh, may_count = "分" in text, "个" in text and "指标" in text
        if not (may_weigh or may_count):
            continue
        for name, bare, weight, count_patterns in named:
            if bare not in text:
                continue
            m = weight.search(text) if may_weigh and name not in weights else None
            if m:
                weights[name] = Figure(
                    Decimal(m.group(1)),
                    m.group(0),
                    p.evidence(sentence_at(text, m.start(), m.end()), m.start(), m.end()),
                )
            if not may_count or name in counts:
                continue
            for m in (m for pattern in count_patterns for m in pattern.finditer(text)):
                count = parse_count(m.group(1))
                if count is not None:
                    counts[name] = Figure(
                        Decimal(count),
                        m.group(0)[-12:],
                        p.evidence(sentence_at(text, m.start(), m.end()), m.start(), m.end()),
                    )
                    break
    return weights, counts


def clean_items(items: list[str]) -> list[str]:
    return [i for i in (x.strip(' “”"《》') for x in items) if i]


def split_on_joiner(text: str) -> list[str]:
    """'华为和腾讯' -> [华为, 腾讯], but '完成及时性' stays whole: split only where the word
    segmentation (with the domain dictionary) makes 和/及/与/以及 a word of its own."""
    parts, current = [], ""
    for token in tokenize(text):
        if LAST_ITEM_JOINERS.fullmatch(token):
            parts.append(current)
            current = ""
        else:
            current += token
    return clean_items([*parts, current])


def readings(text: str) -> list[list[str]]:
    """The ways a listed text can be read as items: split on 、 and commas, and also with the last
    item split on a joining word ('A、B和C')."""
    items = clean_items(LIST_SEPARATORS.split(text))
    options = [items]
    if items:
        last = split_on_joiner(items[-1])
        if len(last) > 1:
            options.append(items[:-1] + last)
    return options


def find_enumerations(paragraphs: list[Paragraph]) -> list[Enumeration]:
    """Counts stated with the items listed, where the list is closed (no 等)."""
    found = []
    for p in paragraphs:
        for sentence in split_sentences(p.text):
            listed_after = set()  # counts followed by their own list (共有内设股室、单位 9 个:综合部、…)
            for m in ENUM_AFTER_RE.finditer(sentence):
                listed_after.add(m.start(1))
                listed = m.group(4).split("，")[0] if "、" in m.group(4) else m.group(4)
                listed = re.split(r"[，,]\s*(?=[^”]*$)", listed)[0] if "、" in listed else listed
                listed = continued_list(listed, m.group(4), parse_count(m.group(1)))
                enumeration = _enumeration(m.group(1), m.group(2), m.group(3), listed, p, sentence)
                if enumeration:
                    found.append(enumeration)
            for m in ENUM_BEFORE_RE.finditer(sentence):
                if m.start(2) in listed_after:
                    continue  # the words before such a count name what is counted, not the items
                verb_end = m.start(1)
                if not segmented(sentence).on_token_boundaries(m.start(), verb_end):
                    continue  # 有 in 有机肥 introduces nothing
                enumeration = _enumeration(m.group(2), m.group(3), m.group(4), m.group(1), p, sentence)
                if enumeration:
                    found.append(enumeration)
    return found


# a short item in a clause of its own that goes on a list (分别为上半年科干班、中青班，下半年新提科干班)
LIST_CLAUSE_CHARS = 15


def continued_list(listed: str, rest: str, count: int | None) -> str:
    """The 、 list cut at its first comma, or, where it names fewer items than its count, the list
    with the clauses after it that make up the count, each one more item of the same kind: short,
    without a figure, ending in the word every listed item ends in (上半年科干班、中青班，下半年新提科干班;
    not 共培训学员149人, not 按合同约定提供服务)."""
    if count is None or "、" not in listed:
        return listed
    listed_items = [item.strip() for item in LIST_SEPARATORS.split(listed)]
    heads = {item[-1:] for item in listed_items}
    if len(listed_items) >= count or len(heads) != 1:
        return listed
    (head,) = heads
    items, taken = len(listed_items), listed
    for clause in re.split(r"[，,]", rest)[1:]:
        clause = clause.strip()
        if items >= count or len(clause) > LIST_CLAUSE_CHARS or re.search(r"\d", clause):
            break
        if not clause.endswith(head) or "、" in clause:
            break
        taken += "、" + clause
        items += 1
    return taken if items == count else listed


def _enumeration(
    count_text: str, unit: str, noun: str, listed: str, p: Paragraph, sentence: str
) -> Enumeration | None:
    count = parse_count(count_text)
    if count is None or count < 2 or count > 30:
        return None
    if OPEN_LIST_END.search(listed) or re.search(r"\d+\s*[个项条家]", listed):
        return None  # an open list (…等) or a list of counts is no enumeration
    options = readings(listed)
    items = next((o for o in options if len(o) == count), options[-1] if "、" not in listed else options[0])
    if len(items) < 2 or any(len(i) > 30 for i in items):
        return None
    if "、" not in listed and len(items) != count:
        return None  # without 、 the list may be prose; only trust it when it agrees
    evidence = p.evidence(sentence)
    return Enumeration(Figure(Decimal(count), f"{count_text}{unit}", evidence), unit, noun, items, evidence)


_UNIT = rf"万?(?:{alternation(sorted(QUANTITY_UNITS, key=len, reverse=True))})"
QUANTITY_RE = re.compile(rf"(?<![第\d.])(\d+(?:\.\d+)?)\s*({_UNIT})")
# a whole, the other units it counts in brackets (16954套(台、块、项)), then 其中 and its parts
WHOLE_RE = re.compile(QUANTITY_RE.pattern + r"(?:[（(]([^（()）]{1,12})[）)])?[，,]?\s*其中[:：]?")
# parts are clauses, or items of a 、 list (行政编制人员7人、参公编制人员4人、事业编制人员13人); a 、 inside
# brackets lists units (558套(台、块、项)), not parts
PART_SEPARATORS = re.compile(r"[，,；;]|、(?![^（(）)]*[）)])")


def semicolon_run_end(seg: Segmented, start: int) -> int:
    """Where the sentence starting at `start` ends together with the sentences a ； joins to it."""
    return next(
        (s.end for s in seg.sentences if s.start >= start and seg.text[s.end - 1 : s.end] not in ";；"),
        len(seg.text),
    )


def find_part_wholes(paragraphs: list[Paragraph]) -> list[PartWhole]:
    """'需求 58 条，其中各局办 50 条，社会公众 8 条' -> 58 = 50 + 8: the parts are the clauses after 其中
    that state one quantity each in the whole's unit (or one its brackets name), on through the
    sentences a ； joins, up to the first clause that does not."""
    found = []
    for p in paragraphs:
        seg = segmented(p.text)
        for sentence in seg.sentences:
            m = WHOLE_RE.search(p.text, sentence.start, sentence.end)
            if not m:
                continue
            units = {m.group(2), *re.split(r"[、，,/]", m.group(3) or "")} - {""}
            end = semicolon_run_end(seg, sentence.start)
            parts = []
            clauses = PART_SEPARATORS.split(p.text[m.end() : end])
            for clause in clauses:
                quantities = QUANTITY_RE.findall(clause)
                if (
                    len(quantities) != 1
                    or quantities[0][1] not in units
                    or any(w in clause for w in NOT_A_PART_WORDS)
                ):
                    break
                parts.append(Decimal(quantities[0][0]))
            # the document ends inside the list (an excerpt cut off mid-sentence): its last parts are lost
            cut_off = (
                p is paragraphs[-1]
                and end == len(p.text)
                and not SENTENCE_END.fullmatch(p.text.rstrip()[-1:])
            )
            if cut_off and len(parts) >= len(clauses) - 1:
                continue
            if len(parts) >= 2:
                evidence = p.evidence(p.text[sentence.start : end].strip())
                found.append(
                    PartWhole(
                        Figure(Decimal(m.group(1)), f"{m.group(1)}{m.group(2)}", evidence),
                        [Figure(v, f"{v}{m.group(2)}", evidence) for v in parts],
                        m.group(2),
                        evidence,
                    )
                )
    return found


# a unit's establishment (编制, 编制数, 人员编制 10人) and the staff in it (在职在编实有行政人员12人, 在编人员6人,
# 实有在职在编10人; not 未在编, and not 在编实有车辆1辆); 实有 or 在岗 alone may count retirees and
# contract staff, whom no establishment bounds
POSTS_RE = re.compile(r"编制(?:数|人数|总数)?(?:为|共|有)?\s*[:：]?\s*(\d+)\s*([人名个])")
IN_POST_RE = re.compile(
    r"(?<![未不非])(?:在职在编|在编在职|实有在编|在编)(?:实有)?[\u4e00-\u9fff]{0,6}?(?:人员|人数)?"
    r"(?:为|共|有)?\s*[:：]?\s*(\d+)\s*([人名])"
)


def find_establishments(paragraphs: list[Paragraph]) -> list[Establishment]:
    """Each in-post count (在编 M 人) with the largest establishment (编制 N 人) its paragraph states
    before it, neither inside brackets (行政编制10人(含行政工勤编制1人) names a part of the 10)."""
    found = []
    for p in paragraphs:
        if "编制" not in p.text or "在编" not in p.text:
            continue
        for m in IN_POST_RE.finditer(p.text):
            if inside_brackets(p.text, m.start()):
                continue
            posts = [
                q for q in POSTS_RE.finditer(p.text, 0, m.start()) if not inside_brackets(p.text, q.start())
            ]
            if not posts:
                continue
            top = max(posts, key=lambda q: int(q.group(1)))
            start = max(p.text.rfind(mark, 0, top.start()) for mark in "。；;\n") + 1
            evidence = p.evidence(p.text[start : m.end()].strip(), top.start(), m.end())
            found.append(
                Establishment(
                    Figure(Decimal(top.group(1)), top.group(0), evidence),
                    Figure(Decimal(m.group(1)), m.group(0), evidence),
                    evidence,
                )
            )
    return found


# a sum, then right after it its change on the year before in money and in percent: 2849.65万元，比上年增加
# 319.38万元，增长14.09% / 192.01万元，较上年决算数减少27.31万元，下降12.5%: the words between the three figures.
# Only the sum itself before 比 or 较: in 与2022年…384万元相比增加149万元 the sum before 相比 is the year before's
CHANGE_WORDS_RE = re.compile(
    r"[，,]?\s*(?:同比|较|比)(?:上年|上年度|上一年度?|去年|20\d{2}年度?)(?:决算数|预算数|同期)?\s*"
    r"(增加|增长|上升|减少|下降|降低)了?\s*"
)
CHANGE_PERCENT_WORDS_RE = re.compile(r"[，,]?\s*(?:同比)?(增加|增长|上升|减少|下降|降低)了?\s*")
RISES = ("增加", "增长", "上升")


def find_changes(paragraphs: list[Paragraph]) -> list[Change]:
    """Sums stated with their change on the year before, in money and in percent, in one run: three
    figures of the segmentation in a row (amount, amount in the same unit, percent), the change's
    words between them, both saying the same direction."""
    found = []
    for p in paragraphs:
        if "%" not in p.text and "％" not in p.text:
            continue
        seg = segmented(p.text)
        for now, change, percent in zip(seg.figures, seg.figures[1:], seg.figures[2:], strict=False):
            if (now.kind, change.kind, percent.kind) != ("amount", "amount", "percent"):
                continue
            if now.match.unit != change.match.unit:
                continue
            verb = CHANGE_WORDS_RE.fullmatch(p.text, now.match.end, change.match.start)
            again = CHANGE_PERCENT_WORDS_RE.fullmatch(p.text, change.match.end, percent.match.start)
            if verb is None or again is None or (verb.group(1) in RISES) != (again.group(1) in RISES):
                continue
            evidence = p.evidence(
                sentence_at(p.text, now.match.start, percent.match.end), now.match.start, percent.match.end
            )
            found.append(
                Change(
                    Figure(now.match.value, now.match.as_written, evidence),
                    Figure(change.match.value, change.match.as_written, evidence),
                    verb.group(1) in RISES,
                    Figure(percent.match.value, percent.match.as_written, evidence),
                    now.match.unit,
                    evidence,
                )
            )
    return found


def find_count_mentions(paragraphs: list[Paragraph]) -> list[CountMention]:
    """Counted quantities with the noun before them in their clause: '共举办活动 2 场'."""
    found = []
    for p in paragraphs:
        for match in find_counts(p.text):
            clause = re.split(r"[，,。；;：:、]", p.text[: match.start])[-1]
            noun = re.sub(r"^(?:共|累计|合计|总计|全年|已)", "", clause.strip())
            if not noun or re.search(r"\d", noun[-2:]):
                continue
            evidence = p.evidence(sentence_at(p.text, match.start, match.end), match.start, match.end)
            found.append(
                CountMention(
                    noun[-12:], Figure(match.value, match.as_written, evidence), match.unit, evidence
                )
            )
    return found


def extract_narrative(
    paragraphs: list[Paragraph], level1_names: list[str], tables: Sequence[Table] = ()
) -> Narrative:
    grade = find_grade(paragraphs)
    weights, counts = level1_claims(paragraphs, level1_names)
    return Narrative(
        total_score=find_total_score(paragraphs, tables),
        grade_stated=grade[0] if grade else None,
        grade_evidence=grade[1] if grade else None,
        level1_weights=weights,
        level1_counts=counts,
        enumerations=find_enumerations(paragraphs),
        part_wholes=find_part_wholes(paragraphs),
        counts=find_count_mentions(paragraphs),
        establishments=find_establishments(paragraphs),
        changes=find_changes(paragraphs),
        headings=find_headings(paragraphs),
    )
