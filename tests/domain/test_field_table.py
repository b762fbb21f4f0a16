"""The field table is the register's shape: a field added to it reaches storage, search, JSON, XLSX, PDF, review."""

from __future__ import annotations

import copy
import dataclasses
import json
import sqlite3
import typing
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ropa_desktop.domain import fields, value_text
from ropa_desktop.domain.field_paths import spec_at
from ropa_desktop.domain.fields import (
    COLLECTIONS,
    FIELDS,
    ID_SCOPES,
    SCOPE_TYPES,
    FieldSpec,
    Kind,
    field_spec,
    fields_of,
    object_fields,
    shape_of,
)
from ropa_desktop.domain.model import Activity, Duration, Register
from ropa_desktop.services import json_format, json_schema
from ropa_desktop.services.activity_index import fold, search_text
from ropa_desktop.services.changes import FIELD, compute_changes, field_label
from ropa_desktop.services.report import build_pdf
from ropa_desktop.services.spreadsheet import cnil
from ropa_desktop.services.spreadsheet.writer import export_xlsx
from ropa_desktop.storage import schema as storage_schema
from ropa_desktop.storage.repository import RegisterStore
from tests.builders import Filled, filled_register

_HINT_KINDS: dict[Kind, tuple[Any, ...]] = {
    Kind.TEXT: (str,), Kind.LONG_TEXT: (str,), Kind.CODE: (str,), Kind.COUNTRY: (str,), Kind.RECIPIENT: (str,),
    Kind.CLIENT: (str,),
    Kind.BOOL: (bool, bool | None), Kind.DATE: (date | None,), Kind.DATETIME: (datetime | None,),
    Kind.DURATION: (Duration | None,), Kind.CODES: (list[str],),
}


@pytest.mark.parametrize("scope", sorted(SCOPE_TYPES))
def test_the_table_describes_every_field_of_each_dataclass(scope: str) -> None:
    cls = SCOPE_TYPES[scope]
    names = [f.name for f in dataclasses.fields(cls) if not (f.name == "id" and scope in ID_SCOPES)]
    assert sorted(names) == sorted(f.key for f in shape_of(scope)), "dataclass and field table differ"
    hints = typing.get_type_hints(cls)
    for spec in shape_of(scope):
        hint = hints[spec.key]
        if spec.is_list:
            assert hint == list[SCOPE_TYPES[spec.item]], spec  # type: ignore[misc]
        elif spec.is_object:
            assert hint is SCOPE_TYPES[spec.item], spec
        else:
            assert hint in _HINT_KINDS[spec.kind], (spec.key, hint)
        assert bool(spec.vocabulary) == (spec.kind in (Kind.CODE, Kind.CODES)), spec
        if spec.vocabulary:
            assert spec.vocab is not None, f"unknown vocabulary {spec.vocabulary!r}"


def test_every_scope_and_item_scope_has_a_type_and_fields() -> None:
    for spec in (*FIELDS, *COLLECTIONS):
        assert spec.scope in SCOPE_TYPES, spec
        assert bool(spec.item) == (spec.kind in (Kind.LIST, Kind.OBJECT, Kind.CONTACT)), spec
        if spec.item:
            assert spec.item in SCOPE_TYPES and fields_of(spec.item), spec
    assert len({(f.scope, f.key) for f in (*FIELDS, *COLLECTIONS)}) == len(FIELDS) + len(COLLECTIONS)


# Where each scope is stored, and the bookkeeping columns that are not fields.
_TABLES = {
    "organization": "organizations", "contact": "contacts", "recipient": "recipients", "activity": "activities",
    "purpose": "purposes", "data_subject": "data_subjects", "data_category": "data_categories",
    "retention": "retention_rules", "activity_recipient": "activity_recipients", "transfer": "transfers",
    "security_measure": "security_measures", "source": "sources", "client": "clients",
    "processor_activity": "processor_activities", "client_link": "processor_activity_clients",
    "sub_processor": "processor_sub_processors",
}
# Scopes stored in more than one table (the processor's sub-lists, the organisation's and a statement's lists).
_MORE_TABLES = {
    "processor_data_subjects": ("data_subject", ""), "processor_data_categories": ("data_category", ""),
    "processor_transfers": ("transfer", ""), "processor_security_measures": ("security_measure", ""),
    "organization_security_measures": ("security_measure", ""),
    "recipient_sub_processors": ("sub_processor", "recipient_id"), "recipient_transfers": ("transfer", "recipient_id"),
    "client_contacts": ("contact", "client_id"),
}
_BOOKKEEPING = {"id", "position", "organization_id", "activity_id", "kind", "version", "processor_activity_id"}


