"""The JSON form of a register (``ropa-desktop-register`` version 2, reading 1): lossless export, checked import.

Version 2 carries the processor's register (Art. 30(2)) beside the controller's: ``security_measures``,
``clients`` and ``processor_activities`` of each organisation, and a recipient's imported statement; a document
without them (version 1, or a controller only) reads with them empty. An export from a register may carry
``record_versions`` (record id -> the version stored when it was read, for every organisation, activity,
recipient, client and processing): an import judges "changed since the export" by them (``import_staleness``).
"""

from __future__ import annotations

import codecs
import dataclasses
import functools
import json
import types
import typing
from collections.abc import Mapping
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from .. import __version__
from ..domain.catalogue import RecipientCatalogue
from ..domain.messages import TranslatedError, message_table, translate
from ..domain.model import Activity, ActivityRecipient, Organization, Recipient, Register, new_id
from .json_bounds import MAX_DOCUMENT_BYTES, MAX_INT, BoundsError, bounded_loads, check_document, may_hold_surrogates
from .json_fast import build_register, decode_document, fast_register

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
    "out_of_bounds": ("refusé : {detail}", "refused: {detail}"),
    "bad_record_version": ("un numéro de version (entier de 1 à {limit}) est attendu",
                           "expected a version number (a whole number from 1 to {limit})"),
    "unknown_client": ("client inconnu {id!r} : absent des clients de l'organisme",
                       "unknown client {id!r}: not among the organisation's clients"),
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


def register_to_document(register: Register, *, exported_at: datetime | None = None,
                         versions: Mapping[str, int] | None = None, register_id: str | None = None) -> dict[str, Any]:
    """The whole register as a JSON-ready document; ``versions``: the stored versions its records were read at.

    ``register_id`` names the register (``storage.ids.register_id``): a re-import into that same register tells a
    record deleted since the export from one another register holds.
    """
    when = exported_at or datetime.now(UTC)
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"ROPA Desktop {__version__}",
        "exported_at": _plain(when),
        "organizations": [organization_to_dict(o) for o in register.organizations],
    }
    if versions is not None:  # only the records written here (an organisation's export names no other's)
        doc["record_versions"] = {ident: versions[ident] for ident in record_ids(register) if ident in versions}
    if register_id:
        doc["register_id"] = register_id
    return doc


def record_ids(register: Register) -> list[str]:
    """Every versioned record's id: organisations, recipients, activities, clients, processing."""
    ids = []
    for org in register.organizations:
        ids.append(org.id)
        records: list[Any] = [*org.recipients, *org.activities, *org.clients, *org.processor_activities]
        ids += [record.id for record in records]
    return ids


def dumps(register: Register, *, exported_at: datetime | None = None,
          versions: Mapping[str, int] | None = None, register_id: str | None = None) -> str:
    document = register_to_document(register, exported_at=exported_at, versions=versions, register_id=register_id)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- import ---------------------------------------------------------------------------------------------
#
# Decoders compiled once per dataclass from its type hints (so new model fields are read with no change here):
# the common case, a value of exactly the expected type, costs one dictionary look-up and one type test. Paths
# are only put together when something is wrong: a failure collects its path segments on the way out.

