"""Sentence spans, so every figure can carry the sentence it stands in as evidence."""

from __future__ import annotations

import re

from extractors.document import Evidence, Paragraph

SENTENCE_END = re.compile(r"[。！？；;!?]")
CLAUSE_END = re.compile(r"[，,。！？；;!?：:]")


def sentence_at(text: str, start: int, end: int | None = None) -> str:
    """The sentence of `text` around [start, end): from the previous end mark to the next one."""
    end = start if end is None else end
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = SENTENCE_END.search(text, end)
    right = right_match.end() if right_match else len(text)
    return text[left:right].strip()


def evidence_at(paragraph: Paragraph, start: int, end: int) -> Evidence:
    """A figure's evidence: the sentence around paragraph.text[start:end], the figure's boxes, and
    the page the figure is printed on (a paragraph may run on over a page break)."""
    boxes = paragraph.boxes(start, end)
    page = boxes[0].page if boxes else paragraph.page
    return Evidence(page, sentence_at(paragraph.text, start, end), paragraph.block_id, boxes)


def sentence_evidence(paragraph: Paragraph, sentence: str) -> Evidence:
    """A claim's evidence: a whole sentence of the paragraph, boxed line by line."""
    start = max(paragraph.text.find(sentence), 0)
    return Evidence(
        paragraph.page, sentence, paragraph.block_id, paragraph.boxes(start, start + len(sentence))
    )


def clause_before(text: str, start: int) -> str:
    """The clause that ends at `start` (back to the previous comma or stop)."""
    left = max((m.end() for m in CLAUSE_END.finditer(text, 0, start)), default=0)
    return text[left:start]


def split_sentences(text: str) -> list[str]:
    parts, left = [], 0
    for m in SENTENCE_END.finditer(text):
        parts.append(text[left : m.end()].strip())
        left = m.end()
    if text[left:].strip():
        parts.append(text[left:].strip())
    return [p for p in parts if p]
