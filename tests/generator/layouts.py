"""Report layouts: each a function of a seeded random.Random returning a consistent Report."""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from tests.generator import framework as fw
from tests.generator.model import (
    Amount,
    Enumeration,
    Heading,
    Metadata,
    MetaLines,
    NumberStyle,
    Para,
    Part,
    Rate,
    Report,
    TableBlock,
    grade_for,
    ratio_pct,
)
from tests.generator.vocab import (
    COMPANY_CORES,
    COMPANY_TYPES,
    FIRM_TYPES,
    FIRMS,
    PLACES,
    PROJECT_KINDS,
    ProjectKind,
)

CENT = Decimal("0.01")
MOF_OUTPUT_L2 = {"数量": "产出数量", "质量": "产出质量", "时效": "产出时效", "成本": "产出成本"}
MOF_WEIGHTS = ((20, 20, 30, 30), (15, 20, 35, 30), (20, 20, 40, 20), (25, 25, 25, 25), (30, 25, 20, 25))
OLDER_WEIGHTS = ((20, 25, 30, 25), (15, 25, 35, 25), (20, 20, 30, 30))
DEPT_WEIGHTS = ((15, 35, 30, 15, 5), (10, 40, 30, 15, 5), (20, 30, 30, 10, 10))
DEPT_LEVEL1 = ("运行成本", "管理效率", "履职效能", "社会效应", "可持续发展")


# ---- shared pieces


def place(rng: random.Random) -> tuple[str, str, str]:
    province, city, districts = rng.choice(PLACES)
    return province, city, rng.choice(districts)


def money(rng: random.Random, low: int, high: int) -> Decimal:
    """A figure in 万元 with two decimals."""
    return (Decimal(rng.randint(low * 100, high * 100)) / 100).quantize(CENT)


def share(rng: random.Random, value: Decimal, low: int, high: int) -> Decimal:
    """value × (low..high per mille), to the cent."""
    return (value * rng.randint(low, high) / 1000).quantize(CENT)


def companies(rng: random.Random, city: str, n: int) -> list[str]:
    cores = rng.sample(COMPANY_CORES, n)
    return [f"{city}{core}{rng.choice(COMPANY_TYPES)}" for core in cores]


def firm(rng: random.Random, city: str) -> str:
    return f"{city}{rng.choice(FIRMS)}{rng.choice(FIRM_TYPES)}"


def rate_of(key: str, name: str, num: Amount, den: Amount, label: str | None = None) -> Rate:
    return Rate(key, name, ratio_pct(num.yuan, den.yuan), num.key, den.key, label)


def weights_of(names: tuple[str, ...], values: tuple[int, ...]) -> dict[str, Decimal]:
    return {n: Decimal(v) for n, v in zip(names, values, strict=True)}


def total_of(part: Part) -> Decimal:
    return sum((i.score for i in part.indicators), Decimal(0)).quantize(CENT)


def counts_of(part: Part) -> dict[str, int]:
    counts: dict[str, int] = {}
    for i in part.indicators:
        counts[i.level1] = counts.get(i.level1, 0) + 1
    return counts


def weight_sums(part: Part) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for i in part.indicators:
        sums[i.level1] = sums.get(i.level1, Decimal(0)) + i.weight
    return {k: v.quantize(Decimal(1)) if v == v.to_integral() else v for k, v in sums.items()}


def background(kind: ProjectKind, project: str, district: str, year: int, city: str) -> list[Para]:
    # the city is named once, as real reports do (a district name alone can be ambiguous: 鼓楼区)
    return [
        Para(
            f"为落实{city}{district}{year}年度民生实事工作部署，{district}{kind.department}设立“{project}”项目，"
            f"由{kind.unit}具体组织实施，主要内容包括{'、'.join(kind.tasks[:3])}等。"
        ),
        Para(
            f"项目实施过程中，{kind.unit}按照年度工作计划推进各项任务，{kind.tasks[3]}，项目整体按计划完成。"
        ),
    ]


