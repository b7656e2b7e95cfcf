"""The second hostile set: files an attacker or a sloppy web server makes, large by declaration
rather than by bytes (a page tree that loops, a sheet that claims every cell, a page 5 m square),
written without looking at the first set's expectations. `tests.hostile_corpus` writes them with
its own; their expected rows are in `tests/gold/hostile.json` too.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from PIL import Image

# ---------------------------------------------------------------- PDF object graphs

_FONT = "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
_TEXT = b"BT /F1 12 Tf 72 700 Td (Budget performance 2023: 95.5 points) Tj ET"
_PAGE = f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R {_FONT} >>".encode()


def pdf_objects(objects: list[bytes]) -> bytes:
    """A PDF of these numbered objects (1 is the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(content: bytes, extra: str = "") -> bytes:
    packed = zlib.compress(content)
    return (
        f"<< /Length {len(packed)} /Filter /FlateDecode {extra} >>\nstream\n".encode()
        + packed
        + b"\nendstream"
    )


def one_page(pages: bytes, page: bytes = _PAGE, content: bytes = _TEXT, *more: bytes) -> bytes:
    return pdf_objects([b"<< /Type /Catalog /Pages 2 0 R >>", pages, page, stream(content), *more])


def pages_tree_loop() -> bytes:
    """/Pages whose Kids hold itself, and a second node whose Kids hold it back."""
    return one_page(
        b"<< /Type /Pages /Kids [2 0 R 3 0 R 5 0 R] /Count 3 >>",
        _PAGE,
        _TEXT,
        b"<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 2 0 R] /Count 2 >>",
    )


def pages_count_billion() -> bytes:
    """One page, and a page tree that claims 10^9 (a reader that trusts /Count allocates for them)."""
    return one_page(b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>")


def object_stream_in_itself() -> bytes:
    """A cross-reference stream saying the page, and the object stream itself, are compressed in
    object 5, which /Extends itself."""
    header = b"5 0 3 14 "
    inner = header + b"5 0 R      " + _PAGE
    bodies = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        4: stream(_TEXT),
        5: stream(inner, f"/Type /ObjStm /N 2 /First {len(header)} /Extends 5 0 R"),
    }
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in bodies.items():
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    rows = [b"\x00" + struct.pack(">I", 0) + b"\xff"]
    for number in range(1, 7):
        if number in (3, 5):
            rows.append(b"\x02" + struct.pack(">I", 5) + b"\x00")
        else:
            rows.append(b"\x01" + struct.pack(">I", offsets.get(number, xref)) + b"\x00")
    packed = zlib.compress(b"".join(rows))
    out += (
        f"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 1] /Root 1 0 R /Length {len(packed)} "
        "/Filter /FlateDecode >>\nstream\n"
    ).encode()
    out += packed + b"\nendstream\nendobj\n" + f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def huge_page_no_text() -> bytes:
    """A page of 14400 pt square (PDF's largest) with only a drawn frame: OCR would render 900 Mpx."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 4 0 R >>"
    return one_page(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, b"0 0 0 RG 100 100 14200 14200 re S")


def jpx_claiming_60000_px() -> bytes:
    """An image-only page drawing a JPEG 2000 image whose header claims 60000 x 60000 pixels."""
    ihdr = b"\x00\x00\x00\x16ihdr" + struct.pack(">IIHBBBB", 60000, 60000, 3, 7, 7, 0, 0)
    jp2 = (
        b"\x00\x00\x00\x0cjP  \r\n\x87\n\x00\x00\x00\x14ftypjp2 \x00\x00\x00\x00jp2 "
        + b"\x00\x00\x00\x2djp2h"
        + ihdr
        + b"\x00\x00\x00\x0fcolr\x01\x00\x00\x00\x00\x00\x10\xff\x4f\xff\x51"
        + b"\x00" * 40
    )
    image = (
        (
            f"<< /Type /XObject /Subtype /Image /Width 60000 /Height 60000 /ColorSpace /DeviceRGB "
            f"/BitsPerComponent 8 /Filter /JPXDecode /Length {len(jp2)} >>\nstream\n"
        ).encode()
        + jp2
        + b"\nendstream"
    )
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /XObject << /Im1 5 0 R >> >> >>"
    )
    return one_page(
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, b"q 595 0 0 842 0 0 cm /Im1 Do Q", image
    )


def deep_content(depth: int = 100_000) -> bytes:
    """A content stream nesting graphics states and arrays 100 000 deep around its one line."""
    content = b"q " * depth + b"[" * depth + b"]" * depth + b" " + _TEXT + b" Q" * depth
    return one_page(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE, content)


def deep_array(depth: int = 200_000) -> bytes:
    """An unused object of arrays nested 200 000 deep (a recursive parser's stack)."""
    return pdf_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Junk 5 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            _PAGE,
            stream(_TEXT),
            b"[" * depth + b"]" * depth,
        ]
    )


