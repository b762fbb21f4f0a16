"""The seeded registers: valid, lossless, reproducible, and every excerpt verbatim from its notice."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import jsonschema
import pytest

from ropa_desktop.domain import vocabularies as v
from ropa_desktop.domain.model import Register
from ropa_desktop.services import json_format
from ropa_desktop.services.notices import NOTICE_FILES, notice_text
from ropa_desktop.services.seeding import SEED_FILES, seed_register


def _document(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(resources.files("ropa_desktop").joinpath(name).read_text("utf-8"))
    return doc


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def register() -> Register:
    return seed_register()


def test_seed_files_are_the_two_notices() -> None:
    assert SEED_FILES == ("data/seeds/laserseven.json", "data/seeds/enlaps.json")
    assert [o.id for o in seed_register().organizations] == ["laserseven", "enlaps"]


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_document_validates_against_the_schema(name: str) -> None:
    doc = _document(name)
    validator = jsonschema.Draft202012Validator(json_format.schema(),
                                                format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert errors == []
    assert doc["format"] == "ropa-desktop-register" and doc["version"] == 2
    assert len(doc["organizations"]) == 1


def _without_new_defaults(back: Any, doc: Any) -> Any:
    """``back`` without the keys ``doc`` lacks whose value is a default.

    A field added since the seed was written: its file is not rewritten for each new field, and a value the
    file does not hold would still show.
    """
    if isinstance(back, dict) and isinstance(doc, dict):
        return {k: _without_new_defaults(v, doc.get(k)) for k, v in back.items()
                if k in doc or v not in ("", None, False, [], {})}
    if isinstance(back, list) and isinstance(doc, list) and len(back) == len(doc):
        return [_without_new_defaults(b, d) for b, d in zip(back, doc, strict=True)]
    return back


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_document_round_trips_exactly(name: str) -> None:
    doc = _document(name)
    back = json_format.register_to_document(json_format.document_to_register(doc))
    del back["generator"], back["exported_at"]
    assert _without_new_defaults(back, doc) == doc
    # And through text, as a user's export and re-import would go.
    again = json_format.loads(json_format.dumps(json_format.document_to_register(doc)))
    assert again == json_format.document_to_register(doc)


def test_reseeding_is_reproducible(register: Register) -> None:
    assert seed_register() == register
    ids = [a.id for o in register.organizations for a in o.activities]
    assert ids[:2] == ["laserseven-act-01", "laserseven-act-02"]
    assert "enlaps-act-08" in ids
    assert len(ids) == len(set(ids))


def test_every_activity_is_a_sourced_draft(register: Register) -> None:
    for org in register.organizations:
        references = [a.reference for a in org.activities]
        assert len(references) == len(set(references))
        for activity in org.activities:
            assert activity.status == "draft"
            assert activity.role == "controller"
            assert activity.sources, activity.reference
            assert sum(p.main for p in activity.purposes) == 1, activity.reference
            assert all(s.document and s.section and s.excerpt for s in activity.sources)


def test_every_recipient_link_resolves(register: Register) -> None:
    for org in register.organizations:
        for activity in org.activities:
            for link in activity.recipients:
                assert org.recipient(link.recipient_id) is not None, (activity.reference, link.recipient_id)
        used = {link.recipient_id for a in org.activities for link in a.recipients}
        assert used == {r.id for r in org.recipients}, "every catalogue recipient is used by an activity"


def test_seeds_use_only_known_codes(register: Register) -> None:
    for org in register.organizations:
        assert all(r.type in v.RECIPIENT_TYPES for r in org.recipients)
        for a in org.activities:
            assert all(p.legal_basis in v.LEGAL_BASES for p in a.purposes)
            assert all(s.category in v.DATA_SUBJECTS for s in a.data_subjects)
            assert all(c.category in v.DATA_CATEGORIES for c in a.data_categories)
            for rule in a.retention:
                assert rule.duration is None or rule.duration.unit in v.DURATION_UNITS
                assert rule.phase == "" or rule.phase in v.RETENTION_PHASES
                assert all(c in v.DATA_CATEGORIES for c in rule.categories)
                assert rule.duration is not None or rule.criterion, rule.applies_to


@pytest.mark.parametrize("org_id", sorted(NOTICE_FILES))
def test_every_excerpt_is_verbatim_in_its_notice(register: Register, org_id: str) -> None:
    notice = _normalise(notice_text(org_id))
    org = register.organization(org_id)
    assert org is not None
    sources = [*org.sources, *(s for a in org.activities for s in a.sources)]
    assert len(sources) > 20
    missing = [s.excerpt for s in sources if _normalise(s.excerpt) not in notice]
    assert missing == []


def test_excerpt_check_catches_drift() -> None:
    """The verbatim test would fail on a paraphrase: a changed word is not found."""
    notice = _normalise(notice_text("enlaps"))
    assert _normalise("for the management of online chats: 3 years as of the request") in notice
    assert _normalise("for the management of online chats: 2 years as of the request") not in notice
