"""A funds row's own arithmetic, and the figures of a row that ran together.

A self-evaluation form's funds row (年初预算数 全年预算数 全年执行数 分值 执行率 得分) checks itself:
执行率 = 全年执行数 / 全年预算数 and 得分 = 分值 × 执行率. Text copies of forms often run its figures
together with nothing between them (`年度资金总额 30 30 25 10 83.33% 8.33` as `303025 1083.33%8.33`).
Digits alone cannot say where one figure ends; the row's arithmetic can: a run-together row is
split only where exactly one reading satisfies both. The search is bounded (a figure has at most
MAX_FIGURE_CHARS characters; at most MAX_READINGS_TRIED readings and MAX_SPLIT_STEPS cuts are
tried): a row beyond that raises Unsplittable, and is left out with a warning instead of taking
for ever.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from extractors.tables.header_text import squash
from extractors.text.numbers import parse_percent_cell

FUNDS_COLUMNS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
MONEY_COLUMNS = ("年初预算数", "全年预算数", "全年执行数")
BUDGET_AND_EXECUTION = ["全年预算数", "全年执行数"]  # the 转移支付 form's block, with no rate column

FIGURE = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d{1,2})?$")
# a figure as written in its own cell (207.4538, 0.958), and the 执行率 written as a ratio (0.958, 1)
WRITTEN = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d+)?%?$")
RATIO = re.compile(r"^(?:0\.\d+|1(?:\.0+)?)$")


def is_figure(text: str) -> bool:
    return bool(FIGURE.match(text))


class Unsplittable(ValueError):
    """Figures run together too long, or with too many readings, to split in bounded time."""


class _Budget:
    """Cuts left to try for one row."""

    def __init__(self, steps: int) -> None:
        self.steps = steps

    def spend(self) -> None:
        self.steps -= 1
        if self.steps < 0:
            raise Unsplittable(f"more than {MAX_SPLIT_STEPS} ways to cut its figures")


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


def rate_percent(text: str | None, share: Decimal | None = None) -> Decimal | None:
    """The 执行率 of a funds row in per cent: '95.80%' -> 95.80; written as a ratio, '0.958' -> 95.8
    and '1' -> 100 (forms that give the score as 分值 × 执行率 write it so). Where the row's
    执行数 / 预算数 × 100 (`share`) is known, a bare 0.5 is whichever reading is nearer it."""
    value = parse_percent_cell(text)
    if value is None or "%" in (text or "") or "％" in (text or "") or not RATIO.match(squash(text)):
        return value
    if share is not None and abs(value - share) < abs(value.scaleb(2) - share):
        return value
    return value.scaleb(2)


def cell_value(column: str, text: str) -> Decimal:
    return (rate_percent(text) or Decimal(0)) if column == "执行率" else Decimal(text.rstrip("%"))


def half_unit(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return Decimal(5).scaleb(-places - 1)


def consistent(row: dict[str, Decimal], slack: Decimal = Decimal(0)) -> bool:
    """The row's own arithmetic, as far as its columns go: 执行率 = 执行数 / 预算数 (全年, else 年初)
    within the stated rounding (and `slack`, a share of the rate, more), and 得分 = 分值 × 执行率 (capped). A row
    needs a budget, the execution and the rate to be read at all."""
    budget = row.get("全年预算数", row.get("年初预算数"))
    spent, rate = row.get("全年执行数"), row.get("执行率")
    if budget is None or spent is None or rate is None or budget <= 0:
        return False
    if rate == 0 and spent != 0:  # 0% where money was spent: the 0 is cut from another figure (4646|10|0%)
        return False
    if abs(spent / budget * 100 - rate) > half_unit(rate) + Decimal("0.0001") + slack * rate:
        return False
    weight, score = row.get("分值"), row.get("得分")
    if weight is None or score is None:
        return weight is None or 0 < weight <= 100
    if weight <= 0 or weight > 100:
        return False
    expected = min(weight, weight * rate / 100)
    return abs(expected - score) <= half_unit(score) + half_unit(rate) * weight / 100


# Funds rows whose figures ran together are cut only a bounded number of ways (the row has at most
# six figures of at most a dozen digits): beyond this a row is left unsplit rather than searched.
MAX_READINGS_TRIED = 20000
MAX_FIGURE_CHARS = 16  # 9999999999999.99 (万元): a longer run of digits is not one figure
MAX_SPLIT_STEPS = 200_000  # cuts tried per row; real rows need a few hundred
# A published row whose rate is off (46 / 148 = 31.08%, printed 31.00%) is still split where exactly
# one reading comes within this share of its rate (1%: 31.00 ± 0.31); the rate check then reports
# the slip.
NEAR_SHARE = Decimal("0.01")


def as_written(tokens: list[str], columns: list[str]) -> bool:
    """Is each token one figure of its column, the % one the rate?"""
    return len(tokens) == len(columns) and all(
        WRITTEN.match(t) and (c == "执行率" or not t.endswith("%"))
        for t, c in zip(tokens, columns, strict=True)
    )


def without_surplus(tokens: list[str], columns: list[str]) -> list[str] | None:
    """A row printed with one figure repeated (28.1 28.1 28.1 28.1 10 100% 10 under five columns
    and the rate): the reading left when one of the repeats is dropped, where every such choice
    that reads as written and balances leaves the same one; else None."""
    readings = set()
    for k in range(1, len(tokens)):
        if tokens[k] != tokens[k - 1]:
            continue
        kept = tokens[:k] + tokens[k + 1 :]
        values = (
            {c: cell_value(c, t) for c, t in zip(columns, kept, strict=True)}
            if as_written(kept, columns)
            else {}
        )
        if values and consistent(values):
            readings.add(tuple(kept))
    return list(next(iter(readings))) if len(readings) == 1 else None


def split_total_row(
    figures_text: str, columns: list[str], notes: list[str] | None = None
) -> list[str] | None:
    """The figures of a funds row whose figures may run together, or None when the digits allow
    no reading, or more than one, that satisfies the row's arithmetic (columns: any of
    FUNDS_COLUMNS in the order the header gives them, including the budget, execution and rate);
    where none does, the one reading within NEAR_SHARE of its rate, if only one is. A row with one
    figure too many is read where dropping any one leaves the same reading (a line in `notes`).
    Unsplittable when the digits run on beyond any reading or the search would not end soon."""
    tokens = [t for t in re.split(r"(?<=%)|\s+", figures_text.replace(",", "").strip()) if t]
    if not set(columns) <= set(FUNDS_COLUMNS) or "执行率" not in columns:
        return None
    if as_written(tokens, columns):
        return tokens  # one figure a column already: read as written, right or wrong
    if len(tokens) == len(columns) + 1 and (kept := without_surplus(tokens, columns)) is not None:
        if notes is not None:
            notes.append(
                f"one figure more than its {len(columns)} columns ({' '.join(tokens)}): a repeat left out"
            )
        return kept
    longest = max((len(t) for t in tokens), default=0)
    if longest > len(columns) * MAX_FIGURE_CHARS:
        raise Unsplittable(f"{longest} characters run together, more than {len(columns)} figures hold")
    readings: set[tuple[str, ...]] = set()
    near: set[tuple[str, ...]] = set()
    tried = 0
    budget = _Budget(MAX_SPLIT_STEPS)

    def walk(k: int, column: int, acc: list[str]) -> None:
        nonlocal tried
        tried += 1
        if tried > MAX_READINGS_TRIED or len(readings) > 8:
            return
        if k == len(tokens):
            if column == len(columns):
                values = {c: cell_value(c, v) for c, v in zip(columns, acc, strict=True)}
                if consistent(values):
                    readings.add(tuple(acc))
                elif consistent(values, NEAR_SHARE):
                    near.add(tuple(acc))
            return
        token = tokens[k]
        percent = token.endswith("%")
        body = token.rstrip("%")
        for parts in range(1, min(len(columns) - column, len(body)) + 1):
            covered = columns[column : column + parts]
            if percent and covered[-1] != "执行率":
                continue
            for pieces in splits(body, parts, budget):
                # the rate ends its token where a % closes it; written as a ratio (0.96, 1) it may not
                if not percent and "执行率" in covered and not RATIO.match(pieces[covered.index("执行率")]):
                    continue
                walk(k + 1, column + parts, [*acc, *pieces[:-1], pieces[-1] + ("%" if percent else "")])

    walk(0, 0, [])
    if tried > MAX_READINGS_TRIED:
        raise Unsplittable(f"more than {MAX_READINGS_TRIED} readings of its figures")
    chosen = best_readings(readings, columns) or best_readings(near, columns)
    return list(next(iter(chosen))) if len(chosen) == 1 else None


def best_readings(readings: set[tuple[str, ...]], columns: list[str]) -> set[tuple[str, ...]]:
    """A row's money cells are formatted alike (2456.18 2456.18 2456.18, not 2456.1 82456.1
    82456.18) and of like size (390 390, not 390390 10): of several readings, the most balanced."""
    if len(readings) <= 1:
        return readings
    readings = {r for r in readings if uniform_decimals(r, columns)}
    shortest = {
        r: min(len(v) for c, v in zip(columns, r, strict=True) if c in MONEY_COLUMNS) for r in readings
    }
    best = max(shortest.values(), default=0)
    return {r for r in readings if shortest[r] == best}


def uniform_decimals(reading: tuple[str, ...], columns: list[str]) -> bool:
    money = [v for c, v in zip(columns, reading, strict=True) if c in MONEY_COLUMNS]
    return len({len(v.split(".")[1]) if "." in v else 0 for v in money}) <= 1