class _Fail(Exception):
    """A value that does not fit; ``segments`` are added innermost first as the failure propagates."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
        self.segments: list[str] = []

    def located(self, path: str) -> DocumentError:
        return DocumentError(path + "".join(reversed(self.segments)), self.code, **self.params)


Decoder = typing.Callable[[Any], Any]


def _fail(code: str) -> Decoder:
    def refuse(value: Any) -> Any:
        raise _Fail(code)

    return refuse


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Fail("expected_int")
    return value


def _date(value: Any) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Fail("expected_date") from None


def _datetime(value: Any) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Fail("expected_datetime") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _optional(inner: Decoder) -> Decoder:
    def decode(value: Any) -> Any:
        return None if value is None else inner(value)

    return decode


def _list_of(item: Decoder, exact: type | None) -> Decoder:
    def decode(value: Any) -> list[Any]:
        if type(value) is not list:
            raise _Fail("expected_list")
        if exact is not None and all(type(v) is exact for v in value):
            return list(value)
        try:
            return [item(v) for v in value]
        except _Fail:
            for i, v in enumerate(value):  # the slow path, only to say which item
                try:
                    item(v)
                except _Fail as failure:
                    failure.segments.append(f"[{i}]")
                    raise
            raise  # pragma: no cover - the same items fail the same way

    return decode


# (exact type accepted as is, decoder for everything else) per field
_Spec = tuple[type | None, Decoder]


@functools.cache
def _field_spec(tp: Any) -> _Spec:
    """How to read a value of type ``tp``: the exact type that needs no work, and the decoder for the rest."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        exact, inner = _field_spec(args[0])
        return exact, _optional(inner)
    if origin is list:
        (item_type,) = typing.get_args(tp)
        item_exact, item_decoder = _field_spec(item_type)
        return None, _list_of(item_decoder, item_exact)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return None, _dataclass_decoder(tp)
    if tp is bool:
        return bool, _fail("expected_bool")
    if tp is int:
        return int, _int
    if tp is str:
        return str, _fail("expected_text")
    if tp is datetime:
        return None, _datetime
    if tp is date:
        return None, _date
    raise TypeError(f"unsupported type {tp!r}")  # pragma: no cover - the model has no other types


@functools.cache
def _dataclass_decoder(cls: Any, skip: frozenset[str] = frozenset()) -> Decoder:
    """The decoder of a dataclass: a JSON object whose keys are (some of) its fields, nothing else.

    Keys in ``skip`` are left for the caller to read (an activity's recipients need its organisation).
    """
    hints = typing.get_type_hints(cls)
    specs: dict[str, _Spec] = {}

    def decode(value: Any) -> Any:
        if type(value) is not dict:
            raise _Fail("expected_object")
        # Most objects hold only text and flags of exactly the right types: checked with no loop in Python.
        if value.keys() <= simple and tuple(map(type, value.values())) == tuple(map(expected, value.keys())):
            return cls(**value)
        kwargs = {}
        for name, v in value.items():
            spec = specs.get(name)
            if spec is None:
                if name in skip:
                    continue
                unknown = sorted(set(value) - set(specs) - skip)
                raise _Fail("unknown_fields", fields=", ".join(unknown))
            exact, decoder = spec
            if type(v) is exact:
                kwargs[name] = v
                continue
            try:
                kwargs[name] = decoder(v)
            except _Fail as failure:
                failure.segments.append(f".{name}")
                raise
        return cls(**kwargs)

    # Filled after ``decode`` is cached, so a type that contains itself would find its own decoder.
    specs.update({f.name: _field_spec(hints[f.name]) for f in dataclasses.fields(cls) if f.name not in skip})
    exact_types = {name: exact for name, (exact, _) in specs.items() if exact is not None}
    simple = exact_types.keys()
    expected = exact_types.__getitem__
    return decode


def _decode(cls: Any, value: Any, path: str) -> Any:
    """``value`` as a ``cls``, or DocumentError naming where it does not fit."""
    try:
        return _dataclass_decoder(cls)(value)
    except _Fail as failure:
        raise failure.located(path) from None


_LINK_KEYS = {"recipient_id", "name", "type", "country", "details"}


