"""Which page a loader is reading, for the error of a document stopped by a limit
("timeout after 300 s (--timeout 300) while reading page 17").

Loaders call `reading_page(n)` as they start a page; the limited worker listens (a shared integer
its parent reads when it kills the worker). Without a listener it costs one call.
"""

from __future__ import annotations

from collections.abc import Callable

_listeners: list[Callable[[int], None]] = []


def reading_page(number: int) -> None:
    for listener in _listeners:
        listener(number)


def listen(listener: Callable[[int], None]) -> None:
    _listeners.append(listener)
