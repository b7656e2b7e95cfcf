"""pdf_lines clusters characters into lines as pdfplumber's `extract_text_lines()` does: checked
against pdfplumber's own text map on made-up pages that reach every rule (word gaps, characters
drawn out of order, lines within the tolerance, spaces, ligatures, sideways runs between upright ones)."""

import random

import pytest
from pdfplumber.utils.text import chars_to_textmap, extract_text

from extractors.load.pdf_lines import plain_text, text_lines


def _char(text: str, x0: float, top: float, upright: bool = True, size: float = 10.0) -> dict:
    """A character as the survey shapes it (upright: `top` and `bottom` are the baseline)."""
    if upright:
        return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "doctop": top, "bottom": top, "box_top": top - size,
                "size": size, "upright": True}  # fmt: skip
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "doctop": top, "bottom": top + size, "box_top": top,
            "size": size, "upright": False}  # fmt: skip


def _pdfplumber_lines(chars: list[dict]) -> list[tuple]:
    textmap = chars_to_textmap(chars, layout_bbox=(0, 0, 600, 800), layout_width=600, layout_height=800)
    lines = []
    for raw in textmap.extract_text_lines(return_chars=True, strip=True):
        drawn = raw["chars"]
        glyphs = [(c["text"], 1, c["x0"], c["box_top"], c["x1"], c["bottom"]) for c in drawn]
        top, bottom = min(c["box_top"] for c in drawn), max(c["bottom"] for c in drawn)
        lines.append((raw["text"], raw["x0"], raw["x1"], top, bottom, glyphs))
    return lines


def _ours(chars: list[dict]) -> list[tuple]:
    return [(ln.text, ln.x0, ln.x1, ln.top, ln.bottom, ln.glyphs) for ln in text_lines(chars, 1)]


def test_words_lines_spaces_and_ligatures_as_pdfplumber():
    chars = [
        *(_char(ch, 50 + 10 * i, 100) for i, ch in enumerate("项目资金")),
        _char(" ", 90, 100),
        *(_char(ch, 100 + 10 * i, 101.5) for i, ch in enumerate("到位率")),  # within the tolerance
        _char("ﬁ", 130, 100),  # a ligature, written out as its letters
        _char("8", 200, 100),  # a gap: a new word
        _char("7", 192, 100),  # drawn after the 8, read before it, in one word
        *(_char(ch, 50 + 10 * i, 130) for i, ch in enumerate("下一行")),
        *(_char(ch, 300, 200 + 10 * i, upright=False) for i, ch in enumerate("竖排")),
        *(_char(ch, 50 + 10 * i, 104) for i, ch in enumerate("后来")),  # drawn later, beside line 1
    ]
    assert _ours(chars) == _pdfplumber_lines(chars)
    assert [line.text for line in text_lines(chars, 1)][0] == "项目资金 到位率fi 78"


def _random_chars(rng: random.Random) -> list[dict]:
    """Runs of characters on a few jittered baselines, advancing by gaps, overlaps and steps back."""
    baselines = [rng.uniform(0, 700) for _ in range(rng.randint(1, 6))]
    chars, x = [], 0.0
    for _ in range(rng.randint(1, 300)):
        upright = rng.random() > 0.1
        x = x + rng.choice([10.0, 10.0, 11.5, 14.0, -12.0]) if rng.random() > 0.05 else rng.uniform(0, 500)
        top = rng.choice(baselines) + rng.uniform(-3.5, 3.5)
        chars.append(_char(rng.choice("甲乙丙丁12345 .,ﬁﬂ"), round(x, 1), round(top, 1), upright))
    return chars


@pytest.mark.parametrize("seed", range(40))
def test_random_pages_as_pdfplumber(seed):
    chars = _random_chars(random.Random(seed))
    assert _ours(chars) == _pdfplumber_lines(chars)


@pytest.mark.parametrize("seed", range(40))
def test_cell_text_as_pdfplumber(seed):
    """A table cell's characters boxed as pdfminer boxes them (top a font size above the bottom)."""
    chars = [
        {**char, "top": char["top"] - 8, "doctop": char["top"] - 8}
        for char in _random_chars(random.Random(seed))
    ]
    assert plain_text(chars) == extract_text(chars)
