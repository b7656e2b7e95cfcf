"""Per-document extraction: load -> normalise -> segment -> extract facts.

Every function here is pure (bytes or a Document in, records out), so one document's whole
path can run in any worker process.
"""
