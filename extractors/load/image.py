"""Photos and scans of forms (JPEG, PNG, TIFF with all its pages) through the OCR path scanned PDFs
take, table geometry included. Pillow opens them; the EXIF orientation a phone records is applied
first, and each picture is brought to the resolution the OCR thresholds are set for."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator

import numpy as np
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from extractors.document import Document, LoadError
from extractors.load.ocr import ocr_available, read_pictures
from extractors.load.pdf import NO_TEXT_LAYER
from extractors.load.settings import OCR_SETTINGS

# Pillow warns above this many pixels (89 Mpx) and refuses twice as many; a picture between the
# two decodes to hundreds of MB before it is scaled down (an A4 scan at 600 dpi is 35 Mpx)
MAX_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485
A4_LONG_SIDE_INCHES = 297 / 25.4  # a picture without a resolution is taken to be a page of A4
_RESCALE_BEYOND = 0.1  # leave pictures within 10 % of the target resolution as they are


def load_image(data: bytes, source_format: str, ocr: bool = True) -> Document:
    """The image's pages read by OCR; LoadError `no text layer; install jixiao[ocr]` without it."""
    try:
        with warnings.catch_warnings():  # the size is checked below, before any pixel is decoded
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        n_frames = getattr(image, "n_frames", 1)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise LoadError(f"corrupt {source_format.upper()} image: {' '.join(str(exc).split())[:200]}") from exc
    with image:
        _check_size(image)
        if not (ocr and ocr_available()):
            raise LoadError(NO_TEXT_LAYER, n_pages=n_frames)
        try:
            return read_pictures(_pages(image), source_format, f"{source_format.upper()} image")
        except (OSError, Image.DecompressionBombError) as exc:  # a frame that does not decode
            raise LoadError(
                f"corrupt {source_format.upper()} image: {' '.join(str(exc).split())[:200]}"
            ) from exc


def _check_size(image: Image.Image) -> None:
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise LoadError(f"refused {image.format or 'an'} image: {width} x {height} px > {MAX_PIXELS} pixels")


def _pages(image: Image.Image) -> Iterator[tuple[int, np.ndarray]]:
    for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
        _check_size(frame)  # a TIFF's later pages declare sizes of their own
        upright = ImageOps.exif_transpose(frame) or frame
        yield number, np.asarray(_at_render_resolution(upright.convert("L"), frame.info.get("dpi")))


def _at_render_resolution(grey: Image.Image, dpi: tuple[float, float] | None) -> Image.Image:
    if dpi and dpi[0] > 1:
        factor = OCR_SETTINGS.render_dpi / float(dpi[0])
    else:
        factor = OCR_SETTINGS.render_dpi * A4_LONG_SIDE_INCHES / max(grey.size)
    if abs(factor - 1) <= _RESCALE_BEYOND:
        return grey
    size = (round(grey.width * factor), round(grey.height * factor))
    return grey.resize(size, Image.Resampling.LANCZOS)
