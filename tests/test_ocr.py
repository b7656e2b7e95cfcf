"""OCR loader for image-only PDFs: ruled-table geometry on drawn pictures, a synthetic tilted
scan read back, and the seed report's scan against the seed's own figures."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from extractors.document import Document
from extractors.load.geometry import find_grids, find_rules
from extractors.load.ocr import (
    _doubtful_figures,
    _input_levels,
    _LeanDetector,
    _tensor,
    load_scanned_pdf,
    ocr_available,
)

SEED = Path(__file__).resolve().parent.parent / "corpus" / "seed"
needs_ocr = pytest.mark.skipif(
    not ocr_available(), reason="OCR extra not installed: pip install 'jixiao[ocr]' (rapidocr-onnxruntime)"
)


def _ruled_picture() -> np.ndarray:
    """A 3-column table drawn as ink: column 0 merged over rows 1-2, last row merged over columns 0-1."""
    ink = np.zeros((400, 600), dtype=bool)
    xs, ys = [50, 200, 400, 550], [40, 120, 200, 280, 360]
    for y in ys:
        ink[y : y + 2, xs[0] : xs[-1] + 2] = True
    for x in xs:
        ink[ys[0] : ys[-1] + 2, x : x + 2] = True
    ink[200:202, xs[0] : xs[1]] = False  # no rule between rows 1 and 2 in column 0
    ink[280:362, xs[1] : xs[1] + 2] = False  # no rule between columns 0 and 1 in the last row
    ink[60:63, 230:262] = True  # a pen stroke inside a cell is not a rule
    return ink


def test_grid_from_rules_has_merged_cells_as_spans() -> None:
    horizontal, vertical = find_rules(_ruled_picture(), min_length=30, max_thickness=6)
    (grid,) = find_grids(horizontal, vertical, tol=5)
    assert (grid.n_rows, grid.n_cols) == (4, 3)
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in grid.cells}
    assert spans[(1, 0)] == (2, 1)
    assert spans[(3, 0)] == (1, 2)
    assert len(grid.cells) == 12 - 1 - 1
    lower_half = grid.cell_at(100, 250)
    assert lower_half is not None and lower_half.row == 1  # the merged cell holds its lower half too
    assert grid.cell_at(10, 10) is None


def test_text_strokes_alone_make_no_table() -> None:
    ink = np.zeros((300, 300), dtype=bool)
    ink[50:52, 20:60] = ink[100:102, 20:60] = True  # 口-like strokes, each meeting at most one other
    ink[50:102, 20:22] = True
    assert find_grids(*find_rules(ink, min_length=30, max_thickness=6), tol=5) == []


def test_doubtful_figures_come_from_character_scores() -> None:
    text = "支出267.90万元，执行率100%"
    sure = [0.99] * len(text)
    unsure_nine = [0.5 if k == text.index("9") else 0.99 for k in range(len(text))]
    assert _doubtful_figures(text, 0.98, list(text), sure) == 0
    assert _doubtful_figures(text, 0.98, list(text), unsure_nine) == 1
    assert _doubtful_figures(text, 0.5, [], []) == 2  # no per-character scores: the line's score stands in


class _EchoDetector:
    """Stands in for RapidOCR's detector: its "probability map" is its input's first channel, and
    it records the shape of every input."""

    postprocess_op = None

    def __init__(self) -> None:
        self.shapes: list[tuple[int, ...]] = []

    def infer(self, tensor: np.ndarray) -> list[np.ndarray]:
        self.shapes.append(tensor.shape)
        return [tensor[:, :1].copy()]


@pytest.mark.parametrize("rows", [1760, 2496, 1024, 640, 96])
def test_detection_windows_cover_the_page_once_in_one_shape(rows: int) -> None:
    """The map put together from the windows is the page's, row for row (an A4 page at 150 dpi is
    1760 rows), and every window has the same shape (so onnxruntime plans its memory once)."""
    pixels = np.random.default_rng(rows).integers(0, 256, (rows, 64, 3), dtype=np.uint8)
    levels = np.tile(np.arange(256, dtype=np.float32), (3, 1))
    echo = _EchoDetector()
    stitched = _LeanDetector(echo)._infer(pixels, levels)
    assert np.array_equal(stitched[0, 0], pixels[:, :, 0].astype(np.float32))
    assert len(set(echo.shapes)) == 1
    assert len(echo.shapes) == {1760: 4, 2496: 5, 1024: 2, 640: 1, 96: 1}[rows]  # 576 rows a window at most


@needs_ocr
def test_the_detector_input_is_rapidocr_s_own_bit_for_bit() -> None:
    from extractors.load.ocr import ocr_engine

    prepare = ocr_engine().text_det.detector.get_preprocess(320)
    pixels = np.random.default_rng(0).integers(0, 256, (96, 320, 3), dtype=np.uint8)
    theirs = prepare.permute(prepare.normalize(pixels))[np.newaxis].astype(np.float32)  # past the resize
    assert np.array_equal(_tensor(pixels, _input_levels(prepare)), theirs)


def _synthetic_scan() -> bytes:
    """A reportlab page with CJK text and a ruled table, rendered to grey pixels, tilted 1 degree
    and wrapped as an image-only PDF, as a scanner would deliver it."""
    import pypdfium2 as pdfium
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle(
        "body", fontName="STSong-Light", fontSize=14, leading=26, wordWrap="CJK", alignment=4
    )
    heading = ParagraphStyle("heading", parent=body, alignment=0, firstLineIndent=28)
    text = (
        "本项目年初预算批复300万元，年度总指标为267.90万元，资金到位率为89.30%，全年实际支出"
        "267.90万元，预算执行率为100.00%，各项工作均按计划完成，评价总得分为95.50分，等级为优。"
    )
    table = Table(
        [["一级", "三级指标", "权重", "得分"], ["过程", "资金到位率", "5.00", "4.50"],
         ["", "预算执行率", "5.00", "5.00"], ["合计", "", "10.00", "9.50"]],
        colWidths=[70, 150, 80, 80], rowHeights=34,
    )  # fmt: skip
    table.setStyle(
        TableStyle(
            [("FONT", (0, 0), (-1, -1), "STSong-Light", 13), ("GRID", (0, 0), (-1, -1), 0.8, "black"),
             ("SPAN", (0, 1), (0, 2)), ("SPAN", (0, 3), (1, 3)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        )
    )  # fmt: skip

    def footer(canvas, _doc) -> None:
        canvas.setFont("STSong-Light", 12)
        canvas.drawCentredString(A4[0] / 2, 40, "- 1 -")

    pdf = io.BytesIO()
    story = [Paragraph("一、项目概况", heading), Paragraph(text, ParagraphStyle("p", parent=body, firstLineIndent=28)),
             Spacer(1, 20), table]  # fmt: skip
    SimpleDocTemplate(pdf, pagesize=A4).build(story, onFirstPage=footer)
    page = pdfium.PdfDocument(pdf.getvalue())[0]
    grey = page.render(scale=150 / 72, grayscale=True).to_pil().convert("L")
    if np.count_nonzero(np.asarray(grey) < 128) < 5000:
        pytest.skip("no CJK system font for pdfium to draw STSong-Light (apt: fonts-wqy-microhei)")
    tilted = grey.rotate(-1.0, resample=Image.Resampling.BILINEAR, fillcolor=255)
    scan = io.BytesIO()
    tilted.save(scan, format="PDF", resolution=150)
    return scan.getvalue()


@needs_ocr
def test_tilted_synthetic_scan_reads_back() -> None:
    document = load_scanned_pdf(_synthetic_scan())
    assert document.source_format == "pdf"
    (page,) = document.pages
    assert page.number == 1 and abs((page.width or 0) - 595) < 2 and abs((page.height or 0) - 842) < 2
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "一、项目概况"
    (body,) = [t for t in texts if "89.30%" in t]  # the wrapped lines are one paragraph
    for figure in ("300万元", "年度总指标为267.90万元", "资金到位率为89.30%", "100.00%", "95.50分"):
        assert figure in body
    assert " " not in body
    assert not any(re.fullmatch(r"-?\s*1\s*-?", t) for t in texts)  # the page-number footer is dropped
    (table,) = document.tables
    assert (table.n_rows, table.n_cols) == (4, 4)
    assert table.grid() == [
        ["一级", "三级指标", "权重", "得分"],
        ["过程", "资金到位率", "5.00", "4.50"],
        ["过程", "预算执行率", "5.00", "5.00"],
        ["合计", "合计", "10.00", "9.50"],
    ]
    assert all(re.fullmatch(r"OCR: \d+ low-confidence figures on pages 1", w) for w in document.warnings)
    merged = table.cell_at(2, 0)
    assert merged is not None and (merged.row, merged.rowspan, merged.page) == (1, 2, 1)


@pytest.fixture(scope="module")
def seed_scan() -> Document:
    return load_scanned_pdf((SEED / "seed-scanned.pdf").read_bytes())


@needs_ocr
def test_seed_scan_page_with_the_budget_sentence() -> None:
    document = load_scanned_pdf((SEED / "seed-scanned.pdf").read_bytes(), pages=[9])
    assert [p.number for p in document.pages] == [9]
    (sentence,) = [p.text for p in document.paragraphs if "89.30%" in p.text]
    assert "年度总指标为267.90万元，资金到位率为89.30%" in sentence
    assert "年初预算批复300万元" in sentence
    assert {p.page for p in document.paragraphs} == {9}
    assert "- 9 -" not in document.text()


@needs_ocr
@pytest.mark.slow
def test_seed_scan_paragraphs(seed_scan: Document) -> None:
    assert len(seed_scan.pages) == 15
    texts = [p.text for p in seed_scan.paragraphs]
    assert texts[:4] == [
        "区政务服务数据管理局“人工智能应用创新服务中心日常运营”重点项目支出绩效评价报告",
        "一、基本情况",
        "（一）项目概况",
        "1.项目背景",
    ]
    assert not any(re.fullmatch(r"-\s*\d+\s*-", t) for t in texts)  # page-number footers dropped
    # a paragraph running over the page break from p.2 to p.3 is one paragraph of p.2
    (running_on,) = [p for p in seed_scan.paragraphs if p.text.startswith("（3）项目管理")]
    assert running_on.page == 2 and "评测数据集的采集和标注工作，9月24日" in running_on.text


@needs_ocr
@pytest.mark.slow
def test_seed_scan_annex_table_is_one_stitched_table(seed_scan: Document) -> None:
    gold = json.loads((Path(__file__).resolve().parent / "gold" / "seed.json").read_text(encoding="utf-8"))
    (table,) = seed_scan.tables
    assert table.pages == [12, 13, 14, 15]
    grid = table.grid()
    assert grid[0][:3] == ["一级指标", "二级指标", "三级指标"]
    indicators, total = grid[1:-1], grid[-1]
    assert len(indicators) == len(gold["indicators"]) == 17
    # weights and scores as seed.pdf writes them
    assert [row[3] for row in indicators] == ["5.00"] * 15 + ["15.00", "10.00"]
    assert [row[6] for row in indicators] == ["5.00"] * 11 + ["5", "4.96", "5.00", "0.54", "15.00", "10.00"]
    for row, expected in zip(indicators, gold["indicators"], strict=True):
        assert row[:3] == [expected["level1"], expected["level2"], expected["level3"]]
        assert Decimal(str(row[6])) == Decimal(str(expected["score"]))
    assert total[0] == "总得分情况" and total[6] == "95.50"
    decision = table.cell_at(1, 0)
    assert decision is not None and decision.rowspan == 6  # 决策 runs over the page break as one cell
    assert "评价要点：\n①项目立项是否符合" in str(grid[1][5])
    assert grid[7][5] == "评价要点：\n1 资金到位率=（实际到位资金/预算资金）×100%。"
    assert {table.row_page(r) for r in range(1, 18)} == {12, 13, 14, 15}
