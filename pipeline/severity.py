"""Severities in order of urgency, and the one colour each has in the terminal and the HTML report."""

from __future__ import annotations

ORDER = ("error", "warning", "info")
TERMINAL = {"error": "red", "warning": "yellow", "info": "cyan"}  # rich colour names
HTML = {"error": "#c62828", "warning": "#e08a00", "info": "#1565c0"}


def rank(severity: str) -> int:
    """0 for error, 1 for warning, 2 for info; unknown severities last."""
    return ORDER.index(severity) if severity in ORDER else len(ORDER)


def at_least(severity: str) -> tuple[str, ...]:
    """The severities as urgent as `severity` or more: warning -> (error, warning)."""
    if severity not in ORDER:
        raise ValueError(f"unknown severity {severity!r}; one of {', '.join(ORDER)}")
    return ORDER[: ORDER.index(severity) + 1]
