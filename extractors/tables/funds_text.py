"""The 项目资金 block of a self-evaluation form when it arrives as plain text lines.

Text copies of forms keep the funds header (年初预算数 全年预算数 全年执行数 分值 执行率 得分) on one line
and each row on the next, with the figures separated by spaces or run together (split by the row's
arithmetic, `funds_arithmetic`); or the header and rows in one paragraph; or one cell a line; or the
header after its label; or label-figure pairs (预算数：30 执行数：25). Each layout is rebuilt into a Table.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractors.document import Cell, Paragraph, Table
from extractors.tables.funds_arithmetic import (
    BUDGET_AND_EXECUTION,
    FIGURE,
    MONEY_COLUMNS,
    NEAR_SHARE,
    WRITTEN,
    Unsplittable,
    cell_value,
    consistent,
    is_figure,
    split_total_row,
)
from extractors.tables.header_text import PLACEHOLDERS, squash
from extractors.text.numbers import parse_cell_number
from extractors.vocabulary import FUNDING_SOURCES, FUNDS_BLOCK_ENDS, FUNDS_HEADER_WORDS, alternation

MONEY_ROLES = ("budget_initial", "budget_adjusted", "received", "spent")
ROW_LABELS = ("年度资金总额", "资金总额", "其中", "当年财政拨款", "财政拨款", "上年结转", "其他资金")
THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")  # 215,457.6
LEADING_FIGURE = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d+)?%?(?=[\u4e00-\u9fff])")


# The funds block one cell a line (a PDF or page copied cell by cell, each cell maybe closed by |):
# 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分, then 年度资金总额 / 200 / 200 / 179.43 / …
CELL_COLUMNS = {
    **{w: "年初预算数" for w in FUNDS_HEADER_WORDS["budget_initial"]},
    **{w: "全年预算数" for w in FUNDS_HEADER_WORDS["budget_adjusted"]},
    **{w: "全年执行数" for w in FUNDS_HEADER_WORDS["spent"]},
    **{w: "分值" for w in FUNDS_HEADER_WORDS["weight"]},
    **{w: "执行率" for w in FUNDS_HEADER_WORDS["rate"]},
    **{w: "得分" for w in FUNDS_HEADER_WORDS["score"]},
}

_LONGEST_FIRST = sorted(CELL_COLUMNS, key=len, reverse=True)  # 全年预算数 before 预算数


def funds_header_columns(text: str) -> list[str] | None:
    """The funds columns in the order a header line names them, or None. Delimited rows (a | b)
    are the delimited-table rebuilder's."""
    if "|" in text or "｜" in text:
        return None
    squashed = squash(text)
    taken: list[tuple[int, int, str]] = []
    for word in _LONGEST_FIRST:
        at = squashed.find(word)
        while at >= 0:
            if not any(a < at + len(word) and at < b for a, b, _ in taken):
                taken.append((at, at + len(word), CELL_COLUMNS[word]))
            at = squashed.find(word, at + 1)
    columns = list(dict.fromkeys(c for _, _, c in sorted(taken)))
    # four of the form's columns, or at least its budget, execution and rate (全年预算数(A)
    # 全年执行数(B) 预算执行率(B/A)), or the budget and execution alone (the 转移支付 form's 资金投入情况)
    enough = (
        len(columns) >= 4
        or {"全年执行数", "执行率"} <= set(columns)
        and len(columns) == 3
        or columns == BUDGET_AND_EXECUTION
    )
    return columns if enough else None


CELL_UNIT = re.compile(r"^(.*?\d)\s*(亿元|万元|万|元)$")


def money_cell(text: str | None, unit: str) -> tuple[Decimal, str] | None:
    """(value, unit) of a funds money cell in a block whose unit is `unit`; a cell that names its own
    unit keeps it (3359.62万 in a block headed 万元, 387664.62元)."""
    written = squash(text)
    m = CELL_UNIT.match(written)
    value = parse_cell_number(m.group(1) if m else written)
    if value is None:
        return None
    return value, ("万元" if m.group(2) == "万" else m.group(2)) if m else unit


