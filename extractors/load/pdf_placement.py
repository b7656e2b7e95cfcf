"""Where a point of a PDF page lands on the page as shown: pdfplumber's coordinates (origin top-left,
y down, /Rotate applied), shared by the pdfium survey's characters and its ruling lines."""

from __future__ import annotations

import pypdfium2 as pdfium


class Placement:
    """Unrotated PDF user space -> the page as shown."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        left, bottom, right, top = page.get_mediabox()
        self.left, self.bottom = left, bottom
        self.width, self.height = right - left, top - bottom
        self.rotation = page.get_rotation() % 360

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.left, y - self.bottom
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.width - x, y
        if self.rotation == 270:
            return self.height - y, self.width - x
        return x, self.height - y
