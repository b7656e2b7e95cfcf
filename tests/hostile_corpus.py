"""The hostile corpus: broken, crafted, mislabelled and enormous inputs, one file per kind.

The small files are committed in `tests/hostile/`, built by this script; the large ones (and those
git cannot hold: a named pipe) are written at test time. Each file's expected `documents.status`
and error are in `tests/gold/hostile.json`.

    python -m tests.hostile_corpus            # rewrite the committed files in tests/hostile/
    python -m tests.hostile_corpus --big      # also write the large ones into tests/hostile/big/
"""

from __future__ import annotations

import argparse
import io
import os
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from docx import Document as DocxDocument
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from tests import hostile_crafted as crafted
from tests import hostile_third as third

HOSTILE = Path(__file__).resolve().parent / "hostile"
SAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "samples"
BIG = "big"  # subfolder of generated files, ignored by git
CANARY_URL = "http://127.0.0.1:47811"  # the network test listens here: nothing may connect
SECRET_FILE = "/etc/passwd"  # every reference to a local file points here; its text must never appear

REPORT = """宝安区城市管理局2024年度市容环境整治项目绩效自评报告

一、项目基本情况

本项目由宝安区城市管理局统筹实施。

二、资金到位及使用情况

项目应到位420 万元，实际到位341 万元，资金到位率81.19%；实际支出332.48 万元，预算执行率97.50%。

三、自评结论

经自评，本项目绩效自评得分95.99分，等级为“优”。
"""


def report(variant: str) -> str:
    """The small report above, made distinct per file so no two files share bytes by accident."""
    return REPORT.replace("市容环境整治项目", f"市容环境整治项目（{variant}）")


# ---------------------------------------------------------------- PDF


def _pdf(text: str, encrypt: object = None) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, encrypt=encrypt, invariant=1)
    page.setFont("STSong-Light", 11)
    y = 800
    for line in text.splitlines():
        page.drawString(60, y, line)
        y -= 18
    page.showPage()
    page.save()
    return buffer.getvalue()


def flate(content: bytes, repeat: int = 1) -> bytes:
    """`content` `repeat` times, Flate-compressed a piece at a time (a bomb never sits in memory)."""
    packer = zlib.compressobj(9)
    return b"".join(packer.compress(content) for _ in range(repeat)) + packer.flush()


def raw_pdf(pages: list[bytes], extra: str = "", page_extra: str = "") -> bytes:
    """A minimal PDF from Flate-compressed content streams, with a correct xref table.
    `extra` goes into the catalog, `page_extra` into every page dictionary."""
    objects: list[bytes] = []
    n = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objects.append(f"<< /Type /Catalog /Pages 2 0 R {extra} >>".encode())
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
    for i, packed in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> "
            f"{page_extra} >>".encode()
        )
        objects.append(
            f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream"
        )
    return crafted.pdf_objects(objects)


def _text_ops(text: str) -> bytes:
    return f"BT /F1 12 Tf 72 760 Td ({text}) Tj ET".encode()


def _image_only_pdf() -> bytes:
    picture = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(picture).rectangle((40, 40, 360, 160), outline=0, width=4)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    page.drawInlineImage(picture, 100, 500, width=400, height=200)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _broken_xref(data: bytes) -> bytes:
    """Every xref offset pointing at byte 0; readers have to rebuild the table by scanning."""
    head, _, tail = data.partition(b"xref\n")
    lines = tail.split(b"\n")
    fixed = [b"0000000000 00000 n " if line.endswith(b" n ") else line for line in lines]
    return head + b"xref\n" + b"\n".join(fixed)


# ---------------------------------------------------------------- DOCX


