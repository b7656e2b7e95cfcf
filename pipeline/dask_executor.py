"""Dask distributed executor: the same contract as the local ones (one Outcome per task, in
completion order), on a LocalCluster (`local:N`, N worker processes) or an existing scheduler
(`tcp://host:8786`).

Each file is one Dask task running `pipeline.limits.run_timed` (the time limit in the worker's
thread; the worker's own memory limit). The driver keeps only a few tasks per worker in flight and yields each
result as it completes, so one slow file never holds back the rest and the driver's memory
does not grow with the batch. Workers that do not share the driver's file system get the
file's bytes (`ship_bytes`). The models (jieba, spaCy) load once per worker process, when it
joins, through a worker plugin.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from pipeline.limits import error_line, run_timed
from pipeline.tasks import Outcome, Task, Work

IN_FLIGHT_PER_WORKER = 4


class LoadModels(WorkerPlugin):
    """Runs `warm_up` once in each worker process as it starts (and in workers that join later)."""

    def __init__(self, warm_up: Callable[[], None]) -> None:
        self.warm_up = warm_up

    def setup(self, worker: Any) -> None:
        self.warm_up()


def run_shipped(work: Work, task: Task, data: bytes, timeout: float | None) -> Outcome:
    """On a worker without the driver's files: write the bytes to a private temporary file."""
    suffix = Path(task.path).suffix
    fd, temp = tempfile.mkstemp(suffix=suffix, prefix="jixiao-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        outcome = run_timed(work, Task(task.index, temp, task.source_path), timeout)
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


class DaskExecutor:
    def __init__(
        self,
        address: str,
        timeout: float | None = None,
        ship_bytes: bool = False,
        warm_up: Callable[[], None] | None = None,
    ) -> None:
        self.address, self.local_workers = parse_address(address)
        self.timeout = timeout
        self.ship_bytes = ship_bytes
        self.warm_up = warm_up

    def _connect(self) -> tuple[Client, LocalCluster | None]:
        if self.local_workers is None:
            return Client(self.address), None
        cluster = LocalCluster(
            n_workers=self.local_workers,
            threads_per_worker=1,  # one document at a time per process, as the local pool does
            processes=True,
            dashboard_address=None,
        )
        return Client(cluster), cluster

    def run(self, work: Work, tasks: Iterable[Task]) -> Iterator[Outcome]:
        pending = iter(tasks)
        client, cluster = self._connect()
        try:
            if self.warm_up is not None:
                client.register_plugin(LoadModels(self.warm_up), name="jixiao-load-models")
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
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _submit(self, client: Client, work: Work, task: Task, task_of: dict[str, Task]) -> Any:
        key = f"jixiao-{task.index}-{os.getpid()}-{id(task_of)}"
        task_of[key] = task
        if not self.ship_bytes:
            return client.submit(run_timed, work, task, self.timeout, key=key, pure=False)
        try:
            data = Path(task.path).read_bytes()
        except OSError as exc:  # gone since planning: a failed row, as a local worker would give
            return client.submit(
                Outcome, task, None, error_line("cannot read file", exc), key=key, pure=False
            )
        return client.submit(run_shipped, work, task, data, self.timeout, key=key, pure=False)
