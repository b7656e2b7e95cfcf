"""Workbooks of a report's forms, as offices publish the 自评表: XLSX with openpyxl, XLS (BIFF8) with
xlwt. Figures are written as numbers whose decimals and percent sign come only from the cell's
number format (180 under `0.00` shows 180.00), 一级/二级 cells are merged ranges, the text blocks are
rows of one cell merged across the table. The XLSX puts each form on a sheet of its own and carries
a hidden sheet of draft figures a reader never sees; the XLS stacks the forms on one sheet, a blank
row between them."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
import xlwt
from openpyxl.styles import Alignment, Border, Side

from tests.generator.grids import Grid, grid_for
from tests.generator.model import Heading, MetaLines, Para, Report, TableBlock, decimals_of
from tests.generator.render_docx import fixed_zip
from tests.generator.text import fill

_PLAIN = re.compile(r"^-?\d+(?:\.\d+)?$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_PERCENT = re.compile(r"^(-?\d+(?:\.\d+)?)%$")
COLUMN_WIDTH = 9.0  # characters per unit of a grid's relative width
FIXED_CREATED = "2020-01-01T00:00:00Z"


@dataclass
class Placed:
    row: int
    col: int
    value: str | float
    number_format: str | None = None
    rowspan: int = 1
    colspan: int = 1


@dataclass
class SheetPlan:
    name: str
    cells: list[Placed] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    rows: int = 0
    hidden: bool = False


def cell_value(text: str) -> tuple[str | float, str | None]:
    """A figure as a number and the format that shows it as written; other text as it is."""
    percent = _PERCENT.match(text)
    if not (percent or _PLAIN.match(text) or _THOUSANDS.match(text)):
        return text, None
    digits = Decimal(percent.group(1) if percent else text.replace(",", ""))
    places = decimals_of(digits)
    number_format = ("#,##0" if "," in text else "0") + ("." + "0" * places if places else "")
    if percent:
        return float(digits / 100), number_format + "%"
    return float(digits), number_format


def _line(plan: SheetPlan, text: str, width: int) -> None:
    plan.cells.append(Placed(plan.rows, 0, text, colspan=width))
    plan.rows += 1


def _grid(plan: SheetPlan, grid: Grid) -> None:
    for c in grid.cells:
        value, number_format = cell_value(c.text)
        plan.cells.append(Placed(plan.rows + c.row, c.col, value, number_format, c.rowspan, c.colspan))
    plan.rows += grid.n_rows + 1  # a blank row after each table
    if not plan.widths:
        plan.widths = [COLUMN_WIDTH * w for w in grid.widths]


def sheet_plans(report: Report, sheet_per_table: bool) -> list[SheetPlan]:
    """The report's blocks laid out on sheets: a new sheet after each table when `sheet_per_table`."""
    grids = {id(b): grid_for(b, report) for b in report.body if isinstance(b, TableBlock)}
    width = max((g.n_cols for g in grids.values()), default=1)
    plans = [SheetPlan("表1")]
    for block in report.body:
        plan = plans[-1]
        if sheet_per_table and plan.widths and not isinstance(block, TableBlock):
            plan = SheetPlan(f"表{len(plans) + 1}")
            plans.append(plan)
        if isinstance(block, Heading):
            _line(plan, block.text, width)
        elif isinstance(block, Para):
            _line(plan, fill(block.text, report), width)
        elif isinstance(block, MetaLines):
            for key, value in block.lines:
                _line(plan, f"{key}：{value}", width)
        elif isinstance(block, TableBlock):
            for note in (block.caption, block.unit_note):
                if note:
                    _line(plan, note, width)
            _grid(plan, grids[id(block)])
    return plans


def draft_sheet(report: Report) -> SheetPlan:
    """A hidden sheet of superseded figures: read, it would add a project the report does not have."""
    plan = SheetPlan("草稿", hidden=True)
    _line(plan, "项目支出绩效自评表（草稿，勿用）", 4)
    form = next(b for b in report.body if isinstance(b, TableBlock))
    grid = grid_for(form, report)
    for c in grid.cells:
        c.text = "草稿项目" if c.text == report.parts[form.part].project else c.text
    _grid(plan, grid)
    return plan


def render_xlsx(report: Report) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    book.properties.title = report.meta.title
    book.properties.creator = report.meta.publisher
    thin = Side(style="thin")
    for plan in [*sheet_plans(report, sheet_per_table=True), draft_sheet(report)]:
        ws = book.create_sheet(plan.name)
        ws.sheet_state = "hidden" if plan.hidden else "visible"
        for k, width in enumerate(plan.widths, start=1):
            ws.column_dimensions[openpyxl.utils.get_column_letter(k)].width = width
        for p in plan.cells:
            cell = ws.cell(p.row + 1, p.col + 1, p.value)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if p.number_format:
                cell.number_format = p.number_format
            if p.rowspan > 1 or p.colspan > 1:
                ws.merge_cells(
                    start_row=p.row + 1,
                    start_column=p.col + 1,
                    end_row=p.row + p.rowspan,
                    end_column=p.col + p.colspan,
                )
            if p.colspan == 1 or p.row > 0:
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    out = io.BytesIO()
    book.save(out)
    return fixed_zip(_fixed_times(out.getvalue()))


def _fixed_times(data: bytes) -> bytes:
    """openpyxl stamps the save time into docProps/core.xml; equal reports must give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>" + FIXED_CREATED.encode(),
                    content,
                )
            dst.writestr(info, content)
    return out.getvalue()


def render_xls(report: Report) -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    styles: dict[str | None, xlwt.XFStyle] = {}

    def style(number_format: str | None) -> xlwt.XFStyle:
        if number_format not in styles:  # BIFF allows a few thousand styles: one per format
            styles[number_format] = xlwt.easyxf(
                "borders: left thin, right thin, top thin, bottom thin; align: wrap on, vert centre",
                num_format_str=number_format or "General",
            )
        return styles[number_format]

    for plan in [*sheet_plans(report, sheet_per_table=False), draft_sheet(report)]:
        ws = book.add_sheet(plan.name)
        ws.visibility = 1 if plan.hidden else 0
        for k, width in enumerate(plan.widths):
            ws.col(k).width = round(256 * width)
        for p in plan.cells:
            if p.rowspan > 1 or p.colspan > 1:
                ws.write_merge(
                    p.row,
                    p.row + p.rowspan - 1,
                    p.col,
                    p.col + p.colspan - 1,
                    p.value,
                    style(p.number_format),
                )
            else:
                ws.write(p.row, p.col, p.value, style(p.number_format))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
