"""Character boxes carried through text clean-up: which drawn character each character of a
paragraph's normalised text is, so a figure found in the text can be boxed on the page."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from extractors.document import BBox

# normalisation drops spaces and joins, never more than a few characters in a row
_LOOKAHEAD = 4


def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)


def align_glyphs(text: str, drawn: Sequence[tuple[str, BBox]]) -> list[BBox | None]:
    """One entry per character of `text`: the box of the drawn character it comes from, or None
    (a space the layout implied, or a character normalisation changed beyond recognition).

    Normalisation keeps the characters' order and only drops or folds a few (full-width digits,
    spaces inside numbers), so a greedy forward match with a short look-ahead recovers the pairing."""
    glyphs: list[BBox | None] = []
    j = 0
    for ch in text:
        key = _fold(ch)
        if key.isspace():
            glyphs.append(None)
            continue
        k = j
        while k < len(drawn) and k - j <= _LOOKAHEAD and _fold(drawn[k][0]) != key:
            k += 1
        if k < len(drawn) and _fold(drawn[k][0]) == key:
            glyphs.append(drawn[k][1])
            j = k + 1
        else:
            glyphs.append(None)
    return glyphs
