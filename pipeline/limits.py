"""Limits on one document, enforced outside the parsers: a hostile file fails alone, fast, in bounded memory.

Two kinds. Checked before parsing, in the worker, from cheap facts: the path is a regular file no
larger than `--max-input-mb`; a PDF or a TIFF has at most `--max-pages` pages, a PDF's content streams inflate to
at most `--max-unpacked-mb`; a DOCX or XLSX unpacks to at most `--max-unpacked-mb`. Enforced from outside the
worker process, which no parser can ignore: the wall-clock `--timeout` and the resident memory
`--max-memory-mb` (the parent polls the worker's own resident memory, RssAnon, and kills it), with an RLIMIT_DATA backstop
inside the worker for allocations faster than the poll.

`LimitedWorker` is the one place a document runs under the time and memory limits: a child process
that loads the models once and takes one task at a time. The process pool schedules several of them;
`--workers 1` and `jixiao check` use one; a Dask worker process holds one per thread. The child
exits when its parent dies, so a killed driver or Dask worker leaves no orphan parsing on.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import multiprocessing
import os
import resource
import stat
import struct
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from extractors.document import LoadError
from extractors.memory import release_freed_memory
from pipeline.tasks import Outcome, Task, Work

MB = 1024 * 1024
STARTUP_SECONDS = 120.0  # a new worker's imports (spaCy, jieba) do not count against the task's timeout
POLL_SECONDS = 0.05  # how often the parent reads a busy worker's RSS
# RLIMIT_DATA, the backstop: twice the RSS cap plus 1 GB, because it counts address space that is
# reserved but never touched (thread stacks, malloc arenas; OCR's worker reserves ~800 MB)
DATA_LIMIT_FACTOR = 2
DATA_LIMIT_HEADROOM_MB = 1024
_PDF_DICT_LOOKBACK = 4096  # bytes before a `stream` keyword searched for its dictionary
_INFLATE_CHUNK = 1 << 16
_INFLATE_OUTPUT = 1 << 20  # bytes inflated at a time: a bomb never sits in memory
_ZIP_LOCAL_HEADER = 30  # bytes of a zip member's local header before its name


@dataclass(frozen=True)
class Limits:
    """Per-document limits; the defaults pass every report in `corpus/` with room to spare."""

    timeout_s: float = 300.0  # the scanned seed's OCR: 60-80 s alone, over 180 s on a loaded machine
    memory_mb: int = 1024  # its OCR peaks near 500 MB (VmRSS); text PDFs under 300 MB
    max_pages: int = 2000
    max_input_mb: int = 200
    max_unpacked_mb: int = 256  # real reports unpack to a few MB


class LimitExceeded(LoadError):
    """A document refused by a limit; the message names it ("20000 pages > --max-pages 2000")."""


def timeout_error(limits: Limits) -> str:
    return f"timeout after {limits.timeout_s:g} s (--timeout {limits.timeout_s:g})"


def memory_error(limits: Limits) -> str:
    return f"memory limit {limits.memory_mb} MB exceeded (--max-memory-mb {limits.memory_mb})"


def check_path(path: str, limits: Limits) -> None:
    """Before reading: LoadError for a FIFO, device or directory (reading one could block for ever),
    LimitExceeded for a file above the input cap. OSError when the path cannot be stat'ed."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(f"not a regular file ({_file_kind(info.st_mode)})")
    if info.st_size > limits.max_input_mb * MB:
        raise LimitExceeded(f"input {info.st_size // MB} MB > --max-input-mb {limits.max_input_mb}")


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "named pipe"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISDIR, "directory"),
    ):
        if test(mode):
            return kind
    return "special file"


def check_bytes(data: bytes, fmt: str | None, limits: Limits) -> None:
    """Before parsing: LimitExceeded when the file's pages or unpacked size exceed the limits."""
    if fmt == "pdf":
        _check_pdf_pages(data, limits)
        _check_pdf_streams(data, limits)
    elif fmt in ("docx", "xlsx"):
        _check_zip(data, limits)
    elif fmt == "tiff":
        _check_tiff_pages(data, limits)


def _check_pdf_pages(data: bytes, limits: Limits) -> None:
    import pypdfium2 as pdfium  # only workers that meet a PDF need it

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return  # encrypted or broken: the loader says which
    try:
        pages = len(pdf)
    finally:
        pdf.close()
    if pages > limits.max_pages:
        raise LimitExceeded(f"{pages} pages > --max-pages {limits.max_pages}", n_pages=pages)


