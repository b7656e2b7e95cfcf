"""OCR of page pictures (image-only PDFs rendered with pypdfium2, photos and scans of forms) with
RapidOCR: body lines joined into paragraphs and ruled tables rebuilt from the lines in the picture.

Optional: needs the `jixiao[ocr]` extra (rapidocr-onnxruntime, which ships its ONNX models, so
nothing is downloaded at run time). `ocr_available()` tells the dispatcher whether it can be used.
"""

from __future__ import annotations

import functools
import math
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import median
from typing import Any

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from extractors.document import BBox, Block, Cell, Document, LoadError, Page, Table
from extractors.load.geometry import Grid, find_grids, find_rules
from extractors.load.glyphs import Drawn
from extractors.load.rejoin import Break, Paragraphs, continues
from extractors.load.settings import OCR_SETTINGS
from extractors.load.stitch import stitch
from extractors.memory import mapped_allocations, release_freed_memory
from extractors.progress import reading_page
from extractors.text.normalise import join_lines, normalise_text, starts_list_item, text_width

S = OCR_SETTINGS
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_PAGE_NUMBER = re.compile(r"^[-—–－\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*/\s*\d{1,4})?[-—–－\s]*$")
_CJK_AFTER_ITEM_NUMBER = re.compile(r"^(\d{1,2})(?=[\u4e00-\u9fff])")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_FULL_WIDTH_BRACKETS = str.maketrans("()丶", "（）、")  # 丶 (a radical) is how it reads a small 、
_FULL_WIDTH_STOPS = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_HALF_WIDTH_STOP_AFTER_CJK = re.compile(r"(?<=[\u4e00-\u9fff])[,;:?!]")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def ocr_available() -> bool:
    """Is the OCR engine (the `jixiao[ocr]` extra) installed and importable (its OpenCV needs libGL)?"""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class _Box:
    """A recognised text line in deskewed page pixels."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    doubtful_figures: int  # numbers in it with a digit recognised below the confidence threshold

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class _Line:
    boxes: list[_Box]

    @property
    def x0(self) -> float:
        return min(b.x0 for b in self.boxes)

    @property
    def x1(self) -> float:
        return max(b.x1 for b in self.boxes)

    @property
    def y0(self) -> float:
        return min(b.y0 for b in self.boxes)

    @property
    def height(self) -> float:
        return median(b.height for b in self.boxes)

    @property
    def text(self) -> str:
        return " ".join(b.text for b in sorted(self.boxes, key=lambda b: b.x0))

    def glyphs(self, page: int) -> list[Drawn]:
        """Each character with its box in PDF points: the recogniser boxes lines, not characters, so
        a line's width is shared among its characters by printed width (CJK 1, ASCII ½)."""
        scale = S.render_dpi / 72
        glyphs = []
        for box in sorted(self.boxes, key=lambda b: b.x0):
            unit = (box.x1 - box.x0) / max(text_width(box.text), 0.5)
            x0 = box.x0
            top, bottom = float(box.y0) / scale, float(box.y1) / scale
            for ch in box.text:
                x1 = x0 + unit * text_width(ch)
                glyphs.append((ch, page, float(x0) / scale, top, float(x1) / scale, bottom))
                x0 = x1
        return glyphs


@dataclass
class _Fragment:
    """The part of a ruled table on one page, cells in PDF points."""

    cells: list[Cell]
    n_rows: int
    n_cols: int
    page: int
    relative_xs: tuple[float, ...]  # column edges as fractions of the table width, to match continuations


@dataclass
class _PageRead:
    page: Page
    items: list[tuple[float, _Line | _Fragment]]  # by top edge
    body_left: float
    body_right: float
    body_height: float
    doubtful_figures: int = 0


@dataclass
class _Assembly:
    """Blocks being built in reading order, with what the last paragraph line looked like."""

    paragraphs: Paragraphs = field(default_factory=lambda: Paragraphs(glyphs=True))
    last_line_full: bool = False
    last_line_height: float = 0.0
    table_xs: tuple[float, ...] = ()


