"""The open register as the GUI sees it: the editing service's operations, and one signal saying what changed."""

from __future__ import annotations

import copy
import dataclasses
from datetime import date

from PySide6.QtCore import QObject, Signal

from ..domain.checks import (
    Finding,
    check_activity,
    check_organization,
    check_processor,
    path_in_activity,
)
from ..domain.model import Activity, Client, Organization, ProcessorActivity, Recipient, Register, SecurityMeasure
from ..services.editing import Change, RegisterEditor
from ..storage import remote_reads
from ..storage.errors import StorageError
from ..storage.list_rows import ListRow
from ..storage.repository import RegisterStore
from ..storage.server import Privileges
from .shared_findings import SharedFindings

# What the processor's side of an organisation changes: its processing for clients, clients, general security.
PROCESSOR_KINDS = frozenset({
    "processor_activity_changed", "processor_activity_inserted", "processor_activity_removed", "clients",
})


# The organisation-relative paths of the processor's side: findings about them open in the processor mode.
PROCESSOR_PATHS = ("processor_activities[", "clients[", "security_measures")


def names_activity(finding: Finding, activity_id: str) -> bool:
    """True when an organisation-level finding concerns ``activity_id`` (its own id or its ``activities``)."""
    return finding.activity_id == activity_id or activity_id in getattr(finding, "activities", ())


# What an organisation holds beside its identity: read and announced on their own when someone else changes them.
_HELD_APART = frozenset({"activities", "recipients", "clients", "processor_activities"})


