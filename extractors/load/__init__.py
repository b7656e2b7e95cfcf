"""Loaders, one module per format, chosen by the file's bytes (never its suffix)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable

from extractors.document import Document, LoadError
from extractors.load.chrome import drop_page_footer
from extractors.load.docx import load_docx
from extractors.load.html import load_html
from extractors.load.image import load_image
from extractors.load.legacy import CORRUPT_OLE, ENCRYPTED, convert_with_libreoffice, ole_kind
from extractors.load.pdf import load_pdf
from extractors.load.text import decode_text, load_text
from extractors.load.xls import load_xls
from extractors.load.xlsx import load_xlsx

_PDF_MAGIC_WINDOW = 1024  # some producers put junk (a BOM, a mail header) before %PDF-
_HTML_SNIFF_CHARS = 4096
_OOXML_SNIFF_BYTES = 1 << 16
_HTML_START = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<table[\s>]|<p[\s>]|<div[\s>]", re.I
)
_LEADING_MARKUP_NOISE = re.compile(r"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->)*", re.S)
# Images read by OCR, as source_format.
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
# What other files look like, for the "not a supported format" message.
_MAGIC = tuple(
    (re.compile(re.escape(magic)), kind)
    for magic, kind in (
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"BM", "BMP image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office file that is neither Word nor Excel"),
        (b"Rar!", "RAR archive"),
        (b"7z\xbc\xaf\x27\x1c", "7z archive"),
        (b"\x1f\x8b", "gzip archive"),
        (b"%!PS", "PostScript file"),
        (b"PK\x03\x04", "zip archive"),
        (b"PK\x05\x06", "zip archive"),
    )
) + ((re.compile(rb"RIFF....WEBP", re.S), "WebP image"),)
_RTF_MAGIC = b"{\\rtf"
_LOADERS: dict[str, Callable[[bytes], Document]] = {
    "docx": load_docx,
    "xlsx": load_xlsx,
    "xls": load_xls,
    "html": load_html,
    "txt": load_text,
}
# The text one document may hold for the extractors, whose segmentation costs tens of
# microseconds a character: spaCy's own limit for one text, a hundred times the longest report
MAX_TEXT_CHARS = 1_000_000
_CONVERSION_SHARE = 0.9  # of the document's timeout: LibreOffice is stopped before the worker is
_OOXML_PARTS = (("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"))


# Formats jixiao recognises but does not read as a report: structured data that travels beside
# reports (gold files, exports). Such a file gets an `ok` not_report row, not a failure: it has
# text, and nothing in it was lost by not reading it as a report.
DATA_FORMATS = frozenset({"json"})


def sniff_format(data: bytes) -> str | None:
    """pdf, docx, xlsx, doc, rtf, xls, png, jpeg, tiff, html or txt from the bytes, or json for JSON
    data (one of DATA_FORMATS); None when it is none of them (other images, other zips, encrypted
    Office files, binary)."""
    if not data:
        return None
    if b"%PDF-" in data[:_PDF_MAGIC_WINDOW]:
        return "pdf"
    if data.startswith(b"PK"):
        return _ooxml_kind(data)
    image = next((fmt for magic, fmt in _IMAGES if data.startswith(magic)), None)
    if image:
        return image
    ole = ole_kind(data)
    if ole is not None:
        return None if ole in ("encrypted", "damaged") else ole
    if data.startswith(_RTF_MAGIC):
        return "rtf"
    if any(magic.match(data) for magic, _ in _MAGIC):
        return None
    text = decode_text(data)
    if text is None:
        return None
    if is_json(text):
        return "json"
    head = _LEADING_MARKUP_NOISE.sub("", text.lstrip("\ufeff")[:_HTML_SNIFF_CHARS])
    return "html" if head.startswith("<") and _HTML_START.search(head) else "txt"


def is_json(text: str) -> bool:
    """JSON or JSON Lines data (gold files, exports): structured data, not a report's text."""
    stripped = text.strip().lstrip("\ufeff")
    if not stripped.startswith(("{", "[")):
        return False
    try:
        json.loads(stripped)
        return True
    except ValueError:
        pass
    try:
        for line in stripped.splitlines():
            if line.strip():
                json.loads(line)
    except ValueError:
        return False
    return True


def _ooxml_kind(data: bytes) -> str | None:
    """docx or xlsx by the package's main part; None for other zips. A cut-off package (no central
    directory) by the part folders its local headers name (word/, xl/)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        if not data.startswith(b"PK\x03\x04"):
            return None
        head = data[:_OOXML_SNIFF_BYTES]
        return next((fmt for part, fmt in _OOXML_PARTS if part.split("/")[0].encode() + b"/" in head), None)
    return next((fmt for part, fmt in _OOXML_PARTS if part in names), None)


def describe_unsupported(data: bytes) -> str:
    """What bytes that are none of our formats look like: 'PNG image', 'zip archive', 'binary'."""
    return next((kind for magic, kind in _MAGIC if magic.match(data)), "binary")


def load_document(data: bytes, ocr: bool = True, timeout: float | None = None) -> Document:
    """Parse `data` into the normalised Document; LoadError with a one-line reason if unreadable.
    Blocks get ids b0, b1, ... in reading order. `ocr=False` never runs OCR on image-only pages,
    even with the extra installed (they are reported instead). `timeout` is the document's
    (seconds): a conversion by LibreOffice is stopped within it."""
    if not data or not data.strip():
        raise LoadError("empty file")
    fmt = sniff_format(data)
    if fmt is None:
        ole = ole_kind(data)
        if ole is not None:
            raise LoadError(ENCRYPTED if ole == "encrypted" else CORRUPT_OLE)
        raise LoadError(f"not a supported format ({describe_unsupported(data)})")
    if fmt in DATA_FORMATS:
        raise LoadError(NOT_A_REPORT_DATA)
    if fmt == "pdf":
        document = load_pdf(data, ocr=ocr)
    elif fmt in ("png", "jpeg", "tiff"):
        document = load_image(data, fmt, ocr=ocr)
    elif fmt in ("doc", "rtf"):  # RTF: what many sites serve under .doc
        limit = _CONVERSION_SHARE * timeout if timeout else None
        document = load_docx(convert_with_libreoffice(data, f".{fmt}", "docx", limit))
        document.source_format = fmt
    else:
        document = _LOADERS[fmt](data)
    document = drop_page_footer(document)
    for index, block in enumerate(document.blocks):
        block.block_id = f"b{index}"
    if not document.blocks and fmt != "pdf":
        raise LoadError(f"empty file (no text in the {fmt.upper()})")
    characters = _text_length(document)
    if characters > MAX_TEXT_CHARS:
        raise LoadError(f"refused {fmt.upper()}: {characters} characters of text > {MAX_TEXT_CHARS}")
    return document


def _text_length(document: Document) -> int:
    return sum(len(p.text) for p in document.paragraphs) + sum(
        len(cell.text) for table in document.tables for cell in table.cells
    )


NOT_A_REPORT_DATA = "JSON data: structured data, not a report's text"

__all__ = [
    "DATA_FORMATS",
    "NOT_A_REPORT_DATA",
    "Document",
    "LoadError",
    "describe_unsupported",
    "load_document",
    "sniff_format",
]