@functools.lru_cache(maxsize=1)
def ocr_engine() -> Any:
    """The RapidOCR engine, loaded once per process (its ONNX models take a second and ~100 MB).
    ImportError without the OCR extra."""
    from rapidocr_onnxruntime import RapidOCR

    # No line-angle classifier: scans are upright, and it turned some upright lines upside down.
    engine = RapidOCR(use_cls=False, intra_op_num_threads=2, inter_op_num_threads=1)
    engine.text_det = _LeanDetector(engine.text_det)
    engine.text_rec.session = _OneLineAtATime(engine.text_rec.session)
    return engine


class _OneLineAtATime:
    """RapidOCR's recogniser session given its batches (six lines padded to the widest) one line at
    a time: the same padded input, so the same text and scores, with the activations of one line
    (six wide table rows together held ~300 MB)."""

    def __init__(self, session: Any) -> None:
        self.session = session

    def __call__(self, batch: np.ndarray) -> list[np.ndarray]:
        first = self.session(batch[:1])[0]
        out = np.empty((len(batch),) + first.shape[1:], dtype=first.dtype)
        out[0] = first[0]
        del first
        for k in range(1, len(batch)):
            out[k] = self.session(batch[k : k + 1])[0][0]
        release_freed_memory()  # each width is a new shape, whose tensors glibc's heap would keep
        return [out]


class _LeanDetector:
    """RapidOCR's text detector in less memory, its boxes read from the same probability map:
    - the input tensor is made per grey level from a table computed as RapidOCR computes it (its
      preprocessing makes two float64 copies of the page, 52 MB each for A4 at 150 dpi);
    - the network runs on overlapping horizontal windows of one shape, and each window gives the
      map its middle rows (`OcrSettings.det_strip_rows`): a whole page held ~350 MB of activations;
    - onnxruntime's first run of a shape allocates each tensor anew, which glibc's heap keeps
      resident (~250 MB for a window); run with those allocations mapped (`mapped_allocations`), it
      holds ~110 MB, and later runs reuse one block planned from it (~150 MB)."""

    def __init__(self, detector: Any) -> None:
        self.detector = detector
        self.postprocess_op = detector.postprocess_op  # RapidOCR sets its thresholds per call

    def __call__(self, img: np.ndarray) -> tuple[np.ndarray | None, float]:
        started = time.perf_counter()
        detector = self.detector
        prepare = detector.get_preprocess(max(img.shape[0], img.shape[1]))
        resized = prepare.resize(img)
        if resized is None:
            return None, 0.0
        preds = self._infer(resized, _input_levels(prepare))
        del resized
        boxes, _ = detector.postprocess_op(preds, img.shape[:2])
        return detector.filter_tag_det_res(boxes, img.shape[:2]), time.perf_counter() - started

    def _infer(self, resized: np.ndarray, table: np.ndarray) -> np.ndarray:
        """The probability map (1, 1, rows, columns) of the resized page (rows, columns, channels)."""
        rows = resized.shape[0]
        margin = S.det_strip_margin_rows
        n = math.ceil(rows / S.det_strip_rows) if S.det_strip_rows else 1
        core = math.ceil(rows / n / 32) * 32
        window = core + 2 * margin
        if n == 1 or rows <= window:
            return self.detector.infer(_tensor(resized, table))[0]
        out = np.empty((1, 1, rows, resized.shape[1]), dtype=np.float32)
        with mapped_allocations():
            for top in range(0, rows, core):
                bottom = min(rows, top + core)
                lo = min(max(0, top - margin), rows - window)  # every window the same shape
                part = self.detector.infer(_tensor(resized[lo : lo + window], table))[0]
                out[:, :, top:bottom] = part[:, :, top - lo : bottom - lo]
                del part
                release_freed_memory()
        return out


def _input_levels(prepare: Any) -> np.ndarray:
    """(channels, 256): what RapidOCR's DetPreProcess makes of each grey level, computed as it does
    (scaled in float32, normalised in float64, then float32)."""
    levels = np.arange(256, dtype=np.float32) * prepare.scale
    return ((levels[None, :] - prepare.mean[:, None]) / prepare.std[:, None]).astype(np.float32)


def _tensor(pixels: np.ndarray, table: np.ndarray) -> np.ndarray:
    """(rows, columns, channels) uint8 pixels as the network's (1, channels, rows, columns) input."""
    tensor = np.empty((1, pixels.shape[2], pixels.shape[0], pixels.shape[1]), dtype=np.float32)
    for channel in range(pixels.shape[2]):
        tensor[0, channel] = table[channel][pixels[:, :, channel]]
    return tensor


