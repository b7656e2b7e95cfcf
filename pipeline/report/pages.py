"""Page images with the figures of a finding boxed: pdfium renders the page, an SVG laid over it
draws each box in PDF points, so the boxes stay sharp at any zoom.

Pages are rendered from the same upright file the loader read (sideways pages turned), so the
boxes the loader kept fall where they were measured. A source that is missing, or whose bytes no
longer hash to its doc_id, gets no image: boxes on a different file would point at wrong figures.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from extractors.load.pdf_survey import survey

RENDER_SCALE = 1.5  # pixels per point: 108 dpi, legible figures at a modest file size


@dataclass(frozen=True)
class PageImage:
    href: str  # relative to the report's pages folder's parent
    width_pt: float
    height_pt: float


class PageRenderer:
    """Renders the pages of one source PDF on demand, each page once, as PNG files under `folder`."""

    def __init__(self, source: Path, doc_id: str, folder: Path, prefix: str) -> None:
        self.folder = folder
        self.prefix = prefix
        self._pdf: pdfium.PdfDocument | None = None
        self._done: dict[int, PageImage] = {}
        self.problem: str | None = None
        try:
            data = source.read_bytes()
        except OSError as exc:
            self.problem = f"source file not found ({exc.strerror})"
            return
        if hashlib.sha256(data).hexdigest() != doc_id:
            self.problem = "source file has changed since it was ingested"
            return
        self._pdf = pdfium.PdfDocument(survey(data).upright)

    def page(self, number: int) -> PageImage | None:
        if self._pdf is None or not 1 <= number <= len(self._pdf):
            return None
        if number not in self._done:
            page = self._pdf[number - 1]
            bitmap = page.render(scale=RENDER_SCALE)
            image = bitmap.to_pil()
            name = f"{self.prefix}-p{number}.png"
            self.folder.mkdir(parents=True, exist_ok=True)
            image.save(self.folder / name, optimize=True)
            self._done[number] = PageImage(
                f"{self.folder.name}/{name}", image.width / RENDER_SCALE, image.height / RENDER_SCALE
            )
            page.close()
        return self._done[number]

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None