# The funds header and rows run into one paragraph (a form flattened by a document-sharing site):
# 年初预算数全年预算数全年执行数分值执行率得分年度资金总额2456.182456.182456.1810100%10
HEADER_DECORATION = re.compile(r"[（(][^（()）]{0,16}[）)]")
# a row is labelled 年度资金总额 (合计), 其中…, by who paid (地方资金, 中央财政资金), or 其他资金
SOURCE_LABEL = alternation(FUNDING_SOURCES)
BREAKDOWN_ROW_LABEL = rf"其中[:：]?[\u4e00-\u9fff]{{2,12}}?|(?:{SOURCE_LABEL})(?:资金)?|其他资金"
BREAKDOWN_ROW = re.compile(BREAKDOWN_ROW_LABEL)
INLINE_ROW = re.compile(
    rf"(年度资金总额|资金总额|合计|{BREAKDOWN_ROW_LABEL})[:：]?\s*((?:\d[\d.,%]*(?:万元|元)?\s*){{1,8}})"
)


BLOCK_UNIT = re.compile(r"[（(]\s*(亿元|万元|元)\s*[）)]")


def block_label(text: str) -> str:
    """The funds block's label cell, with the unit the block names in brackets (项目资金 (元), 资金构成(元)),
    from just before its first header word to its end; the recogniser reads the unit there."""
    start = header_start(text)
    unit = BLOCK_UNIT.search(text, max(0, start - 20), block_end(text, start))
    return f"项目资金({unit.group(1)})" if unit else "项目资金"


def inline_funds_table(paragraph: Paragraph, warnings: list[str]) -> Table | None:
    """A funds Table from a paragraph in which the header words and the rows run together; rows the
    splitter gave up on are left out, with a line in `warnings`."""
    text = HEADER_DECORATION.sub("", squash(paragraph.text).replace("|", ""))
    # the header words are the block's, up to where the form goes on to its goals and indicators
    # (a scoring table's 分值 further on is not the block's) after the block's first header word (a
    # form copied out of order may name 一级指标 before it)
    columns = funds_header_columns(text[: block_end(text)])
    if columns is None:
        return None
    grid: list[list[str]] = [[block_label(paragraph.text), *columns]]
    # the rows as written first (spaces between the figures say where each ends: 0 0 0 10 0 0), then
    # squashed, where the figures ran together and only the row's arithmetic can split them; rows
    # follow the header's first word (a cell copied out of order, 得分, may come after them)
    spaced = HEADER_DECORATION.sub("", paragraph.text.replace("|", " "))
    for source in (spaced, text):
        start = min((at + len(w) for w in CELL_COLUMNS if (at := source.find(w)) >= 0), default=0)
        for m in INLINE_ROW.finditer(source, start, block_end(source, start)):
            figures = re.sub(r"万元|元", " ", m.group(2))
            cells = money_only(figures, columns) if source is spaced else None
            cells = cells or split_or_warn(m.group(1), figures, columns, warnings)
            if cells is not None:
                grid.append([m.group(1), *cells])
        if len(grid) > 1:
            break
    named = named_rows(text, columns, warnings)
    if len(named) >= 2:
        # rows named by the unit or project they are of, the totals last: none is read as a part of
        # a total above it (小计 rows stand among them)
        grid = [grid[0], *sorted(named, key=lambda row: "合计" in row[0] or "总额" in row[0])]
    # the total row may have lost its label (全年预算数(A) 全年执行数(B) 7165.32 6992.95 其中:中央财政资金 …)
    totals = [row for row in grid[1:] if not BREAKDOWN_ROW.match(row[0])]
    if not totals and (row := unlabelled_row(spaced, columns)) is not None:
        grid.insert(1, ["年度资金总额", *row])
    if len(grid) == 1 and (pairs := paired_row(text)) is not None:
        grid = [[grid[0][0], *pairs], ["年度资金总额", *pairs.values()]]
    return grid_table(grid, paragraph.page)


