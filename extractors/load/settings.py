"""The geometry thresholds of the PDF loader and of OCR in one place, with their units in their names
(as pdfplumber's `TableSettings` holds every tolerance of its table finder).

`_pt` is PDF points (1/72 inch), `_em` is a multiple of the body font size of the line at hand,
`_lines` a multiple of the page's median text-line height (OCR has no fonts), `_share` a fraction of a
width. Loaders take a settings object and default to `PDF_SETTINGS` / `OCR_SETTINGS`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PdfSettings:
    angle_samples: int = 400  # characters per page whose angle decides which way the text runs
    # a rectangle is 5 path segments (move, 3 lines, close) and frames a page or a paragraph; two
    # columns need at least a rectangle and a dividing line
    min_grid_path_segments: int = 7
    position_tolerance_pt: float = 2.0  # ruling lines of one grid drawn twice, rounding in producers
    # pdfplumber's default x and y tolerances for text lines (pdf_lines): characters this close in
    # height share a line, and a gap this narrow along it keeps a word together
    char_tolerance_pt: float = 3.0
    word_line_tolerance_pt: float = 2.0  # word centres this close in height sit on one line
    min_lines_for_column: int = 8  # fewer body lines cannot tell margins from centred lines
    # paragraph re-joining: a line that reaches the right margin goes on in the next one
    full_line_slack_em: float = 0.75  # how far short of the right margin a full line may end
    reaches_into_column_share: float = 0.6  # a line ending mid-sentence this far across is full too
    indent_em: float = 0.9  # a next line starting further right than this opens a paragraph
    font_size_change_share: float = 0.2  # a font this much bigger or smaller opens a paragraph
    paragraph_gap_em: float = 0.6  # extra spacing beyond the usual line gap that opens a paragraph
    # borderless tables
    table_block_gap_em: float = 2.0  # more blank space than this below a row ends the table
    wrapped_row_gap_em: float = 0.4  # a line closer than the tightest gap plus this wraps a cell
    column_overlap_pt: float = 0.5  # a word must overlap a column by more than this to be in it
    # spaces the file draws as text objects of their own (pdf_spaces), for table cells' words
    blank_text_pt: float = 0.01  # a text object narrower and lower than this draws no ink
    space_position_pt: float = 1.0  # how far such an object may be from where pdfium heard a space


PDF_SETTINGS = PdfSettings()


@dataclass(frozen=True)
class OcrSettings:
    render_dpi: int = 150  # a common scan resolution; 10 pt table text is ~21 px high, enough to read
    # the most pixels one page is rendered to: A2 at 150 dpi is 8.7 Mpx; a page claiming 14400 pt
    # square (PDF's largest) would be 900 Mpx, and its render and RGB copy 3.6 GB
    max_page_pixels: int = 12_000_000
    low_confidence: float = 0.8  # a digit recognised with a probability below this is doubtful
    ink_level: int = 160  # grey values below this are ink when looking for ruling lines
    rule_min_length_pt: float = 18.0  # shorter dark runs are letters, not ruling lines
    rule_max_thickness_pt: float = 4.0  # thicker ones are filled areas
    grid_tolerance_pt: float = 3.0  # ruling lines this close meet (scans blur and bend them)
    skew_min_degrees: float = 0.05  # a tilt below this is left alone
    long_line_share: float = 0.8  # lines reaching this far across the text say where the margin is
    full_line_slack_lines: float = 1.0  # a line ending this close to the right margin goes on
    indent_lines: float = 0.8  # a line starting further right than this opens a paragraph
    same_size_lines: float = 0.4  # line heights this close are one style (brackets make boxes taller)
    large_lines: float = 1.2  # lines this much taller than the body are a title or a heading
    same_columns_share: float = 0.02  # column edges this close (share of the width) continue a table
    # text detection in windows of about this many rows of the page (so many that they share the
    # page evenly), each reaching this much further up and down: the detector then holds ~150 MB
    # (~230 on a landscape page), not ~350-450 for a whole A4 page. Its squeeze-excitation layers
    # average over their whole input, so a window's map is not exactly the page's: boxes move by a
    # few pixels. With 160 rows of margin the same text is read on the scanned seed (61/61), the PNG
    # form (the same rows) and jiangsu-01, but three short last lines of seed paragraphs, whose
    # height sits at the same-style threshold, now start a paragraph of their own, and the PNG
    # form counts 2 doubtful figures instead of 3 (README, speed and memory). 0: the whole page
    det_strip_rows: int = 576
    det_strip_margin_rows: int = 160


OCR_SETTINGS = OcrSettings()
