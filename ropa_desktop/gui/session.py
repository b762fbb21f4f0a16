"""The open register as the GUI sees it: one durable store call per change, then memory follows."""

from __future__ import annotations

import copy
from datetime import date

from PySide6.QtCore import QObject, Signal

from ..domain.checks import Finding, check_activity
from ..domain.model import Activity, Organization, Recipient, Register
from ..storage.repository import RegisterStore


class RegisterSession(QObject):
    """Writes every change to the store first (durable), then mirrors it in memory and says what changed."""

    activityChanged = Signal(str, str)  # org id, activity id
    activityInserted = Signal(str, str, int)  # org id, activity id, index in the organisation's list
    activityRemoved = Signal(str, str)  # org id, activity id
    organizationChanged = Signal(str)
    registerReplaced = Signal()  # an import, or undoing one: every view reloads
    recipientsChanged = Signal(str)
    saved = Signal()
    failed = Signal(object)  # a StorageError from an undo or redo

    def __init__(self, store: RegisterStore, register: Register, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.register = register
        self._findings: dict[str, list[Finding]] = {}

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    # --- reading ---------------------------------------------------------------------------------------

    def organization(self, org_id: str) -> Organization:
        org = self.register.organization(org_id)
        if org is None:
            raise KeyError(org_id)
        return org

    def activity(self, org_id: str, activity_id: str) -> Activity | None:
        return self.organization(org_id).activity(activity_id)

    def index_of(self, org_id: str, activity_id: str) -> int:
        activities = self.organization(org_id).activities
        return next(i for i, a in enumerate(activities) if a.id == activity_id)

    def findings(self, org_id: str, activity: Activity) -> list[Finding]:
        """The activity's findings, cached until it changes."""
        cached = self._findings.get(activity.id)
        if cached is None:
            cached = check_activity(activity, self.organization(org_id), date.today())
            self._findings[activity.id] = cached
        return cached

    # --- writing (each call is one durable transaction) -------------------------------------------------

    def put_activity(
        self,
        org_id: str,
        activity: Activity,
        *,
        touch: bool,
        index: int | None = None,
        store_position: int | None = None,
    ) -> Activity:
        """Write ``activity``;

        With ``index`` it is (re)inserted at that place. Returns a copy of what was written.
        """
        written = self.store.save_activity(
            org_id, copy.deepcopy(activity), position=store_position, touch=touch
        )
        org = self.organization(org_id)
        self._findings.pop(written.id, None)
        mine = copy.deepcopy(written)
        current = next((i for i, a in enumerate(org.activities) if a.id == written.id), None)
        if current is not None:
            org.activities[current] = mine
            self.activityChanged.emit(org_id, written.id)
        else:
            index = len(org.activities) if index is None else min(index, len(org.activities))
            org.activities.insert(index, mine)
            self.activityInserted.emit(org_id, written.id, index)
        self.saved.emit()
        return copy.deepcopy(written)

    def remove_activity(self, org_id: str, activity_id: str) -> tuple[int, int]:
        """Delete an activity; returns (index in memory, position in the store) to put it back on undo."""
        store_position = self.store.activity_position(activity_id)
        self.store.delete_activity(activity_id)
        org = self.organization(org_id)
        index = self.index_of(org_id, activity_id)
        del org.activities[index]
        self._findings.pop(activity_id, None)
        self.activityRemoved.emit(org_id, activity_id)
        self.saved.emit()
        return index, store_position

    def put_organization(self, org: Organization) -> None:
        """Save identity, contacts and sources (activities and recipients are saved on their own)."""
        self.store.save_organization(org)
        mine = self.organization(org.id)
        keep_activities, keep_recipients = mine.activities, mine.recipients
        index = self.register.organizations.index(mine)
        fresh = copy.deepcopy(org)
        fresh.activities, fresh.recipients = keep_activities, keep_recipients
        self.register.organizations[index] = fresh
        self.organizationChanged.emit(org.id)
        self.saved.emit()

    def put_recipient(self, org_id: str, recipient: Recipient) -> None:
        self.store.save_recipient(org_id, recipient)
        org = self.organization(org_id)
        current = next((i for i, r in enumerate(org.recipients) if r.id == recipient.id), None)
        if current is None:
            org.recipients.append(copy.deepcopy(recipient))
        else:
            org.recipients[current] = copy.deepcopy(recipient)
        self._findings.clear()
        self.recipientsChanged.emit(org_id)
        self.saved.emit()

    def remove_recipient(self, org_id: str, recipient_id: str) -> None:
        """Delete an unused recipient (RecipientInUseError names the activities using it)."""
        self.store.delete_recipient(recipient_id)
        org = self.organization(org_id)
        org.recipients = [r for r in org.recipients if r.id != recipient_id]
        self._findings.clear()
        self.recipientsChanged.emit(org_id)
        self.saved.emit()

    def replace_register(self, register: Register) -> None:
        """Make the file hold exactly ``register`` in one transaction (an import, or undoing one)."""
        self.store.write_register(register, exact=True)
        self.register = copy.deepcopy(register)
        self._findings.clear()
        self.registerReplaced.emit()
        self.saved.emit()

    def close(self) -> None:
        self.store.close()
