"""Document metadata: report type, fiscal year, place, evaluated unit, project, publisher.

The title (file metadata, a marked title, or the lines before the first section heading) says
most of it; the body and a web article's header block (索引号, 发布机构, 发文日期 …) fill the rest.
Place names are completed from the cpca gazetteer: 福田区 implies 深圳市 and 广东省.
"""

from __future__ import annotations

import re
from collections import Counter

from extractors.document import Document, Paragraph
from extractors.facts import Metadata
from extractors.facts.places import place_of

HEADER_FIELD_RE = re.compile(
    r"^(索引号|发布机构|公开目录|文号|发文日期|发布日期|成文日期|主题分类|信息来源|来源)\s*[：:]\s*(.*)$"
)
SECTION_ONE_RE = re.compile(r"^(?:一、|第一部分|一是|（一）|\(一\))")
QUOTED_RE = re.compile(r"[“\"「《]([^”\"」》]{2,60})[”\"」》]")
ORG_SUFFIX = (
    r"(?:局|委员会|委|办公室|办|厅|部|中心|院|所|馆|站|队|公司|街道办事处|办事处|处|政府|学校|医院|协会|集团)"
)
ORG_RE = re.compile(rf"([\u4e00-\u9fff（）()]{{2,30}}?{ORG_SUFFIX})")
# the whole name where the title marks its end (a year, a quote): 数据处理中心 is not cut at 处
ORG_BOUNDED_RE = re.compile(rf"^([\u4e00-\u9fff（）()]{{2,30}}{ORG_SUFFIX})(?=\d|[“\"《「]|关于|$)")
YEAR_RE = re.compile(r"(20\d{2})\s*年度?(?!\s*\d{1,2}\s*月)")  # not a date (2024年03月19日)
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
)  # fmt: skip
TEMPLATE_RE = re.compile(r"20[Xx×＊*]{2}|[Xx×]{2}(?:单位|县|市|区|局|镇|乡|项目)|×{2}")
# Titles that end in a document kind other than a report: 通报, 通知, 办法, 说明 …
NOT_REPORT_TITLE_END = re.compile(r"(?:通报|通知|办法|细则|方案|意见|指引|说明|函|申报表|审批表)[)）]?\s*$")
NOTICE_TITLE_END = re.compile(r"(?:公告|公示)[)）]?\s*$")
EX_ANTE_RE = re.compile(r"事前(?:绩效)?(?:评估|评审)")
# a bulletin of evaluation results (现将评价情况通报如下) or an allocation notice (〔2021〕109号 / 区财政局: /
# 现提前下达你区…)
BULLETIN_RE = re.compile(r"现将.{0,40}(?:通报|公布)如下")
ALLOCATION_NOTICE_RE = re.compile(r"〔\d{4}〕\d+号\s*\n\S{2,14}[:：]\s*\n.{0,200}下达", re.S)
# 一、投入(14分) / (一)项目立项(8分): an evaluation's scored headings
SCORED_HEADING_RE = re.compile(
    r"(?:^|\n)\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)])\S{2,12}[（(]\d+(?:\.\d+)?分[）)]"
)
# 现将…使用情况报告如下 / 现将自评情况报告如下: a report's own opening
REPORTED_AS_FOLLOWS_RE = re.compile(r"现将.{0,30}(?:绩效|使用情况|自评|评价).{0,10}报告如下")
# targets set before the year (绩效目标申报表 / 审批表), not results
TARGETS_ONLY_RE = re.compile(r"(?:绩效目标(?:申报|审批|设定)?表|申报表|审批表)(?!.*自评)")
# news of evaluation work (部署开展…绩效自评工作, 绩效管理考核), not a report of it
NEWS_TITLE_RE = re.compile(r"(?:工作|绩效管理考核\S*)$")


def find_title(document: Document, body: list[Paragraph]) -> str | None:
    """A marked title, else the short lines before the first section heading or table."""
    marked = [p.text for p in body if p.is_title]
    if marked:
        return marked[0]
    lines: list[str] = []
    for block in document.blocks[:12]:
        if not isinstance(block, Paragraph):
            break
        text = block.text
        if BREADCRUMB_LINE_RE.search(text) or TITLE_HEAD_RE.fullmatch(text):
            continue  # 首页 > 通知公告, 当前位置: the page's navigation, not its title
        if SECTION_ONE_RE.match(text) or HEADER_FIELD_RE.match(text) or len(text) > 60:
            if lines:
                break
            continue
        if lines and re.match(r"^(?:表|附表|附件)\s*\d", text):
            break  # a table caption after the title
        lines.append(text)
        if sum(len(x) for x in lines) > 80:
            break
    title = clean_title("".join(lines)) if lines else None
    return title or document.title