# A header word with its figure right after it, maybe a payer before the word (the 区域绩效目标自评表's
# 转移支付预算数(A) 5.8万 预算执行率(B/A) 100% 转移支付执行数(B) 5.8万, decorations already removed)
CLAUSE_MARKS = re.compile(r"[，,。；;（(]")
PAIRED_CELL = re.compile(rf"({alternation(CELL_COLUMNS)})[:：]?(\d[\d.,]*(?:万元|万|元|%)?)")


def paired_row(text: str) -> dict[str, str] | None:
    """The funds row of a flattened block written as label-figure pairs ({column: figure} in the order
    written): at least two of the money columns, each once; where the rate is one of them, it must
    agree with 执行数 / 预算数 (within NEAR_SHARE). Pairs split by a sentence's punctuation are no form's."""
    start = header_start(text)
    pairs: dict[str, str] = {}
    found = list(PAIRED_CELL.finditer(text, start, block_end(text, start)))
    for m in found:
        column = CELL_COLUMNS[m.group(1)]
        if column in pairs:
            return None
        pairs[column] = m.group(2)
    # a form's cells, not a sentence's clauses (全年预算数1080245.79万元，全区执行数…): no punctuation between
    if len(set(pairs) & set(MONEY_COLUMNS)) < 2 or CLAUSE_MARKS.search(
        text, found[0].start(), found[-1].end()
    ):
        return None
    values = {c: cell_value(c, v if c == "执行率" else CELL_UNIT.sub(r"\1", v)) for c, v in pairs.items()}
    if "执行率" in values and not consistent(values, NEAR_SHARE):
        return None
    return pairs


# a header naming its rows' units or projects (序号 各设区市名称 全年预算数 全年执行数 预算执行率), and a row run
# together after it: its number, its name, its figures up to the rate's % (14上饶市684.7568.3883.01%)
NAME_COLUMN_RE = re.compile(r"名称$")
NAMED_ROW_RE = re.compile(r"\d{0,3}([\u4e00-\u9fff（）()、]{2,30})([\d.]+%)")


def named_rows(text: str, columns: list[str], warnings: list[str]) -> list[list[str]]:
    """The rows of a flattened table of units or projects, each name with its budget, execution and
    rate (a run of digits cut by the row's arithmetic; a row no reading fits is left out): where the
    header names a 名称 column right before its funds columns, which are those three. Rows before the
    header count too (the table's rows from the page before, the header printed again)."""
    start = header_start(text)
    if set(columns) != {"全年预算数", "全年执行数", "执行率"} or not NAME_COLUMN_RE.search(
        text[max(0, start - 12) : start]
    ):
        return []
    rows = []
    # from the paragraph's start: a page break of a sharing site may repeat the header among the rows
    for m in NAMED_ROW_RE.finditer(text):
        if any(w in m.group(1) for w in CELL_COLUMNS):
            continue  # the header repeated on the next page
        name = m.group(1).strip("、")  # after a sharing site's page marker (2、)
        cells = split_or_warn(name, m.group(2), columns, warnings)
        if cells is not None:
            rows.append([name, *cells])
    return rows


def unlabelled_row(spaced: str, columns: list[str]) -> list[str] | None:
    """The total row of a form copied cell by cell out of order (an .xlsx: the row labels before the
    header, the figures after its last word: …分值 执行率 得分 65.66 65.07 10 99% 9 65.66 …), read
    as written where the rate falls in its column and agrees with 执行数 / 预算数 (within
    NEAR_SHARE); an empty 年初预算数 cell leaves one figure fewer. None where no reading fits."""
    end = block_end(spaced)
    header_end = max((at + len(w) for w in CELL_COLUMNS if (at := spaced.rfind(w, 0, end)) >= 0), default=-1)
    if header_end < 0:
        return None
    tokens = []
    for token in spaced[header_end:end].split():
        token = THOUSANDS.sub("", token)
        if not WRITTEN.match(token):
            # the last figure may run into the next label (6992.95其中:中央财政资金 …)
            if (lead := LEADING_FIGURE.match(token)) is not None:
                tokens.append(lead.group())
            break
        tokens.append(token)
    for names in (
        columns,
        [c for c in columns if c != "年初预算数"],
        [c for c in columns if c != "执行率"],  # the rate's cell printed elsewhere (a merged cell)
    ):
        row = tokens[: len(names)]
        if len(row) < len(names) or any(
            t.endswith("%") != (c == "执行率") for c, t in zip(names, row, strict=True)
        ):
            continue
        values = {c: cell_value(c, t) for c, t in zip(names, row, strict=True)}
        # a block of budget and execution alone has no arithmetic to check a reading by: its two
        # figures as written, spaced apart, are the reading
        if names == BUDGET_AND_EXECUTION or (
            consistent({c: v for c, v in values.items() if c not in ("分值", "得分")}, NEAR_SHARE)
            if "执行率" in names
            else scored_by_share(values)
        ):
            return [dict(zip(names, row, strict=True)).get(c, "") for c in columns]
    return None


