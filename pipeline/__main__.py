"""`python -m pipeline` and the `jixiao` command run the command line.

The command line is imported inside `main`: worker processes started with spawn import the main
module (this one, or the `jixiao` script that imports `main` from it) without running it, and so do
not load the CLI, the dataset writer or pyarrow, which only the driver needs (~40 MB a worker).
"""


def main() -> None:
    from pipeline.cli import app

    app()


if __name__ == "__main__":
    main()
