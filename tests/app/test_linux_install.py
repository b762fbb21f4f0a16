"""packaging/linux/install.sh installs a bundle for one user and removes it again, touching only that home."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.paths import REPO

LINUX = REPO / "packaging" / "linux"
APP_ID = "org.ropa_desktop.RopaDesktop"
SIZES = (16, 32, 48, 64, 128, 256)


def _fake_bundle(root: Path) -> Path:
    """A bundle shaped like dist/ropa-desktop: an executable, the package's icons, the linux/ folder."""
    bundle = root / "dist" / "ropa-desktop"
    icons = bundle / "_internal" / "ropa_desktop" / "resources" / "icons" / "app"
    shutil.copytree(REPO / "ropa_desktop" / "resources" / "icons" / "app", icons)
    shutil.copytree(LINUX, bundle / "linux")
    exe = bundle / "ropa-desktop"
    exe.write_text('#!/bin/sh\necho "fake ropa-desktop $*"\n')
    exe.chmod(0o755)
    return bundle


def _run(script: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    return subprocess.run(["bash", str(script), *args], env=env, capture_output=True, text=True, timeout=120)


def _installed(home: Path) -> list[Path]:
    share = home / ".local" / "share"
    return [
        home / ".local" / "bin" / "ropa-desktop",
        home / ".local" / "opt" / "ropa-desktop" / "ropa-desktop",
        share / "applications" / f"{APP_ID}.desktop",
        share / "metainfo" / f"{APP_ID}.metainfo.xml",
        share / "mime" / "packages" / f"{APP_ID}.xml",
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        *(share / "icons" / "hicolor" / f"{s}x{s}" / "apps" / f"{APP_ID}.png" for s in SIZES),
    ]


def test_install_from_inside_the_bundle_then_uninstall(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    bundle = _fake_bundle(tmp_path)
    result = _run(bundle / "linux" / "install.sh", home)
    assert result.returncode == 0, result.stderr
    for path in _installed(home):
        assert path.is_file(), f"not installed: {path.relative_to(home)}"
    command = home / ".local" / "bin" / "ropa-desktop"
    assert command.is_symlink()
    assert subprocess.run([command, "--version"], capture_output=True, text=True, check=True).stdout.startswith(
        "fake ropa-desktop --version"
    )
    # The menu entry names the installed command, since ~/.local/bin is not always on a session's PATH.
    desktop = (home / ".local/share/applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"TryExec={command}\n" in desktop
    assert f'Exec=sh -c "exec {command} ' in desktop
    if shutil.which("update-mime-database"):
        assert (home / ".local/share/mime/mime.cache").is_file()

    result = _run(LINUX / "install.sh", home, "--uninstall")
    assert result.returncode == 0, result.stderr
    for path in _installed(home):
        assert not path.exists() and not path.is_symlink(), f"left behind: {path.relative_to(home)}"
    assert not (home / ".local" / "opt" / "ropa-desktop").exists()


def test_reinstall_replaces_the_previous_bundle(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    bundle = _fake_bundle(tmp_path)
    assert _run(bundle / "linux" / "install.sh", home).returncode == 0
    stale = home / ".local" / "opt" / "ropa-desktop" / "_internal" / "stale-module.txt"
    stale.write_text("from the previous version")
    assert _run(LINUX / "install.sh", home, str(bundle)).returncode == 0
    assert not stale.exists()
    assert not (home / ".local" / "opt" / "ropa-desktop.old").exists()


def test_install_without_a_bundle_says_so(tmp_path: Path) -> None:
    result = _run(LINUX / "install.sh", tmp_path, str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "no built bundle" in result.stderr
    assert not (tmp_path / ".local").exists()