# ---------------------------------------------------------------- XLSX by hand

_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS_NS = b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
_TITLE = "项目支出绩效自评表".encode()


def write_part(archive: zipfile.ZipFile, name: str, data: str | bytes) -> None:
    """A part with a fixed date, so the committed files are rebuilt byte for byte."""
    archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


def xlsx(
    rows: bytes, strings: bytes = b"", sheet_tail: bytes = b"", links: dict[str, bytes] | None = None
) -> bytes:
    """A workbook of one sheet from its <sheetData> rows, shared strings and what follows the data
    (merges); `links` adds external-link parts (name -> XML, and its .rels) referred to by the book."""
    links = links or {}
    ext_refs = b"".join(b'<externalReference r:id="x%d"/>' % i for i, _ in enumerate(links))
    ext_rels = b"".join(
        f'<Relationship Id="x{i}" Type="{_REL}/externalLink" Target="externalLinks/{name}"/>'.encode()
        for i, name in enumerate(links)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        write_part(
            archive,
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            + "".join(
                f'<Override PartName="/xl/externalLinks/{name}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>'
                for name in links
            )
            + "</Types>",
        )
        write_part(
            archive,
            "_rels/.rels",
            b"<Relationships "
            + _RELS_NS
            + b'><Relationship Id="r1" Type="'
            + _REL.encode()
            + b'/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        write_part(
            archive,
            "xl/workbook.xml",
            b"<workbook "
            + _NS
            + b' xmlns:r="'
            + _REL.encode()
            + b'"><sheets><sheet name="Sheet1" sheetId="1" r:id="s1"/>'
            b"</sheets>"
            + (b"<externalReferences>" + ext_refs + b"</externalReferences>" if links else b"")
            + b"</workbook>",
        )
        write_part(
            archive,
            "xl/_rels/workbook.xml.rels",
            b"<Relationships "
            + _RELS_NS
            + b">"
            + f'<Relationship Id="s1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'.encode()
            + f'<Relationship Id="s2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'.encode()
            + ext_rels
            + b"</Relationships>",
        )
        write_part(archive, "xl/sharedStrings.xml", b"<sst " + _NS + b">" + strings + b"</sst>")
        write_part(
            archive,
            "xl/worksheets/sheet1.xml",
            b"<worksheet " + _NS + b"><sheetData>" + rows + b"</sheetData>" + sheet_tail + b"</worksheet>",
        )
        for name, (part, rels) in ((n, links[n].split(b"\0")) for n in links):
            write_part(archive, f"xl/externalLinks/{name}", part)
            write_part(archive, f"xl/externalLinks/_rels/{name}.rels", rels)
    return buffer.getvalue()


def _title_row(extra: bytes = b"") -> bytes:
    return b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + _TITLE + b"</t></is></c>" + extra + b"</row>"


def xlsx_corner_cells() -> bytes:
    """A1 and XFD1048576: a grid of the used range would be 17 billion cells."""
    return xlsx(_title_row() + b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')


def xlsx_merge_whole_sheet() -> bytes:
    """Two cells and one merged range over the whole sheet (openpyxl makes a cell of each it covers)."""
    return xlsx(
        _title_row(b'<c r="B1"><v>2</v></c>'),
        sheet_tail=b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    )


def xlsx_external_link(secret_file: str, canary_url: str) -> bytes:
    """A formula reading a cell of an external workbook (a local file) and one calling a URL."""
    part = (
        b"<externalLink " + _NS + b' xmlns:r="' + _REL.encode() + b'"><externalBook r:id="e1"><sheetNames>'
        b'<sheetName val="Sheet1"/></sheetNames></externalBook></externalLink>'
    )
    rels = (
        b"<Relationships "
        + _RELS_NS
        + b">"
        + f'<Relationship Id="e1" Type="{_REL}/externalLinkPath" Target="file://{secret_file}" TargetMode="External"/>'.encode()
        + b"</Relationships>"
    )
    formulas = (
        b'<c r="B1"><f>[1]Sheet1!A1</f><v>3</v></c>'
        + f'<c r="C1"><f>WEBSERVICE("{canary_url}/xlsx")</f><v>0</v></c>'.encode()
    )
    return xlsx(_title_row(formulas), links={"externalLink1.xml": part + b"\0" + rels})


def xlsx_million_rows() -> bytes:
    """1 048 576 rows of one number each (60 MB unpacked, 7 MB packed)."""
    return xlsx(
        b"".join(
            b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i % 97) for i in range(1, 1 << 20 | 1)
        )
    )


def xlsx_shared_strings(count: int = 4_000_000) -> bytes:
    """Four million shared strings (every one a heap object in the reader), ten cells using them."""
    cells = b"".join(b'<c r="A%d" t="s"><v>%d</v></c>' % (i + 2, i * 1000) for i in range(10))
    return xlsx(
        _title_row() + b'<row r="2">' + cells + b"</row>",
        (b"<si><t>" + "预算".encode() + b"</t></si>") * count,
    )


# ---------------------------------------------------------------- DOCX, HTML, images, text


def docx_with_part(base: bytes, name: str, data: bytes) -> bytes:
    """The package `base` with its part `name` replaced by `data`."""
    source = zipfile.ZipFile(io.BytesIO(base))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, data if info.filename == name else source.read(info.filename))
    return buffer.getvalue()


