"""Handing freed memory back to the system (glibc), for loaders that allocate in bursts."""

from __future__ import annotations

import contextlib
import ctypes
import functools
from collections.abc import Iterator

M_MMAP_THRESHOLD = -3  # mallopt's parameter number (glibc's malloc.h)
GLIBC_MAX_MMAP_THRESHOLD = 32 * 1024 * 1024  # where glibc's own sliding threshold stops (64-bit)


@functools.lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim, libc.mallopt  # noqa: B018 (glibc: both exist)
    except (OSError, AttributeError):
        return None
    return libc


def release_freed_memory() -> None:
    """Return the heap's free pages to the system. glibc keeps what a burst of large allocations
    freed (OCR's tensors, a page's pixels) and reuses it badly, so without this a process's
    resident memory climbs page after page towards the sum of its peaks."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@contextlib.contextmanager
def mapped_allocations(threshold: int = 256 * 1024) -> Iterator[None]:
    """Inside: every allocation of `threshold` bytes or more gets pages of its own, returned to the
    system the moment it is freed, instead of coming from glibc's heap, where a run of a network
    that allocates each tensor anew (onnxruntime's first run of an input shape) leaves the freed ones
    scattered and resident. After: the threshold glibc's sliding one settles at (32 MB), fixed."""
    libc = _libc()
    if libc is None:
        yield
        return
    libc.mallopt(M_MMAP_THRESHOLD, threshold)
    try:
        yield
    finally:
        libc.mallopt(M_MMAP_THRESHOLD, GLIBC_MAX_MMAP_THRESHOLD)
