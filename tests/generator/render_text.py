"""Plain-text copies: headings and paragraphs as lines, tables flattened a row a line."""

from __future__ import annotations

from tests.generator.grids import Grid, grid_for
from tests.generator.model import Heading, MetaLines, Para, Report, TableBlock
from tests.generator.text import fill


def flat_table(grid: Grid, separator: str) -> list[str]:
    """Each row's own cells (a merged cell only on its first row), joined by the separator."""
    lines = []
    for r in range(grid.n_rows):
        cells = sorted((c for c in grid.cells if c.row == r), key=lambda c: c.col)
        lines.append(separator.join(c.text.replace("\n", "") for c in cells))
    return lines


def render_text(report: Report, separator: str = " | ", encoding: str = "utf-8") -> bytes:
    """separator " | " or "  " (a copy from a web page); encoding utf-8 or gb18030."""
    lines: list[str] = []
    for block in report.body:
        if isinstance(block, Heading):
            lines += [block.text, ""]
        elif isinstance(block, Para):
            lines += [fill(block.text, report), ""]
        elif isinstance(block, MetaLines):
            lines += [f"{k}：{v}" for k, v in block.lines] + [""]
        elif isinstance(block, TableBlock):
            lines += [x for x in (block.caption, block.unit_note) if x]
            lines += flat_table(grid_for(block, report), separator) + [""]
    return "\n".join(lines).encode(encoding)
