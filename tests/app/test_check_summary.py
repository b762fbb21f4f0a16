"""The `check` command's summary line counts errors, warnings and informations each apart."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from ropa_desktop.domain.checks import Severity, check_register
from ropa_desktop.domain.model import Organization, Register
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import cli, one_clean_line


@pytest.mark.parametrize(("lang", "pattern"), [
    ("en_GB.UTF-8", "{e} {e:error|errors}, {w} {w:warning|warnings}, {i} {i:information|information}."),
    ("fr_FR.UTF-8", "{e} {e:erreur|erreurs}, {w} {w:avertissement|avertissements}, {i} {i:information|informations}."),
])
def test_an_information_is_not_counted_as_a_warning(tmp_path: Path, lang: str, pattern: str) -> None:
    register = Register([Organization(name="Cabinet (fictitious)")])  # whether a DPO is mandatory: unanswered
    db = tmp_path / "r.ropa"
    with RegisterStore.open(db, create=True) as store:
        store.write_register(register)
    with RegisterStore.open(db, read_only=True) as store:
        findings = check_register(store.load(), date.today())
    count = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    assert count[Severity.INFO] >= 1
    result = cli("check", "--db", db, home=tmp_path, lang=lang)
    assert result.returncode == (1 if count[Severity.ERROR] else 0), result.stderr
    assert one_clean_line(result.stderr) == worded(
        pattern, lang[:2], e=count[Severity.ERROR], w=count[Severity.WARNING], i=count[Severity.INFO])


def worded(pattern: str, lang: str, **counts: int) -> str:
    """``pattern`` with each "{n:one|other}" worded by hand: singular for 1 (and 0 in French), else plural."""
    def word(match: re.Match[str]) -> str:
        n = counts[match[1]]
        return match[2] if n == 1 or (n == 0 and lang == "fr") else match[3]

    return re.sub(r"\{(\w+):([^|}]*)\|([^}]*)\}", word, pattern).format(**counts)
