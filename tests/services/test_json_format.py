"""The JSON form is lossless, documented by its schema, and bad documents are refused with a precise path."""

from __future__ import annotations

import dataclasses
import json
import typing
from datetime import UTC, date, datetime

import jsonschema
import pytest

from ropa_desktop.domain import model as m
from ropa_desktop.services import json_format as jf
from ropa_desktop.services.synthetic import synthetic_register


def full_organization() -> m.Organization:
    """An organisation where every field of every type holds something unusual."""
    aws = m.Recipient(name="Amazon Web Services EMEA SARL", type="processor", country="LU", details="hébergement",
                      contract_reference="DPA 2024-07")
    org = m.Organization(
        name="Société Ωmega «R&D» <b>", legal_form="SAS", registration_number="813 731 262",
        address="26 Avenue Jean Kuntzmann", postal_code="01000", city="Montbonnot-Saint-Martin", country="FR",
        phone="+33 (0)4-58-00-57-30", email="info@example.fr", website="www.example.fr",
        head=m.Contact(name="Antoine Auberton", role="Chairman"),
        representative=m.Contact(name="Łukasz Żółć", country="PL"),
        dpo=m.Contact(name="Martin Henri", company="DPO Conseil", designation_number="DPO-12345", email="d@x.fr"),
        dpo_is_contact_point=True, notes="=cmd|' /C calc'!A0", sources=[m.Source("Policy", "Who", "Enlaps")],
        recipients=[aws, m.Recipient(name="Unknown type", type="legacy-code", country="ZZ")],
    )
    org.activities.append(m.Activity(
        reference="EN-03", name="Commandes\nboutique", description="multi\nline", role="joint_controller",
        joint_controllers="Partner SA", status="in_review", created=date(2020, 8, 10),
        updated=datetime(2026, 11, 22, 10, 30, tzinfo=UTC), owner_department="Ventes", tools="Shopify",
        data_source="directly", next_review=date(2027, 1, 31),
        purposes=[m.Purpose("Gestion des commandes", True, "contract", "order"),
                  m.Purpose("Newsletter", False, "consent", "")],
        data_subjects=[m.DataSubject("customers", "B2B"), m.DataSubject("martians", "unknown code kept")],
        data_categories=[m.DataCategory("identity", "nom"), m.DataCategory("health", "allergies", True,
                                                                           "explicit_consent", "form")],
        retention=[m.RetentionRule("factures", ["identity"], m.Duration(10, "years"), "", "fin du contrat",
                                   "Code de commerce, art. L. 123-22", "intermediate", "deletion"),
                   m.RetentionRule("newsletter", [], None, "until unsubscribed", "", "", "active", "")],
        recipients=[m.ActivityRecipient(aws.id, "hosting"), m.ActivityRecipient(org.recipients[1].id, "")],
        transfers=[m.Transfer("Social Intents", "US", "scc", "https://example.org/dpa")],
        security_measures=[m.SecurityMeasure("encryption", "TLS 1.3")],
        dpia=m.Dpia(True, False, "AIPD-7"), automated_decision=m.AutomatedDecision(False, "none"),
        consent_withdrawal="unsubscribe link", notes="internal only",
        sources=[m.Source("Privacy policy", "Purposes", "management of orders")],
    ))
    return org


def test_round_trip_is_exact_and_schema_valid() -> None:
    register = synthetic_register(25, organizations=2)
    register.organizations.append(full_organization())
    when = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    text = jf.dumps(register, exported_at=when)
    document = json.loads(text)
    jsonschema.Draft202012Validator(jf.schema()).validate(document)
    again = jf.loads(text)
    assert again == register
    assert jf.dumps(again, exported_at=when) == text