def scored_by_share(values: dict[str, Decimal]) -> bool:
    """A row without its rate read by its score: 得分 = 分值 × 执行数 / 预算数 (capped at 分值), within the
    score's rounding (250000.00 250000.00 215457.6 10 8.62: 10 × 86.18 % = 8.62): the row's arithmetic
    (consistent) with the rate its figures give."""
    budget = values.get("全年预算数", values.get("年初预算数"))
    spent = values.get("全年执行数")
    if budget is None or spent is None or budget <= 0 or not {"分值", "得分"} <= set(values):
        return False
    return consistent({**values, "执行率": spent / budget * 100})


def header_start(text: str) -> int:
    """Where the funds block's first header word stands (0 where none does)."""
    return min((at for w in CELL_COLUMNS if (at := text.find(w)) >= 0), default=0)


def block_end(text: str, start: int | None = None) -> int:
    """Where the funds block of a flattened form (from `start`, else from its first header word)
    ends: at its goals or its indicator table."""
    if start is None:
        start = header_start(text)
    return min((at for w in FUNDS_BLOCK_ENDS if (at := text.find(w, start)) > 0), default=len(text))


def grid_table(grid: list[list[str]], page: int | None) -> Table | None:
    """The funds Table of a grid (header row first), or None when no row was read."""
    if len(grid) < 2:
        return None
    cells = [Cell(r, c, text, page=page) for r, row in enumerate(grid) for c, text in enumerate(row)]
    return Table(cells=cells, n_rows=len(grid), n_cols=len(grid[0]), page=page, pages=[page] if page else [])


def money_only(figures_text: str, columns: list[str]) -> list[str] | None:
    """A row written with one figure for each money column and none for the rest (年度资金总额: 20.16 20.16
    under 全年预算 | 全年执行 | 执行率 | 权重 | 得分, its rate and score cells copied elsewhere): the
    figures as written, the other cells empty. Only figures the spaces already separate."""
    tokens = figures_text.split()
    money = [c for c in columns if c in MONEY_COLUMNS]
    if len(money) < 2 or len(tokens) != len(money) or not all(FIGURE.match(t) for t in tokens):
        return None
    values = iter(tokens)
    return [next(values) if c in MONEY_COLUMNS else "" for c in columns]


def split_or_warn(label: str, figures_text: str, columns: list[str], warnings: list[str]) -> list[str] | None:
    """split_total_row, with a line in `warnings` (and None) where it gave up."""
    try:
        notes: list[str] = []
        split = split_total_row(figures_text, columns, notes)
        warnings.extend(f"funds row {label}: {note}" for note in notes)
        return split
    except Unsplittable as exc:
        warnings.append(f"funds row {label} left unsplit: {exc}")
        return None