class RegisterSession(QObject):
    """Each write goes through the editing service (durable first, then memory); ``changed`` says what changed.

    The finer signals below are derived from ``changed`` for views that only care about one kind.
    """

    changed = Signal(object)  # a services.editing.Change
    activityChanged = Signal(str, str)  # org id, activity id
    activityInserted = Signal(str, str, int)  # org id, activity id, index in the organisation's list
    activityRemoved = Signal(str, str)  # org id, activity id
    organizationChanged = Signal(str)
    organizationsChanged = Signal(str)  # one was added or removed (its id)
    registerReplaced = Signal()  # an import, or undoing one: every view reloads
    recipientsChanged = Signal(str)
    saved = Signal()
    failed = Signal(object)  # a StorageError from an undo or redo

    def __init__(self, store: RegisterStore, register: Register, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = RegisterEditor(store, register)
        self._findings: dict[str, list[Finding]] = {}
        self._org_findings: dict[str, list[Finding]] = {}
        self._all: dict[str, tuple[list[Finding], dict[str, list[Finding]]]] = {}  # org -> findings, by activity
        # Org -> its activities' findings with shared facts merged; activities changed since, to merge in.
        self._shared: dict[str, SharedFindings] = {}
        self._changed_activities: dict[str, dict[str, None]] = {}
        self._processor_findings: dict[str, list[Finding]] = {}
        # Why a writable store is shown read-only (a reader's role, a lost connection): "" when it is not.
        self.read_only_reason = ""
        self.privileges: Privileges | None = None  # a team register's role, read when it was opened
        # A large register is read on a worker thread after its window shows: meanwhile ``register`` holds the
        # organisations without their activities, the list shows ``list_rows`` and an activity is read alone.
        self.loading = False
        self.list_rows: dict[str, list[ListRow]] = {}  # organisation id -> its activities' rows, while loading
        self.list_bases: dict[str, tuple[str, ...]] = {}  # activity id -> its legal bases, read after the rows
        self._on_demand: dict[str, Activity] = {}

    @property
    def store(self) -> RegisterStore:
        return self.editor.store

    @property
    def register(self) -> Register:
        return self.editor.register

    @property
    def read_only(self) -> bool:
        return self.store.read_only or bool(self.read_only_reason) or self.loading

    @property
    def is_team(self) -> bool:
        """A register on a server, shared with other people (live refresh, conflicts, roles)."""
        return self.store.server is not None

    # --- reading ---------------------------------------------------------------------------------------

    def organization(self, org_id: str) -> Organization:
        return self.editor.organization(org_id)

    def activity(self, org_id: str, activity_id: str) -> Activity | None:
        found = self.organization(org_id).activity(activity_id)
        if found is None and self.loading:  # the form shows the selected activity before the register is read
            found = self._on_demand.get(activity_id)
            if found is None:
                try:
                    found = self._on_demand[activity_id] = self.store.load_activity(activity_id)
                except StorageError:
                    return None
        return found

    def finish_loading(self, register: Register) -> None:
        """The whole register, read on a worker thread, replaces the first view (the views adopt it themselves)."""
        self.editor.register = register
        self.loading, self.list_rows, self.list_bases, self._on_demand = False, {}, {}, {}

    def index_of(self, org_id: str, activity_id: str) -> int:
        activities = self.organization(org_id).activities
        return next(i for i, a in enumerate(activities) if a.id == activity_id)

    def own_findings(self, org_id: str, activity: Activity) -> list[Finding]:
        """What the activity checks say about ``activity``, cached until it changes."""
        cached = self._findings.get(activity.id)
        if cached is None:
            cached = check_activity(activity, self.organization(org_id), date.today())
            self._findings[activity.id] = cached
        return cached

    def organization_findings(self, org_id: str) -> list[Finding]:
        """The organisation-level findings (identity, catalogue, duplicate references), cached."""
        if org_id in self._changed_activities and org_id in self._shared:
            self._shared_findings(self.organization(org_id))  # an activity's new reference: duplicates told again
        cached = self._org_findings.get(org_id)
        if cached is None:
            cached = check_organization(self.organization(org_id), date.today())
            self._org_findings[org_id] = cached
        return cached

    def _merged(self, org_id: str) -> tuple[list[Finding], dict[str, list[Finding]]]:
        """What ``check_organization_findings`` gives (shared facts merged), from the cached activity checks."""
        cached = self._all.get(org_id)
        if cached is None:
            org = self.organization(org_id)
            merged = self._shared_findings(org).merged(org)  # first: a changed reference renews the one below
            findings = [*self.organization_findings(org_id), *merged, *self.processor_findings(org_id)]
            by_activity: dict[str, list[Finding]] = {}
            for finding in findings:
                named = getattr(finding, "activities", ())
                if not named:  # most findings: one activity's own (no list to build per finding at 10,000)
                    if finding.activity_id:
                        by_activity.setdefault(finding.activity_id, []).append(finding)
                    continue
                for activity_id in dict.fromkeys([finding.activity_id or "", *named]):
                    if activity_id:
                        by_activity.setdefault(activity_id, []).append(finding)
            cached = self._all[org_id] = (findings, by_activity)
        return cached

    def _shared_findings(self, org: Organization) -> SharedFindings:
        """The activities' findings merged; only the activities changed since are checked and merged again."""
        shared = self._shared.get(org.id)
        changed = self._changed_activities.pop(org.id, {})
        if shared is None:
            own = {activity.id: self.own_findings(org.id, activity) for activity in org.activities}
            shared = self._shared[org.id] = SharedFindings(org, own)
            return shared
        for activity_id in changed:
            activity = org.activity(activity_id)
            findings = self.own_findings(org.id, activity) if activity is not None else None
            if shared.update(org, activity_id, findings):
                self._org_findings.pop(org.id, None)  # a reference came, went or changed: duplicates are told there
        return shared

    def findings(self, org_id: str, activity: Activity) -> list[Finding]:
        """Every finding that names the activity: its own, and the organisation-level ones about it."""
        org = self.organization(org_id)
        return [
            f if f.activity_id is not None else dataclasses.replace(f, field=path_in_activity(f, org, activity))
            for f in self._merged(org_id)[1].get(activity.id, [])
        ]

    def all_findings(self, org_id: str) -> list[Finding]:
        """Every finding of the organisation, each once (what ``check`` lists for it)."""
        return list(self._merged(org_id)[0])

    def finding_count(self, org_id: str) -> int:
        """How many findings ``all_findings`` lists, without copying them (the status bar asks at each keystroke)."""
        return len(self._merged(org_id)[0])

    def findings_per_activity(self, org_id: str) -> dict[str, int]:
        """How many findings name each activity (the list's findings column)."""
        return {activity_id: len(found) for activity_id, found in self._merged(org_id)[1].items()}

    # --- writing (each call is one durable transaction) -------------------------------------------------

    def _announce(self, change: Change, *, saved: bool = True, stale: list[str] | None = None) -> None:
        """Forget the findings the change may alter, then tell the views (one signal, and its finer form).

        ``stale``: the only activities whose own findings the change can alter (known for others' writes).
        """
        self._all.pop(change.org_id, None)
        self._processor_findings.pop(change.org_id, None)  # a client's name or a processing may have changed
        if change.kind in ("activity_changed", "activity_inserted", "activity_removed"):
            # Only this activity is checked again, and only the shared facts it states merged again (at 10,000
            # activities re-merging all of them took most of a live refresh); its organisation's own findings too
            # when its reference changed (duplicates).
            self._findings.pop(change.activity_id, None)
            self._changed_activities.setdefault(change.org_id, {})[change.activity_id] = None
            if change.org_id not in self._shared:
                self._org_findings.pop(change.org_id, None)
            self._tell(change, saved)
            return
        self._org_findings.pop(change.org_id, None)
        if change.kind in PROCESSOR_KINDS:
            pass  # the controller's activities are untouched: their cached findings stand
        elif stale is not None:
            if change.kind != "organization_changed":  # (a catalogue's order names merged recipients' facts)
                self._shared.pop(change.org_id, None)
                self._changed_activities.pop(change.org_id, None)
            for activity_id in stale:
                self._findings.pop(activity_id, None)
                self._changed_activities.setdefault(change.org_id, {})[activity_id] = None
        else:
            self._findings.clear()
            self._org_findings.clear()
            self._all.clear()
            self._processor_findings.clear()
            self._shared.clear()
            self._changed_activities.clear()
        self._tell(change, saved)

    def _tell(self, change: Change, saved: bool) -> None:
        """The views hear of the change (one signal, and its finer form)."""
        self.changed.emit(change)
        if change.kind == "activity_changed":
            self.activityChanged.emit(change.org_id, change.activity_id)
        elif change.kind == "activity_inserted":
            self.activityInserted.emit(change.org_id, change.activity_id, change.index)
        elif change.kind == "activity_removed":
            self.activityRemoved.emit(change.org_id, change.activity_id)
        elif change.kind == "organization_changed":
            self.organizationChanged.emit(change.org_id)
        elif change.kind == "organizations":
            self.organizationsChanged.emit(change.org_id)
        elif change.kind == "recipients":
            self.recipientsChanged.emit(change.org_id)
        elif change.kind == "register":
            self.registerReplaced.emit()
        if saved:  # (not for what someone else saved)
            self.saved.emit()

    def put_activity(
        self,
        org_id: str,
        activity: Activity,
        *,
        touch: bool,
        index: int | None = None,
        store_position: int | None = None,
    ) -> Activity:
        """Write ``activity``; with ``index`` a new one goes at that place. Returns a copy of what was written."""
        written, change = self.editor.put_activity(
            org_id, activity, touch=touch, index=index, store_position=store_position
        )
        self._announce(change)
        return written

    def remove_activity(self, org_id: str, activity_id: str) -> tuple[int, int]:
        """Delete an activity; returns (index in memory, position in the store) to put it back on undo."""
        index, store_position, change = self.editor.remove_activity(org_id, activity_id)
        self._announce(change)
        return index, store_position

    def put_organization(self, org: Organization) -> None:
        """Save identity, contacts and sources (activities and recipients are saved on their own)."""
        self._announce(self.editor.put_organization(org))

    def insert_organization(self, org: Organization, index: int | None = None) -> None:
        self._announce(self.editor.insert_organization(org, index))

    def remove_organization(self, org_id: str) -> tuple[int, Organization]:
        index, removed, change = self.editor.remove_organization(org_id)
        self._announce(change)
        return index, removed

    def put_recipient(self, org_id: str, recipient: Recipient) -> None:
        self._announce(self.editor.put_recipient(org_id, recipient))

    def remove_recipient(self, org_id: str, recipient_id: str) -> None:
        """Delete an unused recipient (RecipientInUseError names the activities using it)."""
        self._announce(self.editor.remove_recipient(org_id, recipient_id))

    def replace_register(self, register: Register, *, owned: bool = False) -> None:
        """Make the file hold exactly ``register`` in one transaction (an import, or undoing one)."""
        self._announce(self.editor.replace_register(register, owned=owned))

    def adopt_register(self, register: Register) -> None:
        """Show ``register``, which the store already holds exactly (an import written on a worker thread)."""
        self.editor.register = register
        self._announce(Change("register"))

    # --- the processor's side (Art. 30(2)) ----------------------------------------------------------------

    def processor_findings(self, org_id: str) -> list[Finding]:
        """The findings about the organisation's processing for clients and its clients (Art. 28, 30(2)), cached."""
        cached = self._processor_findings.get(org_id)
        if cached is None:
            cached = self._processor_findings[org_id] = check_processor(self.organization(org_id), date.today())
        return cached

    def put_processor_activity(
        self,
        org_id: str,
        activity: ProcessorActivity,
        *,
        touch: bool,
        index: int | None = None,
        store_position: int | None = None,
    ) -> ProcessorActivity:
        """Write a processing done for clients (``touch`` stamps its last update); returns what was written."""
        written, change = self.editor.put_processor_activity(
            org_id, activity, touch=touch, index=index, store_position=store_position
        )
        self._announce(change)
        return written

    def remove_processor_activity(self, org_id: str, activity_id: str) -> tuple[int, int]:
        """Delete a processing done for clients; returns (index in memory, position in the store) for undo."""
        index, store_position, change = self.editor.remove_processor_activity(org_id, activity_id)
        self._announce(change)
        return index, store_position

    def put_client(self, org_id: str, client: Client, *, index: int | None = None) -> None:
        self._announce(self.editor.put_client(org_id, client, index=index))

    def remove_client(self, org_id: str, client_id: str) -> int:
        """Delete a client no processing names (ClientInUseError names those that do); returns its index."""
        index, _removed, change = self.editor.remove_client(org_id, client_id)
        self._announce(change)
        return index

    def put_security_measures(self, org_id: str, measures: list[SecurityMeasure]) -> None:
        """The organisation's general description of its security measures (Art. 30(2)(d)), saved with its identity."""
        org = copy.copy(self.organization(org_id))  # shallow: only identity, contacts, sources and these are written
        org.security_measures = copy.deepcopy(measures)
        self.put_organization(org)

    # --- other people's writes (a team register) --------------------------------------------------------------

    def owner_of(self, activity_id: str) -> str | None:
        """The organisation holding ``activity_id`` in memory (None: not known here yet)."""
        return next((o.id for o in self.register.organizations if o.activity(activity_id) is not None), None)

    def take_remote_activity(self, org_id: str, activity_id: str) -> tuple[Activity | None, Activity | None]:
        """Read the activity as the register holds it now into memory: (before, now); now None when deleted."""
        org = self.organization(org_id)
        before = org.activity(activity_id)
        try:
            now = self.store.load_activity(activity_id)
        except StorageError as error:
            if error.code != "not_in_register":
                raise
            now = None
        index = next((i for i, a in enumerate(org.activities) if a.id == activity_id), None)
        if now is None:
            if index is not None:
                del org.activities[index]
                self._announce(Change("activity_removed", org_id, activity_id, index), saved=False)
        elif index is None:  # at its place in the register (the writer's list has it there)
            place = remote_reads.activity_place(self.store, activity_id)
            at = min(place[1], len(org.activities)) if place is not None else len(org.activities)
            org.activities.insert(at, now)
            self._announce(Change("activity_inserted", org_id, activity_id, at), saved=False)
        else:
            org.activities[index] = now
            self._announce(Change("activity_changed", org_id, activity_id), saved=False)
        return before, copy.deepcopy(now)

    def take_remote_organization(self, org_id: str) -> str | None:
        """Read an organisation's identity (or its removal) as the register holds it now; its name, None: gone.

        Its activities and recipients are left as they are: they are announced on their own.
        """
        orgs = self.register.organizations
        index = next((i for i, o in enumerate(orgs) if o.id == org_id), None)
        now = remote_reads.load_identity(self.store, org_id)
        if now is None:
            if index is not None:
                del orgs[index]
                self._announce(Change("organizations", org_id), saved=False)
            return None
        if index is None:  # someone added it: read it whole (a new organisation is small), not shown by force
            orgs.append(self.store.load_organization(org_id))
            self._announce(Change("organizations", ""), saved=False)
            return now.name
        org = orgs[index]
        # Activity checks read the organisation's sources and notes (a "no transfer" statement): else they stand.
        texts = (org.sources, org.notes) == (now.sources, now.notes)
        for spec in dataclasses.fields(Organization):
            if spec.name not in _HELD_APART:
                setattr(org, spec.name, getattr(now, spec.name))
        self._announce(Change("organization_changed", org_id), saved=False, stale=[] if texts else None)
        return now.name

    def take_remote_recipient(self, recipient_id: str) -> str | None:
        """Read a recipient (or its removal) as the register holds it now; its name, None: gone."""
        owner = next((o for o in self.register.organizations if o.recipient(recipient_id) is not None), None)
        found = remote_reads.load_recipient(self.store, recipient_id)
        org = owner if found is None else self.register.organization(found[0])
        if org is None:
            return None  # an organisation not read yet: it comes with its own notice
        recipients = org.recipients
        index = next((i for i, r in enumerate(recipients) if r.id == recipient_id), None)
        if found is None:
            if index is not None:
                del recipients[index]
        elif index is None:
            recipients.append(found[1])
        else:
            recipients[index] = found[1]
        using = [a.id for a in org.activities if any(r.recipient_id == recipient_id for r in a.recipients)]
        self._announce(Change("recipients", org.id), saved=False, stale=using)
        return None if found is None else found[1].name

    def place_of_remote_activity(self, activity_id: str) -> str | None:
        """The organisation of an activity someone else added (None: the role cannot see it)."""
        place = remote_reads.activity_place(self.store, activity_id)
        if place is None or self.register.organization(place[0]) is None:
            return None
        return place[0]

    def reload(self) -> None:
        """Read the whole register again (an organisation or recipient someone changed, or after a lost connection)."""
        self.editor.register = self.store.load()
        self._announce(Change("register"), saved=False)

    def close(self) -> None:
        self.store.close()
