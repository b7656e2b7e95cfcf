import io
import os
import zipfile
from pathlib import Path

import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from extractors.document import Document, LoadError, Table
from extractors.load import load_document, sniff_format
from extractors.load.ocr import ocr_available

SEED = Path(__file__).resolve().parent.parent / "corpus" / "seed"
BODY_SENTENCE = "年度总指标为267.90万元，资金到位率为89.30%"
HEADER = [
    "一级指标",
    "二级指标",
    "三级指标",
    "权重",
    "指标解释",
    "评价标准",
    "得分情况",
    "扣分情况及整改情况说明",
]

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


@pytest.fixture(scope="module")
def seed_documents() -> dict[str, Document]:
    names = ["seed.pdf", "seed.docx", "seed.html", "seed.txt", "seed-gbk.txt"]
    return {name: load_document((SEED / name).read_bytes()) for name in names}


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("seed.pdf", "pdf"), ("seed.docx", "docx"), ("seed.html", "html"), ("seed.txt", "txt"), ("seed-gbk.txt", "txt"),
     ("seed-scanned.pdf", "pdf")],
)  # fmt: skip
def test_sniff_seed_renditions(name, fmt):
    assert sniff_format((SEED / name).read_bytes()) == fmt


def test_seed_formats_and_pages(seed_documents):
    assert {name: doc.source_format for name, doc in seed_documents.items()} == {
        "seed.pdf": "pdf", "seed.docx": "docx", "seed.html": "html", "seed.txt": "txt", "seed-gbk.txt": "txt",
    }  # fmt: skip
    assert seed_documents["seed.pdf"].n_pages == 15
    assert len(seed_documents["seed.txt"].pages) == 15  # pages split on runs of blank lines
    assert seed_documents["seed.pdf"].warnings == []


@pytest.mark.parametrize("name", ["seed.pdf", "seed.docx", "seed.html", "seed.txt", "seed-gbk.txt"])
def test_body_paragraph_comes_out_whole(seed_documents, name):
    paragraphs = [p for p in seed_documents[name].paragraphs if BODY_SENTENCE in p.text]
    assert len(paragraphs) == 1
    # the paragraph was cut by a page break in the PDF and in the text export
    assert paragraphs[0].text.endswith("年末实际支出金额267.90万元，预算执行率100.00%。")
    assert "在遵循“有预算不超支、无预算不开支”的原则下" in paragraphs[0].text


def test_gbk_text_decodes_like_utf8(seed_documents):
    assert seed_documents["seed-gbk.txt"].text() == seed_documents["seed.txt"].text()


def test_text_keeps_flattened_cells_apart(seed_documents):
    texts = [p.text for p in seed_documents["seed.txt"].paragraphs]
    assert "①项目立项是否符合国家法律法规、国民经济发展规划和相关政策；（1分）" in texts
    assert texts.count("5.00") >= 10
    assert all(
        p.page == 12
        for p in seed_documents["seed.txt"].paragraphs
        if p.text == "项目支出绩效评价指标体系框架"
    )


@pytest.mark.parametrize("name", ["seed.pdf", "seed.docx", "seed.html"])
def test_annex_is_one_table_with_spans(seed_documents, name):
    tables = seed_documents[name].tables
    assert len(tables) == 1
    table = tables[0]
    grid = table.grid()
    assert (table.n_rows, table.n_cols) == (19, 8)  # header + 17 indicators + total
    assert grid[0] == HEADER
    assert [row[2] for row in grid[1:18]][:3] == ["立项依据充分性", "立项程序规范性", "绩效目标合理性"]
    assert grid[17][2:4] == ["满意度", "10.00"]
    total = table.cell_at(18, 0)
    assert (total.text, total.colspan) == ("总得分情况", 6)
    assert grid[18][6] == "95.50"
    assert table.cell_at(1, 1).text == "项目立项" and table.cell_at(1, 1).rowspan == 2
    assert table.cell_at(1, 5).text.split("\n")[:3] == [
        "评价要点：",
        "①项目立项是否符合国家法律法规、国民经济发展规划和相关政策；（1分）",
        "②项目立项是否符合行业发展规划和政策要求；（1分）",
    ]
    assert table.cell_at(7, 5).text == "评价要点：\n1 资金到位率=（实际到位资金/预算资金）×100%。"


