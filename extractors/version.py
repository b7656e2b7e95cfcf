"""The version of loading and extraction, stamped on every `documents` row.

Bump it when a change to a loader or an extractor changes any row: an incremental run
re-extracts every document an older version wrote. Kept in a module of its own, with no
imports, so that planning a run does not load the extractors.
"""

EXTRACTOR_VERSION = "2026.12.2"
