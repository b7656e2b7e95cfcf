"""Budget figures in sentences, each with the role its wording gives it.

The role comes from the budget vocabulary closest before the figure in its clause
(年初预算批复 300 万元 -> budget_initial). Figures inside an itemised sub-project
(①…应到位 52 万元) are kept apart from the project totals by their item label (written as role
`other` with that label); figures after 其中 are breakdowns, labelled, keeping their role.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.document import Paragraph
from extractors.facts import Amount, Breakdown
from extractors.facts.narrative import numbered_paragraphs
from extractors.text.segment import Segmented, Span, clause_before, inside_brackets, segmented
from extractors.vocabulary import (
    BALANCE_WORDS,
    BREAKDOWN_CUES,
    CHANGE_WORDS,
    FUND_NOUNS,
    FUNDING_SOURCES,
    NOT_RECEIPT_SECTION_WORDS,
    RECEIPT_SECTION_CUES,
    RECEIPT_SECTION_WORDS,
    ROLE_WORDS,
    ROLE_WORDS_AFTER,
    SUM_WORDS,
    YEAR_START_WORDS,
    alternation,
)

# an entry of an itemised list: its marker opens a sentence; a circled one may open the list after a colon
# or 为 (分别项目为①…；②…), where a (1) is as often a form's cell run into the text (资金来源:(1)财政拨款)
ITEM_RE = re.compile(
    r"(?:(?:^|[。；;])\s*([①-⑳]|[（(]\d{1,2}[）)])|(?:[：:]|(?<=为))\s*([①-⑳]))\s*([^，,：:。；;]{1,30})"
)
_ROLE_WORDS = sorted(
    ((w, role) for role, words in ROLE_WORDS.items() for w in words), key=lambda t: -len(t[0])
)
_AFTER = tuple((w, role) for role, words in ROLE_WORDS_AFTER.items() for w in words)
# the words after a figure give the same role before one (已支付186.98万元)
_ROLE_OF = {**{w: role for w, role in _AFTER}, **{w: role for w, role in _ROLE_WORDS}}
_BEFORE = tuple(_ROLE_OF) + BALANCE_WORDS
NOMINAL_BUDGET_WORDS = ("预算资金", "预算金额", "项目预算", "安排资金", "预算")
# 收入 names income, not an act: next to a budget word (收入预算, 年初预算收入) it is the budget's revenue
INCOME_WORDS = ("收入",)
BUDGET_ROLES = ("budget_initial", "budget_adjusted")
BREAKDOWN_CUE_RE = re.compile(alternation(BREAKDOWN_CUES))
# a part's label without the cue before it or the copula after it (其中：基本支出, 具体是…类)
BREAKDOWN_LABEL_EDGES = re.compile(rf"^(?:{alternation(BREAKDOWN_CUES)})[：:]?|[为是]$")
STANDARD_AFTER = re.compile(r"^\s*(?:/|／|每)")  # 4400元/人, 100元每亩: a standard, not a sum
# 每人每月发放50元, 人均补助300元: a standard too, where no figure or total word stands between (每年…专项资金280万元
# is the year's budget)
PER_UNIT_BEFORE = re.compile(r"每(?:人|户|月|亩|生|名|位|个|家|村|套|次)|[人户生]均")
TOTAL_AFTER_PER_UNIT = re.compile(r"\d|合计|共计|总计|累计|共|总")


def nearest(found: list[tuple[int, str]]) -> str | None:
    """The word ending closest to the figure (the longer on a tie)."""
    return max(found, key=lambda f: (f[0] + len(f[1]), len(f[1])))[1] if found else None


def role_at(seg: Segmented, start: int, end: int) -> tuple[str, str | None]:
    """(role, label) of the amount at [start, end) from the words around it in its clause: a role
    word before it (the nearest), else one after it (in its clause, or in the next clause when that
    one states no figure of its own), else a fund noun (the budget); carry-overs, balances and
    standards are `other`, labelled."""
    text = seg.text
    if STANDARD_AFTER.match(text[end : end + 2]):
        return "other", "标准"
    clause = label_clause(seg, start)
    per_unit = list(PER_UNIT_BEFORE.finditer(text, clause.start, start))
    if per_unit and not TOTAL_AFTER_PER_UNIT.search(text, per_unit[-1].end(), start):
        return "other", "标准"
    found = seg.find_word(_BEFORE, clause.start, start)
    before = nearest(found)
    if before in NOMINAL_BUDGET_WORDS:
        # 完成预算资金89.97万元, 实际使用预算资金: the verb before the budget noun says what happened
        at = max(a for a, w in found if w == before)
        verbs = [
            (a, w)
            for a, w in found
            if a + len(w) in (at, at - 1)
            and _ROLE_OF.get(w) in ("spent", "received")
            and w not in INCOME_WORDS
        ]
        before = nearest(verbs) or before
    elif before in INCOME_WORDS:
        at = max(a for a, w in found if w == before)
        budget = [(a, w) for a, w in found if a + len(w) == at and _ROLE_OF.get(w) in BUDGET_ROLES]
        before = nearest(budget) or before
    if (
        before is not None
        and before not in BALANCE_WORDS
        and text.startswith("的", at_end := last_end(found, before))
    ):
        # 收到拨付的…资金96万元, 到位的8954.61万元资金全部用于拨付: a cue that only describes the money
        # (V的) gives way to the verb right before it, else to the words after the figure
        verbs = [(a, w) for a, w in found if a + len(w) == at_end - len(before)]
        before = nearest(verbs) or (None if role_after(seg, start, end) else before)
    if before in BALANCE_WORDS:
        return "other", before
    if before is not None:
        role = _ROLE_OF[before]
        return (
            "budget_initial" if role == "budget_adjusted" and set_at_year_start(seg, start) else role
        ), None
    after = role_after(seg, start, end)
    if after is not None:
        return after, None
    if names_a_fund(seg, clause, start):
        return "budget_adjusted", None
    return "other", None


def label_clause(seg: Segmented, start: int) -> Span:
    """The clause whose words label the amount at `start`: its own, or the one before where the
    amount opens its clause (支出：799.12万元)."""
    clause = seg.clause_of(start)
    if not seg.text[clause.start : start].strip() and clause.start > 0:
        clause = seg.clause_of(clause.start - 1)
    return clause


def names_a_fund(seg: Segmented, clause: Span, start: int) -> bool:
    """Is the amount at `start` named by what it is (补助资金1749万元), not by who paid it? A sum
    after the payers names the whole (中央及省级资金共计1838247万元)."""
    if not seg.find_word(FUND_NOUNS, clause.start, start):
        return False
    payers = seg.find_word(FUNDING_SOURCES, clause.start, start)
    if not payers:
        return True
    after_payers = max(at + len(w) for at, w in payers)
    return bool(seg.find_word(SUM_WORDS, after_payers, start))


def also_roles(seg: Segmented, start: int, end: int, role: str, receipt_section: bool = False) -> list[str]:
    """The second role the words give an amount: a budget the words after it say arrived
    (下达…经费75.96万元，全部到位), or one allocated or named only as a fund in a section on the money's
    arrival (`receipt_section`), is the receipt too; a fund said to have arrived with no cue before
    it (林业改革发展资金30万元，资金已到位) is the budget too."""
    # every role the words after it give (…发行2000万元，全部已到位，全部已使用: arrived and spent)
    after = [r for r in roles_after(seg, start, end) if r != role]
    if role in BUDGET_ROLES and after:
        return after
    if role == "received" and "spent" in after:
        return ["spent"]
    clause = label_clause(seg, start)
    if receipt_section and role == "budget_adjusted":
        cue = nearest(seg.find_word(_BEFORE, clause.start, start))
        if cue is None or cue in RECEIPT_SECTION_CUES:
            return ["received"]
    if (
        role == "received"
        and not seg.find_word(_BEFORE, clause.start, start)
        and names_a_fund(seg, clause, start)
    ):
        return ["budget_adjusted"]
    return []


def last_end(found: list[tuple[int, str]], word: str) -> int:
    """Where the last occurrence of `word` among the found cues ends."""
    return max(a + len(w) for a, w in found if w == word)


def set_at_year_start(seg: Segmented, start: int) -> bool:
    """Does the sentence date the amount at `start` to the year's start (2023年初我局申请预算资金2000万元),
    with no other amount between that date and it (…，年底追加预算资金1000万元 is not)?"""
    sentence = seg.sentence_start(start)
    earlier = [f.match.end for f in seg.figures if f.kind == "amount" and sentence <= f.match.end <= start]
    since = max(earlier, default=sentence)
    return any(word in seg.text[since:start] for word in YEAR_START_WORDS)


def role_after(seg: Segmented, start: int, end: int) -> str | None:
    """The role the words after the amount at [start, end) give it: the first after-cue in its
    clause, or in the next clause when that one states no figure of its own."""
    roles = roles_after(seg, start, end, clauses=1)
    return roles[0] if roles else None


def roles_after(seg: Segmented, start: int, end: int, clauses: int = 3) -> list[str]:
    """The roles of the after-cues following the amount at [start, end), first first, each once: in its
    clause and up to `clauses` clauses of its sentence after it that state no figure of their own
    (…发行2000万元，全部已到位，全部已使用)."""
    clause = seg.clause_of(start)
    after_end = clause.end
    sentence_end = seg.sentence_end(end)
    following = seg.next_clause(clause)
    while (
        clauses > 0
        and following is not None
        and following.end <= sentence_end
        and not seg.figures_in(following, "amount")
    ):
        after_end = following.end
        following = seg.next_clause(following)
        clauses -= 1
    found: list[tuple[int, str]] = []
    for at, word in sorted(
        ((at, w) for w, _ in _AFTER for at, _w in seg.find_word((w,), end, after_end)),
        key=lambda f: (f[0], -len(f[1])),
    ):
        if not any(a <= at < a + len(w) for a, w in found):  # 已到位 inside 拨付到位 is the same cue
            found.append((at, word))
    return list(dict.fromkeys(next(role for w, role in _AFTER if w == word) for _, word in found))


def role_for(clause: str) -> str | None:
    """The budget role a clause gives the figure that follows it (年初预算批复 -> budget_initial)."""
    seg = segmented(clause + "1万元")
    role, label = role_at(seg, len(clause), len(clause) + 3)
    return None if role == "other" else role


def item_label_at(text: str, position: int) -> str | None:
    """The sub-project label when `position` lies inside an itemised entry (①… / （1）…): the
    marker and the words up to the entry's first comma, the same for every figure in the entry."""
    label = None
    for m in ITEM_RE.finditer(text):
        if m.start(3) >= position:
            break
        label = f"{m.group(1) or m.group(2)}{item_name(m.group(3))}"
    return label