def test_pdf_table_stitched_over_four_pages(seed_documents):
    table = seed_documents["seed.pdf"].tables[0]
    assert table.pages == [12, 13, 14, 15]
    # 决策, merged over its rows on page 12, goes on over the break (a blank cell at the top of page 13
    # under it): one merged cell, as the OCR reading of the same pages has it
    assert table.cell_at(1, 0).rowspan == 6 and table.cell_at(5, 0) is table.cell_at(1, 0)
    assert table.row_page(5) == 13 and table.row_page(18) == 15
    assert table.cell_at(16, 3).text == "15.00"  # "15.0\n0" wrapped in a narrow column


def test_docx_and_html_headings(seed_documents):
    for name in ("seed.docx", "seed.html"):
        paragraphs = seed_documents[name].paragraphs
        assert paragraphs[0].is_title
        levels = {p.text: p.heading_level for p in paragraphs}
        assert levels["一、基本情况"] == 1 and levels["（一）项目概况"] == 2 and levels["1.项目背景"] == 3
    assert seed_documents["seed.html"].title.startswith("区政务服务数据管理局")


def test_scanned_pdf_has_no_text_layer():
    with pytest.raises(LoadError, match=r"^no text layer; install jixiao\[ocr\]$"):
        load_document((SEED / "seed-scanned.pdf").read_bytes(), ocr=False)


def _zip_without_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"  \n ", "empty file"),
        (os.urandom(4096), "not a supported format (binary)"),
        ((SEED / "seed.pdf").read_bytes()[:6000], "corrupt PDF"),
        (_zip_without_word(), "not a supported format (zip archive)"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "corrupt PNG image"),
        (b"GIF89a" + bytes(range(256)), "not a supported format (GIF image)"),
        (b"junk\n%PDF-1.7\n%%EOF", "corrupt PDF"),
    ],
)
def test_bad_inputs_raise_one_line_load_error(data, message):
    with pytest.raises(LoadError) as caught:
        load_document(data)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


# ---------- small PDFs drawn with reportlab: line joining, page breaks, a table over two pages

FONT, SIZE, LEFT, WIDTH = "STSong-Light", 12, 72, 240  # 20 CJK characters a line


def _write_lines(pdf: canvas.Canvas, lines: list[tuple[str, float]], top: float = 760) -> None:
    y = top
    for text, indent in lines:
        pdf.setFont(FONT, SIZE)
        pdf.drawString(LEFT + indent, y, text)
        y -= 24


def _flowing_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(400, 842))
    full = "甲" * 20
    page_one = [
        ("一、基本情况", 0),
        ("乙" * 18, 24),  # first-line indent of two characters
        (full, 0),
        ("丙丙丙。", 0),  # short: the paragraph ends
        ("丁" * 18, 24),
        (full, 0),
        (full, 0),  # runs to the margin at the page foot: continues on page 2
    ] + [(full, 0)] * 3
    _write_lines(pdf, page_one)
    pdf.setFont(FONT, SIZE)
    pdf.drawCentredString(200, 40, "- 1 -")
    pdf.showPage()
    _write_lines(pdf, [("戊戊戊续完。", 0), ("（1）己" + "己" * 16, 24), ("庚庚。", 0), ("2", 0)])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_pdf_lines_join_into_paragraphs_across_pages():
    doc = load_document(_flowing_pdf())
    assert doc.n_pages == 2
    texts = [p.text for p in doc.paragraphs]
    assert texts[:2] == ["一、基本情况", "乙" * 18 + "甲" * 20 + "丙丙丙。"]
    continued = "丁" * 18 + "甲" * 100 + "戊戊戊续完。"
    assert texts[2] == continued
    assert doc.paragraphs[2].page == 1
    assert texts[3] == "（1）" + "己" * 17 + "庚庚。"
    assert "- 1 -" not in texts and "2" not in texts  # page numbers dropped


