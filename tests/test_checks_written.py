"""written_form: document numbers, dates, periods and amounts as real reports write them (sentences from
the development part of tests/real, quoted)."""

from __future__ import annotations

from decimal import Decimal

from checks import run_checks
from extractors.document import Evidence, Paragraph
from extractors.facts import Amount, DocumentFacts, Metadata, ProjectFacts
from extractors.facts.written import extract_written, report_name_years
from tests.facts_builders import grid_table, wan


def problems(*sentences: str) -> dict[str, str | None]:
    return {r.as_written: r.problem for r in extract_written([Paragraph(s, page=1) for s in sentences], [])}


def verdicts(check_id: str, **facts: object) -> dict[str, str]:
    report = DocumentFacts(Metadata(is_report=True), **facts)  # type: ignore[arg-type]
    return {r.subject: r.status for r in run_checks(report, "doc", only=(check_id,))}


def findings(*sentences: str) -> dict[str, str]:
    return verdicts("written_form", written=extract_written([Paragraph(s, page=1) for s in sentences], []))


def test_well_formed_numbers_and_periods_pass() -> None:
    # k015, n002, w006: brackets of every kind, a 第 before the sequence, periods in order
    assert findings(
        "关于学前教育深化改革规范发展的若干意见》(湘办发[2019]10号)等文件",
        "《黑龙江省财政厅关于下达资金的通知》(黑财农[2024]152号)和预",
        "大足委宣委【2020】83号文创建全国文明城区",
        "皖成文咨字[2021]第4013号",
        "《湖南省中长期教育改革和发展规划纲要(2010—2020年)》",
        "用于2021-2022采暖期",
    ) == {"references": "pass"}


def test_a_lost_bracket_is_flagged() -> None:
    # w006: 〔2022〕6号 printed 〔20226号; k034: 财监〔2022〕1号 printed 财监2022)1号 and 财资环2021134号
    assert problems(
        "(双桥经开财务发〔20226号)文件要求,我局组织开展",
        "关于开展2021年度中央对地方转移支付预算执行情况绩效自评工作的通知(财监2022)1号)要求",
        "财政部关于下达2021年中央自然灾害救灾资金预算的通知(财资环2021134号)下达我省",
    ) == {
        "双桥经开财务发〔20226号": "缺少年份后的右括号",
        "财监2022)1号": "缺少年份前的左括号",
        "财资环2021134号": "年份缺少括号",
    }


def test_a_number_that_runs_on_without_its_closing_mark_or_hao() -> None:
    # n002: the page prints only 海农联呈〔20252 for 海农联呈〔2025〕2号
    assert problems("海农联呈〔20252             ") == {"海农联呈〔20252": "年份后缺少右括号和「号」"}


def test_dates_that_lost_their_year_mark_and_reversed_periods() -> None:
    # k025: 2020年5月 printed 20205月, 2020年10月30日 printed 20201030日; k015: (2018—2020) printed 2018—2010
    found = findings(
        "20205月,财政部海南监管局联合我省交通运输厅、省工业和信息化厅组成联合审核组",
        "20201030日,财政部提前下达我2021年度节能与新能源公交车营运补助资金15,244万元",
        "《关于印发<湖南省实施第三期学前教育行动计划(2018—2010)>的通知》",
    )
    assert found == {"日期/20205月": "fail", "日期/20201030日": "fail", "年份区间/2018—2010": "fail"}


def test_figures_next_to_years_are_not_dates_or_numbers() -> None:
    # amounts and years that merely touch: no reference at all, so the check skips
    assert findings("2021年12月7日,下达资金 15,244万元;第2021001号公告;2020年5月") == {"references": "skip"}


