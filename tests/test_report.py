"""The HTML audit report, opened in a real headless Chromium (Debian's package, driven by Playwright).

The test starts the browser itself, blocks every request that is not a local file, opens the
report, checks that every finding of every document is listed, follows the link to the seed PDF's
page and checks that its findings show the page image with their figures boxed. A screenshot of
that page is saved as an artefact (`artefacts/`, or $JIXIAO_ARTEFACTS).
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.store import read_table
from tests.conftest import REPO, Dataset

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--no-first-run",
]
ARTEFACTS = Path(os.environ.get("JIXIAO_ARTEFACTS", REPO / "artefacts"))

if not Path(CHROMIUM).exists() and not os.environ.get("JIXIAO_REQUIRE_BROWSER"):
    pytest.skip("no chromium (apt-get install chromium; .ci/run does)", allow_module_level=True)

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright


@pytest.fixture(scope="module")
def report(corpus_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    result = CliRunner().invoke(app, ["report", "--out", str(corpus_dataset.out), "--html", str(folder)])
    assert result.exit_code == 0, result.output
    return folder / "index.html"


def seed_pdf(out: Path) -> tuple[dict, list[dict]]:
    documents = read_table(out, "documents").to_pylist()
    document = next(d for d in documents if d["source_path"].endswith("corpus/seed/seed.pdf"))
    checks = read_table(out, "checks").to_pylist()
    failing = [c for c in checks if c["doc_id"] == document["doc_id"] and c["status"] == "fail"]
    return document, failing


def test_report_in_headless_chromium(report: Path, corpus_dataset: Dataset) -> None:
    documents = {
        d["doc_id"]: d["source_path"] for d in read_table(corpus_dataset.out, "documents").to_pylist()
    }
    failing = [c for c in read_table(corpus_dataset.out, "checks").to_pylist() if c["status"] == "fail"]
    expected = Counter((documents[c["doc_id"]], c["check_id"], c["subject"]) for c in failing)
    seed, seed_failing = seed_pdf(corpus_dataset.out)
    assert seed_failing and any(c["boxes"] for c in seed_failing)
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})

            def local_only(route):  # type: ignore[no-untyped-def]
                if route.request.url.startswith("file:"):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", local_only)
            page.goto(report.as_uri())
            assert page.locator(".chart svg").count() == 8

            # every finding of every document is listed
            rows = page.locator("#findings-table tbody tr")
            listed = Counter(
                tuple(cells)
                for cells in rows.evaluate_all(
                    "rs => rs.map(r => [r.cells[0].innerText, r.cells[3].innerText, r.cells[4].innerText])"
                )
            )
            assert listed == expected
            assert page.locator("#documents-table tbody tr").count() == len(documents)

            # the filter and the severity select narrow the list
            page.fill(".filters[data-table=findings-table] input", "formula_score")
            shown = sum(1 for c in failing if c["check_id"] == "formula_score")
            assert page.locator("#findings-table tbody tr:visible").count() == shown
            page.fill(".filters[data-table=findings-table] input", "")
            page.select_option(".filters[data-table=findings-table] select", "error")
            errors = sum(1 for c in failing if c["severity"] == "error")
            assert page.locator("#findings-table tbody tr:visible").count() == errors > 0
            page.select_option(".filters[data-table=findings-table] select", "")

            # a click on a header sorts the list by that column, a second click reverses it
            page.click("#documents-table th:text-is('score')")
            column = "rs => rs.map(r => r.cells[9].innerText).filter(t => t)"
            scores = [float(t) for t in page.locator("#documents-table tbody tr").evaluate_all(column)]
            assert scores == sorted(scores) and len(set(scores)) > 1
            page.click("#documents-table th:text-is('score')")
            scores = [float(t) for t in page.locator("#documents-table tbody tr").evaluate_all(column)]
            assert scores == sorted(scores, reverse=True)

            # the seed's findings are listed, and its link leads to its page
            seed_rows = page.locator("#findings-table tbody tr", has_text=seed["source_path"])
            assert seed_rows.count() == len(seed_failing)
            page.locator("#documents-table a", has_text=seed["source_path"]).first.click()
            page.wait_for_load_state("load")
            assert page.url.endswith(f"docs/{seed['doc_id'][:16]}.html")
            assert page.locator("section.finding").count() == len(seed_failing)

            # each boxed finding shows its page image, loaded, with one box per figure
            boxed = [c for c in seed_failing if c["boxes"]]
            figures = page.locator("section.finding figure.page-image")
            assert figures.count() == sum(len({b["page"] for b in c["boxes"]}) for c in boxed)
            page.evaluate("() => Promise.all([...document.images].map(i => i.decode()))")
            widths = figures.locator("img").evaluate_all("imgs => imgs.map(i => i.naturalWidth)")
            assert all(w > 500 for w in widths)
            assert figures.locator("rect.box").count() == sum(len(c["boxes"]) for c in boxed)
            first = figures.first
            first.scroll_into_view_if_needed()
            box = first.locator("rect.box").first.bounding_box()
            frame = first.locator("img").bounding_box()
            assert box and frame and frame["x"] <= box["x"] < frame["x"] + frame["width"]
            ARTEFACTS.mkdir(parents=True, exist_ok=True)
            page.locator("section.finding").first.screenshot(path=str(ARTEFACTS / "report-seed-finding.png"))
            page.screenshot(path=str(ARTEFACTS / "report-seed-page.png"), full_page=True)
        finally:
            browser.close()
    assert outside == []  # the report needs no network
