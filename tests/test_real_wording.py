"""Report or not, the title, rate kinds and the total score, on the wording of real pages (the development part of tests/real:
each case quotes the page it comes from)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from checks.agreement import grade_band
from extractors.document import Document, Paragraph
from extractors.extract import extract_facts
from extractors.facts.metadata import find_title, fiscal_year_of
from extractors.facts.narrative import find_enumerations, find_grade, find_total_score
from extractors.facts.rates import extract_text_rates, pairing_for
from extractors.facts.report_type import report_type_of
from extractors.vocabulary import rate_kind
from tests.test_extract_units import grid_table


def page(*lines: str) -> Document:
    return Document("txt", [Paragraph(t, page=1, block_id=f"b{k}") for k, t in enumerate(lines)])


def title_of(*lines: str) -> str | None:
    doc = page(*lines)
    return find_title(doc, doc.paragraphs)


def test_the_title_is_the_line_that_names_the_document_not_the_menu_before_it() -> None:
    # w004: a menu in bullets and a header block in brackets, then the title
    assert (
        title_of(
            "• 首页",
            "• 政务公开",
            "• [ 索引号 ] 11500000009276433Y/2019-00751 [ 发文字号 ]",
            "[ 主题分类 ] 财政 [ 体裁分类 ] 财政预算、决算",
            "[ 发布机构 ] 市水利局",
            "重庆市2018年度水利发展资金绩效评价结果的说明",
            "为进一步加强水利发展资金使用管理,提高财政资金使用效益,依据《重庆市水利发展资金绩效管理实施细则》"
            "要求,市财政局、市水利局委托第三方进行了绩效评价,现就评价结果予以公开:",
        )
        == "重庆市2018年度水利发展资金绩效评价结果的说明"
    )
    # m042: the site's search box, menu and slogan
    assert (
        title_of(
            "搜索",
            "大英新闻首页动态公示公告查看内容",
            "真正让“遂宁效率”成为“遂宁品牌”",
            "大英县民政局2022年度中央对地方转移支付项目绩效自评情况公示",
            "2023-6-30 14:55| 发布者: 大英县人民政府| 查看: 160",
        )
        == "大英县民政局2022年度中央对地方转移支付项目绩效自评情况公示"
    )


def test_a_site_s_greeting_is_no_title_and_a_title_run_into_the_field_after_it_is_cut_there() -> None:
    # dev x037: the greeting above the page, the title joined to the form's 项目名称 field
    assert (
        title_of(
            "欢迎进入天水市自然资源局!",
            "设为首页 | 加入收藏 | 无障碍阅读",
            "麦积区社棠镇不稳定斜坡治理工程(二期) 治理工程支出绩效评价报告项目名称:麦积区社棠镇不稳定斜坡治理工程"
            "(二期)治理工程项目主管部门: 天水市自然资源局评价实施部门: 天水市自然资源局麦积分局",
            "2024年6月",
            "一、项目基本情况",
        )
        == "麦积区社棠镇不稳定斜坡治理工程(二期) 治理工程支出绩效评价报告"
    )
    # a report's opening sentence is no title run into a field
    assert (
        title_of("现将自评情况报告如下:项目名称:城乡义务教育补助经费,资金总额120万元,全部用于学生生活补助。")
        is None
    )


def test_a_title_run_into_the_body_s_opening_words_is_cut_there() -> None:
    # dev ae022: the page joined the title to the first sentence (…绩效评价报告为进一步规范…); its year, not the
    # 2022年度 of the notice the body cites, is the year evaluated
    line = (
        "邵阳市交通运输局2021年整体支出绩效评价报告为进一步规范和加强预算资金管理,提高财政资金使用绩效,根据市财政局"
        "《关于开展2022年度部门整体支出绩效评价工作的通知》相关要求,我局对2021年部门整体支出情况实施了绩效自评。"
    )
    assert title_of("索引号: | |||", line) == "邵阳市交通运输局2021年整体支出绩效评价报告"
    # a sentence that reports before its opening words is no title
    assert title_of("现将自评情况报告如下:根据市财政局要求,我局对2021年项目开展了绩效自评,结果良好。") is None


def test_a_title_wrapped_over_two_lines_keeps_both_and_its_edition() -> None:
    # n025, c014, a002
    assert (
        title_of(
            "保山市林业和草原局2021年度",
            "项目绩效自评报告",
            "(市级森林防火“三三制”补助经费项目)",
            "一、项目基本情况",
        )
        == "保山市林业和草原局2021年度项目绩效自评报告(市级森林防火“三三制”补助经费项目)"
    )
    assert (
        title_of("美丽乡村示范点及自然村财政奖励资金绩效", "评价报告")
        == "美丽乡村示范点及自然村财政奖励资金绩效评价报告"
    )
    assert title_of("部门整体支出绩效自评表", "(2023年度)") == "部门整体支出绩效自评表(2023年度)"
    # d007: a title over three lines, the year on the first; its page's 2023年度 is the evaluation round
    assert (
        title_of("2022年省巩固拓展产业扶贫重点项目", "会同县湖南绿地高新竹笋产业基地", "建设项目绩效评价报告")
        == "2022年省巩固拓展产业扶贫重点项目会同县湖南绿地高新竹笋产业基地建设项目绩效评价报告"
    )
    # the line above the year's stays out (a site's menu)
    assert (
        title_of(
            "政务公开",
            "2022年省巩固拓展产业扶贫重点项目",
            "会同县湖南绿地高新竹笋产业基地",
            "建设项目绩效评价报告",
        )
        == "2022年省巩固拓展产业扶贫重点项目会同县湖南绿地高新竹笋产业基地建设项目绩效评价报告"
    )


def test_a_heading_or_an_addressee_is_no_title() -> None:
    # m038: the excerpt starts with the body; w005: the addressee of a report to the 人大
    assert not title_of("一、自评结论", "(一)自评得分", "按照项目绩效自评表的相关条款和细节认真梳理对照")
    assert not title_of("区人大常委会办公室:", "一、重点评价项目基本情况")


@pytest.mark.parametrize(
    "text",
    [
        # n019: a reporter's byline
        "本次专项资金绩效评价,分全实地考察、省最记者从市发改委获悉,日照对专项资金使用和项目执行情况进行独立绩效评价。",
        # n009: news of an evaluation visit
        "近日,山西省财政厅绩效评价工作组一行到寿阳县就2021年开发区建设专项资金使用情况进行绩效评价。",
    ],
)
def test_news_of_evaluation_work_is_not_a_report(text: str) -> None:
    assert report_type_of("", text, has_form=False) == "not_report"


def test_a_notice_addressed_to_the_unit_it_allocates_to_is_not_a_report() -> None:
    # dev z008: the addressee, then 现下达你单位… and a request for 绩效 work: a notice, unless the page
    # also carries the unit's filled form
    text = ("乐昌市教育局:\n根据韶关市财政局《关于提前下达2019年城乡义务教育公用经费补助资金的通知》文件精神,"
            "现下达你单位2019年城乡义务教育公用经费补助资金(详见附件)。\n请加强财政资金绩效管理,完善绩效目标管理。")  # fmt: skip
    assert report_type_of("", text, has_form=False) == "not_report"
    assert report_type_of("项目支出绩效自评表", text, has_form=True) != "not_report"


def test_a_form_with_its_fields_left_blank_is_a_template() -> None:
    # a012 (a document-sharing site's blank form), s003 (a blank 江苏省财政厅 form)
    a012 = (
        "1、附件3中央引导地方科技发展资金绩效目标自评表项目类别:项目名称:承担单位:(盖章)(2021年度)"
        "转移支付(项目)名称中央引导地方科技发展资金中央主管部门财政部、科技部"
    )
    s003 = "省级财政支出项目绩效报告表\n(实施单位)\n项目名称:\n项目类别:\n项目实施单位: (盖章)\n项目主管部门:\n评价机构:"
    assert report_type_of("中央引导地方科技发展资金绩效目标自评表", a012, has_form=True) == "not_report"
    assert report_type_of("", s003, has_form=False) == "not_report"
    # a filled form names its project (a003)
    filled = "项目名称:高标准农田建设项目\n主管部门:萧县农业农村局\n实施单位:萧县农业农村局"
    assert report_type_of("绩效目标自评表(2023年度)", filled, has_form=True) == "self_evaluation_table"
    # dev ai013: a cover one field a line, each value on the line after its label, is filled
    cover = "委托单位名称:\n昆明市西山区财政局\n评审机构名称:\n昆明博扬会计师事务所有限公司项目单位名称:\n昆明市西山区城市管理局"
    assert (
        report_type_of("西山区公园绿地管养专项资金项目绩效评价报告", cover, has_form=False)
        == "project_evaluation"
    )


@pytest.mark.parametrize(
    "text",
    [
        # w005: a finance bureau's summary of 11 evaluations
        "评价结果显示,绩效评价结果为“优”的项目有1项,涉及金额为460万元;绩效评价结果为“良”的项目有6项。",
        # n001
        "重点绩效评价的14个项目,评价结果等级为“优”的4个、“良”的7个。",
        # c006: a cover page for the attached reports
        "现将绩效部分在门户网站公开,请社会各界予以监督。\n附件:\n"
        "附件1:2021年构树产业发展及体验服务综合体建设补助资金项目绩效评价报告.pdf\n"
        "附件2:陆港委2018年—2021年秦州三阳川隧道项目绩效评价报告.pdf\n"
        "附件3:天水市各县区乡镇2021年乡村公益性补贴绩效评价报告.pdf",
        # g003, w005: the number of projects a round of evaluations covered
        "阳高县财政局委托第三方会计师事务所进行绩效评价。本次项目支出绩效评价共24个项目,项目类型包括政府基金预算项目。",
        "今年我局委托第三方机构对“重庆市诚善中学校改扩建资金项目”等11个社会关注度较高的政策和项目实施了重点绩效评价。",
        # y010: the projects a round chose
        "从2021年重点项目、重大民生项目中选取了12个项目,对预算执行结果完成情况实施重点绩效评价。",
    ],
)
def test_a_bulletin_of_several_results_is_not_a_report(text: str) -> None:
    assert report_type_of("", text, has_form=False) == "not_report"


def test_one_evaluation_counting_its_indicators_is_no_bulletin() -> None:
    # dev ab008: 26 indicators of one project's evaluation, not 26 projects evaluated
    text = (
        "****财政局根据《**区预算项目支出绩效评价管理办法》,对2019-2021年道路保洁项目开展重点绩效评价,涉及资金6.5亿元。"
        "从决策、过程、产出、效益4个一级指标,项目立项、绩效目标设立、资金投入等12个二级指标以及预算执行率、资金使用合规性、"
        "合同执行分效性等26个三级指标来对项目进行绩效评价,最终得分85.82,等级为良。\n一、项目概况\n二、绩效评价工作开展情况"
    )
    assert report_type_of("", text, has_form=False) == "project_evaluation"


@pytest.mark.parametrize(
    "text",
    [
        # dev aa002: a 决算's contents, naming the 绩效 reports attached to it
        "2024年度广元市利州区大石镇人民政府\n部门决算\n目录\n第一部分 部门概况\n第二部分 2024年度部门决算情况说明\n"
        "一、收入支出决算总体情况说明\n二、收入决算情况说明\n三、支出决算情况说明\n第四部分 附件\n"
        "附件1 部门预算绩效评价报告\n附件2 专项预算绩效自评报告",
        # dev aa021: the statements of a 决算, the first line of the page its first part
        "第一部分 保山市林业局(本级)概况\n一、主要职能\n第二部分 2018年度部门决算表\n一、收入支出决算总表\n"
        "二、收入决算表\n三、支出决算表\n第三部分 2018年度部门决算情况说明\n项目绩效自评报告",
        # dev ac021: a 决算's explanations under the unit's description
        "一、部门基本情况\n(一)职能职责。\n负责本地区农田建设相关事务性工作,组织开展项目实施和初步验收、绩效评价工作。\n"
        "二、部门决算情况说明\n(一)收入支出决算总体情况说明。\n2021年度收入总计1,340.55万元。",
        # dev ac024: a regulation's chapters and articles, run together by a document-sharing site
        "精选优质文档-倾情为你奉上吉林省农业综合开发绩效评价办法(试行)第一章总则第一条 为规范和加强农业综合开发项目资金管理,"
        "结合我省实际,制定本办法。第二条 本办法所称的绩效评价,是指根据设定的绩效目标对项目资金管理和实施效果进行综合性考核与评价。",
        # dev ab004, ac015: a wire's tag and a news item's 日前
        "【大河财立方消息】5月5日,财政部公布中央财政海绵城市建设示范补助资金2022年绩效评价结果,结果显示全国45个城市入选。",
        "日前,我县财政局召开绩效重点评价工作布置会,全面开展2024年度预算重点绩效评价工作。",
    ],
)
def test_budget_publications_regulations_and_news_are_not_reports(text: str) -> None:
    assert report_type_of("", text, has_form=False) == "not_report"


def test_a_report_that_attaches_one_budget_statement_is_a_report() -> None:
    # dev Q008: the department-wide report lists its attachments, one of them a 决算 statement
    text = "一、部门基本情况\n二、部门整体支出管理及使用情况\n附件5 绩效自评表\n附件6收入支出决算表"
    assert (
        report_type_of("XX局2023年度部门整体支出绩效自评报告", text, has_form=False) == "department_overall"
    )


def test_a_deadline_is_no_news_and_a_long_title_is_a_title() -> None:
    # 日前 after a date is a deadline (于2023年12月31日前完成), not a news item's opening
    text = "一、项目基本情况\n项目于2023年12月31日前完成验收。\n二、绩效自评结论\n经自评,项目得分95分。"
    assert report_type_of("XX县2023年度项目绩效自评报告", text, has_form=False) == "self_evaluation"
    # dev ac023: a long title that ends in its kind (函) above its document number, which is no title
    title = (
        "关于告知“上海闵行职业技术学院开办费”、“闵行区初中学业考试体育与健身科目考场升级及扩容”、"
        "“第一课堂”项目事前绩效评估评审结果的函"
    )
    assert (
        title_of("当前位置:", title, "来源:上海市闵行区财政局 发布时间:2023年1月18日", "闵财前评〔2023〕5号")
        == title
    )
    # dev j009, d004: a page that prints the headline and the title as one line
    assert title_of("浙江省项目支出绩效评价报告(防尘洗护费)浙江省项目支出绩效评价报告(防尘洗护费)") == (
        "浙江省项目支出绩效评价报告(防尘洗护费)"
    )


def test_a_table_of_several_projects_and_their_grades_is_a_bulletin() -> None:
    # m022
    table = grid_table(
        [
            ["序号", "主管部门", "项目单位", "项目名称", "发行金额(亿元)", "评价得分", "评价结果", "备注"],
            [
                "1",
                "三门县住房和城乡建设局",
                "三门县市政公用工程建设事务中心",
                "三门县城镇污水处理设施建设工程",
                "0.4",
                "87",
                "良",
                "",
            ],
            [
                "2",
                "三门县住房和城乡建设局",
                "三门县市政公用工程建设事务中心",
                "三门县石羊溪水质提升工程",
                "1.36",
                "91",
                "优",
                "",
            ],
        ]
    )
    title = "三门县住房和城乡建设局2024年度专项债券项目资金绩效评价情况表"
    assert report_type_of(title, "", has_form=False, tables=[table]) == "not_report"
    assert report_type_of(title, "", has_form=False, tables=[]) != "not_report"


def test_a_disclosure_with_a_results_section_is_a_report() -> None:
    # b034: a 彩票公益金 use disclosure that reports its targets' results
    text = (
        "现对2023年度衡山县福利彩票公益金使用情况公示如下:\n一、中央集中彩票公益金使用管理情况\n1.总体情况\n"
        "2023年,衡山县收到中央集中彩票公益金支持社会福利事业资金总额为38.8万元,已全部使用。\n"
        "3.执行情况\n截至2023年12月31日,实现支付38.8万元,预算执行率为100%。\n4.主要绩效目标及完成情况\n"
    )
    assert report_type_of("", text, has_form=False) != "not_report"


def test_a_scored_indicator_table_is_a_form_even_when_not_rebuilt() -> None:
    # a016: a cell-per-line 评分表 with a 自评得分 column
    text = "一级指标\n|\n二级指标\n|\n三级指标\n|\n评分标准\n|\n分值\n|\n自评得分\n|\n扣分原因和其他说明\n|\n投入\n(15分)"
    assert report_type_of("", text, has_form=False) == "self_evaluation_table"
    # c034: a national scoring standard without a score column is not
    template = "评价内容| 评价指标(分值)| 指标说明| 评分标准\n(一)项目决策(20分)"
    assert report_type_of("", template, has_form=False) == "not_report"


def test_targets_without_a_word_of_results_are_not_a_report() -> None:
    # a007, c022: a funds notice with its 绩效目标表
    text = "附件:1.绩效目标表(一般公共预算资金)\n年度绩效目标\n一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标"
    assert report_type_of("", text, has_form=True) == "not_report"


# ---- rates named as real reports write them, and the total score


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("经费发放率", "支付率"),  # m023: 经费发放率为98%
        ("发放率", "支付率"),  # s027: 执行发放,发放率100%
        ("社会化发放率", None),  # m042: 助学金社会化发放率 is an indicator, not money
        ("救助资金发放及时率", None),  # s027: timeliness
        ("实际执行率", "预算执行率"),  # m024: 全年应执行数为7.79万元,实际执行率为100%
        ("中央集中彩票公益金使用率", "预算执行率"),  # b034: a funding source is money
        ("政府采购管理执行率", None),  # a006
        ("到位资金执行率", "预算执行率"),  # e010: 实际到位60000元,实际支付60000元,到位资金执行率100%
        ("到位资金支付率", "预算执行率"),  # k001: 项目共支付470.37万元,到位资金支付率为95.02%
        ("完成支付率", "预算执行率"),  # p026: 共计下达…补助资金930.00万元,完成支付率100% (w008: 支付完成率)
    ],
)
def test_rate_kinds_of_real_wordings(name: str, kind: str | None) -> None:
    assert rate_kind(name) == kind


def test_the_spending_of_the_money_received_is_paired_with_what_was_received() -> None:
    # e010: 财政年度预算资金总额120000元,2021年实际到位60000元,实际支付60000元,到位资金执行率100%
    assert pairing_for("到位资金执行率") == (("spent",), ("received", "budget_adjusted", "budget_initial"))
    assert pairing_for("资金到位率") == (
        ("received", "budget_adjusted"),
        ("budget_initial", "budget_adjusted"),
    )
    assert pairing_for("预算执行率") == (("spent",), ("budget_adjusted", "received", "budget_initial"))


def rates_in(text: str) -> list[tuple[str, Decimal, str | None]]:
    paragraph = Paragraph(text, page=1, block_id="b0")
    return [(r.name, r.stated.value, r.label) for r in extract_text_rates(paragraph, [], False, [])]


def test_a_rate_named_with_its_formula_in_brackets() -> None:
    # dev o023, f008: 执行率(B/A) 100%, 预算执行率(B/A) 100%
    assert rates_in("全年预算(A) 20.16 全年执行(B) 20.16 预算执行率(B/A) 100%") == [
        ("预算执行率", Decimal("100"), None)
    ]
    assert rates_in("资金到位率(%) 98.5%") == [("资金到位率", Decimal("98.5"), None)]
    # the form's column formula keeps the column's name where scrambled text put a name before it
    assert rates_in("填报日期:2021/10/18 张祖锋 执行率(B/A) 100%") == [("执行率", Decimal("100"), None)]
    assert rates_in("政府采购管理执行率100%") == [("政府采购管理执行率", Decimal("100"), None)]


def test_the_share_that_arrived_said_by_the_verb_after_the_figure() -> None:
    # dev y005: 其中:中央资金414.45万元,省级资金373万元,已100%足额到位
    assert rates_in("其中:中央资金414.45万元,省级资金373万元,已100%足额到位。") == [
        ("资金到位率", Decimal("100"), None)
    ]
    assert rates_in("群众满意度100%,项目已全部到位验收。") == []  # 到位 not right after the figure


def test_a_rate_written_as_its_verb_and_the_items_listed_after_it() -> None:
    # b032: 资金执行 is 资金执行率; each project listed after it in the sentence has its own
    text = (
        "2.金寨县麻埠镇人民政府2023年度下达上级资金转移支付10个项目均完工,其中3个项目资金执行100%,"
        "剩余农业农村生态环境支出(2022年农村人居环境整治项目)资金执行99.97%;桂花村美丽乡村项目99.89%,"
        "响洪甸水毁修复项目95.6%,安徽省大别山区水环境生态补偿资金86.02%,2023年美丽乡村建设项目99.49%。"
    )
    assert rates_in(text) == [
        ("资金执行率", Decimal("100"), None),
        ("资金执行率", Decimal("99.97"), None),
        ("资金执行率", Decimal("99.89"), "桂花村美丽乡村项目"),
        ("资金执行率", Decimal("95.6"), "响洪甸水毁修复项目"),
        ("资金执行率", Decimal("86.02"), "安徽省大别山区水环境生态补偿资金"),
        ("资金执行率", Decimal("99.49"), "2023年美丽乡村建设项目"),
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # k014: two rates coordinated inside the words before one figure
        ("经费369万元,其中幼师国培资金97.875万元,资金到位率和及时率达100%。", ["资金到位率", "及时率"]),
        # m023
        ("经费发放率为98%覆盖率及资金到位率均为100%。", ["发放率", "覆盖率", "资金到位率"]),
    ],
)
def test_rates_coordinated_before_one_figure(text: str, names: list[str]) -> None:
    assert [r[0] for r in rates_in(text)] == names


@pytest.mark.parametrize(
    "text",
    [
        # n016: shares of funds, with no rate named before them
        "按照中央资金1%、省级资金3%比例提取项目管理费。",
        # s050 (as a sentence): 投入使用 is no money's rate
        "2023年项目完工、投入使用100%。",
        # another measure after a rate keeps its own (unread) name
        "资金到位率为100%,群众满意度95%。",
        # f014: targets, however their sentence names the measure
        "项目总体目标:完成工程建设进度95%。",
        "阶段性目标:完成工程建设进度35%。",
    ],
)
def test_percentages_that_are_no_listed_rate(text: str) -> None:
    assert [r for r in rates_in(text) if r[0] != "资金到位率"] == []


def test_the_total_stated_as_the_result_s_score() -> None:
    # c002: 客观、公正评价2021年葡萄酒产业发展项目14500万元资金使用情况,评定结果得分为90.15分
    text = (
        "客观、公正评价2021年葡萄酒产业发展项目14500万元资金使用情况,评定结果得分为90.15分,评定等次为“优”。"
    )
    total = find_total_score([Paragraph(text, page=1, block_id="b0")])
    assert total is not None and total.value == Decimal("90.15")
    # dev o016: the total as the 绩效评分
    o016 = "经综合评定,该项目绩效评分100分,评价等级为优。"
    total = find_total_score([Paragraph(o016, page=1, block_id="b0")])
    assert total is not None and total.value == Decimal("100")
    # dev ab008: 分 left out, the grade said next; a figure without either is no total
    ab008 = "从决策、过程、产出、效益4个一级指标…来对项目进行绩效评价,最终得分85.82,等级为良,现将有关情况予以通报。"
    total = find_total_score([Paragraph(ab008, page=1, block_id="b0")])
    assert total is not None and total.value == Decimal("85.82")
    assert (
        find_total_score([Paragraph("最终得分85.82,现将有关情况予以通报。", page=1, block_id="b0")]) is None
    )


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        # c002: the grade introduced by 评定等次
        (
            "客观、公正评价2021年葡萄酒产业发展项目14500万元资金使用情况,评定结果得分为90.15分,评定等次为“优”。",
            "优",
        ),
        # k009: 评价等次 with no verb before the grade
        ("项目实际运行符合发展趋势,绩效评价整体得分85.81分,评价等次优秀。", "优"),
        # w008: 评价等级为
        ("第三方机构最终绩效评价总得分为91.8分,评价等级为优秀。", "优"),
    ],
)
def test_grades_introduced_by_real_wordings(text: str, grade: str) -> None:
    found = find_grade([Paragraph(text, page=1, block_id="b0")])
    assert found is not None and found[0] == grade


def test_a_grade_outside_its_score_band_is_flagged() -> None:
    # k009: 85.81 is 良 under 财预〔2020〕10号's bands, yet the report grades it 优秀
    facts = extract_facts(
        page("三县一区城市老旧小区改造项目绩效评价报告", "绩效评价整体得分85.81分,评价等次优秀。")
    )
    (finding,) = grade_band(facts)
    assert finding.status == "fail" and finding.expected == "良"


def paragraphs(*lines: str) -> list[Paragraph]:
    return page(*lines).paragraphs


def test_the_total_of_a_form_pasted_one_cell_a_line() -> None:
    # u016: the form's last rows, one cell a line, empty cells as |
    total = find_total_score(paragraphs("|||||", "总分(100分)", "|", "100", "|", "自评等级", "|", "优"))
    assert total is not None and total.value == Decimal("100")


def test_the_sum_row_of_an_indicator_table_is_the_total_where_full_marks_and_the_score_end_it() -> None:
    # dev h001: 合计 100.00 46.35, then the next form's title
    total = find_total_score(
        paragraphs("满意度指标服务对象满意度 52 100 100.00% 10.00 10 合计 100.00 46.35 项目支出绩效自评表")
    )
    assert total is not None and total.value == Decimal("46.35")
    # a money row's 合计 goes on to more figures
    assert find_total_score(paragraphs("合计 100 100 95 10 95% 9.5")) is None


def test_the_total_row_of_a_table_whose_head_was_cut_off() -> None:
    # dev v016: the tail of an indicator table, its 合计 row with full marks and the score alone
    tail = grid_table(
        [["聘用人员满意度", "≥", "95", "%", "95", "5", "5"], ["合计", "100", "100", "", "", "", ""]]
    )
    total = find_total_score([], [tail])
    assert total is not None and total.value == Decimal("100")
    # a money row's 合计 has more figures
    assert find_total_score([], [grid_table([["合计", "100", "100", "95"], ["其中", "1", "2", "3"]])]) is None


def test_the_total_under_its_own_heading() -> None:
    # v014: the self-evaluation outline's 一、自评结论 / （一）自评得分, the score the paragraph after it
    total = find_total_score(paragraphs("一、自评结论", "(一)自评得分", "100分。", "(二)绩效目标完成情况"))
    assert total is not None and total.value == Decimal("100")
    # a heading of the scores' analysis is followed by its text, not by the total
    assert find_total_score(paragraphs("(一)自评得分", "产出指标得分40分,效益指标得分28分。")) is None


@pytest.mark.parametrize(
    "lines",
    [
        # s029: 自评得分 heads the score column; the funds row follows
        ("全年执行数", "分值", "执行率", "自评得分", "年度资金总额", "861.10"),
        # the same header over an indicator's cells
        ("分值", "自评得分", "10", "9"),
        # a score above the full marks the label states is no total of it
        ("总分(10分)", "|", "98"),
    ],
)
def test_cells_that_are_no_total(lines: tuple[str, ...]) -> None:
    assert find_total_score(paragraphs(*lines)) is None


def test_the_total_given_as_a_form_s_header_field() -> None:
    # u035: 项目名称: | 重庆市忠县科学技术协会整体监控 | 项目编码: | 50023300024P000060 | 自评总分: | 99.68 |
    header = grid_table(
        [
            [
                "项目名称:",
                "重庆市忠县科学技术协会整体监控",
                "项目编码:",
                "50023300024P000060",
                "自评总分:",
                "99.68",
                "",
            ],
            [
                "项目主管部门:",
                "705-重庆市忠县科学技术协会",
                "财政归口处室:",
                "部门联系人:",
                "冉玲霞",
                "联系电话:",
                "85801577",
            ],
        ]
    )
    total = find_total_score([], [header])
    assert total is not None and total.value == Decimal("99.68")
    # a column headed 自评总分 (no field colon) is the table reader's, not a field
    assert (
        find_total_score([], [grid_table([["三级指标", "分值", "自评总分"], ["资金到位率", "10", "10"]])])
        is None
    )


# ---- the fiscal year


def test_dates_of_writing_are_the_year_after_the_year_evaluated() -> None:
    # m041: the report's date stands in cells; the project ran through 2021
    m041 = "报告日期: | 2022年 | 7月 | 8日\n岳阳县财政局(制)\n项目起止时间\n2021年 | 1 | 月起至 | 2021 | 年 | 12 | 月止"
    assert (
        fiscal_year_of("岳阳县财政支出项目绩效评价自评报告", m041, {"来源": "县林业局 | 2022-07-14 09:53"})
        == 2021
    )
    # s014: only the evaluation's and the report's dates
    s014 = "评价时间: 2013年2月10日至2013年4月25日组织方式:财政部门主管部门项目单位评价单位(盖章): 上报时间:2013年4月25日"
    assert fiscal_year_of("", s014, {}) == 2012
    # s013: the page's date line under the title
    s013 = "海南湾岭农产品加工物流园复式标准厂房(南区)项目支出绩效自评报告\n全部类型海南琼中2025年06月26日\n现将评价情况汇报如下:"
    assert fiscal_year_of("", s013, {}) == 2024
    # d017: the cover's date on a line of its own, with no year evaluated anywhere
    d017 = "雪亮工程项目支出绩效评价报告\n评价机构名称:中共甘谷县委政法委员会\n2024年09月\n报告摘要"
    assert fiscal_year_of("雪亮工程项目支出绩效评价报告", d017, {}) == 2023
    # u014: further down, a date on its own line is a table's cell (a 时效指标's target), not the cover
    u014 = "项目支出绩效自评表\n" + "指标\n100%\n" * 200 + "2021年12月31日\n2021年12月31日\n5"
    assert fiscal_year_of("项目支出绩效自评表", u014, {}) == 2021
    # d004: the project's own period (dotted dates) outweighs the evaluation's date
    d004 = "评价类型:事前评价□ 财政评价组□2020年10月20日\n项目起止时间 | 2019.1.1~2019.12.31"
    assert (
        fiscal_year_of("项目支出绩效评价报告(防尘洗护费)", d004, {"文号": "| 公开日期: | 2020-12-31 |"})
        == 2019
    )
    # the body's dates of the work are the year itself (s012: 截止2023年12月31日)
    assert fiscal_year_of("", "(二)资金使用情况分析\n截止2023年12月31日,项目资金已全部支付。", {}) == 2023


def test_a_sharing_site_s_file_name_does_not_outvote_the_document() -> None:
    # a021: the wrapper names the file twice with 2022年度, the document's own heading says 2023年度
    a021 = (
        "《重庆市梁平区林业局2022年度部门整体绩效自评表.docx》由会员分享,可在线阅读,更多相关《重庆市梁平区林业局2022年度"
        "部门整体绩效自评表.docx(2页珍藏版)》请在第一文库网上搜索。\n1、重庆市梁平区林业局2023年度部门整体绩效自评表"
    )
    assert fiscal_year_of("", a021, {}) == 2023


def test_masked_names_are_an_anonymised_report_and_a_filling_guide_is_a_template() -> None:
    # u005: an essay site masked the places of a real report
    u005 = (
        "根据《xxx市x区财政局关于开展2018年财政绩效评价工作的通知》(xx财﹝2018﹞96号)要求,在x区城市管理局自评的基础上,"
        "评价小组对x区城市管理局2017年度部门预算支出进行了绩效评价,现将相关绩效评价情况报告如下:\n一、项目基本情况"
    )
    assert (
        report_type_of("关于沿江景观亮化和小区道路路灯电费项目支出绩效评价报告", u005, has_form=False)
        != "not_report"
    )
    # u009: a guide to filling in the form
    u009 = "【项目支出绩效自评表填写样例】在政府及企事业单位的财务管理工作中,项目支出绩效评估是一项重要的工作内容。"
    assert report_type_of("", u009, has_form=False) == "not_report"


def test_signatures_left_blank_do_not_make_a_template() -> None:
    # u002: a filled form whose signature lines are blank
    u002 = "效益指标经济效益指标结余率(计算方法为:结余数/预算数)≤5% 22.5 合计100 评价结论及时、足额缴纳。存在问题暂无改进措施暂无项目负责人:财务负责人:"
    assert report_type_of("", u002, has_form=True) == "self_evaluation_table"


def test_a_page_titled_a_targets_table_that_holds_a_filled_form_is_a_report() -> None:
    # dev h012: titled 绩效目标表, a 自评表 with the spending and the scores below
    title, body = (
        "霍邱县科学技术局2022年项目支出绩效目标表",
        "项目支出绩效自评表 (2022年度) 项目名称 科技特派员创业行动经费",
    )
    assert report_type_of(title, body, has_form=True) == "not_report"
    assert report_type_of(title, body, has_form=True, filled_form=True) == "self_evaluation_table"


def test_a_fragment_of_a_filled_form_is_known_by_its_closing_rows() -> None:
    # dev u002, u006: the tail of a self-evaluation form, title and scores cut off
    tail = ("产出指标数量指标足额保障率=100% 22.5 时效指标按时发放率=100% 22.5 合计100 评价结论及时、足额缴纳。"
            "存在问题暂无改进措施暂无项目负责人:财务负责人:")  # fmt: skip
    assert report_type_of("", tail, has_form=False) != "not_report"
    # the rows out of their order, or one of them alone, are no form's
    assert report_type_of("", "存在问题:资金到位慢。评价结论:良好。", has_form=False) == "not_report"


def test_a_spot_check_of_self_evaluations_is_not_one() -> None:
    # dev h017: a finance bureau's 抽查 of the units' self-evaluations
    text = "县扶贫开发工作领导小组:\n在部门单位开展绩效自评的基础上,县财政局对行业部门绩效进行抽查,现将抽查结果报告如下:"
    assert report_type_of("2019泗县扶贫项目绩效自评抽查报告", text, has_form=False) == "not_report"


def test_in_year_monitoring_is_not_an_evaluation() -> None:
    # u018 (运行监控), s038 (跟踪); b022's 绩效监控总结报告 closes the year and stays a report
    text = "现将1-12月份的绩效运行监控报告如下:\n一、绩效目标分解下达情况"
    assert report_type_of("新田镇吴冲路和枫树路项目绩效运行监控报告", text, has_form=False) == "not_report"
    assert (
        report_type_of("2018年闵行区生态专项建设工程莘庄立交-老沪闵路段目绩效跟踪报告", "", has_form=False)
        == "not_report"
    )
    b022 = "绩效目标分解下达情况\n1.财政衔接资金下达预算及项目情况"
    title = "西平县民族宗教局2022年财政衔接推进乡村振兴补助资金项目绩效监控总结报告"
    assert report_type_of(title, b022, has_form=False) != "not_report"


def test_other_kinds_of_official_document_are_not_reports() -> None:
    # dev j012: a 请示 asking for the money an evaluation's results earn; 通告 publishes, like 公告 (dev s045)
    title = "关于申请全省52家免费开放博物馆纪念馆2018年度免费开放补助资金绩效评价结果应用经费下达的请示"
    assert (
        report_type_of(title, "省财政厅:\n为认真贯彻落实中省关于全面实施预算绩效管理的精神", has_form=False)
        == "not_report"
    )
    s045 = "2021年度中央专项彩票公益金支持地方社会公益事业发展资金安排使用情况的通告"
    body = "一、项目基本情况\n二、资金使用情况\n三、绩效目标完成情况"
    assert report_type_of(s045, body, has_form=False) != "not_report"


J011 = "一、项目基本情况\n(一)项目概况\n2023年度财政资金年度预算安排XX万元,主要用于春节前困难职工帮扶。"
O018 = "耕地保护项目绩效自评报告1根据河池市直财政专项支出绩效评价管理暂行办法的通知要求,现将20_年河池市耕地质量定点监测项目实施情况自评如下:一、项目基本概况"
AE026 = "根据《关于开展xx年省级财政资金绩效自评工作的通知》(粤财绩﹝xx﹞13号)要求,我中心对xx年度省级财政资金决策咨询专项费项目的支出情况进行了绩效评价。"
O011 = "2022年度中央引导地方科技发展资金区域绩效目标自评表填写日期:项目承担单位:(盖章)填写日期:专项名称□自由探索类基础研究"


@pytest.mark.parametrize(
    ("title", "blank", "filled", "has_form"),
    [
        # dev j011: a model report, its budget written XX万元
        ("市总工会冬季困难群众救助金绩效自评报告", J011, J011.replace("XX", "35"), False),
        # dev o018: a model report with its years written 20_
        ("耕地保护项目绩效自评报告", O018, O018.replace("20_", "2023"), False),
        # dev ae026 (and ad027's xxxx年): a model report with its years written xx年
        ("财政资金项目支出绩效自评报告", AE026, AE026.replace("xx", "2021"), False),
        # dev o011: a blank national form whose 填写日期 and 承担单位 are left empty
        (
            "",
            O011,
            O011.replace("填写日期:项目承担单位:(盖章)", "填写日期:2023年3月1日项目承担单位:某县科技局"),
            True,
        ),
    ],
)
def test_a_figure_year_or_field_left_blank_makes_a_template(
    title: str, blank: str, filled: str, has_form: bool
) -> None:
    assert report_type_of(title, blank, has_form=has_form) == "not_report"
    assert report_type_of(title, filled, has_form=has_form) != "not_report"


def test_the_department_wide_outline_and_an_evaluation_s_report_title_make_a_report() -> None:
    # dev o001: a 部门整体 self-evaluation without its title; its second heading is the outline's own
    o001 = "一、单位基本情况\n(一)单位基本情况。\n中方县市场监督管理局为正科级全额拨款行政单位。\n二、部门整体支出管理及使用情况\n(一)基本支出"
    assert report_type_of("", o001, has_form=False) == "department_overall"
    # a 决算 explains its accounts instead
    accounts = "一、单位基本情况\n二、收入支出决算总体情况说明\n(一)基本支出"
    assert report_type_of("", accounts, has_form=False) == "not_report"
    # dev p016: 绩效 and an evaluation's report, with a word between them
    title = "政协平凉市委员会办公室2024年度预算绩效部门评价报告"
    assert report_type_of(title, "一、部门概况\n(一)部门职责", has_form=False) != "not_report"
    assert (
        report_type_of("政协平凉市委员会办公室2024年度部门预算", "一、部门概况", has_form=False)
        == "not_report"
    )


def test_a_text_opening_with_the_outline_s_first_part_is_a_report() -> None:
    # dev y019, ad009, ae012 (and c010, e005, k020, s015, v038): title-less bodies that open with the
    # evaluation outline; a 决算 or 预算 explanation opens 一、部门基本情况 with the unit's duties (dev x030, p022)
    for opening in (
        "一、基本情况\n(一)项目概况\n1、项目建设背景\n白城市作为吉林省西部欠发达地区,存在着大量弃管的老旧小区。",
        "一、基本情况 (一)项目资金安排情况。2020年省级财政安排少数民族发展资金共2亿元。",
        "一、部门基本情况\n(一)部门概况\n山东省住房和城乡建设厅是省政府组成部门。",
    ):
        assert report_type_of("", opening, has_form=False) != "not_report"
    for accounts in (
        "一、部门基本情况\n(一)职能职责\n(1)制定和组织实施经济、科技和社会发展计划。",
        "一、单位基本情况\n(一)机构设置、职责\n1.机构设置\n单位成立于2000年1月。",
    ):
        assert report_type_of("", accounts, has_form=False) == "not_report"


def test_a_page_opening_with_contents_is_what_its_first_entry_names() -> None:
    # dev j010: a 决算 whose contents end in a 部门绩效评价情况 part
    toc = "目录\n第一部分2024年度部门决算报表\n一、收入支出决算总表\n第四部分2024年度部门绩效评价情况"
    assert report_type_of("目录", toc, has_form=False) == "not_report"
    report = "目录\n一、项目基本情况\n二、绩效评价工作开展情况\n三、综合评价情况及评价结论"
    assert report_type_of("目录", report, has_form=False) != "not_report"


def test_a_results_table_without_scores_makes_a_filled_form() -> None:
    # dev j020: an OCR'd attachment, a page's note run into the header's first cell, 目标值 | 完成值 and no
    # scores (the 转移支付 区域 form); two rows of results are not yet a table of them
    rows = [
        [
            "详情见附件(注:以下内容为附件图片识别,请以附件为准)一级指标",
            "二级指标",
            "指标名称",
            "目标值",
            "完成值",
        ],
        ["产出指标", "产出数量", "完成护工培训任务", "12500名", "12166名"],
        ["", "产出质量", "参训学员结业考核通过率", "100%", "98.79%"],
        ["效益指标", "社会效益", "参训学员就业率", "60%及以上", "53.53%"],
    ]
    facts = extract_facts(Document("txt", [grid_table(rows)]))
    assert facts.metadata.report_type == "self_evaluation_table"
    assert [i.actual_value for i in facts.projects[0].indicators] == ["12166名", "98.79%", "53.53%"]
    assert extract_facts(Document("txt", [grid_table(rows[:3])])).metadata.report_type == "not_report"


def test_a_final_accounts_page_that_carries_a_filled_form_is_that_forms_report() -> None:
    # dev l017: a 决算公开报告 page holding the unit's filled 项目支出绩效自评表 (what was spent, the scores)
    title = "2024年度内蒙古自治区巴彦淖尔市自然资源局甘其毛都口岸分局决算公开报告"
    body = "项目支出绩效自评表 (2024年度)\n项目名称 | 自然资源业务支出项目"
    assert report_type_of(title, body, has_form=True) == "not_report"
    assert report_type_of(title, body, has_form=True, filled_form=True) != "not_report"


def test_a_list_that_goes_on_over_a_comma_counts_its_last_items() -> None:
    # dev r006: 主体班三期,分别为上半年科干班、中青班,下半年新提科干班 (three), then the sentence goes on
    text = "全年举办主体班三期,分别为上半年科干班、中青班,下半年新提科干班,共培训学员149人,开班规模有所扩大。"
    (enumeration,) = find_enumerations([Paragraph(text, page=1, block_id="b0")])
    assert enumeration.items == ["上半年科干班", "中青班", "下半年新提科干班"]
    # a clause that is no item (it states a figure) does not make up a short list: the list stays as written
    short = "全年举办主体班三期,分别为科干班、中青班,共培训学员149人。"
    (enumeration,) = find_enumerations([Paragraph(short, page=1, block_id="b0")])
    assert enumeration.items == ["科干班", "中青班"]
    # nor does a clause that is not an item of the same kind (a count too large for its list stays wrong)
    wrong = "通过政府采购确定4家服务单位，分别为甲公司、乙公司、丙公司，按合同约定提供服务。"
    (enumeration,) = find_enumerations([Paragraph(wrong, page=1, block_id="b0")])
    assert enumeration.items == ["甲公司", "乙公司", "丙公司"]


def test_money_allocated_to_the_reader_is_a_notice() -> None:
    # dev q003: a finance bureau's notice titled by its number, no addressee line
    q003 = (
        "根据《财政部关于下达2022年农业绿色发展专项中央基建投资预算的通知》,现下达你区2022年预算2350万元,"
        "专项用于畜禽粪污资源化利用整县推进项目。按照全面实施预算绩效管理的要求,请做好绩效自评工作。"
    )
    assert report_type_of("津财基指〔2022〕23号", q003, has_form=False) == "not_report"
    report = q003.replace("现下达你区", "上级下达我区")
    assert report_type_of("畜禽粪污资源化利用项目绩效自评报告", report, has_form=False) != "not_report"


def test_a_rectification_report_is_a_report_only_where_it_states_the_result() -> None:
    # dev e014: measures taken on an evaluation's findings, no score or grade: not a report; dev c029
    # and c019 state the (re-)evaluation's score and grade: reports
    title = "贵州省财政厅关于2014-2018年特大型地质灾害防治专项资金项目绩效评价发现问题的整改情况报告"
    e014 = "根据财政部《关于…项目绩效评价结果整改的通知》要求,现将我省整改情况汇报如下:\n一、对照评价报告检查发现的主要问题"
    assert report_type_of(title, e014, has_form=False) == "not_report"
    c029 = e014 + "\n政策性农业保险项目绩效再评价得分88.53分,评价等级为“良”。"
    assert report_type_of(title, c029, has_form=False) != "not_report"
    c019 = "一、基本情况\n自评结果显示,部门绩效自评工作总体得分为84.47分,评级为“优”,现将整改情况报告如下:"
    assert report_type_of(
        "武山县消防救援大队2024年度部门预算执行情况绩效自评整改报告", c019, has_form=False
    ) != ("not_report")


def test_a_form_with_its_instructions_left_in_the_cells_is_a_report_only_when_filled() -> None:
    # dev u021: 评价结论 | 结合自评情况,说明项目自评总分…(200字以内), nothing executed or scored: unfilled;
    # dev w017 leaves the same prompts but states what was spent: a filled form
    prompts = (
        "部门预算项目支出绩效自评表(2023年度)\n评价结论 | 结合自评情况,说明项目自评总分。(200字以内) |\n"
        "存在问题 | 结合自评情况,分析存在的问题及原因。(200字以内) |\n改进措施 | 提出下一步改进完善的意见。(200字以内) |"
    )
    assert report_type_of("", prompts, has_form=True) == "not_report"
    assert report_type_of("", prompts, has_form=True, filled_form=True) == "self_evaluation_table"


def test_a_page_collecting_several_texts_is_not_a_report() -> None:
    # dev ad031: 专项资金绩效评价结论(共8篇) 篇1:… (its first text is news of a province-wide evaluation)
    text = "专项资金绩效评价结论(共8篇)\n篇1:专项资金绩效评价结论\n就业专项资金的使用为社会普遍关注。现将评价情况报告如下:"
    assert report_type_of("", text, has_form=False) == "not_report"
    assert report_type_of("", text.replace("(共8篇)", ""), has_form=False) != "not_report"


def test_a_unit_counting_its_own_projects_by_grade_is_still_one_report() -> None:
    # dev x043: 我局…开展了绩效自评工作,现将绩效自评工作报告如下 … 绩效自评“优”的项目79个; a bureau's report of
    # the evaluations it made of others (w005: 现将重点绩效评价具体情况报告如下) counting grades is a bulletin
    grades = "\n绩效自评“优”的项目79个,财政资金3038.38万元;“良”的项目11个,财政资金201.9万元。"
    own = "我局对全局2023年预算项目资金开展了绩效自评工作,现将绩效自评工作报告如下:" + grades
    title = "承德市农业农村局关于2023年度项目绩效自评工作的报告"
    assert report_type_of(title, own, has_form=False) == "self_evaluation"
    others = "市财政局对12个项目开展了重点绩效评价,现将重点绩效评价具体情况报告如下:" + grades
    assert report_type_of("关于2023年度重点绩效评价情况的报告", others, has_form=False) == "not_report"
