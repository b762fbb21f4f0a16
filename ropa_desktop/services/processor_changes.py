"""The processor's side of a reviewed import: clients and processing for them, matched by id, field by field."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from ..domain.fields import fields_of
from ..domain.model import Client, ClientLink, Organization, ProcessorActivity, new_id
from .values import match_key as _fold

NEW_CLIENT = "new_client"
CLIENT_FIELD = "client_field"
MISSING_CLIENT = "missing_client"
NEW_PROCESSING = "new_processor_activity"
PROCESSING_FIELD = "processor_field"
MISSING_PROCESSING = "missing_processor_activity"
MISSING_KINDS = frozenset({MISSING_CLIENT, MISSING_PROCESSING})
# The review's scope of each kind's field paths (for labels and display).
SCOPES = {CLIENT_FIELD: "client", NEW_CLIENT: "client", MISSING_CLIENT: "client",
          PROCESSING_FIELD: "processor_activity", NEW_PROCESSING: "processor_activity",
          MISSING_PROCESSING: "processor_activity"}
# Field paths an import's source carries for this side (``ImportResult.fields``): "clients.<path>" and
# "processor_activities.<path>"; a source with none of them says nothing of the processor's register.
CLIENT_PREFIX, PROCESSING_PREFIX = "clients.", "processor_activities."

_CLIENT_SHAPE = tuple((spec.key, tuple(sub.key for sub in fields_of(spec.item)) if spec.is_object else ())
                      for spec in fields_of("client"))
_PROCESSING_KEYS = tuple(spec.key for spec in fields_of("processor_activity"))


def client_values(client: Client) -> dict[str, Any]:
    """A client's values keyed by field path (its contacts' fields as ``dpo.email``...)."""
    values: dict[str, Any] = {}
    for key, subkeys in _CLIENT_SHAPE:
        value = getattr(client, key)
        if subkeys:
            for sub in subkeys:
                values[f"{key}.{sub}"] = getattr(value, sub)
        else:
            values[key] = value
    return values


@dataclass(frozen=True)
class ClientLinkView:
    """A processing's client in the review: shown by the client's name, applied by its id."""

    client_id: str
    details: str
    name: str

    def __str__(self) -> str:
        return " | ".join(p for p in (self.name or self.client_id, self.details) if p)


def processing_values(activity: ProcessorActivity, org: Organization) -> dict[str, Any]:
    """A processing's values keyed by field path; its clients by name (so the review reads)."""
    values = {key: getattr(activity, key) for key in _PROCESSING_KEYS}
    values["clients"] = [ClientLinkView(link.client_id, link.details, _name(org, link.client_id))
                         for link in activity.clients]
    return values


def _name(org: Organization, client_id: str) -> str:
    client = org.client(client_id)
    return client.name if client is not None else ""


def processing_label(activity: ProcessorActivity) -> str:
    return " ".join(p for p in (activity.reference, activity.name) if p)


def carries(fields: Collection[str] | None, prefix: str) -> bool:
    return fields is None or any(f.startswith(prefix) for f in fields)


def carried_path(fields: Collection[str] | None, prefix: str, path: str) -> bool:
    if fields is None:
        return True
    return f"{prefix}{path}" in fields or f"{prefix}{path.partition('.')[0]}" in fields


# (id, kind, organisation name, label, path, old, new, target org id, target id) -> a Change
MakeChange = Callable[..., Any]



def _unique(items: list[Any], key: Callable[[Any], str]) -> dict[str, Any]:
    """Items by folded key, keeping only the keys that name exactly one item (and are not empty)."""
    counts: dict[str, int] = {}
    for item in items:
        counts[_fold(key(item))] = counts.get(_fold(key(item)), 0) + 1
    return {_fold(key(i)): i for i in items if _fold(key(i)) and counts[_fold(key(i))] == 1}


