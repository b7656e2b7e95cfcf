"""Arithmetic checks on small literal facts: pass, fail and skip for each."""

from __future__ import annotations

from decimal import Decimal

from checks import run_checks
from extractors.document import Evidence, Paragraph
from extractors.facts import (
    Amount,
    Breakdown,
    DocumentFacts,
    Figure,
    Narrative,
    ProjectFacts,
    Rate,
    Subtotal,
)
from extractors.facts.narrative import find_changes
from schemas import CheckRow
from tests.facts_builders import fig, ind, report, wan


def rows(facts: DocumentFacts, check_id: str) -> list[CheckRow]:
    return run_checks(facts, "doc", only=(check_id,))


def statuses(facts: DocumentFacts, check_id: str) -> dict[str, str]:
    return {r.subject: r.status for r in rows(facts, check_id)}


def project(**kwargs: object) -> ProjectFacts:
    return ProjectFacts(name="P", **kwargs)  # type: ignore[arg-type]


# ---- rate_recompute


def test_rate_seed_pair_is_exact_and_row_states_everything() -> None:
    budget, received = wan("budget_initial", "300"), wan("received", "267.90")
    [row] = rows(
        report(project(rates=[Rate("资金到位率", fig("89.30"), received, budget)])), "rate_recompute"
    )
    assert (row.status, row.severity, row.project, row.subject) == ("pass", "error", "P", "资金到位率")
    assert (row.expected, row.actual, row.tolerance) == ("89.30", "89.30", "±0.16")
    assert row.evidence is not None and "p.1: received 267.90 万元" in row.evidence


def test_rate_wrong_by_one_point_fails_with_actionable_message() -> None:
    budget, received = wan("budget_initial", "300"), wan("received", "267.90")
    [row] = rows(
        report(project(rates=[Rate("资金到位率", fig("88.30"), received, budget)])), "rate_recompute"
    )
    assert row.status == "fail"
    assert "88.30%" in row.message and "89.30%" in row.message and "容差" in row.message


def test_rate_passes_when_an_alternative_pair_reproduces_it() -> None:
    budget, adjusted, spent = (
        wan("budget_initial", "300"),
        wan("budget_adjusted", "267.90"),
        wan("spent", "267.90"),
    )
    rate = Rate("预算执行率", fig("100.00"), spent, budget, alternatives=[(spent, adjusted)])
    assert statuses(report(project(rates=[rate])), "rate_recompute") == {"预算执行率": "pass"}


def test_savings_rate_is_planned_minus_actual_over_planned() -> None:
    planned, actual = wan("budget_initial", "300"), wan("spent", "267.90")
    ok = Rate("成本节约率", fig("10.70"), actual, planned)
    wrong = Rate("成本节约率", fig("12.70"), actual, planned, label="二期")
    assert statuses(report(project(rates=[ok, wrong])), "rate_recompute") == {
        "成本节约率": "pass",
        "成本节约率（二期）": "fail",
    }


def test_rate_consistent_only_if_a_whole_amount_was_rounded_is_a_warning() -> None:
    """1157.97 / 2000 = 57.8985 %, stated 57.89 %: within the rounding of 2000 (1999.5-2000.5), not
    of the figures as written, so worth a look but not an error; 267.90 / 300 = 89.30 % stays a pass."""
    budget, spent = wan("budget_adjusted", "2000"), wan("spent", "1157.97")
    [row] = rows(report(project(rates=[Rate("预算执行率", fig("57.89"), spent, budget)])), "rate_recompute")
    assert (row.status, row.severity) == ("fail", "warning")
    assert "2000 万元" in row.message and "约数" in row.message and "57.8985%" in row.message
    exact = Rate("预算执行率", fig("57.90"), spent, budget)
    assert statuses(report(project(rates=[exact])), "rate_recompute") == {"预算执行率": "pass"}


def test_rate_above_the_budget_written_100_percent_is_capped_not_a_contradiction() -> None:
    sentence = Evidence(1, "批复金额为900万元,实际执行资金总额977万元,资金执行率为100%")
    budget = Amount("budget_adjusted", Decimal(900), "万元", "900万元", sentence)
    spent = Amount("spent", Decimal(977), "万元", "977万元", sentence)
    stated = Figure(Decimal(100), "100", sentence)
    [row] = rows(report(project(rates=[Rate("资金执行率", stated, spent, budget)])), "rate_recompute")
    assert row.status == "pass" and "108.56%" in row.message and "按 100% 计" in row.message
    # amounts from other sentences may be other sums: no cap is read from them
    elsewhere = Rate("资金执行率", stated, wan("spent", "977"), wan("budget_adjusted", "900"))
    assert statuses(report(project(rates=[elsewhere])), "rate_recompute") == {"资金执行率": "fail"}
    below = Rate("资金执行率", stated, Amount("spent", Decimal(877), "万元", "877万元", sentence), budget)
    assert statuses(report(project(rates=[below])), "rate_recompute") == {"资金执行率": "fail"}  # 97.44 %


