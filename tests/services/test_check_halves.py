"""`check` read and checked in two processes prints what one process prints, and falls back when the child fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ropa_desktop.domain.model import Register
from ropa_desktop.services.synthetic import synthetic_register
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import cli, cli_env
from tests.paths import REPO

# The command line with the fork allowed on a small register; ``child`` replaces the child's work, and each fork
# made is noted in the file named by the first argument.
_SCRIPT = """
import sys
from ropa_desktop import app
from ropa_desktop.services import check_halves
from ropa_desktop.services.spreadsheet import halves

halves.MIN_ROWS = 1
made, note_path = halves.Shared.__init__, sys.argv[1]
def noted(self, count, build):
    with open(note_path, "a") as note:
        note.write("fork\\n")
    made(self, count, build)
halves.Shared.__init__ = noted
own = check_halves._child
{child}
sys.argv = ["ropa-desktop", "check", *sys.argv[2:]]
sys.exit(app.main())
"""
_CHILDREN = {
    "halves": "",
    "child fails": "def failing(*args):\n    raise RuntimeError('child')\ncheck_halves._child = failing",
    "save between": "def later(*args):\n    mark, found = own(*args)\n    return mark + 1, found\n"
                    "check_halves._child = later",
    "parent's part fails": "import os\nfrom ropa_desktop.storage.repository import RegisterStore\n"
                           "parent, part = os.getpid(), RegisterStore.load_part\n"
                           "def failing(self, *args, **kwargs):\n"
                           "    if os.getpid() == parent:\n        raise RuntimeError('part')\n"
                           "    return part(self, *args, **kwargs)\n"
                           "RegisterStore.load_part = failing",
}


@pytest.fixture(scope="module")
def two_organisations(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two organisations whose activities' ids interleave: the split falls inside both."""
    first, second = synthetic_register(40, seed=3), synthetic_register(30, seed=11)
    db = tmp_path_factory.mktemp("halves") / "r.ropa"
    with RegisterStore.open(db, create=True) as store:
        store.write_register(Register([*first.organizations, *second.organizations]))
    return db


_ALONE: dict[str, subprocess.CompletedProcess[str]] = {}


@pytest.mark.slow
@pytest.mark.parametrize(("child", "lang"), [("halves", "en"), ("halves", "fr"), ("child fails", "en"),
                                             ("save between", "fr"), ("parent's part fails", "en")])
def test_check_in_two_processes_prints_what_one_prints(two_organisations: Path, tmp_path: Path, child: str,
                                                       lang: str) -> None:
    alone = _ALONE.get(lang) or _ALONE.setdefault(lang, cli("check", "--db", two_organisations, "--lang", lang,
                                                             home=tmp_path))
    assert alone.returncode == 1 and alone.stdout.count("\n") > 100, alone.stderr
    note = tmp_path / "forks"
    script = _SCRIPT.format(child=_CHILDREN[child])
    halved = subprocess.run([sys.executable, "-c", script, str(note), "--db", str(two_organisations), "--lang", lang],
                            cwd=REPO, env=cli_env(tmp_path), capture_output=True, text=True, timeout=120,
                            stdin=subprocess.DEVNULL, check=False)
    assert note.read_text() == "fork\n"  # one child was made (else this compares one process with itself)
    assert (halved.returncode, halved.stdout, halved.stderr) == (alone.returncode, alone.stdout, alone.stderr)
