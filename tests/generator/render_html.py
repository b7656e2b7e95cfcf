"""HTML as published on government sites: an article with rowspan/colspan tables."""

from __future__ import annotations

from html import escape

from tests.generator.grids import Grid, grid_for
from tests.generator.model import Heading, MetaLines, Para, Report, TableBlock
from tests.generator.text import fill


def table_html(grid: Grid) -> str:
    rows = []
    by_row: dict[int, list] = {}
    for c in grid.cells:
        by_row.setdefault(c.row, []).append(c)
    for r in range(grid.n_rows):
        tag = "th" if r < grid.header_rows else "td"
        cells = []
        for c in sorted(by_row.get(r, []), key=lambda c: c.col):
            spans = (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "") + (
                f' colspan="{c.colspan}"' if c.colspan > 1 else ""
            )
            cells.append(f"<{tag}{spans}>{escape(c.text).replace(chr(10), '<br>')}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head, body = rows[: grid.header_rows], rows[grid.header_rows :]
    thead = f"<thead>{''.join(head)}</thead>" if head else ""
    return f'<table border="1" cellspacing="0">{thead}<tbody>{"".join(body)}</tbody></table>'


def render_html(report: Report) -> bytes:
    parts = [
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">',
        f"<title>{escape(report.meta.title)}</title>",
        "<style>table{border-collapse:collapse}td,th{border:1px solid #333;padding:3px}</style>",
        '</head>\n<body>\n<div class="crumb">首页 &gt; 政务公开 &gt; 财政预决算</div>\n<article>',
    ]
    for block in report.body:
        if isinstance(block, Heading):
            level = block.level + 1
            parts.append(f"<h{level}>{escape(block.text)}</h{level}>")
        elif isinstance(block, Para):
            parts.append(f"<p>{escape(fill(block.text, report))}</p>")
        elif isinstance(block, MetaLines):
            items = "".join(f"<li><span>{escape(k)}：</span>{escape(v)}</li>" for k, v in block.lines)
            parts.append(f'<ul class="meta">{items}</ul>')
        elif isinstance(block, TableBlock):
            if block.caption:
                parts.append(f'<p style="text-align:center">{escape(block.caption)}</p>')
            if block.unit_note:
                parts.append(f'<p style="text-align:right">{escape(block.unit_note)}</p>')
            parts.append(table_html(grid_for(block, report)))
    parts.append("</article>\n<footer>【打印本页】【关闭窗口】</footer>\n</body>\n</html>\n")
    return "\n".join(parts).encode("utf-8")