def load_scanned_pdf(data: bytes, pages: list[int] | None = None) -> Document:
    """OCR the given 1-based pages (all by default) of an image-only PDF into a Document:
    paragraphs and tables in reading order, page-number footers dropped, tables continued over
    pages stitched into one. Doubtful figures are counted in `warnings`."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise LoadError(f"unreadable PDF: {exc}") from exc
    numbers = pages or list(range(1, len(pdf) + 1))
    if not all(1 <= n <= len(pdf) for n in numbers):
        raise LoadError(f"pages {numbers} asked of a PDF with {len(pdf)} pages")
    pictures = (_render(pdf[n - 1], n) for n in numbers)
    try:
        return read_pictures(pictures, "pdf", "scanned PDF")
    finally:
        pdf.close()


def _render(page: pdfium.PdfPage, number: int) -> tuple[int, np.ndarray]:
    """The page in grey at the OCR resolution; LoadError, before any pixel is drawn, for one too large."""
    scale = S.render_dpi / 72
    width, height = page.get_size()
    if width * height * scale * scale > S.max_page_pixels:
        raise LoadError(
            f"page {number} is {width:.0f} x {height:.0f} pt: too large to OCR"
            f" ({S.max_page_pixels // 1_000_000} megapixels at {S.render_dpi} dpi at most)"
        )
    return number, np.asarray(page.render(scale=scale, grayscale=True).to_pil().convert("L"))


def read_pictures(pictures: Iterable[tuple[int, np.ndarray]], source_format: str, what: str) -> Document:
    """OCR grey pictures of pages (page number, pixels at the OCR resolution) into one Document; `what`
    names the input in the error raised without the OCR extra."""
    try:
        engine = ocr_engine()
    except ImportError as exc:
        raise LoadError(f"{what} needs OCR: install jixiao[ocr]") from exc
    reads = []
    for number, grey in pictures:
        reading_page(number)
        reads.append(_read_page(grey, number, engine))
        del grey
        release_freed_memory()  # else each page's tensors stay resident: 1050 MB on the seed, not 700
    document = Document(source_format, _assemble(reads), pages=[r.page for r in reads])
    doubtful = [r for r in reads if r.doubtful_figures]
    if doubtful:
        count = sum(r.doubtful_figures for r in doubtful)
        where = ", ".join(str(r.page.number) for r in doubtful)
        document.warnings.append(f"OCR: {count} low-confidence figures on pages {where}")
    return document


def _read_page(grey: np.ndarray, number: int, engine: Any) -> _PageRead:
    pt = S.render_dpi / 72
    height, width = grey.shape[0] / pt, grey.shape[1] / pt
    result, _ = engine(grey, return_word_box=True)  # word boxes for per-character scores
    result = result or []
    quads = [np.asarray(read[0], dtype=float) for read in result]
    angle = _skew_degrees(quads)
    if abs(angle) > S.skew_min_degrees:  # straighten the picture so ruling lines run along pixel rows
        grey = np.asarray(Image.fromarray(grey).rotate(angle, Image.Resampling.BILINEAR, fillcolor=255))
    centre = (grey.shape[1] / 2, grey.shape[0] / 2)
    boxes = [
        _box(_rotate(quad, angle, centre), text, _doubtful_figures(text, float(score), words, scores))
        for quad, (_, text, score, _, words, scores) in zip(quads, result, strict=True)
    ]
    horizontal, vertical = find_rules(
        grey < S.ink_level,
        min_length=round(S.rule_min_length_pt * pt),
        max_thickness=round(S.rule_max_thickness_pt * pt),
    )
    grids = find_grids(horizontal, vertical, tol=S.grid_tolerance_pt * pt)
    in_table = [[b for b in boxes if g.contains(*_centre(b))] for g in grids]
    placed_boxes = [b for group in in_table for b in group]
    placed = {id(b) for b in placed_boxes}
    lines = [
        line
        for line in _lines([b for b in boxes if id(b) not in placed])
        if not _is_page_number(line, grey.shape[0])
    ]
    items: list[tuple[float, _Line | _Fragment]] = [(line.y0, line) for line in lines]
    items += [(g.ys[0], _fragment(g, group, number, pt)) for g, group in zip(grids, in_table, strict=True)]
    heights = [line.height for line in lines] or [12 * pt]
    return _PageRead(
        page=Page(number, width, height, has_text=False),
        items=sorted(items, key=lambda item: item[0]),
        body_left=float(np.percentile([line.x0 for line in lines], 10)) if lines else 0.0,
        body_right=_right_margin(lines),
        body_height=median(heights),
        doubtful_figures=sum(
            b.doubtful_figures for b in placed_boxes + [b for line in lines for b in line.boxes]
        ),
    )


def _right_margin(lines: list[_Line]) -> float:
    """Where full lines end: the median end of the long lines (a stop hanging into the margin, or
    one whose ink sits in the left of its square, moves single lines either way)."""
    if not lines:
        return 0.0
    left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)
    return median(line.x1 for line in lines if line.x1 >= left + S.long_line_share * (right - left))


def _skew_degrees(quads: list[np.ndarray]) -> float:
    """The page's tilt, from the slope of its long text lines (clockwise positive, image y down)."""
    slopes = []
    for q in quads:
        dx, dy = q[1] - q[0]
        if dx > 4 * np.linalg.norm(q[3] - q[0]):
            slopes.append(math.degrees(math.atan2(dy, dx)))
    return median(slopes) if slopes else 0.0