def item_name(words: str) -> str:
    """'开展网络安全应急演练项目应到位68万元' -> '开展网络安全应急演练项目': up to the figures."""
    name = re.split(r"\d", words, maxsplit=1)[0]
    for word, _ in _ROLE_WORDS:
        if name.endswith(word) and len(name) > len(word):
            return name[: -len(word)]
    return name


# a figure in brackets opened by 含 is a part of the one before them (资金2890.00万元(含对下转移支付资金700万元))
INCLUSION_OPEN = re.compile(r"[（(]含")


def listed_words(text: str, position: int) -> str:
    """The words that name a figure in a list: its clause back to the 、 before it (…工程545万元、
    …保护105万元: 保护's figure is named …保护)."""
    return clause_before(text, position).split("、")[-1].strip()


def inclusion_label(text: str, sentence_start: int, position: int) -> str | None:
    """The part's label where `position` stands inside brackets opened by 含 (before they close)."""
    opened = list(INCLUSION_OPEN.finditer(text, sentence_start, position))
    if not opened or re.search(r"[）)]", text[opened[-1].end() : position]):
        return None
    words = listed_words(text, position)
    return words[words.rfind("含") + 1 :].strip() or "含"


def breakdown_label(text: str, position: int) -> str | None:
    """'全年支出 100 万元，其中基本支出 60 万元' -> the 60 is the breakdown '基本支出' of the total; so is
    the 60 of '全年支出 100 万元（含基本支出 60 万元）'."""
    sentence_start = max((m.end() for m in re.finditer(r"[。；;！？]", text[:position])), default=0)
    if (included := inclusion_label(text, sentence_start, position)) is not None:
        return included
    if not BREAKDOWN_CUE_RE.search(text, sentence_start, position):
        return None
    # parts listed with 、 (…工程545万元、…保护105万元、…) each have their own label
    return BREAKDOWN_LABEL_EDGES.sub("", listed_words(text, position)) or "其中"


