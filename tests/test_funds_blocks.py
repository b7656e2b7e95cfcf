"""Funds blocks of self-evaluation forms pasted into pages as text, rebuilt and read (real dev lines)."""

from __future__ import annotations

from decimal import Decimal

from extractors.document import Document, Paragraph
from extractors.tables.flattened import rebuild_flattened_tables
from extractors.tables.funds_arithmetic import split_total_row
from extractors.tables.indicators import recognise_tables


def funds_of(*lines: str) -> dict[str, Decimal]:
    """role -> amount in 元 of the funds block the lines rebuild into (the project totals only)."""
    document = Document("txt", [Paragraph(t, page=1, block_id=f"b{k}") for k, t in enumerate(lines)])
    projects = recognise_tables(rebuild_flattened_tables(document).tables, default_project=None)
    amounts = [a for p in projects for a in p.amounts if a.label is None]
    return {a.role: a.value * {"万元": 10000, "元": 1}[a.unit] for a in amounts}


def test_label_and_value_cells_one_a_line() -> None:
    # the 财政支出项目绩效评价自评报告 form (dev m027, k007): label / unit caption / figure
    lines = ["项目起止时间", "2017年 | 1 | 月起至 | 2017 | 年 | 12 | 月止", "计划安排资金", "(万元)", "89",
             "实际到位资金", "(万元)", "89", "实际支出", "(万元)", "89", "结余(万元)", "其中:中央财政"]  # fmt: skip
    assert funds_of(*lines) == {"budget_adjusted": 890000, "received": 890000, "spent": 890000}
    garbled = ["计划安排资金 (万元) |", "700 |", "实际到位资金 (万元) |", "7,00.0,77 |", "实际支出 (万元) |",
               "7,00.0,77 |", "结余 (万元) |", "0 |"]  # fmt: skip
    assert funds_of(*garbled) == {"budget_adjusted": 7000000, "received": 7000770, "spent": 7000770}


def test_label_and_value_cells_with_colons() -> None:
    # dev u014: 预算执行情况 / 预算数: / 2.38 / 执行数: / 2.38 / 20
    lines = ["预算执行情况", "预算数:", "2.38", "执行数:", "2.38", "20", "其中:中央补助", "2.38  万元"]
    assert funds_of(*lines) == {"budget_adjusted": 23800, "spent": 23800}


def test_a_label_without_its_figure_is_no_block() -> None:
    # dev m009 wrote the cells with 计划安排资金 empty: one pair is not a block
    assert funds_of("计划安排资金", "(万元)", "实际到位资金", "(万元)", "75") == {}


def rates_of(*lines: str) -> list[Decimal]:
    document = Document("txt", [Paragraph(t, page=1, block_id=f"b{k}") for k, t in enumerate(lines)])
    projects = recognise_tables(rebuild_flattened_tables(document).tables, default_project=None)
    return [r.stated.value for p in projects for r in p.rates]


def test_the_rate_written_as_a_ratio() -> None:
    # dev m025: 执行率 0.958 (27.8 / 29, cut short), the figures spaced, header and rows in one paragraph
    row = ("项目资金年初预算数全年预算数全年执行数分值执行率得分(万元) 年度资金总额29 29 27.8 9 0.958 8"
           "其中:当年财政拨款29 29 27.8 9 0.958 8上年结转资金其他资金年度总体目标预期目标实际完成情况")  # fmt: skip
    assert funds_of(row) == {"budget_initial": 290000, "budget_adjusted": 290000, "spent": 278000}
    assert rates_of(row) == [Decimal("95.8"), Decimal("95.8")]  # the total's, the 其中 row's
    # dev a015: run together, 1.56 | 1.56 | 1 | 20 (score 20分*执行率), a scoring table's 分值 further on
    ocr = ("预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)年度财政资金总额1.561.56120"
           "度效标O0B年绩目1分EB二级指标三级指标年初目标值(A)实际完成值(B)得分出标产指数量指标补贴渔船数6620")  # fmt: skip
    assert funds_of(ocr) == {"budget_adjusted": 15600, "spent": 15600}
    assert rates_of(ocr) == [Decimal(100)]


def test_money_cells_that_name_their_unit() -> None:
    # dev k004: the block is headed (万元) and each cell says 万 again
    lines = [
        "转移支付(项目)名称 | 医疗救助补助资金 | ||||||",
        "资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||",
        "年度资金总额: | 3359.62万 | 3359.62万 | 100% | ||||",
        "其中:中央财政资金 | 829.3万 | 829.3万 | 100% | ||||",
        "其他资金 | |||||||",
        "二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施 | |",
    ]
    assert funds_of(*lines) == {"budget_adjusted": Decimal("33596200"), "spent": Decimal("33596200")}