def test_a_receipt_rate_read_from_a_budget_figure_is_a_warning() -> None:
    # dev v049: 应到位2640万元(…补助资金2640万),实际未到位,到位率0%: no received amount is stated, so
    # pairing the budget with itself assumes the money arrived
    sentence = Evidence(1, "新一轮退耕还林补助应到位2640万元(第三批补助资金2640万),实际未到位,到位率0%")
    stated = Figure(Decimal(0), "0", sentence)

    def received_rate(numerator: tuple[str, int, str], denominator: tuple[str, int, str]) -> CheckRow:
        num, den = (Amount(role, Decimal(v), "万元", w, sentence) for role, v, w in (numerator, denominator))
        [row] = rows(report(project(rates=[Rate("到位率", stated, num, den)])), "rate_recompute")
        return row

    due = ("budget_adjusted", 2640, "2640万元")
    row = received_rate(("budget_adjusted", 2640, "2640万"), due)
    assert (row.status, row.severity) == ("fail", "warning") and "未见到位资金金额" in row.message
    # a received amount stated beside it that disagrees is an error
    row = received_rate(("received", 2640, "2640万元"), due)
    assert (row.status, row.severity) == ("fail", "error")
    # a budget over another budget is a real pairing (the seed: 年度总指标 over 年初预算): an error
    row = received_rate(due, ("budget_initial", 3000, "3000万元"))
    assert (row.status, row.severity) == ("fail", "error")


def test_rate_without_amounts_skips_and_says_why() -> None:
    [row] = rows(report(project(rates=[Rate("资金到位率", fig("89.30"))])), "rate_recompute")
    assert row.status == "skip" and "分子或分母" in row.message


def test_a_rate_stated_over_a_row_of_zeros_is_a_warning() -> None:
    # dev k004: 彩票公益金用于医疗救助 | 0 | 0 | 100%
    row_text = Evidence(1, "彩票公益金用于医疗救助 0 0 100%")
    budget = Amount("budget_adjusted", Decimal(0), "万元", "0万元", row_text)
    spent = Amount("spent", Decimal(0), "万元", "0万元", row_text)
    [row] = rows(
        report(project(rates=[Rate("预算执行率", Figure(Decimal(100), "100%", row_text), spent, budget)])),
        "rate_recompute",
    )
    assert (row.status, row.severity) == ("fail", "warning") and "无从得出比率" in row.message
    # zeros from other sentences say nothing of this rate, and 0% over zeros claims nothing
    other = Rate("预算执行率", fig("100"), wan("spent", "0"), wan("budget_adjusted", "0"))
    none = Rate("预算执行率", Figure(Decimal(0), "0%", row_text), spent, budget, label="其他")
    assert statuses(report(project(rates=[other, none])), "rate_recompute") == {
        "预算执行率": "skip",
        "预算执行率（其他）": "skip",
    }


# ---- indicator_sum_total


def two_rows(first: str = "5.00", second: str = "4.96") -> list:
    return [ind("甲", "5", first), ind("乙", "5", second)]


def test_indicator_sum_matches_total() -> None:
    facts = report(project(indicators=two_rows(), total_score=fig("9.96")))
    [row] = rows(facts, "indicator_sum_total")
    assert (row.status, row.expected, row.actual, row.tolerance) == ("pass", "9.96", "9.96", "±0.015")


def test_indicator_sum_mismatch_fails_with_tolerance_in_message() -> None:
    facts = report(project(indicators=two_rows(), total_score=fig("9.90")))
    [row] = rows(facts, "indicator_sum_total")
    assert row.status == "fail"
    assert row.message == "指标得分合计 9.96 与总得分 9.90 不符（容差 ±0.015）"


def test_indicator_sum_uses_narrative_total_for_a_single_project() -> None:
    from extractors.facts import Narrative

    facts = report(project(indicators=two_rows()), narrative=Narrative(total_score=fig("9.96")))
    assert statuses(facts, "indicator_sum_total") == {"total": "pass"}


def test_indicator_sum_skips_without_total_or_with_missing_scores() -> None:
    assert rows(report(project(indicators=two_rows())), "indicator_sum_total")[0].status == "skip"
    facts = report(project(indicators=[ind("甲", "5", None)], total_score=fig("5")))
    assert "缺少得分" in rows(facts, "indicator_sum_total")[0].message


