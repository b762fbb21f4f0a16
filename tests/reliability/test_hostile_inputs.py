"""Every hostile input ends in exit 2 and one line, with the register byte-identical and no stray file."""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
from pathlib import Path

import pytest

from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import cli, listing, one_line, refused, run_main
from tests.data.hostile.make_hostile import minimal_ods

BASE = {"format": "ropa-desktop-register", "version": 1,
        "organizations": [{"name": "Hostile", "activities": [{"reference": "H-1", "name": "a"}]}]}


def with_activity(**fields: object) -> str:
    doc = json.loads(json.dumps(BASE))
    doc["organizations"][0]["activities"][0].update(fields)
    return json.dumps(doc)


HOSTILE_JSON = {
    "nested_100000": '{"format": "ropa-desktop-register", "version": 1, "organizations": '
                     + "[" * 100_000 + "]" * 100_000 + "}",
    "integer_5000_digits": json.dumps(BASE).replace('"version": 1', '"version": 1' + "7" * 5000),
    "integer_above_2_63": with_activity(retention=[{"duration": {"value": 2**64, "unit": "years"}}]),
    "integer_just_above_int64": with_activity(retention=[{"duration": {"value": 2**63, "unit": "years"}}]),
    "date_beyond_utc": with_activity(updated="9999-12-31T23:59:59-12:00"),
    "date_year_0001": with_activity(created="0001-01-01"),
    "lone_surrogate": with_activity(name="a\ud800b"),
    "surrogate_in_key": json.dumps(BASE).replace('"name": "a"', '"na\\udc00me": "a"'),
    "nan": json.dumps(BASE).replace('"version": 1', '"version": NaN'),
    "huge_float": with_activity(retention=[{"duration": {"value": 1e308 * 10, "unit": "years"}}]).replace(
        "Infinity", "1" + "0" * 400),
    "long_text": with_activity(description="x" * 2_000_001),
}


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from ropa_desktop.app import create_register

    path = tmp_path_factory.mktemp("template") / "seeded.ropa"
    create_register(path, seeded=True)
    return path.read_bytes()


@pytest.fixture
def register(tmp_path: Path, seeded_template: bytes) -> Path:
    path = tmp_path / "reg" / "target.ropa"
    path.parent.mkdir()
    path.write_bytes(seeded_template)
    return path