def test_header_cells_copied_after_the_rows() -> None:
    # dev m014 (an .xls copied as one line): 得分 comes after the rows, and "100 100%" is 分值 and 执行率,
    # not one spaced number
    from extractors.text.normalise import normalise_text

    line = normalise_text(
        "项目资金(万元) 实施单位 上饶市司法局 年初预算数 全年预算数 全年执行数 分值 执行率(全年 执行数/全年 预算数) "
        "年度资金总额: 620.82万元 620.82万元 620.82万元 100 100% 10 其中:当年财政 拨款 620.82万元 620.82万元 "
        "620.82万元 100 100% 10 得分 上年结转资金 其他资金 预期目标 实际完成情况"
    )
    assert funds_of(line) == {
        role: Decimal("6208200") for role in ("budget_initial", "budget_adjusted", "spent")
    }
    assert rates_of(line) == [Decimal(100), Decimal(100)]


def test_header_and_first_label_end_a_paragraph_the_figures_follow_one_a_line() -> None:
    # dev s029: …附件二2023年度部门整体支出绩效自评表…年初预算数全年预算数全年执行数分值执行率自评得分年度资金总额
    lines = ["附件二2023年度部门整体支出绩效自评表预算部门、单位名称衡山县贯塘乡人民政府年度预算申请(万元"
             "年初预算数全年预算数全年执行数分值执行率自评得分年度资金总额",
             "861.10", "2030.12", "2030.12", "10", "100%", "10", "按收入性质分:2030.12按支出性质分:1925.67"]  # fmt: skip
    assert funds_of(*lines) == {
        "budget_initial": Decimal("8611000"),
        "budget_adjusted": Decimal("20301200"),
        "spent": Decimal("20301200"),
    }
    # dev m021: 执行率 written as a bare 20 (10 / 50)
    lines = ["1、持续性项目 ☑ 2、新增性项目 □预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)"
             "得分(20分*执行率)年度财政资金总额", "50", "10", "20", "4", "年度绩效目标"]  # fmt: skip
    assert funds_of(*lines) == {"budget_adjusted": 500000, "spent": 100000}
    assert rates_of(*lines) == [Decimal(20)]


def test_run_together_rows_whose_published_rate_is_off_are_still_split() -> None:
    # dev a013: 年度资金总额:1484631.00% is 148 | 46 | 31.00% (46 / 148 = 31.08%, the slip the rate
    # check reports); 4646100% is 46 | 46 | 100%, not 4646 | 10 | 0%
    columns = ["全年预算数", "全年执行数", "执行率"]
    assert split_total_row("1484631.00%", columns) == ["148", "46", "31.00%"]
    assert split_total_row("4646100%", columns) == ["46", "46", "100%"]
    assert split_total_row("10200%", columns) == ["102", "0", "0%"]
    line = ("资金投入情况(万元)全年预算数(A)全年执行数(B)预算执行率(B/A×100%)年度资金总额:1484631.00%"
            "其中:中央财政资金10200%地方资金4646100%其他资金资金管理情况情况说明存在问题")  # fmt: skip
    assert rates_of(line) == [Decimal("31.00"), Decimal(0), Decimal(100)]


def test_a_total_row_labelled_heji() -> None:
    # dev a028: 资金来源 预算数(A) 执行数(B) 执行率(B/A), rows 一般预算内拨款 and 合计, run together
    line = ("项目实施单位区园林和林业局预算执行情况(万元)资金来源预算数(A)执行数(B)执行率(B/A)一般预算内拨款6363100%"
            "合计6363100%年度绩效目标完成情况一级指标二级指标三级指标年初目标值实际完成值")  # fmt: skip
    assert funds_of(line) == {"budget_adjusted": 630000, "spent": 630000}


def test_label_figure_pairs_on_one_line() -> None:
    # dev m032 (a 预算项目绩效自评表 copied from a page): the rate's name is on the line above
    lines = ["二、预算执行情况预算安排情况(调整后) 资金到位情况资金执行情况预算执行进度(%)",
             "预算数6.84到位数6.84执行数6.84 100.00", "其中:财政资金6.84其中:财政资金6.84其中:财政资金6.84"]  # fmt: skip
    assert funds_of(*lines) == {"budget_adjusted": 68400, "received": 68400, "spent": 68400}
    assert rates_of(*lines) == [Decimal("100.00")]


