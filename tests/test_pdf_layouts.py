"""PDF layouts the loader must read like an ordinary ruled, upright page: tables without ruling
lines, sideways pages, and a table row cut by a page break. The PDFs are drawn with reportlab."""

import io
from decimal import Decimal

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from extractors.document import Document
from extractors.extract import extract_facts
from extractors.load import load_document

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
BODY = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=16, wordWrap="CJK")
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=12, wordWrap="CJK")
TITLE = "2023年度城区道路养护项目支出绩效评价报告"
HEADER = ["一级指标", "二级指标", "三级指标", "分值", "评价标准", "得分"]
ROWS = [
    ["决策", "项目立项", "立项依据充分性", "10", "项目立项符合国家法律法规和部门职责，依据充分的得满分，否则酌情扣分。", "10"],
    ["过程", "资金管理", "资金到位率", "20", "资金到位率=实际到位资金/预算资金×100%，按比例得分。", "18.5"],
    ["产出", "产出数量", "道路养护完成率", "30", "完成年度养护计划得满分。", "28"],
    ["效益", "社会效益", "群众满意度", "40", "满意度达到90%以上得满分，每低1个百分点扣1分。", "36"],
    ["合计", "", "", "100", "", "92.5"],
]  # fmt: skip
PROSE = "项目按计划完成了全部养护任务，道路完好率保持较高水平，群众满意度较高。" * 3


def _scores(
    document: Document,
) -> tuple[list[tuple[str | None, Decimal | None, Decimal | None]], Decimal | None]:
    """(三级指标, weight, score) of every indicator, and the total score, as extraction reads them."""
    facts = extract_facts(document)
    project = facts.projects[0]
    indicators = [
        (i.level3, i.weight.value if i.weight else None, i.score.value if i.score else None)
        for i in project.indicators
    ]
    return indicators, project.total_score.value if project.total_score else None


EXPECTED_SCORES = (
    [
        ("立项依据充分性", Decimal("10"), Decimal("10")),
        ("资金到位率", Decimal("20"), Decimal("18.5")),
        ("道路养护完成率", Decimal("30"), Decimal("28")),
        ("群众满意度", Decimal("40"), Decimal("36")),
    ],
    Decimal("92.5"),
)


# ---------- 1. a table without ruling lines (a Word table with its borders removed)


def _borderless_report(padding: float) -> bytes:
    """Title, prose, the scoring table as columns of text (cells top-aligned, as Word sets them;
    `padding` above and below each cell: 0 as in Word, so rows are as close as wrapped lines), prose."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=60, rightMargin=60)
    cells = [HEADER] + [[Paragraph(text, CELL) if len(text) > 8 else text for text in row] for row in ROWS]
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 9),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), padding),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ]
    )
    doc.build(
        [
            Paragraph(TITLE, BODY),
            Paragraph("一、项目基本情况。" + PROSE, BODY),
            Paragraph("附表：绩效评价指标评分表", BODY),
            Table(cells, colWidths=[50, 60, 80, 35, 200, 40], style=style),
            Paragraph("二、主要绩效。" + PROSE, BODY),
        ]
    )
    return buffer.getvalue()


@pytest.mark.parametrize("padding", [3, 0])
def test_borderless_table_is_read_as_a_grid(padding):
    document = load_document(_borderless_report(padding))
    assert len(document.tables) == 1
    table = document.tables[0]
    assert table.grid() == [HEADER, *ROWS]  # wrapped 评价标准 lines joined into their cells
    assert [type(b).__name__ for b in document.blocks].count("Table") == 1
    assert document.blocks.index(table) == 3  # after the title, the prose and the caption
    assert any(p.text.startswith("二、主要绩效") for p in document.paragraphs)
    assert _scores(document) == EXPECTED_SCORES


def test_aligned_text_without_header_words_stays_prose():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont(FONT, 10.5)
    contacts = [
        ("联系人", "电话号码", "办公地址"),
        ("张三", "12345678", "市政大楼"),
        ("李四", "87654321", "城建大楼"),
    ]
    for k, row in enumerate(contacts):  # three aligned columns, but no table header vocabulary
        for x, text in zip((60, 200, 340), row, strict=True):
            pdf.drawString(x, 760 - 18 * k, text)
    pdf.drawString(60, 680, "权重 得分 评价标准")  # header words, then prose across the columns
    pdf.drawString(60, 662, PROSE[:40])
    pdf.drawString(60, 644, PROSE[:40])
    pdf.showPage()
    pdf.save()
    document = load_document(buffer.getvalue())
    assert document.tables == []
    assert "张三12345678市政大楼" in [p.text for p in document.paragraphs]


# ---------- ruled tables drawn by hand: a cell of None is covered by the merged cell above it

XS = [60, 120, 220, 270, 470, 520]  # 一级指标 | 三级指标 | 分值 | 评价标准 | 得分
LINE = 14


def _draw_table(pdf: canvas.Canvas, rows: list[list[list[str] | None]], top: float) -> float:
    """Draw `rows` (cells as their lines) ruled from `top` down; the bottom y."""
    heights = [6 + LINE * max(len(cell or [""]) for cell in row) for row in rows]
    ys = [top]
    for height in heights:
        ys.append(ys[-1] - height)
    pdf.setFont(FONT, 9)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            pdf.line(XS[c], ys[r], XS[c + 1], ys[r])  # the rule above the cell
            for k, text in enumerate(cell):
                pdf.drawString(XS[c] + 3, ys[r] - LINE * (k + 1) + 2, text)
    pdf.line(XS[0], ys[-1], XS[-1], ys[-1])
    for x in XS:
        pdf.line(x, ys[0], x, ys[-1])
    return ys[-1]


RULED_HEADER = [["一级指标"], ["三级指标"], ["分值"], ["评价标准"], ["得分"]]


# ---------- 2. sideways pages


def _sideways_report(turn: str) -> bytes:
    """Page 1 upright prose; page 2 a landscape page with a caption and a ruled table, stored as
    `turn`: 'rotate' (portrait /Rotate 90, drawn turned: shown upright), 'drawn' (no /Rotate, drawn
    turned: the reader turns the paper), 'rotate-upright' (/Rotate 90 over upright text: shown on
    its side)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(TITLE)
    pdf.setFont(FONT, 12)
    pdf.drawString(60, 780, TITLE)
    pdf.drawString(60, 760, "一、项目基本情况")
    pdf.showPage()
    width, _ = A4
    if turn == "rotate":
        pdf.setPageSize(landscape(A4))
        pdf.setPageRotation(90)  # reportlab stores the portrait MediaBox for a landscape size + 90
        pdf.translate(width, 0)
        pdf.rotate(90)
    elif turn == "drawn":
        pdf.translate(width, 0)
        pdf.rotate(90)
    else:
        pdf.setPageRotation(90)
    pdf.setFont(FONT, 12)
    pdf.drawString(60, 540, "附表：绩效评价指标评分表")
    rows = [
        RULED_HEADER,
        [["决策"], ["立项依据充分性"], ["10"], ["依据充分的得满分，否则", "酌情扣分。"], ["9"]],
        [["产出"], ["道路养护完成率"], ["30"], ["完成计划得满分。"], ["30"]],
        [["合计"], [""], ["40"], [""], ["39"]],
    ]
    _draw_table(pdf, rows, top=520)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.mark.parametrize("turn", ["rotate", "drawn", "rotate-upright"])