def test_document_shape_follows_the_design() -> None:
    doc = jf.register_to_document(m.Register([full_organization()]))
    assert (doc["format"], doc["version"]) == ("ropa-desktop-register", 2)
    activity = doc["organizations"][0]["activities"][0]
    assert activity["retention"][0]["duration"] == {"value": 10, "unit": "years"}
    assert activity["retention"][1]["duration"] is None
    assert activity["recipients"][0] == {"recipient_id": activity["recipients"][0]["recipient_id"],
                                         "name": "Amazon Web Services EMEA SARL", "type": "processor",
                                         "country": "LU", "details": "hosting"}
    assert activity["created"] == "2020-08-10" and activity["updated"] == "2026-11-22T10:30:00Z"
    assert doc["organizations"][0]["postal_code"] == "01000"


def test_schema_documents_every_field_of_the_model() -> None:
    defs = jf.schema()["$defs"]
    for cls in (m.Organization, m.Contact, m.Recipient, m.Activity, m.Purpose, m.DataSubject, m.DataCategory,
                m.RetentionRule, m.Duration, m.Transfer, m.SecurityMeasure, m.Dpia, m.AutomatedDecision, m.Source):
        names = {f.name for f in dataclasses.fields(cls)}
        if cls is m.Organization:
            names |= {"activities"}
        assert set(defs[cls.__name__]["properties"]) == names, cls.__name__
    link = set(defs["ActivityRecipientLink"]["properties"])
    assert link == set(typing.get_type_hints(m.ActivityRecipient)) | {"name", "type", "country"}


def test_recipient_links_resolve_by_name_or_create_catalogue_entries() -> None:
    doc = jf.register_to_document(m.Register([m.Organization(name="A")]))
    doc["organizations"][0]["recipients"] = [{"id": "r1", "name": "OVH", "type": "processor"}]
    doc["organizations"][0]["activities"] = [{"reference": "A-1", "recipients": [
        {"name": "ovh", "details": "web"}, {"name": "Stripe", "type": "processor", "country": "IE"}]}]
    org = jf.document_to_register(doc).organizations[0]
    links = org.activities[0].recipients
    assert links[0].recipient_id == "r1"
    stripe = org.recipient(links[1].recipient_id)
    assert stripe is not None and (stripe.name, stripe.country) == ("Stripe", "IE")


@pytest.mark.parametrize(("text", "path", "words"), [
    ("not json", "$", "not valid JSON"),
    ("[]", "$", "expected a JSON object"),
    ('{"format": "other", "version": 1, "organizations": []}', "$.format", "not a register"),
    ('{"format": "ropa-desktop-register", "version": 9, "organizations": []}', "$.version", "newer"),
    ('{"format": "ropa-desktop-register", "version": 1, "organizations": [{"nmae": "x"}]}',
     "$.organizations[0]", "unknown field(s): nmae"),
    ('{"format": "ropa-desktop-register", "version": 1, "organizations": [{"activities": '
     '[{"created": "2020-13-01"}]}]}',
     "$.organizations[0].activities[0].created", "expected a date"),
    ('{"format": "ropa-desktop-register", "version": 1, "organizations": [{"activities": [{"retention": '
     '[{"duration": {"value": "ten", "unit": "years"}}]}]}]}',
     "$.organizations[0].activities[0].retention[0].duration.value", "whole number"),
    ('{"format": "ropa-desktop-register", "version": 1, "organizations": [{"id": "a"}, {"id": "a"}]}',
     "$.organizations[1].id", "duplicate id"),
    ('{"format": "ropa-desktop-register", "version": 1, "organizations": [{"activities": [{"recipients": [{}]}]}]}',
     "$.organizations[0].activities[0].recipients[0]", "recipient_id"),
])
def test_bad_documents_are_refused_with_a_path(text: str, path: str, words: str) -> None:
    with pytest.raises(jf.DocumentError) as info:
        jf.loads(text)
    assert info.value.path == path
    assert words in info.value.message("en")
    assert info.value.message("fr") != info.value.message("en")