def _organization_from_dict(data: Any, path: str, consume: bool = False) -> Organization:
    if not isinstance(data, dict):
        raise DocumentError(path, "expected_object")
    activities_data = data.get("activities", [])
    if not isinstance(activities_data, list):
        raise DocumentError(f"{path}.activities", "expected_list")
    org: Organization = _decode(Organization, {k: v for k, v in data.items() if k != "activities"}, path)
    catalogue = RecipientCatalogue(org)
    decode_activity = _dataclass_decoder(Activity, frozenset({"recipients"}))
    append = org.activities.append
    for i, raw in enumerate(activities_data):
        if type(raw) is not dict:
            raise DocumentError(f"{path}.activities[{i}]", "expected_object")
        links = raw.get("recipients", [])
        if not isinstance(links, list):
            raise DocumentError(f"{path}.activities[{i}].recipients", "expected_list")
        try:
            activity: Activity = decode_activity(raw)
        except _Fail as failure:
            raise failure.located(f"{path}.activities[{i}]") from None
        if links:
            activity.recipients = [_resolve_link(catalogue, link, f"{path}.activities[{i}].recipients[{j}]")
                                   for j, link in enumerate(links)]
        append(activity)
        if consume:
            activities_data[i] = None
    return org


def _resolve_link(catalogue: RecipientCatalogue, link: Any, path: str) -> ActivityRecipient:
    """An activity's recipient: by id in the catalogue, else by name, else a new catalogue entry."""
    if not isinstance(link, dict):
        raise DocumentError(path, "expected_object")
    unknown = sorted(set(link) - _LINK_KEYS)
    if unknown:
        raise DocumentError(path, "unknown_fields", fields=", ".join(unknown))
    texts = {k: link.get(k, "") for k in _LINK_KEYS}
    for k, text in texts.items():
        if type(text) is not str:
            raise DocumentError(f"{path}.{k}", "expected_text")
    recipient = catalogue.get(texts["recipient_id"]) if texts["recipient_id"] else None
    if recipient is None and texts["name"]:
        recipient = catalogue.named(texts["name"])
    if recipient is None:
        if not texts["name"]:
            raise DocumentError(path, "recipient_unnamed")
        recipient = Recipient(id=texts["recipient_id"] or new_id(), name=texts["name"], type=texts["type"],
                              country=texts["country"])
        catalogue.add(recipient)
    return ActivityRecipient(recipient_id=recipient.id, details=texts["details"])


def document_to_register(doc: Any, *, consume: bool = False) -> Register:
    """Read a ``ropa-desktop-register`` document; DocumentError says what is wrong and where.

    ``consume``: the document is the caller's to give up; each activity's object is dropped once read.
    """
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
    register = Register([_organization_from_dict(o, f"$.organizations[{i}]", consume) for i, o in enumerate(orgs)])
    _check_unique_ids(register)
    return register


def _check_unique_ids(register: Register) -> None:
    seen: set[str] = set()
    for i, org in enumerate(register.organizations):
        items = [("", 0, org.id)]
        items += [(".activities", j, a.id) for j, a in enumerate(org.activities)]
        items += [(".recipients", j, r.id) for j, r in enumerate(org.recipients)]
        items += [(".clients", j, c.id) for j, c in enumerate(org.clients)]
        items += [(".processor_activities", j, a.id) for j, a in enumerate(org.processor_activities)]
        for where, j, ident in items:
            if ident and ident not in seen:
                seen.add(ident)
                continue
            path = f"$.organizations[{i}]" + (f"{where}[{j}]" if where else "")
            if not ident:
                raise DocumentError(f"{path}.id", "empty_id")
            raise DocumentError(f"{path}.id", "duplicate_id", id=ident)
        _check_client_links(org, f"$.organizations[{i}]")


def _check_client_links(org: Organization, path: str) -> None:
    """Each processing names clients of its own organisation (a register file could not hold it otherwise)."""
    if not org.processor_activities:
        return
    known = {c.id for c in org.clients}
    for j, activity in enumerate(org.processor_activities):
        for k, link in enumerate(activity.clients):
            if link.client_id not in known:
                raise DocumentError(f"{path}.processor_activities[{j}].clients[{k}].client_id", "unknown_client",
                                    id=link.client_id)


