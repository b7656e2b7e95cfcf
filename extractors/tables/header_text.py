"""Reading a table header's words: which column meanings a run of header text names, in order.

Shared by the rebuilders of text tables (one cell a line, and |- or space-delimited rows).
"""

from __future__ import annotations

import re

from extractors.vocabulary import HEADER_WORDS

# What stands in an empty cell of a pasted table.
PLACEHOLDERS = frozenset({"", "—", "-", "/", "——", "－", "…", "……"})

FILLERS = ("及改进措施", "改进措施", "说明", "情况", "分析", "原因", "及", "和", "与", "（分）", "(分)")

_HEADER_TOKENS = sorted(
    ((w, role) for role, words in HEADER_WORDS.items() for w in words), key=lambda t: -len(t[0])
)


def squash(text: str | None) -> str:
    """The text without any whitespace (layout spaces and line breaks inside cells)."""
    return re.sub(r"\s+", "", text or "")


def header_roles(text: str) -> tuple[list[str], bool] | None:
    """(column roles in order, complete) of a squashed header text; None when it is not header words.

    `complete` is False when the text ends inside a header word (a wrapped header cell).
    """
    roles: list[str] = []
    pos = 0
    while pos < len(text):
        for word, role in _HEADER_TOKENS:
            if text.startswith(word, pos):
                if role not in roles:
                    roles.append(role)
                pos += len(word)
                break
        else:
            filler = next((f for f in FILLERS if text.startswith(f, pos)), None)
            if filler is None or not roles:
                rest = text[pos:]
                words = [w for w, _ in _HEADER_TOKENS] + list(FILLERS)
                if roles and any(w.startswith(rest) for w in words):
                    return roles, False
                return None
            pos += len(filler)
    return roles, True
