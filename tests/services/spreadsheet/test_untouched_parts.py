"""Our workbook back byte for byte: its zip parts' CRC-32s say so without a sheet read; any other file is vetted."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from ropa_desktop.services.spreadsheet import grid
from ropa_desktop.services.spreadsheet.parts import untouched_meta
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import cli, refused, run_main


@pytest.fixture
def exported(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "r.ropa"
    monkeypatch.setenv("ROPA_DESKTOP_HOME", str(tmp_path))
    assert run_main(capsys, "init", "--db", db)[0] == 0
    code, _, err = run_main(capsys, "export", "--db", db, "--format", "xlsx", "-o", tmp_path / "r.xlsx",
                            "--lang", "en")
    assert code == 0, err
    return tmp_path / "r-enlaps.xlsx"  # one workbook per organisation


@pytest.fixture
def sheets_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    count: list[int] = []
    real = grid.load

    def counted(*args: object, **kwargs: object) -> grid.Book:
        count.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(grid, "load", counted)
    return count


def _import(capsys: pytest.CaptureFixture[str], workbook: Path) -> list[str]:
    code, out, err = run_main(capsys, "import", "--db", workbook.parent / "r.ropa", workbook, "--dry-run")
    assert code == 0, err
    return out.splitlines()


def _meta_part(workbook: Path) -> str:
    from ropa_desktop.services.spreadsheet.parts import sheet_paths

    with zipfile.ZipFile(workbook) as archive:
        return sheet_paths(archive)["ropa"]


def _rewritten(workbook: Path, change: dict[str, bytes | None]) -> None:
    """The workbook with some parts' bytes replaced (None: removed), or parts added, every other one as it was."""
    with zipfile.ZipFile(workbook) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    for name, data in change.items():
        if data is None:
            del parts[name]
        else:
            parts[name] = data
    with zipfile.ZipFile(workbook, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)


def test_an_untouched_export_is_no_change_without_a_sheet_read(
        exported: Path, capsys: pytest.CaptureFixture[str], sheets_read: list[int]) -> None:
    info = untouched_meta(exported)
    assert info is not None and info["format"] == "ropa-desktop-register-xlsx" and info["lang"] == "en"
    assert _import(capsys, exported) == ["No change."]
    assert sheets_read == []
    _rewritten(exported, {})  # the same parts zipped again (other compression): still every part as written
    assert untouched_meta(exported) is not None


def test_without_openpyxl_or_calamine_in_the_process(exported: Path) -> None:
    """The check costs a central directory and one small sheet: the spreadsheet libraries are not even imported."""
    import subprocess
    import sys

    from tests.cli_helpers import cli_env

    script = ("import sys; from ropa_desktop.app import main\n"
              "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in ('openpyxl', 'python_calamine') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script, "import", "--db", exported.parent / "r.ropa", exported,
                           "--dry-run"], env=cli_env(exported.parent), capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.stdout.splitlines() == ["No change.", "[]"], done.stderr


def _with_meta_row(workbook: Path, key: bytes, value: bytes) -> dict[str, bytes | None]:
    part = _meta_part(workbook)
    with zipfile.ZipFile(workbook) as archive:
        xml = archive.read(part)
    head, sep, tail = xml.partition(b"<t>" + key + b"</t>")
    assert sep
    old = tail.split(b"<t>", 1)[1].split(b"</t>", 1)[0]
    return {part: head + sep + tail.replace(b"<t>" + old + b"</t>", b"<t>" + value + b"</t>", 1)}


@pytest.mark.parametrize("what", ["core", "added", "removed", "meta row"])
def test_a_part_changed_added_or_removed_is_not_known_untouched(
        exported: Path, capsys: pytest.CaptureFixture[str], sheets_read: list[int], what: str) -> None:
    with zipfile.ZipFile(exported) as archive:
        core = archive.read("docProps/core.xml")
    change: dict[str, bytes | None] = {
        "core": {"docProps/core.xml": core.replace(b"openpyxl", b"counsel")},  # the bytes only: same sheets
        "added": {"xl/media/image1.png": b"\x89PNG"},
        "removed": {"docProps/app.xml": None},
        "meta row": _with_meta_row(exported, b"generator", b"ROPA Desktop 0.0.1"),
    }[what]
    _rewritten(exported, change)
    assert untouched_meta(exported) is None
    assert _import(capsys, exported) == ["No change."]  # the sheets' own fingerprints then say it
    assert sheets_read == [1]


def test_an_edited_cell_takes_the_full_import(exported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(exported)
    ws = wb["Register"]
    column = [c.value for c in ws[1]].index("Name of the processing") + 1
    ws.cell(2, column).value = "Renamed by counsel"
    wb.save(exported)
    assert untouched_meta(exported) is None
    assert any("Renamed by counsel" in line for line in _import(capsys, exported))


def test_a_register_saved_since_is_not_no_change_at_once(
        exported: Path, capsys: pytest.CaptureFixture[str], sheets_read: list[int]) -> None:
    with RegisterStore.open(exported.parent / "r.ropa") as store:
        register = store.load()
        org = next(o for o in register.organizations if o.activities and o.name.lower().startswith("enlaps"))
        org.activities[0].notes = "changed by the DPO"
        store.save_activity(org.id, org.activities[0])
    assert _import(capsys, exported) == ["No change."]  # the DPO's edit stays; the rows were compared to say so
    assert sheets_read == [1]


def _declared_smaller(data: bytes, name: str, declared: int) -> bytes:
    """The archive with ``name``'s uncompressed size declared as ``declared`` in both of its headers."""
    out = bytearray(data)
    encoded = name.encode()
    at = data.index(b"PK\x01\x02")  # the first central directory header
    while True:
        size = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + size] == encoded:
            struct.pack_into("<I", out, at + 24, declared)
            local = struct.unpack_from("<I", data, at + 42)[0]
            struct.pack_into("<I", out, local + 22, declared)
            return bytes(out)
        at = data.index(b"PK\x01\x02", at + 4)


def test_a_metadata_sheet_inflating_past_its_declared_size_is_refused(exported: Path) -> None:
    """A part that lies about its size is never trusted: the fast check gives up, and the full import refuses it."""
    part = _meta_part(exported)
    with zipfile.ZipFile(exported) as archive:
        xml = archive.read(part)
    padded = xml.replace(b"</worksheet>", b" " * 2_000_000 + b"</worksheet>")
    _rewritten(exported, {part: padded})
    exported.write_bytes(_declared_smaller(exported.read_bytes(), part, len(xml)))
    with zipfile.ZipFile(io.BytesIO(exported.read_bytes())) as archive:
        assert archive.getinfo(part).file_size == len(xml)
    assert untouched_meta(exported) is None
    line = refused(cli("import", "--db", exported.parent / "r.ropa", exported, "--dry-run", home=exported.parent))
    assert "inflates beyond its declared size" in line