def matched_by_name(cur_org: Organization, inc_org: Organization) -> Organization:
    """``inc_org`` with its rows of unknown id matched to the register's by name (processing: by reference).

    A line typed in a spreadsheet gets a new id at each reading; where its client name (or processing reference,
    else name) is the only one of its kind on both sides, it takes the register's id, so a re-import finds it
    instead of adding it again.
    """
    cur_clients = {c.id for c in cur_org.clients}
    by_name, inc_names = _unique(cur_org.clients, lambda c: c.name), _unique(inc_org.clients, lambda c: c.name)
    taken = {c.id for c in inc_org.clients}
    remap: dict[str, str] = {}
    for inc in inc_org.clients:
        cur = by_name.get(_fold(inc.name))
        if inc.id not in cur_clients and cur is not None and inc_names.get(_fold(inc.name)) is inc \
                and cur.id not in taken:
            remap[inc.id] = cur.id
    cur_pas = {a.id for a in cur_org.processor_activities}
    inc_pas = {a.id for a in inc_org.processor_activities}
    by_ref = _unique(cur_org.processor_activities, lambda a: a.reference)
    by_pa_name = _unique(cur_org.processor_activities, lambda a: a.name)
    inc_refs = _unique(inc_org.processor_activities, lambda a: a.reference)
    inc_pa_names = _unique(inc_org.processor_activities, lambda a: a.name)
    pa_remap: dict[str, ProcessorActivity] = {}
    for inc_pa in inc_org.processor_activities:
        if inc_pa.id in cur_pas:
            continue
        if inc_pa.reference.strip():
            cur_pa = by_ref.get(_fold(inc_pa.reference)) if inc_refs.get(_fold(inc_pa.reference)) is inc_pa else None
        else:
            cur_pa = by_pa_name.get(_fold(inc_pa.name)) if inc_pa_names.get(_fold(inc_pa.name)) is inc_pa else None
        if cur_pa is not None and cur_pa.id not in inc_pas:
            pa_remap[inc_pa.id] = cur_pa
    if not remap and not pa_remap:
        return inc_org
    out = copy.copy(inc_org)
    out.clients = [dataclasses.replace(c, id=remap[c.id]) if c.id in remap else c for c in inc_org.clients]
    activities = []
    for inc_pa in inc_org.processor_activities:
        cur_pa = pa_remap.get(inc_pa.id)
        links = [dataclasses.replace(link, client_id=remap.get(link.client_id, link.client_id))
                 for link in inc_pa.clients]
        subs = [dataclasses.replace(sub, client_id=remap.get(sub.client_id, sub.client_id))
                for sub in inc_pa.sub_processors]
        if cur_pa is not None or links != inc_pa.clients or subs != inc_pa.sub_processors:
            # A row with no reference yet keeps the register's: it is never blanked by the match.
            reference = inc_pa.reference if inc_pa.reference.strip() or cur_pa is None else cur_pa.reference
            inc_pa = dataclasses.replace(inc_pa, id=cur_pa.id if cur_pa else inc_pa.id, clients=links,
                                         sub_processors=subs, reference=reference)
        activities.append(inc_pa)
    out.processor_activities = activities
    return out


def processor_changes(make: MakeChange, cur_org: Organization, inc_org: Organization,
                      fields: Collection[str] | None, same_items: Callable[[Any, Any], bool]) -> list[Any]:
    """What ``inc_org``'s clients and processing would change in ``cur_org``, as review changes."""
    out: list[Any] = []
    inc_org = matched_by_name(cur_org, inc_org)
    if carries(fields, CLIENT_PREFIX):
        cur_clients = {c.id: c for c in cur_org.clients}
        seen: set[str] = set()
        for inc in inc_org.clients:
            cur = cur_clients.get(inc.id)
            if cur is None:
                out.append(make(f"cli+:{cur_org.id}:{inc.id}", NEW_CLIENT, cur_org.name, inc.name, new=inc,
                                target_org_id=cur_org.id, target_activity_id=inc.id))
                continue
            seen.add(cur.id)
            if cur == inc:
                continue
            old_values, new_values = client_values(cur), client_values(inc)
            for path, new in new_values.items():
                if new != old_values[path] and carried_path(fields, CLIENT_PREFIX, path):
                    out.append(make(f"cli:{cur.id}:{path}", CLIENT_FIELD, cur_org.name, cur.name, path,
                                    old_values[path], new, target_org_id=cur_org.id, target_activity_id=cur.id))
        out += [make(f"cli-:{c.id}", MISSING_CLIENT, cur_org.name, c.name, old=c, target_org_id=cur_org.id,
                     target_activity_id=c.id) for c in cur_org.clients if c.id not in seen]
    if carries(fields, PROCESSING_PREFIX):
        cur_processing = {a.id: a for a in cur_org.processor_activities}
        matched: set[str] = set()
        for inc_pa in inc_org.processor_activities:
            cur_pa = cur_processing.get(inc_pa.id)
            if cur_pa is None:
                out.append(make(f"pa+:{cur_org.id}:{inc_pa.id}", NEW_PROCESSING, cur_org.name,
                                processing_label(inc_pa), new=inc_pa, target_org_id=cur_org.id,
                                target_activity_id=inc_pa.id))
                continue
            matched.add(cur_pa.id)
            if cur_pa == inc_pa:
                continue
            old_values, new_values = processing_values(cur_pa, cur_org), processing_values(inc_pa, inc_org)
            for path, new in new_values.items():
                old = old_values[path]
                if new == old or same_items(new, old) or not carried_path(fields, PROCESSING_PREFIX, path):
                    continue
                out.append(make(f"pa:{cur_pa.id}:{path}", PROCESSING_FIELD, cur_org.name, processing_label(cur_pa),
                                path, old, new, target_org_id=cur_org.id, target_activity_id=cur_pa.id))
        out += [make(f"pa-:{a.id}", MISSING_PROCESSING, cur_org.name, processing_label(a), old=a,
                     target_org_id=cur_org.id, target_activity_id=a.id)
                for a in cur_org.processor_activities if a.id not in matched]
    return out


