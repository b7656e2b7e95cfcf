"""Recognise scoring tables and self-evaluation forms in table grids.

A table is claimed by its header vocabulary (一级指标, 三级指标, 权重/分值, 得分 ...; or
年初预算数/全年预算数/全年执行数 for the funds block of a self-evaluation form), never by
coordinates, so PDF, DOCX, HTML and rebuilt text tables share this one path. Columns are found
by header words, rows are read one by one: indicator rows, repeated header rows (skipped),
小计/合计 rows (kept as subtotals), the total row, 项目名称 rows (a new project in a file of forms).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from extractors.document import Cell, Evidence, Table, line_boxes
from extractors.facts import Amount, Breakdown, Figure, Indicator, ProjectFacts, Rate, Subtotal
from extractors.tables.funds_arithmetic import Unsplittable, rate_percent, split_total_row
from extractors.tables.funds_text import CELL_UNIT, money_cell
from extractors.tables.header_text import squash
from extractors.text.numbers import parse_cell_number, parse_percent_cell
from extractors.vocabulary import (
    FORM_TOTAL_LABELS,
    FUNDS_HEADER_WORDS,
    HEADER_WORDS,
    PACKED_TARGET_HEADER,
    SUBTOTAL_LABELS,
    TARGET_COMPARATORS,
    TOTAL_LABELS,
)

# funds roles -> the standard form's column names, for splitting run-together rows
FUNDS_COLUMN_NAMES = {role: words[0] for role, words in FUNDS_HEADER_WORDS.items() if role != "received"}
POINTS_RE = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")
COMPARATOR_RE = re.compile(r"[≥≤＞＜><=]|不低于|不高于|不少于|不超过|达到")
ITEM_MARKER_RE = re.compile(r"^\s*(?:[①-⑳]|\d+\s*[、.．)]?\s|[（(]\d+[）)])\s*")
UNIT_RE = re.compile(r"(亿元|万元|元)")
GROUP_WEIGHT_RE = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]$")
SIGN_OF = {written: sign for sign, wordings in TARGET_COMPARATORS.items() for written in wordings}


# full marks in a header cell's bracket: (20分), (20分*执行率)
HEADER_MARKS_RE = re.compile(r"[（(]\s*(\d{1,3}(?:\.\d)?)\s*分(?:[*×xX]\S{0,6})?\s*[)）]")
# a header's bracketed note: its unit, its letter or the formula it is computed by (得分 (20分*执行率))
BRACKETED_NOTE = re.compile(r"[（(][^（()）]*[)）]")


PROSE_BEFORE_HEADER = re.compile(r"[)）。：:]")


def header_match(cell: str, vocabulary: dict[str, tuple[str, ...]]) -> tuple[int, str] | None:
    """(length of the wording, role) of a header cell: the role whose wording matches longest, in
    the cell without its bracketed notes where that names a role (得分 (20分*执行率) is the score
    column, not a second 执行率), else in the whole cell."""
    text = squash(cell)
    if len(text) > 24:
        # a page's note run into the header's first cell (详情见附件(注:…请以附件为准)一级指标): the words
        # after the note's last bracket or stop
        text = PROSE_BEFORE_HEADER.split(text)[-1]
    if not text or len(text) > 24:
        return None
    return _longest_role(BRACKETED_NOTE.sub("", text), vocabulary) or _longest_role(text, vocabulary)


def _longest_role(text: str, vocabulary: dict[str, tuple[str, ...]]) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for role, words in vocabulary.items():
        for word in words:
            if word in text and (best is None or len(word) > best[0]):
                best = (len(word), role)
    return best


def header_role(cell: str, vocabulary: dict[str, tuple[str, ...]]) -> str | None:
    match = header_match(cell, vocabulary)
    return match[1] if match else None


def map_header(row: list[str | None], vocabulary: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Role -> column; where two cells name one role (年度预算数 and 调整后预算数), the closer wording wins."""
    columns: dict[str, tuple[int, int]] = {}
    for col, cell in enumerate(row):
        match = header_match(cell or "", vocabulary)
        if match and (match[1] not in columns or match[0] > columns[match[1]][0]):
            columns[match[1]] = (match[0], col)
    return {role: col for role, (_, col) in columns.items()}


