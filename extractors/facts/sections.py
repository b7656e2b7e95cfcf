"""The heading tree and each section's own text and tokens, for the `sections` table."""

from __future__ import annotations

from extractors.document import Document
from extractors.facts.narrative import numbered_paragraphs
from extractors.text.segment import split_sentences, tokenize
from schemas import SectionRow


def extract_sections(document: Document, doc_id: str) -> list[SectionRow]:
    """One row for the preamble (title) and one per numbered heading, with the text up to the next."""
    paragraphs = document.paragraphs
    heading_at = dict(numbered_paragraphs(paragraphs))
    rows: list[SectionRow] = []
    path: list[str] = []
    current = SectionRow(
        doc_id=doc_id,
        section_no=0,
        path="",
        heading="",
        text="",
        page=paragraphs[0].page if paragraphs else None,
    )
    texts: list[str] = []

    def close() -> None:
        current.text = "\n".join(texts)
        if current.text or current.heading:
            current.tokens = tokenize(current.text) if current.text else []
            current.sentences = split_sentences(current.text)
            current.section_no = len(rows) + 1
            rows.append(current)

    for p_index, paragraph in enumerate(paragraphs):
        heading = heading_at.get(p_index)
        if heading is None:
            texts.append(paragraph.text)
            continue
        close()
        path = path[: heading.level - 1] + [""] * max(0, heading.level - 1 - len(path)) + [heading.marker]
        title = paragraph.text.strip()
        body = ""
        if len(title) > 30 or title.endswith(("。", "；")):  # a numbered paragraph, not a heading line
            body, title = title[len(heading.marker) :], ""
        current = SectionRow(
            doc_id=doc_id,
            section_no=0,
            path="/".join(m for m in path if m),
            heading=title or heading.marker,
            text="",
            page=paragraph.page,
        )
        texts = [body] if body else []
    close()
    return rows