def project_amounts(rng: random.Random, unit: str = "万元") -> tuple[Amount, Amount, Amount]:
    """年初预算, 实际到位, 实际支出; in 元 the figures carry fen."""
    budget = money(rng, 30, 900)
    received = share(rng, budget, 850, 1000)
    spent = share(rng, received, 880, 1000)
    if unit == "元":
        budget, received, spent = (
            v * 10000 + Decimal(rng.randint(0, 9999)) / 100 for v in (budget, received, spent)
        )
        received, spent = min(received, budget), min(spent, received)
    return (
        Amount("budget", "budget_initial", budget, unit),
        Amount("received", "received", received, unit, also_roles=("budget_adjusted",)),
        Amount("spent", "spent", spent, unit),
    )


def closing_sections(kind: ProjectKind) -> list[Heading | Para]:
    return [
        Heading(1, "五、主要经验及做法"),
        Para(f"一是健全工作机制，明确{kind.unit}的职责分工；二是强化过程管理，定期通报任务进度。"),
        Heading(1, "六、存在的问题及原因分析"),
        Para("部分绩效指标设置不够细化，个别指标难以量化考核；项目资料归档不够及时。"),
        Heading(1, "七、有关建议"),
        Para("建议进一步完善绩效目标编制，细化量化指标；加强项目全过程资料管理，提升资金使用效益。"),
    ]


# ---- a. project evaluation, MoF framework, annex scoring table


def project_evaluation(rng: random.Random) -> Report:
    province, city, district = place(rng)
    kind = rng.choice(PROJECT_KINDS)
    year = rng.randint(2019, 2023)
    project = rng.choice(kind.projects)
    entity = f"{district}{kind.department}"
    budget, received, spent = project_amounts(rng)
    rates = {
        "资金到位率": rate_of("arrival", "资金到位率", received, budget),
        "预算执行率": rate_of("execution", "预算执行率", spent, received),
    }
    weights = weights_of(("决策", "过程", "产出", "效益"), rng.choice(MOF_WEIGHTS))
    part = Part(project, entity, f"{district}{kind.unit}", [budget, received, spent], list(rates.values()))
    part.indicators = fw.mof_indicators(rng, weights, kind, rates, MOF_OUTPUT_L2)
    part.total_score = total_of(part)
    partners = companies(rng, city, rng.randint(3, 6))
    enum = Enumeration("partners", kind.partner_kind, "家", len(partners), partners)
    grade = grade_for(part.total_score) if rng.random() < 0.7 else None
    title = f"{entity}“{project}”项目{rng.choice(('', '重点'))}支出绩效评价报告"
    body: list = [
        Heading(0, title),
        Heading(1, "一、基本情况"),
        Heading(2, "（一）项目概况"),
        *background(kind, project, district, year, city),
        Para(f"{year}年度项目通过政府采购确定{{enum:partners}}，按合同约定提供服务。"),
        Heading(2, "（二）项目资金投入和使用情况"),
        Para(
            f"{year}年年初预算批复{{amt:budget}}，全年实际到位资金{{amt:received}}，资金到位率为{{rate:arrival}}；"
            f"截至{year}年12月31日，实际支出{{amt:spent}}，预算执行率为{{rate:execution}}。"
        ),
        Heading(1, "二、绩效评价工作开展情况"),
        Heading(2, "（一）绩效评价指标体系"),
        Para(
            "本次评价按照项目支出绩效评价指标体系框架，设置{weights}，合计100分；三级指标按一级指标分布为{counts}。"
        ),
        Heading(1, "三、综合评价情况及评价结论"),
        Para(
            "经综合评价，项目总体达到预期目标，绩效评价得分为{total}分"
            + ("，评价等级为“{grade}”。" if grade else "。")
        ),
        Heading(1, "四、绩效评价指标分析"),
        Heading(2, "（一）项目决策情况"),
        Para("项目立项依据充分，程序规范，绩效目标基本明确，预算编制经过测算。"),
        Heading(2, "（二）项目过程情况"),
        Para("资金管理和使用符合财务制度规定，资金到位率为{rate:arrival}，预算执行率为{rate:execution}。"),
        *closing_sections(kind),
        Heading(1, "附件：项目支出绩效评价评分表"),
        TableBlock("scoring", caption=f"“{project}”项目绩效评价评分表"),
    ]
    meta = Metadata(
        "project_evaluation", year, province, city, district, entity, firm(rng, city), project, title
    )
    return Report(
        "project_evaluation",
        meta,
        [part],
        body,
        grade_stated=grade,
        total_in_text=part.total_score,
        level1_weights_claim=weight_sums(part),
        level1_counts_claim=counts_of(part),
        enumerations=[enum],
        style=NumberStyle(fullwidth=rng.random() < 0.25, unit_space=rng.random() < 0.5),
        landscape=rng.random() < 0.5,
    )