def _expected_columns(scope: str) -> set[str]:
    columns: set[str] = set()
    for spec in fields_of(scope):
        if spec.is_list or spec.kind is Kind.CONTACT:
            continue  # a table of their own
        if spec.is_object:
            columns |= {f"{spec.key}_{sub.key}" for sub in fields_of(spec.item)}
        elif spec.kind is Kind.DURATION:
            columns |= {f"{spec.key}_value", f"{spec.key}_unit"}
        else:
            columns.add(spec.key)
    return columns


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """The columns of each table of a register the migrations just created (not the models' picture of it)."""
    path = tmp_path_factory.mktemp("fresh") / "fresh.ropa"
    RegisterStore.open(path, create=True, backup_dir=path.parent / "backups").close()
    con = sqlite3.connect(path)
    try:
        return {table: {row[1] for row in con.execute(f"PRAGMA table_info({table})")} for table in _TABLES.values()}
    finally:
        con.close()


def _storage_mismatch(scope: str, columns: set[str]) -> str:
    """What differs between the field table and a table's columns, in words ("" when they agree)."""
    expected, stored = _expected_columns(scope), columns - _BOOKKEEPING
    lines = []
    if expected - stored:
        lines.append(f"{scope}: fields of the table with no column in {_TABLES[scope]} (add a migration): "
                     f"{sorted(expected - stored)}")
    if stored - expected:
        lines.append(f"{scope}: columns of {_TABLES[scope]} no field describes: {sorted(stored - expected)}")
    return "\n".join(lines)


@pytest.mark.parametrize("scope", sorted(_TABLES))
def test_the_table_matches_the_storage_columns(scope: str, migrated: dict[str, set[str]]) -> None:
    table = storage_schema.Base.metadata.tables[_TABLES[scope]]
    assert not _storage_mismatch(scope, {c.name for c in table.columns})
    assert not _storage_mismatch(scope, migrated[_TABLES[scope]])


def test_a_field_added_to_the_table_without_a_migration_fails_clearly(
    monkeypatch: pytest.MonkeyPatch, migrated: dict[str, set[str]]
) -> None:
    added = FieldSpec("dpia", "review_date", "Revue de l'AIPD", "DPIA review", Kind.DATE)
    monkeypatch.setitem(fields._OF_SCOPE, "dpia", (*fields_of("dpia"), added))
    assert _storage_mismatch("activity", migrated["activities"]) == (
        "activity: fields of the table with no column in activities (add a migration): ['dpia_review_date']")
    monkeypatch.setitem(fields._OF_SCOPE, "activity", (*fields_of("activity"), FieldSpec(
        "activity", "budget", "Budget", "Budget")))
    assert "'budget'" in _storage_mismatch("activity", migrated["activities"])


def test_the_flattened_columns_follow_the_field_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """The DPIA and automated decision columns are the table's fields, not a list of their own."""
    flat = {name: f"{owner.key}.{spec.key}" for name, owner, spec in storage_schema.flattened_columns("activity")}
    assert flat == {f"{o.key}_{s.key}": f"{o.key}.{s.key}" for o in object_fields("activity")
                    if o.kind is Kind.OBJECT for s in fields_of(o.item)}
    added = FieldSpec("dpia", "review_date", "Revue de l'AIPD", "DPIA review", Kind.DATE)
    monkeypatch.setitem(fields._OF_SCOPE, "dpia", (*fields_of("dpia"), added))
    assert "dpia_review_date" in {name for name, _, _ in storage_schema.flattened_columns("activity")}


