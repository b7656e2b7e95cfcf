"""Mutation testing of the check engine: single realistic edits that a named check must catch.

The full run (`python -m tests.mutation`, ≥ 500 mutants) is the slow test; the fast ones take a
sample. Missed mutants are findings against extraction or the checks (see tests/mutation/).
"""

from __future__ import annotations

import random

import pytest

from tests.mutation.plan import SEED_RENDITIONS, Plan, build_plan, seed_cleans, source_mutants
from tests.mutation.runner import run
from tests.mutation.sources import Edit, source_of

# list edits can shorten the first hard-wrapped line of a text paragraph, which then reads as a
# heading line and splits the list (a known limit of text reflow, counted in the full run)
REFLOW_SENSITIVE = {"enumeration_item"}


def test_source_edit_changes_only_its_span() -> None:
    for clean in seed_cleans():
        if clean.name not in SEED_RENDITIONS:
            continue
        source = source_of(clean.data, clean.rendition)
        position = source.flat.index("评价结果为")
        edited = source_of(source.render(Edit(position, position + 2, "测评")), clean.rendition).flat
        assert edited == source.flat[:position] + "测评" + source.flat[position + 2 :], clean.name


def test_seed_figure_edits_are_all_caught() -> None:
    """Every figure edit of the seed (scores, weights, totals, rates, amounts, claims, parts) in
    every editable rendition makes its check fail, and the clean seed has no error fail."""
    cleans = [c for c in seed_cleans() if c.name in SEED_RENDITIONS]
    mutants = [m for m in source_mutants(cleans, 48, random.Random(3)) if m.kind not in REFLOW_SENSITIVE]
    report = run(Plan(cleans, mutants))
    assert len(mutants) >= 30
    assert {m.kind for m in mutants} >= {"indicator_score", "weight", "rate_amount", "table_total", "grade"}
    assert [m.what for m in report.mutants if not m.caught] == []
    assert report.false_alarms == []


def test_mutation_recall_sample() -> None:
    report = run(build_plan(40, 1))
    assert report.recall >= 0.99, [m.what for m in report.mutants if not m.caught]
    assert report.false_alarms == [] and report.clean_failures == []


@pytest.mark.slow
def test_mutation_recall_full() -> None:
    report = run(build_plan(520, 0))
    assert len(report.mutants) >= 500
    assert report.recall >= 0.99
    assert report.false_alarms == [] and report.clean_failures == []
