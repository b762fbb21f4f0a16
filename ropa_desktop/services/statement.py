"""The processor statement: what a processor does for one client (Art. 28(3)(h)), as a JSON document and back.

The document holds the public fields (per the field table) of the processor's identity, the client, the processing
carried out for that client, and, gathered from that processing, its sub-processors, transfers, locations and
security measures: nothing of other clients, nothing marked internal.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from .. import __version__
from ..domain.countries import is_country_code, is_international_organization
from ..domain.fields import FieldSpec, Kind, fields_of
from ..domain.messages import Messages, TranslatedError, message_table
from ..domain.model import (
    Client,
    ClientLink,
    Organization,
    ProcessorActivity,
    Register,
    SecurityMeasure,
    SubProcessor,
    Transfer,
)
from .json_bounds import BoundsError, bounded_loads, check_document, read_json_file
from .json_format import DocumentError, _decode

FORMAT = "ropa-processor-statement"
VERSION = 1
MAX_STATEMENT_BYTES = 16 * 1024 * 1024  # one client's share of a register: far below this
# Keys of a processing item kept out of the item itself: the client links (only this client's details are
# carried, as ``client_details``); its sub-processors, transfers and specific measures are in the item and also
# gathered at the top level with the processing they serve.
_CLIENTS_KEY = "clients"
_DETAILS_KEY = "client_details"
_PROCESSING_KEY = "processing"
# A controller's recipient made from a statement takes an id derived from the processor's: the next statement
# of the same processor finds it again, while ids stay distinct from the processor's own in a shared register.
_RECIPIENT_NAMESPACE = uuid.UUID("8f5c3f0e-3b1a-4f4e-9a43-2a1f5f0c7d21")

_MESSAGES = message_table("statement", {
    "unknown_client": ("client inconnu : « {name} » (clients : {known}).",
                       "unknown client: '{name}' (clients: {known})."),
    "ambiguous_client": ("plusieurs clients s'appellent « {name} » : indiquez l'identifiant ({ids}) ou "
                         "--organization.",
                         "several clients are named '{name}': give the id ({ids}) or --organization."),
    "no_client": ("aucun organisme du registre n'a de client.", "no organisation of the register has a client."),
    "not_statement": ("ce n'est pas une déclaration de sous-traitant (format {format!r} attendu)",
                      "not a processor statement (expected format {format!r})"),
    "bad_code": ("code inconnu : {value!r}", "unknown code: {value!r}"),
    "bad_country": ("pays inconnu : {value!r} (code ISO 3166-1 alpha-2 attendu)",
                    "unknown country: {value!r} (an ISO 3166-1 alpha-2 code is expected)"),
    "bad_statement": ("{path} n'est pas une déclaration de sous-traitant lisible : {detail}",
                      "{path} is not a readable processor statement: {detail}"),
    "unnamed_processor": ("la déclaration ne nomme pas le sous-traitant", "the statement does not name the processor"),
})


class StatementError(TranslatedError, ValueError):
    """A client cannot be chosen, or a statement cannot be read; nothing was written or changed."""

    MESSAGES = _MESSAGES


@dataclass(slots=True)
class Statement:
    """A statement read back: the processor (identity only), the client and what is done for it."""

    issued: date
    processor_id: str
    processor: Organization
    client: Client
    processing: list[ProcessorActivity] = field(default_factory=list)
    sub_processors: list[SubProcessor] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    general_security: list[SecurityMeasure] = field(default_factory=list)

    @property
    def recipient_id(self) -> str:
        """The stable id the processor's entry takes in a controller's recipients catalogue."""
        return recipient_id_for(self.processor_id)


def recipient_id_for(processor_id: str) -> str:
    return uuid.uuid5(_RECIPIENT_NAMESPACE, processor_id).hex


# Internal fields a client is nonetheless owed: the Art. 28(4) contract binding a sub-processor that works on its
# data (the controller must be able to show that the same obligations were passed down).
_OWED_TO_CLIENT = frozenset({("sub_processor", "contract_reference")})


def in_statement(spec: FieldSpec) -> bool:
    """Whether a field is handed to the client: the public ones, and the few it is owed though internal."""
    return spec.public or (spec.scope, spec.key) in _OWED_TO_CLIENT


# --- choosing the client --------------------------------------------------------------------------------------

def find_client(register: Register, text: str, organization: Organization | None = None) -> tuple[Organization,
                                                                                                   Client]:
    """The client with id ``text``, else the one so named (case-insensitive, exact), in ``organization`` or any.

    Several of that name (in one or several organisations), or none: StatementError, naming the choices.
    """
    orgs = [organization] if organization is not None else list(register.organizations)
    pairs = [(o, c) for o in orgs for c in o.clients]
    if not pairs:
        raise StatementError("no_client")
    by_id = [(o, c) for o, c in pairs if c.id == text]
    if by_id:
        return by_id[0]
    named = [(o, c) for o, c in pairs if c.name.strip().casefold() == text.strip().casefold()]
    if len(named) == 1:
        return named[0]
    if named:
        raise StatementError("ambiguous_client", name=text, ids=", ".join(c.id for _, c in named))
    known = ", ".join(sorted({c.name for _, c in pairs}))
    raise StatementError("unknown_client", name=text, known=known)


# --- building ---------------------------------------------------------------------------------------------

def _plain(value: Any, scope: str) -> dict[str, Any]:
    """An object's public fields, as the field table describes them (lists and nested objects followed down)."""
    out: dict[str, Any] = {}
    for spec in fields_of(scope):
        if not in_statement(spec) or spec.kind is Kind.CLIENT:  # the processor's client ids mean nothing to a client
            continue
        raw = getattr(value, spec.key)
        if spec.is_list:
            # A row added and left empty in the editor says nothing to the client: it is not handed over.
            out[spec.key] = [plain for plain in (_plain(item, spec.item) for item in raw) if _said(plain)]
        elif spec.is_object:
            out[spec.key] = _plain(raw, spec.item)
        elif isinstance(raw, date):
            out[spec.key] = raw.isoformat()
        else:
            out[spec.key] = raw
    return out


