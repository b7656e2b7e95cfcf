"""Expected values of a rendered report, in the format of corpus/seed/gold.json (read by tests/score_gold.py).

Everything here comes from the report's data, never from running the extractor.
"""

from __future__ import annotations

from decimal import Decimal

from tests.generator.model import Amount, Para, Part, Report, grade_for
from tests.generator.text import amount_text, number


def dec(value: Decimal | None) -> str | None:
    return None if value is None else number(value)


def narrative_keys(report: Report) -> str:
    return "".join(b.text for b in report.body if isinstance(b, Para))


def amount_gold(report: Report, a: Amount) -> dict:
    in_text = "{amt:" + a.key + "}" in narrative_keys(report)
    entry = {
        "role": a.role,
        "amount_yuan": f"{a.yuan:.2f}",
        "as_written": amount_text(a, report.style, in_table=not in_text),
        "label": a.label,
    }
    if a.also_roles:
        entry["also_acceptable_roles"] = list(a.also_roles)
    if a.label and in_text:  # a sub-project's figure in the narrative is kept apart: role other
        entry["role"] = "other"
        entry["also_acceptable_roles"] = [a.role, *entry.get("also_acceptable_roles", [])]
    return entry


def part_gold(report: Report, part: Part) -> dict:
    return {
        "project": part.project,
        "amounts": [amount_gold(report, a) for a in part.amounts],
        "rates": [
            {
                "name": r.name,
                "stated_pct": dec(r.stated_pct),
                "label": r.label,
                "numerator_role": report.amount(r.numerator).role,
                "denominator_role": report.amount(r.denominator).role,
            }
            for r in part.rates
        ],
        "indicators": [
            {
                "level1": i.level1,
                "level2": i.level2,
                "level3": i.level3,
                "weight": dec(i.weight),
                "score": dec(i.score),
                "criteria_points": [dec(c.points) for c in i.criteria if c.points is not None],
                "target_value": i.target,
                "actual_value": i.actual,
                "deduction_note": i.deduction_note,
            }
            for i in part.indicators
        ],
        "total_score": dec(part.total_score),
    }


def checks_that_hold(report: Report) -> list[str]:
    """Checks a clean report passes, as `kind` or `kind:subject`."""
    specs = [f"rate_recompute:{r.name}" for p in report.parts for r in p.rates]
    parts = [p for p in report.parts if p.indicators]
    if parts:
        specs += ["indicator_sum_total", "weights_total", "score_within_weight", "deduction_explained"]
        if any(c.points is not None for p in parts for i in p.indicators for c in i.criteria):
            specs.append("subpoints_sum")
        if any(i.formula_rate for p in parts for i in p.indicators):
            specs.append("formula_score")
        if any(p.subtotals for p in parts):
            specs.append("level_subtotal")
        if report.total_in_text is not None:
            specs.append("text_table_agreement:total_score")
    if report.level1_weights_claim is not None:
        specs.append("level1_weights_stated")
    if report.level1_counts_claim is not None:
        specs.append("level1_counts_stated")
    if report.enumerations:
        specs.append("enumeration_count")
    if report.grade_stated is not None:
        specs.append("grade_band")
    return specs


def gold_for(report: Report, file: str, expected_failures: list[str] | None = None) -> dict:
    """The gold entry of one rendered file; expected_failures [] for a clean report."""
    meta = report.meta
    failing = list(expected_failures or [])
    gold: dict = {
        "file": file,
        "layout": report.layout,
        "is_report": report.is_report,
        "report_type": meta.report_type,
        "fiscal_year": meta.fiscal_year,
        "province": meta.province,
        "city": meta.city,
        "district": meta.district,
        "entity": meta.entity,
        "publisher": meta.publisher,
        "title": meta.title,
    }
    if not report.is_report:
        return gold | {"expected_failures": failing}
    total = report.parts[0].total_score if len(report.parts) == 1 else None
    gold |= {
        "project": meta.project,
        "total_score": dec(total),
        "total_score_stated_in_text": dec(report.total_in_text),
        "grade_stated": report.grade_stated,
        "grade_by_band": grade_for(total) if total is not None else None,
        "level1_weights_stated": {k: dec(v) for k, v in (report.level1_weights_claim or {}).items()} or None,
        "level1_indicator_counts_stated": report.level1_counts_claim,
        "enumerations_in_text": [
            {"subject": e.subject, "count_stated": e.count_stated, "listed": e.items}
            for e in report.enumerations
        ],
        "checks_must_pass": [s for s in checks_that_hold(report) if s.partition(":")[0] not in failing],
        "expected_failures": failing,
    }
    if len(report.parts) == 1:
        single = part_gold(report, report.parts[0])
        del single["project"], single["total_score"]
        return gold | single
    return gold | {"projects": [part_gold(report, p) for p in report.parts]}
