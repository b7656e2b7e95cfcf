"""Rebuild tables that arrive flattened into text: delimited rows (extractors/delimited.py), a form's
funds block as text lines (extractors/tables/funds_text.py), and scoring tables with one cell (or wrapped
part of a cell) a line (this module).

Text copied out of a PDF loses the grid: the header words come first (一级/指标/二级/指标 ...),
then every cell of every row, narrow cells wrapped to two characters a line, and the header
repeats on each page. The numbers are the anchors: the columns holding numbers (权重, 得分) come
in a fixed order in every row, so the text between them belongs to the text columns between
them. Where a row's trailing text (扣分说明) meets the next row's names, the split falls on a line
boundary where the indicator vocabulary starts. The result is an ordinary `Table`, read by the
same recogniser as PDF, DOCX and HTML tables.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from extractors.document import Block, Cell, Document, Paragraph, Table
from extractors.tables.delimited import cell_line_rows, delimited_cells, delimited_table, has_table_header
from extractors.tables.funds_text import rebuild_funds_blocks
from extractors.tables.header_text import header_roles, squash
from extractors.vocabulary import HEADER_WORDS, LEVEL1_NAMES, LEVEL2_NAMES, LEVEL3_TERMS, TOTAL_LABELS

NUMERIC_ROLES = ("weight", "score")
WRAPPED_FIRST_CELL = 20  # the longest first cell (an indicator group's name) that wraps onto a line alone
NUMBER_LINE = re.compile(r"^-?\d+(?:\.\d+)?$")
# a cell's last line with the next cell's number run on: "…×100%。 5.00", "…（5分）4.96"
TRAILING_NUMBER = re.compile(r"^(.*(?:[。）)；;]|\S\s))\s*(-?\d+(?:\.\d+)?)$")
PUNCTUATION = re.compile(r"[，,。；;：:、！？]")
CRITERIA_START = re.compile(r"^(?:评价要点|评分标准|评价标准|[①-⑳]|\d+\s|[（(]\d+[）)]|.{0,12}率\s*[=＝])")


def is_complete_header(roles: list[str] | None) -> bool:
    if not roles:
        return False
    return any(r in roles for r in ("level1", "level2", "level3")) and any(r in roles for r in NUMERIC_ROLES)


def header_run_at(paragraphs: list[Paragraph], start: int) -> tuple[int, list[str]] | None:
    """(end index, roles) of the longest run of short paragraphs from `start` forming a table header."""
    text, best = "", None
    for end in range(start, min(start + 16, len(paragraphs))):
        piece = squash(paragraphs[end].text)
        if len(piece) > 40:
            break
        text += piece
        parsed = header_roles(text)
        if parsed is None:
            break
        roles, complete = parsed
        if complete and is_complete_header(roles):
            best = (end + 1, roles)
    return best


@dataclass
class _Line:
    text: str
    page: int | None


@dataclass
class _Token:
    kind: str  # num | text
    text: str
    page: int | None


def tokenise(lines: list[_Line]) -> list[_Token]:
    tokens: list[_Token] = []
    for line in lines:
        text = line.text.strip()
        if NUMBER_LINE.match(squash(text)):
            prev = tokens[-1] if tokens else None
            # a number wrapped in a narrow column: "15.0" then "0"
            if (
                prev
                and prev.kind == "num"
                and re.fullmatch(r"\d+\.\d", prev.text)
                and re.fullmatch(r"\d", text)
            ):
                prev.text += text
                continue
            tokens.append(_Token("num", squash(text), line.page))
            continue
        m = TRAILING_NUMBER.match(text)
        if m and not re.search(r"[（(]\s*$|[≥≤><=]\s*$", m.group(1)):
            tokens.append(_Token("text", m.group(1), line.page))
            tokens.append(_Token("num", m.group(2), line.page))
        else:
            tokens.append(_Token("text", text, line.page))
    return tokens


def split_labels(texts: list[str], roles: list[str]) -> tuple[list[str], dict[str, str]]:
    """Split the text run before a row's first number into (previous row's trailing lines, this row's names)."""
    label_roles = [r for r in ("level1", "level2", "level3") if r in roles]
    candidates = []
    for j in range(len(texts)):
        tail = "".join(squash(t) for t in texts[j:])
        if PUNCTUATION.search(tail) or len(tail) > 30:
            continue
        names, known = parse_names(tail, label_roles)
        candidates.append((known == 0, j, names))
    if not candidates:
        return texts, {}
    _, j, names = min(candidates, key=lambda c: (c[0], c[1]))
    return texts[:j], names


