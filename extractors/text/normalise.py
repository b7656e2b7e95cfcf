"""Text clean-up shared by every loader and by extraction: one spelling for numbers, units and CJK runs.

Chinese reports mix full-width and ASCII digits, put layout spaces inside numbers and between CJK
characters, and break table-cell text at every line. These pure functions undo that so that
"２６７．９０ 万元", "267 .90万元" and "267.90 万元" all read "267.90万元".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Full-width forms that always mean their ASCII twin: digits, Latin letters, percent sign.
_FULL_WIDTH_TO_ASCII = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
    0xFF05: ord("%"),
}

# CJK ideographs, CJK punctuation and full-width forms: text in which spaces carry no meaning.
_CJK = r"\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3200-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_HSPACE = r"[^\S\n]"  # whitespace except the newline, which separates list items in cell text

_FULL_WIDTH_POINT = re.compile(r"(?<=\d)．(?=\d)")
_FULL_WIDTH_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")
_SPACE_BEFORE_DECIMALS = re.compile(rf"(?<=\d){_HSPACE}+(?=\.\d)")
_SPACE_AFTER_POINT = re.compile(rf"(?<=\d\.){_HSPACE}+(?=\d)")
# "2 679 000": a 1-3 digit group followed by 3-digit groups, not part of a longer number, nor a
# percentage (a form's cells "100 100%" are 分值 and 执行率, no 100,100%).
_SPACED_THOUSANDS = re.compile(rf"(?<![\d.])\d{{1,3}}(?:{_HSPACE}\d{{3}})+(?![\d.]?\d|%)")
_SPACE_AROUND_CJK = re.compile(
    rf"(?<=[{_CJK}]){_HSPACE}+(?=[{_CJK}A-Za-z0-9%])|(?<=[{_CJK}A-Za-z0-9%]){_HSPACE}+(?=[{_CJK}])"
)
_SPACE_BEFORE_PERCENT = re.compile(rf"(?<=\d){_HSPACE}+(?=%)")
_SPACE_RUN = re.compile(rf"{_HSPACE}+")

_LONE_FIGURE = re.compile(
    r"^\s*[-+]?\d[\d,.]*%?\s*$"
)  # "5.00" alone: a table cell; "87.49%。" ends a sentence
# Characters that follow a number as its unit or counter, so "12 月" is a figure and not item 12.
_UNIT = "[条个项家人场年月日号次分万元亿%]"
# "1 资金到位率=…": a list number set off by a space, which must survive so the number stays apart from its text.
_SPACED_ITEM_NUMBER_RE = rf"(\d{{1,2}}){_HSPACE}+(?=[\u4e00-\u9fff])(?!{_UNIT})"
_SPACED_ITEM_NUMBER = re.compile("^" + _SPACED_ITEM_NUMBER_RE)

# A line that opens a heading or list item: ① ⑴ 一、 （一） （1） 第一， 1. 1、 "1 资金…" •
LIST_MARKER = re.compile(
    r"^\s*(?:[\u2460-\u249b\u24eb-\u24f4\u2776-\u277f]"
    r"|[一二三四五六七八九十]+[、.．]"
    r"|[（(][一二三四五六七八九十\d]+[)）]"
    r"|第[一二三四五六七八九十\d]+[、，,：:\s章节部分条项是]"
    r"|\d{1,2}[、．.](?!\d)"
    r"|[•·▪●○◆■□]"
    rf"|{_SPACED_ITEM_NUMBER_RE})"
)


# Pinyin that mirror sites put after characters: 項(xiàng)目 -> 項目 (at least one tone mark, so
# Latin words in parentheses stay).
_INLINE_PINYIN = re.compile(
    r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}\)"
)


@lru_cache(maxsize=1)
def _to_simplified():
    """OpenCC's traditional-to-simplified converter (phrase-aware: 乾坤 stays, 乾燥 becomes 干燥)."""
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """`text` in simplified characters (a raw line a loader must recognise before normalising it)."""
    return _to_simplified().convert(text)


