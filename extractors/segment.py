"""Word segmentation: spaCy's blank Chinese pipeline with the jieba segmenter and the domain
dictionary, so terms such as 资金到位率 and 绩效目标合理性 stay whole. No model download."""

from __future__ import annotations

from functools import lru_cache

from extractors.vocabulary import user_dictionary


@lru_cache(maxsize=1)
def chinese_pipeline():
    """The spaCy pipeline, built once per process (jieba's dictionary takes about a second)."""
    import jieba
    import spacy

    jieba.setLogLevel(60)
    for word in user_dictionary():
        jieba.add_word(word, freq=200000)
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


def tokenize(text: str) -> list[str]:
    return [t.text for t in chinese_pipeline()(text) if not t.is_space]
