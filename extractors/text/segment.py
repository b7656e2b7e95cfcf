"""Segment a paragraph once: sentences, clauses, tokens and typed figure spans.

Word segmentation is spaCy's blank Chinese pipeline with the jieba segmenter and the domain
dictionary, so terms such as 资金到位率, 转移支付 and 绩效目标合理性 stay whole (no model download).
Every text extractor reads the `Segmented` view of a paragraph instead of re-splitting the raw
string; `segmented()` caches it by text, so a paragraph is segmented once per process however
many recognisers read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from extractors.text.numbers import NumberMatch, find_amounts, find_percents
from extractors.vocabulary import user_dictionary

SENTENCE_END = re.compile(r"[。！？；;!?]")
# an ASCII comma or colon between digits is a thousands separator (2,000万元) or a time (19:35), no clause end
CLAUSE_END = re.compile(r"[，。！？；;!?：]|(?<!\d)[,:]|,(?!\d{3}(?!\d))|:(?!\d)")


@lru_cache(maxsize=1)
def chinese_pipeline():
    """The spaCy pipeline, built once per process (jieba's dictionary takes about a second)."""
    import jieba
    import spacy

    jieba.setLogLevel(60)
    for word in user_dictionary():
        jieba.add_word(word, freq=200000)
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


@lru_cache(maxsize=1)
def domain_words() -> frozenset[str]:
    return frozenset(user_dictionary())


def tokenize(text: str) -> list[str]:
    """The words of `text`, from its cached segmentation (a section's text is segmented for its
    sentences anyway)."""
    return [text[t.start : t.end] for t in segmented(text).tokens]


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Figure:
    """A typed figure span: 'amount' (with its unit) or 'percent'."""

    kind: str
    match: NumberMatch


@dataclass(frozen=True)
class Segmented:
    text: str
    sentences: tuple[Span, ...]
    clauses: tuple[Span, ...]
    tokens: tuple[Span, ...]
    figures: tuple[Figure, ...]

    def sentence_start(self, position: int) -> int:
        """Where the sentence holding `position` starts."""
        return max((s.start for s in self.sentences if s.start <= position), default=0)

    def sentence_end(self, position: int) -> int:
        """Where the sentence holding `position` ends."""
        return min((s.end for s in self.sentences if s.end >= position), default=len(self.text))

    def sentence_at(self, start: int, end: int | None = None) -> str:
        """The sentence around [start, end) (a figure's evidence)."""
        end = start if end is None else end
        return self.text[self.sentence_start(start) : self.sentence_end(end)].strip()

    def clause_of(self, position: int) -> Span:
        return next((c for c in self.clauses if c.start <= position < c.end), Span(0, len(self.text)))

    def next_clause(self, clause: Span) -> Span | None:
        return next((c for c in self.clauses if c.start >= clause.end and c.end > c.start), None)

    def figures_in(self, span: Span, kind: str | None = None) -> list[Figure]:
        return [
            f
            for f in self.figures
            if span.start <= f.match.start < span.end and (kind is None or f.kind == kind)
        ]

    def find_word(self, words: tuple[str, ...], start: int, end: int) -> list[tuple[int, str]]:
        """Occurrences (position, word) of `words` in text[start:end] that stand as whole words:
        never inside a longer domain term (支付 inside 转移支付, 执行 inside 执行率)."""
        found = []
        for word in words:
            at = self.text.find(word, start, end)
            while at >= 0:
                # a one-character word stands alone (收 the verb, not 收 in 收入 or 征收)
                alone = len(word) > 1 or self.on_token_boundaries(at, at + 1)
                if alone and self._whole(at, at + len(word)):
                    found.append((at, word))
                at = self.text.find(word, at + 1, end)
        return found

    def on_token_boundaries(self, start: int, end: int) -> bool:
        """Does text[start:end] begin and end where words do (有 the verb, not 有 in 有机肥)?"""
        starts, ends = self._boundaries
        return start in starts and end in ends

    @cached_property
    def _boundaries(self) -> tuple[frozenset[int], frozenset[int]]:
        # asked once per one-character cue found (find_word): computed once per text
        return frozenset(t.start for t in self.tokens), frozenset(t.end for t in self.tokens)

    def _whole(self, start: int, end: int) -> bool:
        for token in self.tokens:
            if token.end <= start or token.start >= end:
                continue
            inside = token.start < start or token.end > end
            if inside and self.text[token.start : token.end] in domain_words():
                return False
        return True


def inside_brackets(text: str, position: int, start: int = 0) -> bool:
    """Does `position` stand inside brackets opened after `start` (…218.07万元(“三区”人才项目16个49万元),
    行政编制10人(含行政工勤编制1人))?"""
    between = text[start:position]
    return between.count("(") + between.count("（") > between.count(")") + between.count("）")


def _spans(pattern: re.Pattern[str], text: str) -> tuple[Span, ...]:
    spans, left = [], 0
    for m in pattern.finditer(text):
        spans.append(Span(left, m.end()))
        left = m.end()
    if left < len(text):
        spans.append(Span(left, len(text)))
    return tuple(spans)


@lru_cache(maxsize=4096)
def segmented(text: str) -> Segmented:
    """The paragraph's sentences, clauses, tokens and figures (cached by text)."""
    tokens = tuple(Span(t.idx, t.idx + len(t.text)) for t in chinese_pipeline()(text) if not t.is_space)
    figures = [Figure("amount", m) for m in find_amounts(text)] + [
        Figure("percent", m) for m in find_percents(text)
    ]
    return Segmented(
        text=text,
        sentences=_spans(SENTENCE_END, text),
        clauses=_spans(CLAUSE_END, text),
        tokens=tokens,
        figures=tuple(sorted(figures, key=lambda f: f.match.start)),
    )


def split_sentences(text: str) -> list[str]:
    seg = segmented(text)
    return [p for p in (text[s.start : s.end].strip() for s in seg.sentences) if p]


def sentence_at(text: str, start: int, end: int | None = None) -> str:
    """The sentence of `text` around [start, end)."""
    return segmented(text).sentence_at(start, end)


def clause_before(text: str, start: int) -> str:
    """The clause that ends at `start` (back to the previous comma or stop)."""
    left = max((c.start for c in segmented(text).clauses if c.start <= start), default=0)
    return text[left:start]
