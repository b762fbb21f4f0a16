"""The layering, lint and type rules hold: checked by the tools themselves, in the test run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name if (BIN / name).exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: install the package with its test extra")
    return str(found)


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)


def test_import_contracts_hold() -> None:
    result = run(tool("lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ruff_is_clean() -> None:
    result = run(tool("ruff"), "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_is_clean() -> None:
    result = run(tool("mypy"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_layers_import_without_qt() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "import ropa_desktop\n"
        "for pkg in ('domain', 'storage', 'services'):\n"
        "    base = importlib.import_module(f'ropa_desktop.{pkg}')\n"
        "    for info in pkgutil.walk_packages(base.__path__, base.__name__ + '.'):\n"
        "        if '.migrations' not in info.name:\n"
        "            importlib.import_module(info.name)\n"
        "assert not any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules), 'Qt imported by the core'\n"
        "print('ok')\n"
    )
    result = run(sys.executable, "-c", code)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
