"""Packaging files agree with the package: version, desktop entry, icons, MIME type, spec, install script."""

from __future__ import annotations

import configparser
import filecmp
import glob
import os
import re
import shutil
import struct
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import ropa_desktop
from ropa_desktop.storage.schema import APPLICATION_ID
from tests.paths import REPO

PACKAGING = REPO / "packaging"
LINUX = PACKAGING / "linux"
APP_ID = "org.ropa_desktop.RopaDesktop"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME_XML = LINUX / f"{APP_ID}.mime.xml"
SPEC = PACKAGING / "ropa-desktop.spec"
ICONS = REPO / "ropa_desktop" / "resources" / "icons" / "app"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


# --- one version ------------------------------------------------------------------------------------------------


def test_metainfo_latest_release_is_the_package_version() -> None:
    releases = ET.parse(METAINFO).getroot().findall("./releases/release")
    assert releases, "metainfo has no <release>"
    newest = max(releases, key=lambda r: _version_key(r.attrib["version"]))
    assert releases[0] is newest, "AppStream lists the newest release first"
    assert newest.attrib["version"] == ropa_desktop.__version__
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", newest.attrib["date"])


def test_changelog_has_the_package_version_with_the_release_date() -> None:
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    date = ET.parse(METAINFO).getroot().find("./releases/release").attrib["date"]  # type: ignore[union-attr]
    headings = re.findall(r"^## \[([^\]]+)\](?: - (\S+))?", text, flags=re.MULTILINE)
    released = [(v, d) for v, d in headings if v != "Unreleased"]
    assert released[0] == (ropa_desktop.__version__, date)


def test_spec_and_smoke_test_read_the_version_from_the_package() -> None:
    assert "ropa_desktop.__version__" in SPEC.read_text(encoding="utf-8")
    assert "__version__" in (PACKAGING / "smoke_test.sh").read_text(encoding="utf-8")


# --- desktop entry ------------------------------------------------------------------------------------------------


def test_desktop_entry_has_the_required_keys() -> None:
    entry = _desktop_entry()
    for key in ("Type", "Name", "Comment", "Exec", "TryExec", "Icon", "Categories", "MimeType", "Terminal"):
        assert entry.get(key), f"{DESKTOP.name} lacks {key}"
    assert entry["Type"] == "Application"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert "Office" in entry["Categories"].split(";")
    assert "application/x-ropa-register" in entry["MimeType"].split(";")
    assert entry["Exec"].endswith(" %f") and "--db" in entry["Exec"]
    assert "Name[fr]" not in entry or entry["Name[fr]"]