# Web-page chrome around a title: breadcrumbs (首页 > 通知公告 >), what follows it on the same line
# (文章来源, 发布时间, a date, 【字体】, 浏览次数), and document-sharing wrappers (….docx, 文本内容:).
BREADCRUMB_RE = re.compile(r"^.*(?:>|»|>>|＞)\s*")
BREADCRUMB_LINE_RE = re.compile(r"^\S{0,8}(?:首页|网站首页|主页)\s*(?:>|»|＞)|(?:>|»|＞)\s*正文\s*$")
TITLE_TAIL_RE = re.compile(
    r"(?:文章来源|信息来源|来源[:：]|發布|发布时间|发布日期|更新时间|信息提供日期|时间[:：]|日期[:：]|作者[:：]|【|浏览|点击|"
    r"字体|索引号|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4}|\d{4}年\d{1,2}月\d{1,2}日\d|\.docx?|\.pdf|\.xlsx?).*$"
)
TITLE_HEAD_RE = re.compile(r"^(?:文本内容|下载本文档|当前位置|您现在的位置|#\S+|标\s*\|?\s*题)[:：]?\s*")
# a page's own name for the document, where its header table gives one (信息名称 | 关于下达…的通知)
NAMED_TITLE_RE = re.compile(r"(?:信息名称|标\s*题)\s*[|:：]\s*([^|\n]{6,80})")


def clean_title(title: str) -> str | None:
    """The title without the page chrome around it."""
    title = TITLE_HEAD_RE.sub("", BREADCRUMB_RE.sub("", title)) if ">" in title or "»" in title else title
    title = TITLE_TAIL_RE.sub("", TITLE_HEAD_RE.sub("", title)).strip(" |:：")
    return title or None


def header_fields(paragraphs: list[Paragraph]) -> dict[str, str]:
    fields = {}
    for p in paragraphs[:15]:
        m = HEADER_FIELD_RE.match(p.text.strip())
        if m and m.group(2).strip():
            fields[m.group(1)] = m.group(2).strip()
    return fields


def report_sections(text: str) -> int:
    """How many of the sections every evaluation report has (项目基本情况, 绩效目标分解下达情况, 自评结论,
    存在的问题 …) the text names: a report body whose title the page did not keep still has them."""
    return sum(1 for heading in REPORT_SECTIONS if heading in text)


def is_template(text: str) -> bool:
    """A blank model report or form (20XX年度, XX单位, ××县)."""
    return bool(TEMPLATE_RE.search(text))


def report_type_of(title: str, text: str, has_form: bool) -> str:
    """project_evaluation, self_evaluation, self_evaluation_table, department_overall or not_report."""
    head = title + text[:300]
    if is_template(title + text[:1000]):
        return "not_report"
    # the 转移支付 self-evaluation outline opens with 绩效目标分解下达情况: that heading alone is a report
    structured = (
        report_sections(text[:4000]) >= 2
        or "绩效目标分解下达情况" in text[:1000]
        or len(SCORED_HEADING_RE.findall(text[:3000])) >= 3
        or bool(REPORTED_AS_FOLLOWS_RE.search(text[:1500]))
    )
    # a notice, bulletin or explanation about evaluations (…评价结果的通报, 绩效工作开展情况说明), targets
    # set before the year, news of evaluation work, an ex-ante assessment; a 公告 or 公示 is a report
    # where its body is one
    if (
        NOT_REPORT_TITLE_END.search(title)
        or TARGETS_ONLY_RE.search(title)
        or NEWS_TITLE_RE.search(title)
        or EX_ANTE_RE.search(title)
        or BULLETIN_RE.search(text[:1500])
        or ALLOCATION_NOTICE_RE.search(text[:300])
        or (NOTICE_TITLE_END.search(title) and not re.search(r"报告|自评表", title) and not structured)
    ):
        return "not_report"
    evaluation = re.search(r"绩效(?:目标)?(?:自评|评价|评估)|自评表|自评报告", head) or re.search(
        r"绩效(?:自评|评价)报告|绩效自评表", text[:2000]
    )
    if not evaluation and not structured:
        if has_form:
            return "self_evaluation_table"
        return "not_report"
    if not evaluation:
        return "self_evaluation" if "自评" in text or "绩效目标分解下达" in text else "project_evaluation"
    if any(w in title for w in NOT_REPORT_WORDS) and "绩效" not in title:
        return "not_report"
    if "自评表" in title or (has_form and "报告" not in title):
        return "self_evaluation_table"
    if re.search(r"整体(?:支出)?绩效|部门整体|单位整体", head):
        return "department_overall"
    if "自评" in head:
        return "self_evaluation"
    return "project_evaluation"


