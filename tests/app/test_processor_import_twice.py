"""A processor's register imported as a new organisation and again as itself: two organisations, no clash of ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa_desktop.storage.repository import RegisterStore
from tests.cli_helpers import run_main
from tests.paths import REPO

SAMPLE = REPO / "sample_registers" / "processor-register.json"


@pytest.mark.parametrize("renamed_first", [True, False])
def test_the_same_processor_file_imported_as_a_new_organisation_and_as_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], renamed_first: bool
) -> None:
    db = tmp_path / "r.ropa"
    assert run_main(capsys, "init", "--db", db, "--empty")[0] == 0
    renamed = ("import", "--db", db, SAMPLE, "--new-organization", "Copie d'Hébergix")
    plain = ("import", "--db", db, SAMPLE)
    for args in (renamed, plain) if renamed_first else (plain, renamed):
        code, _out, err = run_main(capsys, *args)
        assert code == 0, err
    with RegisterStore.open(db, read_only=True) as store:
        orgs = store.load().organizations
    assert len(orgs) == 2
    first, second = orgs
    assert [c.name for c in first.clients] == [c.name for c in second.clients] and len(first.clients) == 3
    assert not {c.id for c in first.clients} & {c.id for c in second.clients}
    assert not {a.id for a in first.processor_activities} & {a.id for a in second.processor_activities}
    for org in orgs:  # each processing still points at its own organisation's clients
        own = {c.id for c in org.clients}
        assert all(link.client_id in own for a in org.processor_activities for link in a.clients)