# ---- weights_total


def test_weights_total_against_100_and_against_a_stated_total() -> None:
    hundred = [ind(str(n), "10", "10") for n in range(10)]
    total = fig("100")
    assert statuses(report(project(indicators=hundred, total_score=total)), "weights_total") == {
        "weights": "pass"
    }
    assert statuses(report(project(indicators=hundred[:9], total_score=total)), "weights_total") == {
        "weights": "fail"
    }
    # no 合计 row and no stated total: the published table may be cut off, so 100 is not assumed
    assert statuses(report(project(indicators=hundred[:9])), "weights_total") == {"weights": "skip"}
    grand = Subtotal("合计", None, None, fig("90"), None, Evidence(2, "合计 90"))
    assert statuses(report(project(indicators=hundred[:9], subtotals=[grand])), "weights_total") == {
        "weights": "pass"
    }


def test_weights_total_skips_without_weights() -> None:
    assert statuses(report(project(indicators=[ind("甲", None, "5")])), "weights_total") == {
        "weights": "skip"
    }


# ---- level_subtotal


def test_level_subtotal_weight_and_score() -> None:
    rows_ = [
        ind("甲", "5", "5.00", level1="项目决策"),
        ind("乙", "5", "4.50", level1="项目决策"),
        ind("丙", "10", "9", level1="过程"),
    ]
    good = Subtotal("小计", "决策", None, fig("10"), fig("9.50"), Evidence(2, "决策小计"))
    bad = Subtotal("小计", "过程", None, fig("15"), fig("9"), Evidence(2, "过程小计"))
    result = statuses(report(project(indicators=rows_, subtotals=[good, bad])), "level_subtotal")
    assert result == {"决策/分值": "pass", "决策/得分": "pass", "过程/分值": "fail", "过程/得分": "pass"}


def test_level_subtotal_skips_without_subtotals_or_rows() -> None:
    assert statuses(report(project(indicators=two_rows())), "level_subtotal") == {"subtotals": "skip"}
    orphan = Subtotal("小计", "效益", None, fig("10"), None, Evidence(2, "效益小计"))
    assert statuses(report(project(indicators=two_rows(), subtotals=[orphan])), "level_subtotal") == {
        "效益/分值": "skip"
    }


# ---- score_within_weight


def test_score_within_weight_per_indicator() -> None:
    facts = report(project(indicators=[ind("甲", "5", "5.00"), ind("乙", "5", "5.20"), ind("丙", "5", None)]))
    assert statuses(facts, "score_within_weight") == {"甲": "pass", "乙": "fail", "丙": "skip"}


def test_rounded_score_at_full_weight_is_within() -> None:
    assert statuses(report(project(indicators=[ind("甲", "5.0", "5.04")])), "score_within_weight") == {
        "甲": "pass"
    }


# ---- subpoints_sum


def test_subpoints_seed_rounding_passes_and_a_real_gap_warns() -> None:
    thirds = ind("立项程序规范性", "5", "5.00", criteria_points=[fig("1.66"), fig("1.66"), fig("1.67")])
    short = ind("资金分配合理性", "5", "5.00", criteria_points=[fig("2"), fig("2")])
    result = rows(report(project(indicators=[thirds, short])), "subpoints_sum")
    assert {r.subject: r.status for r in result} == {"立项程序规范性": "pass", "资金分配合理性": "fail"}
    assert {r.severity for r in result} == {"warning"}


def test_subpoints_skip_without_points() -> None:
    assert statuses(report(project(indicators=two_rows())), "subpoints_sum") == {"criteria_points": "skip"}


def test_a_group_weight_of_the_last_group_is_not_held_when_the_table_may_be_cut_off() -> None:
    """产出指标（50分） ends the published table with no 总分 row after it: its rows may go on past
    what was published, so the group is skipped; with a stated total it is checked."""
    rows_ = [ind("甲", "10", "10", level1="决策"), ind("乙", "20.7", "20", level1="产出")]
    named = Subtotal("产出", "产出", None, fig("50"), None, Evidence(1, "产出指标（50分）"))
    cut = report(project(indicators=rows_, subtotals=[named]))
    assert statuses(cut, "level_subtotal") == {"产出/分值": "skip"}
    whole = report(project(indicators=rows_, subtotals=[named], total_score=fig("30")))
    assert statuses(whole, "level_subtotal") == {"产出/分值": "fail"}


# ---- breakdown_sum and spent_within_budget