def fiscal_year_of(title: str, text: str, header: dict[str, str]) -> int | None:
    """The year evaluated: the title's year, else the year most often named as 年度 in the body."""
    m = YEAR_RE.search(title)
    if m:
        return int(m.group(1))
    published = {int(y) for v in header.values() for y in re.findall(r"20\d{2}", v)}
    years = Counter(int(m.group(1)) for m in re.finditer(r"(20\d{2})\s*年度", text))
    if not years:
        years = Counter(int(y) for y in re.findall(r"(20\d{2})\s*年(?!\s*\d{1,2}\s*月)", text))
    if not years:  # only dates: those in the body speak of the year the work was done (截至2020年11月)
        years = Counter(int(y) for y in re.findall(r"(20\d{2})\s*年\s*\d{1,2}\s*月", text))
    for year, _ in years.most_common():
        if year not in published or len(years) == 1:
            return year
    return None


def title_org(title: str) -> str | None:
    """The organisation a title starts with: '关于2015年度市南区城管局…' -> 市南区城管局."""
    head = QUOTED_RE.split(title)[0] if QUOTED_RE.search(title) else title
    bounded = ORG_BOUNDED_RE.match(re.sub(r"^关于", "", head))
    if bounded:
        return bounded.group(1)
    head = re.sub(r"^关于|20\d{2}\s*年度?", "", head)
    m = ORG_RE.search(head)
    return m.group(1) if m else None


def entity_of(
    title: str, header: dict[str, str], form_fields: dict[str, str], district: str | None, city: str | None
) -> str | None:
    """The evaluated unit: the organisation the title names (completed with the place it
    abbreviates), else a form's 实施单位 / 主管部门, else the publisher."""
    org = title_org(title)
    if org is None:
        return form_fields.get("unit") or form_fields.get("department") or header.get("发布机构")
    for place in (district, city):
        if place and org.startswith(place[-1]) and not org.startswith(place):
            return place + org[1:]  # 区政务服务数据管理局 in 福田区 -> 福田区政务服务数据管理局
    return org


def project_of(title: str) -> str | None:
    """The project a title names: in quotes, else between the unit and year and 项目…绩效."""
    m = QUOTED_RE.search(title)
    if m:
        name = m.group(1)
    else:
        bare = re.search(r"(?:20\d{2}\s*年度?)?([\u4e00-\u9fff（）()]{2,40}?)项目(?:的)?(?:支出)?绩效", title)
        if not bare:
            return None
        name = bare.group(1)
        org = title_org(title)
        if org and org in name:
            name = name.split(org, 1)[1]
        name = re.sub(r"^(?:关于|20\d{2}\s*年度?)", "", name)
    name = re.sub(r"(?:项目)$", "", name.strip())
    return name if len(name) >= 2 else None


def extract_metadata(
    document: Document,
    has_form: bool,
    form_project: str | None,
    form_fields: dict[str, str],
) -> Metadata:
    body = document.paragraphs
    header = header_fields(body)
    text = document.full_text()
    named = NAMED_TITLE_RE.search(text[:1500])
    title = (clean_title(named.group(1)) if named else None) or find_title(document, body) or ""
    report_type = report_type_of(title, text, has_form)
    place_texts = [title, header.get("发布机构", ""), *form_fields.values(), text[:20000]]
    province, city, district = place_of(place_texts)
    return Metadata(
        is_report=report_type != "not_report",
        report_type=report_type,
        fiscal_year=fiscal_year_of(title, text, header),
        province=province,
        city=city,
        district=district,
        entity=entity_of(title, header, form_fields, district, city),
        project=project_of(title) or form_project,
        title=title or None,
        publisher=header.get("发布机构"),
    )
