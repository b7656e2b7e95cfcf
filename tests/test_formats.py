"""Workbooks, Word 97, encrypted Office files and pictures of forms: real files written with openpyxl,
xlwt, LibreOffice, msoffcrypto and Pillow, read back through load_document and the whole pipeline."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import numpy as np
import openpyxl
import pytest
import xlwt
from msoffcrypto.format.ooxml import OOXMLFile
from PIL import Image

from extractors.document import LoadError, Paragraph
from extractors.load import load_document, sniff_format
from extractors.load.image import _pages
from extractors.load.legacy import NO_LIBREOFFICE, convert_with_libreoffice
from extractors.load.numfmt import display
from extractors.load.ocr import ocr_available
from pipeline.executors import SerialExecutor
from pipeline.process import process_bytes
from pipeline.run import ingest
from tests.generator.corpus import renditions, write_corpus
from tests.generator.render_docx import render_docx
from tests.test_layouts import scores

SAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "samples"
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) not on PATH"
)
needs_ocr = pytest.mark.skipif(
    not ocr_available(), reason="OCR extra not installed: pip install 'jixiao[ocr]'"
)


# ---------- figures as the number format shows them


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (180, "0.00", "180.00"),
        (0.9811, "0.00%", "98.11%"),
        (1, "0%", "100%"),
        (1234567.891, "#,##0.00", "1,234,567.89"),
        (267.9, "General", "267.9"),
        (0.1 + 0.2, "General", "0.3"),  # a formula's float noise is not a figure the reader saw
        (180, '0.00"万元"', "180.00万元"),
        (-5, "#,##0.00_);(#,##0.00)", "(5.00)"),
        (3.456, "0.0#", "3.46"),
        (3.5, "0.0#", "3.5"),
        (2.5, "0", "3"),  # Excel rounds half away from zero
        (98.5, "[Red]0.0", "98.5"),
        (dt.datetime(2023, 1, 5), 'yyyy"年"m"月"d"日"', "2023年1月5日"),
        (dt.datetime(2023, 1, 5), "yyyy-mm-dd", "2023-01-05"),
        (True, None, "TRUE"),
    ],
)
def test_figures_read_as_their_format_shows_them(value, number_format, shown) -> None:
    assert display(value, number_format) == shown


# ---------- XLSX and XLS read back


def _with_cached_value(data: bytes, formula: str, value: str) -> bytes:
    """The workbook as Excel saves it: the formula's last result stored beside it (openpyxl writes none)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                content = content.replace(
                    f"<f>{formula}</f><v></v>".encode(), f"<f>{formula}</f><v>{value}</v>".encode()
                )
            dst.writestr(info, content)
    return out.getvalue()


def _xlsx_form() -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "自评表"
    ws["A1"] = "项目支出绩效自评表"
    ws.merge_cells("A1:E1")
    ws["A2"] = "（2023年度）"
    rows = [
        ["一级指标", "二级指标", "三级指标", "分值", "得分"],
        ["产出指标", "数量指标", "培训人次", 30, 30],
        [None, None, "覆盖社区", 20, 18.5],
        [None, "质量指标", "合格率", 50, 49],
        ["合计", None, None, None, None],
    ]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value).number_format = "0.00" if c == 5 else "General"
    ws.merge_cells("A4:A6")  # 一级 merged over three rows
    ws.merge_cells("B4:B5")
    ws.merge_cells("A7:C7")
    ws["D7"] = "=SUM(D4:D6)"
    ws["E7"] = "=SUM(E4:E6)"
    ws["E7"].number_format = "0.00"
    ws["A9"] = "执行率"
    ws["B9"] = 0.9811
    ws["B9"].number_format = "0.00%"
    ws["C9"] = dt.datetime(2024, 3, 1)
    ws["C9"].number_format = 'yyyy"年"m"月"d"日"'
    ws["F4"] = "内部备注"  # a hidden column
    ws.column_dimensions["F"].hidden = True
    ws["A10"] = "旧口径 999"  # a hidden row
    ws.row_dimensions[10].hidden = True
    draft = book.create_sheet("草稿")
    draft["A1"] = "勿用"
    draft.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return _with_cached_value(_with_cached_value(out.getvalue(), "SUM(D4:D6)", "100"), "SUM(E4:E6)", "97.5")


