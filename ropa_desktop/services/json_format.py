"""The JSON form of a register (``ropa-desktop-register`` version 2, reading 1): lossless export, checked import."""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from .. import __version__
from ..domain.messages import TranslatedError, message_table, translate
from ..domain.model import Activity, ActivityRecipient, Organization, Recipient, Register, new_id

FORMAT = "ropa-desktop-register"
VERSION = 2  # version 1 documents read as before: every field added since has a default


_MESSAGES = message_table("json_document", {
    "located": ("{path} : {problem}", "{path}: {problem}"),
    "expected_list": ("une liste est attendue", "expected a list"),
    "expected_bool": ("true ou false est attendu", "expected true or false"),
    "expected_int": ("un nombre entier est attendu", "expected a whole number"),
    "expected_text": ("un texte est attendu", "expected text"),
    "expected_date": ("une date est attendue (AAAA-MM-JJ)", "expected a date (YYYY-MM-DD)"),
    "expected_datetime": ("une date et une heure sont attendues (ISO 8601)", "expected a date and time (ISO 8601)"),
    "expected_object": ("un objet est attendu", "expected an object"),
    "expected_document": ("un objet JSON est attendu", "expected a JSON object"),
    "unsupported_type": ("type non pris en charge : {type}", "unsupported type {type}"),
    "unknown_fields": ("champ(s) inconnu(s) : {fields}", "unknown field(s): {fields}"),
    "bad_object": ("objet invalide : {detail}", "invalid object: {detail}"),
    "recipient_unnamed": ("un destinataire doit avoir un recipient_id du catalogue ou un nom",
                          "a recipient needs a recipient_id from the catalogue or a name"),
    "not_register": ("ce n'est pas un document de registre (format {format!r} attendu)",
                     "not a register document (expected format {format!r})"),
    "bad_version": ("numéro de version absent ou invalide", "missing or not a number"),
    "newer_version": ("écrit par une version plus récente de ROPA Desktop (version de format {version})",
                      "written by a newer version of ROPA Desktop (format version {version})"),
    "empty_id": ("identifiant vide", "empty id"),
    "duplicate_id": ("identifiant en double : {id!r}", "duplicate id {id!r}"),
    "not_json": ("ce n'est pas du JSON valide (ligne {line}, colonne {column})",
                 "not valid JSON (line {line}, column {column})"),
    "not_utf8": ("ce n'est pas du texte UTF-8", "not UTF-8 text"),
})


class DocumentError(TranslatedError, ValueError):
    """The document is not a register this version can read; ``path`` says where (``$.organizations[0]``)."""

    MESSAGES = _MESSAGES

    def __init__(self, path: str, problem: str, **params: object) -> None:
        self.path = path
        self.problem = problem
        super().__init__(problem, **params)

    def message(self, lang: str = "en") -> str:
        problem = super().message(lang)
        return translate(self.MESSAGES, "located", lang, path=self.path, problem=problem)

    def __str__(self) -> str:
        return self.message("en")


# --- export ---------------------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def activity_to_dict(activity: Activity, org: Organization) -> dict[str, Any]:
    """One activity; its recipients carry the catalogue's name, type and country so the JSON reads alone."""
    data: dict[str, Any] = _plain(activity)
    rows = []
    for link in activity.recipients:
        recipient = org.recipient(link.recipient_id) or Recipient(id=link.recipient_id)
        rows.append({"recipient_id": recipient.id, "name": recipient.name, "type": recipient.type,
                     "country": recipient.country, "details": link.details})
    data["recipients"] = rows
    return data


def organization_to_dict(org: Organization) -> dict[str, Any]:
    data: dict[str, Any] = _plain(dataclasses.replace(org, activities=[]))
    data["activities"] = [activity_to_dict(a, org) for a in org.activities]
    return data


def register_to_document(register: Register, *, exported_at: datetime | None = None) -> dict[str, Any]:
    """The whole register as a JSON-ready document."""
    when = exported_at or datetime.now(UTC)
    return {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"ROPA Desktop {__version__}",
        "exported_at": _plain(when),
        "organizations": [organization_to_dict(o) for o in register.organizations],
    }


def dumps(register: Register, *, exported_at: datetime | None = None) -> str:
    return json.dumps(register_to_document(register, exported_at=exported_at), ensure_ascii=False, indent=2) + "\n"


# --- import ---------------------------------------------------------------------------------------------

