"""Document metadata: title, fiscal year, place, evaluated unit, project, publisher, and the report
type (`report_type`).

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
from extractors.facts.report_type import report_type_of
from extractors.load.chrome import is_header_chrome
from extractors.text.normalise import starts_list_item
from extractors.text.numbers import DATE_RE

HEADER_FIELDS = (
    r"索引号|发布机构|公开目录|发文字号|文号|发文日期|发布日期|成文日期|主题分类|体裁分类|信息来源|来源"
)
# 发布机构：市水利局, or in brackets: [ 发布机构 ] 市水利局
HEADER_FIELD_RE = re.compile(
    rf"^(?:(?P<name>{HEADER_FIELDS})\s*[：:]|[\[【]\s*(?P<bracketed>{HEADER_FIELDS})\s*[\]】])\s*(?P<value>.*)$"
)
# a line of the page's header block, whatever its separator (索引号 | …, 公开目录自评报告发布日期…)
HEADER_LINE_RE = re.compile(rf"^[\[【]?\s*(?:{HEADER_FIELDS}|主题词)")
# a site's greeting above its pages (欢迎进入天水市自然资源局!, 欢迎访问…网站)
GREETING_RE = re.compile(r"^\s*(?:欢迎(?:进入|访问|光临|来到)|您好)")
QUOTED_RE = re.compile(r"[“\"「《]([^”\"」》]{2,60})[”\"」》]")
ORG_SUFFIX = (
    r"(?:局|委员会|委|办公室|办|厅|部|中心|院|所|馆|站|队|公司|街道办事处|办事处|处|政府|学校|医院|协会|集团)"
)
ORG_RE = re.compile(rf"([\u4e00-\u9fff（）()]{{2,30}}?{ORG_SUFFIX})")
# the whole name where the title marks its end (a year, a quote): 数据处理中心 is not cut at 处
ORG_BOUNDED_RE = re.compile(rf"^([\u4e00-\u9fff（）()]{{2,30}}{ORG_SUFFIX})(?=\d|[“\"《「]|关于|$)")
YEAR_RE = re.compile(r"(20\d{2})\s*年度?(?!\s*\d{1,2}\s*月)")  # not a date (2024年03月19日)
# a year on its own, not a date, also where the date's parts stand in cells (2022年 | 7月 | 8日)
BARE_YEAR_RE = re.compile(r"(20\d{2})\s*年(?![\s|]*\d{1,2}[\s|]*月)")
FULL_DATE_RE = re.compile(r"20\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
COVER_CHARS = 600  # the top of a page: its title, header fields and cover lines
DATE_LINE_RE = re.compile(r"20\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
# the period a project ran (项目起止时间 | 2019.1.1~2019.12.31, 实施期限：2021年1月-12月): the year worked
PROJECT_PERIOD_RE = re.compile(
    r"(?:项目起止时间|起止时间|实施期限|项目实施期|实施周期|项目周期|执行期限)[\s|:：]*(20\d{2})\s*[.\-/年]"
)
# the labels of the dates a document was written, reported or published
WRITING_DATE_LABEL_RE = re.compile(
    r"报告日期|上报时间|评价时间|填报日期|发布时间|发布日期|成文日期|发文日期|报送日期"
)
# a document-sharing site's wrapper, which repeats the file's name: 《…2022年度…自评表.docx》由会员分享…
SHARED_DOC_WRAPPER_RE = re.compile(
    r"《[^》\n]{2,120}》由会员分享[^\n]*|更多相关《[^》\n]{2,120}》[^\n。]*。?"
)


def find_title(document: Document, body: list[Paragraph]) -> str | None:
    """A marked title, else the short lines before the first section heading or table."""
    marked = [p.text for p in body if p.is_title]
    if marked:
        return marked[0]
    lines: list[str] = []
    for block in document.blocks[:12]:
        if not isinstance(block, Paragraph):
            break
        text = MENU_BULLET_RE.sub("", block.text)
        menu_item = text != block.text and len(text) <= 8
        if is_header_chrome(text) or TITLE_HEAD_RE.fullmatch(text) or menu_item:
            continue  # 首页 > 通知公告, 当前位置:, • 政务公开: the page's navigation, not its title
        if starts_list_item(text):
            break  # a section heading: the title, if any, stood before it
        if body_starts(text):
            if lines:
                break
            if (run_into := title_before_field(text)) is not None:
                lines.append(run_into)
                break
            continue
        if not_title_line(text):
            continue
        if lines and re.match(r"^(?:表|附表|附件)\s*\d", text):
            break  # a table caption after the title
        if text in lines and names_kind(text):
            break  # the page's headline repeated as the document's own title line: the title is whole
        lines.append(text)
        if sum(len(x) for x in lines) > 80:
            break
    title = clean_title("".join(kind_lines(lines))) if lines else None
    return title or document.title


# a form's field label (项目名称:, 项目主管部门:) or the body's opening words (根据, 为进一步) right after the title's last word
FIELD_AFTER_TITLE_RE = re.compile(
    r"(?:报告|自评表|评价表)(?=(?:项目名称|项目主管部门|主管部门|实施单位|委托单位(?:名称)?|单位名称|评价机构|评审机构(?:名称)?)\s*[:：]|根据|按照|依据|为进一步|为了|为加强)"
)


def title_before_field(text: str) -> str | None:
    """The title where the lines were joined into the field after it (…治理工程支出绩效评价报告项目名称:…),
    or into the body's opening words (…2021年整体支出绩效评价报告为进一步规范…, …报告根据…): a kind line of no more
    than 60 characters, no sentence's punctuation in it."""
    m = FIELD_AFTER_TITLE_RE.search(text, 0, 60)
    if m is None or re.search(r"[，,。；;：:]", text[: m.end()]):
        return None
    return text[: m.end()] if names_kind(text[: m.end()]) else None


