"""Tables as grids of cells with spans, built from a report's data; every renderer draws these."""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.generator.model import EXEC_LEVEL1, Indicator, Part, Report, TableBlock
from tests.generator.text import amount_text, number, pct_text, score_text


@dataclass
class GridCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Grid:
    n_cols: int
    header_rows: int
    widths: list[float]  # relative column widths
    cells: list[GridCell] = field(default_factory=list)
    n_rows: int = 0

    def add_row(self, texts: list[str | tuple[str, int]]) -> int:
        """Append a row; an item (text, colspan) spans columns. Columns covered by a rowspan from above are skipped."""
        row = self.n_rows
        covered = {c.col + k for c in self.cells if c.row < row < c.row + c.rowspan for k in range(c.colspan)}
        col = 0
        for item in texts:
            while col in covered:
                col += 1
            text, span = item if isinstance(item, tuple) else (item, 1)
            self.cells.append(GridCell(row, col, text, colspan=span))
            col += span
        self.n_rows += 1
        return row

    def span_down(self, row: int, col: int, rowspan: int) -> None:
        cell = next(c for c in self.cells if c.row == row and c.col == col)
        cell.rowspan = rowspan

    def matrix(self) -> list[list[GridCell | None]]:
        """Each position's origin cell where it starts there, None where a span covers it."""
        out: list[list[GridCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row][c.col] = c
        return out


def criteria_text(ind: Indicator) -> str:
    lines = []
    for c in ind.criteria:
        lines.append(f"{c.text}（{number(c.points)}分）" if c.points is not None else c.text)
    return "\n".join(lines)


def run_length(inds: list[Indicator], start: int, depth: int) -> int:
    """How many indicators from `start` share its 一级 (depth 1) or 一级 and 二级 (depth 2)."""
    key = (inds[start].level1, inds[start].level2)[:depth]
    n = 1
    while start + n < len(inds) and (inds[start + n].level1, inds[start + n].level2)[:depth] == key:
        n += 1
    return n


def indicator_rows(grid: Grid, inds: list[Indicator], row_cells) -> None:
    """One row per indicator; 一级 and 二级 cells merged down over runs of equal names, as real tables do."""
    for k, ind in enumerate(inds):
        new_l1 = k == 0 or inds[k - 1].level1 != ind.level1
        new_l2 = new_l1 or inds[k - 1].level2 != ind.level2
        levels: list[str | tuple[str, int]] = []
        if new_l1:
            levels.append(ind.level1)
        if new_l2:
            levels.append(ind.level2 or "")
        row = grid.add_row(levels + row_cells(ind))
        if new_l1:
            grid.span_down(row, 0, run_length(inds, k, 1))
        if new_l2:
            grid.span_down(row, 1, run_length(inds, k, 2))


def scoring_grid(report: Report, part: Part) -> Grid:
    explain = any(i.explanation for i in part.indicators)
    head = ["一级指标", "二级指标", "三级指标", "分值"]
    head += ["指标解释"] if explain else []
    head += ["评价要点及评分标准", "得分", "扣分原因"]
    widths = [1.2, 1.4, 1.8, 0.9] + ([3.0] if explain else []) + [5.0, 0.9, 2.2]
    grid = Grid(n_cols=len(head), header_rows=1, widths=widths)
    grid.add_row(list(head))

    def cells(ind: Indicator) -> list[str | tuple[str, int]]:
        row: list[str | tuple[str, int]] = [ind.level3, score_text(ind.weight)]
        row += [ind.explanation or ""] if explain else []
        return row + [criteria_text(ind), score_text(ind.score), ind.deduction_note or ""]

    indicator_rows(grid, part.indicators, cells)
    total = [("合计", 3), score_text(part.total_weight)]
    grid.add_row(total + ([""] if explain else []) + ["", score_text(part.total_score), ""])
    return grid


def subtotal_grid(report: Report, part: Part) -> Grid:
    """Older framework: a 小计 row after each 一级 group and a 合计 row."""
    head = ["一级指标", "二级指标", "三级指标", "分值", "评分标准", "得分", "评分说明"]
    grid = Grid(n_cols=len(head), header_rows=1, widths=[1.2, 1.4, 1.8, 0.9, 5.0, 0.9, 2.2])
    grid.add_row(list(head))
    for sub in part.subtotals:
        group = [i for i in part.indicators if i.level1 == sub.level1]
        indicator_rows(
            grid,
            group,
            lambda i: [
                i.level3,
                score_text(i.weight),
                criteria_text(i),
                score_text(i.score),
                i.deduction_note or "",
            ],
        )
        grid.add_row([("小计", 3), score_text(sub.weight), "", score_text(sub.score), ""])
    grid.add_row([("合计", 3), score_text(part.total_weight), "", score_text(part.total_score), ""])
    return grid


def form_grid(report: Report, part: Part) -> Grid:
    """The standard 项目支出绩效自评表, in ten columns."""
    grid = Grid(n_cols=10, header_rows=0, widths=[1.3, 1.2, 1.0, 1.0, 1.3, 1.3, 1.0, 0.9, 1.0, 1.4])
    grid.add_row(["项目名称", (part.project or "", 9)])
    grid.add_row(["主管部门", (part.department, 4), "实施单位", (part.implementer, 4)])
    funds_top = grid.add_row(
        ["项目资金（万元）", ("", 3), "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    )
    grid.span_down(funds_top, 0, 5)
    exec_row = next(i for i in part.indicators if i.level1 == EXEC_LEVEL1)
    rate = report.rate(exec_row.formula_rate or "")
    for label in ("年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"):
        figures = [a for a in part.amounts if (a.label or "年度资金总额") == label]
        by_role = {a.role: amount_text(a, report.style, in_table=True) for a in figures}
        row: list[str | tuple[str, int]] = [(label, 3)]
        row += [by_role.get(r, "") for r in ("budget_initial", "budget_adjusted", "spent")]
        if label == "年度资金总额":
            row += [score_text(exec_row.weight), pct_text(rate.stated_pct), score_text(exec_row.score)]
        else:
            row += ["—", "—", "—"]
        grid.add_row(row)
    goal = grid.add_row(["年度总体目标", ("预期目标", 5), ("实际完成情况", 4)])
    grid.span_down(goal, 0, 2)
    grid.add_row([(part.goal_expected, 5), (part.goal_actual, 4)])
    grid.add_row(
        [
            "一级指标",
            "二级指标",
            ("三级指标", 2),
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            ("偏差原因分析及改进措施", 2),
        ]
    )
    inds = [i for i in part.indicators if i.level1 != EXEC_LEVEL1]
    indicator_rows(
        grid,
        inds,
        lambda i: [
            (i.level3, 2),
            i.target or "",
            i.actual or "",
            score_text(i.weight),
            score_text(i.score),
            (i.deduction_note or "", 2),
        ],
    )
    grid.add_row([("总分", 6), score_text(part.total_weight), score_text(part.total_score), ("", 2)])
    return grid


def targets_grid(report: Report, part: Part) -> Grid:
    """年度指标值 / 实际完成值 table of a self-evaluation report; the 预算执行率 row is an ordinary row."""
    head = [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    grid = Grid(n_cols=len(head), header_rows=1, widths=[1.2, 1.4, 2.0, 1.3, 1.3, 0.8, 0.8, 2.6])
    grid.add_row(list(head))

    def cells(ind: Indicator) -> list[str | tuple[str, int]]:
        target, actual = ind.target, ind.actual
        if ind.formula_rate:
            target, actual = "100%", pct_text(report.rate(ind.formula_rate).stated_pct)
        return [
            ind.level3,
            target or "",
            actual or "",
            score_text(ind.weight),
            score_text(ind.score),
            ind.deduction_note or "",
        ]

    indicator_rows(grid, part.indicators, cells)
    grid.add_row([("总分", 5), score_text(part.total_weight), score_text(part.total_score), ""])
    return grid


def funds_grid(report: Report, part: Part) -> Grid:
    """One row of figures under a header that states the unit once (单位：万元 above the table)."""
    roles = {
        "budget_initial": "年初预算数",
        "received": "实际到位资金",
        "budget_adjusted": "调整后预算数",
        "spent": "实际支出数",
    }
    figures = [a for a in part.amounts if a.label is None and a.role in roles]
    grid = Grid(n_cols=len(figures) + 1, header_rows=1, widths=[2.0] + [1.2] * len(figures))
    grid.add_row(["项目名称"] + [roles[a.role] for a in figures])
    grid.add_row([part.project or ""] + [amount_text(a, report.style, in_table=True) for a in figures])
    return grid


def literal_grid(block: TableBlock) -> Grid:
    rows = block.rows or []
    n_cols = max(len(r) for r in rows)
    grid = Grid(n_cols=n_cols, header_rows=1, widths=[1.0] * n_cols)
    for r in rows:
        grid.add_row(list(r))
    return grid


def grid_for(block: TableBlock, report: Report) -> Grid:
    if block.kind == "literal":
        return literal_grid(block)
    part = report.parts[block.part]
    builders = {
        "scoring": scoring_grid,
        "scoring_subtotals": subtotal_grid,
        "form": form_grid,
        "targets": targets_grid,
        "funds": funds_grid,
    }
    return builders[block.kind](report, part)
