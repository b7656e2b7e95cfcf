"""Grade bands of 财预〔2020〕10号: 优 90–100, 良 80–<90, 中 60–<80, 差 <60."""

from __future__ import annotations

from decimal import Decimal

GRADE_BANDS: tuple[tuple[Decimal, str], ...] = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"))


def grade_for_score(score: Decimal) -> str:
    return next((grade for floor, grade in GRADE_BANDS if score >= floor), "差")
