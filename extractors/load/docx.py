"""DOCX: body paragraphs and tables in document order, headings from styles, merged cells as spans.

Spans are read from the table XML itself (w:gridSpan, w:vMerge, w:gridBefore): python-docx's
cell grid repeats a merged cell at every position it covers, which hides where it starts.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.styles.style import CharacterStyle
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from extractors.document import Block, Cell, Document, LoadError, Paragraph, Table
from extractors.load.parts import count
from extractors.text.normalise import normalise_text

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "标题"}
_ENTITY_BOMB = re.compile(r"amplification|entity reference loop", re.IGNORECASE)


MAX_COLUMNS = 100  # the grid width assumed when a table declares none (real tables have < 20)
# paragraphs in the body, counted before python-docx makes an object of each (a few ms apiece
# with their styles): ten a page of --max-pages' 2000; real reports have a few thousand
MAX_PARAGRAPHS = 20_000
_PARAGRAPH = re.compile(rb"<(?:\w+:)?p[\s>/]")


def load_docx(data: bytes) -> Document:
    """Paragraphs and tables of a DOCX; the caller refuses zip bombs first (pipeline.limits)."""
    _check_paragraphs(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        ParseError,
        etree.XMLSyntaxError,
    ) as exc:
        if isinstance(exc, etree.XMLSyntaxError) and _ENTITY_BOMB.search(str(exc)):
            # libxml2 stops entity expansion that grows the document by a large factor
            raise LoadError("refused DOCX: XML entities expand too far (billion laughs)") from exc
        if isinstance(exc, etree.XMLSyntaxError) and "Excessive depth" in str(exc):
            raise LoadError("refused DOCX: elements nested more than 256 deep") from exc
        raise LoadError(f"corrupt DOCX: {' '.join(str(exc).split())[:200]}") from exc
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            table = _table(item)
            if table.cells:
                blocks.append(table)
        else:
            paragraph = _paragraph(item)
            if paragraph.text:
                blocks.append(paragraph)
    title = normalise_text(document.core_properties.title or "") or None
    return Document(source_format="docx", blocks=blocks, title=title)


def _check_paragraphs(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            paragraphs = count(archive, "word/document.xml", _PARAGRAPH)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, zlib.error):
        return  # python-docx says what is wrong with the package
    if paragraphs > MAX_PARAGRAPHS:
        raise LoadError(f"refused DOCX: {paragraphs} paragraphs > {MAX_PARAGRAPHS}")


def _paragraph(paragraph: DocxParagraph) -> Paragraph:
    text = normalise_text(paragraph.text)
    level, is_title = _heading_of(paragraph)
    return Paragraph(text=text, heading_level=level, is_title=is_title)


def _heading_of(paragraph: DocxParagraph) -> tuple[int | None, bool]:
    """Heading level from the style or the styles it is based on, else from an outline level."""
    style: CharacterStyle | None = paragraph.style  # a paragraph style is a CharacterStyle with a base
    while style is not None:
        name = (style.name or "").strip()
        if name.lower() in _TITLE_STYLES:
            return None, True
        match = _HEADING_STYLE.match(name)
        if match:
            return int(match.group(1)), False
        style = style.base_style
    outline = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if outline is not None:
        level = int(outline.get(qn("w:val"), "9")) + 1
        if level <= 6:
            return level, False
    return None, False


def _table(table: DocxTable) -> Table:
    """The grid of a w:tbl: a cell opened by vMerge=restart (or no vMerge) grows by every
    vMerge=continue below it in the same grid column."""
    cells: list[Cell] = []
    open_at: dict[int, Cell] = {}  # grid column -> the cell a vertical merge there continues
    n_cols = 0
    rows = table._tbl.findall(qn("w:tr"))
    # spans are clipped to the declared grid: a crafted gridSpan="2147483647" must not make the
    # table (and every grid built from it) billions of columns wide
    width = len(table._tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")) or MAX_COLUMNS
    for row_index, tr in enumerate(rows):
        col = min(max(_int_val(tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}"), 0), 0), width)
        for tc in tr.findall(qn("w:tc")):
            span = min(
                max(_int_val(tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}"), 1), 1), max(width - col, 1)
            )
            vmerge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            continues = vmerge is not None and vmerge.get(qn("w:val"), "continue") == "continue"
            above = open_at.get(col)
            if continues and above is not None and above.col == col:
                above.rowspan = row_index - above.row + 1
            else:
                cell = Cell(row=row_index, col=col, text=_cell_text(tc, table), colspan=span)
                cells.append(cell)
                for k in range(col, col + span):
                    open_at[k] = cell
            col += span
        n_cols = max(n_cols, col)
    return Table(cells=cells, n_rows=len(rows), n_cols=n_cols)


def _int_val(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(qn("w:val"), default))
    except ValueError:
        return default


def _cell_text(tc: etree._Element, table: DocxTable) -> str:
    """The cell's paragraphs one a line; a nested table flattened row by row, cells space-separated."""
    lines: list[str] = []
    for child in tc:
        if child.tag == qn("w:p"):
            lines.append(DocxParagraph(child, table).text)
        elif child.tag == qn("w:tbl"):
            nested = _table(DocxTable(child, table))
            for row in nested.grid(fill_spans=False):
                lines.append(" ".join(text for text in row if text))
    return normalise_text("\n".join(lines))
