"""Indicator sets of the usual frameworks, with weights, scores and criteria that add up exactly."""

from __future__ import annotations

import random
from decimal import Decimal

from tests.generator.model import EXEC_LEVEL1, Criterion, Indicator, Rate, Subtotal, formula_score
from tests.generator.vocab import DEDUCTIONS, DEPT_OVERALL, DEVIATIONS, Output, ProjectKind

CENT = Decimal("0.01")

# 评价要点 of the common 三级 indicators (own wording, after the MoF framework's intent)
DECISION_POINTS: dict[str, tuple[str, ...]] = {
    "立项依据充分性": (
        "符合国家及地方相关政策和发展规划",
        "与部门职责和年度重点工作相匹配",
        "属于公共财政支持范围",
    ),
    "立项程序规范性": ("按规定程序申报并经集体研究决策", "申报材料完整、审批手续齐全"),
    "绩效目标合理性": ("设定了明确的年度绩效目标", "目标与项目实际内容相关", "目标值与资金规模相匹配"),
    "绩效指标明确性": ("目标已细化为可衡量的指标", "指标值清晰并与任务数相对应"),
    "预算编制科学性": (
        "预算经过测算论证",
        "预算内容与项目内容匹配",
        "测算依据充分、标准明确",
        "预算额度与任务量匹配",
    ),
    "资金分配合理性": ("分配依据充分", "分配额度与实际需求相适应"),
    "资金使用合规性": ("符合财务管理制度规定", "资金拨付审批手续完整", "按批复用途使用", "无截留挪用等情况"),
    "管理制度健全性": ("已建立财务和业务管理制度", "制度合法合规完整"),
    "制度执行有效性": ("严格执行相关管理规定", "合同验收等资料齐全并及时归档", "人员场地设备落实到位"),
}
MOF_STRUCTURE: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "决策": (
        ("项目立项", ("立项依据充分性", "立项程序规范性")),
        ("绩效目标", ("绩效目标合理性", "绩效指标明确性")),
        ("资金投入", ("预算编制科学性", "资金分配合理性")),
    ),
    "过程": (
        ("资金管理", ("资金到位率", "预算执行率", "资金使用合规性")),
        ("组织实施", ("管理制度健全性", "制度执行有效性")),
    ),
}
OLDER_NAMES = {"决策": "投入", "过程": "过程", "产出": "产出", "效益": "效果"}
OLDER_LEVEL2 = {
    "项目立项": "项目立项",
    "绩效目标": "目标设定",
    "资金投入": "资金落实",
    "项目效益": "项目效果",
}


def split_weight(total: Decimal, n: int, rng: random.Random, steps_per_point: int = 2) -> list[Decimal]:
    """n weights of at least 1, in steps of 1/steps_per_point, that add up to total exactly."""
    steps = int(total * steps_per_point)
    base = [steps_per_point] * n
    for _ in range(steps - steps_per_point * n):
        base[rng.randrange(n)] += 1
    weights = [Decimal(h) / steps_per_point for h in base]
    return [w.quantize(Decimal(1)) if w == w.to_integral() else w for w in weights]


def split_points(weight: Decimal, n: int) -> list[Decimal]:
    """Points of n 评价要点: equal to two decimals, the last taking the remainder (5/3 → 1.67, 1.67, 1.66)."""
    if n == 1:
        return [weight]
    share = (weight / n).quantize(CENT)
    points = [share] * (n - 1) + [weight - share * (n - 1)]
    return [p.quantize(Decimal(1)) if p == p.to_integral() else p.normalize() for p in points]


def with_criteria(rng: random.Random, ind: Indicator, texts: tuple[str, ...]) -> Indicator:
    chosen = texts[: rng.randint(2, len(texts))] if len(texts) > 2 else texts
    circled = "①②③④⑤⑥"
    points = split_points(ind.weight, len(chosen))
    ind.criteria = [
        Criterion(f"{circled[k]}{t}", p) for k, (t, p) in enumerate(zip(chosen, points, strict=True))
    ]
    return ind


def deduct(rng: random.Random, ind: Indicator, notes: tuple[str, ...] = DEDUCTIONS) -> None:
    """Take 0.5–2 points off, with the note that explains it."""
    d = Decimal(rng.choice((1, 2, 3, 4))) / 2
    d = min(d, ind.weight / 2)
    ind.score = (ind.weight - d).quantize(CENT)
    ind.deduction_note = rng.choice(notes).format(d=d.normalize())


