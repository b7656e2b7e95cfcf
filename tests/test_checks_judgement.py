"""Judgement checks on small literal facts, and the whole engine on the seed report's facts."""

from __future__ import annotations

from checks import CATALOGUE, SPECS, run_checks
from extractors.document import Evidence, Paragraph
from extractors.facts import CountMention, DocumentFacts, Heading, Metadata, Narrative, ProjectFacts, Rate
from extractors.facts.narrative import find_establishments
from tests.facts_builders import fig, heading, ind, report, seed_like, wan


def statuses(facts: DocumentFacts, check_id: str) -> dict[str, str]:
    return {r.subject: r.status for r in run_checks(facts, "doc", only=(check_id,))}


def table(*indicators: object, **kwargs: object) -> ProjectFacts:
    return ProjectFacts(name="P", indicators=list(indicators), **kwargs)  # type: ignore[arg-type]


# ---- deduction_explained


def test_deduction_needs_a_note() -> None:
    facts = report(
        table(
            ind("成本节约率", "5", "0.54"),
            ind("质量达标率", "5", "4.96", deduction_note="尚未验收"),
            ind("满分", "5", "5.00"),
        )
    )
    assert statuses(facts, "deduction_explained") == {"成本节约率": "fail", "质量达标率": "pass"}


def test_deduction_within_rounding_is_full_marks() -> None:
    assert statuses(report(table(ind("甲", "5.0", "4.96"))), "deduction_explained") == {"indicators": "pass"}
    assert statuses(report(table()), "deduction_explained") == {"indicators": "skip"}


# ---- formula_score

BUDGET, SPENT = wan("budget_initial", "300"), wan("spent", "267.90")


def proportional_table(arrival_score: str) -> ProjectFacts:
    return table(
        ind("资金到位率", "5", arrival_score, level1="过程"),
        ind(
            "成本节约率",
            "5",
            "0.54",
            level1="产出",
            formula="成本节约率=[（计划成本-实际成本）/计划成本]×100%",
        ),
        amounts=[BUDGET, SPENT],
        rates=[Rate("资金到位率", fig("89.30"))],
    )


def test_formula_score_full_marks_against_proportional_rule_fails() -> None:
    rows = run_checks(report(proportional_table("5.00")), "doc", only=("formula_score",))
    by_subject = {r.subject: r for r in rows}
    assert by_subject["资金到位率"].status == "fail"
    assert (by_subject["资金到位率"].expected, by_subject["资金到位率"].actual) == ("4.47", "5.00")
    assert by_subject["成本节约率"].status == "pass"


def test_formula_score_proportional_score_passes() -> None:
    assert statuses(report(proportional_table("4.47")), "formula_score")["资金到位率"] == "pass"


def test_formula_score_without_an_established_rule_skips() -> None:
    facts = report(table(ind("资金到位率", "5", "5.00"), rates=[Rate("资金到位率", fig("89.30"))]))
    assert statuses(facts, "formula_score") == {"资金到位率": "skip"}
    assert statuses(report(table(ind("满意度", "10", "10"))), "formula_score") == {"formula": "skip"}


def test_self_evaluation_budget_row_follows_the_known_rule() -> None:
    def form(score: str) -> DocumentFacts:
        row = ind("预算执行率", "10", score, level1="预算执行", actual_value="83.33%")
        return report(table(row))

    assert statuses(form("8.33"), "formula_score") == {"预算执行率": "pass"}
    assert statuses(form("10"), "formula_score") == {"预算执行率": "fail"}


def test_indicators_scored_against_a_target_are_not_held_to_the_proportional_rule() -> None:
    precedent = ind("预算执行率", "10", "8.33", level1="产出指标", actual_value="83.33%")  # 分值 × 比率
    met = ind("垃圾回收利用率", "13", "13.00", target_value="≥35%", actual_value="40%")  # target met: full
    rows = statuses(report(table(precedent, met)), "formula_score")
    assert rows["垃圾回收利用率"] == "skip"
    unmet = ind("垃圾回收利用率", "13", "13.00", actual_value="40%")  # no target: the table's rule applies
    assert statuses(report(table(precedent, unmet)), "formula_score")["垃圾回收利用率"] == "fail"