def test_sideways_page_reads_upright(turn):
    document = load_document(_sideways_report(turn))
    assert [p.text for p in document.paragraphs] == [TITLE, "一、项目基本情况", "附表：绩效评价指标评分表"]
    assert document.pages[1].width > document.pages[1].height  # shown as the landscape page it is
    table = document.tables[0]
    assert table.page == 2
    assert table.grid() == [
        ["一级指标", "三级指标", "分值", "评价标准", "得分"],
        ["决策", "立项依据充分性", "10", "依据充分的得满分，否则酌情扣分。", "9"],
        ["产出", "道路养护完成率", "30", "完成计划得满分。", "30"],
        ["合计", "", "40", "", "39"],
    ]
    facts = extract_facts(document).projects[0]
    assert [(i.level3, i.score.value) for i in facts.indicators] == [
        ("立项依据充分性", Decimal("9")),
        ("道路养护完成率", Decimal("30")),
    ]
    assert facts.total_score.value == Decimal("39")


# ---------- 3. a row cut by a page break


def _cut_row_report() -> bytes:
    """The 产出 row's 评价标准 runs on over the page break; on page 2 the header repeats, then the
    rest of that row (its 一级指标 cell still merged with the next row's), then the other rows."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(TITLE)
    pdf.setFont(FONT, 12)
    pdf.drawString(60, 780, TITLE)
    first = [
        RULED_HEADER,
        [["决策"], ["立项依据充分性"], ["10"], ["依据充分得满分。"], ["10"]],
        [["产出"], ["道路养护完成率"], ["30"], ["完成年度计划的得满分，", "未完成的按完成比例"], ["27"]],
    ]
    _draw_table(pdf, first, top=200)
    pdf.showPage()
    second = [
        RULED_HEADER,
        [[""], [""], [""], ["计算得分，最低为0分。"], [""]],
        [None, ["质量达标率"], ["20"], ["达标的得满分。"], ["20"]],
        [["合计"], [""], ["60"], [""], ["57"]],
    ]
    _draw_table(pdf, second, top=800)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_row_cut_by_page_break_is_joined():
    document = load_document(_cut_row_report())
    assert len(document.tables) == 1
    table = document.tables[0]
    assert table.pages == [1, 2]
    assert table.grid() == [
        ["一级指标", "三级指标", "分值", "评价标准", "得分"],
        ["决策", "立项依据充分性", "10", "依据充分得满分。", "10"],
        [
            "产出",
            "道路养护完成率",
            "30",
            "完成年度计划的得满分，未完成的按完成比例计算得分，最低为0分。",
            "27",
        ],
        ["", "质量达标率", "20", "达标的得满分。", "20"],
        ["合计", "", "60", "", "57"],
    ]
    assert [table.row_page(r) for r in range(5)] == [1, 1, 1, 2, 2]
    facts = extract_facts(document).projects[0]
    assert [(i.level1, i.level3, i.weight.value, i.score.value) for i in facts.indicators] == [
        ("决策", "立项依据充分性", Decimal("10"), Decimal("10")),
        ("产出", "道路养护完成率", Decimal("30"), Decimal("27")),
        ("产出", "质量达标率", Decimal("20"), Decimal("20")),
    ]
    assert facts.total_score.value == Decimal("57")
