"""A register document decoded in C (msgspec) straight into the domain types; None sends it to the checked reader.

The checked reader in ``json_format`` stays the authority: whatever this decoder is not sure of (an unknown key,
a value of another type, a date it would read otherwise, a bound, a link to resolve by name that fails) makes it
give up, and the document is read again the slow way, which names the problem and where. So a valid document
reads the same either way, and an invalid one gets the same message. Its mirror types are made from the
model's type hints, so a new field is read with no change here.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import UTC, date, datetime
from typing import Annotated, Any

import msgspec

from ..domain.catalogue import RecipientCatalogue
from ..domain.model import Activity, Organization, Recipient, Register, new_id
from .json_bounds import DATE_FIELDS, MAX_INT, MAX_STRING, BoundsError, _check_date

_Text = Annotated[str, msgspec.Meta(max_length=MAX_STRING)]
_Int = Annotated[int, msgspec.Meta(ge=-MAX_INT, le=MAX_INT)]
_Version = Annotated[int, msgspec.Meta(ge=1, le=MAX_INT)]  # a record's stored version (``record_versions``)
_SCALARS: dict[Any, Any] = {str: _Text, bool: bool, int: _Int, date: _Text, datetime: _Text}


class _Link(msgspec.Struct, forbid_unknown_fields=True):
    """An activity's recipient as the document writes it: the catalogue entry's name, type and country too."""

    recipient_id: _Text = ""
    name: _Text = ""
    type: _Text = ""
    country: _Text = ""
    details: _Text = ""


# Keys an object of the document holds that are not its type's fields, decoded by the caller.
_OVERRIDES: dict[tuple[type, str], Any] = {(Activity, "recipients"): list[_Link]}


class _Giveup(Exception):
    """Something the checked reader must look at."""


@dataclasses.dataclass(frozen=True)
class _Mirror:
    """A domain dataclass's decoding struct, and how to finish its values once decoded."""

    struct: Any
    dates: tuple[tuple[str, Any], ...]  # (field, parser) of the date and date-time fields, read by Python's rules
    checked: tuple[str, ...]  # text fields the bounds check reads as dates (a key named like a date field)
    nested: tuple[tuple[str, bool, Any], ...]  # (field, is a list, its mirror) of nested objects holding either


_MIRRORS: dict[type, _Mirror] = {}


def _parse_date(text: Any) -> date:
    _check_date(text, None)
    return date.fromisoformat(text)


