"""Bounding boxes kept from the PDF loader to the dataset: each box holds the figure it belongs to."""

from __future__ import annotations

import re

import pdfplumber

from extractors.document import BBox, Paragraph
from extractors.load.glyphs import align_glyphs
from pipeline.process import process_file
from tests.conftest import REPO

SEED_PDF = REPO / "corpus" / "seed" / "seed.pdf"


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def text_in(pdf: pdfplumber.PDF, box: BBox) -> str:
    page = pdf.pages[box.page - 1]
    return page.crop((box.x0 - 0.5, box.top - 0.5, box.x1 + 0.5, box.bottom + 0.5)).extract_text()


def test_alignment_survives_normalisation() -> None:
    drawn = [(ch, 1, 10.0 * k, 0.0, 10.0 * k + 9, 12.0) for k, ch in enumerate("到位 ２６７ .９０万元")]
    glyphs = align_glyphs("到位267.90万元", drawn)
    assert [g.x0 if g else None for g in glyphs] == [0, 10, 30, 40, 50, 70, 80, 90, 100, 110]
    paragraph = Paragraph("到位267.90万元", page=1, glyphs=glyphs)
    (box,) = paragraph.boxes(2, 8)
    assert (box.x0, box.x1) == (30, 99)


def test_every_seed_pdf_figure_is_boxed_where_it_is_printed() -> None:
    result = process_file(SEED_PDF)
    amounts, rates = result.tables["amounts"], result.tables["rates"]
    with pdfplumber.open(SEED_PDF) as pdf:
        for amount in amounts:
            assert amount.boxes and amount.boxes[0].page == amount.page
            boxed = "".join(text_in(pdf, box) for box in amount.boxes)
            assert digits(amount.as_written) in digits(boxed), (amount.as_written, boxed)
        for rate in rates:
            boxed = "".join(text_in(pdf, box) for box in rate.boxes)
            assert digits(f"{rate.stated_pct:.2f}") in digits(boxed), (rate.stated_pct, boxed)
        failing = [
            c for c in result.tables["checks"] if c.status == "fail" and c.check_id != "heading_sequence"
        ]
        assert failing
        for check in failing:
            assert check.boxes, check.check_id
            boxed = " ".join(text_in(pdf, box) for box in check.boxes)
            assert digits(check.actual or "") in digits(boxed), (check.check_id, check.actual, boxed)
