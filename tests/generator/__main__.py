"""python -m tests.generator OUT_DIR --seed N --count K [--mutated M]
python -m tests.generator OUT_DIR --seed N --index I --layout L --formats xlsx,xls,doc,png"""

from __future__ import annotations

import argparse
from pathlib import Path

from tests.generator.corpus import clean_documents, mutated_documents, renditions, write_corpus


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.generator", description=__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=9, help="clean reports, cycling through the layouts")
    parser.add_argument("--mutated", type=int, default=0, help="single-edit reports for mutation testing")
    parser.add_argument("--index", type=int, help="one report: its number (with --layout and --formats)")
    parser.add_argument("--layout", help="the layout of the one report")
    parser.add_argument("--formats", help="comma-separated formats of the one report (doc needs LibreOffice)")
    args = parser.parse_args()
    if args.index is not None:
        formats = tuple(args.formats.split(",")) if args.formats else None
        documents = renditions(args.seed, args.index, args.layout, formats)
    else:
        documents = clean_documents(args.seed, args.count) + mutated_documents(args.seed, args.mutated)
    pairs = write_corpus(args.out_dir, documents)
    print(f"wrote {len(pairs)} files and gold.jsonl to {args.out_dir}")


if __name__ == "__main__":
    main()
