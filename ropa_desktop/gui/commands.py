"""Every edit is an undoable command on a domain object, written to the register file when done or undone."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ..domain.model import Activity, Client, Organization, ProcessorActivity, Recipient, Register, SecurityMeasure
from ..services.changes import field_label
from ..storage.errors import StorageError
from .i18n import current_language
from .session import RegisterSession
from .team.merge import UndoRefused, field_wise

EDIT_ACTIVITY_ID = 1001


class StoreCommand(QUndoCommand):
    """A command whose first redo already happened (the caller wrote the change and saw it succeed).

    A later undo or redo that the store refuses (disk full...) is reported through the session and the
    command becomes obsolete rather than leaving memory and file out of step.
    """

    def __init__(self, session: RegisterSession, text: str) -> None:
        super().__init__(text)
        self.session = session
        self._pending_first_redo = True

    def redo(self) -> None:
        if self._pending_first_redo:
            self._pending_first_redo = False
            return
        self._guard(self.do)

    def undo(self) -> None:
        self._guard(self.undo_)

    def _guard(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except StorageError as error:
            self.setObsolete(True)
            self.session.failed.emit(error)

    def do(self) -> None:
        raise NotImplementedError

    def undo_(self) -> None:
        raise NotImplementedError


class EditRecord(StoreCommand):
    """Replace a record by an edited copy; consecutive edits of one text field of it merge into one command.

    One class for the activity and the processing done for clients: a subclass says how the record is written.
    """

    ID = 0  # the undo stack merges commands of one id

    def __init__(
        self,
        session: RegisterSession,
        org_id: str,
        before: Any,
        after: Any,
        field: str,
        text: str,
        *,
        mergeable: bool = False,
    ) -> None:
        super().__init__(session, text)
        self.org_id, self.field = org_id, field
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)
        self.mergeable = mergeable
        self.sealed = False  # the typing it records ended (the field was left): a later burst is its own step

    def id(self) -> int:
        return self.ID

    def _put(self, record: Any) -> Any:
        """Write ``record`` as it is (no new "updated" stamp) and return what was written."""
        raise NotImplementedError

    def do(self) -> None:
        # Redo after undo writes back exactly what the first write produced (its "updated" stamp included).
        self.after = self._put(self.after)

    def undo_(self) -> None:
        self._put(self.before)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            type(other) is type(self)
            and isinstance(other, EditRecord)
            and self.mergeable
            and not self.sealed
            and other.mergeable
            and other.field == self.field
            and other.after.id == self.after.id
            and other.before == self.after  # nobody else wrote in between: one undo step stays one person's
        ):
            return False
        self.after = other.after
        return True


class EditActivity(EditRecord):
    """An activity replaced by an edited copy."""

    ID = EDIT_ACTIVITY_ID

    def _put(self, record: Activity) -> Activity:
        return self.session.put_activity(self.org_id, record, touch=False)

    def do(self) -> None:
        # Redo after undo writes back exactly what the first write produced (its "updated" stamp included).
        self.after = self._own(self.before, self.after)

    def undo_(self) -> None:
        self._own(self.after, self.before)

    def _own(self, mine_from: Activity, mine_to: Activity) -> Activity:
        """Only my fields go back (or forth): on a team register someone may have changed others since.

        When someone has changed one of mine since, it is refused (``UndoRefused`` says which), never overwritten.
        """
        current = self.session.activity(self.org_id, self.after.id)
        if current is None:
            raise UndoRefused([], QCoreApplication.translate("Editing", "Someone else has deleted this activity."))
        written, taken = field_wise(current, mine_from, mine_to)
        if taken:
            lang = current_language()
            quoted = QCoreApplication.translate("Editing", "“%1”")
            names = ", ".join(quoted.replace("%1", field_label(name, lang)) for name in taken)
            raise UndoRefused(taken, QCoreApplication.translate(
                "Editing", "Cannot undo: someone else has changed %1 since your edit. Their value is kept."
            ).replace("%1", names))
        return self._put(written)


class InsertActivity(StoreCommand):
    """A new or duplicated activity, placed at ``index`` (and at ``store_position`` in the file)."""

    def __init__(
        self,
        session: RegisterSession,
        org_id: str,
        activity: Activity,
        index: int,
        store_position: int | None,
        text: str,
    ) -> None:
        super().__init__(session, text)
        self.org_id = org_id
        self.activity, self.index, self.store_position = copy.deepcopy(activity), index, store_position

    def do(self) -> None:
        self.activity = self.session.put_activity(
            self.org_id, self.activity, touch=False, index=self.index, store_position=self.store_position
        )

    def undo_(self) -> None:
        self.session.remove_activity(self.org_id, self.activity.id)


class DeleteActivity(StoreCommand):
    """Delete an activity; undo puts it back exactly, at the same place."""

    def __init__(
        self,
        session: RegisterSession,
        org_id: str,
        activity: Activity,
        index: int,
        store_position: int,
        text: str,
    ) -> None:
        super().__init__(session, text)
        self.org_id, self.activity = org_id, copy.deepcopy(activity)
        self.index, self.store_position = index, store_position

    def do(self) -> None:
        self.index, self.store_position = self.session.remove_activity(self.org_id, self.activity.id)

    def undo_(self) -> None:
        self.session.put_activity(
            self.org_id, self.activity, touch=False, index=self.index, store_position=self.store_position
        )


class EditOrganization(StoreCommand):
    """Replace an organisation's identity and contacts."""

    def __init__(
        self, session: RegisterSession, before: Organization, after: Organization, text: str
    ) -> None:
        super().__init__(session, text)
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)

    def do(self) -> None:
        self.session.put_organization(self.after)

    def undo_(self) -> None:
        self.session.put_organization(self.before)