def docx_nested_tables(base: bytes, depth: int = 2000) -> bytes:
    """A table in a cell of a table ... 2000 deep (libxml2 refuses beyond 256)."""
    xml = zipfile.ZipFile(io.BytesIO(base)).read("word/document.xml")
    nest = b"<w:tbl><w:tr><w:tc>" * depth + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * depth
    return docx_with_part(base, "word/document.xml", xml.replace(b"</w:body>", nest + b"<w:p/></w:body>"))


def html_absurd_spans() -> bytes:
    """colspan of a million, rowspan of 65534 and of 10^11, a negative colspan."""
    return (
        '<html><body><table><tr><td colspan="1000000" rowspan="65534">预算</td><td>1</td></tr>'
        '<tr><td rowspan="99999999999">2</td><td colspan="-5">3</td></tr></table></body></html>'
    ).encode()


def html_one_line(megabytes: int = 50) -> bytes:
    """50 MB on one line: one table row of five million cells."""
    cell = b"<td>1</td>"
    return (
        b"<html><body><p>"
        + "项目支出".encode()
        + b"</p><table><tr>"
        + cell * (megabytes * 104_857)
        + b"</tr></table></body></html>"
    )


def html_one_word(megabytes: int = 12) -> bytes:
    """A paragraph of 12 MB of digits and no space (libxml2 stops a text run at 10 MB)."""
    return b"<html><body><p>" + b"9" * (megabytes << 20) + b"</p></body></html>"


def png_claiming_10_gigapixels() -> bytes:
    """A PNG header of 100000 x 100000 pixels over a tiny IDAT."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 100000, 100000, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )


def tiff_pages(count: int = 3000) -> bytes:
    """A TIFF of 3000 blank 8 x 8 pages (each would be OCR'd as a page of A4)."""
    buffer = io.BytesIO()
    blank = Image.new("L", (8, 8), 255)
    blank.save(buffer, "TIFF", save_all=True, append_images=[blank] * (count - 1))
    return buffer.getvalue()


def truncated_xls() -> bytes:
    """The first half of a real Excel 97 workbook (a download cut off)."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Sheet1")
    for row in range(200):
        for col in range(10):
            sheet.write(row, col, f"项目{row}-{col}")
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    return data[: len(data) // 2]


def elf_named_txt() -> bytes:
    """An executable's first bytes under a .txt name."""
    return b"\x7fELF\x02\x01\x01\x00" + bytes((i * 7919 + 13) % 251 for i in range(4096))
