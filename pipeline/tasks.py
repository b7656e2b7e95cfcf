"""The unit of work executors pass around: a Task in, an Outcome out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Work = Callable[[str, str], Any]


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
