"""Property tests: the text-level extractors and the checks never raise on arbitrary or mangled
input, stay bounded on run-together digits, and the checks' arithmetic agrees with an independent
Decimal computation (cross-multiplied, so no division rounds)."""

from __future__ import annotations

import contextlib
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks import run_checks
from extractors.document import Cell, Document, LoadError, Paragraph, Table
from extractors.extract import extract_facts
from extractors.facts import ProjectFacts, Rate
from extractors.load import load_document
from extractors.rows import facts_to_rows
from extractors.tables.funds_arithmetic import FUNDS_COLUMNS, Unsplittable, split_total_row
from schemas import DocumentRow
from tests.facts_builders import fig, ind, report, wan

PIECES = [
    "万元", "元", "亿元", "%", "％", "分", "得分", "分值", "权重", "预算执行率", "资金到位率", "执行率",
    "年初预算数", "全年预算数", "全年执行数", "年度资金总额", "其中：", "合计", "小计", "总分", "一级指标",
    "二级指标", "三级指标", "决策", "过程", "产出", "效益", "评价等级为", "优", "良", "一、", "（一）", "1.",
    "①", "，", "。", "；", "|", " ", "  ", "\n", "\t", "—", "-", ".", "..", "0", "00", "1", "9", "12",
    "100", "3.5", "89.30", "1,234.5", "三百万元", "百分之八十", "〔2024〕", "\u3000", "\ufeff", "\x00",
]  # fmt: skip
MANGLED = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _run_whole_path(document: Document) -> None:
    facts = extract_facts(document)
    run_checks(facts, "doc")
    facts_to_rows(facts, "doc", DocumentRow(doc_id="doc", source_path="x", source_format="txt", status="ok"))


@FAST
@given(st.lists(MANGLED, min_size=1, max_size=12))
def test_mangled_paragraphs_never_raise(texts: list[str]) -> None:
    _run_whole_path(Document("txt", [Paragraph(text=t) for t in texts]))


@FAST
@given(
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=1, max_value=8),
    st.lists(MANGLED, min_size=48, max_size=48),
    st.lists(st.integers(min_value=1, max_value=4), min_size=48, max_size=48),
)
def test_mangled_tables_never_raise(n_rows: int, n_cols: int, texts: list[str], spans: list[int]) -> None:
    cells = [
        Cell(
            r, c, texts[r * n_cols + c], rowspan=spans[r * n_cols + c] % 2 + 1, colspan=spans[-1 - c] % 3 + 1
        )
        for r in range(n_rows)
        for c in range(n_cols)
    ]
    header = Paragraph(text="项目支出绩效自评表")
    _run_whole_path(Document("docx", [header, Table(cells, n_rows, n_cols)]))


@FAST
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_load_or_raise_load_error(data: bytes) -> None:
    with contextlib.suppress(LoadError):  # any other exception fails the test
        load_document(data, ocr=False)


@FAST
@given(st.text(alphabet="0123456789.% ", max_size=120))
def test_run_together_funds_rows_split_in_bounded_time_or_give_up(text: str) -> None:
    try:
        split = split_total_row(text, list(FUNDS_COLUMNS))
    except Unsplittable:
        return
    if split is not None:
        assert "".join(split) == "".join(text.split())


def written(max_decimals: int, low: str = "0", high: str = "100000") -> st.SearchStrategy[str]:
    """A figure as a person writes it: a decimal with 0..max_decimals places."""
    return st.builds(
        lambda value, places: str(value.quantize(Decimal(1).scaleb(-places))),
        st.decimals(min_value=Decimal(low), max_value=Decimal(high), allow_nan=False, allow_infinity=False),
        st.integers(min_value=0, max_value=max_decimals),
    )


def half(text: str) -> Decimal:
    places = len(text.split(".")[1]) if "." in text else 0
    return Decimal(5).scaleb(-places - 1)


@settings(max_examples=300, deadline=None)
@given(written(2, low="0.01"), written(2, low="0.01"), written(2))
def test_rate_recompute_agrees_with_cross_multiplied_intervals(
    numerator: str, denominator: str, rate: str
) -> None:
    """Consistent iff some n, d and r inside their rounding intervals have n / d × 100 = r:
    (n - hn) × 100 <= (r + hr) × (d + hd) and (n + hn) × 100 >= (r - hr) × (d - hd)."""
    n, d, r = Decimal(numerator), Decimal(denominator), Decimal(rate)
    hn, hd, hr = half(numerator), half(denominator), half(rate)
    if d - hd <= 0:
        return  # the denominator may be zero: the check skips, tested elsewhere
    independent = (n - hn) * 100 <= (r + hr) * (d + hd) and (n + hn) * 100 >= (r - hr) * (d - hd)
    # consistent only by reading a whole-number amount as rounded: a warning
    whole = "." not in numerator or "." not in denominator
    as_written_off = whole and not (r - hr <= n / d * 100 <= r + hr)
    # a rate above 100 % written as 100 % is the forms' cap, not a contradiction
    capped = r == 100 and (n - hn) * 100 > 100 * (d + hd)
    facts = report(
        ProjectFacts(
            name="P",
            rates=[
                Rate("资金到位率", fig(rate), wan("received", numerator), wan("budget_initial", denominator))
            ],
        )
    )
    [row] = run_checks(facts, "doc", only=("rate_recompute",))
    assert row.status == ("pass" if (independent and not as_written_off) or capped else "fail")
    if independent and as_written_off:
        assert row.severity == "warning"


@settings(max_examples=300, deadline=None)
@given(st.lists(written(2, high="30"), min_size=1, max_size=12), written(2, high="300"))
def test_indicator_sum_agrees_with_an_independent_decimal_sum(scores: list[str], stated: str) -> None:
    """Scores written without decimals are exact, with decimals rounded; the total is rounded."""
    added = sum((Decimal(s) for s in scores), Decimal(0))
    slack = sum((half(s) for s in scores if "." in s), Decimal(0)) + half(stated)
    independent = abs(added - Decimal(stated)) <= slack
    project = ProjectFacts(
        name="P", indicators=[ind(f"指标{k}", "30", s) for k, s in enumerate(scores)], total_score=fig(stated)
    )
    [row] = run_checks(report(project), "doc", only=("indicator_sum_total",))
    assert row.status == ("pass" if independent else "fail")