def test_version_1_documents_read_with_empty_review_fields() -> None:
    register = m.Register([full_organization()])
    doc = jf.register_to_document(register)
    doc["version"] = 1
    for activity in doc["organizations"][0]["activities"]:
        for key in ("last_review", "validated_by", "validated_on"):
            del activity[key]
    jsonschema.Draft202012Validator(jf.schema()).validate(doc)
    read = jf.document_to_register(doc).organizations[0].activities[0]
    assert (read.last_review, read.validated_by, read.validated_on) == (None, "", None)


def test_review_fields_round_trip() -> None:
    register = m.Register([full_organization()])
    activity = register.organizations[0].activities[0]
    activity.last_review, activity.validated_by, activity.validated_on = date(2026, 6, 1), "A. DPO", date(2026, 6, 2)
    doc = jf.register_to_document(register)
    written = doc["organizations"][0]["activities"][0]
    assert (written["last_review"], written["validated_by"], written["validated_on"]) == (
        "2026-06-01", "A. DPO", "2026-06-02")
    assert jf.document_to_register(doc) == register


def test_a_version_1_document_reads_with_the_new_fields_defaulted() -> None:
    text = ('{"format": "ropa-desktop-register", "version": 1, "organizations": [{"id": "o", "name": "A", '
            '"sources": [{"document": "D", "section": "S", "excerpt": "E"}], "activities": [{"id": "a", '
            '"retention": [{"applies_to": "x", "duration": {"value": 3, "unit": "years"}}], '
            '"dpia": {"required": true, "done": false, "reference": "R"}}]}]}')
    org = jf.loads(text).organizations[0]
    activity = org.activities[0]
    assert activity.retention[0].minimum is False
    assert (activity.dpia.screened, activity.dpia.criteria, activity.dpia.required) == (False, [], True)
    assert org.sources[0].field == "" and org.public_body is None
    assert json.loads(jf.dumps(jf.loads(text)))["version"] == 2


def _nested(depth: int, leaf: object) -> object:
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


@pytest.mark.parametrize(("text", "code", "path"), [
    ('{"a": ["x", "y\\ud800"]}', "surrogate", "$.a[1]"),
    ('{"a": [{"b\\udc00": 1}]}', "surrogate", "$.a[0]"),
    ('{"a": {"b": [1, 2, 1000000001]}}', "out_of_range", "$.a.b[2]"),
    ('{"x": [{"created": "0001-01-01"}]}', "year_out_of_range", "$.x[0].created"),
    ('{"next_review": ["2020-01-01", "3000-01-01"]}', "year_out_of_range", "$.next_review[1]"),
    (json.dumps({"a": ["ok", "x" * 2_000_001]}), "text_too_long", "$.a[1]"),
    (json.dumps(_nested(33, "deep")), "too_deep", None),
    (json.dumps(_nested(33, [])), "too_deep", None),
    ("1000000001", "out_of_range", "$"),
    ('"\\udfff"', "surrogate", "$"),
])
def test_each_bound_is_refused_where_it_is_broken(text: str, code: str, path: str | None) -> None:
    from ropa_desktop.services.json_bounds import BoundsError, bounded_loads, check_document, may_hold_surrogates

    with pytest.raises(BoundsError) as refused:
        check_document(bounded_loads(text), surrogates=may_hold_surrogates(text))
    assert refused.value.code == code
    assert path is None or refused.value.path == path


def test_documents_within_the_bounds_pass() -> None:
    from ropa_desktop.services.json_bounds import bounded_loads, check_document, may_hold_surrogates

    fine = {"a": ["😀 é", "2020-01-01"], "n": -10**9}
    for value in (None, 42, "text", [], _nested(32, "leaf"), _nested(32, {}), fine):
        text = json.dumps(value)
        check_document(bounded_loads(text), surrogates=may_hold_surrogates(text))
    assert may_hold_surrogates('"\\ud800"') and not may_hold_surrogates('"\\u00e9 é"')