def test_formula_score_caps_at_full_marks() -> None:
    row = ind("预算执行率", "10", "10", level1="预算执行", actual_value="105.20%")
    assert statuses(report(table(row)), "formula_score") == {"预算执行率": "pass"}


def test_budget_row_is_held_to_the_ratio_of_its_own_amounts() -> None:
    """20 x 10.77 % could be 2.153-2.155 from the rate alone, so 2.16 is within rounding; but the row
    states 30.00 / 278.4449 = 10.7741 %, and neither that nor 10.77 gives more than 2.155."""

    def form(score: str, *, amounts: bool = True) -> DocumentFacts:
        spent, budget = wan("spent", "30.00"), wan("budget_adjusted", "278.4449")
        rate = Rate("执行率", fig("10.77"), spent, budget) if amounts else Rate("执行率", fig("10.77"))
        row = ind("预算执行率", "20", score, level1="预算执行")
        return report(table(row, amounts=[budget, spent], rates=[rate]))

    assert statuses(form("2.16"), "formula_score") == {"预算执行率": "fail"}
    assert statuses(form("2.15"), "formula_score") == {"预算执行率": "pass"}
    assert statuses(form("2.16", amounts=False), "formula_score") == {"预算执行率": "pass"}
    (row,) = run_checks(form("2.16"), "doc", only=("formula_score",))
    assert "所列金额之比 10.7741%" in row.message


# ---- target_vs_actual


def count(noun: str, value: str, unit: str) -> CountMention:
    return CountMention(noun, fig(value), unit, Evidence(3, f"{noun} {value} {unit}"))


def test_target_short_with_full_marks_fails_via_the_only_count_in_that_unit() -> None:
    facts = report(
        table(ind("实际完成率", "5", "5.00", targets=["组织策划成果测评会场次≥3场"])),
        narrative=Narrative(counts=[count("活动", "2", "场")]),
    )
    assert statuses(facts, "target_vs_actual") == {"实际完成率/组织策划成果测评会场次≥3场": "fail"}


def test_target_met_or_deducted_passes() -> None:
    narrative = Narrative(counts=[count("运营团队", "8", "人"), count("活动", "2", "场")])
    met = report(table(ind("团队", "5", "5.00", targets=["组建日常运营团队人数≥8人"])), narrative=narrative)
    assert statuses(met, "target_vs_actual") == {"团队/组建日常运营团队人数≥8人": "pass"}
    deducted = report(table(ind("场次", "5", "3.00", targets=["测评会场次≥3场"])), narrative=narrative)
    assert statuses(deducted, "target_vs_actual") == {"场次/测评会场次≥3场": "pass"}


def test_target_from_self_evaluation_values() -> None:
    def form(actual: str, score: str) -> DocumentFacts:
        return report(table(ind("满意度", "10", score, target_value="≥90%", actual_value=actual)))

    assert statuses(form("85%", "10"), "target_vs_actual") == {"满意度/≥90%": "fail"}
    assert statuses(form("95%", "10"), "target_vs_actual") == {"满意度/≥90%": "pass"}


def test_target_is_conservative_when_the_count_is_ambiguous_or_generic() -> None:
    two_counts = Narrative(counts=[count("活动", "2", "场"), count("培训", "5", "场")])
    facts = report(table(ind("完成率", "5", "5", targets=["测评会场次≥3场"])), narrative=two_counts)
    assert statuses(facts, "target_vs_actual") == {"完成率/测评会场次≥3场": "skip"}
    generic = report(
        table(ind("完成率", "5", "5", targets=["制度≥3个"])),
        narrative=Narrative(counts=[count("岗位", "2", "个")]),
    )
    assert statuses(generic, "target_vs_actual") == {"完成率/制度≥3个": "skip"}
    assert statuses(report(table(ind("甲", "5", "5"))), "target_vs_actual") == {"targets": "skip"}


# ---- heading_sequence


def test_heading_sequence_pass_duplicate_and_gap() -> None:
    clean = Narrative(headings=[heading(1, 1), heading(2, 1), heading(2, 2), heading(1, 2), heading(2, 1)])
    assert statuses(report(table(), narrative=clean), "heading_sequence") == {"headings": "pass"}
    gap = Narrative(headings=[heading(1, 1), heading(1, 3)])
    assert statuses(report(table(), narrative=gap), "heading_sequence") == {"三、": "fail"}
    assert statuses(report(table()), "heading_sequence") == {"headings": "skip"}


