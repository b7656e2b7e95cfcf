"""The geometry thresholds of the PDF loader in one place, with their units in their names (as
pdfplumber's `TableSettings` holds every tolerance of its table finder).

`_pt` is PDF points (1/72 inch), `_em` is a multiple of the body font size of the line at hand,
`_share` a fraction of a width. Loaders take a settings object and default to `PDF_SETTINGS`.
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
