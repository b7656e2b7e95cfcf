"""Plain text (UTF-8, GB18030/GBK, ...): decode, split pages, rebuild paragraphs from layout lines.

Text exported from a PDF keeps the PDF's line and page breaks. Pages are split on form feeds, or
on runs of 3+ blank lines where the text otherwise double-spaces its lines. A line as wide as the
typical full line continues into the next one unless that one opens a heading or list item;
short lines (flattened table cells, one a line) stay paragraphs of their own, in order.
"""

from __future__ import annotations

import codecs
import re
import statistics
from collections import Counter

import charset_normalizer

from extractors.document import Document, LoadError, Page
from extractors.load.chrome import is_header_chrome
from extractors.load.rejoin import Break, Paragraphs
from extractors.text.normalise import text_width

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy Chinese labels are subsets of GB18030; decoding with the superset never loses a character.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030"}
_MAX_CONTROL_SHARE = 0.01  # more control characters than this and the "text" is binary
_MIN_HANZI_SHARE = 0.9
# Unicode's control characters (category Cc) but the layout ones, found by the regex engine:
# a character-by-character loop took seconds on a 12 MB page
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# A line at or above this share of the typical full line reached the right margin.
FULL_LINE_SHARE = 0.85
_BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?)\s*$"
)


def decode_text(data: bytes, declared: str | None = None) -> str | None:
    """The text of `data` (BOM, then a declared charset, then UTF-8, then detection), without NUL
    characters; None if binary."""
    text = _decode(data, declared)
    if text is None:
        return None
    # NULs pad fixed-width exports and files cut to a block size; binary stays binary without
    # them, by its other control bytes
    text = text.replace("\x00", "")
    return text if looks_like_text(text) else None


def _decode(data: bytes, declared: str | None) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if declared:
        encoding = _SUPERSET.get(declared.lower(), declared)
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= len(lenient) * _MAX_CONTROL_SHARE:
        return lenient  # UTF-8 with a few broken bytes (a cut-off character, a stray byte)
    chinese = _as_chinese(data)
    if chinese is not None:
        return chinese
    mixed = _line_by_line(data)
    if mixed is not None:
        return mixed
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    encoding = _SUPERSET.get(best.encoding.lower(), best.encoding)
    return data.decode(encoding, errors="replace")


