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
from tests.builders import recognisable_organization, tricky_register


def test_round_trip_is_exact_and_schema_valid() -> None:
    register = tricky_register()  # unknown codes, formula-like text, twin recipients, two organisations
    register.organizations.append(recognisable_organization())
    when = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    text = jf.dumps(register, exported_at=when)
    document = json.loads(text)
    jsonschema.Draft202012Validator(jf.schema()).validate(document)
    again = jf.loads(text)
    assert again == register
    assert jf.dumps(again, exported_at=when) == text


def test_document_shape_follows_the_design() -> None:
    doc = jf.register_to_document(m.Register([recognisable_organization()]))
    assert (doc["format"], doc["version"]) == ("ropa-desktop-register", 2)
    activity = doc["organizations"][0]["activities"][0]
    assert activity["retention"][0]["duration"] == {"value": 5, "unit": "years"}
    assert activity["retention"][1]["duration"] is None
    assert activity["recipients"][0] == {"recipient_id": activity["recipients"][0]["recipient_id"],
                                         "name": "Amazon Web Services", "type": "processor",
                                         "country": "IE", "details": "Link-Details-Text"}
    assert activity["created"] == "2024-01-15" and activity["updated"] == "2025-03-04T10:30:00Z"
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
    register = m.Register([recognisable_organization()])
    doc = jf.register_to_document(register)
    doc["version"] = 1
    for activity in doc["organizations"][0]["activities"]:
        for key in ("last_review", "validated_by", "validated_on"):
            del activity[key]
    jsonschema.Draft202012Validator(jf.schema()).validate(doc)
    read = jf.document_to_register(doc).organizations[0].activities[0]
    assert (read.last_review, read.validated_by, read.validated_on) == (None, "", None)


def test_review_fields_round_trip() -> None:
    register = m.Register([recognisable_organization()])
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