def parse_names(text: str, label_roles: Sequence[str]) -> tuple[dict[str, str], int]:
    """Split merged names by the indicator vocabulary, e.g. '决策项目立项立项依据充分性' ->
    level1 决策, level2 项目立项, level3 立项依据充分性; with how many characters the vocabulary
    recognised (0: none, the whole text is the lowest level's name)."""
    last = label_roles[-1]
    options: list[tuple[int, dict[str, str]]] = []
    level1s = (
        [None, *(w for w in LEVEL1_NAMES if text.startswith(w))] if "level1" in label_roles[:-1] else [None]
    )
    for l1 in level1s:
        rest1 = text[len(l1) :] if l1 else text
        level2s = (
            [None, *(w for w in LEVEL2_NAMES if rest1.startswith(w))]
            if "level2" in label_roles[:-1]
            else [None]
        )
        for l2 in level2s:
            rest = rest1[len(l2) :] if l2 else rest1
            if not rest:
                continue
            known = len(l1 or "") + len(l2 or "") + (len(rest) if rest in LEVEL3_TERMS else 0)
            names = {k: v for k, v in (("level1", l1), ("level2", l2), (last, rest)) if v}
            options.append((known, names))
    known, names = max(options, key=lambda o: o[0], default=(0, {last: text}))
    return names, known


def rebuild_rows(tokens: list[_Token], roles: list[str]) -> list[tuple[dict[str, str], int | None]]:
    """Rows as {role: text} with the page each starts on."""
    numeric = [r for r in roles if r in NUMERIC_ROLES]
    rows: list[tuple[dict[str, str], int | None]] = []
    pending: list[_Token] = []
    current: dict[str, str] = {}
    page: int | None = None
    expect = 0
    for token in tokens:
        if token.kind == "text":
            pending.append(token)
            continue
        role = numeric[expect]
        texts = [t.text for t in pending]
        if expect == 0:
            trailing, names = split_labels(texts, roles)
            if rows and trailing:
                fill_between(rows[-1][0], trailing, roles, after=numeric[-1])
            current = dict(names)
            page = pending[-1].page if pending else token.page
        else:
            fill_between(current, texts, roles, after=numeric[expect - 1])
        current[role] = token.text
        pending = []
        expect += 1
        if expect == len(numeric):
            rows.append((current, page))
            expect = 0
    if rows and pending and expect == 0:
        fill_between(rows[-1][0], [t.text for t in pending], roles, after=numeric[-1])
    return rows


def fill_between(row: dict[str, str], texts: list[str], roles: list[str], after: str) -> None:
    """Put the lines that follow column `after` into the text columns up to the next number column."""
    start = roles.index(after) + 1
    targets = []
    for role in roles[start:]:
        if role in NUMERIC_ROLES:
            break
        targets.append(role)
    if not targets or not texts:
        return
    if len(targets) >= 2 and "criteria" in targets:
        split = next((k for k, t in enumerate(texts) if CRITERIA_START.match(t.strip())), None)
        if split is None:  # no marker: the explanation is one sentence, the criteria follow it
            split = next((k + 1 for k, t in enumerate(texts) if t.rstrip().endswith("。")), len(texts))
        before, criteria = texts[:split], texts[split:]
        others = [t for t in targets if t != "criteria"]
        row[others[0]] = "".join(squash(t) for t in before)
        row["criteria"] = "\n".join(t.strip() for t in criteria)
        return
    joiner = "\n" if targets[0] == "criteria" else ""
    row[targets[0]] = joiner.join(t.strip() if joiner else squash(t) for t in texts)


def strip_repeated_headers(paragraphs: list[Paragraph], start: int, end: int) -> list[_Line]:
    lines, k = [], start
    while k < end:
        run = header_run_at(paragraphs, k)
        if run is not None:
            k = run[0]
            continue
        lines.append(_Line(paragraphs[k].text, paragraphs[k].page))
        k += 1
    return lines


def table_end(paragraphs: list[Paragraph], start: int) -> tuple[int, int | None]:
    """Index after the table body and the index of its total line (if any)."""
    for k in range(start, len(paragraphs)):
        text = squash(paragraphs[k].text)
        if text.startswith(TOTAL_LABELS) and re.search(r"\d", text):
            return k + 1, k
        if paragraphs[k].heading_level is not None or re.match(r"^附件\s*\d*$", text):
            return k, None
    return len(paragraphs), None