# ---- the whole engine on the seed's facts


def test_seed_findings_are_exactly_the_expected_ones() -> None:
    rows = run_checks(seed_like(), "doc")
    failed = {(r.check_id, r.subject, r.severity) for r in rows if r.status == "fail"}
    assert failed == {
        ("deduction_explained", "成本节约率", "warning"),
        ("formula_score", "资金到位率", "warning"),
        ("target_vs_actual", "实际完成率/组织策划成果测评会场次≥3场", "warning"),
        ("heading_sequence", "一、/（一）/2.", "info"),
        ("heading_sequence", "二、/（二）", "info"),
        ("heading_sequence", "四、/（二）", "info"),
    }
    passed = {(r.check_id, r.subject) for r in rows if r.status == "pass"}
    for must in [
        ("rate_recompute", "资金到位率"),
        ("rate_recompute", "预算执行率"),
        ("indicator_sum_total", "total"),
        ("weights_total", "weights"),
        ("level1_weights_stated", "决策"),
        ("level1_counts_stated", "效益"),
        ("text_table_agreement", "total_score"),
        ("subpoints_sum", "立项程序规范性"),
    ]:
        assert must in passed
    duplicate = next(r for r in rows if r.subject == "四、/（二）")
    assert "出现 3 次" in duplicate.message
    assert all(r.message and r.doc_id == "doc" for r in rows)


def test_every_declared_check_leaves_a_row_and_non_reports_none() -> None:
    rows = run_checks(seed_like(), "doc")
    assert {r.check_id for r in rows} == set(SPECS)
    assert {spec.severity for spec in CATALOGUE} == {"error", "warning", "info"}
    assert run_checks(DocumentFacts(Metadata(is_report=False)), "doc") == []
    empty = run_checks(DocumentFacts(Metadata(is_report=True)), "doc")
    assert {r.check_id for r in empty} == set(SPECS) and {r.status for r in empty} == {"skip"}


def test_heading_duplicate_message_names_each_heading_once() -> None:
    twice = [
        heading(1, 1),
        heading(2, 1),
        Heading(2, 2, "（二）", "（二）评价原则", 4),
        Heading(2, 2, "（二）", "工作过程", 5),
    ]
    [row] = run_checks(
        report(table(), narrative=Narrative(headings=twice)), "doc", only=("heading_sequence",)
    )
    assert row.subject == "一、/（二）"
    assert "（二）评价原则；（二）工作过程" in row.message and "（二）（二）" not in row.message
    assert row.evidence is not None and row.evidence.startswith("p.4、p.5")


def test_staff_in_the_establishment_beyond_it_is_a_warning() -> None:
    """Real wording, extracted then checked: ag011 states 12 在编 against an establishment of 10; t015
    (编制数11人,实有在职在编10人) and p023 (编制16人,目前实际在岗人数31人,其中在编11人: 在岗 counts contract
    staff, 在编 does not exceed) hold; a count in brackets is a part (含行政工勤编制1人), never the establishment."""

    def rows_for(text: str) -> list[tuple[str, str | None]]:
        facts = report(narrative=Narrative(establishments=find_establishments([Paragraph(text, page=1)])))
        return [
            (r.status, r.severity) for r in run_checks(facts, "doc", only=("staff_within_establishment",))
        ]

    ag011 = (
        "武定县民族宗教事务局2022年末实有人员编制10人。其中:行政编制10人(含行政工勤编制1人);"
        "在职在编实有行政人员12人(含行政工勤人员1人)。"
    )
    assert rows_for(ag011) == [("fail", "warning")]
    assert rows_for("事业单位编制数11人,实有在职在编10人,劳务派遣14人。") == [("pass", "warning")]
    assert rows_for("卫生技术岗位编制16人,目前实际在岗人数31人,其中在编11人。") == [("pass", "warning")]
    assert rows_for("人员编制144人,年末实有266人,其中在职人员143人,退休122人。") == [("skip", "warning")]
    assert rows_for("单位实有车辆编制1辆,在编实有车辆1辆。") == [("skip", "warning")]