# ---- b. self-evaluation form(s)


def form_part(
    rng: random.Random, index: int, kind: ProjectKind, project: str, department: str, implementer: str
) -> Part:
    """One 项目支出绩效自评表: funds block (万元), goals and indicators; 总分 adds up."""
    p = f"p{index}_"
    initial = money(rng, 20, 600)
    carry = money(rng, 1, 40) if rng.random() < 0.4 else Decimal("0.00")
    adjusted = share(rng, initial, 900, 1050) + carry
    spent = share(rng, adjusted, 800, 1000)
    carry_spent = min(carry, spent)
    figures = [
        ("年度资金总额", initial, adjusted, spent, None),
        ("其中：当年财政拨款", initial, adjusted - carry, spent - carry_spent, "total"),
        ("上年结转资金", Decimal("0.00"), carry, carry_spent, "total"),
        ("其他资金", Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), "total"),
    ]
    amounts = []
    for row, (label, *values, of) in enumerate(figures):
        for role, value in zip(("budget_initial", "budget_adjusted", "spent"), values, strict=True):
            amounts.append(
                Amount(
                    f"{p}{role}_{row}",
                    role,
                    value,
                    "万元",
                    label=None if row == 0 else label,
                    part_of=f"{p}{role}_0" if of else None,
                )
            )
    exec_rate = rate_of(f"{p}exec", "执行率", amounts[2], amounts[1])
    part = Part(project, department, implementer, amounts, [exec_rate])
    part.indicators = fw.form_indicators(rng, kind, exec_rate, f"≤{adjusted}万元")
    part.total_score = total_of(part)
    part.goal_expected = f"完成{'、'.join(kind.tasks[:2])}等年度任务，保障项目按期实施。"
    part.goal_actual = f"已完成{'、'.join(kind.tasks[:2])}等任务，项目整体进展顺利。"
    return part


def form_meta(rng: random.Random, n_parts: int) -> tuple[Metadata, list[Part], ProjectKind]:
    province, city, district = place(rng)
    kind = rng.choice(PROJECT_KINDS)
    year = rng.randint(2020, 2024)
    department = f"{city}{district}{kind.department}"  # forms name the 主管部门 in full
    implementer = rng.choice((department, f"{district}{kind.unit}"))
    projects = rng.sample(kind.projects, n_parts)
    parts = [form_part(rng, k, kind, name, department, implementer) for k, name in enumerate(projects)]
    title = f"{year}年度项目支出绩效自评表"
    meta = Metadata(
        "self_evaluation_table",
        year,
        province,
        city,
        district,
        implementer,
        implementer,
        projects[0] if n_parts == 1 else None,
        title,
    )
    return meta, parts, kind


def self_evaluation_table(rng: random.Random) -> Report:
    meta, parts, _ = form_meta(rng, 1)
    body = [Heading(0, "项目支出绩效自评表"), Para(f"（{meta.fiscal_year}年度）"), TableBlock("form", 0)]
    return Report("self_evaluation_table", meta, parts, body, landscape=rng.random() < 0.3)