def funds_table(
    header: Paragraph, columns: list[str], rows: list[Paragraph], warnings: list[str]
) -> Table | None:
    """A funds Table from a header line and its row lines; rows that cannot be read are left out,
    with a line in `warnings` where the splitter gave up."""
    grid: list[list[str]] = [[block_label(header.text), *columns]]
    for paragraph in rows:
        m = re.match(r"^([^\d\s—-]+)\s*(.*)$", paragraph.text.strip())
        if not m:
            continue
        label, rest = m.group(1), m.group(2)
        cells = rest.replace("|", " ").split()  # a wide gap the normaliser marked is no cell of its own
        if len(cells) != len(columns):
            split = split_or_warn(label, rest, columns, warnings) if "总额" in label else None
            if split is None:
                continue
            cells = split
        grid.append([label, *cells])
    return grid_table(grid, header.page)


def cell_text(paragraph: Paragraph) -> str:
    """A one-cell line without its | border and header decorations: '执行率(B/A) |' -> 执行率;
    a figure in 万元, the block's unit, without it and its thousands commas: '4,753.66万元' -> 4753.66,
    '150万 |' -> 150."""
    text = OPEN_DECORATION.sub("", HEADER_DECORATION.sub("", squash(paragraph.text).strip("|")))
    figure = THOUSANDS.sub("", re.sub("万元?$", "", text))
    return figure if figure != text and is_figure(figure) else text


# a header cell's decoration whose opening bracket OCR lost: 执行数B), 执行率B/A)
OPEN_DECORATION = re.compile(r"(?<=[\u4e00-\u9fff])[A-Za-z][A-Za-z/×*\d%]*[)）]$")


def cell_column(text: str) -> str | None:
    """The funds column a header cell names: 全年预算数, 调整后预算数, 预算执行数, 执行率(B/A) …"""
    if not text or len(text) > 12:
        return None
    fits = [
        w for w in CELL_COLUMNS if text in (w, w + "数") or (text.endswith(w) and len(text) - len(w) <= 2)
    ]
    return CELL_COLUMNS[max(fits, key=len)] if fits else None


def cells_funds_table(paragraphs: list[Paragraph], start: int) -> tuple[Table, int] | None:
    """(funds Table, end index) for a funds block written one cell a line from `start`, or None."""
    columns: list[str] = []
    k = start
    while k < len(paragraphs) and len(paragraphs[k].text) <= 20:
        text = cell_text(paragraphs[k])
        column = cell_column(text)
        if column is None and k + 1 < len(paragraphs) and cell_column(text + cell_text(paragraphs[k + 1])):
            column = cell_column(text + cell_text(paragraphs[k + 1]))  # a header word wrapped: 年初 / 预算数
            k += 1
        if column is None and text and columns:
            break
        if column is not None:
            if column in columns:
                break
            columns.append(column)
        k += 1
    if len(columns) < 3 or not {"全年执行数", "执行率"} & set(columns):
        return None
    grid: list[list[str]] = [["项目资金", *columns]]
    k = read_cell_rows(paragraphs, k, columns, grid, start)
    table = grid_table(grid, paragraphs[start].page)
    return (table, k) if table is not None else None


def read_cell_rows(
    paragraphs: list[Paragraph], k: int, columns: list[str], grid: list[list[str]], start: int
) -> int:
    """The funds rows written one cell a line from `k` (a label, then its figures) added to `grid`;
    the index after them."""
    while k < len(paragraphs):
        text = cell_text(paragraphs[k])
        if text in PLACEHOLDERS or is_unit_caption(text):
            k += 1
            continue
        if is_figure(text.rstrip("%")) or len(text) > 20:
            break
        figures: list[str] = []
        j = k + 1
        while j < len(paragraphs) and len(figures) < len(columns):
            cell = cell_text(paragraphs[j])
            if not (is_figure(cell.rstrip("%")) or cell in PLACEHOLDERS):
                break
            if not is_separator(paragraphs[j - 1], paragraphs[j]):
                figures.append(cell if cell not in PLACEHOLDERS else "")
            j += 1
        while figures and not figures[-1]:
            figures.pop()
        if not figures and len(grid) == 1 and k - start < 24:
            k += 1  # a header cell that names no column (原因, 说明) before the first row
            continue
        if len(figures) < len(columns) - 1 or not any(figures):
            break
        grid.append([text, *figures, *[""] * (len(columns) - len(figures))])
        k = j
    return k


