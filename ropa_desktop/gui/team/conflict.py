"""A save someone else's change made stale: both sides per field in the review dialog, the user's choice saved."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from ...domain.model import Activity
from ...services.changes import ChangeSet, display, field_label
from ...storage import remote_reads
from ...storage.errors import StaleWriteError
from ..editing import Editing
from ..form.scalar_fields import get_path
from ..i18n import current_language
from ..import_review import ImportReviewDialog
from .deleted import labelled, record_label, say_deleted
from .merge import changed_fields, three_way

MAX_ROUNDS = 5  # someone saving again while the user chooses: the review comes back with their newer value


class ConflictReviewDialog(ImportReviewDialog):
    """The import review, worded for a conflict: their value beside mine, ticked = keep mine."""

    def __init__(self, changes: ChangeSet, other: str, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(changes, lang, parent)
        self.setObjectName("conflictReviewDialog")
        self.setWindowTitle(self.tr("Someone else changed this activity"))
        theirs = self.tr("Value saved by %1").replace("%1", other)
        mine = self.tr("Your value")
        self.tree.setHeaderLabels([self.tr("Field changed by both"), self.tr("Field"), theirs, mine])
        for label in self.findChildren(QLabel):
            if label.buddy() is self.old_text:
                label.setText(theirs)
            elif label.buddy() is self.new_text:
                label.setText(mine)
        self.accept_button.setText(self.tr("Save the chosen values"))
        self.cancel_button.setText(self.tr("Keep all of theirs"))
        self.select_all.setText(self.tr("Keep all of mine"))
        self.select_none.hide()  # "Keep all of theirs" is the cancel button here
        self._update_summary()

    def _update_summary(self) -> None:
        if not hasattr(self, "select_none") or self.objectName() != "conflictReviewDialog":
            super()._update_summary()
            return
        self.summary.setText(self.tr(
            "%n field(s) were changed both by you and by someone else since you opened this activity. "
            "Ticked: your value is saved; unticked: theirs is kept. Your other changes are saved as they are.",
            "", len(self.changes.changes)))


def last_writer(editing: Editing, activity_id: str) -> str:
    """Who last changed the activity, as the audit log names them (the database role)."""
    try:
        entries = editing.session.store.audit_log(activity_id)
    except Exception:
        entries = []
    return entries[-1].user if entries else QCoreApplication.translate("Team", "someone else")


def save_resolving(
    editing: Editing, parent: QWidget, org_id: str, base: Activity, mine: Activity, field: str
) -> Activity | None:
    """Save ``mine`` (edited from ``base``) merged with what the register holds now; the user picks per field.

    Fields only I changed are mine, fields only they changed are theirs, and a field both changed is shown side by
    side. Returns what was saved (None: nothing of mine remained to save, or the activity is gone).
    """
    session = editing.session
    for _round in range(MAX_ROUNDS):
        _before, theirs = session.take_remote_activity(org_id, mine.id)
        if theirs is None:
            if remote_reads.organization_visible(session.store, org_id):
                _deleted(parent, mine, field)
            else:  # row-level security: the row is there for others, this role no longer sees its organisation
                say_withdrawn(parent, session.organization(org_id).name, mine, field)
            return None
        merge = three_way(session.organization(org_id), base, mine, theirs)
        chosen: list[str] = []
        if merge.review.changes:
            dialog = ConflictReviewDialog(merge.review, last_writer(editing, mine.id), current_language(), parent)
            chosen = dialog.accepted_ids() if dialog.exec() else []
        merged = merge.merged(chosen)
        if not changed_fields(theirs, merged):
            return None
        try:
            return editing.edit_activity(org_id, merged, field, False)
        except StaleWriteError:
            base = theirs  # yet another save meanwhile: review against it
    return None


def _deleted(parent: QWidget, mine: Activity, field: str) -> None:
    """Someone deleted the activity meanwhile: the user's text is shown so that it can be copied, not lost."""
    lang = current_language()
    value = display(get_path(mine, field), lang, field) if field else ""
    say_deleted(parent, record_label(mine), labelled(field_label(field, lang), value, lang) if field else value)


def say_withdrawn(parent: QWidget, organization: str, mine: Activity, field: str) -> None:
    """Access to the organisation was withdrawn meanwhile: nothing was deleted, the user's text is shown to copy."""
    lang = current_language()
    value = display(get_path(mine, field), lang, field) if field else ""
    QMessageBox.warning(parent, QCoreApplication.translate("Team", "Access withdrawn"),
                        QCoreApplication.translate(
                            "Team", "Your access to “%1” was withdrawn while you were editing “%2”: your role can no "
                            "longer see it, so nothing was saved (the activity itself was not deleted). Ask the "
                            "register's administrator. What you typed:\n\n%3")
                        .replace("%1", organization)
                        .replace("%2", " ".join(filter(None, (mine.reference, mine.name))))
                        .replace("%3", value))