def _said(value: Any) -> bool:
    """Whether an item holds anything (a value other than empty text, false or an empty list)."""
    if isinstance(value, dict):
        return any(_said(v) for v in value.values())
    if isinstance(value, list):
        return any(_said(v) for v in value)
    return value not in ("", None, False)


def client_processing(org: Organization, client: Client) -> list[tuple[ProcessorActivity, str]]:
    """The processing carried out for ``client``, each with what its link says for that client."""
    out = []
    for activity in org.processor_activities:
        link = next((x for x in activity.clients if x.client_id == client.id), None)
        if link is not None:
            out.append((activity, link.details))
    return out


def _sub_key(sub: SubProcessor) -> tuple[str, str]:
    return sub.name.strip().casefold(), sub.country.upper()


def client_sub_processors(activity: ProcessorActivity, client: Client) -> list[SubProcessor]:
    """The processing's sub-processors as ``client`` may see them: with its own authorisation, or none.

    Art. 28(2) needs each controller's own written authorisation: a row is the client's when it names the client,
    or names none on a processing done for that client alone. A sub-processor with no row of the client's is
    still listed (the client must know of it) but with an empty authorisation, so the gap shows.
    """
    only = {link.client_id for link in activity.clients} == {client.id}
    own = [s for s in activity.sub_processors if s.client_id == client.id or (not s.client_id and only)]
    seen = {_sub_key(s) for s in own}
    out = []
    for sub in activity.sub_processors:
        if any(sub is s for s in own):
            out.append(sub)
        elif _sub_key(sub) not in seen:
            seen.add(_sub_key(sub))
            out.append(replace(sub, authorisation="", authorised_on=None, authorisation_reference=""))
    return out


