"""One file's whole path: bytes -> Document -> facts -> checks -> rows. Never raises.

This is the unit of work an executor (local process pool or Dask worker) runs; it does no
I/O besides reading the one file, and keeps no state between calls.
"""

from __future__ import annotations

import gc
import hashlib
from pathlib import Path

from checks import run_checks
from extractors.document import Document, LoadError
from extractors.extract import extract_facts
from extractors.facts.sections import extract_sections
from extractors.load import DATA_FORMATS, NOT_A_REPORT_DATA, load_document, sniff_format
from extractors.rows import facts_to_rows
from extractors.text.segment import chinese_pipeline
from extractors.version import EXTRACTOR_VERSION
from pipeline.limits import Limits, check_bytes, check_path
from pipeline.tasks import DocumentResult
from schemas import DocumentRow, PageRow


def doc_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]


def process_bytes(
    data: bytes, source_path: str, ocr: bool = True, limits: Limits | None = None
) -> DocumentResult:
    """The rows of one file's bytes. `limits` are checked before parsing (pages, unpacked size);
    their timeout also bounds the programs a loader runs (LibreOffice)."""
    limits = limits or Limits()
    doc_id = doc_id_of(data)
    fmt = sniff_format(data)
    row = DocumentRow(
        doc_id=doc_id,
        source_path=source_path,
        source_format=fmt,
        status="failed",
        file_size=len(data),
        extractor_version=EXTRACTOR_VERSION,
    )
    result = DocumentResult(doc_id=doc_id, tables={"documents": [row]})
    if fmt in DATA_FORMATS:  # recognised, recorded, not read as a report (see DATA_FORMATS)
        row.status, row.is_report, row.report_type = "ok", False, "not_report"
        row.error = NOT_A_REPORT_DATA
        return result
    try:
        check_bytes(data, fmt, limits)
        document = load_document(data, ocr=ocr, timeout=limits.timeout_s)
    except LoadError as exc:
        row.error = one_line(exc)
        row.n_pages = exc.n_pages
        return result
    except MemoryError:
        raise  # the worker reports the memory limit
    except Exception as exc:  # a loader bug or a hostile file: record it, keep the batch going
        row.error = f"unreadable {fmt or 'file'}: {one_line(exc)}"
        return result
    row.n_pages = document.n_pages
    result.tables["pages"] = page_rows(document, doc_id)
    try:
        facts = extract_facts(document)
        checks = run_checks(facts, doc_id)
        tables = facts_to_rows(facts, doc_id, row)
        tables["checks"] = checks
        tables["sections"] = extract_sections(document, doc_id)
    except MemoryError:
        raise
    except Exception as exc:
        row.error = f"extraction failed: {one_line(exc)}"
        return result
    row.status = "partial" if facts.warnings else "ok"
    if facts.warnings or document.notes:  # notes (hidden sheets skipped) leave the status ok
        row.error = "; ".join(facts.warnings + document.notes)[:300]
    result.tables.update({k: v for k, v in tables.items() if k != "documents"})
    return result


def page_rows(document: Document, doc_id: str) -> list[PageRow]:
    """How each page of a PDF was read; other formats have no pages to route."""
    if document.source_format != "pdf":
        return []
    return [
        PageRow(doc_id, page.number, page.method or "none", page.width, page.height, page.has_text)
        for page in document.pages
    ]


def warm_up() -> None:
    """Load what every document needs (jieba's dictionary, the spaCy pipeline) once per worker
    process, before its first document, so no document's time limit pays for it. What is loaded
    then lives as long as the process: it is moved out of the cyclic collector's generations, whose
    collections during a document would otherwise walk it again (half their time, ~2 % of a worker)."""
    chinese_pipeline()
    gc.freeze()


def process_file(
    path: str | Path, source_path: str | None = None, ocr: bool = True, limits: Limits | None = None
) -> DocumentResult:
    """Process one file on disk; `source_path` is the path as the user gave it."""
    source = source_path if source_path is not None else str(path)
    limits = limits or Limits()
    try:
        check_path(str(path), limits)
        data = Path(path).read_bytes()
    except LoadError as exc:
        return _unread(source, one_line(exc))
    except OSError as exc:
        return _unread(
            source, f"cannot read file: {exc.strerror or one_line(exc)}"
        )  # the path is in source_path
    return process_bytes(data, source, ocr=ocr, limits=limits)


def _unread(source: str, error: str) -> DocumentResult:
    """The failed row of a file whose bytes were not read (its doc_id hashes the path instead)."""
    doc_id = hashlib.sha256(source.encode()).hexdigest()
    row = DocumentRow(
        doc_id=doc_id,
        source_path=source,
        source_format=None,
        status="failed",
        error=error,
        extractor_version=EXTRACTOR_VERSION,
    )
    return DocumentResult(doc_id=doc_id, tables={"documents": [row]})