class EditRecipient(StoreCommand):
    """Create (before None), change, or delete (after None) a catalogue recipient."""

    def __init__(
        self,
        session: RegisterSession,
        org_id: str,
        before: Recipient | None,
        after: Recipient | None,
        text: str,
    ) -> None:
        super().__init__(session, text)
        self.org_id = org_id
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)

    def _apply(self, old: Recipient | None, new: Recipient | None) -> None:
        if new is not None:
            self.session.put_recipient(self.org_id, new)
        elif old is not None:
            self.session.remove_recipient(self.org_id, old.id)

    def do(self) -> None:
        self._apply(self.before, self.after)

    def undo_(self) -> None:
        self._apply(self.after, self.before)


class ImportChanges(StoreCommand):
    """The accepted changes of an import, applied in one transaction: one undo step."""

    def __init__(
        self, session: RegisterSession, before: Register, after: Register, text: str, *, owned: bool = False
    ) -> None:
        super().__init__(session, text)
        # ``owned``: the caller hands both over and keeps neither (copying a large register takes seconds).
        self.before, self.after = (before, after) if owned else (copy.deepcopy(before), copy.deepcopy(after))

    def do(self) -> None:
        self.session.replace_register(self.after)

    def undo_(self) -> None:
        self.session.replace_register(self.before)


class InsertOrganization(StoreCommand):
    """A new or duplicated organisation (with its activities and recipients), at ``index``."""

    def __init__(self, session: RegisterSession, org: Organization, index: int, text: str) -> None:
        super().__init__(session, text)
        self.org, self.index = copy.deepcopy(org), index

    def do(self) -> None:
        self.session.insert_organization(self.org, self.index)

    def undo_(self) -> None:
        self.session.remove_organization(self.org.id)


class DeleteOrganization(StoreCommand):
    """Delete an organisation with everything it holds; undo puts it all back at the same place."""

    def __init__(self, session: RegisterSession, org: Organization, index: int, text: str) -> None:
        super().__init__(session, text)
        self.org, self.index = copy.deepcopy(org), index

    def do(self) -> None:
        self.index, self.org = self.session.remove_organization(self.org.id)

    def undo_(self) -> None:
        self.session.insert_organization(self.org, self.index)


# --- the processor's side (Art. 30(2)) --------------------------------------------------------------------

EDIT_PROCESSOR_ACTIVITY_ID = 1002
EDIT_CLIENT_ID = 1003


class EditProcessorActivity(EditRecord):
    """A processing done for clients replaced by an edited copy."""

    ID = EDIT_PROCESSOR_ACTIVITY_ID

    def _put(self, record: ProcessorActivity) -> ProcessorActivity:
        return self.session.put_processor_activity(self.org_id, record, touch=False)


class InsertProcessorActivity(StoreCommand):
    """Insert (``inserted``) or delete (not ``inserted``) a processing done for clients, at its place."""

    def __init__(
        self,
        session: RegisterSession,
        org_id: str,
        activity: ProcessorActivity,
        index: int,
        store_position: int | None,
        text: str,
        *,
        inserted: bool = True,
    ) -> None:
        super().__init__(session, text)
        self.org_id, self.activity, self.inserted = org_id, copy.deepcopy(activity), inserted
        self.index, self.store_position = index, store_position

    def _put(self) -> None:
        self.activity = self.session.put_processor_activity(
            self.org_id, self.activity, touch=False, index=self.index, store_position=self.store_position
        )

    def _remove(self) -> None:
        self.index, self.store_position = self.session.remove_processor_activity(self.org_id, self.activity.id)

    def do(self) -> None:
        self._put() if self.inserted else self._remove()

    def undo_(self) -> None:
        self._remove() if self.inserted else self._put()


class EditClient(StoreCommand):
    """Create (before None), change, or delete (after None) a client; typing in one field merges."""

    def __init__(
        self,
        session: RegisterSession,
        org_id: str,
        before: Client | None,
        after: Client | None,
        index: int,
        text: str,
        *,
        field: str = "",
    ) -> None:
        super().__init__(session, text)
        self.org_id, self.index, self.field = org_id, index, field
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)

    def id(self) -> int:
        return EDIT_CLIENT_ID

    def _apply(self, old: Client | None, new: Client | None) -> None:
        if new is not None:
            self.session.put_client(self.org_id, new, index=self.index)
        elif old is not None:
            self.index = self.session.remove_client(self.org_id, old.id)

    def do(self) -> None:
        self._apply(self.before, self.after)

    def undo_(self) -> None:
        self._apply(self.after, self.before)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, EditClient)
            and self.field
            and other.field == self.field
            and self.before is not None
            and self.after is not None
            and other.after is not None
            and other.before is not None
            and other.after.id == self.after.id
        ):
            return False
        self.after = other.after
        return True


class EditGeneralSecurity(StoreCommand):
    """Replace the organisation's general description of its security measures."""

    def __init__(
        self,
        session: RegisterSession,
        org_id: str,
        before: list[SecurityMeasure],
        after: list[SecurityMeasure],
        text: str,
    ) -> None:
        super().__init__(session, text)
        self.org_id, self.before, self.after = org_id, copy.deepcopy(before), copy.deepcopy(after)

    def do(self) -> None:
        self.session.put_security_measures(self.org_id, self.after)

    def undo_(self) -> None:
        self.session.put_security_measures(self.org_id, self.before)
