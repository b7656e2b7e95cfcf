"""python -m tests.mutation [--count N] [--seed S] [--out report.json]

Exits 1 when recall is under --min-recall, a clean document has an error-severity fail, or a clean
document cannot be processed."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from tests.mutation.plan import build_plan
from tests.mutation.runner import Report, run


def show(report: Report, console: Console) -> None:
    table = Table(title=f"mutation testing: {len(report.mutants)} mutants, {report.n_clean} clean documents")
    for column in ("kind", "mutants", "caught", "recall"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    for label, (n, caught) in report.by_kind().items():
        table.add_row(label, str(n), str(caught), f"{caught / n:.1%}")
    table.add_row("all", str(len(report.mutants)), str(report.caught), f"{report.recall:.2%}", style="bold")
    console.print(table)
    missed = [m for m in report.mutants if not m.caught]
    if missed:
        console.print(f"[bold red]missed ({len(missed)}):")
        for m in missed:
            console.print(f"  {m.clean} [{m.label}] {m.what}; expected {', '.join(m.expected)}")
            console.print(
                f"      error: {m.error}" if m.error else f"      new fails: {m.new_fails or 'none'}"
            )
    for alarm in report.false_alarms:
        console.print(f"[bold red]false alarm[/] {alarm.document}: {alarm.check_id}: {alarm.message}")
    for failure in report.clean_failures:
        console.print(f"[bold red]clean document not processed[/] {failure}")
    console.print(
        f"recall {report.recall:.2%}, false alarms {len(report.false_alarms)}, wall time {report.seconds:.0f} s"
    )


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.mutation", description=__doc__)
    parser.add_argument("--count", type=int, default=520, help="mutants, about half of them source edits")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="write the full report as JSON")
    parser.add_argument("--min-recall", type=float, default=0.99)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    started = time.monotonic()
    report = run(build_plan(args.count, args.seed), args.workers)
    report.seconds = time.monotonic() - started
    show(report, Console(width=200))
    if args.out:
        args.out.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if report.ok(args.min_recall) else 1


if __name__ == "__main__":
    sys.exit(main())
