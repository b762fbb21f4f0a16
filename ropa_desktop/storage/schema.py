"""The register's SQLite tables as SQLAlchemy Core tables (they never leave the storage package)."""

from __future__ import annotations

import dataclasses
import functools
import typing
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text

from ..domain import model
from ..domain.fields import SCOPE_TYPES, FieldSpec, Kind, fields_of, object_fields, scalar_fields

# "ROPA" in ASCII: marks a SQLite file as ours (PRAGMA application_id), so foreign files are refused.
APPLICATION_ID = 0x524F5041
# The schema this code writes (PRAGMA user_version, kept equal to the Alembic head's number).
# Tables whose rows carry a version (0005), for concurrent editing on a team register.
VERSIONED_TABLES = ("organizations", "activities", "recipients", "clients", "processor_activities")
SCHEMA_VERSION = 14


class Base:
    """The register's tables, in SQLAlchemy Core: the ORM's declarative mapping cost every command a third of a second.

    Each ``...Row`` class names one table (``__table__``, ``__tablename__``); rows never become objects of them.
    """

    metadata: ClassVar[MetaData] = MetaData()
    __table__: ClassVar[Table]
    __tablename__: ClassVar[str]


def _table(name: str, *columns: Any) -> Table:
    return Table(name, Base.metadata, *columns)


def _text(name: str) -> Column[str]:
    return Column(name, Text, nullable=False, default="")


def _owner(name: str, table: str, **kwargs: Any) -> Column[str]:
    return Column(name, String, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False, index=True, **kwargs)


def _version() -> Column[int]:
    return Column("version", Integer, nullable=False, default=1, server_default="1")  # bumped on every write


def _item(name: str, *columns: Column[Any]) -> Table:
    """A sub-list's table: the owner and the item's fields, then a surrogate key and the place in the list."""
    return _table(name, *columns, Column("id", Integer, primary_key=True, autoincrement=True),
                  Column("position", Integer, nullable=False))


def _flag(name: str) -> Column[bool]:
    return Column(name, Boolean, nullable=False, default=False)


def _maybe(name: str) -> Column[bool]:
    return Column(name, Boolean, nullable=True)


class OrganizationRow(Base):
    """An organisation's identity; contacts, recipients, activities and sources hang from it."""

    __tablename__ = "organizations"
    __table__ = _table(
        __tablename__, Column("id", String, primary_key=True), Column("position", Integer, nullable=False),
        *map(_text, ("name", "legal_form", "registration_number", "address", "postal_code", "city", "country",
                     "phone", "email", "website")),
        _flag("dpo_is_contact_point"), _maybe("public_body"), _maybe("large_scale_monitoring"),
        _maybe("large_scale_sensitive"), _text("notes"), _version(),
    )


class ContactRow(Base):
    """The head, the EU representative or the DPO of an organisation."""

    __tablename__ = "contacts"
    __table__ = _table(
        __tablename__,
        Column("organization_id", String, ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True),
        Column("kind", String, primary_key=True),  # "head", "representative", "dpo"
        *map(_text, ("name", "role", "company", "address", "postal_code", "city", "country", "phone", "email",
                     "designation_number")),
    )


class RecipientRow(Base):
    """A recipient of the organisation's shared catalogue."""

    __tablename__ = "recipients"
    __table__ = _table(
        __tablename__, Column("id", String, primary_key=True), _owner("organization_id", "organizations"),
        Column("position", Integer, nullable=False),
        *map(_text, ("name", "type", "country", "details", "contract_reference")),
        Column("statement_date", String, nullable=True),  # ISO date
        _version(),
    )


class PurposeRow(Base):
    """A purpose and its legal basis."""

    __tablename__ = "purposes"
    __table__ = _item(__tablename__, _owner("activity_id", "activities"), _text("description"), _flag("main"),
                      _text("legal_basis"), _text("legal_basis_details"))


class DataSubjectRow(Base):
    """A category of data subjects."""

    __tablename__ = "data_subjects"
    __table__ = _item(__tablename__, _owner("activity_id", "activities"), _text("category"), _text("details"))


class DataCategoryRow(Base):
    """A category of personal data."""

    __tablename__ = "data_categories"
    __table__ = _item(__tablename__, _owner("activity_id", "activities"), _text("category"), _text("details"),
                      _flag("sensitive"), _text("special_condition"), _text("special_condition_details"))


class RetentionRow(Base):
    """A retention rule."""

    __tablename__ = "retention_rules"
    __table__ = _item(
        __tablename__, _owner("activity_id", "activities"), _text("applies_to"),
        Column("categories", JSON, nullable=False, default=list),
        Column("duration_value", Integer, nullable=True), Column("duration_unit", String, nullable=True),
        _flag("minimum"), *map(_text, ("criterion", "start", "legal_reference", "phase", "final_fate")),
    )


