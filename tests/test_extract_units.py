"""Unit tests of the extraction stages on small literal inputs (sentences, lines, grids)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checks import run_checks
from extractors.document import Cell, Document, Paragraph, Table
from extractors.extract import extract_facts
from extractors.facts.amounts import extract_text_amounts, find_breakdowns, is_itemised, role_for
from extractors.facts.metadata import fiscal_year_of, project_of, title_org
from extractors.facts.narrative import find_enumerations, find_headings, find_part_wholes, level1_claims
from extractors.facts.places import place_of
from extractors.facts.report_type import report_type_of
from extractors.facts.sections import extract_sections
from extractors.tables.flattened import rebuild_flattened_tables
from extractors.tables.funds_arithmetic import FUNDS_COLUMNS, split_total_row
from extractors.tables.indicators import recognise_tables
from extractors.text.numbers import find_amounts, find_percents, parse_count
from extractors.text.segment import segmented


def paragraphs(*texts: str) -> list[Paragraph]:
    return [Paragraph(t, page=1, block_id=f"b{k}") for k, t in enumerate(texts)]


def document(*texts: str) -> Document:
    return Document("txt", list(paragraphs(*texts)))


def grid_table(rows: list[list[str]]) -> Table:
    cells = [Cell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row)]
    return Table(cells=cells, n_rows=len(rows), n_cols=max(len(r) for r in rows))


# ---- numbers and roles


def test_amounts_keep_their_written_precision_and_unit() -> None:
    found = find_amounts("年初预算批复300万元，合计2,679,000.00 元，另有1.5亿元")
    assert [(a.value, a.unit) for a in found] == [
        (Decimal("300"), "万元"),
        (Decimal("2679000.00"), "元"),
        (Decimal("1.5"), "亿元"),
    ]
    assert str(found[1].value) == "2679000.00"


@pytest.mark.parametrize(
    ("clause", "role"),
    [
        ("此项目年初预算批复", "budget_initial"),
        ("年度总指标为", "budget_adjusted"),
        ("全年实际到位资金", "received"),
        ("年末实际支出金额", "spent"),
        ("应到位", "budget_adjusted"),
        ("用于购置设备", None),
    ],
)
def test_role_comes_from_the_wording_closest_to_the_figure(clause: str, role: str | None) -> None:
    assert role_for(clause) == role


def test_chinese_numerals_count() -> None:
    assert parse_count("五") == 5 and parse_count("十七") == 17 and parse_count("12") == 12


def test_amounts_and_rates_in_chinese_numerals() -> None:
    (amount,) = find_amounts("年初预算三百万元")
    assert (amount.value, amount.unit) == (Decimal("300"), "万元")
    (percent,) = find_percents("资金到位率为百分之八十九点三")
    assert str(percent.value) == "89.3"


def test_breakdowns_and_sub_projects_are_kept_apart_from_totals() -> None:
    text = "全年支出100万元，其中基本支出60万元，项目支出40万元。"
    amounts = extract_text_amounts(Paragraph(text, page=1), itemised=False)
    assert [(a.role, a.label) for a in amounts] == [
        ("spent", None),
        ("spent", "基本支出"),
        ("spent", "项目支出"),
    ]
    items = "①设备购置项目应到位52万元，实际到位40万元，到位率76.92%；②培训项目应到位30万元，实际到位30万元。"
    assert is_itemised(items)
    labelled = extract_text_amounts(Paragraph(items, page=1), itemised=True)
    assert {a.item for a in labelled} == {"①设备购置项目", "②培训项目"}


def test_figures_in_brackets_after_a_part_are_not_more_parts() -> None:
    # dev ae022: 其中上年结转1925.42万元,2021年预算收入2121.08万元(年初预算收入1163.36万元,年中追加1041.53万元。
    # 压减75万元,核减8.81万元): the brackets break down the second part (with reductions), they add no parts
    text = (
        "一般公共预算总金额为4046.5万元,其中上年结转1925.42万元,2021年预算收入2121.08万元(年初预算收入"
        "1163.36万元,年中追加1041.53万元。压减75万元,核减8.81万元)。"
    )
    amounts = extract_text_amounts(Paragraph(text, page=1), itemised=False)
    [breakdown] = find_breakdowns(segmented(text), amounts)
    assert [p.value for p in breakdown.parts] == [Decimal("1925.42"), Decimal("2121.08")]


# ---- rates


def test_rates_pair_with_the_amounts_their_sentence_uses() -> None:
    facts = extract_facts(
        document(
            "某区财政局2022年度“社区养老服务”项目支出绩效评价报告",
            "一、基本情况",
            "年初预算批复300万元，年度总指标为267.90万元，资金到位率为89.30%；实际支出267.90万元，预算执行率100.00%。",
        )
    )
    rates = {r.name: r for r in facts.projects[0].rates}
    assert rates["资金到位率"].numerator.value == Decimal("267.90")
    assert rates["资金到位率"].denominator.value == Decimal("300")
    assert rates["预算执行率"].numerator.role == "spent"


def test_a_rate_without_figures_in_its_paragraph_uses_the_totals_stated_before() -> None:
    facts = extract_facts(
        document(
            "某区民政局2023年度“居家养老”项目绩效自评报告",
            "一、资金情况",
            "全年预算为4,364,081.90元。",
            "截至年底实际支出4,067,203.46元，预算执行率为93.20%。",
        )
    )
    rate = facts.projects[0].rates[0]
    assert (rate.numerator.value, rate.denominator.value) == (Decimal("4067203.46"), Decimal("4364081.90"))


def test_the_rates_of_parts_after_the_whole_s_rate_are_the_parts() -> None:
    # dev ae008: the whole's 执行率, then 其中 each part with its own amount and rate: the parts' rates are
    # labelled and never recomputed from the whole's amounts (an error false alarm before)
    text = (
        "本单位2024年度收入合计9570171.39元,支出合计7686456.33元,执行率为80.32%,其中:基本支出5967100.39元,"
        "执行率达100.00%,项目支出1719355.94元,执行率达47.72%。"
    )
    facts = extract_facts(document("某局2024年度部门整体支出绩效自评报告", "一、预算执行情况", text))
    rates = facts.projects[0].rates
    whole = [r for r in rates if r.stated.value == Decimal("80.32")][0]
    assert (whole.numerator.value, whole.denominator.value) == (Decimal("7686456.33"), Decimal("9570171.39"))
    parts = [r for r in rates if r.stated.value != Decimal("80.32")]
    assert [(r.label, r.numerator) for r in parts] == [("基本支出", None), ("项目支出", None)]
    # without the whole's rate before 其中, the rate after the parts is the whole's (dev c039)
    text = "收到中央补助资金15150.00万元,实际支出15150.00万元,其中省级支出489.00万元,各州市支出14661.00万元,执行率为100%。"
    facts = extract_facts(document("某省2022年度粮食风险基金绩效自评报告", "一、预算执行情况", text))
    assert facts.projects[0].rates[0].numerator is not None


# ---- tables


def test_scoring_table_by_header_words_with_subtotals_and_total() -> None:
    table = grid_table(
        [
            ["一级指标", "二级指标", "三级指标", "分值", "得分", "扣分原因"],
            ["投入", "项目立项", "立项依据充分性", "10", "10", ""],
            ["投入", "资金落实", "资金到位率", "10", "9.5", "到位不足"],
            ["小计", "小计", "小计", "20", "19.5", ""],
            ["一级指标", "二级指标", "三级指标", "分值", "得分", "扣分原因"],  # header repeated on a new page
            ["", "", "预算执行率", "80", "80", ""],  # merged 一级/二级 continued from the page before
            ["合计", "合计", "合计", "100", "99.5", ""],
        ]
    )
    (project,) = recognise_tables([table], default_project="X")
    assert [(i.level1, i.level2, i.level3, i.weight.value, i.score.value) for i in project.indicators] == [
        ("投入", "项目立项", "立项依据充分性", Decimal("10"), Decimal("10")),
        ("投入", "资金落实", "资金到位率", Decimal("10"), Decimal("9.5")),
        ("投入", "资金落实", "预算执行率", Decimal("80"), Decimal("80")),
    ]
    assert project.indicators[1].deduction_note == "到位不足"
    assert project.total_score.value == Decimal("99.5")
    assert [(s.label, s.level1, s.score and s.score.value) for s in project.subtotals] == [
        ("小计", "投入", Decimal("19.5")),
        ("合计", None, None),
    ]


def test_text_table_one_cell_a_line_is_rebuilt() -> None:
    lines = ["附件", "一级", "指标", "二级", "指标", "三级", "指标", "权重", "得分", "决策", "项目", "立项",
             "立项", "依据", "充分", "性", "5.00", "4.50", "绩效", "目标", "绩效", "目标", "合理", "性", "15.0", "0",
             "15.00", "总得分情况 19.50"]  # fmt: skip
    rebuilt = rebuild_flattened_tables(document(*lines))
    (table,) = rebuilt.tables
    assert table.grid()[1:] == [
        ["决策", "项目立项", "立项依据充分性", "5.00", "4.50"],
        ["", "绩效目标", "绩效目标合理性", "15.00", "15.00"],
        ["总得分情况", "总得分情况", "总得分情况", "总得分情况", "19.50"],
    ]


def test_table_one_cell_a_line_with_rows_closed_by_pipes_is_rebuilt() -> None:
    # a dev report's self-evaluation form exported one cell a line, each row closed by its padding
    lines = ["项目支出绩效自评表 |", "|||||||||||||", "项目名称 |", "市民中心运行维护费 |", "||||||||||||",
             "项目资金 (万元) |", "|", "年初预算数 |", "全年预算数 |", "全年执行数 |", "分值 |", "执行率 |",
             "得分 |", "||||||", "年度资金总额 |", "150万 |", "150万 |", "125.25万 |", "100 |", "83.5% |",
             "98 |", "|||||||"]  # fmt: skip
    rebuilt = rebuild_flattened_tables(document(*lines))
    table = rebuilt.tables[0]
    grid = table.grid()
    assert [c for c in grid[0] if c] == ["项目名称", "市民中心运行维护费"]
    assert [c for c in grid[-1] if c] == ["年度资金总额", "150万", "150万", "125.25万", "100", "83.5%", "98"]


def test_table_one_cell_a_line_with_rows_of_the_header_width_is_rebuilt() -> None:
    # below its header the rows carry no closing line: the header's width closes them
    lines = ["年度总体目标 |", "年初设定目标 |", "年度总体目标完成情况综述 |", "||||||", "|", "一级指标 |",
             "二级指标 |", "三级指标 |", "分值 |", "年度指标值 |", "全年实际值 |", "得分 |",
             "未完成原因及拟采取的改进措施 |", "|", "产出指标(50分) |", "数量指标 |",
             "★★★建档立卡贫困人口中接受临时救助的人次数(≥**人次) |", "5 |", ">=59人次 |", "87人次 |", "5 |",
             "|", "|", "|", "|", "★★★特困人员救助供养人数(按月平均)(≥**人) |", "5 |", ">=4754人 |",
             "4604人 |", "5 |", "特困人员实行动态管理 |", "|", "|", "|"]  # fmt: skip
    facts = extract_facts(document("绩效目标自评表 (2019年度) |", *lines))
    indicators = [i for p in facts.projects for i in p.indicators]
    assert [
        (i.level1, i.level2, i.target_value, i.actual_value, i.score and i.score.value) for i in indicators
    ] == [
        ("产出指标", "数量指标", ">=59人次", "87人次", Decimal(5)),
        ("产出指标", "数量指标", ">=4754人", "4604人", Decimal(5)),
    ]


def test_table_one_cell_a_line_keeps_the_header_width_while_rows_fit_it() -> None:
    # a dev report: the lone | after each row is its empty last cell, until a row leaves it out
    lines = ["一级指标 |", "二级指标 |", "指标名称 |", "目标值 |", "实际完成值 |", "|", "产出指标 |", "质量指标 |",
             "奖助政策学生知晓率 |", "100% |", "100% |", "|", "产出指标 |", "质量指标 |", "受资助本专科困难学生覆盖率 |",
             "99% |", "99% |", "|", "产出指标 |", "数量指标 |", "受资助本专科学生人数 |", "14726 |", "15935 |",
             "产出指标 |", "质量指标 |", "国家奖学金按标准发放率 |", "100% |", "100% |"]  # fmt: skip
    (table,) = rebuild_flattened_tables(document(*lines)).tables
    assert [row[:5] for row in table.grid()[:3]] == [
        ["一级指标", "二级指标", "指标名称", "目标值", "实际完成值"],
        ["产出指标", "质量指标", "奖助政策学生知晓率", "100%", "100%"],
        ["产出指标", "质量指标", "受资助本专科困难学生覆盖率", "99%", "99%"],
    ]
    # the row without its closing cell puts the next 一级 name off its column: from there no row is
    # guessed, the cells stay one a line
    assert all(sum(bool(c) for c in row) == 1 for row in table.grid()[3:])


def test_table_one_cell_a_line_with_cells_before_a_lone_pipe_is_rebuilt() -> None:
    # a dev report: each cell on its own lines, closed by a lone |, each row by a line of pipes
    lines = ["2022年度项目支出绩效自评表", "项目名称", "|", "春节走访慰问经费", "|", "||||||||", "满意度指标(10分)", "|",
             "服务对象满意度指标", "|", "重点优抚对象、企业军转干部、驻保部队、", "边海防官兵满意率", "|", "100%", "|",
             "100%", "|", "10", "|", "||||", "总分(100分)", "|", "100", "|", "自评等级", "|", "优", "|", "||||||",
             "偏差大或", "目标未完成", "原因分析", "|", "无", "|", "||||||||", "备注:1.预算执行情况口径"]  # fmt: skip
    rebuilt = rebuild_flattened_tables(document(*lines))
    (table,) = rebuilt.tables
    assert [[c for c in row if c] for row in table.grid()] == [
        ["项目名称", "春节走访慰问经费"],
        [
            "满意度指标(10分)",
            "服务对象满意度指标",
            "重点优抚对象、企业军转干部、驻保部队、边海防官兵满意率",
            "100%",
            "100%",
            "10",
        ],
        ["总分(100分)", "100", "自评等级", "优"],
        ["偏差大或目标未完成原因分析", "无"],
    ]
    # the lines before and after the table stay text
    assert [p.text for p in rebuilt.paragraphs] == ["2022年度项目支出绩效自评表", "备注:1.预算执行情况口径"]


def test_delimited_rows_that_omit_merged_cells_are_aligned_under_the_figures() -> None:
    rebuilt = rebuild_flattened_tables(
        document(
            "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因",
            "产出指标 | 数量指标 | 培训人次 | ≥100人次 | 98人次 | 20 | 19.00 | 天气影响",
            "质量指标 | 培训合格率 | ≥90% | 95% | 20 | 20.00 |",
            "满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥90% | 93% | 10 | 10.00",
        )
    )
    (table,) = rebuilt.tables
    assert [row[2:7] for row in table.grid()[1:]] == [
        ["培训人次", "≥100人次", "98人次", "20", "19.00"],
        ["培训合格率", "≥90%", "95%", "20", "20.00"],
        ["学员满意度", "≥90%", "93%", "10", "10.00"],
    ]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("303025 1083.33%8.33", ["30", "30", "25", "10", "83.33%", "8.33"]),
        ("30 30 25 10 83.33% 8.33", ["30", "30", "25", "10", "83.33%", "8.33"]),
        ("306.06305.14273.711089.70%8.97", ["306.06", "305.14", "273.71", "10", "89.70%", "8.97"]),
        ("303025 1083.33%9.99", None),  # no reading satisfies the arithmetic: not guessed
    ],
)
def test_run_together_funds_rows_are_split_by_their_arithmetic(text: str, figures: list[str] | None) -> None:
    assert split_total_row(text, list(FUNDS_COLUMNS)) == figures


# ---- narrative claims


def test_enumerations_and_parts() -> None:
    body = paragraphs(
        "前两个季度新增的7家揭榜企业为甲公司、乙公司、丙公司、丁公司、戊公司、己公司和庚公司。",
        "已陆续赋能光大银行、民生银行、建设银行等相关金融机构。",
        "收集需求58条，其中各局办提出需求50条，社会公众提出需求8条，在10月8日完成。",
        "项目产出指标包括实际完成率、质量达标率、完成及时性、成本节约率4个三级指标。",
    )
    enumerations = {(e.count.value, len(e.items)) for e in find_enumerations(body)}
    assert (Decimal(7), 7) in enumerations and (Decimal(4), 4) in enumerations  # 及 inside 完成及时性
    assert all(e.count.value != 3 for e in find_enumerations(body))  # “…等” is an open list
    (part_whole,) = find_part_wholes(body)
    assert part_whole.whole.value == 58 and [p.value for p in part_whole.parts] == [50, 8]
    weights, counts = level1_claims(body, ["产出"])
    assert counts["产出"].value == 4 and not weights
    # an ordinal is no count (第二批), and a list closed by 等 stays open past 共计
    open_lists = paragraphs(
        "其中包括甲项目、2024年第二批补助项目、乙项目、丙项目等,共计16个项目。",
        "项目包括甲、乙、丙3个项目。",
    )
    assert [(e.count.value, len(e.items)) for e in find_enumerations(open_lists)] == [(Decimal(3), 3)]


def test_parts_of_measured_and_counted_quantities() -> None:
    # dev y008 (亩, decimals), dev c035 (the whole's bracket names the parts' other units, the parts run
    # on past ；), dev y020 (a new total after the parts is none of them)
    body = paragraphs(
        "项目征地290亩,其中殡仪馆场区建设征地面积52.17亩,周边征地面积183.9亩,连接道路用地征地面积52.98亩。",
        "共安装软硬件设备16954套(台、块、项),其中:总平台558套(台、块、项);前端视频监控补点14666台(套);"
        "综治精品社区242套。年内完成项目总体30%投入。",
        "在职人员编制24人,其中:行政编制14人,工勤人员编制3人,事业编制7人,在职在编实有30人。",
        "完成造林1.2万亩,其中人工造林8000亩,封山育林4000亩。",
    )
    found = [(p.whole.value, p.unit, [x.value for x in p.parts]) for p in find_part_wholes(body)]
    assert found == [
        (Decimal(290), "亩", [Decimal("52.17"), Decimal("183.9"), Decimal("52.98")]),
        (Decimal(16954), "套", [Decimal(558), Decimal(14666), Decimal(242)]),
        (Decimal(24), "人", [Decimal(14), Decimal(3), Decimal(7)]),
    ]  # 万亩 and 亩 are different units: no parts of 1.2万亩


def test_a_count_followed_by_its_own_list_is_read_from_that_list() -> None:
    # dev j015: the words before 9 个 name what is counted (内设股室、单位), the nine follow the colon
    body = paragraphs(
        "我部门共有内设股室、单位 9 个:综合部、人事教育部、计划财务部、编辑制作部、采访部、事业发展部、"
        "技术播出保障部、电视发射部、广播运行部。"
    )
    assert [(e.count.value, len(e.items)) for e in find_enumerations(body)] == [(Decimal(9), 9)]


def test_an_itemised_list_may_open_after_wei_or_a_colon_with_a_circled_marker() -> None:
    # dev v049: 分别项目为①…；②…: the first entry's figures are the first item's, not the whole's
    text = "分别项目为①森林防火补助支付21万元,资金执行率30.88%;②生态护林员项目1605万元,资金执行率100%。"
    assert is_itemised(text)
    amounts = extract_text_amounts(paragraphs(text)[0], itemised=True)
    assert [a.item for a in amounts] == ["①森林防火补助", "②生态护林员项目"]
    # dev a006: a form's (1) cell run into the text after a colon is no item
    assert not is_itemised("资金来源:(1)财政拨款103.21%资金结构:(1)基本支出103.21%")


def test_parts_listed_with_a_dun_comma_and_a_list_cut_off_by_the_excerpt() -> None:
    # dev ae006 (a 、 list of parts, a published slip: 7 + 4 + 13 is 24, not 25), dev c035 (a 、 inside
    # brackets lists units, not parts), dev ae028 (the excerpt ends inside the list: no sum to check)
    body = paragraphs(
        "在职人员总数25人,其中:行政编制人员7人、参公编制人员4人、事业编制人员13人。",
        "安装设备16954套(台、块、项),其中:总平台558套(台、块、项);前端14666台(套)。",
        "行政事业总编制为249个,其中行政编13个、全额事业编45个、差额",
    )
    found = [(p.whole.value, [x.value for x in p.parts]) for p in find_part_wholes(body)]
    assert found == [
        (Decimal(25), [Decimal(7), Decimal(4), Decimal(13)]),
        (Decimal(16954), [Decimal(558), Decimal(14666)]),
    ]


def test_headings_read_item_numbers_before_a_figure() -> None:
    heads = find_headings(
        paragraphs("一、概况", "1.背景", "2.内容", "3.7月，配合完成了申报。", "（二）过程", "二、评价")
    )
    assert [(h.level, h.number) for h in heads] == [(1, 1), (3, 1), (3, 2), (3, 3), (2, 2), (1, 2)]


def test_a_table_of_contents_lists_headings_it_does_not_repeat_them() -> None:
    # dev ai013: 目 录 / 一、基本情况 1 / (一)项目概况 1 / 二、绩效评价工作开展情况 10, then the body's own headings
    heads = find_headings(
        paragraphs(
            "目 录",
            "一、基本情况 1",
            "(一)项目概况 1",
            "二、绩效评价工作开展情况 10",
            "一、基本情况",
            "(一)项目概况",
        )
    )
    assert [h.text for h in heads] == ["一、基本情况", "(一)项目概况"]
    # a body list whose items end in a figure is read as headings
    assert len(find_headings(paragraphs("一、资金 1", "二、人员 2"))) == 2


# ---- metadata


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("某区民政局2023年度部门整体支出绩效评价报告", "department_overall"),
        ("某区民政局2023年度“居家养老”项目绩效自评报告", "self_evaluation"),
        ("2024年度项目支出绩效自评表", "self_evaluation_table"),
        ("某区财政局“智慧城管”重点项目支出绩效评价报告", "project_evaluation"),
        ("某区民政局2024年部门预算", "not_report"),
        ("某区政务服务数据管理局政府采购项目中标公告", "not_report"),
        # dev f004, f012: news of an event, however much evaluation it mentions
        ("省财政厅第三方机构对武进区农村分散式生活污水处理工程进行绩效评价实地勘察", "not_report"),
        ("2021年本市农田建设资金计划顺利下达", "not_report"),
    ],
)
def test_report_type_from_the_title(title: str, expected: str) -> None:
    assert report_type_of(title, "", has_form=False) == expected


def test_fiscal_year_is_the_year_evaluated_not_published() -> None:
    assert fiscal_year_of("某局2021年度项目绩效评价报告", "", {}) == 2021
    assert (
        fiscal_year_of(
            "某局项目绩效评价报告", "2022年度预算，2022年度执行；2023年3月发布", {"发文日期": "2023-03-26"}
        )
        == 2022
    )


def test_project_from_quotes_or_from_the_title_words() -> None:
    assert project_of("区政务服务数据管理局“人工智能应用创新服务中心日常运营”重点项目支出绩效评价报告") == (
        "人工智能应用创新服务中心日常运营"
    )
    assert project_of("黄岛区民政局2023年度居家养老服务项目绩效自评报告") == "居家养老服务"
    # a title that names no project: 年度 is what stood between the unit's year and 项目 (dev aa013, k006)
    assert project_of("元阳县大坪乡人民政府2023年度项目支出绩效自评报告") is None


def test_places_are_completed_and_ambiguous_districts_are_not_guessed() -> None:
    assert place_of(["福田区率先出台方案，深圳福田"]) == ("广东省", "深圳市", "福田区")
    assert place_of(["鼓楼区民政局"]) == (None, None, "鼓楼区")  # 南京, 福州, 徐州, 开封 all have one
    assert place_of(["南京市鼓楼区民政局"]) == ("江苏省", "南京市", "鼓楼区")
    assert place_of(["北京市朝阳区财政局"]) == ("北京市", "北京市", "朝阳区")


def test_not_a_report_yields_no_invented_facts() -> None:
    facts = extract_facts(
        document(
            "某区民政局2024年部门预算",
            "一、部门基本情况",
            "2024年部门预算收入合计1,234.56万元，其中财政拨款收入1,000.00万元。",
            "二、预算绩效管理情况",
            "本部门对全部项目编制了绩效目标。",
        )
    )
    assert not facts.metadata.is_report and facts.projects == []


# ---- segmentation and sections


def test_sections_carry_path_sentences_and_tokens_with_domain_terms_whole() -> None:
    doc = Document(
        "docx",
        [
            Paragraph("某局项目绩效评价报告", is_title=True),
            Paragraph("一、基本情况"),
            Paragraph("（一）资金情况"),
            Paragraph("年度总指标为267.90万元，资金到位率为89.30%。预算执行率100%。"),
        ],
    )
    rows = extract_sections(doc, "d")
    assert [(r.path, r.heading) for r in rows] == [
        ("", ""),
        ("一、", "一、基本情况"),
        ("一、/（一）", "（一）资金情况"),
    ]
    last = rows[-1]
    assert last.sentences == ["年度总指标为267.90万元，资金到位率为89.30%。", "预算执行率100%。"]
    assert "资金到位率" in last.tokens and "预算执行率" in last.tokens


def test_group_weights_written_in_the_names_become_subtotals() -> None:
    table = grid_table(
        [
            ["一级指标", "二级指标", "三级指标", "标准分值", "考评得分"],
            ["产出指标（50分）", "数量指标（30分）", "培训人次", "30", "28"],
            ["产出指标（50分）", "质量指标（20分）", "合格率", "20", "20"],
            ["效益指标（50分）", "社会效益", "覆盖率", "50", "50"],
        ]
    )
    (project,) = recognise_tables([table], default_project="X")
    assert [(i.level1, i.level2) for i in project.indicators] == [
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("效益指标", "社会效益"),
    ]
    assert [(s.level1, s.level2, s.weight.value) for s in project.subtotals] == [
        ("产出指标", None, Decimal(50)),
        ("产出指标", "数量指标", Decimal(30)),
        ("产出指标", "质量指标", Decimal(20)),
        ("效益指标", None, Decimal(50)),
    ]


def test_a_form_gives_its_project_department_unit_and_goals() -> None:
    table = grid_table(
        [
            ["项目名称", "社区养老服务", "社区养老服务", "社区养老服务"],
            ["主管部门", "某区民政局", "实施单位", "某区养老服务中心"],
            ["年度总体目标", "预期目标", "预期目标", "实际完成情况"],
            ["年度总体目标", "完成上门服务1000人次", "完成上门服务1000人次", "已完成1020人次"],
            ["一级指标", "三级指标", "分值", "得分"],
            ["产出指标", "服务人次", "90", "90"],
        ]
    )
    (project,) = recognise_tables([table], default_project=None)
    assert project.name == "社区养老服务"
    assert project.fields == {
        "department": "某区民政局",
        "unit": "某区养老服务中心",
        "goal_expected": "完成上门服务1000人次",
        "goal_actual": "已完成1020人次",
    }
    assert [i.level3 for i in project.indicators] == ["服务人次"]


@pytest.mark.parametrize(
    ("title", "org"),
    [
        ("西湖区环境卫生管理处2021年度“生活垃圾分类处理”项目绩效自评报告", "西湖区环境卫生管理处"),
        ("某区政务服务数据处理中心2023年度项目绩效自评报告", "某区政务服务数据处理中心"),
        (
            "关于2015年度市南区城市管理和综合执法局市容环境综合整治项目的绩效评价报告",
            "市南区城市管理和综合执法局",
        ),
    ],
)
def test_the_unit_a_title_names(title: str, org: str) -> None:
    assert title_org(title) == org


def test_a_city_written_before_its_district_is_trusted_over_an_older_gazetteer() -> None:
    # cpca's data knows only 海口's 龙华区; 深圳's was created later
    assert place_of(["为落实深圳市龙华区2019年度民生实事工作部署"]) == ("广东省", "深圳市", "龙华区")


def test_scores_given_per_level2_only() -> None:
    table = grid_table(
        [
            ["一级指标", "二级指标", "分值", "得分"],
            ["运行成本", "预算编制质量", "20", "18"],
            ["运行成本", "预算执行", "30", "30"],
            ["履职效能", "重点工作完成", "50", "48.5"],
            ["总分", "总分", "100", "96.5"],
        ]
    )
    (project,) = recognise_tables([table], default_project="部门整体")
    assert [(i.level1, i.level2, i.level3, i.name) for i in project.indicators][0] == (
        "运行成本",
        "预算编制质量",
        None,
        "预算编制质量",
    )
    assert project.total_score.value == Decimal("96.5")


def test_negative_and_zero_amounts() -> None:
    assert [a.value for a in find_amounts("结余资金-12.50万元，其他资金0.00万元")] == [
        Decimal("-12.50"),
        Decimal("0.00"),
    ]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("执行率", "预算执行率"),
        ("项目执行率", "预算执行率"),
        ("预算完成率", "预算执行率"),
        ("资金执行率", "资金执行率"),
        ("资金拨付率", "支付率"),
        ("资金到位率", "资金到位率"),
        ("支出进度", "支出进度"),
        ("政府采购执行率", "政府采购执行率"),
        ("政府采购管理执行率", None),  # a generic wording of something that is not money
        ("任务完成率", None),
    ],
)
def test_rate_kinds_come_from_a_fixed_vocabulary(name: str, kind: str | None) -> None:
    from extractors.vocabulary import rate_kind

    assert rate_kind(name) == kind


@pytest.mark.parametrize(
    ("name", "family"),
    [("项目决策", "决策"), ("投入(15分)", "决策"), ("产出指标", "产出"), ("履职效能", "产出"), ("部门效果", "效益"),
     ("满意度指标", "满意度"), ("运行成本", "过程"), ("预算执行", "预算执行"), ("其他", None)],
)  # fmt: skip
def test_level1_names_fall_into_families_across_frameworks(name: str, family: str | None) -> None:
    from extractors.vocabulary import level1_family

    assert level1_family(name) == family


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("补助经费预算10441万元", "budget_adjusted"),
        ("10441万元资金全部拨付到位", "received"),
        ("合计75万元，已于本年度支出75万元", "spent"),
        ("转移支付资金50万元", "other"),  # a funding source: 支付 inside 转移支付 is no payment
        ("年中预算调整-1363.33万元", "other"),
        ("补助标准4400元/人", "other"),
        ("年满80-89周岁的老年人,每人每月发放100元", "other"),  # dev y014: a standard before the figure
        ("我司每年的老年人免费乘车补贴专项资金280万元", "budget_adjusted"),  # dev m028: the year's budget
        ("为每位老人发放补贴，共计发放12万元", "spent"),  # a total after the standard
        ("下达财政衔接资金280万元", "budget_adjusted"),
        ("实际已支付186.98万元", "spent"),
    ],
)
def test_roles_from_real_wording_before_or_after_the_figure(text: str, role: str) -> None:
    amounts = extract_text_amounts(Paragraph(text=text, page=1, block_id=0), itemised=False)
    assert amounts[-1].role == role


def test_form_funds_row_after_a_blank_row_and_a_wrapped_indicator_row_are_read() -> None:
    """The funds header's full marks sit in brackets (预算执行情况(万元)(20分), 得分 (20分*执行率)), a blank
    row (||) stands between the header and its data, and an indicator row's figures wrapped to the
    next line: all one form, read as such."""
    facts = extract_facts(
        document(
            "项目支出绩效自评表 |",
            "项目名称 | 某某扶持项目 | |",
            "预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |",
            "||",
            "年度财政资金总额 | 650 | 94 | 0.1 | 2.9 | ||",
            "一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |",
            "产出指标 | 数量指标 | 扶持经营主体 (个) |",
            "15 | 6 | 8.0 | |",
            "满意度指标 | 服务对象满意度指标 | 满意度(%) | 90 | 100 | 11.1 | |",
            "总分 | 22.0 | |||||",
        )
    )
    (project,) = facts.projects
    assert [(a.role, a.value) for a in project.amounts] == [("budget_adjusted", 650), ("spent", 94)]
    funds = next(i for i in project.indicators if i.level1 == "预算执行")
    assert (funds.weight and funds.weight.value, funds.score and funds.score.value) == (20, Decimal("2.9"))
    wrapped = next(i for i in project.indicators if i.name.startswith("扶持经营主体"))
    assert (wrapped.target_value, wrapped.actual_value, wrapped.score and wrapped.score.value) == (
        "15",
        "6",
        Decimal("8.0"),
    )
    # the printed ratio 0.1 is not 94 / 650 = 14.46 %, and the score 2.9 follows the true rate
    checks = {(r.check_id, r.status) for r in run_checks(facts, "doc")}
    assert ("rate_recompute", "fail") in checks and ("indicator_sum_total", "pass") in checks


def test_a_row_whose_first_cell_wrapped_onto_a_line_of_its_own_stays_in_the_table() -> None:
    facts = extract_facts(
        document(
            "一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |",
            "产出指标 | 数量指标 | 完成宣传片 | 1部 | 1部 | 10 |",
            "成本指标",
            "| 宣传片制作费 | 200万 | 195.5万元 | 10 |",
            "满意度指标 | 满意度指标 | 群众满意度 | 满意 | 完成 | 10 |",
        )
    )
    names = [i.name for p in facts.projects for i in p.indicators]
    assert names == ["完成宣传片", "宣传片制作费", "群众满意度"]


def test_an_amount_alone_in_the_cell_after_a_fund_label_is_the_budget() -> None:
    # dev c013 (项目金额 |\n25,674.55万元 |) and ab009 (项目总金额: |\n556万元 |): a cover table one cell a
    # line; a label naming an income (s035: 木材销售收入 |\n1100万元) or a figure with more words stays other
    cell = Paragraph("25,674.55万元 |", page=1)
    [amount] = extract_text_amounts(cell, False, label_cell="项目金额 |")
    assert amount.role == "budget_adjusted" and amount.value == Decimal("25674.55")
    [amount] = extract_text_amounts(Paragraph("556万元 |", page=1), False, label_cell="项目总金额: |")
    assert amount.role == "budget_adjusted"
    [amount] = extract_text_amounts(Paragraph("1100万元", page=1), False, label_cell="木材销售收入")
    assert amount.role == "other"
    [amount] = extract_text_amounts(Paragraph("预计25,674.55万元 |", page=1), False, label_cell="项目金额 |")
    assert amount.role == "other"
