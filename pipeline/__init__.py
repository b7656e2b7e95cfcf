"""Orchestration: discover files, process each in isolation, write one dataset per run."""
