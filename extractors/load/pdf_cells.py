"""The cells of a ruled table from where its ruling lines cross: pdfplumber's `TableFinder`, with
the one step that dominated it (`intersections_to_cells`) written out without its repeated work.

pdfplumber's step, for every crossing, tests the crossings below and to the right of it pair by pair
for an edge they share, and builds the set of each crossing's edge boxes anew for every test (most
of the finder's time). Here each crossing's sets are built once and its neighbours looked up by
column and row; the tests and their order are pdfplumber's, so the cells are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pdfplumber
from pdfplumber.table import Table, TableFinder, cells_to_tables, edges_to_intersections
from pdfplumber.utils import obj_to_bbox

Point = tuple[float, float]
Box = tuple[float, float, float, float]


class CellFinder(TableFinder):
    """pdfplumber's `TableFinder` (its edges, crossings, grouping of cells into tables and `Table`s),
    the cells found by `cells_of`."""

    def __init__(self, page: pdfplumber.page.Page, settings: Any) -> None:
        self.page, self.settings = page, settings
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, settings.intersection_x_tolerance, settings.intersection_y_tolerance
        )
        self.cells = cells_of(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def cells_of(intersections: dict[Point, dict[str, list[dict]]]) -> list[Box]:
    """pdfplumber's `intersections_to_cells`: for each crossing in order, the smallest cell it is
    the top-left corner of, if any: the first crossing below it (by the same vertical edge) and the
    first to its right (by the same horizontal edge) whose opposite corner is a crossing joined to
    both."""
    vertical = {point: set(map(obj_to_bbox, edges["v"])) for point, edges in intersections.items()}
    horizontal = {point: set(map(obj_to_bbox, edges["h"])) for point, edges in intersections.items()}

    def joined(a: Point, b: Point) -> bool:
        return (a[0] == b[0] and not vertical[a].isdisjoint(vertical[b])) or (
            a[1] == b[1] and not horizontal[a].isdisjoint(horizontal[b])
        )

    points = sorted(intersections)
    # indexes of the points of each column and each row, in order
    columns: dict[float, list[int]] = {}
    rows: dict[float, list[int]] = {}
    for index, (x, y) in enumerate(points):
        columns.setdefault(x, []).append(index)
        rows.setdefault(y, []).append(index)
    cells = []
    for index, corner in enumerate(points):
        below = [points[k] for k in columns[corner[0]] if k > index]
        right = [points[k] for k in rows[corner[1]] if k > index]
        cell = _smallest_cell(corner, below, right, intersections, joined)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    corner: Point,
    below: list[Point],
    right: list[Point],
    intersections: dict[Point, Any],
    joined: Callable[[Point, Point], bool],
) -> Box | None:
    for below_point in below:
        if not joined(corner, below_point):
            continue
        for right_point in right:
            if not joined(corner, right_point):
                continue
            opposite = (right_point[0], below_point[1])
            if opposite in intersections and joined(opposite, right_point) and joined(opposite, below_point):
                return (corner[0], corner[1], opposite[0], opposite[1])
    return None
