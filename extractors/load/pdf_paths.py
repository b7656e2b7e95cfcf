"""A page's painted paths read from pypdfium2's page objects, as the line, rect and curve objects
pdfplumber makes of them (pdfminer's rules, pdfminer/converter.py `paint_path`: a lone segment is a
line, a closed axis-aligned four-sided path a rect, anything else a curve of its segments' end
points), in pdfplumber's coordinates. pdfplumber's table finder reads ruling lines from these
without pdfminer parsing the page's content stream."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from itertools import chain

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.utils.geometry import curve_to_edges, line_to_edge, rect_to_edges

from extractors.load.pdf_chars import undeclared
from extractors.load.pdf_placement import Placement

# a path's segments are read a call each, four a segment: through prototypes without declared
# arguments (pdf_chars), passed pypdfium2's pointers as they are (a segment comes back as one)
_segment_of = undeclared(pdfium_c.FPDFPath_GetPathSegment, pdfium_c.FPDF_PATHSEGMENT)
_point_of = undeclared(pdfium_c.FPDFPathSegment_GetPoint, ctypes.c_int)
_kind_of = undeclared(pdfium_c.FPDFPathSegment_GetType, ctypes.c_int)
_closes = undeclared(pdfium_c.FPDFPathSegment_GetClose, ctypes.c_int)

Point = tuple[float, float]
Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as PDF's cm
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass
class PagePaths:
    lines: list[dict] = field(default_factory=list)
    rects: list[dict] = field(default_factory=list)
    curves: list[dict] = field(default_factory=list)

    @property
    def edges(self) -> list[dict]:
        """pdfplumber's `page.edges`, in its order: lines, then rects' sides, then curves'."""
        return [
            *map(line_to_edge, self.lines),
            *chain.from_iterable(map(rect_to_edges, self.rects)),
            *chain.from_iterable(map(curve_to_edges, self.curves)),
        ]


def page_paths(page: pdfium.PdfPage) -> PagePaths:
    """Every painted path of the page, form XObjects' included (pdfminer reads into them too)."""
    placement = Placement(page)
    paths = PagePaths()
    objects = [pdfium_c.FPDFPage_GetObject(page, k) for k in range(pdfium_c.FPDFPage_CountObjects(page))]
    _add_objects(objects, _IDENTITY, placement, paths)
    return paths


def _add_objects(objects: list, outer: Matrix, placement: Placement, paths: PagePaths) -> None:
    for item in objects:
        kind = pdfium_c.FPDFPageObj_GetType(item)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            matrix = _then(_matrix_of(item), outer)
            for shape, points in _subpaths(item):
                _add_subpath(shape, [_shown(point, matrix, placement) for point in points], placement, paths)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            inner = [
                pdfium_c.FPDFFormObj_GetObject(item, k)
                for k in range(pdfium_c.FPDFFormObj_CountObjects(item))
            ]
            _add_objects(inner, _then(_matrix_of(item), outer), placement, paths)


def _subpaths(item: ctypes.c_void_p) -> list[tuple[str, list[Point]]]:
    """The path as pdfminer sees it: per subpath (from each move), its operators ('m', 'l', 'c',
    'h') and each one's end point ('h' goes back to the start). pdfium lists a Bézier curve as
    three points (two control points and the end) and closes a path with a flag on its last point,
    after a line back to the start where that was not drawn."""
    x, y = ctypes.c_float(), ctypes.c_float()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    out: list[tuple[str, list[Point]]] = []
    shape: list[str] = []
    points: list[Point] = []
    bezier = 0
    for index in range(pdfium_c.FPDFPath_CountSegments(item)):
        segment = _segment_of(item, index)
        _point_of(segment, x_ref, y_ref)
        kind = _kind_of(segment)
        point = (x.value, y.value)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if shape:
                out.append(("".join(shape), points))
            shape, points, bezier = ["m"], [point], 0
        elif not shape:
            continue  # pdfminer drops a path that does not open with a move
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3 == 0:
                shape.append("c")
                points.append(point)
        else:
            shape.append("l")
            points.append(point)
        if shape and _closes(segment):
            shape.append("h")
            points.append(points[0])
    if shape:
        out.append(("".join(shape), points))
    return out


def _add_subpath(shape: str, pts: list[Point], placement: Placement, paths: PagePaths) -> None:
    if len(shape) < 2:
        return  # a lone move paints nothing (pdfminer skips it)
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape, pts = shape[:-2] + "h", pts[:-1]  # a redundant line back to the start before the close
    if shape in ("mlh", "ml"):
        paths.lines.append(_object("line", pts[:2], placement))
    elif shape in ("mlllh", "mllll") and pts[0] == pts[4] and _square(pts):
        paths.rects.append(_object("rect", [pts[0], pts[2]], placement))
    else:
        paths.curves.append({**_object("curve", pts, placement), "pts": pts})


def _square(pts: list[Point]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
        y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
    )


def _object(kind: str, pts: list[Point], placement: Placement) -> dict:
    """pdfplumber's dict of a line, rect or curve: its box in shown coordinates (`top`, `bottom`)
    and in PDF's bottom-up ones (`y0`, `y1`), which pdfplumber's rect edges carry."""
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    height = placement.height if placement.rotation in (0, 180) else placement.width
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "y0": height - bottom,
        "y1": height - top,
        "width": x1 - x0,
        "height": bottom - top,
    }


def _matrix_of(item: ctypes.c_void_p) -> Matrix:
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(item, ctypes.byref(matrix)):
        return _IDENTITY
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _then(first: Matrix, second: Matrix) -> Matrix:
    """`first` applied, then `second` (PDF's row-vector convention: first x second)."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = second
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _shown(point: Point, matrix: Matrix, placement: Placement) -> Point:
    x, y = point
    a, b, c, d, e, f = matrix
    return placement.point(a * x + c * y + e, b * x + d * y + f)
