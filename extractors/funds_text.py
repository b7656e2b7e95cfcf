"""The 项目资金 block of a self-evaluation form when it arrives as plain text lines.

Text copies of forms keep the funds header (年初预算数 全年预算数 全年执行数 分值 执行率 得分) on one line
and each row on the next, with the figures separated by spaces, or run together with nothing between
them (`年度资金总额 30 30 25 10 83.33% 8.33` as `303025 1083.33%8.33`). Digits alone cannot say where
one figure ends; the row's own arithmetic can: 执行率 = 全年执行数 / 全年预算数 and 得分 = 分值 × 执行率.
A run-together row is split only where exactly one reading satisfies both.
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import combinations

from extractors.document import Cell, Paragraph, Table
from extractors.header_text import squash

FUNDS_COLUMNS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
ROW_LABELS = ("年度资金总额", "资金总额", "其中", "当年财政拨款", "财政拨款", "上年结转", "其他资金")
FIGURE = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d{1,2})?$")


def funds_header_columns(text: str) -> list[str] | None:
    """The funds columns in the order a header line names them, or None. Delimited rows (a | b)
    are the delimited-table rebuilder's."""
    if "|" in text or "｜" in text:
        return None
    squashed = squash(text)
    found = sorted((squashed.find(c), c) for c in FUNDS_COLUMNS if c in squashed)
    return [c for _, c in found] if len(found) >= 4 else None


def is_figure(text: str) -> bool:
    return bool(FIGURE.match(text))


def splits(token: str, parts: int) -> list[list[str]]:
    """Every way to cut `token` into `parts` well-formed figures."""
    if parts == 1:
        return [[token]] if is_figure(token) else []
    found = []
    for cuts in combinations(range(1, len(token)), parts - 1):
        pieces = [token[i:j] for i, j in zip((0, *cuts), (*cuts, len(token)), strict=True)]
        if all(is_figure(p) for p in pieces):
            found.append(pieces)
    return found


def half_unit(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Decimal(5).scaleb(-places - 1)


def consistent(row: dict[str, Decimal]) -> bool:
    """执行率 = 执行数 / 预算数 and 得分 = 分值 × 执行率 (capped), within the stated rounding."""
    budget, spent = row["全年预算数"], row["全年执行数"]
    rate, weight, score = row["执行率"], row["分值"], row["得分"]
    if budget <= 0 or weight <= 0 or weight > 100:
        return False
    rate_ok = abs(spent / budget * 100 - rate) <= half_unit(rate) + Decimal("0.0001")
    expected = min(weight, weight * rate / 100)
    return rate_ok and abs(expected - score) <= half_unit(score) + half_unit(rate) * weight / 100


def split_total_row(figures_text: str, columns: list[str]) -> list[str] | None:
    """The figures of a total row whose figures may run together, or None when the digits allow
    no reading, or more than one, that satisfies the row's arithmetic."""
    tokens = [t for t in re.split(r"(?<=%)|\s+", figures_text.strip()) if t]
    if set(columns) != set(FUNDS_COLUMNS):
        return None
    readings = set()

    def walk(k: int, column: int, acc: list[str]) -> None:
        if k == len(tokens):
            if column == len(columns):
                values = {c: Decimal(v.rstrip("%")) for c, v in zip(columns, acc, strict=True)}
                if consistent(values):
                    readings.add(tuple(acc))
            return
        token = tokens[k]
        percent = token.endswith("%")
        body = token.rstrip("%")
        for parts in range(1, min(len(columns) - column, len(body)) + 1):
            last = column + parts - 1
            if percent != (columns[last] == "执行率"):
                continue
            for pieces in splits(body, parts):
                walk(k + 1, column + parts, [*acc, *pieces[:-1], pieces[-1] + ("%" if percent else "")])

    walk(0, 0, [])
    return list(next(iter(readings))) if len(readings) == 1 else None


def funds_table(header: Paragraph, columns: list[str], rows: list[Paragraph]) -> Table | None:
    """A funds Table from a header line and its row lines; rows that cannot be read are left out."""
    grid: list[list[str]] = [["项目资金", *columns]]
    for paragraph in rows:
        m = re.match(r"^([^\d\s—-]+)\s*(.*)$", paragraph.text.strip())
        if not m:
            continue
        label, rest = m.group(1), m.group(2)
        cells = rest.split()
        if len(cells) != len(columns):
            split = split_total_row(rest, columns) if "总额" in label else None
            if split is None:
                continue
            cells = split
        grid.append([label, *cells])
    if len(grid) < 2:
        return None
    page = header.page
    cells = [Cell(r, c, text, page=page) for r, row in enumerate(grid) for c, text in enumerate(row)]
    return Table(
        cells=cells, n_rows=len(grid), n_cols=len(columns) + 1, page=page, pages=[page] if page else []
    )


def rebuild_funds_blocks(paragraphs: list[Paragraph]) -> list[Paragraph | Table]:
    """Paragraphs with each text funds block (header line + row lines) replaced by a Table."""
    out: list[Paragraph | Table] = []
    k = 0
    while k < len(paragraphs):
        columns = funds_header_columns(paragraphs[k].text) if len(paragraphs[k].text) < 80 else None
        if columns is None:
            out.append(paragraphs[k])
            k += 1
            continue
        end = k + 1
        while end < len(paragraphs) and paragraphs[end].text.strip().startswith(ROW_LABELS):
            end += 1
        table = funds_table(paragraphs[k], columns, paragraphs[k + 1 : end])
        if table is None:
            out.append(paragraphs[k])
            k += 1
            continue
        out.append(table)
        k = end
    return out
