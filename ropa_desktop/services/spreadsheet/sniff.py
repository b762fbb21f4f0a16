"""Before any parser runs: what the file is (by magic bytes) and whether its declared sizes are sane."""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..os_reason import OsReason
from .messages import SpreadsheetError

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
MAX_FILE = 100 * 1024 * 1024  # bytes on disk
MAX_UNCOMPRESSED = 300 * 1024 * 1024  # declared, all entries together
MAX_RATIO = 100
RATIO_FLOOR = 10 * 1024 * 1024  # small files may compress very well, and cannot hurt
MAX_ENTRIES = 5_000
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class Sniffed:
    """A spreadsheet that passed the checks: its kind and its bytes (read once)."""

    kind: str  # "xlsx" or "ods"
    data: bytes
    fast_parts: frozenset[str] = frozenset()  # XLSX sheet parts calamine may read (see ``calamine_safe``)


def sniff(path: Path) -> Sniffed:
    """Read ``path`` and decide what it is; SpreadsheetError for anything that is not a sane XLSX/ODS."""
    name = {"name": Path(path).name}
    try:
        if Path(path).is_dir():
            raise SpreadsheetError("is_directory", name)
        info = Path(path).stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise SpreadsheetError("unreadable", {**name, "reason": "not a regular file"})
        size = info.st_size
        if size > MAX_FILE:
            raise SpreadsheetError(
                "too_large", {**name, "size": str(size // 2**20), "limit": str(MAX_FILE // 2**20)}
            )
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SpreadsheetError("not_found", name) from None
    except IsADirectoryError:
        raise SpreadsheetError("is_directory", name) from None
    except OSError as exc:
        raise SpreadsheetError("unreadable", {**name, "reason": OsReason(exc)}) from None
    if not data:
        raise SpreadsheetError("empty", name)
    if data.startswith(OLE2_MAGIC):
        raise SpreadsheetError("encrypted" if _is_encrypted(data) else "legacy_xls", name)
    if data.startswith(EMPTY_ZIP_MAGIC):
        raise SpreadsheetError("not_spreadsheet", name)
    if not data.startswith(ZIP_MAGIC):
        raise SpreadsheetError("not_spreadsheet", name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise SpreadsheetError("truncated", name) from None
    with archive:
        inflated = _check_real_sizes(data, archive.infolist(), name)
        kind, fast = _check_archive(archive, len(data), name, inflated)
    return Sniffed(kind, data, fast)


def _is_encrypted(data: bytes) -> bool:
    import msoffcrypto  # only for an OLE2 file: not on every import's path

    try:
        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except Exception:
        return False


def _check_archive(archive: zipfile.ZipFile, size: int, name: dict[str, str],
                   inflated: dict[str, bytes] | None = None) -> tuple[str, frozenset[str]]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise SpreadsheetError(
            "too_many_entries", {**name, "count": str(len(infos)), "limit": str(MAX_ENTRIES)}
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise SpreadsheetError("encrypted_entry", name)
    total = sum(info.file_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise SpreadsheetError(
            "too_large", {**name, "size": str(total // 2**20), "limit": str(MAX_UNCOMPRESSED // 2**20)}
        )
    if total > RATIO_FLOOR and total > MAX_RATIO * size:
        raise SpreadsheetError(
            "compression_ratio", {**name, "ratio": str(total // max(size, 1)), "limit": str(MAX_RATIO)}
        )
    names = {info.filename for info in infos}
    if "xl/workbook.xml" in names and "[Content_Types].xml" in names:
        kind = "xlsx"
    elif "mimetype" in names and archive.read("mimetype").strip() == ODS_MIME:
        kind = "ods"
        if "META-INF/manifest.xml" in names and b"encryption-data" in archive.read("META-INF/manifest.xml"):
            raise SpreadsheetError("encrypted", name)
    else:
        raise SpreadsheetError("not_spreadsheet", name)
    fast: set[str] = set()
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            xml = (inflated or {}).get(info.filename)
            if xml is None or zlib.crc32(xml) != info.CRC:
                xml = archive.read(info)  # (what zipfile says of a part that fails its CRC)
            if has_dtd(xml):
                raise SpreadsheetError("unsafe_xml", name)
            if kind == "xlsx" and info.filename.startswith("xl/worksheets/") and calamine_safe(xml):
                fast.add(info.filename)
    return kind, frozenset(fast)


def _check_real_sizes(data: bytes, infos: list[zipfile.ZipInfo], name: dict[str, str]) -> dict[str, bytes]:
    """Inflate every member through a byte budget: a member must not grow past what its headers declare.

    The declared size is only a promise. CPython's reader stops at it, but others do not (calamine inflated a
    ``content.xml`` declaring 198 KB to 1 GB), so what really inflates is counted before any parser sees it.
    The XML parts inflated to their declared size are returned, so that the checks after do not inflate them again.
    """
    inflated: dict[str, bytes] = {}
    if (len(infos) > MAX_ENTRIES or sum(info.file_size for info in infos) > MAX_UNCOMPRESSED
            or any(info.flag_bits & 0x1 for info in infos)):
        return inflated  # refused on the declared figures (or encryption) by _check_archive, without inflating
    for info in infos:
        keep: list[bytes] | None = [] if info.filename.endswith((".xml", ".rels")) else None
        real = real_size(data, info, info.file_size + 1, keep)
        if real is None:
            raise SpreadsheetError("corrupt", {**name, "reason": f"unreadable part {info.filename[:80]!r}"})
        if real > info.file_size:
            raise SpreadsheetError("corrupt", {**name, "reason": f"part {info.filename[:80]!r} inflates beyond "
                                                             f"its declared size of {info.file_size} bytes"})
        if keep is not None and real == info.file_size:
            inflated[info.filename] = b"".join(keep)
    return inflated


_CHUNK = 64 * 1024


def real_size(data: bytes, info: zipfile.ZipInfo, limit: int, keep: list[bytes] | None = None) -> int | None:
    """How many bytes ``info`` really inflates to, counting at most ``limit`` (None: not a readable member).

    ``keep`` receives the inflated bytes (of a deflated member; a stored one is left to zipfile).
    """
    start = info.header_offset
    header = data[start:start + 30]
    if len(header) < 30 or not header.startswith(ZIP_MAGIC):
        return None
    name_length, extra_length = int.from_bytes(header[26:28], "little"), int.from_bytes(header[28:30], "little")
    offset = start + 30 + name_length + extra_length
    if info.compress_type == zipfile.ZIP_STORED:
        return info.compress_size
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return None
    # The stream is read to its own end, not to the declared compressed size, which may lie as well.
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    try:
        while not inflater.eof and produced < limit:
            pending = inflater.unconsumed_tail
            if not pending:
                if offset >= len(data):
                    break
                pending = data[offset:offset + _CHUNK]
                offset += len(pending)
            chunk = inflater.decompress(pending, _CHUNK)
            produced += len(chunk)
            if keep is not None:
                keep.append(chunk)
    except zlib.error:
        return None
    return produced


def has_dtd(xml: bytes) -> bool:
    return b"<!" in xml and _DTD.search(xml) is not None


# calamine allocates a dense grid of a sheet's extent and aborts the process when it cannot (a 4.8 KB file
# with one cell at XFD1048576 asks for 512 GB). It may read a sheet only when every cell carries its
# reference, none lies past row 99,999 or column BL, and no formula is present (formulas go through
# openpyxl, as text).
_FAR_REF = re.compile(rb'r="(?:(?:[A-Z]{3}|[C-Z][A-Z]|B[M-Z])[0-9]|[A-Z]{0,3}[0-9]{6})')
_NO_REF = re.compile(rb'<c(?:[>/]| (?!r="))')
_PREFIX_HINT = re.compile(rb":(?:c|f|row)[\s>/]")


def calamine_safe(xml: bytes) -> bool:
    return not (
        b"<f>" in xml
        or b"<f " in xml
        or _found(_FAR_REF, xml)
        or _found(_NO_REF, xml)
        or _found(_PREFIX_HINT, xml)
    )


# A regular expression holds the GIL for the whole text: a 37 MB sheet froze the window's repaint for a
# second during an import on a worker. Searched a slice at a time, the window's thread runs between slices.
_SLICE = 1 << 19
_REACH = 64  # longer than any match above, lookahead included


def _found(pattern: re.Pattern[bytes], xml: bytes) -> bool:
    """``pattern.search(xml)``, in slices; a match is only taken where its whole text lies inside the slice."""
    for start in range(0, len(xml), _SLICE):
        match = pattern.search(xml, start, min(len(xml), start + _SLICE + _REACH))
        if match is not None and match.start() < start + _SLICE:
            return True
    return False