@pytest.mark.parametrize("table", sorted(_MORE_TABLES))
def test_the_other_tables_of_a_scope_match_it_too(table: str) -> None:
    columns = {c.name for c in storage_schema.Base.metadata.tables[table].columns}
    scope, owner = _MORE_TABLES[table]
    assert columns - _BOOKKEEPING - {owner} == _expected_columns(scope)


def test_every_stored_scope_is_checked() -> None:
    stored = {s for s in SCOPE_TYPES if s not in ("dpia", "automated_decision")}  # columns of the activity row
    assert stored == set(_TABLES)


def test_the_shipped_json_schema_is_generated_from_the_table() -> None:
    shipped = json_schema.SHIPPED.read_text("utf-8")
    assert shipped == json_schema.render(), "run: python -m ropa_desktop.services.json_schema"
    assert json_schema.main(["--check"]) == 0


def test_a_register_with_every_field_filled_validates_and_round_trips() -> None:
    filled = filled_register()
    document = json_format.register_to_document(filled.register)
    jsonschema.Draft202012Validator(json_schema.build()).validate(document)
    back = json_format.document_to_register(json.loads(json.dumps(document)))
    assert back.organizations[0].activities[0] == filled.activity


# --- search -----------------------------------------------------------------------------------------------

def _search_words(kind: Kind, spec: Any, value: Any) -> list[str]:
    if kind in (Kind.TEXT, Kind.LONG_TEXT):
        return [value]
    if kind is Kind.BOOL:
        return []
    if kind is Kind.RECIPIENT:
        return ["zqrecipient"]
    if kind is Kind.DATE:
        return [value.isoformat()]
    return [value_text.text(spec, value, lang) for lang in ("fr", "en")]


def test_search_finds_every_field_of_the_table() -> None:
    filled = filled_register()
    text = search_text(filled.activity, filled.org)
    assert filled.values, "the helper filled nothing"
    for path, value in filled.values.items():
        spec = spec_at(path)
        assert spec is not None, path
        for word in _search_words(spec.kind, spec, value):
            assert fold(word) in text, (path, word)  # as typed, accents or not


def test_search_reaches_the_fields_it_once_skipped() -> None:
    filled = filled_register()
    text = search_text(filled.activity, filled.org)
    rule, transfer = filled.activity.retention[0], filled.activity.transfers[0]
    for spec_path, value in (("transfers[0].safeguard", transfer.safeguard), ("retention[0].phase", rule.phase),
                             ("retention[0].final_fate", rule.final_fate)):
        spec = spec_at(spec_path)
        assert spec is not None and spec.vocab is not None
        assert fold(spec.vocab.label(value, "fr")) in text
        assert fold(spec.vocab.label(value, "en")) in text
    assert "37 mois" in text and "37 months" in text
    category = filled.activity.retention[0].categories[0]
    assert spec_at("retention[0].categories") is not None
    assert fold(category) in text


# --- a new field reaches every output ----------------------------------------------------------------------

def _activity_scalars(filled: Filled) -> dict[str, Any]:
    """The activity's own fields and those of its nested objects (not its sub-lists)."""
    return {path: value for path, value in filled.values.items() if "[" not in path}


