"""Regenerate the small hostile spreadsheets of this folder (big-declared ones are made by the tests).

Run from the repository root: ``python tests/data/hostile/make_hostile.py``. Each file name starts with the
SpreadsheetError code it must produce (``ok-`` files import, with warnings).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
from msoffcrypto.format.ooxml import OOXMLFile

HERE = Path(__file__).resolve().parent


def small_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws.append(["Nom du traitement", "N° / RÉF"])
    ws.append(["Paie", "P-1"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def rewrite(data: bytes, part: str, change: object) -> bytes:
    """A copy of the zip ``data`` with ``part`` replaced by ``change(old_bytes)``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == part:
                content = change(content)  # type: ignore[operator]
            dst.writestr(info.filename, content)
    return out.getvalue()


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
)


def main() -> None:
    good = small_xlsx()
    files: dict[str, bytes] = {
        "empty.xlsx": b"",
        "not_spreadsheet-text.xlsx": b"Name;Reference\nPayroll;P-1\n",
        "not_spreadsheet-pdf.xlsx": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n",
        "not_spreadsheet-empty-zip.xlsx": b"PK\x05\x06" + b"\x00" * 18,
        "truncated.xlsx": good[: len(good) // 2],
        "legacy_xls.xls": bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504,
    }
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    files["not_spreadsheet-docx.xlsx"] = other.getvalue()
    files["unsafe_xml-billion-laughs.xlsx"] = rewrite(
        good, "xl/workbook.xml", lambda b: LAUGHS + _body(b).replace(b"<sheets>", b"<sheets>&lol4;", 1)
    )
    files["unsafe_xml-xxe.xlsx"] = rewrite(
        good,
        "xl/worksheets/sheet1.xml",
        lambda b: (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            + _body(b).replace(b"Paie", b"&xxe;")
        ),
    )
    files["corrupt-bad-xml.xlsx"] = rewrite(good, "xl/worksheets/sheet1.xml", lambda b: b[: len(b) // 2])
    files["corrupt-no-workbook-rels.xlsx"] = _without(good, "xl/_rels/workbook.xml.rels")
    files["corrupt-bad-crc.xlsx"] = _bad_crc(good)
    files["encrypted_entry.xlsx"] = _flag_encrypted(good)
    files["too_many_rows-dimension-bomb.xlsx"] = rewrite(
        good,
        "xl/worksheets/sheet1.xml",
        lambda b: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', b).replace(
            b"</sheetData>",
            b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row></sheetData>',
        ),
    )
    files["too_many_columns.xlsx"] = rewrite(
        good,
        "xl/worksheets/sheet1.xml",
        lambda b: b.replace(
            b"</row></sheetData>", b'<c r="JZ2" t="inlineStr"><is><t>far</t></is></c></row></sheetData>'
        ),
    )
    files["ok-formulas.xlsx"] = _formulas()
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(good)).encrypt("secret", encrypted)
    files["encrypted.xlsx"] = encrypted.getvalue()
    repeated = (
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell office:value-type="string" '
        'table:number-columns-repeated="1024"><text:p>x</text:p></table:table-cell></table:table-row>'
    )
    files["too_many_rows-repeated.ods"] = minimal_ods(repeated)
    files["unsafe_xml-entities.ods"] = minimal_ods("", prolog='<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>')
    files["encrypted.ods"] = minimal_ods("", encrypted=True)
    files["ok-formula.ods"] = minimal_ods(
        '<table:table-row><table:table-cell table:formula="of:=1+1" '
        'office:value-type="float" office:value="2"><text:p>2</text:p>'
        '</table:table-cell><table:table-cell office:value-type="string">'
        "<text:p>R-1</text:p></table:table-cell></table:table-row>"
    )
    for name, data in files.items():
        (HERE / name).write_bytes(data)


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def minimal_ods(rows: str, prolog: str = "", encrypted: bool = False) -> bytes:
    """A hand-made ODS: one sheet with a header row (name, reference) and ``rows``."""
    header = (
        '<table:table-row><table:table-cell office:value-type="string"><text:p>Nom du traitement</text:p>'
        '</table:table-cell><table:table-cell office:value-type="string"><text:p>N° / RÉF</text:p>'
        "</table:table-cell></table:table-row>"
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {ODS_NS} '
        'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S">'
        f"{header}{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    extra = '<manifest:encryption-data manifest:checksum-type="SHA1"/>' if encrypted else ""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        f'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{extra}'
        "</manifest:file-entry></manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _body(xml: bytes) -> bytes:
    return xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml


def _without(data: bytes, part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != part:
                dst.writestr(info.filename, src.read(info))
    return out.getvalue()


def _bad_crc(data: bytes) -> bytes:
    """Flip one byte of a stored (uncompressed) sheet so its CRC fails when read."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
    raw = bytearray(out.getvalue())
    at = raw.find(b"<sheetData>")
    raw[at + 1] = ord("X")
    return bytes(raw)


def _flag_encrypted(data: bytes) -> bytes:
    """Set the 'encrypted' general-purpose flag on every entry (local and central headers)."""
    raw = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = raw.find(signature)
        while at >= 0:
            raw[at + offset] |= 0x1
            at = raw.find(signature, at + 4)
    return bytes(raw)


def _formulas() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Nom du traitement", "N° / RÉF", "Description"])
    ws.append(["=1+1", "F-1", '=HYPERLINK("http://example.org","clic")'])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


if __name__ == "__main__":
    main()
