"""HTML: the article's text blocks and tables in document order; site chrome dropped.

Headings: <h1> is the title, <h2>..<h6> are levels 1..5. A block element with no block inside it
is one paragraph (<br> a line break in it); text loose between blocks is a paragraph too. Tables
keep rowspan/colspan as cell spans.
"""

from __future__ import annotations

import itertools
import re

import lxml.html
from lxml import etree

from extractors.document import Block, Cell, Document, LoadError, Paragraph, Table
from extractors.load.text import decode_text
from extractors.text.normalise import normalise_text

_CHROME_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
}
_CHROME_CLASS = re.compile(r"crumb|\bnav(?:bar)?\b|\bmenu\b|\bsidebar\b", re.IGNORECASE)
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "center", "body", "td", "th", "tr", "tbody", "thead",
    "tfoot", "figure", "figcaption", "address",
}  # fmt: skip
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
MAX_SPAN = 100  # rows or columns one cell may span (real tables have < 20 columns)
# markup characters ('<') a page may hold: real report pages have tens of thousands; a million is
# about 500 000 elements, which lxml and the blocks made of them hold in a few hundred MB
MAX_TAGS = 1_000_000
# attributes on one element: real ones have fewer than 20, and libxml2 compares each new one with
# every one before it (a million on one <div> ran past the timeout)
MAX_ATTRIBUTES = 1000
_LONG = 1 << 16  # a tag, or an attribute value, this long is looked at before parsing
_LONG_TAG = re.compile(rb"<[A-Za-z][^<>]{%d,}" % _LONG)
_ATTRIBUTE = re.compile(rb"""\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*))?""")
_LONG_VALUE = re.compile(rb"""=\s*(?:"[^"]{%d,}"|'[^']{%d,}')""" % (_LONG, _LONG))


def load_html(data: bytes) -> Document:
    tags = data.count(b"<")
    if tags > MAX_TAGS:
        raise LoadError(f"refused HTML: {tags} tags > {MAX_TAGS}")
    data = _shrink_long_tags(data)
    declared = _META_CHARSET.search(data[:4096])
    text = decode_text(data, declared.group(1).decode("ascii") if declared else None)
    if text is None:
        raise LoadError("not a supported format (binary)")
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise LoadError(f"corrupt HTML: {' '.join(str(exc).split())[:200]}") from exc
    limit = next((e.message for e in parser.error_log if e.type_name == "ERR_RESOURCE_LIMIT"), None)
    if limit is not None:
        # libxml2 stops at its depth limit (256) or its 10 MB text-run limit and drops the rest of
        # the page: say so instead of reading a truncated page; the walk below then never
        # recurses deeper than that
        if "depth" in limit.lower():
            raise LoadError("refused HTML: elements nested more than 256 deep")
        raise LoadError("refused HTML: a run of text longer than 10 MB")
    title_element = root.find(".//title")
    title = normalise_text(title_element.text_content()) if title_element is not None else ""
    _drop_chrome(root)
    body = root.find("body")
    blocks: list[Block] = []
    _walk(body if body is not None else root, blocks)
    return Document(source_format="html", blocks=blocks, title=title or None)


def _shrink_long_tags(data: bytes) -> bytes:
    """The page with every tag of 64 KB or more checked: refused with more than MAX_ATTRIBUTES
    attributes; its attribute values of 64 KB or more (inline data: pictures) emptied, since
    libxml2 refuses a value over 10 MB, drops the rest of the page, and no such value is text."""
    pieces, at = [], 0
    for tag in _LONG_TAG.finditer(data):
        attributes = sum(1 for _ in itertools.islice(_ATTRIBUTE.finditer(tag.group()), MAX_ATTRIBUTES + 1))
        if attributes > MAX_ATTRIBUTES:
            raise LoadError(f"refused HTML: an element with more than {MAX_ATTRIBUTES} attributes")
        pieces += [data[at : tag.start()], _LONG_VALUE.sub(b'=""', tag.group())]
        at = tag.end()
    return b"".join([*pieces, data[at:]]) if pieces else data


def _drop_chrome(root: lxml.html.HtmlElement) -> None:
    """Scripts, styles, navigation, site header/footer and breadcrumbs are not the report."""
    doomed = [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and (
            element.tag in _CHROME_TAGS
            or _CHROME_CLASS.search(f"{element.get('class', '')} {element.get('id', '')}")
        )
        and element.tag not in {"body", "html"}
    ]
    for element in doomed:
        element.drop_tree()
    for comment in root.iter(etree.Comment):
        comment.drop_tree()


def _walk(element: lxml.html.HtmlElement, blocks: list[Block]) -> None:
    """Emit `element`'s content: a leaf block becomes one paragraph; a block holding blocks emits
    its loose inline text as paragraphs between its children's blocks."""
    if element.tag == "table":
        table = _table(element)
        if table.cells:
            blocks.append(table)
        return
    if not _has_block_child(element):
        _emit(element.tag, _inline_text(element), blocks)
        return
    loose = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
            _emit("p", "".join(loose), blocks)
            loose = []
            _walk(child, blocks)
        else:
            loose.append(_inline_piece(child))
        loose.append(child.tail or "")
    _emit("p", "".join(loose), blocks)


def _has_block_child(element: lxml.html.HtmlElement) -> bool:
    return any(isinstance(child.tag, str) and child.tag in _BLOCK_TAGS for child in element.iterdescendants())


def _emit(tag: str, raw: str, blocks: list[Block]) -> None:
    text = normalise_text(raw)
    if not text:
        return
    level = int(tag[1]) - 1 if re.fullmatch(r"h[2-6]", tag) else None
    blocks.append(Paragraph(text=text, heading_level=level, is_title=tag == "h1"))


def _inline_text(element: lxml.html.HtmlElement) -> str:
    """Text with <br> as a line break and <p>/<div> inside it (table cells) one a line."""
    parts = [element.text or ""]
    for child in element:
        parts.append(_inline_piece(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _inline_piece(child: lxml.html.HtmlElement) -> str:
    if not isinstance(child.tag, str):  # a processing instruction or entity left in the tree
        return ""
    if child.tag == "br":
        return "\n"
    if child.tag in _BLOCK_TAGS:
        return f"\n{_inline_text(child)}\n"
    return _inline_text(child)


def _table(element: lxml.html.HtmlElement) -> Table:
    """Cells placed on a grid: a position taken by a rowspan from above is skipped."""
    cells: list[Cell] = []
    taken: set[tuple[int, int]] = set()
    rows = [tr for tr in element.iter("tr") if _owning_table(tr) is element]
    for row_index, tr in enumerate(rows):
        col = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in {"td", "th"}:
                continue
            while (row_index, col) in taken:
                col += 1
            rowspan = max(1, min(_span(td, "rowspan"), len(rows) - row_index))
            colspan = max(1, _span(td, "colspan"))
            cells.append(
                Cell(
                    row=row_index,
                    col=col,
                    text=normalise_text(_inline_text(td)),
                    rowspan=rowspan,
                    colspan=colspan,
                )
            )
            taken.update(
                (r, c) for r in range(row_index, row_index + rowspan) for c in range(col, col + colspan)
            )
            col += colspan
    n_cols = max((c for _, c in taken), default=-1) + 1
    return Table(cells=cells, n_rows=len(rows), n_cols=n_cols)


def _owning_table(tr: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _span(td: lxml.html.HtmlElement, attribute: str) -> int:
    match = re.match(r"\s*(\d+)", td.get(attribute, "1"))
    return min(int(match.group(1)), MAX_SPAN) if match else 1  # a hostile colspan=10**9 must not blow up