def _gathered(rows: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Equal items of several processing given once, each with the references of the processing it serves."""
    merged: dict[str, dict[str, Any]] = {}
    for ref, item in rows:
        key = json.dumps(item, sort_keys=True, ensure_ascii=False)
        entry = merged.setdefault(key, {**item, _PROCESSING_KEY: []})
        if ref not in entry[_PROCESSING_KEY]:
            entry[_PROCESSING_KEY].append(ref)
    return list(merged.values())


def statement_document(org: Organization, client: Client, issued: date) -> dict[str, Any]:
    """The statement of ``org`` (the processor) for ``client``, JSON-ready."""
    processing = client_processing(org, client)
    items, subs, transfers = [], [], []
    for activity, details in processing:
        item: dict[str, Any] = {"id": activity.id}
        seen = replace(activity, sub_processors=client_sub_processors(activity, client))
        item.update((k, v) for k, v in _plain(seen, "processor_activity").items() if k != _CLIENTS_KEY)
        item[_DETAILS_KEY] = details
        items.append(item)
        ref = activity.reference or activity.name
        subs += [(ref, s) for s in item["sub_processors"]]
        transfers += [(ref, t) for t in item["transfers"]]
    general = [plain for plain in (_plain(m, "security_measure") for m in org.security_measures) if _said(plain)]
    general = general if any(a.security_shared for a, _ in processing) else []
    countries = [org.country] + [s["country"] for _, s in subs] + [t["country"] for _, t in transfers]
    return {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"ROPA Desktop {__version__}",
        "issued": issued.isoformat(),
        "processor": {"id": org.id, **_plain(org, "organization")},
        "client": {"id": client.id, **_plain(client, "client")},
        "processing": items,
        "sub_processors": _gathered(subs),
        "transfers": _gathered(transfers),
        "locations": sorted({c for c in countries if c}),
        "security": {"general": general},
    }


def statement_json(org: Organization, client: Client, issued: date) -> str:
    return json.dumps(statement_document(org, client, issued), ensure_ascii=False, indent=2) + "\n"


# --- reading ----------------------------------------------------------------------------------------------

def looks_like_statement(doc: Any) -> bool:
    return isinstance(doc, dict) and doc.get("format") == FORMAT


def read_statement(path: Path) -> Statement:
    """A statement file, read within bounds and checked; StatementError "bad_statement" says what is wrong."""
    try:
        doc = read_json_file(path, MAX_STATEMENT_BYTES)
        return document_to_statement(doc)
    except json.JSONDecodeError as exc:
        detail: object = DocumentError("$", "not_json", line=exc.lineno, column=exc.colno)
    except BoundsError as exc:
        detail = DocumentError(exc.path, "out_of_bounds", detail=exc)
    except DocumentError as exc:
        detail = exc
    raise StatementError("bad_statement", path=path.name, detail=detail)


def loads(text: str) -> Statement:
    """A statement from text (tests, and a JSON import already read)."""
    doc = bounded_loads(text)
    check_document(doc)
    return document_to_statement(doc)


def _object(doc: dict[str, Any], key: str) -> dict[str, Any]:
    value = doc.get(key)
    if not isinstance(value, dict):
        raise DocumentError(f"$.{key}", "expected_object")
    return value


def _list(doc: dict[str, Any], key: str, path: str) -> list[Any]:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise DocumentError(f"{path}.{key}", "expected_list")
    return value


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise DocumentError(path, "expected_text")
    return value


def document_to_statement(doc: Any) -> Statement:
    """Check and read a decoded statement document; DocumentError names what is wrong and where."""
    if not isinstance(doc, dict):
        raise DocumentError("$", "expected_document")
    if doc.get("format") != FORMAT:
        raise StatementDocumentError("$.format", "not_statement", format=FORMAT)
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DocumentError("$.version", "bad_version")
    if version > VERSION:
        raise DocumentError("$.version", "newer_version", version=version)
    try:
        issued = date.fromisoformat(_text(doc.get("issued"), "$.issued"))
    except ValueError:
        raise DocumentError("$.issued", "expected_date") from None
    processor_data = dict(_object(doc, "processor"))
    processor_id = _text(processor_data.pop("id", ""), "$.processor.id")
    processor: Organization = _decode(Organization, _only(processor_data, "organization", "$.processor"),
                                      "$.processor")
    processor.id = processor_id or processor.id
    if not processor.name.strip():
        raise StatementDocumentError("$.processor.name", "unnamed_processor")
    client_data = dict(_object(doc, "client"))
    client_id = _text(client_data.pop("id", ""), "$.client.id")
    client: Client = _decode(Client, _only(client_data, "client", "$.client"), "$.client")
    if client_id:
        client.id = client_id
    processing = []
    for i, raw in enumerate(_list(doc, "processing", "$")):
        where = f"$.processing[{i}]"
        if not isinstance(raw, dict):
            raise DocumentError(where, "expected_object")
        data = dict(raw)
        details = _text(data.pop(_DETAILS_KEY, ""), f"{where}.{_DETAILS_KEY}")
        ident = _text(data.pop("id", ""), f"{where}.id")
        activity: ProcessorActivity = _decode(ProcessorActivity, _only(data, "processor_activity", where,
                                                                       exclude=(_CLIENTS_KEY,)), where)
        activity.id = ident or activity.id
        activity.clients = [ClientLink(client.id, details)]
        processing.append(activity)
    subs = [_gathered_item(SubProcessor, "sub_processor", raw, f"$.sub_processors[{i}]")
            for i, raw in enumerate(_list(doc, "sub_processors", "$"))]
    transfers = [_gathered_item(Transfer, "transfer", raw, f"$.transfers[{i}]")
                 for i, raw in enumerate(_list(doc, "transfers", "$"))]
    locations = [_text(c, f"$.locations[{i}]") for i, c in enumerate(_list(doc, "locations", "$"))]
    security = doc.get("security", {})
    if not isinstance(security, dict):
        raise DocumentError("$.security", "expected_object")
    general = [_decode(SecurityMeasure, _only(raw, "security_measure", f"$.security.general[{i}]"),
                       f"$.security.general[{i}]")
               for i, raw in enumerate(_list(security, "general", "$.security"))]
    statement = Statement(issued, processor_id, processor, client, processing, subs, transfers, locations, general)
    _check_values(statement)
    return statement


class StatementDocumentError(DocumentError):
    """A document error whose wording is the statement's own (not a statement, no processor named)."""

    MESSAGES: ClassVar[Messages] = {**DocumentError.MESSAGES, **_MESSAGES}


def _only(data: Any, scope: str, path: str, exclude: tuple[str, ...] = ()) -> Any:
    """``data`` if it holds only public fields of ``scope`` (an internal field has no place in a statement)."""
    if not isinstance(data, dict):
        raise DocumentError(path, "expected_object")
    allowed = {s.key for s in fields_of(scope) if in_statement(s) and s.kind is not Kind.CLIENT} - set(exclude)
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise DocumentError(path, "unknown_fields", fields=", ".join(unknown))
    return data


def _gathered_item(cls: type, scope: str, raw: Any, path: str) -> Any:
    if not isinstance(raw, dict):
        raise DocumentError(path, "expected_object")
    data = dict(raw)
    refs = data.pop(_PROCESSING_KEY, [])
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        raise DocumentError(f"{path}.{_PROCESSING_KEY}", "expected_list")
    return _decode(cls, _only(data, scope, path), path)


def _check_values(statement: Statement) -> None:
    """Every code in its vocabulary and every country a known code, walking the field table."""
    roots: list[tuple[Any, str, str]] = [
        (statement.processor, "organization", "$.processor"), (statement.client, "client", "$.client"),
        *((a, "processor_activity", f"$.processing[{i}]") for i, a in enumerate(statement.processing)),
        *((s, "sub_processor", f"$.sub_processors[{i}]") for i, s in enumerate(statement.sub_processors)),
        *((t, "transfer", f"$.transfers[{i}]") for i, t in enumerate(statement.transfers)),
        *((m, "security_measure", f"$.security.general[{i}]") for i, m in enumerate(statement.general_security)),
    ]
    for i, code in enumerate(statement.locations):
        _check_country(code, f"$.locations[{i}]")
    while roots:
        obj, scope, path = roots.pop()
        for spec in fields_of(scope):
            if not in_statement(spec):
                continue
            value = getattr(obj, spec.key)
            where = f"{path}.{spec.key}"
            if spec.is_list:
                roots += [(item, spec.item, f"{where}[{j}]") for j, item in enumerate(value)]
            elif spec.is_object:
                roots.append((value, spec.item, where))
            elif spec.kind is Kind.CODE and value and spec.vocab is not None and value not in spec.vocab.codes():
                raise StatementDocumentError(where, "bad_code", value=value[:40])
            elif spec.kind is Kind.CODES and spec.vocab is not None:
                for code in value:
                    if code not in spec.vocab.codes():
                        raise StatementDocumentError(where, "bad_code", value=code[:40])
            elif spec.kind is Kind.COUNTRY and value:
                _check_country(value, where)


def _check_country(code: str, where: str) -> None:
    if not (is_country_code(code) or is_international_organization(code)):
        raise StatementDocumentError(where, "bad_country", value=code[:40])
