"""The 指标性质 | 指标值 | 度量单位 self-evaluation form (云南 公开14表 and its kin) as real pages paste it:
rows packed to the left, merged level names on their first row only. Grids are the rows the
delimited-text rebuilder gives for dev files a025 and m001 of tests/real, unchanged."""

from __future__ import annotations

from checks import run_checks
from extractors.facts import DocumentFacts, Metadata
from extractors.tables.indicators import recognise_tables
from tests.facts_builders import grid_table

A025 = [  # 2020年省级自然资源卫片执法补助经费: every target met, every row loses points
    ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "", ""],
    ["年度资金总额", "7.29", "7.29", "7.29", "10.00", "100%", "10.00", "", ""],
    ["", "其中:当年财政拨款", "7.29", "7.29", "7.29", "100%", "", "", ""],
    ["绩效指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施", "", "", ""],
    ["二级指标", "三级指标", "指标性质", "指标值", "度量单位", "", "", "", ""],
    ["产出指标", "数量指标", "卫片执法补助经费", "﹦", "72890", "元", "72890", "10.00", "9.00"],
    ["质量指标", "项目验收合格率", "﹦", "100", "%", "100", "20", "19", ""],
    ["时效指标", "项目完成及时率", "﹦", "100", "%", "100", "20.00", "19.00", ""],
    ["效益指标", "社会效益指标", "违法行为责停率", "≥", "95", "%", "95", "30.00", "27.00"],
]

M001 = [  # 义务教育营养改善计划专项资金: the header row runs on into the first indicator
    ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "年度资金总额"],
    ["", "", "387664.62", "387664.62", "10", "100%", "10", "其中:当年财政拨款"],
    ["", "", "", "387664.62", "387664.62", "—", "", ""],
    ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "产出指标", "数量指标"]
    + ["学生受资助人数", "≧", "735", "人次", "735", "10", "10"],
    ["质量指标", "营养改善计划覆盖率", "≧", "100", "%", "100%", "10", "10"],
    ["时效指标", "资金到位及时率", "≧", "100", "%", "100%", "10", "7"],
    ["成本指标", "生均补助标准达标率", "═", "100", "%", "100%", "10", "10"],
    ["效益指标", "经济效益指标", "减轻贫困学生家庭经济负担"],
    ["有效"],
    ["有效", "10", "10"],
    ["社会效益指标", "政策知晓率", "═", "100", "%", "98%", "10", "9"],
    ["可持续影响指标", "促进学校教育事业健康发展", "≧", "100", "%", "100%", "10", "10"],
    ["满意度指标", "服务对象满意度指标等", "学生满意度", "≧", "95", "%", "100%", "10", "10"],
    ["家长满意度", "≧", "95", "%", "100%", "10", "10"],
    ["其他需要说明事项", "无", "总分", "100", "96", "优"],
]


def test_packed_rows_are_read_by_their_order_from_the_comparator() -> None:
    [project] = recognise_tables([grid_table(A025)], default_project="P")
    rows = [(i.level1, i.level2, i.level3, i.target_value, i.actual_value) for i in project.indicators]
    assert rows[1:] == [
        ("产出指标", "数量指标", "卫片执法补助经费", "=72890元", "72890"),
        ("产出指标", "质量指标", "项目验收合格率", "=100%", "100"),
        ("产出指标", "时效指标", "项目完成及时率", "=100%", "100"),
        ("效益指标", "社会效益指标", "违法行为责停率", "≥95%", "95"),
    ]
    assert [
        (str(i.weight.value), str(i.score.value)) for i in project.indicators if i.weight and i.score
    ] == [
        ("10.00", "10.00"),
        ("10.00", "9.00"),
        ("20", "19"),
        ("20.00", "19.00"),
        ("30.00", "27.00"),
    ]


def test_a_slid_funds_row_gives_no_weight_and_qualitative_rows_keep_their_names() -> None:
    [project] = recognise_tables([grid_table(M001)], default_project="P")
    # the 其中 row's 387664.62 under 分值 is an amount, not a weight; 有效 | 10 | 10 closes 减轻… above
    assert [(i.level2, i.level3) for i in project.indicators] == [
        (None, "预算执行率"),
        ("数量指标", "学生受资助人数"),
        ("质量指标", "营养改善计划覆盖率"),
        ("时效指标", "资金到位及时率"),
        ("成本指标", "生均补助标准达标率"),
        ("经济效益指标", "减轻贫困学生家庭经济负担"),
        ("社会效益指标", "政策知晓率"),
        ("可持续影响指标", "促进学校教育事业健康发展"),
        ("服务对象满意度指标等", "学生满意度"),
        ("服务对象满意度指标等", "家长满意度"),
    ]
    assert {str(i.weight.value) for i in project.indicators if i.weight} == {"10"}
    assert [i.level1 for i in project.indicators[5:8]] == ["效益指标"] * 3
    assert project.total_score is not None and str(project.total_score.value) == "96"


def test_a_met_target_that_loses_points_without_a_reason_is_flagged() -> None:
    facts = DocumentFacts(Metadata(is_report=True), projects=recognise_tables([grid_table(M001)], "P"))
    rows = {r.subject: r for r in run_checks(facts, "doc", only=("target_vs_actual",))}
    assert rows["资金到位及时率/≥100%"].status == "fail"
    assert (
        "已达成" in rows["资金到位及时率/≥100%"].message
        and rows["资金到位及时率/≥100%"].severity == "warning"
    )
    assert rows["政策知晓率/=100%"].status == "pass"  # 98% of 100%: short, and it lost a point
    assert rows["学生受资助人数/≥735人次"].status == "pass"  # met, full marks
    # the sums of the packed rows hold, as published: no error from a half-read form
    errors = [r for r in run_checks(facts, "doc") if r.status == "fail" and r.severity == "error"]
    assert errors == []
