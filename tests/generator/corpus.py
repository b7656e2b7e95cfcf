"""A generated corpus: reports drawn per seed, rendered to their formats, each with its gold entry."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.generator.gold import gold_for
from tests.generator.layouts import LAYOUTS
from tests.generator.model import Report
from tests.generator.mutate import applicable, mutate
from tests.generator.render_docx import render_docx
from tests.generator.render_html import render_html
from tests.generator.render_legacy import render_doc, render_png
from tests.generator.render_pdf import render_pdf
from tests.generator.render_sheets import render_xls, render_xlsx
from tests.generator.render_text import render_text

RENDERERS: dict[str, Callable[[Report], bytes]] = {
    "pdf": render_pdf,
    "docx": render_docx,
    "html": render_html,
    "xlsx": render_xlsx,
    "xls": render_xls,
    "doc": render_doc,  # needs LibreOffice: not in FORMATS, asked for by name
    "png": render_png,  # read back only with the OCR extra: not in FORMATS either
    "txt": lambda r: render_text(r, " | ", "utf-8"),
    "gbk.txt": lambda r: render_text(r, "  ", "gb18030"),
}
FORMATS: dict[str, tuple[str, ...]] = {
    "project_evaluation": ("pdf", "docx", "html"),
    "self_evaluation_table": ("pdf", "docx", "html", "xlsx", "xls"),  # forms are published as workbooks too
    "self_evaluation_tables": ("pdf", "docx", "html", "xlsx", "xls"),
    "self_evaluation_yuan": ("pdf", "docx", "html"),
    "older_framework": ("pdf", "docx", "html"),
    "department_overall": ("pdf", "docx", "html"),
    "web_article": ("html", "txt", "pdf", "docx"),  # also saved or printed from the site
    "text_copy": ("txt", "gbk.txt"),
    "not_report": ("pdf", "docx", "html", "txt"),
}


@dataclass(frozen=True)
class Rendered:
    name: str  # file name, unique in the corpus
    layout: str
    fmt: str
    data: bytes
    gold: dict
    report: Report


def draw(seed: int, index: int, layout: str) -> Report:
    """The report number `index` of a corpus; the same seed always gives the same report."""
    return LAYOUTS[layout](random.Random(f"{seed}:{index}:{layout}"))


def renditions(seed: int, index: int, layout: str, formats: tuple[str, ...] | None = None) -> list[Rendered]:
    """Report number `index` of the layout in the given formats (by default its layout's)."""
    report = draw(seed, index, layout)
    out = []
    for fmt in formats or FORMATS[layout]:
        name = f"{index:03d}-{layout}.{fmt}"
        out.append(Rendered(name, layout, fmt, RENDERERS[fmt](report), gold_for(report, name, []), report))
    return out


def clean_documents(seed: int, count: int, layouts: list[str] | None = None) -> list[Rendered]:
    """`count` reports cycling through the layouts, each rendered to every format of its layout."""
    names = layouts or list(LAYOUTS)
    return [doc for index in range(count) for doc in renditions(seed, index, names[index % len(names)])]


def mutated_documents(seed: int, count: int) -> list[Rendered]:
    """`count` single-edit documents, cycling through layouts and each layout's applicable mutations."""
    rng = random.Random(f"{seed}:mutations")
    layouts = [name for name in LAYOUTS if name != "not_report"]
    out = []
    for index in range(count):
        layout = layouts[index % len(layouts)]
        report = draw(seed, 1000 + index, layout)
        kinds = applicable(report)
        kind = kinds[(index // len(layouts)) % len(kinds)]
        edited, failing = mutate(report, kind, rng)
        fmt = FORMATS[layout][index % len(FORMATS[layout])]
        name = f"{1000 + index:04d}-{layout}-{kind}.{fmt}"
        out.append(
            Rendered(name, layout, fmt, RENDERERS[fmt](edited), gold_for(edited, name, failing), edited)
        )
    return out


def write_corpus(out_dir: Path, documents: list[Rendered]) -> list[tuple[Path, dict]]:
    """Write each file and one gold.jsonl; returns (path, gold) pairs."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pairs = []
    for doc in documents:
        path = out_dir / doc.name
        path.write_bytes(doc.data)
        pairs.append((path, doc.gold))
    lines = [json.dumps(doc.gold, ensure_ascii=False) for doc in documents]
    (out_dir / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pairs