def self_evaluation_tables(rng: random.Random) -> Report:
    """A file holding several forms, one per project."""
    meta, parts, _ = form_meta(rng, rng.randint(2, 3))
    body: list = [Heading(0, f"{meta.entity}{meta.fiscal_year}年度项目支出绩效自评表")]
    for k, part in enumerate(parts):
        body += [Heading(1, f"表{k + 1}：{part.project}"), TableBlock("form", k)]
    return Report("self_evaluation_tables", meta, parts, body, landscape=rng.random() < 0.3)


# ---- c. self-evaluation report with amounts in 元 and rates in sentences


def self_evaluation_yuan(rng: random.Random) -> Report:
    province, city, district = place(rng)
    kind = rng.choice(PROJECT_KINDS)
    year = rng.randint(2020, 2024)
    project = rng.choice(kind.projects)
    entity = f"{district}{kind.unit}"
    budget, adjusted, spent = project_amounts(rng, "元")
    adjusted.role, adjusted.also_roles = "budget_adjusted", ("received",)
    arrival = rate_of("arrival", "资金到位率", adjusted, budget)
    execution = rate_of("execution", "预算执行率", spent, adjusted)
    part = Part(
        project, f"{district}{kind.department}", entity, [budget, adjusted, spent], [arrival, execution]
    )
    part.indicators = fw.form_indicators(rng, kind, execution, "≤预算金额")
    part.total_score = total_of(part)
    grade = grade_for(part.total_score)
    title = f"{entity}{year}年度“{project}”项目绩效自评报告"
    body: list = [
        Heading(0, title),
        Heading(1, "一、项目基本情况"),
        *background(kind, project, district, year, city),
        Heading(1, "二、项目资金使用及管理情况"),
        Para(
            f"{year}年项目年初预算{{amt:budget}}，年中调整后全年预算为{{amt:received}}，资金到位率{{rate:arrival}}。"
        ),
        Para(
            f"截至{year}年底，项目实际支出{{amt:spent}}，预算执行率为{{rate:execution}}，资金均按规定用途使用。"
        ),
        Heading(1, "三、项目绩效目标完成情况"),
        Para(
            "根据项目绩效目标，经自评，本项目自评得分{total}分，自评等级为{grade}。各项指标完成情况见下表。"
        ),
        TableBlock("targets", caption="项目绩效指标完成情况表"),
        Heading(1, "四、存在的问题及改进措施"),
        Para("个别指标完成值未达年度目标，下一步将加强项目进度跟踪，提高资金使用效益。"),
    ]
    meta = Metadata("self_evaluation", year, province, city, district, entity, entity, project, title)
    return Report(
        "self_evaluation_yuan",
        meta,
        [part],
        body,
        grade_stated=grade,
        total_in_text=part.total_score,
        style=NumberStyle(thousands=True, unit_space=rng.random() < 0.5),
    )


# ---- d. older framework 投入/过程/产出/效果 with 小计 and 合计 rows


