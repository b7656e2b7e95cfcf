"""XBRL Calculations 1.1 rounding: a figure stands for an interval, a relation holds when intervals overlap.

A figure written with d decimals stands for [v - 0.5*10^-d, v + 0.5*10^-d]. Sums and ratios carry
intervals through min/max over endpoint combinations, so 1.66 + 1.66 + 1.67 = [4.975, 5.005] is
consistent with 5.00 and 267.90 / 300 with 89.30 %.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_UP, Decimal

from extractors.facts import decimals_of

ZERO = Decimal(0)


@dataclass(frozen=True)
class Interval:
    lo: Decimal
    hi: Decimal

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        return cls(value, value)

    @classmethod
    def around(cls, value: Decimal, half_width: Decimal) -> Interval:
        return cls(value - half_width, value + half_width)

    @property
    def half_width(self) -> Decimal:
        return (self.hi - self.lo) / 2

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __mul__(self, other: Interval) -> Interval:
        return _spanning([a * b for a in (self.lo, self.hi) for b in (other.lo, other.hi)])

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= ZERO <= other.hi:
            raise ZeroDivisionError("divisor interval contains zero")
        return _spanning([a / b for a in (self.lo, self.hi) for b in (other.lo, other.hi)])

    def scaled(self, factor: Decimal) -> Interval:
        """Multiplied by an exact factor (100 for percent)."""
        return self * Interval.exact(factor)

    def clamped(self, low: Decimal, high: Decimal) -> Interval:
        """Held within [low, high], as a score capped at full marks and never negative."""
        return Interval(min(max(self.lo, low), high), min(max(self.hi, low), high))

    def holds(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def below(self, other: Interval) -> bool:
        """Smaller beyond any rounding: every value here is under every value there."""
        return self.hi < other.lo


def _spanning(values: list[Decimal]) -> Interval:
    return Interval(min(values), max(values))


def half_unit(value: Decimal) -> Decimal:
    """Half a unit in the last written place: 267.90 -> 0.005, 5 -> 0.5."""
    return Decimal(5).scaleb(-decimals_of(value) - 1)


def rounded(value: Decimal) -> Interval:
    """A measured or computed figure (amount, rate, total score): the Calculations 1.1 interval."""
    return Interval.around(value, half_unit(value))


def assigned(value: Decimal) -> Interval:
    """A figure someone set rather than measured (weight, criteria points, a count, a score).

    Written without decimals it is exact: a weight of 5 is 5, not [4.5, 5.5], or seventeen
    integer weights could miss 100 by 8 unnoticed. Written with decimals (1.66, 0.54) it was
    rounded and gets the Calculations 1.1 interval.
    """
    return Interval.exact(value) if decimals_of(value) == 0 else rounded(value)


def total(intervals: Iterable[Interval]) -> Interval:
    result = Interval.exact(ZERO)
    for interval in intervals:
        result = result + interval
    return result


def tolerance_text(*sides: Interval) -> str:
    """The rounding tolerance of a comparison: the half-widths of both sides added, as '±0.09'.

    Shown to two significant digits, rounded up so the text never understates what was allowed.
    """
    width = sum((side.half_width for side in sides), ZERO)
    if width == ZERO:
        return "±0"
    step = Decimal(1).scaleb(width.adjusted() - 1)
    return "±" + format(width.quantize(step, rounding=ROUND_UP).normalize(), "f")