def _norm(text: str) -> str:
    return "".join(text.split()).casefold()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Filled, dict[str, Any]]:
    filled = filled_register()
    tmp = tmp_path_factory.mktemp("outputs")
    export_xlsx(filled.register, tmp / "r.xlsx", lang="en")
    wb = load_workbook(tmp / "r.xlsx", read_only=True)
    # The flat sheet of activities: the one whose header row names the activity reference.
    reference = fields_of("activity")[0].label("en")
    sheets = [[list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets]
    rows = next(rows for rows in sheets if rows and "ropa:id" in rows[0] and reference in rows[0])
    wb.close()
    build_pdf(filled.register, tmp / "r.pdf", lang="en", today=date(2031, 3, 1))
    pdf = " ".join(page.extract_text() for page in PdfReader(tmp / "r.pdf").pages)
    document = json_format.register_to_document(filled.register)
    return filled, {"rows": rows, "pdf": _norm(pdf), "json": document["organizations"][0]["activities"][0]}


def _json_value(document: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        document = document[part]
    return document


def _expected_text(path: str, value: Any) -> str:
    spec = spec_at(path)
    assert spec is not None, path
    return value_text.text(spec, value, "en")


def test_every_activity_field_is_in_the_json(outputs: tuple[Filled, dict[str, Any]]) -> None:
    filled, out = outputs
    for path, value in _activity_scalars(filled).items():
        got = _json_value(out["json"], path)
        expected = value.isoformat().replace("+00:00", "Z") if isinstance(value, date) else value
        assert got == expected, path


def test_every_activity_field_has_a_column_in_the_register_sheet(outputs: tuple[Filled, dict[str, Any]]) -> None:
    filled, out = outputs
    header, row = out["rows"][:2]
    cells = dict(zip(header, row, strict=False))
    for path, value in _activity_scalars(filled).items():
        spec = spec_at(path)
        assert spec is not None
        parent = spec_at(path.split(".")[0]) if "." in path else None
        title = f"{parent.label('en')} – {spec.label('en')}" if parent else spec.label("en")
        assert title in cells, f"no column for {path}"
        cell = cells[title]
        if spec.kind is Kind.DATE:
            assert (cell.date() if isinstance(cell, datetime) else cell) == value, path
        elif spec.kind is Kind.DATETIME:
            assert str(cell).startswith(value.isoformat()[:16]), path
        else:
            assert str(cell).casefold() == _expected_text(path, value).casefold(), path


def test_every_activity_field_is_printed(outputs: tuple[Filled, dict[str, Any]]) -> None:
    filled, out = outputs
    for path, value in _activity_scalars(filled).items():
        assert _norm(_expected_text(path, value)) in out["pdf"], path


def test_every_activity_field_change_is_proposed_in_the_review() -> None:
    filled = filled_register()
    current = Register([copy.deepcopy(filled.org)])
    current.organizations[0].activities[0] = Activity(id=filled.activity.id)
    changes = compute_changes(current, filled.register)
    proposed = {c.path for c in changes.changes if c.kind == FIELD}
    assert "updated" not in proposed  # a stamp: applying the import stamps what it changes
    for path in _activity_scalars(filled):
        if path == "updated":
            continue
        assert path in proposed, path
        assert field_label(path, "en") != path, path  # the review names it in words


def test_the_cnil_fiche_holds_every_field_in_the_template_or_below_it(tmp_path: Path) -> None:
    filled = filled_register()
    export_xlsx(filled.register, tmp_path / "r.xlsx", lang="en")
    wb = load_workbook(tmp_path / "r.xlsx", read_only=True)
    sheets = [[list(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets]
    wb.close()
    fiche = next(rows for rows in sheets if any(row and row[0] == cnil.EXTRA_SECTION[1] for row in rows))
    split = next(i for i, row in enumerate(fiche) if row and row[0] == cnil.EXTRA_SECTION[1])
    cells = {str(cell) for row in fiche for cell in row if cell is not None}
    below = [str(row[0]) for row in fiche[split + 1:] if row and row[0]]
    # The fields the template lacks are written below it, in the table's order, and only those.
    # The sources come last, after the rows beyond the template's slots (they print on their own sheet).
    expected = [title for spec in fields_of("activity") if not spec.cnil and spec.key != "sources"
                for title in ([f"{spec.label('en')} – {sub.label('en')}" for sub in fields_of(spec.item)]
                              if spec.is_object else [spec.label("en")])]
    start = below.index(expected[0])
    assert below[start:start + len(expected)] == expected
    assert below[-1] == field_spec("activity", "sources").label("en")
    # Those it carries are in its cells, or for a sub-list's parts, in the rows the export adds for them.
    for path, value in filled.values.items():
        spec = spec_at(path)
        if isinstance(value, str) and spec is not None and spec.kind in (Kind.TEXT, Kind.LONG_TEXT) and \
                field_spec("activity", path.split(".")[0].split("[")[0]).cnil:
            assert any(value in cell for cell in cells), f"{path} is marked as in the CNIL template"
