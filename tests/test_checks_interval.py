"""Calculations 1.1 interval arithmetic, by example and against Decimal by property."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checks.interval import Interval, assigned, rounded, tolerance_text, total

D = Decimal


def test_seed_subpoints_within_rounding() -> None:
    parts = total(rounded(D(x)) for x in ("1.66", "1.66", "1.67"))
    assert parts.overlaps(rounded(D("5.00")))
    assert tolerance_text(parts, rounded(D("5.00"))) == "±0.02"


def test_seed_rate_is_exact_and_a_wrong_rate_is_not() -> None:
    ratio = (rounded(D("267.90")) / rounded(D("300"))).scaled(D(100))
    assert ratio.overlaps(rounded(D("89.30")))
    assert not ratio.overlaps(rounded(D("88.30")))


def test_assigned_integers_are_exact_decimals_are_rounded() -> None:
    assert assigned(D("5")) == Interval.exact(D("5"))
    assert assigned(D("0.54")) == Interval(D("0.535"), D("0.545"))
    assert rounded(D("5")) == Interval(D("4.5"), D("5.5"))


def test_division_by_an_interval_around_zero_is_refused() -> None:
    with pytest.raises(ZeroDivisionError):
        rounded(D("1")) / rounded(D("0.00"))


def test_clamped_and_below() -> None:
    assert Interval(D("-1"), D("12")).clamped(D(0), D(10)) == Interval(D(0), D(10))
    assert Interval(D("4.46"), D("4.47")).below(Interval(D("4.995"), D("5.005")))


def test_tolerance_text_rounds_up_to_two_digits() -> None:
    assert tolerance_text(Interval(D("0"), D("0.311"))) == "±0.16"
    assert tolerance_text(Interval.exact(D(3))) == "±0"


def written(places: int) -> st.SearchStrategy[Decimal]:
    """A true value with more precision than its written form."""
    return st.decimals(
        min_value=0, max_value=10_000, places=places + 3, allow_nan=False, allow_infinity=False
    )


def round_to(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@given(st.lists(written(2), min_size=1, max_size=20), st.integers(min_value=0, max_value=3))
def test_sum_of_rounded_parts_is_consistent_with_rounded_total(
    parts: list[Decimal], total_places: int
) -> None:
    """Parts and total each rounded from exact values never contradict each other."""
    stated_parts = total(rounded(round_to(p, 2)) for p in parts)
    assert stated_parts.overlaps(rounded(round_to(sum(parts, Decimal(0)), total_places)))


@given(written(2), written(2).filter(lambda d: d >= 1), st.integers(min_value=0, max_value=4))
def test_ratio_of_rounded_figures_is_consistent_with_rounded_ratio(
    num: Decimal, den: Decimal, places: int
) -> None:
    num_written, den_written = round_to(num, 2), round_to(den, 2)
    ratio = rounded(num_written) / rounded(den_written)
    assert ratio.overlaps(rounded(round_to(num / den, places)))


@given(written(1), written(1), written(1), written(1))
def test_interval_operations_contain_every_combination(
    a: Decimal, b: Decimal, c: Decimal, d: Decimal
) -> None:
    x, y = Interval(min(a, b), max(a, b)), Interval(min(c, d), max(c, d))
    for p in (x.lo, x.hi):
        for q in (y.lo, y.hi):
            assert (x + y).lo <= p + q <= (x + y).hi
            assert (x - y).lo <= p - q <= (x - y).hi
            assert (x * y).lo <= p * q <= (x * y).hi
