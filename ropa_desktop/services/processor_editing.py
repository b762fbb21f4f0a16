"""Processor-side edits of an open register (Art. 30(2)): each writes once, durably, then changes memory."""

from __future__ import annotations

import copy
from collections import Counter

from ..domain.model import Client, Organization, ProcessorActivity, SecurityMeasure, new_id
from .editing import _NUMBERED, Change, RegisterEditor

DEFAULT_PREFIX = "P-"  # the processor's register numbers its own categories of processing


def next_processor_reference(org: Organization) -> str:
    """The next free reference of the processor's register: its prefix and next number (``P-01`` at first)."""
    references = [a.reference.strip() for a in org.processor_activities]
    numbered = [m for m in map(_NUMBERED.match, references) if m]
    prefix, width, number = DEFAULT_PREFIX, 2, 1
    if numbered:
        prefix = Counter(m.group(1) for m in numbered).most_common(1)[0][0]
        same = [m for m in numbered if m.group(1) == prefix]
        width = max(len(m.group(2)) for m in same)
        number = max(int(m.group(2)) for m in same) + 1
    taken = {r.casefold() for r in references}
    while f"{prefix}{number:0{width}d}".casefold() in taken:
        number += 1
    return f"{prefix}{number:0{width}d}"


def duplicate_of(org: Organization, activity_id: str, suffix: str) -> ProcessorActivity:
    """A copy of a processing: new id and reference, a draft, ``suffix`` after its name."""
    source = org.processor_activity(activity_id)
    if source is None:
        raise KeyError(activity_id)
    twin = copy.deepcopy(source)
    twin.id, twin.reference, twin.status = new_id(), next_processor_reference(org), "draft"
    twin.name = f"{twin.name} {suffix}".strip()
    return twin


def client_usage(org: Organization, client_id: str) -> list[str]:
    """The processing (reference and name) done for a client: a client in use cannot be deleted."""
    return [
        " ".join(p for p in (a.reference, a.name) if p)
        for a in org.processor_activities
        if any(link.client_id == client_id for link in a.clients)
    ]


def put_processor_activity(
    editor: RegisterEditor,
    org_id: str,
    activity: ProcessorActivity,
    *,
    touch: bool,
    index: int | None = None,
) -> tuple[ProcessorActivity, Change]:
    """Write a processing done for clients (a new one goes at ``index``); returns a copy of what was written."""
    org = editor.organization(org_id)
    current = next((i for i, a in enumerate(org.processor_activities) if a.id == activity.id), None)
    position = None
    if current is None and index is not None and index < len(org.processor_activities):
        position = editor.store.processor_activity_position(org.processor_activities[index].id)
    written = editor.store.save_processor_activity(org_id, copy.deepcopy(activity), position=position, touch=touch)
    mine = copy.deepcopy(written)
    if current is not None:
        org.processor_activities[current] = mine
        return copy.deepcopy(written), Change("processor_activity_changed", org_id, mine.id)
    index = len(org.processor_activities) if index is None else min(index, len(org.processor_activities))
    org.processor_activities.insert(index, mine)
    return copy.deepcopy(written), Change("processor_activity_inserted", org_id, mine.id, index)


def remove_processor_activity(editor: RegisterEditor, org_id: str, activity_id: str) -> tuple[int, Change]:
    """Delete a processing done for clients; returns its index (to put it back there on undo)."""
    editor.store.delete_processor_activity(activity_id)
    org = editor.organization(org_id)
    index = next(i for i, a in enumerate(org.processor_activities) if a.id == activity_id)
    del org.processor_activities[index]
    return index, Change("processor_activity_removed", org_id, activity_id, index)


def put_client(editor: RegisterEditor, org_id: str, client: Client, *, index: int | None = None) -> Change:
    """Create or change a client (a new one goes at ``index``, default last)."""
    org = editor.organization(org_id)
    current = next((i for i, c in enumerate(org.clients) if c.id == client.id), None)
    position = index if current is None and index is not None and index < len(org.clients) else None
    editor.store.save_client(org_id, copy.deepcopy(client), position=position)
    if current is None:
        index = len(org.clients) if index is None else min(index, len(org.clients))
        org.clients.insert(index, copy.deepcopy(client))
    else:
        org.clients[current] = copy.deepcopy(client)
    return Change("clients", org_id, client.id)


def remove_client(editor: RegisterEditor, org_id: str, client_id: str) -> tuple[int, Change]:
    """Delete a client no processing names (ClientInUseError names those that do); returns its index."""
    editor.store.delete_client(client_id)
    org = editor.organization(org_id)
    index = next(i for i, c in enumerate(org.clients) if c.id == client_id)
    del org.clients[index]
    return index, Change("clients", org_id, client_id, index)


def put_security_measures(editor: RegisterEditor, org_id: str, measures: list[SecurityMeasure]) -> Change:
    """The organisation's general description of its security measures (Art. 30(2)(d)), saved with its identity."""
    org = editor.organization(org_id)
    identity = copy.copy(org)  # shallow: the lists it shares are not written (only identity, contacts, sources)
    identity.security_measures = copy.deepcopy(measures)
    editor.store.save_organization(identity)
    org.security_measures = copy.deepcopy(measures)
    return Change("processor_security", org_id)
