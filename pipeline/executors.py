"""Executors: run a pure function of (path, source_path) over many files, one outcome each.

An executor never lets one file stop the batch: an exception, a crashed worker or a broken limit
becomes an `Outcome` with a one-line error. The work function must be importable by name
(module level), so the same contract fits a process pool here and a Dask cluster
(`client.submit(work, path, source_path)` + `as_completed`). The time and memory limits are
enforced by `pipeline.limits.LimitedWorker`, which every executor but `SerialExecutor` runs on
(on Dask, a child of each worker process).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from multiprocessing.connection import wait
from typing import Protocol

from pipeline.limits import LimitedWorker, Limits
from pipeline.tasks import Outcome, Task, Work

__all__ = ["Executor", "Outcome", "ProcessPoolExecutor", "SerialExecutor", "Task", "Work", "make_executor"]


class Executor(Protocol):
    def run(self, work: Work, tasks: Iterable[Task]) -> Iterator[Outcome]:
        """Yield one Outcome per task, in completion order."""
        ...


class SerialExecutor:
    """In-process, one task after another, with no limits: for tests and library use on trusted
    files. The CLI never uses it (`--workers 1` is a pool of one limited worker)."""

    def run(self, work: Work, tasks: Iterable[Task]) -> Iterator[Outcome]:
        from pipeline.process import one_line

        for task in tasks:
            try:
                yield Outcome(task, result=work(task.path, task.source_path))
            except Exception as exc:
                yield Outcome(task, error=f"worker error: {one_line(exc)}"[:300])


class ProcessPoolExecutor:
    """Long-lived limited worker processes (each loads its models once), one task per worker at a
    time. A worker killed for a limit, or dead, is replaced; its task gets an error outcome and the
    batch goes on."""

    def __init__(
        self,
        workers: int,
        timeout: float | None = None,
        start_method: str = "spawn",
        limits: Limits | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        limits = limits or Limits()
        if timeout is not None:
            limits = replace(limits, timeout_s=timeout)
        self.limits = limits
        self.start_method = start_method

    def run(self, work: Work, tasks: Iterable[Task]) -> Iterator[Outcome]:
        queue = deque(tasks)
        pool: list[LimitedWorker] = []
        try:
            while queue or any(worker.task for worker in pool):
                while queue and (idle := self._idle_worker(pool, work)) is not None:
                    idle.submit(queue.popleft())
                busy = [worker for worker in pool if worker.task is not None]
                ready = wait(
                    [handle for worker in busy for handle in worker.waitables],
                    timeout=min(worker.wake_in() for worker in busy),
                )
                for worker in busy:
                    outcome = worker.collect(ready)
                    if outcome is not None:
                        yield outcome
                # a worker that died after `wait` returned still holds its task: collected next round
                pool = [worker for worker in pool if worker.alive or worker.task is not None]
        finally:
            for worker in pool:
                worker.stop()

    def _idle_worker(self, pool: list[LimitedWorker], work: Work) -> LimitedWorker | None:
        for worker in pool:
            if worker.task is None:
                return worker
        if len(pool) < self.workers:
            pool.append(LimitedWorker(work, self.limits, self.start_method))
            return pool[-1]
        return None


def make_executor(
    workers: int,
    limits: Limits | None = None,
    dask: str | None = None,
    warm_up: Callable[[], None] | None = None,
    ship_bytes: bool = False,
) -> Executor:
    """Dask when `dask` names a cluster (local:N or tcp://host:port), else a pool of limited worker
    processes; one worker still runs each file in a child process, so a hung or runaway parser
    cannot hang or exhaust the run. On Dask, `warm_up` loads the models once in each worker process
    and `ship_bytes` sends the workers the files' bytes rather than their paths."""
    if dask:
        from pipeline.dask_executor import DaskExecutor  # distributed is imported only when asked for

        return DaskExecutor(dask, limits, ship_bytes=ship_bytes, warm_up=warm_up)
    return ProcessPoolExecutor(workers, limits=limits)
