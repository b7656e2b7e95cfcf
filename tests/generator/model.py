"""A generated report as data: what it states, in the order a renderer lays it out.

Narrative paragraphs are templates whose figures refer to the data by key (`{amt:budget}`),
so an edit to a figure (a mutation) shows up everywhere the report prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

UNIT_FACTORS: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}
EXEC_LEVEL1 = "预算执行"  # the self-evaluation form's budget-execution row (contract: an indicators row)


@dataclass
class Amount:
    key: str
    role: str  # budget_initial | budget_adjusted | received | spent | other
    value: Decimal  # as written, in `unit`; its exponent is the decimals it is written with
    unit: str
    label: str | None = None  # sub-project or row label (其中：当年财政拨款)
    also_roles: tuple[str, ...] = ()  # roles an honest reading may also give it
    part_of: str | None = None  # key of the total this figure is a component of

    @property
    def yuan(self) -> Decimal:
        return (self.value * UNIT_FACTORS[self.unit]).quantize(Decimal("0.01"))


@dataclass
class Rate:
    key: str
    name: str  # 资金到位率, 预算执行率, 执行率 ... as the report names it
    stated_pct: Decimal
    numerator: str  # Amount keys
    denominator: str
    label: str | None = None


@dataclass
class Criterion:
    text: str
    points: Decimal | None = None


@dataclass
class Indicator:
    level1: str
    level2: str | None
    level3: str
    weight: Decimal
    score: Decimal
    criteria: list[Criterion] = field(default_factory=list)
    explanation: str | None = None  # 指标解释
    target: str | None = None  # 年度指标值 (≥90%)
    actual: str | None = None  # 实际完成值
    deduction_note: str | None = None
    formula_rate: str | None = None  # Rate key: score = weight × rate, capped at weight


@dataclass
class Subtotal:
    level1: str
    weight: Decimal
    score: Decimal


@dataclass
class Enumeration:
    key: str
    subject: str  # 合作企业
    measure: str  # 家, 个, 场
    count_stated: int
    items: list[str]


@dataclass
class Part:
    """One project's figures; a file with several self-evaluation forms has several parts."""

    project: str | None
    department: str  # 主管部门
    implementer: str  # 实施单位
    amounts: list[Amount] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    subtotals: list[Subtotal] = field(default_factory=list)  # stated 小计 rows
    total_score: Decimal | None = None  # as the table states it
    total_weight: Decimal = Decimal(100)
    goal_expected: str = ""
    goal_actual: str = ""


@dataclass
class Metadata:
    report_type: (
        str  # project_evaluation | self_evaluation | self_evaluation_table | department_overall | not_report
    )
    fiscal_year: int
    province: str
    city: str
    district: str | None
    entity: str | None
    publisher: str
    project: str | None
    title: str
    publish_date: str = ""
    index_no: str | None = None
    doc_no: str | None = None


@dataclass
class NumberStyle:
    thousands: bool = False  # 1,234,567.89
    fullwidth: bool = False  # ２６７．９０ in the narrative
    unit_space: bool = True  # 267.90 万元 rather than 267.90万元


# ---- body blocks, in reading order


@dataclass
class Heading:
    level: int  # 0 title, 1 一、, 2 （一）, 3 1.
    text: str


@dataclass
class Para:
    text: str  # may hold {amt:KEY} {rate:KEY} {total} {grade} {weights} {counts} {enum:KEY}


@dataclass
class MetaLines:
    """A web article's header block (索引号, 发布机构, ...) before the title."""

    lines: list[tuple[str, str]]


@dataclass
class TableBlock:
    kind: str  # scoring | scoring_subtotals | form | targets | funds | literal
    part: int = 0
    caption: str | None = None
    unit_note: str | None = None  # 单位：万元, stated once above the table
    rows: list[list[str]] | None = None  # literal tables only (first row is the header)


Block = Heading | Para | MetaLines | TableBlock


@dataclass
class Report:
    layout: str
    meta: Metadata
    parts: list[Part]
    body: list[Block]
    grade_stated: str | None = None
    total_in_text: Decimal | None = None  # the total as the narrative states it
    level1_weights_claim: dict[str, Decimal] | None = None
    level1_counts_claim: dict[str, int] | None = None
    enumerations: list[Enumeration] = field(default_factory=list)
    style: NumberStyle = field(default_factory=NumberStyle)
    landscape: bool = False

    @property
    def is_report(self) -> bool:
        return self.meta.report_type != "not_report"

    def amount(self, key: str) -> Amount:
        return next(a for p in self.parts for a in p.amounts if a.key == key)

    def rate(self, key: str) -> Rate:
        return next(r for p in self.parts for r in p.rates if r.key == key)

    def enumeration(self, key: str) -> Enumeration:
        return next(e for e in self.enumerations if e.key == key)


def decimals_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def quantum(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def ratio_pct(numerator: Decimal, denominator: Decimal, decimals: int = 2) -> Decimal:
    """numerator / denominator in percent, rounded half-up as reports round."""
    return (numerator * 100 / denominator).quantize(quantum(decimals), rounding=ROUND_HALF_UP)


def formula_score(weight: Decimal, rate_pct: Decimal) -> Decimal:
    """分值 × 执行率, capped at 分值, to 2 decimals."""
    return min(weight, (weight * rate_pct / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def grade_for(total: Decimal) -> str:
    """Grade bands of 财预〔2020〕10号."""
    if total >= 90:
        return "优"
    if total >= 80:
        return "良"
    if total >= 60:
        return "中"
    return "差"