def is_indicator_header(columns: dict[str, int]) -> bool:
    has_name = any(k in columns for k in ("level1", "level2", "level3"))
    # scored, or the 转移支付 form's results without scores (指标值 | 实际完成值)
    has_number = "weight" in columns or "score" in columns or {"target", "actual"} <= columns.keys()
    return has_name and has_number and len(columns) >= 3


def is_funds_header(columns: dict[str, int]) -> bool:
    return len({"budget_initial", "budget_adjusted", "received", "spent"} & columns.keys()) >= 2


def figure_value(figure: Figure | None) -> Decimal | None:
    return figure.value if figure is not None else None


def cell_figure(text: str | None, evidence: Evidence) -> Figure | None:
    value = parse_cell_number(text)
    return Figure(value, squash(text), evidence) if value is not None else None


def in_cell(evidence: Evidence, cells: list[Cell | None], col: int | None) -> Evidence:
    """A row's evidence for the figure in column `col`: boxed by that cell, where it has a box."""
    cell = cells[col] if col is not None and col < len(cells) else None
    return replace(evidence, boxes=(cell.bbox,)) if cell is not None and cell.bbox else evidence


def row_evidence(page: int | None, text: str, cells: list[Cell | None]) -> Evidence:
    """A table row's text, boxed by the cells that start and end on it (merged level names that
    run over several rows left out)."""
    unique = {id(c): c for c in cells if c is not None}.values()  # a merged cell repeats along the row
    boxes = [c.bbox for c in unique if c.bbox and c.rowspan == 1]
    return Evidence(page, text, boxes=line_boxes(boxes)[:1])


def criteria_points(criteria: str, evidence: Evidence) -> list[Figure]:
    points = []
    for m in POINTS_RE.finditer(criteria):
        points.append(Figure(Decimal(m.group(1)), m.group(0), evidence))
    return points


def criteria_items(criteria: str) -> list[str]:
    return [line.strip() for line in criteria.splitlines() if line.strip()]


def formula_of(criteria: str) -> str | None:
    for item in criteria_items(criteria):
        if re.search(r"率\s*[=＝]", item):
            return ITEM_MARKER_RE.sub("", item).rstrip("。")
    return None


def targets_of(criteria: str) -> list[str]:
    """Quantitative targets among the criteria items: '组织策划成果测评会场次≥3场'."""
    targets = []
    for item in criteria_items(criteria):
        if COMPARATOR_RE.search(item) and re.search(r"\d", item) and "=" not in item:
            text = POINTS_RE.sub("", ITEM_MARKER_RE.sub("", item)).strip(" ；;。")
            targets.append(text)
    return targets