def test_the_unit_in_the_row_above_the_funds_header() -> None:
    # dev m001: | 公开14表 | 项目名称 | … | 实施单位 | 永德县明朗中学 | 项目资金 (元) |, then the header
    from extractors.document import Cell, Table

    rows = [
        [
            "公开14表",
            "项目名称",
            "义务教育营养改善计划专项资金",
            "实施单位",
            "永德县明朗中学",
            "项目资金 (元)",
            "",
        ],
        ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "年度资金总额"],
        ["387664.62", "387664.62", "387664.62", "10", "100%", "10", ""],
    ]
    table = Table(
        [Cell(r, c, t) for r, row in enumerate(rows) for c, t in enumerate(row)], n_rows=3, n_cols=7
    )
    (project,) = recognise_tables([table], default_project=None)
    assert {(a.role, a.value, a.unit) for a in project.amounts} == {
        (role, Decimal("387664.62"), "元") for role in ("budget_initial", "budget_adjusted", "spent")
    }


def test_header_cells_whose_opening_bracket_was_lost() -> None:
    # dev s050 (OCR, one cell a line): 预算数(A) / 执行数B) / 执行率B/A)
    lines = ["预算执行情况(万元)", "20分)", "预算数(A)", "执行数B)", "执行率B/A)", "年度财政资金总额", "800万元",
             "800万元", "100%", "年度绩效目标", "98分)", "一级指标"]  # fmt: skip
    assert funds_of(*lines) == {"budget_adjusted": 8000000, "spent": 8000000}
    assert rates_of(*lines) == [Decimal(100)]


def test_an_unlabelled_total_row_after_the_header() -> None:
    # dev k003 (an .xlsx copied cell by cell): the labels before the header, 年初预算数 empty
    line = ("稷山县项目支出绩效自评表 (2020年度) 项目名称 建档立卡个人缴费县级配套资金 主管部门 稷山县医疗保障局 项目资金 "
            "年初预算数 (万元) 年度资金总额 其中:当年财政拨款 实施单位 全年预算数 全年执行数 分值 执行率 得分 65.66 65.07 "
            "10 99% 9 65.66 65.07 — 99% — 上年结转资金 — — 其他资金 — — 预期目标 实际完成情况")  # fmt: skip
    assert funds_of(line) == {"budget_adjusted": 656600, "spent": 650700}
    # dev m003: the figures out of order (0 207.4538 10 100% 10 207.4538): no reading fits, none is made
    scrambled = ("项目资金 (万元) 年度资金总额 实施单位 稷山县翟店镇卫生院 全年预算数 全年执行数 分值 执行率 得分 0 207.4538 10 "
                 "100% 10 207.4538 — 100% — 其中:当年财政拨款 上年结转资金 其他资金 年度 总体 目标")  # fmt: skip
    assert funds_of(scrambled) == {}


def test_a_row_with_a_figure_for_each_money_column_only() -> None:
    # dev o023 (a whole form on one line): 全年预算(A) 全年执行(B) then the row's two figures; its rate and
    # score cells stand further on (执行率(B/A) 100% 权重 得分 20 20)
    line = ("项目具体实施单位 全年预算(A) 全年执行(B) 年度资金总额: 20.16 20.16 项目资金(万元) 其中:中央补助 省级资金 "
            "其他资金 资金说明 10.08 10.08 填报日期:2021/10/18 执行率(B/A) 100% 权重 得分 20 20 年度指标值 一级指标")  # fmt: skip
    assert funds_of(line) == {"budget_adjusted": 201600, "spent": 201600}
    # dev x016: the total row without its label, its 其中 rows labelled: both read
    x016 = ("转移支付(项目)名称 就业补助资金 全年预算数(A) 全年执行数(B) 7165.32 6992.95 其中:中央财政资金 3144.00 3144.00 "
            "自治区资金 570.17 570.17 年度目标")  # fmt: skip
    assert funds_of(x016) == {"budget_adjusted": 71653200, "spent": 69929500}


def test_a_row_printed_with_one_figure_too_many() -> None:
    # dev u042: four 28.1 under 年初预算数 / 全年预算数 / 全年执行数; whichever is dropped, the row reads the same
    columns = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    notes: list[str] = []
    assert split_total_row("28.1 28.1 28.1 28.1 10 100% 10", columns, notes) == [
        "28.1", "28.1", "28.1", "10", "100%", "10"
    ]  # fmt: skip
    assert len(notes) == 1
    # the dropped figure would change the reading (30 or 25 spent): not guessed
    assert split_total_row("30 30 25 30 10 100% 10", columns) is None


