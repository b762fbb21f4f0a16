from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ropa_desktop.services.spreadsheet import ImportResult, SpreadsheetError, read_spreadsheet
from ropa_desktop.services.spreadsheet import sniff as sniff_module
from ropa_desktop.services.spreadsheet.messages import ERRORS
from tests.paths import REPO

HOSTILE = REPO / "tests" / "data" / "hostile"
CORPUS = sorted(p for p in HOSTILE.iterdir() if p.suffix in (".xlsx", ".xls", ".ods"))


def _code(path: Path) -> str:
    return path.stem.split("-")[0]


def test_the_corpus_is_there() -> None:
    assert len(CORPUS) >= 20
    assert {_code(p) for p in CORPUS} - {"ok"} <= set(ERRORS)


@pytest.mark.parametrize("path", [p for p in CORPUS if _code(p) != "ok"], ids=lambda p: p.name)
def test_each_hostile_file_gives_its_error_in_both_languages(path: Path) -> None:
    with pytest.raises(SpreadsheetError) as caught:
        read_spreadsheet(path)
    error = caught.value
    assert error.code == _code(path)
    fr, en = error.message("fr"), error.message("en")
    assert (fr != en and "{" not in fr + en and path.name in fr + en) or error.code.startswith("too_many_")


@pytest.mark.parametrize("name", ["ok-formulas.xlsx", "ok-formula.ods"])
def test_formulas_come_in_as_text_and_are_listed(name: str) -> None:
    result = read_spreadsheet(HOSTILE / name)
    activity = result.register.organizations[0].activities[0]
    assert activity.name in ("=1+1", "of:=1+1")
    assert result.warnings[0].code == "formulas" and "A2" in result.warnings[0].message("en")


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _small_xlsx() -> bytes:
    buffer = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active.append(["Nom du traitement", "N° / RÉF"])
    wb.active.append(["Paie", "P-1"])
    wb.save(buffer)
    return buffer.getvalue()


def test_declared_size_is_checked_before_parsing(tmp_path: Path) -> None:
    data = bytearray(_small_xlsx())
    at = data.find(b"PK\x01\x02")  # first central directory entry: uncompressed size at +24
    struct.pack_into("<I", data, at + 24, 0xFFFFFFF0)
    path = tmp_path / "declared.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(SpreadsheetError) as caught:
        read_spreadsheet(path)
    assert caught.value.code == "too_large"


def test_compression_ratio_bomb(tmp_path: Path) -> None:
    bomb = _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b" " * 30_000_000,
        }
    )
    path = tmp_path / "ratio.xlsx"
    path.write_bytes(bomb)
    assert path.stat().st_size < 100_000
    with pytest.raises(SpreadsheetError) as caught:
        read_spreadsheet(path)
    assert caught.value.code == "compression_ratio"


def test_too_many_entries(tmp_path: Path) -> None:
    entries = {f"xl/media/{i}.xml": b"" for i in range(sniff_module.MAX_ENTRIES + 1)}
    path = tmp_path / "entries.xlsx"
    path.write_bytes(_zip(entries, zipfile.ZIP_STORED))
    with pytest.raises(SpreadsheetError) as caught:
        read_spreadsheet(path)
    assert caught.value.code == "too_many_entries"


def test_directory_missing_and_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cases = {"is_directory": tmp_path, "not_found": tmp_path / "missing.xlsx"}
    for code, path in cases.items():
        with pytest.raises(SpreadsheetError) as caught:
            read_spreadsheet(path)
        assert caught.value.code == code
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo.xlsx"
        os.mkfifo(fifo)
        with pytest.raises(SpreadsheetError) as caught:
            read_spreadsheet(fifo)  # reading it would block forever
        assert caught.value.code == "unreadable" and "regular" in caught.value.message("en")
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(_small_xlsx())

    def refuse(self: Path) -> bytes:  # the test runs as root here: chmod would not stop the read
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(SpreadsheetError) as caught:
        read_spreadsheet(locked)
    assert caught.value.code == "unreadable" and "permission denied" in caught.value.message("en")
    assert "accès refusé" in caught.value.message("fr")  # the OS's reason in the user's language


