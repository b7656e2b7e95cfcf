"""The roles experiment's data building (tests/real/roles_model.py) on literal sentences: the found
figures become spans in their evidence, labelled with the gold roles of their value. The training
itself is slow and is not run here; this keeps the module from rotting silently."""

from __future__ import annotations

from decimal import Decimal

from extractors.text.segment import chinese_pipeline
from tests.real.roles_model import CANDIDATES, SPANS, labelled_figures, make_docs

SENTENCE = "2023年年初预算300万元，实际支出280.5万元，其中人员经费20万元。"
ROW = "年度资金总额 329.77 329.77 338.31 10 102.59%"


def found(as_written: str, yuan: str, role: str, evidence: str) -> dict:
    return {"as_written": as_written, "amount_yuan": Decimal(yuan), "role": role, "evidence": evidence}


def test_found_figures_become_labelled_spans() -> None:
    rows = [
        found("300万元", "3000000", "budget_initial", SENTENCE),
        found("280.5万元", "2805000", "spent", SENTENCE),
        found("20万元", "200000", "spent", SENTENCE),
        # a table row: cells quoted with the column's unit, the same figure in two columns
        found("329.77万元", "3297700", "budget_initial", ROW),
        found("329.77万元", "3297700", "budget_adjusted", ROW),
        found("338.31万元", "3383100", "spent", ROW),
    ]
    gold = [
        {"role": "budget_initial", "value_wan": 300},
        {"role": "spent", "value_wan": 280.5},
        {"role": "budget_initial", "value_wan": 329.77},
        {"role": "budget_adjusted", "value_wan": 329.77},
        {"role": "spent", "value_wan": 338.31},
    ]
    figures = labelled_figures("x.txt", rows, gold)
    spans = [f.evidence[f.start : f.end] for f in figures if f.start is not None]
    assert spans == ["300万元", "280.5万元", "20万元", "329.77", "329.77", "338.31"]
    assert [f.start for f in figures[3:5]] == [ROW.index("329.77"), ROW.rindex("329.77")]  # one per column
    assert [sorted(f.labels) for f in figures] == [
        ["budget_initial"],
        ["spent"],
        ["other"],  # no gold amount of 20万元: a breakdown, not the spending
        ["budget_adjusted", "budget_initial"],
        ["budget_adjusted", "budget_initial"],
        ["spent"],
    ]

    docs = make_docs(chinese_pipeline(), figures, with_labels=True)
    assert [len(kept) for _, kept in docs] == [3, 3]
    doc = docs[0][0]  # the model reads every digit as 0, at the same offsets
    assert doc.text == SENTENCE.translate(str.maketrans("0123456789", "0" * 10))
    assert [s.text for s in doc.spans[CANDIDATES]] == ["000万元", "000.0万元", "00万元"]
    assert [(s.start_char, s.end_char, s.label_) for s in doc.spans[SPANS]] == [
        (f.start, f.end, label)
        for f, label in zip(figures[:3], ("budget_initial", "spent", "other"), strict=True)
    ]