def receipt_sections(paragraphs: list[Paragraph]) -> set[int]:
    """The indexes of the paragraphs in sections headed as the money's arrival (1、项目资金到位情况分析。…),
    the heading's own paragraph included, up to the next heading at its level or above."""
    inside: set[int] = set()
    headings = numbered_paragraphs(paragraphs)
    for n, (index, heading) in enumerate(headings):
        title = re.split(r"[。：:]", heading.text[len(heading.marker) :], maxsplit=1)[0]
        if not any(w in title for w in RECEIPT_SECTION_WORDS) or any(
            w in title for w in NOT_RECEIPT_SECTION_WORDS
        ):
            continue
        end = next((i for i, h in headings[n + 1 :] if h.level <= heading.level), len(paragraphs))
        inside.update(range(index, end))
    return inside


# a form pasted one cell a line: a cell holding only a label (项目金额 |, 项目总金额: |)
LABEL_CELL_RE = re.compile(r"\s*\|?\s*[\u4e00-\u9fff（）()]{2,16}\s*[:：]?\s*\|?\s*")


def cell_label_role(label_cell: str | None, seg: Segmented) -> str | None:
    """The budget, where a cell holding one amount and nothing else (25,674.55万元 |) follows a cell
    that only names a fund (项目金额 |): the form's label for that figure. Only a fund's name: a
    label with a role word, a payer or an income (木材销售收入 |) is the form readers' or other."""
    amounts = [f for f in seg.figures if f.kind == "amount"]
    if label_cell is None or len(amounts) != 1 or not LABEL_CELL_RE.fullmatch(label_cell):
        return None
    match = amounts[0].match
    if seg.text[: match.start].strip(" |") or seg.text[match.end :].strip(" |"):
        return None
    label = segmented(label_cell)
    whole = Span(0, len(label_cell))
    if label.find_word((*_BEFORE, *INCOME_WORDS), 0, len(label_cell)):
        return None
    return "budget_adjusted" if names_a_fund(label, whole, len(label_cell)) else None


