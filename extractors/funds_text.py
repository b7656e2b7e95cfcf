"""The 项目资金 block of a self-evaluation form when it arrives as plain text lines.

Text copies of forms keep the funds header (年初预算数 全年预算数 全年执行数 分值 执行率 得分) on one line
and each row on the next, with the figures separated by spaces, or run together with nothing between
them (`年度资金总额 30 30 25 10 83.33% 8.33` as `303025 1083.33%8.33`). Digits alone cannot say where
one figure ends; the row's own arithmetic can: 执行率 = 全年执行数 / 全年预算数 and 得分 = 分值 × 执行率.
A run-together row is split only where exactly one reading satisfies both. The search is bounded
(a figure has at most MAX_FIGURE_CHARS characters, and at most MAX_SPLIT_STEPS cuts are tried): a
row beyond that raises Unsplittable, and is left out with a warning instead of taking for ever.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from extractors.document import Cell, Paragraph, Table
from extractors.header_text import squash

FUNDS_COLUMNS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
ROW_LABELS = ("年度资金总额", "资金总额", "其中", "当年财政拨款", "财政拨款", "上年结转", "其他资金")
FIGURE = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d{1,2})?$")
MAX_FIGURE_CHARS = 16  # 9999999999999.99 (万元): a longer run of digits is not one figure
MAX_SPLIT_STEPS = 100_000  # cuts tried per row; real rows need a few hundred


class Unsplittable(ValueError):
    """Figures run together too long, or with too many readings, to split in bounded time."""


class _Budget:
    def __init__(self, steps: int) -> None:
        self.steps = steps

    def spend(self) -> None:
        self.steps -= 1
        if self.steps < 0:
            raise Unsplittable(f"more than {MAX_SPLIT_STEPS} ways to cut its figures")


def funds_header_columns(text: str) -> list[str] | None:
    """The funds columns in the order a header line names them, or None."""
    squashed = squash(text)
    found = sorted((squashed.find(c), c) for c in FUNDS_COLUMNS if c in squashed)
    return [c for _, c in found] if len(found) >= 4 else None


def is_figure(text: str) -> bool:
    return bool(FIGURE.match(text))


def splits(token: str, parts: int, budget: _Budget | None = None) -> Iterator[list[str]]:
    """Every way to cut `token` into `parts` well-formed figures of at most MAX_FIGURE_CHARS each."""
    budget = budget or _Budget(MAX_SPLIT_STEPS)
    if len(token) > parts * MAX_FIGURE_CHARS:
        return
    if parts == 1:
        budget.spend()
        if is_figure(token):
            yield [token]
        return
    for cut in range(1, min(len(token), MAX_FIGURE_CHARS + 1)):
        budget.spend()
        if is_figure(token[:cut]):
            for rest in splits(token[cut:], parts - 1, budget):
                yield [token[:cut], *rest]


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
    no reading, or more than one, that satisfies the row's arithmetic. Unsplittable when the
    digits run on beyond any figure or the search would not end in bounded time."""
    tokens = [t for t in re.split(r"(?<=%)|\s+", figures_text.strip()) if t]
    if set(columns) != set(FUNDS_COLUMNS):
        return None
    longest = max((len(t) for t in tokens), default=0)
    if longest > len(columns) * MAX_FIGURE_CHARS:
        raise Unsplittable(f"{longest} characters run together, more than {len(columns)} figures hold")
    readings = set()
    budget = _Budget(MAX_SPLIT_STEPS)

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
            for pieces in splits(body, parts, budget):
                walk(k + 1, column + parts, [*acc, *pieces[:-1], pieces[-1] + ("%" if percent else "")])

    walk(0, 0, [])
    return list(next(iter(readings))) if len(readings) == 1 else None


def funds_table(
    header: Paragraph, columns: list[str], rows: list[Paragraph], warnings: list[str]
) -> Table | None:
    """A funds Table from a header line and its row lines; rows that cannot be read are left out,
    with a line in `warnings` when the splitter gave up."""
    grid: list[list[str]] = [["项目资金", *columns]]
    for paragraph in rows:
        m = re.match(r"^([^\d\s—-]+)\s*(.*)$", paragraph.text.strip())
        if not m:
            continue
        label, rest = m.group(1), m.group(2)
        cells = rest.split()
        if len(cells) != len(columns):
            try:
                split = split_total_row(rest, columns) if "总额" in label else None
            except Unsplittable as exc:
                warnings.append(f"funds row {label} left unsplit: {exc}")
                split = None
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


def rebuild_funds_blocks(paragraphs: list[Paragraph], warnings: list[str]) -> list[Paragraph | Table]:
    """Paragraphs with each text funds block (header line + row lines) replaced by a Table; rows
    the splitter gave up on are reported in `warnings`."""
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
        table = funds_table(paragraphs[k], columns, paragraphs[k + 1 : end], warnings)
        if table is None:
            out.append(paragraphs[k])
            k += 1
            continue
        out.append(table)
        k = end
    return out