def _xls_form() -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("自评表")
    two = xlwt.easyxf(num_format_str="0.00")
    ws.write_merge(0, 0, 0, 4, "项目支出绩效自评表")
    ws.write(1, 0, "（2023年度）")
    for c, text in enumerate(["一级指标", "二级指标", "三级指标", "分值", "得分"]):
        ws.write(2, c, text)
    ws.write_merge(3, 5, 0, 0, "产出指标")
    ws.write_merge(3, 4, 1, 1, "数量指标")
    ws.write(5, 1, "质量指标")
    for r, (name, weight, score) in enumerate(
        [("培训人次", 30, 30), ("覆盖社区", 20, 18.5), ("合格率", 50, 49)], 3
    ):
        ws.write(r, 2, name)
        ws.write(r, 3, weight)
        ws.write(r, 4, score, two)
    ws.write_merge(6, 6, 0, 2, "合计")
    ws.write(6, 3, 100)
    ws.write(6, 4, 97.5, two)
    ws.write(8, 0, "执行率")
    ws.write(8, 1, 0.9811, xlwt.easyxf(num_format_str="0.00%"))
    ws.write(8, 2, dt.datetime(2024, 3, 1), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    ws.write(3, 5, "内部备注")
    ws.col(5).hidden = True
    ws.write(9, 0, "旧口径 999")
    ws.row(9).hidden = True
    draft = book.add_sheet("草稿")
    draft.write(0, 0, "勿用")
    draft.visibility = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("make", "fmt"), [(_xlsx_form, "xlsx"), (_xls_form, "xls")])
def test_workbook_reads_as_a_reader_sees_it(make, fmt) -> None:
    data = make()
    assert sniff_format(data) == fmt
    document = load_document(data)
    assert document.source_format == fmt
    assert [(p.number, p.name) for p in document.pages] == [(1, "自评表")]
    assert document.n_pages == 1
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert texts[:2] == ["项目支出绩效自评表", "（2023年度）"]
    assert texts[2].startswith("执行率 98.11% 2024")  # one line of several cells: a paragraph
    (table,) = document.tables
    assert (table.n_rows, table.n_cols) == (5, 5)  # the hidden column F is not a column
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in table.cells if c.rowspan > 1 or c.colspan > 1}
    assert spans == {(1, 0): (3, 1), (1, 1): (2, 1), (4, 0): (1, 3)}
    grid = table.grid()
    assert [row[0] for row in grid[1:4]] == ["产出指标"] * 3
    assert [row[4] for row in grid[1:]] == ["30.00", "18.50", "49.00", "97.50"]  # decimals from the format
    assert grid[4][3] == "100"  # a formula's cached value
    everything = " ".join(texts) + " ".join(c.text for c in table.cells)
    assert "999" not in everything and "内部备注" not in everything and "勿用" not in everything
    assert any("hidden sheet '草稿'" in note for note in document.notes)
    assert any("1 hidden row and 1 hidden column" in note for note in document.notes)
    assert not document.warnings


def test_hidden_parts_are_noted_but_leave_the_document_ok() -> None:
    row = process_bytes(_xlsx_form(), "form.xlsx").document
    assert (row.source_format, row.status, row.n_pages) == ("xlsx", "ok", 1)
    assert row.error is not None and "hidden sheet '草稿' skipped" in row.error


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_several_forms_in_one_workbook_are_one_project_each(fmt: str) -> None:
    (doc,) = renditions(3, 1, "self_evaluation_tables", (fmt,))
    result = process_bytes(doc.data, doc.name)
    projects = sorted(p.project for p in result.tables["projects"])
    assert projects == sorted(part.project for part in doc.report.parts)
    assert result.document.n_projects == len(doc.report.parts)


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_generated_figures_carry_their_decimals_only_in_the_number_format(fmt: str) -> None:
    (doc,) = renditions(5, 1, "self_evaluation_table", (fmt,))
    if fmt == "xlsx":
        sheet = openpyxl.load_workbook(io.BytesIO(doc.data)).worksheets[0]
        stored = [(c.value, c.number_format) for row in sheet.iter_rows() for c in row]
        assert any(isinstance(v, float) and f == "0.00" for v, f in stored)
        assert not any(isinstance(v, str) and re.fullmatch(r"\d+\.\d+%?", v) for v, _ in stored)
    result = process_bytes(doc.data, doc.name)
    written = [re.fullmatch(r"(\d+\.\d{2})万元", a.as_written) for a in result.tables["amounts"]]
    assert all(written)  # 0 under 0.00 reads 0.00万元, not 0
    wanted = {a.value for a in doc.report.parts[0].amounts}
    assert {Decimal(m.group(1)) for m in written if m} == wanted
    execution = doc.report.parts[0].rates[-1]
    assert (execution.name, execution.stated_pct) in {(r.name, r.stated_pct) for r in result.tables["rates"]}
    merged = [c for c in load_document(doc.data).tables[0].cells if c.rowspan > 1 and c.col in (0, 1)]
    assert {c.text for c in merged} >= {"产出指标", "效益指标"}