@dataclass
class _Reader:
    """Reads one table's rows into projects; state is local to one table."""

    default_project: str | None
    warnings: list[str] = field(default_factory=list)  # rows given up on (the document is partial)
    projects: list[ProjectFacts] = field(default_factory=list)
    indicator_cols: dict[str, int] | None = None
    funds_cols: dict[str, int] | None = None
    funds_unit: str = "万元"
    funds_weight: Figure | None = None  # full marks the funds header states (预算执行情况 (20分))
    rows_are_projects: bool = False
    goal_cols: tuple[int, int] | None = None
    packed: bool = False  # rows of a 指标性质 | 指标值 | 度量单位 form, read by their order, not columns
    pending: str | None = None  # a packed row's indicator name whose figures are on a later row
    row_no: int = 0
    funds_totals: dict[str, Breakdown] = field(default_factory=dict)  # role -> 年度资金总额 and its 其中 rows
    funds_rows_read: set[tuple[int, str]] = field(default_factory=set)  # (project, row text) read
    last_level: dict[str, str | None] = field(default_factory=lambda: {"level1": None, "level2": None})

    @property
    def project(self) -> ProjectFacts:
        if not self.projects:
            self.projects.append(ProjectFacts(name=self.default_project))
        return self.projects[-1]

    def start_project(self, name: str) -> None:
        current = self.projects[-1] if self.projects else None
        if current is not None and not (current.indicators or current.amounts):
            current.name = name
        else:
            self.projects.append(ProjectFacts(name=name))
            self.row_no = 0
        self.indicator_cols = self.funds_cols = None

    def read(self, table: Table, unit_hint: str | None = None) -> None:
        self.packed = False
        previous: list[str] = []
        for r, cells in enumerate(table.cell_grid(fill_spans=True)):
            row = [c.text if c else None for c in cells]
            page = table.row_page(r)
            texts = [squash(c) for c in row]
            if not any(texts):
                continue  # a blank row (|| pasted between a header and its data) ends no block
            above, previous = previous, texts
            indicator_cols = map_header(row, HEADER_WORDS)
            if is_indicator_header(indicator_cols) and not packed_header_with_data(texts):
                self.indicator_cols, self.funds_cols, self.packed = indicator_cols, None, False
                block = next(
                    (m for t in texts if t.startswith("绩效指标") and (m := GROUP_WEIGHT_RE.search(t))), None
                )
                if block:
                    self.project.indicator_block_weight = Figure(
                        Decimal(block.group(1)),
                        block.group(0),
                        row_evidence(page, " ".join(t for t in texts if t), cells),
                    )
                continue
            funds_cols = map_header(row, FUNDS_HEADER_WORDS)
            if is_funds_header(funds_cols):
                self.funds_cols, self.indicator_cols, self.packed = funds_cols, None, False
                self.funds_totals = {}
                # the unit in the header, or in the row above it (… | 项目资金 (元) |)
                unit = UNIT_RE.search("".join(texts)) or UNIT_RE.search("".join([t for t in above if t][-1:]))
                self.funds_unit = unit.group(1) if unit else unit_hint or "万元"
                # 预算执行情况（万元）(20分) | … | 得分 (20分*执行率): the block's full marks, in no column
                marks = next((m for t in texts if (m := HEADER_MARKS_RE.search(t))), None)
                self.funds_weight = (
                    Figure(
                        Decimal(marks.group(1)), marks.group(0), row_evidence(page, " ".join(texts), cells)
                    )
                    if marks
                    else None
                )
                # a label column headed 项目名称 names the project each row totals
                self.rows_are_projects = any(
                    t.startswith("项目名称") for t in texts[: min(funds_cols.values())]
                )
                continue
            if PACKED_TARGET_HEADER in texts and self.indicator_cols is None:
                self.packed, self.funds_cols, self.goal_cols = True, None, None
                after = [c for k, c in enumerate(cells) if k > texts.index(PACKED_TARGET_HEADER)]
                self._read_packed_row(after, page)  # the header row may carry the first indicator
                continue
            if self.packed:
                self._read_packed_row(cells, page)
                continue
            name_value = self._labelled_value(texts, ("项目名称",))
            if name_value:
                self.start_project(name_value)
                continue
            for label, key in (("主管部门", "department"), ("实施单位", "unit")):
                value = self._labelled_value(texts, (label,))
                if value:
                    self.project.fields[key] = value
            goals = goal_columns(texts)
            if goals is not None:  # 年度总体目标: 预期目标 | 实际完成情况, the texts on the next row
                self.goal_cols, self.funds_cols = goals, None
                continue
            if self.goal_cols is not None:
                # the two texts in order (merged cells repeat, rows may omit the 年度总体目标 label)
                goal_texts = [t for t in dict.fromkeys(texts) if t and not t.startswith("年度总体目标")]
                if len(goal_texts) == 2:
                    self.project.fields.update({"goal_expected": goal_texts[0], "goal_actual": goal_texts[1]})
                self.goal_cols = None
                continue
            if self.funds_cols is not None:
                if not self._read_funds_row(texts, page, cells):
                    self.funds_cols = None
                continue
            if self.indicator_cols is not None:
                self._read_indicator_row(row, texts, page, cells)
            else:
                self._read_loose_total(texts, page, cells)

    def _read_packed_row(self, cells: list[Cell | None], page: int | None) -> None:
        """A row of the form whose cells were packed to the left (merged level names left out):
        level names | comparator | 指标值 | 度量单位 | 实际完成值 | 分值 | 得分 | 偏差原因, read in that
        order from its comparator cell; a qualitative target (有效 | 10 | 10) by its last three cells,
        named by the row above where it gives no name."""
        unique = [c for c in {id(c): c for c in cells if c is not None and squash(c.text)}.values()]
        texts = [squash(c.text) for c in unique]
        total = next((k for k, t in enumerate(texts) if t.startswith(FORM_TOTAL_LABELS)), None)
        if total is not None:
            self._read_loose_total(texts[total:], page, list(unique))
            return
        op = next((k for k, t in enumerate(texts) if t in SIGN_OF), None)
        numbered = [parse_cell_number(t) is not None for t in texts]
        if op is not None and op > 0 and op + 1 < len(texts) and numbered[op + 1]:
            after, names = texts[op + 2 :], list[str | None](texts[max(0, op - 3) : op])
            unit = after.pop(0) if after and parse_cell_number(after[0]) is None else ""
            target: str | None = f"{SIGN_OF[texts[op]]}{texts[op + 1]}{unit}"
        elif len(texts) >= 3 and numbered[-2:] == [True, True] and not numbered[-3]:
            # a qualitative target (有效 | 10 | 10): its name closes the rows before it
            after, target = texts[-3:], None
            names = list[str | None](texts[max(0, len(texts) - 6) : -3]) or [self.pending]
        else:
            if len(texts) >= 3 and not any(numbered):
                self.last_level.update(level1=texts[0], level2=texts[1])  # a qualitative row's groups
                self.pending = texts[2]
            return
        self.pending = None
        if len(after) < 2 or parse_cell_number(after[1]) is None or not all(names):
            return
        actual, weight_text = after[0], after[1]
        score_text = after[2] if len(after) > 2 and parse_cell_number(after[2]) is not None else None
        note = "；".join(after[3 if score_text else 2 :]) or None
        evidence = row_evidence(page, " ".join(texts)[:200], list(unique))
        # the names right-aligned: a row that gives fewer continues the groups above it
        named = [None] * (3 - len(names)) + names
        levels = dict(zip(("level1", "level2", "level3"), named, strict=True))
        for key in ("level1", "level2"):  # merged level names arrive on their first row only
            levels[key] = levels[key] or self.last_level[key]
            self.last_level[key] = levels[key]
        self._add_indicator(
            levels,
            weight=cell_figure(weight_text, evidence),
            score=cell_figure(score_text, evidence) if score_text else None,
            evidence=evidence,
            target_value=target,
            actual_value=actual,
            deduction_note=note,
            targets=[target] if target else [],
        )

    def _add_indicator(self, levels: dict[str, str | None], **fields: Any) -> None:
        self.row_no += 1
        self.project.indicators.append(
            Indicator(self.row_no, levels["level1"], levels["level2"], levels["level3"], **fields)
        )

    def _read_loose_total(self, texts: list[str], page: int | None, row: list[Cell | None]) -> None:
        """A form's 总分 row read where its indicator header was not (a cut-off or garbled table):
        the score after full marks (总分 | 100 | 96), or the one figure (总分 | 94)."""
        cells = [t for t in texts if t]
        if not cells or not cells[0].startswith(FORM_TOTAL_LABELS) or self.project.total_score is not None:
            return
        numbers = [n for t in dict.fromkeys(cells[1:]) if (n := parse_cell_number(t)) is not None]
        figures = [t for t in dict.fromkeys(cells[1:]) if parse_cell_number(t) is not None]
        if len(numbers) == 2 and numbers[0] == 100:
            numbers, figures = numbers[1:], figures[1:]
        if len(numbers) == 1 and 0 <= numbers[0] <= 120:
            self.project.total_score = Figure(
                numbers[0], figures[0], row_evidence(page, " ".join(cells), row)
            )

    @staticmethod
    def _labelled_value(texts: list[str], labels: tuple[str, ...]) -> str | None:
        for k, text in enumerate(texts):
            if text in labels:
                rest = [t for t in texts[k + 1 :] if t and t not in labels]
                return rest[0] if rest else None
        return None

    def _read_funds_row(self, texts: list[str], page: int | None, cells: list[Cell | None]) -> bool:
        """One row of the 项目资金 block; False when the block has ended."""
        cols = self.funds_cols or {}
        first_col = min(cols.values())
        label = "".join(dict.fromkeys(t for t in texts[:first_col] if t))  # merged cells repeat their text
        label = label.replace("其中：", "").replace("其中:", "")
        label = re.sub(r"^项目资金.*?[）)]", "", label) or label
        values = {role: texts[col] if col < len(texts) else "" for role, col in cols.items()}
        if "总额" in label and not all(parse_percent_cell(v) is not None for v in values.values()):
            values = self._split_run_together(label, texts[first_col:], cols) or values
        if not any(parse_percent_cell(v) is not None for v in values.values()):
            return bool(label) and not label.startswith(("年度总体目标", "绩效指标", "总体目标"))
        evidence = row_evidence(page, " ".join(t for t in texts if t), cells)
        # a row read already (the block's cells one a line are also rows of the delimited table they
        # stand in) is read once
        if (seen := (id(self.project), evidence.text)) in self.funds_rows_read:
            return True
        self.funds_rows_read.add(seen)
        is_total = "总额" in label or "合计" in label or not label or self.rows_are_projects
        amounts: dict[str, Amount] = {}
        for role in ("budget_initial", "budget_adjusted", "received", "spent"):
            money = money_cell(values.get(role), self.funds_unit)
            if money is None:
                continue
            value, unit = money
            amount = Amount(
                role=role,
                value=value,
                unit=unit,
                # the cell as written, with the block's unit where the cell names none (5.8万 stays 5.8万)
                as_written=values[role] if CELL_UNIT.match(squash(values[role])) else f"{values[role]}{unit}",
                evidence=in_cell(evidence, cells, cols.get(role)),
                label=None if is_total else label,
                source="table",
            )
            amounts[role] = amount
            self.project.amounts.append(amount)
            if is_total and not self.rows_are_projects:
                self.funds_totals[role] = Breakdown(amount, [])
                self.project.breakdowns.append(self.funds_totals[role])
            elif not is_total and role in self.funds_totals:
                self.funds_totals[role].parts.append(amount)  # a 其中 row of the 年度资金总额 above
        denominator = amounts.get("budget_adjusted") or amounts.get("budget_initial")
        share = (
            amounts["spent"].amount_yuan / denominator.amount_yuan * 100
            if "spent" in amounts and denominator is not None and denominator.amount_yuan > 0
            else None
        )
        rate = rate_percent(values.get("rate"), share)
        if rate is not None and "spent" in amounts:  # a 其中 row's rate is its own share's, labelled
            alternatives = []
            if "budget_initial" in amounts and denominator is not amounts["budget_initial"]:
                alternatives.append((amounts["spent"], amounts["budget_initial"]))
            self.project.rates.append(
                Rate(
                    "执行率",
                    Figure(rate, values["rate"], in_cell(evidence, cells, cols.get("rate"))),
                    amounts["spent"],
                    denominator,
                    label=None if is_total else label,
                    alternatives=alternatives,
                )
            )
        if not is_total:
            return True
        weight = cell_figure(values.get("weight"), in_cell(evidence, cells, cols.get("weight")))
        score = cell_figure(values.get("score"), in_cell(evidence, cells, cols.get("score")))
        if weight is None and score is not None:
            weight = self.funds_weight
        if shifted(values) or any(f is not None and f.value > 100 for f in (weight, score)):
            weight = score = None  # a row whose cells slid under other headers: its 分值 is an amount
        # the funds block repeated (a page that prints the form's funds table twice) scores once
        repeated = any(
            i.level1 == "预算执行" and figure_value(i.score) == figure_value(score)
            for i in self.project.indicators
        )
        if (weight is not None or score is not None) and not repeated:
            self.row_no += 1
            self.project.indicators.append(
                Indicator(
                    self.row_no,
                    "预算执行",
                    None,
                    "预算执行率",
                    weight,
                    score,
                    evidence,
                    actual_value=values.get("rate") or None,
                    formula="执行率=全年执行数/全年预算数",
                    scored_by_rule=rate is not None,
                )
            )
        return True

    def _split_run_together(
        self, label: str, cells: list[str], cols: dict[str, int]
    ) -> dict[str, str] | None:
        """A total row whose figures ran together into fewer cells: split by the row's arithmetic."""
        names = {v: k for k, v in FUNDS_COLUMN_NAMES.items()}
        ordered = [
            FUNDS_COLUMN_NAMES[role]
            for role, _ in sorted(cols.items(), key=lambda kv: kv[1])
            if role in FUNDS_COLUMN_NAMES
        ]
        try:
            split = split_total_row(" ".join(c for c in cells if c), ordered)
        except Unsplittable as exc:  # the row stays unread, like one with no reading, but is reported
            self.warnings.append(f"funds row {label} left unsplit: {exc}")
            return None
        return {names[column]: value for column, value in zip(ordered, split, strict=True)} if split else None

    def _read_indicator_row(
        self, row: list[str | None], texts: list[str], page: int | None, cells: list[Cell | None]
    ) -> None:
        cols = self.indicator_cols or {}

        def text(role: str) -> str:
            col = cols.get(role)
            return squash(row[col]) if col is not None and col < len(row) else ""

        def raw(role: str) -> str:
            col = cols.get(role)
            return (row[col] or "").strip() if col is not None and col < len(row) else ""

        number_cols = [cols[k] for k in ("weight", "score") if k in cols]
        leading = [t for t in texts[: min(number_cols)] if t] if number_cols else []
        evidence = row_evidence(page, " ".join(t for t in texts if t)[:200], cells)
        total_label = next((t for t in leading if t.startswith(TOTAL_LABELS)), None)
        subtotal_label = next((t for t in leading if t.startswith(SUBTOTAL_LABELS)), None)
        weight = cell_figure(raw("weight"), in_cell(evidence, cells, cols.get("weight")))
        score = cell_figure(raw("score"), in_cell(evidence, cells, cols.get("score")))
        if total_label:
            if score is None and weight is None:  # the total often sits in whatever column is last filled
                numbers = [
                    cell_figure(t, in_cell(evidence, cells, k))
                    for k, t in enumerate(texts)
                    if parse_cell_number(t) is not None
                ]
                score = numbers[-1] if numbers else None
            if score is not None:
                self.project.total_score = score
            if weight is not None and weight != score:
                self.project.subtotals.append(Subtotal("合计", None, None, weight, None, evidence))
            return
        if subtotal_label:
            level1 = self.last_level["level1"]
            self.project.subtotals.append(Subtotal(subtotal_label, level1, None, weight, score, evidence))
            return
        levels: dict[str, str | None] = {k: text(k) or None for k in ("level1", "level2", "level3")}
        # a row of a table without scores (指标值 | 实际完成值) is read for what it achieved
        unscored_result = not number_cols and bool(text("actual"))
        if all(v is None for v in levels.values()) or (
            weight is None and score is None and not unscored_result
        ):
            return
        for key in ("level1", "level2"):  # 产出指标（50分）: a group weight stated in the name
            stated = GROUP_WEIGHT_RE.search(levels[key] or "")
            if stated:
                levels[key] = levels[key][: stated.start()]  # type: ignore[index]
                if levels[key] != self.last_level[key]:
                    figure = Figure(Decimal(stated.group(1)), stated.group(0), evidence)
                    group = (levels["level1"] if key == "level2" else None) or self.last_level["level1"]
                    self.project.subtotals.append(
                        Subtotal(
                            f"{levels[key]}",
                            levels[key] if key == "level1" else group,
                            levels[key] if key == "level2" else None,
                            figure,
                            None,
                            evidence,
                        )
                    )
        for key in ("level1", "level2"):  # a continued merged cell at the top of a page arrives empty
            if key in cols and levels[key] is None and levels.get("level3"):
                levels[key] = self.last_level[key]
            self.last_level[key] = levels[key]
        criteria = raw("criteria")
        actual = text("actual") or None
        self._add_indicator(
            levels,
            weight=weight,
            score=score,
            evidence=evidence,
            target_value=text("target") or None,
            actual_value=actual,
            criteria=criteria or None,
            criteria_points=criteria_points(criteria, evidence),
            deduction_note=text("note") or None,
            formula=formula_of(criteria),
            targets=targets_of(criteria) or ([text("target")] if text("target") else []),
            scored_by_rule=scored_by_its_rate(weight, score, actual),
        )


