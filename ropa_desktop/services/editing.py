"""Every change to an open register, without Qt: each operation writes once, then returns what changed."""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from ..domain.model import Activity, Client, Organization, ProcessorActivity, Recipient, Register, new_id
from ..storage.repository import RegisterStore

_NUMBERED = re.compile(r"^(.*?)(\d+)(\D*)$")
# The default prefix of processing carried out on behalf of clients ("sous-traitance"), beside the activities'.
PROCESSOR_PREFIX = "ST-"


@dataclass(frozen=True, slots=True)
class Change:
    """What one operation changed, for the views to refresh from (Anki's ``OpChanges``).

    ``kind`` is one of ``activity_changed``, ``activity_inserted`` (``index`` is its place in the
    organisation's list), ``activity_removed``, ``organization_changed`` (identity and contacts),
    ``organizations`` (one was added, removed or moved: the list of organisations changed),
    ``recipients`` (the catalogue) and ``register`` (everything may have changed: an import).
    The processor's side: ``processor_activity_changed``, ``processor_activity_inserted`` (``index``: its place
    in the organisation's ``processor_activities``), ``processor_activity_removed`` (``activity_id`` is then the
    processing's id) and ``clients`` (the list of clients changed).
    """

    kind: str
    org_id: str = ""
    activity_id: str = ""
    index: int = -1


def next_reference(org: Organization) -> str:
    """The organisation's next free reference: its prefix and the next number, padded like the others.

    The prefix is the text before the last number of its references (the most common one), else the
    initials of its name followed by ``-``.
    """
    words = re.findall(r"\w+", org.name)
    return _next_reference([a.reference for a in org.activities],
                           ("".join(w[0] for w in words[:3]).upper() or "A") + "-")


def next_processor_reference(org: Organization) -> str:
    """The next free reference of the processing carried out for clients: the same rule, ``ST-`` by default."""
    return _next_reference([a.reference for a in org.processor_activities], PROCESSOR_PREFIX)


def _next_reference(references: list[str], default_prefix: str) -> str:
    numbered = [m for m in (_NUMBERED.match(r.strip()) for r in references) if m]
    if numbered:
        prefix = Counter(m.group(1) for m in numbered).most_common(1)[0][0]
        same = [m for m in numbered if m.group(1) == prefix]
        width = max(len(m.group(2)) for m in same)
        number = max(int(m.group(2)) for m in same) + 1
    else:
        prefix, width, number = default_prefix, 2, 1
    taken = {r.strip().casefold() for r in references}
    while f"{prefix}{number:0{width}d}".casefold() in taken:
        number += 1
    return f"{prefix}{number:0{width}d}"


def copy_organization(org: Organization, name: str) -> Organization:
    """A full copy under new ids (organisation, activities, recipients, clients, processing for them, links)."""
    twin = copy.deepcopy(org)
    twin.id, twin.name = new_id(), name
    ids = {r.id: new_id() for r in twin.recipients}
    for recipient in twin.recipients:
        recipient.id = ids[recipient.id]
    for activity in twin.activities:
        activity.id = new_id()
        for link in activity.recipients:
            link.recipient_id = ids.get(link.recipient_id, link.recipient_id)
    client_ids = {c.id: new_id() for c in twin.clients}
    for client in twin.clients:
        client.id = client_ids[client.id]
    for processing in twin.processor_activities:
        processing.id = new_id()
        for client_link in processing.clients:
            client_link.client_id = client_ids.get(client_link.client_id, client_link.client_id)
        for sub in processing.sub_processors:
            sub.client_id = client_ids.get(sub.client_id, sub.client_id)
    return twin