def _parse_datetime(text: Any) -> datetime:
    _check_date(text, None)
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _mirror_type(tp: Any) -> tuple[Any, Any]:
    """(the decoding type, the mirror of the dataclass inside it or None) of a field's type hint."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        inner, mirror = _mirror_type(args[0])
        return inner | None, mirror
    if origin is list:
        inner, mirror = _mirror_type(typing.get_args(tp)[0])
        return list[inner], mirror  # type: ignore[valid-type]
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        mirror = _mirror(tp)
        return mirror.struct, mirror
    return _SCALARS[tp], None


def _mirror(cls: type) -> _Mirror:
    if cls in _MIRRORS:
        return _MIRRORS[cls]
    hints = typing.get_type_hints(cls)
    fields: list[tuple[Any, ...]] = []
    dates: list[tuple[str, Any]] = []
    checked: list[str] = []
    nested: list[tuple[str, bool, Any]] = []
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        override = _OVERRIDES.get((cls, f.name))
        kind, mirror = (override, None) if override is not None else _mirror_type(hint)
        plain = {*typing.get_args(hint), hint}
        if datetime in plain:
            dates.append((f.name, _parse_datetime))
        elif date in plain:
            dates.append((f.name, _parse_date))
        elif f.name in DATE_FIELDS and str in plain:
            checked.append(f.name)
        if mirror is not None and (mirror.dates or mirror.checked or mirror.nested):
            nested.append((f.name, typing.get_origin(kind) is list, mirror))
        if f.default is not dataclasses.MISSING:
            fields.append((f.name, kind, f.default))
        elif f.default_factory is not dataclasses.MISSING:
            factory: Any = f.default_factory
            if mirror is not None and typing.get_origin(kind) is not list:
                factory = mirror.struct  # a nested object's default: its own struct's, converted with the rest
            fields.append((f.name, kind, msgspec.field(default_factory=factory)))
        else:
            fields.append((f.name, kind))
    struct = msgspec.defstruct(f"_{cls.__name__}", fields, forbid_unknown_fields=True, kw_only=True)
    _MIRRORS[cls] = made = _Mirror(struct, tuple(dates), tuple(checked), tuple(nested))
    return made


def _finish(obj: Any, mirror: _Mirror) -> None:
    """Dates read as the checked reader reads them (in bounds, a date-time without zone in UTC), in place."""
    for name, parse in mirror.dates:
        value = getattr(obj, name)
        if value is not None:
            setattr(obj, name, parse(value))
    for name in mirror.checked:
        _check_date(getattr(obj, name), None)
    for name, many, inner in mirror.nested:
        value = getattr(obj, name)
        if many:
            for item in value:
                _finish(item, inner)
        elif value is not None:
            _finish(value, inner)


_ORGANIZATION = _mirror(Organization)
_RECIPIENT = _mirror(Recipient).struct
_DOCUMENT = msgspec.defstruct(
    "_Document",
    [("format", str), ("version", _Int), ("generator", _Text, ""), ("exported_at", _Text | None, None),
     ("organizations", list[_ORGANIZATION.struct]),  # type: ignore[name-defined]
     ("record_versions", dict[_Text, _Version] | None, None), ("register_id", _Text | None, None)],
    forbid_unknown_fields=True, kw_only=True,
)
_DECODER: msgspec.json.Decoder[Any] = msgspec.json.Decoder(_DOCUMENT)


def fast_register(data: str | bytes | memoryview, expected_format: str, newest: int
                  ) -> tuple[Register, str | None] | None:
    """The register a document holds and its ``exported_at`` text, or None when the checked reader must read it.

    Only the ``format`` ``expected_format`` of a version up to ``newest`` is read here. Identifiers are not
    checked for uniqueness: the caller does it on the result, as for the checked reader's. ``data`` may be the
    file's bytes (invalid UTF-8 is left to the checked reader too).
    """
    decoded = decode_document(data, expected_format, newest)
    return None if decoded is None else build_register(decoded)


def decode_document(data: str | bytes | memoryview, expected_format: str, newest: int) -> Any | None:
    """The first half of ``fast_register``: the decoded document, after which the caller may let go of ``data``."""
    try:
        doc = _DECODER.decode(data)
        if doc.format != expected_format or not 1 <= doc.version <= newest:
            return None
        if doc.exported_at is not None:
            _check_date(doc.exported_at, None)
        for org in doc.organizations:
            _finish(org, _ORGANIZATION)
            _resolve_links(org)
    except (msgspec.MsgspecError, BoundsError, ValueError, TypeError, OverflowError, _Giveup):
        return None
    return doc


def build_register(doc: Any) -> tuple[Register, str | None] | None:
    """The second half: the domain register from a ``decode_document``, each organisation's part dropped once built."""
    orgs = doc.organizations
    built = []
    try:
        for i, org in enumerate(orgs):
            built.append(_organization(org))
            orgs[i] = None
    except (msgspec.MsgspecError, ValueError, TypeError):
        return None
    return Register(built), doc.exported_at


def _organization(struct: Any) -> Organization:
    """The domain organisation, built in C (its links already point into its catalogue)."""
    org: Organization = msgspec.convert(struct, Organization, from_attributes=True)
    return org


def _resolve_links(org: Any) -> None:
    """Each activity's recipients resolved in the organisation's catalogue, on the decoded structs, in order."""
    catalogue: RecipientCatalogue | None = None
    for activity in org.activities:
        if not activity.recipients:
            continue
        if catalogue is None:
            catalogue = RecipientCatalogue(org)  # it reads ``recipients`` and appends to it: a struct will do
        by_id = catalogue.by_id
        if all(link.recipient_id in by_id for link in activity.recipients):
            continue  # the common case: an id of the catalogue keeps its entry
        for link in activity.recipients:
            link.recipient_id = _resolve(catalogue, link)


def _resolve(catalogue: RecipientCatalogue, link: _Link) -> str:
    """As the checked reader resolves a link: by id, else by name, else a new catalogue entry; its id."""
    recipient = catalogue.get(link.recipient_id) if link.recipient_id else None
    if recipient is None and link.name:
        recipient = catalogue.named(link.name)
    if recipient is None:
        if not link.name:
            raise _Giveup  # the checked reader refuses it, naming where
        recipient = _RECIPIENT(id=link.recipient_id or new_id(), name=link.name, type=link.type,
                               country=link.country)
        catalogue.add(recipient)
    return recipient.id
