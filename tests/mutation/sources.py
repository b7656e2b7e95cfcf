"""Editable views of a document's source: its text as one flat string, and the bytes after one edit.

Every format is seen as segments of text (the whole file for plain text, the text nodes of HTML, the
paragraphs of a DOCX including table cells) joined with newlines. An edit is a span of that flat string
and must lie in one segment; rendering re-reads the original bytes and changes only that segment, so
the rest of the file (markup, styles, merged cells) stays as it was.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import lxml.html
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

SKIPPED_HTML_TAGS = frozenset({"script", "style", "head", "title"})


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Source:
    """A document's editable text; `write(index, new_text)` returns the bytes with one segment replaced."""

    fmt: str  # txt | gbk.txt | html | docx
    segments: tuple[str, ...]
    write: Callable[[int, str], bytes]

    @property
    def flat(self) -> str:
        return "\n".join(self.segments)

    def render(self, edit: Edit) -> bytes:
        start = 0
        for index, segment in enumerate(self.segments):
            end = start + len(segment)
            if start <= edit.start <= edit.end <= end:
                local = segment[: edit.start - start] + edit.text + segment[edit.end - start :]
                return self.write(index, local)
            start = end + 1
        raise ValueError(f"edit {edit} spans more than one segment")


def text_source(data: bytes, fmt: str) -> Source:
    encoding = "gb18030" if fmt == "gbk.txt" else "utf-8"
    text = data.decode(encoding)
    return Source(fmt, (text,), lambda _index, new: new.encode(encoding))


def html_text_slots(root: lxml.html.HtmlElement) -> Iterator[tuple[lxml.html.HtmlElement, str]]:
    """(element, 'text' | 'tail') of every visible non-blank text node, in document order."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        inside_skipped = any(a.tag in SKIPPED_HTML_TAGS for a in element.iterancestors()) or (
            element.tag in SKIPPED_HTML_TAGS
        )
        if not inside_skipped and (element.text or "").strip():
            yield element, "text"
        if (element.tail or "").strip() and not any(
            a.tag in SKIPPED_HTML_TAGS for a in element.iterancestors()
        ):
            yield element, "tail"


def html_source(data: bytes) -> Source:
    root = lxml.html.document_fromstring(data)
    segments = tuple(getattr(element, slot) for element, slot in html_text_slots(root))

    def write(index: int, new: str) -> bytes:
        fresh = lxml.html.document_fromstring(data)
        element, slot = list(html_text_slots(fresh))[index]
        setattr(element, slot, new)
        return lxml.html.tostring(fresh, encoding="utf-8", doctype="<!DOCTYPE html>")

    return Source("html", segments, write)


def docx_paragraphs(document) -> list[Paragraph]:
    """Every paragraph of the body in document order, table cells included (a merged cell once)."""
    return [Paragraph(p, document) for p in document.element.body.iter(qn("w:p"))]


def set_runs_text(paragraph: Paragraph, new: str) -> None:
    """Replace a paragraph's text keeping its runs: the common prefix and suffix stay in their runs,
    the changed middle goes into the run where the change starts."""
    runs = paragraph.runs
    old = "".join(r.text for r in runs)
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    cut_start, cut_end, middle = prefix, len(old) - suffix, new[prefix : len(new) - suffix]
    position = 0
    placed = False
    for run in runs:
        text = run.text
        run_start, run_end = position, position + len(text)
        position = run_end
        keep_head = text[: max(0, min(cut_start, run_end) - run_start)]
        keep_tail = text[max(0, cut_end - run_start) :] if cut_end < run_end else ""
        if run_end < cut_start or run_start > cut_end:
            continue
        if not placed:
            run.text = keep_head + middle + keep_tail
            placed = True
        else:
            run.text = keep_head + keep_tail
    if not placed:
        paragraph.add_run(middle)


def docx_source(data: bytes) -> Source:
    paragraphs = docx_paragraphs(open_docx(io.BytesIO(data)))
    segments = tuple("".join(r.text for r in p.runs) for p in paragraphs)

    def write(index: int, new: str) -> bytes:
        document = open_docx(io.BytesIO(data))
        set_runs_text(docx_paragraphs(document)[index], new)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    return Source("docx", segments, write)


def source_of(data: bytes, fmt: str) -> Source:
    if fmt == "html":
        return html_source(data)
    if fmt == "docx":
        return docx_source(data)
    return text_source(data, fmt)
