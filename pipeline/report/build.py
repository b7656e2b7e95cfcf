"""The HTML audit report: an overview of the dataset, a findings list, a document list and one
page per document, written as static files (no server, no network: styles and scripts inline,
page images beside the HTML)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from pipeline import severity
from pipeline.present import cell_text
from pipeline.report.charts import bar_chart, score_bands
from pipeline.report.pages import PageImage, PageRenderer
from pipeline.store import committed_run_ids, read_manifest, read_table
from schemas.tables import TABLES

PAGES_DIR = "pages"
DOCS_DIR = "docs"


@dataclass
class BoxedPage:
    number: int
    image: PageImage
    boxes: list[dict[str, float]]  # this finding's boxes on the page, in points


@dataclass
class Finding:
    number: int  # F1, F2 ... within its document
    row: dict[str, Any]
    pages: list[BoxedPage] = field(default_factory=list)

    @property
    def page(self) -> int | None:
        boxes = self.row.get("boxes") or []
        return boxes[0]["page"] if boxes else None


@dataclass
class DocumentPage:
    row: dict[str, Any]
    href: str
    findings: list[Finding]
    tables: dict[str, list[dict[str, Any]]]
    image_problem: str | None = None

    def counts(self) -> Counter[str]:
        return Counter(f.row["severity"] for f in self.findings)


def _by_document(rows: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["doc_id"], []).append(row)
    return grouped


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("pipeline.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = cell_text
    env.globals["severity_colour"] = severity.HTML
    return env


def _boxed_pages(finding: Finding, renderer: PageRenderer | None) -> list[BoxedPage]:
    if renderer is None:
        return []
    by_page: dict[int, list[dict[str, float]]] = {}
    for box in finding.row.get("boxes") or []:
        by_page.setdefault(box["page"], []).append(box)
    pages = []
    for number, boxes in sorted(by_page.items()):
        image = renderer.page(number)
        if image is not None:
            pages.append(BoxedPage(number, image, boxes))
    return pages


def _document_pages(out: Path, dest: Path, sources: Path) -> list[DocumentPage]:
    tables = {name: _by_document(read_table(out, name).to_pylist()) for name in TABLES if name != "documents"}
    documents = sorted(read_table(out, "documents").to_pylist(), key=lambda d: d["source_path"])
    pages = []
    for document in documents:
        doc_id = document["doc_id"]
        failing = [c for c in tables["checks"].get(doc_id, []) if c["status"] == "fail"]
        failing.sort(key=lambda c: (severity.rank(c["severity"]), c["check_id"], c["subject"] or ""))
        findings = [Finding(k, row) for k, row in enumerate(failing, start=1)]
        renderer = None
        problem = None
        if document["source_format"] == "pdf" and any(f.row.get("boxes") for f in findings):
            source = Path(document["source_path"])
            renderer = PageRenderer(
                source if source.is_absolute() else sources / source, doc_id, dest / PAGES_DIR, doc_id[:16]
            )
            problem = renderer.problem
        for finding in findings:
            finding.pages = _boxed_pages(finding, renderer)
        if renderer is not None:
            renderer.close()
        pages.append(
            DocumentPage(
                document,
                f"{DOCS_DIR}/{doc_id[:16]}.html",
                findings,
                {name: rows.get(doc_id, []) for name, rows in tables.items()},
                problem,
            )
        )
    return pages


def _charts(pages: list[DocumentPage]) -> list[str]:
    documents = [p.row for p in pages]
    findings = [f.row for p in pages for f in p.findings]

    def counted(values: Iterable[Any], missing: str = "unknown") -> list[tuple[str, int]]:
        return Counter(missing if v is None else str(v) for v in values).most_common()

    by_check = Counter((f["check_id"], f["severity"]) for f in findings).most_common()
    by_severity = [(s, sum(1 for f in findings if f["severity"] == s)) for s in severity.ORDER]
    district_of = {d["doc_id"]: d["district"] or d["city"] or "unknown" for d in documents}
    scores = [d["total_score"] for d in documents if d["total_score"] is not None]
    return [
        bar_chart("Documents by status", counted(d["status"] for d in documents)),
        bar_chart("Documents by report type", counted(d["report_type"] for d in documents)),
        bar_chart("Documents by province", counted(d["province"] for d in documents)),
        bar_chart("Documents by fiscal year", sorted(counted(d["fiscal_year"] for d in documents))),
        bar_chart(
            "Findings by severity", by_severity, [severity.HTML.get(s, "#999") for s, _ in by_severity]
        ),
        bar_chart(
            "Findings by check",
            [(check, n) for (check, _), n in by_check],
            [severity.HTML.get(s, "#999") for (_, s), _ in by_check],
        ),
        bar_chart("Total scores (stated)", score_bands(scores)),
        bar_chart("Findings per district", counted(district_of[f["doc_id"]] for f in findings)),
    ]


def build_report(out: Path | str, dest: Path | str, sources: Path | str = ".") -> Path:
    """Write the report for dataset `out` into folder `dest`; returns the path of index.html.

    `sources` is the folder relative source paths are read from (where `jixiao ingest` ran).
    """
    out, dest, sources = Path(out), Path(dest), Path(sources)
    if not committed_run_ids(out):
        raise FileNotFoundError(f"{out} holds no committed run; run `jixiao ingest ... --out {out}` first")
    (dest / DOCS_DIR).mkdir(parents=True, exist_ok=True)
    pages = _document_pages(out, dest, sources)
    env = _environment()
    context = {
        "dataset": str(out),
        "manifest": read_manifest(out),
        "severities": severity.ORDER,
    }
    index = dest / "index.html"
    index.write_text(
        env.get_template("index.html.j2").render(pages=pages, charts=_charts(pages), **context),
        encoding="utf-8",
    )
    template = env.get_template("document.html.j2")
    for page in pages:
        (dest / page.href).write_text(template.render(page=page, **context), encoding="utf-8")
    return index