def is_separator(previous: Paragraph, line: Paragraph) -> bool:
    """Is `line` a lone | between cells written one a line (34.64 / | / 34.64), not an empty cell?
    A cell closed by its own | (其中:中央财政 | / |) makes the next lone | a cell of its own."""
    return line.text.strip() == "|" and not previous.text.rstrip().endswith("|")


# The header words and the first row's label end a paragraph, the figures follow one a line:
# …年初预算数全年预算数全年执行数分值执行率自评得分年度资金总额 / 861.10 / 2030.12 / 2030.12 / 10 / 100% / 10
TAIL_LABEL = re.compile(r"(年度[\u4e00-\u9fff]{0,4}?资金总额|资金总额)[:：]?$")
HEADER_SPAN = 60  # characters before the label that hold the header's words (a row of six cells)


def tail_header_funds_table(paragraphs: list[Paragraph], start: int) -> tuple[Table, int] | None:
    """(funds Table, end index) where paragraph `start` ends with the funds header and the first
    row's label, and the row's figures follow one a line; or None."""
    text = HEADER_DECORATION.sub("", squash(paragraphs[start].text).strip("|"))
    m = TAIL_LABEL.search(text)
    columns = funds_header_columns(text[max(0, m.start() - HEADER_SPAN) : m.start()]) if m else None
    if m is None or columns is None:
        return None
    figures: list[str] = []
    k = start + 1
    while k < len(paragraphs) and len(figures) < len(columns):
        cell = cell_text(paragraphs[k])
        if not (WRITTEN.match(cell) or cell in PLACEHOLDERS):
            break
        if not is_separator(paragraphs[k - 1], paragraphs[k]):
            figures.append(cell if cell not in PLACEHOLDERS else "")
        k += 1
    if len(figures) < len(columns) - 1 or not any(figures):
        return None
    grid = [["项目资金", *columns], [m.group(1), *figures, *[""] * (len(columns) - len(figures))]]
    k = read_cell_rows(paragraphs, k, columns, grid, start)
    table = grid_table(grid, paragraphs[start].page)
    return (table, k) if table is not None else None


# The form's funds cells as label / value pairs, one cell a line (计划安排资金 / (万元) / 89 / 实际到位资金 /
# (万元) / 89 / 实际支出 / (万元) / 89 / 结余(万元) / 0): a label names its money, its value follows it.
PAIR_LABELS = {w: role for role in MONEY_ROLES for w in FUNDS_HEADER_WORDS[role]}
UNIT_WORD = re.compile("亿元|万元|元")


def pair_label(cell: str) -> str | None:
    """The money role a label cell names (计划安排资金 (万元) |), or None; `cell` is its cell_text."""
    return PAIR_LABELS.get(cell.rstrip(":："))


def pairs_funds_table(paragraphs: list[Paragraph], start: int) -> tuple[Table, int] | None:
    """(funds Table, end index) for the funds cells written label / value, one cell a line, from
    `start`: at least two labels naming money, each followed (after its unit caption) by its figure."""
    header: list[str] = []
    values: list[str] = []
    k = start
    while k + 1 < len(paragraphs) and pair_label(cell_text(paragraphs[k])) is not None:
        label = paragraphs[k].text
        j = k + 1
        if is_unit_caption(squash(paragraphs[j].text).strip("|")):
            label += paragraphs[j].text  # 计划安排资金 / (万元)
            j += 1
        value = squash(paragraphs[j].text).strip("|") if j < len(paragraphs) else ""
        if parse_cell_number(value) is None:
            break
        unit = UNIT_WORD.search(label)
        header.append(cell_text(paragraphs[k]).rstrip(":：") + (f"({unit.group(0)})" if unit else ""))
        values.append(value)
        k = j + 1
    if len(header) < 2:
        return None
    table = grid_table([header, values], paragraphs[start].page)
    return (table, k) if table is not None else None