def older_framework(rng: random.Random) -> Report:
    province, city, district = place(rng)
    kind = rng.choice(PROJECT_KINDS)
    year = rng.randint(2015, 2020)
    project = rng.choice(kind.projects)
    entity = f"{district}{kind.department}"
    budget, received, spent = project_amounts(rng)
    execution = rate_of("execution", "预算执行率", spent, received)
    arrival = rate_of("arrival", "资金到位率", received, budget)
    rates = {"资金到位率": arrival, "预算执行率": execution}
    weights = weights_of(("决策", "过程", "产出", "效益"), rng.choice(OLDER_WEIGHTS))
    part = Part(project, entity, f"{district}{kind.unit}", [budget, received, spent], [arrival, execution])
    part.indicators = fw.mof_indicators(rng, weights, kind, rates, MOF_OUTPUT_L2, fw.OLDER_NAMES)
    part.subtotals = fw.subtotals(part.indicators)
    part.total_score = total_of(part)
    grade = grade_for(part.total_score)
    title = f"关于{year}年度{entity}{project}项目的绩效评价报告"
    body: list = [
        Heading(0, title),
        Heading(1, "一、项目概况"),
        *background(kind, project, district, year, city),
        Heading(1, "二、项目资金情况"),
        TableBlock("funds", caption="项目资金情况表", unit_note="单位：万元"),
        Para("项目资金到位率{rate:arrival}，预算执行率{rate:execution}。"),
        Heading(1, "三、绩效评价结论"),
        Para(
            "本次评价从投入、过程、产出、效果四个方面设置指标，即{weights}。经评价，项目综合得分{total}分，等级为“{grade}”。"
        ),
        Heading(1, "四、绩效评价指标得分情况"),
        TableBlock("scoring_subtotals", caption="绩效评价指标得分表"),
    ]
    meta = Metadata(
        "project_evaluation", year, province, city, district, entity, firm(rng, city), project, title
    )
    return Report(
        "older_framework",
        meta,
        [part],
        body,
        grade_stated=grade,
        total_in_text=part.total_score,
        level1_weights_claim=weight_sums(part),
        landscape=rng.random() < 0.5,
    )


# ---- e. department overall


def department_overall(rng: random.Random) -> Report:
    province, city, district = place(rng)
    kind = rng.choice(PROJECT_KINDS)
    year = rng.randint(2019, 2023)
    entity = f"{district}{kind.department}"
    initial = money(rng, 3000, 60000)
    adjusted = share(rng, initial, 880, 1080)
    spent = share(rng, adjusted, 900, 1000)
    basic = share(rng, spent, 300, 600)
    amounts = [
        Amount("initial", "budget_initial", initial, "万元"),
        Amount("adjusted", "budget_adjusted", adjusted, "万元"),
        Amount("change", "other", adjusted - initial, "万元", label="预算调整数"),
        Amount("spent", "spent", spent, "万元"),
        Amount("basic", "spent", basic, "万元", label="基本支出", part_of="spent"),
        Amount("project_spent", "spent", spent - basic, "万元", label="项目支出", part_of="spent"),
    ]
    by_key = {a.key: a for a in amounts}
    execution = rate_of("execution", "预算执行率", by_key["spent"], by_key["adjusted"])
    weights = weights_of(DEPT_LEVEL1, rng.choice(DEPT_WEIGHTS))
    part = Part(None, entity, entity, amounts, [execution])
    part.indicators = fw.dept_indicators(rng, weights, {"预算执行率": execution})
    part.total_score = total_of(part)
    grade = grade_for(part.total_score)
    works = rng.sample(kind.tasks, rng.randint(2, 4))
    title = f"{entity}{year}年度部门整体支出绩效评价报告"
    body: list = [
        Heading(0, title),
        Heading(1, "一、部门基本情况"),
        Para(f"{entity}是{district}人民政府工作部门，下设{kind.unit}等单位。全年完成{{enum:works}}。"),
        Heading(1, "二、部门整体支出情况"),
        Para(
            f"{year}年度部门年初预算{{amt:initial}}，年中预算调整{{amt:change}}，调整后预算{{amt:adjusted}}；"
            "全年支出{amt:spent}，其中基本支出{amt:basic}，项目支出{amt:project_spent}，预算执行率{rate:execution}。"
        ),
        Heading(1, "三、绩效评价指标体系及评价结论"),
        Para("评价指标体系包括{weights}。经评价，部门整体支出绩效得分{total}分，评价等级为“{grade}”。"),
        TableBlock("scoring", caption="部门整体支出绩效评价评分表"),
        Heading(1, "四、存在的问题及改进措施"),
        Para("部分项目预算执行进度不均衡，下一步将加强预算执行监控。"),
    ]
    meta = Metadata("department_overall", year, province, city, district, entity, entity, None, title)
    return Report(
        "department_overall",
        meta,
        [part],
        body,
        grade_stated=grade,
        total_in_text=part.total_score,
        level1_weights_claim=weight_sums(part),
        enumerations=[Enumeration("works", "重点工作", "项", len(works), works)],
        landscape=rng.random() < 0.3,
    )