def _parse(text: str) -> Any:
    """Decode JSON within the bounds an untrusted document gets (depth, numbers, text lengths, dates)."""
    try:
        doc = bounded_loads(text)
        check_document(doc, surrogates=may_hold_surrogates(text))
    except json.JSONDecodeError as exc:
        raise DocumentError("$", "not_json", line=exc.lineno, column=exc.colno) from None
    except BoundsError as exc:
        raise DocumentError(exc.path, "out_of_bounds", detail=exc) from None
    return doc


def loads(text: str) -> Register:
    fast = fast_register(text, FORMAT, VERSION) if len(text) <= MAX_DOCUMENT_BYTES else None
    if fast is not None:
        _check_unique_ids(fast[0])
        return fast[0]
    return document_to_register(_parse(text))


def read_file(path: Path) -> Register:
    """Read a register document from disk; OSError and DocumentError are the caller's to report."""
    return read_file_dated(path)[0]


def read_file_dated(path: Path) -> tuple[Register, datetime | None]:
    """A register document from disk, and when it was exported (None when it does not say)."""
    register, when, _versions, _register_id = read_file_versioned(path)
    return register, when


def read_file_versioned(path: Path) -> tuple[Register, datetime | None, dict[str, int] | None, str | None]:
    """A register document from disk, when it was exported, its records' stored versions and its register's id.

    (None where the document does not say.)

    A valid document is decoded in C straight into the domain types (``json_fast``); the checked reader below
    reads the others, to name their problem. Each stage lets go of the one before (bytes, text, then each
    activity's object as it is read), so a large file is never held three times over.
    """
    with path.open("rb") as handle:
        raw = handle.read(MAX_DOCUMENT_BYTES + 1)
    if len(raw) > MAX_DOCUMENT_BYTES:
        too_large = BoundsError("$", "too_large", limit=MAX_DOCUMENT_BYTES // 2**20)
        raise DocumentError("$", "out_of_bounds", detail=too_large)
    # A valid document is read in C from the file's bytes; anything else, by the checked reader below.
    decoded = decode_document(memoryview(raw)[3 if raw.startswith(codecs.BOM_UTF8) else 0:], FORMAT, VERSION)
    if decoded is not None:
        del raw  # the decoded document is all there is to read now
        versions = decoded.record_versions
        register_id = decoded.register_id
        fast = build_register(decoded)
        del decoded
        if fast is not None:
            register, exported_at = fast
            _check_unique_ids(register)
            return register, _exported_at({"exported_at": exported_at}), versions, register_id
        with path.open("rb") as handle:  # pragma: no cover - decoded structs convert to the types they mirror
            raw = handle.read(MAX_DOCUMENT_BYTES + 1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError("$", "not_utf8") from None
    del raw
    doc = _parse(text)
    del text
    when = _exported_at(doc)
    versions = _record_versions(doc)
    register_id = doc.get("register_id") if isinstance(doc, dict) else None
    if register_id is not None and not isinstance(register_id, str):
        raise DocumentError("$.register_id", "expected_text")
    return document_to_register(doc, consume=True), when, versions, register_id


def _record_versions(doc: Any) -> dict[str, int] | None:
    """The document's ``record_versions`` checked (an object of whole numbers from 1); None when it has none."""
    found = doc.get("record_versions") if isinstance(doc, dict) else None
    if found is None:
        return None
    if not isinstance(found, dict):
        raise DocumentError("$.record_versions", "expected_object")
    for ident, version in found.items():
        if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= MAX_INT:
            raise DocumentError(f"$.record_versions.{ident}", "bad_record_version", limit=f"{MAX_INT:,}")
    return dict(found)


def _exported_at(doc: Any) -> datetime | None:
    text = doc.get("exported_at") if isinstance(doc, dict) else None
    try:
        when = datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None
    return when if when is None or when.tzinfo else when.replace(tzinfo=UTC)


def schema() -> dict[str, Any]:
    """The JSON Schema shipped with the package, documenting the format."""
    text = resources.files("ropa_desktop").joinpath("data/register.schema.json").read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result