# The funds cells as label-figure pairs on one line, the rate after them, its name on the line above
# (预算安排情况(调整后) 资金到位情况 资金执行情况 预算执行进度(%) / 预算数6.84到位数6.84执行数6.84 100.00)
PAIR_WORDS = alternation(PAIR_LABELS)
PAIRS_LINE = re.compile(rf"^(?:(?:{PAIR_WORDS})\s*[:：]?\s*\d[\d.,]*\s*){{2,}}(\d[\d.]*%?)?$")
PAIR = re.compile(rf"({PAIR_WORDS})\s*[:：]?\s*(\d[\d.,]*)")
RATE_HEADER = re.compile("执行率|执行进度")


def pairs_line_table(paragraphs: list[Paragraph], k: int) -> tuple[Table, int] | None:
    """(funds Table, k + 1) where paragraph `k` is the funds cells as label-figure pairs, or None."""
    text = paragraphs[k].text.strip()
    m = PAIRS_LINE.match(text)
    if m is None:
        return None
    pairs = PAIR.findall(text[: m.start(1)] if m.group(1) else text)
    header, row = [label for label, _ in pairs], [value for _, value in pairs]
    if m.group(1) and k > 0 and RATE_HEADER.search(paragraphs[k - 1].text):
        header.append("执行率")
        row.append(m.group(1))
    table = grid_table([header, row], paragraphs[k].page)
    return (table, k + 1) if table is not None else None


def is_unit_caption(text: str) -> bool:
    return bool(re.fullmatch(r"[（(]?(?:单位[:：]?)?(?:万元|元|亿元)[）)]?", text))


def header_line_columns(paragraphs: list[Paragraph], k: int) -> list[str] | None:
    """The funds columns where paragraph `k` is a header line, or None. Its wide gaps marked | make no
    delimited table where the row after it has none (项目资金 | (万元) | 年初预算数全年预算数… / 年度资金总额: 25 25 …)."""
    text = paragraphs[k].text
    if len(text) >= 80:
        return None
    following = paragraphs[k + 1].text.strip() if k + 1 < len(paragraphs) else ""
    if "|" in text and following.startswith(ROW_LABELS) and "|" not in following:
        text = text.replace("|", " ")
    return funds_header_columns(text)


def rebuild_funds_blocks(paragraphs: list[Paragraph], warnings: list[str]) -> list[Paragraph | Table]:
    """Paragraphs with each text funds block (header line + row lines) replaced by a Table; rows
    the splitter gave up on are reported in `warnings`."""
    out: list[Paragraph | Table] = []
    cells = [cell_text(paragraph) for paragraph in paragraphs]  # once a line: it is read as first and as next
    k = 0
    while k < len(paragraphs):
        first = cells[k]
        wrapped = first + cells[k + 1] if k + 1 < len(paragraphs) else first
        starts = cell_column(first) or cell_column(wrapped)
        one_cell_a_line = cells_funds_table(paragraphs, k) if starts else None
        if one_cell_a_line is None and pair_label(first) is not None:
            one_cell_a_line = pairs_funds_table(paragraphs, k)
        if one_cell_a_line is None and "资金总额" in paragraphs[k].text[-12:]:
            one_cell_a_line = tail_header_funds_table(paragraphs, k)
        if one_cell_a_line is None and len(paragraphs[k].text) < 80:
            one_cell_a_line = pairs_line_table(paragraphs, k)
        if one_cell_a_line is not None:
            table, end = one_cell_a_line
            out += [*paragraphs[k:end], table]  # the cells stay text too: nothing is lost
            k = end
            continue
        columns = header_line_columns(paragraphs, k)
        if columns is None:
            out.append(paragraphs[k])
            inline = inline_funds_table(paragraphs[k], warnings) if len(paragraphs[k].text) >= 80 else None
            if inline is not None:
                out.append(inline)
            k += 1
            continue
        end = k + 1
        while end < len(paragraphs) and paragraphs[end].text.strip().startswith(ROW_LABELS):
            end += 1
        rows_table = funds_table(paragraphs[k], columns, paragraphs[k + 1 : end], warnings)
        if rows_table is None:
            out.append(paragraphs[k])
            k += 1
            continue
        out.append(rows_table)
        k = end
    return out