def body_starts(text: str) -> bool:
    """A paragraph, a sentence or a line that introduces one (区人大常委会办公室:): where the title
    lines stop, once they have started. A long line that ends in its kind of document without a
    sentence's punctuation is a title (关于告知“…”、“…”、“…”项目事前绩效评估评审结果的函)."""
    long_title = len(text) <= 120 and names_kind(text) and not re.search(r"[。，,；;：:]", text)
    return (len(text) > 60 and not long_title) or TITLE_TAIL_RE.sub("", text).strip().endswith(
        ("。", ":", "：")
    )


def not_title_line(text: str) -> bool:
    """A line of the page's chrome among its top lines: the header block (索引号 | …), the site's
    greeting, a date or a number (a document's too), a labelled field (电话:…), a table row, a figure."""
    return (
        HEADER_LINE_RE.match(text) is not None
        or GREETING_RE.match(text) is not None
        or not re.search(r"[\u4e00-\u9fff]", text)
        or DOC_NUMBER_LINE_RE.match(text) is not None
        or (PROSE_OR_ROW_RE.search(text) is not None and not names_kind(text))
    )


def names_kind(line: str) -> bool:
    """Does the line end in the kind of document it is (…自评报告, …自评表（2023年度）)?"""
    title = clean_title(line) or ""
    return len(title) >= 6 and DOCUMENT_KIND_END_RE.search(title) is not None


def kind_lines(lines: list[str]) -> list[str]:
    """The lines of a title among a page's top lines. A site's name, menu and slogan stand before the
    title, which ends at the first line that says what kind of document it is (…自评报告, …情况公示),
    or the short line after it that finishes saying so (…绩效评价 / 报告; （2023年度）). A title wrapped
    over lines starts on a line before where a quote or bracket opened there closes in it (…“人工智能应用
    创新 / 服务中心日常运营”…), where that line holds its year or unit (保山市林业和草原局2021年度 /
    项目绩效自评报告), or where the kind line is too short to be a title of its own (… / 评价报告); and
    further up to the line with the year where the title has none yet (2022年省…重点项目 / 会同县…基地 /
    建设项目绩效评价报告).
    Without a kind line, all the lines."""
    named = [k for k, line in enumerate(lines) if names_kind(line)]
    if not named:
        return lines
    first = last = named[0]
    if last + 1 < len(lines) and (
        EDITION_RE.fullmatch(lines[last + 1]) or KIND_TAIL_RE.fullmatch(lines[last + 1])
    ):
        last += 1
    while first > 0 and WRAPPED_HEAD_RE.fullmatch(before := lines[first - 1]):
        title = "".join(lines[first : last + 1])
        if not (
            unbalanced(title)
            or (
                first == named[0]
                and not title.startswith(before)
                and (YEAR_RE.search(before) or ORG_LINE_RE.fullmatch(before) or len(lines[first]) <= 10)
            )
            or (YEAR_RE.search(before) and not YEAR_RE.search(title))
        ):
            break
        first -= 1
    return lines[first : last + 1]