def _rotate(quad: np.ndarray, degrees: float, centre: tuple[float, float]) -> np.ndarray:
    """Points moved as PIL's rotate(degrees) moves the picture (counter-clockwise on screen)."""
    t = math.radians(degrees)
    x, y = quad[:, 0] - centre[0], quad[:, 1] - centre[1]
    return np.stack(
        [centre[0] + x * math.cos(t) + y * math.sin(t), centre[1] - x * math.sin(t) + y * math.cos(t)], 1
    )


def _box(quad: np.ndarray, text: str, doubtful_figures: int) -> _Box:
    x0, y0, x1, y1 = quad[:, 0].min(), quad[:, 1].min(), quad[:, 0].max(), quad[:, 1].max()
    return _Box(x0, y0, x1, y1, _cjk_punctuation(text), doubtful_figures)


def _doubtful_figures(text: str, line_score: float, words: list[str], scores: list[float]) -> int:
    """How many numbers in the line have a character the recogniser was unsure of; the line's own
    score stands in where its per-word scores do not spell out the text."""
    if "".join(words) == text and len(words) == len(scores):
        char_scores = [s for word, s in zip(words, scores, strict=True) for _ in word]
    else:
        char_scores = [line_score] * len(text)
    return sum(min(char_scores[m.start() : m.end()]) < S.low_confidence for m in _NUMBER.finditer(text))


def _cjk_punctuation(text: str) -> str:
    """Brackets and stops in full width where the text is Chinese: the recogniser cannot tell
    "(" from "（" in a picture, and Chinese reports write the full-width forms."""
    text = text.strip()
    if not _CJK_CHAR.search(text):
        return text
    text = text.translate(_FULL_WIDTH_BRACKETS)
    return _HALF_WIDTH_STOP_AFTER_CJK.sub(lambda m: _FULL_WIDTH_STOPS[m.group()], text)