@pytest.mark.parametrize("name", sorted(HOSTILE_JSON))
@pytest.mark.parametrize("dry_run", [False, True])
def test_hostile_json_is_refused_and_changes_nothing(register: Path, tmp_path: Path, name: str, dry_run: bool,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    document = tmp_path / f"{name}.json"
    document.write_text(HOSTILE_JSON[name], "utf-8", errors="surrogatepass")
    before, files = register.read_bytes(), listing(register.parent)
    code, _out, err = run_main(capsys, "import", "--db", register, document, *(["--dry-run"] if dry_run else []))
    one_line(code, err)
    assert register.read_bytes() == before and listing(register.parent) == files


@pytest.mark.parametrize("content", ["[]", "null", "  [{\"format\": 1}]", "42"])
def test_json_that_is_not_an_object_gets_the_json_message(register: Path, tmp_path: Path, content: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    document = tmp_path / "register.json"
    document.write_text(content, "utf-8")
    before = register.read_bytes()
    line = one_line(*run_main(capsys, "import", "--db", register, document)[::2])
    assert "JSON" in line and "XLSX" not in line
    assert register.read_bytes() == before


def test_lone_surrogate_in_a_real_process(register: Path, tmp_path: Path) -> None:
    document = tmp_path / "surrogate.json"
    document.write_text(HOSTILE_JSON["lone_surrogate"], "utf-8")
    before = register.read_bytes()
    line = refused(cli("import", "--db", register, document, "--dry-run", home=tmp_path, lang="fr_FR.UTF-8"))
    assert "activities[0].name" in line and "D800" in line
    assert register.read_bytes() == before


def test_fifo_input_and_fifo_register_are_refused_without_blocking(register: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "input.fifo"
    os.mkfifo(fifo)
    before = register.read_bytes()
    assert "regular file" in one_line(*run_main(capsys, "import", "--db", register, fifo)[::2])
    assert "regular file" in one_line(*run_main(capsys, "check", "--db", fifo)[::2])
    document = tmp_path / "doc.json"
    document.write_text(json.dumps(BASE))
    assert "regular file" in one_line(*run_main(capsys, "import", "--db", fifo, document)[::2])
    assert register.read_bytes() == before


def test_missing_register_is_never_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "typo" / "registre.ropa"
    document = tmp_path / "doc.json"
    document.write_text(json.dumps(BASE))
    for args in (("check", "--db", missing), ("export", "--db", missing, "--format", "json", "-o", tmp_path / "o"),
                 ("import", "--db", missing, document, "--dry-run"), ("import", "--db", missing, document)):
        assert "does not exist" in one_line(*run_main(capsys, *args)[::2])
    assert not missing.parent.exists() and not (tmp_path / "o").exists()


def lying_ods(real: int = 40 * 2**20, declared: int = 100 * 1024) -> bytes:
    """An ODS whose content.xml declares ``declared`` bytes but inflates to ``real``."""
    good = zipfile.ZipFile(io.BytesIO(minimal_ods(
        '<table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row>")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for info in good.infolist():
            data = good.read(info)
            if info.filename == "content.xml":
                data = data.replace(b"<text:p>x</text:p>", b"<text:p>" + b"A" * real + b"</text:p>")
            out.writestr(info, data, zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED)
    raw = bytearray(buffer.getvalue())
    offset = zipfile.ZipFile(io.BytesIO(bytes(raw))).getinfo("content.xml").header_offset
    struct.pack_into("<I", raw, offset + 22, declared)  # local header: uncompressed size
    central = raw.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", raw, central + 28)[0]
        if raw[central + 46:central + 46 + length] == b"content.xml":
            struct.pack_into("<I", raw, central + 24, declared)  # central directory: uncompressed size
        central = raw.find(b"PK\x01\x02", central + 4)
    return bytes(raw)


def test_a_zip_lying_about_its_size_is_refused_before_any_parser(register: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    ods = tmp_path / "lying.ods"
    ods.write_bytes(lying_ods())
    assert ods.stat().st_size < 200_000
    before = register.read_bytes()
    line = one_line(*run_main(capsys, "import", "--db", register, ods)[::2])
    assert "content.xml" in line and "declared size" in line
    assert register.read_bytes() == before


def test_register_reads_back_after_every_refusal(register: Path) -> None:
    with RegisterStore.open(register, read_only=True) as store:
        assert len(store.load().organizations) == 2


def test_a_mapping_or_adequacy_file_that_is_a_pipe_or_a_huge_number_is_refused(
    register: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo, huge = tmp_path / "map.fifo", tmp_path / "huge.json"
    os.mkfifo(fifo)
    huge.write_text('{"version": ' + "9" * 5000 + "}")
    document = tmp_path / "doc.json"
    document.write_text(json.dumps(BASE))
    before = register.read_bytes()
    for bad in (fifo, huge):
        one_line(*run_main(capsys, "adequacy", "--update", bad)[::2])
        one_line(*run_main(capsys, "import", "--db", register, document, "--map", bad, "--dry-run")[::2])
    assert register.read_bytes() == before


def test_control_characters_in_register_content_never_reach_the_terminal(
    register: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "doc.json"
    document.write_text(with_activity(reference="\u001b]0;PWNED\u0007\u001b[2J", name="a\u0000b\u001b[31m\u202e"))
    code, out, err = run_main(capsys, "import", "--db", register, document, "--dry-run")
    assert code == 0 and "\u001b" not in out + err and "\u202e" not in out + err
    assert run_main(capsys, "import", "--db", register, document)[0] == 0
    code, out, err = run_main(capsys, "check", "--db", register)
    assert "\u001b" not in out + err and "\u0007" not in out + err and "\u0000" not in out + err
    assert "\\x1b]0;PWNED\\x07" in out  # shown, inert, so the DPO sees what the register holds
