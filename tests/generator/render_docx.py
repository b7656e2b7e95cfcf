"""DOCX with python-docx: heading styles, ruled tables with real merged cells."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from tests.generator.grids import Grid, grid_for
from tests.generator.model import Heading, MetaLines, Para, Report, TableBlock
from tests.generator.text import fill

FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def add_table(doc, grid: Grid) -> None:
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = "Table Grid"
    # table.cell() rebuilds the whole cell list on every call; take it once (spans never overlap,
    # so the cells a merge touches are still the ones listed)
    cells = table._cells
    for c in grid.cells:
        cell = cells[c.row * grid.n_cols + c.col]
        if c.rowspan > 1 or c.colspan > 1:
            cell = cell.merge(cells[(c.row + c.rowspan - 1) * grid.n_cols + c.col + c.colspan - 1])
        lines = c.text.split("\n")
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
    for r in range(grid.header_rows):  # repeat the header row on every page
        table.rows[r]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def fixed_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed entry times so equal reports give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME), src.read(info.filename))
    return out.getvalue()


def render_docx(report: Report) -> bytes:
    doc = Document()
    styles = doc.styles
    styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    if report.landscape:
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
    props = doc.core_properties
    props.title, props.author = report.meta.title, report.meta.publisher
    for block in report.body:
        if isinstance(block, Heading):
            if block.level == 0:
                doc.add_paragraph(block.text, style="Title")
            else:
                doc.add_paragraph(block.text, style=f"Heading {min(block.level, 3)}")
        elif isinstance(block, Para):
            doc.add_paragraph(fill(block.text, report))
        elif isinstance(block, MetaLines):
            for key, value in block.lines:
                doc.add_paragraph(f"{key}：{value}")
        elif isinstance(block, TableBlock):
            if block.caption:
                doc.add_paragraph(block.caption)
            if block.unit_note:
                doc.add_paragraph(block.unit_note)
            add_table(doc, grid_for(block, report))
    # python-docx stamps no times of its own in core.xml beyond the template's; fix the zip's
    out = io.BytesIO()
    doc.save(out)
    return fixed_zip(out.getvalue())