def _centre(box: _Box) -> tuple[float, float]:
    return (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2


def _lines(boxes: list[_Box]) -> list[_Line]:
    """Boxes side by side (overlapping vertically by half their height) form one line."""
    lines: list[_Line] = []
    for box in sorted(boxes, key=lambda b: b.y0):
        for line in lines:
            last = line.boxes[-1]
            if min(last.y1, box.y1) - max(last.y0, box.y0) > 0.5 * min(last.height, box.height):
                line.boxes.append(box)
                break
        else:
            lines.append(_Line([box]))
    return sorted(lines, key=lambda line: line.y0)


def _is_page_number(line: _Line, page_height: float) -> bool:
    in_margin = line.y0 > 0.88 * page_height or line.y0 < 0.08 * page_height
    return in_margin and bool(_PAGE_NUMBER.match(line.text))


def _fragment(grid: Grid, boxes: list[_Box], page: int, scale: float) -> _Fragment:
    by_cell: dict[tuple[int, int], list[_Box]] = {}
    for box in boxes:
        cell = grid.cell_at(*_centre(box))
        if cell:
            by_cell.setdefault((cell.row, cell.col), []).append(box)
    cells = [
        Cell(
            row=c.row,
            col=c.col,
            text=_cell_text(_lines(by_cell.get((c.row, c.col), [])), right_edge=c.x1),
            rowspan=c.rowspan,
            colspan=c.colspan,
            page=page,
            bbox=BBox(page, c.x0 / scale, c.y0 / scale, c.x1 / scale, c.y1 / scale),
        )
        for c in grid.cells
    ]
    left, span = grid.xs[0], grid.xs[-1] - grid.xs[0]
    return _Fragment(cells, grid.n_rows, grid.n_cols, page, tuple((x - left) / span for x in grid.xs))


def _cell_text(lines: list[_Line], right_edge: float) -> str:
    """Wrapped lines joined; a line that opens a list item (① 1. （1）…) or follows a line that stopped
    short of the cell's right edge starts a line of its own."""
    items: list[str] = []
    previous_full = False
    for line in lines:
        text = line.text
        if items and items[-1].endswith(("：", ":")):
            # "评价要点：" then "1资金到位率…": the narrow space after an item number is lost in OCR
            text = _CJK_AFTER_ITEM_NUMBER.sub(r"\1 ", text)
        if items and continues(Break(previous_full), text, opens=starts_list_item):
            items[-1] = join_lines(items[-1], text)
        else:
            items.append(text)
        previous_full = right_edge - line.x1 <= 1.2 * line.height
    return normalise_text("\n".join(_renumber_circled(items)))


def _renumber_circled(items: list[str]) -> list[str]:
    """①②③④③ -> ①②③④⑤: a circled item number that repeats or goes back is a misread of the next
    one (the recogniser confuses ③ ⑤ ⑧ at scan resolution)."""
    renumbered, previous = [], -1
    for item in items:
        number = _CIRCLED.find(item[:1]) if item else -1
        if number >= 0 and 0 <= previous < len(_CIRCLED) - 1 and number <= previous:
            number = previous + 1
            item = _CIRCLED[number] + item[1:]
        renumbered.append(item)
        previous = number if number >= 0 else previous
    return renumbered


def _assemble(reads: list[_PageRead]) -> list[Block]:
    state = _Assembly()
    for read in reads:
        for _, item in read.items:
            if isinstance(item, _Line):
                _add_line(state, item, read)
            else:
                _add_fragment(state, item)
    return state.paragraphs.finish()


def _add_line(state: _Assembly, line: _Line, read: _PageRead) -> None:
    """The break above a line in pixels of the page image; a tall line after a tall one is a
    wrapped title or heading and goes on whatever its margins."""
    unit = read.body_height
    indented = line.x0 - read.body_left > S.indent_lines * unit
    similar_size = abs(line.height - state.last_line_height) <= S.same_size_lines * unit
    large = line.height > S.large_lines * unit and state.last_line_height > S.large_lines * unit
    brk = Break(
        previous_full=state.last_line_full or large,
        indented=indented and not large,
        restyled=not similar_size,
    )
    number = read.page.number
    state.paragraphs.add_line(line.text, number, brk, opens=starts_list_item, glyphs=line.glyphs(number))
    state.last_line_full = read.body_right - line.x1 <= S.full_line_slack_lines * unit
    state.last_line_height = line.height


def _add_fragment(state: _Assembly, fragment: _Fragment) -> None:
    blocks = state.paragraphs.blocks
    previous = blocks[-1] if blocks else None
    part = Table(fragment.cells, fragment.n_rows, fragment.n_cols, page=fragment.page, pages=[fragment.page])
    if isinstance(previous, Table) and _same_columns(state.table_xs, fragment):
        stitch(previous, part)
        state.paragraphs.close()
    else:
        state.paragraphs.add_block(part)
        state.table_xs = fragment.relative_xs


def _same_columns(xs: tuple[float, ...], fragment: _Fragment) -> bool:
    return len(xs) == len(fragment.relative_xs) and all(
        abs(a - b) < S.same_columns_share for a, b in zip(xs, fragment.relative_xs, strict=True)
    )
