"""Edits a lost server could not take, of every record kind: kept by record, saved when it is back, or reviewed."""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ...services import processor_changes as pc
from ...services.changes import ORGANIZATION_FIELD, RECIPIENT_FIELD, Change, ChangeSet
from ...storage.errors import StaleWriteError, StorageError
from ..editing import Editing
from ..i18n import current_language
from ..session import RegisterSession
from .conflict import MAX_ROUNDS, ConflictReviewDialog, last_writer, save_resolving
from .deleted import say_deleted_edit

ACTIVITY, ORGANIZATION, SECURITY = "activity", "organization", "security"
RECIPIENT, CLIENT, PROCESSOR_ACTIVITY = "recipient", "client", "processor_activity"
KINDS = (ACTIVITY, ORGANIZATION, SECURITY, RECIPIENT, CLIENT, PROCESSOR_ACTIVITY)

# The review's change kind of each record kind's fields (it gives their labels and how values are shown).
_REVIEW_KIND = {ORGANIZATION: ORGANIZATION_FIELD, SECURITY: ORGANIZATION_FIELD, RECIPIENT: RECIPIENT_FIELD,
                CLIENT: pc.CLIENT_FIELD, PROCESSOR_ACTIVITY: pc.PROCESSING_FIELD}
# What an organisation holds beside its identity: saved on their own, never part of its identity's edit.
SECURITY_FIELD = "security_measures"
_NOT_FIELDS = frozenset({"id", "updated", "activities", "recipients", "clients", "processor_activities"})


@dataclass
class PendingEdit:
    """One record's edit the server could not take: ``base`` as the user began, ``mine`` as they left it.

    ``kind`` is one of KINDS; SECURITY is the organisation's general security measures (``mine`` the organisation
    holding them), saved on its own as the processor pane saves it.
    """

    kind: str
    org_id: str
    base: Any
    mine: Any
    field: str


def current_record(session: RegisterSession, kind: str, org_id: str, record_id: str) -> Any:
    """The record as the window holds it now (None: gone, or its organisation is)."""
    org = session.register.organization(org_id)
    if org is None:
        return None
    if kind in (ORGANIZATION, SECURITY):
        return org
    if kind == ACTIVITY:
        return org.activity(record_id)
    if kind == RECIPIENT:
        return org.recipient(record_id)
    if kind == CLIENT:
        return org.client(record_id)
    return org.processor_activity(record_id)


def write(editing: Editing, edit: PendingEdit, record: Any) -> None:
    """Save ``record`` as the window's own save path of its kind does (one undo step, as if typed now)."""
    if edit.kind == ACTIVITY:
        editing.edit_activity(edit.org_id, record, edit.field, False)
    elif edit.kind == ORGANIZATION:
        editing.edit_organization(record)
    elif edit.kind == SECURITY:
        editing.edit_general_security(edit.org_id, copy.deepcopy(record.security_measures))
    elif edit.kind == RECIPIENT:
        editing.save_recipient(edit.org_id, record)
    elif edit.kind == CLIENT:
        editing.save_client(edit.org_id, record, edit.field)
    else:
        editing.edit_processor_activity(edit.org_id, record, edit.field, False)


class PendingEdits:
    """The edits waiting for the server, one per record (a second edit of it while away updates the first)."""

    def __init__(self, editing: Editing, parent: QWidget) -> None:
        self.editing = editing
        self.parent_widget = parent
        self.edits: dict[tuple[str, str], PendingEdit] = {}

    def __len__(self) -> int:
        return len(self.edits)

    def keep(self, kind: str, org_id: str, mine: Any, field: str, base: Any = None) -> None:
        """Keep ``mine`` for when the server is back; its base is what the window held before (its first edit's)."""
        key = (kind, mine.id)
        held = self.edits.get(key)
        if held is not None:
            held.mine, held.field = copy.deepcopy(mine), field or held.field
            return
        if base is None:  # (still None for a record being created: nothing of it was saved yet)
            base = current_record(self.editing.session, kind, org_id, mine.id)
        self.edits[key] = PendingEdit(kind, org_id, copy.deepcopy(base), copy.deepcopy(mine), field)

    def save_all(self) -> None:
        """Save each kept edit; the server lost again leaves it and the ones after it kept (raised).

        Another refusal (the role's access withdrawn meanwhile...) is said, and that edit dropped: retried, it would
        be refused at every reconnection.
        """
        for key in list(self.edits):
            edit = self.edits[key]
            try:
                try:
                    self._save(edit)
                except StaleWriteError:
                    self._resolve(edit)
            except StorageError as error:
                if error.code == "server_unreachable":
                    raise
                show = getattr(self.parent_widget, "show_storage_error", None)
                if show is not None:
                    show(error)
            del self.edits[key]

    def _save(self, edit: PendingEdit) -> None:
        write(self.editing, edit, edit.mine)

    def _resolve(self, edit: PendingEdit) -> None:
        """Someone saved the record meanwhile: their value and mine side by side for each field both changed."""
        if edit.kind == ACTIVITY:
            save_resolving(self.editing, self.parent_widget, edit.org_id, edit.base, edit.mine, edit.field)
            return
        session = self.editing.session
        for _round in range(MAX_ROUNDS):
            session.reload()  # theirs, with its version: the merged record is saved against it
            theirs = current_record(session, edit.kind, edit.org_id, edit.mine.id)
            if theirs is None:  # deleted meanwhile: said, with the text the user typed to copy
                say_deleted_edit(self.parent_widget, edit.kind, edit.base, edit.mine)
                return
            merged, review = three_way_record(edit, theirs, session.organization(edit.org_id).name)
            if review.changes:
                title = QCoreApplication.translate("Team", "Someone else changed this record")
                dialog = ConflictReviewDialog(review, last_writer(self.editing, edit.mine.id), current_language(),
                                              self.parent_widget)
                dialog.setWindowTitle(title)
                for change_id in dialog.accepted_ids() if dialog.exec() else []:
                    setattr(merged, change_id, copy.deepcopy(getattr(edit.mine, change_id)))
            if not any(getattr(merged, name) != getattr(theirs, name) for name in _fields(theirs)):
                return
            try:
                write(self.editing, edit, merged)
                return
            except StaleWriteError:
                edit.base = copy.deepcopy(theirs)  # yet another save meanwhile: review against it


_NOTHING = object()  # the base of a record created while the server was away: every field of it is mine


def _fields(record: Any) -> list[str]:
    return [f.name for f in dataclasses.fields(record) if f.name not in _NOT_FIELDS]


def three_way_record(edit: PendingEdit, theirs: Any, organization: str) -> tuple[Any, ChangeSet]:
    """Theirs with each field only I changed set to mine; the fields both changed differently, for the review.

    Each review change's id is the field's name, its ``old`` their value and its ``new`` mine.
    """
    merged = copy.copy(theirs)  # shallow: only the identity's own fields are set (deep copies of mine)
    review = ChangeSet()
    names = [SECURITY_FIELD] if edit.kind == SECURITY else _fields(theirs)
    for name in names:
        mine, now = getattr(edit.mine, name), getattr(theirs, name)
        base = getattr(edit.base, name) if edit.base is not None else _NOTHING
        if mine == base:
            continue  # not mine: theirs stands
        if now in (base, mine):
            setattr(merged, name, copy.deepcopy(mine))
            continue
        label = getattr(theirs, "name", "") or getattr(theirs, "reference", "")
        review.changes.append(Change(name, _REVIEW_KIND[edit.kind], organization, label, name, copy.deepcopy(now),
                                     copy.deepcopy(mine)))
    return merged, review

