"""Reading one part of a zip package (DOCX, XLSX) a chunk at a time, to count what it holds
before a parser builds an object of each."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

_CHUNK = 1 << 20
_CARRY = 256  # bytes kept between chunks: longer than any tag the patterns match


def chunks(archive: zipfile.ZipFile, name: str) -> Iterator[tuple[bytes, int]]:
    """The part's bytes a chunk at a time, each with the end of the carry the next one repeats:
    a match starting before it is counted in this chunk, the rest in the next."""
    carry = b""
    with archive.open(name) as part:
        while chunk := part.read(_CHUNK):
            buffer = carry + chunk
            end = max(0, len(buffer) - _CARRY)
            yield buffer, end
            carry = buffer[end:]
    yield carry, len(carry)


def count(archive: zipfile.ZipFile, name: str, pattern: re.Pattern[bytes]) -> int:
    """How many times `pattern` (shorter than the carry) occurs in the part."""
    return sum(
        sum(1 for m in pattern.finditer(buffer) if m.start() < end) for buffer, end in chunks(archive, name)
    )