def extract_text_amounts(
    paragraph: Paragraph, itemised: bool, receipt_section: bool = False, label_cell: str | None = None
) -> list[Amount]:
    """Every amount in a paragraph. With `itemised` (the paragraph lists ≥2 sub-projects), figures
    inside an item carry the item's label; figures after 其中 are breakdowns of the total before.
    `receipt_section`: the paragraph stands in a section on the money's arrival (also_roles).
    `label_cell`: the paragraph before, where this one may be the cell after a form's label."""
    amounts = []
    seg = segmented(paragraph.text)
    labelled = cell_label_role(label_cell, seg)
    for figure in seg.figures:
        if figure.kind != "amount":
            continue
        match = figure.match
        role, kind_label = role_at(seg, match.start, match.end)
        if role == "other" and kind_label is None and labelled is not None:
            role = labelled
        for each in (role, *also_roles(seg, match.start, match.end, role, receipt_section)):
            amounts.append(
                Amount(
                    role=each,
                    value=match.value,
                    unit=match.unit,
                    as_written=match.as_written,
                    evidence=paragraph.evidence(
                        seg.sentence_at(match.start, match.end), match.start, match.end
                    ),
                    label=breakdown_label(paragraph.text, match.start) or kind_label,
                    item=item_label_at(paragraph.text, match.start) if itemised else None,
                    position=match.start,
                )
            )
    return total_after_parts(seg, amounts)


# a sum stated after the parts it adds up: …经费120万元、…排查59万元、…委员10万元、…资金30万元，共219万元
SUM_AFTER_PARTS_RE = re.compile(rf"\s*(?:{alternation(SUM_WORDS)}|共)(?:为|是)?\s*")