def test_desktop_entry_turns_a_file_into_db_and_no_file_into_nothing(tmp_path: Path) -> None:
    """Launch the entry the way a desktop does (GLib), with a fake command that records its arguments."""
    gio = _tool("gio")
    fake = tmp_path / "bin" / "ropa-desktop"
    fake.parent.mkdir()
    record = tmp_path / "args"
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$#" "$@" > "{record}.tmp" && mv "{record}.tmp" "{record}"\n')
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{fake.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    register = tmp_path / "my register \"v2\" l'été.ropa"
    for args, expected in (([str(register)], ["2", "--db", str(register)]), ([], ["0"])):
        record.unlink(missing_ok=True)
        subprocess.run([gio, "launch", str(DESKTOP), *args], env=env, check=True, timeout=20)
        deadline = time.monotonic() + 10
        while not record.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert record.read_text(encoding="utf-8").splitlines() == expected


def test_desktop_file_validate() -> None:
    tool = _tool("desktop-file-validate")
    result = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


# --- AppStream metainfo -------------------------------------------------------------------------------------------


def test_metainfo_names_the_desktop_entry_and_the_mime_type() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/mediatype") == "application/x-ropa-register"
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert root.findtext("project_license") == pyproject["project"]["license"]["text"]


def test_appstreamcli_validate() -> None:
    tool = _tool("appstreamcli")
    result = subprocess.run([tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not re.search(r"^[EW]:", result.stdout, flags=re.MULTILINE), result.stdout


# --- icons ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_exists_at_its_size(size: int) -> None:
    data = (ICONS / f"ropa-desktop-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (size, size)


def test_package_icons_are_a_copy_of_resources_icons() -> None:
    source = REPO / "resources" / "icons" / "app"
    names = sorted(p.name for p in source.iterdir())
    assert names == sorted(p.name for p in ICONS.iterdir())
    _, mismatch, errors = filecmp.cmpfiles(source, ICONS, names, shallow=False)
    assert mismatch == [] and errors == [], "run: python packaging/render_icons.py"


def test_scalable_icon_is_svg() -> None:
    root = ET.parse(ICONS / "ropa-desktop.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.attrib["viewBox"] == "0 0 256 256"


# --- MIME type ---------------------------------------------------------------------------------------------------


def test_mime_magic_is_the_register_application_id() -> None:
    mime_type = ET.parse(MIME_XML).getroot().find(f"{MIME_NS}mime-type")
    assert mime_type is not None and mime_type.attrib["type"] == "application/x-ropa-register"
    outer = mime_type.find(f"{MIME_NS}magic/{MIME_NS}match")
    assert outer is not None and outer.attrib["offset"] == "0" and outer.attrib["value"].startswith("SQLite format 3")
    inner = outer.find(f"{MIME_NS}match")
    assert inner is not None and inner.attrib["type"] == "big32" and inner.attrib["offset"] == "68"
    assert int(inner.attrib["value"], 16) == APPLICATION_ID
    assert [g.attrib["pattern"] for g in mime_type.iter(f"{MIME_NS}glob")] == ["*.ropa"]


def test_xmllint_accepts_the_xml_files() -> None:
    tool = _tool("xmllint")
    for path in (MIME_XML, METAINFO, ICONS / "ropa-desktop.svg"):
        result = subprocess.run([tool, "--noout", str(path)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr


def test_a_real_register_is_recognised_by_magic_and_by_name(tmp_path: Path) -> None:
    """Install the MIME XML in a private XDG data dir and ask Qt's freedesktop MIME database (a subprocess)."""
    from ropa_desktop.storage.repository import RegisterStore

    mime_dir = tmp_path / "share" / "mime"
    (mime_dir / "packages").mkdir(parents=True)
    shutil.copy(MIME_XML, mime_dir / "packages" / f"{APP_ID}.xml")
    if shutil.which("update-mime-database"):
        result = subprocess.run(["update-mime-database", str(mime_dir)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 and "Error" not in result.stderr, result.stderr
    renamed = tmp_path / "register.bin"  # a register whose extension says nothing: only the magic can tell
    with RegisterStore.open(renamed, create=True):
        pass
    assert renamed.read_bytes()[68:72] == b"ROPA"
    plain = tmp_path / "other.sqlite"
    (tmp_path / "new.ropa").write_bytes(b"")
    import sqlite3

    with sqlite3.connect(plain) as con:
        con.execute("create table t (x)")
    con.close()
    script = (
        "import sys; from PySide6.QtCore import QMimeDatabase; db = QMimeDatabase()\n"
        "print(*(db.mimeTypeForFile(p).name() for p in sys.argv[1:]))"
    )
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share"), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", script, str(renamed), str(tmp_path / "new.ropa"), str(plain)],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    ).stdout.split()
    assert out[:2] == ["application/x-ropa-register", "application/x-ropa-register"]
    assert out[2] != "application/x-ropa-register"


# --- the PyInstaller spec and the wheel it freezes -------------------------------------------------------------


def test_spec_collects_the_data_folders_and_the_migrations_as_files() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    assert 'collect_data_files("ropa_desktop")' in spec  # data/, resources/: every non-Python file
    assert re.search(r'collect_data_files\("ropa_desktop", include_py_files=True, subdir=MIGRATIONS_SUBDIR\)', spec)
    assert 'MIGRATIONS_SUBDIR = "storage/migrations"' in spec
    for folder in ("ropa_desktop/data", "ropa_desktop/resources", "ropa_desktop/storage/migrations"):
        assert folder in spec, f"the spec does not mention {folder}"
        assert (REPO / folder).is_dir()
    assert (REPO / "ropa_desktop/storage/migrations/script.py.mako").is_file()
    for module in ("sqlalchemy.dialects.sqlite", '"pycountry"', '"openpyxl"', '"reportlab', '"defusedxml"',
                   '"python_calamine"', '"platformdirs"', '"alembic"', "sqlalchemy.dialects.postgresql.psycopg",
                   '"psycopg"', '"psycopg_binary"', '"psycopg-binary"'):
        assert module in spec, f"the spec does not collect {module}"
    hook = PACKAGING / "rthooks" / "pyi_rth_ropa_defusedxml.py"
    assert hook.name in spec and "openpyxl.DEFUSEDXML" in hook.read_text(encoding="utf-8")


def test_the_wheel_carries_every_data_file_of_the_package() -> None:
    """The build freezes the installed wheel: a data file outside package-data would be missing from the bundle."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["ropa_desktop"]
    package = REPO / "ropa_desktop"
    covered = {Path(p) for pattern in patterns for p in glob.glob(pattern, root_dir=package, recursive=True)}
    data_files = {
        path.relative_to(package)
        for path in package.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }
    assert data_files, "the package has no data files at all?"
    assert sorted(map(str, data_files - covered)) == []


def test_shell_scripts_parse() -> None:
    for script in (PACKAGING / "build.sh", PACKAGING / "smoke_test.sh", LINUX / "install.sh"):
        assert os.access(script, os.X_OK), f"{script.name} is not executable"
        subprocess.run(["bash", "-n", str(script)], check=True, timeout=30)


def test_runtime_hook_stops_a_build_without_defusedxml() -> None:
    hook = PACKAGING / "rthooks" / "pyi_rth_ropa_defusedxml.py"
    run = f"import runpy; runpy.run_path({str(hook)!r})"
    blocked = "import sys; sys.modules['defusedxml'] = None; " + run  # as if the package had not been bundled
    broken = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True, timeout=60)
    assert broken.returncode == 1 and "defusedxml" in broken.stderr
    assert "Traceback" not in broken.stderr
    fine = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True, timeout=60)
    assert fine.returncode == 0, fine.stderr