class ActivityRecipientRow(Base):
    """An activity's use of a catalogue recipient (which cannot be deleted while used)."""

    __tablename__ = "activity_recipients"
    __table__ = _item(
        __tablename__, _owner("activity_id", "activities"),
        Column("recipient_id", String, ForeignKey("recipients.id", ondelete="RESTRICT"), nullable=False, index=True),
        _text("details"),
    )


class TransferRow(Base):
    """A transfer outside the EU/EEA."""

    __tablename__ = "transfers"
    __table__ = _item(__tablename__, _owner("activity_id", "activities"),
                      *map(_text, ("recipient", "country", "safeguard", "documentation")))


class SecurityMeasureRow(Base):
    """A security measure."""

    __tablename__ = "security_measures"
    __table__ = _item(__tablename__, _owner("activity_id", "activities"), _text("type"), _text("details"))


class SourceRow(Base):
    """Where a fact came from; ``activity_id`` NULL for the organisation's own sources."""

    __tablename__ = "sources"
    __table__ = _item(
        __tablename__, _owner("organization_id", "organizations"),
        Column("activity_id", String, ForeignKey("activities.id", ondelete="CASCADE"), nullable=True, index=True),
        *map(_text, ("document", "section", "excerpt", "field")),
    )


class AuditRow(Base):
    """Accountability (Art. 5(2)): who changed what, when, before and after. Append-only (triggers)."""

    __tablename__ = "audit_log"
    __table__ = _table(
        __tablename__, Column("id", Integer, primary_key=True, autoincrement=True),
        Column("at", String, nullable=False),  # ISO date-time, UTC
        Column("user", Text, nullable=False),
        Column("action", String, nullable=False),  # "create", "update", "delete", "import"
        Column("entity", String, nullable=False),  # "organization", "activity", "recipient"
        Column("entity_id", String, nullable=False, index=True),
        Column("before", Text, nullable=True),  # JSON
        Column("after", Text, nullable=True),  # JSON
        # The name the person set in preferences (``user`` is the database role or system user: who is accountable).
        Column("display_name", Text, nullable=True),
        # The organisation the line is about: row-level security shows a correspondent only its own history.
        Column("organization_id", String, nullable=True, index=True),
    )


def flat_column(owner: FieldSpec, spec: FieldSpec) -> str:
    """The column of a nested object's field in its owner's row: ``dpia`` + ``required`` -> ``dpia_required``."""
    return f"{owner.key}_{spec.key}"


def flattened_columns(scope: str) -> tuple[tuple[str, FieldSpec, FieldSpec], ...]:
    """(column, object field, its field) for every field of a scope's nested objects, in the field table's order."""
    return tuple((flat_column(owner, spec), owner, spec)
                 for owner in object_fields(scope) if owner.kind is Kind.OBJECT for spec in fields_of(owner.item))


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """A model class's type hints, evaluated once (each evaluation reads every annotation of the class)."""
    return typing.get_type_hints(cls)


def _column(name: str, spec: FieldSpec) -> Column[Any]:
    """A field's column, typed by its kind as the migrations created them (dates as ISO text)."""
    optional = type(None) in typing.get_args(_hints(SCOPE_TYPES[spec.scope])[spec.key])
    if spec.kind is Kind.BOOL:
        return Column(name, Boolean, nullable=True) if optional else Column(name, Boolean, default=False)
    if spec.kind is Kind.CODES:
        return Column(name, JSON, default=list)
    if spec.kind in (Kind.TEXT, Kind.LONG_TEXT, Kind.CODE, Kind.COUNTRY):
        return Column(name, Text, default="")
    if spec.kind in (Kind.DATE, Kind.DATETIME):
        return Column(name, String, nullable=True)
    raise TypeError(f"{spec.scope}.{spec.key}: no column type for a {spec.kind} field")


def activity_columns() -> tuple[tuple[str, FieldSpec], ...]:
    """(column, field) of the activities table's columns the field table describes: scalars, then flattened."""
    return (*((spec.key, spec) for spec in scalar_fields("activity")),
            *((name, spec) for name, _, spec in flattened_columns("activity")))


class ActivityRow(Base):
    """A processing activity's own fields; its sub-lists are child tables.

    One column per scalar field of the field table (``reference``, ``next_review``...), and the nested DPIA and
    automated decision flattened into this row (``dpia_required``...): see ``activity_columns``.
    """

    __tablename__ = "activities"
    __table__ = _table(
        __tablename__, Column("id", String, primary_key=True), _owner("organization_id", "organizations"),
        Column("position", Integer, nullable=False), _version(),
        *(_column(name, spec) for name, spec in activity_columns()),
    )


Index("ix_activities_org_position", ActivityRow.__table__.c.organization_id, ActivityRow.__table__.c.position)

# Child tables holding an activity's sub-lists, keyed by the Activity attribute they fill.
ACTIVITY_CHILDREN: dict[str, type[Base]] = {
    "purposes": PurposeRow,
    "data_subjects": DataSubjectRow,
    "data_categories": DataCategoryRow,
    "retention": RetentionRow,
    "recipients": ActivityRecipientRow,
    "transfers": TransferRow,
    "security_measures": SecurityMeasureRow,
}


