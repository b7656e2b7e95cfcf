"""Imported by every Python process started with this folder on PYTHONPATH (the hostile-corpus test
puts it there, so the CLI and each worker it spawns load it): an audit hook that refuses network
sockets, name lookups and opening the secret file, and logs every attempt to $JIXIAO_GUARD_LOG.
Only AF_UNIX sockets are allowed (multiprocessing's pipes are socket pairs)."""

from __future__ import annotations

import os
import socket
import sys

_LOG = os.environ.get("JIXIAO_GUARD_LOG")
_SECRET = os.environ.get("JIXIAO_GUARD_SECRET", "/etc/passwd")
_NETWORK = {"socket.connect", "socket.bind", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto"}


def _probing_ipv6() -> bool:
    """urllib3 (imported by spaCy) opens an IPv6 socket at import to learn whether the host has
    IPv6; refused like any other, but it is no attempt to reach anything, so it is not logged."""
    frame = sys._getframe()
    while frame is not None:
        if frame.f_code.co_name == "_has_ipv6" and "urllib3" in frame.f_code.co_filename:
            return True
        frame = frame.f_back
    return False


def _refuse(event: str, detail: object) -> None:
    if _LOG and not _probing_ipv6():
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {event} {detail!r}\n")
    raise PermissionError(f"blocked by the test's guard: {event}")


def _guard(event: str, args: tuple) -> None:
    if event == "socket.__new__" and args[1] not in (socket.AF_UNIX, -1) or event in _NETWORK:
        _refuse(event, args[1:])
    elif event == "open" and isinstance(args[0], str) and os.path.realpath(args[0]) == _SECRET:
        _refuse(event, args[0])


if _LOG:
    sys.addaudithook(_guard)
