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
from ..domain.model import Activity, ActivityRecipient, Organization, Recipient, Register, new_id
from .json_bounds import MAX_DOCUMENT_BYTES, BoundsError, bounded_loads, check_document

FORMAT = "ropa-desktop-register"
VERSION = 2  # version 1 documents read as before: every field added since has a default


class DocumentError(ValueError):
    """The document is not a register this version can read; ``path`` says where (``$.organizations[0]``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


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
            raise DocumentError(path, "expected a list")
        (item_type,) = typing.get_args(tp)
        return [_build(item_type, v, f"{path}[{i}]") for i, v in enumerate(value)]
    if dataclasses.is_dataclass(tp):
        return _build_dataclass(tp, value, path)
    if tp is bool:
        if not isinstance(value, bool):
            raise DocumentError(path, "expected true or false")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise DocumentError(path, "expected a whole number")
        return value
    if tp is str:
        if not isinstance(value, str):
            raise DocumentError(path, "expected text")
        return value
    if tp is datetime:
        return _parse_datetime(value, path)
    if tp is date:
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            raise DocumentError(path, "expected a date (YYYY-MM-DD)") from None
    raise DocumentError(path, f"unsupported type {tp!r}")  # pragma: no cover - the model has no other types


def _parse_datetime(value: Any, path: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise DocumentError(path, "expected a date and time (ISO 8601)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@functools.cache
def _shape(cls: type) -> tuple[dict[str, Any], frozenset[str]]:
    """Type hints and field names of a dataclass, resolved once (get_type_hints is slow)."""
    return typing.get_type_hints(cls), frozenset(f.name for f in dataclasses.fields(cls))


def _build_dataclass(cls: Any, value: Any, path: str) -> Any:
    if not isinstance(value, dict):
        raise DocumentError(path, "expected an object")
    hints, known = _shape(cls)
    unknown = sorted(set(value) - known)
    if unknown:
        raise DocumentError(path, f"unknown field(s): {', '.join(unknown)}")
    kwargs = {name: _build(hints[name], v, f"{path}.{name}") for name, v in value.items()}
    try:
        return cls(**kwargs)
    except TypeError as exc:  # pragma: no cover - every field has a default
        raise DocumentError(path, str(exc)) from None


_LINK_KEYS = {"recipient_id", "name", "type", "country", "details"}


def _organization_from_dict(data: Any, path: str) -> Organization:
    if not isinstance(data, dict):
        raise DocumentError(path, "expected an object")
    activities_data = data.get("activities", [])
    if not isinstance(activities_data, list):
        raise DocumentError(f"{path}.activities", "expected a list")
    org: Organization = _build_dataclass(Organization, {k: v for k, v in data.items() if k != "activities"}, path)
    for i, raw in enumerate(activities_data):
        apath = f"{path}.activities[{i}]"
        if not isinstance(raw, dict):
            raise DocumentError(apath, "expected an object")
        links = raw.get("recipients", [])
        if not isinstance(links, list):
            raise DocumentError(f"{apath}.recipients", "expected a list")
        activity: Activity = _build_dataclass(Activity, {k: v for k, v in raw.items() if k != "recipients"}, apath)
        activity.recipients = [_resolve_link(org, link, f"{apath}.recipients[{j}]") for j, link in enumerate(links)]
        org.activities.append(activity)
    return org


def _resolve_link(org: Organization, link: Any, path: str) -> ActivityRecipient:
    """An activity's recipient: by id in the catalogue, else by name, else a new catalogue entry."""
    if not isinstance(link, dict):
        raise DocumentError(path, "expected an object")
    unknown = sorted(set(link) - _LINK_KEYS)
    if unknown:
        raise DocumentError(path, f"unknown field(s): {', '.join(unknown)}")
    texts = {k: _build(str, link.get(k, ""), f"{path}.{k}") for k in _LINK_KEYS}
    recipient = org.recipient(texts["recipient_id"]) if texts["recipient_id"] else None
    if recipient is None and texts["name"]:
        recipient = next((r for r in org.recipients if r.name.casefold() == texts["name"].casefold()), None)
    if recipient is None:
        if not texts["name"]:
            raise DocumentError(path, "a recipient needs a recipient_id from the catalogue or a name")
        recipient = Recipient(id=texts["recipient_id"] or new_id(), name=texts["name"], type=texts["type"],
                              country=texts["country"])
        org.recipients.append(recipient)
    return ActivityRecipient(recipient_id=recipient.id, details=texts["details"])


def document_to_register(doc: Any) -> Register:
    """Read a ``ropa-desktop-register`` document; DocumentError says what is wrong and where."""
    if not isinstance(doc, dict):
        raise DocumentError("$", "expected a JSON object")
    if doc.get("format") != FORMAT:
        raise DocumentError("$.format", f"not a register document (expected format {FORMAT!r})")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DocumentError("$.version", "missing or not a number")
    if version > VERSION:
        raise DocumentError("$.version", f"written by a newer version of ROPA Desktop (format version {version})")
    orgs = doc.get("organizations")
    if not isinstance(orgs, list):
        raise DocumentError("$.organizations", "expected a list")
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
                raise DocumentError(f"{path}.id", "empty id")
            if ident in seen:
                raise DocumentError(f"{path}.id", f"duplicate id {ident!r}")
            seen.add(ident)


def loads(text: str) -> Register:
    try:
        doc = bounded_loads(text)
        check_document(doc)
    except json.JSONDecodeError as exc:
        raise DocumentError("$", f"not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    except BoundsError as exc:
        raise DocumentError(exc.path, exc.message) from None
    return document_to_register(doc)


def read_file(path: Path) -> Register:
    """Read a register document from disk; OSError and DocumentError are the caller's to report."""
    with path.open("rb") as handle:
        raw = handle.read(MAX_DOCUMENT_BYTES + 1)
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise DocumentError("$", f"the document is larger than {MAX_DOCUMENT_BYTES // 2**20} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError("$", "not UTF-8 text") from None
    return loads(text)


def schema() -> dict[str, Any]:
    """The JSON Schema shipped with the package, documenting the format."""
    text = resources.files("ropa_desktop").joinpath("data/register.schema.json").read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result
