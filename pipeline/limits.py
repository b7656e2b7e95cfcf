"""One document's work under the per-document limits: the one place every executor (in-process,
process pool, Dask worker, `jixiao check`) runs a file through, so that a limit added here holds
everywhere.

The time limit interrupts Python code: a SIGALRM timer where the work runs in a process's main
thread, else an exception raised asynchronously in the work's thread (Dask runs tasks in worker
threads). Parsers are pure Python (pdfminer, lxml callbacks, the extractors), so both reach them;
a hang inside C code is cut by the process pool, which also kills a worker that overruns.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

Work = Callable[[str, str], Any]


class DocumentTimeout(BaseException):
    """Raised inside the work when its time is up. A BaseException, so that the work's own
    `except Exception` handlers (which turn parser errors into failed rows) do not swallow it."""


@dataclass(frozen=True)
class Task:
    index: int  # position in the input order
    path: str
    source_path: str


@dataclass(frozen=True)
class Outcome:
    task: Task
    result: Any = None
    error: str | None = None  # one line when the work produced no result


def error_line(prefix: str, exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{prefix}: {text}"[:300]


def timeout_message(timeout: float) -> str:
    return f"timeout after {timeout:g} s"


def run_limited(work: Work, task: Task, timeout: float | None) -> Outcome:
    """`work(task.path, task.source_path)` within `timeout` seconds; never raises."""
    try:
        with time_limit(timeout):
            result = work(task.path, task.source_path)
    except DocumentTimeout:
        return Outcome(task, error=timeout_message(timeout or 0))
    except Exception as exc:
        return Outcome(task, error=error_line("worker error", exc))
    return Outcome(task, result=result)


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise DocumentTimeout in the calling thread once `seconds` have passed."""
    if not seconds:
        yield
    elif threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _thread_timer(seconds):
            yield


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def on_alarm(signum: int, frame: object) -> None:
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _thread_timer(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    running = [True]

    def expire() -> None:
        with lock:  # never raise into the thread once it has left the block
            if running[0]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(target), ctypes.py_object(DocumentTimeout)
                )

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            running[0] = False
            timer.cancel()
            # clear an exception set but not yet raised (NULL clears the thread's pending one)
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)
