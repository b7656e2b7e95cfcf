"""Generator of realistic report layouts with known expected values (see corpus.py for the entry points)."""