def packed_header_with_data(texts: list[str]) -> bool:
    """A header row of the packed form that runs on into its first indicator (… | 度量单位 | 产出指标 |
    数量指标 | 学生受资助人数 | ≧ | 735 | …): its columns do not hold the figures they name."""
    return PACKED_TARGET_HEADER in texts and any(
        t in SIGN_OF for t in texts[texts.index(PACKED_TARGET_HEADER) :]
    )


def shifted(values: dict[str, str]) -> bool:
    """A funds row whose label slid into a figure column (其中:当年财政拨款 under 年初预算数)."""
    return any(re.search(r"[\u4e00-\u9fff]", v) for v in values.values())


def scored_by_its_rate(weight: Figure | None, score: Figure | None, actual: str | None) -> bool:
    """Is the score the weight times the percentage the same row gives as its actual value
    (预算执行率 10 分 × 93.20% = 9.32)? Then the row itself explains the deduction."""
    rate = parse_percent_cell(actual) if actual and actual.endswith("%") else None
    if rate is None or weight is None or score is None or rate >= 100:
        return False
    expected = weight.value * rate / 100
    return abs(expected - score.value) <= Decimal(5).scaleb(-score.decimals - 1) + Decimal("0.000001")


def goal_columns(texts: list[str]) -> tuple[int, int] | None:
    """(预期目标 column, 实际完成情况 column) of a form's 年度总体目标 header row, or None."""
    expected = next((c for c, t in enumerate(texts) if t.startswith(("预期目标", "年度目标"))), None)
    actual = next((c for c, t in enumerate(texts) if t.startswith(("实际完成情况", "实际完成"))), None)
    return (expected, actual) if expected is not None and actual is not None and actual > expected else None


def continues_previous(table: Table, indicator_cols: dict[str, int] | None) -> bool:
    """A table with no header of its own that fits the previous scoring table's columns is its
    continuation on the next page (where the loader could not stitch them)."""
    if indicator_cols is None or table.n_cols <= max(indicator_cols.values()):
        return False
    head = table.grid()[:2]
    return not any(is_indicator_header(map_header(row, HEADER_WORDS)) or "项目名称" in row for row in head)


def recognise_tables(
    tables: list[Table],
    default_project: str | None,
    unit_hints: dict[int, str] | None = None,
    warnings: list[str] | None = None,
) -> list[ProjectFacts]:
    """Projects with their indicators, amounts and totals from every claimed table, in order.

    Tables without a 项目名称 row add to the current project; a 项目名称 row starts a new one.
    Rows given up on (run-together figures past any bounded reading) are reported in `warnings`.
    """
    reader = _Reader(default_project, warnings if warnings is not None else [])
    for table in tables:
        if not continues_previous(table, reader.indicator_cols):
            reader.indicator_cols = reader.funds_cols = None
        reader.read(table, (unit_hints or {}).get(id(table)))
    return [p for p in reader.projects if p.indicators or p.amounts or p.total_score or p.rates]