# ---- f. web article: metadata lines, narrative figures itemised by sub-project


def web_article(rng: random.Random) -> Report:
    province, city, district = place(rng)
    kind = rng.choice(PROJECT_KINDS)
    year = rng.randint(2020, 2024)
    project = rng.choice(kind.projects)
    entity = f"{district}{kind.department}"
    subs = [f"{t}项目" for t in rng.sample(kind.tasks, rng.randint(2, 4))]
    amounts: list[Amount] = []
    rates: list[Rate] = []
    items = []
    circled = "①②③④"
    for k, sub in enumerate(subs):
        due = Decimal(rng.randint(10, 200))
        got = (due * rng.randint(600, 1000) / 1000).quantize(Decimal(1))
        due_a = Amount(f"due{k}", "budget_adjusted", due, "万元", sub, ("budget_initial",), part_of="due")
        got_a = Amount(f"got{k}", "received", got, "万元", sub, part_of="got")
        amounts += [due_a, got_a]
        rates.append(rate_of(f"arr{k}", "到位率", got_a, due_a, sub))
        items.append(f"{circled[k]}{sub}应到位{{amt:due{k}}}，实际到位{{amt:got{k}}}，到位率{{rate:arr{k}}}")
    due_total = Amount(
        "due",
        "budget_adjusted",
        sum((a.value for a in amounts[::2]), Decimal(0)),
        "万元",
        also_roles=("budget_initial",),
    )
    got_total = Amount("got", "received", sum((a.value for a in amounts[1::2]), Decimal(0)), "万元")
    spent = Amount("spent", "spent", (got_total.value * rng.randint(850, 1000) / 1000).quantize(CENT), "万元")
    amounts += [due_total, got_total, spent]
    rates += [
        rate_of("arr", "资金到位率", got_total, due_total),
        rate_of("exe", "预算执行率", spent, got_total),
    ]
    part = Part(project, entity, entity, amounts, rates)
    part.total_score = Decimal(rng.randint(8000, 9900)) / 100
    grade = grade_for(part.total_score)
    title = f"{entity}{year}年度{project}项目绩效自评报告"
    date = f"{year + 1}-0{rng.randint(3, 9)}-{rng.randint(10, 28)}"
    body: list = [
        MetaLines(
            [
                ("索引号", f"{rng.randint(10000000, 99999999)}/{year + 1}-{rng.randint(100, 999):05d}"),
                ("发布机构", f"{district}人民政府" if rng.random() < 0.5 else entity),
                ("公开目录", "财政预决算"),
                ("文号", f"{district[:2]}{kind.department[:2]}〔{year + 1}〕{rng.randint(1, 90)}号"),
                ("发文日期", date),
            ]
        ),
        Heading(0, title),
        Heading(1, "一、项目基本情况"),
        Para(f"本项目包括{{enum:subs}}，由{entity}统筹实施。"),
        Heading(1, "二、资金到位及使用情况"),
        Para("；".join(items) + "。"),
        Para(
            "合计应到位{amt:due}，实际到位{amt:got}，资金到位率{rate:arr}；实际支出{amt:spent}，预算执行率{rate:exe}。"
        ),
        Heading(1, "三、自评结论"),
        Para("经自评，本项目绩效自评得分{total}分，等级为“{grade}”。"),
    ]
    meta = Metadata(
        "self_evaluation", year, province, city, district, entity, body[0].lines[1][1], project, title, date
    )
    return Report(
        "web_article",
        meta,
        [part],
        body,
        grade_stated=grade,
        total_in_text=part.total_score,
        enumerations=[Enumeration("subs", "子项目", "个", len(subs), subs)],
        style=NumberStyle(fullwidth=rng.random() < 0.3, unit_space=rng.random() < 0.5),
    )


