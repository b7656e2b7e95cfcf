"""Tables from pictures of ruled tables: ruling lines found in a page image, the grid they draw
(merged cells as spans) and which grid cell a text box falls in.

Pure numpy on a boolean "ink" image (True where the page is dark), so it runs wherever the OCR
loader runs and needs no OpenCV. Coordinates are pixels, x to the right and y down.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Rule:
    """An axis-aligned ruling line: `pos` is its y (horizontal) or x (vertical); it runs start..end."""

    pos: float
    start: float
    end: float


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Grid:
    """One ruled table: column edges `xs`, row edges `ys` (both ascending) and its cells."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[GridCell, ...]

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def cell_at(self, x: float, y: float) -> GridCell | None:
        """The (possibly merged) cell holding the point, None outside the table."""
        if not self.contains(x, y):
            return None
        row = min(max(bisect_right(self.ys, y) - 1, 0), self.n_rows - 1)
        col = min(max(bisect_right(self.xs, x) - 1, 0), self.n_cols - 1)
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.rowspan and cell.col <= col < cell.col + cell.colspan:
                return cell
        return None


def find_rules(ink: np.ndarray, min_length: int, max_thickness: int) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical ruling lines: ink runs at least `min_length` pixels long, stacked
    into lines no thicker than `max_thickness` (thicker ink is a picture or a filled bar)."""
    horizontal = _rules_along_rows(ink, min_length, max_thickness)
    vertical = _rules_along_rows(ink.T, min_length, max_thickness)
    return horizontal, vertical


def _rules_along_rows(ink: np.ndarray, min_length: int, max_thickness: int) -> list[Rule]:
    padded = np.zeros((ink.shape[0], ink.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = ink
    steps = np.diff(padded, axis=1)
    start_rows, starts = np.nonzero(steps == 1)
    _, ends = np.nonzero(steps == -1)  # row-major order pairs every start with its end
    long_runs = (ends - starts) >= min_length
    open_lines: list[list[float]] = []  # [first_row, last_row, start, end]
    closed: list[list[float]] = []
    for row, start, end in zip(start_rows[long_runs], starts[long_runs], ends[long_runs], strict=True):
        for line in open_lines:
            if row - line[1] <= 1 and min(end, line[3]) - max(start, line[2]) > 0.5 * (end - start):
                line[1], line[2], line[3] = row, min(start, line[2]), max(end, line[3])
                break
        else:
            open_lines.append([row, row, start, end])
        closed += [line for line in open_lines if row - line[1] > 1]
        open_lines = [line for line in open_lines if row - line[1] <= 1]
    rules = [
        Rule((first + last) / 2, float(start), float(end))
        for first, last, start, end in closed + open_lines
        if last - first + 1 <= max_thickness
    ]
    return _join_broken(rules, gap=max_thickness)


def _join_broken(rules: list[Rule], gap: float) -> list[Rule]:
    """One rule for pieces of the same line separated by a small break in the ink."""
    joined: list[Rule] = []
    for rule in sorted(rules, key=lambda r: (round(r.pos / gap), r.start)):
        last = joined[-1] if joined else None
        if last and abs(last.pos - rule.pos) <= gap / 2 and rule.start - last.end <= gap:
            joined[-1] = Rule((last.pos + rule.pos) / 2, last.start, max(last.end, rule.end))
        else:
            joined.append(rule)
    return joined


def _touches(horizontal: Rule, vertical: Rule, tol: float) -> bool:
    return (
        vertical.start - tol <= horizontal.pos <= vertical.end + tol
        and horizontal.start - tol <= vertical.pos <= horizontal.end + tol
    )


def find_grids(horizontal: list[Rule], vertical: list[Rule], tol: float) -> list[Grid]:
    """The ruled tables drawn by the rules, top to bottom. A rule belongs to a table when it meets
    at least two rules of the other direction (the text's own strokes never do), and a table needs
    at least two cells."""
    hs, vs = list(horizontal), list(vertical)
    while True:  # drop rules until every one left meets two others: pen strokes fall away
        kept_h = [h for h in hs if sum(_touches(h, v, tol) for v in vs) >= 2]
        kept_v = [v for v in vs if sum(_touches(h, v, tol) for h in kept_h) >= 2]
        if len(kept_h) == len(hs) and len(kept_v) == len(vs):
            break
        hs, vs = kept_h, kept_v
    grids = [_grid(group_h, group_v, tol) for group_h, group_v in _connected(hs, vs, tol)]
    return sorted((g for g in grids if len(g.cells) >= 2), key=lambda g: g.ys[0])


def _connected(hs: list[Rule], vs: list[Rule], tol: float) -> list[tuple[list[Rule], list[Rule]]]:
    """Rules grouped into tables: rules that meet, directly or through others, are one table."""
    parent = list(range(len(hs) + len(vs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _touches(h, v, tol):
                parent[root(i)] = root(len(hs) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(root(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(root(len(hs) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _edges(positions: list[float], tol: float) -> tuple[float, ...]:
    """Rule positions clustered into the table's row or column edges."""
    clusters: list[list[float]] = []
    for p in sorted(positions):
        if clusters and p - clusters[-1][-1] <= tol:
            clusters[-1].append(p)
        else:
            clusters.append([p])
    return tuple(float(np.mean(c)) for c in clusters)


def _covered(rules: list[Rule], pos: float, start: float, end: float, tol: float) -> bool:
    """Is the stretch start..end at `pos` drawn (mostly) by some rule?"""
    drawn = sum(max(0.0, min(end, r.end) - max(start, r.start)) for r in rules if abs(r.pos - pos) <= tol)
    return drawn >= 0.6 * (end - start)


def _grid(hs: list[Rule], vs: list[Rule], tol: float) -> Grid:
    xs, ys = _edges([v.pos for v in vs], tol), _edges([h.pos for h in hs], tol)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def root(key: tuple[int, int]) -> tuple[int, int]:
        while parent[key] != key:
            key = parent[key]
        return key

    def merge(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not _covered(vs, xs[c + 1], ys[r], ys[r + 1], tol):
                merge((r, c), (r, c + 1))
            if r + 1 < n_rows and not _covered(hs, ys[r + 1], xs[c], xs[c + 1], tol):
                merge((r, c), (r + 1, c))
    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for key in parent:
        members.setdefault(root(key), []).append(key)
    cells = []
    for group in members.values():
        r0, r1 = min(r for r, _ in group), max(r for r, _ in group)
        c0, c1 = min(c for _, c in group), max(c for _, c in group)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]))
    return Grid(xs, ys, tuple(sorted(cells, key=lambda c: (c.row, c.col))))
