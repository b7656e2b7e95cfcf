"""Loaders, one module per format, chosen by the file's bytes (never its suffix)."""

from __future__ import annotations

from extractors.document import Document, LoadError


def sniff_format(data: bytes) -> str | None:
    """pdf, docx, html or txt from the leading bytes; None when it is none of them."""
    raise NotImplementedError


def load_document(data: bytes) -> Document:
    """Parse `data` into the normalised Document; LoadError with a one-line reason if unreadable."""
    raise NotImplementedError


__all__ = ["Document", "LoadError", "load_document", "sniff_format"]