def full(ind: Indicator) -> Indicator:
    ind.score = ind.weight.quantize(CENT)
    return ind


def output_target(rng: random.Random, out: Output) -> tuple[str, str, bool]:
    """(年度指标值, 实际完成值, met) for an output indicator."""
    value = rng.randint(out.low, out.high)
    if out.unit == "%":
        met = rng.random() < 0.8
        actual = min(100, value + rng.randint(0, 5)) if met else value - rng.randint(1, 5)
        return f"≥{value}%", f"{actual}%", met
    if out.unit in ("所", "个", "家") and value < 30 and rng.random() < 0.3:
        return f"={value}{out.unit}", f"{value}{out.unit}", True
    met = rng.random() < 0.8
    actual = (
        value + rng.randint(0, max(1, value // 10)) if met else value - rng.randint(1, max(1, value // 10))
    )
    return f"≥{value}{out.unit}", f"{actual}{out.unit}", met


def rate_indicator(level1: str, level2: str | None, name: str, weight: Decimal, rate: Rate) -> Indicator:
    ind = Indicator(
        level1, level2, name, weight, formula_score(weight, rate.stated_pct), formula_rate=rate.key
    )
    ind.criteria = [Criterion(f"{name}={rate_formula(rate.name)}×100%，得分={name}×分值")]
    if ind.score < weight:
        ind.deduction_note = f"{rate.name}未达100%，按比例得分"
    return ind


def rate_formula(name: str) -> str:
    return {"资金到位率": "实际到位资金/预算资金", "预算执行率": "实际支出/实际到位资金"}.get(
        name, "实际支出/全年预算数"
    )


def mof_indicators(
    rng: random.Random,
    weights: dict[str, Decimal],
    kind: ProjectKind,
    rates: dict[str, Rate],
    level2_for_output: dict[str, str],
    level1_names: dict[str, str] | None = None,
) -> list[Indicator]:
    """决策/过程/产出/效益 (or the older 投入/过程/产出/效果 when level1_names maps them)."""
    names = level1_names or {k: k for k in weights}
    l2_names = OLDER_LEVEL2 if level1_names else {}
    out: list[Indicator] = []
    for l1 in ("决策", "过程"):
        slots = [(l2, l3) for l2, l3s in MOF_STRUCTURE[l1] for l3 in l3s]
        if l1 == "过程" and "资金到位率" not in rates:
            slots = [s for s in slots if s[1] != "资金到位率"]
        for (l2, l3), w in zip(slots, split_weight(weights[l1], len(slots), rng), strict=True):
            if l3 in rates:
                out.append(rate_indicator(names[l1], l2_names.get(l2, l2), l3, w, rates[l3]))
                continue
            ind = full(Indicator(names[l1], l2_names.get(l2, l2), l3, w, w))
            out.append(with_criteria(rng, ind, DECISION_POINTS[l3]))
    outputs = list(kind.outputs)
    rng.shuffle(outputs)
    outputs = sorted(outputs[:3], key=lambda o: "数量质量时效成本".index(o.kind))
    for o, w in zip(outputs, split_weight(weights["产出"], len(outputs), rng), strict=True):
        target, actual, met = output_target(rng, o)
        ind = full(
            Indicator(names["产出"], level2_for_output[o.kind], o.name, w, w, target=target, actual=actual)
        )
        ind.criteria = [Criterion(f"①{o.name}{target}，完成目标得满分，未完成按比例扣分", w)]
        if not met:
            deduct(rng, ind)
        out.append(ind)
    benefit_slots = [(l2, l3, t) for l2, l3, t in kind.benefits] + [
        ("满意度", f"{kind.served}满意度", "≥90%")
    ]
    for (l2, l3, t), w in zip(
        benefit_slots, split_weight(weights["效益"], len(benefit_slots), rng), strict=True
    ):
        level2 = "满意度" if l2 == "满意度" else l2_names.get("项目效益", "项目效益")
        ind = full(Indicator(names["效益"], level2, l3, w, w, target=t))
        ind.criteria = [
            Criterion(f"①{l3}{t}", split_points(w, 2)[0]),
            Criterion("②效果持续显现", split_points(w, 2)[1]),
        ]
        if rng.random() < 0.3:
            deduct(rng, ind)
        out.append(ind)
    ensure_deduction(rng, out)
    return out


def ensure_deduction(rng: random.Random, inds: list[Indicator]) -> None:
    """Real reports nearly always take points off somewhere; keep at least one explained deduction."""
    if not any(i.score < i.weight and i.deduction_note for i in inds if i.formula_rate is None):
        candidates = [i for i in inds if i.formula_rate is None]
        deduct(rng, rng.choice(candidates))


def subtotals(inds: list[Indicator]) -> list[Subtotal]:
    groups: dict[str, Subtotal] = {}
    for i in inds:
        sub = groups.setdefault(i.level1, Subtotal(i.level1, Decimal(0), Decimal(0)))
        sub.weight += i.weight
        sub.score += i.score
    return list(groups.values())


FORM_LEVEL2 = {"数量": "数量指标", "质量": "质量指标", "时效": "时效指标", "成本": "成本指标"}


def form_indicators(
    rng: random.Random, kind: ProjectKind, exec_rate: Rate, cost_target: str
) -> list[Indicator]:
    """预算执行率 10, 产出指标 50, 效益指标 30, 满意度指标 10 (the usual self-evaluation weights)."""
    inds = [
        Indicator(
            EXEC_LEVEL1,
            None,
            "预算执行率",
            Decimal(10),
            formula_score(Decimal(10), exec_rate.stated_pct),
            formula_rate=exec_rate.key,
        )
    ]
    outputs = list(kind.outputs)
    rng.shuffle(outputs)
    outputs = sorted(outputs[: rng.randint(3, 4)], key=lambda o: "数量质量时效成本".index(o.kind))
    cost = Output("成本", "项目成本控制数", "万元", 0, 0)
    weights = split_weight(Decimal(50), len(outputs) + 1, rng, steps_per_point=1)
    for o, w in zip([*outputs, cost], weights, strict=True):
        if o is cost:
            target, actual, met = cost_target, "在预算范围内", True
        else:
            target, actual, met = output_target(rng, o)
        ind = full(Indicator("产出指标", FORM_LEVEL2[o.kind], o.name, w, w, target=target, actual=actual))
        if not met:
            deduct(rng, ind, DEVIATIONS)
        inds.append(ind)
    benefit_weights = split_weight(Decimal(30), len(kind.benefits), rng, steps_per_point=1)
    for (l2, l3, t), w in zip(kind.benefits, benefit_weights, strict=True):
        actual = t.lstrip("≥") if t.startswith("≥") else "已实现"
        inds.append(full(Indicator("效益指标", f"{l2}指标", l3, w, w, target=t, actual=actual)))
    sat = full(
        Indicator("满意度指标", "服务对象满意度指标", f"{kind.served}满意度", Decimal(10), Decimal(10))
    )
    satisfaction = rng.randint(88, 99)
    sat.target, sat.actual = "≥90%", f"{satisfaction}%"
    if satisfaction < 90:
        deduct(rng, sat, DEVIATIONS)
    inds.append(sat)
    ensure_deduction_form(rng, inds)
    return inds


def ensure_deduction_form(rng: random.Random, inds: list[Indicator]) -> None:
    if not any(i.score < i.weight and i.deduction_note for i in inds if i.formula_rate is None):
        deduct(rng, rng.choice([i for i in inds if i.formula_rate is None]), DEVIATIONS)


def dept_indicators(
    rng: random.Random, weights: dict[str, Decimal], rates: dict[str, Rate]
) -> list[Indicator]:
    """部门整体支出: 运行成本/管理效率/履职效能/社会效应/可持续发展."""
    out: list[Indicator] = []
    for l1, w1 in weights.items():
        slots = [(l2, l3) for a, l2, l3s in DEPT_OVERALL if a == l1 for l3 in l3s]
        for (l2, l3), w in zip(slots, split_weight(w1, len(slots), rng), strict=True):
            if l3 in rates:
                out.append(rate_indicator(l1, l2, l3, w, rates[l3]))
                continue
            ind = full(Indicator(l1, l2, l3, w, w))
            ind.criteria = [
                Criterion(f"①{l3}达到年度目标", split_points(w, 2)[0]),
                Criterion("②相关资料完整", split_points(w, 2)[1]),
            ]
            out.append(ind)
    ensure_deduction(rng, out)
    return out