class RegisterEditor:
    """The open register and its store: memory always follows a write that succeeded, never precedes it.

    A write the store refuses raises ``StorageError`` and leaves memory as it was.
    """

    def __init__(self, store: RegisterStore, register: Register) -> None:
        self.store = store
        self.register = register

    def organization(self, org_id: str) -> Organization:
        org = self.register.organization(org_id)
        if org is None:
            raise KeyError(org_id)
        return org

    # --- activities ------------------------------------------------------------------------------------

    def put_activity(
        self,
        org_id: str,
        activity: Activity,
        *,
        touch: bool,
        index: int | None = None,
        store_position: int | None = None,
    ) -> tuple[Activity, Change]:
        """Write ``activity`` (new ones go at ``index``); returns a copy of what was written."""
        # The activity as this window holds it, at the version the store read (the register's objects are replaced on
        # each write, never changed in place): a server's first save after the load is then one statement.
        held = self.organization(org_id).activity(activity.id)
        written = self.store.save_activity(org_id, copy.deepcopy(activity), position=store_position, touch=touch,
                                           base=held)
        org = self.organization(org_id)
        mine = copy.deepcopy(written)
        current = next((i for i, a in enumerate(org.activities) if a.id == written.id), None)
        if current is not None:
            org.activities[current] = mine
            return copy.deepcopy(written), Change("activity_changed", org_id, written.id)
        index = len(org.activities) if index is None else min(index, len(org.activities))
        org.activities.insert(index, mine)
        return copy.deepcopy(written), Change("activity_inserted", org_id, written.id, index)

    def remove_activity(self, org_id: str, activity_id: str) -> tuple[int, int, Change]:
        """Delete an activity; returns its index in memory and position in the store (for undo)."""
        store_position = self.store.activity_position(activity_id)
        self.store.delete_activity(activity_id)
        org = self.organization(org_id)
        index = next(i for i, a in enumerate(org.activities) if a.id == activity_id)
        del org.activities[index]
        return index, store_position, Change("activity_removed", org_id, activity_id, index)

    def placement(self, org_id: str, after_id: str | None) -> tuple[int, int | None]:
        """Where a new activity placed after ``after_id`` goes: (index in memory, position in the store)."""
        org = self.organization(org_id)
        if after_id is None or org.activity(after_id) is None:
            return len(org.activities), None
        index = next(i for i, a in enumerate(org.activities) if a.id == after_id) + 1
        return index, self.store.activity_position(after_id) + 1

    def blank_activity(self, org_id: str) -> Activity:
        """A new draft activity with the organisation's next free reference."""
        return Activity(reference=next_reference(self.organization(org_id)), created=date.today())

    def duplicate_of(self, org_id: str, activity_id: str, suffix: str) -> Activity:
        """A copy of an activity: new id and reference, a draft created today, ``suffix`` after its name."""
        org = self.organization(org_id)
        source = org.activity(activity_id)
        if source is None:
            raise KeyError(activity_id)
        twin = copy.deepcopy(source)
        twin.id, twin.reference = new_id(), next_reference(org)
        twin.created, twin.status = date.today(), "draft"
        twin.name = f"{twin.name} {suffix}".strip()
        return twin

    # --- organisations ---------------------------------------------------------------------------------

    def put_organization(self, org: Organization) -> Change:
        """Save identity, contacts, sources and the general security measures (Art. 32).

        Activities, recipients, clients and processing for clients are saved on their own: memory keeps its own.
        """
        self.store.save_organization(org)
        mine = self.organization(org.id)
        index = self.register.organizations.index(mine)
        fresh = copy.deepcopy(org)
        fresh.activities, fresh.recipients = mine.activities, mine.recipients
        fresh.clients, fresh.processor_activities = mine.clients, mine.processor_activities
        self.register.organizations[index] = fresh
        return Change("organization_changed", org.id)

    def insert_organization(self, org: Organization, index: int | None = None) -> Change:
        """Add a whole organisation (new, duplicated, or a deleted one put back) at ``index`` (default: last)."""
        organizations = list(self.register.organizations)
        index = len(organizations) if index is None else max(0, min(index, len(organizations)))
        organizations.insert(index, copy.deepcopy(org))
        # One transaction; the positions of every organisation are rewritten, so the new one lands at ``index``.
        self.store.write_register(Register(organizations))
        self.register.organizations = organizations
        return Change("organizations", org.id, index=index)

    def remove_organization(self, org_id: str) -> tuple[int, Organization, Change]:
        """Delete an organisation with its activities and recipients; returns its index and a copy (for undo)."""
        org = self.organization(org_id)
        index = self.register.organizations.index(org)
        self.store.delete_organization(org_id)
        del self.register.organizations[index]
        return index, copy.deepcopy(org), Change("organizations", org_id, index=index)

    # --- recipients ------------------------------------------------------------------------------------

    def put_recipient(self, org_id: str, recipient: Recipient) -> Change:
        self.store.save_recipient(org_id, recipient)
        org = self.organization(org_id)
        current = next((i for i, r in enumerate(org.recipients) if r.id == recipient.id), None)
        if current is None:
            org.recipients.append(copy.deepcopy(recipient))
        else:
            org.recipients[current] = copy.deepcopy(recipient)
        return Change("recipients", org_id)

    def remove_recipient(self, org_id: str, recipient_id: str) -> Change:
        """Delete an unused recipient (RecipientInUseError names the activities using it)."""
        self.store.delete_recipient(recipient_id)
        org = self.organization(org_id)
        org.recipients = [r for r in org.recipients if r.id != recipient_id]
        return Change("recipients", org_id)

    # --- the processor's register (Art. 30(2)): clients ---------------------------------------------------

    def put_client(self, org_id: str, client: Client, *, index: int | None = None) -> Change:
        """Create or update a client; a new one goes at ``index`` of the organisation's clients (default: last)."""
        org = self.organization(org_id)
        current = next((i for i, c in enumerate(org.clients) if c.id == client.id), None)
        position = None
        if current is None and index is not None and index < len(org.clients):
            position = self.store.client_position(org.clients[max(index, 0)].id)
        # The client as this window holds it (replaced, never changed in place): the server's save needs no reload.
        base = org.clients[current] if current is not None else None
        self.store.save_client(org_id, copy.deepcopy(client), position=position, base=base)
        if current is not None:
            org.clients[current] = copy.deepcopy(client)
        else:
            index = len(org.clients) if index is None else max(0, min(index, len(org.clients)))
            org.clients.insert(index, copy.deepcopy(client))
        return Change("clients", org_id)

    def remove_client(self, org_id: str, client_id: str) -> tuple[int, Client, Change]:
        """Delete a client no processing is linked to (ClientInUseError names them); its index and a copy."""
        self.store.delete_client(client_id)
        org = self.organization(org_id)
        index = next(i for i, c in enumerate(org.clients) if c.id == client_id)
        removed = org.clients.pop(index)
        return index, removed, Change("clients", org_id)

    def blank_client(self) -> Client:
        return Client()

    def duplicate_client_of(self, org_id: str, client_id: str, suffix: str) -> Client:
        """A copy of a client under a new id, ``suffix`` after its name (its processings are not linked to it)."""
        source = self.organization(org_id).client(client_id)
        if source is None:
            raise KeyError(client_id)
        twin = copy.deepcopy(source)
        twin.id, twin.name = new_id(), f"{twin.name} {suffix}".strip()
        return twin

    # --- the processor's register: processing carried out on behalf of clients -----------------------------

    def put_processor_activity(
        self,
        org_id: str,
        activity: ProcessorActivity,
        *,
        touch: bool,
        index: int | None = None,
        store_position: int | None = None,
    ) -> tuple[ProcessorActivity, Change]:
        """Write a processing done for clients (new ones go at ``index``); returns a copy of what was written."""
        held = self.organization(org_id).processor_activity(activity.id)  # as for put_activity's base
        written = self.store.save_processor_activity(org_id, copy.deepcopy(activity), position=store_position,
                                                     touch=touch, base=held)
        org = self.organization(org_id)
        mine = copy.deepcopy(written)
        current = next((i for i, a in enumerate(org.processor_activities) if a.id == written.id), None)
        if current is not None:
            org.processor_activities[current] = mine
            return copy.deepcopy(written), Change("processor_activity_changed", org_id, written.id)
        index = len(org.processor_activities) if index is None else min(index, len(org.processor_activities))
        org.processor_activities.insert(index, mine)
        return copy.deepcopy(written), Change("processor_activity_inserted", org_id, written.id, index)

    def remove_processor_activity(self, org_id: str, activity_id: str) -> tuple[int, int, Change]:
        """Delete a processing done for clients; returns its index in memory and position in the store (undo)."""
        store_position = self.store.processor_activity_position(activity_id)
        self.store.delete_processor_activity(activity_id)
        org = self.organization(org_id)
        index = next(i for i, a in enumerate(org.processor_activities) if a.id == activity_id)
        del org.processor_activities[index]
        return index, store_position, Change("processor_activity_removed", org_id, activity_id, index)

    def processor_placement(self, org_id: str, after_id: str | None) -> tuple[int, int | None]:
        """Where a new processing placed after ``after_id`` goes: (index in memory, position in the store)."""
        org = self.organization(org_id)
        if after_id is None or org.processor_activity(after_id) is None:
            return len(org.processor_activities), None
        index = next(i for i, a in enumerate(org.processor_activities) if a.id == after_id) + 1
        return index, self.store.processor_activity_position(after_id) + 1

    def blank_processor_activity(self, org_id: str) -> ProcessorActivity:
        """A new draft processing with the next free reference (``ST-01`` for the first)."""
        return ProcessorActivity(reference=next_processor_reference(self.organization(org_id)))

    def duplicate_processor_activity_of(self, org_id: str, activity_id: str, suffix: str) -> ProcessorActivity:
        """A copy of a processing: new id and reference, a draft, ``suffix`` after its name, same clients."""
        org = self.organization(org_id)
        source = org.processor_activity(activity_id)
        if source is None:
            raise KeyError(activity_id)
        twin = copy.deepcopy(source)
        twin.id, twin.reference, twin.status = new_id(), next_processor_reference(org), "draft"
        twin.updated = None
        twin.name = f"{twin.name} {suffix}".strip()
        return twin

    # --- the whole register ----------------------------------------------------------------------------

    def replace_register(self, register: Register, *, owned: bool = False) -> Change:
        """Make the file hold exactly ``register`` in one transaction (an import, or undoing one).

        ``owned``: the caller hands ``register`` over and keeps no reference to it, so it is not copied.
        """
        self.store.write_register(register, exact=True)
        self.register = register if owned else copy.deepcopy(register)
        return Change("register")