def test_masked_and_mis_separated_amounts() -> None:
    # n011 masks its amounts, k008 leaves one out; k007 prints 700.077 as 7,00.0,77 in a table cell; c025 writes 677,00元
    assert problems(
        "项目全年预算数78.*元,执行数78.*元,完成预算的100%",
        "初步设计及概算评审费677,00元、可行性研究报告编制费",
        "(业务工作经费29.1465万元、专项经费474.6767万元、政府专项经费万元),涵盖项目24个",  # k008
    ) == {
        "78.*元": "金额被隐去",
        "677,00": "千分位分隔符位置不对，金额无法确定",
        "经费万元": "只有单位，没有数额",
    }
    cell = grid_table([["到位资金 (万元)", "7,00.0,77"]])
    [found] = extract_written([], [cell])
    assert (found.kind, found.as_written) == ("金额", "7,00.0,77")
    # a template's placeholder after its comparator, thousands written right, a list of counts
    assert problems("产业产值(≥**万元)≥80万元,下达资金15,244万元,分别为3,12个", "合计1,356,090.00元") == {}


def years_verdict(*sentences: str) -> dict[str, str]:
    years = report_name_years([Paragraph(s, page=1) for s in sentences])
    return verdicts("report_year_agreement", report_name_years=years)


def test_the_title_and_the_form_name_one_year() -> None:
    # a021: the page's title says 2022, the form pasted under it 2023
    assert years_verdict(
        "《重庆市梁平区林业局2022年度部门整体绩效自评表.docx》由会员分享,可在线阅读",
        "1、重庆市梁平区林业局2023年度部门整体绩效自评表主管部n重庆市梁平区林业局",
    ) == {"year": "fail"}
    # s047: the date it was signed (2023年 5月4日) runs into the title, which still names 2022 only
    assert years_verdict(
        "2022年度邵阳市美术馆整体支出绩效自评报告",
        "2023年 5月4日2022年度邵阳市美术馆整体支出绩效自评报告",
    ) == {"year": "pass"}
    assert years_verdict("2022年度邵阳市美术馆整体支出绩效自评报告") == {"year": "skip"}


def test_a_heading_that_lost_its_number() -> None:
    # n006: 三、绩效目标完成情况 printed 、绩效目标完成情况; m023: (二) lost before 总体绩效目标完成情况分析
    assert problems("、绩效目标完成情况", ")总体绩效目标完成情况分析") == {
        "、绩效目标完成情况": "标题缺少编号",
        ")总体绩效目标完成情况分析": "标题缺少编号",
    }
    assert problems("三、绩效目标完成情况", "(二)总体绩效目标完成情况分析") == {}
    assert extract_written([], [grid_table([["(万元", ")合计"]])]) == []  # a header split over two cells


def test_a_form_amount_too_large_for_any_project_has_a_wrong_unit() -> None:
    # dev s017: 145000000.00 under a 项目资金(万元) header (the figures are 元); dev f010's 108 亿元 of a
    # province's pension transfers is no slip
    slip = wan("budget_adjusted", "145000000.00", source="table")
    large = wan("budget_adjusted", "1080245.79", source="table")
    in_text = wan("budget_adjusted", "28000000000")  # a national figure in a sentence is not the form's
    project = ProjectFacts(name="P", amounts=[slip, large, in_text])
    assert verdicts("written_form", projects=[project]) == {"金额/145000000.00 万元": "fail"}


def test_a_total_in_yuan_too_small_for_any_project_has_a_wrong_unit() -> None:
    # dev o016: 市级资金配套3.6元 for 120人 × 300元; dev g008: 全年预算数100元, 全年执行数33.78元
    def yuan(role: str, text: str, **kwargs: object) -> Amount:
        return Amount(role, Decimal(text), "元", f"{text}元", Evidence(1, f"{text}元"), **kwargs)  # type: ignore[arg-type]

    amounts = [
        yuan("received", "3.6"),
        yuan("spent", "33.78"),
        yuan("other", "300"),  # a standard (300元/人)
        yuan("spent", "500", label="慰问金"),  # a labelled part
        yuan("budget_adjusted", "0"),  # nothing budgeted is no slip
        yuan("spent", "36000"),
    ]
    project = ProjectFacts(name="P", amounts=amounts)
    assert verdicts("written_form", projects=[project]) == {"金额/3.6元": "fail", "金额/33.78元": "fail"}
