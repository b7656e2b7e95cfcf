"""pdf_cells finds the cells pdfplumber's `intersections_to_cells` finds, on made-up grids with
merged cells (ruling lines left out in places), lines drawn twice and stray lines."""

import random

import pytest
from pdfplumber.table import edges_to_intersections, intersections_to_cells

from extractors.load.pdf_cells import cells_of


def _edge(x0: float, top: float, x1: float, bottom: float) -> dict:
    orientation = "v" if x0 == x1 else "h"
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "orientation": orientation}


def _grid(rng: random.Random) -> list[dict]:
    xs = sorted(rng.sample(range(20, 500, 10), rng.randint(2, 8)))
    ys = sorted(rng.sample(range(20, 700, 10), rng.randint(2, 12)))
    edges = []
    for a, b in zip(ys, ys[1:], strict=False):  # vertical segments, one per row: gaps merge cells
        edges += [_edge(x, a, x, b) for x in xs if rng.random() > 0.15]
    for a, b in zip(xs, xs[1:], strict=False):
        edges += [_edge(a, y, b, y) for y in ys if rng.random() > 0.15]
    edges += [_edge(xs[0], ys[0], xs[-1], ys[0])] * rng.randint(0, 1)  # the top rule drawn twice
    x = rng.uniform(0, 500)
    edges += [_edge(x, 0, x, rng.uniform(10, 700))] * rng.randint(0, 1)  # a stray line
    return edges


@pytest.mark.parametrize("seed", range(60))
def test_cells_as_pdfplumber(seed):
    intersections = edges_to_intersections(_grid(random.Random(seed)), 3, 3)
    assert cells_of(intersections) == intersections_to_cells(intersections)
