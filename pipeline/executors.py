"""Executors: run a pure function of (path, source_path) over many files, one outcome each, in
completion order.

An executor never lets one file stop the batch: an exception, a crashed worker or a timeout
becomes an `Outcome` with a one-line error. Every executor runs each file through
`pipeline.limits.run_limited`, the one place per-document limits are applied. The work function
must be importable by name (module level), so that it pickles to a worker process or a Dask worker
(`pipeline.dask_executor`).
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

from pipeline.limits import Outcome, Task, Work, error_line, run_limited, timeout_message

STARTUP_SECONDS = 120.0  # a new worker's imports (spaCy, jieba) do not count against the task's timeout
WarmUp = Callable[[], None]  # loads the models once in each worker process
KILL_GRACE_SECONDS = 5.0  # past its timeout, a worker that has not answered is hung in C code: kill it

__all__ = ["Executor", "Outcome", "ProcessPoolExecutor", "SerialExecutor", "Task", "Work", "make_executor"]


class Executor(Protocol):
    def run(self, work: Work, tasks: Iterable[Task]) -> Iterator[Outcome]:
        """Yield one Outcome per task, in completion order."""
        ...


class SerialExecutor:
    """In-process, one task after another (`--workers 1`, tests), each under the time limit."""

    def __init__(self, timeout: float | None = None) -> None:
        self.timeout = timeout

    def run(self, work: Work, tasks: Iterable[Task]) -> Iterator[Outcome]:
        for task in tasks:
            yield run_limited(work, task, self.timeout)


def _worker_main(work: Work, timeout: float | None, warm_up: WarmUp | None, conn: Connection) -> None:
    """A worker process: receive a Task, send back its Outcome.

    Sends None first: by then `work` and its imports (and `warm_up`: the models) are loaded, so
    the parent starts the clock of the first task only now.
    """
    if warm_up is not None:
        warm_up()
    conn.send(None)
    while True:
        task = conn.recv()
        if task is None:
            return
        outcome = run_limited(work, task, timeout)
        try:
            conn.send(outcome)
        except Exception as exc:  # the result would not pickle
            conn.send(Outcome(task, error=error_line("result not transferable", exc)))


class _Worker:
    def __init__(self, context: Any, work: Work, timeout: float | None, warm_up: WarmUp | None) -> None:
        self.conn, child_conn = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(work, timeout, warm_up, child_conn), daemon=True
        )
        self.process.start()
        child_conn.close()  # so a dead worker reads as EOF here
        self.task: Task | None = None
        self.ready = False
        self.timeout = float("inf")
        self.deadline = 0.0

    def send(self, task: Task, timeout: float | None) -> None:
        self.conn.send(task)
        self.task = task
        # the worker stops its own overrunning task; past the grace it is stuck outside Python
        self.timeout = timeout + KILL_GRACE_SECONDS if timeout else float("inf")
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

    A task running longer than `timeout` seconds is stopped in the worker (`run_limited`); one
    that does not stop (stuck in C code) has its worker killed and replaced, as has a worker that
    dies (segfault, os._exit, out of memory). Either way the task gets an error outcome and the
    batch goes on.
    """

    def __init__(
        self,
        workers: int,
        timeout: float | None = None,
        start_method: str = "spawn",
        warm_up: WarmUp | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.timeout = timeout
        self.warm_up = warm_up
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
            pool.append(_Worker(self.context, work, self.timeout, self.warm_up))
            return pool[-1]
        return None

    def _collect(self, worker: _Worker, ready: list[Any]) -> Outcome | None:
        task = worker.task
        assert task is not None
        if worker.conn in ready:
            try:
                outcome = worker.conn.recv()
            except (EOFError, OSError):
                worker.process.join()
                worker.task = None
                return Outcome(task, error=f"worker crashed (exit code {worker.process.exitcode})")
            if outcome is None:  # ready: imports done
                worker.ready = True
                worker.start_clock(0)
                return None
            worker.task = None
            return outcome
        if worker.process.sentinel in ready:
            worker.process.join()
            worker.task = None
            return Outcome(task, error=f"worker crashed (exit code {worker.process.exitcode})")
        if time.monotonic() >= worker.deadline:
            worker.kill()
            worker.task = None
            return Outcome(task, error=timeout_message(self.timeout or 0))
        return None


def make_executor(
    workers: int,
    timeout: float | None,
    dask: str | None = None,
    warm_up: WarmUp | None = None,
    ship_bytes: bool = False,
) -> Executor:
    """Dask when `dask` names a cluster (local:N or tcp://host:port), else in-process for one
    worker and a process pool for more; every one with the per-document timeout. `warm_up`
    runs once in each worker process (in-process, the first document loads the models);
    `ship_bytes` sends Dask workers the files' bytes rather than their paths."""
    if dask:
        from pipeline.dask_executor import DaskExecutor  # distributed is imported only when asked for

        return DaskExecutor(dask, timeout, ship_bytes=ship_bytes, warm_up=warm_up)
    if workers == 1:
        return SerialExecutor(timeout)
    return ProcessPoolExecutor(workers, timeout, warm_up=warm_up)
