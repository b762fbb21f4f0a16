"""Running the real command line in a subprocess, and the checks every refusal must pass."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.paths import REPO


def cli_env(home: Path, lang: str = "en_GB.UTF-8") -> dict[str, str]:
    return {**os.environ, "ROPA_DESKTOP_HOME": str(home), "LANG": lang, "LC_ALL": "", "LANGUAGE": "",
            "PYTHONPATH": str(REPO)}


def cli(*args: str | Path, home: Path, lang: str = "en_GB.UTF-8",
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ropa_desktop", *map(str, args)], cwd=REPO,
                          env=cli_env(home, lang), capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def refused(result: subprocess.CompletedProcess[str]) -> str:
    """Exit 2 with exactly one line on stderr and no traceback; returns the line."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    return lines[0]


def listing(folder: Path) -> set[str]:
    """Every file under ``folder`` (to prove a refusal left no stray file)."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def run_main(capsys: object, *args: str | Path) -> tuple[int, str, str]:
    """``ropa-desktop ARGS`` in this process (no interpreter start-up): exit code, stdout, stderr."""
    from ropa_desktop.app import main

    code = main([str(a) for a in args])
    captured = capsys.readouterr()  # type: ignore[attr-defined]
    return code, captured.out, captured.err


def one_line(code: int, err: str, expected: int = 2) -> str:
    assert code == expected, (code, err)
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def one_clean_line(stderr: str) -> str:
    """The one line a command printed on stderr, with no traceback."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]