def _draw_grid(pdf: canvas.Canvas, rows: list[list[str]], top: float, merged_first_col: int = 0) -> None:
    """A ruled 3-column table; the first column's first `merged_first_col` body rows are one cell."""
    xs, height = [60, 160, 260, 360], 30
    bottom = top - height * len(rows)
    pdf.setFont(FONT, 10)
    for i in range(len(rows) + 1):
        y = top - i * height
        inside_merge = 1 < i < 1 + merged_first_col
        pdf.line(xs[1] if inside_merge else xs[0], y, xs[-1], y)
    for x in xs:
        pdf.line(x, top, x, bottom)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                pdf.drawString(xs[c] + 4, top - r * height - 20, text)


def _two_page_table_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(420, 595))
    header = ["一级指标", "三级指标", "得分"]
    pdf.setFont(FONT, 12)
    pdf.drawString(60, 560, "附件：评分表")
    _draw_grid(
        pdf, [header, ["决策", "立项依据", "5.00"], ["", "立项程序", "4.50"]], top=540, merged_first_col=2
    )
    pdf.showPage()
    _draw_grid(pdf, [header, ["过程", "资金到位率", "5.00"], ["合计", "", "14.50"]], top=560)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_pdf_table_over_two_pages_is_stitched():
    doc = load_document(_two_page_table_pdf())
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table"]
    table: Table = doc.tables[0]
    assert table.pages == [1, 2]
    assert table.grid() == [
        ["一级指标", "三级指标", "得分"],
        ["决策", "立项依据", "5.00"],
        ["决策", "立项程序", "4.50"],
        ["过程", "资金到位率", "5.00"],
        ["合计", "", "14.50"],
    ]
    assert table.cell_at(2, 0).rowspan == 2
    assert [table.row_page(r) for r in range(5)] == [1, 1, 1, 2, 2]


def test_pdf_pages_without_text_are_warned():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    _write_lines(pdf, [("有文字的一页。", 0)])
    pdf.showPage()
    pdf.rect(100, 100, 200, 200, fill=1)  # a page that is only a picture
    pdf.showPage()
    pdf.save()
    doc = load_document(buffer.getvalue(), ocr=False)
    assert doc.warnings == ["page 2 has no text layer; install jixiao[ocr]"]
    assert [p.has_text for p in doc.pages] == [True, False]


@pytest.mark.skipif(not ocr_available(), reason="needs the OCR extra: pip install 'jixiao[ocr]'")
def test_pdf_image_only_pages_are_read_by_ocr_in_page_order():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    _write_lines(pdf, [("有文字的一页。", 0)])
    pdf.showPage()
    pdf.rect(100, 100, 200, 200, fill=1)  # a page that is only a picture: OCR finds nothing on it
    pdf.showPage()
    pdf.save()
    doc = load_document(buffer.getvalue())
    assert "install jixiao[ocr]" not in " ".join(doc.warnings)
    assert [p.text for p in doc.paragraphs] == ["有文字的一页。"]


def test_encrypted_pdf_needs_password():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    _write_lines(pdf, [("保密。", 0)])
    pdf.showPage()
    pdf.save()
    with pytest.raises(LoadError, match=r"^encrypted PDF \(password required\)$"):
        load_document(buffer.getvalue())


def test_text_form_feeds_split_pages():
    doc = load_document("第一页内容。\n\f第二页内容。\n".encode("gb18030"))
    assert [(p.text, p.page) for p in doc.paragraphs] == [("第一页内容。", 1), ("第二页内容。", 2)]


def test_html_meta_charset_and_chrome():
    html = (
        '<html><head><meta charset="gb2312"><title>标题</title><script>var x="脚本";</script></head>'
        '<body><nav>导航</nav><div class="crumb">首页 &gt; 公开</div><h1>报告</h1><h2>一、概况</h2>'
        "<div>第一行<br>第二行</div><table><tr><td rowspan=2>甲</td><td><p>乙</p><p>①丙</p></td></tr>"
        "<tr><td>丁</td></tr></table><footer>版权</footer></body></html>"
    )
    doc = load_document(html.encode("gb18030"))
    assert doc.source_format == "html" and doc.title == "标题"
    assert [(p.text, p.heading_level, p.is_title) for p in doc.paragraphs] == [
        ("报告", None, True),
        ("一、概况", 1, False),
        ("第一行\n第二行", None, False),
    ]
    assert doc.tables[0].grid() == [["甲", "乙\n①丙"], ["甲", "丁"]]