def test_breakdown_parts_may_not_exceed_the_total_and_two_or_more_must_make_it_up() -> None:

    total = wan("budget_adjusted", "755.19")
    parts = [
        wan("other", "124.23", label="中央"),
        wan("other", "370.83", label="省级"),
        wan("other", "260.3", label="市级"),
    ]
    (row,) = [
        r
        for r in run_checks(report(project(breakdowns=[Breakdown(total, parts)])), "d")
        if r.check_id == "breakdown_sum"
    ]
    assert (row.status, row.severity, row.expected, row.actual) == (
        "fail",
        "warning",
        "7553600.00",
        "7551900.00",
    )
    exact = [wan("other", "124.23"), wan("other", "370.83"), wan("other", "260.13")]
    assert statuses(report(project(breakdowns=[Breakdown(total, exact)])), "breakdown_sum") == {
        row.subject: "pass"
    }
    # one 其中 row above a 年度资金总额 of 0: a part cannot exceed its total
    zero = Breakdown(wan("budget_adjusted", "0"), [wan("budget_adjusted", "90", label="当年财政拨款")])
    assert set(statuses(report(project(breakdowns=[zero])), "breakdown_sum").values()) == {"fail"}
    # one part under the total says nothing: the others may be unlisted
    one = Breakdown(total, [wan("other", "124.23", label="中央")])
    assert set(statuses(report(project(breakdowns=[one])), "breakdown_sum").values()) == {"skip"}


def test_breakdown_that_adds_up_only_if_whole_amounts_were_rounded_is_flagged() -> None:
    """90.79 + 16 + 32 + 4.75 = 143.54, stated 144.53: within the rounding of 16 and 32 (±0.5 each),
    not as the form writes them; whole numbers that do add up (100 + 50 = 150) still pass."""
    total = wan("budget_adjusted", "144.53")
    parts = [
        wan("other", v, label=k)
        for k, v in (("老年", "90.79"), ("儿童", "16"), ("残疾", "32"), ("养老", "4.75"))
    ]
    [row] = rows(report(project(breakdowns=[Breakdown(total, parts)])), "breakdown_sum")
    assert (row.status, row.severity) == ("fail", "warning") and "16 万元、32 万元 视为约数" in row.message
    whole = Breakdown(
        wan("budget_adjusted", "150"), [wan("other", "100", label="中央"), wan("other", "50", label="省级")]
    )
    assert set(statuses(report(project(breakdowns=[whole])), "breakdown_sum").values()) == {"pass"}


def test_spending_beside_its_budget_may_not_exceed_it() -> None:
    row = Evidence(1, "年度资金总额 329.77 329.77 338.31 10 102.59%")
    budget = Amount("budget_adjusted", Decimal("329.77"), "万元", "329.77万元", row, source="table")
    spent = Amount("spent", Decimal("338.31"), "万元", "338.31万元", row, source="table")
    assert statuses(report(project(amounts=[budget, spent])), "spent_within_budget") == {
        "338.31万元（支出）": "fail"
    }
    within = Amount("spent", Decimal("300"), "万元", "300万元", row, source="table")
    assert statuses(report(project(amounts=[budget, within])), "spent_within_budget") == {
        "300万元（支出）": "pass"
    }
    # in different sentences the two figures may be of different scopes: not compared
    apart = Amount("spent", Decimal("338.31"), "万元", "338.31万元", Evidence(2, "全年支出338.31万元"))
    assert statuses(report(project(amounts=[budget, apart])), "spent_within_budget") == {"spending": "skip"}


def test_a_change_on_the_year_before_agrees_with_its_percent() -> None:
    """Real wording: j010 (a 决算 explanation) states 2849.65万元，比上年增加319.38万元，增长14.09%, but
    319.38 / 2530.27 is 12.62 %; s020's 792.22万元，同比上年度增加209.28万元，增加35.9% and o005's fall
    (192.01万元，较上年决算数减少27.31万元，下降12.5%: 12.45 %) hold. A sum before 相比 is the year before's
    (t016: 与2022年获得…384万元相比增加149万元,增长38.8%): not read."""

    def checked(text: str) -> list[tuple[str, str | None]]:
        facts = report(narrative=Narrative(changes=find_changes([Paragraph(text, page=1)])))
        return [(r.status, r.expected) for r in rows(facts, "change_percent")]

    assert checked("2024年度收、支总计2849.65万元,比上年增加319.38万元,增长14.09%。") == [("fail", "12.6224")]
    assert checked("支出792.22万元,同比上年度增加209.28万元,增加35.9%。")[0][0] == "pass"
    assert checked("“三公”经费支出192.01万元,较上年决算数减少27.31万元,下降12.5%。")[0][0] == "pass"
    assert checked("资金384万元相比增加149万元,增长38.8%。") == [("skip", None)]