# --- the processor's register (Art. 30(2)) ------------------------------------------------------------------
#
# Columns derived from the dataclasses: text is TEXT '' by default, flags BOOLEAN, dates and times ISO text;
# lists and nested contacts are tables of their own. (The migration that creates them spells them out: it must
# not change when the model does.)

def _scalar_columns(cls: type) -> list[Column[typing.Any]]:
    hints = _hints(cls)
    columns: list[Column[typing.Any]] = []
    for spec in dataclasses.fields(cls):
        kind = hints[spec.name]
        if spec.name == "id" or kind in (model.Contact, list) or typing.get_origin(kind) is list:
            continue
        if kind is str:
            columns.append(Column(spec.name, Text, nullable=False, default=""))
        elif kind is bool:
            columns.append(Column(spec.name, Boolean, nullable=False, default=False))
        elif kind == bool | None:
            columns.append(Column(spec.name, Boolean, nullable=True))
        elif kind in (date | None, datetime | None):
            columns.append(Column(spec.name, String, nullable=True))  # ISO date / date-time (UTC)
        else:
            raise TypeError(f"no column type for {cls.__name__}.{spec.name}: {kind}")
    return columns


def _owner_column(name: str, table: str) -> Column[str]:
    return Column(name, String, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False, index=True)


def _entity_table(name: str, cls: type) -> Table:
    """A table of identified objects of an organisation, kept in order (clients, processor activities)."""
    return Table(name, Base.metadata, Column("id", String, primary_key=True),
                 _owner_column("organization_id", "organizations"), Column("position", Integer, nullable=False),
                 *_scalar_columns(cls),
                 Column("version", Integer, nullable=False, default=1, server_default="1"))  # bumped on every write


def _item_table(name: str, owner: str, owner_table: str, cls: type, *extra: Column[typing.Any]) -> Table:
    """A sub-list's table: a surrogate key, the owner, the place in the list, the item's fields."""
    columns = [c for c in _scalar_columns(cls) if c.name not in {e.name for e in extra}]
    return Table(name, Base.metadata, Column("id", Integer, primary_key=True, autoincrement=True),
                 _owner_column(owner, owner_table), Column("position", Integer, nullable=False), *extra, *columns)


CLIENTS = _entity_table("clients", model.Client)
CLIENT_CONTACTS = Table(
    "client_contacts", Base.metadata,
    Column("client_id", String, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String, primary_key=True),  # "contact", "representative", "dpo"
    *_scalar_columns(model.Contact),
)
PROCESSOR_ACTIVITIES = _entity_table("processor_activities", model.ProcessorActivity)
Index("ix_processor_activities_org_position", PROCESSOR_ACTIVITIES.c.organization_id,
      PROCESSOR_ACTIVITIES.c.position)
ORGANIZATION_SECURITY = _item_table("organization_security_measures", "organization_id", "organizations",
                                    model.SecurityMeasure)
# A processing's sub-lists, keyed by the ProcessorActivity attribute they fill. A client linked to a processing
# cannot be deleted (RESTRICT), like a recipient an activity uses.
_PA = ("processor_activity_id", "processor_activities")
PROCESSOR_CHILDREN: dict[str, Table] = {
    "clients": _item_table("processor_activity_clients", *_PA, model.ClientLink,
                           Column("client_id", String, ForeignKey("clients.id", ondelete="RESTRICT"),
                                  nullable=False, index=True)),
    "data_subjects": _item_table("processor_data_subjects", *_PA, model.DataSubject),
    "data_categories": _item_table("processor_data_categories", *_PA, model.DataCategory),
    "sub_processors": _item_table("processor_sub_processors", *_PA, model.SubProcessor),
    "transfers": _item_table("processor_transfers", *_PA, model.Transfer),
    "security_measures": _item_table("processor_security_measures", *_PA, model.SecurityMeasure),
}
# What a controller imported from its processor's statement, keyed by the Recipient attribute they fill.
RECIPIENT_CHILDREN: dict[str, Table] = {
    "sub_processors": _item_table("recipient_sub_processors", "recipient_id", "recipients", model.SubProcessor),
    "transfers": _item_table("recipient_transfers", "recipient_id", "recipients", model.Transfer),
}

AUDIT_TRIGGERS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
)

# On PostgreSQL: one PL/pgSQL function refuses any UPDATE, DELETE or TRUNCATE, and stamps each new row with the
# database role that made it, so a client cannot sign in someone else's name. Only the owner of the table (the
# administrator, who could drop the trigger anyway) keeps the name given: ``migrate`` copies a file's history.
PG_AUDIT_TRIGGERS = (
    """CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
            NEW."user" := session_user;
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = '42501';
END $$""",
    "CREATE TRIGGER audit_log_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_guard()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard()",
)

# Every trigger the schema defines, word for word: any other trigger in a file is foreign and refused.
SCHEMA_TRIGGERS: tuple[str, ...] = AUDIT_TRIGGERS
