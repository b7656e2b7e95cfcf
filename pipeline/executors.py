"""Executors: run a pure function of (path, source_path) over many files, one outcome each.

An executor never lets one file stop the batch: an exception, a crashed worker or a timeout
becomes an `Outcome` with a one-line error. The work function must be importable by name
(module level), so the same contract fits a process pool here and a Dask cluster later
(`client.submit(work, path, source_path)` + `as_completed`).
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

from pipeline.process import one_line

Work = Callable[[str, str], Any]

STARTUP_SECONDS = 120.0  # a new worker's imports (spaCy, jieba) do not count against the task's timeout


@dataclass(frozen=True)
class Task:
    index: int  # position in the input order, so results can be written in that order
    path: str
    source_path: str


@dataclass(frozen=True)
class Outcome:
    task: Task
    result: Any = None
    error: str | None = None  # one line when the work produced no result


class Executor(Protocol):
    def run(self, work: Work, tasks: Iterable[Task]) -> Iterator[Outcome]:
        """Yield one Outcome per task, in completion order."""
        ...


def _error_line(prefix: str, exc: BaseException) -> str:
    return f"{prefix}: {one_line(exc)}"[:300]


class SerialExecutor:
    """In-process, one task after another (tests, `--workers 1`). Cannot enforce timeouts."""

    def run(self, work: Work, tasks: Iterable[Task]) -> Iterator[Outcome]:
        for task in tasks:
            try:
                yield Outcome(task, result=work(task.path, task.source_path))
            except Exception as exc:
                yield Outcome(task, error=_error_line("worker error", exc))


def _worker_main(work: Work, conn: Connection) -> None:
    """A worker process: receive (path, source_path), send back ("ok", result) or ("error", line).

    Sends ("ready", None) first: by then `work` and its imports are loaded, so the parent starts
    the clock of the first task only now.
    """
    conn.send(("ready", None))
    while True:
        message = conn.recv()
        if message is None:
            return
        try:
            reply: tuple[str, Any] = ("ok", work(*message))
        except Exception as exc:
            reply = ("error", _error_line("worker error", exc))
        try:
            conn.send(reply)
        except Exception as exc:  # the result would not pickle
            conn.send(("error", _error_line("result not transferable", exc)))


class _Worker:
    def __init__(self, context: Any, work: Work) -> None:
        self.conn, child_conn = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(work, child_conn), daemon=True)
        self.process.start()
        child_conn.close()  # so a dead worker reads as EOF here
        self.task: Task | None = None
        self.ready = False
        self.timeout = float("inf")
        self.deadline = 0.0

    def send(self, task: Task, timeout: float | None) -> None:
        self.conn.send((task.path, task.source_path))
        self.task = task
        self.timeout = timeout or float("inf")
        self.start_clock(0 if self.ready else STARTUP_SECONDS)

    def start_clock(self, allowance: float) -> None:
        self.deadline = time.monotonic() + allowance + self.timeout

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


class ProcessPoolExecutor:
    """Long-lived worker processes (each loads its models once), one task per worker at a time.

    A task running longer than `timeout` seconds has its worker killed and replaced; a worker
    that dies (segfault, os._exit, out of memory) is replaced too. Either way the task gets an
    error outcome and the batch goes on.
    """

    def __init__(self, workers: int, timeout: float | None = None, start_method: str = "spawn") -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.timeout = timeout
        # spawn: no fork of a parent that runs threads (rich's progress refresh), same on every OS
        self.context = multiprocessing.get_context(start_method)

    def run(self, work: Work, tasks: Iterable[Task]) -> Iterator[Outcome]:
        queue = deque(tasks)
        pool: list[_Worker] = []
        try:
            while queue or any(worker.task for worker in pool):
                while queue and (idle := self._idle_worker(pool, work)) is not None:
                    idle.send(queue.popleft(), self.timeout)
                busy = [worker for worker in pool if worker.task is not None]
                wait_for = min(worker.deadline for worker in busy) - time.monotonic()
                ready = wait(
                    [worker.conn for worker in busy] + [worker.process.sentinel for worker in busy],
                    timeout=None if wait_for == float("inf") else max(wait_for, 0),
                )
                for worker in busy:
                    outcome = self._collect(worker, ready)
                    if outcome is not None:
                        yield outcome
                pool = [worker for worker in pool if worker.process.is_alive()]
        finally:
            for worker in pool:
                worker.stop()

    def _idle_worker(self, pool: list[_Worker], work: Work) -> _Worker | None:
        for worker in pool:
            if worker.task is None:
                return worker
        if len(pool) < self.workers:
            pool.append(_Worker(self.context, work))
            return pool[-1]
        return None

    def _collect(self, worker: _Worker, ready: list[Any]) -> Outcome | None:
        task = worker.task
        assert task is not None
        if worker.conn in ready:
            try:
                status, payload = worker.conn.recv()
            except (EOFError, OSError):
                worker.process.join()
                worker.task = None
                return Outcome(task, error=f"worker crashed (exit code {worker.process.exitcode})")
            if status == "ready":
                worker.ready = True
                worker.start_clock(0)
                return None
            worker.task = None
            return Outcome(task, result=payload) if status == "ok" else Outcome(task, error=payload)
        if worker.process.sentinel in ready:
            worker.process.join()
            worker.task = None
            return Outcome(task, error=f"worker crashed (exit code {worker.process.exitcode})")
        if time.monotonic() >= worker.deadline:
            worker.kill()
            worker.task = None
            return Outcome(task, error=f"timeout after {self.timeout:g} s")
        return None


def make_executor(workers: int, timeout: float | None) -> Executor:
    """Serial for one worker, else a process pool with timeouts."""
    if workers == 1:
        return SerialExecutor()
    return ProcessPoolExecutor(workers, timeout)
