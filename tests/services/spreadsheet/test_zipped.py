"""The zip written from pieces deflated apart reads back whole, CRCs checked, as the zip module writes it."""

from __future__ import annotations

import io
import zipfile

from ropa_desktop.services.spreadsheet.zipped import deflate, write_zip


def test_pieces_deflated_apart_read_back_as_one_part() -> None:
    rows = [f'<row r="{n}"><c t="inlineStr"><is><t>Activité {n} ' .encode() + b"x" * (n % 70) + b"</t></is></c></row>"
            for n in range(2, 3000)]
    head, tail = b"<worksheet><sheetData>", b"</sheetData></worksheet>"
    chunks = [b"".join(rows[i:i + 500]) for i in range(0, len(rows), 500)]
    pieces = [(head, None), *((chunk, deflate(chunk)) for chunk in chunks[:3]), *((c, None) for c in chunks[3:]),
              (tail, None)]
    infos = [zipfile.ZipInfo("xl/worksheets/sheet1.xml", (2026, 11, 28, 9, 30, 12)),
             zipfile.ZipInfo("docProps/é.xml", (2026, 11, 28, 9, 30, 12)), zipfile.ZipInfo("empty.xml")]
    data = write_zip([(infos[0], pieces), (infos[1], [(b"<a/>", None)]), (infos[2], [])])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None  # every part inflates to its CRC
        assert archive.namelist() == ["xl/worksheets/sheet1.xml", "docProps/é.xml", "empty.xml"]
        assert archive.read("xl/worksheets/sheet1.xml") == head + b"".join(rows) + tail
        assert archive.read("docProps/é.xml") == b"<a/>" and archive.read("empty.xml") == b""
        first = archive.getinfo("xl/worksheets/sheet1.xml")
        assert first.date_time == (2026, 11, 28, 9, 30, 12) and first.compress_type == zipfile.ZIP_DEFLATED
