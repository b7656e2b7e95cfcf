"""Legacy Office files (OLE2 compound files): what they hold, and LibreOffice to convert Word 97.

An OLE2 file is told apart by its streams (olefile): `WordDocument` is Word 97-2003 (.doc, and
WPS writer files saved in that format), `Workbook` or `Book` is Excel BIFF (.xls, WPS .et),
`EncryptedPackage` is an OOXML file (.docx/.xlsx) under a password. Word 97 has no well-kept
Python reader, so it is converted to DOCX by LibreOffice (`soffice`, headless, in a profile of
its own so runs in parallel do not share one), killed if it overruns the document's timeout.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import olefile

from extractors.document import LoadError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = "encrypted Office file (password required)"
NO_LIBREOFFICE = "legacy Word .doc: install LibreOffice to read it"
DEFAULT_TIMEOUT = 300.0  # seconds, the CLI's default per-file timeout
_STREAMS = (("EncryptedPackage", "encrypted"), ("WordDocument", "doc"), ("Workbook", "xls"), ("Book", "xls"))


CORRUPT_OLE = "corrupt legacy Office file (truncated or damaged)"


def ole_kind(data: bytes) -> str | None:
    """doc, xls or encrypted for an OLE2 file holding one, damaged for one whose directory cannot
    be read (a truncated download); None for other files and other OLE2 files."""
    if not data.startswith(OLE2_MAGIC):
        return None
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return next((kind for stream, kind in _STREAMS if ole.exists(stream)), None)
    except (OSError, ValueError, IndexError):  # olefile raises these on a damaged directory
        return "damaged"


def convert_with_libreoffice(data: bytes, suffix: str, target: str, timeout: float | None) -> bytes:
    """The file converted by `soffice --convert-to target` (docx, xlsx); LoadError if it cannot be."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise LoadError(NO_LIBREOFFICE)
    limit = timeout or DEFAULT_TIMEOUT
    with tempfile.TemporaryDirectory(prefix="jixiao-soffice-") as tmp:
        source = Path(tmp) / f"input{suffix}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(Path(tmp) / "out"),
            str(source),
        ]
        # a session of its own: soffice forks soffice.bin, and a timeout must end both
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
        )
        try:
            _, stderr = process.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise LoadError(f"LibreOffice conversion timed out after {limit:g} s") from None
        converted = Path(tmp) / "out" / f"input.{target}"
        if not converted.exists():
            reason = (
                " ".join(stderr.decode("utf-8", "replace").split())[:200] or f"exit code {process.returncode}"
            )
            raise LoadError(f"LibreOffice could not convert the {suffix} file: {reason}")
        return converted.read_bytes()
