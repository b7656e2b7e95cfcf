"""Dask distributed executor: the same contract as the local ones (one Outcome per task, in
completion order), on a LocalCluster (`local:N`, N worker processes) or an existing scheduler
(`tcp://host:8786`).

Each file is one Dask task that hands the document to a `pipeline.limits.LimitedWorker`: a child
of the Dask worker process, under the same time and memory limits as the local executors. Only
a non-daemonic process may start a child, so the LocalCluster is started with
`distributed.worker.daemon: False`; workers of an existing cluster need the same setting
(`DASK_DISTRIBUTED__WORKER__DAEMON=False` in their environment), and a daemonic one fails each
task with that advice. The driver keeps only a few tasks per worker in flight and yields each
result as it completes, so one slow file never holds back the rest and the driver's memory
does not grow with the batch. Workers that do not share the driver's file system get the
file's bytes (`ship_bytes`). The models load once per limited worker, before its first task.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import pickle
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import dask
from distributed import Client, LocalCluster, as_completed

from pipeline.limits import LimitedWorker, Limits, error_line
from pipeline.tasks import Outcome, Task, Work

IN_FLIGHT_PER_WORKER = 4
NOT_DAEMON = {"distributed.worker.daemon": False}  # so a worker process may start its limited child
DAEMONIC_WORKER = (
    "Dask worker is a daemonic process and cannot start a limited worker:"
    " start the workers with DASK_DISTRIBUTED__WORKER__DAEMON=False"
)

# In a Dask worker process: idle limited workers, by the (work, limits, warm_up) they were started for.
_idle: dict[bytes, list[LimitedWorker]] = {}
_idle_lock = threading.Lock()


def run_in_limited_worker(
    work: Work, task: Task, limits: Limits, warm_up: Callable[[], None] | None = None
) -> Outcome:
    """The Dask task: `task` in a limited child of this worker process, reused by the next task
    unless a limit killed it; never raises."""
    if multiprocessing.current_process().daemon:
        return Outcome(task, error=DAEMONIC_WORKER)
    key = pickle.dumps((work, limits, warm_up))
    with _idle_lock:
        idle = _idle.setdefault(key, [])
        worker = idle.pop() if idle else None
    if worker is None:
        worker = LimitedWorker(work, limits, warm_up=warm_up)
    outcome = worker.run_one(task)
    if worker.alive:
        with _idle_lock:
            _idle[key].append(worker)
    return outcome


@atexit.register
def _stop_idle() -> None:
    for workers in _idle.values():
        for worker in workers:
            worker.stop()


def run_shipped(
    work: Work, task: Task, data: bytes, limits: Limits, warm_up: Callable[[], None] | None = None
) -> Outcome:
    """On a worker without the driver's files: write the bytes to a private temporary file."""
    suffix = Path(task.path).suffix
    fd, temp = tempfile.mkstemp(suffix=suffix, prefix="jixiao-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        outcome = run_in_limited_worker(work, Task(task.index, temp, task.source_path), limits, warm_up)
    finally:
        os.unlink(temp)
    return Outcome(task, outcome.result, outcome.error)


def parse_address(address: str) -> tuple[str, int | None]:
    """('local', N) for local:N, else (address, None); ValueError for anything else."""
    if address.startswith("local:"):
        count = address.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ValueError(f"--dask local:N needs a worker count of at least 1, not {count!r}")
        return "local", int(count)
    if address.startswith(("tcp://", "tls://", "ws://", "wss://", "inproc://")):
        return address, None
    raise ValueError(f"--dask takes local:N or a scheduler address such as tcp://host:8786, not {address!r}")


def local_cluster(workers: int) -> LocalCluster:
    """A LocalCluster of `workers` non-daemonic processes, one thread each (one document at a time
    per process, as the local pool does). Dask's own per-worker memory limit is off: the limited
    child, not the Dask worker, holds the document, and its cap is `--max-memory-mb`."""
    with dask.config.set(NOT_DAEMON):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            memory_limit=0,
            dashboard_address=None,
        )


class DaskExecutor:
    def __init__(
        self,
        address: str,
        limits: Limits | None = None,
        ship_bytes: bool = False,
        warm_up: Callable[[], None] | None = None,
    ) -> None:
        self.address, self.local_workers = parse_address(address)
        self.limits = limits or Limits()
        self.ship_bytes = ship_bytes
        self.warm_up = warm_up

    def _connect(self) -> tuple[Client, LocalCluster | None]:
        if self.local_workers is None:
            return Client(self.address), None
        cluster = local_cluster(self.local_workers)
        return Client(cluster), cluster

    def run(self, work: Work, tasks: Iterable[Task]) -> Iterator[Outcome]:
        pending = iter(tasks)
        # the whole run: a LocalCluster's nanny restarting a worker starts it non-daemonic too
        with dask.config.set(NOT_DAEMON):
            client, cluster = self._connect()
            try:
                yield from self._run(client, work, pending)
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()

    def _run(self, client: Client, work: Work, pending: Iterator[Task]) -> Iterator[Outcome]:
        workers = max(1, len(client.scheduler_info()["workers"]))
        task_of: dict[str, Task] = {}
        running = as_completed()
        for task in islice(pending, workers * IN_FLIGHT_PER_WORKER):
            running.add(self._submit(client, work, task, task_of))
        for future in running:
            task = task_of.pop(str(future.key))
            try:
                outcome: Outcome = future.result()
            except Exception as exc:  # the worker died on it (KilledWorker) or it would not unpickle
                outcome = Outcome(task, error=error_line("worker crashed", exc))
            future.release()
            for following in islice(pending, 1):
                running.add(self._submit(client, work, following, task_of))
            yield outcome

    def _submit(self, client: Client, work: Work, task: Task, task_of: dict[str, Task]) -> Any:
        key = f"jixiao-{task.index}-{os.getpid()}-{id(task_of)}"
        task_of[key] = task
        if not self.ship_bytes:
            return client.submit(
                run_in_limited_worker, work, task, self.limits, self.warm_up, key=key, pure=False
            )
        try:
            data = Path(task.path).read_bytes()
        except OSError as exc:  # gone since planning: a failed row, as a local worker would give
            return client.submit(
                Outcome, task, None, error_line("cannot read file", exc), key=key, pure=False
            )
        return client.submit(run_shipped, work, task, data, self.limits, self.warm_up, key=key, pure=False)