def normalise_text(text: str) -> str:
    """One canonical spelling: simplified characters without inline pinyin, ASCII digits/letters/%,
    no spaces inside numbers, between a number and its unit or between CJK characters; other
    whitespace collapsed; newlines kept; NFC. Traditional-script pages (港澳台 mirrors, 繁體 versions
    of government sites) read like the simplified ones, so one vocabulary serves both."""
    text = unicodedata.normalize("NFC", text).translate(_FULL_WIDTH_TO_ASCII)
    text = simplified(_INLINE_PINYIN.sub("", text))
    lines = (_normalise_line(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# An ASCII ? closing a figure's cell (3,724,055.00? |) is a glyph the page's encoding lost (a unit or a
# special space), not a question: prose asks with the full-width ？ and never right after a figure.
_LOST_GLYPH_AFTER_FIGURE = re.compile(r"(?<=\d)\?(?=\s*(?:[|｜]|$))")


# A mirror that printed each figure twice, run together (当年实际到位 106.5106.5 万元, 支出 36.9436.94 万元): a
# number with two decimal points that is one figure written twice is that figure; on a line that shows
# such a doubling, a whole number written twice before its unit (申报金额 7070 万元) is one figure too.
# They are undoubled before the spacing is normalised, so the unit may still be spaced (7070 万 元).
_DOUBLED_DECIMAL = re.compile(r"(?<![\d.])(\d+\.\d+)\1(?![\d.])")
_DOUBLED_WHOLE = re.compile(r"(?<![\d.])(\d+)\1(?=\s*(?:亿\s*元|万\s*元|元|%))")


def _undouble_figures(line: str) -> str:
    undoubled, doubled = _DOUBLED_DECIMAL.subn(r"\1", line)
    return _DOUBLED_WHOLE.sub(r"\1", undoubled) if doubled else line


def _normalise_line(line: str) -> str:
    line = _undouble_figures(_LOST_GLYPH_AFTER_FIGURE.sub("", _SPACE_RUN.sub(" ", line).strip()))
    item_number = _SPACED_ITEM_NUMBER.match(line)
    if item_number:
        return f"{item_number.group(1)} {_normalise_spacing(line[item_number.end() :])}"
    return _normalise_spacing(line)


def _normalise_spacing(line: str) -> str:
    # removing a space can bring a full-width point between digits: repeat until nothing changes
    while True:
        spaced = _normalise_spacing_once(line)
        if spaced == line:
            return line
        line = spaced


def _normalise_spacing_once(line: str) -> str:
    """`line`'s horizontal whitespace is single spaces already (_normalise_line), so the patterns
    that remove some are not run on a line without a space."""
    line = _FULL_WIDTH_POINT.sub(".", line) if "．" in line else line
    line = _FULL_WIDTH_THOUSANDS.sub(",", line) if "，" in line else line
    if " " not in line:
        return line
    line = _SPACE_BEFORE_DECIMALS.sub("", line)
    line = _SPACE_AFTER_POINT.sub("", line)
    # "100 %" first: the percent sign then keeps "10 100 %" (分值, 执行率) from reading as 10,100
    line = _SPACE_BEFORE_PERCENT.sub("", line)
    line = _SPACED_THOUSANDS.sub(lambda m: _SPACE_RUN.sub("", m.group()), line)
    return _SPACE_AROUND_CJK.sub("", line)


def starts_list_item(line: str) -> bool:
    """Does this line open a heading or list item (一、 （一） 1. （1） ① 第一 1 …)?"""
    return bool(LIST_MARKER.match(line))


def starts_new_paragraph(line: str) -> bool:
    """Can this layout line not continue the paragraph above? True where it opens a heading or list
    item, or is a lone figure ("5.00", "95.50"), which in flowing text is a table cell, not prose."""
    return starts_list_item(line) or bool(_LONE_FIGURE.match(line))


def join_lines(previous: str, following: str) -> str:
    """Glue a wrapped line to the one before: nothing between CJK or digits, a space between words."""
    between_words = previous[-1:].isascii() and previous[-1:].isalpha() and following[:1].isascii()
    return f"{previous} {following}" if between_words and following[:1].isalpha() else previous + following


def join_wrapped_lines(text: str) -> str:
    """Cell text whose lines were wrapped by the layout, re-joined; a line that opens a list item
    (①, 1、, （1）, ...) keeps its newline so the items stay separable. Returns normalised text."""
    items: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if items and not starts_list_item(line):
            items[-1] = join_lines(items[-1], line)
        else:
            items.append(line)
    return normalise_text("\n".join(items))


def text_width(text: str) -> float:
    """Printed width in CJK character widths: a CJK/full-width character is 1, ASCII is 0.5."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)