def unbalanced(text: str) -> bool:
    """Does `text` close a quote or bracket it did not open (服务中心日常运营”重点项目…)?"""
    return any(text.count(close) > text.count(open_) for open_, close in ("“”", "《》", "（）", "()"))


# Web-page chrome around a title: breadcrumbs (首页 > 通知公告 >), what follows it on the same line
# (文章来源, 发布时间, a date, 【字体】, 浏览次数), and document-sharing wrappers (….docx, 文本内容:).
BREADCRUMB_RE = re.compile(r"^.*(?:>|»|>>|＞)\s*")
TITLE_TAIL_RE = re.compile(
    r"(?:文章来源|信息来源|来源[:：]|發布|发布时间|发布日期|更新时间|信息提供日期|时间[:：]|日期[:：]|作者[:：]|【|浏览|点击|"
    r"字体|索引号|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4}|\d{4}年\d{1,2}月\d{1,2}日\d|\.docx?|\.pdf|\.xlsx?).*$"
)
# what titles do not hold: an amount or a percentage, a colon inside the line (电话:…, 包括:…), cells
# of a table row (项目负责人 | 刘军勇 | 联系电话)
PROSE_OR_ROW_RE = re.compile(r"\d\s*(?:万元|亿元|元|%)|[:：]\s*\S|\S\s*\|\s*[^|\s]")
# a menu entry (• 首页, · 政务公开) is a short line after its bullet
MENU_BULLET_RE = re.compile(r"^\s*[•·▪●◆■]\s*")
# what a document says it is, at the end of its title (an edition in brackets may follow: （2023年度）)
DOCUMENT_KIND_END_RE = re.compile(
    r"(?:报告|自评|评价|表|通知|通报|通告|公告|公示|说明|总结|目录|意见|办法|方案|细则|函|请示)"
    r"\s*(?:[（(][^）)]{0,30}[）)])?$"
)
# a document's number on a line of its own under its title (闵财前评〔2023〕5号, 财预[2020]10号)
DOC_NUMBER_LINE_RE = re.compile(r"^\S{1,12}[〔\[［【(（]\s*20\d{2}\s*[〕\]］】)）]\s*\d{1,4}\s*号$")
ORG_LINE_RE = re.compile(rf"[\u4e00-\u9fff（）()、]{{2,30}}{ORG_SUFFIX}")
# the first line of a wrapped title: words, figures and brackets, none of a page's punctuation (网站!, 推荐:)
WRAPPED_HEAD_RE = re.compile(r"[\u4e00-\u9fff\d（）()“”《》、—-]{4,40}")
EDITION_RE = re.compile(r"[（(][^）)]{2,30}[）)]")
# the end of a kind on a line of its own (…绩效评价 / 报告)
KIND_TAIL_RE = re.compile(r"报告|自评表|评价表|目录")
TITLE_HEAD_RE = re.compile(r"^(?:文本内容|下载本文档|当前位置|您现在的位置|#\S+|标\s*\|?\s*题)[:：]?\s*")
# a page's own name for the document, where its header table gives one (信息名称 | 关于下达…的通知)
NAMED_TITLE_RE = re.compile(r"(?:信息名称|标\s*题)\s*[|:：]\s*([^|\n]{6,80})")


