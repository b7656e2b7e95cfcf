"""Overview charts drawn as inline SVG: no script, no network, nothing to install to view them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

BAR_HEIGHT = 18
LABEL_WIDTH = 190
BAR_WIDTH = 260
DEFAULT_COLOUR = "#607d8b"


def bar_chart(title: str, counts: Sequence[tuple[str, int]], colours: Sequence[str] | None = None) -> str:
    """Horizontal bars, one per (label, count), in the order given; `colours` per bar."""
    if not counts:
        return f'<figure class="chart"><figcaption>{escape(title)}</figcaption><p class="empty">none</p></figure>'
    peak = max(count for _, count in counts) or 1
    height = BAR_HEIGHT * len(counts) + 4
    width = LABEL_WIDTH + BAR_WIDTH + 50
    bars = []
    for k, (label, count) in enumerate(counts):
        y = k * BAR_HEIGHT + 2
        length = BAR_WIDTH * count / peak
        colour = colours[k] if colours else DEFAULT_COLOUR
        bars.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{length:.1f}" height="{BAR_HEIGHT - 4}" fill="{colour}">'
            f"<title>{escape(label)}: {count}</title></rect>"
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 13}">{count}</text>'
        )
    return (
        f'<figure class="chart"><figcaption>{escape(title)}</figcaption>'
        f'<svg role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" font-size="12">{"".join(bars)}</svg></figure>'
    )


def score_bands(scores: Sequence[Decimal]) -> list[tuple[str, int]]:
    """Stated total scores counted in the grade bands (差 < 60 ≤ 中 < 80 ≤ 良 < 90 ≤ 优), finer above 80."""
    bands = [("< 60", Decimal(0)), ("60–70", Decimal(60)), ("70–80", Decimal(70)), ("80–85", Decimal(80))]
    bands += [("85–90", Decimal(85)), ("90–95", Decimal(90)), ("95–100", Decimal(95))]
    counts = dict.fromkeys((label for label, _ in bands), 0)
    for score in scores:
        label = next(label for label, low in reversed(bands) if score >= low)
        counts[label] += 1
    return list(counts.items())
