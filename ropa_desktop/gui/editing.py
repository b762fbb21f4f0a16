"""Turns user intentions (edit, new, duplicate, delete...) into store writes and undo commands."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QUndoStack

from ..domain.model import Activity, Client, Organization, ProcessorActivity, Recipient, SecurityMeasure
from ..services.editing import copy_organization
from ..storage.errors import StorageError
from .commands import (
    DeleteActivity,
    DeleteOrganization,
    EditActivity,
    EditClient,
    EditGeneralSecurity,
    EditOrganization,
    EditProcessorActivity,
    EditRecipient,
    EditRecord,
    InsertActivity,
    InsertOrganization,
    InsertProcessorActivity,
)
from .form.scalar_fields import spec_of
from .i18n import current_language
from .session import RegisterSession

T = TypeVar("T")
# A team register's keeper of edits a lost server could not take: (kind, org id, record, field).
Keeper = Callable[[str, str, Any, str], None]


class Editing(QObject):
    """Each method writes once (durably,

    Raising StorageError if it cannot) and only then pushes its command.
    """

    def __init__(self, session: RegisterSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.stack = QUndoStack(self)
        self.keeper: Keeper | None = None  # set by a team register's live link

    def save_or_keep(self, kind: str, org_id: str, record: Any, field: str, save: Callable[[], T]) -> T | None:
        """``save()``; on a team register whose server is away the edit is kept for it instead (None), not lost.

        ``kind`` names the record kind for the keeper ("organization", "client"...); any other error is raised.
        """
        try:
            return save()
        except StorageError as error:
            if self.keeper is None or error.code != "server_unreachable":
                raise
            self.keeper(kind, org_id, record, field)
            return None

    def seal_last(self) -> None:
        """The user left the field they typed in: their next typing there is a new undo step, not this one's."""
        index = self.stack.index()
        command = self.stack.command(index - 1) if index > 0 else None
        if isinstance(command, EditRecord):
            command.sealed = True

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
        """A new draft activity with the next free reference, placed after ``after_id`` (or at the end)."""
        activity = self.session.editor.blank_activity(org_id)
        return self._insert(org_id, activity, after_id, QCoreApplication.translate("Editing", "New activity"))

    def duplicate_activity(self, org_id: str, activity_id: str) -> Activity:
        suffix = QCoreApplication.translate("Editing", "(copy)")
        activity = self.session.editor.duplicate_of(org_id, activity_id, suffix)
        return self._insert(
            org_id, activity, activity_id, QCoreApplication.translate("Editing", "Duplicate activity")
        )

    def _insert(self, org_id: str, activity: Activity, after_id: str | None, text: str) -> Activity:
        index, store_position = self.session.editor.placement(org_id, after_id)
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

    def new_organization(self, name: str) -> Organization:
        """A new organisation, last in the register."""
        org = Organization(name=name)
        index = len(self.session.register.organizations)
        self.session.insert_organization(org, index)
        self.stack.push(
            InsertOrganization(
                self.session, org, index, QCoreApplication.translate("Editing", "New organisation")
            )
        )
        return org

    def rename_organization(self, org_id: str, name: str) -> None:
        after = copy.deepcopy(self.session.organization(org_id))
        after.activities, after.recipients = [], []
        after.name = name
        before = copy.deepcopy(self.session.organization(org_id))
        self.session.put_organization(after)
        self.stack.push(
            EditOrganization(
                self.session, before, after, QCoreApplication.translate("Editing", "Rename organisation")
            )
        )

    def duplicate_organization(self, org_id: str, name: str) -> Organization:
        """A full copy (activities and recipients under new ids), placed after the original."""
        twin = copy_organization(self.session.organization(org_id), name)
        index = self.session.register.organizations.index(self.session.organization(org_id)) + 1
        self.session.insert_organization(twin, index)
        self.stack.push(
            InsertOrganization(
                self.session, twin, index, QCoreApplication.translate("Editing", "Duplicate organisation")
            )
        )
        return twin

    def delete_organization(self, org_id: str) -> None:
        index, removed = self.session.remove_organization(org_id)
        self.stack.push(
            DeleteOrganization(
                self.session, removed, index, QCoreApplication.translate("Editing", "Delete organisation")
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

    # --- the processor's side (Art. 30(2)) ------------------------------------------------------------------

    def edit_processor_activity(
        self, org_id: str, after: ProcessorActivity, field: str, mergeable: bool
    ) -> ProcessorActivity:
        before = self.session.organization(org_id).processor_activity(after.id)
        if before is None:
            raise KeyError(after.id)
        before = copy.deepcopy(before)
        written = self.session.put_processor_activity(org_id, after, touch=True)
        text = QCoreApplication.translate("Editing", "Edit “%1”").replace(
            "%1", spec_of(field, "processor_activity").label(current_language())
        )
        self.stack.push(
            EditProcessorActivity(self.session, org_id, before, written, field, text, mergeable=mergeable)
        )
        return written

    def new_processor_activity(self, org_id: str, after_id: str | None = None) -> ProcessorActivity:
        """A new draft processing for clients with the next free reference, after ``after_id`` (or last)."""
        activity = self.session.editor.blank_processor_activity(org_id)
        return self._insert_processor(
            org_id, activity, after_id, QCoreApplication.translate("Editing", "New processing for clients")
        )

    def duplicate_processor_activity(self, org_id: str, activity_id: str) -> ProcessorActivity:
        suffix = QCoreApplication.translate("Editing", "(copy)")
        activity = self.session.editor.duplicate_processor_activity_of(org_id, activity_id, suffix)
        return self._insert_processor(
            org_id, activity, activity_id, QCoreApplication.translate("Editing", "Duplicate processing")
        )

    def _insert_processor(
        self, org_id: str, activity: ProcessorActivity, after_id: str | None, text: str
    ) -> ProcessorActivity:
        index, store_position = self.session.editor.processor_placement(org_id, after_id)
        written = self.session.put_processor_activity(
            org_id, activity, touch=True, index=index, store_position=store_position
        )
        if store_position is None:
            store_position = self.session.store.processor_activity_position(written.id)
        self.stack.push(InsertProcessorActivity(self.session, org_id, written, index, store_position, text))
        return written

    def delete_processor_activity(self, org_id: str, activity_id: str) -> None:
        activity = self.session.organization(org_id).processor_activity(activity_id)
        if activity is None:
            raise KeyError(activity_id)
        activity = copy.deepcopy(activity)
        index, store_position = self.session.remove_processor_activity(org_id, activity_id)
        text = QCoreApplication.translate("Editing", "Delete processing")
        self.stack.push(
            InsertProcessorActivity(self.session, org_id, activity, index, store_position, text, inserted=False)
        )

    def save_client(self, org_id: str, client: Client, field: str = "", mergeable: bool = False) -> None:
        """Create or change a client; typing in one field (``mergeable``) is one undo step."""
        org = self.session.organization(org_id)
        before = copy.deepcopy(org.client(client.id))
        index = next((i for i, c in enumerate(org.clients) if c.id == client.id), len(org.clients))
        self.session.put_client(org_id, client, index=index)
        if before is None:
            text = QCoreApplication.translate("Editing", "New client")
        else:
            label = spec_of(field, "client").label(current_language()) if field else ""
            text = QCoreApplication.translate("Editing", "Edit “%1”").replace("%1", label or client.name)
        self.stack.push(
            EditClient(self.session, org_id, before, client, index, text, field=field if mergeable else "")
        )

    def delete_client(self, org_id: str, client_id: str) -> None:
        """Delete a client no processing names (the caller says which do, and does not call this then)."""
        org = self.session.organization(org_id)
        before = copy.deepcopy(org.client(client_id))
        if before is None:
            raise KeyError(client_id)
        index = self.session.remove_client(org_id, client_id)
        text = QCoreApplication.translate("Editing", "Delete client")
        self.stack.push(EditClient(self.session, org_id, before, None, index, text))

    def edit_general_security(self, org_id: str, measures: list[SecurityMeasure]) -> None:
        before = copy.deepcopy(self.session.organization(org_id).security_measures)
        self.session.put_security_measures(org_id, measures)
        text = QCoreApplication.translate("Editing", "Edit the general security measures")
        self.stack.push(EditGeneralSecurity(self.session, org_id, before, measures, text))
