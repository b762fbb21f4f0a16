"""The adequacy list is dated data: the shipped file is valid, current, and a newer one replaces it."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ropa_desktop.domain import adequacy
from ropa_desktop.domain.adequacy import AdequacyListError
from ropa_desktop.services import adequacy_store


def _packaged_document() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(resources.files("ropa_desktop").joinpath(adequacy.PACKAGED).read_text("utf-8"))
    return doc


@pytest.fixture(autouse=True)
def _packaged_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("ROPA_DESKTOP_HOME", str(tmp_path))
    adequacy.use(adequacy.packaged())
    yield
    adequacy.use(adequacy.packaged())


def test_the_shipped_list_validates_against_its_schema() -> None:
    schema = json.loads(resources.files("ropa_desktop").joinpath(adequacy.SCHEMA).read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(_packaged_document())] == []


def test_the_shipped_list_is_current_as_of_its_date() -> None:
    current = adequacy.packaged()
    assert current.list_date == date(2026, 11, 27)
    assert not current.is_stale(date(2027, 5, 27))
    assert current.is_stale(date(2027, 5, 30))  # more than six months old
    brazil = current.decision("BR")
    assert brazil is not None and (brazil.adopted, brazil.celex) == (date(2026, 1, 26), "32026D0179")
    uk = current.decision("gb")
    assert uk is not None and (uk.adopted, uk.expires) == (date(2025, 12, 19), date(2031, 12, 27))
    assert not uk.expired(date(2026, 11, 27)) and uk.expired(date(2031, 12, 28))
    us = current.decision("US")
    assert us is not None and "Data Privacy Framework" in us.scope and "C-703/25 P" in us.notes
    epo = current.decision("INT-EPO")
    assert epo is not None and (epo.kind, epo.adopted) == ("international_organization", date(2025, 7, 15))
    assert current.organizations() == (epo,)
    assert "PIPEDA" in (current.decision("CA") or epo).scope
    assert "credit" in (current.decision("KR") or epo).scope
    assert current.decision("IN") is None
    judgments = {m.name: (m.judgment, m.judgment_date) for m in current.invalidated}
    assert judgments["Safe Harbor"] == ("CJEU C-362/14 (Schrems I)", date(2015, 10, 6))
    assert judgments["EU-U.S. Privacy Shield"] == ("CJEU C-311/18 (Schrems II)", date(2020, 7, 16))
    assert current.invalid_mechanism_in("Certified under the Privacy Shield") is not None
    assert current.invalid_mechanism_in("Certified under the Data Privacy Framework") is None


def _broken(change: str) -> dict[str, Any]:
    doc = _packaged_document()
    if change == "duplicate":
        doc["decisions"].append(doc["decisions"][0])
    elif change == "organisation without INT-":
        doc["decisions"][0]["kind"] = "international_organization"
    elif change == "country name":
        doc["decisions"][0]["destination"] = "Brazil"
    elif change == "bad date":
        doc["list_date"] = "27/11/2026"
    elif change == "unknown field":
        doc["decisions"][0]["adequate"] = True
    elif change == "other format":
        doc["format"] = "ropa-desktop-register"
    return doc


@pytest.mark.parametrize("change", ["duplicate", "organisation without INT-", "country name", "bad date",
                                    "unknown field", "other format"])
def test_a_broken_list_is_refused_by_the_reader_and_the_schema(change: str) -> None:
    doc = _broken(change)
    with pytest.raises(AdequacyListError):
        adequacy.parse(doc)
    if change != "duplicate":  # uniqueness of destinations is beyond JSON Schema
        schema = json.loads(resources.files("ropa_desktop").joinpath(adequacy.SCHEMA).read_text("utf-8"))
        validator = jsonschema.Draft202012Validator(schema,
                                                    format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        assert list(validator.iter_errors(doc))


def test_a_newer_user_list_is_used_from_then_on(tmp_path: Path) -> None:
    doc = {**_packaged_document(), "list_date": "2027-06-01"}
    doc["decisions"] = [d for d in doc["decisions"] if d["destination"] != "US"]
    source = tmp_path / "list.json"
    source.write_text(json.dumps(doc), "utf-8")
    installed = adequacy_store.install(source)
    assert installed.list_date == date(2027, 6, 1) and adequacy.in_use() == installed
    adequacy.use(adequacy.packaged())
    assert adequacy_store.load_in_use() == installed  # next start: the stored copy
    assert adequacy.in_use().decision("US") is None


def test_an_older_or_damaged_user_list_gives_way_to_the_packaged_one(tmp_path: Path) -> None:
    older = replace(adequacy.packaged(), list_date=date(2025, 1, 1))
    doc = {**_packaged_document(), "list_date": older.list_date.isoformat()}
    adequacy_store.user_list_path().write_text(json.dumps(doc), "utf-8")
    assert adequacy_store.load_in_use() == adequacy.packaged()
    adequacy_store.user_list_path().write_text("{broken", "utf-8")
    assert adequacy_store.load_in_use() == adequacy.packaged()


def test_an_invalid_file_changes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(_broken("country name")), "utf-8")
    with pytest.raises(AdequacyListError):
        adequacy_store.install(source)
    assert not adequacy_store.user_list_path().exists()
    assert adequacy.in_use() == adequacy.packaged()