@needs_soffice
def test_xls_formula_results_saved_by_libreoffice_are_read() -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["分值", "得分"])
    ws.append([60, 58.5])
    ws.append([40, 39])
    ws.append(["=SUM(A2:A3)", "=SUM(B2:B3)"])
    ws["B4"].number_format = "0.00"
    out = io.BytesIO()
    book.save(out)
    xls = convert_with_libreoffice(
        out.getvalue(), ".xlsx", "xls", timeout=120
    )  # recalculates and saves results
    (table,) = load_document(xls).tables
    assert table.grid()[3] == ["100", "97.50"]


# ---------- legacy and encrypted Office files


def test_encrypted_office_file_says_a_password_is_needed() -> None:
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(_xlsx_form())).encrypt("secret", encrypted)
    assert sniff_format(encrypted.getvalue()) is None
    with pytest.raises(LoadError, match=r"^encrypted Office file \(password required\)$"):
        load_document(encrypted.getvalue())
    row = process_bytes(encrypted.getvalue(), "form.xlsx").document
    assert (row.status, row.error) == ("failed", "encrypted Office file (password required)")


def test_doc_without_libreoffice_fails_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    data = (SAMPLES / "009-self_evaluation_table.doc").read_bytes()
    assert sniff_format(data) == "doc"
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it
    row = process_bytes(data, "form.doc").document
    assert (row.source_format, row.status, row.error) == ("doc", "failed", NO_LIBREOFFICE)


@needs_soffice
def test_libreoffice_is_stopped_at_the_document_timeout() -> None:
    with pytest.raises(LoadError, match=r"^LibreOffice conversion timed out after 0.01 s$"):
        convert_with_libreoffice(
            render_docx(renditions(0, 0, "project_evaluation", ("docx",))[0].report), ".docx", "doc", 0.01
        )


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize(("seed", "layout"), [(11, "self_evaluation_table"), (12, "project_evaluation")])
def test_doc_made_by_libreoffice_scores_as_its_docx(tmp_path: Path, seed: int, layout: str) -> None:
    written = write_corpus(tmp_path / "in", renditions(seed, 0, layout, ("docx", "doc")))
    ingest([str(tmp_path / "in")], tmp_path / "out", executor=SerialExecutor())
    scored = scores(tmp_path / "out", [gold for _, gold in written])
    (docx_hit, docx_total, _), (doc_hit, doc_total, report) = scored.values()
    assert (doc_hit, doc_total) == (docx_hit, docx_total) == (docx_total, docx_total), report


# ---------- pictures of forms


def _page_picture() -> Image.Image:
    picture = Image.new("L", (300, 200), 255)
    picture.paste(0, (10, 10, 60, 30))  # a dark block at the top left
    return picture


def test_exif_rotation_is_applied_before_reading() -> None:
    upright = _page_picture()
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # how the phone stored it
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to view
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", exif=exif.tobytes(), dpi=(150, 150))
    assert sniff_format(buffer.getvalue()) == "jpeg"
    ((number, grey),) = list(_pages(Image.open(buffer)))
    assert number == 1 and grey.shape == (200, 300)
    assert grey[20, 30] < 100 and grey[180, 280] > 200  # the dark block back at the top left


def test_multi_page_tiff_gives_a_page_per_frame() -> None:
    buffer = io.BytesIO()
    first, second = _page_picture(), _page_picture().transpose(Image.Transpose.ROTATE_180)
    first.save(buffer, "TIFF", save_all=True, append_images=[second], dpi=(150, 150))
    assert sniff_format(buffer.getvalue()) == "tiff"
    pages = list(_pages(Image.open(buffer)))
    assert [n for n, _ in pages] == [1, 2]
    assert np.array_equal(pages[1][1], np.asarray(second))
    with pytest.raises(LoadError, match=r"^no text layer; install jixiao\[ocr\]$") as caught:
        load_document(buffer.getvalue(), ocr=False)
    assert caught.value.n_pages == 2


def test_a_picture_without_resolution_is_scaled_to_a_page_at_the_ocr_resolution() -> None:
    photo = Image.new("L", (3000, 4000), 255)
    ((_, grey),) = list(_pages(photo))
    assert grey.shape[0] == 1754  # A4's long side at 150 dpi
    assert abs(grey.shape[1] / grey.shape[0] - 0.75) < 0.001


@needs_ocr
@pytest.mark.slow
def test_png_of_a_generated_form_scores_its_funds_block() -> None:
    (png,) = renditions(21, 1, "self_evaluation_table", ("png",))
    result = process_bytes(png.data, png.name)
    assert result.document.source_format == "png"
    found = {(a.role, a.amount_yuan) for a in result.tables["amounts"]}
    wanted = {(a["role"], Decimal(a["amount_yuan"])) for a in png.gold["amounts"]}
    assert wanted <= found
    rates = {(r.name, r.stated_pct) for r in result.tables["rates"]}
    assert {(r["name"], Decimal(r["stated_pct"])) for r in png.gold["rates"]} <= rates
