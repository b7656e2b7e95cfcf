"""Process every clean document and mutant in a process pool and judge each mutant against the
baseline findings of the document it was made from."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field

from pipeline.process import process_bytes
from tests.mutation.plan import Mutant, Plan

WORKERS = 2  # the machine has two cores


@dataclass(frozen=True)
class Fail:
    check_id: str
    subject: str
    severity: str
    expected: str | None
    actual: str | None
    message: str

    @property
    def key(self) -> tuple[str, str, str | None, str | None]:
        return (self.check_id, self.subject, self.expected, self.actual)


@dataclass(frozen=True)
class Outcome:
    status: str  # the documents row's status: ok | partial | failed
    error: str | None
    fails: tuple[Fail, ...]


def outcome_of(data: bytes, name: str) -> Outcome:
    result = process_bytes(data, name)
    fails = tuple(
        Fail(c.check_id, c.subject, c.severity, c.expected, c.actual, c.message)
        for c in result.tables.get("checks", [])
        if c.status == "fail"
    )
    return Outcome(result.document.status, result.document.error, fails)


@dataclass
class MutantResult:
    clean: str
    rendition: str
    origin: str
    kind: str
    expected: list[str]
    what: str
    caught: bool
    new_fails: list[str] = field(default_factory=list)  # check_id: message
    error: str | None = None

    @property
    def label(self) -> str:
        return f"{self.origin}/{self.kind}"


@dataclass
class FalseAlarm:
    document: str
    check_id: str
    message: str


@dataclass
class Report:
    mutants: list[MutantResult]
    false_alarms: list[FalseAlarm]
    clean_failures: list[str]  # clean documents the pipeline could not process
    n_clean: int
    seconds: float = 0.0

    @property
    def caught(self) -> int:
        return sum(m.caught for m in self.mutants)

    @property
    def recall(self) -> float:
        return self.caught / len(self.mutants) if self.mutants else 0.0

    def by_kind(self) -> dict[str, tuple[int, int]]:
        totals: Counter[str] = Counter(m.label for m in self.mutants)
        caught: Counter[str] = Counter(m.label for m in self.mutants if m.caught)
        return {label: (totals[label], caught[label]) for label in sorted(totals)}

    def ok(self, min_recall: float) -> bool:
        return self.recall >= min_recall and not self.false_alarms and not self.clean_failures

    def to_json(self) -> dict:
        return {
            "mutants": len(self.mutants),
            "caught": self.caught,
            "recall": round(self.recall, 4),
            "clean_documents": self.n_clean,
            "seconds": round(self.seconds, 1),
            "by_kind": {k: {"mutants": n, "caught": c} for k, (n, c) in self.by_kind().items()},
            "false_alarms": [asdict(f) for f in self.false_alarms],
            "clean_failures": self.clean_failures,
            "results": [asdict(m) for m in self.mutants],
        }


def judge(mutant: Mutant, baseline: Outcome, outcome: Outcome) -> MutantResult:
    """Caught: an expected check has a fail the clean document did not have."""
    before = Counter(f.key for f in baseline.fails)
    new = []
    for fail in outcome.fails:
        if before[fail.key] > 0:
            before[fail.key] -= 1
        else:
            new.append(fail)
    caught = outcome.status != "failed" and any(f.check_id in mutant.expected for f in new)
    return MutantResult(
        mutant.clean,
        mutant.rendition,
        mutant.origin,
        mutant.kind,
        list(mutant.expected),
        mutant.what,
        caught,
        [f"{f.check_id}: {f.message}" for f in new],
        outcome.error if outcome.status == "failed" else None,
    )


def run(plan: Plan, workers: int = WORKERS) -> Report:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        clean_jobs = {c.name: pool.submit(outcome_of, c.data, c.name) for c in plan.cleans}
        mutant_jobs = [pool.submit(outcome_of, m.data, f"{m.clean}~{m.kind}") for m in plan.mutants]
        baselines = {name: job.result() for name, job in clean_jobs.items()}
        results = [
            judge(m, baselines[m.clean], job.result())
            for m, job in zip(plan.mutants, mutant_jobs, strict=True)
        ]
    false_alarms = [
        FalseAlarm(name, f.check_id, f.message)
        for name, outcome in baselines.items()
        for f in outcome.fails
        if f.severity == "error"
    ]
    clean_failures = [f"{n}: {o.error}" for n, o in baselines.items() if o.status == "failed"]
    return Report(results, false_alarms, clean_failures, len(plan.cleans))
