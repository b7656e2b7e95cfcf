"""Report or not, and which kind: project_evaluation, self_evaluation, self_evaluation_table,
department_overall, or not_report (a look-alike: a budget or 决算 page, a notice, a bulletin of many
projects' results, targets set before the year, news of evaluation work, a template).

Read from the title, the top of the body and the tables: what the title says the document is, the
sections and scored headings of the evaluation outlines, and what marks each kind of look-alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractors.document import Table
from extractors.text.numbers import DATE_RE
from extractors.vocabulary import (
    FORM_FIELD_LABELS,
    GRADE_WORDS,
    GUIDE_WORDS,
    HEADER_WORDS,
    NEWS_WORDS,
    RESULT_COLUMNS,
    alternation,
)

NOT_REPORT_WORDS = (
    "部门预算",
    "部门决算",
    "单位预算",
    "单位决算",
    "采购",
    "招标",
    "中标",
    "成交",
    "公告",
    "通知",
    "预算公开",
    "决算公开",
)


# Sections of evaluation and self-evaluation reports (财预〔2020〕10号 and the 转移支付 self-evaluation
# outline); a body that names two of them is a report even without its title.
REPORT_SECTIONS = (
    "项目基本情况", "项目概况", "转移支付概况", "整体绩效目标", "绩效目标分解下达情况", "绩效情况分析", "绩效目标完成情况", "绩效目标实现情况",
    "自评结论", "自评得分", "评价结论", "综合评价情况", "绩效评价工作开展情况", "绩效评价指标分析",
    "偏离绩效目标的原因", "存在的问题及原因", "项目资金拨付", "资金使用情况", "资金投入情况", "项目实施情况",
    "立项背景", "绩效自评结果", "主要绩效", "项目绩效目标", "绩效目标及指标", "绩效自评工作",
    "绩效指标完成情况", "绩效实现情况", "存在的问题和原因", "下一步改进措施", "其他需要说明的问题", "资金管理情况",
)  # fmt: skip
# the closing rows of a self-evaluation form, in their order (评价结论 | … / 存在问题 | … / 改进措施 | …): a
# fragment of a filled form even where its title and scores were cut off
FORM_CLOSING_RE = re.compile(r"评价结论.{0,400}?存在问题.{0,400}?改进措施", re.S)
# 20XX年度 or 20_年, a year left as xx年 / xxxx年 (开展xx年省级财政资金绩效自评), ××县, a figure left to fill in
# (预算安排XX万元); names masked as xx市 are an anonymised copy of a real report, not a template
TEMPLATE_RE = re.compile(
    r"20(?:[Xx×＊*]{2}|_+\s*年)|(?<![\dXx×])(?:[Xx×]{2}){1,2}\s*年|×{2}(?:单位|县|市|区|局|镇|乡|项目)"
    r"|[Xx×]{2}\s*(?:万元|元|%)"
)
# a date left blank (年 月 日): a blank form's, unless the text dates itself elsewhere (2025年5月),
# for filled reports and forms leave the date under their signature lines blank too
BLANK_DATE_RE = re.compile(r"(?<![\d〇零一二三四五六七八九十])年\s*月\s*日")
# Titles that end in a document kind other than a report: 通报, 通知, 办法, 说明 …, and the other kinds of
# official document the 党政机关公文处理工作条例 lists beside 报告 (请示, 批复, 决定 …); 公告, 通告 and 公示
# publish, and may publish a report
NOT_REPORT_TITLE_END = re.compile(
    r"(?:通报|通知|办法|细则|方案|意见|指引|说明|函|申报表|审批表|请示|批复|决定|决议|纪要|议案)[)）]?\s*$"
)
NOTICE_TITLE_END = re.compile(r"(?:公告|通告|公示)[)）]?\s*$")
# monitoring during the year (绩效运行监控报告, 绩效跟踪报告), not an evaluation of its results
MONITORING_RE = re.compile(r"(?:运行监控|跟踪)报告")
EX_ANTE_RE = re.compile(r"事前(?:绩效)?(?:评估|评审)")
# a page collecting several texts (专项资金绩效评价结论(共8篇) 篇1:…): model texts, not one report
COLLECTION_RE = re.compile(r"[（(]共\s*\d+\s*篇[)）]")
# a form's instructions left in its cells (说明项目自评总分…(200字以内)): unfilled, unless it states results
FILL_IN_PROMPT_RE = re.compile(r"[（(]\d+字以内[)）]")
# a report on correcting what an evaluation found (…评价发现问题的整改情况报告): an evaluation's report only
# where it states the evaluation's result (再评价得分88.53分，评价等级为“良”; 总体得分为84.47分，评级为“优”);
# without one it reports measures taken, not results
RECTIFICATION_RE = re.compile(r"整改(?:情况|工作)?的?报告")
RESULT_STATED_RE = re.compile(r"\d\s*分|等级|评级|等次")
# a finance bureau's check of other units' self-evaluations (绩效自评抽查报告, 自评复核情况), not one of them
SPOT_CHECK_RE = re.compile(r"抽查|复核")
# a bulletin of evaluation results (现将评价情况通报如下) or an allocation notice (〔2021〕109号 / 区财政局: /
# 现提前下达你区…)
BULLETIN_RE = re.compile(r"现将.{0,40}(?:通报|公布)如下")
ALLOCATION_NOTICE_RE = re.compile(r"〔\d{4}〕\d+号\s*\n\S{2,14}[:：]\s*\n.{0,200}下达", re.S)
# a notice addressed to the unit it gives money to (乐昌市教育局：… 现下达你单位…); a page that also carries
# the unit's filled form is that form's report
ADDRESSED_ALLOCATION_RE = re.compile(r"^\s*\S{2,14}[:：]\s*\n.{0,200}下达你", re.S)
# money given to the reader (现下达你区2022年预算…, …下达给你们): an allocation notice, whoever it is addressed to;
# a report says 下达我单位
ALLOCATED_TO_READER_RE = re.compile(r"下达(?:给)?你(?:们|单位|区|县|市|局|地|省|镇|乡|校|院|处|委)")
# 一、投入(14分) / (一)项目立项(8分): an evaluation's scored headings
SCORED_HEADING_RE = re.compile(
    r"(?:^|\n)\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)])\S{2,12}[（(]\d+(?:\.\d+)?分[）)]"
)
# 现将…使用情况报告如下 / 现将自评情况报告如下: a report's own opening
REPORTED_AS_FOLLOWS_RE = re.compile(r"现将.{0,30}(?:绩效|使用情况|自评|评价).{0,10}报告如下")
# 现将绩效自评工作报告如下: a unit reporting its own self-evaluation (a bureau's 现将重点绩效评价…报告如下 reports
# evaluations of others)
OWN_SELF_EVALUATION_RE = re.compile(r"现将.{0,20}自评.{0,10}报告如下")
# a text that opens with the evaluation outline's first heading and its first part (一、基本情况 (一)项目概况,
# 一、部门基本情况 (一)部门概况): a report whose title the page did not keep; a 决算 or 预算 explanation opens
# its 一、部门基本情况 with the unit's duties (职能职责, 机构设置) instead
OUTLINE_OPENING_RE = re.compile(
    r"\s*一、\s*(?:项目|部门|单位)?(?:基本)?(?:情况|概况)\s*[（(]一[)）]\s*(?!主要职能|职能|职责|机构)\S"
)
# targets set before the year (绩效目标申报表 / 审批表), not results
TARGETS_ONLY_RE = re.compile(r"(?:绩效目标(?:申报|审批|设定)?表|申报表|审批表)(?!.*自评)")
# a table of targets (绩效目标表, 年度指标值) in a text that says nothing of results (完成值, 执行数, 得分, 自评 …)
TARGET_TABLE_RE = re.compile(r"绩效目标(?:申报|审批|设定)?表|目标申报表|指标值")
RESULT_WORDS_RE = re.compile(r"完成值|实际完成|实际值|执行数|得分|自评|实际到位|执行率|完成情况")
# news of evaluation work (部署开展…绩效自评工作, 绩效管理考核), or of an event (…进行绩效评价实地勘察, …资金计划
# 顺利下达): a title that ends in what happened, not in the kind of document
NEWS_TITLE_RE = re.compile(r"(?:工作|绩效管理考核\S*|实地勘察|下达|召开|举办|启动|部署|调研|督导)$")


NEWS_RE = re.compile(alternation(NEWS_WORDS))
# a news item's opening: 日前，… starting a sentence (not 12月31日前), a wire's tag (【大河财立方消息】, 【XX讯】)
NEWS_OPENING_RE = re.compile(r"(?:^|[。\n])\s*日前[，,]?|【[^】\n]{0,12}(?:消息|讯)】")
# a budget or 决算 publication: the statements it is made of, named in its contents or its sections
# (收入支出决算总表, 一般公共预算财政拨款支出决算情况说明, 部门预算表; 第二部分 2024年度部门决算情况说明);
# no report in the development part names two (a report attaches one: 附件6收入支出决算表), nor heads a
# 第…部分 with one
BUDGET_STATEMENT_RE = re.compile(r"(?:决算|预算)(?:总体)?(?:总表|表|情况说明)")
BUDGET_PART_RE = re.compile(r"第[一二三四五六]部分[^\n]{0,24}?(?:决算|预算)")
# a regulation (评价办法, 实施细则): its chapters and articles (第一章 总则, 本办法所称…, 制定本办法)
REGULATION_RE = re.compile(r"第一章\s*总\s*则|本(?:办法|细则|规定|规程)所称|制定本(?:办法|细则|规定)")
GUIDE_RE = re.compile(alternation(GUIDE_WORDS))
# a field left blank: 项目名称:项目类别:, 承担单位:(盖章), 评价机构:<line end> before another label's line or the
# end; a cover one field a line has the value on the next line (委托单位名称:\n昆明市西山区财政局)
BLANK_FIELD_RE = re.compile(
    rf"(?:{alternation(FORM_FIELD_LABELS)})\s*[:：][^\S\n]*"
    rf"(?=\s*$|\n\s*[\u4e00-\u9fff（）()]{{2,10}}[:：][^\S\n]*(?:\n|$)|[\u4e00-\u9fff]{{2,10}}[:：]|[（(]盖章)"
)
# several evaluations' results: how many got each grade (评价结果为“优”的项目有1项, “良”的7个), or a
# cover page listing the attached reports (附件1:…绩效评价报告)
GRADE_COUNT_RE = re.compile(
    rf"[“\"]?(?:{alternation(list(GRADE_WORDS))})[”\"]?(?:等次|等级|档次)?的(?:项目|部门|单位)?(?:有|共|为)?\s*\d+\s*[个项家]"
)
ATTACHED_REPORT_RE = re.compile(r"附件\s*\d+\s*[:：][^\n]{0,80}?(?:报告|自评表)")
# a round of evaluations summarised (本次项目支出绩效评价共24个项目, 对…等11个…项目实施了重点绩效评价,
# 选取了12个项目，对…实施重点绩效评价; not 等26个三级指标来对项目进行绩效评价, the indicators of one)
EVALUATED_COUNT_RE = re.compile(
    r"绩效评价共(?:计)?\s*(\d+)\s*个(?:项目|政策)"
    r"|(?:等|选取了?|选择了?|抽取了?)\s*(\d+)\s*个(?![^。]{0,8}指标)[^。]{0,40}?(?:项目|政策)[^。]{0,40}?"
    r"(?:实施了?|开展了?|进行了?)(?:重点)?绩效评价"
)
# a heading of results: 二、绩效目标完成情况分析, 三、项目绩效目标及完成情况, 绩效目标实现情况
RESULTS_HEADING_RE = re.compile(r"(?:^|\n)\S{0,8}绩效目标(?:及其?|的)?(?:完成|实现)情况")
# the header of a scored indicator table: 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 (not 评分标准)
SCORED_HEADER_RE = re.compile(
    rf"(?:{alternation(HEADER_WORDS['level3'])})[\s|]{{1,6}}(?:[^\n|]{{1,12}}[\s|]{{1,6}}){{0,8}}?"
    rf"(?:{alternation(HEADER_WORDS['score'])})(?!标准|细则|办法|规则|说明|依据)"
)


def is_news(text: str) -> bool:
    """News of evaluation work (a reporter's byline, 近日…, 日前…, …获悉), not a report of it."""
    return NEWS_RE.search(text[:2000]) is not None or NEWS_OPENING_RE.search(text[:2000]) is not None


def budget_publication(text: str) -> bool:
    """A 部门预算 or 决算 publication (its statements and their explanations), not an evaluation."""
    head = text[:2000]
    return len(BUDGET_STATEMENT_RE.findall(head)) >= 2 or BUDGET_PART_RE.search(head) is not None


def lists_several_results(text: str) -> bool:
    """A bulletin of several evaluations' results, not the report of one: the grades counted, the
    list of attached reports (附件1:…绩效评价报告 附件2:…), the number of projects a round evaluated."""
    head = text[:3000]
    evaluated = EVALUATED_COUNT_RE.search(head)
    return (
        GRADE_COUNT_RE.search(head) is not None
        or len(ATTACHED_REPORT_RE.findall(head)) >= 3
        or (evaluated is not None and int(evaluated.group(1) or evaluated.group(2)) >= 2)
    )


def results_list(tables: Sequence[Table]) -> bool:
    """A table listing several evaluated projects with the grade each got (序号 | 项目名称 | … |
    评价得分 | 评价结果): a bulletin of results."""
    for table in tables:
        grid = table.grid()
        if len(grid) < 3:
            continue
        header = [cell or "" for cell in grid[0]]
        names = [k for k, cell in enumerate(header) if "名称" in cell]
        results = [k for k, cell in enumerate(header) if cell.strip() in RESULT_COLUMNS]
        if not names or not results:
            continue
        rows = [row for row in grid[1:] if len(row) > max(names[0], results[-1])]
        graded = {row[names[0]] for row in rows if (row[results[-1]] or "").strip() in GRADE_WORDS}
        if len(graded) >= 2:
            return True
    return False


def targets_only(text: str) -> bool:
    """Targets set for the year (a 绩效目标表, 年度指标值) and not a word of results: a funds notice or
    a targets form, whatever its title."""
    return TARGET_TABLE_RE.search(text) is not None and RESULT_WORDS_RE.search(text) is None


def has_scored_table(text: str) -> bool:
    """The header of an indicator table with a score column, in a table the loader did not rebuild."""
    return SCORED_HEADER_RE.search(text[:6000]) is not None


def report_sections(text: str) -> int:
    """How many of the sections every evaluation report has (项目基本情况, 绩效目标分解下达情况, 自评结论,
    存在的问题 …) the text names: a report body whose title the page did not keep still has them."""
    return sum(1 for heading in REPORT_SECTIONS if heading in text)


def is_template(text: str) -> bool:
    """A blank model report or form: 20XX年度, ××县, an undated text with a blank date, the form's fields left blank (项目名称:项目类别:
    承担单位:(盖章)), or a guide to filling one in (填写样例, 填报说明)."""
    return (
        bool(TEMPLATE_RE.search(text[:1000]))
        or (BLANK_DATE_RE.search(text[:1000]) is not None and DATE_RE.search(text) is None)
        or len(BLANK_FIELD_RE.findall(text[:3000])) >= 2
        or GUIDE_RE.search(text[:300]) is not None
    )


# a table of contents at the page's top (目 录 / 第一部分 2024年度部门决算报表 / …): its first entry
CONTENTS_FIRST_ENTRY_RE = re.compile(r"^\s*目\s*录\s*\n\s*([^\n]{2,60})")


def contents_title(text: str) -> str | None:
    """The first entry of a table of contents that opens the text: a title-less page is what its
    contents say it is (部门决算报表 first: a 决算, whatever its 绩效评价情况 part holds)."""
    m = CONTENTS_FIRST_ENTRY_RE.match(text)
    return m.group(1) if m else None


def report_type_of(
    title: str, text: str, has_form: bool, tables: Sequence[Table] = (), filled_form: bool = False
) -> str:
    """project_evaluation, self_evaluation, self_evaluation_table, department_overall or not_report.
    `has_form`: a form was recognised (named, scored or spent); `filled_form`: one states results (indicator
    scores, or what was spent), whatever the page's title calls it."""
    head = title + text[:300]
    # a unit's own self-evaluation report may count its projects by grade (“优”的项目79个): still one report
    several = (
        (lists_several_results(text) and not OWN_SELF_EVALUATION_RE.search(text[:1500]))
        or results_list(tables)
        or COLLECTION_RE.search(head)
    )
    if is_template(title + "\n" + text) or is_news(text) or several:
        return "not_report"
    has_form = has_form or has_scored_table(text) or FORM_CLOSING_RE.search(text[:4000]) is not None
    # the 转移支付 self-evaluation outline opens with 绩效目标分解下达情况, the department-wide one has
    # 部门整体支出管理及使用情况 (a 决算 has 决算情况说明 instead): either heading alone is a report
    outline = "整体支出管理及使用情况" in text[:4000]  # the department-wide report's own heading
    structured = (
        report_sections(text[:4000]) >= 2
        or "绩效目标分解下达情况" in text[:1000]
        or outline
        or len(SCORED_HEADING_RE.findall(text[:3000])) >= 3
        or bool(REPORTED_AS_FOLLOWS_RE.search(text[:1500]))
        or bool(RESULTS_HEADING_RE.search(text[:4000]))
        or bool(OUTLINE_OPENING_RE.match(text))
    )
    # a notice, bulletin or explanation about evaluations (…评价结果的通报, 绩效工作开展情况说明), targets
    # set before the year, news of evaluation work, an ex-ante assessment; a 公告 or 公示 is a report
    # where its body is one
    if (
        NOT_REPORT_TITLE_END.search(title)
        or (TARGETS_ONLY_RE.search(title) and not filled_form)
        or (targets_only(text) and "报告" not in title)
        or NEWS_TITLE_RE.search(title)
        or EX_ANTE_RE.search(title)
        or SPOT_CHECK_RE.search(title)
        or MONITORING_RE.search(title)
        or (len(FILL_IN_PROMPT_RE.findall(text[:4000])) >= 2 and not filled_form)
        or (RECTIFICATION_RE.search(head) and not RESULT_STATED_RE.search(text[:3000]))
        or (budget_publication(text) and not filled_form)
        or REGULATION_RE.search(text[:2000])
        or BULLETIN_RE.search(text[:1500])
        or ALLOCATION_NOTICE_RE.search(text[:300])
        or (ADDRESSED_ALLOCATION_RE.search(text[:300]) and not has_form)
        or (ALLOCATED_TO_READER_RE.search(text[:1500]) and not has_form)
        or (NOTICE_TITLE_END.search(title) and not re.search(r"报告|自评|绩效评价", title) and not structured)
    ):
        return "not_report"
    evaluation = (
        re.search(r"绩效(?:目标)?(?:自评|评价|评估)|自评表|自评报告", head)
        or re.search(r"绩效(?:自评|评价)报告|绩效自评表", text[:2000])
        # …预算绩效部门评价报告: a title that ends in an evaluation's report and names 绩效
        or ("绩效" in title and re.search(r"(?:评价|评估)报告[)）]?\s*$", title))
    )
    if not evaluation and not structured:
        if has_form:
            return "self_evaluation_table"
        return "not_report"
    if not evaluation:
        if outline:
            return "department_overall"
        return "self_evaluation" if "自评" in text or "绩效目标分解下达" in text else "project_evaluation"
    kinds = (title, contents_title(text) or "")
    if not filled_form and any(
        any(w in kind for w in NOT_REPORT_WORDS) and "绩效" not in kind for kind in kinds
    ):
        return "not_report"
    if "自评表" in title or (has_form and "报告" not in title):
        return "self_evaluation_table"
    if outline or re.search(r"整体(?:支出)?绩效|部门整体|单位整体", head):
        return "department_overall"
    if "自评" in head:
        return "self_evaluation"
    return "project_evaluation"
