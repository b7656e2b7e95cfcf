"""PDF with reportlab: CJK through the built-in STSong-Light CID font, ruled tables with spans."""

from __future__ import annotations

import io
from dataclasses import replace
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from tests.generator.grids import Grid, grid_for
from tests.generator.model import Heading, MetaLines, Para, Report, TableBlock
from tests.generator.text import fill

FONT = "STSong-Light"
MAX_ROWSPAN = 4


@cache
def styles() -> dict[str, ParagraphStyle]:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))  # registering is idempotent; cached so it runs once
    base = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=18, firstLineIndent=22, wordWrap="CJK")
    return {
        "body": base,
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontSize=16,
            leading=24,
            alignment=TA_CENTER,
            firstLineIndent=0,
            spaceAfter=12,
        ),
        "h1": ParagraphStyle("h1", parent=base, fontSize=12, spaceBefore=6),
        "h2": ParagraphStyle("h2", parent=base, fontSize=11),
        "meta": ParagraphStyle("meta", parent=base, fontSize=9, leading=13, firstLineIndent=0),
        "caption": ParagraphStyle("caption", parent=base, alignment=TA_CENTER, firstLineIndent=0),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=11, firstLineIndent=0),
    }


def para(text: str, style: str) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), styles()[style])


def short_spans(grid: Grid) -> Grid:
    """Cut tall merged cells into runs of MAX_ROWSPAN rows, each repeating its text.

    reportlab cannot break a page inside a row span (and its in-row splitting fails on spans),
    so a 一级 cell merged over a whole group would make the table unbreakable.
    """
    cells = []
    for c in grid.cells:
        for start in range(0, c.rowspan, MAX_ROWSPAN):
            cells.append(replace(c, row=c.row + start, rowspan=min(MAX_ROWSPAN, c.rowspan - start)))
    return replace(grid, cells=cells)


def table(grid: Grid, width: float) -> Table:
    grid = short_spans(grid)
    data = [["" for _ in range(grid.n_cols)] for _ in range(grid.n_rows)]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
    ]
    for c in grid.cells:
        data[c.row][c.col] = para(c.text, "cell")
        if c.rowspan > 1 or c.colspan > 1:
            commands.append(("SPAN", (c.col, c.row), (c.col + c.colspan - 1, c.row + c.rowspan - 1)))
    scale = width / sum(grid.widths)
    return Table(
        data,
        colWidths=[w * scale for w in grid.widths],
        repeatRows=grid.header_rows,
        style=TableStyle(commands),
    )


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes; identical bytes for identical reports (invariant mode)."""
    page = landscape(A4) if report.landscape else A4
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=page,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=report.meta.title,
        author=report.meta.publisher,
        invariant=1,
    )
    story: list = []
    for block in report.body:
        if isinstance(block, Heading):
            story.append(
                para(block.text, "title" if block.level == 0 else ("h1" if block.level == 1 else "h2"))
            )
        elif isinstance(block, Para):
            story.append(para(fill(block.text, report), "body"))
        elif isinstance(block, MetaLines):
            story.append(para("\n".join(f"{k}：{v}" for k, v in block.lines), "meta"))
        elif isinstance(block, TableBlock):
            if block.caption:
                story.append(para(block.caption, "caption"))
            if block.unit_note:
                story.append(para(block.unit_note, "meta"))
            story.append(table(grid_for(block, report), doc.width))
            story.append(Spacer(1, 8))
    doc.build(story)
    return out.getvalue()