def _as_chinese(data: bytes) -> str | None:
    """GB18030 (which covers GBK and GB2312) is what non-UTF-8 Chinese reports are written in, and
    detection guesses wrong on short files; accept it when the result is mostly hanzi."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    wide = [ch for ch in text if ord(ch) > 0x7F]
    hanzi = sum(
        1
        for ch in wide
        if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
    )
    return text if wide and hanzi >= _MIN_HANZI_SHARE * len(wide) else None


def _line_by_line(data: bytes) -> str | None:
    """Each line in UTF-8 where it is UTF-8, else in GB18030 if it reads as Chinese: two pages of
    different encodings pasted into one file (decoding the whole in either garbles the other
    half). None when a line is neither, or the bytes hold NULs (UTF-16 or UTF-32, not this)."""
    if b"\x00" in data:
        return None
    lines = []
    for line in data.splitlines(keepends=True):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            chinese = _as_chinese(line)
            if chinese is None:
                return None
            lines.append(chinese)
    return "".join(lines)


def looks_like_text(text: str) -> bool:
    """Few control characters: what a person could have typed."""
    if not text:
        return False
    control = len(_CONTROL.findall(text))
    replaced = text.count("\ufffd")
    return (control + replaced) <= _MAX_CONTROL_SHARE * len(text)


def is_page_number(line: str) -> bool:
    """'- 3 -', '第 3 页', '第3页 共15页', '3/15' or a lone number."""
    return bool(_PAGE_NUMBER.match(line))


def bare_page_number_offset(pages: list[list[str]]) -> int | None:
    """The offset (number - page index) at which lone numbers at page edges run as page numbers.

    A lone number at a page's edge is only a page number when such numbers count up with the
    pages; otherwise it is content (a table's last score cut off by the page break)."""
    offsets: Counter[int] = Counter()
    for index, lines in enumerate(pages, start=1):
        text_lines = [line.strip() for line in lines if line.strip()]
        for edge in {0, len(text_lines) - 1} if text_lines else set():
            if _BARE_NUMBER.match(text_lines[edge]):
                offsets[int(text_lines[edge]) - index] += 1
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    return offset if count >= max(2, len(pages) // 2) else None


def typical_line_width(widths: list[float]) -> float:
    """The width of a full line: the commonest width among the long lines (short ones are ends,
    headings and table fragments)."""
    if not widths:
        return 0.0
    long_cut = 0.5 * sorted(widths)[int(0.95 * (len(widths) - 1))]
    return statistics.mode(round(w) for w in widths if w >= long_cut)


def split_pages(text: str) -> list[list[str]]:
    """Pages as lists of lines; in double-spaced text the single blank lines are dropped, and in
    single-spaced text a blank line stays as '' (a paragraph break)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        raw_pages = [page.split("\n") for page in text.split("\f")]
        offset = bare_page_number_offset(raw_pages)
        return [_page_lines(page, False, k, offset) for k, page in enumerate(raw_pages, start=1)]
    lines = text.split("\n")
    blank_runs = _blank_runs(lines)
    double_spaced = bool(blank_runs) and statistics.mode(blank_runs) == 1
    if not double_spaced:
        return [_page_lines(lines, False, 1, bare_page_number_offset([lines]))]
    pages: list[list[str]] = []
    current: list[str] = []
    blanks = 0
    for line in lines:
        if not line.strip():
            blanks += 1
            continue
        if blanks >= 3 and current:
            pages.append(current)
            current = []
        current.append(line)
        blanks = 0
    pages.append(current)
    offset = bare_page_number_offset(pages)
    return [_page_lines(page, True, k, offset) for k, page in enumerate(pages, start=1)]


def _blank_runs(lines: list[str]) -> list[int]:
    """Lengths of the blank-line runs between two text lines (0 where lines are adjacent)."""
    runs, blanks, seen_text = [], 0, False
    for line in lines:
        if line.strip():
            if seen_text:
                runs.append(blanks)
            seen_text, blanks = True, 0
        else:
            blanks += 1
    return runs


def _page_lines(lines: list[str], double_spaced: bool, index: int, bare_offset: int | None) -> list[str]:
    stripped = [line.strip() for line in lines]
    if double_spaced:
        stripped = [line for line in stripped if line]
    text_at = [i for i, line in enumerate(stripped) if line]
    for edge in (text_at[:1] + text_at[-1:]) if text_at else []:
        line = stripped[edge]
        if _BARE_NUMBER.match(line):
            if bare_offset is not None and int(line) - index == bare_offset:
                stripped[edge] = ""
        elif is_page_number(line):
            stripped[edge] = ""
    return stripped


def _is_flattened_table(lines: list[str], typical: float) -> bool:
    """A page whose lines are mostly short holds table cells one a line (a PDF table exported as
    text); joining them would glue neighbouring cells together."""
    widths = [text_width(line) for line in lines if line]
    return len(widths) >= 10 and statistics.median(widths) < 0.5 * typical


_SPACED_CELLS = re.compile(r"(?<=\S)(?: {2,}|\t+|\u3000+)(?=\S)")


def as_table_row(line: str) -> str | None:
    """A flattened table row with its cells separated by `|`, tabs or runs of spaces, written with
    ` | ` between cells (the spacing would not survive normalisation); None for other lines."""
    if "|" in line or "｜" in line:
        return line
    cells = _SPACED_CELLS.split(line.strip())
    return " | ".join(cells) if len(cells) >= 2 else None


_SENTENCE_ENDS = ("。", "！", "？", "；", "：", "!", "?", ";", ":")


def load_text(data: bytes) -> Document:
    text = decode_text(data)
    if text is None:
        raise LoadError("not a supported format (binary)")
    pages = split_pages(text)
    paged = len(pages) > 1
    widths = [text_width(line) for page in pages for line in page if line]
    typical = typical_line_width(widths)
    full = FULL_LINE_SHARE * typical
    paragraphs = Paragraphs()
    open_line = False  # the last line reached the right margin: the paragraph may go on
    lines_in_paragraph = 0
    for number, page in enumerate(pages, start=1):
        flattened_table = _is_flattened_table(page, typical)
        page_number = number if paged else None
        for line in page:
            if not line:
                open_line = False
                continue
            if is_header_chrome(line):  # the page's chrome stands apart: never part of its title
                paragraphs.add_line(line, page_number, None)
                paragraphs.close()
                open_line = False
                continue
            row = as_table_row(line)
            if row is not None:  # one row a line: never joined with its neighbours
                paragraphs.add_line(row, page_number, None)
                open_line = False
                continue
            paragraph = paragraphs.open
            joined = paragraphs.add_line(
                line, page_number, Break(previous_full=open_line and not flattened_table)
            )
            lines_in_paragraph = lines_in_paragraph + 1 if joined is paragraph else 1
            # a full line goes on; so does a shorter line inside a paragraph that stops mid-sentence
            # (an edited or unevenly wrapped line), but not a short first line (a heading, a title)
            mid_sentence = lines_in_paragraph >= 2 and not line.rstrip().endswith(_SENTENCE_ENDS)
            open_line = not flattened_table and (text_width(line) >= full or mid_sentence)
    return Document(
        source_format="txt",
        blocks=paragraphs.finish(),
        pages=[Page(number=n) for n in range(1, len(pages) + 1)] if paged else [],
    )
