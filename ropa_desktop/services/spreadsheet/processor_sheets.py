"""The processor's register as flat sheets (Clients, Processing for clients): columns from the field table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...domain.fields import SCOPE_TYPES, Kind, field_spec, fields_of
from ...domain.model import Client, ClientLink, Organization, new_id
from .. import lineformat as lf
from . import flat
from .flat import Column

# Scopes written as sheets, with their sheet key (``layout.SHEETS``).
SCOPES = {"clients": "client", "processing": "processor_activity"}


def _columns(scope: str) -> tuple[Column, ...]:
    cols = [
        Column("_organization_id", hidden=True),
        Column("_id", hidden=True),
        Column("organization", field_spec("organization", "name")),
    ]
    for spec in fields_of(scope):
        if spec.is_object:  # a client's contact, representative and DPO: one column per contact field
            cols += [Column(f"{spec.key}.{sub.key}", sub, spec) for sub in fields_of(spec.item)]
        else:
            cols.append(Column(spec.key, spec))
    return tuple(cols)


COLUMNS: dict[str, tuple[Column, ...]] = {scope: _columns(scope) for scope in SCOPES.values()}
_BY_KEY = {scope: {c.key: c for c in cols} for scope, cols in COLUMNS.items()}


def has_processor_side(org: Organization) -> bool:
    """Whether the organisation acts as a processor (its general security description is on Organisations)."""
    return bool(org.clients or org.processor_activities)


def records(org: Organization, scope: str) -> list[Any]:
    return list(org.clients if scope == "client" else org.processor_activities)


def _client_names(org: Organization) -> tuple[Callable[[str], str], Callable[[Any], dict[str, str]]]:
    """Client links are written by name; the id is added where two clients share a name."""
    names = {c.id: c.name for c in org.clients}
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1

    def extra(link: Any) -> dict[str, str]:
        name = names.get(link.client_id, "")
        return {"id": link.client_id} if not name or counts.get(name.casefold(), 0) > 1 else {}

    return (lambda ident: names.get(ident, "")), extra


def row(scope: str, item: Any, org: Organization, lang: str) -> list[Any]:
    """One record's cells, in ``COLUMNS[scope]`` order."""
    name_of, extra = _client_names(org)
    # A sub-processor row's client (whose authorisation it records) is written by name, by id where the name
    # would not find it again (no name, or two clients of that name).
    client_or_id = lambda ident: ident if extra(ClientLink(ident)) else name_of(ident)  # noqa: E731
    cells: list[Any] = []
    for col in COLUMNS[scope]:
        if col.key == "_id":
            cells.append(item.id)
        elif col.key == "_organization_id":
            cells.append(org.id)
        elif col.key == "organization":
            cells.append(org.name)
        elif col.parent is not None and col.spec is not None:
            cells.append(flat.scalar_cell(col.spec, getattr(getattr(item, col.parent.key), col.spec.key), lang))
        elif col.spec is not None and col.kind is Kind.LIST:
            item_scope = col.spec.item
            assert item_scope is not None
            linked = item_scope == "client_link"
            names = name_of if linked else client_or_id if item_scope == "sub_processor" else None
            cells.append(lf.format_items(item_scope, getattr(item, col.key), lang, names,
                                         extra if linked else None) or None)
        elif col.spec is not None:
            cells.append(flat.scalar_cell(col.spec, getattr(item, col.key), lang))
    return cells


class ClientIds:
    """A processing's client lines resolved against the organisation's clients: by hidden id, then by name."""

    def __init__(self, org: Organization) -> None:
        self.org = org

    def __call__(self, name: str, hint: str) -> str:
        if hint and self.org.client(hint):
            return hint
        folded = lf.fold(name)
        found = next((c for c in self.org.clients if lf.fold(c.name) == folded), None)
        if found is None:  # a client named only on the processing's line: it comes in with its name
            found = Client(id=hint or new_id(), name=name.strip())
            self.org.clients.append(found)
        return found.id


def _client_id(org: Organization, text: str) -> str:
    """A sub-processor row's client, written by id or name; text naming no client is kept (a check reports it)."""
    if not text or org.client(text):
        return text
    folded = lf.fold(text)
    found = next((c for c in org.clients if lf.fold(c.name) == folded), None)
    return found.id if found is not None else text


def from_row(scope: str, values: dict[str, Any], org: Organization, problems: lf.Problems, where: str) -> Any:
    """A client or processing from a row keyed by column key (missing and empty cells keep the defaults)."""
    item = SCOPE_TYPES[scope]()
    ident = flat.cell_text(values.get("_id")).strip()
    if ident:
        item.id = ident
    headers = _BY_KEY[scope]
    for key, value in values.items():
        col = headers.get(key)
        if col is None or col.spec is None or key == "organization" or value is None or value == "":
            continue
        at = f"{where}, {col.header('en')}"
        if col.parent is not None:
            setattr(getattr(item, col.parent.key), col.spec.key, flat.scalar_value(col.spec, value, problems, at))
        elif col.kind is Kind.LIST:
            item_scope = col.spec.item
            assert item_scope is not None
            resolve = ClientIds(org) if item_scope == "client_link" else None
            parsed = lf.parse_items(item_scope, flat.cell_text(value), problems, at, resolve)
            if item_scope == "sub_processor":
                for sub in parsed:
                    sub.client_id = _client_id(org, sub.client_id)
            setattr(item, key, parsed)
        else:
            parsed = flat.scalar_value(col.spec, value, problems, at)
            if parsed is not None or col.kind in (Kind.DATE, Kind.DATETIME):
                setattr(item, key, parsed)
    return item
