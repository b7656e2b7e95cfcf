"""Handing freed memory back to the system (glibc), for loaders that allocate in bursts."""

from __future__ import annotations

import contextlib
import ctypes


def release_freed_memory() -> None:
    """Return the heap's free pages to the system. glibc keeps what a burst of large allocations
    freed (OCR's tensors, a page's pixels) and reuses it badly, so without this a process's
    resident memory climbs page after page towards the sum of its peaks."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
