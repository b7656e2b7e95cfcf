"""`python -m tests.real [--out DIR] [--show-test]`: ingest the real corpus and print the score per
part (development / test), per field kind, and the development part's misses.

The test part's misses are hidden unless asked for (`--show-test`): rules are written against the
development part only.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from pipeline.executors import ProcessPoolExecutor
from pipeline.run import ingest
from tests.real.score import DOCS, gold_lines, part_of, score


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.real")
    parser.add_argument("--out", type=Path, help="dataset folder (default: a temporary one)")
    parser.add_argument("--show-test", action="store_true", help="also list the test part's misses")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        ingest([str(DOCS)], out, executor=ProcessPoolExecutor(args.workers, timeout=300), force=True)
        parts = score(out)
    n_docs = {"dev": 0, "test": 0}
    for g in gold_lines():
        n_docs[part_of(DOCS / g["file"])] += 1
    for name in ("dev", "test"):
        s = parts[name]
        if name == "dev" or args.show_test:
            for line in s.lines:
                print(line)
        print(f"{name} missed by kind: " + ", ".join(f"{k} {n}" for k, n in s.missed.most_common()))
    for name in ("dev", "test"):
        print(parts[name].summary(name, n_docs[name]))


if __name__ == "__main__":
    main()