def _docx(text: str) -> bytes:
    document = DocxDocument()
    for line in text.splitlines():
        if line:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _replace_part(data: bytes, name: str, edit: Callable[[bytes], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            target.writestr(info.filename, edit(body) if info.filename == name else body)
    return buffer.getvalue()


def _with_doctype(xml: bytes, doctype: str, reference: str) -> bytes:
    """The document part with a DOCTYPE after the XML declaration and `reference` in the first text."""
    declaration, _, rest = xml.partition(b"?>")
    rest = rest.replace(b"<w:t>", f"<w:t>{reference}".encode(), 1)
    return declaration + b"?>\n" + doctype.encode() + rest


def _xxe_docx() -> bytes:
    doctype = (
        f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file://{SECRET_FILE}">'
        f'<!ENTITY remote SYSTEM "{CANARY_URL}/xxe">]>'
    )
    return _replace_part(
        _docx(report("XXE")), "word/document.xml", lambda xml: _with_doctype(xml, doctype, "&secret;&remote;")
    )


def _billion_laughs_docx() -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    doctype = f"<!DOCTYPE w:document [{''.join(entities)}]>"
    return _replace_part(
        _docx(report("billion laughs")),
        "word/document.xml",
        lambda xml: _with_doctype(xml, doctype, "&lol9;"),
    )


def _grid_span_docx() -> bytes:
    document = DocxDocument()
    document.add_paragraph(report("gridSpan").splitlines()[0])
    table = document.add_table(rows=2, cols=2)
    for r in range(2):
        for c in range(2):
            table.cell(r, c).text = f"{r}{c}"
    buffer = io.BytesIO()
    document.save(buffer)
    huge = b'<w:tcPr><w:gridSpan w:val="2147483647"/></w:tcPr>'
    return _replace_part(
        buffer.getvalue(), "word/document.xml", lambda xml: xml.replace(b"<w:tc>", b"<w:tc>" + huge)
    )


def _external_docx() -> bytes:
    """An image relationship with TargetMode=External to a URL, one to a local file, and a
    hyperlink: a loader must not follow any of them."""
    document = DocxDocument()
    for line in report("external").splitlines():
        if line:
            document.add_paragraph(line)
    part = document.part
    part.relate_to(
        f"{CANARY_URL}/image.png",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
        is_external=True,
    )
    part.relate_to(
        f"file://{SECRET_FILE}",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/subDocument",
        is_external=True,
    )
    part.relate_to(
        f"{CANARY_URL}/link",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip_bomb_docx(unpacked_mb: int = 1024) -> bytes:
    """A valid DOCX whose document part is padded with `unpacked_mb` MB of spaces (about 1 MB packed)."""
    base = zipfile.ZipFile(io.BytesIO(_docx(report("zip bomb"))))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in base.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info.filename, base.read(info))
        xml = base.read("word/document.xml")
        with target.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(xml[: -len(b"</w:document>")])
            block = b" " * (1 << 20)
            for _ in range(unpacked_mb):
                handle.write(block)
            handle.write(b"</w:document>")
    return buffer.getvalue()


# ---------------------------------------------------------------- HTML and text


def _html(body: str, head: str = "") -> str:
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>报告</title>{head}</head><body>{body}</body></html>'


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{line}</p>" for line in text.splitlines() if line)


def _scripts_html() -> bytes:
    head = f'<script src="{CANARY_URL}/a.js"></script><link rel="stylesheet" href="{CANARY_URL}/a.css">'
    body = (
        f"<script>fetch('{CANARY_URL}/js')</script>"
        f'<iframe src="{CANARY_URL}/frame"></iframe><iframe src="file://{SECRET_FILE}"></iframe>'
        f'<img src="{CANARY_URL}/img.png"><img src="file://{SECRET_FILE}">'
        f'<object data="file://{SECRET_FILE}"></object><a href="{CANARY_URL}/link">链接</a>'
        + _paragraphs(report("scripts"))
    )
    return _html(body, head).encode()


def _deep_html(depth: int = 100_000) -> bytes:
    return _html("<div>" * depth + "深" + "</div>" * depth + _paragraphs(report("deep"))).encode()


def _run_together_funds(digits: int = 150) -> bytes:
    """The text-copy sample whose 年度资金总额 row lost its spaces and ran into `digits` digits."""
    sample = (SAMPLES / "007-text_copy.gbk.txt").read_bytes().decode("gb18030")
    row = "年度资金总额  385.06  377.74  305.59  10  80.90%  8.09"
    assert row in sample
    return sample.replace(row, "年度资金总额  " + "3" * digits + "80.90%8.09").encode()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (8, 8), 0).save(buffer, format="PNG")
    return buffer.getvalue()


def committed_files() -> dict[str, bytes]:
    """Name -> bytes of every committed hostile file (symlinks are made by `write`)."""
    good_pdf = _pdf(report("PDF"))
    from reportlab.lib.pdfencrypt import StandardEncryption

    return {
        "empty.pdf": b"",
        "whitespace-only.txt": b" \n\t\n  \r\n",
        "truncated.pdf": _pdf(report("truncated"))[: len(good_pdf) // 2],
        "broken-xref.pdf": _broken_xref(raw_pdf([flate(_text_ops("Broken xref table, readable text"))])),
        "encrypted-user-password.pdf": _pdf(report("user password"), StandardEncryption("user", "owner")),
        "encrypted-owner-password-only.pdf": _pdf(report("owner password"), StandardEncryption("", "owner")),
        "image-only.pdf": _image_only_pdf(),
        "actions-uri-launch-javascript.pdf": raw_pdf(
            [flate(_text_ops("A PDF with URI, Launch and JavaScript actions"))],
            extra=(
                f"/OpenAction << /S /Launch /F (file://{SECRET_FILE}) >> "
                f"/AA << /WC << /S /URI /URI ({CANARY_URL}/uri) >> >> "
                "/Names << /JavaScript << /Names [(x) << /S /JavaScript /JS (app.launchURL\\(1\\)) >>] >> >>"
            ),
            page_extra=f"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A << /S /URI /URI ({CANARY_URL}/annot) >> >>]",
        ),
        "xxe.docx": _xxe_docx(),
        "billion-laughs.docx": _billion_laughs_docx(),
        "huge-gridspan.docx": _grid_span_docx(),
        "external-relationships.docx": _external_docx(),
        "scripts-iframes-images.html": _scripts_html(),
        "html-named.pdf": _html(_paragraphs(report("HTML named .pdf"))).encode(),
        "pdf-named.html": _pdf(report("PDF named .html")),
        "gb18030.txt": report("GB18030 编码").encode("gb18030"),
        "utf16-bom.txt": report("UTF-16").encode("utf-16"),
        "invalid-utf8-bytes.txt": report("invalid bytes").encode() + b"\xe5\x80",  # a cut-off character
        "name with spaces.txt": report("spaces").encode(),
        "中文文件名.txt": report("中文名").encode(),
        "-leading-dash.txt": report("dash").encode(),
        "same-bytes-1.txt": report("twice").encode(),
        "same-bytes-2.txt": report("twice").encode(),
        "funds-run-together.txt": _run_together_funds(),
        "png-named.docx": _png(),
        "random-bytes.bin": bytes((i * 7919 + 13) % 251 for i in range(4096)),
        "truncated.docx": _docx(report("truncated docx"))[:3000],
        # 20 000 digits and numerals in a row: number patterns that backtracked took minutes on it
        "digit-runs.txt": (report("digit runs") + "1" * 20_000 + "\n" + "一" * 20_000 + "\n").encode(),
        **_crafted_files(),
        **_third_files(),
    }


def _crafted_files() -> dict[str, bytes]:
    """The second set (tests/hostile_crafted.py): large by declaration, small in bytes."""
    docx = _docx(report("crafted DOCX"))
    return {
        "pages-tree-loop.pdf": crafted.pages_tree_loop(),
        "pages-count-1e9.pdf": crafted.pages_count_billion(),
        "object-stream-in-itself.pdf": crafted.object_stream_in_itself(),
        "page-14400pt-no-text.pdf": crafted.huge_page_no_text(),
        "jpx-claiming-60000px.pdf": crafted.jpx_claiming_60000_px(),
        "content-nested-100000.pdf": crafted.deep_content(),
        "xlsx-corner-cells.xlsx": crafted.xlsx_corner_cells(),
        "xlsx-merge-whole-sheet.xlsx": crafted.xlsx_merge_whole_sheet(),
        "xlsx-external-link.xlsx": crafted.xlsx_external_link(SECRET_FILE, CANARY_URL),
        "docx-part-not-xml.docx": crafted.docx_with_part(docx, "word/document.xml", b"\0\1<w:body " * 40),
        "docx-tables-nested-2000.docx": crafted.docx_nested_tables(docx),
        "html-absurd-spans.html": crafted.html_absurd_spans(),
        "png-claiming-10-gigapixels.png": crafted.png_claiming_10_gigapixels(),
        "truncated.xls": crafted.truncated_xls(),
        "elf-named.txt": crafted.elf_named_txt(),
        "utf16le-without-bom.txt": report("UTF-16LE").encode("utf-16-le"),
    }


def _third_files() -> dict[str, bytes]:
    """The third set (tests/hostile_third.py): kinds the first two do not try."""
    docx = _docx(report("third DOCX"))
    return {
        "big5.txt": third.big5(report("Big5编码")),
        "nul-padded-lines.txt": third.nul_padded(report("NUL字节")),
        "mixed-utf8-and-gb18030.txt": third.mixed_encoding(report("混合编码")),
        "cr-only-line-endings.txt": third.cr_only(report("CR换行")),
        "webp-named.jpg": third.webp(),
        "progressive-jpeg-claiming-12000px.jpg": third.progressive_jpeg_claiming(),
        "docx-alt-chunks.docx": third.docx_alt_chunks(docx, SECRET_FILE, CANARY_URL),
        "xlsx-16384-columns.xlsx": third.xlsx_full_row(),
        "xls-corner-cells.xls": third.xls_corner_cells(),
        "xls-huge-sst-count.xls": third.xls_huge_sst_count(),
        "rtf-named.doc": third.rtf(report("RTF"), CANARY_URL),
        "html-refresh-base-svg.html": third.html_redirects(report("refresh"), SECRET_FILE, CANARY_URL),
        "xhtml-doctype-entities.html": third.xhtml_entities(report("XHTML"), SECRET_FILE, CANARY_URL),
        "pdf-embedded-file-and-xfa.pdf": third.pdf_embedded_file_and_xfa(SECRET_FILE, CANARY_URL),
        "pdf-page-tree-1000-levels.pdf": third.pdf_deep_page_tree(),
        "pdf-type3-glyphs.pdf": third.pdf_type3_text(),
    }


SYMLINKS = {
    "symlink-loop-a.pdf": "symlink-loop-b.pdf",
    "symlink-loop-b.pdf": "symlink-loop-a.pdf",
    "dangling-link.pdf": "no-such-file.pdf",
}


def big_files() -> dict[str, bytes]:
    """Files too large to commit, written at test time into `big/`."""
    return {
        "pages-20000.pdf": raw_pdf([flate(b"")] * 20_000),
        "inflate-bomb.pdf": raw_pdf([flate(_text_ops("inflate") + b" 0 0 m" * (1 << 16), repeat=1000)]),
        "zip-bomb.docx": _zip_bomb_docx(),
        "nested-100000.html": _deep_html(),
        "pdf-array-nested-200000.pdf": crafted.deep_array(),
        "xlsx-1048576-rows.xlsx": crafted.xlsx_million_rows(),
        "xlsx-4e6-shared-strings.xlsx": crafted.xlsx_shared_strings(),
        "html-20MB-one-line.html": crafted.html_one_line(20),
        "tiff-3000-pages.tiff": crafted.tiff_pages(),
        "name\nwith a newline.txt": report("newline").encode(),  # git would hold these, but badly
        "name\twith a tab and \x1b[31man escape.txt": report("escape").encode(),
        **_third_big_files(),
    }


def _third_big_files() -> dict[str, bytes]:
    docx = _docx(report("third big DOCX"))
    return {
        "one-line-5MB-chinese.txt": third.one_chinese_line(),
        "docx-100000-paragraphs.docx": third.docx_paragraphs(docx),
        "docx-lying-sizes.docx": third.zip_with_lying_sizes(docx, "word/document.xml"),
        "html-1000000-attributes.html": third.html_many_attributes(report("attributes")),
        "html-12MB-data-uri.html": third.html_data_uri(report("data URI")),
        "pdf-10000-fonts.pdf": third.pdf_many_fonts(),
        "pdf-100000-annotations.pdf": third.pdf_many_annotations(),
        "pdf-1000000-xref-entries.pdf": third.pdf_million_xref_entries(),
    }


SPARSE = {"text-300MB.txt": 300}  # name -> MB: over --max-input-mb, written as holes


def write(folder: Path, big: bool = False) -> None:
    """Write the committed files (and, with `big`, the generated ones and a named pipe) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in committed_files().items():
        (folder / name).write_bytes(data)
    for name, target in SYMLINKS.items():
        link = folder / name
        if link.is_symlink():
            link.unlink()
        link.symlink_to(target)
    if big:
        (folder / BIG).mkdir(exist_ok=True)
        for name, data in big_files().items():
            (folder / BIG / name).write_bytes(data)
        for name, megabytes in SPARSE.items():
            third.write_sparse(folder / BIG / name, report(name).encode(), megabytes)
        fifo = folder / BIG / "named-pipe.pdf"
        if not fifo.exists():
            os.mkfifo(fifo)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=HOSTILE)
    parser.add_argument("--big", action="store_true", help="also write the large files into big/")
    args = parser.parse_args()
    write(args.folder, big=args.big)


if __name__ == "__main__":
    main()