def test_cells_one_a_line_with_lone_bars_between_them() -> None:
    # dev u016: each cell on its line and a lone | between cells (not an empty cell)
    lines = ["预算数(A)", "|", "执行数(B)", "|", "执行率(B/A)", "|", "得分", "(20分*执行率)", "|", "||||",
             "年度财政资金总额", "|", "34.64", "|", "34.64", "|", "100%", "|", "20", "|", "|||||", "年度绩效目标"]  # fmt: skip
    assert funds_of(*lines) == {"budget_adjusted": 346400, "spent": 346400}
    assert rates_of(*lines) == [Decimal(100)]


def test_cells_one_a_line_in_wan() -> None:
    # dev u050: the money cells say 万 (150万 |), each cell closed by its own |
    lines = ["项目资金 (万元) |", "|", "年初预算数 |", "全年预算数 |", "全年执行数 |", "分值 |", "执行率 |", "得分 |",
             "||||||", "年度资金总额 |", "150万 |", "150万 |", "125.25万 |", "100 |", "83.5% |", "98 |", "|||||||"]  # fmt: skip
    assert funds_of(*lines) == {"budget_initial": 1500000, "budget_adjusted": 1500000, "spent": 1252500}


def test_a_bare_rate_below_one_is_read_by_the_rows_figures() -> None:
    # a ratio (dev m025: 0.958 for 27.8 / 29) or a per cent (0.5 for 1 / 200), as the row's figures say
    from extractors.document import Cell, Table

    def rate(spent: str, budget: str, written: str) -> Decimal:
        rows = [["项目资金", "全年预算数", "全年执行数", "执行率"], ["年度资金总额", budget, spent, written]]
        table = Table(
            [Cell(r, c, t) for r, row in enumerate(rows) for c, t in enumerate(row)], n_rows=2, n_cols=4
        )
        (project,) = recognise_tables([table], default_project=None)
        return project.rates[0].stated.value

    assert rate("27.8", "29", "0.958") == Decimal("95.8")
    assert rate("1", "200", "0.5") == Decimal("0.5")


def test_bar_rows_under_a_funds_header_without_scoring_words() -> None:
    # dev u054, the 中央支付地方 transfer form: 全年预算数 | 全年执行数 | 预算执行率 and no 分值 or 得分
    # column, the block a table of its own for its three funds words
    lines = ["转移支付(项目)名称 | 社会办养老机构运营补贴 | 联系人及电话 | 刘军52218152 | |||||",
             "资金情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A) | |||||",
             "年度资金总额: | 350 | 342.07 | 97.73% | |||||", "其他资金 | ||||||||"]  # fmt: skip
    assert funds_of(*lines) == {"budget_adjusted": 3500000, "spent": 3420700}
    assert rates_of(*lines) == [Decimal("97.73")]


def test_a_form_copied_out_of_order_names_its_indicator_header_before_the_funds_header() -> None:
    # dev x025: 一级指标 and the total row's label come before 预算数 (A) 执行数(B) …, the figures after
    row = ("预算执行 情况(万元) (20 分) 一级指标 年度财政 资金总额 项目实施单位 投资促进中心 □ 预算数 (A) 执行数(B) "
           "执行率(B/A) 得分 (20 分*执行率) 285.84 285.84 100% 20 三级指标 年初目标值 (A) 实际完成值 (B) 得分")  # fmt: skip
    assert funds_of(row) == {"budget_adjusted": 2858400, "spent": 2858400}
    assert rates_of(row) == [Decimal(100)]


def test_a_transfer_form_of_budget_and_execution_alone_copied_out_of_order() -> None:
    # dev x016 (an .xlsx copied cell by cell): 全年预算数(A) 全年执行数(B), the total's two figures
    # after them, the last running into the next label, and the row's label 年度资金总额 after all
    row = ("附件1 就业补助资金绩效目标自评表 (2022年度) 转移支付(项目)名称 就业补助资金 中央主管部门 人力资源社会保障部 "
           "全年预算数(A) 全年执行数(B) 7165.32 6992.95其中:中央财政资金 3144.00 3144.00 其他资金 1591.22 1551.84 "
           "年度资金总额 资金投入情况 (万元) 地方主管部门 临河区财政局 总体目标")  # fmt: skip
    assert funds_of(row) == {"budget_adjusted": 71653200, "spent": 69929500}


