"""The ingestion benchmark: one run, the same files, jixiao against its baselines.

    python bench/run.py [--reports 300] [--work bench/work] [--real ../shared/real-pdfs]

Builds a corpus with the test generator (`--reports` PDF reports of 10-15 pages, narrative
pages and table pages), plus the seed PDF, plus the real PDFs in `--real` (the 19 of
../shared/real-pdfs where that folder exists, else the three copied into bench/real). Then measures, on those files:

- the floor: `pdftotext` (poppler, where installed) and pypdfium2's raw text, page by page;
- a naive pdfplumber loop: `extract_text()` and `extract_tables()` on every page;
- `jixiao ingest` with 1 and 2 local workers and with Dask on 2 workers (`--dask local:2`),
  each a fresh process on a fresh output: pages/s, documents/s, peak RSS of every process;
- an unchanged re-run (everything already committed);
- the time at 50, 100, 200 and 400 documents (2 workers), to show it is linear.

Writes `<work>/results.json` and `<work>/results.md` (the table in the README). Speed is only
ever stated as ratios between measurements of the same run.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import psutil
import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the test generator lives in tests/

from tests.generator.corpus import draw  # noqa: E402
from tests.generator.model import Heading, Para, Report  # noqa: E402
from tests.generator.render_pdf import render_pdf  # noqa: E402

PDF_LAYOUTS = (
    "project_evaluation",
    "self_evaluation_table",
    "self_evaluation_tables",
    "self_evaluation_yuan",
    "older_framework",
    "department_overall",
    "web_article",
)
SCALE_POINTS = (50, 100, 200, 400)
FILLER = (
    "项目实施过程中，单位严格按照年度工作计划组织推进，明确责任分工，建立周报和月度调度机制，"
    "对照绩效目标逐项跟踪完成进度，及时协调解决实施中遇到的困难和问题，确保各项任务按期完成。",
    "在资金管理方面，单位执行财政资金管理有关规定，专款专用，按照合同约定和工作进度审核拨付资金，"
    "支出审批手续完整，会计核算规范，未发现截留、挤占、挪用项目资金的情况。",
    "在制度建设方面，单位修订完善了项目管理办法、采购管理制度和档案管理制度，对项目立项、实施、"
    "验收和评价全过程作出规定，为项目规范运行提供了制度保障。",
    "从实施效果看，项目有效提升了公共服务供给能力和群众满意度，社会效益逐步显现，"
    "但仍存在绩效目标设置不够细化、部分指标难以量化考核等问题，需要在今后工作中加以改进。",
)


def padded(report: Report, rng: random.Random) -> Report:
    """The report with narrative sections added until it runs to 10-15 pages."""
    target = rng.randint(10, 15)
    base = len(pdfium.PdfDocument(render_pdf(report)))
    probe = _with_filler(report, 40)
    per_page = 40 / max(1, len(pdfium.PdfDocument(render_pdf(probe))) - base)
    return _with_filler(report, round(max(0, target - base) * per_page))


def _with_filler(report: Report, paragraphs: int) -> Report:
    body = list(report.body)
    for index in range(paragraphs):
        if index % 6 == 0:
            body.append(Heading(2, f"（{'一二三四五六七八九十'[index // 6 % 10]}）补充说明"))
        body.append(Para(FILLER[index % len(FILLER)]))
    return dataclasses.replace(report, body=body)


def build_corpus(folder: Path, reports: int, real: Path | None) -> list[Path]:
    """Generated reports, the seed, and the real PDFs; reused when already built."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for index in range(reports):
        path = folder / f"gen-{index:04d}.pdf"
        if not path.exists():
            layout = PDF_LAYOUTS[index % len(PDF_LAYOUTS)]
            rng = random.Random(f"bench:{index}")
            path.write_bytes(render_pdf(padded(draw(7, index, layout), rng)))
        files.append(path)
    shutil.copy(ROOT / "corpus" / "seed" / "seed.pdf", folder / "seed.pdf")
    files.append(folder / "seed.pdf")
    if real is not None and real.is_dir():
        for source in sorted(real.glob("*.pdf")):
            shutil.copy(source, folder / f"real-{source.name}")
            files.append(folder / f"real-{source.name}")
    return files


def page_count(path: Path) -> int:
    return len(pdfium.PdfDocument(path))