REPEATED_TITLE_RE = re.compile(r"(.{6,}?)\1+")


def clean_title(title: str) -> str | None:
    """The title without the page chrome around it."""
    title = TITLE_HEAD_RE.sub("", BREADCRUMB_RE.sub("", title)) if ">" in title or "»" in title else title
    title = TITLE_TAIL_RE.sub("", TITLE_HEAD_RE.sub("", title)).strip(" |:：")
    if repeated := REPEATED_TITLE_RE.fullmatch(title):
        title = repeated.group(1)  # a page that prints its headline and the document's title as one line
    return title or None


def header_fields(paragraphs: list[Paragraph]) -> dict[str, str]:
    fields = {}
    for p in paragraphs[:15]:
        m = HEADER_FIELD_RE.match(p.text.strip())
        if m and m.group("value").strip():
            fields[m.group("name") or m.group("bracketed")] = m.group("value").strip()
    return fields


def fiscal_year_of(title: str, text: str, header: dict[str, str]) -> int | None:
    """The year evaluated: the title's year, else the year most often named as 年度 in the body, else
    a year named on its own, else the year of the dates the body gives of the work (截至2020年11月,
    项目起止时间). The page's dates of writing (发布, 报告日期, 上报时间, a date line under the title) are
    the year after: where they are all there is, the year before theirs."""
    m = YEAR_RE.search(title)
    if m:
        return int(m.group(1))
    body = SHARED_DOC_WRAPPER_RE.sub("", text)
    if re.search(r"20\d{2}", body) is None:
        body = text  # the file's name on a document-sharing page is all the excerpt has
    written = {int(y) for v in header.values() for y in re.findall(r"20\d{2}", v)}
    dates = list(DATE_RE.finditer(body))
    writing = [m for m in dates if dated_writing(body, m.start())]
    written |= {int(m.group(1)) for m in writing}
    years = Counter(int(m.group(1)) for m in re.finditer(r"(20\d{2})\s*年度", body))
    if not years:
        years = Counter(int(y) for y in BARE_YEAR_RE.findall(body))
    if not years:  # the project's own period (项目起止时间 | 2019.1.1~2019.12.31) before any other date
        years = Counter(int(m.group(1)) for m in PROJECT_PERIOD_RE.finditer(body))
    if not years:  # only dates: those in the body speak of the year the work was done (截至2020年11月)
        years = Counter(int(m.group(1)) for m in dates if m not in writing)
    for year, _ in years.most_common():
        if year not in written or len(years) == 1:
            return year
    return min(int(m.group(1)) for m in writing) - 1 if writing and not years else None


def dated_writing(text: str, at: int) -> bool:
    """Is the date at `at` when the document was written or published: labelled so in its clause
    (报告日期: 2022年7月8日, 评价时间: 2013年2月10日至2013年4月25日), or a day on a line of the page's
    header (…海南琼中2025年06月26日)?"""
    clause = re.split(r"[，,。；;\n]", text[max(0, at - 30) : at])[-1]
    if WRITING_DATE_LABEL_RE.search(clause):
        return True
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if at < COVER_CHARS and DATE_LINE_RE.fullmatch(line.strip()):
        return True  # a date on a line of its own on the cover (2024年09月); further down, a table's cell
    return at < 300 and FULL_DATE_RE.match(text, at) is not None and not re.search(r"[，,。；;]", line)


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
        name = re.sub(r"^(?:关于|20\d{2}\s*年度?|年度)", "", name)  # 年度 left where the year stood before it
    name = re.sub(r"(?:项目)$", "", name.strip())
    return name if len(name) >= 2 else None


def extract_metadata(
    document: Document,
    has_form: bool,
    form_project: str | None,
    form_fields: dict[str, str],
    filled_form: bool = False,
) -> Metadata:
    body = document.paragraphs
    header = header_fields(body)
    text = document.full_text()
    named = NAMED_TITLE_RE.search(text[:1500])
    title = (clean_title(named.group(1)) if named else None) or find_title(document, body) or ""
    report_type = report_type_of(title, text, has_form, document.tables, filled_form)
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
