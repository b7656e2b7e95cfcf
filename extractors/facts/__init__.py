"""Facts: what extraction finds in one document, before it becomes rows.

Every figure keeps the Decimal exactly as written (its exponent is its stated precision, so
`Decimal("267.90")` has 2 decimals) and the Evidence it came from. Checks read only these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Context, Decimal

from extractors.document import Evidence

UNIT_FACTORS: dict[str, Decimal] = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}


def decimals_of(value: Decimal) -> int:
    """Decimals a figure was written with: 267.90 -> 2, 5 -> 0."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@dataclass(frozen=True)
class Figure:
    """A number as written, with its provenance."""

    value: Decimal
    as_written: str
    evidence: Evidence

    @property
    def decimals(self) -> int:
        return decimals_of(self.value)


@dataclass
class Amount:
    role: str  # budget_initial | budget_adjusted | received | spent | other
    value: Decimal  # the number as written, in `unit`
    unit: str  # 元 | 万元 | 亿元
    as_written: str
    evidence: Evidence
    label: str | None = None  # a breakdown of the total (其中：当年财政拨款 / 基本支出): role kept
    source: str = "text"  # text | table
    item: str | None = None  # an itemised sub-project (①…): written as role `other`
    position: int = 0  # character offset in its paragraph, to pair figures with rates

    @property
    def amount_yuan(self) -> Decimal:
        # exact whatever the length of the digits: a figure too long for the column is dropped at
        # write (pipeline.store.fit_rows), never lost to a rounding context
        wide = Context(prec=80)
        return wide.multiply(self.value, UNIT_FACTORS[self.unit]).quantize(Decimal("0.01"), context=wide)

    @property
    def half_width_yuan(self) -> Decimal:
        """Half the rounding interval of the figure as written, in 元."""
        return Decimal(5).scaleb(-decimals_of(self.value) - 1) * UNIT_FACTORS[self.unit]


@dataclass
class Rate:
    name: str  # 资金到位率, 预算执行率, 执行率 ...
    stated: Figure  # in percent
    numerator: Amount | None = None
    denominator: Amount | None = None
    label: str | None = None
    # other plausible (numerator, denominator) pairs where the wording is ambiguous;
    # a rate is consistent when any plausible pair reproduces it
    alternatives: list[tuple[Amount, Amount]] = field(default_factory=list)


@dataclass
class Indicator:
    row_no: int
    level1: str | None
    level2: str | None
    level3: str | None
    weight: Figure | None
    score: Figure | None
    evidence: Evidence
    target_value: str | None = None
    actual_value: str | None = None
    criteria: str | None = None
    criteria_points: list[Figure] = field(default_factory=list)
    deduction_note: str | None = None
    formula: str | None = None  # 资金到位率=（实际到位资金/预算资金）×100%
    targets: list[str] = field(default_factory=list)  # quantitative targets: 场次≥3场
    # the score follows from a rule whose input stands in the same row (the form's 分值 × 执行率)
    scored_by_rule: bool = False

    @property
    def name(self) -> str:
        return self.level3 or self.level2 or self.level1 or f"#{self.row_no}"


@dataclass
class Subtotal:
    """A stated 小计 / 合计 row, or a level-1/level-2 group weight stated in a table."""

    label: str
    level1: str | None
    level2: str | None
    weight: Figure | None
    score: Figure | None
    evidence: Evidence


@dataclass
class Breakdown:
    """A total and the parts stated as its breakdown: 补助资金755.19万元，其中中央124.23万元、省级
    370.83万元…; or a funds block's 年度资金总额 and its 其中 rows (当年财政拨款, 上年结转, 其他资金)."""

    total: Amount
    parts: list[Amount]


@dataclass
class ProjectFacts:
    name: str | None
    amounts: list[Amount] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    subtotals: list[Subtotal] = field(default_factory=list)
    total_score: Figure | None = None  # the table's stated total (总得分 / 总分)
    fields: dict[str, str] = field(default_factory=dict)  # a form's department / unit (主管部门, 实施单位)
    # 绩效指标(90分) in the indicator header: the indicators' weight without the funds block's
    indicator_block_weight: Figure | None = None
    breakdowns: list[Breakdown] = field(default_factory=list)