def timed(label: str, action: Callable[[], None]) -> dict[str, float]:
    """Wall and CPU seconds of an in-process baseline (pdftotext's CPU is its children's)."""
    started, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    action()
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu + _children_cpu() - children
    print(f"  {label}: {seconds:.1f} s, {cpu_seconds:.1f} CPU s", flush=True)
    return {"seconds": round(seconds, 2), "cpu_seconds": round(cpu_seconds, 2)}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def pdftotext_all(files: list[Path]) -> None:
    for path in files:
        subprocess.run(["pdftotext", "-q", str(path), "-"], check=False, capture_output=True)


def pdfium_all(files: list[Path]) -> None:
    for path in files:
        pdf = pdfium.PdfDocument(path)
        for page in pdf:
            page.get_textpage().get_text_range()
        pdf.close()


def naive_pdfplumber(files: list[Path]) -> None:
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                page.close()


class PeakRss:
    """Samples the resident memory of a process and all its descendants; the peak of each."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.peaks: dict[int, int] = {}
        self.names: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                processes = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            for process in processes:
                try:
                    rss = process.memory_info().rss
                    self.names.setdefault(process.pid, " ".join(process.cmdline()[:6]))
                except psutil.Error:
                    continue
                self.peaks[process.pid] = max(self.peaks.get(process.pid, 0), rss)
            time.sleep(0.1)

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        peaks = sorted(self.peaks.values(), reverse=True)
        workers = [self.peaks[pid] for pid, name in self.names.items() if _is_worker(name)]
        mb = 1024 * 1024
        return {
            "peak_rss_max_mb": round(peaks[0] / mb, 1) if peaks else 0.0,
            "peak_rss_worker_max_mb": round(max(workers or peaks or [0]) / mb, 1),
            "processes": len(peaks),
        }


def _is_worker(cmdline: str) -> bool:
    """Worker processes (spawned pool workers, Dask workers); with one worker, the driver is it."""
    return "multiprocessing" in cmdline or "distributed" in cmdline or "-c" in cmdline.split()


def jixiao(files_dir: Path, out: Path, *options: str) -> dict[str, float]:
    """One `jixiao ingest` as its own process; wall time and memory."""
    started, children = time.perf_counter(), _children_cpu()
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "ingest", str(files_dir), "--out", str(out), "--quiet", *options],
        cwd=ROOT,
    )
    rss = PeakRss(process.pid)
    code = process.wait()
    seconds = time.perf_counter() - started
    memory = rss.stop()
    if code not in (0, 1):
        raise SystemExit(f"jixiao {' '.join(options)} exited {code}")
    # CPU of the whole tree (workers are reaped children too); under other load it moves less than wall time
    return {"seconds": round(seconds, 2), "cpu_seconds": round(_children_cpu() - children, 2), **memory}


def subset(files: list[Path], count: int, folder: Path) -> Path:
    """A folder of links to the first `count` files, generated copies past the end (distinct
    bytes: the same report drawn from another seed)."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        link = folder / f"{index:04d}.pdf"
        if link.exists():
            continue
        if index < len(files):
            link.symlink_to(files[index].resolve())
        else:
            layout = PDF_LAYOUTS[index % len(PDF_LAYOUTS)]
            link.write_bytes(render_pdf(padded(draw(8, index, layout), random.Random(f"extra:{index}"))))
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=300, help="generated reports (10-15 pages each)")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "work")
    shared = ROOT.parent / "shared" / "real-pdfs"
    parser.add_argument("--real", type=Path, default=shared if shared.is_dir() else ROOT / "bench" / "real")
    parser.add_argument("--scale", type=int, nargs="*", default=list(SCALE_POINTS))
    args = parser.parse_args()
    work: Path = args.work
    for stale in ("out-1", "out-2", "out-dask", "scale"):
        shutil.rmtree(work / stale, ignore_errors=True)

    print("building the corpus", flush=True)
    files = build_corpus(work / "corpus", args.reports, args.real)
    pages = sum(page_count(path) for path in files)
    docs = len(files)
    print(f"{docs} PDFs, {pages} pages", flush=True)

    results: dict[str, dict] = {}
    print("baselines", flush=True)
    if shutil.which("pdftotext"):
        results["pdftotext"] = timed("pdftotext", lambda: pdftotext_all(files))
    results["pypdfium2 raw text"] = timed("pypdfium2", lambda: pdfium_all(files))
    results["naive pdfplumber"] = timed("pdfplumber", lambda: naive_pdfplumber(files))
    print("jixiao", flush=True)
    corpus = work / "corpus"
    results["jixiao 1 worker"] = jixiao(corpus, work / "out-1", "--workers", "1")
    results["jixiao 2 workers"] = jixiao(corpus, work / "out-2", "--workers", "2")
    results["jixiao Dask 2 workers"] = jixiao(corpus, work / "out-dask", "--dask", "local:2")
    results["unchanged re-run (2 workers)"] = jixiao(corpus, work / "out-2", "--workers", "2")
    for label, result in results.items():
        result["pages_per_s"] = round(pages / result["seconds"], 1)
        result["docs_per_s"] = round(docs / result["seconds"], 2)
        result["pages_per_cpu_s"] = round(pages / max(result["cpu_seconds"], 0.01), 1)
        print(f"  {label}: {result}", flush=True)

    scaling = {}
    for count in args.scale:
        folder = subset(files, count, work / "scale" / f"in-{count}")
        scaling[count] = jixiao(folder, work / "scale" / f"out-{count}", "--workers", "2")["seconds"]
        print(f"  {count} documents: {scaling[count]} s", flush=True)

    summary = {"documents": docs, "pages": pages, "cores": psutil.cpu_count(), "results": results}
    summary["scaling_seconds"] = scaling
    summary["ratios"] = ratios(results, scaling)
    (work / "results.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    (work / "results.md").write_text(markdown(summary), encoding="utf-8")
    print(markdown(summary))


def ratios(results: dict[str, dict], scaling: dict[int, float]) -> dict[str, float]:
    speed = {label: result["pages_per_s"] for label, result in results.items()}
    cpu = {label: result["pages_per_cpu_s"] for label, result in results.items()}
    one, two = speed["jixiao 1 worker"], speed["jixiao 2 workers"]
    out = {
        "1 worker / naive pdfplumber (wall)": round(one / speed["naive pdfplumber"], 2),
        "1 worker / naive pdfplumber (CPU)": round(cpu["jixiao 1 worker"] / cpu["naive pdfplumber"], 2),
        "pypdfium2 raw text / 1 worker (wall)": round(speed["pypdfium2 raw text"] / one, 2),
        "pypdfium2 raw text / 1 worker (CPU)": round(cpu["pypdfium2 raw text"] / cpu["jixiao 1 worker"], 2),
        "2 workers / 1 worker (wall)": round(two / one, 2),
        # what two free cores would give: the work of the 1-worker run spread over two cores,
        # against the 2-worker run's own CPU seconds (its second worker's start-up included)
        "2 workers / 1 worker (CPU, 2 free cores)": round(
            2 * cpu["jixiao 2 workers"] / cpu["jixiao 1 worker"], 2
        ),
        "Dask 2 workers / 1 worker (wall)": round(speed["jixiao Dask 2 workers"] / one, 2),
    }
    if "pdftotext" in speed:
        out["pdftotext / 1 worker (wall)"] = round(speed["pdftotext"] / one, 2)
    if len(scaling) >= 2:
        first, last = min(scaling), max(scaling)
        out[f"seconds per document at {last} / at {first}"] = round(
            (scaling[last] / last) / (scaling[first] / first), 2
        )
    return out


def markdown(summary: dict) -> str:
    lines = [
        f"{summary['documents']} PDFs, {summary['pages']} pages, {summary['cores']} cores, one run.",
        "",
        "| run | seconds | CPU seconds | pages/s | pages per CPU s | documents/s | peak RSS per worker (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, r in summary["results"].items():
        rss = r.get("peak_rss_worker_max_mb", "")
        lines.append(
            f"| {label} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | {r['pages_per_s']} "
            f"| {r['pages_per_cpu_s']} | {r['docs_per_s']} | {rss} |"
        )
    lines += ["", "| documents | seconds (2 workers) |", "|---:|---:|"]
    lines += [f"| {count} | {seconds:.1f} |" for count, seconds in summary["scaling_seconds"].items()]
    lines += ["", "| ratio | value |", "|---|---:|"]
    lines += [f"| {label} | {value} |" for label, value in summary["ratios"].items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
