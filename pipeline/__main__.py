"""`python -m pipeline` runs the `jixiao` command line."""

from pipeline.cli import app

if __name__ == "__main__":  # spawned worker processes import this module without running it
    app()
