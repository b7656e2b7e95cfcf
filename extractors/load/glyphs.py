"""Character boxes carried through text clean-up: which drawn character each character of a
paragraph's normalised text is, so a figure found in the text can be boxed on the page.

A report cites a few figures of a document's ~10 000 characters a page, so the pairing is made,
and the boxes built, only when a paragraph's boxes are first asked for (`Glyphs`): building a box
for every character drawn cost a tenth of reading a PDF.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import overload

from extractors.document import BBox

# normalisation drops spaces and joins, never more than a few characters in a row
_LOOKAHEAD = 4

Drawn = tuple[str, int, float, float, float, float]  # a drawn character: text, page, x0, top, x1, bottom


def _fold(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)


def align_glyphs(text: str, drawn: Sequence[Drawn]) -> list[BBox | None]:
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
            glyphs.append(BBox(*drawn[k][1:]))
            j = k + 1
        else:
            glyphs.append(None)
    return glyphs


class Glyphs(Sequence[BBox | None]):
    """`align_glyphs(text, drawn)`, worked out on first use."""

    def __init__(self, text: str, drawn: Sequence[Drawn]) -> None:
        self._text, self._drawn = text, drawn
        self._aligned: list[BBox | None] | None = None

    def _boxes(self) -> list[BBox | None]:
        if self._aligned is None:
            self._aligned = align_glyphs(self._text, self._drawn)
            self._drawn = ()
        return self._aligned

    @overload
    def __getitem__(self, index: int) -> BBox | None: ...
    @overload
    def __getitem__(self, index: slice) -> list[BBox | None]: ...
    def __getitem__(self, index: int | slice) -> BBox | None | list[BBox | None]:
        return self._boxes()[index]

    def __len__(self) -> int:
        return len(self._boxes())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and self._boxes() == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the list it stands for