def _check_tiff_pages(data: bytes, limits: Limits) -> None:
    """A TIFF's pages are OCR'd one by one, as a scanned PDF's: the same page cap."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            pages = getattr(image, "n_frames", 1)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return  # the loader reports a corrupt image
    if pages > limits.max_pages:
        raise LimitExceeded(f"{pages} pages > --max-pages {limits.max_pages}", n_pages=pages)


def _check_pdf_streams(data: bytes, limits: Limits) -> None:
    """Inflate every Flate stream that is not an image, up to the budget, without keeping the output.
    Images are decoded a page at a time when rendered, to a size their width and height bound."""
    budget = limits.max_unpacked_mb * MB
    total = 0
    at = data.find(b"stream")
    while at >= 0:
        start = at + len(b"stream")
        is_keyword = data[at - 3 : at] != b"end"
        head = data[max(0, at - _PDF_DICT_LOOKBACK) : at]
        head = head[head.rfind(b"obj") + 1 :]
        if is_keyword and b"Fl" in head and b"/Image" not in head:
            start += 2 if data[start : start + 2] == b"\r\n" else 1
            total += _inflated_size(data, start, budget - total + 1)
            if total > budget:
                raise LimitExceeded(
                    f"PDF streams inflate to more than {limits.max_unpacked_mb} MB"
                    f" > --max-unpacked-mb {limits.max_unpacked_mb}"
                )
        at = data.find(b"stream", start)


def _inflated_size(data: bytes, start: int, most: int, wbits: int = zlib.MAX_WBITS) -> int:
    """How many bytes the zlib stream at `start` (raw deflate with `wbits` -15) inflates to,
    counting no further than `most`."""
    inflater = zlib.decompressobj(wbits)
    size = 0
    view = memoryview(data)
    at = start
    pending = b""
    try:
        while size < most and not inflater.eof:
            if not pending:
                if at >= len(data):
                    break
                pending = bytes(view[at : at + _INFLATE_CHUNK])
                at += _INFLATE_CHUNK
            size += len(inflater.decompress(pending, min(most - size, _INFLATE_OUTPUT)))
            pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # not zlib data after all (encrypted, or another filter first): the parser decides
    return size


def _check_zip(data: bytes, limits: Limits) -> None:
    """The sizes the archive declares, before anything is unpacked; then what its deflated parts
    really inflate to, counted without keeping it: zipfile trusts the headers only to cut a part
    short after inflating all of it (a part declared 20 KB that inflates to 1 GB takes 1 GB)."""
    budget = limits.max_unpacked_mb * MB
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # the loader reports a corrupt archive
    unpacked = sum(info.file_size for info in infos)
    if unpacked > budget:
        raise LimitExceeded(f"unpacks to {unpacked // MB} MB > --max-unpacked-mb {limits.max_unpacked_mb}")
    inflated = 0
    for info in infos:
        start = _zip_data_offset(data, info)
        if info.compress_type == zipfile.ZIP_DEFLATED and not info.flag_bits & 1 and start is not None:
            inflated += _inflated_size(data, start, budget - inflated + 1, wbits=-zlib.MAX_WBITS)
        if inflated > budget:
            raise LimitExceeded(
                f"unpacks to more than {limits.max_unpacked_mb} MB > --max-unpacked-mb {limits.max_unpacked_mb}"
            )


def _zip_data_offset(data: bytes, info: zipfile.ZipInfo) -> int | None:
    """Where a member's compressed bytes start: after its local header's name and extra field."""
    header = data[info.header_offset : info.header_offset + _ZIP_LOCAL_HEADER]
    if len(header) < _ZIP_LOCAL_HEADER or not header.startswith(b"PK\x03\x04"):
        return None
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    return info.header_offset + _ZIP_LOCAL_HEADER + name_length + extra_length


def cap_this_process(limits: Limits) -> None:
    """In a worker, before any model loads: fewer malloc arenas (OCR's threads otherwise keep
    hundreds of MB of freed memory resident) and an RLIMIT_DATA backstop, so an allocation
    faster than the watchdog's poll fails with MemoryError instead of taking the machine."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").mallopt(-8, 2)  # M_ARENA_MAX (glibc)
    cap = (limits.memory_mb * DATA_LIMIT_FACTOR + DATA_LIMIT_HEADROOM_MB) * MB
    with contextlib.suppress(ValueError, OSError):
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        resource.setrlimit(
            resource.RLIMIT_DATA, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard)
        )