def to_table(
    roles: list[str], rows: list[tuple[dict[str, str], int | None]], total: Paragraph | None
) -> Table:
    header_text = {role: HEADER_WORDS[role][0] for role in roles}
    cells = [Cell(0, c, header_text[role], page=rows[0][1] if rows else None) for c, role in enumerate(roles)]
    for r, (row, page) in enumerate(rows, start=1):
        cells += [Cell(r, c, row.get(role, ""), page=page) for c, role in enumerate(roles)]
    n_rows = len(rows) + 1
    if total is not None:
        m = re.match(r"^(\D+?)\s*(-?\d+(?:\.\d+)?)\s*分?$", total.text.strip())
        if m:
            score_col = roles.index("score") if "score" in roles else len(roles) - 1
            cells.append(Cell(n_rows, 0, squash(m.group(1)), colspan=score_col, page=total.page))
            cells.append(Cell(n_rows, score_col, m.group(2), page=total.page))
            n_rows += 1
    pages = sorted({c.page for c in cells if c.page is not None})
    return Table(cells=cells, n_rows=n_rows, n_cols=len(roles), page=pages[0] if pages else None, pages=pages)


def rebuild_flattened_tables(document: Document) -> Document:
    """The document with every flattened scoring table in its paragraphs rebuilt as a Table, and
    a warning for each row that could not be rebuilt in bounded time."""
    blocks: list[Block] = []
    warnings = list(document.warnings)
    paragraphs_run: list[Paragraph] = []

    def flush() -> None:
        run: list[Paragraph] = []
        for piece in rebuild_funds_blocks(paragraphs_run, warnings):
            if isinstance(piece, Paragraph):
                run.append(piece)
            else:
                blocks.extend(rebuild_run(run))
                blocks.append(piece)
                run = []
        blocks.extend(rebuild_run(run))
        paragraphs_run.clear()

    for block in document.blocks:
        if isinstance(block, Paragraph):
            paragraphs_run.append(block)
        else:
            flush()
            blocks.append(block)
    flush()
    return replace(document, blocks=blocks, warnings=warnings)


def join_cell_lines(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Tables exported one cell a line (delimited.cell_line_rows) joined back into one delimited
    line a row, so they are read like any other delimited table."""
    out: list[Paragraph] = []
    k = 0
    while k < len(paragraphs):
        rows = cell_line_rows([p.text for p in paragraphs[k:]])
        if not rows:
            out.append(paragraphs[k])
            k += 1
            continue
        for n_lines, text in rows:
            out.append(replace(paragraphs[k], text=text))
            k += n_lines
    return out


def first_cell_wrapped(paragraphs: list[Paragraph], k: int) -> list[str] | None:
    """A row whose first cell stands alone on its line (成本指标) and whose other cells follow on the
    next, opened by its separator (| 省级宣传片制作费… | 200万 | …): the row's cells, else None."""
    first = paragraphs[k].text.strip()
    if not first or len(first) > WRAPPED_FIRST_CELL or k + 1 >= len(paragraphs):
        return None
    rest = paragraphs[k + 1].text.lstrip()
    cells = delimited_cells(rest) if rest.startswith(("|", "｜")) else None
    return [first, *cells] if cells else None


def rebuild_run(paragraphs: list[Paragraph]) -> list[Block]:
    paragraphs = join_cell_lines(paragraphs)
    out: list[Block] = []
    k = 0
    while k < len(paragraphs):
        delimited: list[tuple[list[str], int | None]] = []
        first = k
        while k < len(paragraphs):
            cells = delimited_cells(paragraphs[k].text)
            if cells is None and delimited and (wrapped := first_cell_wrapped(paragraphs, k)) is not None:
                delimited.append((wrapped, paragraphs[k].page))
                k += 2
                continue
            if cells is None:
                break
            delimited.append((cells, paragraphs[k].page))
            k += 1
        if len(delimited) >= 2 and has_table_header([cells for cells, _ in delimited]):
            # single-cell rows before the table are its title lines (绩效自评表 | ||||, (2023年度) |)
            lead = 0
            while lead < len(delimited) - 2 and len(delimited[lead][0]) <= 1:
                out.append(replace(paragraphs[first + lead], text="".join(delimited[lead][0])))
                lead += 1
            out.append(delimited_table(delimited[lead:]))
            continue
        k = first
        run = header_run_at(paragraphs, k)
        if run is None:
            out.append(paragraphs[k])
            k += 1
            continue
        header_end, roles = run
        end, total_index = table_end(paragraphs, header_end)
        body_end = total_index if total_index is not None else end
        tokens = tokenise(strip_repeated_headers(paragraphs, header_end, body_end))
        rows = rebuild_rows(tokens, roles)
        if not rows:
            out.append(paragraphs[k])
            k += 1
            continue
        total = paragraphs[total_index] if total_index is not None else None
        out.append(to_table(roles, rows, total))
        k = end
    return out
