"""The unit of work executors pass around: a Task in, an Outcome out (its result a DocumentResult).

Light on purpose: the driver unpickles every result, and importing this module must not load the
extractors there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from schemas import DocumentRow

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


@dataclass
class DocumentResult:
    """The rows one file contributes to each table (table name -> row records)."""

    doc_id: str
    tables: dict[str, list] = field(default_factory=dict)

    @property
    def document(self) -> DocumentRow:
        return self.tables["documents"][0]