def test_label_figure_pairs_of_the_transfer_form_flattened() -> None:
    # dev f008 (区域绩效目标自评表): each figure after its label, the label after the payer, the rate
    # between them; 5.8万 names its unit
    block = ("单位名称 遂宁市市场监督管理局经开区分局 联系人及电话 预算执行情况 (万元) 转移支付预算数(A) 5.8万 "
             "预算执行率(B/A) 100% 转移支付执行数(B) 5.8万 年度目标完成情况 预期目标 目标实际完成情况")  # fmt: skip
    assert funds_of(block) == {"budget_adjusted": 58000, "spent": 58000}
    # a rate that disagrees with its figures is no reading of them
    assert funds_of(block.replace("100%", "60%")) == {}
    # a sentence that names the same columns is the text's, not a form's
    sentence = ("2022年,我区城乡居民基本养老保险全年预算数1080245.79万元,全区执行数1032849.44(含中央资金689139.31万元),"
                "总预算执行率95.61%。年度总体目标全部完成。")  # fmt: skip
    assert funds_of(sentence) == {}


def test_a_header_line_in_yuan_and_rows_with_wide_gaps() -> None:
    # dev h001: the unit in the header line's first cell, an empty cell's wide gap marked | in the rows
    assert funds_of(
        "资金构成(元) 年初预算数全年预算数执行数分值执行率(%) 得分",
        "资金总额: 120,000.00 120,000.00 30,000.00 10.00 | 25 2.5",
        "其中:财政资金: 0.00 0.00 0.00 | 0",
    ) == {"budget_initial": 120000, "budget_adjusted": 120000, "spent": 30000}
    # dev h012: the header's wide gaps marked |, the row after it without any
    assert funds_of(
        "项目资金 | (万元) | 年初预算数全年预算数全年执行数分值 | 执行率得分",
        "年度资金总额: 25 25 25 10 100.00% 10.00",
    ) == {"budget_initial": 250000, "budget_adjusted": 250000, "spent": 250000}


def test_a_flattened_table_of_units_each_row_cut_by_its_arithmetic() -> None:
    # dev v035: 序号 / 各设区市名称 / 全年预算数 / 全年执行数 / 预算执行率, each row run together
    # (684.7568.3883.01% is 684.7 | 568.38 | 83.01%, not 684.75 | 68.38); the rows after a sharing
    # site's page marker (2、) before the header printed again; the totals last
    text = ("江西省体育局二O二二年三月序号各设区市名称全年预算数全年执行数预算执行率2省田游运动管理 中心319.65134.0241.93%"
            "3省水上运动管理 中心350350.00100.00%\n2、省直部门及所属单位小计1545.851013.2565.55%14上饶市684.7568.3883.01%"
            "序号各设区市名称全年预算数全年执行数预算执行率18新余市52.3939.4475.28%合计68006027.9588.65%由上表可知,执行良好。")  # fmt: skip
    document = Document(
        "txt", [Paragraph(t, page=1, block_id=f"b{k}") for k, t in enumerate(text.split("\n"))]
    )
    (project,) = recognise_tables(rebuild_flattened_tables(document).tables, default_project=None)
    rates = {r.label: str(r.stated.value) for r in project.rates}
    assert rates == {
        "省田游运动管理中心": "41.93",
        "省水上运动管理中心": "100.00",
        "省直部门及所属单位小计": "65.55",
        "上饶市": "83.01",
        "新余市": "75.28",
        None: "88.65",
    }
    assert {a.role: a.value for a in project.amounts if a.label is None} == {
        "budget_adjusted": Decimal("6800"),
        "spent": Decimal("6027.95"),
    }


def test_an_unlabelled_row_whose_rate_stands_elsewhere_is_read_by_its_score() -> None:
    # dev a029 (a PDF's text in scrambled order): thousands separators, the rate's merged cell printed
    # further on, the block's unit (元) after the figures; 10 × 215457.6 / 250000 = 8.62
    line = ("财政项目支出绩效自评表 (2022 年度) 项目名称 主管部门 上海市普陀区体育局 年初预算数 全年预算数 全年执行数 分值 执行率 "
            "得分 250000.00 250000.00 215,457.6 10 8.62 250000.00 250000.00 215457.6 — 上年结转资金 0 0 — 年度资金总额 "
            "项目资金 (元) 实施单位 预期目标 年度 总体 目标 86.19% 实际完成情况")  # fmt: skip
    assert funds_of(line) == {
        "budget_initial": 250000,
        "budget_adjusted": 250000,
        "spent": Decimal("215457.6"),
    }
    # a score the share does not give is no reading
    assert funds_of(line.replace("8.62", "7.62")) == {}
