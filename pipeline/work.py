"""What a worker process runs: the per-file function and the warm-up, in a module of their own.

Executors pickle these functions by reference, so a worker imports this module to run them; it
imports nothing of the driver's (the dataset writer, pyarrow, the CLI), and the extractors only
inside the functions, so a worker loads what extraction needs and the driver never loads spaCy.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from pipeline.executors import Work
from pipeline.limits import Limits


def default_work(ocr: bool = True, limits: Limits | None = None) -> Work:
    """The per-file function executors run: process_file, with or without OCR, checking `limits`
    before parsing (the executor enforces their time and memory; their timeout also bounds the
    programs a loader runs, LibreOffice)."""
    return functools.partial(_process_file, ocr=ocr, limits=limits or Limits())


def _process_file(path: str, source_path: str, ocr: bool, limits: Limits) -> Any:
    # the extractors (pdfplumber, pypdfium2, numpy, then spaCy and jieba) are imported in the
    # worker that runs this, never in the driver, which only plans, hashes and writes
    from pipeline.process import process_file

    return process_file(path, source_path, ocr=ocr, limits=limits)


def default_warm_up() -> Callable[[], None]:
    """What each worker process loads before its first document (the models)."""
    return _warm_up


def _warm_up() -> None:
    # the extractors are imported in the worker only: the driver never loads spaCy or jieba
    from pipeline.process import warm_up

    warm_up()