def test_too_many_rows_in_a_real_sheet(tmp_path: Path) -> None:
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c></row>' for r in (1, 2, 100_001)
    )
    data = bytearray()
    with zipfile.ZipFile(io.BytesIO(_small_xlsx())) as src:
        entries = {i.filename: src.read(i) for i in src.infolist()}
    sheet = entries["xl/worksheets/sheet1.xml"]
    head, _, tail = sheet.partition(b"<sheetData>")
    entries["xl/worksheets/sheet1.xml"] = (
        head + b"<sheetData>" + rows.encode() + tail.partition(b"</sheetData>")[2]
    )
    data += _zip(entries)
    path = tmp_path / "rows.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(SpreadsheetError) as caught:
        read_spreadsheet(path)
    assert caught.value.code == "too_many_rows"


# --- fuzzing: valid zips whose XML parts are mutated ------------------------------------------------------

TOKENS = [
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"<!DOCTYPE x>",
    b'<!ENTITY a "b">',
    b'r="XFD1048576"',
    b'r="A0"',
    b't="s"',
    b't="n"',
    b"<v>99999999</v>",
    b"<v>-1</v>",
    b"<f>1+1</f>",
    b"<c>",
    b"</c>",
    b"<row>",
    b"</row>",
    b'<row r="0">',
    b"\x00",
    b"\xff\xfe",
    b"]]>",
    b"<![CDATA[x",
    b'<sheet name="" r:id="rId9"/>',
    b"\xc3",
    b'table:number-rows-repeated="99999999"',
    b'table:number-columns-repeated="-5"',
    b'office:value-type="date" office:date-value="99999-99-99"',
    b"<text:p>",
    b"</table:table-row>",
]


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


BASES = {
    "xlsx": _parts(_small_xlsx()),
    "export": _parts((REPO / "sample_registers" / "synthetic-register.xlsx").read_bytes()),
    "ods": _parts((HOSTILE / "ok-formula.ods").read_bytes()),
}


@st.composite
def mutated_workbooks(draw: st.DrawFn) -> bytes:
    base = BASES[draw(st.sampled_from(sorted(BASES)))]
    parts = dict(base)
    xml_parts = sorted(n for n in parts if n.endswith((".xml", ".rels")))
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(xml_parts))
        data = parts[name]
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["truncate", "insert", "replace", "delete"]))
        if action == "truncate":
            data = data[:at]
        elif action == "insert":
            data = data[:at] + draw(st.sampled_from(TOKENS) | st.binary(max_size=8)) + data[at:]
        elif action == "replace":
            data = data[:at] + draw(st.sampled_from(TOKENS)) + data[at + draw(st.integers(1, 40)) :]
        else:
            data = data[:at] + data[at + draw(st.integers(1, 200)) :]
        parts[name] = data
    if draw(st.booleans()) and len(parts) > 2:
        parts.pop(draw(st.sampled_from(sorted(parts))))
    return _zip(parts)


@settings(
    max_examples=600,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# A falsifying workbook is large: Hypothesis warns that its repr is, and the warnings-as-errors setting would
# report that warning in place of the failure it describes.
@pytest.mark.filterwarnings("ignore:Generating overly large repr")
# Hundreds of workbooks take a minute on a quiet machine: the suite's two-minute limit per test is for hangs.
@pytest.mark.timeout(600)
@given(data=mutated_workbooks())
def test_fuzz_every_failure_is_a_spreadsheet_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(data)
    try:
        result = read_spreadsheet(path)
    except SpreadsheetError as error:
        assert error.code in ERRORS
        assert error.message("fr") and error.message("en")
    else:
        assert isinstance(result, ImportResult)