class ProcessorTarget:
    """An organisation's clients and processing in the new register: lists its own, items copied on change."""

    def __init__(self, org: Organization, incoming: Organization | None) -> None:
        self.org = org
        org.clients = list(org.clients)
        org.processor_activities = list(org.processor_activities)
        self.incoming = incoming
        self.copied: set[str] = set()
        self.removed_clients: set[str] = set()
        self.removed_processing: set[str] = set()

    def apply(self, kind: str, target_id: str, path: str, new: Any, taken: set[str]) -> None:
        if kind == NEW_CLIENT:
            if all(c.id != new.id for c in self.org.clients):
                self.org.clients.append(copy.deepcopy(new))
        elif kind == CLIENT_FIELD:
            client = self._own(self.org.clients, target_id)
            if client is not None:
                head, _, tail = path.partition(".")
                if tail:
                    setattr(client, head, copy.copy(getattr(client, head)))
                    setattr(getattr(client, head), tail, copy.deepcopy(new))
                else:
                    setattr(client, head, copy.deepcopy(new))
        elif kind == MISSING_CLIENT:
            self.removed_clients.add(target_id)
        elif kind == NEW_PROCESSING:
            activity = copy.deepcopy(new)
            if activity.id in taken:
                activity.id = new_id()
            taken.add(activity.id)
            self.copied.add(activity.id)
            self.org.processor_activities.append(activity)
        elif kind == PROCESSING_FIELD:
            processing = self._own(self.org.processor_activities, target_id)
            if processing is not None:
                if path == "clients":
                    new = [ClientLink(v.client_id, v.details) for v in new]
                setattr(processing, path, copy.deepcopy(new))
        elif kind == MISSING_PROCESSING:
            self.removed_processing.add(target_id)

    def _own(self, items: list[Any], item_id: str) -> Any:
        """The item, copied once before its first change (the current register keeps the original)."""
        i = next((i for i, x in enumerate(items) if x.id == item_id), None)
        if i is None:
            return None
        if item_id not in self.copied:
            items[i] = copy.deepcopy(items[i])
            self.copied.add(item_id)
        return items[i]

    def finish(self) -> None:
        """Drop what was removed; every link names a client of the organisation (brought from the file if need be).

        A client whose removal was accepted but that a kept processing still names stays: it cannot go.
        """
        org = self.org
        org.processor_activities = [a for a in org.processor_activities if a.id not in self.removed_processing]
        linked = {link.client_id for a in org.processor_activities for link in a.clients}
        org.clients = [c for c in org.clients if c.id not in self.removed_clients or c.id in linked]
        known = {c.id for c in org.clients}
        offered = {c.id: c for c in self.incoming.clients} if self.incoming is not None else {}
        for i, activity in enumerate(org.processor_activities):
            if all(link.client_id in known for link in activity.clients):
                continue
            kept: list[ClientLink] = []
            for link in activity.clients:
                if link.client_id not in known and link.client_id in offered:
                    org.clients.append(copy.deepcopy(offered[link.client_id]))
                    known.add(link.client_id)
                if link.client_id in known:
                    kept.append(link)
            if activity.id not in self.copied:
                activity = org.processor_activities[i] = copy.deepcopy(activity)
                self.copied.add(activity.id)
            activity.clients = kept
