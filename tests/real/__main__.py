"""`python -m tests.real [--out DIR] [--show-test] [--only PATTERN]`: ingest the real corpus and print the score per
part (development / test), per field kind, and the development part's misses.

The test part's misses are hidden unless asked for (`--show-test`): rules are written against the
development part only. `--only 'u*'` scores one batch of files, e.g. a newly collected one measured
before any rule has been written against it.
"""

from __future__ import annotations

import argparse
import fnmatch
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
    parser.add_argument("--only", metavar="PATTERN", help="score only the files matching this pattern")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        ingest([str(DOCS)], out, executor=ProcessPoolExecutor(args.workers, timeout=300), force=True)
        parts = score(out, only=args.only)
    n_docs = {"dev": 0, "test": 0}
    for g in gold_lines():
        if not args.only or fnmatch.fnmatch(g["file"], args.only):
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
