"""What one rule concludes about one subject, before it becomes a `checks` row."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from extractors.document import BBox, Evidence

PASS, FAIL, SKIP = "pass", "fail", "skip"


@dataclass(frozen=True)
class Citation:
    """The evidence of a finding: page and text of the figures involved, and their boxes."""

    text: str
    boxes: tuple[BBox, ...] = ()


@dataclass(frozen=True)
class Finding:
    subject: str
    status: str  # pass | fail | skip
    message: str
    expected: str | None = None
    actual: str | None = None
    tolerance: str | None = None
    evidence: Citation | None = None
    project: str | None = None
    # a failure the rule itself holds to less than its declared severity (figures that may not be
    # about the same thing): `warning` instead of the catalogue's `error`
    severity: str | None = None


def judged(
    ok: bool,
    subject: str,
    message: str,
    *,
    expected: str | None = None,
    actual: str | None = None,
    tolerance: str | None = None,
    evidence: Citation | None = None,
    severity: str | None = None,
) -> Finding:
    return Finding(
        subject, PASS if ok else FAIL, message, expected, actual, tolerance, evidence, severity=severity
    )


def skipped(subject: str, message: str, evidence: Citation | None = None) -> Finding:
    return Finding(subject, SKIP, message, evidence=evidence)


def cite(sources: list[Evidence | None]) -> Citation | None:
    """Page and text of every figure involved, each once, joined with ' | '; every figure's box."""
    seen: list[str] = []
    boxes: list[BBox] = []
    for source in sources:
        if source is None:
            continue
        if (text := source.describe()) not in seen:
            seen.append(text)
        boxes += [box for box in source.boxes if box not in boxes]  # two figures of one row: both
    return Citation(" | ".join(seen), tuple(boxes)) if seen else None


def plain(value: Decimal) -> str:
    """A number as a person writes it: no exponent, the decimals it has."""
    return format(value, "f")


def shown(value: Decimal, decimals: int, extra: int = 2) -> str:
    """A computed value next to a figure with `decimals` places: up to `extra` more places where
    they matter (0.535 beside 0.54), never fewer than the figure's own (89.30, not 89.3)."""
    places = value.quantize(Decimal(1).scaleb(-(decimals + extra)), rounding=ROUND_HALF_UP)
    text = plain(places)
    if "." not in text:
        return text
    whole, fraction = text.split(".")
    fraction = fraction.rstrip("0").ljust(decimals, "0")
    return f"{whole}.{fraction}" if fraction else whole


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Rounding as reports do it (0.535 -> 0.54), not banker's rounding."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