def into_organization(incoming: Register, target: Organization) -> Register:
    """``incoming`` (one organisation) read as changes to ``target``: the same id and name, so it matches.

    A file of several organisations is returned as it is: each goes where its own name or id leads.
    """
    if len(incoming.organizations) != 1:
        return incoming
    retargeted = copy.deepcopy(incoming)
    retargeted.organizations[0].id = target.id
    retargeted.organizations[0].name = target.name
    return retargeted


def stamp_applied(before: Register, after: Register, now: datetime) -> list[tuple[str, str]]:
    """Set "Last update" on the activities an import changed; the (organisation, activity) ids it added or changed.

    The processing carried out for clients that the import changed is stamped too (it is not in the list returned,
    which names controller activities).
    """
    old_processing = {a.id: a for o in before.organizations for a in o.processor_activities}
    for org in after.organizations:
        for processing in org.processor_activities:
            previous_processing = old_processing.get(processing.id)
            if previous_processing is not None and previous_processing != processing:
                processing.updated = now
    old = {a.id: a for o in before.organizations for a in o.activities}
    touched: list[tuple[str, str]] = []
    for org in after.organizations:
        for activity in org.activities:
            previous = old.get(activity.id)
            if previous != activity:
                if previous is not None:  # a new one keeps the file's own date: a JSON round trip stays exact
                    activity.updated = now
                touched.append((org.id, activity.id))
    return touched
