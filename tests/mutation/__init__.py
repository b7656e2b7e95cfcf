"""Mutation testing of the check engine: single realistic edits to clean reports, each of which a named
check must catch (see runner.py; `python -m tests.mutation`)."""
