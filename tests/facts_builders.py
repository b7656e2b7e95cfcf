"""Small literal facts for the check tests: figures as written, with page-1 evidence."""

from __future__ import annotations

from decimal import Decimal

from extractors.document import Cell, Evidence, Table
from extractors.facts import (
    Amount,
    CountMention,
    DocumentFacts,
    Figure,
    Heading,
    Indicator,
    Metadata,
    Narrative,
    ProjectFacts,
    Rate,
)

CN_NUMBERS = "一二三四五六七八九十"


def fig(text: str, where: str | None = None) -> Figure:
    return Figure(Decimal(text), text, Evidence(1, where or text))


def wan(role: str, text: str, **kwargs: object) -> Amount:
    return Amount(role, Decimal(text), "万元", f"{text} 万元", Evidence(1, f"{role} {text} 万元"), **kwargs)  # type: ignore[arg-type]


def ind(
    name: str,
    weight: str | None,
    score: str | None,
    level1: str = "决策",
    level2: str | None = None,
    **kwargs: object,
) -> Indicator:
    return Indicator(
        row_no=0,
        level1=level1,
        level2=level2,
        level3=name,
        weight=fig(weight, f"{name} 分值 {weight}") if weight else None,
        score=fig(score, f"{name} 得分 {score}") if score else None,
        evidence=Evidence(2, f"{name} 行"),
        **kwargs,  # type: ignore[arg-type]
    )


def report(*projects: ProjectFacts, narrative: Narrative | None = None) -> DocumentFacts:
    return DocumentFacts(Metadata(is_report=True), list(projects), narrative or Narrative())


def heading(level: int, number: int, text: str = "") -> Heading:
    marker = {
        1: f"{CN_NUMBERS[number - 1]}、",
        2: f"（{CN_NUMBERS[number - 1]}）",
        3: f"{number}.",
        4: f"（{number}）",
    }[level]
    return Heading(level, number, marker, text, 1)


def seed_like() -> DocumentFacts:
    """The seed report's facts as gold.json records them (what a perfect extraction yields)."""
    budget, received, spent = wan("budget_initial", "300"), wan("received", "267.90"), wan("spent", "267.90")
    rows = [
        ("决策", "项目立项", "立项依据充分性", "5", "5.00", ["1", "1", "1", "1", "1"]),
        ("决策", "项目立项", "立项程序规范性", "5", "5.00", ["1.66", "1.66", "1.67"]),
        ("决策", "绩效目标", "绩效目标合理性", "5", "5.00", ["1.25"] * 4),
        ("决策", "绩效目标", "绩效指标明确性", "5", "5.00", ["1.66", "1.66", "1.67"]),
        ("决策", "资金投入", "预算编制科学性", "5", "5.00", ["1.25"] * 4),
        ("决策", "资金投入", "资金分配合理性", "5", "5.00", ["2", "3"]),
        ("过程", "资金管理", "资金到位率", "5", "5.00", []),
        ("过程", "资金管理", "预算执行率", "5", "5.00", []),
        ("过程", "资金管理", "资金使用合规性", "5", "5.00", ["1.25"] * 4),
        ("过程", "组织实施", "管理制度健全性", "5", "5.00", ["2", "3"]),
        ("过程", "组织实施", "制度执行有效性", "5", "5.00", ["1.25"] * 4),
        ("产出", "产出数量", "实际完成率", "5", "5.00", ["2.5", "2.5"]),
        ("产出", "产出质量", "质量达标率", "5", "4.96", ["5"]),
        ("产出", "产出时效", "完成及时性", "5", "5.00", ["5"]),
        ("产出", "产出成本", "成本节约率", "5", "0.54", []),
        ("效益", "项目效益", "实施效益", "15", "15.00", ["7.5", "7.5"]),
        ("效益", "项目效益", "满意度", "10", "10.00", []),
    ]
    extras: dict[str, dict[str, object]] = {
        "资金到位率": {"formula": "资金到位率=（实际到位资金/预算资金）×100%"},
        "预算执行率": {"formula": "预算执行率=（实际支出资金/实际到位资金）×100%"},
        "成本节约率": {"formula": "成本节约率=[（计划成本-实际成本）/计划成本]×100%"},
        "质量达标率": {"deduction_note": "未到合同履约完成时间，项目尚未验收"},
        "实际完成率": {"targets": ["组织策划成果测评会场次≥3场", "组建日常运营团队人数≥8人"]},
        "满意度": {"targets": ["入驻企业/高校对运营机构的满意度≥90%"]},
    }
    indicators = [
        ind(
            name, w, s, level1=l1, level2=l2, criteria_points=[fig(p) for p in points], **extras.get(name, {})
        )
        for l1, l2, name, w, s, points in rows
    ]
    project = ProjectFacts(
        name="人工智能应用创新服务中心日常运营",
        amounts=[budget, received, spent],
        rates=[
            Rate("资金到位率", fig("89.30", "资金到位率为 89.30%"), received, budget),
            Rate("预算执行率", fig("100.00", "预算执行率为 100.00%"), spent, received),
        ],
        indicators=indicators,
        total_score=fig("95.50", "总得分情况 95.50"),
    )
    narrative = Narrative(
        total_score=fig("95.50", "评价结果为 95.50 分"),
        level1_weights={
            k: fig(v) for k, v in {"决策": "30", "过程": "25", "产出": "20", "效益": "25"}.items()
        },
        level1_counts={k: fig(v) for k, v in {"决策": "6", "过程": "5", "产出": "4", "效益": "2"}.items()},
        counts=[CountMention("活动", fig("2", "共举办活动 2 场"), "场", Evidence(3, "共举办活动 2 场"))],
        headings=[
            heading(1, 1, "基本情况"),
            heading(2, 1, "项目概况"),
            heading(3, 1, "项目背景"),
            heading(3, 2, "主要内容及实施情况"),
            heading(3, 2, "项目资金管理和使用情况"),
            heading(2, 2, "项目绩效目标"),
            heading(1, 2, "绩效评价工作开展情况"),
            heading(2, 1, "绩效评价目的"),
            heading(2, 2, "评价原则"),
            heading(2, 2, "绩效评价工作过程"),
            heading(1, 3, "综合评价情况及评价结论"),
            heading(1, 4, "绩效评价指标分析"),
            heading(2, 1, "项目决策情况"),
            heading(2, 2, "项目过程情况"),
            heading(2, 2, "项目产出情况"),
            heading(2, 2, "项目效益情况"),
        ],
    )
    return report(project, narrative=narrative)


def grid_table(rows: list[list[str]]) -> Table:
    """A table whose cells are the texts given, one row a list."""
    cells = [Cell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row)]
    return Table(cells=cells, n_rows=len(rows), n_cols=max(len(r) for r in rows))