def _build(tp: Any, value: Any, path: str) -> Any:
    """Turn JSON ``value`` into an instance of type ``tp``, or raise DocumentError naming ``path``."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _build(args[0], value, path)
    if origin is list:
        if not isinstance(value, list):
            raise DocumentError(path, "expected_list")
        (item_type,) = typing.get_args(tp)
        return [_build(item_type, v, f"{path}[{i}]") for i, v in enumerate(value)]
    if dataclasses.is_dataclass(tp):
        return _build_dataclass(tp, value, path)
    if tp is bool:
        if not isinstance(value, bool):
            raise DocumentError(path, "expected_bool")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise DocumentError(path, "expected_int")
        return value
    if tp is str:
        if not isinstance(value, str):
            raise DocumentError(path, "expected_text")
        return value
    if tp is datetime:
        return _parse_datetime(value, path)
    if tp is date:
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise DocumentError(path, "expected_date") from None
    raise DocumentError(path, "unsupported_type", type=repr(tp))  # pragma: no cover - the model has no other types


def _parse_datetime(value: Any, path: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise DocumentError(path, "expected_datetime") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@functools.cache
def _shape(cls: type) -> tuple[dict[str, Any], frozenset[str]]:
    """Type hints and field names of a dataclass, resolved once (get_type_hints is slow)."""
    return typing.get_type_hints(cls), frozenset(f.name for f in dataclasses.fields(cls))


def _build_dataclass(cls: Any, value: Any, path: str) -> Any:
    if not isinstance(value, dict):
        raise DocumentError(path, "expected_object")
    hints, known = _shape(cls)
    unknown = sorted(set(value) - known)
    if unknown:
        raise DocumentError(path, "unknown_fields", fields=", ".join(unknown))
    kwargs = {name: _build(hints[name], v, f"{path}.{name}") for name, v in value.items()}
    try:
        return cls(**kwargs)
    except TypeError as exc:  # pragma: no cover - every field has a default
        raise DocumentError(path, "bad_object", detail=exc) from None


_LINK_KEYS = {"recipient_id", "name", "type", "country", "details"}


def _organization_from_dict(data: Any, path: str) -> Organization:
    if not isinstance(data, dict):
        raise DocumentError(path, "expected_object")
    activities_data = data.get("activities", [])
    if not isinstance(activities_data, list):
        raise DocumentError(f"{path}.activities", "expected_list")
    org: Organization = _build_dataclass(Organization, {k: v for k, v in data.items() if k != "activities"}, path)
    for i, raw in enumerate(activities_data):
        apath = f"{path}.activities[{i}]"
        if not isinstance(raw, dict):
            raise DocumentError(apath, "expected_object")
        links = raw.get("recipients", [])
        if not isinstance(links, list):
            raise DocumentError(f"{apath}.recipients", "expected_list")
        activity: Activity = _build_dataclass(Activity, {k: v for k, v in raw.items() if k != "recipients"}, apath)
        activity.recipients = [_resolve_link(org, link, f"{apath}.recipients[{j}]") for j, link in enumerate(links)]
        org.activities.append(activity)
    return org


def _resolve_link(org: Organization, link: Any, path: str) -> ActivityRecipient:
    """An activity's recipient: by id in the catalogue, else by name, else a new catalogue entry."""
    if not isinstance(link, dict):
        raise DocumentError(path, "expected_object")
    unknown = sorted(set(link) - _LINK_KEYS)
    if unknown:
        raise DocumentError(path, "unknown_fields", fields=", ".join(unknown))
    texts = {k: _build(str, link.get(k, ""), f"{path}.{k}") for k in _LINK_KEYS}
    recipient = org.recipient(texts["recipient_id"]) if texts["recipient_id"] else None
    if recipient is None and texts["name"]:
        recipient = next((r for r in org.recipients if r.name.casefold() == texts["name"].casefold()), None)
    if recipient is None:
        if not texts["name"]:
            raise DocumentError(path, "recipient_unnamed")
        recipient = Recipient(id=texts["recipient_id"] or new_id(), name=texts["name"], type=texts["type"],
                              country=texts["country"])
        org.recipients.append(recipient)
    return ActivityRecipient(recipient_id=recipient.id, details=texts["details"])


def document_to_register(doc: Any) -> Register:
    """Read a ``ropa-desktop-register`` document; DocumentError says what is wrong and where."""
    if not isinstance(doc, dict):
        raise DocumentError("$", "expected_document")
    if doc.get("format") != FORMAT:
        raise DocumentError("$.format", "not_register", format=FORMAT)
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DocumentError("$.version", "bad_version")
    if version > VERSION:
        raise DocumentError("$.version", "newer_version", version=version)
    orgs = doc.get("organizations")
    if not isinstance(orgs, list):
        raise DocumentError("$.organizations", "expected_list")
    register = Register([_organization_from_dict(o, f"$.organizations[{i}]") for i, o in enumerate(orgs)])
    _check_unique_ids(register)
    return register


def _check_unique_ids(register: Register) -> None:
    seen: set[str] = set()
    for i, org in enumerate(register.organizations):
        items = [(f"$.organizations[{i}]", org.id)]
        items += [(f"$.organizations[{i}].activities[{j}]", a.id) for j, a in enumerate(org.activities)]
        items += [(f"$.organizations[{i}].recipients[{j}]", r.id) for j, r in enumerate(org.recipients)]
        for path, ident in items:
            if not ident:
                raise DocumentError(f"{path}.id", "empty_id")
            if ident in seen:
                raise DocumentError(f"{path}.id", "duplicate_id", id=ident)
            seen.add(ident)


def loads(text: str) -> Register:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentError("$", "not_json", line=exc.lineno, column=exc.colno) from None
    return document_to_register(doc)


def read_file(path: Path) -> Register:
    """Read a register document from disk; OSError and DocumentError are the caller's to report."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError("$", "not_utf8") from None
    return loads(text)


def schema() -> dict[str, Any]:
    """The JSON Schema shipped with the package, documenting the format."""
    text = resources.files("ropa_desktop").joinpath("data/register.schema.json").read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result
