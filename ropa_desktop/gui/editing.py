"""Turns user intentions (edit, new, duplicate, delete...) into store writes and undo commands."""

from __future__ import annotations

import copy
from datetime import date

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QUndoStack

from ..domain.model import Activity, Organization, Recipient, new_id
from .commands import DeleteActivity, EditActivity, EditOrganization, EditRecipient, InsertActivity
from .form.scalar_fields import spec_of
from .i18n import current_language
from .session import RegisterSession


class Editing(QObject):
    """Each method writes once (durably,

    Raising StorageError if it cannot) and only then pushes its command.
    """

    def __init__(self, session: RegisterSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stack = QUndoStack(self)

    def edit_activity(self, org_id: str, after: Activity, field: str, mergeable: bool) -> Activity:
        before = self.session.activity(org_id, after.id)
        if before is None:
            raise KeyError(after.id)
        before = copy.deepcopy(before)
        written = self.session.put_activity(org_id, after, touch=True)
        text = QCoreApplication.translate("Editing", "Edit “%1”").replace(
            "%1", spec_of(field).label(current_language())
        )
        self.stack.push(EditActivity(self.session, org_id, before, written, field, text, mergeable=mergeable))
        return written

    def new_activity(self, org_id: str, after_id: str | None = None) -> Activity:
        """A new draft activity, placed after ``after_id`` (or at the end)."""
        activity = Activity(created=date.today())
        return self._insert(org_id, activity, after_id, QCoreApplication.translate("Editing", "New activity"))

    def duplicate_activity(self, org_id: str, activity_id: str) -> Activity:
        source = self.session.activity(org_id, activity_id)
        if source is None:
            raise KeyError(activity_id)
        activity = copy.deepcopy(source)
        activity.id = new_id()
        activity.created = date.today()
        activity.status = "draft"
        suffix = QCoreApplication.translate("Editing", "(copy)")
        activity.name = f"{activity.name} {suffix}".strip()
        return self._insert(
            org_id, activity, activity_id, QCoreApplication.translate("Editing", "Duplicate activity")
        )

    def _insert(self, org_id: str, activity: Activity, after_id: str | None, text: str) -> Activity:
        if after_id is not None:
            index = self.session.index_of(org_id, after_id) + 1
            store_position: int | None = self.session.store.activity_position(after_id) + 1
        else:
            index, store_position = len(self.session.organization(org_id).activities), None
        written = self.session.put_activity(
            org_id, activity, touch=True, index=index, store_position=store_position
        )
        if store_position is None:
            store_position = self.session.store.activity_position(written.id)
        self.stack.push(InsertActivity(self.session, org_id, written, index, store_position, text))
        return written

    def delete_activity(self, org_id: str, activity_id: str) -> None:
        activity = self.session.activity(org_id, activity_id)
        if activity is None:
            raise KeyError(activity_id)
        activity = copy.deepcopy(activity)
        index, store_position = self.session.remove_activity(org_id, activity_id)
        self.stack.push(
            DeleteActivity(
                self.session,
                org_id,
                activity,
                index,
                store_position,
                QCoreApplication.translate("Editing", "Delete activity"),
            )
        )

    def edit_organization(self, after: Organization) -> None:
        before = copy.deepcopy(self.session.organization(after.id))
        self.session.put_organization(after)
        self.stack.push(
            EditOrganization(
                self.session, before, after, QCoreApplication.translate("Editing", "Edit organisation")
            )
        )

    def save_recipient(self, org_id: str, recipient: Recipient) -> None:
        before = self.session.organization(org_id).recipient(recipient.id)
        before = copy.deepcopy(before)
        self.session.put_recipient(org_id, recipient)
        self.stack.push(
            EditRecipient(
                self.session,
                org_id,
                before,
                recipient,
                QCoreApplication.translate("Editing", "New recipient")
                if before is None
                else QCoreApplication.translate("Editing", "Edit recipient"),
            )
        )

    def delete_recipient(self, org_id: str, recipient_id: str) -> None:
        before = copy.deepcopy(self.session.organization(org_id).recipient(recipient_id))
        self.session.remove_recipient(org_id, recipient_id)
        self.stack.push(
            EditRecipient(
                self.session, org_id, before, None, QCoreApplication.translate("Editing", "Delete recipient")
            )
        )
