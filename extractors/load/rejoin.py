"""The one paragraph re-joiner of the loaders that read laid-out lines: PDF text lines, OCR lines
and the lines of a text copy exported from a PDF.

A line goes on in the paragraph above when the break between them is a layout break, not a
paragraph break: the line above ran to the right margin, and this one starts at the left margin,
in the same font, at the usual spacing, and opens no list item or heading. Each loader measures
that break in its own units (points, pixels, characters) into a `Break`; the rule and the joining
are here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from extractors.document import Block, Paragraph
from extractors.load.glyphs import Drawn, Glyphs
from extractors.text.normalise import join_lines, normalise_text, starts_new_paragraph


@dataclass(frozen=True)
class Break:
    """The break above a line, as the loader measured it."""

    previous_full: bool  # the line above ran to the right margin (or stopped mid-sentence well into it)
    indented: bool = False  # this line starts right of the left margin
    restyled: bool = False  # in another font size
    spaced: bool = False  # with more space above it than the usual line gap


def continues(brk: Break, text: str, opens: Callable[[str], bool] = starts_new_paragraph) -> bool:
    """Whether the line `text` goes on in the paragraph above. `opens` tells a line that starts
    a paragraph of its own by its words (a heading or a list item)."""
    return brk.previous_full and not (brk.indented or brk.restyled or brk.spaced) and not opens(text)


class Paragraphs:
    """Blocks in reading order, paragraphs rebuilt line by line; a table ends the open paragraph.
    With `glyphs`, each paragraph keeps the boxes of the characters its lines drew, aligned with
    its normalised text at the end (the HTML report boxes figures with them)."""

    def __init__(self, glyphs: bool = False) -> None:
        self.blocks: list[Block] = []
        self.open: Paragraph | None = None
        self._drawn: dict[int, list[Drawn]] | None = {} if glyphs else None

    def add_line(
        self,
        text: str,
        page: int | None,
        brk: Break | None,
        opens: Callable[[str], bool] = starts_new_paragraph,
        glyphs: Sequence[Drawn] = (),
    ) -> Paragraph:
        """Join `text` to the open paragraph where `brk` is a layout break, else open a new one;
        `brk` None where no paragraph can go on (the first line, a line that stands alone).
        `glyphs`: the line's drawn characters with their boxes."""
        if self.open is not None and brk is not None and continues(brk, text, opens):
            self.open.text = join_lines(self.open.text, text)
        else:
            self.open = Paragraph(text=text, page=page)
            self.blocks.append(self.open)
        if self._drawn is not None:
            self._drawn.setdefault(id(self.open), []).extend(glyphs)
        return self.open

    def add_block(self, block: Block) -> None:
        self.blocks.append(block)
        self.open = None

    def close(self) -> None:
        """The open paragraph ends here (a blank line, a table row)."""
        self.open = None

    def finish(self) -> list[Block]:
        """The blocks, paragraphs normalised, empty ones left out."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                block.text = normalise_text(block.text)
                if self._drawn is not None:
                    block.glyphs = Glyphs(block.text, self._drawn.get(id(block), []))
        return [b for b in self.blocks if not isinstance(b, Paragraph) or b.text]