@dataclass
class Enumeration:
    """A stated count followed by the listed items: 7 家揭榜企业为 A、B、C…"""

    count: Figure
    unit: str  # 家, 个, 项, 条 ...
    noun: str
    items: list[str]
    evidence: Evidence


@dataclass
class PartWhole:
    """A total stated with its parts: 需求 58 条，其中 … 50 条，… 8 条."""

    whole: Figure
    parts: list[Figure]
    unit: str
    evidence: Evidence


@dataclass
class CountMention:
    """A counted quantity in the narrative: 共举办活动 2 场."""

    noun: str
    value: Figure
    unit: str
    evidence: Evidence


@dataclass(frozen=True)
class Change:
    """A sum stated with its change on the year before and that change in percent, in one clause:
    收、支总计2849.65万元，比上年增加319.38万元，增长14.09%. `rise` is False for 减少 / 下降."""

    current: Figure
    change: Figure
    rise: bool
    percent: Figure
    unit: str
    evidence: Evidence


@dataclass(frozen=True)
class Establishment:
    """A unit's establishment and the staff it has in it, stated in one paragraph: 实有人员编制10人…
    在职在编实有行政人员12人. `posts` is the largest 编制 figure stated before the in-post count."""

    posts: Figure
    in_post: Figure
    evidence: Evidence


@dataclass
class Heading:
    level: int  # 1: 一、 2: （一） 3: 1. 4: （1）
    number: int
    marker: str  # as written: 一、 （二） 2.
    text: str
    page: int | None


@dataclass
class Narrative:
    total_score: Figure | None = None  # 评价结果为 95.50 分
    grade_stated: str | None = None
    grade_evidence: Evidence | None = None
    level1_weights: dict[str, Figure] = field(default_factory=dict)  # 决策 30 分
    level1_counts: dict[str, Figure] = field(default_factory=dict)  # 决策 … 6 个三级指标
    enumerations: list[Enumeration] = field(default_factory=list)
    part_wholes: list[PartWhole] = field(default_factory=list)
    counts: list[CountMention] = field(default_factory=list)
    establishments: list[Establishment] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)


@dataclass
class Metadata:
    is_report: bool = False
    report_type: str = "not_report"
    fiscal_year: int | None = None
    province: str | None = None
    city: str | None = None
    district: str | None = None
    entity: str | None = None
    project: str | None = None
    title: str | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class Written:
    """A cited document number (财预〔2021〕15号), period (2018—2020) or date as written, and what
    is wrong with how it is written (None: well formed)."""

    kind: str  # 文号 | 年份区间 | 日期
    as_written: str
    problem: str | None
    evidence: Evidence


@dataclass(frozen=True)
class StatedTarget:
    """A target and its result stated in one sentence (不低于180人,全年实际完成值164人)."""

    text: str
    target: Figure  # an "at least" target
    result: Figure
    unit: str


@dataclass
class DocumentFacts:
    metadata: Metadata
    projects: list[ProjectFacts] = field(default_factory=list)
    narrative: Narrative = field(default_factory=Narrative)
    written: list[Written] = field(default_factory=list)
    # the year of each phrase naming the report or form (2023年度部门整体绩效自评表)
    report_name_years: list[Figure] = field(default_factory=list)
    stated_targets: list[StatedTarget] = field(default_factory=list)
    completion_claims: list[Evidence] = field(default_factory=list)  # 已按照计划完成目标
    warnings: list[str] = field(default_factory=list)  # the document's, and parts extraction gave up on

    @property
    def total_score(self) -> Figure | None:
        stated = [p.total_score for p in self.projects if p.total_score is not None]
        if len(stated) == 1:
            return stated[0]
        return self.narrative.total_score if not stated else None
