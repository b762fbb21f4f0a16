"""Our workbook's zip parts as written, in one digest: a re-import of the untouched file is known without parsing it.

At the export, every part but the metadata sheet's is named with its CRC-32 and size (what the zip's central
directory keeps for each part anyway) and digested with the metadata sheet's other rows; the digest is the
metadata sheet's last row (``PARTS``). On re-import the central directory alone says whether any part differs:
nothing is inflated but the workbook's sheet list and the small metadata sheet, each bounded and checked for
what it really inflates to (``sniff``'s guarantees), and parsed with defusedxml. Any doubt answers None, and the
caller takes the slower paths, which read (and vet) the whole file.
"""

from __future__ import annotations

import hashlib
import io
import stat
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import defusedxml.ElementTree as DET

from .layout import META_SHEET, PARTS
from .sniff import MAX_ENTRIES, MAX_FILE, MAX_UNCOMPRESSED, ZIP_MAGIC, has_dtd, real_size

_SMALL = 8 * 1024 * 1024  # the sheet list and the metadata sheet: larger is not ours
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def parts_digest(parts: Iterable[tuple[str, int, int]], rows: Sequence[tuple[str, str]]) -> str:
    """The digest of the parts (name, CRC-32, size), in name order, and of the metadata rows (key, text)."""
    digest = hashlib.blake2b(digest_size=16)
    lines = [f"{name}\x1f{crc}\x1f{size}" for name, crc, size in sorted(parts)]
    lines += [f"{key}\x1f{text}" for key, text in rows]
    digest.update("\x1e".join(lines).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> part name, from workbook.xml and its relationships (parsed with defusedxml)."""
    rels = DET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    paths: dict[str, str] = {}
    for sheet in DET.fromstring(archive.read("xl/workbook.xml")).iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        paths[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return paths


def untouched_meta(path: Path) -> dict[str, str] | None:
    """The metadata rows of our workbook at ``path`` when every part is as the export wrote it, else None."""
    try:
        info = Path(path).stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE:  # a pipe or a device: never opened here
            return None
        data = Path(path).read_bytes()
        if not data.startswith(ZIP_MAGIC):
            return None
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _checked(archive, data)
    except Exception:  # anything unexpected: the slower paths read the file and say what is wrong with it
        return None


def _checked(archive: zipfile.ZipFile, data: bytes) -> dict[str, str] | None:
    infos = archive.infolist()
    if (len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED
            or any(i.flag_bits & 0x1 for i in infos)):
        return None
    by_name = {i.filename: i for i in infos}
    small = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
    if len(by_name) != len(infos) or any(not _vetted(data, by_name.get(name), archive) for name in small):
        return None
    meta_part = sheet_paths(archive).get(META_SHEET)
    info = by_name.get(meta_part or "")
    if info is None or not _vetted(data, info, archive):
        return None
    rows = _meta_rows(archive.read(info))
    if rows is None or len(rows) < 2 or rows[-1][0] != PARTS:
        return None
    parts = [(i.filename, i.CRC, i.file_size) for i in infos if i is not info]
    if parts_digest(parts, rows[:-1]) != rows[-1][1]:
        return None
    return dict(rows)


def _vetted(data: bytes, info: zipfile.ZipInfo | None, archive: zipfile.ZipFile) -> bool:
    """A small part that inflates to no more than it declares and holds no DTD (``sniff``'s checks, on it alone)."""
    if info is None or info.file_size > _SMALL:
        return False
    size = real_size(data, info, info.file_size + 1)
    return size is not None and size <= info.file_size and not has_dtd(archive.read(info))


def _meta_rows(xml: bytes) -> list[tuple[str, str]] | None:
    """(key, text) of each row of the metadata sheet as we write it (inline strings and numbers), else None."""
    rows: list[tuple[str, str]] = []
    for row in DET.fromstring(xml).iter(f"{_MAIN}row"):
        cells: dict[str, str] = {}
        for cell in row.iter(f"{_MAIN}c"):
            kind, ref = cell.get("t", "n"), cell.get("r", "")
            if kind == "inlineStr":
                text = "".join(t.text or "" for t in cell.iter(f"{_MAIN}t"))
            elif kind == "n":
                value = cell.find(f"{_MAIN}v")
                text = value.text or "" if value is not None else ""
            else:  # a shared string, a formula...: not as we wrote it
                return None
            cells[ref.rstrip("0123456789")] = text
        if set(cells) != {"A", "B"}:
            return None
        rows.append((cells["A"], cells["B"]))
    return rows
