"""Roles of amounts in real sentences (dev part of tests/real)."""

from __future__ import annotations

import pytest

from extractors.document import Paragraph
from extractors.facts.amounts import extract_text_amounts, find_breakdowns, receipt_sections
from extractors.text.segment import segmented


def roles(text: str) -> list[tuple[str, str]]:
    return [(a.role, str(a.value)) for a in extract_text_amounts(Paragraph(text, page=1), itemised=False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev n025, m039: a budget that the words after it say arrived is the budget and the receipt
        ("保山市财政局下达我局森林防火三三制经费75.96万元,全部到位。",
         [("budget_adjusted", "75.96"), ("received", "75.96")]),
        ("中央财政安排和省级财政配套的14856.17万元资金全部拨付到位,资金到位率100%。",
         [("budget_adjusted", "14856.17"), ("received", "14856.17")]),
        # dev u011: a fund named with no cue before it, said to have arrived: the budget and the receipt
        ("林业有害生物防治率达到上级下达的指标,林业改革发展资金30万元,资金已到位。",
         [("received", "30"), ("budget_adjusted", "30")]),
        # dev w009: 全部列入 a project is no receipt
        ("下达第一批乡村振兴衔接资金100万元,全部列入兴庆区月牙湖乡滨河家园垃圾转运站提升改造项目,资金到位率100%。",
         [("budget_adjusted", "100")]),
        # dev m024: what should be spent (应执行数) is the budget, like 应到位
        ("全年应执行数为7.79万元,实际执行率为100%。", [("budget_adjusted", "7.79")]),
        # dev k008: 支出预算 is the expenditure budget, not spending
        ("2020年我单位局农村公路养护项目支出预算共602.6167万元,包含项目24个,实际支出503.8232万元",
         [("budget_adjusted", "602.6167"), ("spent", "503.8232")]),
        # dev ag009: 预算执行 (one word, the indicator's name) before a figure is what was executed
        ("2017年预算金额160.56万元,经费来源为财政补助收入,预算执行98万元,执行率61%。",
         [("budget_adjusted", "160.56"), ("spent", "98")]),
        # dev ai008: 收 the verb (a word of its own) is a receipt; 收 inside 收入 or 征收 is not
        ("2017年,海口林场收市级留用森林植被恢复费专项资金315万元,根据资金使用要求", [("received", "315")]),
        # dev m024: 拨 inside 下拨 is no word of its own: a province's share, not spending
        ("2023年省级下拨1-4级分散供养残疾军人护理费3.89万元;", [("other", "3.89")]),
        # dev k006: spending after the budget, in its own clause, keeps its own role only
        ("目前项目资金已拨付270万元。", [("spent", "270")]),
        # dev k006: a fund named by its programme, whose name holds a verb (使用), is the budget
        ("统筹整合使用财政涉农资金303万元,主要用于养殖基地建设。", [("budget_adjusted", "303")]),
        # dev e005, v050: every role the clauses after it give, within its sentence
        ("第二职业高中项目债券2024年3月发行2000万元,全部已到位,全部已使用。", [("received", "2000"), ("spent", "2000")]),
        ("下达乐道冲村药用野菊花深加工项目资金50万元,全部用于购买药用野菊花深加工设备。",
         [("budget_adjusted", "50"), ("spent", "50")]),
        ("下达项目资金50万元。全部用于设备购置的计划已报批。", [("budget_adjusted", "50")]),
    ],
)  # fmt: skip
def test_a_budget_said_to_have_arrived(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev c007: the 年初 budget, then a top-up dated 年底 and the spending
        ("2023年初我局申请预算资金2000万元,年底追加预算资金1000万元用于公交补贴项目,截止2023年底,已使用资金2924.27万元。",
         [("budget_initial", "2000"), ("budget_adjusted", "1000"), ("spent", "2924.27")]),
        # dev b019, w006: 年初 a clause or a few words before the budget
        ("2022年初农村危房改造资金预算安排300.7万元 ,用于农村低收入群体房屋安全,计划补助115户。",
         [("budget_initial", "300.7")]),
        ("为顺利开展城市工作,我局2021年年初预算项目73个,预算项目经费15690.38万元,具体包括:交通秩序综合整治155.85万元",
         [("budget_initial", "15690.38"), ("other", "155.85")]),
        # dev ae022, ae012: 收入 next to a budget word is the budget's revenue, not money received
        ("2021年预算收入2121.08万元(年初预算收入1163.36万元,年中追加1041.53万元。",
         [("budget_adjusted", "2121.08"), ("budget_initial", "1163.36"), ("other", "1041.53")]),
        ("2021年初收入预算51587.78万元,年中调整预算64163.86万元。",
         [("budget_initial", "51587.78"), ("budget_adjusted", "64163.86")]),
    ],
)  # fmt: skip
def test_a_budget_dated_to_the_year_start_is_the_initial_one(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert roles(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev s040, m011: 万 alone after a money word, or before one, is 万元
        ("投入中央直达资金29.6万,执行数29.6万,执行率100%", [("29.6", "万元"), ("29.6", "万元")]),
        ("财政局分2批次将141.8万补助资金通过", [("141.8", "万元")]),
        # dev g010, v045: the figure ends its phrase before a bracketed note or 并
        ("省级资金290.36万(一般公共预算)", [("290.36", "万元")]),
        ("示范村建设项目预算资金13.971129万并且全部到位", [("13.971129", "万元")]),
        # dev a009, b040: counts and tonnes are not money
        ("自行采购马铃薯原原种200万粒,建成原种", []),
        ("综合治理后年保土量3.51万t", []),
    ],
)
def test_wan_alone_is_wan_yuan_where_money_is_named(text: str, expected: list[tuple[str, str]]) -> None:
    from extractors.text.numbers import find_amounts

    assert [(str(a.value), a.unit) for a in find_amounts(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev m036: 拨付的 only describes the money; 收到 says what happened
        ("(1)奖补资金到位率:收到拨付的省电子商务发展资金96万元,资金在审核落实中。", [("received", "96")]),
        # dev b014: 到位的 describes it; what happened follows the figure
        ("2020年项目到位的8954.61万元资金全部用于拨付临沂经济技术开发区医药健康产业园区基础设施建设项目工程款。",
         [("spent", "8954.61")]),
        # dev n002, a007: nothing else said, the describing cue stands
        ("2023年度县本级预算安排的衔接资金为64万元", [("budget_adjusted", "64")]),
        ("此次下达的一般公共预算50.29万元为中央直达资金", [("budget_adjusted", "50.29")]),
    ],
)  # fmt: skip
def test_a_cue_that_only_describes_the_money(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected


def breakdowns(text: str, itemised: bool = False) -> list[tuple[str, list[str]]]:
    amounts = extract_text_amounts(Paragraph(text, page=1), itemised=itemised)
    return [
        (str(b.total.value), [str(p.value) for p in b.parts])
        for b in find_breakdowns(segmented(text), amounts)
    ]


@pytest.mark.parametrize(
    ("text", "itemised", "expected"),
    [
        # dev k014: 86.5万 is both budget and receipt; the 其中 sum counts it once
        ("经费1293.5万元,其中基建设备项目规划资金1207万元、学前教育阶段学生资助资金86.5万,资金已到位。", False,
         [("1293.5", ["1207", "86.5"])]),
        # dev b032, m039, s020, n024: 其中 opens the sentence after the total
        ("(二)金寨县麻埠镇人民政府2023年度下达上级资金转移支付755.19万元。其中:中央级资金转移支付124.23万元,"
         "省级资金转移支付370.83万元,市级资金260.3万元,资金共分为10个项目。", False,
         [("755.19", ["124.23", "370.83", "260.3"])]),
        ("实际形成支出14474.11553万元,支出率97.43%。其中,中央财政安排资金支出11300.10553万元,"
         "省级财政配套资金支出3174.01万元。", False,
         [("14474.11553", ["11300.10553", "3174.01"])]),
        # dev b027, k009, u019: the parts go on after a ； while they fall short of the total
        ("(1)资金筹集:2024年,我区通过政府一般债券方式安排自治区财政补助资金3.30亿元支持住房保障,其中:"
         "安排5440万元支持配售型保障性住房项目;安排252万元支持新筹集公租房;安排27285.3万元支持筹集保障性租赁住房。",
         False, [("3.30", ["5440", "252", "27285.3"])]),
        # dev c031: parts that already make up the total end it; what the money is used for is no part
        ("共下达我县2020年度移民后扶资金2272万元,其中:中央资金1753万元,省级资金519万元;用于直发直补资金609.22万元、"
         "项目扶持资金138.78万元、切块项目资金1524万元。", False, [("2272", ["1753", "519"])]),
        # dev u026: the next sentence's figures play another role (完成投资: spent)
        ("截至2023年10月底,互助土族自治县实施12项,总投资5158万元,其中中央专项资金4584万元,项目全部开工,开工率达100%;"
         "完成投资1294万元,吸纳农村当地群众务工人员1048人,支付劳务报酬1096万元。", False, [("5158", ["4584"])]),
        # dev n018: a change is no total; dev s032: a restated sum (共计) is no part
        ("2022年度本年收入合计2371.75万元,比上年减少563.59万元,下降19.20%,其中:财政拨款收入2371.75万元,"
         "占收入合计的100%;上级补助收入0万元,占收入合计的0%。", False, [("2371.75", ["2371.75"])]),
        ("项目批复总投资61.8万元。其中:下达中央财政资金30.9万元,县财政资金30.9万元,共计下达61.8万元。", False,
         [("61.8", ["30.9", "30.9"])]),
        # dev s013: an itemised paragraph: the total and its parts in the same item
        ("(1)拟新建3栋4层的复式标准厂房;(2)新建道路广场;(3)配套室外公共工程设施。项目概算总投资为269,847,166.9元,"
         "其中:工程费为218,431,364.09元,工程建设其他费用为34,695,937.72元,预备费用为12,656,365元,"
         "建设期利息4,063,500元。", True,
         [("269847166.9", ["218431364.09", "34695937.72", "12656365", "4063500"])]),
        # dev v026, m026, u051, w006: 具体是 / 具体为 / 具体包括 open the parts as 其中 does
        ("共下达专项资金144.53万元,具体是老年人福利类90.79万元,儿童福利类16万元,残疾人福利类32万元,养老服务4.75万元。",
         False, [("144.53", ["90.79", "16", "32", "4.75"])]),
    ],
)  # fmt: skip
def test_breakdowns_in_real_sentences(
    text: str, itemised: bool, expected: list[tuple[str, list[str]]]
) -> None:
    assert breakdowns(text, itemised) == expected


def test_parts_listed_with_a_dun_comma_each_have_their_own_label() -> None:
    text = "共下达经费873万元,具体为下达修缮工程545万元、预防性保护105万元、防雷工程223万元。"
    amounts = extract_text_amounts(Paragraph(text, page=1), itemised=False)
    assert [a.label for a in amounts] == [None, "下达修缮工程", "预防性保护", "防雷工程"]


def test_a_sum_of_the_payers_is_the_budget() -> None:
    # dev k002: 共计 after the payers names the whole; each payer's figure after 其中 stays a share
    text = (
        "2021年、2022年山东省高标准农田建设中央及省级资金共计1838247万元,"
        "其中2021年省级资金248000万元、中央资金597784万元。"
    )
    assert roles(text) == [("budget_adjusted", "1838247"), ("other", "248000"), ("other", "597784")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev u029, s023: money secured (争取) is the allocation, though a payer names it
        ("按照规定每卷(册)2元的标准测算,争取到市级财政资金21.44万元。", [("other", "2"), ("budget_adjusted", "21.44")]),
        ("我单位2023年新增地方政府专项债券项目3个,争取债券资金1.69亿元。", [("budget_adjusted", "1.69")]),
        # dev n015: 争取到位 is the receipt (到位 nearer the figure)
        ("喀左县共两批次争取到位中央财政衔接推进乡村振兴补助中央直达资金959万元。", [("received", "959")]),
    ],
)  # fmt: skip
def test_money_secured_is_the_budget(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # dev e018, b015, a006: income the project earns is a result, not money it received
        ("全年累计接待观影人数达4.4万人次,营业收入超过188万元。", [("other", "188")]),
        ("带动村集体经济收入≥20万元,带动产业发展。", [("other", "20")]),
        # dev s047: a department's 本年收入 is what it received
        ("财政拨款项目支出年初结转和结余2.27万元,本年收入1230.14万元,本年支出1230.14万元。",
         [("other", "2.27"), ("received", "1230.14"), ("spent", "1230.14")]),
    ],
)  # fmt: skip
def test_income_earned_is_no_receipt(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(text) == expected


def test_in_a_section_on_the_money_s_arrival_an_allocation_arrived() -> None:
    # dev m011, k027, w009: 到位 sections state the allocation, or the fund by its name only, and it arrived;
    # a budget named as such stays the budget, and a section on arrival and use is not one
    texts = [
        "二、绩效目标完成情况分析",
        "1、项目资金到位情况分析。2023年共下达我区补助资金246.2万元。",
        "截至2019年底,中和木材检查站租金项目经费11.2万元。全部列入财政预算。",
        "项目预算安排总额153.55万元。",
        "2、项目资金执行情况分析。2023年全区共下达补助资金141.8万元。",
        "3、资金到位及使用情况。下达资金50万元。",
    ]
    paragraphs = [Paragraph(t, page=1) for t in texts]
    inside = receipt_sections(paragraphs)
    assert inside == {1, 2, 3}
    found = [
        [(a.role, str(a.value)) for a in extract_text_amounts(p, itemised=False, receipt_section=k in inside)]
        for k, p in enumerate(paragraphs)
    ]
    assert found[1] == [("budget_adjusted", "246.2"), ("received", "246.2")]
    assert found[2] == [("budget_adjusted", "11.2"), ("received", "11.2")]
    assert found[3] == [("budget_adjusted", "153.55")]
    assert found[4] == [("budget_adjusted", "141.8")]
    assert found[5] == [("budget_adjusted", "50")]


def test_a_figure_in_brackets_opened_by_han_is_a_part() -> None:
    # dev x028, f010: (含…) holds parts of the figure before it; a count in such brackets leaves the
    # figure after them alone (dev u034)
    def labelled(text: str) -> list[tuple[str, str, str | None]]:
        return [
            (a.role, str(a.value), a.label)
            for a in extract_text_amounts(Paragraph(text, page=1), itemised=False)
        ]

    assert labelled("共涉及项目3个,资金2890.00万元(含对下转移支付资金700万元),除不可预见经费外。") == [
        ("budget_adjusted", "2890.00", None),
        ("other", "700", "对下转移支付资金"),
    ]
    assert labelled(
        "我厅开展了部门整体支出绩效自评(含预算归口管理单位25个),涉及一般公共预算支出282,796.90万元。"
    ) == [("spent", "282796.90", None)]


def test_a_document_number_s_year_is_no_sum() -> None:
    # dev u060: the copy lost 〕218号, the year runs into the sum; the figure after a whole number is read
    assert roles("具体为:财建〔20202185000万元,湘财预〔2020143 12000万元。") == [("other", "12000")]


def test_a_sum_stated_after_the_parts_it_adds_up() -> None:
    # dev i008: the parts listed with 、, then ，共219万元; a sum the parts miss leaves both alone
    text = "2023年共安排支出项目4个,即驻京驻肥工作组经费120万元、信访接待矛盾纠纷排查59万元、人民调解委员10万元、市本级涉法涉诉救助资金30万元,共{}万元。"
    assert roles(text.format(219)) == [
        ("other", "120"),
        ("other", "59"),
        ("other", "10"),
        ("other", "30"),
        ("budget_adjusted", "219"),
    ]
    assert roles(text.format(220))[-1] == ("other", "220")