# ---- g. a self-evaluation report whose text copy flattens the form


def text_copy(rng: random.Random) -> Report:
    meta, parts, kind = form_meta(rng, 1)
    meta.report_type = "self_evaluation"
    meta.title = f"{meta.entity}{meta.fiscal_year}年度{meta.project}项目绩效自评报告"
    body: list = [
        Heading(0, meta.title),
        Heading(1, "一、项目概况"),
        *background(kind, meta.project or "", meta.district or "", meta.fiscal_year, meta.city or ""),
        Heading(1, "二、绩效自评表"),
        TableBlock("form", 0),
    ]
    return Report("text_copy", meta, parts, body)


# ---- h. not reports: a department budget with a 预算绩效管理情况 section; a procurement notice


def not_report(rng: random.Random) -> Report:
    province, city, district = place(rng)
    kind = rng.choice(PROJECT_KINDS)
    year = rng.randint(2020, 2024)
    entity = f"{district}{kind.department}"
    if rng.random() < 0.5:
        which = rng.choice(("部门预算", "部门决算"))
        total = money(rng, 3000, 50000)
        basic = share(rng, total, 300, 600)
        title = f"{entity}{year}年{which}"
        body: list = [
            Heading(0, title),
            Heading(1, "第一部分 部门概况"),
            Para(f"{entity}主要职责是负责全区{kind.department[:-1]}相关工作。"),
            Heading(1, f"第二部分 {year}年{which}情况说明"),
            Para(f"{year}年收支总预算{total}万元，其中基本支出{basic}万元，项目支出{total - basic}万元。"),
            TableBlock(
                "literal",
                caption="收支预算总表",
                unit_note="单位：万元",
                rows=[
                    ["项目", "预算数"],
                    ["一般公共预算拨款", str(total)],
                    ["基本支出", str(basic)],
                    ["项目支出", str(total - basic)],
                ],
            ),
            Heading(1, "第三部分 其他重要事项的情况说明"),
            Heading(2, "（一）预算绩效管理情况"),
            Para(
                f"根据预算绩效管理要求，本部门{year}年纳入绩效目标管理的项目{rng.randint(5, 40)}个，"
                f"涉及资金{share(rng, total, 100, 400)}万元，实现绩效目标管理全覆盖。"
            ),
        ]
    else:
        project = rng.choice(kind.projects)
        ceiling = Decimal(rng.randint(200000, 5000000))
        title = f"{entity}{project}服务项目公开招标公告"
        body = [
            Heading(0, title),
            Heading(1, "一、项目基本情况"),
            Para(f"项目名称：{project}服务项目"),
            Para(f"预算金额：{ceiling:,.2f}元；最高限价：{ceiling:,.2f}元。"),
            Para("采购需求：详见招标文件。合同履行期限：一年。"),
            Heading(1, "二、申请人的资格要求"),
            Para("满足《中华人民共和国政府采购法》第二十二条规定。"),
            Heading(1, "三、获取招标文件"),
            Para(f"时间：{year}年3月1日至{year}年3月8日，每天上午9:00至12:00。"),
        ]
    meta = Metadata("not_report", year, province, city, district, entity, entity, None, title)
    return Report("not_report", meta, [], body)


LAYOUTS: dict[str, Callable[[random.Random], Report]] = {
    "project_evaluation": project_evaluation,
    "self_evaluation_table": self_evaluation_table,
    "self_evaluation_tables": self_evaluation_tables,
    "self_evaluation_yuan": self_evaluation_yuan,
    "older_framework": older_framework,
    "department_overall": department_overall,
    "web_article": web_article,
    "text_copy": text_copy,
    "not_report": not_report,
}