def resident_mb(pid: int) -> float | None:
    """A process's own resident memory (RssAnon in /proc, Linux): what it allocated and holds in
    RAM. The pages of shared libraries and mapped model files (onnxruntime's, OCR's: a few hundred
    MB, shared and re-readable) are left out, so the cap measures what a document makes the process
    grow, not what it loaded. None where it cannot be read (the process is gone)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"RssAnon:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _die_with_parent() -> None:
    """Exit when the parent process dies, whatever it died of, even in the middle of a document.
    A watch thread rather than PR_SET_PDEATHSIG, which fires when the parent *thread* ends (a Dask
    worker's task threads come and go)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="jixiao-parent-watch", daemon=True).start()


def _worker_main(
    work: Work, conn: Connection, limits: Limits, page: Any, warm_up: Callable[[], None] | None = None
) -> None:
    """A worker process: receive (path, source_path), send back ("ok", result) or ("error", line).

    Sends ("ready", None) first: by then `work` and its imports are loaded and `warm_up` has run,
    so the parent starts the clock of the first task only now.
    """
    from extractors.progress import listen
    from pipeline.process import one_line  # in the child: the parent need not load the extractors

    _die_with_parent()
    listen(lambda number: setattr(page, "value", number))
    cap_this_process(limits)
    if warm_up is not None:
        warm_up()
    conn.send(("ready", None))
    while True:
        message = conn.recv()
        if message is None:
            return
        try:
            reply: tuple[str, Any] = ("ok", work(*message))
        except MemoryError:
            reply = ("error", memory_error(limits))
        except Exception as exc:
            reply = ("error", f"worker error: {one_line(exc)}"[:300])
        try:
            conn.send(reply)
        except Exception as exc:  # the result would not pickle
            conn.send(("error", f"result not transferable: {one_line(exc)}"[:300]))
        del reply
        release_freed_memory()  # so the next document starts low


class LimitedWorker:
    """One child process running one task at a time under `limits`: a task past its timeout or
    over the memory cap has the worker killed; a worker that dies (segfault, os._exit) is reported.
    Either way the task gets an error Outcome; a killed worker is not reused (`alive` is False)."""

    def __init__(
        self,
        work: Work,
        limits: Limits,
        start_method: str = "spawn",
        warm_up: Callable[[], None] | None = None,
    ) -> None:
        # spawn: no fork of a parent that runs threads (rich's progress refresh), same on every OS
        context: Any = multiprocessing.get_context(start_method)
        self.limits = limits
        self.conn, child_conn = context.Pipe()
        self.page = context.Value("i", 0, lock=False)  # the page the task is reading, 0 before any
        self.process = context.Process(
            target=_worker_main, args=(work, child_conn, limits, self.page, warm_up), daemon=True
        )
        self.process.start()
        child_conn.close()  # so a dead worker reads as EOF here
        self.task: Task | None = None
        self.ready = False
        self.deadline = float("inf")

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    @property
    def waitables(self) -> list[Any]:
        return [self.conn, self.process.sentinel]

    def submit(self, task: Task) -> None:
        self.page.value = 0
        self.conn.send((task.path, task.source_path))
        self.task = task
        self._start_clock(0 if self.ready else STARTUP_SECONDS)

    def _start_clock(self, allowance: float) -> None:
        self.deadline = time.monotonic() + allowance + self.limits.timeout_s

    def wake_in(self) -> float:
        """Seconds until this busy worker must be looked at again (its deadline or the next RSS poll)."""
        return max(0.0, min(self.deadline - time.monotonic(), POLL_SECONDS))

    def collect(self, ready: list[Any]) -> Outcome | None:
        """The Outcome of the running task if it finished, failed or broke a limit; else None."""
        task = self.task
        assert task is not None
        if self.conn in ready:
            try:
                status, payload = self.conn.recv()
            except (EOFError, OSError):
                return self._crashed(task)
            if status == "ready":
                self.ready = True
                self._start_clock(0)
                return None
            self.task = None
            return Outcome(task, result=payload) if status == "ok" else Outcome(task, error=payload)
        if self.process.sentinel in ready:
            return self._crashed(task)
        if time.monotonic() >= self.deadline:
            return self._killed(task, timeout_error(self.limits))
        rss = resident_mb(self.process.pid or 0)
        if rss is not None and rss > self.limits.memory_mb:
            return self._killed(task, memory_error(self.limits))
        return None

    def run_one(self, task: Task) -> Outcome:
        """Run `task` and wait for its Outcome (`jixiao check`, a Dask task)."""
        self.submit(task)
        while True:
            outcome = self.collect(wait(self.waitables, timeout=self.wake_in()))
            if outcome is not None:
                return outcome

    def _crashed(self, task: Task) -> Outcome:
        self.process.join()
        self.task = None
        code = self.process.exitcode
        hint = " (out of memory?)" if code in (-6, -9, -11) else ""
        return Outcome(task, error=f"worker crashed (exit code {code}){hint}")

    def _killed(self, task: Task, error: str) -> Outcome:
        self.kill()
        self.task = None
        if self.page.value:
            error += f" while reading page {self.page.value}"
        return Outcome(task, error=error)

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
            self.process.join(timeout=5)
        except OSError:
            pass
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def run_limited(work: Work, task: Task, limits: Limits) -> Outcome:
    """One document in a fresh child process under `limits` (`jixiao check`); never raises."""
    worker = LimitedWorker(work, limits)
    try:
        return worker.run_one(task)
    finally:
        if worker.alive:
            worker.stop()


def error_line(prefix: str, exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{prefix}: {text}"[:300]
