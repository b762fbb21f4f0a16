"""The processor's checks (Art. 28, 30(2)): where they point, what they weigh, what ``check`` prints."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ropa_desktop.domain import adequacy
from ropa_desktop.domain.checks import (
    RULES,
    check_processor,
    check_processor_activity,
    check_register,
    findings_document,
    message,
    organization_score,
)
from ropa_desktop.domain.field_paths import describe, resolve
from ropa_desktop.domain.model import Register, SubProcessor
from ropa_desktop.storage.repository import RegisterStore
from tests.builders import CHECKED_ON as TODAY
from tests.builders import good_org, good_processor_side
from tests.cli_helpers import run_main


@pytest.fixture(autouse=True)
def _packaged_adequacy_list() -> Iterator[None]:
    adequacy.use(adequacy.packaged())
    yield
    adequacy.use(adequacy.packaged())


def _bad_processor() -> Register:
    org = good_org()
    good_processor_side(org)
    processing = org.processor_activities[0]
    processing.sub_processors.append(SubProcessor("Offshore support", "IN", "helpdesk"))
    org.clients[0].contract_reference = ""
    return Register([org])


def test_findings_name_the_processing_and_paths_lead_to_the_field() -> None:
    register = _bad_processor()
    org = register.organizations[0]
    findings = [f for f in check_register(register, TODAY) if f.code in {
        "client_without_contract", "sub_processor_not_authorised", "sub_processor_transfer_missing"}]
    assert {(f.code, f.field, f.activity_id) for f in findings} == {
        ("client_without_contract", "clients[0].contract_reference", None),
        ("sub_processor_not_authorised", "processor_activities[0].sub_processors[1].authorisation", "pa"),
        ("sub_processor_transfer_missing", "processor_activities[0].sub_processors[1].country", "pa"),
    }
    for f in findings:
        resolve(org, f.field)  # every path exists in the organisation
        assert describe(f.field, "organization", "en") != f.field
        assert RULES[f.code].article.startswith("Art. 28")
    offshore = next(f for f in findings if f.code == "sub_processor_transfer_missing")
    assert message(offshore, "en") == ("Sub-processor “Offshore support” is outside the EEA (IN) but no transfer to "
                                       "it rests on a safeguard (Art. 44 to 46)")
    assert "hors de l'EEE (IN)" in message(offshore, "fr")


def test_a_missing_field_of_a_sub_processor_is_labelled_with_its_list() -> None:
    org = good_org()
    good_processor_side(org)
    org.processor_activities[0].sub_processors[0].name = ""
    (finding,) = [f for f in check_processor(org, TODAY) if f.code == "missing_required"]
    assert finding.field == "processor_activities[0].sub_processors[0].name"
    assert message(finding, "en") == "Required field missing: Sub-processors #1: Sub-processor"
    assert message(finding, "fr") == "Champ obligatoire non renseigné : Sous-traitants ultérieurs n° 1 : " \
                                     "Sous-traitant ultérieur"


def test_one_processing_is_checked_alone_as_on_an_edit() -> None:
    register = _bad_processor()
    org = register.organizations[0]
    alone = check_processor_activity(org.processor_activities[0], org, TODAY)
    assert alone == [f for f in check_processor(org, TODAY) if f.activity_id == "pa"]


def test_scores_count_the_processing_and_its_findings() -> None:
    good = good_org()
    good_processor_side(good)
    findings = check_register(Register([good]), TODAY)
    assert organization_score(good, findings)[1]["pa"] == 100
    register = _bad_processor()
    org = register.organizations[0]
    findings = check_register(register, TODAY)
    score, per_activity = organization_score(org, findings)
    assert per_activity["pa"] == 80  # two errors on the processing
    assert per_activity["act"] == 100 and score < 90  # the mean, less the client's error (organisation-level)
    document = findings_document(register, findings, "en", date(2026, 1, 1))
    assert document["scores"][0]["processor_activities"] == [{"activity_id": "pa", "reference": "ST-01",
                                                              "score": 80}]
    row = next(f for f in document["findings"] if f["code"] == "sub_processor_not_authorised")
    assert (row["activity"], row["activity_id"], row["article"]) == ("ST-01", "pa", "Art. 28(2)")


def test_the_check_command_reports_the_processor_side(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROPA_DESKTOP_HOME", str(tmp_path / "home"))
    path = tmp_path / "processor.ropa"
    with RegisterStore.open(path, create=True) as store:
        store.write_register(_bad_processor())
    code, out, _ = run_main(capsys, "check", "--db", path, "--format", "json", "--lang", "fr")
    assert code == 1
    rows = json.loads(out)["findings"]
    codes = {(f["code"], f["activity"], f["path"]) for f in rows}
    assert ("client_without_contract", None, "clients[0].contract_reference") in codes
    assert ("sub_processor_not_authorised", "ST-01", "processor_activities[0].sub_processors[1].authorisation") in codes
    assert any("autorisation écrite" in f["message"] for f in rows)
    code, out, _ = run_main(capsys, "check", "--db", path)
    assert code == 1
    assert "sub_processor_transfer_missing" in out and "Acme / ST-01 / processor_activities[0]" in out
