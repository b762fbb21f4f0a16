"""The `check` command's summary line counts errors, warnings and informations each apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ropa_desktop.domain.checks import Severity, check_register
from ropa_desktop.domain.model import Organization, Register
from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import cli, one_clean_line


@pytest.mark.parametrize(("lang", "pattern"), [
    ("en_GB.UTF-8", "{e} error(s), {w} warning(s), {i} information(s)."),
    ("fr_FR.UTF-8", "{e} erreur(s), {w} avertissement(s), {i} information(s)."),
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
    assert one_clean_line(result.stderr) == pattern.format(
        e=count[Severity.ERROR], w=count[Severity.WARNING], i=count[Severity.INFO])