def total_after_parts(seg: Segmented, amounts: list[Amount]) -> list[Amount]:
    """Where a clause states only a sum (，共219万元) that the amounts listed right before it in its
    sentence add up to exactly, the sum is the total in the parts' role and the parts are labelled
    `other` (each by its words); any other amounts are left as they are."""
    if any(a.label or a.item for a in amounts) or len({a.position for a in amounts}) != len(amounts):
        return amounts  # parts labelled already, or a figure read in two roles: not this shape
    for k, total in enumerate(amounts):
        clause = seg.clause_of(total.position)
        if total.role != "other" or not SUM_AFTER_PARTS_RE.fullmatch(seg.text[clause.start : total.position]):
            continue
        sentence = seg.sentence_start(total.position)
        before = [a for a in amounts[:k] if a.position >= sentence and a.unit == total.unit]
        for first in range(len(before) - 2, -1, -1):
            parts = before[first:]
            roles = {a.role for a in parts}
            if sum(a.value for a in parts) != total.value or len(roles) != 1 or roles <= {"other"}:
                continue
            role = next(iter(roles))
            labels = {id(a): listed_words(seg.text, a.position).lstrip("即") or None for a in parts}
            return [
                replace(a, role=role) if a is total
                else replace(a, role="other", label=labels[id(a)]) if id(a) in labels
                else a
                for a in amounts
            ]  # fmt: skip
    return amounts


def find_breakdowns(seg: Segmented, amounts: list[Amount]) -> list[Breakdown]:
    """Totals with the parts a 其中 after them lists, sentence by sentence: the last unlabelled
    amount before 其中 (in the sentence before, when 其中 opens its sentence: 755.19万元。其中：…),
    and the labelled amounts after it in the same sentence and item. While those fall short of the
    total, the parts go on into the next sentences after a ； whose figures play the same role
    (其中：安排5440万元…；安排252万元…；安排27285.3万元…。). Changes (比上年减少563.59万元) and restated
    sums (共计下达61.8万元) are neither totals nor parts."""
    # one figure once, though it may carry two roles (the budget, and its receipt)
    figures = list({a.position: a for a in reversed(amounts)}.values())[::-1]
    text = seg.text
    found = []
    for k, sentence in enumerate(seg.sentences):
        cue = BREAKDOWN_CUE_RE.search(text, sentence.start, sentence.end)
        if cue is None:
            continue
        at = cue.start()
        scope = sentence.start
        if not text[sentence.start : at].strip() and k > 0:
            scope = seg.sentences[k - 1].start  # 其中 opens the sentence after the total
        totals = [
            a
            for a in figures
            if scope <= a.position < at and a.label is None and not said_before(seg, a, CHANGE_WORDS)
        ]
        if not totals:
            continue
        total = totals[-1]
        parts = [
            a
            for a in figures
            if at < a.position < sentence.end
            and a.label is not None
            and a.item == total.item
            and not said_before(seg, a, (*CHANGE_WORDS, *SUM_WORDS))
            # a figure in brackets after a part breaks that part down (…218.07万元(…49万元)): no part itself
            and not inside_brackets(text, a.position, at)
        ]
        roles = {a.role for a in parts}
        for following in seg.sentences[k + 1 :]:
            more = [a for a in figures if following.start <= a.position < following.end]
            if (
                not parts
                or sum(a.amount_yuan for a in parts) >= total.amount_yuan
                or not text[: following.start].rstrip().endswith(("；", ";"))
                or BREAKDOWN_CUE_RE.search(text, following.start, following.end)
                or not more
                or {a.role for a in more} != roles
                or any(a.item != total.item or said_before(seg, a, (*CHANGE_WORDS, *SUM_WORDS)) for a in more)
            ):
                break
            parts += more
        if parts:
            found.append(Breakdown(total, parts))
    return found


def said_before(seg: Segmented, amount: Amount, words: tuple[str, ...]) -> bool:
    """Do any of `words` come before the amount in its clause (比上年减少563.59万元, 共计下达61.8万元)?"""
    clause = seg.clause_of(amount.position)
    return any(w in seg.text[clause.start : amount.position] for w in words)


def is_itemised(text: str) -> bool:
    return len(ITEM_RE.findall(text)) >= 2
